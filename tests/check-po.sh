#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Translation checks, as TAP: every file with translatable strings is in
# POTFILES.in, id.po translates every string with nothing fuzzy, and the
# catalogue compiles with msgfmt --check.
set -u
top=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
result () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=$((failed + 1))
  fi
}

echo "1..5"

# Same keywords as meson's glib preset.
keywords="--keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3"

: > "$tmp/missing"
for f in $(find src ui -name '*.c' -o -name '*.ui' | sort); do
  rm -f "$tmp/one.pot"
  xgettext --from-code=UTF-8 $keywords -o "$tmp/one.pot" "$f" 2>/dev/null
  if [ -s "$tmp/one.pot" ] && ! grep -qx "$f" po/POTFILES.in; then
    echo "$f" >> "$tmp/missing"
  fi
done
if [ -s "$tmp/missing" ]; then
  sed 's/^/# not in po\/POTFILES.in: /' "$tmp/missing"
fi
[ ! -s "$tmp/missing" ]
result $? "POTFILES.in lists every file with translatable strings"

: > "$tmp/stale"
grep -v '^#' po/POTFILES.in | grep -v '^$' | while read -r f; do
  [ -f "$f" ] || echo "$f" >> "$tmp/stale"
done
if [ -s "$tmp/stale" ]; then
  sed 's/^/# listed but missing: /' "$tmp/stale"
fi
[ ! -s "$tmp/stale" ]
result $? "POTFILES.in lists only existing files"

grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 $keywords --add-comments=Translators \
  --files-from="$tmp/files" -o "$tmp/kerjasama.pot" 2>"$tmp/xgettext.err"
msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" po/id.po "$tmp/kerjasama.pot" 2>"$tmp/merge.err"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -c '^msgid ' )
# The header entry is always listed by msgattrib when anything is.
[ "$untranslated" -eq 0 ]
status=$?
if [ $status -ne 0 ]; then
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep '^msgid ' | sed 's/^/# untranslated: /' | head -n 40
fi
result $status "id.po translates every string in the sources"

fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/id.po | grep -c '^msgid ')
[ "$fuzzy" -eq 0 ]
status=$?
[ $status -ne 0 ] && msgattrib --only-fuzzy po/id.po | grep '^msgid ' | sed 's/^/# fuzzy: /'
result $status "id.po has no fuzzy entries"

msgfmt --check --statistics -o /dev/null po/id.po > "$tmp/msgfmt.out" 2>&1
status=$?
sed 's/^/# /' "$tmp/msgfmt.out"
result $status "msgfmt --check accepts id.po"

[ $failed -eq 0 ]

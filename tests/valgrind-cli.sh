#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs each headless command under valgrind --leak-check=full and fails
# on any definite leak or memory error (TAP output, one line a command).
#   tests/valgrind-cli.sh PROGRAM      (meson test --suite slow runs it)
set -u
program=${1:-${KS_PROGRAM:-}}
supp="$(dirname "$0")/valgrind.supp"

if ! command -v valgrind >/dev/null; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export GSETTINGS_SCHEMA_DIR=/nonexistent G_SLICE=always-malloc G_DEBUG=gc-friendly LANGUAGE=C
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

printf 'region,title,notes,ends_on\n' >"$dir/in.csv"
i=0
while [ $i -lt 30 ]; do
  printf '33.14,Agreement %d,"Notes, %d",2030-12\n' $i $i >>"$dir/in.csv"
  i=$((i + 1))
done

n=0
status=0
check() {
  n=$((n + 1))
  if valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
       --show-leak-kinds=definite --error-exitcode=99 --num-callers=30 \
       --suppressions="$supp" --log-file="$dir/valgrind-$n.log" \
       "$program" --database "$dir/r.db" "$@" >/dev/null 2>"$dir/stderr-$n.log"; then
    echo "ok $n $*"
  else
    echo "not ok $n $*"
    sed 's/^/# /' "$dir/valgrind-$n.log" "$dir/stderr-$n.log"
    status=1
  fi
}

echo "1..7"
check --load-demo
check --import "$dir/in.csv"
check --export-csv "$dir/out.csv"
check --check
check --report "$dir/report.xlsx"
check --annual-report "$dir/annual.pdf" --year 2015
check --export-csv "$dir/view.csv" --view expiring --check-reminders
exit $status

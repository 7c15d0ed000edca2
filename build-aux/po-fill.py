#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes (context, English, Indonesian) triples from a Python file as a
PO fragment, for merging into po/id.po with msgcat.  A maintainer's aid:
    build-aux/po-fill.py TRIPLES.py > fragment.po
"""
import sys

def quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n') + '"'

scope = {}
exec(open(sys.argv[1], encoding='utf-8').read(), scope)
out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
for ctx, en, idn in scope['T']:
    if ctx:
        out.append('msgctxt ' + quote(ctx))
    out.append('msgid ' + quote(en))
    out.append('msgstr ' + quote(idn))
    out.append('')
sys.stdout.write('\n'.join(out))

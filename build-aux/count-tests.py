#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts individual test cases (TAP lines) in meson test logs.

meson reports one result per test program; CI wants every GTest case, so
this reads the TAP each program printed.  A program that failed without
a failing TAP line counts as one failure, and so does a missing log (the
build never got as far as the tests).
"""
import json
import re
import sys


def count(test):
    ok = bad = skip = 0
    for tap in (test.get('stdout') or '').splitlines():
        if re.match(r'^ok\b', tap):
            if re.search(r'#\s*SKIP', tap, re.I):
                skip += 1
            else:
                ok += 1
        elif re.match(r'^not ok\b', tap):
            bad += 1
    result = test.get('result')
    if result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and bad == 0:
        bad = 1
    if ok + bad + skip == 0:
        if result == 'OK':
            ok = 1
        elif result == 'SKIP':
            skip = 1
    return ok, bad, skip


def main():
    passed = failed = skipped = 0
    for path in sys.argv[1:]:
        try:
            log = open(path, encoding='utf-8')
        except OSError:
            failed += 1
            continue
        with log:
            for line in log:
                ok, bad, skip = count(json.loads(line))
                passed += ok
                failed += bad
                skipped += skip
    line = f'{passed} passed, {failed} failed'
    if skipped:
        line += f', {skipped} skipped'
    print(line)
    return 1 if failed else 0


sys.exit(main())

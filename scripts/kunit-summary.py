#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise kunit.py --json output: one line per suite, every case that
did not pass, and a closing 'N passed, N failed, N skipped' line.
Exit status 1 if any case failed, crashed or was skipped."""
import json
import sys


def cases(group, path=()):
    for sub in group.get('sub_groups', []):
        yield from cases(sub, path + (sub['name'],))
    for case in group.get('test_cases', []):
        yield path, case['name'], case['status']


def main():
    path, accel, elapsed = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(path) as f:
        top = json.load(f)
    suites = {}
    bad = []
    for p, name, status in cases(top):
        suite = p[0] if p else '?'
        s = suites.setdefault(suite, {'PASS': 0, 'FAIL': 0, 'SKIP': 0, 'ERROR': 0})
        s[status] = s.get(status, 0) + 1
        if status != 'PASS':
            bad.append(f"  {status}: {'.'.join(p + (name,))}")
    total = {'PASS': 0, 'FAIL': 0, 'SKIP': 0, 'ERROR': 0}
    for suite, s in suites.items():
        print(f"suite {suite}: {s['PASS']} passed, {s['FAIL'] + s['ERROR']} failed, {s['SKIP']} skipped")
        for k in total:
            total[k] += s.get(k, 0)
    print('\n'.join(bad)) if bad else None
    if not suites:
        print('no test results (the kernel ran no suite)')
    print(f"kunit ({accel}, {elapsed} s): {total['PASS']} passed, "
          f"{total['FAIL'] + total['ERROR']} failed, {total['SKIP']} skipped")
    return 0 if suites and not bad else 1


if __name__ == '__main__':
    sys.exit(main())

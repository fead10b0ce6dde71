#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print one 'PASS|FAIL suite.case' line per KUnit case of a kunit.py
--json file. Anything but PASS (a failure, a crash, a skip) is FAIL: a
skipped test is not a pass."""
import json
import sys


def walk(group, path=()):
    for sub in group.get('sub_groups', []):
        yield from walk(sub, path + (sub['name'],))
    for case in group.get('test_cases', []):
        yield '.'.join(path + (case['name'],)), case['status']


with open(sys.argv[1]) as f:
    for name, status in walk(json.load(f)):
        print('PASS' if status == 'PASS' else 'FAIL', name if status in ('PASS', 'FAIL') else f'{name} ({status})')

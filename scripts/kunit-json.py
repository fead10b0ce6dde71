#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The one reader of kunit.py --json output.

  kunit-json.py summary FILE ACCEL SECONDS
      one line per suite, every case that did not pass, and a closing
      'kunit (ACCEL, SECONDS s): N passed, N failed, N skipped' line
  kunit-json.py cases FILE
      one 'PASS|FAIL suite.case' line per case

A case passes only if its status is PASS. A skipped case is not a pass:
'summary' counts it as skipped, 'cases' prints it as FAIL with '(SKIP)',
and both exit 1. Errors kunit.py reports while parsing (results missing
from the kernel's output) fail too. A file with no case at all, an
unreadable or malformed file: a message on stderr and exit 1 (2 for bad
usage)."""
import json
import sys


def walk(group, path=()):
    """Yield (path, case, status) for every case under group."""
    for sub in group.get('sub_groups', []) or []:
        yield from walk(sub, path + (str(sub.get('name', '?')),))
    for case in group.get('test_cases', []) or []:
        status = str(case.get('status', 'FAIL'))
        yield path, str(case.get('name', '?')), status


def load(path):
    try:
        with open(path) as f:
            top = json.load(f)
    except OSError as e:
        sys.exit(f'kunit-json: cannot read {path}: {e.strerror}')
    except ValueError as e:
        sys.exit(f'kunit-json: {path} is not kunit.py JSON: {e}')
    if not isinstance(top, dict):
        sys.exit(f'kunit-json: {path} is not kunit.py JSON (no top-level group)')
    cases = list(walk(top))
    misc = top.get('misc') or {}
    errors = misc.get('errors', 0) if isinstance(misc, dict) else 0
    return cases, errors


def verdict(status):
    return 'PASS' if status == 'PASS' else 'SKIP' if status == 'SKIP' else 'FAIL'


def summary(path, accel, elapsed):
    cases, errors = load(path)
    suites = {}
    bad = []
    total = {'PASS': 0, 'FAIL': 0, 'SKIP': 0}
    for p, name, status in cases:
        v = verdict(status)
        s = suites.setdefault(p[0] if p else '?', {'PASS': 0, 'FAIL': 0, 'SKIP': 0})
        s[v] += 1
        total[v] += 1
        if v != 'PASS':
            bad.append(f"  {status}: {'.'.join(p + (name,))}")
    for suite, s in suites.items():
        print(f"suite {suite}: {s['PASS']} passed, {s['FAIL']} failed, {s['SKIP']} skipped")
    for line in bad:
        print(line)
    if errors:
        print(f'  ERROR: kunit.py reported {errors} error(s) parsing the results '
              '(results missing from the kernel output)')
    if not cases:
        print('no test results (the kernel ran no case)')
    print(f"kunit ({accel}, {elapsed} s): {total['PASS']} passed, "
          f"{total['FAIL']} failed, {total['SKIP']} skipped")
    return 0 if cases and not bad and not errors else 1


def list_cases(path):
    cases, errors = load(path)
    for p, name, status in cases:
        full = '.'.join(p + (name,))
        print('PASS ' + full if status == 'PASS' else f'FAIL {full} ({status})')
    if errors:
        print(f'FAIL kunit.py: {errors} error(s) parsing the results')
    if not cases:
        print(f'kunit-json: no test case in {path}', file=sys.stderr)
    return 0 if cases and not errors and all(s == 'PASS' for _, _, s in cases) else 1


def main(argv):
    if len(argv) == 5 and argv[1] == 'summary':
        return summary(argv[2], argv[3], argv[4])
    if len(argv) == 3 and argv[1] == 'cases':
        return list_cases(argv[2])
    print(__doc__.split('\n\n')[1], file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))

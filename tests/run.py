#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Run the parser tests in tests/ (Python's unittest, nothing to install).

    tests/run.py          one 'PASS name' or 'FAIL name: why' line per test,
                          then 'parsers: N passed, N failed of E'
    tests/run.py --list   the names of the tests, one a line

A test that errors or is skipped counts as failed. Exit status 0 only if
every test ran and passed.
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def tests(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from tests(t)
        else:
            yield t


def name(test):
    return '%s.%s' % (type(test).__name__, test._testMethodName)


class Result(unittest.TestResult):
    """The first problem of each test, by name."""

    def __init__(self):
        super().__init__()
        self.bad = {}
        self.started = []
        self.setup = []

    def startTest(self, test):
        super().startTest(test)
        self.started.append(name(test))

    def _note(self, test, why):
        self.bad.setdefault(name(test), why)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._note(test, str(err[1]).splitlines()[0] if str(err[1]) else err[0].__name__)

    def addError(self, test, err):
        super().addError(test, err)
        why = '%s: %s' % (err[0].__name__, err[1])
        if hasattr(test, '_testMethodName'):
            self._note(test, why)
        else:
            # setUpClass and the like: its tests never start.
            self.setup.append('%s: %s' % (test.description, why))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._note(test, 'skipped: ' + reason)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._note(test, '%s: %s' % (subtest._subDescription(), str(err[1]).splitlines()[0]))


def main(argv):
    all_tests = list(tests(unittest.defaultTestLoader.discover(HERE, top_level_dir=HERE)))
    if argv[1:] == ['--list']:
        for t in all_tests:
            print(name(t))
        return 0
    if argv[1:]:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    suite = unittest.defaultTestLoader.discover(HERE, top_level_dir=HERE)
    res = Result()
    suite.run(res)
    # A test that never started (its class's setUpClass failed) failed.
    setup = '; '.join(res.setup)
    for t in all_tests:
        if name(t) not in res.started:
            res.bad.setdefault(name(t), 'did not run' + (': ' + setup if setup else ''))
    ran = [name(t) for t in all_tests]
    npass = 0
    for n in ran:
        if n in res.bad:
            print('FAIL %s: %s' % (n, res.bad[n][:200]))
        else:
            print('PASS ' + n)
            npass += 1
    print('parsers: %d passed, %d failed of %d' % (npass, len(ran) - npass, len(all_tests)))
    return 0 if npass == len(all_tests) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))

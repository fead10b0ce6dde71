#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The one list of kernel splats: lines of a kernel log that say the kernel
went wrong, wherever on the line they start (a console interleaves kernel
messages with other output, so a splat may begin in the middle of a line).

    splats.py FILE     one 'SPLAT (<name>): line <n>: <text>' per line that
                       matches, then '<N> splat lines'; exit 1 if N > 0

debug.sh scans the whole console of a KUnit run with it; mm-selftests-tap.py
imports find() for the kernel messages of each program's run.
"""
import re
import sys

# (name, regex); the first that matches names the line.
SPLATS = [
    ('warning', r'WARNING:'),
    ('kasan', r'KASAN:'),
    ('kfence', r'KFENCE:'),
    ('ubsan', r'UBSAN:'),
    ('bad rss', r'Bad rss-counter state'),
    ('bad page', r'Bad page (state|map)|page dumped because'),
    ('bad pmd', r'bad pmd'),
    ('bug', r'BUG:'),
    ('lockdep circular', r'possible circular locking'),
    ('lockdep inconsistent', r'inconsistent lock state'),
    ('lockdep recursive', r'possible recursive locking'),
    ('lockdep', r'INFO: lockdep'),
    ('rcu', r'suspicious RCU usage'),
    ('rcu stall', r'rcu: INFO: .* detected stalls'),
    ('hung task', r'INFO: task .* blocked for more than'),
    ('oops', r'Oops'),
    ('gpf', r'general protection fault'),
    ('panic', r'Kernel panic'),
    ('rust panic', r'panicked at'),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in SPLATS]


def find(line):
    """The name of the splat on line, or None."""
    for name, rx in _COMPILED:
        if rx.search(line):
            return name
    return None


def scan(path):
    """[(line number, name, text)] of every splat line of the file."""
    found = []
    with open(path, errors='replace') as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip('\r\n')
            name = find(line)
            if name:
                found.append((no, name, line))
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__.split('\n\n')[1], file=sys.stderr)
        return 2
    try:
        found = scan(argv[1])
    except OSError as e:
        print(f'splats: cannot read {argv[1]}: {e.strerror}', file=sys.stderr)
        return 2
    for no, name, line in found:
        print(f'SPLAT ({name}): line {no}: {line}')
    print(f'{len(found)} splat lines')
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))

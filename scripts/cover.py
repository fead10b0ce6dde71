#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Extract the cover letter text (subject line, blank line, body) from a
git format-patch cover letter, for use as a branch description."""
import email
import email.policy
import re
import sys


def read(path):
    with open(path, 'rb') as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    subject = re.sub(r'^\[[^]]*\]\s*', '', str(msg['subject']))
    body = msg.get_content()
    # The body ends where format-patch's shortlog and diffstat begin.
    end = re.search(r'^\S.* \(\d+\):\n', body, re.M)
    if end:
        body = body[:end.start()]
    return subject.strip() + '\n\n' + body.strip() + '\n'


if __name__ == '__main__':
    if len(sys.argv) != 3 or sys.argv[1] != 'read':
        sys.exit('usage: cover.py read COVER-LETTER')
    sys.stdout.write(read(sys.argv[2]))

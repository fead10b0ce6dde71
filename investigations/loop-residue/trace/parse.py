#!/usr/bin/env python3
# parse.py LISTING TRACE : per-TB counts -> instructions executed in the function
import re, sys, collections
listing, trace = sys.argv[1], sys.argv[2]
ins = []   # (addr, text)
for line in open(listing):
    m = re.match(r'\s*([0-9a-f]+):\s+(\S.*)$', line)
    if m and not line.lstrip().startswith('0000'):
        ins.append((int(m.group(1), 16), m.group(2).strip()))
addrs = [a for a, _ in ins]
idx = {a: i for i, a in enumerate(addrs)}
def stops_before(i, start):
    if i + 1 >= len(ins): return False
    end = ins[i + 1][0] - 1
    return end >> 12 != start >> 12
def tb_len(pc):
    i = idx[pc]; n = 0
    while i < len(ins):
        if n and stops_before(i, pc): break
        n += 1
        t = ins[i][1]
        if re.match(r'(j\w+|call\w*|ret\w*|ud2|int3)\b', t):
            break
        i += 1
    return n
cnt = collections.Counter()
for line in open(trace):
    m = re.search(r'/([0-9a-f]{16})/', line)
    if m:
        cnt[int(m.group(1), 16)] += 1
tot = 0
rows = []
for pc, c in cnt.items():
    if pc not in idx:
        print('pc not at an instruction start: %x' % pc, file=sys.stderr); continue
    l = tb_len(pc); tot += c * l
    rows.append((pc, c, l))
print('total instructions', tot)
for pc, c, l in sorted(rows):
    print('%x %8d x %3d = %9d  %s' % (pc, c, l, c * l, ins[idx[pc]][1]))

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the zap_bench lines of a raw KUnit log into a table and JSON.

    bench-table.py parse LOG JSON [KEY=VALUE ...]   table on stdout, JSON written
    bench-table.py compare OLD.json NEW.json        per-row agreement of two runs

The kernel prints, per (case, n, impl), the minimum and the median over the
repetitions of three windows in TSC ticks (instructions under -icount shift=0):
zap (the page table walk and the decisions), free (tlb_finish_mmu()) and
total. The table gives them per PTE. Exit status 1 if the log has no rows,
if the calibration is missing or off by more than 0.1%, or if a compare
finds a window whose minima differ by more than 0.1% and by more than 256
instructions (1% if C and Rust moved together), a row whose Rust - C delta
differs by as much, or a row in one run only.

Two boots of one image agree to 0.06% or better on windows of a million
instructions and more, but a small window can move by a hundred: 131 of
83,000 (0.16%) was measured, for the sparse case at 8192 PTEs. And a boot
can start in a state that makes every repetition of a small window dearer
or cheaper: mthp at 512 PTEs was measured 424 instructions (0.8%) cheaper
in one boot than in the next, for C and Rust alike, the delta unchanged.
"""
import json
import re
import sys

LINE = re.compile(r'zap_bench: (case=\S+ .*|calibrate .*)$')
ORDER = ['munmap', 'dontneed', 'null', 'cow_punch', 'shmem_punch', 'guard',
         'mthp', 'sparse']
TOLERANCE = 0.001
ABS_TOLERANCE = 256
COMMON_TOLERANCE = 0.01


def fields(text):
    return dict(kv.split('=', 1) for kv in text.split() if '=' in kv)


def parse_log(path):
    rows, calib, notes = {}, None, []
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.search(line.rstrip())
            if not m:
                continue
            text = m.group(1)
            if text.startswith('calibrate'):
                calib = fields(text)
                continue
            kv = fields(text)
            if 'zap_min' not in kv:
                notes.append(text)
                continue
            key = (kv['case'], int(kv['n']), kv['impl'])
            rows[key] = {k: (v if k in ('case', 'impl') else int(v))
                         for k, v in kv.items()}
    return rows, calib, notes


def per_pte(row, field):
    return row[field] / row['n']


def build(rows):
    cases = sorted({c for c, _, _ in rows},
                   key=lambda c: (ORDER.index(c) if c in ORDER else len(ORDER), c))
    table = []
    for case in cases:
        for n in sorted({n for c, n, _ in rows if c == case}):
            c, r = rows.get((case, n, 'c')), rows.get((case, n, 'rust'))
            if not c:
                continue
            entry = {'case': case, 'n': n}
            for w in ('zap', 'free', 'total'):
                for s in ('min', 'med'):
                    entry[f'c_{w}_{s}'] = per_pte(c, f'{w}_{s}')
                    if r:
                        entry[f'rust_{w}_{s}'] = per_pte(r, f'{w}_{s}')
            if r:
                for w in ('zap', 'total'):
                    entry[f'{w}_ratio'] = r[f'{w}_min'] / c[f'{w}_min']
                    entry[f'{w}_delta'] = (r[f'{w}_min'] - c[f'{w}_min']) / n
            table.append(entry)
    return table


def fmt(v, spec='.3f'):
    return '-' if v is None else format(v, spec)


def print_table(table, calib):
    print('Instructions per PTE (QEMU TCG, -icount shift=0,sleep=on: one TSC tick per guest instruction).')
    print('zap = the page table walk with the decisions; total = zap + TLB flush + freeing;')
    print('ratio and delta from the minima; delta = Rust - C instructions per PTE.\n')
    head = (f"{'case':<12} {'n':>6} | {'C min':>8} {'C med':>8} {'Rust min':>8} {'Rust med':>8} "
            f"{'Rust/C':>7} {'delta':>7} | {'tot C':>8} {'tot Rust':>8} {'Rust/C':>7} {'delta':>7}")
    print('zap window' + ' ' * 66 + 'zap + free')
    print(head)
    print('-' * len(head))
    for e in table:
        print(f"{e['case']:<12} {e['n']:>6} | {fmt(e['c_zap_min']):>8} {fmt(e['c_zap_med']):>8} "
              f"{fmt(e.get('rust_zap_min')):>8} {fmt(e.get('rust_zap_med')):>8} "
              f"{fmt(e.get('zap_ratio'), '.4f'):>7} {fmt(e.get('zap_delta'), '+.3f'):>7} | "
              f"{fmt(e['c_total_min']):>8} {fmt(e.get('rust_total_min')):>8} "
              f"{fmt(e.get('total_ratio'), '.4f'):>7} {fmt(e.get('total_delta'), '+.3f'):>7}")


def check_calib(calib):
    if not calib:
        return 'no calibration line in the log'
    want, got = int(calib['insns']), int(calib['measured'])
    err = abs(got - want) / want
    print(f"\ncalibration: two loops differing by {want} instructions measured {got} ticks apart "
          f"({(got - want) / want * 100:+.4f}%; the timing window itself costs "
          f"{calib['window_overhead']})")
    if 'ktime_ns' in calib:
        k = int(calib['ktime_ns'])
        print(f"             ktime_get_ns() saw {k} ns ({(k - want) / want * 100:+.4f}%: it scales "
              f"the TSC by the frequency the kernel measured at boot)")
    if err > TOLERANCE:
        return f'calibration off by {err * 100:.3f}%: the guest clock does not count instructions'
    return None


def cmd_parse(log, out, extra):
    rows, calib, notes = parse_log(log)
    if not rows:
        print(f'error: no zap_bench result lines in {log}', file=sys.stderr)
        return 1
    table = build(rows)
    print_table(table, calib)
    for note in notes:
        print('note:', note)
    err = check_calib(calib)
    meta = dict(kv.split('=', 1) for kv in extra)
    with open(out, 'w') as f:
        json.dump({'meta': meta, 'calibration': calib, 'notes': notes, 'table': table,
                   'rows': sorted(rows.values(), key=lambda r: (r['case'], r['n'], r['impl']))},
                  f, indent=1)
        f.write('\n')
    if err:
        print('error:', err, file=sys.stderr)
        return 1
    return 0


def differs(x, y, tolerance=TOLERANCE):
    """x and y disagree: by more than tolerance of x and by more than ABS_TOLERANCE."""
    diff = abs(y - x)
    return diff > tolerance * x and diff > ABS_TOLERANCE


def cmd_compare(old, new):
    with open(old) as f:
        a = {(r['case'], r['n'], r['impl']): r for r in json.load(f)['rows']}
    with open(new) as f:
        b = {(r['case'], r['n'], r['impl']): r for r in json.load(f)['rows']}
    common = set(a) & set(b)

    def delta(run, case, n, w):
        return run[(case, n, 'rust')][w] - run[(case, n, 'c')][w]

    def delta_agrees(case, n, w):
        if (case, n, 'c') not in common or (case, n, 'rust') not in common:
            return False
        c = a[(case, n, 'c')][w]
        return not differs(c, c + abs(delta(b, case, n, w) - delta(a, case, n, w)))

    worst, worst_abs, bad, together, bad_delta = 0.0, 0, 0, 0, 0
    print(f"\nagreement with the previous run ({old}), minima:")
    print(f"{'case':<12} {'n':>6} {'impl':<5} {'zap':>10} {'total':>10}")
    for key in sorted(common):
        case, n, impl = key
        devs = []
        for w in ('zap_min', 'total_min'):
            x, y = a[key][w], b[key][w]
            devs.append(abs(y - x) / x if x else 0.0)
            worst = max(worst, devs[-1])
            worst_abs = max(worst_abs, abs(y - x))
            if not differs(x, y):
                continue
            # A boot can start in a state that makes a small window dearer
            # or cheaper (mthp at 512 PTEs: 424 instructions, 0.8%, in C
            # and in Rust alike). Such a shift is allowed up to
            # COMMON_TOLERANCE when C and Rust moved together, so that the
            # Rust - C delta of the row is what it was.
            if delta_agrees(case, n, w) and not differs(x, y, COMMON_TOLERANCE):
                together += 1
            else:
                bad += 1
        print(f"{case:<12} {n:>6} {impl:<5} {devs[0] * 100:>9.4f}% {devs[1] * 100:>9.4f}%")
    for case, n, impl in sorted(common):
        for w in ('zap_min', 'total_min'):
            if impl == 'c' and (case, n, 'rust') in common and not delta_agrees(case, n, w):
                print(f"{case} {n}: Rust - C {w} was {delta(a, case, n, w)} instructions, "
                      f"now {delta(b, case, n, w)}")
                bad_delta += 1
    missing = set(a) ^ set(b)
    print(f"{len(common)} rows compared, largest difference {worst * 100:.4f}% "
          f"(largest in instructions: {worst_abs}); {bad} windows differ by more than "
          f"{TOLERANCE * 100:.1f}% and {ABS_TOLERANCE} instructions, {together} more moved "
          f"by up to {COMMON_TOLERANCE * 100:.0f}% in C and Rust together; "
          f"{bad_delta} Rust - C deltas differ"
          + (f"; {len(missing)} rows in one run only" if missing else ''))
    return 1 if bad or bad_delta or missing else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'parse':
        return cmd_parse(argv[2], argv[3], argv[4:])
    if len(argv) == 4 and argv[1] == 'compare':
        return cmd_compare(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))

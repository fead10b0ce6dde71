#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the zap_bench lines of raw KUnit logs into a table and JSON.

    bench-table.py parse JSON LOG... [-- KEY=VALUE ...]   table on stdout, JSON written
    bench-table.py compare OLD.json NEW.json             agreement of two boots

The kernel prints, per (case, n, impl), the minimum and the median over the
repetitions of three windows in TSC ticks (instructions under -icount shift=0):
zap (the page table walk and the decisions), free (tlb_finish_mmu()) and
total. Each LOG is one boot (several kernels' logs may be concatenated);
with several boots of the same images, a row takes the smallest minimum of
its boots and the median of its first, and the table gives, per row, how
far apart the boots' zap minima were ("boots", instructions per PTE, the
larger of C and Rust): a delta smaller than that is not a difference.

Exit status 1 if a log has no rows, if a row has a C or a Rust side only
(both kernels run every row), if the calibration is missing or off
by more than 0.1%, or if a compare finds a window whose minima differ by
more than 1% and by more than 256 instructions, or a row in one boot only.
Two boots of one image agree to 0.06% or better on windows of a million
instructions and more. Smaller windows depend on the state a boot starts
in (the guest's devices are not in lockstep with its instructions): 424
of 53,000 instructions (0.8%) were measured for mthp at 512 PTEs, 456 of
145,000 (0.3%) for sparse at 8192, on C and Rust alike.
"""
import json
import re
import sys

LINE = re.compile(r'zap_bench: (case=\S+ .*|calibrate .*)$')
ORDER = ['munmap', 'dontneed', 'null', 'cow_punch', 'shmem_punch', 'guard',
         'mthp', 'sparse']
TOLERANCE = 0.001
ABS_TOLERANCE = 256
BOOT_TOLERANCE = 0.01


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


def merge(boots):
    """One row per key from the rows of several boots: the smallest minima,
    the first boot's medians, and the spread of the zap minima."""
    rows = {}
    for boot in boots:
        for key, r in boot.items():
            if key not in rows:
                rows[key] = dict(r, boots=1, zap_min_max=r['zap_min'])
                continue
            m = rows[key]
            m['boots'] += 1
            m['zap_min_max'] = max(m['zap_min_max'], r['zap_min'])
            for w in ('zap_min', 'free_min', 'total_min'):
                m[w] = min(m[w], r[w])
    for m in rows.values():
        m['zap_min_spread'] = m.pop('zap_min_max') - m['zap_min']
    return rows


def per_pte(row, field):
    return row[field] / row['n']


def one_sided(rows):
    """'case n=N has no <impl> row' for every row that lacks a side."""
    out = []
    for case, n in sorted({(c, n) for c, n, _ in rows}):
        for impl, name in (('c', 'C'), ('rust', 'Rust')):
            if (case, n, impl) not in rows:
                out.append(f'{case} n={n} has no {name} result')
    return out


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
            entry['boots'] = min(x['boots'] for x in (c, r) if x)
            entry['boot_spread'] = max(x['zap_min_spread'] for x in (c, r) if x) / n
            table.append(entry)
    return table


def fmt(v, spec='.3f'):
    return '-' if v is None else format(v, spec)


def print_table(table, calib):
    print('Instructions per PTE (QEMU TCG, -icount shift=0,sleep=on: one TSC tick per guest instruction).')
    print('zap = the page table walk with the decisions; total = zap + TLB flush + freeing;')
    print('ratio and delta from the minima; delta = Rust - C instructions per PTE;')
    print('boots = how far apart the zap minima of the boots were, per PTE (- with one boot).\n')
    head = (f"{'case':<12} {'n':>6} | {'C min':>8} {'C med':>8} {'Rust min':>8} {'Rust med':>8} "
            f"{'Rust/C':>7} {'delta':>7} {'boots':>6} | {'tot C':>8} {'tot Rust':>8} {'Rust/C':>7} {'delta':>7}")
    print('zap window' + ' ' * 73 + 'zap + free')
    print(head)
    print('-' * len(head))
    for e in table:
        print(f"{e['case']:<12} {e['n']:>6} | {fmt(e['c_zap_min']):>8} {fmt(e['c_zap_med']):>8} "
              f"{fmt(e.get('rust_zap_min')):>8} {fmt(e.get('rust_zap_med')):>8} "
              f"{fmt(e.get('zap_ratio'), '.4f'):>7} {fmt(e.get('zap_delta'), '+.3f'):>7} "
              f"{fmt(e['boot_spread'] if e['boots'] > 1 else None):>6} | "
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


def cmd_parse(out, logs, extra):
    boots, calib, notes = [], None, []
    for log in logs:
        rows, c, n = parse_log(log)
        if not rows:
            print(f'error: no zap_bench result lines in {log}', file=sys.stderr)
            return 1
        boots.append(rows)
        calib = calib or c
        notes += n
    notes = list(dict.fromkeys(notes))
    rows = merge(boots)
    table = build(rows)
    print_table(table, calib)
    for note in notes:
        print('note:', note)
    err = check_calib(calib)
    lacking = one_sided(rows)
    if lacking:
        err = '; '.join(lacking) + (f'; and {err}' if err else '')
    meta = dict(kv.split('=', 1) for kv in extra)
    with open(out, 'w') as f:
        json.dump({'meta': meta, 'boots': len(logs), 'calibration': calib, 'notes': notes, 'table': table,
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
    worst, worst_abs, small, bad = 0.0, 0, 0, 0
    print(f"\nagreement with the previous boot ({old}), minima:")
    print(f"{'case':<12} {'n':>6} {'impl':<5} {'zap':>10} {'total':>10}")
    for key in sorted(common):
        devs = []
        for w in ('zap_min', 'total_min'):
            x, y = a[key][w], b[key][w]
            devs.append(abs(y - x) / x if x else 0.0)
            worst = max(worst, devs[-1])
            worst_abs = max(worst_abs, abs(y - x))
            small += differs(x, y) and not differs(x, y, BOOT_TOLERANCE)
            bad += differs(x, y, BOOT_TOLERANCE)
        print(f"{key[0]:<12} {key[1]:>6} {key[2]:<5} {devs[0] * 100:>9.4f}% {devs[1] * 100:>9.4f}%")
    missing = set(a) ^ set(b)
    print(f"{len(common)} rows compared, largest difference {worst * 100:.4f}% "
          f"(largest in instructions: {worst_abs}); {small} windows differ by more than "
          f"{TOLERANCE * 100:.1f}% and {ABS_TOLERANCE} instructions, {bad} by more than "
          f"{BOOT_TOLERANCE * 100:.0f}%"
          + (f"; {len(missing)} rows in one boot only" if missing else ''))
    return 1 if bad or missing else 0


def main(argv):
    if len(argv) >= 4 and argv[1] == 'parse':
        rest = argv[3:]
        logs = rest[:rest.index('--')] if '--' in rest else rest
        extra = rest[len(logs) + 1:]
        if logs:
            return cmd_parse(argv[2], logs, extra)
    if len(argv) == 4 and argv[1] == 'compare':
        return cmd_compare(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))

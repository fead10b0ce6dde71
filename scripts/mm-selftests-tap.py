#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the consoles of scripts/mm-selftests.sh's boots and judge each program.

The guest (scripts/mm-selftests-init.sh) delimits every run with
"MMST BEGIN <prog> <path>" / "MMST END <prog> <path> rc=<n> cs=<n>".
Per program and path the kselftest TAP output is counted: the "# Totals:"
line(s) if any, else the top-level "ok"/"not ok" lines, else the exit
status alone. A program passes only if it ran on both paths, neither had a
failure, and both paths counted the same.

--both-failed prints the programs that failed or timed out on both paths
(the base kernel run) and nothing else.
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splats import find as splat  # noqa: E402  the one list of splats

TOTALS = re.compile(r'^# Totals: pass:(\d+) fail:(\d+) xfail:(\d+) xpass:(\d+) skip:(\d+) error:(\d+)')
TAP = re.compile(r'^(not ok|ok) \d+\b(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)')
KSFT_SKIP = 4


def read_console(path):
    """Runs by (prog, path), facts, pools, whether the guest finished."""
    runs = {}
    facts = []
    cur = None
    dmesg = None
    done = False
    begun = False
    if not os.path.exists(path):
        return runs, facts, done
    with open(path, errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\r\n').replace('\r', '')
            if line.startswith('MMST '):
                w = line.split()
                kind = w[1]
                if kind == 'FACT':
                    facts.append(' '.join(w[2:]))
                elif kind == 'POOL' and len(w) >= 4:
                    runs.setdefault((w[2], w[3]), new_run())['pool'] = ' '.join(w[4:])
                elif kind == 'PATH' and len(w) >= 5:
                    runs.setdefault((w[2], w[3]), new_run())['switch'] = w[4]
                elif kind == 'BEGIN' and len(w) >= 4:
                    cur = runs.setdefault((w[2], w[3]), new_run())
                    cur['begun'] = True
                    begun = True
                elif kind == 'END' and len(w) >= 6:
                    r = runs.setdefault((w[2], w[3]), new_run())
                    r['rc'] = int(w[4].split('=')[1])
                    r['cs'] = int(w[5].split('=')[1])
                    cur = None
                elif kind == 'DMESG' and len(w) >= 4:
                    dmesg = runs.setdefault((w[2], w[3]), new_run())
                elif kind == 'DMESG-END':
                    dmesg = None
                elif kind == 'DONE':
                    done = True
                continue
            if cur is not None:
                cur['out'].append(line)
            elif dmesg is not None:
                if splat(line):
                    dmesg['kernel'].append(line.strip())
            elif not begun and splat(line):
                # A splat while the kernel boots, before any program:
                # reported as a fact, and it fails every program.
                facts.append('bootsplat ' + line.strip()[:160])
    return runs, facts, done


def new_run():
    return {'begun': False, 'rc': None, 'cs': None, 'out': [], 'kernel': [],
            'pool': '', 'switch': None}


def count(run, ptimeout):
    """(pass, fail, skip, notes) of one run."""
    p = f = s = 0
    notes = []
    totals = [TOTALS.match(l) for l in run['out']]
    totals = [m for m in totals if m]
    if totals:
        for m in totals:
            ps, fl, xf, xp, sk, er = (int(x) for x in m.groups())
            p += ps + xf
            f += fl + xp + er
            s += sk
    else:
        seen = 0
        plan = None
        for l in run['out']:
            pm = PLAN.match(l)
            if pm and plan is None:
                plan = int(pm.group(1))
            m = TAP.match(l)
            if not m:
                continue
            seen += 1
            directive = m.group(2)
            if re.search(r'#\s*SKIP', directive, re.I):
                s += 1
            elif m.group(1) == 'ok' or re.search(r'#\s*TODO', directive, re.I):
                p += 1
            else:
                f += 1
        if plan is not None and seen < plan:
            # The stream stopped early: what was never reported failed.
            notes.append('%d of %d planned results missing' % (plan - seen, plan))
            f += plan - seen
        if not seen and plan is None:
            notes.append('no TAP output, judged by exit status')
            if run['rc'] == 0:
                p = 1
            elif run['rc'] == KSFT_SKIP:
                s = 1
    rc = run['rc']
    if rc is None:
        notes.append('did not finish (the boot ended)')
        f += 1
    elif rc == 137 and run['cs'] is not None and run['cs'] >= ptimeout * 100 - 100:
        notes.append('timed out after %d s' % ptimeout)
        f += 1
    elif rc == 127 and not run['out']:
        notes.append('program missing in the guest')
        f += 1
    elif rc not in (0, KSFT_SKIP) and f == 0:
        notes.append('exit status %d with no failed case' % rc)
        f += 1
    if run['kernel']:
        notes.append('kernel: ' + run['kernel'][0][:120])
    return p, f, s, notes


def fmt(c):
    return '%d/%d/%d' % (c['pass'], c['fail'], c['skip'])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--progs', required=True)
    ap.add_argument('--build-failed', default='')
    ap.add_argument('--series-console', required=True)
    ap.add_argument('--series-status', default='ok')
    ap.add_argument('--series-secs', type=int, default=0)
    ap.add_argument('--base-console', default='')
    ap.add_argument('--base-status', default='not run')
    ap.add_argument('--base-secs', type=int, default=0)
    ap.add_argument('--ptimeout', type=int, default=600)
    ap.add_argument('--accel', default='tcg')
    ap.add_argument('--wall', type=int, default=0)
    ap.add_argument('--both-failed', action='store_true')
    a = ap.parse_args()

    progs = a.progs.split()
    build_failed = set(a.build_failed.split())
    runs, facts, done = read_console(a.series_console)
    bruns, bfacts, bdone = read_console(a.base_console) if a.base_console else ({}, [], False)

    bootsplat = [x[len('bootsplat '):] for x in facts if x.startswith('bootsplat ')]
    results = []
    both_failed = []
    for prog in progs:
        r = {'prog': prog, 'paths': {}}
        for path in ('C', 'Rust', 'base'):
            run = (bruns if path == 'base' else runs).get((prog, path))
            if not run or not run['begun']:
                continue
            p, f, s, notes = count(run, a.ptimeout)
            r['paths'][path] = {'pass': p, 'fail': f, 'skip': s, 'rc': run['rc'],
                                'secs': None if run['cs'] is None else run['cs'] / 100,
                                'switch': run['switch'], 'pool': run['pool'],
                                'notes': notes, 'kernel': run['kernel'][:10]}
        c = r['paths'].get('C')
        rust = r['paths'].get('Rust')
        reasons = []
        if prog in build_failed:
            r['verdict'] = 'SKIP'
            reasons.append('build failed (see selftests-build.log)')
        elif c is None or rust is None:
            r['verdict'] = 'SKIP'
            missing = ' and '.join(x for x, v in (('C', c), ('Rust', rust)) if v is None)
            reasons.append('not run on %s: %s' % (missing, a.series_status if a.series_status != 'ok'
                                                   else 'absent from the console'))
        else:
            bad_switch = [x for x, v in (('C', c), ('Rust', rust))
                          if v['switch'] != {'C': '0', 'Rust': '1'}[x]]
            if bad_switch:
                r['verdict'] = 'SKIP'
                reasons.append('the %s kernel is not the one it should be'
                               ' (zap_verdicts_for in /proc/kallsyms: %s)' % (
                                   ' and '.join(bad_switch),
                                   ', '.join(str(r['paths'][x]['switch']) for x in bad_switch)))
            else:
                failed = [x for x, v in (('C', c), ('Rust', rust)) if v['fail']]
                # A kernel BUG, WARNING or bad rss counter during a run
                # fails the program even if its cases passed.
                kern = [x for x, v in (('C', c), ('Rust', rust)) if v['kernel']]
                same = (c['pass'], c['fail'], c['skip']) == (rust['pass'], rust['fail'], rust['skip'])
                if failed:
                    reasons.append('failures on %s' % ' and '.join(failed))
                if not same:
                    reasons.append('the paths differ')
                for x, v in (('C', c), ('Rust', rust)):
                    for n in v['notes']:
                        if not n.startswith('no TAP'):
                            reasons.append('%s: %s' % (x, n))
                if bootsplat:
                    reasons.append('kernel splat at boot: %s' % bootsplat[0])
                r['verdict'] = 'PASS' if not failed and not kern and same and not bootsplat else 'FAIL'
                if c['fail'] and rust['fail']:
                    both_failed.append(prog)
        base = r['paths'].get('base')
        if base:
            if base['fail']:
                reasons.append('base %s: fails on the base kernel too' % fmt(base))
            else:
                reasons.append('base %s' % fmt(base))
        elif prog in both_failed and a.base_status not in ('not run',):
            reasons.append('base: %s' % a.base_status)
        r['reasons'] = reasons
        results.append(r)

    if a.both_failed:
        print(' '.join(both_failed))
        return 0

    lines = []
    for r in results:
        c = r['paths'].get('C')
        rust = r['paths'].get('Rust')
        if r['verdict'] == 'SKIP':
            lines.append('SKIP mmst %s: %s' % (r['prog'], '; '.join(r['reasons'])))
            continue
        s = '%s mmst %s (C %s, Rust %s)' % (r['verdict'], r['prog'], fmt(c), fmt(rust))
        if r['reasons']:
            s += ': ' + '; '.join(r['reasons'])
        lines.append(s)
    n = len(results)
    npass = sum(r['verdict'] == 'PASS' for r in results)
    nfail = sum(r['verdict'] == 'FAIL' for r in results)
    nskip = sum(r['verdict'] == 'SKIP' for r in results)
    total = 'mm-selftests: %d programs, %d passed, %d failed, %d skipped, wall %d s' % (
        n, npass, nfail, nskip, a.wall)

    table = ['%-22s %-4s %-12s %8s  %-12s %8s  %-12s %8s' % (
        'program', 'res', 'C p/f/s', 'C s', 'Rust p/f/s', 'Rust s', 'base p/f/s', 'base s')]
    for r in results:
        cells = []
        for x in ('C', 'Rust', 'base'):
            v = r['paths'].get(x)
            cells += [fmt(v) if v else '-',
                      ('%.1f' % v['secs']) if v and v['secs'] is not None else '-']
        table.append('%-22s %-4s %-12s %8s  %-12s %8s  %-12s %8s' % (r['prog'], r['verdict'], *cells))

    summary = []
    summary.append('mm selftests on the C kernel and on the Rust kernel, one boot each (%s)' % a.accel)
    summary.append('series boot: %s, %d s; base boot: %s, %d s' % (
        a.series_status, a.series_secs, a.base_status, a.base_secs))
    summary.append('facilities:')
    summary += ['  ' + x for x in facts if not x.startswith('cmdline')]
    summary += ['  ' + x for x in facts if x.startswith('cmdline')]
    summary.append('')
    summary += table
    summary.append('')
    summary += lines
    summary.append(total)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, 'summary.txt'), 'w') as f:
        f.write('\n'.join(summary) + '\n')
    with open(os.path.join(a.out, 'results.json'), 'w') as f:
        json.dump({'accel': a.accel, 'wall_secs': a.wall,
                   'series': {'status': a.series_status, 'secs': a.series_secs,
                              'finished': done, 'facilities': facts},
                   'base': {'status': a.base_status, 'secs': a.base_secs,
                            'finished': bdone, 'facilities': bfacts},
                   'programs': results,
                   'totals': {'programs': n, 'passed': npass, 'failed': nfail,
                              'skipped': nskip}}, f, indent=1)
    for x in lines:
        print(x)
    print(total)
    # A boot that did not finish is an error too, whatever was counted.
    return 1 if nfail or a.series_status not in ('ok', 'not run') else 0


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: GPL-2.0
"""The harness's parsers against logs whose verdicts are known.

Every verdict the harness reports comes from one of four readers: the
KUnit JSON reader (kunit-json.py), the splat scanner (splats.py), the mm
selftests console reader (mm-selftests-tap.py) and the benchmark table
(bench-table.py). Each test below feeds one of them a fixture under
tests/fixtures/ whose right answer is written in the fixture or here, and
checks the verdict. The KUnit JSON fixtures are what kunit.py itself made
of the .log next to each ("kunit.py parse --json=X.json X.log" in a kernel
tree regenerates them), so the reader is tested on the format it reads.

    python3 -m unittest discover -s tests -v     (make parsers, or tests/run.py)
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = os.path.join(TOP, 'scripts')
FIX = os.path.join(TOP, 'tests', 'fixtures')


def run(script, *args):
    """(exit status, stdout, stderr) of scripts/<script> ARGS."""
    p = subprocess.run([sys.executable, os.path.join(SCRIPTS, script), *args],
                       capture_output=True, text=True, timeout=60, check=False)
    return p.returncode, p.stdout, p.stderr


def fixture(*parts):
    return os.path.join(FIX, *parts)


class KunitJson(unittest.TestCase):
    """kunit-json.py: a case passes only if kunit.py says PASS."""

    def cases(self, name):
        return run('kunit-json.py', 'cases', fixture('kunit', name + '.json'))

    def test_all_pass(self):
        rc, out, _ = self.cases('pass')
        self.assertEqual(rc, 0)
        self.assertEqual(out.splitlines(), [
            'PASS zap_contract.keeps_cow_on_hole_punch',
            'PASS zap_contract.zaps_anon_on_munmap',
            'PASS zap_policy.table'])

    def test_skip_is_not_a_pass(self):
        rc, out, _ = self.cases('skip')
        self.assertEqual(rc, 1)
        self.assertIn('FAIL zap_contract.uffd_wp_marker (SKIP)', out.splitlines())
        rc, out, _ = run('kunit-json.py', 'summary', fixture('kunit', 'skip.json'), 'tcg', '1')
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines()[-1], 'kunit (tcg, 1 s): 1 passed, 0 failed, 1 skipped')

    def test_failed_case(self):
        rc, out, _ = self.cases('fail')
        self.assertEqual(rc, 1)
        self.assertIn('FAIL zap_contract.keeps_cow_on_hole_punch (FAIL)', out.splitlines())
        self.assertIn('PASS zap_contract.zaps_anon_on_munmap', out.splitlines())
        # The per-suite summary that decides a KUnit run's verdict says so too.
        rc, out, _ = run('kunit-json.py', 'summary', fixture('kunit', 'fail.json'), 'tcg', '1')
        self.assertEqual(rc, 1)
        self.assertIn('  FAIL: zap_contract.keeps_cow_on_hole_punch', out.splitlines())
        self.assertEqual(out.splitlines()[-1], 'kunit (tcg, 1 s): 1 passed, 1 failed, 0 skipped')

    def test_crash_mid_suite(self):
        # The kernel panicked after the first of three cases: the case
        # that passed stays a pass, the rest and the lost suite fail.
        rc, out, _ = self.cases('crash')
        self.assertEqual(rc, 1)
        lines = out.splitlines()
        self.assertEqual(lines[0], 'PASS zap_contract.keeps_cow_on_hole_punch')
        self.assertEqual(sum(x.startswith('PASS ') for x in lines), 1)
        self.assertIn('FAIL kunit.py: 4 error(s) parsing the results', lines)
        rc, out, _ = run('kunit-json.py', 'summary', fixture('kunit', 'crash.json'), 'tcg', '1')
        self.assertEqual(rc, 1)
        self.assertIn('ERROR: kunit.py reported 4 error(s)', out)

    def test_no_case_at_all(self):
        rc, out, err = self.cases('none')
        self.assertEqual(rc, 1)
        self.assertNotIn('PASS', out)
        self.assertIn('no test case in', err)

    def test_parse_errors_alone_fail(self):
        # Every case that was seen passed, but kunit.py lost some results.
        with tempfile.NamedTemporaryFile('w', suffix='.json') as f:
            json.dump({'name': 'main', 'misc': {'errors': 1}, 'sub_groups': [
                {'name': 'zap', 'test_cases': [{'name': 'a', 'status': 'PASS'}]}]}, f)
            f.flush()
            for mode in (['cases'], ['summary']):
                args = mode + [f.name] + (['tcg', '1'] if mode == ['summary'] else [])
                rc, out, _ = run('kunit-json.py', *args)
                self.assertEqual(rc, 1, mode)
                self.assertIn('error(s)', out)

    def test_not_json(self):
        with tempfile.NamedTemporaryFile('w', suffix='.json') as f:
            f.write('{"name": ')
            f.flush()
            rc, _, err = run('kunit-json.py', 'cases', f.name)
        self.assertEqual(rc, 1)
        self.assertIn('is not kunit.py JSON', err)


class Splats(unittest.TestCase):
    """splats.py: a splat is found wherever on the line it starts."""

    def scan(self, text):
        with tempfile.NamedTemporaryFile('w', suffix='.log') as f:
            f.write(text)
            f.flush()
            return run('splats.py', f.name)

    def test_clean_log(self):
        rc, out, _ = self.scan(fixture_text('kunit', 'pass.log'))
        self.assertEqual((rc, out), (0, '0 splat lines\n'))

    def test_splats_named(self):
        rc, out, _ = self.scan(fixture_text('kunit', 'crash.log'))
        self.assertEqual(rc, 1)
        self.assertEqual([x.split(':')[0] for x in out.splitlines()[:-1]],
                         ['SPLAT (bug)', 'SPLAT (oops)', 'SPLAT (panic)'])
        self.assertEqual(out.splitlines()[-1], '3 splat lines')

    def test_mid_line(self):
        # A program's output and a kernel message on one console line.
        rc, out, _ = self.scan('ok 1 a\nok 2 b[   4.2] WARNING: CPU: 1 PID: 90 at mm/memory.c:1\n')
        self.assertEqual(rc, 1)
        self.assertTrue(out.startswith('SPLAT (warning): line 2: ok 2 b['), out)

    def test_each_kind(self):
        for line, name in (('BUG: KASAN: use-after-free in zap_pte_range', 'kasan'),
                           ('BUG: Bad rss-counter state mm:0 type:MM_ANONPAGES val:-1', 'bad rss'),
                           ('BUG: Bad page state in process a  pfn:01234', 'bad page'),
                           ('page dumped because: nonzero mapcount', 'bad page'),
                           ('WARNING: possible circular locking dependency detected', 'warning'),
                           ('rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:', 'rcu stall'),
                           ('INFO: task kunit_try_catch:77 blocked for more than 120 seconds.',
                            'hung task'),
                           ("rust_kernel: panicked at mm/zap_policy.rs:10:5:", 'rust panic'),
                           ('UBSAN: shift-out-of-bounds in mm/memory.c:1', 'ubsan')):
            with self.subTest(line=line):
                rc, out, _ = self.scan(line + '\n')
                self.assertEqual(rc, 1)
                self.assertTrue(out.startswith(f'SPLAT ({name}): line 1: '), out)

    def test_unreadable(self):
        rc, _, err = run('splats.py', '/nonexistent/console.log')
        self.assertEqual(rc, 2)
        self.assertIn('cannot read /nonexistent/console.log', err)


def fixture_text(*parts):
    with open(fixture(*parts)) as f:
        return f.read()


class MmSelftests(unittest.TestCase):
    """mm-selftests-tap.py: a program passes only if it ran to the end on
    both paths, nothing failed, the kernel said nothing and both counted
    the same."""

    PROGS = 'good cut crashed splat differ slow wrongpath notok lost absent'

    @classmethod
    def setUpClass(cls):
        cls.out = tempfile.TemporaryDirectory()
        cls.rc, stdout, _ = run('mm-selftests-tap.py', '--out', cls.out.name, '--progs', cls.PROGS,
                                '--series-console', fixture('mmst', 'series.console'),
                                '--ptimeout', '20')
        cls.lines = {x.split()[2].rstrip(':'): x for x in stdout.splitlines() if x.split()[1:2] == ['mmst']}
        cls.total = stdout.splitlines()[-1]

    @classmethod
    def tearDownClass(cls):
        cls.out.cleanup()

    def verdict(self, prog):
        return self.lines[prog].split()[0]

    def test_pass_on_both_paths(self):
        self.assertEqual(self.lines['good'], 'PASS mmst good (C 2/0/0, Rust 2/0/0)')

    def test_truncated_tap_stream(self):
        # Plan 1..5, two results, exit status 0: three results were lost.
        self.assertEqual(self.verdict('cut'), 'FAIL')
        self.assertIn('C: 3 of 5 planned results missing', self.lines['cut'])

    def test_crashed_program(self):
        # Killed by SIGSEGV (139) after two oks.
        self.assertEqual(self.verdict('crashed'), 'FAIL')
        self.assertIn('exit status 139 with no failed case', self.lines['crashed'])

    def test_kernel_splat_fails_passing_cases(self):
        self.assertEqual(self.verdict('splat'), 'FAIL')
        self.assertIn('Rust: kernel: ', self.lines['splat'])
        self.assertIn('Bad rss-counter state', self.lines['splat'])

    def test_paths_differ(self):
        self.assertEqual(self.lines['differ'],
                         'FAIL mmst differ (C 3/0/1, Rust 4/0/0): the paths differ')

    def test_timeout(self):
        self.assertEqual(self.verdict('slow'), 'FAIL')
        self.assertIn('C: timed out after 20 s', self.lines['slow'])

    def test_wrong_kernel_is_not_a_pass(self):
        self.assertEqual(self.verdict('wrongpath'), 'SKIP')
        self.assertIn('the C kernel is not the one it should be', self.lines['wrongpath'])

    def test_failed_case_without_totals(self):
        # No Totals line: each "not ok" line is a failed case.
        self.assertEqual(self.lines['notok'],
                         'FAIL mmst notok (C 1/1/0, Rust 1/1/0): failures on C and Rust')

    def test_boot_ended_mid_program(self):
        self.assertEqual(self.verdict('lost'), 'FAIL')
        self.assertIn('Rust: did not finish (the boot ended)', self.lines['lost'])

    def test_absent_program(self):
        self.assertEqual(self.verdict('absent'), 'SKIP')

    def test_totals(self):
        self.assertEqual(self.rc, 1)
        self.assertEqual(self.total,
                         'mm-selftests: 10 programs, 1 passed, 7 failed, 2 skipped, wall 0 s')
        with open(os.path.join(self.out.name, 'results.json')) as f:
            self.assertEqual(json.load(f)['totals'],
                             {'programs': 10, 'passed': 1, 'failed': 7, 'skipped': 2})

    def test_splat_at_boot_fails_every_program(self):
        with tempfile.TemporaryDirectory() as d:
            rc, out, _ = run('mm-selftests-tap.py', '--out', d, '--progs', 'good',
                             '--series-console', fixture('mmst', 'bootsplat.console'))
        self.assertEqual(rc, 1)
        self.assertTrue(out.startswith('FAIL mmst good (C 1/0/0, Rust 1/0/0): kernel splat at boot: '),
                        out)


class BenchTable(unittest.TestCase):
    """bench-table.py: a table only from logs where both kernels ran every
    row and the clock counts instructions."""

    def parse(self, *logs):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'bench.json')
            rc, stdout, err = run('bench-table.py', 'parse', out,
                                  *(fixture('bench', x + '.log') for x in logs))
            data = None
            if os.path.exists(out):
                with open(out) as f:
                    data = json.load(f)
        return rc, stdout, err, data

    def test_both_sides(self):
        rc, out, err, data = self.parse('both')
        self.assertEqual(rc, 0, err)
        # 51200 and 50176 instructions over 512 PTEs: 100 and 98 per PTE.
        row = [e for e in data['table'] if e['n'] == 512][0]
        self.assertEqual((row['c_zap_min'], row['rust_zap_min'], row['zap_delta']),
                         (100.0, 98.0, -2.0))
        self.assertRegex(out, r'\nmunmap +8192 \| +100\.000 +100\.006 +98\.000 +98\.006 +0\.9800 +-2\.000 ')

    def test_missing_rust_side(self):
        rc, _, err, _ = self.parse('no-rust')
        self.assertEqual(rc, 1)
        self.assertIn('munmap n=8192 has no Rust result', err)

    def test_missing_c_side(self):
        rc, _, err, _ = self.parse('no-c')
        self.assertEqual(rc, 1)
        self.assertIn('munmap n=8192 has no C result', err)

    def test_no_calibration(self):
        rc, _, err, _ = self.parse('no-calib')
        self.assertEqual(rc, 1)
        self.assertIn('no calibration line in the log', err)

    def test_calibration_off(self):
        # 1836000 ticks for 1800000 instructions: 2% off.
        rc, _, err, _ = self.parse('calib-off')
        self.assertEqual(rc, 1)
        self.assertIn('calibration off by 2.000%', err)

    def test_empty_boot(self):
        with tempfile.TemporaryDirectory() as d:
            empty = os.path.join(d, 'empty.log')
            open(empty, 'w').close()
            rc, _, err = run('bench-table.py', 'parse', os.path.join(d, 'b.json'),
                             fixture('bench', 'both.log'), empty)
        self.assertEqual(rc, 1)
        self.assertIn('no zap_bench result lines in ' + empty, err)

    def compare(self, old, new):
        with tempfile.TemporaryDirectory() as d:
            files = []
            for i, log in enumerate((old, new)):
                files.append(os.path.join(d, f'{i}.json'))
                rc, _, err = run('bench-table.py', 'parse', files[-1], fixture('bench', log + '.log'))
                self.assertEqual(rc, 0, err)
            return run('bench-table.py', 'compare', *files)

    def test_boots_agree(self):
        rc, out, _ = self.compare('both', 'both')
        self.assertEqual(rc, 0)
        self.assertIn('4 rows compared, largest difference 0.0000%', out)

    def test_boots_two_percent_apart(self):
        # The C munmap row at 512 PTEs: 52224 against 51200 instructions.
        rc, out, _ = self.compare('both', 'far')
        self.assertEqual(rc, 1)
        self.assertIn('0 windows differ by more than 0.1% and 256 instructions, 2 by more than 1%', out)

    def test_row_in_one_boot_only(self):
        rc, out, _ = self.compare('both', 'extra-row')
        self.assertEqual(rc, 1)
        self.assertIn('2 rows in one boot only', out)


if __name__ == '__main__':
    unittest.main()

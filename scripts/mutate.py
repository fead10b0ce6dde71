#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutation check of the zap decisions in mm/memory.c: flip one decision
at a time, rebuild, run the series' suites, and require at least one test
to fail. Prints a table (mutant, what it flips, verdict, first failing
cases). The tree is restored after every mutant, whatever happens.

usage: mutate.py TREE [NAME...]"""
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (name, what it flips, old text, new text): old must occur exactly once.
MUTANTS = [
    ('cows-null', 'should_zap_cows(NULL) keeps COWs',
     '\tif (!details)\n\t\treturn true;\n\n\tVM_WARN_ON_ONCE',
     '\tif (!details)\n\t\treturn false;\n\n\tVM_WARN_ON_ONCE'),
    ('cows-ignore-skip', 'should_zap_cows() ignores skip_cows',
     'return !details->skip_cows;', 'return true;'),
    ('cows-always-skip', 'should_zap_cows() always skips',
     'return !details->skip_cows;', 'return false;'),
    ('folio-keep-file', 'should_zap_folio() keeps page cache under skip_cows',
     'return !folio_test_anon(folio);', 'return false;'),
    ('folio-zap-anon', 'should_zap_folio() zaps anon under skip_cows',
     'return !folio_test_anon(folio);', 'return true;'),
    ('markers-null', 'zap_drop_markers(NULL) drops markers',
     '\tif (!details)\n\t\treturn false;\n\n\treturn details->zap_flags',
     '\tif (!details)\n\t\treturn true;\n\n\treturn details->zap_flags'),
    ('markers-never', 'zap_drop_markers() never drops',
     'return details->zap_flags & ZAP_FLAG_DROP_MARKER;', 'return false;'),
    ('markers-always', 'zap_drop_markers() always drops',
     'return details->zap_flags & ZAP_FLAG_DROP_MARKER;', 'return true;'),
    ('present-no-keep', 'P3: present anon never kept',
     'if (unlikely(!should_zap_folio(details, folio))) {',
     'if (0 && !should_zap_folio(details, folio)) {'),
    ('present-keep-no-skip', 'P3: a kept present PTE does not set any_skipped',
     '\t\t*any_skipped = true;\n\t\treturn 1;\n\t}\n\n\t/*\n\t * Make sure',
     '\t\treturn 1;\n\t}\n\n\t/*\n\t * Make sure'),
    ('nopage-honours-skip', 'P1: zero page kept under skip_cows',
     '\tpage = vm_normal_page(vma, addr, ptent);\n\tif (!page) {',
     '\tpage = vm_normal_page(vma, addr, ptent);\n\tif (!page && !should_zap_cows(details)) {\n'
     '\t\t*any_skipped = true;\n\t\treturn 1;\n\t}\n\tif (!page) {'),
    ('device-no-keep', 'N2: device-exclusive never kept',
     '\t\tif (unlikely(!should_zap_folio(details, folio)))\n\t\t\treturn 1;',
     '\t\tif (0)\n\t\t\treturn 1;'),
    ('swap-no-keep', 'N5: swap entries never kept',
     '\t\tif (!should_zap_cows(details))\n\t\t\treturn 1;\n\n\t\tnr = swap_pte_batch',
     '\t\tif (0)\n\t\t\treturn 1;\n\n\t\tnr = swap_pte_batch'),
    ('migration-like-swap', 'N8: migration of a file folio kept under skip_cows',
     '\t\tif (!should_zap_folio(details, folio))\n\t\t\treturn 1;\n\t\trss[mm_counter(folio)]--;',
     '\t\tif (!should_zap_cows(details))\n\t\t\treturn 1;\n\t\trss[mm_counter(folio)]--;'),
    ('migration-no-keep', 'N7: migration of an anon folio never kept',
     '\t\tif (!should_zap_folio(details, folio))\n\t\t\treturn 1;\n\t\trss[mm_counter(folio)]--;',
     '\t\tif (0)\n\t\t\treturn 1;\n\t\trss[mm_counter(folio)]--;'),
    ('uffd-marker-anon-kept', 'N9: uffd-wp marker in an anon VMA kept',
     'if (!vma_is_anonymous(vma) && !zap_drop_markers(details))',
     'if (!zap_drop_markers(details))'),
    ('uffd-marker-dropped', 'N11: uffd-wp marker in a file VMA always dropped',
     'if (!vma_is_anonymous(vma) && !zap_drop_markers(details))', 'if (0)'),
    ('guard-dropped', 'N13: guard marker always dropped',
     '\t\tif (!zap_drop_markers(details))\n\t\t\treturn 1;\n\t} else if (softleaf_is_hwpoison',
     '\t\tif (0)\n\t\t\treturn 1;\n\t} else if (softleaf_is_hwpoison'),
    ('poison-no-keep', 'N15: hwpoison and poison never kept',
     '\t\tif (!should_zap_cows(details))\n\t\t\treturn 1;\n\t} else {',
     '\t\tif (0)\n\t\t\treturn 1;\n\t} else {'),
    ('unknown-kept', 'N16: unknown entries kept',
     '\t\tWARN_ON_ONCE(1);\n\t}', '\t\tWARN_ON_ONCE(1);\n\t\treturn 1;\n\t}'),
    ('nonpresent-keep-no-skip', 'N*: a kept non-present entry does not set any_skipped',
     '\t*any_skipped = true;\n\tentry = softleaf_from_pte(ptent);',
     '\tentry = softleaf_from_pte(ptent);'),
    ('inst-ignores-dm', 'INST: markers re-installed even when dropping markers',
     '\tif (zap_drop_markers(details))\n\t\treturn false;\n\n\treturn cond_install_uffd_wp_ptes',
     '\treturn cond_install_uffd_wp_ptes'),
    ('inst-anon', 'INST: markers installed in anon VMAs too',
     'if (vma_is_anonymous(vma) || !userfaultfd_wp(vma))', 'if (!userfaultfd_wp(vma))'),
    ('inst-unregistered', 'INST: markers installed without uffd-wp registration',
     'if (vma_is_anonymous(vma) || !userfaultfd_wp(vma))', 'if (vma_is_anonymous(vma))'),
    ('inst-no-swp-bit', 'INST: the uffd-wp bit of non-present entries ignored',
     '\tif (unlikely(pte_swp_uffd_any(pte)))\n\t\tarm_uffd_pte = true;\n', ''),
    ('inst-no-skip', 'INST: a new marker does not set any_skipped',
     '\t*any_skipped = zap_install_uffd_wp_if_needed(vma, addr, pte, nr, details, ptent);',
     '\tzap_install_uffd_wp_if_needed(vma, addr, pte, nr, details, ptent);\n\t*any_skipped = false;'),
    ('rss-anon', 'rss: MM_ANONPAGES not decremented for a zapped anon PTE',
     '\t\tclear_full_ptes(mm, addr, pte, nr, tlb->fullmm);\n\t\trss[MM_ANONPAGES] -= nr;',
     '\t\tclear_full_ptes(mm, addr, pte, nr, tlb->fullmm);'),
]


def run(tree, env):
    e = dict(os.environ, TREE=tree, TIMEOUT='300', **env)
    return subprocess.run([os.path.join(TOP, 'scripts/kunit.sh')], env=e,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def main():
    tree = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    path = os.path.join(tree, 'mm/memory.c')
    orig = open(path).read()
    caught = missed = 0
    print(f"{'mutant':26} {'verdict':8} flips / first failing cases")
    try:
        for name, what, old, new in MUTANTS:
            if only and name not in only:
                continue
            if orig.count(old) != 1:
                print(f'{name:26} {"BROKEN":8} mutation text found {orig.count(old)} times')
                missed += 1
                continue
            with open(path, 'w') as f:
                f.write(orig.replace(old, new))
            p = run(tree, {'NAME': 'mutant'})
            fails = [l.split(': ', 1)[1] for l in p.stdout.splitlines()
                     if l.startswith('  FAIL: ') or l.startswith('  ERROR: ')]
            if 'build failed' in p.stdout:
                verdict, detail = 'NOBUILD', p.stdout.strip().splitlines()[-1]
            elif p.returncode != 0:
                verdict = 'caught'
                detail = ', '.join(fails[:3]) + (f' (+{len(fails) - 3})' if len(fails) > 3 else '')
                if not fails:
                    detail = p.stdout.strip().splitlines()[-1]
            else:
                verdict, detail = 'MISSED', 'all tests passed'
            if verdict == 'caught':
                caught += 1
            else:
                missed += 1
            print(f'{name:26} {verdict:8} {what}\n{"":35} {detail}', flush=True)
    finally:
        with open(path, 'w') as f:
            f.write(orig)
    print(f'{caught} passed, {missed} failed')
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main())

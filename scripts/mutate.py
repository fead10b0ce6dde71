#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Mutation check of the zap decisions, in mm/memory.c (the C path) and
mm/zap_policy.rs (the Rust object): flip one decision at a time, rebuild,
run the series' suites, and require at least one test to fail. Prints a
table (mutant, what it flips, verdict, first failing cases). The tree is
restored after every mutant, whatever happens.

A mutant is caught only when a KUnit case fails on it; a build that
fails (NOBUILD), a run that times out (TIMEOUT) or any other error of the
harness or a tool (ERROR, after which the remaining mutants are NOTRUN)
counts as failed. A bad TREE or an unknown NAME is refused before
anything is changed (exit 2).

usage: mutate.py TREE [NAME...]"""
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (file, name, what it flips, old text, new text[, build error]): old must
# occur exactly once in the file. A mutant with a build error is caught
# when the build fails with that message, and only then. C mutants change what the C kernel decides and run on
# it; Rust ones change what the Rust object decides, rc- ones how C
# consults the Rust verdicts, and both run on the Rust kernel.
C = 'mm/memory.c'
R = 'mm/zap_policy.rs'
H = 'include/linux/zap_policy.h'
MUTANTS = [
    # The C helpers.
    (C, 'cows-null', 'should_zap_cows(NULL) keeps COWs',
     '\tif (!details)\n\t\treturn true;\n\n\tzap_check_details(details);',
     '\tif (!details)\n\t\treturn false;\n\n\tzap_check_details(details);'),
    (C, 'cows-ignore-skip', 'should_zap_cows() ignores skip_cows',
     'return !details->skip_cows;', 'return true;'),
    (C, 'cows-always-skip', 'should_zap_cows() always skips',
     'return !details->skip_cows;', 'return false;'),
    (C, 'folio-keep-file', 'should_zap_folio() keeps page cache under skip_cows',
     'return !folio_test_anon(folio);', 'return false;'),
    (C, 'folio-zap-anon', 'should_zap_folio() zaps anon under skip_cows',
     'return !folio_test_anon(folio);', 'return true;'),
    (C, 'markers-null', 'zap_drop_markers(NULL) drops markers',
     '\tif (!details)\n\t\treturn false;\n\n\treturn details->zap_flags',
     '\tif (!details)\n\t\treturn true;\n\n\treturn details->zap_flags'),
    (C, 'markers-never', 'zap_drop_markers() never drops',
     'return details->zap_flags & ZAP_FLAG_DROP_MARKER;', 'return false;'),
    (C, 'markers-always', 'zap_drop_markers() always drops',
     'return details->zap_flags & ZAP_FLAG_DROP_MARKER;', 'return true;'),
    # The C dispatch, zap_keeps_entry().
    (C, 'migration-like-swap', 'N8: migration entries decided like swap (C dispatch)',
     '\tcase ZAP_ENTRY_DEVICE:\n\tcase ZAP_ENTRY_MIGRATION:\n\t\t/* A migration entry',
     '\tcase ZAP_ENTRY_DEVICE:\n\t\t/* A migration entry'),
    (C, 'swap-no-keep', 'N5: swap entries never kept (C dispatch)',
     '\tcase ZAP_ENTRY_SWAP:\n\t\t/* Genuine swap entries, hence private anon pages. */\n\tcase ZAP_ENTRY_KSM_ZERO_PAGE:',
     '\tcase ZAP_ENTRY_SWAP:\n\t\treturn false;\n\tcase ZAP_ENTRY_KSM_ZERO_PAGE:'),
    (C, 'ksm-zero-no-keep', 'P1k: KSM zero page zapped under skip_cows, as 7.3.4 did (C dispatch)',
     '\tcase ZAP_ENTRY_KSM_ZERO_PAGE:\n\t\t/* KSM\'s zero page in place of a zero-filled COW. */\n',
     '\t\treturn !should_zap_cows(details);\n\tcase ZAP_ENTRY_KSM_ZERO_PAGE:\n\t\treturn false;\n'),
    (C, 'ksm-as-nopage', 'P1k: a KSM zero page asked about as a plain zero page (call site)',
     'ZAP_ENTRY_KSM_ZERO_PAGE : ZAP_ENTRY_PRESENT_NO_PAGE;',
     'ZAP_ENTRY_PRESENT_NO_PAGE : ZAP_ENTRY_PRESENT_NO_PAGE;'),
    (C, 'hwpoison-old-keep', 'N14: every hwpoison entry kept under skip_cows, as 7.3.4 did (C dispatch)',
     'return !should_zap_hwpoison(details, folio, vma);', 'return !should_zap_cows(details);'),
    (C, 'hwpoison-no-keep', 'N15: hwpoison entry of a COW never kept (C dispatch)',
     'return !should_zap_hwpoison(details, folio, vma);', 'return false;'),
    (C, 'hwpoison-shared-cow', 'N14: a shared VMA taken to hold COWs',
     '\tif (vma->vm_flags & VM_SHARED)\n\t\treturn false;\n\treturn !folio_test_hwpoison(folio)',
     '\treturn !folio_test_hwpoison(folio)'),
    (C, 'poison-marker-no-keep', 'N15m: poison markers never kept (C dispatch)',
     '\tcase ZAP_ENTRY_POISON_MARKER:\n\t\t/* No page behind it: kept when COWs are. */\n\t\treturn !should_zap_cows(details);',
     '\t\treturn !should_zap_cows(details);\n\tcase ZAP_ENTRY_POISON_MARKER:\n\t\treturn false;'),
    (C, 'uffd-marker-anon-kept', 'N9: uffd-wp marker in an anon VMA kept (C dispatch)',
     'return !vma_is_anonymous(vma) && !zap_drop_markers(details);', 'return !zap_drop_markers(details);'),
    (C, 'uffd-marker-dropped', 'N11: uffd-wp marker in a file VMA always dropped (C dispatch)',
     'return !vma_is_anonymous(vma) && !zap_drop_markers(details);', 'return false;'),
    (C, 'guard-dropped', 'N13: guard marker always dropped (C dispatch)',
     'return !zap_unmaps_vma(details);', 'return false;'),
    (C, 'guard-old-dm', 'N13: guard marker dropped by DROP_MARKER, as 7.3.4 did (C dispatch)',
     'return !zap_unmaps_vma(details);', 'return !zap_drop_markers(details);'),
    (C, 'folio-pass-keeps-markers', 'unmap_mapping_folio() without DROP_MARKER (keeps uffd-wp markers)',
     '\tdetails.zap_flags = ZAP_FLAG_DROP_MARKER;\n', ''),
    (C, 'unmaps-never', 'zap_unmaps_vma() never true (munmap keeps guards)',
     'return details && (details->zap_flags & ZAP_FLAG_UNMAP);', 'return false;'),
    (C, 'nopage-honours-skip', 'P1: zero page kept under skip_cows (C dispatch)',
     '\tcase ZAP_ENTRY_PRESENT_NO_PAGE:\n\t\t/* The zero page or a pfnmap: no COW copy to keep. */\n\tcase ZAP_ENTRY_UNKNOWN:',
     '\tcase ZAP_ENTRY_PRESENT_NO_PAGE:\n\t\treturn !should_zap_cows(details);\n\tcase ZAP_ENTRY_UNKNOWN:'),
    # The call sites in zap_present_ptes() and zap_nonpresent_ptes().
    (C, 'present-as-nopage', 'P3: a present page asked about as one without a page',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_PRESENT, folio, vma)',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_PRESENT_NO_PAGE, folio, vma)'),
    (C, 'present-keep-no-skip', 'P3: a kept present PTE does not set any_skipped',
     '\t\t*any_skipped = true;\n\t\treturn 1;\n\t}\n\n\t/*\n\t * Make sure',
     '\t\treturn 1;\n\t}\n\n\t/*\n\t * Make sure'),
    (C, 'device-as-swap', 'N2: a device entry asked about as swap',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_DEVICE, folio,',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_UNKNOWN, folio,'),
    (C, 'migration-as-unknown', 'N7: a migration entry asked about as unknown',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_MIGRATION, folio, vma)',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_UNKNOWN, folio, vma)'),
    (C, 'guard-as-uffd', 'N13: a guard marker asked about as a uffd-wp marker',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_GUARD_MARKER, NULL, vma)',
     'zap_keeps_entry(details, verdicts, ZAP_ENTRY_UFFD_WP_MARKER, NULL, vma)'),
    (C, 'unknown-kept', 'N16: unknown entries kept',
     '\t\tWARN_ON_ONCE(1);\n\t\tif (zap_keeps_entry(details, verdicts, ZAP_ENTRY_UNKNOWN, NULL, vma))',
     '\t\tWARN_ON_ONCE(1);\n\t\tif (1)'),
    (C, 'nonpresent-keep-no-skip', 'N*: a kept non-present entry does not set any_skipped',
     '\t*any_skipped = true;\n\tentry = softleaf_from_pte(ptent);',
     '\tentry = softleaf_from_pte(ptent);'),
    (C, 'skip-ignored', 'any_skipped not looked at: a table with kept entries reclaimed',
     '\tif (any_skipped)\n\t\tcan_reclaim_pt = false;\n', ''),
    (C, 'nonpresent-skip-lost', 'a kept non-present entry not passed on to the walk',
     '\t*any_skipped |= skipped;\n', ''),
    # The uffd-wp marker re-install.
    (C, 'inst-ignores-dm', 'INST: markers re-installed even when dropping markers (C path)',
     '\treturn !zap_drop_markers(details);\n}\n\n/*\n * This function makes sure',
     '\treturn true;\n}\n\n/*\n * This function makes sure'),
    (C, 'inst-anon', 'INST: markers installed in anon VMAs too',
     'if (vma_is_anonymous(vma) || !userfaultfd_wp(vma))', 'if (!userfaultfd_wp(vma))'),
    (C, 'inst-unregistered', 'INST: markers installed without uffd-wp registration',
     'if (vma_is_anonymous(vma) || !userfaultfd_wp(vma))', 'if (vma_is_anonymous(vma))'),
    (C, 'inst-no-swp-bit', 'INST: the uffd-wp bit of non-present entries ignored',
     '\tif (unlikely(pte_swp_uffd_any(pte)))\n\t\tarm_uffd_pte = true;\n', ''),
    (C, 'inst-no-skip', 'INST: a new marker does not set any_skipped',
     '\t*any_skipped = zap_install_uffd_wp_if_needed(vma, addr, pte, nr, details,\n'
     '\t\t\t\t\t\t     verdicts, ptent);',
     '\tzap_install_uffd_wp_if_needed(vma, addr, pte, nr, details, verdicts, ptent);\n'
     '\t*any_skipped = false;'),
    (C, 'rss-anon', 'rss: MM_ANONPAGES not decremented for a zapped anon PTE',
     '\t\tclear_full_ptes(mm, addr, pte, nr, tlb->fullmm);\n\t\trss[MM_ANONPAGES] -= nr;',
     '\t\tclear_full_ptes(mm, addr, pte, nr, tlb->fullmm);'),
    # How C consults the Rust verdicts.
    (C, 'rc-anon-bit', 'Rust path: a present folio always taken as anonymous',
     '\t\tanon = folio_test_anon(folio);', '\t\tanon = true;'),
    (C, 'rc-anon-swapped', 'Rust path: the verdict of the other anon bit taken',
     '\tif (anon)\n\t\treturn zap_verdicts_keep(verdicts, kind, true);',
     '\tif (anon)\n\t\treturn zap_verdicts_keep(verdicts, kind, false);'),
    (C, 'rc-hwpoison-bit', 'Rust path: every hwpoison entry taken as a COW',
     '\t\tanon = hwpoison_folio_is_cow(folio, vma);', '\t\tanon = true;'),
    (C, 'rc-vma-bit', 'Rust path: the VMA of a uffd-wp marker always taken as anonymous',
     '\t\tanon = vma_is_anonymous(vma);\n\t\tbreak;', '\t\tanon = true;\n\t\tbreak;'),
    (C, 'rc-reinstall', 'Rust path: the re-install bit ignored',
     '\t\treturn verdicts.reinstall_uffd_wp;', '\t\treturn true;'),
    # The Rust verdicts.
    (R, 'r-present-anon', 'present anon never kept',
     'Entry::Present(Folio::Anon) => Verdict::keep_if(self.keep_cows),',
     'Entry::Present(Folio::Anon) => Verdict::Zap,'),
    (R, 'r-present-file', 'present page cache kept under keep_cows',
     'Entry::Present(Folio::NotAnon) => Verdict::Zap,',
     'Entry::Present(Folio::NotAnon) => Verdict::keep_if(self.keep_cows),'),
    (R, 'r-no-page', 'present without a page kept under keep_cows',
     'Entry::PresentNoPage => Verdict::Zap,',
     'Entry::PresentNoPage => Verdict::keep_if(self.keep_cows),'),
    (R, 'r-device-anon', 'device entry of an anon folio never kept',
     'Entry::Device(Folio::Anon) => Verdict::keep_if(self.keep_cows),',
     'Entry::Device(Folio::Anon) => Verdict::Zap,'),
    (R, 'r-device-file', 'device entry of a non-anon folio kept under keep_cows',
     'Entry::Device(Folio::NotAnon) => Verdict::Zap,',
     'Entry::Device(Folio::NotAnon) => Verdict::keep_if(self.keep_cows),'),
    (R, 'r-swap', 'swap entries never kept',
     'Entry::Swap => Verdict::keep_if(self.keep_cows),', 'Entry::Swap => Verdict::Zap,'),
    (R, 'r-migration-anon', 'migration entry of an anon folio never kept',
     'Entry::Migration(Folio::Anon) => Verdict::keep_if(self.keep_cows),',
     'Entry::Migration(Folio::Anon) => Verdict::Zap,'),
    (R, 'r-migration-file', 'migration entry of a page cache folio kept under keep_cows',
     'Entry::Migration(Folio::NotAnon) => Verdict::Zap,',
     'Entry::Migration(Folio::NotAnon) => Verdict::keep_if(self.keep_cows),'),
    (R, 'r-uffd-anon', 'uffd-wp marker of an anon VMA kept unless dropping markers',
     'Entry::UffdWpMarker(Vma::Anon) => Verdict::Zap,',
     'Entry::UffdWpMarker(Vma::Anon) => Verdict::keep_if(!self.drop_markers),'),
    (R, 'r-uffd-file', 'uffd-wp marker of a file VMA always zapped',
     'Entry::UffdWpMarker(Vma::File) => Verdict::keep_if(!self.drop_markers),',
     'Entry::UffdWpMarker(Vma::File) => Verdict::Zap,'),
    (R, 'r-ksm-zero', 'KSM zero page never kept, as 7.3.4 did',
     'Entry::KsmZeroPage => Verdict::keep_if(self.keep_cows),', 'Entry::KsmZeroPage => Verdict::Zap,'),
    (R, 'r-guard', 'guard marker always zapped',
     'Entry::GuardMarker => Verdict::keep_if(!self.unmaps_vma),',
     'Entry::GuardMarker => Verdict::Zap,'),
    (R, 'r-guard-old-dm', 'guard marker dropped with the markers, as 7.3.4 did',
     'Entry::GuardMarker => Verdict::keep_if(!self.unmaps_vma),',
     'Entry::GuardMarker => Verdict::keep_if(!self.drop_markers),'),
    (R, 'r-hwpoison-cow', 'hwpoison entry of a COW never kept',
     'Entry::Hwpoison(Folio::Anon) => Verdict::keep_if(self.keep_cows),',
     'Entry::Hwpoison(Folio::Anon) => Verdict::Zap,'),
    (R, 'r-hwpoison-old', 'hwpoison entry of page cache kept under keep_cows, as 7.3.4 did',
     'Entry::Hwpoison(Folio::NotAnon) => Verdict::Zap,',
     'Entry::Hwpoison(Folio::NotAnon) => Verdict::keep_if(self.keep_cows),'),
    (R, 'r-poison-marker', 'poison markers never kept',
     'Entry::PoisonMarker => Verdict::keep_if(self.keep_cows),', 'Entry::PoisonMarker => Verdict::Zap,'),
    (R, 'r-unknown', 'unknown entries kept',
     'Entry::Unknown => Verdict::Zap,', 'Entry::Unknown => Verdict::Keep,'),
    (R, 'r-reinstall', 'uffd-wp markers re-installed even when dropping markers',
     'const fn reinstalls_uffd_wp(self) -> bool {\n        !self.drop_markers',
     'const fn reinstalls_uffd_wp(self) -> bool {\n        true'),
    (R, 'r-null-details', 'NULL details keep COWs',
     'None => Self::new(false, false, false),', 'None => Self::new(true, false, false),'),
    (R, 'r-skip-cows-ignored', 'skip_cows ignored',
     'Some(details) => Self::new(\n                details.skip_cows,',
     'Some(details) => Self::new(\n                false,'),
    (R, 'r-reads-reclaim-pt', 'reclaim_pt, which the decisions ignore, keeps COWs',
     'Some(details) => Self::new(\n                details.skip_cows,',
     'Some(details) => Self::new(\n                details.skip_cows || details.reclaim_pt,'),
    (R, 'r-any-flag-unmaps', 'a zap flag that no ZAP_FLAG_* names counts as ZAP_FLAG_UNMAP',
     'details.zap_flags & bindings::ZAP_FLAG_UNMAP != 0,',
     'details.zap_flags & !bindings::ZAP_FLAG_DROP_MARKER != 0,'),
    (R, 'r-drop-marker-ignored', 'ZAP_FLAG_DROP_MARKER ignored',
     'details.zap_flags & bindings::ZAP_FLAG_DROP_MARKER != 0,', 'false,'),
    (R, 'r-unmap-ignored', 'ZAP_FLAG_UNMAP ignored',
     'details.zap_flags & bindings::ZAP_FLAG_UNMAP != 0,', 'false,'),
    (R, 'r-guard-unknown', 'the C guard marker kind read as an unknown entry',
     'zap_entry_kind_ZAP_ENTRY_GUARD_MARKER => Entry::GuardMarker,',
     'zap_entry_kind_ZAP_ENTRY_GUARD_MARKER => Entry::Unknown,'),
    (R, 'r-table-anon-bit', 'the table ignores the anon bit',
     'keep |= 1 << (2 * kind + anon);', 'keep |= 1 << (2 * kind);'),
    # A build check: a kind added to the C enum without a Rust decision
    # must stop the build (caught by the build failing with this error,
    # not by a test).
    (H, 'h-new-kind', 'enum zap_entry_kind gains a kind that Rust does not map',
     '\tZAP_ENTRY_POISON_MARKER,\n\tZAP_ENTRY_UNKNOWN,',
     '\tZAP_ENTRY_POISON_MARKER,\n\tZAP_ENTRY_NEW_KIND,\n\tZAP_ENTRY_UNKNOWN,',
     'enum zap_entry_kind has a kind that Rust does not decide'),
    (R, 'r-export-punch', 'the exported hole punch table is the truncate one',
     '(true, false, false) => const { ZapPolicy::new(true, false, false).to_c() },',
     '(true, false, false) => const { ZapPolicy::new(false, false, false).to_c() },'),
]


def run(tree, env):
    e = dict(os.environ, TREE=tree, TIMEOUT=os.environ.get('TIMEOUT', '300'), **env)
    return subprocess.run([os.path.join(TOP, 'scripts/kunit.sh')], env=e,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def kernel_env(fname, name, work):
    """Where a mutant is tested: a C mutant on the C kernel
    (CONFIG_MM_ZAP_RUST=n, whose decisions it changes), a Rust one or one
    of how C consults the Rust verdicts (rc-) on the Rust kernel."""
    if fname == C and not name.startswith('rc-'):
        return {'NAME': 'mutant', 'KCONFIG_ADD': 'CONFIG_MM_ZAP_RUST=n',
                'BUILD_DIR': os.path.join(work, 'build-c')}
    return {'NAME': 'mutant', 'KCONFIG_ADD': 'CONFIG_MM_ZAP_RUST=y'}


def failing_cases(json_path):
    """The cases that failed or crashed in a kunit.py JSON file, or None
    if the file is missing or holds no case at all."""
    p = subprocess.run([sys.executable, os.path.join(TOP, 'scripts/kunit-json.py'), 'cases',
                        json_path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith(('PASS ', 'FAIL '))]
    if not lines:
        return None
    # A skipped case is not a failing test: only FAIL and ERROR count.
    return [l[5:] for l in lines
            if l.startswith('FAIL ') and not l.endswith('(SKIP)')]


def usage(msg):
    print(f'mutate.py: {msg}', file=sys.stderr)
    sys.exit(2)


def main():
    if len(sys.argv) < 2:
        usage('usage: mutate.py TREE [NAME...] (make mutate KERNEL=<tree> ONLY="name ...")')
    tree = os.path.abspath(sys.argv[1])
    if not os.path.isfile(os.path.join(tree, C)):
        usage(f'no kernel tree at {tree} ({C} is missing); give KERNEL=<tree> with the series applied')
    names = [m[1] for m in MUTANTS]
    only = sys.argv[2:]
    unknown = [n for n in only if n not in names]
    if unknown:
        usage(f"unknown mutant(s): {' '.join(unknown)}; known: {' '.join(names)}")
    work = os.path.abspath(os.environ.get('WORK') or os.path.join(TOP, 'work'))
    json_path = os.path.join(work, 'results', 'mutant.json')
    chosen = [m for m in MUTANTS if not only or m[1] in only]
    orig = {}
    for f in sorted({m[0] for m in chosen}):
        if os.path.exists(os.path.join(tree, f)):
            orig[f] = open(os.path.join(tree, f)).read()
    caught = missed = 0
    stopped = None
    print(f"{'mutant':26} {'verdict':8} flips / first failing cases")
    try:
        for fname, name, what, old, new, *build_error in chosen:
            if stopped:
                print(f'{name:26} {"NOTRUN":8} {what}\n{"":35} {stopped}')
                missed += 1
                continue
            text = orig.get(fname)
            if text is None:
                print(f'{name:26} {"NOFILE":8} {what}\n{"":35} {fname} is not in {tree}')
                missed += 1
                continue
            path = os.path.join(tree, fname)
            if text.count(old) != 1:
                print(f'{name:26} {"BROKEN":8} mutation text found {text.count(old)} times in {fname}')
                missed += 1
                continue
            with open(path, 'w') as f:
                f.write(text.replace(old, new))
            try:
                if os.path.exists(json_path):
                    os.unlink(json_path)
                p = run(tree, kernel_env(fname, name, work))
            finally:
                with open(path, 'w') as f:
                    f.write(text)
            out = p.stdout.strip().splitlines() or ['(no output)']
            last = out[-1]
            fails = failing_cases(json_path) if os.path.exists(json_path) else None
            blog = os.path.join(work, 'results', 'mutant.build.log')
            if build_error:
                # Caught only by the build failing as it must.
                text_log = open(blog, errors='replace').read() if os.path.exists(blog) else ''
                if 'build failed' in p.stdout and build_error[0] in text_log:
                    verdict, detail = 'caught', f'the build fails: {build_error[0]}'
                elif 'build failed' in p.stdout:
                    verdict, detail = 'NOBUILD', f'the build failed, but not with: {build_error[0]}'
                else:
                    verdict, detail = 'MISSED', 'the kernel built'
            elif 'build failed' in p.stdout:
                verdict, detail = 'NOBUILD', last
            elif fails:
                # Caught: at least one test case failed on the mutant.
                verdict = 'caught'
                detail = ', '.join(fails[:3]) + (f' (+{len(fails) - 3})' if len(fails) > 3 else '')
            elif fails is not None and p.returncode == 0:
                verdict, detail = 'MISSED', 'all tests passed'
            elif 'timed out after' in p.stdout:
                verdict, detail = 'TIMEOUT', last
            else:
                # Not a test failure: the harness or a tool failed. Every
                # later mutant would fail the same way; stop here.
                verdict, detail = 'ERROR', last
                stopped = f'not run: stopped after the error of {name}'
            if verdict == 'caught':
                caught += 1
            else:
                missed += 1
            print(f'{name:26} {verdict:8} {what}\n{"":35} {detail}', flush=True)
    finally:
        for fname, text in orig.items():
            with open(os.path.join(tree, fname), 'w') as f:
                f.write(text)
    print(f'{caught} passed, {missed} failed')
    return 1 if missed or not caught else 0


if __name__ == '__main__':
    sys.exit(main())

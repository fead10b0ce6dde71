#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The harness's own tests: bad input must give a clear error, never a hang,
# and must not lose anything; every count must be honest. No kernel is
# built or booted: stub trees, fake tools on PATH and fake JSON stand in.
#
#   selftest.sh            every case; one "PASS name: ..." or "FAIL name: ..."
#                          line each, then "selftest: N passed, N failed of E"
#   selftest.sh --list     the names of the cases, one a line
#   selftest.sh NAME...    only these cases
#
# Each case runs in its own process with a time limit, so one that fails
# or hangs never stops the others. The exit status is 0 only if every case
# that was asked for ran and passed.

# The cases set the knobs they test themselves: they run in a clean
# environment, so no knob of the caller's reaches them. Kept: PATH, HOME,
# TMPDIR and selftest.sh's own CASE_LIMIT and LLVM_SUFFIX_T.
if [ -z "${ZAP_SELFTEST_ENV:-}" ]; then
	keep=(ZAP_SELFTEST_ENV=1 PATH="$PATH" HOME="${HOME:-/}")
	for v in TMPDIR CASE_LIMIT LLVM_SUFFIX_T; do
		[ -z "${!v+x}" ] || keep+=("$v=${!v}")
	done
	exec env -i "${keep[@]}" bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh"
harness_init

SELF=$TOP/scripts/selftest.sh
CASE_LIMIT=${CASE_LIMIT:-240}

# ---------------------------------------------------------------- helpers

# fail MSG: end the current case as failed.
fail() {
	printf '%s\n' "$*"
	exit 1
}
# why MSG: what a passing case shows on its PASS line.
why() { printf '%s\n' "$*" >"$C/.why"; }
# run_cmd CMD...: run with a time limit; output in $C/out, $C/err; sets rc.
run_cmd() {
	set +e
	timeout -k 5 120 "$@" >"$C/out" 2>"$C/err" </dev/null
	rc=$?
	set -e
}
# xfail PATTERN CMD...: CMD must fail (not hang) and say PATTERN (ERE) on
# stderr or stdout.
xfail() {
	local pattern=$1
	shift
	run_cmd "$@"
	[ $rc != 124 ] && [ $rc != 137 ] || fail "hung: $* (killed after 120 s)"
	[ $rc != 0 ] || { tail -n 5 "$C/out" "$C/err"; fail "succeeded, expected an error: $*"; }
	if ! grep -qE -- "$pattern" "$C/err" "$C/out"; then
		sed 's/^/    /' "$C/err" | tail -n 5
		fail "message does not match /$pattern/ (exit $rc)"
	fi
	why "$(grep -hE -- "$pattern" "$C/err" "$C/out" | head -n 1)"
}
# xok CMD...: CMD must succeed.
xok() {
	run_cmd "$@"
	[ $rc = 0 ] || { sed 's/^/    /' "$C/out" "$C/err" | tail -n 12; fail "failed (exit $rc): $*"; }
}
# has FILE PATTERN / hasnt FILE PATTERN
has() { grep -qE -- "$2" "$1" || { tail -n 8 "$1" | sed 's/^/    /'; fail "no /$2/ in $(basename "$1")"; }; }
hasnt() { ! grep -qE -- "$2" "$1" || { grep -E -- "$2" "$1" | head -n 3 | sed 's/^/    /'; fail "/$2/ in $(basename "$1")"; }; }

G() { git -c user.name=u -c user.email=u@invalid -c commit.gpgsign=false "$@"; }
export GIT_AUTHOR_DATE="2026-01-01T00:00:00+0000" GIT_COMMITTER_DATE="2026-01-01T00:00:00+0000"

# path_without TOOL...: a PATH in which these tools are missing (links to
# everything else on PATH).
path_without() {
	local d=$C/path-without-$1 dir f b t skip
	mkdir -p "$d"
	local IFS=:
	for dir in $PATH; do
		[ -d "$dir" ] || continue
		for f in "$dir"/*; do
			b=${f##*/}
			[ -x "$f" ] && [ ! -e "$d/$b" ] || continue
			skip=0
			for t in "$@"; do [ "$b" = "$t" ] && skip=1; done
			[ $skip = 1 ] || ln -s "$f" "$d/$b"
		done
	done
	printf '%s\n' "$d"
}

# fakebin DIR [TOOL...]: fake toolchain (suffix -97), QEMU, bindgen, rustc,
# make, rustfmt, clippy-driver; the TOOLs named are left out.
fakebin() {
	local d=$1 t
	shift
	mkdir -p "$d"
	for t in clang-97 ld.lld-97 clang ld.lld qemu-system-x86_64 bindgen rustc rustfmt clippy-driver; do
		printf '#!/bin/sh\necho "%s (fake)"\n' "$t" >"$d/$t"
	done
	cat >"$d/llvm-nm-97" <<'SH'
#!/bin/sh
echo "                 U memcpy"
echo "0000000000000000 T zap_policy_from_details"
SH
	cat >"$d/llvm-objdump-97" <<'SH'
#!/bin/sh
for last; do :; done
echo; echo "Disassembly of section .text:"; echo; echo "0000000000000000 <f>:"
sed 's/^/       0: /' "$last"
SH
	cat >"$d/make" <<'SH'
#!/bin/bash
# A stand-in for the kernel's make: writes what the harness reads.
dir=. out=. targets=()
while [ $# -gt 0 ]; do
	case $1 in
	-C) dir=$2; shift ;;
	-s | -j*) ;;
	O=*) out=${1#O=} ;;
	*=*) ;;
	*) targets+=("$1") ;;
	esac
	shift
done
[ -z "${FAKE_MAKE_LOG:-}" ] || echo "make ${targets[*]}" >>"$FAKE_MAKE_LOG"
for t in "${targets[@]}"; do
	case $t in
	x86_64_defconfig) mkdir -p "$out"; echo CONFIG_X=y >"$out/.config" ;;
	mm/memory.o) mkdir -p "$out/mm"; cp "$dir/mm/memory.c" "$out/mm/memory.o" ;;
	*.o) mkdir -p "$out/$(dirname "$t")"; echo obj >"$out/$t" ;;
	esac
done
SH
	for t in "$@"; do rm -f "$d/$t"; done
	chmod +x "$d"/*
}

# A kunit.py stand-in: 'build' makes the objects the harness looks at,
# 'exec' writes --json from mm/tests/cases of the tree ("suite case STATUS"
# lines). FAKE_BUILD_FAIL=1 fails the build; FAKE_JSON=empty writes a JSON
# without a case; FAKE_KUNIT_LOG=<file> logs the arguments and directory.
write_fake_kunit() {
	mkdir -p "$1/tools/testing/kunit"
	cat >"$1/tools/testing/kunit/kunit.py" <<'PY'
import json, os, sys
args = sys.argv[1:]
if os.environ.get('FAKE_KUNIT_LOG'):
    with open(os.environ['FAKE_KUNIT_LOG'], 'a') as f:
        f.write(os.getcwd() + ' ' + ' '.join(args) + '\n')
opts = dict(a[2:].split('=', 1) for a in args if a.startswith('--') and '=' in a)
bd = opts.get('build_dir', '.kunit')
if args[0] == 'build':
    if os.environ.get('FAKE_BUILD_FAIL'):
        print("mm/memory.c:1:1: error: boom", file=sys.stderr)
        sys.exit(1)
    os.makedirs(os.path.join(bd, 'mm'), exist_ok=True)
    open(os.path.join(bd, '.config'), 'a').close()
    open(os.path.join(bd, 'vmlinux'), 'a').close()
    if os.path.exists('mm/zap_policy.rs'):
        open(os.path.join(bd, 'mm/zap_policy.o'), 'w').write('obj')
    print('  CC      mm/memory.o')
    sys.exit(0)
suites = {}
if os.environ.get('FAKE_JSON') != 'empty' and os.path.exists('mm/tests/cases'):
    for line in open('mm/tests/cases'):
        suite, case, status = line.split()
        if status == 'FAIL-IF-MUTATED':
            status = 'FAIL' if 'return true; /* mutated */' in open('mm/memory.c').read() else 'PASS'
        suites.setdefault(suite, []).append({'name': case, 'status': status})
top = {'name': 'KUnit Test Group', 'test_cases': [],
       'sub_groups': [{'name': s, 'sub_groups': [], 'test_cases': c} for s, c in suites.items()],
       'misc': {'errors': 0}}
json.dump(top, open(opts['json'], 'w'))
sys.exit(1 if any(c['status'] != 'PASS' for l in suites.values() for c in l) else 0)
PY
}

# mk_kernel DIR: a small git tree that passes for a kernel tree (branch base).
mk_kernel() {
	local k=$1
	mkdir -p "$k/mm" "$k/scripts/kconfig" "$k/tools/testing/kunit/configs"
	git -C "$k" init -q -b "$BASE_BRANCH"
	printf 'VERSION = 7\n' >"$k/Makefile"
	printf 'static bool should_zap_cows(void)\n{\n\treturn !details->skip_cows;\n}\none\ntwo\nthree\n' >"$k/mm/memory.c"
	write_fake_kunit "$k"
	: >"$k/tools/testing/kunit/configs/default.config"
	printf '#!/bin/sh\necho "total: 0 errors, 0 warnings"\n' >"$k/scripts/checkpatch.pl"
	printf '#!/bin/sh\nexit 0\n' >"$k/scripts/config"
	printf '#!/bin/sh\nexit 0\n' >"$k/scripts/kconfig/merge_config.sh"
	chmod +x "$k/scripts/checkpatch.pl" "$k/scripts/config" "$k/scripts/kconfig/merge_config.sh"
	G -C "$k" add -A
	G -C "$k" commit -q -m base
}
# mk_series KDIR PATCHDIR: two patches on branch $WORK_BRANCH of KDIR (the
# first adds the kunitconfig and two cases, the second the Rust object and
# a third case), exported to PATCHDIR with export.sh.
mk_series() {
	local k=$1 p=$2
	G -C "$k" checkout -q -b "$WORK_BRANCH" "$BASE_BRANCH"
	mkdir -p "$k/mm/tests"
	printf 'CONFIG_KUNIT=y\n' >"$k/tools/testing/kunit/configs/mm_zap.config"
	printf 'mm_zap one PASS\nmm_zap two PASS\n' >"$k/mm/tests/cases"
	G -C "$k" add -A
	G -C "$k" commit -q -m "mm: tests: add the zap suite" -m "Why: to pin the behaviour."
	printf '// SPDX-License-Identifier: GPL-2.0\n' >"$k/mm/zap_policy.rs"
	printf 'config MM_ZAP_RUST\n\tbool\n# CONFIG_MM_ZAP_RUST\n' >"$k/mm/Kconfig.zap"
	printf 'mm_zap_rust three PASS\n' >>"$k/mm/tests/cases"
	printf 'CONFIG_KUNIT=y\n' >"$k/tools/testing/kunit/configs/mm_zap_bench.config"
	G -C "$k" add -A
	G -C "$k" commit -q -m "mm: add the Rust object" -m "Why: the series."
	G -C "$k" config "branch.$WORK_BRANCH.description" "$(printf 'mm: a stub series\n\nA cover letter.')"
	G -C "$k" checkout -q "$BASE_BRANCH"
	mkdir -p "$p"
	env -u BRANCH WORK="$C/export-work" TREE="$k" PATCHES="$p" OUT="$p" HOME="$C/home" \
		"$TOP/scripts/export.sh" 2>/dev/null || fail "could not export the stub series"
}
# mk_copy DIR: a copy of the harness (no work/), e.g. at a path with spaces.
mk_copy() {
	mkdir -p "$1"
	cp -r "$TOP/Makefile" "$TOP/base.conf" "$TOP/scripts" "$1/"
	[ ! -f "$TOP/expect.conf" ] || cp "$TOP/expect.conf" "$1/"
	mkdir -p "$1/patches"
}
# stub_check DIR [VAR=value...]: a stub world for check.sh in DIR: the
# harness tree DIR/w/linux with a two-patch series in DIR/patches, a fake
# selftest (2 cases), fake parser tests (1), a fake matrix (1
# configuration), expect.conf of 3 cases; then runs check.sh there with the fakes first on PATH.
stub_check() {
	local d=$1
	shift
	mkdir -p "$d/w" "$d/home"
	mk_kernel "$d/w/linux"
	mk_series "$d/w/linux" "$d/patches"
	fakebin "$d/bin"
	printf 'KUNIT_CASES=3\n' >"$d/expect.conf"
	cat >"$d/selftest" <<'SH'
#!/bin/sh
if [ "$1" = --list ]; then printf 'a\nb\n'; exit 0; fi
echo "PASS a: fine"; echo "PASS b: fine"
SH
	cat >"$d/parsers" <<'SH'
#!/bin/sh
if [ "$1" = --list ]; then echo p; exit 0; fi
echo "PASS p"
SH
	cat >"$d/matrix" <<'SH'
#!/bin/sh
echo "PASS matrix cfg patch 1/2"; echo "PASS matrix cfg patch 2/2"
echo "matrix: 2 passed (0 from earlier runs), 0 failed, 0 skipped; 1 configurations x 2 patches, 2 cells in 0 s"
SH
	printf '#!/bin/sh\necho "==> mm/memory.o: identical"\n' >"$d/bench-gate"
	chmod +x "$d/selftest" "$d/parsers" "$d/matrix" "$d/bench-gate"
	run_cmd env -u KERNEL -u TREE -u BRANCH WORK="$d/w" PATCHES="$d/patches" HOME="$d/home" \
		EXPECT_CONF="$d/expect.conf" SELFTEST_CMD="$d/selftest" PARSERS_CMD="$d/parsers" MATRIX_SH="$d/matrix" \
		BENCH_GATE_SH="$d/bench-gate" \
		LLVM_SUFFIX=-97 PATH="$d/bin:$PATH" JOBS=1 "$@" "$TOP/scripts/check.sh"
	cp "$C/out" "$d/check.out"
}

# ---------------------------------------------------------------- cases
# Every t_NAME function is a case, in the order of this file.
mapfile -t CASES < <(sed -n 's/^t_\([A-Za-z0-9_-]*\)() {$/\1/p' "$SELF")

t_fetch-corrupt-deb() {
	printf 'not a debian package\n' >"$C/corrupt.deb"
	xfail "checksum mismatch" env WORK="$C/w" BASE_DEB="$C/corrupt.deb" "$TOP/scripts/fetch-base.sh"
	[ -f "$C/corrupt.deb" ] && [ ! -e "$C/w/linux" ] && [ ! -e "$C/w/linux.tmp" ] ||
		fail "the refused .deb was moved, or something was unpacked"
}
t_fetch-linux-without-base() {
	mkdir -p "$C/w/linux"
	git -C "$C/w/linux" init -q -b main
	echo mine >"$C/w/linux/file"
	printf 'not a debian package\n' >"$C/some.deb"
	xfail "is not a git tree with a branch 'base'" env WORK="$C/w" BASE_DEB="$C/some.deb" "$TOP/scripts/fetch-base.sh"
	[ "$(ls -A "$C/w/linux")" = "$(printf '.git\nfile')" ] && [ ! -e "$C/w/linux.tmp" ] ||
		fail "work/linux was changed: $(ls -A "$C/w/linux")"
}
t_fetch-lock() {
	mkdir -p "$C/w"
	flock "$C/w/fetch.lock" sleep 20 &
	local holder=$!
	sleep 0.5
	xfail "another 'make fetch' has held .*fetch.lock for 1 s" \
		env WORK="$C/w" FETCH_LOCK_WAIT=1 "$TOP/scripts/fetch-base.sh"
	kill "$holder" 2>/dev/null || true
	wait "$holder" 2>/dev/null || true
}
# A user's kernel tree with two patches for it (and one that does not apply).
user_tree() {
	local k=$C/kernel
	mk_kernel "$k"
	G -C "$k" branch -q -m main
	echo note >"$k/untracked-note"
	G -C "$k" checkout -q -b tmp
	sed -i 's/two/TWO/' "$k/mm/memory.c"
	G -C "$k" commit -q -am "mm: shout two"
	sed -i 's/three/THREE/' "$k/mm/memory.c"
	G -C "$k" commit -q -am "mm: shout three"
	mkdir -p "$C/p-ok" "$C/p-bad"
	G -C "$k" format-patch -q -o "$C/p-ok" main..tmp
	G -C "$k" checkout -q main
	G -C "$k" branch -q -D tmp
	cp "$C/p-ok/0001-"*.patch "$C/p-bad/"
	sed 's/^-three$/-four/' "$C/p-ok/0002-"*.patch >"$C/p-bad/0002-mm-shout-three.patch"
}
t_apply-kernel-new-branch() {
	user_tree
	local k=$C/kernel head
	head=$(git -C "$k" rev-parse HEAD)
	xok env PATCHES="$C/p-ok" KERNEL="$k" BRANCH=zap-test WORK="$C/w" "$TOP/scripts/apply.sh"
	[ "$(git -C "$k" log -1 --format=%s zap-test)" = "mm: shout three" ] || fail "branch zap-test lacks the series"
	[ "$(git -C "$k" symbolic-ref --short HEAD)" = main ] && [ "$(git -C "$k" rev-parse HEAD)" = "$head" ] &&
		[ -f "$k/untracked-note" ] && [ -z "$(git -C "$k" status --porcelain --untracked-files=no)" ] ||
		fail "the user's checkout was touched"
	has "$C/err" "to remove them: git -C .* worktree remove"
	has "$C/w/created" "^worktree	$k	$C/w/kernel-zap-test"
	has "$C/w/created" "^branch	$k	zap-test	"
	why "new branch and worktree, user's HEAD untouched; recorded in work/created with how to remove them"
}
t_apply-bad-patch-named() {
	user_tree
	xfail "patch 2/2 0002-mm-shout-three.patch does not apply" \
		env PATCHES="$C/p-bad" KERNEL="$C/kernel" BRANCH=zap-bad WORK="$C/w" "$TOP/scripts/apply.sh"
	[ "$(git -C "$C/kernel" log -1 --format=%s zap-bad)" = "mm: shout two" ] ||
		fail "the patches before the bad one were not kept"
}
t_apply-existing-branch() {
	user_tree
	G -C "$C/kernel" branch zap-test
	xfail "already exists" env PATCHES="$C/p-ok" KERNEL="$C/kernel" BRANCH=zap-test WORK="$C/w" "$TOP/scripts/apply.sh"
	[ "$(git -C "$C/kernel" rev-parse zap-test)" = "$(git -C "$C/kernel" rev-parse main)" ] || fail "zap-test moved"
}
t_apply-not-a-kernel() {
	user_tree
	mkdir -p "$C/other"
	git -C "$C/other" init -q -b main
	echo x >"$C/other/x"
	G -C "$C/other" add x
	G -C "$C/other" commit -q -m x
	xfail "is not a Linux kernel tree \(no Makefile\); nothing was changed" \
		env PATCHES="$C/p-ok" KERNEL="$C/other" WORK="$C/w" "$TOP/scripts/apply.sh"
	[ "$(git -C "$C/other" branch --format='%(refname:short)')" = main ] &&
		[ "$(git -C "$C/other" worktree list | wc -l)" = 1 ] || fail "a branch or worktree was left in the other repository"
}
t_apply-relative-kernel() {
	user_tree
	(cd "$C" && xok env PATCHES="$C/p-ok" KERNEL=kernel BRANCH=zap-rel WORK="$C/w" "$TOP/scripts/apply.sh")
	[ "$(git -C "$C/kernel" log -1 --format=%s zap-rel)" = "mm: shout three" ] || fail "not applied"
	has "$C/w/created" "^worktree	$C/kernel	"
	why "KERNEL=kernel (relative) applied and recorded as $C/kernel"
}
t_roundtrip-leftover-tree() {
	mkdir -p "$C/w" "$C/home"
	mk_kernel "$C/w/linux"
	mk_series "$C/w/linux" "$C/patches"
	# A directory left where the scratch worktree goes, not a worktree.
	mkdir -p "$C/w/roundtrip-tree/junk"
	xok env WORK="$C/w" PATCHES="$C/patches" HOME="$C/home" "$TOP/scripts/roundtrip.sh"
	has "$C/err" "removing the leftover .*roundtrip-tree"
	# And a stale worktree whose directory was removed by hand.
	rm -rf "$C/w/roundtrip-tree"
	xok env WORK="$C/w" PATCHES="$C/patches" HOME="$C/home" "$TOP/scripts/roundtrip.sh"
	has "$C/err" "round-trips"
	why "a leftover work/roundtrip-tree is replaced; $(tail -n 1 "$C/err")"
}
t_export-global-gitconfig() {
	mkdir -p "$C/w" "$C/home/.config/git"
	mk_kernel "$C/w/linux"
	mk_series "$C/w/linux" "$C/patches"
	cat >"$C/home/.gitconfig" <<'CFG'
[format]
	signOff = true
	to = someone@invalid
	cc = other@invalid
	headers = "X-Extra: 1\n"
	numbered = true
	thread = deep
	coverLetter = false
[diff]
	noprefix = true
	mnemonicPrefix = true
[am]
	messageId = true
	threeWay = true
[commit]
	gpgSign = true
CFG
	printf '[format]\n\tsignOff = true\n' >"$C/home/.config/git/config"
	xok env WORK="$C/w" PATCHES="$C/patches" HOME="$C/home" "$TOP/scripts/roundtrip.sh"
	xok env WORK="$C/w" PATCHES="$C/patches" HOME="$C/home" GIT_CONFIG_GLOBAL="$C/home/.gitconfig" \
		"$TOP/scripts/roundtrip.sh"
	! grep -rlE '^(Signed-off-by|To|Cc|X-Extra|Message-I[dD]):' "$C/w/roundtrip" || fail "lines from the user's config"
	why "format.signOff, format.to/cc/headers, diff.noprefix, am.messageId, commit.gpgSign ignored; patches/ identical"
}
t_paths-with-spaces() {
	local h="$C/a harness" k="$C/my kernel"
	mk_copy "$h"
	mkdir -p "$h/work" "$C/home"
	mk_kernel "$h/work/linux"
	rm -f "$h/patches"/*
	mk_series "$h/work/linux" "$h/patches"
	xok env -u WORK -u PATCHES HOME="$C/home" make -s -C "$h" roundtrip
	has "$C/err" "round-trips"
	# mutate: the tree's path reaches mutate.py whole.
	mk_kernel "$k"
	xfail "unknown mutant\(s\): no-such-mutant" env -u WORK HOME="$C/home" make -s -C "$h" mutate KERNEL="$k" ONLY=no-such-mutant
	# A kernel build cannot use such a path: said before anything runs.
	xfail "ERROR .*|path with spaces" env -u WORK HOME="$C/home" make -s -C "$h" mutate KERNEL="$k" ONLY=cows-ignore-skip
	has "$C/out" "cows-ignore-skip +ERROR"
	has "$C/out" "0 passed, 1 failed"
	grep -q 'return !details->skip_cows;' "$k/mm/memory.c" || fail "the tree was not restored"
	why "make roundtrip and make mutate work from '$h' with KERNEL='$k'"
}
t_readme-git-am() {
	local cmd
	cmd=$(grep -oE 'git am [^`]*patches/[^`]*' "$TOP/README.md" | head -n 1 | sed 's| [^ ]*/patches/| patches/|')
	[ -n "$cmd" ] || fail "README.md names no git am command"
	mkdir -p "$C/w" "$C/home"
	mk_kernel "$C/w/linux"
	mk_series "$C/w/linux" "$C/patches"
	G -C "$C/w/linux" checkout -q -b plain "$BASE_BRANCH"
	ln -s "$C/patches" "$C/w/linux/patches"
	(cd "$C/w/linux" && xok sh -c "$cmd")
	[ "$(git -C "$C/w/linux" rev-list --count "$BASE_BRANCH..plain")" = 2 ] || fail "'$cmd' did not apply both patches"
	why "the README's '$cmd' applies the series (the cover letter is skipped)"
}
t_kunit-build-error() {
	mkdir -p "$C/fake"
	write_fake_kunit "$C/fake"
	touch "$C/kunitconfig"
	fakebin "$C/bin"
	xfail "error: boom" env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 FAKE_BUILD_FAIL=1 TREE="$C/fake" \
		KUNITCONFIG="$C/kunitconfig" WORK="$C/w" STEP=build "$TOP/scripts/kunit.sh"
	has "$C/err" "build failed"
}
# SEED_FROM: a never-built tree starts as a copy of a built one; a tree
# already built, or a seed never built, is left alone.
t_kunit-seed() {
	mkdir -p "$C/fake"
	write_fake_kunit "$C/fake"
	touch "$C/kunitconfig"
	fakebin "$C/bin"
	kb() { xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 TREE="$C/fake" KUNITCONFIG="$C/kunitconfig" \
		WORK="$C/w" STEP=build "$@" "$TOP/scripts/kunit.sh"; }
	kb BUILD_DIR="$C/a" SEED_FROM="$C/none"
	[ -f "$C/a/vmlinux" ] || fail "no build in $C/a"
	echo objects >"$C/a/mm/seeded.o"
	kb BUILD_DIR="$C/b" SEED_FROM="$C/a"
	has "$C/err" "starting $C/b as a copy of $C/a"
	[ -f "$C/b/mm/seeded.o" ] || fail "$C/b was not started from $C/a"
	echo more >"$C/a/mm/later.o"
	kb BUILD_DIR="$C/b" SEED_FROM="$C/a"
	[ ! -e "$C/b/mm/later.o" ] || fail "a tree already built was copied over"
	hasnt "$C/err" "as a copy"
	why "an unbuilt tree starts from the built one; a built tree is not copied over; an unbuilt seed is ignored"
}
t_debug-fragment() {
	local k=$C/fake cfg=$C/fake/tools/testing/kunit/configs
	mkdir -p "$cfg"
	write_fake_kunit "$k"
	fakebin "$C/bin"
	printf 'CONFIG_KUNIT=y\nCONFIG_SHMEM=y\n' >"$cfg/mm_zap.config"
	printf '# debug\nCONFIG_KASAN=y\nCONFIG_SHMEM=y\n' >"$cfg/mm_zap_debug.config"
	xfail "mm_zap_debug.config sets options that mm_zap.config sets already: CONFIG_SHMEM" \
		env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 TREE="$k" WORK="$C/w" STEP=build "$TOP/scripts/debug.sh"
	printf '# debug\nCONFIG_KASAN=y\n' >"$cfg/mm_zap_debug.config"
	xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 TREE="$k" WORK="$C/w" STEP=build \
		FAKE_KUNIT_LOG="$C/args" "$TOP/scripts/debug.sh"
	has "$C/args" "--kunitconfig=$cfg/mm_zap.config --kunitconfig=$cfg/mm_zap_debug.config"
	why "the debug build passes mm_zap.config and the fragment, which may only add options"
}
t_kunit-timeout() {
	mkdir -p "$C/fake/tools/testing/kunit"
	printf 'import time\ntime.sleep(100000)\n' >"$C/fake/tools/testing/kunit/kunit.py"
	touch "$C/kunitconfig"
	fakebin "$C/bin"
	printf 'flags : fpu vmx\n' >"$C/cpuinfo"
	xfail "timed out after 3 s" env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 TREE="$C/fake" \
		KUNITCONFIG="$C/kunitconfig" WORK="$C/w" STEP=exec TIMEOUT=3 GRACE=2 \
		ACCEL=tcg KVM_DEV="$C/no-kvm" "$TOP/scripts/kunit.sh"
}
t_kunit-missing-tool() {
	mkdir -p "$C/fake"
	write_fake_kunit "$C/fake"
	touch "$C/kunitconfig"
	xfail "'clang-99' not found; run 'make deps'" env TREE="$C/fake" KUNITCONFIG="$C/kunitconfig" \
		WORK="$C/w" LLVM_SUFFIX=-99 "$TOP/scripts/kunit.sh"
	fakebin "$C/bin" bindgen
	xfail "'bindgen' not found; run 'make deps'" env PATH="$(path_without bindgen):$C/bin" TREE="$C/fake" \
		KUNITCONFIG="$C/kunitconfig" WORK="$C/w" LLVM_SUFFIX=-97 HOME="$C" "$TOP/scripts/kunit.sh"
}
t_kunit-missing-tree() {
	xfail "no kernel tree at $C/nowhere" env TREE="$C/nowhere" WORK="$C/w" "$TOP/scripts/kunit.sh"
}
# A fake tree whose exec passes one case.
pass_tree() {
	mkdir -p "$1/mm/tests"
	write_fake_kunit "$1"
	printf 'mm_zap one PASS\n' >"$1/mm/tests/cases"
	mkdir -p "$1/tools/testing/kunit/configs"
	touch "$1/tools/testing/kunit/configs/mm_zap.config"
}
t_kunit-relative-kernel() {
	pass_tree "$C/k"
	fakebin "$C/bin"
	(cd "$C" && xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 KERNEL=k WORK=w FAKE_KUNIT_LOG="$C/log" \
		ACCEL=tcg KVM_DEV="$C/no-kvm" "$TOP/scripts/kunit.sh")
	has "$C/log" "^$C/k build .*--build_dir=$C/w/build"
	has "$C/log" "^$C/k exec .*--kunitconfig=$C/k/tools/testing/kunit/configs/mm_zap.config"
	has "$C/out" "1 passed, 0 failed"
	why "KERNEL=k WORK=w became $C/k and $C/w; $(tail -n 1 "$C/out")"
}
t_kunit-llvm-unsuffixed() {
	pass_tree "$C/k"
	fakebin "$C/bin"
	xok env PATH="$C/bin:$PATH" LLVM_SUFFIX= TREE="$C/k" WORK="$C/w" FAKE_KUNIT_LOG="$C/log" \
		ACCEL=tcg KVM_DEV="$C/no-kvm" "$TOP/scripts/kunit.sh"
	has "$C/log" "--make_options LLVM=1 "
	fakebin "$C/bin2" clang
	xfail "'clang' not found" env PATH="$(path_without clang):$C/bin2" LLVM_SUFFIX= TREE="$C/k" WORK="$C/w" \
		"$TOP/scripts/kunit.sh"
	why "LLVM_SUFFIX= selects clang and LLVM=1; without clang: $(cat "$C/.why")"
}
t_knobs-refused() {
	pass_tree "$C/k"
	fakebin "$C/bin"
	local kv shown=""
	for kv in TIMEOUT=abc TIMEOUT=-5 TIMEOUT=0 ACCEL=foo JOBS=0 LLVM_SUFFIX=19 GRACE=x STEP=run \
		KCONFIG_ADD=RUST MIRROR=mirror BRANCH=a..b KERNEL=/nonexistent; do
		xfail "^error: ${kv%%=*}='.*' is not allowed: .*\(nothing was done\)" env "$kv" PATH="$C/bin:$PATH" \
			LLVM_SUFFIX="${LLVM_SUFFIX_T:--97}" TREE="$C/k" WORK="$C/w" FAKE_KUNIT_LOG="$C/log" \
			"$kv" "$TOP/scripts/kunit.sh"
		[ ! -e "$C/log" ] && [ ! -e "$C/w" ] || fail "$kv: work started before the knob was refused"
		shown="$shown ${kv}"
	done
	xfail "TIMEOUT='abc' is not allowed" env TIMEOUT=abc "$TOP/scripts/install-deps.sh"
	why "refused before any work:$shown (and by make deps, the first step of make all)"
}
# nobody_prep: NOBODY=(...), a prefix that runs a command as an
# unprivileged user (nobody), or nothing when not root already.
nobody_prep() {
	NOBODY=()
	[ "$(id -u)" = 0 ] || return 0
	command -v setpriv >/dev/null || fail "needs 'setpriv' (util-linux)"
	chmod 755 "$C" "$(dirname "$C")"
	NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$C")
}
nobody_tree() {
	mk_copy "$C/h"
	pass_tree "$C/k"
	fakebin "$C/bin"
	mkdir -p "$C/w"
	printf 'flags : fpu %s\n' "$1" >"$C/cpuinfo"
	chmod -R a+rwX "$C"
	nobody_prep
	# nobody cannot create files in $C itself (nobody_prep makes it 755).
	export KBUILD_LOCK=$C/w/kbuild.lock
}
t_kvm-nonroot-no-access() {
	nobody_tree vmx
	# /dev/kvm as a kernel makes it: root's, mode 0660 group kvm (here a
	# stand-in nobody cannot open).
	: >"$C/kvm"
	chmod 600 "$C/kvm"
	run_cmd "${NOBODY[@]}" env PATH="$C/bin:/usr/bin:/bin" LLVM_SUFFIX=-97 TREE="$C/k" WORK="$C/w" \
		KVM_DEV="$C/kvm" CPUINFO="$C/cpuinfo" "$C/h/scripts/kunit.sh"
	[ $rc = 0 ] || { tail -n 5 "$C/err"; fail "the run stopped (exit $rc)"; }
	has "$C/err" "join group kvm"
	has "$C/out" "kunit \(tcg"
	why "ran on TCG as nobody; $(grep -o 'to use KVM, join group kvm[^;]*' "$C/err" | head -n 1)"
}
t_kvm-nonroot-accel-kvm() {
	nobody_tree vmx
	: >"$C/kvm"
	chmod 600 "$C/kvm"
	xfail "ACCEL=kvm, but .* cannot open .*; join group kvm" "${NOBODY[@]}" env PATH="$C/bin:/usr/bin:/bin" \
		LLVM_SUFFIX=-97 TREE="$C/k" WORK="$C/w" KVM_DEV="$C/kvm" CPUINFO="$C/cpuinfo" ACCEL=kvm \
		"$C/h/scripts/kunit.sh"
}
t_kvm-nonroot-broken-kvm() {
	nobody_tree ""
	: >"$C/kvm"
	chmod 666 "$C/kvm"
	run_cmd "${NOBODY[@]}" env PATH="$C/bin:/usr/bin:/bin" LLVM_SUFFIX=-97 TREE="$C/k" WORK="$C/w" \
		KVM_DEV="$C/kvm" CPUINFO="$C/cpuinfo" "$C/h/scripts/kunit.sh"
	if [ $rc = 0 ]; then
		has "$C/out" "kunit \(tcg"
		why "a broken but openable /dev/kvm was hidden with unshare -rm as nobody"
	else
		has "$C/err" "unshare -rm"
		has "$C/err" "join group kvm"
		why "$(grep -o 'hiding it needs.*' "$C/err" | cut -c1-150)"
	fi
}
# A kernel-build lock the user cannot write (root made it) stops the run
# before the build, naming the file and the way out.
t_build-lock-unwritable() {
	nobody_tree vmx
	[ ${#NOBODY[@]} -gt 0 ] || fail "needs root, to make a lock file another user owns"
	: >"$C/w/kbuild.lock"
	chmod 600 "$C/w/kbuild.lock"
	chown 0:0 "$C/w/kbuild.lock"
	xfail "cannot open the kernel-build lock $C/w/kbuild.lock for writing; .*KBUILD_LOCK=" \
		"${NOBODY[@]}" env PATH="$C/bin:/usr/bin:/bin" LLVM_SUFFIX=-97 TREE="$C/k" WORK="$C/w" \
		ACCEL=tcg "$C/h/scripts/kunit.sh"
	[ ! -e "$C/w/results/kunit.build.log" ] || fail "the build started before the lock was refused"
	why "$(grep -o 'cannot open the kernel-build lock.*' "$C/err" | cut -c1-150)"
}
# The matrix's choice of objects (scripts/matrix-objects.sh) on a stub
# tree whose right answer is known: a changed .c and .rs are built; a
# changed header leads to mm/memory.o and to the includers that use what
# changed (mm/olduser.c, untouched, names foo_old, which the series
# removes), not to one that uses only what stays (mm/old.c); a header new in the series to the touched
# files that include it; a deleted file is skipped; the Makefile decides
# whether a configuration enables an object.
t_matrix-objects() {
	local k=$C/k got
	mkdir -p "$k/mm" "$k/include/linux" "$k/o/include/config"
	G -C "$k" init -q -b "$BASE_BRANCH"
	printf 'int foo_a(void);\nint foo_old(void);\n' >"$k/include/linux/foo.h"
	printf '#include <linux/foo.h>\nint u(void) { return 1; }\n' >"$k/mm/uses.c"
	printf '#include <linux/foo.h>\nint ou(void) { return foo_old(); }\n' >"$k/mm/olduser.c"
	printf '#include <linux/foo.h>\nint o(void) { return foo_a(); }\n' >"$k/mm/old.c"
	printf 'int g(void) { return 0; }\n' >"$k/mm/gone.c"
	printf 'int x(void) { return 0; }\n' >"$k/mm/x.c"
	printf 'obj-y += uses.o old.o olduser.o memory.o\nobj-$(CONFIG_X) += x.o\nobj-$(CONFIG_R) += p.o\n' >"$k/mm/Makefile"
	: >"$k/mm/memory.c"
	G -C "$k" add -A
	G -C "$k" commit -q -m base
	G -C "$k" checkout -q -b series
	printf 'int foo_a(void);\nint foo_new(void); /* foo_comment_only */\n' >"$k/include/linux/foo.h"
	printf '#include <linux/foo.h>\nint u(void) { return foo_new(); }\n' >"$k/mm/uses.c"
	printf 'int bar(void);\n' >"$k/include/linux/bar.h"
	printf '#include <linux/bar.h>\nint x(void) { return bar(); }\n' >"$k/mm/x.c"
	printf '// SPDX\n' >"$k/mm/p.rs"
	G -C "$k" rm -q mm/gone.c
	G -C "$k" add -A
	G -C "$k" commit -q -m series
	got=$(cd "$C" && tree=$k BASE_BRANCH=$BASE_BRANCH bash -c '
		set -euo pipefail
		. "$0"
		mapfile -t touched < <(git -C "$tree" diff --name-only "$BASE_BRANCH" series)
		objects | tr "\n" " "
		# the same with the base includers searched beforehand, as matrix.sh does
		objects_prime
		printf "| "; objects | tr "\n" " "' "$TOP/scripts/matrix-objects.sh")
	want="mm/memory.o mm/olduser.o mm/p.o mm/uses.o mm/x.o "
	[ "$got" = "$want| $want" ] || fail "objects (without | with objects_prime): '$got'"
	printf 'CONFIG_X=y\n' >"$k/o/include/config/auto.conf"
	got=$(cd "$C" && tree=$k bash -c '
		. "$0"
		for ob in mm/x.o mm/p.o mm/uses.o mm/nothere.o; do
			enabled "$1" "$ob" && printf "%s " "$ob"
		done; true' "$TOP/scripts/matrix-objects.sh" "$k/o")
	[ "$got" = "mm/x.o mm/uses.o " ] || fail "enabled with CONFIG_X=y: '$got'"
	why "objects: mm/memory.o mm/olduser.o mm/p.o mm/uses.o mm/x.o (not mm/old.o, not the deleted mm/gone.o); CONFIG_X=y enables mm/x.o, not mm/p.o"
}
# The patches the matrix's sparse rows are built at: each one with a
# Fixes: tag and the tip; a "Fixes:" inside a line is not a tag.
t_matrix-sparse-patches() {
	local k=$C/k got i
	mkdir -p "$k"
	G -C "$k" init -q -b "$BASE_BRANCH"
	for i in 1 2 3 4 5; do
		echo $i >"$k/f"
		G -C "$k" add f
		case $i in
		1 | 3) G -C "$k" commit -q -m "fix $i" -m "Fixes: 0123456789ab (\"x\")" ;;
		4) G -C "$k" commit -q -m "four" -m "not a tag: Fixes: 0123456789ab" ;;
		*) G -C "$k" commit -q -m "commit $i" ;;
		esac
	done
	got=$(tree=$k bash -c '. "$0"; fix_and_tip_patches $(git -C "$tree" rev-list --reverse HEAD) | tr "\n" " "' \
		"$TOP/scripts/matrix-objects.sh")
	[ "$got" = "1 3 5 " ] || fail "sparse rows at '$got', want '1 3 5 '"
	why "patches 1 3 5 of 5: the two with a Fixes: tag and the tip, not the one that quotes the tag mid-line"
}
t_matrix-build-inputs() {
	local k=$C/k f keys=
	mkdir -p "$k/Documentation" "$k/tools/testing" "$k/tools/objtool" "$k/mm"
	G -C "$k" init -q -b "$BASE_BRANCH"
	for f in Documentation/a.rst MAINTAINERS tools/testing/t tools/objtool/o mm/m.c; do echo 0 >"$k/$f"; done
	G -C "$k" add .
	G -C "$k" commit -q -m base
	for f in Documentation/a.rst "MAINTAINERS tools/testing/t" tools/objtool/o mm/m.c; do
		for f in $f; do echo 1 >"$k/$f"; done
		G -C "$k" commit -q -a -m "change $f"
	done
	keys=$(tree=$k bash -c '. "$0"; for c in $(git -C "$tree" rev-list --reverse HEAD); do build_inputs $c | cut -c1-8; done | uniq -c | awk "{ print \$1 }" | tr "\n" " "' \
		"$TOP/scripts/matrix-objects.sh")
	[ "$keys" = "3 1 1 " ] || fail "commits per build-inputs key: '$keys', want '3 1 1 '"
	why "a change to Documentation/, MAINTAINERS or tools/testing/ keeps the key; one to tools/objtool or mm/ changes it"
}
# The matrix rows (scripts/matrix-rows/): the harness's own are valid; a
# bad file is refused, naming what is wrong; rows go to workers by cost,
# and a "with" row follows its row.
t_matrix-rows() {
	local r=$C/rows got bad
	got=$(bash -c '. "$0/scripts/lib.sh"; . "$0/scripts/matrix-rows.sh"
		for r in $(matrix_rows); do row_check "$r" || exit 1; done; matrix_rows | wc -l' "$TOP") ||
		fail "a row of the harness is bad: $got"
	[ "$got" -ge 2 ] || fail "only $got rows"
	mkdir -p "$r"
	printf '#! from: x86_64_defconfig\n#! make-check: every patch\n#! cost: 100\nCONFIG_A=y\n' >"$r/defconfig.config"
	printf '#! from: defconfig\n#! make-check: every patch\n#! cost: 90\n# CONFIG_A is not set\n' >"$r/b.config"
	printf '#! from: kunit.py\n#! make-check: fixes and tip\n#! cost: 20\n' >"$r/c.config"
	printf '#! from: defconfig\n#! make-check: no, d follows the defconfig row\n#! cost: 30\n#! with: defconfig\n' >"$r/d.config"
	got=$(MATRIX_ROWS=$r bash -c '. "$0/scripts/lib.sh"; . "$0/scripts/matrix-rows.sh"
		for r in $(matrix_rows); do row_check "$r" || exit 1; done
		declare -A sparse=()
		SPARSE_CELLS=1 N=1 assign_rows 2 b c d defconfig | paste -sd"|"' "$TOP") || fail "stub rows: $got"
	[ "$got" = "0 defconfig d|1 b c" ] || fail "workers '$got', want '0 defconfig d|1 b c'"
	for bad in "s/cost: 90/cost: soon/|no '#! cost" "s/from: defconfig/from: allnoconfig/|'#! from: allnoconfig' is none" \
		"s/make-check: every patch/make-check: sometimes/|'#! make-check: sometimes' is none" \
		"s/# CONFIG_A is not set/CONFIG_A is off/|neither a comment nor" \
		"s/# CONFIG_A is not set/CONFIG_A=y/|only the row that starts from x86_64_defconfig turns options on"; do
		sed -i.orig "${bad%%|*}" "$r/b.config"
		got=$(MATRIX_ROWS=$r bash -c '. "$0/scripts/lib.sh"; . "$0/scripts/matrix-rows.sh"; row_check b' "$TOP") &&
			fail "row_check accepted b.config after ${bad%%|*}"
		case $got in *"${bad#*|}"*) ;; *) fail "after ${bad%%|*}: '$got'" ;; esac
		mv "$r/b.config.orig" "$r/b.config"
	done
	printf '#! with: nosuch\n' >>"$r/d.config"
	sed -i '/#! with: defconfig/d' "$r/d.config"
	got=$(MATRIX_ROWS=$r bash -c '. "$0/scripts/lib.sh"; . "$0/scripts/matrix-rows.sh"; row_check d' "$TOP") &&
		fail "row_check accepted a with: that names no row"
	case $got in *"names no row"*) ;; *) fail "with: nosuch: '$got'" ;; esac
	why "the harness's rows are valid; workers 'defconfig d' and 'b c' (d follows defconfig); a bad cost, from, make-check, line or with:, or an option turned on outside the defconfig row, is refused, named"
}
t_mutate-bad-tree() {
	xfail "no kernel tree at /nonexistent" python3 "$TOP/scripts/mutate.py" /nonexistent
	[ $rc = 2 ] || fail "exit $rc"
	hasnt "$C/out" "passed"
}
t_mutate-bad-only() {
	mk_kernel "$C/k"
	xfail "unknown mutant\(s\): cows-ignore-skp; known: cows-null" python3 "$TOP/scripts/mutate.py" "$C/k" cows-ignore-skp
	[ $rc = 2 ] || fail "exit $rc"
	hasnt "$C/out" "passed"
}
t_mutate-infra-error() {
	mk_kernel "$C/k"
	mkdir -p "$C/k/mm/tests" "$C/k/tools/testing/kunit/configs"
	printf 'mm_zap one FAIL-IF-MUTATED\n' >"$C/k/mm/tests/cases"
	touch "$C/k/tools/testing/kunit/configs/mm_zap.config"
	cp "$C/k/mm/memory.c" "$C/memory.c.orig"
	xfail "2 failed" env WORK="$C/w" LLVM_SUFFIX=-99 python3 "$TOP/scripts/mutate.py" "$C/k" cows-ignore-skip cows-always-skip
	has "$C/out" "cows-ignore-skip +ERROR"
	has "$C/out" "'clang-99' not found"
	has "$C/out" "cows-always-skip +NOTRUN"
	has "$C/out" "^0 passed, 2 failed$"
	cmp -s "$C/k/mm/memory.c" "$C/memory.c.orig" || fail "mm/memory.c not restored"
	why "a missing clang is an ERROR, not a catch: $(tail -n 1 "$C/out")"
}
t_mutate-caught-missed() {
	mk_kernel "$C/k"
	mkdir -p "$C/k/mm/tests" "$C/k/tools/testing/kunit/configs"
	printf 'mm_zap one FAIL-IF-MUTATED\nmm_zap two PASS\n' >"$C/k/mm/tests/cases"
	touch "$C/k/tools/testing/kunit/configs/mm_zap.config"
	fakebin "$C/bin"
	# cows-ignore-skip is marked so that the fake suite's case fails on it;
	# cows-always-skip changes nothing the fake suite looks at.
	# Run mutate.py with its first mutant marked so the fake suite fails.
	local m=$C/mutate.py
	sed "s|'return !details->skip_cows;', 'return true;'),|'return !details->skip_cows;', 'return true; /* mutated */'),|" \
		"$TOP/scripts/mutate.py" >"$m"
	grep -q 'return true; /\* mutated \*/' "$m" || fail "could not mark the mutant"
	mkdir -p "$C/scripts"
	ln -sf "$TOP/scripts/kunit.sh" "$TOP/scripts/lib.sh" "$TOP/scripts/kunit-json.py" "$C/scripts/"
	ln -sf "$TOP/base.conf" "$C/base.conf"
	cp "$m" "$C/scripts/mutate.py"
	run_cmd env PATH="$C/bin:$PATH" WORK="$C/w" LLVM_SUFFIX=-97 ACCEL=tcg KVM_DEV="$C/no-kvm" \
		python3 "$C/scripts/mutate.py" "$C/k" cows-ignore-skip cows-always-skip
	[ $rc = 1 ] || { cat "$C/out"; fail "exit $rc"; }
	has "$C/out" "cows-ignore-skip +caught"
	has "$C/out" "mm_zap.one"
	has "$C/out" "cows-always-skip +MISSED"
	has "$C/out" "^1 passed, 1 failed$"
	why "caught only by the failing case mm_zap.one; the mutant no case notices is MISSED"
}
t_mirror-debian-not-vendor() {
	local a=$C/apt
	mkdir -p "$a/sources.list.d"
	cat >"$a/sources.list.d/code.sources" <<'S'
Types: deb
URIs: http://code.invalid/repos/code
Suites: stable
Components: main
Signed-By: /usr/share/keyrings/vendor.gpg
S
	cat >"$a/sources.list.d/docker.sources" <<'S'
Types: deb
URIs: http://docker.invalid/linux/debian
Suites: bookworm
Components: stable
Signed-By: /etc/apt/keyrings/docker.asc
S
	printf 'deb [signed-by=/usr/share/keyrings/vendor.gpg] http://vendor.invalid/debian bookworm main\n' \
		>"$a/sources.list.d/aaa-vendor.list"
	cat >"$a/sources.list.d/debian.sources" <<'S'
Types: deb
# a comment
URIs: http://mirror.invalid/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.invalid/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
S
	local got
	got=$(APT_ETC=$a bash -c '. "$1/scripts/lib.sh"; mirror_uri' sh "$TOP") || fail "mirror_uri failed"
	[ "$got" = http://mirror.invalid/debian ] || fail "picked $got"
	mv "$a/sources.list.d/debian.sources" "$a/sources.list.d/zz-debian.sources"
	got=$(APT_ETC=$a bash -c '. "$1/scripts/lib.sh"; mirror_uri' sh "$TOP") || fail "mirror_uri failed"
	[ "$got" = http://mirror.invalid/debian ] || fail "picked $got with Debian's file sorted last"
	got=$(MIRROR=http://other.invalid/debian APT_ETC=$a bash -c '. "$1/scripts/lib.sh"; mirror_uri' sh "$TOP")
	[ "$got" = http://other.invalid/debian ] || fail "MIRROR= ignored: $got"
	rm "$a/sources.list.d/zz-debian.sources"
	xfail "no Debian mirror .* give one with MIRROR=" env APT_ETC="$a" bash -c '. "$1/scripts/lib.sh"; mirror_uri' sh "$TOP"
	why "Debian's mirror over code/docker/vendor sources listed before it; MIRROR= overrides; none: asks for MIRROR="
}
# Fakes for install-deps.sh: dpkg-query (all installed but flex), id (uid
# $2), apt-get (logs its arguments), rustup, cargo, bindgen 0.73.2.
deps_fakes() {
	local d=$1
	fakebin "$d"
	cat >"$d/dpkg-query" <<'SH'
#!/bin/sh
for p; do :; done
[ "$p" = flex ] && exit 1
echo "install ok installed"
SH
	printf '#!/bin/sh\n[ "$1" = -u ] && { echo %s; exit 0; }\nexec /usr/bin/id "$@"\n' "$2" >"$d/id"
	printf '#!/bin/sh\necho "apt-get $*" >>"$APT_LOG"\n' >"$d/apt-get"
	printf '#!/bin/sh\n[ "$1 $2" = "component list" ] && printf "rust-src\\nrustfmt\\nclippy\\n"\nexit 0\n' >"$d/rustup"
	printf '#!/bin/sh\necho "bindgen %s"\n' "$BINDGEN_VERSION" >"$d/bindgen"
	printf '#!/bin/sh\nexit 0\n' >"$d/cargo"
	chmod +x "$d"/*
}
t_install-deps-message() {
	deps_fakes "$C/bin" 1000
	xfail "packages missing: flex; run 'make deps' as root" env PATH="$C/bin:$PATH" WORK="$C/w" \
		"$TOP/scripts/install-deps.sh"
	hasnt "$C/err" "qemu"
	rm "$C/bin/qemu-system-x86_64"
	xfail "packages missing: flex qemu-system-x86 \(from bookworm-backports\)" \
		env PATH="$C/bin:$(path_without qemu-system-x86_64)" WORK="$C/w" "$TOP/scripts/install-deps.sh"
	why "names only what is missing (qemu only when it is)"
}
t_install-deps-apt() {
	deps_fakes "$C/bin" 0
	xok env PATH="$C/bin:$PATH" WORK="$C/w" APT_LOG="$C/apt.log" MIRROR=http://mirror.invalid/debian \
		LLVM_SUFFIX=-97 HOME="$C" "$TOP/scripts/install-deps.sh"
	has "$C/apt.log" "DPkg::Lock::Timeout=600 .*install flex$"
	hasnt "$C/apt.log" "busybox"
	has "$C/w/apt/deps/sources.list" "http://mirror.invalid/debian bookworm main"
	why "apt-get waits for the dpkg lock (DPkg::Lock::Timeout=600), installs flex only, no busybox-static"
}
t_make-j-order() {
	local h=$C/h s
	mk_copy "$h"
	rm -rf "$h/scripts"
	mkdir -p "$h/scripts"
	for s in $(cd "$TOP/scripts" && ls); do
		printf '#!/bin/sh\necho "start %s" >>"%s"\nsleep 0.3\necho "end %s" >>"%s"\n' \
			"$s" "$C/log" "$s" "$C/log" >"$h/scripts/$s"
	done
	chmod +x "$h/scripts"/*
	xok make -s -C "$h" -j4 all
	local want="install-deps.sh fetch-base.sh apply.sh test.sh bench.sh"
	[ "$(grep '^start' "$C/log" | head -n 5 | cut -d' ' -f2 | paste -sd' ')" = "$want" ] ||
		fail "make -j4 all ran: $(paste -sd' ' "$C/log")"
	awk '$1 == "start" { if (open) bad = 1; open = 1 } $1 == "end" { open = 0 } END { exit bad }' "$C/log" ||
		fail "make -j4 all overlapped: $(paste -sd' ' "$C/log")"
	rm -f "$C/log"
	xok env MAKEFLAGS=-j4 make -s -C "$h" check
	[ "$(grep '^start' "$C/log" | cut -d' ' -f2 | paste -sd' ')" = "install-deps.sh fetch-base.sh check.sh" ] ||
		fail "MAKEFLAGS=-j4 make check ran: $(paste -sd' ' "$C/log")"
	awk '$1 == "start" { if (open) bad = 1; open = 1 } $1 == "end" { open = 0 } END { exit bad }' "$C/log" ||
		fail "make check overlapped: $(paste -sd' ' "$C/log")"
	why "make -j4 all and MAKEFLAGS=-j4 make check run their steps one after the other, in order"
}
distclean_world() {
	local h=$C/h
	mk_copy "$h"
	user_tree
	cp "$C/p-ok"/*.patch "$h/patches/"
	G -C "$C/kernel" branch mine
	xok env -u WORK -u PATCHES make -s -C "$h" apply KERNEL="$C/kernel" BRANCH=zap-dc
	mkdir -p "$h/work/results"
}
t_distclean() {
	distclean_world
	local h=$C/h
	xok env -u WORK make -s -C "$h" distclean
	[ ! -e "$h/work" ] || fail "work/ is still there"
	git -C "$C/kernel" rev-parse -q --verify zap-dc >/dev/null && fail "branch zap-dc is still there"
	[ "$(git -C "$C/kernel" worktree list | wc -l)" = 1 ] || fail "a worktree is still registered"
	git -C "$C/kernel" rev-parse -q --verify mine >/dev/null || fail "the user's branch 'mine' was removed"
	[ -f "$C/kernel/untracked-note" ] && [ -n "$(ls "$h/patches")" ] && [ -f "$h/Makefile" ] ||
		fail "something not made by the harness was removed"
	why "removed work/, worktree and branch zap-dc in the user's tree; kept 'mine', untracked files, patches/"
}
t_distclean-keeps-work() {
	distclean_world
	local h=$C/h
	echo more >>"$h/work/kernel-zap-dc/mm/memory.c"
	G -C "$h/work/kernel-zap-dc" commit -q -am "my own work"
	xfail "branch zap-dc in .* has moved since the harness made it" env -u WORK make -s -C "$h" distclean
	has "$C/err" "Nothing was removed"
	[ -d "$h/work/results" ] && git -C "$C/kernel" rev-parse -q --verify zap-dc >/dev/null ||
		fail "something was removed"
	xok env -u WORK make -s -C "$h" distclean FORCE=1
	[ ! -e "$h/work" ] || fail "FORCE=1 did not remove work/"
	why "a branch with the user's commits is kept (nothing removed) unless FORCE=1"
}
t_disasm-other-tree() {
	fakebin "$C/bin"
	local x
	for x in a b; do
		mk_kernel "$C/$x"
		mkdir -p "$C/$x/tools/testing/kunit/configs"
		touch "$C/$x/tools/testing/kunit/configs/mm_zap.config"
		G -C "$C/$x" add -A
		G -C "$C/$x" commit -q --allow-empty -m "tip $x"
	done
	xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 WORK="$C/w" KERNEL="$C/a" "$TOP/scripts/disasm.sh" HEAD~1 HEAD
	xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 WORK="$C/w" KERNEL="$C/b" "$TOP/scripts/disasm.sh" HEAD~1 HEAD
	same_repo "$C/w/disasm" "$C/b" || fail "work/disasm is not a worktree of the second tree"
	[ "$(git -C "$C/a" worktree list | wc -l)" = 1 ] || fail "the first tree still has the worktree"
	has "$C/err" "belongs to another tree"
	why "work/disasm of tree a is replaced for tree b (and removed from a)"
}
t_disasm-front() {
	fakebin "$C/bin"
	local k=$C/k want
	mk_kernel "$k"
	G -C "$k" checkout -q -b "$WORK_BRANCH"
	echo fix >>"$k/mm/memory.c"
	G -C "$k" commit -q -am "mm: a fix" -m "Fixes: 0123456789ab (\"mm: a bug\")"
	echo loop >>"$k/mm/memory.c"
	G -C "$k" commit -q -am "mm: a cheaper loop, C only"
	want=$(git -C "$k" log -1 --format=%h HEAD)
	mkdir -p "$k/mm/tests"
	echo test >"$k/mm/tests/t.c"
	G -C "$k" add -A
	G -C "$k" commit -q -m "mm/tests: a test"
	echo more >"$k/mm/other.c"
	G -C "$k" add -A
	G -C "$k" commit -q -m "mm: after the tests, C only again"
	xok env PATH="$C/bin:$PATH" LLVM_SUFFIX=-97 WORK="$C/w" KERNEL="$k" "$TOP/scripts/disasm.sh"
	has "$C/err" "comparing with $want mm: a cheaper loop, C only"
	why "the reference is the end of the leading fixes and C-only mm/ commits, not a later C-only one"
}
t_check-all-pass() {
	stub_check "$C/s"
	[ $rc = 0 ] || { tail -n 25 "$C/out"; fail "check.sh failed (exit $rc)"; }
	has "$C/out" "^expecting 22 checks"
	has "$C/out" "^24 passed, 0 failed \(24 expected\)$"
	why "$(tail -n 1 "$C/out")"
}
t_check-selftest-stops() {
	mkdir -p "$C/s"
	cat >"$C/s/selftest2" <<'SH'
#!/bin/sh
if [ "$1" = --list ]; then printf 'a\nb\nc\n'; exit 0; fi
echo "PASS a: fine"; echo "oops" >&2; exit 1
SH
	chmod +x "$C/s/selftest2"
	stub_check "$C/s" SELFTEST_CMD="$C/s/selftest2"
	[ $rc != 0 ] || fail "check.sh passed"
	has "$C/out" "^FAIL harness: selftest2 exited 1"
	has "$C/out" "^FAIL 2 of the 26 expected checks did not run"
	has "$C/out" "^23 passed, 3 failed \(26 expected\)$"
	why "$(tail -n 1 "$C/out"): the 2 self-tests that never ran and the exit status count"
}
t_check-empty-json() {
	stub_check "$C/s" FAKE_JSON=empty
	[ $rc != 0 ] || fail "check.sh passed"
	has "$C/out" "0 KUnit cases ran at the tip, 3 expected"
	has "$C/out" "^FAIL 3 of the 25 expected checks did not run"
	why "$(tail -n 1 "$C/out")"
}
t_check-missing-llvm-nm() {
	mkdir -p "$C/s"
	stub_check "$C/s" PATH="$(fakebin "$C/nm-less" llvm-nm-97; echo "$C/nm-less"):$PATH"
	[ $rc != 0 ] || fail "check.sh passed"
	has "$C/out" "^FAIL mm/zap_policy.o has no panic path: 'llvm-nm-97' not found"
	why "$(grep '^FAIL mm/zap_policy.o' "$C/out"); $(tail -n 1 "$C/out")"
}
t_check-gates-not-run() {
	stub_check "$C/s" LLVM_SUFFIX=-99
	[ $rc != 0 ] || fail "check.sh passed"
	has "$C/out" "^FAIL patch 1/2 builds .*"
	has "$C/out" "'clang-99' not found"
	has "$C/out" "^SKIP patch 1/2: KUnit suites pass: not run, the build failed"
	has "$C/out" "^SKIP kunit cases at the tip: not run, the build failed"
	has "$C/out" "^FAIL no compiler warnings in the files the series touches"
	has "$C/s/w/results/check/warnings.log" "no build log of patch 1/2"
	has "$C/out" "^FAIL 2 of the 24 expected checks did not run"
	hasnt "$C/out" " 0 failed"
	why "builds without clang: SKIP lines for what did not run, no warnings gate without logs; $(tail -n 1 "$C/out")"
}
t_check-matrix-absent() {
	stub_check "$C/s" MATRIX_SH="$C/no-matrix.sh"
	[ $rc != 0 ] || fail "check.sh passed"
	has "$C/out" "^SKIP matrix: .*no-matrix.sh is not there"
	has "$C/out" "^22 passed, 1 failed \(23 expected\)$"
	why "$(grep '^SKIP matrix' "$C/out" | cut -c1-60)...; $(tail -n 1 "$C/out")"
}
t_selftest-tmpdir() {
	xfail "^FAIL mutate-bad-tree: did not run: cannot create a temporary directory" \
		env TMPDIR=/nonexistent/tmp "$SELF" mutate-bad-tree mirror-debian-not-vendor
	has "$C/out" "^FAIL mirror-debian-not-vendor: did not run"
	has "$C/out" "^selftest: 0 passed, 2 failed of 2$"
}
t_selftest-keeps-going() {
	# With git missing, the cases that need it fail; the others still run.
	run_cmd env PATH="$(path_without git)" "$SELF" apply-not-a-kernel mutate-bad-tree
	[ $rc = 1 ] || fail "exit $rc"
	has "$C/out" "^FAIL apply-not-a-kernel"
	has "$C/out" "^PASS mutate-bad-tree"
	has "$C/out" "^selftest: 1 passed, 1 failed of 2$"
	why "a missing tool (git) fails its case; the next case still runs; exit 1"
}
t_no-urls-no-signoff() {
	local files
	files=$(cd "$TOP" && git ls-files 2>/dev/null | grep -v '^patches/' || true)
	[ -n "$files" ] || files="Makefile README.md base.conf $(cd "$TOP" && ls scripts/* .ci/*)"
	(cd "$TOP" && ! grep -nE 'https?://[a-z0-9.-]+\.(org|net|com|io)(/|$)' $files |
		grep -vE 'kernel\.org|\.invalid|example' | grep -iE 'debian|ubuntu|crates|pypi|pythonhosted|npmjs|rust-lang|registry|mirror') ||
		fail "a package registry host is named above"
	(cd "$TOP" && ! grep -rn '^Signed-off-by:' patches $files) || fail "Signed-off-by lines above"
	why "no package-registry host in any file, no Signed-off-by line in patches/ or the harness"
}

# ---------------------------------------------------------------- runner

if [ "${1:-}" = --list ]; then
	printf '%s\n' "${CASES[@]}"
	exit 0
fi
if [ "${1:-}" = --run-one ]; then
	# Internal: one case, in its own directory $2/$3.
	C=$2/$3
	mkdir -p "$C"
	cd "$C"
	# A real build elsewhere on this machine must not make a case wait.
	export KBUILD_LOCK=$C/kbuild.lock
	set -e
	"t_$3"
	exit 0
fi

want=("$@")
[ ${#want[@]} -gt 0 ] || want=("${CASES[@]}")
for w in "${want[@]}"; do
	declare -F "t_$w" >/dev/null || die "no self-test named '$w'; see selftest.sh --list"
done

npass=0
nfail=0
if ! T=$(mktemp -d "${TMPDIR:-/tmp}/zap-selftest.XXXXXX" 2>/dev/null); then
	for w in "${want[@]}"; do
		echo "FAIL $w: did not run: cannot create a temporary directory in ${TMPDIR:-/tmp}"
		nfail=$((nfail + 1))
	done
	echo "selftest: 0 passed, $nfail failed of ${#want[@]}"
	exit 1
fi
trap 'rm -rf "$T"' EXIT
for w in "${want[@]}"; do
	set +e
	timeout -k 10 "$CASE_LIMIT" "$SELF" --run-one "$T" "$w" >"$T/$w.log" 2>&1
	rc=$?
	set -e
	if [ $rc = 0 ]; then
		npass=$((npass + 1))
		echo "PASS $w: $(cut -c1-200 "$T/$w/.why" 2>/dev/null || echo ok)"
	else
		nfail=$((nfail + 1))
		if [ $rc = 124 ] || [ $rc = 137 ]; then
			echo "FAIL $w: hung (killed after $CASE_LIMIT s)"
		else
			echo "FAIL $w: $(tail -n 1 "$T/$w.log")"
			head -n -1 "$T/$w.log" | tail -n 12 | sed 's/^/    /'
		fi
	fi
done
echo "selftest: $npass passed, $nfail failed of ${#want[@]}"
[ $nfail = 0 ] && [ $npass = ${#want[@]} ]

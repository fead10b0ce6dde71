#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every gate, each counted as passed or failed, ending with the line
# "N passed, N failed (E expected)".
#
# The number of checks is known before anything runs: the self-tests
# (selftest.sh --list), the parser tests (tests/run.py --list), apply and
# round-trip, checkpatch and a build for each patch, a KUnit run for each
# patch before the tip that has the series' kunitconfig, KUNIT_CASES (expect.conf) cases at the tip, the
# single gates (SINGLE_GATES), and the build matrix (its configurations x
# the patches, as scripts/matrix.sh reports them). A check that did not
# run is a failure: SKIP lines count as failed, and whatever is missing
# from the expected total at the end is added to the failures.
#
# The series is applied into its own worktree ($WORK/check, branch
# zap-rust-check) and built in its own build directories, so the working
# branch and its build are never disturbed.
#
# For tests: SELFTEST_CMD, PARSERS_CMD, MATRIX_SH, BENCH_GATE_SH and
# EXPECT_CONF replace scripts/selftest.sh, tests/run.py, scripts/matrix.sh,
# scripts/bench-gate.sh and expect.conf.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/matrix-rows.sh"
harness_init
# The user's apply knobs are for 'make apply', not for the check's own tree.
unset KERNEL TREE BRANCH START OUT

CHECK_TREE=$WORK/check
CHECK_BRANCH=$WORK_BRANCH-check
CHECK_BUILD=$WORK/build-check
SELFTEST_CMD=${SELFTEST_CMD:-$TOP/scripts/selftest.sh}
PARSERS_CMD=${PARSERS_CMD:-$TOP/tests/run.py}
MATRIX_SH=${MATRIX_SH:-$TOP/scripts/matrix.sh}
BENCH_GATE_SH=${BENCH_GATE_SH:-$TOP/scripts/bench-gate.sh}
EXPECT_CONF=${EXPECT_CONF:-$TOP/expect.conf}
KCONFIG_REL=tools/testing/kunit/configs/mm_zap.config
res=$WORK/results/check

KUNIT_CASES=
[ -f "$EXPECT_CONF" ] || die "no $EXPECT_CONF: it says how many KUnit cases the series runs"
# shellcheck source=../expect.conf
. "$EXPECT_CONF"
[[ $KUNIT_CASES =~ ^[0-9]+$ ]] || die "$EXPECT_CONF: KUNIT_CASES must be a number, not '$KUNIT_CASES'"
for t in git python3 diff; do need "$t" "run 'make deps'"; done

rm -rf "$res"
mkdir -p "$res"
passed=0
failed=0
expected=0
finished=0
failures=()

record() { # record PASS|FAIL|SKIP NAME [DETAIL]; a SKIP counts as failed
	if [ "$1" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$2")
	fi
	printf '%s %s%s\n' "$1" "$2" "${3:+: $3}"
}
# record_extra: a failure found on top of the expected checks (it is
# counted in the expected total too, so the totals still add up).
record_extra() {
	expected=$((expected + 1))
	record "$@"
}
# first_missing TOOL...: print the first tool that is not on PATH.
first_missing() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || { printf '%s\n' "$t"; return 0; }
	done
	return 1
}
# gate NAME LOGNAME CMD...: run CMD, log to $res/LOGNAME.log, record it.
# With NEEDS="tool ..." set, a missing tool fails the gate, named.
gate() {
	local name=$1 logf=$res/$2.log t
	shift 2
	if t=$(first_missing ${NEEDS:-}); then
		record FAIL "$name" "'$t' not found; run 'make deps'"
		return 1
	fi
	if "$@" >"$logf" 2>&1; then
		record PASS "$name"
		return 0
	fi
	record FAIL "$name" "see $logf"
	grep -E '^(error|warning|ERROR|WARNING|CHECK|FAIL)' "$logf" | head -n 8 | sed 's/^/    /'
	return 1
}
finish() {
	local ran=$((passed + failed))
	finished=1
	echo
	if [ $ran -lt $expected ]; then
		failed=$((failed + expected - ran))
		failures+=("$((expected - ran)) of the $expected expected checks did not run")
		echo "FAIL $((expected - ran)) of the $expected expected checks did not run"
	elif [ $ran -gt $expected ]; then
		failed=$((failed + 1))
		failures+=("$ran checks ran, $expected expected")
		echo "FAIL $ran checks ran but $expected were expected; update $EXPECT_CONF or scripts/check.sh"
	fi
	[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
	echo "$passed passed, $failed failed ($expected expected)"
	[ $failed = 0 ] && [ $passed -gt 0 ]
}
# known_options TREE: copy a kunitconfig from stdin, leaving out the
# options that no Kconfig file of TREE defines.
known_options() {
	local line sym
	while IFS= read -r line; do
		if [[ $line =~ ^CONFIG_([A-Za-z0-9_]+)= ]]; then
			sym=${BASH_REMATCH[1]}
			grep -rqs --include='Kconfig*' -E "^[[:space:]]*(menu)?config[[:space:]]+$sym\$" "$1" ||
				continue
		fi
		printf '%s\n' "$line"
	done
}
# Whatever stops this script early, the totals are printed and say so.
trap 'rc=$?; if [ $finished = 0 ]; then echo "check.sh stopped early (exit $rc)"; finish; exit 1; fi' EXIT

# The single gates, by the names they are recorded under (a gate that
# cannot run is recorded SKIP under its name); the expected total counts
# this list.
G_RUSTFMT="rustfmtcheck"
G_CLIPPY="clippy (CLIPPY=1, warnings are errors)"
G_WARNINGS="no compiler warnings in the files the series touches"
G_NOPANIC="mm/zap_policy.o has no panic path"
G_DISASM="CONFIG_MM_ZAP_RUST=n: mm/memory.o .text as with the series' front C patches alone"
G_RUSTOFF="CONFIG_MM_ZAP_RUST=n: builds and the suites pass"
G_SAMECASES="every case of the C kernel passes on the Rust kernel"
G_BENCHGATE="the C bench kernel's mm/memory.o is the production one"
G_NORUST="CONFIG_RUST=n: builds and the suites pass"
# The matrix rows make check builds (step 10), from their files: read
# before any work, so that a bad one fails now.
mrows= msparse=
for r in $(matrix_rows); do
	why=$(row_check "$r") || die "matrix row: $why"
	case $(row_directive "$r" make-check) in
	"every patch") mrows="$mrows $r" ;;
	"fixes and tip") mrows="$mrows $r" msparse="$msparse $r" ;;
	esac
done
MATRIX_CONFIGS=${MATRIX_CONFIGS:-${mrows# }}
MATRIX_SPARSE=${MATRIX_SPARSE-${msparse# }}
SINGLE_GATES=("$G_RUSTFMT" "$G_CLIPPY" "$G_WARNINGS" "$G_NOPANIC" "$G_DISASM" "$G_RUSTOFF"
	"$G_SAMECASES" "$G_BENCHGATE" "$G_NORUST")

# What the series is, from patches/ alone.
mapfile -t patches < <(series)
n=${#patches[@]}
[ "$n" -gt 0 ] || die "no patches in $PATCHES"
# The KUnit runs before the tip: every patch from the one that adds the
# series' kunitconfig on, except the tip, whose cases are counted one by one.
first_cfg=0
for ((i = 1; i <= n; i++)); do
	if grep -q "^+++ b/$KCONFIG_REL\$" "${patches[i - 1]}"; then
		first_cfg=$i
		break
	fi
done
if [ $first_cfg -gt 0 ]; then runs_before_tip=$((n - first_cfg)); else runs_before_tip=0; fi
if ! nself=$("$SELFTEST_CMD" --list 2>"$res/selftest-list.err" | grep -c .); then
	nself=0
	record_extra FAIL "harness: could not list the self-tests" "$(tail -n 1 "$res/selftest-list.err")"
fi
if ! nparse=$("$PARSERS_CMD" --list 2>"$res/parsers-list.err" | grep -c .); then
	nparse=0
	record_extra FAIL "harness: could not list the parser tests" "$(tail -n 1 "$res/parsers-list.err")"
fi
expected=$((expected + nself + nparse + 2 + n + n + runs_before_tip + KUNIT_CASES + ${#SINGLE_GATES[@]}))
echo "expecting $expected checks: $nself self-tests, $nparse parser tests, apply, round-trip, $n checkpatch, $n builds," \
	"$runs_before_tip KUnit runs before the tip, $KUNIT_CASES KUnit cases at the tip," \
	"${#SINGLE_GATES[@]} single gates; then the matrix"
echo

# run_verdicts PREFIX CMD LOG: run CMD, which prints one "PASS|FAIL|SKIP
# name: detail" line per test, into LOG and record each line; an exit
# status that is not 0 with no failed line is a failure of its own.
run_verdicts() {
	local prefix=$1 cmd=$2 log=$3 rc verdict rest saw_fail=0
	set +e
	"$cmd" >"$log" 2>&1
	rc=$?
	set -e
	while read -r verdict rest; do
		[ "$verdict" = PASS ] || saw_fail=1
		record "$verdict" "$prefix: ${rest%%: *}" "$([ "${rest#*: }" = "$rest" ] || echo "${rest#*: }")"
	done < <(grep -E '^(PASS|FAIL|SKIP) ' "$log")
	if [ $rc != 0 ] && [ $saw_fail = 0 ]; then
		record_extra FAIL "$prefix: $(basename "$cmd") exited $rc" "$(tail -n 1 "$log")"
	fi
}

# 1. The harness's own bad-input tests, and the parsers against logs whose
#    verdicts are known (tests/).
run_verdicts harness "$SELFTEST_CMD" "$res/selftest.log"
run_verdicts parsers "$PARSERS_CMD" "$res/parsers.log"

# 2. The series applies to the pinned base, and patches/ round-trips.
if ! gate "series applies to the base ($BASE_BRANCH $(git -C "$WORK/linux" rev-parse --short "$BASE_BRANCH" 2>/dev/null))" apply \
	env TREE="$CHECK_TREE" BRANCH="$CHECK_BRANCH" "$TOP/scripts/apply.sh"; then
	sed 's/^/    /' "$res/apply.log" | tail -n 5
	finish
	exit 1
fi
gate "patches/ round-trips (apply, export, no diff)" roundtrip \
	env APPLIED=1 TREE="$CHECK_TREE" BRANCH="$CHECK_BRANCH" OUT="$res/roundtrip" \
	"$TOP/scripts/roundtrip.sh" || true

# 3. checkpatch --strict on every patch. Signed-off-by is left to whoever
#    posts the series (see the cover letter). The base is one commit with
#    no upstream history, so checkpatch cannot look up the commits that
#    Fixes: tags name (UNKNOWN_COMMIT_ID); their ids and subjects were
#    checked against the upstream history by hand.
for p in "${patches[@]}"; do
	b=$(basename "$p" .patch)
	NEEDS=perl gate "checkpatch --strict $b" "checkpatch-$b" \
		"$CHECK_TREE/scripts/checkpatch.pl" --strict --no-signoff --show-types \
		--ignore UNKNOWN_COMMIT_ID \
		--root="$CHECK_TREE" "$p" || true
done

# 4. Bisectability: every patch builds, and the KUnit suites present at
#    that patch pass. The last patch's cases are counted one by one.
#    Every patch is built with the tip's kunitconfig, less the options that
#    patch's Kconfig does not define yet, so the build tree changes only
#    as much as the patches themselves do: one full build per run, not one
#    per configuration change of the series. The patches before the one
#    that adds the kunitconfig are built the same way and run nothing.
mapfile -t commits < <(git -C "$CHECK_TREE" rev-list --reverse "$BASE_BRANCH..$CHECK_BRANCH")
[ ${#commits[@]} = "$n" ] ||
	record_extra FAIL "the check branch has ${#commits[@]} commits for $n patches"
tip_cfg=$CHECK_TREE/tools/testing/kunit/configs/default.config
if git -C "$CHECK_TREE" show "$CHECK_BRANCH:$KCONFIG_REL" >"$res/tip.kunitconfig" 2>/dev/null; then
	tip_cfg=$res/tip.kunitconfig
fi
i=0
for c in "${commits[@]}"; do
	i=$((i + 1))
	subj=$(git -C "$CHECK_TREE" log -1 --format=%s "$c")
	git -C "$CHECK_TREE" checkout -q "$c"
	cfg=$res/kunitconfig-$i
	known_options "$CHECK_TREE" <"$tip_cfg" >"$cfg"
	if [ ! -f "$CHECK_TREE/$KCONFIG_REL" ]; then
		gate "patch $i/$n builds ($subj)" "build-$i" \
			env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/build-$i" \
			KUNITCONFIG="$cfg" STEP=build "$TOP/scripts/kunit.sh" || true
		[ $i -lt $n ] || record SKIP "kunit cases at the tip" "the tip has no $KCONFIG_REL"
		continue
	fi
	if ! gate "patch $i/$n builds ($subj)" "build-$i" \
		env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/build-$i" \
		KUNITCONFIG="$cfg" STEP=build "$TOP/scripts/kunit.sh"; then
		if [ $i -lt $n ]; then
			record SKIP "patch $i/$n: KUnit suites pass" "not run, the build failed"
		else
			record SKIP "kunit cases at the tip" "not run, the build failed"
		fi
		continue
	fi
	if [ $i -lt $n ]; then
		gate "patch $i/$n: KUnit suites pass" "kunit-$i" \
			env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/kunit-$i" \
			KUNITCONFIG="$cfg" STEP=exec \
			"$TOP/scripts/kunit.sh" || true
		continue
	fi
	set +e
	env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/kunit" \
		KUNITCONFIG="$cfg" STEP=exec \
		"$TOP/scripts/kunit.sh" >"$res/kunit-run.log" 2>&1
	krc=$?
	set -e
	if [ -s "$res/kunit.json" ]; then
		ran=0
		bad=0
		while read -r status name; do
			record "$status" "kunit $name"
			ran=$((ran + 1))
			[ "$status" = PASS ] || bad=1
		done < <(python3 "$TOP/scripts/kunit-json.py" cases "$res/kunit.json" 2>>"$res/kunit-run.log")
		grep '^kunit (' "$res/kunit-run.log" | sed 's/^/    /' || true
		echo "    $ran KUnit cases ran at the tip, $KUNIT_CASES expected ($EXPECT_CONF)"
		if [ $krc != 0 ] && [ $bad = 0 ]; then
			record_extra FAIL "kunit run at the tip" "kunit.sh exited $krc: $(tail -n 1 "$res/kunit-run.log")"
		fi
	else
		record FAIL "kunit run at the tip" "no results: $(tail -n 1 "$res/kunit-run.log")"
	fi
done
git -C "$CHECK_TREE" checkout -q "$CHECK_BRANCH"

# 5. Rust formatting and clippy. After the builds, so that the build tree
#    has the tip's configuration.
if grep -q '^+++ b/.*\.rs$' "${patches[@]}"; then
	NEEDS="make rustfmt" gate "$G_RUSTFMT" rustfmt \
		build_locked make -C "$CHECK_TREE" O="$CHECK_BUILD" LLVM="$LLVM_MAKE" rustfmtcheck || true
	# Rebuild each Rust object of mm/ under clippy; any warning fails.
	clippy_clean() {
		local rs obj objs=()
		while read -r rs; do
			obj=${rs%.rs}.o
			rm -f "$CHECK_BUILD/$obj"
			objs+=("$obj")
		done < <(cd "$CHECK_TREE" && git ls-files 'mm/*.rs' 'mm/**/*.rs')
		[ ${#objs[@]} -gt 0 ] || { echo "error: no Rust object under mm/"; return 1; }
		build_locked make -C "$CHECK_TREE" O="$CHECK_BUILD" LLVM="$LLVM_MAKE" CLIPPY=1 \
			-j"$JOBS" "${objs[@]}" 2>&1 | tee "$res/clippy.out"
		[ "${PIPESTATUS[0]}" = 0 ] && ! grep -q '^warning' "$res/clippy.out"
	}
	NEEDS="make clippy-driver" gate "$G_CLIPPY" clippy clippy_clean || true
else
	record SKIP "$G_RUSTFMT" "the series adds no .rs file"
	record SKIP "$G_CLIPPY" "the series adds no .rs file"
fi

# 6. No compiler warning in a file the series touches, at any patch. Every
#    patch's build log must be there to be read.
warnings_clean() {
	local files logs=() j rc
	for ((j = 1; j <= n; j++)); do
		[ -f "$res/build-$j.build.log" ] || { echo "error: no build log of patch $j/$n ($res/build-$j.build.log): its build did not run"; return 1; }
		logs+=("$res/build-$j.build.log")
	done
	files=$(git -C "$CHECK_TREE" diff --name-only "$BASE_BRANCH" "$CHECK_BRANCH" |
		sed 's/[.[\*^$]/\\&/g' | paste -sd'|')
	[ -n "$files" ] || { echo "error: the series touches no file"; return 1; }
	set +e
	grep -hE "($files):[0-9]+:[0-9]+: warning:|^warning" "${logs[@]}" | sort -u
	rc=${PIPESTATUS[0]}
	set -e
	case $rc in
	0) echo "error: warnings above"; return 1 ;;
	1) echo "no warnings in ${#logs[@]} build logs"; return 0 ;;
	*) echo "error: grep failed ($rc)"; return 1 ;;
	esac
}
gate "$G_WARNINGS" warnings warnings_clean || true

# 7. The Rust object has no panic path: no reference to the core
#    panicking functions (bounds checks, unwrap, overflow) in its symbols.
no_panic() {
	local obj=$CHECK_BUILD/mm/zap_policy.o
	[ -f "$obj" ] || { echo "error: no $obj"; return 1; }
	"llvm-nm$LLVM_SUFFIX" "$obj" >"$res/zap_policy.nm" || { echo "error: llvm-nm$LLVM_SUFFIX failed"; return 1; }
	if grep -i 'panic' "$res/zap_policy.nm"; then
		echo "error: panic symbols above"
		return 1
	fi
	echo "$(grep -c ' U ' "$res/zap_policy.nm") undefined symbols, none panics"
}
if grep -q '^+++ b/mm/zap_policy.rs$' "${patches[@]}"; then
	NEEDS="llvm-nm$LLVM_SUFFIX" gate "$G_NOPANIC" nopanic no_panic || true
else
	record SKIP "$G_NOPANIC" "the series adds no mm/zap_policy.rs"
fi

# 8. With the Rust option off, mm/memory.o has the instructions it had.
if grep -q 'CONFIG_MM_ZAP_RUST' "${patches[@]}"; then
	gate "$G_DISASM" disasm \
		env KERNEL="$CHECK_TREE" "$TOP/scripts/disasm.sh" fixes "$CHECK_BRANCH" || true
	grep '^==> mm/memory.o' "$res/disasm.log" | sed 's/^/    /' || true
	# RUST=y with the option off: the C kernel. The suites pass on it, and
	# every case it ran passed on the Rust kernel of step 4 too.
	gate "$G_RUSTOFF" rustoff \
		env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/rustoff" \
		KCONFIG_ADD="CONFIG_MM_ZAP_RUST=n" "$TOP/scripts/kunit.sh" || true
	grep '^kunit (' "$res/rustoff.log" | sed 's/^/    /' || true
	same_cases() {
		local c r
		[ -s "$res/rustoff.json" ] || { echo "error: no results of the C kernel"; return 1; }
		[ -s "$res/kunit.json" ] || { echo "error: no results of the Rust kernel"; return 1; }
		c=$(python3 "$TOP/scripts/kunit-json.py" cases "$res/rustoff.json" | grep '^PASS ' | sort)
		r=$(python3 "$TOP/scripts/kunit-json.py" cases "$res/kunit.json" | grep '^PASS ' | sort)
		[ -n "$c" ] || { echo "error: no case passed on the C kernel"; return 1; }
		if comm -23 <(echo "$c") <(echo "$r") | grep .; then
			echo "error: the cases above passed on the C kernel, not on the Rust kernel"
			return 1
		fi
		echo "the $(echo "$c" | wc -l) cases that pass on the C kernel pass on the Rust kernel," \
			"which runs $(($(echo "$r" | wc -l) - $(echo "$c" | wc -l))) more"
	}
	gate "$G_SAMECASES" samecases same_cases || true
	# The bench C kernel's memory.o is the one users run.
	if git -C "$CHECK_TREE" cat-file -e "$CHECK_BRANCH:tools/testing/kunit/configs/mm_zap_bench.config" 2>/dev/null; then
		gate "$G_BENCHGATE" benchgate \
			env TREE="$CHECK_TREE" "$BENCH_GATE_SH" || true
		grep '^==> mm/memory.o' "$res/benchgate.log" | sed 's/^/    /' || true
	else
		record SKIP "$G_BENCHGATE" "the series has no benchmark"
	fi
else
	record SKIP "$G_DISASM" "no CONFIG_MM_ZAP_RUST in the series"
	record SKIP "$G_RUSTOFF" "no CONFIG_MM_ZAP_RUST in the series"
	record SKIP "$G_SAMECASES" "no CONFIG_MM_ZAP_RUST in the series"
	record SKIP "$G_BENCHGATE" "no CONFIG_MM_ZAP_RUST in the series"
fi

# 9. The series with CONFIG_RUST=n: builds, and the suites pass. In the
#    same build tree: few C files test CONFIG_RUST, so this build is
#    incremental after step 8's (a tree of its own was a cold build).
gate "$G_NORUST" norust \
	env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/norust" \
	KCONFIG_ADD="CONFIG_RUST=n CONFIG_MM_ZAP_RUST=n" "$TOP/scripts/kunit.sh" || true
grep '^kunit (' "$res/norust.log" | sed 's/^/    /' || true

# 10. The build matrix. Its summary line ("C configurations x N patches
#     ..., M cells") says how many to expect. The rows are the files of
#     scripts/matrix-rows/; each one's "#! make-check:" line says whether
#     make check builds it at every patch, only at each fix and at the tip
#     (a stable tree takes a fix alone), or not, and why not.
#     MATRIX_CONFIGS= and MATRIX_SPARSE= to choose.
if [ -x "$MATRIX_SH" ]; then
	set +e
	env TREE="$CHECK_TREE" BRANCH="$CHECK_BRANCH" CONFIGS="$MATRIX_CONFIGS" SPARSE="$MATRIX_SPARSE" \
		"$MATRIX_SH" >"$res/matrix.log" 2>&1
	mrc=$?
	set -e
	git -C "$CHECK_TREE" checkout -q "$CHECK_BRANCH" 2>/dev/null || true
	mseen=0
	mbad=0
	declare -A mconfigs=()
	while read -r verdict _ cfg rest; do
		detail=""
		case $rest in *": "*) detail=${rest#*: } rest=${rest%%: *} ;; esac
		record "$verdict" "matrix $cfg $rest" "$detail"
		mseen=$((mseen + 1))
		mconfigs[$cfg]=1
		[ "$verdict" = PASS ] || mbad=1
	done < <(grep -E '^(PASS|FAIL|SKIP) matrix ' "$res/matrix.log")
	if msum=$(grep -oE '[0-9]+ configurations? x [0-9]+ patch.*, [0-9]+ cells' "$res/matrix.log" | tail -n 1); then
		read -r mc _ _ mn _ <<<"$msum"
		mcells=${msum##*, }
		mcells=${mcells%% *}
		expected=$((expected + mcells))
		[ "$mn" = "$n" ] || record_extra FAIL "matrix" "it checked $mn patches, the series has $n"
		echo "    matrix: $mseen of $mcells cells reported (${msum%, *})"
	else
		expected=$((expected + ${#mconfigs[@]} * n))
		record_extra FAIL "matrix" "no summary line from $MATRIX_SH (exit $mrc): $(tail -n 1 "$res/matrix.log")"
	fi
	if [ $mrc != 0 ] && [ $mbad = 0 ]; then
		record_extra FAIL "matrix" "$MATRIX_SH exited $mrc: $(tail -n 1 "$res/matrix.log")"
	fi
else
	expected=$((expected + 1))
	record SKIP "matrix" "$MATRIX_SH is not there (or not executable)"
fi

finish

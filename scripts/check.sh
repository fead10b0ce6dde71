#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every gate, each counted as passed or failed, ending with the line
# "N passed, N failed" (KUnit cases of the series' suites plus gates).
#
# The series is applied into its own worktree ($WORK/check, branch
# zap-rust-check) and built in its own build directory, so the working
# branch and its build are never disturbed.
. "$(dirname "$0")/lib.sh"

CHECK_TREE=$WORK/check
CHECK_BRANCH=$WORK_BRANCH-check
CHECK_BUILD=$WORK/build-check
res=$WORK/results/check
rm -rf "$res"
mkdir -p "$res"
passed=0
failed=0
failures=()

record() { # record PASS|FAIL NAME [DETAIL]
	if [ "$1" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$2")
	fi
	printf '%s %s%s\n' "$1" "$2" "${3:+: $3}"
}
# gate NAME LOGNAME CMD...: run CMD, log to $res/LOGNAME.log, record it.
gate() {
	local name=$1 logf=$res/$2.log
	shift 2
	if "$@" >"$logf" 2>&1; then
		record PASS "$name"
		return 0
	fi
	record FAIL "$name" "see $logf"
	grep -E '^(error|warning|ERROR|WARNING|CHECK|FAIL)' "$logf" | head -n 8 | sed 's/^/    /'
	return 1
}
finish() {
	echo
	[ ${#failures[@]} -eq 0 ] || printf 'failed: %s\n' "${failures[@]}"
	echo "$passed passed, $failed failed"
	exit $((failed > 0))
}

# 1. The harness's own bad-input tests.
while read -r verdict rest; do
	record "$verdict" "harness: ${rest%%: *}"
done < <("$TOP/scripts/selftest.sh" 2>&1 | grep -E '^(PASS|FAIL) ')

# 2. The series applies to the pinned base, and patches/ round-trips.
mapfile -t patches < <(series)
if ! gate "series applies to the base ($BASE_COMMIT)" apply \
	env TREE="$CHECK_TREE" BRANCH="$CHECK_BRANCH" "$TOP/scripts/apply.sh"; then
	sed 's/^/    /' "$res/apply.log" | tail -n 5
	finish
fi
roundtrip() {
	local out=$res/roundtrip
	rm -rf "$out"
	OUT=$out TREE=$CHECK_TREE BRANCH=$CHECK_BRANCH "$TOP/scripts/export.sh" &&
		diff -ru "$TOP/patches" "$out"
}
gate "patches/ round-trips (apply, export, no diff)" roundtrip roundtrip || true

# 3. checkpatch --strict on every patch. Signed-off-by is left to whoever
#    posts the series (see the cover letter).
for p in "${patches[@]}"; do
	b=$(basename "$p" .patch)
	gate "checkpatch --strict $b" "checkpatch-$b" \
		"$CHECK_TREE/scripts/checkpatch.pl" --strict --no-signoff --show-types \
		--root="$CHECK_TREE" "$p" || true
done

# 4. Bisectability: every patch builds, and the KUnit suites present at
#    that patch pass. The last patch's cases are counted one by one.
n=${#patches[@]}
i=0
for c in $(git -C "$CHECK_TREE" rev-list --reverse "$BASE_BRANCH..$CHECK_BRANCH"); do
	i=$((i + 1))
	subj=$(git -C "$CHECK_TREE" log -1 --format=%s "$c")
	git -C "$CHECK_TREE" checkout -q "$c"
	if [ ! -f "$CHECK_TREE/tools/testing/kunit/configs/mm_zap.config" ]; then
		gate "patch $i/$n builds ($subj)" "build-$i" \
			env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/build-$i" \
			KUNITCONFIG="$CHECK_TREE/tools/testing/kunit/configs/default.config" \
			STEP=build "$TOP/scripts/kunit.sh" || true
		continue
	fi
	gate "patch $i/$n builds ($subj)" "build-$i" \
		env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/build-$i" STEP=build \
		"$TOP/scripts/kunit.sh" || continue
	if [ $i -lt $n ]; then
		gate "patch $i/$n: KUnit suites pass" "kunit-$i" \
			env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/kunit-$i" STEP=exec \
			"$TOP/scripts/kunit.sh" || true
		continue
	fi
	env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/kunit" STEP=exec \
		"$TOP/scripts/kunit.sh" >"$res/kunit-run.log" 2>&1 || true
	if [ -s "$WORK/results/check/kunit.json" ]; then
		while read -r status name; do
			record "$status" "kunit $name"
		done < <(python3 "$TOP/scripts/kunit-cases.py" "$WORK/results/check/kunit.json")
		grep '^kunit (' "$res/kunit-run.log" | sed 's/^/    /'
	else
		record FAIL "kunit run of the series' suites" "$(tail -n 1 "$res/kunit-run.log")"
	fi
done
git -C "$CHECK_TREE" checkout -q "$CHECK_BRANCH"

# 5. Rust formatting and clippy, once the series carries Rust. After the
#    builds, so that the build tree has the tip's configuration.
if grep -q '^+++ b/.*\.rs$' "${patches[@]}"; then
	gate "rustfmtcheck" rustfmt make -C "$CHECK_TREE" O="$CHECK_BUILD" LLVM="$LLVM_SUFFIX" \
		rustfmtcheck || true
	# Rebuild each Rust object of mm/ under clippy; any warning fails.
	clippy_clean() {
		local rs obj objs=()
		while read -r rs; do
			obj=${rs%.rs}.o
			rm -f "$CHECK_BUILD/$obj"
			objs+=("$obj")
		done < <(cd "$CHECK_TREE" && git ls-files 'mm/*.rs' 'mm/**/*.rs')
		make -C "$CHECK_TREE" O="$CHECK_BUILD" LLVM="$LLVM_SUFFIX" CLIPPY=1 \
			-j"$JOBS" "${objs[@]}" 2>&1 | tee "$res/clippy.out"
		[ "${PIPESTATUS[0]}" = 0 ] && ! grep -q '^warning' "$res/clippy.out"
	}
	gate "clippy (CLIPPY=1, warnings are errors)" clippy clippy_clean || true
fi

# 6. No compiler warning in a file the series touches, at any patch.
warnings_clean() {
	local files
	files=$(git -C "$CHECK_TREE" diff --name-only "$BASE_BRANCH" "$CHECK_BRANCH" |
		sed 's/[.[\*^$]/\\&/g' | paste -sd'|')
	! grep -hE "($files):[0-9]+:[0-9]+: warning:|^warning" \
		"$WORK"/results/check/build-*.build.log | sort -u
}
gate "no compiler warnings in the files the series touches" warnings warnings_clean || true

# 7. The Rust object has no panic path: no reference to the core
#    panicking functions (bounds checks, unwrap, overflow) in its symbols.
no_panic() {
	local obj=$CHECK_BUILD/mm/zap_policy.o
	[ -f "$obj" ] || { echo "no $obj"; return 1; }
	"llvm-nm$LLVM_SUFFIX" "$obj" | tee "$res/zap_policy.nm" | grep -i 'panic' && return 1
	echo "$(grep -c ' U ' "$res/zap_policy.nm") undefined symbols, none panics"
}
if grep -q '^+++ b/mm/zap_policy.rs$' "${patches[@]}"; then
	gate "mm/zap_policy.o has no panic path" nopanic no_panic || true
fi

# 8. With the Rust option off, mm/memory.o has the instructions it had.
if grep -q 'CONFIG_MM_ZAP_RUST' "${patches[@]}"; then
	gate "CONFIG_MM_ZAP_RUST=n: mm/memory.o .text as at the base" disasm \
		env KERNEL="$CHECK_TREE" "$TOP/scripts/disasm.sh" "$BASE_COMMIT" "$CHECK_BRANCH" || true
	grep '^==> mm/memory.o' "$res/disasm.log" | sed 's/^/    /' || true
	# RUST=y with the option off: the suites pass on the C path alone.
	gate "CONFIG_MM_ZAP_RUST=n: builds and the suites pass" rustoff \
		env TREE="$CHECK_TREE" BUILD_DIR="$CHECK_BUILD" NAME="check/rustoff" \
		KCONFIG_ADD="CONFIG_MM_ZAP_RUST=n" "$TOP/scripts/kunit.sh" || true
	grep '^kunit (' "$res/rustoff.log" | sed 's/^/    /' || true
fi

# 9. The series with CONFIG_RUST=n: builds, and the suites pass.
gate "CONFIG_RUST=n: builds and the suites pass" norust \
	env TREE="$CHECK_TREE" BUILD_DIR="$WORK/build-norust" NAME="check/norust" \
	KCONFIG_ADD="CONFIG_RUST=n CONFIG_MM_ZAP_RUST=n" "$TOP/scripts/kunit.sh" || true
grep '^kunit (' "$res/norust.log" | sed 's/^/    /' || true

finish

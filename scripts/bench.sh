#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The PTE zap benchmark: build two kernels from the series' benchmark
# kunitconfig, one with CONFIG_MM_ZAP_RUST=n (C decides: the kernel users
# run) and one with it =y (Rust decides), boot each in QEMU with the guest
# clock counting instructions, and print C against Rust per PTE. Each
# kernel is booted RUNS times (default 2): every boot is compared with the
# first (a window more than 1% and 256 instructions off fails), and the
# table takes each row's smallest minimum over the boots and says how far
# apart the boots were. The two kernels of a boot run at the same time.
#
#   KERNEL=<tree>   the tree to measure (default work/linux, the series)
#   TIMEOUT=<s>     QEMU run limit per boot (default 1200)
#   RUNS=<n>        boots of each kernel (default 2, at least 1)
#   STEP=build|all  (default all)
#
# Build trees: work/build-bench-c and work/build-bench-rust. Results:
# work/results/bench.json and bench.table (the table over every boot, and
# its rows), bench-run<N>.json (boot N alone), bench-<impl>-<N>.raw.log
# (the kernel logs the rows come from), bench-<impl>-kunit.* (what
# scripts/kunit.sh keeps: kunit.py's output, JSON and build log).
. "$(dirname "$0")/lib.sh"
harness_init

tree=${TREE:-$KTREE}
kunitconfig=$tree/tools/testing/kunit/configs/mm_zap_bench.config
res=$WORK/results
runs=${RUNS:-2}
timeout_s=${TIMEOUT:-1200}
impls=(c rust)
mkdir -p "$res"
[[ $runs =~ ^[1-9][0-9]?$ ]] || bad_knob RUNS "$runs" "give the number of boots of each kernel, 1 to 99"

[ -f "$tree/tools/testing/kunit/kunit.py" ] || die "no kernel tree at $tree (run 'make apply', or pass KERNEL=)"
[ -f "$kunitconfig" ] ||
	die "$tree has no tools/testing/kunit/configs/mm_zap_bench.config: the benchmark patch (mm/tests/zap_bench_kunit.c) is not in that tree"

# -icount makes the guest clock count instructions: it needs TCG, in one
# thread; sleep=on keeps idle time deterministic too. thp_anon gives the
# large folio case its 64 KiB folios; nokaslr keeps the layout fixed;
# zap_bench_kunit.icount=1 tells the calibration case to check the clock.
qemu_args='-accel tcg,thread=single -icount shift=0,sleep=on -rtc base=2026-01-01T00:00:00,clock=vm'
kernel_args='thp_anon=64K:always nokaslr zap_bench_kunit.icount=1'

opt() { [ "$1" = rust ] && echo CONFIG_MM_ZAP_RUST=y || echo CONFIG_MM_ZAP_RUST=n; }

start=$SECONDS
# The second kernel's tree starts as a copy of the first's, if it was never
# built (kunit.sh SEED_FROM=): they differ in CONFIG_MM_ZAP_RUST only.
for impl in "${impls[@]}"; do
	other=c
	[ "$impl" = c ] && other=rust
	TREE=$tree BUILD_DIR=$WORK/build-bench-$impl KUNITCONFIG=$kunitconfig \
		KCONFIG_ADD=$(opt "$impl") NAME=bench-$impl-kunit STEP=build \
		SEED_FROM=$WORK/build-bench-$other "$TOP/scripts/kunit.sh"
done
build_s=$((SECONDS - start))

# The benchmark times the zap loop users run: nothing but the benchmark's
# own object may differ from a kernel without it, so mm/memory.o of a
# bench kernel holds no test code (the decision tests would keep
# zap_present_ptes() and zap_nonpresent_ptes() out of line).
for impl in "${impls[@]}"; do
	obj=$WORK/build-bench-$impl/mm/memory.o
	[ -f "$obj" ] || die "no $obj after the build"
	if "llvm-nm$LLVM_SUFFIX" "$obj" | grep -E ' (zdt_|zap_decision_test|kunit)' >"$res/bench-$impl-testsyms.txt"; then
		sed 's/^/    /' "$res/bench-$impl-testsyms.txt" >&2
		die "mm/memory.o of the $impl bench kernel has test code in it (above): the benchmark must not be built with CONFIG_ZAP_KUNIT_TEST"
	fi
	log "mm/memory.o ($impl): $("llvm-size$LLVM_SUFFIX" "$obj" | awk 'NR == 2 { print "text " $1 ", data " $2 ", bss " $3 }')"
done
# And the gate: the C bench kernel's memory.o is the production one.
TREE=$tree "$TOP/scripts/bench-gate.sh" "$WORK/build-bench-c"
[ "${STEP:-all}" = build ] && exit 0

meta() {
	local run=$1
	echo "tree_commit=$(git -C "$tree" rev-parse HEAD)"
	for impl in "${impls[@]}"; do
		echo "vmlinux_sha256_$impl=$(sha256sum "$WORK/build-bench-$impl/vmlinux" | cut -c1-16)"
		echo "memory_o_text_$impl=$("llvm-size$LLVM_SUFFIX" "$WORK/build-bench-$impl/mm/memory.o" | awk 'NR == 2 { print $1 }')"
	done
	echo "run=$run"
	echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
	echo "qemu=$(qemu-system-x86_64 --version | head -n1)"
	echo "clang=$("clang$LLVM_SUFFIX" --version | head -n1)"
	echo "rustc=$(rustc --version)"
	echo "qemu_args=$qemu_args"
	echo "kernel_args=$kernel_args"
	echo "build_seconds=$build_s"
}

rm -f "$res"/bench.json "$res"/bench.table "$res"/bench-run*.json "$res"/bench-*.raw.log "$res"/bench-*.boot.log "$res"/bench-*.table
# boot IMPL RUN: start one boot of one bench kernel in a process group of
# its own (kunit.sh, kunit.py and QEMU), so that a failure of the other
# boot can stop it whole; $! is that group.
boot() {
	setsid env TREE="$tree" BUILD_DIR="$WORK/build-bench-$1" KUNITCONFIG="$kunitconfig" \
		KCONFIG_ADD="$(opt "$1")" NAME="bench-$1-kunit" STEP=exec ACCEL=tcg FILTER='zap_bench*' \
		TIMEOUT="$timeout_s" QEMU_ARGS="$qemu_args" KERNEL_ARGS="$kernel_args" \
		"$TOP/scripts/kunit.sh" >"$res/bench-$1-$2.boot.log" 2>&1 </dev/null &
}
pids=()
stop_boots() {
	local p
	for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done
}
trap stop_boots EXIT
for ((run = 1; run <= runs; run++)); do
	# The C and the Rust kernel boot at the same time: each QEMU runs its
	# guest in one thread, and the guest clock counts instructions, so a
	# boot's rows do not depend on what else the machine runs (the check
	# of every boot against the first would show it if they did).
	start=$SECONDS
	pids=()
	for impl in "${impls[@]}"; do
		rm -f "$WORK/build-bench-$impl/test.log"
		boot "$impl" "$run"
		pids+=($!)
	done
	i=0
	for impl in "${impls[@]}"; do
		build=$WORK/build-bench-$impl
		rc=0
		wait "${pids[$i]}" || rc=$?
		i=$((i + 1))
		run_s=$((SECONDS - start))
		cat "$res/bench-$impl-$run.boot.log"
		[ -f "$build/test.log" ] || die "QEMU left no kernel log ($build/test.log); see $res/bench-$impl-kunit.log"
		cp "$build/test.log" "$res/bench-$impl-$run.raw.log"
		[ $rc = 0 ] || [ $run_s -lt "$timeout_s" ] ||
			die "QEMU did not finish: the $impl kernel timed out after $timeout_s s (boot $run); its rows so far are in $res/bench-$impl-$run.raw.log"
		[ $rc = 0 ] || die "the benchmark suite did not pass on the $impl kernel (see $res/bench-$impl-kunit.log)"
		log "benchmark: $impl kernel, boot $run: done after ${run_s} s"
	done
	pids=()
	logs=()
	for impl in "${impls[@]}"; do logs+=("$res/bench-$impl-$run.raw.log"); done
	cat "${logs[@]}" >"$res/bench-$run.raw.log"
	mapfile -t m < <(meta "$run")
	python3 "$TOP/scripts/bench-table.py" parse "$res/bench-run$run.json" "$res/bench-$run.raw.log" \
		-- "${m[@]}" >"$res/bench-$run.table" ||
		{ cat "$res/bench-$run.table"; die "the results of boot $run are not valid (above)"; }
	[ $run = 1 ] || python3 "$TOP/scripts/bench-table.py" compare "$res/bench-run1.json" "$res/bench-run$run.json" ||
		die "boot $run of the same images does not agree with boot 1 (above): the numbers are not reproducible"
done
# The table: every boot's rows, the smallest minimum of each.
all=()
for ((run = 1; run <= runs; run++)); do all+=("$res/bench-$run.raw.log"); done
mapfile -t m < <(meta all)
python3 "$TOP/scripts/bench-table.py" parse "$res/bench.json" "${all[@]}" -- "${m[@]}" >"$res/bench.table" ||
	{ cat "$res/bench.table"; die "the results are not valid (above)"; }
cat "$res/bench.table"
log "results: $res/bench.json"

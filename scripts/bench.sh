#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The PTE zap benchmark: build the kernel for the series' benchmark
# kunitconfig (build tree work/build-bench), boot it in QEMU with the guest
# clock counting instructions, and print C against Rust per PTE.
#
#   KERNEL=<tree>   the tree to measure (default work/linux, the series)
#   TIMEOUT=<s>     QEMU run limit (default 1800)
#   STEP=build|all  (default all)
#
# Results: work/results/bench.json (the table and every raw row),
# bench.raw.log (the kernel log the rows come from), bench-kunit.* (what
# scripts/kunit.sh keeps: kunit.py's output, JSON and build log).
# The previous bench.json is kept as bench.prev.json and compared with.
. "$(dirname "$0")/lib.sh"

tree=${TREE:-$KTREE}
kunitconfig=$tree/tools/testing/kunit/configs/mm_zap_bench.config
res=$WORK/results
build=$WORK/build-bench
mkdir -p "$res"

[ -f "$tree/tools/testing/kunit/kunit.py" ] || die "no kernel tree at $tree (run 'make apply', or pass KERNEL=)"
[ -f "$kunitconfig" ] ||
	die "$tree has no tools/testing/kunit/configs/mm_zap_bench.config: the benchmark patch (mm/tests/zap_bench_kunit.c) is not in that tree"

# -icount makes the guest clock count instructions: it needs TCG, in one
# thread; sleep=on keeps idle time deterministic too. thp_anon gives the
# large folio case its 64 KiB folios; nokaslr keeps the layout fixed.
qemu_args='-accel tcg,thread=single -icount shift=0,sleep=on -rtc base=2026-01-01T00:00:00,clock=vm'
kernel_args='thp_anon=64K:always nokaslr'

start=$SECONDS
TREE=$tree BUILD_DIR=$build KUNITCONFIG=$kunitconfig NAME=bench-kunit STEP=build \
	"$TOP/scripts/kunit.sh"
build_s=$((SECONDS - start))
[ "${STEP:-all}" = build ] && exit 0

[ -f "$res/bench.json" ] && mv -f "$res/bench.json" "$res/bench.prev.json"
rm -f "$build/test.log" "$res/bench.raw.log"
timeout_s=${TIMEOUT:-1800}
start=$SECONDS
set +e
TREE=$tree BUILD_DIR=$build KUNITCONFIG=$kunitconfig NAME=bench-kunit STEP=exec \
	ACCEL=tcg FILTER='zap_bench*' TIMEOUT=$timeout_s \
	QEMU_ARGS=$qemu_args KERNEL_ARGS=$kernel_args "$TOP/scripts/kunit.sh"
rc=$?
set -e
run_s=$((SECONDS - start))
# kunit.py stops QEMU at its --timeout and reports what ran as crashed.
timed_out=
[ $rc = 0 ] || [ $run_s -lt "$timeout_s" ] || timed_out=1
[ -f "$build/test.log" ] || die "QEMU left no kernel log ($build/test.log); see $res/bench-kunit.log"
cp "$build/test.log" "$res/bench.raw.log"

image=$(sha256sum "$build/vmlinux" | cut -c1-16)
log "benchmark: build ${build_s} s, QEMU run ${run_s} s; kernel log $res/bench.raw.log"
set +e
python3 "$TOP/scripts/bench-table.py" parse "$res/bench.raw.log" "$res/bench.json" \
	"tree_commit=$(git -C "$tree" rev-parse HEAD)" \
	"vmlinux_sha256=$image" \
	"machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores" \
	"qemu=$(qemu-system-x86_64 --version | head -n1)" \
	"clang=$(clang$LLVM_SUFFIX --version | head -n1)" \
	"rustc=$(rustc --version)" \
	"qemu_args=$qemu_args" "kernel_args=$kernel_args" \
	"build_seconds=$build_s" "run_seconds=$run_s"
prc=$?
set -e
if [ -f "$res/bench.prev.json" ] && [ -f "$res/bench.json" ]; then
	prev_image=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["meta"].get("vmlinux_sha256",""))' \
		"$res/bench.prev.json")
	if [ "$prev_image" = "$image" ]; then
		python3 "$TOP/scripts/bench-table.py" compare "$res/bench.prev.json" "$res/bench.json" || prc=1
	else
		log "the previous run (bench.prev.json) measured another kernel image; not compared"
	fi
fi
[ -z "$timed_out" ] ||
	die "QEMU did not finish: timed out after $timeout_s s (the run takes about 2 min under TCG); the rows above are the ones that finished"
[ $rc = 0 ] || die "the benchmark suite did not pass (see $res/bench-kunit.log)"
[ $prc = 0 ] || die "benchmark results are not valid (see above)"
log "results: $res/bench.json"

#!/bin/bash
# usage: trace.sh <name> <impl>: build work/linux's working tree, boot with QEMU's exec log on __zap_vma_range
set -e
TOP=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=${OUT:-/tmp/exp}; mkdir -p "$OUT"
name=$1 impl=$2
W=$TOP/work
T=$TOP/investigations/loop-residue/trace
opt=CONFIG_MM_ZAP_RUST=n; [ $impl = rust ] && opt=CONFIG_MM_ZAP_RUST=y
cd $TOP
export TREE=$W/linux BUILD_DIR=$W/build-bench-$impl KUNITCONFIG=$W/linux/tools/testing/kunit/configs/mm_zap_bench.config KCONFIG_ADD=$opt NAME=exp-$impl
STEP=build scripts/kunit.sh > $OUT/t-$name-$impl.build.log 2>&1 || { tail -20 $OUT/t-$name-$impl.build.log; exit 1; }
read start size < <(llvm-nm-19 -S $BUILD_DIR/vmlinux | awk '$4 == "__zap_vma_range" { print $1, $2 }')
llvm-objdump-19 -d --no-show-raw-insn --disassemble-symbols=__zap_vma_range $BUILD_DIR/vmlinux > $OUT/t-$name-$impl.lst
rm -f $BUILD_DIR/test.log $OUT/t-$name-$impl.trace
STEP=exec ACCEL=tcg FILTER='zap_bench*' TIMEOUT=900 \
  QEMU_ARGS="-accel tcg,thread=single -icount shift=0,sleep=on -rtc base=2026-01-01T00:00:00,clock=vm -d exec,nochain -dfilter 0x$start+0x$size -D $OUT/t-$name-$impl.trace" \
  KERNEL_ARGS='thp_anon=64K:always nokaslr zap_bench_kunit.icount=1' scripts/kunit.sh > $OUT/t-$name-$impl.exec.log 2>&1 || { tail -20 $OUT/t-$name-$impl.exec.log; exit 1; }
cp $BUILD_DIR/test.log $OUT/t-$name-$impl.log
python3 $T/parse.py $OUT/t-$name-$impl.lst $OUT/t-$name-$impl.trace > $OUT/t-$name-$impl.counts
python3 $T/path.py $OUT/t-$name-$impl.lst $OUT/t-$name-$impl.counts > $OUT/t-$name-$impl.path
grep 'zap_min' $OUT/t-$name-$impl.log | sed 's/.*zap_bench: //'
head -1 $OUT/t-$name-$impl.counts

#!/bin/bash
# usage: run.sh <name> <impl>: build and boot one bench kernel of work/linux's working tree
set -e
TOP=$(cd "$(dirname "$0")/../../.." && pwd)
OUT=${OUT:-/tmp/exp}; mkdir -p "$OUT"
name=$1 impl=$2
W=$TOP/work
opt=CONFIG_MM_ZAP_RUST=n; [ $impl = rust ] && opt=CONFIG_MM_ZAP_RUST=y
cd $TOP
export TREE=$W/linux BUILD_DIR=$W/build-bench-$impl KUNITCONFIG=$W/linux/tools/testing/kunit/configs/mm_zap_bench.config KCONFIG_ADD=$opt NAME=exp-$impl
STEP=build scripts/kunit.sh > $OUT/$name-$impl.build.log 2>&1 || { tail -20 $OUT/$name-$impl.build.log; exit 1; }
rm -f $BUILD_DIR/test.log
STEP=exec ACCEL=tcg FILTER='zap_bench*' TIMEOUT=900 \
  QEMU_ARGS='-accel tcg,thread=single -icount shift=0,sleep=on -rtc base=2026-01-01T00:00:00,clock=vm' \
  KERNEL_ARGS='thp_anon=64K:always nokaslr zap_bench_kunit.icount=1' scripts/kunit.sh > $OUT/$name-$impl.exec.log 2>&1 || { tail -20 $OUT/$name-$impl.exec.log; exit 1; }
cp $BUILD_DIR/test.log $OUT/$name-$impl.log
llvm-objdump-19 -d --no-show-raw-insn --disassemble-symbols=__zap_vma_range $BUILD_DIR/mm/memory.o > $OUT/$name-$impl.dis
echo "$name $impl done"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The series' suites under the kernel's debugging options, then a scan of the
# whole kernel log for splats.
#
# Builds mm_zap.config with the fragment mm_zap_debug.config (DEBUG_VM,
# KASAN, KFENCE, lockdep, DEBUG_ATOMIC_SLEEP, the Rust debug assertions and
# overflow checks, SMP) in work/build-debug, runs every suite of the series
# on the kernel it builds (the Rust one; KCONFIG_ADD=CONFIG_MM_ZAP_RUST=n
# for the C one) in QEMU with two CPUs (scripts/kunit.sh), and then reads
# the complete console output that kunit.py keeps in <build dir>/test.log, not
# just the KTAP results. Any of these fails the run, each named with its line:
# WARNING:, BUG: (KASAN and KFENCE reports, sleeping in atomic context, bad
# rss counters, soft lockups), KASAN:, KFENCE:, lockdep (circular locking,
# inconsistent lock state, INFO: lockdep, suspicious RCU usage), UBSAN:,
# Oops, general protection fault, Kernel panic, a Rust panic, RCU stalls and
# hung tasks (scripts/splats.py has the list). Warnings that a test triggers
# on purpose are suppressed by the test (kunit_start_suppress_warning()) and
# never reach the log; no test expects a splat to be printed.
#
# Knobs as for kunit.sh: BUILD_DIR (default work/build-debug), NAME (default
# debug), KUNITCONFIG (default mm_zap.config), FRAGMENTS (default
# mm_zap_debug.config), FILTER, TIMEOUT, QEMU_ARGS, KERNEL_ARGS, KCONFIG_ADD,
# STEP. Ends with "debug run: N cases passed, F failed, S splats, T s".

default_build=${BUILD_DIR:+no}
. "$(dirname "$0")/lib.sh"
harness_init

tree=${TREE:-$KTREE}
[ -n "$default_build" ] || BUILD_DIR=$WORK/build-debug
export BUILD_DIR
export NAME=${NAME:-debug}
export KUNITCONFIG=${KUNITCONFIG:-$tree/tools/testing/kunit/configs/mm_zap.config}
export FRAGMENTS=${FRAGMENTS-$tree/tools/testing/kunit/configs/mm_zap_debug.config}
export QEMU_ARGS="-smp 2${QEMU_ARGS:+ $QEMU_ARGS}"
step=${STEP:-all}
res=$WORK/results
mkdir -p "$res" "$WORK"

# A fragment only adds: it must not set again what the kunitconfig sets.
for f in $FRAGMENTS; do
	[ -f "$f" ] && [ -f "$KUNITCONFIG" ] || continue
	again=$(grep -o '^CONFIG_[A-Za-z0-9_]*' "$f" | grep -xFf <(grep -o '^CONFIG_[A-Za-z0-9_]*' "$KUNITCONFIG") || true)
	[ -z "$again" ] || die "$(basename "$f") sets options that $(basename "$KUNITCONFIG") sets already: $(echo $again)"
done

start=$SECONDS
if [ "$step" = build ] || [ "$step" = all ]; then
	STEP=build "$TOP/scripts/kunit.sh"
fi
[ "$step" = build ] && exit 0

rm -f "$BUILD_DIR/test.log"
rc=0
STEP=exec "$TOP/scripts/kunit.sh" || rc=$?
elapsed=$((SECONDS - start))

console=$res/$NAME.console.log
[ -s "$BUILD_DIR/test.log" ] || die "kunit.py left no console log in $BUILD_DIR/test.log (kunit.sh exit $rc)"
cp "$BUILD_DIR/test.log" "$console"

# Every splat line, named (scripts/splats.py has the one list), and the
# cases as kunit-json.py, the one reader of kunit.py's JSON, reads them.
src=0
python3 "$TOP/scripts/splats.py" "$console" >"$res/$NAME.splats" || src=$?
[ $src -lt 2 ] || die "could not scan $console for splats"
grep '^SPLAT ' "$res/$NAME.splats" || true
splats=$(grep -c '^SPLAT ' "$res/$NAME.splats" || true)
cases=$(python3 "$TOP/scripts/kunit-json.py" cases "$res/$NAME.json" 2>/dev/null || true)
passed=$(grep -c '^PASS ' <<<"$cases" || true)
failed=$(grep -c '^FAIL ' <<<"$cases" || true)
echo "debug run: $passed cases passed, $failed failed, $splats splats, $elapsed s (console: $console)"
[ "$rc" = 0 ] && [ "$failed" = 0 ] && [ "$splats" = 0 ] && [ "$passed" -gt 0 ]

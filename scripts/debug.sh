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
# hung tasks. Warnings that a test triggers on purpose are suppressed by the
# test (kunit_start_suppress_warning()) and never reach the log; a splat the
# tests expect to be printed would go in ALLOWED below, one narrow pattern
# each. There is none today.
#
# Knobs as for kunit.sh: BUILD_DIR (default work/build-debug), NAME (default
# debug), KUNITCONFIG (default mm_zap.config), FRAGMENTS (default
# mm_zap_debug.config), FILTER, TIMEOUT, QEMU_ARGS, KERNEL_ARGS, KCONFIG_ADD,
# STEP. Ends with "debug run: N cases passed, F failed, S splats, T s".

default_build=${BUILD_DIR:+no}
. "$(dirname "$0")/lib.sh"

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

# Splats, as "name|extended regex". A line that matches one is a splat.
SPLATS=(
	'warning|WARNING:'
	'bug|BUG:'
	'kasan|KASAN:'
	'kfence|KFENCE:'
	'lockdep circular|possible circular locking'
	'lockdep inconsistent|inconsistent lock state'
	'lockdep|INFO: lockdep'
	'lockdep recursive|possible recursive locking'
	'rcu|suspicious RCU usage'
	'ubsan|UBSAN:'
	'oops|Oops'
	'gpf|general protection fault'
	'panic|Kernel panic'
	'rust panic|panicked at'
	'rcu stall|rcu: INFO: .* detected stalls'
	'hung task|INFO: task .* blocked for more than'
	'bad rss|Bad rss-counter state'
	'bad page|Bad page (state|map)'
)
# Splats a test provokes on purpose and cannot suppress, as "why|regex".
ALLOWED=()

# A fragment only adds: it must not set again what the kunitconfig sets.
for f in $FRAGMENTS; do
	[ -f "$f" ] && [ -f "$KUNITCONFIG" ] || continue
	again=$(grep -o '^CONFIG_[A-Za-z0-9_]*' "$f" | grep -xFf <(grep -o '^CONFIG_[A-Za-z0-9_]*' "$KUNITCONFIG") || true)
	[ -z "$again" ] || die "$(basename "$f") sets options that $(basename "$KUNITCONFIG") sets already: $(echo $again)"
done

start=$SECONDS
if [ "$step" = build ] || [ "$step" = all ]; then
	# Kernel builds on this machine take turns (two cores, several trees).
	flock "$WORK/.kbuild.lock" env STEP=build "$TOP/scripts/kunit.sh"
fi
[ "$step" = build ] && exit 0

rm -f "$BUILD_DIR/test.log"
rc=0
STEP=exec "$TOP/scripts/kunit.sh" || rc=$?
elapsed=$((SECONDS - start))

console=$res/$NAME.console.log
[ -s "$BUILD_DIR/test.log" ] || die "kunit.py left no console log in $BUILD_DIR/test.log (kunit.sh exit $rc)"
cp "$BUILD_DIR/test.log" "$console"

splats=0
for s in "${SPLATS[@]}"; do
	what=${s%%|*}
	re=${s#*|}
	while IFS= read -r line; do
		allowed=
		for a in ${ALLOWED[@]+"${ALLOWED[@]}"}; do
			if grep -qE -- "${a#*|}" <<<"${line#*:}"; then allowed=${a%%|*}; fi
		done
		if [ -n "$allowed" ]; then
			echo "allowed ($allowed): line ${line%%:*}: ${line#*:}"
			continue
		fi
		echo "SPLAT ($what): line ${line%%:*}: ${line#*:}"
		splats=$((splats + 1))
	done < <(grep -nE -- "$re" "$console" || true)
done

read -r passed failed skipped < <(python3 - "$res/$NAME.json" <<'EOF'
import json, sys
def walk(g):
    for s in g.get('sub_groups', []) or []:
        yield from walk(s)
    for c in g.get('test_cases', []) or []:
        yield c.get('status', 'FAIL')
try:
    st = list(walk(json.load(open(sys.argv[1]))))
except (OSError, ValueError):
    st = []
print(st.count('PASS'), sum(s not in ('PASS', 'SKIP') for s in st), st.count('SKIP'))
EOF
)
failed=$((failed + skipped))
echo "debug run: $passed cases passed, $failed failed, $splats splats, $elapsed s (console: $console)"
[ "$rc" = 0 ] && [ "$failed" = 0 ] && [ "$splats" = 0 ] && [ "$passed" -gt 0 ]

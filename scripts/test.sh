#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make test: build the KUnit kernel of the series' kunitconfig twice, as a
# C kernel (CONFIG_MM_ZAP_RUST=n, build tree work/build-c) and as a Rust
# kernel (=y, work/build; the second one built starts as a copy of the
# first, so that only what the option changes is rebuilt), run the same
# suites on each, print one result line per kernel, and check that every
# case the C kernel ran passed on the Rust kernel too. The Rust kernel
# runs more: the Rust suite (mm_zap_policy_rust) and the comparison of
# the two implementations.
#
#   KERNEL=<tree>, TIMEOUT=<s>, FILTER=<glob>, KCONFIG_ADD=... as for
#                   scripts/kunit.sh (CONFIG_MM_ZAP_RUST=n or =y goes after them)
#   IMPLS="c rust"  the kernels to test (default both)
. "$(dirname "$0")/lib.sh"
harness_init

res=$WORK/results
impls=(${IMPLS:-c rust})
mkdir -p "$res"
for impl in "${impls[@]}"; do
	case $impl in c | rust) ;; *) bad_knob IMPLS "${IMPLS:-}" "give c, rust or both" ;; esac
done
rc=0
for impl in "${impls[@]}"; do
	rm -f "$res/kunit-$impl.summary"
	# Each kernel's tree starts as a copy of the other's if that one is
	# built and this one is not (kunit.sh SEED_FROM=).
	if [ "$impl" = c ]; then
		BUILD_DIR=$WORK/build-c SEED_FROM=$BUILD_DIR KCONFIG_ADD="${KCONFIG_ADD:+$KCONFIG_ADD }CONFIG_MM_ZAP_RUST=n" NAME=kunit-c \
			"$TOP/scripts/kunit.sh" || rc=1
	else
		SEED_FROM=$WORK/build-c KCONFIG_ADD="${KCONFIG_ADD:+$KCONFIG_ADD }CONFIG_MM_ZAP_RUST=y" NAME=kunit-rust "$TOP/scripts/kunit.sh" || rc=1
	fi
done
for impl in "${impls[@]}"; do
	if [ -s "$res/kunit-$impl.summary" ]; then
		printf '%-4s kernel: %s\n' "$impl" "$(tail -n 1 "$res/kunit-$impl.summary")"
	else
		printf '%-4s kernel: no results (see above)\n' "$impl"
	fi
done
[ $rc = 0 ] || die "the KUnit run failed on one kernel at least (above)"
[ ${#impls[@]} = 2 ] || exit 0
# Every case of the C kernel passes on the Rust kernel too.
python3 "$TOP/scripts/kunit-json.py" cases "$res/kunit-c.json" | sort >"$res/kunit-c.cases" || true
python3 "$TOP/scripts/kunit-json.py" cases "$res/kunit-rust.json" | sort >"$res/kunit-rust.cases" || true
missing=$(comm -23 "$res/kunit-c.cases" "$res/kunit-rust.cases")
extra=$(comm -13 "$res/kunit-c.cases" "$res/kunit-rust.cases" | grep -c . || true)
[ -z "$missing" ] ||
	die "cases of the C kernel that did not pass on the Rust kernel:
$missing"
log "the $(grep -c . "$res/kunit-c.cases") cases of the C kernel pass on both kernels; the Rust kernel ran $extra more"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark times the zap loop users run: mm/memory.o of the C bench
# kernel must have the instructions of mm/memory.o built from the same
# configuration with the series' KUnit options off (the benchmark and the
# tests), which is how a distribution builds it. Test code in memory.c (the
# decision tests call zap_present_ptes() and zap_nonpresent_ptes(), which
# keeps both out of line) or a second caller of the zap helpers fails it.
#
#   bench-gate.sh [BUILD_DIR]
#
# BUILD_DIR: a configured bench build tree whose mm/memory.o is checked
# (scripts/bench.sh passes work/build-bench-c). Without it, the gate
# configures $WORK/build-gate-bench from the tree's mm_zap_bench.config
# with CONFIG_MM_ZAP_RUST=n and $KCONFIG_ADD (for example
# KCONFIG_ADD=CONFIG_ZAP_KUNIT_TEST=y, to see it fail) and builds that one
# object. The reference is built in $WORK/build-gate-ref. Listings and
# their diff: $WORK/results/bench-gate/.
. "$(dirname "$0")/lib.sh"
harness_init

tree=${TREE:-$KTREE}
kunitconfig=$tree/tools/testing/kunit/configs/mm_zap_bench.config
res=$WORK/results/bench-gate
ref=$WORK/build-gate-ref
objdump=llvm-objdump$LLVM_SUFFIX
need "$objdump" "run 'make deps' (Debian package llvm${LLVM_SUFFIX})"
need make "run 'make deps'"
[ -f "$kunitconfig" ] ||
	die "$tree has no tools/testing/kunit/configs/mm_zap_bench.config: the benchmark patch is not in that tree"
mkdir -p "$res"

obj() { # obj DIR NAME: build DIR's mm/memory.o, list its .text in $res/NAME.s
	local dir=$1 name=$2
	build_locked make -C "$tree" -s O="$dir" LLVM="$LLVM_MAKE" -j"$JOBS" mm/memory.o \
		>"$res/$name.build.log" 2>&1 || {
		tail -n 20 "$res/$name.build.log" >&2
		die "building mm/memory.o in $dir failed (log: $res/$name.build.log)"
	}
	"$objdump" -d -r --no-show-raw-insn -j .text "$dir/mm/memory.o" |
		sed -e '1,/^Disassembly/d' -e 's/^ *[0-9a-f]*:[[:space:]]*//' >"$res/$name.s"
}

bench=${1:+$(abspath "$1")}
if [ -z "$bench" ]; then
	bench=$WORK/build-gate-bench
	mkdir -p "$bench"
	add=(--kconfig_add CONFIG_MM_ZAP_RUST=n)
	for o in ${KCONFIG_ADD:-}; do add+=(--kconfig_add "$o"); done
	(cd "$tree" && build_locked python3 tools/testing/kunit/kunit.py config --arch=x86_64 \
		--build_dir="$bench" --make_options "LLVM=$LLVM_MAKE" \
		--kunitconfig="$kunitconfig" "${add[@]}") >"$res/config.log" 2>&1 || {
		tail -n 20 "$res/config.log" >&2
		die "kunit.py could not configure $bench (log: $res/config.log)"
	}
fi
[ -f "$bench/.config" ] || die "no configured build tree at $bench"
obj "$bench" bench
grep -q '^CONFIG_ZAP_KUNIT_BENCH=y' "$bench/.config" ||
	die "$bench is not a bench build tree (CONFIG_ZAP_KUNIT_BENCH is not set)"
! grep -q '^CONFIG_MM_ZAP_RUST=y' "$bench/.config" ||
	die "$bench is the Rust bench kernel; the gate checks the C one"

# The reference: the same configuration, the series' KUnit options off.
# A reference tree never configured starts as a copy of the bench tree,
# whose prepared headers and tools the one object needs (a cold tree
# spends a minute preparing them), less the object under test, which is
# then compiled from the reference configuration.
mkdir -p "$ref"
if [ ! -f "$ref/.config" ]; then
	build_locked cp -a "$bench/." "$ref/" || die "could not copy $bench to $ref"
	rm -f "$ref/mm/memory.o" "$ref/mm/.memory.o.cmd"
fi
cp "$bench/.config" "$ref/.config"
opts=$(sed -n 's/^config \(ZAP_KUNIT_[A-Z_]*\)$/\1/p' "$tree/mm/Kconfig")
[ -n "$opts" ] || die "no ZAP_KUNIT_* option in $tree/mm/Kconfig"
for o in $opts; do "$tree/scripts/config" --file "$ref/.config" -d "$o"; done
build_locked make -C "$tree" -s O="$ref" LLVM="$LLVM_MAKE" olddefconfig >"$res/ref-config.log" 2>&1 || {
	tail -n 20 "$res/ref-config.log" >&2
	die "make olddefconfig failed in $ref"
}
for o in $opts; do
	! grep -q "^CONFIG_$o=y" "$ref/.config" || die "CONFIG_$o did not stay off in $ref/.config"
done
obj "$ref" ref

ninsn=$(grep -vc -e '>:$' -e '^$' -e 'R_X86_64' "$res/ref.s")
if ! diff -u "$res/ref.s" "$res/bench.s" >"$res/diff"; then
	head -n 30 "$res/diff" >&2
	names() { sed -n 's/^[0-9a-f]* <\([^.][^>]*\)>:$/\1/p' "$1" | sort -u; }
	extra=$(comm -13 <(names "$res/ref.s") <(names "$res/bench.s") | tr '\n' ' ')
	die "mm/memory.o of the bench kernel ($bench) is not the one users run: its .text differs from the build without $(echo $opts) (full diff: $res/diff)${extra:+; functions only the bench kernel has: $extra}"
fi
log "mm/memory.o of the C bench kernel is the production one: .text identical to the build without $(echo $opts) ($(grep -c '>:$' "$res/ref.s") functions, $ninsn instructions)"

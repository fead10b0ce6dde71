#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the KUnit kernel for a kunitconfig and run it in QEMU x86-64.
#
#   KUNITCONFIG=<file>  default: the series' tools/testing/kunit/configs/mm_zap.config
#   FRAGMENTS="<file> ..."  kunitconfig fragments added to it (kunit.py merges
#                       them and refuses conflicting values)
#   NAME=<name>         results go to $WORK/results/NAME.{json,log,summary}
#   KCONFIG_ADD="CONFIG_X=y ..."  extra options (e.g. CONFIG_RUST=n)
#   TIMEOUT=<s>         QEMU run limit (default 900); the build is not counted
#   FILTER=<glob>       kunit.filter_glob (default mm_zap*, the series' suites; empty: all)
#   QEMU_ARGS=..., KERNEL_ARGS=...  passed through
#   ACCEL=kvm|tcg       force an accelerator (default: detect)
#   STEP=build|exec|all (default all)
#   SEED_FROM=<dir>     a build tree of the same kunitconfig with other
#                       option values: if BUILD_DIR was never built and
#                       that tree was, BUILD_DIR starts as a copy of it, so
#                       that kbuild rebuilds only what the options change
#                       (the C and the Rust kernel differ in about a
#                       minute's objects; a cold build takes 7-12 min)
#   LLVM_SUFFIX=-19     clang-19 etc. (LLVM=-19); LLVM_SUFFIX= for unsuffixed (LLVM=1)
#   KVM_DEV, CPUINFO    for tests: stand-ins for /dev/kvm and /proc/cpuinfo
. "$(dirname "$0")/lib.sh"
harness_init

tree=${TREE:-$KTREE}
kunitconfig=${KUNITCONFIG:-$tree/tools/testing/kunit/configs/mm_zap.config}
name=${NAME:-kunit}
timeout_s=${TIMEOUT:-900}
step=${STEP:-all}
FILTER=${FILTER-mm_zap*}
res=$WORK/results
mkdir -p "$res"

# The kernel's make cannot build in paths with spaces or colons; say so now.
for d in "$tree" "$BUILD_DIR"; do
	case $d in *[[:space:]:]*) die "the kernel cannot be built in a path with spaces or colons: '$d'; use another KERNEL=, TREE= or BUILD_DIR=" ;; esac
done
[ -f "$tree/tools/testing/kunit/kunit.py" ] || die "no kernel tree at $tree (run 'make apply', or pass KERNEL=)"
[ -f "$kunitconfig" ] || die "kunitconfig $kunitconfig not found; is the series applied to $tree?"
need python3 "run 'make deps'"
need "clang$LLVM_SUFFIX" "run 'make deps' (Debian package clang${LLVM_SUFFIX})"
need "ld.lld$LLVM_SUFFIX" "run 'make deps' (Debian package lld${LLVM_SUFFIX})"
need qemu-system-x86_64 "run 'make deps' (qemu-system-x86 from bookworm-backports)"
need bindgen "run 'make deps' (cargo install bindgen-cli --version $BINDGEN_VERSION)"
need rustc "install Rust with rustup"

kunit=(python3 tools/testing/kunit/kunit.py)
common=(--arch=x86_64 --build_dir="$BUILD_DIR" --make_options "LLVM=$LLVM_MAKE"
	--kunitconfig="$kunitconfig")
configs=$(basename "$kunitconfig")
for f in ${FRAGMENTS:-}; do
	[ -f "$f" ] || die "kunitconfig fragment $f not found; is the series applied to $tree?"
	common+=(--kunitconfig="$f")
	configs+=" + $(basename "$f")"
done
for opt in ${KCONFIG_ADD:-}; do
	common+=(--kconfig_add "$opt")
done

if [ "$step" = build ] || [ "$step" = all ]; then
	log "building the KUnit kernel in $BUILD_DIR ($configs${KCONFIG_ADD:+ + $KCONFIG_ADD})"
	start=$SECONDS
	# Checked here too, so that a lock we cannot write is reported on the
	# terminal, not in the build log.
	build_lock_check
	if [ -n "${SEED_FROM:-}" ] && [ ! -e "$BUILD_DIR/.config" ] && [ -f "$SEED_FROM/vmlinux" ]; then
		log "starting $BUILD_DIR as a copy of $SEED_FROM"
		mkdir -p "$BUILD_DIR"
		build_locked cp -a "$SEED_FROM/." "$BUILD_DIR/" ||
			die "could not copy $SEED_FROM to $BUILD_DIR"
	fi
	if ! (cd "$tree" && build_locked "${kunit[@]}" build "${common[@]}" --jobs "$JOBS") >"$res/$name.build.log" 2>&1; then
		echo "---- last lines of the build ($res/$name.build.log) ----" >&2
		grep -v '^\[..:..:..\] \|^\$ make\|^Populating\|^Building with' "$res/$name.build.log" |
			tail -n 40 >&2
		die "build failed for $tree ($configs)"
	fi
	log "built in $((SECONDS - start)) s"
fi
[ "$step" = build ] && exit 0

detect_accel
log "running in QEMU ($accel), timeout ${timeout_s} s${FILTER:+, filter $FILTER}"

args=(exec "${common[@]}" --timeout="$timeout_s" --json="$res/$name.json")
[ -z "${FILTER:-}" ] || args+=("$FILTER")
[ -z "${QEMU_ARGS:-}" ] || args+=(--qemu_args="$QEMU_ARGS")
for a in ${KERNEL_ARGS:-}; do
	args+=(--kernel_args="$a")
done
rm -f "$res/$name.json"
start=$SECONDS
set +e
(cd "$tree" && timeout -k 10 $((timeout_s + ${GRACE:-60})) ${wrap[@]+"${wrap[@]}"} "${kunit[@]}" "${args[@]}") \
	>"$res/$name.log" 2>&1
rc=$?
set -e
elapsed=$((SECONDS - start))
if [ $rc = 124 ] || [ $rc = 137 ] || grep -q 'timed out after' "$res/$name.log"; then
	tail -n 15 "$res/$name.log" >&2
	die "QEMU did not finish: timed out after ${timeout_s} s ($res/$name.log)"
fi
[ -s "$res/$name.json" ] || { tail -n 30 "$res/$name.log" >&2; die "kunit.py wrote no results (exit $rc; $res/$name.log)"; }
python3 "$TOP/scripts/kunit-json.py" summary "$res/$name.json" "$accel" "$elapsed" | tee "$res/$name.summary"
[ $rc = 0 ] || { tail -n 15 "$res/$name.log" >&2; die "kunit.py exited $rc although every case passed ($res/$name.log)"; }

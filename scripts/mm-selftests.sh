#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Upstream's own mm selftests (tools/testing/selftests/mm) on the series'
# two kernels: the C kernel (CONFIG_MM_ZAP_RUST=n) and the Rust kernel (=y),
# built one after the other in one build tree (the second build is
# incremental) and booted one after the other; each boot runs every program,
# with the hugetlb pool, THP settings and swap restored before each run.
# The guest checks which kernel it runs (the Rust kernel has the symbol
# zap_verdicts_for in /proc/kallsyms, the C kernel must not). Programs that
# fail on both kernels, and those of BASE_PROGS, run again on the unmodified
# base kernel to show whether the series is the cause.
#
#   TREE=<tree>          the series' tree (default: worktree $WORK/mmst at
#                        branch zap-rust; given, it is used as it is)
#   ST_TREE=<tree>       build the selftest programs from this tree instead
#                        (the kernel still comes from TREE)
#   PROGS="a b ..."      the programs (default: the full set below; QUICK=1: the quick set)
#   QUICK=0|1            the quick set (the full set less migration), default 0
#   BASE=0|1             re-run on the base kernel, default 1
#   BUILD=0|1            BUILD=0: boot the kernels already built (no kunit.py
#                        build, no wait for the build lock), default 1
#   BASE_PROGS="a b ..."  also run these on base (default: zap_contract if
#                        the tree has it); both-path failures are added
#   BASE_REV=<rev>       the kernel to compare with (default: the base); e.g.
#                        the last of the series' fixes, to run their tests
#                        on the fixes alone
#   PROG_TIMEOUT=<s>     per program and path, in the guest (default 300)
#   TIMEOUT=<s>          per QEMU boot (default: enough for every program to time out)
#   HUGEPAGES=<n>        the hugetlb pool (2 MiB pages) before each run (default 128)
#   ACCEL=kvm|tcg        as for kunit.sh (default: detect)
#
# Output: one "PASS|FAIL|SKIP mmst <prog> ..." line per program, then
# "mm-selftests: N programs, P passed, F failed, S skipped, wall T s".
# Exit status 1 if any program failed or the boot did not finish. Files in $WORK/results/mm-selftests.
. "$(dirname "$0")/lib.sh"
harness_init

wall0=$SECONDS
# The full set: programs that unmap, zap, punch holes, truncate, migrate,
# swap, poison or reap, and run in minutes under TCG.
FULL_PROGS="guard-regions cow uffd-unit-tests pagemap_ioctl madv_populate
ksm_functional_tests migration mkdirty khugepaged hugetlb-madvise hmm-tests
mremap_test mremap_dontunmap map_fixed_noreplace memory-failure process_madv
mrelease_test soft-dirty rmap droppable merge mlock2-tests gup_longterm
uffd-wp-mremap transhuge-stress"
# The quick set: the full set less migration (2 x 2 min under TCG).
QUICK_PROGS=$(printf '%s\n' $FULL_PROGS | grep -vx migration | paste -sd' ')
# A program runs with the arguments of its first "run_test ./<prog> ..."
# line in run_vmtests.sh (transhuge-stress: -d 20, a 20 s run instead of
# an endless one), or none if it has no such line. A line continued with
# "\" or using a variable is not taken: the program runs without
# arguments, and the build log says so.
vmtests_args() {
	local line re
	re=$(printf '%s' "$1" | sed 's/[.+]/\\&/g')
	line=$(grep -m1 -E "run_test \./$re( |\$)" \
		"$st_tree/tools/testing/selftests/mm/run_vmtests.sh" 2>/dev/null) || return 0
	line=${line#*run_test ./$1}
	case $line in
	*'\' | *'$'*)
		echo "=== $1: run_vmtests.sh's arguments ($line) not taken" >>"$res/selftests-build.log"
		return 0 ;;
	esac
	echo "${line# }"
}

prog_re='^[A-Za-z0-9_][A-Za-z0-9_.+-]*$'
check_progs() {
	local knob=$1 p
	for p in ${!knob}; do
		[[ $p =~ $prog_re ]] ||
			bad_knob "$knob" "${!knob}" "give program names of tools/testing/selftests/mm, separated by spaces ('$p' is not one)"
	done
}
[[ ${QUICK:-0} =~ ^[01]$ ]] || bad_knob QUICK "$QUICK" "use QUICK=1 for the quick set or QUICK=0"
[[ ${BUILD:-1} =~ ^[01]$ ]] || bad_knob BUILD "$BUILD" "use BUILD=0 to boot the kernels already built, or BUILD=1"
[[ ${BASE:-1} =~ ^[01]$ ]] || bad_knob BASE "$BASE" "use BASE=1 to re-run failures on the base kernel or BASE=0"
if [ -n "${PROG_TIMEOUT+x}" ]; then
	[[ $PROG_TIMEOUT =~ ^[1-9][0-9]{0,4}$ ]] ||
		bad_knob PROG_TIMEOUT "$PROG_TIMEOUT" "give the per-program limit in whole seconds, 1 to 99999"
fi
if [ -n "${HUGEPAGES+x}" ]; then
	[[ $HUGEPAGES =~ ^[0-9]{1,4}$ ]] && [ "$HUGEPAGES" -le 1024 ] ||
		bad_knob HUGEPAGES "$HUGEPAGES" "give the number of 2 MiB hugetlb pages, 0 to 1024 (the guest has 4 GiB)"
fi
if [ -n "${PROGS+x}" ]; then
	[ -n "${PROGS// /}" ] || bad_knob PROGS "" "name at least one program, or leave PROGS unset for the default set"
	check_progs PROGS
fi
[ -z "${BASE_PROGS:-}" ] || check_progs BASE_PROGS

quick=${QUICK:-0}
base_run=${BASE:-1}
ptimeout=${PROG_TIMEOUT:-300}
hugepages=${HUGEPAGES:-128}
if [ -n "${PROGS:-}" ]; then
	progs=$(echo $PROGS)
elif [ "$quick" = 1 ]; then
	progs=$(echo $QUICK_PROGS)
else
	progs=$(echo $FULL_PROGS)
fi

# Another TREE= gets its own build tree and results, so that it does not
# force a full rebuild of the default one (or overwrite its results).
res=$WORK/results/mm-selftests
build=$WORK/build-mmst
if [ -n "${TREE:-}" ] && [ "$TREE" != "$WORK/mmst" ]; then
	suffix=$(basename "$TREE" | tr -c 'A-Za-z0-9_.\n-' _)
	res=$WORK/results/mm-selftests-$suffix
	build=$WORK/build-mmst-$suffix
fi
base_build=$WORK/build-mmst-base
mkdir -p "$res" "$build"

need python3 "run 'make deps'"
need "clang$LLVM_SUFFIX" "run 'make deps' (Debian package clang${LLVM_SUFFIX})"
need qemu-system-x86_64 "run 'make deps' (qemu-system-x86 from bookworm-backports)"
need cpio "run 'make deps'"
need gzip "run 'make deps'"
need flock "install util-linux"
need mkfs.ext4 "run 'make deps' (Debian package e2fsprogs)"
need mkswap "install util-linux"
need gcc "run 'make deps'"
busybox=$(command -v busybox || true)
[ -n "$busybox" ] && file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	busybox=/bin/busybox
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
	die "no statically linked busybox; run 'make deps' (Debian package busybox-static)"
for h in numa.h sys/capability.h liburing.h; do
	[ -e "/usr/include/$h" ] ||
		die "/usr/include/$h missing: the static selftests need libnuma-dev, libcap-dev and liburing-dev; run 'make deps'"
done

if [ -n "${TREE:-}" ]; then
	tree=$TREE
	[ -f "$tree/Makefile" ] && [ -d "$tree/tools/testing/selftests/mm" ] ||
		die "TREE=$tree is not a kernel tree (no Makefile or tools/testing/selftests/mm)"
else
	tree=$WORK/mmst
	[ -d "$KTREE/.git" ] || [ -f "$KTREE/.git" ] || die "no kernel tree at $KTREE; run 'make fetch apply'"
	worktree_at "$KTREE" "$tree" zap-rust
fi
for d in "$tree" "$build"; do
	case $d in *[[:space:]:]*) die "the kernel cannot be built in a path with spaces or colons: '$d'" ;; esac
done
# The selftests may come from another tree (ST_TREE=, e.g. one with a new
# program), with the kernel of TREE.
st_tree=$tree
hdr=$build/mmst-hdr
bin=$build/mmst-bin
if [ -n "${ST_TREE:-}" ]; then
	st_tree=$(abspath "$ST_TREE")
	[ -d "$st_tree/tools/testing/selftests/mm" ] ||
		die "ST_TREE=$ST_TREE has no tools/testing/selftests/mm"
	# Its own programs and results, apart from TREE's.
	res=$res-st-$(basename "$st_tree" | tr -c 'A-Za-z0-9_.\n-' _)
	hdr=$res/hdr
	bin=$res/bin
	mkdir -p "$res"
fi
kunitconfig=$tree/tools/testing/kunit/configs/mm_zap.config
[ -f "$kunitconfig" ] || die "$kunitconfig not found: is the series applied to $tree?"
fragment=$TOP/scripts/mm-selftests.config
base_progs_default=
[ ! -f "$st_tree/tools/testing/selftests/mm/zap_contract.c" ] || base_progs_default=zap_contract
base_progs=${BASE_PROGS-$base_progs_default}
# A program named only in BASE_PROGS runs on the series' paths too.
for p in $base_progs; do
	case " $progs " in *" $p "*) ;; *) progs="$progs $p" ;; esac
done

# build_kernel SRC OUT NAME KCONFIG_ADD KUNITCONFIG FRAGMENT: kunit.sh's
# build of the kunitconfig with the fragment's options and KCONFIG_ADD
# (space-separated, may be empty) on top, its log in
# $WORK/results/NAME.build.log.
build_kernel() {
	local src=$1 out=$2 name=$3 add=$4 kc=$5 frag=$6
	if [ "${BUILD:-1}" = 0 ]; then
		[ -f "$out/arch/x86/boot/bzImage" ] || return 1
		log "BUILD=0: booting the kernel already in $out"
		return 0
	fi
	TREE=$src BUILD_DIR=$out NAME=$name KUNITCONFIG=$kc FRAGMENTS=$frag KCONFIG_ADD=$add \
		STEP=build "$TOP/scripts/kunit.sh" || die "kernel build failed in $out"
}

# 1. The series' two kernels, in one build tree: each image is kept apart
#    as $res/bzImage-<kernel>, so that BUILD=0 can boot both.
series_kernels="C Rust"
for k in $series_kernels; do
	case $k in C) opt=n ;; Rust) opt=y ;; esac
	if [ "${BUILD:-1}" = 0 ]; then
		[ -f "$res/bzImage-$k" ] ||
			die "BUILD=0, but there is no $k kernel ($res/bzImage-$k); run without BUILD=0 first"
		continue
	fi
	rm -f "$res/bzImage-$k"
	build_kernel "$tree" "$build" "${res#"$WORK"/results/}/build-$k" "CONFIG_MM_ZAP_RUST=$opt" "$kunitconfig" "$fragment"
	# "=n" is "is not set" in a .config.
	if [ $opt = y ]; then
		grep -qx 'CONFIG_MM_ZAP_RUST=y' "$build/.config"
	else
		! grep -q '^CONFIG_MM_ZAP_RUST=y' "$build/.config"
	fi || die "the $k kernel's .config does not have CONFIG_MM_ZAP_RUST=$opt ($build/.config)"
	cp "$build/arch/x86/boot/bzImage" "$res/bzImage-$k"
done

# 2. The selftests, static, against the tree's own UAPI headers.
log "installing the UAPI headers into $hdr/usr"
make -s -C "$st_tree" O="$hdr" LLVM="$LLVM_MAKE" INSTALL_HDR_PATH="$hdr/usr" headers_install \
	>"$res/headers.log" 2>&1 || { tail -n 20 "$res/headers.log" >&2; die "make headers_install failed"; }
mkdir -p "$bin"
build_failed=()
built=()
: >"$res/selftests-build.log"
for p in $progs; do
	rm -f "$bin/$p"
	if [ ! -f "$st_tree/tools/testing/selftests/mm/$p.c" ]; then
		build_failed+=("$p")
		echo "=== $p: no tools/testing/selftests/mm/$p.c in $st_tree" >>"$res/selftests-build.log"
		continue
	fi
	echo "=== $p" >>"$res/selftests-build.log"
	if make -C "$st_tree/tools/testing/selftests/mm" OUTPUT="$bin" \
		KHDR_INCLUDES="-isystem $hdr/usr/include" LDFLAGS=-static "$bin/$p" \
		>>"$res/selftests-build.log" 2>&1 && [ -x "$bin/$p" ]; then
		built+=("$p")
	else
		build_failed+=("$p")
	fi
done
log "selftests built: ${#built[@]}${build_failed[0]:+; failed: ${build_failed[*]} (see $res/selftests-build.log)}"

# 3. Disks: swap and an ext4 filesystem (mounted at /mnt/ext4, the
#    programs' working directory).
mkdisks() {
	local dir=$1
	rm -f "$dir/swap.img" "$dir/ext4.img"
	truncate -s 1G "$dir/swap.img"
	mkswap -q "$dir/swap.img" >/dev/null || die "mkswap failed"
	truncate -s 1G "$dir/ext4.img"
	mkfs.ext4 -q -F -L mmst "$dir/ext4.img" >/dev/null || die "mkfs.ext4 failed"
}

# mkinitramfs DIR PATHS PROG...: busybox, /init, the programs and their list.
mkinitramfs() {
	local dir=$1 paths=$2 p r=$1/root
	shift 2
	rm -rf "$r"
	mkdir -p "$r/bin" "$r/mmst"
	cp "$busybox" "$r/bin/busybox"
	ln -s busybox "$r/bin/sh"
	install -m 755 "$TOP/scripts/mm-selftests-init.sh" "$r/init"
	: >"$r/mmst/progs.list"
	for p in "$@"; do
		[ ! -x "$bin/$p" ] || cp "$bin/$p" "$r/mmst/"
		echo "$p $(vmtests_args "$p")" >>"$r/mmst/progs.list"
	done
	printf 'MMST_PATHS="%s"\nMMST_PTIMEOUT=%s\nMMST_HUGEPAGES=%s\n' \
		"$paths" "$ptimeout" "$hugepages" >"$r/mmst/run.conf"
	(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 >"$dir/initramfs.gz"
}

detect_accel
accel_args=(-accel "$accel")
[ "$accel" = kvm ] && accel_args+=(-cpu host)
# The guest: 4 CPUs and 4 GiB over two NUMA nodes, a swap disk and an ext4
# disk, the hugetlb pool and THP on the command line.
# boot NAME DIR KERNEL NPROGS PATHS: run QEMU; its console goes to
# $res/NAME.console.log; sets boot_status (ok, or why not).
boot() {
	local name=$1 dir=$2 kernel=$3 nprogs=$4 npaths=$5 limit rc t0
	limit=${TIMEOUT:-$((nprogs * npaths * (ptimeout + 30) + 300))}
	local append="console=ttyS0 rdinit=/init kunit.enable=0 panic=-1 hugepages=$hugepages transparent_hugepage=always proc_mem.force_override=always loglevel=7"
	log "booting $name ($accel, 4 CPUs, 2 NUMA nodes, ${nprogs} programs x ${npaths} paths, limit ${limit} s)"
	t0=$SECONDS
	set +e
	timeout -k 10 "$limit" ${wrap[@]+"${wrap[@]}"} qemu-system-x86_64 "${accel_args[@]}" \
		-nodefaults -display none -no-reboot -serial stdio -monitor none \
		-smp 4,sockets=2,cores=2,threads=1 -m 4G \
		-object memory-backend-ram,id=m0,size=2G -object memory-backend-ram,id=m1,size=2G \
		-numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1 \
		-kernel "$kernel" -initrd "$dir/initramfs.gz" -append "$append" \
		-drive "file=$dir/swap.img,if=virtio,format=raw" \
		-drive "file=$dir/ext4.img,if=virtio,format=raw" \
		</dev/null >"$res/$name.console.log" 2>"$res/$name.qemu.err"
	rc=$?
	set -e
	boot_secs=$((SECONDS - t0))
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		boot_status="QEMU timed out after $limit s"
	elif ! grep -q '^MMST DONE' "$res/$name.console.log"; then
		boot_status="QEMU exited $rc before the guest finished ($(tail -n 3 "$res/$name.qemu.err" | tr '\n' ' '))"
	else
		boot_status=ok
	fi
	log "$name: $boot_status (${boot_secs} s)"
}

runnable=("${built[@]}")
main_status="not run"
main_secs=0
: >"$res/series.console.log"
if [ ${#runnable[@]} -gt 0 ]; then
	main_status=ok
	bad=()
	for k in $series_kernels; do
		mkdir -p "$res/guest-$k"
		mkdisks "$res/guest-$k"
		mkinitramfs "$res/guest-$k" "$k" "${runnable[@]}"
		boot "series-$k" "$res/guest-$k" "$res/bzImage-$k" ${#runnable[@]} 1
		[ "$boot_status" = ok ] || bad+=("$k kernel: $boot_status")
		main_secs=$((main_secs + boot_secs))
		cat "$res/series-$k.console.log" >>"$res/series.console.log"
	done
	[ ${#bad[@]} = 0 ] || main_status=$(printf '%s; ' "${bad[@]}")
	main_status=${main_status%; }
fi

parse() {
	python3 "$TOP/scripts/mm-selftests-tap.py" --out "$res" --progs "$progs" \
		--build-failed "${build_failed[*]}" --series-console "$res/series.console.log" \
		--series-status "$main_status" --series-secs "$main_secs" \
		--base-console "$res/base.console.log" --base-status "$base_status" --base-secs "$base_secs" \
		--ptimeout "$ptimeout" --accel "$accel" --wall "$((SECONDS - wall0))" "$@"
}

# 4. The base kernel, for both-path failures and BASE_PROGS.
base_status="not run"
bprogs=()
base_secs=0
rm -f "$res/base.console.log"
if [ "$base_run" = 1 ]; then
	again=$(parse --both-failed)
	for p in $base_progs $again; do
		case " ${built[*]} " in *" $p "*) ;; *) continue ;; esac
		case " ${bprogs[*]:-} " in *" $p "*) ;; *) bprogs+=("$p") ;; esac
	done
	if [ ${#bprogs[@]} -gt 0 ]; then
		log "on the base kernel${BASE_REV:+ (BASE_REV=$BASE_REV)}: ${bprogs[*]}"
		btree=$WORK/mmst-base
		worktree_at "$KTREE" "$btree" "${BASE_REV:-base}"
		# The same options, less the series' own.
		grep -vE '^CONFIG_(ZAP_KUNIT_TEST|ZAP_KUNIT_BENCH|MM_ZAP_RUST|RUST)=' "$kunitconfig" \
			>"$res/base.kunitconfig"
		if ! build_kernel "$btree" "$base_build" "${res#"$WORK"/results/}/build-base" "" "$res/base.kunitconfig" "$fragment"; then
			base_status="not run: BUILD=0 and no base kernel in $base_build"
			warn "$base_status"
		else
			mkdir -p "$res/guest-base"
			mkdisks "$res/guest-base"
			mkinitramfs "$res/guest-base" base "${bprogs[@]}"
			boot base "$res/guest-base" "$base_build/arch/x86/boot/bzImage" ${#bprogs[@]} 1
			base_status=$boot_status
			base_secs=$boot_secs
		fi
	fi
fi

# One console.log: the series' boots, then the base's.
{
	cat "$res/series.console.log"
	if [ -e "$res/base.console.log" ]; then
		echo "==== base kernel ===="
		cat "$res/base.console.log"
	fi
} >"$res/console.log"
# The disk images are large and recreated each run.
rm -f "$res"/guest-*/swap.img "$res"/guest-*/ext4.img
parse

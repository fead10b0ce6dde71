#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the initramfs scripts/mm-selftests.sh builds (busybox sh).
#
# Runs every program of /mmst/progs.list ("name arg..." a line) on the
# kernel MMST_PATHS (/mmst/run.conf) names (C, Rust or base), restoring the
# hugetlb pool, THP settings and swap before each run. Everything the host
# parses is on the console between marker lines that start with "MMST ":
#   MMST FACT <what> <value...>         what the guest offers, once
#   MMST POOL <prog> <path> ...         the hugetlb pool before the run
#   MMST PATH <prog> <path> <0|1|->     1: the kernel has Rust's zap
#                                       decisions (zap_verdicts_for in
#                                       /proc/kallsyms), 0: it has not
#   MMST BEGIN <prog> <path>            the program's output follows
#   MMST END <prog> <path> rc=<n> cs=<centiseconds>
#   MMST DMESG <prog> <path> / MMST DMESG-END   kernel messages of the run
#   MMST DONE
# The kernel logs to the ring buffer only while a program runs, so that
# its messages cannot split a TAP line; they are printed after the run.

/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp /run /mnt/ext4
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/shm /dev/pts /dev/hugepages
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug
mount -t hugetlbfs none /dev/hugepages || echo "MMST FACT hugetlbfs not mounted"
. /mmst/run.conf

say() { echo "MMST $*"; }
fact() { say FACT "$@"; }

# Facilities, as the guest sees them.
for n in /sys/devices/system/node/node*; do
	[ -d "$n" ] || continue
	fact node "${n##*/}" cpus="$(cat "$n/cpulist")" \
		"$(awk '/MemTotal/ { print "mem_kb=" $4 }' "$n/meminfo")"
done
fact cpus "$(grep -c ^processor /proc/cpuinfo)"
if swapon /dev/vda 2>/dev/null; then :; else fact error "swapon /dev/vda failed"; fi
awk 'NR > 1 { print "MMST FACT swap " $1 " size_kb=" $3 }' /proc/swaps
if mount -t ext4 /dev/vdb /mnt/ext4 2>/dev/null; then
	fact ext4 /mnt/ext4
else
	fact error "mount /dev/vdb on /mnt/ext4 failed"
fi
echo "$MMST_HUGEPAGES" >/proc/sys/vm/nr_hugepages
awk '/^HugePages_Total|^HugePages_Free|^Hugepagesize/ { sub(":", ""); print "MMST FACT hugetlb " $1 " " $2 }' /proc/meminfo
thp=/sys/kernel/mm/transparent_hugepage
for f in enabled defrag shmem_enabled; do
	[ -r "$thp/$f" ] && fact thp "$f" "$(cat "$thp/$f")"
done
# Which decisions this kernel has: the Rust kernel exports zap_verdicts_for.
if grep -q ' zap_verdicts_for$' /proc/kallsyms; then rust=1; else rust=0; fi
fact rust_decisions "$rust"
fact cmdline "$(cat /proc/cmdline)"
fact kernel "$(uname -r)"

# THP and khugepaged as the boot left them, to put back before each run.
thp_files="enabled defrag shmem_enabled use_zero_page khugepaged/defrag
khugepaged/max_ptes_none khugepaged/max_ptes_swap khugepaged/max_ptes_shared
khugepaged/pages_to_scan khugepaged/scan_sleep_millisecs
khugepaged/alloc_sleep_millisecs"
mkdir -p /run/thp
for f in $thp_files; do
	[ -r "$thp/$f" ] || continue
	# "always [madvise] never" -> "madvise"
	v=$(sed -n 's/.*\[\(.*\)\].*/\1/p' "$thp/$f")
	[ -n "$v" ] || v=$(cat "$thp/$f")
	echo "$v" >"/run/thp/$(echo "$f" | tr / _)"
done

restore() {
	for f in $thp_files; do
		s=/run/thp/$(echo "$f" | tr / _)
		[ -r "$s" ] && cat "$s" >"$thp/$f" 2>/dev/null
	done
	for h in /sys/kernel/mm/transparent_hugepage/hugepages-*kB/enabled; do
		[ -w "$h" ] && echo inherit >"$h" 2>/dev/null
	done
	# Swap back everything and start with an empty swap device.
	swapoff -a 2>/dev/null
	swapon /dev/vda 2>/dev/null
	# An empty then refilled pool: pages poisoned or leaked by the last
	# program are replaced.
	echo 0 >/proc/sys/vm/nr_overcommit_hugepages
	echo 0 >/proc/sys/vm/nr_hugepages
	echo "$MMST_HUGEPAGES" >/proc/sys/vm/nr_hugepages
	sync
	echo 3 >/proc/sys/vm/drop_caches
	echo 1 >/proc/sys/vm/compact_memory 2>/dev/null
	rm -rf /mnt/ext4/* /tmp/* 2>/dev/null
}

# Programs run from the ext4 filesystem, so that the files they create in
# their working directory are on a real filesystem (not tmpfs).
rundir=/mmst
grep -q ' /mnt/ext4 ext4 ' /proc/mounts && rundir=/mnt/ext4

uptime_cs() { awk '{ split($1, a, "."); print a[1] * 100 + a[2] }' /proc/uptime; }

dmesg -c >/dev/null
while read -r prog args; do
	case $prog in "" | "#"*) continue ;; esac
	for path in $MMST_PATHS; do
		restore
		say POOL "$prog" "$path" "$(awk '/^HugePages_Total|^HugePages_Free|^HugePages_Surp|^HardwareCorrupted|^SwapFree|^MemFree/ { sub(":", ""); printf "%s=%s ", $1, $2 }' /proc/meminfo)"
		case $path in
		C) want=0 ;;
		Rust) want=1 ;;
		*) want= ;;
		esac
		got=-
		[ -z "$want" ] || got=$rust
		say PATH "$prog" "$path" "$got"
		cd "$rundir"
		[ "$rundir" = /mmst ] || cp "/mmst/$prog" "$rundir/" 2>/dev/null
		if [ ! -x "$rundir/$prog" ]; then
			say BEGIN "$prog" "$path"
			say END "$prog" "$path" rc=127 cs=0
			continue
		fi
		echo 1 >/proc/sys/kernel/printk
		say BEGIN "$prog" "$path"
		t0=$(uptime_cs)
		# shellcheck disable=SC2086
		timeout -s KILL "$MMST_PTIMEOUT" "./$prog" $args </dev/null 2>&1
		rc=$?
		t1=$(uptime_cs)
		say END "$prog" "$path" rc=$rc cs=$((t1 - t0))
		echo 7 >/proc/sys/kernel/printk
		say DMESG "$prog" "$path"
		dmesg -c
		say DMESG-END
	done
done </mmst/progs.list
say POOL end end "$(awk '/^HugePages_Total|^HugePages_Free|^HardwareCorrupted/ { sub(":", ""); printf "%s=%s ", $1, $2 }' /proc/meminfo)"
say DONE
sync
reboot -f

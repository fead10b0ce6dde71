# SPDX-License-Identifier: GPL-2.0
# Common helpers for the harness scripts. Sourced, never run.
#
# Sourcing it defines functions and nothing else; every script then calls
# harness_init, which sets the defaults and checks every knob before the
# script does any work (see check_knobs below and README.md, "Knobs").

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../base.conf
. "$TOP/base.conf"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Paths given as knobs become absolute, relative to the directory the
# command was started from (for make, the harness's top directory):
# kunit.py and git -C change directory, and a relative path would then
# name something else.
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s\n' "$PWD/${1#./}" ;;
	esac
}

# check_knobs: refuse a bad value of any knob before anything is done,
# saying what is allowed.
bad_knob() { die "$1='$2' is not allowed: $3 (nothing was done)"; }
check_knobs() {
	local v
	if [ -n "${TIMEOUT+x}" ]; then
		[[ $TIMEOUT =~ ^[1-9][0-9]{0,5}$ ]] ||
			bad_knob TIMEOUT "$TIMEOUT" "give the QEMU run limit in whole seconds, 1 to 999999"
	fi
	if [ -n "${GRACE+x}" ]; then
		[[ $GRACE =~ ^[0-9]{1,5}$ ]] || bad_knob GRACE "$GRACE" "give whole seconds, 0 to 99999"
	fi
	case ${ACCEL:-} in
	"" | kvm | tcg) ;;
	*) bad_knob ACCEL "$ACCEL" "use ACCEL=kvm or ACCEL=tcg, or leave it unset to detect" ;;
	esac
	[[ $JOBS =~ ^[1-9][0-9]{0,3}$ ]] || bad_knob JOBS "$JOBS" "give a number of parallel jobs, 1 or more"
	[[ $LLVM_SUFFIX =~ ^(-[0-9]+)?$ ]] ||
		bad_knob LLVM_SUFFIX "$LLVM_SUFFIX" "use a version suffix such as -19, or LLVM_SUFFIX= (empty) for unsuffixed clang"
	case ${STEP:-all} in
	build | exec | all) ;;
	*) bad_knob STEP "$STEP" "use build, exec or all" ;;
	esac
	for v in ${KCONFIG_ADD:-}; do
		[[ $v =~ ^CONFIG_[A-Za-z0-9_]+=.+$ ]] ||
			bad_knob KCONFIG_ADD "$KCONFIG_ADD" "give space-separated CONFIG_NAME=value words ('$v' is not one)"
	done
	if [ -n "${MIRROR:-}" ]; then
		[[ $MIRROR =~ ^(https?|ftp|file)://[^[:space:]]+$ ]] ||
			bad_knob MIRROR "$MIRROR" "give the URI of a Debian mirror, as in an apt sources file (http://.../debian)"
	fi
	if [ -n "${BRANCH:-}" ] && command -v git >/dev/null 2>&1; then
		git check-ref-format --branch "$BRANCH" >/dev/null 2>&1 ||
			bad_knob BRANCH "$BRANCH" "give a valid git branch name"
	fi
	if [ -n "${KERNEL:-}" ] && [ ! -d "$KERNEL" ]; then
		bad_knob KERNEL "$KERNEL" "give the directory of your kernel git tree"
	fi
	if [ -n "${BASE_DEB:-}" ] && [ ! -f "$BASE_DEB" ]; then
		bad_knob BASE_DEB "$BASE_DEB" "give the path of an already downloaded ${BASE_PKG}_${BASE_VERSION}_all.deb"
	fi
	if [ -n "${APT_LOCK_TIMEOUT+x}" ]; then
		[[ $APT_LOCK_TIMEOUT =~ ^[0-9]{1,5}$ ]] ||
			bad_knob APT_LOCK_TIMEOUT "$APT_LOCK_TIMEOUT" "give whole seconds"
	fi
	return 0
}
# need TOOL HOW: fail with a message naming the tool and how to get it.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found; $2"
}

# mirror_uri: the Debian mirror this machine's own apt configuration names,
# or MIRROR= if given. Vendor sources (Docker, VS Code, ...) can sort before
# Debian's: a stanza counts only if it is signed by Debian's archive keyring,
# or, lacking any Signed-By, has a bookworm suite with component main.
# Security suites never count. APT_ETC (default /etc/apt) is for tests.
mirror_uri() {
	if [ -n "${MIRROR:-}" ]; then
		printf '%s\n' "${MIRROR%/}"
		return 0
	fi
	local etc=${APT_ETC:-/etc/apt} f uri
	local files=()
	[ -r "$etc/sources.list.d/debian.sources" ] && files+=("$etc/sources.list.d/debian.sources")
	for f in "$etc"/sources.list.d/*.sources "$etc/sources.list" "$etc"/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		[ "$f" = "$etc/sources.list.d/debian.sources" ] && continue
		files+=("$f")
	done
	uri=""
	if [ ${#files[@]} -gt 0 ]; then
		uri=$(awk '
		function consider(types, uris, suites, comps, signed,   prio, n, i, s, u) {
			if (types !~ /(^|[ \t])deb([ \t]|$)/) return
			if (suites ~ /security/ || uris ~ /security/) return
			if (signed ~ /debian-archive-keyring/) prio = 1
			else if (signed == "" && suites ~ /(^|[ \t])bookworm(-updates|-backports)?([ \t]|$)/ &&
				 comps ~ /(^|[ \t])main([ \t]|$)/) prio = 2
			else return
			split(uris, u, /[ \t]+/)
			for (i = 1; i in u; i++) if (u[i] != "") { printf "%d %06d %s\n", prio, NR, u[i]; return }
		}
		function flush() {
			if (have && enabled != "no") consider(types, uris, suites, comps, signed)
			have = 0; types = uris = suites = comps = signed = ""; enabled = "yes"
		}
		FNR == 1 { flush(); deb822 = (FILENAME ~ /\.sources$/) }
		deb822 {
			if ($0 ~ /^[ \t]*$/) { flush(); next }
			if ($0 ~ /^#/) next
			if (match($0, /^[A-Za-z-]+:/)) {
				key = tolower(substr($0, 1, RLENGTH - 1)); val = substr($0, RLENGTH + 1)
				gsub(/^[ \t]+|[ \t]+$/, "", val); have = 1
				if (key == "types") types = val
				else if (key == "uris") uris = val
				else if (key == "suites") suites = val
				else if (key == "components") comps = val
				else if (key == "signed-by") signed = val
				else if (key == "enabled") enabled = tolower(val)
			}
			next
		}
		$1 == "deb" {
			opts = ""; i = 2
			if ($2 ~ /^\[/) { while (i <= NF) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } i++ } }
			s = ""; c = ""
			if (opts ~ /signed-by=/) { s = opts; sub(/.*signed-by=/, "", s); sub(/[ \]].*/, "", s) }
			for (j = i + 2; j <= NF; j++) c = c " " $j
			consider("deb", $i, $(i + 1), c, s)
		}
		END { flush() }' "${files[@]}" | sort -s -k1,1n -k2,2n | awk 'NR == 1 { print $3 }')
	fi
	[ -n "$uri" ] || die "no Debian mirror in $etc/sources.list.d/*.sources, $etc/sources.list.d/*.list or $etc/sources.list (looked for one signed by debian-archive-keyring.gpg, or a bookworm ... main entry); give one with MIRROR=http://.../debian"
	printf '%s\n' "${uri%/}"
}

# apt_private NAME SUITE...: a private apt configuration under
# $WORK/apt/NAME for the machine's own mirror, leaving the system's lists
# alone. Prints the options to pass to apt-get, one per line.
apt_private() {
	local name=$1 dir uri suite
	shift
	dir=$WORK/apt/$name
	uri=$(mirror_uri) || exit 1
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	: >"$dir/sources.list"
	for suite in "$@"; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" \
			>>"$dir/sources.list"
	done
	printf '%s\n' -o "Dir::Etc::SourceList=$dir/sources.list" \
		-o "Dir::Etc::SourceParts=-" \
		-o "Dir::State::Lists=$dir/lists" \
		-o "Dir::Cache=$dir/cache" \
		-o "APT::Get::List-Cleanup=0" \
		-o "APT::Sandbox::User=root" \
		-o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT:-600}"
}

# The series, in order (the cover letter is not a patch).
series() {
	local f
	for f in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$f" ] || continue
		case $f in */0000-cover-letter.patch) continue ;; esac
		printf '%s\n' "$f"
	done
}

# git_lock: serialise commands that change the harness's git repository
# (apply, export), so that two of them started at once cannot collide.
git_lock() {
	mkdir -p "$WORK"
	exec 9>"$WORK/git.lock"
	flock -w "${LOCK_WAIT:-600}" 9 ||
		die "another harness command has held $WORK/git.lock for ${LOCK_WAIT:-600} s; is one still running?"
}

# What the harness creates outside its own work directory (worktrees and
# branches in a KERNEL= tree) is listed in $STATE, one tab-separated line
# each: KIND REPO WHAT TIP. 'make distclean' reads it.
record_created() {
	mkdir -p "$WORK"
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" >>"$STATE"
}

# same_repo A B: true if git directories A and B share one repository.
same_repo() {
	local a b
	a=$(cd "$1" 2>/dev/null && cd "$(git rev-parse --git-common-dir 2>/dev/null)" 2>/dev/null && pwd -P) || return 1
	b=$(cd "$2" 2>/dev/null && cd "$(git rev-parse --git-common-dir 2>/dev/null)" 2>/dev/null && pwd -P) || return 1
	[ "$a" = "$b" ]
}

# fresh_worktree REPO TREE: remove whatever a previous run left at TREE
# (a worktree of REPO, or a leftover directory under $WORK), so that a new
# worktree can be added there. Anything else at TREE is refused.
fresh_worktree() {
	local repo=$1 tree=$2
	if [ -e "$tree" ]; then
		if [ -e "$tree/.git" ] && [ ! -d "$tree/.git" ] && same_repo "$repo" "$tree"; then
			git -C "$repo" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
		else
			case $tree/ in
			"$WORK"/*/) log "removing the leftover $tree (not a worktree of $repo)"; rm -rf "$tree" ;;
			*) die "$tree exists and is not a worktree of $repo; remove it or choose another TREE= (nothing was changed)" ;;
			esac
		fi
	fi
	git -C "$repo" worktree prune
}

# worktree_at REPO DIR REV: DIR becomes a detached worktree of REPO at REV.
# A worktree of REPO already there is moved to REV in place, so that files
# that did not change keep their times and builds in it stay incremental; a
# worktree of another repository (another KERNEL=, a re-fetched work/linux)
# is removed from that repository first, never reused.
worktree_at() {
	local repo=$1 dir=$2 rev=$3 other
	git -C "$repo" rev-parse -q --verify "$rev^{commit}" >/dev/null ||
		die "no commit '$rev' in $repo"
	if [ -e "$dir/.git" ] && same_repo "$repo" "$dir"; then
		git -C "$dir" checkout -q --detach "$rev" ||
			die "could not move $dir to $rev (local changes? remove $dir)"
		return 0
	fi
	if [ -e "$dir/.git" ]; then
		other=$(git -C "$dir" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || other=""
		log "$dir belongs to another tree; replacing it with a worktree of $repo"
		[ -z "$other" ] || git --git-dir="$other" worktree remove --force "$dir" 2>/dev/null || true
		[ -z "$other" ] || git --git-dir="$other" worktree prune 2>/dev/null || true
	fi
	fresh_worktree "$repo" "$dir"
	git -C "$repo" worktree add -q --detach "$dir" "$rev" >/dev/null ||
		die "could not add a worktree of $repo at $dir"
}

# build_lock_check: die, before any build starts, when the lock cannot be
# opened for writing (a lock file another user created, say).
build_lock_check() {
	[ -z "${KBUILD_LOCK_HELD:-}" ] || return 0
	mkdir -p "${KBUILD_LOCK%/*}" 2>/dev/null && : 2>/dev/null >>"$KBUILD_LOCK" ||
		die "cannot open the kernel-build lock $KBUILD_LOCK for writing; fix its owner, or give KBUILD_LOCK=<a writable file>"
}
# build_locked CMD...: run CMD holding the kernel-build lock. Two cores
# take one kernel build at a time, whichever verb or WORK= started it, so
# the lock lives in this checkout ($TOP/work), not in WORK. A command run
# under the lock that builds again (debug.sh -> kunit.sh) does not wait for
# itself.
build_locked() {
	local rc=0
	if [ -n "${KBUILD_LOCK_HELD:-}" ]; then
		"$@"
		return
	fi
	build_lock_check
	# Says it waits only when it does: the lock is tried first.
	(
		exec 7>>"$KBUILD_LOCK"
		if ! flock -n 7; then
			log "waiting for the kernel-build lock $KBUILD_LOCK"
			flock -w "${KBUILD_LOCK_WAIT:-7200}" 7 || exit 75
		fi
		KBUILD_LOCK_HELD=1 "$@"
	) || rc=$?
	[ $rc != 75 ] ||
		die "another kernel build has held $KBUILD_LOCK for ${KBUILD_LOCK_WAIT:-7200} s; is it still running?"
	return $rc
}

# hold_build_lock: take the kernel-build lock for the rest of the script
# (for scripts that run many makes, or run them in parallel themselves).
hold_build_lock() {
	[ -z "${KBUILD_LOCK_HELD:-}" ] || return 0
	build_lock_check
	exec 7>>"$KBUILD_LOCK"
	if ! flock -n 7; then
		log "waiting for the kernel-build lock $KBUILD_LOCK"
		flock -w "${KBUILD_LOCK_WAIT:-7200}" 7 ||
			die "another kernel build has held $KBUILD_LOCK for ${KBUILD_LOCK_WAIT:-7200} s; is it still running?"
	fi
	export KBUILD_LOCK_HELD=1
}

# detect_accel: choose QEMU's accelerator (ACCEL= forces one) and set
# $accel (kvm or tcg) and $wrap (a command prefix, possibly empty, to run
# QEMU or kunit.py under). KVM_DEV and CPUINFO stand in for /dev/kvm and
# /proc/cpuinfo in tests.
detect_accel() {
	# kunit.py always asks QEMU for KVM first, then TCG. QEMU falls back to
	# TCG by itself when it cannot open /dev/kvm; but where /dev/kvm opens and
	# the CPU offers no virtualisation, QEMU hangs instead of falling back. Then
	# hide /dev/kvm in a private mount namespace: as root with unshare -m, as
	# another user with unshare -rm (a user namespace) where the system allows it.
	local hide join_kvm kvm_dev cpuinfo
	kvm_dev=${KVM_DEV:-/dev/kvm}
	cpuinfo=${CPUINFO:-/proc/cpuinfo}
	kvm_present() { [ -e "$kvm_dev" ]; }
	kvm_openable() { [ -r "$kvm_dev" ] && [ -w "$kvm_dev" ]; }
	cpu_virt() { grep -qwE 'vmx|svm' "$cpuinfo" 2>/dev/null; }
	join_kvm="join group kvm ('sudo adduser $(id -un 2>/dev/null || echo "\$USER") kvm', then log in again)"
	accel=${ACCEL:-}
	if [ -z "$accel" ]; then
		if kvm_present && kvm_openable && cpu_virt; then accel=kvm; else accel=tcg; fi
		if [ $accel = tcg ] && kvm_present && ! kvm_openable && cpu_virt; then
			warn "this CPU has KVM, but $(id -un 2>/dev/null || echo you) cannot open $kvm_dev, so QEMU runs without it (TCG, slower); to use KVM, $join_kvm"
		fi
	fi
	if [ $accel = kvm ]; then
		kvm_present || die "ACCEL=kvm, but there is no $kvm_dev on this host; use ACCEL=tcg"
		kvm_openable || die "ACCEL=kvm, but $(id -un 2>/dev/null || echo you) cannot open $kvm_dev; $join_kvm, or use ACCEL=tcg"
	fi
	wrap=()
	if [ "$accel" = tcg ] && kvm_present && kvm_openable; then
		hide='mount --bind /dev/null "$0" && shift && exec "$@"'
		if [ "$(id -u)" = 0 ]; then
			wrap=(unshare -m sh -c "$hide" "$kvm_dev" sh)
		elif unshare -rm sh -c 'mount --bind /dev/null "$0"' "$kvm_dev" >/dev/null 2>&1; then
			wrap=(unshare -rm sh -c "$hide" "$kvm_dev" sh)
		else
			die "$kvm_dev opens here but KVM does not work (no vmx/svm in $cpuinfo), and QEMU would hang on it; hiding it needs a private mount namespace, which this user cannot create (unshare -rm failed). Run as root, enable unprivileged user namespaces (then unshare -rm works), or, if KVM does work here, $join_kvm and set ACCEL=kvm"
		fi
	fi
}

# harness_init: the knobs' defaults, paths made absolute, every knob
# checked. Each script calls it once, right after sourcing this file.
harness_init() {
	local v
	# Kernel developers often export MAKEFLAGS=-jN. The scripts pass
	# -j$JOBS to every kernel make themselves; an inherited MAKEFLAGS (with
	# the parent's jobserver, which these scripts never see) would only
	# confuse those makes.
	unset MAKEFLAGS MFLAGS MAKELEVEL MAKE_TERMOUT MAKE_TERMERR
	for v in WORK KERNEL TREE BUILD_DIR SEED_FROM PATCHES BASE_DEB KUNITCONFIG OUT; do
		if [ -n "${!v:-}" ]; then
			printf -v "$v" '%s' "$(abspath "${!v}")"
			export "${v?}"
		fi
	done
	WORK=${WORK:-$TOP/work}
	# LLVM_SUFFIX: unset means -19 (Debian's clang-19); set and empty
	# selects the unsuffixed clang, ld.lld, ... (the kernel's LLVM=1).
	LLVM_SUFFIX=${LLVM_SUFFIX--19}
	LLVM_MAKE=${LLVM_SUFFIX:-1}
	JOBS=${JOBS:-$(nproc)}
	export PATH="$HOME/.cargo/bin:$PATH"
	check_knobs
	# The kernel tree the harness owns (or the user's, via KERNEL=).
	KTREE=${KERNEL:-$WORK/linux}
	BUILD_DIR=${BUILD_DIR:-$WORK/build}
	PATCHES=${PATCHES:-$TOP/patches}
	STATE=$WORK/created
	KBUILD_LOCK=${KBUILD_LOCK:-$TOP/work/.kbuild.lock}
	# Commits made by the harness carry a fixed committer and the author's
	# date, so the same series gives the same hashes (and patches) anywhere.
	export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-zap-rust RFC}"
	export GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-zap-rust@invalid}"
}

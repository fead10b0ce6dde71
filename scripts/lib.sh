# SPDX-License-Identifier: GPL-2.0
# Common helpers for the harness scripts. Sourced, never run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-$TOP/work}
# shellcheck source=../base.conf
. "$TOP/base.conf"

LLVM_SUFFIX=${LLVM_SUFFIX:--19}
JOBS=${JOBS:-$(nproc)}
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# need TOOL HOW: fail with a message naming the tool and how to get it.
need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "'$1' not found; $2"
}

# The kernel tree the harness owns (or the user's, via KERNEL=).
KTREE=${KERNEL:-$WORK/linux}
BUILD_DIR=${BUILD_DIR:-$WORK/build}

# mirror_uri: the Debian mirror this machine's own apt configuration names.
mirror_uri() {
	local f uri=""
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uri=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' "$f")
		[ -n "$uri" ] && break
	done
	if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
		uri=$(awk '$1 == "deb" && $0 !~ /security/ {
			for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
			/etc/apt/sources.list)
	fi
	[ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
	printf '%s\n' "$uri"
}

# apt_private NAME SUITE...: a private apt configuration under
# $WORK/apt/NAME for the machine's own mirror, leaving the system's lists
# alone. Prints the options to pass to apt-get, one per line.
apt_private() {
	local name=$1 dir uri suite
	shift
	dir=$WORK/apt/$name
	uri=$(mirror_uri)
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
		-o "APT::Sandbox::User=root"
}

# The series, in order (the cover letter is not a patch).
PATCHES=${PATCHES:-$TOP/patches}
series() {
	local f
	for f in "$PATCHES"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$f" ] || continue
		case $f in */0000-cover-letter.patch) continue ;; esac
		printf '%s\n' "$f"
	done
}

# Commits made by the harness carry a fixed committer and the author's
# date, so the same series gives the same hashes (and patches) anywhere.
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-zap-rust RFC}"
export GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-zap-rust@invalid}"

# git_lock: serialise commands that change the harness's git repository
# (apply, export), so that two of them started at once cannot collide.
git_lock() {
	mkdir -p "$WORK"
	exec 9>"$WORK/git.lock"
	flock -w 600 9 || die "another harness command has held $WORK/git.lock for 10 minutes"
}

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Fetch Debian's linux-source package, verify it against base.conf, and
# turn it into a git tree whose base commit is identical on every machine.
#
#   BASE_DEB=/path/to.deb   use this file instead of downloading (offline use)
#   MIRROR=<uri>            use this Debian mirror instead of the one apt names
#   FETCH_LOCK_WAIT=<s>     how long to wait for another fetch (default 1800)
. "$(dirname "$0")/lib.sh"
harness_init

deb=${BASE_DEB:-$WORK/dl/${BASE_PKG}_${BASE_VERSION//:/%3a}_all.deb}

# One fetch at a time: a second one waits, then finds the tree made.
mkdir -p "$WORK"
exec 8>"$WORK/fetch.lock"
flock -w "${FETCH_LOCK_WAIT:-1800}" 8 ||
	die "another 'make fetch' has held $WORK/fetch.lock for ${FETCH_LOCK_WAIT:-1800} s; is it still running?"

if [ -e "$WORK/linux" ] || [ -L "$WORK/linux" ]; then
	[ -e "$WORK/linux/.git" ] &&
		have=$(git -C "$WORK/linux" rev-parse -q --verify "refs/heads/$BASE_BRANCH" 2>/dev/null) ||
		die "$WORK/linux exists but is not a git tree with a branch '$BASE_BRANCH'; move it away and rerun (nothing was changed)"
	if [ -z "$BASE_COMMIT" ] || [ "$have" = "$BASE_COMMIT" ]; then
		log "base tree present: $WORK/linux ($BASE_BRANCH = $have)"
		exit 0
	fi
	die "$WORK/linux has $BASE_BRANCH = $have, but base.conf pins $BASE_COMMIT; move $WORK/linux away and rerun"
fi

need dpkg-deb "install dpkg (Debian's package tool)"
need xz "run 'make deps' (package xz-utils)"
need git "run 'make deps' (package git)"

if [ ! -f "$deb" ]; then
	mkdir -p "$WORK/dl"
	o=$(apt_private base "$BASE_SUITE") || exit 1
	mapfile -t opts <<<"$o"
	log "apt-get update for $BASE_SUITE (private lists in $WORK/apt/base)"
	apt-get "${opts[@]}" -q update >"$WORK/apt/base/update.log" 2>&1 ||
		{ tail -n 20 "$WORK/apt/base/update.log" >&2; die "apt-get update for $BASE_SUITE failed"; }
	log "apt-get download $BASE_PKG=$BASE_VERSION"
	(cd "$WORK/dl" && apt-get "${opts[@]}" -q download "$BASE_PKG=$BASE_VERSION") ||
		die "could not download $BASE_PKG=$BASE_VERSION from $(mirror_uri) ($BASE_SUITE)"
	[ -f "$deb" ] || die "apt-get download did not produce $deb"
fi

[ -n "$BASE_DEB_SHA256" ] || die "base.conf has no BASE_DEB_SHA256; the .deb's is $(sha256sum "$deb" | cut -d' ' -f1)"
sum=$(sha256sum "$deb" | cut -d' ' -f1)
if [ "$sum" != "$BASE_DEB_SHA256" ]; then
	die "checksum mismatch for $deb:
  expected $BASE_DEB_SHA256 (base.conf)
  got      $sum
refusing to use it; nothing was unpacked. Remove the file to download it again."
fi
log "verified $(basename "$deb") (sha256 $sum)"

src=$WORK/linux.tmp
rm -rf "$src"
mkdir -p "$src"
log "unpacking $BASE_TARBALL"
dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$BASE_TARBALL" | tar -xJ -C "$src" --strip-components=1 ||
	{ rm -rf "$src"; die "could not unpack $BASE_TARBALL from $deb"; }
[ -f "$src/Makefile" ] && [ -f "$src/tools/testing/kunit/kunit.py" ] ||
	{ rm -rf "$src"; die "$deb did not contain a kernel tree"; }

# Debian's tree ends .gitignore with a packaging block that ignores every
# top-level path but debian/. Left in, git would silently ignore new files.
python3 - "$src/.gitignore" <<'PY'
import sys
p = sys.argv[1]
lines = open(p).read().split('\n')
try:
    i = next(i for i, l in enumerate(lines) if l == '/*')
except StopIteration:
    sys.exit(0)
# Drop the block: the comment lines just above '/*' and everything after it.
j = i
while j > 0 and lines[j - 1].startswith('#'):
    j -= 1
while j > 0 and lines[j - 1] == '':
    j -= 1
open(p, 'w').write('\n'.join(lines[:j]) + '\n')
PY

log "creating the base commit (about a minute)"
export GIT_AUTHOR_NAME="$BASE_AUTHOR_NAME" GIT_AUTHOR_EMAIL="$BASE_AUTHOR_EMAIL"
export GIT_COMMITTER_NAME="$BASE_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$BASE_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="$BASE_DATE" GIT_COMMITTER_DATE="$BASE_DATE"
git -C "$src" init -q -b "$BASE_BRANCH"
git -C "$src" config core.autocrlf false
# Track exactly what the tarball holds. Debian's .gitignore ignores every
# dot-file (".*"), which would drop .kunitconfig, .rustfmt.toml and friends.
git -C "$src" add -A -f
git -C "$src" -c commit.gpgsign=false commit -q -m "Linux $BASE_VERSION as shipped in Debian's $BASE_PKG

Unpacked from $BASE_PKG $BASE_VERSION (sha256 $BASE_DEB_SHA256),
every file tracked, with the Debian packaging block at the end of
.gitignore removed."
have=$(git -C "$src" rev-parse HEAD)
if [ -n "$BASE_COMMIT" ] && [ "$have" != "$BASE_COMMIT" ]; then
	die "base commit is $have, base.conf pins $BASE_COMMIT; the tree in $src differs"
fi
git -C "$src" config user.name "${GIT_USER_NAME:-zap-rust RFC}"
git -C "$src" config user.email "${GIT_USER_EMAIL:-zap-rust@invalid}"
mv -T "$src" "$WORK/linux"
log "base tree: $WORK/linux, $BASE_BRANCH = $have ($(git -C "$WORK/linux" ls-files | wc -l) files)"

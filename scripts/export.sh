#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate patches/ from the work branch (or OUT=<dir> to write elsewhere).
#
# The output depends on the branch alone: the user's global and system git
# configuration (format.signOff, format.to, diff.noprefix, ...) is not read,
# and the options that could add lines are turned off explicitly.
. "$(dirname "$0")/lib.sh"
harness_init

git_lock
tree=${TREE:-$WORK/linux}
branch=${BRANCH:-$WORK_BRANCH}
out=${OUT:-$PATCHES}
git -C "$tree" rev-parse -q --verify "refs/heads/$branch" >/dev/null ||
	die "no branch $branch in $tree; run 'make apply' first"
base=$(git -C "$tree" rev-parse "$BASE_BRANCH")
n=$(git -C "$tree" rev-list --count "$base..$branch")
[ "$n" -gt 0 ] || die "branch $branch has no commits on top of $BASE_BRANCH"
git -C "$tree" config "branch.$branch.description" >/dev/null ||
	die "branch $branch has no description (the cover letter); set it with 'git branch --edit-description'"

tmp=$(mktemp -d "$WORK/export.XXXXXX")
# The cover letter is dated like the tip commit, so an export is repeatable.
date=$(git -C "$tree" log -1 --format=%aI "$branch")
if ! env -u GIT_EXTERNAL_DIFF -u GIT_DIFF_OPTS GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
	GIT_COMMITTER_DATE="$date" \
	git -C "$tree" -c core.abbrev=12 -c diff.noprefix=false -c diff.mnemonicPrefix=false \
	-c diff.relative=false -c format.signOff=false \
	format-patch -q --cover-letter --cover-from-description=subject \
	--subject-prefix="RFC PATCH${SERIES_VERSION:+ $SERIES_VERSION}" --base="$base" --no-signature --zero-commit \
	--no-signoff --no-to --no-cc --no-add-header --no-attach --no-thread --no-notes \
	-o "$tmp" "$base..$branch"; then
	rm -rf "$tmp"
	die "git format-patch failed"
fi
if grep -l '^Signed-off-by:' "$tmp"/*.patch >/dev/null; then
	rm -rf "$tmp"
	die "a commit of $branch carries a Signed-off-by line; the series leaves that to whoever posts it"
fi
if [ "$out" = "$PATCHES" ]; then
	rm -f "$out"/*.patch
fi
mkdir -p "$out"
mv "$tmp"/*.patch "$out"/
rmdir "$tmp"
log "exported $n patches and the cover letter to $out"

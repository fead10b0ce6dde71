#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate patches/ from the work branch (or OUT=<dir> to write elsewhere).
. "$(dirname "$0")/lib.sh"

git_lock
tree=${TREE:-$WORK/linux}
branch=${BRANCH:-$WORK_BRANCH}
out=${OUT:-$TOP/patches}
git -C "$tree" rev-parse -q --verify "refs/heads/$branch" >/dev/null ||
	die "no branch $branch in $tree; run 'make apply' first"
base=$(git -C "$tree" rev-parse "$BASE_BRANCH")
n=$(git -C "$tree" rev-list --count "$base..$branch")
[ "$n" -gt 0 ] || die "branch $branch has no commits on top of $BASE_BRANCH"
git -C "$tree" config "branch.$branch.description" >/dev/null ||
	die "branch $branch has no description (the cover letter); set it with 'git branch --edit-description'"

tmp=$(mktemp -d "$WORK/export.XXXXXX")
# The cover letter is dated like the tip commit, so an export is repeatable.
GIT_COMMITTER_DATE=$(git -C "$tree" log -1 --format=%aI "$branch") \
git -C "$tree" -c core.abbrev=12 format-patch -q --cover-letter \
	--cover-from-description=subject --subject-prefix="RFC PATCH" \
	--base="$base" --no-signature --zero-commit -o "$tmp" "$base..$branch" ||
	{ rm -rf "$tmp"; die "git format-patch failed"; }
if [ "$out" = "$TOP/patches" ]; then
	rm -f "$out"/*.patch
fi
mkdir -p "$out"
mv "$tmp"/*.patch "$out"/
rmdir "$tmp"
log "exported $n patches and the cover letter to $out"

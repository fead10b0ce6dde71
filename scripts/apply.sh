#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Apply patches/ with git am onto a fresh branch.
#
#   default        branch $WORK_BRANCH of the harness tree $WORK/linux, from $BASE_BRANCH;
#                  a previous $WORK_BRANCH that differs is kept as refs/backup/...
#   KERNEL=<tree>  a new branch in a new worktree of your kernel tree, from its HEAD
#                  (or START=<rev>); your checkout and branches are not touched.
#                  What is created is listed in $WORK/created ('make distclean').
#   TREE=<dir>, BRANCH=<name>, START=<rev>  apply into another worktree
. "$(dirname "$0")/lib.sh"
harness_init

need git "run 'make deps'"
git_lock
mapfile -t patches < <(series)
[ ${#patches[@]} -gt 0 ] || die "no patches in $PATCHES"

# git am must not depend on the user's git configuration: no Message-Id
# lines, no signing, no three-way fallback, no CR games.
am_opts=(--no-message-id --no-keep-cr --no-3way --no-gpg-sign --no-scissors --no-signoff
	--committer-date-is-author-date)

if [ -n "${KERNEL:-}" ]; then
	git -C "$KERNEL" rev-parse --git-dir >/dev/null 2>&1 || die "KERNEL=$KERNEL is not a git tree"
	start=${START:-HEAD}
	git -C "$KERNEL" rev-parse -q --verify "$start^{commit}" >/dev/null ||
		die "START=$start is not a commit of $KERNEL (nothing was changed)"
	for f in Makefile mm/memory.c tools/testing/kunit/kunit.py; do
		git -C "$KERNEL" cat-file -e "$start:$f" 2>/dev/null ||
			die "KERNEL=$KERNEL at $start is not a Linux kernel tree (no $f); nothing was changed"
	done
	branch=${BRANCH:-$WORK_BRANCH-$(date +%Y%m%d-%H%M%S)}
	tree=${TREE:-$WORK/kernel-$branch}
	git -C "$KERNEL" rev-parse -q --verify "refs/heads/$branch" >/dev/null &&
		die "branch $branch already exists in $KERNEL; pick another with BRANCH="
	[ ! -e "$tree" ] || die "$tree already exists; pick another TREE= or BRANCH= (nothing was changed)"
	git -C "$KERNEL" worktree add -q -b "$branch" "$tree" "$start" ||
		die "could not add a worktree for $branch at $tree"
	record_created worktree "$KERNEL" "$tree"
	record_created branch "$KERNEL" "$branch" "$(git -C "$tree" rev-parse HEAD)"
	log "worktree $tree, branch $branch from $start of $KERNEL"
	undo="to remove them: git -C '$KERNEL' worktree remove '$tree' && git -C '$KERNEL' branch -D '$branch' (or 'make distclean')"
else
	repo=$WORK/linux
	[ -d "$repo/.git" ] || die "no base tree at $repo; run 'make fetch' first"
	start=${START:-$BASE_BRANCH}
	branch=${BRANCH:-$WORK_BRANCH}
	tree=${TREE:-$repo}
	undo=""
	if [ "$tree" = "$repo" ]; then
		[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] ||
			die "$repo has uncommitted changes; commit or stash them first (nothing was changed)"
		if old=$(git -C "$repo" rev-parse -q --verify "refs/heads/$branch"); then
			if [ "$(git -C "$repo" rev-parse "$start")" != "$old" ]; then
				# Keep whatever was there: it may hold unexported work.
				bak=refs/backup/$branch-$(date +%Y%m%d-%H%M%S)
				git -C "$repo" update-ref "$bak" "$old"
				log "previous $branch kept as $bak"
			fi
		fi
		git -C "$repo" am --abort >/dev/null 2>&1 || true
		git -C "$repo" checkout -q -B "$branch" "$start"
	else
		# A fresh one: a tree left mid-'git am' must not be reused.
		fresh_worktree "$repo" "$tree"
		worktree_at "$repo" "$tree" "$start"
		git -C "$tree" checkout -q -B "$branch" "$start"
	fi
fi

i=0
for p in "${patches[@]}"; do
	i=$((i + 1))
	if ! out=$(git -C "$tree" am -q "${am_opts[@]}" "$p" 2>&1); then
		git -C "$tree" am --abort >/dev/null 2>&1 || true
		printf '%s\n' "$out" | tail -n 15 >&2
		[ -z "$undo" ] || { record_created branch "$KERNEL" "$branch" "$(git -C "$tree" rev-parse HEAD)"; log "$undo"; }
		die "patch $i/${#patches[@]} $(basename "$p") does not apply to $(git -C "$tree" rev-parse --short HEAD) ($tree); stopped, branch $branch holds the $((i - 1)) patches before it"
	fi
done

# The cover letter travels as the branch description (format-patch
# --cover-from-description reads it back).
cover=$PATCHES/0000-cover-letter.patch
if [ -f "$cover" ]; then
	desc=$(python3 "$TOP/scripts/cover.py" read "$cover") || die "could not read the cover letter $cover"
	git -C "$tree" config "branch.$branch.description" "$desc"
fi
log "applied ${#patches[@]} patches: $tree, branch $branch = $(git -C "$tree" rev-parse --short HEAD)"
[ -z "$undo" ] || { record_created branch "$KERNEL" "$branch" "$(git -C "$tree" rev-parse HEAD)"; log "$undo"; }

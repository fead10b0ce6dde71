#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Remove what the harness created, and nothing else:
#  - the worktrees and branches it added to your own kernel tree (KERNEL=),
#    as listed in $WORK/created; a branch is deleted only if it still points
#    where the harness left it, a worktree only if it has no uncommitted
#    change (else both are kept and named, and nothing is removed);
#  - its work directory $WORK (downloads, apt lists, work/linux with its
#    branches, refs/backup/ and worktrees, build trees, results).
# It does not uninstall the toolchain ('make deps' installs Debian
# packages, rustup components and bindgen-cli) and never touches patches/.
#
#   FORCE=1   remove the recorded worktrees and branches even if they hold
#             changes or commits made after the harness created them
. "$(dirname "$0")/lib.sh"
harness_init

need git "run 'make deps'"
[ -d "$WORK" ] || { log "nothing to remove: no $WORK"; exit 0; }
git_lock

# The last line about a worktree or branch is the one that counts.
declare -A wt=() br=()
if [ -f "$STATE" ]; then
	while IFS=$'\t' read -r kind repo what tip; do
		case $kind in
		worktree) wt["$repo"$'\t'"$what"]=1 ;;
		branch) br["$repo"$'\t'"$what"]=$tip ;;
		esac
	done <"$STATE"
fi
worktrees=()
branches=()
keep=()
for k in "${!wt[@]}"; do
	repo=${k%%$'\t'*} what=${k#*$'\t'}
	[ -e "$what" ] || continue
	if [ "${FORCE:-0}" != 1 ] && [ -n "$(git -C "$what" status --porcelain 2>/dev/null)" ]; then
		keep+=("worktree $what has uncommitted changes")
	fi
	worktrees+=("$k")
done
for k in "${!br[@]}"; do
	repo=${k%%$'\t'*} what=${k#*$'\t'} tip=${br[$k]}
	git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || continue
	now=$(git -C "$repo" rev-parse -q --verify "refs/heads/$what") || continue
	if [ "${FORCE:-0}" != 1 ] && [ -n "$tip" ] && [ "$now" != "$tip" ]; then
		keep+=("branch $what in $repo has moved since the harness made it ($(git -C "$repo" rev-parse --short "$tip") -> $(git -C "$repo" rev-parse --short "$now"))")
	fi
	branches+=("$k")
done
if [ ${#keep[@]} -gt 0 ]; then
	printf '  %s\n' "${keep[@]}" >&2
	die "these may hold your work; commit or save it elsewhere, remove them yourself, or run 'make distclean FORCE=1'. Nothing was removed."
fi

for w in ${worktrees[@]+"${worktrees[@]}"}; do
	repo=${w%%$'\t'*} tree=${w#*$'\t'}
	log "removing worktree $tree of $repo"
	git -C "$repo" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
	git -C "$repo" worktree prune
done
for b in ${branches[@]+"${branches[@]}"}; do
	repo=${b%%$'\t'*} name=${b#*$'\t'}
	log "deleting branch $name of $repo"
	git -C "$repo" branch -q -D "$name" || warn "could not delete branch $name of $repo (checked out somewhere?)"
done

if [ "$WORK" = "$TOP/work" ]; then
	log "removing $WORK"
	rm -rf "$WORK"
else
	# A WORK= of the user's choosing may hold other things: remove only
	# what the harness puts there.
	log "removing the harness's files in $WORK"
	(cd "$WORK" && rm -rf apt dl linux linux.tmp check disasm roundtrip roundtrip-tree results \
		matrix matrix-tree bench tests build build-* kernel-* export.* created cover.txt \
		git.lock fetch.lock)
	rmdir "$WORK" 2>/dev/null || log "kept $WORK: it holds files the harness did not make"
fi
log "distclean done"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compare the instructions of mm/memory.o at two commits, built with
# CONFIG_MM_ZAP_RUST=n: past its C patches at the front, the series must
# leave the C zap path as it was.
#
#   disasm.sh [OLD [NEW]]   (default: the front C patches and the series tip)
#
# OLD empty or "fixes": the last of the leading run of commits of the
# series (after the branch $BASE_BRANCH, else the base commit) that either
# carry a "Fixes:" trailer (the C fixes that go to stable on their own) or
# change nothing but C files directly under mm/ (a change to the zap loop
# that both kernels carry); the base itself if the series starts with
# neither.
#
# Both are built in one worktree of their own, from x86_64_defconfig plus
# the series' kunitconfig with the tests and the Rust option off, twice:
# with TRANSPARENT_HUGEPAGE off (x86_64_defconfig's choice) and on (the
# kunitconfig's). In both, the disassembly of .text (instructions, and the
# symbols of their relocations; not the addresses of the object) must be
# identical. Line number tables and other sections may differ. Writes the
# listings and their diffs to $WORK/results/disasm/ (old.s, new.s, diff;
# old-thp.s, new-thp.s, diff-thp).
. "$(dirname "$0")/lib.sh"
harness_init

old=${1:-fixes}
new=${2:-$WORK_BRANCH}
src=$WORK/disasm
out=$WORK/build-disasm
out_thp=$WORK/build-disasm-thp
res=$WORK/results/disasm
objdump=llvm-objdump$LLVM_SUFFIX
need "$objdump" "run 'make deps' (Debian package llvm${LLVM_SUFFIX})"
need make "run 'make deps'"
[ -e "$KTREE/.git" ] || die "no kernel tree at $KTREE (run 'make apply')"
new=$(git -C "$KTREE" rev-parse --verify -q "$new^{commit}") || die "no commit '${2:-$WORK_BRANCH}' in $KTREE"
if [ "$old" = fixes ]; then
	# The leading run of fixes and C-only changes to mm/.
	old=$(git -C "$KTREE" rev-parse --verify -q "refs/heads/$BASE_BRANCH^{commit}") ||
		old=$(git -C "$KTREE" rev-parse --verify -q "$BASE_COMMIT^{commit}") ||
		die "no branch $BASE_BRANCH and no base commit $BASE_COMMIT in $KTREE (run 'make fetch')"
	for c in $(git -C "$KTREE" rev-list --reverse "$old..$new"); do
		if ! git -C "$KTREE" log -1 --format=%B "$c" | grep -q '^Fixes: [0-9a-f]\{12\}'; then
			git -C "$KTREE" diff-tree --no-commit-id --name-only -r "$c" |
				grep -qv '^mm/[^/]*\.c$' && break
		fi
		old=$c
	done
	log "comparing with $(git -C "$KTREE" log -1 --format='%h %s' "$old") (the series' front C patches end there)"
else
	old=$(git -C "$KTREE" rev-parse --verify -q "$old^{commit}") || die "no commit '$1' in $KTREE"
fi
mkdir -p "$res"

# One worktree of the tree being compared, at the new commit. A worktree
# left by another tree (another KERNEL=, or a re-fetched work/linux) is
# replaced, never reused, and so is the build made from it.
fresh=
if [ ! -e "$src" ] || ! same_repo "$KTREE" "$src"; then
	fresh=1
	git_lock
	rm -rf "$out"
fi
worktree_at "$KTREE" "$src" "$new"
[ -z "$fresh" ] || same_repo "$KTREE" "$WORK/linux" 2>/dev/null ||
	record_created worktree "$KTREE" "$src"
hold_build_lock

# The configuration comes from the new commit, whose kunitconfig exists; it
# is made again whenever the tree or the new commit changes. OUT gets it
# with THP off, OUT_THP with THP on.
stamp="$(cd "$KTREE" && git rev-parse --path-format=absolute --git-common-dir) $new"
mkconfig() { # mkconfig DIR -d|-e: the configuration, THP off (-d) or on (-e)
	local dir=$1 thp=$2
	[ -f "$dir/.config" ] && [ -f "$dir/disasm.config" ] &&
		[ "$(cat "$dir/disasm.for" 2>/dev/null)" = "$stamp THP$thp" ] && return 0
	rm -rf "$dir"
	mkdir -p "$dir"
	make -C "$src" -s O="$dir" LLVM="$LLVM_MAKE" x86_64_defconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$dir" "$dir/.config" \
		"$src/tools/testing/kunit/configs/mm_zap.config" >/dev/null
	"$src/scripts/config" --file "$dir/.config" -d RUST -d ZAP_KUNIT_TEST -d MM_ZAP_RUST \
		"$thp" TRANSPARENT_HUGEPAGE
	make -C "$src" -s O="$dir" LLVM="$LLVM_MAKE" olddefconfig
	cp "$dir/.config" "$dir/disasm.config"
	printf '%s\n' "$stamp THP$thp" >"$dir/disasm.for"
}
mkconfig "$out" -d
mkconfig "$out_thp" -e
# Where the configuration knows THP at all, it must be as asked.
if grep -q 'CONFIG_TRANSPARENT_HUGEPAGE[= ]' "$out_thp/disasm.config"; then
	grep -q '^CONFIG_TRANSPARENT_HUGEPAGE=y' "$out_thp/disasm.config" ||
		die "TRANSPARENT_HUGEPAGE did not stay on in $out_thp/disasm.config"
fi
! grep -q '^CONFIG_TRANSPARENT_HUGEPAGE=y' "$out/disasm.config" ||
	die "TRANSPARENT_HUGEPAGE did not stay off in $out/disasm.config"

# disasm COMMIT NAME DIR: build mm/memory.o at COMMIT in DIR, list it in
# $res/NAME.s. Symbols a commit does not know yet are dropped, new ones
# take their defaults (off, for the series' options), so both see the
# same config.
disasm() {
	local dir=$3
	git -C "$src" checkout -q --detach "$1"
	cp "$dir/disasm.config" "$dir/.config"
	make -C "$src" -s O="$dir" LLVM="$LLVM_MAKE" olddefconfig
	rm -f "$dir/mm/memory.o"
	log "building mm/memory.o at $(git -C "$src" log -1 --format='%h %s') ($2)"
	make -C "$src" -s O="$dir" LLVM="$LLVM_MAKE" -j"$JOBS" mm/memory.o \
		>"$res/$2.build.log" 2>&1 || {
		tail -n 20 "$res/$2.build.log" >&2
		die "building mm/memory.o at $1 failed (log: $res/$2.build.log)"
	}
	! grep -q '^CONFIG_MM_ZAP_RUST=y' "$dir/.config" ||
		die "CONFIG_MM_ZAP_RUST is not off in $dir/.config"
	"$objdump" -d -r --no-show-raw-insn -j .text "$dir/mm/memory.o" |
		sed -e '1,/^Disassembly/d' -e 's/^ *[0-9a-f]*:[[:space:]]*//' >"$res/$2.s"
}

disasm "$old" old "$out"
disasm "$new" new "$out"
disasm "$old" old-thp "$out_thp"
disasm "$new" new-thp "$out_thp"
for thp in "" -thp; do
	what="THP off"
	[ -z "$thp" ] || what="THP on"
	if ! diff -u "$res/old$thp.s" "$res/new$thp.s" >"$res/diff$thp"; then
		head -n 40 "$res/diff$thp" >&2
		die "mm/memory.o .text differs with CONFIG_MM_ZAP_RUST=n ($what); full diff in $res/diff$thp"
	fi
	log "$what: mm/memory.o .text identical: $(grep -c '>:$' "$res/new$thp.s") functions, $(grep -vc -e '>:$' -e '^$' -e 'R_X86_64' "$res/new$thp.s") instructions ($(git -C "$KTREE" log -1 --format=%h "$old") vs $(git -C "$KTREE" log -1 --format=%h "$new"))"
done

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compare the instructions of mm/memory.o at two commits, built with
# CONFIG_MM_ZAP_RUST=n: the series must leave the C zap path as it was.
#
#   disasm.sh [OLD [NEW]]   (default: the base commit and the series tip)
#
# Both are built in one worktree and build directory of their own, from
# x86_64_defconfig plus the series' kunitconfig with the tests and the Rust
# option off. The disassembly of .text (instructions and the symbols of
# their relocations, no addresses of the object) must be identical; line
# number tables and other sections may differ. Writes the two listings and
# their diff to $WORK/results/disasm/.
. "$(dirname "$0")/lib.sh"

old=${1:-$BASE_COMMIT}
new=${2:-$WORK_BRANCH}
src=$WORK/disasm
out=$WORK/build-disasm
res=$WORK/results/disasm
objdump=llvm-objdump$LLVM_SUFFIX
need "$objdump" "run 'make deps' (Debian package llvm${LLVM_SUFFIX})"
need make "run 'make deps'"
[ -e "$KTREE/.git" ] || die "no kernel tree at $KTREE (run 'make apply')"
old=$(git -C "$KTREE" rev-parse --verify -q "$old^{commit}") || die "no commit '${1:-$BASE_COMMIT}' in $KTREE"
new=$(git -C "$KTREE" rev-parse --verify -q "$new^{commit}") || die "no commit '${2:-$WORK_BRANCH}' in $KTREE"
mkdir -p "$res"

# One worktree of the tree being compared. A worktree left by another tree
# (another KERNEL=, or a re-fetched work/linux) is replaced, never reused.
if [ -e "$src" ] && ! same_repo "$KTREE" "$src"; then
	log "$src belongs to another tree; replacing it with a worktree of $KTREE"
	git_lock
	other=$(git -C "$src" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || other=""
	[ -z "$other" ] || git --git-dir="$other" worktree remove --force "$src" 2>/dev/null || true
	rm -rf "$src" "$out"
	[ -z "$other" ] || git --git-dir="$other" worktree prune 2>/dev/null || true
fi
if [ ! -e "$src" ]; then
	git_lock
	git -C "$KTREE" worktree prune
	git -C "$KTREE" worktree add -q --detach "$src" "$new" ||
		die "could not add a worktree of $KTREE at $src"
	same_repo "$KTREE" "$WORK/linux" 2>/dev/null ||
		record_created worktree "$KTREE" "$src"
fi

# The configuration comes from the new commit, whose kunitconfig exists; it
# is made again whenever the tree or the new commit changes.
git -C "$src" checkout -q --detach "$new"
stamp="$(cd "$KTREE" && git rev-parse --path-format=absolute --git-common-dir) $new"
if [ ! -f "$out/.config" ] || [ ! -f "$out/disasm.config" ] ||
	[ "$(cat "$out/disasm.for" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$out"
	mkdir -p "$out"
	make -C "$src" -s O="$out" LLVM="$LLVM_MAKE" x86_64_defconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
		"$src/tools/testing/kunit/configs/mm_zap.config" >/dev/null
	"$src/scripts/config" --file "$out/.config" -d RUST -d ZAP_KUNIT_TEST -d MM_ZAP_RUST
	make -C "$src" -s O="$out" LLVM="$LLVM_MAKE" olddefconfig
	cp "$out/.config" "$out/disasm.config"
	printf '%s\n' "$stamp" >"$out/disasm.for"
fi

# disasm COMMIT NAME: build mm/memory.o at COMMIT, list it in $res/NAME.s.
# Symbols a commit does not know yet are dropped, new ones take their
# defaults (off, for the series' options), so both see the same config.
disasm() {
	git -C "$src" checkout -q --detach "$1"
	cp "$out/disasm.config" "$out/.config"
	make -C "$src" -s O="$out" LLVM="$LLVM_MAKE" olddefconfig
	rm -f "$out/mm/memory.o"
	log "building mm/memory.o at $(git -C "$src" log -1 --format='%h %s')"
	make -C "$src" -s O="$out" LLVM="$LLVM_MAKE" -j"$JOBS" mm/memory.o \
		>"$res/$2.build.log" 2>&1 || {
		tail -n 20 "$res/$2.build.log" >&2
		die "building mm/memory.o at $1 failed (log: $res/$2.build.log)"
	}
	! grep -q '^CONFIG_MM_ZAP_RUST=y' "$out/.config" ||
		die "CONFIG_MM_ZAP_RUST is not off in $out/.config"
	"$objdump" -d -r --no-show-raw-insn -j .text "$out/mm/memory.o" |
		sed -e '1,/^Disassembly/d' -e 's/^ *[0-9a-f]*:[[:space:]]*//' >"$res/$2.s"
}

disasm "$old" old
disasm "$new" new
nfunc=$(grep -c '>:$' "$res/new.s")
ninsn=$(grep -vc -e '>:$' -e '^$' -e 'R_X86_64' "$res/new.s")
if diff -u "$res/old.s" "$res/new.s" >"$res/diff"; then
	log "mm/memory.o .text identical: $nfunc functions, $ninsn instructions ($(git -C "$KTREE" log -1 --format=%h "$old") vs $(git -C "$KTREE" log -1 --format=%h "$new"))"
	exit 0
fi
head -n 40 "$res/diff" >&2
die "mm/memory.o .text differs with CONFIG_MM_ZAP_RUST=n; full diff in $res/diff"

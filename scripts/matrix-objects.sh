# SPDX-License-Identifier: GPL-2.0
# The objects the build matrix compiles, whether a configuration enables
# each, and the patches its sparse rows are built at. Sourced by
# matrix.sh, and by selftest.sh's matrix-objects and matrix-sparse-patches
# cases, which run these functions on stub trees; build_inputs by the
# matrix-build-inputs case. They read:
#   tree         the kernel worktree, checked out at the commit to look at
#   touched      the files the series changes (git diff --name-only base..tip)
#   BASE_BRANCH  the base the series applies to
#
# Objects: every .c and .rs the series changes becomes its .o; a header
# the series changes leads to mm/memory.o and to the .c files including it
# that the series touches or that name an identifier the series adds to or
# removes from it (for a header new in the series: every includer). A file
# not present at the commit is skipped; rust/ is left to `make prepare`,
# and tools/ (selftests) is not part of a kernel build.

# fix_and_tip_patches COMMIT...: the positions (1-based) of the commits
# whose message has a Fixes: tag, and of the last one: where the matrix
# builds its sparse rows. Each fix is built alone because a stable tree
# takes it alone.
fix_and_tip_patches() {
	local i=0 c
	for c in "$@"; do
		i=$((i + 1))
		if [ $i = $# ] || git -C "$tree" log -1 --format=%B "$c" | grep -q '^Fixes: '; then
			echo $i
		fi
	done
}

# build_inputs COMMIT: a hash of the commit's tree without what no object
# build reads: Documentation/ (its Kconfig reaches a build only through
# .config, which the verdict's key holds), MAINTAINERS and tools/testing/
# (selftests, kunit.py and its configs; objtool and tools/include stay
# in). A patch that changes only those, as a selftest or a document
# does, keeps the verdicts of the patch before it.
build_inputs() {
	{
		git -C "$tree" ls-tree "$1" | grep -Pv '\t(Documentation|MAINTAINERS|tools)$'
		git -C "$tree" ls-tree "$1:tools" | grep -Pv '\ttesting$'
	} | sha256sum | cut -c1-40
}

# idents: identifiers of C code on stdin, comments dropped, one per line.
idents() {
	sed -e 's://.*$::' -e 's:/\*.*\*/::g' -e '/^[[:space:]]*\/\?\*/d' |
		grep -oE '\b[A-Za-z_][A-Za-z0-9_]{2,}\b' | sort -u
}
# header_users HEADER: the .c files (at the checked-out commit) the
# header leads to; see the top of this file.
# include_pat HEADER: an extended regex for `#include <...>` of HEADER
# (an include/ path).
include_pat() {
	local inc=${1#include/}
	printf '%s' "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]${inc//./\\.}[>\"]"
}
declare -A base_users
# users_at_base HEADER: into base_users[HEADER], the .c files of the base
# that include HEADER (an include/ path) and that the series does not
# touch. Call it in the shell that then runs objects (which runs in
# subshells), once per header: a git grep of the whole tree takes seconds.
users_at_base() {
	local h=$1
	base_users[$h]=$(git -C "$tree" grep -l -E "$(include_pat "$h")" "$BASE_BRANCH" -- '*.c' |
		sed "s|^$BASE_BRANCH:||" | grep -vxF -f <(printf '%s\n' "${touched[@]}") || true)
}
# objects_prime: users_at_base for every header under include/ that the
# base has and the series changes.
objects_prime() {
	local f
	for f in "${touched[@]}"; do
		case $f in
		include/*.h)
			git -C "$tree" cat-file -e "$BASE_BRANCH:$f" 2>/dev/null || continue
			[ -n "${base_users[$f]+x}" ] || users_at_base "$f" ;;
		esac
	done
}
header_users() {
	local h=$1 pat names users f new=
	# A header new in the series can only be included by files it touches.
	git -C "$tree" cat-file -e "$BASE_BRANCH:$h" 2>/dev/null || new=1
	case $h in
	rust/*) return 0 ;; # bindings: built by `make prepare` when CONFIG_RUST=y
	include/*)
		pat=$(include_pat "$h")
		# The includers among the files the series touches, as they are
		# at this commit; for a header the base has, also the base's
		# includers the series does not touch (searched once per header:
		# the whole tree takes a git grep of many seconds).
		users=$(cd "$tree" && grep -l -E "$pat" $(printf '%s\n' "${touched[@]}" | grep '\.c$' |
			while read -r f; do [ -f "$f" ] && echo "$f"; done) /dev/null || true)
		if [ -z "$new" ]; then
			[ -n "${base_users[$h]+x}" ] || users_at_base "$h"
			users+=$'\n'${base_users[$h]}
		fi
		;;
	*)
		pat="^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*/)?$(basename "${h//./\\.}")\""
		users=$(git -C "$tree" grep -l -E "$pat" -- "$(dirname "$h")/*.c" || true)
		;;
	esac
	[ -n "$users" ] || return 0
	if [ -n "$new" ]; then
		printf '%s\n' $users
		return 0
	fi
	# An existing header: only the includers that use what changed in it.
	names=$(comm -23 \
		<(git -C "$tree" diff "$BASE_BRANCH" HEAD -- "$h" | sed -n 's/^+[^+]//p' | idents) \
		<(git -C "$tree" show "$BASE_BRANCH:$h" | idents))
	names+=$'\n'$(comm -23 \
		<(git -C "$tree" diff "$BASE_BRANCH" HEAD -- "$h" | sed -n 's/^-[^-]//p' | idents) \
		<(idents <"$tree/$h"))
	# One grep over every includer (a widely included header has
	# thousands), plus the includers the series touches.
	{
		printf '%s\n' $users | grep -xF -f <(printf '%s\n' "${touched[@]}") || true
		if [ -n "${names//[[:space:]]/}" ]; then
			f=$(mktemp)
			printf '%s\n' $names >"$f"
			(cd "$tree" && printf '%s\0' $users | xargs -0 -r grep -lwF -f "$f" -- || true)
			rm -f "$f"
		fi
	} | sort -u
}
# objects: the objects of the series present at the checked-out commit.
objects() {
	local f
	{
		for f in "${touched[@]}"; do
			[ -f "$tree/$f" ] || continue
			case $f in
			rust/* | tools/*) ;;
			*.c | *.rs) echo "${f%.*}.o" ;;
			*.h)
				echo mm/memory.o
				header_users "$f" | sed 's/\.c$/.o/'
				;;
			esac
		done
	} | sort -u
}

# enabled O CONFIG OBJ: does the configuration build OBJ? Evaluates the
# Makefile (or Kbuild) of OBJ's directory, or of a parent directory that
# names it with its subdirectory, against the configuration's auto.conf.
enabled() {
	local o=$1 obj=$2 d rel mk list
	d=$(dirname "$obj")
	rel=$(basename "$obj")
	while :; do
		mk=
		[ -f "$tree/$d/Makefile" ] && mk=$tree/$d/Makefile
		[ -f "$tree/$d/Kbuild" ] && mk=$tree/$d/Kbuild
		if [ -n "$mk" ]; then
			list=$(make -s --no-print-directory -f - __matrix_print <<EOF 2>/dev/null || true
include $o/include/config/auto.conf
srctree := $tree
objtree := $o
src := $d
obj := $d
include $mk
__matrix_print:
	@echo \$(obj-y) \$(obj-m) \$(foreach m,\$(obj-y) \$(obj-m),\$(\$(m:.o=-y)) \$(\$(m:.o=-objs)) \$(\$(m:.o=-m)))
EOF
)
			# the nearest Makefile decides (mm/Makefile names tests/zap_kunit.o)
			grep -qxF "$rel" <<<"$(printf '%s\n' $list)"
			return
		fi
		[ "$d" != . ] && [ "$d" != "" ] || return 1
		rel=$(basename "$d")/$rel
		d=$(dirname "$d")
	done
}

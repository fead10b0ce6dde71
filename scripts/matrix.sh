#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The build matrix: at every commit of the series, compile the objects the
# series touches for a set of configurations, after `make prepare`, never
# whole kernels. One build directory per configuration is reused across the
# commits, so each later commit is an incremental build.
#
#   TREE=<worktree>   default $WORK/check (checked out commit by commit,
#                     put back where it was at the end; must be clean)
#   BRANCH=<branch>   default zap-rust-check; the commits are base..BRANCH
#   CONFIGS="a b ..." only these configurations (default: every row, a
#                     kconfig fragment each in scripts/matrix-rows/)
#   SPARSE="a b ..."  of those, the rows built only at the patches that carry
#                     a Fixes: tag (each is a stable backport, taken alone)
#                     and at the tip; their other cells are "." in the table
#                     and not counted (make check passes the mm-option rows
#                     here; make matrix builds every cell)
#   MATRIX_CACHE=0    do not reuse verdicts of earlier runs (default 1: a
#                     (commit, .config, objects, make arguments) that
#                     passed is not rebuilt, in any row)
#   JOBS=<n>          make -j (default: the number of CPUs)
#   MATRIX_PAR=<n>    rows built at once, each in a worktree of its own
#                     ($WORK/matrix/tree-<k> besides TREE), default 2: a
#                     row's steps are short and mostly serial (kconfig,
#                     make's walk, one or two objects), so two rows share
#                     two CPUs well; the rows go to the workers by their
#                     "#! cost:" lines
#
# Prints one line per (configuration, commit) built:
#   PASS matrix <config> patch <i>/<n>
#   FAIL matrix <config> patch <i>/<n>: <first error line> (log: <file>)
#   SKIP matrix <config> patch <i>/<n>: <why>    (nothing of the series built)
# then a table configuration x patch (ok/FAIL/-) and a summary line; exits 1
# if anything failed. Logs in $WORK/results/matrix/<config>/patch-<i>.log,
# build directories in $WORK/matrix/<config>.
#
# Objects: scripts/matrix-objects.sh chooses them (every changed .c and
# .rs; for a changed header, mm/memory.o and the includers that use what
# changed; selftest.sh's matrix-objects case checks the choice). An object
# the configuration does not enable (its directory's Makefile evaluated
# against the configuration's auto.conf) is not built, since kbuild
# compiles any single target asked for, enabled or not. With CONFIG_RUST=y, `make prepare` builds the Rust
# crates (core, kernel, bindings from rust/bindings/bindings_helper.h):
# that is what a Rust object needs and checks the bindings. Any error, and
# any compiler, rustc or objtool warning in a file the series touches, fails.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/matrix-rows.sh"
harness_init

tree=${TREE:-$WORK/check}
branch=${BRANCH:-$WORK_BRANCH-check}
mdir=$WORK/matrix
res=$WORK/results/matrix
cache=${MATRIX_CACHE:-1}
llvm=LLVM=${LLVM_MAKE:-$LLVM_SUFFIX}

# The rows: scripts/matrix-rows/<row>.config (matrix-rows.sh reads them).
ALL_CONFIGS=$(matrix_rows | paste -sd' ')
# The options the defconfig rows turn on; each other row turns some off.
DEFCONFIG_ON=$(row_options defconfig on)

# make_args CONFIG: ARCH and toolchain for a configuration's make calls.
make_args() {
	case $(row_directive "$1" from) in
	kunit.py) echo "ARCH=um" ;;
	*) echo "ARCH=x86_64 $llvm" ;;
	esac
}
# tools_of CONFIG: what building the row needs (a row with Rust off needs
# no Rust toolchain).
tools_of() {
	local t="make git python3 flex bison bc perl"
	case $(row_directive "$1" from) in
	kunit.py) echo "$t gcc" ;;
	*)
		t="$t clang$LLVM_SUFFIX ld.lld$LLVM_SUFFIX"
		case " $(row_options "$1" off) " in
		*" RUST "*) echo "$t" ;;
		*) echo "$t rustc bindgen" ;;
		esac ;;
	esac
}

[ -e "$tree/.git" ] || die "no kernel worktree at $tree (TREE=); 'make check' or 'make apply' creates one"
git -C "$tree" rev-parse -q --verify "$branch^{commit}" >/dev/null || die "no branch '$branch' in $tree (BRANCH=)"
git -C "$tree" rev-parse -q --verify "$BASE_BRANCH^{commit}" >/dev/null || die "no branch '$BASE_BRANCH' in $tree"
git -C "$tree" diff --quiet HEAD -- || die "$tree has uncommitted changes; the matrix checks out every commit there"
mapfile -t commits < <(git -C "$tree" rev-list --reverse "$BASE_BRANCH..$branch")
n=${#commits[@]}
[ "$n" -gt 0 ] || die "no commits in $BASE_BRANCH..$branch"
configs=(${CONFIGS:-$ALL_CONFIGS})
for c in "${configs[@]}"; do
	why=$(row_check "$c") || die "unknown or bad configuration: $why"
done
# The sparse rows' patches: those with a Fixes: tag, and the tip
# (matrix-objects.sh).
declare -A sparse=() at=()
for c in ${SPARSE:-}; do
	case " ${configs[*]} " in *" $c "*) sparse[$c]=1 ;;
	*) die "SPARSE: '$c' is not one of the configurations built (CONFIGS=)" ;; esac
done
. "$TOP/scripts/matrix-objects.sh"
for i in $(fix_and_tip_patches "${commits[@]}"); do at[$i]=1; done
cells=0
for c in "${configs[@]}"; do
	if [ -n "${sparse[$c]:-}" ]; then cells=$((cells + ${#at[@]})); else cells=$((cells + n)); fi
done

mkdir -p "$mdir/cache" "$mdir/config-cache" "$res"
exec 8>"$mdir/lock"
flock -w 3600 8 || die "another matrix run holds $mdir/lock"
hold_build_lock
rm -rf "${res:?}"/*
# What the generated configurations depend on besides the tree.
toolchain=$(for t in gcc clang$LLVM_SUFFIX rustc bindgen python3; do
	command -v "$t" >/dev/null 2>&1 && "$t" --version 2>&1 | head -n 1; done)
self_sum=$(cat "$0" "$TOP/scripts/matrix-objects.sh" | sha256sum | cut -c1-16)

# Put the worktree back where it was.
orig=$(git -C "$tree" symbolic-ref -q --short HEAD || git -C "$tree" rev-parse HEAD)
trap 'git -C "$tree" checkout -q "$orig" 2>/dev/null || true' EXIT

# The files the series changes, as at its tip.
mapfile -t touched < <(git -C "$tree" diff --name-only "$BASE_BRANCH" "$branch")

# The base's includers of the headers the series changes, searched once
# here for every row and commit (matrix-objects.sh).
objects_prime

# gen_config CONFIG SCRATCH: write the configuration for the checked-out
# commit to SCRATCH/.config (a build directory used for nothing else).
gen_config() {
	local name=$1 s=$2 kc off o
	mkdir -p "$s"
	rm -f "$s/.config" "$s/.kunitconfig" "$s/last_used_kunitconfig"
	case $(row_directive "$name" from) in
	kunit.py)
		# What a plain `kunit.py run` does: UML, default.config, plus
		# kunit.py's arch_uml.config.
		(cd "$tree" && python3 tools/testing/kunit/kunit.py config --build_dir="$s") ;;
	"kunit.py --arch=x86_64")
		kc=$tree/tools/testing/kunit/configs/mm_zap.config
		[ -f "$kc" ] || kc=$tree/tools/testing/kunit/configs/default.config
		echo "kunitconfig: ${kc#"$tree"/}"
		(cd "$tree" && python3 tools/testing/kunit/kunit.py config --arch=x86_64 \
			--make_options "$llvm" --kunitconfig="$kc" --build_dir="$s") ;;
	*)
		off=$(row_options "$name" off)
		make -C "$tree" -s O="$s" ARCH=x86_64 "$llvm" x86_64_defconfig </dev/null
		for o in $DEFCONFIG_ON; do
			case " $off " in *" $o "*) continue ;; esac
			"$tree/scripts/config" --file "$s/.config" -e "$o"
		done
		for o in $off; do
			"$tree/scripts/config" --file "$s/.config" -d "$o"
		done
		make -C "$tree" -s O="$s" ARCH=x86_64 "$llvm" olddefconfig </dev/null ;;
	esac
}

# exists_in_kconfig SYM: is SYM a Kconfig symbol at the checked-out commit?
exists_in_kconfig() {
	git -C "$tree" grep -q -E "^[[:space:]]*(menu)?config[[:space:]]+$1\$" -- 'Kconfig*' '*/Kconfig*'
}
# check_config CONFIG FILE: the options the row asks for are what .config has.
check_config() {
	local name=$1 f=$2 off o bad=0
	case $(row_directive "$name" from) in
	kunit.py*) return 0 ;; # kunit.py config checks the kunitconfig itself
	esac
	off=$(row_options "$name" off)
	for o in $off; do
		exists_in_kconfig "$o" || continue
		if grep -q "^CONFIG_$o=[ym]" "$f"; then
			echo "error: CONFIG_$o is still on in the $name .config (something selects it)"
			bad=1
		fi
	done
	for o in $DEFCONFIG_ON; do
		case " $off " in *" $o "*) continue ;; esac
		exists_in_kconfig "$o" || continue
		if ! grep -q "^CONFIG_$o=[ym]" "$f"; then
			echo "error: CONFIG_$o=y was asked for but is off in the $name .config (unmet dependency)"
			bad=1
		fi
	done
	return $bad
}

# touched_warnings LOG: compiler, objtool and rustc warnings in files the
# series touches (or their objects).
touched_warnings() {
	local pat
	pat=$(printf '%s\n' "${touched[@]}" | sed -e 's/[.[\*^$]/\\&/g' |
		awk '{ print; if ($0 ~ /\\\.(c|rs)$/) { sub(/\\\.(c|rs)$/, "\\.o"); print } }' | paste -sd'|')
	awk -v pat="(^|/)($pat)(:[0-9]+)*:" '
		/^warning/ { w = $0; next }                       # rustc: warning, then  --> file:l:c
		w != "" && /^ *--> / { f = $2; if (f ~ pat) print w " at " f; w = ""; next }
		/warning:/ && $0 ~ pat { print }
		/^$/ { w = "" }
	' "$1" | sort -u
}
first_error() {
	local l
	l=$(grep -m1 -E '^error: CONFIG_|: (fatal )?error:|^error(\[E[0-9]+\])?:|undefined reference|No rule to make target|ERROR:' "$1" || true)
	[ -n "$l" ] || l=$(grep -m1 -E 'warning' "$1.warnings" 2>/dev/null || true)
	[ -n "$l" ] || l=$(grep -m1 -E '\*\*\*|Error [0-9]' "$1" || true)
	[ -n "$l" ] || l=$(tail -n 1 "$1")
	l=${l//"$tree/"/}
	printf '%s' "$l" | sed 's/^[[:space:]]*//' | cut -c1-240
}

declare -A verdict objs_of inputs_of
passed=0
failed=0
skipped=0
cached=0
start_all=$SECONDS

# cell VERDICT [WHY]: the verdict of row $name at patch $i (ok, FAIL or -,
# counted) and its line.
cell() {
	verdict[$name,$i]=$1
	case $1 in
	ok) passed=$((passed + 1)); echo "PASS matrix $name patch $i/$n" ;;
	FAIL) failed=$((failed + 1)); echo "FAIL matrix $name patch $i/$n: $2" ;;
	-) skipped=$((skipped + 1)); echo "SKIP matrix $name patch $i/$n: $2" ;;
	esac
}
# run_rows CONFIG...: those rows, one after the other, commit by commit in
# $tree. Prints their PASS/FAIL/SKIP lines; then, for the parent, a line
# "V config patch verdict" per cell and "C passed failed skipped cached".
run_rows() {
local name o scratch margs missing t i c logf t0 rc from rowdef cfrom ckey objs key ob build
for name in "$@"; do
	from=$(row_directive "$name" from)
	rowdef=$(cat "$MATRIX_ROWS/$name.config" "$MATRIX_ROWS/defconfig.config")
	o=$mdir/$name
	scratch=$mdir/config-scratch/$name
	mkdir -p "$o" "$res/$name"
	read -r -a margs <<<"$(make_args "$name")"
	missing=
	for t in $(tools_of "$name"); do
		command -v "$t" >/dev/null 2>&1 || { missing=$t; break; }
	done
	i=0
	for c in "${commits[@]}"; do
		i=$((i + 1))
		if [ -n "${sparse[$name]:-}" ] && [ -z "${at[$i]:-}" ]; then
			verdict[$name,$i]=.
			continue
		fi
		logf=$res/$name/patch-$i.log
		if [ -n "$missing" ]; then
			echo "error: '$missing' not found; run 'make deps'" >"$logf"
			cell FAIL "'$missing' not found; run 'make deps' (log: $logf)"
			continue
		fi
		t0=$SECONDS
		git -C "$tree" checkout -q --detach "$c"
		rc=0
		{
			echo "== $name, patch $i/$n: $(git -C "$tree" log -1 --format='%h %s' "$c")"
			# A configuration is generated once for what it comes from:
			# the Kconfig files, defconfigs and (for the rows kunit.py
			# configures) kunit configs as changed from the base, and
			# the toolchain.
			cfrom=('Kconfig*' '*/Kconfig*' 'arch/*/configs/' 'scripts/kconfig/' 'Makefile')
			case $from in kunit.py*) cfrom+=('tools/testing/kunit/') ;; esac
			ckey=$(printf '%s\n' "$self_sum" "$rowdef" "$toolchain" "$(git -C "$tree" rev-parse "$BASE_BRANCH")" |
				cat - <(git -C "$tree" diff "$BASE_BRANCH" HEAD -- "${cfrom[@]}") |
				sha256sum | cut -c1-40)
			if [ -f "$mdir/config-cache/$ckey" ]; then
				echo "== configuration: as generated before (config-cache/$ckey)"
				mkdir -p "$scratch"
				cp "$mdir/config-cache/$ckey" "$scratch/.config"
			else
				echo "== configuration ($(date +%T))"
				if gen_config "$name" "$scratch" 2>&1; then
					cp "$scratch/.config" "$mdir/config-cache/$ckey"
				else
					rc=1
				fi
			fi
			[ $rc = 0 ] && { check_config "$name" "$scratch/.config" || rc=1; }
		} >"$logf" 2>&1 </dev/null
		if [ $rc != 0 ]; then
			cell FAIL "$(first_error "$logf") (log: $logf)"
			continue
		fi
		# Only a changed .config is copied, so that kbuild sees no change
		# (syncconfig rewrites include/generated/rustc_cfg, which rebuilds
		# every Rust crate).
		if ! cmp -s "$scratch/.config" "$o/.config"; then
			cp "$scratch/.config" "$o/.config"
			echo "== .config changed" >>"$logf"
		fi
		# The object list depends on the commit only: compute it once.
		[ -n "${objs_of[$c]+x}" ] || objs_of[$c]=$(objects)
		mapfile -t objs <<<"${objs_of[$c]}"
		# A verdict depends on what the build reads at the commit, the
		# .config, the objects and the make arguments, not on the row's
		# name: two rows with the same .config at a commit (defconfig and
		# defconfig-no-MM_ZAP_RUST before the option exists) share it, and
		# so do two commits that differ only in what no build reads.
		[ -n "${inputs_of[$c]+x}" ] || inputs_of[$c]=$(build_inputs "$c")
		key=$(printf '%s\n' "$self_sum" "${margs[*]}" "${inputs_of[$c]}" "${objs[@]}" | cat - "$o/.config" | sha256sum | cut -c1-40)
		if [ "$cache" = 1 ] && [ -f "$mdir/cache/$key" ]; then
			echo "== passed before with these build inputs, .config, objects and make arguments (cache $key)" >>"$logf"
			cached=$((cached + 1))
			cell ok
			continue
		fi
		{
			echo "== make prepare ($(date +%T))"
			p0=$SECONDS
			make -C "$tree" O="$o" "${margs[@]}" -j"$JOBS" prepare || rc=1
			echo "== prepare: $((SECONDS - p0)) s"
		} >>"$logf" 2>&1 </dev/null
		build=()
		if [ $rc = 0 ]; then
			for ob in "${objs[@]}"; do
				[ -n "$ob" ] || continue
				if enabled "$o" "$ob"; then
					build+=("$ob")
				else
					echo "== $ob: not enabled in this configuration, not built" >>"$logf"
				fi
			done
			if [ ${#build[@]} -gt 0 ]; then
				{
					echo "== make ${build[*]} ($(date +%T))"
					b0=$SECONDS
					make -C "$tree" O="$o" "${margs[@]}" -j"$JOBS" -k "${build[@]}" || rc=1
					echo "== objects: $((SECONDS - b0)) s"
				} >>"$logf" 2>&1 </dev/null
			fi
		fi
		touched_warnings "$logf" >"$logf.warnings"
		if [ -s "$logf.warnings" ]; then
			rc=1
			# rebuild these next time, so the warning is seen again
			for ob in "${build[@]}"; do rm -f "$o/$ob"; done
			{ echo "== warnings in files the series touches:"; cat "$logf.warnings"; } >>"$logf"
		fi
		rm -f "$logf.warnings"
		echo "== $((SECONDS - t0)) s" >>"$logf"
		if [ $rc != 0 ]; then
			cell FAIL "$(first_error "$logf") (log: $logf)"
		elif [ ${#build[@]} = 0 ]; then
			cell - "none of the series' objects is enabled"
		else
			touch "$mdir/cache/$key"
			cell ok
		fi
	done
done
for name in "$@"; do
	for ((i = 1; i <= n; i++)); do echo "V $name $i ${verdict[$name,$i]:--}"; done
done
echo "C $passed $failed $skipped $cached"
}

par=${MATRIX_PAR:-2}
[[ $par =~ ^[1-9][0-9]*$ ]] || die "MATRIX_PAR=$par: give a number of rows to build at once (1 or more)"
[ "$par" -le ${#configs[@]} ] || par=${#configs[@]}
# The rows go to the workers by cost (assign_rows); worker 0 builds in
# TREE, the others in worktrees of their own, kept across runs so that
# checkouts stay small.
declare -a rows_of=()
while read -r k rest; do rows_of[k]=$rest; done < <(SPARSE_CELLS=${#at[@]} N=$n assign_rows "$par" "${configs[@]}")
pids=()
rm -f "$res"/.worker-*
for ((k = 0; k < par; k++)); do
	read -r -a rows <<<"${rows_of[k]:-}"
	wt=$tree
	if [ $k -gt 0 ]; then
		wt=$mdir/tree-$k
		worktree_at "$tree" "$wt" "${commits[0]}"
	fi
	(tree=$wt; run_rows "${rows[@]}") >"$res/.worker-$k" 2>&1 </dev/null &
	pids+=($!)
done
for ((k = 0; k < par; k++)); do
	wait "${pids[k]}" || true
done
# The rows' lines in the order of the configurations, then the verdicts.
for name in "${configs[@]}"; do
	grep -h -E "^(PASS|FAIL|SKIP) matrix $name patch " "$res"/.worker-* || true
done
for ((k = 0; k < par; k++)); do
	if ! grep -q '^C ' "$res/.worker-$k"; then
		echo "FAIL matrix: worker $k stopped early:"
		grep -v -E '^(V|C|PASS|FAIL|SKIP) ' "$res/.worker-$k" | tail -n 5
		failed=$((failed + 1))
	fi
	while read -r tag a b c d; do
		case $tag in
		V) verdict[$a,$b]=$c ;;
		C) passed=$((passed + a)); failed=$((failed + b)); skipped=$((skipped + c)); cached=$((cached + d)) ;;
		esac
	done < <(grep -E '^(V|C) ' "$res/.worker-$k")
done

# The table and the summary.
echo
w=0
for name in "${configs[@]}"; do [ ${#name} -gt $w ] && w=${#name}; done
printf "%-${w}s" "config"
for ((i = 1; i <= n; i++)); do printf ' %5s' "$i/$n"; done
echo
for name in "${configs[@]}"; do
	printf "%-${w}s" "$name"
	for ((i = 1; i <= n; i++)); do printf ' %5s' "${verdict[$name,$i]:--}"; done
	echo
done | tee "$res/table"
echo
sparse_note=
[ ${#sparse[@]} = 0 ] || sparse_note=", ${#sparse[@]} of them only at patches $(printf '%s\n' "${!at[@]}" | sort -n | paste -sd, -)"
echo "matrix: $passed passed ($cached from earlier runs), $failed failed, $skipped skipped;" \
	"${#configs[@]} configurations x $n patches$sparse_note, $cells cells in $((SECONDS - start_all)) s; logs in $res"
exit $((failed > 0))

# SPDX-License-Identifier: GPL-2.0
# The build matrix's rows: one kconfig fragment each in scripts/matrix-rows/
# (its README says what a fragment holds). Sourced by matrix.sh and
# check.sh; defines functions and MATRIX_ROWS, nothing else.

MATRIX_ROWS=${MATRIX_ROWS:-$TOP/scripts/matrix-rows}

# matrix_rows: every row's name.
matrix_rows() {
	local f
	for f in "$MATRIX_ROWS"/*.config; do
		[ -e "$f" ] || continue
		f=${f##*/}
		echo "${f%.config}"
	done | LC_ALL=C sort
}
# row_directive ROW KEY: the value of the row's "#! KEY: value" line.
row_directive() {
	sed -n "s/^#! $2: *//p" "$MATRIX_ROWS/$1.config" | head -n 1
}
# row_options ROW on|off: the options the row's fragment turns on or off.
row_options() {
	case $2 in
	on) sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=[ym]$/\1/p' "$MATRIX_ROWS/$1.config" ;;
	off) sed -n 's/^# CONFIG_\([A-Za-z0-9_]*\) is not set$/\1/p' "$MATRIX_ROWS/$1.config" ;;
	esac | paste -sd' '
}
# row_check ROW: says what is wrong with the row's file, if anything, and
# fails then.
row_check() {
	local f=$MATRIX_ROWS/$1.config v
	[ -f "$f" ] || { echo "no row '$1' (known: $(matrix_rows | paste -sd' '); each is a file in $MATRIX_ROWS)"; return 1; }
	v=$(row_directive "$1" from)
	case $v in
	kunit.py | "kunit.py --arch=x86_64" | x86_64_defconfig | defconfig) ;;
	*) echo "$f: '#! from: $v' is none of kunit.py, kunit.py --arch=x86_64, x86_64_defconfig, defconfig"; return 1 ;;
	esac
	if [ "$v" = defconfig ] && [ ! -f "$MATRIX_ROWS/defconfig.config" ]; then
		echo "$f starts from defconfig, and there is no $MATRIX_ROWS/defconfig.config"
		return 1
	fi
	v=$(row_directive "$1" cost)
	[[ $v =~ ^[1-9][0-9]*$ ]] || { echo "$f: no '#! cost: <seconds>' line"; return 1; }
	v=$(row_directive "$1" make-check)
	case $v in
	"every patch" | "fixes and tip" | "no, "?*) ;;
	*) echo "$f: '#! make-check: $v' is none of 'every patch', 'fixes and tip', 'no, <why>'"; return 1 ;;
	esac
	v=$(row_directive "$1" with)
	if [ -n "$v" ] && [ ! -f "$MATRIX_ROWS/$v.config" ]; then
		echo "$f: '#! with: $v' names no row"
		return 1
	fi
	v=$(grep -v -E '^(#|CONFIG_[A-Za-z0-9_]+=[ym]$|$)' "$f" | head -n 1 || true)
	if [ -n "$v" ]; then
		echo "$f: a line that is neither a comment nor CONFIG_<X>=y|m: $v"
		return 1
	fi
	v=$(row_directive "$1" from)
	if [ "$v" != x86_64_defconfig ] && grep -q '^CONFIG_' "$f"; then
		echo "$f: only the row that starts from x86_64_defconfig turns options on; this one starts from $v: $(grep -m1 '^CONFIG_' "$f")"
		return 1
	fi
}

# row_cost ROW: its "#! cost:", scaled by SPARSE_CELLS / N for a row in
# the associative array sparse.
row_cost() {
	local c
	c=$(row_directive "$1" cost)
	[ -z "${sparse[$1]:-}" ] || c=$((c * SPARSE_CELLS / N))
	echo "$c"
}
# row_with ROW: the row it follows, if that one is among $rows.
row_with() {
	local x
	x=$(row_directive "$1" with)
	case $rows in *" $x "*) [ -n "$x" ] && echo "$x" ;; esac
	return 0
}
# assign_rows PAR ROW...: the rows for PAR workers, one line per worker
# ("k row row ..."). By cost, the dearest first, each to the worker with
# the least so far; a row's cost is its "#! cost:", scaled by
# SPARSE_CELLS / N for the rows in the associative array sparse. A row
# with "#! with: <row>" follows that row in its worker when both are
# given: where the two .config files are the same, it takes that row's
# verdicts.
assign_rows() {
	local par=$1 k w r cost name
	shift
	local -a load=() rows_of=()
	local rows=" $* "
	while read -r cost name; do
		[ -z "$(row_with "$name")" ] || continue
		w=0
		for ((k = 1; k < par; k++)); do [ "${load[k]:-0}" -lt "${load[w]:-0}" ] && w=$k; done
		load[w]=$((${load[w]:-0} + cost))
		rows_of[w]="${rows_of[w]:-} $name"
		for r in "$@"; do
			[ "$(row_with "$r")" = "$name" ] || continue
			load[w]=$((load[w] + $(row_cost "$r")))
			rows_of[w]="${rows_of[w]} $r"
		done
	done < <(for name in "$@"; do echo "$(row_cost "$name") $name"; done | sort -k1,1nr -k2,2)
	for ((k = 0; k < par; k++)); do echo "$k${rows_of[k]:-}"; done
}

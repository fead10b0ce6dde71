#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The harness's own tests: bad input must give a clear error, never a hang,
# and must not lose anything. No kernel is built or booted here.
# Prints one "PASS name" or "FAIL name" line per case.
. "$(dirname "$0")/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/zap-selftest.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0

# expect NAME PATTERN CMD...: CMD must fail within 120 s, and its stderr
# must match PATTERN (an extended regex).
expect() {
	local name=$1 pattern=$2 rc
	shift 2
	set +e
	timeout 120 "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	if [ $rc = 124 ]; then
		echo "FAIL $name: hung (killed after 120 s)"
	elif [ $rc = 0 ]; then
		echo "FAIL $name: succeeded, expected an error"
	elif ! grep -qE "$pattern" "$T/err"; then
		echo "FAIL $name: message does not match /$pattern/:"
		sed 's/^/    /' "$T/err" | tail -n 5
	else
		echo "PASS $name: $(grep -E "$pattern" "$T/err" | head -n 1)"
		return 0
	fi
	fails=$((fails + 1))
	return 1
}
check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS $name"
	else
		echo "FAIL $name"
		fails=$((fails + 1))
	fi
}

# A wrong or corrupted base package is refused before anything is unpacked,
# and the file is left where it was.
printf 'not a debian package\n' >"$T/corrupt.deb"
expect "corrupted base .deb is refused" "checksum mismatch" \
	env WORK="$T/w1" BASE_DEB="$T/corrupt.deb" "$TOP/scripts/fetch-base.sh"
check "refused .deb is kept, nothing unpacked" \
	test -f "$T/corrupt.deb" -a ! -e "$T/w1/linux" -a ! -e "$T/w1/linux.tmp"

# A small git tree stands in for a kernel tree.
k=$T/kernel
mkdir -p "$k"
git -C "$k" init -q -b main
printf 'one\ntwo\nthree\n' >"$k/file"
git -C "$k" add file
git -C "$k" -c user.name=u -c user.email=u@invalid commit -q -m base
printf 'local edit\n' >"$k/untracked-note"
mkdir -p "$T/p-ok" "$T/p-bad"
git -C "$k" checkout -q -b tmp
sed -i 's/two/TWO/' "$k/file"
git -C "$k" -c user.name=u -c user.email=u@invalid commit -q -am "file: shout two"
sed -i 's/three/THREE/' "$k/file"
git -C "$k" -c user.name=u -c user.email=u@invalid commit -q -am "file: shout three"
git -C "$k" format-patch -q -o "$T/p-ok" main..tmp
git -C "$k" checkout -q main
git -C "$k" branch -q -D tmp
cp "$T/p-ok/0001-"*.patch "$T/p-bad/"
sed 's/^-three$/-four/' "$T/p-ok/0002-"*.patch >"$T/p-bad/0002-file-shout-three.patch"

head_before=$(git -C "$k" rev-parse HEAD)
out=$(PATCHES="$T/p-ok" KERNEL="$k" BRANCH=zap-test WORK="$T/w2" "$TOP/scripts/apply.sh" 2>&1) &&
	[ "$(git -C "$k" log -1 --format=%s zap-test)" = "file: shout three" ]
check "KERNEL= applies the series on a new branch" test $? = 0
check "KERNEL= leaves the user's branch, files and HEAD alone" \
	test "$(git -C "$k" symbolic-ref --short HEAD)" = main -a \
	"$(git -C "$k" rev-parse HEAD)" = "$head_before" -a \
	"$(cat "$k/file")" = "$(printf 'one\ntwo\nthree')" -a -f "$k/untracked-note"

expect "a patch that does not apply is named" "patch 2/2 0002-file-shout-three.patch does not apply" \
	env PATCHES="$T/p-bad" KERNEL="$k" BRANCH=zap-bad WORK="$T/w3" "$TOP/scripts/apply.sh"
check "a failed apply keeps the patches before it" \
	test "$(git -C "$k" log -1 --format=%s zap-bad)" = "file: shout two"
expect "an existing branch is never overwritten" "already exists" \
	env PATCHES="$T/p-ok" KERNEL="$k" BRANCH=zap-test WORK="$T/w4" "$TOP/scripts/apply.sh"

# kunit.py stand-ins: one whose build fails, one whose QEMU never ends.
fake=$T/fake-tree
mkdir -p "$fake/tools/testing/kunit"
touch "$T/kunitconfig"
cat >"$fake/tools/testing/kunit/kunit.py" <<'PY'
import sys, time
if sys.argv[1] == 'build':
    print('  CC      mm/memory.o')
    print("mm/memory.c:1652:1: error: unknown type name 'boool'", file=sys.stderr)
    print('make[2]: *** [scripts/Makefile.build:287: mm/memory.o] Error 1', file=sys.stderr)
    sys.exit(1)
time.sleep(100000)
PY
expect "a build error shows its tail" "unknown type name 'boool'" \
	env TREE="$fake" KUNITCONFIG="$T/kunitconfig" WORK="$T/w5" STEP=build "$TOP/scripts/kunit.sh"
expect "a QEMU run past its timeout is reported" "timed out after 3 s" \
	env TREE="$fake" KUNITCONFIG="$T/kunitconfig" WORK="$T/w6" STEP=exec TIMEOUT=3 GRACE=2 \
	ACCEL=kvm "$TOP/scripts/kunit.sh"
expect "a missing tool is named with how to get it" "'clang-99' not found; run 'make deps'" \
	env TREE="$fake" KUNITCONFIG="$T/kunitconfig" WORK="$T/w7" LLVM_SUFFIX=-99 "$TOP/scripts/kunit.sh"
expect "a missing kernel tree is named" "no kernel tree at $T/nowhere" \
	env TREE="$T/nowhere" WORK="$T/w8" "$TOP/scripts/kunit.sh"

exit $((fails > 0))

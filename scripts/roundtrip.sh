#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check that applying and exporting patches/ changes nothing: apply the
# series into a scratch worktree, export it, and diff the two.
#
#   TREE=<dir> BRANCH=<name>  the scratch worktree and branch
#                             (default $WORK/roundtrip-tree, zap-rust-roundtrip)
#   APPLIED=1                 the series is already applied there (make check)
#   OUT=<dir>                 where the export goes (default $WORK/roundtrip)
. "$(dirname "$0")/lib.sh"
harness_init

tree=${TREE:-$WORK/roundtrip-tree}
branch=${BRANCH:-$WORK_BRANCH-roundtrip}
out=${OUT:-$WORK/roundtrip}
case $out in "$PATCHES" | "$PATCHES"/) die "OUT= must not be the series directory $PATCHES" ;; esac
if [ "${APPLIED:-0}" != 1 ]; then
	TREE=$tree BRANCH=$branch "$TOP/scripts/apply.sh"
fi
rm -rf "$out"
OUT=$out TREE=$tree BRANCH=$branch "$TOP/scripts/export.sh"
if ! diff -ru "$PATCHES" "$out"; then
	die "applying and exporting $PATCHES changes it (diff above; the export is in $out)"
fi
log "$(basename "$PATCHES")/ round-trips ($(find "$out" -name '*.patch' | wc -l) files)"

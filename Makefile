# SPDX-License-Identifier: GPL-2.0
# Rust keep-or-zap decisions for mm/memory.c: the series and its harness.
# See README.md. Every target is a short script under scripts/.

SHELL := /bin/bash
S := scripts

.PHONY: all deps fetch apply build test bench debug check selftest parsers export roundtrip mutate disasm clean help distclean
# Every target is one script that runs its own parallel jobs; under make -j
# (or MAKEFLAGS=-jN) targets still run one after the other, in order.
.NOTPARALLEL:

## all: the main job: install, fetch, apply, build, run the suites, run the benchmark
all: deps fetch apply test bench

## deps: install the toolchain (Debian packages, QEMU from backports, rust-src, bindgen)
deps:
	@$(S)/install-deps.sh

## fetch: download and verify the base .deb, create the base git tree
fetch:
	@$(S)/fetch-base.sh

## apply: git am patches/ onto a fresh branch (KERNEL=<tree> for your own tree)
apply:
	@$(S)/apply.sh

## build: build the Rust KUnit kernel for the series' kunitconfig (make test builds both)
build:
	@STEP=build $(S)/kunit.sh

## test: build the C (CONFIG_MM_ZAP_RUST=n) and the Rust (=y) KUnit kernels, run the same suites on each, one result line per kernel
test:
	@$(S)/test.sh

## bench: build and boot the C (option off) and the Rust benchmark kernels; the zap loop's instructions per PTE, Rust against C
bench:
	@$(S)/bench.sh

## debug: the suites under DEBUG_VM, KASAN, KFENCE, lockdep and Rust debug checks; fails on any splat in the log
debug:
	@$(S)/debug.sh

## check: every gate and test, ending with "N passed, N failed"
check: deps fetch
	@$(S)/check.sh

## selftest: the harness's own bad-input tests (no kernel needed)
selftest:
	@$(S)/selftest.sh

## parsers: the harness's log readers against fixtures with known verdicts (tests/, no kernel needed)
parsers:
	@tests/run.py

## export: regenerate patches/ from the work branch
export:
	@$(S)/export.sh

## roundtrip: check that applying and exporting patches/ changes nothing
roundtrip:
	@$(S)/roundtrip.sh

## matrix: compile the objects the series touches for a matrix of configs at every patch (TREE=, BRANCH=, CONFIGS=)
.PHONY: matrix
matrix:
	@$(S)/matrix.sh

## mm-selftests: upstream's mm selftests in QEMU on the C kernel and on the Rust kernel, one boot each; failures on both again on the base kernel (PROGS=, QUICK=1, BASE=0, BASE_PROGS=, TREE=)
.PHONY: mm-selftests
mm-selftests:
	@$(S)/mm-selftests.sh

## disasm: with CONFIG_MM_ZAP_RUST=n, mm/memory.o must have the instructions of the series' front C patches
disasm:
	@$(S)/disasm.sh

## clean: remove the build trees (keeps the download and the kernel tree)
clean:
	rm -rf work/build work/build-* work/matrix work/results
	if [ -d work/linux/.git ]; then git -C work/linux worktree prune; fi

## mutate: flip each zap decision (mm/memory.c, mm/zap_policy.rs) in turn; every flip must fail a test
mutate:
	@$(S)/mutate.py "$(or $(KERNEL),$(CURDIR)/work/linux)" $(ONLY)

## distclean: remove what the harness made: work/ and the worktrees and branches it added to a KERNEL= tree
distclean:
	@$(S)/distclean.sh

## help: the targets above and the knobs below
help:
	@sed -n 's/^## \{0,1\}//p' Makefile

## knobs (make <target> NAME=value, or in the environment; each is checked before any work):
##   KERNEL=<tree> START=<rev> BRANCH=<name>  apply, test, mutate in your own kernel tree
##   BASE_DEB=<file.deb>   fetch: use this downloaded linux-source .deb (offline)
##   MIRROR=<uri>          deps, fetch: this Debian mirror instead of the one apt names
##   LLVM_SUFFIX=-19       clang-19 etc.; LLVM_SUFFIX= (empty) for unsuffixed clang (LLVM=1)
##   JOBS=<n>              parallel build jobs (default: all CPUs)
##   TIMEOUT=<s>           QEMU run limit, 1..999999 (default 900)
##   ACCEL=kvm|tcg         force the accelerator (default: detect)
##   FILTER=<glob>         KUnit suites to run (default mm_zap*; empty: all)
##   KCONFIG_ADD="CONFIG_X=y ..."  extra kernel options for build/test
##   KERNEL_ARGS="a=b ..."  QEMU_ARGS="..."  passed to the test kernel and to QEMU
##   ONLY="name ..."       mutate: only these mutants
##   RUNS=<n>              bench: boots of each kernel, 1..99 (default 2)
##   PROGS="a b" QUICK=1 BASE=0 BASE_PROGS="a b" BUILD=0 ST_TREE=<tree> PROG_TIMEOUT=<s> HUGEPAGES=<n>  mm-selftests
##   APT_LOCK_TIMEOUT=<s>  deps: how long apt waits for the dpkg lock (default 600)
##   KBUILD_LOCK=<file> KBUILD_LOCK_WAIT=<s>  kernel builds queue on this lock (default work/.kbuild.lock, 7200 s)
##   FORCE=1               distclean: also what holds changes made after the harness

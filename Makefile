# SPDX-License-Identifier: GPL-2.0
# Rust keep-or-zap decisions for mm/memory.c: the series and its harness.
# See README.md. Every target is a short script under scripts/.

SHELL := /bin/bash
S := scripts

.PHONY: all deps fetch apply build test check selftest export roundtrip mutate disasm clean help

## all: the main job: install, fetch, apply, build, run the suites, print results
all: deps fetch apply test

## deps: install the toolchain (Debian packages, QEMU from backports, rust-src, bindgen)
deps:
	@$(S)/install-deps.sh

## fetch: download and verify the base .deb, create the base git tree
fetch:
	@$(S)/fetch-base.sh

## apply: git am patches/ onto a fresh branch (KERNEL=<tree> for your own tree)
apply:
	@$(S)/apply.sh

## build: build the KUnit kernel for the series' kunitconfig
build:
	@STEP=build $(S)/kunit.sh

## test: build and run the series' KUnit suites in QEMU, print the results
test:
	@$(S)/kunit.sh

## check: every gate and test, ending with "N passed, N failed"
check: deps fetch
	@$(S)/check.sh

## selftest: the harness's own bad-input tests (no kernel needed)
selftest:
	@$(S)/selftest.sh

## export: regenerate patches/ from the work branch
export:
	@$(S)/export.sh

## roundtrip: check that applying and exporting patches/ changes nothing
roundtrip:
	@rm -rf work/roundtrip && TREE=$(CURDIR)/work/roundtrip-tree BRANCH=zap-rust-roundtrip $(S)/apply.sh && \
	OUT=$(CURDIR)/work/roundtrip TREE=$(CURDIR)/work/roundtrip-tree BRANCH=zap-rust-roundtrip $(S)/export.sh && \
	diff -ru patches work/roundtrip && echo "patches/ round-trips"

## disasm: with CONFIG_MM_ZAP_RUST=n, mm/memory.o must have the base's instructions
disasm:
	@$(S)/disasm.sh

## clean: remove the build trees (keeps the download and the kernel tree)
clean:
	rm -rf work/build work/build-check work/build-norust work/build-disasm work/results

help:
	@sed -n 's/^## //p' Makefile

## mutate: flip each zap decision (mm/memory.c, mm/zap_policy.rs) in turn; every flip must fail a test
mutate:
	@scripts/mutate.py $(or $(KERNEL),$(CURDIR)/work/linux) $(ONLY)

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the build and the QEMU runs need. Idempotent: anything
# already present is skipped. Packages come from the mirror this machine's
# apt configuration names; QEMU from bookworm-backports (bookworm's 7.2
# cannot be installed next to the image's qemu-utils 10.0).
#
#   MIRROR=<uri>            use this Debian mirror instead of the one apt names
#   APT_LOCK_TIMEOUT=<s>    how long apt-get waits for the dpkg lock (default 600)
. "$(dirname "$0")/lib.sh"
harness_init

DEB_PKGS="clang-19 lld-19 llvm-19 libclang-19-dev flex bison bc libelf-dev
libssl-dev cpio make git xz-utils python3 perl rsync python3-ply
libnuma-dev libcap-dev liburing-dev busybox-static e2fsprogs gcc file"
QEMU_PKG=qemu-system-x86
QEMU_SUITE=bookworm-backports

missing=()
for p in $DEB_PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing+=("$p")
done
want_qemu=0
if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	want_qemu=1
fi

if [ ${#missing[@]} -gt 0 ] || [ $want_qemu = 1 ]; then
	want=("${missing[@]}")
	[ $want_qemu = 0 ] || want+=("$QEMU_PKG (from $QEMU_SUITE)")
	[ "$(id -u)" = 0 ] || die "packages missing: ${want[*]}; run 'make deps' as root"
	o=$(apt_private deps bookworm bookworm-updates $QEMU_SUITE) || exit 1
	mapfile -t opts <<<"$o"
	log "apt-get update (private lists in $WORK/apt/deps)"
	apt-get "${opts[@]}" -q update >"$WORK/apt/deps/update.log" 2>&1 ||
		{ tail -n 20 "$WORK/apt/deps/update.log"; die "apt-get update failed"; }
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" -q -y \
			--no-install-recommends install "${missing[@]}" ||
			die "apt-get install ${missing[*]} failed"
	fi
	if [ $want_qemu = 1 ]; then
		log "installing $QEMU_PKG from $QEMU_SUITE"
		DEBIAN_FRONTEND=noninteractive apt-get "${opts[@]}" -q -y \
			--no-install-recommends -t $QEMU_SUITE install $QEMU_PKG ||
			die "apt-get install $QEMU_PKG from $QEMU_SUITE failed"
	fi
else
	log "Debian packages present"
fi

need rustup "install Rust with rustup (the machine image ships it)"
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
	log "rustup component add rust-src"
	rustup component add rust-src || die "rustup component add rust-src failed"
fi
for c in rustfmt clippy; do
	rustup component list --installed 2>/dev/null | grep -q "^$c" ||
		rustup component add "$c" || die "rustup component add $c failed"
done

if [ "$(bindgen --version 2>/dev/null | awk '{print $2}')" != "$BINDGEN_VERSION" ]; then
	log "cargo install bindgen-cli $BINDGEN_VERSION (about 2 minutes)"
	cargo install --locked --quiet bindgen-cli --version "$BINDGEN_VERSION" ||
		die "cargo install bindgen-cli $BINDGEN_VERSION failed"
fi

for t in clang$LLVM_SUFFIX ld.lld$LLVM_SUFFIX qemu-system-x86_64 bindgen rustc; do
	need "$t" "the install above should have provided it"
done
log "toolchain: $(clang$LLVM_SUFFIX --version | head -n1); $(rustc --version);" \
	"bindgen $(bindgen --version | awk '{print $2}'); $(qemu-system-x86_64 --version | head -n1)"

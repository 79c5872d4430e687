#!/bin/sh
# abi/update.sh - record the ABI baseline abi/libgovidx.abi from this tree.
#
# Builds the library with debug info (-g -O0; abidw needs DWARF, and a
# stripped library hides layout changes), installs it with DESTDIR into a
# scratch prefix, and runs abidw with --headers-dir pointing at the
# installed public headers, so only types reachable from them are recorded.
# Run it at release time only, then commit abi/libgovidx.abi.
#
# Usage: abi/update.sh [BUILD_DIR]            (or: make abi-update)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/abi/build.sh"

abi_build "${1:-${TMPDIR:-/tmp}/govidx-abi-update}"
abidw --no-corpus-path --headers-dir "$ABI_INC" --out-file "$srcdir/abi/libgovidx.abi" "$ABI_LIB"
echo "abi/update.sh: wrote $srcdir/abi/libgovidx.abi from $(basename "$ABI_LIB")"

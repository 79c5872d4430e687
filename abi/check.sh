#!/bin/sh
# abi/check.sh - fail if this tree's ABI differs from abi/libgovidx.abi.
#
# Builds and installs a -g library (see abi/build.sh), then runs
#   abidiff --no-added-syms --headers-dir2 INC abi/libgovidx.abi LIB
# Added functions are allowed (--no-added-syms); every other report fails.
# abidiff's exit status is a bit field (1 error, 2 usage, 4 ABI change,
# 8 incompatible change); a signature or struct-layout change sets only bit
# 4, so ANY non-zero status fails here (docs/ENGINEERING.md section 2).
#
# Usage: abi/check.sh [BUILD_DIR]             (or: make abi-check)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
. "$srcdir/abi/build.sh"

baseline=$srcdir/abi/libgovidx.abi
if [ ! -f "$baseline" ]; then
    echo "abi/check.sh: no baseline $baseline; run abi/update.sh" >&2
    exit 2
fi
abi_build "${1:-${TMPDIR:-/tmp}/govidx-abi-check}"
status=0
abidiff --no-added-syms --headers-dir2 "$ABI_INC" "$baseline" "$ABI_LIB" || status=$?
if [ "$status" -ne 0 ]; then
    echo "abi/check.sh: FAIL: abidiff exit status $status (ABI differs from $baseline)" >&2
    exit 1
fi
echo "abi/check.sh: OK: ABI of $(basename "$ABI_LIB") matches the baseline (additions allowed)"

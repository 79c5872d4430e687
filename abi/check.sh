#!/bin/sh
# abi/check.sh - fail if this tree's ABI differs from the committed files.
#
# 1. lib/libgovidx.map must be what abi/mkmap.sh writes from the headers;
# 2. a -g library is built and installed (abi_build in abi/build.sh);
# 3. abi_compare: its exported function set must equal the one recorded in
#    abi/libgovidx.abi (both ways, names printed), and
#    `abidiff --headers-dir2 INC abi/libgovidx.abi LIB` must exit 0: any
#    added or removed function and any type, layout or signature change fails.
# An intended change is accepted by running abi/update.sh and committing the
# regenerated files with it (docs/abi.md).
#
# Usage: abi/check.sh [BUILD_DIR]             (or: make abi-check)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
abi_top=$srcdir
. "$srcdir/abi/build.sh"

baseline=$srcdir/abi/libgovidx.abi
if [ ! -f "$baseline" ]; then
    echo "abi/check.sh: no baseline $baseline; run abi/update.sh" >&2
    exit 2
fi
if ! command -v abidiff >/dev/null; then
    echo "abi/check.sh: abidiff not found (Debian package abigail-tools)" >&2
    exit 2
fi
map_now=$(sh "$srcdir/abi/mkmap.sh" -)
if [ "$map_now" != "$(cat "$srcdir/lib/libgovidx.map")" ]; then
    echo "abi/check.sh: FAIL: lib/libgovidx.map is not what abi/mkmap.sh writes from the headers:" >&2
    printf '%s\n' "$map_now" | diff "$srcdir/lib/libgovidx.map" - >&2 || true
    exit 1
fi
abi_build "${1:-${TMPDIR:-/tmp}/govidx-abi-check}" || exit 2
if ! abi_compare "$baseline" "$ABI_INC" "$ABI_LIB"; then
    echo "abi/check.sh: FAIL: the ABI of $(basename "$ABI_LIB") differs from $baseline" >&2
    echo "abi/check.sh: if the change is intended, run abi/update.sh and commit its files" >&2
    exit 1
fi
echo "abi/check.sh: OK: $(basename "$ABI_LIB") exports exactly the baseline's functions with the same ABI"

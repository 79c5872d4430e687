#!/bin/sh
# abi/update.sh - regenerate every committed ABI file from this tree, in one
# consistent step:
#   lib/libgovidx.map      the version script, from the GOVIDX_API
#                          declarations (abi/mkmap.sh);
#   abi/libgovidx.abi      the abidw baseline, from a -g -O0 build (abidw
#                          needs DWARF; a stripped library hides layout
#                          changes) installed with DESTDIR, recorded with
#                          --headers-dir on the installed public headers so
#                          only types reachable from them are recorded;
#   abi/include-$api/      the frozen public headers that tests/old_binary.c
#                          is compiled against.
# Then it checks that the three agree.  Commit the files it writes.
#
# Usage: abi/update.sh [BUILD_DIR]            (or: make abi-update)
#
# SPDX-License-Identifier: MIT
set -eu

# The API whose headers are frozen.  After its release this directory is
# kept as is: a later API gets its own (api=1.1) and the old-binary test
# stays compiled against 1.0.
api=1.0

srcdir=$(cd "$(dirname "$0")/.." && pwd)
abi_top=$srcdir
. "$srcdir/abi/build.sh"

sh "$srcdir/abi/mkmap.sh"
abi_build "${1:-${TMPDIR:-/tmp}/govidx-abi-update}" || exit 2
abidw --no-corpus-path --headers-dir "$ABI_INC" --out-file "$srcdir/abi/libgovidx.abi" "$ABI_LIB"
frozen=$srcdir/abi/include-$api
rm -rf "$frozen"
mkdir -p "$frozen"
cp -R "$ABI_INC"/. "$frozen"/

# the three sets must agree; a difference here is a bug in these scripts
t=$(mktemp -d "${TMPDIR:-/tmp}/govidx-abi.XXXXXX")
sh "$srcdir/abi/symbols.sh" headers "$srcdir/include" >"$t/headers"
sh "$srcdir/abi/symbols.sh" headers "$frozen" >"$t/frozen"
sh "$srcdir/abi/symbols.sh" map "$srcdir/lib/libgovidx.map" >"$t/map"
sh "$srcdir/abi/symbols.sh" baseline "$srcdir/abi/libgovidx.abi" >"$t/base"
ok=1
for f in frozen map base; do
    cmp -s "$t/headers" "$t/$f" || { echo "abi/update.sh: $f differs from the headers:" >&2; diff "$t/headers" "$t/$f" >&2 || true; ok=0; }
done
rm -rf "$t"
[ $ok = 1 ] || exit 1
echo "abi/update.sh: wrote lib/libgovidx.map, abi/libgovidx.abi and abi/include-$api/ ($(sh "$srcdir/abi/symbols.sh" map "$srcdir/lib/libgovidx.map" | wc -l) functions, $(basename "$ABI_LIB"))"

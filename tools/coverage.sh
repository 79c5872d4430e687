#!/bin/sh
# tools/coverage.sh - line and branch coverage of lib/ by `make check`.
#
# Configures a separate build directory (default /tmp/govidx-cov, or $1)
# with --coverage -O0, runs `make check` there, then prints gcovr's line
# and branch summary for lib/ only (Debian package gcovr) and writes
# coverage.txt (per file) and coverage.json (summary) in the build directory.
#
# Usage: tools/coverage.sh [BUILD_DIR]     (or: make coverage)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-${TMPDIR:-/tmp}/govidx-cov}
jobs=${JOBS:-2}

command -v gcovr >/dev/null || { echo "coverage: gcovr is not installed (apt-get install gcovr)" >&2; exit 2; }
mkdir -p "$builddir"
cd "$builddir"
# a govidx build directory configured from another source tree starts afresh
if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        ! grep -qx "abs_top_srcdir = $srcdir" Makefile; then
    rm -rf ./* ./.[!.]* 2>/dev/null || true
fi
if [ ! -f Makefile ]; then
    "$srcdir/configure" -q CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage"
fi
make -j"$jobs"
find . -name '*.gcda' -delete
make -j"$jobs" check || { echo "coverage: make check failed" >&2; exit 1; }
find . -name '*conftest*.gcno' -delete # configure's probes, not govidx
gcovr -r "$srcdir" --object-directory "$builddir" --filter "$srcdir/lib/" \
    --txt coverage.txt --json-summary coverage.json --print-summary

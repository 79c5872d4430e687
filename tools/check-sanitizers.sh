#!/bin/sh
# tools/check-sanitizers.sh - run the whole `make check` under ASan + UBSan.
#
# Configures a separate build directory (default /tmp/govidx-asan, or $1)
# from this source tree with AddressSanitizer and UndefinedBehaviorSanitizer
# (any UB report is fatal), builds, and runs `make check` there.  Leaks that
# HDF5 itself makes on its error paths are suppressed by fuzz/lsan.supp;
# every other leak fails the run.  Exit status is make's.
#
# Usage: tools/check-sanitizers.sh [BUILD_DIR]     (or: make check-asan)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-${TMPDIR:-/tmp}/govidx-asan}
jobs=${JOBS:-2}

SAN='-fsanitize=address,undefined'
CFLAGS="-O1 -g $SAN -fno-omit-frame-pointer -fno-sanitize-recover=all"
LDFLAGS="$SAN"

# detect_leaks: LSan runs at exit of every test program.
# allocator_may_return_null: huge allocations (tests of size caps) return
# NULL as plain malloc does, instead of aborting the test.
ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:abort_on_error=0:strict_string_checks=1:check_initialization_order=1"
LSAN_OPTIONS="suppressions=$srcdir/fuzz/lsan.supp:print_suppressions=0"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# GOVIDX_QUICK: tests/test_dea's frame-versus-full-LP check on 300 DMUs
# instead of 700 (the same code paths; the full size runs in `make check`).
GOVIDX_QUICK=1
export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS GOVIDX_QUICK

mkdir -p "$builddir"
cd "$builddir"
# a govidx build directory configured from another source tree starts afresh
if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        ! grep -qx "abs_top_srcdir = $srcdir" Makefile; then
    rm -rf ./* ./.[!.]* 2>/dev/null || true
fi
if [ ! -f Makefile ]; then
    # The sanitizer flags go into CC too: `make check` also builds the
    # examples against the installed library with plain $(CC) (mk/examples.am),
    # and they must link the ASan runtime first.
    "$srcdir/configure" -q CC="${CC:-gcc} $SAN" CFLAGS="$CFLAGS" LDFLAGS="$LDFLAGS"
fi
make -j"$jobs"
status=0
make -j"$jobs" check || status=$?
if [ "$status" -ne 0 ]; then
    echo "check-sanitizers: FAILED; logs of failing tests:" >&2
    for log in $(find . -name '*.log' ! -name 'test-suite.log' ! -name 'config.log'); do
        trs=${log%.log}.trs
        if [ -f "$trs" ] && grep -q ':test-result: \(FAIL\|ERROR\)' "$trs"; then
            echo "---- $log" >&2
            tail -n 40 "$log" >&2
        fi
    done
fi
exit "$status"

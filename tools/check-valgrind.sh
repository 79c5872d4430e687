#!/bin/sh
# tools/check-valgrind.sh - run the CUnit suites and fuzz-corpus replays of
# `make check` under valgrind memcheck.
#
# Configures a separate build directory (default /tmp/govidx-valgrind, or
# $1) from this source tree with -O1 -g, builds, and runs `make check` with
# every test program started as
#   libtool --mode=execute valgrind --error-exitcode=99 --leak-check=full
#     --errors-for-leak-kinds=definite --suppressions=tools/valgrind.supp
# so any invalid read/write, use of uninitialised memory or definite leak
# fails the test.  tools/valgrind.supp only holds reports inside HDF5,
# OpenBLAS and the C library's one-time initialisation, nothing of govidx's.
# The TAP scripts (which run the govidx command) run natively.
# GOVIDX_KILL_ROUNDS is lowered to 20 (each round forks a writer).
# VALGRIND_EXCLUDE lists test programs to leave out (CI leaves out the
# slowest, tests/test_dea, which takes most of the 13 minutes).
#
# Usage: tools/check-valgrind.sh [BUILD_DIR]     (or: make check-valgrind)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-${TMPDIR:-/tmp}/govidx-valgrind}
jobs=${JOBS:-2}

mkdir -p "$builddir"
cd "$builddir"
# a govidx build directory configured from another source tree starts afresh
if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        ! grep -qx "abs_top_srcdir = $srcdir" Makefile; then
    rm -rf ./* ./.[!.]* 2>/dev/null || true
fi
if [ ! -f Makefile ]; then
    "$srcdir/configure" -q CFLAGS="-O1 -g"
fi
make -j"$jobs"
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --suppressions=$srcdir/tools/valgrind.supp --num-callers=30"
GOVIDX_KILL_ROUNDS=20 OPENBLAS_NUM_THREADS=1
export GOVIDX_KILL_ROUNDS OPENBLAS_NUM_THREADS
status=0
tests=
# only the programs that are tests themselves (tests/old_binary, say, is a
# check program that tests/old-binary.tap runs)
registered=" $(make -s print-tests) "
for t in $(make -s print-check-programs); do
    case "$registered" in
        *" $t "*) ;;
        *) continue ;;
    esac
    case " ${VALGRIND_EXCLUDE:-} " in
        *" $t "*) ;;
        *) tests="$tests $t" ;;
    esac
done
make -j"$jobs" check TESTS="$tests" EXAMPLE_PROGRAMS_SRC= \
    LOG_COMPILER="$builddir/libtool" AM_LOG_FLAGS="--mode=execute $vg" || status=$?
if [ "$status" -ne 0 ]; then
    echo "check-valgrind: FAILED; logs of failing tests:" >&2
    for log in $(find . -name '*.log' ! -name 'test-suite.log' ! -name 'config.log'); do
        trs=${log%.log}.trs
        if [ -f "$trs" ] && grep -q ':test-result: \(FAIL\|ERROR\)' "$trs"; then
            echo "---- $log" >&2
            tail -n 60 "$log" >&2
        fi
    done
fi
exit "$status"

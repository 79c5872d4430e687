#!/bin/sh
# tools/check-tsan.sh - ThreadSanitizer over the multi-threaded tests.
#
# Configures a separate build directory (default /tmp/govidx-tsan, or $1)
# with gcc's -fsanitize=thread and runs the tests that start threads:
# tests/test_execute_threads (one plan executed from 8 threads at once, and
# the plan's own year threads), tests/test_dea (DEA over 2 worker threads),
# tests/test_dataset (concurrent readers), tests/test_uncertainty (the
# replication workers, 1 to 8 threads) and tests/test_validate_isolated
# (4 threads validating in spawned helpers at once).  Any data-race report fails
# (TSAN_OPTIONS halt_on_error=1, exitcode=66).  OpenBLAS runs
# single-threaded (OPENBLAS_NUM_THREADS=1): its own thread pool is not
# instrumented and is outside govidx.
#
# TSAN_QUICK=1 (CI) runs only test_dea's threaded progress/cancel test
# (GX_ONLY): the whole of test_dea takes over ten minutes under TSan.
#
# Usage: tools/check-tsan.sh [BUILD_DIR]     (or: make check-tsan)
#
# SPDX-License-Identifier: MIT
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-${TMPDIR:-/tmp}/govidx-tsan}
jobs=${JOBS:-2}

TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1"
OPENBLAS_NUM_THREADS=1
export TSAN_OPTIONS OPENBLAS_NUM_THREADS

mkdir -p "$builddir"
cd "$builddir"
# a govidx build directory configured from another source tree starts afresh
if [ -f Makefile ] && grep -qx "PACKAGE_NAME = govidx" Makefile &&
        ! grep -qx "abs_top_srcdir = $srcdir" Makefile; then
    rm -rf ./* ./.[!.]* 2>/dev/null || true
fi
if [ ! -f Makefile ]; then
    "$srcdir/configure" -q CC="${CC:-gcc} -fsanitize=thread" CFLAGS="-O1 -g -fno-omit-frame-pointer" \
        LDFLAGS="-fsanitize=thread"
fi
make -j"$jobs"
make -j"$jobs" check TESTS="tests/test_execute_threads tests/test_dataset tests/test_uncertainty tests/test_validate_isolated" \
    EXAMPLE_PROGRAMS_SRC=
if [ "${TSAN_QUICK:-0}" = 1 ]; then
    GX_ONLY="progress and cancel" make check TESTS="tests/test_dea" EXAMPLE_PROGRAMS_SRC=
else
    make check TESTS="tests/test_dea" EXAMPLE_PROGRAMS_SRC=
fi

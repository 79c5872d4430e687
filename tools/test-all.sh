#!/bin/bash
# The whole test suite: configure in build/, build, make check, make distcheck.
# This is the README's test command and what CI runs.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure --enable-silent-rules
make -j"$(nproc)"
make -j"$(nproc)" check || { find . -name '*.log' -path '*tests*' -exec grep -l -E '^(FAIL|ERROR)' {} + | xargs -r tail -n 60; exit 1; }
make -j"$(nproc)" distcheck

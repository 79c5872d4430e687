#!/bin/bash
# The whole test suite, from a fresh Debian 12 machine: install the
# dependencies, configure in build/, build, `make check`, `make distcheck`.
# This is the README's test command and what CI runs.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
bash tools/install-deps.sh
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure --enable-silent-rules
make -j"$(nproc)"
if ! make -j"$(nproc)" check; then
  for log in $(grep -l -E '^(FAIL|ERROR)' $(find . -name '*.log') 2>/dev/null); do
    echo "==== $log"; tail -n 80 "$log"
  done
  exit 1
fi
make -j"$(nproc)" distcheck

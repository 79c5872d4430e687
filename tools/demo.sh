#!/bin/bash
# The main job on a fresh Debian 12 machine: install the dependencies, build
# govidx, then check and summarise the shipped demo dataset and compute its
# indices.  Outputs go to build/demo/.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
bash tools/install-deps.sh
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure --enable-silent-rules
make -j"$(nproc)" >/dev/null
data="$top/datasets/demo-cities.h5"
mkdir -p demo
echo "== govidx validate $data"
./tools/govidx validate "$data"
echo "== govidx summary $data"
./tools/govidx summary "$data"

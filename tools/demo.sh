#!/bin/bash
# The main job on a fresh Debian 12 machine: install the dependencies, build
# govidx, then check and summarise the shipped demo dataset and compute its
# index tree.  Outputs go to build/demo/.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
bash tools/install-deps.sh
[ -x configure ] || autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] || ../configure --enable-silent-rules
make -j"$(nproc)" >/dev/null
# the uninstalled library starts the build tree's validator helper
export GOVIDX_LIBEXECDIR="$PWD/tools"
data="$top/datasets/demo-cities.h5"
mkdir -p demo
echo "== govidx validate $data"
./tools/govidx validate "$data"
echo
echo "== govidx summary $data"
./tools/govidx summary "$data"
echo
echo "== govidx compute $data --csv demo/scores.csv"
echo "   (min-max 0-100 per year, weighted arithmetic means up the index tree)"
./tools/govidx compute "$data" --csv demo/scores.csv
echo "wrote build/demo/scores.csv: $(($(wc -l < demo/scores.csv) - 1)) rows (unit,year,node,score,rank)"
root=$(tail -n 1 demo/scores.csv | cut -d, -f3)
last=$(tail -n 1 demo/scores.csv | cut -d, -f2)
echo
echo "== top 5 units on '$root' in $last"
grep ",$last,$root," demo/scores.csv | sort -t, -k5,5n | head -n 5
echo
echo "== headline indices: govidx compute --index openness|coverage"
./tools/govidx compute "$data" --index openness --csv demo/openness.csv
./tools/govidx compute "$data" --index coverage --csv demo/coverage.csv
echo "wrote build/demo/openness.csv and build/demo/coverage.csv"
echo "coverage (inequality-adjusted level) in $last, best 5:"
grep ",$last,coverage.adjusted," demo/coverage.csv | sort -t, -k5,5n | head -n 5
echo
echo "== collaboration efficiency: govidx compute --index collaboration, govidx network"
./tools/govidx compute "$data" --index collaboration --csv demo/collaboration.csv
./tools/govidx network "$data" --year "$last" --csv demo/networks.csv
echo "wrote build/demo/collaboration.csv (CE and its four layers) and build/demo/networks.csv"
echo "collaboration efficiency (CE) in $last, best 5:"
grep ",$last,CE," demo/collaboration.csv | sort -t, -k5,5n | head -n 5
echo
echo "== DEA efficiency of the cities in $last: govidx dea"
./tools/govidx dea "$data" --year "$last" --csv demo/dea.csv
echo "wrote build/demo/dea.csv ($(($(wc -l < demo/dea.csv) - 1)) DMUs, $(awk -F, 'NR>1 && $2 == 1' demo/dea.csv | wc -l) efficient)"
echo
echo "== the evaluator's report: govidx report -o report.html --json --xlsx"
echo "   (the composite and the three headline indices of $last against the year before, one"
echo "    profile per city, group summaries, methodology annex, data quality)"
echo "   a short uncertainty run first (200 replications, weights noise 25%): rank intervals"
./tools/govidx uncertainty "$data" --replications 200 --weights-noise 0.25 --csv demo/uncertainty.csv
./tools/govidx report "$data" --uncertainty-csv demo/uncertainty.csv \
  -o demo/report.html --json demo/report.json --xlsx demo/report.xlsx
echo
echo "The report is $PWD/demo/report.html"
echo "(open it in a browser; its tables are also in build/demo/report.json and build/demo/report.xlsx)"

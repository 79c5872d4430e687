#!/bin/sh
# datasets/convert.sh - regenerate every shipped datasets/*.h5.
#
#   sh datasets/convert.sh --govidx PATH/TO/govidx --synth PATH/TO/govidx-synth [--srcdir TOP]
#
# 1. datasets/prepare.py turns the upstream CSVs in datasets/*/source/ into
#    import CSVs (data.csv, meta.csv, ... next to each source/ folder);
# 2. `govidx import` turns those into format-v1 files datasets/<name>.h5;
# 3. `govidx-synth` writes the synthetic demo, datasets/demo-cities.h5;
# 4. `govidx validate` checks every file.
# `make datasets` runs this with the freshly built tools.  The output is
# reproducible: the same CSVs and tools give the same numbers.
# SPDX-License-Identifier: MIT
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
govidx=govidx
synth=govidx-synth
python=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case $1 in
    --srcdir) top=$(cd "$2" && pwd); shift 2 ;;
    --govidx) govidx=$2; shift 2 ;;
    --synth) synth=$2; shift 2 ;;
    *) echo "convert.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
ds="$top/datasets"

"$python" "$ds/prepare.py" --datasets "$ds"

imp() { # imp OUT.h5 ARGS... : import, replacing OUT
  out=$1; shift
  rm -f "$out"
  "$govidx" import "$@" -o "$out"
}

imp "$ds/godi.h5" --data "$ds/godi/data.csv" --meta "$ds/godi/meta.csv" \
  --inventory "$ds/godi/inventory.csv" \
  --title "Global Open Data Index 2013-2015 (Open Knowledge)" \
  --source "Open Knowledge, Global Open Data Index; okfn/opendataindex, branch gh-pages, folder api/" \
  --licence "ODC-PDDL-1.0"

imp "$ds/eu-odm-2023.h5" --data "$ds/eu-odm-2023/data.csv" --meta "$ds/eu-odm-2023/meta.csv" \
  --title "EU Open Data Maturity 2023: question scores" \
  --source "European Commission, data.europa.eu, Open Data Maturity Report 2023 (questionnaires as converted in tursics/maturity-report)" \
  --licence "CC-BY-4.0"

imp "$ds/acs-b28002.h5" --data "$ds/acs-b28002/data.csv" --meta "$ds/acs-b28002/meta.csv" \
  --districts "$ds/acs-b28002/districts.csv" \
  --title "ACS 2017-2021 table B28002: household internet subscriptions (AL, GA, VA, MD, DC)" \
  --source "US Census Bureau, American Community Survey 5-year 2017-2021, table B28002; extracts of uva-bi-sdad/sdc.broadband.acs" \
  --licence "public-domain (US federal work)"

imp "$ds/emon.h5" --data "$ds/emon/data.csv" --meta "$ds/emon/meta.csv" \
  --actors "$ds/emon/actors.csv" --edges "$ds/emon/edges.csv" \
  --title "EMON: seven multi-organisational search-and-rescue networks (Drabek et al. 1981)" \
  --source "Drabek, Tamminga, Kilijanek & Adams (1981), Managing Multiorganizational Emergency Responses; the emon data of the statnet network R package" \
  --licence "GPL-2.0-or-later"

imp "$ds/asem.h5" --data "$ds/asem/source/iData.csv" --meta "$ds/asem/source/iMeta.csv" \
  --title "ASEM sustainable connectivity (COINr example data)" \
  --source "COINr R package (bluefoxr/COINr), ASEM_iData and ASEM_iMeta" \
  --licence "MIT"

for set in deap-eg1 tokyo-libraries pft1981 tone2001; do
  case $set in
    deap-eg1) title="DEAP example 1 (Coelli 1996)"; src="Coelli (1996), A Guide to DEAP Version 2.1, CEPA Working Paper 96/08" ;;
    tokyo-libraries) title="23 Tokyo public libraries (Cooper, Seiford & Tone 2007)"; src="Cooper, Seiford & Tone (2007), Data Envelopment Analysis, 2nd ed." ;;
    pft1981) title="Program Follow Through, 70 school sites (Charnes, Cooper & Rhodes 1981), transcription A"; src="Charnes, Cooper & Rhodes (1981), Management Science 27(6):668-697" ;;
    tone2001) title="SBM worked example (Tone 2001)"; src="Tone (2001), European Journal of Operational Research 130:498-509" ;;
  esac
  imp "$ds/dea-$set.h5" --data "$ds/dea/$set/data.csv" --meta "$ds/dea/$set/meta.csv" \
    --dea "$ds/dea/$set/dea.csv" --title "$title" --source "$src" \
    --licence "facts from a published work"
done

"$synth" --seed 20231 --cities 30 --years 5 --indicators 36 --districts-per-city 3 \
  --actors-per-city 12 --inventory-datasets 10 --last-year 2023 \
  --title "Demo: 30 Chinese cities, 2019-2023 (SYNTHETIC data)" -o "$ds/demo-cities.h5"

for f in "$ds"/*.h5; do
  "$govidx" validate "$f" >/dev/null
done

# the writers leave their advisory lock files (.NAME.h5.lock, see
# docs/reliability.md); nothing else writes these files during the
# conversion, so they are removed rather than shipped
for f in "$ds"/*.h5; do
  rm -f "$ds/.$(basename "$f").lock"
done

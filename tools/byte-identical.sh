#!/bin/sh
# tools/byte-identical.sh - sha256 of every computing command's output on
# every shipped dataset, to show that a refactor changes no number.
#
#   tools/byte-identical.sh BUILDDIR [SRCDIR] > hashes.txt
#   diff before.txt hashes.txt        # empty when the outputs are identical
#
# Each line is "sha256  name" where name says the command; stdout, stderr
# and the exit status of every command are hashed too, so a changed message
# shows as well as a changed number.  Commands run inside a scratch
# directory with relative paths, so messages carry no temporary names.
set -u
b=$(cd "${1:?usage: byte-identical.sh BUILDDIR [SRCDIR]}" && pwd)
s=$(cd "${2:-$(dirname "$0")/..}" && pwd)
g="$b/tools/govidx"
[ -x "$g" ] || { echo "byte-identical.sh: no $g (build first)" >&2; exit 2; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cd "$w" || exit 2
mkdir ds cat
# the datasets are copied, so a command that wrote to one would show too
for f in "$s"/datasets/*.h5 "$s"/tests/data/dataset/*.h5; do cp "$f" ds/; done
cp "$s"/tests/data/catalogue/* cat/
cp "$s"/datasets/dea/source/*.csv .
cp "$s"/datasets/emon/actors.csv "$s"/datasets/emon/edges.csv .
cp "$s"/datasets/asem/source/iData.csv "$s"/datasets/asem/source/iMeta.csv .
cp "$s"/datasets/asem/coinr-example.json .

n=0
# run NAME ARGS...: hashes stdout+stderr+status, then every out.* it wrote
run() {
    name=$1; shift
    n=$((n + 1))
    rm -f out.* 2>/dev/null
    "$g" "$@" >stdout 2>stderr
    echo "exit=$?" >>stderr
    printf '%s  %s [stdout]\n' "$(sha256sum <stdout | cut -c1-64)" "$name"
    printf '%s  %s [stderr+exit]\n' "$(sha256sum <stderr | cut -c1-64)" "$name"
    for o in out.*; do
        [ -f "$o" ] || continue
        printf '%s  %s [%s]\n' "$(sha256sum <"$o" | cut -c1-64)" "$name" "$o"
    done
}

for f in ds/*.h5; do
    d=$(basename "$f" .h5)
    run "$d summary" summary "$f"
    run "$d validate" validate "$f"
    run "$d stats" stats "$f" --csv out.csv
    run "$d compute" compute "$f" --csv out.csv
    run "$d compute-contrib" compute "$f" --contributions out.contrib.csv --csv out.csv
    run "$d compute-levels" compute "$f" --levels 2,1 --tie-tolerance 0 --csv out.csv
    run "$d compute-openness" compute "$f" --index openness --csv out.csv
    run "$d compute-coverage" compute "$f" --index coverage --csv out.csv
    run "$d compute-collaboration" compute "$f" --index collaboration --csv out.csv
    run "$d report" report "$f"
    run "$d dea-malmquist" dea "$f" --malmquist --csv out.csv
    run "$d network" network "$f" --csv out.csv
    run "$d network-null" network "$f" --null 20 --seed 5 --csv out.csv
    run "$d compare" compare "$f" --method - --method coinr-example.json --csv out.csv
    run "$d strengths" strengths "$f" --k 2 --csv out.csv
    run "$d uncertainty" uncertainty "$f" --replications 40 --seed 7 --weights-noise 0.25 \
        --noise-levels 2,3 --quantiles 25,75 --sobol --sobol-csv out.sobol.csv --bootstrap 20 \
        --csv out.csv --params out.params.csv
    run "$d uncertainty-vary" uncertainty "$f" --replications 30 --seed 3 \
        --vary normalize.method=minmax,rank --leave-one-out --csv out.csv
done
run "acs coverage variable" compute ds/acs-b28002.h5 --index coverage --variable broadband_share --csv out.csv
run "acs report variable" report ds/acs-b28002.h5 --variable broadband_share
run "emon collaboration departments" compute ds/emon.h5 --index collaboration \
    --departments City,County,State,Federal,County/City --csv out.csv
run "emon network departments" network ds/emon.h5 --departments City,County,State,Federal,County/City --csv out.csv
run "emon network csv" network --actors actors.csv --edges edges.csv \
    --departments City,County,State,Federal,County/City --csv out.csv
run "asem coinr method" compute ds/asem.h5 --method coinr-example.json --csv out.csv
run "asem coinr method exclude" compute ds/asem.h5 --method coinr-example.json --exclude CHE,NLD --csv out.csv
run "demo nodes" compute ds/demo-cities.h5 --nodes GOVIDX,O1 --csv out.csv
for m in "--aggregate geometric" "--normalize zscore" "--normalize rank" "--aggregate copeland" \
         "--weights pca" "--aggregate bod" "--impute median"; do
    # shellcheck disable=SC2086
    run "asem compute $m" compute ds/asem.h5 $m --csv out.csv
    # shellcheck disable=SC2086
    run "demo compute $m" compute ds/demo-cities.h5 $m --csv out.csv
done
for t in deap_eg1 pft1981_copy_a tone2001; do
    run "dea $t no columns" dea "$t.csv" --csv out.csv
done
run "dea deap ccr" dea deap_eg1.csv --inputs x1,x2 --outputs y --csv out.csv
for m in bcc sbm super nirs ndrs; do
    run "dea deap $m" dea deap_eg1.csv --inputs x1,x2 --outputs y --model "$m" --csv out.csv
done
run "dea tokyo category" dea tokyo_libraries.csv --inputs area,books,staff --outputs registered,borrowed \
    --category category --csv out.csv
run "dea tone sbm" dea tone2001.csv --model sbm --csv out.csv
# (the file itself holds HDF5 timestamps: what is read back is hashed)
run "import asem" import --data iData.csv --meta iMeta.csv -o imported.h5
run "import asem then compute" compute imported.h5 --csv out.csv
run "import asem then summary" summary imported.h5
for c in cat/dcat-us.json cat/ckan-package-search.json cat/socrata-discovery.json cat/flat.csv; do
    run "catalogue $c" catalogue --reference-date 2020-06-30 --catalogue "$c" -o out.csv
done
run "catalogue framework" catalogue --reference-date 2020-06-30 --framework -o out.csv \
    --catalogue cat/dcat-us.json --catalogue-unit tempe --catalogue-year 2020 --population 195805 \
    --catalogue cat/socrata-discovery.json --catalogue-unit chicago --catalogue-year 2020
# the dataset copies are unchanged by every command above
for f in ds/*.h5; do
    printf '%s  %s [after all commands]\n' "$(sha256sum <"$f" | cut -c1-64)" "$f"
done
echo "# $n commands" >&2

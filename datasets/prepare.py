#!/usr/bin/env python3
"""Convert the upstream CSVs in datasets/*/source/ into govidx import CSVs.

    python3 datasets/prepare.py [--datasets DIR] [NAME ...]

NAME is one of godi, eu-odm-2023, acs-b28002, emon, asem, dea (default: all).
For each data set the script writes, next to its source/ folder, the CSV files
that `govidx import` reads (see docs/methods/import.md):

  data.csv       the panel in COINr iData layout: uName, uCode, *_group
                 columns, Time, then one column per variable ("NA" = missing)
  meta.csv       the variables and the index tree in COINr iMeta layout
                 (Level, iCode, iName, Direction, Weight, Unit, Target,
                 Denominator, Parent, Type) plus GoalLow, GoalHigh, Source
  inventory.csv  open-data inventory entries          (godi)
  districts.csv  sub-city units with population        (acs-b28002)
  actors.csv, edges.csv  collaboration networks        (emon)
  dea.csv        DEA input/output declarations         (dea-*)

Only the Python standard library is used; the output is byte-for-byte
reproducible (fixed row order, fixed number formatting, "\\n" line ends).
SPDX-License-Identifier: MIT
"""
import argparse
import collections
import csv
import os
import sys

NA = "NA"

META_HEADER = ["Level", "iCode", "iName", "Direction", "Weight", "Unit", "Target",
               "Denominator", "Parent", "Type", "GoalLow", "GoalHigh", "Source"]


def num(x):
    """Format a number without trailing noise: 30.0 -> 30, 0.25 -> 0.25."""
    if x is None or x == "":
        return NA
    if isinstance(x, str):
        return x
    if x != x:  # NaN
        return NA
    r = round(float(x), 10)
    if r == int(r) and abs(r) < 1e15:
        return str(int(r))
    return repr(r)


def read_csv(path, delimiter=","):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def meta_row(level=NA, code="", name="", direction=NA, weight=NA, unit=NA, target=NA,
             denominator=NA, parent=NA, typ="Indicator", goal_low=NA, goal_high=NA, source=NA):
    return [num(level), code, name, num(direction), num(weight), unit or NA, num(target),
            denominator or NA, parent or NA, typ, num(goal_low), num(goal_high), source or NA]


def write_idata(path, units, groups, years, codes, value):
    """units: list of (code, name); groups: list of (column, {unit: label});
    value(unit, year, code) -> number or None."""
    header = ["uName", "uCode"] + [g for g, _ in groups] + ["Time"] + codes
    rows = []
    for ucode, uname in units:
        for y in years:
            row = [uname, ucode] + [labels.get(ucode, NA) or NA for _, labels in groups] + [str(y)]
            row += [num(value(ucode, y, c)) for c in codes]
            rows.append(row)
    write_csv(path, header, rows)


# --------------------------------------------------------------------------
# GODI 2013-2015
# --------------------------------------------------------------------------

GODI_CRITERIA = ["exists", "digital", "public", "free", "online", "machinereadable", "bulk",
                 "openlicense", "uptodate"]
# The published entry-score weights (Open Knowledge, GODI methodology 2013-2015).
GODI_WEIGHTS = {"exists": 5, "digital": 5, "public": 5, "free": 15, "online": 5,
                "machinereadable": 15, "bulk": 10, "openlicense": 30, "uptodate": 10}


def prepare_godi(top):
    d = os.path.join(top, "godi")
    entries = read_csv(os.path.join(d, "source", "entries_2013_2015.csv"))
    places = read_csv(os.path.join(d, "source", "place_scores_2013_2015.csv"))
    names, region, continent = {}, {}, {}
    for r in places + entries:
        names[r["place"]] = r["name"]
        region[r["place"]] = r["region"]
        continent[r["place"]] = r["continent"]
    units = sorted(names.items())
    years = [2013, 2014, 2015]
    datasets = sorted({r["dataset"] for r in entries})
    in_index = collections.defaultdict(set)
    for r in entries:
        in_index[r["dataset"]].add(int(r["year"]))
    vals = {}
    for r in places:
        vals[(r["place"], int(r["year"]), "godi_score_published")] = float(r["score_published"])
        vals[(r["place"], int(r["year"]), "godi_rank_published")] = float(r["rank_published"])
        vals[(r["place"], int(r["year"]), "godi_n_datasets")] = float(r["n_datasets_in_index"])
    for r in entries:
        vals[(r["place"], int(r["year"]), "entry_" + r["dataset"])] = float(r["score_published"])
    codes = ["entry_" + ds for ds in datasets] + ["godi_score_published", "godi_rank_published",
                                                   "godi_n_datasets"]
    write_idata(os.path.join(d, "data.csv"), units,
                [("Region_group", region), ("Continent_group", continent)], years, codes,
                lambda u, y, c: vals.get((u, y, c)))
    meta = [meta_row(code="Region_group", name="Region", typ="Group"),
            meta_row(code="Continent_group", name="Continent", typ="Group")]
    for ds in datasets:
        yrs = sorted(in_index[ds])
        meta.append(meta_row(1, "entry_" + ds, "Published entry score: %s (in the index %s)"
                             % (ds, ", ".join(str(y) for y in yrs)),
                             1, 1, "Points (0-100)", NA, NA, "GODI", "Indicator", 0, 100,
                             "GODI published entry score"))
    meta.append(meta_row(2, "GODI", "Global Open Data Index place score (mean entry score)", 1, 1,
                         "Points (0-100)", typ="Aggregate"))
    meta.append(meta_row(NA, "godi_score_published", "Published place score", 1, NA, "Percent",
                         typ="Other", source="GODI published place score"))
    meta.append(meta_row(NA, "godi_rank_published", "Published place rank", -1, NA, "Rank",
                         typ="Other", source="GODI published place rank"))
    meta.append(meta_row(NA, "godi_n_datasets", "Datasets in that year's index", 1, NA, "Datasets",
                         typ="Other", source="GODI"))
    write_csv(os.path.join(d, "meta.csv"), META_HEADER, meta)
    inv = []
    for r in sorted(entries, key=lambda r: (r["place"], int(r["year"]), r["dataset"])):
        inv.append([r["place"], r["year"], r["dataset"], "", ""] +
                   [r[c] for c in GODI_CRITERIA] + ["", "", "", ""])
    write_csv(os.path.join(d, "inventory.csv"),
              ["unit", "year", "dataset", "category", "department"] + GODI_CRITERIA +
              ["format", "licence", "last_update", "update_frequency"], inv)


# --------------------------------------------------------------------------
# EU Open Data Maturity 2023
# --------------------------------------------------------------------------

EU_COUNTRIES = {
    "AL": "Albania", "AT": "Austria", "BA": "Bosnia and Herzegovina", "BE": "Belgium",
    "BG": "Bulgaria", "CH": "Switzerland", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "EL": "Greece", "ES": "Spain", "FI": "Finland",
    "FR": "France", "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IS": "Iceland",
    "IT": "Italy", "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "ME": "Montenegro",
    "MT": "Malta", "NL": "Netherlands", "NO": "Norway", "PL": "Poland", "PT": "Portugal",
    "RO": "Romania", "RS": "Serbia", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia",
    "UA": "Ukraine",
}
EU27 = set("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
# The four ODM dimensions, in the questionnaire's numbering.
EU_DIMENSIONS = {"1": "Open data policy", "2": "Open data impact", "3": "Open data portal",
                 "4": "Open data quality"}


def question_key(q):
    digits = "".join(ch for ch in q if ch.isdigit())
    return (int(digits), q)


def prepare_eu_odm(top):
    d = os.path.join(top, "eu-odm-2023")
    rows = read_csv(os.path.join(d, "source", "question_scores.csv"))
    questions = collections.OrderedDict()
    score = {}
    for r in rows:
        key = (r["dimension"], r["subdimension"], r["question"])
        questions.setdefault(key, r["weight_in_scoring_table"])
        s = r["score_published"].strip()
        score[(r["country"], "Q" + r["question"])] = None if s in ("", "N/A") else float(s)
    qlist = sorted(questions, key=lambda k: (int(k[0]), [int(x) for x in k[1].split(".")],
                                             question_key(k[2])))
    units = sorted((c, EU_COUNTRIES[c]) for c in {r["country"] for r in rows})
    member = {c: ("EU27" if c in EU27 else "non-EU") for c, _ in units}
    codes = ["Q" + q for _, _, q in qlist]
    write_idata(os.path.join(d, "data.csv"), units, [("EU_group", member)], [2023], codes,
                lambda u, y, c: score.get((u, c)))
    meta = [meta_row(code="EU_group", name="EU member state (EU27) or not", typ="Group")]
    sub_w = collections.OrderedDict()
    for dim, sub, q in qlist:
        w = questions[(dim, sub, q)]
        if w in ("", "0"):
            # Not scored in the published table: carried along, outside the tree.
            meta.append(meta_row(NA, "Q" + q, "Question %s (sub-dimension %s, not scored)" % (q, sub),
                                 1, NA, "Points", typ="Other", source="ODM 2023 questionnaire"))
            continue
        w = float(w)
        sub_w[sub] = sub_w.get(sub, 0.0) + w
        meta.append(meta_row(1, "Q" + q, "Question %s (sub-dimension %s)" % (q, sub), 1, w,
                             "Points (0-%s)" % num(w), w, NA, "D" + sub, "Indicator", 0, w,
                             "ODM 2023 questionnaire"))
    dim_w = collections.OrderedDict()
    for sub, w in sub_w.items():
        dim = sub.split(".")[0]
        dim_w[dim] = dim_w.get(dim, 0.0) + w
        meta.append(meta_row(2, "D" + sub, "Sub-dimension %s" % sub, 1, w, "Points", parent="D" + dim,
                             typ="Aggregate"))
    for dim, w in dim_w.items():
        meta.append(meta_row(3, "D" + dim, EU_DIMENSIONS[dim], 1, w, "Points", parent="ODM",
                             typ="Aggregate"))
    meta.append(meta_row(4, "ODM", "Open Data Maturity 2023", 1, 1, "Points", typ="Aggregate"))
    write_csv(os.path.join(d, "meta.csv"), META_HEADER, meta)


# --------------------------------------------------------------------------
# ACS 2017-2021 table B28002 (household internet subscriptions)
# --------------------------------------------------------------------------

STATES = {"01": "Alabama", "11": "District of Columbia", "13": "Georgia", "24": "Maryland",
          "51": "Virginia"}
NAMED_COUNTIES = {"11001": "Washington DC", "24510": "Baltimore city", "51760": "Richmond city",
                  "13121": "Fulton County (Atlanta)", "51013": "Arlington County"}


def prepare_acs(top):
    d = os.path.join(top, "acs-b28002")
    rows = read_csv(os.path.join(d, "source", "blockgroups_2021.csv"))
    by_county = collections.OrderedDict()
    for r in sorted(rows, key=lambda r: r["geoid"]):
        by_county.setdefault(r["county_fips"], []).append(r)
    units = []
    state = {}
    vals = {}
    for fips in sorted(by_county):
        name = NAMED_COUNTIES.get(fips, "County %s" % fips) + ", " + STATES[fips[:2]]
        units.append((fips, name))
        state[fips] = STATES[fips[:2]]
        bgs = by_county[fips]
        hh = sum(float(r["households"]) for r in bgs)
        bb = sum(float(r["broadband_any"]) for r in bgs)
        cfd = sum(float(r["cable_fiber_dsl"]) for r in bgs)
        noi = sum(float(r["no_internet"]) for r in bgs)
        shares = [100.0 * float(r["broadband_any"]) / float(r["households"])
                  for r in bgs if float(r["households"]) > 0]
        vals[(fips, "households")] = hh
        vals[(fips, "block_groups")] = len(bgs)
        vals[(fips, "broadband_hh_weighted")] = round(100.0 * bb / hh, 6) if hh > 0 else None
        vals[(fips, "broadband_bg_mean")] = round(sum(shares) / len(shares), 6) if shares else None
        vals[(fips, "cable_fiber_dsl_share")] = round(100.0 * cfd / hh, 6) if hh > 0 else None
        vals[(fips, "no_internet_share")] = round(100.0 * noi / hh, 6) if hh > 0 else None
    codes = ["broadband_hh_weighted", "broadband_bg_mean", "cable_fiber_dsl_share",
             "no_internet_share", "households", "block_groups"]
    write_idata(os.path.join(d, "data.csv"), units, [("State_group", state)], [2021], codes,
                lambda u, y, c: vals.get((u, c)))
    src = "ACS 2017-2021 5-year, table B28002"
    meta = [meta_row(code="State_group", name="State", typ="Group"),
            meta_row(1, "broadband_hh_weighted",
                     "Households with a broadband subscription (household-weighted county share)",
                     1, 1, "Percent", parent="Coverage", goal_low=0, goal_high=100, source=src),
            meta_row(1, "cable_fiber_dsl_share",
                     "Households with cable, fibre-optic or DSL broadband", 1, 1, "Percent",
                     parent="Coverage", goal_low=0, goal_high=100, source=src),
            meta_row(1, "no_internet_share", "Households without any internet access", -1, 1,
                     "Percent", parent="Coverage", goal_low=0, goal_high=100, source=src),
            meta_row(2, "Coverage", "Household internet coverage", 1, 1, "Percent",
                     typ="Aggregate"),
            meta_row(NA, "broadband_bg_mean",
                     "Broadband share as the unweighted mean of block-group shares (UVA SDAD method)",
                     1, NA, "Percent", typ="Other", source=src),
            meta_row(NA, "households", "Households (B28002_001)", 1, NA, "Households",
                     typ="Denominator", source=src),
            meta_row(NA, "block_groups", "Census block groups in the county", 1, NA, "Block groups",
                     typ="Other", source=src)]
    write_csv(os.path.join(d, "meta.csv"), META_HEADER, meta)
    # Districts: tracts (level 1) and block groups (level 2) of the five named
    # cities/counties only, to keep the shipped file small.
    drows = []
    for fips in sorted(NAMED_COUNTIES):
        tracts = collections.OrderedDict()
        for r in by_county[fips]:
            tracts.setdefault(r["tract_geoid"], []).append(r)
        for tract, bgs in tracts.items():
            hh = sum(float(r["households"]) for r in bgs)
            drows.append([tract, "Census tract %s" % tract, fips, "", "1", "2021", num(hh),
                          NA, NA, NA, NA])
            for r in bgs:
                h = float(r["households"])
                def share(col):
                    return num(round(float(r[col]) / h, 8)) if h > 0 else NA
                drows.append([r["geoid"], "Block group %s" % r["geoid"], fips, tract, "2", "2021",
                              num(h), share("broadband_any"), share("cable_fiber_dsl"),
                              share("no_internet"), num(float(r["households_moe"]))])
    write_csv(os.path.join(d, "districts.csv"),
              ["district", "name", "unit", "parent", "level", "year", "population",
               "broadband_share", "cable_fiber_dsl_share", "no_internet_share", "households_moe"],
              drows)


# --------------------------------------------------------------------------
# EMON (Drabek et al. 1981) search-and-rescue networks
# --------------------------------------------------------------------------

def prepare_emon(top):
    d = os.path.join(top, "emon")
    orgs = read_csv(os.path.join(d, "source", "organisations.csv"))
    ties = read_csv(os.path.join(d, "source", "ties.csv"))
    networks = []
    for r in orgs:
        if r["network"] not in networks:
            networks.append(r["network"])
    actors = []
    for r in orgs:
        actors.append(["%s:%s" % (r["network"], r["vertex_id"]), r["name"].replace(".", " ").strip(),
                       r["network"], r["sponsorship"],
                       "local" if r["location"] == "L" else "non-local"])
    write_csv(os.path.join(d, "actors.csv"), ["actor", "name", "unit", "sector", "level"], actors)
    edges = []
    for r in ties:
        # frequency 1 = continuously ... 4 = about once a day or less;
        # strength = 5 - frequency, so a larger weight is a stronger tie.
        edges.append([r["network"], "1981", "interaction", "%s:%s" % (r["network"], r["from"]),
                      "%s:%s" % (r["network"], r["to"]), str(5 - int(r["frequency"]))])
    write_csv(os.path.join(d, "edges.csv"), ["unit", "year", "layer", "from", "to", "weight"], edges)
    vals = {}
    for n in networks:
        os_ = [r for r in orgs if r["network"] == n]
        vals[(n, "organisations")] = len(os_)
        vals[(n, "ties")] = sum(1 for t in ties if t["network"] == n)
        vals[(n, "paid_staff")] = sum(float(r["paid_staff"]) for r in os_ if r["paid_staff"] not in ("", "NA"))
        vals[(n, "volunteer_staff")] = sum(float(r["volunteer_staff"]) for r in os_
                                           if r["volunteer_staff"] not in ("", "NA"))
    codes = ["organisations", "ties", "paid_staff", "volunteer_staff"]
    write_idata(os.path.join(d, "data.csv"), [(n, n) for n in networks], [], [1981], codes,
                lambda u, y, c: vals.get((u, c)))
    meta = [meta_row(NA, "organisations", "Organisations in the network", 1, NA, "Organisations",
                     typ="Other", source="Drabek et al. 1981"),
            meta_row(NA, "ties", "Reported directed ties", 1, NA, "Ties", typ="Other",
                     source="Drabek et al. 1981"),
            meta_row(NA, "paid_staff", "Paid staff of the organisations", 1, NA, "Persons",
                     typ="Other", source="Drabek et al. 1981"),
            meta_row(NA, "volunteer_staff", "Volunteer staff of the organisations", 1, NA, "Persons",
                     typ="Other", source="Drabek et al. 1981")]
    write_csv(os.path.join(d, "meta.csv"), META_HEADER, meta)


# --------------------------------------------------------------------------
# DEA sets from the literature
# --------------------------------------------------------------------------

# name: (source file, delimiter, unit column, year, inputs, outputs, extra
# (published-result / category) columns, column renames, source text)
DEA_SETS = [
    ("deap-eg1", "deap_eg1.csv", ",", "firm", 1996, ["x1", "x2"], ["y"],
     ["te_pub", "slack_x1_pub", "slack_x2_pub", "slack_y_pub"], {},
     "Coelli (1996), A Guide to DEAP Version 2.1, example 1"),
    ("tokyo-libraries", "tokyo_libraries.csv", ",", "dmu", 1986, ["area", "books", "staff"],
     ["registered", "borrowed"], ["category"], {},
     "Cooper, Seiford & Tone (2007), Data Envelopment Analysis, 23 Tokyo libraries"),
    ("pft1981", "pft1981_copy_a.csv", ";", "firm", 1981, ["x1", "x2", "x3", "x4", "x5"],
     ["y1", "y2", "y3"], ["pft"], {},
     "Charnes, Cooper & Rhodes (1981), Program Follow Through (transcription A)"),
    ("tone2001", "tone2001.csv", ",", "dmu", 2001, ["x1", "x2"], ["y1", "y2"], [], {},
     "Tone (2001), EJOR 130:498-509, worked example"),
]


def prepare_dea(top):
    src_dir = os.path.join(top, "dea", "source")
    for name, fname, delim, ucol, year, ins, outs, extra, _, text in DEA_SETS:
        d = os.path.join(top, "dea", name)
        os.makedirs(d, exist_ok=True)
        rows = read_csv(os.path.join(src_dir, fname), delim)
        units = []
        for r in rows:
            code = r[ucol].strip()
            label = r.get("name", "").strip() if name == "pft1981" else ""
            units.append((code, "%s %s" % (code, label) if label else code))
        vals = {}
        for r in rows:
            for c in ins + outs + extra:
                v = r[c].strip()
                vals[(r[ucol].strip(), c)] = float(v) if v not in ("", "NA") else None
        codes = ins + outs + extra
        write_idata(os.path.join(d, "data.csv"), units, [], [year], codes,
                    lambda u, y, c: vals.get((u, c)))
        meta = [meta_row(NA, c, "DEA input %s" % c, 1, NA, NA, typ="Other", source=text) for c in ins]
        meta += [meta_row(NA, c, "DEA output %s" % c, 1, NA, NA, typ="Other", source=text) for c in outs]
        meta += [meta_row(NA, c, ("Published result %s" % c) if c.endswith("_pub") else c, 1, NA, NA,
                          typ="Other", source=text) for c in extra]
        write_csv(os.path.join(d, "meta.csv"), META_HEADER, meta)
        write_csv(os.path.join(d, "dea.csv"), ["variable", "role", "flags"],
                  [[c, "input", ""] for c in ins] + [[c, "output", ""] for c in outs])


def prepare_asem(top):
    # Imported as is: convert.sh passes source/iData.csv and source/iMeta.csv.
    pass


STEPS = collections.OrderedDict([
    ("godi", prepare_godi), ("eu-odm-2023", prepare_eu_odm), ("acs-b28002", prepare_acs),
    ("emon", prepare_emon), ("asem", prepare_asem), ("dea", prepare_dea)])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", default=os.path.dirname(os.path.abspath(__file__)),
                    help="the datasets/ folder (default: this script's folder)")
    ap.add_argument("names", nargs="*", help="data sets to prepare (default: all)")
    a = ap.parse_args()
    for n in a.names or STEPS:
        if n not in STEPS:
            sys.exit("prepare.py: unknown data set '%s'" % n)
        STEPS[n](a.datasets)


if __name__ == "__main__":
    main()

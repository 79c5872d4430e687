#!/usr/bin/env python3
"""govidx report --exclude/--only and the coverage options (issue 16): the
report's JSON numbers equal govidx compute's CSV for the same options.

usage: report_units_check.py REPORT.json DIR LEFT_OUT_CODES
DIR holds composite.csv, openness.csv, coverage.csv, collaboration.csv of
govidx compute (--index ...) with the same --exclude/--only and coverage
options (a missing file = that index is not in the report).  LEFT_OUT_CODES
(comma-separated, may be empty) must be in no table but units_left_out.
Prints the checks; exits 1 on the first difference."""
import csv, json, math, os, sys

rep = json.load(open(sys.argv[1], encoding="utf-8"))
d = sys.argv[2]
left_out = [c for c in sys.argv[3].split(",") if c]
year = rep["year"]
tables = rep["tables"]
head = {r["unit"]: r for r in tables["headline"]["rows"]}
nodes = {i["key"]: i["node"] for i in rep["indices"]}
csv_node = {"composite": nodes["composite"], "openness": "openness." + (nodes["openness"] or ""),
            "coverage": nodes["coverage"], "collaboration": nodes["collaboration"]}
fail = 0
compared = 0
for key in ("composite", "openness", "coverage", "collaboration"):
    path = os.path.join(d, key + ".csv")
    if not os.path.exists(path):
        continue
    seen = 0
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if int(r["year"]) != year or r["node"] != csv_node[key]:
            continue
        s = float(r["score"]) if r["score"] not in ("", "NA", "nan") else math.nan
        rk = float(r["rank"]) if r["rank"] not in ("", "0", "NA") else math.nan
        if math.isnan(s):
            if r["unit"] in head and head[r["unit"]][key] is not None:
                print("%s: %s has no score in compute but %r in the report" % (key, r["unit"], head[r["unit"]][key]))
                fail = 1
            continue
        if r["unit"] not in head:
            print("%s: %s scored by compute (%s) is not in the report" % (key, r["unit"], r["score"]))
            fail = 1
            continue
        h = head[r["unit"]]
        if h[key] is None or abs(h[key] - s) > 1e-12 * max(1.0, abs(s)) or \
           (h[key + "_rank"] or math.nan) != rk and not (math.isnan(rk) and h[key + "_rank"] is None):
            print("%s: %s report %r rank %r, compute %r rank %r" % (key, r["unit"], h[key], h[key + "_rank"], s, rk))
            fail = 1
        seen += 1
    print("%s: %d cities equal to compute's CSV (%s, %d)" % (key, seen, csv_node[key], year))
    compared += seen
# the coverage table: every measure equals compute --index coverage's node
path = os.path.join(d, "coverage.csv")
if os.path.exists(path) and "coverage" in tables:
    want = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if int(r["year"]) == year and r["node"].startswith("coverage.") and r["score"] not in ("", "NA", "nan"):
            want[(r["unit"], r["node"][9:])] = float(r["score"])
    seen = 0
    for row in tables["coverage"]["rows"]:
        for col, v in row.items():
            if col == "unit" or col.endswith("_prev"):
                continue
            w = want.get((row["unit"], col))
            if w is None and v is None:
                continue
            if w is None or v is None or abs(v - w) > 1e-12 * max(1.0, abs(w)):
                print("coverage table: %s %s report %r, compute %r" % (row["unit"], col, v, w))
                fail = 1
            seen += 1
    units = {u for (u, m), v in want.items() if m == "communities" and v > 0}  # the cities with communities
    if len(units) != len(tables["coverage"]["rows"]):
        print("coverage table: %d cities, compute scores %d" % (len(tables["coverage"]["rows"]), len(units)))
        fail = 1
    print("coverage table: %d measures equal to compute's CSV" % seen)
for code in left_out:
    for tid, t in tables.items():
        if tid == "units_left_out":
            if not any(r["unit"] == code for r in t["rows"]):
                print("units_left_out does not list %s" % code)
                fail = 1
            continue
        for r in t["rows"]:
            for col in ("unit", "best", "worst"):
                if r.get(col) == code:
                    print("left-out %s appears in table %s" % (code, tid))
                    fail = 1
print("compared %d scores and ranks" % compared)
sys.exit(fail)

"""Checks of govidx report's outputs against the CLI's CSV (tests/report.tap).

usage: report_check.py dom DOM.html CSVDIR YEAR
       report_check.py xlsx OUT.xlsx CSVDIR YEAR
       report_check.py json OUT.json SCHEMA.json CSVDIR YEAR

CSVDIR holds composite.csv (govidx compute), openness.csv, coverage.csv and
collaboration.csv (govidx compute --index ...).  Each check prints one line
per failure and exits non-zero on any.
"""
import csv
import html.parser
import json
import math
import os
import sys

# the node each headline index reports, as named in the CLI's CSV
NODES = {"openness": "openness.O", "coverage": "coverage.adjusted", "collaboration": "CE"}
INDICES = ["composite", "openness", "coverage", "collaboration"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def read_csv(path, year):
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["year"] == str(year):
                out[(row["unit"], row["node"])] = (
                    float(row["score"]) if row["score"] else math.nan,
                    int(row["rank"]) if row["rank"] else None,
                )
    return out


def expected(csvdir, year):
    """{index: {unit: (score, rank)}} from the CLI's CSV files."""
    comp = read_csv(f"{csvdir}/composite.csv", year)
    # the composite's root is the last node of the CSV (framework order)
    with open(f"{csvdir}/composite.csv", encoding="utf-8") as f:
        root = f.read().strip().splitlines()[-1].split(",")[2]
    exp = {"composite": {u: v for (u, n), v in comp.items() if n == root}}
    for key, node in NODES.items():
        rows = read_csv(f"{csvdir}/{key}.csv", year)
        exp[key] = {u: v for (u, n), v in rows.items() if n == node}
    return exp


def same(a, b, what):
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        if not (b is None or (isinstance(b, float) and math.isnan(b))) or not (
            a is None or (isinstance(a, float) and math.isnan(a))
        ):
            fail(f"{what}: {a!r} != {b!r}")
        return
    if abs(float(a) - float(b)) > 1e-9 * max(1.0, abs(float(b))):
        fail(f"{what}: {a!r} != {b!r}")


class Dom(html.parser.HTMLParser):
    """Collects tables (id -> rows of (attrs, cells)), svgs per section,
    profiles, and text."""

    def __init__(self):
        super().__init__()
        self.tables, self.stack, self.section = {}, [], None
        self.svgs, self.profiles, self.text = {}, [], []
        self.table_id = []
        self.row = None
        self.cell = None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "section":
            self.section = a.get("id")
        if tag == "svg":
            self.svgs[self.section] = self.svgs.get(self.section, 0) + 1
        if tag == "article" and "profile" in (a.get("class") or ""):
            self.profiles.append(a.get("data-unit"))
        if tag == "table":
            tid = a.get("id") or f"anon{len(self.tables)}"
            if "scores" in (a.get("class") or "") and self.profiles:
                tid = f"scores-{self.profiles[-1]}"
            self.table_id.append(tid)
            self.tables[tid] = []
        if tag == "tr" and self.table_id:
            self.row = (a, [])
        if tag in ("td", "th") and self.row is not None:
            self.cell = [a, ""]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row[1].append((self.cell[0], self.cell[1].strip()))
            self.cell = None
        if tag == "tr" and self.row is not None and self.table_id:
            self.tables[self.table_id[-1]].append(self.row)
            self.row = None
        if tag == "table" and self.table_id:
            self.table_id.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell[1] += data


def num(cell):
    v = cell[0].get("data-v")
    return None if v in (None, "") else float(v)


def check_dom(path, csvdir, year, want_charts):
    d = Dom()
    with open(path, encoding="utf-8") as f:
        d.feed(f.read())
    exp = expected(csvdir, year)
    units = sorted(exp["composite"])
    head = [r for r in d.tables.get("t-headline", []) if "data-unit" in r[0]]
    if len(head) != len(units):
        fail(f"headline table: {len(head)} city rows, the CSV has {len(units)}")
    for attrs, cells in head:
        u = attrs["data-unit"]
        for i, key in enumerate(INDICES):
            score, rank = exp[key].get(u, (math.nan, None))
            same(num(cells[1 + 3 * i]), score, f"headline {u} {key} score")
            same(num(cells[2 + 3 * i]), rank, f"headline {u} {key} rank")
    unc = f"{csvdir}/uncertainty.csv"
    if os.path.exists(unc):
        # the composite's 5-95% rank and score intervals, as govidx uncertainty wrote them
        with open(f"{csvdir}/composite.csv", encoding="utf-8") as f:
            root = f.read().strip().splitlines()[-1].split(",")[2]
        with open(unc, newline="", encoding="utf-8") as f:
            q = {r["unit"]: r for r in csv.DictReader(f) if r["year"] == str(year) and r["node"] == root}
        if len(q) != len(units):
            fail(f"uncertainty CSV: {len(q)} rows for {root} in {year}")
        for attrs, cells in head:
            u = attrs["data-unit"]
            if len(cells) < 15:
                fail(f"headline {u}: no interval cells")
                continue
            same(num(cells[13]), float(q[u]["q05_rank"]), f"headline {u} rank q05")
            same(float(cells[13][0]["data-hi"]), float(q[u]["q95_rank"]), f"headline {u} rank q95")
            same(num(cells[14]), float(q[u]["q05_score"]), f"headline {u} score q05")
            same(float(cells[14][0]["data-hi"]), float(q[u]["q95_score"]), f"headline {u} score q95")
    if sorted(d.profiles) != units:
        fail(f"profiles: {len(d.profiles)} of {len(units)} cities")
    for u in units:
        rows = {r[0].get("data-index"): r[1] for r in d.tables.get(f"scores-{u}", [])}
        for key in INDICES:
            if key not in rows:
                fail(f"profile {u}: no {key} row")
                continue
            same(num(rows[key][1]), exp[key][u][0], f"profile {u} {key} score")
            same(num(rows[key][2]), exp[key][u][1], f"profile {u} {key} rank")
        for part in ("pillars", "strengths", "coverage", "networks"):
            if len([r for r in d.tables.get(f"{part}-{u}", []) if r[1] and "data-v" in r[1][-1][0]]) == 0:
                fail(f"profile {u}: no {part} rows")
    for sec in ("groups", "methodology", "quality"):
        if not any(t.startswith("t-") for t in d.tables):
            fail(f"no tables in {sec}")
    for tid in ("t-groups", "t-tree", "t-indicators", "t-methods", "t-correlations", "t-reliability",
                "t-availability_city", "t-availability_indicator"):
        if len(d.tables.get(tid, [])) < 2:
            fail(f"table {tid} missing or empty")
    if want_charts:
        if d.svgs.get("charts", 0) < 2:
            fail(f"charts section: {d.svgs.get('charts', 0)} svg elements, expected the ranking and slope charts")
        if d.svgs.get("profiles", 0) < 2 * len(units):
            fail(f"profiles: {d.svgs.get('profiles', 0)} svg elements for {len(units)} cities (pillars, coverage)")
    return d


def check_xlsx(path, csvdir, year):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    exp = expected(csvdir, year)
    ws = wb["headline"]
    rows = list(ws.iter_rows(values_only=True))
    cols = list(rows[0])
    if len(rows) - 1 != len(exp["composite"]):
        fail(f"xlsx headline: {len(rows) - 1} rows")
    for r in rows[1:]:
        u = r[cols.index("unit")]
        for key in INDICES:
            score, rank = exp[key][u]
            same(r[cols.index(key)], score, f"xlsx {u} {key}")
            same(r[cols.index(key + "_rank")], rank, f"xlsx {u} {key}_rank")
    for name in ("about", "pillars", "strengths", "coverage", "communities", "district_coverage", "networks",
                 "silos", "groups",
                 "tree", "indicators", "methods", "correlations", "reliability", "availability_city",
                 "availability_indicator", "coupling", "contributions", "breaks"):
        if name not in wb.sheetnames:
            fail(f"xlsx: no sheet {name}")


def check_schema(value, schema, where):
    t = schema.get("type")
    types = t if isinstance(t, list) else [t] if t else []
    pytypes = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
               "boolean": bool, "null": type(None)}
    if types and not any(isinstance(value, pytypes[x]) and not (x in ("integer", "number") and
                                                                 isinstance(value, bool)) for x in types):
        fail(f"{where}: {type(value).__name__} is not {types}")
        return
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                fail(f"{where}: required key '{k}' missing")
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                check_schema(value[k], sub, f"{where}.{k}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for k, v in value.items():
                if k not in schema.get("properties", {}):
                    check_schema(v, extra, f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            check_schema(v, schema["items"], f"{where}[{i}]")


def check_json(path, schema_path, csvdir, year):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    check_schema(doc, schema, "$")
    for tid in schema["x-tables"]:
        if tid not in doc["tables"]:
            fail(f"json: no table {tid}")
        elif doc["tables"][tid]["columns"][: len(schema["x-tables"][tid])] != schema["x-tables"][tid]:
            fail(f"json: table {tid} columns {doc['tables'][tid]['columns']} != documented {schema['x-tables'][tid]}")
    exp = expected(csvdir, year)
    for row in doc["tables"]["headline"]["rows"]:
        for key in INDICES:
            score, rank = exp[key][row["unit"]]
            same(row[key], score, f"json {row['unit']} {key}")
            same(row[key + "_rank"], rank, f"json {row['unit']} {key}_rank")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "dom":
        check_dom(sys.argv[2], sys.argv[3], int(sys.argv[4]), len(sys.argv) > 5 and sys.argv[5] == "charts")
    elif kind == "xlsx":
        check_xlsx(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif kind == "json":
        check_json(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        sys.exit("unknown check " + kind)
    sys.exit(1 if failures else 0)

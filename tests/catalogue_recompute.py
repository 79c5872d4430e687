#!/usr/bin/env python3
"""Independent recomputation of govidx's catalogue measures for Project
Open Data v1.0 catalogues (the 2013 data.json files of datasets/catalogues),
written from the rules in docs/methods/openness-catalogue.md with the Python
standard library only: it shares no code with lib/catalogue*.c.

usage: catalogue_recompute.py REFERENCE_DATE UNIT=FILE ...
prints unit,node,value lines (value empty when the measure is missing).
"""
import datetime
import json
import sys

# Format tokens: the media types these files use, and the formats' labels
# (upper case); parameters after ';' are dropped first.
MEDIA = {
    "text/csv": "CSV", "application/json": "JSON", "application/xml": "XML", "text/xml": "XML",
    "application/xml+rdf": "RDF", "application/rdf+xml": "RDF", "application/excel": "XLS",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/zip": "ZIP", "application/pdf": "PDF", "application/x-pdf": "PDF",
    "application/msword": "DOC", "image/png": "PNG", "text/html": "HTML", "text/plain": "TXT",
}
MACHINE_READABLE = {"CSV", "TSV", "JSON", "GEOJSON", "JSON-LD", "XML", "RDF", "TTL", "N3", "NT", "KML",
                    "KMZ", "GML", "GPX", "ODS", "GPKG", "NETCDF", "PARQUET"}
NON_PROPRIETARY = MACHINE_READABLE | {"PDF", "HTML", "TXT", "ODT"}
API_FORMATS = {"API", "REST", "ESRI REST", "WMS", "WFS", "WCS", "WMTS", "ODATA", "SPARQL", "SODA"}
# Open Definition conformant licences as these files name them (exact, or
# prefix for the URL stems ending in '/').
OPEN_NAMES = {"public domain", "creative commons 1.0 universal",
              "creative commons attribution-share alike 3.0 unported", "open database license",
              "creative commons attribution 3.0 unported"}
OPEN_PREFIXES = ("creativecommons.org/publicdomain/zero/", "creativecommons.org/licenses/by/",
                 "creativecommons.org/licenses/by-sa/", "opendatacommons.org/licenses/odbl/",
                 "opendatacommons.org/licenses/by/", "opendatacommons.org/licenses/pddl/",
                 "creativecommons.org/publicdomain/mark/")


def token(value):
    v = value.strip().lstrip(".").split(";")[0].strip().lower()
    return MEDIA.get(v, v.upper()) if v else None


def lic_norm(s):
    s = s.strip().lower()
    for p in ("https://", "http://"):
        if s.startswith(p):
            s = s[len(p):]
    if s.startswith("www."):
        s = s[4:]
    return s


def measures(records, ref):
    n = len(records)
    mr = np_ = bulk = api = lic = ontime = 0
    meta = 0.0
    ages = []
    ref_day = datetime.date.fromisoformat(ref)
    year_ago = ref_day.replace(year=ref_day.year - 1)
    for r in records:
        toks = set()
        if r.get("format"):
            toks.add(token(r["format"]))
        has_dist = bool(r.get("accessURL")) or bool(r.get("webService"))
        is_bulk = bool(r.get("accessURL"))
        for d in r.get("distribution") or []:
            has_dist = True
            for f in d.get("formats") or []:
                for k in ("label", "value"):
                    if f.get(k):
                        toks.add(token(f[k]))
            if d.get("accessURL") or d.get("downloadURL"):
                is_bulk = True
        toks.discard(None)
        mr += bool(toks & MACHINE_READABLE)
        np_ += bool(toks & NON_PROPRIETARY)
        bulk += is_bulk
        api += bool(r.get("webService")) or bool(toks & API_FORMATS)
        # licence lines: the first (the name) and URL lines; the others are
        # the attribution, which is the publisher
        lines = [x.strip() for x in (r.get("license") or "").split("\n")]
        lic_items = [x for i, x in enumerate(lines) if x and (i == 0 or x.lower().startswith("http"))]
        publisher = [x for i, x in enumerate(lines) if x and i > 0 and not x.lower().startswith("http")]
        opened = False
        for x in lic_items:
            a = lic_norm(x)
            if a in OPEN_NAMES or any(a.startswith(p) for p in OPEN_PREFIXES):
                opened = True
        lic += opened
        keywords = r.get("keywords") or [k for k in (r.get("keyword") or "").split(",") if k.strip()]
        present = [r.get("identifier"), r.get("title"), r.get("description"),
                   publisher or r.get("publisher"), r.get("contactPoint") or r.get("mbox"),
                   r.get("accessLevel"), keywords, r.get("modified"), r.get("releaseDate"),
                   r.get("frequency"), lic_items, r.get("landingPage"), r.get("spatial"),
                   r.get("temporal"), r.get("theme"), has_dist]
        meta += sum(1 for p in present if p) / 16.0
        day = None
        try:
            day = datetime.date.fromisoformat((r.get("modified") or "")[:10])
        except ValueError:
            pass
        if day is not None:
            age = max(0, (ref_day - day).days)
            ages.append(age)
            period = {"hourly": 1 / 24, "daily": 1, "weekly": 7, "monthly": 365.2425 / 12,
                      "quarterly": 365.2425 / 4, "annually": 365.2425}.get((r.get("frequency") or "").lower())
            ontime += age <= 1.5 * period if period else day >= year_ago
    ages.sort()
    k = len(ages)
    median = (ages[k // 2] if k % 2 else 0.5 * (ages[k // 2 - 1] + ages[k // 2])) if k else None
    pct = lambda x: 100.0 * x / n if n else None
    return {"datasets_published": n, "machine_readable_share": pct(mr), "non_proprietary_share": pct(np_),
            "bulk_download_share": pct(bulk), "api_share": pct(api), "open_licence_share": pct(lic),
            "metadata_completeness": pct(meta), "updated_on_time_share": pct(ontime),
            "median_days_since_update": median, "datasets_per_100k": None,
            "departments_publishing": None, "departments_publishing_share": None}


def main():
    ref = sys.argv[1]
    for arg in sys.argv[2:]:
        unit, path = arg.split("=", 1)
        with open(path, encoding="utf-8") as f:
            records = json.load(f)
        seen, unique = set(), []
        for r in records:
            if r.get("identifier") in seen:
                continue
            seen.add(r.get("identifier"))
            unique.append(r)
        for node, v in measures(unique, ref).items():
            print("%s,%s,%s" % (unit, node, "" if v is None else repr(float(v))))


if __name__ == "__main__":
    main()

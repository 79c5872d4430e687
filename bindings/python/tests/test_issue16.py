"""Issue 16 from Python, with the CLI's flag names as keyword arguments:
import options (thousands, decimal, unit_column, year_column, one file per
year), coverage options (weight, include, exclude_districts), exclude/only
on compute, coverage, openness and collaboration, and the labels that list
what was left out.  Numbers are checked against published values (ACS
B28002 counts, DEAP example 1 of Coelli 1996) and the CLI's CSV."""
import csv
import math
import subprocess

import numpy as np
import pytest

import govidx


def rows_of(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def same_as_cli_csv(res, path):
    """Every row of a `govidx compute --csv` file equals the Result's cell."""
    s, r = res.scores(), res.ranks()
    rows = rows_of(path)
    assert len(rows) == len(res.units) * len(res.years) * len(res.nodes)
    for row in rows:
        u, y, k = res.units.index(row["unit"]), res.years.index(int(row["year"])), res.nodes.index(row["node"])
        if row["score"] == "":
            assert math.isnan(s[u, y, k]), row
        else:
            assert s[u, y, k] == float(row["score"]), row
        assert r[u, y, k] == (int(row["rank"]) if row["rank"] else 0), row


# -- import ------------------------------------------------------------------

def write(path, text):
    path.write_text(text)
    return str(path)


def test_import_thousands_and_decimal(tmp_path):
    meta = write(tmp_path / "meta.csv", "iCode,Direction,Weight,Parent,Type\nhouseholds,1,1,NA,Indicator\n"
                 "broadband,1,1,NA,Indicator\n")
    # ACS 2017-2021 B28002 households of two Alabama counties as the Census
    # Bureau's tables print them
    data = write(tmp_path / "acs.csv", 'unit,year,households,broadband\n01001,2021,"21,856",85.463946\n'
                 '01003,2021,"87,190",87.856406\n')
    with pytest.raises(govidx.FormatError) as e:
        govidx.import_csv(str(tmp_path / "acs.h5"), data, meta)
    assert "acs.csv:2:3: '21,856' is not a number (column 'households')" in str(e.value)
    assert "thousands" in str(e.value)
    assert not (tmp_path / "acs.h5").exists()
    ds = govidx.import_csv(str(tmp_path / "acs.h5"), data, meta, thousands=",")
    assert ds.units == ["01001", "01003"]
    assert ds.panel(2021)[:, ds.indicators.index("households")].tolist() == [21856, 87190]
    de = write(tmp_path / "acsde.csv", "unit;year;households;broadband\n01001;2021;21856;85,463946\n")
    ds = govidx.import_csv(str(tmp_path / "acsde.h5"), de, meta, decimal=",")
    assert ds.panel(2021)[0, ds.indicators.index("broadband")] == 85.463946
    with pytest.raises(govidx.GovidxError):  # exists: not replaced without force
        govidx.import_csv(str(tmp_path / "acsde.h5"), de, meta, decimal=",")
    govidx.import_csv(str(tmp_path / "acsde.h5"), de, meta, decimal=",", force=True, title="ACS B28002")
    assert govidx.open(str(tmp_path / "acsde.h5")).attrs["title"] == "ACS B28002"


def test_import_problem_list_is_capped(tmp_path):
    meta = write(tmp_path / "meta.csv", "iCode,Direction,Weight,Parent,Type\nhouseholds,1,1,NA,Indicator\n"
                 "broadband,1,1,NA,Indicator\n")
    data = write(tmp_path / "many.csv", "unit,year,households,broadband\n" +
                 "".join("u%d,2021,1,x\n" % i for i in range(25)))
    with pytest.raises(govidx.FormatError) as e:
        govidx.import_csv(str(tmp_path / "many.h5"), data, meta)
    assert str(e.value).count("is not a number") == govidx.IMPORT_SHOWN_PROBLEMS
    assert "15 more problems not shown (25 in all)" in str(e.value)


def test_import_one_file_per_year(tmp_path):
    # UN E-Government Survey OSI (2018, 2020 tables), unit column 'Country Name'
    meta = write(tmp_path / "egovmeta.csv", "iCode,Direction,Weight,Parent,Type\nOSI,1,1,NA,Indicator\n")
    f18 = write(tmp_path / "egov_2018.csv", "Country Name,OSI\nDenmark,1.0000\nKorea,0.9792\n")
    f20 = write(tmp_path / "egov_2020.csv", "Country Name,OSI\nKorea,1.0000\nDenmark,0.9706\n")
    a = govidx.import_csv(str(tmp_path / "a.h5"), str(tmp_path / "egov_{year}.csv"), meta,
                          unit_column="Country Name")
    b = govidx.import_csv(str(tmp_path / "b.h5"), [f18, f20], meta, year=[2018, 2020], unit_column="Country Name")
    c = govidx.import_csv(str(tmp_path / "c.h5"), {2020: f20, 2018: f18}, meta, unit_column="Country Name")
    for ds in (a, b, c):
        assert ds.units == ["Denmark", "Korea"] and ds.years == [2018, 2020]
        assert ds.panel(2020)[:, 0].tolist() == [0.9706, 1.0]
    with pytest.raises(govidx.InvalidArgumentError):
        govidx.import_csv(str(tmp_path / "d.h5"), [f18, f20], meta, year=2018, unit_column="Country Name")
    write(tmp_path / "egov_2022.csv", "Country Name,OSI\nDenmark,0.9797\nFinland,0.9833\n")
    with pytest.raises(govidx.FormatError) as e:
        govidx.import_csv(str(tmp_path / "e.h5"), str(tmp_path / "egov_{year}.csv"), meta,
                          unit_column="Country Name")
    assert "the data files do not agree: units missing from this file: Korea" in str(e.value)
    # a year column under another name
    y = write(tmp_path / "y.csv", "Country Name,survey,OSI\nDenmark,2018,1.0\nKorea,2018,0.9792\n")
    ds = govidx.import_csv(str(tmp_path / "y.h5"), y, meta, unit_column="Country Name", year_column="survey")
    assert ds.years == [2018]


# -- coverage --------------------------------------------------------------

def dc_tracts(tmp_path):
    """Washington DC block groups of ACS 2017-2021 B28002 (households,
    broadband_any), tract 11001000201 (Georgetown's campus) residential = 0,
    as tests/districts-left-out.tap builds them."""
    data = write(tmp_path / "data.csv", "unit,name,year,pop\n11001,Washington,2021,689545\n")
    meta = write(tmp_path / "meta.csv", "iCode,Direction,Weight,Parent,Type\npop,1,1,NA,Other\n")
    lines = ["district,name,unit,parent,level,year,population,broadband_share,households,residential"]
    for tr in ("11001000101", "11001000102", "11001000201", "11001000202"):
        lines.append("%s,Census tract %s,11001,,1,2021,NA,NA,NA,%d" % (tr, tr, tr != "11001000201"))
    bgs = [("110010001011", "11001000101", 762, 744), ("110010001021", "11001000102", 865, 841),
           ("110010001022", "11001000102", 467, 452), ("110010001023", "11001000102", 475, 459),
           ("110010002011", "11001000201", 0, 0), ("110010002012", "11001000201", 0, 0),
           ("110010002021", "11001000202", 491, 491), ("110010002022", "11001000202", 288, 288)]
    for bg, tr, hh, bb in bgs:
        share = "%.17g" % (bb / hh) if hh else "NA"
        lines.append("%s,Block group %s,11001,%s,2,2021,NA,%s,%d," % (bg, bg, tr, share, hh))
    districts = write(tmp_path / "districts.csv", "\n".join(lines) + "\n")
    return govidx.import_csv(str(tmp_path / "dc.h5"), data, meta, districts=districts)


def test_coverage_weight_include_exclude_districts(tmp_path, cli):
    ds = dc_tracts(tmp_path)
    res = ds.coverage(weight="households")
    k = res.nodes.index("coverage.level")
    # the ACS count ratio of the six residential block groups: 3275 / 3348
    assert abs(res.scores()[0, 0, k] - 3275 / 3348) < 1e-12
    assert res.labels(govidx.COVERAGE_LEFT_OUT) == {("11001", 2021): ["11001000201 (residential = 0)"]}
    res = ds.coverage(weight="households", exclude_districts=["11001000102"])
    assert abs(res.scores()[0, 0, k] - 1523 / 1541) < 1e-12
    assert "11001000102 (excluded by code)" in res.labels(govidx.COVERAGE_LEFT_OUT)[("11001", 2021)]
    out = tmp_path / "c.csv"
    subprocess.run([cli, "compute", str(tmp_path / "dc.h5"), "--index", "coverage", "--weight", "households",
                    "--exclude-districts", "11001000102", "--csv", str(out)], check=True, capture_output=True)
    same_as_cli_csv(res, out)
    # include names the flag variable (here the one found by default); a
    # variable that is not a 0/1 flag is refused, naming the district
    res = ds.coverage(weight="households", include="residential")
    assert abs(res.scores()[0, 0, k] - 3275 / 3348) < 1e-12
    with pytest.raises(govidx.GovidxError) as e:
        ds.coverage(weight="households", include="households")
    assert "district '110010001011' has households = 762 in 2021 (0 leaves it out, 1 keeps it)" in str(e.value)
    with pytest.raises(govidx.NotFoundError) as e:
        ds.coverage(exclude_districts="999")
    assert "no district '999' to exclude" in str(e.value)


def test_coverage_exclude_only(srcdir, tmp_path, cli):
    h5 = str(srcdir / "datasets" / "acs-b28002.h5")
    ds = govidx.open(h5)
    full, res = ds.coverage(), ds.coverage(exclude="11001")
    out = tmp_path / "c.csv"
    subprocess.run([cli, "compute", h5, "--index", "coverage", "--exclude", "11001", "--csv", str(out)],
                   check=True, capture_output=True)
    same_as_cli_csv(res, out)
    u, k = res.units.index("11001"), res.nodes.index("coverage.level")
    assert np.isnan(res.scores()[u]).all() and (res.ranks()[u] == 0).all()
    b = res.units.index("24510")  # Baltimore: score kept, rank 5 -> 4
    assert res.scores()[b, 0, k] == full.scores()[b, 0, k]
    assert (full.ranks()[b, 0, k], res.ranks()[b, 0, k]) == (5, 4)
    with pytest.raises(govidx.NotFoundError) as e:
        ds.coverage(only=["24510", "atlantis"])
    assert "only names unit 'atlantis', which is not a unit of the data" in str(e.value)


# -- collaboration ------------------------------------------------------------

def deap_eg1(srcdir, tmp_path, edit=None):
    """DEAP's example 1 (Coelli 1996) imported from its shipped CSV, with
    `edit(lines)` applied to the data rows first."""
    e = srcdir / "datasets" / "dea" / "deap-eg1"
    lines = (e / "data.csv").read_text().splitlines()
    if edit:
        lines = edit(lines)
    data = write(tmp_path / "data.csv", "\n".join(lines) + "\n")
    return govidx.import_csv(str(tmp_path / "eg1.h5"), data, str(e / "meta.csv"), dea=str(e / "dea.csv"),
                             force=True)


def test_collaboration_exclude_equals_file_without(srcdir, tmp_path, cli):
    ds = govidx.open(str(srcdir / "datasets" / "dea-deap-eg1.h5"))
    full = ds.collaboration()
    c3 = full.nodes.index("CE.C3")
    # DEAP 2.1's published CRS efficiencies of example 1
    assert np.allclose(full.scores()[:, 0, c3], [0.5, 1, 0.833, 0.714, 1], atol=5e-4)
    res = ds.collaboration(exclude=["2"])
    without = deap_eg1(srcdir, tmp_path, lambda ls: [x for x in ls if not x.startswith("2,2,")]).collaboration()
    keep = [res.units.index(u) for u in without.units]
    assert np.array_equal(res.scores()[keep], without.scores(), equal_nan=True)
    assert np.array_equal(res.ranks()[keep], without.ranks())
    assert np.isnan(res.scores()[res.units.index("2")]).all()
    assert res.scores()[0, 0, c3] > full.scores()[0, 0, c3]  # firm 2 was on firm 1's frontier
    assert '"exclude":["2"]' in res.method_json
    out = tmp_path / "ce.csv"
    subprocess.run([cli, "compute", str(srcdir / "datasets" / "dea-deap-eg1.h5"), "--index", "collaboration",
                    "--exclude", "2", "--csv", str(out)], check=True, capture_output=True)
    same_as_cli_csv(res, out)
    only = ds.collaboration(only="1,3,4,5")
    assert np.array_equal(only.scores(), res.scores(), equal_nan=True)
    with pytest.raises(govidx.NotFoundError) as e:
        ds.collaboration(exclude=["9"])
    assert "exclude names unit '9', which is not a unit of the data" in str(e.value)
    with pytest.raises(govidx.InvalidArgumentError):
        ds.collaboration(only=[])


def test_collaboration_zero_output_listed(srcdir, tmp_path):
    ds = deap_eg1(srcdir, tmp_path, lambda ls: [x.replace("1,1,1996,2,5,1,", "1,1,1996,2,5,0,") for x in ls])
    res = ds.collaboration()
    assert res.labels(govidx.CE_DEA_LEFT_OUT) == {("1", 1996): ["no positive DEA output"]}
    c3 = res.nodes.index("CE.C3")
    assert math.isnan(res.scores()[0, 0, c3])
    assert np.allclose(res.scores()[1:, 0, c3], [1, 0.833, 0.714, 1], atol=5e-4)


def test_collaboration_network_options(demo, tmp_path, cli):
    ds = govidx.open(demo)
    res = ds.collaboration(departments="gov-dept,district-gov", gov_sectors=["gov-dept"], only="beijing,shanghai",
                           tie_tolerance=0)
    out = tmp_path / "ce.csv"
    subprocess.run([cli, "compute", demo, "--index", "collaboration", "--departments", "gov-dept,district-gov",
                    "--gov-sectors", "gov-dept", "--only", "beijing,shanghai", "--tie-tolerance", "0",
                    "--csv", str(out)], check=True, capture_output=True)
    same_as_cli_csv(res, out)


# -- compute and openness ------------------------------------------------------

def test_compute_exclude_only(srcdir, tmp_path, cli):
    h5 = str(srcdir / "datasets" / "asem.h5")
    ds = govidx.open(h5)
    res = ds.compute(exclude=["CHE"], tie_tolerance=1e-9)
    out = tmp_path / "a.csv"
    subprocess.run([cli, "compute", h5, "--exclude", "CHE", "--tie-tolerance", "1e-9", "--csv", str(out)],
                   check=True, capture_output=True)
    same_as_cli_csv(res, out)
    assert np.isnan(res.scores()[res.units.index("CHE")]).all()
    six = ds.compute(only="AUT,CHN,JPN,IND,NOR,CHE")
    scored = [u for u in six.units if not np.isnan(six.scores()[six.units.index(u)]).all()]
    assert sorted(scored) == ["AUT", "CHE", "CHN", "IND", "JPN", "NOR"]
    with pytest.raises(govidx.NotFoundError):
        ds.compute(only=["ZZZ"])


def test_openness_exclude_only(demo, tmp_path, cli):
    ds = govidx.open(demo)
    full, res = ds.openness(), ds.openness(only=["guangzhou", "shanghai"])
    u, y, k = res.units.index("shanghai"), res.years.index(2023), res.nodes.index("O")
    assert res.scores()[u, y, k] == full.scores()[u, y, k]
    assert (full.ranks()[u, y, k], res.ranks()[u, y, k]) == (11, 2)
    assert np.isnan(res.scores()[res.units.index("beijing")]).all()
    chk = ds.openness_checklist(exclude="beijing")
    assert np.isnan(chk.scores()[chk.units.index("beijing")]).all()


# -- the ctypes mirrors of the version-2 structs ---------------------------------

@pytest.mark.parametrize("mirror, init, version, last, size, offsets", [
    ("CoverageOptions", "govidx_coverage_options_init", 2, "n_exclude_districts", 72,
     {"weight": 40, "n_exclude_districts": 64}),
    ("CollaborationOptions", "govidx_collaboration_options_init", 2, "n_only", 104,
     {"exclude": 72, "n_only": 96}),
    ("ImportSources", "govidx_import_sources_init", 2, "n_data_files", 112,
     {"thousands": 68, "decimal": 69, "unit_column": 72, "n_data_files": 104}),
])
def test_struct_mirrors(mirror, init, version, last, size, offsets):
    """C's _init of the current version writes exactly the mirror's bytes
    (a sentinel after it survives), and the offsets are those of the C
    declaration (printed by offsetof on x86-64/aarch64 LP64)."""
    import ctypes
    from govidx import _lib
    cls = getattr(_lib, mirror)
    n = ctypes.sizeof(cls)
    buf = (ctypes.c_ubyte * (n + 64))(*([0xAB] * (n + 64)))
    assert getattr(_lib.lib, init)(ctypes.cast(buf, _lib.P(cls)), version) == 0
    assert all(b == 0xAB for b in buf[n:]), "C's struct is larger than the ctypes mirror"
    end = getattr(cls, last).offset + getattr(cls, last).size
    assert end == n or all(b == 0xAB for b in buf[end:n])  # tail padding only
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert n == size
        for field, off in offsets.items():
            assert getattr(cls, field).offset == off
    # version 1 is written only up to its own end
    buf = (ctypes.c_ubyte * (n + 64))(*([0xAB] * (n + 64)))
    assert getattr(_lib.lib, init)(ctypes.cast(buf, _lib.P(cls)), 1) == 0
    first_v2 = min(offsets.values())
    assert all(b == 0xAB for b in buf[first_v2:])

"""Interop both ways with h5py (docs/format.md is the only guide):
a file written by govidx has every documented object with the documented
type, shape, dimension labels and attributes; a file written by h5py alone
validates and computes in govidx, block by block; and the validator
catches what a first h5py trial slipped past (issue 20)."""
import shutil

import numpy as np
import pytest

import govidx

h5py = pytest.importorskip("h5py")

STR = h5py.string_dtype("utf-8")
CRITERIA = ["exists", "digital", "public", "free", "online", "machinereadable", "bulk", "openlicence",
            "uptodate", "registrationfree", "api", "metadatastandard"]


def strings(g, name, values):
    g.create_dataset(name, data=np.array(values, dtype=object), dtype=STR)


def labelled(g, name, data, dims, dtype="f8"):
    d = g.create_dataset(name, data=data, dtype=dtype)
    for k, lab in enumerate(dims):
        d.dims[k].label = lab
    return d


def write_h5py(path, answers_order=CRITERIA, panel_dims=("unit", "year", "indicator")):
    """Every block of format v1, written with h5py only, following docs/format.md."""
    U, Y = ["c1", "c2", "c3"], [2021, 2022]
    with h5py.File(path, "w") as f:
        f.attrs["_format"] = "govidx-city-dataset"
        f.attrs["_format_version"] = np.int32(1)
        f.attrs["title"] = "written by h5py"
        u = f.create_group("units")
        strings(u, "code", U)
        strings(u, "name", ["City one", "City two", "City three"])
        strings(u, "group_names", ["size"])
        gl = u.create_dataset("group_labels", data=np.array([["big", "small", "small"]], dtype=object),
                              dtype=STR)
        gl.dims[0].label, gl.dims[1].label = "group", "unit"
        f.create_dataset("years", data=np.array(Y, dtype="i4"))
        ind = f.create_group("indicators")
        strings(ind, "code", ["x1", "x2", "pop"])
        strings(ind, "parent", ["P", "P", ""])
        ind.create_dataset("direction", data=np.array([1, -1, 1], dtype="i4"))
        ind.create_dataset("type", data=np.array([0, 0, 1], dtype="i4"))
        ind.create_dataset("weight", data=np.array([1.0, 2.0, 1.0]))
        fw = f.create_group("framework")
        strings(fw, "code", ["P"])
        strings(fw, "name", ["Pillar"])
        strings(fw, "parent", [""])
        strings(fw, "aggregation", [""])
        fw.create_dataset("level", data=np.array([2], dtype="i4"))
        fw.create_dataset("weight", data=np.array([1.0]))
        p = f.create_group("panel")
        vals = np.array([[[1.0, 9.0, 100.0], [2.0, 8.0, 110.0]],
                         [[3.0, 5.0, 200.0], [4.0, 4.0, 210.0]],
                         [[5.0, 1.0, 300.0], [np.nan, 2.0, 310.0]]])  # [unit, year, indicator]
        if panel_dims != ("unit", "year", "indicator"):
            vals = vals.transpose(2, 1, 0)
        labelled(p, "values", vals, panel_dims)
        flags = np.zeros(vals.shape, dtype="u1")
        flags[2, 1, 0] = 1  # imputed
        labelled(p, "flags", flags, panel_dims, dtype="u1")
        se = np.full(vals.shape, np.nan)
        se[0, 0, 0] = 0.5
        labelled(p, "stderr", se, panel_dims)
        d = f.create_group("districts")
        strings(d, "code", ["d1", "d2", "d3", "d4", "d5", "d6"])
        strings(d, "unit", ["c1", "c1", "c2", "c2", "c3", "c3"])
        strings(d, "parent", [""] * 6)
        d.create_dataset("level", data=np.ones(6, dtype="i4"))
        d.create_dataset("area", data=np.full(6, np.nan))
        strings(d, "var_name", ["broadband"])
        strings(d, "var_unit", ["share"])
        labelled(d, "population", np.array([[10.0, 11], [20, 21], [5, 5], [5, 6], [7, 7], [8, 8]]),
                 ("district", "year"))
        share = np.array([[0.9, 0.92], [0.5, 0.6], [0.7, 0.7], [0.7, 0.8], [0.2, 0.3], [0.8, 0.9]])
        labelled(d, "values", share[:, :, None], ("district", "year", "var"))
        inv = f.create_group("inventory")
        strings(inv, "unit", ["c1", "c2", "c3"])
        inv.create_dataset("year", data=np.array([2021, 2021, 2022], dtype="i4"))
        strings(inv, "dataset", ["budget", "budget", "budget"])
        canon = np.array([[1] * 12, [1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]],
                         dtype="i1")
        cols = [CRITERIA.index(c) if c in CRITERIA else 11 for c in answers_order]
        a = labelled(inv, "answers", canon[:, cols], ("entry", "criterion"), dtype="i1")
        a.attrs["criteria"] = np.array(answers_order, dtype=object).astype(STR)
        net = f.create_group("networks")
        act = net.create_group("actors")
        strings(act, "code", ["g1", "g2", "e1", "p1"])
        strings(act, "name", ["Dept 1", "Dept 2", "Firm", "Public"])
        strings(act, "unit", ["c1"] * 4)
        strings(act, "sector", ["gov-dept", "gov-dept", "enterprise", "public"])
        strings(act, "level", ["city"] * 4)
        e = net.create_group("edges")
        strings(e, "unit", ["c1"] * 4)
        e.create_dataset("year", data=np.array([2021] * 4, dtype="i4"))
        strings(e, "layer", ["data"] * 4)
        strings(e, "from", ["g1", "g2", "e1", "g1"])
        strings(e, "to", ["g2", "e1", "p1", "p1"])
        e.create_dataset("weight", data=np.ones(4))
        dea = f.create_group("dea")
        strings(dea, "inputs", ["pop"])
        dea.create_dataset("input_flags", data=np.zeros(1, dtype="i4"))
        strings(dea, "outputs", ["x1"])
        dea.create_dataset("output_flags", data=np.zeros(1, dtype="i4"))
        run = f.create_group("results").create_group("byhand")
        strings(run, "unit_code", U)
        run.create_dataset("year", data=np.array(Y, dtype="i4"))
        strings(run, "node_code", ["P"])
        labelled(run, "scores", np.arange(6.0).reshape(3, 2, 1), ("unit", "year", "node"))
        run.attrs["method"] = "{}"


def test_h5py_writer_every_block(tmp_path):
    f = str(tmp_path / "byhand.h5")
    write_h5py(f)
    assert govidx.validate(f) == []
    assert govidx.validate(f, isolated=False) == []
    ds = govidx.open(f)
    assert ds.units == ["c1", "c2", "c3"] and ds.years == [2021, 2022]
    assert ds.indicators == ["x1", "x2", "pop"] and ds.nodes == ["P"]
    assert ds.attrs["title"] == "written by h5py"
    np.testing.assert_array_equal(ds.panel(2021)[:, 0], [1.0, 3.0, 5.0])  # axes as labelled
    res = ds.compute(normalize__method="minmax")
    # min-max 0-100 of x1 in 2021 (1, 3, 5): 0, 50, 100; x2 is lower-better (9, 5, 1): 0, 50, 100
    assert res.score("c2", 2021, "x1") == 50.0 and res.score("c3", 2021, "x2") == 100.0
    # P = (1*x1 + 2*x2) / 3 for c1 in 2021: (0 + 0) / 3
    assert res.score("c1", 2021, "P") == 0.0
    cov = ds.coverage()
    # population-weighted level of c1 in 2021: (10*0.9 + 20*0.5) / 30
    assert cov.score("c1", 2021, "coverage.level") == pytest.approx((9 + 10) / 30, rel=1e-12)
    cl = ds.openness_checklist()
    assert cl.score("c1", 2021, "openness.score") > cl.score("c2", 2021, "openness.score")
    m = ds.network_measures("c1", 2021)
    assert m["actors"] == 4 and m["ties"] == 4 and m["density"] == pytest.approx(4 / 12)
    # the run written by h5py reads back through the C reader, axes as labelled
    assert govidx.list_runs(f) == ["byhand"]
    run = govidx.read_run(f, "byhand")
    assert run.units == ["c1", "c2", "c3"] and run.years == [2021, 2022] and run.nodes == ["P"]
    np.testing.assert_array_equal(run.arrays["scores"], np.arange(6.0).reshape(3, 2, 1))
    assert run.attrs["method"] == "{}"


def test_h5py_writer_dea_block(tmp_path, cli):
    """The /dea block of the h5py file drives `govidx dea FILE.h5` (input pop, output x1)."""
    import csv
    import subprocess
    f = str(tmp_path / "byhand.h5")
    write_h5py(f)
    out = tmp_path / "dea.csv"
    subprocess.run([cli, "dea", f, "--year", "2021", "--csv", str(out)], check=True, capture_output=True)
    rows = list(csv.DictReader(open(out)))
    assert list(rows[0])[:3] == ["dmu", "efficiency", "slack_pop"]
    # CCR with one input and one output: efficiency = (y/x) / max(y/x); in
    # 2021 x1 = 1, 3, 5 and pop = 100, 200, 300
    eff = {r["dmu"]: float(r["efficiency"]) for r in rows}
    best = 5 / 300
    assert eff == pytest.approx({"c1": (1 / 100) / best, "c2": (3 / 200) / best, "c3": 1.0}, rel=1e-9)

def test_criteria_order_is_honoured(tmp_path):
    a, b = str(tmp_path / "canon.h5"), str(tmp_path / "reversed.h5")
    write_h5py(a)
    write_h5py(b, answers_order=CRITERIA[::-1])  # columns and attribute reversed together
    sa = govidx.open(a).openness_checklist().scores()
    sb = govidx.open(b).openness_checklist().scores()
    np.testing.assert_array_equal(sa, sb)
    # a subset of the criteria, any order: the others are missing
    c = str(tmp_path / "nonsense.h5")
    write_h5py(c, answers_order=CRITERIA[:11] + ["nonsense"])
    probs = govidx.validate(c)
    assert probs == [("/inventory/answers",
                      "attribute 'criteria' names an unknown criterion 'nonsense' (column 11)")]


def test_swapped_panel_axes_caught(tmp_path):
    f = str(tmp_path / "swapped.h5")
    # 3 units and 3 indicators: the sizes match, only the labels tell
    write_h5py(f, panel_dims=("indicator", "year", "unit"))
    probs = govidx.validate(f)
    assert probs == [("/panel/values",
                      "axes [indicator, year, unit], expected [unit, year, indicator] (dimension labels)")]


def test_type_error_in_words(tmp_path):
    f = str(tmp_path / "int-years.h5")
    write_h5py(f)
    with h5py.File(f, "r+") as h:
        del h["indicators/direction"]
        h["indicators"].create_dataset("direction", data=np.array([1.0, -1.0, 1.0]))
    probs = govidx.validate(f)
    assert probs == [("/indicators/direction", "wrong type: integer expected, float64 found")]


def test_govidx_file_read_by_h5py(demo, tmp_path):
    """Every documented object of a govidx-written file, found with h5py."""
    f = tmp_path / "demo.h5"
    shutil.copy(demo, f)
    ds = govidx.open(str(f))
    ds.compute().write_run(str(f), "composite")
    with h5py.File(f, "r") as h:
        assert h.attrs["_format"] == "govidx-city-dataset" and int(h.attrs["_format_version"]) == 1
        U, Y, K = len(h["units/code"]), len(h["years"]), len(h["indicators/code"])
        assert h["units/code"].dtype.kind == "O" and h["years"].dtype.kind == "i"
        assert h["panel/values"].dtype == np.float64 and h["panel/values"].shape == (U, Y, K)
        assert h["indicators/direction"].dtype.kind == "i"
        assert h["inventory/answers"].dtype == np.int8
        assert [c.decode() if isinstance(c, bytes) else c for c in h["inventory/answers"].attrs["criteria"]] \
            == CRITERIA
        for t in ("networks/actors", "networks/edges", "framework", "districts"):
            lens = {len(h[t][c]) for c in h[t] if h[t][c].ndim == 1 and c not in ("var_name", "var_unit")}
            assert len(lens) == 1, t  # parallel columns
        run = h["results/composite"]
        assert run["scores"].shape == (U, Y, len(run["node_code"]))
        assert [d.label for d in run["scores"].dims] == ["unit", "year", "node"]
        for a in ("method", "library_version", "created", "input_checksum"):
            assert a in run.attrs


def test_govidx_run_writer_labels_arrays(tmp_path):
    """A run added by govidx to an h5py-written file carries the dimension labels."""
    f = str(tmp_path / "w.h5")
    write_h5py(f)
    ds = govidx.open(f)
    res = ds.compute()
    res.write_run(f, "again")
    with h5py.File(f, "r") as h:
        assert [d.label for d in h["results/again/scores"].dims] == ["unit", "year", "node"]


def test_govidx_writer_every_array_labelled(srcdir, cli, tmp_path):
    """Files written by govidx_dataset_write (through `govidx import` of the
    shipped GODI and ACS B28002 CSVs) carry the documented dimension labels
    on every array, and h5py reads the same numbers as the library."""
    import subprocess
    ds_dir = srcdir / "datasets"
    godi, acs = str(tmp_path / "godi.h5"), str(tmp_path / "acs.h5")
    subprocess.run([cli, "import", "--data", str(ds_dir / "godi/data.csv"), "--meta", str(ds_dir / "godi/meta.csv"),
                    "--inventory", str(ds_dir / "godi/inventory.csv"), "-o", godi], check=True, capture_output=True)
    subprocess.run([cli, "import", "--data", str(ds_dir / "acs-b28002/data.csv"), "--meta",
                    str(ds_dir / "acs-b28002/meta.csv"), "--districts", str(ds_dir / "acs-b28002/districts.csv"),
                    "-o", acs], check=True, capture_output=True)
    labels = lambda d: [x.label for x in d.dims]  # noqa: E731
    with h5py.File(godi, "r") as h:
        assert labels(h["panel/values"]) == ["unit", "year", "indicator"]
        assert h["panel/values"].dtype == np.float64
        a = h["inventory/answers"]
        assert a.dtype == np.int8 and a.shape[1] == 12 and labels(a) == ["entry", "criterion"]
        assert [c.decode() if isinstance(c, bytes) else c for c in a.attrs["criteria"]] == CRITERIA
        vals = h["panel/values"][()]
        years = h["years"][()].tolist()
    ds = govidx.open(godi)
    for y, year in enumerate(years):
        np.testing.assert_array_equal(ds.panel(year), vals[:, y, :])
    with h5py.File(acs, "r") as h:
        assert labels(h["districts/population"]) == ["district", "year"]
        assert labels(h["districts/values"]) == ["district", "year", "var"]
        assert h["districts/population"].shape == (len(h["districts/code"]), len(h["years"]))


# The documented axis names of every array of rank >= 2 (docs/format.md).
DOCUMENTED_AXES = {
    "panel/values": ["unit", "year", "indicator"], "panel/flags": ["unit", "year", "indicator"],
    "panel/stderr": ["unit", "year", "indicator"], "units/group_labels": ["group", "unit"],
    "districts/values": ["district", "year", "var"], "districts/population": ["district", "year"],
    "inventory/answers": ["entry", "criterion"],
}


def test_shipped_datasets_carry_dimension_labels(srcdir):
    """Every shipped datasets/*.h5 (regenerated by `make datasets`) labels
    every array of rank >= 2 with its documented axis names, so the
    swapped-axes check applies to them; and each still validates."""
    files = sorted((srcdir / "datasets").glob("*.h5"))
    assert len(files) == 10
    seen = 0
    for f in files:
        with h5py.File(f, "r") as h:
            arrays = []
            h.visititems(lambda n, o: arrays.append(n) if isinstance(o, h5py.Dataset) and o.ndim >= 2 else None)
            assert "panel/values" in arrays, f.name
            for n in arrays:
                want = ["unit", "year", "node"] if n.startswith("results/") else DOCUMENTED_AXES[n]
                assert [d.label for d in h[n].dims] == want, (f.name, n)
                seen += 1
        assert govidx.validate(str(f)) == [], f.name
    assert seen == 23  # the count of labelled arrays in the ten files


def test_shipped_dataset_with_axes_relabelled_is_refused(srcdir, tmp_path):
    """A shipped file whose panel labels are swapped (sizes unchanged) is refused."""
    f = tmp_path / "godi.h5"
    shutil.copy(srcdir / "datasets" / "godi.h5", f)
    with h5py.File(f, "r+") as h:
        d = h["panel/values"]
        d.dims[0].label, d.dims[2].label = "indicator", "unit"
    assert govidx.validate(str(f)) == [(
        "/panel/values", "axes [indicator, year, unit], expected [unit, year, indicator] (dimension labels)")]

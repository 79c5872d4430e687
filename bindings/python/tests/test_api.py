"""The Python API returns the C library's numbers: compared with the CLI's
CSV (the same library through another door) and with published values."""
import csv
import math
import shutil
import subprocess

import numpy as np
import pytest

import govidx


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def assert_same_as_csv(res, rows, prefix=""):
    """Every CSV row (unit, year, node, score, rank) equals the Result's;
    `res` may be a list of (Result, node-name prefix) pairs sharing a CSV."""
    parts = res if isinstance(res, list) else [(res, prefix)]
    cells = {}
    for r_, pre in parts:
        s, r = r_.scores(), r_.ranks()
        for u, unit in enumerate(r_.units):
            for y, year in enumerate(r_.years):
                for k, node in enumerate(r_.nodes):
                    cells[(unit, year, pre + node)] = (s[u, y, k], r[u, y, k])
    assert len(rows) == len(cells)
    for row in rows:
        score, rank = cells[(row["unit"], int(row["year"]), row["node"])]
        if row["score"] in ("", "NA", "nan"):
            assert math.isnan(score), row
        else:
            # the CSV prints 17 significant digits: round-trips exactly
            assert score == float(row["score"]), row
        assert rank == (int(row["rank"]) if row["rank"] not in ("", "NA") else 0), row


def test_open_lists(demo):
    ds = govidx.open(demo)
    assert len(ds.units) == 30 and ds.units[0] == "beijing"
    assert ds.years == [2019, 2020, 2021, 2022, 2023]
    assert len(ds.indicators) == 80 and ds.indicators[0] == "O1.1"
    assert ds.nodes[0] == "GOVIDX"
    p = ds.panel(2019)
    assert p.shape == (30, 80)
    assert not p.flags.writeable and not p.flags.owndata  # a view on the C memory
    # the CLI's summary is another reader of the same file: spot values
    assert p[0, 0] == 4022.0 and p[0, 1] == 59.19


def test_composite_equals_cli(demo, cli, tmp_path):
    out = tmp_path / "cli.csv"
    subprocess.run([cli, "compute", demo, "--normalize", "zscore", "--csv", str(out)], check=True)
    res = govidx.open(demo).compute(normalize__method="zscore")
    assert_same_as_csv(res, read_csv(out))
    # and the Result's own CSV writer is the CLI's
    mine = tmp_path / "py.csv"
    res.write_csv(mine)
    assert mine.read_text() == out.read_text()


@pytest.mark.parametrize("index", ["openness", "coverage", "collaboration"])
def test_headline_equals_cli(demo, cli, tmp_path, index):
    out = tmp_path / (index + ".csv")
    subprocess.run([cli, "compute", demo, "--index", index, "--csv", str(out)], check=True)
    ds = govidx.open(demo)
    if index == "openness":
        # the CLI's CSV holds the GODI checklist and, prefixed, the O1-O5 framework
        assert_same_as_csv([(ds.openness_checklist(), ""), (ds.openness(), "openness.")], read_csv(out))
    else:
        assert_same_as_csv(getattr(ds, index)(), read_csv(out))


def test_options_reach_c(demo, cli, tmp_path):
    ds = govidx.open(demo)
    geo = ds.collaboration()
    ari = ds.collaboration(aggregation="arithmetic", dea_rts="vrs")
    out = tmp_path / "ce.csv"
    subprocess.run([cli, "compute", demo, "--index", "collaboration", "--ce-aggregation", "arithmetic",
                    "--dea-rts", "vrs", "--csv", str(out)], check=True)
    assert_same_as_csv(ari, read_csv(out))
    assert not np.allclose(geo.scores(), ari.scores(), equal_nan=True)
    cov = ds.coverage(epsilon=2.0)
    assert cov.score(ds.units[0], 2019, "coverage.atkinson") != ds.coverage().score(ds.units[0], 2019,
                                                                                      "coverage.atkinson")


def test_frame_long_format(demo, tmp_path):
    pd = pytest.importorskip("pandas")
    res = govidx.open(demo).coverage()
    df = res.frame()
    assert list(df.columns) == ["unit", "year", "node", "score", "rank"]
    out = tmp_path / "c.csv"
    res.write_csv(out)
    rows = read_csv(out)
    assert len(df) == len(rows)
    # row by row the CSV of `govidx compute` (same order, same numbers)
    for (_, d), r in zip(df.iterrows(), rows):
        assert (d["unit"], d["year"], d["node"]) == (r["unit"], int(r["year"]), r["node"])
        assert (math.isnan(d["score"]) if r["score"] == "" else d["score"] == float(r["score"]))
        assert (d["rank"] is pd.NA) if r["rank"] == "" else d["rank"] == int(r["rank"])


def test_scores_of_is_a_view(demo):
    res = govidx.open(demo).compute()
    v = res.scores_of(2021, "GOVIDX")
    assert not v.flags.owndata and not v.flags.writeable
    assert v[3] == res.score(res.units[3], 2021, "GOVIDX")


def test_errors_carry_last_error(demo, tmp_path):
    ds = govidx.open(demo)
    with pytest.raises(govidx.FormatError) as e:
        ds.compute(normalize__method="bogus")
    assert e.value.name == "GOVIDX_EFORMAT"
    assert "unknown normalisation method 'bogus'" in str(e.value)
    with pytest.raises(govidx.NotFoundError) as e:
        ds.compute().score("atlantis", 2019, "GOVIDX")
    assert "atlantis" in e.value.detail
    with pytest.raises(govidx.GovidxError):
        ds.collaboration(aggregation="median")
    bad = tmp_path / "not.h5"
    bad.write_bytes(b"not an HDF5 file")
    probs = govidx.validate(str(bad))
    assert probs and "HDF5" in probs[0][1]
    with pytest.raises(govidx.FormatError):
        govidx.open(str(bad))


def test_dea_cooper_seiford_tone():
    # Cooper, Seiford & Tone (2007), Data Envelopment Analysis, 2nd ed.,
    # Table 3.2 (hospitals A-L, CCR input-oriented scores); the same data
    # and figures as examples/dea_matrix.c.
    X = np.array([[20, 19, 25, 27, 22, 55, 33, 31, 30, 50, 53, 38],
                  [151, 131, 160, 168, 158, 255, 235, 206, 244, 268, 306, 284]], dtype=float).T
    Y = np.array([[100, 150, 160, 180, 94, 230, 220, 152, 190, 250, 260, 250],
                  [90, 50, 55, 72, 66, 90, 88, 80, 100, 100, 147, 120]], dtype=float).T
    book = [1, 1, 0.8827, 1, 0.7635, 0.8348, 0.9020, 0.7963, 0.9604, 0.8706, 0.9551, 0.9582]
    r = govidx.dea(np.asfortranarray(X), Y)
    assert r.n == 12 and r.m == 2 and r.s == 2
    assert np.all(r.status == 0)
    np.testing.assert_allclose(r.efficiency, book, atol=5e-5)
    idx, lam = r.peers(4)  # E's reference set in the book: A, B, D
    assert sorted(idx.tolist()) == [0, 1, 3]
    with pytest.raises(govidx.FormatError) as e:
        govidx.dea(X, Y, rts="sideways")
    assert "unknown DEA returns to scale 'sideways'" in str(e.value)


def test_network_equals_cli(srcdir, cli, tmp_path):
    f = str(srcdir / "datasets" / "emon.h5")
    out = tmp_path / "net.csv"
    subprocess.run([cli, "network", f, "--csv", str(out)], check=True)
    rows = read_csv(out)
    ds = govidx.open(f)
    row = rows[0]
    layer = row.get("layer") or None
    m = ds.network_measures(row["unit"], int(row["year"]), None if layer in (None, "", "*", "all") else layer)
    checked = 0
    for name, value in m.items():
        if name in row and row[name] not in ("", "NA"):
            assert value == pytest.approx(float(row[name]), rel=1e-12, abs=1e-12), name
            checked += 1
    assert checked >= 20


def test_write_run_then_h5py(demo, tmp_path):
    h5py = pytest.importorskip("h5py")
    f = tmp_path / "demo.h5"
    shutil.copy(demo, f)
    ds = govidx.open(str(f))
    res = ds.coverage()
    res.write_run(str(f), "cov2023")
    with pytest.raises(govidx.ExistsError):
        res.write_run(str(f), "cov2023")
    with h5py.File(f, "r") as h:
        g = h["results/cov2023"]
        assert g["scores"].shape == (30, 5, len(res.nodes))
        np.testing.assert_array_equal(g["scores"][()], res.scores())
        assert [x.decode() for x in g["node_code"][()]] == res.nodes
        assert g.attrs["input_checksum"].startswith("fnv1a64:")
        assert [d.label for d in g["scores"].dims] == ["unit", "year", "node"]
    run = govidx.read_run(str(f), "cov2023")
    np.testing.assert_array_equal(run.arrays["scores"], res.scores())
    assert run.nodes == res.nodes and run.attrs["method"] == res.method_json

"""The uncertainty binding returns the C library's numbers: every cell
equals `govidx uncertainty`'s CSV for the same options and seed (the same
library through another door; docs/methods/uncertainty.md cites the
published checks of the method itself, tests/test_uncertainty.c), and the
ctypes mirrors of the options structs have C's layout and defaults."""
import csv
import ctypes
import math
import subprocess

import numpy as np
import pytest

import govidx
from govidx import _lib

pd = pytest.importorskip("pandas")


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def assert_frame_is_csv(df, rows):
    """Each CSV cell equals the DataFrame's (17 significant digits
    round-trip a double exactly; an empty cell is NaN / NA)."""
    assert list(df.columns) == list(rows[0].keys())
    assert len(df) == len(rows)
    for i, row in enumerate(rows):
        mine = df.iloc[i]
        for col, text in row.items():
            v = mine[col]
            if col in ("unit", "node", "input"):
                assert v == text, (i, col)
            elif col in ("year", "converged"):
                assert int(v) == int(text), (i, col)
            elif text == "":
                assert v is pd.NA or (isinstance(v, float) and math.isnan(v)), (i, col, v)
            else:
                assert float(v) == float(text), (i, col, v, text)


def test_options_layout_matches_c():
    o = _lib.UncertaintyOptions()
    assert lib_init(o, 2) == 0
    # defaults from C's _init equal the header's GOVIDX_UNCERTAINTY_OPTIONS_INIT
    assert (o.version, o.replications, o.seed, o.weights_noise, o.noise_levels) == (2, 0, 0, 0.0, 0)
    assert (o.weights_dirichlet, o.leave_one_out, o.sobol, o.bootstrap, o.sobol_width) == (0.0, 0, 0, 1000, 0.1)
    assert (o.roots_only, o.ranks_only, bool(o.vary), o.n_vary, o.n_threads, o.batch) == (0, 0, False, 0, 0, 0)
    assert not o.progress and not o.progress_ctx
    assert (o.sampling, o.data_noise) == (0, 0)
    # the init writes exactly sizeof(struct) bytes: fill a larger buffer
    # with a sentinel, init the struct at its start, and find where C stopped
    size = ctypes.sizeof(_lib.UncertaintyOptions)
    buf = (ctypes.c_ubyte * (size + 64))(*([0xAB] * (size + 64)))
    rc = govidx._lib.lib.govidx_uncertainty_options_init(ctypes.cast(buf, _lib.P(_lib.UncertaintyOptions)), 2)
    assert rc == 0
    assert all(b == 0xAB for b in buf[size:]), "C's struct is larger than the ctypes mirror"
    filled = _lib.UncertaintyOptions.from_buffer_copy(bytes(buf[:size]))
    assert filled.bootstrap == 1000 and filled.sobol_width == 0.1 and filled.version == 2
    # the last fields of the mirror are the last ones C writes (sampling, data_noise = 0)
    assert all(b == 0 for b in buf[size - 2 * ctypes.sizeof(ctypes.c_int):size])
    # a version-1 caller's struct is written only up to progress_ctx
    buf = (ctypes.c_ubyte * (size + 64))(*([0xAB] * (size + 64)))
    assert govidx._lib.lib.govidx_uncertainty_options_init(ctypes.cast(buf, _lib.P(_lib.UncertaintyOptions)), 1) == 0
    assert all(b == 0xAB for b in buf[_lib.UncertaintyOptions.sampling.offset:])
    # field offsets follow the C declaration order on this ABI (x86-64/aarch64 LP64)
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert size == 136
        assert _lib.UncertaintyOptions.sampling.offset == 128
        assert _lib.UncertaintyOptions.bootstrap.offset == 56
        assert _lib.UncertaintyOptions.vary.offset == 80
        assert ctypes.sizeof(_lib.UncertaintyVary) == 32
        assert _lib.UncertaintyVary.n_values.offset == 24
    # an unknown version is refused by C with a message
    assert lib_init(o, 99) == -1


def lib_init(o, version=1):
    return govidx._lib.lib.govidx_uncertainty_options_init(ctypes.byref(o), version)


OPTIONS = [
    # (CLI arguments, Python keywords)
    (["--replications", "40", "--seed", "7", "--weights-noise", "0.25", "--quantiles", "25,75"],
     dict(replications=40, seed=7, weights_noise=0.25), [25, 75]),
    (["--replications", "30", "--seed", "3", "--weights-dirichlet", "20", "--leave-one-out",
      "--noise-levels", "2,3", "--set", "normalize.method=zscore", "--threads", "2"],
     dict(replications=30, seed=3, weights_dirichlet=20, leave_one_out=True, noise_levels=[2, 3],
          normalize__method="zscore", threads=2), []),
    (["--replications", "20", "--seed", "11", "--weights-noise", "0.2",
      "--vary", "normalize.method=minmax,zscore", "--roots-only"],
     dict(replications=20, seed=11, weights_noise=0.2, vary={"normalize.method": ["minmax", "zscore"]},
          roots_only=True), []),
    (["--replications", "32", "--seed", "2", "--weights-noise", "0.2", "--sampling", "sobol", "--quantiles", "10"],
     dict(replications=32, seed=2, weights_noise=0.2, sampling="sobol"), [10]),
    (["--replications", "12", "--seed", "2", "--weights-noise", "0.1", "--data-noise"],
     dict(replications=12, seed=2, weights_noise=0.1, data_noise=True), []),
]


@pytest.mark.parametrize("args,kw,quant", OPTIONS,
                         ids=["noise", "dirichlet-loo", "vary-roots", "sobol-sampling", "data-noise"])
def test_uncertainty_equals_cli(demo, cli, tmp_path, args, kw, quant):
    out, par = tmp_path / "cli.csv", tmp_path / "cli-params.csv"
    subprocess.run([cli, "uncertainty", demo, "--csv", str(out), "--params", str(par)] + args, check=True)
    u = govidx.open(demo).uncertainty(**kw)
    assert u.replications == kw["replications"]
    assert_frame_is_csv(u.frame(quantiles=quant), read_csv(out))
    # the writers are the CLI's
    mine, mpar = tmp_path / "py.csv", tmp_path / "py-params.csv"
    u.write_csv(mine, quantiles=quant)
    u.write_params_csv(mpar)
    assert mine.read_text() == out.read_text()
    assert mpar.read_text() == par.read_text()


def test_sobol_equals_cli(demo, cli, tmp_path):
    out, sob = tmp_path / "cli.csv", tmp_path / "cli-sobol.csv"
    subprocess.run([cli, "uncertainty", demo, "--csv", str(out), "--replications", "16", "--seed", "5",
                    "--weights-noise", "0.3", "--sobol", "--bootstrap", "50", "--sobol-width", "0.2",
                    "--sobol-csv", str(sob), "--roots-only"], check=True)
    u = govidx.open(demo).uncertainty(16, seed=5, weights_noise=0.3, sobol=True, bootstrap=50, sobol_width=0.2,
                                      roots_only=True)
    assert u.inputs and all(i.startswith("weights:") for i in u.inputs)
    rows = read_csv(sob)
    assert_frame_is_csv(u.sobol_frame(), rows)
    s = u.sobol_indices()
    assert s.shape == (len(u.units) + 1, len(u.years), len(u.roots), len(u.inputs), 6)
    first = rows[0]
    d = u.sobol(first["unit"], int(first["year"]), first["node"], first["input"])
    assert d["first_order"] == float(first["first_order"]) and d["total_hi"] == float(first["total_hi"])
    mine = tmp_path / "py-sobol.csv"
    u.write_sobol_csv(mine)
    assert mine.read_text() == sob.read_text()


def test_arrays_and_nominal_equal_compute(demo):
    ds = govidx.open(demo)
    u = ds.uncertainty(10, seed=1, weights_noise=0.1)
    res = ds.compute()
    # nominal weights = the plain composite, cell by cell (both from C; the
    # run re-aggregates its tree in its own order: measured 4e-16 relative)
    k = [u.nodes.index(n) for n in res.nodes]
    np.testing.assert_allclose(u.nominal_scores[:, :, k], res.scores(), rtol=1e-13, atol=0, equal_nan=True)
    assert np.array_equal(u.nominal_ranks[:, :, k], res.ranks())
    q = u.rank_quantile(0.05)
    assert q.shape == (len(u.units), len(u.years), len(u.nodes))
    assert np.all(u.mean_ranks[~np.isnan(u.mean_ranks)] >= 1)


def test_errors_name_the_problem(demo):
    ds = govidx.open(demo)
    with pytest.raises(govidx.InvalidArgumentError):
        ds.uncertainty(0)                           # N = 0 is refused by C
    with pytest.raises(govidx.GovidxError) as e:
        ds.uncertainty(5, weights_noise=1.5)        # outside [0, 1)
    assert e.value.detail
    with pytest.raises(govidx.InvalidArgumentError):
        ds.uncertainty(5, noise_levels=[0])
    with pytest.raises(govidx.GovidxError) as e:
        ds.uncertainty(5, weights_noise=0.1, vary={"normalize.nosuchkey": ["a", "b"]})
    assert "nosuchkey" in str(e.value)
    u = ds.uncertainty(5, weights_noise=0.1)
    with pytest.raises(govidx.InvalidArgumentError):
        u.write_sobol_csv("never-written.csv")      # the run had no sobol
    with pytest.raises(govidx.InvalidArgumentError):
        u.sobol_indices()
    with pytest.raises(govidx.NotFoundError):
        u.sobol("nowhere", 2023, "GOVIDX", "weights:GOVIDX")


def test_write_run_equals_cli(demo, cli, tmp_path):
    """Uncertainty.write_run stores the arrays ``govidx uncertainty --write``
    stores; both read back with read_run."""
    import shutil
    a, b = tmp_path / "a.h5", tmp_path / "b.h5"
    shutil.copy(demo, a)
    shutil.copy(demo, b)
    subprocess.run([cli, "uncertainty", str(a), "--replications", "20", "--seed", "1", "--weights-noise", "0.2",
                    "--quantiles", "25", "--write", "ua"], check=True)
    u = govidx.open(str(b)).uncertainty(20, seed=1, weights_noise=0.2)
    u.write_run(str(b), "ua", quantiles=[25])
    with pytest.raises(govidx.GovidxError):
        u.write_run(str(b), "ua")
    assert govidx.list_runs(str(a)) == govidx.list_runs(str(b)) == ["ua"]
    ra, rb = govidx.read_run(str(a), "ua"), govidx.read_run(str(b), "ua")
    assert sorted(ra.arrays) == sorted(rb.arrays)
    assert "q25_rank" in ra.arrays and "q95_rank" in ra.arrays
    for k in ra.arrays:
        np.testing.assert_array_equal(ra.arrays[k], rb.arrays[k])
    assert ra.attrs["analysis"] == "uncertainty" and rb.attrs["replications"] == "20"

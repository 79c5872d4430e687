"""Issue 20, the last bindings: uncertainty on an in-memory plan, progress
callbacks with cancellation (a Python callable wrapped with ctypes
CFUNCTYPE; an exception inside it is re-raised, never lost), and the
directional and robust benefit of the doubt.  The numbers are those of
tests/test_uncertainty.c, tests/test_dea.c and tests/test_dea_bod.c, which
derive them by hand or cite their sources."""
import itertools

import numpy as np
import pytest

import govidx

# -- directional BoD (Fusco 2015), tests/test_dea_bod.c ------------------------

# Units A = (1, 0.5), B = (0.5, 1), C = (0.4, 0.4) (rows: units).
Z3 = np.array([[1.0, 0.5], [0.5, 1.0], [0.4, 0.4]])


def test_directional_by_hand():
    # direction (1, 1): C reaches (0.75, 0.75) with lambda = (0.5, 0.5),
    # so beta = 0.35 and ci = 1/1.35; A and B are on the frontier
    r = govidx.bod_directional(Z3, [1, 1])
    assert r["status"].tolist() == [0, 0, 0]
    assert abs(r["beta"][2] - 0.35) < 1e-9
    assert abs(r["ci"][2] - 1 / 1.35) < 1e-9
    assert abs(r["ci"][0] - 1) < 1e-9 and abs(r["ci"][1] - 1) < 1e-9
    # direction (1, 0): expand the first indicator only: beta = 0.6
    r = govidx.bod_directional(Z3, [1, 0])
    assert abs(r["beta"][2] - 0.6) < 1e-9
    assert abs(r["ci"][2] - 1 / 1.6) < 1e-9


def lcg_data(n=30, m=4, seed=99):
    """The pseudo-random data of test_directional_proportional_equals_bod
    (the same 32-bit LCG, filled column by column)."""
    x, z = seed, np.empty(n * m)
    for i in range(n * m):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        z[i] = 0.05 + ((x >> 8) % 1000) / 1000.0
    return z.reshape((m, n)).T  # column-major in C: column j = indicator j


def test_directional_own_direction_is_radial_bod():
    z = lcg_data()
    radial = govidx.bod(z)["ci"]
    d = govidx.bod_directional(z)
    assert np.all(d["status"] == 0)
    np.testing.assert_allclose(d["ci"], radial, atol=1e-8)


# -- robust order-m BoD (Cazals, Florens & Simar 2002) --------------------------

# 5 units x 2 indicators, unit 4 an outlier far ahead on both.
ZR = np.array([[0.5, 0.6], [0.6, 0.5], [0.7, 0.8], [0.4, 0.3], [3.0, 2.5]])


def enumerate_orderm(z, o, order):
    """Mean over every ordered sample of `order` units of the largest
    d_k = min_r z_kr / z_or (an independent enumeration, as the C test)."""
    d = [min(z[k, r] / z[o, r] for r in range(z.shape[1]) if z[o, r] > 0) for k in range(len(z))]
    samples = list(itertools.product(range(len(z)), repeat=order))
    return sum(max(d[i] for i in s) for s in samples) / len(samples)


def test_robust_exact_against_enumeration():
    for order in range(1, 5):
        ci = govidx.bod_robust(ZR, m=order)
        for u in range(5):
            assert abs(ci[u] - 1 / enumerate_orderm(ZR, u, order)) < 1e-12, (order, u)
    assert govidx.bod_robust(ZR, m=1)[4] > 1  # the outlier beats one random unit
    big = govidx.bod_robust(ZR, m=2000)  # tends to the FDH score 1 / max_k d_k
    assert abs(big[0] - 0.6 / 2.5) < 1e-9 and abs(big[4] - 1) < 1e-9


def test_robust_monte_carlo_reproducible():
    exact = govidx.bod_robust(ZR, m=3)
    mc = govidx.bod_robust(ZR, m=3, draws=200000, seed=7)
    again = govidx.bod_robust(ZR, m=3, draws=200000, seed=7)
    np.testing.assert_allclose(mc, exact, rtol=0.01)
    assert mc.tobytes() == again.tobytes()


def test_bod_variants_errors():
    with pytest.raises(govidx.GovidxError) as e:  # a unit whose indicators are all 0
        govidx.bod_robust(np.array([[1.0, 1.0], [0.0, 0.0]]))
    assert e.value.name == "GOVIDX_EDOMAIN"
    with pytest.raises(govidx.GovidxError) as e:  # a negative value
        govidx.bod_robust(np.array([[1.0, 1.0], [-1.0, 1.0]]))
    assert e.value.name == "GOVIDX_EDOMAIN"
    with pytest.raises(govidx.InvalidArgumentError):  # m = 0, refused by C
        govidx.bod_robust(Z3, m=0)
    with pytest.raises(govidx.InvalidArgumentError):
        govidx.bod_directional(Z3[:2], [0, 0])
    with pytest.raises(govidx.InvalidArgumentError):
        govidx.bod_directional(Z3[:2], [1, -1])
    with pytest.raises(govidx.InvalidArgumentError):  # one value per indicator
        govidx.bod_directional(Z3, [1, 1, 1])
    with pytest.raises(govidx.GovidxError) as e:
        govidx.bod_directional(np.array([[1.0, 1.0], [-1.0, 1.0]]))
    assert e.value.name == "GOVIDX_EDOMAIN"


# -- uncertainty on an in-memory plan, tests/test_uncertainty.c -----------------

# Index = A(x1, x2) + B(x3, x4); x3 == x4 for every unit, so B's weights
# cannot matter (small_data of the C test, one year, units in rows).
SMALL = np.array([[1, 2, 3, 4, 5, 6], [6, 1, 5, 2, 4, 3], [2, 2, 9, 4, 7, 1], [2, 2, 9, 4, 7, 1]], float).T


def small_plan():
    fw = govidx.Framework()
    fw.add_aggregate("Index").add_aggregate("A", "Index").add_aggregate("B", "Index")
    for j, (code, parent) in enumerate((("x1", "A"), ("x2", "A"), ("x3", "B"), ("x4", "B"))):
        fw.add_indicator(code, parent, column=j)
    fw.seal()
    return fw, govidx.Plan(fw, SMALL)


def test_plan_uncertainty_zero_noise_is_nominal():
    _fw, plan = small_plan()
    r = plan.execute(SMALL)
    u = plan.uncertainty(SMALL, replications=50, seed=3)
    assert u.replications == 50 and u.roots == ["Index"] and u.nodes == r.nodes
    np.testing.assert_allclose(u.nominal_scores, r.scores(), atol=1e-12, equal_nan=True)
    assert (u.nominal_ranks == r.ranks()).all()
    nominal = u.nominal_ranks.astype(float)
    assert (u.rank_quantile(0.05) == nominal).all() and (u.rank_quantile(0.95) == nominal).all()
    assert (u.score_quantile(0.05) == u.score_quantile(0.95)).all()
    assert (u.mean_abs_rank_shift == 0).all()


def test_plan_uncertainty_sobol():
    _fw, plan = small_plan()
    u = plan.uncertainty(SMALL, replications=4000, weights_noise=0.5, noise_levels=1, sobol=True, bootstrap=200)
    assert sorted(u.inputs) == ["weights:A", "weights:B"]
    for unit in u.units:
        b = u.sobol(unit, u.years[0], "Index", "weights:B")
        if not np.isnan(b["first_order"]):  # B's weights cannot change anything
            assert abs(b["first_order"]) < 1e-9 and abs(b["total_order"]) < 1e-9
        a = u.sobol(unit, u.years[0], "Index", "weights:A")
        if not np.isnan(a["first_order"]):  # the only input that matters
            assert abs(a["first_order"] - 1) < 0.03 and abs(a["total_order"] - 1) < 0.03
    # the same run from a dataset path and from the plan: identical
    again = plan.uncertainty(SMALL, replications=4000, weights_noise=0.5, noise_levels=1, sobol=True,
                             bootstrap=200, threads=2)
    assert u.sobol_indices().tobytes() == again.sobol_indices().tobytes()


# -- progress callbacks ----------------------------------------------------------

def test_uncertainty_progress_and_cancel():
    _fw, plan = small_plan()
    seen = []
    u = plan.uncertainty(SMALL, replications=100, weights_noise=0.2, batch=5, threads=1,
                         progress=lambda done, total: seen.append((done, total)))
    assert u.replications == 100
    assert seen and seen[-1] == (100, 100) and all(t == 100 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # monotone
    # cancel at half, as the C test's cancel_at_half
    with pytest.raises(govidx.CancelledError) as e:
        plan.uncertainty(SMALL, replications=100, weights_noise=0.2, batch=5, threads=1,
                         progress=lambda done, total: done * 2 >= total)
    assert e.value.name == "GOVIDX_ECANCELED"


class Boom(Exception):
    pass


def test_exception_in_callback_is_not_lost(demo):
    _fw, plan = small_plan()
    calls = []

    def bad(done, total):
        calls.append(done)
        if len(calls) == 3:
            raise Boom("stop at the third call")

    with pytest.raises(Boom, match="third call") as e:
        plan.uncertainty(SMALL, replications=1000, weights_noise=0.2, threads=2, progress=bad)
    assert isinstance(e.value.__cause__, govidx.CancelledError)
    assert len(calls) == 3 and calls[-1] < 1000  # stopped early, not called again once it raised
    # the same through a dataset, and the library is usable afterwards
    ds = govidx.open(demo)
    with pytest.raises(Boom):
        ds.uncertainty(50, weights_noise=0.1, progress=lambda d, t: (_ for _ in ()).throw(Boom("x")))
    assert ds.uncertainty(20, weights_noise=0.1, progress=lambda d, t: None).replications == 20
    with pytest.raises(govidx.InvalidArgumentError):
        ds.uncertainty(20, progress="not callable")


def lognormal_dea(n=1000, seed=5):
    rng = np.random.default_rng(seed)
    X = np.exp(rng.normal(0, 0.5, (n, 3)))
    Y = np.column_stack([X.prod(axis=1) ** 0.3 * np.exp(-abs(rng.normal(0, 0.3, n))),
                         X[:, 0] ** 0.5 * np.exp(-abs(rng.normal(0, 0.3, n)))])
    return X, Y


def test_dea_progress_and_cancel():
    # tests/test_dea.c test_progress: monotone, ends at n of n; a cancel at
    # the first call (in the frame phase) stops the run
    X, Y = lognormal_dea()
    seen = []
    r = govidx.dea(X, Y, threads=2, progress=lambda d, t: seen.append((d, t)))
    plain = govidx.dea(X, Y)
    assert r.efficiency.tobytes() == plain.efficiency.tobytes()
    assert seen[-1] == (1000, 1000) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) > 1000 // 128
    first = []
    with pytest.raises(govidx.CancelledError):
        govidx.dea(X, Y, threads=2, progress=lambda d, t: first.append(d) or True)
    assert first == [0]  # cancelled before any DMU was scored

    def boom(d, t):
        raise Boom("from the DEA callback")

    with pytest.raises(Boom):
        govidx.dea(X, Y, progress=boom)

"""Malmquist and benefit of the doubt on arrays: the numbers of
tests/test_dea.c, which cites their sources, from the Python door."""
import numpy as np
import pytest

import govidx

# Cooper, Seiford & Tone (2007), Data Envelopment Analysis, 2nd ed.,
# hospitals A-L: (doctors, nurses) -> (outpatients, inpatients); CCR-I
# scores as listed in METHODS.md E4 (tests/test_dea.c hosp_ccr).
X = np.array([[20, 151], [19, 131], [25, 160], [27, 168], [22, 158], [55, 255], [33, 235], [31, 206],
              [30, 244], [50, 268], [53, 306], [38, 284]], dtype=float)
Y = np.array([[100, 90], [150, 50], [160, 55], [180, 72], [94, 66], [230, 90], [220, 88], [152, 80],
              [190, 100], [250, 100], [260, 147], [250, 120]], dtype=float)
CCR = [1, 1, 0.8827, 1, 0.7635, 0.8348, 0.9020, 0.7963, 0.9604, 0.8706, 0.9551, 0.9582]


def test_malmquist_frontier_shift():
    # Period 2 uses half of every input for the same outputs: under CRS the
    # frontier shifts by 2 and relative efficiency is unchanged, so effch = 1,
    # techch = tfpch = 2 (input-oriented Farrell; Faere et al. 1994).
    r = govidx.malmquist(X, Y, 0.5 * X, Y)
    assert np.all(r["status"] == 0)
    np.testing.assert_allclose(r["effch"], 1.0, atol=1e-9)
    np.testing.assert_allclose(r["techch"], 2.0, atol=1e-9)
    np.testing.assert_allclose(r["tfpch"], 2.0, atol=1e-9)


def test_malmquist_one_unit_catches_up():
    # only E moves to its CCR projection: effch(E) = 1 / 0.7635 (CST 2007),
    # the frontier (and A's techch) unchanged
    X2 = X.copy()
    X2[4] *= CCR[4]
    r = govidx.malmquist(X, Y, X2, Y)
    assert abs(r["techch"][0] - 1.0) < 1e-9
    assert abs(r["effch"][4] * CCR[4] - 1.0) < 1e-3
    with pytest.raises(govidx.FormatError):             # GOVIDX_EDIM: periods differ
        govidx.malmquist(X, Y, X[:, :1], Y)


def test_bod_cherchye():
    # (1,0), (0,1), (0.4,0.4): units 1 and 2 bound w1, w2 <= 1, so unit 3
    # scores 0.8 (Cherchye et al. 2007, eq. 1, by hand; tests/test_dea.c)
    r = govidx.bod([[1, 0], [0, 1], [0.4, 0.4]])
    np.testing.assert_allclose(r["ci"], [1.0, 1.0, 0.8], atol=1e-9)
    assert not r["all_one"] and r["weights"].shape == (3, 2)
    assert abs(r["weights"][0, 0] - 1.0) < 1e-9
    # (1,3), (2,2), (3,1): all on the frontier, flagged
    z2 = [[1, 3], [2, 2], [3, 1]]
    assert govidx.bod(z2)["all_one"]
    # shares in [0.4, 0.6]: unit (1,3) scores 1/1.4 (derivation in test_dea.c)
    r = govidx.bod(z2, share_lower=[0.4, 0.4], share_upper=[0.6, 0.6])
    assert r["status"][0] == 0
    assert abs(r["ci"][0] - 1 / 1.4) < 1e-9
    assert abs(r["weights"][0, 0] / r["ci"][0] - 0.4) < 1e-9
    # share lower bounds summing to 1.2: every unit infeasible, NaN
    r = govidx.bod([[1, 0], [0, 1], [0.4, 0.4]], share_lower=[0.6, 0.6])
    assert r["status"][0] != 0 and np.isnan(r["ci"][0])


def test_bod_errors():
    with pytest.raises(govidx.GovidxError) as e:        # GOVIDX_EDOMAIN: negative value
        govidx.bod([[1, 0], [-1, 1], [0.5, 0.5]])
    assert e.value.name == "GOVIDX_EDOMAIN"
    with pytest.raises(govidx.InvalidArgumentError):
        govidx.bod([[1, 0], [0, 1]], w_lower=[0.1])
    z = np.array([[1.0, 0.0], [0.0, 1.0]])
    before = z.copy()
    govidx.bod(z)
    assert np.array_equal(z, before)                    # the input is not modified

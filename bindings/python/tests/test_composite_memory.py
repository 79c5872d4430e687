"""The in-memory composite (your own tree and arrays) from Python: the
hand-computed example of tests/test_plan.c (OECD/JRC Handbook 2008 min-max
normalisation and weighted arithmetic aggregation, worked out by hand)."""
import math

import numpy as np
import pytest

import govidx

# 4 units, 3 indicators, 2 years (tests/test_plan.c):
# year 1: x1 = 0, 5, 10, NaN; x2 = 1, 2, 3, 4 (direction -1); x3 = 10..40
Y1 = np.array([[0, 1, 10], [5, 2, 20], [10, 3, 30], [np.nan, 4, 40]])
Y2 = np.array([[1, 4, 5], [1, 3, 5], [2, 2, 5], [4, 1, 6]], dtype=float)


def tree():
    fw = govidx.Framework()
    fw.add_indicator("x1", "A", 1, +1, 0)
    fw.add_indicator("x2", "A", 1, -1, 1)
    fw.add_indicator("x3", "Index", 1, +1, 2)
    fw.add_aggregate("A", "Index", 3)
    fw.add_aggregate("Index", None, 1)
    return fw.seal()


def test_hand_computed_pipeline():
    values = np.stack([Y1, Y2], axis=1)                 # [unit, year, column]
    before = values.copy()
    res = govidx.composite(tree(), values, years=[2021, 2022], units=["u1", "u2", "u3", "u4"])
    assert res.units == ["u1", "u2", "u3", "u4"] and res.years == [2021, 2022] and len(res.nodes) == 5
    # min-max 0-100 leaves, A = mean of present children, Index = (3 A + x3) / 4
    assert abs(res.score("u2", 2021, "x1") - 50) < 1e-12
    assert abs(res.score("u2", 2021, "x2") - 200 / 3) < 1e-12
    assert math.isnan(res.score("u4", 2021, "x1"))
    for u, want in zip(["u1", "u2", "u3", "u4"], [50, 175 / 3, 200 / 3, 0]):
        assert abs(res.score(u, 2021, "A") - want) < 1e-12
    for u, want in zip(["u1", "u2", "u3", "u4"], [37.5, (3 * 175 / 3 + 100 / 3) / 4, 200 / 3, 25]):
        assert abs(res.score(u, 2021, "Index") - want) < 1e-12
    assert [res.rank(u, 2021, "Index") for u in ["u3", "u2", "u1", "u4"]] == [1, 2, 3, 4]
    assert res.rank("u4", 2021, "x1") == 0                # missing: unranked
    # year 2: x3 = 5,5,5,6 -> 0,0,0,100; ties share rank 2
    assert res.rank("u1", 2022, "x3") == 2 and res.rank("u3", 2022, "x3") == 2
    assert np.array_equal(values, before, equal_nan=True)  # inputs never modified


def test_zero_copy_panel_and_plan_reuse():
    values = np.asfortranarray(np.stack([Y1, Y2], axis=1))
    panel = govidx.Panel(values, years=[2021, 2022])
    assert panel.values is values                        # Fortran float64: no copy
    plan = govidx.Plan(tree(), panel)
    assert '"minmax"' in plan.method_json
    r1 = plan.execute(panel)
    # new data through the same plan: x3 reversed in year 1 -> Index(u1) = (3*50 + 100)/4
    v2 = values.copy(order="F")
    v2[:, 0, 2] = [40, 30, 20, 10]
    r2 = plan.execute(govidx.Panel(v2, years=[2021, 2022]))
    assert abs(r2.score("1", 2021, "Index") - (3 * 50 + 100) / 4) < 1e-12
    assert abs(r1.score("1", 2021, "Index") - 37.5) < 1e-12


def test_method_options_and_errors():
    # the geometric mean refuses min-max zeros without a floor; with floor 1,
    # A(u1) = sqrt(max(0, 1) * 100) = 10 (tests/test_plan.c)
    values = np.stack([Y1, Y2], axis=1)
    with pytest.raises(govidx.GovidxError):
        govidx.composite(tree(), values, aggregate__method="geometric")
    res = govidx.composite(tree(), values, method={"aggregate": {"method": "geometric", "floor": 1}})
    assert abs(res.score("1", 1, "A") - 10) < 1e-12
    fw = govidx.Framework().add_indicator("x1", "Nowhere", 1, 1, 0)
    with pytest.raises(govidx.NotFoundError) as e:
        fw.seal()
    assert "Nowhere" in str(e.value)
    with pytest.raises(govidx.GovidxError):             # unsealed framework
        govidx.composite(govidx.Framework().add_indicator("x1", None, 1, 1, 0), values)
    with pytest.raises(govidx.FormatError):             # a column outside the panel: GOVIDX_EDIM
        govidx.composite(govidx.Framework().add_indicator("x9", None, 1, 1, 9).seal(), values)


def test_panel_struct_matches_c():
    import ctypes
    from govidx import _lib
    size = ctypes.sizeof(_lib.Panel)
    buf = (ctypes.c_ubyte * (size + 32))(*([0xAB] * (size + 32)))
    assert _lib.lib.govidx_panel_init(ctypes.cast(buf, _lib.P(_lib.Panel)), 1) == 0
    assert all(b == 0xAB for b in buf[size:]), "C's govidx_panel is larger than the ctypes mirror"
    p = _lib.Panel.from_buffer_copy(bytes(buf[:size]))
    assert p.version == 1 and p.n_years == 0 and not p.years and not p.unit_groups
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        assert size == 48 and _lib.Panel.unit_groups.offset == 40

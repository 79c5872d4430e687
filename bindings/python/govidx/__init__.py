"""govidx: smart-city governance indices, from Python.

A thin layer over the govidx C library (libgovidx, its stable 1.0 ABI)
through ctypes: every number comes from C, nothing is recomputed here.
Arrays come back as numpy arrays (views on the library's memory where its
layout allows, read-only), and, when pandas is installed, as DataFrames in
the long format of the CLI's CSV files (``unit,year,node,score,rank``).

Errors: every govidx status code is raised as :class:`GovidxError` (or
one of its subclasses), carrying ``govidx_last_error()``'s text.

    >>> import govidx
    >>> ds = govidx.open("datasets/demo-cities.h5")
    >>> ds.units[:3]
    >>> cov = ds.coverage()             # a Result
    >>> cov.frame()                     # unit, year, node, score, rank

docs/python.md is the tutorial.
"""
import ctypes

import numpy as np

from . import _lib
from ._lib import lib

__all__ = ["GovidxError", "Dataset", "Result", "DeaResult", "Run", "open", "validate", "dea", "version",
           "library_path", "list_runs", "read_run", "Uncertainty", "malmquist", "bod",
           "bod_directional", "bod_robust", "Framework", "Panel", "Plan", "composite", "CancelledError",
           "import_csv", "CE_DEA_LEFT_OUT", "COVERAGE_LEFT_OUT", "COVERAGE_WORST"]

# -- errors ----------------------------------------------------------------

STATUS_NAMES = {
    -1: "GOVIDX_EINVAL", -2: "GOVIDX_ENOMEM", -3: "GOVIDX_EIO", -4: "GOVIDX_EFORMAT", -5: "GOVIDX_EDIM",
    -6: "GOVIDX_ENUMERIC", -7: "GOVIDX_ENOTFOUND", -8: "GOVIDX_ECYCLE", -9: "GOVIDX_EDOMAIN",
    -10: "GOVIDX_EINFEASIBLE", -11: "GOVIDX_EUNBOUNDED", -12: "GOVIDX_ESOLVER", -13: "GOVIDX_ECANCELED",
    -14: "GOVIDX_EEXIST", -15: "GOVIDX_EMISSING",
}


class GovidxError(Exception):
    """A govidx call failed.

    ``status`` is the negative govidx status code, ``name`` its C name
    (``GOVIDX_EFORMAT``) and ``detail`` the text of ``govidx_last_error()``.
    """

    def __init__(self, status, detail):
        self.status = status
        self.name = STATUS_NAMES.get(status, "status %d" % status)
        self.detail = detail
        super().__init__("%s: %s" % (self.name, detail))


class FormatError(GovidxError):
    """GOVIDX_EFORMAT / GOVIDX_EDIM / GOVIDX_ECYCLE: a file or spec is not valid."""


class NotFoundError(GovidxError, KeyError):
    """GOVIDX_ENOTFOUND: a code, node, year or run does not exist."""


class InvalidArgumentError(GovidxError, ValueError):
    """GOVIDX_EINVAL: a bad argument or option."""


class ExistsError(GovidxError, FileExistsError):
    """GOVIDX_EEXIST: the target already exists."""


class CancelledError(GovidxError):
    """GOVIDX_ECANCELED: a progress callback asked to stop."""


_CLASSES = {-1: InvalidArgumentError, -4: FormatError, -5: FormatError, -7: NotFoundError, -8: FormatError,
            -13: CancelledError, -14: ExistsError}


class _Progress:
    """A Python callable ``progress(done, total)`` as a govidx_progress_fn.

    A true return value cancels the computation (C returns
    GOVIDX_ECANCELED, raised as :class:`CancelledError`).  An exception
    raised inside the callable cannot cross the C frames: it is kept, the
    computation is cancelled, and :meth:`check` re-raises it (with the
    cancellation as its cause), so it is never lost.  C calls the callback
    from worker threads but never concurrently (govidx/common.h); ctypes
    takes the GIL for each call."""

    def __init__(self, fn):
        if fn is not None and not callable(fn):
            raise InvalidArgumentError(-1, "progress must be callable as progress(done, total), got %r" % (fn,))
        self.fn = fn
        self.error = None
        self.calls = 0
        self.c = _lib.PROGRESS_FN(self._call) if fn is not None else None

    def _call(self, _ctx, done, total):
        if self.error is not None:
            return 1
        self.calls += 1
        try:
            return 1 if self.fn(done, total) else 0
        except BaseException as e:  # noqa: B902 - KeyboardInterrupt too: cancel, re-raise after C returns
            self.error = e
            return 1

    def install(self, opts):
        if self.c is not None:
            opts.progress = self.c

    def check(self, rc):
        """Raise the callback's exception if it raised, else the status."""
        if self.error is not None:
            err, self.error = self.error, None
            try:
                _check(rc)
            except GovidxError as cancel:
                raise err from cancel
            raise err
        return _check(rc)


def _check(rc):
    if rc != 0:
        detail = _s(lib.govidx_last_error()) or _s(lib.govidx_strerror(rc))
        raise _CLASSES.get(rc, GovidxError)(rc, detail)
    return rc


def _b(text):
    return None if text is None else str(text).encode("utf-8")


def _s(raw):
    return None if raw is None else raw.decode("utf-8")


def version():
    """The version string of the loaded C library."""
    return _s(lib.govidx_version_string())


def library_path():
    """The path (or soname) libgovidx was loaded from."""
    return _lib.LIBRARY_PATH


def _pandas():
    try:
        import pandas
    except ImportError:  # optional dependency
        raise ImportError("govidx: DataFrames need pandas (Debian: python3-pandas); "
                          "the numpy accessors work without it") from None
    return pandas


# -- methods ---------------------------------------------------------------

def _method(spec=None, **settings):
    """A govidx_method from a JSON text or dict plus "key=value" settings.

    ``settings`` keys are method keys with dots written as ``__``
    (``normalize__method="minmax"``); the C library validates every key and
    value (an unknown one is an error naming it)."""
    import json
    if spec is None and not settings:
        return None
    m = ctypes.c_void_p()
    if isinstance(spec, dict):
        spec = json.dumps(spec)
    if spec is not None:
        _check(lib.govidx_method_from_json(ctypes.byref(m), _b(spec)))
    else:
        _check(lib.govidx_method_new(ctypes.byref(m)))
    try:
        for key, value in settings.items():
            _check(lib.govidx_method_set(m, _b(key.replace("__", ".")), _b(value)))
    except Exception:
        lib.govidx_method_free(m)
        raise
    return m


# -- validation ------------------------------------------------------------

def validate(path, isolated=True):
    """Validate a format-v1 file; returns the list of problems as
    ``(object, message)`` pairs (empty when the file is valid).

    With ``isolated`` (the default) the file is read in the
    govidx-validate-helper process, so a file that crashes HDF5 cannot take
    Python down."""
    problems = []

    def report(_ctx, obj, msg):
        problems.append((_s(obj), _s(msg)))

    cb = _lib.PROBLEM_FN(report)
    rc = lib.govidx_dataset_validate_file(_b(path), _lib.VALIDATE_ISOLATED if isolated else 0, cb, None)
    if rc != 0 and not problems:
        _check(rc)  # the helper could not run at all: raise its error
    return problems


# -- results ---------------------------------------------------------------

class Result:
    """A computed result (govidx_result): scores for every unit, year and node.

    ``units``, ``years`` and ``nodes`` list the codes; ``scores()`` is a
    float64 array ``[unit, year, node]`` (NaN = missing), ``ranks()`` the
    competition ranks (0 = not ranked), ``frame()`` the long DataFrame of
    ``govidx compute --csv``."""

    def __init__(self, handle, owner=None):
        self._h = ctypes.c_void_p(handle) if not isinstance(handle, ctypes.c_void_p) else handle
        self._owner = owner
        n = lib.govidx_result_n_units(self._h)
        self.units = [_s(lib.govidx_result_unit_code(self._h, i)) for i in range(n)]
        self.years = [lib.govidx_result_year(self._h, i) for i in range(lib.govidx_result_n_years(self._h))]
        self.nodes = [_s(lib.govidx_result_node_code(self._h, k)) for k in range(lib.govidx_result_n_nodes(self._h))]

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_result_free(h)
            self._h = None

    def __repr__(self):
        return "<govidx.Result %d units x %d years x %d nodes>" % (len(self.units), len(self.years),
                                                                    len(self.nodes))

    @property
    def method_json(self):
        """The method spec the result was computed with (JSON text)."""
        return _s(lib.govidx_result_method_json(self._h))

    def set_tie_tolerance(self, tolerance):
        """Scores within relative ``tolerance`` of a tie group's best share
        its rank (default 1e-12; 0: only equal scores tie), as ``govidx
        compute --tie-tolerance``."""
        _check(lib.govidx_result_set_tie_tolerance(self._h, float(tolerance)))
        return self

    def labels(self, key):
        """The text labels stored under ``key`` as ``{(unit, year): [label,
        ...]}`` for the cells that have any, e.g. :data:`CE_DEA_LEFT_OUT`
        (the cities C3 leaves out, with the reason) or
        :data:`COVERAGE_LEFT_OUT` (the districts coverage leaves out)."""
        out = {}
        k = _b(key)
        for u, unit in enumerate(self.units):
            for y, year in enumerate(self.years):
                n = lib.govidx_result_n_labels(self._h, u, y, k)
                if n:
                    out[(unit, year)] = [_s(lib.govidx_result_label(self._h, u, y, k, i)) for i in range(n)]
        return out

    def _index(self, unit=None, year=None, node=None):
        out = []
        if unit is not None:
            i = ctypes.c_size_t()
            _check(lib.govidx_result_find_unit(ctypes.byref(i), self._h, _b(unit)))
            out.append(i.value)
        if year is not None:
            i = ctypes.c_size_t()
            _check(lib.govidx_result_find_year(ctypes.byref(i), self._h, int(year)))
            out.append(i.value)
        if node is not None:
            i = ctypes.c_size_t()
            _check(lib.govidx_result_find_node(ctypes.byref(i), self._h, _b(node)))
            out.append(i.value)
        return out

    def score(self, unit, year, node):
        """The score of one unit, year and node, found by code."""
        u, y, k = self._index(unit, year, node)
        return lib.govidx_result_score(self._h, u, y, k)

    def rank(self, unit, year, node):
        """The competition rank (1 = best) of one unit, year and node; 0 = unranked."""
        u, y, k = self._index(unit, year, node)
        return lib.govidx_result_rank(self._h, u, y, k)

    def scores_of(self, year, node):
        """The scores of every unit for one year and node: a read-only numpy
        view on the library's memory (no copy), valid while this Result lives."""
        y, k = self._index(year=year, node=node)
        p = lib.govidx_result_scores(self._h, y, k)
        if not p:
            _check(-1)
        a = np.ctypeslib.as_array(p, shape=(len(self.units),))
        a.flags.writeable = False
        return _Keep(a, self)

    def scores(self):
        """All scores as a new float64 array ``[unit, year, node]``."""
        out = np.empty((len(self.units), len(self.years), len(self.nodes)))
        for y in range(len(self.years)):
            for k in range(len(self.nodes)):
                p = lib.govidx_result_scores(self._h, y, k)
                out[:, y, k] = np.ctypeslib.as_array(p, shape=(len(self.units),))
        return out

    def ranks(self):
        """All competition ranks as an int64 array ``[unit, year, node]`` (0 = unranked)."""
        out = np.zeros((len(self.units), len(self.years), len(self.nodes)), dtype=np.int64)
        for u in range(len(self.units)):
            for y in range(len(self.years)):
                for k in range(len(self.nodes)):
                    out[u, y, k] = lib.govidx_result_rank(self._h, u, y, k)
        return out

    def frame(self):
        """A pandas DataFrame in the long format of the CLI's CSV
        (columns unit, year, node, score, rank; one row per unit, year and
        node, rank empty (NA) when unranked)."""
        pd = _pandas()
        s, r = self.scores(), self.ranks()
        U, Y, K = s.shape
        # the CSV's row order: year, then node, then unit
        df = pd.DataFrame({
            "unit": np.tile(np.array(self.units, dtype=object), Y * K),
            "year": np.repeat(np.array(self.years, dtype=np.int64), K * U),
            "node": np.tile(np.repeat(np.array(self.nodes, dtype=object), U), Y),
            "score": s.transpose(1, 2, 0).ravel(),
            "rank": pd.array(r.transpose(1, 2, 0).ravel(), dtype="Int64"),
        })
        df.loc[df["rank"] == 0, "rank"] = pd.NA
        return df

    def write_csv(self, path):
        """Write ``unit,year,node,score,rank`` CSV, exactly as ``govidx compute --csv``."""
        _check(lib.govidx_result_write_csv(self._h, _b(path)))

    def write_run(self, path, name, replace=False, input_path=None):
        """Store the result as ``/results/<name>`` in the file at ``path``
        (with its method spec, library version and the input file's
        checksum), atomically, as ``govidx compute --write NAME`` does."""
        run = ctypes.c_void_p()
        _check(lib.govidx_result_to_run(ctypes.byref(run), self._h, _b(name)))
        try:
            _check(lib.govidx_run_set_input_checksum(run, _b(input_path or path)))
            _check(lib.govidx_run_file_add(_b(path), run, _lib.WRITE_REPLACE if replace else 0))
        finally:
            lib.govidx_run_free(run)


class _Keep(np.ndarray):
    """An ndarray view that keeps the object owning its memory alive."""

    def __new__(cls, arr, owner):
        obj = arr.view(cls)
        obj._govidx_owner = owner
        return obj

    def __array_finalize__(self, obj):
        if obj is not None:
            self._govidx_owner = getattr(obj, "_govidx_owner", None)


# -- unit and code lists ---------------------------------------------------

#: label key of :meth:`Dataset.collaboration`'s result: the cities left out
#: of C3's DEA frontier in a year, with the reason (GOVIDX_CE_DEA_LEFT_OUT)
CE_DEA_LEFT_OUT = "collaboration.dea_left_out"
#: label key of :meth:`Dataset.coverage`'s result: the districts left out (GOVIDX_COVERAGE_LEFT_OUT)
COVERAGE_LEFT_OUT = "coverage.left_out"
#: label key of :meth:`Dataset.coverage`'s result: a city's worst-covered communities
COVERAGE_WORST = "coverage.worst"


def _code_list(codes):
    """A list of codes from ``"A,B"`` (as the CLI takes it) or an iterable."""
    if codes is None:
        return None
    items = codes.split(",") if isinstance(codes, str) else [str(c) for c in codes]
    return [c for c in items if c != ""]


def _c_strings(items):
    """(ctypes array of char*, count) for a list of str (kept alive by the array)."""
    arr = (ctypes.c_char_p * (len(items) + 1))(*[_b(c) for c in items], None)
    return ctypes.cast(arr, _lib.P(ctypes.c_char_p)), len(items), arr


def _check_units(known, exclude, only):
    """Name an unknown code as the CLI does; refuse leaving no unit."""
    for opt, codes in (("exclude", exclude), ("only", only)):
        for c in codes or ():
            if c not in known:
                raise NotFoundError(-7, "%s names unit '%s', which is not a unit of the data" % (opt, c))
    kept = [u for u in known if (exclude is None or u not in exclude) and (only is None or u in only)]
    if not kept:
        raise InvalidArgumentError(-1, "exclude/only leave no unit")


def _finish(res, exclude=None, only=None, tie_tolerance=None):
    """exclude/only on a result whose units are scored each on its own
    (coverage, openness: ``govidx_result_leave_out_units``, as the CLI
    does), then the tie tolerance."""
    if exclude is not None or only is not None:
        _check_units(res.units, exclude, only)
        keep = (ctypes.c_ubyte * (len(res.units) + 1))()
        for i, u in enumerate(res.units):
            keep[i] = (exclude is None or u not in exclude) and (only is None or u in only)
        _check(lib.govidx_result_leave_out_units(res._h, keep))
    if tie_tolerance is not None:
        res.set_tie_tolerance(tie_tolerance)
    return res


# -- datasets --------------------------------------------------------------

class Dataset:
    """An opened format-v1 city dataset (read-only).

    Open with :func:`open`.  Attributes: ``units``, ``unit_names``,
    ``years``, ``indicators`` (codes), ``nodes`` (framework node codes),
    ``attrs`` (root text attributes)."""

    def __init__(self, path, validate_first=True):
        self.path = str(path)
        if validate_first:
            problems = validate(self.path)
            if problems:
                raise FormatError(-4, "; ".join("%s: %s" % p for p in problems))
        h = ctypes.c_void_p()
        _check(lib.govidx_dataset_open(ctypes.byref(h), _b(self.path), None))
        self._h = h
        ds = h
        self.units = [_s(lib.govidx_dataset_unit_code(ds, i)) for i in range(lib.govidx_dataset_n_units(ds))]
        self.unit_names = [_s(lib.govidx_dataset_unit_name(ds, i)) for i in range(len(self.units))]
        ny = lib.govidx_dataset_n_years(ds)
        yp = lib.govidx_dataset_years(ds)
        self.years = [yp[i] for i in range(ny)]
        self.indicators = []
        for j in range(lib.govidx_dataset_n_indicators(ds)):
            row = _lib.Indicator()
            _check(lib.govidx_indicator_init(ctypes.byref(row), _lib.INDICATOR_VERSION))
            _check(lib.govidx_dataset_indicator(ctypes.byref(row), ds, j))
            self.indicators.append(_s(row.code))
        self.nodes = []
        for k in range(lib.govidx_dataset_n_nodes(ds)):
            row = _lib.Node()
            _check(lib.govidx_node_init(ctypes.byref(row), _lib.NODE_VERSION))
            _check(lib.govidx_dataset_node(ctypes.byref(row), ds, k))
            self.nodes.append(_s(row.code))
        self.attrs = {}
        for k in range(lib.govidx_dataset_n_attrs(ds)):
            name = lib.govidx_dataset_attr_name(ds, k)
            self.attrs[_s(name)] = _s(lib.govidx_dataset_attr(ds, name))

    def close(self):
        """Release the dataset (also done when it is garbage-collected)."""
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_dataset_close(h)
            self._h = None

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "<govidx.Dataset %r: %d units, %d years, %d indicators>" % (
            self.path, len(self.units), len(self.years), len(self.indicators))

    def panel(self, year):
        """The panel of one year as a read-only ``[unit, indicator]`` numpy
        view on the dataset's memory (no copy; NaN = missing)."""
        i = self.years.index(int(year)) if int(year) in self.years else None
        if i is None:
            raise NotFoundError(-7, "year %s is not one of the dataset's years" % year)
        v = _lib.MatrixView()
        _check(lib.govidx_dataset_panel(ctypes.byref(v), self._h, i))
        a = np.ctypeslib.as_array(v.data, shape=(v.cols, v.ld))[:, :v.rows].T
        a.flags.writeable = False
        return _Keep(a, self)

    def compute(self, method=None, exclude=None, only=None, tie_tolerance=None, **settings):
        """The composite index of the dataset's framework: plan and execute
        (``govidx compute``).  ``method`` is a JSON text or dict
        (docs/methods.md); ``settings`` set single keys, dots written as
        ``__`` (``normalize__method="minmax"``).  ``exclude`` / ``only``
        (codes, a list or ``"A,B"``) leave units out of every step
        (``--exclude`` / ``--only``: method keys units.exclude /
        units.only); ``tie_tolerance`` as ``--tie-tolerance``."""
        exclude, only = _code_list(exclude), _code_list(only)
        if exclude is not None:
            settings["units__exclude"] = ",".join(exclude)
        if only is not None:
            settings["units__only"] = ",".join(only)
        m = _method(method, **settings)
        plan, res = ctypes.c_void_p(), ctypes.c_void_p()
        try:
            _check(lib.govidx_plan_from_dataset(ctypes.byref(plan), self._h, m))
            _check(lib.govidx_execute_dataset(ctypes.byref(res), plan, self._h))
        finally:
            lib.govidx_plan_free(plan)
            lib.govidx_method_free(m)
        return _finish(Result(res), tie_tolerance=tie_tolerance)

    def openness(self, method=None, exclude=None, only=None, tie_tolerance=None, **settings):
        """The openness index O (pillars O1-O5; ``govidx_openness_compute``).
        ``exclude`` / ``only``: each city is scored on the framework's fixed
        goalposts, so the others are missing and unranked and no other
        score changes (``govidx compute --index openness --exclude``)."""
        m = _method(method, **settings)
        res = ctypes.c_void_p()
        try:
            _check(lib.govidx_openness_compute(ctypes.byref(res), self._h, m))
        finally:
            lib.govidx_method_free(m)
        return _finish(Result(res), _code_list(exclude), _code_list(only), tie_tolerance)

    def openness_checklist(self, exclude=None, only=None, tie_tolerance=None):
        """The GODI-style checklist scores of the inventory
        (``govidx_openness_checklist_compute`` with the GODI checklist:
        ``openness.score`` and its parts); ``exclude`` / ``only`` as in
        :meth:`openness`."""
        res = ctypes.c_void_p()
        _check(lib.govidx_openness_checklist_compute(ctypes.byref(res), self._h, None))
        return _finish(Result(res), _code_list(exclude), _code_list(only), tie_tolerance)

    def coverage(self, variable=None, epsilon=None, theta=None, floor=None, weight=None, include=None,
                 exclude_districts=None, exclude=None, only=None, tie_tolerance=None):
        """The coverage index (``govidx_coverage_compute``); options as in
        govidx/coverage.h and the CLI's flags, None = the library's default:
        ``weight`` (district variable weighting the communities, e.g.
        households; ``--weight``), ``include`` (district flag variable, 0
        leaves a district out; ``--include``), ``exclude_districts``
        (district codes, a list or ``"A,B"``; ``--exclude-districts``).
        What is left out is in ``result.labels(govidx.COVERAGE_LEFT_OUT)``.
        ``exclude`` / ``only`` leave cities out (a city's coverage is its
        own districts', so no other score changes)."""
        o = _lib.CoverageOptions()
        _check(lib.govidx_coverage_options_init(ctypes.byref(o), _lib.COVERAGE_OPTIONS_VERSION))
        if variable is not None:
            o.variable = _b(variable)
        for k, v in (("epsilon", epsilon), ("theta", theta), ("floor", floor)):
            if v is not None:
                setattr(o, k, float(v))
        if weight is not None:
            o.weight = _b(weight)
        if include is not None:
            o.include = _b(include)
        keep = None
        districts = _code_list(exclude_districts)
        if districts:
            o.exclude_districts, o.n_exclude_districts, keep = _c_strings(districts)
        res = ctypes.c_void_p()
        _check(lib.govidx_coverage_compute(ctypes.byref(res), self._h, ctypes.byref(o)))
        del keep
        return _finish(Result(res), _code_list(exclude), _code_list(only), tie_tolerance)

    def collaboration(self, network_layer=None, dea_rts=None, dea_orientation=None, aggregation=None,
                      layer_weights=None, coupling_traditional=None, coupling_floor=None, exclude=None,
                      only=None, departments=None, gov_sectors=None, tie_tolerance=None):
        """The collaboration-efficiency index CE (``govidx_collaboration_compute``).
        Names as in the CLI (``dea_rts="vrs"``, ``aggregation="arithmetic"``).
        ``exclude`` / ``only`` (codes, a list or ``"A,B"``) leave cities out
        before C3's DEA frontier and the Malmquist pairs: they are missing
        and unranked and the others are scored as if the file held only
        them.  ``departments`` / ``gov_sectors`` (sector lists, as
        ``--departments`` / ``--gov-sectors``) set the network options of
        C1.  The cities C3 leaves out (no positive output, a value missing)
        are in ``result.labels(govidx.CE_DEA_LEFT_OUT)`` with the reason."""
        o = _lib.CollaborationOptions()
        _check(lib.govidx_collaboration_options_init(ctypes.byref(o), _lib.COLLABORATION_OPTIONS_VERSION))
        if network_layer is not None:
            o.network_layer = _b(network_layer)
        net = None
        if departments is not None or gov_sectors is not None:
            net = _lib.NetworkOptions()
            _check(lib.govidx_network_options_init(ctypes.byref(net), _lib.NETWORK_OPTIONS_VERSION))
            if departments is not None:
                net.department_sectors = _b(",".join(_code_list(departments)))
            if gov_sectors is not None:
                net.gov_sectors = _b(",".join(_code_list(gov_sectors)))
            o.network = ctypes.pointer(net)
        exclude, only = _code_list(exclude), _code_list(only)
        lists = []
        if exclude is not None or only is not None:
            _check_units(self.units, exclude, only)
        if exclude:
            o.exclude, o.n_exclude, arr = _c_strings(exclude)
            lists.append(arr)
        if only:
            o.only, o.n_only, arr = _c_strings(only)
            lists.append(arr)
        _enum(o, "dea_rts", lib.govidx_dea_rts_from_name, dea_rts)
        _enum(o, "dea_orientation", lib.govidx_dea_orientation_from_name, dea_orientation)
        _enum(o, "aggregation", lib.govidx_ce_aggregation_from_name, aggregation)
        keep = None
        if layer_weights is not None:
            keep = np.ascontiguousarray(layer_weights, dtype=np.float64)
            o.layer_weights = keep.ctypes.data_as(_lib.P(ctypes.c_double))
            o.n_layer_weights = keep.size
        if coupling_traditional is not None:
            o.coupling_traditional = int(bool(coupling_traditional))
        if coupling_floor is not None:
            o.coupling_floor = float(coupling_floor)
        res = ctypes.c_void_p()
        _check(lib.govidx_collaboration_compute(ctypes.byref(res), self._h, ctypes.byref(o)))
        del keep, lists, net
        return _finish(Result(res), tie_tolerance=tie_tolerance)

    def _roots(self):
        """Codes of the framework's root nodes (no parent), file order."""
        out = []
        for k in range(lib.govidx_dataset_n_nodes(self._h)):
            row = _lib.Node()
            _check(lib.govidx_node_init(ctypes.byref(row), _lib.NODE_VERSION))
            _check(lib.govidx_dataset_node(ctypes.byref(row), self._h, k))
            if not row.parent:
                out.append(_s(row.code))
        return out

    def uncertainty(self, replications, seed=0, weights_noise=0.0, noise_levels=None, weights_dirichlet=0.0,
                    leave_one_out=False, vary=None, sobol=False, bootstrap=None, sobol_width=None,
                    roots_only=False, ranks_only=False, threads=0, batch=0, method=None, sampling="random",
                    data_noise=False, progress=None, **settings):
        """Monte Carlo uncertainty and Sobol sensitivity analysis of the
        composite index (``govidx_uncertainty_run_dataset``; ``govidx
        uncertainty``), returning an :class:`Uncertainty`.

        ``replications`` N (required), ``seed``; the weight noise of COINr
        (``weights_noise`` F, at ``noise_levels``: a level or list of
        levels, 1 = indicators; None = every level) or a Dirichlet with
        concentration ``weights_dirichlet`` K; ``leave_one_out``; ``vary``
        switches method keys among values: a dict
        ``{"normalize.method": ["minmax", "zscore"], "P1:aggregate.method":
        [...]}`` or a list of ``"[NODE:]KEY=V1,V2"`` texts as the CLI's
        ``--vary``; ``sobol`` with ``bootstrap`` resamples and
        ``sobol_width``; ``roots_only``, ``ranks_only``, ``threads``,
        ``batch``; ``sampling`` ``"random"`` or ``"sobol"`` (quasi-random
        points, ``--sampling``); ``data_noise`` (draws from the file's
        standard errors, ``--data-noise``).  ``method`` and ``settings`` are
        the method options of :meth:`compute`.  Results are identical for any
        thread count.  ``progress(done, total)`` is called as replications
        finish; a true return cancels (:class:`CancelledError`), and an
        exception it raises cancels the run and is re-raised here."""
        return _uncertainty(self, replications, seed, weights_noise, noise_levels, weights_dirichlet,
                            leave_one_out, vary, sobol, bootstrap, sobol_width, roots_only, ranks_only,
                            threads, batch, method, sampling, data_noise, progress, **settings)

    def network_measures(self, unit, year, layer=None, null_samples=0, seed=None):
        """The network measures of one unit, year and layer (None = all
        layers merged), as a dict ``{measure name: value}`` in the order of
        the ``govidx network`` CSV columns; with ``null_samples`` > 0 a
        second dict of z-scores is returned too."""
        net = ctypes.c_void_p()
        _check(lib.govidx_network_from_dataset(ctypes.byref(net), self._h, _b(unit), int(year), _b(layer)))
        try:
            o = _lib.NetworkOptions()
            _check(lib.govidx_network_options_init(ctypes.byref(o), _lib.NETWORK_OPTIONS_VERSION))
            o.null_samples = int(null_samples)
            if seed is not None:
                o.seed = int(seed)
            n = lib.govidx_network_n_measures()
            vals = np.full(n, np.nan)
            z = np.full(n, np.nan)
            _check(lib.govidx_network_measures(vals.ctypes.data_as(_lib.P(ctypes.c_double)),
                                               z.ctypes.data_as(_lib.P(ctypes.c_double)), n, net,
                                               ctypes.byref(o)))
        finally:
            lib.govidx_network_free(net)
        names = [_s(lib.govidx_network_measure_name(k)) for k in range(n)]
        values = dict(zip(names, vals.tolist()))
        return (values, dict(zip(names, z.tolist()))) if null_samples else values


def _enum(opts, field, parse, name):
    if name is None:
        return
    v = ctypes.c_int()
    _check(parse(ctypes.byref(v), _b(name)))
    setattr(opts, field, v.value)


def open(path, validate=True):  # noqa: A001 - the natural name, as in h5py.File / io.open
    """Open a format-v1 dataset.  With ``validate`` (default) the file is
    first checked in a separate process (hostile files cannot crash
    Python); problems raise :class:`FormatError` listing them."""
    return Dataset(path, validate_first=validate)


#: problems :func:`import_csv` quotes in its error before counting the rest (as ``govidx import``)
IMPORT_SHOWN_PROBLEMS = 10


def _year_files(pattern):
    """'DIR/egov_{year}.csv': every existing DIR/egov_YYYY.csv as
    [(path, year)], years ascending (``govidx import --data``)."""
    import glob
    import re
    head, tail = pattern.split("{year}", 1)
    rx = re.compile(re.escape(head) + r"([0-9]{4})" + re.escape(tail) + r"\Z")
    found = sorted((int(m.group(1)), p) for p in glob.glob(glob.escape(head) + "[0-9]" * 4 + glob.escape(tail))
                   for m in [rx.match(p)] if m)
    if not found:
        raise NotFoundError(-7, "no file matches %s ({year} = four digits)" % pattern)
    return [(p, y) for y, p in found]


def import_csv(out, data, meta, year=None, districts=None, inventory=None, actors=None, edges=None, dea=None,
               thousands=None, decimal=None, unit_column=None, year_column=None, title=None, source=None,
               licence=None, force=False):
    """Build a city dataset from CSV files and write it to ``out``
    (``govidx import``; layouts in docs/import.md), then open it.

    Keyword names are the CLI's flags: ``data`` is one file, a path with
    ``{year}`` (every existing file with four digits there, one year
    each), a list of files with ``year`` the list of their years (as
    ``--data F --year Y`` repeated) or a dict ``{year: file}``; with one
    file, ``year`` is the year of a file without a year column.
    ``thousands`` / ``decimal`` (one character: ``","`` reads ``"24,140"``
    / ``"3,5"``), ``unit_column`` / ``year_column`` (column names),
    ``districts``, ``inventory``, ``actors`` with ``edges``, ``dea``,
    ``title``, ``source``, ``licence``; ``force`` replaces an existing
    ``out``.  Problems in the files raise :class:`FormatError` quoting the
    first :data:`IMPORT_SHOWN_PROBLEMS` as ``file:line:column: message``
    and counting the rest; nothing is written then."""
    src = _lib.ImportSources()
    _check(lib.govidx_import_sources_init(ctypes.byref(src), _lib.IMPORT_SOURCES_VERSION))
    files = None
    if isinstance(data, dict):
        files = sorted(((str(p), int(y)) for y, p in data.items()), key=lambda t: t[1])
    elif isinstance(data, (list, tuple)):
        years = list(year) if isinstance(year, (list, tuple)) else None
        if years is None or len(years) != len(data):
            raise InvalidArgumentError(-1, "import_csv: %d data files need as many years (year=[...]), got %s"
                                       % (len(data), "none" if year is None else len(years or [year])))
        files = [(str(p), int(y)) for p, y in zip(data, years)]
    elif "{year}" in str(data):
        files = _year_files(str(data))
    else:
        src.data = _b(data)
        if year is not None:
            src.default_year = int(year)
    keep = []
    if files is not None:
        arr = (ctypes.c_char_p * len(files))(*[_b(p) for p, _ in files])
        yrs = (ctypes.c_int * len(files))(*[y for _, y in files])
        keep += [arr, yrs]
        src.data_files = ctypes.cast(arr, _lib.P(ctypes.c_char_p))
        src.data_years = ctypes.cast(yrs, _lib.P(ctypes.c_int))
        src.n_data_files = len(files)
    for name, value in (("meta", meta), ("districts", districts), ("inventory", inventory), ("actors", actors),
                        ("edges", edges), ("dea", dea), ("unit_column", unit_column),
                        ("year_column", year_column)):
        if value is not None:
            setattr(src, name, _b(value))
    for name, value in (("thousands", thousands), ("decimal", decimal)):
        if value is not None:
            if value == "space":
                value = " "
            if len(str(value)) != 1:
                raise InvalidArgumentError(-1, "import_csv: %s takes one character, got %r" % (name, value))
            setattr(src, name, str(value).encode("utf-8")[:1])
    if (actors is None) != (edges is None):
        raise InvalidArgumentError(-1, "import_csv: actors and edges go together")
    problems = []

    def report(_ctx, obj, msg):
        problems.append("%s: %s" % (_s(obj), _s(msg)) if obj else _s(msg))

    cb = _lib.PROBLEM_FN(report)
    ds = ctypes.c_void_p()
    rc = lib.govidx_import_csv(ctypes.byref(ds), ctypes.byref(src), cb, None)
    if rc != 0:
        if not problems:
            _check(rc)
        shown = problems[:IMPORT_SHOWN_PROBLEMS]
        if len(problems) > IMPORT_SHOWN_PROBLEMS:
            shown.append("%d more problems not shown (%d in all)" % (len(problems) - IMPORT_SHOWN_PROBLEMS,
                                                                    len(problems)))
        raise _CLASSES.get(rc, GovidxError)(rc, "nothing written: " + "; ".join(shown))
    try:
        for name, value in (("title", title), ("source", source), ("licence", licence)):
            if value is not None:
                _check(lib.govidx_dataset_set_attr(ds, _b(name), _b(value)))
        _check(lib.govidx_dataset_write(ds, _b(out), _lib.WRITE_REPLACE if force else 0))
    finally:
        lib.govidx_dataset_close(ds)
    return Dataset(out)


# -- stored runs (/results/<run>) --------------------------------------------

class Run:
    """A run read back from a file's ``/results/<name>`` (``govidx_run_open``):
    ``units``, ``years``, ``nodes``, ``arrays`` (name -> float64 array
    ``[unit, year, node]``, copies) and ``attrs`` (provenance texts)."""

    def __init__(self, name, units, years, nodes, arrays, attrs):
        self.name, self.units, self.years, self.nodes = name, units, years, nodes
        self.arrays, self.attrs = arrays, attrs

    def __repr__(self):
        return "<govidx.Run %r: %s>" % (self.name, ", ".join(self.arrays))


def list_runs(path):
    """Names of the runs stored in a file, sorted."""
    names = _lib.P(ctypes.c_char_p)()
    n = ctypes.c_size_t()
    _check(lib.govidx_run_file_list(ctypes.byref(names), ctypes.byref(n), _b(path)))
    try:
        return [_s(names[i]) for i in range(n.value)]
    finally:
        lib.govidx_free(ctypes.cast(names, ctypes.c_void_p))


def read_run(path, name):
    """Read ``/results/<name>`` of a file (validated by the C reader)."""
    h = ctypes.c_void_p()
    _check(lib.govidx_run_open(ctypes.byref(h), _b(path), _b(name)))
    try:
        U, Y, K = lib.govidx_run_n_units(h), lib.govidx_run_n_years(h), lib.govidx_run_n_nodes(h)
        units = [_s(lib.govidx_run_unit_code(h, i)) for i in range(U)]
        years = [lib.govidx_run_year(h, i) for i in range(Y)]
        nodes = [_s(lib.govidx_run_node_code(h, i)) for i in range(K)]
        arrays = {}
        for k in range(lib.govidx_run_n_arrays(h)):
            an = lib.govidx_run_array_name(h, k)
            p = _lib.P(ctypes.c_double)()
            _check(lib.govidx_run_array(ctypes.byref(p), h, an))
            # C layout: per-year column-major [unit, node] blocks: data[u + U*(k + K*y)]
            a = np.ctypeslib.as_array(p, shape=(Y, K, U)).transpose(2, 0, 1).copy()
            arrays[_s(an)] = a
        attrs = {}
        for k in range(lib.govidx_run_n_attrs(h)):
            an = lib.govidx_run_attr_name(h, k)
            attrs[_s(an)] = _s(lib.govidx_run_attr(h, an))
    finally:
        lib.govidx_run_free(h)
    return Run(name, units, years, nodes, arrays, attrs)


# -- DEA -------------------------------------------------------------------

class DeaResult:
    """DEA scores of n DMUs: ``efficiency``, ``status`` (0 optimal),
    ``input_slacks`` ``[dmu, input]``, ``output_slacks`` ``[dmu, output]``
    (copies), and :meth:`peers`."""

    def __init__(self, h):
        self._h = h
        m, s = ctypes.c_size_t(), ctypes.c_size_t()
        self.n = lib.govidx_dea_result_dims(ctypes.byref(m), ctypes.byref(s), h)
        self.m, self.s = m.value, s.value
        self.efficiency = np.ctypeslib.as_array(lib.govidx_dea_efficiency(h), shape=(self.n,)).copy()
        self.status = np.ctypeslib.as_array(lib.govidx_dea_status(h), shape=(self.n,)).copy()
        self.input_slacks = self._cm(lib.govidx_dea_input_slacks(h), self.m)
        self.output_slacks = self._cm(lib.govidx_dea_output_slacks(h), self.s)

    def _cm(self, p, cols):
        if not p or cols == 0:
            return None
        # n x cols column-major in C
        return np.ctypeslib.as_array(p, shape=(cols, self.n)).T.copy()

    def peers(self, dmu):
        """The peers of one DMU: (indices, lambdas) as numpy arrays."""
        idx = _lib.P(ctypes.c_size_t)()
        lam = _lib.P(ctypes.c_double)()
        k = lib.govidx_dea_peers(ctypes.byref(idx), ctypes.byref(lam), self._h, int(dmu))
        if k == 0:
            return np.zeros(0, dtype=np.uintp), np.zeros(0)
        return (np.ctypeslib.as_array(idx, shape=(k,)).copy(), np.ctypeslib.as_array(lam, shape=(k,)).copy())

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_dea_result_free(h)
            self._h = None


def _view(a, name):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2:
        raise InvalidArgumentError(-1, "%s must be a 2-D array (DMUs x variables), got %d-D" % (name, a.ndim))
    if not a.flags.f_contiguous:
        a = np.asfortranarray(a)  # the one copy: C takes column-major
    v = _lib.MatrixView(a.ctypes.data_as(_lib.P(ctypes.c_double)), a.shape[0], a.shape[1], max(a.shape[0], 1))
    return v, a


def dea(inputs, outputs, model="radial", rts="crs", orientation="in", second_stage=True,
        super_efficiency=False, scale=False, threads=1, progress=None):
    """Data envelopment analysis (``govidx_dea_compute``).

    ``inputs`` is n x m and ``outputs`` n x s (DMUs in rows); Fortran-ordered
    float64 arrays are passed without a copy.  ``model``, ``rts`` and
    ``orientation`` take the CLI's names (radial/sbm, crs/vrs/nirs/ndrs,
    in/out/nonoriented); ``threads`` worker threads (results identical).
    ``progress(done, total)`` is called as DMUs are scored (done of total);
    a true return cancels (:class:`CancelledError`), and an exception it
    raises cancels the run and is re-raised here."""
    X, keep_x = _view(inputs, "inputs")
    Y, keep_y = _view(outputs, "outputs")
    o = _lib.DeaOptions()
    _check(lib.govidx_dea_options_init(ctypes.byref(o), _lib.DEA_OPTIONS_VERSION))
    _enum(o, "model", lib.govidx_dea_model_from_name, model)
    _enum(o, "rts", lib.govidx_dea_rts_from_name, rts)
    _enum(o, "orientation", lib.govidx_dea_orientation_from_name, orientation)
    o.second_stage = int(bool(second_stage))
    o.super_efficiency = int(bool(super_efficiency))
    o.scale = int(bool(scale))
    o.threads = int(threads)
    prog = _Progress(progress)
    prog.install(o)
    h = ctypes.c_void_p()
    rc = lib.govidx_dea_compute(ctypes.byref(h), X, Y, ctypes.byref(o))
    res = DeaResult(h) if h else None  # freed on any error below
    prog.check(rc)
    del keep_x, keep_y
    return res


# -- in-memory composites: your own tree and arrays ----------------------------

class Framework:
    """An index tree built in memory (``govidx_framework_*``).

    Add indicators (leaves, each reading one ``column`` of the panel) and
    aggregates, then :meth:`seal`; the C library checks the tree (unknown
    parents, cycles, bad weights are errors naming the node)."""

    def __init__(self):
        h = ctypes.c_void_p()
        _check(lib.govidx_framework_new(ctypes.byref(h)))
        self._h = h
        self.sealed = False

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_framework_free(h)
            self._h = None

    def add_indicator(self, code, parent=None, weight=1.0, direction=1, column=0):
        """A leaf: ``column`` of the panel, ``direction`` +1 or -1, ``weight``
        within ``parent`` (an aggregate's code; None = stand-alone)."""
        _check(lib.govidx_framework_add_indicator(self._h, _b(code), _b(parent), float(weight), int(direction),
                                                  int(column)))
        return self

    def add_aggregate(self, code, parent=None, weight=1.0):
        """An aggregate node, ``weight`` within ``parent`` (None = a root)."""
        _check(lib.govidx_framework_add_aggregate(self._h, _b(code), _b(parent), float(weight)))
        return self

    def seal(self):
        """Check the tree and fix its evaluation order (needed before a plan)."""
        _check(lib.govidx_framework_seal(self._h))
        self.sealed = True
        return self

    @property
    def nodes(self):
        """Node codes in the framework's order (after :meth:`seal`)."""
        return [_s(lib.govidx_framework_node_code(self._h, k)) for k in range(lib.govidx_framework_n_nodes(self._h))]


class Panel:
    """Raw values for a plan (``govidx_panel``): ``values`` is a float64
    array ``[unit, year, column]`` (NaN = missing) or, for one year,
    ``[unit, column]``.  A Fortran-ordered float64 array is passed to C
    without a copy (each year is then a column-major view); anything else
    is copied once.  ``years`` are the year labels (default 1, 2, ...),
    ``units`` the unit codes (default "1", "2", ...), ``groups`` an int
    group label per unit for group imputation (< 0 = none).  The arrays
    are only read, never modified."""

    def __init__(self, values, years=None, units=None, groups=None):
        a = np.asarray(values, dtype=np.float64)
        if a.ndim == 2:
            a = a[:, None, :]
        if a.ndim != 3:
            raise InvalidArgumentError(-1, "panel values must be [unit, year, column] or [unit, column], got %d-D"
                                       % a.ndim)
        if not a.flags.f_contiguous:
            a = np.asfortranarray(a)
        U, Y, C = a.shape
        self.values = a
        self.shape = a.shape
        dp = _lib.P(ctypes.c_double)
        # year y of an F-ordered [U, Y, C] array: rows U, cols C, ld U * Y
        self._views = (_lib.MatrixView * max(Y, 1))()
        for y in range(Y):
            self._views[y] = _lib.MatrixView(ctypes.cast(a.ctypes.data + 8 * U * y, dp), U, C, max(U * Y, 1))
        self._p = _lib.Panel()
        _check(lib.govidx_panel_init(ctypes.byref(self._p), _lib.PANEL_VERSION))
        self._p.n_years = Y
        self._p.years = ctypes.cast(self._views, _lib.P(_lib.MatrixView))
        if years is not None:
            if len(years) != Y:
                raise InvalidArgumentError(-1, "panel: %d year labels for %d years" % (len(years), Y))
            self._years = (ctypes.c_int * Y)(*[int(v) for v in years])
            self._p.year_labels = ctypes.cast(self._years, _lib.P(ctypes.c_int))
        if units is not None:
            if len(units) != U:
                raise InvalidArgumentError(-1, "panel: %d unit codes for %d units" % (len(units), U))
            self._units = (ctypes.c_char_p * U)(*[_b(u) for u in units])
            self._p.unit_codes = ctypes.cast(self._units, _lib.P(ctypes.c_char_p))
        if groups is not None:
            if len(groups) != U:
                raise InvalidArgumentError(-1, "panel: %d groups for %d units" % (len(groups), U))
            self._groups = (ctypes.c_int * U)(*[int(g) for g in groups])
            self._p.unit_groups = ctypes.cast(self._groups, _lib.P(ctypes.c_int))


class Plan:
    """A prepared computation (``govidx_plan_new``) of a sealed
    :class:`Framework` with method options (a JSON text or dict, and
    ``settings`` with dots written as ``__``, as :meth:`Dataset.compute`);
    data-driven weights are computed from ``panel``.  The framework and
    method are copied by C."""

    def __init__(self, framework, panel, method=None, **settings):
        if not isinstance(panel, Panel):
            panel = Panel(panel)
        m = _method(method, **settings)
        h = ctypes.c_void_p()
        try:
            _check(lib.govidx_plan_new(ctypes.byref(h), framework._h, m, ctypes.byref(panel._p)))
        finally:
            lib.govidx_method_free(m)
        self._h = h
        root = ctypes.c_size_t(-1).value
        self._roots = [_s(lib.govidx_framework_node_code(framework._h, k))
                       for k in range(lib.govidx_framework_n_nodes(framework._h))
                       if lib.govidx_framework_parent(framework._h, k) == root]

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_plan_free(h)
            self._h = None

    @property
    def method_json(self):
        """The complete method of the plan as JSON (every default filled in)."""
        return _s(lib.govidx_plan_method_json(self._h))

    def execute(self, panel):
        """Scores of ``panel`` (a :class:`Panel` or an array; same shape as
        the plan's): a :class:`Result`."""
        if not isinstance(panel, Panel):
            panel = Panel(panel)
        res = ctypes.c_void_p()
        _check(lib.govidx_execute(ctypes.byref(res), self._h, ctypes.byref(panel._p)))
        return Result(res, owner=(self, panel))

    def uncertainty(self, panel, replications, seed=0, weights_noise=0.0, noise_levels=None,
                    weights_dirichlet=0.0, leave_one_out=False, vary=None, sobol=False, bootstrap=None,
                    sobol_width=None, roots_only=False, ranks_only=False, threads=0, batch=0, sampling="random",
                    progress=None):
        """Monte Carlo uncertainty and Sobol sensitivity analysis of this
        plan on ``panel`` (a :class:`Panel` or an array of the plan's shape;
        ``govidx_uncertainty_run``), returning an :class:`Uncertainty`.
        The options are those of :meth:`Dataset.uncertainty` (the method is
        the plan's own; data noise needs a dataset's standard errors).  ``progress(done, total)`` is called as
        replications finish; a true return cancels (:class:`CancelledError`)
        and an exception it raises cancels the run and is re-raised."""
        if not isinstance(panel, Panel):
            panel = Panel(panel)
        o, keep = _uncertainty_options(replications, seed, weights_noise, noise_levels, weights_dirichlet,
                                       leave_one_out, vary, sobol, bootstrap, sobol_width, roots_only,
                                       ranks_only, threads, batch, sampling)
        prog = _Progress(progress)
        prog.install(o)
        h = ctypes.c_void_p()
        rc = lib.govidx_uncertainty_run(ctypes.byref(h), self._h, ctypes.byref(panel._p), ctypes.byref(o))
        res = Uncertainty(h, self._roots) if h else None  # freed on any error below
        prog.check(rc)
        del keep
        res._roots_only = bool(roots_only)
        res._sobol_width = o.sobol_width
        return res


def composite(framework, values, years=None, units=None, groups=None, method=None, **settings):
    """The composite index of your own tree and arrays in one call:
    :class:`Panel` of ``values``, :class:`Plan` and execute; a :class:`Result`."""
    panel = values if isinstance(values, Panel) else Panel(values, years, units, groups)
    return Plan(framework, panel, method, **settings).execute(panel)


def malmquist(inputs1, outputs1, inputs2, outputs2, rts="crs", orientation="in"):
    """Malmquist productivity index between two periods of the same n DMUs
    (``govidx_dea_malmquist``; Faere, Grosskopf, Norris & Zhang 1994, as
    DEAP 2.1 computes it).  Arrays are n x m inputs and n x s outputs per
    period (DMUs in rows); ``rts`` and ``orientation`` take the CLI's names.
    Returns a dict of numpy arrays (n each): ``effch`` (efficiency change),
    ``techch`` (technical change), ``tfpch`` (= effch * techch, > 1 =
    progress) and ``status`` (the worst of the four LPs, 0 = optimal)."""
    views = [_view(a, nm) for a, nm in ((inputs1, "inputs1"), (outputs1, "outputs1"),
                                         (inputs2, "inputs2"), (outputs2, "outputs2"))]
    o = _lib.DeaOptions()
    _check(lib.govidx_dea_options_init(ctypes.byref(o), _lib.DEA_OPTIONS_VERSION))
    _enum(o, "rts", lib.govidx_dea_rts_from_name, rts)
    _enum(o, "orientation", lib.govidx_dea_orientation_from_name, orientation)
    n = views[0][0].rows
    out = {k: np.full(n, np.nan) for k in ("effch", "techch", "tfpch")}
    status = np.zeros(n, dtype=np.intc)
    dp = _lib.P(ctypes.c_double)
    _check(lib.govidx_dea_malmquist(out["effch"].ctypes.data_as(dp), out["techch"].ctypes.data_as(dp),
                                    out["tfpch"].ctypes.data_as(dp), status.ctypes.data_as(_lib.P(ctypes.c_int)),
                                    *[v for v, _ in views], ctypes.byref(o)))
    del views
    out["status"] = status
    return out


def bod(indicators, w_lower=None, w_upper=None, share_lower=None, share_upper=None):
    """Benefit-of-the-doubt composite indicator (``govidx_dea_bod``;
    Cherchye, Moesen, Rogge & Van Puyenbroeck 2007) of an n x m array of
    non-negative indicators (units in rows), with optional per-indicator
    bounds on the weights (``w_lower``, ``w_upper``) or on the shares
    w_j z_ij / CI_i (``share_lower``, ``share_upper``), m values each.
    Returns a dict: ``ci`` (n; NaN where infeasible), ``weights`` (n x m),
    ``status`` (n, 0 = optimal) and ``all_one`` (True when every optimal
    unit scores 1: the index does not discriminate)."""
    Z, keep = _view(indicators, "indicators")
    n, m = Z.rows, Z.cols
    o = _lib.BodOptions()
    _check(lib.govidx_bod_options_init(ctypes.byref(o), _lib.BOD_OPTIONS_VERSION))
    bounds = []
    for field, val in (("w_lower", w_lower), ("w_upper", w_upper), ("share_lower", share_lower),
                       ("share_upper", share_upper)):
        if val is None:
            continue
        b = np.ascontiguousarray(val, dtype=np.float64).ravel()
        if b.size != m:
            raise InvalidArgumentError(-1, "bod: %s has %d values, expected one per indicator (%d)"
                                       % (field, b.size, m))
        bounds.append(b)
        setattr(o, field, b.ctypes.data_as(_lib.P(ctypes.c_double)))
    ci = np.full(n, np.nan)
    w = np.full((m, n), np.nan)  # C writes n x m column-major
    status = np.zeros(n, dtype=np.intc)
    all_one = ctypes.c_int(0)
    dp = _lib.P(ctypes.c_double)
    _check(lib.govidx_dea_bod(ci.ctypes.data_as(dp), w.ctypes.data_as(dp), status.ctypes.data_as(_lib.P(ctypes.c_int)),
                              ctypes.byref(all_one), Z, ctypes.byref(o)))
    del keep, bounds
    return {"ci": ci, "weights": w.T.copy(), "status": status, "all_one": bool(all_one.value)}


def bod_directional(indicators, direction=None):
    """Directional benefit of the doubt (``govidx_dea_bod_directional``;
    Fusco 2015, EJOR 242(2):620-630) of an n x m array of non-negative
    indicators: each unit expanded along ``direction`` (m values >= 0, not
    all 0), or with None along its own values (then the scores are the
    radial BoD's).  Returns a dict: ``ci`` = 1 / (1 + beta) in (0, 1],
    ``beta`` and ``status`` (n each; NaN scores where not optimal)."""
    Z, keep = _view(indicators, "indicators")
    n, m = Z.rows, Z.cols
    g = None
    if direction is not None:
        g = np.ascontiguousarray(direction, dtype=np.float64).ravel()
        if g.size != m:
            raise InvalidArgumentError(-1, "bod_directional: direction has %d values, expected one per indicator (%d)"
                                       % (g.size, m))
    ci, beta = np.full(n, np.nan), np.full(n, np.nan)
    status = np.zeros(n, dtype=np.intc)
    dp = _lib.P(ctypes.c_double)
    _check(lib.govidx_dea_bod_directional(ci.ctypes.data_as(dp), beta.ctypes.data_as(dp),
                                          status.ctypes.data_as(_lib.P(ctypes.c_int)), Z,
                                          g.ctypes.data_as(dp) if g is not None else None))
    del keep
    return {"ci": ci, "beta": beta, "status": status}


def bod_robust(indicators, m=25, draws=0, seed=None):
    """Robust order-m benefit of the doubt (``govidx_dea_bod_robust``;
    Cazals, Florens & Simar 2002; Compind's ci_rbod) of an n x m array of
    non-negative indicators: each unit against ``m`` units drawn with
    replacement; ``draws`` = 0 (default) gives the exact expectation,
    ``draws`` = B averages B seeded Monte Carlo samples (``seed``; the C
    default when None).  Returns the n scores (may exceed 1)."""
    Z, keep = _view(indicators, "indicators")
    o = _lib.BodRobustOptions()
    _check(lib.govidx_bod_robust_options_init(ctypes.byref(o), _lib.BOD_ROBUST_OPTIONS_VERSION))
    if int(m) != m or m < 0:
        raise InvalidArgumentError(-1, "bod_robust: m must be a positive integer, got %r" % (m,))
    if int(draws) != draws or draws < 0:
        raise InvalidArgumentError(-1, "bod_robust: draws must be a non-negative integer, got %r" % (draws,))
    o.m, o.draws = int(m), int(draws)
    if seed is not None:
        o.seed = int(seed)
    ci = np.full(Z.rows, np.nan)
    _check(lib.govidx_dea_bod_robust(ci.ctypes.data_as(_lib.P(ctypes.c_double)), Z, ctypes.byref(o)))
    del keep
    return ci


# -- uncertainty analysis (govidx/uncertainty.h) ----------------------------

def _vary_specs(vary):
    """[(node or None, key, [values])] from a dict {"[NODE:]KEY": values}
    or a list of such tuples / "[NODE:]KEY=V1,V2" texts (the CLI's --vary)."""
    if vary is None:
        return []
    items = list(vary.items()) if isinstance(vary, dict) else list(vary)
    out = []
    for it in items:
        if isinstance(it, str):
            if "=" not in it:
                raise InvalidArgumentError(-1, "vary: expected [NODE:]KEY=V1,V2,..., got %r" % it)
            head, vals = it.split("=", 1)
            it = (head, vals.split(","))
        if len(it) == 3:
            node, key, values = it
        else:
            head, values = it
            node, key = head.split(":", 1) if ":" in head else (None, head)
        if isinstance(values, str):
            values = values.split(",")
        out.append((node, key, [str(v) for v in values]))
    return out


def _noise_levels(levels):
    """The bit mask of govidx_uncertainty_options.noise_levels (bit L = level L)."""
    if levels is None:
        return 0
    if isinstance(levels, int):
        levels = [levels]
    mask = 0
    for lv in levels:
        if int(lv) != lv or not 1 <= int(lv) <= 31:
            raise InvalidArgumentError(-1, "noise level %r is not a level 1..31" % (lv,))
        mask |= 1 << int(lv)
    return mask


class Uncertainty:
    """The statistics of one uncertainty run (``govidx_uncertainty_run``).

    Made by :meth:`Dataset.uncertainty`.  Attributes: ``units``, ``years``,
    ``nodes`` (every framework node), ``replications``, ``inputs`` (the
    Sobol inputs, e.g. ``"weights:P1"``; empty without ``sobol``).  Every
    number is read from the C run; arrays are ``[unit, year, node]``
    float64 copies (ranks: 0 = missing in ``nominal_ranks``; statistics
    are NaN where a cell has none, e.g. non-root nodes under
    ``roots_only`` or scores under ``ranks_only``)."""

    def __init__(self, h, roots):
        self._h = h
        self.replications = lib.govidx_uncertainty_replications(h)
        self.units = [_s(lib.govidx_uncertainty_unit_code(h, i)) for i in range(lib.govidx_uncertainty_n_units(h))]
        self.years = [lib.govidx_uncertainty_year(h, i) for i in range(lib.govidx_uncertainty_n_years(h))]
        self.nodes = [_s(lib.govidx_uncertainty_node_code(h, i)) for i in range(lib.govidx_uncertainty_n_nodes(h))]
        self.inputs = [_s(lib.govidx_uncertainty_input_code(h, i)) for i in range(lib.govidx_uncertainty_n_inputs(h))]
        self.roots = [r for r in roots if r in self.nodes]
        self._roots_only = False

    def __del__(self):
        h = getattr(self, "_h", None)
        if h:
            lib.govidx_uncertainty_free(h)
            self._h = None

    def __repr__(self):
        return "<govidx.Uncertainty: %d replications, %d units, %d years, %d nodes>" % (
            self.replications, len(self.units), len(self.years), len(self.nodes))

    def _cells(self, fn, *extra, dtype=np.float64):
        out = np.empty((len(self.units), len(self.years), len(self.nodes)), dtype=dtype)
        for u in range(len(self.units)):
            for y in range(len(self.years)):
                for k in range(len(self.nodes)):
                    out[u, y, k] = fn(self._h, u, y, k, *extra)
        return out

    @property
    def nominal_scores(self):
        """Scores with the nominal (unperturbed) weights, ``[unit, year, node]``."""
        return self._cells(lib.govidx_uncertainty_nominal_score)

    @property
    def nominal_ranks(self):
        """Nominal competition ranks (int64, 0 = missing)."""
        return self._cells(lib.govidx_uncertainty_nominal_rank, dtype=np.int64)

    @property
    def mean_scores(self):
        """Mean score over the replications where the cell was present."""
        return self._cells(lib.govidx_uncertainty_mean_score)

    @property
    def mean_ranks(self):
        """Mean rank over the replications."""
        return self._cells(lib.govidx_uncertainty_mean_rank)

    @property
    def mean_abs_rank_shift(self):
        """Mean |rank - nominal rank| over the replications."""
        return self._cells(lib.govidx_uncertainty_mean_abs_rank_shift)

    def score_quantile(self, q):
        """Type-7 quantile ``q`` in [0, 1] of the replications' scores."""
        return self._cells(lib.govidx_uncertainty_score_quantile, float(q))

    def rank_quantile(self, q):
        """Type-7 quantile ``q`` in [0, 1] of the replications' ranks."""
        return self._cells(lib.govidx_uncertainty_rank_quantile, float(q))

    def sobol(self, unit, year, node, input):  # noqa: A002 - the C name
        """The Sobol indices of one input for the score of ``unit`` (a code,
        or None for the mean absolute rank shift over units) in root
        ``node``: a dict first_order, total_order, first_lo, first_hi,
        total_lo, total_hi (95% bootstrap intervals)."""
        u = len(self.units) if unit is None else self._find(self.units, unit, "unit")
        y = self._find(self.years, int(year), "year")
        k = self._find(self.nodes, node, "node")
        i = self._find(self.inputs, input, "Sobol input")
        return dict(zip(_SOBOL_COLUMNS, self._sobol(u, y, k, i).tolist()))

    def _sobol(self, u, y, k, i):
        out = np.empty(6)
        # unit (size_t)-1 is the mean absolute rank shift
        cu = ctypes.c_size_t(-1).value if u == len(self.units) else u
        _check(lib.govidx_uncertainty_sobol(out.ctypes.data_as(_lib.P(ctypes.c_double)), self._h, cu, y, k, i))
        return out

    @staticmethod
    def _find(seq, x, what):
        try:
            return seq.index(x)
        except ValueError:
            raise NotFoundError(-7, "%s %r is not in this uncertainty run" % (what, x)) from None

    def sobol_indices(self):
        """All Sobol indices as a float64 array ``[unit, year, root, input,
        6]`` (the last unit, index ``len(units)``, is the mean absolute rank
        shift; the 6 values in the order of :meth:`sobol`), with the root
        codes in ``self.roots``.  Raises :class:`InvalidArgumentError`
        unless the run had ``sobol`` set."""
        U, Y, R, I = len(self.units), len(self.years), len(self.roots), len(self.inputs)
        out = np.empty((U + 1, Y, R, I, 6))
        if I == 0:
            # the C library's own error (the run had no sobol set)
            self._sobol(0, 0, self.nodes.index(self.roots[0]) if self.roots else 0, 0)
        for u in range(U + 1):
            for y in range(Y):
                for r, root in enumerate(self.roots):
                    k = self.nodes.index(root)
                    for i in range(I):
                        out[u, y, r, i] = self._sobol(u, y, k, i)
        return out

    def _tracked(self):
        return self.roots if self._roots_only else self.nodes

    def frame(self, quantiles=()):
        """A pandas DataFrame with the columns and rows of ``govidx
        uncertainty --csv`` (unit, year, node, nominal_score, nominal_rank,
        mean_score, median_score, q05_score, q95_score, mean_rank,
        median_rank, q05_rank, q95_rank, mean_abs_rank_shift, then
        qNN_score, qNN_rank per extra percentage in ``quantiles``)."""
        pd = _pandas()
        cols = [("nominal_score", self.nominal_scores), ("nominal_rank", self.nominal_ranks),
                ("mean_score", self.mean_scores), ("median_score", self.score_quantile(0.5)),
                ("q05_score", self.score_quantile(0.05)), ("q95_score", self.score_quantile(0.95)),
                ("mean_rank", self.mean_ranks), ("median_rank", self.rank_quantile(0.5)),
                ("q05_rank", self.rank_quantile(0.05)), ("q95_rank", self.rank_quantile(0.95)),
                ("mean_abs_rank_shift", self.mean_abs_rank_shift)]
        for p in quantiles:
            if not 0.0 <= float(p) <= 100.0:
                raise InvalidArgumentError(-1, "uncertainty: quantile %g%% is outside [0, 100]" % float(p))
            cols.append(("q%g_score" % float(p), self.score_quantile(float(p) / 100.0)))
            cols.append(("q%g_rank" % float(p), self.rank_quantile(float(p) / 100.0)))
        ks = [self.nodes.index(n) for n in self._tracked()]
        U, Y, K = len(self.units), len(self.years), len(ks)
        data = {
            "unit": np.tile(np.array(self.units, dtype=object), Y * K),
            "year": np.repeat(np.array(self.years, dtype=np.int64), K * U),
            "node": np.tile(np.repeat(np.array([self.nodes[k] for k in ks], dtype=object), U), Y),
        }
        for name, a in cols:
            data[name] = a[:, :, ks].transpose(1, 2, 0).ravel()
        df = pd.DataFrame(data)
        df["nominal_rank"] = pd.array(df["nominal_rank"], dtype="Int64")
        df.loc[df["nominal_rank"] == 0, "nominal_rank"] = pd.NA
        return df

    def sobol_frame(self):
        """A pandas DataFrame with the rows of ``govidx uncertainty
        --sobol-csv``: unit ("*" = mean absolute rank shift), year, node,
        input, first_order, total_order, first_lo, first_hi, total_lo,
        total_hi, converged (both intervals at most ``sobol_width`` wide,
        the C writer's rule)."""
        pd = _pandas()
        s = self.sobol_indices()
        rows = []
        for y, year in enumerate(self.years):
            for r, root in enumerate(self.roots):
                for u in range(len(self.units) + 1):
                    for i, inp in enumerate(self.inputs):
                        x = s[u, y, r, i]
                        conv = (not np.isnan(x[2])) and x[3] - x[2] <= self._sobol_width \
                            and x[5] - x[4] <= self._sobol_width
                        rows.append([self.units[u] if u < len(self.units) else "*", year, root, inp]
                                    + x.tolist() + [int(conv)])
        return pd.DataFrame(rows, columns=["unit", "year", "node", "input"] + list(_SOBOL_COLUMNS) + ["converged"])

    def write_csv(self, path, quantiles=()):
        """Write the ``govidx uncertainty --csv`` file (atomically);
        ``quantiles`` are extra percentages (``[25, 75]``)."""
        q = np.ascontiguousarray([float(p) for p in quantiles], dtype=np.float64)
        _check(lib.govidx_uncertainty_write_csv(self._h, _b(path), q.ctypes.data_as(_lib.P(ctypes.c_double))
                                                if q.size else None, q.size))

    def write_params_csv(self, path):
        """Every replication's sampled weights (``--params``)."""
        _check(lib.govidx_uncertainty_write_params_csv(self._h, _b(path)))

    def write_sobol_csv(self, path):
        """The Sobol indices (``--sobol-csv``); needs ``sobol=True``."""
        _check(lib.govidx_uncertainty_write_sobol_csv(self._h, _b(path)))

    def write_run(self, path, name, quantiles=(), replace=False, input_path=None):
        """Store the statistics as ``/results/<name>`` in the file at
        ``path`` (arrays named as the CSV columns, ``govidx_uncertainty_to_run``),
        atomically under the writer lock, as ``govidx uncertainty --write
        NAME`` does; read it back with :func:`read_run`."""
        q = np.ascontiguousarray([float(p) for p in quantiles], dtype=np.float64)
        run = ctypes.c_void_p()
        _check(lib.govidx_uncertainty_to_run(ctypes.byref(run), self._h, _b(name),
                                             q.ctypes.data_as(_lib.P(ctypes.c_double)) if q.size else None, q.size))
        try:
            _check(lib.govidx_run_set_input_checksum(run, _b(input_path or path)))
            _check(lib.govidx_run_file_add(_b(path), run, _lib.WRITE_REPLACE if replace else 0))
        finally:
            lib.govidx_run_free(run)


_SOBOL_COLUMNS = ("first_order", "total_order", "first_lo", "first_hi", "total_lo", "total_hi")


def _uncertainty_options(replications, seed, weights_noise, noise_levels, weights_dirichlet, leave_one_out,
                         vary, sobol, bootstrap, sobol_width, roots_only, ranks_only, threads, batch,
                         sampling="random", data_noise=False):
    """govidx_uncertainty_options from the Python arguments, and the ctypes
    arrays it points to (keep them alive across the C call)."""
    o = _lib.UncertaintyOptions()
    _check(lib.govidx_uncertainty_options_init(ctypes.byref(o), _lib.UNCERTAINTY_OPTIONS_VERSION))
    o.replications = int(replications)
    o.seed = int(seed)
    o.weights_noise = float(weights_noise)
    o.noise_levels = _noise_levels(noise_levels)
    o.weights_dirichlet = float(weights_dirichlet)
    o.leave_one_out = int(bool(leave_one_out))
    o.sobol = int(bool(sobol))
    if bootstrap is not None:
        o.bootstrap = int(bootstrap)
    if sobol_width is not None:
        o.sobol_width = float(sobol_width)
    o.roots_only = int(bool(roots_only))
    o.ranks_only = int(bool(ranks_only))
    o.n_threads = int(threads)
    o.batch = int(batch)
    if sampling not in _lib.SAMPLING:
        raise ValueError("sampling must be 'random' or 'sobol', not %r" % (sampling,))
    o.sampling = _lib.SAMPLING[sampling]
    o.data_noise = int(bool(data_noise))
    specs = _vary_specs(vary)
    keep = []
    if specs:
        arr = (_lib.UncertaintyVary * len(specs))()
        for j, (node, key, values) in enumerate(specs):
            vals = (ctypes.c_char_p * max(len(values), 1))(*[_b(v) for v in values])
            keep.append(vals)
            arr[j].node, arr[j].key = _b(node), _b(key)
            arr[j].values = ctypes.cast(vals, _lib.P(ctypes.c_char_p))
            arr[j].n_values = len(values)
        keep.append(arr)
        o.vary = ctypes.cast(arr, _lib.P(_lib.UncertaintyVary))
        o.n_vary = len(specs)
    return o, keep


def _uncertainty(ds, replications, seed=0, weights_noise=0.0, noise_levels=None, weights_dirichlet=0.0,
                 leave_one_out=False, vary=None, sobol=False, bootstrap=None, sobol_width=None,
                 roots_only=False, ranks_only=False, threads=0, batch=0, method=None, sampling="random",
                 data_noise=False, progress=None, **settings):
    o, keep = _uncertainty_options(replications, seed, weights_noise, noise_levels, weights_dirichlet,
                                   leave_one_out, vary, sobol, bootstrap, sobol_width, roots_only, ranks_only,
                                   threads, batch, sampling, data_noise)
    prog = _Progress(progress)
    prog.install(o)
    m = _method(method, **settings)
    plan, h = ctypes.c_void_p(), ctypes.c_void_p()
    try:
        _check(lib.govidx_plan_from_dataset(ctypes.byref(plan), ds._h, m))
        rc = lib.govidx_uncertainty_run_dataset(ctypes.byref(h), plan, ds._h, ctypes.byref(o))
        res = Uncertainty(h, ds._roots()) if h else None  # freed on any error below
        prog.check(rc)
    finally:
        lib.govidx_plan_free(plan)
        lib.govidx_method_free(m)
    del keep
    res._roots_only = bool(roots_only)
    res._sobol_width = o.sobol_width
    return res

"""Loading libgovidx and declaring the C functions used (ctypes).

Every number the package returns comes from these C functions; nothing
here computes.  Structs mirror the frozen 1.0 headers and are always
filled by the library's own ``*_init(&opts, VERSION)`` function first, so
defaults come from C (docs/api.md: options structs for bindings).
"""
import ctypes
import ctypes.util
import os

# -- locating the shared library ------------------------------------------

SONAME = "libgovidx.so.0"


def _candidates():
    env = os.environ.get("GOVIDX_LIBRARY")
    if env:
        # an explicit choice is never second-guessed
        return [env]
    out = []
    try:
        from . import _build_config  # written by `make install`
        out.append(os.path.join(_build_config.LIBDIR, SONAME))
    except ImportError:
        pass
    out.append(SONAME)  # the dynamic loader's search path
    found = ctypes.util.find_library("govidx")
    if found:
        out.append(found)
    for d in ("/usr/local/lib", "/usr/lib"):
        out.append(os.path.join(d, SONAME))
    return out


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            errors.append("%s: %s" % (path, e))
    raise ImportError("govidx: cannot load the C library libgovidx (set GOVIDX_LIBRARY to its path, "
                      "or run `make install`); tried:\n  " + "\n  ".join(errors))


lib, LIBRARY_PATH = _load()

# -- types -----------------------------------------------------------------

c_size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_double = ctypes.c_double
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
P = ctypes.POINTER


class MatrixView(ctypes.Structure):
    """govidx_matrix_view (frozen): column-major, element (i, j) at data[i + j*ld]."""
    _fields_ = [("data", P(c_double)), ("rows", c_size_t), ("cols", c_size_t), ("ld", c_size_t)]


class NetworkOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("department_sectors", c_char_p), ("gov_sectors", c_char_p),
                ("null_samples", c_size_t), ("null_swaps_per_tie", c_size_t), ("seed", ctypes.c_uint64)]


class CoverageOptions(ctypes.Structure):
    """govidx_coverage_options, version 2 (include/govidx/coverage.h)."""
    _fields_ = [("version", ctypes.c_uint), ("variable", c_char_p), ("epsilon", c_double),
                ("theta", c_double), ("floor", c_double),
                # version 2
                ("weight", c_char_p), ("include", c_char_p), ("exclude_districts", P(c_char_p)),
                ("n_exclude_districts", c_size_t)]


class CollaborationOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("network_layer", c_char_p), ("network", P(NetworkOptions)),
                ("dea_rts", c_int), ("dea_orientation", c_int), ("aggregation", c_int),
                ("layer_weights", P(c_double)), ("n_layer_weights", c_size_t),
                ("coupling_traditional", c_int), ("coupling_floor", c_double),
                # version 2
                ("exclude", P(c_char_p)), ("n_exclude", c_size_t), ("only", P(c_char_p)), ("n_only", c_size_t)]


class ImportSources(ctypes.Structure):
    """govidx_import_sources, version 2 (include/govidx/import.h)."""
    _fields_ = [("version", ctypes.c_uint), ("data", c_char_p), ("meta", c_char_p), ("districts", c_char_p),
                ("inventory", c_char_p), ("actors", c_char_p), ("edges", c_char_p), ("dea", c_char_p),
                ("default_year", c_int),
                # version 2
                ("thousands", ctypes.c_char), ("decimal", ctypes.c_char), ("unit_column", c_char_p),
                ("year_column", c_char_p), ("data_files", P(c_char_p)), ("data_years", P(c_int)),
                ("n_data_files", c_size_t)]


PROGRESS_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_size_t, c_size_t)


class DeaOptions(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("model", c_int), ("rts", c_int), ("orientation", c_int),
                ("second_stage", c_int), ("super_efficiency", c_int), ("scale", c_int),
                ("category", P(c_int)), ("nondiscretionary", P(ctypes.c_ubyte)),
                ("undesirable", P(ctypes.c_ubyte)), ("threads", ctypes.c_uint),
                ("progress", PROGRESS_FN), ("progress_ctx", c_void_p), ("epsilon", c_double),
                ("algorithm", c_int)]


class Panel(ctypes.Structure):
    """govidx_panel, version 1 (include/govidx/plan.h)."""
    _fields_ = [("version", ctypes.c_uint), ("n_years", c_size_t), ("years", P(MatrixView)),
                ("year_labels", P(c_int)), ("unit_codes", P(c_char_p)), ("unit_groups", P(c_int))]


class BodOptions(ctypes.Structure):
    """govidx_bod_options, version 1 (include/govidx/dea.h)."""
    _fields_ = [("version", ctypes.c_uint), ("w_lower", P(c_double)), ("w_upper", P(c_double)),
                ("share_lower", P(c_double)), ("share_upper", P(c_double))]


class BodRobustOptions(ctypes.Structure):
    """govidx_bod_robust_options, version 1 (include/govidx/dea.h)."""
    _fields_ = [("version", ctypes.c_uint), ("m", c_size_t), ("draws", c_size_t), ("seed", ctypes.c_uint64)]


class Indicator(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("code", c_char_p), ("name", c_char_p), ("unit", c_char_p),
                ("parent", c_char_p), ("source", c_char_p), ("denominator", c_char_p),
                ("direction", c_int), ("type", c_int), ("weight", c_double), ("goal_low", c_double),
                ("goal_high", c_double), ("target", c_double)]


class Node(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint), ("code", c_char_p), ("name", c_char_p), ("parent", c_char_p),
                ("aggregation", c_char_p), ("level", c_int), ("weight", c_double)]


PROBLEM_FN = ctypes.CFUNCTYPE(None, c_void_p, c_char_p, c_char_p)


class UncertaintyVary(ctypes.Structure):
    """govidx_uncertainty_vary: one method key switched among values."""
    _fields_ = [("node", c_char_p), ("key", c_char_p), ("values", P(c_char_p)), ("n_values", c_size_t)]


class UncertaintyOptions(ctypes.Structure):
    """govidx_uncertainty_options, version 2 (include/govidx/uncertainty.h)."""
    _fields_ = [("version", ctypes.c_uint), ("replications", c_size_t), ("seed", ctypes.c_uint64),
                ("weights_noise", c_double), ("noise_levels", ctypes.c_uint),
                ("weights_dirichlet", c_double), ("leave_one_out", c_int), ("sobol", c_int),
                ("bootstrap", c_size_t), ("sobol_width", c_double), ("roots_only", c_int),
                ("ranks_only", c_int), ("vary", P(UncertaintyVary)), ("n_vary", c_size_t),
                ("n_threads", c_size_t), ("batch", c_size_t), ("progress", PROGRESS_FN),
                ("progress_ctx", c_void_p),
                # version 2
                ("sampling", c_int), ("data_noise", c_int)]

# versions these mirrors describe
COVERAGE_OPTIONS_VERSION = 2
COLLABORATION_OPTIONS_VERSION = 2
IMPORT_SOURCES_VERSION = 2
NETWORK_OPTIONS_VERSION = 1
DEA_OPTIONS_VERSION = 1
INDICATOR_VERSION = 1
NODE_VERSION = 1
UNCERTAINTY_OPTIONS_VERSION = 2
SAMPLING = {"random": 0, "sobol": 1}
BOD_OPTIONS_VERSION = 1
BOD_ROBUST_OPTIONS_VERSION = 1
PANEL_VERSION = 1
VALIDATE_ISOLATED = 1
WRITE_REPLACE = 1

# -- signatures ------------------------------------------------------------

_SIGS = {
    "govidx_version_string": (c_char_p, []),
    "govidx_strerror": (c_char_p, [c_int]),
    "govidx_last_error": (c_char_p, []),
    "govidx_clear_error": (None, []),
    "govidx_free": (None, [c_void_p]),
    # dataset
    "govidx_dataset_open": (c_int, [P(c_void_p), c_char_p, c_void_p]),
    "govidx_dataset_close": (None, [c_void_p]),
    "govidx_dataset_validate_file": (c_int, [c_char_p, ctypes.c_uint, PROBLEM_FN, c_void_p]),
    "govidx_dataset_n_units": (c_size_t, [c_void_p]),
    "govidx_dataset_unit_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_dataset_unit_name": (c_char_p, [c_void_p, c_size_t]),
    "govidx_dataset_n_years": (c_size_t, [c_void_p]),
    "govidx_dataset_years": (P(c_int), [c_void_p]),
    "govidx_dataset_n_indicators": (c_size_t, [c_void_p]),
    "govidx_indicator_init": (c_int, [P(Indicator), ctypes.c_uint]),
    "govidx_dataset_indicator": (c_int, [P(Indicator), c_void_p, c_size_t]),
    "govidx_dataset_n_nodes": (c_size_t, [c_void_p]),
    "govidx_node_init": (c_int, [P(Node), ctypes.c_uint]),
    "govidx_dataset_node": (c_int, [P(Node), c_void_p, c_size_t]),
    "govidx_dataset_panel": (c_int, [P(MatrixView), c_void_p, c_size_t]),
    "govidx_dataset_attr": (c_char_p, [c_void_p, c_char_p]),
    "govidx_dataset_n_attrs": (c_size_t, [c_void_p]),
    "govidx_dataset_attr_name": (c_char_p, [c_void_p, c_size_t]),
    "govidx_dataset_n_actors": (c_size_t, [c_void_p]),
    "govidx_dataset_set_attr": (c_int, [c_void_p, c_char_p, c_char_p]),
    "govidx_dataset_write": (c_int, [c_void_p, c_char_p, ctypes.c_uint]),
    "govidx_import_sources_init": (c_int, [P(ImportSources), ctypes.c_uint]),
    "govidx_import_csv": (c_int, [P(c_void_p), P(ImportSources), PROBLEM_FN, c_void_p]),
    # methods, plans, composite
    "govidx_method_from_json": (c_int, [P(c_void_p), c_char_p]),
    "govidx_method_new": (c_int, [P(c_void_p)]),
    "govidx_method_set": (c_int, [c_void_p, c_char_p, c_char_p]),
    "govidx_method_set_node": (c_int, [c_void_p, c_char_p, c_char_p, c_char_p]),
    "govidx_method_free": (None, [c_void_p]),
    "govidx_plan_from_dataset": (c_int, [P(c_void_p), c_void_p, c_void_p]),
    "govidx_execute_dataset": (c_int, [P(c_void_p), c_void_p, c_void_p]),
    "govidx_plan_free": (None, [c_void_p]),
    # in-memory frameworks, panels and plans
    "govidx_framework_new": (c_int, [P(c_void_p)]),
    "govidx_framework_free": (None, [c_void_p]),
    "govidx_framework_add_indicator": (c_int, [c_void_p, c_char_p, c_char_p, c_double, c_int, c_size_t]),
    "govidx_framework_add_aggregate": (c_int, [c_void_p, c_char_p, c_char_p, c_double]),
    "govidx_framework_seal": (c_int, [c_void_p]),
    "govidx_framework_n_nodes": (c_size_t, [c_void_p]),
    "govidx_framework_node_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_framework_parent": (c_size_t, [c_void_p, c_size_t]),
    "govidx_panel_init": (c_int, [P(Panel), ctypes.c_uint]),
    "govidx_plan_new": (c_int, [P(c_void_p), c_void_p, c_void_p, P(Panel)]),
    "govidx_execute": (c_int, [P(c_void_p), c_void_p, P(Panel)]),
    "govidx_plan_method_json": (c_char_p, [c_void_p]),
    # headline indices
    "govidx_openness_compute": (c_int, [P(c_void_p), c_void_p, c_void_p]),
    "govidx_openness_checklist_compute": (c_int, [P(c_void_p), c_void_p, c_void_p]),
    "govidx_coverage_options_init": (c_int, [P(CoverageOptions), ctypes.c_uint]),
    "govidx_coverage_compute": (c_int, [P(c_void_p), c_void_p, P(CoverageOptions)]),
    "govidx_collaboration_options_init": (c_int, [P(CollaborationOptions), ctypes.c_uint]),
    "govidx_collaboration_compute": (c_int, [P(c_void_p), c_void_p, P(CollaborationOptions)]),
    "govidx_ce_aggregation_from_name": (c_int, [P(c_int), c_char_p]),
    # results
    "govidx_result_free": (None, [c_void_p]),
    "govidx_result_n_units": (c_size_t, [c_void_p]),
    "govidx_result_n_years": (c_size_t, [c_void_p]),
    "govidx_result_n_nodes": (c_size_t, [c_void_p]),
    "govidx_result_unit_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_result_year": (c_int, [c_void_p, c_size_t]),
    "govidx_result_node_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_result_score": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_result_rank": (c_size_t, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_result_scores": (P(c_double), [c_void_p, c_size_t, c_size_t]),
    "govidx_result_method_json": (c_char_p, [c_void_p]),
    "govidx_result_write_csv": (c_int, [c_void_p, c_char_p]),
    "govidx_result_to_run": (c_int, [P(c_void_p), c_void_p, c_char_p]),
    "govidx_result_find_unit": (c_int, [P(c_size_t), c_void_p, c_char_p]),
    "govidx_result_find_node": (c_int, [P(c_size_t), c_void_p, c_char_p]),
    "govidx_result_find_year": (c_int, [P(c_size_t), c_void_p, c_int]),
    "govidx_result_set_tie_tolerance": (c_int, [c_void_p, c_double]),
    "govidx_result_leave_out_units": (c_int, [c_void_p, P(ctypes.c_ubyte)]),
    "govidx_result_n_labels": (c_size_t, [c_void_p, c_size_t, c_size_t, c_char_p]),
    "govidx_result_label": (c_char_p, [c_void_p, c_size_t, c_size_t, c_char_p, c_size_t]),
    # runs
    "govidx_run_set_input_checksum": (c_int, [c_void_p, c_char_p]),
    "govidx_run_file_add": (c_int, [c_char_p, c_void_p, ctypes.c_uint]),
    "govidx_run_free": (None, [c_void_p]),
    "govidx_run_file_list": (c_int, [P(P(c_char_p)), P(c_size_t), c_char_p]),
    "govidx_run_open": (c_int, [P(c_void_p), c_char_p, c_char_p]),
    "govidx_run_n_units": (c_size_t, [c_void_p]),
    "govidx_run_n_years": (c_size_t, [c_void_p]),
    "govidx_run_n_nodes": (c_size_t, [c_void_p]),
    "govidx_run_unit_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_run_year": (c_int, [c_void_p, c_size_t]),
    "govidx_run_node_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_run_n_arrays": (c_size_t, [c_void_p]),
    "govidx_run_array_name": (c_char_p, [c_void_p, c_size_t]),
    "govidx_run_array": (c_int, [P(P(c_double)), c_void_p, c_char_p]),
    "govidx_run_n_attrs": (c_size_t, [c_void_p]),
    "govidx_run_attr_name": (c_char_p, [c_void_p, c_size_t]),
    "govidx_run_attr": (c_char_p, [c_void_p, c_char_p]),
    # DEA
    "govidx_dea_options_init": (c_int, [P(DeaOptions), ctypes.c_uint]),
    "govidx_dea_model_from_name": (c_int, [P(c_int), c_char_p]),
    "govidx_dea_rts_from_name": (c_int, [P(c_int), c_char_p]),
    "govidx_dea_orientation_from_name": (c_int, [P(c_int), c_char_p]),
    "govidx_dea_compute": (c_int, [P(c_void_p), MatrixView, MatrixView, P(DeaOptions)]),
    "govidx_dea_result_free": (None, [c_void_p]),
    "govidx_dea_result_dims": (c_size_t, [P(c_size_t), P(c_size_t), c_void_p]),
    "govidx_dea_efficiency": (P(c_double), [c_void_p]),
    "govidx_dea_status": (P(c_int), [c_void_p]),
    "govidx_dea_input_slacks": (P(c_double), [c_void_p]),
    "govidx_dea_output_slacks": (P(c_double), [c_void_p]),
    "govidx_dea_peers": (c_size_t, [P(P(c_size_t)), P(P(c_double)), c_void_p, c_size_t]),
    "govidx_dea_malmquist": (c_int, [P(c_double), P(c_double), P(c_double), P(c_int), MatrixView, MatrixView,
                                     MatrixView, MatrixView, P(DeaOptions)]),
    "govidx_bod_options_init": (c_int, [P(BodOptions), ctypes.c_uint]),
    "govidx_dea_bod": (c_int, [P(c_double), P(c_double), P(c_int), P(c_int), MatrixView, P(BodOptions)]),
    "govidx_dea_bod_directional": (c_int, [P(c_double), P(c_double), P(c_int), MatrixView, P(c_double)]),
    "govidx_bod_robust_options_init": (c_int, [P(BodRobustOptions), ctypes.c_uint]),
    "govidx_dea_bod_robust": (c_int, [P(c_double), MatrixView, P(BodRobustOptions)]),
    # networks
    "govidx_network_from_dataset": (c_int, [P(c_void_p), c_void_p, c_char_p, c_int, c_char_p]),
    "govidx_network_free": (None, [c_void_p]),
    "govidx_network_options_init": (c_int, [P(NetworkOptions), ctypes.c_uint]),
    "govidx_network_n_measures": (c_size_t, []),
    "govidx_network_measure_name": (c_char_p, [c_size_t]),
    "govidx_network_measures": (c_int, [P(c_double), P(c_double), c_size_t, c_void_p, P(NetworkOptions)]),
    "govidx_network_n_actors": (c_size_t, [c_void_p]),
    # uncertainty analysis
    "govidx_uncertainty_options_init": (c_int, [P(UncertaintyOptions), ctypes.c_uint]),
    "govidx_uncertainty_run_dataset": (c_int, [P(c_void_p), c_void_p, c_void_p, P(UncertaintyOptions)]),
    "govidx_uncertainty_run": (c_int, [P(c_void_p), c_void_p, P(Panel), P(UncertaintyOptions)]),
    "govidx_uncertainty_free": (None, [c_void_p]),
    "govidx_uncertainty_to_run": (c_int, [P(c_void_p), c_void_p, c_char_p, P(c_double), c_size_t]),
    "govidx_uncertainty_replications": (c_size_t, [c_void_p]),
    "govidx_uncertainty_n_units": (c_size_t, [c_void_p]),
    "govidx_uncertainty_n_years": (c_size_t, [c_void_p]),
    "govidx_uncertainty_n_nodes": (c_size_t, [c_void_p]),
    "govidx_uncertainty_unit_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_uncertainty_node_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_uncertainty_year": (c_int, [c_void_p, c_size_t]),
    "govidx_uncertainty_nominal_score": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_nominal_rank": (c_size_t, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_score_quantile": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t, c_double]),
    "govidx_uncertainty_rank_quantile": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t, c_double]),
    "govidx_uncertainty_mean_score": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_mean_rank": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_mean_abs_rank_shift": (c_double, [c_void_p, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_n_inputs": (c_size_t, [c_void_p]),
    "govidx_uncertainty_input_code": (c_char_p, [c_void_p, c_size_t]),
    "govidx_uncertainty_sobol": (c_int, [P(c_double), c_void_p, c_size_t, c_size_t, c_size_t, c_size_t]),
    "govidx_uncertainty_write_csv": (c_int, [c_void_p, c_char_p, P(c_double), c_size_t]),
    "govidx_uncertainty_write_params_csv": (c_int, [c_void_p, c_char_p]),
    "govidx_uncertainty_write_sobol_csv": (c_int, [c_void_p, c_char_p]),
}

for _name, (_res, _args) in _SIGS.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args

/*
 * govidx/run.h - results runs: computed scores, ranks, contributions and
 * uncertainty bands stored next to the inputs in a format-v1 file, under
 * /results/<name> (docs/format.md), with their provenance.
 *
 * A run holds named arrays over units x years x nodes.  The in-memory layout
 * of every array is the panel's: per year a units x nodes column-major
 * matrix, element (unit u, year y, node k) at data[u + n_units * (k + n_nodes * y)].
 * In the file each array is a float64 dataset [unit, year, node].
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_RUN_H
#define GOVIDX_RUN_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: one results run (built in memory or read from a file). */
typedef struct govidx_run govidx_run;

/**
 * Start a run called `name` (1-200 bytes, no '/', not starting with '.' or
 * '_') over the given units, years and node codes (all copied).  The
 * attributes "library_version" and "created" (ISO 8601 UTC) are set.
 * Errors: GOVIDX_EINVAL (NULL, bad name, zero size), GOVIDX_EDIM, GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_run_new(govidx_run **out, const char *name, size_t n_units, size_t n_years,
                              size_t n_nodes, const char *const *unit_codes, const int *years,
                              const char *const *node_codes);

/**
 * Set (copy) the array `array_name` ("scores", "ranks", "contrib", "lower",
 * "upper", ...; same naming rules as run names) of n_units * n_years *
 * n_nodes doubles in the layout above; NaN = missing.  Replaces an array of
 * the same name.
 */
GOVIDX_API int govidx_run_set_array(govidx_run *run, const char *array_name, const double *data);

/** Set a provenance text attribute ("method" = method spec JSON, ...); '_' names are reserved. */
GOVIDX_API int govidx_run_set_attr(govidx_run *run, const char *key, const char *text);

/**
 * Set the attribute "input_checksum" to "fnv1a64:<16 hex digits>", the
 * 64-bit FNV-1a hash (Fowler, Noll, Vo; offset basis 0xcbf29ce484222325,
 * prime 0x100000001b3) of every byte of the file at `input_path`.
 * GOVIDX_EIO when the file cannot be read.
 */
GOVIDX_API int govidx_run_set_input_checksum(govidx_run *run, const char *input_path);

/** Release a run; NULL is a no-op. */
GOVIDX_API void govidx_run_free(govidx_run *run);

/**
 * Add the run as /results/<name> to the existing format-v1 file `path`,
 * atomically: the file is copied to a temporary file in the same
 * directory, the run is added to the copy, which is flushed, fsync'ed and
 * renamed over `path`; on any failure `path` is untouched.  An existing run
 * of that name gives GOVIDX_EEXIST unless flags has GOVIDX_WRITE_REPLACE
 * (dataset.h), which replaces only that run.  The run needs at least one
 * array (GOVIDX_EINVAL).
 */
GOVIDX_API int govidx_run_file_add(const char *path, const govidx_run *run, unsigned flags);

/**
 * Names of the runs stored in `path`, sorted by name.  *names is one block
 * (array of *n pointers followed by the strings) to release with
 * govidx_free(); NULL when there are none.
 */
GOVIDX_API int govidx_run_file_list(char ***names, size_t *n, const char *path);

/** Read run `name` from `path` (read-only; builders return GOVIDX_EINVAL). GOVIDX_ENOTFOUND when absent. */
GOVIDX_API int govidx_run_open(govidx_run **out, const char *path, const char *name);

/* Accessors; pointers stay valid until govidx_run_free. */
GOVIDX_API const char *govidx_run_name(const govidx_run *run);
GOVIDX_API size_t govidx_run_n_units(const govidx_run *run);
GOVIDX_API size_t govidx_run_n_years(const govidx_run *run);
GOVIDX_API size_t govidx_run_n_nodes(const govidx_run *run);
GOVIDX_API const char *govidx_run_unit_code(const govidx_run *run, size_t u);
GOVIDX_API int govidx_run_year(const govidx_run *run, size_t y);
GOVIDX_API const char *govidx_run_node_code(const govidx_run *run, size_t k);
/** Array by name; GOVIDX_ENOTFOUND when the run has none of that name. */
GOVIDX_API int govidx_run_array(const double **data, const govidx_run *run, const char *array_name);
GOVIDX_API size_t govidx_run_n_arrays(const govidx_run *run);
GOVIDX_API const char *govidx_run_array_name(const govidx_run *run, size_t k);
/** Attribute text, or NULL when absent. */
GOVIDX_API const char *govidx_run_attr(const govidx_run *run, const char *key);
GOVIDX_API size_t govidx_run_n_attrs(const govidx_run *run);
GOVIDX_API const char *govidx_run_attr_name(const govidx_run *run, size_t k);

/**
 * The index of a unit, node (by code) or year (by label) of a run; the
 * same contract as govidx_result_find_unit (result.h): the output may be
 * NULL and is untouched on error; GOVIDX_EINVAL, GOVIDX_ENOTFOUND.
 */
GOVIDX_API int govidx_run_find_unit(size_t *unit, const govidx_run *run, const char *code);
GOVIDX_API int govidx_run_find_node(size_t *node, const govidx_run *run, const char *code);
GOVIDX_API int govidx_run_find_year(size_t *year, const govidx_run *run, int year_label);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_RUN_H */

/*
 * lib/dataset/dataset_model.h - the city dataset and the results run in
 * memory (struct govidx_dataset, struct govidx_run): shared by
 * dataset.c (the model), run.c (results runs) and the io module's HDF5
 * reader and writer (lib/io/h5*.c).  Never installed.
 *
 * Text fields are stored as owned, NUL-terminated UTF-8 strings; an absent
 * optional field is stored as "" and returned as NULL by the accessors.
 * Panel-like arrays are stored per year as column-major matrices:
 *   values[u + n_units * (i + n_ind * y)]
 * so govidx_dataset_panel() can hand out a view without copying.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DATASET_MODEL_H
#define GOVIDX_DATASET_MODEL_H

#include "core/internal.h"

typedef struct govidx__ind_row {
    char *code, *name, *unit, *parent, *source, *denominator;
    int direction, type;
    double weight, goal_low, goal_high, target;
} govidx__ind_row;

typedef struct govidx__node_row {
    char *code, *name, *parent, *aggregation;
    int level;
    double weight;
} govidx__node_row;

typedef struct govidx__district_row {
    char *code, *name, *unit, *parent;
    int level;
    double area;
} govidx__district_row;

typedef struct govidx__inv_row {
    char *unit, *dataset, *category, *department, *format, *licence, *last_update,
        *update_frequency, *record, *record_format;
    int year;
    signed char *answers; /* GOVIDX_N_CRITERIA codes, allocated so a pointer to them outlives growth */
} govidx__inv_row;

typedef struct govidx__actor_row {
    char *code, *name, *unit, *sector, *level;
} govidx__actor_row;

typedef struct govidx__edge_row {
    char *unit, *layer, *from, *to;
    int year;
    double weight;
} govidx__edge_row;

typedef struct govidx__dea_row {
    size_t indicator;
    unsigned flags;
} govidx__dea_row;

struct govidx_dataset {
    int readonly;

    size_t n_attrs, cap_attrs;
    char **attr_names, **attr_values;

    size_t n_units;
    char **unit_codes, **unit_names;
    size_t n_groups, cap_groups;
    char **group_names;
    char ***group_labels; /* [g][unit] */

    size_t n_years;
    int *years;

    size_t n_ind, cap_ind;
    govidx__ind_row *ind;
    size_t n_nodes, cap_nodes;
    govidx__node_row *nodes;

    double *values;  /* NULL until the first value; [u + U*(i + I*y)] */
    uint8_t *flags;  /* NULL when none */
    double *stderrs; /* NULL when none */

    size_t n_districts, cap_districts;
    govidx__district_row *districts;
    size_t n_dvars, cap_dvars;
    char **dvar_names, **dvar_units;
    double *population; /* [d + D*y], NULL until set */
    double *dvalues;    /* [d + D*(v + V*y)], NULL until set */

    size_t n_inv, cap_inv;
    govidx__inv_row *inv;

    size_t n_actors, cap_actors;
    govidx__actor_row *actors;
    size_t n_edges, cap_edges;
    govidx__edge_row *edges;

    size_t n_dea_in, n_dea_out, cap_dea_in, cap_dea_out;
    govidx__dea_row *dea_in, *dea_out;

    /* names of /results runs found when the file was opened (summary only) */
    size_t n_runs;
    char **run_names;

    /* code -> first row with that code, kept up to date by the builders
     * (dataset.c), so lookups by code cost O(1), not O(rows) */
    govidx__strmap unit_map, ind_map, node_map, district_map, actor_map;
};

/* A results run (run.c builds it; h5io.c reads and writes it). */
struct govidx_run {
    int readonly;
    char *name;
    size_t n_units, n_years, n_nodes;
    char **unit_codes, **node_codes;
    int *years;
    size_t n_arrays, cap_arrays;
    char **array_names;
    double **arrays; /* each n_units * n_years * n_nodes, panel layout */
    size_t n_attrs, cap_attrs;
    char **attr_names, **attr_values;
};

/** Check a run or array name: 1-200 bytes, no '/', not starting with '.' or '_'. */
int govidx__check_name(const char *what, const char *name);
/** Allocate an empty run (no attributes set). */
int govidx__run_alloc(govidx_run **out, const char *name, size_t nu, size_t ny, size_t nn,
                      const char *const *units, const int *years, const char *const *nodes);
/** Add or replace an attribute / array without the read-only or reserved-name checks. */
int govidx__run_put_attr(govidx_run *run, const char *key, const char *text);
int govidx__run_put_array(govidx_run *run, const char *name, const double *data);

/** Grow an array of `size`-byte elements to hold at least n+1 elements. */
int govidx__grow(void **arr, size_t *cap, size_t n, size_t size);
/** strdup(s ? s : ""); NULL on allocation failure. */
char *govidx__strdup0(const char *s);
/** Free a string array of n entries (entries may be NULL) and the array. */
void govidx__free_strings(char **s, size_t n);
/** Index of `code` in a string array, or (size_t)-1. */
size_t govidx__find_string(char *const *strs, size_t n, const char *code);

/** Serialise HDF5 use when the library is not thread-safe (h5io.c). */
void govidx__h5_lock(void);
void govidx__h5_unlock(void);

/* govidx_dataset_validate_file with GOVIDX_VALIDATE_ISOLATED: the file is read by
 * the govidx-validate-helper executable (validate_isolated.c). */
int govidx__validate_isolated(const char *path, govidx_problem_fn report, void *ctx);

/* Shared by dataset.c and dataset_check.c: the panel's cell count (checked
 * for overflow), the index of cell (u, y, i) in values, and a district's or
 * actor's index by code ((size_t)-1 when none). */
int govidx__ds_panel_cells(const govidx_dataset *ds, size_t *n);
size_t govidx__ds_cell(const govidx_dataset *ds, size_t u, size_t y, size_t i);
size_t govidx__ds_find_district(const govidx_dataset *ds, const char *code);
size_t govidx__ds_find_actor(const govidx_dataset *ds, const char *code);

#endif /* GOVIDX_DATASET_MODEL_H */

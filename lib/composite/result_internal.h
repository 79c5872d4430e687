/*
 * lib/composite/result_internal.h - the layout of govidx_result, shared by plan.c and
 * result.c.  Cells are stored year-major, then node, then unit, so the
 * scores of one year and node are contiguous (a column of units).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_RESULT_INTERNAL_H
#define GOVIDX_RESULT_INTERNAL_H

#include "core/internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct govidx_result {
    size_t n_units, n_years, n_nodes;
    char **unit_codes;
    char **node_codes;
    int *years;
    unsigned char *is_leaf;
    size_t *output_order; /* node order for CSV output (framework order); NULL = 0..n-1 */
    double *scores;
    unsigned char *flags; /* leaves only; NULL when no step can flag a cell */
    /* Ranks (0 = unranked; 32 bits, units <= UINT32_MAX) are computed on
     * first use, not by execute: sorting every node's column costs several
     * times the whole aggregation, and many callers (uncertainty runs, root
     * scores only) never read them.  Read them through govidx__result_ranks;
     * ranks_ready is accessed atomically, the computation holds rank_lock
     * and uses rank_scratch, allocated with the result so it cannot fail. */
    uint32_t *ranks;
    double tie_tol;        /* relative tie tolerance of the ranks (govidx_result_set_tie_tolerance) */
    int ranks_ready;
    pthread_mutex_t rank_lock;
    int rank_lock_ok;
    void *rank_scratch;
    /* Contributions are derived on demand, not stored (a stored copy would
     * add a third of the execute's memory traffic): leaf k of unit u
     * contributes contrib_weight[k] * score(u, k) / score(u, root_of_node[k]).
     * Both NULL when the result has no contributions. */
    double *contrib_weight;
    size_t *root_of_node;
    char *method_json;
    /* Rank direction per node (+1 highest first, -1 lowest first, 0 not
     * ranked); NULL = every node +1 (a plan's result). */
    signed char *direction;
    /* Named lists of strings per (unit, year) cell: see govidx_result_label. */
    size_t n_label_sets;
    struct govidx__label_set *label_sets;
};

/* One key's labels: per cell (year * n_units + unit) a count and strings. */
typedef struct govidx__label_set {
    char *key;
    size_t *count;
    char ***text;
} govidx__label_set;

#define GOVIDX__CELL(r, unit, year, node) (((year) * (r)->n_nodes + (node)) * (r)->n_units + (unit))

/* with_flags == 0: no flags array (no step of the method can flag a cell:
 * every flag reads 0, and nothing is written).
 * fill != 0: scores NaN, flags 0.  fill == 0 leaves the cells
 * uninitialised for a caller that writes every one of them (govidx_execute,
 * whose worker threads then touch each year's pages first, in parallel). */
int govidx__result_alloc(govidx_result **out, size_t n_units, size_t n_years, size_t n_nodes, int fill,
                         int with_flags);

/* The ranks of every cell, computed now if they are stale. */
const uint32_t *govidx__result_ranks(const govidx_result *r);
/* Scores changed: the ranks are stale until next asked for. */
void govidx__result_ranks_stale(govidx_result *r);
/* The ranks were written by the caller (ranks_ready = 1). */
void govidx__result_ranks_set(govidx_result *r);

/* Rank node `node` with direction dir (+1, -1, 0 = unranked); allocates
 * the direction array on first use.  Ranks become stale. */
int govidx__result_set_direction(govidx_result *r, size_t node, int dir);

/* Set the labels of (unit, year) under `key` (copied; replaces earlier
 * ones of that cell). */
int govidx__result_set_labels(govidx_result *r, const char *key, size_t unit, size_t year,
                              const char *const *labels, size_t n);

/* Contribution of leaf `node` for one cell (NaN when it has none). */
double govidx__result_contrib(const govidx_result *r, size_t unit, size_t year, size_t node);

/* Atomic file writes: a temporary file next to `path`, renamed over it by
 * _end when ok != 0 (removed otherwise). */
int govidx__write_atomic_begin(const char *path, char **tmp_path, FILE **f);
int govidx__write_atomic_end(const char *path, char *tmp_path, FILE *f, int ok);

#endif

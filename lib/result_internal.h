/*
 * lib/result_internal.h - the layout of govidx_result, shared by plan.c and
 * result.c.  Cells are stored year-major, then node, then unit, so the
 * scores of one year and node are contiguous (a column of units).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_RESULT_INTERNAL_H
#define GOVIDX_RESULT_INTERNAL_H

#include "internal.h"

#include <stdio.h>

struct govidx_result {
    size_t n_units, n_years, n_nodes;
    char **unit_codes;
    char **node_codes;
    int *years;
    unsigned char *is_leaf;
    size_t *output_order; /* node order for CSV output (framework order); NULL = 0..n-1 */
    double *scores;
    size_t *ranks;        /* 0 = unranked */
    double *contrib;      /* leaves only */
    unsigned char *flags; /* leaves only */
    char *method_json;
};

#define GOVIDX__CELL(r, unit, year, node) (((year) * (r)->n_nodes + (node)) * (r)->n_units + (unit))

int govidx__result_alloc(govidx_result **out, size_t n_units, size_t n_years, size_t n_nodes);

/* Atomic file writes: a temporary file next to `path`, renamed over it by
 * _end when ok != 0 (removed otherwise). */
int govidx__write_atomic_begin(const char *path, char **tmp_path, FILE **f);
int govidx__write_atomic_end(const char *path, char *tmp_path, FILE *f, int ok);

#endif

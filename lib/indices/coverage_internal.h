/*
 * lib/coverage_internal.h - districts left out of coverage and its weight
 * (coverage_select.c), for coverage.c.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_COVERAGE_INTERNAL_H
#define GOVIDX_COVERAGE_INTERNAL_H

#include "composite/result_internal.h"
#include "govidx/coverage.h"

enum { GOVIDX__COV_OUT_CODE = 1, GOVIDX__COV_OUT_FLAG = 2, GOVIDX__COV_OUT_PARENT = 3 };

typedef struct govidx__coverage_select {
    size_t include_var;       /* district variable of the include flag, or (size_t)-1 */
    const char *include_name; /* its name */
    size_t weight_var;        /* district variable weighting communities, or (size_t)-1 = population */
    unsigned char *by_code;   /* 1 for the districts excluded by code */
} govidx__coverage_select;

/** Resolve the options' include flag (or an "include"/"residential"
 *  variable), weight and excluded codes; GOVIDX_ENOTFOUND naming what is
 *  not in the dataset. */
int govidx__coverage_select_init(govidx__coverage_select *s, const govidx_dataset *ds,
                                 const govidx_coverage_options *o);
void govidx__coverage_select_free(govidx__coverage_select *s);
/** The default coverage variable: the first district variable that is not
 *  the include flag or the weight; NULL when there is none. */
const char *govidx__coverage_first_variable(const govidx_dataset *ds, const govidx_coverage_options *o);
/** out[d] (n_districts) = 0 kept, else GOVIDX__COV_OUT_*, in the year of v;
 *  GOVIDX_EDOMAIN for an include flag other than 0, 1 or missing. */
int govidx__coverage_left_out(unsigned char *out, const govidx__coverage_select *s, const govidx_dataset *ds,
                              govidx_matrix_view v, int year);
/** The GOVIDX_COVERAGE_LEFT_OUT labels of (u, yi) from unit u's districts. */
int govidx__coverage_left_out_labels(govidx_result *r, const govidx_dataset *ds, const unsigned char *out,
                                     const size_t *districts, size_t n, size_t u, size_t yi,
                                     const char *include_name);

#endif

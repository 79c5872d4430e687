/*
 * lib/composite/prepare.h - the per-indicator steps of the composite pipeline as the
 * plan applies them: imputation, outlier treatment, normalisation.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_PREPARE_H
#define GOVIDX_PREPARE_H

#include "core/internal.h"
#include "govidx/method.h"
#include "govidx/plan.h"

/* What the plan resolved for one indicator. */
typedef struct govidx__leaf_prep {
    int treat;                         /* govidx_treat_method */
    int count;                         /* govidx_treat_count */
    double winmax, skew_thresh, kurt_thresh, lambda;
    int norm;                          /* govidx_norm_method */
    double low, high;                  /* output scale */
    double goal_low, goal_high, target;
    int direction;
} govidx__leaf_prep;

int govidx__leaf_prep_resolve(govidx__leaf_prep *lp, const govidx_method *m, const char *code,
                              int direction, double goal_low, double goal_high, double target);
void govidx__leaf_prep_clear(govidx__leaf_prep *lp);

/* Treat and normalise x (n values, NaN = missing; x is used as work space
 * and modified) into z; treated cells get GOVIDX_FLAG_TREATED in flags. */
int govidx__leaf_prep_apply(const govidx__leaf_prep *lp, double *z, unsigned char *flags, double *x, size_t n);

int govidx__impute_kind(int *kind, const char *name);
int govidx__impute_needs_groups(int kind);

/* Fill the missing values of x (one indicator, year y; n units) by the
 * imputation `kind`, flagging each filled cell GOVIDX_FLAG_IMPUTED.  Carry
 * methods read the same unit's other years of `panel` (column, and its
 * denominator when denominate is set). */
int govidx__impute_leaf(double *x, unsigned char *flags, size_t n, int kind, const govidx_panel *panel,
                        size_t y, size_t column, size_t den_column, int denominate, const int *groups);

/* The plan's method spec (for the dataset bridge). */
const govidx_method *govidx__plan_method(const govidx_plan *p);

#endif

/*
 * lib/dea/lp.h - a small internal linear-programming interface over COIN-OR Clp.
 *
 * Only what the DEA engine needs: a model built from sparse columns, cheap
 * in-place changes of coefficients, bounds and objective, a warm-started
 * dual simplex solve, and the primal solution, row activities and row duals
 * (for column-generation pricing).  Clp is told never to print.
 *
 * Sign convention: the model minimises.  Row duals pi satisfy the reduced
 * cost d_j = c_j - sum_i pi_i a_ij for every column (checked in test_lp).
 * Infinite bounds are +-GOVIDX__LP_INF (Clp treats |b| >= 1e30 as infinite;
 * COIN_DBL_MAX is not available to C users, ENGINEERING.md section 6.3).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_LP_H
#define GOVIDX_LP_H

#include <stddef.h>

#define GOVIDX__LP_INF 1e30

typedef struct govidx__lp govidx__lp;

/**
 * A model with `nrows` rows (bounds rowlo/rowup, copied) and no column.
 * GOVIDX_ENOMEM, GOVIDX_ESOLVER when Clp cannot create a model.
 */
int govidx__lp_create(govidx__lp **out, int nrows, const double *rowlo, const double *rowup);

/**
 * Append `ncols` columns in compressed sparse column form: column k has
 * entries rows[start[k] .. start[k+1]-1] with values vals[...].  lo, up and
 * obj give its bounds and cost (obj NULL = 0).
 */
int govidx__lp_add_columns(govidx__lp *lp, int ncols, const double *lo, const double *up,
                           const double *obj, const int *start, const int *rows,
                           const double *vals);

/** Delete the columns with index >= first (restores a model after temporary columns). */
void govidx__lp_truncate_columns(govidx__lp *lp, int first);

int govidx__lp_nrows(const govidx__lp *lp);
int govidx__lp_ncols(const govidx__lp *lp);

/** Set the matrix element (row, col), keeping explicit zeros in the structure. */
void govidx__lp_set_coef(govidx__lp *lp, int row, int col, double value);
void govidx__lp_set_row_bounds(govidx__lp *lp, int row, double lo, double up);
void govidx__lp_set_col_bounds(govidx__lp *lp, int col, double lo, double up);
void govidx__lp_set_obj(govidx__lp *lp, int col, double value);
/** Clp's primal and dual feasibility tolerances (defaults 1e-7). */
void govidx__lp_set_tolerances(govidx__lp *lp, double primal, double dual);

/**
 * Solve with the dual simplex from the current basis (a warm start when the
 * model was solved before).  GOVIDX_OK when optimal, GOVIDX_EINFEASIBLE,
 * GOVIDX_EUNBOUNDED, or GOVIDX_ESOLVER (iteration limit, numerical trouble);
 * on ESOLVER one retry from the slack basis is made first.  Sets no error
 * message: callers name the DMU.
 */
int govidx__lp_solve(govidx__lp *lp);

double govidx__lp_objective(const govidx__lp *lp);
/** Column values of the last solve (ncols). Valid until the model changes. */
const double *govidx__lp_primal(const govidx__lp *lp);
/** Row activities A x of the last solve (nrows). */
const double *govidx__lp_row_activity(const govidx__lp *lp);
/** Row duals of the last solve (nrows), see the sign convention above. */
const double *govidx__lp_row_duals(const govidx__lp *lp);
/** Reduced costs of the last solve (ncols). */
const double *govidx__lp_reduced_costs(const govidx__lp *lp);
/** Simplex iterations of the last solve. */
long govidx__lp_iterations(const govidx__lp *lp);

void govidx__lp_free(govidx__lp *lp);

#endif /* GOVIDX_LP_H */

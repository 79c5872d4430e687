/*
 * lib/dea/lp.c - internal LP interface over the COIN-OR Clp C API (see lp.h).
 *
 * Clp pitfalls handled here (ENGINEERING.md section 6.3): the log level is set
 * to 0 so Clp never prints; Clp_modifyCoefficient takes a C99 bool today and
 * an int from Clp 1.18 on, so it is called in one place only; bounds and
 * costs are edited in place through Clp's own arrays (Clp reads them afresh
 * at every solve); Clp_status() == 0 means optimal.
 *
 * SPDX-License-Identifier: MIT
 */
#include "lp.h"
#include "core/internal.h"

/* Clp's header declares ClpSolve_new() without a prototype. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <Clp_C_Interface.h>
#pragma GCC diagnostic pop
#include <stdbool.h>

struct govidx__lp {
    Clp_Simplex *clp;
    long iterations;
};

int govidx__lp_create(govidx__lp **out, int nrows, const double *rowlo, const double *rowup)
{
    govidx__lp *lp;
    CoinBigIndex start = 0;

    *out = NULL;
    lp = govidx__calloc(1, sizeof *lp);
    if (!lp)
        return govidx__oom();
    lp->clp = Clp_newModel();
    if (!lp->clp) {
        govidx__free(lp);
        return govidx__fail(GOVIDX_ESOLVER, "Clp could not create a model");
    }
    Clp_setLogLevel(lp->clp, 0);
    /* No random perturbation: Clp draws it from a process-wide generator,
     * which would make results depend on how threads interleave. */
    Clp_setPerturbation(lp->clp, 100);
    /* An empty model with the rows; columns come with add_columns. */
    Clp_loadProblem(lp->clp, 0, 0, &start, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    if (nrows > 0)
        Clp_addRows(lp->clp, nrows, rowlo, rowup, NULL, NULL, NULL);
    *out = lp;
    return GOVIDX_OK;
}

int govidx__lp_add_columns(govidx__lp *lp, int ncols, const double *lo, const double *up,
                           const double *obj, const int *start, const int *rows,
                           const double *vals)
{
    CoinBigIndex *cstart;
    double *zero = NULL;
    int k;

    if (ncols <= 0)
        return GOVIDX_OK;
    cstart = govidx__mallocarray((size_t)ncols + 1, sizeof *cstart);
    if (!cstart)
        return govidx__oom();
    if (!obj) {
        zero = govidx__calloc((size_t)ncols, sizeof *zero);
        if (!zero) {
            govidx__free(cstart);
            return govidx__oom();
        }
    }
    for (k = 0; k <= ncols; k++)
        cstart[k] = (CoinBigIndex)start[k];
    Clp_addColumns(lp->clp, ncols, lo, up, obj ? obj : zero, cstart, rows, vals);
    govidx__free(zero);
    govidx__free(cstart);
    return GOVIDX_OK;
}

void govidx__lp_truncate_columns(govidx__lp *lp, int first)
{
    int n = Clp_numberColumns(lp->clp);
    if (first < n)
        Clp_resize(lp->clp, Clp_numberRows(lp->clp), first);
}

int govidx__lp_nrows(const govidx__lp *lp) { return Clp_numberRows(lp->clp); }
int govidx__lp_ncols(const govidx__lp *lp) { return Clp_numberColumns(lp->clp); }

void govidx__lp_set_coef(govidx__lp *lp, int row, int col, double value)
{
    /* The only call of Clp_modifyCoefficient: its last argument becomes an
     * int in Clp 1.18 (header comment); `true` converts to either. */
    Clp_modifyCoefficient(lp->clp, row, col, value, true);
}

void govidx__lp_set_row_bounds(govidx__lp *lp, int row, double lo, double up)
{
    Clp_rowLower(lp->clp)[row] = lo;
    Clp_rowUpper(lp->clp)[row] = up;
}

void govidx__lp_set_col_bounds(govidx__lp *lp, int col, double lo, double up)
{
    Clp_columnLower(lp->clp)[col] = lo;
    Clp_columnUpper(lp->clp)[col] = up;
}

void govidx__lp_set_obj(govidx__lp *lp, int col, double value)
{
    Clp_objective(lp->clp)[col] = value;
}

void govidx__lp_set_tolerances(govidx__lp *lp, double primal, double dual)
{
    Clp_setPrimalTolerance(lp->clp, primal);
    Clp_setDualTolerance(lp->clp, dual);
}

static int lp_status(Clp_Simplex *clp)
{
    switch (Clp_status(clp)) {
    case 0:
        return GOVIDX_OK;
    case 1:
        return GOVIDX_EINFEASIBLE;
    case 2:
        return GOVIDX_EUNBOUNDED;
    default:
        return GOVIDX_ESOLVER;
    }
}

/* All rows basic, all columns at their lower bound (or 0 when free). */
static void slack_basis(Clp_Simplex *clp)
{
    int i, nr = Clp_numberRows(clp), nc = Clp_numberColumns(clp);
    for (i = 0; i < nr; i++)
        Clp_setRowStatus(clp, i, 1);
    for (i = 0; i < nc; i++)
        Clp_setColumnStatus(clp, i, Clp_columnLower(clp)[i] > -GOVIDX__LP_INF ? 3 : 0);
}

int govidx__lp_solve(govidx__lp *lp)
{
    int rc;

    Clp_dual(lp->clp, 0);
    lp->iterations = Clp_numberIterations(lp->clp);
    rc = lp_status(lp->clp);
    if (rc == GOVIDX_ESOLVER) {
        /* Numerical trouble from a warm basis: retry once from scratch,
         * then with the primal simplex. */
        slack_basis(lp->clp);
        Clp_dual(lp->clp, 0);
        lp->iterations += Clp_numberIterations(lp->clp);
        rc = lp_status(lp->clp);
        if (rc == GOVIDX_ESOLVER) {
            Clp_primal(lp->clp, 0);
            lp->iterations += Clp_numberIterations(lp->clp);
            rc = lp_status(lp->clp);
        }
    }
    return rc;
}

double govidx__lp_objective(const govidx__lp *lp) { return Clp_objectiveValue(lp->clp); }
const double *govidx__lp_primal(const govidx__lp *lp) { return Clp_getColSolution(lp->clp); }
const double *govidx__lp_row_activity(const govidx__lp *lp) { return Clp_getRowActivity(lp->clp); }
const double *govidx__lp_row_duals(const govidx__lp *lp) { return Clp_getRowPrice(lp->clp); }
const double *govidx__lp_reduced_costs(const govidx__lp *lp) { return Clp_getReducedCost(lp->clp); }
long govidx__lp_iterations(const govidx__lp *lp) { return lp->iterations; }

void govidx__lp_free(govidx__lp *lp)
{
    if (!lp)
        return;
    if (lp->clp)
        Clp_deleteModel(lp->clp);
    govidx__free(lp);
}

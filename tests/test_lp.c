/*
 * tests/test_lp.c - the internal LP layer (lib/lp.c, compiled in directly).
 *
 * Small LPs solved by hand; the row-dual sign convention used by DEA
 * pricing (d_j = c_j - pi'a_j) checked against Clp's reduced costs.
 * SPDX-License-Identifier: MIT
 */
#include "gxtest.h"
#include "core/internal.h"
#include "dea/lp.h"

/* min -x - y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0.
 * Optimum at x = 1.6, y = 1.2 (intersection), objective -2.8; duals
 * pi = (-0.4, -0.2) solve pi'A = c on the two tight rows. */
static void test_small(void)
{
    govidx__lp *lp = NULL;
    const double rlo[2] = {-GOVIDX__LP_INF, -GOVIDX__LP_INF}, rup[2] = {4, 6};
    const double lo[2] = {0, 0}, up[2] = {GOVIDX__LP_INF, GOVIDX__LP_INF}, obj[2] = {-1, -1};
    const int start[3] = {0, 2, 4}, rows[4] = {0, 1, 0, 1};
    const double vals[4] = {1, 3, 2, 1};
    const double *x, *pi, *d;
    int j;

    GX_ASSERT_OK(govidx__lp_create(&lp, 2, rlo, rup));
    GX_ASSERT_OK(govidx__lp_add_columns(lp, 2, lo, up, obj, start, rows, vals));
    CU_ASSERT_EQUAL(govidx__lp_ncols(lp), 2);
    CU_ASSERT_EQUAL(govidx__lp_nrows(lp), 2);
    GX_ASSERT_OK(govidx__lp_solve(lp));
    x = govidx__lp_primal(lp);
    GX_ASSERT_CLOSE(x[0], 1.6, 1e-9);
    GX_ASSERT_CLOSE(x[1], 1.2, 1e-9);
    GX_ASSERT_CLOSE(govidx__lp_objective(lp), -2.8, 1e-9);
    pi = govidx__lp_row_duals(lp);
    GX_ASSERT_CLOSE(pi[0], -0.4, 1e-9);
    GX_ASSERT_CLOSE(pi[1], -0.2, 1e-9);
    d = govidx__lp_reduced_costs(lp);
    for (j = 0; j < 2; j++) /* d_j = c_j - pi'a_j */
        GX_ASSERT_CLOSE(d[j], obj[j] - (pi[0] * vals[2 * j] + pi[1] * vals[2 * j + 1]), 1e-9);

    /* warm re-solve after a RHS change: x + 2y <= 2, 3x + y <= 6 gives the
     * vertex x = 2, y = 0 (objective -2). */
    govidx__lp_set_row_bounds(lp, 0, -GOVIDX__LP_INF, 2);
    GX_ASSERT_OK(govidx__lp_solve(lp));
    GX_ASSERT_CLOSE(govidx__lp_objective(lp), -2.0, 1e-9);

    /* coefficient change: row 1 becomes x + y <= 6, and row 0 is freed, so
     * max x + y = 6 (objective -6). */
    govidx__lp_set_coef(lp, 1, 0, 1.0);
    govidx__lp_set_row_bounds(lp, 0, -GOVIDX__LP_INF, GOVIDX__LP_INF);
    GX_ASSERT_OK(govidx__lp_solve(lp));
    GX_ASSERT_CLOSE(govidx__lp_objective(lp), -6.0, 1e-9);

    /* infeasible: x >= 10 with x + y <= 6 */
    govidx__lp_set_col_bounds(lp, 0, 10, GOVIDX__LP_INF);
    GX_ASSERT_RC(govidx__lp_solve(lp), GOVIDX_EINFEASIBLE);

    /* unbounded: no row limits */
    govidx__lp_set_col_bounds(lp, 0, 0, GOVIDX__LP_INF);
    govidx__lp_set_row_bounds(lp, 1, -GOVIDX__LP_INF, GOVIDX__LP_INF);
    GX_ASSERT_RC(govidx__lp_solve(lp), GOVIDX_EUNBOUNDED);

    /* temporary columns are removed again */
    govidx__lp_set_obj(lp, 0, 0.0);
    GX_ASSERT_OK(govidx__lp_add_columns(lp, 1, lo, up, NULL, start, rows, vals));
    CU_ASSERT_EQUAL(govidx__lp_ncols(lp), 3);
    govidx__lp_truncate_columns(lp, 2);
    CU_ASSERT_EQUAL(govidx__lp_ncols(lp), 2);
    govidx__lp_free(lp);
    govidx__lp_free(NULL);
}

static CU_TestInfo tests[] = {{"small LPs, duals, warm start, status", test_small},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"lp", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

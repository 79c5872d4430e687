/*
 * Tests of the directional (Fusco 2015) and robust order-m (Cazals, Florens
 * & Simar 2002; Compind ci_rbod) benefit-of-the-doubt variants.  Expected
 * values are derived in the comments or computed here independently (the
 * order-m expectation by enumerating every ordered sample).
 */
#include <math.h>
#include <string.h>
#include <govidx.h>
#include "gxtest.h"

/* Units A = (1, 0.5), B = (0.5, 1), C = (0.4, 0.4); direction g = (1, 1).
 * C: max beta with lambda_A + 0.5 lambda_B >= 0.4 + beta,
 * 0.5 lambda_A + lambda_B >= 0.4 + beta, lambda_A + lambda_B <= 1: the
 * symmetric lambda = (0.5, 0.5) gives 0.75 on both, so beta = 0.35 and
 * ci = 1/1.35.  A and B are on the frontier (beta = 0, ci = 1).  The radial
 * BoD of C is 0.8 / 1.5 = 0.5333 (weights 2/3, 2/3): the direction matters. */
static const double Z3[6] = {1, 0.5, 0.4, 0.5, 1, 0.4};

static void test_directional_by_hand(void)
{
    double ci[3], beta[3], g[2] = {1, 1};
    int st[3];
    GX_ASSERT_OK(govidx_dea_bod_directional(ci, beta, st, govidx_matrix_view_array(Z3, 3, 2), g));
    CU_ASSERT(st[0] == GOVIDX_DEA_OPTIMAL && st[1] == GOVIDX_DEA_OPTIMAL && st[2] == GOVIDX_DEA_OPTIMAL);
    GX_ASSERT_CLOSE(beta[2], 0.35, 1e-9);
    GX_ASSERT_CLOSE(ci[2], 1 / 1.35, 1e-9);
    GX_ASSERT_CLOSE(ci[0], 1.0, 1e-9);
    GX_ASSERT_CLOSE(ci[1], 1.0, 1e-9);
    /* g = (1, 0): expand the first indicator only, the second must hold:
     * C reaches lambda_A = 1 - t, lambda_B = t with 0.5 + 0.5 t >= 0.4 ...
     * the first is 1 - 0.5 t, largest at t = 0: beta = 0.6, ci = 1/1.6. */
    g[1] = 0;
    GX_ASSERT_OK(govidx_dea_bod_directional(ci, beta, st, govidx_matrix_view_array(Z3, 3, 2), g));
    GX_ASSERT_CLOSE(beta[2], 0.6, 1e-9);
    GX_ASSERT_CLOSE(ci[2], 1 / 1.6, 1e-9);
}

/* With g = each unit's own values the directional score is the radial BoD
 * score (beta = phi - 1), on random data. */
static void test_directional_proportional_equals_bod(void)
{
    enum { N = 30, M = 4 };
    double z[N * M], ci[N], cid[N];
    int st[N], std_[N], i;
    unsigned x = 99;
    for (i = 0; i < N * M; i++) {
        x = x * 1103515245u + 12345u;
        z[i] = 0.05 + (double)((x >> 8) % 1000) / 1000.0;
    }
    GX_ASSERT_OK(govidx_dea_bod(ci, NULL, st, NULL, govidx_matrix_view_array(z, N, M), NULL));
    GX_ASSERT_OK(govidx_dea_bod_directional(cid, NULL, std_, govidx_matrix_view_array(z, N, M), NULL));
    for (i = 0; i < N; i++) {
        CU_ASSERT_EQUAL(std_[i], GOVIDX_DEA_OPTIMAL);
        GX_ASSERT_CLOSE(cid[i], ci[i], 1e-8);
    }
}

/* Order-m by enumeration: for each unit, d_k = min_r z_kr / z_or, and the
 * mean over all n^m ordered samples of the largest d drawn. */
static double enumerate_orderm(const double *z, int n, int m, int o, int order)
{
    double d[8], sum = 0;
    int k, idx[8] = {0}, total = 1, s, t;
    for (k = 0; k < n; k++) {
        double dk = INFINITY;
        int j;
        for (j = 0; j < m; j++)
            if (z[o + j * n] > 0)
                dk = fmin(dk, z[k + j * n] / z[o + j * n]);
        d[k] = dk;
    }
    for (t = 0; t < order; t++)
        total *= n;
    for (s = 0; s < total; s++) {
        int c = s;
        double best = -INFINITY;
        for (t = 0; t < order; t++) {
            idx[t] = c % n;
            c /= n;
            best = fmax(best, d[idx[t]]);
        }
        sum += best;
    }
    return sum / total;
}

static void test_robust_exact(void)
{
    /* 5 units x 2 indicators, one outlier (unit 4) far ahead on both. */
    static const double z[10] = {0.5, 0.6, 0.7, 0.4, 3.0, 0.6, 0.5, 0.8, 0.3, 2.5};
    govidx_bod_robust_options o = GOVIDX_BOD_ROBUST_OPTIONS_INIT;
    double ci[5];
    int u, order;
    for (order = 1; order <= 4; order++) {
        o.m = (size_t)order;
        GX_ASSERT_OK(govidx_dea_bod_robust(ci, govidx_matrix_view_array(z, 5, 2), &o));
        for (u = 0; u < 5; u++)
            GX_ASSERT_CLOSE(ci[u], 1.0 / enumerate_orderm(z, 5, 2, u, order), 1e-12);
    }
    /* m = 1: the expected d of one random unit; the outlier beats it: ci > 1 */
    o.m = 1;
    GX_ASSERT_OK(govidx_dea_bod_robust(ci, govidx_matrix_view_array(z, 5, 2), &o));
    CU_ASSERT(ci[4] > 1);
    /* m large: tends to the FDH score 1 / max_k d_k (unit 0: the outlier
     * dominates by min(3/0.5, 2.5/0.6) = 4.1667) */
    o.m = 2000;
    GX_ASSERT_OK(govidx_dea_bod_robust(ci, govidx_matrix_view_array(z, 5, 2), &o));
    GX_ASSERT_CLOSE(ci[0], 0.6 / 2.5, 1e-9);
    GX_ASSERT_CLOSE(ci[4], 1.0, 1e-9);
}

/* Monte Carlo (nonparaeff::orderm's procedure) converges to the exact value
 * and is reproducible for a seed. */
static void test_robust_monte_carlo(void)
{
    static const double z[10] = {0.5, 0.6, 0.7, 0.4, 3.0, 0.6, 0.5, 0.8, 0.3, 2.5};
    govidx_bod_robust_options o = GOVIDX_BOD_ROBUST_OPTIONS_INIT;
    double exact[5], mc[5], again[5];
    int u;
    o.m = 3;
    GX_ASSERT_OK(govidx_dea_bod_robust(exact, govidx_matrix_view_array(z, 5, 2), &o));
    o.draws = 200000;
    o.seed = 7;
    GX_ASSERT_OK(govidx_dea_bod_robust(mc, govidx_matrix_view_array(z, 5, 2), &o));
    GX_ASSERT_OK(govidx_dea_bod_robust(again, govidx_matrix_view_array(z, 5, 2), &o));
    for (u = 0; u < 5; u++) {
        GX_ASSERT_CLOSE(mc[u], exact[u], 0.01 * exact[u]);
        CU_ASSERT(memcmp(&mc[u], &again[u], sizeof mc[u]) == 0);
    }
}

static void test_errors(void)
{
    static const double z[4] = {1, 0, 1, 0}, neg[4] = {1, -1, 1, 1};
    govidx_bod_robust_options o = GOVIDX_BOD_ROBUST_OPTIONS_INIT;
    double ci[2], g0[2] = {0, 0}, gn[2] = {1, -1};
    int st[2];
    GX_ASSERT_RC(govidx_dea_bod_robust(ci, govidx_matrix_view_array(z, 2, 2), &o), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_dea_bod_robust(ci, govidx_matrix_view_array(neg, 2, 2), &o), GOVIDX_EDOMAIN);
    o.m = 0;
    GX_ASSERT_RC(govidx_dea_bod_robust(ci, govidx_matrix_view_array(Z3, 3, 2), &o), GOVIDX_EINVAL);
    o.m = 5;
    o.version = 3;
    GX_ASSERT_RC(govidx_dea_bod_robust(ci, govidx_matrix_view_array(Z3, 3, 2), &o), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_dea_bod_directional(ci, NULL, st, govidx_matrix_view_array(Z3, 2, 2), g0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_dea_bod_directional(ci, NULL, st, govidx_matrix_view_array(Z3, 2, 2), gn), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_dea_bod_directional(ci, NULL, st, govidx_matrix_view_array(neg, 2, 2), NULL),
                 GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_dea_bod_directional(NULL, NULL, st, govidx_matrix_view_array(Z3, 2, 2), NULL),
                 GOVIDX_EINVAL);
}

/* The composite engine's "bod-directional" and "bod-robust" aggregations:
 * with normalize "none" the root score is 100 x ci of the functions above. */
static void test_engine_aggregations(void)
{
    static const char *const specs[2] = {
        "{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"method\": \"bod-directional\"}}",
        "{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"method\": \"bod-robust\", \"bod_m\": 2}}"};
    govidx_matrix_view v = govidx_matrix_view_array(Z3, 3, 2);
    govidx_panel panel = GOVIDX_PANEL_INIT;
    double ci[3], g[2] = {1, 1};
    int st[3], k, u;
    panel.n_years = 1;
    panel.years = &v;
    for (k = 0; k < 2; k++) {
        govidx_framework *fw = NULL;
        govidx_method *m = NULL;
        govidx_plan *plan = NULL;
        govidx_result *res = NULL;
        size_t root = 0;
        GX_ASSERT_OK(govidx_framework_new(&fw));
        GX_ASSERT_OK(govidx_framework_add_indicator(fw, "a", "I", 1, 1, 0));
        GX_ASSERT_OK(govidx_framework_add_indicator(fw, "b", "I", 1, 1, 1));
        GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "I", NULL, 1));
        GX_ASSERT_OK(govidx_framework_seal(fw));
        GX_ASSERT_OK(govidx_method_from_json(&m, specs[k]));
        GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
        GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
        GX_ASSERT_OK(govidx_framework_find(&root, govidx_plan_framework(plan), "I"));
        if (k == 0) {
            GX_ASSERT_OK(govidx_dea_bod_directional(ci, NULL, st, v, g));
        } else {
            govidx_bod_robust_options o = GOVIDX_BOD_ROBUST_OPTIONS_INIT;
            o.m = 2;
            GX_ASSERT_OK(govidx_dea_bod_robust(ci, v, &o));
        }
        for (u = 0; res && u < 3; u++)
            GX_ASSERT_CLOSE(govidx_result_score(res, (size_t)u, 0, root), 100 * ci[u], 1e-9);
        if (k == 0 && res)
            GX_ASSERT_CLOSE(govidx_result_score(res, 2, 0, root), 100 / 1.35, 1e-7);
        govidx_result_free(res);
        govidx_plan_free(plan);
        govidx_method_free(m);
        govidx_framework_free(fw);
    }
}

static CU_TestInfo tests[] = {{"engine: bod-directional and bod-robust", test_engine_aggregations},{"directional BoD by hand", test_directional_by_hand},
                              {"directional with g = z_o is the radial BoD", test_directional_proportional_equals_bod},
                              {"order-m exact against enumeration", test_robust_exact},
                              {"order-m Monte Carlo", test_robust_monte_carlo},
                              {"errors", test_errors},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"BoD variants", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

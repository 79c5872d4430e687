/*
 * Tests of reading results: per-unit strengths and weaknesses and the
 * comparison of two method variants (govidx_result_strengths,
 * govidx_result_compare).  Every number is worked out by hand below.
 */
#include <math.h>
#include <string.h>
#include <govidx.h>
#include "gxoom.h"

/* Units A-D, indicators x1 = (1,2,3,4), x2 = (4,3,2,1), x3 = (2,2,5,0), all
 * "higher is better", under one root I with equal weights, no normalisation.
 * Leaf ranks: x1 D1 C2 B3 A4; x2 A1 B2 C3 D4; x3 C1 A2 B2 D4.
 * Variant a (arithmetic): I = (7/3, 7/3, 10/3, 5/3), ranks C1 A2 B2 D4.
 * Variant b (generalised mean, p = 2): I = (sqrt 7, sqrt(17/3), sqrt(38/3),
 * sqrt(17/3)), ranks C1 A2 B3 D3. */
static const double X[12] = {1, 2, 3, 4, 4, 3, 2, 1, 2, 2, 5, 0};
static const char *const codes[4] = {"A", "B", "C", "D"};

static govidx_result *run(const char *spec)
{
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_matrix_view v = govidx_matrix_view_array(X, 4, 3);
    govidx_panel panel = GOVIDX_PANEL_INIT;
    int year = 2024;
    panel.n_years = 1;
    panel.years = &v;
    panel.year_labels = &year;
    panel.unit_codes = codes;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x1", "I", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x2", "I", 1, 1, 1));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x3", "I", 1, 1, 2));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "I", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    GX_ASSERT_OK(govidx_method_from_json(&m, spec));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
    return res;
}

static const char *node_code(const govidx_result *r, size_t k) { return govidx_result_node_code(r, k); }

static void test_strengths(void)
{
    govidx_result *r = run("{\"normalize\": {\"method\": \"none\"}}");
    size_t s[3], w[3], ns = 9, nw = 9;
    CU_ASSERT_FATAL(r != NULL);
    /* A: x2 (rank 1) is its strength, x1 (rank 4) its weakness */
    GX_ASSERT_OK(govidx_result_strengths(s, &ns, w, &nw, 1, r, 0, 0));
    CU_ASSERT_EQUAL(ns, 1);
    CU_ASSERT_EQUAL(nw, 1);
    CU_ASSERT_STRING_EQUAL(node_code(r, s[0]), "x2");
    CU_ASSERT_STRING_EQUAL(node_code(r, w[0]), "x1");
    /* B, k = 2: ranks x1 3, x2 2, x3 2: strengths x2, x3; weaknesses x1, x2 */
    GX_ASSERT_OK(govidx_result_strengths(s, &ns, w, &nw, 2, r, 1, 0));
    CU_ASSERT_EQUAL(ns, 2);
    CU_ASSERT_STRING_EQUAL(node_code(r, s[0]), "x2");
    CU_ASSERT_STRING_EQUAL(node_code(r, s[1]), "x3");
    CU_ASSERT_STRING_EQUAL(node_code(r, w[0]), "x1");
    CU_ASSERT_STRING_EQUAL(node_code(r, w[1]), "x2");
    /* k larger than the indicators: all three, aggregates never listed */
    GX_ASSERT_OK(govidx_result_strengths(s, &ns, w, &nw, 3, r, 2, 0));
    CU_ASSERT_EQUAL(ns, 3);
    CU_ASSERT_STRING_EQUAL(node_code(r, s[0]), "x3");
    GX_ASSERT_RC(govidx_result_strengths(s, &ns, w, &nw, 1, r, 9, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_result_strengths(NULL, &ns, w, &nw, 1, r, 0, 0), GOVIDX_EINVAL);
    govidx_result_free(r);
}

static void test_compare(void)
{
    govidx_result *a = run("{\"normalize\": {\"method\": \"none\"}}");
    govidx_result *b = run("{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"method\": \"generalised\", \"p\": 2}}");
    govidx_rank_shift sh = {GOVIDX_RANK_SHIFT_VERSION};
    double ds[4];
    long dr[4];
    CU_ASSERT_FATAL(a && b);
    GX_ASSERT_OK(govidx_result_compare(&sh, ds, dr, a, b, "I", 2024, 0));
    CU_ASSERT_EQUAL(sh.n, 4);
    CU_ASSERT_EQUAL(dr[0], 0);
    CU_ASSERT_EQUAL(dr[1], 1);  /* B falls from 2 to 3 */
    CU_ASSERT_EQUAL(dr[2], 0);
    CU_ASSERT_EQUAL(dr[3], -1); /* D rises from 4 to 3 */
    GX_ASSERT_CLOSE(ds[0], sqrt(7.0) - 7.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(ds[3], sqrt(17.0 / 3) - 5.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(sh.mean_abs, 0.5, 1e-15);
    CU_ASSERT_EQUAL(sh.max_abs, 1);
    GX_ASSERT_CLOSE(sh.share_moved, 0.5, 1e-15);
    /* Spearman with average ranks: a (2.5, 2.5, 4, 1), b (3, 1.5, 4, 1.5):
     * covariance sum 3.75 over variance sums 4.5 and 4.5 -> 5/6 */
    GX_ASSERT_CLOSE(sh.spearman, 5.0 / 6.0, 1e-12);
    GX_ASSERT_CLOSE(sh.mean_abs_score,
                    (fabs(sqrt(7.0) - 7.0 / 3) + fabs(sqrt(17.0 / 3) - 7.0 / 3) + fabs(sqrt(38.0 / 3) - 10.0 / 3) +
                     fabs(sqrt(17.0 / 3) - 5.0 / 3)) / 4, 1e-12);
    /* threshold 1: nobody moves by more than one place */
    GX_ASSERT_OK(govidx_result_compare(&sh, NULL, NULL, a, b, "I", 2024, 1));
    GX_ASSERT_CLOSE(sh.share_moved, 0.0, 0);
    /* a result against itself: no movement, Spearman 1 */
    GX_ASSERT_OK(govidx_result_compare(&sh, NULL, NULL, a, a, "I", 2024, 0));
    GX_ASSERT_CLOSE(sh.mean_abs, 0.0, 0);
    GX_ASSERT_CLOSE(sh.spearman, 1.0, 1e-12);
    GX_ASSERT_RC(govidx_result_compare(&sh, NULL, NULL, a, b, "nope", 2024, 0), GOVIDX_ENOTFOUND);
    GX_ASSERT_RC(govidx_result_compare(&sh, NULL, NULL, a, b, "I", 1999, 0), GOVIDX_ENOTFOUND);
    sh.version = 5;
    GX_ASSERT_RC(govidx_result_compare(&sh, NULL, NULL, a, b, "I", 2024, 0), GOVIDX_EINVAL);
    govidx_result_free(a);
    govidx_result_free(b);
}

static govidx_result *oa, *ob;
static int oom_call(void)
{
    govidx_rank_shift sh = {GOVIDX_RANK_SHIFT_VERSION};
    size_t s[2], w[2], ns, nw;
    int rc = govidx_result_compare(&sh, NULL, NULL, oa, ob, "I", 2024, 0);
    if (!rc)
        rc = govidx_result_strengths(s, &ns, w, &nw, 2, oa, 0, 0);
    return rc;
}

static void test_oom(void)
{
    oa = run("{\"normalize\": {\"method\": \"none\"}}");
    ob = run("{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"method\": \"generalised\", \"p\": 2}}");
    check_oom(oom_call);
    govidx_result_free(oa);
    govidx_result_free(ob);
}

static CU_TestInfo tests[] = {{"strengths and weaknesses", test_strengths},
                              {"two method variants", test_compare},
                              {"allocation failures", test_oom},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"reading results", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

/*
 * Finding a unit, node or year of a result and of a results run by its
 * label (govidx_result_find_*, govidx_run_find_*).
 */
#include <math.h>
#include <string.h>
#include <govidx.h>
#include "gxtest.h"

/* Units A-C, two years, indicators x1, x2 under root I (framework order:
 * x1, x2, I). */
static const double X[6] = {1, 2, 3, 3, 2, 1};
static const char *const codes[3] = {"A", "B", "C"};

static govidx_result *make(void)
{
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_matrix_view v[2] = {govidx_matrix_view_array(X, 3, 2), govidx_matrix_view_array(X, 3, 2)};
    govidx_panel panel = GOVIDX_PANEL_INIT;
    int years[2] = {2023, 2024};
    panel.n_years = 2;
    panel.years = v;
    panel.year_labels = years;
    panel.unit_codes = codes;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x1", "I", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x2", "I", 1, 1, 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "I", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"normalize\": {\"method\": \"none\"}}"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
    return res;
}

static void test_result_find(void)
{
    govidx_result *r = make();
    size_t k = 99;
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_OK(govidx_result_find_unit(&k, r, "C"));
    CU_ASSERT_EQUAL(k, 2);
    CU_ASSERT_STRING_EQUAL(govidx_result_unit_code(r, k), "C");
    GX_ASSERT_OK(govidx_result_find_node(&k, r, "I"));
    CU_ASSERT_STRING_EQUAL(govidx_result_node_code(r, k), "I");
    GX_ASSERT_OK(govidx_result_find_node(&k, r, "x2"));
    CU_ASSERT_STRING_EQUAL(govidx_result_node_code(r, k), "x2");
    GX_ASSERT_OK(govidx_result_find_year(&k, r, 2024));
    CU_ASSERT_EQUAL(k, 1);
    GX_ASSERT_OK(govidx_result_find_unit(NULL, r, "A")); /* presence test */
    /* absent labels: ENOTFOUND naming the label, output untouched */
    k = 77;
    GX_ASSERT_RC(govidx_result_find_unit(&k, r, "a"), GOVIDX_ENOTFOUND); /* case-sensitive */
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "the result has no unit 'a'");
    GX_ASSERT_RC(govidx_result_find_node(&k, r, "x3"), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "the result has no node 'x3'");
    GX_ASSERT_RC(govidx_result_find_year(&k, r, 2022), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "the result has no year 2022");
    CU_ASSERT_EQUAL(k, 77);
    GX_ASSERT_RC(govidx_result_find_unit(&k, NULL, "A"), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_result_find_node(&k, r, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_result_find_year(&k, NULL, 2024), GOVIDX_EINVAL);
    govidx_result_free(r);
}

static void test_run_find(void)
{
    govidx_result *r = make();
    govidx_run *run = NULL;
    size_t k = 99;
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_OK(govidx_result_to_run(&run, r, "base"));
    GX_ASSERT_OK(govidx_run_find_unit(&k, run, "B"));
    CU_ASSERT_EQUAL(k, 1);
    GX_ASSERT_OK(govidx_run_find_node(&k, run, "I"));
    CU_ASSERT_STRING_EQUAL(govidx_run_node_code(run, k), "I");
    GX_ASSERT_OK(govidx_run_find_year(&k, run, 2023));
    CU_ASSERT_EQUAL(k, 0);
    k = 77;
    GX_ASSERT_RC(govidx_run_find_unit(&k, run, "Z"), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "run 'base' has no unit 'Z'");
    GX_ASSERT_RC(govidx_run_find_node(&k, run, ""), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "run 'base' has no node ''");
    GX_ASSERT_RC(govidx_run_find_year(&k, run, 1999), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "run 'base' has no year 1999");
    CU_ASSERT_EQUAL(k, 77);
    GX_ASSERT_RC(govidx_run_find_unit(&k, NULL, "B"), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_run_find_node(&k, run, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_run_find_year(&k, NULL, 2023), GOVIDX_EINVAL);
    govidx_run_free(run);
    govidx_result_free(r);
}

static CU_TestInfo tests[] = {
    {"result find unit/node/year", test_result_find},
    {"run find unit/node/year", test_run_find},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"find", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

/* tests/test_impute.c - denomination, imputation (mean, median, group),
 * panel carry, flags and errors.  Expected values are hand computations. */
#include "gxtest.h"
#include "govidx.h"

#include <math.h>
#include <string.h>

static void test_denominate(void)
{
    /* 2 units x 2 indicators; column 1 per capita by den column 0 */
    const double x[] = {10, 30, 4, NAN}, den[] = {2, 5};
    const size_t dc[] = {(size_t)-1, 0};
    double z[4];
    GX_ASSERT_OK(govidx_impute_denominate(govidx_matrix_array(z, 2, 2),
                                          govidx_matrix_view_array(x, 2, 2),
                                          govidx_matrix_view_array(den, 2, 1), dc, NULL));
    GX_ASSERT_CLOSE(z[0], 10, 0);
    GX_ASSERT_CLOSE(z[1], 30, 0);
    GX_ASSERT_CLOSE(z[2], 2, 0);    /* 4 / 2 */
    CU_ASSERT(isnan(z[3]));         /* missing stays missing */
    const double zero[] = {2, 0};
    const char *names[] = {"GDP", "Pop"};
    GX_ASSERT_RC(govidx_impute_denominate(govidx_matrix_array(z, 2, 2),
                                          govidx_matrix_view_array(x, 2, 2),
                                          govidx_matrix_view_array(zero, 2, 1),
                                          (const size_t[]){0, 0}, names),
                 GOVIDX_EDOMAIN);
    CU_ASSERT(strstr(govidx_last_error(), "indicator 'GDP', row 1 (0-based)") != NULL);
}

static void test_impute(void)
{
    /* one indicator, 5 units: 1, NaN, 3, 10, NaN; groups 0 0 1 1 1 */
    const double x[] = {1, NAN, 3, 10, NAN};
    const int g[] = {0, 0, 1, 1, 1};
    double z[5];
    uint8_t fl[5] = {0};
    govidx_impute_options o = GOVIDX_IMPUTE_OPTIONS_INIT;
    GX_ASSERT_OK(govidx_impute(govidx_matrix_array(z, 5, 1), fl, govidx_matrix_view_array(x, 5, 1), &o));
    GX_ASSERT_CLOSE(z[1], 14.0 / 3, 1e-12); /* mean of 1 3 10 */
    GX_ASSERT_CLOSE(z[4], 14.0 / 3, 1e-12);
    CU_ASSERT_EQUAL(fl[1], GOVIDX_FLAG_IMPUTED);
    CU_ASSERT_EQUAL(fl[0], 0);
    o.method = GOVIDX_IMPUTE_MEDIAN;
    GX_ASSERT_OK(govidx_impute(govidx_matrix_array(z, 5, 1), NULL, govidx_matrix_view_array(x, 5, 1), &o));
    GX_ASSERT_CLOSE(z[1], 3, 0);
    o.method = GOVIDX_IMPUTE_GROUP_MEAN;
    o.groups = g;
    GX_ASSERT_OK(govidx_impute(govidx_matrix_array(z, 5, 1), NULL, govidx_matrix_view_array(x, 5, 1), &o));
    GX_ASSERT_CLOSE(z[1], 1, 0);   /* group 0: {1} */
    GX_ASSERT_CLOSE(z[4], 6.5, 0); /* group 1: {3, 10} */
    o.method = GOVIDX_IMPUTE_GROUP_MEDIAN;
    GX_ASSERT_OK(govidx_impute(govidx_matrix_array(z, 5, 1), NULL, govidx_matrix_view_array(x, 5, 1), &o));
    GX_ASSERT_CLOSE(z[4], 6.5, 0);
    /* all missing -> GOVIDX_EMISSING naming the indicator */
    const double na[] = {NAN, NAN};
    const char *names[] = {"LPI"};
    o.method = GOVIDX_IMPUTE_MEAN;
    o.names = names;
    GX_ASSERT_RC(govidx_impute(govidx_matrix_array(z, 2, 1), NULL, govidx_matrix_view_array(na, 2, 1), &o),
                 GOVIDX_EMISSING);
    CU_ASSERT(strstr(govidx_last_error(), "'LPI'") != NULL);
    o.method = GOVIDX_IMPUTE_GROUP_MEAN;
    o.groups = NULL;
    GX_ASSERT_RC(govidx_impute(govidx_matrix_array(z, 5, 1), NULL, govidx_matrix_view_array(x, 5, 1), &o),
                 GOVIDX_EINVAL);
    const double inf[] = {1, -INFINITY};
    GX_ASSERT_RC(govidx_impute(govidx_matrix_array(z, 2, 1), NULL, govidx_matrix_view_array(inf, 2, 1), NULL),
                 GOVIDX_ENUMERIC);
}

static void test_carry(void)
{
    /* 3 years, 2 units, 1 indicator */
    const double y0[] = {1, NAN}, y1[] = {NAN, NAN}, y2[] = {3, 7};
    govidx_matrix_view ys[3] = {govidx_matrix_view_array(y0, 2, 1), govidx_matrix_view_array(y1, 2, 1),
                                govidx_matrix_view_array(y2, 2, 1)};
    double z[2];
    uint8_t fl[2] = {0};
    GX_ASSERT_OK(govidx_impute_carry(govidx_matrix_array(z, 2, 1), fl, ys, 3, 1, GOVIDX_CARRY_PREVIOUS));
    GX_ASSERT_CLOSE(z[0], 1, 0);
    CU_ASSERT(isnan(z[1]));
    CU_ASSERT_EQUAL(fl[0], GOVIDX_FLAG_IMPUTED);
    CU_ASSERT_EQUAL(fl[1], 0);
    GX_ASSERT_OK(govidx_impute_carry(govidx_matrix_array(z, 2, 1), NULL, ys, 3, 1, GOVIDX_CARRY_NEXT));
    GX_ASSERT_CLOSE(z[0], 3, 0);
    GX_ASSERT_CLOSE(z[1], 7, 0);
    GX_ASSERT_OK(govidx_impute_carry(govidx_matrix_array(z, 2, 1), NULL, ys, 3, 1, GOVIDX_CARRY_BOTH));
    GX_ASSERT_CLOSE(z[0], 1, 0);
    GX_ASSERT_CLOSE(z[1], 7, 0);
    GX_ASSERT_RC(govidx_impute_carry(govidx_matrix_array(z, 2, 1), NULL, ys, 3, 3, GOVIDX_CARRY_BOTH),
                 GOVIDX_EINVAL);
}

static CU_TestInfo tests[] = {{"denominate", test_denominate}, {"impute", test_impute}, {"carry", test_carry},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"impute", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
int main(void) { return gx_run(suites); }

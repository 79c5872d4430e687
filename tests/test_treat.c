/* tests/test_treat.c - outlier treatment (COINr Treat default rule) and
 * explicit transforms.  Expected values: hand computation / independent
 * Python computation of Excel SKEW/KURT (G1, excess G2). */
#include "gxtest.h"
#include "govidx.h"

#include <math.h>
#include <string.h>

static void test_winsorize(void)
{
    /* COINr treat vignette vector: 1..10, 30, 100.  skew 3.0632 > 2 and
     * kurt 9.7414 > 3.5, so the highest point (100) takes the next value
     * inward (30); then skew 1.7120 < 2 passes (COINr check_SkewKurt). */
    double x[12], z[12];
    uint8_t fl[12] = {0};
    for (int i = 0; i < 10; i++)
        x[i] = i + 1;
    x[10] = 30;
    x[11] = 100;
    govidx_treat_report r;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 12, 1), fl, &r, govidx_matrix_view_array(x, 12, 1), NULL));
    CU_ASSERT_EQUAL(r.n_winsorized, 1);
    CU_ASSERT_EQUAL(r.log_applied, 0);
    GX_ASSERT_CLOSE(r.skew_before, 3.0632410342394985, 1e-10);
    GX_ASSERT_CLOSE(r.kurt_before, 9.741390834569142, 1e-10);
    GX_ASSERT_CLOSE(r.skew_after, 1.71203806008905, 1e-10);
    GX_ASSERT_CLOSE(r.kurt_after, 1.8157805377242022, 1e-10);
    GX_ASSERT_CLOSE(z[11], 30, 0);
    GX_ASSERT_CLOSE(z[10], 30, 0);
    CU_ASSERT_EQUAL(fl[11], GOVIDX_FLAG_TREATED);
    CU_ASSERT_EQUAL(fl[10], 0);

    /* winmax 0: still over the thresholds -> COINr log_CT:
     * ln(x - min + 0.01 (max - min)) = ln(x - 1 + 0.99) */
    govidx_treat_options o = GOVIDX_TREAT_OPTIONS_INIT;
    o.winmax = 0;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 12, 1), fl, &r, govidx_matrix_view_array(x, 12, 1), &o));
    CU_ASSERT_EQUAL(r.log_applied, 1);
    CU_ASSERT_EQUAL(r.n_winsorized, 0);
    GX_ASSERT_CLOSE(z[0], log(0.99), 1e-12);
    GX_ASSERT_CLOSE(z[11], log(99.99), 1e-12);
    CU_ASSERT_EQUAL(fl[0], GOVIDX_FLAG_TREATED);

    /* negative skew: the lowest point is winsorised up.  -x: skew -3.06 */
    for (int i = 0; i < 12; i++)
        x[i] = -x[i];
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 12, 1), NULL, &r, govidx_matrix_view_array(x, 12, 1), NULL));
    CU_ASSERT_EQUAL(r.n_winsorized, 1);
    GX_ASSERT_CLOSE(z[11], -30, 0);
}

static void test_transforms(void)
{
    const double x[] = {1, M_E, M_E * M_E, NAN};
    double z[4];
    uint8_t fl[4] = {0};
    govidx_treat_options o = GOVIDX_TREAT_OPTIONS_INIT;
    o.method = GOVIDX_TREAT_LOG;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 4, 1), fl, NULL, govidx_matrix_view_array(x, 4, 1), &o));
    GX_ASSERT_CLOSE(z[0], 0, 1e-15);
    GX_ASSERT_CLOSE(z[1], 1, 1e-15);
    GX_ASSERT_CLOSE(z[2], 2, 1e-15);
    CU_ASSERT(isnan(z[3]));
    CU_ASSERT_EQUAL(fl[1], GOVIDX_FLAG_TREATED);
    CU_ASSERT_EQUAL(fl[3], 0);

    /* Box-Cox lambda 0.5: (x^0.5 - 1)/0.5: 4 -> 2, 9 -> 4 */
    const double y[] = {4, 9};
    o.method = GOVIDX_TREAT_BOXCOX;
    o.lambda = 0.5;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 2, 1), NULL, NULL, govidx_matrix_view_array(y, 2, 1), &o));
    GX_ASSERT_CLOSE(z[0], 2, 1e-15);
    GX_ASSERT_CLOSE(z[1], 4, 1e-15);

    /* log of a negative: GOVIDX_EDOMAIN; with offset 2, ln(-1 + 2) = 0 */
    const double n[] = {-1, 3};
    o.method = GOVIDX_TREAT_LOG;
    GX_ASSERT_RC(govidx_treat(govidx_matrix_array(z, 2, 1), NULL, NULL, govidx_matrix_view_array(n, 2, 1), &o),
                 GOVIDX_EDOMAIN);
    o.offset = 2;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 2, 1), NULL, NULL, govidx_matrix_view_array(n, 2, 1), &o));
    GX_ASSERT_CLOSE(z[0], 0, 1e-15);
    GX_ASSERT_CLOSE(z[1], log(5), 1e-15);
}

static void test_errors(void)
{
    const double x[] = {1, INFINITY};
    double z[2];
    GX_ASSERT_RC(govidx_treat(govidx_matrix_array(z, 2, 1), NULL, NULL, govidx_matrix_view_array(x, 2, 1), NULL),
                 GOVIDX_ENUMERIC);
    govidx_treat_options o = GOVIDX_TREAT_OPTIONS_INIT;
    o.version = 99;
    GX_ASSERT_RC(govidx_treat(govidx_matrix_array(z, 2, 1), NULL, NULL, govidx_matrix_view_array(z, 2, 1), &o),
                 GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_treat(govidx_matrix_array(z, 1, 1), NULL, NULL, govidx_matrix_view_array(x, 2, 1), NULL),
                 GOVIDX_EDIM);
}

/* COINr's counting (COINr 1.1.14 R/treat.R winsorise(): `imax <- which(x ==
 * max(x))` replaces every tied maximum at once and `nwin <- sum(length(imax)
 * + length(imin))` counts only the last step).  The column: 25 small values
 * and 40, 107, 180, 240 (skew > 0).  Worked through that algorithm: step 1
 * moves 240 to 180 (1 point), step 2 both 180s to 107 (2), step 3 the three
 * 107s to 40 (3, nwin = 3 < 5) and the column passes (|G1| < 2 or G2 < 3.5):
 * 40, 40, 40, 40 at the top.  The Handbook's cumulative count needs 6
 * single-point steps to get there, so with winmax 5 it still fails after 5
 * points and falls back to log_CT. */
static void test_winsorize_coinr_count(void)
{
    double x[29] = {19, 14, 19, 8, 11, 1, 9, 20, 6, 11, 18, 19, 19, 4, 7, 19, 9, 10, 4, 3, 16, 16, 3, 12, 3,
                    40, 107, 180, 240};
    double z[29];
    uint8_t fl[29] = {0};
    govidx_treat_report r;
    govidx_treat_options o = GOVIDX_TREAT_OPTIONS_INIT, v1;
    CU_ASSERT_EQUAL(o.count, GOVIDX_TREAT_COUNT_CUMULATIVE);
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 29, 1), NULL, &r, govidx_matrix_view_array(x, 29, 1), &o));
    CU_ASSERT_EQUAL(r.log_applied, 1);
    CU_ASSERT_EQUAL(r.n_winsorized, 0);
    GX_ASSERT_CLOSE(z[28], log(240 - 1 + 0.01 * 239), 1e-12);
    o.count = GOVIDX_TREAT_COUNT_COINR;
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 29, 1), fl, &r, govidx_matrix_view_array(x, 29, 1), &o));
    CU_ASSERT_EQUAL(r.log_applied, 0);
    CU_ASSERT_EQUAL(r.n_winsorized, 3); /* 240, 180 and 107 changed; 40 did not */
    for (int i = 0; i < 25; i++)
        CU_ASSERT_EQUAL(z[i], x[i]);
    for (int i = 25; i < 29; i++) {
        CU_ASSERT_EQUAL(z[i], 40.0);
        CU_ASSERT_EQUAL(fl[i], i == 25 ? 0 : GOVIDX_FLAG_TREATED);
    }
    CU_ASSERT(fabs(r.skew_after) < 2 || r.kurt_after < 3.5);
    CU_ASSERT(x[28] == 240); /* the input is untouched */
    /* a version-1 caller has no count field: the cumulative default applies */
    GX_ASSERT_OK(govidx_treat_options_init(&v1, 1));
    CU_ASSERT_EQUAL(v1.version, 1);
    GX_ASSERT_OK(govidx_treat(govidx_matrix_array(z, 29, 1), NULL, &r, govidx_matrix_view_array(x, 29, 1), &v1));
    CU_ASSERT_EQUAL(r.log_applied, 1);
    /* names and bad values */
    {
        govidx_treat_count c;
        GX_ASSERT_OK(govidx_treat_count_from_name(&c, "coinr"));
        CU_ASSERT_EQUAL(c, GOVIDX_TREAT_COUNT_COINR);
        GX_ASSERT_OK(govidx_treat_count_from_name(&c, "handbook"));
        CU_ASSERT_EQUAL(c, GOVIDX_TREAT_COUNT_CUMULATIVE);
        CU_ASSERT_STRING_EQUAL(govidx_treat_count_name(GOVIDX_TREAT_COUNT_CUMULATIVE), "cumulative");
        GX_ASSERT_RC(govidx_treat_count_from_name(&c, "Coinr"), GOVIDX_EFORMAT);
        CU_ASSERT(strstr(govidx_last_error(), "'Coinr'") != NULL);
        GX_ASSERT_RC(govidx_treat_count_from_name(NULL, "coinr"), GOVIDX_EINVAL);
        CU_ASSERT_PTR_NULL(govidx_treat_count_name((govidx_treat_count)9));
    }
    o.count = (govidx_treat_count)9;
    GX_ASSERT_RC(govidx_treat(govidx_matrix_array(z, 29, 1), NULL, &r, govidx_matrix_view_array(x, 29, 1), &o),
                 GOVIDX_EINVAL);
}

static CU_TestInfo tests[] = {{"winsorise", test_winsorize}, {"transforms", test_transforms},
                              {"errors", test_errors}, {"winsorise, COINr's count", test_winsorize_coinr_count},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"treat", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
int main(void) { return gx_run(suites); }

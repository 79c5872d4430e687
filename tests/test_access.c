/* Tests of 2SFCA/E2SFCA on a hand-computed example. */
#include <math.h>
#include <govidx.h>
#include "govidx/access.h"
#include "gxtest.h"

/* Demand P = (100, 200, 50), supply S = (10, 20); costs (rows demand, column-major):
 * c = [[1, 3], [5, NaN], [2, 4]], d0 = 4.
 * 2SFCA by hand: R0 = 10/(100+50) = 1/15, R1 = 20/(100+50) = 2/15;
 * A = (1/15 + 2/15, 0, 1/15 + 2/15) = (0.2, 0, 0.2).
 * E2SFCA zones (0,2] w=1, (2,4] w=0.5: R0 = 10/(100 + 50) = 1/15,
 * R1 = 20/(100*0.5 + 50*0.5) = 4/15; A0 = 1/15 + 0.5*4/15 = 0.2, A2 = 1/15 + 0.5*4/15 = 0.2. */
static const double P[3] = {100, 200, 50}, S[2] = {10, 20};
static const double C[6] = {1, 5, 2, 3, NAN, 4};

static void test_2sfca(void)
{
    double a[3];
    GX_ASSERT_OK(govidx_access_2sfca(P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, a));
    GX_ASSERT_CLOSE(a[0], 0.2, 1e-12);
    GX_ASSERT_CLOSE(a[1], 0.0, 1e-12);
    GX_ASSERT_CLOSE(a[2], 0.2, 1e-12);
}

static void test_e2sfca(void)
{
    const double b[2] = {2, 4}, w[2] = {1, 0.5};
    const double C2[6] = {1, 5, 3, 3, NAN, 4}; /* demand 2 now at cost 3 from supply 0 */
    double a[3];
    /* R0 = 10/(100 + 0.5*50) = 0.08, R1 = 20/(0.5*100 + 0.5*50) = 4/15;
     * A0 = 0.08 + 0.5*4/15, A2 = 0.5*0.08 + 0.5*4/15. */
    GX_ASSERT_OK(govidx_access_2sfca(P, 3, S, 2, C2, 3, 4.0, b, w, 2, a));
    GX_ASSERT_CLOSE(a[0], 0.08 + 2.0 / 15.0, 1e-12);
    GX_ASSERT_CLOSE(a[1], 0.0, 1e-12);
    GX_ASSERT_CLOSE(a[2], 0.04 + 2.0 / 15.0, 1e-12);
}

static void test_errors(void)
{
    double a[3], bad[2] = {4, 2}, w[2] = {1, 0.5}, pn[3] = {NAN, 1, 1};
    GX_ASSERT_RC(govidx_access_2sfca(P, 3, S, 2, C, 2, 4.0, NULL, NULL, 0, a), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_access_2sfca(P, 3, S, 2, C, 3, 0.0, NULL, NULL, 0, a), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_access_2sfca(P, 3, S, 2, C, 3, 4.0, bad, w, 2, a), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_access_2sfca(pn, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, a), GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_access_2sfca(NULL, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, a), GOVIDX_EINVAL);
}

static CU_TestInfo tests[] = {{"2sfca", test_2sfca}, {"e2sfca", test_e2sfca},
                              {"errors", test_errors}, CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"access", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

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
    GX_ASSERT_OK(govidx_access_2sfca(a, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0));
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
    GX_ASSERT_OK(govidx_access_2sfca(a, P, 3, S, 2, C2, 3, 4.0, b, w, 2));
    GX_ASSERT_CLOSE(a[0], 0.08 + 2.0 / 15.0, 1e-12);
    GX_ASSERT_CLOSE(a[1], 0.0, 1e-12);
    GX_ASSERT_CLOSE(a[2], 0.04 + 2.0 / 15.0, 1e-12);
}

static void test_errors(void)
{
    double a[3], bad[2] = {4, 2}, w[2] = {1, 0.5}, pn[3] = {NAN, 1, 1};
    GX_ASSERT_RC(govidx_access_2sfca(a, P, 3, S, 2, C, 2, 4.0, NULL, NULL, 0), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_access_2sfca(a, P, 3, S, 2, C, 3, 0.0, NULL, NULL, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_access_2sfca(a, P, 3, S, 2, C, 3, 4.0, bad, w, 2), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_access_2sfca(a, pn, 3, S, 2, C, 3, 4.0, NULL, NULL, 0), GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_access_2sfca(a, NULL, 3, S, 2, C, 3, 4.0, NULL, NULL, 0), GOVIDX_EINVAL);
}

/* The coverage view of the 2SFCA example above: A = (0.2, 0, 0.2) for
 * P = (100, 200, 50).  Population-weighted mean 30/350 = sum S / sum P
 * (every service point has demand in reach, so 2SFCA conserves supply:
 * Luo & Wang 2003); 150 of 350 people reach a service; the distribution is
 * two-valued (4/7 of the population at 0), so Gini = 4/7 and
 * Atkinson(0.5) = 1 - (3/7 sqrt(7/3))^2 = 4/7; adjusted = (3/7)(30/350). */
static void test_coverage_access(void)
{
    govidx_coverage_access_result r = GOVIDX_COVERAGE_ACCESS_RESULT_INIT;
    double a[3];
    GX_ASSERT_OK(govidx_coverage_access(&r, a, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0.1, 0.5));
    GX_ASSERT_CLOSE(a[0], 0.2, 1e-12);
    GX_ASSERT_CLOSE(r.mean, 30.0 / 350.0, 1e-12);
    GX_ASSERT_CLOSE(r.reached, 150.0 / 350.0, 1e-12);
    GX_ASSERT_CLOSE(r.above, 150.0 / 350.0, 1e-12);
    CU_ASSERT_EQUAL(r.unreached, 1);
    GX_ASSERT_CLOSE(r.gini, 4.0 / 7.0, 1e-12);
    GX_ASSERT_CLOSE(r.atkinson, 4.0 / 7.0, 1e-12);
    GX_ASSERT_CLOSE(r.adjusted, 3.0 / 7.0 * 30.0 / 350.0, 1e-12);
    /* a standard above everyone's access; no standard */
    GX_ASSERT_OK(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0.5, 1.0));
    GX_ASSERT_CLOSE(r.above, 0.0, 1e-15);
    GX_ASSERT_OK(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0, 1.0));
    CU_ASSERT(isnan(r.above));
    /* errors */
    GX_ASSERT_RC(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0, -1), GOVIDX_EINVAL);
    r.version = 9;
    GX_ASSERT_RC(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0, 1), GOVIDX_EINVAL);
    r.version = 0;
    GX_ASSERT_RC(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0, 1), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_coverage_access_result_init(&r, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_coverage_access_result_init(&r, GOVIDX_COVERAGE_ACCESS_VERSION + 1), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_coverage_access_result_init(&r, GOVIDX_COVERAGE_ACCESS_VERSION));
    CU_ASSERT_EQUAL(r.version, GOVIDX_COVERAGE_ACCESS_VERSION);
    CU_ASSERT_EQUAL(r.unreached, 0);
    GX_ASSERT_OK(govidx_coverage_access(&r, NULL, P, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0.1, 0.5));
    CU_ASSERT_EQUAL(r.version, GOVIDX_COVERAGE_ACCESS_VERSION); /* left as the caller set it */
    CU_ASSERT_EQUAL(r.unreached, 1);
    {
        const double zero[3] = {0, 0, 0};
        GX_ASSERT_RC(govidx_coverage_access(&r, NULL, zero, 3, S, 2, C, 3, 4.0, NULL, NULL, 0, 0, 1),
                     GOVIDX_EDOMAIN);
    }
}

/* Supply conservation on a larger random case: sum_d P_d A_d = sum_s S_s
 * whenever every service point has demand within d0. */
static void test_conservation(void)
{
    enum { ND = 40, NS = 7 };
    double p[ND], sup[NS], cost[ND * NS], a[ND], lhs = 0, rhs = 0;
    govidx_coverage_access_result r = GOVIDX_COVERAGE_ACCESS_RESULT_INIT;
    unsigned x = 12345;
    int d, s;
    for (d = 0; d < ND; d++) {
        x = x * 1103515245u + 12345u;
        p[d] = 100 + (x >> 16) % 900;
    }
    for (s = 0; s < NS; s++) {
        x = x * 1103515245u + 12345u;
        sup[s] = 1 + (x >> 16) % 20;
        for (d = 0; d < ND; d++) {
            x = x * 1103515245u + 12345u;
            cost[d + s * ND] = d == s ? 1.0 : (double)((x >> 16) % 60); /* community s is near point s */
        }
    }
    GX_ASSERT_OK(govidx_coverage_access(&r, a, p, ND, sup, NS, cost, ND, 30.0, NULL, NULL, 0, 0, 1));
    for (d = 0; d < ND; d++)
        lhs += p[d] * a[d];
    for (s = 0; s < NS; s++)
        rhs += sup[s];
    GX_ASSERT_CLOSE(lhs, rhs, 1e-9 * rhs);
}

static CU_TestInfo tests[] = {{"2sfca", test_2sfca}, {"e2sfca", test_e2sfca},
                              {"coverage view of 2SFCA", test_coverage_access},
                              {"supply conservation", test_conservation},
                              {"errors", test_errors}, CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"access", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

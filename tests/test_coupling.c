/* Tests of the coupling-coordination module (METHODS.md section 2.3, E3). */
#include <math.h>
#include <govidx.h>
#include "govidx/coupling.h"
#include "gxtest.h"

/* Table E3: Mathematical Problems in Engineering 2022, article 2969206, Table 4
 * (year, Uu, Ur, C pub, T pub, D pub) plus govidx's own C_Wang, D_Wang per METHODS.md.
 * Levels are published to 3 dp, so agreement is asserted to +-0.0015. */
static const double e3[10][8] = {
    {2011, 0.101, 0.280, 0.882, 0.190, 0.410, 0.544, 0.322},
    {2012, 0.165, 0.406, 0.906, 0.286, 0.509, 0.555, 0.398},
    {2013, 0.187, 0.427, 0.920, 0.307, 0.532, 0.577, 0.421},
    {2014, 0.238, 0.511, 0.931, 0.374, 0.590, 0.582, 0.467},
    {2015, 0.424, 0.421, 1.000, 0.422, 0.650, 0.995, 0.648},
    {2016, 0.538, 0.407, 0.990, 0.473, 0.684, 0.811, 0.619},
    {2017, 0.591, 0.466, 0.993, 0.528, 0.724, 0.831, 0.663},
    {2018, 0.694, 0.581, 0.996, 0.638, 0.797, 0.862, 0.741},
    {2019, 0.892, 0.662, 0.989, 0.777, 0.877, 0.756, 0.766},
    {2020, 0.879, 0.637, 0.987, 0.758, 0.865, 0.741, 0.750},
};

static void test_e3_table(void)
{
    for (int y = 0; y < 10; y++) {
        double u[2] = {e3[y][1], e3[y][2]}, c, t, d;
        GX_ASSERT_OK(govidx_coupling_coordination(&c, &t, &d, u, NULL, 2, 0));
        GX_ASSERT_CLOSE(c, e3[y][3], 0.0015);
        GX_ASSERT_CLOSE(t, e3[y][4], 0.0015);
        GX_ASSERT_CLOSE(d, e3[y][5], 0.0015);
        GX_ASSERT_OK(govidx_coupling_coordination(&c, &t, &d, u, NULL, 2, 1));
        GX_ASSERT_CLOSE(c, e3[y][6], 0.0015);
        GX_ASSERT_CLOSE(d, e3[y][7], 0.0015);
    }
}

/* METHODS.md 2.3 n = 3 check: U = (0.2, 0.5, 0.8). */
static void test_three_subsystems(void)
{
    double u[3] = {0.2, 0.5, 0.8}, c;
    GX_ASSERT_OK(govidx_coupling_traditional(&c, u, 3));
    GX_ASSERT_CLOSE(c, 0.861774, 1e-6);
    GX_ASSERT_OK(govidx_coupling_wang(&c, u, 3));
    GX_ASSERT_CLOSE(c, 0.487002, 1e-6);
}

static void test_bands(void)
{
    CU_ASSERT_EQUAL(govidx_coupling_band(0.0), 0);
    CU_ASSERT_EQUAL(govidx_coupling_band(0.0999), 0);
    CU_ASSERT_EQUAL(govidx_coupling_band(0.1), 1);
    CU_ASSERT_EQUAL(govidx_coupling_band(0.3), 3);
    CU_ASSERT_EQUAL(govidx_coupling_band(0.5), 5);
    CU_ASSERT_EQUAL(govidx_coupling_band(0.9), 9);
    CU_ASSERT_EQUAL(govidx_coupling_band(1.0), 9);
    GX_ASSERT_RC(govidx_coupling_band(1.01), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_coupling_band(NAN), GOVIDX_EDOMAIN);
    CU_ASSERT_STRING_EQUAL(govidx_coupling_band_name_en(4), "on the verge of imbalance");
    CU_ASSERT_STRING_EQUAL(govidx_coupling_band_name_zh(9), "优质协调");
    CU_ASSERT_PTR_NULL(govidx_coupling_band_name_en(10));
}

static void test_errors(void)
{
    double c, u0[2] = {0.0, 0.5}, un[2] = {NAN, 0.5}, ok[2] = {0.4, 0.6}, bad_w[2] = {0.7, 0.7};
    GX_ASSERT_RC(govidx_coupling_traditional(&c, u0, 2), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_coupling_wang(&c, un, 2), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_coupling_wang(&c, ok, 1), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_coupling_wang(&c, NULL, 2), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_coupling_coordination(&c, NULL, NULL, ok, bad_w, 2, 1), GOVIDX_EINVAL);
}

/* The E3 table as 10 units x 2 subsystems: the same C, T, D per unit; C > 0.9
 * for 9 of 10 years, so the traditional C is flagged as saturated; balance
 * 1 - CV: 2015 (0.424, 0.421) gives 1 - 0.0015/0.4225. */
static void test_units_saturation_balance(void)
{
    double U[20], c[10], cw[10], t[10], d[10], dw[10], bal[10];
    govidx_coupling_out out = {GOVIDX_COUPLING_OUT_VERSION, c, cw, t, d, dw, bal, 0, 0};
    int y;
    for (y = 0; y < 10; y++) {
        U[y] = e3[y][1];
        U[10 + y] = e3[y][2];
    }
    GX_ASSERT_OK(govidx_coupling_units(&out, govidx_matrix_view_array(U, 10, 2), NULL));
    for (y = 0; y < 10; y++) {
        GX_ASSERT_CLOSE(c[y], e3[y][3], 0.0015);
        GX_ASSERT_CLOSE(t[y], e3[y][4], 0.0015);
        GX_ASSERT_CLOSE(d[y], e3[y][5], 0.0015);
        GX_ASSERT_CLOSE(cw[y], e3[y][6], 0.0015);
        GX_ASSERT_CLOSE(dw[y], e3[y][7], 0.0015);
    }
    GX_ASSERT_CLOSE(out.saturated_share, 0.9, 1e-12);
    CU_ASSERT_EQUAL(out.saturated, 1);
    GX_ASSERT_CLOSE(bal[4], 1 - 0.0015 / 0.4225, 1e-12);
    U[3] = 0; /* a subsystem at 0: named, not a silent number */
    GX_ASSERT_RC(govidx_coupling_units(&out, govidx_matrix_view_array(U, 10, 2), NULL), GOVIDX_EDOMAIN);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "row 3 (0-based)"));
    GX_ASSERT_RC(govidx_coupling_units(&out, govidx_matrix_view_array(U, 10, 1), NULL), GOVIDX_EDIM);
}

static CU_TestInfo tests[] = {{"e3_table", test_e3_table},
                               {"units x subsystems, saturation, balance", test_units_saturation_balance},
                              {"three_subsystems", test_three_subsystems},
                              {"bands", test_bands},
                              {"errors", test_errors},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"coupling", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

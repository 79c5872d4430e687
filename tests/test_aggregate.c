/*
 * tests/test_aggregate.c - arithmetic, geometric, harmonic and generalised
 * means, TOPSIS, MPI/AMPI and Copeland; missing children and thresholds.
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"
#include "gxtest.h"
#include "gxoom.h"


#include <time.h>

static void test_egdi_e1(void)
{
    /* METHODS.md section 5, E1: UN E-Government Survey 2018 (UNU-EGOV/datasets
     * egdi/egdi-2018.csv @cf03dd5f): EGDI = (OSI + HCI + TII) / 3.
     * Components and EGDI published at 4 dp: tolerance 1e-4. */
    static const double osi[7] = {1.0000, 0.9722, 0.9792, 0.9792, 0.8611, 0.0833, 0.1111};
    static const double hci[7] = {0.9472, 1.0000, 0.8743, 0.9200, 0.7088, 0.3179, 0.0000};
    static const double tii[7] = {0.7978, 0.7436, 0.8496, 0.8004, 0.4735, 0.0000, 0.0586};
    static const double egdi[7] = {0.9150, 0.9053, 0.9010, 0.8999, 0.6811, 0.1337, 0.0566};
    double z[21], out[7], w[3] = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    int i;
    for (i = 0; i < 7; i++) {
        z[i] = osi[i];
        z[7 + i] = hci[i];
        z[14 + i] = tii[i];
    }
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 7, 3), w, NULL));
    for (i = 0; i < 7; i++)
        GX_ASSERT_CLOSE(out[i], egdi[i], 1e-4 + 1e-12);
}

static void test_power_means(void)
{
    /* One unit, z = (1, 4, 16), w = (0.25, 0.25, 0.5); hand computation:
     * arithmetic 9.25; geometric 1^.25 4^.25 16^.5 = sqrt 2 * 4 = 5.656854;
     * harmonic 1 / (.25 + .0625 + .03125) = 2.909091;
     * generalised p = 2: sqrt(.25 + 4 + 128) = 11.5. */
    double z[3] = {1, 4, 16}, w[3] = {0.25, 0.25, 0.5}, out[1];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_matrix_view v = govidx_matrix_view_array(z, 1, 3);
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 9.25, 1e-12);
    o.method = GOVIDX_AGG_GEOMETRIC;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 4 * sqrt(2.0), 1e-12);
    o.method = GOVIDX_AGG_HARMONIC;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 1 / 0.34375, 1e-12);
    o.method = GOVIDX_AGG_GENERALIZED;
    o.p = 2;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 11.5, 1e-12);
    /* p = 1, 0, -1 reproduce arithmetic, geometric, harmonic */
    o.p = 1;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 9.25, 1e-12);
    o.p = 0;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 4 * sqrt(2.0), 1e-12);
    o.p = -1;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 1 / 0.34375, 1e-12);
    /* overflow is reported, not returned as Inf */
    o.p = 400;
    z[2] = 1e300;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, &o), GOVIDX_ENUMERIC);
    z[2] = 16;
    /* p -> 0 approaches the geometric mean */
    o.p = 1e-7;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 4 * sqrt(2.0), 1e-5);
}

static void test_geometric_zero(void)
{
    /* unit 1 has a zero in child 2 */
    double z[4] = {0.5, 0.4, 0.2, 0.0}, w[2] = {0.5, 0.5}, out[2];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_aggregate_info info = GOVIDX_AGGREGATE_INFO_INIT;
    o.method = GOVIDX_AGG_GEOMETRIC;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 2, 2), w, &o),
                 GOVIDX_EDOMAIN);
    CU_ASSERT(strstr(govidx_last_error(), "row 1 (0-based), column 1 (0-based)") != NULL);
    o.method = GOVIDX_AGG_HARMONIC;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 2, 2), w, &o),
                 GOVIDX_EDOMAIN);
    /* with a floor of 0.01 the zero is raised and counted:
     * sqrt(0.4 * 0.01) = 0.063246 (hand computation) */
    o.method = GOVIDX_AGG_GEOMETRIC;
    o.floor = 0.01;
    GX_ASSERT_OK(govidx_aggregate(out, &info, govidx_matrix_view_array(z, 2, 2), w, &o));
    GX_ASSERT_CLOSE(out[0], sqrt(0.1), 1e-12);
    GX_ASSERT_CLOSE(out[1], sqrt(0.004), 1e-12);
    CU_ASSERT_EQUAL(info.n_floored, 1);
    /* a negative value without floor is a domain error too */
    z[3] = -0.1;
    o.floor = 0;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 2, 2), w, &o),
                 GOVIDX_EDOMAIN);
}

static void test_missing_children(void)
{
    /* 3 units x 3 children; unit 1 misses child 0, unit 2 misses two. */
    double z[9] = {0.2, NAN, NAN, 0.4, 0.5, NAN, 0.6, 0.8, 0.9};
    double w[3] = {0.5, 0.25, 0.25}, out[3];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_aggregate_info info = GOVIDX_AGGREGATE_INFO_INIT;
    govidx_matrix_view v = govidx_matrix_view_array(z, 3, 3);
    GX_ASSERT_OK(govidx_aggregate(out, &info, v, w, &o));
    GX_ASSERT_CLOSE(out[0], 0.1 + 0.1 + 0.15, 1e-12);
    GX_ASSERT_CLOSE(out[1], 0.5 * 0.5 + 0.5 * 0.8, 1e-12); /* weights renormalised */
    GX_ASSERT_CLOSE(out[2], 0.9, 1e-12);
    CU_ASSERT_EQUAL(info.n_missing, 0);
    /* at least 2 of 3 children */
    o.min_share = 0.6;
    GX_ASSERT_OK(govidx_aggregate(out, &info, v, w, &o));
    CU_ASSERT(isnan(out[2]));
    CU_ASSERT(!isnan(out[1]));
    CU_ASSERT_EQUAL(info.n_missing, 1);
}

static void test_topsis_e6(void)
{
    /* METHODS.md section 5, E6: MCDM::TOPSISVector documentation example,
     * d = [[6,2],[7,2.75],[10,3.5]], w = (0.5, 0.5), criterion 1 = min,
     * criterion 2 = max; closeness 0.48894, 0.61209, 0.51106 [P]. */
    double d[6] = {6, 7, 10, 2, 2.75, 3.5}, w[2] = {0.5, 0.5}, out[3];
    int dir[2] = {-1, 1};
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_TOPSIS;
    o.directions = dir;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(d, 3, 2), w, &o));
    GX_ASSERT_CLOSE(out[0], 0.48894, 1e-5);
    GX_ASSERT_CLOSE(out[1], 0.61209, 1e-5);
    GX_ASSERT_CLOSE(out[2], 0.51106, 1e-5);
    /* weights given as (1, 1) are scaled to sum 1: same closeness */
    w[0] = w[1] = 1;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(d, 3, 2), w, &o));
    GX_ASSERT_CLOSE(out[1], 0.61209, 1e-5);
    /* bad direction and negative data */
    dir[0] = 0;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(d, 3, 2), w, &o),
                 GOVIDX_EINVAL);
    dir[0] = -1;
    d[1] = -7;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(d, 3, 2), w, &o),
                 GOVIDX_EDOMAIN);
}

/* MPI / AMPI hand example: 4 units x 3 indicators, the third of negative
 * polarity.  Expected values computed independently (pure Python, population
 * SD, formulas of De Muro, Mazziotta & Pareto 2011 and Mazziotta & Pareto
 * 2016 as written in docs/methods/weights-aggregation.md). */
static const double mpi_x[12] = {10, 20, 30, 40, 200, 150, 100, 250, 5, 3, 4, 8};
static const int mpi_dir[3] = {1, 1, -1};

static void test_mpi(void)
{
    static const double pos[4] = {96.42304288426631, 100.07411799013025, 98.04372859308222,
                                  101.73840113592364};
    static const double neg[4] = {97.61410917573427, 101.09000052086827, 99.5569066924173,
                                  105.45969300757774};
    double w[3] = {1, 1, 1}, out[4];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    int i;
    o.directions = mpi_dir;
    o.method = GOVIDX_AGG_MPI;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(mpi_x, 4, 3), w, &o));
    for (i = 0; i < 4; i++)
        GX_ASSERT_CLOSE(out[i], pos[i], 1e-9);
    o.method = GOVIDX_AGG_MPI_NEGATIVE;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(mpi_x, 4, 3), w, &o));
    for (i = 0; i < 4; i++)
        GX_ASSERT_CLOSE(out[i], neg[i], 1e-9);
}

static void test_mpi_two_columns(void)
{
    /* Closed form: two units, two indicators (positive), z = 100 +- 10 per
     * column; unit 0 = (90, 110): M = 100, S = 10, MPI = 100 - 10 * 0.1 = 99;
     * unit 1 = (110, 90): the same. */
    double x[4] = {1, 3, 7, 5}, w[2] = {1, 1}, out[2];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_MPI;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o));
    GX_ASSERT_CLOSE(out[0], 99.0, 1e-12);
    GX_ASSERT_CLOSE(out[1], 99.0, 1e-12);
    /* a constant column has zero variance */
    x[2] = x[3] = 4;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o),
                 GOVIDX_ENUMERIC);
    /* ... unless its weight is 0: it takes no part, and a single child
     * standardised to 90 / 110 has S = 0, MPI = M */
    w[1] = 0;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o));
    GX_ASSERT_CLOSE(out[0], 90.0, 1e-12);
    GX_ASSERT_CLOSE(out[1], 110.0, 1e-12);
}

static void test_ampi(void)
{
    static const double pos[4] = {90.23809523809524, 98.79824561403508, 93.48858447488584,
                                  99.03703703703704};
    static const double neg[4] = {96.42857142857142, 103.86842105263158, 101.17808219178082,
                                  116.96296296296296};
    double w[3] = {1, 1, 1}, out[4];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    int i;
    o.directions = mpi_dir;
    o.method = GOVIDX_AGG_AMPI;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(mpi_x, 4, 3), w, &o));
    for (i = 0; i < 4; i++)
        GX_ASSERT_CLOSE(out[i], pos[i], 1e-9);
    o.method = GOVIDX_AGG_AMPI_NEGATIVE;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(mpi_x, 4, 3), w, &o));
    for (i = 0; i < 4; i++)
        GX_ASSERT_CLOSE(out[i], neg[i], 1e-9);
}

static void test_ampi_goalposts(void)
{
    /* Explicit goalposts Min = 0, Max = 10 on both indicators: unit (5, 5)
     * rescales to (100, 100): AMPI = 100; unit (0, 10) to (70, 130):
     * M = 100, S = 30, AMPI = 100 - 30 * 0.3 = 91 (hand computation). */
    double x[4] = {5, 0, 5, 10}, w[2] = {1, 1}, out[2];
    double lo[2] = {0, 0}, hi[2] = {10, 10};
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_AMPI;
    o.ampi_min = lo;
    o.ampi_max = hi;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o));
    GX_ASSERT_CLOSE(out[0], 100.0, 1e-12);
    GX_ASSERT_CLOSE(out[1], 91.0, 1e-12);
    /* cost polarity reflects: x = 0 maps to 130, x = 10 to 70 */
    {
        int dir[2] = {-1, -1};
        o.directions = dir;
        GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o));
        GX_ASSERT_CLOSE(out[0], 100.0, 1e-12);
        GX_ASSERT_CLOSE(out[1], 91.0, 1e-12); /* (130, 70): same balance penalty */
        o.directions = NULL;
    }
    o.ampi_max = NULL;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 2, 2), w, &o),
                 GOVIDX_EINVAL);
}

static void test_copeland(void)
{
    /* 4 units x 3 indicators, w = (0.5, 0.25, 0.25):
     *   A = (1, 5, 3), B = (2, 4, 3), C = (3, 3, 3), D = (1, 1, 1).
     * Hand count of weighted majorities: A-B: A wins 0.25 vs 0.5 -> B;
     * A-C: 0.25 vs 0.5 -> C; A-D: 0.5 vs 0 -> A; B-C: 0.25 vs 0.5 -> C;
     * B-D: B; C-D: C.  Scores A = -1, B = +1, C = +3, D = -3. */
    double x[12] = {1, 2, 3, 1, 5, 4, 3, 1, 3, 3, 3, 1}, w[3] = {0.5, 0.25, 0.25}, out[4];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_COPELAND;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, 4, 3), w, &o));
    GX_ASSERT_CLOSE(out[0], -1, 0);
    GX_ASSERT_CLOSE(out[1], 1, 0);
    GX_ASSERT_CLOSE(out[2], 3, 0);
    GX_ASSERT_CLOSE(out[3], -3, 0);
    /* equal weights on two indicators that split: a tie (0) */
    {
        double y[4] = {1, 2, 2, 1}, we[2] = {1.0 / 3, 1.0 / 3}, o2[2];
        GX_ASSERT_OK(govidx_aggregate(o2, NULL, govidx_matrix_view_array(y, 2, 2), we, &o));
        GX_ASSERT_CLOSE(o2[0], 0, 0);
        GX_ASSERT_CLOSE(o2[1], 0, 0);
    }
}

/* The vectorised Copeland equals a plain pairwise count (written here from
 * the definition) on 2,000 units x 50 indicators with ties, missing cells
 * and unequal weights: every score identical, and the scores sum to 0.
 * Its speed is measured by bench/bench_copeland, not here. */
static void test_copeland_oracle(void)
{
    size_t n = 2000, m = 50, i, j, k;
    double *x = malloc(n * m * sizeof *x), *out = malloc(n * sizeof *out), *ref = calloc(n, sizeof *ref);
    double w[50], wsum = 0, sum = 0;
    unsigned s = 12345;
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    CU_ASSERT_FATAL(x != NULL && out != NULL && ref != NULL);
    for (j = 0; j < m; j++) {
        w[j] = 1.0 + (double)(j % 3) * 0.5;
        wsum += w[j];
        for (i = 0; i < n; i++) {
            s = s * 1103515245u + 12345u;
            x[i + j * n] = (s >> 16) % 97 == 0 ? NAN : (double)((s >> 16) % 100); /* ties and ~1% missing */
        }
    }
    o.method = GOVIDX_AGG_COPELAND;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(x, n, m), w, &o));
    for (i = 0; i < n; i++)
        for (k = i + 1; k < n; k++) {
            double net = 0;
            for (j = 0; j < m; j++) {
                double a = x[i + j * n], b = x[k + j * n];
                if (a == a && b == b)
                    net += a > b ? w[j] : a < b ? -w[j] : 0;
            }
            if (net > 1e-12 * wsum)
                ref[i] += 1, ref[k] -= 1;
            else if (net < -1e-12 * wsum)
                ref[i] -= 1, ref[k] += 1;
        }
    for (i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(out[i], ref[i]);
        sum += out[i];
    }
    GX_ASSERT_CLOSE(sum, 0.0, 0);
    free(x);
    free(out);
    free(ref);
}

static void test_bad_input(void)
{
    double z[4] = {1, 2, 3, 4}, w[2] = {0.5, 0.5}, out[2];
    double wneg[2] = {-1, 2}, wzero[2] = {0, 0};
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_matrix_view v = govidx_matrix_view_array(z, 2, 2);
    GX_ASSERT_RC(govidx_aggregate(NULL, NULL, v, w, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, NULL, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, wneg, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, wzero, NULL), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 0, 2), w, NULL),
                 GOVIDX_EDIM);
    o.version = 7;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, &o), GOVIDX_EINVAL);
    o.version = GOVIDX_AGGREGATE_OPTIONS_VERSION;
    o.min_share = 2;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, &o), GOVIDX_EINVAL);
    o.min_share = 0;
    o.method = (govidx_aggregate_method)99;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, &o), GOVIDX_EINVAL);
    z[1] = INFINITY;
    GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, NULL), GOVIDX_ENUMERIC);
}

static govidx_aggregate_method oom_method;
static int oom_aggregate(void)
{
    /* 3 units x 3 children with one missing cell, positive values */
    double z[9] = {0.2, NAN, 0.7, 0.4, 0.5, 0.3, 0.6, 0.8, 0.9}, w[3] = {0.5, 0.25, 0.25}, out[3];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = oom_method;
    return govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 3, 3), w, &o);
}
static void test_oom(void)
{
    int m;
    for (m = GOVIDX_AGG_ARITHMETIC; m <= GOVIDX_AGG_COPELAND; m++) {
        oom_method = (govidx_aggregate_method)m;
        check_oom(oom_aggregate);
    }
}

static void test_method_names(void)
{
    govidx_aggregate_method m = GOVIDX_AGG_ARITHMETIC;
    int k;
    GX_ASSERT_OK(govidx_aggregate_method_from_name(&m, "mpi-negative"));
    CU_ASSERT_EQUAL(m, GOVIDX_AGG_MPI_NEGATIVE);
    for (k = GOVIDX_AGG_ARITHMETIC; k <= GOVIDX_AGG_BOD_ROBUST; k++) {
        const char *name = govidx_aggregate_method_name((govidx_aggregate_method)k);
        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        GX_ASSERT_OK(govidx_aggregate_method_from_name(&m, name));
        CU_ASSERT_EQUAL(m, k);
    }
    CU_ASSERT_PTR_NULL(govidx_aggregate_method_name((govidx_aggregate_method)14));
    GX_ASSERT_RC(govidx_aggregate_method_from_name(&m, "median"), GOVIDX_EFORMAT);
    CU_ASSERT(strstr(govidx_last_error(), "'median'") != NULL);
    /* the British spelling is an alias of the canonical US one */
    GX_ASSERT_OK(govidx_aggregate_method_from_name(&m, "generalised"));
    CU_ASSERT_EQUAL(m, GOVIDX_AGG_GENERALIZED);
    CU_ASSERT_STRING_EQUAL(govidx_aggregate_method_name(m), "generalized");
}

/* Additive scorecard: 2*1 + 3*NaN(0) + 1*4 = 6; a unit with no child is missing. */
static void test_weighted_sum(void)
{
    const double z[] = {1, NAN, NAN, NAN, 4, NAN};
    const double w[] = {2, 3, 1};
    double out[2];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_SUM;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, 2, 3), w, &o));
    GX_ASSERT_CLOSE(out[0], 6, 0);
    CU_ASSERT(isnan(out[1]));
}

/*
 * The weighted arithmetic mean is computed in blocks (units with every child
 * present summed child by child over the block; the others unit by unit),
 * and documented to give the numbers of the unit-by-unit definition to the
 * last bit: sum_j w_j z_j / sum_j w_j over the present children, both sums
 * in child order (the weights renormalised over the present children).
 * Random data with 10% missing cells, a zero weight, min_share 0.5;
 * compared with ==.
 */
static void test_arithmetic_blocks_exact(void)
{
    enum { N = 2000, M = 7 };
    static double z[N * M], out[N];
    const double w[M] = {0.3, 1.7, 0.0, 2.25, 0.1, 1.0, 0.65};
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    unsigned long long state = 99;
    size_t i, j, differ = 0, missing = 0;
    for (i = 0; i < N * M; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        double u = (double)(state >> 11) / 9007199254740992.0;
        z[i] = u < 0.1 ? NAN : 200 * u - 50;
    }
    o.min_share = 0.5;
    GX_ASSERT_OK(govidx_aggregate(out, NULL, govidx_matrix_view_array(z, N, M), w, &o));
    for (i = 0; i < N; i++) {
        double sum = 0, acc = 0, want;
        size_t present = 0;
        for (j = 0; j < M; j++)
            if (!isnan(z[i + j * N]))
                present++, sum += w[j], acc += w[j] * z[i + j * N];
        want = present > 0 && (double)present >= 0.5 * M && sum > 0 ? acc / sum : NAN;
        missing += isnan(want);
        differ += isnan(want) ? !isnan(out[i]) : out[i] != want;
    }
    CU_ASSERT_EQUAL(differ, 0);
    CU_ASSERT(missing > 0); /* the min_share rule was exercised */
}

static CU_TestInfo tests[] = {
    {"arithmetic mean in blocks equals the unit-by-unit definition exactly", test_arithmetic_blocks_exact},
    {"weighted sum (additive scorecard)", test_weighted_sum},
    {"EGDI E1", test_egdi_e1},
    {"power means", test_power_means},
    {"geometric zero", test_geometric_zero},
    {"missing children", test_missing_children},
    {"TOPSIS E6", test_topsis_e6},
    {"MPI", test_mpi},
    {"MPI closed form", test_mpi_two_columns},
    {"AMPI", test_ampi},
    {"AMPI goalposts", test_ampi_goalposts},
    {"Copeland", test_copeland},
    {"Copeland 2000 x 50 against a pairwise count", test_copeland_oracle},
    {"bad input", test_bad_input},
    {"allocation failures", test_oom},
    {"method names", test_method_names},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"aggregate", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}

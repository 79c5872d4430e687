/* tests/test_normalize.c - normalisation: every method, direction -1,
 * NaN passthrough, EGDI two-stage consistency, errors, ASEM LPI.
 * Expected values are hand computations from the formulas in
 * docs/methods/prep.md (OECD/JRC Handbook 2008 sec. 5; COINr). */
#include "gxtest.h"
#include "govidx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void norm1(const double *x, size_t n, govidx_norm_options *o, const double *want, double tol)
{
    double z[16];
    govidx_matrix_view in = govidx_matrix_view_array(x, n, 1);
    GX_ASSERT_OK(govidx_normalize(govidx_matrix_array(z, n, 1), in, o));
    for (size_t i = 0; i < n; i++) {
        if (isnan(want[i])) {
            CU_ASSERT(isnan(z[i]));
        } else {
            GX_ASSERT_CLOSE(z[i], want[i], tol);
        }
    }
}

static void test_minmax(void)
{
    const double x[] = {2, 4, 6, 10};
    const double up[] = {0, 25, 50, 100}, down[] = {100, 75, 50, 0}; /* (x-2)/8*100, (10-x)/8*100 */
    int dm = -1;
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    norm1(x, 4, &o, up, 1e-12);
    norm1(x, 4, NULL, up, 1e-12);
    o.directions = &dm;
    norm1(x, 4, &o, down, 1e-12);
    /* NaN passes through untouched */
    const double y[] = {1, NAN, 3}, wy[] = {0, NAN, 100};
    o.directions = NULL;
    norm1(y, 3, &o, wy, 1e-12);
}

static void test_goalpost(void)
{
    const double x[] = {-5, 5, 15}, L = 0, U = 10;
    const double up[] = {0, 0.5, 1}, down[] = {1, 0.5, 0}; /* clip((x-L)/(U-L)), clip((U-x)/(U-L)) */
    int dm = -1;
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.method = GOVIDX_NORM_GOALPOST;
    o.lo = 0;
    o.hi = 1;
    o.goal_lo = &L;
    o.goal_hi = &U;
    norm1(x, 3, &o, up, 1e-12);
    o.directions = &dm;
    norm1(x, 3, &o, down, 1e-12);
}

static void test_zscore(void)
{
    /* mean 5, sd(n-1) = sqrt(32/7) = 2.138089935 */
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    const double sd = sqrt(32.0 / 7.0);
    double up[8], down[8];
    for (int i = 0; i < 8; i++) {
        up[i] = (x[i] - 5) / sd;
        down[i] = -up[i];
    }
    GX_ASSERT_CLOSE(up[7], 1.870828693, 1e-9);
    int dm = -1;
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.method = GOVIDX_NORM_ZSCORE;
    norm1(x, 8, &o, up, 1e-12);
    o.directions = &dm;
    norm1(x, 8, &o, down, 1e-12);
    /* reference mean 0 and sd 2 (a base year's): x/2 */
    const double rm = 0, rs = 2, half[] = {1, 2, 2, 2, 2.5, 2.5, 3.5, 4.5};
    o.directions = NULL;
    o.ref_mean = &rm;
    o.ref_sd = &rs;
    norm1(x, 8, &o, half, 1e-12);
}

static void test_egdi_two_stage(void)
{
    /* METHODS.md E1 (UN E-Government Survey 2018): HCI for DNK AUS KOR GBR
     * CHN ERI SOM; AUS = 1 and SOM = 0 are the global max/min, so z-score
     * then min-max to [0,1] must return the published values exactly. */
    const double hci[] = {0.9472, 1.0000, 0.8743, 0.9200, 0.7088, 0.3179, 0.0000};
    double z[7], r[7];
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.method = GOVIDX_NORM_ZSCORE;
    GX_ASSERT_OK(govidx_normalize(govidx_matrix_array(z, 7, 1), govidx_matrix_view_array(hci, 7, 1), &o));
    GX_ASSERT_OK(govidx_normalize_rescale(govidx_matrix_array(r, 7, 1),
                                          govidx_matrix_view_array(z, 7, 1), 0, 1));
    for (int i = 0; i < 7; i++)
        GX_ASSERT_CLOSE(r[i], hci[i], 1e-12);
}

static void test_targets_best(void)
{
    int dm = -1;
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    const double x[] = {50, 100}, t = 200;
    const double w1[] = {0.25, 0.5}, w2[] = {4, 2}; /* x/t and t/x */
    o.method = GOVIDX_NORM_TARGET;
    o.targets = &t;
    norm1(x, 2, &o, w1, 1e-12);
    o.directions = &dm;
    norm1(x, 2, &o, w2, 1e-12);

    /* COINr dist2targ, capped: (x-min)/(t-min) with t = 10; dir -1 (max-x)/(max-t) with t = 5 */
    const double y[] = {0, 5, 10, 20}, t10 = 10, t5 = 5;
    const double w3[] = {0, 0.5, 1, 1}, w4[] = {1, 1, 10.0 / 15.0, 0};
    o.method = GOVIDX_NORM_DIST2TARG;
    o.lo = 0;
    o.hi = 1;
    o.directions = NULL;
    o.targets = &t10;
    norm1(y, 4, &o, w3, 1e-12);
    o.directions = &dm;
    o.targets = &t5;
    norm1(y, 4, &o, w4, 1e-12);

    /* distance to best: x/max; dir -1 min/x */
    const double b[] = {2, 4, 8}, w5[] = {0.25, 0.5, 1}, w6[] = {1, 0.5, 0.25};
    o.method = GOVIDX_NORM_BEST;
    o.directions = NULL;
    norm1(b, 3, &o, w5, 1e-12);
    o.directions = &dm;
    norm1(b, 3, &o, w6, 1e-12);
}

static void test_ranks_vector(void)
{
    int dm = -1;
    const double x[] = {3, 1, 3, 2, NAN};
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    /* R rank(ties.method = "min"): 3 1 3 2; descending: 1 4 1 3 */
    const double r1[] = {3, 1, 3, 2, NAN}, r2[] = {1, 4, 1, 3, NAN};
    o.method = GOVIDX_NORM_RANK;
    norm1(x, 5, &o, r1, 0);
    o.directions = &dm;
    norm1(x, 5, &o, r2, 0);
    /* percentile: average-tie ranks 3.5 1 3.5 2 -> (r-1)/(4-1)*100 */
    const double p1[] = {250.0 / 3, 0, 250.0 / 3, 100.0 / 3, NAN};
    o.method = GOVIDX_NORM_PERCENTILE;
    o.directions = NULL;
    norm1(x, 5, &o, p1, 1e-12);
    /* dir -1: descending average ranks 1.5 4 1.5 3 -> (r-1)/3*100 */
    const double p2[] = {50.0 / 3, 100, 50.0 / 3, 200.0 / 3, NAN};
    o.directions = &dm;
    norm1(x, 5, &o, p2, 1e-12);
    o.directions = NULL;
    /* standardised rank: min ranks / max rank * 100 */
    const double s1[] = {100, 100.0 / 3, 100, 200.0 / 3, NAN};
    o.method = GOVIDX_NORM_STDRANK;
    norm1(x, 5, &o, s1, 1e-12);
    /* dir -1: descending min ranks 1 4 1 3, max 4 -> r/4*100 */
    const double s2[] = {25, 100, 25, 75, NAN};
    o.directions = &dm;
    norm1(x, 5, &o, s2, 1e-12);
    o.directions = NULL;
    /* TOPSIS vector: (3,4)/5 */
    const double v[] = {3, 4}, v1[] = {0.6, 0.8}, v2[] = {-0.6, -0.8};
    o.method = GOVIDX_NORM_VECTOR;
    norm1(v, 2, &o, v1, 1e-12);
    o.directions = &dm;
    norm1(v, 2, &o, v2, 1e-12);
}

/* Two columns with leading dimensions larger than rows; per-column directions. */
static void test_matrix_layout(void)
{
    /* in: ld 3 (third row is padding), out: ld 4 */
    const double in[] = {1, 3, 99, 10, 20, 99};
    double out[8] = {0};
    const int dirs[] = {1, -1};
    govidx_matrix_view v = {in, 2, 2, 3};
    govidx_matrix m = {out, 2, 2, 4};
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.directions = dirs;
    GX_ASSERT_OK(govidx_normalize(m, v, &o));
    GX_ASSERT_CLOSE(out[0], 0, 0);
    GX_ASSERT_CLOSE(out[1], 100, 0);
    GX_ASSERT_CLOSE(out[4], 100, 0); /* 10 is the best when lower is better */
    GX_ASSERT_CLOSE(out[5], 0, 0);
    GX_ASSERT_CLOSE(out[2], 0, 0);   /* padding untouched */
    /* aliasing is refused */
    GX_ASSERT_RC(govidx_normalize(govidx_matrix_array(out, 2, 2), govidx_matrix_view_array(out, 2, 2), NULL),
                 GOVIDX_EINVAL);
}

static void test_errors(void)
{
    double z[3];
    const double c[] = {2, 2, 2}, inf[] = {1, INFINITY, 2}, na[] = {NAN, NAN, NAN};
    govidx_matrix out = govidx_matrix_array(z, 3, 1);
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    GX_ASSERT_RC(govidx_normalize(out, govidx_matrix_view_array(c, 3, 1), &o), GOVIDX_ENUMERIC);
    CU_ASSERT(strstr(govidx_last_error(), "zero variance") != NULL);
    o.constant = GOVIDX_NORM_CONSTANT_MIDPOINT;
    GX_ASSERT_OK(govidx_normalize(out, govidx_matrix_view_array(c, 3, 1), &o));
    GX_ASSERT_CLOSE(z[1], 50, 0);
    GX_ASSERT_RC(govidx_normalize(out, govidx_matrix_view_array(inf, 3, 1), &o), GOVIDX_ENUMERIC);
    GX_ASSERT_RC(govidx_normalize(out, govidx_matrix_view_array(na, 3, 1), &o), GOVIDX_EMISSING);
    int d0 = 0;
    o.directions = &d0;
    GX_ASSERT_RC(govidx_normalize(out, govidx_matrix_view_array(c, 3, 1), &o), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_normalize(govidx_matrix_array(z, 2, 1), govidx_matrix_view_array(c, 3, 1), NULL),
                 GOVIDX_EDIM);
    o.directions = NULL;
    o.method = GOVIDX_NORM_GOALPOST; /* goalposts missing */
    GX_ASSERT_RC(govidx_normalize(out, govidx_matrix_view_array(c, 3, 1), &o), GOVIDX_EINVAL);
}

static void test_summary(void)
{
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9, NAN, NAN};
    govidx_indicator_stats s;
    GX_ASSERT_OK(govidx_normalize_indicator_summary(&s, govidx_matrix_view_array(x, 10, 1), NULL));
    CU_ASSERT_EQUAL(s.n, 8);
    GX_ASSERT_CLOSE(s.missing, 0.2, 1e-15);
    GX_ASSERT_CLOSE(s.mean, 5, 1e-12);
    GX_ASSERT_CLOSE(s.sd, sqrt(32.0 / 7.0), 1e-12);
    /* Excel SKEW/KURT (G1, excess G2) of 2 4 4 4 5 5 7 9: independent Python computation */
    GX_ASSERT_CLOSE(s.skew, 0.8184875533567997, 1e-12);
    GX_ASSERT_CLOSE(s.kurt, 0.9406249999999998, 1e-12);
    GX_ASSERT_CLOSE(s.min, 2, 0);
    GX_ASSERT_CLOSE(s.max, 9, 0);
}

/* ASEM (COINr example data): min-max 0-100 of LPI must give 0 and 100 at
 * the units holding the column min and max. */
static void test_asem_lpi(void)
{
    char path[1024], line[8192];
    FILE *f = fopen(gx_srcpath(path, sizeof path, "datasets/asem/source/iData.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int col = -1, ncol = 0;
    if (fgets(line, sizeof line, f)) {
        for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"), ncol++) {
            if (*tok == '"')
                tok++;
            if (strncmp(tok, "LPI", 3) == 0 && (tok[3] == 0 || tok[3] == '"'))
                col = ncol;
        }
    }
    CU_ASSERT_FATAL(col >= 0);
    double v[128], z[128];
    size_t n = 0;
    while (n < 128 && fgets(line, sizeof line, f)) {
        /* fields may be empty: split on commas by hand */
        char *p = line;
        for (int k = 0; k < col && p; k++) {
            p = strchr(p, ',');
            if (p)
                p++;
        }
        char *end = p;
        double d = p ? strtod(p, &end) : 0;
        v[n++] = (p && end != p) ? d : NAN; /* empty or NA -> missing */
    }
    fclose(f);
    CU_ASSERT_FATAL(n > 10);
    size_t imin = 0, imax = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            continue;
        if (isnan(v[imin]) || v[i] < v[imin])
            imin = i;
        if (isnan(v[imax]) || v[i] > v[imax])
            imax = i;
    }
    /* iData.csv: LPI min LAO 2.067254, max DEU 4.225967 (51 units) */
    CU_ASSERT_EQUAL(n, 51);
    GX_ASSERT_CLOSE(v[imin], 2.067254, 1e-9);
    GX_ASSERT_CLOSE(v[imax], 4.225967, 1e-9);
    GX_ASSERT_OK(govidx_normalize(govidx_matrix_array(z, n, 1), govidx_matrix_view_array(v, n, 1), NULL));
    GX_ASSERT_CLOSE(z[imin], 0, 1e-12);
    GX_ASSERT_CLOSE(z[imax], 100, 1e-12);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT(isnan(v[i]) ? isnan(z[i]) : (z[i] >= 0 && z[i] <= 100));
}

static CU_TestInfo tests[] = {
    {"minmax", test_minmax},       {"goalpost", test_goalpost},         {"zscore", test_zscore},
    {"egdi two-stage", test_egdi_two_stage}, {"targets and best", test_targets_best},
    {"ranks and vector", test_ranks_vector}, {"errors", test_errors}, {"layout", test_matrix_layout}, {"summary", test_summary},
    {"asem lpi", test_asem_lpi},   CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"normalize", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
int main(void) { return gx_run(suites); }

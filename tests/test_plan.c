/* tests/test_plan.c - plan / execute on hand-computed examples. */
#include "govidx.h"
#include "gxtest.h"
#include "gxoom.h"

/*
 * 4 units, 3 indicators in 2 years.  Tree: A = {x1 (w 1), x2 (w 1)},
 * Index = {A (w 3), x3 (w 1)}; x2 has direction -1.
 * Year 1 raw:  x1 = 0, 5, 10, NaN; x2 = 1, 2, 3, 4; x3 = 10, 20, 30, 40.
 * Min-max 0-100 per year: x1 -> 0, 50, 100, NaN; x2 (reversed) -> 100, 66.67,
 * 33.33, 0; x3 -> 0, 33.33, 66.67, 100.
 * A = mean of present children: 50, 58.33, 66.67, 0 (unit 4 has only x2).
 * Index = (3 A + x3) / 4: 37.5, 52.083, 66.667, 25.
 */
static const double year1[] = {0, 5, 10, NAN, 1, 2, 3, 4, 10, 20, 30, 40};
static const double year2[] = {1, 1, 2, 4, 4, 3, 2, 1, 5, 5, 5, 6};

static govidx_framework *tree(void)
{
    govidx_framework *fw = NULL;
    CU_ASSERT_FATAL(govidx_framework_new(&fw) == 0);
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x1", "A", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x2", "A", 1, -1, 1));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x3", "Index", 1, 1, 2));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "A", "Index", 3));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Index", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    return fw;
}

static void make_panel(govidx_panel *p, govidx_matrix_view *v)
{
    static const int years[] = {2021, 2022};
    static const char *codes[] = {"u1", "u2", "u3", "u4"};
    govidx_panel init = GOVIDX_PANEL_INIT;
    v[0] = govidx_matrix_view_array(year1, 4, 3);
    v[1] = govidx_matrix_view_array(year2, 4, 3);
    *p = init;
    p->n_years = 2;
    p->years = v;
    p->year_labels = years;
    p->unit_codes = codes;
}

static size_t node(const govidx_plan *plan, const char *code)
{
    size_t k = 0;
    GX_ASSERT_OK(govidx_framework_find(&k, govidx_plan_framework(plan), code));
    return k;
}

static void test_default_pipeline(void)
{
    govidx_framework *fw = tree();
    govidx_panel panel;
    govidx_matrix_view v[2];
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    size_t ix, a, x1, x2;
    make_panel(&panel, v);
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    govidx_framework_free(fw); /* the plan keeps its own copy */
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    ix = node(plan, "Index");
    a = node(plan, "A");
    x1 = node(plan, "x1");
    x2 = node(plan, "x2");
    CU_ASSERT_EQUAL(govidx_result_n_nodes(res), 5);
    CU_ASSERT_EQUAL(govidx_result_year(res, 1), 2022);
    CU_ASSERT_STRING_EQUAL(govidx_result_unit_code(res, 3), "u4");
    /* normalised leaves */
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, x1), 50, 1e-12);
    CU_ASSERT(isnan(govidx_result_score(res, 3, 0, x1)));
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, x2), 200.0 / 3, 1e-12);
    /* aggregates skip missing children and renormalise */
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, a), 50, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, a), 175.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 3, 0, a), 0, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, ix), 37.5, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, ix), (3 * 175.0 / 3 + 100.0 / 3) / 4, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 2, 0, ix), 200.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 3, 0, ix), 25, 1e-12);
    /* competition ranks, highest first */
    CU_ASSERT_EQUAL(govidx_result_rank(res, 2, 0, ix), 1);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 1, 0, ix), 2);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 0, 0, ix), 3);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 3, 0, ix), 4);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 3, 0, x1), 0); /* missing: unranked */
    /* year 2: x3 = 5,5,5,6 -> 0,0,0,100; ties share rank 2 */
    CU_ASSERT_EQUAL(govidx_result_rank(res, 0, 1, node(plan, "x3")), 2);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 2, 1, node(plan, "x3")), 2);
    /* contributions: effective weight x z / score (x1: 3/4 * 1/2) */
    GX_ASSERT_CLOSE(govidx_result_contribution(res, 2, 0, x1), 0.375 * 100 / (200.0 / 3), 1e-12);
    /* nominal weights as frozen in the plan */
    GX_ASSERT_CLOSE(govidx_plan_weight(plan, a, 0), 0.75, 1e-15);
    CU_ASSERT(isnan(govidx_plan_weight(plan, ix, 0)));
    govidx_result_free(res);
    govidx_plan_free(plan);
}

static void test_geometric_zero_policy(void)
{
    govidx_framework *fw = tree();
    govidx_method *m = NULL;
    govidx_panel panel;
    govidx_matrix_view v[2];
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    make_panel(&panel, v);
    GX_ASSERT_OK(govidx_method_new(&m));
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.method", "geometric"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    /* min-max produces zeros: without a floor the geometric mean refuses them */
    GX_ASSERT_RC(govidx_execute(&res, plan, &panel), GOVIDX_EDOMAIN);
    CU_ASSERT_PTR_NULL(res);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "node 'A'"));
    govidx_plan_free(plan);
    /* with the documented floor it computes: A(u1) = sqrt(max(0,1) * 100) */
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.floor", "1"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, node(plan, "A")), 10, 1e-12);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
}

static void test_bad_input(void)
{
    govidx_framework *fw = tree(), *unsealed = NULL;
    govidx_panel panel;
    govidx_matrix_view v[2];
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    double bad[12];
    make_panel(&panel, v);
    /* a view narrower than the columns the tree reads */
    v[1] = govidx_matrix_view_array(year2, 4, 2);
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, NULL, &panel), GOVIDX_EDIM);
    v[0] = govidx_matrix_view_array(year1, 4, 2);
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, NULL, &panel), GOVIDX_EDIM);
    CU_ASSERT_PTR_NULL(plan);
    /* Inf in the data names the indicator and year */
    make_panel(&panel, v);
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    memcpy(bad, year1, sizeof bad);
    bad[9] = INFINITY;
    v[0] = govidx_matrix_view_array(bad, 4, 3);
    GX_ASSERT_RC(govidx_execute(&res, plan, &panel), GOVIDX_ENUMERIC);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "x3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "2021"));
    govidx_plan_free(plan);
    /* unsealed framework */
    GX_ASSERT_OK(govidx_framework_new(&unsealed));
    GX_ASSERT_OK(govidx_framework_add_indicator(unsealed, "x1", NULL, 1, 1, 0));
    make_panel(&panel, v);
    GX_ASSERT_RC(govidx_plan_new(&plan, unsealed, NULL, &panel), GOVIDX_EINVAL);
    govidx_framework_free(unsealed);
    GX_ASSERT_RC(govidx_plan_new(&plan, NULL, NULL, &panel), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, NULL, NULL), GOVIDX_EINVAL);
    govidx_framework_free(fw);
    govidx_plan_free(NULL);
    govidx_result_free(NULL);
}

static void test_csv(void)
{
    govidx_framework *fw = tree();
    govidx_panel panel;
    govidx_matrix_view v[2];
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    char path[512], line[256];
    FILE *f;
    size_t rows = 0;
    make_panel(&panel, v);
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    gx_buildpath(path, sizeof path, "tests/test_plan.out.csv");
    GX_ASSERT_OK(govidx_result_write_csv(res, path));
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_STRING_EQUAL(line, "unit,year,node,score,rank\n");
    while (fgets(line, sizeof line, f))
        rows++;
    fclose(f);
    CU_ASSERT_EQUAL(rows, 4 * 2 * 5); /* units x years x nodes */
    GX_ASSERT_RC(govidx_result_write_csv(res, "/nonexistent-dir/x.csv"), GOVIDX_EIO);
    remove(path);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
}

/*
 * Benefit of the doubt (Cherchye et al. 2007) at a node, by hand: children
 * (100, 0), (0, 100), (40, 40).  Units 1 and 2 are on the frontier (CI 1);
 * unit 3: max 40 w1 + 40 w2 s.t. 100 w1 <= 1, 100 w2 <= 1, 40 w1 + 40 w2
 * <= 1 -> w = (0.01, 0.01), CI = 0.8, scored 100 x CI = 80.
 */
static void test_bod_node(void)
{
    static const double z[] = {100, 0, 40, 0, 100, 40};
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_matrix_view v = govidx_matrix_view_array(z, 3, 2);
    size_t k;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "a", "B", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "b", "B", 1, 1, 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "B", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"normalize\": \"none\", \"aggregate\": \"bod\"}"));
    panel.n_years = 1;
    panel.years = &v;
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "B"));
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, k), 100, 1e-9);
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, k), 100, 1e-9);
    GX_ASSERT_CLOSE(govidx_result_score(res, 2, 0, k), 80, 1e-7);
    govidx_result_free(res);
    govidx_plan_free(plan);
    /* a share restriction that unit 1 cannot meet (its b is 0): named, not a silent 0 */
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.bod_share_min", "0.2"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_RC(govidx_execute(&res, plan, &panel), GOVIDX_EINFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "unit '1'"));
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
}

/* Every allocation of plan + execute + CSV export can fail cleanly. */
/*
 * govidx_execute_into recomputes an existing result: after the data change
 * its scores and ranks are those of a fresh execute (ranks are derived on
 * first use, so they must not be the old ones); a result of another plan or
 * panel is refused untouched; a failure leaves every cell missing.
 */
static void test_execute_into(void)
{
    static double y1b[12];
    govidx_framework *fw = tree();
    govidx_method *m = NULL;
    govidx_panel panel, panel_b;
    govidx_matrix_view v[2], vb[2];
    govidx_plan *plan = NULL, *plan_geo = NULL;
    govidx_result *res = NULL, *fresh = NULL;
    size_t ix, u, y, k, differ = 0;
    int other_years[] = {2020, 2022};
    make_panel(&panel, v);
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    ix = node(plan, "Index");
    CU_ASSERT_EQUAL(govidx_result_rank(res, 2, 0, ix), 1); /* ranks computed now, for the old data */
    /* new data: x3 reversed in year 1, so the index order changes */
    memcpy(y1b, year1, sizeof y1b);
    for (u = 0; u < 4; u++)
        y1b[8 + u] = year1[8 + 3 - u];
    panel_b = panel;
    vb[0] = govidx_matrix_view_array(y1b, 4, 3);
    vb[1] = v[1];
    panel_b.years = vb;
    GX_ASSERT_OK(govidx_execute_into(res, plan, &panel_b));
    GX_ASSERT_OK(govidx_execute(&fresh, plan, &panel_b));
    for (y = 0; y < 2; y++)
        for (k = 0; k < 5; k++)
            for (u = 0; u < 4; u++) {
                double a = govidx_result_score(res, u, y, k), b = govidx_result_score(fresh, u, y, k);
                differ += !(a == b || (isnan(a) && isnan(b)));
                differ += govidx_result_rank(res, u, y, k) != govidx_result_rank(fresh, u, y, k);
            }
    CU_ASSERT_EQUAL(differ, 0);
    /* Index year 1 with x3 = 40,30,20,10 -> 100,66.7,33.3,0: (3 A + x3) / 4
     * = 62.5, 60.4, 58.3, 0, so u3 falls from first to third */
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, ix), (3 * 50 + 100) / 4.0, 1e-12);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 0, 0, ix), 1);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 1, 0, ix), 2);
    CU_ASSERT_EQUAL(govidx_result_rank(res, 2, 0, ix), 3);
    /* refused: another method, other year labels; the result is untouched */
    CU_ASSERT_FATAL(govidx_method_new(&m) == 0);
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.method", "geometric"));
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.floor", "1"));
    GX_ASSERT_OK(govidx_plan_new(&plan_geo, fw, m, &panel));
    GX_ASSERT_RC(govidx_execute_into(res, plan_geo, &panel), GOVIDX_EINVAL);
    panel_b.year_labels = other_years;
    GX_ASSERT_RC(govidx_execute_into(res, plan, &panel_b), GOVIDX_EDIM);
    GX_ASSERT_CLOSE(govidx_result_score(res, 0, 0, ix), (3 * 50 + 100) / 4.0, 1e-12);
    /* a failure while computing: no half-old, half-new result */
    panel_b.year_labels = panel.year_labels;
    y1b[4] = INFINITY;
    GX_ASSERT_RC(govidx_execute_into(res, plan, &panel_b), GOVIDX_ENUMERIC);
    for (y = 0, differ = 0; y < 2; y++)
        for (k = 0; k < 5; k++)
            for (u = 0; u < 4; u++)
                differ += !isnan(govidx_result_score(res, u, y, k)) || govidx_result_rank(res, u, y, k) != 0;
    CU_ASSERT_EQUAL(differ, 0);
    CU_ASSERT_EQUAL(govidx_execute_into(res, NULL, &panel), GOVIDX_EINVAL);
    govidx_result_free(res);
    govidx_result_free(fresh);
    govidx_plan_free(plan);
    govidx_plan_free(plan_geo);
    govidx_method_free(m);
    govidx_framework_free(fw);
}

/* The node of a result with this code (SIZE_MAX when none). */
static size_t node_of(const govidx_result *r, const char *code)
{
    size_t k;
    for (k = 0; k < govidx_result_n_nodes(r); k++)
        if (!strcmp(govidx_result_node_code(r, k), code))
            return k;
    return SIZE_MAX;
}

/* Cells of two plans' results over one panel that differ (NaN equals NaN;
 * otherwise ==, to the last bit); *n_nan counts the first result's NaN. */
static size_t differing_cells(const govidx_framework *fw, const govidx_panel *panel, const govidx_method *m1,
                              const govidx_method *m2, size_t *n_nan)
{
    govidx_plan *p1 = NULL, *p2 = NULL;
    govidx_result *r1 = NULL, *r2 = NULL;
    size_t y, k, u, differ = 0;
    GX_ASSERT_OK(govidx_plan_new(&p1, fw, m1, panel));
    GX_ASSERT_OK(govidx_plan_new(&p2, fw, m2, panel));
    GX_ASSERT_OK(govidx_execute(&r1, p1, panel));
    GX_ASSERT_OK(govidx_execute(&r2, p2, panel));
    *n_nan = 0;
    for (y = 0; r1 && r2 && y < panel->n_years; y++)
        for (k = 0; k < govidx_result_n_nodes(r1); k++)
            for (u = 0; u < govidx_result_n_units(r1); u++) {
                double a = govidx_result_score(r1, u, y, k), b = govidx_result_score(r2, u, y, k);
                differ += !(a == b || (isnan(a) && isnan(b)));
                *n_nan += isnan(a);
            }
    govidx_result_free(r1);
    govidx_result_free(r2);
    govidx_plan_free(p1);
    govidx_plan_free(p2);
    return differ;
}

/*
 * The common leaf (min-max, no imputation or treatment) takes a fused
 * one-read path; any other leaf the general path through govidx_normalize.
 * With no missing values, mean imputation changes nothing but forces the
 * general path: every score must be the same to the last bit.  The fused
 * pillars and the streamed index (arithmetic means summed as each child is
 * done) are compared with the same means through the general aggregation
 * (generalised mean, p = 1), with no missing cells, with missing cells, and
 * with a data-availability threshold.  N is odd, so the vector loops'
 * remainders are covered too.
 */
static void test_fast_path_exact(void)
{
    enum { N = 301, M = 12 };
    static double d[2][N * M];
    govidx_framework *fw = NULL;
    govidx_method *m_impute = NULL, *m_share = NULL, *m_gen = NULL, *m_gen_share = NULL;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_matrix_view v[2];
    govidx_result *res = NULL;
    govidx_plan *plan = NULL;
    unsigned long long state = 5;
    size_t i, j, y, n_nan, n_nan_share, n_nan_empty;
    char code[16], parent[16];
    for (y = 0; y < 2; y++) {
        for (i = 0; i < N * M; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            d[y][i] = (double)(state >> 11) / 9007199254740992.0 * 1e3 - 300;
        }
        v[y] = govidx_matrix_view_array(d[y], N, M);
    }
    panel.n_years = 2;
    panel.years = v;
    CU_ASSERT_FATAL(govidx_framework_new(&fw) == 0);
    for (j = 0; j < M; j++) {
        snprintf(code, sizeof code, "i%zu", j);
        snprintf(parent, sizeof parent, "P%zu", j % 3); /* children not contiguous */
        GX_ASSERT_OK(govidx_framework_add_indicator(fw, code, parent, 1 + (double)(j % 4), j % 5 ? 1 : -1, j));
    }
    for (j = 0; j < 3; j++) {
        snprintf(code, sizeof code, "P%zu", j);
        GX_ASSERT_OK(govidx_framework_add_aggregate(fw, code, "Index", 1 + (double)j));
    }
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Index", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    CU_ASSERT_FATAL(govidx_method_new(&m_impute) == 0);
    GX_ASSERT_OK(govidx_method_set(m_impute, "impute.method", "mean"));
    CU_ASSERT_FATAL(govidx_method_new(&m_share) == 0);
    GX_ASSERT_OK(govidx_method_set(m_share, "aggregate.min_share", "0.75"));
    CU_ASSERT_FATAL(govidx_method_new(&m_gen) == 0);
    GX_ASSERT_OK(govidx_method_set(m_gen, "aggregate.method", "generalised"));
    GX_ASSERT_OK(govidx_method_set(m_gen, "aggregate.p", "1"));
    CU_ASSERT_FATAL(govidx_method_new(&m_gen_share) == 0);
    GX_ASSERT_OK(govidx_method_set(m_gen_share, "aggregate.method", "generalised"));
    GX_ASSERT_OK(govidx_method_set(m_gen_share, "aggregate.p", "1"));
    GX_ASSERT_OK(govidx_method_set(m_gen_share, "aggregate.min_share", "0.75"));

    CU_ASSERT_EQUAL(differing_cells(fw, &panel, NULL, m_impute, &n_nan), 0);
    CU_ASSERT_EQUAL(n_nan, 0);
    CU_ASSERT_EQUAL(differing_cells(fw, &panel, NULL, m_gen, &n_nan), 0);

    /* 5% missing cells; unit 7 misses every child of P0 in year 0 (columns
     * 0, 3, 6, 9), unit 8 half of P1's (columns 1 and 4) */
    for (y = 0; y < 2; y++)
        for (i = 0; i < N * M; i += 19)
            d[y][i] = NAN;
    for (j = 0; j < M; j += 3)
        d[0][7 + j * N] = NAN;
    d[0][8 + 1 * N] = d[0][8 + 4 * N] = NAN;
    CU_ASSERT_EQUAL(differing_cells(fw, &panel, NULL, m_gen, &n_nan), 0);
    CU_ASSERT_EQUAL(differing_cells(fw, &panel, m_share, m_gen_share, &n_nan_share), 0);
    /* P1's first column (its range is found ahead, by P0's last pass)
     * empty in year 1: P1 takes the general path that year, which skips
     * the indicator; constant: both paths refuse it */
    for (i = 0; i < N; i++)
        d[1][i + 1 * N] = NAN;
    CU_ASSERT_EQUAL(differing_cells(fw, &panel, NULL, m_gen, &n_nan_empty), 0);
    CU_ASSERT(n_nan_empty > n_nan); /* the empty indicator */
    for (i = 0; i < N; i++)
        d[1][i + 1 * N] = 7;
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    CU_ASSERT_EQUAL(govidx_execute(&res, plan, &panel), GOVIDX_ENUMERIC);
    CU_ASSERT_PTR_NULL(res);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "year 2: indicator 'i1' has zero variance"));
    govidx_plan_free(plan);
    plan = NULL;
    for (i = 0; i < N; i++)
        d[1][i + 1 * N] = 100 + (double)i;
    CU_ASSERT(n_nan_share > n_nan); /* the threshold removed some aggregates */
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m_share, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    if (res) {
        CU_ASSERT(isnan(govidx_result_score(res, 0, 0, 0)));                                    /* i0 */
        CU_ASSERT(isnan(govidx_result_score(res, 7, 0, node_of(res, "P0")))); /* none */
        CU_ASSERT(isnan(govidx_result_score(res, 8, 0, node_of(res, "P1")))); /* 2 of 4 */
        CU_ASSERT(!isnan(govidx_result_score(res, 8, 1, node_of(res, "P1"))));
    }
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m_impute);
    govidx_method_free(m_share);
    govidx_method_free(m_gen);
    govidx_method_free(m_gen_share);
    govidx_framework_free(fw);
}

static int plan_and_execute(void)
{
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_panel panel;
    govidx_matrix_view v[2];
    int rc;
    make_panel(&panel, v);
    rc = govidx_framework_new(&fw);
    if (!rc) rc = govidx_framework_add_indicator(fw, "x1", "A", 1, 1, 0);
    if (!rc) rc = govidx_framework_add_indicator(fw, "x2", "A", 1, -1, 1);
    if (!rc) rc = govidx_framework_add_indicator(fw, "x3", "Index", 1, 1, 2);
    if (!rc) rc = govidx_framework_add_aggregate(fw, "A", "Index", 3);
    if (!rc) rc = govidx_framework_add_aggregate(fw, "Index", NULL, 1);
    if (!rc) rc = govidx_framework_seal(fw);
    if (!rc) rc = govidx_method_new(&m);
    if (!rc) rc = govidx_method_set(m, "weights.method", "entropy");
    if (!rc) rc = govidx_plan_new(&plan, fw, m, &panel);
    if (!rc) rc = govidx_execute(&res, plan, &panel);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
    return rc;
}

static void test_allocation_failures(void)
{
    check_oom(plan_and_execute);
}

/* The spec is checked against the framework: a node it does not have, or a
 * key that does not apply to the node's type, is GOVIDX_EFORMAT naming both;
 * a valid spec with per-node overrides still gives the same numbers. */
static void test_spec_checked_against_framework(void)
{
    govidx_framework *fw = tree();
    govidx_panel panel;
    govidx_matrix_view v[2];
    govidx_plan *plan = NULL, *def = NULL;
    govidx_result *res = NULL, *res_def = NULL;
    govidx_method *m = NULL;
    size_t k, n;
    make_panel(&panel, v);

    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"nodes\": {\"O9\": {\"aggregate\": \"geometric\"}}}"));
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, m, &panel), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: node 'O9' is not in the framework");
    CU_ASSERT_PTR_NULL(plan);
    govidx_method_free(m);

    GX_ASSERT_OK(govidx_method_new(&m));
    GX_ASSERT_OK(govidx_method_set_node(m, "x1", "aggregate.method", "geometric"));
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, m, &panel), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'aggregate.method' does not apply to indicator 'x1'");
    govidx_method_free(m);

    GX_ASSERT_OK(govidx_method_new(&m));
    GX_ASSERT_OK(govidx_method_set_node(m, "A", "normalize.method", "rank"));
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, m, &panel), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'normalize.method' does not apply to aggregate 'A'");
    govidx_method_free(m);

    GX_ASSERT_OK(govidx_method_new(&m));
    GX_ASSERT_OK(govidx_method_set_node(m, "Index", "treat.winmax", "3"));
    GX_ASSERT_RC(govidx_plan_new(&plan, fw, m, &panel), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'treat.winmax' does not apply to aggregate 'Index'");
    govidx_method_free(m);

    /* the defaults spelled out per node: same plan, same numbers */
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"nodes\": {\"x1\": {\"normalize\": \"minmax\", \"treat\": \"none\"},"
                                             " \"A\": {\"aggregate\": \"arithmetic\", \"weights\": \"nominal\"}}}"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_plan_new(&def, fw, NULL, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));
    GX_ASSERT_OK(govidx_execute(&res_def, def, &panel));
    n = govidx_result_n_nodes(res);
    for (k = 0; k < n; k++) {
        size_t u, y;
        for (u = 0; u < 4; u++)
            for (y = 0; y < 2; y++) {
                double a = govidx_result_score(res, u, y, k), b = govidx_result_score(res_def, u, y, k);
                CU_ASSERT(a == b || (isnan(a) && isnan(b)));
            }
    }
    GX_ASSERT_CLOSE(govidx_result_score(res, 1, 0, node(plan, "Index")), (3 * 175.0 / 3 + 100.0 / 3) / 4, 1e-12);
    /* one ownership rule: both texts are borrowed, and they agree */
    CU_ASSERT_PTR_NOT_NULL_FATAL(govidx_plan_method_json(plan));
    CU_ASSERT_STRING_EQUAL(govidx_plan_method_json(plan), govidx_result_method_json(res));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_plan_method_json(plan), "\"x1\""));
    CU_ASSERT_PTR_NULL(govidx_plan_method_json(NULL));
    govidx_result_free(res);
    govidx_result_free(res_def);
    govidx_plan_free(plan);
    govidx_plan_free(def);
    govidx_method_free(m);
    govidx_framework_free(fw);
}

static CU_TestInfo tests[] = {
    {"allocation failures in framework, method, plan and execute", test_allocation_failures},
    {"benefit of the doubt at a node", test_bod_node},
    {"default pipeline: min-max 0-100, arithmetic, skip missing", test_default_pipeline},
    {"geometric mean: zeros refused unless floored", test_geometric_zero_policy},
    {"bad shapes, Inf, unsealed trees", test_bad_input},
    {"long CSV output", test_csv},
    {"execute_into: recompute in place, refuse a foreign result, no half results", test_execute_into},
    {"fast leaf path equals the general path exactly", test_fast_path_exact},
    {"spec checked against the framework; method JSON borrowed", test_spec_checked_against_framework},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"plan", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

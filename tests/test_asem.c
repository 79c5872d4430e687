/*
 * tests/test_asem.c - the whole composite pipeline on COINr's ASEM example
 * (datasets/asem/source/iData.csv, iMeta.csv; MIT, COINr package).
 *
 * Definition checked (COINr's documented normalise + aggregate steps, with
 * no denomination, imputation or treatment): each indicator is min-max
 * normalised to 0-100 with its direction, over the 51 units; every
 * aggregate of the 4-level tree is the weighted arithmetic mean of its
 * present children with the iMeta weights.  The test recomputes that
 * definition independently with plain loops and compares every node of
 * every unit with govidx_plan_new + govidx_execute to 1e-12.
 */
#include "govidx.h"
#include "gxtest.h"
#include "csvfix.h"

#define MAXN 128

static void test_asem_default_pipeline(void)
{
    char p1[1024], p2[1024];
    csvfix *data = csvfix_load(gx_srcpath(p1, sizeof p1, "datasets/asem/source/iData.csv"), ',');
    csvfix *meta = csvfix_load(gx_srcpath(p2, sizeof p2, "datasets/asem/source/iMeta.csv"), ',');
    size_t n_units, r, c, i, n_nodes = 0, n_ind = 0, col_code, col_par, col_w, col_dir, col_type;
    size_t data_col[MAXN];
    const char *code[MAXN], *par[MAXN];
    int is_ind[MAXN], dir[MAXN];
    double w[MAXN], *x, *mine, *done;
    govidx_framework *fw = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_matrix_view view;
    const char *units[64];
    int pass, year = 2018;

    CU_ASSERT_FATAL(data && meta);
    n_units = data->n_rows - 1;
    CU_ASSERT_EQUAL(n_units, 51);
    col_code = csvfix_col(meta, "iCode");
    col_par = csvfix_col(meta, "Parent");
    col_w = csvfix_col(meta, "Weight");
    col_dir = csvfix_col(meta, "Direction");
    col_type = csvfix_col(meta, "Type");
    for (r = 1; r < meta->n_rows; r++) {
        const char *type = meta->rows[r][col_type];
        if (strcmp(type, "Indicator") && strcmp(type, "Aggregate"))
            continue;
        code[n_nodes] = meta->rows[r][col_code];
        par[n_nodes] = strcmp(meta->rows[r][col_par], "NA") ? meta->rows[r][col_par] : NULL;
        w[n_nodes] = csvfix_num(meta, r, col_w);
        is_ind[n_nodes] = !strcmp(type, "Indicator");
        dir[n_nodes] = is_ind[n_nodes] ? (int)csvfix_num(meta, r, col_dir) : 0;
        if (is_ind[n_nodes]) {
            data_col[n_nodes] = csvfix_col(data, code[n_nodes]);
            CU_ASSERT_FATAL(data_col[n_nodes] != (size_t)-1);
            n_ind++;
        }
        n_nodes++;
    }
    CU_ASSERT_EQUAL(n_ind, 49);
    CU_ASSERT_EQUAL(n_nodes, 60);

    /* the panel: units x indicators in iMeta order (column = indicator number) */
    x = malloc(n_units * n_ind * sizeof *x);
    GX_ASSERT_OK(govidx_framework_new(&fw));
    for (i = 0, c = 0; i < n_nodes; i++) {
        if (is_ind[i]) {
            for (r = 0; r < n_units; r++)
                x[r + c * n_units] = csvfix_num(data, r + 1, data_col[i]);
            GX_ASSERT_OK(govidx_framework_add_indicator(fw, code[i], par[i], w[i], dir[i], c));
            c++;
        } else {
            GX_ASSERT_OK(govidx_framework_add_aggregate(fw, code[i], par[i], w[i]));
        }
    }
    GX_ASSERT_OK(govidx_framework_seal(fw));
    for (r = 0; r < n_units; r++)
        units[r] = data->rows[r + 1][csvfix_col(data, "uCode")];
    view = govidx_matrix_view_array(x, n_units, n_ind);
    panel.n_years = 1;
    panel.years = &view;
    panel.year_labels = &year;
    panel.unit_codes = units;
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    GX_ASSERT_OK(govidx_execute(&res, plan, &panel));

    /* independent computation: normalise, then repeat mean-of-children passes
     * until every node is computed (the tree is 4 levels deep) */
    mine = malloc(n_units * n_nodes * sizeof *mine);
    done = calloc(n_nodes, sizeof *done);
    for (i = 0, c = 0; i < n_nodes; i++) {
        double lo = INFINITY, hi = -INFINITY;
        if (!is_ind[i])
            continue;
        for (r = 0; r < n_units; r++) {
            double v = x[r + c * n_units];
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        for (r = 0; r < n_units; r++) {
            double v = x[r + c * n_units];
            mine[r + i * n_units] = dir[i] > 0 ? 100 * (v - lo) / (hi - lo) : 100 * (hi - v) / (hi - lo);
        }
        done[i] = 1;
        c++;
    }
    for (pass = 0; pass < 4; pass++)
        for (i = 0; i < n_nodes; i++) {
            size_t k;
            int ready = 1;
            if (done[i])
                continue;
            for (k = 0; k < n_nodes; k++)
                if (par[k] && !strcmp(par[k], code[i]) && !done[k])
                    ready = 0;
            if (!ready)
                continue;
            for (r = 0; r < n_units; r++) {
                double s = 0, ws = 0;
                for (k = 0; k < n_nodes; k++)
                    if (par[k] && !strcmp(par[k], code[i]) && !isnan(mine[r + k * n_units])) {
                        s += w[k] * mine[r + k * n_units];
                        ws += w[k];
                    }
                mine[r + i * n_units] = ws > 0 ? s / ws : NAN;
            }
            done[i] = 1;
        }
    for (i = 0; i < n_nodes; i++) {
        size_t k, worst_unit = 0;
        double worst = 0;
        CU_ASSERT(done[i]);
        GX_ASSERT_OK(govidx_framework_find(&k, govidx_plan_framework(plan), code[i]));
        for (r = 0; r < n_units; r++) {
            double a = govidx_result_score(res, r, 0, k), b = mine[r + i * n_units];
            double d = (isnan(a) && isnan(b)) ? 0 : fabs(a - b);
            if (!(d <= worst)) {
                worst = d;
                worst_unit = r;
            }
        }
        if (!(worst <= 1e-12))
            fprintf(stderr, "  node %s unit %zu differs by %g\n", code[i], worst_unit, worst);
        CU_ASSERT(worst <= 1e-12);
    }
    /* spot values of the independent computation, for the record */
    {
        size_t k;
        GX_ASSERT_OK(govidx_framework_find(&k, govidx_plan_framework(plan), "Index"));
        CU_ASSERT_EQUAL(govidx_framework_level(govidx_plan_framework(plan), k), 4);
        CU_ASSERT(govidx_result_rank(res, 0, 0, k) >= 1 && govidx_result_rank(res, 0, 0, k) <= 51);
    }
    free(x);
    free(mine);
    free(done);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
    csvfix_free(data);
    csvfix_free(meta);
}

static CU_TestInfo tests[] = {
    {"ASEM: min-max 0-100 + weighted arithmetic over the 4-level tree", test_asem_default_pipeline},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"asem", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

/*
 * Tests of the openness framework O1-O5 (METHODS.md 1.3) computed with the
 * composite engine (govidx_openness_compute).  Expected values are worked
 * out here from the definitions: goalpost normalisation
 * 100 (x - L) / (H - L) clipped to [0, 100] (reversed for direction -1),
 * arithmetic means within pillars, the geometric mean of the pillars at "O"
 * with values below 1 raised to 1; the checklist score of a place is the
 * mean GODI entry score over the year's datasets (Open Knowledge GODI
 * 2013/14 weights: exists 5, digital 5, public 5, free 15, online 5,
 * machine-readable 15, bulk 10, open licence 30, up to date 10).
 */
#include <math.h>
#include <string.h>
#include <govidx.h>
#include "gxoom.h"

static const char *const units[3] = {"A", "B", "C"};
static const int years[2] = {2022, 2023};

/* [year][unit] */
static const double regulation[2][3] = {{0, 0.5, 1}, {0.5, 1, 1}};
static const double licence[2][3] = {{20, 50, 90}, {30, 60, NAN}};
static const double days[2][3] = {{365, 100, 10}, {400, 73, 0}};
static const double visits[2][3] = {{0, 20000, 100000}, {5000, 40000, 150000}};

static govidx_dataset *make(int with_inventory)
{
    static const char *const codes[4] = {"open_data_regulation", "open_licence_share", "median_days_since_update",
                                         "portal_visits_per_100k"};
    const double(*vals[4])[3] = {regulation, licence, days, visits};
    govidx_dataset *ds = NULL;
    size_t j, y, u;
    CU_ASSERT_FATAL(govidx_dataset_new(&ds) == GOVIDX_OK);
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, units, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    for (j = 0; j < 4; j++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        in.code = codes[j];
        in.type = GOVIDX_VAR_OTHER;
        GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    }
    for (j = 0; j < 4; j++)
        for (y = 0; y < 2; y++)
            for (u = 0; u < 3; u++)
                GX_ASSERT_OK(govidx_dataset_set_value(ds, u, y, j, vals[j][y][u]));
    if (with_inventory) {
        /* 2023 only: A has budget fully open (100) and spending digital +
         * public only (10); B has budget exists-only (5) and no spending
         * entry (scores 0); C has no entries (no checklist score). */
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char answers[GOVIDX_N_CRITERIA];
        int i;
        e.answers = answers;
        e.n_answers = GOVIDX_N_CRITERIA;
        e.year = 2023;
        e.unit = "A";
        e.dataset = "budget";
        for (i = 0; i < GOVIDX_N_CRITERIA; i++)
            answers[i] = i < 9 ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
        e.dataset = "spending";
        for (i = 0; i < GOVIDX_N_CRITERIA; i++)
            answers[i] = GOVIDX_ANSWER_NO;
        answers[GOVIDX_CRIT_DIGITAL] = GOVIDX_ANSWER_YES;
        answers[GOVIDX_CRIT_PUBLIC] = GOVIDX_ANSWER_YES;
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
        e.unit = "B";
        e.dataset = "budget";
        for (i = 0; i < GOVIDX_N_CRITERIA; i++)
            answers[i] = GOVIDX_ANSWER_NO;
        answers[GOVIDX_CRIT_EXISTS] = GOVIDX_ANSWER_YES;
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
    }
    return ds;
}


static double gp(double x, double lo, double hi, int dir)
{
    double z = 100 * (x - lo) / (hi - lo);
    z = z < 0 ? 0 : z > 100 ? 100 : z;
    return dir > 0 ? z : 100 - z;
}

static void test_pillars_and_index(void)
{
    govidx_dataset *ds = make(1);
    govidx_result *r = NULL;
    size_t y, u, nO, n1, n3, n5;
    GX_ASSERT_OK(govidx_openness_compute(&r, ds, NULL));
    CU_ASSERT_FATAL(r != NULL);
    nO = gx_result_node(r, "O"), n1 = gx_result_node(r, "O1"), n3 = gx_result_node(r, "O3"), n5 = gx_result_node(r, "O5");
    CU_ASSERT_EQUAL(govidx_result_n_nodes(r), 4 + 1 + 3 + 1); /* 4 panel leaves + checklist, 3 pillars, O */
    for (y = 0; y < 2; y++)
        for (u = 0; u < 3; u++) {
            double o1 = gp(regulation[y][u], 0, 1, 1), o5 = gp(visits[y][u], 0, 100000, 1);
            double parts[3], sum = 0, o3, o, checklist = NAN;
            size_t k = 0, np = 0;
            if (y == 1 && u == 0)
                checklist = (100 + 10) / 2.0;
            if (y == 1 && u == 1)
                checklist = (5 + 0) / 2.0; /* spending missing: scores 0 */
            if (!isnan(licence[y][u]))
                parts[k++] = gp(licence[y][u], 0, 100, 1);
            parts[k++] = gp(days[y][u], 0, 365, -1);
            if (!isnan(checklist))
                parts[k++] = checklist;
            for (np = 0; np < k; np++)
                sum += parts[np];
            o3 = sum / (double)k;
            o = cbrt(fmax(o1, 1) * fmax(o3, 1) * fmax(o5, 1));
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n1), o1, 1e-9);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n3), o3, 1e-9);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n5), o5, 1e-9);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, nO), o, 1e-9);
            if (!isnan(checklist))
                GX_ASSERT_CLOSE(govidx_result_score(r, u, y, gx_result_node(r, "checklist_score")), checklist, 1e-9);
        }
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

/* A user method replaces the default: goalposts with the engine's default
 * arithmetic mean at O, so O is the plain mean of the pillars. */
static void test_method_switch(void)
{
    govidx_dataset *ds = make(0);
    govidx_result *r = NULL, *def = NULL;
    govidx_method *m = NULL;
    size_t u;
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"normalize\": {\"method\": \"goalpost\"}}"));
    GX_ASSERT_OK(govidx_openness_compute(&r, ds, m));
    GX_ASSERT_OK(govidx_openness_compute(&def, ds, NULL));
    CU_ASSERT_FATAL(r && def);
    for (u = 0; u < 3; u++) {
        double o1 = govidx_result_score(def, u, 0, gx_result_node(def, "O1")), o3 = govidx_result_score(def, u, 0, gx_result_node(def, "O3")),
               o5 = govidx_result_score(def, u, 0, gx_result_node(def, "O5"));
        GX_ASSERT_CLOSE(govidx_result_score(r, u, 0, gx_result_node(r, "O")), (o1 + o3 + o5) / 3, 1e-9);
    }
    govidx_result_free(r);
    govidx_result_free(def);
    govidx_method_free(m);
    govidx_dataset_close(ds);
}

/* A spec naming a node the framework lacks is refused, not ignored. */
static void test_method_unknown_node(void)
{
    govidx_dataset *ds = make(0);
    govidx_result *r = NULL;
    govidx_method *m = NULL;
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"nodes\": {\"O9\": {\"aggregate\": {\"method\": \"geometric\"}}}}"));
    GX_ASSERT_RC(govidx_openness_compute(&r, ds, m), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "method: node 'O9' is not in the framework"));
    CU_ASSERT_PTR_NULL(r);
    govidx_method_free(m);
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"nodes\": {\"O1\": {\"normalize\": {\"method\": \"rank\"}}}}"));
    GX_ASSERT_RC(govidx_openness_compute(&r, ds, m), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "method: key 'normalize.method' does not apply to aggregate 'O1'"));
    govidx_method_free(m);
    govidx_dataset_close(ds);
}

static void test_errors_and_table(void)
{
    govidx_dataset *ds = NULL;
    govidx_result *r = NULL;
    const govidx_openness_indicator *fw = NULL;
    size_t n = govidx_openness_framework(&fw), i, j, per[6] = {0, 0, 0, 0, 0, 0};
    GX_ASSERT_RC(govidx_openness_compute(NULL, NULL, NULL), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 2, units, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 1, years));
    GX_ASSERT_RC(govidx_openness_compute(&r, ds, NULL), GOVIDX_EMISSING);
    CU_ASSERT_PTR_NULL(r);
    govidx_dataset_close(ds);
    CU_ASSERT_FATAL(n >= 15 && fw != NULL);
    for (i = 0; i < n; i++) {
        CU_ASSERT(fw[i].pillar >= 1 && fw[i].pillar <= 5);
        CU_ASSERT(fw[i].goal_high > fw[i].goal_low);
        per[fw[i].pillar]++;
        for (j = 0; j < i; j++)
            CU_ASSERT(strcmp(fw[i].code, fw[j].code) != 0);
    }
    for (i = 1; i <= 5; i++)
        CU_ASSERT(per[i] >= 2);
    CU_ASSERT_STRING_EQUAL(govidx_openness_pillar_name(3), "Accessibility and quality");
    CU_ASSERT_PTR_NULL(govidx_openness_pillar_name(6));
}

/* GODI: the inventory alone gives O = O3 = the unrounded place score; the
 * United Kingdom 2014 scores 97 (published, index.okfn.org). */
static void test_godi(void)
{
    char path[4096];
    govidx_dataset *ds = NULL;
    govidx_result *r = NULL;
    size_t u, y;
    GX_ASSERT_OK(govidx_dataset_open(&ds, gx_srcpath(path, sizeof path, "datasets/godi.h5"), NULL));
    GX_ASSERT_OK(govidx_openness_compute(&r, ds, NULL));
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_OK(govidx_dataset_find_unit(&u, ds, "gb"));
    GX_ASSERT_OK(govidx_dataset_find_year(&y, ds, 2014));
    GX_ASSERT_CLOSE(govidx_result_score(r, u, y, gx_result_node(r, "O")), 97.0, 1e-9);
    GX_ASSERT_CLOSE(govidx_result_score(r, u, y, gx_result_node(r, "O3")), 97.0, 1e-9);
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

static govidx_dataset *oom_ds;
static int oom_call(void)
{
    govidx_result *r = NULL;
    int rc = govidx_openness_compute(&r, oom_ds, NULL);
    govidx_result_free(r);
    return rc;
}

static void test_oom(void)
{
    oom_ds = make(1);
    check_oom(oom_call);
    govidx_dataset_close(oom_ds);
}

static CU_TestInfo tests[] = {{"pillars and index by hand", test_pillars_and_index},
                              {"a user method replaces the default", test_method_switch},
                              {"errors and the framework table", test_errors_and_table},
                              {"a spec naming an unknown node is refused", test_method_unknown_node},
                              {"GODI inventory only", test_godi},
                              {"allocation failures", test_oom},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"openness framework", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

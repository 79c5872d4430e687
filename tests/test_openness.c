/*
 * tests/test_openness.c - open-data checklists against the Global Open Data
 * Index 2013-2015 (Open Knowledge; datasets/godi/source/, ODC PDDL).
 *
 * Published method (datasets/godi/source README): entry score = sum of the
 * weights of the criteria answered Yes (exists 5, digital 5, public 5,
 * free 15, online 5, machine-readable 15, bulk 10, open licence 30, up to
 * date 10); unsure counts as no.  Place score = total points / (100 x
 * datasets in that year's index), as a percentage rounded half up; a
 * missing entry scores 0 but still counts.  Known exception: Greece 2014
 * lacks its budget entry in the export (published 38).
 */
#include "govidx.h"
#include "gxtest.h"

#include "csvfix.h"

typedef csvfix table;

static table *read_csv(const char *rel)
{
    char path[1024];
    table *t = csvfix_load(gx_srcpath(path, sizeof path, rel), ',');
    CU_ASSERT_FATAL(t != NULL);
    return t;
}

static size_t col(const table *t, const char *name)
{
    size_t c = csvfix_col(t, name);
    CU_ASSERT_FATAL(c != (size_t)-1);
    return c;
}

/* GODI criterion columns, in the CSV's names, mapped to govidx criteria. */
static const char *const godi_cols[] = {"exists", "digital", "public", "free", "online",
                                        "machinereadable", "bulk", "openlicense", "uptodate"};
static const int godi_crit[] = {GOVIDX_CRIT_EXISTS, GOVIDX_CRIT_DIGITAL, GOVIDX_CRIT_PUBLIC,
                                GOVIDX_CRIT_FREE, GOVIDX_CRIT_ONLINE, GOVIDX_CRIT_MACHINE_READABLE,
                                GOVIDX_CRIT_BULK, GOVIDX_CRIT_OPEN_LICENCE, GOVIDX_CRIT_UP_TO_DATE};

static void answers_of(const table *t, size_t row, signed char *ans)
{
    size_t k;
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        ans[k] = GOVIDX_ANSWER_MISSING;
    for (k = 0; k < 9; k++) {
        const char *v = t->rows[row][col(t, godi_cols[k])];
        ans[godi_crit[k]] = !*v ? GOVIDX_ANSWER_UNSURE : v[0] == '1' ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
    }
}

static void test_entry_scores_match_published(void)
{
    table *t = read_csv("datasets/godi/source/entries_2013_2015.csv");
    govidx_checklist cl = GOVIDX_CHECKLIST_INIT; /* weights NULL: GODI */
    size_t i, mismatches = 0, sc = col(t, "score_published");
    GX_ASSERT_CLOSE(govidx_openness_checklist_max(&cl), 100, 0);
    GX_ASSERT_CLOSE(govidx_openness_checklist_max(NULL), 100, 0);
    CU_ASSERT_EQUAL(t->n_rows - 1, 3112);
    for (i = 1; i < t->n_rows; i++) {
        signed char ans[GOVIDX_N_CRITERIA];
        double s = -1;
        answers_of(t, i, ans);
        GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
        if (s != atof(t->rows[i][sc]))
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0); /* all 3,112 published entry scores, exactly */
    csvfix_free(t);
}

/* The published place scores of one result (node openness.score, rounded
 * to whole points): 274 exactly, Greece 2014 the documented exception. */
static void check_places(const govidx_result *r, const table *p)
{
    size_t pc = col(p, "place"), yc = col(p, "year"), sc = col(p, "score_published"), ec = col(p, "n_entries");
    size_t rr, u, y, checked = 0, exceptions = 0;
    CU_ASSERT_STRING_EQUAL(govidx_result_node_code(r, 0), "openness.score");
    CU_ASSERT_STRING_EQUAL(govidx_result_node_code(r, 3), "openness.entries");
    for (rr = 1; rr < p->n_rows; rr++) {
        for (u = 0; u < govidx_result_n_units(r) && strcmp(govidx_result_unit_code(r, u), p->rows[rr][pc]); u++)
            ;
        for (y = 0; y < 3 && govidx_result_year(r, y) != atoi(p->rows[rr][yc]); y++)
            ;
        CU_ASSERT_FATAL(u < govidx_result_n_units(r) && y < 3);
        if (!strcmp(p->rows[rr][pc], "gr") && govidx_result_year(r, y) == 2014) {
            exceptions++; /* documented: Greece 2014's budget entry is missing */
            CU_ASSERT(govidx_result_score(r, u, y, 0) != atof(p->rows[rr][sc]));
            continue;
        }
        GX_ASSERT_CLOSE(govidx_result_score(r, u, y, 0), atof(p->rows[rr][sc]), 0);
        GX_ASSERT_CLOSE(govidx_result_score(r, u, y, 3), atof(p->rows[rr][ec]), 0);
        checked++;
    }
    CU_ASSERT_EQUAL(checked, 274);
    CU_ASSERT_EQUAL(exceptions, 1);
}

static void test_place_scores_match_published(void)
{
    table *e = read_csv("datasets/godi/source/entries_2013_2015.csv");
    table *p = read_csv("datasets/godi/source/place_scores_2013_2015.csv");
    govidx_dataset *ds = NULL;
    govidx_result *r = NULL;
    govidx_checklist_options o = GOVIDX_CHECKLIST_OPTIONS_INIT;
    const char *codes[200], *names[200], **list, *list15[13];
    int years[3] = {2013, 2014, 2015}, *list_years, years15[13];
    size_t n_units = 0, i, u, n_list = 0, uk, gb, k15;
    size_t pc = col(p, "place"), nc = col(p, "name");
    /* units: every place of the published score table */
    for (i = 1; i < p->n_rows; i++) {
        for (u = 0; u < n_units && strcmp(codes[u], p->rows[i][pc]); u++)
            ;
        if (u == n_units) {
            codes[n_units] = p->rows[i][pc];
            names[n_units++] = p->rows[i][nc];
        }
    }
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, n_units, codes, names));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 3, years));
    list = calloc(e->n_rows, sizeof *list);
    list_years = calloc(e->n_rows, sizeof *list_years);
    CU_ASSERT_FATAL(list && list_years);
    for (i = 1; i < e->n_rows; i++) {
        govidx_inventory_entry en = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char ans[GOVIDX_N_CRITERIA];
        size_t k;
        en.unit = e->rows[i][col(e, "place")];
        en.year = atoi(e->rows[i][col(e, "year")]);
        en.dataset = e->rows[i][col(e, "dataset")];
        answers_of(e, i, ans);
        en.answers = ans; /* copied by the dataset */
        en.n_answers = GOVIDX_N_CRITERIA;
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &en));
        for (k = 0; k < n_list && (list_years[k] != en.year || strcmp(list[k], en.dataset)); k++)
            ;
        if (k == n_list) {
            list[n_list] = en.dataset;
            list_years[n_list++] = en.year;
        }
    }
    CU_ASSERT_EQUAL(n_list, 10 + 10 + 13);
    /* the index's dataset list is every dataset present that year (10, 10, 13) */
    GX_ASSERT_OK(govidx_openness_checklist_compute(&r, ds, NULL));
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(govidx_result_n_years(r), 3);
    check_places(r, p);
    GX_ASSERT_OK(govidx_dataset_find_unit(&gb, ds, "gb"));
    CU_ASSERT_EQUAL(govidx_result_rank(r, gb, 2, 0), 2); /* 2015: 76, second */
    CU_ASSERT_EQUAL(govidx_result_rank(r, gb, 0, 3), 0); /* entries are not ranked */
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, 3), 0);
    govidx_result_free(r);
    r = NULL;
    /* the same lists given as (year, dataset) pairs: the same scores */
    o.index_datasets = list;
    o.index_years = list_years;
    o.n_index = n_list;
    GX_ASSERT_OK(govidx_openness_checklist_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    check_places(r, p);
    govidx_result_free(r);
    r = NULL;
    /* only 2015's list: 2013 and 2014 are not scored */
    for (i = 0, k15 = 0; i < n_list; i++)
        if (list_years[i] == 2015) {
            list15[k15] = list[i];
            years15[k15++] = 2015;
        }
    CU_ASSERT_EQUAL_FATAL(k15, 13);
    o.index_datasets = list15;
    o.index_years = years15;
    o.n_index = k15;
    GX_ASSERT_OK(govidx_openness_checklist_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_OK(govidx_dataset_find_unit(&uk, ds, "gb"));
    CU_ASSERT(isnan(govidx_result_score(r, uk, 0, 0)) && isnan(govidx_result_score(r, uk, 1, 0)));
    GX_ASSERT_CLOSE(govidx_result_score(r, uk, 2, 0), 76, 0);
    govidx_result_free(r);
    r = NULL;
    /* one code twice for a year */
    o.index_datasets = list;
    o.index_years = NULL; /* every code in every year: the years' lists share codes */
    o.n_index = n_list;
    GX_ASSERT_RC(govidx_openness_checklist_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "listed twice"));
    CU_ASSERT_PTR_NULL(r);
    free(list);
    free(list_years);
    govidx_dataset_close(ds);
    csvfix_free(e);
    csvfix_free(p);
}

static void test_rounding_and_errors(void)
{
    govidx_checklist cl = GOVIDX_CHECKLIST_INIT;
    signed char ans[GOVIDX_N_CRITERIA];
    double s;
    size_t k;
    GX_ASSERT_CLOSE(govidx_openness_round_half_up(59.5, 0), 60, 0);
    GX_ASSERT_CLOSE(govidx_openness_round_half_up(59.49, 0), 59, 0);
    GX_ASSERT_CLOSE(govidx_openness_round_half_up(0.125, 2), 0.13, 1e-15);
    GX_ASSERT_CLOSE(govidx_openness_round_half_up(2.675, 2), 2.68, 1e-15); /* 2.67499999... in binary */
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        ans[k] = GOVIDX_ANSWER_YES;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, 100, 0);
    ans[GOVIDX_CRIT_OPEN_LICENCE] = GOVIDX_ANSWER_UNSURE;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, 70, 0);
    cl.unsure_credit = 0.5;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, 85, 0);
    /* fewer answers: the rest are missing (exists, digital, public, free: 30) */
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, 4, &cl));
    GX_ASSERT_CLOSE(s, 30, 0);
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA + 1, &cl), GOVIDX_EINVAL);
    ans[0] = 7;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "exists"));
    ans[0] = GOVIDX_ANSWER_YES;
    cl.version = 99;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
    cl.version = 0;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
}

/* Checklist weights as pointer + count: the GODI table, a shorter and a
 * custom list, too many weights, a bad weight named by its criterion. */
static void test_checklist_weights(void)
{
    const double *godi = NULL;
    double w[GOVIDX_N_CRITERIA + 1], s, sum = 0;
    signed char ans[GOVIDX_N_CRITERIA];
    govidx_checklist cl;
    govidx_checklist_options o;
    govidx_result *r = NULL;
    govidx_dataset *ds = NULL;
    size_t k, n = govidx_openness_checklist_godi(&godi);
    CU_ASSERT_EQUAL(n, 9);
    CU_ASSERT_EQUAL(govidx_openness_checklist_godi(NULL), 9);
    CU_ASSERT_FATAL(godi != NULL);
    for (k = 0; k < n; k++)
        sum += godi[k];
    GX_ASSERT_CLOSE(sum, 100, 0);
    GX_ASSERT_CLOSE(godi[GOVIDX_CRIT_OPEN_LICENCE], 30, 0);
    GX_ASSERT_OK(govidx_checklist_init(&cl, GOVIDX_CHECKLIST_VERSION));
    CU_ASSERT_PTR_NULL(cl.weights);
    GX_ASSERT_RC(govidx_checklist_init(&cl, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_checklist_init(&cl, GOVIDX_CHECKLIST_VERSION + 1), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_checklist_init(&cl, GOVIDX_CHECKLIST_VERSION));
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        ans[k] = GOVIDX_ANSWER_YES;
    /* the GODI table passed explicitly = the default */
    cl.weights = godi;
    cl.n_weights = n;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, 100, 0);
    /* three weights: exists 1, digital 2, public 3; the other criteria weigh 0 */
    w[0] = 1, w[1] = 2, w[2] = 3;
    cl.weights = w;
    cl.n_weights = 3;
    GX_ASSERT_CLOSE(govidx_openness_checklist_max(&cl), 6, 0);
    ans[1] = GOVIDX_ANSWER_NO;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, 4, 0);
    /* every criterion this version knows, and one more */
    for (k = 0; k <= GOVIDX_N_CRITERIA; k++)
        w[k] = 1;
    cl.n_weights = GOVIDX_N_CRITERIA;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl));
    GX_ASSERT_CLOSE(s, GOVIDX_N_CRITERIA - 1, 0);
    cl.n_weights = GOVIDX_N_CRITERIA + 1;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
    CU_ASSERT(isnan(govidx_openness_checklist_max(&cl)));
    cl.n_weights = 4;
    w[3] = -1;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "free"));
    w[3] = 0, w[0] = w[1] = w[2] = 0;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, GOVIDX_N_CRITERIA, &cl), GOVIDX_EINVAL);
    /* options: versions 0 and too new rejected; a custom checklist through them */
    GX_ASSERT_RC(govidx_checklist_options_init(&o, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_checklist_options_init(&o, GOVIDX_CHECKLIST_OPTIONS_VERSION + 1), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_checklist_options_init(&o, GOVIDX_CHECKLIST_OPTIONS_VERSION));
    CU_ASSERT_EQUAL(o.round_digits, 0);
    {
        static const char *units[] = {"A", "B"};
        static const int year = 2020;
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char yes2[2] = {GOVIDX_ANSWER_YES, GOVIDX_ANSWER_YES};
        GX_ASSERT_OK(govidx_dataset_new(&ds));
        GX_ASSERT_OK(govidx_dataset_set_units(ds, 2, units, NULL));
        GX_ASSERT_OK(govidx_dataset_set_years(ds, 1, &year));
        e.unit = "A", e.year = 2020, e.dataset = "budget", e.answers = yes2, e.n_answers = 2;
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e)); /* exists and digital, the rest missing */
        e.n_answers = GOVIDX_N_CRITERIA + 1;
        GX_ASSERT_RC(govidx_dataset_add_inventory(ds, &e), GOVIDX_EINVAL);
        e.n_answers = 2;
        e.version = 0;
        GX_ASSERT_RC(govidx_dataset_add_inventory(ds, &e), GOVIDX_EINVAL);
        e.version = GOVIDX_INVENTORY_ENTRY_VERSION + 1;
        GX_ASSERT_RC(govidx_dataset_add_inventory(ds, &e), GOVIDX_EINVAL);
    }
    w[0] = 1, w[1] = 3; /* exists 1, digital 3 */
    cl.weights = w;
    cl.n_weights = 2;
    o.checklist = &cl;
    o.round_digits = -1;
    GX_ASSERT_OK(govidx_openness_checklist_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_CLOSE(govidx_result_score(r, 0, 0, 1), 100, 0); /* A: 4 of 4 */
    GX_ASSERT_CLOSE(govidx_result_score(r, 0, 0, 2), 1, 0);   /* fully open */
    GX_ASSERT_CLOSE(govidx_result_score(r, 1, 0, 1), 0, 0);   /* B: no entry, scores 0 */
    CU_ASSERT_EQUAL(govidx_result_rank(r, 1, 0, 1), 2);
    govidx_result_free(r);
    r = NULL;
    o.version = 0;
    GX_ASSERT_RC(govidx_openness_checklist_compute(&r, ds, &o), GOVIDX_EINVAL);
    o.version = GOVIDX_CHECKLIST_OPTIONS_VERSION + 1;
    GX_ASSERT_RC(govidx_openness_checklist_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    govidx_dataset_close(ds);
}

static CU_TestInfo tests[] = {
    {"GODI 2013-2015: all 3,112 entry scores as published", test_entry_scores_match_published},
    {"GODI 2013-2015: 274 place scores as published (+ Greece 2014), all years at once, per-year lists",
     test_place_scores_match_published},
    {"round half up, unsure credit, bad checklists", test_rounding_and_errors},
    {"checklist weights as pointer + count; options versions", test_checklist_weights},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"openness", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

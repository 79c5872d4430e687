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
    govidx_checklist cl;
    size_t i, mismatches = 0, sc = col(t, "score_published");
    GX_ASSERT_OK(govidx_checklist_godi(&cl));
    GX_ASSERT_CLOSE(govidx_checklist_max(&cl), 100, 0);
    CU_ASSERT_EQUAL(t->n_rows - 1, 3112);
    for (i = 1; i < t->n_rows; i++) {
        signed char ans[GOVIDX_N_CRITERIA];
        double s = -1;
        answers_of(t, i, ans);
        GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, &cl));
        if (s != atof(t->rows[i][sc]))
            mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0); /* all 3,112 published entry scores, exactly */
    csvfix_free(t);
}

static void test_place_scores_match_published(void)
{
    table *e = read_csv("datasets/godi/source/entries_2013_2015.csv");
    table *p = read_csv("datasets/godi/source/place_scores_2013_2015.csv");
    govidx_dataset *ds = NULL;
    govidx_checklist cl;
    const char *codes[200], *names[200];
    int years[3] = {2013, 2014, 2015};
    size_t n_units = 0, i, u, checked = 0, exceptions = 0;
    size_t pc = col(p, "place"), nc = col(p, "name");
    GX_ASSERT_OK(govidx_checklist_godi(&cl));
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
    for (i = 1; i < e->n_rows; i++) {
        govidx_inventory_entry en;
        memset(&en, 0, sizeof en);
        en.version = GOVIDX_INVENTORY_ENTRY_VERSION;
        en.unit = e->rows[i][col(e, "place")];
        en.year = atoi(e->rows[i][col(e, "year")]);
        en.dataset = e->rows[i][col(e, "dataset")];
        answers_of(e, i, en.answers);
        GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &en));
    }
    for (i = 0; i < 3; i++) {
        govidx_openness_place out[200];
        size_t r;
        for (u = 0; u < n_units; u++)
            out[u].version = GOVIDX_OPENNESS_PLACE_VERSION;
        /* the index's dataset list is every dataset present that year (10, 10, 13) */
        GX_ASSERT_OK(govidx_openness_places(out, ds, years[i], &cl, NULL, 0, 0));
        for (r = 1; r < p->n_rows; r++) {
            size_t idx;
            if (atoi(p->rows[r][col(p, "year")]) != years[i])
                continue;
            GX_ASSERT_OK(govidx_dataset_find_unit(ds, p->rows[r][pc], &idx));
            if (!strcmp(p->rows[r][pc], "gr") && years[i] == 2014) {
                exceptions++; /* documented: Greece 2014's budget entry is missing */
                CU_ASSERT(out[idx].score != atof(p->rows[r][col(p, "score_published")]));
                continue;
            }
            GX_ASSERT_CLOSE(out[idx].score, atof(p->rows[r][col(p, "score_published")]), 0);
            CU_ASSERT_EQUAL(out[idx].n_entries, (size_t)atoi(p->rows[r][col(p, "n_entries")]));
            checked++;
        }
    }
    CU_ASSERT_EQUAL(checked, 274);
    CU_ASSERT_EQUAL(exceptions, 1);
    govidx_dataset_close(ds);
    csvfix_free(e);
    csvfix_free(p);
}

static void test_rounding_and_errors(void)
{
    govidx_checklist cl;
    signed char ans[GOVIDX_N_CRITERIA];
    double s;
    size_t k;
    GX_ASSERT_CLOSE(govidx_round_half_up(59.5, 0), 60, 0);
    GX_ASSERT_CLOSE(govidx_round_half_up(59.49, 0), 59, 0);
    GX_ASSERT_CLOSE(govidx_round_half_up(0.125, 2), 0.13, 1e-15);
    GX_ASSERT_CLOSE(govidx_round_half_up(2.675, 2), 2.68, 1e-15); /* 2.67499999... in binary */
    GX_ASSERT_OK(govidx_checklist_godi(&cl));
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        ans[k] = GOVIDX_ANSWER_YES;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, &cl));
    GX_ASSERT_CLOSE(s, 100, 0);
    ans[GOVIDX_CRIT_OPEN_LICENCE] = GOVIDX_ANSWER_UNSURE;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, &cl));
    GX_ASSERT_CLOSE(s, 70, 0);
    cl.unsure_credit = 0.5;
    GX_ASSERT_OK(govidx_openness_entry_score(&s, ans, &cl));
    GX_ASSERT_CLOSE(s, 85, 0);
    ans[0] = 7;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, &cl), GOVIDX_EINVAL);
    ans[0] = GOVIDX_ANSWER_YES;
    cl.weights[3] = -1;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, &cl), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "free"));
    cl.version = 99;
    GX_ASSERT_RC(govidx_openness_entry_score(&s, ans, &cl), GOVIDX_EINVAL);
}

static CU_TestInfo tests[] = {
    {"GODI 2013-2015: all 3,112 entry scores as published", test_entry_scores_match_published},
    {"GODI 2013-2015: 274 place scores as published (+ Greece 2014)", test_place_scores_match_published},
    {"round half up, unsure credit, bad checklists", test_rounding_and_errors},
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

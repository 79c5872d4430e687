/*
 * tests/test_execute_threads.c - one plan, eight threads: govidx_execute_year
 * on different years of one result at the same time must give, bit for bit,
 * what the single-threaded loop gives; error messages stay per thread; the
 * ranks, derived on first use, are safe to ask for from many threads.
 */
#include "govidx.h"
#include "gxtest.h"

#include <pthread.h>

#define UNITS 200
#define INDS 30
#define YEARS 8

static double data[YEARS][UNITS * INDS];
static govidx_matrix_view views[YEARS];
static govidx_panel panel;
static govidx_plan *plan;
static govidx_result *shared;

typedef struct job {
    size_t year;
    int rc;
} job;

static void *run_year(void *arg)
{
    job *j = arg;
    j->rc = govidx_execute_year(shared, plan, &panel, j->year);
    return NULL;
}

static void *fail_and_read(void *arg)
{
    job *j = arg;
    /* a failing call on this thread leaves its own message only */
    j->rc = govidx_execute_year(shared, plan, &panel, 999);
    j->year = strstr(govidx_last_error(), "999") != NULL;
    return NULL;
}

/* Ranks are derived on first use: 8 threads reading ranks of a fresh
 * result at once must each see the ranks of the serial result. */
static govidx_result *fresh, *reference;

static void *read_ranks(void *arg)
{
    job *j = arg;
    size_t y, k, u;
    j->rc = 0;
    for (y = 0; y < YEARS; y++)
        for (k = 0; k < govidx_result_n_nodes(fresh); k++)
            for (u = 0; u < UNITS; u++)
                j->rc += govidx_result_rank(fresh, u, y, k) != govidx_result_rank(reference, u, y, k);
    return NULL;
}

static void test_first_rank_access_threads(void)
{
    pthread_t tid[YEARS];
    job jobs[YEARS];
    size_t t;
    int wrong = 0;
    CU_ASSERT_FATAL(plan != NULL);
    GX_ASSERT_OK(govidx_execute(&reference, plan, &panel));
    GX_ASSERT_OK(govidx_execute(&fresh, plan, &panel));
    for (t = 0; t < YEARS; t++) {
        jobs[t].year = t;
        CU_ASSERT_FATAL(pthread_create(&tid[t], NULL, read_ranks, &jobs[t]) == 0);
    }
    for (t = 0; t < YEARS; t++) {
        pthread_join(tid[t], NULL);
        wrong += jobs[t].rc;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT_EQUAL(govidx_result_rank(fresh, 0, 0, 0), govidx_result_rank(reference, 0, 0, 0));
    govidx_result_free(fresh);
    govidx_result_free(reference);
}

static void test_eight_threads_bit_identical(void)
{
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_result *serial = NULL;
    pthread_t tid[YEARS];
    job jobs[YEARS];
    size_t y, i, k, u, diffs = 0;
    unsigned long long s = 7;
    char code[32], parent[32];
    govidx_panel init = GOVIDX_PANEL_INIT;
    for (y = 0; y < YEARS; y++) {
        for (i = 0; i < UNITS * INDS; i++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            data[y][i] = (double)(s >> 11) / 9007199254740992.0 * 100 + (double)(i / UNITS);
        }
        data[y][y * 7] = NAN; /* a few missing cells */
        views[y] = govidx_matrix_view_array(data[y], UNITS, INDS);
    }
    panel = init;
    panel.n_years = YEARS;
    panel.years = views;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    for (i = 0; i < INDS; i++) {
        snprintf(code, sizeof code, "i%zu", i);
        snprintf(parent, sizeof parent, "P%zu", i / 6);
        GX_ASSERT_OK(govidx_framework_add_indicator(fw, code, parent, 1 + (double)(i % 3), i % 4 ? 1 : -1, i));
    }
    for (i = 0; i < INDS / 6; i++) {
        snprintf(code, sizeof code, "P%zu", i);
        GX_ASSERT_OK(govidx_framework_add_aggregate(fw, code, "X", 1));
    }
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "X", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    GX_ASSERT_OK(govidx_method_from_json(&m, "{\"treat\": \"winsorise\", \"weights\": \"entropy\", "
                                             "\"nodes\": {\"X\": {\"aggregate\": {\"method\": \"geometric\", \"floor\": 1}}}}"));
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_result_new(&serial, plan, &panel));
    for (y = 0; y < YEARS; y++)
        GX_ASSERT_OK(govidx_execute_year(serial, plan, &panel, y));
    GX_ASSERT_OK(govidx_result_new(&shared, plan, &panel));
    for (y = 0; y < YEARS; y++) {
        jobs[y].year = y;
        CU_ASSERT_FATAL(pthread_create(&tid[y], NULL, run_year, &jobs[y]) == 0);
    }
    for (y = 0; y < YEARS; y++) {
        pthread_join(tid[y], NULL);
        CU_ASSERT_EQUAL(jobs[y].rc, GOVIDX_OK);
    }
    for (y = 0; y < YEARS; y++)
        for (k = 0; k < govidx_result_n_nodes(serial); k++)
            for (u = 0; u < UNITS; u++) {
                double a = govidx_result_score(serial, u, y, k), b = govidx_result_score(shared, u, y, k);
                if (memcmp(&a, &b, sizeof a) || govidx_result_rank(serial, u, y, k) != govidx_result_rank(shared, u, y, k))
                    diffs++;
            }
    CU_ASSERT_EQUAL(diffs, 0);
    /* govidx_execute (which spreads years over threads itself) agrees too */
    {
        govidx_result *par = NULL;
        GX_ASSERT_OK(govidx_execute(&par, plan, &panel));
        for (y = 0; y < YEARS; y++)
            for (k = 0; k < govidx_result_n_nodes(serial); k++)
                CU_ASSERT(memcmp(govidx_result_scores(serial, y, k), govidx_result_scores(par, y, k),
                                 UNITS * sizeof(double)) == 0);
        govidx_result_free(par);
    }
    /* thread-local errors */
    govidx_clear_error();
    jobs[0].year = 0;
    CU_ASSERT_FATAL(pthread_create(&tid[0], NULL, fail_and_read, &jobs[0]) == 0);
    pthread_join(tid[0], NULL);
    CU_ASSERT_EQUAL(jobs[0].rc, GOVIDX_EINVAL);
    CU_ASSERT_EQUAL(jobs[0].year, 1);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), ""); /* this thread's message is untouched */

    test_first_rank_access_threads();
    govidx_result_free(serial);
    govidx_result_free(shared);
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
}

static CU_TestInfo tests[] = {
    {"8 threads on 8 years of one plan: bit-identical to serial", test_eight_threads_bit_identical},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"execute-threads", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

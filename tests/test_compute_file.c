/*
 * tests/test_compute_file.c - a dataset file through plan / execute and back:
 * builders -> govidx_dataset_write -> open -> govidx_plan_from_dataset ->
 * execute -> /results/<run> -> govidx_run_open, with the numbers checked.
 */
#include "govidx.h"
#include "gxtest.h"

#include <unistd.h>

/* Two cities, two years, three indicators (one lower-is-better) under
 * pillar P, and P with a fourth indicator under the index. */
static govidx_dataset *make_dataset(void)
{
    static const char *codes[] = {"hz", "cd", "lz"};
    static const char *names[] = {"杭州 Hangzhou", "成都 Chengdu", "兰州 Lanzhou"};
    static const int years[] = {2022, 2023};
    static const char *ind[] = {"a", "b", "c", "d"};
    static const char *parent[] = {"P", "P", "P", "IDX"};
    static const int dir[] = {1, 1, -1, 1};
    /* values[year][indicator][unit] */
    static const double v[2][4][3] = {{{1, 2, 3}, {10, 30, 20}, {5, 1, 3}, {0.1, 0.5, 0.9}},
                                      {{2, 2, 4}, {15, 35, NAN}, {4, 2, 2}, {0.2, 0.4, 0.8}}};
    govidx_dataset *ds = NULL;
    size_t j, y, u;
    CU_ASSERT_FATAL(govidx_dataset_new(&ds) == GOVIDX_OK);
    GX_ASSERT_OK(govidx_dataset_set_attr(ds, "title", "compute round trip"));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, codes, names));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    for (j = 0; j < 4; j++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        in.code = ind[j];
        in.name = ind[j];
        in.parent = parent[j];
        in.direction = dir[j];
        GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    }
    {
        govidx_node p = GOVIDX_NODE_INIT, idx = GOVIDX_NODE_INIT;
        p.code = "P";
        p.parent = "IDX";
        p.weight = 3;
        idx.code = "IDX";
        GX_ASSERT_OK(govidx_dataset_add_node(ds, &p));
        GX_ASSERT_OK(govidx_dataset_add_node(ds, &idx));
    }
    for (y = 0; y < 2; y++)
        for (j = 0; j < 4; j++)
            for (u = 0; u < 3; u++)
                GX_ASSERT_OK(govidx_dataset_set_value(ds, u, y, j, v[y][j][u]));
    return ds;
}

static void test_file_round_trip(void)
{
    char path[1024];
    govidx_dataset *ds = make_dataset(), *back = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_run *run = NULL, *read = NULL;
    const double *scores = NULL, *ranks = NULL;
    size_t k_idx, k_p, n = 0;
    char **names = NULL;

    gx_buildpath(path, sizeof path, "tests/test_compute_file.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    GX_ASSERT_OK(govidx_dataset_open(&back, path, NULL));
    GX_ASSERT_OK(govidx_plan_from_dataset(&plan, back, NULL));
    GX_ASSERT_OK(govidx_execute_dataset(&res, plan, back));
    GX_ASSERT_OK(govidx_framework_find(&k_idx, govidx_plan_framework(plan), "IDX"));
    GX_ASSERT_OK(govidx_framework_find(&k_p, govidx_plan_framework(plan), "P"));
    /* 2022, unit lz: a 100, b 50, c (reversed) 50 -> P = 66.667; d 100;
     * IDX = (3 * 66.667 + 100) / 4 = 75 */
    GX_ASSERT_CLOSE(govidx_result_score(res, 2, 0, k_p), 200.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(res, 2, 0, k_idx), 75, 1e-12);
    /* 2023, unit lz: b missing -> P over a (100) and c (100) = 100; d = 100 */
    GX_ASSERT_CLOSE(govidx_result_score(res, 2, 1, k_idx), 100, 1e-12);
    CU_ASSERT_STRING_EQUAL(govidx_result_unit_code(res, 0), "hz");
    CU_ASSERT_EQUAL(govidx_result_year(res, 1), 2023);

    GX_ASSERT_OK(govidx_result_to_run(&run, res, "nominal"));
    GX_ASSERT_OK(govidx_run_set_input_checksum(run, path));
    GX_ASSERT_OK(govidx_run_file_add(path, run, 0));
    GX_ASSERT_RC(govidx_run_file_add(path, run, 0), GOVIDX_EEXIST);
    GX_ASSERT_OK(govidx_run_file_list(&names, &n, path));
    CU_ASSERT_EQUAL(n, 1);
    if (n == 1)
        CU_ASSERT_STRING_EQUAL(names[0], "nominal");
    govidx_free(names); /* one block */
    GX_ASSERT_OK(govidx_run_open(&read, path, "nominal"));
    GX_ASSERT_OK(govidx_run_array(&scores, read, "scores"));
    GX_ASSERT_OK(govidx_run_array(&ranks, read, "ranks"));
    if (scores && ranks) {
        size_t nu = 3, nn = govidx_result_n_nodes(res);
        GX_ASSERT_CLOSE(scores[2 + nu * (k_idx + nn * 0)], 75, 1e-12);
        GX_ASSERT_CLOSE(ranks[2 + nu * (k_idx + nn * 1)], govidx_result_rank(res, 2, 1, k_idx), 0);
    }
    CU_ASSERT_PTR_NOT_NULL(govidx_run_attr(read, "method"));
    if (govidx_run_attr(read, "method"))
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_run_attr(read, "method"), "\"minmax\""));
    /* the file still validates and still holds its inputs */
    GX_ASSERT_OK(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, NULL, NULL));

    govidx_run_free(read);
    govidx_run_free(run);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_dataset_close(back);
    govidx_dataset_close(ds);
    unlink(path);
}

static CU_TestInfo tests[] = {
    {"dataset file -> plan -> execute -> /results run and back", test_file_round_trip},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"compute-file", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

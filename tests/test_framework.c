/* tests/test_framework.c - the index tree: sealing, errors, order, weights. */
#include "govidx.h"
#include "gxtest.h"

/* The ASEM tree of COINr's example (datasets/asem/source/iMeta.csv), cut
 * down: 4 indicators, 2 pillars, 1 sub-index, the index. */
static govidx_framework *small_tree(void)
{
    govidx_framework *fw = NULL;
    CU_ASSERT_FATAL(govidx_framework_new(&fw) == 0);
    /* children may come before their parents */
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "LPI", "Physical", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "Flights", "Physical", 3, 1, 1));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "Tariff", "Instit", 1, -1, 2));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "RTAs", "Instit", 1, 1, 3));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Physical", "Conn", 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Instit", "Conn", 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Conn", "Index", 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Index", NULL, 1));
    return fw;
}

static void test_seal_order_levels(void)
{
    govidx_framework *fw = small_tree();
    size_t i, k, pos[8];
    GX_ASSERT_OK(govidx_framework_seal(fw));
    CU_ASSERT_EQUAL(govidx_framework_n_nodes(fw), 8);
    CU_ASSERT_EQUAL(govidx_framework_n_indicators(fw), 4);
    for (i = 0; i < 8; i++)
        pos[govidx_framework_order(fw, i)] = i;
    /* every child is evaluated before its parent */
    for (k = 0; k < 8; k++) {
        size_t p = govidx_framework_parent(fw, k);
        if (p != (size_t)-1)
            CU_ASSERT(pos[k] < pos[p]);
    }
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Index"));
    CU_ASSERT_EQUAL(govidx_framework_level(fw, k), 4);
    CU_ASSERT_EQUAL(govidx_framework_parent(fw, k), (size_t)-1);
    CU_ASSERT_EQUAL(govidx_framework_n_children(fw, k), 1);
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Physical"));
    CU_ASSERT_EQUAL(govidx_framework_level(fw, k), 2);
    CU_ASSERT_EQUAL(govidx_framework_n_children(fw, k), 2);
    CU_ASSERT_STRING_EQUAL(govidx_framework_node_code(fw, govidx_framework_child(fw, k, 0)), "LPI");
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Tariff"));
    CU_ASSERT_EQUAL(govidx_framework_direction(fw, k), -1);
    CU_ASSERT_EQUAL(govidx_framework_column(fw, k), 2);
    CU_ASSERT_EQUAL(govidx_framework_level(fw, k), 1);
    GX_ASSERT_RC(govidx_framework_find(&k, fw, "nope"), GOVIDX_ENOTFOUND);
    govidx_framework_free(fw);
}

static void test_effective_weights(void)
{
    govidx_framework *fw = small_tree();
    double w[8];
    size_t k;
    GX_ASSERT_OK(govidx_framework_seal(fw));
    GX_ASSERT_OK(govidx_framework_effective_weights(w, fw));
    /* Flights: 3/(1+3) within Physical, 1/2 within Conn, 1 within Index */
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Flights"));
    GX_ASSERT_CLOSE(w[k], 0.375, 1e-15);
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "LPI"));
    GX_ASSERT_CLOSE(w[k], 0.125, 1e-15);
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Tariff"));
    GX_ASSERT_CLOSE(w[k], 0.25, 1e-15);
    GX_ASSERT_OK(govidx_framework_find(&k, fw, "Index"));
    GX_ASSERT_CLOSE(w[k], 1.0, 0);
    govidx_framework_free(fw);
}

static void test_cycle(void)
{
    govidx_framework *fw = NULL;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", "A", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "A", "B", 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "B", "A", 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_ECYCLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'A'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'B'"));
    govidx_framework_free(fw);

    /* a node that is its own parent */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", "A", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "A", "A", 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_ECYCLE);
    govidx_framework_free(fw);
}

static void test_bad_trees(void)
{
    govidx_framework *fw = NULL;
    /* orphan: unknown parent */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", "Missing", 1, 1, 0));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "Missing"));
    govidx_framework_free(fw);
    /* duplicate code */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", NULL, 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", NULL, 1, 1, 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_EFORMAT);
    govidx_framework_free(fw);
    /* childless aggregate */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", "A", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "A", NULL, 1));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Empty", "A", 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_EFORMAT);
    govidx_framework_free(fw);
    /* indicator used as a parent */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", NULL, 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "y", "x", 1, 1, 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_EFORMAT);
    govidx_framework_free(fw);
    /* all-zero weights under a node */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x", "A", 0, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "A", NULL, 1));
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_EINVAL);
    govidx_framework_free(fw);
    /* bad arguments */
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_RC(govidx_framework_add_indicator(fw, "x", NULL, -1, 1, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_framework_add_indicator(fw, "x", NULL, NAN, 1, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_framework_add_indicator(fw, "x", NULL, 1, 0, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_framework_add_indicator(fw, "", NULL, 1, 1, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_framework_seal(fw), GOVIDX_EDIM);
    govidx_framework_free(fw);
    govidx_framework_free(NULL);
}

static CU_TestInfo tests[] = {
    {"seal fixes order, levels and children", test_seal_order_levels},
    {"effective weights multiply down the tree", test_effective_weights},
    {"cycles are named", test_cycle},
    {"orphans, duplicates, empty nodes, bad weights", test_bad_trees},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"framework", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

/* tests/test_method.c - method specs: defaults, overrides, JSON round trip, errors. */
#include "govidx.h"
#include "gxtest.h"

static void test_defaults_and_set(void)
{
    govidx_method *m = NULL;
    GX_ASSERT_OK(govidx_method_new(&m));
    /* the defaults most composite indices use: min-max 0-100, nominal weights, arithmetic */
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "normalize.method"), "minmax");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "normalize.high"), "100");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "aggregate.method"), "arithmetic");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "weights.pooled"), "yes");
    GX_ASSERT_OK(govidx_method_set(m, "aggregate.method", "geometric"));
    /* "winsorize" is canonical; COINr's "winsorise" is an alias stored as it */
    GX_ASSERT_OK(govidx_method_set(m, "treat.method", "winsorise"));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "treat.method"), "winsorize");
    GX_ASSERT_OK(govidx_method_set_node(m, "Conn", "aggregate.method", "arithmetic"));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, "Conn", "aggregate.method"), "arithmetic");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, "Sust", "aggregate.method"), "geometric");
    GX_ASSERT_OK(govidx_method_set(m, "weights.pooled", "false"));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "weights.pooled"), "no");
    GX_ASSERT_RC(govidx_method_set(m, "aggregate.method", "median"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_set(m, "normalise.method", "minmax"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_set(m, "normalize.low", "abc"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_set(m, "normalize.low", "inf"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_set(m, "weights.pooled", "maybe"), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NULL(govidx_method_get(m, NULL, "nonsense"));
    govidx_method_free(m);
    govidx_method_free(NULL);
}

static void test_json_round_trip(void)
{
    const char *spec = "{ \"govidx_method\": 1,\n"
                       "  \"normalize\": { \"method\": \"goalpost\", \"low\": 1, \"high\": 10 },\n"
                       "  \"aggregate\": \"geometric\",\n"
                       "  \"weights\": { \"method\": \"entropy\", \"pooled\": false },\n"
                       "  \"nodes\": { \"Conn\": { \"aggregate\": { \"method\": \"mpi\" } } } }";
    govidx_method *m = NULL, *m2 = NULL, *m3 = NULL;
    char *text = NULL, *text2 = NULL;
    GX_ASSERT_OK(govidx_method_from_json(&m, spec));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "normalize.method"), "goalpost");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "normalize.high"), "10");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "aggregate.method"), "geometric");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "weights.pooled"), "no");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, "Conn", "aggregate.method"), "mpi");
    GX_ASSERT_OK(govidx_method_to_json(&text, m));
    GX_ASSERT_OK(govidx_method_from_json(&m2, text));
    GX_ASSERT_OK(govidx_method_to_json(&text2, m2));
    CU_ASSERT_STRING_EQUAL(text, text2); /* canonical form is stable */
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m2, "Conn", "aggregate.method"), "mpi");
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"govidx_method\": 1"));
    GX_ASSERT_OK(govidx_method_copy(&m3, m2));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m3, NULL, "weights.method"), "entropy");
    govidx_free(text);
    govidx_free(text2);
    govidx_method_free(m);
    govidx_method_free(m2);
    govidx_method_free(m3);
}

static void test_json_errors(void)
{
    govidx_method *m = NULL;
    GX_ASSERT_RC(govidx_method_from_json(&m, "{ \"normalize\": "), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "line 1"));
    CU_ASSERT_PTR_NULL(m);
    GX_ASSERT_RC(govidx_method_from_json(&m, "[1,2]"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"colour\": \"red\"}"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"normalize\": {\"method\": \"squash\"}}"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(),
                           "method: key 'normalize.method': unknown normalisation method 'squash'");
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"govidx_method\": 2}"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"nodes\": {\"A\": {\"aggregate\": [1]}}}"), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "node 'A'"));
    GX_ASSERT_RC(govidx_method_from_file(&m, "/nonexistent/spec.json"), GOVIDX_EIO);
    GX_ASSERT_RC(govidx_method_from_json(NULL, "{}"), GOVIDX_EINVAL);
}

/* Unknown keys and values are GOVIDX_EFORMAT naming the key (and the node),
 * through every entry point; keys of the whole spec cannot be set per node. */
static void test_strict_keys(void)
{
    govidx_method *m = NULL;
    GX_ASSERT_OK(govidx_method_new(&m));
    GX_ASSERT_RC(govidx_method_set(m, "aggregate.methd", "geometric"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: unknown key 'aggregate.methd'");
    GX_ASSERT_RC(govidx_method_set(m, "aggregate.method", "median"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'aggregate.method': unknown aggregation method 'median'");
    GX_ASSERT_RC(govidx_method_set_node(m, "Conn", "aggregate.methd", "geometric"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "node 'Conn': method: unknown key 'aggregate.methd'");
    GX_ASSERT_RC(govidx_method_set_node(m, "Conn", "weights.method", "critik"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "node 'Conn': method: key 'weights.method': unknown weighting method 'critik'");
    GX_ASSERT_RC(govidx_method_set_node(m, "Conn", "impute.method", "mean"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'impute.method' applies to the whole spec, not to node 'Conn'");
    GX_ASSERT_RC(govidx_method_set_node(m, "Conn", "denominate", "yes"), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_method_set(m, NULL, "x"), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_method_set_node(m, NULL, "aggregate.method", "sum"), GOVIDX_EINVAL);
    /* nothing of the failed calls was stored */
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, "Conn", "weights.method"), "nominal");
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "aggregate.method"), "arithmetic");
    /* every method family's names, aliases stored canonical */
    GX_ASSERT_OK(govidx_method_set(m, "impute.method", "carry-backward"));
    GX_ASSERT_OK(govidx_method_set(m, "normalize.method", "zscore-minmax"));
    GX_ASSERT_OK(govidx_method_set_node(m, "Conn", "aggregate.method", "generalised"));
    CU_ASSERT_STRING_EQUAL(govidx_method_get(m, "Conn", "aggregate.method"), "generalized");
    GX_ASSERT_OK(govidx_method_set_node(m, "Conn", "aggregate.method", "bod-robust"));
    govidx_method_free(m);
    m = NULL;

    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"aggregate\": {\"metod\": \"sum\"}}"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: unknown key 'aggregate.metod'");
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"colour\": \"red\"}"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: unknown key 'colour'");
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"nodes\": {\"O1\": {\"aggregate\": {\"method\": \"medain\"}}}}"),
                 GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(),
                           "node 'O1': method: key 'aggregate.method': unknown aggregation method 'medain'");
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"nodes\": {\"O1\": {\"impute\": \"mean\"}}}"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: key 'impute.method' applies to the whole spec, not to node 'O1'");
    GX_ASSERT_RC(govidx_method_from_json(&m, "{\"nodes\": {\"O1\": {\"colour\": 1}}}"), GOVIDX_EFORMAT);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "method: node 'O1': unknown key 'colour'");
    CU_ASSERT_PTR_NULL(m);
    /* the alias is accepted from JSON and written canonical */
    {
        char *text = NULL;
        GX_ASSERT_OK(govidx_method_from_json(&m, "{\"treat\": \"winsorise\", \"aggregate\": \"generalised\"}"));
        GX_ASSERT_OK(govidx_method_to_json(&text, m));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"method\": \"winsorize\""));
        CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"method\": \"generalized\""));
        CU_ASSERT_PTR_NULL(strstr(text, "winsorise"));
        govidx_free(text);
        govidx_method_free(m);
    }
}

/* Every value of a family round-trips value -> name -> value, the first
 * value past the last has no name (GOVIDX_EINVAL message naming it), and an
 * unknown name is GOVIDX_EFORMAT naming the text. */
#define ROUND_TRIP(type, fam, last, count)                                                   \
    do {                                                                                     \
        type v_;                                                                             \
        int k_;                                                                              \
        for (k_ = 0; k_ <= (int)(last); k_++) {                                              \
            const char *s_ = govidx_##fam##_name((type)k_);                                  \
            CU_ASSERT_PTR_NOT_NULL_FATAL(s_);                                                \
            GX_ASSERT_OK(govidx_##fam##_from_name(&v_, s_));                                 \
            CU_ASSERT_EQUAL((int)v_, k_);                                                    \
        }                                                                                    \
        CU_ASSERT_EQUAL(k_, (count));                                                        \
        CU_ASSERT_PTR_NULL(govidx_##fam##_name((type)k_));                                   \
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "out of range"));                 \
        CU_ASSERT_PTR_NULL(govidx_##fam##_name((type)-1));                                   \
        GX_ASSERT_RC(govidx_##fam##_from_name(&v_, "no-such-name"), GOVIDX_EFORMAT);         \
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'no-such-name'"));               \
        GX_ASSERT_RC(govidx_##fam##_from_name(&v_, NULL), GOVIDX_EINVAL);                    \
    } while (0)

static void test_family_names(void)
{
    govidx_norm_method n;
    govidx_treat_method t;
    govidx_dea_orientation o;
    govidx_method *m = NULL;
    ROUND_TRIP(govidx_norm_method, norm_method, GOVIDX_NORM_ZSCORE_MINMAX, 12);
    ROUND_TRIP(govidx_treat_method, treat_method, GOVIDX_TREAT_BOXCOX, 4);
    ROUND_TRIP(govidx_impute_method, impute_method, GOVIDX_IMPUTE_CARRY_BACKWARD, 7);
    ROUND_TRIP(govidx_carry, carry, GOVIDX_CARRY_BOTH, 3);
    ROUND_TRIP(govidx_weight_method, weight_method, GOVIDX_WEIGHTS_NOMINAL, 6);
    ROUND_TRIP(govidx_aggregate_method, aggregate_method, GOVIDX_AGG_BOD_ROBUST, 14);
    ROUND_TRIP(govidx_dea_rts, dea_rts, GOVIDX_DEA_NDRS, 4);
    ROUND_TRIP(govidx_dea_model, dea_model, GOVIDX_DEA_SBM, 2);
    ROUND_TRIP(govidx_dea_orientation, dea_orientation, GOVIDX_DEA_NONORIENTED, 3);
    ROUND_TRIP(govidx_corr_method, corr_method, GOVIDX_CORR_SPEARMAN, 2);
    /* the names of the spec and of the enums are the same strings */
    GX_ASSERT_OK(govidx_norm_method_from_name(&n, "zscore-minmax"));
    CU_ASSERT_EQUAL(n, GOVIDX_NORM_ZSCORE_MINMAX);
    CU_ASSERT_STRING_EQUAL(govidx_norm_method_name(GOVIDX_NORM_DIST2TARG), "dist2targ");
    CU_ASSERT_STRING_EQUAL(govidx_impute_method_name(GOVIDX_IMPUTE_CARRY_FORWARD), "carry-forward");
    CU_ASSERT_STRING_EQUAL(govidx_weight_method_name(GOVIDX_WEIGHTS_CRITIC_ABS), "critic-abs");
    CU_ASSERT_STRING_EQUAL(govidx_aggregate_method_name(GOVIDX_AGG_BOD_DIRECTIONAL), "bod-directional");
    /* aliases map to the canonical name */
    GX_ASSERT_OK(govidx_treat_method_from_name(&t, "winsorise"));
    CU_ASSERT_STRING_EQUAL(govidx_treat_method_name(t), "winsorize");
    GX_ASSERT_OK(govidx_dea_orientation_from_name(&o, "out"));
    CU_ASSERT_STRING_EQUAL(govidx_dea_orientation_name(o), "output");
    /* every name of every spec family is accepted by the spec and stored as itself */
    GX_ASSERT_OK(govidx_method_new(&m));
    {
        int k;
        for (k = 0; govidx_norm_method_name((govidx_norm_method)k); k++) {
            GX_ASSERT_OK(govidx_method_set(m, "normalize.method", govidx_norm_method_name((govidx_norm_method)k)));
            CU_ASSERT_STRING_EQUAL(govidx_method_get(m, NULL, "normalize.method"),
                                   govidx_norm_method_name((govidx_norm_method)k));
        }
        for (k = 0; govidx_aggregate_method_name((govidx_aggregate_method)k); k++)
            GX_ASSERT_OK(govidx_method_set(m, "aggregate.method",
                                           govidx_aggregate_method_name((govidx_aggregate_method)k)));
        for (k = 0; govidx_weight_method_name((govidx_weight_method)k); k++)
            GX_ASSERT_OK(govidx_method_set(m, "weights.method", govidx_weight_method_name((govidx_weight_method)k)));
        for (k = 0; govidx_impute_method_name((govidx_impute_method)k); k++)
            GX_ASSERT_OK(govidx_method_set(m, "impute.method", govidx_impute_method_name((govidx_impute_method)k)));
        for (k = 0; govidx_treat_method_name((govidx_treat_method)k); k++)
            GX_ASSERT_OK(govidx_method_set(m, "treat.method", govidx_treat_method_name((govidx_treat_method)k)));
    }
    govidx_method_free(m);
}

/* The matrix functions refuse the plan-only values with a message. */
static void test_plan_only_values(void)
{
    double x[4] = {1, 2, 3, 4}, z[4], w[2];
    govidx_norm_options no = GOVIDX_NORM_OPTIONS_INIT;
    govidx_weights_options wo = GOVIDX_WEIGHTS_OPTIONS_INIT;
    govidx_aggregate_options ao = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_impute_options io = GOVIDX_IMPUTE_OPTIONS_INIT;
    const double ww[2] = {1, 1};
    no.method = GOVIDX_NORM_ZSCORE_MINMAX;
    GX_ASSERT_RC(govidx_normalize(govidx_matrix_array(z, 4, 1), govidx_matrix_view_array(x, 4, 1), &no), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "zscore-minmax"));
    wo.method = GOVIDX_WEIGHTS_NOMINAL;
    GX_ASSERT_RC(govidx_weights_compute(w, govidx_matrix_view_array(x, 2, 2), &wo), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "nominal"));
    ao.method = GOVIDX_AGG_BOD;
    GX_ASSERT_RC(govidx_aggregate(z, NULL, govidx_matrix_view_array(x, 2, 2), ww, &ao), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "bod"));
    io.method = GOVIDX_IMPUTE_CARRY_FORWARD;
    GX_ASSERT_RC(govidx_impute(govidx_matrix_array(z, 4, 1), NULL, govidx_matrix_view_array(x, 4, 1), &io), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "carry-forward"));
}

static CU_TestInfo tests[] = {
    {"defaults, set, overrides, bad values", test_defaults_and_set},
    {"JSON round trip is canonical", test_json_round_trip},
    {"JSON errors are named", test_json_errors},
    {"strict keys and values", test_strict_keys},
    {"names <-> enums of every method family", test_family_names},
    {"plan-only values refused by the matrix functions", test_plan_only_values},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"method", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

/*
 * examples/matrix_index.c - compute a composite index from your own arrays,
 * with no HDF5 file: three cities, four indicators in two pillars.
 *
 *     cc matrix_index.c $(pkg-config --cflags --libs govidx) -o matrix_index
 */
#include <govidx.h>
#include <stdio.h>

int main(void)
{
    /* units x indicators, column-major: open datasets, portal visits,
     * broadband share, days to answer a data request (lower is better) */
    static const double values[] = {
        120, 80, 45,    /* datasets */
        3.1, 2.2, 0.9,  /* visits per capita */
        0.92, 0.85, 0.61, /* broadband share */
        12, 30, 45      /* response days */
    };
    static const char *cities[] = {"Hangzhou", "Chengdu", "Lanzhou"};
    static const int year = 2024;
    govidx_matrix_view view = govidx_matrix_view_array(values, 3, 4);
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_framework *fw = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    size_t root, u;
    int rc;

    panel.n_years = 1;
    panel.years = &view;
    panel.year_labels = &year;
    panel.unit_codes = cities;

    rc = govidx_framework_new(&fw);
    if (!rc) rc = govidx_framework_add_indicator(fw, "datasets", "Openness", 1, +1, 0);
    if (!rc) rc = govidx_framework_add_indicator(fw, "visits", "Openness", 1, +1, 1);
    if (!rc) rc = govidx_framework_add_indicator(fw, "broadband", "Coverage", 2, +1, 2);
    if (!rc) rc = govidx_framework_add_indicator(fw, "response_days", "Coverage", 1, -1, 3);
    if (!rc) rc = govidx_framework_add_aggregate(fw, "Openness", "Index", 1);
    if (!rc) rc = govidx_framework_add_aggregate(fw, "Coverage", "Index", 1);
    if (!rc) rc = govidx_framework_add_aggregate(fw, "Index", NULL, 1);
    if (!rc) rc = govidx_framework_seal(fw);
    /* geometric mean across pillars, with a floor so a 0 cannot zero a city */
    if (!rc) rc = govidx_method_from_json(&m, "{\"aggregate\": {\"floor\": 1},"
                                              " \"nodes\": {\"Index\": {\"aggregate\": \"geometric\"}}}");
    if (!rc) rc = govidx_plan_new(&plan, fw, m, &panel);
    if (!rc) rc = govidx_execute(&res, plan, &panel);
    if (!rc) rc = govidx_framework_find(&root, govidx_plan_framework(plan), "Index");
    if (rc) {
        fprintf(stderr, "govidx: %s (%s)\n", govidx_last_error(), govidx_strerror(rc));
        return 1;
    }
    for (u = 0; u < govidx_result_n_units(res); u++)
        printf("%-9s index %6.2f  rank %zu\n", govidx_result_unit_code(res, u),
               govidx_result_score(res, u, 0, root), govidx_result_rank(res, u, 0, root));
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_framework_free(fw);
    return 0;
}

/*
 * tests/mkuncrun.c - test fixture for govidx report --uncertainty RUN:
 * stores an uncertainty analysis of FILE.h5's composite (default method,
 * weights noise 0.25, N replications, seed 1) as the results run NAME, in
 * the layout `govidx uncertainty --write` documents (arrays "scores",
 * "q05_rank", "q95_rank", "q05_score", "q95_score" over units x years x
 * nodes; attribute "analysis" = "uncertainty"), through the library's
 * public run API only, and prints the composite root's rows of the last year
 * (unit,year,q05_rank,q95_rank,q05_score,q95_score) to stdout so the test
 * can compare the report with them.
 *   usage: mkuncrun FILE.h5 NAME N [bad]
 * "bad" stores nominal scores shifted by 1 (a run of another method).
 * SPDX-License-Identifier: MIT
 */
#include <govidx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_uncertainty *u = NULL;
    govidx_uncertainty_options o = GOVIDX_UNCERTAINTY_OPTIONS_INIT;
    govidx_run *run = NULL;
    const char *names[] = {"scores", "q05_rank", "q95_rank", "q05_score", "q95_score"};
    const char **units = NULL, **nodes = NULL;
    int *years = NULL, rc;
    double *a[5] = {NULL};
    size_t nu, ny, nk, i, j, k, y, root;
    if (argc < 4)
        return fprintf(stderr, "usage: mkuncrun FILE.h5 NAME N [bad]\n"), 2;
    o.replications = (size_t)atoi(argv[3]);
    o.weights_noise = 0.25;
    o.seed = 1;
    if ((rc = govidx_dataset_open(&ds, argv[1], NULL)) || (rc = govidx_plan_from_dataset(&plan, ds, NULL)) ||
        (rc = govidx_uncertainty_run_dataset(&u, plan, ds, &o)))
        return fprintf(stderr, "mkuncrun: %s\n", govidx_last_error()), 1;
    nu = govidx_uncertainty_n_units(u), ny = govidx_uncertainty_n_years(u), nk = govidx_uncertainty_n_nodes(u);
    units = malloc(nu * sizeof *units), nodes = malloc(nk * sizeof *nodes), years = malloc(ny * sizeof *years);
    for (j = 0; j < 5; j++)
        a[j] = malloc(nu * ny * nk * sizeof **a);
    for (i = 0; i < nu; i++)
        units[i] = govidx_uncertainty_unit_code(u, i);
    for (k = 0; k < nk; k++)
        nodes[k] = govidx_uncertainty_node_code(u, k);
    for (y = 0; y < ny; y++)
        years[y] = govidx_uncertainty_year(u, y);
    for (y = 0; y < ny; y++)
        for (k = 0; k < nk; k++)
            for (i = 0; i < nu; i++) {
                size_t at = i + nu * (k + nk * y);
                a[0][at] = govidx_uncertainty_nominal_score(u, i, y, k) + (argc > 4 ? 1.0 : 0.0);
                a[1][at] = govidx_uncertainty_rank_quantile(u, i, y, k, 0.05);
                a[2][at] = govidx_uncertainty_rank_quantile(u, i, y, k, 0.95);
                a[3][at] = govidx_uncertainty_score_quantile(u, i, y, k, 0.05);
                a[4][at] = govidx_uncertainty_score_quantile(u, i, y, k, 0.95);
            }
    rc = govidx_run_new(&run, argv[2], nu, ny, nk, units, years, nodes);
    for (j = 0; j < 5 && !rc; j++)
        rc = govidx_run_set_array(run, names[j], a[j]);
    if (!rc)
        rc = govidx_run_set_attr(run, "analysis", "uncertainty");
    govidx_dataset_close(ds);
    if (!rc)
        rc = govidx_run_file_add(argv[1], run, 0);
    if (rc)
        return fprintf(stderr, "mkuncrun: %s\n", govidx_last_error()), 1;
    /* the composite's root (the tallest tree's, as govidx report takes it) in the last year */
    {
        const govidx_framework *fw = govidx_plan_framework(plan);
        int best = -1;
        root = 0;
        for (k = 0; k < govidx_framework_n_nodes(fw); k++)
            if (govidx_framework_parent(fw, k) == (size_t)-1 && !govidx_framework_is_indicator(fw, k) &&
                govidx_framework_level(fw, k) > best) {
                best = govidx_framework_level(fw, k);
                for (root = 0; root < nk && strcmp(nodes[root], govidx_framework_node_code(fw, k)); root++)
                    ;
            }
    }
    y = ny - 1;
    for (i = 0; i < nu; i++) {
        size_t at = i + nu * (root + nk * y);
        printf("%s,%d,%.17g,%.17g,%.17g,%.17g\n", units[i], years[y], a[1][at], a[2][at], a[3][at], a[4][at]);
    }
    govidx_run_free(run);
    govidx_uncertainty_free(u);
    govidx_plan_free(plan);
    for (j = 0; j < 5; j++)
        free(a[j]);
    free(units), free(nodes), free(years);
    return 0;
}

/*
 * tools/cmd_report.c - `govidx report`: a plain-text coverage report per
 * city (level, inequality and where it lies, the worst-covered communities
 * by name).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void report_usage(FILE *f)
{
    fprintf(f, "usage: govidx report FILE.h5 [--variable NAME] [--year Y] [--epsilon E] [--theta T]\n"
               "\n"
               "Coverage report per city from its communities (districts without sub-districts):\n"
               "population-weighted and unweighted level, Gini, Theil T with its within/between\n"
               "split over parent districts, Atkinson, the inequality-adjusted level, the share\n"
               "of the population above the threshold, white zones and the three worst-covered\n"
               "communities by name.  Defaults: the first district variable, the last year.\n");
}

int cmd_report(int argc, char **argv)
{
    const char *file = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_coverage_city *c = NULL;
    govidx_dataset *ds = NULL;
    int i, rc, year = 0;
    size_t u, k, n;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            report_usage(stdout);
            return CLI_EXIT_OK;
        }
        if (!strcmp(a, "--variable") && v) o.variable = v, i++;
        else if (!strcmp(a, "--year") && v) year = atoi(v), i++;
        else if (!strcmp(a, "--epsilon") && v) o.epsilon = atof(v), i++;
        else if (!strcmp(a, "--theta") && v) o.theta = atof(v), i++;
        else if (a[0] != '-' && !file) file = a;
        else {
            report_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file) {
        report_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    rc = govidx_file_validate(file, GOVIDX_VALIDATE_ISOLATED, NULL, NULL);
    if (!rc)
        rc = govidx_dataset_open(&ds, file, NULL);
    if (rc) {
        cli_report(file, rc);
        return CLI_EXIT_FAIL;
    }
    n = govidx_dataset_n_units(ds);
    if (!year)
        year = govidx_dataset_years(ds)[govidx_dataset_n_years(ds) - 1];
    if (!o.variable)
        o.variable = govidx_dataset_district_var_name(ds, 0);
    c = calloc(n ? n : 1, sizeof *c);
    for (u = 0; c && u < n; u++)
        c[u].version = GOVIDX_COVERAGE_CITY_VERSION;
    rc = !c ? GOVIDX_ENOMEM : !o.variable ? GOVIDX_ENOTFOUND : govidx_coverage_cities(c, ds, year, &o);
    if (rc) {
        cli_report(file, rc);
        free(c);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    printf("Coverage of '%s' in %d (Atkinson eps %g, continuity threshold %g)\n\n", o.variable, year, o.epsilon,
           o.theta);
    for (u = 0; u < n; u++) {
        const govidx_coverage_city *x = &c[u];
        if (!x->n_communities)
            continue;
        printf("%s (%s): %zu communities, population %.0f\n", govidx_dataset_unit_name(ds, u),
               govidx_dataset_unit_code(ds, u), x->n_communities, x->population);
        printf("  level %.4f (unweighted %.4f), adjusted %.4f\n", x->level, x->level_unweighted, x->adjusted);
        if (isfinite(x->theil_t))
            printf("  Gini %.4f, Theil T %.4f = within %.4f (%.0f%%) + between %.4f, Atkinson %.4f\n", x->gini,
                   x->theil_t, x->theil_within, x->theil_t > 0 ? 100 * x->theil_within / x->theil_t : 0.0,
                   x->theil_between, x->atkinson);
        printf("  %.1f%% of the population at or above %g; %zu white-zone communities%s\n", 100 * x->continuity,
               o.theta, x->white_zones, x->n_floored ? " (zeros floored for Theil/Atkinson)" : "");
        printf("  worst covered:");
        for (k = 0; k < 3 && x->worst[k] != (size_t)-1; k++) {
            govidx_district d = GOVIDX_DISTRICT_INIT;
            govidx_matrix_view v;
            size_t y, var;
            govidx_dataset_district(ds, x->worst[k], &d);
            govidx_dataset_find_year(ds, year, &y);
            govidx_dataset_find_district_var(ds, o.variable, &var);
            govidx_dataset_district_values(ds, y, &v);
            printf("%s %s (%.3f)", k ? "," : "", d.name && *d.name ? d.name : d.code,
                   v.data[x->worst[k] + var * v.ld]);
        }
        printf("\n\n");
    }
    free(c);
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

/*
 * tools/cli_inventory.c - the open-data section of `govidx summary` and
 * `govidx report` (issue 17).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Open-data inventory per city and year (issue 17): the shares of datasets
 * answered yes, the departments publishing, and the government departments
 * of the city (actors of sector "gov-dept") that publish nothing. */
static const char *const inv_crit_names[] = {"machine-readable", "bulk", "open licence", "up to date", "API"};
static const int inv_crits[] = {GOVIDX_CRIT_MACHINE_READABLE, GOVIDX_CRIT_BULK, GOVIDX_CRIT_OPEN_LICENCE,
                                GOVIDX_CRIT_UP_TO_DATE, GOVIDX_CRIT_API};

static int same_name(const char *a, const char *b)
{
    return a && b && !strcasecmp(a, b);
}

/* The catalogue measures of a unit and year from the records a format-1.1
 * file keeps (issue 17), as of the file's catalogue reference date; the
 * city's gov-dept actors are its departments. */
static void print_stored_catalogue(const govidx_dataset *ds, const char *unit, int year)
{
    static const char *const nodes[] = {"machine_readable_share", "non_proprietary_share", "bulk_download_share",
                                        "api_share", "open_licence_share", "metadata_completeness",
                                        "updated_on_time_share", "high_value_coverage"};
    static const char *const names[] = {"machine-readable", "non-proprietary", "bulk", "API", "open licence",
                                        "metadata completeness", "on time", "key categories covered"};
    const char *ref = govidx_dataset_attr(ds, GOVIDX_CATALOGUE_REFERENCE_DATE_ATTR);
    govidx_catalogue *c = NULL;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_result *r = NULL;
    const char *depts[512];
    size_t nd = 0, j, k, node;
    if (!ref || govidx_catalogue_from_dataset(&c, ds, unit, year) != GOVIDX_OK) {
        govidx_clear_error();
        return;
    }
    for (j = 0; j < govidx_dataset_n_actors(ds) && nd < 512; j++) {
        govidx_actor a = GOVIDX_ACTOR_INIT;
        if (!govidx_dataset_actor(&a, ds, j) && same_name(a.unit, unit) && a.sector && !strcmp(a.sector, "gov-dept"))
            depts[nd++] = a.name ? a.name : a.code;
    }
    o.reference_date = ref;
    if (govidx_catalogue_set_departments(c, depts, nd) ||
        govidx_catalogue_compute(&r, (const govidx_catalogue *const *)&c, 1, &o)) {
        printf("             catalogue: not measured (%s)\n", govidx_last_error());
        govidx_clear_error();
        govidx_catalogue_free(c);
        return;
    }
    printf("             catalogue as of %s (%zu records kept):", ref, govidx_catalogue_n_datasets(c));
    for (k = 0; k < sizeof nodes / sizeof *nodes; k++)
        if (govidx_result_find_node(&node, r, nodes[k]) == GOVIDX_OK)
            printf("%s %s %.1f%%", k ? "," : "", names[k], govidx_result_score(r, 0, 0, node));
    if (govidx_result_find_node(&node, r, "median_days_since_update") == GOVIDX_OK &&
        govidx_result_score(r, 0, 0, node) == govidx_result_score(r, 0, 0, node))
        printf(", median %.1f days since update", govidx_result_score(r, 0, 0, node));
    printf("\n");
    k = govidx_result_n_labels(r, 0, 0, GOVIDX_CATALOGUE_UNCOVERED);
    printf("             key categories not covered (%zu)%s", k, k ? ":" : "");
    for (j = 0; j < k; j++)
        printf("%s %s", j ? ";" : "", govidx_result_label(r, 0, 0, GOVIDX_CATALOGUE_UNCOVERED, j));
    printf("\n");
    govidx_clear_error();
    govidx_result_free(r);
    govidx_catalogue_free(c);
}

void cli_print_inventory(const govidx_dataset *ds)
{
    size_t n_inv = govidx_dataset_n_inventory(ds), n_act = govidx_dataset_n_actors(ds), u, y, k, j, c;
    for (u = 0; u < govidx_dataset_n_units(ds); u++)
        for (y = 0; y < govidx_dataset_n_years(ds); y++) {
            const char *unit = govidx_dataset_unit_code(ds, u);
            int year = govidx_dataset_years(ds)[y];
            size_t n = 0, yes[5] = {0}, known[5] = {0}, depts = 0, silos = 0, publishing = 0;
            for (k = 0; k < n_inv; k++) {
                govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
                if (govidx_dataset_inventory(&e, ds, k) || e.year != year || strcmp(e.unit, unit))
                    continue;
                n++;
                for (c = 0; c < 5; c++) {
                    known[c] += e.answers[inv_crits[c]] != GOVIDX_ANSWER_MISSING;
                    yes[c] += e.answers[inv_crits[c]] == GOVIDX_ANSWER_YES;
                }
            }
            if (!n)
                continue;
            printf("open data    %s %d: %zu datasets;", unit, year, n);
            for (c = 0; c < 5; c++)
                if (known[c])
                    printf(" %s %.1f%% (%zu of %zu)%s", inv_crit_names[c], 100.0 * (double)yes[c] / (double)known[c],
                           yes[c], known[c], c < 4 ? "," : "");
            printf("\n");
            print_stored_catalogue(ds, unit, year);
            /* government departments of the city, publishing or not; the
             * silos are only named when the inventory's publisher names
             * match the actors' at all (else it is a naming mismatch) */
            {
                size_t n_pub = 0, n_unlisted = 0;
                for (k = 0; k < n_inv; k++) {
                    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT, f;
                    int first = 1, listed = 0;
                    if (govidx_dataset_inventory(&e, ds, k) || e.year != year || strcmp(e.unit, unit) ||
                        !e.department)
                        continue;
                    for (j = 0; j < k && first; j++) { /* count each publisher once */
                        f = (govidx_inventory_entry)GOVIDX_INVENTORY_ENTRY_INIT;
                        first = govidx_dataset_inventory(&f, ds, j) || f.year != year || strcmp(f.unit, unit) ||
                                !same_name(f.department, e.department);
                    }
                    if (!first)
                        continue;
                    n_pub++;
                    for (j = 0; j < n_act && !listed; j++) {
                        govidx_actor a = GOVIDX_ACTOR_INIT;
                        listed = !govidx_dataset_actor(&a, ds, j) && same_name(a.unit, unit) && a.sector &&
                                 !strcmp(a.sector, "gov-dept") &&
                                 (same_name(e.department, a.name) || same_name(e.department, a.code));
                    }
                    n_unlisted += !listed;
                }
                for (j = 0; j < n_act; j++) {
                    govidx_actor a = GOVIDX_ACTOR_INIT;
                    if (!govidx_dataset_actor(&a, ds, j) && same_name(a.unit, unit) && a.sector &&
                        !strcmp(a.sector, "gov-dept"))
                        depts++;
                }
                if (depts && n_pub && n_unlisted == n_pub) {
                    printf("             departments: none of the %zu publishers is named as one of the %zu "
                           "gov-dept actors; silos not determined\n", n_pub, depts);
                    continue;
                }
                depts = 0;
                for (j = 0; j < n_act; j++) {
                    govidx_actor a = GOVIDX_ACTOR_INIT;
                    int pub = 0;
                    if (govidx_dataset_actor(&a, ds, j) || !same_name(a.unit, unit) || !a.sector ||
                        strcmp(a.sector, "gov-dept"))
                        continue;
                    depts++;
                    for (k = 0; k < n_inv && !pub; k++) {
                        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
                        pub = !govidx_dataset_inventory(&e, ds, k) && e.year == year && !strcmp(e.unit, unit) &&
                              (same_name(e.department, a.name) || same_name(e.department, a.code));
                    }
                    if (pub)
                        publishing++;
                    else
                        printf("%s%s", silos++ ? "; " : "             departments publishing nothing: ",
                               a.name ? a.name : a.code);
                }
                if (silos)
                    printf("\n");
                if (depts)
                    printf("             departments publishing: %zu of %zu gov-dept actors (%zu publishers not "
                           "among them)\n", publishing, depts, n_unlisted);
            }
        }
}


/*
 * tools/cmd_summary.c - `govidx summary FILE.h5`: validate the file in a
 * separate process, then open it and print govidx_dataset_summary().
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void summary_problem(void *ctx, const char *object, const char *message)
{
    printf("%s: %s: %s\n", (const char *)ctx, object, message);
}

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

static void print_inventory_section(const govidx_dataset *ds)
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
            /* government departments of the city, publishing or not */
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
                printf("             departments publishing: %zu of %zu gov-dept actors\n", publishing, depts);
        }
}

int cmd_summary(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    char *text = NULL;
    int rc;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: govidx summary FILE.h5\n\nPrint a short summary of a city dataset.\n");
        return CLI_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: govidx summary FILE.h5\n");
        return CLI_EXIT_USAGE;
    }
    rc = govidx_dataset_validate_file(argv[1], GOVIDX_VALIDATE_ISOLATED, summary_problem, argv[1]);
    if (rc) {
        cli_report(argv[1], rc);
        return CLI_EXIT_FAIL;
    }
    rc = govidx_dataset_open(&ds, argv[1], NULL);
    if (!rc)
        rc = govidx_dataset_summary(&text, ds);
    if (rc) {
        cli_report(argv[1], rc);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    fputs(text, stdout);
    govidx_free(text);
    print_inventory_section(ds);
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

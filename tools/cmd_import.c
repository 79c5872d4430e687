/*
 * tools/cmd_import.c - `govidx import`: build a format-v1 file from CSV.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void import_usage(FILE *f)
{
    fprintf(f,
            "usage: govidx import --data DATA.csv --meta META.csv [--districts D.csv]\n"
            "                     [--inventory I.csv] [--actors A.csv --edges E.csv] [--dea DEA.csv]\n"
            "                     [--title T] [--source S] [--licence L] [--year Y] [--force] -o OUT.h5\n"
            "\n"
            "Builds a city dataset (format v1) from CSV files; COINr's iData/iMeta files are\n"
            "accepted as they are.  Problems are listed as file:line:column: message and\n"
            "nothing is written.  OUT.h5 is written atomically; an existing file is replaced\n"
            "only with --force.  See docs/import.md for the layouts.\n");
}

static void print_problem(void *ctx, const char *object, const char *message)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", object, message);
}

int cmd_import(int argc, char **argv)
{
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    const char *out = NULL, *title = NULL, *source = NULL, *licence = NULL;
    govidx_dataset *ds = NULL;
    unsigned flags = 0;
    int i, rc;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            import_usage(stdout);
            return CLI_EXIT_OK;
        }
        if (!strcmp(a, "--force")) {
            flags |= GOVIDX_WRITE_REPLACE;
            continue;
        }
        if (!strcmp(a, "--data")) slot = &src.data;
        else if (!strcmp(a, "--meta")) slot = &src.meta;
        else if (!strcmp(a, "--districts")) slot = &src.districts;
        else if (!strcmp(a, "--inventory")) slot = &src.inventory;
        else if (!strcmp(a, "--actors")) slot = &src.actors;
        else if (!strcmp(a, "--edges")) slot = &src.edges;
        else if (!strcmp(a, "--dea")) slot = &src.dea;
        else if (!strcmp(a, "--title")) slot = &title;
        else if (!strcmp(a, "--source")) slot = &source;
        else if (!strcmp(a, "--licence") || !strcmp(a, "--license")) slot = &licence;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) slot = &out;
        else if (!strcmp(a, "--year") && v) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*end || y < -9999 || y > 99999 || y == 0) {
                fprintf(stderr, "govidx import: --year takes a year, not '%s'\n", v);
                return CLI_EXIT_USAGE;
            }
            src.default_year = (int)y;
            i++;
            continue;
        }
        if (!slot || !v) {
            fprintf(stderr, "govidx import: unexpected argument '%s'\n", a);
            import_usage(stderr);
            return CLI_EXIT_USAGE;
        }
        *slot = v;
        i++;
    }
    if (!src.data || !src.meta || !out) {
        fprintf(stderr, "govidx import: --data, --meta and -o are required\n");
        import_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if ((src.actors == NULL) != (src.edges == NULL)) {
        fprintf(stderr, "govidx import: --actors and --edges go together\n");
        return CLI_EXIT_USAGE;
    }
    if (!cli_output_ok(out))
        return CLI_EXIT_FAIL;
    rc = govidx_import_csv(&ds, &src, print_problem, NULL);
    if (rc) {
        fprintf(stderr, "govidx import: nothing written (%s)\n", govidx_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    if ((title && (rc = govidx_dataset_set_attr(ds, "title", title))) ||
        (source && (rc = govidx_dataset_set_attr(ds, "source", source))) ||
        (licence && (rc = govidx_dataset_set_attr(ds, "licence", licence))) ||
        (rc = govidx_dataset_write(ds, out, flags))) {
        if (rc == GOVIDX_EEXIST)
            fprintf(stderr, "govidx import: %s already exists (add --force to replace it)\n", out);
        else
            cli_report(out, rc);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    printf("%s: %zu units, %zu years, %zu variables, %zu nodes, %zu districts, %zu inventory entries, "
           "%zu actors, %zu edges\n",
           out, govidx_dataset_n_units(ds), govidx_dataset_n_years(ds), govidx_dataset_n_indicators(ds),
           govidx_dataset_n_nodes(ds), govidx_dataset_n_districts(ds), govidx_dataset_n_inventory(ds),
           govidx_dataset_n_actors(ds), govidx_dataset_n_edges(ds));
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

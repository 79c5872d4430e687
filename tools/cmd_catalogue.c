/*
 * tools/cmd_catalogue.c - `govidx catalogue`: openness measures of open-data
 * portal catalogues (docs/methods/openness-catalogue.md), per city and
 * year, with the departments that publish nothing.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CATALOGUES 256

static void usage(FILE *f)
{
    fprintf(f,
            "usage: govidx catalogue --reference-date YYYY-MM-DD [--keys hvd|godi] [--grace G]\n"
            "                        [--framework] [-o OUT.csv]\n"
            "                        --catalogue FILE [--catalogue-unit CODE] [--catalogue-year Y]\n"
            "                        [--catalogue-format auto|dcat-us|ckan|socrata|csv]\n"
            "                        [--population N] [--departments CSV] [--catalogue FILE ...]\n"
            "                        [--exclude CODE,...] [--only CODE,...]\n"
            "Reads one portal catalogue per city and year (DCAT-US data.json, CKAN API JSON,\n"
            "Socrata discovery-API JSON or flat CSV) and prints, per catalogue, the openness\n"
            "measures, the departments that publish nothing (--departments: a CSV with a\n"
            "'department' column), the uncovered key categories and the source fields not\n"
            "mapped.  The options after a --catalogue apply to it; --catalogue-unit defaults\n"
            "to the file name, --catalogue-year to the reference date's year.  -o writes the\n"
            "measures as CSV (unit,year,node,score,rank); --framework adds the O1-O5 scores.\n"
            "--exclude / --only leave out the catalogues of these units (by --catalogue-unit\n"
            "or file name; unknown codes are named) and say so.\n");
}

typedef struct cat_arg {
    const char *path, *unit, *departments;
    int year, has_year, format;
    double population;
} cat_arg;

/* --catalogue-unit, else the file name without directory and extension */
static const char *unit_name(const cat_arg *a, char *buf, size_t cap)
{
    const char *slash;
    if (a->unit)
        return a->unit;
    slash = strrchr(a->path, '/');
    snprintf(buf, cap, "%s", slash ? slash + 1 : a->path);
    if (strchr(buf, '.'))
        *strchr(buf, '.') = 0;
    return buf;
}

static int load_departments(govidx_catalogue *c, const char *path)
{
    govidx_table *t = NULL;
    size_t col, n, i;
    const char **names = NULL;
    int rc = govidx_table_read_csv(&t, path, NULL);
    if (rc)
        return rc;
    if (govidx_table_find_col_nocase(&col, t, "department") != GOVIDX_OK &&
        govidx_table_find_col_nocase(&col, t, "name") != GOVIDX_OK) {
        govidx_table_free(t);
        fprintf(stderr, "govidx catalogue: %s: no 'department' column\n", path);
        return GOVIDX_EFORMAT;
    }
    n = govidx_table_n_rows(t);
    names = calloc(n ? n : 1, sizeof *names);
    if (!names) {
        govidx_table_free(t);
        return GOVIDX_ENOMEM;
    }
    for (i = 0; i < n; i++)
        names[i] = govidx_table_cell(t, i, col);
    rc = govidx_catalogue_set_departments(c, names, n);
    free(names);
    govidx_table_free(t);
    return rc;
}

static void print_labels(const govidx_result *r, size_t u, size_t y, const char *key, const char *title)
{
    size_t n = govidx_result_n_labels(r, u, y, key);
    printf("  %s (%zu):", title, n);
    for (size_t i = 0; i < n; i++)
        printf("%s %s", i ? ";" : "", govidx_result_label(r, u, y, key, i));
    printf("\n");
}

int cmd_catalogue(int argc, char **argv)
{
    cat_arg args[MAX_CATALOGUES];
    govidx_catalogue *cats[MAX_CATALOGUES];
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_result *r = NULL, *fw = NULL;
    const char *out = NULL;
    size_t n = 0, i, u, y, node;
    int framework = 0, rc, status = CLI_EXIT_FAIL;
    cli_units units = {NULL, NULL};
    for (int a = 1; a < argc; a++) {
        const char *opt = argv[a], *val = a + 1 < argc ? argv[a + 1] : NULL;
        if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if (!strcmp(opt, "--framework")) {
            framework = 1;
            continue;
        }
        if (!val) {
            fprintf(stderr, "govidx catalogue: %s needs a value\n", opt);
            usage(stderr);
            return CLI_EXIT_USAGE;
        }
        a++;
        if (cli_units_arg(&units, opt, val) == 1)
            continue;
        if (!strcmp(opt, "--catalogue")) {
            if (n == MAX_CATALOGUES) {
                fprintf(stderr, "govidx catalogue: more than %d catalogues\n", MAX_CATALOGUES);
                return CLI_EXIT_USAGE;
            }
            memset(&args[n], 0, sizeof args[n]);
            args[n].path = val;
            args[n].population = NAN;
            n++;
        } else if (!strcmp(opt, "--reference-date"))
            o.reference_date = val;
        else if (!strcmp(opt, "--grace")) {
            char *end;
            o.grace_factor = strtod(val, &end);
            if (*end || end == val) {
                fprintf(stderr, "govidx catalogue: --grace '%s' is not a number\n", val);
                return CLI_EXIT_USAGE;
            }
        } else if (!strcmp(opt, "--keys")) {
            if (!strcmp(val, "hvd"))
                o.key_list = GOVIDX_CATALOGUE_KEYS_HVD;
            else if (!strcmp(val, "godi"))
                o.key_list = GOVIDX_CATALOGUE_KEYS_GODI;
            else {
                fprintf(stderr, "govidx catalogue: --keys '%s': expected hvd or godi\n", val);
                return CLI_EXIT_USAGE;
            }
        } else if (!strcmp(opt, "-o"))
            out = val;
        else if (!n) {
            fprintf(stderr, "govidx catalogue: %s before any --catalogue\n", opt);
            return CLI_EXIT_USAGE;
        } else if (!strcmp(opt, "--catalogue-unit"))
            args[n - 1].unit = val;
        else if (!strcmp(opt, "--catalogue-year")) {
            char *end;
            long v = strtol(val, &end, 10);
            if (*end || end == val || v < 1000 || v > 9999) {
                fprintf(stderr, "govidx catalogue: --catalogue-year '%s' is not a year\n", val);
                return CLI_EXIT_USAGE;
            }
            args[n - 1].year = (int)v;
            args[n - 1].has_year = 1;
        } else if (!strcmp(opt, "--catalogue-format")) {
            if (govidx_catalogue_format_from_name(&args[n - 1].format, val) != GOVIDX_OK) {
                fprintf(stderr, "govidx catalogue: --catalogue-format '%s': expected auto, dcat-us, ckan, "
                        "socrata or csv\n", val);
                return CLI_EXIT_USAGE;
            }
        } else if (!strcmp(opt, "--population")) {
            char *end;
            args[n - 1].population = strtod(val, &end);
            if (*end || end == val) {
                fprintf(stderr, "govidx catalogue: --population '%s' is not a number\n", val);
                return CLI_EXIT_USAGE;
            }
        } else if (!strcmp(opt, "--departments"))
            args[n - 1].departments = val;
        else {
            fprintf(stderr, "govidx catalogue: unknown option %s\n", opt);
            usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!n || !o.reference_date) {
        fprintf(stderr, "govidx catalogue: --catalogue and --reference-date are required\n");
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (units.exclude || units.only) {
        /* --exclude / --only: the catalogues of the units taken (by their
         * unit codes; with --framework the O1-O5 scores are relative to the
         * catalogues measured) */
        const char *codes[MAX_CATALOGUES];
        char bases[MAX_CATALOGUES][256];
        unsigned char keep[MAX_CATALOGUES];
        size_t w = 0;
        for (i = 0; i < n; i++)
            codes[i] = unit_name(&args[i], bases[i], sizeof bases[i]);
        if (cli_units_mask(keep, &units, codes, n, "catalogue"))
            return CLI_EXIT_FAIL;
        for (i = 0; i < n; i++) {
            if (!keep[i]) {
                printf("govidx catalogue: %s left out: %s\n", args[i].path, cli_units_reason(&units, codes[i]));
                continue;
            }
            args[w++] = args[i];
        }
        n = w;
    }
    memset(cats, 0, sizeof cats);
    for (i = 0; i < n; i++) {
        char base[256];
        const char *unit = unit_name(&args[i], base, sizeof base);
        if ((rc = govidx_catalogue_read_file(&cats[i], args[i].path, args[i].format))) {
            cli_report(args[i].path, rc);
            goto done;
        }
        if ((rc = govidx_catalogue_set_unit(cats[i], unit,
                                            args[i].has_year ? args[i].year : atoi(o.reference_date))) ||
            (rc = govidx_catalogue_set_population(cats[i], args[i].population)) ||
            (args[i].departments && (rc = load_departments(cats[i], args[i].departments)))) {
            cli_report(args[i].path, rc);
            goto done;
        }
    }
    if ((rc = govidx_catalogue_compute(&r, (const govidx_catalogue *const *)cats, n, &o))) {
        cli_report("catalogue", rc);
        goto done;
    }
    if (framework && (rc = govidx_openness_catalogue_compute(&fw, r, NULL))) {
        cli_report("openness framework", rc);
        goto done;
    }
    for (i = 0; i < n; i++) {
        size_t k;
        char base[256];
        /* the cell of catalogue i, by its unit and year */
        if (govidx_result_find_unit(&u, r, unit_name(&args[i], base, sizeof base)) ||
            govidx_result_find_year(&y, r, args[i].has_year ? args[i].year : atoi(o.reference_date)))
            continue;
        printf("%s %d  (%s, %s: %zu datasets, %zu duplicate identifiers)\n", govidx_result_unit_code(r, u),
               govidx_result_year(r, y), args[i].path,
               govidx_catalogue_format_name(govidx_catalogue_format_of(cats[i])),
               govidx_catalogue_n_datasets(cats[i]), govidx_catalogue_n_duplicates(cats[i]));
        for (node = 0; node < govidx_result_n_nodes(r); node++) {
            double v = govidx_result_score(r, u, y, node);
            if (isnan(v))
                printf("  %-30s  missing\n", govidx_result_node_code(r, node));
            else
                printf("  %-30s %8.2f\n", govidx_result_node_code(r, node), v);
        }
        if (fw)
            for (node = 0; node < govidx_result_n_nodes(fw); node++) {
                const char *code = govidx_result_node_code(fw, node);
                if (code[0] == 'O' && (code[1] == 0 || (code[1] >= '1' && code[1] <= '5' && !code[2])))
                    printf("  openness %-21s %8.2f\n", code, govidx_result_score(fw, u, y, node));
            }
        if (govidx_result_n_labels(r, u, y, GOVIDX_CATALOGUE_SILO) ||
            (govidx_result_find_node(&node, r, "departments_publishing") == GOVIDX_OK &&
             !isnan(govidx_result_score(r, u, y, node))))
            print_labels(r, u, y, GOVIDX_CATALOGUE_SILO, "departments publishing nothing");
        if (govidx_result_n_labels(r, u, y, GOVIDX_CATALOGUE_UNLISTED))
            print_labels(r, u, y, GOVIDX_CATALOGUE_UNLISTED, "publishers not in the departments list");
        print_labels(r, u, y, GOVIDX_CATALOGUE_UNCOVERED, "key categories not covered");
        printf("  source fields not mapped (%zu):", govidx_catalogue_n_unmapped(cats[i]));
        for (k = 0; k < govidx_catalogue_n_unmapped(cats[i]); k++) {
            size_t cnt;
            const char *f = govidx_catalogue_unmapped(cats[i], k, &cnt);
            printf("%s %s x%zu", k ? ";" : "", f, cnt);
        }
        printf("\n");
    }
    if (out && (rc = govidx_result_write_csv(r, out))) {
        cli_report(out, rc);
        goto done;
    }
    status = CLI_EXIT_OK;
done:
    govidx_result_free(r);
    govidx_result_free(fw);
    for (i = 0; i < n; i++)
        govidx_catalogue_free(cats[i]);
    return status;
}

/*
 * tools/cmd_import.c - `govidx import`: build a format-v1 file from CSV.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void import_usage(FILE *f)
{
    fprintf(f,
            "usage: govidx import --data DATA.csv --meta META.csv [--districts D.csv]\n"
            "                     [--inventory I.csv] [--actors A.csv --edges E.csv] [--dea DEA.csv]\n"
            "                     [--departments DEPTS.csv]\n"
            "                     [--title T] [--source S] [--licence L] [--year Y] [--force] -o OUT.h5\n"
            "                     [--thousands C] [--decimal C] [--unit-column NAME] [--year-column NAME]\n"
            "                     [--data Y1.csv --year Y1 --data Y2.csv --year Y2 ...]\n"
            "                     [--data 'DIR/file_{year}.csv']\n"
            "                     [--catalogue FILE [--catalogue-unit CODE] [--catalogue-year Y] ...\n"
            "                      --reference-date YYYY-MM-DD]\n"
            "\n"
            "Builds a city dataset (format v1) from CSV files; COINr's iData/iMeta files are\n"
            "accepted as they are.  Problems are listed as file:line:column: message and\n"
            "nothing is written.  OUT.h5 is written atomically; an existing file is replaced\n"
            "only with --force.  See docs/import.md for the layouts.\n"
            "--thousands , reads \"24,140\" as 24140; --decimal , reads \"3,5\" as 3.5.\n"
            "--data repeated, each followed by --year Y, or a path with {year}: one file per\n"
            "year, stacked into one panel (every file must list the same units).  At most\n"
            "10 problems are listed, then their count.\n"
            "--catalogue adds a portal catalogue (DCAT-US data.json, CKAN or Socrata JSON, CSV)\n"
            "to the open-data inventory: one entry per dataset of the unit (default: the file\n"
            "name) and year (default: the reference date's year); see\n"
            "docs/methods/openness-catalogue.md.\n"
            "--departments lists each city's departments (columns unit, department, optional\n"
            "code); they are stored as actors of sector gov-dept, so summary and report name\n"
            "the departments that publish nothing.\n");
}

/* --catalogue FILE [--catalogue-unit CODE] [--catalogue-year Y] (repeatable)
 * and --reference-date D: portal catalogues into the inventory (issue 17,
 * docs/methods/openness-catalogue.md). */
#define IMPORT_MAX_CATALOGUES 256
typedef struct import_catalogues {
    size_t n;
    const char *path[IMPORT_MAX_CATALOGUES], *unit[IMPORT_MAX_CATALOGUES];
    int year[IMPORT_MAX_CATALOGUES];
    const char *reference_date;
} catalogue_args;

/* 1: argv[*i] was a catalogue option (consumed), 0: not one, -1: usage error. */
static int catalogue_arg(catalogue_args *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(a, "--catalogue") && strcmp(a, "--catalogue-unit") && strcmp(a, "--catalogue-year") &&
        strcmp(a, "--reference-date"))
        return 0;
    if (!v) {
        fprintf(stderr, "govidx import: %s needs a value\n", a);
        return -1;
    }
    (*i)++;
    if (!strcmp(a, "--reference-date")) {
        c->reference_date = v;
        return 1;
    }
    if (!strcmp(a, "--catalogue")) {
        if (c->n == IMPORT_MAX_CATALOGUES) {
            fprintf(stderr, "govidx import: more than %d catalogues\n", IMPORT_MAX_CATALOGUES);
            return -1;
        }
        c->path[c->n] = v;
        c->unit[c->n] = NULL;
        c->year[c->n] = 0;
        c->n++;
        return 1;
    }
    if (!c->n) {
        fprintf(stderr, "govidx import: %s before any --catalogue\n", a);
        return -1;
    }
    if (!strcmp(a, "--catalogue-unit"))
        c->unit[c->n - 1] = v;
    else {
        char *end;
        long y = strtol(v, &end, 10);
        if (*end || end == v || y < 1000 || y > 9999) {
            fprintf(stderr, "govidx import: --catalogue-year takes a year, not '%s'\n", v);
            return -1;
        }
        c->year[c->n - 1] = (int)y;
    }
    return 1;
}

/* Read each catalogue and append its datasets to the inventory; report what
 * the inventory does not store. */
static int import_catalogues(govidx_dataset *ds, const catalogue_args *c)
{
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    int rc = GOVIDX_OK;
    o.reference_date = c->reference_date;
    for (size_t k = 0; k < c->n && rc == GOVIDX_OK; k++) {
        govidx_catalogue *cat = NULL;
        char base[256];
        const char *unit = c->unit[k], *slash;
        if (!unit) { /* the file name without directory and extension */
            slash = strrchr(c->path[k], '/');
            snprintf(base, sizeof base, "%s", slash ? slash + 1 : c->path[k]);
            if (strchr(base, '.'))
                *strchr(base, '.') = 0;
            unit = base;
        }
        if ((rc = govidx_catalogue_read_file(&cat, c->path[k], GOVIDX_CATALOGUE_AUTO)) ||
            (rc = govidx_catalogue_set_unit(cat, unit, c->year[k] ? c->year[k] : atoi(c->reference_date))) ||
            (rc = govidx_catalogue_to_inventory(ds, cat, &o))) {
            cli_report(c->path[k], rc);
        } else {
            size_t m = govidx_catalogue_n_unmapped(cat), cnt;
            printf("%s: %zu datasets into the inventory of %s %d (%s; %zu duplicate identifiers dropped); "
                   "every record kept whole in the inventory (format 1.1); source fields the measures do not "
                   "read",
                   c->path[k], govidx_catalogue_n_datasets(cat), unit,
                   c->year[k] ? c->year[k] : atoi(c->reference_date),
                   govidx_catalogue_format_name(govidx_catalogue_format_of(cat)), govidx_catalogue_n_duplicates(cat));
            for (size_t j = 0; j < m; j++) {
                const char *f = govidx_catalogue_unmapped(cat, j, &cnt);
                printf("%s %s x%zu", j ? "," : ":", f, cnt);
            }
            printf("\n");
        }
        govidx_catalogue_free(cat);
    }
    return rc;
}

/* --departments FILE.csv: the city's departments (columns unit and
 * department, optional code), stored as actors of sector "gov-dept" so
 * publisher breadth and the silos (departments publishing nothing) are
 * found from the file (docs/methods/openness-catalogue.md).  A department
 * already an actor of that unit (same name or code) is not added twice. */
static int import_departments(govidx_dataset *ds, const char *path)
{
    govidx_table *t = NULL;
    size_t cu, cd, cc, i, j, added = 0, kept = 0, n;
    int has_code, rc = govidx_table_read_csv(&t, path, NULL);
    if (rc) {
        cli_report(path, rc);
        return rc;
    }
    if (govidx_table_find_col_nocase(&cu, t, "unit") != GOVIDX_OK ||
        (govidx_table_find_col_nocase(&cd, t, "department") != GOVIDX_OK &&
         govidx_table_find_col_nocase(&cd, t, "name") != GOVIDX_OK)) {
        fprintf(stderr, "govidx import: %s: needs the columns unit and department\n", path);
        govidx_table_free(t);
        return GOVIDX_EFORMAT;
    }
    has_code = govidx_table_find_col_nocase(&cc, t, "code") == GOVIDX_OK;
    govidx_clear_error();
    n = govidx_table_n_rows(t);
    for (i = 0; i < n && rc == GOVIDX_OK; i++) {
        const char *unit = govidx_table_cell(t, i, cu), *name = govidx_table_cell(t, i, cd);
        const char *code = has_code ? govidx_table_cell(t, i, cc) : NULL;
        char own[512];
        size_t u;
        int dup = 0;
        if (!unit || !*unit || !name || !*name) {
            fprintf(stderr, "%s:%zu: a department needs a unit and a name\n", path, govidx_table_line(t, i));
            rc = GOVIDX_EFORMAT;
            break;
        }
        if (govidx_dataset_find_unit(&u, ds, unit) != GOVIDX_OK) {
            fprintf(stderr, "%s:%zu: unit '%s' is not in the data\n", path, govidx_table_line(t, i), unit);
            rc = GOVIDX_ENOTFOUND;
            break;
        }
        for (j = 0; j < govidx_dataset_n_actors(ds) && !dup; j++) {
            govidx_actor a = GOVIDX_ACTOR_INIT;
            dup = !govidx_dataset_actor(&a, ds, j) && a.unit && !strcasecmp(a.unit, unit) &&
                  ((a.name && !strcasecmp(a.name, name)) || (a.code && !strcasecmp(a.code, code ? code : name)));
        }
        if (dup) {
            kept++;
            continue;
        }
        if (!code || !*code) { /* actor codes are unique across units */
            snprintf(own, sizeof own, "%s:%s", unit, name);
            code = own;
        }
        govidx_actor a = GOVIDX_ACTOR_INIT;
        a.code = code;
        a.name = name;
        a.unit = unit;
        a.sector = "gov-dept";
        a.level = "city";
        if ((rc = govidx_dataset_add_actor(ds, &a)))
            fprintf(stderr, "%s:%zu: %s\n", path, govidx_table_line(t, i), govidx_last_error());
        else
            added++;
    }
    govidx_clear_error();
    if (rc == GOVIDX_OK)
        printf("%s: %zu departments added as gov-dept actors (%zu already actors)\n", path, added, kept);
    govidx_table_free(t);
    return rc;
}

#define IMPORT_SHOWN_PROBLEMS 10

/* The first IMPORT_SHOWN_PROBLEMS problems are printed, the rest counted. */
static void print_problem(void *ctx, const char *object, const char *message)
{
    size_t *n = ctx;
    if ((*n)++ < IMPORT_SHOWN_PROBLEMS)
        fprintf(stderr, "%s: %s\n", object, message);
}

/* The data files: repeated --data, each with its own --year, or one path
 * with {year} expanded over the files that exist. */
typedef struct data_args {
    size_t n, cap;
    char **path; /* owned */
    int *year;
} data_args;

static int data_push(data_args *d, const char *path, int year)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 8;
        char **p = realloc(d->path, cap * sizeof *p);
        int *y;
        if (!p)
            return -1;
        d->path = p;
        if (!(y = realloc(d->year, cap * sizeof *y)))
            return -1;
        d->year = y;
        d->cap = cap;
    }
    if (!(d->path[d->n] = strdup(path)))
        return -1;
    d->year[d->n++] = year;
    return 0;
}

static void data_free(data_args *d)
{
    for (size_t k = 0; k < d->n; k++)
        free(d->path[k]);
    free(d->path);
    free(d->year);
}

/* 'DIR/egov_{year}.csv': every existing DIR/egov_YYYY.csv, years ascending. */
static int data_expand(data_args *d, const char *pattern)
{
    const char *at = strstr(pattern, "{year}");
    size_t pre = (size_t)(at - pattern), post = strlen(at + 6), k;
    char *g = malloc(strlen(pattern) + 40);
    glob_t gl;
    int rc;
    if (!g)
        return -1;
    snprintf(g, strlen(pattern) + 40, "%.*s[0-9][0-9][0-9][0-9]%s", (int)pre, pattern, at + 6);
    rc = glob(g, 0, NULL, &gl);
    free(g);
    if (rc == GLOB_NOMATCH) {
        fprintf(stderr, "govidx import: no file matches %s ({year} = four digits)\n", pattern);
        return -2;
    }
    if (rc) {
        fprintf(stderr, "govidx import: cannot list the files of %s\n", pattern);
        return -2;
    }
    for (k = 0; k < gl.gl_pathc; k++) { /* glob sorts: years ascending */
        const char *p = gl.gl_pathv[k];
        size_t len = strlen(p);
        if (len != pre + 4 + post || strncmp(p, pattern, pre))
            continue; /* the part before {year} had pattern characters */
        if (data_push(d, p, atoi(p + pre))) {
            globfree(&gl);
            return -1;
        }
    }
    globfree(&gl);
    if (!d->n) {
        fprintf(stderr, "govidx import: no file matches %s ({year} = four digits)\n", pattern);
        return -2;
    }
    return 0;
}

/* --thousands C / --decimal C: one character (a word for the space). */
static int separator_arg(char *out, const char *opt, const char *v)
{
    if (!strcmp(v, "space") || !strcmp(v, " "))
        *out = ' ';
    else if (!strcmp(v, "none"))
        *out = 0;
    else if (strlen(v) == 1)
        *out = v[0];
    else {
        fprintf(stderr, "govidx import: %s takes one character (e.g. %s ,), not '%s'\n", opt, opt, v);
        return -1;
    }
    return 0;
}

int cmd_import(int argc, char **argv)
{
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    const char *out = NULL, *title = NULL, *source = NULL, *licence = NULL, *departments = NULL;
    govidx_dataset *ds = NULL;
    unsigned flags = 0;
    int i, rc;
    catalogue_args cats = {0};
    data_args data = {0}, files = {0};
    size_t n_problems = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = NULL;
        if ((rc = catalogue_arg(&cats, argc, argv, &i)) < 0) {
            data_free(&data);
            return CLI_EXIT_USAGE;
        }
        if (rc)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            import_usage(stdout);
            data_free(&data);
            return CLI_EXIT_OK;
        }
        if (!strcmp(a, "--force")) {
            flags |= GOVIDX_WRITE_REPLACE;
            continue;
        }
        if (!strcmp(a, "--data") && v) {
            if (data_push(&data, v, 0)) {
                fprintf(stderr, "govidx import: out of memory\n");
                data_free(&data);
                return CLI_EXIT_FAIL;
            }
            i++;
            continue;
        }
        if ((!strcmp(a, "--thousands") || !strcmp(a, "--decimal")) && v) {
            if (separator_arg(a[2] == 't' ? &src.thousands : &src.decimal, a, v)) {
                data_free(&data);
                return CLI_EXIT_USAGE;
            }
            i++;
            continue;
        }
        if (!strcmp(a, "--unit-column")) slot = &src.unit_column;
        else if (!strcmp(a, "--year-column")) slot = &src.year_column;
        else if (!strcmp(a, "--meta")) slot = &src.meta;
        else if (!strcmp(a, "--districts")) slot = &src.districts;
        else if (!strcmp(a, "--inventory")) slot = &src.inventory;
        else if (!strcmp(a, "--actors")) slot = &src.actors;
        else if (!strcmp(a, "--edges")) slot = &src.edges;
        else if (!strcmp(a, "--dea")) slot = &src.dea;
        else if (!strcmp(a, "--departments")) slot = &departments;
        else if (!strcmp(a, "--title")) slot = &title;
        else if (!strcmp(a, "--source")) slot = &source;
        else if (!strcmp(a, "--licence") || !strcmp(a, "--license")) slot = &licence;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) slot = &out;
        else if (!strcmp(a, "--year") && v) {
            char *end;
            long y = strtol(v, &end, 10);
            if (*end || y < -9999 || y > 99999 || y == 0) {
                fprintf(stderr, "govidx import: --year takes a year, not '%s'\n", v);
                data_free(&data);
                return CLI_EXIT_USAGE;
            }
            /* the year of the --data before it (all the same with one file) */
            if (data.n)
                data.year[data.n - 1] = (int)y;
            src.default_year = (int)y;
            i++;
            continue;
        }
        if (!slot || !v) {
            fprintf(stderr, "govidx import: unexpected argument '%s'\n", a);
            import_usage(stderr);
            data_free(&data);
            return CLI_EXIT_USAGE;
        }
        *slot = v;
        i++;
    }
    if (!data.n || !src.meta || !out) {
        fprintf(stderr, "govidx import: --data, --meta and -o are required\n");
        import_usage(stderr);
        data_free(&data);
        return CLI_EXIT_USAGE;
    }
    for (size_t k = 0; k < data.n; k++)
        if (strstr(data.path[k], "{year}") && data.n > 1) {
            fprintf(stderr, "govidx import: a --data path with {year} is the only --data\n");
            data_free(&data);
            return CLI_EXIT_USAGE;
        }
    if (data.n == 1 && strstr(data.path[0], "{year}")) {
        if ((rc = data_expand(&files, data.path[0]))) {
            if (rc == -1)
                fprintf(stderr, "govidx import: out of memory\n");
            data_free(&data);
            data_free(&files);
            return CLI_EXIT_FAIL;
        }
        src.default_year = 0;
    } else if (data.n == 1) {
        src.data = data.path[0];
    } else {
        files = data;
        memset(&data, 0, sizeof data);
        src.default_year = 0;
    }
    if (files.n) {
        src.data_files = (const char *const *)files.path;
        src.data_years = files.year;
        src.n_data_files = files.n;
        printf("data: %zu files stacked:", files.n);
        for (size_t k = 0; k < files.n; k++)
            printf(k ? ", %s (%d)" : " %s (%d)", files.path[k], files.year[k]);
        printf("\n");
    }
    if ((src.actors == NULL) != (src.edges == NULL) || (cats.n && !cats.reference_date) || !cli_output_ok(out)) {
        if ((src.actors == NULL) != (src.edges == NULL))
            fprintf(stderr, "govidx import: --actors and --edges go together\n");
        else if (cats.n && !cats.reference_date)
            fprintf(stderr, "govidx import: --catalogue needs --reference-date YYYY-MM-DD (timeliness is measured "
                    "as of that date, never the clock)\n");
        data_free(&data);
        data_free(&files);
        return cats.n && !cats.reference_date ? CLI_EXIT_USAGE
               : (src.actors == NULL) != (src.edges == NULL) ? CLI_EXIT_USAGE : CLI_EXIT_FAIL;
    }
    rc = govidx_import_csv(&ds, &src, print_problem, &n_problems);
    data_free(&data);
    data_free(&files);
    if (rc) {
        if (n_problems > IMPORT_SHOWN_PROBLEMS)
            fprintf(stderr, "govidx import: %zu more problems not shown (%zu in all; the first %d are above)\n",
                    n_problems - IMPORT_SHOWN_PROBLEMS, n_problems, IMPORT_SHOWN_PROBLEMS);
        if (!n_problems) /* refused before reading: the reason */
            fprintf(stderr, "govidx import: %s\n", govidx_last_error());
        fprintf(stderr, "govidx import: nothing written (%s)\n", govidx_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    if (departments && (rc = import_departments(ds, departments))) {
        fprintf(stderr, "govidx import: nothing written (%s)\n", govidx_strerror(rc));
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    if (cats.n && ((rc = import_catalogues(ds, &cats)) ||
                   (rc = govidx_dataset_set_attr(ds, GOVIDX_CATALOGUE_REFERENCE_DATE_ATTR, cats.reference_date)))) {
        fprintf(stderr, "govidx import: nothing written (%s)\n", govidx_strerror(rc));
        govidx_dataset_close(ds);
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

/*
 * tools/cmd_report.c - `govidx report`: a plain-text coverage report per
 * city (level, inequality and where it lies, the worst-covered communities
 * by name).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "report_model.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void report_usage(FILE *f)
{
    fprintf(f, "usage: govidx report FILE.h5 [--year Y] [--run NAME] [--uncertainty RUN] [--lang en|zh]\n"
               "                    [--uncertainty-csv U.csv] [-o REPORT.html] [--json OUT.json] [--xlsx OUT.xlsx]\n"
               "                    [--format html|text] [--exclude CODE,...] [--only CODE,...]\n"
               "                    [--variable NAME] [--weight VARIABLE] [--include VARIABLE]\n"
               "                    [--exclude-districts CODE,...] [--epsilon E] [--theta T]\n"
               "       govidx report FILE.h5 --format text [--variable NAME] [--year Y] [--epsilon E] [--theta T]\n"
               "                    [--exclude CODE,...] [--only CODE,...] [--weight VARIABLE]\n"
               "                    [--include VARIABLE] [--exclude-districts CODE,...]\n"
               "\n"
               "With -o, --json or --xlsx: the evaluator's report of year Y (default the last) against\n"
               "the year before: one self-contained HTML file (headline table of the composite and the\n"
               "openness, coverage and collaboration-efficiency indices, ranking and slope charts,\n"
               "one profile per city, group summaries, methodology annex, data quality), and the same\n"
               "tables as JSON (docs/report.md) and as an Excel workbook (one sheet per table).\n"
               "--run NAME takes the composite's method from the stored run /results/NAME.\n"
               "--uncertainty RUN adds the composite's 5-95%% rank and score intervals from the stored\n"
               "uncertainty run /results/RUN (govidx uncertainty --write RUN), --uncertainty-csv U.csv\n"
               "from the CSV of govidx uncertainty (same file and method: checked against its nominal\n"
               "scores).\n"
               "--lang zh writes the report's own strings in Chinese.\n"
               "--exclude / --only leave cities out: they are in no table, chart or ranking, and each\n"
               "index is computed as govidx compute --index X --exclude/--only computes it (openness and\n"
               "coverage keep the others' scores and re-rank; collaboration's DEA frontier and the\n"
               "composite are recomputed without them); the methodology annex lists them and why.\n"
               "--variable, --weight, --include, --exclude-districts, --epsilon and --theta set the\n"
               "coverage index as in govidx compute --index coverage; the annex names the weight and\n"
               "lists the districts left out.\n"
               "\n"
               "Without them (or with --format text), the plain-text coverage report:\n"
               "Coverage report per city from its communities (districts without sub-districts):\n"
               "population-weighted and unweighted level, Gini, Theil T with its within/between\n"
               "split over parent districts, Atkinson, the inequality-adjusted level, the share\n"
               "of the population above the threshold, white zones and the three worst-covered\n"
               "communities by name.  Defaults: the first district variable, the last year.\n"
               "--exclude / --only leave cities out of the report (each city's coverage is\n"
               "computed from its own districts, so the others' numbers do not change).\n"
               "--weight weights the communities by a district variable (e.g. households)\n"
               "instead of the population; the header names the weight.  Districts whose\n"
               "include (or residential) variable is 0, and those of --exclude-districts, are\n"
               "left out with their sub-districts and listed per city.\n");
}

/* Node k of the coverage result by its code (after "coverage."). */
static size_t node_of(const govidx_result *r, const char *name)
{
    size_t k;
    for (k = 0; k < govidx_result_n_nodes(r); k++)
        if (!strncmp(govidx_result_node_code(r, k), "coverage.", 9) &&
            !strcmp(govidx_result_node_code(r, k) + 9, name))
            break;
    return k;
}

/* A worst community, named by its district's name (else code) and share. */
static void print_community(const govidx_dataset *ds, const char *code, size_t y, size_t var, int first)
{
    size_t d, n = govidx_dataset_n_districts(ds);
    govidx_matrix_view v;
    for (d = 0; d < n; d++) {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        if (govidx_dataset_district(&di, ds, d) == GOVIDX_OK && !strcmp(di.code, code)) {
            govidx_dataset_district_values(&v, ds, y);
            printf("%s %s (%.3f)", first ? "" : ",", di.name && *di.name ? di.name : di.code,
                   v.data[d + var * v.ld]);
            return;
        }
    }
}

/* x as printed with `decimals` places, without a sign on a value that
 * rounds to zero (a decomposition's -1e-17 is "0.0000 (0%)", not "-0.0000
 * (-0%)"). */
static double shown(double x, int decimals)
{
    double half = 0.5 * pow(10.0, -decimals);
    return x > -half && x < half ? 0.0 : x;
}

/* Is `code` in the comma-separated list? */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    const char *s = list;
    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && !strncmp(s, code, n))
            return 1;
        s = e ? e + 1 : s + len;
    }
    return 0;
}

/* Every code of the list names a unit of ds; else a message naming it. */
static int check_list(const govidx_dataset *ds, const char *opt, const char *list)
{
    const char *s = list;
    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s), u, found = 0;
        for (u = 0; u < govidx_dataset_n_units(ds) && !found; u++) {
            const char *c = govidx_dataset_unit_code(ds, u);
            found = strlen(c) == len && !strncmp(c, s, len);
        }
        if (!found) {
            fprintf(stderr, "govidx report: %s: no unit '%.*s' in the file\n", opt, (int)len, s);
            return GOVIDX_ENOTFOUND;
        }
        s = e ? e + 1 : s + len;
    }
    return GOVIDX_OK;
}

/* The district variable coverage measures: o->variable, else as the
 * library picks it (the first that is not the include flag or the weight);
 * NULL when the file has none. */
static const char *coverage_variable(const govidx_dataset *ds, const govidx_coverage_options *o)
{
    size_t k;
    if (o->variable)
        return o->variable;
    for (k = 0; k < govidx_dataset_n_district_vars(ds); k++) {
        const char *name = govidx_dataset_district_var_name(ds, k);
        if (!(o->weight && !strcmp(name, o->weight)) && !(o->include && !strcmp(name, o->include)) &&
            (o->include || (strcmp(name, "include") && strcmp(name, "residential"))))
            return name;
    }
    return NULL;
}

/* The evaluator's report: the model once, then each requested format. */
static int report_outputs(const char *file, report_options *ro, const char *html, const char *json,
                          const char *xlsx)
{
    govidx_dataset *ds = NULL;
    report_model m;
    int rc;
    /* check every output path before computing anything */
    if ((html && !cli_output_ok(html)) || (json && !cli_output_ok(json)) || (xlsx && !cli_output_ok(xlsx)))
        return CLI_EXIT_FAIL;
    if (cli_dataset_open(&ds, file, NULL, NULL))
        return CLI_EXIT_FAIL;
    ro->coverage_variable = coverage_variable(ds, ro->coverage ? ro->coverage : &(govidx_coverage_options)
                                              GOVIDX_COVERAGE_OPTIONS_INIT);
    rc = report_model_build(&m, ds, ro);
    if (!rc && html && !(rc = report_write_html(&m, html)))
        fprintf(stderr, "govidx report: wrote %s\n", html);
    if (!rc && json && !(rc = report_write_json(&m, json)))
        fprintf(stderr, "govidx report: wrote %s\n", json);
    if (!rc && xlsx && !(rc = report_write_xlsx(&m, xlsx)))
        fprintf(stderr, "govidx report: wrote %s\n", xlsx);
    report_model_free(&m);
    govidx_dataset_close(ds);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_report(int argc, char **argv)
{
    const char *html = NULL, *json = NULL, *xlsx = NULL, *format = NULL;
    report_options ro = {.lang = "en"};
    const char *exclude = NULL, *only = NULL;
    const char *file = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_result *res = NULL;
    govidx_dataset *ds = NULL;
    cli_list districts_out = {NULL, NULL, 0};
    int i, rc, year = 0;
    size_t u, k, n, y = 0, var = 0;
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
        else if (!strcmp(a, "--exclude") && v) exclude = v, i++;
        else if (!strcmp(a, "--only") && v) only = v, i++;
        else if (!strcmp(a, "--weight") && v) o.weight = v, i++;
        else if (!strcmp(a, "--include") && v) o.include = v, i++;
        else if (!strcmp(a, "--exclude-districts") && v) {
            if (cli_list_split(&districts_out, v))
                return CLI_EXIT_FAIL;
            o.exclude_districts = districts_out.items;
            o.n_exclude_districts = districts_out.n;
            i++;
        }
        else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && v) html = v, i++;
        else if (!strcmp(a, "--json") && v) json = v, i++;
        else if (!strcmp(a, "--xlsx") && v) xlsx = v, i++;
        else if (!strcmp(a, "--format") && v) format = v, i++;
        else if (!strcmp(a, "--run") && v) ro.run = v, i++;
        else if (!strcmp(a, "--uncertainty") && v) ro.uncertainty = v, i++;
        else if (!strcmp(a, "--uncertainty-csv") && v) ro.uncertainty_csv = v, i++;
        else if (!strcmp(a, "--lang") && v) ro.lang = v, i++;
        else if (a[0] != '-' && !file) file = a;
        else {
            report_usage(stderr);
            cli_list_free(&districts_out);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file) {
        report_usage(stderr);
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (format && strcmp(format, "html") && strcmp(format, "text")) {
        fprintf(stderr, "govidx report: --format %s: expected html or text\n", format);
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(ro.lang, "en") && strcmp(ro.lang, "zh")) {
        fprintf(stderr, "govidx report: --lang %s: expected en or zh\n", ro.lang);
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (format && !strcmp(format, "html") && !html) {
        fprintf(stderr, "govidx report: --format html needs -o REPORT.html\n");
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (format && !strcmp(format, "text") && (html || json || xlsx)) {
        fprintf(stderr, "govidx report: --format text prints to the terminal; -o, --json and --xlsx write "
                        "the evaluator's report\n");
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (html || json || xlsx) {
        /* issue 16: the same options as govidx compute --index X */
        ro.exclude = exclude;
        ro.only = only;
        if (o.variable || o.epsilon != 1.0 || o.theta != 0.5 || o.weight || o.include || o.n_exclude_districts)
            ro.coverage = &o;
        ro.file = file;
        ro.year = year;
        rc = report_outputs(file, &ro, html, json, xlsx);
        cli_list_free(&districts_out);
        return rc;
    }
    if (ro.run || ro.uncertainty || ro.uncertainty_csv || strcmp(ro.lang, "en")) {
        fprintf(stderr, "govidx report: --run, --uncertainty, --uncertainty-csv and --lang belong to the evaluator's report "
                        "(-o REPORT.html, --json, --xlsx)\n");
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (cli_dataset_open(&ds, file, NULL, NULL)) {
        cli_list_free(&districts_out);
        return CLI_EXIT_FAIL;
    }
    n = govidx_dataset_n_units(ds);
    if (!year)
        year = govidx_dataset_years(ds)[govidx_dataset_n_years(ds) - 1];
    if (!o.variable) /* as the library picks it: not the include flag or the weight */
        for (k = 0; k < govidx_dataset_n_district_vars(ds) && !o.variable; k++) {
            const char *name = govidx_dataset_district_var_name(ds, k);
            if (!(o.weight && !strcmp(name, o.weight)) && !(o.include && !strcmp(name, o.include)) &&
                (o.include || (strcmp(name, "include") && strcmp(name, "residential"))))
                o.variable = name;
        }
    if (check_list(ds, "--exclude", exclude) || check_list(ds, "--only", only)) {
        govidx_dataset_close(ds);
        cli_list_free(&districts_out);
        return CLI_EXIT_FAIL;
    }
    if (!o.variable && govidx_dataset_n_inventory(ds)) {
        /* no districts: the open-data inventory is the report */
        cli_print_inventory(ds);
        govidx_dataset_close(ds);
        cli_list_free(&districts_out);
        return CLI_EXIT_OK;
    }
    if (!o.variable) {
        /* a valid file without districts: say so (it is not "not found") */
        fprintf(stderr, "govidx report: %s has no districts (no district variable): the coverage report "
                "needs a district table\n", file);
        rc = GOVIDX_EMISSING;
    } else if (govidx_dataset_find_year(&y, ds, year)) {
        const int *ys = govidx_dataset_years(ds);
        fprintf(stderr, "govidx report: year %d is not in %s (its years: %d to %d)\n", year, file, ys[0],
                ys[govidx_dataset_n_years(ds) - 1]);
        rc = GOVIDX_ENOTFOUND;
    } else if ((rc = govidx_coverage_compute(&res, ds, &o)) ||
               (rc = govidx_dataset_find_district_var(&var, ds, o.variable)))
        cli_report(file, rc);
    if (rc) {
        govidx_result_free(res);
        govidx_dataset_close(ds);
        cli_list_free(&districts_out);
        return CLI_EXIT_FAIL;
    }
    /* every report names the weight its level and inequality measures use */
    if (o.weight)
        printf("Coverage of '%s' in %d, weighted by the district variable '%s' (Atkinson eps %g, continuity "
               "threshold %g)\n\n", o.variable, year, o.weight, o.epsilon, o.theta);
    else
        printf("Coverage of '%s' in %d, weighted by district population (Atkinson eps %g, continuity threshold "
               "%g)\n\n", o.variable, year, o.epsilon, o.theta);
    for (u = 0; u < n; u++) {
#define M(name) govidx_result_score(res, u, y, node_of(res, name))
        double theil_t = M("theil_t"), within = M("theil_within");
        if (!(M("communities") > 0) || in_list(exclude, govidx_dataset_unit_code(ds, u)) ||
            (only && !in_list(only, govidx_dataset_unit_code(ds, u))))
            continue;
        printf("%s (%s): %.0f communities, %s %.0f\n", govidx_dataset_unit_name(ds, u),
               govidx_dataset_unit_code(ds, u), M("communities"), o.weight ? o.weight : "population",
               M("population"));
        if (govidx_result_n_labels(res, u, y, GOVIDX_COVERAGE_LEFT_OUT)) {
            printf("  left out:");
            for (k = 0; k < govidx_result_n_labels(res, u, y, GOVIDX_COVERAGE_LEFT_OUT); k++)
                printf("%s %s", k ? "," : "", govidx_result_label(res, u, y, GOVIDX_COVERAGE_LEFT_OUT, k));
            printf(" (with their sub-districts)\n");
        }
        printf("  level %.4f (unweighted %.4f), adjusted %.4f\n", M("level"), M("level_unweighted"),
               M("adjusted"));
        if (isfinite(theil_t))
            printf("  Gini %.4f, Theil T %.4f = within %.4f (%.0f%%) + between %.4f, Atkinson %.4f\n",
                   shown(M("gini"), 4), shown(theil_t, 4), shown(within, 4),
                   theil_t > 0 ? shown(100 * within / theil_t, 0) : 0.0, shown(M("theil_between"), 4),
                   shown(M("atkinson"), 4));
        printf("  %.1f%% of the population at or above %g; %.0f white-zone communities%s\n",
               100 * M("continuity"), o.theta, M("white_zones"),
               M("floored") > 0 ? " (zeros floored for Theil/Atkinson)" : "");
#undef M
        printf("  worst covered:");
        for (k = 0; k < govidx_result_n_labels(res, u, y, GOVIDX_COVERAGE_WORST); k++)
            print_community(ds, govidx_result_label(res, u, y, GOVIDX_COVERAGE_WORST, k), y, var, k == 0);
        printf("\n\n");
    }
    cli_print_inventory(ds);
    govidx_result_free(res);
    govidx_dataset_close(ds);
    cli_list_free(&districts_out);
    return CLI_EXIT_OK;
}

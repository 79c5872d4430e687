/*
 * tools/cmd_compute.c - `govidx compute`: compute a dataset's index tree.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names of a method family, from the library's own table: every value
 * from 0 until the name function has none. */
static void names_line(FILE *f, const char *const *names, size_t n)
{
    size_t i, col = 27;
    fprintf(f, "%27s", "");
    for (i = 0; i < n; i++) {
        size_t len = strlen(names[i]) + (i + 1 < n);
        if (col + len > 79) {
            fprintf(f, "\n%27s", "");
            col = 27;
        }
        fprintf(f, "%s%s", names[i], i + 1 < n ? "|" : "");
        col += len;
    }
    fputc('\n', f);
}
#define NAMES(f, fn, type)                                                  \
    do {                                                                    \
        const char *names_[32];                                             \
        size_t n_ = 0;                                                      \
        while (n_ < 32 && (names_[n_] = fn((type)n_)) != NULL)             \
            n_++;                                                           \
        names_line(f, names_, n_);                                          \
    } while (0)

static void compute_usage(FILE *f)
{
    fprintf(f,
            "usage: govidx compute FILE.h5 [options] --csv OUT.csv\n"
            "\n"
            "Computes every node of the file's index tree for every unit and year and\n"
            "writes long-format CSV: unit,year,node,score,rank (indicators' normalised\n"
            "values included).  With no method options: min-max 0-100 per year with each\n"
            "indicator's direction, then weighted arithmetic means up the tree, skipping\n"
            "missing children and renormalising the remaining weights.\n"
            "\n"
            "options:\n"
            "  --csv OUT.csv            write the scores (required unless --print-method)\n"
            "  --nodes LIST             write only these nodes (comma-separated codes)\n"
            "  --levels LIST            write only nodes of these tree levels (comma-separated;\n"
            "                           1 = indicators, 2 = their parents, ...); with --nodes,\n"
            "                           a node listed by either is written\n"
            "  --method SPEC.json       method spec file (see docs/methods.md)\n"
            "  --normalize M            normalize.method, one of:\n");
    NAMES(f, govidx_norm_method_name, govidx_norm_method);
    fprintf(f,
            "  --range LOW,HIGH         scale of minmax (default 0,100)\n"
            "  --treat M                treat.method (alias: winsorise for winsorize), one of:\n");
    NAMES(f, govidx_treat_method_name, govidx_treat_method);
    fprintf(f, "  --impute M               impute.method, one of:\n");
    NAMES(f, govidx_impute_method_name, govidx_impute_method);
    fprintf(f,
            "  --impute-group NAME      unit grouping for group imputation\n"
            "  --weights M              weights.method, one of:\n");
    NAMES(f, govidx_weight_method_name, govidx_weight_method);
    fprintf(f,
            "  --per-year-weights       derive data-driven weights per year (default: pooled)\n"
            "  --aggregate M            aggregate.method (alias: generalised for generalized), one of:\n");
    NAMES(f, govidx_aggregate_method_name, govidx_aggregate_method);
    fprintf(f,
            "  --node NODE:KEY=VALUE    per-node override, e.g. --node Conn:aggregate.method=geometric\n"
            "                           (normalize.* and treat.* on indicators, aggregate.* and\n"
            "                           weights.method on aggregates; see govidx/method.h)\n"
            "  --set KEY=VALUE          any method key, e.g. --set aggregate.floor=0.01\n"
            "                           (an unknown key or value, or a key not applying to the\n"
            "                           node, is reported with the library's message: exit 1)\n"
            "  --denominate             divide indicators by their denominators\n"
            "  --write RUN              also store the run in FILE.h5 as /results/RUN (atomic)\n"
            "  --replace                with --write: replace an existing run of that name\n"
            "  --print-method           print the method spec as JSON and exit\n"
            "  --exclude CODE,...       leave these units out of every step (units.exclude)\n"
            "  --only CODE,...          compute these units only (units.only); with --index\n"
            "                           the other cities are missing and unranked; collaboration\n"
            "                           scores the rest as if the file held only them (C3's DEA\n"
            "                           frontier and Malmquist pairs without the cities left out)\n"
            "  --tie-tolerance T        scores within relative T of a tie group's best share its\n"
            "                           rank (default 1e-12; 0: only equal scores tie)\n"
            "  --contributions OUT.csv  also write each indicator's contribution to its parent\n"
            "                           and to its root: unit,year,indicator,parent,\n"
            "                           to_parent,root,to_root (docs/methods/pipeline.md)\n"
            "  --index openness|coverage|collaboration  compute a headline index instead of the file's tree\n"
            "                           (the same CSV columns; --write RUN stores it):\n"
            "                           openness: GODI checklist place scores from the inventory\n"
            "                           (nodes openness.score, .score_exact, .fully_open, .entries)\n"
            "                           and the O1-O5 framework (openness.O, openness.O1..O5,\n"
            "                           openness.<indicator>; the run stores the framework);\n"
            "                           coverage: from the district variable --variable NAME\n"
            "                           (nodes coverage.level, .level_unweighted, .gini, .theil_t,\n"
            "                           .theil_within, .theil_between, .theil_l, .atkinson, .cv,\n"
            "                           .continuity, .white_zones, .communities, .population,\n"
            "                           .floored, .adjusted; inequality ranks lowest first);\n"
            "                           collaboration: layers C1 network, C2 process, C3 DEA, C4\n"
            "                           coupling coordination and CE (docs/methods/collaboration.md)\n"
            "  --variable NAME          coverage: the district variable (default: the first)\n"
            "  --epsilon E, --theta T   coverage: Atkinson aversion (1), continuity threshold (0.5)\n"
            "  --weight VARIABLE        coverage: weight communities by this district variable\n"
            "                           (e.g. households; default: the district population)\n"
            "  --include VARIABLE       coverage: district flag, 0 leaves a district out (default:\n"
            "                           the variable include, else residential, when there is one)\n"
            "  --exclude-districts CODE,...  coverage: leave these districts out (with their\n"
            "                           sub-districts); what is left out is listed\n"
            "  --ce-layer NAME          collaboration: network layer for C1 (default: all merged)\n"
            "  --departments LIST       collaboration: sectors that can be data silos (gov-dept)\n"
            "  --gov-sectors LIST       collaboration: government sectors (gov-dept,district-gov)\n"
            "  --ce-aggregation geometric|arithmetic   collaboration: layer mean (geometric)\n"
            "  --dea-rts crs|vrs|nirs|ndrs  collaboration: C3 technology (crs)\n"
            "  --coupling wang|traditional   collaboration: C4 coupling degree (wang)\n");
}

static int set_key(govidx_method *m, const char *key, const char *value)
{
    int rc = govidx_method_set(m, key, value);
    if (rc)
        cli_report("compute", rc);
    return rc;
}

static int set_pair(govidx_method *m, char *arg, int per_node)
{
    char *eq = strchr(arg, '='), *node = NULL, *key = arg;
    int rc;
    if (!eq) {
        fprintf(stderr, "govidx compute: expected KEY=VALUE, got '%s'\n", arg);
        return GOVIDX_EINVAL;
    }
    *eq = '\0';
    if (per_node) {
        char *colon = strchr(arg, ':');
        if (!colon) {
            fprintf(stderr, "govidx compute: expected NODE:KEY=VALUE, got '%s'\n", arg);
            return GOVIDX_EINVAL;
        }
        *colon = '\0';
        node = arg;
        key = colon + 1;
    }
    rc = node ? govidx_method_set_node(m, node, key, eq + 1) : govidx_method_set(m, key, eq + 1);
    if (rc)
        cli_report("compute", rc);
    return rc;
}

static void print_problem(void *ctx, const char *object, const char *message)
{
    cli_problem_line(stderr, ctx, object, message);
}

/* Rows of every node of year y of a result, node codes prefixed. */
static void result_rows(FILE *f, const govidx_result *r, size_t y, const char *prefix)
{
    size_t k, u;
    for (k = 0; k < govidx_result_n_nodes(r); k++)
        for (u = 0; u < govidx_result_n_units(r); u++) {
            double sc = govidx_result_score(r, u, y, k);
            size_t rk = govidx_result_rank(r, u, y, k);
            csv_field(f, govidx_result_unit_code(r, u));
            fprintf(f, ",%d,%s%s,", govidx_result_year(r, y), prefix, govidx_result_node_code(r, k));
            if (sc == sc)
                csv_double(f, sc);
            fputc(',', f);
            if (rk)
                fprintf(f, "%zu", rk);
            fputc('\n', f);
        }
}

/* The framework's notes on a catalogue-only file (issue 17): why the
 * checklist score is refused and which indicators the catalogue inventory
 * cannot give, with the reason of each (the method JSON's
 * "checklist_score" and "not_derived", written by the library without
 * quotes or braces inside the strings). */
static void openness_notes(const govidx_result *fw)
{
    const char *m = govidx_result_method_json(fw), *p, *q;
    if (!m)
        return;
    if ((p = strstr(m, "\"checklist_score\": \"refused: ")) && (q = strchr(p + 29, '"'))) {
        p += 29;
        if (!strncmp(p, "openness: ", 10))
            p += 10;
        printf("openness: checklist score refused: %.*s\n", (int)(q - p), p);
    }
    if (!(p = strstr(m, "\"not_derived\": {")))
        return;
    for (p += 16; *p && *p != '}';) {
        const char *k0 = strchr(p, '"'), *k1, *v0, *v1;
        if (!k0 || !(k1 = strchr(k0 + 1, '"')) || !(v0 = strchr(k1 + 1, '"')) || !(v1 = strchr(v0 + 1, '"')))
            break;
        printf("openness: %.*s not derived: %.*s\n", (int)(k1 - k0 - 1), k0 + 1, (int)(v1 - v0 - 1), v0 + 1);
        p = v1 + 1;
        while (*p == ',' || *p == ' ')
            p++;
    }
}

/* `govidx compute --index openness`: the GODI checklist place scores
 * (openness.score, ...) and the O1-O5 framework (openness.O, ...), year by
 * year in one CSV; either may be absent from the file, not both.  The run
 * (--write) is the framework when the file has it, else the checklist. */
/* --exclude / --only on a headline index whose cities are scored each on
 * their own (coverage from its own districts; openness on the framework's
 * fixed goalposts and the checklist's own entries): the others become
 * missing and unranked; no other city's score changes, only the ranks. */
static int leave_out_units(govidx_result *res, const cli_units *units)
{
    size_t nu = govidx_result_n_units(res), u;
    const char **codes = calloc(nu + 1, sizeof *codes);
    unsigned char *keep = calloc(nu + 1, 1);
    int rc = GOVIDX_OK;
    for (u = 0; codes && u < nu; u++)
        codes[u] = govidx_result_unit_code(res, u);
    if (!codes || !keep || cli_units_mask(keep, units, codes, nu, "compute") ||
        (rc = govidx_result_leave_out_units(res, keep)))
        rc = rc ? rc : GOVIDX_EINVAL;
    free(codes);
    free(keep);
    return rc;
}

static int openness_index(const govidx_dataset *ds, const char *csv, double tie_tol, const cli_units *units,
                          govidx_result **run)
{
    govidx_result *cl = NULL, *fw = NULL;
    csv_out out;
    FILE *f;
    size_t y;
    int rc;
    if ((rc = govidx_openness_checklist_compute(&cl, ds, NULL)) && rc != GOVIDX_EMISSING) {
        cli_report("openness checklist", rc);
        return rc;
    }
    if ((rc = govidx_openness_compute(&fw, ds, NULL))) {
        cli_report("openness framework", rc);
        govidx_result_free(cl);
        return rc;
    }
    if (units && ((cl && (rc = leave_out_units(cl, units))) || (rc = leave_out_units(fw, units)))) {
        govidx_result_free(cl);
        govidx_result_free(fw);
        return rc;
    }
    if (cl)
        govidx_result_set_tie_tolerance(cl, tie_tol);
    govidx_result_set_tie_tolerance(fw, tie_tol);
    openness_notes(fw);
    if (csv) {
        if (!(f = csv_open(&out, csv)))
            rc = GOVIDX_EIO;
        else {
            fputs("unit,year,node,score,rank\n", f);
            for (y = 0; y < govidx_result_n_years(fw); y++) {
                if (cl)
                    result_rows(f, cl, y, "");
                result_rows(f, fw, y, "openness.");
            }
            if (csv_close(&out, 1))
                rc = GOVIDX_EIO;
        }
    }
    *run = fw;
    govidx_result_free(cl);
    return rc;
}

/* `--contributions OUT.csv`: for every indicator, unit and year, its
 * contribution to its parent, w z / (W S_parent) (w its frozen weight within
 * the parent, govidx_plan_weight; W the sum of the weights of the parent's
 * children that have a score for the unit, as the aggregation renormalises
 * them), and to its root (govidx_result_contribution).
 * Both sum to 1 over a node's children when the aggregation is arithmetic
 * and nothing is missing; otherwise they are a linear attribution.  Empty
 * field = missing. */
static void num_field(FILE *f, double x)
{
    fputc(',', f);
    if (x == x)
        csv_double(f, x);
}

static int write_contributions(const char *path, const govidx_result *res, const govidx_plan *plan)
{
    const govidx_framework *fw = govidx_plan_framework(plan);
    csv_out out;
    FILE *f = csv_open(&out, path);
    size_t y, k, u;
    if (!f)
        return GOVIDX_EIO;
    fputs("unit,year,indicator,parent,to_parent,root,to_root\n", f);
    for (y = 0; y < govidx_result_n_years(res); y++)
        for (k = 0; k < govidx_result_n_nodes(res); k++) {
            size_t parent = govidx_framework_parent(fw, k), root = k;
            double w;
            if (!govidx_framework_is_indicator(fw, k) || parent == (size_t)-1)
                continue;
            while (govidx_framework_parent(fw, root) != (size_t)-1)
                root = govidx_framework_parent(fw, root);
            w = govidx_plan_weight(plan, k, y);
            for (u = 0; u < govidx_result_n_units(res); u++) {
                double z = govidx_result_score(res, u, y, k), sp = govidx_result_score(res, u, y, parent);
                double wsum = 0;
                size_t c;
                for (c = 0; c < govidx_framework_n_children(fw, parent); c++) {
                    size_t ch = govidx_framework_child(fw, parent, c);
                    if (!isnan(govidx_result_score(res, u, y, ch)))
                        wsum += govidx_plan_weight(plan, ch, y);
                }
                csv_field(f, govidx_result_unit_code(res, u));
                fprintf(f, ",%d,%s,%s", govidx_result_year(res, y), govidx_framework_node_code(fw, k),
                        govidx_framework_node_code(fw, parent));
                num_field(f, sp != 0 && wsum > 0 ? w * z / (wsum * sp) : NAN);
                fprintf(f, ",%s", govidx_framework_node_code(fw, root));
                num_field(f, govidx_result_contribution(res, u, y, k));
                fputc('\n', f);
            }
        }
    return csv_close(&out, 1) ? GOVIDX_EIO : GOVIDX_OK;
}

/* Store the result in the input file as /results/<name> (atomically). */
static int write_run(const char *file, const govidx_result *res, const char *name, unsigned flags)
{
    govidx_run *run = NULL;
    int rc = govidx_result_to_run(&run, res, name);
    if (!rc)
        rc = govidx_run_set_input_checksum(run, file);
    if (!rc)
        rc = govidx_run_file_add(file, run, flags);
    if (rc == GOVIDX_EEXIST)
        fprintf(stderr, "govidx compute: %s already has a run '%s' (add --replace to replace it)\n", file, name);
    else if (rc)
        cli_report(name, rc);
    govidx_run_free(run);
    return rc;
}

/* The nodes --nodes / --levels ask for, as keep flags over the result's
 * nodes (*keep NULL when neither is given).  Unknown codes, levels that are
 * not integers >= 1, or --levels without the dataset's index tree are
 * refused with a message naming them. */
static int csv_keep(unsigned char **keep, const govidx_result *res, const govidx_dataset *ds,
                    const char *nodes, const char *levels)
{
    size_t nn = govidx_result_n_nodes(res), k;
    govidx_framework *fw = NULL;
    unsigned char *kp;
    int rc = 0;

    *keep = NULL;
    if (!nodes && !levels)
        return 0;
    kp = calloc(nn ? nn : 1, 1);
    if (!kp)
        return GOVIDX_ENOMEM;
    if (nodes) {
        char *list = strdup(nodes), *tok, *save = NULL;
        if (!list) {
            free(kp);
            return GOVIDX_ENOMEM;
        }
        for (tok = strtok_r(list, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
            if (govidx_result_find_node(&k, res, tok)) {
                fprintf(stderr, "govidx compute: --nodes: node '%s' is not in the result\n", tok);
                rc = GOVIDX_ENOTFOUND;
            } else
                kp[k] = 1;
        }
        free(list);
    }
    if (levels && !rc) {
        char *list = strdup(levels), *tok, *save = NULL, *end;
        if (!list)
            rc = GOVIDX_ENOMEM;
        else if ((rc = govidx_framework_from_dataset(&fw, ds)))
            fprintf(stderr, "govidx compute: --levels needs the dataset's index tree: %s\n",
                    govidx_last_error());
        for (tok = list ? strtok_r(list, ",", &save) : NULL; tok && !rc; tok = strtok_r(NULL, ",", &save)) {
            long lv = strtol(tok, &end, 10);
            if (*end || end == tok || lv < 1) {
                fprintf(stderr, "govidx compute: --levels: '%s' is not a level (1 = indicators)\n", tok);
                rc = GOVIDX_EINVAL;
                break;
            }
            for (k = 0; k < nn; k++) {
                size_t fk;
                if (govidx_framework_find(&fk, fw, govidx_result_node_code(res, k))) {
                    fprintf(stderr, "govidx compute: --levels: node '%s' is not in the index tree\n",
                            govidx_result_node_code(res, k));
                    rc = GOVIDX_ENOTFOUND;
                    break;
                }
                if (govidx_framework_level(fw, fk) == lv)
                    kp[k] = 1;
            }
        }
        free(list);
        govidx_framework_free(fw);
    }
    if (rc) {
        free(kp);
        return rc;
    }
    *keep = kp;
    return 0;
}

/* Write res as CSV, only the nodes --nodes / --levels name (0 or exit code). */
static int write_csv_selected(const govidx_result *res, const govidx_dataset *ds, const char *csv,
                              const char *nodes, const char *levels)
{
    unsigned char *keep = NULL;
    int rc = csv_keep(&keep, res, ds, nodes, levels);
    if (rc == GOVIDX_ENOMEM)
        cli_report(csv, rc);
    if (rc)
        return rc;
    rc = govidx_result_write_csv_nodes(res, csv, keep);
    if (rc)
        cli_report(csv, rc);
    free(keep);
    return rc;
}

/* --exclude / --only for --index collaboration: named unknown codes as
 * every command does (cli_units_mask), then the lists handed to the
 * library, which leaves the units out before C3's DEA frontier. */
static int collaboration_units(govidx_collaboration_options *ce, cli_list *ex, cli_list *only,
                               const cli_units *units, const govidx_dataset *ds)
{
    size_t nu = govidx_dataset_n_units(ds), u;
    const char **codes = calloc(nu + 1, sizeof *codes);
    unsigned char *keep = calloc(nu + 1, 1);
    int rc = GOVIDX_OK;
    for (u = 0; codes && u < nu; u++)
        codes[u] = govidx_dataset_unit_code(ds, u);
    if (!codes || !keep || cli_units_mask(keep, units, codes, nu, "compute") ||
        (units->exclude && cli_list_split(ex, units->exclude)) || (units->only && cli_list_split(only, units->only)))
        rc = GOVIDX_EINVAL;
    ce->exclude = ex->items;
    ce->n_exclude = ex->n;
    ce->only = only->items;
    ce->n_only = only->n;
    free(codes);
    free(keep);
    return rc;
}

int cmd_compute(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *spec = NULL, *run_name = NULL, *index = NULL, *variable = NULL;
    const char *nodes = NULL, *levels = NULL, *contrib_csv = NULL;
    double tie_tol = GOVIDX_TIE_TOLERANCE;
    int csv_done = 0, unit_filter = 0;
    unsigned write_flags = 0;
    govidx_method *m = NULL;
    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    int i, rc = 0, print_method = 0, status = CLI_EXIT_FAIL;
    govidx_collaboration_options ce = GOVIDX_COLLABORATION_OPTIONS_INIT;
    govidx_network_options net = GOVIDX_NETWORK_OPTIONS_INIT;
    govidx_coverage_options cov = GOVIDX_COVERAGE_OPTIONS_INIT;
    cli_list districts_out = {NULL, NULL, 0}, ce_exclude = {NULL, NULL, 0}, ce_only = {NULL, NULL, 0};
    cli_units units = {NULL, NULL};

    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            compute_usage(stdout);
            return CLI_EXIT_OK;
        }
    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--method") && i + 1 < argc)
            spec = argv[i + 1];
    rc = spec ? govidx_method_from_file(&m, spec) : govidx_method_new(&m);
    if (rc) {
        /* an unreadable or malformed spec is invalid input, like a
         * well-formed spec the plan refuses: 1 (2 is for the command line) */
        cli_report(spec ? spec : "method", rc);
        return CLI_EXIT_FAIL;
    }
    for (i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1;
        if (!strcmp(a, "--csv") && v)
            csv = v;
        else if (!strcmp(a, "--nodes") && v)
            nodes = v;
        else if (!strcmp(a, "--levels") && v)
            levels = v;
        else if (!strcmp(a, "--contributions") && v)
            contrib_csv = v;
        else if (!strcmp(a, "--exclude") && v)
            rc = set_key(m, "units.exclude", v), unit_filter = 1, units.exclude = v;
        else if (!strcmp(a, "--only") && v)
            rc = set_key(m, "units.only", v), unit_filter = 1, units.only = v;
        else if (!strcmp(a, "--tie-tolerance") && v) {
            char *end;
            tie_tol = strtod(v, &end);
            if (end == v || *end || !(tie_tol >= 0 && tie_tol < 1)) {
                fprintf(stderr, "govidx compute: --tie-tolerance takes a number >= 0 and < 1, not '%s'\n", v);
                rc = GOVIDX_EINVAL;
            }
        } else if (!strcmp(a, "--write") && v)
            run_name = v;
        else if (!strcmp(a, "--index") && v) {
            index = v;
            if (strcmp(v, "openness") && strcmp(v, "coverage") && strcmp(v, "collaboration")) {
                fprintf(stderr, "govidx compute: --index takes openness, coverage or collaboration\n");
                rc = GOVIDX_EINVAL;
            }
        } else if (!strcmp(a, "--variable") && v)
            variable = v;
        else if (!strcmp(a, "--ce-layer") && v)
            ce.network_layer = v;
        else if (!strcmp(a, "--departments") && v)
            net.department_sectors = v;
        else if (!strcmp(a, "--gov-sectors") && v)
            net.gov_sectors = v;
        else if (!strcmp(a, "--ce-aggregation") && v) {
            if ((rc = govidx_ce_aggregation_from_name(&ce.aggregation, v)))
                fprintf(stderr, "govidx compute: --ce-aggregation: %s\n", govidx_last_error());
        } else if (!strcmp(a, "--dea-rts") && v) {
            if ((rc = govidx_dea_rts_from_name(&ce.dea_rts, v)))
                fprintf(stderr, "govidx compute: --dea-rts: %s\n", govidx_last_error());
        } else if (!strcmp(a, "--coupling") && v) {
            if (!strcmp(v, "wang") || !strcmp(v, "traditional"))
                ce.coupling_traditional = !strcmp(v, "traditional");
            else {
                fprintf(stderr, "govidx compute: --coupling takes wang or traditional\n");
                rc = GOVIDX_EINVAL;
            }
        }
        else if (!strcmp(a, "--weight") && v)
            cov.weight = v;
        else if (!strcmp(a, "--include") && v)
            cov.include = v;
        else if (!strcmp(a, "--exclude-districts") && v) {
            if (cli_list_split(&districts_out, v))
                rc = GOVIDX_ENOMEM;
            cov.exclude_districts = districts_out.items;
            cov.n_exclude_districts = districts_out.n;
        } else if (!strcmp(a, "--epsilon") && v)
            cov.epsilon = atof(v);
        else if (!strcmp(a, "--theta") && v)
            cov.theta = atof(v);
        else if (!strcmp(a, "--method") && v)
            ;
        else if (!strcmp(a, "--normalize") && v)
            rc = set_key(m, "normalize.method", v);
        else if (!strcmp(a, "--range") && v) {
            char lo[64];
            const char *comma = strchr(v, ',');
            if (!comma || (size_t)(comma - v) >= sizeof lo) {
                fprintf(stderr, "govidx compute: --range takes LOW,HIGH\n");
                rc = GOVIDX_EINVAL;
            } else {
                memcpy(lo, v, (size_t)(comma - v));
                lo[comma - v] = '\0';
                rc = set_key(m, "normalize.low", lo);
                if (!rc)
                    rc = set_key(m, "normalize.high", comma + 1);
            }
        } else if (!strcmp(a, "--treat") && v)
            rc = set_key(m, "treat.method", v);
        else if (!strcmp(a, "--impute") && v)
            rc = set_key(m, "impute.method", v);
        else if (!strcmp(a, "--impute-group") && v)
            rc = set_key(m, "impute.group", v);
        else if (!strcmp(a, "--weights") && v)
            rc = set_key(m, "weights.method", v);
        else if (!strcmp(a, "--aggregate") && v)
            rc = set_key(m, "aggregate.method", v);
        else if (!strcmp(a, "--set") && v)
            rc = set_pair(m, argv[i + 1], 0);
        else if (!strcmp(a, "--node") && v)
            rc = set_pair(m, argv[i + 1], 1);
        else {
            takes = 0;
            if (!strcmp(a, "--per-year-weights"))
                rc = set_key(m, "weights.pooled", "no");
            else if (!strcmp(a, "--denominate"))
                rc = set_key(m, "denominate", "yes");
            else if (!strcmp(a, "--replace"))
                write_flags |= GOVIDX_WRITE_REPLACE;
            else if (!strcmp(a, "--print-method"))
                print_method = 1;
            else if (a[0] == '-' || file) {
                fprintf(stderr, "govidx compute: unexpected argument '%s'\n", a);
                compute_usage(stderr);
                rc = GOVIDX_EINVAL;
            } else
                file = a;
        }
        i += takes;
    }
    if (rc) {
        /* the library refused a key or value (its message is printed): 1,
         * like a spec the plan refuses; a malformed command line: 2 */
        govidx_method_free(m);
        return rc == GOVIDX_EFORMAT ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
    }
    if (print_method) {
        char *json = NULL;
        rc = govidx_method_to_json(&json, m);
        if (!rc)
            printf("%s\n", json);
        govidx_free(json);
        govidx_method_free(m);
        cli_list_free(&districts_out);
        return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    }
    if (index && !strcmp(index, "openness") && (nodes || levels)) {
        fprintf(stderr, "govidx compute: --nodes and --levels do not apply to --index openness "
                        "(its CSV joins the checklist and the framework results)\n");
        govidx_method_free(m);
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }
    if (!file || (!csv && !run_name)) {
        fprintf(stderr, "govidx compute: a FILE.h5 and --csv OUT.csv (or --write RUN) are required\n");
        compute_usage(stderr);
        govidx_method_free(m);
        cli_list_free(&districts_out);
        return CLI_EXIT_USAGE;
    }

    if ((rc = cli_dataset_open(&ds, file, print_problem, (void *)file))) {
        if (rc != GOVIDX_EIO) /* a file that cannot be opened was said so */
            fprintf(stderr, "govidx compute: %s is not a valid city dataset\n", file);
    }
    else if (csv && !cli_output_ok(csv))
        rc = GOVIDX_EINVAL;
    else if (index) {
        /* the headline indices: one library call each, then the same CSV and run */
        if (!strcmp(index, "collaboration")) {
            ce.network = &net;
            if (unit_filter && (rc = collaboration_units(&ce, &ce_exclude, &ce_only, &units, ds)))
                ;
            else if ((rc = govidx_collaboration_compute(&res, ds, &ce)))
                cli_report("collaboration", rc);
            else /* list the city-years DEA left out, with the reason */
                for (size_t y = 0; y < govidx_result_n_years(res); y++)
                    for (size_t u = 0; u < govidx_result_n_units(res); u++)
                        if (govidx_result_n_labels(res, u, y, GOVIDX_CE_DEA_LEFT_OUT))
                            fprintf(stderr, "govidx compute: collaboration: C3 leaves out %s in %d: %s\n",
                                    govidx_result_unit_code(res, u), govidx_result_year(res, y),
                                    govidx_result_label(res, u, y, GOVIDX_CE_DEA_LEFT_OUT, 0));
        } else if (!strcmp(index, "coverage")) {
            cov.variable = variable;
            if ((rc = govidx_coverage_compute(&res, ds, &cov)))
                cli_report("coverage", rc);
            else { /* name the weight and list the districts left out */
                fprintf(stderr, "govidx compute: coverage weighted by %s\n",
                        cov.weight ? cov.weight : "district population");
                for (size_t y = 0; y < govidx_result_n_years(res); y++)
                    for (size_t u = 0; u < govidx_result_n_units(res); u++)
                        for (size_t k = 0; k < govidx_result_n_labels(res, u, y, GOVIDX_COVERAGE_LEFT_OUT); k++)
                            fprintf(stderr, "govidx compute: coverage leaves out in %s %d: %s\n",
                                    govidx_result_unit_code(res, u), govidx_result_year(res, y),
                                    govidx_result_label(res, u, y, GOVIDX_COVERAGE_LEFT_OUT, k));
            }
        } else {
            rc = openness_index(ds, csv, tie_tol, unit_filter ? &units : NULL, &res);
            csv_done = 1;
            unit_filter = 0;
        }
        if (!strcmp(index, "collaboration"))
            unit_filter = 0; /* left out inside the library */
        if (!rc && unit_filter && !strcmp(index, "coverage")) {
            rc = leave_out_units(res, &units);
            unit_filter = 0;
        }
        if (rc)
            ;
        else if (contrib_csv) {
            fprintf(stderr, "govidx compute: --contributions is for the file's index tree, not --index\n");
            rc = GOVIDX_EINVAL;
        } else if ((rc = govidx_result_set_tie_tolerance(res, tie_tol)))
            cli_report("compute", rc);
        else if (csv && !csv_done && (rc = write_csv_selected(res, ds, csv, nodes, levels)))
            ;
        else if (run_name && (rc = write_run(file, res, run_name, write_flags)))
            ;
        else
            status = CLI_EXIT_OK;
    } else if ((rc = govidx_plan_from_dataset(&plan, ds, m)))
        cli_report("plan", rc);
    else if ((rc = govidx_execute_dataset(&res, plan, ds)))
        cli_report("execute", rc);
    else if ((rc = govidx_result_set_tie_tolerance(res, tie_tol)))
        cli_report("compute", rc);
    else if (contrib_csv && (rc = write_contributions(contrib_csv, res, plan)))
        ;
    else if (csv && (rc = write_csv_selected(res, ds, csv, nodes, levels)))
        ;
    else if (run_name && (rc = write_run(file, res, run_name, write_flags)))
        ;
    else
        status = CLI_EXIT_OK;

    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    govidx_method_free(m);
    cli_list_free(&districts_out);
    cli_list_free(&ce_exclude);
    cli_list_free(&ce_only);
    return status;
}

/*
 * tools/cmd_compare.c - `govidx compare` (two method variants of a
 * dataset's index tree, rank and score differences) and `govidx strengths`
 * (each unit's best and worst indicators).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void compare_usage(FILE *f)
{
    fprintf(f, "usage: govidx compare FILE.h5 --method A.json --method B.json --csv OUT.csv [--threshold K]\n"
               "                      [--exclude CODE,...] [--only CODE,...]\n"
               "\n"
               "Computes the file's index tree with two method specs (a file, or '-' for the default)\n"
               "and writes one row per unit, year and node: unit,year,node,score_a,score_b,\n"
               "score_diff,rank_a,rank_b,rank_diff (b - a; a positive rank_diff means the unit\n"
               "falls).  Prints per year for the root: units compared, mean and largest |rank\n"
               "change|, the share moving by more than K places (default 0), Spearman's rho.\n");
}

static void strengths_usage(FILE *f)
{
    fprintf(f, "usage: govidx strengths FILE.h5 [--method SPEC.json] [--k K] --csv OUT.csv\n"
               "                        [--exclude CODE,...] [--only CODE,...]\n"
               "\n"
               "Each unit's K (default 3) best and worst indicators by its rank among units, per\n"
               "year: unit,year,kind (strength|weakness),position,indicator,score,rank.\n");
}

/* Compute the file's tree with `spec`; *root (may be NULL) receives a copy
 * of the root node's code. */
static int load_and_run(const char *file, const char *spec, govidx_result **out, char **root,
                        const cli_units *units)
{
    govidx_dataset *ds = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    int rc = spec && strcmp(spec, "-") ? govidx_method_from_file(&m, spec) : govidx_method_new(&m);
    if (rc) {
        cli_report(spec ? spec : "method", rc);
        return rc;
    }
    /* --exclude / --only: the same units left out of every method compared */
    if ((units->exclude && (rc = govidx_method_set(m, "units.exclude", units->exclude))) ||
        (units->only && (rc = govidx_method_set(m, "units.only", units->only)))) {
        cli_report("method", rc);
        govidx_method_free(m);
        return rc;
    }
    if ((rc = cli_dataset_open(&ds, file, NULL, NULL)))
        ;
    else if ((rc = govidx_plan_from_dataset(&plan, ds, m)))
        cli_report("plan", rc);
    else if ((rc = govidx_execute_dataset(out, plan, ds)))
        cli_report("execute", rc);
    for (size_t k = 0; !rc && root && k < govidx_dataset_n_nodes(ds); k++) {
        govidx_node node = GOVIDX_NODE_INIT;
        if (govidx_dataset_node(&node, ds, k) == GOVIDX_OK && !node.parent && !*root)
            *root = strdup(node.code);
    }
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    govidx_method_free(m);
    return rc;
}

static void field(FILE *f, double x)
{
    fputc(',', f);
    if (!isnan(x))
        csv_double(f, x);
}

int cmd_compare(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *spec[2] = {NULL, NULL};
    size_t threshold = 0, nspec = 0, y, k, u;
    govidx_result *r[2] = {NULL, NULL};
    cli_units units = {NULL, NULL};
    char *root = NULL;
    csv_out out;
    FILE *f;
    int i, rc = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            compare_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--method") && v && nspec < 2)
            spec[nspec++] = v, i++;
        else if (!strcmp(a, "--csv") && v)
            csv = v, i++;
        else if (!strcmp(a, "--threshold") && v)
            threshold = (size_t)strtoul(v, NULL, 10), i++;
        else if (cli_units_arg(&units, a, v) == 1)
            i++;
        else if (a[0] != '-' && !file)
            file = a;
        else {
            fprintf(stderr, "govidx compare: unknown or incomplete option '%s'\n", a);
            compare_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file || !csv || nspec != 2) {
        compare_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (load_and_run(file, spec[0], &r[0], &root, &units) || load_and_run(file, spec[1], &r[1], NULL, &units)) {
        govidx_result_free(r[0]);
        free(root);
        return CLI_EXIT_FAIL;
    }
    if (!(f = csv_open(&out, csv))) {
        govidx_result_free(r[0]);
        govidx_result_free(r[1]);
        free(root);
        return CLI_EXIT_FAIL;
    }
    fputs("unit,year,node,score_a,score_b,score_diff,rank_a,rank_b,rank_diff\n", f);
    {
        size_t nu = govidx_result_n_units(r[0]), nn = govidx_result_n_nodes(r[0]);
        double *ds = calloc(nu ? nu : 1, sizeof *ds);
        long *dr = calloc(nu ? nu : 1, sizeof *dr);
        if (!ds || !dr)
            rc = GOVIDX_ENOMEM;
        for (y = 0; !rc && y < govidx_result_n_years(r[0]); y++) {
            int year = govidx_result_year(r[0], y);
            for (k = 0; !rc && k < nn; k++) {
                const char *node = govidx_result_node_code(r[0], k);
                govidx_rank_shift sh = {.version = GOVIDX_RANK_SHIFT_VERSION};
                if ((rc = govidx_result_compare(&sh, ds, dr, r[0], r[1], node, year, threshold)))
                    break;
                /* both results come from one dataset and framework: same unit and node order */
                for (u = 0; u < nu; u++) {
                    size_t ra = govidx_result_rank(r[0], u, y, k), rb = govidx_result_rank(r[1], u, y, k);
                    csv_field(f, govidx_result_unit_code(r[0], u));
                    fprintf(f, ",%d,", year);
                    csv_field(f, node);
                    field(f, govidx_result_score(r[0], u, y, k));
                    field(f, govidx_result_score(r[1], u, y, k));
                    field(f, ds[u]);
                    fputc(',', f);
                    if (ra)
                        fprintf(f, "%zu", ra);
                    fputc(',', f);
                    if (rb)
                        fprintf(f, "%zu", rb);
                    fputc(',', f);
                    if (ra && rb)
                        fprintf(f, "%ld", dr[u]);
                    fputc('\n', f);
                }
                if (root && !strcmp(node, root))
                    printf("%d %s: %zu units, mean |rank change| %.3f, largest %zu, moved > %zu: %.1f%%, "
                           "Spearman %.4f\n",
                           year, node, sh.n, sh.mean_abs, sh.max_abs, threshold, 100 * sh.share_moved,
                           sh.spearman);
            }
        }
        free(ds);
        free(dr);
    }
    if (rc)
        cli_report("compare", rc);
    if (csv_close(&out, rc == 0) && !rc)
        rc = GOVIDX_EIO;
    free(root);
    govidx_result_free(r[0]);
    govidx_result_free(r[1]);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_strengths(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *spec = NULL;
    size_t kk = 3, y, u, i2, *s = NULL, *w = NULL, ns, nw;
    govidx_result *r = NULL;
    cli_units units = {NULL, NULL};
    csv_out out;
    FILE *f;
    int i, rc = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            strengths_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--method") && v)
            spec = v, i++;
        else if (!strcmp(a, "--csv") && v)
            csv = v, i++;
        else if (!strcmp(a, "--k") && v)
            kk = (size_t)strtoul(v, NULL, 10), i++;
        else if (cli_units_arg(&units, a, v) == 1)
            i++;
        else if (a[0] != '-' && !file)
            file = a;
        else {
            fprintf(stderr, "govidx strengths: unknown or incomplete option '%s'\n", a);
            strengths_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file || !csv || kk == 0 || kk > 1000) {
        strengths_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (load_and_run(file, spec, &r, NULL, &units))
        return CLI_EXIT_FAIL;
    s = calloc(kk, sizeof *s);
    w = calloc(kk, sizeof *w);
    if (!s || !w || !(f = csv_open(&out, csv))) {
        free(s);
        free(w);
        govidx_result_free(r);
        return CLI_EXIT_FAIL;
    }
    fputs("unit,year,kind,position,indicator,score,rank\n", f);
    for (y = 0; !rc && y < govidx_result_n_years(r); y++)
        for (u = 0; !rc && u < govidx_result_n_units(r); u++) {
            if ((rc = govidx_result_strengths(s, &ns, w, &nw, kk, r, u, y)))
                break;
            for (i2 = 0; i2 < ns + nw; i2++) {
                int strong = i2 < ns;
                size_t node = strong ? s[i2] : w[i2 - ns];
                csv_field(f, govidx_result_unit_code(r, u));
                fprintf(f, ",%d,%s,%zu,", govidx_result_year(r, y), strong ? "strength" : "weakness",
                        (strong ? i2 : i2 - ns) + 1);
                csv_field(f, govidx_result_node_code(r, node));
                field(f, govidx_result_score(r, u, y, node));
                fprintf(f, ",%zu\n", govidx_result_rank(r, u, y, node));
            }
        }
    if (rc)
        cli_report("strengths", rc);
    if (csv_close(&out, rc == 0) && !rc)
        rc = GOVIDX_EIO;
    free(s);
    free(w);
    govidx_result_free(r);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

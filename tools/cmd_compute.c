/*
 * tools/cmd_compute.c - `govidx compute`: compute a dataset's index tree.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            "  --method SPEC.json       method spec file (see docs/methods.md)\n"
            "  --normalize M            minmax|goalpost|zscore|zscore-minmax|target|best|rank|\n"
            "                           percentile|stdrank|vector|none\n"
            "  --range LOW,HIGH         scale of minmax (default 0,100)\n"
            "  --treat M                none|winsorise|log|boxcox\n"
            "  --impute M               none|mean|median|group-mean|group-median|\n"
            "                           carry-forward|carry-backward\n"
            "  --impute-group NAME      unit grouping for group imputation\n"
            "  --weights M              nominal|equal|entropy|critic|critic-abs|pca\n"
            "  --per-year-weights       derive data-driven weights per year (default: pooled)\n"
            "  --aggregate M            arithmetic|geometric|harmonic|generalised|topsis|mpi|\n"
            "                           mpi-negative|ampi|ampi-negative|copeland\n"
            "  --node NODE:KEY=VALUE    per-node override, e.g. --node Conn:aggregate.method=geometric\n"
            "  --set KEY=VALUE          any method key, e.g. --set aggregate.floor=0.01\n"
            "  --denominate             divide indicators by their denominators\n"
            "  --write RUN              also store the run in FILE.h5 as /results/RUN (atomic)\n"
            "  --replace                with --write: replace an existing run of that name\n"
            "  --print-method           print the method spec as JSON and exit\n");
}

static int set_key(govidx_method *m, const char *key, const char *value)
{
    int rc = govidx_method_set(m, key, value);
    if (rc)
        cli_report(key, rc);
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
        cli_report(key, rc);
    return rc;
}

static void print_problem(void *ctx, const char *object, const char *message)
{
    fprintf(stderr, "%s: %s: %s\n", (const char *)ctx, object, message);
}

/* Store the result in the input file as /results/<name> (atomically). */
static int write_run(const char *file, const govidx_result *res, const char *name, unsigned flags)
{
    govidx_run *run = NULL;
    int rc = govidx_result_to_run(&run, res, name);
    if (!rc)
        rc = govidx_run_set_input_checksum(run, file);
    if (!rc)
        rc = govidx_file_add_run(file, run, flags);
    if (rc)
        cli_report(name, rc);
    govidx_run_free(run);
    return rc;
}

int cmd_compute(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *spec = NULL, *run_name = NULL;
    unsigned write_flags = 0;
    govidx_method *m = NULL;
    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    int i, rc = 0, print_method = 0, status = CLI_EXIT_FAIL;

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
        cli_report(spec ? spec : "method", rc);
        return CLI_EXIT_USAGE;
    }
    for (i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = 1;
        if (!strcmp(a, "--csv") && v)
            csv = v;
        else if (!strcmp(a, "--write") && v)
            run_name = v;
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
        govidx_method_free(m);
        return CLI_EXIT_USAGE;
    }
    if (print_method) {
        char *json = NULL;
        rc = govidx_method_to_json(m, &json);
        if (!rc)
            printf("%s\n", json);
        govidx_free(json);
        govidx_method_free(m);
        return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    }
    if (!file || (!csv && !run_name)) {
        fprintf(stderr, "govidx compute: a FILE.h5 and --csv OUT.csv (or --write RUN) are required\n");
        compute_usage(stderr);
        govidx_method_free(m);
        return CLI_EXIT_USAGE;
    }

    rc = govidx_file_validate(file, GOVIDX_VALIDATE_ISOLATED, print_problem, (void *)file);
    if (rc)
        fprintf(stderr, "govidx compute: %s is not a valid city dataset\n", file);
    else if ((rc = govidx_dataset_open(&ds, file, NULL)))
        cli_report(file, rc);
    else if ((rc = govidx_plan_from_dataset(&plan, ds, m)))
        cli_report("plan", rc);
    else if ((rc = govidx_execute_dataset(plan, ds, &res)))
        cli_report("execute", rc);
    else if (csv && (rc = govidx_result_write_csv(res, csv)))
        cli_report(csv, rc);
    else if (run_name && (rc = write_run(file, res, run_name, write_flags)))
        ;
    else
        status = CLI_EXIT_OK;

    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    govidx_method_free(m);
    return status;
}

/*
 * tools/cmd_diff.c - `govidx diff`: the year-on-year change table of a
 * dataset's composite index with its decomposition (govidx/decompose.h).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "figure.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: govidx diff FILE.h5 --from Y1 --to Y2 [--csv OUT.csv] [--method SPEC.json]\n"
            "                   [--node CODE] [--top K] [--from-run NAME] [--max-players P] [--samples S]\n"
            "\n"
            "Computes the file's index tree for every year (with SPEC, default the engine's\n"
            "defaults) and splits each unit's change of score from Y1 to Y2 into the\n"
            "contributions of pillars and indicators: exact weighted differences for\n"
            "arithmetic nodes, the log (LMDI-I) decomposition for geometric ones, Shapley\n"
            "values over a node's children otherwise (exact up to P players, default 12;\n"
            "from S sampled orders above, default 4096).\n"
            "\n"
            "Prints, for the root (or --node CODE), one line per unit in Y2 rank order:\n"
            "  unit,name,score_from,score_to,change,rank_from,rank_to,rank_change,\n"
            "  top_positive,top_negative,breaks\n"
            "(top_*: the K (default 3) indicators under the node contributing most to the\n"
            "root's change, 'code:+0.123' separated by ';'; breaks: series breaks, see docs/figures.md).  --csv writes every unit\n"
            "and node: unit,node,parent,from_year,to_year,score_from,score_to,change,\n"
            "rank_from,rank_to,rank_change,contribution,local,weight_effect,method,breaks.\n"
            "--from-run NAME: Y1's numbers were published as the stored run NAME; a method\n"
            "different from SPEC is flagged as a series break.\n");
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void num(FILE *f, double x)
{
    fputc(',', f);
    if (!isnan(x))
        fprintf(f, "%.6f", x);
}

static void top_field(FILE *f, const govidx_decomposition *d, size_t u, size_t node, size_t k, int sign)
{
    size_t *idx = malloc((k ? k : 1) * sizeof *idx), n = 0;
    fputc(',', f);
    if (!idx || govidx_decomposition_top(idx, &n, k, d, u, node, sign)) {
        free(idx);
        return;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s:%+.6f", i ? ";" : "", govidx_decomposition_node_code(d, idx[i]),
                govidx_decomposition_contribution(d, u, idx[i]));
    free(idx);
}

static const govidx_decomposition *sort_d;
static size_t sort_node;
static int by_rank_to(const void *a, const void *b)
{
    size_t ua = *(const size_t *)a, ub = *(const size_t *)b;
    size_t ra = govidx_decomposition_rank_to(sort_d, ua, sort_node), rb = govidx_decomposition_rank_to(sort_d, ub, sort_node);
    ra = ra ? ra : (size_t)-1;
    rb = rb ? rb : (size_t)-1;
    return ra < rb ? -1 : ra > rb ? 1 : ua < ub ? -1 : ua > ub;
}

int cmd_diff(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *spec = NULL, *node_code = NULL, *from_run = NULL;
    long from = 0, to = 0, top = 3, players = 12, samples = 4096;
    int have_from = 0, have_to = 0, rc, i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--from") && v) {
            if (parse_int(v, -100000, 100000, &from)) {
                fprintf(stderr, "govidx diff: --from: '%s' is not a year\n", v);
                return CLI_EXIT_USAGE;
            }
            have_from = 1;
            i++;
        } else if (!strcmp(a, "--to") && v) {
            if (parse_int(v, -100000, 100000, &to)) {
                fprintf(stderr, "govidx diff: --to: '%s' is not a year\n", v);
                return CLI_EXIT_USAGE;
            }
            have_to = 1;
            i++;
        } else if (!strcmp(a, "--top") && v) {
            if (parse_int(v, 0, 1000, &top)) {
                fprintf(stderr, "govidx diff: --top: '%s' is not a count in 0..1000\n", v);
                return CLI_EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--max-players") && v) {
            if (parse_int(v, 1, 20, &players)) {
                fprintf(stderr, "govidx diff: --max-players: '%s' is not in 1..20\n", v);
                return CLI_EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--samples") && v) {
            if (parse_int(v, 1, 100000000, &samples)) {
                fprintf(stderr, "govidx diff: --samples: '%s' is not a count >= 1\n", v);
                return CLI_EXIT_USAGE;
            }
            i++;
        } else if (!strcmp(a, "--csv") && v)
            csv = argv[++i];
        else if (!strcmp(a, "--method") && v)
            spec = argv[++i];
        else if (!strcmp(a, "--node") && v)
            node_code = argv[++i];
        else if (!strcmp(a, "--from-run") && v)
            from_run = argv[++i];
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "govidx diff: unknown option or missing value: %s\n", a);
            usage(stderr);
            return CLI_EXIT_USAGE;
        } else if (!file)
            file = a;
        else {
            fprintf(stderr, "govidx diff: more than one input file: %s\n", a);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file || !have_from || !have_to) {
        fprintf(stderr, "govidx diff: %s\n", !file ? "no input file" : "--from and --to are required");
        usage(stderr);
        return CLI_EXIT_USAGE;
    }

    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_result *r = NULL;
    govidx_decomposition *d = NULL;
    govidx_run *run = NULL;
    size_t node = (size_t)-1, n, u, *order = NULL;
    if ((rc = figure_compute(&ds, &plan, &r, file, spec)))
        return CLI_EXIT_FAIL;
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    o.from_year = (int)from;
    o.to_year = (int)to;
    o.shapley_max_players = (size_t)players;
    o.shapley_samples = (size_t)samples;
    if (from_run) {
        if ((rc = govidx_run_open(&run, file, from_run))) {
            cli_report(from_run, rc);
            goto done;
        }
        if (!(o.from_method_json = govidx_run_attr(run, "method"))) {
            fprintf(stderr, "govidx diff: run '%s' records no method\n", from_run);
            rc = GOVIDX_ENOTFOUND;
            goto done;
        }
    }
    if ((rc = govidx_decompose(&d, plan, r, &o))) {
        cli_report("diff", rc);
        goto done;
    }
    if (node_code && (rc = govidx_decomposition_find_node(&node, d, node_code))) {
        cli_report("--node", rc);
        goto done;
    }
    if (!node_code && (node = figure_root(ds, r)) == (size_t)-1) {
        fprintf(stderr, "govidx diff: the file's framework has no root\n");
        rc = GOVIDX_ENOTFOUND;
        goto done;
    }
    if (csv && (rc = govidx_decomposition_write_csv(d, csv))) {
        cli_report(csv, rc);
        goto done;
    }
    n = govidx_decomposition_n_units(d);
    if (!(order = malloc((n ? n : 1) * sizeof *order))) {
        rc = GOVIDX_ENOMEM;
        fprintf(stderr, "govidx diff: out of memory\n");
        goto done;
    }
    for (u = 0; u < n; u++)
        order[u] = u;
    sort_d = d;
    sort_node = node;
    qsort(order, n, sizeof *order, by_rank_to);
    printf("# %s: change of %s from %ld to %ld", file, govidx_decomposition_node_code(d, node), from, to);
    {
        char breaks[128];
        unsigned b = govidx_decomposition_breaks(d, GOVIDX_DECOMP_ALL);
        govidx_break_names(breaks, sizeof breaks, b);
        printf("; series breaks: %s\n", b ? breaks : "none");
    }
    printf("unit,name,score_from,score_to,change,rank_from,rank_to,rank_change,top_positive,top_negative,breaks\n");
    for (size_t i2 = 0; i2 < n; i2++) {
        char breaks[128];
        u = order[i2];
        csv_field(stdout, govidx_decomposition_unit_code(d, u));
        fputc(',', stdout);
        csv_field(stdout, figure_unit_name(ds, govidx_decomposition_unit_code(d, u)));
        num(stdout, govidx_decomposition_score_from(d, u, node));
        num(stdout, govidx_decomposition_score_to(d, u, node));
        num(stdout, govidx_decomposition_change(d, u, node));
        size_t ra = govidx_decomposition_rank_from(d, u, node), rb = govidx_decomposition_rank_to(d, u, node);
        if (ra)
            printf(",%zu", ra);
        else
            fputc(',', stdout);
        if (rb)
            printf(",%zu", rb);
        else
            fputc(',', stdout);
        if (ra && rb)
            printf(",%+ld", govidx_decomposition_rank_change(d, u, node));
        else
            fputc(',', stdout);
        top_field(stdout, d, u, node, (size_t)top, +1);
        top_field(stdout, d, u, node, (size_t)top, -1);
        govidx_break_names(breaks, sizeof breaks, govidx_decomposition_breaks(d, u));
        fputc(',', stdout);
        fputs(breaks, stdout);
        fputc('\n', stdout);
    }
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "govidx diff: cannot write the table to standard output\n");
        rc = GOVIDX_EIO;
    }
done:
    free(order);
    govidx_run_free(run);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

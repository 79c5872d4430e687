/*
 * tools/cmd_uncertainty.c - `govidx uncertainty`: Monte Carlo rank intervals
 * and Sobol indices of a dataset's index tree under perturbed weights.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: govidx uncertainty FILE.h5 [--spec UNCERTAINTY.json] [--method SPEC.json] [--set KEY=VALUE]...\n"
            "         [--node NODE:KEY=VALUE]...\n"
            "         --replications N [--seed S] [--weights-noise F [--noise-levels L1,L2]]\n"
            "         [--weights-dirichlet K] [--leave-one-out] [--data-noise] [--vary [NODE:]KEY=V1,V2,...]... [--quantiles 5,25,75,95] [--sampling random|sobol]\n"
            "         [--threads T] [--batch B] [--roots-only] [--ranks-only]\n"
            "         [--sobol [--sobol-csv S.csv] [--bootstrap B] [--sobol-width W]]\n"
            "         [--exclude CODE,...] [--only CODE,...] --csv OUT.csv [--params P.csv] [--write RUN [--replace]]\n"
            "\n"
            "Perturbs the weights of the index tree N times (COINr's noise model: each weight at\n"
            "the given levels, 1 = indicators, times U(1-F, 1+F), renormalised within its node; or\n"
            "a Dirichlet around the nominal weights with concentration K; --leave-one-out also\n"
            "drops one indicator per replication; --data-noise adds N(0, se) to every value with a standard\n"
            "error in the file (/panel/stderr) and reruns the whole pipeline; --vary switches a method key among values, e.g.\n"
            "normalize.method=minmax,zscore or P1:aggregate.method=arithmetic,geometric), and writes per unit,\n"
            "year and node: unit,year,node,nominal_score,nominal_rank,mean_score,median_score,\n"
            "q05_score,q95_score,mean_rank,median_rank,q05_rank,q95_rank,mean_abs_rank_shift\n"
            "and a qNN_score,qNN_rank pair per extra quantile.  --params writes every\n"
            "replication's weights; --sobol-csv the first/total-order Sobol indices of each\n"
            "unit's root score and of the mean absolute rank shift (unit '*') per input\n"
            "(the weights of one node).  --spec reads the whole specification from JSON (keys as the\n"
            "options: replications, seed, weights_noise, noise_levels, vary [{node, key, values}], ...);\n"
            "options on the command line override it.  --write RUN stores the same statistics in FILE.h5 as\n"
            "/results/RUN (atomic, under the writer lock; --replace replaces a run of that name).  --roots-only keeps statistics for the root nodes only\n"
            "(less memory on large runs); --ranks-only keeps no score draws (memory independent\n"
            "of N; the score columns are then empty).  --sampling sobol draws the uniforms from Sobol'\n"
            "quasi-random points (Joe & Kuo 2008) instead of pseudo-random streams.  A progress bar is shown on a terminal.\n"
            "--exclude / --only leave units out of every replication (units.exclude /\n"
            "units.only: missing, unranked scores; unknown codes are named).\n");
}

static int set_pair(govidx_method *m, const char *arg, int per_node)
{
    char buf[1024], *eq, *key = buf, *node = NULL;
    int rc;
    if (strlen(arg) >= sizeof buf || !(eq = strchr(strcpy(buf, arg), '='))) {
        fprintf(stderr, "govidx uncertainty: expected %sKEY=VALUE, got '%s'\n", per_node ? "NODE:" : "", arg);
        return GOVIDX_EINVAL;
    }
    *eq = '\0';
    if (per_node) {
        char *colon = strchr(buf, ':');
        if (!colon) {
            fprintf(stderr, "govidx uncertainty: expected NODE:KEY=VALUE, got '%s'\n", arg);
            return GOVIDX_EINVAL;
        }
        *colon = '\0';
        node = buf;
        key = colon + 1;
    }
    rc = node ? govidx_method_set_node(m, node, key, eq + 1) : govidx_method_set(m, key, eq + 1);
    if (rc)
        cli_report("run", rc);
    return rc;
}

/* "5,25,75" -> numbers; 0 on success. */
static int parse_list(const char *s, double *out, size_t cap, size_t *n)
{
    char *end;
    *n = 0;
    while (*s) {
        double x = strtod(s, &end);
        if (end == s || *n == cap || (*end && *end != ','))
            return -1;
        out[(*n)++] = x;
        s = *end ? end + 1 : end;
    }
    return *n ? 0 : -1;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    if (!*s || *s == '-')
        return -1;
    v = strtoull(s, &end, 10);
    if (*end)
        return -1;
    *out = (size_t)v;
    return 0;
}

#define MAX_VARY 16

/* "[NODE:]KEY=V1,V2,..." into vy, splitting a copy kept in *buf. */
static int parse_vary(const char *arg, govidx_uncertainty_vary *vy, char **buf, const char **vals, size_t cap)
{
    char *eq, *colon, *p;
    size_t n = 0;
    if (!(*buf = strdup(arg)) || !(eq = strchr(*buf, '=')))
        return -1;
    *eq = '\0';
    colon = strchr(*buf, ':');
    vy->node = colon ? *buf : NULL;
    if (colon)
        *colon = '\0';
    vy->key = colon ? colon + 1 : *buf;
    for (p = eq + 1; n < cap;) {
        char *comma = strchr(p, ',');
        vals[n++] = p;
        if (!comma)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    vy->values = vals;
    vy->n_values = n;
    return *vy->key ? 0 : -1;
}

static int bar(void *ctx, size_t done, size_t total)
{
    int width = 40, filled = total ? (int)((double)done / (double)total * width) : width;
    (void)ctx;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu", filled, "########################################", width - filled, "",
            done, total);
    if (done == total)
        fputc('\n', stderr);
    return 0;
}

/* Store the statistics in the input file as /results/<name> through the
 * library's one write path (atomic, under the writer lock), with the
 * command line and the input's checksum as provenance. */
static int write_run(const char *file, const govidx_uncertainty *u, const char *name, const double *quant,
                     size_t n_quant, unsigned flags, int argc, char **argv)
{
    govidx_run *run = NULL;
    char args[4096];
    size_t len = 0;
    int a, rc = govidx_uncertainty_to_run(&run, u, name, quant, n_quant);
    args[0] = '\0';
    for (a = 1; a < argc && len < sizeof args; a++)
        len += (size_t)snprintf(args + len, sizeof args - len, "%s%s", a > 1 ? " " : "", argv[a]);
    if (!rc)
        rc = govidx_run_set_attr(run, "arguments", args);
    if (!rc)
        rc = govidx_run_set_input_checksum(run, file);
    if (!rc)
        rc = govidx_run_file_add(file, run, flags);
    if (rc == GOVIDX_EEXIST)
        fprintf(stderr, "govidx uncertainty: %s already has a run '%s' (add --replace to replace it)\n", file, name);
    else if (rc)
        cli_report(name, rc);
    govidx_run_free(run);
    return rc;
}

int cmd_uncertainty(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *params = NULL, *sobol_csv = NULL, *spec = NULL, *uspec_path = NULL;
    govidx_uncertainty_spec *uspec = NULL;
    const char *run_name = NULL;
    unsigned write_flags = 0;
    double quant[32], levels[32];
    govidx_uncertainty_vary vary[MAX_VARY];
    char *vary_buf[MAX_VARY] = {NULL};
    const char *vary_vals[MAX_VARY][64];
    size_t n_vary = 0;
    size_t n_quant = 0, n_levels = 0, i;
    govidx_uncertainty_options o = GOVIDX_UNCERTAINTY_OPTIONS_INIT;
    govidx_method *m = NULL;
    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_uncertainty *u = NULL;
    int a, rc = 0, status = CLI_EXIT_FAIL;
    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help")) {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if (!strcmp(argv[a], "--method") && a + 1 < argc)
            spec = argv[a + 1];
        if (!strcmp(argv[a], "--spec") && a + 1 < argc)
            uspec_path = argv[a + 1];
    }
    if (uspec_path) { /* the declarative specification first; options given on the command line override it */
        const double *q;
        if ((rc = govidx_uncertainty_spec_from_file(&uspec, uspec_path))) {
            cli_report(uspec_path, rc);
            return CLI_EXIT_USAGE;
        }
        o = *govidx_uncertainty_spec_options(uspec);
        for (i = 0; i < o.n_vary && i < MAX_VARY; i++)
            vary[n_vary++] = o.vary[i];
        q = govidx_uncertainty_spec_quantiles(uspec, &n_quant);
        memcpy(quant, q, n_quant * sizeof *quant);
        if (o.n_vary > MAX_VARY) {
            fprintf(stderr, "govidx uncertainty: %s: at most %d vary entries\n", uspec_path, MAX_VARY);
            govidx_uncertainty_spec_free(uspec);
            return CLI_EXIT_USAGE;
        }
    }
    if ((rc = spec ? govidx_method_from_file(&m, spec) : govidx_method_new(&m))) {
        cli_report(spec ? spec : "method", rc);
        govidx_uncertainty_spec_free(uspec);
        return CLI_EXIT_USAGE;
    }
    for (a = 1; a < argc && !rc; a++) {
        const char *k = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
        int takes = 1;
        if (!strcmp(k, "--csv") && v)
            csv = v;
        else if ((!strcmp(k, "--method") || !strcmp(k, "--spec")) && v)
            ;
        else if (!strcmp(k, "--write") && v)
            run_name = v;
        else if (!strcmp(k, "--params") && v)
            params = v;
        else if (!strcmp(k, "--sobol-csv") && v)
            sobol_csv = v;
        else if (!strcmp(k, "--exclude") && v) /* units left out of every replication */
            rc = govidx_method_set(m, "units.exclude", v);
        else if (!strcmp(k, "--only") && v)
            rc = govidx_method_set(m, "units.only", v);
        else if (!strcmp(k, "--set") && v)
            rc = set_pair(m, v, 0);
        else if (!strcmp(k, "--node") && v)
            rc = set_pair(m, v, 1);
        else if (!strcmp(k, "--replications") && v)
            rc = parse_size(v, &o.replications) || !o.replications ? GOVIDX_EINVAL : 0;
        else if (!strcmp(k, "--seed") && v) {
            char *end;
            o.seed = strtoull(v, &end, 10);
            rc = *end || !*v ? GOVIDX_EINVAL : 0;
        } else if (!strcmp(k, "--weights-noise") && v) {
            char *end;
            o.weights_noise = strtod(v, &end);
            rc = *end || !*v ? GOVIDX_EINVAL : 0;
        } else if (!strcmp(k, "--weights-dirichlet") && v) {
            char *end;
            o.weights_dirichlet = strtod(v, &end);
            rc = *end || !*v ? GOVIDX_EINVAL : 0;
        } else if (!strcmp(k, "--noise-levels") && v) {
            rc = parse_list(v, levels, 32, &n_levels) ? GOVIDX_EINVAL : 0;
            o.noise_levels = 0; /* replaces the spec's levels */
        }
        else if (!strcmp(k, "--quantiles") && v)
            rc = parse_list(v, quant, 32, &n_quant) ? GOVIDX_EINVAL : 0;
        else if (!strcmp(k, "--bootstrap") && v)
            rc = parse_size(v, &o.bootstrap) ? GOVIDX_EINVAL : 0;
        else if (!strcmp(k, "--sobol-width") && v) {
            char *end;
            o.sobol_width = strtod(v, &end);
            rc = *end || !*v ? GOVIDX_EINVAL : 0;
        } else if (!strcmp(k, "--vary") && v) {
            if (n_vary == MAX_VARY || parse_vary(v, &vary[n_vary], &vary_buf[n_vary], vary_vals[n_vary], 64)) {
                fprintf(stderr, "govidx uncertainty: --vary takes [NODE:]KEY=V1,V2,... (at most %d)\n", MAX_VARY);
                rc = GOVIDX_EINVAL;
            }
            n_vary++;
        } else if (!strcmp(k, "--sampling") && v) {
            if (!strcmp(v, "random"))
                o.sampling = GOVIDX_SAMPLING_RANDOM;
            else if (!strcmp(v, "sobol"))
                o.sampling = GOVIDX_SAMPLING_SOBOL;
            else
                rc = GOVIDX_EINVAL;
        } else if (!strcmp(k, "--threads") && v)
            rc = parse_size(v, &o.n_threads) ? GOVIDX_EINVAL : 0;
        else if (!strcmp(k, "--batch") && v)
            rc = parse_size(v, &o.batch) ? GOVIDX_EINVAL : 0;
        else {
            takes = 0;
            if (!strcmp(k, "--sobol"))
                o.sobol = 1;
            else if (!strcmp(k, "--replace"))
                write_flags |= GOVIDX_WRITE_REPLACE;
            else if (!strcmp(k, "--data-noise"))
                o.data_noise = 1;
            else if (!strcmp(k, "--leave-one-out"))
                o.leave_one_out = 1;
            else if (!strcmp(k, "--roots-only"))
                o.roots_only = 1;
            else if (!strcmp(k, "--ranks-only"))
                o.ranks_only = 1;
            else if (k[0] != '-' && !file)
                file = k;
            else {
                fprintf(stderr, "govidx uncertainty: unknown or incomplete option '%s'\n", k);
                rc = GOVIDX_EINVAL;
            }
        }
        if (rc && takes && v)
            fprintf(stderr, "govidx uncertainty: bad value '%s' for %s\n", v, k);
        a += takes;
    }
    if (rc || !file || (!csv && !run_name) || !o.replications) {
        if (!rc)
            fprintf(stderr, "govidx uncertainty: FILE.h5, --replications N and --csv OUT.csv (or --write RUN) are "
                            "required\n");
        usage(stderr);
        govidx_method_free(m);
        govidx_uncertainty_spec_free(uspec);
        return CLI_EXIT_USAGE;
    }
    if (sobol_csv && !o.sobol) {
        fprintf(stderr, "govidx uncertainty: --sobol-csv needs --sobol\n");
        govidx_method_free(m);
        govidx_uncertainty_spec_free(uspec);
        return CLI_EXIT_USAGE;
    }
    for (i = 0; i < n_levels; i++) {
        if (levels[i] != floor(levels[i]) || levels[i] < 1 || levels[i] > 31) {
            fprintf(stderr, "govidx uncertainty: noise level %g is not a level 1..31\n", levels[i]);
            govidx_method_free(m);
        govidx_uncertainty_spec_free(uspec);
            return CLI_EXIT_USAGE;
        }
        o.noise_levels |= 1u << (unsigned)levels[i];
    }
    if (isatty(STDERR_FILENO))
        o.progress = bar;
    o.vary = vary;
    o.n_vary = n_vary;
    if (cli_dataset_open(&ds, file, NULL, NULL)) {
        govidx_method_free(m);
        govidx_uncertainty_spec_free(uspec);
        return CLI_EXIT_FAIL;
    }
    if ((rc = govidx_plan_from_dataset(&plan, ds, m)))
        cli_report("plan", rc);
    else if ((rc = govidx_uncertainty_run_dataset(&u, plan, ds, &o)))
        cli_report("run", rc);
    else if (csv && (rc = govidx_uncertainty_write_csv(u, csv, quant, n_quant)))
        cli_report(csv, rc);
    else if (params && (rc = govidx_uncertainty_write_params_csv(u, params)))
        cli_report(params, rc);
    else if (sobol_csv && (rc = govidx_uncertainty_write_sobol_csv(u, sobol_csv)))
        cli_report(sobol_csv, rc);
    else if (run_name && (rc = write_run(file, u, run_name, quant, n_quant, write_flags, argc, argv)))
        ;
    else
        status = CLI_EXIT_OK;
    govidx_uncertainty_free(u);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    govidx_method_free(m);
    govidx_uncertainty_spec_free(uspec);
    for (i = 0; i < n_vary; i++)
        free(vary_buf[i]);
    return status;
}

/*
 * tools/cmd_dea.c - `govidx dea`: DEA efficiency of the rows of a CSV file
 * or of one year of a city dataset's DEA block.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void dea_usage(FILE *f)
{
    fprintf(f,
            "usage: govidx dea DATA.csv --inputs x1,x2 --outputs y1,y2 [options] --csv OUT.csv\n"
            "       govidx dea FILE.h5 [--year Y] [--inputs ... --outputs ...] [options] --csv OUT.csv\n"
            "\n"
            "One row per DMU: dmu (the first column of DATA.csv, or the unit code), efficiency,\n"
            "slack_<input>..., slack_<output>..., peers (';'-separated), lambdas, status.\n"
            "With FILE.h5 the inputs and outputs default to the file's DEA block.\n"
            "\n"
            "options:\n"
            "  --model ccr|bcc|nirs|ndrs|sbm|super   (default ccr)\n"
            "  --orientation in|out|none             (default in; none for sbm only; also\n"
            "                                        input|output|nonoriented)\n"
            "  --category COLUMN       categorical DMUs: level 1 = least favourable;\n"
            "                          a DMU is compared with DMUs of its level or lower\n"
            "  --nondiscretionary x1   inputs the DMUs cannot control (comma-separated)\n"
            "  --undesirable y2        undesirable outputs (comma-separated)\n"
            "  --no-second-stage       slacks of the radial LP, no max-slack stage\n"
            "  --threads N             worker threads (default: one per online CPU; the\n"
            "                          scores are the same for any N)\n"
            "  --malmquist             FILE.h5 only: Malmquist index between consecutive years\n"
            "                          (radial model and orientation as given); columns\n"
            "                          dmu,year_from,year_to,effch,techch,tfpch,status\n");
}

/* Split a comma list into at most max items (modifies s). */
static size_t split(char *s, char **items, size_t max)
{
    size_t n = 0;
    char *tok, *save = NULL;
    for (tok = strtok_r(s, ",", &save); tok && n < max; tok = strtok_r(NULL, ",", &save))
        items[n++] = tok;
    return n;
}

static int progress(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    fprintf(stderr, "\rgovidx dea: %zu / %zu DMUs", done, total);
    if (done == total)
        fputc('\n', stderr);
    return 0;
}

#define MAXV 64

typedef struct dea_input {
    size_t n, m, s;
    double *X, *Y;
    char **dmu;
    int *category;
    const char *in_names[MAXV], *out_names[MAXV];
    int names_owned; /* the names were copied (dataset input) and are freed here */
} dea_input;

static void free_input(dea_input *d)
{
    size_t i;
    free(d->X);
    free(d->Y);
    free(d->category);
    if (d->names_owned) {
        for (i = 0; i < d->m; i++)
            free((char *)d->in_names[i]);
        for (i = 0; i < d->s; i++)
            free((char *)d->out_names[i]);
    }
    if (d->dmu)
        for (i = 0; i < d->n; i++)
            free(d->dmu[i]);
    free(d->dmu);
}

static int from_csv(dea_input *d, const char *path, char **ins, size_t m, char **outs, size_t s,
                    const char *category)
{
    govidx_table *t = NULL;
    size_t i, k, c, cat_col = 0;
    int rc = govidx_table_read_csv(&t, path, NULL);
    if (rc) {
        cli_report(path, rc);
        return rc;
    }
    d->n = govidx_table_n_rows(t);
    d->m = m;
    d->s = s;
    d->X = calloc(d->n * m + 1, sizeof *d->X);
    d->Y = calloc(d->n * s + 1, sizeof *d->Y);
    d->dmu = calloc(d->n + 1, sizeof *d->dmu);
    if (category && (rc = govidx_table_find_col(&cat_col, t, category)) == GOVIDX_OK)
        d->category = calloc(d->n + 1, sizeof *d->category);
    for (k = 0; k < m + s && rc == GOVIDX_OK; k++) {
        const char *name = k < m ? ins[k] : outs[k - m];
        if ((rc = govidx_table_find_col(&c, t, name)) != GOVIDX_OK)
            break;
        for (i = 0; i < d->n && rc == GOVIDX_OK; i++)
            rc = govidx_table_number(k < m ? &d->X[i + k * d->n] : &d->Y[i + (k - m) * d->n], t, i, c);
        if (k < m)
            d->in_names[k] = name;
        else
            d->out_names[k - m] = name;
    }
    for (i = 0; i < d->n && rc == GOVIDX_OK; i++) {
        d->dmu[i] = strdup(govidx_table_cell(t, i, 0));
        if (d->category) {
            double x;
            if ((rc = govidx_table_number(&x, t, i, cat_col)) == GOVIDX_OK && (isnan(x) || x != floor(x)))
                rc = GOVIDX_EFORMAT;
            if (rc == GOVIDX_OK)
                d->category[i] = (int)x;
        }
    }
    if (rc)
        cli_report(path, rc);
    govidx_table_free(t);
    return rc;
}

static int from_h5(dea_input *d, const char *path, int year, char **ins, size_t m, char **outs, size_t s)
{
    govidx_dataset *ds = NULL;
    govidx_matrix_view v;
    size_t y, i, k, col[2 * MAXV];
    int rc = cli_dataset_open(&ds, path, NULL, NULL);
    if (rc)
        return rc;
    if (year)
        rc = govidx_dataset_find_year(&y, ds, year);
    else
        y = govidx_dataset_n_years(ds) - 1; /* the latest year */
    if (!m && !s) { /* the file's DEA block */
        m = govidx_dataset_n_dea_inputs(ds);
        s = govidx_dataset_n_dea_outputs(ds);
        for (k = 0; k < m + s && !rc && k < 2 * MAXV; k++)
            rc = k < m ? govidx_dataset_dea_input(&col[k], NULL, ds, k)
                       : govidx_dataset_dea_output(&col[k], NULL, ds, k - m);
    } else {
        for (k = 0; k < m + s && !rc; k++)
            rc = govidx_dataset_find_indicator(&col[k], ds, k < m ? ins[k] : outs[k - m]);
    }
    if (!rc && (m == 0 || s == 0 || m + s > 2 * MAXV))
        rc = GOVIDX_EINVAL;
    if (!rc)
        rc = govidx_dataset_panel(&v, ds, y);
    if (rc) {
        cli_report(path, rc);
        govidx_dataset_close(ds);
        return rc;
    }
    d->n = v.rows;
    d->m = m;
    d->s = s;
    d->X = calloc(d->n * m + 1, sizeof *d->X);
    d->Y = calloc(d->n * s + 1, sizeof *d->Y);
    d->dmu = calloc(d->n + 1, sizeof *d->dmu);
    for (i = 0; i < d->n; i++) {
        d->dmu[i] = strdup(govidx_dataset_unit_code(ds, i));
        for (k = 0; k < m + s; k++) {
            double x = v.data[i + col[k] * v.ld];
            if (k < m)
                d->X[i + k * d->n] = x;
            else
                d->Y[i + (k - m) * d->n] = x;
        }
    }
    for (k = 0; k < m + s; k++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        govidx_dataset_indicator(&in, ds, col[k]);
        /* copied: the dataset is closed below */
        if (k < m)
            d->in_names[k] = strdup(in.code);
        else
            d->out_names[k - m] = strdup(in.code);
    }
    d->names_owned = 1;
    govidx_dataset_close(ds);
    return GOVIDX_OK;
}

static const char *status_name(int st)
{
    switch (st) {
    case GOVIDX_DEA_OPTIMAL: return "optimal";
    case GOVIDX_DEA_INFEASIBLE: return "infeasible";
    case GOVIDX_DEA_UNBOUNDED: return "unbounded";
    default: return "failed";
    }
}

static int write_csv(const char *path, const dea_input *d, const govidx_dea_result *r)
{
    csv_out out;
    const double *eff = govidx_dea_efficiency(r), *sx = govidx_dea_input_slacks(r);
    const double *sy = govidx_dea_output_slacks(r);
    const int *st = govidx_dea_status(r);
    size_t i, k, p;
    FILE *f = csv_open(&out, path);
    if (!f)
        return GOVIDX_EIO;
    fputs("dmu,efficiency", f);
    for (k = 0; k < d->m; k++)
        fprintf(f, ",slack_%s", d->in_names[k]);
    for (k = 0; k < d->s; k++)
        fprintf(f, ",slack_%s", d->out_names[k]);
    fputs(",peers,lambdas,status\n", f);
    for (i = 0; i < d->n; i++) {
        const size_t *idx;
        const double *w;
        size_t np = govidx_dea_peers(&idx, &w, r, i);
        csv_field(f, d->dmu[i]);
        if (isnan(eff[i]))
            fputc(',', f);
        else
            fprintf(f, ",%.10g", eff[i]);
        for (k = 0; k < d->m; k++)
            fprintf(f, ",%.10g", sx ? sx[i + k * d->n] : 0.0);
        for (k = 0; k < d->s; k++)
            fprintf(f, ",%.10g", sy ? sy[i + k * d->n] : 0.0);
        fputc(',', f);
        for (p = 0; p < np; p++) {
            if (p)
                fputc(';', f);
            fputs(d->dmu[idx[p]], f);
        }
        fputc(',', f);
        for (p = 0; p < np; p++)
            fprintf(f, "%s%.10g", p ? ";" : "", w[p]);
        fprintf(f, ",%s\n", status_name(st[i]));
    }
    return csv_close(&out, 1) ? GOVIDX_EIO : GOVIDX_OK;
}

/* Malmquist index between consecutive years of a dataset's DEA block. */
static int malmquist_h5(const char *path, char **ins, size_t m, char **outs, size_t s, const govidx_dea_options *o,
                        const char *csv)
{
    govidx_dataset *ds = NULL;
    size_t col[2 * MAXV], n, y, i, k, T;
    double *X[2] = {NULL, NULL}, *Y[2] = {NULL, NULL}, *eff = NULL, *tech = NULL, *tfp = NULL;
    int *st = NULL, rc = cli_dataset_open(&ds, path, NULL, NULL);
    csv_out out;
    FILE *f = NULL;
    if (rc)
        return CLI_EXIT_FAIL;
    if (!rc && !m && !s) {
        m = govidx_dataset_n_dea_inputs(ds);
        s = govidx_dataset_n_dea_outputs(ds);
        for (k = 0; k < m + s && !rc && k < 2 * MAXV; k++)
            rc = k < m ? govidx_dataset_dea_input(&col[k], NULL, ds, k)
                       : govidx_dataset_dea_output(&col[k], NULL, ds, k - m);
    } else
        for (k = 0; k < m + s && !rc; k++)
            rc = govidx_dataset_find_indicator(&col[k], ds, k < m ? ins[k] : outs[k - m]);
    if (!rc && (m == 0 || s == 0 || m + s > 2 * MAXV || govidx_dataset_n_years(ds) < 2))
        rc = GOVIDX_EINVAL;
    if (rc) {
        cli_report(path, rc ? rc : GOVIDX_EINVAL);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    n = govidx_dataset_n_units(ds);
    T = govidx_dataset_n_years(ds);
    for (i = 0; i < 2; i++) {
        X[i] = calloc(n * m, sizeof(double));
        Y[i] = calloc(n * s, sizeof(double));
    }
    eff = calloc(n, sizeof *eff);
    tech = calloc(n, sizeof *tech);
    tfp = calloc(n, sizeof *tfp);
    st = calloc(n, sizeof *st);
    f = csv_open(&out, csv);
    if (!f || !X[0] || !X[1] || !Y[0] || !Y[1] || !eff || !tech || !tfp || !st)
        rc = GOVIDX_ENOMEM;
    if (f)
        fputs("dmu,year_from,year_to,effch,techch,tfpch,status\n", f);
    for (y = 1; y < T && !rc; y++) {
        for (i = 0; i < 2 && !rc; i++) {
            govidx_matrix_view v;
            size_t u;
            if ((rc = govidx_dataset_panel(&v, ds, y - 1 + i)))
                break;
            for (u = 0; u < n; u++)
                for (k = 0; k < m + s; k++) {
                    double x = v.data[u + col[k] * v.ld];
                    if (k < m)
                        X[i][u + k * n] = x;
                    else
                        Y[i][u + (k - m) * n] = x;
                }
        }
        if (!rc)
            rc = govidx_dea_malmquist(eff, tech, tfp, st, govidx_matrix_view_array(X[0], n, m),
                                      govidx_matrix_view_array(Y[0], n, s), govidx_matrix_view_array(X[1], n, m),
                                      govidx_matrix_view_array(Y[1], n, s), o);
        for (i = 0; i < n && !rc; i++) {
            csv_field(f, govidx_dataset_unit_code(ds, i));
            fprintf(f, ",%d,%d,", govidx_dataset_years(ds)[y - 1], govidx_dataset_years(ds)[y]);
            if (st[i] == GOVIDX_DEA_OPTIMAL)
                fprintf(f, "%.10g,%.10g,%.10g", eff[i], tech[i], tfp[i]);
            else
                fputs(",,", f);
            fprintf(f, ",%s\n", status_name(st[i]));
        }
    }
    if (rc)
        cli_report("malmquist", rc);
    if (f && csv_close(&out, rc == 0) && !rc)
        rc = GOVIDX_EIO;
    for (i = 0; i < 2; i++) {
        free(X[i]);
        free(Y[i]);
    }
    free(eff);
    free(tech);
    free(tfp);
    free(st);
    govidx_dataset_close(ds);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_dea(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *model = "ccr", *orient = "in", *category = NULL;
    char *ins[MAXV], *outs[MAXV], *nd[MAXV], *und[MAXV];
    size_t m = 0, s = 0, n_nd = 0, n_und = 0, k, j;
    int i, year = 0, rc, second = 1, threads = 0, malmquist = 0;
    dea_input d;
    govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
    govidx_dea_result *r = NULL;
    unsigned char ndf[MAXV] = {0}, udf[MAXV] = {0};
    memset(&d, 0, sizeof d);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            dea_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--no-second-stage")) {
            second = 0;
            continue;
        } else if (!strcmp(a, "--malmquist")) {
            malmquist = 1;
            continue;
        } else if (!v && a[0] == '-') {
            fprintf(stderr, "govidx dea: %s needs a value\n", a);
            return CLI_EXIT_USAGE;
        }
        if (!strcmp(a, "--inputs")) m = split(v, ins, MAXV);
        else if (!strcmp(a, "--outputs")) s = split(v, outs, MAXV);
        else if (!strcmp(a, "--nondiscretionary")) n_nd = split(v, nd, MAXV);
        else if (!strcmp(a, "--undesirable")) n_und = split(v, und, MAXV);
        else if (!strcmp(a, "--model")) model = v;
        else if (!strcmp(a, "--orientation")) orient = v;
        else if (!strcmp(a, "--category")) category = v;
        else if (!strcmp(a, "--csv")) csv = v;
        else if (!strcmp(a, "--year")) year = atoi(v);
        else if (!strcmp(a, "--threads")) {
            char *end = NULL;
            long t = strtol(v, &end, 10);
            if (end == v || *end || t < 1 || t > 1024) {
                fprintf(stderr, "govidx dea: --threads takes a whole number from 1 to 1024, got '%s'\n", v);
                return CLI_EXIT_USAGE;
            }
            threads = (int)t;
        }
        else if (a[0] != '-' && !file) {
            file = a;
            continue;
        } else {
            fprintf(stderr, "govidx dea: unexpected argument '%s'\n", a);
            dea_usage(stderr);
            return CLI_EXIT_USAGE;
        }
        i++;
    }
    if (!file || !csv) {
        fprintf(stderr, "govidx dea: DATA and --csv OUT.csv are required\n");
        dea_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(model, "ccr") || !strcmp(model, "super")) o.rts = GOVIDX_DEA_CRS;
    else if (!strcmp(model, "bcc")) o.rts = GOVIDX_DEA_VRS;
    else if (!strcmp(model, "nirs")) o.rts = GOVIDX_DEA_NIRS;
    else if (!strcmp(model, "ndrs")) o.rts = GOVIDX_DEA_NDRS;
    else if (!strcmp(model, "sbm")) o.model = GOVIDX_DEA_SBM;
    else {
        fprintf(stderr, "govidx dea: unknown model '%s'\n", model);
        return CLI_EXIT_USAGE;
    }
    o.super_efficiency = !strcmp(model, "super");
    /* the library's table: input|output|nonoriented, with in|out|none as aliases */
    if (govidx_dea_orientation_from_name(&o.orientation, orient)) {
        fprintf(stderr, "govidx dea: orientation must be in, out or none (or input, output, nonoriented)\n");
        return CLI_EXIT_USAGE;
    }
    o.second_stage = second;
    if (threads <= 0) {
        /* one thread per CPU: DEA's results do not depend on the count,
         * and with a default of 1 the CLI took twice the time of
         * bench_dea's 2-thread figure on 2 cores (issue 21) */
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
    }
    o.threads = (unsigned)threads;
    if (isatty(STDERR_FILENO))
        o.progress = progress;
    {
        size_t len = strlen(file);
        int is_h5 = len > 3 && !strcmp(file + len - 3, ".h5");
        if (malmquist) {
            if (!is_h5) {
                fprintf(stderr, "govidx dea: --malmquist needs a FILE.h5 panel\n");
                return CLI_EXIT_USAGE;
            }
            return malmquist_h5(file, ins, m, outs, s, &o, csv);
        }
        if (!is_h5 && (!m || !s)) {
            fprintf(stderr, "govidx dea: --inputs and --outputs are required for CSV data\n");
            return CLI_EXIT_USAGE;
        }
        rc = is_h5 ? from_h5(&d, file, year, ins, m, outs, s) : from_csv(&d, file, ins, m, outs, s, category);
        if (rc) {
            free_input(&d);
            return CLI_EXIT_FAIL;
        }
    }
    for (k = 0; k < n_nd; k++)
        for (j = 0; j < d.m; j++)
            ndf[j] |= !strcmp(nd[k], d.in_names[j]);
    for (k = 0; k < n_und; k++)
        for (j = 0; j < d.s; j++)
            udf[j] |= !strcmp(und[k], d.out_names[j]);
    o.nondiscretionary = n_nd ? ndf : NULL;
    o.undesirable = n_und ? udf : NULL;
    o.category = d.category;
    rc = govidx_dea_compute(&r, govidx_matrix_view_array(d.X, d.n, d.m), govidx_matrix_view_array(d.Y, d.n, d.s),
                            &o);
    if (rc)
        cli_report("dea", rc);
    else
        rc = write_csv(csv, &d, r);
    govidx_dea_result_free(r);
    free_input(&d);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

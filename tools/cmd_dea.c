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

/* "a|b|c": the library's named models, or (with flag) those with that
 * GOVIDX_DEA_PRESET_* flag, joined by sep. */
static const char *model_list(char *buf, size_t len, unsigned flag, const char *sep)
{
    size_t i, at = 0;
    const char *name;
    buf[0] = '\0';
    for (i = 0; (name = govidx_dea_preset_name(i)) != NULL && at < len; i++) {
        govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
        unsigned caps = 0;
        if (flag && (govidx_dea_preset_apply(&o, &caps, name) || !(caps & flag)))
            continue;
        at += (size_t)snprintf(buf + at, at < len ? len - at : 0, "%s%s", at ? sep : "", name);
    }
    return buf;
}

static void dea_usage(FILE *f)
{
    char models[128], nonoriented[64];
    fprintf(f,
            "usage: govidx dea DATA.csv --inputs x1,x2 --outputs y1,y2 [options] --csv OUT.csv\n"
            "       govidx dea FILE.h5 [--year Y] [--inputs ... --outputs ...] [options] --csv OUT.csv\n"
            "\n"
            "One row per DMU: dmu (the first column of DATA.csv, or the unit code), efficiency,\n"
            "slack_<input>..., slack_<output>..., peers (';'-separated), lambdas, status, reason.\n"
            "With FILE.h5 the inputs and outputs default to the file's DEA block.\n"
            "\n"
            "options:\n");
    fprintf(f, "  --model %-29s (default %s)\n", model_list(models, sizeof models, 0, "|"),
            govidx_dea_preset_name(0));
    fprintf(f, "  --orientation in|out|none             (default in; none for %s only; also\n",
            model_list(nonoriented, sizeof nonoriented, GOVIDX_DEA_PRESET_NONORIENTED, ", "));
    fprintf(f,
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
            "                          dmu,year_from,year_to,effch,techch,tfpch,status,reason\n"
            "  --drop-invalid          leave out the DMUs DEA cannot score (a missing, negative or\n"
            "                          infinite value, no positive input or output; for sbm any\n"
            "                          zero) and score the rest; they are listed with status\n"
            "                          left_out and the reason (Malmquist: the pairs of years\n"
            "                          that cannot be formed, status skipped).  Without it such\n"
            "                          a DMU stops the run, named by its code.\n"
            "  --exclude CODE,...      leave these DMUs out (listed, status left_out)\n"
            "  --only CODE,...         score these DMUs only\n");
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

/* Why DMU i cannot be scored (NULL: it can), as the library's checks
 * decide: every value finite and >= 0, some input > 0 and some desirable
 * output > 0 (undesirable outputs are inputs to the model), and for SBM
 * every value > 0.  X, Y are n x m and n x s, column-major. */
static const char *dmu_problem(char *buf, size_t cap, const double *X, const double *Y, size_t n, size_t i,
                               size_t m, size_t s, const char *const *in_names, const char *const *out_names,
                               const unsigned char *undesirable, int sbm)
{
    size_t k;
    int in = 0, out = 0;
    for (k = 0; k < m + s; k++) {
        double x = k < m ? X[i + k * n] : Y[i + (k - m) * n];
        const char *name = k < m ? in_names[k] : out_names[k - m];
        if (isnan(x))
            snprintf(buf, cap, "missing value of %s", name);
        else if (!isfinite(x))
            snprintf(buf, cap, "infinite value of %s", name);
        else if (x < 0)
            snprintf(buf, cap, "negative value of %s (%g)", name, x);
        else if (sbm && x == 0)
            snprintf(buf, cap, "zero value of %s (SBM divides by every input and output)", name);
        else {
            if (k < m || (undesirable && undesirable[k - m]))
                in |= x > 0;
            else
                out |= x > 0;
            continue;
        }
        return buf;
    }
    if (!in)
        return snprintf(buf, cap, "no positive input"), buf;
    if (!out)
        return snprintf(buf, cap, "no positive output"), buf;
    return NULL;
}

#define DEA_SHOWN 10

/* The rows scored: keep[] (1 = scored), why[] (owned strings, NULL when
 * kept); 0, or -1 after naming the DMUs when some cannot be scored and
 * --drop-invalid was not given. */
static int choose_dmus(dea_input *d, const cli_units *units, int drop_invalid, const unsigned char *undesirable,
                       int sbm, unsigned char *keep, char **why, size_t *n_keep)
{
    size_t i, bad = 0;
    char buf[300];
    if (cli_units_mask(keep, units, (const char *const *)d->dmu, d->n, "dea"))
        return -1;
    *n_keep = 0;
    for (i = 0; i < d->n; i++) {
        const char *r = keep[i] ? dmu_problem(buf, sizeof buf, d->X, d->Y, d->n, i, d->m, d->s, d->in_names,
                                              d->out_names, undesirable, sbm)
                                : cli_units_reason(units, d->dmu[i]);
        if (keep[i] && r) {
            if (!drop_invalid && bad < DEA_SHOWN)
                fprintf(stderr, "govidx dea: DMU %s cannot be scored: %s\n", d->dmu[i], r);
            bad++;
            keep[i] = 0;
        }
        why[i] = r ? strdup(r) : NULL;
        *n_keep += keep[i];
    }
    if (bad && !drop_invalid) {
        if (bad > DEA_SHOWN)
            fprintf(stderr, "govidx dea: %zu more DMUs cannot be scored\n", bad - DEA_SHOWN);
        fprintf(stderr, "govidx dea: add --drop-invalid to leave %s out and score the rest\n",
                bad > 1 ? "them" : "it");
        return -1;
    }
    if (*n_keep == 0) {
        fprintf(stderr, "govidx dea: no DMU is left to score\n");
        return -1;
    }
    return 0;
}

/* X, Y of the kept rows only (column-major, n_keep rows). */
static int compact(double **Xk, double **Yk, const dea_input *d, const unsigned char *keep, size_t n_keep,
                   size_t *rows)
{
    size_t i, k, r;
    *Xk = calloc(n_keep * d->m + 1, sizeof **Xk);
    *Yk = calloc(n_keep * d->s + 1, sizeof **Yk);
    if (!*Xk || !*Yk)
        return GOVIDX_ENOMEM;
    for (i = 0, r = 0; i < d->n; i++) {
        if (!keep[i])
            continue;
        rows[r] = i;
        for (k = 0; k < d->m; k++)
            (*Xk)[r + k * n_keep] = d->X[i + k * d->n];
        for (k = 0; k < d->s; k++)
            (*Yk)[r + k * n_keep] = d->Y[i + k * d->n];
        r++;
    }
    return GOVIDX_OK;
}

static int write_csv(const char *path, const dea_input *d, const govidx_dea_result *r, const size_t *rows,
                     size_t n_keep, char *const *why)
{
    csv_out out;
    const double *eff = govidx_dea_efficiency(r), *sx = govidx_dea_input_slacks(r);
    const double *sy = govidx_dea_output_slacks(r);
    const int *st = govidx_dea_status(r);
    size_t i, j, k, p;
    FILE *f = csv_open(&out, path);
    if (!f)
        return GOVIDX_EIO;
    fputs("dmu,efficiency", f);
    for (k = 0; k < d->m; k++)
        fprintf(f, ",slack_%s", d->in_names[k]);
    for (k = 0; k < d->s; k++)
        fprintf(f, ",slack_%s", d->out_names[k]);
    fputs(",peers,lambdas,status,reason\n", f);
    for (i = 0, j = 0; i < d->n; i++) {
        const size_t *idx;
        const double *w;
        size_t np;
        csv_field(f, d->dmu[i]);
        if (j == n_keep || rows[j] != i) { /* left out: listed with the reason */
            fputc(',', f);
            for (k = 0; k < d->m + d->s; k++)
                fputc(',', f);
            fputs(",,,left_out,", f);
            csv_field(f, why[i] ? why[i] : "");
            fputc('\n', f);
            continue;
        }
        np = govidx_dea_peers(&idx, &w, r, j);
        if (isnan(eff[j]))
            fputc(',', f);
        else
            fputc(',', f), csv_double(f, eff[j]);
        for (k = 0; k < d->m; k++)
            fputc(',', f), csv_double(f, sx ? sx[j + k * n_keep] : 0.0);
        for (k = 0; k < d->s; k++)
            fputc(',', f), csv_double(f, sy ? sy[j + k * n_keep] : 0.0);
        fputc(',', f);
        for (p = 0; p < np; p++) {
            if (p)
                fputc(';', f);
            fputs(d->dmu[rows[idx[p]]], f);
        }
        fputc(',', f);
        for (p = 0; p < np; p++)
            fputs(p ? ";" : "", f), csv_double(f, w[p]);
        fprintf(f, ",%s,\n", status_name(st[j]));
        j++;
    }
    return csv_close(&out, 1) ? GOVIDX_EIO : GOVIDX_OK;
}

/* Malmquist index between consecutive years of a dataset's DEA block.  A
 * pair of years is formed for the DMUs that can be scored in both; with
 * --drop-invalid the others are listed (status skipped, the reason),
 * without it they stop the run, named. */
/* The inputs X[i] and outputs Y[i] (n x m, n x s, column-major) of the
 * years y - 1 (i = 0) and y (i = 1) from the panel's columns col. */
static int pair_matrices(double *X[2], double *Y[2], const govidx_dataset *ds, size_t y, size_t n, size_t m,
                         size_t s, const size_t *col)
{
    size_t i, u, k;
    int rc;
    for (i = 0; i < 2; i++) {
        govidx_matrix_view v;
        if ((rc = govidx_dataset_panel(&v, ds, y - 1 + i)))
            return rc;
        for (u = 0; u < n; u++)
            for (k = 0; k < m + s; k++) {
                double x = v.data[u + col[k] * v.ld];
                if (k < m)
                    X[i][u + k * n] = x;
                else
                    Y[i][u + (k - m) * n] = x;
            }
    }
    return GOVIDX_OK;
}

static int malmquist_h5(const char *path, char **ins, size_t m, char **outs, size_t s, const govidx_dea_options *o,
                        const char *csv, const cli_units *units, int drop_invalid)
{
    govidx_dataset *ds = NULL;
    size_t col[2 * MAXV], n, y, i, k, T, cnt, n_skipped = 0, shown = 0;
    double *X[2] = {NULL, NULL}, *Y[2] = {NULL, NULL}, *Xk[2] = {NULL, NULL}, *Yk[2] = {NULL, NULL};
    double *eff = NULL, *tech = NULL, *tfp = NULL;
    int *st = NULL, rc = cli_dataset_open(&ds, path, NULL, NULL);
    const char *in_names[2 * MAXV], *out_names[2 * MAXV], **codes = NULL;
    unsigned char *keep = NULL, *taken = NULL;
    size_t *rows = NULL;
    char (*why)[320] = NULL;
    int reported = 0;
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
    for (k = 0; k < m + s; k++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        govidx_dataset_indicator(&in, ds, col[k]);
        if (k < m)
            in_names[k] = in.code;
        else
            out_names[k - m] = in.code;
    }
    n = govidx_dataset_n_units(ds);
    T = govidx_dataset_n_years(ds);
    for (i = 0; i < 2; i++) {
        X[i] = calloc(n * m, sizeof(double));
        Y[i] = calloc(n * s, sizeof(double));
        Xk[i] = calloc(n * m, sizeof(double));
        Yk[i] = calloc(n * s, sizeof(double));
    }
    eff = calloc(n, sizeof *eff);
    tech = calloc(n, sizeof *tech);
    tfp = calloc(n, sizeof *tfp);
    st = calloc(n, sizeof *st);
    codes = calloc(n + 1, sizeof *codes);
    keep = calloc(n + 1, 1);
    taken = calloc(n + 1, 1);
    rows = calloc(n + 1, sizeof *rows);
    why = calloc(n + 1, sizeof *why);
    if (!X[0] || !X[1] || !Y[0] || !Y[1] || !Xk[0] || !Xk[1] || !Yk[0] || !Yk[1] || !eff || !tech || !tfp || !st ||
        !codes || !keep || !taken || !rows || !why)
        rc = GOVIDX_ENOMEM;
    for (i = 0; i < n && !rc; i++)
        codes[i] = govidx_dataset_unit_code(ds, i);
    if (!rc && cli_units_mask(taken, units, codes, n, "dea")) {
        rc = GOVIDX_EINVAL;
        reported = 1;
        goto done;
    }
    /* every pair is checked before anything is written */
    for (y = 1; y < T && !rc; y++) {
        rc = pair_matrices(X, Y, ds, y, n, m, s, col);
        for (i = 0; i < n && !rc; i++) {
            char buf[300];
            const char *r0 = NULL;
            int yr = 0;
            for (k = 0; k < 2 && !r0; k++) {
                r0 = dmu_problem(buf, sizeof buf, X[k], Y[k], n, i, m, s, in_names, out_names, NULL, 0);
                yr = govidx_dataset_years(ds)[y - 1 + k];
            }
            if (r0 && taken[i] && !drop_invalid && shown++ < DEA_SHOWN)
                fprintf(stderr, "govidx dea: DMU %s cannot be scored in %d: %s\n", codes[i], yr, r0);
            if (r0 && taken[i])
                n_skipped++;
        }
    }
    if (!rc && n_skipped && !drop_invalid) {
        if (shown > DEA_SHOWN)
            fprintf(stderr, "govidx dea: %zu more pairs cannot be formed\n", shown - DEA_SHOWN);
        fprintf(stderr, "govidx dea: add --drop-invalid to skip the pairs of years that cannot be formed and "
                        "score the rest\n");
        rc = GOVIDX_EINVAL;
        reported = 1;
        goto done;
    }
    f = rc ? NULL : csv_open(&out, csv);
    if (!rc && !f)
        rc = GOVIDX_EIO;
    if (f)
        fputs("dmu,year_from,year_to,effch,techch,tfpch,status,reason\n", f);
    n_skipped = 0;
    for (y = 1; y < T && !rc; y++) {
        rc = pair_matrices(X, Y, ds, y, n, m, s, col);
        for (i = 0, cnt = 0; i < n && !rc; i++) {
            const char *r0 = NULL;
            keep[i] = 0;
            why[i][0] = 0;
            if (!taken[i]) {
                snprintf(why[i], sizeof why[i], "%s", cli_units_reason(units, codes[i]));
                continue;
            }
            for (k = 0; k < 2 && !r0; k++) {
                char buf[300];
                if ((r0 = dmu_problem(buf, sizeof buf, X[k], Y[k], n, i, m, s, in_names, out_names, NULL, 0)))
                    snprintf(why[i], sizeof why[i], "%d: %s", govidx_dataset_years(ds)[y - 1 + k], r0);
            }
            if (r0) {
                n_skipped++;
                continue;
            }
            keep[i] = 1;
            rows[cnt++] = i;
        }
        for (k = 0; k < 2 && !rc; k++) {
            size_t j, r;
            for (r = 0; r < cnt; r++) {
                for (j = 0; j < m; j++)
                    Xk[k][r + j * cnt] = X[k][rows[r] + j * n];
                for (j = 0; j < s; j++)
                    Yk[k][r + j * cnt] = Y[k][rows[r] + j * n];
            }
        }
        if (!rc && cnt)
            rc = govidx_dea_malmquist(eff, tech, tfp, st, govidx_matrix_view_array(Xk[0], cnt, m),
                                      govidx_matrix_view_array(Yk[0], cnt, s),
                                      govidx_matrix_view_array(Xk[1], cnt, m),
                                      govidx_matrix_view_array(Yk[1], cnt, s), o);
        for (i = 0, k = 0; i < n && !rc; i++) {
            csv_field(f, codes[i]);
            fprintf(f, ",%d,%d,", govidx_dataset_years(ds)[y - 1], govidx_dataset_years(ds)[y]);
            if (!keep[i]) {
                fputs(",,,skipped,", f);
                csv_field(f, why[i]);
                fputc('\n', f);
                continue;
            }
            if (st[k] == GOVIDX_DEA_OPTIMAL)
                csv_double(f, eff[k]), fputc(',', f), csv_double(f, tech[k]), fputc(',', f), csv_double(f, tfp[k]);
            else
                fputs(",,", f);
            fprintf(f, ",%s,\n", status_name(st[k]));
            k++;
        }
    }
    if (rc)
        cli_report("malmquist", rc);
    if (f && csv_close(&out, rc == 0) && !rc)
        rc = GOVIDX_EIO;
    if (!rc && n_skipped)
        printf("govidx dea: %zu pairs of years skipped (listed in %s, status skipped)\n", n_skipped, csv);
done:
    (void)reported;
    for (i = 0; i < 2; i++) {
        free(X[i]);
        free(Y[i]);
        free(Xk[i]);
        free(Yk[i]);
    }
    free(eff);
    free(tech);
    free(tfp);
    free(st);
    free(codes);
    free(keep);
    free(taken);
    free(rows);
    free(why);
    govidx_dataset_close(ds);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_dea(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL, *model = "ccr", *orient = "in", *category = NULL;
    char *ins[MAXV], *outs[MAXV], *nd[MAXV], *und[MAXV];
    size_t m = 0, s = 0, n_nd = 0, n_und = 0, k, j;
    int i, year = 0, rc, second = 1, threads = 0, malmquist = 0, drop_invalid = 0;
    unsigned model_caps = 0;
    cli_units units = {NULL, NULL};
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
        } else if (!strcmp(a, "--drop-invalid")) {
            drop_invalid = 1;
            continue;
        } else if (!v && a[0] == '-') {
            fprintf(stderr, "govidx dea: %s needs a value\n", a);
            return CLI_EXIT_USAGE;
        }
        if (cli_units_arg(&units, a, v)) {
            i++;
            continue;
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
    /* the library's registry of named models (lib/dea/dea_models.c) */
    if (govidx_dea_preset_apply(&o, &model_caps, model)) {
        fprintf(stderr, "govidx dea: unknown model '%s'\n", model);
        return CLI_EXIT_USAGE;
    }
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
            return malmquist_h5(file, ins, m, outs, s, &o, csv, &units, drop_invalid);
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
    {
        unsigned char *keep = calloc(d.n + 1, 1);
        char **why = calloc(d.n + 1, sizeof *why);
        size_t *rows = calloc(d.n + 1, sizeof *rows), n_keep = 0, n_out;
        double *Xk = NULL, *Yk = NULL;
        int *cat = NULL;
        if (!keep || !why || !rows) {
            cli_report("dea", rc = GOVIDX_ENOMEM);
        } else if (choose_dmus(&d, &units, drop_invalid, udf, (model_caps & GOVIDX_DEA_PRESET_POSITIVE) != 0,
                               keep, why, &n_keep)) {
            rc = GOVIDX_EINVAL;
        } else if ((rc = compact(&Xk, &Yk, &d, keep, n_keep, rows))) {
            cli_report("dea", rc);
        } else {
            if (d.category && (cat = calloc(n_keep + 1, sizeof *cat)) != NULL)
                for (k = 0; k < n_keep; k++)
                    cat[k] = d.category[rows[k]];
            o.category = cat;
            rc = govidx_dea_compute(&r, govidx_matrix_view_array(Xk, n_keep, d.m),
                                    govidx_matrix_view_array(Yk, n_keep, d.s), &o);
            if (rc)
                cli_report("dea", rc);
            else if (!(rc = write_csv(csv, &d, r, rows, n_keep, why)) && (n_out = d.n - n_keep)) {
                /* the DMUs left out, named (also in the CSV, status left_out) */
                printf("govidx dea: %zu of %zu DMUs left out:", n_out, d.n);
                for (k = 0, j = 0; k < d.n; k++)
                    if (!keep[k])
                        printf("%s %s (%s)", j++ ? "," : "", d.dmu[k], why[k] ? why[k] : "");
                printf("\n");
            }
        }
        for (k = 0; why && k < d.n; k++)
            free(why[k]);
        free(why);
        free(keep);
        free(rows);
        free(Xk);
        free(Yk);
        free(cat);
    }
    govidx_dea_result_free(r);
    free_input(&d);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

/*
 * tools/cmd_stats.c - `govidx stats`: the per-indicator statistics table
 * evaluators read before choosing treatment and normalisation.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void stats_usage(FILE *f)
{
    fprintf(f, "usage: govidx stats FILE.h5 [--exclude CODE,...] [--only CODE,...] --csv OUT.csv\n"
               "\n"
               "One row per indicator and year: indicator,year,n,missing_share,mean,sd,min,max,\n"
               "skewness,kurtosis,outlier (1 when |skewness| > 2 and excess kurtosis > 3.5,\n"
               "COINr's rule for treatment).  --exclude / --only: the statistics of the other\n"
               "units only (unknown codes are named).\n");
}

static void num(FILE *f, double x)
{
    fputc(',', f);
    if (isfinite(x))
        csv_double(f, x);
}

int cmd_stats(int argc, char **argv)
{
    const char *file = NULL, *csv = NULL;
    govidx_dataset *ds = NULL;
    govidx_indicator_stats *st = NULL;
    csv_out out;
    FILE *f = NULL;
    size_t y, j, n_ind, n_units, kept = 0, u, r;
    int i, rc = GOVIDX_OK;
    cli_units units = {NULL, NULL};
    unsigned char *keep = NULL;
    double *sub = NULL;
    uint8_t *subf = NULL;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            stats_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
            csv = argv[++i];
        else if (cli_units_arg(&units, argv[i], i + 1 < argc ? argv[i + 1] : NULL) == 1)
            i++;
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            stats_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!file || !csv) {
        stats_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (cli_dataset_open(&ds, file, NULL, NULL))
        return CLI_EXIT_FAIL;
    n_ind = govidx_dataset_n_indicators(ds);
    n_units = govidx_dataset_n_units(ds);
    st = calloc(n_ind ? n_ind : 1, sizeof *st);
    keep = calloc(n_units + 1, 1);
    if (st && keep && (units.exclude || units.only)) {
        /* the units taken, by code; their rows copied into sub */
        const char **codes = calloc(n_units + 1, sizeof *codes);
        for (u = 0; codes && u < n_units; u++)
            codes[u] = govidx_dataset_unit_code(ds, u);
        rc = !codes || cli_units_mask(keep, &units, codes, n_units, "stats") ? GOVIDX_EINVAL : GOVIDX_OK;
        free(codes);
        for (u = 0; u < n_units; u++)
            kept += keep[u];
        sub = calloc(kept * n_ind + 1, sizeof *sub);
        subf = calloc(kept * n_ind + 1, 1);
    }
    if (!st || !keep || rc || ((units.exclude || units.only) && (!sub || !subf)) || !(f = csv_open(&out, csv))) {
        free(st);
        free(keep);
        free(sub);
        free(subf);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    fputs("indicator,year,n,missing_share,mean,sd,min,max,skewness,kurtosis,outlier\n", f);
    for (y = 0; y < govidx_dataset_n_years(ds) && !rc; y++) {
        govidx_matrix_view v;
        const uint8_t *fl = NULL;
        if (!(rc = govidx_dataset_panel(&v, ds, y)))
            fl = govidx_dataset_panel_flags(ds, y);
        if (!rc && sub) { /* only the units taken */
            for (j = 0; j < n_ind; j++)
                for (u = 0, r = 0; u < n_units; u++)
                    if (keep[u]) {
                        sub[r + j * kept] = v.data[u + j * v.ld];
                        subf[r + j * kept] = fl ? fl[u + j * n_units] : 0;
                        r++;
                    }
            v = govidx_matrix_view_array(sub, kept, n_ind);
            fl = fl ? subf : NULL;
        }
        if (rc || (rc = govidx_normalize_indicator_summary(st, v, fl))) {
            cli_report(file, rc);
            break;
        }
        for (j = 0; j < n_ind; j++) {
            govidx_indicator in = GOVIDX_INDICATOR_INIT;
            govidx_dataset_indicator(&in, ds, j);
            csv_field(f, in.code);
            fprintf(f, ",%d,%zu", govidx_dataset_years(ds)[y], st[j].n);
            num(f, st[j].missing);
            num(f, st[j].mean);
            num(f, st[j].sd);
            num(f, st[j].min);
            num(f, st[j].max);
            num(f, st[j].skew);
            num(f, st[j].kurt);
            fprintf(f, ",%d\n", fabs(st[j].skew) > 2 && st[j].kurt > 3.5);
        }
    }
    free(st);
    free(keep);
    free(sub);
    free(subf);
    govidx_dataset_close(ds);
    if (csv_close(&out, rc == 0) || rc)
        return CLI_EXIT_FAIL;
    return CLI_EXIT_OK;
}

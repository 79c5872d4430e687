/*
 * bench/bench_csv.c - writing a result as long CSV (make bench-csv).
 *
 * A synthetic panel (default 20,000 units x 200 indicators x 1 year, 20
 * pillars of 10 under one index: 221 nodes, 4.4 million rows) is computed
 * with govidx_execute, then written three ways in the same run, to files
 * in the directory given by TMPDIR (default /tmp), each removed afterwards:
 *   1. baseline: the writer govidx had before, one fprintf / fputs per field
 *      with printf("%.17g") for scores, through the public accessors;
 *   2. govidx_result_write_csv (a line buffer, unit fields quoted once,
 *      integers formatted by hand; scores still printf("%.17g"));
 *   3. govidx_result_write_csv_nodes with only the index and its pillars
 *      (what --levels 2,3 writes here).
 * Prints seconds, MB/s of CSV and the ratios to the baseline.  Both full
 * files are compared byte for byte (they must be equal).
 *
 * usage: bench_csv [UNITS [INDICATORS]]
 * SPDX-License-Identifier: MIT
 */
#include <govidx.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static unsigned long long state = 0x853C49E6748FEA9BULL;
static double uniform(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return ((double)(state >> 11) + 0.5) / 9007199254740992.0;
}

static void field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* The old writer's loop (lib/result.c before issue 21), on the public API. */
static int baseline(const govidx_result *r, const char *path)
{
    FILE *f = fopen(path, "w");
    size_t y, k, u;
    if (!f)
        return -1;
    fputs("unit,year,node,score,rank\n", f);
    for (y = 0; y < govidx_result_n_years(r); y++)
        for (k = 0; k < govidx_result_n_nodes(r); k++)
            for (u = 0; u < govidx_result_n_units(r); u++) {
                double v = govidx_result_score(r, u, y, k);
                size_t rk = govidx_result_rank(r, u, y, k);
                field(f, govidx_result_unit_code(r, u));
                fprintf(f, ",%d,", govidx_result_year(r, y));
                field(f, govidx_result_node_code(r, k));
                fputc(',', f);
                if (!isnan(v))
                    fprintf(f, "%.17g", v);
                fputc(',', f);
                if (rk)
                    fprintf(f, "%lu", (unsigned long)rk);
                fputc('\n', f);
            }
    return fclose(f);
}

static double fsize(const char *p)
{
    struct stat st;
    return stat(p, &st) ? 0 : (double)st.st_size;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000, m = argc > 2 ? strtoul(argv[2], NULL, 10) : 200;
    size_t per = 10, np, i, j, k;
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char pa[4096], pb[4096], pc[4096], code[32], parent[32];
    double *data, t0, tb, tn, ts, sz, szs;
    govidx_matrix_view view;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_framework *fw = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    unsigned char *keep;
    FILE *fa, *fb;
    int same = 1, year = 2024;

    if (n == 0 || m == 0 || m % per)
        return 2;
    np = m / per;
    data = malloc(n * m * sizeof *data);
    if (!data)
        return 1;
    for (i = 0; i < n * m; i++)
        data[i] = 10 * uniform() + (double)(i / n);
    view = govidx_matrix_view_array(data, n, m);
    govidx_framework_new(&fw);
    for (j = 0; j < m; j++) {
        snprintf(code, sizeof code, "i%zu", j);
        snprintf(parent, sizeof parent, "P%zu", j / per);
        govidx_framework_add_indicator(fw, code, parent, 1, 1, j);
    }
    for (k = 0; k < np; k++) {
        snprintf(code, sizeof code, "P%zu", k);
        govidx_framework_add_aggregate(fw, code, "Index", 1);
    }
    govidx_framework_add_aggregate(fw, "Index", NULL, 1);
    panel.n_years = 1;
    panel.years = &view;
    panel.year_labels = &year;
    if (govidx_framework_seal(fw) || govidx_plan_new(&plan, fw, NULL, &panel) ||
        govidx_execute(&res, plan, &panel)) {
        fprintf(stderr, "bench_csv: %s\n", govidx_last_error());
        return 1;
    }
    snprintf(pa, sizeof pa, "%s/bench_csv_base.%d.csv", dir, (int)getpid());
    snprintf(pb, sizeof pb, "%s/bench_csv_new.%d.csv", dir, (int)getpid());
    snprintf(pc, sizeof pc, "%s/bench_csv_sel.%d.csv", dir, (int)getpid());
    govidx_result_rank(res, 0, 0, 0); /* ranks are computed on first use: not timed */
    t0 = now();
    if (baseline(res, pa))
        return 1;
    tb = now() - t0;
    t0 = now();
    if (govidx_result_write_csv(res, pb)) {
        fprintf(stderr, "bench_csv: %s\n", govidx_last_error());
        return 1;
    }
    tn = now() - t0;
    keep = calloc(govidx_result_n_nodes(res), 1);
    for (k = 0; k < govidx_result_n_nodes(res); k++)
        keep[k] = govidx_result_node_code(res, k)[0] != 'i';
    t0 = now();
    if (govidx_result_write_csv_nodes(res, pc, keep)) {
        fprintf(stderr, "bench_csv: %s\n", govidx_last_error());
        return 1;
    }
    ts = now() - t0;
    sz = fsize(pb);
    szs = fsize(pc);
    fa = fopen(pa, "rb");
    fb = fopen(pb, "rb");
    if (!fa || !fb)
        return 1;
    for (;;) {
        char ba[65536], bb[65536];
        size_t ra = fread(ba, 1, sizeof ba, fa), rb = fread(bb, 1, sizeof bb, fb);
        if (ra != rb || memcmp(ba, bb, ra)) {
            same = 0;
            break;
        }
        if (ra == 0)
            break;
    }
    fclose(fa);
    fclose(fb);
    printf("bench_csv: %zu units x %zu nodes, %.1f MB of CSV (wall seconds, written to %s)\n", n,
           govidx_result_n_nodes(res), sz / 1e6, dir);
    printf("  1. baseline fprintf per field, %%.17g   %7.3f s  %6.1f MB/s\n", tb, sz / 1e6 / tb);
    printf("  2. govidx_result_write_csv              %7.3f s  %6.1f MB/s  ratio %.2fx  (%s)\n", tn,
           sz / 1e6 / tn, tb / tn, same ? "same bytes as 1." : "DIFFERENT from 1.");
    printf("  3. index and pillars only (%.1f MB)     %7.3f s  ratio %.1fx\n", szs / 1e6, ts, tb / ts);
    remove(pa);
    remove(pb);
    remove(pc);
    free(keep);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
    free(data);
    return same ? 0 : 1;
}

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
 *      integers formatted by hand, scores in the shortest text that reads
 *      back as the same double: double-conversion's ToShortest);
 *   3. govidx_result_write_csv_nodes with only the index and its pillars
 *      (what --levels 2,3 writes here).
 * Prints wall and CPU seconds (the machine is shared: CPU time is what the
 * writer costs), MB/s of CSV and the ratios to the baseline.  2. is the
 * fastest of 3 writes (wall; its CPU beside it): govidx formats on one
 * thread per CPU (up to 8) and a neighbour's burst is not govidx's time.
 * The last line is the verdict against the goal of 300 MB/s of
 * wall clock, with the load average, which says how far to trust it.  Both full
 * files are compared row by row: the same unit, year, node and rank, and
 * scores that strtod reads as the identical double.
 *
 * With --cli GOVIDX SYNTH it also times the whole process the user waits
 * for: SYNTH (govidx-synth) writes a file of UNITS cities, 1 year and
 * INDICATORS indicators; then `govidx validate FILE` (the isolated read every
 * command starts with), `govidx compute FILE --csv OUT` and the same with
 * --levels 2,3 (little CSV), each the fastest of 3 (wall; the children's CPU
 * beside it).  The difference of the two computes is what the CSV costs the
 * whole process.
 *
 * usage: bench_csv [UNITS [INDICATORS]] [--cli GOVIDX SYNTH]
 * SPDX-License-Identifier: MIT
 */
#include <govidx.h>

#include "bench_machine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Row by row: text fields equal, scores the identical double; returns the
 * number of rows that differ (-1 when a file cannot be read). */
static long compare_csv(const char *pa, const char *pb, long *rows)
{
    FILE *fa = fopen(pa, "r"), *fb = fopen(pb, "r");
    char la[512], lb[512];
    long bad = 0;
    *rows = 0;
    if (!fa || !fb) {
        if (fa) fclose(fa);
        if (fb) fclose(fb);
        return -1;
    }
    for (;;) {
        char *ra = fgets(la, sizeof la, fa), *rb = fgets(lb, sizeof lb, fb), *sa, *sb, *ea, *eb;
        if (!ra || !rb) {
            bad += ra != rb;
            break;
        }
        (*rows)++;
        /* the score is the 4th field; the synthetic codes need no quotes */
        sa = la;
        sb = lb;
        for (int c = 0; c < 3 && sa && sb; c++) {
            sa = strchr(sa, ',');
            sb = strchr(sb, ',');
            if (sa) sa++;
            if (sb) sb++;
        }
        if (!sa || !sb || sa - la != sb - lb || memcmp(la, lb, (size_t)(sa - la))) {
            bad++;
            continue;
        }
        ea = strchr(sa, ',');
        eb = strchr(sb, ',');
        if (!ea || !eb || strcmp(ea, eb)) { /* the rank and line end */
            bad++;
            continue;
        }
        if (ea == sa || eb == sb) { /* a missing score: both empty */
            bad += (ea == sa) != (eb == sb);
            continue;
        }
        {
            double a = strtod(sa, NULL), b = strtod(sb, NULL);
            bad += memcmp(&a, &b, sizeof a) != 0;
        }
    }
    fclose(fa);
    fclose(fb);
    return bad;
}

static double fsize(const char *p);

/* CPU seconds used by the waited-for children so far. */
static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           1e-6 * (double)ru.ru_stime.tv_usec;
}

/* The fastest of 3 runs of a shell command: wall seconds, its CPU in *cpu;
 * a negative time when it fails. */
static double best_of_3(const char *cmd, double *cpu)
{
    double best = -1, w, c0;
    for (int k = 0; k < 3; k++) {
        double t0 = now();
        c0 = children_cpu();
        if (system(cmd) != 0)
            return -1;
        w = now() - t0;
        if (best < 0 || w < best) {
            best = w;
            *cpu = children_cpu() - c0;
        }
    }
    return best;
}

/* The whole-process lines of --cli. */
static int whole_process(const char *govidx, const char *synth, size_t n, size_t m, const char *dir)
{
    char file[4096], out[4096], cmd[12288];
    double tv, tc, tl, cv = 0, cc = 0, cl = 0, sz;
    snprintf(file, sizeof file, "%s/bench_csv_cli.%d.h5", dir, (int)getpid());
    snprintf(out, sizeof out, "%s/bench_csv_cli.%d.csv", dir, (int)getpid());
    snprintf(cmd, sizeof cmd,
             "'%s' --seed 1 --cities %zu --years 1 --indicators %zu --districts-per-city 0 "
             "--actors-per-city 0 --inventory-datasets 0 -o '%s' >/dev/null",
             synth, n, m, file);
    if (system(cmd) != 0) {
        fprintf(stderr, "bench_csv: %s failed\n", synth);
        return 1;
    }
    snprintf(cmd, sizeof cmd, "'%s' validate '%s' >/dev/null", govidx, file);
    tv = best_of_3(cmd, &cv);
    snprintf(cmd, sizeof cmd, "'%s' compute '%s' --csv '%s'", govidx, file, out);
    tc = best_of_3(cmd, &cc);
    sz = fsize(out);
    snprintf(cmd, sizeof cmd, "'%s' compute '%s' --levels 2,3 --csv '%s'", govidx, file, out);
    tl = best_of_3(cmd, &cl);
    remove(file);
    remove(out);
    if (tv < 0 || tc < 0 || tl < 0) {
        fprintf(stderr, "bench_csv: a govidx command failed\n");
        return 1;
    }
    printf("whole process (%s, %zu cities x %zu indicators, fastest of 3):\n", govidx, n, m);
    printf("%-42s %8.3f %8.3f\n", "4. govidx validate (the isolated read)", tv, cv);
    printf("%-42s %8.3f %8.3f %9.1f   (%.1f MB)\n", "5. govidx compute --csv", tc, cc, sz / 1e6 / tc, sz / 1e6);
    printf("%-42s %8.3f %8.3f\n", "6. govidx compute --levels 2,3 --csv", tl, cl);
    printf("the CSV's share of 5.: %.0f%% of the wall clock\n", tc > 0 ? 100 * (tc - tl) / tc : 0.0);
    return 0;
}

static double fsize(const char *p)
{
    struct stat st;
    return stat(p, &st) ? 0 : (double)st.st_size;
}

int main(int argc, char **argv)
{
    size_t n = 20000, m = 200;
    const char *cli = NULL, *synth = NULL;
    int a, npos = 0;
    size_t per = 10, np, i, j, k;
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char pa[4096], pb[4096], pc[4096], code[32], parent[32];
    double *data, t0, tb, tn, ts, sz, szb, szs, c0, cb, cn, cs;
    long rows = 0, differ;
    govidx_matrix_view view;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_framework *fw = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    unsigned char *keep;
    int year = 2024;

    for (a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--cli") && a + 2 < argc) {
            cli = argv[++a];
            synth = argv[++a];
        } else if (npos < 2)
            *(npos++ == 0 ? &n : &m) = strtoul(argv[a], NULL, 10);
        else
            return 2;
    }
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
    c0 = cpu_now();
    if (baseline(res, pa))
        return 1;
    cb = cpu_now() - c0;
    tb = now() - t0;
    for (i = 0; i < 3; i++) {
        double w, c;
        t0 = now();
        c0 = cpu_now();
        if (govidx_result_write_csv(res, pb)) {
            fprintf(stderr, "bench_csv: %s\n", govidx_last_error());
            return 1;
        }
        c = cpu_now() - c0;
        w = now() - t0;
        if (i == 0 || w < tn) {
            tn = w;
            cn = c;
        }
    }
    keep = calloc(govidx_result_n_nodes(res), 1);
    for (k = 0; k < govidx_result_n_nodes(res); k++)
        keep[k] = govidx_result_node_code(res, k)[0] != 'i';
    t0 = now();
    c0 = cpu_now();
    if (govidx_result_write_csv_nodes(res, pc, keep)) {
        fprintf(stderr, "bench_csv: %s\n", govidx_last_error());
        return 1;
    }
    cs = cpu_now() - c0;
    ts = now() - t0;
    sz = fsize(pb);
    szb = fsize(pa);
    szs = fsize(pc);
    differ = compare_csv(pa, pb, &rows);
    bench_machine_header(stdout);
    printf("bench_csv: %zu units x %zu nodes, %.1f MB of CSV (%.1f MB with %%.17g), written to %s\n", n,
           govidx_result_n_nodes(res), sz / 1e6, szb / 1e6, dir);
    printf("%-42s %8s %8s %9s %9s %8s\n", "", "wall_s", "cpu_s", "MB/s_wall", "MB/s_cpu", "ratio");
    printf("%-42s %8.3f %8.3f %9.1f %9.1f %8s\n", "1. baseline: fprintf per field, %.17g", tb, cb, szb / 1e6 / tb,
           szb / 1e6 / cb, "1.00");
    printf("%-42s %8.3f %8.3f %9.1f %9.1f %7.2fx\n", "2. govidx_result_write_csv (best of 3)", tn, cn, sz / 1e6 / tn,
           sz / 1e6 / cn, cb / cn);
    printf("%-42s %8.3f %8.3f %9s %9s %7.1fx\n", "3. index and pillars only", ts, cs, "", "", cb / cs);
    printf("(ratio: baseline CPU / CPU; MB/s of each file's own size; 3. writes %.1f MB)\n", szs / 1e6);
    printf("rows compared: %ld; rows whose unit, year, node, rank or score (as a double) differ: %ld\n", rows,
           differ);
    printf("verdict: govidx_result_write_csv %.0f MB/s wall %s the goal of 300 MB/s (%.0f MB/s of CPU)\n",
           sz / 1e6 / tn, sz / 1e6 / tn >= 300 ? "meets" : "MISSES", sz / 1e6 / cn);
    remove(pa);
    remove(pb);
    remove(pc);
    if (cli && whole_process(cli, synth, n, m, dir))
        differ = differ ? differ : 1;
    free(keep);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
    free(data);
    return differ == 0 ? 0 : 1;
}

/*
 * bench/bench_dea.c - large-scale DEA benchmark (make bench-dea).
 *
 * Synthetic Cobb-Douglas technology, 3 inputs, 2 outputs, half-normal
 * inefficiency, fixed seed:  x_k ~ U(1, 10);  y_r = prod_k x_k^0.25 *
 * u_r * exp(-|N(0, 0.3^2)|) with u_r ~ U(0.5, 1.5) (output mix).
 * CCR input-oriented efficiency of all DMUs with the frame algorithm on 1
 * and 2 threads, against the full-LP baseline (one LP with all n DMUs per
 * DMU, warm-started Clp dual simplex) where that finishes quickly (n <=
 * BASELINE_MAX; larger n: the baseline is not run, and the line says so).
 *
 * Usage: bench_dea [--slacks] [n ...]   (default 1000 5000 20000 100000;
 *        --slacks adds the max-slack second stage, peers and targets)
 *        bench_dea --write-csv FILE n   writes the data of size n as CSV
 *        (to time `govidx dea FILE --inputs x1,x2,x3 --outputs y1,y2`)
 *        bench_dea --cli PATH/TO/govidx [n ...]  also runs the CLI on the
 *        same data (whole process, default threads) and prints its time
 *        and CPU as ratios to the library call on 2 threads, same run
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define BASELINE_MAX 5000

static unsigned long long state = 0x9E3779B97F4A7C15ULL;
static double urand(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return ((double)(state >> 11) + 0.5) / 9007199254740992.0;
}
static double nrand(void)
{
    return sqrt(-2.0 * log(urand())) * cos(6.283185307179586 * urand());
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static int second_stage;

static int run(const double *X, const double *Y, size_t n, unsigned threads,
               govidx_dea_algorithm algo, double *secs, govidx_dea_stats *st, double **eff)
{
    govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
    govidx_dea_result *r = NULL;
    double t0;
    int rc;
    size_t i;

    o.threads = threads;
    o.algorithm = algo;
    o.second_stage = second_stage;
    t0 = now();
    rc = govidx_dea_compute(&r, govidx_matrix_view_array(X, n, 3), govidx_matrix_view_array(Y, n, 2),
                            &o);
    *secs = now() - t0;
    if (rc) {
        fprintf(stderr, "bench_dea: %s\n", govidx_last_error());
        return rc;
    }
    govidx_dea_result_stats(st, r);
    *eff = malloc(n * sizeof **eff);
    for (i = 0; i < n; i++)
        (*eff)[i] = govidx_dea_efficiency(r)[i];
    govidx_dea_result_free(r);
    return 0;
}

static void make_data(double *X, double *Y, size_t n)
{
    size_t i, k;
    state = 0x9E3779B97F4A7C15ULL ^ (unsigned long long)n; /* same data for both passes */
    for (i = 0; i < n; i++) {
        double lx = 0, u = fabs(0.3 * nrand());
        for (k = 0; k < 3; k++) {
            X[i + k * n] = 1 + 9 * urand();
            lx += 0.25 * log(X[i + k * n]);
        }
        for (k = 0; k < 2; k++)
            Y[i + k * n] = exp(lx - u) * (0.5 + urand());
    }
}

static double cpu_of(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
           1e-6 * (double)ru.ru_stime.tv_usec;
}
static double cpu_self(void)
{
    return cpu_of(RUSAGE_SELF);
}

/* The data of size n as the CLI reads it (dmu,x1,x2,x3,y1,y2; %.17g
 * round-trips), to time `govidx dea` on the same data. */
static int write_data_csv(const char *path, size_t n)
{
    double *X = malloc(n * 3 * sizeof *X), *Y = malloc(n * 2 * sizeof *Y);
    FILE *f = fopen(path, "w");
    size_t i;
    int bad = !X || !Y || !f || n == 0;
    if (!bad) {
        make_data(X, Y, n);
        fputs("dmu,x1,x2,x3,y1,y2\n", f);
        for (i = 0; i < n; i++)
            fprintf(f, "D%zu,%.17g,%.17g,%.17g,%.17g,%.17g\n", i, X[i], X[i + n], X[i + 2 * n], Y[i], Y[i + n]);
    }
    if (f && fclose(f))
        bad = 1;
    free(X);
    free(Y);
    return bad;
}

/* Time `CLI dea data.csv ...` (wall and the child's CPU) on the data of
 * size n, written to $TMPDIR first; the files are removed. */
static int time_cli(const char *cli, const char *extra, size_t n, double *wall, double *cpu)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char in[512], out[512], cmd[2048];
    double t0, c0;
    int rc;
    snprintf(in, sizeof in, "%s/bench_dea.%ld.in.csv", tmp, (long)getpid());
    snprintf(out, sizeof out, "%s/bench_dea.%ld.out.csv", tmp, (long)getpid());
    if (write_data_csv(in, n)) {
        fprintf(stderr, "bench_dea: cannot write %s\n", in);
        return 1;
    }
    snprintf(cmd, sizeof cmd, "'%s' dea '%s' --inputs x1,x2,x3 --outputs y1,y2 %s %s --csv '%s' </dev/null 2>&1",
             cli, in, second_stage ? "" : "--no-second-stage", extra, out);
    c0 = cpu_of(RUSAGE_CHILDREN);
    t0 = now();
    rc = system(cmd);
    *wall = now() - t0;
    *cpu = cpu_of(RUSAGE_CHILDREN) - c0;
    remove(in);
    remove(out);
    if (rc != 0) {
        fprintf(stderr, "bench_dea: '%s' failed (%d)\n", cmd, rc);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t sizes[16] = {1000, 5000, 20000, 100000}, ns = 4, a, i, base_n = 0;
    const char *cli = NULL;
    double tc[16], cc[16], c2[16], t1c[16], c1c[16];
    double t1[16], t2[16], tb[16], base_t = 0, maxdiff[16];
    govidx_dea_stats s1[16], s2[16];
    double *keep[16] = {NULL};

    if (argc == 4 && strcmp(argv[1], "--write-csv") == 0)
        return write_data_csv(argv[2], (size_t)strtoull(argv[3], NULL, 10)) ? 1 : 0;
    for (a = 1; a < (size_t)argc; a++) {
        if (strcmp(argv[a], "--cli") == 0 && a + 1 < (size_t)argc) {
            cli = argv[++a]; /* also time `govidx dea` on the same data */
            if (ns == 4 && sizes[0] == 1000)
                ns = 0;
            continue;
        }
        if (strcmp(argv[a], "--slacks") == 0) {
            second_stage = 1; /* also run the max-slack second stage */
            continue;
        }
        if (ns == 4 && sizes[0] == 1000 && !cli && a == 1 + (size_t)second_stage)
            ns = 0;
        if (ns < 16)
            sizes[ns++] = (size_t)strtoull(argv[a], NULL, 10);
    }
    bench_machine_header(stdout);
    /* Pass 1: the frame algorithm at every size.  Pass 2: the full-LP
     * baseline, last, so its large Clp models cannot disturb the heap the
     * frame runs see.  1-thread times still vary with glibc's heap trimming
     * (docs/methods/dea.md). */
    for (a = 0; a < ns; a++) {
        size_t n = sizes[a];
        double *X = malloc(n * 3 * sizeof *X), *Y = malloc(n * 2 * sizeof *Y), *e2 = NULL;
        make_data(X, Y, n);
        if (run(X, Y, n, 1, GOVIDX_DEA_ALGO_FRAME, &t1[a], &s1[a], &keep[a]))
            return 1;
        c2[a] = cpu_self();
        if (run(X, Y, n, 2, GOVIDX_DEA_ALGO_FRAME, &t2[a], &s2[a], &e2))
            return 1;
        c2[a] = cpu_self() - c2[a];
        maxdiff[a] = 0;
        for (i = 0; i < n; i++)
            if (fabs(keep[a][i] - e2[i]) > maxdiff[a])
                maxdiff[a] = fabs(keep[a][i] - e2[i]);
        free(e2);
        free(X);
        free(Y);
        tc[a] = cc[a] = NAN;
        if (cli && (time_cli(cli, "", n, &tc[a], &cc[a]) || time_cli(cli, "--threads 1", n, &t1c[a], &c1c[a])))
            return 1;
        fprintf(stderr, "bench_dea: n=%zu frame runs done\n", n);
    }
    for (a = 0; a < ns; a++) {
        size_t n = sizes[a];
        double *X, *Y, *eb = NULL;
        govidx_dea_stats sb;
        tb[a] = NAN;
        if (n > BASELINE_MAX)
            continue;
        X = malloc(n * 3 * sizeof *X);
        Y = malloc(n * 2 * sizeof *Y);
        make_data(X, Y, n);
        if (run(X, Y, n, 1, GOVIDX_DEA_ALGO_FULL, &tb[a], &sb, &eb))
            return 1;
        for (i = 0; i < n; i++)
            if (fabs(keep[a][i] - eb[i]) > maxdiff[a])
                maxdiff[a] = fabs(keep[a][i] - eb[i]);
        if (n > base_n) {
            base_n = n;
            base_t = tb[a];
        }
        free(eb);
        free(X);
        free(Y);
    }
    printf("# CCR input-oriented, m=3, s=2, Cobb-Douglas + half-normal inefficiency, "
           "second stage %s\n", second_stage ? "on" : "off");
    printf("# base_s: full-LP baseline (1 thread, warm Clp dual simplex, one LP of n columns per "
           "DMU);\n# '*' = not run, extrapolated as n^2 from n=%zu; speedup = base_s / time_s; "
           "max_diff over 1 vs 2 threads and vs the baseline where run\n", base_n);
    printf("%8s %8s %9s %10s %10s %8s %8s %7s %10s %10s\n", "n", "threads", "time_s", "base_s",
           "speedup", "frame", "max_cols", "rounds", "LPs", "max_diff");
    for (a = 0; a < ns; a++) {
        size_t n = sizes[a];
        int extrap = isnan(tb[a]) && base_n > 0;
        double b = extrap ? base_t * ((double)n / (double)base_n) * ((double)n / (double)base_n)
                          : tb[a];
        printf("%8zu %8u %9.3f %9.3f%s %10.1f %8zu %8zu %7zu %10zu %10.2g\n", n, 1u, t1[a], b,
               extrap ? "*" : " ", b / t1[a], s1[a].frame_size, s1[a].max_columns,
               s1[a].frame_rounds, s1[a].lps_solved, maxdiff[a]);
        printf("%8zu %8u %9.3f %10s %10.1f %8zu %8zu %7zu %10zu\n", n, 2u, t2[a], "", b / t2[a],
               s2[a].frame_size, s2[a].max_columns, s2[a].frame_rounds, s2[a].lps_solved);
        free(keep[a]);
    }
    if (cli) {
        /* the whole process (read the CSV, compute, write the CSV) on the
         * CLI's default threads (one per CPU), against the library call
         * on 2 threads above, on the same data, in this run */
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        printf("# govidx dea (whole process, default threads = %ld CPU(s), same data and options):\n", cpus);
        printf("%8s %9s %9s %12s %14s %14s %14s\n", "n", "cli_s", "cli_cpu_s", "cli/bench_2t", "cpu/bench_cpu",
               "cli_1thread_s", "1thread/bench");
        for (a = 0; a < ns; a++)
            printf("%8zu %9.3f %9.3f %12.2f %14.2f %14.3f %14.2f\n", sizes[a], tc[a], cc[a], tc[a] / t2[a],
                   cc[a] / c2[a], t1c[a], t1c[a] / t2[a]);
    }
    printf("# peak RSS %.1f MiB (getrusage, whole process)\n", peak_rss_mib());
    return 0;
}

/*
 * bench/bench_bod.c - benefit of the doubt at the size of the issue (make bench-bod).
 *
 * Lognormal(0, 0.5) indicators, fixed seed, n units x m indicators (default
 * 2,000 x 60, where almost every unit is efficient).  Times in one run:
 *   govidx_dea_bod   on the DEA engine (lib/dea/dea_bod_frame.c:
 *                    certificates of efficiency, then column-generation
 *                    LPs), CPU seconds on 1 thread, then wall and CPU on one
 *                    thread per CPU (the results are the same bits);
 *   per-unit LP      the model govidx used before: one Clp model with the n
 *                    constraint rows w'z_k <= 1 and m weight columns,
 *                    warm-started unit after unit (dual simplex, default
 *                    tolerances), as in lib/dea/dea_bod.c for restricted
 *                    weights, CPU seconds on 1 thread (the baseline).
 * Prints both times, their ratio (per-unit LP / engine), and the largest
 * difference between the two sets of scores, plus how many units the old
 * LP puts above the engine's (exactly feasible) value by more than 1e-9.
 * With --cli PATH/TO/govidx it also writes the same data as CSV (%.17g),
 * imports it (not timed) and times the whole process of
 * `govidx compute FILE.h5 --aggregate bod --csv OUT.csv` (default
 * threads; the indicators are min-max normalised first, as the CLI always
 * does), wall and CPU of the fastest of 3 runs, with a verdict against
 * the 4 s.
 *
 * Usage: bench_bod [--cli PATH/TO/govidx] [n m]
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <Clp_C_Interface.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static unsigned long long state = 0x2545F4914F6CDD1DULL;
static double urand(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return ((double)(state >> 11) + 0.5) / 9007199254740992.0;
}

static double now(void)
{
    struct timespec ts;
    /* CPU time of the process: both methods run on 1 thread, and the
     * machine is shared, so wall time would measure the neighbours */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
           1e-6 * (double)ru.ru_stime.tv_usec;
}

/* The data as COINr-layout CSV files (one index CI over indicators i1..im,
 * year 2024) in dir; 0 on success. */
static int write_csv(const char *dir, const double *z, size_t n, size_t m)
{
    char path[600];
    FILE *f;
    size_t i, j;
    int bad = 0;
    snprintf(path, sizeof path, "%s/meta.csv", dir);
    if (!(f = fopen(path, "w")))
        return 1;
    fputs("Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n", f);
    for (j = 0; j < m; j++)
        fprintf(f, "1,i%zu,indicator %zu,1,1,NA,NA,NA,CI,Indicator\n", j + 1, j + 1);
    fputs("2,CI,composite,1,1,NA,NA,NA,NA,Aggregate\n", f);
    bad |= fclose(f) != 0;
    snprintf(path, sizeof path, "%s/data.csv", dir);
    if (!(f = fopen(path, "w")))
        return 1;
    fputs("uCode,Time", f);
    for (j = 0; j < m; j++)
        fprintf(f, ",i%zu", j + 1);
    fputc('\n', f);
    for (i = 0; i < n; i++) {
        fprintf(f, "U%zu,2024", i + 1);
        for (j = 0; j < m; j++)
            fprintf(f, ",%.17g", z[i + j * n]);
        fputc('\n', f);
    }
    bad |= fclose(f) != 0;
    return bad;
}

/* Import the data (not timed), then time `govidx compute --aggregate bod`
 * as a whole process: wall and the child's CPU.  0 on success. */
static int time_cli(const char *cli, const double *z, size_t n, size_t m, double *wall_s, double *cpu_s)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char dir[512], cmd[2400];
    double t0, c0;
    int rc;
    snprintf(dir, sizeof dir, "%s/bench_bod.%ld", tmp, (long)getpid());
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
    if (system(cmd) != 0 || write_csv(dir, z, n, m)) {
        fprintf(stderr, "bench_bod: cannot write the data in %s\n", dir);
        return 1;
    }
    snprintf(cmd, sizeof cmd, "'%s' import --data '%s/data.csv' --meta '%s/meta.csv' -o '%s/bod.h5' >/dev/null",
             cli, dir, dir, dir);
    rc = system(cmd);
    if (rc == 0) {
        snprintf(cmd, sizeof cmd, "'%s' compute '%s/bod.h5' --aggregate bod --csv '%s/out.csv' </dev/null", cli,
                 dir, dir);
        int k;
        /* the best of 3 runs: the machine is shared, and a neighbour's
         * burst is not govidx's time */
        for (k = 0; k < 3 && rc == 0; k++) {
            double w, c;
            c0 = children_cpu();
            t0 = wall();
            rc = system(cmd);
            w = wall() - t0;
            c = children_cpu() - c0;
            if (k == 0 || w < *wall_s) {
                *wall_s = w;
                *cpu_s = c;
            }
        }
    }
    if (rc != 0)
        fprintf(stderr, "bench_bod: '%s' failed (%d)\n", cmd, rc);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_bod: could not remove %s\n", dir);
    return rc != 0;
}

/* The per-unit warm-started multiplier LP (the baseline). */
static int per_unit_lp(double *ci, const double *z, size_t n, size_t m)
{
    Clp_Simplex *lp = Clp_newModel();
    CoinBigIndex *start = malloc((m + 1) * sizeof *start), s0 = 0;
    int *rows = malloc(n * m * sizeof *rows);
    double *vals = malloc(n * m * sizeof *vals), *rlo = malloc(n * sizeof *rlo);
    double *rup = malloc(n * sizeof *rup), *lo = calloc(m, sizeof *lo), *up = malloc(m * sizeof *up);
    double *obj = calloc(m, sizeof *obj);
    size_t i, j, e = 0;
    int rc = 0;

    Clp_setLogLevel(lp, 0);
    Clp_setPerturbation(lp, 100);
    Clp_loadProblem(lp, 0, 0, &s0, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    for (i = 0; i < n; i++) {
        rlo[i] = -1e30;
        rup[i] = 1.0;
    }
    Clp_addRows(lp, (int)n, rlo, rup, NULL, NULL, NULL);
    for (j = 0; j < m; j++) {
        start[j] = (CoinBigIndex)e;
        up[j] = 1e30;
        for (i = 0; i < n; i++)
            if (z[i + j * n] != 0.0) {
                rows[e] = (int)i;
                vals[e++] = z[i + j * n];
            }
    }
    start[m] = (CoinBigIndex)e;
    Clp_addColumns(lp, (int)m, lo, up, obj, start, rows, vals);
    for (i = 0; i < n; i++) {
        for (j = 0; j < m; j++)
            Clp_objective(lp)[j] = -z[i + j * n];
        Clp_dual(lp, 0);
        if (Clp_status(lp) != 0) {
            rc = -1;
            break;
        }
        ci[i] = -Clp_objectiveValue(lp);
    }
    Clp_deleteModel(lp);
    free(start);
    free(rows);
    free(vals);
    free(rlo);
    free(rup);
    free(lo);
    free(up);
    free(obj);
    return rc;
}

int main(int argc, char **argv)
{
    const char *cli = NULL;
    int a = 1;
    size_t n, m, i, ones = 0, above = 0;
    double *z, *ci, *ci_t, *old, t0, w0, t_new, t_old, t_thr_wall, t_thr_cpu, maxd = 0;
    double cli_wall = 0, cli_cpu = 0;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = cpus > 1 ? (unsigned)cpus : 1;
    govidx_bod_options o = GOVIDX_BOD_OPTIONS_INIT;
    int *st;

    if (a + 1 < argc && strcmp(argv[a], "--cli") == 0) {
        cli = argv[a + 1];
        a += 2;
    }
    n = a + 1 < argc ? strtoul(argv[a], NULL, 10) : 2000;
    m = a + 1 < argc ? strtoul(argv[a + 1], NULL, 10) : 60;
    z = malloc(n * m * sizeof *z);
    ci = malloc(n * sizeof *ci);
    ci_t = malloc(n * sizeof *ci_t);
    old = malloc(n * sizeof *old);
    st = malloc(n * sizeof *st);
    if (!z || !ci || !ci_t || !old || !st || n == 0 || m == 0)
        return 1;
    bench_machine_header(stdout);
    for (i = 0; i < n * m; i++) /* lognormal(0, 0.5), Box-Muller */
        z[i] = exp(0.5 * sqrt(-2.0 * log(urand())) * cos(6.283185307179586 * urand()));
    o.threads = 1;
    t0 = now();
    if (govidx_dea_bod(ci, NULL, st, NULL, govidx_matrix_view_array(z, n, m), &o)) {
        fprintf(stderr, "bench_bod: %s\n", govidx_last_error());
        return 1;
    }
    t_new = now() - t0;
    o.threads = threads;
    t0 = now();
    w0 = wall();
    if (govidx_dea_bod(ci_t, NULL, st, NULL, govidx_matrix_view_array(z, n, m), &o)) {
        fprintf(stderr, "bench_bod: %s\n", govidx_last_error());
        return 1;
    }
    t_thr_wall = wall() - w0;
    t_thr_cpu = now() - t0;
    t0 = now();
    if (per_unit_lp(old, z, n, m)) {
        fprintf(stderr, "bench_bod: the per-unit LP failed\n");
        return 1;
    }
    t_old = now() - t0;
    for (i = 0; i < n; i++) {
        double d = fabs(old[i] - ci[i]);
        maxd = d > maxd ? d : maxd;
        ones += ci[i] == 1.0;
        above += old[i] > ci[i] + 1e-9;
    }
    printf("BoD %zu units x %zu indicators (lognormal), CPU seconds unless said\n", n, m);
    printf("  DEA engine (govidx_dea_bod), 1 thread     %9.3f s   %zu units exactly 1\n", t_new, ones);
    printf("  DEA engine, %u thread(s)                   %9.3f s wall, %.3f s CPU; same scores: %s\n", threads,
           t_thr_wall, t_thr_cpu, memcmp(ci, ci_t, n * sizeof *ci) == 0 ? "yes (bit for bit)" : "NO");
    printf("  per-unit warm-started LP, 1 thread        %9.3f s\n", t_old);
    printf("  ratio per-unit LP / engine (1 thread)     %9.1fx\n", t_old / t_new);
    printf("  max |difference|                          %9.2e   (%zu units where the per-unit LP is above by > 1e-9)\n",
           maxd, above);
    if (cli) {
        if (time_cli(cli, z, n, m, &cli_wall, &cli_cpu))
            return 1;
        printf("  whole process: govidx compute --aggregate bod (min-max first; import not timed; best of 3)\n");
        printf("    wall %.3f s, CPU %.3f s; library on %u thread(s) %.3f s wall (cli/library %.2f)\n", cli_wall,
               cli_cpu, threads, t_thr_wall, cli_wall / t_thr_wall);
        printf("    verdict: %s the goal of <= 4 s whole process\n", cli_wall <= 4.0 ? "meets" : "MISSES");
    }
    free(z);
    free(ci);
    free(ci_t);
    free(old);
    free(st);
    return 0;
}

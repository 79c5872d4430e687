/*
 * bench/bench_bod.c - benefit of the doubt at the size of the issue (make bench-bod).
 *
 * Lognormal(0, 0.5) indicators, fixed seed, n units x m indicators (default
 * 2,000 x 60, where almost every unit is efficient).  Times in one run:
 * CPU seconds (both run on one thread) of:
 *   govidx_dea_bod   on the DEA engine (lib/dea.c: certificates of
 *                    efficiency, then column-generation LPs), 1 thread;
 *   per-unit LP      the model govidx used before: one Clp model with the n
 *                    constraint rows w'z_k <= 1 and m weight columns,
 *                    warm-started unit after unit (dual simplex, default
 *                    tolerances), as in lib/dea_bod.c for restricted weights.
 * Prints both times, their ratio (per-unit LP / frame), and the largest
 * difference between the two sets of scores, plus how many units the old
 * LP puts above the engine's (exactly feasible) value by more than 1e-9.
 *
 * Usage: bench_bod [n m]
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include <Clp_C_Interface.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
    size_t n = argc > 2 ? strtoul(argv[1], NULL, 10) : 2000;
    size_t m = argc > 2 ? strtoul(argv[2], NULL, 10) : 60, i, ones = 0, above = 0;
    double *z = malloc(n * m * sizeof *z), *ci = malloc(n * sizeof *ci);
    double *old = malloc(n * m * sizeof *old), t0, t_new, t_old, maxd = 0;
    int *st = malloc(n * sizeof *st);

    if (!z || !ci || !old || !st || n == 0 || m == 0)
        return 1;
    for (i = 0; i < n * m; i++) /* lognormal(0, 0.5), Box-Muller */
        z[i] = exp(0.5 * sqrt(-2.0 * log(urand())) * cos(6.283185307179586 * urand()));
    t0 = now();
    if (govidx_dea_bod(ci, NULL, st, NULL, govidx_matrix_view_array(z, n, m), NULL)) {
        fprintf(stderr, "bench_bod: %s\n", govidx_last_error());
        return 1;
    }
    t_new = now() - t0;
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
    printf("BoD %zu units x %zu indicators (lognormal), 1 thread, CPU seconds\n", n, m);
    printf("  DEA engine (govidx_dea_bod)    %9.3f s   %zu units exactly 1\n", t_new, ones);
    printf("  per-unit warm-started LP       %9.3f s\n", t_old);
    printf("  ratio per-unit LP / engine     %9.1fx\n", t_old / t_new);
    printf("  max |difference|               %9.2e   (%zu units where the per-unit LP is above by > 1e-9)\n",
           maxd, above);
    free(z);
    free(ci);
    free(old);
    free(st);
    return 0;
}

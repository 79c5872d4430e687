/*
 * bench/bench_copeland.c - Copeland aggregation speed (make bench-copeland).
 *
 * govidx_aggregate(GOVIDX_AGG_COPELAND) against a straightforward pairwise
 * count written here (for every pair of units, the weighted sum of the
 * signs of their differences; the same definition), on random panels with
 * ties, unequal weights and ~1% missing cells, in the same run; the two
 * results are compared for equality.  Sizes: COINr's ASEM example (51
 * units x 49 indicators, where COINr's Copeland takes about 2.4 s in R), 2,000 x 50
 * (the target: milliseconds) and 10,000 x 50.  Best of 5 runs.
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void baseline(double *out, const double *x, const double *w, size_t n, size_t m)
{
    size_t i, j, k;
    double wsum = 0;
    for (j = 0; j < m; j++)
        wsum += w[j];
    for (i = 0; i < n; i++)
        out[i] = 0;
    for (i = 0; i < n; i++)
        for (k = i + 1; k < n; k++) {
            double net = 0;
            for (j = 0; j < m; j++) {
                double a = x[i + j * n], b = x[k + j * n];
                if (a == a && b == b)
                    net += a > b ? w[j] : a < b ? -w[j] : 0;
            }
            if (net > 1e-12 * wsum)
                out[i] += 1, out[k] -= 1;
            else if (net < -1e-12 * wsum)
                out[i] -= 1, out[k] += 1;
        }
}

int main(void)
{
    static const size_t sizes[3][2] = {{51, 49}, {2000, 50}, {10000, 50}};
    size_t t, i;
    unsigned s = 20231;
    bench_machine_header(stdout);
    printf("%-14s %12s %12s %8s %s\n", "units x ind.", "govidx (s)", "pairwise (s)", "ratio", "equal");
    for (t = 0; t < 3; t++) {
        size_t n = sizes[t][0], m = sizes[t][1], r, same = 1;
        double *x = malloc(n * m * sizeof *x), *w = malloc(m * sizeof *w);
        double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), tg = 1e30, tb = 1e30;
        govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
        if (!x || !w || !a || !b)
            return 1;
        for (i = 0; i < n * m; i++) {
            s = s * 1103515245u + 12345u;
            x[i] = (s >> 16) % 97 == 0 ? NAN : (double)((s >> 16) % 1000);
        }
        for (i = 0; i < m; i++)
            w[i] = 1.0 + (double)(i % 4) * 0.25;
        o.method = GOVIDX_AGG_COPELAND;
        for (r = 0; r < 5; r++) {
            double t0 = now();
            if (govidx_aggregate(a, NULL, govidx_matrix_view_array(x, n, m), w, &o)) {
                fprintf(stderr, "bench_copeland: %s\n", govidx_last_error());
                return 1;
            }
            tg = fmin(tg, now() - t0);
            if (r < (n > 5000 ? 1u : 5u)) { /* the baseline is slow at 10,000: one run */
                t0 = now();
                baseline(b, x, w, n, m);
                tb = fmin(tb, now() - t0);
            }
        }
        for (i = 0; i < n; i++)
            same &= a[i] == b[i];
        printf("%5zu x %-6zu %12.4f %12.4f %7.1fx %s\n", n, m, tg, tb, tb / tg, same ? "yes" : "NO");
        free(x);
        free(w);
        free(a);
        free(b);
        if (!same)
            return 1;
    }
    return 0;
}

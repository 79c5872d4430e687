/*
 * bench/bench_network.c - network measures of thousands of actors (make bench-network).
 *
 * One synthetic city network per size: actors in 6 sectors, 5 ties per
 * actor (random endpoints, so cycles, a giant strong component, some
 * sources and isolates), all measures of govidx_network_measures() timed
 * (best of 3) at 250, 500, 1,000 and 4,000 actors, and with a null model
 * of 10 random graphs at 1,000.  The growth ratio 4,000:1,000 is printed
 * (16 = quadratic, the cost of n breadth-first searches and n^2 bits of
 * reachability).  Wall-clock and CPU time are both printed: on a shared
 * machine the wall clock includes waiting for the CPU.
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

static unsigned long long lcg = 2463534242ull;
static size_t below(size_t n)
{
    lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
    return (size_t)((lcg >> 33) % n);
}

static govidx_network *make_network(size_t n)
{
    static const char *const sectors[] = {"gov-dept", "district-gov", "ngo", "business", "academia", "citizens"};
    govidx_network *net = NULL;
    size_t i, k;
    if (govidx_network_new(&net, n))
        return NULL;
    for (i = 0; i < n; i++)
        govidx_network_set_sector(net, i, sectors[below(6)]);
    for (i = 0; i < n; i++)
        for (k = 0; k < 5; k++)
            govidx_network_add_tie(net, i, below(n), 1.0);
    return net;
}

static double time_measures(size_t n, size_t null_samples, double *lub)
{
    govidx_network *net = make_network(n);
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    double v[GOVIDX_NET_N_MEASURES], z[GOVIDX_NET_N_MEASURES], best = INFINITY, best_cpu = INFINITY, t0, c0;
    int rep;
    if (!net) {
        fprintf(stderr, "bench_network: %s\n", govidx_last_error());
        exit(1);
    }
    o.null_samples = null_samples;
    for (rep = 0; rep < 3; rep++) {
        t0 = now();
        c0 = cpu();
        if (govidx_network_measures(v, z, GOVIDX_NET_N_MEASURES, net, &o)) {
            fprintf(stderr, "bench_network: %s\n", govidx_last_error());
            exit(1);
        }
        best = fmin(best, now() - t0);
        best_cpu = fmin(best_cpu, cpu() - c0);
    }
    *lub = v[GOVIDX_NET_LUB];
    printf("%5zu actors, %5zu ties%s: %7.3f s (CPU %7.3f s)  strong components %g, hierarchy %.4f, lub %.4f\n",
           n, 5 * n, null_samples ? ", null model of 10" : "                  ", best, best_cpu,
           v[GOVIDX_NET_STRONG_COMPONENTS],
           v[GOVIDX_NET_HIERARCHY], v[GOVIDX_NET_LUB]);
    fflush(stdout);
    govidx_network_free(net);
    return best;
}

int main(void)
{
    double lub, t1000, t4000;
    bench_machine_header(stdout);
    time_measures(250, 0, &lub);
    time_measures(500, 0, &lub);
    t1000 = time_measures(1000, 0, &lub);
    t4000 = time_measures(4000, 0, &lub);
    time_measures(1000, 10, &lub);
    printf("growth 4,000:1,000 actors: %.1fx (16 = quadratic)\n", t4000 / t1000);
    return 0;
}

/*
 * lib/core/workers.c - how many threads a computation over years uses.
 *
 * One place for the rule, so plan/execute (lib/composite/plan.c), result
 * export (lib/composite/result.c) and the uncertainty analysis agree and
 * none of them reaches into another for it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <unistd.h>

size_t govidx__worker_count(size_t n_years)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cpus > 0 ? (size_t)cpus : 1;
    if (n > GOVIDX__MAX_WORKERS)
        n = GOVIDX__MAX_WORKERS;
    return n < n_years ? n : n_years;
}

/* Years already run on govidx__worker_count(n_years) threads; a computation
 * inside one year (BoD's LPs) shares the CPUs left per year, at least 1. */
unsigned govidx__threads_per_year(size_t n_years)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t per = cpus > 0 ? (size_t)cpus / (n_years > 0 ? govidx__worker_count(n_years) : 1) : 1;
    if (per > GOVIDX__MAX_WORKERS)
        per = GOVIDX__MAX_WORKERS;
    return per > 0 ? (unsigned)per : 1;
}

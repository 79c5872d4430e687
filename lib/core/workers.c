/*
 * lib/core/workers.c - how many threads a computation over years uses.
 *
 * One place for the rule (and for starting the threads), so plan/execute (lib/composite/plan.c), result
 * export (lib/composite/result.c) and the uncertainty analysis agree and
 * none of them reaches into another for it.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <pthread.h>
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

void govidx__run_slots(void *(*fn)(void *), void *slots, size_t size, size_t n)
{
    pthread_t tid[GOVIDX__MAX_WORKERS];
    char *slot = slots;
    size_t started, t;
    for (started = 1; started < n && started < GOVIDX__MAX_WORKERS; started++)
        if (pthread_create(&tid[started], NULL, fn, slot + started * size) != 0)
            break;
    for (t = started; t < n; t++)
        fn(slot + t * size);
    if (n > 0)
        fn(slot);
    for (t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
}

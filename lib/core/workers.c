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

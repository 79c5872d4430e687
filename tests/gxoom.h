/*
 * tests/gxoom.h - allocation-failure injection for CUnit suites, through the
 * public govidx_set_allocator (SQLite's fault-simulation idea).
 */
#ifndef GXOOM_H
#define GXOOM_H

#include "gxtest.h"

/* Most calls succeed within 200 allocations; a suite may raise this. */
#ifndef GXOOM_LIMIT
#define GXOOM_LIMIT 200
#endif

/* Allocation-failure injection: the k-th allocation fails, for k = 0, 1, ...
 * until the call succeeds; every failing run must return GOVIDX_ENOMEM and
 * free everything it allocated. */
static long oom_budget = -1, oom_live = 0;
static void *oom_malloc(void *ctx, size_t n)
{
    void *p;
    (void)ctx;
    if (oom_budget == 0)
        return NULL;
    if (oom_budget > 0)
        oom_budget--;
    p = malloc(n);
    oom_live += p != NULL;
    return p;
}
static void *oom_realloc(void *ctx, void *p, size_t n)
{
    void *q;
    (void)ctx;
    if (oom_budget == 0)
        return NULL;
    if (oom_budget > 0)
        oom_budget--;
    q = realloc(p, n);
    oom_live += q != NULL && p == NULL;
    return q;
}
static void oom_free(void *ctx, void *p)
{
    (void)ctx;
    oom_live -= p != NULL;
    free(p);
}
static void check_oom(int (*call)(void))
{
    govidx_allocator a = {GOVIDX_ALLOCATOR_VERSION, oom_malloc, oom_realloc, oom_free, NULL};
    long k;
    int rc = -1;
    for (k = 0; k < GXOOM_LIMIT; k++) {
        oom_budget = k;
        oom_live = 0;
        GX_ASSERT_OK(govidx_set_allocator(&a));
        rc = call();
        GX_ASSERT_OK(govidx_set_allocator(NULL));
        CU_ASSERT_EQUAL(oom_live, 0);
        if (rc == GOVIDX_OK)
            break;
        GX_ASSERT_RC(rc, GOVIDX_ENOMEM);
    }
    CU_ASSERT_EQUAL(rc, GOVIDX_OK);
    CU_ASSERT(k > 0); /* the call allocates at least once */
}

#endif /* GXOOM_H */

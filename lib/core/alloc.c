/*
 * lib/core/alloc.c - the one allocator every govidx allocation goes through.
 *
 * A caller may install its own (govidx_set_allocator), which is how the
 * allocation-failure tests fail the 1st, 2nd, ... Nth allocation.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *std_malloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void *std_realloc(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void std_free(void *ctx, void *p) { (void)ctx; free(p); }

static govidx_allocator current = {GOVIDX_ALLOCATOR_VERSION, std_malloc, std_realloc, std_free, NULL};

GOVIDX__VERSIONS_1(allocator_versions, govidx_allocator, "allocator", GOVIDX_ALLOCATOR_INIT, ctx);

int govidx_allocator_init(govidx_allocator *alloc, unsigned version)
{
    return govidx__versioned_init(&allocator_versions, alloc, version);
}

int govidx_set_allocator(const govidx_allocator *a)
{
    govidx_allocator copy;
    int rc;
    if (!a) {
        current.malloc_fn = std_malloc;
        current.realloc_fn = std_realloc;
        current.free_fn = std_free;
        current.ctx = NULL;
        return GOVIDX_OK;
    }
    if ((rc = govidx__versioned_read(&allocator_versions, &copy, a)))
        return rc;
    if (!copy.malloc_fn || !copy.realloc_fn || !copy.free_fn)
        return govidx__fail(GOVIDX_EINVAL, "allocator: NULL function");
    current = copy;
    return GOVIDX_OK;
}

void *govidx__malloc(size_t size)
{
    return current.malloc_fn(current.ctx, size ? size : 1);
}

void *govidx__realloc(void *ptr, size_t size)
{
    return current.realloc_fn(current.ctx, ptr, size ? size : 1);
}

void *govidx__mallocarray(size_t n, size_t size)
{
    size_t total;
    if (!govidx__mul_ok(n, size, &total))
        return NULL;
    return govidx__malloc(total);
}

void *govidx__calloc(size_t n, size_t size)
{
    size_t total;
    void *p;
    if (!govidx__mul_ok(n, size, &total))
        return NULL;
    p = govidx__malloc(total);
    if (p)
        memset(p, 0, total);
    return p;
}

void govidx__free(void *ptr)
{
    if (ptr)
        current.free_fn(current.ctx, ptr);
}

void govidx_free(void *ptr)
{
    govidx__free(ptr);
}

char *govidx__strdup(const char *s)
{
    size_t n;
    char *d;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    d = govidx__malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* --- growable text buffer ------------------------------------------------ */

static int buf_reserve(govidx__buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (b->failed)
        return 0;
    if (__builtin_add_overflow(b->len, extra + 1, &need)) {
        b->failed = 1;
        return 0;
    }
    if (need <= b->cap)
        return 1;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = govidx__realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void govidx__buf_append(govidx__buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void govidx__buf_printf(govidx__buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n)) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int govidx__buf_finish(govidx__buf *b, char **out)
{
    if (b->failed || !buf_reserve(b, 0)) {
        govidx__buf_free(b);
        return govidx__oom();
    }
    *out = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return GOVIDX_OK;
}

void govidx__buf_free(govidx__buf *b)
{
    govidx__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

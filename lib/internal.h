/*
 * lib/internal.h - shared internals of libgovidx (never installed).
 *
 * Names here use the govidx__ prefix and are hidden by -fvisibility=hidden.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_INTERNAL_H
#define GOVIDX_INTERNAL_H

#include "govidx.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define GOVIDX__PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GOVIDX__UNUSED __attribute__((unused))
#else
#define GOVIDX__PRINTF(a, b)
#define GOVIDX__UNUSED
#endif

/* --- errors (error.c) ---------------------------------------------------- */

/** Record a thread-local message for `status` and return `status`. */
int govidx__fail(int status, const char *fmt, ...) GOVIDX__PRINTF(2, 3);
int govidx__vfail(int status, const char *fmt, va_list ap);
/** Prefix the current thread-local message with "context: ". Returns status. */
int govidx__fail_context(int status, const char *fmt, ...) GOVIDX__PRINTF(2, 3);

/* --- memory (alloc.c) ------------------------------------------------------ */
/* Every allocation goes through these so the allocation-failure tests can
 * fail the Nth one.  They do not set an error message; callers do, usually
 * with `return govidx__oom();`. */
void *govidx__malloc(size_t size);
void *govidx__calloc(size_t n, size_t size);     /* overflow-checked */
void *govidx__realloc(void *ptr, size_t size);
void *govidx__mallocarray(size_t n, size_t size); /* overflow-checked */
void govidx__free(void *ptr);
char *govidx__strdup(const char *s);             /* NULL -> NULL */
/** Set GOVIDX_ENOMEM with a standard message and return it. */
int govidx__oom(void);

/** a*b without overflow, else return 0 and leave *out unchanged. */
static inline int govidx__mul_ok(size_t a, size_t b, size_t *out)
{
    size_t r;
    if (__builtin_mul_overflow(a, b, &r))
        return 0;
    *out = r;
    return 1;
}

/* --- growable byte buffer for text output (alloc.c) ---------------------- */
typedef struct govidx__buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: further appends are ignored */
} govidx__buf;
void govidx__buf_printf(govidx__buf *b, const char *fmt, ...) GOVIDX__PRINTF(2, 3);
void govidx__buf_append(govidx__buf *b, const char *s, size_t n);
/** Hand the text to the caller (NUL-terminated); GOVIDX_ENOMEM if any append failed. */
int govidx__buf_finish(govidx__buf *b, char **out);
void govidx__buf_free(govidx__buf *b);

#endif /* GOVIDX_INTERNAL_H */

/*
 * govidx/common.h - versions, status codes, errors, allocator and matrix views.
 *
 * Every other govidx header includes this one.  Conventions used across the API:
 *
 *  - Every fallible function returns an int: GOVIDX_OK (0) on success or a
 *    negative govidx_status code.  govidx_strerror() gives static text for a
 *    code; govidx_last_error() gives the detail of the calling thread's last
 *    failure ("indicator 'O2.3' has zero variance in 2021").
 *  - govidx never aborts, never exits and never prints.
 *  - Output parameters come first (govidx_plan **out).  Objects returned through
 *    them are owned by the caller and released with the matching _free/_close,
 *    which accepts NULL.
 *  - Option structs carry a leading `version` field and are initialised with
 *    their _INIT macro, so they can grow without breaking the ABI.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_COMMON_H
#define GOVIDX_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GOVIDX_BUILDING) && defined(__GNUC__)
#define GOVIDX_API __attribute__((visibility("default")))
#else
#define GOVIDX_API
#endif

/** Compile-time version of the headers. */
#define GOVIDX_VERSION_MAJOR 0
#define GOVIDX_VERSION_MINOR 1
#define GOVIDX_VERSION_PATCH 0
#define GOVIDX_VERSION_STRING "0.1.0"
/** One number, MMmmpp: 0.1.0 is 100. */
#define GOVIDX_VERSION_NUMBER \
    (GOVIDX_VERSION_MAJOR * 10000 + GOVIDX_VERSION_MINOR * 100 + GOVIDX_VERSION_PATCH)

/**
 * Status codes.  Values are part of the ABI: new codes are only ever appended.
 */
typedef enum govidx_status {
    GOVIDX_OK = 0,
    GOVIDX_EINVAL = -1,       /**< invalid argument (NULL, out of range, bad option) */
    GOVIDX_ENOMEM = -2,       /**< an allocation failed */
    GOVIDX_EIO = -3,          /**< the file could not be read or written */
    GOVIDX_EFORMAT = -4,      /**< the file or text is not valid for its format */
    GOVIDX_EDIM = -5,         /**< dimensions mismatch, are zero, overflow or exceed a cap */
    GOVIDX_ENUMERIC = -6,     /**< NaN/Inf, zero variance or another numeric failure */
    GOVIDX_ENOTFOUND = -7,    /**< a named object, code or node does not exist */
    GOVIDX_ECYCLE = -8,       /**< the index tree has a cycle */
    GOVIDX_EDOMAIN = -9,      /**< a value outside a method's domain (log of 0, negative in a geometric mean) */
    GOVIDX_EINFEASIBLE = -10, /**< a linear programme is infeasible */
    GOVIDX_EUNBOUNDED = -11,  /**< a linear programme is unbounded */
    GOVIDX_ESOLVER = -12,     /**< the LP solver failed */
    GOVIDX_ECANCELED = -13,   /**< a progress callback asked to stop */
    GOVIDX_EEXIST = -14,      /**< the target (file, run, object) already exists */
    GOVIDX_EMISSING = -15     /**< too many missing values for the requested computation */
} govidx_status;

/**
 * Library version at run time.  Any of the pointers may be NULL.
 * Returns the version as one number (MMmmpp), comparable with
 * GOVIDX_VERSION_NUMBER to detect a header/library mismatch.
 */
GOVIDX_API int govidx_version(int *major, int *minor, int *patch);

/** The library version as static text, e.g. "0.1.0". */
GOVIDX_API const char *govidx_version_string(void);

/** Static, human-readable text for a status code; never NULL. */
GOVIDX_API const char *govidx_strerror(int status);

/**
 * Detail of the calling thread's last failure; "" when there was none.
 * The text stays valid until the next govidx call on the same thread.
 */
GOVIDX_API const char *govidx_last_error(void);

/** Forget the calling thread's last error message. */
GOVIDX_API void govidx_clear_error(void);

/**
 * Custom allocator (SQLite's SQLITE_CONFIG_MALLOC).  Every allocation govidx
 * makes goes through these three functions.  Install before any other govidx
 * call and while no other thread uses govidx; pass NULL to restore the C
 * library's malloc/realloc/free.  Used by the allocation-failure tests.
 */
typedef struct govidx_allocator {
    unsigned version; /**< GOVIDX_ALLOCATOR_VERSION */
    void *(*malloc_fn)(void *ctx, size_t size);
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
    void (*free_fn)(void *ctx, void *ptr);
    void *ctx;
} govidx_allocator;
#define GOVIDX_ALLOCATOR_VERSION 1
#define GOVIDX_ALLOCATOR_INIT { GOVIDX_ALLOCATOR_VERSION, NULL, NULL, NULL, NULL }
/** Set *alloc to `version` (1..GOVIDX_ALLOCATOR_VERSION) with every member
 *  NULL, as GOVIDX_ALLOCATOR_INIT does, for callers that cannot use macros;
 *  then set the three functions.  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_allocator_init(govidx_allocator *alloc, unsigned version);

/** Install (or with NULL, reset) the allocator.  GOVIDX_EINVAL on a bad version or NULL member. */
GOVIDX_API int govidx_set_allocator(const govidx_allocator *alloc);

/** Free memory that a govidx function documented as "free with govidx_free" returned. NULL ok. */
GOVIDX_API void govidx_free(void *ptr);

/**
 * Progress callback for long computations.  `done` of `total` steps are
 * finished.  Return non-zero to cancel: the computation stops and returns
 * GOVIDX_ECANCELED.  May be called from worker threads, never concurrently.
 */
typedef int (*govidx_progress_fn)(void *ctx, size_t done, size_t total);

/**
 * A non-owning, column-major view of a matrix of doubles: element (i, j) is
 * data[i + j * ld], with ld >= rows.  Rows are units (cities, DMUs), columns
 * are variables (indicators).  NaN marks a missing value.  The struct is
 * frozen: its layout never changes.
 */
typedef struct govidx_matrix_view {
    const double *data;
    size_t rows;
    size_t cols;
    size_t ld;
} govidx_matrix_view;

/** A writable column-major matrix, same layout as govidx_matrix_view (frozen). */
typedef struct govidx_matrix {
    double *data;
    size_t rows;
    size_t cols;
    size_t ld;
} govidx_matrix;

/** A view of a contiguous column-major array (ld = rows). */
GOVIDX_API govidx_matrix_view govidx_matrix_view_array(const double *data, size_t rows, size_t cols);

/** A writable matrix over a contiguous column-major array (ld = rows). */
GOVIDX_API govidx_matrix govidx_matrix_array(double *data, size_t rows, size_t cols);

/** The read-only view of a writable matrix. */
GOVIDX_API govidx_matrix_view govidx_matrix_const(govidx_matrix m);

/**
 * Check a view: data non-NULL, rows and cols > 0, ld >= rows and
 * rows * cols addressable without overflow.  GOVIDX_EINVAL or GOVIDX_EDIM.
 */
GOVIDX_API int govidx_matrix_check(govidx_matrix_view m);

/** Number of NaN cells in the view (missing values). */
GOVIDX_API size_t govidx_matrix_count_missing(govidx_matrix_view m);

/**
 * Check that no cell is +-Inf; with allow_missing == 0 NaN is rejected too.
 * GOVIDX_ENUMERIC names the first offending cell in govidx_last_error().
 */
GOVIDX_API int govidx_matrix_check_finite(govidx_matrix_view m, int allow_missing);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_COMMON_H */

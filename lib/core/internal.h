/*
 * lib/core/internal.h - shared internals of libgovidx (never installed).
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
#include <stdio.h>

#if defined(__GNUC__)
#define GOVIDX__PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GOVIDX__UNUSED __attribute__((unused))
#else
#define GOVIDX__PRINTF(a, b)
#define GOVIDX__UNUSED
#endif

/* A hot loop: compiled at -O3 without trapping math (quiet comparisons
 * cannot trap) so it vectorises, and on x86-64 with GCC also as an AVX2
 * clone picked at load time.  Only element-wise work and reductions whose
 * order does not change the result (counts, min, max) go in such loops, so
 * every clone gives the same numbers to the last bit.  Not under sanitizers
 * (their runtimes do not support ifunc clones). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define GOVIDX__HOT_LOOP __attribute__((target_clones("avx2", "default"), optimize("O3", "no-trapping-math")))
#elif defined(__GNUC__) && !defined(__clang__)
#define GOVIDX__HOT_LOOP __attribute__((optimize("O3", "no-trapping-math")))
#else
#define GOVIDX__HOT_LOOP
#endif

/* --- errors (error.c) ---------------------------------------------------- */

/** Record a thread-local message for `status` and return `status`. */
int govidx__fail(int status, const char *fmt, ...) GOVIDX__PRINTF(2, 3);
int govidx__vfail(int status, const char *fmt, va_list ap);
/** Prefix the current thread-local message with "context: ". Returns status. */
int govidx__fail_context(int status, const char *fmt, ...) GOVIDX__PRINTF(2, 3);
/** Rewrite the last error's "<what> K (0-based)" ("row 106 (0-based)") as
 *  "<noun> 'codes[K]'" ("unit 'MCO'"); returns rc (unchanged when OK or
 *  codes is NULL).  lib/error_names.c. */
int govidx__error_name_positions(int rc, const char *what, const char *noun, const char *const *codes, size_t n);

/* --- spec names of enums (names.c) ---------------------------------------- */
/* One table per enum family is the single source of its spec names: the
 * method parser, the public _from_name/_name pair and the CLI's --help all
 * read it.  Each value's first entry is its canonical name; later entries
 * with the same value are accepted aliases (e.g. "winsorise"). */
typedef struct govidx__name {
    const char *name;
    int value;
} govidx__name;
typedef struct govidx__names {
    const char *what; /* "normalisation method", for messages */
    const govidx__name *v;
    size_t n;
} govidx__names;
#define GOVIDX__NAMES(var, label, table) const govidx__names var = {label, table, sizeof table / sizeof table[0]}

/** *out = the value called `name`; GOVIDX_EFORMAT naming it if none is. */
int govidx__names_find(const govidx__names *t, const char *name, int *out);
/** The canonical name of `value`; NULL (and GOVIDX_EINVAL as the message) if none. */
const char *govidx__names_name(const govidx__names *t, int value);

/* The public pair of an enum family over its one table:
 * int PREFIX_from_name(TYPE *out, const char *name) and
 * const char *PREFIX_name(TYPE value). */
#define GOVIDX__NAME_FUNCTIONS(prefix, type, table)                                      \
    int prefix##_from_name(type *out, const char *name)                                  \
    {                                                                                    \
        int v = 0, rc = out ? govidx__names_find(&table, name, &v)                       \
                            : govidx__fail(GOVIDX_EINVAL, "%s: NULL output", table.what); \
        if (rc == GOVIDX_OK)                                                             \
            *out = (type)v;                                                              \
        return rc;                                                                       \
    }                                                                                    \
    const char *prefix##_name(type value)                                                \
    {                                                                                    \
        return govidx__names_name(&table, (int)value);                                   \
    }

extern const govidx__names govidx__norm_names, govidx__treat_names, govidx__impute_names,
    govidx__carry_names, govidx__weight_names, govidx__aggregate_names, govidx__dea_rts_names,
    govidx__dea_model_names, govidx__dea_orientation_names, govidx__corr_names,
    govidx__treat_count_names, govidx__screen_by_names;

/* --- method family registries ---------------------------------------------- */
/* Each method family keeps one registry beside its kernels (normalize.c,
 * treat.c, impute.c, weights.c, aggregate.c): a row per spec name holds the
 * name, the enum value, the kernel, the spec keys the method reads and its
 * capabilities.  The family's name table (above) is generated from it, and
 * the code that runs a family asks a row for a capability instead of
 * testing enum values.  This is the part of a row other files read. */
typedef struct govidx__method_row {
    const char *name;   /* spec name (a later row with the same value is an alias) */
    int value;          /* the family's enum value */
    const char *params; /* spec keys it reads besides FAMILY.method, comma-separated */
    unsigned caps;      /* GOVIDX__CAP_* */
} govidx__method_row;
#define GOVIDX__CAP_LINEAR 0x1u      /* a weighted mean or sum: contributions decompose */
#define GOVIDX__CAP_POSITIVE 0x2u    /* needs data > 0 (GOVIDX_EDOMAIN otherwise) */
#define GOVIDX__CAP_PLAN_ONLY 0x4u   /* runs inside a plan only: the one-matrix function refuses it */
#define GOVIDX__CAP_NEEDS_GROUP 0x8u /* imputation: needs unit groups (impute.group) */
#define GOVIDX__CAP_ACROSS_YEARS 0x10u /* imputation: fills from the unit's earlier years (carry) */
#define GOVIDX__CAP_FROM_LATER 0x800u /* imputation, with ACROSS_YEARS: from its later years instead */
#define GOVIDX__CAP_MEDIAN 0x20u     /* imputation: the median rather than the mean */
#define GOVIDX__CAP_DERIVED 0x40u    /* weights: the plan derives them (else the framework's nominal ones) */
#define GOVIDX__CAP_POWER_MEAN 0x80u /* aggregation: a power mean whose domain is checked cell by cell */
#define GOVIDX__CAP_AMPI 0x100u      /* aggregation: the adjusted MPI (goalpost rescaling) */
#define GOVIDX__CAP_NEGATIVE_PHENOMENON 0x200u /* aggregation: MPI of a negative phenomenon (M + S cv) */
#define GOVIDX__CAP_TRANSFORM 0x400u /* treatment: transforms every present value (each is flagged) */
#define GOVIDX__CAP_CLOSED_SPLIT 0x1000u /* aggregation: a power mean whose change splits into its
                                           children's shares in closed form at exponent 1 or 0 */
/* The row of `value` in each family (an unknown value: a row named NULL
 * with no capabilities). */
extern const govidx__method_row govidx__no_method_row;
const govidx__method_row *govidx__treat_row(int value);
const govidx__method_row *govidx__impute_row(int value);
const govidx__method_row *govidx__weight_row(int value);
const govidx__method_row *govidx__aggregate_row(int value);
/* aggregation: the exponent of o's power mean (its row's, or o->p for the
 * generalised mean), and the BoD variant of a method (0: not BoD, 1
 * radial, 2 directional, 3 robust order-m); aggregate.c. */
double govidx__aggregate_exponent(const govidx_aggregate_options *o);
int govidx__aggregate_bod(int value);

/* --- method specs (method.c) --------------------------------------------- */
/** GOVIDX_EFORMAT unless every node override of m names a node of fw with a
 *  key that applies to the node's type ("method: node 'O9' is not in the
 *  framework", "method: key 'aggregate.method' does not apply to indicator 'i1'"). */
int govidx__method_check_framework(const govidx_method *m, const govidx_framework *fw);

/* --- versioned structs (versioned.c) -------------------------------------- */
/* One descriptor per public struct with a leading `unsigned version`.
 * sizes[v - 1] is the end of the last field of version v (GOVIDX__END), so
 * an older caller's struct is never read or written past its own fields. */
typedef struct govidx__versioned {
    const char *name;     /* "normalisation options", for messages */
    unsigned current;     /* the version this library was built with */
    const size_t *sizes;  /* sizes[v - 1], v = 1..current */
    const void *defaults; /* the current version's _INIT value */
} govidx__versioned;

#define GOVIDX__END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

/* A descriptor for a struct still at version 1: `last` is its last field.
 * When a struct grows, write the descriptor by hand with one size per
 * version, e.g. { GOVIDX__END(T, last_of_v1), GOVIDX__END(T, last_of_v2) }. */
#define GOVIDX__VERSIONS_1(var, type, label, init, last)                               \
    static const type var##_defaults = init;                                         \
    static const size_t var##_sizes[1] = {GOVIDX__END(type, last)};                  \
    static const govidx__versioned var = {label, 1, var##_sizes, &var##_defaults}

/** GOVIDX_EINVAL naming the struct unless 1 <= version <= current. */
int govidx__versioned_check(const govidx__versioned *t, unsigned version);
/** Bytes of `version` of the struct; 0 outside 1..current. */
size_t govidx__versioned_size(const govidx__versioned *t, unsigned version);
/** The public _init(&opts, version): the defaults up to that version's size, version set. */
int govidx__versioned_init(const govidx__versioned *t, void *opts, unsigned version);
/** dst (the library's current layout) = defaults, then the caller's fields
 * of src's version; src NULL means defaults.  GOVIDX_EINVAL on a bad version. */
int govidx__versioned_read(const govidx__versioned *t, void *dst, const void *src);
/** Write an output record: the fields of src (current layout) that dst's
 * version (set by the caller) has; dst->version is left as it is. */
int govidx__versioned_write(const govidx__versioned *t, void *dst, const void *src);

/** The caller's network options (NULL = defaults) at the library's layout,
 *  for every function that takes them, directly or inside other options
 *  (network.c).  GOVIDX_EINVAL naming "network options" on a bad version. */
int govidx__network_options_read(govidx_network_options *dst, const govidx_network_options *src);

/* --- code lookups (strmap.c) ---------------------------------------------- */
/* A string -> index hash map.  It borrows the keys: they must stay alive
 * and unchanged while they are in the map.  A key put twice keeps its
 * first index (what a linear search from the start finds).  Zero-init
 * ({0}) is an empty map. */
typedef struct govidx__strmap {
    struct govidx__strmap_slot *slot;
    size_t mask, count;
} govidx__strmap;
/** Room for n keys in all (never shrinks); GOVIDX_ENOMEM / GOVIDX_EDIM. */
int govidx__strmap_reserve(govidx__strmap *m, size_t n);
/** Put key -> value unless the key is there; never allocates, so call
 * reserve(count + 1) first.  1 when stored, 0 when the key was there. */
int govidx__strmap_put(govidx__strmap *m, const char *key, size_t value);
/** The key's index, SIZE_MAX when absent (or key NULL). */
size_t govidx__strmap_get(const govidx__strmap *m, const char *key);
/** Put keys[i * stride bytes] -> i for i < n (e.g. the code field of an
 * array of rows). */
int govidx__strmap_build(govidx__strmap *m, const char *const *keys, size_t n, size_t stride);
void govidx__strmap_free(govidx__strmap *m);

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

/* --- aggregation (aggregate.c) -------------------------------------------- */
/** govidx_aggregate; check_values = 0 skips the scan for infinite values,
 * for callers whose values are finite or NaN by construction (the plan). */
int govidx__aggregate(double *out, govidx_matrix_view z, const double *w, const govidx_aggregate_options *opts,
                      govidx_aggregate_info *info, int check_values);
/** One unit's weighted arithmetic mean over the children's columns col[j]:
 * weights renormalised over its present children (w_j / sum, in child
 * order), then summed in child order.  Returns 0 when the unit is not
 * available (none present, fewer than min_share of them, or zero weight),
 * 1 when *out is set. */
int govidx__arithmetic_unit(double *out, const double *const *col, size_t i, const double *w, size_t m,
                            double min_share);

/* --- column kernels (kernels.c): the engine's hot loops ------------------ */
/** Min and max of x[0..n), NaN skipped: min = +Inf and max = -Inf when
 * none is present; an infinite value shows as an infinite min or max. */
void govidx__kernel_range(const double *x, size_t n, double *mn, double *mx);
/** Number of infinite values in x[0..n), and of NaN ones in *n_nan. */
size_t govidx__kernel_count_nonfinite(const double *x, size_t n, size_t *n_nan);
/** Min-max normalisation z = lo + span_out * (x - mn) / span (direction
 * > 0) or lo + span_out * (mx - x) / span, NaN kept: the expression of
 * govidx_normalize, so the same numbers. */
void govidx__kernel_minmax(double *z, const double *x, size_t n, double lo, double span_out, double mn,
                           double mx, int direction);
/** The running sums of a fused or streamed node over each unit's present
 * children, in child order. */
typedef struct govidx__node_sums {
    double *acc; /* sum of w z */
    double *ws;  /* sum of w */
    double *cnt; /* number of present children; NULL when no threshold is set */
    double need; /* with cnt: the present children a score needs (min_share x m) */
} govidx__node_sums;
/** A child of a fused node but the last: z as govidx__kernel_minmax; over
 * the units whose z is present, w z, w and 1 (when cnt) added to the sums;
 * and the range of next[0..n) as govidx__kernel_range into *next_mn,
 * *next_mx.  The sums are set to 0 before the first child. */
void govidx__kernel_fused_child(double *z, const double *x, size_t n, double lo, double span_out, double mn,
                                double mx, int direction, double w, const govidx__node_sums *sums,
                                const double *next, double *next_mn, double *next_mx);
/** The last child of a fused node: z as govidx__kernel_minmax, and the
 * node's scores into out: sum w z / sum w over the present children where
 * sum w > 0 (and, when cnt, cnt >= need), else NaN; and, when next is not
 * NULL, the range of next[0..n).  Returns the number of infinite scores. */
size_t govidx__kernel_fused_last(double *z, const double *x, size_t n, double lo, double span_out, double mn,
                                 double mx, int direction, double w, const govidx__node_sums *sums, double *out,
                                 const double *next, double *next_mn, double *next_mx);
/** A finished child's scores z added to a streamed node's sums (first:
 * the sums start at this child); out != NULL (the last child): the node's
 * scores into out instead, as govidx__kernel_fused_last. */
size_t govidx__kernel_child_sums(const govidx__node_sums *sums, const double *z, size_t n, double w, int first,
                                 double *out);
/** acc[i] += w * x[i] (a NaN in x makes acc[i] NaN). */
void govidx__kernel_axpy(double *acc, const double *x, size_t n, double w);

/* --- CSV fields (csvfield.c) --------------------------------------------- */
/** s as one CSV field (RFC 4180: quoted when it holds , " CR or LF, quotes
 * doubled) into buf, which has room for 2 strlen(s) + 2 bytes; returns the
 * bytes written (no NUL). */
size_t govidx__csv_field(char *buf, const char *s);
/** The same field written to f. */
void govidx__csv_put_field(FILE *f, const char *s);

/* --- worker threads (workers.c) ------------------------------------------ */
#define GOVIDX__MAX_WORKERS 8
/** Threads for n_years independent years: the online CPUs, at most
 * GOVIDX__MAX_WORKERS and at most n_years. */
size_t govidx__worker_count(size_t n_years);
/** Threads for a computation inside one of n_years years run that way:
 *  the CPUs per year worker, at least 1 and at most GOVIDX__MAX_WORKERS. */
unsigned govidx__threads_per_year(size_t n_years);
/** Runs fn on each of n slots (the i-th at slots + i * size): slot 0 on the
 *  caller, the others on threads (at most GOVIDX__MAX_WORKERS in all); a
 *  slot whose thread cannot be started runs on the caller too.  Returns
 *  when every slot is done. */
void govidx__run_slots(void *(*fn)(void *), void *slots, size_t size, size_t n);

/* --- competition ranking (rank.c) ---------------------------------------- */
/** Bytes of scratch govidx__rank_u32 needs for n scores; 0 on overflow. */
size_t govidx__rank_scratch_bytes(size_t n);
/** Competition ranks of scores[0..n) (n <= UINT32_MAX, no Inf) into out;
 * NaN -> 0.  direction > 0: highest first.  scratch: rank_scratch_bytes(n). */
void govidx__rank_u32(uint32_t *out, const double *scores, size_t n, int direction, double rel_tol,
                      void *scratch);

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

/* --- UTF-8 (utf8.c) ---------------------------------------------------------- */
/** Offset of the first byte of s[0..n) that is not well-formed UTF-8, or
 * (size_t)-1 when all of it is. */
size_t govidx__utf8_invalid_at(const char *s, size_t n);

/* --- output files and writer locks (outfile.c) ---------------------------- */
#include <sys/types.h>
/** What `path` is as an output: 0 absent or a regular file (written through
 * a temporary and rename), 1 a character device or FIFO (written in place:
 * never renamed over), -1 anything else, e.g. a directory (error set). */
int govidx__output_kind(const char *path);
/** Mode for a file replacing `path`: the existing file's permission bits,
 * else 0666 less the process umask (as open(2) would give). */
mode_t govidx__output_mode(const char *path);
/** Take the advisory writer lock of `path`: flock(LOCK_EX) on the lock file
 * `.<name>.lock` beside it, waiting for other writers.  *fd to pass to
 * govidx__writer_unlock.  The lock file is left in place (removing it would
 * let two writers hold locks on different inodes). */
int govidx__writer_lock(const char *path, int *fd);
void govidx__writer_unlock(int fd);

#endif /* GOVIDX_INTERNAL_H */

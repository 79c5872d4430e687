/*
 * lib/prep/treat.c - outlier treatment and transforms (COINr Treat() default
 * rule: winsorise up to winmax points while |skew| > 2 and kurt > 3.5,
 * else the log_CT transform), counted the Handbook's way or COINr's
 * (winsorise() in COINr 1.1.14 R/treat.R).  docs/methods/prep.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "core/stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int over(const govidx_treat_options *o, double skew, double kurt)
{
    /* COINr check_SkewKurt fails only when BOTH limits are exceeded. */
    return fabs(skew) > o->skew_thresh && kurt > o->kurt_thresh;
}

static void name_of(char *buf, size_t len, const govidx_treat_options *o, size_t j)
{
    if (o->names && o->names[j])
        snprintf(buf, len, "indicator '%s'", o->names[j]); /* the caller's label */
    else
        snprintf(buf, len, "column %zu (0-based)", j);
}

/* The value of the extreme point on the skewed side and the next distinct
 * value inward (NaN if every value equals the extreme). */
static void extremes(const double *z, size_t n, int high, double *ext, double *next)
{
    *ext = NAN;
    *next = NAN;
    for (size_t i = 0; i < n; i++)
        if (!isnan(z[i]) && (isnan(*ext) || (high ? z[i] > *ext : z[i] < *ext)))
            *ext = z[i];
    for (size_t i = 0; i < n; i++)
        if (!isnan(z[i]) && z[i] != *ext && (isnan(*next) || (high ? z[i] > *next : z[i] < *next)))
            *next = z[i];
}

/* Winsorise z (n values, NaN missing) in place; *still: the thresholds are
 * still exceeded. */
static void winsorize(const govidx_treat_options *o, double *z, size_t n, int *still)
{
    size_t k = 0;
    /* COINr: sizes of the last high-side and last low-side steps */
    size_t last_hi = 0, last_lo = 0;
    double skew, kurt, ext, next;
    govidx__stat_skew_kurt(z, n, &skew, &kurt);
    while (over(o, skew, kurt) && k < o->winmax) {
        if (o->count == GOVIDX_TREAT_COUNT_COINR) {
            /* every value tied at the extreme takes the next value inward at
             * once (COINr: skew >= 0 is the high side) */
            int high = skew >= 0;
            size_t ties = 0;
            extremes(z, n, high, &ext, &next);
            if (isnan(next))
                break;
            for (size_t i = 0; i < n; i++)
                if (z[i] == ext) {
                    z[i] = next;
                    ties++;
                }
            if (high)
                last_hi = ties;
            else
                last_lo = ties;
            /* COINr: nwin <- sum(length(imax) + length(imin)), not cumulative */
            k = last_hi + last_lo;
        } else {
            /* the most extreme point on the skewed side takes the next value inward */
            size_t at = n;
            extremes(z, n, skew > 0, &ext, &next);
            if (isnan(next))
                break;
            for (size_t i = 0; i < n && at == n; i++)
                if (z[i] == ext)
                    at = i;
            z[at] = next;
            k++;
        }
        govidx__stat_skew_kurt(z, n, &skew, &kurt);
    }
    *still = over(o, skew, kurt);
}

/* log(x + offset) (lambda 0) or the Box-Cox transform of x + offset;
 * `what` names it in the message. */
static int transform(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j, const char *what,
                     double lambda)
{
    char nb[128];
    for (size_t i = 0; i < n; i++) {
        double v = x[i] + o->offset;
        if (isnan(x[i])) {
            z[i] = NAN;
            continue;
        }
        if (!(v > 0)) {
            name_of(nb, sizeof nb, o, j);
            return govidx__fail(GOVIDX_EDOMAIN, "%s, row %zu (0-based): %s of %g (value %g + offset %g) is undefined", nb, i,
                                what, v, x[i], o->offset);
        }
        z[i] = lambda == 0 ? log(v) : (pow(v, lambda) - 1) / lambda;
    }
    return GOVIDX_OK;
}

/* The kernels: column j's values x (n rows) treated into z, which holds a
 * copy of x on entry; r: the column's report. */
static int k_none(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j,
                  govidx_treat_report *r)
{
    (void)o, (void)z, (void)x, (void)n, (void)j, (void)r;
    return GOVIDX_OK;
}

static int k_winsorize(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j,
                       govidx_treat_report *r)
{
    int still;
    (void)j;
    winsorize(o, z, n, &still);
    for (size_t i = 0; i < n; i++)
        r->n_winsorized += !isnan(x[i]) && z[i] != x[i];
    if (still && o->log_fallback) {
        /* revert and apply COINr log_CT: ln(x - min + 0.01 (max - min)) */
        double mn, mx;
        govidx__stat_range(x, n, &mn, &mx);
        for (size_t i = 0; i < n; i++)
            z[i] = log(x[i] - mn + 0.01 * (mx - mn));
        r->n_winsorized = 0;
        r->log_applied = 1;
    }
    return GOVIDX_OK;
}

static int k_log(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j,
                 govidx_treat_report *r)
{
    (void)r;
    return transform(o, z, x, n, j, "log", 0.0);
}

static int k_boxcox(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j,
                    govidx_treat_report *r)
{
    (void)r;
    return transform(o, z, x, n, j, "Box-Cox", o->lambda);
}

/* The registry of the treatment family: one row per spec name (the first
 * row of a method gives its canonical name; "winsorise", COINr's spelling
 * in shipped specs, is an alias), read by the spec parser (treat.method,
 * method.c), the name functions, the plan (prepare.c, through govidx_treat)
 * and `govidx compute --help`.  A row: name, enum, kernel, the spec keys it
 * reads beyond treat.method, capabilities (GOVIDX__CAP_*). */
#define TREAT_WINSOR "treat.winmax,treat.skew,treat.kurt,treat.count"
#define GOVIDX__TREAT_REGISTRY(X)                                                                       \
    X("none", GOVIDX_TREAT_NONE, k_none, "", 0)                                                         \
    X("winsorize", GOVIDX_TREAT_WINSORIZE, k_winsorize, TREAT_WINSOR, 0)                                \
    X("log", GOVIDX_TREAT_LOG, k_log, "", GOVIDX__CAP_TRANSFORM | GOVIDX__CAP_POSITIVE)                 \
    X("boxcox", GOVIDX_TREAT_BOXCOX, k_boxcox, "treat.lambda", GOVIDX__CAP_TRANSFORM | GOVIDX__CAP_POSITIVE) \
    X("winsorise", GOVIDX_TREAT_WINSORIZE, k_winsorize, TREAT_WINSOR, 0)

typedef struct treat_entry {
    govidx__method_row row;
    int (*kernel)(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j,
                  govidx_treat_report *r);
} treat_entry;
#define TREAT_ROW(name, method, kernel, params, caps) {{name, method, params, caps}, kernel},
static const treat_entry treat_registry[] = {GOVIDX__TREAT_REGISTRY(TREAT_ROW)};
#define TREAT_NAME(name, method, kernel, params, caps) {name, method},
static const govidx__name treat_name_table[] = {GOVIDX__TREAT_REGISTRY(TREAT_NAME)};
GOVIDX__NAMES(govidx__treat_names, "treatment method", treat_name_table);

GOVIDX__NAME_FUNCTIONS(govidx_treat_method, govidx_treat_method, govidx__treat_names)

static const treat_entry *treat_entry_of(int method)
{
    size_t k;
    for (k = 0; k < sizeof treat_registry / sizeof treat_registry[0]; k++)
        if (treat_registry[k].row.value == method)
            return &treat_registry[k];
    return NULL;
}

const govidx__method_row *govidx__treat_row(int method)
{
    const treat_entry *e = treat_entry_of(method);
    return e ? &e->row : &govidx__no_method_row;
}

static const govidx_treat_options treat_options_defaults = GOVIDX_TREAT_OPTIONS_INIT;
static const size_t treat_options_sizes[2] = {GOVIDX__END(govidx_treat_options, names),
                                              GOVIDX__END(govidx_treat_options, count)};
static const govidx__versioned treat_options_versions = {"treatment options", 2, treat_options_sizes,
                                                         &treat_options_defaults};

int govidx_treat_options_init(govidx_treat_options *opts, unsigned version)
{
    return govidx__versioned_init(&treat_options_versions, opts, version);
}

int govidx_treat(govidx_matrix out, uint8_t *flags, govidx_treat_report *report, govidx_matrix_view in,
                 const govidx_treat_options *opt)
{
    govidx_treat_options copy;
    const govidx_treat_options *o = &copy;
    const treat_entry *e;
    int rc = govidx__versioned_read(&treat_options_versions, &copy, opt);
    if (rc)
        return rc;
    e = treat_entry_of(o->method);
    if (!e || (unsigned)o->count > GOVIDX_TREAT_COUNT_COINR || !(o->skew_thresh >= 0) || isnan(o->kurt_thresh) ||
        !isfinite(o->lambda) || !isfinite(o->offset))
        return govidx__fail(GOVIDX_EINVAL, "invalid treatment options");
    rc = govidx__prep_check(out, in);
    if (rc)
        return rc;
    for (size_t j = 0; j < in.cols; j++) {
        const double *x = in.data + j * in.ld;
        double *z = out.data + j * out.ld;
        govidx_treat_report r = {0};
        memcpy(z, x, in.rows * sizeof *z);
        govidx__stat_skew_kurt(x, in.rows, &r.skew_before, &r.kurt_before);
        rc = e->kernel(o, z, x, in.rows, j, &r);
        if (rc)
            return rc;
        if (flags)
            for (size_t i = 0; i < in.rows; i++)
                if (!isnan(x[i]) && (z[i] != x[i] || r.log_applied || (e->row.caps & GOVIDX__CAP_TRANSFORM)))
                    flags[i + j * in.rows] |= GOVIDX_FLAG_TREATED;
        govidx__stat_skew_kurt(z, in.rows, &r.skew_after, &r.kurt_after);
        if (report)
            report[j] = r;
    }
    return GOVIDX_OK;
}

/* treat.count: the first name of a value is its canonical one */
static const govidx__name treat_count_table[] = {
    {"cumulative", GOVIDX_TREAT_COUNT_CUMULATIVE}, {"coinr", GOVIDX_TREAT_COUNT_COINR},
    {"handbook", GOVIDX_TREAT_COUNT_CUMULATIVE},
};
GOVIDX__NAMES(govidx__treat_count_names, "winsorisation count", treat_count_table);

GOVIDX__NAME_FUNCTIONS(govidx_treat_count, govidx_treat_count, govidx__treat_count_names)

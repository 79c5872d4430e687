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

static int transform(const govidx_treat_options *o, double *z, const double *x, size_t n, size_t j)
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
                                o->method == GOVIDX_TREAT_LOG ? "log" : "Box-Cox", v, x[i], o->offset);
        }
        z[i] = (o->method == GOVIDX_TREAT_LOG || o->lambda == 0) ? log(v) : (pow(v, o->lambda) - 1) / o->lambda;
    }
    return GOVIDX_OK;
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
    int rc = govidx__versioned_read(&treat_options_versions, &copy, opt);
    if (rc)
        return rc;
    if ((unsigned)o->method > GOVIDX_TREAT_BOXCOX || (unsigned)o->count > GOVIDX_TREAT_COUNT_COINR || !(o->skew_thresh >= 0) || isnan(o->kurt_thresh) ||
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
        if (o->method == GOVIDX_TREAT_WINSORIZE) {
            int still;
            winsorize(o, z, in.rows, &still);
            for (size_t i = 0; i < in.rows; i++)
                r.n_winsorized += !isnan(x[i]) && z[i] != x[i];
            if (still && o->log_fallback) {
                /* revert and apply COINr log_CT: ln(x - min + 0.01 (max - min)) */
                double mn, mx;
                govidx__stat_range(x, in.rows, &mn, &mx);
                for (size_t i = 0; i < in.rows; i++)
                    z[i] = log(x[i] - mn + 0.01 * (mx - mn));
                r.n_winsorized = 0;
                r.log_applied = 1;
            }
        } else if (o->method != GOVIDX_TREAT_NONE) {
            rc = transform(o, z, x, in.rows, j);
            if (rc)
                return rc;
        }
        if (flags)
            for (size_t i = 0; i < in.rows; i++)
                if (!isnan(x[i]) && (z[i] != x[i] || r.log_applied || o->method > GOVIDX_TREAT_WINSORIZE))
                    flags[i + j * in.rows] |= GOVIDX_FLAG_TREATED;
        govidx__stat_skew_kurt(z, in.rows, &r.skew_after, &r.kurt_after);
        if (report)
            report[j] = r;
    }
    return GOVIDX_OK;
}

/* Spec names (method.h): the single table of the parser, the name functions
 * and --help.  "winsorise" (COINr's spelling, in shipped specs) is an alias. */
static const govidx__name treat_name_table[] = {
    {"none", GOVIDX_TREAT_NONE}, {"winsorize", GOVIDX_TREAT_WINSORIZE}, {"log", GOVIDX_TREAT_LOG},
    {"boxcox", GOVIDX_TREAT_BOXCOX}, {"winsorise", GOVIDX_TREAT_WINSORIZE},
};
GOVIDX__NAMES(govidx__treat_names, "treatment method", treat_name_table);

GOVIDX__NAME_FUNCTIONS(govidx_treat_method, govidx_treat_method, govidx__treat_names)

/* treat.count: the first name of a value is its canonical one */
static const govidx__name treat_count_table[] = {
    {"cumulative", GOVIDX_TREAT_COUNT_CUMULATIVE}, {"coinr", GOVIDX_TREAT_COUNT_COINR},
    {"handbook", GOVIDX_TREAT_COUNT_CUMULATIVE},
};
GOVIDX__NAMES(govidx__treat_count_names, "winsorisation count", treat_count_table);

GOVIDX__NAME_FUNCTIONS(govidx_treat_count, govidx_treat_count, govidx__treat_count_names)

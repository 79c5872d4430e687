/*
 * lib/prepare.c - per-indicator imputation, outlier treatment and
 * normalisation, as the plan applies them (see docs/methods.md).
 * SPDX-License-Identifier: MIT
 */
#include "prepare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ------------------------------------------------------------------------ */
/* resolving                                                                 */

static const char *const norm_names[] = {"minmax", "goalpost", "zscore", "zscore-minmax", "target", "best",
                                         "rank", "percentile", "stdrank", "vector", "none"};
static const char *const treat_names[] = {"none", "winsorise", "log", "boxcox"};
static const char *const impute_names[] = {"none", "mean", "median", "group-mean", "group-median",
                                           "carry-forward", "carry-backward"};

static int name_index(const char *name, const char *const *names, size_t n, int *out)
{
    size_t i;
    for (i = 0; name && i < n; i++)
        if (!strcmp(name, names[i])) {
            *out = (int)i;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_EINVAL, "unknown method '%s'", name ? name : "(null)");
}

static double num(const govidx_method *m, const char *code, const char *key)
{
    return strtod(govidx_method_get(m, code, key), NULL);
}

int govidx__leaf_prep_resolve(govidx__leaf_prep *lp, const govidx_method *m, const char *code, int direction,
                              double goal_low, double goal_high, double target)
{
    int rc;
    memset(lp, 0, sizeof *lp);
    if ((rc = name_index(govidx_method_get(m, code, "normalize.method"), norm_names, 11, &lp->norm)) ||
        (rc = name_index(govidx_method_get(m, code, "treat.method"), treat_names, 4, &lp->treat)))
        return rc;
    lp->low = num(m, code, "normalize.low");
    lp->high = num(m, code, "normalize.high");
    lp->winmax = num(m, code, "treat.winmax");
    lp->skew_thresh = num(m, code, "treat.skew");
    lp->kurt_thresh = num(m, code, "treat.kurt");
    lp->lambda = num(m, code, "treat.lambda");
    lp->goal_low = goal_low;
    lp->goal_high = goal_high;
    lp->target = target;
    lp->direction = direction;
    if (!(lp->low < lp->high))
        return govidx__fail(GOVIDX_EINVAL, "normalize.low (%g) must be below normalize.high (%g)", lp->low,
                            lp->high);
    if (lp->winmax < 0 || lp->winmax != floor(lp->winmax))
        return govidx__fail(GOVIDX_EINVAL, "treat.winmax must be a whole number >= 0");
    if (lp->norm == GOVIDX__NORM_GOALPOST && !(goal_low < goal_high))
        return govidx__fail(GOVIDX_EINVAL, "goalpost normalisation needs goalposts low < high (has %g, %g)",
                            goal_low, goal_high);
    if (lp->norm == GOVIDX__NORM_TARGET && !(isfinite(target) && target > 0))
        return govidx__fail(GOVIDX_EINVAL, "distance to target needs a positive target (has %g)", target);
    return GOVIDX_OK;
}

void govidx__leaf_prep_clear(govidx__leaf_prep *lp)
{
    (void)lp; /* nothing owned yet; kept so the plan never depends on that */
}

int govidx__impute_kind(int *kind, const char *name)
{
    return name_index(name, impute_names, 7, kind);
}

int govidx__impute_needs_groups(int kind)
{
    return kind == GOVIDX__IMPUTE_GROUP_MEAN || kind == GOVIDX__IMPUTE_GROUP_MEDIAN;
}

/* ------------------------------------------------------------------------ */
/* statistics                                                                */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Mean or median of the non-missing values of x restricted to `mask`
 * (NULL = all); NaN when none.  `work` holds n doubles. */
static double centre(const double *x, size_t n, const int *groups, int group, int median, double *work)
{
    size_t i, k = 0;
    double s = 0;
    for (i = 0; i < n; i++)
        if (!isnan(x[i]) && (!groups || groups[i] == group)) {
            work[k++] = x[i];
            s += x[i];
        }
    if (k == 0)
        return NAN;
    if (!median)
        return s / (double)k;
    qsort(work, k, sizeof *work, cmp_double);
    return k % 2 ? work[k / 2] : 0.5 * (work[k / 2 - 1] + work[k / 2]);
}

int govidx__skew_kurt(const double *x, size_t n, double *skew, double *kurt)
{
    size_t i, k = 0;
    double mean = 0, m2 = 0, m3 = 0, m4 = 0, s, kd;
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            mean += x[i];
            k++;
        }
    if (k < 4)
        return GOVIDX_EMISSING;
    mean /= (double)k;
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            double d = x[i] - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
    if (!(m2 > 0))
        return GOVIDX_ENUMERIC;
    kd = (double)k;
    s = sqrt(m2 / (kd - 1));                          /* sample SD */
    *skew = kd / ((kd - 1) * (kd - 2)) * m3 / (s * s * s);
    *kurt = kd * (kd + 1) / ((kd - 1) * (kd - 2) * (kd - 3)) * m4 / (s * s * s * s) -
            3 * (kd - 1) * (kd - 1) / ((kd - 2) * (kd - 3));
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------------ */
/* imputation                                                                */

static double raw(const govidx_panel *p, size_t y, size_t u, size_t column, size_t den, int denominate)
{
    const govidx_matrix_view *v = &p->years[y];
    double x = v->data[u + column * v->ld];
    if (denominate && den != NONE && !isnan(x)) {
        double d = v->data[u + den * v->ld];
        x = isnan(d) ? NAN : x / d;
    }
    return x;
}

int govidx__impute_leaf(double *x, unsigned char *flags, size_t n, int kind, const govidx_panel *panel, size_t y,
                        size_t column, size_t den_column, int denominate, const int *groups)
{
    double *work, c = NAN;
    size_t i;
    if (kind == GOVIDX__IMPUTE_NONE)
        return GOVIDX_OK;
    if (kind == GOVIDX__IMPUTE_CARRY_FORWARD || kind == GOVIDX__IMPUTE_CARRY_BACKWARD) {
        for (i = 0; i < n; i++) {
            size_t t = y;
            double v = NAN;
            if (!isnan(x[i]))
                continue;
            if (kind == GOVIDX__IMPUTE_CARRY_FORWARD)
                while (t-- > 0 && isnan(v = raw(panel, t, i, column, den_column, denominate)))
                    ;
            else
                while (++t < panel->n_years && isnan(v = raw(panel, t, i, column, den_column, denominate)))
                    ;
            if (!isnan(v)) {
                x[i] = v;
                flags[i] |= GOVIDX_FLAG_IMPUTED;
            }
        }
        return GOVIDX_OK;
    }
    work = govidx__mallocarray(n, sizeof *work);
    if (!work)
        return govidx__oom();
    if (kind == GOVIDX__IMPUTE_MEAN || kind == GOVIDX__IMPUTE_MEDIAN) {
        c = centre(x, n, NULL, 0, kind == GOVIDX__IMPUTE_MEDIAN, work);
        if (isnan(c)) {
            govidx__free(work);
            return govidx__fail(GOVIDX_EMISSING, "every unit is missing, nothing to impute from");
        }
    }
    /* group centres are computed from the observed values only */
    {
        double *obs = govidx__mallocarray(n, sizeof *obs);
        if (!obs) {
            govidx__free(work);
            return govidx__oom();
        }
        memcpy(obs, x, n * sizeof *obs);
        for (i = 0; i < n; i++) {
            double v = c;
            if (!isnan(obs[i]))
                continue;
            if (govidx__impute_needs_groups(kind)) {
                if (!groups || groups[i] < 0)
                    continue; /* no group: stays missing */
                v = centre(obs, n, groups, groups[i], kind == GOVIDX__IMPUTE_GROUP_MEDIAN, work);
            }
            if (!isnan(v)) {
                x[i] = v;
                flags[i] |= GOVIDX_FLAG_IMPUTED;
            }
        }
        govidx__free(obs);
    }
    govidx__free(work);
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------------ */
/* outlier treatment                                                         */

/* COINr's rule (Treat/winsorise/check_SkewKurt, COINr 1.1.14): the
 * indicator passes when |skew| < skew_thresh or kurtosis < kurt_thresh;
 * otherwise the most extreme point on the side of the skew takes the value
 * of the next one inward, one point at a time, up to winmax points; if it
 * still fails, the original values are log-transformed instead (log_CT). */
static int passes(const double *x, size_t n, const govidx__leaf_prep *lp, double *skew)
{
    double s, k;
    int rc = govidx__skew_kurt(x, n, &s, &k);
    if (rc)
        return 1; /* fewer than 4 values or no spread: nothing to treat */
    *skew = s;
    return fabs(s) < lp->skew_thresh || k < lp->kurt_thresh;
}

static int log_ct(double *x, unsigned char *flags, size_t n, double skew)
{
    double lo = INFINITY, hi = -INFINITY, a;
    size_t i;
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
        }
    a = 0.01 * (hi - lo);
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            /* right skew: log of the distance above the minimum; left skew:
             * the mirror image, so the order of units is kept */
            x[i] = skew >= 0 ? log(x[i] - lo + a) : -log(hi - x[i] + a);
            flags[i] |= GOVIDX_FLAG_TREATED;
        }
    return GOVIDX_OK;
}

static int winsorise(double *x, unsigned char *flags, size_t n, const govidx__leaf_prep *lp)
{
    double skew = 0, *orig;
    unsigned char *oflags;
    size_t w, i;
    if (passes(x, n, lp, &skew))
        return GOVIDX_OK;
    orig = govidx__mallocarray(n, sizeof *orig);
    oflags = govidx__malloc(n);
    if (!orig || !oflags) {
        govidx__free(orig);
        govidx__free(oflags);
        return govidx__oom();
    }
    memcpy(orig, x, n * sizeof *x);
    memcpy(oflags, flags, n);
    for (w = 0; w < (size_t)lp->winmax; w++) {
        size_t ext = NONE;
        double next = NAN;
        int high = skew > 0;
        for (i = 0; i < n; i++) /* the most extreme point on the skewed side */
            if (!isnan(x[i]) && (ext == NONE || (high ? x[i] > x[ext] : x[i] < x[ext])))
                ext = i;
        for (i = 0; i < n; i++) /* the next value inward (ties count: equal values) */
            if (!isnan(x[i]) && i != ext && (isnan(next) || (high ? x[i] > next : x[i] < next)))
                next = x[i];
        if (ext == NONE || isnan(next))
            break;
        x[ext] = next;
        flags[ext] |= GOVIDX_FLAG_TREATED;
        if (passes(x, n, lp, &skew))
            break;
    }
    if (!passes(x, n, lp, &skew)) {
        double s0 = 0, k0;
        memcpy(x, orig, n * sizeof *x);
        memcpy(flags, oflags, n);
        govidx__skew_kurt(x, n, &s0, &k0);
        log_ct(x, flags, n, s0);
    }
    govidx__free(orig);
    govidx__free(oflags);
    return GOVIDX_OK;
}

static int treat(const govidx__leaf_prep *lp, double *x, unsigned char *flags, size_t n)
{
    size_t i;
    switch (lp->treat) {
    case GOVIDX__TREAT_NONE:
        return GOVIDX_OK;
    case GOVIDX__TREAT_WINSORISE:
        return winsorise(x, flags, n, lp);
    default: /* log and Box-Cox need positive values */
        for (i = 0; i < n; i++) {
            if (isnan(x[i]))
                continue;
            if (!(x[i] > 0))
                return govidx__fail(GOVIDX_EDOMAIN, "%s transform of %g (unit %zu): values must be > 0",
                                    lp->treat == GOVIDX__TREAT_LOG ? "log" : "Box-Cox", x[i], i + 1);
        }
        for (i = 0; i < n; i++)
            if (!isnan(x[i])) {
                x[i] = (lp->treat == GOVIDX__TREAT_LOG || lp->lambda == 0) ? log(x[i])
                                                                           : (pow(x[i], lp->lambda) - 1) / lp->lambda;
                flags[i] |= GOVIDX_FLAG_TREATED;
            }
        return GOVIDX_OK;
    }
}

/* ------------------------------------------------------------------------ */
/* normalisation                                                             */

typedef struct keyed {
    double v;
    size_t i;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    double x = ((const keyed *)a)->v, y = ((const keyed *)b)->v;
    return (x > y) - (x < y);
}

/* Ascending ranks, ties = min ("1224"), of the non-missing values; the
 * number ranked is returned in *k. */
static int min_ranks(const double *x, size_t n, double *rank, size_t *k_out)
{
    keyed *kv = govidx__mallocarray(n, sizeof *kv);
    size_t i, k = 0;
    if (!kv)
        return govidx__oom();
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            kv[k].v = x[i];
            kv[k++].i = i;
        }
    qsort(kv, k, sizeof *kv, cmp_keyed);
    for (i = 0; i < k; i++)
        rank[kv[i].i] = (i > 0 && kv[i].v == kv[i - 1].v) ? rank[kv[i - 1].i] : (double)(i + 1);
    govidx__free(kv);
    *k_out = k;
    return GOVIDX_OK;
}

static int normalise(const govidx__leaf_prep *lp, const double *x, double *z, size_t n)
{
    double lo = INFINITY, hi = -INFINITY, sum = 0, sum2 = 0, span = lp->high - lp->low;
    size_t i, k = 0;
    int d = lp->direction, rc;
    for (i = 0; i < n; i++)
        if (!isnan(x[i])) {
            lo = x[i] < lo ? x[i] : lo;
            hi = x[i] > hi ? x[i] : hi;
            sum += x[i];
            sum2 += x[i] * x[i];
            k++;
        }
    for (i = 0; i < n; i++)
        z[i] = NAN;
    if (k == 0)
        return GOVIDX_OK; /* all missing: all missing (the node skips it) */
    switch (lp->norm) {
    case GOVIDX__NORM_MINMAX:
        if (!(hi > lo))
            return govidx__fail(GOVIDX_ENUMERIC, "has zero variance (every unit is %g): min-max is undefined", lo);
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                z[i] = lp->low + span * (d > 0 ? x[i] - lo : hi - x[i]) / (hi - lo);
        return GOVIDX_OK;
    case GOVIDX__NORM_GOALPOST:
        for (i = 0; i < n; i++)
            if (!isnan(x[i])) {
                double t = (d > 0 ? x[i] - lp->goal_low : lp->goal_high - x[i]) / (lp->goal_high - lp->goal_low);
                z[i] = lp->low + span * (t < 0 ? 0 : t > 1 ? 1 : t);
            }
        return GOVIDX_OK;
    case GOVIDX__NORM_ZSCORE:
    case GOVIDX__NORM_ZSCORE_MINMAX: {
        double mean = sum / (double)k, var = 0;
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                var += (x[i] - mean) * (x[i] - mean);
        if (k < 2 || !(var > 0))
            return govidx__fail(GOVIDX_ENUMERIC, "has zero variance: z-scores are undefined");
        var = sqrt(var / (double)(k - 1));
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                z[i] = d * (x[i] - mean) / var;
        return GOVIDX_OK;
    }
    case GOVIDX__NORM_TARGET:
        for (i = 0; i < n; i++)
            if (!isnan(x[i])) {
                double t;
                if (d < 0 && !(x[i] > 0))
                    return govidx__fail(GOVIDX_EDOMAIN, "distance to target of a lower-is-better value %g "
                                        "(unit %zu) needs values > 0", x[i], i + 1);
                t = d > 0 ? x[i] / lp->target : lp->target / x[i];
                z[i] = lp->low + span * (t > 1 ? 1 : t);
            }
        return GOVIDX_OK;
    case GOVIDX__NORM_BEST:
        if (d > 0 ? !(hi > 0) : !(lo > 0))
            return govidx__fail(GOVIDX_EDOMAIN, "distance to the best needs a positive best value");
        for (i = 0; i < n; i++)
            if (!isnan(x[i])) {
                if (d < 0 && !(x[i] > 0))
                    return govidx__fail(GOVIDX_EDOMAIN, "distance to the best of %g (unit %zu) needs values > 0",
                                        x[i], i + 1);
                z[i] = lp->low + span * (d > 0 ? x[i] / hi : lo / x[i]);
            }
        return GOVIDX_OK;
    case GOVIDX__NORM_RANK:
    case GOVIDX__NORM_PERCENTILE:
    case GOVIDX__NORM_STDRANK: {
        double *oriented = govidx__mallocarray(n, sizeof *oriented), max_rank = 0;
        if (!oriented)
            return govidx__oom();
        for (i = 0; i < n; i++)
            oriented[i] = isnan(x[i]) ? NAN : d * x[i];
        rc = min_ranks(oriented, n, z, &k);
        govidx__free(oriented);
        if (rc)
            return rc;
        for (i = 0; i < n; i++)
            if (!isnan(z[i]) && z[i] > max_rank)
                max_rank = z[i];
        for (i = 0; i < n; i++) {
            if (isnan(x[i]))
                continue;
            if (lp->norm == GOVIDX__NORM_PERCENTILE)
                z[i] = lp->low + span * (k > 1 ? (z[i] - 1) / (double)(k - 1) : 1);
            else if (lp->norm == GOVIDX__NORM_STDRANK)
                z[i] = lp->low + span * z[i] / max_rank;
        }
        return GOVIDX_OK;
    }
    case GOVIDX__NORM_VECTOR: {
        double norm = sqrt(sum2), rlo, rhi;
        if (!(norm > 0))
            return govidx__fail(GOVIDX_ENUMERIC, "is zero for every unit: vector normalisation is undefined");
        rlo = lo / norm;
        rhi = hi / norm;
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                z[i] = d > 0 ? x[i] / norm : rlo + rhi - x[i] / norm; /* reflected within its range */
        return GOVIDX_OK;
    }
    default: /* none: the raw value, negated for lower-is-better */
        for (i = 0; i < n; i++)
            if (!isnan(x[i]))
                z[i] = d * x[i];
        return GOVIDX_OK;
    }
}

int govidx__leaf_prep_apply(const govidx__leaf_prep *lp, double *z, unsigned char *flags, double *x, size_t n)
{
    int rc = treat(lp, x, flags, n);
    if (rc == GOVIDX_OK)
        rc = normalise(lp, x, z, n);
    return rc;
}

/* Population-weighted inequality measures, METHODS.md section 3.3 (Gini, Theil T/L with
 * exact group decomposition, Atkinson, CV).  Formulas follow Hale (UTIP) and Cowell,
 * "Measuring Inequality". */
#include <math.h>
#include <stdlib.h>
#include "govidx/inequality.h"
#include "core/internal.h"

/* Validate inputs; return total weight in *psum. */
static int check(const double *y, const double *p, size_t n, double *psum)
{
    if (!y || !p)
        return govidx__fail(GOVIDX_EINVAL, "inequality: values or weights are NULL");
    if (n == 0)
        return govidx__fail(GOVIDX_EDIM, "inequality: no elements");
    double s = 0.0, ysum = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(p[i]) || p[i] < 0.0)
            return govidx__fail(GOVIDX_EINVAL, "inequality: weight of element %zu is %g", i, p[i]);
        if (!isfinite(y[i]))
            return govidx__fail(GOVIDX_ENUMERIC, "inequality: value of element %zu is not finite", i);
        if (y[i] < 0.0)
            return govidx__fail(GOVIDX_EDOMAIN, "inequality: value of element %zu is negative (%g)",
                                i, y[i]);
        s += p[i];
        ysum += p[i] * y[i];
    }
    if (!(s > 0.0))
        return govidx__fail(GOVIDX_EINVAL, "inequality: weights sum to zero");
    if (!(ysum > 0.0))
        return govidx__fail(GOVIDX_EDOMAIN, "inequality: all weighted values are zero");
    *psum = s;
    return GOVIDX_OK;
}

GOVIDX__VERSIONS_1(ineq_options_versions, govidx_ineq_options, "inequality options", GOVIDX_INEQ_OPTIONS_INIT, floor);

int govidx_ineq_options_init(govidx_ineq_options *opts, unsigned version)
{
    return govidx__versioned_init(&ineq_options_versions, opts, version);
}

/* *out = the caller's options (NULL = defaults) at the library's layout. */
static int get_opts(const govidx_ineq_options *opt, govidx_ineq_options *out)
{
    int rc = govidx__versioned_read(&ineq_options_versions, out, opt);
    if (rc)
        return rc;
    if (out->allow_floor && !(out->floor > 0.0 && isfinite(out->floor)))
        return govidx__fail(GOVIDX_EINVAL, "inequality: floor %g must be positive", out->floor);
    return GOVIDX_OK;
}

/* Value used in logs: zeros floored (counted) or rejected. */
static int logval(double v, size_t i, const govidx_ineq_options *o, double *out, size_t *nfl)
{
    if (v > 0.0) {
        *out = v;
        return GOVIDX_OK;
    }
    if (!o->allow_floor)
        return govidx__fail(GOVIDX_EDOMAIN,
                            "inequality: value of element %zu is zero and no floor is allowed", i);
    (*nfl)++;
    *out = o->floor;
    return GOVIDX_OK;
}

int govidx_inequality_weighted_mean(double *mean, const double *y, const double *p, size_t n)
{
    double s;
    int rc = check(y, p, n, &s);
    if (rc)
        return rc;
    if (!mean)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        m += p[i] * y[i];
    *mean = m / s;
    return GOVIDX_OK;
}

struct ys {
    double y, s;
};

static int cmp_ys(const void *a, const void *b)
{
    double x = ((const struct ys *)a)->y, z = ((const struct ys *)b)->y;
    return (x > z) - (x < z);
}

int govidx_inequality_gini(double *gini, const double *y, const double *p, size_t n)
{
    double s, mean;
    int rc = govidx_inequality_weighted_mean(&mean, y, p, n);
    if (rc)
        return rc;
    if (!gini)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    check(y, p, n, &s);
    size_t bytes;
    if (!govidx__mul_ok(n, sizeof(struct ys), &bytes))
        return govidx__fail(GOVIDX_EDIM, "inequality: %zu elements overflow", n);
    struct ys *v = govidx__malloc(bytes);
    if (!v)
        return govidx__fail(GOVIDX_ENOMEM, "inequality: out of memory");
    for (size_t i = 0; i < n; i++) {
        v[i].y = y[i];
        v[i].s = p[i] / s;
    }
    qsort(v, n, sizeof *v, cmp_ys);
    /* Pairs (a,b) with a before b in sorted order contribute s_a s_b (y_b - y_a) twice. */
    double acc = 0.0, before = 0.0;
    for (size_t i = 0; i < n; i++) {
        acc += v[i].s * v[i].y * (2.0 * before + v[i].s - 1.0);
        before += v[i].s;
    }
    govidx__free(v);
    *gini = acc / mean;
    return GOVIDX_OK;
}

int govidx_inequality_cv(double *cv, const double *y, const double *p, size_t n)
{
    double s, mean;
    int rc = govidx_inequality_weighted_mean(&mean, y, p, n);
    if (rc)
        return rc;
    if (!cv)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    check(y, p, n, &s);
    double var = 0.0;
    for (size_t i = 0; i < n; i++)
        var += p[i] / s * (y[i] - mean) * (y[i] - mean);
    *cv = sqrt(var) / mean;
    return GOVIDX_OK;
}

/* Theil T or L of the elements with group[i] == g (all when group NULL); returns the group's
 * share of weight and mean via sg, mg. */
static int theil_sub(const double *y, const double *p, size_t n, const int *group, int g,
                     char kind, const govidx_ineq_options *o, double *val, double *sg,
                     double *mg, size_t *nfl)
{
    double w = 0.0, m = 0.0, acc = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (group && group[i] != g)
            continue;
        double v = 0.0;
        int rc = logval(y[i], i, o, &v, nfl);
        if (rc)
            return rc;
        w += p[i];
        m += p[i] * v;
    }
    m /= w;
    for (size_t i = 0; i < n; i++) {
        if (group && group[i] != g)
            continue;
        double v = y[i] > 0.0 ? y[i] : o->floor;
        acc += kind == 'T' ? p[i] * (v / m) * log(v / m) : p[i] * log(m / v);
    }
    *val = acc / w;
    *sg = w;
    *mg = m;
    return GOVIDX_OK;
}

static int theil(const double *y, const double *p, size_t n, char kind,
                 const govidx_ineq_options *opt, double *out, size_t *floored)
{
    double s, sg, mg;
    govidx_ineq_options o;
    size_t nfl = 0;
    int rc = check(y, p, n, &s);
    if (!rc)
        rc = get_opts(opt, &o);
    if (rc)
        return rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    rc = theil_sub(y, p, n, NULL, 0, kind, &o, out, &sg, &mg, &nfl);
    if (rc)
        return rc;
    if (floored)
        *floored = nfl;
    return GOVIDX_OK;
}

int govidx_inequality_theil_t(double *t, size_t *floored, const double *y, const double *p,
                              size_t n, const govidx_ineq_options *opt)
{
    return theil(y, p, n, 'T', opt, t, floored);
}

int govidx_inequality_theil_l(double *l, size_t *floored, const double *y, const double *p,
                              size_t n, const govidx_ineq_options *opt)
{
    return theil(y, p, n, 'L', opt, l, floored);
}

int govidx_inequality_atkinson(double *a, double *adjusted, size_t *floored, const double *y,
                               const double *p, size_t n, double eps,
                               const govidx_ineq_options *opt)
{
    double s;
    govidx_ineq_options o;
    size_t nfl = 0;
    int rc = check(y, p, n, &s);
    if (!rc)
        rc = get_opts(opt, &o);
    if (rc)
        return rc;
    if (!(eps >= 0.0 && isfinite(eps)))
        return govidx__fail(GOVIDX_EINVAL, "inequality: Atkinson epsilon %g must be >= 0", eps);
    if (!a)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    double mean = 0.0, acc = 0.0;
    for (size_t i = 0; i < n; i++) {
        double v = y[i];
        if (eps >= 1.0 && (rc = logval(y[i], i, &o, &v, &nfl)))
            return rc;
        mean += p[i] / s * v;
        acc += eps == 1.0 ? p[i] / s * log(v) : p[i] / s * pow(v, 1.0 - eps);
    }
    double ede = eps == 1.0 ? exp(acc) : pow(acc, 1.0 / (1.0 - eps)); /* equally distributed equivalent */
    *a = 1.0 - ede / mean;
    if (adjusted)
        *adjusted = ede;
    if (floored)
        *floored = nfl;
    return GOVIDX_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, z = *(const int *)b;
    return (x > z) - (x < z);
}

int govidx_inequality_theil_decompose(double *total, double *within, double *between,
                                      size_t *floored, const double *y, const double *p,
                                      const int *group, size_t n, char kind,
                                      const govidx_ineq_options *opt)
{
    double s, sg, mg, tot;
    govidx_ineq_options o;
    size_t nfl = 0;
    int rc = check(y, p, n, &s);
    if (!rc)
        rc = get_opts(opt, &o);
    if (rc)
        return rc;
    if (!group || (kind != 'T' && kind != 'L'))
        return govidx__fail(GOVIDX_EINVAL, "inequality: groups NULL or kind not 'T'/'L'");
    rc = theil_sub(y, p, n, NULL, 0, kind, &o, &tot, &sg, &mg, &nfl);
    if (rc)
        return rc;
    double mean = mg;
    size_t bytes;
    if (!govidx__mul_ok(n, sizeof(int), &bytes))
        return govidx__fail(GOVIDX_EDIM, "inequality: %zu elements overflow", n);
    int *labels = govidx__malloc(bytes);
    if (!labels)
        return govidx__fail(GOVIDX_ENOMEM, "inequality: out of memory");
    for (size_t i = 0; i < n; i++)
        labels[i] = group[i];
    qsort(labels, n, sizeof *labels, cmp_int);
    double w = 0.0, b = 0.0;
    size_t dummy = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && labels[k] == labels[k - 1])
            continue;
        double tg;
        theil_sub(y, p, n, group, labels[k], kind, &o, &tg, &sg, &mg, &dummy);
        if (!(sg > 0.0))
            continue; /* a group with zero population contributes nothing */
        double share = sg / s;
        if (kind == 'T') {
            w += share * (mg / mean) * tg;
            b += share * (mg / mean) * log(mg / mean);
        } else {
            w += share * tg;
            b += share * log(mean / mg);
        }
    }
    govidx__free(labels);
    if (total)
        *total = tot;
    if (within)
        *within = w;
    if (between)
        *between = b;
    if (floored)
        *floored = nfl;
    return GOVIDX_OK;
}

/* Share of the total sum p y held by the population between the cumulative
 * population shares lo and hi (units sorted by y ascending; a unit that
 * straddles a boundary contributes the part of its population inside). */
static double band_share(const struct ys *v, size_t n, double lo, double hi, double mean)
{
    double before = 0.0, acc = 0.0;
    size_t i;
    for (i = 0; i < n; i++) {
        double a = before, b = before + v[i].s;
        double l = a > lo ? a : lo, h = b < hi ? b : hi;
        if (h > l)
            acc += (h - l) * v[i].y;
        before = b;
    }
    return acc / mean;
}

int govidx_inequality_quantile_share(double *share, const double *y, const double *p, size_t n,
                                     double lo, double hi)
{
    double s, mean;
    struct ys *v;
    size_t i, bytes;
    int rc = govidx_inequality_weighted_mean(&mean, y, p, n);
    if (rc)
        return rc;
    if (!share)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    if (!(lo >= 0 && lo < hi && hi <= 1))
        return govidx__fail(GOVIDX_EINVAL, "quantile share: need 0 <= lo < hi <= 1 (got %g, %g)", lo, hi);
    if (!(mean > 0))
        return govidx__fail(GOVIDX_EDOMAIN, "quantile share: the total is 0");
    check(y, p, n, &s);
    if (!govidx__mul_ok(n, sizeof(struct ys), &bytes))
        return govidx__fail(GOVIDX_EDIM, "inequality: %zu elements overflow", n);
    v = govidx__malloc(bytes);
    if (!v)
        return govidx__oom();
    for (i = 0; i < n; i++) {
        v[i].y = y[i];
        v[i].s = p[i] / s;
    }
    qsort(v, n, sizeof *v, cmp_ys);
    *share = band_share(v, n, lo, hi, mean);
    govidx__free(v);
    return GOVIDX_OK;
}

int govidx_inequality_palma(double *palma, const double *y, const double *p, size_t n)
{
    double top, bottom;
    int rc;
    if (!palma)
        return govidx__fail(GOVIDX_EINVAL, "inequality: output is NULL");
    if ((rc = govidx_inequality_quantile_share(&top, y, p, n, 0.9, 1.0)) ||
        (rc = govidx_inequality_quantile_share(&bottom, y, p, n, 0.0, 0.4)))
        return rc;
    if (!(bottom > 0))
        return govidx__fail(GOVIDX_EDOMAIN, "Palma ratio: the bottom 40%% hold nothing");
    *palma = top / bottom;
    return GOVIDX_OK;
}

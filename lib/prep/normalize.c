/*
 * lib/prep/normalize.c - normalisation of an indicator matrix, column by column.
 * Formulas: OECD/JRC Handbook (2008) sec. 5 table 5; COINr Normalise()
 * (n_minmax, n_zscore, n_goalposts, n_dist2targ, n_rank, n_prank);
 * TOPSIS vector normalisation (Hwang & Yoon 1981).  docs/methods/prep.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "core/stats.h"

#include <math.h>
#include <stdio.h>

static const char *col_name(const char *const *names, size_t j, char *buf, size_t len)
{
    if (names && names[j])
        snprintf(buf, len, "indicator '%s'", names[j]); /* the caller's label */
    else
        snprintf(buf, len, "column %zu (0-based)", j);
    return buf;
}

/* Shape, overlap and finiteness checks shared by every prep function. */
int govidx__prep_check(govidx_matrix out, govidx_matrix_view in)
{
    int rc = govidx_matrix_check(in);
    if (rc)
        return rc;
    rc = govidx_matrix_check(govidx_matrix_const(out));
    if (rc)
        return rc;
    if (out.rows != in.rows || out.cols != in.cols)
        return govidx__fail(GOVIDX_EDIM, "output is %zux%zu, input %zux%zu", out.rows, out.cols, in.rows,
                            in.cols);
    const char *ib = (const char *)in.data, *ie = (const char *)(in.data + (in.cols - 1) * in.ld + in.rows);
    const char *ob = (const char *)out.data, *oe = (const char *)(out.data + (out.cols - 1) * out.ld + out.rows);
    if (ib < oe && ob < ie)
        return govidx__fail(GOVIDX_EINVAL, "output overlaps the input");
    return govidx_matrix_check_finite(in, 1);
}

static int constant_column(const govidx_norm_options *o, double *z, const double *x, size_t n, size_t j,
                           double mid)
{
    char nb[128];
    if (o->constant != GOVIDX_NORM_CONSTANT_MIDPOINT) {
        /* say what the column holds, so the user sees why (one unit left,
         * a question every unit scored the same) */
        size_t present = 0, i;
        double v = NAN;
        for (i = 0; i < n; i++)
            if (!isnan(x[i]) && present++ == 0)
                v = x[i];
        return govidx__fail(GOVIDX_ENUMERIC, "%s has zero variance (its %zu present value%s %s %.15g)",
                            col_name(o->names, j, nb, sizeof nb), present, present == 1 ? "" : "s",
                            present == 1 ? "is" : "are all", v);
    }
    for (size_t i = 0; i < n; i++)
        z[i] = isnan(x[i]) ? NAN : mid;
    return GOVIDX_OK;
}

/* What every kernel sees of one column: the options, the column x and its
 * output z (n rows), its index j, its direction and the scale, the range of
 * its present values (m of them) and a scratch index (2 n). */
typedef struct norm_col {
    const govidx_norm_options *o;
    double *z;
    const double *x;
    size_t n, j, m;
    size_t *idx;
    int dir;
    double lo, hi, mn, mx;
} norm_col;

/* The kernels' bodies read the column's fields under their short names. */
#define NORM_COL_FIELDS(c)                                                                 \
    const govidx_norm_options *o = (c)->o;                                                \
    double *z = (c)->z;                                                                    \
    const double *x = (c)->x;                                                              \
    size_t n = (c)->n, j = (c)->j, m = (c)->m, *idx = (c)->idx;                            \
    int dir = (c)->dir;                                                                    \
    double lo = (c)->lo, hi = (c)->hi, mn = (c)->mn, mx = (c)->mx;                         \
    char nb[128];                                                                          \
    (void)o, (void)z, (void)x, (void)n, (void)j, (void)m, (void)idx, (void)dir, (void)lo, (void)hi, \
        (void)mn, (void)mx, (void)nb

static int k_none(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    for (size_t i = 0; i < n; i++)
        z[i] = dir * x[i];
    return GOVIDX_OK;
}

static int k_minmax(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (!(mx > mn))
        return constant_column(o, z, x, n, j, 0.5 * (lo + hi));
    for (size_t i = 0; i < n; i++)
        z[i] = lo + (hi - lo) * (dir > 0 ? x[i] - mn : mx - x[i]) / (mx - mn);
    return GOVIDX_OK;
}

static int k_goalpost(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (!o->goal_lo || !o->goal_hi)
        return govidx__fail(GOVIDX_EINVAL, "goalpost normalisation needs goal_lo and goal_hi");
    double L = o->goal_lo[j], U = o->goal_hi[j];
    if (!isfinite(L) || !isfinite(U) || !(U > L))
        return govidx__fail(GOVIDX_EINVAL, "%s: goalposts [%g, %g] need finite L < U",
                            col_name(o->names, j, nb, sizeof nb), L, U);
    for (size_t i = 0; i < n; i++) {
        double t = (dir > 0 ? x[i] - L : U - x[i]) / (U - L);
        t = t < 0 ? 0 : t > 1 ? 1 : t; /* NaN passes through both tests */
        z[i] = lo + (hi - lo) * t;
    }
    return GOVIDX_OK;
}

static int k_zscore(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    double mean = o->ref_mean ? o->ref_mean[j] : govidx__stat_mean(x, n, NULL);
    double sd = o->ref_sd ? o->ref_sd[j] : govidx__stat_sd(x, n);
    if (!isfinite(mean) || (o->ref_sd && !(sd > 0 && isfinite(sd))))
        return govidx__fail(GOVIDX_EINVAL, "%s: reference mean/sd invalid", col_name(o->names, j, nb, sizeof nb));
    if (!(sd > 0))
        return constant_column(o, z, x, n, j, 0.0);
    for (size_t i = 0; i < n; i++)
        z[i] = dir * (x[i] - mean) / sd;
    return GOVIDX_OK;
}

static int k_target(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (!o->targets || !isfinite(o->targets[j]) || o->targets[j] == 0)
        return govidx__fail(GOVIDX_EINVAL, "%s: distance to target needs a finite non-zero target",
                            col_name(o->names, j, nb, sizeof nb));
    double t = o->targets[j];
    for (size_t i = 0; i < n; i++) {
        if (dir < 0 && !isnan(x[i]) && !(x[i] > 0))
            return govidx__fail(GOVIDX_EDOMAIN, "%s, row %zu (0-based): target/x needs x > 0 (x = %g)",
                                col_name(o->names, j, nb, sizeof nb), i, x[i]);
        z[i] = dir > 0 ? x[i] / t : t / x[i];
    }
    return GOVIDX_OK;
}

static int k_dist2targ(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (!o->targets || !isfinite(o->targets[j]))
        return govidx__fail(GOVIDX_EINVAL, "%s: dist2targ needs a finite target", col_name(o->names, j, nb, sizeof nb));
    double t = o->targets[j];
    if (dir > 0 ? !(t > mn) : !(t < mx))
        return govidx__fail(GOVIDX_EINVAL, "%s: target %g must lie %s the data (min %g, max %g)",
                            col_name(o->names, j, nb, sizeof nb), t, dir > 0 ? "above the min of" : "below the max of",
                            mn, mx);
    for (size_t i = 0; i < n; i++) {
        double d = dir > 0 ? (x[i] - mn) / (t - mn) : (mx - x[i]) / (mx - t);
        z[i] = lo + (hi - lo) * (d > 1 ? 1 : d);
    }
    return GOVIDX_OK;
}

static int k_best(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (dir > 0 && !(mx > 0))
        return govidx__fail(GOVIDX_EDOMAIN, "%s: x/max needs max > 0", col_name(o->names, j, nb, sizeof nb));
    if (dir < 0 && !(mn > 0))
        return govidx__fail(GOVIDX_EDOMAIN, "%s: min/x needs all x > 0", col_name(o->names, j, nb, sizeof nb));
    for (size_t i = 0; i < n; i++)
        z[i] = dir > 0 ? x[i] / mx : mn / x[i];
    return GOVIDX_OK;
}

static int k_rank(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    govidx__stat_rank(z, x, n, dir < 0, 0, idx);
    return GOVIDX_OK;
}

static int k_percentile(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    if (m < 2 || !(mx > mn))
        return constant_column(o, z, x, n, j, 0.5 * (lo + hi));
    govidx__stat_rank(z, x, n, dir < 0, 1, idx);
    for (size_t i = 0; i < n; i++)
        z[i] = lo + (hi - lo) * (z[i] - 1) / (double)(m - 1);
    return GOVIDX_OK;
}

static int k_stdrank(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    govidx__stat_rank(z, x, n, dir < 0, 0, idx);
    double rmax = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(z[i]) && z[i] > rmax)
            rmax = z[i];
    for (size_t i = 0; i < n; i++)
        z[i] = lo + (hi - lo) * z[i] / rmax;
    return GOVIDX_OK;
}

static int k_vector(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            ss += x[i] * x[i];
    if (!(ss > 0))
        return constant_column(o, z, x, n, j, 0.0);
    for (size_t i = 0; i < n; i++)
        z[i] = dir * x[i] / sqrt(ss);
    return GOVIDX_OK;
}

static int k_zscore_minmax(const norm_col *c)
{
    NORM_COL_FIELDS(c);
    return govidx__fail(GOVIDX_EINVAL, "zscore-minmax rescales aggregates and is a plan method; "
                        "normalise indicators with GOVIDX_NORM_ZSCORE");
}

/* A row of the family's registry (below). */
typedef struct govidx__norm_entry {
    const char *name;
    govidx_norm_method method;
    int (*kernel)(const norm_col *c);
    const char *params; /* what it reads besides normalize.method, comma-separated */
    unsigned caps;      /* GOVIDX__NORM_* */
} govidx__norm_entry;
#define GOVIDX__NORM_LINEAR 1u               /* affine in x: contributions decompose */
#define GOVIDX__NORM_POSITIVE_IF_NEGATIVE 2u /* direction -1 needs x > 0 (GOVIDX_EDOMAIN) */
#define GOVIDX__NORM_PLAN_ONLY 4u            /* a plan method: govidx_normalize refuses it */
static const govidx__norm_entry *govidx__norm_entry_of(govidx_norm_method method);

static int norm_column(const govidx_norm_options *o, double *z, const double *x, size_t n, size_t j, size_t *idx)
{
    char nb[128];
    int dir = o->directions ? o->directions[j] : 1;
    double lo = o->lo, hi = o->hi, mn, mx;
    size_t m = govidx__stat_range(x, n, &mn, &mx);

    if (dir != 1 && dir != -1)
        return govidx__fail(GOVIDX_EINVAL, "%s: direction %d is not +1 or -1", col_name(o->names, j, nb, sizeof nb),
                            dir);
    if (m == 0 && o->method != GOVIDX_NORM_NONE && o->method != GOVIDX_NORM_GOALPOST &&
        o->method != GOVIDX_NORM_TARGET)
        return govidx__fail(GOVIDX_EMISSING, "%s has no values", col_name(o->names, j, nb, sizeof nb));

    {
        const norm_col c = {o, z, x, n, j, m, idx, dir, lo, hi, mn, mx};
        const govidx__norm_entry *e = govidx__norm_entry_of(o->method);
        if (e)
            return e->kernel(&c);
    }
    return govidx__fail(GOVIDX_EINVAL, "unknown normalisation method %d", (int)o->method);
}

/* The registry of the normalisation family: one row per spec name (the
 * first row of a method gives its canonical name), read by the spec parser
 * (normalize.method, method.c), the name functions, the plan (prepare.c,
 * through govidx_normalize) and `govidx compute --help`.  A row: name,
 * enum, kernel, the spec keys and indicator data it reads beyond
 * normalize.method, capabilities. */
#define NORM_SCALE "normalize.low,normalize.high"
#define GOVIDX__NORM_REGISTRY(X)                                                                     \
    X("minmax", GOVIDX_NORM_MINMAX, k_minmax, NORM_SCALE, GOVIDX__NORM_LINEAR)                      \
    X("goalpost", GOVIDX_NORM_GOALPOST, k_goalpost, NORM_SCALE ",goalposts", 0)                      \
    X("zscore", GOVIDX_NORM_ZSCORE, k_zscore, "", GOVIDX__NORM_LINEAR)                               \
    X("zscore-minmax", GOVIDX_NORM_ZSCORE_MINMAX, k_zscore_minmax, NORM_SCALE,                       \
      GOVIDX__NORM_LINEAR | GOVIDX__NORM_PLAN_ONLY)                                                  \
    X("target", GOVIDX_NORM_TARGET, k_target, "target", GOVIDX__NORM_POSITIVE_IF_NEGATIVE)           \
    X("dist2targ", GOVIDX_NORM_DIST2TARG, k_dist2targ, NORM_SCALE ",target", 0)                      \
    X("best", GOVIDX_NORM_BEST, k_best, "", GOVIDX__NORM_POSITIVE_IF_NEGATIVE)                       \
    X("rank", GOVIDX_NORM_RANK, k_rank, "", 0)                                                        \
    X("percentile", GOVIDX_NORM_PERCENTILE, k_percentile, NORM_SCALE, 0)                              \
    X("stdrank", GOVIDX_NORM_STDRANK, k_stdrank, NORM_SCALE, 0)                                       \
    X("vector", GOVIDX_NORM_VECTOR, k_vector, "", GOVIDX__NORM_LINEAR)                                \
    X("none", GOVIDX_NORM_NONE, k_none, "", GOVIDX__NORM_LINEAR)

#define NORM_ROW(name, method, kernel, params, caps) {name, method, kernel, params, caps},
static const govidx__norm_entry norm_registry[] = {GOVIDX__NORM_REGISTRY(NORM_ROW)};
#define NORM_NAME(name, method, kernel, params, caps) {name, method},
static const govidx__name norm_name_table[] = {GOVIDX__NORM_REGISTRY(NORM_NAME)};
GOVIDX__NAMES(govidx__norm_names, "normalisation method", norm_name_table);

static const govidx__norm_entry *govidx__norm_entry_of(govidx_norm_method method)
{
    size_t k;
    for (k = 0; k < sizeof norm_registry / sizeof norm_registry[0]; k++)
        if (norm_registry[k].method == method)
            return &norm_registry[k];
    return NULL;
}

GOVIDX__NAME_FUNCTIONS(govidx_norm_method, govidx_norm_method, govidx__norm_names)

GOVIDX__VERSIONS_1(norm_options_versions, govidx_norm_options, "normalisation options", GOVIDX_NORM_OPTIONS_INIT,
                   names);

int govidx_norm_options_init(govidx_norm_options *opts, unsigned version)
{
    return govidx__versioned_init(&norm_options_versions, opts, version);
}

int govidx_normalize(govidx_matrix out, govidx_matrix_view in, const govidx_norm_options *opt)
{
    govidx_norm_options copy;
    const govidx_norm_options *o = &copy;
    int rc = govidx__versioned_read(&norm_options_versions, &copy, opt);
    if (rc)
        return rc;
    if (!isfinite(o->lo) || !isfinite(o->hi) || !(o->hi > o->lo))
        return govidx__fail(GOVIDX_EINVAL, "normalisation scale [%g, %g] needs lo < hi", o->lo, o->hi);
    rc = govidx__prep_check(out, in);
    if (rc)
        return rc;
    size_t *idx = govidx__mallocarray(2 * in.rows, sizeof *idx);
    if (!idx)
        return govidx__oom();
    for (size_t j = 0; j < in.cols && rc == 0; j++)
        rc = norm_column(o, out.data + j * out.ld, in.data + j * in.ld, in.rows, j, idx);
    govidx__free(idx);
    return rc;
}

int govidx_normalize_rescale(govidx_matrix out, govidx_matrix_view in, double lo, double hi)
{
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.lo = lo;
    o.hi = hi;
    return govidx_normalize(out, in, &o);
}

int govidx_normalize_indicator_summary(govidx_indicator_stats *stats, govidx_matrix_view in,
                                       const uint8_t *flags)
{
    if (!stats)
        return govidx__fail(GOVIDX_EINVAL, "stats is NULL");
    int rc = govidx_matrix_check(in);
    if (!rc)
        rc = govidx_matrix_check_finite(in, 1);
    if (rc)
        return rc;
    for (size_t j = 0; j < in.cols; j++) {
        const double *x = in.data + j * in.ld;
        govidx_indicator_stats *s = &stats[j];
        s->mean = govidx__stat_mean(x, in.rows, &s->n);
        s->missing = (double)(in.rows - s->n) / (double)in.rows;
        s->sd = govidx__stat_sd(x, in.rows);
        govidx__stat_range(x, in.rows, &s->min, &s->max);
        govidx__stat_skew_kurt(x, in.rows, &s->skew, &s->kurt);
        s->n_treated = 0;
        if (flags)
            for (size_t i = 0; i < in.rows; i++)
                s->n_treated += (flags[i + j * in.rows] & GOVIDX_FLAG_TREATED) != 0;
    }
    return GOVIDX_OK;
}

/*
 * lib/composite/prepare.c - the per-indicator steps of the plan (imputation, outlier
 * treatment, normalisation), resolved from the method spec and applied
 * through the public matrix-level functions of impute.h, treat.h and
 * normalize.h on one indicator column at a time.
 * SPDX-License-Identifier: MIT
 */
#include "prepare.h"
#include "govidx/impute.h"
#include "govidx/normalize.h"
#include "govidx/treat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* The spec's method names are the families' own tables (normalize.c,
 * treat.c, impute.c); method.c has already checked them. */

static double num(const govidx_method *m, const char *code, const char *key)
{
    return strtod(govidx_method_get(m, code, key), NULL);
}

int govidx__leaf_prep_resolve(govidx__leaf_prep *lp, const govidx_method *m, const char *code, int direction,
                              double goal_low, double goal_high, double target)
{
    int rc;
    govidx_norm_method norm;
    govidx_treat_method treat;
    govidx_treat_count count;
    memset(lp, 0, sizeof *lp);
    if ((rc = govidx_norm_method_from_name(&norm, govidx_method_get(m, code, "normalize.method"))) ||
        (rc = govidx_treat_method_from_name(&treat, govidx_method_get(m, code, "treat.method"))) ||
        (rc = govidx_treat_count_from_name(&count, govidx_method_get(m, code, "treat.count"))))
        return rc;
    lp->count = (int)count;
    /* zscore-minmax is z-scores here; the plan rescales the aggregates */
    lp->norm = norm == GOVIDX_NORM_ZSCORE_MINMAX ? GOVIDX_NORM_ZSCORE : (int)norm;
    lp->treat = (int)treat;
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
    if (lp->winmax < 0 || lp->winmax != floor(lp->winmax) || lp->winmax > 1e6)
        return govidx__fail(GOVIDX_EINVAL, "treat.winmax must be a whole number >= 0");
    if (lp->norm == GOVIDX_NORM_GOALPOST && !(goal_low < goal_high))
        return govidx__fail(GOVIDX_EINVAL, "goalpost normalisation needs goalposts low < high (has %g, %g)",
                            goal_low, goal_high);
    if ((lp->norm == GOVIDX_NORM_TARGET || lp->norm == GOVIDX_NORM_DIST2TARG) && !isfinite(target))
        return govidx__fail(GOVIDX_EINVAL, "distance to target needs the indicator's target");
    return GOVIDX_OK;
}

void govidx__leaf_prep_clear(govidx__leaf_prep *lp)
{
    (void)lp; /* nothing owned; kept so the plan never depends on that */
}

/* The kinds are govidx_impute_method's values; their rows (impute.c) say
 * what each needs. */
int govidx__impute_kind(int *kind, const char *name)
{
    govidx_impute_method v;
    int rc = govidx_impute_method_from_name(&v, name);
    if (rc == GOVIDX_OK)
        *kind = (int)v;
    return rc;
}

int govidx__impute_needs_groups(int kind)
{
    return (govidx__impute_row(kind)->caps & GOVIDX__CAP_NEEDS_GROUP) != 0;
}

/* x (n values) as a one-column matrix view / writable matrix. */
static govidx_matrix_view col_view(const double *x, size_t n)
{
    return govidx_matrix_view_array(x, n, 1);
}

static int carry(double *x, unsigned char *flags, size_t n, int kind, const govidx_panel *panel, size_t y,
                 size_t column, size_t den_column, int denominate)
{
    size_t t, u, n_years = panel->n_years;
    int rc;
    /* the indicator's (denominated) column in every year, as one-column views */
    govidx_matrix_view *views = govidx__mallocarray(n_years, sizeof *views);
    double *cols = govidx__mallocarray(n_years, n * sizeof *cols), *out = govidx__mallocarray(n, sizeof *out);
    if (!views || !cols || !out) {
        govidx__free(views);
        govidx__free(cols);
        govidx__free(out);
        return govidx__oom();
    }
    for (t = 0; t < n_years; t++) {
        const govidx_matrix_view *v = &panel->years[t];
        double *c = cols + t * n;
        for (u = 0; u < n; u++) {
            c[u] = v->data[u + column * v->ld];
            if (denominate && den_column != NONE && !isnan(c[u])) {
                double d = v->data[u + den_column * v->ld];
                c[u] = isnan(d) ? NAN : c[u] / d;
            }
        }
        views[t] = col_view(t == y ? x : c, n); /* year y: the values as staged so far */
    }
    rc = govidx_impute_carry(govidx_matrix_array(out, n, 1), flags, views, n_years, y,
                             govidx__impute_row(kind)->caps & GOVIDX__CAP_FROM_LATER ? GOVIDX_CARRY_NEXT
                                                                                     : GOVIDX_CARRY_PREVIOUS);
    if (rc == GOVIDX_OK)
        memcpy(x, out, n * sizeof *x);
    govidx__free(views);
    govidx__free(cols);
    govidx__free(out);
    return rc;
}

int govidx__impute_leaf(double *x, unsigned char *flags, size_t n, int kind, const govidx_panel *panel, size_t y,
                        size_t column, size_t den_column, int denominate, const int *groups)
{
    govidx_impute_options o = GOVIDX_IMPUTE_OPTIONS_INIT;
    double *out;
    int rc;
    if (kind == GOVIDX_IMPUTE_NONE)
        return GOVIDX_OK;
    if (govidx__impute_row(kind)->caps & GOVIDX__CAP_ACROSS_YEARS)
        return carry(x, flags, n, kind, panel, y, column, den_column, denominate);
    out = govidx__mallocarray(n, sizeof *out);
    if (!out)
        return govidx__oom();
    o.method = (govidx_impute_method)kind;
    o.groups = groups;
    rc = govidx_impute(govidx_matrix_array(out, n, 1), flags, col_view(x, n), &o);
    if (rc == GOVIDX_OK)
        memcpy(x, out, n * sizeof *x);
    govidx__free(out);
    return rc;
}

int govidx__leaf_prep_apply(const govidx__leaf_prep *lp, double *z, unsigned char *flags, double *x, size_t n)
{
    int rc = GOVIDX_OK;
    size_t i, present = 0;
    for (i = 0; i < n; i++)
        present += !isnan(x[i]);
    if (present == 0) { /* all missing: all missing (the node skips it) */
        for (i = 0; i < n; i++)
            z[i] = NAN;
        return GOVIDX_OK;
    }
    if (lp->treat != GOVIDX_TREAT_NONE) {
        govidx_treat_options t = GOVIDX_TREAT_OPTIONS_INIT;
        t.method = (govidx_treat_method)lp->treat;
        t.skew_thresh = lp->skew_thresh;
        t.kurt_thresh = lp->kurt_thresh;
        t.winmax = (unsigned)lp->winmax;
        t.lambda = lp->lambda;
        t.count = (govidx_treat_count)lp->count;
        /* z is free until normalisation: treat x into it, then back */
        rc = govidx_treat(govidx_matrix_array(z, n, 1), flags, NULL, col_view(x, n), &t);
        if (rc)
            return rc;
        memcpy(x, z, n * sizeof *x);
    }
    {
        govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
        o.method = (govidx_norm_method)lp->norm;
        o.lo = lp->low;
        o.hi = lp->high;
        o.directions = &lp->direction;
        o.goal_lo = &lp->goal_low;
        o.goal_hi = &lp->goal_high;
        o.targets = &lp->target;
        rc = govidx_normalize(govidx_matrix_array(z, n, 1), col_view(x, n), &o);
    }
    return rc;
}

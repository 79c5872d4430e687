/*
 * lib/prep/impute.c - denomination and imputation of an indicator matrix.
 * Sources: OECD/JRC Handbook (2008) sec. 4 (unconditional mean/median
 * substitution, hot-deck by group); COINr Denominate() and Impute().
 * docs/methods/prep.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "core/stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void name_of(char *buf, size_t len, const char *const *names, size_t j)
{
    if (names && names[j])
        snprintf(buf, len, "indicator '%s'", names[j]); /* the caller's label */
    else
        snprintf(buf, len, "column %zu (0-based)", j);
}

int govidx_impute_denominate(govidx_matrix out, govidx_matrix_view in, govidx_matrix_view den,
                             const size_t *den_col, const char *const *names)
{
    char nb[128];
    int rc = govidx__prep_check(out, in);
    if (!rc)
        rc = govidx_matrix_check(den);
    if (!rc)
        rc = govidx_matrix_check_finite(den, 1);
    if (rc)
        return rc;
    if (den.rows != in.rows || (!den_col && den.cols != in.cols))
        return govidx__fail(GOVIDX_EDIM, "denominator is %zux%zu, input %zux%zu", den.rows, den.cols, in.rows,
                            in.cols);
    for (size_t j = 0; j < in.cols; j++) {
        size_t k = den_col ? den_col[j] : j;
        const double *x = in.data + j * in.ld;
        double *z = out.data + j * out.ld;
        if (k == (size_t)-1) {
            memcpy(z, x, in.rows * sizeof *z);
            continue;
        }
        if (k >= den.cols) {
            name_of(nb, sizeof nb, names, j);
            return govidx__fail(GOVIDX_EDIM, "%s: denominator column %zu of %zu", nb, k, den.cols);
        }
        const double *d = den.data + k * den.ld;
        for (size_t i = 0; i < in.rows; i++) {
            if (d[i] == 0) {
                name_of(nb, sizeof nb, names, j);
                return govidx__fail(GOVIDX_EDOMAIN, "%s, row %zu (0-based): denominator is zero", nb, i);
            }
            z[i] = x[i] / d[i]; /* NaN in either stays NaN */
        }
    }
    return GOVIDX_OK;
}

/* Mean or median of x over the rows whose group equals g (all rows when
 * groups is NULL); NaN when there is none.  buf holds n doubles. */
static double center(const double *x, size_t n, const int *groups, int g, int median, double *buf)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]) && (!groups || groups[i] == g))
            buf[m++] = x[i];
    if (m == 0)
        return NAN;
    if (median) {
        govidx__stat_sort(buf, m);
        return govidx__stat_median_sorted(buf, m);
    }
    return govidx__stat_mean(buf, m, NULL);
}

GOVIDX__VERSIONS_1(impute_options_versions, govidx_impute_options, "imputation options", GOVIDX_IMPUTE_OPTIONS_INIT,
                   names);

int govidx_impute_options_init(govidx_impute_options *opts, unsigned version)
{
    return govidx__versioned_init(&impute_options_versions, opts, version);
}

int govidx_impute(govidx_matrix out, uint8_t *flags, govidx_matrix_view in, const govidx_impute_options *opt)
{
    govidx_impute_options copy;
    const govidx_impute_options *o = &copy;
    char nb[128];
    int rc = govidx__versioned_read(&impute_options_versions, &copy, opt);
    if (rc)
        return rc;
    const govidx__method_row *e = govidx__impute_row(o->method);
    if (e->caps & GOVIDX__CAP_ACROSS_YEARS)
        return govidx__fail(GOVIDX_EINVAL, "%s carries values across years: use govidx_impute_carry",
                            govidx_impute_method_name(o->method));
    if (!e->name)
        return govidx__fail(GOVIDX_EINVAL, "unknown imputation method %d", (int)o->method);
    int grouped = (e->caps & GOVIDX__CAP_NEEDS_GROUP) != 0;
    int median = (e->caps & GOVIDX__CAP_MEDIAN) != 0;
    if (grouped && !o->groups)
        return govidx__fail(GOVIDX_EINVAL, "group imputation needs group labels");
    rc = govidx__prep_check(out, in);
    if (rc)
        return rc;
    double *buf = govidx__mallocarray(in.rows, sizeof *buf);
    if (!buf)
        return govidx__oom();
    for (size_t j = 0; j < in.cols; j++) {
        const double *x = in.data + j * in.ld;
        double *z = out.data + j * out.ld;
        memcpy(z, x, in.rows * sizeof *z);
        if (o->method == GOVIDX_IMPUTE_NONE)
            continue;
        double all = center(x, in.rows, NULL, 0, median, buf);
        if (isnan(all)) {
            govidx__free(buf);
            name_of(nb, sizeof nb, o->names, j);
            return govidx__fail(GOVIDX_EMISSING, "%s has no values to impute from", nb);
        }
        for (size_t i = 0; i < in.rows; i++) {
            if (!isnan(x[i]))
                continue;
            double v = grouped ? center(x, in.rows, o->groups, o->groups[i], median, buf) : all;
            z[i] = isnan(v) ? all : v; /* empty group: fall back to the column */
            if (flags)
                flags[i + j * in.rows] |= GOVIDX_FLAG_IMPUTED;
        }
    }
    govidx__free(buf);
    return GOVIDX_OK;
}

int govidx_impute_carry(govidx_matrix out, uint8_t *flags, const govidx_matrix_view *years, size_t nyears,
                        size_t year, govidx_carry how)
{
    if (!years || year >= nyears)
        return govidx__fail(GOVIDX_EINVAL, "year %zu of %zu (or years NULL)", year, nyears);
    if ((unsigned)how > GOVIDX_CARRY_BOTH)
        return govidx__fail(GOVIDX_EINVAL, "unknown carry direction %d", (int)how);
    govidx_matrix_view in = years[year];
    int rc = govidx__prep_check(out, in);
    if (rc)
        return rc;
    for (size_t y = 0; y < nyears; y++) {
        rc = govidx_matrix_check(years[y]);
        if (!rc)
            rc = govidx_matrix_check_finite(years[y], 1);
        if (rc)
            return govidx__fail_context(rc, "year %zu", y);
        if (years[y].rows != in.rows || years[y].cols != in.cols)
            return govidx__fail(GOVIDX_EDIM, "year %zu is %zux%zu, year %zu is %zux%zu", y, years[y].rows,
                                years[y].cols, year, in.rows, in.cols);
    }
    for (size_t j = 0; j < in.cols; j++)
        for (size_t i = 0; i < in.rows; i++) {
            double v = in.data[i + j * in.ld];
            if (!isnan(v)) {
                out.data[i + j * out.ld] = v;
                continue;
            }
            if (how != GOVIDX_CARRY_NEXT)
                for (size_t y = year; y-- > 0 && isnan(v);)
                    v = years[y].data[i + j * years[y].ld];
            if (how != GOVIDX_CARRY_PREVIOUS)
                for (size_t y = year + 1; y < nyears && isnan(v); y++)
                    v = years[y].data[i + j * years[y].ld];
            out.data[i + j * out.ld] = v;
            if (!isnan(v) && flags)
                flags[i + j * in.rows] |= GOVIDX_FLAG_IMPUTED;
        }
    return GOVIDX_OK;
}

/* The registry of the imputation family: one row per spec name, read by
 * the spec parser (impute.method, method.c), the name functions, the plan
 * (plan.c, prepare.c) and `govidx compute --help`.  A row: name, enum, the
 * spec keys it reads beyond impute.method, capabilities (GOVIDX__CAP_*).
 * The kernel is one for the family, read from the capabilities: the
 * column's mean or median (MEDIAN) of all units or of the unit's group
 * (NEEDS_GROUP) in govidx_impute, or the unit's nearest year
 * (ACROSS_YEARS, FROM_LATER) in govidx_impute_carry. */
#define GOVIDX__IMPUTE_REGISTRY(X)                                                                         \
    X("none", GOVIDX_IMPUTE_NONE, "", 0)                                                                   \
    X("mean", GOVIDX_IMPUTE_MEAN, "", 0)                                                                   \
    X("median", GOVIDX_IMPUTE_MEDIAN, "", GOVIDX__CAP_MEDIAN)                                              \
    X("group-mean", GOVIDX_IMPUTE_GROUP_MEAN, "impute.group", GOVIDX__CAP_NEEDS_GROUP)                     \
    X("group-median", GOVIDX_IMPUTE_GROUP_MEDIAN, "impute.group", GOVIDX__CAP_NEEDS_GROUP | GOVIDX__CAP_MEDIAN) \
    X("carry-forward", GOVIDX_IMPUTE_CARRY_FORWARD, "", GOVIDX__CAP_ACROSS_YEARS | GOVIDX__CAP_PLAN_ONLY)  \
    X("carry-backward", GOVIDX_IMPUTE_CARRY_BACKWARD, "",                                                  \
      GOVIDX__CAP_ACROSS_YEARS | GOVIDX__CAP_FROM_LATER | GOVIDX__CAP_PLAN_ONLY)

#define IMPUTE_ROW(name, method, params, caps) {name, method, params, caps},
static const govidx__method_row impute_registry[] = {GOVIDX__IMPUTE_REGISTRY(IMPUTE_ROW)};
#define IMPUTE_NAME(name, method, params, caps) {name, method},
static const govidx__name impute_name_table[] = {GOVIDX__IMPUTE_REGISTRY(IMPUTE_NAME)};
GOVIDX__NAMES(govidx__impute_names, "imputation method", impute_name_table);

const govidx__method_row *govidx__impute_row(int method)
{
    size_t k;
    for (k = 0; k < sizeof impute_registry / sizeof impute_registry[0]; k++)
        if (impute_registry[k].value == method)
            return &impute_registry[k];
    return &govidx__no_method_row;
}

static const govidx__name carry_name_table[] = {
    {"forward", GOVIDX_CARRY_PREVIOUS}, {"backward", GOVIDX_CARRY_NEXT}, {"both", GOVIDX_CARRY_BOTH},
};
GOVIDX__NAMES(govidx__carry_names, "carry direction", carry_name_table);

GOVIDX__NAME_FUNCTIONS(govidx_impute_method, govidx_impute_method, govidx__impute_names)

GOVIDX__NAME_FUNCTIONS(govidx_carry, govidx_carry, govidx__carry_names)

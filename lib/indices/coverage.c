/*
 * lib/indices/coverage.c - the coverage index of each city from its communities,
 * composed from the inequality module, for every city and year at once.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "composite/result_internal.h"
#include "core/fmtdouble.h"
#include "govidx/coverage.h"
#include "govidx/inequality.h"
#include "coverage_internal.h"

#include <math.h>
#include <string.h>

#define NONE ((size_t)-1)

/* The result's nodes (coverage.h documents them); direction of each rank. */
enum {
    N_LEVEL, N_LEVEL_UNW, N_GINI, N_THEIL_T, N_THEIL_W, N_THEIL_B, N_THEIL_L, N_ATKINSON, N_CV, N_CONTINUITY,
    N_WHITE, N_COMMUNITIES, N_POPULATION, N_FLOORED, N_ADJUSTED, N_NODES
};
static const char *const node_codes[N_NODES] = {
    "coverage.level",       "coverage.level_unweighted", "coverage.gini",        "coverage.theil_t",
    "coverage.theil_within", "coverage.theil_between",   "coverage.theil_l",     "coverage.atkinson",
    "coverage.cv",          "coverage.continuity",       "coverage.white_zones", "coverage.communities",
    "coverage.population",  "coverage.floored",          "coverage.adjusted"};
static const signed char node_direction[N_NODES] = {1, 1, -1, -1, -1, -1, -1, -1, -1, 1, -1, 0, 0, 0, 1};

static const govidx_coverage_options coverage_options_defaults = GOVIDX_COVERAGE_OPTIONS_INIT;
static const size_t coverage_options_sizes[2] = {GOVIDX__END(govidx_coverage_options, floor),
                                                 GOVIDX__END(govidx_coverage_options, n_exclude_districts)};
static const govidx__versioned coverage_options_versions = {"coverage options", 2, coverage_options_sizes,
                                                            &coverage_options_defaults};

int govidx_coverage_options_init(govidx_coverage_options *opts, unsigned version)
{
    return govidx__versioned_init(&coverage_options_versions, opts, version);
}

/* Measures of one city-year over its n communities: shares y, populations
 * p, parent groups g; v[N_NODES] receives the scores. */
static int measure(double *v, const double *y, const double *p, const int *g, size_t n,
                   const govidx_coverage_options *o)
{
    govidx_ineq_options io = GOVIDX_INEQ_OPTIONS_INIT;
    size_t i, white = 0, floored = 0;
    double sum = 0, pop = 0, above = 0, total_t;
    int rc;
    io.floor = o->floor;
    for (i = 0; i < n; i++) {
        sum += y[i];
        pop += p[i];
        above += y[i] >= o->theta ? p[i] : 0;
        white += y[i] == 0;
    }
    v[N_COMMUNITIES] = (double)n;
    v[N_POPULATION] = pop;
    v[N_WHITE] = (double)white;
    v[N_LEVEL_UNW] = sum / (double)n;
    v[N_CONTINUITY] = above / pop;
    if ((rc = govidx_inequality_weighted_mean(&v[N_LEVEL], y, p, n)) || (rc = govidx_inequality_gini(&v[N_GINI], y, p, n)) ||
        (rc = govidx_inequality_cv(&v[N_CV], y, p, n)))
        return rc;
    if (!(v[N_LEVEL] > 0)) { /* nobody covered: inequality is undefined, coverage is 0 */
        v[N_GINI] = v[N_CV] = v[N_THEIL_T] = v[N_THEIL_L] = v[N_THEIL_W] = v[N_THEIL_B] = NAN;
        v[N_ATKINSON] = NAN;
        v[N_ADJUSTED] = 0;
    } else {
        size_t f1 = 0, f2 = 0, f3 = 0;
        double adjusted;
        if ((rc = govidx_inequality_theil_decompose(&total_t, &v[N_THEIL_W], &v[N_THEIL_B], &f1, y,
                                                    p, g, n, 'T', &io)) ||
            (rc = govidx_inequality_theil_t(&v[N_THEIL_T], &f2, y, p, n, &io)) ||
            (rc = govidx_inequality_theil_l(&v[N_THEIL_L], NULL, y, p, n, &io)) ||
            (rc = govidx_inequality_atkinson(&v[N_ATKINSON], &adjusted, &f3, y, p, n, o->epsilon,
                                             &io)))
            return rc;
        floored = f2 > f3 ? f2 : f3;
        /* (1 - A) x the population-weighted level */
        v[N_ADJUSTED] = (1 - v[N_ATKINSON]) * v[N_LEVEL];
    }
    v[N_FLOORED] = (double)floored;
    return GOVIDX_OK;
}

static const char *district_code(const govidx_dataset *ds, size_t d)
{
    govidx_district di = GOVIDX_DISTRICT_INIT;
    return govidx_dataset_district(&di, ds, d) == GOVIDX_OK ? di.code : "?";
}

/* The codes of the three lowest shares (ties: district order), worst first. */
static int worst_labels(govidx_result *r, const govidx_dataset *ds, size_t u, size_t yi, const double *y,
                        const size_t *idx, size_t n)
{
    size_t pick[3], k, i, m = 0;
    const char *codes[3];
    for (k = 0; k < 3 && k < n; k++) {
        size_t best = NONE;
        for (i = 0; i < n; i++) {
            if ((k > 0 && i == pick[0]) || (k > 1 && i == pick[1]))
                continue;
            if (best == NONE || y[i] < y[best])
                best = i;
        }
        pick[m] = best;
        codes[m++] = district_code(ds, idx[best]);
    }
    return govidx__result_set_labels(r, GOVIDX_COVERAGE_WORST, u, yi, codes, m);
}

/* Provenance for runs: the index and its options. */
static int method_json(govidx_result *r, const govidx_coverage_options *o)
{
    govidx__buf b = {0};
    govidx__buf_printf(&b, "{\"index\":\"coverage\",\"variable\":\"");
    for (const char *s = o->variable; *s; s++) {
        if (*s == '"' || *s == '\\')
            govidx__buf_append(&b, "\\", 1);
        if ((unsigned char)*s >= 0x20)
            govidx__buf_append(&b, s, 1);
    }
    govidx__buf_printf(&b, "\",\"weight\":\"");
    for (const char *s = o->weight ? o->weight : "population"; *s; s++) {
        if (*s == '"' || *s == '\\')
            govidx__buf_append(&b, "\\", 1);
        if ((unsigned char)*s >= 0x20)
            govidx__buf_append(&b, s, 1);
    }
    { /* numbers as in the CSV: shortest round-trip */
        char eps[GOVIDX__SHORTEST_MAX], theta[GOVIDX__SHORTEST_MAX], flo[GOVIDX__SHORTEST_MAX];
        govidx__fmt_shortest(eps, o->epsilon);
        govidx__fmt_shortest(theta, o->theta);
        govidx__fmt_shortest(flo, o->floor);
        govidx__buf_printf(&b, "\",\"epsilon\":%s,\"theta\":%s,\"floor\":%s}", eps, theta, flo);
    }
    return govidx__buf_finish(&b, &r->method_json);
}

/* The districts resolved once for every year: each one's parent, whether
 * it has sub-districts, and each unit's districts in index order (a
 * counting sort), so the work is linear in the districts. */
typedef struct coverage_layout {
    size_t *parent;           /* parent district or NONE */
    unsigned char *has_child; /* 1 for a district with sub-districts */
    size_t *by_unit;          /* districts grouped by unit, in index order */
    size_t *start;            /* unit u's districts are by_unit[start[u] .. start[u + 1]) */
} coverage_layout;

static void layout_free(coverage_layout *l)
{
    govidx__free(l->parent);
    govidx__free(l->has_child);
    govidx__free(l->by_unit);
    govidx__free(l->start);
}

static int layout_build(coverage_layout *l, const govidx_dataset *ds, size_t n_units)
{
    size_t n_d = govidx_dataset_n_districts(ds), d, u, *unit;
    l->parent = govidx__mallocarray(n_d + 1, sizeof *l->parent);
    l->has_child = govidx__calloc(n_d + 1, 1);
    l->by_unit = govidx__mallocarray(n_d + 1, sizeof *l->by_unit);
    l->start = govidx__calloc(n_units + 2, sizeof *l->start);
    unit = govidx__mallocarray(n_d + 1, sizeof *unit);
    if (!l->parent || !l->has_child || !l->by_unit || !l->start || !unit) {
        govidx__free(unit);
        return govidx__oom();
    }
    for (d = 0; d < n_d; d++) {
        l->parent[d] = govidx_dataset_district_parent(ds, d);
        if (l->parent[d] != NONE)
            l->has_child[l->parent[d]] = 1;
        unit[d] = govidx_dataset_district_unit(ds, d);
        if (unit[d] < n_units)
            l->start[unit[d] + 2]++;
    }
    for (u = 0; u < n_units; u++)
        l->start[u + 2] += l->start[u + 1];
    for (d = 0; d < n_d; d++)
        if (unit[d] < n_units)
            l->by_unit[l->start[unit[d] + 1]++] = d;
    govidx__free(unit);
    return GOVIDX_OK;
}

/* One year: every city's communities, measures and worst communities. */
static int coverage_year(govidx_result *r, const govidx_dataset *ds, size_t yi, size_t var,
                         const coverage_layout *l, const govidx_coverage_options *o, double *ys, double *ps,
                         int *gs, size_t *idx, const govidx__coverage_select *sel, unsigned char *out)
{
    size_t n_units = r->n_units, u, d, n, k, i;
    int year = govidx_dataset_years(ds)[yi], rc = GOVIDX_OK;
    const double *pop = govidx_dataset_district_population(ds, yi);
    govidx_matrix_view v;
    if ((rc = govidx_dataset_district_values(&v, ds, yi)))
        return rc;
    if (!pop && sel->weight_var == NONE)
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district populations");
    if ((rc = govidx__coverage_left_out(out, sel, ds, v, year)))
        return rc;
    for (u = 0; u < n_units; u++) {
        double m[N_NODES];
        for (k = 0; k < N_NODES; k++)
            m[k] = NAN;
        m[N_COMMUNITIES] = 0;
        for (i = l->start[u], n = 0; i < l->start[u + 1]; i++) {
            double c, p;
            d = l->by_unit[i];
            c = v.data[d + var * v.ld];
            p = sel->weight_var == NONE ? pop[d] : v.data[d + sel->weight_var * v.ld];
            if (l->has_child[d] || out[d] || isnan(c) || isnan(p))
                continue;
            if (p < 0)
                return govidx__fail(GOVIDX_EDOMAIN, "coverage: district '%s' has %s %g in %d (must be >= 0)",
                                    district_code(ds, d), o->weight ? o->weight : "population", p, year);
            /* district variables in general need not be shares (docs/format.md) */
            if (c < 0 || c > 1)
                return govidx__fail(GOVIDX_EDOMAIN, "coverage: variable '%s' is not a share: district '%s' has %g "
                                    "in %d (coverage needs shares in [0, 1])",
                                    o->variable, district_code(ds, d), c, year);
            if (p == 0)
                continue;
            ys[n] = c;
            ps[n] = p;
            gs[n] = (int)(l->parent[d] == NONE ? d : l->parent[d]);
            idx[n++] = d;
        }
        if (n > 0 && ((rc = measure(m, ys, ps, gs, n, o)) || (rc = worst_labels(r, ds, u, yi, ys, idx, n))))
            return govidx__fail_context(rc, "coverage of '%s' in %d", govidx_dataset_unit_code(ds, u), year);
        if ((rc = govidx__coverage_left_out_labels(r, ds, out, l->by_unit + l->start[u], l->start[u + 1] - l->start[u],
                                                   u, yi, sel->include_name)))
            return rc;
        for (k = 0; k < N_NODES; k++)
            r->scores[GOVIDX__CELL(r, u, yi, k)] = m[k];
    }
    return GOVIDX_OK;
}

int govidx_coverage_compute(govidx_result **out, const govidx_dataset *ds, const govidx_coverage_options *opts)
{
    govidx_coverage_options o;
    govidx_result *r = NULL;
    size_t n_units, n_years, n_d, var, k;
    coverage_layout layout = {0};
    govidx__coverage_select sel;
    unsigned char *out_d = NULL;
    double *ys = NULL, *ps = NULL;
    int *gs = NULL, rc;
    size_t *idx = NULL;
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "govidx_coverage_compute: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&coverage_options_versions, &o, opts)))
        return rc;
    if (!o.variable && !(o.variable = govidx__coverage_first_variable(ds, &o)))
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: the dataset has no district variable");
    if (!(o.epsilon >= 0) || !isfinite(o.epsilon) || !(o.theta >= 0 && o.theta <= 1) || !(o.floor > 0))
        return govidx__fail(GOVIDX_EINVAL, "coverage: epsilon must be >= 0, theta in [0, 1], floor > 0");
    if (govidx_dataset_find_district_var(&var, ds, o.variable) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district variable '%s'", o.variable);
    if ((rc = govidx__coverage_select_init(&sel, ds, &o)))
        return rc;
    n_units = govidx_dataset_n_units(ds);
    n_years = govidx_dataset_n_years(ds);
    n_d = govidx_dataset_n_districts(ds);
    if ((rc = govidx__result_alloc(&r, n_units, n_years, N_NODES, 1, 0))) {
        govidx__coverage_select_free(&sel);
        return rc;
    }
    out_d = govidx__calloc(n_d + 1, 1);
    ys = govidx__mallocarray(n_d + 1, sizeof *ys);
    ps = govidx__mallocarray(n_d + 1, sizeof *ps);
    gs = govidx__mallocarray(n_d + 1, sizeof *gs);
    idx = govidx__mallocarray(n_d + 1, sizeof *idx);
    if (!ys || !ps || !gs || !idx || !out_d) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < n_units; k++)
        if (!(r->unit_codes[k] = govidx__strdup(govidx_dataset_unit_code(ds, k)))) {
            rc = govidx__oom();
            goto done;
        }
    for (k = 0; k < n_years; k++)
        r->years[k] = govidx_dataset_years(ds)[k];
    for (k = 0; k < N_NODES && rc == GOVIDX_OK; k++) {
        if (!(r->node_codes[k] = govidx__strdup(node_codes[k])))
            rc = govidx__oom();
        else
            rc = govidx__result_set_direction(r, k, node_direction[k]);
        r->is_leaf[k] = k != N_ADJUSTED;
    }
    if (rc || (rc = method_json(r, &o)))
        goto done;
    if ((rc = layout_build(&layout, ds, n_units)))
        goto done;
    for (k = 0; k < n_years && rc == GOVIDX_OK; k++)
        rc = coverage_year(r, ds, k, var, &layout, &o, ys, ps, gs, idx, &sel, out_d);
done:
    layout_free(&layout);
    govidx__coverage_select_free(&sel);
    govidx__free(out_d);
    govidx__free(ys);
    govidx__free(ps);
    govidx__free(gs);
    govidx__free(idx);
    if (rc)
        govidx_result_free(r);
    else
        *out = r;
    return rc;
}

/*
 * lib/coverage.c - the coverage index of each city from its communities,
 * composed from the inequality module.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "govidx/coverage.h"
#include "govidx/inequality.h"

#include <math.h>
#include <string.h>

#define NONE ((size_t)-1)

static void set_missing(govidx_coverage_city *c)
{
    c->n_communities = 0;
    c->population = 0;
    c->level = c->level_unweighted = c->gini = c->theil_t = c->theil_within = c->theil_between = NAN;
    c->theil_l = c->atkinson = c->cv = c->adjusted = c->continuity = NAN;
    c->white_zones = c->n_floored = 0;
    c->worst[0] = c->worst[1] = c->worst[2] = NONE;
}

/* Measures over n communities: shares y, populations p, parent groups g. */
static int measure(govidx_coverage_city *c, const double *y, const double *p, const int *g, const size_t *idx,
                   size_t n, const govidx_coverage_options *o)
{
    govidx_ineq_options io = GOVIDX_INEQ_OPTIONS_INIT;
    size_t i, k, floored = 0;
    double sum = 0, pop = 0, above = 0, total_t;
    int rc;
    io.floor = o->floor;
    c->n_communities = n;
    c->white_zones = 0;
    for (i = 0; i < n; i++) {
        sum += y[i];
        pop += p[i];
        above += y[i] >= o->theta ? p[i] : 0;
        c->white_zones += y[i] == 0;
    }
    c->population = pop;
    c->level_unweighted = sum / (double)n;
    c->continuity = above / pop;
    if ((rc = govidx_weighted_mean(y, p, n, &c->level)) || (rc = govidx_gini(y, p, n, &c->gini)) ||
        (rc = govidx_cv(y, p, n, &c->cv)))
        return rc;
    if (!(c->level > 0)) { /* nobody covered: inequality is undefined, coverage is 0 */
        c->gini = c->cv = c->theil_t = c->theil_l = c->theil_within = c->theil_between = NAN;
        c->atkinson = NAN;
        c->adjusted = 0;
    } else {
        size_t f1 = 0, f2 = 0, f3 = 0;
        if ((rc = govidx_theil_decompose(y, p, g, n, 'T', &io, &total_t, &c->theil_within, &c->theil_between,
                                         &f1)) ||
            (rc = govidx_theil_t(y, p, n, &io, &c->theil_t, &f2)) ||
            (rc = govidx_theil_l(y, p, n, &io, &c->theil_l, NULL)) ||
            (rc = govidx_atkinson(y, p, n, o->epsilon, &io, &c->atkinson, &c->adjusted, &f3)))
            return rc;
        floored = f2 > f3 ? f2 : f3;
        /* (1 - A) x the population-weighted level */
        c->adjusted = (1 - c->atkinson) * c->level;
    }
    c->n_floored = floored;
    /* the three lowest shares */
    for (k = 0; k < 3; k++) {
        size_t best = NONE;
        for (i = 0; i < n; i++) {
            if ((k > 0 && idx[i] == c->worst[0]) || (k > 1 && idx[i] == c->worst[1]))
                continue;
            if (best == NONE || y[i] < y[best])
                best = i;
        }
        c->worst[k] = best == NONE ? NONE : idx[best];
    }
    return GOVIDX_OK;
}

int govidx_coverage_cities(govidx_coverage_city *out, const govidx_dataset *ds, int year,
                           const govidx_coverage_options *opts)
{
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    size_t n_units, n_d, y, var, d, u, n, k, *parent = NULL, *unit = NULL, *by_unit = NULL, *start = NULL;
    unsigned char *has_child = NULL;
    double *ys = NULL, *ps = NULL;
    int *gs = NULL, rc = GOVIDX_OK;
    size_t *idx = NULL;
    const double *pop;
    govidx_matrix_view v;
    if (!out || !ds || !opts)
        return govidx__fail(GOVIDX_EINVAL, "coverage: NULL argument");
    if (opts->version != GOVIDX_COVERAGE_OPTIONS_VERSION)
        return govidx__fail(GOVIDX_EINVAL, "coverage: options version %u not supported", opts->version);
    o = *opts;
    if (!o.variable)
        return govidx__fail(GOVIDX_EINVAL, "coverage: no district variable given");
    if (!(o.epsilon >= 0) || !isfinite(o.epsilon) || !(o.theta >= 0 && o.theta <= 1) || !(o.floor > 0))
        return govidx__fail(GOVIDX_EINVAL, "coverage: epsilon must be >= 0, theta in [0, 1], floor > 0");
    if (govidx_dataset_find_year(ds, year, &y) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: the dataset has no year %d", year);
    if (govidx_dataset_find_district_var(ds, o.variable, &var) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district variable '%s'", o.variable);
    n_units = govidx_dataset_n_units(ds);
    n_d = govidx_dataset_n_districts(ds);
    for (u = 0; u < n_units; u++)
        if (out[u].version != GOVIDX_COVERAGE_CITY_VERSION)
            return govidx__fail(GOVIDX_EINVAL, "coverage: out[%zu].version is not set", u);
    if ((rc = govidx_dataset_district_values(ds, y, &v)))
        return rc;
    pop = govidx_dataset_district_population(ds, y);
    has_child = govidx__calloc(n_d + 1, 1);
    ys = govidx__mallocarray(n_d + 1, sizeof *ys);
    ps = govidx__mallocarray(n_d + 1, sizeof *ps);
    gs = govidx__mallocarray(n_d + 1, sizeof *gs);
    idx = govidx__mallocarray(n_d + 1, sizeof *idx);
    parent = govidx__mallocarray(n_d + 1, sizeof *parent);
    unit = govidx__mallocarray(n_d + 1, sizeof *unit);
    by_unit = govidx__mallocarray(n_d + 1, sizeof *by_unit);
    start = govidx__calloc(n_units + 2, sizeof *start);
    if (!has_child || !ys || !ps || !gs || !idx || !parent || !unit || !by_unit || !start || !pop) {
        rc = pop ? govidx__oom() : govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district populations");
        goto done;
    }
    /* Parents and units resolved once, and each unit's districts listed in
     * index order (a counting sort), so the work is linear in the districts. */
    for (d = 0; d < n_d; d++) {
        parent[d] = govidx_dataset_district_parent(ds, d);
        if (parent[d] != NONE)
            has_child[parent[d]] = 1;
        unit[d] = govidx_dataset_district_unit(ds, d);
        if (unit[d] < n_units)
            start[unit[d] + 2]++;
    }
    for (u = 0; u < n_units; u++)
        start[u + 2] += start[u + 1];
    for (d = 0; d < n_d; d++)
        if (unit[d] < n_units)
            by_unit[start[unit[d] + 1]++] = d;
    for (u = 0; u < n_units && rc == GOVIDX_OK; u++) {
        set_missing(&out[u]);
        for (k = start[u], n = 0; k < start[u + 1]; k++) {
            double c, p;
            d = by_unit[k];
            c = v.data[d + var * v.ld];
            p = pop[d];
            if (has_child[d] || isnan(c) || isnan(p))
                continue;
            if (c < 0 || c > 1 || p < 0) {
                govidx_district di = GOVIDX_DISTRICT_INIT;
                govidx_dataset_district(ds, d, &di);
                rc = govidx__fail(GOVIDX_EDOMAIN, "coverage: district '%s' has %s %g (must be %s)", di.code,
                                  p < 0 ? "population" : o.variable, p < 0 ? p : c,
                                  p < 0 ? ">= 0" : "a share in [0, 1]");
                break;
            }
            if (p == 0)
                continue;
            ys[n] = c;
            ps[n] = p;
            gs[n] = (int)(parent[d] == NONE ? d : parent[d]);
            idx[n++] = d;
        }
        if (rc == GOVIDX_OK && n > 0)
            rc = measure(&out[u], ys, ps, gs, idx, n, &o);
        if (rc)
            rc = govidx__fail_context(rc, "coverage of '%s' in %d", govidx_dataset_unit_code(ds, u), year);
    }
done:
    govidx__free(has_child);
    govidx__free(ys);
    govidx__free(ps);
    govidx__free(gs);
    govidx__free(idx);
    govidx__free(parent);
    govidx__free(unit);
    govidx__free(by_unit);
    govidx__free(start);
    return rc;
}

/* 2SFCA (Luo & Wang 2003) and E2SFCA with zone weights (Luo & Qi 2009). */
#include <math.h>
#include "govidx/access.h"
#include "core/internal.h"

#include <string.h>

/* Decay weight of a cost; 0 when out of the catchment or unreachable. */
static double decay(double c, double d0, const double *bound, const double *weight, size_t nz)
{
    if (!isfinite(c) || c > d0)
        return 0.0;
    for (size_t k = 0; k < nz; k++)
        if (c <= bound[k])
            return weight[k];
    return nz ? 0.0 : 1.0;
}

int govidx_access_2sfca(double *access, const double *demand, size_t n_d, const double *supply,
                        size_t n_s, const double *cost, size_t ld, double d0, const double *bound,
                        const double *weight, size_t n_zones)
{
    if (!demand || !supply || !cost || !access || (n_zones && (!bound || !weight)))
        return govidx__fail(GOVIDX_EINVAL, "2SFCA: NULL argument");
    if (n_d == 0 || n_s == 0 || ld < n_d)
        return govidx__fail(GOVIDX_EDIM, "2SFCA: bad sizes (n_d %zu, n_s %zu, ld %zu)", n_d, n_s, ld);
    if (!(d0 > 0.0))
        return govidx__fail(GOVIDX_EINVAL, "2SFCA: catchment %g must be positive", d0);
    for (size_t k = 0; k < n_zones; k++)
        if (!(bound[k] > (k ? bound[k - 1] : 0.0)) || !(weight[k] >= 0.0 && weight[k] <= 1.0))
            return govidx__fail(GOVIDX_EINVAL, "2SFCA: zone %zu bound or weight invalid", k);
    if (n_zones && bound[n_zones - 1] != d0)
        return govidx__fail(GOVIDX_EINVAL, "2SFCA: last zone bound must equal d0");
    for (size_t d = 0; d < n_d; d++)
        if (isnan(demand[d]) || demand[d] < 0.0)
            return govidx__fail(isnan(demand[d]) ? GOVIDX_ENUMERIC : GOVIDX_EINVAL,
                                "2SFCA: demand %zu is %g", d, demand[d]);
    for (size_t s = 0; s < n_s; s++) {
        if (!isfinite(supply[s]) || supply[s] < 0.0)
            return govidx__fail(isfinite(supply[s]) ? GOVIDX_EINVAL : GOVIDX_ENUMERIC,
                                "2SFCA: supply %zu is %g", s, supply[s]);
        for (size_t d = 0; d < n_d; d++)
            if (cost[d + s * ld] < 0.0)
                return govidx__fail(GOVIDX_EINVAL, "2SFCA: cost (%zu,%zu) is negative", d, s);
    }
    for (size_t d = 0; d < n_d; d++)
        access[d] = 0.0;
    for (size_t s = 0; s < n_s; s++) {
        const double *col = cost + s * ld;
        double reach = 0.0;
        for (size_t d = 0; d < n_d; d++)
            reach += demand[d] * decay(col[d], d0, bound, weight, n_zones);
        if (!(reach > 0.0))
            continue; /* no demand in reach: the supply adds nothing */
        double ratio = supply[s] / reach;
        for (size_t d = 0; d < n_d; d++)
            access[d] += ratio * decay(col[d], d0, bound, weight, n_zones);
    }
    return GOVIDX_OK;
}

/* The coverage view of 2SFCA accessibility (coverage.h). */
GOVIDX__VERSIONS_1(access_result_versions, govidx_coverage_access_result, "coverage access result",
                   GOVIDX_COVERAGE_ACCESS_RESULT_INIT, n_floored);

int govidx_coverage_access_result_init(govidx_coverage_access_result *out, unsigned version)
{
    return govidx__versioned_init(&access_result_versions, out, version);
}

int govidx_coverage_access(govidx_coverage_access_result *out, double *access, const double *population,
                           size_t n_d, const double *supply, size_t n_s, const double *cost, size_t ld,
                           double d0, const double *bound, const double *weight, size_t n_zones,
                           double standard, double epsilon)
{
    /* computed in the current layout, then written at the caller's version */
    govidx_coverage_access_result res = GOVIDX_COVERAGE_ACCESS_RESULT_INIT;
    double *a = NULL, *rel = NULL, total = 0, reached = 0, above = 0, mean;
    size_t d;
    int rc;
    if (!out || !population)
        return govidx__fail(GOVIDX_EINVAL, "govidx_coverage_access: NULL argument");
    if ((rc = govidx__versioned_check(&access_result_versions, out->version)))
        return rc;
    if (!(epsilon >= 0) || !isfinite(epsilon))
        return govidx__fail(GOVIDX_EINVAL, "govidx_coverage_access: epsilon %g (must be >= 0)", epsilon);
    if (n_d == 0)
        return govidx__fail(GOVIDX_EDIM, "govidx_coverage_access: no communities");
    a = access ? access : govidx__mallocarray(n_d, sizeof *a);
    rel = govidx__mallocarray(n_d, sizeof *rel);
    if (!a || !rel) {
        rc = govidx__oom();
        goto done;
    }
    if ((rc = govidx_access_2sfca(a, population, n_d, supply, n_s, cost, ld, d0, bound, weight, n_zones)))
        goto done;
    for (d = 0; d < n_d; d++) {
        total += population[d];
        reached += a[d] > 0 ? population[d] : 0;
        above += standard > 0 && a[d] >= standard ? population[d] : 0;
    }
    if (!(total > 0)) {
        rc = govidx__fail(GOVIDX_EDOMAIN, "govidx_coverage_access: the communities have no population");
        goto done;
    }
    res.reached = reached / total;
    res.above = standard > 0 ? above / total : NAN;
    for (d = 0; d < n_d; d++)
        res.unreached += a[d] == 0;
    if ((rc = govidx_inequality_weighted_mean(&mean, a, population, n_d)))
        goto done;
    res.mean = mean;
    if (!(mean > 0)) { /* nobody reaches any service: no inequality to measure */
        res.gini = res.atkinson = NAN;
        res.adjusted = 0;
        goto write;
    }
    /* Scale-free measures on A / mean, so the floor for zeros is relative. */
    for (d = 0; d < n_d; d++)
        rel[d] = a[d] / mean;
    if ((rc = govidx_inequality_gini(&res.gini, rel, population, n_d)) ||
        (rc = govidx_inequality_atkinson(&res.atkinson, NULL, &res.n_floored, rel, population, n_d,
                                         epsilon, NULL)))
        goto done;
    res.adjusted = (1 - res.atkinson) * mean;
write:
    rc = govidx__versioned_write(&access_result_versions, out, &res);
done:
    if (a != access)
        govidx__free(a);
    govidx__free(rel);
    return rc;
}

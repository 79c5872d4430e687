/* 2SFCA (Luo & Wang 2003) and E2SFCA with zone weights (Luo & Qi 2009). */
#include <math.h>
#include "govidx/access.h"
#include "internal.h"

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

int govidx_access_2sfca(const double *demand, size_t n_d, const double *supply, size_t n_s,
                        const double *cost, size_t ld, double d0, const double *bound,
                        const double *weight, size_t n_zones, double *access)
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

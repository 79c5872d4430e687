/*
 * lib/result_leave_out.c - units left out of a finished result whose units
 * do not depend on each other (coverage): missing, unranked scores, the
 * others ranked among themselves (issue 16).
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "result_internal.h"

#include <math.h>

int govidx_result_leave_out_units(govidx_result *r, const unsigned char *keep)
{
    size_t u, y, k;
    if (!r || !keep)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_leave_out_units: NULL argument");
    for (y = 0; y < r->n_years; y++)
        for (k = 0; k < r->n_nodes; k++)
            for (u = 0; u < r->n_units; u++)
                if (!keep[u]) {
                    r->scores[GOVIDX__CELL(r, u, y, k)] = NAN;
                    if (r->flags && r->is_leaf[k])
                        r->flags[GOVIDX__CELL(r, u, y, k)] |= GOVIDX_FLAG_EXCLUDED;
                }
    govidx__result_ranks_stale(r);
    return GOVIDX_OK;
}

/*
 * lib/plan_fused.c - the default pipeline's common node in one pass.
 *
 * A node whose children are all plain min-max indicators (no denominator,
 * imputation or treatment) and whose aggregation is the weighted arithmetic
 * mean is computed child by child: each child's column is read once for its
 * range and, while still in cache, normalised into the result and added to
 * the node's running sum of w_j z_j.  The general path would write the
 * normalised columns and read them back.  (Blocks of units across all
 * children, 512 to 8,192 units, measured no faster.)  The numbers are the
 * general path's to the last bit: the same normalisation expression, the
 * same sums in child order, the same unit-by-unit arithmetic for units with
 * a missing child (tests/test_plan.c compares the two with ==).
 * SPDX-License-Identifier: MIT
 */
#include "plan_internal.h"

#include <math.h>
#include <string.h>

int govidx__fused_eligible(const govidx_plan *p, const plan_agg *a)
{
    size_t c;
    if (a->bod || a->opts.method != GOVIDX_AGG_ARITHMETIC || p->rescale_aggregates || a->n_children == 0)
        return 0;
    for (c = 0; c < a->n_children; c++) {
        size_t li = p->leaf_of_node[a->children[c]];
        if (li == NONE || !p->leaves[li].plain_minmax)
            return 0;
    }
    return 1;
}

int govidx__fused_node(const govidx_plan *p, const plan_agg *a, const double *w, const govidx_panel *panel,
                       size_t y, govidx_result *r, double *acc, int *done)
{
    const govidx_matrix_view *v = &panel->years[y];
    size_t m = a->n_children, n = p->n_units, j, i;
    double total = 0.0, *out = r->scores + GOVIDX__CELL(r, 0, y, a->node);
    const double **col = govidx__mallocarray(m, sizeof *col);
    int rc = GOVIDX_OK;
    *done = 0;
    if (!col)
        return govidx__oom();
    /* the weights as govidx_aggregate would accept them; else the general
     * path reports the problem */
    for (j = 0; j < m; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            goto cleanup;
        total += w[j];
    }
    if (!(total > 0.0) || !isfinite(total))
        goto cleanup;
    for (i = 0; i < n; i++)
        acc[i] = 0.0;
    /* child by child, whole columns (long sequential streams): its range in
     * one read of its column, then, with the column still in cache, its
     * normalised values into the result while acc sums w_j z_j */
    for (j = 0; j < m; j++) {
        const plan_leaf *l = &p->leaves[p->leaf_of_node[a->children[j]]];
        const double *x = v->data + l->column * v->ld;
        double *z = r->scores + GOVIDX__CELL(r, 0, y, l->node), mn, mx;
        if (!govidx__plain_range(x, n, &mn, &mx))
            goto cleanup; /* this year needs the general path */
        govidx__kernel_minmax_accumulate(z, acc, x, n, l->prep.low, l->prep.high - l->prep.low, mn, mx,
                                         l->prep.direction, w[j]);
        col[j] = z;
    }
    /* the means, as arithmetic_means in lib/aggregate.c computes them (a NaN
     * sum: a child is missing, so unit by unit) */
    for (i = 0; i < n && rc == GOVIDX_OK; i++) {
        double s = acc[i] / total;
        if (isnan(acc[i]) && !govidx__arithmetic_unit(&s, col, i, w, m, a->opts.min_share))
            s = NAN; /* not available */
        else if (!isfinite(s))
            rc = govidx__fail(GOVIDX_ENUMERIC, "node '%s' is infinite for unit '%s' in year %d",
                              govidx_framework_node_code(p->fw, a->node), r->unit_codes[i], r->years[y]);
        out[i] = s;
    }
    if (rc == GOVIDX_OK) {
        for (j = 0; j < m && r->flags; j++)
            memset(r->flags + GOVIDX__CELL(r, 0, y, a->children[j]), 0, n);
        if (r->flags)
            memset(r->flags + GOVIDX__CELL(r, 0, y, a->node), 0, n);
        *done = 1;
    }
cleanup:
    govidx__free(col);
    return rc;
}

/*
 * lib/composite/plan_fused.c - the default pipeline's common node in one pass.
 *
 * A node whose children are all plain min-max indicators (no denominator,
 * imputation or treatment) and whose aggregation is the weighted arithmetic
 * mean is computed child by child.  Each child's column is normalised into
 * the result from the cache while the next child's column is read from
 * memory for its range, and the node's sums over each unit's present
 * children (of w z, of w, and of 1 when a data-availability threshold is
 * set) are kept as running columns, so a unit with a missing child costs
 * no more than a complete one.  The general path would write the
 * normalised columns and read them back.  (Blocks of units across all
 * children, 512 to 8,192 units, measured slower.)  The numbers are the
 * general path's to the last bit: the same normalisation expression, the
 * same sums in child order, the same quotient (tests/test_plan.c compares
 * the two with ==).
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

/* The column of child j of fused node a in year view v. */
static const double *child_column(const govidx_plan *p, const plan_agg *a, size_t j, const govidx_matrix_view *v)
{
    return v->data + p->leaves[p->leaf_of_node[a->children[j]]].column * v->ld;
}

int govidx__fused_node(const govidx_plan *p, const plan_agg *a, const double *w, const govidx_panel *panel,
                       size_t y, govidx_result *r, double *work, govidx__range_carry *carry, int *done)
{
    const govidx_matrix_view *v = &panel->years[y];
    size_t m = a->n_children, n = p->n_units, j, i, n_inf = 0;
    double mn, mx, *out = r->scores + GOVIDX__CELL(r, 0, y, a->node);
    const double *first = child_column(p, a, 0, v);
    govidx__node_sums sums = govidx__node_sums_at(work, n, a);
    *done = 0;
    if (!govidx__mean_weights_ok(w, m))
        return GOVIDX_OK;
    for (i = 0; i < n; i++)
        sums.acc[i] = sums.ws[i] = 0.0;
    if (sums.cnt)
        for (i = 0; i < n; i++)
            sums.cnt[i] = 0.0;
    /* child j normalised while child j + 1's range is found; the last one
     * turns the sums into the node's scores (as arithmetic_means in
     * lib/aggregate.c computes them) while the next fused node's first
     * range is found */
    if (carry->column == first) {
        mn = carry->mn;
        mx = carry->mx;
    } else
        govidx__kernel_range(first, n, &mn, &mx);
    carry->column = NULL;
    if (!govidx__plain_span(mn, mx))
        return GOVIDX_OK; /* this year needs the general path */
    for (j = 0; j < m; j++) {
        const plan_leaf *l = &p->leaves[p->leaf_of_node[a->children[j]]];
        double *z = r->scores + GOVIDX__CELL(r, 0, y, l->node), next_mn, next_mx;
        const double *x = child_column(p, a, j, v), *next;
        if (j + 1 == m) {
            next = a->chain_next == NONE ? NULL : child_column(p, &p->aggs[a->chain_next], 0, v);
            n_inf = govidx__kernel_fused_last(z, x, n, l->prep.low, l->prep.high - l->prep.low, mn, mx,
                                              l->prep.direction, w[j], &sums, out, next, &carry->mn, &carry->mx);
            carry->column = next;
            break;
        }
        next = child_column(p, a, j + 1, v);
        govidx__kernel_fused_child(z, x, n, l->prep.low, l->prep.high - l->prep.low, mn, mx, l->prep.direction, w[j],
                                   &sums, next, &next_mn, &next_mx);
        if (!govidx__plain_span(next_mn, next_mx))
            return GOVIDX_OK;
        mn = next_mn;
        mx = next_mx;
    }
    if (n_inf)
        return govidx__node_finite(p, a->node, y, r);
    for (j = 0; j < m && r->flags; j++)
        memset(r->flags + GOVIDX__CELL(r, 0, y, a->children[j]), 0, n);
    if (r->flags)
        memset(r->flags + GOVIDX__CELL(r, 0, y, a->node), 0, n);
    *done = 1;
    return GOVIDX_OK;
}

/* Shared with the general path in plan.c, which calls this file and never
 * the other way round. */
int govidx__node_finite(const govidx_plan *p, size_t node, size_t y, const govidx_result *r)
{
    const double *out = r->scores + GOVIDX__CELL(r, 0, y, node);
    size_t u;
    for (u = 0; u < p->n_units; u++)
        if (isinf(out[u]))
            return govidx__fail(GOVIDX_ENUMERIC, "node '%s' is infinite for unit '%s' in year %d",
                                govidx_framework_node_code(p->fw, node), r->unit_codes[u], r->years[y]);
    return GOVIDX_OK;
}

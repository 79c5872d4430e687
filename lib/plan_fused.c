/*
 * lib/plan_fused.c - the default pipeline's common node in one pass.
 *
 * A node whose children are all plain min-max indicators (no denominator,
 * imputation or treatment) and whose aggregation is the weighted arithmetic
 * mean is computed in blocks of units: each child's block is normalised
 * and, in the same loop, added to the node's block of means, which stays in
 * cache.  The general path would write the normalised columns and read them
 * back.  The numbers are the general path's to the last bit: the same
 * normalisation expression, the same weights renormalised in child order,
 * the same unit-by-unit arithmetic for units with a missing child
 * (tests/test_plan.c compares the two).
 * SPDX-License-Identifier: MIT
 */
#include "plan_internal.h"

#include <math.h>
#include <string.h>

/* A leaf the fused path can stage: the static conditions of the min-max
 * fast path (the data-dependent ones are checked per year). */
static int plain_minmax_leaf(const govidx_plan *p, const plan_leaf *l)
{
    const govidx__leaf_prep *lp = &l->prep;
    return lp->norm == GOVIDX_NORM_MINMAX && lp->treat == GOVIDX_TREAT_NONE && p->impute == GOVIDX__IMPUTE_NONE &&
           !(p->denominate && l->den_column != NONE) && (lp->direction == 1 || lp->direction == -1);
}

int govidx__fused_eligible(const govidx_plan *p, const plan_agg *a)
{
    size_t c;
    if (a->bod || a->opts.method != GOVIDX_AGG_ARITHMETIC || p->rescale_aggregates || a->n_children == 0)
        return 0;
    for (c = 0; c < a->n_children; c++) {
        size_t li = p->leaf_of_node[a->children[c]];
        if (li == NONE || !plain_minmax_leaf(p, &p->leaves[li]))
            return 0;
    }
    return 1;
}

typedef struct fused_child {
    const double *x; /* the indicator's column in the panel */
    double *z;       /* its normalised column in the result */
    double mn, mx;   /* its range this year */
    double lo, hi;   /* its output scale */
    int direction;
} fused_child;

int govidx__fused_node(const govidx_plan *p, const plan_agg *a, const double *w, const govidx_panel *panel,
                       size_t y, govidx_result *r, int *done)
{
    enum { BLOCK = 512 };
    const govidx_matrix_view *v = &panel->years[y];
    size_t m = a->n_children, n = p->n_units, j, i0, i, nb;
    double acc[BLOCK], total = 0.0, *out = r->scores + GOVIDX__CELL(r, 0, y, a->node);
    const double **col = govidx__mallocarray(m, sizeof *col);
    fused_child *ch = govidx__mallocarray(m, sizeof *ch);
    int rc = GOVIDX_OK;
    *done = 0;
    if (!col || !ch) {
        rc = govidx__oom();
        goto cleanup;
    }
    /* the weights as govidx_aggregate would accept them; else the general
     * path reports the problem */
    for (j = 0; j < m; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            goto cleanup;
        total += w[j];
    }
    if (!(total > 0.0) || !isfinite(total))
        goto cleanup;
    /* each child's range in one read of its column */
    for (j = 0; j < m; j++) {
        const plan_leaf *l = &p->leaves[p->leaf_of_node[a->children[j]]];
        ch[j].x = v->data + l->column * v->ld;
        ch[j].z = r->scores + GOVIDX__CELL(r, 0, y, l->node);
        ch[j].direction = l->prep.direction;
        ch[j].lo = l->prep.low;
        ch[j].hi = l->prep.high;
        col[j] = ch[j].z;
        govidx__kernel_range(ch[j].x, n, &ch[j].mn, &ch[j].mx);
        if (!(ch[j].mx > ch[j].mn) || isinf(ch[j].mn) || isinf(ch[j].mx))
            goto cleanup; /* empty, constant or infinite: this year needs the general path */
    }
    /* block by block: normalise each child into the result while summing
     * w_j z_j; then the means, as arithmetic_means in lib/aggregate.c
     * computes them (NaN sum: a child is missing, so unit by unit, from the
     * block's values still in cache) */
    for (i0 = 0; i0 < n && rc == GOVIDX_OK; i0 += BLOCK) {
        nb = n - i0 < BLOCK ? n - i0 : BLOCK;
        for (i = 0; i < nb; i++)
            acc[i] = 0.0;
        for (j = 0; j < m; j++)
            govidx__kernel_minmax_accumulate(ch[j].z + i0, acc, ch[j].x + i0, nb, ch[j].lo, ch[j].hi - ch[j].lo,
                                             ch[j].mn, ch[j].mx, ch[j].direction, w[j]);
        for (i = 0; i < nb && rc == GOVIDX_OK; i++) {
            double s = acc[i] / total;
            if (isnan(acc[i]) && !govidx__arithmetic_unit(&s, col, i0 + i, w, m, a->opts.min_share))
                s = NAN; /* not available */
            else if (!isfinite(s))
                rc = govidx__fail(GOVIDX_ENUMERIC, "node '%s' is infinite for unit '%s' in year %d",
                                  govidx_framework_node_code(p->fw, a->node), r->unit_codes[i0 + i], r->years[y]);
            out[i0 + i] = s;
        }
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
    govidx__free(ch);
    return rc;
}

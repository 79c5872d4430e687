/*
 * lib/composite/result_compare.c - reading a result: each unit's strengths and
 * weaknesses, and how two method variants move a ranking.
 * SPDX-License-Identifier: MIT
 */
#include "result_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct leaf_rank {
    size_t node, rank;
} leaf_rank;

static int by_rank_desc(const void *x, const void *y)
{
    const leaf_rank *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank > b->rank ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node;
}

static int by_rank(const void *x, const void *y)
{
    const leaf_rank *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->node < b->node ? -1 : a->node > b->node; /* ties keep framework order */
}

int govidx_result_strengths(size_t *strong, size_t *n_strong, size_t *weak, size_t *n_weak,
                            size_t k, const govidx_result *r, size_t unit, size_t year)
{
    leaf_rank *lr;
    const uint32_t *ranks;
    size_t j, n = 0, i;
    if (!r || !n_strong || !n_weak || (k && (!strong || !weak)))
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_strengths: NULL argument");
    if (unit >= r->n_units || year >= r->n_years)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_strengths: unit index %zu or year index %zu out of range", unit,
                            year);
    if (!(lr = govidx__mallocarray(r->n_nodes ? r->n_nodes : 1, sizeof *lr)))
        return govidx__oom();
    ranks = govidx__result_ranks(r);
    for (j = 0; j < r->n_nodes; j++) {
        size_t c = GOVIDX__CELL(r, unit, year, j);
        if (r->is_leaf[j] && !isnan(r->scores[c]) && ranks[c])
            lr[n].node = j, lr[n].rank = ranks[c], n++;
    }
    *n_strong = *n_weak = k < n ? k : n;
    qsort(lr, n, sizeof *lr, by_rank);
    for (i = 0; i < *n_strong; i++)
        strong[i] = lr[i].node;
    qsort(lr, n, sizeof *lr, by_rank_desc); /* worst first, ties in framework order */
    for (i = 0; i < *n_weak; i++)
        weak[i] = lr[i].node;
    govidx__free(lr);
    return GOVIDX_OK;
}

static size_t find_node(const govidx_result *r, const char *code)
{
    size_t j;
    for (j = 0; j < r->n_nodes; j++)
        if (!strcmp(r->node_codes[j], code))
            return j;
    return SIZE_MAX;
}

static size_t find_year(const govidx_result *r, int year)
{
    size_t y;
    for (y = 0; y < r->n_years; y++)
        if (r->years[y] == year)
            return y;
    return SIZE_MAX;
}

GOVIDX__VERSIONS_1(rank_shift_versions, govidx_rank_shift, "rank shift", GOVIDX_RANK_SHIFT_INIT, mean_abs_score);

int govidx_rank_shift_init(govidx_rank_shift *out, unsigned version)
{
    return govidx__versioned_init(&rank_shift_versions, out, version);
}

int govidx_result_compare(govidx_rank_shift *out, double *dscore, long *drank, const govidx_result *a,
                          const govidx_result *b, const char *node, int year, size_t threshold)
{
    size_t na, nb, ya, yb, u, v, n = 0, moved = 0, *ub = NULL;
    double *pair = NULL, sum = 0, sums = 0, corr[4];
    govidx_rank_shift res = GOVIDX_RANK_SHIFT_INIT; /* current layout; *out gets its version's part */
    int rc = GOVIDX_OK;
    if (!out || !a || !b || !node)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_compare: NULL argument");
    if ((rc = govidx__versioned_check(&rank_shift_versions, out->version)))
        return rc;
    na = find_node(a, node), nb = find_node(b, node);
    ya = find_year(a, year), yb = find_year(b, year);
    if (na == SIZE_MAX || nb == SIZE_MAX)
        return govidx__fail(GOVIDX_ENOTFOUND, "govidx_result_compare: node '%s' is not in both results", node);
    if (ya == SIZE_MAX || yb == SIZE_MAX)
        return govidx__fail(GOVIDX_ENOTFOUND, "govidx_result_compare: year %d is not in both results", year);
    ub = govidx__mallocarray(a->n_units ? a->n_units : 1, sizeof *ub);
    pair = govidx__mallocarray(a->n_units ? 2 * a->n_units : 2, sizeof *pair);
    if (!ub || !pair) {
        rc = govidx__oom();
        goto done;
    }
    for (u = 0; u < a->n_units; u++) { /* unit u of a is unit ub[u] of b */
        for (v = 0; v < b->n_units && strcmp(a->unit_codes[u], b->unit_codes[v]); v++)
            ;
        if (v == b->n_units) {
            rc = govidx__fail(GOVIDX_ENOTFOUND, "govidx_result_compare: unit '%s' is not in the second result",
                              a->unit_codes[u]);
            goto done;
        }
        ub[u] = v;
    }
    for (u = 0; u < a->n_units; u++) {
        size_t ca = GOVIDX__CELL(a, u, ya, na), cb = GOVIDX__CELL(b, ub[u], yb, nb);
        double sa = a->scores[ca], sb = b->scores[cb];
        size_t ra = govidx__result_ranks(a)[ca], rb = govidx__result_ranks(b)[cb];
        if (dscore)
            dscore[u] = isnan(sa) || isnan(sb) ? NAN : sb - sa;
        if (drank)
            drank[u] = ra && rb ? (long)rb - (long)ra : 0;
        if (!ra || !rb || isnan(sa) || isnan(sb))
            continue;
        {
            size_t d = ra > rb ? ra - rb : rb - ra;
            sum += (double)d;
            moved += d > threshold;
            res.max_abs = d > res.max_abs ? d : res.max_abs;
        }
        sums += fabs(sb - sa);
        pair[n] = sa;
        pair[a->n_units + n] = sb;
        n++;
    }
    res.n = n;
    res.mean_abs = n ? sum / (double)n : NAN;
    res.mean_abs_score = n ? sums / (double)n : NAN;
    res.share_moved = n ? (double)moved / (double)n : NAN;
    res.spearman = NAN;
    if (n >= 2) {
        govidx_matrix_view x = {pair, n, 2, a->n_units};
        int crc = govidx_analysis_correlation(corr, x, GOVIDX_CORR_SPEARMAN);
        if (crc == GOVIDX_OK)
            res.spearman = corr[1];
        else if (crc == GOVIDX_ENOMEM) {
            rc = crc;
            goto done;
        } else
            govidx_clear_error(); /* constant scores: no correlation to report */
    }
done:
    govidx__free(ub);
    govidx__free(pair);
    if (rc == GOVIDX_OK)
        rc = govidx__versioned_write(&rank_shift_versions, out, &res);
    return rc;
}

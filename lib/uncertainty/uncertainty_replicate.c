/*
 * lib/uncertainty/uncertainty_replicate.c - the replication loop: with the
 * inputs drawn (uncertainty_sample.c), the data noise applied and the
 * drawn method switches' plan run, re-aggregating the recomputed nodes (per
 * replication, or a chunk of UX_CHUNK replications as one dgemm on the
 * linear path), storing scores, rank histograms and Sobol outputs, and the
 * worker threads that take blocks of replications (uncertainty.c explains
 * the linear path and why the results do not depend on the threads).
 * SPDX-License-Identifier: MIT
 */
#include "uncertainty_model.h"

#include <cblas.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One evaluation: the scores of every node of year y into wk->block.  mult
 * holds the drawn multipliers. */
int eval_year(const ux_ctx *c, ux_worker *wk, size_t y)
{
    const govidx_plan *p = c->p;
    size_t n = p->n_units, i;
    memcpy(wk->block, (wk->base ? wk->base : c->nominal) + y * p->n_nodes * n, p->n_nodes * n * sizeof *wk->block);
    for (i = 0; i < p->n_nodes; i++) {
        size_t k = p->exec_order[i], ai = p->agg_of_node[k], j;
        const plan_agg *a;
        const double *w0;
        double total = 0.0, *out = wk->block + k * n;
        int rc;
        if (ai == NONE || !c->dirty[ai])
            continue;
        a = &p->aggs[ai];
        w0 = set_weights(p, a, y);
        for (j = 0; j < a->n_children; j++) {
            wk->w[j] = w0[j] * wk->mult[a->children[j]];
            total += wk->w[j];
            memcpy(wk->work + j * n, wk->block + a->children[j] * n, n * sizeof *wk->work);
        }
        for (j = 0; total > 0.0 && j < a->n_children; j++)
            wk->w[j] /= total;
        rc = govidx__aggregate(out, govidx_matrix_view_array(wk->work, n, a->n_children), wk->w, &a->opts, NULL, 0);
        if (rc)
            return govidx__fail_context(rc, "uncertainty: node '%s', year %d",
                                        govidx_framework_node_code(p->fw, k), c->u->years[y]);
        if (p->rescale_aggregates) { /* as the plan does: min-max every aggregate (EGDI) */
            double lo = INFINITY, hi = -INFINITY;
            size_t v;
            for (v = 0; v < n; v++)
                if (!isnan(out[v])) {
                    lo = out[v] < lo ? out[v] : lo;
                    hi = out[v] > hi ? out[v] : hi;
                }
            if (lo < hi)
                for (v = 0; v < n; v++)
                    out[v] = p->low + (p->high - p->low) * (out[v] - lo) / (hi - lo);
        }
    }
    return GOVIDX_OK;
}

/* Mean |rank - nominal| over the ranked units of root node k in year y. */
static double rank_shift(const ux_ctx *c, ux_worker *wk, size_t y, size_t k)
{
    const govidx_uncertainty *u = c->u;
    double sum = 0.0;
    size_t v, cnt = 0;
    govidx__rank_u32(wk->ranks, wk->block + k * u->n_units, u->n_units, 1, GOVIDX_TIE_TOLERANCE, wk->scratch);
    for (v = 0; v < u->n_units; v++) {
        uint32_t r0 = u->nominal_rank[CELL(u, v, y, k)];
        if (wk->ranks[v] && r0) {
            sum += fabs((double)wk->ranks[v] - (double)r0);
            cnt++;
        }
    }
    return cnt ? sum / (double)cnt : NAN;
}

/* Store the Sobol outputs of the evaluation just made for year y. */
static void store_outputs(const ux_ctx *c, ux_worker *wk, size_t y, double *f, size_t stride, size_t s)
{
    const govidx_uncertainty *u = c->u;
    size_t r, v;
    for (r = 0; r < u->n_roots; r++) {
        size_t k = u->roots[r], o = (y * u->n_roots + r) * (u->n_units + 1);
        for (v = 0; v < u->n_units; v++)
            f[(o + v) * stride + s] = wk->block[k * u->n_units + v];
        f[(o + u->n_units) * stride + s] = rank_shift(c, wk, y, k);
    }
}

int is_dirty(const ux_ctx *c, size_t node)
{
    size_t ai = c->p->agg_of_node[node];
    return c->n_comb || c->o.data_noise || (ai != NONE && c->dirty[ai]); /* a method switch or the data may move any node */
}


/* The context of the combination drawn. */
static const ux_ctx *variant_ctx(const ux_ctx *c, size_t v)
{
    return c->n_comb ? &c->vc[v] : c;
}

/* Data noise of (sample s, matrix m): perturb the panel (value + se Z, cell
 * by cell in a fixed order from the stream (seed, s, m, data)), run the
 * drawn combination's whole plan on it, and make its cells the base that
 * eval_year starts from. */
static int data_eval(const ux_ctx *c, ux_worker *wk, uint64_t s, uint64_t m)
{
    const govidx_panel *pn = c->dpanel;
    govidx__rng g = govidx__rng_stream(c->o.seed, s, m, UINT64_MAX - 4096);
    size_t y, i, j;
    int rc;
    for (y = 0; y < pn->n_years; y++) {
        const govidx_matrix_view *x = &pn->years[y], *se = &c->se[y];
        double *out = wk->pdata + y * x->rows * x->cols;
        for (j = 0; j < x->cols; j++)
            for (i = 0; i < x->rows; i++) {
                double v = x->data[i + j * x->ld], e = se->data[i + j * se->ld];
                out[i + j * x->rows] = isnan(v) || !(e > 0.0) || isinf(e) ? v : v + e * govidx__rng_normal(&g);
            }
    }
    govidx_result_free(wk->dres);
    wk->dres = NULL;
    wk->base = NULL;
    if ((rc = govidx_execute(&wk->dres, variant_ctx(c, wk->variant)->p, &wk->ppanel)))
        return govidx__fail_context(rc, "uncertainty: data noise, replication %llu", (unsigned long long)s + 1);
    wk->base = wk->dres->scores;
    return GOVIDX_OK;
}

/* The linear path for year y: wk->C column (d * UX_CHUNK + j) = the scores
 * of node dnode[d] under the multipliers wk->mults[j * n_nodes ..], for
 * j < count; the other columns are zero weights. */
void linear_eval(const ux_ctx *c, ux_worker *wk, size_t y, size_t count)
{
    const govidx_plan *p = c->p;
    size_t j, d, i, L = p->n_leaves, nn = p->n_nodes, cols = c->nd * UX_CHUNK;
    for (j = 0; j < count; j++) {
        const double *mult = wk->mults + j * nn;
        double *rw = wk->rw + j * nn;
        for (i = 0; i < p->n_aggs; i++) {
            const plan_agg *a = &p->aggs[i];
            const double *w0 = set_weights(p, a, y);
            double total = 0.0;
            size_t ch;
            for (ch = 0; ch < a->n_children; ch++)
                total += w0[ch] * mult[a->children[ch]];
            for (ch = 0; ch < a->n_children; ch++)
                rw[a->children[ch]] = total > 0.0 ? w0[ch] * mult[a->children[ch]] / total : 0.0;
        }
    }
    memset(wk->weff, 0, L * cols * sizeof *wk->weff);
    for (d = 0; d < c->nd; d++)
        for (j = 0; j < count; j++) {
            double *col = wk->weff + (d * UX_CHUNK + j) * L;
            const double *rw = wk->rw + j * nn;
            for (i = c->dleaf_start[d]; i < c->dleaf_start[d + 1]; i++) {
                size_t l = c->dleaf[i], x = p->leaves[l].node;
                double e = 1.0;
                for (; x != c->dnode[d]; x = govidx_framework_parent(p->fw, x))
                    e *= rw[x];
                col[l] = e;
            }
        }
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)p->n_units, (int)cols, (int)L, 1.0,
                c->Z + y * p->n_units * L, (int)p->n_units, wk->weff, (int)L, 0.0, wk->C, (int)p->n_units);
}

/* Replications [first, first + count) of a chunk starting at a multiple of
 * UX_CHUNK, on the linear path where the year allows it. */
static int run_chunk(ux_ctx *c, ux_worker *wk, size_t first, size_t count)
{
    govidx_uncertainty *u = c->u;
    const govidx_plan *p = c->p;
    size_t j, y, d, n = u->n_units, N = u->N;
    int rc;
    for (j = 0; j < count; j++)
        draw_sample(c, wk->mults + j * p->n_nodes, first + j, &wk->variant);
    for (y = 0; y < u->n_years; y++) {
        if (c->linear_year[y]) {
            linear_eval(c, wk, y, count);
            for (d = 0; d < c->nd; d++) {
                size_t t = u->track_of[c->dnode[d]];
                if (t == NONE)
                    continue;
                for (j = 0; j < count; j++) {
                    const double *col = wk->C + (d * UX_CHUNK + j) * n;
                    size_t v, cell0 = TCELL(u, 0, y, t);
                    govidx__rank_u32(wk->ranks, col, n, 1, GOVIDX_TIE_TOLERANCE, wk->scratch);
                    for (v = 0; v < n; v++) {
                        if (u->draws)
                            u->draws[DCELL(u, v, y, t) * N + first + j] = col[v];
                        wk->hist[(cell0 + v) * (n + 1) + wk->ranks[v]]++;
                    }
                }
            }
            continue;
        }
        for (j = 0; j < count; j++) {
            size_t t;
            memcpy(wk->mult, wk->mults + j * p->n_nodes, p->n_nodes * sizeof *wk->mult);
            if ((rc = eval_year(c, wk, y)))
                return rc;
            for (t = 0; t < u->n_track; t++) {
                const double *col = wk->block + u->track[t] * n;
                size_t v, cell0 = TCELL(u, 0, y, t);
                if (!is_dirty(c, u->track[t]))
                    continue;
                govidx__rank_u32(wk->ranks, col, n, 1, GOVIDX_TIE_TOLERANCE, wk->scratch);
                for (v = 0; v < n; v++) {
                    if (u->draws)
                        u->draws[DCELL(u, v, y, t) * N + first + j] = col[v];
                    wk->hist[(cell0 + v) * (n + 1) + wk->ranks[v]]++;
                }
            }
        }
    }
    return GOVIDX_OK;
}

static int run_sample(ux_ctx *c, ux_worker *wk, size_t s)
{
    govidx_uncertainty *u = c->u;
    const govidx_plan *p = c->p;
    size_t i, y, k, t, n = u->n_units, N = u->N;
    int rc;
    draw_sample(c, wk->mult, s, &wk->variant);
    if (c->data_input1 && (rc = data_eval(c, wk, s, 0)))
        return rc;
    for (y = 0; y < u->n_years; y++) {
        if ((rc = eval_year(variant_ctx(c, wk->variant), wk, y)))
            return rc;
        for (t = 0; t < u->n_track; t++) {
            const double *col = wk->block + u->track[t] * n;
            size_t v, cell0 = TCELL(u, 0, y, t);
            if (!is_dirty(c, u->track[t])) /* nominal in every replication: filled at the end */
                continue;
            govidx__rank_u32(wk->ranks, col, n, 1, GOVIDX_TIE_TOLERANCE, wk->scratch);
            for (v = 0; v < n; v++) {
                if (u->draws)
                    u->draws[DCELL(u, v, y, t) * N + s] = col[v];
                wk->hist[(cell0 + v) * (n + 1) + wk->ranks[v]]++;
            }
        }
        if (u->has_sobol)
            store_outputs(c, wk, y, c->fA, N, s);
    }
    if (!u->has_sobol)
        return GOVIDX_OK;
    /* B, then A with input i's weights from B */
    for (k = 0; k < p->n_nodes; k++)
        wk->mult[k] = 1.0;
    wk->variant = 0;
    for (i = 0; i < c->n_inputs; i++)
        draw_input(c, i, s, 1, wk->mult, NULL, &wk->variant);
    if (c->data_input1 && (rc = data_eval(c, wk, s, 1)))
        return rc;
    for (y = 0; y < u->n_years; y++) {
        if ((rc = eval_year(variant_ctx(c, wk->variant), wk, y)))
            return rc;
        store_outputs(c, wk, y, c->fB, N, s);
    }
    for (i = 0; i < c->n_inputs; i++) {
        size_t j;
        for (k = 0; k < p->n_nodes; k++)
            wk->mult[k] = 1.0;
        wk->variant = 0;
        for (j = 0; j < c->n_inputs; j++)
            draw_input(c, j, s, j == i ? 1 : 0, wk->mult, NULL, &wk->variant);
        if (c->data_input1 && (rc = data_eval(c, wk, s, i == c->data_input1 - 1 ? 1 : 0)))
            return rc;
        for (y = 0; y < u->n_years; y++) {
            size_t r, v;
            if ((rc = eval_year(variant_ctx(c, wk->variant), wk, y)))
                return rc;
            for (r = 0; r < u->n_roots; r++) {
                size_t kk = u->roots[r], o = (y * u->n_roots + r) * (n + 1);
                for (v = 0; v < n; v++)
                    c->fAB[((o + v) * c->n_inputs + i) * N + s] = wk->block[kk * n + v];
                c->fAB[((o + n) * c->n_inputs + i) * N + s] = rank_shift(c, wk, y, kk);
            }
        }
    }
    return GOVIDX_OK;
}

void *worker_main(void *arg)
{
    ux_worker *wk = arg;
    ux_ctx *c = wk->c;
    size_t batch = c->o.batch;
    for (;;) {
        size_t first, last, s;
        int rc = GOVIDX_OK;
        pthread_mutex_lock(&c->lock);
        if (c->cancel || c->rc || c->next >= c->u->N) {
            pthread_mutex_unlock(&c->lock);
            break;
        }
        first = c->next;
        last = first + batch < c->u->N ? first + batch : c->u->N;
        c->next = last;
        pthread_mutex_unlock(&c->lock);
        if (c->linear)
            for (s = first; s < last && rc == GOVIDX_OK; s += UX_CHUNK)
                rc = run_chunk(c, wk, s, last - s < UX_CHUNK ? last - s : UX_CHUNK);
        else
            for (s = first; s < last && rc == GOVIDX_OK; s++)
                rc = run_sample(c, wk, s);
        pthread_mutex_lock(&c->lock);
        if (rc && !c->rc) {
            c->rc = rc;
            snprintf(c->msg, sizeof c->msg, "%s", govidx_last_error());
        }
        c->done += last - first;
        if (!rc && c->o.progress && !c->cancel && c->o.progress(c->o.progress_ctx, c->done, c->u->N))
            c->cancel = 1;
        pthread_mutex_unlock(&c->lock);
    }
    return NULL;
}

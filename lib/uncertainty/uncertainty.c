/*
 * lib/uncertainty/uncertainty.c - Monte Carlo uncertainty analysis and Sobol indices of
 * a plan's index tree under perturbed weights (govidx/uncertainty.h).
 *
 * Why re-aggregate here instead of running the plan per replication: a
 * plan's weights are frozen, and a weight change touches only aggregation.
 * The plan is executed once (denominate, impute, treat, normalise, nominal
 * aggregation); each replication then recomputes only the aggregate nodes
 * above a perturbed weight, with the plan's own aggregation options
 * (govidx__aggregate), so every aggregation method but benefit of the doubt
 * is supported as the plan computes it.
 *
 * The linear path: when every recomputed node is a weighted arithmetic mean
 * (no data-availability threshold, no EGDI rescaling) and a year has no
 * missing indicator value, each node's score is the normalised indicator
 * matrix Z (units x leaves) times the effective leaf weights (the product
 * of the renormalised weights along the path).  The scores of a chunk of
 * UX_CHUNK replications for all recomputed nodes are then one dgemm:
 * Z times an effective-weight matrix (leaves x nodes * UX_CHUNK).  Chunks
 * start at multiples of UX_CHUNK and are always that wide (padded with zero
 * columns), so the arithmetic of a replication does not depend on the
 * batch size or thread; nominal scores come from the same path.
 *
 * Determinism: replication s draws node a's weights from the stream
 * (seed, s, matrix, a); threads take blocks of replications, keep their own
 * rank histograms (integer counts, summed at the end) and write scores into
 * the replication's own slots, so nothing depends on the thread count or
 * the batch size.
 * SPDX-License-Identifier: MIT
 */
#include "composite/plan_internal.h"
#include "composite/result_internal.h"
#include "core/fmtdouble.h"
#include "uncertainty_internal.h"
#include "govidx/uncertainty.h"

#include <cblas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* version 1 ends at progress_ctx; version 2 adds sampling and data_noise */
static const govidx_uncertainty_options uncertainty_options_versions_defaults = GOVIDX_UNCERTAINTY_OPTIONS_INIT;
static const size_t uncertainty_options_versions_sizes[2] = {GOVIDX__END(govidx_uncertainty_options, progress_ctx),
                                                             GOVIDX__END(govidx_uncertainty_options, data_noise)};
static const govidx__versioned uncertainty_options_versions = {"uncertainty options", 2,
                                                               uncertainty_options_versions_sizes,
                                                               &uncertainty_options_versions_defaults};

int govidx_uncertainty_options_init(govidx_uncertainty_options *opts, unsigned version)
{
    return govidx__versioned_init(&uncertainty_options_versions, opts, version);
}

struct govidx_uncertainty {
    size_t n_units, n_years, n_nodes, N;
    char **unit_codes, **node_codes;
    int *years;
    double *nominal;         /* cells, GOVIDX__CELL layout */
    size_t n_track;          /* nodes with statistics: all, or the roots (roots_only) */
    size_t *track, *track_of; /* t -> node; node -> t or NONE */
    uint32_t *nominal_rank;
    /* per tracked cell TCELL: */
    size_t n_dtrack;         /* tracked nodes a drawn weight reaches (the others stay nominal) */
    size_t *dslot;           /* t -> its place among them, or NONE */
    double *draws;           /* dcell * N + replication; sorted per cell at the end (NaN last) */
    size_t *n_present;
    double *mean;            /* mean score */
    uint32_t *hist;          /* tcell * (n_units + 1) + rank (0 = missing) */
    size_t n_params;
    size_t *param_node, *param_parent;
    size_t *dropped;         /* leave_one_out: the indicator dropped in each replication */
    size_t *parent_of;       /* node -> parent or NONE */
    double *params;          /* replication * n_params + p */
    /* Sobol */
    int has_sobol;
    size_t n_inputs;
    char **input_codes;      /* "weights:CODE" */
    size_t n_roots;
    size_t *roots;           /* node indices */
    double *sobol;           /* ((y * n_roots + r) * (n_units + 1) + u) * n_inputs * 6; u = n_units: the scalar */
    double sobol_width;
};

#define CELL(u, unit, year, node) (((year) * (u)->n_nodes + (node)) * (u)->n_units + (unit))
#define TCELL(u, unit, year, t) (((year) * (u)->n_track + (t)) * (u)->n_units + (unit))
#define DCELL(u, unit, year, t) (((year) * (u)->n_dtrack + (u)->dslot[t]) * (u)->n_units + (unit))

/* The fixed part of a run, shared read-only by the workers. */
#define UX_CHUNK 64

typedef struct ux_ctx {
    const govidx_plan *p;
    govidx_uncertainty_options o;
    govidx_uncertainty *u;
    const double *nominal;   /* cells */
    unsigned char *perturbed; /* node: its weight within its parent is drawn */
    unsigned char *dirty;    /* agg index: recomputed per replication */
    size_t *inputs;          /* agg indices whose children are drawn (Sobol inputs) */
    size_t n_inputs;         /* n_winputs, + 1 with leave_one_out (the last input) */
    size_t n_winputs;
    size_t *dim0;            /* input -> its first coordinate (Sobol' sampling) */
    /* data noise: the dataset's panel and standard errors per year; the
     * data input is input data_input1 - 1 (0 = none, the last input) */
    const govidx_panel *dpanel;
    govidx_matrix_view *se;
    size_t data_input1;
    size_t n_dims;           /* coordinates of one matrix (A or B) */
    size_t *drop;            /* leave_one_out: the indicators that may be dropped */
    size_t n_drop;
    /* method switches (vary): one context per combination of values, the
     * combination of replication s drawn per key (the last inputs) */
    struct ux_ctx *vc;
    size_t n_comb;
    size_t *vary_n;          /* values per key */
    size_t max_children;
    size_t n_evals_per_sample; /* 1, or k + 2 with Sobol */
    double *fA, *fB, *fAB;   /* Sobol outputs: o * N + s; fAB (o * k + i) * N + s */
    /* the linear path */
    int linear;              /* every recomputed node is a plain weighted mean */
    unsigned char *linear_year; /* ... and year y has no missing indicator */
    size_t nd;               /* recomputed (dirty) nodes */
    size_t *dnode;
    size_t *dleaf_start, *dleaf; /* CSR: the leaves (leaf indices) under dnode[d] */
    double *Z;               /* per year: n_units x n_leaves, normalised indicators */
    size_t n_out;
    /* shared progress */
    pthread_mutex_t lock;
    size_t next, done;
    int cancel, rc;
    char msg[256];
} ux_ctx;

typedef struct ux_worker {
    ux_ctx *c;
    uint32_t *hist;     /* thread's own histogram */
    double *block;      /* n_nodes x n_units: one year's scores */
    double *work;       /* n_units x max_children */
    double *mult;       /* node -> weight multiplier */
    double *w;          /* max_children */
    uint32_t *ranks;
    void *scratch;
    double *rw;         /* linear path: UX_CHUNK x n_nodes renormalised weights */
    double *weff;       /* n_leaves x (nd * UX_CHUNK) */
    double *C;          /* n_units x (nd * UX_CHUNK) */
    double *mults;      /* UX_CHUNK x n_nodes multipliers */
    size_t variant;     /* the combination of method switches drawn */
    /* data noise: this replication's perturbed panel and its execution */
    double *pdata;
    govidx_matrix_view *pviews;
    govidx_panel ppanel;
    govidx_result *dres;
    const double *base; /* dres's scores: the unperturbed-weights cells of this replication */
} ux_worker;

static const double *set_weights(const govidx_plan *p, const plan_agg *a, size_t y)
{
    return a->weights + (p->n_weight_sets > 1 ? y * a->n_children : 0);
}

/* A uniform draw: the stream's next number, or with Sobol' sampling
 * coordinate dim of point s in matrix m's block of coordinates. */
static double ux_uniform(const ux_ctx *c, govidx__rng *g, uint64_t s, uint64_t m, size_t dim)
{
    if (c->o.sampling == GOVIDX_SAMPLING_SOBOL)
        return govidx__sobol_point(s, (size_t)m * c->n_dims + dim);
    return govidx__rng_uniform(g);
}

/* The multipliers of node a's children for (sample s, matrix m); with
 * Sobol' sampling the perturbed children take coordinates dim, dim + 1, ... */
static void draw_node(const ux_ctx *c, size_t ai, uint64_t s, uint64_t m, double *mult, size_t dim)
{
    const plan_agg *a = &c->p->aggs[ai];
    const double *w0 = set_weights(c->p, a, 0);
    govidx__rng g = govidx__rng_stream(c->o.seed, s, m, ai);
    size_t j;
    if (c->o.weights_dirichlet > 0.0) {
        double mass = 0.0, total = 0.0;
        for (j = 0; j < a->n_children; j++)
            if (c->perturbed[a->children[j]] && w0[j] > 0.0) {
                mult[a->children[j]] = govidx__rng_gamma(&g, c->o.weights_dirichlet * w0[j]);
                mass += w0[j];
                total += mult[a->children[j]];
            }
        for (j = 0; j < a->n_children; j++) {
            size_t k = a->children[j];
            if (c->perturbed[k] && w0[j] > 0.0)
                mult[k] = total > 0.0 ? mass * mult[k] / total / w0[j] : 1.0;
            else
                mult[k] = 1.0;
        }
        return;
    }
    for (j = 0; j < a->n_children; j++) {
        size_t k = a->children[j];
        mult[k] = c->perturbed[k] ? 1.0 - c->o.weights_noise + 2.0 * c->o.weights_noise * ux_uniform(c, &g, s, m, dim++)
                                  : 1.0;
    }
}

/* Input i of (sample s, matrix m) into mult: a node's weights, or the
 * indicator left out (the last input, drawn after every weight). */
static void draw_input(const ux_ctx *c, size_t i, uint64_t s, uint64_t m, double *mult, size_t *dropped,
                       size_t *variant)
{
    govidx__rng g;
    size_t k;
    if (c->data_input1 && i == c->data_input1 - 1) /* data noise: drawn by data_eval */
        return;
    if (i < c->n_winputs) {
        draw_node(c, c->inputs[i], s, m, mult, c->dim0 ? c->dim0[i] : 0);
        return;
    }
    if (i > c->n_winputs || !c->o.leave_one_out) { /* method switch j: its value, mixed radix */
        size_t j = i - c->n_winputs - (c->o.leave_one_out ? 1 : 0), stride = 1, t;
        for (t = 0; t < j; t++)
            stride *= c->vary_n[t];
        g = govidx__rng_stream(c->o.seed, s, m, UINT64_MAX - 1 - j);
        k = (size_t)(ux_uniform(c, &g, s, m, c->dim0 ? c->dim0[i] : 0) * (double)c->vary_n[j]);
        k = k < c->vary_n[j] ? k : c->vary_n[j] - 1;
        *variant += k * stride;
        return;
    }
    g = govidx__rng_stream(c->o.seed, s, m, UINT64_MAX);
    k = (size_t)(ux_uniform(c, &g, s, m, c->dim0 ? c->dim0[i] : 0) * (double)c->n_drop);
    k = k < c->n_drop ? k : c->n_drop - 1;
    mult[c->drop[k]] = 0.0;
    if (dropped)
        *dropped = c->drop[k];
}

/* One evaluation: the scores of every node of year y into wk->block.  mult
 * holds the drawn multipliers. */
static int eval_year(const ux_ctx *c, ux_worker *wk, size_t y)
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

static int is_dirty(const ux_ctx *c, size_t node)
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

/* Replication s's multipliers into mult, and its parameters. */
static void draw_sample(const ux_ctx *c, double *mult, size_t s, size_t *variant)
{
    govidx_uncertainty *u = c->u;
    const govidx_plan *p = c->p;
    size_t i, k, pi;
    for (k = 0; k < p->n_nodes; k++)
        mult[k] = 1.0;
    *variant = 0;
    for (i = 0; i < c->n_inputs; i++)
        draw_input(c, i, s, 0, mult, u->dropped ? &u->dropped[s] : NULL, variant);
    for (pi = 0; pi < u->n_params; pi++) { /* the drawn weights, renormalised (first weight set) */
        const plan_agg *a = &p->aggs[p->agg_of_node[u->param_parent[pi]]];
        const double *w0 = set_weights(p, a, 0);
        double total = 0.0, mine = 0.0;
        for (i = 0; i < a->n_children; i++) {
            double w = w0[i] * mult[a->children[i]];
            total += w;
            if (a->children[i] == u->param_node[pi])
                mine = w;
        }
        u->params[s * u->n_params + pi] = total > 0.0 ? mine / total : NAN;
    }
}

/* The linear path for year y: wk->C column (d * UX_CHUNK + j) = the scores
 * of node dnode[d] under the multipliers wk->mults[j * n_nodes ..], for
 * j < count; the other columns are zero weights. */
static void linear_eval(const ux_ctx *c, ux_worker *wk, size_t y, size_t count)
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

static void *worker_main(void *arg)
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

void govidx_uncertainty_free(govidx_uncertainty *u)
{
    size_t i;
    if (!u)
        return;
    for (i = 0; u->unit_codes && i < u->n_units; i++)
        govidx__free(u->unit_codes[i]);
    for (i = 0; u->node_codes && i < u->n_nodes; i++)
        govidx__free(u->node_codes[i]);
    for (i = 0; u->input_codes && i < u->n_inputs; i++)
        govidx__free(u->input_codes[i]);
    govidx__free(u->unit_codes);
    govidx__free(u->node_codes);
    govidx__free(u->input_codes);
    govidx__free(u->years);
    govidx__free(u->nominal);
    govidx__free(u->nominal_rank);
    govidx__free(u->draws);
    govidx__free(u->dslot);
    govidx__free(u->n_present);
    govidx__free(u->mean);
    govidx__free(u->hist);
    govidx__free(u->param_node);
    govidx__free(u->param_parent);
    govidx__free(u->dropped);
    govidx__free(u->parent_of);
    govidx__free(u->params);
    govidx__free(u->roots);
    govidx__free(u->track);
    govidx__free(u->track_of);
    govidx__free(u->sobol);
    govidx__free(u);
}

/* Validate the specification against the plan: which weights are drawn. */
static int resolve(ux_ctx *c)
{
    const govidx_plan *p = c->p;
    const govidx_uncertainty_options *o = &c->o;
    unsigned levels = o->noise_levels, found = 0;
    size_t k, i;
    if (o->replications == 0)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: replications must be at least 1");
    if (!(o->weights_noise >= 0.0 && o->weights_noise < 1.0))
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: weights_noise %g is outside [0, 1)", o->weights_noise);
    if (!(o->weights_dirichlet >= 0.0) || isinf(o->weights_dirichlet))
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: weights_dirichlet %g must be finite and >= 0",
                            o->weights_dirichlet);
    if (o->weights_dirichlet > 0.0 && o->weights_noise > 0.0)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: weights_noise and weights_dirichlet are two weight "
                                           "models; set one");
    if (o->sampling != GOVIDX_SAMPLING_RANDOM && o->sampling != GOVIDX_SAMPLING_SOBOL)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: sampling %d is neither GOVIDX_SAMPLING_RANDOM nor "
                                           "GOVIDX_SAMPLING_SOBOL", o->sampling);
    if (o->sampling == GOVIDX_SAMPLING_SOBOL && o->weights_dirichlet > 0.0)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol' sampling draws uniforms; the Dirichlet weight model "
                                           "needs Gamma draws (use weights_noise, or random sampling)");
    if (o->sampling == GOVIDX_SAMPLING_SOBOL && o->replications > UINT32_MAX)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol' sampling takes at most 2^32 replications");
    if (o->sobol && (!(o->sobol_width > 0.0) || o->replications < 2))
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol indices need replications >= 2 and sobol_width > 0");
    for (k = 0; k < p->n_nodes; k++)
        if (govidx_framework_parent(p->fw, k) != NONE) {
            int lv = govidx_framework_level(p->fw, k);
            if (lv >= 1 && lv <= 31) {
                found |= 1u << lv;
                if (!levels || (levels >> lv & 1u))
                    c->perturbed[k] = 1;
            }
        }
    if (o->leave_one_out) { /* an indicator with a sibling: its parent keeps a score */
        for (k = 0; k < p->n_leaves; k++) {
            size_t node = p->leaves[k].node, parent = govidx_framework_parent(p->fw, node);
            if (parent != NONE && govidx_framework_n_children(p->fw, parent) >= 2)
                c->drop[c->n_drop++] = node;
        }
        if (!c->n_drop)
            return govidx__fail(GOVIDX_ENOTFOUND, "uncertainty: leave_one_out: no indicator has a sibling to "
                                                  "take its place");
    }
    for (i = 0; i < 32; i++)
        if ((levels >> i & 1u) && !(found >> i & 1u))
            return govidx__fail(GOVIDX_ENOTFOUND, "uncertainty: no weight at noise level %zu (the tree's nodes "
                                                  "with a parent are at levels %s)",
                                i, found ? "1 up to its depth - 1" : "none");
    for (k = 0; k < p->n_nodes; k++) {
        size_t node = p->exec_order[k], ai = p->agg_of_node[node], j;
        const plan_agg *a;
        int drawn = 0, dirty = 0;
        if (ai == NONE)
            continue;
        a = &p->aggs[ai];
        for (j = 0; j < a->n_children; j++) {
            size_t ch = a->children[j], cai = p->agg_of_node[ch];
            drawn |= c->perturbed[ch];
            dirty |= c->perturbed[ch] || (cai != NONE && c->dirty[cai]) ||
                     (o->leave_one_out && cai == NONE && a->n_children >= 2);
        }
        /* with zero noise nothing changes, but the path is the same */
        c->dirty[ai] = (unsigned char)dirty;
        if (dirty && a->bod)
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: node '%s' aggregates by benefit of the doubt, whose "
                                               "weights are not given; perturb levels above or below it",
                                govidx_framework_node_code(p->fw, node));
        if (drawn)
            c->inputs[c->n_inputs++] = ai;
        if (a->n_children > c->max_children)
            c->max_children = a->n_children;
    }
    if (c->n_inputs == 0)
        return govidx__fail(GOVIDX_ENOTFOUND, "uncertainty: no weight to perturb (the tree has no aggregate)");
    c->n_winputs = c->n_inputs;
    if (o->leave_one_out)
        c->n_inputs++;
    return GOVIDX_OK;
}

/* Sort v[0..n) ascending, NaN last; returns the number of non-NaN values.
 * LSD radix sort on the order-preserving 64-bit image of each double. */
static size_t sort_draws(double *v, size_t n, uint64_t *k, uint64_t *k2, size_t *count)
{
    size_t i, m = 0, pass;
    for (i = 0; i < n; i++)
        if (!isnan(v[i])) {
            uint64_t b;
            memcpy(&b, &v[i], sizeof b);
            k[m++] = b >> 63 ? ~b : b | 0x8000000000000000ULL;
        }
    for (pass = 0; pass < 64; pass += 16) {
        size_t sum = 0;
        uint64_t *t;
        memset(count, 0, 65537 * sizeof *count);
        for (i = 0; i < m; i++)
            count[(k[i] >> pass & 0xffff) + 1]++;
        for (i = 1; i <= 65536; i++)
            count[i] = sum += count[i];
        for (i = 0; i < m; i++)
            k2[count[k[i] >> pass & 0xffff]++] = k[i];
        t = k;
        k = k2;
        k2 = t;
    }
    for (i = 0; i < m; i++) { /* four passes: the sorted keys are back in k */
        uint64_t b = k[i] >> 63 ? k[i] & 0x7fffffffffffffffULL : ~k[i];
        memcpy(&v[i], &b, sizeof b);
    }
    for (; i < n; i++)
        v[i] = NAN;
    return m;
}

static int finish_stats(govidx_uncertainty *u)
{
    size_t y, t, v, s;
    uint64_t *k = u->draws ? govidx__mallocarray(u->N, 2 * sizeof *k) : NULL;
    size_t *count = u->draws ? govidx__mallocarray(65537, sizeof *count) : NULL;
    if (u->draws && (!k || !count)) {
        govidx__free(k);
        govidx__free(count);
        return govidx__oom();
    }
    for (y = 0; y < u->n_years; y++)
        for (t = 0; t < u->n_track; t++)
            for (v = 0; v < u->n_units; v++) {
                size_t cl = TCELL(u, v, y, t);
                double *d, sum = 0.0, x0 = u->nominal[CELL(u, v, y, u->track[t])];
                if (u->dslot[t] == NONE) { /* nominal in every replication */
                    u->mean[cl] = x0;
                    u->n_present[cl] = isnan(x0) ? 0 : u->N;
                    continue;
                }
                if (!u->draws) {
                    u->mean[cl] = NAN;
                    continue;
                }
                d = u->draws + DCELL(u, v, y, t) * u->N;
                for (s = 0; s < u->N; s++) /* in replication order: the same sum for any thread count */
                    if (!isnan(d[s]))
                        sum += d[s];
                u->n_present[cl] = sort_draws(d, u->N, k, k + u->N, count);
                u->mean[cl] = u->n_present[cl] ? sum / (double)u->n_present[cl] : NAN;
            }
    govidx__free(k);
    govidx__free(count);
    return GOVIDX_OK;
}

static void free_ctx_arrays(ux_ctx *c)
{
    govidx__free(c->dim0);
    govidx__free(c->perturbed);
    govidx__free(c->dirty);
    govidx__free(c->inputs);
    govidx__free(c->drop);
}

/* The context of each combination of method switches: its plan and nominal
 * result, the same drawn weights (checked: the same inputs). */
static int make_variants(ux_ctx *c, govidx_plan *const *vplans, govidx_result *const *vnoms, size_t n_comb,
                         const size_t *vary_n, size_t n_vary)
{
    size_t v, i;
    int rc;
    c->vc = govidx__calloc(n_comb, sizeof *c->vc);
    if (!c->vc)
        return govidx__oom();
    c->n_comb = n_comb;
    c->vary_n = (size_t *)vary_n;
    for (v = 0; v < n_comb; v++) {
        ux_ctx *x = &c->vc[v];
        const govidx_plan *p = vplans[v];
        x->p = p;
        x->o = c->o;
        x->u = c->u;
        x->perturbed = govidx__calloc(p->n_nodes, 1);
        x->dirty = govidx__calloc(p->n_aggs ? p->n_aggs : 1, 1);
        x->inputs = govidx__calloc(p->n_aggs ? p->n_aggs : 1, sizeof *x->inputs);
        x->drop = govidx__calloc(p->n_leaves ? p->n_leaves : 1, sizeof *x->drop);
        if (!x->perturbed || !x->dirty || !x->inputs || !x->drop)
            return govidx__oom();
        if ((rc = resolve(x)))
            return rc;
        if (x->n_winputs != c->n_winputs || x->n_drop != c->n_drop || p->n_nodes != c->p->n_nodes)
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: a method switch changes which weights exist");
        for (i = 0; i < x->n_winputs; i++)
            if (p->aggs[x->inputs[i]].node != c->p->aggs[c->inputs[i]].node)
                return govidx__fail(GOVIDX_EINVAL, "uncertainty: a method switch changes which weights exist");
        x->n_inputs = c->n_winputs + (c->o.leave_one_out ? 1 : 0) + n_vary;
        x->vary_n = (size_t *)vary_n;
        x->nominal = vnoms[v]->scores;
        if (x->max_children > c->max_children)
            c->max_children = x->max_children;
    }
    c->n_inputs = c->n_winputs + (c->o.leave_one_out ? 1 : 0) + n_vary;
    return GOVIDX_OK;
}

typedef struct ux_variants {
    govidx_plan **plans;
    govidx_result **noms;
    size_t n_comb, n_vary;
    size_t *vary_n;
} ux_variants;

static int core(govidx_uncertainty **out, const govidx_plan *p, const govidx_result *nom, const ux_variants *var,
                const govidx_uncertainty_options *opts, const govidx_panel *dpanel, govidx_matrix_view *se)
{
    ux_ctx c;
    govidx_uncertainty *u;
    ux_worker *wk = NULL;
    pthread_t *tid = NULL;
    size_t n, cells, tcells, k, y, t, nt, N, started = 0;
    int rc;
    memset(&c, 0, sizeof c);
    if ((rc = govidx__versioned_read(&uncertainty_options_versions, &c.o, opts)))
        return rc;
    c.p = p;
    n = p->n_units;
    N = c.o.replications;
    c.perturbed = govidx__calloc(p->n_nodes, 1);
    c.dirty = govidx__calloc(p->n_aggs ? p->n_aggs : 1, 1);
    c.inputs = govidx__calloc(p->n_aggs ? p->n_aggs : 1, sizeof *c.inputs);
    c.drop = govidx__calloc(p->n_leaves ? p->n_leaves : 1, sizeof *c.drop);
    u = govidx__calloc(1, sizeof *u);
    if (!c.perturbed || !c.dirty || !c.inputs || !c.drop || !u) {
        rc = govidx__oom();
        goto done;
    }
    c.u = u;
    if ((rc = resolve(&c)) || (var->n_comb && (rc = make_variants(&c, var->plans, var->noms, var->n_comb,
                                                                   var->vary_n, var->n_vary))))
        goto done;
    if (c.o.data_noise) { /* the last input; every node moves */
        c.dpanel = dpanel;
        c.se = se;
        c.n_inputs++;
        c.data_input1 = c.n_inputs;
        for (k = 0; k < c.n_comb; k++)
            c.vc[k].n_inputs = c.n_inputs;
    }
    if (c.o.sampling == GOVIDX_SAMPLING_SOBOL) { /* each input's coordinates: one per drawn weight, else one */
        size_t i, j, need;
        if (!(c.dim0 = govidx__mallocarray(c.n_inputs, sizeof *c.dim0))) {
            rc = govidx__oom();
            goto done;
        }
        for (i = 0; i < c.n_inputs; i++) {
            c.dim0[i] = c.n_dims;
            if (i < c.n_winputs) {
                const plan_agg *a = &p->aggs[c.inputs[i]];
                for (j = 0; j < a->n_children; j++)
                    c.n_dims += c.perturbed[a->children[j]];
            } else
                c.n_dims++;
        }
        need = c.o.sobol ? 2 * c.n_dims : c.n_dims;
        if (need > GOVIDX__SOBOL_DIMS) {
            rc = govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol' sampling of this run needs %zu coordinates; the "
                                             "Joe & Kuo table here has %d (draw fewer weights, or random sampling)",
                              need, GOVIDX__SOBOL_DIMS);
            goto done;
        }
    }
    u->n_units = n;
    u->n_years = nom->n_years;
    u->n_nodes = p->n_nodes;
    u->N = N;
    u->has_sobol = c.o.sobol;
    u->sobol_width = c.o.sobol_width;
    cells = u->n_years * u->n_nodes * n;
    u->track = govidx__mallocarray(p->n_nodes, sizeof *u->track);
    u->track_of = govidx__mallocarray(p->n_nodes, sizeof *u->track_of);
    if (!u->track || !u->track_of) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < p->n_nodes; k++) {
        int keep = !c.o.roots_only || govidx_framework_parent(p->fw, k) == NONE;
        u->track_of[k] = keep ? u->n_track : NONE;
        if (keep)
            u->track[u->n_track++] = k;
    }
    tcells = u->n_years * u->n_track * n;
    u->unit_codes = govidx__calloc(n, sizeof *u->unit_codes);
    u->node_codes = govidx__calloc(p->n_nodes, sizeof *u->node_codes);
    u->years = govidx__mallocarray(u->n_years, sizeof *u->years);
    u->nominal = govidx__mallocarray(cells, sizeof *u->nominal);
    u->nominal_rank = govidx__mallocarray(cells, sizeof *u->nominal_rank);
    if (N > SIZE_MAX / sizeof(double)) {
        rc = govidx__fail(GOVIDX_EDIM, "uncertainty: %zu replications are too many to keep", N);
        goto done;
    }
    u->dslot = govidx__mallocarray(u->n_track ? u->n_track : 1, sizeof *u->dslot);
    if (!u->dslot) {
        rc = govidx__oom();
        goto done;
    }
    for (t = 0; t < u->n_track; t++)
        u->dslot[t] = is_dirty(&c, u->track[t]) ? u->n_dtrack++ : NONE;
    u->draws = c.o.ranks_only || !u->n_dtrack
                   ? NULL
                   : govidx__mallocarray(u->n_years * u->n_dtrack * n, N * sizeof *u->draws);
    u->n_present = govidx__calloc(tcells, sizeof *u->n_present);
    u->mean = govidx__mallocarray(tcells, sizeof *u->mean);
    u->hist = govidx__calloc(tcells, (n + 1) * sizeof *u->hist);
    u->roots = govidx__mallocarray(p->n_nodes, sizeof *u->roots);
    if (!u->unit_codes || !u->node_codes || !u->years || !u->nominal || !u->nominal_rank || (!u->draws && !c.o.ranks_only && u->n_dtrack) ||
        !u->n_present || !u->mean || !u->hist || !u->roots) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < n; k++)
        if (!(u->unit_codes[k] = govidx__strdup(nom->unit_codes[k]))) {
            rc = govidx__oom();
            goto done;
        }
    for (k = 0; k < p->n_nodes; k++) {
        if (!(u->node_codes[k] = govidx__strdup(govidx_framework_node_code(p->fw, k)))) {
            rc = govidx__oom();
            goto done;
        }
        if (govidx_framework_parent(p->fw, k) == NONE)
            u->roots[u->n_roots++] = k;
        if (c.perturbed[k])
            u->n_params++;
    }
    memcpy(u->years, nom->years, u->n_years * sizeof *u->years);
    u->param_node = govidx__mallocarray(u->n_params ? u->n_params : 1, sizeof *u->param_node);
    u->param_parent = govidx__mallocarray(u->n_params ? u->n_params : 1, sizeof *u->param_parent);
    u->params = govidx__mallocarray(N, (u->n_params ? u->n_params : 1) * sizeof *u->params);
    u->dropped = c.o.leave_one_out ? govidx__calloc(N, sizeof *u->dropped) : NULL;
    u->parent_of = govidx__mallocarray(p->n_nodes, sizeof *u->parent_of);
    if (!u->param_node || !u->param_parent || !u->params || (c.o.leave_one_out && !u->dropped) || !u->parent_of) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < p->n_nodes; k++)
        u->parent_of[k] = govidx_framework_parent(p->fw, k);
    for (k = 0, t = 0; k < p->n_nodes; k++)
        if (c.perturbed[k]) {
            u->param_node[t] = k;
            u->param_parent[t++] = govidx_framework_parent(p->fw, k);
        }
    if (u->has_sobol) {
        u->n_inputs = c.n_inputs;
        u->input_codes = govidx__calloc(c.n_inputs, sizeof *u->input_codes);
        c.n_out = u->n_years * u->n_roots * (n + 1);
        c.fA = govidx__mallocarray(c.n_out, N * sizeof *c.fA);
        c.fB = govidx__mallocarray(c.n_out, N * sizeof *c.fB);
        c.fAB = govidx__mallocarray(c.n_out * c.n_inputs, N * sizeof *c.fAB);
        u->sobol = govidx__mallocarray(c.n_out * c.n_inputs, 6 * sizeof *u->sobol);
        if (!u->input_codes || !c.fA || !c.fB || !c.fAB || !u->sobol) {
            rc = govidx__oom();
            goto done;
        }
        if (c.data_input1 && !(u->input_codes[c.data_input1 - 1] = govidx__strdup("data-noise"))) {
            rc = govidx__oom();
            goto done;
        }
        if (c.o.leave_one_out && !(u->input_codes[c.n_winputs] = govidx__strdup("leave-one-out"))) {
            rc = govidx__oom();
            goto done;
        }
        for (k = 0; k < var->n_vary; k++) {
            const govidx_uncertainty_vary *vy = &c.o.vary[k];
            size_t at = c.n_winputs + (c.o.leave_one_out ? 1 : 0) + k;
            size_t len = strlen(vy->key) + (vy->node ? strlen(vy->node) + 1 : 0) + sizeof "vary:";
            if (!(u->input_codes[at] = govidx__malloc(len))) {
                rc = govidx__oom();
                goto done;
            }
            snprintf(u->input_codes[at], len, "vary:%s%s%s", vy->node ? vy->node : "", vy->node ? ":" : "", vy->key);
        }
        for (k = 0; k < c.n_winputs; k++) {
            const char *code = govidx_framework_node_code(p->fw, p->aggs[c.inputs[k]].node);
            size_t len = strlen(code) + sizeof "weights:";
            if (!(u->input_codes[k] = govidx__malloc(len))) {
                rc = govidx__oom();
                goto done;
            }
            snprintf(u->input_codes[k], len, "weights:%s", code);
        }
    }
    /* the linear path: which nodes, which leaves under each, Z per year */
    c.linear = !u->has_sobol && !c.n_comb && !c.o.data_noise && !p->rescale_aggregates && p->n_leaves > 0;
    for (k = 0; k < p->n_aggs && c.linear; k++)
        if (c.dirty[k] && (p->aggs[k].bod || p->aggs[k].opts.method != GOVIDX_AGG_ARITHMETIC ||
                           p->aggs[k].opts.min_share > 0.0))
            c.linear = 0;
    if (c.linear) {
        size_t d, l, L = p->n_leaves, total = 0;
        for (k = 0; k < p->n_aggs; k++) /* only the nodes with statistics: each is computed from Z alone */
            c.nd += c.dirty[k] && u->track_of[p->aggs[k].node] != NONE;
        c.dnode = govidx__mallocarray(c.nd, sizeof *c.dnode);
        c.dleaf_start = govidx__calloc(c.nd + 1, sizeof *c.dleaf_start);
        c.dleaf = govidx__mallocarray(c.nd, L * sizeof *c.dleaf);
        c.Z = govidx__mallocarray(u->n_years * L, n * sizeof *c.Z);
        c.linear_year = govidx__calloc(u->n_years, 1);
        if (!c.dnode || !c.dleaf_start || !c.dleaf || !c.Z || !c.linear_year) {
            rc = govidx__oom();
            goto done;
        }
        for (k = 0, d = 0; k < p->n_nodes; k++) {
            size_t node = p->exec_order[k], ai = p->agg_of_node[node];
            if (ai != NONE && c.dirty[ai] && u->track_of[node] != NONE)
                c.dnode[d++] = node;
        }
        for (d = 0; d < c.nd; d++) {
            c.dleaf_start[d] = total;
            for (l = 0; l < L; l++) {
                size_t x = p->leaves[l].node;
                while (x != NONE && x != c.dnode[d])
                    x = govidx_framework_parent(p->fw, x);
                if (x != NONE)
                    c.dleaf[total++] = l;
            }
        }
        c.dleaf_start[c.nd] = total;
        if (c.nd == 0)
            c.linear = 0;
        for (y = 0; y < u->n_years; y++) {
            int ok = 1;
            for (l = 0; l < L; l++) {
                const double *z = nom->scores + GOVIDX__CELL(nom, 0, y, p->leaves[l].node);
                size_t v;
                for (v = 0; v < n; v++)
                    ok &= !isnan(z[v]);
                memcpy(c.Z + (y * L + l) * n, z, n * sizeof *c.Z);
            }
            c.linear_year[y] = (unsigned char)ok;
        }
    }
    nt = c.o.n_threads ? c.o.n_threads : govidx__worker_count(N);
    if (nt > N)
        nt = N;
    if (nt > 64)
        nt = 64;
    if (!c.o.batch)
        c.o.batch = N / (nt * 8) > 1 ? N / (nt * 8) : 1;
    if (c.linear) /* whole chunks: a replication's arithmetic is the same in any batch */
        c.o.batch = (c.o.batch + UX_CHUNK - 1) / UX_CHUNK * UX_CHUNK;
    wk = govidx__calloc(nt, sizeof *wk);
    tid = govidx__calloc(nt, sizeof *tid);
    if (!wk || !tid) {
        rc = govidx__oom();
        goto done;
    }
    for (t = 0; t < nt; t++) {
        wk[t].c = &c;
        wk[t].hist = govidx__calloc(tcells, (n + 1) * sizeof *wk[t].hist);
        wk[t].block = govidx__mallocarray(p->n_nodes, n * sizeof *wk[t].block);
        wk[t].work = govidx__mallocarray(n, (c.max_children ? c.max_children : 1) * sizeof *wk[t].work);
        wk[t].mult = govidx__mallocarray(p->n_nodes, sizeof *wk[t].mult);
        wk[t].w = govidx__mallocarray(c.max_children ? c.max_children : 1, sizeof *wk[t].w);
        wk[t].ranks = govidx__mallocarray(n, sizeof *wk[t].ranks);
        wk[t].scratch = govidx__malloc(govidx__rank_scratch_bytes(n) ? govidx__rank_scratch_bytes(n) : 1);
        if (c.linear) {
            wk[t].rw = govidx__mallocarray(UX_CHUNK, p->n_nodes * sizeof *wk[t].rw);
            wk[t].mults = govidx__mallocarray(UX_CHUNK, p->n_nodes * sizeof *wk[t].mults);
            wk[t].weff = govidx__mallocarray(p->n_leaves, c.nd * UX_CHUNK * sizeof *wk[t].weff);
            wk[t].C = govidx__mallocarray(n, c.nd * UX_CHUNK * sizeof *wk[t].C);
            if (!wk[t].rw || !wk[t].mults || !wk[t].weff || !wk[t].C) {
                rc = govidx__oom();
                goto done;
            }
        }
        if (c.dpanel) { /* this worker's copy of the panel, perturbed per replication */
            size_t y2, rows = c.dpanel->years[0].rows, cols = c.dpanel->years[0].cols;
            wk[t].pdata = govidx__mallocarray(c.dpanel->n_years * rows, cols * sizeof *wk[t].pdata);
            wk[t].pviews = govidx__mallocarray(c.dpanel->n_years, sizeof *wk[t].pviews);
            if (!wk[t].pdata || !wk[t].pviews) {
                rc = govidx__oom();
                goto done;
            }
            for (y2 = 0; y2 < c.dpanel->n_years; y2++) {
                wk[t].pviews[y2].data = wk[t].pdata + y2 * rows * cols;
                wk[t].pviews[y2].rows = rows;
                wk[t].pviews[y2].cols = cols;
                wk[t].pviews[y2].ld = rows;
            }
            wk[t].ppanel = *c.dpanel;
            wk[t].ppanel.years = wk[t].pviews;
        }
        if (!wk[t].hist || !wk[t].block || !wk[t].work || !wk[t].mult || !wk[t].w || !wk[t].ranks ||
            !wk[t].scratch) {
            rc = govidx__oom();
            goto done;
        }
    }
    c.nominal = nom->scores;
    {
        double *nominal = u->nominal;
        for (k = 0; k < p->n_nodes; k++)
            wk[0].mult[k] = 1.0;
        for (y = 0; y < u->n_years; y++) {
            if ((rc = eval_year(&c, &wk[0], y)))
                goto done;
            if (c.linear && c.linear_year[y]) { /* the nominal of the path the replications take */
                size_t d;
                for (k = 0; k < p->n_nodes; k++)
                    wk[0].mults[k] = 1.0;
                linear_eval(&c, &wk[0], y, 1);
                for (d = 0; d < c.nd; d++)
                    memcpy(wk[0].block + c.dnode[d] * n, wk[0].C + d * UX_CHUNK * n, n * sizeof *nominal);
            }
            memcpy(nominal + y * p->n_nodes * n, wk[0].block, p->n_nodes * n * sizeof *nominal);
            for (k = 0; k < p->n_nodes; k++)
                govidx__rank_u32(u->nominal_rank + CELL(u, 0, y, k), wk[0].block + k * n, n, 1, GOVIDX_TIE_TOLERANCE, wk[0].scratch);
        }
        c.nominal = nominal;
    }
    if (pthread_mutex_init(&c.lock, NULL)) {
        rc = govidx__fail(GOVIDX_ENOMEM, "uncertainty: cannot create a lock");
        goto done;
    }
    for (t = 1; t < nt; t++) {
        if (pthread_create(&tid[t], NULL, worker_main, &wk[t]))
            break;
        started++;
    }
    worker_main(&wk[0]);
    for (t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&c.lock);
    if (c.rc) {
        rc = govidx__fail(c.rc, "%s", c.msg);
        goto done;
    }
    if (c.cancel) {
        rc = govidx__fail(GOVIDX_ECANCELED, "uncertainty: cancelled by the progress callback after %zu of %zu "
                                            "replications", c.done, N);
        goto done;
    }
    for (t = 0; t < nt; t++) {
        size_t i, m = tcells * (n + 1);
        for (i = 0; i < m; i++)
            u->hist[i] += wk[t].hist[i];
    }
    for (y = 0; y < u->n_years; y++) /* nodes no drawn weight reaches: nominal every time */
        for (t = 0; t < u->n_track; t++) {
            size_t v, node = u->track[t];
            if (is_dirty(&c, node))
                continue;
            for (v = 0; v < n; v++) {
                size_t cl = TCELL(u, v, y, t);
                u->hist[cl * (n + 1) + u->nominal_rank[CELL(u, v, y, node)]] += (uint32_t)N;
            }
        }
    if ((rc = finish_stats(u)))
        goto done;
    for (k = 0; u->has_sobol && k < c.n_out; k++)
        if ((rc = govidx__sobol_estimate(u->sobol + k * c.n_inputs * 6, c.fA + k * N, c.fB + k * N,
                                         c.fAB + k * c.n_inputs * N, N, c.n_inputs, c.o.bootstrap,
                                         c.o.seed ^ 0xb007ULL))) {
            rc = govidx__oom();
            goto done;
        }
done:
    for (t = 0; wk && t < nt; t++) {
        govidx__free(wk[t].hist);
        govidx__free(wk[t].block);
        govidx__free(wk[t].work);
        govidx__free(wk[t].mult);
        govidx__free(wk[t].w);
        govidx__free(wk[t].ranks);
        govidx__free(wk[t].scratch);
        govidx__free(wk[t].rw);
        govidx__free(wk[t].mults);
        govidx__free(wk[t].weff);
        govidx__free(wk[t].C);
        govidx__free(wk[t].pdata);
        govidx__free(wk[t].pviews);
        govidx_result_free(wk[t].dres);
    }
    govidx__free(wk);
    govidx__free(tid);
    free_ctx_arrays(&c);
    for (t = 0; c.vc && t < c.n_comb; t++)
        free_ctx_arrays(&c.vc[t]);
    govidx__free(c.vc);
    govidx__free(c.fA);
    govidx__free(c.fB);
    govidx__free(c.fAB);
    govidx__free(c.dnode);
    govidx__free(c.dleaf_start);
    govidx__free(c.dleaf);
    govidx__free(c.Z);
    govidx__free(c.linear_year);
    if (rc) {
        govidx_uncertainty_free(u);
        return rc;
    }
    *out = u;
    return GOVIDX_OK;
}

static void variants_free(ux_variants *var)
{
    size_t v;
    for (v = 0; v < var->n_comb; v++) {
        govidx_plan_free(var->plans[v]);
        govidx_result_free(var->noms[v]);
    }
    govidx__free(var->plans);
    govidx__free(var->noms);
    govidx__free(var->vary_n);
}

#define UX_MAX_COMBINATIONS 4096

/* A plan and nominal result per combination of the method switches (the
 * plan's method with each varied key set), on a dataset or a panel.  A key
 * whose values never change a score is an error: the pipeline does not use
 * it with this method, and varying it would be a silent no-op. */
static int variants_make(ux_variants *var, const govidx_plan *plan, const govidx_panel *panel,
                         const govidx_dataset *ds, const govidx_uncertainty_options *opts)
{
    govidx_uncertainty_options o;
    size_t j, v, cells, comb = 1;
    int rc;
    memset(var, 0, sizeof *var);
    if ((rc = govidx__versioned_read(&uncertainty_options_versions, &o, opts)))
        return rc;
    if (!o.n_vary)
        return GOVIDX_OK;
    if (!o.vary)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: n_vary is %zu but vary is NULL", o.n_vary);
    var->n_vary = o.n_vary;
    var->vary_n = govidx__mallocarray(o.n_vary, sizeof *var->vary_n);
    if (!var->vary_n)
        return govidx__oom();
    for (j = 0; j < o.n_vary; j++) {
        const govidx_uncertainty_vary *vy = &o.vary[j];
        if (!vy->key || !vy->values || vy->n_values < 2)
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: vary %zu ('%s') needs a key and at least two values", j,
                                vy->key ? vy->key : "(null)");
        var->vary_n[j] = vy->n_values;
        if (comb > UX_MAX_COMBINATIONS / vy->n_values)
            return govidx__fail(GOVIDX_EDIM, "uncertainty: the varied keys make more than %d method combinations",
                                UX_MAX_COMBINATIONS);
        comb *= vy->n_values;
    }
    /* n_comb is set only with the arrays: variants_free walks it */
    var->plans = govidx__calloc(comb, sizeof *var->plans);
    var->noms = govidx__calloc(comb, sizeof *var->noms);
    var->n_comb = comb;
    if (!var->plans || !var->noms) {
        govidx__free(var->plans);
        govidx__free(var->noms);
        var->plans = NULL;
        var->noms = NULL;
        var->n_comb = 0;
        return govidx__oom();
    }
    for (v = 0, rc = GOVIDX_OK; v < var->n_comb && rc == GOVIDX_OK; v++) {
        govidx_method *m = NULL;
        size_t rest = v;
        if ((rc = govidx_method_copy(&m, govidx__plan_method(plan))))
            break;
        for (j = 0; j < o.n_vary && rc == GOVIDX_OK; j++) {
            const govidx_uncertainty_vary *vy = &o.vary[j];
            const char *val = vy->values[rest % vy->n_values];
            rest /= vy->n_values;
            rc = vy->node ? govidx_method_set_node(m, vy->node, vy->key, val) : govidx_method_set(m, vy->key, val);
            if (rc)
                rc = govidx__fail_context(rc, "uncertainty: vary %s%s%s=%s", vy->node ? vy->node : "",
                                          vy->node ? ":" : "", vy->key, val ? val : "(null)");
        }
        if (rc == GOVIDX_OK)
            rc = ds ? govidx_plan_from_dataset(&var->plans[v], ds, m)
                    : govidx_plan_new(&var->plans[v], govidx_plan_framework(plan), m, panel);
        if (rc == GOVIDX_OK)
            rc = ds ? govidx_execute_dataset(&var->noms[v], var->plans[v], ds)
                    : govidx_execute(&var->noms[v], var->plans[v], panel);
        govidx_method_free(m);
    }
    if (rc) /* variants_free frees what was made */
        return rc;
    cells = var->noms[0]->n_years * var->noms[0]->n_nodes * var->noms[0]->n_units;
    for (j = 0; j < o.n_vary; j++) { /* key j alone changed from its first value: does any score move? */
        size_t stride = 1, t, moved = 0;
        for (t = 0; t < j; t++)
            stride *= var->vary_n[t];
        for (t = 1; t < var->vary_n[j] && !moved; t++)
            moved = memcmp(var->noms[0]->scores, var->noms[t * stride]->scores, cells * sizeof(double)) != 0;
        if (!moved)
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: vary %s%s%s: no value changes any score (the pipeline "
                                               "does not use this key with this method)",
                                o.vary[j].node ? o.vary[j].node : "", o.vary[j].node ? ":" : "", o.vary[j].key);
    }
    return GOVIDX_OK;
}

int govidx_uncertainty_run(govidx_uncertainty **out, const govidx_plan *plan, const govidx_panel *panel,
                           const govidx_uncertainty_options *opts)
{
    govidx_result *nom = NULL;
    govidx_uncertainty_options o;
    ux_variants var;
    int rc;
    if (!out || !plan || !panel || !opts)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_run: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&uncertainty_options_versions, &o, opts)))
        return rc;
    if (o.data_noise)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: data_noise draws from a dataset's standard errors; a panel "
                                           "has none (use govidx_uncertainty_run_dataset)");
    if ((rc = govidx_execute(&nom, plan, panel)))
        return rc;
    if ((rc = variants_make(&var, plan, panel, NULL, opts)) == GOVIDX_OK)
        rc = core(out, plan, nom, &var, opts, NULL, NULL);
    variants_free(&var);
    govidx_result_free(nom);
    return rc;
}

int govidx_uncertainty_run_dataset(govidx_uncertainty **out, const govidx_plan *plan, const govidx_dataset *ds,
                                   const govidx_uncertainty_options *opts)
{
    govidx_result *nom = NULL;
    govidx_uncertainty_options o;
    govidx_matrix_view *se = NULL;
    const govidx_panel *dpanel = NULL;
    void *owner = NULL;
    ux_variants var;
    int rc;
    if (!out || !plan || !ds || !opts)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_run_dataset: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&uncertainty_options_versions, &o, opts)))
        return rc;
    if (o.data_noise) { /* the dataset's standard errors, each year; at least one > 0 */
        size_t y, n_years = govidx_dataset_n_years(ds), i, j, usable = 0;
        if (o.sampling == GOVIDX_SAMPLING_SOBOL)
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: data_noise draws normal variates; Sobol' sampling "
                                               "covers the weights, leave-one-out and vary (use random sampling)");
        if (!(se = govidx__calloc(n_years ? n_years : 1, sizeof *se)))
            return govidx__oom();
        for (y = 0; y < n_years; y++) {
            if ((rc = govidx_dataset_panel_stderr(&se[y], ds, y))) {
                govidx__free(se);
                return rc == GOVIDX_ENOTFOUND
                           ? govidx__fail(GOVIDX_ENOTFOUND, "uncertainty: data_noise: the dataset has no standard "
                                                            "errors (/panel/stderr, docs/format.md)")
                           : rc;
            }
            for (j = 0; j < se[y].cols; j++)
                for (i = 0; i < se[y].rows; i++)
                    usable += se[y].data[i + j * se[y].ld] > 0.0 && !isinf(se[y].data[i + j * se[y].ld]);
        }
        if (!usable) {
            govidx__free(se);
            return govidx__fail(GOVIDX_ENOTFOUND, "uncertainty: data_noise: no standard error in /panel/stderr is "
                                                  "> 0, so the data would not move");
        }
        if ((rc = govidx__dataset_panel_new(&owner, &dpanel, plan, ds))) {
            govidx__free(se);
            return rc;
        }
    }
    if ((rc = govidx_execute_dataset(&nom, plan, ds)) == GOVIDX_OK) {
        if ((rc = variants_make(&var, plan, NULL, ds, opts)) == GOVIDX_OK)
            rc = core(out, plan, nom, &var, opts, dpanel, se);
        variants_free(&var);
    }
    govidx_result_free(nom);
    govidx__dataset_panel_free(owner);
    govidx__free(se);
    return rc;
}

/* --- accessors ------------------------------------------------------------ */

size_t govidx_uncertainty_replications(const govidx_uncertainty *u) { return u ? u->N : 0; }
size_t govidx_uncertainty_n_units(const govidx_uncertainty *u) { return u ? u->n_units : 0; }
size_t govidx_uncertainty_n_years(const govidx_uncertainty *u) { return u ? u->n_years : 0; }
size_t govidx_uncertainty_n_nodes(const govidx_uncertainty *u) { return u ? u->n_nodes : 0; }

const char *govidx_uncertainty_unit_code(const govidx_uncertainty *u, size_t unit)
{
    return u && unit < u->n_units ? u->unit_codes[unit] : NULL;
}

const char *govidx_uncertainty_node_code(const govidx_uncertainty *u, size_t node)
{
    return u && node < u->n_nodes ? u->node_codes[node] : NULL;
}

int govidx_uncertainty_year(const govidx_uncertainty *u, size_t year)
{
    return u && year < u->n_years ? u->years[year] : 0;
}

static int ok_cell(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return u && unit < u->n_units && year < u->n_years && node < u->n_nodes;
}

/* The tracked cell of (unit, year, node): 0 when out of range or untracked. */
static int tcell(const govidx_uncertainty *u, size_t unit, size_t year, size_t node, size_t *cl)
{
    if (!ok_cell(u, unit, year, node) || u->track_of[node] == NONE)
        return 0;
    *cl = TCELL(u, unit, year, u->track_of[node]);
    return 1;
}

double govidx_uncertainty_nominal_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return ok_cell(u, unit, year, node) ? u->nominal[CELL(u, unit, year, node)] : NAN;
}

size_t govidx_uncertainty_nominal_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return ok_cell(u, unit, year, node) ? u->nominal_rank[CELL(u, unit, year, node)] : 0;
}

double govidx_uncertainty_score_quantile(const govidx_uncertainty *u, size_t unit, size_t year, size_t node,
                                         double q)
{
    size_t cl, m, lo;
    const double *d;
    double h;
    if (!tcell(u, unit, year, node, &cl) || !(q >= 0.0 && q <= 1.0))
        return NAN;
    m = u->n_present[cl];
    if (m && u->dslot[u->track_of[node]] == NONE)
        return u->nominal[CELL(u, unit, year, node)];
    if (!m || !u->draws)
        return NAN;
    d = u->draws + DCELL(u, unit, year, u->track_of[node]) * u->N;
    if (!m)
        return NAN;
    h = (double)(m - 1) * q;
    lo = (size_t)floor(h);
    return lo + 1 >= m ? d[m - 1] : d[lo] + (h - (double)lo) * (d[lo + 1] - d[lo]);
}

/* The i-th smallest rank (0-based) among the present ones. */
static double rank_at(const uint32_t *h, size_t n, size_t i)
{
    size_t r, seen = 0;
    for (r = 1; r <= n; r++) {
        seen += h[r];
        if (seen > i)
            return (double)r;
    }
    return NAN;
}

double govidx_uncertainty_rank_quantile(const govidx_uncertainty *u, size_t unit, size_t year, size_t node, double q)
{
    size_t cl, m, lo;
    const uint32_t *h;
    double hq, a, b;
    if (!tcell(u, unit, year, node, &cl) || !(q >= 0.0 && q <= 1.0))
        return NAN;
    h = u->hist + cl * (u->n_units + 1);
    m = u->N - h[0];
    if (!m)
        return NAN;
    hq = (double)(m - 1) * q;
    lo = (size_t)floor(hq);
    a = rank_at(h, u->n_units, lo);
    if (lo + 1 >= m)
        return a;
    b = rank_at(h, u->n_units, lo + 1);
    return a + (hq - (double)lo) * (b - a);
}

double govidx_uncertainty_mean_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    size_t cl;
    return tcell(u, unit, year, node, &cl) ? u->mean[cl] : NAN;
}

double govidx_uncertainty_mean_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    const uint32_t *h;
    double sum = 0.0;
    size_t r, m = 0, cl;
    if (!tcell(u, unit, year, node, &cl))
        return NAN;
    h = u->hist + cl * (u->n_units + 1);
    for (r = 1; r <= u->n_units; r++) {
        sum += (double)h[r] * (double)r;
        m += h[r];
    }
    return m ? sum / (double)m : NAN;
}

double govidx_uncertainty_mean_abs_rank_shift(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    const uint32_t *h;
    double sum = 0.0, r0;
    size_t r, m = 0, cl;
    if (!tcell(u, unit, year, node, &cl) || !u->nominal_rank[CELL(u, unit, year, node)])
        return NAN;
    r0 = (double)u->nominal_rank[CELL(u, unit, year, node)];
    h = u->hist + cl * (u->n_units + 1);
    for (r = 1; r <= u->n_units; r++) {
        sum += (double)h[r] * fabs((double)r - r0);
        m += h[r];
    }
    return m ? sum / (double)m : NAN;
}

size_t govidx_uncertainty_n_inputs(const govidx_uncertainty *u)
{
    return u && u->has_sobol ? u->n_inputs : 0;
}

const char *govidx_uncertainty_input_code(const govidx_uncertainty *u, size_t input)
{
    return u && u->has_sobol && input < u->n_inputs ? u->input_codes[input] : NULL;
}

int govidx_uncertainty_sobol(double *out, const govidx_uncertainty *u, size_t unit, size_t year, size_t node,
                             size_t input)
{
    size_t r;
    if (!out || !u)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_sobol: NULL argument");
    if (!u->has_sobol)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: the run was made without sobol set");
    if (unit == (size_t)-1)
        unit = u->n_units;
    if (unit > u->n_units || year >= u->n_years || input >= u->n_inputs)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_sobol: unit, year or input out of range");
    for (r = 0; r < u->n_roots && u->roots[r] != node; r++)
        ;
    if (r == u->n_roots)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol indices are computed for root nodes; node %zu is not one",
                            node);
    memcpy(out, u->sobol + (((year * u->n_roots + r) * (u->n_units + 1) + unit) * u->n_inputs + input) * 6,
           6 * sizeof *out);
    return GOVIDX_OK;
}

/* --- CSV ------------------------------------------------------------------ */

static void put_num(FILE *f, double x)
{
    fputc(',', f);
    if (!isnan(x)) { /* shortest round-trip text, as the result CSV */
        char text[GOVIDX__SHORTEST_MAX];
        fwrite(text, 1, govidx__fmt_shortest(text, x), f);
    }
}

/* Every writer goes through the library's one output path
 * (govidx__write_atomic_*): a temporary file renamed over a regular target,
 * a device or FIFO written in place, the umask's mode. */
int govidx_uncertainty_write_csv(const govidx_uncertainty *u, const char *path, const double *extra_percent,
                                 size_t n_extra)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t y, k, v, e, t;
    if (!u || !path || (n_extra && !extra_percent))
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_csv: NULL argument");
    for (e = 0; e < n_extra; e++)
        if (!(extra_percent[e] >= 0.0 && extra_percent[e] <= 100.0))
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: quantile %g%% is outside [0, 100]", extra_percent[e]);
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,year,node,nominal_score,nominal_rank,mean_score,median_score,q05_score,q95_score,mean_rank,"
          "median_rank,q05_rank,q95_rank,mean_abs_rank_shift",
          f);
    for (e = 0; e < n_extra; e++)
        fprintf(f, ",q%g_score,q%g_rank", extra_percent[e], extra_percent[e]);
    fputc('\n', f);
    for (y = 0; y < u->n_years; y++)
        for (t = 0; t < u->n_track; t++)
            for (v = 0, k = u->track[t]; v < u->n_units; v++) {
                size_t r0 = govidx_uncertainty_nominal_rank(u, v, y, k);
                govidx__csv_put_field(f, u->unit_codes[v]);
                fprintf(f, ",%d,", u->years[y]);
                govidx__csv_put_field(f, u->node_codes[k]);
                put_num(f, govidx_uncertainty_nominal_score(u, v, y, k));
                fputc(',', f);
                if (r0)
                    fprintf(f, "%zu", r0);
                put_num(f, govidx_uncertainty_mean_score(u, v, y, k));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.5));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.05));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.95));
                put_num(f, govidx_uncertainty_mean_rank(u, v, y, k));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.5));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.05));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.95));
                put_num(f, govidx_uncertainty_mean_abs_rank_shift(u, v, y, k));
                for (e = 0; e < n_extra; e++) {
                    put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, extra_percent[e] / 100.0));
                    put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, extra_percent[e] / 100.0));
                }
                fputc('\n', f);
            }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

int govidx_uncertainty_write_params_csv(const govidx_uncertainty *u, const char *path)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t s, pi;
    if (!u || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_params_csv: NULL argument");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("replication,node,parent,weight\n", f);
    for (s = 0; s < u->N; s++) {
        for (pi = 0; pi < u->n_params; pi++) {
            fprintf(f, "%zu,", s + 1);
            govidx__csv_put_field(f, u->node_codes[u->param_node[pi]]);
            fputc(',', f);
            govidx__csv_put_field(f, u->node_codes[u->param_parent[pi]]);
            put_num(f, u->params[s * u->n_params + pi]);
            fputc('\n', f);
        }
        if (u->dropped) { /* the indicator left out: weight 0 in this replication */
            size_t parent = u->parent_of[u->dropped[s]];
            fprintf(f, "%zu,", s + 1);
            govidx__csv_put_field(f, u->node_codes[u->dropped[s]]);
            fputc(',', f);
            govidx__csv_put_field(f, parent != NONE ? u->node_codes[parent] : "");
            fputs(",0\n", f);
        }
    }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

int govidx_uncertainty_write_sobol_csv(const govidx_uncertainty *u, const char *path)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t y, r, v, i;
    if (!u || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_sobol_csv: NULL argument");
    if (!u->has_sobol)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: the run was made without sobol set");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,year,node,input,first_order,total_order,first_lo,first_hi,total_lo,total_hi,converged\n", f);
    for (y = 0; y < u->n_years; y++)
        for (r = 0; r < u->n_roots; r++)
            for (v = 0; v <= u->n_units; v++) {
                const double *row = u->sobol + ((y * u->n_roots + r) * (u->n_units + 1) + v) * u->n_inputs * 6;
                for (i = 0; i < u->n_inputs; i++) {
                    const double *x = row + i * 6;
                    int conv = !isnan(x[2]) && x[3] - x[2] <= u->sobol_width && x[5] - x[4] <= u->sobol_width;
                    govidx__csv_put_field(f, v < u->n_units ? u->unit_codes[v] : "*");
                    fprintf(f, ",%d,", u->years[y]);
                    govidx__csv_put_field(f, u->node_codes[u->roots[r]]);
                    fputc(',', f);
                    govidx__csv_put_field(f, u->input_codes[i]);
                    put_num(f, x[0]);
                    put_num(f, x[1]);
                    put_num(f, x[2]);
                    put_num(f, x[3]);
                    put_num(f, x[4]);
                    put_num(f, x[5]);
                    fprintf(f, ",%d\n", conv);
                }
            }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

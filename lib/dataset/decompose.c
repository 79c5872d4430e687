/*
 * lib/decompose.c - year-on-year change of a plan's result, split into the
 * contributions of pillars and indicators (govidx/decompose.h): closed forms
 * for arithmetic (exact differences) and geometric (log, LMDI-I) nodes,
 * Shapley values over a node's children otherwise.
 * SPDX-License-Identifier: MIT
 */
#include "govidx/decompose.h"
#include "govidx/dataset.h"
#include "govidx/method.h"
#include "govidx/result.h"
#include "composite/plan_internal.h"
#include "core/fmtdouble.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct govidx_decomposition {
    size_t n_units, n_nodes;
    char **unit_codes, **node_codes;
    size_t *parent, *root, *order; /* order: framework (output) order */
    unsigned char *is_leaf;
    int from_year, to_year;
    /* per cell [node * n_units + unit] */
    double *s1, *s2, *contrib, *local, *weff;
    size_t *r1, *r2;
    unsigned char *method;
    unsigned *breaks; /* per unit */
    unsigned breaks_all;
};

GOVIDX__VERSIONS_1(decompose_versions, govidx_decompose_options, "decompose options",
                   GOVIDX_DECOMPOSE_OPTIONS_INIT, from_method_json);

int govidx_decompose_options_init(govidx_decompose_options *opts, unsigned version)
{
    return govidx__versioned_init(&decompose_versions, opts, version);
}

const char *govidx_decomp_method_name(govidx_decomp_method m)
{
    static const char *const names[] = {"none", "linear", "log", "shapley", "shapley-sampled"};
    return (unsigned)m < sizeof names / sizeof *names ? names[m] : NULL;
}

size_t govidx_break_names(char *buf, size_t n, unsigned breaks)
{
    static const char *const names[] = {"method", "weights", "indicators", "imputed", "units"};
    size_t len = 0, i;
    if (buf && n)
        buf[0] = '\0';
    for (i = 0; i < sizeof names / sizeof *names; i++) {
        if (!(breaks & (1u << i)))
            continue;
        int w = snprintf(buf && len < n ? buf + len : NULL, buf && len < n ? n - len : 0, "%s%s",
                         len ? ";" : "", names[i]);
        len += w > 0 ? (size_t)w : 0;
    }
    return len;
}

void govidx_decomposition_free(govidx_decomposition *d)
{
    size_t i;
    if (!d)
        return;
    for (i = 0; d->unit_codes && i < d->n_units; i++)
        govidx__free(d->unit_codes[i]);
    for (i = 0; d->node_codes && i < d->n_nodes; i++)
        govidx__free(d->node_codes[i]);
    govidx__free(d->unit_codes);
    govidx__free(d->node_codes);
    govidx__free(d->parent);
    govidx__free(d->root);
    govidx__free(d->order);
    govidx__free(d->is_leaf);
    govidx__free(d->s1);
    govidx__free(d->s2);
    govidx__free(d->contrib);
    govidx__free(d->local);
    govidx__free(d->weff);
    govidx__free(d->r1);
    govidx__free(d->r2);
    govidx__free(d->method);
    govidx__free(d->breaks);
    govidx__free(d);
}

/* splitmix64 (Steele, Lea & Flood 2014): the sampled orders' random numbers */
static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* One node's game: players 0..m-1 are the children, player m (when
 * has_wplayer) the weights.  A coalition's value is the node recomputed
 * for every unit with its players at their to-year values. */
typedef struct game {
    const govidx_plan *p;
    const plan_agg *a;
    const govidx_result *r;
    size_t y1, y2, n, m, players;
    const double *w1, *w2;
    double *z;   /* n x m scratch */
    double *out; /* n values of the last evaluation */
} game;

static int game_eval(game *g, uint64_t mask)
{
    size_t c;
    for (c = 0; c < g->m; c++) {
        size_t y = (mask >> c) & 1u ? g->y2 : g->y1;
        memcpy(g->z + c * g->n, g->r->scores + GOVIDX__CELL(g->r, 0, y, g->a->children[c]), g->n * sizeof *g->z);
    }
    const double *w = g->players > g->m && ((mask >> g->m) & 1u) ? g->w2 : g->w1;
    int rc = govidx__plan_aggregate_z(g->p, g->a, govidx_matrix_view_array(g->z, g->n, g->m), w, g->out, g->r,
                                      g->y2);
    if (rc)
        return govidx__fail_context(rc, "decomposing node '%s' between %d and %d",
                                    govidx_framework_node_code(g->p->fw, g->a->node), g->r->years[g->y1],
                                    g->r->years[g->y2]);
    return GOVIDX_OK;
}

/* Exact Shapley values of every unit: phi[player * n + unit].  Marginal
 * form sum_{S not i} |S|! (P-|S|-1)! / P! (v(S+i) - v(S)), with all 2^P
 * coalition values kept (the caller checked that they fit). */
static int shapley_exact(game *g, double *phi)
{
    size_t P = g->players, n = g->n, i, u;
    uint64_t S, N = (uint64_t)1 << P;
    double *v = govidx__mallocarray((size_t)N, n * sizeof *v), coef[64];
    int rc = GOVIDX_OK;
    if (!v)
        return govidx__oom();
    for (S = 0; S < N && !rc; S++)
        if (!(rc = game_eval(g, S)))
            memcpy(v + S * n, g->out, n * sizeof *v);
    /* coef[s] = s! (P-s-1)! / P!, by the recurrence coef[s+1] = coef[s] (s+1) / (P-s-1) */
    coef[0] = 1.0 / (double)P;
    for (i = 0; i + 1 < P; i++)
        coef[i + 1] = coef[i] * (double)(i + 1) / (double)(P - i - 1);
    memset(phi, 0, P * n * sizeof *phi);
    for (S = 0; S < N && !rc; S++) {
        unsigned s = (unsigned)__builtin_popcountll(S);
        for (i = 0; i < P; i++) {
            if ((S >> i) & 1u)
                continue;
            const double *a = v + (S | ((uint64_t)1 << i)) * n, *b = v + S * n;
            for (u = 0; u < n; u++)
                phi[i * n + u] += coef[s] * (a[u] - b[u]);
        }
    }
    govidx__free(v);
    return rc;
}

/* Shapley values estimated from `samples` random orders of the players:
 * each order's marginal contributions telescope to v(N) - v(empty). */
static int shapley_sampled(game *g, double *phi, size_t samples, uint64_t seed)
{
    size_t P = g->players, n = g->n, s, t, u;
    size_t *perm = govidx__mallocarray(P, sizeof *perm);
    double *prev = govidx__mallocarray(n, sizeof *prev);
    uint64_t state = seed ^ ((uint64_t)g->a->node * 0x2545f4914f6cdd1dull);
    int rc = GOVIDX_OK;
    if (!perm || !prev) {
        govidx__free(perm);
        govidx__free(prev);
        return govidx__oom();
    }
    memset(phi, 0, P * n * sizeof *phi);
    for (s = 0; s < samples && !rc; s++) {
        uint64_t mask = 0;
        for (t = 0; t < P; t++)
            perm[t] = t;
        for (t = P - 1; t > 0; t--) { /* Fisher-Yates */
            size_t j = (size_t)(splitmix(&state) % (t + 1)), tmp = perm[t];
            perm[t] = perm[j];
            perm[j] = tmp;
        }
        if ((rc = game_eval(g, 0)))
            break;
        memcpy(prev, g->out, n * sizeof *prev);
        for (t = 0; t < P && !rc; t++) {
            mask |= (uint64_t)1 << perm[t];
            if ((rc = game_eval(g, mask)))
                break;
            for (u = 0; u < n; u++) {
                phi[perm[t] * n + u] += g->out[u] - prev[u];
                prev[u] = g->out[u];
            }
        }
    }
    for (t = 0; t < P * n; t++)
        phi[t] /= (double)samples;
    govidx__free(perm);
    govidx__free(prev);
    return rc;
}

/* Power of a node whose change splits in closed form (the registry row's
 * GOVIDX__CAP_CLOSED_SPLIT): 1 arithmetic, 0 geometric, else NaN (no closed
 * form used). */
static double closed_power(const plan_agg *a)
{
    const govidx__method_row *row = a->bod ? NULL : govidx__aggregate_row(a->opts.method);
    double pw;

    if (!row || !(row->caps & GOVIDX__CAP_CLOSED_SPLIT))
        return NAN;
    pw = govidx__aggregate_exponent(&a->opts);
    return pw == 1.0 || pw == 0.0 ? pw : NAN;
}

/* Split aggregate a's change for every unit into psi[c * n + u] (in the
 * node's score points), method[u] and the weights player's share wpsi[u]. */
static int split_node(const govidx_plan *p, const plan_agg *a, const govidx_result *r, size_t y1, size_t y2,
                      const govidx_decompose_options *o, double *psi, double *wpsi, unsigned char *method)
{
    size_t n = r->n_units, m = a->n_children, c, u;
    const double *w1 = a->weights + (p->n_weight_sets > 1 ? y1 : 0) * m;
    const double *w2 = a->weights + (p->n_weight_sets > 1 ? y2 : 0) * m;
    int wdiff = memcmp(w1, w2, m * sizeof *w1) != 0, rc = GOVIDX_OK, need_shapley = 0;
    double pw = closed_power(a), *phi = NULL;
    const double *S1 = r->scores + GOVIDX__CELL(r, 0, y1, a->node), *S2 = r->scores + GOVIDX__CELL(r, 0, y2, a->node);
    int is_sum = !a->bod && a->opts.method == GOVIDX_AGG_SUM;

    for (u = 0; u < n; u++) {
        method[u] = GOVIDX_DECOMP_NONE;
        wpsi[u] = 0.0;
        for (c = 0; c < m; c++)
            psi[c * n + u] = NAN;
        if (isnan(S1[u]) || isnan(S2[u]))
            continue;
        int ok = !wdiff && !p->rescale_aggregates && (is_sum || !isnan(pw));
        double wsum = 0.0;
        for (c = 0; c < m && ok; c++) {
            double z1 = r->scores[GOVIDX__CELL(r, u, y1, a->children[c])];
            double z2 = r->scores[GOVIDX__CELL(r, u, y2, a->children[c])];
            if (is_sum)
                continue; /* missing children count 0 in both years */
            if (isnan(z1) != isnan(z2))
                ok = 0; /* the renormalised weights differ: no closed form */
            else if (!isnan(z1) && pw == 0.0 && w1[c] > 0.0 && !(z1 > a->opts.floor && z2 > a->opts.floor && z1 > 0.0))
                ok = 0;
            else if (!isnan(z1))
                wsum += w1[c];
        }
        if (ok && !is_sum && !(wsum > 0.0))
            ok = 0;
        if (!ok) {
            need_shapley = 1;
            continue;
        }
        double L = 1.0;
        if (!is_sum && pw == 0.0) /* logarithmic mean of the two scores */
            L = S1[u] == S2[u] ? S1[u] : (S2[u] - S1[u]) / (log(S2[u]) - log(S1[u]));
        for (c = 0; c < m; c++) {
            double z1 = r->scores[GOVIDX__CELL(r, u, y1, a->children[c])];
            double z2 = r->scores[GOVIDX__CELL(r, u, y2, a->children[c])];
            if (is_sum)
                psi[c * n + u] = w1[c] * ((isnan(z2) ? 0.0 : z2) - (isnan(z1) ? 0.0 : z1));
            else if (isnan(z1))
                psi[c * n + u] = 0.0;
            else if (pw == 1.0)
                psi[c * n + u] = w1[c] / wsum * (z2 - z1);
            else
                psi[c * n + u] = w1[c] == 0.0 ? 0.0 : L * (w1[c] / wsum) * log(z2 / z1);
        }
        method[u] = is_sum || pw == 1.0 ? GOVIDX_DECOMP_LINEAR : GOVIDX_DECOMP_LOG;
    }
    if (!need_shapley)
        return GOVIDX_OK;

    game g = {p, a, r, y1, y2, n, m, m + (wdiff ? 1 : 0), w1, w2, NULL, NULL};
    size_t P = g.players;
    int exact = P <= o->shapley_max_players && P < 63 && (((uint64_t)1 << P) * n) <= ((uint64_t)1 << 22);
    g.z = govidx__mallocarray(n, m * sizeof *g.z);
    g.out = govidx__mallocarray(n, sizeof *g.out);
    phi = govidx__mallocarray(P, n * sizeof *phi);
    if (!g.z || !g.out || !phi)
        rc = govidx__oom();
    else
        rc = exact ? shapley_exact(&g, phi) : shapley_sampled(&g, phi, o->shapley_samples, o->seed);
    for (u = 0; u < n && !rc; u++) {
        if (method[u] != GOVIDX_DECOMP_NONE || isnan(S1[u]) || isnan(S2[u]))
            continue;
        for (c = 0; c < m; c++)
            psi[c * n + u] = phi[c * n + u];
        wpsi[u] = P > m ? phi[m * n + u] : 0.0;
        method[u] = exact ? GOVIDX_DECOMP_SHAPLEY : GOVIDX_DECOMP_SHAPLEY_SAMPLED;
    }
    govidx__free(g.z);
    govidx__free(g.out);
    govidx__free(phi);
    return rc;
}

static int same_method(const char *json, const govidx_plan *p, int *same)
{
    govidx_method *m = NULL;
    char *canon = NULL;
    int rc = govidx_method_from_json(&m, json);
    if (!rc)
        rc = govidx_method_to_json(&canon, m);
    if (!rc)
        *same = !strcmp(canon, p->method_json);
    govidx_method_free(m);
    free(canon);
    return rc ? govidx__fail_context(rc, "decompose options: from_method_json") : GOVIDX_OK;
}

static int alloc_arrays(govidx_decomposition *d)
{
    size_t n = d->n_units, k = d->n_nodes, cells;
    if (!govidx__mul_ok(n, k, &cells))
        return govidx__fail(GOVIDX_EDIM, "decomposition: too many cells");
    d->unit_codes = govidx__calloc(n, sizeof *d->unit_codes);
    d->node_codes = govidx__calloc(k, sizeof *d->node_codes);
    d->parent = govidx__mallocarray(k, sizeof *d->parent);
    d->root = govidx__mallocarray(k, sizeof *d->root);
    d->order = govidx__mallocarray(k, sizeof *d->order);
    d->is_leaf = govidx__mallocarray(k, 1);
    d->s1 = govidx__mallocarray(cells, sizeof(double));
    d->s2 = govidx__mallocarray(cells, sizeof(double));
    d->contrib = govidx__mallocarray(cells, sizeof(double));
    d->local = govidx__mallocarray(cells, sizeof(double));
    d->weff = govidx__mallocarray(cells, sizeof(double));
    d->r1 = govidx__mallocarray(cells, sizeof(size_t));
    d->r2 = govidx__mallocarray(cells, sizeof(size_t));
    d->method = govidx__calloc(cells, 1);
    d->breaks = govidx__calloc(n, sizeof *d->breaks);
    if (!d->unit_codes || !d->node_codes || !d->parent || !d->root || !d->order || !d->is_leaf || !d->s1 ||
        !d->s2 || !d->contrib || !d->local || !d->weff || !d->r1 || !d->r2 || !d->method || !d->breaks)
        return govidx__oom();
    return GOVIDX_OK;
}

/* First-order weight of node k in its root: the product of the normalised
 * weights (to-year) on the path. */
static double path_weight(const govidx_plan *p, size_t k, size_t y)
{
    double f = 1.0;
    size_t parent;
    while ((parent = govidx_framework_parent(p->fw, k)) != NONE) {
        const plan_agg *a = &p->aggs[p->agg_of_node[parent]];
        const double *w = a->weights + (p->n_weight_sets > 1 ? y : 0) * a->n_children;
        double sum = 0.0;
        for (size_t c = 0; c < a->n_children; c++)
            sum += w[c];
        f *= sum > 0.0 ? w[p->child_pos[k]] / sum : 0.0;
        k = parent;
    }
    return f;
}

int govidx_decompose(govidx_decomposition **out, const govidx_plan *p, const govidx_result *r,
                     const govidx_decompose_options *opts)
{
    govidx_decompose_options o;
    govidx_decomposition *d = NULL;
    size_t y1, y2, n, K, u, k, i;
    double *psi = NULL, *wpsi = NULL;
    unsigned char *meth = NULL;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "decompose: NULL output");
    *out = NULL;
    if (!p || !r)
        return govidx__fail(GOVIDX_EINVAL, "decompose: NULL %s", p ? "result" : "plan");
    if ((rc = govidx__versioned_read(&decompose_versions, &o, opts)))
        return rc;
    if (r->n_units != p->n_units || r->n_nodes != p->n_nodes || r->n_years != p->n_years)
        return govidx__fail(GOVIDX_EINVAL, "decompose: the result (%zu units, %zu nodes, %zu years) is not one of "
                            "this plan (%zu units, %zu nodes, %zu years)", r->n_units, r->n_nodes, r->n_years,
                            p->n_units, p->n_nodes, p->n_years);
    for (k = 0; k < p->n_nodes; k++)
        if (strcmp(r->node_codes[k], govidx_framework_node_code(p->fw, k)))
            return govidx__fail(GOVIDX_EINVAL, "decompose: the result's node '%s' is not the plan's '%s'",
                                r->node_codes[k], govidx_framework_node_code(p->fw, k));
    if (o.from_year == o.to_year)
        return govidx__fail(GOVIDX_EINVAL, "decompose: from and to are the same year (%d)", o.from_year);
    if (o.shapley_max_players > 20 || o.shapley_samples < 1)
        return govidx__fail(GOVIDX_EINVAL, "decompose options: shapley_max_players must be <= 20 and "
                            "shapley_samples >= 1");
    if ((rc = govidx_result_find_year(&y1, r, o.from_year)) || (rc = govidx_result_find_year(&y2, r, o.to_year)))
        return rc;
    int same = 1;
    if (o.from_method_json && (rc = same_method(o.from_method_json, p, &same)))
        return rc;

    if (!(d = govidx__calloc(1, sizeof *d)))
        return govidx__oom();
    n = d->n_units = r->n_units;
    K = d->n_nodes = r->n_nodes;
    d->from_year = o.from_year;
    d->to_year = o.to_year;
    if ((rc = alloc_arrays(d)))
        goto fail;
    for (u = 0; u < n; u++)
        if (!(d->unit_codes[u] = govidx__strdup(r->unit_codes[u]))) {
            rc = govidx__oom();
            goto fail;
        }
    const uint32_t *ranks = govidx__result_ranks(r);
    for (k = 0; k < K; k++) {
        if (!(d->node_codes[k] = govidx__strdup(r->node_codes[k]))) {
            rc = govidx__oom();
            goto fail;
        }
        d->parent[k] = govidx_framework_parent(p->fw, k);
        d->root[k] = p->root_of_node[k];
        d->order[k] = p->output_order ? p->output_order[k] : k;
        d->is_leaf[k] = (unsigned char)govidx_framework_is_indicator(p->fw, k);
        for (u = 0; u < n; u++) {
            size_t c = k * n + u;
            d->s1[c] = r->scores[GOVIDX__CELL(r, u, y1, k)];
            d->s2[c] = r->scores[GOVIDX__CELL(r, u, y2, k)];
            d->r1[c] = ranks[GOVIDX__CELL(r, u, y1, k)];
            d->r2[c] = ranks[GOVIDX__CELL(r, u, y2, k)];
            d->contrib[c] = d->local[c] = NAN;
            d->weff[c] = 0.0;
            if (d->parent[k] == NONE) /* a root contributes its own change */
                d->contrib[c] = d->s2[c] - d->s1[c];
        }
    }

    /* series breaks */
    for (i = 0; i < p->n_aggs; i++) {
        const plan_agg *a = &p->aggs[i];
        if (p->n_weight_sets > 1 && memcmp(a->weights + y1 * a->n_children, a->weights + y2 * a->n_children,
                                           a->n_children * sizeof *a->weights))
            d->breaks_all |= GOVIDX_BREAK_WEIGHTS;
    }
    if (!same)
        d->breaks_all |= GOVIDX_BREAK_METHOD;
    for (u = 0; u < n; u++) {
        unsigned b = d->breaks_all;
        for (k = 0; k < K; k++) {
            size_t c = k * n + u;
            if (d->parent[k] == NONE && isnan(d->s1[c]) != isnan(d->s2[c]))
                b |= GOVIDX_BREAK_UNITS;
            if (!d->is_leaf[k])
                continue;
            if (isnan(d->s1[c]) != isnan(d->s2[c]))
                b |= GOVIDX_BREAK_INDICATORS;
            if ((govidx_result_flags(r, u, y1, k) | govidx_result_flags(r, u, y2, k)) &
                (GOVIDX_FLAG_IMPUTED | GOVIDX_FLAG_TREATED))
                b |= GOVIDX_BREAK_IMPUTED;
        }
        d->breaks[u] = b;
        d->breaks_all |= b;
    }

    /* top-down: a node's contribution is passed to its children */
    psi = govidx__mallocarray(n, sizeof *psi * (size_t)(p->n_nodes ? p->n_nodes : 1));
    wpsi = govidx__mallocarray(n, sizeof *wpsi);
    meth = govidx__mallocarray(n, 1);
    if (!psi || !wpsi || !meth) {
        rc = govidx__oom();
        goto fail;
    }
    for (i = K; i-- > 0;) {
        size_t node = p->exec_order[i], c;
        if (p->agg_of_node[node] == NONE)
            continue;
        const plan_agg *a = &p->aggs[p->agg_of_node[node]];
        if ((rc = split_node(p, a, r, y1, y2, &o, psi, wpsi, meth)))
            goto fail;
        double fo = path_weight(p, node, y2);
        for (u = 0; u < n; u++) {
            size_t cell = node * n + u;
            double ch = d->s2[cell] - d->s1[cell], ck = d->contrib[cell];
            d->method[cell] = meth[u];
            if (meth[u] == GOVIDX_DECOMP_NONE || isnan(ck))
                continue;
            double scale = fabs(d->s1[cell]) > fabs(d->s2[cell]) ? fabs(d->s1[cell]) : fabs(d->s2[cell]);
            /* an unchanged node passes its children's cancelling moves on at its first-order weight */
            double ratio = fabs(ch) > 1e-12 * (scale > 1.0 ? scale : 1.0) ? ck / ch : fo;
            d->weff[cell] = wpsi[u] * ratio;
            for (c = 0; c < a->n_children; c++) {
                size_t cc = a->children[c] * n + u;
                d->local[cc] = psi[c * n + u];
                d->contrib[cc] = psi[c * n + u] * ratio;
            }
        }
    }
    govidx__free(psi);
    govidx__free(wpsi);
    govidx__free(meth);
    *out = d;
    return GOVIDX_OK;
fail:
    govidx__free(psi);
    govidx__free(wpsi);
    govidx__free(meth);
    govidx_decomposition_free(d);
    return rc;
}

/* ---------------------------------------------------------------- accessors */

#define CELL_OK(d, u, k) ((d) && (u) < (d)->n_units && (k) < (d)->n_nodes)

size_t govidx_decomposition_n_units(const govidx_decomposition *d) { return d ? d->n_units : 0; }
size_t govidx_decomposition_n_nodes(const govidx_decomposition *d) { return d ? d->n_nodes : 0; }
int govidx_decomposition_from_year(const govidx_decomposition *d) { return d ? d->from_year : 0; }
int govidx_decomposition_to_year(const govidx_decomposition *d) { return d ? d->to_year : 0; }

const char *govidx_decomposition_unit_code(const govidx_decomposition *d, size_t unit)
{
    return d && unit < d->n_units ? d->unit_codes[unit] : NULL;
}

const char *govidx_decomposition_node_code(const govidx_decomposition *d, size_t node)
{
    return d && node < d->n_nodes ? d->node_codes[node] : NULL;
}

size_t govidx_decomposition_root(const govidx_decomposition *d, size_t node)
{
    return d && node < d->n_nodes ? d->root[node] : NONE;
}

size_t govidx_decomposition_parent(const govidx_decomposition *d, size_t node)
{
    return d && node < d->n_nodes ? d->parent[node] : NONE;
}

int govidx_decomposition_is_indicator(const govidx_decomposition *d, size_t node)
{
    return d && node < d->n_nodes ? d->is_leaf[node] : 0;
}

static int find_code(size_t *idx, char *const *codes, size_t n, const char *code, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(codes[i], code)) {
            if (idx)
                *idx = i;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_ENOTFOUND, "decomposition: no %s '%s'", what, code);
}

int govidx_decomposition_find_unit(size_t *unit, const govidx_decomposition *d, const char *code)
{
    if (!d || !code)
        return govidx__fail(GOVIDX_EINVAL, "decomposition_find_unit: NULL");
    return find_code(unit, d->unit_codes, d->n_units, code, "unit");
}

int govidx_decomposition_find_node(size_t *node, const govidx_decomposition *d, const char *code)
{
    if (!d || !code)
        return govidx__fail(GOVIDX_EINVAL, "decomposition_find_node: NULL");
    return find_code(node, d->node_codes, d->n_nodes, code, "node");
}

double govidx_decomposition_score_from(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->s1[k * d->n_units + u] : NAN;
}

double govidx_decomposition_score_to(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->s2[k * d->n_units + u] : NAN;
}

double govidx_decomposition_change(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->s2[k * d->n_units + u] - d->s1[k * d->n_units + u] : NAN;
}

size_t govidx_decomposition_rank_from(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->r1[k * d->n_units + u] : 0;
}

size_t govidx_decomposition_rank_to(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->r2[k * d->n_units + u] : 0;
}

long govidx_decomposition_rank_change(const govidx_decomposition *d, size_t u, size_t k)
{
    if (!CELL_OK(d, u, k))
        return 0;
    size_t a = d->r1[k * d->n_units + u], b = d->r2[k * d->n_units + u];
    return a && b ? (long)b - (long)a : 0;
}

double govidx_decomposition_contribution(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->contrib[k * d->n_units + u] : NAN;
}

double govidx_decomposition_local(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->local[k * d->n_units + u] : NAN;
}

double govidx_decomposition_weight_effect(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? d->weff[k * d->n_units + u] : NAN;
}

govidx_decomp_method govidx_decomposition_method(const govidx_decomposition *d, size_t u, size_t k)
{
    return CELL_OK(d, u, k) ? (govidx_decomp_method)d->method[k * d->n_units + u] : GOVIDX_DECOMP_NONE;
}

unsigned govidx_decomposition_breaks(const govidx_decomposition *d, size_t unit)
{
    if (!d)
        return 0;
    return unit == GOVIDX_DECOMP_ALL ? d->breaks_all : unit < d->n_units ? d->breaks[unit] : 0;
}

int govidx_decomposition_top(size_t *leaves, size_t *n_out, size_t kmax, const govidx_decomposition *d,
                             size_t unit, size_t root, int sign)
{
    size_t n = 0, k, i;
    if (!leaves || !n_out || !d || unit >= d->n_units || root >= d->n_nodes || !sign)
        return govidx__fail(GOVIDX_EINVAL, "decomposition_top: NULL, unit or node out of range, or sign 0");
    for (k = 0; k < d->n_nodes; k++) {
        double c = d->contrib[k * d->n_units + unit];
        size_t a = k;
        while (a != root && a != NONE)
            a = d->parent[a];
        if (!d->is_leaf[k] || a != root || isnan(c) || c == 0.0 || (sign > 0) != (c > 0.0))
            continue;
        /* insertion into the kept top kmax, largest magnitude first */
        for (i = n; i > 0 && fabs(d->contrib[leaves[i - 1] * d->n_units + unit]) < fabs(c); i--)
            if (i < kmax)
                leaves[i] = leaves[i - 1];
        if (i < kmax) {
            leaves[i] = k;
            if (n < kmax)
                n++;
        }
    }
    *n_out = n;
    return GOVIDX_OK;
}

static void put_num(FILE *f, double x)
{
    fputc(',', f);
    if (!isnan(x)) { /* shortest round-trip text, as the result CSV */
        char text[GOVIDX__SHORTEST_MAX];
        fwrite(text, 1, govidx__fmt_shortest(text, x), f);
    }
}

static void put_text(FILE *f, const char *s, int lead)
{
    if (lead)
        fputc(',', f);
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else
        fputs(s, f);
}

int govidx_decomposition_write_csv(const govidx_decomposition *d, const char *path)
{
    char *tmp = NULL, names[128];
    FILE *f = NULL;
    size_t u, i;
    int rc;
    if (!d || !path)
        return govidx__fail(GOVIDX_EINVAL, "decomposition_write_csv: NULL");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,node,parent,from_year,to_year,score_from,score_to,change,rank_from,rank_to,rank_change,"
          "contribution,local,weight_effect,method,breaks\n", f);
    for (u = 0; u < d->n_units; u++)
        for (i = 0; i < d->n_nodes; i++) {
            size_t k = d->order[i], c = k * d->n_units + u;
            put_text(f, d->unit_codes[u], 0);
            put_text(f, d->node_codes[k], 1);
            put_text(f, d->parent[k] == NONE ? "" : d->node_codes[d->parent[k]], 1);
            fprintf(f, ",%d,%d", d->from_year, d->to_year);
            put_num(f, d->s1[c]);
            put_num(f, d->s2[c]);
            put_num(f, d->s2[c] - d->s1[c]);
            if (d->r1[c])
                fprintf(f, ",%zu", d->r1[c]);
            else
                fputc(',', f);
            if (d->r2[c])
                fprintf(f, ",%zu", d->r2[c]);
            else
                fputc(',', f);
            if (d->r1[c] && d->r2[c])
                fprintf(f, ",%ld", (long)d->r2[c] - (long)d->r1[c]);
            else
                fputc(',', f);
            put_num(f, d->contrib[c]);
            put_num(f, d->local[c]);
            put_num(f, d->is_leaf[k] ? NAN : d->weff[c]);
            put_text(f, d->is_leaf[k] ? "" : govidx_decomp_method_name((govidx_decomp_method)d->method[c]), 1);
            govidx_break_names(names, sizeof names, d->breaks[u]);
            put_text(f, names, 1);
            fputc('\n', f);
        }
    return govidx__write_atomic_end(path, tmp, f, !ferror(f));
}

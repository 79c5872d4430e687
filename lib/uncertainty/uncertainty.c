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
#include "uncertainty_model.h"

#include <math.h>
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


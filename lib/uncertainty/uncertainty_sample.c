/*
 * lib/uncertainty/uncertainty_sample.c - sampling one replication's inputs:
 * uniform numbers from the replication's counter-based stream or from a
 * Sobol' point (uncertainty_qmc.c), a node's weight multipliers (uniform
 * noise or Dirichlet), the indicator left out, the method switches' values,
 * and the drawn weights kept as the replication's parameters.
 * SPDX-License-Identifier: MIT
 */
#include "uncertainty_model.h"

#include <math.h>

const double *set_weights(const govidx_plan *p, const plan_agg *a, size_t y)
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
void draw_input(const ux_ctx *c, size_t i, uint64_t s, uint64_t m, double *mult, size_t *dropped,
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

/* Replication s's multipliers into mult, and its parameters. */
void draw_sample(const ux_ctx *c, double *mult, size_t s, size_t *variant)
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

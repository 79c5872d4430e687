/*
 * lib/composite/plan.c - plan / execute for composite indices.
 *
 * A plan resolves the method spec for every node of a sealed framework,
 * freezes the weights of every aggregate (nominal, or derived from the data
 * once: pooled over years, or per year) and then executes reentrantly
 * (execute.c):
 *
 *   stage_leaves      denominate -> impute -> [screen] -> treat -> normalise, per year
 *   aggregate_node    children's scores -> node score with frozen weights
 *
 * Ranks and contributions are derived from the scores when first asked for
 * (lib/result.c), so executing writes each score once and nothing else.
 *
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "result_internal.h"
#include "govidx/aggregate.h"
#include "govidx/analysis.h"
#include "govidx/dea.h"
#include "govidx/plan.h"
#include "plan_internal.h"
#include "prepare.h"
#include "govidx/weights.h"

#include <math.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* resolving the method                                                      */

static double num(const govidx_method *m, const char *node, const char *key)
{
    return strtod(govidx_method_get(m, node, key), NULL);
}

/* Does the weights.method value `name` (checked by the spec parser) derive
 * the weights rather than take the framework's nominal ones? */
static int weights_derived(const char *name)
{
    govidx_weight_method w;
    return govidx_weight_method_from_name(&w, name) == GOVIDX_OK &&
           (govidx__weight_row(w)->caps & GOVIDX__CAP_DERIVED);
}

static int resolve_aggregation(govidx_plan *p, plan_agg *a)
{
    const char *code = govidx_framework_node_code(p->fw, a->node);
    govidx_aggregate_method method;
    govidx_weight_method w;
    int rc;
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    if ((rc = govidx_aggregate_method_from_name(&method, govidx_method_get(p->method, code, "aggregate.method"))))
        return govidx__fail_context(rc, "node '%s'", code);
    a->bod = govidx__aggregate_bod(method); /* 1 bod, 2 directional, 3 robust */
    a->bod_m = num(p->method, code, "aggregate.bod_m");
    if (a->bod == 3 && !(a->bod_m >= 1 && a->bod_m <= 1e9 && a->bod_m == floor(a->bod_m)))
        return govidx__fail(GOVIDX_EINVAL, "node '%s': aggregate.bod_m must be a whole number >= 1", code);
    a->bod_share_min = num(p->method, code, "aggregate.bod_share_min");
    a->bod_share_max = num(p->method, code, "aggregate.bod_share_max");
    if (a->bod && !(a->bod_share_min >= 0 && a->bod_share_min <= a->bod_share_max && a->bod_share_max <= 1))
        return govidx__fail(GOVIDX_EINVAL, "node '%s': BoD share bounds must satisfy 0 <= min <= max <= 1", code);
    o.method = a->bod ? GOVIDX_AGG_ARITHMETIC : method;
    o.p = num(p->method, code, "aggregate.p");
    o.floor = num(p->method, code, "aggregate.floor");
    o.min_share = num(p->method, code, "aggregate.min_share");
    if (o.floor < 0 || o.min_share < 0 || o.min_share > 1)
        return govidx__fail(GOVIDX_EINVAL, "node '%s': aggregate.floor must be >= 0 and aggregate.min_share "
                            "in [0, 1]", code);
    a->opts = o;
    if ((rc = govidx_weight_method_from_name(&w, govidx_method_get(p->method, code, "weights.method"))))
        return govidx__fail_context(rc, "node '%s'", code);
    a->weight_method = govidx__weight_row(w)->caps & GOVIDX__CAP_DERIVED ? (int)w : -1;
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------------ */
/* plan construction                                                         */

void govidx_plan_free(govidx_plan *p)
{
    size_t i;
    if (!p)
        return;
    for (i = 0; p->aggs && i < p->n_aggs; i++) {
        govidx__free(p->aggs[i].children);
        govidx__free(p->aggs[i].weights);
    }
    for (i = 0; p->leaves && i < p->n_leaves; i++)
        govidx__leaf_prep_clear(&p->leaves[i].prep);
    govidx__free(p->aggs);
    govidx__free(p->leaves);
    govidx__free(p->leaf_of_node);
    govidx__free(p->agg_of_node);
    govidx__free(p->root_of_node);
    govidx__free(p->eff_weight);
    govidx__free(p->output_order);
    govidx__free(p->exec_order);
    govidx__free(p->child_pos);
    govidx__free(p->method_json);
    govidx_method_free(p->method);
    govidx_framework_free(p->fw);
    govidx__free(p);
}

GOVIDX__VERSIONS_1(panel_versions, govidx_panel, "panel", GOVIDX_PANEL_INIT, unit_groups);

int govidx_panel_init(govidx_panel *panel, unsigned version)
{
    return govidx__versioned_init(&panel_versions, panel, version);
}

/* The caller's panel read into *copy (the library's layout), and *panel
 * pointed at it: every public entry does this once, before check_panel. */
int govidx__plan_read_panel(const govidx_panel **panel, govidx_panel *copy)
{
    int rc;
    if (!*panel)
        return govidx__fail(GOVIDX_EINVAL, "panel: NULL");
    if ((rc = govidx__versioned_read(&panel_versions, copy, *panel)))
        return rc;
    *panel = copy;
    return GOVIDX_OK;
}

int govidx__plan_check_panel(const govidx_panel *panel, size_t *n_units, size_t *n_vars)
{
    size_t y;
    int rc;
    if (!panel)
        return govidx__fail(GOVIDX_EINVAL, "panel: NULL");
    if (panel->n_years == 0 || !panel->years)
        return govidx__fail(GOVIDX_EDIM, "panel: no years");
    for (y = 0; y < panel->n_years; y++) {
        if ((rc = govidx_matrix_check(panel->years[y])))
            return govidx__fail_context(rc, "panel year %zu", y);
        if (y && (panel->years[y].rows != panel->years[0].rows || panel->years[y].cols != panel->years[0].cols))
            return govidx__fail(GOVIDX_EDIM, "panel: year %zu is %zu x %zu, year 0 is %zu x %zu", y,
                                panel->years[y].rows, panel->years[y].cols, panel->years[0].rows,
                                panel->years[0].cols);
    }
    *n_units = panel->years[0].rows;
    *n_vars = panel->years[0].cols;
    return GOVIDX_OK;
}


/*
 * Derive the weights of aggregate a from the data: its children's scores,
 * pooled over all years (complete rows only) or per year.
 */
static int derive_weights(govidx_plan *p, plan_agg *a, govidx_result *r)
{
    size_t set, y, u, c, rows, n_rows_max = p->n_units * (p->pooled ? r->n_years : 1);
    double *m = govidx__mallocarray(n_rows_max, a->n_children * sizeof *m);
    govidx_weights_options wo = GOVIDX_WEIGHTS_OPTIONS_INIT;
    const char *code = govidx_framework_node_code(p->fw, a->node);
    int rc = GOVIDX_OK;
    if (!m)
        return govidx__oom();
    wo.method = (govidx_weight_method)a->weight_method;
    for (set = 0; set < p->n_weight_sets && rc == GOVIDX_OK; set++) {
        size_t y0 = p->pooled ? 0 : set, y1 = p->pooled ? r->n_years : set + 1;
        rows = 0;
        for (y = y0; y < y1; y++)
            for (u = 0; u < p->n_units; u++) {
                int complete = 1;
                for (c = 0; c < a->n_children && complete; c++)
                    complete = !isnan(r->scores[GOVIDX__CELL(r, u, y, a->children[c])]);
                if (!complete)
                    continue;
                for (c = 0; c < a->n_children; c++)
                    m[rows + c * n_rows_max] = r->scores[GOVIDX__CELL(r, u, y, a->children[c])];
                rows++;
            }
        if (rows < 2) {
            rc = govidx__fail(GOVIDX_EMISSING, "node '%s': fewer than 2 units have all %zu children present, "
                              "so %s weights cannot be derived", code, a->n_children,
                              govidx_method_get(p->method, code, "weights.method"));
            break;
        }
        {
            govidx_matrix_view v = {m, rows, a->n_children, n_rows_max};
            rc = govidx_weights_compute(a->weights + set * a->n_children, v, &wo);
        }
        if (rc)
            rc = govidx__fail_context(rc, "deriving the weights of node '%s'", code);
    }
    govidx__free(m);
    return rc;
}

/* Which aggregates are summed child by child as execute finishes each
 * child (streamed): weighted arithmetic means that are not fused; their
 * running sums live at their depth in execute's scratch, so the sums of a
 * node and of its streamed ancestors never share a place. */
static int plan_streaming(govidx_plan *p)
{
    size_t a, c, k;
    p->child_pos = govidx__mallocarray(p->n_nodes ? p->n_nodes : 1, sizeof *p->child_pos);
    if (!p->child_pos)
        return govidx__oom();
    for (k = 0; k < p->n_nodes; k++)
        p->child_pos[k] = NONE;
    p->n_slots = 0;
    for (a = 0; a < p->n_aggs; a++) {
        plan_agg *ag = &p->aggs[a];
        for (c = 0; c < ag->n_children; c++)
            p->child_pos[ag->children[c]] = c;
        ag->streamed = !ag->fused && !ag->bod && ag->opts.method == GOVIDX_AGG_ARITHMETIC &&
                       !p->rescale_aggregates && ag->n_children > 0;
        ag->slot = 0;
        for (k = govidx_framework_parent(p->fw, ag->node); k != NONE; k = govidx_framework_parent(p->fw, k))
            ag->slot++;
        if (ag->streamed && ag->slot + 1 > p->n_slots)
            p->n_slots = ag->slot + 1;
    }
    return GOVIDX_OK;
}

/* The execution order: depth-first post-order from each root (a sealed
 * framework has no cycle), so an aggregate runs right after its subtree. */
static int exec_order(govidx_plan *p)
{
    size_t n = p->n_nodes, i, top, out = 0;
    size_t *stack = govidx__mallocarray(n ? n : 1, 2 * sizeof *stack); /* (node, next child) pairs */
    p->exec_order = govidx__mallocarray(n ? n : 1, sizeof *p->exec_order);
    if (!stack || !p->exec_order) {
        govidx__free(stack);
        return govidx__oom();
    }
    for (i = 0; i < n; i++) {
        if (govidx_framework_parent(p->fw, i) != NONE)
            continue;
        stack[0] = i;
        stack[1] = 0;
        top = 1;
        while (top > 0) {
            size_t node = stack[2 * (top - 1)], c = stack[2 * (top - 1) + 1];
            if (c < govidx_framework_n_children(p->fw, node)) {
                stack[2 * (top - 1) + 1] = c + 1;
                stack[2 * top] = govidx_framework_child(p->fw, node, c);
                stack[2 * top + 1] = 0;
                top++;
            } else {
                p->exec_order[out++] = node;
                top--;
            }
        }
    }
    govidx__free(stack);
    return out == n ? GOVIDX_OK : govidx__fail(GOVIDX_EINVAL, "plan: %zu of %zu nodes are not under a root",
                                               n - out, n);
}

/* Lay out leaves and aggregates; resolve the method for each. */
static int build_nodes(govidx_plan *p)
{
    size_t k, i, li = 0, ai = 0, n = p->n_nodes;
    int rc;
    p->leaf_of_node = govidx__mallocarray(n, sizeof *p->leaf_of_node);
    p->agg_of_node = govidx__mallocarray(n, sizeof *p->agg_of_node);
    p->root_of_node = govidx__mallocarray(n, sizeof *p->root_of_node);
    p->eff_weight = govidx__mallocarray(n, sizeof *p->eff_weight);
    p->output_order = govidx__mallocarray(n, sizeof *p->output_order);
    p->n_leaves = govidx_framework_n_indicators(p->fw);
    p->n_aggs = n - p->n_leaves;
    p->leaves = govidx__calloc(p->n_leaves, sizeof *p->leaves);
    p->aggs = govidx__calloc(p->n_aggs ? p->n_aggs : 1, sizeof *p->aggs);
    if (!p->leaf_of_node || !p->agg_of_node || !p->root_of_node || !p->eff_weight || !p->output_order ||
        !p->leaves || !p->aggs)
        return govidx__oom();
    if ((rc = govidx_framework_effective_weights(p->eff_weight, p->fw)))
        return rc;
    for (i = 0; i < n; i++) {
        k = govidx_framework_order(p->fw, i);
        p->output_order[i] = k;
        p->leaf_of_node[k] = p->agg_of_node[k] = NONE;
    }
    for (k = 0; k < n; k++) {
        size_t r = k;
        while (govidx_framework_parent(p->fw, r) != NONE)
            r = govidx_framework_parent(p->fw, r);
        p->root_of_node[k] = r;
    }
    /* leaves first in output order, then aggregates bottom-up */
    for (i = 0; i < n; i++) {
        k = govidx_framework_order(p->fw, i);
        if (govidx_framework_is_indicator(p->fw, k)) {
            plan_leaf *l = &p->leaves[li];
            double gl, gh, tg;
            const char *code = govidx_framework_node_code(p->fw, k);
            l->node = k;
            l->column = govidx_framework_column(p->fw, k);
            l->direction = govidx_framework_direction(p->fw, k);
            govidx_framework_indicator_meta(&gl, &gh, &tg, &l->den_column, p->fw, k);
            if (l->column >= p->n_vars)
                return govidx__fail(GOVIDX_EDIM, "indicator '%s' reads column %zu, the panel has %zu columns",
                                    code, l->column, p->n_vars);
            if (l->den_column != NONE && l->den_column >= p->n_vars)
                return govidx__fail(GOVIDX_EDIM, "indicator '%s' has denominator column %zu, the panel has "
                                    "%zu columns", code, l->den_column, p->n_vars);
            if ((rc = govidx__leaf_prep_resolve(&l->prep, p->method, code, l->direction, gl, gh, tg)))
                return govidx__fail_context(rc, "indicator '%s'", code);
            l->plain_minmax = l->prep.norm == GOVIDX_NORM_MINMAX && l->prep.treat == GOVIDX_TREAT_NONE &&
                              !(p->screen_min_share > 0) && !p->unit_filter &&
                              p->impute == GOVIDX_IMPUTE_NONE && !(p->denominate && l->den_column != NONE) &&
                              (l->prep.direction == 1 || l->prep.direction == -1);
            p->leaf_of_node[k] = li++;
        } else {
            plan_agg *a = &p->aggs[ai];
            size_t c;
            a->node = k;
            a->n_children = govidx_framework_n_children(p->fw, k);
            a->children = govidx__mallocarray(a->n_children, sizeof *a->children);
            a->weights = govidx__mallocarray(a->n_children, p->n_weight_sets * sizeof *a->weights);
            if (!a->children || !a->weights)
                return govidx__oom();
            a->contiguous = a->n_children > 0;
            for (c = 0; c < a->n_children; c++) {
                a->children[c] = govidx_framework_child(p->fw, k, c);
                a->weights[c] = govidx_framework_weight(p->fw, a->children[c]);
                a->contiguous &= a->children[c] == a->children[0] + c;
            }
            if ((rc = resolve_aggregation(p, a)))
                return rc;
            if (a->weight_method < 0) /* nominal: same weights for every set */
                for (c = 0; c < a->n_children * p->n_weight_sets; c++)
                    a->weights[c] = a->weights[c % a->n_children];
            p->agg_of_node[k] = ai++;
        }
    }
    for (i = 0; i < p->n_aggs; i++)
        p->aggs[i].fused = govidx__fused_eligible(p, &p->aggs[i]);
    if ((rc = plan_streaming(p)))
        return rc;
    p->has_flags = p->impute != GOVIDX_IMPUTE_NONE || p->screen_min_share > 0 || p->unit_filter;
    for (i = 0; i < p->n_leaves; i++)
        p->has_flags |= p->leaves[i].prep.treat != GOVIDX_TREAT_NONE;
    /* leaves before aggregates in the output order */
    for (i = 0, li = 0; i < n; i++)
        if (govidx_framework_is_indicator(p->fw, p->output_order[i]))
            p->output_order[li++] = p->output_order[i];
    for (i = 0, ai = li; i < n; i++) {
        k = govidx_framework_order(p->fw, i);
        if (!govidx_framework_is_indicator(p->fw, k))
            p->output_order[ai++] = k;
    }
    if ((rc = exec_order(p)))
        return rc;
    /* each fused node finds the range of the next one's first column */
    for (i = p->n_nodes, k = NONE; i-- > 0;) {
        size_t a = p->agg_of_node[p->exec_order[i]];
        if (a != NONE && p->aggs[a].fused) {
            p->aggs[a].chain_next = k;
            k = a;
        }
    }
    return GOVIDX_OK;
}

/* Run the pipeline once over the plan's panel, deriving data-driven
 * weights node by node (children before parents). */
static int train(govidx_plan *p, const govidx_panel *panel)
{
    govidx_result *r = NULL;
    double *work = NULL;
    size_t i, y;
    int rc, any = 0;
    for (i = 0; i < p->n_aggs; i++)
        any |= p->aggs[i].weight_method >= 0;
    if (!any)
        return GOVIDX_OK;
    if ((rc = govidx_result_new(&r, p, panel)))
        return rc;
    work = govidx__mallocarray(p->n_units, govidx__plan_max_children(p) * sizeof *work);
    if (!work)
        rc = govidx__oom();
    for (y = 0; y < panel->n_years && rc == GOVIDX_OK; y++)
        rc = govidx__plan_stage_leaves(p, panel, y, r, work);
    for (i = 0; i < p->n_nodes && rc == GOVIDX_OK; i++) {
        size_t k = govidx_framework_order(p->fw, i), a = p->agg_of_node[k];
        if (a == NONE)
            continue;
        if (p->aggs[a].weight_method >= 0)
            rc = derive_weights(p, &p->aggs[a], r);
        for (y = 0; y < panel->n_years && rc == GOVIDX_OK; y++)
            rc = govidx__plan_aggregate_node(p, &p->aggs[a], y, govidx__plan_agg_weights(p, &p->aggs[a], y), r, work);
    }
    govidx__free(work);
    govidx_result_free(r);
    return rc;
}

int govidx_plan_new(govidx_plan **out, const govidx_framework *fw, const govidx_method *method,
                    const govidx_panel *panel)
{
    govidx_panel pc;
    govidx_plan *p;
    size_t i;
    int rc, any_data_weights = 0;
    if (!out || !fw)
        return govidx__fail(GOVIDX_EINVAL, "plan: NULL argument");
    *out = NULL;
    p = govidx__calloc(1, sizeof *p);
    if (!p)
        return govidx__oom();
    rc = govidx__plan_read_panel(&panel, &pc);
    if (rc == GOVIDX_OK)
        rc = govidx__plan_check_panel(panel, &p->n_units, &p->n_vars);
    if (rc == GOVIDX_OK)
        rc = govidx_framework_copy(&p->fw, fw);
    if (rc == GOVIDX_OK && govidx_framework_order(p->fw, 0) == NONE)
        rc = govidx__fail(GOVIDX_EINVAL, "plan: the framework is not sealed");
    if (rc == GOVIDX_OK)
        rc = method ? govidx_method_copy(&p->method, method) : govidx_method_new(&p->method);
    if (rc == GOVIDX_OK)
        rc = govidx__method_check_framework(p->method, p->fw);
    if (rc == GOVIDX_OK)
        rc = govidx_method_to_json(&p->method_json, p->method);
    if (rc) {
        govidx_plan_free(p);
        return rc;
    }
    p->n_years = panel->n_years;
    p->n_nodes = govidx_framework_n_nodes(p->fw);
    p->denominate = !strcmp(govidx_method_get(p->method, NULL, "denominate"), "yes");
    p->pooled = !strcmp(govidx_method_get(p->method, NULL, "weights.pooled"), "yes");
    p->rescale_aggregates = !strcmp(govidx_method_get(p->method, NULL, "normalize.method"), "zscore-minmax");
    p->low = strtod(govidx_method_get(p->method, NULL, "normalize.low"), NULL);
    p->high = strtod(govidx_method_get(p->method, NULL, "normalize.high"), NULL);
    rc = govidx__impute_kind(&p->impute, govidx_method_get(p->method, NULL, "impute.method"));
    p->screen_min_share = strtod(govidx_method_get(p->method, NULL, "screen.min_share"), NULL);
    p->screen_all_years = !strcmp(govidx_method_get(p->method, NULL, "screen.by"), "all");
    p->unit_filter = *govidx_method_get(p->method, NULL, "units.exclude") ||
                     *govidx_method_get(p->method, NULL, "units.only");
    if (rc == GOVIDX_OK && !(p->screen_min_share >= 0 && p->screen_min_share <= 1))
        rc = govidx__fail(GOVIDX_EINVAL, "plan: screen.min_share must be between 0 and 1 (has %g)",
                          p->screen_min_share);
    /* per-year weights need one set per year, only when some node derives them */
    for (i = 0; i < p->n_nodes && rc == GOVIDX_OK; i++)
        if (!govidx_framework_is_indicator(p->fw, i) &&
            weights_derived(govidx_method_get(p->method, govidx_framework_node_code(p->fw, i), "weights.method")))
            any_data_weights = 1;
    p->n_weight_sets = (!p->pooled && any_data_weights) ? p->n_years : 1;
    if (rc == GOVIDX_OK && p->impute != 0 && panel->unit_groups == NULL &&
        govidx__impute_needs_groups(p->impute))
        rc = govidx__fail(GOVIDX_EINVAL, "plan: impute.method '%s' needs unit groups (impute.group)",
                          govidx_method_get(p->method, NULL, "impute.method"));
    if (rc == GOVIDX_OK)
        rc = build_nodes(p);
    if (rc == GOVIDX_OK)
        rc = train(p, panel);
    if (rc) {
        govidx_plan_free(p);
        return rc;
    }
    *out = p;
    return GOVIDX_OK;
}

/* screen.by: the first name of a value is its canonical one */
static const govidx__name screen_by_table[] = {
    {"indicators", 0}, {"all", 1}, {"byNA", 0},
};
GOVIDX__NAMES(govidx__screen_by_names, "screening scope", screen_by_table);

const govidx_method *govidx__plan_method(const govidx_plan *p)
{
    return p ? p->method : NULL;
}

const govidx_framework *govidx_plan_framework(const govidx_plan *p)
{
    return p ? p->fw : NULL;
}

double govidx_plan_weight(const govidx_plan *p, size_t node, size_t year)
{
    size_t parent, a, c;
    const double *w;
    double sum = 0;
    if (!p || node >= p->n_nodes)
        return NAN;
    parent = govidx_framework_parent(p->fw, node);
    if (parent == NONE)
        return NAN;
    a = p->agg_of_node[parent];
    if (p->n_weight_sets > 1 && year >= p->n_weight_sets)
        return NAN;
    w = govidx__plan_agg_weights(p, &p->aggs[a], year);
    for (c = 0; c < p->aggs[a].n_children; c++)
        sum += w[c];
    for (c = 0; c < p->aggs[a].n_children; c++)
        if (p->aggs[a].children[c] == node)
            return w[c] / sum;
    return NAN;
}

/* Borrowed, as from a result: a plan is immutable, so its text is too. */
const char *govidx_plan_method_json(const govidx_plan *p)
{
    return p ? p->method_json : NULL;
}


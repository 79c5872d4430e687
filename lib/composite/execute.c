/*
 * lib/composite/execute.c - executing a plan: the result shaped for a panel,
 * the leaves staged per year (denominate -> impute -> [screen] -> treat ->
 * normalise), the aggregates computed with their frozen weights, the years
 * spread over worker threads.  The plan itself is built in plan.c.
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

static int year_label(const govidx_panel *panel, size_t y)
{
    return panel->year_labels ? panel->year_labels[y] : (int)y + 1;
}

/* Fill result labels from the plan and the panel. */
static int label_result(const govidx_plan *p, const govidx_panel *panel, govidx_result *r)
{
    size_t i;
    char buf[32];
    for (i = 0; i < r->n_units; i++) {
        if (panel->unit_codes && panel->unit_codes[i])
            r->unit_codes[i] = govidx__strdup(panel->unit_codes[i]);
        else {
            snprintf(buf, sizeof buf, "%zu", i + 1);
            r->unit_codes[i] = govidx__strdup(buf);
        }
        if (!r->unit_codes[i])
            return govidx__oom();
    }
    for (i = 0; i < r->n_years; i++)
        r->years[i] = year_label(panel, i);
    for (i = 0; i < r->n_nodes; i++) {
        r->node_codes[i] = govidx__strdup(govidx_framework_node_code(p->fw, i));
        if (!r->node_codes[i])
            return govidx__oom();
        r->is_leaf[i] = (unsigned char)govidx_framework_is_indicator(p->fw, i);
    }
    r->output_order = govidx__mallocarray(r->n_nodes, sizeof *r->output_order);
    r->contrib_weight = govidx__mallocarray(r->n_nodes, sizeof *r->contrib_weight);
    r->root_of_node = govidx__mallocarray(r->n_nodes, sizeof *r->root_of_node);
    r->method_json = govidx__strdup(p->method_json);
    if (!r->output_order || !r->contrib_weight || !r->root_of_node || !r->method_json)
        return govidx__oom();
    memcpy(r->output_order, p->output_order, r->n_nodes * sizeof *r->output_order);
    memcpy(r->root_of_node, p->root_of_node, r->n_nodes * sizeof *r->root_of_node);
    for (i = 0; i < r->n_nodes; i++) /* a leaf's share of its root's score: w_eff z / root */
        r->contrib_weight[i] = r->is_leaf[i] && p->root_of_node[i] != i ? p->eff_weight[i] : NAN;
    return GOVIDX_OK;
}

/* A result shaped for the plan and panel; fill: see govidx__result_alloc. */
static int make_result(govidx_result **out, const govidx_plan *p, const govidx_panel *panel, int fill)
{
    size_t n_units, n_vars;
    govidx_result *r = NULL;
    int rc;
    if (!out || !p)
        return govidx__fail(GOVIDX_EINVAL, "result: NULL argument");
    *out = NULL;
    if ((rc = govidx__plan_check_panel(panel, &n_units, &n_vars)))
        return rc;
    if (n_units != p->n_units || n_vars != p->n_vars)
        return govidx__fail(GOVIDX_EDIM, "panel is %zu units x %zu variables, the plan was made for %zu x %zu",
                            n_units, n_vars, p->n_units, p->n_vars);
    if (!p->pooled && p->n_weight_sets > 1 && panel->n_years != p->n_years)
        return govidx__fail(GOVIDX_EDIM, "the plan has per-year weights for %zu years, the panel has %zu",
                            p->n_years, panel->n_years);
    if ((rc = govidx__result_alloc(&r, n_units, panel->n_years, p->n_nodes, fill, p->has_flags)))
        return rc;
    if ((rc = label_result(p, panel, r))) {
        govidx_result_free(r);
        return rc;
    }
    *out = r;
    return GOVIDX_OK;
}

int govidx_result_new(govidx_result **out, const govidx_plan *p, const govidx_panel *panel)
{
    govidx_panel pc;
    int rc = govidx__plan_read_panel(&panel, &pc);
    return rc ? rc : make_result(out, p, panel, 1);
}

/* Raw value of leaf l for unit u in year y, denominated if asked. */
static double raw_value(const govidx_plan *p, const govidx_matrix_view *v, const plan_leaf *l, size_t u)
{
    double x = v->data[u + l->column * v->ld];
    if (p->denominate && l->den_column != NONE && !isnan(x)) {
        double d = v->data[u + l->den_column * v->ld];
        x = isnan(d) ? NAN : x / d;
    }
    return x;
}

/*
 * The common leaf in one read of its column: no denominator, imputation or
 * treatment, min-max normalisation.  Checks, range and the normalised values
 * are the same numbers govidx_normalize gives (same expression).  Returns 1
 * when it handled the leaf, 0 to leave it to the general path (another
 * method, a constant or empty column, an infinite value: the general path
 * applies the policy or reports the error).
 */
static int stage_leaf_minmax(const govidx_plan *p, const plan_leaf *l, const double *x, double *z,
                             unsigned char *flags)
{
    const govidx__leaf_prep *lp = &l->prep;
    double mn, mx;
    size_t n = p->n_units;
    if (!l->plain_minmax || !govidx__plain_range(x, n, &mn, &mx))
        return 0;
    if (flags)
        memset(flags, 0, n);
    govidx__kernel_minmax(z, x, n, lp->low, lp->high - lp->low, mn, mx, lp->direction);
    return 1;
}

/* drop[] of a year: why a unit is left out (0: it is not) */
#define DROP_SCREENED 1
#define DROP_EXCLUDED 2

/*
 * Stage leaf l of year y: denominate, impute, treat and normalise the
 * indicator, writing the normalised values into the result's leaf cells
 * and their flags.  `x` holds n_units doubles of work space.
 */
static int stage_leaf(const govidx_plan *p, const govidx_panel *panel, size_t y, govidx_result *r,
                      const plan_leaf *l, double *x, const unsigned char *drop)
{
    const govidx_matrix_view *v = &panel->years[y];
    const char *code = govidx_framework_node_code(p->fw, l->node);
    unsigned char *flags = r->flags ? r->flags + GOVIDX__CELL(r, 0, y, l->node) : NULL;
    double *z = r->scores + GOVIDX__CELL(r, 0, y, l->node);
    size_t u;
    int rc;
    if (stage_leaf_minmax(p, l, v->data + l->column * v->ld, z, flags))
        return GOVIDX_OK;
    for (u = 0; u < p->n_units; u++) {
        x[u] = raw_value(p, v, l, u);
        if (isinf(x[u]))
            return govidx__fail(GOVIDX_ENUMERIC, "indicator '%s' is infinite for unit '%s' in year %d%s", code,
                                r->unit_codes[u], year_label(panel, y),
                                p->denominate && l->den_column != NONE ? " (after denomination)" : "");
    }
    if (flags) /* else no step of this plan flags a cell */
        memset(flags, 0, p->n_units);
    /* imputation across years looks at the same unit's other years */
    /* excluded units (units.exclude / units.only) take no part at all */
    for (u = 0; drop && u < p->n_units; u++)
        if (drop[u] & DROP_EXCLUDED)
            x[u] = NAN;
    rc = govidx__impute_leaf(x, flags, p->n_units, p->impute, panel, y, l->column, l->den_column, p->denominate,
                             panel->unit_groups);
    /* screened-out units take no part in treatment or normalisation (COINr
     * Screen() comes after Impute(): they did take part in imputation) */
    for (u = 0; drop && u < p->n_units; u++)
        if (drop[u]) {
            x[u] = NAN;
            if (flags) {
                flags[u] &= (unsigned char)~GOVIDX_FLAG_IMPUTED;
                flags[u] |= drop[u] & DROP_EXCLUDED ? GOVIDX_FLAG_EXCLUDED : GOVIDX_FLAG_SCREENED;
            }
        }
    if (rc == GOVIDX_OK)
        rc = govidx__leaf_prep_apply(&l->prep, z, flags, x, p->n_units);
    if (rc) /* the kernels name rows; this path names units */
        return govidx__fail_context(
            govidx__error_name_positions(
                govidx__error_name_positions(rc, "row", "unit", (const char *const *)r->unit_codes, p->n_units),
                "column", "indicator", &code, 1),
            "indicator '%s', year %d", code, year_label(panel, y));
    for (u = 0; u < p->n_units; u++) /* scores are finite or missing */
        if (isinf(z[u]))
            return govidx__fail(GOVIDX_ENUMERIC, "indicator '%s' normalises to an infinite value for unit "
                                "'%s' in year %d", code, r->unit_codes[u], year_label(panel, y));
    return GOVIDX_OK;
}

/* Is `code` in the comma-separated list? */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    const char *s = list;
    while (*s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && !strncmp(s, code, n))
            return 1;
        s += len + (e != NULL);
    }
    return 0;
}

/* units.exclude / units.only into drop[] (DROP_EXCLUDED); every listed
 * code must be a unit of the panel. */
static int unit_filter(unsigned char *drop, const govidx_plan *p, const govidx_panel *panel)
{
    static const char *const keys[2] = {"units.exclude", "units.only"};
    size_t u, i;
    for (i = 0; i < 2; i++) {
        const char *list = govidx_method_get(p->method, NULL, keys[i]), *s = list;
        char code[256];
        if (!*list)
            continue;
        if (!panel->unit_codes)
            return govidx__fail(GOVIDX_EINVAL, "plan: %s needs the panel's unit codes", keys[i]);
        while (*s) { /* every listed code names a unit */
            const char *e = strchr(s, ',');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            int found = 0;
            if (len == 0 || len >= sizeof code)
                return govidx__fail(GOVIDX_EINVAL, "plan: %s: empty or over-long unit code in '%s'", keys[i],
                                    list);
            memcpy(code, s, len);
            code[len] = '\0';
            for (u = 0; u < p->n_units && !found; u++)
                found = panel->unit_codes[u] && !strcmp(panel->unit_codes[u], code);
            if (!found)
                return govidx__fail(GOVIDX_ENOTFOUND, "plan: %s: no unit '%s' in the panel", keys[i], code);
            s += len + (e != NULL);
        }
        for (u = 0; u < p->n_units; u++)
            if (i == 0 ? in_list(list, panel->unit_codes[u]) : !in_list(list, panel->unit_codes[u]))
                drop[u] |= DROP_EXCLUDED;
    }
    return GOVIDX_OK;
}

/* Unit screening by data availability (COINr Screen(unit_screen = "byNA")):
 * the share of the unit's indicators that have a value after denomination
 * and imputation, in year y (screen.by = indicators) or over every year
 * (screen.by = all).  *drop (n_units, caller frees) marks the units whose
 * share is below screen.min_share; NULL when the plan does not screen. */
static int screen_mask(unsigned char **drop, const govidx_plan *p, const govidx_panel *panel, size_t y)
{
    size_t n = p->n_units, t, li, u, t0 = p->screen_all_years ? 0 : y;
    size_t t1 = p->screen_all_years ? panel->n_years : y + 1;
    size_t *present;
    double *x;
    int rc = GOVIDX_OK;
    *drop = NULL;
    if (!(p->screen_min_share > 0) && !p->unit_filter)
        return GOVIDX_OK;
    present = govidx__calloc(n, sizeof *present);
    x = govidx__mallocarray(n, sizeof *x);
    *drop = govidx__calloc(n, 1);
    if (!present || !x || !*drop) {
        govidx__free(present);
        govidx__free(x);
        govidx__free(*drop);
        *drop = NULL;
        return govidx__oom();
    }
    if (p->unit_filter)
        rc = unit_filter(*drop, p, panel);
    if (!(p->screen_min_share > 0))
        t1 = t0; /* no screening: the filter alone */
    for (t = t0; t < t1 && rc == GOVIDX_OK; t++)
        for (li = 0; li < p->n_leaves && rc == GOVIDX_OK; li++) {
            const plan_leaf *l = &p->leaves[li];
            for (u = 0; u < n; u++)
                x[u] = (*drop)[u] ? NAN : raw_value(p, &panel->years[t], l, u);
            rc = govidx__impute_leaf(x, NULL, n, p->impute, panel, t, l->column, l->den_column, p->denominate,
                                     panel->unit_groups);
            for (u = 0; u < n && rc == GOVIDX_OK; u++)
                present[u] += !isnan(x[u]);
        }
    for (u = 0; u < n && t1 > t0; u++)
        if (!(*drop)[u] && (double)present[u] < p->screen_min_share * (double)(p->n_leaves * (t1 - t0)))
            (*drop)[u] = DROP_SCREENED;
    govidx__free(present);
    govidx__free(x);
    if (rc) {
        govidx__free(*drop);
        *drop = NULL;
        return rc == GOVIDX_ENOTFOUND || rc == GOVIDX_EINVAL ? rc
                                                             : govidx__fail_context(rc, "screening year %d",
                                                                                    year_label(panel, y));
    }
    return GOVIDX_OK;
}

int govidx__plan_stage_leaves(const govidx_plan *p, const govidx_panel *panel, size_t y, govidx_result *r,
                              double *work)
{
    size_t li;
    unsigned char *drop;
    int rc = screen_mask(&drop, p, panel, y);
    for (li = 0; li < p->n_leaves && rc == GOVIDX_OK; li++)
        rc = stage_leaf(p, panel, y, r, &p->leaves[li], work, drop);
    govidx__free(drop);
    return rc;
}

/*
 * Benefit of the doubt (Cherchye et al. 2007) over the units with every
 * child present: each unit's most favourable weights, by DEA (lib/dea_bod.c).
 * Units with a missing child are missing.  An infeasible restriction set is
 * an error naming the unit, never a silent 0.
 */
static int bod_node(const govidx_plan *p, const plan_agg *a, govidx_matrix_view z, double *out,
                    const govidx_result *r, size_t y)
{
    size_t n = z.rows, m = z.cols, i, j, k = 0, *row = govidx__mallocarray(n, sizeof *row);
    double *zc = govidx__mallocarray(n, m * sizeof *zc), *ci = govidx__mallocarray(n, sizeof *ci);
    double *lo = govidx__mallocarray(m, sizeof *lo), *hi = govidx__mallocarray(m, sizeof *hi);
    int *status = govidx__mallocarray(n, sizeof *status), all_one = 0, rc = GOVIDX_OK;
    govidx_bod_options bo = GOVIDX_BOD_OPTIONS_INIT;
    if (!row || !zc || !ci || !lo || !hi || !status) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < n; i++) {
        int complete = 1;
        out[i] = NAN;
        for (j = 0; j < m && complete; j++)
            complete = !isnan(z.data[i + j * z.ld]);
        if (complete)
            row[k++] = i;
    }
    if (k == 0)
        goto done;
    for (j = 0; j < m; j++) {
        lo[j] = a->bod_share_min;
        hi[j] = a->bod_share_max;
        for (i = 0; i < k; i++)
            zc[i + j * k] = z.data[row[i] + j * z.ld];
    }
    if (a->bod_share_min > 0 || a->bod_share_max < 1) {
        bo.share_lower = lo;
        bo.share_upper = hi;
    }
    if (a->bod == 2) { /* directional, g = 1 on every child (Fusco 2015) */
        double *g = lo;
        for (j = 0; j < m; j++)
            g[j] = 1.0;
        rc = govidx_dea_bod_directional(ci, NULL, status, govidx_matrix_view_array(zc, k, m), g);
    } else if (a->bod == 3) { /* robust order-m, exact expectation */
        govidx_bod_robust_options ro = GOVIDX_BOD_ROBUST_OPTIONS_INIT;
        ro.m = (size_t)a->bod_m;
        rc = govidx_dea_bod_robust(ci, govidx_matrix_view_array(zc, k, m), &ro);
        for (i = 0; i < k; i++)
            status[i] = GOVIDX_DEA_OPTIMAL;
    } else {
        bo.threads = govidx__threads_per_year(r->n_years); /* results do not depend on it */
        rc = govidx_dea_bod(ci, NULL, status, &all_one, govidx_matrix_view_array(zc, k, m), &bo);
    }
    for (i = 0; i < k && rc == GOVIDX_OK; i++) {
        if (status[i] != GOVIDX_DEA_OPTIMAL)
            rc = govidx__fail(GOVIDX_EINFEASIBLE, "benefit of the doubt: the LP of unit '%s' is %s",
                              r->unit_codes[row[i]],
                              status[i] == GOVIDX_DEA_INFEASIBLE ? "infeasible (weight restrictions)" : "not solved");
        else if (a->bod == 3) /* order-m scores may exceed 1 by design */
            out[row[i]] = p->high * ci[i];
        else /* the LP's feasibility tolerance can put a frontier unit a hair above 1 */
            out[row[i]] = p->high * (ci[i] > 1 && ci[i] < 1 + 1e-6 ? 1 : ci[i]);
    }
    (void)y;
done:
    govidx__free(row);
    govidx__free(zc);
    govidx__free(ci);
    govidx__free(lo);
    govidx__free(hi);
    govidx__free(status);
    return rc;
}

/* Aggregate node a of year y from its children's scores with weights w. */
/* A power mean (geometric, harmonic, generalised) refused a value: the
 * matrix-level message names the cell by indices; name it by codes instead
 * ("geometric mean: indicator osi of unit MCO is 0").  The cell is the
 * first the mean visits (units, then children; missing values and
 * zero-weight children do not take part); GOVIDX_EDOMAIN as before. */
static int name_power_cell(const govidx_plan *p, const plan_agg *a, govidx_matrix_view z, const double *w,
                           const govidx_result *r)
{
    const govidx_aggregate_options *o = &a->opts;
    double pw = govidx__aggregate_exponent(o);
    size_t u, c;
    if (!(govidx__aggregate_row(o->method)->caps & GOVIDX__CAP_POWER_MEAN) || o->floor > 0)
        return GOVIDX_EDOMAIN; /* the library's message stands */
    for (u = 0; u < z.rows; u++)
        for (c = 0; c < z.cols; c++) {
            double x = z.data[u + c * z.ld];
            size_t k = a->children[c];
            if (isnan(x) || w[c] == 0.0 || (pw <= 0.0 ? x > 0.0 : x >= 0.0))
                continue;
            return govidx__fail(GOVIDX_EDOMAIN, "%s mean: %s %s of unit %s is %g (%s; set aggregate.floor > 0 to "
                                "raise it)", govidx_aggregate_method_name(o->method), govidx_framework_is_indicator(p->fw, k) ? "indicator" : "aggregate",
                                govidx_framework_node_code(p->fw, k), r->unit_codes[u], x,
                                pw <= 0.0 ? "needs values > 0" : "needs values >= 0");
        }
    return GOVIDX_EDOMAIN;
}

int govidx__plan_aggregate_node(const govidx_plan *p, const plan_agg *a, size_t y, const double *w,
                                govidx_result *r, double *work)
{
    size_t c;
    int rc;
    govidx_matrix_view z;
    double *out = r->scores + GOVIDX__CELL(r, 0, y, a->node);
    if (a->contiguous) /* children are consecutive nodes: their columns already form a matrix */
        z = govidx_matrix_view_array(r->scores + GOVIDX__CELL(r, 0, y, a->children[0]), p->n_units,
                                     a->n_children);
    else {
        for (c = 0; c < a->n_children; c++)
            memcpy(work + c * p->n_units, r->scores + GOVIDX__CELL(r, 0, y, a->children[c]),
                   p->n_units * sizeof *work);
        z = govidx_matrix_view_array(work, p->n_units, a->n_children);
    }
    /* the children's scores are finite or missing: checked as they were made */
    rc = govidx__plan_aggregate_z(p, a, z, w, out, r, y);
    if (rc == GOVIDX_EDOMAIN && !a->bod)
        rc = name_power_cell(p, a, z, w, r);
    if (rc) { /* the kernels name rows and columns; this path names units and children */
        const char *kids[64];
        size_t nk = a->n_children < 64 ? a->n_children : 64;
        for (c = 0; c < nk; c++)
            kids[c] = govidx_framework_node_code(p->fw, a->children[c]);
        rc = govidx__error_name_positions(rc, "row", "unit", (const char *const *)r->unit_codes, p->n_units);
        rc = govidx__error_name_positions(rc, "column", "child", kids, nk);
        return govidx__fail_context(rc, "node '%s', year %d", govidx_framework_node_code(p->fw, a->node),
                                    r->years[y]);
    }
    return govidx__node_finite(p, a->node, y, r);
}

int govidx__plan_aggregate_z(const govidx_plan *p, const plan_agg *a, govidx_matrix_view z, const double *w,
                             double *out, const govidx_result *r, size_t y)
{
    size_t u;
    int rc = a->bod ? bod_node(p, a, z, out, r, y) : govidx__aggregate(out, z, w, &a->opts, NULL, 0);
    if (rc)
        return rc;
    if (p->rescale_aggregates) {
        /* EGDI two-stage: z-scored components, min-max rescaled composite */
        double lo = INFINITY, hi = -INFINITY;
        for (u = 0; u < p->n_units; u++)
            if (!isnan(out[u])) {
                lo = out[u] < lo ? out[u] : lo;
                hi = out[u] > hi ? out[u] : hi;
            }
        if (lo < hi)
            for (u = 0; u < p->n_units; u++)
                out[u] = p->low + (p->high - p->low) * (out[u] - lo) / (hi - lo);
    }
    return GOVIDX_OK;
}

const double *govidx__plan_agg_weights(const govidx_plan *p, const plan_agg *a, size_t y)
{
    return a->weights + (p->n_weight_sets > 1 ? y : 0) * a->n_children;
}

size_t govidx__plan_max_children(const govidx_plan *p)
{
    size_t a, m = 3; /* at least the fused path's three sums */
    for (a = 0; a < p->n_aggs; a++)
        if (p->aggs[a].n_children > m)
            m = p->aggs[a].n_children;
    return m;
}

/* Node k of year y is done: add its column to its parent's sums when the
 * parent is streamed; its last child makes the parent's scores.  The
 * parent's weights are checked at its first child, as govidx_aggregate
 * would; if they would be refused, ok stays 0 and the parent takes the
 * general path, which reports the problem. */
static int stream_child(const govidx_plan *p, size_t y, govidx_result *r, size_t k, double *scratch, int *ok)
{
    size_t parent = govidx_framework_parent(p->fw, k), c = p->child_pos[k];
    const plan_agg *pa = parent == NONE ? NULL : &p->aggs[p->agg_of_node[parent]];
    const double *w;
    govidx__node_sums sums;
    int last;
    if (!pa || !pa->streamed)
        return GOVIDX_OK;
    w = govidx__plan_agg_weights(p, pa, y);
    if (c == 0)
        ok[pa->slot] = govidx__mean_weights_ok(w, pa->n_children);
    if (!ok[pa->slot])
        return GOVIDX_OK;
    sums = govidx__node_sums_at(scratch + 3 * p->n_units * pa->slot, p->n_units, pa);
    last = c + 1 == pa->n_children;
    if (govidx__kernel_child_sums(&sums, r->scores + GOVIDX__CELL(r, 0, y, k), p->n_units, w[c], c == 0,
                                  last ? r->scores + GOVIDX__CELL(r, 0, y, pa->node) : NULL))
        return govidx__node_finite(p, pa->node, y, r);
    return GOVIDX_OK;
}

int govidx_execute_year(govidx_result *r, const govidx_plan *p, const govidx_panel *panel, size_t y)
{
    govidx_panel pc;
    double *work, *sums;
    int *stream_ok;
    govidx__range_carry carry = {NULL, 0.0, 0.0};
    unsigned char *drop = NULL;
    size_t i, n_units, n_vars, n_work;
    int rc;
    if (!p || !r)
        return govidx__fail(GOVIDX_EINVAL, "execute: NULL argument");
    if ((rc = govidx__plan_read_panel(&panel, &pc)) || (rc = govidx__plan_check_panel(panel, &n_units, &n_vars)))
        return rc;
    if (n_units != p->n_units || n_vars != p->n_vars || r->n_units != n_units || r->n_nodes != p->n_nodes ||
        r->n_years != panel->n_years)
        return govidx__fail(GOVIDX_EDIM, "execute: the panel or result does not match the plan's shape");
    if (y >= panel->n_years)
        return govidx__fail(GOVIDX_EINVAL, "execute: year index %zu out of range (%zu years)", y, panel->n_years);
    /* scratch: the general path's columns, then 3 sums per streamed depth */
    n_work = govidx__plan_max_children(p);
    work = govidx__mallocarray(n_units, (n_work + 3 * p->n_slots) * sizeof *work);
    stream_ok = govidx__calloc(p->n_slots + 1, sizeof *stream_ok);
    if (!work || !stream_ok) {
        govidx__free(work);
        govidx__free(stream_ok);
        return govidx__oom();
    }
    sums = work + n_work * n_units;
    govidx__result_ranks_stale(r); /* ranked again on first use */
    rc = screen_mask(&drop, p, panel, y);
    /* depth-first: a node right after its children, whose columns are
     * then still in cache */
    for (i = 0; i < p->n_nodes && rc == GOVIDX_OK; i++) {
        size_t k = p->exec_order[i], a = p->agg_of_node[k], parent = govidx_framework_parent(p->fw, k), c;
        const plan_agg *ag = a == NONE ? NULL : &p->aggs[a];
        int done = 0;
        if (!ag) { /* a leaf, unless its parent stages it */
            if (parent == NONE || !p->aggs[p->agg_of_node[parent]].fused) {
                rc = stage_leaf(p, panel, y, r, &p->leaves[p->leaf_of_node[k]], work, drop);
                if (rc == GOVIDX_OK)
                    rc = stream_child(p, y, r, k, sums, stream_ok);
            }
            continue;
        }
        done = ag->streamed && stream_ok[ag->slot]; /* made by its last child */
        if (ag->fused &&
            (rc = govidx__fused_node(p, ag, govidx__plan_agg_weights(p, ag, y), panel, y, r, work, &carry, &done)) == GOVIDX_OK &&
            !done) /* this year's data need the general path */
            for (c = 0; c < ag->n_children && rc == GOVIDX_OK; c++)
                rc = stage_leaf(p, panel, y, r, &p->leaves[p->leaf_of_node[ag->children[c]]], work, drop);
        if (rc == GOVIDX_OK && !done)
            rc = govidx__plan_aggregate_node(p, ag, y, govidx__plan_agg_weights(p, ag, y), r, work);
        if (rc == GOVIDX_OK)
            rc = stream_child(p, y, r, k, sums, stream_ok);
        /* every cell of the year is written: the result may come uninitialised */
        if (r->flags)
            memset(r->flags + GOVIDX__CELL(r, 0, y, k), 0, n_units);
    }
    govidx__free(work);
    govidx__free(stream_ok);
    govidx__free(drop);
    return rc;
}

/* Years are independent: govidx_execute spreads them over worker threads
 * (each year is computed by exactly one thread, so results do not depend on
 * the number of threads).  Errors are reported for the earliest failing year. */
typedef struct exec_job {
    const govidx_plan *p;
    const govidx_panel *panel;
    govidx_result *r;
    size_t first, step;
    int *rc;          /* per year */
    char (*msg)[256]; /* per year */
} exec_job;

static void *exec_worker(void *arg)
{
    exec_job *j = arg;
    size_t y;
    for (y = j->first; y < j->panel->n_years; y += j->step) {
        j->rc[y] = govidx_execute_year(j->r, j->p, j->panel, y);
        if (j->rc[y])
            snprintf(j->msg[y], sizeof j->msg[y], "%s", govidx_last_error());
    }
    return NULL;
}

/* Compute every year of panel into r, the years spread over threads. */
static int execute_years(const govidx_plan *p, const govidx_panel *panel, govidx_result *r)
{
    size_t y, t, n_threads;
    exec_job jobs[GOVIDX__MAX_WORKERS];
    int rc = GOVIDX_OK, *rcs;
    char (*msgs)[256];
    n_threads = govidx__worker_count(panel->n_years);
    rcs = govidx__calloc(panel->n_years, sizeof *rcs);
    msgs = govidx__calloc(panel->n_years, sizeof *msgs);
    if (!rcs || !msgs) {
        govidx__free(rcs);
        govidx__free(msgs);
        return govidx__oom();
    }
    for (t = 0; t < n_threads; t++) {
        exec_job j = {p, panel, r, t, n_threads, rcs, msgs};
        jobs[t] = j;
    }
    govidx__run_slots(exec_worker, jobs, sizeof *jobs, n_threads);
    for (y = 0; y < panel->n_years; y++)
        if (rcs[y]) {
            rc = govidx__fail(rcs[y], "%s", msgs[y]);
            break;
        }
    govidx__free(rcs);
    govidx__free(msgs);
    return rc;
}

int govidx_execute(govidx_result **out, const govidx_plan *p, const govidx_panel *panel)
{
    govidx_result *r = NULL;
    govidx_panel pc;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "execute: out is NULL");
    *out = NULL;
    if ((rc = govidx__plan_read_panel(&panel, &pc)))
        return rc;
    if ((rc = make_result(&r, p, panel, 0))) /* the workers write every cell */
        return rc;
    if ((rc = execute_years(p, panel, r))) {
        govidx_result_free(r);
        return rc;
    }
    *out = r;
    return GOVIDX_OK;
}

int govidx_execute_into(govidx_result *r, const govidx_plan *p, const govidx_panel *panel)
{
    govidx_panel pc;
    size_t n_units, n_vars, y;
    int rc;
    if (!p || !r)
        return govidx__fail(GOVIDX_EINVAL, "execute: NULL argument");
    if ((rc = govidx__plan_read_panel(&panel, &pc)) || (rc = govidx__plan_check_panel(panel, &n_units, &n_vars)))
        return rc;
    if (r->n_units != n_units || r->n_years != panel->n_years || r->n_nodes != p->n_nodes || !r->root_of_node)
        return govidx__fail(GOVIDX_EDIM, "execute: the result is %zu units x %zu years x %zu nodes, the plan "
                            "and panel make %zu x %zu x %zu", r->n_units, r->n_years, r->n_nodes, n_units,
                            panel->n_years, p->n_nodes);
    for (y = 0; y < r->n_years; y++)
        if (r->years[y] != year_label(panel, y))
            return govidx__fail(GOVIDX_EDIM, "execute: year %zu of the result is %d, of the panel %d", y,
                                r->years[y], year_label(panel, y));
    for (y = 0; y < r->n_nodes; y++) /* the same framework and method, not just the same shape */
        if (strcmp(r->node_codes[y], govidx_framework_node_code(p->fw, y)))
            return govidx__fail(GOVIDX_EINVAL, "execute: node %zu of the result is '%s', of the plan '%s'", y,
                                r->node_codes[y], govidx_framework_node_code(p->fw, y));
    if (strcmp(r->method_json, p->method_json))
        return govidx__fail(GOVIDX_EINVAL, "execute: the result was made by a plan with another method");
    for (y = 0; panel->unit_codes && y < n_units; y++)
        if (panel->unit_codes[y] && strcmp(r->unit_codes[y], panel->unit_codes[y]))
            return govidx__fail(GOVIDX_EINVAL, "execute: the unit in row %zu (0-based) of the result is '%s', of the panel '%s'",
                                y, r->unit_codes[y], panel->unit_codes[y]);
    if ((rc = execute_years(p, panel, r))) {
        /* no half-old, half-new result: every cell is reset to missing */
        size_t cells = r->n_units * r->n_years * r->n_nodes, i;
        for (i = 0; i < cells; i++)
            r->scores[i] = NAN;
        if (r->flags)
            memset(r->flags, 0, cells);
    }
    return rc;
}

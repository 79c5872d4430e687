/*
 * lib/dataset/dataset_check.c - the city dataset's consistency rules
 * (govidx_dataset_validate) and its text summary; the model itself is in
 * dataset.c.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_model.h"
#include "inventory_record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPOS ((size_t)-1)

/* ------------------------------------------------------------------ */
/* validation                                                           */
/* ------------------------------------------------------------------ */

typedef struct vctx {
    govidx_problem_fn report;
    void *ctx;
    int first;
    char obj[256];
    char first_msg[1024]; /* set as the thread's error at the end: lookups may overwrite it */
} vctx;

static void problem(vctx *v, int status, const char *object, const char *fmt, ...) GOVIDX__PRINTF(4, 5);

static void problem(vctx *v, int status, const char *object, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!v->first) {
        v->first = status;
        snprintf(v->first_msg, sizeof v->first_msg, "%s: %s", object, msg);
    }
    if (v->report)
        v->report(v->ctx, object, msg);
}

static const char *objname(vctx *v, const char *what, const char *code)
{
    snprintf(v->obj, sizeof v->obj, "%s '%s'", what, code);
    return v->obj;
}

typedef struct keyref {
    const char *key;
    size_t index;
} keyref;

static int keycmp(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Report every non-empty code that occurs more than once (sort-based, O(n log n)). */
static int check_unique(vctx *v, const char *what, const char *const *keys, size_t n, size_t stride)
{
    keyref *k;
    size_t i;
    if (n < 2)
        return GOVIDX_OK;
    k = govidx__mallocarray(n, sizeof *k);
    if (!k)
        return govidx__oom();
    for (i = 0; i < n; i++) {
        k[i].key = *(const char *const *)((const char *)keys + i * stride);
        k[i].index = i;
    }
    qsort(k, n, sizeof *k, keycmp);
    for (i = 1; i < n; i++)
        if (!strcmp(k[i].key, k[i - 1].key) && (i < 2 || strcmp(k[i].key, k[i - 2].key)))
            problem(v, GOVIDX_EFORMAT, objname(v, what, k[i].key),
                    "duplicate code (rows %zu and %zu)", k[i - 1].index, k[i].index);
    govidx__free(k);
    return GOVIDX_OK;
}

static int year_known(const govidx_dataset *ds, int year)
{
    size_t i;
    for (i = 0; i < ds->n_years; i++)
        if (ds->years[i] == year)
            return 1;
    return 0;
}

static size_t node_index(const govidx_dataset *ds, const char *code)
{
    return govidx__strmap_get(&ds->node_map, code);
}

/* Follow parent links from node k; report a cycle once (at its smallest index). */
static void check_node_cycle(vctx *v, const govidx_dataset *ds, size_t k)
{
    size_t steps = 0, p = k, q;
    char path[512];
    size_t len;
    while (p != NPOS && steps <= ds->n_nodes) {
        p = node_index(ds, ds->nodes[p].parent);
        steps++;
        if (p == k)
            break;
    }
    if (p != k)
        return;
    /* k lies on a cycle: report it only from its smallest member */
    for (q = node_index(ds, ds->nodes[k].parent); q != k; q = node_index(ds, ds->nodes[q].parent))
        if (q < k)
            return;
    len = (size_t)snprintf(path, sizeof path, "%s", ds->nodes[k].code);
    for (q = node_index(ds, ds->nodes[k].parent);; q = node_index(ds, ds->nodes[q].parent)) {
        if (len < sizeof path)
            len += (size_t)snprintf(path + len, sizeof path - len, " -> %s", ds->nodes[q].code);
        if (q == k)
            break;
    }
    problem(v, GOVIDX_ECYCLE, objname(v, "node", ds->nodes[k].code), "the framework has a cycle: %s", path);
}

/* Report every district on a cycle of parent links, in index order.  The
 * parents are resolved once; then one walk per chain, each district
 * stamped with the walk that reached it first, finds every cycle in
 * O(districts) (a walk that meets its own stamp has closed a cycle). */
static int check_district_cycles(vctx *v, const govidx_dataset *ds)
{
    size_t n = ds->n_districts, i, p, *parent, *stamp;
    unsigned char *on_cycle;
    if (!n)
        return GOVIDX_OK;
    parent = govidx__mallocarray(n, sizeof *parent);
    stamp = govidx__mallocarray(n, sizeof *stamp);
    on_cycle = govidx__calloc(n, 1);
    if (!parent || !stamp || !on_cycle) {
        govidx__free(parent);
        govidx__free(stamp);
        govidx__free(on_cycle);
        return govidx__oom();
    }
    for (i = 0; i < n; i++) {
        parent[i] = govidx__ds_find_district(ds, ds->districts[i].parent);
        stamp[i] = NPOS;
    }
    for (i = 0; i < n; i++) {
        for (p = i; p != NPOS && stamp[p] == NPOS; p = parent[p])
            stamp[p] = i;
        if (p != NPOS && stamp[p] == i) {
            size_t q = p;
            do {
                on_cycle[q] = 1;
                q = parent[q];
            } while (q != p);
        }
    }
    for (i = 0; i < n; i++)
        if (on_cycle[i])
            problem(v, GOVIDX_ECYCLE, objname(v, "district", ds->districts[i].code),
                    "the district hierarchy has a cycle through this district");
    govidx__free(parent);
    govidx__free(stamp);
    govidx__free(on_cycle);
    return GOVIDX_OK;
}

static int finite_nonneg(double w) { return isfinite(w) && w >= 0; }

int govidx_dataset_validate(const govidx_dataset *ds, govidx_problem_fn report, void *ctx)
{
    vctx v;
    size_t i, k, n = 0;
    int rc;
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "validate: dataset is NULL");
    memset(&v, 0, sizeof v);
    v.report = report;
    v.ctx = ctx;

    if (!ds->n_units)
        problem(&v, GOVIDX_EFORMAT, "/units", "the dataset has no units");
    if (!ds->n_years)
        problem(&v, GOVIDX_EFORMAT, "/years", "the dataset has no years");
    for (i = 0; i < ds->n_units; i++)
        if (!*ds->unit_codes[i])
            problem(&v, GOVIDX_EFORMAT, "/units/code", "the unit in row %zu (0-based) has an empty code", i);
    if ((rc = check_unique(&v, "unit", (const char *const *)ds->unit_codes, ds->n_units, sizeof(char *))))
        return rc;
    for (i = 1; i < ds->n_years; i++)
        if (ds->years[i] <= ds->years[i - 1])
            problem(&v, GOVIDX_EFORMAT, "/years", "year %d follows %d (must be strictly increasing)",
                    ds->years[i], ds->years[i - 1]);

    /* indicators */
    if ((rc = check_unique(&v, "indicator", ds->ind ? (const char *const *)&ds->ind[0].code : NULL, ds->n_ind,
                           sizeof(govidx__ind_row))))
        return rc;
    for (i = 0; i < ds->n_ind; i++) {
        const govidx__ind_row *r = &ds->ind[i];
        const char *o = objname(&v, "indicator", r->code);
        if (!*r->code)
            problem(&v, GOVIDX_EFORMAT, "/indicators/code", "the indicator in row %zu (0-based) has an empty code", i);
        if (r->direction != 1 && r->direction != -1)
            problem(&v, GOVIDX_EFORMAT, o, "direction is %d (must be +1 or -1)", r->direction);
        if (r->type < 0 || r->type > GOVIDX_VAR_OTHER)
            problem(&v, GOVIDX_EFORMAT, o, "type is %d (must be 0, 1 or 2)", r->type);
        if (!finite_nonneg(r->weight))
            problem(&v, GOVIDX_ENUMERIC, o, "weight %g is not finite and >= 0", r->weight);
        if (isnan(r->goal_low) != isnan(r->goal_high))
            problem(&v, GOVIDX_EFORMAT, o, "only one goalpost is set (set both or none)");
        else if (!isnan(r->goal_low) &&
                 (!isfinite(r->goal_low) || !isfinite(r->goal_high) || !(r->goal_low < r->goal_high)))
            problem(&v, GOVIDX_ENUMERIC, o, "goalposts %g, %g must be finite with low < high",
                    r->goal_low, r->goal_high);
        if (isinf(r->target))
            problem(&v, GOVIDX_ENUMERIC, o, "target is infinite");
        if (*r->parent && node_index(ds, r->parent) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "parent '%s' is not a framework node", r->parent);
        if (*r->denominator) {
            size_t d;
            if (govidx_dataset_find_indicator(&d, ds, r->denominator))
                problem(&v, GOVIDX_ENOTFOUND, o, "denominator '%s' is not a panel variable", r->denominator);
            else if (ds->ind[d].type != GOVIDX_VAR_DENOMINATOR)
                problem(&v, GOVIDX_EFORMAT, o, "denominator '%s' is not of type denominator", r->denominator);
        }
    }

    /* framework */
    if ((rc = check_unique(&v, "node", ds->nodes ? (const char *const *)&ds->nodes[0].code : NULL, ds->n_nodes,
                           sizeof(govidx__node_row))))
        return rc;
    for (i = 0; i < ds->n_nodes; i++) {
        const govidx__node_row *r = &ds->nodes[i];
        const char *o = objname(&v, "node", r->code);
        if (!*r->code)
            problem(&v, GOVIDX_EFORMAT, "/framework/code", "node %zu has an empty code", i);
        if (govidx__strmap_get(&ds->ind_map, r->code) != NPOS)
            problem(&v, GOVIDX_EFORMAT, o, "code is also an indicator code");
        if (!finite_nonneg(r->weight))
            problem(&v, GOVIDX_ENUMERIC, o, "weight %g is not finite and >= 0", r->weight);
        if (*r->parent && node_index(ds, r->parent) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "parent '%s' is not a framework node", r->parent);
    }
    for (i = 0; i < ds->n_nodes; i++)
        if (*ds->nodes[i].parent)
            check_node_cycle(&v, ds, i);

    /* panel */
    if (ds->values && !govidx__ds_panel_cells(ds, &n)) {
        for (k = 0; k < n; k++)
            if (isinf(ds->values[k]) || (ds->stderrs && (isinf(ds->stderrs[k]) || ds->stderrs[k] < 0)))
                break;
        if (k < n) {
            size_t u = k % ds->n_units, j = (k / ds->n_units) % ds->n_ind, y = k / ds->n_units / ds->n_ind;
            problem(&v, GOVIDX_ENUMERIC, isinf(ds->values[k]) ? "/panel/values" : "/panel/stderr",
                    "cell (unit '%s', year %d, indicator '%s') is infinite or a negative standard error",
                    ds->unit_codes[u], ds->years[y], ds->ind[j].code);
        }
    }

    /* districts */
    if ((rc = check_unique(&v, "district", ds->districts ? (const char *const *)&ds->districts[0].code : NULL, ds->n_districts,
                           sizeof(govidx__district_row))))
        return rc;
    for (i = 0; i < ds->n_districts; i++) {
        const govidx__district_row *r = &ds->districts[i];
        const char *o = objname(&v, "district", r->code);
        if (!*r->code)
            problem(&v, GOVIDX_EFORMAT, "/districts/code", "district %zu has an empty code", i);
        if (govidx__strmap_get(&ds->unit_map, r->unit) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "unit '%s' does not exist", r->unit);
        if (*r->parent && govidx__ds_find_district(ds, r->parent) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "parent district '%s' does not exist", r->parent);
        if (r->level < 1)
            problem(&v, GOVIDX_EFORMAT, o, "level %d (must be >= 1)", r->level);
        if (!isnan(r->area) && !finite_nonneg(r->area))
            problem(&v, GOVIDX_ENUMERIC, o, "area %g is not finite and >= 0", r->area);
    }
    if ((rc = check_district_cycles(&v, ds)))
        return rc;
    if (ds->population) {
        for (k = 0; k < ds->n_districts * ds->n_years; k++) {
            double p = ds->population[k];
            if (!isnan(p) && !finite_nonneg(p)) {
                problem(&v, GOVIDX_ENUMERIC,
                        objname(&v, "district", ds->districts[k % ds->n_districts].code),
                        "population %g in %d is negative or infinite", p,
                        ds->years[k / ds->n_districts]);
            }
        }
    }
    for (i = 0; i < ds->n_dvars; i++)
        if (govidx__find_string(ds->dvar_names, i, ds->dvar_names[i]) != NPOS)
            problem(&v, GOVIDX_EFORMAT, objname(&v, "district variable", ds->dvar_names[i]), "duplicate name");
    /* a district variable whose unit says it is a share (docs/format.md) is
     * one: coverage refuses values outside [0, 1], so the file is invalid */
    if (ds->dvalues) {
        for (k = 0; k < ds->n_districts * ds->n_dvars * ds->n_years; k++) {
            double c = ds->dvalues[k];
            size_t d = k % ds->n_districts, var = (k / ds->n_districts) % ds->n_dvars;
            size_t y = k / (ds->n_districts * ds->n_dvars);
            const char *vu = ds->dvar_units ? ds->dvar_units[var] : NULL;
            if (vu && (!strcmp(vu, "share") || !strncmp(vu, "share of ", 9)) && !isnan(c) && !(c >= 0 && c <= 1))
                problem(&v, GOVIDX_EDOMAIN, objname(&v, "district", ds->districts[d].code),
                        "%s %g in %d is not a share in [0, 1]", ds->dvar_names[var], c, ds->years[y]);
        }
    }

    /* inventory */
    for (i = 0; i < ds->n_inv; i++) {
        const govidx__inv_row *r = &ds->inv[i];
        char o[320];
        snprintf(o, sizeof o, "inventory entry %zu ('%s', %d, '%s')", i, r->unit, r->year, r->dataset);
        if (govidx__strmap_get(&ds->unit_map, r->unit) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "unit '%s' does not exist", r->unit);
        if (!year_known(ds, r->year))
            problem(&v, GOVIDX_ENOTFOUND, o, "year %d is not one of the dataset's years", r->year);
        if (!*r->dataset)
            problem(&v, GOVIDX_EFORMAT, o, "empty dataset code");
        for (k = 0; k < GOVIDX_N_CRITERIA; k++)
            if (r->answers[k] < GOVIDX_ANSWER_MISSING || r->answers[k] > GOVIDX_ANSWER_UNSURE)
                problem(&v, GOVIDX_EFORMAT, o, "answer %d for '%s' (must be -1, 0, 1 or 2)",
                        r->answers[k], govidx_dataset_criterion_name((int)k));
        {
            char why[200];
            if (!govidx__inventory_record_check(r->record, r->record_format, why, sizeof why))
                problem(&v, GOVIDX_EFORMAT, o, "%s", why);
        }
    }
    if (ds->n_inv > 1) {
        /* (unit, year, dataset) unique: compare joined keys */
        char **keys = govidx__calloc(ds->n_inv, sizeof *keys);
        int bad = 0;
        if (!keys)
            return govidx__oom();
        for (i = 0; i < ds->n_inv && !bad; i++) {
            size_t len = strlen(ds->inv[i].unit) + strlen(ds->inv[i].dataset) + 32;
            keys[i] = govidx__malloc(len);
            if (!keys[i])
                bad = 1;
            else
                snprintf(keys[i], len, "%s\x1f%d\x1f%s", ds->inv[i].unit, ds->inv[i].year, ds->inv[i].dataset);
        }
        if (!bad)
            rc = check_unique(&v, "inventory key", (const char *const *)keys, ds->n_inv, sizeof(char *));
        govidx__free_strings(keys, ds->n_inv);
        if (bad)
            return govidx__oom();
        if (rc)
            return rc;
    }

    /* networks */
    if ((rc = check_unique(&v, "actor", ds->actors ? (const char *const *)&ds->actors[0].code : NULL, ds->n_actors,
                           sizeof(govidx__actor_row))))
        return rc;
    for (i = 0; i < ds->n_edges; i++) {
        const govidx__edge_row *r = &ds->edges[i];
        char o[64];
        snprintf(o, sizeof o, "edge %zu", i);
        if (govidx__ds_find_actor(ds, r->from) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "actor '%s' (from) does not exist", r->from);
        if (govidx__ds_find_actor(ds, r->to) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "actor '%s' (to) does not exist", r->to);
        /* a network is one unit's actors (govidx_network_from_dataset) */
        for (k = 0; k < 2; k++) {
            const char *end = k ? r->to : r->from;
            size_t a = govidx__ds_find_actor(ds, end);
            const char *au = a == NPOS ? NULL : ds->actors[a].unit;
            if (a != NPOS && (!au || strcmp(au, r->unit)))
                problem(&v, GOVIDX_EFORMAT, o, "actor '%s' (%s) belongs to unit '%s', not to the edge's unit '%s'",
                        end, k ? "to" : "from", au ? au : "", r->unit);
        }
        if (govidx__strmap_get(&ds->unit_map, r->unit) == NPOS)
            problem(&v, GOVIDX_ENOTFOUND, o, "unit '%s' does not exist", r->unit);
        if (!year_known(ds, r->year))
            problem(&v, GOVIDX_ENOTFOUND, o, "year %d is not one of the dataset's years", r->year);
        if (!*r->layer)
            problem(&v, GOVIDX_EFORMAT, o, "empty layer");
        if (!(isfinite(r->weight) && r->weight > 0))
            problem(&v, GOVIDX_ENUMERIC, o, "weight %g must be finite and > 0", r->weight);
    }

    /* DEA */
    for (i = 0; i < ds->n_dea_in + ds->n_dea_out; i++) {
        int out = i >= ds->n_dea_in;
        const govidx__dea_row *r = out ? &ds->dea_out[i - ds->n_dea_in] : &ds->dea_in[i];
        const char *o;
        if (r->indicator >= ds->n_ind) {
            problem(&v, GOVIDX_ENOTFOUND, "/dea", "variable %zu is not a panel indicator", i);
            continue;
        }
        o = objname(&v, out ? "DEA output" : "DEA input", ds->ind[r->indicator].code);
        if (r->flags & ~(GOVIDX_DEA_UNDESIRABLE | GOVIDX_DEA_NONDISCRETIONARY))
            problem(&v, GOVIDX_EFORMAT, o, "unknown flags 0x%x", r->flags);
        else if (!out && (r->flags & GOVIDX_DEA_UNDESIRABLE))
            problem(&v, GOVIDX_EFORMAT, o, "only outputs can be undesirable");
        else if (out && (r->flags & GOVIDX_DEA_NONDISCRETIONARY))
            problem(&v, GOVIDX_EFORMAT, o, "only inputs can be non-discretionary");
        for (k = 0; k < i; k++) {
            const govidx__dea_row *s = k >= ds->n_dea_in ? &ds->dea_out[k - ds->n_dea_in] : &ds->dea_in[k];
            if (s->indicator == r->indicator)
                problem(&v, GOVIDX_EFORMAT, o, "declared twice as a DEA variable");
        }
    }
    if (v.first)
        return govidx__fail(v.first, "%s", v.first_msg);
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* summary                                                              */
/* ------------------------------------------------------------------ */

int govidx_dataset_summary(char **out, const govidx_dataset *ds)
{
    govidx__buf b = {0};
    size_t i, n = 0, miss = 0;
    const char *keys[] = {"title", "source", "licence", "synthetic"};
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "summary: NULL argument");
    *out = NULL;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *s = govidx_dataset_attr(ds, keys[i]);
        if (s)
            govidx__buf_printf(&b, "%-12s %s\n", keys[i], s);
    }
    govidx__buf_printf(&b, "units        %zu", ds->n_units);
    if (ds->n_groups)
        govidx__buf_printf(&b, " (%zu groupings)", ds->n_groups);
    govidx__buf_printf(&b, "\nyears        %zu", ds->n_years);
    if (ds->n_years)
        govidx__buf_printf(&b, " (%d-%d)", ds->years[0], ds->years[ds->n_years - 1]);
    govidx__buf_printf(&b, "\nindicators   %zu\nnodes        %zu\n", ds->n_ind, ds->n_nodes);
    if (ds->values && !govidx__ds_panel_cells(ds, &n) && n) {
        for (i = 0; i < n; i++)
            miss += isnan(ds->values[i]) != 0;
        govidx__buf_printf(&b, "panel        %zu cells, %.1f%% missing%s%s\n", n, 100.0 * (double)miss / (double)n,
                           ds->flags ? ", flags" : "", ds->stderrs ? ", standard errors" : "");
    } else {
        govidx__buf_printf(&b, "panel        none\n");
    }
    if (ds->n_districts)
        govidx__buf_printf(&b, "districts    %zu (%zu variables%s)\n", ds->n_districts, ds->n_dvars,
                           ds->population ? ", population" : "");
    if (ds->n_inv)
        govidx__buf_printf(&b, "inventory    %zu entries\n", ds->n_inv);
    if (ds->n_actors || ds->n_edges) {
        size_t layers = 0;
        govidx__strmap seen = {0}; /* distinct layer names */
        if (govidx__strmap_reserve(&seen, ds->n_edges)) {
            govidx__buf_free(&b);
            return govidx__oom();
        }
        for (i = 0; i < ds->n_edges; i++)
            layers += (size_t)govidx__strmap_put(&seen, ds->edges[i].layer, i);
        govidx__strmap_free(&seen);
        govidx__buf_printf(&b, "networks     %zu actors, %zu edges, %zu layers\n", ds->n_actors, ds->n_edges, layers);
    }
    if (ds->n_dea_in || ds->n_dea_out)
        govidx__buf_printf(&b, "DEA          %zu inputs, %zu outputs\n", ds->n_dea_in, ds->n_dea_out);
    if (ds->n_runs) {
        govidx__buf_printf(&b, "runs         %zu:", ds->n_runs);
        for (i = 0; i < ds->n_runs; i++)
            govidx__buf_printf(&b, " %s", ds->run_names[i]);
        govidx__buf_printf(&b, "\n");
    }
    return govidx__buf_finish(&b, out);
}

/*
 * lib/dataset/dataset.c - the city dataset in memory: builders and accessors.
 * The consistency rules and the summary are in dataset_check.c; reading and
 * writing files in lib/io/h5*.c.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPOS ((size_t)-1)

/* ------------------------------------------------------------------ */
/* small helpers                                                        */
/* ------------------------------------------------------------------ */

int govidx__grow(void **arr, size_t *cap, size_t n, size_t size)
{
    size_t ncap, bytes;
    void *p;
    if (n < *cap)
        return GOVIDX_OK;
    ncap = *cap ? *cap * 2 : 8;
    if (ncap <= n)
        ncap = n + 1;
    if (!govidx__mul_ok(ncap, size, &bytes))
        return govidx__fail(GOVIDX_EDIM, "table too large");
    p = govidx__realloc(*arr, bytes);
    if (!p)
        return govidx__oom();
    *arr = p;
    *cap = ncap;
    return GOVIDX_OK;
}

char *govidx__strdup0(const char *s)
{
    return govidx__strdup(s ? s : "");
}

void govidx__free_strings(char **s, size_t n)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < n; i++)
        govidx__free(s[i]);
    govidx__free(s);
}

size_t govidx__find_string(char *const *strs, size_t n, const char *code)
{
    size_t i;
    if (!code)
        return NPOS;
    for (i = 0; i < n; i++)
        if (strs[i] && !strcmp(strs[i], code))
            return i;
    return NPOS;
}

/* "" -> NULL for optional fields */
static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

static int writable(const govidx_dataset *ds)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dataset is NULL");
    if (ds->readonly)
        return govidx__fail(GOVIDX_EINVAL, "dataset opened from a file is read-only");
    return GOVIDX_OK;
}

/* Duplicate a list of fields; on failure free what was copied. */
static int dup_fields(char **dst[], const char *const src[], size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        *dst[i] = govidx__strdup0(src[i]);
        if (!*dst[i]) {
            while (i-- > 0) {
                govidx__free(*dst[i]);
                *dst[i] = NULL;
            }
            return govidx__oom();
        }
    }
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* life cycle                                                           */
/* ------------------------------------------------------------------ */

int govidx_dataset_new(govidx_dataset **out)
{
    govidx_dataset *ds;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_new: out is NULL");
    *out = NULL;
    ds = govidx__calloc(1, sizeof *ds);
    if (!ds)
        return govidx__oom();
    *out = ds;
    return GOVIDX_OK;
}

void govidx_dataset_close(govidx_dataset *ds)
{
    size_t i, g;
    if (!ds)
        return;
    govidx__free_strings(ds->attr_names, ds->n_attrs);
    govidx__free_strings(ds->attr_values, ds->n_attrs);
    govidx__free_strings(ds->unit_codes, ds->n_units);
    govidx__free_strings(ds->unit_names, ds->n_units);
    for (g = 0; g < ds->n_groups; g++)
        govidx__free_strings(ds->group_labels[g], ds->n_units);
    govidx__free(ds->group_labels);
    govidx__free_strings(ds->group_names, ds->n_groups);
    govidx__free(ds->years);
    for (i = 0; i < ds->n_ind; i++) {
        govidx__ind_row *r = &ds->ind[i];
        govidx__free(r->code); govidx__free(r->name); govidx__free(r->unit);
        govidx__free(r->parent); govidx__free(r->source); govidx__free(r->denominator);
    }
    govidx__free(ds->ind);
    for (i = 0; i < ds->n_nodes; i++) {
        govidx__node_row *r = &ds->nodes[i];
        govidx__free(r->code); govidx__free(r->name);
        govidx__free(r->parent); govidx__free(r->aggregation);
    }
    govidx__free(ds->nodes);
    govidx__free(ds->values);
    govidx__free(ds->flags);
    govidx__free(ds->stderrs);
    for (i = 0; i < ds->n_districts; i++) {
        govidx__district_row *r = &ds->districts[i];
        govidx__free(r->code); govidx__free(r->name);
        govidx__free(r->unit); govidx__free(r->parent);
    }
    govidx__free(ds->districts);
    govidx__free_strings(ds->dvar_names, ds->n_dvars);
    govidx__free_strings(ds->dvar_units, ds->n_dvars);
    govidx__free(ds->population);
    govidx__free(ds->dvalues);
    for (i = 0; i < ds->n_inv; i++) {
        govidx__inv_row *r = &ds->inv[i];
        govidx__free(r->unit); govidx__free(r->dataset); govidx__free(r->category);
        govidx__free(r->department); govidx__free(r->format); govidx__free(r->licence);
        govidx__free(r->last_update); govidx__free(r->update_frequency);
        govidx__free(r->record); govidx__free(r->record_format);
        govidx__free(r->answers);
    }
    govidx__free(ds->inv);
    for (i = 0; i < ds->n_actors; i++) {
        govidx__actor_row *r = &ds->actors[i];
        govidx__free(r->code); govidx__free(r->name); govidx__free(r->unit);
        govidx__free(r->sector); govidx__free(r->level);
    }
    govidx__free(ds->actors);
    for (i = 0; i < ds->n_edges; i++) {
        govidx__edge_row *r = &ds->edges[i];
        govidx__free(r->unit); govidx__free(r->layer); govidx__free(r->from); govidx__free(r->to);
    }
    govidx__free(ds->edges);
    govidx__free(ds->dea_in);
    govidx__free(ds->dea_out);
    govidx__free_strings(ds->run_names, ds->n_runs);
    govidx__strmap_free(&ds->unit_map);
    govidx__strmap_free(&ds->ind_map);
    govidx__strmap_free(&ds->node_map);
    govidx__strmap_free(&ds->district_map);
    govidx__strmap_free(&ds->actor_map);
    govidx__free(ds);
}

/* ------------------------------------------------------------------ */
/* root attributes                                                      */
/* ------------------------------------------------------------------ */

int govidx_dataset_set_attr(govidx_dataset *ds, const char *name, const char *value)
{
    int rc = writable(ds);
    size_t k;
    char *v;
    if (rc)
        return rc;
    if (!name || !*name || !value)
        return govidx__fail(GOVIDX_EINVAL, "attribute name and value must be non-NULL, name non-empty");
    if (name[0] == '_')
        return govidx__fail(GOVIDX_EINVAL, "attribute '%s': names starting with '_' are reserved", name);
    v = govidx__strdup(value);
    if (!v)
        return govidx__oom();
    k = govidx__find_string(ds->attr_names, ds->n_attrs, name);
    if (k != NPOS) {
        govidx__free(ds->attr_values[k]);
        ds->attr_values[k] = v;
        return GOVIDX_OK;
    }
    {
        size_t cap = ds->cap_attrs;
        if ((rc = govidx__grow((void **)&ds->attr_names, &cap, ds->n_attrs, sizeof(char *))) ||
            (rc = govidx__grow((void **)&ds->attr_values, &ds->cap_attrs, ds->n_attrs, sizeof(char *)))) {
            govidx__free(v);
            return rc;
        }
        /* both arrays now hold at least n+1 */
    }
    ds->attr_names[ds->n_attrs] = govidx__strdup(name);
    if (!ds->attr_names[ds->n_attrs]) {
        govidx__free(v);
        return govidx__oom();
    }
    ds->attr_values[ds->n_attrs++] = v;
    return GOVIDX_OK;
}

const char *govidx_dataset_attr(const govidx_dataset *ds, const char *name)
{
    size_t k;
    if (!ds || !name)
        return NULL;
    k = govidx__find_string(ds->attr_names, ds->n_attrs, name);
    return k == NPOS ? NULL : ds->attr_values[k];
}

size_t govidx_dataset_n_attrs(const govidx_dataset *ds) { return ds ? ds->n_attrs : 0; }

const char *govidx_dataset_attr_name(const govidx_dataset *ds, size_t k)
{
    return ds && k < ds->n_attrs ? ds->attr_names[k] : NULL;
}

/* ------------------------------------------------------------------ */
/* units, groups, years                                                 */
/* ------------------------------------------------------------------ */

int govidx_dataset_set_units(govidx_dataset *ds, size_t n, const char *const *codes,
                             const char *const *names)
{
    int rc = writable(ds);
    char **c = NULL, **nm = NULL;
    size_t i;
    if (rc)
        return rc;
    if (!codes || n == 0)
        return govidx__fail(GOVIDX_EINVAL, "units: codes NULL or n = 0");
    if (ds->n_units || ds->n_groups || ds->values || ds->population)
        return govidx__fail(GOVIDX_EINVAL, "units are already set");
    c = govidx__calloc(n, sizeof *c);
    nm = govidx__calloc(n, sizeof *nm);
    if (!c || !nm)
        goto oom;
    for (i = 0; i < n; i++) {
        c[i] = govidx__strdup0(codes[i]);
        nm[i] = govidx__strdup0(names && names[i] ? names[i] : codes[i]);
        if (!c[i] || !nm[i])
            goto oom;
    }
    if (govidx__strmap_build(&ds->unit_map, (const char *const *)c, n, sizeof *c)) {
        govidx__strmap_free(&ds->unit_map);
        goto oom;
    }
    ds->unit_codes = c;
    ds->unit_names = nm;
    ds->n_units = n;
    return GOVIDX_OK;
oom:
    govidx__free_strings(c, c ? n : 0);
    govidx__free_strings(nm, nm ? n : 0);
    return govidx__oom();
}

size_t govidx_dataset_n_units(const govidx_dataset *ds) { return ds ? ds->n_units : 0; }

const char *govidx_dataset_unit_code(const govidx_dataset *ds, size_t u)
{
    return ds && u < ds->n_units ? ds->unit_codes[u] : NULL;
}

const char *govidx_dataset_unit_name(const govidx_dataset *ds, size_t u)
{
    return ds && u < ds->n_units ? ds->unit_names[u] : NULL;
}

int govidx_dataset_find_unit(size_t *unit, const govidx_dataset *ds, const char *code)
{
    size_t k;
    if (!ds || !code)
        return govidx__fail(GOVIDX_EINVAL, "find_unit: NULL argument");
    k = govidx__strmap_get(&ds->unit_map, code);
    if (k == NPOS)
        return govidx__fail(GOVIDX_ENOTFOUND, "unit '%s' not found", code);
    if (unit)
        *unit = k;
    return GOVIDX_OK;
}

int govidx_dataset_add_group(govidx_dataset *ds, const char *name, const char *const *labels)
{
    int rc = writable(ds);
    char **l;
    size_t i, cap;
    if (rc)
        return rc;
    if (!name || !*name || !labels)
        return govidx__fail(GOVIDX_EINVAL, "group: name empty or labels NULL");
    if (!ds->n_units)
        return govidx__fail(GOVIDX_EINVAL, "group '%s': set the units first", name);
    if (govidx__find_string(ds->group_names, ds->n_groups, name) != NPOS)
        return govidx__fail(GOVIDX_EEXIST, "group '%s' already exists", name);
    cap = ds->cap_groups;
    if ((rc = govidx__grow((void **)&ds->group_names, &cap, ds->n_groups, sizeof(char *))) ||
        (rc = govidx__grow((void **)&ds->group_labels, &ds->cap_groups, ds->n_groups, sizeof(char **))))
        return rc;
    l = govidx__calloc(ds->n_units, sizeof *l);
    if (!l)
        return govidx__oom();
    for (i = 0; i < ds->n_units; i++)
        if (!(l[i] = govidx__strdup0(labels[i]))) {
            govidx__free_strings(l, ds->n_units);
            return govidx__oom();
        }
    ds->group_names[ds->n_groups] = govidx__strdup(name);
    if (!ds->group_names[ds->n_groups]) {
        govidx__free_strings(l, ds->n_units);
        return govidx__oom();
    }
    ds->group_labels[ds->n_groups++] = l;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_groups(const govidx_dataset *ds) { return ds ? ds->n_groups : 0; }

const char *govidx_dataset_group_name(const govidx_dataset *ds, size_t g)
{
    return ds && g < ds->n_groups ? ds->group_names[g] : NULL;
}

const char *govidx_dataset_group_label(const govidx_dataset *ds, size_t g, size_t unit)
{
    return ds && g < ds->n_groups && unit < ds->n_units ? ds->group_labels[g][unit] : NULL;
}

int govidx_dataset_set_years(govidx_dataset *ds, size_t n, const int *years)
{
    int rc = writable(ds);
    int *y;
    size_t i;
    if (rc)
        return rc;
    if (!years || n == 0)
        return govidx__fail(GOVIDX_EINVAL, "years: NULL or n = 0");
    if (ds->n_years || ds->values || ds->population)
        return govidx__fail(GOVIDX_EINVAL, "years are already set");
    for (i = 1; i < n; i++)
        if (years[i] <= years[i - 1])
            return govidx__fail(GOVIDX_EFORMAT, "years: %d follows %d (must be strictly increasing)",
                                years[i], years[i - 1]);
    y = govidx__mallocarray(n, sizeof *y);
    if (!y)
        return govidx__oom();
    memcpy(y, years, n * sizeof *y);
    ds->years = y;
    ds->n_years = n;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_years(const govidx_dataset *ds) { return ds ? ds->n_years : 0; }
const int *govidx_dataset_years(const govidx_dataset *ds) { return ds ? ds->years : NULL; }

int govidx_dataset_find_year(size_t *index, const govidx_dataset *ds, int year)
{
    size_t i;
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "find_year: dataset is NULL");
    for (i = 0; i < ds->n_years; i++)
        if (ds->years[i] == year) {
            if (index)
                *index = i;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_ENOTFOUND, "year %d not found", year);
}

/* ------------------------------------------------------------------ */
/* indicators and framework                                             */
/* ------------------------------------------------------------------ */

/* Table rows are versioned both ways: add_* reads the caller's version,
 * the getters write only the fields of the version the caller set. */
GOVIDX__VERSIONS_1(indicator_versions, govidx_indicator, "indicator", GOVIDX_INDICATOR_INIT, target);
GOVIDX__VERSIONS_1(node_versions, govidx_node, "node", GOVIDX_NODE_INIT, weight);
GOVIDX__VERSIONS_1(district_versions, govidx_district, "district", GOVIDX_DISTRICT_INIT, area);
GOVIDX__VERSIONS_1(actor_versions, govidx_actor, "actor", GOVIDX_ACTOR_INIT, level);
GOVIDX__VERSIONS_1(edge_versions, govidx_edge, "edge", GOVIDX_EDGE_INIT, weight);

int govidx_indicator_init(govidx_indicator *row, unsigned version)
{
    return govidx__versioned_init(&indicator_versions, row, version);
}

int govidx_node_init(govidx_node *row, unsigned version)
{
    return govidx__versioned_init(&node_versions, row, version);
}

int govidx_district_init(govidx_district *row, unsigned version)
{
    return govidx__versioned_init(&district_versions, row, version);
}

int govidx_actor_init(govidx_actor *row, unsigned version)
{
    return govidx__versioned_init(&actor_versions, row, version);
}

int govidx_edge_init(govidx_edge *row, unsigned version)
{
    return govidx__versioned_init(&edge_versions, row, version);
}

int govidx_dataset_add_indicator(govidx_dataset *ds, const govidx_indicator *in)
{
    govidx_indicator copy;
    int rc = writable(ds);
    govidx__ind_row r;
    if (rc)
        return rc;
    if (!in)
        return govidx__fail(GOVIDX_EINVAL, "indicator: NULL");
    if ((rc = govidx__versioned_read(&indicator_versions, &copy, in)))
        return rc;
    in = &copy;
    if (!in->code || !*in->code)
        return govidx__fail(GOVIDX_EINVAL, "indicator %zu: empty code", ds->n_ind);
    if (ds->values)
        return govidx__fail(GOVIDX_EINVAL, "indicator '%s': indicators must precede panel values", in->code);
    if ((rc = govidx__grow((void **)&ds->ind, &ds->cap_ind, ds->n_ind, sizeof r)) ||
        (rc = govidx__strmap_reserve(&ds->ind_map, ds->n_ind + 1)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.code, &r.name, &r.unit, &r.parent, &r.source, &r.denominator};
        const char *const src[] = {in->code, in->name, in->unit, in->parent, in->source, in->denominator};
        if ((rc = dup_fields(dst, src, 6)))
            return rc;
    }
    r.direction = in->direction;
    r.type = in->type;
    r.weight = in->weight;
    r.goal_low = in->goal_low;
    r.goal_high = in->goal_high;
    r.target = in->target;
    govidx__strmap_put(&ds->ind_map, r.code, ds->n_ind);
    ds->ind[ds->n_ind++] = r;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_indicators(const govidx_dataset *ds) { return ds ? ds->n_ind : 0; }

int govidx_dataset_indicator(govidx_indicator *out, const govidx_dataset *ds, size_t j)
{
    int rc;
    const govidx__ind_row *r;
    govidx_indicator v = GOVIDX_INDICATOR_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "indicator: NULL argument");
    if ((rc = govidx__versioned_check(&indicator_versions, out->version)))
        return rc;
    if (j >= ds->n_ind)
        return govidx__fail(GOVIDX_EINVAL, "indicator %zu out of range (%zu)", j, ds->n_ind);
    r = &ds->ind[j];
    v.code = r->code;
    v.name = r->name;
    v.unit = r->unit;
    v.parent = opt(r->parent);
    v.source = r->source;
    v.denominator = opt(r->denominator);
    v.direction = r->direction;
    v.type = r->type;
    v.weight = r->weight;
    v.goal_low = r->goal_low;
    v.goal_high = r->goal_high;
    v.target = r->target;
    return govidx__versioned_write(&indicator_versions, out, &v);
}

int govidx_dataset_find_indicator(size_t *j, const govidx_dataset *ds, const char *code)
{
    size_t i;
    if (!ds || !code)
        return govidx__fail(GOVIDX_EINVAL, "find_indicator: NULL argument");
    if ((i = govidx__strmap_get(&ds->ind_map, code)) != NPOS) {
        if (j)
            *j = i;
        return GOVIDX_OK;
    }
    return govidx__fail(GOVIDX_ENOTFOUND, "indicator '%s' not found", code);
}

int govidx_dataset_add_node(govidx_dataset *ds, const govidx_node *in)
{
    govidx_node copy;
    int rc = writable(ds);
    govidx__node_row r;
    if (rc)
        return rc;
    if (!in)
        return govidx__fail(GOVIDX_EINVAL, "node: NULL");
    if ((rc = govidx__versioned_read(&node_versions, &copy, in)))
        return rc;
    in = &copy;
    if (!in->code || !*in->code)
        return govidx__fail(GOVIDX_EINVAL, "node %zu: empty code", ds->n_nodes);
    if ((rc = govidx__grow((void **)&ds->nodes, &ds->cap_nodes, ds->n_nodes, sizeof r)) ||
        (rc = govidx__strmap_reserve(&ds->node_map, ds->n_nodes + 1)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.code, &r.name, &r.parent, &r.aggregation};
        const char *const src[] = {in->code, in->name, in->parent, in->aggregation};
        if ((rc = dup_fields(dst, src, 4)))
            return rc;
    }
    r.level = in->level;
    r.weight = in->weight;
    govidx__strmap_put(&ds->node_map, r.code, ds->n_nodes);
    ds->nodes[ds->n_nodes++] = r;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_nodes(const govidx_dataset *ds) { return ds ? ds->n_nodes : 0; }

int govidx_dataset_node(govidx_node *out, const govidx_dataset *ds, size_t k)
{
    int rc;
    const govidx__node_row *r;
    govidx_node v = GOVIDX_NODE_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "node: NULL argument");
    if ((rc = govidx__versioned_check(&node_versions, out->version)))
        return rc;
    if (k >= ds->n_nodes)
        return govidx__fail(GOVIDX_EINVAL, "node %zu out of range (%zu)", k, ds->n_nodes);
    r = &ds->nodes[k];
    v.code = r->code;
    v.name = r->name;
    v.parent = opt(r->parent);
    v.aggregation = opt(r->aggregation);
    v.level = r->level;
    v.weight = r->weight;
    return govidx__versioned_write(&node_versions, out, &v);
}

int govidx_dataset_find_node(size_t *k, const govidx_dataset *ds, const char *code)
{
    size_t i;
    if (!ds || !code)
        return govidx__fail(GOVIDX_EINVAL, "find_node: NULL argument");
    if ((i = govidx__strmap_get(&ds->node_map, code)) != NPOS) {
        if (k)
            *k = i;
        return GOVIDX_OK;
    }
    return govidx__fail(GOVIDX_ENOTFOUND, "node '%s' not found", code);
}

/* ------------------------------------------------------------------ */
/* panel                                                                */
/* ------------------------------------------------------------------ */

int govidx__ds_panel_cells(const govidx_dataset *ds, size_t *n)
{
    size_t a;
    if (!govidx__mul_ok(ds->n_units, ds->n_years, &a) || !govidx__mul_ok(a, ds->n_ind, n))
        return govidx__fail(GOVIDX_EDIM, "panel too large");
    return GOVIDX_OK;
}

size_t govidx__ds_cell(const govidx_dataset *ds, size_t u, size_t y, size_t i)
{
    return u + ds->n_units * (i + ds->n_ind * y);
}

static int cell_check(govidx_dataset *ds, size_t u, size_t y, size_t i)
{
    int rc = writable(ds);
    if (rc)
        return rc;
    if (!ds->n_units || !ds->n_years || !ds->n_ind)
        return govidx__fail(GOVIDX_EINVAL, "panel: set units, years and indicators first");
    if (u >= ds->n_units || y >= ds->n_years || i >= ds->n_ind)
        return govidx__fail(GOVIDX_EINVAL, "panel cell (%zu, %zu, %zu) out of range", u, y, i);
    return GOVIDX_OK;
}

static int alloc_nan(double **p, size_t n)
{
    size_t k;
    double *a = govidx__mallocarray(n, sizeof *a);
    if (!a)
        return govidx__oom();
    for (k = 0; k < n; k++)
        a[k] = NAN;
    *p = a;
    return GOVIDX_OK;
}

int govidx_dataset_set_value(govidx_dataset *ds, size_t u, size_t y, size_t i, double value)
{
    int rc = cell_check(ds, u, y, i);
    size_t n = 0;
    if (rc)
        return rc;
    if (!ds->values) {
        if ((rc = govidx__ds_panel_cells(ds, &n)) || (rc = alloc_nan(&ds->values, n)))
            return rc;
    }
    ds->values[govidx__ds_cell(ds, u, y, i)] = value;
    return GOVIDX_OK;
}

int govidx_dataset_set_cell_meta(govidx_dataset *ds, size_t u, size_t y, size_t i, uint8_t flags,
                                 double stderr_value)
{
    int rc = cell_check(ds, u, y, i);
    size_t n = 0;
    if (rc)
        return rc;
    if ((rc = govidx__ds_panel_cells(ds, &n)))
        return rc;
    if (!ds->values && (rc = alloc_nan(&ds->values, n)))
        return rc;
    if (!ds->flags && flags) {
        ds->flags = govidx__calloc(n, 1);
        if (!ds->flags)
            return govidx__oom();
    }
    if (!ds->stderrs && !isnan(stderr_value) && (rc = alloc_nan(&ds->stderrs, n)))
        return rc;
    if (ds->flags)
        ds->flags[govidx__ds_cell(ds, u, y, i)] = flags;
    if (ds->stderrs)
        ds->stderrs[govidx__ds_cell(ds, u, y, i)] = stderr_value;
    return GOVIDX_OK;
}

int govidx_dataset_panel(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "panel: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "panel: year index %zu out of range (%zu years)", y, ds->n_years);
    if (!ds->values)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no panel");
    out->data = ds->values + govidx__ds_cell(ds, 0, y, 0);
    out->rows = ds->n_units;
    out->cols = ds->n_ind;
    out->ld = ds->n_units;
    return GOVIDX_OK;
}

const uint8_t *govidx_dataset_panel_flags(const govidx_dataset *ds, size_t y)
{
    if (!ds || !ds->flags || y >= ds->n_years)
        return NULL;
    return ds->flags + govidx__ds_cell(ds, 0, y, 0);
}

int govidx_dataset_panel_stderr(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "panel_stderr: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "panel_stderr: year index %zu out of range", y);
    if (!ds->stderrs)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no standard errors");
    out->data = ds->stderrs + govidx__ds_cell(ds, 0, y, 0);
    out->rows = ds->n_units;
    out->cols = ds->n_ind;
    out->ld = ds->n_units;
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* districts                                                            */
/* ------------------------------------------------------------------ */

int govidx_dataset_add_district(govidx_dataset *ds, const govidx_district *in)
{
    govidx_district copy;
    int rc = writable(ds);
    govidx__district_row r;
    if (rc)
        return rc;
    if (!in)
        return govidx__fail(GOVIDX_EINVAL, "district: NULL");
    if ((rc = govidx__versioned_read(&district_versions, &copy, in)))
        return rc;
    in = &copy;
    if (!in->code || !*in->code)
        return govidx__fail(GOVIDX_EINVAL, "district %zu: empty code", ds->n_districts);
    if (!ds->n_units)
        return govidx__fail(GOVIDX_EINVAL, "district '%s': set the units first", in->code);
    if (ds->population || ds->dvalues)
        return govidx__fail(GOVIDX_EINVAL, "district '%s': districts must precede district populations and values",
                            in->code);
    if ((rc = govidx__grow((void **)&ds->districts, &ds->cap_districts, ds->n_districts, sizeof r)) ||
        (rc = govidx__strmap_reserve(&ds->district_map, ds->n_districts + 1)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.code, &r.name, &r.unit, &r.parent};
        const char *const src[] = {in->code, in->name, in->unit, in->parent};
        if ((rc = dup_fields(dst, src, 4)))
            return rc;
    }
    r.level = in->level;
    r.area = in->area;
    govidx__strmap_put(&ds->district_map, r.code, ds->n_districts);
    ds->districts[ds->n_districts++] = r;
    return GOVIDX_OK;
}

int govidx_dataset_add_district_var(govidx_dataset *ds, const char *name, const char *uom)
{
    int rc = writable(ds);
    size_t cap;
    char *n, *u;
    if (rc)
        return rc;
    if (!name || !*name)
        return govidx__fail(GOVIDX_EINVAL, "district variable: empty name");
    if (ds->dvalues)
        return govidx__fail(GOVIDX_EINVAL, "district variable '%s': variables must precede district values", name);
    if (govidx__find_string(ds->dvar_names, ds->n_dvars, name) != NPOS)
        return govidx__fail(GOVIDX_EEXIST, "district variable '%s' already exists", name);
    cap = ds->cap_dvars;
    if ((rc = govidx__grow((void **)&ds->dvar_names, &cap, ds->n_dvars, sizeof(char *))) ||
        (rc = govidx__grow((void **)&ds->dvar_units, &ds->cap_dvars, ds->n_dvars, sizeof(char *))))
        return rc;
    n = govidx__strdup(name);
    u = govidx__strdup0(uom);
    if (!n || !u) {
        govidx__free(n);
        govidx__free(u);
        return govidx__oom();
    }
    ds->dvar_names[ds->n_dvars] = n;
    ds->dvar_units[ds->n_dvars++] = u;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_districts(const govidx_dataset *ds) { return ds ? ds->n_districts : 0; }

int govidx_dataset_district(govidx_district *out, const govidx_dataset *ds, size_t d)
{
    int rc;
    const govidx__district_row *r;
    govidx_district v = GOVIDX_DISTRICT_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "district: NULL argument");
    if ((rc = govidx__versioned_check(&district_versions, out->version)))
        return rc;
    if (d >= ds->n_districts)
        return govidx__fail(GOVIDX_EINVAL, "district %zu out of range (%zu)", d, ds->n_districts);
    r = &ds->districts[d];
    v.code = r->code;
    v.name = r->name;
    v.unit = r->unit;
    v.parent = opt(r->parent);
    v.level = r->level;
    v.area = r->area;
    return govidx__versioned_write(&district_versions, out, &v);
}

size_t govidx_dataset_district_unit(const govidx_dataset *ds, size_t d)
{
    if (!ds || d >= ds->n_districts)
        return NPOS;
    return govidx__strmap_get(&ds->unit_map, ds->districts[d].unit);
}

size_t govidx__ds_find_district(const govidx_dataset *ds, const char *code)
{
    if (!code || !*code)
        return NPOS;
    return govidx__strmap_get(&ds->district_map, code);
}

size_t govidx_dataset_district_parent(const govidx_dataset *ds, size_t d)
{
    if (!ds || d >= ds->n_districts)
        return NPOS;
    return govidx__ds_find_district(ds, ds->districts[d].parent);
}

size_t govidx_dataset_n_district_vars(const govidx_dataset *ds) { return ds ? ds->n_dvars : 0; }

const char *govidx_dataset_district_var_name(const govidx_dataset *ds, size_t k)
{
    return ds && k < ds->n_dvars ? ds->dvar_names[k] : NULL;
}

int govidx_dataset_find_district_var(size_t *k, const govidx_dataset *ds, const char *name)
{
    size_t i;
    if (!ds || !name)
        return govidx__fail(GOVIDX_EINVAL, "find_district_var: NULL argument");
    i = govidx__find_string(ds->dvar_names, ds->n_dvars, name);
    if (i == NPOS)
        return govidx__fail(GOVIDX_ENOTFOUND, "district variable '%s' not found", name);
    if (k)
        *k = i;
    return GOVIDX_OK;
}

int govidx_dataset_set_district_population(govidx_dataset *ds, size_t d, size_t y, double pop)
{
    int rc = writable(ds);
    size_t n = 0;
    if (rc)
        return rc;
    if (d >= ds->n_districts || y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "district population (%zu, %zu) out of range", d, y);
    if (!ds->population) {
        if (!govidx__mul_ok(ds->n_districts, ds->n_years, &n))
            return govidx__fail(GOVIDX_EDIM, "district population too large");
        if ((rc = alloc_nan(&ds->population, n)))
            return rc;
    }
    ds->population[d + ds->n_districts * y] = pop;
    return GOVIDX_OK;
}

int govidx_dataset_set_district_value(govidx_dataset *ds, size_t d, size_t y, size_t v, double value)
{
    int rc = writable(ds);
    size_t n, a;
    if (rc)
        return rc;
    if (d >= ds->n_districts || y >= ds->n_years || v >= ds->n_dvars)
        return govidx__fail(GOVIDX_EINVAL, "district value (%zu, %zu, %zu) out of range", d, y, v);
    if (!ds->dvalues) {
        if (!govidx__mul_ok(ds->n_districts, ds->n_years, &a) || !govidx__mul_ok(a, ds->n_dvars, &n))
            return govidx__fail(GOVIDX_EDIM, "district values too large");
        if ((rc = alloc_nan(&ds->dvalues, n)))
            return rc;
    }
    ds->dvalues[d + ds->n_districts * (v + ds->n_dvars * y)] = value;
    return GOVIDX_OK;
}

const double *govidx_dataset_district_population(const govidx_dataset *ds, size_t y)
{
    if (!ds || !ds->population || y >= ds->n_years)
        return NULL;
    return ds->population + ds->n_districts * y;
}

int govidx_dataset_district_values(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "district_values: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "district_values: year index %zu out of range", y);
    if (!ds->dvalues)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no district values");
    out->data = ds->dvalues + ds->n_districts * ds->n_dvars * y;
    out->rows = ds->n_districts;
    out->cols = ds->n_dvars;
    out->ld = ds->n_districts;
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* inventory                                                            */
/* ------------------------------------------------------------------ */

static const char *const criterion_names[GOVIDX_N_CRITERIA] = {
    "exists", "digital", "public", "free", "online", "machinereadable",
    "bulk", "openlicence", "uptodate", "registrationfree", "api", "metadatastandard"};

const char *govidx_dataset_criterion_name(int c)
{
    return c >= 0 && c < GOVIDX_N_CRITERIA ? criterion_names[c] : NULL;
}

/* version 2 added the catalogue record (format 1.1, issue 17) */
static const govidx_inventory_entry inventory_entry_versions_defaults = GOVIDX_INVENTORY_ENTRY_INIT;
static const size_t inventory_entry_versions_sizes[2] = {GOVIDX__END(govidx_inventory_entry, n_answers),
                                                         GOVIDX__END(govidx_inventory_entry, record_format)};
static const govidx__versioned inventory_entry_versions = {"inventory entry", 2, inventory_entry_versions_sizes,
                                                           &inventory_entry_versions_defaults};

int govidx_inventory_entry_init(govidx_inventory_entry *e, unsigned version)
{
    return govidx__versioned_init(&inventory_entry_versions, e, version);
}

int govidx_dataset_add_inventory(govidx_dataset *ds, const govidx_inventory_entry *entry)
{
    int rc = writable(ds);
    govidx_inventory_entry e;
    govidx__inv_row r;
    size_t k;
    if (rc)
        return rc;
    if (!entry)
        return govidx__fail(GOVIDX_EINVAL, "inventory entry: NULL");
    if ((rc = govidx__versioned_read(&inventory_entry_versions, &e, entry)))
        return rc;
    if (e.n_answers > GOVIDX_N_CRITERIA || (e.n_answers && !e.answers))
        return govidx__fail(GOVIDX_EINVAL, "inventory entry ('%s', %d, '%s'): %zu answers%s (this library "
                            "knows %d criteria)", e.unit ? e.unit : "", e.year, e.dataset ? e.dataset : "",
                            e.n_answers, e.answers ? "" : " but no answers array", GOVIDX_N_CRITERIA);
    if ((rc = govidx__grow((void **)&ds->inv, &ds->cap_inv, ds->n_inv, sizeof r)))
        return rc;
    memset(&r, 0, sizeof r);
    if (!(r.answers = govidx__malloc(GOVIDX_N_CRITERIA)))
        return govidx__oom();
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        r.answers[k] = k < e.n_answers ? e.answers[k] : GOVIDX_ANSWER_MISSING;
    {
        char **dst[] = {&r.unit, &r.dataset, &r.category, &r.department,
                        &r.format, &r.licence, &r.last_update, &r.update_frequency,
                        &r.record, &r.record_format};
        const char *const src[] = {e.unit, e.dataset, e.category, e.department,
                                   e.format, e.licence, e.last_update, e.update_frequency,
                                   e.record, e.record_format};
        if ((rc = dup_fields(dst, src, 10))) {
            govidx__free(r.answers);
            return rc;
        }
    }
    r.year = e.year;
    ds->inv[ds->n_inv++] = r;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_inventory(const govidx_dataset *ds) { return ds ? ds->n_inv : 0; }

int govidx_dataset_inventory(govidx_inventory_entry *out, const govidx_dataset *ds, size_t k)
{
    const govidx__inv_row *r;
    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "inventory: NULL argument");
    if (k >= ds->n_inv)
        return govidx__fail(GOVIDX_EINVAL, "inventory entry %zu out of range (%zu)", k, ds->n_inv);
    r = &ds->inv[k];
    e.unit = r->unit;
    e.year = r->year;
    e.dataset = r->dataset;
    e.category = r->category;
    e.department = r->department;
    e.format = r->format;
    e.licence = r->licence;
    e.last_update = opt(r->last_update);
    e.update_frequency = opt(r->update_frequency);
    e.record = opt(r->record);
    e.record_format = opt(r->record_format);
    e.answers = r->answers;
    e.n_answers = GOVIDX_N_CRITERIA;
    return govidx__versioned_write(&inventory_entry_versions, out, &e);
}

/* ------------------------------------------------------------------ */
/* networks                                                             */
/* ------------------------------------------------------------------ */

int govidx_dataset_add_actor(govidx_dataset *ds, const govidx_actor *a)
{
    govidx_actor copy;
    int rc = writable(ds);
    govidx__actor_row r;
    if (rc)
        return rc;
    if (!a)
        return govidx__fail(GOVIDX_EINVAL, "actor: NULL");
    if ((rc = govidx__versioned_read(&actor_versions, &copy, a)))
        return rc;
    a = &copy;
    if (!a->code || !*a->code)
        return govidx__fail(GOVIDX_EINVAL, "actor %zu: empty code", ds->n_actors);
    if ((rc = govidx__grow((void **)&ds->actors, &ds->cap_actors, ds->n_actors, sizeof r)) ||
        (rc = govidx__strmap_reserve(&ds->actor_map, ds->n_actors + 1)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.code, &r.name, &r.unit, &r.sector, &r.level};
        const char *const src[] = {a->code, a->name, a->unit, a->sector, a->level};
        if ((rc = dup_fields(dst, src, 5)))
            return rc;
    }
    govidx__strmap_put(&ds->actor_map, r.code, ds->n_actors);
    ds->actors[ds->n_actors++] = r;
    return GOVIDX_OK;
}

int govidx_dataset_add_edge(govidx_dataset *ds, const govidx_edge *e)
{
    govidx_edge copy;
    int rc = writable(ds);
    govidx__edge_row r;
    if (rc)
        return rc;
    if (!e)
        return govidx__fail(GOVIDX_EINVAL, "edge: NULL");
    if ((rc = govidx__versioned_read(&edge_versions, &copy, e)))
        return rc;
    e = &copy;
    if ((rc = govidx__grow((void **)&ds->edges, &ds->cap_edges, ds->n_edges, sizeof r)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.unit, &r.layer, &r.from, &r.to};
        const char *const src[] = {e->unit, e->layer, e->from, e->to};
        if ((rc = dup_fields(dst, src, 4)))
            return rc;
    }
    r.year = e->year;
    r.weight = e->weight;
    ds->edges[ds->n_edges++] = r;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_actors(const govidx_dataset *ds) { return ds ? ds->n_actors : 0; }
size_t govidx_dataset_n_edges(const govidx_dataset *ds) { return ds ? ds->n_edges : 0; }

int govidx_dataset_actor(govidx_actor *out, const govidx_dataset *ds, size_t k)
{
    int rc;
    const govidx__actor_row *r;
    govidx_actor v = GOVIDX_ACTOR_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "actor: NULL argument");
    if ((rc = govidx__versioned_check(&actor_versions, out->version)))
        return rc;
    if (k >= ds->n_actors)
        return govidx__fail(GOVIDX_EINVAL, "actor %zu out of range (%zu)", k, ds->n_actors);
    r = &ds->actors[k];
    v.code = r->code;
    v.name = r->name;
    v.unit = r->unit;
    v.sector = r->sector;
    v.level = opt(r->level);
    return govidx__versioned_write(&actor_versions, out, &v);
}

int govidx_dataset_edge(govidx_edge *out, const govidx_dataset *ds, size_t k)
{
    int rc;
    const govidx__edge_row *r;
    govidx_edge v = GOVIDX_EDGE_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "edge: NULL argument");
    if ((rc = govidx__versioned_check(&edge_versions, out->version)))
        return rc;
    if (k >= ds->n_edges)
        return govidx__fail(GOVIDX_EINVAL, "edge %zu out of range (%zu)", k, ds->n_edges);
    r = &ds->edges[k];
    v.unit = r->unit;
    v.year = r->year;
    v.layer = r->layer;
    v.from = r->from;
    v.to = r->to;
    v.weight = r->weight;
    return govidx__versioned_write(&edge_versions, out, &v);
}

size_t govidx__ds_find_actor(const govidx_dataset *ds, const char *code)
{
    return govidx__strmap_get(&ds->actor_map, code);
}

int govidx_dataset_edge_ends(size_t *from, size_t *to, const govidx_dataset *ds, size_t k)
{
    size_t f, t;
    if (!ds || !from || !to)
        return govidx__fail(GOVIDX_EINVAL, "edge_ends: NULL argument");
    if (k >= ds->n_edges)
        return govidx__fail(GOVIDX_EINVAL, "edge %zu out of range (%zu)", k, ds->n_edges);
    f = govidx__ds_find_actor(ds, ds->edges[k].from);
    t = govidx__ds_find_actor(ds, ds->edges[k].to);
    if (f == NPOS || t == NPOS)
        return govidx__fail(GOVIDX_ENOTFOUND, "edge %zu: actor '%s' not found", k,
                            f == NPOS ? ds->edges[k].from : ds->edges[k].to);
    *from = f;
    *to = t;
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* DEA                                                                  */
/* ------------------------------------------------------------------ */

int govidx_dataset_add_dea_var(govidx_dataset *ds, const char *code, int is_output, unsigned flags)
{
    int rc = writable(ds);
    size_t j;
    govidx__dea_row r;
    if (rc)
        return rc;
    if (!code)
        return govidx__fail(GOVIDX_EINVAL, "DEA variable: code is NULL");
    if ((rc = govidx_dataset_find_indicator(&j, ds, code)))
        return govidx__fail_context(rc, "DEA variable");
    r.indicator = j;
    r.flags = flags;
    if (is_output) {
        if ((rc = govidx__grow((void **)&ds->dea_out, &ds->cap_dea_out, ds->n_dea_out, sizeof r)))
            return rc;
        ds->dea_out[ds->n_dea_out++] = r;
    } else {
        if ((rc = govidx__grow((void **)&ds->dea_in, &ds->cap_dea_in, ds->n_dea_in, sizeof r)))
            return rc;
        ds->dea_in[ds->n_dea_in++] = r;
    }
    return GOVIDX_OK;
}

size_t govidx_dataset_n_dea_inputs(const govidx_dataset *ds) { return ds ? ds->n_dea_in : 0; }
size_t govidx_dataset_n_dea_outputs(const govidx_dataset *ds) { return ds ? ds->n_dea_out : 0; }

static int dea_get(const govidx__dea_row *rows, size_t n, size_t k, size_t *ind, unsigned *flags,
                   const char *what)
{
    if (k >= n)
        return govidx__fail(GOVIDX_EINVAL, "DEA %s %zu out of range (%zu)", what, k, n);
    if (ind)
        *ind = rows[k].indicator;
    if (flags)
        *flags = rows[k].flags;
    return GOVIDX_OK;
}

int govidx_dataset_dea_input(size_t *ind, unsigned *flags, const govidx_dataset *ds, size_t k)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dea_input: dataset is NULL");
    return dea_get(ds->dea_in, ds->n_dea_in, k, ind, flags, "input");
}

int govidx_dataset_dea_output(size_t *ind, unsigned *flags, const govidx_dataset *ds, size_t k)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dea_output: dataset is NULL");
    return dea_get(ds->dea_out, ds->n_dea_out, k, ind, flags, "output");
}

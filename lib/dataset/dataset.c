/*
 * lib/dataset/dataset.c - the city dataset in memory: its life cycle,
 * attributes, units, groups, years, indicators and index tree, with the
 * lookups by code and the helpers every dataset_*.c file shares.  The
 * other sections each have their file (dataset_panel.c, dataset_districts.c,
 * dataset_inventory.c, dataset_actors.c, dataset_dea.c); the consistency
 * rules and the summary are in dataset_check.c; reading and writing files
 * in lib/io/h5*.c.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

int writable(const govidx_dataset *ds)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dataset is NULL");
    if (ds->readonly)
        return govidx__fail(GOVIDX_EINVAL, "dataset opened from a file is read-only");
    return GOVIDX_OK;
}

/* Duplicate a list of fields; on failure free what was copied. */
int dup_fields(char **dst[], const char *const src[], size_t n)
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
int govidx_indicator_init(govidx_indicator *row, unsigned version)
{
    return govidx__versioned_init(&indicator_versions, row, version);
}

int govidx_node_init(govidx_node *row, unsigned version)
{
    return govidx__versioned_init(&node_versions, row, version);
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


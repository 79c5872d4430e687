/*
 * lib/dataset/dataset_actors.c - the collaboration network of the dataset:
 * actors (their unit, sector, level) and the ties between them, as rows
 * versioned both ways.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* networks                                                             */
/* ------------------------------------------------------------------ */

GOVIDX__VERSIONS_1(actor_versions, govidx_actor, "actor", GOVIDX_ACTOR_INIT, level);
GOVIDX__VERSIONS_1(edge_versions, govidx_edge, "edge", GOVIDX_EDGE_INIT, weight);

int govidx_actor_init(govidx_actor *row, unsigned version)
{
    return govidx__versioned_init(&actor_versions, row, version);
}

int govidx_edge_init(govidx_edge *row, unsigned version)
{
    return govidx__versioned_init(&edge_versions, row, version);
}

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

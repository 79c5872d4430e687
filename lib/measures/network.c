/*
 * lib/measures/network.c - structural measures of actor networks (METHODS.md 2.2, C1).
 *
 * The measures work on the simple directed graph behind the ties: repeated
 * ties collapse to one arc (their weights add up for the weighted density)
 * and self-ties are dropped.  Everything that needs paths uses one
 * breadth-first search per actor over compressed adjacency lists (O(n m)
 * time) and keeps the reachability relation as one bit row per actor
 * (n^2 / 8 bytes); that is why networks are capped at 32,768 actors.
 * docs/methods/network.md states each definition and its source.
 *
 * SPDX-License-Identifier: MIT
 */
#include "network_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NET_MAX_ACTORS ((size_t)1 << 15)

static const char *const measure_names[GOVIDX_NET_N_MEASURES] = {
    "actors", "ties", "loops", "density", "weighted_density", "reciprocity", "reciprocity_dyadic",
    "cross_sector_share", "gov_nongov_share", "ei_index", "silos", "silo_share", "isolates",
    "isolate_share", "degree_centralization", "indegree_centralization", "outdegree_centralization",
    "weak_components", "largest_weak_share", "strong_components", "largest_strong_share",
    "global_efficiency", "global_efficiency_undirected", "connectedness", "hierarchy", "efficiency",
    "lub",
};

size_t govidx_network_n_measures(void) { return GOVIDX_NET_N_MEASURES; }

const char *govidx_network_measure_name(size_t k)
{
    return k < GOVIDX_NET_N_MEASURES ? measure_names[k] : NULL;
}

/* ------------------------------------------------------------------ */
/* Building a network                                                   */
/* ------------------------------------------------------------------ */

int govidx_network_new(govidx_network **out, size_t n_actors)
{
    govidx_network *net;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_new: out is NULL");
    *out = NULL;
    if (n_actors == 0 || n_actors > NET_MAX_ACTORS)
        return govidx__fail(GOVIDX_EDIM, "govidx_network_new: %zu actors (1 to %zu allowed)", n_actors,
                            NET_MAX_ACTORS);
    if (!(net = govidx__calloc(1, sizeof *net)))
        return govidx__oom();
    net->n = n_actors;
    net->sector = govidx__calloc(n_actors, sizeof *net->sector);
    net->name = govidx__calloc(n_actors, sizeof *net->name);
    if (!net->sector || !net->name) {
        govidx_network_free(net);
        return govidx__oom();
    }
    *out = net;
    return GOVIDX_OK;
}

void govidx_network_free(govidx_network *net)
{
    size_t i;
    if (!net)
        return;
    for (i = 0; i < net->n; i++) {
        if (net->sector)
            govidx__free(net->sector[i]);
        if (net->name)
            govidx__free(net->name[i]);
    }
    govidx__free(net->sector);
    govidx__free(net->name);
    govidx__free(net->from);
    govidx__free(net->to);
    govidx__free(net->w);
    govidx__free(net);
}

static int set_text(char **slot, const char *text)
{
    char *copy = NULL;
    if (text && *text && !(copy = govidx__strdup(text)))
        return govidx__oom();
    govidx__free(*slot);
    *slot = copy;
    return GOVIDX_OK;
}

int govidx_network_set_sector(govidx_network *net, size_t actor, const char *sector)
{
    if (!net || actor >= net->n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_set_sector: no actor %zu", actor);
    return set_text(&net->sector[actor], sector);
}

int govidx_network_set_name(govidx_network *net, size_t actor, const char *name)
{
    if (!net || actor >= net->n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_set_name: no actor %zu", actor);
    return set_text(&net->name[actor], name);
}

int govidx_network_add_tie(govidx_network *net, size_t from, size_t to, double w)
{
    if (!net || from >= net->n || to >= net->n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_add_tie: tie %zu -> %zu outside the %zu actors",
                            from, to, net ? net->n : 0);
    if (!isfinite(w) || w <= 0)
        return govidx__fail(GOVIDX_EDOMAIN, "govidx_network_add_tie: tie %zu -> %zu has weight %g (must be "
                            "finite and > 0)", from, to, w);
    if (net->n_ties == net->cap_ties) {
        size_t cap = net->cap_ties ? 2 * net->cap_ties : 64, bytes;
        size_t *f, *t;
        double *ww;
        if (!govidx__mul_ok(cap, sizeof(size_t), &bytes))
            return govidx__fail(GOVIDX_EDIM, "govidx_network_add_tie: too many ties");
        if (!(f = govidx__realloc(net->from, bytes)))
            return govidx__oom();
        net->from = f;
        if (!(t = govidx__realloc(net->to, bytes)))
            return govidx__oom();
        net->to = t;
        if (!(ww = govidx__realloc(net->w, cap * sizeof *ww)))
            return govidx__oom();
        net->w = ww;
        net->cap_ties = cap;
    }
    net->from[net->n_ties] = from;
    net->to[net->n_ties] = to;
    net->w[net->n_ties] = w;
    net->n_ties++;
    return GOVIDX_OK;
}

size_t govidx_network_n_actors(const govidx_network *net) { return net ? net->n : 0; }

const char *govidx_network_sector(const govidx_network *net, size_t actor)
{
    return net && actor < net->n && net->sector[actor] ? net->sector[actor] : "";
}

const char *govidx_network_name(const govidx_network *net, size_t actor)
{
    return net && actor < net->n && net->name[actor] ? net->name[actor] : "";
}

/* ------------------------------------------------------------------ */
/* Sector groups and option lists                                       */
/* ------------------------------------------------------------------ */

/* Is `s` one of the comma-separated names in `list`? */
static int in_list(const char *list, const char *s)
{
    size_t len = strlen(s);
    while (*list) {
        const char *end = strchr(list, ',');
        size_t k = end ? (size_t)(end - list) : strlen(list);
        if (k == len && !strncmp(list, s, len))
            return 1;
        if (!end)
            break;
        list = end + 1;
    }
    return 0;
}

/* Sector group of every actor: 0, 1, ... in order of first appearance. */
static size_t sector_groups(const govidx_network *net, size_t *group, size_t *first)
{
    size_t i, j, k = 0;
    for (i = 0; i < net->n; i++) {
        const char *s = govidx_network_sector(net, i);
        for (j = 0; j < k; j++)
            if (!strcmp(govidx_network_sector(net, first[j]), s))
                break;
        if (j == k)
            first[k++] = i;
        group[i] = j;
    }
    return k;
}

size_t govidx_network_n_sectors(const govidx_network *net)
{
    size_t *g, k = 0;
    if (!net || !(g = govidx__mallocarray(2 * net->n, sizeof *g)))
        return 0;
    k = sector_groups(net, g, g + net->n);
    govidx__free(g);
    return k;
}

const char *govidx_network_sector_label(const govidx_network *net, size_t k)
{
    size_t *g, nk;
    const char *label = NULL;
    if (!net || !(g = govidx__mallocarray(2 * net->n, sizeof *g)))
        return NULL;
    nk = sector_groups(net, g, g + net->n);
    if (k < nk)
        label = govidx_network_sector(net, g[net->n + k]);
    govidx__free(g);
    return label;
}

/* ------------------------------------------------------------------ */
/* Public measures                                                      */
/* ------------------------------------------------------------------ */

GOVIDX__VERSIONS_1(network_options_versions, govidx_network_options, "network options",
                   GOVIDX_NETWORK_OPTIONS_INIT, seed);

int govidx_network_options_init(govidx_network_options *opts, unsigned version)
{
    return govidx__versioned_init(&network_options_versions, opts, version);
}

int govidx__network_options_read(govidx_network_options *dst, const govidx_network_options *src)
{
    return govidx__versioned_read(&network_options_versions, dst, src);
}

/* Department and government flags from the option lists. */
static void actor_flags(const govidx_network *net, const govidx_network_options *o, unsigned char *dept,
                        unsigned char *gov, size_t *n_dept)
{
    const char *dl = o && o->department_sectors ? o->department_sectors : "gov-dept";
    const char *gl = o && o->gov_sectors ? o->gov_sectors : "gov-dept,district-gov";
    size_t i;
    *n_dept = 0;
    for (i = 0; i < net->n; i++) {
        const char *s = govidx_network_sector(net, i);
        dept[i] = (unsigned char)in_list(dl, s);
        gov[i] = (unsigned char)in_list(gl, s);
        *n_dept += dept[i];
    }
}

int govidx_network_measures(double *values, double *z, size_t n_values, const govidx_network *net,
                            const govidx_network_options *opt)
{
    govidx_network_options copy;
    const govidx_network_options *o = &copy;
    double v[GOVIDX_NET_N_MEASURES], zz[GOVIDX_NET_N_MEASURES];
    size_t *group = NULL, *first = NULL, loops, k, n_dept;
    unsigned char *flags = NULL;
    double wsum;
    arcs a = {0, NULL, NULL};
    net_ctx c;
    int rc;

    memset(&c, 0, sizeof c);
    if (!net || !values)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_measures: NULL argument");
    if ((rc = govidx__network_options_read(&copy, opt)))
        return rc;
    group = govidx__mallocarray(net->n, sizeof *group);
    first = govidx__mallocarray(net->n, sizeof *first);
    flags = govidx__calloc(2, net->n);
    if (!group || !first || !flags) {
        rc = govidx__oom();
        goto done;
    }
    sector_groups(net, group, first);
    actor_flags(net, o, flags, flags + net->n, &n_dept);
    if ((rc = simple_arcs(net, &a, &loops, &wsum)) || (rc = ctx_alloc(&c, net->n, a.m)))
        goto done;
    c.group = group;
    c.dept = flags;
    c.gov = flags + net->n;
    c.n_dept = n_dept;
    if ((rc = measure_graph(&c, a.from, a.to, a.m, loops, wsum, v)))
        goto done;
    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++)
        zz[k] = NAN;
    if (o->null_samples && z && (rc = null_model(&c, &a, o, v, zz)))
        goto done;
    for (k = 0; k < n_values && k < GOVIDX_NET_N_MEASURES; k++) {
        values[k] = v[k];
        if (z)
            z[k] = zz[k];
    }
done:
    ctx_free(&c);
    arcs_free(&a);
    govidx__free(group);
    govidx__free(first);
    govidx__free(flags);
    return rc;
}

int govidx_network_silos(size_t *silos, size_t cap, size_t *n, const govidx_network *net,
                         const govidx_network_options *opt)
{
    unsigned char *flags, *provides;
    size_t i, k, count = 0, n_dept;
    govidx_network_options copy;
    int rc;
    if (!net || !n || (cap && !silos))
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_silos: NULL argument");
    if ((rc = govidx__network_options_read(&copy, opt)))
        return rc;
    if (!(flags = govidx__calloc(3, net->n)))
        return govidx__oom();
    provides = flags + 2 * net->n;
    actor_flags(net, &copy, flags, flags + net->n, &n_dept);
    for (k = 0; k < net->n_ties; k++)
        if (net->from[k] != net->to[k])
            provides[net->from[k]] = 1;
    for (i = 0; i < net->n; i++)
        if (flags[i] && !provides[i]) {
            if (count < cap)
                silos[count] = i;
            count++;
        }
    *n = count;
    govidx__free(flags);
    return GOVIDX_OK;
}

int govidx_network_ei_by_sector(double *ei, const govidx_network *net)
{
    size_t *group, *first, nk, k, *ext, *in;
    arcs a = {0, NULL, NULL};
    size_t loops;
    double wsum;
    int rc;
    if (!net || !ei)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_ei_by_sector: NULL argument");
    if (!(group = govidx__mallocarray(4 * net->n, sizeof *group)))
        return govidx__oom();
    first = group + net->n;
    ext = first + net->n;
    in = ext + net->n;
    memset(ext, 0, 2 * net->n * sizeof *ext);
    nk = sector_groups(net, group, first);
    if ((rc = simple_arcs(net, &a, &loops, &wsum)) == GOVIDX_OK) {
        for (k = 0; k < a.m; k++) {
            size_t gf = group[a.from[k]], gt = group[a.to[k]];
            if (gf == gt)
                in[gf]++;
            else
                ext[gf]++, ext[gt]++;
        }
        for (k = 0; k < nk; k++)
            ei[k] = ext[k] + in[k] ? ((double)ext[k] - (double)in[k]) / (double)(ext[k] + in[k]) : NAN;
    }
    arcs_free(&a);
    govidx__free(group);
    return rc;
}

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
#include "core/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NET_MAX_ACTORS ((size_t)1 << 15)

struct govidx_network {
    size_t n;
    char **sector; /* per actor; NULL = "" */
    char **name;
    size_t n_ties, cap_ties;
    size_t *from, *to;
    double *w;
};

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
/* The simple graph: distinct arcs i -> j, i != j                       */
/* ------------------------------------------------------------------ */

typedef struct arcs {
    size_t m;
    size_t *from, *to; /* sorted by (from, to), distinct */
} arcs;

static int cmp_pair(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Collapse the ties to distinct arcs; also the loop count and weight sum. */
static int simple_arcs(const govidx_network *net, arcs *a, size_t *loops, double *wsum)
{
    size_t *pair, k, m = 0;
    *loops = 0;
    *wsum = 0;
    a->m = 0;
    a->from = a->to = NULL;
    if (!(pair = govidx__mallocarray(net->n_ties ? 2 * net->n_ties : 1, sizeof *pair)))
        return govidx__oom();
    for (k = 0; k < net->n_ties; k++) {
        if (net->from[k] == net->to[k]) {
            ++*loops;
            continue;
        }
        *wsum += net->w[k];
        pair[2 * m] = net->from[k];
        pair[2 * m + 1] = net->to[k];
        m++;
    }
    qsort(pair, m, 2 * sizeof *pair, cmp_pair);
    a->from = govidx__mallocarray(m ? m : 1, sizeof *a->from);
    a->to = govidx__mallocarray(m ? m : 1, sizeof *a->to);
    if (!a->from || !a->to) {
        govidx__free(pair);
        return govidx__oom();
    }
    for (k = 0; k < m; k++) {
        if (a->m && a->from[a->m - 1] == pair[2 * k] && a->to[a->m - 1] == pair[2 * k + 1])
            continue;
        a->from[a->m] = pair[2 * k];
        a->to[a->m] = pair[2 * k + 1];
        a->m++;
    }
    govidx__free(pair);
    return GOVIDX_OK;
}

static void arcs_free(arcs *a)
{
    govidx__free(a->from);
    govidx__free(a->to);
}

/* Per-actor facts that do not change under degree-preserving rewiring. */
typedef struct net_ctx {
    size_t n;
    const size_t *group;   /* sector group of each actor */
    const unsigned char *dept, *gov;
    size_t n_dept;
    /* scratch, all n-sized or (n+1)-sized, reused across random graphs */
    size_t *out_start, *out_adj, *in_start, *in_adj, *deg_in, *deg_out;
    size_t *queue, *dist, *comp, *comp_size;
    uint64_t *reach; /* n rows of `words` words: row i = actors i reaches (i included) */
    size_t words;
    /* strong components (Tarjan) and least-upper-boundedness */
    size_t *scc, *scc_size, *low, *iter, *stack, *order, *tmp;
    uint64_t *sa;  /* n rows of sa_words words: the source components above each actor */
    size_t sa_words, sa_cap;
} net_ctx;

static int ctx_alloc(net_ctx *c, size_t n, size_t m)
{
    size_t rbits;
    c->n = n;
    c->words = (n + 63) / 64;
    c->out_start = govidx__calloc(n + 1, sizeof(size_t));
    c->in_start = govidx__calloc(n + 1, sizeof(size_t));
    c->out_adj = govidx__mallocarray(m ? m : 1, sizeof(size_t));
    c->in_adj = govidx__mallocarray(m ? m : 1, sizeof(size_t));
    c->deg_in = govidx__calloc(n, sizeof(size_t));
    c->deg_out = govidx__calloc(n, sizeof(size_t));
    c->queue = govidx__mallocarray(n, sizeof(size_t));
    c->dist = govidx__mallocarray(n, sizeof(size_t));
    c->comp = govidx__mallocarray(n, sizeof(size_t));
    c->comp_size = govidx__mallocarray(n, sizeof(size_t));
    c->scc = govidx__mallocarray(n, sizeof(size_t));
    c->scc_size = govidx__mallocarray(n, sizeof(size_t));
    c->low = govidx__mallocarray(n, sizeof(size_t));
    c->iter = govidx__mallocarray(n, sizeof(size_t));
    c->stack = govidx__mallocarray(n, sizeof(size_t));
    c->order = govidx__mallocarray(n, sizeof(size_t));
    c->tmp = govidx__mallocarray(n + 1, sizeof(size_t));
    if (!govidx__mul_ok(n, c->words, &rbits))
        return govidx__fail(GOVIDX_EDIM, "network too large");
    c->reach = govidx__mallocarray(rbits, sizeof(uint64_t));
    if (!c->out_start || !c->in_start || !c->out_adj || !c->in_adj || !c->deg_in || !c->deg_out || !c->queue ||
        !c->dist || !c->comp || !c->comp_size || !c->reach || !c->scc || !c->scc_size || !c->low || !c->iter ||
        !c->stack || !c->order || !c->tmp)
        return govidx__oom();
    return GOVIDX_OK;
}

static void ctx_free(net_ctx *c)
{
    govidx__free(c->out_start);
    govidx__free(c->in_start);
    govidx__free(c->out_adj);
    govidx__free(c->in_adj);
    govidx__free(c->deg_in);
    govidx__free(c->deg_out);
    govidx__free(c->queue);
    govidx__free(c->dist);
    govidx__free(c->comp);
    govidx__free(c->comp_size);
    govidx__free(c->scc);
    govidx__free(c->scc_size);
    govidx__free(c->low);
    govidx__free(c->iter);
    govidx__free(c->stack);
    govidx__free(c->order);
    govidx__free(c->tmp);
    govidx__free(c->sa);
    govidx__free(c->reach);
}

#define BIT(row, j) (((row)[(j) >> 6] >> ((j) & 63)) & 1u)

/* Compressed out- and in-adjacency lists (each list sorted ascending). */
static void build_adjacency(net_ctx *c, const size_t *from, const size_t *to, size_t m)
{
    size_t i, k, n = c->n;
    memset(c->deg_out, 0, n * sizeof(size_t));
    memset(c->deg_in, 0, n * sizeof(size_t));
    for (k = 0; k < m; k++) {
        c->deg_out[from[k]]++;
        c->deg_in[to[k]]++;
    }
    c->out_start[0] = c->in_start[0] = 0;
    for (i = 0; i < n; i++) {
        c->out_start[i + 1] = c->out_start[i] + c->deg_out[i];
        c->in_start[i + 1] = c->in_start[i] + c->deg_in[i];
    }
    /* Filling in order of (from, to) keeps out-lists sorted; in-lists get
     * sources in ascending order because `from` ascends. */
    for (i = 0; i < n; i++)
        c->queue[i] = c->out_start[i], c->dist[i] = c->in_start[i];
    for (k = 0; k < m; k++) {
        c->out_adj[c->queue[from[k]]++] = to[k];
        c->in_adj[c->dist[to[k]]++] = from[k];
    }
}

/* Is there an arc a -> b?  Binary search in a's sorted out-list. */
static int has_arc(const net_ctx *c, size_t a, size_t b)
{
    size_t lo = c->out_start[a], hi = c->out_start[a + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->out_adj[mid] == b)
            return 1;
        if (c->out_adj[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Breadth-first search from s: distances (SIZE_MAX = unreached); with
 * `both`, arcs are followed in either direction (the symmetrised graph).
 * Returns the sum of 1/d over the actors reached (s excluded). */
static double bfs(net_ctx *c, size_t s, int both, uint64_t *row)
{
    size_t head = 0, tail = 0, i, k;
    double inv = 0;
    for (i = 0; i < c->n; i++)
        c->dist[i] = SIZE_MAX;
    c->dist[s] = 0;
    c->queue[tail++] = s;
    while (head < tail) {
        size_t v = c->queue[head++];
        for (k = c->out_start[v]; k < c->out_start[v + 1]; k++) {
            size_t u = c->out_adj[k];
            if (c->dist[u] == SIZE_MAX) {
                c->dist[u] = c->dist[v] + 1;
                c->queue[tail++] = u;
            }
        }
        if (both)
            for (k = c->in_start[v]; k < c->in_start[v + 1]; k++) {
                size_t u = c->in_adj[k];
                if (c->dist[u] == SIZE_MAX) {
                    c->dist[u] = c->dist[v] + 1;
                    c->queue[tail++] = u;
                }
            }
    }
    if (row)
        memset(row, 0, c->words * sizeof *row);
    for (i = 0; i < tail; i++) {
        size_t u = c->queue[i];
        if (row)
            row[u >> 6] |= (uint64_t)1 << (u & 63);
        if (u != s)
            inv += 1.0 / (double)c->dist[u];
    }
    return inv;
}

/* Weak components by breadth-first search on the symmetrised graph:
 * c->comp[i] = component of i, c->comp_size[k] = size of component k. */
static size_t weak_components(net_ctx *c)
{
    size_t i, nc = 0;
    for (i = 0; i < c->n; i++)
        c->comp[i] = SIZE_MAX;
    for (i = 0; i < c->n; i++) {
        size_t head = 0, tail = 0;
        if (c->comp[i] != SIZE_MAX)
            continue;
        c->comp[i] = nc;
        c->queue[tail++] = i;
        while (head < tail) {
            size_t v = c->queue[head++], k;
            for (k = c->out_start[v]; k < c->out_start[v + 1]; k++)
                if (c->comp[c->out_adj[k]] == SIZE_MAX)
                    c->comp[c->out_adj[k]] = nc, c->queue[tail++] = c->out_adj[k];
            for (k = c->in_start[v]; k < c->in_start[v + 1]; k++)
                if (c->comp[c->in_adj[k]] == SIZE_MAX)
                    c->comp[c->in_adj[k]] = nc, c->queue[tail++] = c->in_adj[k];
        }
        c->comp_size[nc++] = tail;
    }
    return nc;
}

/* Strong components by Tarjan's algorithm (iterative, O(n + m)):
 * c->scc[i] = component of i, c->scc_size[k] = its size.  c->dist serves
 * as the visit number, c->order as the call stack. */
static size_t strong_components(net_ctx *c)
{
    size_t n = c->n, r, ns = 0, count = 0, sp = 0, top, *num = c->dist, *call = c->order;
    for (r = 0; r < n; r++)
        num[r] = c->scc[r] = SIZE_MAX;
    for (r = 0; r < n; r++) {
        if (num[r] != SIZE_MAX)
            continue;
        top = 0;
        call[top++] = r;
        num[r] = c->low[r] = count++;
        c->stack[sp++] = r;
        c->iter[r] = c->out_start[r];
        while (top) {
            size_t v = call[top - 1];
            if (c->iter[v] < c->out_start[v + 1]) {
                size_t w = c->out_adj[c->iter[v]++];
                if (num[w] == SIZE_MAX) {
                    num[w] = c->low[w] = count++;
                    c->stack[sp++] = w;
                    c->iter[w] = c->out_start[w];
                    call[top++] = w;
                } else if (c->scc[w] == SIZE_MAX && num[w] < c->low[v]) { /* w is on the stack */
                    c->low[v] = num[w];
                }
                continue;
            }
            top--;
            if (c->low[v] == num[v]) {
                size_t w, size = 0;
                do {
                    w = c->stack[--sp];
                    c->scc[w] = ns;
                    size++;
                } while (w != v);
                c->scc_size[ns++] = size;
            }
            if (top && c->low[v] < c->low[call[top - 1]])
                c->low[call[top - 1]] = c->low[v];
        }
    }
    return ns;
}

/* Order of actors for grouping: by weak component, then by their row of
 * source components (word by word). */
static int sa_less_equal(const net_ctx *c, size_t a, size_t b)
{
    const uint64_t *x = c->sa + a * c->sa_words, *y = c->sa + b * c->sa_words;
    size_t k;
    if (c->comp[a] != c->comp[b])
        return c->comp[a] < c->comp[b];
    for (k = 0; k < c->sa_words; k++)
        if (x[k] != y[k])
            return x[k] < y[k];
    return 1;
}

static void sort_actors(const net_ctx *c, size_t *v, size_t *tmp, size_t n)
{
    size_t width, i;
    for (width = 1; width < n; width *= 2) { /* bottom-up merge sort */
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n, hi = i + 2 * width < n ? i + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = sa_less_equal(c, v[a], v[b]) ? v[a++] : v[b++];
            while (a < mid)
                tmp[k++] = v[a++];
            while (b < hi)
                tmp[k++] = v[b++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

/* Source components shared by the rows of actors a and b: 0, 1 or 2 (= more). */
static int shared_sources(const net_ctx *c, size_t a, size_t b)
{
    const uint64_t *x = c->sa + a * c->sa_words, *y = c->sa + b * c->sa_words;
    size_t k;
    int cnt = 0;
    for (k = 0; k < c->sa_words && cnt < 2; k++)
        cnt += __builtin_popcountll(x[k] & y[k]);
    return cnt < 2 ? cnt : 2;
}

/* Krackhardt's least-upper-boundedness violations (Krackhardt 1994;
 * sna::lubness), summed over the weak components of more than 2 actors:
 * a pair {i, j} of one component violates when no actor that reaches both
 * (an upper bound, i and j themselves included) reaches every other upper
 * bound.
 *
 * The upper bounds of {i, j} are closed upwards (whoever reaches an upper
 * bound is one), so an upper bound that reaches all the others has no
 * ancestor outside its own strong component: it lies in a source component
 * of the condensation.  And every upper bound lies below some source
 * component among the upper bounds.  Hence {i, j} has a least upper bound
 * exactly when one source component, no more and no less, reaches both i
 * and j.  Each actor gets a bit row of the source components reaching it;
 * actors with the same row (and component) are grouped, and the groups are
 * compared pairwise word by word: O(n + m + groups^2 x sources / 64)
 * instead of O(n^4).  Returns GOVIDX_ENOMEM only. */
static int lub_violations(net_ctx *c, size_t n_strong, double *viol)
{
    size_t n = c->n, i, k, w, nsrc = 0, bytes, g0, g1, h0, h1, *src_of = c->low, *rep = c->iter;
    *viol = 0;
    /* source components: no arc from another component enters them */
    for (k = 0; k < n_strong; k++)
        src_of[k] = 1, rep[k] = SIZE_MAX;
    for (i = 0; i < n; i++) {
        if (rep[c->scc[i]] == SIZE_MAX)
            rep[c->scc[i]] = i;
        for (k = c->out_start[i]; k < c->out_start[i + 1]; k++)
            if (c->scc[c->out_adj[k]] != c->scc[i])
                src_of[c->scc[c->out_adj[k]]] = 0;
    }
    for (k = 0; k < n_strong; k++)
        src_of[k] = src_of[k] ? nsrc++ : SIZE_MAX;
    c->sa_words = (nsrc + 63) / 64;
    if (!govidx__mul_ok(n, c->sa_words, &bytes) || !govidx__mul_ok(bytes, sizeof(uint64_t), &bytes))
        return govidx__fail(GOVIDX_EDIM, "network too large");
    if (bytes > c->sa_cap) {
        uint64_t *sa = govidx__realloc(c->sa, bytes);
        if (!sa)
            return govidx__oom();
        c->sa = sa;
        c->sa_cap = bytes;
    }
    memset(c->sa, 0, bytes);
    /* row of actor x: bit s when source component s reaches x */
    for (k = 0; k < n_strong; k++) {
        const uint64_t *r;
        size_t s = src_of[k];
        if (s == SIZE_MAX)
            continue;
        r = c->reach + rep[k] * c->words;
        for (w = 0; w < c->words; w++) {
            uint64_t bits = r[w];
            while (bits) {
                size_t x = w * 64 + (size_t)__builtin_ctzll(bits);
                bits &= bits - 1;
                c->sa[x * c->sa_words + s / 64] |= (uint64_t)1 << (s % 64);
            }
        }
    }
    for (i = 0; i < n; i++)
        c->order[i] = i;
    sort_actors(c, c->order, c->tmp, n);
    /* groups of equal rows, one weak component at a time; c->tmp holds
     * the groups' first positions in c->order */
    for (g0 = 0; g0 < n; g0 = g1) {
        size_t comp = c->comp[c->order[g0]], ng = 0, a, b;
        double size = (double)c->comp_size[comp], good = 0;
        for (g1 = g0; g1 < n && c->comp[c->order[g1]] == comp; g1++)
            if (g1 == g0 || !sa_less_equal(c, c->order[g1], c->order[g1 - 1]))
                c->tmp[ng++] = g1;
        if (c->comp_size[comp] <= 2)
            continue;
        c->tmp[ng] = g1;
        for (a = 0; a < ng; a++) {
            h0 = c->tmp[a + 1] - c->tmp[a];
            if (shared_sources(c, c->order[c->tmp[a]], c->order[c->tmp[a]]) == 1)
                good += (double)h0 * (double)(h0 - 1) / 2;
            for (b = a + 1; b < ng; b++) {
                h1 = c->tmp[b + 1] - c->tmp[b];
                if (shared_sources(c, c->order[c->tmp[a]], c->order[c->tmp[b]]) == 1)
                    good += (double)h0 * (double)h1;
            }
        }
        *viol += size * (size - 1) / 2 - good;
    }
    return GOVIDX_OK;
}

/* Every measure of the simple graph (from, to, m); weighted density from
 * wsum.  GOVIDX_ENOMEM only. */
static int measure_graph(net_ctx *c, const size_t *from, const size_t *to, size_t m, size_t loops, double wsum,
                         double *v)
{
    size_t n = c->n, i, k, mutual = 0, cross = 0, govx = 0, silos = 0, isolates = 0;
    size_t maxd = 0, maxin = 0, maxout = 0, ncomp, largest = 0, nstrong = 0, lstrong = 0;
    double pairs = (double)n * (double)(n - 1), dyads = pairs / 2, sumd = 0, sumin = 0, sumout = 0;
    double eff = 0, effu = 0, hm = 0, ha = 0, conn = 0, req = 0, maxv = 0, nolub = 0, maxnolub = 0;
    uint64_t reached = 0, mutual_pairs = 0;
    int rc;

    build_adjacency(c, from, to, m);
    v[GOVIDX_NET_ACTORS] = (double)n;
    v[GOVIDX_NET_TIES] = (double)m;
    v[GOVIDX_NET_LOOPS] = (double)loops;
    v[GOVIDX_NET_DENSITY] = n > 1 ? (double)m / pairs : NAN;
    v[GOVIDX_NET_WEIGHTED_DENSITY] = n > 1 ? wsum / pairs : NAN;

    for (k = 0; k < m; k++) {
        mutual += has_arc(c, to[k], from[k]);
        cross += c->group[from[k]] != c->group[to[k]];
        govx += c->gov[from[k]] != c->gov[to[k]];
    }
    mutual /= 2; /* each mutual dyad was seen from both arcs */
    v[GOVIDX_NET_RECIPROCITY] = m ? 2.0 * (double)mutual / (double)m : NAN;
    v[GOVIDX_NET_RECIPROCITY_DYADIC] =
        n > 1 ? (dyads - (double)(m - 2 * mutual)) / dyads : NAN; /* (mutual + null) / all dyads */
    v[GOVIDX_NET_CROSS_SECTOR_SHARE] = m ? (double)cross / (double)m : NAN;
    v[GOVIDX_NET_GOV_NONGOV_SHARE] = m ? (double)govx / (double)m : NAN;
    v[GOVIDX_NET_EI_INDEX] = m ? ((double)cross - (double)(m - cross)) / (double)m : NAN;

    for (i = 0; i < n; i++) {
        size_t d = c->deg_in[i] + c->deg_out[i];
        silos += c->dept[i] && c->deg_out[i] == 0;
        isolates += d == 0;
        maxd = d > maxd ? d : maxd;
        maxin = c->deg_in[i] > maxin ? c->deg_in[i] : maxin;
        maxout = c->deg_out[i] > maxout ? c->deg_out[i] : maxout;
    }
    for (i = 0; i < n; i++) {
        sumd += (double)(maxd - c->deg_in[i] - c->deg_out[i]);
        sumin += (double)(maxin - c->deg_in[i]);
        sumout += (double)(maxout - c->deg_out[i]);
    }
    v[GOVIDX_NET_SILOS] = (double)silos;
    v[GOVIDX_NET_SILO_SHARE] = c->n_dept ? (double)silos / (double)c->n_dept : NAN;
    v[GOVIDX_NET_ISOLATES] = (double)isolates;
    v[GOVIDX_NET_ISOLATE_SHARE] = (double)isolates / (double)n;
    /* Freeman: observed spread over the spread of the star (sna's tmaxdev). */
    v[GOVIDX_NET_DEGREE_CENTRALIZATION] = n > 2 ? sumd / ((double)(n - 1) * (2.0 * (double)n - 4.0)) : NAN;
    v[GOVIDX_NET_INDEGREE_CENTRALIZATION] = n > 1 ? sumin / ((double)(n - 1) * (double)(n - 1)) : NAN;
    v[GOVIDX_NET_OUTDEGREE_CENTRALIZATION] = n > 1 ? sumout / ((double)(n - 1) * (double)(n - 1)) : NAN;

    for (i = 0; i < n; i++) {
        eff += bfs(c, i, 0, c->reach + i * c->words);
        effu += bfs(c, i, 1, NULL);
    }
    v[GOVIDX_NET_GLOBAL_EFFICIENCY] = n > 1 ? eff / pairs : NAN;
    v[GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED] = n > 1 ? effu / pairs : NAN;

    ncomp = weak_components(c);
    for (k = 0; k < ncomp; k++) {
        double s = (double)c->comp_size[k];
        largest = c->comp_size[k] > largest ? c->comp_size[k] : largest;
        conn += s * (s - 1) / 2;
        req += s - 1;
        maxv += s * (s - 1) - (s - 1);
        if (c->comp_size[k] > 2)
            maxnolub += (s - 1) * (s - 2) / 2;
    }
    v[GOVIDX_NET_WEAK_COMPONENTS] = (double)ncomp;
    v[GOVIDX_NET_LARGEST_WEAK_SHARE] = (double)largest / (double)n;
    v[GOVIDX_NET_CONNECTEDNESS] = n > 1 ? conn / dyads : 1.0;
    v[GOVIDX_NET_EFFICIENCY] = maxv > 0 ? 1.0 - ((double)m - req) / maxv : NAN;

    /* Strong components: i and j share one when each reaches the other.
     * Hierarchy: among pairs where one reaches the other, the share where
     * reaching is one-way.  The pairs reached both ways are those within a
     * strong component; the ordered pairs reached (i != j) are the bits of
     * the reachability rows, so one-way pairs = ordered - 2 x two-way. */
    nstrong = strong_components(c);
    for (k = 0; k < nstrong; k++) {
        mutual_pairs += (uint64_t)c->scc_size[k] * (c->scc_size[k] - 1) / 2;
        lstrong = c->scc_size[k] > lstrong ? c->scc_size[k] : lstrong;
    }
    for (i = 0; i < n * c->words; i++)
        reached += (uint64_t)__builtin_popcountll(c->reach[i]);
    reached -= n; /* every row holds its own actor */
    hm = (double)mutual_pairs;
    ha = (double)(reached - 2 * mutual_pairs);
    v[GOVIDX_NET_STRONG_COMPONENTS] = (double)nstrong;
    v[GOVIDX_NET_LARGEST_STRONG_SHARE] = (double)lstrong / (double)n;
    v[GOVIDX_NET_HIERARCHY] = hm + ha > 0 ? 1.0 - hm / (hm + ha) : NAN;

    if ((rc = lub_violations(c, nstrong, &nolub)))
        return rc;
    v[GOVIDX_NET_LUB] = maxnolub > 0 ? 1.0 - nolub / maxnolub : NAN;
    return GOVIDX_OK;
}

/* ------------------------------------------------------------------ */
/* Null model: degree-preserving directed double-edge swaps              */
/* ------------------------------------------------------------------ */

/* xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64. */
typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r)
{
    uint64_t out = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;
    r->s[2] ^= r->s[0];
    r->s[3] ^= r->s[1];
    r->s[1] ^= r->s[2];
    r->s[0] ^= r->s[3];
    r->s[2] ^= t;
    r->s[3] = rotl(r->s[3], 45);
    return out;
}

/* Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019). */
static size_t rng_below(rng *r, size_t n)
{
    uint64_t x = rng_next(r);
    __uint128_t p = (__uint128_t)x * n;
    uint64_t low = (uint64_t)p;
    if (low < n) {
        uint64_t floor = -(uint64_t)n % n;
        while (low < floor) {
            x = rng_next(r);
            p = (__uint128_t)x * n;
            low = (uint64_t)p;
        }
    }
    return (size_t)(p >> 64);
}

/* Open-addressing set of arcs (from * n + to + 1; 0 = empty), for O(1)
 * "does this arc exist" during rewiring. */
typedef struct arcset {
    uint64_t *slot;
    size_t mask;
} arcset;

static size_t arc_hash(uint64_t key, size_t mask)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdu;
    key ^= key >> 33;
    return (size_t)key & mask;
}

static size_t arcset_find(const arcset *s, uint64_t key)
{
    size_t i = arc_hash(key, s->mask);
    while (s->slot[i] && s->slot[i] != key)
        i = (i + 1) & s->mask;
    return i;
}

static void arcset_remove(arcset *s, uint64_t key)
{
    /* Backward-shift deletion keeps probe chains intact without tombstones. */
    size_t i = arcset_find(s, key), j = i;
    s->slot[i] = 0;
    for (;;) {
        size_t home;
        j = (j + 1) & s->mask;
        if (!s->slot[j])
            return;
        home = arc_hash(s->slot[j], s->mask);
        if (((j - home) & s->mask) >= ((j - i) & s->mask)) {
            s->slot[i] = s->slot[j];
            s->slot[j] = 0;
            i = j;
        }
    }
}

/* One rewiring step: pick arcs a->b and c->d, replace them by a->d and
 * c->b when that keeps the graph simple.  Degrees never change. */
static void rewire_step(rng *r, arcset *set, size_t *from, size_t *to, size_t m, size_t n)
{
    size_t x = rng_below(r, m), y = rng_below(r, m), a, b, cc, d;
    uint64_t ad, cb;
    if (x == y)
        return;
    a = from[x], b = to[x], cc = from[y], d = to[y];
    if (a == d || cc == b || a == cc || b == d)
        return;
    ad = (uint64_t)a * n + d + 1;
    cb = (uint64_t)cc * n + b + 1;
    if (set->slot[arcset_find(set, ad)] || set->slot[arcset_find(set, cb)])
        return;
    arcset_remove(set, (uint64_t)a * n + b + 1);
    arcset_remove(set, (uint64_t)cc * n + d + 1);
    set->slot[arcset_find(set, ad)] = ad;
    set->slot[arcset_find(set, cb)] = cb;
    to[x] = d;
    to[y] = b;
}

/* Measures whose z-score is meaningful: the null model fixes the others
 * (actors, ties, loops, densities, degree distributions, silos, isolates). */
static int varies_under_null(size_t k)
{
    switch (k) {
    case GOVIDX_NET_RECIPROCITY:
    case GOVIDX_NET_RECIPROCITY_DYADIC:
    case GOVIDX_NET_CROSS_SECTOR_SHARE:
    case GOVIDX_NET_GOV_NONGOV_SHARE:
    case GOVIDX_NET_EI_INDEX:
    case GOVIDX_NET_WEAK_COMPONENTS:
    case GOVIDX_NET_LARGEST_WEAK_SHARE:
    case GOVIDX_NET_STRONG_COMPONENTS:
    case GOVIDX_NET_LARGEST_STRONG_SHARE:
    case GOVIDX_NET_GLOBAL_EFFICIENCY:
    case GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED:
    case GOVIDX_NET_CONNECTEDNESS:
    case GOVIDX_NET_HIERARCHY:
    case GOVIDX_NET_EFFICIENCY:
    case GOVIDX_NET_LUB:
        return 1;
    default:
        return 0;
    }
}

static int null_model(net_ctx *c, const arcs *obs, const govidx_network_options *o, const double *v, double *z)
{
    size_t m = obs->m, n = c->n, cap = 16, s, k, t, swaps;
    double mean[GOVIDX_NET_N_MEASURES] = {0}, m2[GOVIDX_NET_N_MEASURES] = {0}, rv[GOVIDX_NET_N_MEASURES];
    size_t *from = NULL, *to = NULL, *sf = NULL, *st = NULL, *pair = NULL;
    arcset set = {NULL, 0};
    rng r;
    uint64_t seed = o->seed;
    int rc = GOVIDX_OK;

    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++)
        z[k] = NAN;
    if (m < 2)
        return GOVIDX_OK; /* nothing can be rewired: every z is undefined */
    while (cap < 2 * m)
        cap *= 2;
    swaps = (o->null_swaps_per_tie ? o->null_swaps_per_tie : 10);
    if (!govidx__mul_ok(swaps, m, &swaps))
        return govidx__fail(GOVIDX_EDIM, "govidx_network_measures: too many rewiring steps");
    from = govidx__mallocarray(m, sizeof *from);
    to = govidx__mallocarray(m, sizeof *to);
    sf = govidx__mallocarray(m, sizeof *sf);
    st = govidx__mallocarray(m, sizeof *st);
    pair = govidx__mallocarray(m, 2 * sizeof *pair);
    set.slot = govidx__calloc(cap, sizeof *set.slot);
    if (!from || !to || !sf || !st || !pair || !set.slot) {
        rc = govidx__oom();
        goto done;
    }
    set.mask = cap - 1;
    memcpy(from, obs->from, m * sizeof *from);
    memcpy(to, obs->to, m * sizeof *to);
    for (k = 0; k < m; k++) {
        uint64_t key = (uint64_t)from[k] * n + to[k] + 1;
        set.slot[arcset_find(&set, key)] = key;
    }
    for (k = 0; k < 4; k++)
        r.s[k] = splitmix64(&seed);
    /* One Markov chain from the observed graph; samples are taken every
     * `swaps` attempts (Welford's running mean and variance). */
    for (s = 0; s < o->null_samples; s++) {
        for (t = 0; t < swaps; t++)
            rewire_step(&r, &set, from, to, m, n);
        /* measure_graph wants arcs sorted by (from, to) */
        for (k = 0; k < m; k++)
            pair[2 * k] = from[k], pair[2 * k + 1] = to[k];
        qsort(pair, m, 2 * sizeof *pair, cmp_pair);
        for (k = 0; k < m; k++)
            sf[k] = pair[2 * k], st[k] = pair[2 * k + 1];
        if ((rc = measure_graph(c, sf, st, m, 0, 0, rv)))
            goto done;
        for (k = 0; k < GOVIDX_NET_N_MEASURES; k++) {
            double x = rv[k], d;
            if (!varies_under_null(k) || isnan(x))
                continue;
            d = x - mean[k];
            mean[k] += d / (double)(s + 1);
            m2[k] += d * (x - mean[k]);
        }
    }
    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++) {
        double sd;
        if (!varies_under_null(k) || o->null_samples < 2 || isnan(v[k]))
            continue;
        sd = sqrt(m2[k] / (double)(o->null_samples - 1));
        z[k] = sd > 1e-12 ? (v[k] - mean[k]) / sd : NAN;
    }
done:
    govidx__free(from);
    govidx__free(to);
    govidx__free(sf);
    govidx__free(st);
    govidx__free(pair);
    govidx__free(set.slot);
    return rc;
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

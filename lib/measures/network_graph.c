/*
 * lib/measures/network_graph.c - the simple directed graph behind a
 * network's ties and its measures: distinct arcs, the per-actor scratch
 * (net_ctx), compressed adjacency lists, breadth-first search with
 * reachability bit rows, weak and strong components, and every measure of
 * one graph (measure_graph; Krackhardt's least-upper-boundedness comes from
 * network_krackhardt.c).  network.c explains the design.
 * SPDX-License-Identifier: MIT
 */
#include "network_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The simple graph: distinct arcs i -> j, i != j                       */
/* ------------------------------------------------------------------ */

int cmp_pair(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] < y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Collapse the ties to distinct arcs; also the loop count and weight sum. */
int simple_arcs(const govidx_network *net, arcs *a, size_t *loops, double *wsum)
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

void arcs_free(arcs *a)
{
    govidx__free(a->from);
    govidx__free(a->to);
}

int ctx_alloc(net_ctx *c, size_t n, size_t m)
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

void ctx_free(net_ctx *c)
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

/* Every measure of the simple graph (from, to, m); weighted density from
 * wsum.  GOVIDX_ENOMEM only. */
int measure_graph(net_ctx *c, const size_t *from, const size_t *to, size_t m, size_t loops, double wsum,
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

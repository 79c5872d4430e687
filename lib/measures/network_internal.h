/*
 * lib/measures/network_internal.h - the layout of govidx_network and the
 * simple graph's types, shared by the network object and its public
 * measures (network.c), the graph and its measures (network_graph.c),
 * Krackhardt's least upper boundedness (network_krackhardt.c) and the null
 * model (network_null.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_NETWORK_INTERNAL_H
#define GOVIDX_NETWORK_INTERNAL_H

#include "core/internal.h"

struct govidx_network {
    size_t n;
    char **sector; /* per actor; NULL = "" */
    char **name;
    size_t n_ties, cap_ties;
    size_t *from, *to;
    double *w;
};

typedef struct arcs {
    size_t m;
    size_t *from, *to; /* sorted by (from, to), distinct */
} arcs;

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

/* network_graph.c */
int cmp_pair(const void *a, const void *b); /* qsort order of (from, to) pairs */
/* Collapse the ties to distinct arcs; also the loop count and weight sum. */
int simple_arcs(const govidx_network *net, arcs *a, size_t *loops, double *wsum);
void arcs_free(arcs *a);
int ctx_alloc(net_ctx *c, size_t n, size_t m);
void ctx_free(net_ctx *c);
/* Every measure of the simple graph (from, to, m); weighted density from
 * wsum.  GOVIDX_ENOMEM only. */
int measure_graph(net_ctx *c, const size_t *from, const size_t *to, size_t m, size_t loops, double wsum,
                  double *v);

/* network_krackhardt.c: pairs {i, j} without a least upper bound, after the
 * strong components are known.  GOVIDX_ENOMEM only. */
int lub_violations(net_ctx *c, size_t n_strong, double *viol);

/* network_null.c: z-scores of the measures v of the observed arcs against
 * random graphs with the same degrees. */
int null_model(net_ctx *c, const arcs *obs, const govidx_network_options *o, const double *v, double *z);

#endif

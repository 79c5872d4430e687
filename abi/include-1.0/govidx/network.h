/*
 * govidx/network.h - structure of actor networks (collaboration index, layer C1).
 *
 * A network is a set of actors (each with a sector label) and directed,
 * weighted ties between them: who provides data to whom, who works with
 * whom on a project, who consults whom.  govidx_network_measures() computes
 * the structural measures of docs/methods/network.md in one call:
 * density, reciprocity, cross-sector ties and the Krackhardt-Stern E-I
 * index, data silos and isolates, Freeman degree centralisation, weak and
 * strong components, global efficiency and Krackhardt's four
 * graph-theoretic dimensions of hierarchy, with z-scores against a seeded
 * degree-preserving random-graph null model.  docs/methods/network.md gives
 * every definition with its source and the statnet `sna` / `igraph`
 * function whose values it reproduces.
 *
 * Conventions: ties are binary for every measure except `weighted_density`
 * (a repeated tie from i to j adds its weight to the first one); self-ties
 * are ignored and counted in `loops`.  Measures that are undefined for a
 * network (reciprocity with no ties, centralisation with fewer than 3
 * actors, Krackhardt's measures of a network without paths, ...) are NaN,
 * never an error.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_NETWORK_H
#define GOVIDX_NETWORK_H

#include <stddef.h>
#include <stdint.h>
#include "govidx/common.h"
#include "govidx/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An actor network (opaque). */
typedef struct govidx_network govidx_network;

/** A network of n_actors actors (n_actors >= 1, at most 2^26), no ties, every
 *  sector "".  Errors: GOVIDX_EINVAL (NULL out), GOVIDX_EDIM (0 or too many
 *  actors), GOVIDX_ENOMEM. */
GOVIDX_API int govidx_network_new(govidx_network **out, size_t n_actors);

/** Free a network (NULL is fine). */
GOVIDX_API void govidx_network_free(govidx_network *net);

/** Set actor i's sector label (copied; NULL means "").  Actors of one
 *  sector form one group of the E-I index and the cross-sector share. */
GOVIDX_API int govidx_network_set_sector(govidx_network *net, size_t actor, const char *sector);

/** Set actor i's name (copied; used for the list of silos).  NULL = none. */
GOVIDX_API int govidx_network_set_name(govidx_network *net, size_t actor, const char *name);

/** Add a tie from -> to with weight w (finite, > 0).  from == to is kept
 *  but ignored by the measures (counted as a loop).  Errors: GOVIDX_EINVAL
 *  (actor out of range), GOVIDX_EDOMAIN (w not finite or <= 0). */
GOVIDX_API int govidx_network_add_tie(govidx_network *net, size_t from, size_t to, double w);

/** Number of actors, and actor i's sector and name ("" when unset). */
GOVIDX_API size_t govidx_network_n_actors(const govidx_network *net);
GOVIDX_API const char *govidx_network_sector(const govidx_network *net, size_t actor);
GOVIDX_API const char *govidx_network_name(const govidx_network *net, size_t actor);

/**
 * The network of one unit (city), year and layer of a dataset: its actors
 * are every actor of that unit (in the file's order, isolates included,
 * sector and name as in the file), its ties the edges of that unit, year
 * and layer (layer NULL = every layer, merged).  Errors: GOVIDX_ENOTFOUND
 * (unknown unit, or a unit without actors), GOVIDX_EINVAL.
 */
GOVIDX_API int govidx_network_from_dataset(govidx_network **out, const govidx_dataset *ds,
                                           const char *unit, int year, const char *layer);

/** The measures, in the order of the values array; names are those of
 *  govidx_network_measure_name() (and the CSV columns of `govidx network`). */
typedef enum govidx_network_measure {
    GOVIDX_NET_ACTORS = 0,        /**< n, number of actors */
    GOVIDX_NET_TIES,              /**< distinct directed ties i -> j, i != j */
    GOVIDX_NET_LOOPS,             /**< self-ties (ignored by every other measure) */
    GOVIDX_NET_DENSITY,           /**< ties / (n(n-1)) */
    GOVIDX_NET_WEIGHTED_DENSITY,  /**< sum of weights / (n(n-1)) (sna gden on the valued graph) */
    GOVIDX_NET_RECIPROCITY,       /**< share of ties that are reciprocated (igraph reciprocity; sna grecip "edgewise") */
    GOVIDX_NET_RECIPROCITY_DYADIC,/**< share of dyads that are mutual or null (sna grecip "dyadic") */
    GOVIDX_NET_CROSS_SECTOR_SHARE,/**< share of ties between actors of different sectors */
    GOVIDX_NET_GOV_NONGOV_SHARE,  /**< share of ties between a government and a non-government actor */
    GOVIDX_NET_EI_INDEX,          /**< Krackhardt-Stern (E - I) / (E + I), groups = sectors */
    GOVIDX_NET_SILOS,             /**< department actors with out-degree 0 (provide nothing) */
    GOVIDX_NET_SILO_SHARE,        /**< silos / department actors */
    GOVIDX_NET_ISOLATES,          /**< actors with total degree 0 */
    GOVIDX_NET_ISOLATE_SHARE,     /**< isolates / n */
    GOVIDX_NET_DEGREE_CENTRALIZATION,     /**< Freeman, total degree (sna centralization(degree), "freeman") */
    GOVIDX_NET_INDEGREE_CENTRALIZATION,   /**< Freeman, in-degree (igraph centr_degree mode "in") */
    GOVIDX_NET_OUTDEGREE_CENTRALIZATION,  /**< Freeman, out-degree (igraph centr_degree mode "out") */
    GOVIDX_NET_WEAK_COMPONENTS,   /**< number of weak components (isolates count) */
    GOVIDX_NET_LARGEST_WEAK_SHARE,/**< actors in the largest weak component / n */
    GOVIDX_NET_STRONG_COMPONENTS, /**< number of strong components */
    GOVIDX_NET_LARGEST_STRONG_SHARE, /**< actors in the largest strong component / n */
    GOVIDX_NET_GLOBAL_EFFICIENCY, /**< Latora-Marchiori, directed paths, unweighted (igraph global_efficiency) */
    GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED, /**< the same on the symmetrised graph */
    GOVIDX_NET_CONNECTEDNESS,     /**< Krackhardt connectedness (sna connectedness) */
    GOVIDX_NET_HIERARCHY,         /**< Krackhardt hierarchy (sna hierarchy, "krackhardt") */
    GOVIDX_NET_EFFICIENCY,        /**< Krackhardt efficiency (sna efficiency) */
    GOVIDX_NET_LUB,               /**< Krackhardt least-upper-boundedness (sna lubness) */
    GOVIDX_NET_N_MEASURES         /**< number of measures in this version (grows, never reorders) */
} govidx_network_measure;

/** Options of govidx_network_measures(); start from GOVIDX_NETWORK_OPTIONS_INIT. */
typedef struct govidx_network_options {
    unsigned version;              /**< GOVIDX_NETWORK_OPTIONS_VERSION */
    const char *department_sectors;/**< comma-separated sectors whose actors can be data
                                        silos; NULL = "gov-dept" */
    const char *gov_sectors;       /**< comma-separated government sectors for the
                                        gov/non-gov share; NULL = "gov-dept,district-gov" */
    size_t null_samples;           /**< random graphs for the z-scores; 0 = no null model */
    size_t null_swaps_per_tie;     /**< rewiring attempts per tie for each random graph; 0 = 10 */
    uint64_t seed;                 /**< seed of the null model's generator */
} govidx_network_options;
#define GOVIDX_NETWORK_OPTIONS_VERSION 1
#define GOVIDX_NETWORK_OPTIONS_INIT { GOVIDX_NETWORK_OPTIONS_VERSION, NULL, NULL, 0, 0, 20231 }
/** Set *opts to the defaults of `version` (1..GOVIDX_NETWORK_OPTIONS_VERSION), as
 *  GOVIDX_NETWORK_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_network_options_init(govidx_network_options *opts, unsigned version);

/** Number of measures this library computes (>= the GOVIDX_NET_N_MEASURES a
 *  caller was compiled with). */
GOVIDX_API size_t govidx_network_n_measures(void);

/** Name of measure k ("density", "reciprocity", ...; CSV column names), NULL
 *  when k is out of range. */
GOVIDX_API const char *govidx_network_measure_name(size_t k);

/**
 * Compute the measures of a network.  values[k] receives measure k for
 * k < n_values (extra entries untouched; NaN where a measure is undefined).
 * When opt->null_samples > 0 and z is non-NULL, z[k] receives the z-score
 * (value - mean) / sd of measure k against that many random graphs with the
 * same actors, sectors and in- and out-degree of every actor (directed
 * double-edge swaps that keep the graph simple); NaN where the null model
 * has zero spread (e.g. density, which it preserves) and for counts of
 * actors, ties and loops.  The generator is seeded by opt->seed, so
 * results are reproducible.  opt NULL = defaults.
 * Errors: GOVIDX_EINVAL (NULL net/values, bad options version), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_network_measures(double *values, double *z, size_t n_values,
                                       const govidx_network *net,
                                       const govidx_network_options *opt);

/**
 * The data silos: department actors (opt->department_sectors) that have no
 * outgoing tie.  Writes up to cap actor indices (ascending) to silos
 * (may be NULL when cap is 0) and their number to *n.
 */
GOVIDX_API int govidx_network_silos(size_t *silos, size_t cap, size_t *n, const govidx_network *net,
                                    const govidx_network_options *opt);

/** Number of distinct sectors, and sector k's label, in order of first appearance among actors. */
GOVIDX_API size_t govidx_network_n_sectors(const govidx_network *net);
GOVIDX_API const char *govidx_network_sector_label(const govidx_network *net, size_t k);

/**
 * E-I index of every sector group (Krackhardt & Stern 1988): for sector k,
 * E = ties with exactly one end in k, I = ties with both ends in k, and
 * ei[k] = (E - I) / (E + I) (NaN when the sector has no tie).  ei has
 * govidx_network_n_sectors() entries.
 */
GOVIDX_API int govidx_network_ei_by_sector(double *ei, const govidx_network *net);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_NETWORK_H */

/*
 * govidx/decompose.h - year-on-year change of a composite index, split into
 * the contributions of its pillars and indicators, with series-break flags.
 *
 * govidx_decompose takes a plan and a result it computed (govidx_execute,
 * govidx_execute_dataset) and two year labels.  For every unit and node it
 * gives the score in both years, the change, the ranks and the rank change,
 * and the node's contribution to the change of its root: the contributions
 * of a node's children sum to the node's own contribution, so the
 * contributions of all indicators under a root sum to the root's change
 * (to rounding), whatever the aggregation.
 *
 * How one aggregate's change is split among its children (per unit):
 *  - GOVIDX_DECOMP_LINEAR: arithmetic mean (or weighted sum), same weights in
 *    both years and every child present in both: child j contributes
 *    w_j (z_j,to - z_j,from) / sum w.  Exact.
 *  - GOVIDX_DECOMP_LOG: geometric mean, same conditions, every value > 0
 *    (and above aggregate.floor): the log change splits exactly,
 *    ln S_to - ln S_from = sum_j w_j ln(z_j,to / z_j,from) / sum w, and is
 *    carried to score units with the logarithmic mean
 *    L(S_from, S_to) = (S_to - S_from) / (ln S_to - ln S_from) (the LMDI-I
 *    decomposition, Ang 2005): child j contributes L w_j ln(z_j,to/z_j,from)/sum w.
 *  - GOVIDX_DECOMP_SHAPLEY: every other case (harmonic and generalised
 *    means, TOPSIS, MPI, Copeland, benefit of the doubt, min-max rescaled
 *    aggregates, a child missing in one year, weights that differ between
 *    the years): the Shapley value of the game whose players are the
 *    children (plus one player "weights" when the node's weights differ
 *    between the years), where a coalition takes its players' to-year values
 *    and the others keep their from-year ones, the node recomputed for all
 *    units by the plan's own aggregation.  A player's column switches for
 *    every unit at once, so for methods that compare units (TOPSIS, MPI,
 *    BoD, rescaling) a child's contribution includes the other units' moves
 *    on that child.  Exact enumeration of all 2^m coalitions when the node
 *    has at most `shapley_max_players` players (and 2^players x units is at
 *    most 2^22 coalition values, 32 MiB); above that the Shapley
 *    value is estimated from `shapley_samples` random orders (Castro, Gomez
 *    & Tejada 2009), still summing exactly to the change because each
 *    order's marginal contributions do (GOVIDX_DECOMP_SHAPLEY_SAMPLED).
 *
 * A node's contribution to its root is passed down to its children in
 * proportion to their local shares: child c of node k receives
 * local_c x contrib_k / change_k.  When node k did not change (its
 * children's moves cancel) the factor is k's first-order weight in the root
 * (the product of the normalised weights on the path), which keeps the
 * children's contributions summing to 0.
 *
 * Series breaks (govidx_decomposition_breaks, per unit, or for the whole
 * decomposition with unit = GOVIDX_DECOMP_ALL): the two years' numbers are
 * not computed from the same things.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DECOMPOSE_H
#define GOVIDX_DECOMPOSE_H

#include "common.h"
#include "plan.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: the change decomposition of one result between two years. */
typedef struct govidx_decomposition govidx_decomposition;

/** Options of govidx_decompose().  Start from GOVIDX_DECOMPOSE_OPTIONS_INIT. */
typedef struct govidx_decompose_options {
    unsigned version;           /**< GOVIDX_DECOMPOSE_OPTIONS_VERSION */
    int from_year;              /**< year label of the base year (required) */
    int to_year;                /**< year label of the compared year (required, != from_year) */
    size_t shapley_max_players; /**< exact Shapley up to this many players (default 12, at most 20) */
    size_t shapley_samples;     /**< random orders above it (default 4096) */
    uint64_t seed;              /**< seed of the sampled orders (default 1) */
    /** The method spec (JSON) the from-year's numbers were published with,
     * e.g. the `method` attribute of a stored run; NULL = the plan's.  When
     * it differs from the plan's method (compared as canonical JSON),
     * GOVIDX_BREAK_METHOD is set for every unit. */
    const char *from_method_json;
} govidx_decompose_options;
#define GOVIDX_DECOMPOSE_OPTIONS_VERSION 1
#define GOVIDX_DECOMPOSE_OPTIONS_INIT { GOVIDX_DECOMPOSE_OPTIONS_VERSION, 0, 0, 12, 4096, 1, NULL }
/** Set *opts to the defaults of `version` (1..GOVIDX_DECOMPOSE_OPTIONS_VERSION),
 *  as GOVIDX_DECOMPOSE_OPTIONS_INIT does.  GOVIDX_EINVAL for NULL or an
 *  unknown version. */
GOVIDX_API int govidx_decompose_options_init(govidx_decompose_options *opts, unsigned version);

/** How an aggregate's change was split for a unit (see the top of this file). */
typedef enum govidx_decomp_method {
    GOVIDX_DECOMP_NONE = 0,            /**< an indicator, or the unit has no score in one year */
    GOVIDX_DECOMP_LINEAR = 1,          /**< arithmetic: exact weighted differences */
    GOVIDX_DECOMP_LOG = 2,             /**< geometric: log (LMDI-I) decomposition */
    GOVIDX_DECOMP_SHAPLEY = 3,         /**< exact Shapley values over the children */
    GOVIDX_DECOMP_SHAPLEY_SAMPLED = 4  /**< Shapley values from sampled orders */
} govidx_decomp_method;
/** "none", "linear", "log", "shapley", "shapley-sampled"; NULL for another value. */
GOVIDX_API const char *govidx_decomp_method_name(govidx_decomp_method method);

/** Series-break bits (govidx_decomposition_breaks). */
#define GOVIDX_BREAK_METHOD 1u     /**< the from-year was published with another method spec */
#define GOVIDX_BREAK_WEIGHTS 2u    /**< data-driven weights computed per year differ between the years */
#define GOVIDX_BREAK_INDICATORS 4u /**< an indicator has a value in one year and none in the other */
#define GOVIDX_BREAK_IMPUTED 8u    /**< a value in either year was imputed or treated (result flags) */
#define GOVIDX_BREAK_UNITS 16u     /**< the unit has a root score in one year only */
/** unit argument of govidx_decomposition_breaks: the union over all units. */
#define GOVIDX_DECOMP_ALL ((size_t)-1)

/**
 * Decompose the change of every node of `r` (a result of `plan`) from
 * opts->from_year to opts->to_year, for every unit.  Errors:
 * GOVIDX_EINVAL (NULL, bad options, r not shaped like the plan),
 * GOVIDX_ENOTFOUND (a year not in the result, naming it), errors of the
 * plan's aggregation while recomputing a node (naming node and year),
 * GOVIDX_ENOMEM.  The plan and result are only read.
 */
GOVIDX_API int govidx_decompose(govidx_decomposition **out, const govidx_plan *plan, const govidx_result *r,
                                const govidx_decompose_options *opts);
/** Release; NULL is a no-op. */
GOVIDX_API void govidx_decomposition_free(govidx_decomposition *d);

/** Shape and labels (as in the result; 0 / NULL out of range or for NULL). */
GOVIDX_API size_t govidx_decomposition_n_units(const govidx_decomposition *d);
GOVIDX_API size_t govidx_decomposition_n_nodes(const govidx_decomposition *d);
GOVIDX_API const char *govidx_decomposition_unit_code(const govidx_decomposition *d, size_t unit);
GOVIDX_API const char *govidx_decomposition_node_code(const govidx_decomposition *d, size_t node);
/** The from and to year labels (0 for NULL). */
GOVIDX_API int govidx_decomposition_from_year(const govidx_decomposition *d);
GOVIDX_API int govidx_decomposition_to_year(const govidx_decomposition *d);
/** Index of a unit / node by code; GOVIDX_ENOTFOUND naming it, GOVIDX_EINVAL for NULL. */
GOVIDX_API int govidx_decomposition_find_unit(size_t *unit, const govidx_decomposition *d, const char *code);
GOVIDX_API int govidx_decomposition_find_node(size_t *node, const govidx_decomposition *d, const char *code);
/** The node's root (itself for a root); (size_t)-1 out of range. */
GOVIDX_API size_t govidx_decomposition_root(const govidx_decomposition *d, size_t node);
/** The node's parent; (size_t)-1 for a root or out of range. */
GOVIDX_API size_t govidx_decomposition_parent(const govidx_decomposition *d, size_t node);
/** 1 for an indicator (leaf), 0 for an aggregate or out of range. */
GOVIDX_API int govidx_decomposition_is_indicator(const govidx_decomposition *d, size_t node);

/** Scores in the from and to years and the change (to - from); NaN when missing or out of range. */
GOVIDX_API double govidx_decomposition_score_from(const govidx_decomposition *d, size_t unit, size_t node);
GOVIDX_API double govidx_decomposition_score_to(const govidx_decomposition *d, size_t unit, size_t node);
GOVIDX_API double govidx_decomposition_change(const govidx_decomposition *d, size_t unit, size_t node);
/** Ranks in the two years (0 = unranked) and the rank change rank_to - rank_from
 *  (negative = the unit climbs; 0 when either is unranked). */
GOVIDX_API size_t govidx_decomposition_rank_from(const govidx_decomposition *d, size_t unit, size_t node);
GOVIDX_API size_t govidx_decomposition_rank_to(const govidx_decomposition *d, size_t unit, size_t node);
GOVIDX_API long govidx_decomposition_rank_change(const govidx_decomposition *d, size_t unit, size_t node);

/**
 * The node's contribution to its root's change, in root score points (the
 * root's own is its change).  NaN when the root has no score in one of the
 * years or the node is out of range.
 */
GOVIDX_API double govidx_decomposition_contribution(const govidx_decomposition *d, size_t unit, size_t node);
/** The node's contribution to its parent's change, in the parent's score
 *  points (NaN for a root). */
GOVIDX_API double govidx_decomposition_local(const govidx_decomposition *d, size_t unit, size_t node);
/** Of aggregate `node`'s change, the part due to its weights changing
 *  between the years, in root score points (0 when they do not). */
GOVIDX_API double govidx_decomposition_weight_effect(const govidx_decomposition *d, size_t unit, size_t node);
/** How aggregate `node`'s change was split for the unit. */
GOVIDX_API govidx_decomp_method govidx_decomposition_method(const govidx_decomposition *d, size_t unit,
                                                            size_t node);
/** Series-break bits of a unit (GOVIDX_DECOMP_ALL: of any unit); 0 out of range. */
GOVIDX_API unsigned govidx_decomposition_breaks(const govidx_decomposition *d, size_t unit);
/** The names of the bits set in `breaks`, ';'-separated ("weights;imputed"),
 *  into buf (size n, always terminated when n > 0).  Returns the length
 *  the full text needs, as snprintf does. */
GOVIDX_API size_t govidx_break_names(char *buf, size_t n, unsigned breaks);

/**
 * The indicators (leaves) under node `root` (a root, or any aggregate such
 * as a pillar) with the largest positive (sign > 0) or negative (sign < 0)
 * contributions to their root's change for the unit, largest magnitude
 * first, zero contributions excluded: up to k leaf node indices into
 * `leaves`, their number in *n.  Errors: GOVIDX_EINVAL.
 */
GOVIDX_API int govidx_decomposition_top(size_t *leaves, size_t *n, size_t k, const govidx_decomposition *d,
                                        size_t unit, size_t root, int sign);

/**
 * Write the decomposition as CSV, one row per unit and node (framework
 * order), atomically: unit,node,parent,from_year,to_year,score_from,
 * score_to,change,rank_from,rank_to,rank_change,contribution,local,
 * weight_effect,method,breaks.  Numbers in the shortest text that reads
 * back as the same double (govidx_format_double), missing ones as empty
 * fields.  Errors: GOVIDX_EINVAL, GOVIDX_EIO.
 */
GOVIDX_API int govidx_decomposition_write_csv(const govidx_decomposition *d, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_DECOMPOSE_H */

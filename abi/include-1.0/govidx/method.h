/*
 * govidx/method.h - the method specification of a composite index.
 *
 * A method spec says how raw panel values become index scores: denomination,
 * imputation, outlier treatment, normalisation, weighting and aggregation,
 * with per-node overrides (a tree can be arithmetic inside pillars and
 * geometric across them).  It is plain data, readable and writable as JSON
 * so an annual report's method is versioned with it, and it is stored with
 * every result as provenance.
 *
 * Keys (values are text; numbers and booleans are parsed):
 *
 *   denominate          "yes" | "no" (default "no"): divide indicators by the
 *                       denominator variable named in the indicator table
 *   impute.method       "none" (default) | "mean" | "median" | "group-mean" |
 *                       "group-median" | "carry-forward" | "carry-backward"
 *   impute.group        name of the unit grouping for group methods
 *   treat.method        "none" (default) | "winsorise" (COINr's rule, falling
 *                       back to log) | "log" | "boxcox"
 *   treat.winmax        max points winsorised per indicator (default 5)
 *   treat.skew          |skewness| threshold (default 2)
 *   treat.kurt          kurtosis threshold (default 3.5)
 *   treat.lambda        Box-Cox lambda (default 0)
 *   normalize.method    "minmax" (default) | "goalpost" | "zscore" |
 *                       "zscore-minmax" | "target" | "dist2targ" | "best" | "rank" |
 *                       "percentile" | "stdrank" | "vector" | "none"
 *   normalize.low       lower end of the scale (default 0)
 *   normalize.high      upper end of the scale (default 100)
 *   weights.method      "nominal" (default: the framework's weights) |
 *                       "equal" | "entropy" | "critic" | "critic-abs" | "pca"
 *   weights.pooled      "yes" (default: data-driven weights computed once on
 *                       all years pooled) | "no" (per year)
 *   aggregate.method    "arithmetic" (default) | "geometric" | "harmonic" |
 *                       "generalised" | "topsis" | "mpi" | "mpi-negative" |
 *                       "ampi" | "ampi-negative" | "copeland" | "sum" |
 *                       "bod" (benefit of the doubt, Cherchye et al. 2007:
 *                       each unit's most favourable weights, via DEA; the
 *                       score is normalize.high x CI) | "bod-directional"
 *                       (Fusco 2015, direction 1 on every child) |
 *                       "bod-robust" (order-m, Cazals et al. 2002; may
 *                       exceed normalize.high)
 *   aggregate.p         order of the generalised mean (default 1)
 *   aggregate.floor     floor for geometric/harmonic means (default 0 = none:
 *                       zeros and negatives are an error)
 *   aggregate.bod_share_min, aggregate.bod_share_max
 *                       bounds on each child's share w_j z_ij / CI_i in a
 *                       "bod" node (defaults 0 and 1: unrestricted)
 *   aggregate.bod_m     order m of "bod-robust" (default 25)
 *   aggregate.min_share minimum share of a node's children (by count) that must
 *                       be present for the node to be computed (default 0:
 *                       any one child suffices)
 *
 * Per-node overrides use the same keys (normalize.* and treat.* on
 * indicators, aggregate.* and weights.method on aggregates).
 *
 * JSON form:
 *   { "govidx_method": 1,
 *     "normalize": { "method": "minmax", "low": 0, "high": 100 },
 *     "aggregate": { "method": "arithmetic" },
 *     "nodes": { "Conn": { "aggregate": { "method": "geometric" } } } }
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_METHOD_H
#define GOVIDX_METHOD_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: a method specification. */
typedef struct govidx_method govidx_method;

/** A spec with every default (min-max 0-100, nominal weights, arithmetic means). */
GOVIDX_API int govidx_method_new(govidx_method **out);

/**
 * Parse a JSON method spec.  Unknown sections, keys or values are errors
 * (GOVIDX_EFORMAT naming the key, or the line and column of a syntax error).
 */
GOVIDX_API int govidx_method_from_json(govidx_method **out, const char *text);

/** Read a JSON method spec from a file. */
GOVIDX_API int govidx_method_from_file(govidx_method **out, const char *path);

/** Copy a spec. */
GOVIDX_API int govidx_method_copy(govidx_method **out, const govidx_method *m);

/** Release a spec; NULL is a no-op. */
GOVIDX_API void govidx_method_free(govidx_method *m);

/**
 * Set a global key (see the list above) from text.  GOVIDX_EINVAL for an
 * unknown key or a value the key does not accept.
 */
GOVIDX_API int govidx_method_set(govidx_method *m, const char *key, const char *value);

/** Set a key for one node (indicator or aggregate code). */
GOVIDX_API int govidx_method_set_node(govidx_method *m, const char *node, const char *key,
                                      const char *value);

/**
 * The value in force for `key` at `node` (NULL = global): the node's
 * override if any, else the global value, else the default.  The text is
 * valid until the spec is modified or freed.
 */
GOVIDX_API const char *govidx_method_get(const govidx_method *m, const char *node, const char *key);

/**
 * The spec as canonical JSON (keys sorted, every global key present), to be
 * released with govidx_free().
 */
GOVIDX_API int govidx_method_to_json(const govidx_method *m, char **out);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_METHOD_H */

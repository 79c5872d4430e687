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
 * Keys (values are text; numbers and booleans are parsed).  Method names
 * are the tables of each family's _from_name/_name pair (normalize.h,
 * treat.h, impute.h, weights.h, aggregate.h); spellings are US, and the
 * aliases "winsorise" (COINr's, = "winsorize") and "generalised"
 * (= "generalized") are accepted and stored, and written, canonical.
 *
 * Where a key applies (one table in lib/method.c enforces it):
 *
 * The whole spec only (govidx_method_set; per node: GOVIDX_EFORMAT):
 *   denominate          "yes" | "no" (default "no"): divide indicators by the
 *                       denominator variable named in the indicator table
 *   impute.method       "none" (default) | "mean" | "median" | "group-mean" |
 *                       "group-median" | "carry-forward" | "carry-backward"
 *   impute.group        name of the unit grouping for group methods
 *   weights.pooled      "yes" (default: data-driven weights computed once on
 *                       all years pooled) | "no" (per year)
 *   screen.min_share    unit screening (COINr Screen(unit_screen = "byNA")):
 *                       a unit whose share of indicators with a value, after
 *                       denomination and imputation, is below this (0..1) is
 *                       left out of treatment, normalisation and aggregation:
 *                       its scores are missing and its indicator cells carry
 *                       GOVIDX_FLAG_SCREENED (default 0: no screening)
 *   units.exclude       comma-separated unit codes left out of every step
 *                       (imputation included): missing, unranked scores,
 *                       GOVIDX_FLAG_EXCLUDED on their indicator cells; a
 *                       code not in the panel is GOVIDX_ENOTFOUND at execute
 *   units.only          comma-separated unit codes: every other unit is left
 *                       out as by units.exclude (default "": all units)
 *   screen.by           "indicators" (default, alias "byNA": the share in each
 *                       year) | "all" (the share over every year of the
 *                       panel; the unit is then left out of every year)
 *
 * Indicators (the default for all, or per indicator):
 *   treat.method        "none" (default) | "winsorize" (COINr's rule, falling
 *                       back to log) | "log" | "boxcox"
 *   treat.winmax        max points winsorised per indicator (default 5)
 *   treat.skew          |skewness| threshold (default 2)
 *   treat.kurt          kurtosis threshold (default 3.5)
 *   treat.lambda        Box-Cox lambda (default 0)
 *   treat.count         how winsorize counts against winmax: "cumulative"
 *                       (default, alias "handbook": one point per step) |
 *                       "coinr" (COINr 1.1.14 winsorise(): tied extremes
 *                       replaced together, only the last step counted)
 *   normalize.method    "minmax" (default) | "goalpost" | "zscore" |
 *                       "zscore-minmax" | "target" | "dist2targ" | "best" | "rank" |
 *                       "percentile" | "stdrank" | "vector" | "none"
 *                       (the spec-wide value "zscore-minmax" also rescales
 *                       aggregates min-max to low-high)
 *   normalize.low       lower end of the scale (default 0)
 *   normalize.high      upper end of the scale (default 100)
 *
 * Aggregates (the default for all, or per aggregate):
 *   weights.method      "nominal" (default: the framework's weights) |
 *                       "equal" | "entropy" | "critic" | "critic-abs" | "pca"
 *   aggregate.method    "arithmetic" (default) | "geometric" | "harmonic" |
 *                       "generalized" | "topsis" | "mpi" | "mpi-negative" |
 *                       "ampi" | "ampi-negative" | "copeland" | "sum" |
 *                       "bod" (benefit of the doubt, Cherchye et al. 2007:
 *                       each unit's most favourable weights, via DEA; the
 *                       score is normalize.high x CI) | "bod-directional"
 *                       (Fusco 2015, direction 1 on every child) |
 *                       "bod-robust" (order-m, Cazals et al. 2002; may
 *                       exceed normalize.high)
 *   aggregate.p         order of the generalized mean (default 1)
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
 * Strictness: an unknown key or value is GOVIDX_EFORMAT naming the key (and
 * the node) when it is set or parsed.  Node codes are checked where the
 * framework is known: govidx_plan_new, govidx_plan_from_dataset and
 * govidx_openness_compute fail with GOVIDX_EFORMAT "method: node 'O9' is not
 * in the framework", or "method: key 'aggregate.method' does not apply to
 * indicator 'i1'" for a key of the other node type.
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
 * Parse a JSON method spec.  Unknown sections, keys or values, and keys of
 * the whole spec under "nodes", are GOVIDX_EFORMAT naming the key and node
 * (or the line and column of a syntax error).  Node codes are checked by
 * the plan (see "Strictness" above).  "comment" and "title" are free text.
 */
GOVIDX_API int govidx_method_from_json(govidx_method **out, const char *text);

/** Read a JSON method spec from a file. */
GOVIDX_API int govidx_method_from_file(govidx_method **out, const char *path);

/** Copy a spec. */
GOVIDX_API int govidx_method_copy(govidx_method **out, const govidx_method *m);

/** Release a spec; NULL is a no-op. */
GOVIDX_API void govidx_method_free(govidx_method *m);

/**
 * Set a key for the whole spec (see the list above) from text.
 * GOVIDX_EFORMAT naming the key for an unknown key or a value the key does
 * not accept; GOVIDX_EINVAL for NULL arguments.  An alias is stored as its
 * canonical name.
 */
GOVIDX_API int govidx_method_set(govidx_method *m, const char *key, const char *value);

/**
 * Set a key for one node (indicator or aggregate code).  Errors as
 * govidx_method_set, naming the node too; GOVIDX_EFORMAT for a key of the
 * whole spec only.  Whether the node exists and the key applies to its type
 * is checked by the plan.
 */
GOVIDX_API int govidx_method_set_node(govidx_method *m, const char *node, const char *key,
                                      const char *value);

/**
 * The value in force for `key` at `node` (NULL = global): the node's
 * override if any, else the global value, else the default.  The text is
 * valid until the spec is modified or freed.
 */
GOVIDX_API const char *govidx_method_get(const govidx_method *m, const char *node, const char *key);

/**
 * The spec as canonical JSON (keys sorted, every global key present, names
 * in their canonical spelling), owned by the caller: release it with
 * govidx_free().
 */
GOVIDX_API int govidx_method_to_json(char **out, const govidx_method *m);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_METHOD_H */

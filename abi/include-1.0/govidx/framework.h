/*
 * govidx/framework.h - the index framework: a tree of indicators (leaves)
 * and aggregate nodes (pillars, sub-indices, the index).
 *
 * A framework is built node by node (or from a dataset's indicator table and
 * /framework block), then sealed with govidx_framework_seal(), which checks
 * the tree (every parent exists, no cycle, no childless aggregate, weights
 * finite and >= 0) and fixes a bottom-up evaluation order.  A sealed
 * framework is immutable and may be shared between threads.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_FRAMEWORK_H
#define GOVIDX_FRAMEWORK_H

#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: an index tree. */
typedef struct govidx_framework govidx_framework;

/** Create an empty framework. */
GOVIDX_API int govidx_framework_new(govidx_framework **out);

/** Release a framework; NULL is a no-op. */
GOVIDX_API void govidx_framework_free(govidx_framework *fw);

/**
 * Add an indicator (a leaf).  `column` is the indicator's column in the data
 * matrices the framework will be applied to; `direction` is +1 or -1;
 * `weight` its weight within `parent` (an aggregate's code, or NULL for a
 * stand-alone indicator).  Codes are unique across leaves and aggregates.
 */
GOVIDX_API int govidx_framework_add_indicator(govidx_framework *fw, const char *code,
                                              const char *parent, double weight,
                                              int direction, size_t column);

/**
 * Attach normalisation metadata to an indicator added earlier: goalposts
 * (values scoring 0 and 1 in "goalpost" normalisation; NaN = none), a target
 * (for distance to target; NaN = none) and the data column of its
 * denominator ((size_t)-1 = none).
 */
GOVIDX_API int govidx_framework_set_indicator_meta(govidx_framework *fw, const char *code,
                                                   double goal_low, double goal_high,
                                                   double target, size_t denominator_column);

/** Goalposts, target and denominator column of leaf k (NaN / (size_t)-1 when unset). */
GOVIDX_API int govidx_framework_indicator_meta(double *goal_low, double *goal_high, double *target,
                                               size_t *denominator_column,
                                               const govidx_framework *fw, size_t k);

/** A deep copy of a framework (sealed if the original is). */
GOVIDX_API int govidx_framework_copy(govidx_framework **out, const govidx_framework *fw);

/**
 * Add an aggregate node.  `parent` is NULL for a root.  Parents may be added
 * after their children; they are resolved by govidx_framework_seal().
 */
GOVIDX_API int govidx_framework_add_aggregate(govidx_framework *fw, const char *code,
                                              const char *parent, double weight);

/**
 * Check the tree and fix its evaluation order.  Errors name the node:
 * GOVIDX_ENOTFOUND (unknown parent), GOVIDX_ECYCLE (the nodes of the cycle),
 * GOVIDX_EFORMAT (an aggregate without children, an indicator used as a
 * parent), GOVIDX_EINVAL (weight negative or not finite; all children of a
 * node weighted 0).
 */
GOVIDX_API int govidx_framework_seal(govidx_framework *fw);

/**
 * Build and seal the framework stored in a dataset: every panel variable of
 * type GOVIDX_VAR_INDICATOR that has a parent (or all indicators when the
 * dataset has no /framework nodes) becomes a leaf whose column is its index
 * in the panel; the /framework nodes become aggregates.
 */
GOVIDX_API int govidx_framework_from_dataset(govidx_framework **out, const govidx_dataset *ds);

/** Number of nodes (leaves and aggregates). */
GOVIDX_API size_t govidx_framework_n_nodes(const govidx_framework *fw);
/** Number of leaves (indicators). */
GOVIDX_API size_t govidx_framework_n_indicators(const govidx_framework *fw);
/** Code of node k; NULL when out of range. */
GOVIDX_API const char *govidx_framework_node_code(const govidx_framework *fw, size_t k);
/** Index of the node with this code. */
GOVIDX_API int govidx_framework_find(size_t *k, const govidx_framework *fw, const char *code);
/** Parent of node k, or (size_t)-1 for a root. Sealed frameworks only. */
GOVIDX_API size_t govidx_framework_parent(const govidx_framework *fw, size_t k);
/** 1 when node k is an indicator (leaf), 0 for an aggregate. */
GOVIDX_API int govidx_framework_is_indicator(const govidx_framework *fw, size_t k);
/** Data column of leaf k (undefined for aggregates: returns (size_t)-1). */
GOVIDX_API size_t govidx_framework_column(const govidx_framework *fw, size_t k);
/** Direction (+1/-1) of leaf k; 0 for aggregates. */
GOVIDX_API int govidx_framework_direction(const govidx_framework *fw, size_t k);
/** Nominal weight of node k within its parent. */
GOVIDX_API double govidx_framework_weight(const govidx_framework *fw, size_t k);
/**
 * Level of node k: 1 for indicators, 1 + the highest level among the
 * children for aggregates (COINr's convention).  Sealed frameworks only.
 */
GOVIDX_API int govidx_framework_level(const govidx_framework *fw, size_t k);
/** Number of children of node k and the index of its i-th child. */
GOVIDX_API size_t govidx_framework_n_children(const govidx_framework *fw, size_t k);
GOVIDX_API size_t govidx_framework_child(const govidx_framework *fw, size_t k, size_t i);
/**
 * The bottom-up evaluation order: the i-th node to compute (children always
 * before their parents).  Sealed frameworks only.
 */
GOVIDX_API size_t govidx_framework_order(const govidx_framework *fw, size_t i);

/**
 * Effective weight of every node in the final result: the product of the
 * within-node weights (each node's weights normalised to sum 1) along the
 * path to its root.  `out` has govidx_framework_n_nodes() entries.
 */
GOVIDX_API int govidx_framework_effective_weights(double *out, const govidx_framework *fw);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_FRAMEWORK_H */

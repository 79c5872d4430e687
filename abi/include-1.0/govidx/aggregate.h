/*
 * govidx/aggregate.h - aggregation of children scores into a node score.
 *
 * Input: a units x children column-major view z (rows = units, columns =
 * the node's children, NaN = missing) and the children's weights w (length
 * z.cols, >= 0).  Output: one score per unit in a caller buffer of length
 * z.rows; NaN for a unit whose node is not computable (too few children
 * present).  Inputs are never modified.  Formulas and sources:
 * docs/methods/weights-aggregation.md.
 *
 * Missing children: a unit's missing children are skipped.  The unit is
 * computed only when the share (by count) of its present children is >=
 * min_share and at least one present child has positive weight; weights
 * are renormalised over the present children (govidx_weights_renormalize).
 * TOPSIS, MPI/AMPI and Copeland compare units with each other: their
 * column statistics (norms, means, SDs, ideal points) use the present
 * values of each column, and Copeland compares two units over the
 * children both have.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_AGGREGATE_H
#define GOVIDX_AGGREGATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Aggregation methods (values are ABI: only appended). */
typedef enum govidx_aggregate_method {
    GOVIDX_AGG_ARITHMETIC = 0,    /**< sum_j w_j z_ij */
    GOVIDX_AGG_GEOMETRIC = 1,     /**< prod_j z_ij^w_j (z > 0) */
    GOVIDX_AGG_HARMONIC = 2,      /**< 1 / sum_j (w_j / z_ij) (z > 0) */
    GOVIDX_AGG_GENERALIZED = 3,   /**< (sum_j w_j z_ij^p)^(1/p); p = 0 is geometric */
    GOVIDX_AGG_TOPSIS = 4,        /**< TOPSIS closeness (Hwang & Yoon 1981), vector-normalised */
    GOVIDX_AGG_MPI = 5,           /**< Mazziotta-Pareto index, positive phenomenon: M - S cv */
    GOVIDX_AGG_MPI_NEGATIVE = 6,  /**< MPI, negative phenomenon: M + S cv */
    GOVIDX_AGG_AMPI = 7,          /**< adjusted MPI (Mazziotta & Pareto 2016), positive */
    GOVIDX_AGG_AMPI_NEGATIVE = 8, /**< adjusted MPI, negative phenomenon */
    GOVIDX_AGG_COPELAND = 9,      /**< Copeland score of weighted pairwise majorities */
    GOVIDX_AGG_SUM = 10,          /**< sum_j w_j z_ij with the weights as given and missing
                                       children contributing 0 (additive scorecards: GB/T 33356,
                                       EU Open Data Maturity points) */
    /* Benefit of the doubt needs DEA over the whole panel: plan only;
     * govidx_aggregate() refuses them (GOVIDX_EINVAL). */
    GOVIDX_AGG_BOD = 11,             /**< "bod": Cherchye et al. (2007) */
    GOVIDX_AGG_BOD_DIRECTIONAL = 12, /**< "bod-directional": Fusco (2015) */
    GOVIDX_AGG_BOD_ROBUST = 13       /**< "bod-robust": order-m, Cazals et al. (2002) */
} govidx_aggregate_method;

/**
 * The method called `name` in method specs (method.h, aggregate.method):
 * "arithmetic", "geometric", "harmonic", "generalized" (alias
 * "generalised"), "topsis", "mpi", "mpi-negative", "ampi", "ampi-negative",
 * "copeland", "sum", "bod", "bod-directional" or "bod-robust".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_aggregate_method_from_name(govidx_aggregate_method *out, const char *name);

/** The canonical spec name of a method ("topsis", ...), static; NULL
 *  (GOVIDX_EINVAL in govidx_last_error()) for an unknown value. */
GOVIDX_API const char *govidx_aggregate_method_name(govidx_aggregate_method method);

/**
 * Options of govidx_aggregate().  Initialise with GOVIDX_AGGREGATE_OPTIONS_INIT.
 */
typedef struct govidx_aggregate_options {
    unsigned version;               /**< GOVIDX_AGGREGATE_OPTIONS_VERSION */
    govidx_aggregate_method method; /**< default GOVIDX_AGG_ARITHMETIC */
    double p;                       /**< order of the generalised mean (default 1) */
    /** Geometric, harmonic and generalised means with p <= 0: 0 (default)
     * makes a value <= 0 an error (GOVIDX_EDOMAIN naming unit and child);
     * > 0 raises values below it to it and counts them in info->n_floored. */
    double floor;
    double min_share;               /**< minimum share of children present, in [0, 1] (default 0) */
    /** Per-child polarity, +1 benefit / -1 cost (length z.cols), used by
     * TOPSIS (cost: the ideal is the column minimum) and MPI/AMPI (cost
     * indicators are reflected).  NULL = all +1. */
    const int *directions;
    /** AMPI goalposts per child (length z.cols each): Min_j and Max_j in the
     * units of z.  NULL = derived from the data (reference = column mean,
     * Min/Max = mean -/+ half the column's range).  Both or neither. */
    const double *ampi_min;
    const double *ampi_max;
} govidx_aggregate_options;
#define GOVIDX_AGGREGATE_OPTIONS_VERSION 1
#define GOVIDX_AGGREGATE_OPTIONS_INIT \
    { GOVIDX_AGGREGATE_OPTIONS_VERSION, GOVIDX_AGG_ARITHMETIC, 1.0, 0.0, 0.0, NULL, NULL, NULL }
/** Set *opts to the defaults of `version` (1..GOVIDX_AGGREGATE_OPTIONS_VERSION), as
 *  GOVIDX_AGGREGATE_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_aggregate_options_init(govidx_aggregate_options *opts, unsigned version);

/** What an aggregation did; filled by govidx_aggregate() when non-NULL. */
typedef struct govidx_aggregate_info {
    unsigned version;  /**< GOVIDX_AGGREGATE_INFO_VERSION (set by the caller) */
    size_t n_floored;  /**< cells raised to opts->floor */
    size_t n_missing;  /**< units left NaN (too few children present) */
} govidx_aggregate_info;
#define GOVIDX_AGGREGATE_INFO_VERSION 1
#define GOVIDX_AGGREGATE_INFO_INIT { GOVIDX_AGGREGATE_INFO_VERSION, 0, 0 }
/** Set *info to the zero record of `version` (1..GOVIDX_AGGREGATE_INFO_VERSION),
 *  as GOVIDX_AGGREGATE_INFO_INIT does, for callers that cannot use macros;
 *  govidx_aggregate then fills only the fields of that version.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_aggregate_info_init(govidx_aggregate_info *info, unsigned version);

/**
 * Aggregate each row of `z` into out[i] (length z.rows) with weights `w`
 * (length z.cols; need not sum to 1: they are renormalised per unit over
 * the present children).  MPI/AMPI use them as the weighted MPI of
 * Mazziotta & Pareto (2022): weighted mean and weighted population SD of
 * the unit's rescaled values; equal weights give the original index of De
 * Muro, Mazziotta & Pareto (2011).  TOPSIS scales the weights to sum 1 over
 * all children; Copeland uses them as votes.  `opts` NULL = arithmetic.
 * `info` may be NULL.
 *
 * Errors: GOVIDX_EINVAL (NULL, bad option, weight negative or not finite,
 * all weights 0), GOVIDX_EDIM (empty view), GOVIDX_ENUMERIC (Inf in z; a
 * zero-variance column for MPI; zero norm column for TOPSIS),
 * GOVIDX_EDOMAIN (value <= 0 for a geometric/harmonic mean without floor,
 * negative value for TOPSIS, naming unit and child).  On error `out` is
 * unspecified.
 */
GOVIDX_API int govidx_aggregate(double *out, govidx_aggregate_info *info, govidx_matrix_view z,
                                const double *w, const govidx_aggregate_options *opts);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_AGGREGATE_H */

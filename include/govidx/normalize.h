/*
 * govidx/normalize.h - normalisation of an indicator matrix (matrix level).
 *
 * Input: a column-major view (rows = units, cols = indicators, NaN =
 * missing).  Output: a caller matrix of the same shape; it must not overlap
 * the input.  NaN stays NaN (missing is not an error); +-Inf in the input is
 * GOVIDX_ENUMERIC.  Statistics (min, max, mean, sd, ranks) use the
 * non-missing values of each column.  Per-indicator parameter arrays have
 * length cols; directions are +1 (higher is better) or -1 (lower is
 * better; every method flips so that a high score is always good).
 * Sources: OECD/JRC Handbook on Constructing Composite Indicators (2008)
 * sec. 5; COINr (EU JRC) Normalise()/n_* functions.  Formulas:
 * docs/methods/prep.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_NORMALIZE_H
#define GOVIDX_NORMALIZE_H

#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Normalisation methods.  Values are ABI: appended only. */
typedef enum govidx_norm_method {
    GOVIDX_NORM_NONE = 0,     /**< copy (direction -1 negates) */
    GOVIDX_NORM_MINMAX,       /**< lo + (hi-lo)(x-min)/(max-min); dir -1: (max-x)/(max-min) */
    GOVIDX_NORM_GOALPOST,     /**< lo + (hi-lo)*clip((x-L)/(U-L),0,1); dir -1: clip((U-x)/(U-L)) */
    GOVIDX_NORM_ZSCORE,       /**< (x-mean)/sd, sd with n-1, or reference mean/sd; dir -1 negates */
    GOVIDX_NORM_TARGET,       /**< x/target; dir -1: target/x (x <= 0 -> GOVIDX_EDOMAIN) */
    GOVIDX_NORM_DIST2TARG,    /**< COINr dist2targ: lo+(hi-lo)*min(1,(x-min)/(target-min)); dir -1: (max-x)/(max-target) */
    GOVIDX_NORM_BEST,         /**< distance to best: x/max; dir -1: min/x (needs positive data) */
    GOVIDX_NORM_RANK,         /**< rank, 1 = worst, ties "min" (COINr/R rank ties.method="min"); dir -1 ranks descending */
    GOVIDX_NORM_PERCENTILE,   /**< percentile rank (r-1)/(n-1)*(hi-lo)+lo with average ties */
    GOVIDX_NORM_STDRANK,      /**< standardised rank lo+(hi-lo) r/max(r) (min ties; 0-100 gives r/max(r)*100) */
    GOVIDX_NORM_VECTOR,       /**< TOPSIS vector x/sqrt(sum x^2); dir -1 negates */
    GOVIDX_NORM_ZSCORE_MINMAX /**< plan only ("zscore-minmax"): z-scores for indicators, aggregates
                                   rescaled min-max to normalize.low-high; govidx_normalize() refuses
                                   it (GOVIDX_EINVAL: use GOVIDX_NORM_ZSCORE) */
} govidx_norm_method;

/**
 * The method called `name` in method specs (method.h, normalize.method):
 * "none", "minmax", "goalpost", "zscore", "target", "dist2targ", "best",
 * "rank", "percentile", "stdrank", "vector", "zscore-minmax".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_norm_method_from_name(govidx_norm_method *out, const char *name);

/** The spec name of a method, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_norm_method_name(govidx_norm_method method);

/** What to do with a column whose non-missing values are all equal. */
typedef enum govidx_norm_constant {
    GOVIDX_NORM_CONSTANT_ERROR = 0, /**< GOVIDX_ENUMERIC naming the column (default) */
    GOVIDX_NORM_CONSTANT_MIDPOINT   /**< map every value to (lo+hi)/2 (0 for z-score) */
} govidx_norm_constant;

/** Options of govidx_normalize().  Initialise with GOVIDX_NORM_OPTIONS_INIT. */
typedef struct govidx_norm_options {
    unsigned version;          /**< GOVIDX_NORM_OPTIONS_VERSION */
    govidx_norm_method method; /**< default GOVIDX_NORM_MINMAX */
    double lo, hi;             /**< output scale for minmax/goalpost/dist2targ/percentile/stdrank; default 0, 100 */
    const int *directions;     /**< cols values +1/-1; NULL = all +1 */
    const double *goal_lo;     /**< GOALPOST: cols lower goalposts (L) */
    const double *goal_hi;     /**< GOALPOST: cols upper goalposts (U), U > L */
    const double *targets;     /**< TARGET, DIST2TARG: cols targets */
    const double *ref_mean;    /**< ZSCORE: optional cols reference means (e.g. base year); NULL = own */
    const double *ref_sd;      /**< ZSCORE: optional cols reference sds (> 0); NULL = own */
    govidx_norm_constant constant; /**< policy for zero-variance columns */
    const char *const *names;  /**< optional cols indicator names for error messages */
} govidx_norm_options;
#define GOVIDX_NORM_OPTIONS_VERSION 1
#define GOVIDX_NORM_OPTIONS_INIT \
    { GOVIDX_NORM_OPTIONS_VERSION, GOVIDX_NORM_MINMAX, 0.0, 100.0, NULL, NULL, NULL, NULL, NULL, NULL, \
      GOVIDX_NORM_CONSTANT_ERROR, NULL }
/** Set *opts to the defaults of `version` (1..GOVIDX_NORM_OPTIONS_VERSION), as
 *  GOVIDX_NORM_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_norm_options_init(govidx_norm_options *opts, unsigned version);

/**
 * Normalise every column of `in` into `out` (same rows/cols; no overlap).
 * opt NULL = defaults (min-max 0-100, all directions +1).
 * Errors: GOVIDX_EINVAL (NULL, bad option, direction not +-1, missing
 * parameter array, U <= L, sd <= 0), GOVIDX_EDIM (shape mismatch),
 * GOVIDX_ENUMERIC (Inf cell, zero-variance column, non-finite parameter),
 * GOVIDX_EDOMAIN (TARGET/BEST division by a value <= 0), GOVIDX_EMISSING
 * (a column with no values, where statistics are needed).  On error `out`
 * is unspecified.
 */
GOVIDX_API int govidx_normalize(govidx_matrix out, govidx_matrix_view in, const govidx_norm_options *opt);

/**
 * Min-max rescale every column of `in` to [lo, hi] (no direction flip):
 * the second stage of the EGDI two-stage method (z-score, then min-max;
 * UN E-Government Survey 2022, Annex).  Same errors as govidx_normalize.
 */
GOVIDX_API int govidx_normalize_rescale(govidx_matrix out, govidx_matrix_view in, double lo,
                                        double hi);

/** Per-indicator summary for evaluators, over the non-missing values.  Frozen:
 *  the layout never changes (the library
 *  writes arrays of it); more statistics will come through new functions. */
typedef struct govidx_indicator_stats {
    size_t n;          /**< non-missing values */
    double missing;    /**< share missing, 0..1 */
    double mean, sd;   /**< sd with n-1 (NaN when n < 2) */
    double min, max;
    double skew;       /**< sample skewness G1 (Excel SKEW; NaN when n < 3) */
    double kurt;       /**< sample excess kurtosis G2 (Excel KURT; NaN when n < 4) */
    size_t n_treated;  /**< cells with GOVIDX_FLAG_TREATED in flags (0 when flags NULL) */
} govidx_indicator_stats;

/**
 * Fill stats[j] for each column j of `in`.  flags (optional) is a
 * column-major rows x cols array with leading dimension in.rows.
 * Inf is GOVIDX_ENUMERIC.
 */
GOVIDX_API int govidx_normalize_indicator_summary(govidx_indicator_stats *stats,
                                                  govidx_matrix_view in, const uint8_t *flags);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_NORMALIZE_H */

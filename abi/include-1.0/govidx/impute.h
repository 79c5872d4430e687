/*
 * govidx/impute.h - denomination and imputation of an indicator matrix.
 *
 * Input: column-major views (rows = units, cols = indicators, NaN =
 * missing, Inf = GOVIDX_ENUMERIC).  Output: a caller matrix of the same
 * shape that must not overlap the input.  `flags` (optional, may be NULL)
 * is a rows x cols column-major uint8 array (leading dimension rows);
 * GOVIDX_FLAG_IMPUTED (govidx/dataset.h) is OR-ed into every filled cell.
 * Sources: OECD/JRC Handbook (2008) sec. 4 (imputation), COINr Denominate()
 * and Impute().  Details: docs/methods/prep.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_IMPUTE_H
#define GOVIDX_IMPUTE_H

#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Denominate: out(i,j) = in(i,j) / den(i, k_j), where k_j = den_col[j]
 * picks the denominator column for indicator j (den_col NULL: k_j = j, so
 * den has in's shape); den_col[j] == (size_t)-1 leaves column j as is.
 * A missing numerator or denominator gives a missing result.
 * Errors: GOVIDX_EDOMAIN for a zero denominator (message names unit and
 * indicator), GOVIDX_ENUMERIC for Inf, GOVIDX_EDIM (den.rows != in.rows or
 * k_j >= den.cols), GOVIDX_EINVAL.  names (optional) label indicators.
 */
GOVIDX_API int govidx_impute_denominate(govidx_matrix out, govidx_matrix_view in,
                                        govidx_matrix_view den, const size_t *den_col,
                                        const char *const *names);

/** Imputation methods.  Values are ABI: appended only. */
typedef enum govidx_impute_method {
    GOVIDX_IMPUTE_NONE = 0,     /**< copy */
    GOVIDX_IMPUTE_MEAN,         /**< column mean of available values */
    GOVIDX_IMPUTE_MEDIAN,       /**< column median */
    GOVIDX_IMPUTE_GROUP_MEAN,   /**< mean of the unit's group; column mean if the group has none */
    GOVIDX_IMPUTE_GROUP_MEDIAN, /**< median of the unit's group; column median if the group has none */
    GOVIDX_IMPUTE_CARRY_FORWARD, /**< plan only: across years, as govidx_impute_carry(GOVIDX_CARRY_PREVIOUS);
                                      govidx_impute() refuses it (GOVIDX_EINVAL) */
    GOVIDX_IMPUTE_CARRY_BACKWARD /**< plan only: across years, as govidx_impute_carry(GOVIDX_CARRY_NEXT) */
} govidx_impute_method;

/**
 * The method called `name` in method specs (method.h, impute.method): "none", "mean",
 * "median", "group-mean", "group-median", "carry-forward", "carry-backward".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_impute_method_from_name(govidx_impute_method *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_impute_method_name(govidx_impute_method value);

/** Options of govidx_impute().  Initialise with GOVIDX_IMPUTE_OPTIONS_INIT. */
typedef struct govidx_impute_options {
    unsigned version;             /**< GOVIDX_IMPUTE_OPTIONS_VERSION */
    govidx_impute_method method;  /**< default GOVIDX_IMPUTE_MEAN */
    const int *groups;            /**< GROUP_*: rows group labels (any int) */
    const char *const *names;     /**< optional cols indicator names for messages */
} govidx_impute_options;
#define GOVIDX_IMPUTE_OPTIONS_VERSION 1
#define GOVIDX_IMPUTE_OPTIONS_INIT { GOVIDX_IMPUTE_OPTIONS_VERSION, GOVIDX_IMPUTE_MEAN, NULL, NULL }
/** Set *opts to the defaults of `version` (1..GOVIDX_IMPUTE_OPTIONS_VERSION), as
 *  GOVIDX_IMPUTE_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_impute_options_init(govidx_impute_options *opts, unsigned version);

/**
 * Fill the missing cells of `in` into `out` by opt->method (NULL: mean),
 * flagging each filled cell.  A column with no value at all is
 * GOVIDX_EMISSING naming the indicator (unless method NONE).
 * Errors: GOVIDX_EINVAL, GOVIDX_EDIM, GOVIDX_ENUMERIC (Inf),
 * GOVIDX_EMISSING, GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_impute(govidx_matrix out, uint8_t *flags, govidx_matrix_view in,
                             const govidx_impute_options *opt);

/** Direction of a panel carry. */
typedef enum govidx_carry {
    GOVIDX_CARRY_PREVIOUS = 0, /**< last observation carried forward (nearest earlier year) */
    GOVIDX_CARRY_NEXT,         /**< next observation carried backward (nearest later year) */
    GOVIDX_CARRY_BOTH          /**< previous first, then next for what is left */
} govidx_carry;

/**
 * The carry direction called `name` ("carry-NAME" in impute.method): "forward"
 * (GOVIDX_CARRY_PREVIOUS), "backward" (GOVIDX_CARRY_NEXT), "both".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_carry_from_name(govidx_carry *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_carry_name(govidx_carry value);

/**
 * Panel carry for year `year` of a stack of yearly matrices years[0..nyears-1]
 * (ordered by year, all of the same shape; same units and indicators in the
 * same order).  out = years[year] with each missing cell (i,j) filled from
 * the nearest earlier (PREVIOUS) and/or later (NEXT) year that has it;
 * filled cells are flagged GOVIDX_FLAG_IMPUTED.  Cells with no value in any
 * searched year stay missing (not an error).
 * Errors: GOVIDX_EINVAL (NULL, year >= nyears), GOVIDX_EDIM (shapes),
 * GOVIDX_ENUMERIC (Inf).
 */
GOVIDX_API int govidx_impute_carry(govidx_matrix out, uint8_t *flags, const govidx_matrix_view *years,
                                   size_t nyears, size_t year, govidx_carry how);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_IMPUTE_H */

/*
 * govidx/treat.h - outlier treatment and transforms of an indicator matrix.
 *
 * Input: column-major view (rows = units, cols = indicators, NaN =
 * missing, Inf = GOVIDX_ENUMERIC).  Output: a caller matrix of the same
 * shape that must not overlap the input.  `flags` (optional, may be NULL)
 * is a rows x cols column-major uint8 array (leading dimension rows);
 * GOVIDX_FLAG_TREATED (govidx/dataset.h) is OR-ed into every cell whose
 * value was changed; other bits are kept.
 * Source: COINr (EU JRC) Treat()/winsorise(); OECD/JRC Handbook (2008)
 * sec. 5.  Details: docs/methods/prep.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_TREAT_H
#define GOVIDX_TREAT_H

#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Treatment methods.  Values are ABI: appended only. */
typedef enum govidx_treat_method {
    GOVIDX_TREAT_NONE = 0,   /**< copy */
    GOVIDX_TREAT_WINSORIZE,  /**< COINr default rule, log fallback (see govidx_treat) */
    GOVIDX_TREAT_LOG,        /**< ln(x + offset); x + offset <= 0 -> GOVIDX_EDOMAIN */
    GOVIDX_TREAT_BOXCOX      /**< ((x+offset)^lambda - 1)/lambda, ln(x+offset) if lambda == 0 */
} govidx_treat_method;

/**
 * The method called `name` in method specs (method.h, treat.method): "none", "winsorize"
 * (alias "winsorise", COINr's spelling), "log", "boxcox".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_treat_method_from_name(govidx_treat_method *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_treat_method_name(govidx_treat_method value);

/** How WINSORIZE counts the points it has winsorised against winmax.
 *  Values are ABI: appended only.  docs/methods/prep.md, "Counting". */
typedef enum govidx_treat_count {
    /** OECD/JRC Handbook: one point per step, counted cumulatively; the
     *  loop stops after winmax points (ties at the extreme are taken one by one). */
    GOVIDX_TREAT_COUNT_CUMULATIVE = 0,
    /** COINr 1.1.14 winsorise(): each step replaces ALL values tied at the
     *  extreme, and only the points of the LAST step (high plus low side) are
     *  compared with winmax, so 1 + 2 + 3 points in three steps count as 3. */
    GOVIDX_TREAT_COUNT_COINR = 1
} govidx_treat_count;

/** Options of govidx_treat().  Initialise with GOVIDX_TREAT_OPTIONS_INIT. */
typedef struct govidx_treat_options {
    unsigned version;            /**< GOVIDX_TREAT_OPTIONS_VERSION */
    govidx_treat_method method;  /**< default GOVIDX_TREAT_WINSORIZE */
    double skew_thresh;          /**< |skew| threshold, default 2 */
    double kurt_thresh;          /**< excess kurtosis threshold, default 3.5 */
    unsigned winmax;             /**< most points winsorised per column, default 5 */
    int log_fallback;            /**< WINSORISE: 1 (default) apply the log when winmax is not enough */
    double lambda;               /**< BOXCOX exponent, default 1 */
    double offset;               /**< LOG/BOXCOX: added before the transform, default 0 */
    const char *const *names;    /**< optional cols indicator names for messages */
    /* version 2 */
    govidx_treat_count count;    /**< WINSORIZE counting, default GOVIDX_TREAT_COUNT_CUMULATIVE */
} govidx_treat_options;
#define GOVIDX_TREAT_OPTIONS_VERSION 2
#define GOVIDX_TREAT_OPTIONS_INIT \
    { GOVIDX_TREAT_OPTIONS_VERSION, GOVIDX_TREAT_WINSORIZE, 2.0, 3.5, 5u, 1, 1.0, 0.0, NULL, \
      GOVIDX_TREAT_COUNT_CUMULATIVE }
/** Set *opts to the defaults of `version` (1..GOVIDX_TREAT_OPTIONS_VERSION), as
 *  GOVIDX_TREAT_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_treat_options_init(govidx_treat_options *opts, unsigned version);

/**
 * The counting called `name` in method specs (treat.count): "cumulative"
 * (alias "handbook") or "coinr".  GOVIDX_EFORMAT naming the text for anything
 * else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_treat_count_from_name(govidx_treat_count *out, const char *name);
/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_treat_count_name(govidx_treat_count value);

/** What treatment did to one indicator.  Frozen: the layout never changes (the
 *  library writes arrays of it); more detail will come through new functions. */
typedef struct govidx_treat_report {
    size_t n_winsorized;  /**< points whose value winsorisation changed (0 if reverted to log) */
    int log_applied;      /**< 1 when the COINr log_CT fallback replaced the winsorisation */
    double skew_before, kurt_before;
    double skew_after, kurt_after; /**< sample G1 and excess G2 (Excel SKEW/KURT) */
} govidx_treat_report;

/**
 * Treat every column of `in` into `out`.
 *
 * WINSORISE (COINr Treat default): while |skew| > skew_thresh AND
 * kurt > kurt_thresh, winsorise one more point - the highest value if
 * skew > 0 (replaced by the next-highest value), else the lowest (replaced
 * by the next-lowest) - up to winmax points (count GOVIDX_TREAT_COUNT_COINR:
 * all tied extreme values at once, winmax compared with the last step's
 * points, as COINr's winsorise()).  If the column is still over
 * both thresholds after winmax points, the winsorisation is reverted and
 * (log_fallback set) COINr 1.x's default f2 "log_CT" is applied instead:
 * ln(x - min + a), a = 0.01 (max - min), defined for any sign of data.
 * Every non-missing cell is then flagged.  Skewness and kurtosis
 * are the sample G1/G2 statistics (Excel SKEW/KURT; kurtosis is EXCESS),
 * computed over non-missing values; columns with < 4 values are copied.
 *
 * report (optional) receives cols entries.
 * Errors: GOVIDX_EINVAL (NULL, bad options), GOVIDX_EDIM, GOVIDX_ENUMERIC
 * (Inf), GOVIDX_EDOMAIN (LOG/BOXCOX of x + offset <= 0, naming unit and
 * indicator), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_treat(govidx_matrix out, uint8_t *flags, govidx_treat_report *report,
                            govidx_matrix_view in, const govidx_treat_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_TREAT_H */

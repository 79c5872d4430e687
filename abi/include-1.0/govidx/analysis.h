/*
 * govidx/analysis.h - multivariate checks and attribution for composite
 * indicators: correlation matrices, Cronbach's alpha, PCA variance
 * explained, contributions, obstacle degree and competition ranking.
 *
 * Inputs are units x variables column-major views (NaN = missing) and are
 * never modified; results go to caller buffers.  Formulas and sources:
 * docs/methods/weights-aggregation.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_ANALYSIS_H
#define GOVIDX_ANALYSIS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Correlation coefficients (values are ABI: only appended). */
typedef enum govidx_corr_method {
    GOVIDX_CORR_PEARSON = 0,  /**< Pearson product-moment */
    GOVIDX_CORR_SPEARMAN = 1  /**< Spearman: Pearson on mid-ranks (ties get their average rank) */
} govidx_corr_method;

/**
 * The correlation coefficient called `name`: "pearson", "spearman".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_corr_method_from_name(govidx_corr_method *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_corr_method_name(govidx_corr_method value);

/**
 * Correlation matrix of the columns of `x`: out is x.cols x x.cols,
 * column-major (out[j + k * x.cols] = r_jk), symmetric, unit diagonal.
 * Missing values: pairwise complete (each r_jk uses the rows where both
 * columns are present; Spearman ranks within those rows).  With no missing
 * value the matrix comes from one BLAS dsyrk on the centred, scaled data.
 * Errors: GOVIDX_EMISSING (a pair with fewer than 2 complete rows),
 * GOVIDX_ENUMERIC (Inf; a column or pairwise subset with zero variance,
 * naming the columns), GOVIDX_EINVAL, GOVIDX_EDIM (also for more than
 * 46340 columns, whose matrix would exceed LAPACK's int range), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_analysis_correlation(double *out, govidx_matrix_view x,
                                           govidx_corr_method method);

/**
 * Cronbach's alpha of the columns of `x` (Cronbach 1951):
 *   alpha = k/(k-1) * (1 - sum_j var_j / var(sum_j x_j)),
 * variances with denominator n - 1, over the rows with every column present
 * (listwise).  Errors: GOVIDX_EDIM (fewer than 2 columns),
 * GOVIDX_EMISSING (fewer than 2 complete rows), GOVIDX_ENUMERIC (the total
 * has zero variance; Inf).
 */
GOVIDX_API int govidx_analysis_cronbach_alpha(double *alpha, govidx_matrix_view x);

/**
 * PCA variance explained: eigenvalues of the Pearson correlation matrix
 * (pairwise complete; LAPACK dsyevr), in decreasing order, into
 * `eigenvalues` (length x.cols), and their shares lambda_k / x.cols into
 * `explained` (length x.cols, may be NULL).  A pairwise-complete matrix can
 * be indefinite: small negative eigenvalues are reported as they are.
 * Errors as govidx_analysis_correlation(); GOVIDX_ENUMERIC if the solver fails.
 */
GOVIDX_API int govidx_analysis_pca_variance(double *eigenvalues, double *explained,
                                            govidx_matrix_view x);

/**
 * Contributions of the children to a linear (weighted arithmetic) node
 * score (OECD/JRC Handbook; docs/methods/weights-aggregation.md):
 *   c_ij = w'_j z_ij / sum_k w'_k z_ik,
 * with w' the weights renormalised over the unit's present children.
 * out is z.rows x z.cols column-major; a unit's contributions sum to 1.
 * NaN for a missing child and, for every child, when the unit's score is 0
 * or no child is present.  Errors: GOVIDX_EINVAL (weights negative, NaN or
 * all 0), GOVIDX_ENUMERIC (Inf), GOVIDX_EDIM.
 */
GOVIDX_API int govidx_analysis_contributions(double *out, govidx_matrix_view z, const double *w);

/**
 * Obstacle degree (障碍度; e.g. R package mathmodels::obstacle_degree):
 *   O_ij = w_j (1 - z_ij) / sum_k w_k (1 - z_ik),  z in [0, 1],
 * over the unit's present children (NaN for a missing child).  When the
 * denominator is 0 (the unit is at the top, z = 1, on every weighted child)
 * there is no obstacle: every O_ij of the unit is 0.  out is z.rows x
 * z.cols column-major.  Errors: GOVIDX_EDOMAIN (a value outside [0, 1],
 * naming unit and child), GOVIDX_EINVAL (bad weights), GOVIDX_EDIM.
 */
GOVIDX_API int govidx_analysis_obstacle_degree(double *out, govidx_matrix_view z, const double *w);

/** Default relative tie tolerance of every ranking: scores a, b with
 *  |a - b| <= 1e-12 max(|a|, |b|) share a rank (0.3376 and
 *  0.33759999999999996 do, as the publishers' ranks do). */
#define GOVIDX_TIE_TOLERANCE 1e-12

/**
 * Competition ranking ("1224"): tied scores share the best rank and the
 * next rank skips.  direction > 0: the highest score ranks 1; direction < 0:
 * the lowest ranks 1.  out[i] (length n) receives the rank of scores[i],
 * or 0 for a NaN score (unranked; NaNs are not counted).  O(n log n).
 * Scores within GOVIDX_TIE_TOLERANCE (relative) of the first score of a tie
 * group tie (govidx_analysis_rank_scores_tol to choose it).
 * Errors: GOVIDX_EINVAL (NULL, direction 0), GOVIDX_ENUMERIC (Inf),
 * GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_analysis_rank_scores(size_t *out, const double *scores, size_t n,
                                           int direction);

/**
 * govidx_analysis_rank_scores with a relative tie tolerance: in score
 * order, a score ties with the first (best) score b of the current tie group
 * when |a - b| <= rel_tol max(|a|, |b|); 0 ties only equal scores.  The
 * comparison is with the group's first score, so near-equal scores never
 * chain into a tie wider than rel_tol.  GOVIDX_EINVAL unless 0 <= rel_tol < 1.
 */
GOVIDX_API int govidx_analysis_rank_scores_tol(size_t *out, const double *scores, size_t n, int direction,
                                               double rel_tol);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_ANALYSIS_H */

/*
 * govidx/weights.h - weights of the children of one index node.
 *
 * Every function writes a weight vector that sums to 1 into a caller
 * buffer.  Data-driven methods read a units x children column-major view
 * (rows = units, columns = children, NaN = missing) and never modify it.
 * Formulas, sources and conventions: docs/methods/weights-aggregation.md
 * (OECD/JRC Handbook on Constructing Composite Indicators, 2008, ch. 6).
 *
 * Missing values (NaN) in data-driven weighting:
 *   - entropy: each column uses its own present values (n_j >= 2 of them,
 *     ln n_j in the normaliser);
 *   - CRITIC: SD per column over present values, Pearson r over
 *     pairwise-complete rows;
 *   - PCA: Pearson correlation matrix over pairwise-complete rows.
 * A column with fewer than 2 present values gives GOVIDX_EMISSING.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_WEIGHTS_H
#define GOVIDX_WEIGHTS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Weighting methods (values are ABI: only appended). */
typedef enum govidx_weight_method {
    GOVIDX_WEIGHTS_EQUAL = 0,      /**< w_j = 1/m */
    GOVIDX_WEIGHTS_ENTROPY = 1,    /**< entropy weight method (Shannon; Zeleny 1982) */
    GOVIDX_WEIGHTS_CRITIC = 2,     /**< CRITIC (Diakoulaki et al. 1995), signed r */
    GOVIDX_WEIGHTS_CRITIC_ABS = 3, /**< CRITIC with |r| */
    GOVIDX_WEIGHTS_PCA = 4,        /**< Handbook PCA/varimax weights (Nicoletti et al. 2000) */
    GOVIDX_WEIGHTS_NOMINAL = 5     /**< the framework's own weights (spec default); nothing to
                                        compute: govidx_weights_compute() refuses it (GOVIDX_EINVAL) */
} govidx_weight_method;

/**
 * The method called `name` in method specs (method.h, weights.method):
 * "nominal", "equal", "entropy", "critic", "critic-abs" or "pca".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_weight_method_from_name(govidx_weight_method *out, const char *name);

/** The spec name of a method ("entropy", ...), static; NULL (GOVIDX_EINVAL in
 *  govidx_last_error()) for an unknown value. */
GOVIDX_API const char *govidx_weight_method_name(govidx_weight_method method);

/**
 * Options of govidx_weights_compute().  Initialise with
 * GOVIDX_WEIGHTS_OPTIONS_INIT, then change fields.
 */
typedef struct govidx_weights_options {
    unsigned version;              /**< GOVIDX_WEIGHTS_OPTIONS_VERSION */
    govidx_weight_method method;   /**< default GOVIDX_WEIGHTS_EQUAL */
    /* PCA factor retention (Handbook, section 6.1): keep components while
     * eigenvalue > pca_min_eigenvalue AND own share of variance >
     * pca_min_share; always keep at least one and, if the kept ones
     * explain less than pca_min_cumulative, add components in order until
     * they do. */
    double pca_min_eigenvalue;     /**< default 1.0 */
    double pca_min_share;          /**< default 0.10 */
    double pca_min_cumulative;     /**< default 0.60 */
    int pca_rotate;                /**< 1 (default): varimax with Kaiser normalisation; 0: none */
} govidx_weights_options;
#define GOVIDX_WEIGHTS_OPTIONS_VERSION 1
#define GOVIDX_WEIGHTS_OPTIONS_INIT \
    { GOVIDX_WEIGHTS_OPTIONS_VERSION, GOVIDX_WEIGHTS_EQUAL, 1.0, 0.10, 0.60, 1 }
/** Set *opts to the defaults of `version` (1..GOVIDX_WEIGHTS_OPTIONS_VERSION), as
 *  GOVIDX_WEIGHTS_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_weights_options_init(govidx_weights_options *opts, unsigned version);

/**
 * Weights of the `data.cols` columns by the method in `opts` (NULL =
 * equal).  `w` receives data.cols weights summing to 1.  Dispatches to the
 * functions below with their defaults.  Errors as for those functions;
 * GOVIDX_EINVAL for an unknown method or version.
 */
GOVIDX_API int govidx_weights_compute(double *w, govidx_matrix_view data,
                                      const govidx_weights_options *opts);

/** Equal weights: w_j = 1/n.  GOVIDX_EINVAL for NULL w, GOVIDX_EDIM for n == 0. */
GOVIDX_API int govidx_weights_equal(double *w, size_t n);

/**
 * Expert (nominal, budget-allocation) weights: w_j = raw_j / sum(raw).
 * GOVIDX_EINVAL naming the index of a NaN/Inf or negative raw weight, or
 * when all are zero.  `w` may equal `raw`.
 */
GOVIDX_API int govidx_weights_expert(double *w, const double *raw, size_t n);

/**
 * Entropy weights on already normalised, non-negative data z:
 *   p_ij = z_ij / sum_i z_ij,  e_j = -(1/ln n_j) sum_i p_ij ln p_ij  (0 ln 0 = 0),
 *   d_j = 1 - e_j,  w_j = d_j / sum_k d_k.
 * `entropy` (may be NULL) receives the e_j.  Errors: GOVIDX_EDOMAIN for a
 * negative value (naming row and column), GOVIDX_ENUMERIC for an all-zero
 * column or when every d_j is 0 (all columns uniform), GOVIDX_EMISSING for a
 * column with fewer than 2 present values.
 */
GOVIDX_API int govidx_weights_entropy(double *w, double *entropy, govidx_matrix_view z);

/**
 * CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995):
 *   C_j = sigma_j * sum_k (1 - r_jk),  w_j = C_j / sum_k C_k,
 * sigma with denominator n - 1, r Pearson (pairwise complete); with
 * `use_abs` != 0, |r_jk| replaces r_jk.  Intended for min-max normalised
 * data.  Errors: GOVIDX_ENUMERIC for a zero-variance column (naming it) or
 * all C_j = 0, GOVIDX_EMISSING for fewer than 2 complete pairs.
 */
GOVIDX_API int govidx_weights_critic(double *w, govidx_matrix_view z, int use_abs);

/**
 * PCA weights by the procedure of the OECD/JRC Handbook (2008, section 6.1,
 * after Nicoletti, Scarpetta & Boylaud 2000):
 *   1. eigen-decompose the Pearson correlation matrix (LAPACK dsyevr);
 *   2. retain components by the rule in `opts` (eigenvalue > 1, each > 10 %
 *      and together >= 60 % of the variance);
 *   3. loadings a_jk = u_jk sqrt(lambda_k); rotate the retained ones by
 *      varimax (Kaiser 1958, with Kaiser normalisation) unless disabled;
 *   4. each indicator joins the factor on which its squared loading is
 *      largest; V_k = sum_j a_jk^2 is the factor's explained variance;
 *   5. w_j = (a_jk^2 / V_k) * (V_k / sum_l V_l) for the factor k of j,
 *      then rescaled to sum 1.
 * `ncomp` (may be NULL) receives the number of retained factors.  Needs 2
 * to 46340 columns (GOVIDX_EDIM).  Errors: GOVIDX_ENUMERIC (zero variance,
 * eigen-solver failure), GOVIDX_EMISSING, GOVIDX_EINVAL for bad options.
 */
GOVIDX_API int govidx_weights_pca(double *w, size_t *ncomp, govidx_matrix_view data,
                                  const govidx_weights_options *opts);

/**
 * AHP weights (Saaty 1980): the principal right eigenvector of an n x n
 * positive reciprocal pairwise-comparison matrix `a` (column-major, a_ij =
 * importance of i over j), scaled to sum 1 (LAPACK dgeev).  `lambda_max`,
 * `ci` and `cr` (each may be NULL) receive the largest real eigenvalue, the
 * consistency index CI = (lambda_max - n)/(n - 1) and the consistency ratio
 * CR = CI / RI(n) with Saaty's random indices RI(1..10) = 0, 0, 0.58, 0.90,
 * 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 (CR = 0 for n <= 2; CR = NaN for
 * n > 10, where no RI is tabulated).  Saaty's rule of thumb accepts CR <= 0.10.
 * Errors: GOVIDX_EINVAL naming the cell that is not finite, not positive,
 * a diagonal cell other than 1, or not reciprocal (|a_ij a_ji - 1| > 1e-6).
 */
GOVIDX_API int govidx_weights_ahp(double *w, double *lambda_max, double *ci, double *cr,
                                  const double *a, size_t n);

/**
 * Renormalise the weights of a node over the children present for one unit.
 * `values` are the unit's n child values, `inc` apart (use the view's ld for
 * a row of a column-major matrix); NaN = missing.  `out[j]` receives
 * w_j / sum of w over present children, and 0 for missing children.
 * `*available` is set to 1 when the node can be computed: the share of
 * present children (by count) is >= min_share and the present weights sum
 * to more than 0; else to 0 and `out` is all 0.  Errors: GOVIDX_EINVAL for
 * NULL pointers, inc == 0, min_share outside [0, 1] or a negative/NaN weight.
 */
GOVIDX_API int govidx_weights_renormalize(double *out, int *available, const double *w,
                                          const double *values, size_t n, size_t inc,
                                          double min_share);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_WEIGHTS_H */

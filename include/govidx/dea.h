/*
 * govidx/dea.h - data envelopment analysis (DEA) efficiency scores.
 *
 * Inputs are matrix views with one row per decision-making unit (DMU):
 * X is n x m (inputs), Y is n x s (outputs).  Models, formulas, sources and
 * conventions: docs/methods/dea.md.
 *
 *  - Radial models (Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper
 *    1984): constant, variable, non-increasing or non-decreasing returns to
 *    scale, input or output orientation, optional second-stage max-slack LP
 *    (as DEAP 2.1 "multi-stage" reports slacks, Coelli 1996).
 *  - Slacks-based measure (Tone 2001), non-oriented, input or output
 *    oriented, via the Charnes-Cooper transformation.
 *  - Super-efficiency (Andersen & Petersen 1993), categorical reference sets
 *    (Banker & Morey 1986), non-discretionary inputs (Banker & Morey 1986),
 *    undesirable outputs (treated as inputs), scale efficiency and returns
 *    to scale class, Malmquist productivity index (Faere et al. 1994) and
 *    benefit-of-the-doubt composite indicators (Cherchye et al. 2007).
 *
 * Every score equals the optimum of the full LP with all n DMUs in the
 * reference set.  For speed the engine first finds the frame (the efficient
 * DMUs that generate the technology, cf. Dula 2011; Khezrimotlagh et al.
 * 2019) and scores every DMU against it; results do not depend on the
 * number of threads.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DEA_H
#define GOVIDX_DEA_H

#include <stdint.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Returns to scale of the technology (values are ABI). */
typedef enum govidx_dea_rts {
    GOVIDX_DEA_CRS = 0,  /**< constant (CCR) */
    GOVIDX_DEA_VRS = 1,  /**< variable (BCC): sum lambda = 1 */
    GOVIDX_DEA_NIRS = 2, /**< non-increasing: sum lambda <= 1 */
    GOVIDX_DEA_NDRS = 3  /**< non-decreasing: sum lambda >= 1 */
} govidx_dea_rts;

/**
 * The returns to scale called `name`: "crs", "vrs", "nirs", "ndrs".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_dea_rts_from_name(govidx_dea_rts *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_dea_rts_name(govidx_dea_rts value);

/** Model family (values are ABI). */
typedef enum govidx_dea_model {
    GOVIDX_DEA_RADIAL = 0, /**< CCR/BCC envelopment model */
    GOVIDX_DEA_SBM = 1     /**< slacks-based measure, Tone (2001) */
} govidx_dea_model;

/**
 * The model family called `name`: "radial", "sbm".
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_dea_model_from_name(govidx_dea_model *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_dea_model_name(govidx_dea_model value);

/** Orientation (values are ABI). */
typedef enum govidx_dea_orientation {
    GOVIDX_DEA_INPUT = 0,      /**< contract inputs */
    GOVIDX_DEA_OUTPUT = 1,     /**< expand outputs */
    GOVIDX_DEA_NONORIENTED = 2 /**< SBM only: both */
} govidx_dea_orientation;

/**
 * The orientation called `name`: "input" (alias "in"), "output" (alias
 * "out"), "nonoriented" (alias "none"; the aliases are `govidx dea --orientation`'s).
 * GOVIDX_EFORMAT naming the text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_dea_orientation_from_name(govidx_dea_orientation *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_dea_orientation_name(govidx_dea_orientation value);

/** How the reference set is handled (values are ABI). */
typedef enum govidx_dea_algorithm {
    GOVIDX_DEA_ALGO_FRAME = 0, /**< default: find the frame, then small LPs */
    GOVIDX_DEA_ALGO_FULL = 1   /**< one LP with all n DMUs per DMU (slow; reference) */
} govidx_dea_algorithm;

/** Per-DMU outcome (values are ABI). */
typedef enum govidx_dea_unit_status {
    GOVIDX_DEA_OPTIMAL = 0,    /**< solved */
    GOVIDX_DEA_INFEASIBLE = 1, /**< LP infeasible (super-efficiency, VRS cross-period): score NaN */
    GOVIDX_DEA_UNBOUNDED = 2,  /**< LP unbounded: score NaN */
    GOVIDX_DEA_FAILED = 3      /**< the solver failed: score NaN */
} govidx_dea_unit_status;

/** Returns-to-scale class of a DMU (values are ABI). */
typedef enum govidx_dea_rts_class {
    GOVIDX_DEA_RTS_UNKNOWN = 0,    /**< not computed, or an LP was not optimal */
    GOVIDX_DEA_RTS_CONSTANT = 1,   /**< scale efficient: CRS score = VRS score */
    GOVIDX_DEA_RTS_INCREASING = 2, /**< NIRS score != VRS score */
    GOVIDX_DEA_RTS_DECREASING = 3  /**< NIRS score == VRS score != CRS score */
} govidx_dea_rts_class;

/**
 * Options of govidx_dea_compute().  Initialise with GOVIDX_DEA_OPTIONS_INIT.
 */
typedef struct govidx_dea_options {
    unsigned version;                   /**< GOVIDX_DEA_OPTIONS_VERSION */
    govidx_dea_model model;             /**< default GOVIDX_DEA_RADIAL */
    govidx_dea_rts rts;                 /**< default GOVIDX_DEA_CRS */
    govidx_dea_orientation orientation; /**< default GOVIDX_DEA_INPUT */
    int second_stage;    /**< radial: 1 (default) = max-slack second LP; 0 = slacks of the first LP */
    int super_efficiency; /**< 1: exclude each DMU from its own reference set (radial only) */
    int scale;            /**< 1: also compute scale efficiency and the RTS class (radial) */
    /** n category levels (>= 1) or NULL.  A DMU of level c is compared with
     *  the DMUs of levels <= c; level 1 is the least favourable environment
     *  (Banker & Morey 1986; Cooper, Seiford & Tone 2007, sec. 7.5). */
    const int *category;
    /** m flags or NULL: non-zero marks a non-discretionary input (kept at its
     *  level, Banker & Morey 1986). */
    const unsigned char *nondiscretionary;
    /** s flags or NULL: non-zero marks an undesirable output, modelled as an
     *  input (reduced with the inputs). */
    const unsigned char *undesirable;
    unsigned threads;            /**< worker threads; 0 = 1 */
    /** NULL or called with (DMUs scored, n) after each chunk of DMUs; during
     *  the frame search the count stays unchanged.  Non-zero cancels. */
    govidx_progress_fn progress;
    void *progress_ctx;
    double epsilon;                /**< peers: lambda > epsilon; default 1e-9 */
    govidx_dea_algorithm algorithm; /**< default GOVIDX_DEA_ALGO_FRAME */
} govidx_dea_options;
#define GOVIDX_DEA_OPTIONS_VERSION 1
#define GOVIDX_DEA_OPTIONS_INIT                                                               \
    { GOVIDX_DEA_OPTIONS_VERSION, GOVIDX_DEA_RADIAL, GOVIDX_DEA_CRS, GOVIDX_DEA_INPUT, 1, 0, 0, \
      NULL, NULL, NULL, 1u, NULL, NULL, 1e-9, GOVIDX_DEA_ALGO_FRAME }
/** Set *opts to the defaults of `version` (1..GOVIDX_DEA_OPTIONS_VERSION), as
 *  GOVIDX_DEA_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_dea_options_init(govidx_dea_options *opts, unsigned version);

/**
 * The named DEA models of `govidx dea --model`, each a setting of rts,
 * model and super_efficiency: "ccr" (radial, CRS; Charnes, Cooper & Rhodes
 * 1978), "bcc" (radial, VRS; Banker, Charnes & Cooper 1984), "nirs",
 * "ndrs" (radial), "sbm" (slacks-based measure, CRS; Tone 2001), "super"
 * (radial CRS super-efficiency; Andersen & Petersen 1993).  What a named
 * model accepts, as flags: */
#define GOVIDX_DEA_PRESET_NONORIENTED 1u /**< GOVIDX_DEA_NONORIENTED as well as input and output */
#define GOVIDX_DEA_PRESET_POSITIVE 2u    /**< every input and output must be > 0 (zeros refused) */
#define GOVIDX_DEA_PRESET_MALMQUIST 4u   /**< govidx_dea_malmquist() accepts it */

/** The name of named model i (0-based; 0 is the CLI's default, "ccr"),
 *  static; NULL past the last. */
GOVIDX_API const char *govidx_dea_preset_name(size_t i);

/**
 * Set opts->rts, opts->model and opts->super_efficiency to those of the
 * named model `name` (the other fields are left as they are) and, when
 * caps is not NULL, *caps to its GOVIDX_DEA_PRESET_* flags.
 * GOVIDX_EFORMAT naming the text for an unknown name (nothing written);
 * GOVIDX_EINVAL for NULL opts or name.
 */
GOVIDX_API int govidx_dea_preset_apply(govidx_dea_options *opts, unsigned *caps, const char *name);


/** Opaque result of govidx_dea_compute(). */
typedef struct govidx_dea_result govidx_dea_result;

/** Work counters of a run (Koronakos, Dula & Despotis 2024 compare algorithms
 *  by these).  Frozen: the layout never changes; further
 *  counters will come through new functions. */
typedef struct govidx_dea_stats {
    size_t lps_solved;   /**< LPs solved, all phases */
    size_t iterations;   /**< simplex iterations, all phases */
    size_t frame_size;   /**< DMUs in the largest frame used */
    size_t max_columns;  /**< largest LP column count */
    size_t frame_rounds; /**< rounds of the frame search */
} govidx_dea_stats;

/**
 * Score every DMU.  X: n x m inputs, Y: n x s outputs (same rows).  Values
 * must be finite and >= 0, each DMU needs a positive input and a positive
 * output (SBM: all values > 0), n >= m + s.
 *
 * Efficiency: radial input orientation theta in (0, 1]; output orientation
 * 1/phi (Farrell measure, as DEAP prints it); SBM rho.  Super-efficiency may
 * exceed 1.
 *
 * Errors: GOVIDX_EINVAL (NULL, bad option or version), GOVIDX_EDIM (row
 * mismatch, n < m + s), GOVIDX_ENUMERIC (NaN/Inf), GOVIDX_EDOMAIN (negative
 * value, DMU without positive input/output, SBM zero), GOVIDX_ECANCELED,
 * GOVIDX_ENOMEM, GOVIDX_ESOLVER (a frame LP failed).  A DMU whose own LP is
 * infeasible, unbounded or fails is reported by its status, not as an error.
 */
GOVIDX_API int govidx_dea_compute(govidx_dea_result **out, govidx_matrix_view X,
                                  govidx_matrix_view Y, const govidx_dea_options *opts);

/** Release a result (NULL ok). */
GOVIDX_API void govidx_dea_result_free(govidx_dea_result *r);

/** Number of DMUs n, inputs m and outputs s of the result (any pointer may be NULL). */
GOVIDX_API size_t govidx_dea_result_dims(size_t *m, size_t *s, const govidx_dea_result *r);

/** Efficiency per DMU (n); NaN where the status is not optimal. */
GOVIDX_API const double *govidx_dea_efficiency(const govidx_dea_result *r);

/** govidx_dea_unit_status per DMU (n). */
GOVIDX_API const int *govidx_dea_status(const govidx_dea_result *r);

/**
 * Peers of DMU `unit`: *idx receives the peer DMU rows and *weight their
 * lambda (> epsilon); returns their count (0 for an unknown unit).
 */
GOVIDX_API size_t govidx_dea_peers(const size_t **idx, const double **weight,
                                   const govidx_dea_result *r, size_t unit);

/** Input slacks, n x m column-major (element (i,k) at [i + k*n]); 0 where not optimal. */
GOVIDX_API const double *govidx_dea_input_slacks(const govidx_dea_result *r);
/** Output slacks, n x s column-major. */
GOVIDX_API const double *govidx_dea_output_slacks(const govidx_dea_result *r);
/** Projected inputs sum_j lambda_j x_jk, n x m column-major. */
GOVIDX_API const double *govidx_dea_input_targets(const govidx_dea_result *r);
/** Projected outputs sum_j lambda_j y_jr, n x s column-major. */
GOVIDX_API const double *govidx_dea_output_targets(const govidx_dea_result *r);

/** Scale efficiency CRS/VRS per DMU (n), or NULL when options.scale was 0. */
GOVIDX_API const double *govidx_dea_scale_efficiency(const govidx_dea_result *r);
/** govidx_dea_rts_class value per DMU (n), or NULL when options.scale was 0. */
GOVIDX_API const int *govidx_dea_returns_to_scale(const govidx_dea_result *r);

/** Work counters. */
GOVIDX_API void govidx_dea_result_stats(govidx_dea_stats *out, const govidx_dea_result *r);

/**
 * Malmquist productivity index between period 1 (X1, Y1) and period 2
 * (X2, Y2) for the same n DMUs (Faere, Grosskopf, Norris & Zhang 1994, as
 * DEAP 2.1 computes it).  With E_a(b) the radial efficiency (Farrell, in
 * the orientation of opts) of the period-b data against the period-a
 * frontier: effch = E_2(2)/E_1(1); techch = sqrt(E_1(2)/E_2(2) *
 * E_1(1)/E_2(1)); tfpch = effch * techch (> 1 = progress).  opts: radial
 * model, rts, orientation and threads are used (NULL = CRS input).  Each
 * output array has n entries; status[i] is the worst of the four LPs.
 * Errors as govidx_dea_compute().
 */
GOVIDX_API int govidx_dea_malmquist(double *effch, double *techch, double *tfpch, int *status,
                                    govidx_matrix_view X1, govidx_matrix_view Y1,
                                    govidx_matrix_view X2, govidx_matrix_view Y2,
                                    const govidx_dea_options *opts);

/**
 * Options of govidx_dea_bod().  Arrays have m entries or are NULL.
 */
typedef struct govidx_bod_options {
    unsigned version;       /**< GOVIDX_BOD_OPTIONS_VERSION */
    const double *w_lower;  /**< absolute weight bounds, NULL = 0 */
    const double *w_upper;  /**< NULL = none */
    const double *share_lower; /**< bounds on w_j z_ij / CI_i, NULL = none */
    const double *share_upper;
    /* version 2 */
    unsigned threads;       /**< worker threads of the unrestricted model
                                 (the results do not depend on them); 0 = 1 */
} govidx_bod_options;
#define GOVIDX_BOD_OPTIONS_VERSION 2
#define GOVIDX_BOD_OPTIONS_INIT { GOVIDX_BOD_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0 }
/** Set *opts to the defaults of `version` (1..GOVIDX_BOD_OPTIONS_VERSION), as
 *  GOVIDX_BOD_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_bod_options_init(govidx_bod_options *opts, unsigned version);

/**
 * Benefit-of-the-doubt composite indicator (Cherchye, Moesen, Rogge & Van
 * Puyenbroeck 2007): CI_i = max_w sum_j w_j z_ij s.t. sum_j w_j z_kj <= 1
 * for every unit k, w >= 0, plus the optional bounds of opts.  Z: n units x
 * m indicators, finite, >= 0.  Writes ci (n), weights (n x m column-major,
 * may be NULL) and status (n, govidx_dea_unit_status; a unit whose
 * restrictions are infeasible gets GOVIDX_DEA_INFEASIBLE and NaN).
 * *all_one (may be NULL) is set to 1 when every optimal unit scores 1 (the
 * index does not discriminate).  Without bounds the scores are those of
 * exactly feasible weights (never above the optimum; within 1e-9 of it)
 * and efficient units score exactly 1 (docs/methods/dea.md).  At most 249
 * indicators.  Errors: GOVIDX_EINVAL, GOVIDX_EDIM,
 * GOVIDX_ENUMERIC, GOVIDX_EDOMAIN (negative value), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_dea_bod(double *ci, double *weights, int *status, int *all_one,
                              govidx_matrix_view Z, const govidx_bod_options *opts);

/**
 * Directional benefit of the doubt (Fusco 2015, "Enhancing non-compensatory
 * composite indicators: a directional proposal", European Journal of
 * Operational Research 242(2):620-630): the BoD technology (one unit input,
 * constant returns) expanded along a direction g >= 0 of indicator space.
 * For unit o:  beta_o = max beta  s.t.  sum_k lambda_k z_kr >= z_or + beta g_r
 * for every indicator r,  sum_k lambda_k <= 1,  lambda >= 0;  and
 * ci_o = 1 / (1 + beta_o) in (0, 1].  `direction` has m entries (>= 0, not
 * all 0; g_r = 0 keeps indicator r from worsening without expanding it) or
 * is NULL for each unit's own values (g = z_o), which gives exactly the
 * radial BoD score of govidx_dea_bod().  beta (n, may be NULL) receives
 * beta_o; status (n) each LP's outcome (NaN scores where not optimal).
 * Compind's ci_bod_dir multiplies both the data and the direction by dir,
 * so there only the zero pattern of dir matters; with dir = (1, ..., 1) its
 * scores are these.  Errors as govidx_dea_bod(), GOVIDX_EINVAL for a
 * negative or all-zero direction.
 */
GOVIDX_API int govidx_dea_bod_directional(double *ci, double *beta, int *status, govidx_matrix_view Z,
                                          const double *direction);

/** Options of govidx_dea_bod_robust(). */
typedef struct govidx_bod_robust_options {
    unsigned version;   /**< GOVIDX_BOD_ROBUST_OPTIONS_VERSION */
    size_t m;           /**< order m: size of each reference sample (>= 1; default 25) */
    size_t draws;       /**< Monte Carlo samples B; 0 (default) = the exact expectation */
    uint64_t seed;      /**< seed of the Monte Carlo draws */
} govidx_bod_robust_options;
#define GOVIDX_BOD_ROBUST_OPTIONS_VERSION 1
#define GOVIDX_BOD_ROBUST_OPTIONS_INIT { GOVIDX_BOD_ROBUST_OPTIONS_VERSION, 25, 0, 20231 }
/** Set *opts to the defaults of `version` (1..GOVIDX_BOD_ROBUST_OPTIONS_VERSION), as
 *  GOVIDX_BOD_ROBUST_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_bod_robust_options_init(govidx_bod_robust_options *opts, unsigned version);

/**
 * Robust (order-m) benefit of the doubt (Cazals, Florens & Simar 2002,
 * "Nonparametric frontier estimation: a robust approach", Journal of
 * Econometrics 106:1-25; for composite indicators Vidoli, Fusco & Mazziotta
 * 2015, Social Indicators Research 122:635-652, Compind ci_rbod): unit o is
 * compared with m units drawn at random (with replacement) instead of all,
 * so one outlier cannot set everyone's frontier.  With d_k = min_r z_kr /
 * z_or (how far unit k dominates o; indicators with z_or = 0 are skipped),
 * the order-m output efficiency is lambda_o = E[max of d over m draws] and
 * ci_o = 1 / lambda_o, which may exceed 1 (o beats its expected m-frontier).
 * draws = 0 computes the expectation exactly over the empirical distribution,
 * E = sum_k d_(k) [(k/n)^m - ((k-1)/n)^m] with d sorted ascending; draws = B
 * averages B seeded Monte Carlo samples as nonparaeff::orderm does (the
 * same definition; results depend only on the seed).  As m grows, ci
 * tends to the free-disposal-hull BoD score 1 / max_k d_k.
 * Errors: GOVIDX_EINVAL (NULL, m = 0, version), GOVIDX_EDIM, GOVIDX_ENUMERIC,
 * GOVIDX_EDOMAIN (a negative value, or a unit whose indicators are all 0).
 */
GOVIDX_API int govidx_dea_bod_robust(double *ci, govidx_matrix_view Z, const govidx_bod_robust_options *opts);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_DEA_H */

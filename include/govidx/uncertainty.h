/*
 * govidx/uncertainty.h - Monte Carlo uncertainty and variance-based
 * sensitivity analysis of a composite index (OECD/JRC Handbook 2008, step 7;
 * Saltelli et al. 2008, Global Sensitivity Analysis: The Primer).
 *
 * A run perturbs the weights of a plan (COINr's get_noisy_weights model, or
 * a Dirichlet around the nominal weights), re-aggregates the tree for every
 * replication from the plan's normalised indicators (a weight change never
 * re-normalises), ranks every node, and keeps per unit, year and node the
 * nominal score and rank, the scores of every replication (for exact score
 * quantiles) and a histogram of ranks (exact rank quantiles, streamed).
 * With sobol set it also estimates first- and total-order Sobol indices
 * (Saltelli et al. 2010 first order, Jansen total order) of every unit's
 * root score and of the index-wide mean absolute rank shift, with bootstrap
 * intervals.  The inputs of the sensitivity analysis are the weight sets of
 * the aggregate nodes whose children are perturbed ("weights:CODE").
 *
 * Random numbers come from counter-based streams keyed by (seed,
 * replication, node): results are bit-identical for any thread count and
 * batch size.  See docs/methods/uncertainty.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_UNCERTAINTY_H
#define GOVIDX_UNCERTAINTY_H

#include "common.h"
#include "dataset.h"
#include "plan.h"
#include "run.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: the statistics of one uncertainty run. */
typedef struct govidx_uncertainty govidx_uncertainty;

/** A method switch: `key` (for `node` only when not NULL) takes one of
 *  `values`, drawn uniformly per replication (govidx_method_set keys, e.g.
 *  "normalize.method" with "minmax", "zscore"). */
typedef struct govidx_uncertainty_vary {
    const char *node;
    const char *key;
    const char *const *values;
    size_t n_values; /**< at least 2 */
} govidx_uncertainty_vary;

/** The declarative specification of an uncertainty run, validated whole
 *  before anything is computed. */
typedef struct govidx_uncertainty_options {
    unsigned version;          /**< GOVIDX_UNCERTAINTY_OPTIONS_VERSION */
    size_t replications;       /**< N >= 1 (no default: 0 is an error) */
    uint64_t seed;             /**< random streams are keyed by (seed, replication) */
    /** COINr get_noisy_weights: each weight of a node at a noise level times
     *  an independent U(1 - F, 1 + F), then renormalised within its parent.
     *  0 = no noise; must be in [0, 1). */
    double weights_noise;
    /** Bit L set: weights of nodes at framework level L (1 = indicators,
     *  COINr's levels) are perturbed.  0 = every level below the roots.
     *  A level with no node that has a parent is GOVIDX_ENOTFOUND. */
    unsigned noise_levels;
    /** > 0: each perturbed node's child weights ~ Dirichlet(K w_nominal)
     *  instead of the uniform noise (mean = the nominal weights). */
    double weights_dirichlet;
    /** Non-zero: every replication also leaves out one indicator, drawn
     *  uniformly among those with a sibling (weight 0, the siblings'
     *  weights renormalised); a Sobol input of its own ("leave-one-out"). */
    int leave_one_out;
    int sobol;                 /**< non-zero: Sobol indices (N (k + 1) extra evaluations) */
    size_t bootstrap;          /**< bootstrap resamples for the Sobol intervals (default 1000) */
    double sobol_width;        /**< an index is "converged" when both 95% intervals are at most this wide (default 0.1) */
    /** Non-zero: statistics (score draws, rank histograms, CSV rows) for
     *  the root nodes only, for large runs: the memory is N x units x
     *  tracked nodes x years doubles plus units^2 x tracked nodes x years
     *  counts.  Nominal scores and ranks are kept for every node. */
    int roots_only;
    /** Non-zero: keep no score draws, only the rank histograms, so memory
     *  does not grow with N; score means and quantiles are then NaN. */
    int ranks_only;
    /** Method switches: one plan per combination of values (at most 4096)
     *  is built from the plan's method; each replication draws one.  An
     *  unknown key, value or node is an error naming it (from
     *  govidx_method_set), and so is a key whose values change no score
     *  (the pipeline does not use it with this method).  Each key is a
     *  Sobol input ("vary:KEY" or "vary:NODE:KEY").  Replications then
     *  take the node-by-node path. */
    const govidx_uncertainty_vary *vary;
    size_t n_vary;
    size_t n_threads;          /**< 0 = automatic */
    size_t batch;              /**< replications per work item (0 = automatic); results do not depend on it */
    govidx_progress_fn progress; /**< NULL = none; non-zero return cancels (GOVIDX_ECANCELED) */
    void *progress_ctx;
    /* version 2 */
    /** How the uniform draws are made: GOVIDX_SAMPLING_RANDOM (counter-based
     *  pseudo-random streams, the default) or GOVIDX_SAMPLING_SOBOL (Sobol'
     *  quasi-random points, Joe & Kuo 2008 direction numbers: replication s
     *  is point s; with sobol set, matrix A takes the first D coordinates
     *  and B the next D, Saltelli 2010).  Sobol' sampling needs the uniform
     *  weight noise (not weights_dirichlet), at most 2^32 replications and
     *  2 D <= 201 coordinates (D = drawn weights + leave_one_out + vary
     *  keys), else GOVIDX_EINVAL naming the limit.  It is unscrambled: the
     *  seed then drives only the bootstrap. */
    int sampling;
    /** Non-zero: every replication also perturbs the data: each panel value
     *  with a standard error se > 0 in the dataset (/panel/stderr,
     *  docs/format.md) becomes value + se Z, Z ~ N(0, 1) independent per
     *  cell, and the whole pipeline (denominate, impute, treat, normalise,
     *  aggregate) runs on the perturbed panel; a Sobol input of its own
     *  ("data-noise").  Only govidx_uncertainty_run_dataset (the standard
     *  errors are the dataset's); GOVIDX_ENOTFOUND when the dataset has no
     *  standard errors or none > 0, GOVIDX_EINVAL with the panel entry point
     *  or Sobol' sampling. */
    int data_noise;
} govidx_uncertainty_options;
#define GOVIDX_SAMPLING_RANDOM 0
#define GOVIDX_SAMPLING_SOBOL 1
#define GOVIDX_UNCERTAINTY_OPTIONS_VERSION 2
#define GOVIDX_UNCERTAINTY_OPTIONS_INIT \
    { GOVIDX_UNCERTAINTY_OPTIONS_VERSION, 0, 0, 0.0, 0u, 0.0, 0, 0, 1000, 0.1, 0, 0, NULL, 0, 0, 0, NULL, NULL, \
      GOVIDX_SAMPLING_RANDOM, 0 }
/** Set *opts to the defaults of `version`; GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_uncertainty_options_init(govidx_uncertainty_options *opts, unsigned version);

/**
 * A declarative uncertainty specification read from JSON: it owns the
 * options and every string they point at (the varied keys and values).
 * Keys (all optional but replications): "replications" (N >= 1), "seed",
 * "weights_noise", "noise_levels" ([2, 3]), "weights_dirichlet",
 * "leave_one_out" and "data_noise" (booleans), "vary" ([{"node": "Conn", "key":
 * "aggregate.method", "values": ["arithmetic", "geometric"]}, ...]; node
 * optional, values strings or numbers, at least two), "quantiles" (extra
 * percentages for the CSV, e.g. [25, 75]), "sampling" ("random" or
 * "sobol"), "sobol" (boolean), "bootstrap", "sobol_width", "roots_only",
 * "ranks_only", "threads", "batch".  An unknown key, a wrong type or a
 * missing replications is GOVIDX_EFORMAT naming it (a file that cannot be
 * read: GOVIDX_EIO).  What needs the plan (a varied key the pipeline does
 * not use, a node that does not exist, a level without weights) is checked
 * by govidx_uncertainty_run before anything is computed.
 */
typedef struct govidx_uncertainty_spec govidx_uncertainty_spec;
GOVIDX_API int govidx_uncertainty_spec_from_json(govidx_uncertainty_spec **out, const char *json_text);
GOVIDX_API int govidx_uncertainty_spec_from_file(govidx_uncertainty_spec **out, const char *path);
/** The options (valid while the spec lives); NULL for NULL. */
GOVIDX_API const govidx_uncertainty_options *govidx_uncertainty_spec_options(const govidx_uncertainty_spec *spec);
/** The extra quantiles (percentages) asked for; *n their number. */
GOVIDX_API const double *govidx_uncertainty_spec_quantiles(const govidx_uncertainty_spec *spec, size_t *n);
/** Release a spec; NULL is a no-op. */
GOVIDX_API void govidx_uncertainty_spec_free(govidx_uncertainty_spec *spec);

/**
 * Run the analysis of `plan` on `panel` (the panel the plan was made for,
 * or one of the same shape).  Errors: GOVIDX_EINVAL (N = 0, noise outside
 * [0, 1), both noise models, a benefit-of-the-doubt node whose children's
 * weights would be perturbed), GOVIDX_ENOTFOUND (a noise level with no
 * weight), GOVIDX_ECANCELED, GOVIDX_ENOMEM (the scores of every replication
 * are kept: N x units x nodes x years doubles).
 */
GOVIDX_API int govidx_uncertainty_run(govidx_uncertainty **out, const govidx_plan *plan,
                                      const govidx_panel *panel, const govidx_uncertainty_options *opts);
/** The same on a dataset, for a plan made by govidx_plan_from_dataset. */
GOVIDX_API int govidx_uncertainty_run_dataset(govidx_uncertainty **out, const govidx_plan *plan,
                                              const govidx_dataset *ds, const govidx_uncertainty_options *opts);
/** Release a run; NULL is a no-op. */
GOVIDX_API void govidx_uncertainty_free(govidx_uncertainty *u);

GOVIDX_API size_t govidx_uncertainty_replications(const govidx_uncertainty *u);
GOVIDX_API size_t govidx_uncertainty_n_units(const govidx_uncertainty *u);
GOVIDX_API size_t govidx_uncertainty_n_years(const govidx_uncertainty *u);
GOVIDX_API size_t govidx_uncertainty_n_nodes(const govidx_uncertainty *u);
GOVIDX_API const char *govidx_uncertainty_unit_code(const govidx_uncertainty *u, size_t unit);
GOVIDX_API const char *govidx_uncertainty_node_code(const govidx_uncertainty *u, size_t node);
GOVIDX_API int govidx_uncertainty_year(const govidx_uncertainty *u, size_t year);
/** Nominal score and rank (unperturbed weights; rank 0 = missing). */
GOVIDX_API double govidx_uncertainty_nominal_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node);
GOVIDX_API size_t govidx_uncertainty_nominal_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node);
/**
 * Statistics of one cell over the replications where it was present
 * (NaN for a node without statistics under roots_only):
 * q in [0, 1] gives the type-7 quantile (R's default, COINr's) of the
 * scores or of the ranks; NaN for a bad index or q, or no present draw.
 */
GOVIDX_API double govidx_uncertainty_score_quantile(const govidx_uncertainty *u, size_t unit, size_t year,
                                                    size_t node, double q);
GOVIDX_API double govidx_uncertainty_rank_quantile(const govidx_uncertainty *u, size_t unit, size_t year,
                                                   size_t node, double q);
GOVIDX_API double govidx_uncertainty_mean_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node);
GOVIDX_API double govidx_uncertainty_mean_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node);
/** Mean |rank - nominal rank| over the replications. */
GOVIDX_API double govidx_uncertainty_mean_abs_rank_shift(const govidx_uncertainty *u, size_t unit, size_t year,
                                                         size_t node);

/** The Sobol inputs ("weights:CODE": the weights of node CODE's children);
 *  0 / NULL unless the run had sobol set. */
GOVIDX_API size_t govidx_uncertainty_n_inputs(const govidx_uncertainty *u);
GOVIDX_API const char *govidx_uncertainty_input_code(const govidx_uncertainty *u, size_t input);
/**
 * The Sobol indices of input `input` for the score of `unit` in root node
 * `node`, or with unit = (size_t)-1 for the root's mean absolute rank
 * shift: out[0..5] = first order, total order, first_lo, first_hi,
 * total_lo, total_hi (95% bootstrap percentile intervals; NaN when the
 * output does not vary).  GOVIDX_EINVAL without sobol, for a node that is
 * not a root, or an index out of range.
 */
GOVIDX_API int govidx_uncertainty_sobol(double *out, const govidx_uncertainty *u, size_t unit, size_t year,
                                        size_t node, size_t input);

/**
 * One row per unit, year and node: unit,year,node,nominal_score,
 * nominal_rank,mean_score,median_score,q05_score,q95_score,mean_rank,
 * median_rank,q05_rank,q95_rank,mean_abs_rank_shift, then a pair
 * qNN_score,qNN_rank per extra quantile (percentages, e.g. 25 and 75).
 * The file is written atomically.
 */
GOVIDX_API int govidx_uncertainty_write_csv(const govidx_uncertainty *u, const char *path,
                                            const double *extra_percent, size_t n_extra);
/** Every replication's sampled weights: replication,node,parent,weight
 *  (the within-parent weight after renormalisation; with per-year
 *  data-driven weights, the first year's), and with leave_one_out a row
 *  for the indicator left out, weight 0. */
GOVIDX_API int govidx_uncertainty_write_params_csv(const govidx_uncertainty *u, const char *path);
/**
 * The Sobol indices (GOVIDX_EINVAL unless the run had sobol set):
 * unit,year,node,input,first_order,total_order,first_lo,first_hi,total_lo,
 * total_hi,converged for every unit's score in every root node, and unit
 * "*" for the root's mean absolute rank shift over units (COINr's scalar).
 */
GOVIDX_API int govidx_uncertainty_write_sobol_csv(const govidx_uncertainty *u, const char *path);

/**
 * The statistics as a results run called `name` (govidx/run.h), to store
 * with govidx_run_file_add (the one write path: atomic, under the writer
 * lock) and read back with govidx_run_open.  Arrays over units x years x
 * nodes, the numbers of the CSV columns of the same names: "scores" and
 * "ranks" (nominal), "mean_score", "median_score", "q05_score",
 * "q95_score", "mean_rank", "median_rank", "q05_rank", "q95_rank",
 * "mean_abs_rank_shift", and "qNN_score", "qNN_rank" per extra quantile;
 * NaN where the CSV cell is empty.  Attributes "analysis" = "uncertainty"
 * and "replications".  Errors: GOVIDX_EINVAL (NULL, a bad name or quantile),
 * GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_uncertainty_to_run(govidx_run **out, const govidx_uncertainty *u, const char *name,
                                         const double *extra_percent, size_t n_extra);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_UNCERTAINTY_H */

/*
 * govidx/openness.h - dataset-level open-data checklists and place scores.
 *
 * An open-data audit answers, for each city, year and dataset of an index's
 * list, a checklist of criteria (exists, digital, public, free, online,
 * machine-readable, bulk, open licence, up to date, registration-free, API,
 * metadata standard).  The entry score is the sum of the weights of the
 * criteria answered yes; the place score is the total over the index's
 * dataset list as a percentage of the maximum, where a missing entry scores 0
 * but still counts (the Global Open Data Index method, Open Knowledge
 * 2013-2015; see docs/methods.md).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_OPENNESS_H
#define GOVIDX_OPENNESS_H

#include "common.h"
#include "dataset.h"
#include "method.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A checklist: points for a yes to each criterion.  Start from
 *  GOVIDX_CHECKLIST_INIT (the GODI weights) or govidx_checklist_init(). */
typedef struct govidx_checklist {
    unsigned version;        /**< GOVIDX_CHECKLIST_VERSION */
    const double *weights;   /**< n_weights points for a yes, indexed by govidx_criterion (finite, >= 0);
                                  NULL = the GODI weights (govidx_openness_checklist_godi) */
    size_t n_weights;        /**< at most GOVIDX_N_CRITERIA; criteria from n_weights on weigh 0 */
    double unsure_credit;    /**< share of the points an "unsure" earns (GODI: 0) */
} govidx_checklist;
#define GOVIDX_CHECKLIST_VERSION 1
#define GOVIDX_CHECKLIST_INIT { GOVIDX_CHECKLIST_VERSION, NULL, 0, 0.0 }
/** Set *cl to the defaults of `version` (1..GOVIDX_CHECKLIST_VERSION), as
 *  GOVIDX_CHECKLIST_INIT.  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_checklist_init(govidx_checklist *cl, unsigned version);

/**
 * The Global Open Data Index 2013/2014 weights, indexed by govidx_criterion:
 * exists 5, digital 5, public 5, free 15, online 5, machine-readable 15,
 * bulk 10, open licence 30, up to date 10 (total 100); the criteria after
 * these nine weigh 0; unsure counts as no.  Sets *weights (if not NULL) to
 * a static table and returns its length (9).  Source: Open Knowledge,
 * index.okfn.org methodology.
 */
GOVIDX_API size_t govidx_openness_checklist_godi(const double **weights);

/** Maximum entry score of a checklist (the sum of its weights); cl NULL =
 *  the GODI checklist; NaN for a bad checklist. */
GOVIDX_API double govidx_openness_checklist_max(const govidx_checklist *cl);

/**
 * Score one entry: the sum of the weights of the criteria answered
 * GOVIDX_ANSWER_YES, plus unsure_credit x weight for GOVIDX_ANSWER_UNSURE.
 * No and missing answers earn nothing.  `answers` holds n_answers codes
 * indexed by govidx_criterion; criteria from n_answers on count as
 * missing.  cl NULL = the GODI checklist.  GOVIDX_EINVAL for a bad
 * checklist (version, more weights than criteria, a negative or non-finite
 * weight, all weights 0), more than GOVIDX_N_CRITERIA answers or an
 * unknown answer code (naming the criterion).
 */
GOVIDX_API int govidx_openness_entry_score(double *score, const signed char *answers, size_t n_answers,
                                           const govidx_checklist *cl);

/**
 * Round half up (away from zero for positive values) to `digits` decimals,
 * as GODI publishes place scores.  A relative tolerance of 1e-9 absorbs
 * binary representation error (59.5 stored as 59.4999999 rounds to 60).
 */
GOVIDX_API double govidx_openness_round_half_up(double x, int digits);

/** Options of govidx_openness_checklist_compute(); start from
 *  GOVIDX_CHECKLIST_OPTIONS_INIT or govidx_checklist_options_init(). */
typedef struct govidx_checklist_options {
    unsigned version;                  /**< GOVIDX_CHECKLIST_OPTIONS_VERSION */
    const govidx_checklist *checklist; /**< NULL = the GODI checklist */
    const char *const *index_datasets; /**< n_index dataset codes of the index; NULL = in each year,
                                            every dataset code present in that year's inventory */
    const int *index_years;            /**< n_index years: index_datasets[i] belongs to the index of
                                            year index_years[i] (GODI changes its list every year);
                                            NULL = every listed code in every year */
    size_t n_index;
    int round_digits;                  /**< decimals of openness.score (GODI: 0, the default);
                                            < 0 = unrounded */
} govidx_checklist_options;
#define GOVIDX_CHECKLIST_OPTIONS_VERSION 1
#define GOVIDX_CHECKLIST_OPTIONS_INIT { GOVIDX_CHECKLIST_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0 }
/** Set *opts to the defaults of `version` (1..GOVIDX_CHECKLIST_OPTIONS_VERSION).
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_checklist_options_init(govidx_checklist_options *opts, unsigned version);

/**
 * Checklist place scores of every unit and year of a dataset's open-data
 * inventory, as a result.  In a year, the place score is the total of the
 * entry scores over the index's datasets that year as a percentage of the
 * maximum (checklist maximum x datasets); entries of other datasets are
 * ignored, and a place without an entry for a listed dataset scores 0 on
 * it.  Nodes:
 *   openness.score        the place score, rounded to round_digits  (ranked highest first)
 *   openness.score_exact  the same, unrounded                       (ranked highest first)
 *   openness.fully_open   share of the index's datasets whose entry earns
 *                         the maximum                               (ranked highest first)
 *   openness.entries      entries present for the place             (not ranked)
 * A year whose index has no dataset (none listed for it, or, with
 * index_datasets NULL, no inventory entry that year) is missing (NaN) for
 * every unit.  opts NULL = defaults (GODI).
 * Errors: GOVIDX_EINVAL (NULL, a bad version, checklist or list: an empty
 * code, a code listed twice for one year), GOVIDX_EMISSING (no year has an
 * index), GOVIDX_EFORMAT (a place with two entries for one dataset in a
 * year), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_openness_checklist_compute(govidx_result **out, const govidx_dataset *ds,
                                                 const govidx_checklist_options *opts);

/* ------------------------------------------------------------------ */
/* The openness framework O1-O5 (docs/methods/openness-checklist.md)                        */
/* ------------------------------------------------------------------ */

/** One indicator of the shipped openness framework.  Frozen:
 *  govidx_openness_framework() hands out an array of these, so the layout
 *  never changes (docs/abi.md). */
typedef struct govidx_openness_indicator {
    const char *code;     /**< panel indicator code, e.g. "open_licence_share" */
    const char *name;     /**< English name */
    const char *unit;
    int pillar;           /**< 1 Readiness, 2 Availability, 3 Accessibility/quality,
                               4 Platform & participation, 5 Use */
    int direction;        /**< +1 higher is better, -1 lower is better */
    double goal_low;      /**< goalposts: the value scoring 0 ... */
    double goal_high;     /**< ... and the value scoring 100 (direction +1) */
} govidx_openness_indicator;

/** The shipped framework: sets *out to a static table and returns its length.
 *  The indicator "checklist_score" (pillar 3) is computed from the dataset's
 *  open-data inventory (GODI checklist, govidx_openness_checklist_compute's
 *  openness.score_exact; missing for a place without entries) when the
 *  panel does not carry it. */
GOVIDX_API size_t govidx_openness_framework(const govidx_openness_indicator **out);

/** Pillar codes "O1".."O5" and names; NULL outside 1..5. */
GOVIDX_API const char *govidx_openness_pillar_name(int pillar);

/**
 * Compute the openness framework for every unit and year of a dataset with
 * the composite engine (plan/execute): the framework's indicators found in
 * the panel (plus the inventory's checklist score) become leaves of pillars
 * O1..O5 under the root "O"; goalposts and directions come from the
 * framework (a panel indicator's own goalposts win).  `method` NULL means
 * the default of docs/methods/openness-checklist.md: goalpost normalisation to 0-100,
 * arithmetic means within pillars, the geometric mean of the pillars at "O"
 * with a floor of 1 (a pillar at 0 does not zero the city), equal weights.
 * Any method spec can replace it (entropy or CRITIC weights, TOPSIS or MPI
 * at "O", ...; node codes O, O1..O5 and the indicator codes).  Pillars
 * without any indicator in the dataset are left out of the tree.
 * Errors: GOVIDX_EINVAL (NULL), GOVIDX_EMISSING (no indicator of the
 * framework and no inventory), plan/execute errors, GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_openness_compute(govidx_result **out, const govidx_dataset *ds,
                                       const govidx_method *method);

/**
 * The openness framework on a portal catalogue's measures: `measures` is
 * the result of govidx_catalogue_compute (include/govidx/catalogue.h); its
 * nodes whose codes are framework indicators (high_value_coverage,
 * datasets_per_100k, departments_publishing_share in O2;
 * machine_readable_share, bulk_download_share, open_licence_share,
 * updated_on_time_share, median_days_since_update in O3) become the leaves,
 * with the framework's goalposts, through the same composite engine and
 * default method as govidx_openness_compute.  A measure missing in every
 * cell (no population, no departments list) is left out of the tree.
 * Errors: GOVIDX_EINVAL (NULL), GOVIDX_EMISSING (no framework indicator),
 * plan/execute errors, GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_openness_catalogue_compute(govidx_result **out, const govidx_result *measures,
                                                 const govidx_method *method);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_OPENNESS_H */

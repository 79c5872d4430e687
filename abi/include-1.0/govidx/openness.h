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

/** Checklist weights, indexed by govidx_criterion. */
typedef struct govidx_checklist {
    unsigned version;                    /**< GOVIDX_CHECKLIST_VERSION */
    double weights[GOVIDX_N_CRITERIA];   /**< points for a yes (>= 0, finite) */
    double unsure_credit;                /**< share of the points an "unsure" earns (GODI: 0) */
} govidx_checklist;
#define GOVIDX_CHECKLIST_VERSION 1

/**
 * The Global Open Data Index 2013/2014 weights: exists 5, digital 5,
 * public 5, free 15, online 5, machine-readable 15, bulk 10, open licence
 * 30, up to date 10 (total 100); the three extra criteria weigh 0; unsure
 * counts as no.  Source: Open Knowledge, index.okfn.org methodology.
 */
GOVIDX_API int govidx_checklist_godi(govidx_checklist *out);

/** Maximum entry score of a checklist (the sum of its weights). */
GOVIDX_API double govidx_checklist_max(const govidx_checklist *cl);

/**
 * Score one entry: the sum of the weights of the criteria answered
 * GOVIDX_ANSWER_YES, plus unsure_credit x weight for GOVIDX_ANSWER_UNSURE.
 * No and missing answers earn nothing.  `answers` has GOVIDX_N_CRITERIA
 * codes.  GOVIDX_EINVAL for a bad checklist or an unknown answer code.
 */
GOVIDX_API int govidx_openness_entry_score(double *score, const signed char *answers,
                                           const govidx_checklist *cl);

/**
 * Round half up (away from zero for positive values) to `digits` decimals,
 * as GODI publishes place scores.  A relative tolerance of 1e-9 absorbs
 * binary representation error (59.5 stored as 59.4999999 rounds to 60).
 */
GOVIDX_API double govidx_round_half_up(double x, int digits);

/** Per-place results of govidx_openness_places. */
typedef struct govidx_openness_place {
    unsigned version;      /**< GOVIDX_OPENNESS_PLACE_VERSION (set by the caller) */
    double score;          /**< percentage of the maximum over the index's datasets (rounded if asked) */
    double score_exact;    /**< the same, unrounded */
    double fully_open;     /**< share of the index's datasets whose entry earns the maximum */
    size_t n_entries;      /**< entries present for the place */
} govidx_openness_place;
#define GOVIDX_OPENNESS_PLACE_VERSION 1

/**
 * Place scores of one year of a dataset's open-data inventory.
 * `index_datasets` lists the dataset codes of the index that year
 * (n_index entries; NULL = every dataset code present in that year's
 * inventory).  Entries of other datasets are ignored; a place without an
 * entry for a listed dataset scores 0 on it.  `round_digits` < 0 leaves
 * scores unrounded.  `out` has one element per unit of the dataset (each
 * with its version set).  GOVIDX_EFORMAT when a place has two entries for
 * one dataset; GOVIDX_ENOTFOUND for a year not in the dataset.
 */
GOVIDX_API int govidx_openness_places(govidx_openness_place *out, const govidx_dataset *ds, int year,
                                      const govidx_checklist *cl, const char *const *index_datasets,
                                      size_t n_index, int round_digits);

/* ------------------------------------------------------------------ */
/* The openness framework O1-O5 (METHODS.md 1.3)                        */
/* ------------------------------------------------------------------ */

/** One indicator of the shipped openness framework. */
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
 *  open-data inventory (GODI checklist, govidx_openness_places, unrounded)
 *  when the panel does not carry it. */
GOVIDX_API size_t govidx_openness_framework(const govidx_openness_indicator **out);

/** Pillar codes "O1".."O5" and names; NULL outside 1..5. */
GOVIDX_API const char *govidx_openness_pillar_name(int pillar);

/**
 * Compute the openness framework for every unit and year of a dataset with
 * the composite engine (plan/execute): the framework's indicators found in
 * the panel (plus the inventory's checklist score) become leaves of pillars
 * O1..O5 under the root "O"; goalposts and directions come from the
 * framework (a panel indicator's own goalposts win).  `method` NULL means
 * the default of METHODS.md 1.3: goalpost normalisation to 0-100,
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

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_OPENNESS_H */

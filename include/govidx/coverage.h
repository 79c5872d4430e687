/*
 * govidx/coverage.h - the coverage index of a city: how completely and how
 * evenly a service reaches its population, from district/community values.
 *
 * For one city, year and district variable c (a share in [0, 1]) over the
 * city's leaf districts (those without sub-districts) with a population:
 *
 *   V1 level      population-weighted mean  sum p c / sum p   (and the
 *                 unweighted mean of the shares, the UVA SDAD method)
 *   V2 equity     Gini, Theil T (with its exact within/between split over the
 *                 parent districts), Theil L, Atkinson(eps), weighted CV
 *   V3 continuity share of the population in communities with c >= theta,
 *                 and the number of "white-zone" communities (c = 0)
 *   adjusted      (1 - A_eps) x level, the inequality-adjusted headline
 *                 (UNDP IHDI logic)
 *
 * Zeros are floored (documented, counted) where logarithms need it; see
 * inequality.h.  Sources and formulas: docs/methods.md.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_COVERAGE_H
#define GOVIDX_COVERAGE_H

#include "common.h"
#include "dataset.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of govidx_coverage_compute(); start from GOVIDX_COVERAGE_OPTIONS_INIT
 *  or govidx_coverage_options_init().  Fields are only ever appended. */
typedef struct govidx_coverage_options {
    unsigned version;     /**< GOVIDX_COVERAGE_OPTIONS_VERSION */
    const char *variable; /**< district variable holding the coverage share; NULL = the dataset's first */
    double epsilon;       /**< Atkinson inequality aversion, default 1 */
    double theta;         /**< continuity threshold, default 0.5 */
    double floor;         /**< floor for zeros in Theil/Atkinson, default 0.001 */
    /* version 2 (issue 16) */
    const char *weight;   /**< district variable weighting the communities (e.g. households);
                               NULL = the district population */
    const char *include;  /**< district variable flagging the districts that count: 0 leaves a
                               district and its sub-districts out, 1 or missing keeps it; NULL =
                               the variable "include", else "residential", when there is one */
    const char *const *exclude_districts; /**< codes of districts left out with their sub-districts */
    size_t n_exclude_districts;
} govidx_coverage_options;
#define GOVIDX_COVERAGE_OPTIONS_VERSION 2
#define GOVIDX_COVERAGE_OPTIONS_INIT { GOVIDX_COVERAGE_OPTIONS_VERSION, NULL, 1.0, 0.5, 0.001, NULL, NULL, NULL, 0 }
/** Set *opts to the defaults of `version` (1..GOVIDX_COVERAGE_OPTIONS_VERSION).
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_coverage_options_init(govidx_coverage_options *opts, unsigned version);

/** Label key of govidx_coverage_compute's result: the codes of a city's
 *  three worst-covered communities (lowest share first; fewer when it has
 *  fewer communities), read with govidx_result_n_labels/govidx_result_label. */
#define GOVIDX_COVERAGE_WORST "coverage.worst"
/** Label key of govidx_coverage_compute's result: the districts of a city
 *  left out in a year, each as "CODE (include = 0)" (or the include
 *  variable's name) or "CODE (excluded by code)"; their sub-districts are
 *  left out with them and not listed. */
#define GOVIDX_COVERAGE_LEFT_OUT "coverage.left_out"

/**
 * The coverage index of every unit (city) of the dataset in every year, as
 * a result (scores, ranks, CSV, runs).  Its nodes, in this order:
 *
 *   node                       score                                  ranked
 *   coverage.level             V1, population-weighted mean share     highest first
 *   coverage.level_unweighted  mean of the shares (UVA SDAD)          highest first
 *   coverage.gini              Gini                                   lowest first
 *   coverage.theil_t           Theil T                                lowest first
 *   coverage.theil_within      its part within parent districts      lowest first
 *   coverage.theil_between     its part between parent districts     lowest first
 *   coverage.theil_l           Theil L (mean log deviation)           lowest first
 *   coverage.atkinson          Atkinson(epsilon)                      lowest first
 *   coverage.cv                population-weighted CV                 lowest first
 *   coverage.continuity        population share with c >= theta       highest first
 *   coverage.white_zones       communities with c = 0                 lowest first
 *   coverage.communities       leaf districts with a value and a
 *                              population > 0                         not ranked
 *   coverage.population        their total population (the total
 *                              weight with opts->weight)              not ranked
 *   coverage.floored           values raised to the floor             not ranked
 *   coverage.adjusted          (1 - Atkinson) x level: the headline   highest first
 *
 * For an inequality measure lower is better, so the result ranks it lowest
 * first (govidx_result_node_direction gives -1): rank 1 is the most equal
 * city.  A city-year without communities has coverage.communities 0 and
 * every other node missing (NaN, unranked); with a level of 0 the
 * inequality measures are missing and the adjusted level is 0.  The
 * worst-covered communities are labels of each (city, year) under
 * GOVIDX_COVERAGE_WORST, the districts left out (opts->include,
 * opts->exclude_districts) under GOVIDX_COVERAGE_LEFT_OUT.  With
 * opts->weight every population weight is that district variable (e.g.
 * households; a community needs a weight > 0).  The default variable is
 * the first district variable that is not the include flag or the weight.
 * The result's method names the weight.  opts NULL = defaults.
 * Errors: GOVIDX_EINVAL (NULL, a bad version or option), GOVIDX_ENOTFOUND
 * (the variable, district values or populations, the weight or include
 * variable, a district to exclude), GOVIDX_EDOMAIN (a share outside [0, 1],
 * a negative population or weight, an include flag other than 0/1, naming
 * the district and year),
 * GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_coverage_compute(govidx_result **out, const govidx_dataset *ds,
                                       const govidx_coverage_options *opts);

/* ------------------------------------------------------------------ */
/* Accessibility within coverage: 2SFCA / E2SFCA per city               */
/* ------------------------------------------------------------------ */

/** Accessibility of one city's communities to its service points. */
typedef struct govidx_coverage_access_result {
    unsigned version;     /**< GOVIDX_COVERAGE_ACCESS_VERSION, or an older version (set by the
                               caller; the library writes only that version's fields) */
    double mean;          /**< population-weighted mean accessibility sum P_d A_d / sum P_d (supply per
                               person; with every service point reaching some demand it equals
                               sum S / sum P) */
    double gini;          /**< population-weighted Gini of A */
    double atkinson;      /**< Atkinson(epsilon) of A / mean (zeros floored at 0.001 x mean) */
    double adjusted;      /**< (1 - atkinson) x mean, the inequality-adjusted accessibility */
    double reached;       /**< share of the population with A_d > 0 (some service in reach) */
    double above;         /**< share of the population with A_d >= standard (NaN when standard <= 0) */
    size_t unreached;     /**< communities with A_d = 0 */
    size_t n_floored;     /**< values floored for Atkinson */
} govidx_coverage_access_result;
#define GOVIDX_COVERAGE_ACCESS_VERSION 1
#define GOVIDX_COVERAGE_ACCESS_RESULT_INIT { GOVIDX_COVERAGE_ACCESS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0 }
/** Set *out to an empty result of `version` (1..GOVIDX_COVERAGE_ACCESS_VERSION),
 *  ready for govidx_coverage_access().  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_coverage_access_result_init(govidx_coverage_access_result *out, unsigned version);

/**
 * Spatial accessibility of a city's n_d communities (populations P, > 0 for
 * at least one) to n_s service points (capacities S) through a precomputed
 * cost matrix (travel time or distance; column-major n_d x n_s, leading
 * dimension ld; NaN/Inf = unreachable): A_d by the two-step floating
 * catchment area method with catchment d0 (Luo & Wang 2003) or, with
 * n_zones > 0, its enhanced form with distance-decay weights per zone (Luo
 * & Qi 2009), as govidx_access_2sfca() computes it; then the coverage view
 * of A: its population-weighted mean, Gini, Atkinson(epsilon) and
 * inequality-adjusted mean, and the population shares reached and at or
 * above `standard` (e.g. 1 doctor per 1,000 = 0.001).  access (n_d, may be
 * NULL) receives A_d.  Output parameters come first; out->version is set
 * by the caller (govidx_coverage_access_result_init).  Errors as
 * govidx_access_2sfca(), GOVIDX_EINVAL for epsilon < 0 or a bad
 * version, GOVIDX_EDOMAIN when the total population is 0.
 */
GOVIDX_API int govidx_coverage_access(govidx_coverage_access_result *out, double *access,
                                      const double *population, size_t n_d, const double *supply, size_t n_s,
                                      const double *cost, size_t ld, double d0, const double *bound,
                                      const double *weight, size_t n_zones, double standard, double epsilon);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_COVERAGE_H */

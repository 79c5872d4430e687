/*
 * govidx/collaboration.h - the collaboration-efficiency index (docs/methods/collaboration.md).
 *
 * CE aggregates four layers, each a score in [0, 1] per city and year:
 *   C1 network structure  from the actor network (govidx/network.h): the mean
 *                         of density, cross-sector tie share, (E-I + 1)/2,
 *                         1 - data-silo share, reciprocity and the largest
 *                         weak component's share (all natural [0,1] scales);
 *   C2 process            collaborative-dynamics indicators of the panel
 *                         (governance bodies, consultations, trust, one-stop
 *                         service, request fulfilment and latency), each
 *                         normalised between goalposts, then averaged;
 *   C3 efficiency         the DEA score of the city-year among that year's
 *                         cities, from the dataset's DEA block (CCR, input
 *                         oriented by default), plus Malmquist change between
 *                         consecutive years as extra (non-aggregated) nodes;
 *   C4 synergy            the coupling-coordination degree D of three
 *                         subsystems (government supply, enterprise
 *                         participation, public participation), each the mean
 *                         of its normalised indicators.
 * CE = weighted geometric mean of the layers available for that city-year
 * (arithmetic on request); node CE.layers records how many were used.
 * docs/methods/collaboration.md states every formula and its source.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_COLLABORATION_H
#define GOVIDX_COLLABORATION_H

#include <stddef.h>
#include "govidx/common.h"
#include "govidx/dataset.h"
#include "govidx/dea.h"
#include "govidx/network.h"
#include "govidx/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One indicator of the shipped collaboration framework (layers C2 and C4).
 *  Frozen: govidx_collaboration_framework() hands out an array of these, so
 *  the layout never changes (docs/abi.md). */
typedef struct govidx_ce_indicator {
    const char *code;     /**< panel indicator code, e.g. "request_fulfilment" */
    const char *name;     /**< English name */
    const char *unit;
    int layer;            /**< 2 = process (C2), 4 = synergy subsystem (C4) */
    int subsystem;        /**< C4 only: 1 government supply, 2 enterprise, 3 public */
    int direction;        /**< +1 higher is better, -1 lower is better */
    double goal_low;      /**< value scoring 0 (direction +1) */
    double goal_high;     /**< value scoring 1 (direction +1) */
} govidx_ce_indicator;

/** The shipped framework: sets *out to a static table and returns its length. */
GOVIDX_API size_t govidx_collaboration_framework(const govidx_ce_indicator **out);

/** Layer aggregation (values are ABI). */
typedef enum govidx_ce_aggregation {
    GOVIDX_CE_GEOMETRIC = 0,  /**< weighted geometric mean (default; docs/methods/collaboration.md) */
    GOVIDX_CE_ARITHMETIC = 1  /**< weighted arithmetic mean */
} govidx_ce_aggregation;

/**
 * The layer aggregation called `name`: "geometric" or "arithmetic" (the
 * names `govidx compute --ce-aggregation` takes).  GOVIDX_EFORMAT naming the
 * text for anything else; GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_ce_aggregation_from_name(govidx_ce_aggregation *out, const char *name);

/** The canonical name of a value, static; NULL (GOVIDX_EINVAL in govidx_last_error()) out of range. */
GOVIDX_API const char *govidx_ce_aggregation_name(govidx_ce_aggregation value);

/** Options of govidx_collaboration_compute(); start from GOVIDX_COLLABORATION_OPTIONS_INIT
 *  or govidx_collaboration_options_init().  Fields are only ever appended. */
typedef struct govidx_collaboration_options {
    unsigned version;                     /**< GOVIDX_COLLABORATION_OPTIONS_VERSION */
    const char *network_layer;            /**< C1 from this edge layer; NULL = every layer merged */
    const govidx_network_options *network;/**< silo/government sectors; NULL = defaults */
    govidx_dea_rts dea_rts;               /**< C3 technology, default GOVIDX_DEA_CRS */
    govidx_dea_orientation dea_orientation; /**< default GOVIDX_DEA_INPUT */
    govidx_ce_aggregation aggregation;    /**< default GOVIDX_CE_GEOMETRIC */
    const double *layer_weights;          /**< n_layer_weights weights >= 0 (C1..C4), or NULL = equal */
    size_t n_layer_weights;               /**< must equal the number of layers (4) when layer_weights is set */
    int coupling_traditional;             /**< C4: 0 = corrected C (Wang et al. 2021), 1 = traditional */
    double coupling_floor;                /**< C4: U = floor + (1 - floor) u, in [0, 1); default 0.01 */
    /* version 2 (issue 16): units left out before every layer, so before
     * C3's DEA frontier and the Malmquist pairs; they are missing and
     * unranked in the result and the others are scored as if the dataset
     * held only them.  Every code must be a unit of the dataset. */
    const char *const *exclude;           /**< codes of the units left out (n_exclude of them) */
    size_t n_exclude;
    const char *const *only;              /**< when n_only > 0: the units kept, all others left out */
    size_t n_only;
} govidx_collaboration_options;
#define GOVIDX_COLLABORATION_OPTIONS_VERSION 2
#define GOVIDX_COLLABORATION_OPTIONS_INIT                                                         \
    { GOVIDX_COLLABORATION_OPTIONS_VERSION, NULL, NULL, GOVIDX_DEA_CRS, GOVIDX_DEA_INPUT,       \
      GOVIDX_CE_GEOMETRIC, NULL, 0, 0, 0.01, NULL, 0, NULL, 0 }
/** Label key of govidx_collaboration_compute's result: for a city-year
 *  left out of C3's DEA (and of the Malmquist pairs with that year), one
 *  label giving the reason ("no positive DEA output", "no positive DEA
 *  input", "a DEA variable is missing", "a DEA variable is negative or
 *  infinite"); none for the cities scored.  Read it with
 *  govidx_result_n_labels / govidx_result_label.  The other cities are
 *  scored without them. */
#define GOVIDX_CE_DEA_LEFT_OUT "collaboration.dea_left_out"

/** Number of layers (C1..C4), the length layer_weights must have. */
#define GOVIDX_CE_N_LAYERS 4
/** Set *opts to the defaults of `version` (1..GOVIDX_COLLABORATION_OPTIONS_VERSION).
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_collaboration_options_init(govidx_collaboration_options *opts, unsigned version);

/**
 * Compute the collaboration-efficiency index of every unit and year of a
 * dataset.  The result's nodes (also the `node` column of its CSV) are
 *   CE, CE.layers,
 *   CE.C1 and CE.C1.<measure> for density, cross_sector_share, ei (E-I
 *     rescaled to [0,1]), silo_free (1 - silo share), reciprocity,
 *     largest_weak_share;
 *   CE.C2 and CE.C2.<code> for each process indicator of the panel;
 *   CE.C3 (DEA efficiency), CE.C3.effch, CE.C3.techch, CE.C3.tfpch
 *     (Malmquist from the previous year; CRS technology, as DEAP reports);
 *   CE.C4 (D), CE.C4.U1, CE.C4.U2, CE.C4.U3, CE.C4.C, CE.C4.T.
 * A layer is missing (NaN) for a city-year without its data: no actors or
 * no edges that year (C1), none of the process indicators (C2), a DEA
 * variable missing (C3), a subsystem without any indicator (C4).  A panel
 * indicator's goalposts in the file replace the framework's.
 * Units left out by opt->exclude / opt->only (version 2) have every node
 * missing (NaN) and no rank; the others equal the
 * result of a dataset without those units.
 * opt NULL = defaults.
 * Errors: GOVIDX_EINVAL (NULL, options: a bad version, n_layer_weights
 * other than 4 with layer_weights set, a negative weight, a count without
 * its list, exclude/only leaving no unit), GOVIDX_ENOTFOUND (an exclude or
 * only code that is not a unit of the dataset, named), GOVIDX_EMISSING (no
 * layer can be computed for any city-year), DEA and network errors,
 * GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_collaboration_compute(govidx_result **out, const govidx_dataset *ds,
                                            const govidx_collaboration_options *opt);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_COLLABORATION_H */

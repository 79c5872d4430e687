/*
 * govidx/plan.h - plan / execute for composite indices (FFTW style).
 *
 * govidx_plan_new binds an index framework and a method spec to the shape of
 * a panel (units x variables, per year).  It validates everything that can
 * be validated up front (method names, goalposts, denominators, the tree),
 * computes data-driven weights once (pooled over all years by default, or
 * per year) and freezes them.  A plan is immutable: govidx_execute and
 * govidx_execute_year are reentrant, so one plan can run on many panels and
 * on different years from many threads at once.
 *
 * Steps, in order, for every year: denominate -> impute -> treat outliers ->
 * normalise (per year) -> aggregate up the tree with the frozen weights,
 * skipping missing children and renormalising the remaining weights.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_PLAN_H
#define GOVIDX_PLAN_H

#include "common.h"
#include "dataset.h"
#include "framework.h"
#include "method.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: a prepared, immutable computation. */
typedef struct govidx_plan govidx_plan;
/** Opaque: the scores, ranks and contributions of one execution. */
typedef struct govidx_result govidx_result;

/**
 * A panel of raw values: for each year a units x variables column-major view
 * (NaN = missing).  Columns are the ones the framework's indicators name.
 * Every view must have the same number of rows and columns.
 */
typedef struct govidx_panel {
    unsigned version;                 /**< GOVIDX_PANEL_VERSION */
    size_t n_years;
    const govidx_matrix_view *years;  /**< n_years views */
    const int *year_labels;           /**< n_years labels (NULL = 1, 2, ...) */
    const char *const *unit_codes;    /**< n_units codes (NULL = "1", "2", ...) */
    const int *unit_groups;           /**< group label per unit for group imputation (NULL = none; < 0 = no group) */
} govidx_panel;
#define GOVIDX_PANEL_VERSION 1
#define GOVIDX_PANEL_INIT { GOVIDX_PANEL_VERSION, 0, NULL, NULL, NULL, NULL }
/** Set *panel to the defaults of `version` (1..GOVIDX_PANEL_VERSION), as
 *  GOVIDX_PANEL_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_panel_init(govidx_panel *panel, unsigned version);

/**
 * Build a plan.  `fw` must be sealed; it is copied, as is `method` (NULL =
 * defaults).  Data-driven weights (entropy, CRITIC, PCA) are computed here
 * from `panel`.  Errors name the indicator, node or year at fault:
 * GOVIDX_EDIM (a column outside the panel, views of different shapes),
 * GOVIDX_ENUMERIC (Inf, zero variance where the method needs variance),
 * GOVIDX_EMISSING (an indicator missing for every unit), GOVIDX_EINVAL.
 */
GOVIDX_API int govidx_plan_new(govidx_plan **out, const govidx_framework *fw,
                               const govidx_method *method, const govidx_panel *panel);

/**
 * Build a plan for a dataset: its framework (govidx_framework_from_dataset),
 * indicator metadata (directions, goalposts, targets, denominators), unit
 * groups (the grouping named by impute.group) and panel.
 */
GOVIDX_API int govidx_plan_from_dataset(govidx_plan **out, const govidx_dataset *ds,
                                        const govidx_method *method);

/**
 * Execute a plan made by govidx_plan_from_dataset on that dataset (or
 * another of the same shape): units, years and panel come from `ds`.
 */
GOVIDX_API int govidx_execute_dataset(govidx_result **out, const govidx_plan *plan,
                                      const govidx_dataset *ds);

/** Release a plan; NULL is a no-op. */
GOVIDX_API void govidx_plan_free(govidx_plan *plan);

/** The plan's framework (owned by the plan). */
GOVIDX_API const govidx_framework *govidx_plan_framework(const govidx_plan *plan);

/**
 * The frozen weight of node k within its parent, as used by the plan (after
 * data-driven weighting and normalisation within the node) for year index
 * `year` (ignored when weights are pooled).  NaN for roots.
 */
GOVIDX_API double govidx_plan_weight(const govidx_plan *plan, size_t node, size_t year);

/**
 * The plan's method spec as canonical JSON (govidx_method_to_json's text),
 * borrowed: owned by the plan and valid until govidx_plan_free(), like
 * govidx_result_method_json() (docs/abi.md, "Ownership").  NULL for NULL.
 */
GOVIDX_API const char *govidx_plan_method_json(const govidx_plan *plan);

/**
 * Compute every node for every unit and year of `panel` (same shape as the
 * plan's).  Reentrant.  The result owns its data.
 */
GOVIDX_API int govidx_execute(govidx_result **out, const govidx_plan *plan, const govidx_panel *panel);

/**
 * Recompute every node, unit and year of `panel` into `result`, an existing
 * result of this plan (from govidx_execute or govidx_result_new) for a panel
 * with the same shape and labels: the way to recompute after the data
 * change without allocating (and the kernel clearing) a new result.  The
 * result's labels and method are checked against the plan and panel
 * (GOVIDX_EDIM / GOVIDX_EINVAL, result untouched).  On a failure during the
 * computation every cell is reset to missing, never left half old, half new.
 */
GOVIDX_API int govidx_execute_into(govidx_result *result, const govidx_plan *plan, const govidx_panel *panel);

/**
 * An empty result shaped for `panel`, to be filled year by year with
 * govidx_execute_year (e.g. one year per thread).
 */
GOVIDX_API int govidx_result_new(govidx_result **out, const govidx_plan *plan, const govidx_panel *panel);

/**
 * Compute year index `year` of `panel` into `result`.  Different threads may
 * fill different years of one result at the same time.
 */
GOVIDX_API int govidx_execute_year(govidx_result *result, const govidx_plan *plan,
                                   const govidx_panel *panel, size_t year);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_PLAN_H */

/*
 * govidx/result.h - scores, ranks and contributions of an executed plan.
 *
 * A result holds, for every unit, year and node of the framework (indicators
 * and aggregates), the score (normalised value for indicators, aggregated
 * score for aggregates) and its rank among the units of that year
 * (competition ranking: highest score ranks 1, ties share the lowest rank,
 * "1224"; missing scores are unranked; a node whose lower scores are better
 * ranks lowest first, see govidx_result_node_direction).  It also holds each indicator's
 * contribution to its root's score and the flags of treated/imputed cells,
 * plus the method spec as provenance.
 *
 * Executing writes the scores only.  Ranks are computed for the whole
 * result the first time any rank is asked for (govidx_result_rank, the CSV
 * and run exports, strengths, comparisons), on the caller's thread and as
 * many helper threads as years; this is safe from several threads at once
 * and cannot fail.  Contributions are derived from the scores when asked
 * for.  So a caller that reads only scores (uncertainty runs, root scores)
 * never pays for sorting every node of every year.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_RESULT_H
#define GOVIDX_RESULT_H

#include "common.h"
#include "plan.h"
#include "run.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Release a result; NULL is a no-op. */
GOVIDX_API void govidx_result_free(govidx_result *r);

/** Shape and labels of a result: units, years and framework nodes (0 / NULL
 *  for a NULL result or an index out of range). */
GOVIDX_API size_t govidx_result_n_units(const govidx_result *r);
GOVIDX_API size_t govidx_result_n_years(const govidx_result *r);
GOVIDX_API size_t govidx_result_n_nodes(const govidx_result *r);
GOVIDX_API const char *govidx_result_unit_code(const govidx_result *r, size_t unit);
GOVIDX_API int govidx_result_year(const govidx_result *r, size_t year);
GOVIDX_API const char *govidx_result_node_code(const govidx_result *r, size_t node);

/** Score of (unit, year, node); NaN when missing or out of range. */
GOVIDX_API double govidx_result_score(const govidx_result *r, size_t unit, size_t year, size_t node);
/** Rank of (unit, year, node); 0 when unranked (missing score).  The first
 *  call on a result (or after govidx_execute_into) ranks every node. */
GOVIDX_API size_t govidx_result_rank(const govidx_result *r, size_t unit, size_t year, size_t node);

/**
 * Relative tie tolerance of the result's ranks (default
 * GOVIDX_TIE_TOLERANCE, 1e-12; see govidx_analysis_rank_scores_tol): scores
 * within it of the first score of a tie group share its rank.  Setting it
 * makes the ranks be computed again from the scores on next use (ranks read
 * from a file included).  GOVIDX_EINVAL for NULL or unless 0 <= rel_tol < 1.
 */
GOVIDX_API int govidx_result_set_tie_tolerance(govidx_result *r, double rel_tol);

/**
 * Leave units out of a result after the fact (issue 16): every score of
 * the units with keep[u] == 0 becomes missing (NaN) and unranked, leaf
 * cells get GOVIDX_FLAG_EXCLUDED where the result has flags, and the others
 * are ranked among themselves on next use.  Only for results whose units
 * are computed independently of each other: coverage
 * (govidx_coverage_compute) and openness (govidx_openness_compute,
 * govidx_openness_checklist_compute: each city is scored on the fixed
 * goalposts and its own entries); a plan leaves units out before computing
 * (units.exclude, units.only).
 * keep has govidx_result_n_units(r) entries.  GOVIDX_EINVAL for NULL.
 */
GOVIDX_API int govidx_result_leave_out_units(govidx_result *r, const unsigned char *keep);
/** The result's relative tie tolerance; NaN for NULL. */
GOVIDX_API double govidx_result_tie_tolerance(const govidx_result *r);

/**
 * How node `node` is ranked: +1 highest score first (every node of a
 * plan's result), -1 lowest first (a measure where lower is better, such
 * as an inequality measure of the coverage index: its rank 1 is the most
 * equal unit), 0 not ranked (a count; every rank reads 0).  0 for a NULL
 * result or a node out of range.
 */
GOVIDX_API int govidx_result_node_direction(const govidx_result *r, size_t node);

/**
 * Named lists of strings attached to a (unit, year) cell of a result, for
 * what a score alone cannot say: e.g. the coverage index's key
 * "coverage.worst" lists the codes of a city's worst-covered communities
 * (govidx/coverage.h).  govidx_result_n_labels gives the number of labels
 * of `key` for the cell (0 for an unknown key, NULL or out of range);
 * govidx_result_label the i-th of them (NULL when i is out of range), owned
 * by the result and valid until it is freed.  Labels are not part of the
 * CSV or run exports.
 */
GOVIDX_API size_t govidx_result_n_labels(const govidx_result *r, size_t unit, size_t year, const char *key);
GOVIDX_API const char *govidx_result_label(const govidx_result *r, size_t unit, size_t year, const char *key,
                                           size_t i);

/**
 * The scores of one year and node for all units (length n_units), or NULL.
 * Valid until the result is freed.
 */
GOVIDX_API const double *govidx_result_scores(const govidx_result *r, size_t year, size_t node);

/**
 * Contribution of indicator node `leaf` to the score of its root for (unit,
 * year): effective weight x normalised value / root score, as a share (the
 * contributions of a unit sum to 1 when every aggregation on the path is
 * arithmetic and no child is missing).  NaN for aggregates.
 */
GOVIDX_API double govidx_result_contribution(const govidx_result *r, size_t unit, size_t year, size_t leaf);

/** Flag bits (GOVIDX_FLAG_IMPUTED, GOVIDX_FLAG_TREATED, ...) of an indicator cell. */
GOVIDX_API unsigned govidx_result_flags(const govidx_result *r, size_t unit, size_t year, size_t leaf);

/** The method spec the result was computed with: canonical JSON, borrowed
 *  (owned by the result, valid until govidx_result_free()).  NULL for NULL. */
GOVIDX_API const char *govidx_result_method_json(const govidx_result *r);

/**
 * Write the result as long-format CSV with the header `unit,year,node,score,rank`
 * and one row per year, node (in framework order: indicators first, the root
 * last) and unit.  Scores are printed in the shortest decimal text that
 * strtod() reads back as the identical double (0.1, not 0.10000000000000001;
 * printf's %g layout: an exponent below 1e-4 and from 1e17 on); missing
 * scores as empty fields and unranked ranks as empty fields.  The file is
 * written to a temporary file and renamed over `path` (atomic).
 */
GOVIDX_API int govidx_result_write_csv(const govidx_result *r, const char *path);

/**
 * As govidx_result_write_csv, but only the nodes k with keep[k] != 0 (keep
 * has govidx_result_n_nodes(r) entries; NULL = every node), e.g. the index
 * and its pillars without the indicators.  Same columns, order and numbers.
 * Errors: GOVIDX_EINVAL (NULL r or path), GOVIDX_EIO, GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_result_write_csv_nodes(const govidx_result *r, const char *path,
                                             const unsigned char *keep);

/** Bytes govidx_format_double() needs for any double, the NUL included. */
#define GOVIDX_DOUBLE_TEXT_MAX 32

/**
 * The text govidx writes for a number in its CSV files: the shortest decimal
 * that strtod() reads back as exactly x, in printf's %g layout (as
 * govidx_result_write_csv describes; "inf", "-inf", "nan" for the others),
 * into buf (size n, always terminated when n > 0).  Returns the length the
 * full text needs, as snprintf does (at most GOVIDX_DOUBLE_TEXT_MAX - 1).
 */
GOVIDX_API size_t govidx_format_double(char *buf, size_t n, double x);

/**
 * Package the result as a results run called `name`, ready for
 * govidx_run_file_add(): arrays "scores", "ranks" (NaN = unranked),
 * "contrib" and "flags", and the attribute "method" (the method spec as
 * JSON).  Release with govidx_run_free().
 */
GOVIDX_API int govidx_result_to_run(govidx_run **out, const govidx_result *r, const char *name);

/* ------------------------------------------------------------------ */
/* Reading a result: strengths and weaknesses, two method variants       */
/* ------------------------------------------------------------------ */

/**
 * Strengths and weaknesses of one unit in one year (COINr's idea of
 * per-unit "strengths and weaknesses"): among the result's indicators
 * (leaves) with a score for the unit, the k where its rank among units is
 * best and the k where it is worst (ranks are competition ranks of the
 * normalised values, 1 = best; ties in rank keep framework order).  strong
 * and weak receive up to k leaf node indices each (best first / worst
 * first); *n_strong and *n_weak their counts (fewer than k when fewer
 * indicators have a value).  Errors: GOVIDX_EINVAL (NULL, unit/year out of
 * range), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_result_strengths(size_t *strong, size_t *n_strong, size_t *weak,
                                       size_t *n_weak, size_t k, const govidx_result *r,
                                       size_t unit, size_t year);

/** Summary of how a node's ranking moves between two method variants. */
typedef struct govidx_rank_shift {
    unsigned version;   /**< GOVIDX_RANK_SHIFT_VERSION (set by the caller) */
    size_t n;           /**< units ranked in both results */
    double mean_abs;    /**< mean |rank_b - rank_a| over those units */
    size_t max_abs;     /**< largest |rank_b - rank_a| */
    double share_moved; /**< share of those units whose rank moves by more than `threshold` */
    double spearman;    /**< Spearman correlation of the two score vectors (NaN when n < 2 or constant) */
    double mean_abs_score; /**< mean |score_b - score_a| */
} govidx_rank_shift;
#define GOVIDX_RANK_SHIFT_VERSION 1
#define GOVIDX_RANK_SHIFT_INIT { GOVIDX_RANK_SHIFT_VERSION, 0, 0.0, 0, 0.0, 0.0, 0.0 }
/** Set *out to the zero record of `version` (1..GOVIDX_RANK_SHIFT_VERSION), as
 *  GOVIDX_RANK_SHIFT_INIT does, for callers that cannot use macros;
 *  govidx_result_compare then fills only the fields of that version.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_rank_shift_init(govidx_rank_shift *out, unsigned version);

/**
 * Compare node `node` (by code, present in both) in year `year` (by label)
 * of two results over the same units (matched by code, in any order):
 * the summary in *out and, when non-NULL, per unit of `a` the score
 * difference b - a (dscore, NaN if either is missing) and rank difference
 * rank_b - rank_a (drank, 0 if either is unranked; a positive value means
 * the unit falls).  out->version is set by the caller (1..
 * GOVIDX_RANK_SHIFT_VERSION); *out receives the fields of that version,
 * on success only.  Errors: GOVIDX_EINVAL (NULL, version),
 * GOVIDX_ENOTFOUND (node, year or a unit missing from b), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_result_compare(govidx_rank_shift *out, double *dscore, long *drank,
                                     const govidx_result *a, const govidx_result *b, const char *node,
                                     int year, size_t threshold);

/* ------------------------------------------------------------------ */
/* Finding a unit, node or year by its label                            */
/* ------------------------------------------------------------------ */

/**
 * The index of the unit with code `code` (exact, case-sensitive match),
 * of the node with code `code`, or of the year labelled `year_label`, in
 * *unit / *node / *year (which may be NULL to test presence; untouched on
 * error).  Errors: GOVIDX_EINVAL (NULL result or code), GOVIDX_ENOTFOUND
 * naming the code or year.  Linear in the number of units, nodes or years.
 */
GOVIDX_API int govidx_result_find_unit(size_t *unit, const govidx_result *r, const char *code);
GOVIDX_API int govidx_result_find_node(size_t *node, const govidx_result *r, const char *code);
GOVIDX_API int govidx_result_find_year(size_t *year, const govidx_result *r, int year_label);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_RESULT_H */

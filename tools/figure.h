/*
 * tools/figure.h - the charts of tools/chart.h built from a dataset and its
 * results, for `govidx plot` and the HTML report.  A figure owns the
 * arrays its chart points to; release it with figure_free.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_FIGURE_H
#define GOVIDX_FIGURE_H

#include "chart.h"

#include <govidx.h>

typedef struct figure {
    chart c;
    char **labels;
    double *v1, *v2, *lo, *hi;
    size_t *rank;
    char title[512], subtitle[512];
    char err[512]; /* why a builder failed */
} figure;

/* A unit's display name: its name in the file, else its code. */
const char *figure_unit_name(const govidx_dataset *ds, const char *code);

/* Ranking of `node` (a result node index) in result year index `year`:
 * units by score, best first (rank order), with the 5-95% score interval
 * of `unc` as whiskers when it is not NULL. */
int figure_ranking(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t node, size_t year,
                   const govidx_uncertainty *unc);
/* Slope chart of `node` from year index y_from to y_to: scores, or ranks
 * when `ranks` != 0. */
int figure_slope(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t node, size_t y_from,
                 size_t y_to, int ranks);
/* Profile of `unit` in year index `year`: the scores of the children of
 * aggregate `parent` (its pillars) against the median over units.  radar
 * != 0 draws a radar (needs at least 3 children), else paired bars. */
int figure_profile(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t unit, size_t year,
                   size_t parent, int radar);
/* Coverage of city `unit` (dataset unit index) by top-level district in
 * dataset year index `year`: the population-weighted mean of district
 * variable `variable` (NULL = the first) over each district's leaf
 * districts, with the previous year's as ticks when there is one. */
int figure_coverage(figure *f, const govidx_dataset *ds, size_t unit, size_t year, const char *variable);

void figure_free(figure *f);

/* Open `file` (through cli_dataset_open) and compute its index tree with
 * the method spec file `spec` (NULL or "-" = defaults): *ds, *plan and *r
 * (each released by the caller).  Messages go to stderr; returns a govidx
 * status. */
int figure_compute(govidx_dataset **ds, govidx_plan **plan, govidx_result **r, const char *file, const char *spec);
/* The result index of the first root of the dataset's framework, or
 * (size_t)-1. */
size_t figure_root(const govidx_dataset *ds, const govidx_result *r);

#endif

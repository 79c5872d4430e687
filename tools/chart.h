/*
 * tools/chart.h - the report's and `govidx plot`'s charts, drawn with cairo.
 *
 * One drawing code per chart kind, onto any cairo_t: the same chart goes
 * to an SVG, PDF or PNG file (chart_write_file) or to an in-memory SVG
 * string for embedding in HTML (chart_svg_string).  Text is drawn with
 * cairo's font API in "Noto Sans CJK SC", which covers Latin and CJK, so
 * Chinese city and community names render (docs/figures.md).
 *
 * A chart is described by plain arrays the caller owns (labels are UTF-8,
 * NaN = missing); nothing here reads a dataset (tools/chart_data.c builds
 * charts from results).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_CHART_H
#define GOVIDX_CHART_H

#include <cairo.h>
#include <stddef.h>

typedef enum chart_kind {
    CHART_RANKING = 0, /* horizontal bars sorted by value, optional interval whiskers */
    CHART_SLOPE = 1,   /* one line per unit: value (or rank) last year -> this year */
    CHART_PROFILE = 2, /* one unit's pillars against the median unit (radar, or bars) */
    CHART_COVERAGE = 3 /* coverage by district: bars per district, optional previous year marks */
} chart_kind;

typedef struct chart {
    chart_kind kind;
    const char *title;    /* drawn at the top; NULL = none */
    const char *subtitle; /* smaller, below the title; NULL = none */
    const char *x_label;  /* value axis caption (ranking, coverage); NULL = none */
    size_t n;             /* bars, lines or axes */
    const char *const *labels; /* n labels (unit names, pillar codes, districts) */
    /* CHART_RANKING: value[i], and when lo and hi are non-NULL the whisker
     * [lo[i], hi[i]] (e.g. the 5-95% score interval); `rank` (may be NULL)
     * is printed before each label.  Bars are drawn in the order given
     * (callers sort them).
     * CHART_SLOPE: value[i] = last year (from), value2[i] = this year (to),
     * year_from/year_to label the two axes; ranks_axis != 0 means the
     * values are ranks (1 at the top).
     * CHART_PROFILE: value[i] = the unit's score on axis i, value2[i] = the
     * median unit's; radar != 0 draws a radar (needs n >= 3), else paired bars.
     * CHART_COVERAGE: value[i] = the district's coverage, value2[i] (may be
     * NULL) last year's, drawn as a tick. */
    const double *value;
    const double *value2;
    const double *lo, *hi;
    const size_t *rank;
    int year_from, year_to;
    int ranks_axis;
    int radar;
    const char *series1; /* legend of value (profile: the unit's name) */
    const char *series2; /* legend of value2 (profile: "median") */
    double vmin, vmax;   /* value axis range; both NaN (CHART_INIT) = from the data */
    int lower_better;    /* CHART_SLOPE with values: a fall is an improvement (e.g. a Gini) */
} chart;

#define CHART_INIT { CHART_RANKING, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, \
                     NULL, NULL, __builtin_nan(""), __builtin_nan(""), 0 }

/* The font family every chart uses. */
#define CHART_FONT "Noto Sans CJK SC"

/* A size that fits the chart (points): width 640, height from n. */
void chart_natural_size(const chart *c, double *width, double *height);

/* Draw c onto cr in the rectangle (0, 0, width, height).  Returns 0, or -1
 * with a message in *err (static text) for a chart that cannot be drawn
 * (n == 0, NULL arrays, a radar with fewer than 3 axes). */
int chart_draw(cairo_t *cr, double width, double height, const chart *c, const char **err);

/* The chart as an SVG document in *svg (malloc'd, NUL-terminated, length
 * *len); width/height <= 0 = chart_natural_size.  0 or -1 (*err). */
int chart_svg_string(char **svg, size_t *len, const chart *c, double width, double height, const char **err);

/* Write the chart to `path`, the format from its extension: .svg, .pdf or
 * .png (PNG at `scale` pixels per point, e.g. 2).  The file is written to
 * a temporary name and renamed.  0 or -1 (*err). */
int chart_write_file(const char *path, const chart *c, double width, double height, double scale,
                     const char **err);

#endif

/*
 * tools/report_charts.h - the report's charts (ranking bars with interval
 * whiskers, slope chart, pillar profile against the median city), drawn by
 * the chart module (tools/chart.h) from the model's tables and embedded in
 * the HTML as inline SVG.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_REPORT_CHARTS_H
#define GOVIDX_REPORT_CHARTS_H

#include "report_model.h"
#include <stdio.h>

/* The ranking charts and the slope chart (section "charts"). */
void report_charts_html(FILE *f, const report_model *m);
/* One city's pillars against the median city. */
void report_chart_profile_html(FILE *f, const report_model *m, const char *unit);
/* One city's communities: coverage this year (bars) and last year (ticks). */
void report_chart_coverage_html(FILE *f, const report_model *m, const char *unit);

#endif

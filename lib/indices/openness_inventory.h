/*
 * lib/openness_inventory.h - framework indicators from a catalogue
 * inventory (lib/openness_inventory.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_OPENNESS_INVENTORY_H
#define GOVIDX_OPENNESS_INVENTORY_H

#include "govidx/dataset.h"
#include "govidx/result.h"

/* 100 x gov-dept actors with an inventory entry of their name or code /
 * gov-dept actors, into out (year-major blocks of n_units); NaN without
 * departments or without a single match.  1 when any cell has a value. */
int govidx__inventory_departments_share(double *out, const govidx_dataset *ds, size_t n_units, size_t n_years);
/* The catalogue measures (govidx_catalogue_compute) of every unit and year
 * whose records the file keeps (format 1.1), as of its root attribute
 * catalogue_reference_date; GOVIDX_ENOTFOUND without records or date. */
int govidx__inventory_catalogue_result(govidx_result **out, const govidx_dataset *ds);
/* Measure `code` of dataset unit u, year y in that result; NaN when absent. */
double govidx__inventory_catalogue_value(const govidx_result *cr, const govidx_dataset *ds, const char *code,
                                         size_t u, size_t y);
/* The reason a framework indicator is not derived from a catalogue inventory. */
const char *govidx__openness_not_derived(const char *code);

#endif

/*
 * lib/io/import_values.c - the values of the data files into the panel:
 * a long row is one (unit, year, indicator) value with its standard error,
 * a wide row one value per variable column; a second value for the same
 * cell is refused, naming it.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <math.h>

/* One row of a long file: its indicator, value and standard error. */
static void long_row(importer *im, const data_files *df, size_t f, size_t r, size_t g, size_t u, size_t y,
                     unsigned char *seen, unsigned char *var_in)
{
    govidx_table *t = df->ts[f];
    const data_cols *d = &df->dc[f];
    double x;
    size_t j;
    if (govidx_dataset_find_indicator(&j, im->ds, cell(t, r, d->ci)) != GOVIDX_OK) {
        problem(im, GOVIDX_ENOTFOUND, t, r, d->ci, "indicator '%s' is not in the meta file", cell(t, r, d->ci));
        return;
    }
    if (var_in)
        var_in[j * df->nt + f] = 1;
    if (seen[(u * df->n_years + y) * df->n_vars + j]++) {
        problem(im, GOVIDX_EFORMAT, t, r, d->ci, "a second value for unit '%s', year %d, indicator '%s'",
                df->codes[u], df->row_year[g], cell(t, r, d->ci));
        return;
    }
    if (number(im, t, r, d->cv, &x) == GOVIDX_OK)
        built(im, govidx_dataset_set_value(im->ds, u, y, j, x), t, r);
    if (d->cse != NONE && number(im, t, r, d->cse, &x) == GOVIDX_OK && !isnan(x)) {
        if (!(x >= 0.0) || isinf(x))
            problem(im, GOVIDX_EFORMAT, t, r, d->cse, "standard error '%s' must be a finite number >= 0",
                    cell(t, r, d->cse));
        else
            built(im, govidx_dataset_set_cell_meta(im->ds, u, y, j, 0, x), t, r);
    }
}

/* One row of a wide file: a value per variable column. */
static void wide_row(importer *im, const data_files *df, size_t f, size_t r, size_t g, size_t u, size_t y,
                     unsigned char *seen)
{
    govidx_table *t = df->ts[f];
    const data_cols *d = &df->dc[f];
    size_t k;
    if (seen[u * df->n_years + y]++) {
        problem(im, GOVIDX_EFORMAT, t, r, NONE, "a second row for unit '%s' in year %d", df->codes[u],
                df->row_year[g]);
        return;
    }
    for (k = 0; k < df->n_vars; k++) {
        double x;
        if (d->var_col[k] != NONE && number(im, t, r, d->var_col[k], &x) == GOVIDX_OK)
            built(im, govidx_dataset_set_value(im->ds, u, y, k, x), t, r);
    }
}

void data_values(importer *im, const data_files *df, unsigned char *seen, unsigned char *var_in)
{
    size_t f, r, g;
    for (f = 0; f < df->nt; f++) {
        govidx_table *t = df->ts[f];
        for (r = 0, g = df->off[f]; r < govidx_table_n_rows(t); r++, g++) {
            size_t y, u = df->row_unit[g];
            govidx_dataset_find_year(&y, im->ds, df->row_year[g]);
            if (df->is_long)
                long_row(im, df, f, r, g, u, y, seen, var_in);
            else
                wide_row(im, df, f, r, g, u, y, seen);
        }
    }
}

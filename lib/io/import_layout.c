/*
 * lib/io/import_layout.c - the layout of the data files: which columns hold
 * the unit, its name, the year, and in a long file the indicator, value
 * and standard error; whether the files are wide (COINr's iData) or long
 * (all alike); and in wide files the column of each variable, with no
 * column the meta file does not describe.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

/* the unit column: these names, in this order (docs/import.md says the same) */
static const char *const unit_names[] = {"unit", "uCode", "code", "city", "place", "country", "country-code",
                                         "iso3", NULL};
static const char *const name_names[] = {"name", "uName", NULL};
static const char *const year_names[] = {"year", "Time", NULL};

void data_layout(importer *im, data_files *df)
{
    govidx_table *const *ts = df->ts;
    const govidx_import_sources *src = df->src;
    size_t f;
    static const char *const ind_names[] = {"indicator", "iCode", "variable", NULL};
    static const char *const val_names[] = {"value", NULL};
    static const char *const se_names[] = {"stderr", "se", "standard_error", NULL};
    df->off = govidx__calloc(df->nt + 1, sizeof *df->off);
    df->dc = govidx__calloc(df->nt + 1, sizeof *df->dc);
    if (!df->off || !df->dc) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        return;
    }
    /* the columns of each file */
    for (f = 0; f < df->nt; f++) {
        govidx_table *t = ts[f];
        data_cols *d = &df->dc[f];
        int long_f;
        df->off[f] = df->n_rows;
        df->n_rows += govidx_table_n_rows(t);
        d->file_year = df->file_years ? df->file_years[f] : 0;
        d->var_col = govidx__calloc(df->n_vars + 1, sizeof *d->var_col);
        d->group_col = govidx__calloc(df->m->n + 1, sizeof *d->group_col);
        if (!d->var_col || !d->group_col) {
            problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
            return;
        }
        d->cn = col_any(t, name_names);
        d->ci = col_any(t, ind_names);
        d->cv = col_any(t, val_names);
        d->cse = col_any(t, se_names);
        long_f = d->ci != NONE && d->cv != NONE;
        if (f == 0)
            df->is_long = long_f;
        else if (long_f != df->is_long)
            problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "this data file is %s but the first one is %s",
                    long_f ? "long (indicator, value)" : "wide",
                    df->is_long ? "long (indicator, value)" : "wide");
        if (src->unit_column) {
            const char *one[] = {src->unit_column, NULL};
            if ((d->cu = col_any(t, one)) == NONE)
                problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the data file has no column '%s' (the unit column "
                        "given)", src->unit_column);
        } else if ((d->cu = col_any(t, unit_names)) == NONE)
            problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the data file needs a unit column: one of unit, uCode, "
                    "code, city, place, country, country-code, iso3 (or name it: unit_column, govidx import "
                    "--unit-column NAME)");
        if (src->year_column) {
            const char *one[] = {src->year_column, NULL};
            if ((d->cy = col_any(t, one)) == NONE)
                problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the data file has no column '%s' (the year column "
                        "given)", src->year_column);
        } else if ((d->cy = col_any(t, year_names)) == NONE && !d->file_year && !src->default_year)
            problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the data file has no year column (year, Time): give a "
                    "default year (govidx import --year Y) or name the column (year_column, govidx import "
                    "--year-column NAME)");
    }
}

void data_var_columns(importer *im, data_files *df)
{
    const meta *m = df->m;
    size_t f, k, c;
    for (f = 0; f < df->nt; f++) {
        govidx_table *t = df->ts[f];
        data_cols *d = &df->dc[f];
        for (k = 0; k < df->n_vars; k++) {
            govidx_indicator in = GOVIDX_INDICATOR_INIT;
            govidx_dataset_indicator(&in, im->ds, k);
            if (govidx_table_find_col(&d->var_col[k], t, in.code) != GOVIDX_OK) {
                problem(im, GOVIDX_ENOTFOUND, t, NONE, NONE, "variable '%s' of the meta file has no column",
                        in.code);
                d->var_col[k] = NONE;
            }
        }
        for (c = 0; c < govidx_table_n_cols(t); c++) {
            const char *h = govidx_table_col_name(t, c);
            const meta_row *mr = meta_find(m, h);
            if (c == d->cu || c == d->cn || c == d->cy || (mr && (mr->type == M_GROUP || is_variable(mr->type))))
                continue;
            problem(im, GOVIDX_EFORMAT, t, NONE, c, "column '%s' is not described in the meta file", h);
        }
    }
}

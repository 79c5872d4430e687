/*
 * lib/io/import_data.c - the data files into the panel: the layout of each
 * file (wide as COINr's iData, or long: indicator, value, stderr), its unit
 * and year columns, units in order of first appearance and sorted years,
 * group labels, the values, and with one file per year the check that the
 * stacked files list the same units and indicators.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* data: WIDE (COINr iData) or LONG                                           */

/* the unit column: these names, in this order (docs/import.md says the same) */
static const char *const unit_names[] = {"unit", "uCode", "code", "city", "place", "country", "country-code",
                                         "iso3", NULL};
static const char *const name_names[] = {"name", "uName", NULL};
static const char *const year_names[] = {"year", "Time", NULL};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The columns of one data file. */
typedef struct data_cols {
    size_t cu, cn, cy, ci, cv, cse; /* cse: long format, the value's standard error (/panel/stderr) */
    size_t *var_col;   /* WIDE: the column of each variable, NONE when absent */
    size_t *group_col; /* the column of each group of the meta (m->rows order), NONE when absent */
    int file_year;     /* the year given for the file, 0 = its year column */
} data_cols;

/* A name list for messages, at most 10 codes then a count. */
static void list_codes(char *buf, size_t cap, const char *const *codes, const size_t *which, size_t n)
{
    size_t k, len = 0;
    buf[0] = 0;
    for (k = 0; k < n && k < 10 && len < cap; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", codes[which[k]]);
    if (n > 10 && len < cap)
        snprintf(buf + len, cap - len, " and %zu more", n - 10);
}

/* Every file lists the same keys: present[key * nt + f]; keys missing from
 * a file are named (the first 10, then a count). */
static void check_agree(importer *im, govidx_table *const *ts, size_t nt, const unsigned char *present,
                        const char *const *keys, size_t n_keys, const char *what)
{
    size_t f, k, n_miss, *miss = govidx__calloc(n_keys + 1, sizeof *miss);
    char list[600];
    if (!miss) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        return;
    }
    for (f = 0; f < nt; f++) {
        for (k = 0, n_miss = 0; k < n_keys; k++)
            if (!present[k * nt + f])
                miss[n_miss++] = k;
        if (!n_miss)
            continue;
        list_codes(list, sizeof list, keys, miss, n_miss);
        problem(im, GOVIDX_EFORMAT, ts[f], NONE, NONE,
                "the data files do not agree: %s missing from this file: %s", what, list);
    }
    govidx__free(miss);
}

void read_data(importer *im, govidx_table *const *ts, const int *file_years, size_t nt, const meta *m,
               const govidx_import_sources *src)
{
    size_t n_rows = 0, r, c, k, f, g, n_units = 0, n_years = 0, n_groups = 0;
    size_t n_vars = govidx_dataset_n_indicators(im->ds), *off = NULL;
    const char **codes = NULL, **names = NULL, ***group_labels = NULL, **var_codes = NULL;
    int *years = NULL, *row_year = NULL, is_long = 0;
    size_t *row_unit = NULL;
    unsigned char *seen = NULL, *unit_in = NULL, *var_in = NULL;
    data_cols *dc = NULL;
    govidx__strmap umap = {0}; /* unit code -> index in codes[] */
    static const char *const ind_names[] = {"indicator", "iCode", "variable", NULL};
    static const char *const val_names[] = {"value", NULL};
    static const char *const se_names[] = {"stderr", "se", "standard_error", NULL};
    off = govidx__calloc(nt + 1, sizeof *off);
    dc = govidx__calloc(nt + 1, sizeof *dc);
    if (!off || !dc) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        goto done;
    }
    /* the columns of each file */
    for (f = 0; f < nt; f++) {
        govidx_table *t = ts[f];
        data_cols *d = &dc[f];
        int long_f;
        off[f] = n_rows;
        n_rows += govidx_table_n_rows(t);
        d->file_year = file_years ? file_years[f] : 0;
        d->var_col = govidx__calloc(n_vars + 1, sizeof *d->var_col);
        d->group_col = govidx__calloc(m->n + 1, sizeof *d->group_col);
        if (!d->var_col || !d->group_col) {
            problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
            goto done;
        }
        d->cn = col_any(t, name_names);
        d->ci = col_any(t, ind_names);
        d->cv = col_any(t, val_names);
        d->cse = col_any(t, se_names);
        long_f = d->ci != NONE && d->cv != NONE;
        if (f == 0)
            is_long = long_f;
        else if (long_f != is_long)
            problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "this data file is %s but the first one is %s",
                    long_f ? "long (indicator, value)" : "wide", is_long ? "long (indicator, value)" : "wide");
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
    if (im->status)
        goto done;
    codes = govidx__calloc(n_rows + 1, sizeof *codes);
    names = govidx__calloc(n_rows + 1, sizeof *names);
    years = govidx__calloc(n_rows + 1, sizeof *years);
    row_year = govidx__calloc(n_rows + 1, sizeof *row_year);
    row_unit = govidx__calloc(n_rows + 1, sizeof *row_unit);
    group_labels = govidx__calloc(m->n + 1, sizeof *group_labels);
    if (!codes || !names || !years || !row_year || !row_unit || !group_labels ||
        govidx__strmap_reserve(&umap, n_rows)) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        goto done;
    }
    /* units in order of first appearance; years sorted */
    for (f = 0; f < nt; f++) {
        govidx_table *t = ts[f];
        const data_cols *d = &dc[f];
        for (r = 0, g = off[f]; r < govidx_table_n_rows(t); r++, g++) {
            const char *u = cell(t, r, d->cu);
            int y = d->file_year ? d->file_year : src->default_year;
            row_unit[g] = NONE;
            if (!*u) {
                problem(im, GOVIDX_EFORMAT, t, r, d->cu, "empty unit code");
                continue;
            }
            if (d->cy != NONE) {
                if (parse_int(im, t, r, d->cy, &y))
                    continue;
                if (d->file_year && y != d->file_year) {
                    problem(im, GOVIDX_EFORMAT, t, r, d->cy, "year %d in the file given for year %d", y,
                            d->file_year);
                    continue;
                }
            }
            row_year[g] = y;
            k = govidx__strmap_get(&umap, u);
            if (k == NONE) {
                govidx__strmap_put(&umap, u, n_units);
                codes[n_units] = u;
                names[n_units] = d->cn != NONE && *cell(t, r, d->cn) ? cell(t, r, d->cn) : u;
                k = n_units++;
            }
            row_unit[g] = k;
            for (c = 0; c < n_years && years[c] != y; c++)
                ;
            if (c == n_years)
                years[n_years++] = y;
        }
    }
    if (im->status)
        goto done;
    if (n_units == 0) {
        problem(im, GOVIDX_EFORMAT, ts[0], NONE, NONE, "the data file has no rows");
        goto done;
    }
    if (nt > 1) { /* one file per year: every file lists the same units */
        unit_in = govidx__calloc(n_units * nt + 1, 1);
        if (!unit_in) {
            problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
            goto done;
        }
        for (f = 0; f < nt; f++)
            for (g = off[f]; g < off[f] + govidx_table_n_rows(ts[f]); g++)
                unit_in[row_unit[g] * nt + f] = 1;
        check_agree(im, ts, nt, unit_in, codes, n_units, "units");
        if (im->status)
            goto done;
    }
    qsort(years, n_years, sizeof *years, cmp_int);
    if (built(im, govidx_dataset_set_units(im->ds, n_units, codes, names), ts[0], NONE) ||
        built(im, govidx_dataset_set_years(im->ds, n_years, years), ts[0], NONE))
        goto done;
    /* groups (COINr Type "Group"): one label per unit, from its first row */
    for (k = 0; k < m->n; k++) {
        const char **labels;
        int missing = 0;
        if (m->rows[k].type != M_GROUP)
            continue;
        for (f = 0; f < nt; f++)
            if (govidx_table_find_col(&dc[f].group_col[k], ts[f], m->rows[k].code) != GOVIDX_OK) {
                problem(im, GOVIDX_ENOTFOUND, m->t, m->rows[k].row, m->c_code,
                        "group '%s' has no column in the data file %s", m->rows[k].code,
                        govidx_table_name(ts[f]));
                missing = 1;
            }
        if (missing)
            continue;
        labels = govidx__calloc(n_units, sizeof *labels);
        if (!labels) {
            problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
            goto done;
        }
        group_labels[n_groups++] = labels;
        for (f = nt; f-- > 0;)
            for (r = govidx_table_n_rows(ts[f]); r-- > 0;)
                labels[row_unit[off[f] + r]] = text_or_null(ts[f], r, dc[f].group_col[k]);
        built(im, govidx_dataset_add_group(im->ds, m->rows[k].code, labels), ts[0], NONE);
    }
    /* where each variable's values are */
    if (!is_long) {
        for (f = 0; f < nt; f++) {
            govidx_table *t = ts[f];
            data_cols *d = &dc[f];
            for (k = 0; k < n_vars; k++) {
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
    govidx_clear_error();
    if (im->status)
        goto done;
    seen = govidx__calloc(n_units * n_years, is_long ? n_vars : 1);
    if (!seen) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        goto done;
    }
    if (is_long && nt > 1) {
        var_in = govidx__calloc(n_vars * nt + 1, 1);
        var_codes = govidx__calloc(n_vars + 1, sizeof *var_codes);
        if (!var_in || !var_codes) {
            problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
            goto done;
        }
    }
    for (f = 0; f < nt; f++) {
        govidx_table *t = ts[f];
        const data_cols *d = &dc[f];
        for (r = 0, g = off[f]; r < govidx_table_n_rows(t); r++, g++) {
            size_t y, u = row_unit[g];
            govidx_dataset_find_year(&y, im->ds, row_year[g]);
            if (is_long) {
                double x;
                size_t j;
                if (govidx_dataset_find_indicator(&j, im->ds, cell(t, r, d->ci)) != GOVIDX_OK) {
                    problem(im, GOVIDX_ENOTFOUND, t, r, d->ci, "indicator '%s' is not in the meta file",
                            cell(t, r, d->ci));
                    continue;
                }
                if (var_in)
                    var_in[j * nt + f] = 1;
                if (seen[(u * n_years + y) * n_vars + j]++) {
                    problem(im, GOVIDX_EFORMAT, t, r, d->ci, "a second value for unit '%s', year %d, indicator '%s'",
                            codes[u], row_year[g], cell(t, r, d->ci));
                    continue;
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
            } else {
                if (seen[u * n_years + y]++) {
                    problem(im, GOVIDX_EFORMAT, t, r, NONE, "a second row for unit '%s' in year %d", codes[u],
                            row_year[g]);
                    continue;
                }
                for (k = 0; k < n_vars; k++) {
                    double x;
                    if (d->var_col[k] != NONE && number(im, t, r, d->var_col[k], &x) == GOVIDX_OK)
                        built(im, govidx_dataset_set_value(im->ds, u, y, k, x), t, r);
                }
            }
        }
    }
    if (var_in) { /* long files per year: every file has the same indicators (those any file has) */
        for (k = 0; k < n_vars; k++) {
            govidx_indicator in = GOVIDX_INDICATOR_INIT;
            int any = 0;
            govidx_dataset_indicator(&in, im->ds, k);
            var_codes[k] = in.code;
            for (f = 0; f < nt; f++)
                any |= var_in[k * nt + f];
            for (f = 0; f < nt && !any; f++)
                var_in[k * nt + f] = 1; /* in no file: not a disagreement */
        }
        check_agree(im, ts, nt, var_in, var_codes, n_vars, "indicators");
    }
done:
    for (k = 0; k < n_groups; k++)
        govidx__free(group_labels[k]);
    for (f = 0; dc && f < nt; f++) {
        govidx__free(dc[f].var_col);
        govidx__free(dc[f].group_col);
    }
    govidx__free(dc);
    govidx__free(off);
    govidx__free(group_labels);
    govidx__free(codes);
    govidx__free(names);
    govidx__free(years);
    govidx__free(row_year);
    govidx__free(row_unit);
    govidx__free(seen);
    govidx__free(unit_in);
    govidx__free(var_in);
    govidx__free(var_codes);
    govidx__strmap_free(&umap);
}

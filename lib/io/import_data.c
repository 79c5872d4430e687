/*
 * lib/io/import_data.c - the data files into the panel, step by step: their
 * layout (import_layout.c), the units in order of first appearance and the
 * sorted years, with one file per year the check that the stacked files
 * list the same units (import_stack.c), the group labels, the values
 * (import_values.c) and the same indicators in every file per year.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Every row's unit and year: units in order of first appearance (umap:
 * code -> index in df->codes), the years in order of appearance. */
static void data_units_years(importer *im, data_files *df, govidx__strmap *umap)
{
    size_t f, r, g, c, k;
    for (f = 0; f < df->nt; f++) {
        govidx_table *t = df->ts[f];
        const data_cols *d = &df->dc[f];
        for (r = 0, g = df->off[f]; r < govidx_table_n_rows(t); r++, g++) {
            const char *u = cell(t, r, d->cu);
            int y = d->file_year ? d->file_year : df->src->default_year;
            df->row_unit[g] = NONE;
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
            df->row_year[g] = y;
            k = govidx__strmap_get(umap, u);
            if (k == NONE) {
                govidx__strmap_put(umap, u, df->n_units);
                df->codes[df->n_units] = u;
                df->names[df->n_units] = d->cn != NONE && *cell(t, r, d->cn) ? cell(t, r, d->cn) : u;
                k = df->n_units++;
            }
            df->row_unit[g] = k;
            for (c = 0; c < df->n_years && df->years[c] != y; c++)
                ;
            if (c == df->n_years)
                df->years[df->n_years++] = y;
        }
    }
}

/* The groups (COINr Type "Group"): one label per unit, from its first row.
 * group_labels[*n_groups] takes each label array.  GOVIDX_ENOMEM only. */
static int data_groups(importer *im, const data_files *df, const char ***group_labels, size_t *n_groups)
{
    const meta *m = df->m;
    size_t k, f, r, nt = df->nt;
    for (k = 0; k < m->n; k++) {
        const char **labels;
        int missing = 0;
        if (m->rows[k].type != M_GROUP)
            continue;
        for (f = 0; f < nt; f++)
            if (govidx_table_find_col(&df->dc[f].group_col[k], df->ts[f], m->rows[k].code) != GOVIDX_OK) {
                problem(im, GOVIDX_ENOTFOUND, m->t, m->rows[k].row, m->c_code,
                        "group '%s' has no column in the data file %s", m->rows[k].code,
                        govidx_table_name(df->ts[f]));
                missing = 1;
            }
        if (missing)
            continue;
        labels = govidx__calloc(df->n_units, sizeof *labels);
        if (!labels) {
            problem(im, govidx__oom(), df->ts[0], NONE, NONE, "out of memory");
            return GOVIDX_ENOMEM;
        }
        group_labels[(*n_groups)++] = labels;
        for (f = nt; f-- > 0;)
            for (r = govidx_table_n_rows(df->ts[f]); r-- > 0;)
                labels[df->row_unit[df->off[f] + r]] = text_or_null(df->ts[f], r, df->dc[f].group_col[k]);
        built(im, govidx_dataset_add_group(im->ds, m->rows[k].code, labels), df->ts[0], NONE);
    }
    return GOVIDX_OK;
}

void read_data(importer *im, govidx_table *const *ts, const int *file_years, size_t nt, const meta *m,
               const govidx_import_sources *src)
{
    data_files df;
    size_t k, f, n_groups = 0, n_rows;
    const char ***group_labels = NULL, **var_codes = NULL;
    unsigned char *seen = NULL, *var_in = NULL;
    govidx__strmap umap = {0}; /* unit code -> index in df.codes */
    memset(&df, 0, sizeof df);
    df.ts = ts;
    df.nt = nt;
    df.file_years = file_years;
    df.m = m;
    df.src = src;
    df.n_vars = govidx_dataset_n_indicators(im->ds);
    data_layout(im, &df);
    if (im->status)
        goto done;
    n_rows = df.n_rows;
    df.codes = govidx__calloc(n_rows + 1, sizeof *df.codes);
    df.names = govidx__calloc(n_rows + 1, sizeof *df.names);
    df.years = govidx__calloc(n_rows + 1, sizeof *df.years);
    df.row_year = govidx__calloc(n_rows + 1, sizeof *df.row_year);
    df.row_unit = govidx__calloc(n_rows + 1, sizeof *df.row_unit);
    group_labels = govidx__calloc(m->n + 1, sizeof *group_labels);
    if (!df.codes || !df.names || !df.years || !df.row_year || !df.row_unit || !group_labels ||
        govidx__strmap_reserve(&umap, n_rows)) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        goto done;
    }
    data_units_years(im, &df, &umap);
    if (im->status)
        goto done;
    if (df.n_units == 0) {
        problem(im, GOVIDX_EFORMAT, ts[0], NONE, NONE, "the data file has no rows");
        goto done;
    }
    if (nt > 1) { /* one file per year: every file lists the same units */
        stack_units_agree(im, &df);
        if (im->status)
            goto done;
    }
    qsort(df.years, df.n_years, sizeof *df.years, cmp_int);
    if (built(im, govidx_dataset_set_units(im->ds, df.n_units, df.codes, df.names), ts[0], NONE) ||
        built(im, govidx_dataset_set_years(im->ds, df.n_years, df.years), ts[0], NONE))
        goto done;
    if (data_groups(im, &df, group_labels, &n_groups))
        goto done;
    if (!df.is_long) /* where each variable's values are */
        data_var_columns(im, &df);
    govidx_clear_error();
    if (im->status)
        goto done;
    seen = govidx__calloc(df.n_units * df.n_years, df.is_long ? df.n_vars : 1);
    if (!seen) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        goto done;
    }
    if (df.is_long && nt > 1) {
        var_in = govidx__calloc(df.n_vars * nt + 1, 1);
        var_codes = govidx__calloc(df.n_vars + 1, sizeof *var_codes);
        if (!var_in || !var_codes) {
            problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
            goto done;
        }
    }
    data_values(im, &df, seen, var_in);
    if (var_in) /* long files per year: every file has the same indicators (those any file has) */
        stack_indicators_agree(im, &df, var_in, var_codes);
done:
    for (k = 0; k < n_groups; k++)
        govidx__free(group_labels[k]);
    for (f = 0; df.dc && f < nt; f++) {
        govidx__free(df.dc[f].var_col);
        govidx__free(df.dc[f].group_col);
    }
    govidx__free(df.dc);
    govidx__free(df.off);
    govidx__free(group_labels);
    govidx__free(df.codes);
    govidx__free(df.names);
    govidx__free(df.years);
    govidx__free(df.row_year);
    govidx__free(df.row_unit);
    govidx__free(seen);
    govidx__free(var_in);
    govidx__free(var_codes);
    govidx__strmap_free(&umap);
}

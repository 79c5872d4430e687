/*
 * lib/io/import.c - city datasets from CSV files (COINr's iData/iMeta layouts
 * accepted as is).  Every problem names file:line:column; nothing is built
 * when there is any.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/import.h"
#include "govidx/table.h"
#include "import_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NONE ((size_t)-1)
/* every problem goes to the caller's report, which caps what it shows */
#define MAX_REPORTED ((size_t)-1)

typedef struct importer {
    govidx_problem_fn report;
    void *ctx;
    int status;
    size_t n_problems;
    char first[700]; /* the first problem, as the error message */
    govidx_dataset *ds;
    char thousands, decimal; /* number format of the sources (0 = none / '.') */
} importer;

/* Record a problem at (row, col) of t; row NONE = the header, col NONE = the row. */
static void problem(importer *im, int rc, const govidx_table *t, size_t row, size_t col, const char *fmt, ...)
    GOVIDX__PRINTF(6, 7);
static void problem(importer *im, int rc, const govidx_table *t, size_t row, size_t col, const char *fmt, ...)
{
    char where[600], msg[600];
    va_list ap;
    size_t line = row == NONE ? 1 : govidx_table_line(t, row);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col == NONE)
        snprintf(where, sizeof where, "%s:%zu", govidx_table_name(t), line);
    else
        snprintf(where, sizeof where, "%s:%zu:%zu", govidx_table_name(t), line, col + 1);
    if (!im->status) {
        im->status = rc;
        snprintf(im->first, sizeof im->first, "%.300s: %.380s", where, msg);
    }
    if (im->report && im->n_problems < MAX_REPORTED)
        im->report(im->ctx, where, msg);
    im->n_problems++;
}

/* A builder call failed: report its message at that row. */
static int built(importer *im, int rc, const govidx_table *t, size_t row)
{
    if (rc) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", govidx_last_error());
        problem(im, rc, t, row, NONE, "%s", msg);
    }
    return rc;
}

static size_t col_any(const govidx_table *t, const char *const *names)
{
    size_t c;
    for (; *names; names++)
        if (govidx_table_find_col_nocase(&c, t, *names) == GOVIDX_OK)
            return c;
    govidx_clear_error();
    return NONE;
}

static const char *cell(const govidx_table *t, size_t r, size_t c)
{
    return c == NONE ? "" : govidx_table_cell(t, r, c);
}

/* Text cell, or NULL for empty and NA. */
static const char *text_or_null(const govidx_table *t, size_t r, size_t c)
{
    const char *s = cell(t, r, c);
    return (!*s || !strcmp(s, "NA")) ? NULL : s;
}

static int number(importer *im, const govidx_table *t, size_t r, size_t c, double *out)
{
    int rc;
    const char *hint;
    if (c == NONE) {
        *out = NAN;
        return GOVIDX_OK;
    }
    if ((im->thousands || im->decimal) && !govidx_table_is_missing(t, r, c)) {
        if (govidx__import_number(out, cell(t, r, c), im->thousands, im->decimal))
            return GOVIDX_OK;
        rc = GOVIDX_EFORMAT;
    } else {
        rc = govidx_table_number(out, t, r, c);
        govidx_clear_error();
    }
    if (rc) {
        hint = govidx__import_number_hint(cell(t, r, c), im->thousands, im->decimal);
        problem(im, rc, t, r, c, "'%s' is not a number (column '%s')%s%s", cell(t, r, c),
                govidx_table_col_name(t, c), hint ? "; " : "", hint ? hint : "");
    }
    return rc;
}

static int parse_int(importer *im, const govidx_table *t, size_t r, size_t c, int *out)
{
    double x;
    if (number(im, t, r, c, &x))
        return GOVIDX_EFORMAT;
    if (isnan(x) || x != floor(x) || fabs(x) > 1e9) {
        problem(im, GOVIDX_EFORMAT, t, r, c, "'%s' is not a whole number", cell(t, r, c));
        return GOVIDX_EFORMAT;
    }
    *out = (int)x;
    return GOVIDX_OK;
}

static int load(importer *im, govidx_table **t, const char *path)
{
    int rc = govidx_table_read_csv(t, path, NULL);
    if (rc) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", govidx_last_error());
        if (!im->status) {
            im->status = rc;
            snprintf(im->first, sizeof im->first, "%s", msg);
        }
        if (im->report && im->n_problems < MAX_REPORTED)
            im->report(im->ctx, path, msg);
        im->n_problems++;
    }
    return rc;
}

/* ------------------------------------------------------------------------ */
/* meta: COINr iMeta                                                         */

enum meta_type { M_INDICATOR, M_AGGREGATE, M_GROUP, M_DENOMINATOR, M_OTHER };

typedef struct meta_row {
    size_t row;
    const char *code;
    int type;
} meta_row;

typedef struct meta {
    govidx_table *t;
    meta_row *rows;
    size_t n;
    govidx__strmap map; /* code -> row of rows[] */
    size_t c_code, c_name, c_type, c_level, c_dir, c_weight, c_unit, c_target, c_den, c_parent, c_source,
        c_agg, c_lo, c_hi;
} meta;

static int meta_type_of(const char *s)
{
    if (!*s || !strcasecmp(s, "Indicator"))
        return M_INDICATOR;
    if (!strcasecmp(s, "Aggregate"))
        return M_AGGREGATE;
    if (!strcasecmp(s, "Group"))
        return M_GROUP;
    if (!strcasecmp(s, "Denominator"))
        return M_DENOMINATOR;
    if (!strcasecmp(s, "Other"))
        return M_OTHER;
    return -1;
}

static void read_meta(importer *im, meta *m)
{
    static const char *const code[] = {"iCode", "code", "indicator", NULL};
    static const char *const name[] = {"iName", "name", NULL};
    static const char *const type[] = {"Type", NULL}, *const level[] = {"Level", NULL};
    static const char *const dir[] = {"Direction", NULL}, *const weight[] = {"Weight", NULL};
    static const char *const unit[] = {"Unit", NULL}, *const target[] = {"Target", NULL};
    static const char *const den[] = {"Denominator", NULL}, *const parent[] = {"Parent", NULL};
    static const char *const source[] = {"Source", NULL}, *const agg[] = {"Aggregation", NULL};
    static const char *const lo[] = {"GoalLow", "goal_low", NULL}, *const hi[] = {"GoalHigh", "goal_high", NULL};
    size_t r, k, n = govidx_table_n_rows(m->t);
    m->c_code = col_any(m->t, code);
    m->c_name = col_any(m->t, name);
    m->c_type = col_any(m->t, type);
    m->c_level = col_any(m->t, level);
    m->c_dir = col_any(m->t, dir);
    m->c_weight = col_any(m->t, weight);
    m->c_unit = col_any(m->t, unit);
    m->c_target = col_any(m->t, target);
    m->c_den = col_any(m->t, den);
    m->c_parent = col_any(m->t, parent);
    m->c_source = col_any(m->t, source);
    m->c_agg = col_any(m->t, agg);
    m->c_lo = col_any(m->t, lo);
    m->c_hi = col_any(m->t, hi);
    if (m->c_code == NONE) {
        problem(im, GOVIDX_EFORMAT, m->t, NONE, NONE, "the meta file needs an iCode column");
        return;
    }
    m->rows = govidx__calloc(n ? n : 1, sizeof *m->rows);
    if (!m->rows || govidx__strmap_reserve(&m->map, n)) {
        problem(im, govidx__oom(), m->t, NONE, NONE, "out of memory");
        return;
    }
    for (r = 0; r < n; r++) {
        const char *c = cell(m->t, r, m->c_code);
        int ty = meta_type_of(cell(m->t, r, m->c_type));
        if (!*c) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_code, "empty code");
            continue;
        }
        if (ty < 0) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_type,
                    "type '%s' is not Indicator, Aggregate, Group, Denominator or Other", cell(m->t, r, m->c_type));
            continue;
        }
        if ((k = govidx__strmap_get(&m->map, c)) != NONE) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_code, "code '%s' is used twice (first at line %zu)", c,
                    govidx_table_line(m->t, m->rows[k].row));
            continue;
        }
        m->rows[m->n].row = r;
        m->rows[m->n].code = c;
        m->rows[m->n].type = ty;
        govidx__strmap_put(&m->map, c, m->n);
        m->n++;
    }
}

static const meta_row *meta_find(const meta *m, const char *code)
{
    size_t k = govidx__strmap_get(&m->map, code);
    return k == NONE ? NULL : &m->rows[k];
}

static int is_variable(int type)
{
    return type == M_INDICATOR || type == M_DENOMINATOR || type == M_OTHER;
}

/* Indicators, denominators, other variables and nodes into the dataset. */
static void add_meta(importer *im, const meta *m)
{
    size_t k;
    for (k = 0; k < m->n; k++) {
        const meta_row *mr = &m->rows[k];
        size_t r = mr->row;
        const char *parent = text_or_null(m->t, r, m->c_parent);
        double w = 1, dir = 1, lvl = 0;
        if (parent && mr->type != M_GROUP && !meta_find(m, parent))
            problem(im, GOVIDX_ENOTFOUND, m->t, r, m->c_parent, "parent '%s' of '%s' is not in the meta file",
                    parent, mr->code);
        if (mr->type == M_INDICATOR || mr->type == M_AGGREGATE) {
            if (number(im, m->t, r, m->c_weight, &w))
                continue;
            if (isnan(w)) {
                problem(im, GOVIDX_EFORMAT, m->t, r, m->c_weight, "'%s' needs a weight", mr->code);
                continue;
            }
        }
        if (number(im, m->t, r, m->c_level, &lvl))
            continue;
        if (mr->type == M_AGGREGATE) {
            govidx_node nd = GOVIDX_NODE_INIT;
            nd.code = mr->code;
            nd.name = text_or_null(m->t, r, m->c_name);
            nd.parent = parent;
            nd.aggregation = text_or_null(m->t, r, m->c_agg);
            nd.level = isnan(lvl) ? 0 : (int)lvl;
            nd.weight = w;
            built(im, govidx_dataset_add_node(im->ds, &nd), m->t, r);
        } else if (is_variable(mr->type)) {
            govidx_indicator in = GOVIDX_INDICATOR_INIT;
            const char *den = text_or_null(m->t, r, m->c_den);
            if (mr->type == M_INDICATOR) {
                if (number(im, m->t, r, m->c_dir, &dir))
                    continue;
                if (dir != 1 && dir != -1) {
                    problem(im, GOVIDX_EFORMAT, m->t, r, m->c_dir, "direction of '%s' must be 1 or -1",
                            mr->code);
                    continue;
                }
            }
            if (den) {
                const meta_row *d = meta_find(m, den);
                if (!d || d->type != M_DENOMINATOR)
                    problem(im, GOVIDX_ENOTFOUND, m->t, r, m->c_den,
                            "denominator '%s' is not a Denominator row of the meta file", den);
            }
            in.code = mr->code;
            in.name = text_or_null(m->t, r, m->c_name);
            in.unit = text_or_null(m->t, r, m->c_unit);
            in.parent = mr->type == M_INDICATOR ? parent : NULL;
            in.source = text_or_null(m->t, r, m->c_source);
            in.denominator = den;
            in.direction = (int)dir;
            in.type = mr->type == M_INDICATOR ? GOVIDX_VAR_INDICATOR
                      : mr->type == M_DENOMINATOR ? GOVIDX_VAR_DENOMINATOR : GOVIDX_VAR_OTHER;
            in.weight = mr->type == M_INDICATOR ? w : 1;
            if (number(im, m->t, r, m->c_lo, &in.goal_low) || number(im, m->t, r, m->c_hi, &in.goal_high) ||
                number(im, m->t, r, m->c_target, &in.target))
                continue;
            built(im, govidx_dataset_add_indicator(im->ds, &in), m->t, r);
        }
    }
}

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

static void read_data(importer *im, govidx_table *const *ts, const int *file_years, size_t nt, const meta *m,
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

/* ------------------------------------------------------------------------ */
/* districts, inventory, networks, DEA                                        */

/* The pass of the former scan "add every district whose parent is added,
 * until none is left" in which each district is added: a district comes in
 * its parent's pass when the parent comes first in the file, else in the
 * next one; a root (or a district whose parent is missing) in pass 1; a
 * district on a cycle of parents or below one never (PASS_NEVER).
 * pk[k]: the parent's index or NONE; one walk per chain, O(n) in all. */
#define PASS_NEVER ((size_t)-1)
#define PASS_BUSY ((size_t)-2)
static void district_passes(const size_t *pk, size_t n, size_t *pass, size_t *stack)
{
    size_t k, top, x, y;
    for (k = 0; k < n; k++)
        pass[k] = 0;
    for (k = 0; k < n; k++) {
        for (top = 0, x = k; pass[x] == 0 && pk[x] != NONE; x = pk[x]) {
            pass[x] = PASS_BUSY;
            stack[top++] = x;
        }
        if (pass[x] == PASS_BUSY) { /* back on this walk: a cycle */
            while (top)
                pass[stack[--top]] = PASS_NEVER;
            continue;
        }
        if (pass[x] == 0)
            pass[x] = 1;
        while (top) {
            y = stack[--top];
            pass[y] = pass[pk[y]] == PASS_NEVER ? PASS_NEVER : pass[pk[y]] + (pk[y] > y);
        }
    }
}

static void read_districts(importer *im, govidx_table *t)
{
    static const char *const cd_n[] = {"district", "code", NULL}, *const nm_n[] = {"name", NULL};
    static const char *const un_n[] = {"unit", "city", NULL}, *const pa_n[] = {"parent", NULL};
    static const char *const lv_n[] = {"level", NULL}, *const yr_n[] = {"year", NULL};
    static const char *const po_n[] = {"population", NULL}, *const ar_n[] = {"area", NULL};
    size_t cd = col_any(t, cd_n), cn = col_any(t, nm_n), cu = col_any(t, un_n), cp = col_any(t, pa_n);
    size_t cl = col_any(t, lv_n), cy = col_any(t, yr_n), cpop = col_any(t, po_n), ca = col_any(t, ar_n);
    size_t n = govidx_table_n_rows(t), r, c, k, i, n_d = 0, *first = NULL, *var_cols = NULL, n_vars = 0;
    size_t *pk = NULL, *pass = NULL, *order = NULL, *ds_index = NULL, p, max_pass = 0, n_never = 0;
    const char **dcodes = NULL;
    govidx__strmap dmap = {0}; /* district code -> index in dcodes[] (first appearance) */
    if (cd == NONE || cu == NONE || cy == NONE || cpop == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the districts file needs district, unit, year and "
                                                   "population columns");
        return;
    }
    dcodes = govidx__calloc(n + 1, sizeof *dcodes);
    first = govidx__calloc(n + 1, sizeof *first);
    var_cols = govidx__calloc(govidx_table_n_cols(t) + 1, sizeof *var_cols);
    pk = govidx__calloc(n + 1, sizeof *pk);
    pass = govidx__calloc(n + 1, sizeof *pass);
    order = govidx__calloc(n + 1, sizeof *order);
    ds_index = govidx__calloc(n + 1, sizeof *ds_index);
    if (!dcodes || !first || !var_cols || !pk || !pass || !order || !ds_index || govidx__strmap_reserve(&dmap, n)) {
        problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
        goto done;
    }
    for (r = 0; r < n; r++) {
        const char *d = cell(t, r, cd);
        if (!*d) {
            problem(im, GOVIDX_EFORMAT, t, r, cd, "empty district code");
            continue;
        }
        if (govidx__strmap_put(&dmap, d, n_d)) {
            dcodes[n_d] = d;
            first[n_d++] = r;
        }
    }
    /* parents before children: the districts in order of (pass, file order) */
    for (k = 0; k < n_d; k++) {
        const char *parent = text_or_null(t, first[k], cp);
        pk[k] = parent ? govidx__strmap_get(&dmap, parent) : NONE;
        ds_index[k] = NONE;
    }
    district_passes(pk, n_d, pass, order);
    for (k = 0; k < n_d; k++) {
        if (pass[k] == PASS_NEVER)
            n_never++;
        else if (pass[k] > max_pass)
            max_pass = pass[k];
    }
    {
        /* counting sort of the districts by pass (stable: file order within a pass) */
        size_t *start = govidx__calloc(max_pass + 2, sizeof *start);
        if (!start) {
            problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
            goto done;
        }
        for (k = 0; k < n_d; k++)
            if (pass[k] != PASS_NEVER)
                start[pass[k]]++;
        for (p = 1, i = 0; p <= max_pass; p++) {
            size_t cnt = start[p];
            start[p] = i;
            i += cnt;
        }
        for (k = 0; k < n_d; k++)
            if (pass[k] != PASS_NEVER)
                order[start[pass[k]]++] = k;
        govidx__free(start);
    }
    for (i = 0, p = 0; i < n_d - n_never; i++) {
        const char *parent;
        govidx_district dd = GOVIDX_DISTRICT_INIT;
        double lvl = 1;
        k = order[i];
        if (pass[k] != p) { /* a pass starts: the former scan stopped before it after a problem */
            p = pass[k];
            if (im->status)
                break;
        }
        r = first[k];
        parent = text_or_null(t, r, cp);
        if (parent && pk[k] == NONE) {
            problem(im, GOVIDX_ENOTFOUND, t, r, cp, "parent district '%s' is not in the file", parent);
            continue;
        }
        dd.code = dcodes[k];
        dd.name = cn != NONE && *cell(t, r, cn) ? cell(t, r, cn) : dcodes[k];
        dd.unit = cell(t, r, cu);
        dd.parent = parent;
        if (number(im, t, r, cl, &lvl) == GOVIDX_OK && !isnan(lvl))
            dd.level = (int)lvl;
        number(im, t, r, ca, &dd.area);
        ds_index[k] = govidx_dataset_n_districts(im->ds);
        if (built(im, govidx_dataset_add_district(im->ds, &dd), t, r))
            ds_index[k] = NONE;
    }
    if (n_never && !im->status)
        problem(im, GOVIDX_ECYCLE, t, NONE, NONE, "the district parents form a cycle");
    for (c = 0; c < govidx_table_n_cols(t); c++)
        if (c != cd && c != cn && c != cu && c != cp && c != cl && c != cy && c != cpop && c != ca) {
            var_cols[n_vars++] = c;
            built(im, govidx_dataset_add_district_var(im->ds, govidx_table_col_name(t, c), NULL), t, NONE);
        }
    if (im->status)
        goto done;
    for (r = 0; r < n; r++) {
        size_t d, y;
        int year;
        double pop;
        if (parse_int(im, t, r, cy, &year))
            continue;
        if (govidx_dataset_find_year(&y, im->ds, year) != GOVIDX_OK) {
            problem(im, GOVIDX_ENOTFOUND, t, r, cy, "year %d is not a year of the data file", year);
            continue;
        }
        /* the district's index in the dataset (its place in the parents-first order) */
        d = govidx__strmap_get(&dmap, cell(t, r, cd));
        d = d == NONE ? NONE : ds_index[d];
        if (number(im, t, r, cpop, &pop) == GOVIDX_OK)
            built(im, govidx_dataset_set_district_population(im->ds, d, y, pop), t, r);
        for (k = 0; k < n_vars; k++) {
            double x;
            if (number(im, t, r, var_cols[k], &x) == GOVIDX_OK)
                built(im, govidx_dataset_set_district_value(im->ds, d, y, k, x), t, r);
        }
    }
done:
    govidx_clear_error();
    govidx__free(dcodes);
    govidx__free(first);
    govidx__free(var_cols);
    govidx__free(pk);
    govidx__free(pass);
    govidx__free(order);
    govidx__free(ds_index);
    govidx__strmap_free(&dmap);
}

static int answer_of(const char *s)
{
    if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "y") || !strcasecmp(s, "true"))
        return GOVIDX_ANSWER_YES;
    if (!strcmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "n") || !strcasecmp(s, "false"))
        return GOVIDX_ANSWER_NO;
    if (!*s || !strcasecmp(s, "unsure") || !strcmp(s, "?"))
        return GOVIDX_ANSWER_UNSURE;
    if (!strcmp(s, "NA"))
        return GOVIDX_ANSWER_MISSING;
    return -99;
}

static void read_inventory(importer *im, govidx_table *t)
{
    static const char *const un[] = {"unit", "place", "city", NULL}, *const yr[] = {"year", NULL};
    static const char *const dsn[] = {"dataset", NULL}, *const ca[] = {"category", NULL};
    static const char *const de[] = {"department", NULL}, *const fo[] = {"format", NULL};
    static const char *const li[] = {"licence", "license", NULL}, *const lu[] = {"last_update", NULL};
    static const char *const uf[] = {"update_frequency", NULL};
    size_t cu = col_any(t, un), cy = col_any(t, yr), cds = col_any(t, dsn), cc = col_any(t, ca);
    size_t cde = col_any(t, de), cf = col_any(t, fo), cl = col_any(t, li), clu = col_any(t, lu);
    size_t cuf = col_any(t, uf), crit[GOVIDX_N_CRITERIA], r, k;
    if (cu == NONE || cy == NONE || cds == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the inventory file needs unit, year and dataset columns");
        return;
    }
    for (k = 0; k < GOVIDX_N_CRITERIA; k++) {
        /* govidx's own names first, then spellings seen in published audits */
        const char *names[4] = {govidx_dataset_criterion_name((int)k), NULL, NULL, NULL};
        switch (k) {
        case GOVIDX_CRIT_MACHINE_READABLE: names[1] = "machine_readable"; break;
        case GOVIDX_CRIT_OPEN_LICENCE: names[1] = "openlicense"; names[2] = "open_licence"; break;
        case GOVIDX_CRIT_UP_TO_DATE: names[1] = "up_to_date"; break;
        case GOVIDX_CRIT_REGISTRATION_FREE: names[1] = "registration_free"; break;
        case GOVIDX_CRIT_METADATA_STANDARD: names[1] = "metadata_standard"; break;
        default: break;
        }
        crit[k] = col_any(t, names);
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char answers[GOVIDX_N_CRITERIA];
        int ok = 1;
        if (parse_int(im, t, r, cy, &e.year))
            continue;
        e.unit = cell(t, r, cu);
        e.dataset = cell(t, r, cds);
        e.category = text_or_null(t, r, cc);
        e.department = text_or_null(t, r, cde);
        e.format = text_or_null(t, r, cf);
        e.licence = text_or_null(t, r, cl);
        e.last_update = text_or_null(t, r, clu);
        e.update_frequency = text_or_null(t, r, cuf);
        for (k = 0; k < GOVIDX_N_CRITERIA; k++) {
            int a = crit[k] == NONE ? GOVIDX_ANSWER_MISSING : answer_of(cell(t, r, crit[k]));
            if (a == -99) {
                problem(im, GOVIDX_EFORMAT, t, r, crit[k], "'%s' is not a yes/no/unsure answer",
                        cell(t, r, crit[k]));
                ok = 0;
            }
            answers[k] = (signed char)a;
        }
        e.answers = answers;
        e.n_answers = GOVIDX_N_CRITERIA;
        if (ok)
            built(im, govidx_dataset_add_inventory(im->ds, &e), t, r);
    }
    govidx_clear_error();
}

static void read_actors(importer *im, govidx_table *t)
{
    static const char *const co[] = {"actor", "code", "id", NULL}, *const nm[] = {"name", NULL};
    static const char *const un[] = {"unit", "city", "network", NULL}, *const se[] = {"sector", NULL};
    static const char *const lv[] = {"level", NULL};
    size_t cc = col_any(t, co), cn = col_any(t, nm), cu = col_any(t, un), cs = col_any(t, se);
    size_t cl = col_any(t, lv), r;
    if (cc == NONE || cu == NONE || cs == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the actors file needs actor, unit and sector columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_actor a;
        memset(&a, 0, sizeof a);
        a.version = GOVIDX_ACTOR_VERSION;
        a.code = cell(t, r, cc);
        a.name = cn != NONE && *cell(t, r, cn) ? cell(t, r, cn) : a.code;
        a.unit = cell(t, r, cu);
        a.sector = cell(t, r, cs);
        a.level = text_or_null(t, r, cl);
        built(im, govidx_dataset_add_actor(im->ds, &a), t, r);
    }
    govidx_clear_error();
}

static void read_edges(importer *im, govidx_table *t)
{
    static const char *const un[] = {"unit", "city", "network", NULL}, *const yr[] = {"year", NULL};
    static const char *const la[] = {"layer", NULL}, *const fr[] = {"from", NULL}, *const to[] = {"to", NULL};
    static const char *const we[] = {"weight", NULL};
    size_t cu = col_any(t, un), cy = col_any(t, yr), cl = col_any(t, la), cf = col_any(t, fr);
    size_t ct = col_any(t, to), cw = col_any(t, we), r;
    if (cu == NONE || cy == NONE || cf == NONE || ct == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the edges file needs unit, year, from and to columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_edge e;
        memset(&e, 0, sizeof e);
        e.version = GOVIDX_EDGE_VERSION;
        if (parse_int(im, t, r, cy, &e.year) || number(im, t, r, cw, &e.weight))
            continue;
        if (isnan(e.weight))
            e.weight = 1;
        e.unit = cell(t, r, cu);
        e.layer = cl != NONE && *cell(t, r, cl) ? cell(t, r, cl) : "default";
        e.from = cell(t, r, cf);
        e.to = cell(t, r, ct);
        built(im, govidx_dataset_add_edge(im->ds, &e), t, r);
    }
    govidx_clear_error();
}

static void read_dea(importer *im, govidx_table *t)
{
    static const char *const va[] = {"variable", "indicator", "code", NULL}, *const ro[] = {"role", NULL};
    static const char *const fl[] = {"flags", NULL};
    size_t cv = col_any(t, va), cr = col_any(t, ro), cf = col_any(t, fl), r;
    if (cv == NONE || cr == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the DEA file needs variable and role columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        const char *role = cell(t, r, cr), *flags = cell(t, r, cf);
        unsigned f = 0;
        int out;
        if (!strcasecmp(role, "input"))
            out = 0;
        else if (!strcasecmp(role, "output"))
            out = 1;
        else {
            problem(im, GOVIDX_EFORMAT, t, r, cr, "role must be input or output, not '%s'", role);
            continue;
        }
        if (strstr(flags, "undesirable"))
            f |= GOVIDX_DEA_UNDESIRABLE;
        if (strstr(flags, "nondiscretionary") || strstr(flags, "non-discretionary"))
            f |= GOVIDX_DEA_NONDISCRETIONARY;
        built(im, govidx_dataset_add_dea_var(im->ds, cell(t, r, cv), out, f), t, r);
    }
    govidx_clear_error();
}

/* ------------------------------------------------------------------------ */

static void forward(void *ctx, const char *object, const char *message)
{
    importer *im = ctx;
    if (!im->status)
        snprintf(im->first, sizeof im->first, "%.300s: %.380s", object, message);
    if (im->report && im->n_problems < MAX_REPORTED)
        im->report(im->ctx, object, message);
    im->n_problems++;
}

static const govidx_import_sources import_sources_defaults = GOVIDX_IMPORT_SOURCES_INIT;
static const size_t import_sources_sizes[2] = {GOVIDX__END(govidx_import_sources, default_year),
                                               GOVIDX__END(govidx_import_sources, n_data_files)};
static const govidx__versioned import_sources_versions = {"import sources", 2, import_sources_sizes,
                                                          &import_sources_defaults};

int govidx_import_sources_init(govidx_import_sources *src, unsigned version)
{
    return govidx__versioned_init(&import_sources_versions, src, version);
}

int govidx_import_csv(govidx_dataset **out, const govidx_import_sources *src, govidx_problem_fn report, void *ctx)
{
    importer im;
    meta m;
    govidx_table *t = NULL;
    govidx_import_sources copy;
    size_t k;
    int rc;
    if (!out || !src)
        return govidx__fail(GOVIDX_EINVAL, "import: the data and meta files are required");
    if ((rc = govidx__versioned_read(&import_sources_versions, &copy, src)))
        return rc;
    src = &copy;
    if ((!src->data && !src->n_data_files) || !src->meta)
        return govidx__fail(GOVIDX_EINVAL, "import: the data and meta files are required");
    if (src->data && src->n_data_files)
        return govidx__fail(GOVIDX_EINVAL, "import: give the data file or the data files per year, not both");
    if (src->n_data_files && !src->data_files)
        return govidx__fail(GOVIDX_EINVAL, "import: %zu data files but no list of them", src->n_data_files);
    for (k = 0; k < src->n_data_files; k++)
        if (!src->data_files[k])
            return govidx__fail(GOVIDX_EINVAL, "import: data file %zu (0-based) of the list is NULL", k);
    if ((src->thousands && (unsigned char)src->thousands >= 0x80) || src->decimal == '"' ||
        (src->decimal && src->decimal != '.' && src->decimal != ','))
        return govidx__fail(GOVIDX_EINVAL, "import: the decimal mark is '.' or ','");
    if (src->thousands && (src->thousands == src->decimal || (src->thousands == '.' && !src->decimal) ||
                           (src->thousands != ',' && src->thousands != '.' && src->thousands != ' ' &&
                            src->thousands != '\'' && src->thousands != '_')))
        return govidx__fail(GOVIDX_EINVAL, "import: the thousands separator is one of , . ' _ or a space, and "
                            "differs from the decimal mark ('.' unless decimal = ',')");
    if ((src->actors == NULL) != (src->edges == NULL))
        return govidx__fail(GOVIDX_EINVAL, "import: actors and edges go together");
    *out = NULL;
    memset(&im, 0, sizeof im);
    memset(&m, 0, sizeof m);
    im.report = report;
    im.ctx = ctx;
    im.thousands = src->thousands;
    im.decimal = src->decimal == '.' ? 0 : src->decimal;
    if ((rc = govidx_dataset_new(&im.ds)))
        return rc;
    if (load(&im, &m.t, src->meta) == GOVIDX_OK) {
        read_meta(&im, &m);
        if (!im.status)
            add_meta(&im, &m);
    }
    if (!im.status) {
        /* the data file, or one file per year stacked into one panel */
        size_t nt = src->data ? 1 : src->n_data_files, loaded = 0;
        govidx_table **ts = govidx__calloc(nt, sizeof *ts);
        if (!ts) {
            govidx_dataset_close(im.ds);
            govidx__free(m.rows);
            govidx__strmap_free(&m.map);
            govidx_table_free(m.t);
            return govidx__oom();
        }
        for (k = 0; k < nt; k++)
            if (load(&im, &ts[k], src->data ? src->data : src->data_files[k]) == GOVIDX_OK)
                loaded++;
        if (loaded == nt)
            read_data(&im, ts, src->data ? NULL : src->data_years, nt, &m, src);
        for (k = 0; k < nt; k++)
            govidx_table_free(ts[k]);
        govidx__free(ts);
    }
#define OPTIONAL(path, fn)                                        \
    if (!im.status && (path) && load(&im, &t, (path)) == GOVIDX_OK) { \
        fn(&im, t);                                               \
        govidx_table_free(t);                                     \
        t = NULL;                                                 \
    }
    OPTIONAL(src->districts, read_districts)
    OPTIONAL(src->inventory, read_inventory)
    OPTIONAL(src->actors, read_actors)
    OPTIONAL(src->edges, read_edges)
    OPTIONAL(src->dea, read_dea)
#undef OPTIONAL
    if (!im.status) {
        rc = govidx_dataset_validate(im.ds, forward, &im);
        if (rc)
            im.status = rc;
    }
    govidx__free(m.rows);
    govidx__strmap_free(&m.map);
    govidx_table_free(m.t);
    if (im.status) {
        govidx_dataset_close(im.ds);
        if (im.n_problems > 1)
            return govidx__fail(im.status, "%s (and %zu more problem%s)", im.first, im.n_problems - 1,
                                im.n_problems > 2 ? "s" : "");
        return govidx__fail(im.status, "%s", im.first);
    }
    *out = im.ds;
    return GOVIDX_OK;
}

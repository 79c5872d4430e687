/*
 * lib/io/import_cells.c - the importer's problems and cells: every problem
 * recorded at file:line:column (the first one becomes the error message,
 * each goes to the caller's report), a builder's error reported at its row,
 * columns found by any of their names, and cells read as text, numbers (in
 * the sources' number format) and whole numbers.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void problem(importer *im, int rc, const govidx_table *t, size_t row, size_t col, const char *fmt, ...)
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
int built(importer *im, int rc, const govidx_table *t, size_t row)
{
    if (rc) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", govidx_last_error());
        problem(im, rc, t, row, NONE, "%s", msg);
    }
    return rc;
}

size_t col_any(const govidx_table *t, const char *const *names)
{
    size_t c;
    for (; *names; names++)
        if (govidx_table_find_col_nocase(&c, t, *names) == GOVIDX_OK)
            return c;
    govidx_clear_error();
    return NONE;
}

const char *cell(const govidx_table *t, size_t r, size_t c)
{
    return c == NONE ? "" : govidx_table_cell(t, r, c);
}

/* Text cell, or NULL for empty and NA. */
const char *text_or_null(const govidx_table *t, size_t r, size_t c)
{
    const char *s = cell(t, r, c);
    return (!*s || !strcmp(s, "NA")) ? NULL : s;
}

int number(importer *im, const govidx_table *t, size_t r, size_t c, double *out)
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

int parse_int(importer *im, const govidx_table *t, size_t r, size_t c, int *out)
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

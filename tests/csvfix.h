/*
 * tests/csvfix.h - a tiny whole-file CSV loader for test fixtures, on
 * Debian's libcsv (tests only; the library's reader is govidx_table).
 */
#ifndef CSVFIX_H
#define CSVFIX_H

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csvfix {
    size_t n_rows, n_cols, cap, col;
    char ***rows; /* rows[r][c], row 0 = header */
} csvfix;

static inline void csvfix_field(void *s, size_t len, void *ctx)
{
    csvfix *t = ctx;
    char *c;
    if (t->col == 0) {
        if (t->n_rows == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 256;
            t->rows = realloc(t->rows, t->cap * sizeof *t->rows);
        }
        t->rows[t->n_rows] = calloc(256, sizeof(char *));
    }
    c = malloc(len + 1);
    memcpy(c, s, len);
    c[len] = '\0';
    if (t->col < 256)
        t->rows[t->n_rows][t->col] = c;
    else
        free(c);
    t->col++;
}

static inline void csvfix_row(int term, void *ctx)
{
    csvfix *t = ctx;
    (void)term;
    if (t->n_rows == 0)
        t->n_cols = t->col;
    t->n_rows++;
    t->col = 0;
}

/* Load the whole file; NULL when it cannot be read. */
static inline csvfix *csvfix_load(const char *path, unsigned char delim)
{
    char buf[65536];
    struct csv_parser p;
    size_t n;
    csvfix *t;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    t = calloc(1, sizeof *t);
    csv_init(&p, CSV_APPEND_NULL);
    csv_set_delim(&p, delim);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        csv_parse(&p, buf, n, csvfix_field, csvfix_row, t);
    csv_fini(&p, csvfix_field, csvfix_row, t);
    csv_free(&p);
    fclose(f);
    return t;
}

static inline void csvfix_free(csvfix *t)
{
    size_t r, c;
    if (!t)
        return;
    for (r = 0; r < t->n_rows; r++) {
        for (c = 0; c < 256; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t);
}

/* Column index of a header name, or (size_t)-1. */
static inline size_t csvfix_col(const csvfix *t, const char *name)
{
    size_t c;
    for (c = 0; c < t->n_cols; c++)
        if (t->rows[0][c] && !strcmp(t->rows[0][c], name))
            return c;
    return (size_t)-1;
}

/* Cell as a number; NaN for empty or NA. */
static inline double csvfix_num(const csvfix *t, size_t r, size_t c)
{
    const char *s = t->rows[r][c];
    if (!s || !*s || !strcmp(s, "NA"))
        return NAN;
    return strtod(s, NULL);
}

#endif

/*
 * lib/io/import_internal.h - the CSV importer's state and the functions its
 * files share: import.c (the public entry), import_cells.c (problems and
 * cells), import_meta.c, import_data.c, import_sections.c (the files read)
 * and import_number.c (numbers in a given format).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_IMPORT_INTERNAL_H
#define GOVIDX_IMPORT_INTERNAL_H

#include "core/internal.h"
#include "govidx/import.h"
#include "govidx/table.h"

/** s as a number with the given thousands separator and decimal mark ('\0'
 *  = none / '.'); 1 and *out on success, 0 when s is not one. */
int govidx__import_number(double *out, const char *s, char thousands, char decimal);
/** Why s is not a number under these settings when another setting would
 *  read it ("it has a thousands separator: give thousands = ',' (govidx
 *  import --thousands ,)"), or NULL. */
const char *govidx__import_number_hint(const char *s, char thousands, char decimal);

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
void problem(importer *im, int rc, const govidx_table *t, size_t row, size_t col, const char *fmt, ...)
    GOVIDX__PRINTF(6, 7);
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

/* import_cells.c */
/* A builder call failed: report its message at that row. */
int built(importer *im, int rc, const govidx_table *t, size_t row);
/* The first column with one of the names (any case), or NONE. */
size_t col_any(const govidx_table *t, const char *const *names);
/* The cell's text; "" for column NONE. */
const char *cell(const govidx_table *t, size_t r, size_t c);
/* Text cell, or NULL for empty and NA. */
const char *text_or_null(const govidx_table *t, size_t r, size_t c);
/* The cell as a number (NaN when missing or column NONE); a problem when it is not one. */
int number(importer *im, const govidx_table *t, size_t r, size_t c, double *out);
/* The cell as a whole number; a problem when it is not one. */
int parse_int(importer *im, const govidx_table *t, size_t r, size_t c, int *out);

/* import_meta.c */
void read_meta(importer *im, meta *m);
const meta_row *meta_find(const meta *m, const char *code);
/* Indicator, denominator or other: a column of values. */
int is_variable(int type);
/* Indicators, denominators, other variables and nodes into the dataset. */
void add_meta(importer *im, const meta *m);

/* import_data.c: the nt data files (one per year when file_years is given). */
void read_data(importer *im, govidx_table *const *ts, const int *file_years, size_t nt, const meta *m,
               const govidx_import_sources *src);

/* import_sections.c: the optional files. */
void read_districts(importer *im, govidx_table *t);
void read_inventory(importer *im, govidx_table *t);
void read_actors(importer *im, govidx_table *t);
void read_edges(importer *im, govidx_table *t);
void read_dea(importer *im, govidx_table *t);

#endif

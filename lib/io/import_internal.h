/*
 * lib/io/import_internal.h - the CSV importer's state and the functions its
 * files share: import.c (the public entry), import_cells.c (problems and
 * cells), import_meta.c, import_data.c (with import_layout.c,
 * import_values.c, import_stack.c), import_sections.c (the files read) and
 * import_number.c (numbers in a given format).
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

/* The columns of one data file. */
typedef struct data_cols {
    size_t cu, cn, cy, ci, cv, cse; /* cse: long format, the value's standard error (/panel/stderr) */
    size_t *var_col;   /* WIDE: the column of each variable, NONE when absent */
    size_t *group_col; /* the column of each group of the meta (m->rows order), NONE when absent */
    int file_year;     /* the year given for the file, 0 = its year column */
} data_cols;

/* The data files being read into one panel, shared by the steps of
 * read_data; the rows of all files are numbered one after the other. */
typedef struct data_files {
    govidx_table *const *ts;
    size_t nt;
    const int *file_years; /* the year of each file, or NULL */
    const meta *m;
    const govidx_import_sources *src;
    size_t n_vars;       /* the meta file's variables */
    data_cols *dc;       /* per file */
    size_t *off;         /* per file: the number of its first row */
    size_t n_rows;
    int is_long;         /* long (indicator, value) files, else wide */
    const char **codes, **names; /* units in order of first appearance */
    size_t n_units;
    int *years;          /* sorted once every row is read */
    size_t n_years;
    int *row_year;       /* per row */
    size_t *row_unit;    /* per row: its unit, NONE for a refused row */
} data_files;

/* import_layout.c: each file's columns, wide or long (all alike); a problem
 * for each missing column.  df->off and df->dc are allocated here. */
void data_layout(importer *im, data_files *df);
/* import_layout.c, wide files: the column of each variable, and no column
 * the meta file does not describe. */
void data_var_columns(importer *im, data_files *df);
/* import_values.c: every row's values into the dataset; seen counts the
 * values of each cell; var_in (long files per year, else NULL) marks the
 * indicators each file has. */
void data_values(importer *im, const data_files *df, unsigned char *seen, unsigned char *var_in);
/* import_stack.c, one file per year: every file lists the same units ... */
void stack_units_agree(importer *im, const data_files *df);
/* ... and the same indicators (var_in from data_values; var_codes has room
 * for n_vars codes). */
void stack_indicators_agree(importer *im, const data_files *df, unsigned char *var_in, const char **var_codes);

/* import_sections.c: the optional files. */
void read_districts(importer *im, govidx_table *t);
void read_inventory(importer *im, govidx_table *t);
void read_actors(importer *im, govidx_table *t);
void read_edges(importer *im, govidx_table *t);
void read_dea(importer *im, govidx_table *t);

#endif

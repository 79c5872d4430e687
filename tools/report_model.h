/*
 * tools/report_model.h - the numbers of the evaluator's report
 * (`govidx report -o report.html | --json | --xlsx`), gathered once.
 *
 * The model is a list of named tables in long form (one row per city, or per
 * city and item), each cell a number (NaN = empty) or a text.  The HTML
 * writer lays them out (headline table, one profile per city that selects
 * that city's rows, annexes); the JSON writer and the XLSX writer (one sheet
 * per table) write every table as it is, so the three formats show the same
 * numbers.  Table ids and column names are the JSON keys documented in
 * docs/report.md.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_REPORT_MODEL_H
#define GOVIDX_REPORT_MODEL_H

#include <govidx.h>
#include <stddef.h>

typedef struct rep_cell {
    double v;  /* the number when s is NULL (NaN = empty) */
    char *s;   /* owned text, or NULL */
} rep_cell;

typedef struct rep_table {
    const char *id;    /* "headline", "pillars", ... (static) */
    const char *title; /* English title (static); the HTML writer translates it */
    size_t n_cols, n_rows, cap_rows;
    const char **cols; /* static column names */
    rep_cell *cells;   /* row-major, n_rows x n_cols */
} rep_table;

/* The four headline indices, in the headline table's order. */
enum { REP_COMPOSITE = 0, REP_OPENNESS, REP_COVERAGE, REP_COLLABORATION, REP_N_INDICES };

typedef struct report_options {
    const char *file;        /* the dataset */
    int year;                /* 0 = the file's last year */
    const char *run;         /* stored run whose method the composite uses; NULL = default method */
    const char *uncertainty; /* stored uncertainty run; NULL = none */
    const char *uncertainty_csv; /* CSV of govidx uncertainty; NULL = none */
    const char *lang;        /* "en" or "zh" */
    /* issue 16: the cities left out (comma-separated codes, NULL = none),
     * each index computed as govidx compute --index X --exclude/--only
     * computes it; the coverage options as govidx compute --index coverage
     * takes them (NULL = the library defaults) */
    const char *exclude, *only;
    const govidx_coverage_options *coverage;
    const char *coverage_variable; /* the district variable coverage measures */
} report_options;

typedef struct report_model {
    report_options opt;
    govidx_dataset *ds;         /* borrowed */
    unsigned char *keep;        /* keep[u] = 0: unit u left out by --exclude/--only (absent everywhere) */
    char sha256[65];            /* of the input file */
    const char *title;          /* the file's title attribute, or its path */
    int year, prev_year;        /* prev_year 0 = the file has no earlier year */
    size_t y, yp;
    const char *index_node[REP_N_INDICES]; /* the node reported for each index */
    const char *index_key[REP_N_INDICES];  /* "composite", "openness", ... */
    char index_note[REP_N_INDICES][512];   /* why an index is missing ("" when present) */
    govidx_result *res[REP_N_INDICES];     /* owned; NULL when the index cannot be computed */
    govidx_plan *plan;                     /* the composite's plan */
    void *dec;                             /* govidx_decomposition * (composite, prev -> year) */
    char uncertainty_note[512];            /* where the rank intervals come from, or why there are none */
    size_t n_intervals;                    /* cities with a rank interval (0 = none) */
    size_t n_tables;
    rep_table *tables;
} report_model;

/* Gather everything; on failure prints the reason (naming codes) to stderr
 * and returns a govidx status.  report_model_free releases. */
int report_model_build(report_model *m, govidx_dataset *ds, const report_options *opt);
void report_model_free(report_model *m);

/* The table called id, or NULL. */
const rep_table *report_table(const report_model *m, const char *id);
/* Column index of name in t, or (size_t)-1. */
size_t report_col(const rep_table *t, const char *name);
static inline const rep_cell *report_cell(const rep_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->n_cols + col];
}

/* The writers (tools/report_html.c, report_json.c, report_xlsx.c); each
 * writes atomically through csv_open/csv_close or its own library and
 * returns 0, or prints why and returns a govidx status. */
int report_write_html(const report_model *m, const char *path);
int report_write_json(const report_model *m, const char *path);
int report_write_xlsx(const report_model *m, const char *path);

/* The report's own strings in the model's language (a small table). */
const char *report_tr(const report_model *m, const char *en);

#endif

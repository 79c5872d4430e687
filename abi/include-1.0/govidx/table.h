/*
 * govidx/table.h - CSV tables (RFC 4180) read with Debian's libcsv.
 *
 * A table is a header row and data rows of text cells.  The reader accepts
 * quoted fields with embedded delimiters, quotes and line breaks, UTF-8 with
 * or without a byte-order mark, LF or CRLF line ends, and skips blank
 * lines.  It remembers the physical line where every row starts, so errors
 * name "file:line:column".  A row with more or fewer fields than the header
 * is an error.  Cells "", "NA", "N/A", "NaN" and "na" read as missing
 * numbers.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_TABLE_H
#define GOVIDX_TABLE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: a CSV table in memory. */
typedef struct govidx_table govidx_table;

/** Options for reading CSV. */
typedef struct govidx_csv_options {
    unsigned version;   /**< GOVIDX_CSV_OPTIONS_VERSION */
    char delimiter;     /**< 0 = auto: ',' unless the header has ';' and no ',' */
    size_t max_bytes;   /**< refuse larger inputs; 0 = default (1 GiB) */
} govidx_csv_options;
#define GOVIDX_CSV_OPTIONS_VERSION 1
#define GOVIDX_CSV_OPTIONS_INIT { GOVIDX_CSV_OPTIONS_VERSION, 0, 0 }
/** Set *opts to the defaults of `version` (1..GOVIDX_CSV_OPTIONS_VERSION), as
 *  GOVIDX_CSV_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_csv_options_init(govidx_csv_options *opts, unsigned version);

/**
 * Read a CSV file.  opts may be NULL.  Errors: GOVIDX_EIO (unreadable),
 * GOVIDX_EFORMAT (malformed quoting, ragged row, empty file, duplicate or
 * empty header name; the message names file, line and column),
 * GOVIDX_EDIM (larger than max_bytes), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_table_read_csv(govidx_table **out, const char *path, const govidx_csv_options *opts);

/**
 * Parse CSV text of `len` bytes; `name` labels error messages (e.g. the
 * file name).  Same rules and errors as govidx_table_read_csv.
 */
GOVIDX_API int govidx_table_parse_csv(govidx_table **out, const char *name, const char *text, size_t len,
                                      const govidx_csv_options *opts);

/** Release a table; NULL is a no-op. */
GOVIDX_API void govidx_table_free(govidx_table *t);

/** The name given when reading (the file path). */
GOVIDX_API const char *govidx_table_name(const govidx_table *t);
/** Number of data rows (the header excluded). */
GOVIDX_API size_t govidx_table_n_rows(const govidx_table *t);
/** Number of columns. */
GOVIDX_API size_t govidx_table_n_cols(const govidx_table *t);
/** Header name of column c; NULL when out of range. */
GOVIDX_API const char *govidx_table_col_name(const govidx_table *t, size_t c);
/** Column with this exact header name; GOVIDX_ENOTFOUND when absent. */
GOVIDX_API int govidx_table_find_col(size_t *c, const govidx_table *t, const char *name);
/** Same, ignoring ASCII case. */
GOVIDX_API int govidx_table_find_col_nocase(size_t *c, const govidx_table *t, const char *name);
/** Text of cell (row r, column c), "" when empty; NULL when out of range. */
GOVIDX_API const char *govidx_table_cell(const govidx_table *t, size_t r, size_t c);
/** Physical line (1-based) where data row r starts; the header is line 1 unless preceded by blank lines. */
GOVIDX_API size_t govidx_table_line(const govidx_table *t, size_t r);

/** 1 when the cell reads as a missing value ("", NA, N/A, NaN, na). */
GOVIDX_API int govidx_table_is_missing(const govidx_table *t, size_t r, size_t c);

/**
 * Cell (r, c) as a number: missing cells give NaN; anything else must be a
 * complete finite decimal number (surrounding spaces allowed), else
 * GOVIDX_EFORMAT with "file:line:column: 'text' is not a number".
 */
GOVIDX_API int govidx_table_number(double *out, const govidx_table *t, size_t r, size_t c);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_TABLE_H */

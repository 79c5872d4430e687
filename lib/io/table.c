/*
 * lib/io/table.c - CSV tables on Debian's libcsv (LGPL-2.1+), with physical
 * line numbers for every row so errors can name file:line:column.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/table.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEFAULT_MAX_BYTES ((size_t)1 << 30)

struct govidx_table {
    char *name;
    char *text;          /* all cells, NUL-terminated, back to back */
    size_t text_len, text_cap;
    size_t *cell;        /* offsets into text; row-major, n_cols per row (row 0 = header) */
    size_t n_cells, cell_cap;
    size_t *line;        /* start line of each row (row 0 = header) */
    size_t n_rows_all, n_cols, line_cap;
    /* parser state */
    size_t cur_line, row_fields, row_first_line;
    int failed;          /* GOVIDX_* status of the first problem, 0 = none */
};

static void set_failure(govidx_table *t, int rc)
{
    if (!t->failed)
        t->failed = rc;
}

static size_t count_newlines(const char *s, size_t n)
{
    size_t k = 0, i;
    for (i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

static void on_field(void *s, size_t len, void *ctx)
{
    govidx_table *t = ctx;
    size_t need;
    if (t->failed)
        return;
    if (t->row_fields == 0) /* the row started where its first field started */
        t->row_first_line = t->cur_line - count_newlines(s, len);
    /* a NUL would cut the cell short when it is read back; invalid UTF-8
     * would be stored as names: both refused, naming line and field */
    if (memchr(s, '\0', len) || govidx__utf8_invalid_at(s, len) != (size_t)-1) {
        set_failure(t, govidx__fail(GOVIDX_EFORMAT, "%s:%zu: field %zu %s", t->name, t->row_first_line,
                                    t->row_fields + 1,
                                    memchr(s, '\0', len) ? "contains a NUL byte" : "is not valid UTF-8"));
        return;
    }
    if (t->n_cells == t->cell_cap) {
        size_t cap = t->cell_cap ? 2 * t->cell_cap : 1024;
        size_t *p = govidx__realloc(t->cell, cap * sizeof *p);
        if (!p) {
            set_failure(t, govidx__oom());
            return;
        }
        t->cell = p;
        t->cell_cap = cap;
    }
    need = t->text_len + len + 1;
    if (need > t->text_cap) {
        size_t cap = t->text_cap ? t->text_cap : 4096;
        char *p;
        while (cap < need)
            cap *= 2;
        p = govidx__realloc(t->text, cap);
        if (!p) {
            set_failure(t, govidx__oom());
            return;
        }
        t->text = p;
        t->text_cap = cap;
    }
    memcpy(t->text + t->text_len, s, len);
    t->text[t->text_len + len] = '\0';
    t->cell[t->n_cells++] = t->text_len;
    t->text_len += len + 1;
    t->row_fields++;
}

static void on_row(int term, void *ctx)
{
    govidx_table *t = ctx;
    (void)term;
    if (t->failed)
        return;
    if (t->n_rows_all == 0) {
        t->n_cols = t->row_fields;
    } else if (t->row_fields != t->n_cols) {
        set_failure(t, govidx__fail(GOVIDX_EFORMAT, "%s:%zu: expected %zu fields (as in the header), found %zu",
                                    t->name, t->row_first_line, t->n_cols, t->row_fields));
        return;
    }
    if (t->n_rows_all == t->line_cap) {
        size_t cap = t->line_cap ? 2 * t->line_cap : 256;
        size_t *p = govidx__realloc(t->line, cap * sizeof *p);
        if (!p) {
            set_failure(t, govidx__oom());
            return;
        }
        t->line = p;
        t->line_cap = cap;
    }
    t->line[t->n_rows_all++] = t->row_first_line;
    t->row_fields = 0;
}

/* libcsv allocates through these, so its memory counts as govidx's. */
static void *csv_realloc_hook(void *p, size_t n) { return govidx__realloc(p, n); }
static void csv_free_hook(void *p) { govidx__free(p); }

void govidx_table_free(govidx_table *t)
{
    if (!t)
        return;
    govidx__free(t->name);
    govidx__free(t->text);
    govidx__free(t->cell);
    govidx__free(t->line);
    govidx__free(t);
}

static char detect_delimiter(const char *text, size_t len)
{
    size_t i;
    int comma = 0, semi = 0;
    for (i = 0; i < len && text[i] != '\n'; i++) {
        comma |= text[i] == ',';
        semi |= text[i] == ';';
    }
    return (semi && !comma) ? ';' : ',';
}

static int check_header(govidx_table *t)
{
    size_t c, d;
    for (c = 0; c < t->n_cols; c++) {
        const char *a = t->text + t->cell[c];
        if (!*a)
            return govidx__fail(GOVIDX_EFORMAT, "%s:%zu:%zu: empty column name in the header", t->name,
                                t->line[0], c + 1);
        for (d = 0; d < c; d++)
            if (!strcmp(a, t->text + t->cell[d]))
                return govidx__fail(GOVIDX_EFORMAT, "%s:%zu:%zu: column '%s' appears twice in the header",
                                    t->name, t->line[0], c + 1, a);
    }
    return GOVIDX_OK;
}

GOVIDX__VERSIONS_1(csv_options_versions, govidx_csv_options, "CSV options", GOVIDX_CSV_OPTIONS_INIT, max_bytes);

int govidx_csv_options_init(govidx_csv_options *opts, unsigned version)
{
    return govidx__versioned_init(&csv_options_versions, opts, version);
}

int govidx_table_parse_csv(govidx_table **out, const char *name, const char *text, size_t len,
                           const govidx_csv_options *opts)
{
    struct csv_parser p;
    govidx_table *t;
    size_t pos = 0, max = DEFAULT_MAX_BYTES;
    char delim = 0;
    int rc = GOVIDX_OK;
    if (!out || (!text && len))
        return govidx__fail(GOVIDX_EINVAL, "csv: NULL argument");
    *out = NULL;
    if (opts) {
        govidx_csv_options o;
        if ((rc = govidx__versioned_read(&csv_options_versions, &o, opts)))
            return rc;
        delim = o.delimiter;
        if (o.max_bytes)
            max = o.max_bytes;
    }
    if (!name)
        name = "(csv)";
    if (len > max)
        return govidx__fail(GOVIDX_EDIM, "%s: %zu bytes is more than the limit of %zu", name, len, max);
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) { /* UTF-8 byte-order mark */
        text += 3;
        len -= 3;
    }
    if (!delim)
        delim = detect_delimiter(text, len);
    t = govidx__calloc(1, sizeof *t);
    if (!t || !(t->name = govidx__strdup(name))) {
        govidx__free(t);
        return govidx__oom();
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        govidx_table_free(t);
        return govidx__oom();
    }
    csv_set_realloc_func(&p, csv_realloc_hook);
    csv_set_free_func(&p, csv_free_hook);
    csv_set_delim(&p, (unsigned char)delim);
    t->cur_line = 1;
    /* feed one physical line at a time so callbacks know the line number */
    while (pos < len && !t->failed) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        if (csv_parse(&p, text + pos, n, on_field, on_row, t) != n) {
            if (csv_error(&p) == CSV_ENOMEM)
                set_failure(t, govidx__oom());
            else
                set_failure(t, govidx__fail(GOVIDX_EFORMAT, "%s:%zu: malformed CSV (%s)", name, t->cur_line,
                                            csv_strerror(csv_error(&p))));
            break;
        }
        pos += n;
        if (nl)
            t->cur_line++;
    }
    if (!t->failed && csv_fini(&p, on_field, on_row, t) != 0)
        set_failure(t, csv_error(&p) == CSV_ENOMEM ? govidx__oom() : govidx__fail(GOVIDX_EFORMAT, "%s:%zu: malformed CSV at the end of the file (%s)", name,
                                    t->cur_line, csv_strerror(csv_error(&p))));
    csv_free(&p);
    rc = t->failed;
    if (rc == GOVIDX_OK && t->n_rows_all == 0)
        rc = govidx__fail(GOVIDX_EFORMAT, "%s: no header row (the file is empty)", name);
    if (rc == GOVIDX_OK)
        rc = check_header(t);
    if (rc) {
        govidx_table_free(t);
        return rc;
    }
    *out = t;
    return GOVIDX_OK;
}

int govidx_table_read_csv(govidx_table **out, const char *path, const govidx_csv_options *opts)
{
    FILE *f;
    char *buf;
    long size;
    size_t max;
    govidx_csv_options o;
    int rc;
    if (!out || !path)
        return govidx__fail(GOVIDX_EINVAL, "csv: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&csv_options_versions, &o, opts)))
        return rc;
    max = o.max_bytes ? o.max_bytes : DEFAULT_MAX_BYTES;
    f = fopen(path, "rb");
    if (!f)
        return govidx__fail(GOVIDX_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return govidx__fail(GOVIDX_EIO, "%s: cannot read (not a regular file?)", path);
    }
    if ((size_t)size > max) {
        fclose(f);
        return govidx__fail(GOVIDX_EDIM, "%s: %ld bytes is more than the limit of %zu", path, size, max);
    }
    buf = govidx__malloc((size_t)size + 1);
    if (!buf) {
        fclose(f);
        return govidx__oom();
    }
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        govidx__free(buf);
        return govidx__fail(GOVIDX_EIO, "%s: read error", path);
    }
    fclose(f);
    rc = govidx_table_parse_csv(out, path, buf, (size_t)size, &o);
    govidx__free(buf);
    return rc;
}

const char *govidx_table_name(const govidx_table *t) { return t ? t->name : NULL; }
size_t govidx_table_n_rows(const govidx_table *t) { return t && t->n_rows_all ? t->n_rows_all - 1 : 0; }
size_t govidx_table_n_cols(const govidx_table *t) { return t ? t->n_cols : 0; }

const char *govidx_table_col_name(const govidx_table *t, size_t c)
{
    return t && c < t->n_cols ? t->text + t->cell[c] : NULL;
}

static int find(const govidx_table *t, const char *name, size_t *c, int nocase)
{
    size_t i;
    if (!t || !name || !c)
        return govidx__fail(GOVIDX_EINVAL, "csv: NULL argument");
    for (i = 0; i < t->n_cols; i++)
        if (nocase ? !strcasecmp(t->text + t->cell[i], name) : !strcmp(t->text + t->cell[i], name)) {
            *c = i;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_ENOTFOUND, "%s: no column '%s'", t->name, name);
}

int govidx_table_find_col(size_t *c, const govidx_table *t, const char *name) { return find(t, name, c, 0); }
int govidx_table_find_col_nocase(size_t *c, const govidx_table *t, const char *name) { return find(t, name, c, 1); }

const char *govidx_table_cell(const govidx_table *t, size_t r, size_t c)
{
    if (!t || r + 1 >= t->n_rows_all || c >= t->n_cols)
        return NULL;
    return t->text + t->cell[(r + 1) * t->n_cols + c];
}

size_t govidx_table_line(const govidx_table *t, size_t r)
{
    return t && r + 1 < t->n_rows_all ? t->line[r + 1] : 0;
}

static int missing_text(const char *s)
{
    return !*s || !strcmp(s, "NA") || !strcmp(s, "N/A") || !strcmp(s, "NaN") || !strcmp(s, "na") ||
           !strcmp(s, "n/a");
}

int govidx_table_is_missing(const govidx_table *t, size_t r, size_t c)
{
    const char *s = govidx_table_cell(t, r, c);
    return s ? missing_text(s) : 1;
}

int govidx_table_number(double *out, const govidx_table *t, size_t r, size_t c)
{
    const char *s = govidx_table_cell(t, r, c);
    char *end;
    double x;
    if (!s || !out)
        return govidx__fail(GOVIDX_EINVAL, "csv: cell (%zu, %zu) out of range", r, c);
    if (missing_text(s)) {
        *out = NAN;
        return GOVIDX_OK;
    }
    errno = 0;
    x = strtod(s, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end || !isfinite(x) || errno == ERANGE)
        return govidx__fail(GOVIDX_EFORMAT, "%s:%zu:%zu: '%s' is not a number (column '%s')", t->name,
                            govidx_table_line(t, r), c + 1, s, govidx_table_col_name(t, c));
    *out = x;
    return GOVIDX_OK;
}

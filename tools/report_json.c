/*
 * tools/report_json.c - everything the report shows as JSON (jansson),
 * schema "govidx-report" version 1, documented in docs/report.md:
 * metadata, the indices reported, and every table of the model as
 * {"title", "columns", "rows": [{column: value}]} with null for an empty
 * number.
 * SPDX-License-Identifier: MIT
 */
#include "report_model.h"
#include "cli.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *cell_json(const rep_cell *c)
{
    if (c->s)
        return json_string(c->s);
    return isfinite(c->v) ? json_real(c->v) : json_null();
}

int report_write_json(const report_model *m, const char *path)
{
    json_t *root = json_object(), *idx = json_array(), *tables = json_object();
    csv_out o;
    FILE *f;
    size_t k, r, c;
    int ok;
    if (!root || !idx || !tables)
        goto nomem;
    json_object_set_new(root, "format", json_string("govidx-report"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "title", json_string(m->title));
    json_object_set_new(root, "file", json_string(m->opt.file));
    json_object_set_new(root, "sha256", json_string(m->sha256));
    json_object_set_new(root, "library_version", json_string(govidx_version_string()));
    json_object_set_new(root, "year", json_integer(m->year));
    json_object_set_new(root, "prev_year", m->prev_year ? json_integer(m->prev_year) : json_null());
    json_object_set_new(root, "lang", json_string(m->opt.lang ? m->opt.lang : "en"));
    json_object_set_new(root, "uncertainty_note", json_string(m->uncertainty_note));
    for (k = 0; k < REP_N_INDICES; k++) {
        json_t *e = json_object();
        if (!e)
            goto nomem;
        json_object_set_new(e, "key", json_string(m->index_key[k]));
        json_object_set_new(e, "node", m->index_node[k] ? json_string(m->index_node[k]) : json_null());
        json_object_set_new(e, "computed", json_boolean(m->res[k] != NULL));
        json_object_set_new(e, "note", json_string(m->index_note[k]));
        json_array_append_new(idx, e);
    }
    json_object_set_new(root, "indices", idx);
    idx = NULL;
    for (k = 0; k < m->n_tables; k++) {
        const rep_table *t = &m->tables[k];
        json_t *jt = json_object(), *cols = json_array(), *rows = json_array();
        if (!jt || !cols || !rows) {
            json_decref(jt), json_decref(cols), json_decref(rows);
            goto nomem;
        }
        for (c = 0; c < t->n_cols; c++)
            json_array_append_new(cols, json_string(t->cols[c]));
        for (r = 0; r < t->n_rows; r++) {
            json_t *row = json_object();
            for (c = 0; row && c < t->n_cols; c++)
                json_object_set_new(row, t->cols[c], cell_json(report_cell(t, r, c)));
            json_array_append_new(rows, row);
        }
        json_object_set_new(jt, "title", json_string(t->title));
        json_object_set_new(jt, "columns", cols);
        json_object_set_new(jt, "rows", rows);
        json_object_set_new(tables, t->id, jt);
    }
    json_object_set_new(root, "tables", tables);
    tables = NULL;
    if (!(f = csv_open(&o, path))) {
        json_decref(root);
        return GOVIDX_EIO;
    }
    /* 17 significant digits: the numbers read back equal the CSV's */
    ok = json_dumpf(root, f, JSON_INDENT(1) | JSON_REAL_PRECISION(17)) == 0;
    if (ok)
        fputc('\n', f);
    json_decref(root);
    return csv_close(&o, ok) ? GOVIDX_EIO : GOVIDX_OK;
nomem:
    json_decref(root), json_decref(idx), json_decref(tables);
    fprintf(stderr, "govidx report: out of memory\n");
    return GOVIDX_ENOMEM;
}

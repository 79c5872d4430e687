/*
 * tools/report_xlsx.c - everything the report shows as an Excel workbook
 * (Debian's libxlsxwriter): a sheet "about" with the report's metadata,
 * then one sheet per table of the model, named by its id, a header row of
 * column names and one row per table row (numbers as numbers, empty cells
 * for missing ones).  Written next to the target and renamed over it.
 * SPDX-License-Identifier: MIT
 */
#include "report_model.h"
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static int meta_row(lxw_worksheet *ws, lxw_row_t r, const char *k, const char *v, lxw_format *bold)
{
    return worksheet_write_string(ws, r, 0, k, bold) || worksheet_write_string(ws, r, 1, v ? v : "", NULL);
}

int report_write_xlsx(const report_model *m, const char *path)
{
    csv_out o;
    FILE *f = csv_open(&o, path);
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    size_t k, r, c;
    int bad = 0;
    char buf[64];
    if (!f)
        return GOVIDX_EIO;
    /* libxlsxwriter writes the file by name on close: it fills the
     * temporary file csv_open made (or the device/FIFO itself) */
    wb = workbook_new(o.tmp[0] ? o.tmp : path);
    if (!wb) {
        fprintf(stderr, "govidx report: libxlsxwriter cannot create %s\n", path);
        csv_close(&o, 0);
        return GOVIDX_EIO;
    }
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    ws = workbook_add_worksheet(wb, "about");
    bad |= !ws;
    if (ws) {
        lxw_row_t row = 0;
        bad |= meta_row(ws, row++, "title", m->title, bold);
        bad |= meta_row(ws, row++, "file", m->opt.file, bold);
        bad |= meta_row(ws, row++, "sha256", m->sha256, bold);
        bad |= meta_row(ws, row++, "library_version", govidx_version_string(), bold);
        snprintf(buf, sizeof buf, "%d", m->year);
        bad |= meta_row(ws, row++, "year", buf, bold);
        snprintf(buf, sizeof buf, "%d", m->prev_year);
        bad |= meta_row(ws, row++, "prev_year", m->prev_year ? buf : "", bold);
        bad |= meta_row(ws, row++, "uncertainty_note", m->uncertainty_note, bold);
        for (k = 0; k < REP_N_INDICES; k++) {
            snprintf(buf, sizeof buf, "index %s", m->index_key[k]);
            bad |= meta_row(ws, row++, buf, *m->index_note[k] ? m->index_note[k] : m->index_node[k], bold);
        }
        worksheet_set_column(ws, 0, 0, 24, NULL);
        worksheet_set_column(ws, 1, 1, 80, NULL);
    }
    for (k = 0; k < m->n_tables && !bad; k++) {
        const rep_table *t = &m->tables[k];
        if (!(ws = workbook_add_worksheet(wb, t->id))) {
            bad = 1;
            break;
        }
        for (c = 0; c < t->n_cols; c++)
            bad |= worksheet_write_string(ws, 0, (lxw_col_t)c, t->cols[c], bold) != LXW_NO_ERROR;
        worksheet_freeze_panes(ws, 1, 0);
        for (r = 0; r < t->n_rows; r++)
            for (c = 0; c < t->n_cols; c++) {
                const rep_cell *cell = report_cell(t, r, c);
                if (cell->s)
                    bad |= *cell->s && worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cell->s,
                                                              NULL) != LXW_NO_ERROR;
                else if (isfinite(cell->v))
                    bad |= worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, cell->v, NULL) !=
                           LXW_NO_ERROR;
            }
    }
    if (workbook_close(wb) != LXW_NO_ERROR || bad) {
        fprintf(stderr, "govidx report: libxlsxwriter could not write %s\n", path);
        csv_close(&o, 0);
        return GOVIDX_EIO;
    }
    return csv_close(&o, 1) ? GOVIDX_EIO : GOVIDX_OK;
}

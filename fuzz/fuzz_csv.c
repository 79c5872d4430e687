/*
 * fuzz/fuzz_csv.c - libFuzzer target for the CSV table reader.
 *
 * The input bytes go to govidx_table_parse_csv as they are (length given,
 * no terminator added), once with the automatic delimiter and once with
 * ';', and every cell of a table that parses is read back.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>

#include "govidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const govidx_table *t)
{
    size_t r, c, n_rows = govidx_table_n_rows(t), n_cols = govidx_table_n_cols(t);
    double x;
    for (c = 0; c < n_cols; c++)
        (void)govidx_table_col_name(t, c);
    for (r = 0; r < n_rows; r++) {
        (void)govidx_table_line(t, r);
        for (c = 0; c < n_cols; c++) {
            (void)govidx_table_cell(t, r, c);
            (void)govidx_table_is_missing(t, r, c);
            (void)govidx_table_number(&x, t, r, c);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    govidx_csv_options opts = GOVIDX_CSV_OPTIONS_INIT;
    govidx_table *t = NULL;

    if (govidx_table_parse_csv(&t, "fuzz.csv", (const char *)data, size, NULL) == GOVIDX_OK)
        walk(t);
    govidx_table_free(t);
    t = NULL;
    opts.delimiter = ';';
    if (govidx_table_parse_csv(&t, "fuzz.csv", (const char *)data, size, &opts) == GOVIDX_OK)
        walk(t);
    govidx_table_free(t);
    return 0;
}

/*
 * lib/io/import_stack.c - one data file per year stacked into one panel:
 * every file must list the same units, and (long files) the same
 * indicators; the keys missing from a file are named.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <stdio.h>

/* A name list for messages, at most 10 codes then a count. */
static void list_codes(char *buf, size_t cap, const char *const *codes, const size_t *which, size_t n)
{
    size_t k, len = 0;
    buf[0] = 0;
    for (k = 0; k < n && k < 10 && len < cap; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", codes[which[k]]);
    if (n > 10 && len < cap)
        snprintf(buf + len, cap - len, " and %zu more", n - 10);
}

/* Every file lists the same keys: present[key * nt + f]; keys missing from
 * a file are named (the first 10, then a count). */
static void check_agree(importer *im, govidx_table *const *ts, size_t nt, const unsigned char *present,
                        const char *const *keys, size_t n_keys, const char *what)
{
    size_t f, k, n_miss, *miss = govidx__calloc(n_keys + 1, sizeof *miss);
    char list[600];
    if (!miss) {
        problem(im, govidx__oom(), ts[0], NONE, NONE, "out of memory");
        return;
    }
    for (f = 0; f < nt; f++) {
        for (k = 0, n_miss = 0; k < n_keys; k++)
            if (!present[k * nt + f])
                miss[n_miss++] = k;
        if (!n_miss)
            continue;
        list_codes(list, sizeof list, keys, miss, n_miss);
        problem(im, GOVIDX_EFORMAT, ts[f], NONE, NONE,
                "the data files do not agree: %s missing from this file: %s", what, list);
    }
    govidx__free(miss);
}

void stack_units_agree(importer *im, const data_files *df)
{
    size_t nt = df->nt, f, g;
    unsigned char *unit_in = govidx__calloc(df->n_units * nt + 1, 1);
    if (!unit_in) {
        problem(im, govidx__oom(), df->ts[0], NONE, NONE, "out of memory");
        return;
    }
    for (f = 0; f < nt; f++)
        for (g = df->off[f]; g < df->off[f] + govidx_table_n_rows(df->ts[f]); g++)
            unit_in[df->row_unit[g] * nt + f] = 1;
    check_agree(im, df->ts, nt, unit_in, df->codes, df->n_units, "units");
    govidx__free(unit_in);
}

void stack_indicators_agree(importer *im, const data_files *df, unsigned char *var_in, const char **var_codes)
{
    size_t nt = df->nt, f, k;
    for (k = 0; k < df->n_vars; k++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        int any = 0;
        govidx_dataset_indicator(&in, im->ds, k);
        var_codes[k] = in.code;
        for (f = 0; f < nt; f++)
            any |= var_in[k * nt + f];
        for (f = 0; f < nt && !any; f++)
            var_in[k * nt + f] = 1; /* in no file: not a disagreement */
    }
    check_agree(im, df->ts, nt, var_in, var_codes, df->n_vars, "indicators");
}

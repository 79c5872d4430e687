/*
 * lib/dataset/dataset_dea.c - the DEA variables of the dataset: which
 * indicators are inputs and outputs of the collaboration frontier, with
 * their flags.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* DEA                                                                  */
/* ------------------------------------------------------------------ */

int govidx_dataset_add_dea_var(govidx_dataset *ds, const char *code, int is_output, unsigned flags)
{
    int rc = writable(ds);
    size_t j;
    govidx__dea_row r;
    if (rc)
        return rc;
    if (!code)
        return govidx__fail(GOVIDX_EINVAL, "DEA variable: code is NULL");
    if ((rc = govidx_dataset_find_indicator(&j, ds, code)))
        return govidx__fail_context(rc, "DEA variable");
    r.indicator = j;
    r.flags = flags;
    if (is_output) {
        if ((rc = govidx__grow((void **)&ds->dea_out, &ds->cap_dea_out, ds->n_dea_out, sizeof r)))
            return rc;
        ds->dea_out[ds->n_dea_out++] = r;
    } else {
        if ((rc = govidx__grow((void **)&ds->dea_in, &ds->cap_dea_in, ds->n_dea_in, sizeof r)))
            return rc;
        ds->dea_in[ds->n_dea_in++] = r;
    }
    return GOVIDX_OK;
}

size_t govidx_dataset_n_dea_inputs(const govidx_dataset *ds) { return ds ? ds->n_dea_in : 0; }
size_t govidx_dataset_n_dea_outputs(const govidx_dataset *ds) { return ds ? ds->n_dea_out : 0; }

static int dea_get(const govidx__dea_row *rows, size_t n, size_t k, size_t *ind, unsigned *flags,
                   const char *what)
{
    if (k >= n)
        return govidx__fail(GOVIDX_EINVAL, "DEA %s %zu out of range (%zu)", what, k, n);
    if (ind)
        *ind = rows[k].indicator;
    if (flags)
        *flags = rows[k].flags;
    return GOVIDX_OK;
}

int govidx_dataset_dea_input(size_t *ind, unsigned *flags, const govidx_dataset *ds, size_t k)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dea_input: dataset is NULL");
    return dea_get(ds->dea_in, ds->n_dea_in, k, ind, flags, "input");
}

int govidx_dataset_dea_output(size_t *ind, unsigned *flags, const govidx_dataset *ds, size_t k)
{
    if (!ds)
        return govidx__fail(GOVIDX_EINVAL, "dea_output: dataset is NULL");
    return dea_get(ds->dea_out, ds->n_dea_out, k, ind, flags, "output");
}

/*
 * lib/dataset/dataset_panel.c - the panel of indicator values in memory: the
 * cell layout, setting a value and its metadata (flags and standard
 * error), and a year's matrix views of values, flags and standard errors.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* panel                                                                */
/* ------------------------------------------------------------------ */

int govidx__ds_panel_cells(const govidx_dataset *ds, size_t *n)
{
    size_t a;
    if (!govidx__mul_ok(ds->n_units, ds->n_years, &a) || !govidx__mul_ok(a, ds->n_ind, n))
        return govidx__fail(GOVIDX_EDIM, "panel too large");
    return GOVIDX_OK;
}

size_t govidx__ds_cell(const govidx_dataset *ds, size_t u, size_t y, size_t i)
{
    return u + ds->n_units * (i + ds->n_ind * y);
}

static int cell_check(govidx_dataset *ds, size_t u, size_t y, size_t i)
{
    int rc = writable(ds);
    if (rc)
        return rc;
    if (!ds->n_units || !ds->n_years || !ds->n_ind)
        return govidx__fail(GOVIDX_EINVAL, "panel: set units, years and indicators first");
    if (u >= ds->n_units || y >= ds->n_years || i >= ds->n_ind)
        return govidx__fail(GOVIDX_EINVAL, "panel cell (%zu, %zu, %zu) out of range", u, y, i);
    return GOVIDX_OK;
}

int alloc_nan(double **p, size_t n)
{
    size_t k;
    double *a = govidx__mallocarray(n, sizeof *a);
    if (!a)
        return govidx__oom();
    for (k = 0; k < n; k++)
        a[k] = NAN;
    *p = a;
    return GOVIDX_OK;
}

int govidx_dataset_set_value(govidx_dataset *ds, size_t u, size_t y, size_t i, double value)
{
    int rc = cell_check(ds, u, y, i);
    size_t n = 0;
    if (rc)
        return rc;
    if (!ds->values) {
        if ((rc = govidx__ds_panel_cells(ds, &n)) || (rc = alloc_nan(&ds->values, n)))
            return rc;
    }
    ds->values[govidx__ds_cell(ds, u, y, i)] = value;
    return GOVIDX_OK;
}

int govidx_dataset_set_cell_meta(govidx_dataset *ds, size_t u, size_t y, size_t i, uint8_t flags,
                                 double stderr_value)
{
    int rc = cell_check(ds, u, y, i);
    size_t n = 0;
    if (rc)
        return rc;
    if ((rc = govidx__ds_panel_cells(ds, &n)))
        return rc;
    if (!ds->values && (rc = alloc_nan(&ds->values, n)))
        return rc;
    if (!ds->flags && flags) {
        ds->flags = govidx__calloc(n, 1);
        if (!ds->flags)
            return govidx__oom();
    }
    if (!ds->stderrs && !isnan(stderr_value) && (rc = alloc_nan(&ds->stderrs, n)))
        return rc;
    if (ds->flags)
        ds->flags[govidx__ds_cell(ds, u, y, i)] = flags;
    if (ds->stderrs)
        ds->stderrs[govidx__ds_cell(ds, u, y, i)] = stderr_value;
    return GOVIDX_OK;
}

int govidx_dataset_panel(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "panel: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "panel: year index %zu out of range (%zu years)", y, ds->n_years);
    if (!ds->values)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no panel");
    out->data = ds->values + govidx__ds_cell(ds, 0, y, 0);
    out->rows = ds->n_units;
    out->cols = ds->n_ind;
    out->ld = ds->n_units;
    return GOVIDX_OK;
}

const uint8_t *govidx_dataset_panel_flags(const govidx_dataset *ds, size_t y)
{
    if (!ds || !ds->flags || y >= ds->n_years)
        return NULL;
    return ds->flags + govidx__ds_cell(ds, 0, y, 0);
}

int govidx_dataset_panel_stderr(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "panel_stderr: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "panel_stderr: year index %zu out of range", y);
    if (!ds->stderrs)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no standard errors");
    out->data = ds->stderrs + govidx__ds_cell(ds, 0, y, 0);
    out->rows = ds->n_units;
    out->cols = ds->n_ind;
    out->ld = ds->n_units;
    return GOVIDX_OK;
}

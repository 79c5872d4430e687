/*
 * lib/dataset/dataset_districts.c - the districts of the units (their rows,
 * parents and codes), the district variables and their values and
 * population per year.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* districts                                                            */
/* ------------------------------------------------------------------ */

GOVIDX__VERSIONS_1(district_versions, govidx_district, "district", GOVIDX_DISTRICT_INIT, area);

int govidx_district_init(govidx_district *row, unsigned version)
{
    return govidx__versioned_init(&district_versions, row, version);
}

int govidx_dataset_add_district(govidx_dataset *ds, const govidx_district *in)
{
    govidx_district copy;
    int rc = writable(ds);
    govidx__district_row r;
    if (rc)
        return rc;
    if (!in)
        return govidx__fail(GOVIDX_EINVAL, "district: NULL");
    if ((rc = govidx__versioned_read(&district_versions, &copy, in)))
        return rc;
    in = &copy;
    if (!in->code || !*in->code)
        return govidx__fail(GOVIDX_EINVAL, "district %zu: empty code", ds->n_districts);
    if (!ds->n_units)
        return govidx__fail(GOVIDX_EINVAL, "district '%s': set the units first", in->code);
    if (ds->population || ds->dvalues)
        return govidx__fail(GOVIDX_EINVAL, "district '%s': districts must precede district populations and values",
                            in->code);
    if ((rc = govidx__grow((void **)&ds->districts, &ds->cap_districts, ds->n_districts, sizeof r)) ||
        (rc = govidx__strmap_reserve(&ds->district_map, ds->n_districts + 1)))
        return rc;
    memset(&r, 0, sizeof r);
    {
        char **dst[] = {&r.code, &r.name, &r.unit, &r.parent};
        const char *const src[] = {in->code, in->name, in->unit, in->parent};
        if ((rc = dup_fields(dst, src, 4)))
            return rc;
    }
    r.level = in->level;
    r.area = in->area;
    govidx__strmap_put(&ds->district_map, r.code, ds->n_districts);
    ds->districts[ds->n_districts++] = r;
    return GOVIDX_OK;
}

int govidx_dataset_add_district_var(govidx_dataset *ds, const char *name, const char *uom)
{
    int rc = writable(ds);
    size_t cap;
    char *n, *u;
    if (rc)
        return rc;
    if (!name || !*name)
        return govidx__fail(GOVIDX_EINVAL, "district variable: empty name");
    if (ds->dvalues)
        return govidx__fail(GOVIDX_EINVAL, "district variable '%s': variables must precede district values", name);
    if (govidx__find_string(ds->dvar_names, ds->n_dvars, name) != NPOS)
        return govidx__fail(GOVIDX_EEXIST, "district variable '%s' already exists", name);
    cap = ds->cap_dvars;
    if ((rc = govidx__grow((void **)&ds->dvar_names, &cap, ds->n_dvars, sizeof(char *))) ||
        (rc = govidx__grow((void **)&ds->dvar_units, &ds->cap_dvars, ds->n_dvars, sizeof(char *))))
        return rc;
    n = govidx__strdup(name);
    u = govidx__strdup0(uom);
    if (!n || !u) {
        govidx__free(n);
        govidx__free(u);
        return govidx__oom();
    }
    ds->dvar_names[ds->n_dvars] = n;
    ds->dvar_units[ds->n_dvars++] = u;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_districts(const govidx_dataset *ds) { return ds ? ds->n_districts : 0; }

int govidx_dataset_district(govidx_district *out, const govidx_dataset *ds, size_t d)
{
    int rc;
    const govidx__district_row *r;
    govidx_district v = GOVIDX_DISTRICT_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "district: NULL argument");
    if ((rc = govidx__versioned_check(&district_versions, out->version)))
        return rc;
    if (d >= ds->n_districts)
        return govidx__fail(GOVIDX_EINVAL, "district %zu out of range (%zu)", d, ds->n_districts);
    r = &ds->districts[d];
    v.code = r->code;
    v.name = r->name;
    v.unit = r->unit;
    v.parent = opt(r->parent);
    v.level = r->level;
    v.area = r->area;
    return govidx__versioned_write(&district_versions, out, &v);
}

size_t govidx_dataset_district_unit(const govidx_dataset *ds, size_t d)
{
    if (!ds || d >= ds->n_districts)
        return NPOS;
    return govidx__strmap_get(&ds->unit_map, ds->districts[d].unit);
}

size_t govidx__ds_find_district(const govidx_dataset *ds, const char *code)
{
    if (!code || !*code)
        return NPOS;
    return govidx__strmap_get(&ds->district_map, code);
}

size_t govidx_dataset_district_parent(const govidx_dataset *ds, size_t d)
{
    if (!ds || d >= ds->n_districts)
        return NPOS;
    return govidx__ds_find_district(ds, ds->districts[d].parent);
}

size_t govidx_dataset_n_district_vars(const govidx_dataset *ds) { return ds ? ds->n_dvars : 0; }

const char *govidx_dataset_district_var_name(const govidx_dataset *ds, size_t k)
{
    return ds && k < ds->n_dvars ? ds->dvar_names[k] : NULL;
}

int govidx_dataset_find_district_var(size_t *k, const govidx_dataset *ds, const char *name)
{
    size_t i;
    if (!ds || !name)
        return govidx__fail(GOVIDX_EINVAL, "find_district_var: NULL argument");
    i = govidx__find_string(ds->dvar_names, ds->n_dvars, name);
    if (i == NPOS)
        return govidx__fail(GOVIDX_ENOTFOUND, "district variable '%s' not found", name);
    if (k)
        *k = i;
    return GOVIDX_OK;
}

int govidx_dataset_set_district_population(govidx_dataset *ds, size_t d, size_t y, double pop)
{
    int rc = writable(ds);
    size_t n = 0;
    if (rc)
        return rc;
    if (d >= ds->n_districts || y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "district population (%zu, %zu) out of range", d, y);
    if (!ds->population) {
        if (!govidx__mul_ok(ds->n_districts, ds->n_years, &n))
            return govidx__fail(GOVIDX_EDIM, "district population too large");
        if ((rc = alloc_nan(&ds->population, n)))
            return rc;
    }
    ds->population[d + ds->n_districts * y] = pop;
    return GOVIDX_OK;
}

int govidx_dataset_set_district_value(govidx_dataset *ds, size_t d, size_t y, size_t v, double value)
{
    int rc = writable(ds);
    size_t n, a;
    if (rc)
        return rc;
    if (d >= ds->n_districts || y >= ds->n_years || v >= ds->n_dvars)
        return govidx__fail(GOVIDX_EINVAL, "district value (%zu, %zu, %zu) out of range", d, y, v);
    if (!ds->dvalues) {
        if (!govidx__mul_ok(ds->n_districts, ds->n_years, &a) || !govidx__mul_ok(a, ds->n_dvars, &n))
            return govidx__fail(GOVIDX_EDIM, "district values too large");
        if ((rc = alloc_nan(&ds->dvalues, n)))
            return rc;
    }
    ds->dvalues[d + ds->n_districts * (v + ds->n_dvars * y)] = value;
    return GOVIDX_OK;
}

const double *govidx_dataset_district_population(const govidx_dataset *ds, size_t y)
{
    if (!ds || !ds->population || y >= ds->n_years)
        return NULL;
    return ds->population + ds->n_districts * y;
}

int govidx_dataset_district_values(govidx_matrix_view *out, const govidx_dataset *ds, size_t y)
{
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "district_values: NULL argument");
    if (y >= ds->n_years)
        return govidx__fail(GOVIDX_EINVAL, "district_values: year index %zu out of range", y);
    if (!ds->dvalues)
        return govidx__fail(GOVIDX_ENOTFOUND, "the dataset has no district values");
    out->data = ds->dvalues + ds->n_districts * ds->n_dvars * y;
    out->rows = ds->n_districts;
    out->cols = ds->n_dvars;
    out->ld = ds->n_districts;
    return GOVIDX_OK;
}

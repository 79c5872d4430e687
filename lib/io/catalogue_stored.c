/*
 * lib/catalogue_stored.c - a city's portal catalogue rebuilt from the
 * records a format-1.1 file keeps in its inventory (docs/format.md), so
 * every catalogue measure can be recomputed from the file alone.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <stdio.h>
#include <string.h>

int govidx_catalogue_from_dataset(govidx_catalogue **out, const govidx_dataset *ds, const char *unit, int year)
{
    govidx_catalogue *c = NULL;
    char name[300];
    size_t k, n = 0;
    int rc;
    if (!out || !ds || !unit)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_from_dataset: NULL argument");
    *out = NULL;
    for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        n += !govidx_dataset_inventory(&e, ds, k) && e.year == year && !strcmp(e.unit, unit) && e.record;
    }
    govidx_clear_error();
    if (!n)
        return govidx__fail(GOVIDX_ENOTFOUND, "catalogue of '%s' %d: the inventory keeps no catalogue records "
                            "for it (format 1.1, written by govidx import --catalogue)", unit, year);
    snprintf(name, sizeof name, "%s %d (stored)", unit, year);
    if ((rc = govidx_catalogue_parse(&c, name, "[]", 2, GOVIDX_CATALOGUE_CKAN)))
        return rc;
    c->format = GOVIDX_CATALOGUE_AUTO; /* set by the first record */
    for (k = 0; k < govidx_dataset_n_inventory(ds) && rc == GOVIDX_OK; k++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        if (govidx_dataset_inventory(&e, ds, k) || e.year != year || strcmp(e.unit, unit) || !e.record)
            continue;
        rc = govidx__catalogue_add_stored(c, e.record, e.record_format ? e.record_format : "");
    }
    if (!rc)
        rc = govidx_catalogue_set_unit(c, unit, year);
    if (rc) {
        govidx_catalogue_free(c);
        return rc;
    }
    *out = c;
    return GOVIDX_OK;
}

/*
 * lib/dataset/dataset_inventory.c - the open-data inventory: the GODI
 * criterion names and the inventory entries (answers per criterion, the
 * catalogue record of format 1.1), versioned both ways.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* inventory                                                            */
/* ------------------------------------------------------------------ */

static const char *const criterion_names[GOVIDX_N_CRITERIA] = {
    "exists", "digital", "public", "free", "online", "machinereadable",
    "bulk", "openlicence", "uptodate", "registrationfree", "api", "metadatastandard"};

const char *govidx_dataset_criterion_name(int c)
{
    return c >= 0 && c < GOVIDX_N_CRITERIA ? criterion_names[c] : NULL;
}

/* version 2 added the catalogue record (format 1.1, issue 17) */
static const govidx_inventory_entry inventory_entry_versions_defaults = GOVIDX_INVENTORY_ENTRY_INIT;
static const size_t inventory_entry_versions_sizes[2] = {GOVIDX__END(govidx_inventory_entry, n_answers),
                                                         GOVIDX__END(govidx_inventory_entry, record_format)};
static const govidx__versioned inventory_entry_versions = {"inventory entry", 2, inventory_entry_versions_sizes,
                                                           &inventory_entry_versions_defaults};

int govidx_inventory_entry_init(govidx_inventory_entry *e, unsigned version)
{
    return govidx__versioned_init(&inventory_entry_versions, e, version);
}

int govidx_dataset_add_inventory(govidx_dataset *ds, const govidx_inventory_entry *entry)
{
    int rc = writable(ds);
    govidx_inventory_entry e;
    govidx__inv_row r;
    size_t k;
    if (rc)
        return rc;
    if (!entry)
        return govidx__fail(GOVIDX_EINVAL, "inventory entry: NULL");
    if ((rc = govidx__versioned_read(&inventory_entry_versions, &e, entry)))
        return rc;
    if (e.n_answers > GOVIDX_N_CRITERIA || (e.n_answers && !e.answers))
        return govidx__fail(GOVIDX_EINVAL, "inventory entry ('%s', %d, '%s'): %zu answers%s (this library "
                            "knows %d criteria)", e.unit ? e.unit : "", e.year, e.dataset ? e.dataset : "",
                            e.n_answers, e.answers ? "" : " but no answers array", GOVIDX_N_CRITERIA);
    if ((rc = govidx__grow((void **)&ds->inv, &ds->cap_inv, ds->n_inv, sizeof r)))
        return rc;
    memset(&r, 0, sizeof r);
    if (!(r.answers = govidx__malloc(GOVIDX_N_CRITERIA)))
        return govidx__oom();
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        r.answers[k] = k < e.n_answers ? e.answers[k] : GOVIDX_ANSWER_MISSING;
    {
        char **dst[] = {&r.unit, &r.dataset, &r.category, &r.department,
                        &r.format, &r.licence, &r.last_update, &r.update_frequency,
                        &r.record, &r.record_format};
        const char *const src[] = {e.unit, e.dataset, e.category, e.department,
                                   e.format, e.licence, e.last_update, e.update_frequency,
                                   e.record, e.record_format};
        if ((rc = dup_fields(dst, src, 10))) {
            govidx__free(r.answers);
            return rc;
        }
    }
    r.year = e.year;
    ds->inv[ds->n_inv++] = r;
    return GOVIDX_OK;
}

size_t govidx_dataset_n_inventory(const govidx_dataset *ds) { return ds ? ds->n_inv : 0; }

int govidx_dataset_inventory(govidx_inventory_entry *out, const govidx_dataset *ds, size_t k)
{
    const govidx__inv_row *r;
    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
    if (!ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "inventory: NULL argument");
    if (k >= ds->n_inv)
        return govidx__fail(GOVIDX_EINVAL, "inventory entry %zu out of range (%zu)", k, ds->n_inv);
    r = &ds->inv[k];
    e.unit = r->unit;
    e.year = r->year;
    e.dataset = r->dataset;
    e.category = r->category;
    e.department = r->department;
    e.format = r->format;
    e.licence = r->licence;
    e.last_update = opt(r->last_update);
    e.update_frequency = opt(r->update_frequency);
    e.record = opt(r->record);
    e.record_format = opt(r->record_format);
    e.answers = r->answers;
    e.n_answers = GOVIDX_N_CRITERIA;
    return govidx__versioned_write(&inventory_entry_versions, out, &e);
}

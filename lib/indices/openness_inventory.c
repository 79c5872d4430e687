/*
 * lib/openness_inventory.c - the openness framework indicators an
 * open-data inventory built from portal catalogues answers beyond the
 * checklist shares (publisher breadth from the city's gov-dept actors, the
 * metadata standard), and why the others cannot come from a catalogue
 * (docs/methods/openness-catalogue.md, "Catalogue-only files").
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/catalogue.h"
#include "openness_inventory.h"

#include <math.h>
#include <string.h>
#include <strings.h>

static int same(const char *a, const char *b)
{
    return a && b && !strcasecmp(a, b);
}

/* 100 x departments with >= 1 entry / departments, per (unit, year) with
 * inventory entries; NaN where the unit has no gov-dept actor or where no
 * entry's department names one of them (a naming mismatch is not a silo). */
int govidx__inventory_departments_share(double *out, const govidx_dataset *ds, size_t n_units, size_t n_years)
{
    size_t n_inv = govidx_dataset_n_inventory(ds), n_act = govidx_dataset_n_actors(ds), u, y, k, j;
    int any = 0;
    for (k = 0; k < n_units * n_years; k++)
        out[k] = NAN;
    for (u = 0; u < n_units; u++) {
        const char *unit = govidx_dataset_unit_code(ds, u);
        for (y = 0; y < n_years; y++) {
            int year = govidx_dataset_years(ds)[y];
            size_t depts = 0, hit = 0, entries = 0;
            for (k = 0; k < n_inv; k++) {
                govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
                entries += !govidx_dataset_inventory(&e, ds, k) && e.year == year && same(e.unit, unit);
            }
            if (!entries)
                continue;
            for (j = 0; j < n_act; j++) {
                govidx_actor a = GOVIDX_ACTOR_INIT;
                int pub = 0;
                if (govidx_dataset_actor(&a, ds, j) || !same(a.unit, unit) || !a.sector ||
                    strcmp(a.sector, "gov-dept"))
                    continue;
                depts++;
                for (k = 0; k < n_inv && !pub; k++) {
                    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
                    pub = !govidx_dataset_inventory(&e, ds, k) && e.year == year && same(e.unit, unit) &&
                          (same(e.department, a.name) || same(e.department, a.code));
                }
                hit += pub;
            }
            if (depts && hit) {
                out[y * n_units + u] = 100.0 * (double)hit / (double)depts;
                any = 1;
            }
        }
    }
    govidx_clear_error();
    return any;
}

/* Why a framework indicator is not derived from a catalogue inventory. */
const char *govidx__openness_not_derived(const char *code)
{
    static const struct {
        const char *code, *why;
    } reasons[] = {
        {"open_data_regulation", "a policy fact no catalogue records; give it in the panel"},
        {"lead_agency_budget", "a policy fact no catalogue records; give it in the panel"},
        {"data_standard_adopted", "no inventory entry answers the metadata-standard criterion"},
        {"inventory_published_share", "a catalogue lists published datasets only, not the inventory of all "
                                      "datasets held; give it in the panel"},
        {"high_value_coverage", "needs the catalogue records (themes, keywords, titles) kept by a format-1.1 file "
                                "and its catalogue_reference_date: re-import with govidx import --catalogue"},
        {"datasets_per_100k", "needs the population: govidx catalogue --population, or give it in the panel"},
        {"departments_publishing_share", "needs the city's departments (govidx import --departments) named as "
                                         "the catalogue's publishers"},
        {"no_registration_share", "a catalogue does not say whether registration is required"},
        {"median_days_since_update", "needs the catalogue records kept by a format-1.1 file and its "
                                     "catalogue_reference_date: re-import with govidx import --catalogue"},
        {"feedback_channel", "not in a catalogue (portal feature); give it in the panel"},
        {"request_response_days", "not in a catalogue (data-request log); give it in the panel"},
        {"consulted_decisions_share", "not in a catalogue; give it in the panel"},
        {"eparticipation_score", "not in a catalogue; give it in the panel"},
        {"portal_visits_per_100k", "not in a catalogue (portal analytics); give it in the panel"},
        {"downloads_per_dataset", "not in a catalogue (portal analytics); give it in the panel"},
        {"reuse_outputs_per_100k", "not in a catalogue; give it in the panel"},
        {"machine_readable_share", "no inventory entry answers the machine-readable criterion"},
        {"bulk_download_share", "no inventory entry answers the bulk criterion"},
        {"open_licence_share", "no inventory entry answers the open-licence criterion"},
        {"updated_on_time_share", "no inventory entry answers the up-to-date criterion"},
    };
    for (size_t k = 0; k < sizeof reasons / sizeof reasons[0]; k++)
        if (!strcmp(code, reasons[k].code))
            return reasons[k].why;
    return "not answered by the inventory";
}

/* The catalogue measures of every unit and year whose catalogue records the
 * file keeps (format 1.1), as of the file's catalogue reference date. */
int govidx__inventory_catalogue_result(govidx_result **out, const govidx_dataset *ds)
{
    const char *ref = govidx_dataset_attr(ds, GOVIDX_CATALOGUE_REFERENCE_DATE_ATTR);
    size_t nu = govidx_dataset_n_units(ds), ny = govidx_dataset_n_years(ds), u, y, n = 0;
    govidx_catalogue **cats;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    int rc = GOVIDX_OK;
    *out = NULL;
    if (!ref)
        return GOVIDX_ENOTFOUND;
    if (!(cats = govidx__calloc(nu * ny + 1, sizeof *cats)))
        return govidx__oom();
    for (u = 0; u < nu && rc == GOVIDX_OK; u++)
        for (y = 0; y < ny && rc == GOVIDX_OK; y++) {
            rc = govidx_catalogue_from_dataset(&cats[n], ds, govidx_dataset_unit_code(ds, u),
                                               govidx_dataset_years(ds)[y]);
            if (rc == GOVIDX_ENOTFOUND)
                rc = GOVIDX_OK;
            else if (rc == GOVIDX_OK)
                n++;
        }
    govidx_clear_error();
    o.reference_date = ref;
    if (rc == GOVIDX_OK)
        rc = n ? govidx_catalogue_compute(out, (const govidx_catalogue *const *)cats, n, &o) : GOVIDX_ENOTFOUND;
    for (u = 0; u < n; u++)
        govidx_catalogue_free(cats[u]);
    govidx__free(cats);
    return rc;
}

double govidx__inventory_catalogue_value(const govidx_result *cr, const govidx_dataset *ds, const char *code,
                                         size_t u, size_t y)
{
    size_t node, ru, ry;
    double v = NAN;
    if (cr && govidx_result_find_node(&node, cr, code) == GOVIDX_OK &&
        govidx_result_find_unit(&ru, cr, govidx_dataset_unit_code(ds, u)) == GOVIDX_OK &&
        govidx_result_find_year(&ry, cr, govidx_dataset_years(ds)[y]) == GOVIDX_OK)
        v = govidx_result_score(cr, ru, ry, node);
    govidx_clear_error();
    return v;
}

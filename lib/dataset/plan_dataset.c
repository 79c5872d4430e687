/*
 * lib/dataset/plan_dataset.c - plans and executions straight from a city dataset:
 * a panel over the dataset's arrays (no copy), its unit groups and years.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/plan.h"
#include "composite/prepare.h"
#include "composite/plan_internal.h"

#include <string.h>


typedef struct ds_panel {
    govidx_panel panel;
    govidx_matrix_view *views;
    const char **codes;
    int *groups;
} ds_panel;

static void ds_panel_free(ds_panel *d)
{
    govidx__free(d->views);
    govidx__free(d->codes);
    govidx__free(d->groups);
}

/* A panel over the dataset's arrays (no copy of the values). */
static int ds_panel_make(ds_panel *d, const govidx_dataset *ds, const char *group_name)
{
    size_t n_years = govidx_dataset_n_years(ds), n_units = govidx_dataset_n_units(ds), y, u, g;
    int rc;
    govidx_panel init = GOVIDX_PANEL_INIT;
    memset(d, 0, sizeof *d);
    d->panel = init;
    if (n_years == 0 || n_units == 0)
        return govidx__fail(GOVIDX_EDIM, "dataset: no units or no years");
    d->views = govidx__calloc(n_years, sizeof *d->views);
    d->codes = govidx__calloc(n_units, sizeof *d->codes);
    if (!d->views || !d->codes) {
        ds_panel_free(d);
        return govidx__oom();
    }
    for (y = 0; y < n_years; y++)
        if ((rc = govidx_dataset_panel(&d->views[y], ds, y))) {
            ds_panel_free(d);
            return rc;
        }
    for (u = 0; u < n_units; u++)
        d->codes[u] = govidx_dataset_unit_code(ds, u);
    if (group_name && *group_name) {
        size_t n_groups = govidx_dataset_n_groups(ds);
        for (g = 0; g < n_groups && strcmp(govidx_dataset_group_name(ds, g), group_name); g++)
            ;
        if (g == n_groups) {
            ds_panel_free(d);
            return govidx__fail(GOVIDX_ENOTFOUND, "dataset: no unit grouping '%s'", group_name);
        }
        d->groups = govidx__mallocarray(n_units, sizeof *d->groups);
        if (!d->groups) {
            ds_panel_free(d);
            return govidx__oom();
        }
        /* label -> the index of the first unit carrying it */
        for (u = 0; u < n_units; u++) {
            const char *label = govidx_dataset_group_label(ds, g, u);
            size_t v;
            d->groups[u] = -1;
            if (!label || !*label)
                continue;
            for (v = 0; v <= u; v++)
                if (!strcmp(govidx_dataset_group_label(ds, g, v), label)) {
                    d->groups[u] = (int)v;
                    break;
                }
        }
    }
    d->panel.n_years = n_years;
    d->panel.years = d->views;
    d->panel.year_labels = govidx_dataset_years(ds);
    d->panel.unit_codes = d->codes;
    d->panel.unit_groups = d->groups;
    return GOVIDX_OK;
}

int govidx_plan_from_dataset(govidx_plan **out, const govidx_dataset *ds, const govidx_method *method)
{
    govidx_framework *fw = NULL;
    govidx_method *def = NULL;
    ds_panel d;
    int rc;
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "plan: NULL argument");
    *out = NULL;
    if (!method) {
        if ((rc = govidx_method_new(&def)))
            return rc;
        method = def;
    }
    rc = govidx_framework_from_dataset(&fw, ds);
    if (rc == GOVIDX_OK) {
        rc = ds_panel_make(&d, ds, govidx_method_get(method, NULL, "impute.group"));
        if (rc == GOVIDX_OK) {
            rc = govidx_plan_new(out, fw, method, &d.panel);
            ds_panel_free(&d);
        }
    }
    govidx_framework_free(fw);
    govidx_method_free(def);
    return rc;
}

int govidx_execute_dataset(govidx_result **out, const govidx_plan *p, const govidx_dataset *ds)
{
    ds_panel d;
    int rc;
    if (!p || !ds || !out)
        return govidx__fail(GOVIDX_EINVAL, "execute: NULL argument");
    *out = NULL;
    if ((rc = ds_panel_make(&d, ds, govidx_method_get(govidx__plan_method(p), NULL, "impute.group"))))
        return rc;
    rc = govidx_execute(out, p, &d.panel);
    ds_panel_free(&d);
    return rc;
}

/* The panel govidx_execute_dataset runs on, for callers that execute the
 * plan on a modified copy (the uncertainty module's data noise). */
int govidx__dataset_panel_new(void **owner, const govidx_panel **panel, const govidx_plan *p,
                              const govidx_dataset *ds)
{
    ds_panel *d = govidx__calloc(1, sizeof *d);
    int rc;
    *owner = NULL;
    if (!d)
        return govidx__oom();
    if ((rc = ds_panel_make(d, ds, govidx_method_get(govidx__plan_method(p), NULL, "impute.group")))) {
        govidx__free(d);
        return rc;
    }
    *owner = d;
    *panel = &d->panel;
    return GOVIDX_OK;
}

void govidx__dataset_panel_free(void *owner)
{
    if (owner) {
        ds_panel_free(owner);
        govidx__free(owner);
    }
}

/*
 * lib/openness.c - open-data checklists: entry scores and place scores.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "govidx/openness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int govidx_checklist_godi(govidx_checklist *out)
{
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "checklist: out is NULL");
    memset(out, 0, sizeof *out);
    out->version = GOVIDX_CHECKLIST_VERSION;
    out->weights[GOVIDX_CRIT_EXISTS] = 5;
    out->weights[GOVIDX_CRIT_DIGITAL] = 5;
    out->weights[GOVIDX_CRIT_PUBLIC] = 5;
    out->weights[GOVIDX_CRIT_FREE] = 15;
    out->weights[GOVIDX_CRIT_ONLINE] = 5;
    out->weights[GOVIDX_CRIT_MACHINE_READABLE] = 15;
    out->weights[GOVIDX_CRIT_BULK] = 10;
    out->weights[GOVIDX_CRIT_OPEN_LICENCE] = 30;
    out->weights[GOVIDX_CRIT_UP_TO_DATE] = 10;
    out->unsure_credit = 0;
    return GOVIDX_OK;
}

static int check_checklist(const govidx_checklist *cl)
{
    size_t k;
    double sum = 0;
    if (!cl || cl->version != GOVIDX_CHECKLIST_VERSION)
        return govidx__fail(GOVIDX_EINVAL, "checklist: NULL or wrong version");
    for (k = 0; k < GOVIDX_N_CRITERIA; k++) {
        if (!isfinite(cl->weights[k]) || cl->weights[k] < 0)
            return govidx__fail(GOVIDX_EINVAL, "checklist: weight of '%s' is %g (must be finite and >= 0)",
                                govidx_criterion_name((int)k), cl->weights[k]);
        sum += cl->weights[k];
    }
    if (!(sum > 0))
        return govidx__fail(GOVIDX_EINVAL, "checklist: all weights are 0");
    if (!(cl->unsure_credit >= 0 && cl->unsure_credit <= 1))
        return govidx__fail(GOVIDX_EINVAL, "checklist: unsure_credit must be in [0, 1]");
    return GOVIDX_OK;
}

double govidx_checklist_max(const govidx_checklist *cl)
{
    size_t k;
    double sum = 0;
    if (check_checklist(cl))
        return NAN;
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        sum += cl->weights[k];
    return sum;
}

int govidx_openness_entry_score(double *score, const signed char *answers, const govidx_checklist *cl)
{
    size_t k;
    double s = 0;
    int rc;
    if (!score || !answers)
        return govidx__fail(GOVIDX_EINVAL, "openness: NULL argument");
    if ((rc = check_checklist(cl)))
        return rc;
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        switch (answers[k]) {
        case GOVIDX_ANSWER_YES: s += cl->weights[k]; break;
        case GOVIDX_ANSWER_UNSURE: s += cl->unsure_credit * cl->weights[k]; break;
        case GOVIDX_ANSWER_NO:
        case GOVIDX_ANSWER_MISSING: break;
        default:
            return govidx__fail(GOVIDX_EINVAL, "openness: criterion '%s' has answer code %d",
                                govidx_criterion_name((int)k), answers[k]);
        }
    *score = s;
    return GOVIDX_OK;
}

double govidx_round_half_up(double x, int digits)
{
    double scale = pow(10.0, digits), y, f;
    if (!isfinite(x))
        return x;
    y = fabs(x) * scale;
    f = floor(y);
    if (y - f >= 0.5 - 1e-9 * (y > 1 ? y : 1))
        f += 1;
    return copysign(f / scale, x);
}

/* Position of `code` in the list, or n when absent. */
static size_t position(const char *const *list, size_t n, const char *code)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!strcmp(list[i], code))
            break;
    return i;
}

int govidx_openness_places(govidx_openness_place *out, const govidx_dataset *ds, int year,
                           const govidx_checklist *cl, const char *const *index_datasets, size_t n_index,
                           int round_digits)
{
    size_t n_units, n_inv, k, u, y_index, d;
    const char **list = NULL;
    unsigned char *seen = NULL;
    double max, *total = NULL;
    size_t *full = NULL;
    int rc;
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "openness: NULL argument");
    if ((rc = check_checklist(cl)))
        return rc;
    if ((rc = govidx_dataset_find_year(ds, year, &y_index)))
        return govidx__fail(GOVIDX_ENOTFOUND, "openness: the dataset has no year %d", year);
    n_units = govidx_dataset_n_units(ds);
    n_inv = govidx_dataset_n_inventory(ds);
    max = govidx_checklist_max(cl);
    for (u = 0; u < n_units; u++)
        if (out[u].version != GOVIDX_OPENNESS_PLACE_VERSION)
            return govidx__fail(GOVIDX_EINVAL, "openness: out[%zu].version is not set", u);

    /* the index's dataset list: given, or every code present that year */
    if (index_datasets) {
        for (d = 0; d < n_index; d++)
            if (!index_datasets[d] || !*index_datasets[d])
                return govidx__fail(GOVIDX_EINVAL, "openness: index dataset %zu has no code", d);
        list = govidx__mallocarray(n_index ? n_index : 1, sizeof *list);
        if (!list)
            return govidx__oom();
        memcpy(list, index_datasets, n_index * sizeof *list);
    } else {
        list = govidx__mallocarray(n_inv ? n_inv : 1, sizeof *list);
        if (!list)
            return govidx__oom();
        n_index = 0;
        for (k = 0; k < n_inv; k++) {
            govidx_inventory_entry e;
            e.version = GOVIDX_INVENTORY_ENTRY_VERSION;
            if ((rc = govidx_dataset_inventory(ds, k, &e)))
                goto done;
            if (e.year == year && position(list, n_index, e.dataset) == n_index)
                list[n_index++] = e.dataset;
        }
    }
    if (n_index == 0) {
        rc = govidx__fail(GOVIDX_EMISSING, "openness: no datasets in the index for %d", year);
        goto done;
    }
    total = govidx__calloc(n_units, sizeof *total);
    full = govidx__calloc(n_units, sizeof *full);
    seen = govidx__calloc(n_units, n_index);
    if (!total || !full || !seen) {
        rc = govidx__oom();
        goto done;
    }
    for (u = 0; u < n_units; u++)
        out[u].n_entries = 0;
    for (k = 0; k < n_inv; k++) {
        govidx_inventory_entry e;
        double s;
        e.version = GOVIDX_INVENTORY_ENTRY_VERSION;
        if ((rc = govidx_dataset_inventory(ds, k, &e)))
            goto done;
        if (e.year != year || (d = position(list, n_index, e.dataset)) == n_index)
            continue;
        if ((rc = govidx_dataset_find_unit(ds, e.unit, &u)))
            goto done;
        if (seen[u * n_index + d]) {
            rc = govidx__fail(GOVIDX_EFORMAT, "openness: place '%s' has two entries for dataset '%s' in %d",
                              e.unit, e.dataset, year);
            goto done;
        }
        seen[u * n_index + d] = 1;
        if ((rc = govidx_openness_entry_score(&s, e.answers, cl)))
            goto done;
        total[u] += s;
        full[u] += s >= max;
        out[u].n_entries++;
    }
    for (u = 0; u < n_units; u++) {
        out[u].score_exact = 100.0 * total[u] / (max * (double)n_index);
        out[u].score = round_digits >= 0 ? govidx_round_half_up(out[u].score_exact, round_digits)
                                         : out[u].score_exact;
        out[u].fully_open = (double)full[u] / (double)n_index;
    }
    rc = GOVIDX_OK;
done:
    govidx__free(list);
    govidx__free(total);
    govidx__free(full);
    govidx__free(seen);
    return rc;
}

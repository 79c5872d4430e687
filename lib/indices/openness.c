/*
 * lib/indices/openness.c - open-data checklists: entry scores and place scores.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "composite/result_internal.h"
#include "core/fmtdouble.h"
#include "govidx/openness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* GODI 2013/2014, indexed by govidx_criterion (the first nine criteria). */
static const double godi_weights[] = {5, 5, 5, 15, 5, 15, 10, 30, 10};
#define N_GODI (sizeof godi_weights / sizeof godi_weights[0])

size_t govidx_openness_checklist_godi(const double **weights)
{
    if (weights)
        *weights = godi_weights;
    return N_GODI;
}

GOVIDX__VERSIONS_1(checklist_versions, govidx_checklist, "checklist", GOVIDX_CHECKLIST_INIT, unsure_credit);

int govidx_checklist_init(govidx_checklist *cl, unsigned version)
{
    return govidx__versioned_init(&checklist_versions, cl, version);
}

/* The caller's checklist in the current layout, GODI weights filled in for
 * NULL, validated; *max its maximum entry score. */
static int read_checklist(govidx_checklist *out, const govidx_checklist *cl, double *max)
{
    size_t k;
    double sum = 0;
    int rc;
    if ((rc = govidx__versioned_read(&checklist_versions, out, cl)))
        return rc;
    if (!out->weights) {
        out->weights = godi_weights;
        out->n_weights = N_GODI;
    }
    if (out->n_weights > GOVIDX_N_CRITERIA)
        return govidx__fail(GOVIDX_EINVAL, "checklist: %zu weights, this library knows %d criteria",
                            out->n_weights, GOVIDX_N_CRITERIA);
    for (k = 0; k < out->n_weights; k++) {
        if (!isfinite(out->weights[k]) || out->weights[k] < 0)
            return govidx__fail(GOVIDX_EINVAL, "checklist: weight of '%s' is %g (must be finite and >= 0)",
                                govidx_dataset_criterion_name((int)k), out->weights[k]);
        sum += out->weights[k];
    }
    if (!(sum > 0))
        return govidx__fail(GOVIDX_EINVAL, "checklist: all weights are 0");
    if (!(out->unsure_credit >= 0 && out->unsure_credit <= 1))
        return govidx__fail(GOVIDX_EINVAL, "checklist: unsure_credit must be in [0, 1]");
    *max = sum;
    return GOVIDX_OK;
}

double govidx_openness_checklist_max(const govidx_checklist *cl)
{
    govidx_checklist c;
    double max;
    return read_checklist(&c, cl, &max) ? NAN : max;
}

/* Entry score under a checklist already read. */
static int entry_score(double *score, const signed char *answers, size_t n_answers, const govidx_checklist *cl)
{
    size_t k;
    double s = 0;
    if (n_answers > GOVIDX_N_CRITERIA)
        return govidx__fail(GOVIDX_EINVAL, "openness: %zu answers, this library knows %d criteria", n_answers,
                            GOVIDX_N_CRITERIA);
    for (k = 0; k < n_answers; k++) {
        double w = k < cl->n_weights ? cl->weights[k] : 0;
        switch (answers[k]) {
        case GOVIDX_ANSWER_YES: s += w; break;
        case GOVIDX_ANSWER_UNSURE: s += cl->unsure_credit * w; break;
        case GOVIDX_ANSWER_NO:
        case GOVIDX_ANSWER_MISSING: break;
        default:
            return govidx__fail(GOVIDX_EINVAL, "openness: criterion '%s' has answer code %d",
                                govidx_dataset_criterion_name((int)k), answers[k]);
        }
    }
    *score = s;
    return GOVIDX_OK;
}

int govidx_openness_entry_score(double *score, const signed char *answers, size_t n_answers,
                                const govidx_checklist *cl)
{
    govidx_checklist c;
    double max;
    int rc;
    if (!score || (!answers && n_answers))
        return govidx__fail(GOVIDX_EINVAL, "openness: NULL argument");
    if ((rc = read_checklist(&c, cl, &max)))
        return rc;
    return entry_score(score, answers, n_answers, &c);
}

double govidx_openness_round_half_up(double x, int digits)
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

GOVIDX__VERSIONS_1(checklist_options_versions, govidx_checklist_options, "checklist options",
                   GOVIDX_CHECKLIST_OPTIONS_INIT, round_digits);

int govidx_checklist_options_init(govidx_checklist_options *opts, unsigned version)
{
    return govidx__versioned_init(&checklist_options_versions, opts, version);
}

enum { N_SCORE, N_EXACT, N_FULL, N_ENTRIES, N_NODES };
static const char *const node_codes[N_NODES] = {"openness.score", "openness.score_exact", "openness.fully_open",
                                                "openness.entries"};
static const signed char node_direction[N_NODES] = {1, 1, 1, 0};

/* The index's dataset list of `year` into list (*n codes): the given codes
 * of that year, or every code present in that year's inventory. */
static int year_list(const govidx_dataset *ds, const govidx_checklist_options *o, int year, const char **list,
                     size_t *n)
{
    size_t k, m = 0;
    if (o->index_datasets) {
        for (k = 0; k < o->n_index; k++) {
            if (o->index_years && o->index_years[k] != year)
                continue;
            if (position(list, m, o->index_datasets[k]) < m)
                return govidx__fail(GOVIDX_EINVAL, "openness: dataset '%s' is listed twice for %d",
                                    o->index_datasets[k], year);
            list[m++] = o->index_datasets[k];
        }
    } else
        for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
            govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
            int rc = govidx_dataset_inventory(&e, ds, k);
            if (rc)
                return rc;
            if (e.year == year && position(list, m, e.dataset) == m)
                list[m++] = e.dataset;
        }
    *n = m;
    return GOVIDX_OK;
}

/* Place scores of year index y over the index's n_list datasets. */
static int score_year(govidx_result *r, const govidx_dataset *ds, size_t y, const govidx_checklist *cl, double max,
                      const char **list, size_t n_list, int round_digits, double *total, size_t *full,
                      size_t *entries, unsigned char *seen)
{
    size_t n_units = r->n_units, k, u, d;
    int year = r->years[y], rc;
    memset(total, 0, n_units * sizeof *total);
    memset(full, 0, n_units * sizeof *full);
    memset(entries, 0, n_units * sizeof *entries);
    memset(seen, 0, n_units * n_list);
    for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        double s;
        if ((rc = govidx_dataset_inventory(&e, ds, k)))
            return rc;
        if (e.year != year || (d = position(list, n_list, e.dataset)) == n_list)
            continue;
        if ((rc = govidx_dataset_find_unit(&u, ds, e.unit)))
            return rc;
        if (seen[u * n_list + d])
            return govidx__fail(GOVIDX_EFORMAT, "openness: place '%s' has two entries for dataset '%s' in %d",
                                e.unit, e.dataset, year);
        seen[u * n_list + d] = 1;
        if ((rc = entry_score(&s, e.answers, e.n_answers, cl)))
            return govidx__fail_context(rc, "entry ('%s', %d, '%s')", e.unit, year, e.dataset);
        total[u] += s;
        full[u] += s >= max;
        entries[u]++;
    }
    for (u = 0; u < n_units; u++) {
        double exact = 100.0 * total[u] / (max * (double)n_list);
        r->scores[GOVIDX__CELL(r, u, y, N_EXACT)] = exact;
        r->scores[GOVIDX__CELL(r, u, y, N_SCORE)] = round_digits >= 0 ? govidx_openness_round_half_up(exact, round_digits)
                                                                       : exact;
        r->scores[GOVIDX__CELL(r, u, y, N_FULL)] = (double)full[u] / (double)n_list;
        r->scores[GOVIDX__CELL(r, u, y, N_ENTRIES)] = (double)entries[u];
    }
    return GOVIDX_OK;
}

/* Without an explicit list, a year's index is the union of the dataset
 * codes in its inventory.  That is a common key-dataset list only when the
 * places answer mostly the same datasets (as in GODI, where every place
 * answers the year's list).  A code is shared when more than half of the
 * places with entries answer it; when fewer than half of the codes are
 * shared (each place lists its own datasets, as portal catalogues do),
 * dividing by the union only ranks who lists most, so the score is
 * refused.  seen[u * n_list + d]: place u answered code d. */
static int check_common_list(int year, const unsigned char *seen, const size_t *entries, size_t n_units,
                             size_t n_list)
{
    size_t u, d, places = 0, shared = 0;
    for (u = 0; u < n_units; u++)
        places += entries[u] > 0;
    if (places < 2)
        return GOVIDX_OK;
    for (d = 0; d < n_list; d++) {
        size_t by = 0;
        for (u = 0; u < n_units; u++)
            by += seen[u * n_list + d];
        shared += 2 * by > places;
    }
    if (2 * shared >= n_list)
        return GOVIDX_OK;
    return govidx__fail(GOVIDX_EMISSING,
                        "openness: in %d only %zu of the %zu dataset codes in the inventory are answered by more "
                        "than half of the %zu places (the checklist needs half of them): the union is not a "
                        "common key-dataset list; give the index's key datasets "
                        "(govidx_checklist_options.index_datasets), or measure portal catalogues with "
                        "govidx_catalogue_compute (govidx catalogue)",
                        year, shared, n_list, places);
}

int govidx_openness_checklist_compute(govidx_result **out, const govidx_dataset *ds,
                                      const govidx_checklist_options *opts)
{
    govidx_checklist_options o;
    govidx_checklist cl;
    govidx_result *r = NULL;
    size_t n_units, n_years, n_inv, cap, k, y, n_list = 0, scored = 0;
    const char **list = NULL;
    unsigned char *seen = NULL;
    double max, *total = NULL;
    size_t *full = NULL, *entries = NULL;
    int rc;
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "govidx_openness_checklist_compute: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&checklist_options_versions, &o, opts)) ||
        (rc = read_checklist(&cl, o.checklist, &max)))
        return rc;
    for (k = 0; o.index_datasets && k < o.n_index; k++)
        if (!o.index_datasets[k] || !*o.index_datasets[k])
            return govidx__fail(GOVIDX_EINVAL, "openness: index dataset %zu has no code", k);
    n_units = govidx_dataset_n_units(ds);
    n_years = govidx_dataset_n_years(ds);
    n_inv = govidx_dataset_n_inventory(ds);
    cap = o.index_datasets ? o.n_index : n_inv;
    if ((rc = govidx__result_alloc(&r, n_units, n_years, N_NODES, 1, 0)))
        return rc;
    list = govidx__mallocarray(cap ? cap : 1, sizeof *list);
    total = govidx__mallocarray(n_units ? n_units : 1, sizeof *total);
    full = govidx__mallocarray(n_units ? n_units : 1, sizeof *full);
    entries = govidx__mallocarray(n_units ? n_units : 1, sizeof *entries);
    seen = govidx__mallocarray(n_units ? n_units : 1, cap ? cap : 1);
    if (!list || !total || !full || !entries || !seen) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < n_units; k++)
        if (!(r->unit_codes[k] = govidx__strdup(govidx_dataset_unit_code(ds, k)))) {
            rc = govidx__oom();
            goto done;
        }
    for (y = 0; y < n_years; y++)
        r->years[y] = govidx_dataset_years(ds)[y];
    for (k = 0; k < N_NODES && rc == GOVIDX_OK; k++) {
        r->is_leaf[k] = k != N_SCORE;
        if (!(r->node_codes[k] = govidx__strdup(node_codes[k])))
            rc = govidx__oom();
        else
            rc = govidx__result_set_direction(r, k, node_direction[k]);
    }
    for (y = 0; y < n_years && rc == GOVIDX_OK; y++) {
        if ((rc = year_list(ds, &o, r->years[y], list, &n_list)) || n_list == 0)
            continue; /* no index that year: its scores stay missing */
        rc = score_year(r, ds, y, &cl, max, list, n_list, o.round_digits, total, full, entries, seen);
        if (rc == GOVIDX_OK && !o.index_datasets)
            rc = check_common_list(r->years[y], seen, entries, n_units, n_list);
        scored++;
    }
    if (rc == GOVIDX_OK && !scored)
        rc = govidx__fail(GOVIDX_EMISSING, "openness: no year has datasets in the index (%s)",
                          o.index_datasets ? "none listed for the dataset's years" : "no inventory entries");
    if (rc == GOVIDX_OK) {
        govidx__buf b = {0};
        char num[GOVIDX__SHORTEST_MAX]; /* numbers as in the CSV: shortest round-trip */
        govidx__buf_printf(&b, "{\"index\":\"openness.checklist\",\"weights\":[");
        for (k = 0; k < cl.n_weights; k++) {
            govidx__fmt_shortest(num, cl.weights[k]);
            govidx__buf_printf(&b, "%s%s", k ? "," : "", num);
        }
        govidx__fmt_shortest(num, cl.unsure_credit);
        govidx__buf_printf(&b, "],\"unsure_credit\":%s,\"round_digits\":%d,\"index_datasets\":%s}", num,
                           o.round_digits, o.index_datasets ? "\"given\"" : "\"present\"");
        rc = govidx__buf_finish(&b, &r->method_json);
    }
done:
    govidx__free(list);
    govidx__free(total);
    govidx__free(full);
    govidx__free(entries);
    govidx__free(seen);
    if (rc)
        govidx_result_free(r);
    else
        *out = r;
    return rc;
}

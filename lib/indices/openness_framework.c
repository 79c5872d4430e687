/*
 * lib/indices/openness_framework.c - the shipped openness framework O1-O5
 * (METHODS.md 1.3) computed with the composite engine.
 * docs/methods/openness-checklist.md, section "The openness framework".
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "composite/result_internal.h"
#include "openness_inventory.h"

#include <math.h>
#include <string.h>

/* METHODS.md 1.3 [P], grounded in the Fudan Open Data Index layers (准备度,
 * 数据层, 平台层, 利用层), OECD OURdata, GODI/ODB checklists, U4SSC KPI
 * EC:ICT:PS:1A and ISO 37122 (sources S5-S8, S12).  Goalposts are the
 * natural bounds of shares and flags; for rates and days they are plausible
 * bounds for a city (values outside are clipped). */
static const govidx_openness_indicator framework[] = {
    {"open_data_regulation", "Open-data regulation in force (0 none, 0.5 policy, 1 local regulation)", "0-1",
     1, 1, 0, 1},
    {"data_standard_adopted", "Unified data catalogue / metadata standard adopted", "0/1", 1, 1, 0, 1},
    {"lead_agency_budget", "Designated lead agency and budget line for open data", "0/1", 1, 1, 0, 1},
    {"inventory_published_share", "Inventoried datasets published openly", "Percent", 2, 1, 0, 100},
    {"high_value_coverage", "Key (high-value) datasets available", "Percent", 2, 1, 0, 100},
    {"datasets_per_100k", "Open datasets per 100,000 residents", "datasets", 2, 1, 0, 100},
    {"departments_publishing_share", "Departments publishing open data", "Percent", 2, 1, 0, 100},
    {"checklist_score", "Per-dataset openness checklist score, mean over datasets (GODI)", "Score 0-100", 3, 1,
     0, 100},
    {"machine_readable_share", "Datasets in machine-readable open formats", "Percent", 3, 1, 0, 100},
    {"bulk_download_share", "Datasets downloadable in bulk", "Percent", 3, 1, 0, 100},
    {"open_licence_share", "Datasets under an open licence", "Percent", 3, 1, 0, 100},
    {"no_registration_share", "Datasets available without registration", "Percent", 3, 1, 0, 100},
    {"updated_on_time_share", "Datasets updated within their declared frequency", "Percent", 3, 1, 0, 100},
    {"median_days_since_update", "Median days since the last update", "Days", 3, -1, 0, 365},
    {"feedback_channel", "Feedback / data-request channel on the portal", "0/1", 4, 1, 0, 1},
    {"request_response_days", "Median days to answer a data request", "Days", 4, -1, 0, 60},
    {"consulted_decisions_share", "Major decisions with public consultation", "Percent", 4, 1, 0, 100},
    {"eparticipation_score", "E-participation score", "0-1", 4, 1, 0, 1},
    {"portal_visits_per_100k", "Portal visits per 100,000 residents per year", "visits", 5, 1, 0, 100000},
    {"downloads_per_dataset", "Downloads and API calls per dataset per year", "downloads", 5, 1, 0, 5000},
    {"reuse_outputs_per_100k", "Registered reuse outputs (apps, studies) per 100,000 residents", "outputs", 5,
     1, 0, 10},
};
#define N_FW (sizeof framework / sizeof framework[0])

static const char *const pillar_names[5] = {"Readiness", "Availability", "Accessibility and quality",
                                            "Platform and participation", "Use"};
static const char *const pillar_codes[5] = {"O1", "O2", "O3", "O4", "O5"};

size_t govidx_openness_framework(const govidx_openness_indicator **out)
{
    if (out)
        *out = framework;
    return N_FW;
}

const char *govidx_openness_pillar_name(int pillar)
{
    return pillar >= 1 && pillar <= 5 ? pillar_names[pillar - 1] : NULL;
}

/* The default method of METHODS.md 1.3. */
static const char default_method[] =
    "{\"govidx_method\": 1, \"normalize\": {\"method\": \"goalpost\", \"low\": 0, \"high\": 100},"
    " \"aggregate\": {\"method\": \"arithmetic\"},"
    " \"nodes\": {\"O\": {\"aggregate\": {\"method\": \"geometric\", \"floor\": 1}}}}";

typedef struct oi_data {
    const govidx_result *stored; /* catalogue measures from the inventory's stored records (format 1.1) */
    size_t n_units, n_years, n_cols;
    size_t src[N_FW];   /* panel column of each framework indicator; SIZE_MAX = absent */
    size_t col[N_FW];   /* column in our matrices; SIZE_MAX = not used */
    int checklist;      /* checklist_score computed from the inventory */
    int inv_shares;     /* the checklist refused (no common dataset list): the O3 shares from the
                           inventory's answers instead (docs/methods/openness-catalogue.md) */
    double *data;       /* n_years blocks of n_units x n_cols */
} oi_data;

/* The result says why the checklist score is not in it: the method JSON
 * gains "checklist_score": "refused: <reason>" (quotes and backslashes in
 * the reason become apostrophes and slashes). */
static int note_refusal(govidx_result *r, const char *why, const size_t *col)
{
    size_t n = r->method_json ? strlen(r->method_json) : 0, k, w = strlen(why), extra = 32;
    char *j;
    if (!n || r->method_json[n - 1] != '}')
        return GOVIDX_OK;
    for (k = 0; k < N_FW; k++) /* the indicators a catalogue inventory did not give, and why */
        if (col[k] == SIZE_MAX)
            extra += strlen(framework[k].code) + strlen(govidx__openness_not_derived(framework[k].code)) + 8;
    if (!(j = govidx__malloc(n + w + 96 + extra)))
        return govidx__oom();
    memcpy(j, r->method_json, n - 1);
    k = n - 1;
    k += (size_t)sprintf(j + k, ", \"checklist_score\": \"refused: ");
    for (size_t i = 0; i < w; i++)
        j[k++] = why[i] == '"' ? '\'' : why[i] == '\\' ? '/' : (unsigned char)why[i] < 0x20 ? ' ' : why[i];
    k += (size_t)sprintf(j + k, "\", \"O3\": \"inventory answer shares\", \"not_derived\": {");
    for (size_t i = 0, first = 1; i < N_FW; i++)
        if (col[i] == SIZE_MAX && strcmp(framework[i].code, "checklist_score")) {
            k += (size_t)sprintf(j + k, "%s\"%s\": \"%s\"", first ? "" : ", ", framework[i].code,
                                 govidx__openness_not_derived(framework[i].code));
            first = 0;
        }
    k += (size_t)sprintf(j + k, "}}");
    govidx__free(r->method_json);
    r->method_json = j;
    return GOVIDX_OK;
}

/* O3 shares an inventory's answers give, by framework code. */
static int share_criterion(const char *code)
{
    if (!strcmp(code, "machine_readable_share"))
        return GOVIDX_CRIT_MACHINE_READABLE;
    if (!strcmp(code, "bulk_download_share"))
        return GOVIDX_CRIT_BULK;
    if (!strcmp(code, "open_licence_share"))
        return GOVIDX_CRIT_OPEN_LICENCE;
    if (!strcmp(code, "no_registration_share"))
        return GOVIDX_CRIT_REGISTRATION_FREE;
    if (!strcmp(code, "updated_on_time_share"))
        return GOVIDX_CRIT_UP_TO_DATE;
    if (!strcmp(code, "data_standard_adopted"))
        return GOVIDX_CRIT_METADATA_STANDARD; /* 0-1: the share of entries described in one */
    return -1;
}

/* 100 x yes / answered of criterion `crit` per (unit, year) into out
 * (year-major blocks of n_units, NaN where nothing is answered); 1 when
 * any cell has a value. */
static int inventory_share(double *out, const govidx_dataset *ds, int crit, size_t n_units, size_t n_years)
{
    size_t k, u, y, cells = n_units * n_years;
    int any = 0;
    for (k = 0; k < 2 * cells; k++)
        out[k] = 0;
    for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        if (govidx_dataset_inventory(&e, ds, k) || govidx_dataset_find_unit(&u, ds, e.unit) ||
            govidx_dataset_find_year(&y, ds, e.year) || e.answers[crit] == GOVIDX_ANSWER_MISSING)
            continue;
        out[cells + y * n_units + u] += 1;
        out[y * n_units + u] += e.answers[crit] == GOVIDX_ANSWER_YES;
    }
    govidx_clear_error();
    for (k = 0; k < cells; k++) {
        out[k] = out[cells + k] > 0 ? 100.0 * out[k] / out[cells + k] : NAN;
        any |= !isnan(out[k]);
    }
    return any;
}

/* Framework indicators taken from the stored catalogue records' measures. */
static int is_stored_measure(const char *code)
{
    return !strcmp(code, "high_value_coverage") || !strcmp(code, "median_days_since_update");
}

/* Which years have an inventory? */
static int inventory_years(const govidx_dataset *ds, unsigned char *has, size_t n_years)
{
    size_t k, y;
    int any = 0;
    memset(has, 0, n_years);
    for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
        govidx_inventory_entry e = {.version = GOVIDX_INVENTORY_ENTRY_VERSION};
        if (govidx_dataset_inventory(&e, ds, k) == GOVIDX_OK &&
            govidx_dataset_find_year(&y, ds, e.year) == GOVIDX_OK)
            has[y] = 1, any = 1;
    }
    govidx_clear_error();
    return any;
}

static int fill_data(oi_data *d, const govidx_dataset *ds)
{
    size_t y, u, k, n = d->n_units, ck = 0;
    double *shares = NULL;
    govidx_result *cl = NULL;
    int rc = GOVIDX_OK;
    size_t cells;
    if (!govidx__mul_ok(n, d->n_cols, &cells) || !govidx__mul_ok(cells, d->n_years, &cells))
        return govidx__fail(GOVIDX_EDIM, "openness: panel too large");
    if (!(d->data = govidx__mallocarray(cells ? cells : 1, sizeof *d->data)))
        return govidx__oom();
    for (k = 0; k < cells; k++)
        d->data[k] = NAN;
    if (d->checklist) {
        /* GODI place scores, unrounded, for every year with an inventory */
        govidx_checklist_options co = GOVIDX_CHECKLIST_OPTIONS_INIT;
        co.round_digits = -1;
        if ((rc = govidx_openness_checklist_compute(&cl, ds, &co)))
            return rc;
        for (k = 0; k < N_FW; k++)
            if (!strcmp(framework[k].code, "checklist_score"))
                ck = d->col[k];
    }
    for (y = 0; y < d->n_years; y++) {
        double *block = d->data + y * n * d->n_cols;
        govidx_matrix_view v;
        if ((rc = govidx_dataset_panel(&v, ds, y)) == GOVIDX_ENOTFOUND) {
            govidx_clear_error(); /* a dataset without a panel (inventory only) */
            rc = GOVIDX_OK;
            v.data = NULL;
        } else if (rc)
            goto done;
        for (k = 0; k < N_FW; k++) {
            if (d->col[k] == SIZE_MAX || d->src[k] == SIZE_MAX || !v.data)
                continue;
            for (u = 0; u < n; u++)
                block[u + d->col[k] * n] = v.data[u + d->src[k] * v.ld];
        }
        for (k = 0; d->inv_shares && k < N_FW; k++) {
            int crit = share_criterion(framework[k].code);
            if (crit < 0 || d->col[k] == SIZE_MAX || d->src[k] != SIZE_MAX)
                continue;
            if (!shares && !(shares = govidx__mallocarray(2 * n * d->n_years + 1, sizeof *shares))) {
                rc = govidx__oom();
                goto done;
            }
            inventory_share(shares, ds, crit, n, d->n_years);
            for (u = 0; u < n; u++) /* percent, or a 0-1 flag's share */
                block[u + d->col[k] * n] = shares[y * n + u] / (framework[k].goal_high == 1 ? 100 : 1);
        }
        for (k = 0; d->stored && k < N_FW; k++) /* measures of the stored catalogue records */
            if (is_stored_measure(framework[k].code) && d->col[k] != SIZE_MAX && d->src[k] == SIZE_MAX)
                for (u = 0; u < n; u++)
                    block[u + d->col[k] * n] =
                        govidx__inventory_catalogue_value(d->stored, ds, framework[k].code, u, y);
        for (k = 0; d->inv_shares && k < N_FW; k++) {
            if (strcmp(framework[k].code, "departments_publishing_share") || d->col[k] == SIZE_MAX ||
                d->src[k] != SIZE_MAX)
                continue;
            if (!shares && !(shares = govidx__mallocarray(2 * n * d->n_years + 1, sizeof *shares))) {
                rc = govidx__oom();
                goto done;
            }
            govidx__inventory_departments_share(shares, ds, n, d->n_years);
            for (u = 0; u < n; u++)
                block[u + d->col[k] * n] = shares[y * n + u];
        }
        /* node 1 is openness.score_exact, node 3 openness.entries (openness.h) */
        for (u = 0; cl && u < n; u++)
            block[u + ck * n] = govidx_result_score(cl, u, y, 3) > 0 ? govidx_result_score(cl, u, y, 1) : NAN;
    }
done:
    govidx__free(shares);
    govidx_result_free(cl);
    return rc;
}

static int build_framework(govidx_framework **out, const oi_data *d, const govidx_dataset *ds)
{
    govidx_framework *fw = NULL;
    int used[5] = {0, 0, 0, 0, 0}, rc;
    size_t k, p;
    if ((rc = govidx_framework_new(&fw)))
        return rc;
    for (k = 0; k < N_FW && !rc; k++) {
        double lo = framework[k].goal_low, hi = framework[k].goal_high;
        if (d->col[k] == SIZE_MAX)
            continue;
        if (d->src[k] != SIZE_MAX) {
            govidx_indicator ind = {.version = GOVIDX_INDICATOR_VERSION};
            if (govidx_dataset_indicator(&ind, ds, d->src[k]) == GOVIDX_OK && isfinite(ind.goal_low) &&
                isfinite(ind.goal_high) && ind.goal_high != ind.goal_low)
                lo = ind.goal_low, hi = ind.goal_high; /* the file's goalposts win */
        }
        used[framework[k].pillar - 1] = 1;
        rc = govidx_framework_add_indicator(fw, framework[k].code, pillar_codes[framework[k].pillar - 1], 1.0,
                                            framework[k].direction, d->col[k]);
        if (!rc)
            rc = govidx_framework_set_indicator_meta(fw, framework[k].code, lo, hi, NAN, (size_t)-1);
    }
    for (p = 0; p < 5 && !rc; p++)
        if (used[p])
            rc = govidx_framework_add_aggregate(fw, pillar_codes[p], "O", 1.0);
    if (!rc)
        rc = govidx_framework_add_aggregate(fw, "O", NULL, 1.0);
    if (!rc)
        rc = govidx_framework_seal(fw);
    if (rc)
        govidx_framework_free(fw);
    else
        *out = fw;
    return rc;
}

int govidx_openness_compute(govidx_result **out, const govidx_dataset *ds, const govidx_method *method)
{
    oi_data d;
    govidx_framework *fw = NULL;
    govidx_method *own = NULL;
    govidx_plan *plan = NULL;
    govidx_matrix_view *views = NULL;
    unsigned char *has_inv = NULL;
    const char **codes = NULL;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_result *stored = NULL;
    size_t k, y;
    int rc;
    char refusal[1024] = "";
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "govidx_openness_compute: NULL argument");
    *out = NULL;
    memset(&d, 0, sizeof d);
    d.n_units = govidx_dataset_n_units(ds);
    d.n_years = govidx_dataset_n_years(ds);
    if (!(has_inv = govidx__calloc(d.n_years ? d.n_years : 1, 1)))
        return govidx__oom();
    for (k = 0; k < N_FW; k++) {
        d.src[k] = d.col[k] = SIZE_MAX;
        if (govidx_dataset_find_indicator(&d.src[k], ds, framework[k].code) != GOVIDX_OK)
            d.src[k] = SIZE_MAX;
        if (d.src[k] == SIZE_MAX && !strcmp(framework[k].code, "checklist_score") &&
            inventory_years(ds, has_inv, d.n_years))
            d.checklist = 1;
    }
    govidx_clear_error();
    if (d.checklist) {
        /* the checklist needs a common key-dataset list; without one
         * (places listing their own datasets, e.g. portal catalogues) it is
         * refused, and the inventory's answer shares are used instead */
        govidx_result *probe = NULL;
        govidx_checklist_options co = GOVIDX_CHECKLIST_OPTIONS_INIT;
        co.round_digits = -1;
        rc = govidx_openness_checklist_compute(&probe, ds, &co);
        govidx_result_free(probe);
        if (rc == GOVIDX_EMISSING && govidx_dataset_n_inventory(ds)) {
            d.checklist = 0;
            d.inv_shares = 1;
            snprintf(refusal, sizeof refusal, "%s", govidx_last_error());
            govidx_clear_error();
            /* catalogue records kept in the file (format 1.1): their measures too */
            if ((rc = govidx__inventory_catalogue_result(&stored, ds)) == GOVIDX_ENOTFOUND)
                govidx_clear_error();
            else if (rc) {
                govidx__free(has_inv);
                return rc;
            }
            d.stored = stored;
        } else if (rc) {
            govidx__free(has_inv);
            return rc;
        }
    }
    for (k = 0; k < N_FW; k++) {
        int crit = share_criterion(framework[k].code);
        double *tmp = NULL;
        int use = d.src[k] != SIZE_MAX || (d.checklist && !strcmp(framework[k].code, "checklist_score"));
        if (!use && d.inv_shares && crit >= 0) {
            if (!(tmp = govidx__mallocarray(2 * d.n_units * d.n_years + 1, sizeof *tmp))) {
                govidx__free(has_inv);
                govidx_result_free(stored);
                return govidx__oom();
            }
            use = inventory_share(tmp, ds, crit, d.n_units, d.n_years);
            govidx__free(tmp);
        } else if (!use && d.inv_shares && d.stored && is_stored_measure(framework[k].code)) {
            for (size_t yy = 0; yy < d.n_years && !use; yy++)
                for (size_t uu = 0; uu < d.n_units && !use; uu++)
                    use = !isnan(govidx__inventory_catalogue_value(d.stored, ds, framework[k].code, uu, yy));
        } else if (!use && d.inv_shares && !strcmp(framework[k].code, "departments_publishing_share")) {
            if (!(tmp = govidx__mallocarray(d.n_units * d.n_years + 1, sizeof *tmp))) {
                govidx__free(has_inv);
                govidx_result_free(stored);
                return govidx__oom();
            }
            use = govidx__inventory_departments_share(tmp, ds, d.n_units, d.n_years);
            govidx__free(tmp);
        }
        if (use)
            d.col[k] = d.n_cols++;
    }
    govidx__free(has_inv);
    if (d.n_cols == 0) {
        govidx_result_free(stored);
        return govidx__fail(GOVIDX_EMISSING, "openness: the dataset has none of the framework's indicators "
                            "and no open-data inventory");
    }
    if ((rc = fill_data(&d, ds)) || (rc = build_framework(&fw, &d, ds)))
        goto done;
    if (!method) {
        if ((rc = govidx_method_from_json(&own, default_method)))
            goto done;
        method = own;
    }
    views = govidx__calloc(d.n_years ? d.n_years : 1, sizeof *views);
    codes = govidx__calloc(d.n_units ? d.n_units : 1, sizeof *codes);
    if (!views || !codes) {
        rc = govidx__oom();
        goto done;
    }
    for (y = 0; y < d.n_years; y++)
        views[y] = govidx_matrix_view_array(d.data + y * d.n_units * d.n_cols, d.n_units, d.n_cols);
    for (k = 0; k < d.n_units; k++)
        codes[k] = govidx_dataset_unit_code(ds, k);
    panel.n_years = d.n_years;
    panel.years = views;
    panel.year_labels = govidx_dataset_years(ds);
    panel.unit_codes = codes;
    if ((rc = govidx_plan_new(&plan, fw, method, &panel)) == GOVIDX_OK)
        rc = govidx_execute(out, plan, &panel);
    if (rc == GOVIDX_OK && d.inv_shares)
        rc = note_refusal(*out, refusal, d.col);
    if (rc && *out) {
        govidx_result_free(*out);
        *out = NULL;
    }
done:
    govidx_result_free(stored);
    govidx_plan_free(plan);
    govidx_method_free(own);
    govidx_framework_free(fw);
    govidx__free(views);
    govidx__free(codes);
    govidx__free(d.data);
    return rc;
}

int govidx_openness_catalogue_compute(govidx_result **out, const govidx_result *measures,
                                      const govidx_method *method)
{
    oi_data d;
    govidx_framework *fw = NULL;
    govidx_method *own = NULL;
    govidx_plan *plan = NULL;
    govidx_matrix_view *views = NULL;
    const char **codes = NULL;
    int *year_labels = NULL;
    size_t node[N_FW], k, y, u, cells;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    int rc = GOVIDX_OK;
    if (!out || !measures)
        return govidx__fail(GOVIDX_EINVAL, "govidx_openness_catalogue_compute: NULL argument");
    *out = NULL;
    memset(&d, 0, sizeof d);
    d.n_units = govidx_result_n_units(measures);
    d.n_years = govidx_result_n_years(measures);
    /* a framework indicator enters when the measures carry it with at least
     * one value (datasets_per_100k needs a population, the departments
     * share a departments list) */
    for (k = 0; k < N_FW; k++) {
        int any = 0;
        d.src[k] = d.col[k] = SIZE_MAX;
        if (govidx_result_find_node(&node[k], measures, framework[k].code) != GOVIDX_OK)
            continue;
        for (y = 0; y < d.n_years && !any; y++)
            for (u = 0; u < d.n_units && !any; u++)
                any = !isnan(govidx_result_score(measures, u, y, node[k]));
        if (any)
            d.col[k] = d.n_cols++;
    }
    govidx_clear_error();
    if (d.n_cols == 0)
        return govidx__fail(GOVIDX_EMISSING, "openness: the measures carry none of the framework's indicators "
                            "(expected govidx_catalogue_compute's nodes, e.g. open_licence_share)");
    if (!govidx__mul_ok(d.n_units, d.n_cols, &cells) || !govidx__mul_ok(cells, d.n_years, &cells))
        return govidx__fail(GOVIDX_EDIM, "openness: panel too large");
    d.data = govidx__mallocarray(cells ? cells : 1, sizeof *d.data);
    views = govidx__calloc(d.n_years ? d.n_years : 1, sizeof *views);
    codes = govidx__calloc(d.n_units ? d.n_units : 1, sizeof *codes);
    year_labels = govidx__calloc(d.n_years ? d.n_years : 1, sizeof *year_labels);
    if (!d.data || !views || !codes || !year_labels) {
        rc = govidx__oom();
        goto done;
    }
    for (y = 0; y < d.n_years; y++) {
        double *block = d.data + y * d.n_units * d.n_cols;
        for (k = 0; k < N_FW; k++)
            if (d.col[k] != SIZE_MAX)
                for (u = 0; u < d.n_units; u++)
                    block[u + d.col[k] * d.n_units] = govidx_result_score(measures, u, y, node[k]);
        views[y] = govidx_matrix_view_array(block, d.n_units, d.n_cols);
        year_labels[y] = govidx_result_year(measures, y);
    }
    for (u = 0; u < d.n_units; u++)
        codes[u] = govidx_result_unit_code(measures, u);
    if ((rc = build_framework(&fw, &d, NULL)))
        goto done;
    if (!method) {
        if ((rc = govidx_method_from_json(&own, default_method)))
            goto done;
        method = own;
    }
    panel.n_years = d.n_years;
    panel.years = views;
    panel.year_labels = year_labels;
    panel.unit_codes = codes;
    if ((rc = govidx_plan_new(&plan, fw, method, &panel)) == GOVIDX_OK)
        rc = govidx_execute(out, plan, &panel);
done:
    govidx_plan_free(plan);
    govidx_method_free(own);
    govidx_framework_free(fw);
    govidx__free(views);
    govidx__free(codes);
    govidx__free(year_labels);
    govidx__free(d.data);
    return rc;
}

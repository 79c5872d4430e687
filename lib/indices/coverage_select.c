/*
 * lib/coverage_select.c - the districts coverage leaves out on purpose
 * (issue 16): a per-district include (or residential) variable that is 0,
 * and districts named by code, each with its sub-districts; and the weight
 * of the communities (population, or a district variable such as
 * households).  Each city-year lists what was left out.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "coverage_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NONE ((size_t)-1)

/* the variables read as the include flag when the options name none */
static const char *const include_names[] = {"include", "residential", NULL};

int govidx__coverage_select_init(govidx__coverage_select *s, const govidx_dataset *ds,
                                 const govidx_coverage_options *o)
{
    size_t k, d, n_d = govidx_dataset_n_districts(ds);
    memset(s, 0, sizeof *s);
    s->include_var = s->weight_var = NONE;
    if (o->include) {
        if (govidx_dataset_find_district_var(&s->include_var, ds, o->include) != GOVIDX_OK)
            return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district variable '%s' (the include flag given)",
                                o->include);
    } else
        for (k = 0; include_names[k] && s->include_var == NONE; k++)
            if (govidx_dataset_find_district_var(&s->include_var, ds, include_names[k]) != GOVIDX_OK)
                s->include_var = NONE;
    govidx_clear_error();
    if (s->include_var != NONE)
        s->include_name = govidx_dataset_district_var_name(ds, s->include_var);
    if (o->weight && govidx_dataset_find_district_var(&s->weight_var, ds, o->weight) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district variable '%s' to weight by", o->weight);
    if (o->n_exclude_districts && !o->exclude_districts)
        return govidx__fail(GOVIDX_EINVAL, "coverage: %zu districts to exclude but no list", o->n_exclude_districts);
    s->by_code = govidx__calloc(n_d + 1, 1);
    if (!s->by_code)
        return govidx__oom();
    for (k = 0; k < o->n_exclude_districts; k++) {
        const char *code = o->exclude_districts[k];
        int found = 0;
        for (d = 0; code && d < n_d; d++) {
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (govidx_dataset_district(&di, ds, d) == GOVIDX_OK && !strcmp(di.code, code)) {
                s->by_code[d] = 1;
                found = 1;
            }
        }
        if (!found) {
            govidx__free(s->by_code);
            s->by_code = NULL;
            return govidx__fail(GOVIDX_ENOTFOUND, "coverage: no district '%s' to exclude", code ? code : "(NULL)");
        }
    }
    return GOVIDX_OK;
}

void govidx__coverage_select_free(govidx__coverage_select *s)
{
    govidx__free(s->by_code);
    s->by_code = NULL;
}

const char *govidx__coverage_first_variable(const govidx_dataset *ds, const govidx_coverage_options *o)
{
    size_t k;
    for (k = 0; k < govidx_dataset_n_district_vars(ds); k++) {
        const char *name = govidx_dataset_district_var_name(ds, k);
        int skip = (o->weight && !strcmp(name, o->weight)) || (o->include && !strcmp(name, o->include));
        for (size_t j = 0; !o->include && include_names[j]; j++)
            skip |= !strcmp(name, include_names[j]);
        if (!skip)
            return name;
    }
    return NULL;
}

/* Why district d is left out by its own row in year yi (NULL: it is not). */
static const char *own_reason(const govidx__coverage_select *s, const govidx_dataset *ds, govidx_matrix_view v,
                              size_t d, int year, int *rc)
{
    double f;
    if (s->by_code[d])
        return "excluded by code";
    if (s->include_var == NONE)
        return NULL;
    f = v.data[d + s->include_var * v.ld];
    if (isnan(f) || f == 1)
        return NULL; /* missing = kept: the flag leaves out only what it marks */
    if (f == 0)
        return "include = 0";
    {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        govidx_dataset_district(&di, ds, d);
        *rc = govidx__fail(GOVIDX_EDOMAIN, "coverage: district '%s' has %s = %g in %d (0 leaves it out, 1 keeps it)",
                           di.code, s->include_name, f, year);
    }
    return NULL;
}

int govidx__coverage_left_out(unsigned char *out, const govidx__coverage_select *s, const govidx_dataset *ds,
                              govidx_matrix_view v, int year)
{
    size_t d, a, n_d = govidx_dataset_n_districts(ds);
    int rc = GOVIDX_OK;
    for (d = 0; d < n_d; d++) {
        const char *why = own_reason(s, ds, v, d, year, &rc);
        if (rc)
            return rc;
        out[d] = why ? (why[0] == 'e' ? GOVIDX__COV_OUT_CODE : GOVIDX__COV_OUT_FLAG) : 0;
    }
    /* below a district left out: left out too (walk up; districts are few levels deep) */
    for (d = 0; d < n_d; d++) {
        size_t hops = 0;
        if (out[d])
            continue;
        for (a = govidx_dataset_district_parent(ds, d); a != NONE && hops < n_d;
             a = govidx_dataset_district_parent(ds, a), hops++)
            if (out[a] == GOVIDX__COV_OUT_CODE || out[a] == GOVIDX__COV_OUT_FLAG) {
                out[d] = GOVIDX__COV_OUT_PARENT;
                break;
            }
    }
    return GOVIDX_OK;
}

int govidx__coverage_left_out_labels(govidx_result *r, const govidx_dataset *ds, const unsigned char *out,
                                     const size_t *districts, size_t n, size_t u, size_t yi, const char *include_name)
{
    size_t k, m = 0;
    char **text = govidx__calloc(n + 1, sizeof *text);
    const char **labels = govidx__calloc(n + 1, sizeof *labels);
    int rc = GOVIDX_OK;
    if (!text || !labels) {
        govidx__free(text);
        govidx__free(labels);
        return govidx__oom();
    }
    for (k = 0; k < n && rc == GOVIDX_OK; k++) {
        size_t d = districts[k];
        govidx_district di = GOVIDX_DISTRICT_INIT;
        char buf[512];
        if (!out[d] || out[d] == GOVIDX__COV_OUT_PARENT)
            continue; /* its sub-districts go with it and are not listed one by one */
        govidx_dataset_district(&di, ds, d);
        if (out[d] == GOVIDX__COV_OUT_CODE)
            snprintf(buf, sizeof buf, "%s (excluded by code)", di.code);
        else
            snprintf(buf, sizeof buf, "%s (%s = 0)", di.code, include_name ? include_name : "include");
        if (!(text[m] = govidx__strdup(buf)))
            rc = govidx__oom();
        else
            labels[m] = text[m], m++;
    }
    if (rc == GOVIDX_OK && m)
        rc = govidx__result_set_labels(r, GOVIDX_COVERAGE_LEFT_OUT, u, yi, labels, m);
    for (k = 0; k < m; k++)
        govidx__free(text[k]);
    govidx__free(text);
    govidx__free(labels);
    return rc;
}

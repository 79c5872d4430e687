/*
 * lib/dataset/result_run.c - a result as a results run (/results/<run> in a file).
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "composite/result_internal.h"

#include <math.h>
#include <string.h>

int govidx_result_to_run(govidx_run **out, const govidx_result *r, const char *name)
{
    govidx_run *run = NULL;
    double *buf;
    size_t cells = r ? r->n_units * r->n_years * r->n_nodes : 0, i;
    const uint32_t *ranks;
    int rc;
    if (!out || !r || !name)
        return govidx__fail(GOVIDX_EINVAL, "result: NULL argument");
    *out = NULL;
    rc = govidx_run_new(&run, name, r->n_units, r->n_years, r->n_nodes, (const char *const *)r->unit_codes,
                        r->years, (const char *const *)r->node_codes);
    if (rc)
        return rc;
    buf = govidx__mallocarray(cells, sizeof *buf);
    if (!buf) {
        govidx_run_free(run);
        return govidx__oom();
    }
    ranks = govidx__result_ranks(r);
    rc = govidx_run_set_array(run, "scores", r->scores);
    if (rc == GOVIDX_OK) {
        for (i = 0; i < cells; i++)
            buf[i] = ranks[i] ? (double)ranks[i] : NAN;
        rc = govidx_run_set_array(run, "ranks", buf);
    }
    if (rc == GOVIDX_OK) {
        for (i = 0; i < cells; i++) /* cell i is (unit, year, node) in year-node-unit order */
            buf[i] = govidx__result_contrib(r, i % r->n_units, i / (r->n_units * r->n_nodes),
                                            (i / r->n_units) % r->n_nodes);
        rc = govidx_run_set_array(run, "contrib", buf);
    }
    if (rc == GOVIDX_OK) {
        for (i = 0; i < cells; i++)
            buf[i] = !r->is_leaf[(i / r->n_units) % r->n_nodes] ? NAN : r->flags ? (double)r->flags[i] : 0.0;
        rc = govidx_run_set_array(run, "flags", buf);
    }
    if (rc == GOVIDX_OK)
        rc = govidx_run_set_attr(run, "method", r->method_json);
    govidx__free(buf);
    if (rc) {
        govidx_run_free(run);
        return rc;
    }
    *out = run;
    return GOVIDX_OK;
}

/* --- finding a unit, node or year by label (results and runs) ------------- */

/* One lookup for both handles: the labels through an accessor, so it
 * needs neither layout.  Returns the index or (size_t)-1. */
static size_t find_code(const void *h, size_t n, const char *(*label)(const void *, size_t), const char *code)
{
    size_t k;
    for (k = 0; k < n; k++) {
        const char *s = label(h, k);
        if (s && !strcmp(s, code))
            return k;
    }
    return (size_t)-1;
}

static const char *res_unit(const void *h, size_t k) { return govidx_result_unit_code(h, k); }
static const char *res_node(const void *h, size_t k) { return govidx_result_node_code(h, k); }
static const char *run_unit(const void *h, size_t k) { return govidx_run_unit_code(h, k); }
static const char *run_node(const void *h, size_t k) { return govidx_run_node_code(h, k); }

/* run == NULL: the lookup was in a result */
static int found(size_t *out, size_t k, const govidx_run *run, const char *what, const char *code)
{
    if (k == (size_t)-1)
        return run ? govidx__fail(GOVIDX_ENOTFOUND, "run '%s' has no %s '%s'", govidx_run_name(run), what, code)
                   : govidx__fail(GOVIDX_ENOTFOUND, "the result has no %s '%s'", what, code);
    if (out)
        *out = k;
    return GOVIDX_OK;
}

int govidx_result_find_unit(size_t *unit, const govidx_result *r, const char *code)
{
    if (!r || !code)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_find_unit: NULL result or code");
    return found(unit, find_code(r, r->n_units, res_unit, code), NULL, "unit", code);
}

int govidx_result_find_node(size_t *node, const govidx_result *r, const char *code)
{
    if (!r || !code)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_find_node: NULL result or code");
    return found(node, find_code(r, r->n_nodes, res_node, code), NULL, "node", code);
}

int govidx_result_find_year(size_t *year, const govidx_result *r, int year_label)
{
    size_t k;
    if (!r)
        return govidx__fail(GOVIDX_EINVAL, "govidx_result_find_year: NULL result");
    for (k = 0; k < r->n_years; k++)
        if (r->years[k] == year_label) {
            if (year)
                *year = k;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_ENOTFOUND, "the result has no year %d", year_label);
}

int govidx_run_find_unit(size_t *unit, const govidx_run *run, const char *code)
{
    if (!run || !code)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_find_unit: NULL run or code");
    return found(unit, find_code(run, govidx_run_n_units(run), run_unit, code), run, "unit", code);
}

int govidx_run_find_node(size_t *node, const govidx_run *run, const char *code)
{
    if (!run || !code)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_find_node: NULL run or code");
    return found(node, find_code(run, govidx_run_n_nodes(run), run_node, code), run, "node", code);
}

int govidx_run_find_year(size_t *year, const govidx_run *run, int year_label)
{
    size_t k, n = govidx_run_n_years(run);
    if (!run)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_find_year: NULL run");
    for (k = 0; k < n; k++)
        if (govidx_run_year(run, k) == year_label) {
            if (year)
                *year = k;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_ENOTFOUND, "run '%s' has no year %d", govidx_run_name(run), year_label);
}

/*
 * lib/result_run.c - a result as a results run (/results/<run> in a file).
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "result_internal.h"

#include <math.h>

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

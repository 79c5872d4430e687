/*
 * lib/uncertainty_run.c - an uncertainty run as a results run, so it is
 * stored in the dataset through the library's one write path
 * (govidx_run_file_add: copy, add, fsync, rename, under the writer lock)
 * and read back with govidx_run_open, for the annual report's rank
 * intervals.  Built from the public accessors only: the arrays hold exactly
 * the numbers of the CSV columns of the same names.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/run.h"
#include "govidx/uncertainty.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef double (*cell_fn)(const govidx_uncertainty *, size_t, size_t, size_t);

static double nominal_rank(const govidx_uncertainty *u, size_t v, size_t y, size_t k)
{
    size_t r = govidx_uncertainty_nominal_rank(u, v, y, k);
    return r ? (double)r : NAN;
}

/* Fill buf (the run layout: unit + n_units * (node + n_nodes * year)) from
 * f, or from the q-quantile of scores (ranks = 0) or ranks (ranks = 1). */
static void fill(double *buf, const govidx_uncertainty *u, cell_fn f, double q, int ranks)
{
    size_t nu = govidx_uncertainty_n_units(u), nn = govidx_uncertainty_n_nodes(u);
    size_t ny = govidx_uncertainty_n_years(u), v, y, k;
    for (y = 0; y < ny; y++)
        for (k = 0; k < nn; k++)
            for (v = 0; v < nu; v++)
                buf[v + nu * (k + nn * y)] = f ? f(u, v, y, k)
                                               : ranks ? govidx_uncertainty_rank_quantile(u, v, y, k, q)
                                                       : govidx_uncertainty_score_quantile(u, v, y, k, q);
}

int govidx_uncertainty_to_run(govidx_run **out, const govidx_uncertainty *u, const char *name,
                              const double *extra_percent, size_t n_extra)
{
    static const struct {
        const char *name;
        cell_fn f;
        double q;
        int ranks;
    } cols[] = {
        {"scores", govidx_uncertainty_nominal_score, 0, 0},
        {"ranks", nominal_rank, 0, 0},
        {"mean_score", govidx_uncertainty_mean_score, 0, 0},
        {"median_score", NULL, 0.5, 0},
        {"q05_score", NULL, 0.05, 0},
        {"q95_score", NULL, 0.95, 0},
        {"mean_rank", govidx_uncertainty_mean_rank, 0, 1},
        {"median_rank", NULL, 0.5, 1},
        {"q05_rank", NULL, 0.05, 1},
        {"q95_rank", NULL, 0.95, 1},
        {"mean_abs_rank_shift", govidx_uncertainty_mean_abs_rank_shift, 0, 1},
    };
    govidx_run *run = NULL;
    const char **units = NULL, **nodes = NULL;
    int *years = NULL;
    double *buf = NULL;
    size_t nu, ny, nn, i, e;
    char text[64];
    int rc;
    if (!out || !u || !name || (n_extra && !extra_percent))
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_to_run: NULL argument");
    *out = NULL;
    for (e = 0; e < n_extra; e++)
        if (!(extra_percent[e] >= 0.0 && extra_percent[e] <= 100.0))
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: quantile %g%% is outside [0, 100]", extra_percent[e]);
    nu = govidx_uncertainty_n_units(u);
    ny = govidx_uncertainty_n_years(u);
    nn = govidx_uncertainty_n_nodes(u);
    units = govidx__mallocarray(nu, sizeof *units);
    nodes = govidx__mallocarray(nn, sizeof *nodes);
    years = govidx__mallocarray(ny, sizeof *years);
    buf = govidx__mallocarray(nu * nn, ny * sizeof *buf);
    if (!units || !nodes || !years || !buf) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < nu; i++)
        units[i] = govidx_uncertainty_unit_code(u, i);
    for (i = 0; i < nn; i++)
        nodes[i] = govidx_uncertainty_node_code(u, i);
    for (i = 0; i < ny; i++)
        years[i] = govidx_uncertainty_year(u, i);
    if ((rc = govidx_run_new(&run, name, nu, ny, nn, units, years, nodes)))
        goto done;
    for (i = 0; i < sizeof cols / sizeof cols[0] && !rc; i++) {
        fill(buf, u, cols[i].f, cols[i].q, cols[i].ranks);
        rc = govidx_run_set_array(run, cols[i].name, buf);
    }
    for (e = 0; e < n_extra && !rc; e++) { /* the CSV's extra pairs: qNN_score, qNN_rank */
        snprintf(text, sizeof text, "q%g_score", extra_percent[e]);
        fill(buf, u, NULL, extra_percent[e] / 100.0, 0);
        if (!(rc = govidx_run_set_array(run, text, buf))) {
            snprintf(text, sizeof text, "q%g_rank", extra_percent[e]);
            fill(buf, u, NULL, extra_percent[e] / 100.0, 1);
            rc = govidx_run_set_array(run, text, buf);
        }
    }
    if (!rc)
        rc = govidx_run_set_attr(run, "analysis", "uncertainty");
    if (!rc) {
        snprintf(text, sizeof text, "%zu", govidx_uncertainty_replications(u));
        rc = govidx_run_set_attr(run, "replications", text);
    }
done:
    govidx__free(units);
    govidx__free(nodes);
    govidx__free(years);
    govidx__free(buf);
    if (rc) {
        govidx_run_free(run);
        return rc;
    }
    *out = run;
    return GOVIDX_OK;
}

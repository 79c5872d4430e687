/*
 * lib/uncertainty/uncertainty_csv.c - an uncertainty run's CSV files: the
 * per-cell summary, the drawn parameters of each replication and the Sobol
 * indices (govidx_uncertainty_write_*_csv), through the one output path.
 * SPDX-License-Identifier: MIT
 */
#include "core/fmtdouble.h"
#include "uncertainty_model.h"

#include <math.h>
#include <stdio.h>

/* --- CSV ------------------------------------------------------------------ */

static void put_num(FILE *f, double x)
{
    fputc(',', f);
    if (!isnan(x)) { /* shortest round-trip text, as the result CSV */
        char text[GOVIDX__SHORTEST_MAX];
        fwrite(text, 1, govidx__fmt_shortest(text, x), f);
    }
}

/* Every writer goes through the library's one output path
 * (govidx__write_atomic_*): a temporary file renamed over a regular target,
 * a device or FIFO written in place, the umask's mode. */
int govidx_uncertainty_write_csv(const govidx_uncertainty *u, const char *path, const double *extra_percent,
                                 size_t n_extra)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t y, k, v, e, t;
    if (!u || !path || (n_extra && !extra_percent))
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_csv: NULL argument");
    for (e = 0; e < n_extra; e++)
        if (!(extra_percent[e] >= 0.0 && extra_percent[e] <= 100.0))
            return govidx__fail(GOVIDX_EINVAL, "uncertainty: quantile %g%% is outside [0, 100]", extra_percent[e]);
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,year,node,nominal_score,nominal_rank,mean_score,median_score,q05_score,q95_score,mean_rank,"
          "median_rank,q05_rank,q95_rank,mean_abs_rank_shift",
          f);
    for (e = 0; e < n_extra; e++)
        fprintf(f, ",q%g_score,q%g_rank", extra_percent[e], extra_percent[e]);
    fputc('\n', f);
    for (y = 0; y < u->n_years; y++)
        for (t = 0; t < u->n_track; t++)
            for (v = 0, k = u->track[t]; v < u->n_units; v++) {
                size_t r0 = govidx_uncertainty_nominal_rank(u, v, y, k);
                govidx__csv_put_field(f, u->unit_codes[v]);
                fprintf(f, ",%d,", u->years[y]);
                govidx__csv_put_field(f, u->node_codes[k]);
                put_num(f, govidx_uncertainty_nominal_score(u, v, y, k));
                fputc(',', f);
                if (r0)
                    fprintf(f, "%zu", r0);
                put_num(f, govidx_uncertainty_mean_score(u, v, y, k));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.5));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.05));
                put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, 0.95));
                put_num(f, govidx_uncertainty_mean_rank(u, v, y, k));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.5));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.05));
                put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, 0.95));
                put_num(f, govidx_uncertainty_mean_abs_rank_shift(u, v, y, k));
                for (e = 0; e < n_extra; e++) {
                    put_num(f, govidx_uncertainty_score_quantile(u, v, y, k, extra_percent[e] / 100.0));
                    put_num(f, govidx_uncertainty_rank_quantile(u, v, y, k, extra_percent[e] / 100.0));
                }
                fputc('\n', f);
            }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

int govidx_uncertainty_write_params_csv(const govidx_uncertainty *u, const char *path)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t s, pi;
    if (!u || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_params_csv: NULL argument");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("replication,node,parent,weight\n", f);
    for (s = 0; s < u->N; s++) {
        for (pi = 0; pi < u->n_params; pi++) {
            fprintf(f, "%zu,", s + 1);
            govidx__csv_put_field(f, u->node_codes[u->param_node[pi]]);
            fputc(',', f);
            govidx__csv_put_field(f, u->node_codes[u->param_parent[pi]]);
            put_num(f, u->params[s * u->n_params + pi]);
            fputc('\n', f);
        }
        if (u->dropped) { /* the indicator left out: weight 0 in this replication */
            size_t parent = u->parent_of[u->dropped[s]];
            fprintf(f, "%zu,", s + 1);
            govidx__csv_put_field(f, u->node_codes[u->dropped[s]]);
            fputc(',', f);
            govidx__csv_put_field(f, parent != NONE ? u->node_codes[parent] : "");
            fputs(",0\n", f);
        }
    }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

int govidx_uncertainty_write_sobol_csv(const govidx_uncertainty *u, const char *path)
{
    char *tmp = NULL;
    int rc;
    FILE *f;
    size_t y, r, v, i;
    if (!u || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_write_sobol_csv: NULL argument");
    if (!u->has_sobol)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: the run was made without sobol set");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,year,node,input,first_order,total_order,first_lo,first_hi,total_lo,total_hi,converged\n", f);
    for (y = 0; y < u->n_years; y++)
        for (r = 0; r < u->n_roots; r++)
            for (v = 0; v <= u->n_units; v++) {
                const double *row = u->sobol + ((y * u->n_roots + r) * (u->n_units + 1) + v) * u->n_inputs * 6;
                for (i = 0; i < u->n_inputs; i++) {
                    const double *x = row + i * 6;
                    int conv = !isnan(x[2]) && x[3] - x[2] <= u->sobol_width && x[5] - x[4] <= u->sobol_width;
                    govidx__csv_put_field(f, v < u->n_units ? u->unit_codes[v] : "*");
                    fprintf(f, ",%d,", u->years[y]);
                    govidx__csv_put_field(f, u->node_codes[u->roots[r]]);
                    fputc(',', f);
                    govidx__csv_put_field(f, u->input_codes[i]);
                    put_num(f, x[0]);
                    put_num(f, x[1]);
                    put_num(f, x[2]);
                    put_num(f, x[3]);
                    put_num(f, x[4]);
                    put_num(f, x[5]);
                    fprintf(f, ",%d\n", conv);
                }
            }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

/*
 * lib/uncertainty/uncertainty_stats.c - the statistics of a finished run:
 * the drawn scores sorted per cell and their means (finish_stats), and the
 * public accessors that read quantiles, mean ranks, rank shifts and Sobol
 * indices from them.
 * SPDX-License-Identifier: MIT
 */
#include "uncertainty_model.h"

#include <math.h>
#include <string.h>

/* Sort v[0..n) ascending, NaN last; returns the number of non-NaN values.
 * LSD radix sort on the order-preserving 64-bit image of each double. */
static size_t sort_draws(double *v, size_t n, uint64_t *k, uint64_t *k2, size_t *count)
{
    size_t i, m = 0, pass;
    for (i = 0; i < n; i++)
        if (!isnan(v[i])) {
            uint64_t b;
            memcpy(&b, &v[i], sizeof b);
            k[m++] = b >> 63 ? ~b : b | 0x8000000000000000ULL;
        }
    for (pass = 0; pass < 64; pass += 16) {
        size_t sum = 0;
        uint64_t *t;
        memset(count, 0, 65537 * sizeof *count);
        for (i = 0; i < m; i++)
            count[(k[i] >> pass & 0xffff) + 1]++;
        for (i = 1; i <= 65536; i++)
            count[i] = sum += count[i];
        for (i = 0; i < m; i++)
            k2[count[k[i] >> pass & 0xffff]++] = k[i];
        t = k;
        k = k2;
        k2 = t;
    }
    for (i = 0; i < m; i++) { /* four passes: the sorted keys are back in k */
        uint64_t b = k[i] >> 63 ? k[i] & 0x7fffffffffffffffULL : ~k[i];
        memcpy(&v[i], &b, sizeof b);
    }
    for (; i < n; i++)
        v[i] = NAN;
    return m;
}

int finish_stats(govidx_uncertainty *u)
{
    size_t y, t, v, s;
    uint64_t *k = u->draws ? govidx__mallocarray(u->N, 2 * sizeof *k) : NULL;
    size_t *count = u->draws ? govidx__mallocarray(65537, sizeof *count) : NULL;
    if (u->draws && (!k || !count)) {
        govidx__free(k);
        govidx__free(count);
        return govidx__oom();
    }
    for (y = 0; y < u->n_years; y++)
        for (t = 0; t < u->n_track; t++)
            for (v = 0; v < u->n_units; v++) {
                size_t cl = TCELL(u, v, y, t);
                double *d, sum = 0.0, x0 = u->nominal[CELL(u, v, y, u->track[t])];
                if (u->dslot[t] == NONE) { /* nominal in every replication */
                    u->mean[cl] = x0;
                    u->n_present[cl] = isnan(x0) ? 0 : u->N;
                    continue;
                }
                if (!u->draws) {
                    u->mean[cl] = NAN;
                    continue;
                }
                d = u->draws + DCELL(u, v, y, t) * u->N;
                for (s = 0; s < u->N; s++) /* in replication order: the same sum for any thread count */
                    if (!isnan(d[s]))
                        sum += d[s];
                u->n_present[cl] = sort_draws(d, u->N, k, k + u->N, count);
                u->mean[cl] = u->n_present[cl] ? sum / (double)u->n_present[cl] : NAN;
            }
    govidx__free(k);
    govidx__free(count);
    return GOVIDX_OK;
}

/* --- accessors ------------------------------------------------------------ */

size_t govidx_uncertainty_replications(const govidx_uncertainty *u) { return u ? u->N : 0; }
size_t govidx_uncertainty_n_units(const govidx_uncertainty *u) { return u ? u->n_units : 0; }
size_t govidx_uncertainty_n_years(const govidx_uncertainty *u) { return u ? u->n_years : 0; }
size_t govidx_uncertainty_n_nodes(const govidx_uncertainty *u) { return u ? u->n_nodes : 0; }

const char *govidx_uncertainty_unit_code(const govidx_uncertainty *u, size_t unit)
{
    return u && unit < u->n_units ? u->unit_codes[unit] : NULL;
}

const char *govidx_uncertainty_node_code(const govidx_uncertainty *u, size_t node)
{
    return u && node < u->n_nodes ? u->node_codes[node] : NULL;
}

int govidx_uncertainty_year(const govidx_uncertainty *u, size_t year)
{
    return u && year < u->n_years ? u->years[year] : 0;
}

static int ok_cell(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return u && unit < u->n_units && year < u->n_years && node < u->n_nodes;
}

/* The tracked cell of (unit, year, node): 0 when out of range or untracked. */
static int tcell(const govidx_uncertainty *u, size_t unit, size_t year, size_t node, size_t *cl)
{
    if (!ok_cell(u, unit, year, node) || u->track_of[node] == NONE)
        return 0;
    *cl = TCELL(u, unit, year, u->track_of[node]);
    return 1;
}

double govidx_uncertainty_nominal_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return ok_cell(u, unit, year, node) ? u->nominal[CELL(u, unit, year, node)] : NAN;
}

size_t govidx_uncertainty_nominal_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    return ok_cell(u, unit, year, node) ? u->nominal_rank[CELL(u, unit, year, node)] : 0;
}

double govidx_uncertainty_score_quantile(const govidx_uncertainty *u, size_t unit, size_t year, size_t node,
                                         double q)
{
    size_t cl, m, lo;
    const double *d;
    double h;
    if (!tcell(u, unit, year, node, &cl) || !(q >= 0.0 && q <= 1.0))
        return NAN;
    m = u->n_present[cl];
    if (m && u->dslot[u->track_of[node]] == NONE)
        return u->nominal[CELL(u, unit, year, node)];
    if (!m || !u->draws)
        return NAN;
    d = u->draws + DCELL(u, unit, year, u->track_of[node]) * u->N;
    if (!m)
        return NAN;
    h = (double)(m - 1) * q;
    lo = (size_t)floor(h);
    return lo + 1 >= m ? d[m - 1] : d[lo] + (h - (double)lo) * (d[lo + 1] - d[lo]);
}

/* The i-th smallest rank (0-based) among the present ones. */
static double rank_at(const uint32_t *h, size_t n, size_t i)
{
    size_t r, seen = 0;
    for (r = 1; r <= n; r++) {
        seen += h[r];
        if (seen > i)
            return (double)r;
    }
    return NAN;
}

double govidx_uncertainty_rank_quantile(const govidx_uncertainty *u, size_t unit, size_t year, size_t node, double q)
{
    size_t cl, m, lo;
    const uint32_t *h;
    double hq, a, b;
    if (!tcell(u, unit, year, node, &cl) || !(q >= 0.0 && q <= 1.0))
        return NAN;
    h = u->hist + cl * (u->n_units + 1);
    m = u->N - h[0];
    if (!m)
        return NAN;
    hq = (double)(m - 1) * q;
    lo = (size_t)floor(hq);
    a = rank_at(h, u->n_units, lo);
    if (lo + 1 >= m)
        return a;
    b = rank_at(h, u->n_units, lo + 1);
    return a + (hq - (double)lo) * (b - a);
}

double govidx_uncertainty_mean_score(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    size_t cl;
    return tcell(u, unit, year, node, &cl) ? u->mean[cl] : NAN;
}

double govidx_uncertainty_mean_rank(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    const uint32_t *h;
    double sum = 0.0;
    size_t r, m = 0, cl;
    if (!tcell(u, unit, year, node, &cl))
        return NAN;
    h = u->hist + cl * (u->n_units + 1);
    for (r = 1; r <= u->n_units; r++) {
        sum += (double)h[r] * (double)r;
        m += h[r];
    }
    return m ? sum / (double)m : NAN;
}

double govidx_uncertainty_mean_abs_rank_shift(const govidx_uncertainty *u, size_t unit, size_t year, size_t node)
{
    const uint32_t *h;
    double sum = 0.0, r0;
    size_t r, m = 0, cl;
    if (!tcell(u, unit, year, node, &cl) || !u->nominal_rank[CELL(u, unit, year, node)])
        return NAN;
    r0 = (double)u->nominal_rank[CELL(u, unit, year, node)];
    h = u->hist + cl * (u->n_units + 1);
    for (r = 1; r <= u->n_units; r++) {
        sum += (double)h[r] * fabs((double)r - r0);
        m += h[r];
    }
    return m ? sum / (double)m : NAN;
}

size_t govidx_uncertainty_n_inputs(const govidx_uncertainty *u)
{
    return u && u->has_sobol ? u->n_inputs : 0;
}

const char *govidx_uncertainty_input_code(const govidx_uncertainty *u, size_t input)
{
    return u && u->has_sobol && input < u->n_inputs ? u->input_codes[input] : NULL;
}

int govidx_uncertainty_sobol(double *out, const govidx_uncertainty *u, size_t unit, size_t year, size_t node,
                             size_t input)
{
    size_t r;
    if (!out || !u)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_sobol: NULL argument");
    if (!u->has_sobol)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: the run was made without sobol set");
    if (unit == (size_t)-1)
        unit = u->n_units;
    if (unit > u->n_units || year >= u->n_years || input >= u->n_inputs)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_sobol: unit, year or input out of range");
    for (r = 0; r < u->n_roots && u->roots[r] != node; r++)
        ;
    if (r == u->n_roots)
        return govidx__fail(GOVIDX_EINVAL, "uncertainty: Sobol indices are computed for root nodes; node %zu is not one",
                            node);
    memcpy(out, u->sobol + (((year * u->n_roots + r) * (u->n_units + 1) + unit) * u->n_inputs + input) * 6,
           6 * sizeof *out);
    return GOVIDX_OK;
}

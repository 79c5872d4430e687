/*
 * lib/composite/aggregate.c - aggregation of a node's children into the node score:
 * weighted arithmetic, geometric, harmonic and generalised means, TOPSIS,
 * Mazziotta-Pareto (MPI, AMPI) and Copeland.
 *
 * Sources: OECD/JRC Handbook on Constructing Composite Indicators (2008),
 * ch. 6; Hwang & Yoon (1981); De Muro, Mazziotta & Pareto (2011);
 * Mazziotta & Pareto (2016, 2022).  See docs/methods/weights-aggregation.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"

#include <math.h>
#include <string.h>

#define AT(v, i, j) ((v).data[(i) + (j) * (v).ld])

/* A row of the family's registry (GOVIDX__AGGREGATE_REGISTRY, after the
 * kernels): the shared part, the kernel (NULL: a plan method), the label of
 * messages, the power mean's exponent (NAN: aggregate.p) and the BoD variant. */
typedef struct agg_entry {
    govidx__method_row row;
    int (*kernel)(double *out, govidx_matrix_view z, const double *w, const govidx_aggregate_options *o,
                  govidx_aggregate_info *info);
    const char *label;
    double exponent;
    int bod;
} agg_entry;
static const agg_entry *agg_entry_of(int method);
static const char *method_name(govidx_aggregate_method m);

/* Present children of unit i: renormalised weights into wr; 1 when the
 * node is computable (share of present children >= min_share, present
 * weight > 0). */
static int unit_weights(double *wr, govidx_matrix_view z, size_t i, const double *w,
                        double min_share)
{
    int ok = 0;
    /* arguments were validated by the caller: cannot fail */
    govidx_weights_renormalize(wr, &ok, w, z.data + i, z.cols, z.ld, min_share);
    return ok;
}

int govidx__arithmetic_unit(double *out, const double *const *col, size_t i, const double *w, size_t m,
                            double min_share)
{
    size_t j, present = 0;
    double sum = 0.0, acc = 0.0;
    for (j = 0; j < m; j++) {
        double x = col[j][i];
        if (!isnan(x)) {
            present++;
            sum += w[j];
            acc += w[j] * x;
        }
    }
    if (!(present > 0 && (double)present >= min_share * (double)m && sum > 0.0))
        return 0;
    *out = acc / sum;
    return 1;
}

/*
 * Weighted arithmetic means: the weights renormalised over each unit's
 * present children, evaluated as sum_j w_j z_ij / sum_j w_j over the present
 * children, both sums in child order.  In blocks of units: the sums over
 * every child are accumulated child by child (contiguous reads the compiler
 * vectorises); a NaN marks a unit with a missing child, which is then done
 * unit by unit (govidx__arithmetic_unit) while the block is in cache.  For a
 * unit with every child present the two give the same number, so the result
 * does not depend on the path (plan_fused.c computes it the same way).
 */
static int arithmetic_means(double *out, govidx_matrix_view z, const double *w, const govidx_aggregate_options *o,
                            govidx_aggregate_info *info)
{
    enum { BLOCK = 512 };
    double acc[BLOCK], total = 0.0;
    const double **col = govidx__mallocarray(z.cols, sizeof *col);
    size_t i0, i, j, m = z.cols, nb;
    int rc = GOVIDX_OK;
    if (!col)
        return govidx__oom();
    for (j = 0; j < m; j++) {
        total += w[j];
        col[j] = z.data + j * z.ld;
    }
    for (i0 = 0; i0 < z.rows && rc == GOVIDX_OK; i0 += BLOCK) {
        nb = z.rows - i0 < BLOCK ? z.rows - i0 : BLOCK;
        for (i = 0; i < nb; i++)
            acc[i] = 0.0;
        for (j = 0; j < m; j++)
            govidx__kernel_axpy(acc, z.data + i0 + j * z.ld, nb, w[j]);
        for (i = 0; i < nb && rc == GOVIDX_OK; i++) {
            double v = acc[i] / total;
            if (isnan(acc[i]) && !govidx__arithmetic_unit(&v, col, i0 + i, w, m, o->min_share)) {
                out[i0 + i] = NAN; /* not available */
                info->n_missing++;
                continue;
            }
            out[i0 + i] = v;
            if (!isfinite(v))
                rc = govidx__fail(GOVIDX_ENUMERIC, "%s: the score of row %zu (0-based) overflows (p = 1)",
                                  method_name(o->method), i0 + i);
        }
    }
    govidx__free(col);
    return rc;
}

/* Power means: value of child j of unit i after the domain check/floor.
 * `strict`: the method needs z > 0 (geometric, harmonic, p < 0); otherwise
 * z >= 0 (p > 0, p != 1). */
static int power_value(double *out, double x, size_t i, size_t j, int strict,
                       const govidx_aggregate_options *o, govidx_aggregate_info *info)
{
    if (o->floor > 0.0 && x < o->floor) {
        info->n_floored++;
        *out = o->floor;
        return GOVIDX_OK;
    }
    if (strict ? !(x > 0.0) : x < 0.0)
        return govidx__fail(GOVIDX_EDOMAIN,
                            "%s: value %g of row %zu (0-based), column %zu (0-based) is %s (set a floor > 0 to raise "
                            "it)",
                            method_name(o->method), x, i, j,
                            strict ? "not positive" : "negative");
    *out = x;
    return GOVIDX_OK;
}

/* Additive scorecard: the weighted sum of the present children with the
 * weights as given (no renormalisation); a unit below min_share is missing. */
static int aggregate_sum(double *out, govidx_matrix_view z, const double *w, const govidx_aggregate_options *o,
                         govidx_aggregate_info *info)
{
    size_t i, j;
    for (i = 0; i < z.rows; i++) {
        double acc = 0.0;
        size_t present = 0;
        for (j = 0; j < z.cols; j++)
            if (!isnan(AT(z, i, j))) {
                acc += w[j] * AT(z, i, j);
                present++;
            }
        if (present == 0 || (double)present < o->min_share * (double)z.cols) {
            out[i] = NAN;
            info->n_missing++;
        } else {
            out[i] = acc;
        }
    }
    return GOVIDX_OK;
}

static int aggregate_means(double *out, govidx_matrix_view z, const double *w,
                           const govidx_aggregate_options *o, govidx_aggregate_info *info)
{
    size_t i, j, m = z.cols;
    double p = govidx__aggregate_exponent(o);
    double *wr;
    int rc = GOVIDX_OK;
    if (p == 1.0)
        return arithmetic_means(out, z, w, o, info);
    if (!(wr = govidx__mallocarray(m, sizeof *wr)))
        return govidx__oom();
    for (i = 0; i < z.rows; i++) {
        double acc = 0.0;
        if (!unit_weights(wr, z, i, w, o->min_share)) {
            out[i] = NAN;
            info->n_missing++;
            continue;
        }
        for (j = 0; j < m; j++) {
            double x = AT(z, i, j);
            if (isnan(x) || wr[j] == 0.0)
                continue; /* zero weight: the child does not take part */
            if ((rc = power_value(&x, x, i, j, p <= 0.0, o, info)) != GOVIDX_OK)
                goto done;
            if (p == 0.0)
                acc += wr[j] * log(x);
            else if (p == -1.0)
                acc += wr[j] / x;
            else
                acc += wr[j] * pow(x, p);
        }
        out[i] = p == 0.0 ? exp(acc) : p == -1.0 ? 1.0 / acc : pow(acc, 1.0 / p);
        if (!isfinite(out[i])) { /* e.g. z^p overflowing for a large p */
            rc = govidx__fail(GOVIDX_ENUMERIC, "%s: the score of row %zu (0-based) overflows (p = %g)",
                              method_name(o->method), i, p);
            goto done;
        }
    }
done:
    govidx__free(wr);
    return rc;
}

/* TOPSIS (Hwang & Yoon 1981) on vector-normalised columns r_ij = z_ij /
 * sqrt(sum_i z_ij^2), v_ij = w_j r_ij with the node's weights scaled to
 * sum 1; ideal A+ = column max (min for cost), anti-ideal A- the other end;
 * closeness S- / (S+ + S-) over the unit's present children. */
static int aggregate_topsis(double *out, govidx_matrix_view z, const double *w,
                            const govidx_aggregate_options *o, govidx_aggregate_info *info)
{
    size_t i, j, m = z.cols;
    double *norm = govidx__mallocarray(m, sizeof *norm);
    double *best = govidx__mallocarray(m, sizeof *best);
    double *worst = govidx__mallocarray(m, sizeof *worst);
    double *wr = govidx__mallocarray(m, sizeof *wr);
    double wsum = 0.0;
    int rc = GOVIDX_OK;
    if (!norm || !best || !worst || !wr) {
        rc = govidx__oom();
        goto done;
    }
    for (j = 0; j < m; j++)
        wsum += w[j];
    for (j = 0; j < m; j++) {
        double ss = 0.0, hi = -INFINITY, lo = INFINITY;
        size_t n = 0;
        norm[j] = 1.0; /* a zero-weight child takes no part: v = 0 throughout */
        best[j] = worst[j] = 0.0;
        if (w[j] == 0.0)
            continue;
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (isnan(x))
                continue;
            if (x < 0.0) {
                rc = govidx__fail(GOVIDX_EDOMAIN,
                                  "TOPSIS: value %g of row %zu (0-based), column %zu (0-based) is negative", x, i, j);
                goto done;
            }
            ss += x * x;
            hi = fmax(hi, x);
            lo = fmin(lo, x);
            n++;
        }
        if (n == 0 || !(ss > 0.0)) {
            rc = govidx__fail(GOVIDX_ENUMERIC, "TOPSIS: column %zu (0-based) is %s", j,
                              n == 0 ? "missing for every unit" : "zero for every unit");
            goto done;
        }
        norm[j] = sqrt(ss);
        hi = w[j] / wsum * hi / norm[j];
        lo = w[j] / wsum * lo / norm[j];
        if (o->directions && o->directions[j] < 0) {
            best[j] = lo;
            worst[j] = hi;
        } else {
            best[j] = hi;
            worst[j] = lo;
        }
    }
    for (i = 0; i < z.rows; i++) {
        double sp = 0.0, sm = 0.0;
        if (!unit_weights(wr, z, i, w, o->min_share)) {
            out[i] = NAN;
            info->n_missing++;
            continue;
        }
        for (j = 0; j < m; j++) {
            double x = AT(z, i, j), v;
            if (isnan(x))
                continue;
            v = w[j] / wsum * x / norm[j];
            sp += (v - best[j]) * (v - best[j]);
            sm += (v - worst[j]) * (v - worst[j]);
        }
        sp = sqrt(sp);
        sm = sqrt(sm);
        if (!(sp + sm > 0.0)) {
            rc = govidx__fail(GOVIDX_ENUMERIC,
                              "TOPSIS: row %zu (0-based) is both ideal and anti-ideal (its children do not "
                              "vary across units)",
                              i);
            goto done;
        }
        out[i] = sm / (sp + sm);
    }
done:
    govidx__free(norm);
    govidx__free(best);
    govidx__free(worst);
    govidx__free(wr);
    return rc;
}

/* MPI (De Muro, Mazziotta & Pareto 2011) and AMPI (Mazziotta & Pareto 2016):
 * rescale each column, then per unit M - S cv (positive phenomenon) or
 * M + S cv (negative), with M and S the unit's weighted mean and weighted
 * population SD over its present children (Mazziotta & Pareto 2022; equal
 * weights give the original index). */
static int aggregate_mpi(double *out, govidx_matrix_view z, const double *w,
                         const govidx_aggregate_options *o, govidx_aggregate_info *info)
{
    size_t i, j, m = z.cols;
    unsigned caps = agg_entry_of(o->method)->row.caps;
    int adjusted = (caps & GOVIDX__CAP_AMPI) != 0;
    int negative = (caps & GOVIDX__CAP_NEGATIVE_PHENOMENON) != 0;
    double *a = govidx__mallocarray(m, sizeof *a); /* rescaled = a_j + b_j x */
    double *b = govidx__mallocarray(m, sizeof *b);
    double *wr = govidx__mallocarray(m, sizeof *wr);
    int rc = GOVIDX_OK;
    if (!a || !b || !wr) {
        rc = govidx__oom();
        goto done;
    }
    for (j = 0; j < m; j++) {
        double sign = o->directions && o->directions[j] < 0 ? -1.0 : 1.0;
        double mean = 0.0, ss = 0.0, lo = INFINITY, hi = -INFINITY, gmin, gmax;
        size_t n = 0;
        a[j] = b[j] = 0.0;
        if (w[j] == 0.0)
            continue; /* a zero-weight child takes no part */
        for (i = 0; i < z.rows; i++) {
            double x = AT(z, i, j);
            if (!isnan(x)) {
                mean += x;
                lo = fmin(lo, x);
                hi = fmax(hi, x);
                n++;
            }
        }
        if (n == 0) {
            rc = govidx__fail(GOVIDX_EMISSING, "%s: column %zu (0-based) is missing for every unit",
                              method_name(o->method), j);
            goto done;
        }
        mean /= (double)n;
        if (!adjusted) {
            double sd;
            for (i = 0; i < z.rows; i++) {
                double x = AT(z, i, j);
                if (!isnan(x))
                    ss += (x - mean) * (x - mean);
            }
            sd = sqrt(ss / (double)n); /* population SD, as De Muro et al. 2011 */
            if (!(sd > 1e-13 * fmax(fabs(lo), fabs(hi)))) {
                rc = govidx__fail(GOVIDX_ENUMERIC, "%s: column %zu (0-based) has zero variance",
                                  method_name(o->method), j);
                goto done;
            }
            /* z = 100 +- 10 (x - mean) / sd */
            b[j] = sign * 10.0 / sd;
            a[j] = 100.0 - b[j] * mean;
            continue;
        }
        if (o->ampi_min) {
            gmin = o->ampi_min[j];
            gmax = o->ampi_max[j];
        } else {
            /* reference = mean, goalposts = reference -+ half the range */
            double delta = 0.5 * (hi - lo);
            gmin = mean - delta;
            gmax = mean + delta;
        }
        if (!(gmax - gmin > 0.0) || !isfinite(gmax - gmin)) {
            rc = govidx__fail(GOVIDX_ENUMERIC, "%s: column %zu (0-based) has goalposts [%g, %g] of zero width",
                              method_name(o->method), j, gmin, gmax);
            goto done;
        }
        /* r = 70 + 60 (x - Min) / (Max - Min), reflected for cost children */
        if (sign > 0) {
            b[j] = 60.0 / (gmax - gmin);
            a[j] = 70.0 - b[j] * gmin;
        } else {
            b[j] = -60.0 / (gmax - gmin);
            a[j] = 70.0 + 60.0 * gmax / (gmax - gmin);
        }
    }
    for (i = 0; i < z.rows; i++) {
        double mu = 0.0, var = 0.0, s, cv;
        if (!unit_weights(wr, z, i, w, o->min_share)) {
            out[i] = NAN;
            info->n_missing++;
            continue;
        }
        for (j = 0; j < m; j++)
            if (wr[j] > 0.0)
                mu += wr[j] * (a[j] + b[j] * AT(z, i, j));
        for (j = 0; j < m; j++)
            if (wr[j] > 0.0) {
                double d = a[j] + b[j] * AT(z, i, j) - mu;
                var += wr[j] * d * d;
            }
        if (!(mu > 0.0)) {
            rc = govidx__fail(GOVIDX_ENUMERIC,
                              "%s: row %zu (0-based) has mean rescaled value %g <= 0 (CV undefined)",
                              method_name(o->method), i, mu);
            goto done;
        }
        s = sqrt(var);
        cv = s / mu;
        out[i] = negative ? mu + s * cv : mu - s * cv;
    }
done:
    govidx__free(a);
    govidx__free(b);
    govidx__free(wr);
    return rc;
}

/* Copeland: unit i beats unit k when the weight of the children on which
 * z_i > z_k exceeds the weight of those on which z_i < z_k; children
 * missing for either unit are skipped (comparisons with NaN are false).
 * Score = wins - losses.  O(n^2 m) time, O(n) memory: for each unit i the
 * net weighted margin over every later unit k is accumulated column by
 * column in a contiguous, branch-free loop (about 0.1 s for 2,000 units x
 * 50 children at -O2). */
/* net[k] += w (z > col[k]) - w (z < col[k]) for k < len: the hot loop of
 * Copeland.  Written as compare-and-select so the compiler vectorises it;
 * quiet comparisons cannot trap, so trapping-math is off here, and on
 * x86-64 an AVX2 clone is chosen at load time when the CPU has it.  The
 * sum per pair is the same in every clone (one term per child, in order),
 * so results are bit-identical. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("avx2", "default"), optimize("O3", "no-trapping-math")))
#elif defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("O3", "no-trapping-math")))
#endif
static void copeland_margin(double *restrict net, const double *restrict col, double z, double w, size_t len)
{
    size_t k;
    for (k = 0; k < len; k++) {
        double c = col[k];
        net[k] += (z > c ? w : 0.0) - (z < c ? w : 0.0);
    }
}

static int aggregate_copeland(double *out, govidx_matrix_view z, const double *w,
                              const govidx_aggregate_options *o, govidx_aggregate_info *info)
{
    size_t n = z.rows, m = z.cols, i, j, k;
    double *net = govidx__mallocarray(n, sizeof *net);
    double *wr = govidx__mallocarray(m, sizeof *wr);
    unsigned char *ok = govidx__mallocarray(n, 1);
    double wsum = 0.0, tol;
    int rc = GOVIDX_OK;
    if (!net || !wr || !ok) {
        rc = govidx__oom();
        goto done;
    }
    for (j = 0; j < m; j++)
        wsum += w[j];
    tol = 1e-12 * wsum; /* equal sums of different weights must tie */
    for (i = 0; i < n; i++) {
        ok[i] = (unsigned char)unit_weights(wr, z, i, w, o->min_share);
        out[i] = ok[i] ? 0.0 : NAN;
        if (!ok[i])
            info->n_missing++;
    }
    for (i = 0; i + 1 < n; i++) {
        if (!ok[i])
            continue;
        memset(net + i + 1, 0, (n - i - 1) * sizeof *net);
        for (j = 0; j < m; j++) {
            const double *col = z.data + j * z.ld;
            double zi = col[i], wj = w[j];
            if (isnan(zi) || wj == 0.0)
                continue;
            copeland_margin(net + i + 1, col + i + 1, zi, wj, n - i - 1);
        }
        for (k = i + 1; k < n; k++) {
            if (!ok[k])
                continue;
            if (net[k] > tol) {
                out[i] += 1.0;
                out[k] -= 1.0;
            } else if (net[k] < -tol) {
                out[i] -= 1.0;
                out[k] += 1.0;
            }
        }
    }
done:
    govidx__free(net);
    govidx__free(wr);
    govidx__free(ok);
    return rc;
}

GOVIDX__VERSIONS_1(aggregate_options_versions, govidx_aggregate_options, "aggregation options",
                   GOVIDX_AGGREGATE_OPTIONS_INIT, ampi_max);
GOVIDX__VERSIONS_1(aggregate_info_versions, govidx_aggregate_info, "aggregation info", GOVIDX_AGGREGATE_INFO_INIT,
                   n_missing);

/* The registry of the aggregation family: one row per spec name (the first
 * row of a method gives its canonical name; "generalised", the British
 * spelling shipped in specs and docs, is an alias), read by the spec parser
 * (aggregate.method, method.c), the name functions, the plan (plan.c,
 * execute.c) and `govidx compute --help`.  A row: name, enum, kernel (NULL:
 * a plan method, DEA over the whole panel), label for messages, the power
 * mean's exponent (NAN: aggregate.p; unused by the others), the BoD variant
 * (0: none, 1 radial, 2 directional, 3 robust order-m), the spec keys it
 * reads beyond aggregate.method, capabilities (GOVIDX__CAP_*). */
#define AGG_BOD "aggregate.bod_share_min,aggregate.bod_share_max"
#define AGG_POWER "aggregate.min_share,aggregate.floor"
#define GOVIDX__AGGREGATE_REGISTRY(X)                                                                          \
    X("arithmetic", GOVIDX_AGG_ARITHMETIC, aggregate_means, "arithmetic mean", 1.0, 0, "aggregate.min_share",  \
      GOVIDX__CAP_LINEAR | GOVIDX__CAP_CLOSED_SPLIT)                                                                                      \
    X("geometric", GOVIDX_AGG_GEOMETRIC, aggregate_means, "geometric mean", 0.0, 0, AGG_POWER,                \
      GOVIDX__CAP_POWER_MEAN | GOVIDX__CAP_POSITIVE | GOVIDX__CAP_CLOSED_SPLIT)                                                           \
    X("harmonic", GOVIDX_AGG_HARMONIC, aggregate_means, "harmonic mean", -1.0, 0, AGG_POWER,                  \
      GOVIDX__CAP_POWER_MEAN | GOVIDX__CAP_POSITIVE)                                                           \
    X("generalized", GOVIDX_AGG_GENERALIZED, aggregate_means, "generalised mean", NAN, 0,                     \
      AGG_POWER ",aggregate.p", GOVIDX__CAP_POWER_MEAN | GOVIDX__CAP_CLOSED_SPLIT)                            \
    X("topsis", GOVIDX_AGG_TOPSIS, aggregate_topsis, "TOPSIS", NAN, 0, "aggregate.min_share", 0)               \
    X("mpi", GOVIDX_AGG_MPI, aggregate_mpi, "MPI", NAN, 0, "aggregate.min_share", 0)                           \
    X("mpi-negative", GOVIDX_AGG_MPI_NEGATIVE, aggregate_mpi, "MPI (negative)", NAN, 0, "aggregate.min_share", \
      GOVIDX__CAP_NEGATIVE_PHENOMENON)                                                                         \
    X("ampi", GOVIDX_AGG_AMPI, aggregate_mpi, "AMPI", NAN, 0, "aggregate.min_share", GOVIDX__CAP_AMPI)         \
    X("ampi-negative", GOVIDX_AGG_AMPI_NEGATIVE, aggregate_mpi, "AMPI (negative)", NAN, 0,                    \
      "aggregate.min_share", GOVIDX__CAP_AMPI | GOVIDX__CAP_NEGATIVE_PHENOMENON)                               \
    X("copeland", GOVIDX_AGG_COPELAND, aggregate_copeland, "Copeland", NAN, 0, "aggregate.min_share", 0)       \
    X("sum", GOVIDX_AGG_SUM, aggregate_sum, "weighted sum", NAN, 0, "aggregate.min_share", GOVIDX__CAP_LINEAR) \
    X("bod", GOVIDX_AGG_BOD, NULL, "benefit of the doubt", NAN, 1, AGG_BOD, GOVIDX__CAP_PLAN_ONLY)             \
    X("bod-directional", GOVIDX_AGG_BOD_DIRECTIONAL, NULL, "benefit of the doubt", NAN, 2, AGG_BOD,            \
      GOVIDX__CAP_PLAN_ONLY)                                                                                   \
    X("bod-robust", GOVIDX_AGG_BOD_ROBUST, NULL, "benefit of the doubt", NAN, 3,                               \
      AGG_BOD ",aggregate.bod_m", GOVIDX__CAP_PLAN_ONLY)                                                       \
    X("generalised", GOVIDX_AGG_GENERALIZED, aggregate_means, "generalised mean", NAN, 0,                     \
      AGG_POWER ",aggregate.p", GOVIDX__CAP_POWER_MEAN | GOVIDX__CAP_CLOSED_SPLIT)

#define AGG_ROW(name, method, kernel, label, exponent, bod, params, caps) \
    {{name, method, params, caps}, kernel, label, exponent, bod},
static const agg_entry agg_registry[] = {GOVIDX__AGGREGATE_REGISTRY(AGG_ROW)};
#define AGG_NAME(name, method, kernel, label, exponent, bod, params, caps) {name, method},
static const govidx__name aggregate_name_table[] = {GOVIDX__AGGREGATE_REGISTRY(AGG_NAME)};
GOVIDX__NAMES(govidx__aggregate_names, "aggregation method", aggregate_name_table);

GOVIDX__NAME_FUNCTIONS(govidx_aggregate_method, govidx_aggregate_method, govidx__aggregate_names)

static const agg_entry *agg_entry_of(int method)
{
    size_t k;
    for (k = 0; k < sizeof agg_registry / sizeof agg_registry[0]; k++)
        if (agg_registry[k].row.value == method)
            return &agg_registry[k];
    return NULL;
}

const govidx__method_row *govidx__aggregate_row(int method)
{
    const agg_entry *e = agg_entry_of(method);
    return e ? &e->row : &govidx__no_method_row;
}

double govidx__aggregate_exponent(const govidx_aggregate_options *o)
{
    const agg_entry *e = agg_entry_of(o->method);
    return e && !isnan(e->exponent) ? e->exponent : o->p;
}

int govidx__aggregate_bod(int method)
{
    const agg_entry *e = agg_entry_of(method);
    return e ? e->bod : 0;
}

/* Human-readable names for error messages. */
static const char *method_name(govidx_aggregate_method m)
{
    const agg_entry *e = agg_entry_of(m);
    return e ? e->label : "aggregation";
}

int govidx_aggregate_options_init(govidx_aggregate_options *opts, unsigned version)
{
    return govidx__versioned_init(&aggregate_options_versions, opts, version);
}

int govidx_aggregate_info_init(govidx_aggregate_info *info, unsigned version)
{
    return govidx__versioned_init(&aggregate_info_versions, info, version);
}

int govidx_aggregate(double *out, govidx_aggregate_info *info, govidx_matrix_view z,
                     const double *w, const govidx_aggregate_options *opts)
{
    return govidx__aggregate(out, z, w, opts, info, 1);
}

int govidx__aggregate(double *out, govidx_matrix_view z, const double *w, const govidx_aggregate_options *opts,
                      govidx_aggregate_info *info, int check_values)
{
    govidx_aggregate_options copy;
    govidx_aggregate_info res = GOVIDX_AGGREGATE_INFO_INIT; /* current layout; the caller's gets its version's part */
    const agg_entry *entry;
    size_t j;
    double wsum = 0.0;
    int rc;

    if (!out || !w)
        return govidx__fail(GOVIDX_EINVAL, "aggregate: NULL argument");
    if ((rc = govidx__versioned_read(&aggregate_options_versions, &copy, opts)))
        return rc;
    opts = &copy;
    if (info && (rc = govidx__versioned_check(&aggregate_info_versions, info->version)))
        return rc;
    entry = agg_entry_of(opts->method);
    if (entry && (entry->row.caps & GOVIDX__CAP_PLAN_ONLY))
        return govidx__fail(GOVIDX_EINVAL, "aggregate: %s needs DEA over the whole panel: use a plan",
                            govidx_aggregate_method_name(opts->method));
    if (!entry)
        return govidx__fail(GOVIDX_EINVAL, "aggregate: unknown method %d", (int)opts->method);
    if (!isfinite(opts->p) || !isfinite(opts->floor) || opts->floor < 0.0)
        return govidx__fail(GOVIDX_EINVAL, "aggregate: p = %g and floor = %g must be finite, "
                                           "floor >= 0",
                            opts->p, opts->floor);
    if (!(opts->min_share >= 0.0 && opts->min_share <= 1.0))
        return govidx__fail(GOVIDX_EINVAL, "aggregate: min_share %g outside [0, 1]",
                            opts->min_share);
    if ((opts->ampi_min == NULL) != (opts->ampi_max == NULL))
        return govidx__fail(GOVIDX_EINVAL, "aggregate: give both AMPI goalpost arrays or neither");
    if ((rc = check_values ? govidx_matrix_check_finite(z, 1) : govidx_matrix_check(z)) != GOVIDX_OK)
        return govidx__fail_context(rc, "%s", method_name(opts->method));
    for (j = 0; j < z.cols; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            return govidx__fail(GOVIDX_EINVAL, "%s: weight of column %zu (0-based) is %g",
                                method_name(opts->method), j, w[j]);
        if (opts->directions && opts->directions[j] != 1 && opts->directions[j] != -1)
            return govidx__fail(GOVIDX_EINVAL, "%s: direction of column %zu (0-based) is %d, not +1 or -1",
                                method_name(opts->method), j, opts->directions[j]);
        if (opts->ampi_min && (!isfinite(opts->ampi_min[j]) || !isfinite(opts->ampi_max[j])))
            return govidx__fail(GOVIDX_EINVAL, "%s: AMPI goalposts of column %zu (0-based) are not finite",
                                method_name(opts->method), j);
        wsum += w[j];
    }
    if (!(wsum > 0.0) || !isfinite(wsum))
        return govidx__fail(GOVIDX_EINVAL, "%s: the weights sum to %g", method_name(opts->method),
                            wsum);

    rc = entry->kernel(out, z, w, opts, &res);
    /* the counts so far, on failure too (as before); the version was checked above */
    if (info)
        govidx__versioned_write(&aggregate_info_versions, info, &res);
    return rc;
}

/*
 * lib/dea/dea_bod_frame.c - radial benefit of the doubt without weight
 * restrictions on the DEA frame (govidx__dea_bod_radial)
 * (types and shared functions: dea_engine.h; method: lib/dea/dea.c).
 * SPDX-License-Identifier: MIT
 */
#include "dea_engine.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- benefit of the doubt on the DEA engine ----------------------------------- */

/* For the units idx[0..k-1] with candidate weights u (unit-major, u[t * s +
 * j]): mx[t] = max over every unit of u_t'z and own[t] = u_t'z of the unit
 * itself, both from the same BLAS product, blocks of 64 units at a time. */
/* A candidate w proves CI_k = 1 for every unit k with w'z_k >= (1 - BOD_CERT)
 * max_l w'z_l (then 1 - BOD_CERT <= CI_k <= 1). */
#define BOD_CERT 1e-10

/* As weight_max, and every unit k not settled yet (status[k] < 0) that the
 * weights of some idx[t] prove efficient is settled: CI 1, those weights. */
typedef struct bod_settle {
    int *status;
    double *ci, *weights;
    size_t settled;
} bod_settle;

static int weight_max(double *mx, double *own, size_t *arg, const dea_data *d, const double *u,
                      const size_t *idx, size_t k, bod_settle *st)
{
    size_t n = d->n, s = d->s, blk = 64, b0, t, i;
    double *prod = govidx__mallocarray(n * blk, sizeof *prod);
    if (!prod)
        return govidx__oom();
    for (b0 = 0; b0 < k; b0 += blk) {
        size_t nb = k - b0 < blk ? k - b0 : blk;
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)nb, (int)s, 1.0, d->y,
                    (int)n, u + b0 * s, (int)s, 0.0, prod, (int)n);
        for (t = 0; t < nb; t++) {
            const double *col = prod + t * n;
            double m = 0.0;
            size_t am = 0;
            for (i = 0; i < n; i++)
                if (col[i] > m) {
                    m = col[i];
                    am = i;
                }
            mx[b0 + t] = m;
            if (arg)
                arg[b0 + t] = am;
            own[b0 + t] = col[idx[b0 + t]];
            if (st && m > 0.0 && m <= DBL_MAX) /* an overflowed product proves nothing */
                for (i = 0; i < n; i++)
                    if (st->status[i] < 0 && col[i] >= (1.0 - BOD_CERT) * m) {
                        size_t j;
                        st->status[i] = GOVIDX_DEA_OPTIMAL;
                        st->ci[i] = 1.0;
                        if (st->weights)
                            for (j = 0; j < s; j++)
                                st->weights[i + j * n] = u[(b0 + t) * s + j] / m;
                        st->settled++;
                    }
        }
    }
    govidx__free(prod);
    return GOVIDX_OK;
}

/* Rounds and step of the certificate search below: on 2,000 x 60 lognormal
 * indicators it leaves about 50 of the 850 units the fixed candidates do
 * not settle (23 of them inefficient) in 0.2 s of CPU (bench/bench_bod.c). */
#define BOD_SEARCH_ROUNDS 100
#define BOD_SEARCH_STEP 0.5

/*
 * 1b. For the units left[0..*nleft-1] the fixed candidates did not settle,
 * search for weights that put the unit o at the maximum, as a game against
 * the unit k at the maximum of w'z: multiplicative weights (Freund &
 * Schapire 1999, Games and Economic Behavior 29:79-103),
 *     w_j <- w_j exp(BOD_SEARCH_STEP (z_oj - z_kj) / c_j),
 * from the q = 4 candidate.  Any weights found are checked exactly as in 1.
 * (weight_max), so the search only decides which units still need an LP;
 * it runs on one thread in a fixed order, so the results do not depend on
 * the number of threads.  u holds s weights per unit left; *nleft shrinks
 * to the units still unsettled.
 */
static int search_certificates(const dea_data *d, double *u, double *mx, double *own, const double *cmax,
                               size_t *left, size_t *nleft, bod_settle *st)
{
    size_t n = d->n, s = d->s, t, j, k, round, *arg;
    int rc = GOVIDX_OK;
    if (*nleft == 0)
        return GOVIDX_OK;
    arg = govidx__mallocarray(*nleft, sizeof *arg);
    if (!arg)
        return govidx__oom();
    for (t = 0; t < *nleft; t++)
        for (j = 0; j < s; j++)
            u[t * s + j] = cmax[j] > 0.0 ? pow(d->y[left[t] + j * n] / cmax[j], 4) / cmax[j] : 0.0;
    for (round = 0; round < BOD_SEARCH_ROUNDS && *nleft > 0; round++) {
        /* round 0 finds the unit at the maximum of the q = 4 candidate */
        for (t = 0; round > 0 && t < *nleft; t++) {
            size_t o = left[t], a = arg[t];
            double big = 0.0;
            for (j = 0; j < s; j++)
                if (cmax[j] > 0.0) {
                    u[t * s + j] *= exp(BOD_SEARCH_STEP * (d->y[o + j * n] - d->y[a + j * n]) / cmax[j]);
                    big = u[t * s + j] > big ? u[t * s + j] : big;
                }
            /* the test is scale-free: keep the largest weight 1, so 100
             * rounds of growth or decay never overflow or vanish */
            for (j = 0; big > 0.0 && j < s; j++)
                u[t * s + j] /= big;
        }
        if ((rc = weight_max(mx, own, arg, d, u, left, *nleft, st)))
            break;
        for (t = 0, k = 0; t < *nleft; t++)
            if (st->status[left[t]] < 0) {
                if (k != t) {
                    memmove(u + k * s, u + t * s, s * sizeof *u);
                    arg[k] = arg[t];
                }
                left[k++] = left[t];
            }
        *nleft = k;
    }
    govidx__free(arg);
    return rc;
}

/*
 * Radial BoD without weight restrictions is the input-oriented CRS model with
 * one unit input and the indicators as outputs (its multiplier form is
 * max u'z_o s.t. u'z_k <= v, v = 1), so it runs on the DEA engine.
 *  1. Certificates: CI_o <= 1 always (the constraint of o itself), so any
 *     w >= 0 with w'z_o = max_k w'z_k > 0 proves CI_o = 1 exactly.  The
 *     candidates w_j = (z_oj / c_j)^q / c_j (c_j the largest value of
 *     indicator j; q = 1, 2, 3, 4) settle most efficient units with a
 *     matrix product and no LP.  A unit within BOD_CERT of the maximum is
 *     settled too (its CI is in [1 - 1e-10, 1]).  Then a multiplicative-
 *     weights search (search_certificates) finds certificates for most of
 *     the efficient units still left.
 *  2. Every other unit gets the envelopment LP (1 + m rows) from a base of
 *     the best unit on each indicator, pricing all n units with its duals
 *     until no reduced cost is below -DEA_PRICE_TOL (so its optimum is that
 *     of the LP over all units), at Clp tolerances 1e-10.
 *  3. The output-row duals u are the weights; dividing by M = max_k u'z_k
 *     over every unit makes them exactly feasible, so CI_o = u'z_o / M is
 *     the value of a feasible point: never above the optimum.  A unit whose
 *     LP optimum and CI are both within 1e-9 of 1 is reported as 1.  The
 *     LP weights of each batch also settle (as in 1.) the units they prove
 *     efficient, which then need no LP.
 */
int govidx__dea_bod_radial(double *ci, double *weights, int *status, govidx_matrix_view Z,
                           unsigned threads)
{
    dea_data d;
    size_t n = Z.rows, s = Z.cols, i, j, t, nbase = 0, nleft = 0, *base = NULL, *left = NULL;
    size_t *all = NULL;
    double *u = NULL, *mx = NULL, *own = NULL, *theta = NULL, *cmax = NULL;
    int *lst = NULL, q, rc;
    size_t done, batch;
    bod_settle settle;
    job jb;

    memset(&d, 0, sizeof d);
    if (s + 1 > DEA_MAXDIM)
        return govidx__fail(GOVIDX_EDIM, "BoD: at most %d indicators are supported", DEA_MAXDIM - 1);
    d.n = n;
    d.m = 1;
    d.s = s;
    d.x = govidx__mallocarray(n, sizeof *d.x);
    d.y = govidx__mallocarray(n * s, sizeof *d.y);
    d.sumxy = govidx__calloc(n, sizeof *d.sumxy);
    left = govidx__mallocarray(n, sizeof *left);
    all = govidx__mallocarray(n, sizeof *all);
    u = govidx__calloc(n * s, sizeof *u);
    mx = govidx__mallocarray(n, sizeof *mx);
    own = govidx__mallocarray(n, sizeof *own);
    theta = govidx__mallocarray(n, sizeof *theta);
    cmax = govidx__calloc(s, sizeof *cmax);
    lst = govidx__mallocarray(n, sizeof *lst);
    base = govidx__mallocarray(s + 1, sizeof *base);
    if (!d.x || !d.y || !d.sumxy || !left || !all || !u || !mx || !own || !theta || !cmax ||
        !lst || !base) {
        rc = govidx__oom();
        goto out;
    }
    for (i = 0; i < n; i++) {
        d.x[i] = 1.0;
        all[i] = i;
        status[i] = -1; /* not settled yet */
    }
    for (j = 0; j < s; j++)
        for (i = 0; i < n; i++) {
            double v = Z.data[i + j * Z.ld];
            d.y[i + j * n] = v;
            if (v > cmax[j])
                cmax[j] = v;
        }
    settle.status = status;
    settle.ci = ci;
    settle.weights = weights;
    settle.settled = 0;
    /* 1. certificates of efficiency */
    for (i = 0; i < n; i++)
        left[nleft++] = i;
    for (q = 1; q <= 4 && nleft > 0; q++) {
        size_t k = 0;
        for (t = 0; t < nleft; t++)
            for (j = 0; j < s; j++)
                u[t * s + j] = cmax[j] > 0.0 ? pow(d.y[left[t] + j * n] / cmax[j], q) / cmax[j] : 0.0;
        if ((rc = weight_max(mx, own, NULL, &d, u, left, nleft, &settle)))
            goto out;
        for (t = 0; t < nleft; t++)
            if (status[left[t]] < 0)
                left[k++] = left[t];
        nleft = k;
    }
    if ((rc = search_certificates(&d, u, mx, own, cmax, left, &nleft, &settle)))
        goto out;
    if (nleft == 0) {
        rc = GOVIDX_OK;
        goto out;
    }
    /* 2. the LPs, from the best unit on each indicator (each is efficient:
     * weight on that indicator alone) */
    for (j = 0; j < s; j++) {
        size_t best = 0, b;
        for (i = 1; i < n; i++)
            if (d.y[i + j * n] > d.y[best + j * n])
                best = i;
        for (b = 0; b < nbase && base[b] != best; b++)
            ;
        if (b == nbase)
            base[nbase++] = best;
    }
    if (threads == 0)
        threads = 1;
    /* 2-3 in batches of units in order: each LP's optimal weights also
     * prove efficient every unit they put at the maximum, and those units
     * need no LP (the batches, hence the results, do not depend on threads) */
    batch = 2 * DEA_CHUNK;
    for (done = 0; done < nleft; done += batch) {
        size_t nb = 0, k;
        for (k = done; k < nleft && nb < batch; k++)
            if (status[left[k]] < 0)
                left[done + nb++] = left[k];
        /* compact: the rest of left follows the batch */
        {
            size_t w0 = done + nb;
            for (; k < nleft; k++)
                if (status[left[k]] < 0)
                    left[w0++] = left[k];
            nleft = w0;
        }
        if (nb == 0)
            break;
        memset(&jb, 0, sizeof jb);
        jb.tech = &d;
        jb.pts = &d;
        jb.ref = base;
        jb.nref = nbase;
        jb.targets = left + done;
        jb.ntargets = nb;
        jb.self_in_tech = 1;
        jb.universe = all;
        jb.nuniverse = n;
        jb.price_all = 1;
        jb.spec.rts = GOVIDX_DEA_CRS;
        jb.spec.orient = GOVIDX_DEA_INPUT;
        jb.spec.score_only = 1;
        jb.spec.eps = 1e-9;
        jb.spec.tol = 1e-10;
        jb.score = theta;
        jb.status = lst;
        jb.duals = u; /* target-major: u[t * s + j] */
        if ((rc = job_run(&jb, threads, NULL)))
            goto out;
        for (t = 0; t < nb; t++) /* the batch's own units are settled by their LP */
            status[left[done + t]] = GOVIDX_DEA_FAILED;
        if ((rc = weight_max(mx, own, NULL, &d, u, left + done, nb, &settle)))
            goto out;
        for (t = 0; t < nb; t++) {
            size_t o = left[done + t];
            status[o] = lst[t];
            if (lst[t] != GOVIDX_DEA_OPTIMAL) {
                ci[o] = NAN;
                if (weights)
                    for (j = 0; j < s; j++)
                        weights[o + j * n] = NAN;
                continue;
            }
            if (!(mx[t] > 0.0)) { /* an all-zero unit: CI 0, weights 0 */
                ci[o] = 0.0;
                if (weights)
                    for (j = 0; j < s; j++)
                        weights[o + j * n] = 0.0;
                continue;
            }
            ci[o] = own[t] / mx[t];
            if (ci[o] > 1.0 - 1e-9 && theta[t] > 1.0 - 1e-9)
                ci[o] = 1.0;
            if (weights)
                for (j = 0; j < s; j++)
                    weights[o + j * n] = u[t * s + j] / mx[t];
        }
    }
    rc = GOVIDX_OK;
out:
    data_free(&d);
    govidx__free(base);
    govidx__free(left);
    govidx__free(all);
    govidx__free(u);
    govidx__free(mx);
    govidx__free(own);
    govidx__free(theta);
    govidx__free(cmax);
    govidx__free(lst);
    return rc;
}

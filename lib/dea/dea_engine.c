/*
 * lib/dea/dea_engine.c - the DEA engine's LPs: one Clp model per worker over the
 * reference set, one DMU at a time (radial, SBM, super-efficiency pricing),
 * threads over fixed chunks of DMUs
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

/* One worker's LP over the job's reference set. */
typedef struct workspace {
    job *jb;
    govidx__lp *lp;
    int nrows, first_lambda, nbase; /* nbase: columns before temporary ones */
    size_t *colunit;                /* tech index of each lambda column */
    size_t colcap;
    unsigned char *inlp;            /* tech index -> in the LP now (pricing only) */
    double *pricebuf;
    size_t *priceidx;
    size_t lps, iters;
} workspace;

/* --- LP construction -------------------------------------------------------- */

static int ws_add_lambda(workspace *w, const size_t *units, size_t k)
{
    const dea_data *d = w->jb->tech;
    size_t m = d->m, s = d->s, per = m + s + 1, c, e = 0;
    int conv = w->jb->spec.rts != GOVIDX_DEA_CRS;
    int rc, *start = NULL, *rows = NULL;
    double *vals = NULL, *lo = NULL, *up = NULL;
    int row0 = w->jb->spec.sbm ? 1 : 0;

    if (k == 0)
        return GOVIDX_OK;
    if (w->colcap < (size_t)(govidx__lp_ncols(w->lp) - w->first_lambda) + k) {
        size_t ncap = (w->colcap + k) * 2;
        size_t *nc = govidx__realloc(w->colunit, ncap * sizeof *nc);
        if (!nc)
            return govidx__oom();
        w->colunit = nc;
        w->colcap = ncap;
    }
    start = govidx__mallocarray(k + 1, sizeof *start);
    rows = govidx__mallocarray(k * per, sizeof *rows);
    vals = govidx__mallocarray(k * per, sizeof *vals);
    lo = govidx__calloc(k, sizeof *lo);
    up = govidx__mallocarray(k, sizeof *up);
    if (!start || !rows || !vals || !lo || !up) {
        rc = govidx__oom();
        goto out;
    }
    for (c = 0; c < k; c++) {
        size_t j = units[c], i;
        start[c] = (int)e;
        up[c] = GOVIDX__LP_INF;
        for (i = 0; i < m; i++)
            if (d->x[j + i * d->n] != 0.0) {
                rows[e] = row0 + (int)i;
                vals[e++] = d->x[j + i * d->n];
            }
        for (i = 0; i < s; i++)
            if (d->y[j + i * d->n] != 0.0) {
                rows[e] = row0 + (int)(m + i);
                vals[e++] = d->y[j + i * d->n];
            }
        if (conv) {
            rows[e] = row0 + (int)(m + s);
            vals[e++] = 1.0;
        }
    }
    start[k] = (int)e;
    {
        size_t have = (size_t)(govidx__lp_ncols(w->lp) - w->first_lambda);
        rc = govidx__lp_add_columns(w->lp, (int)k, lo, up, NULL, start, rows, vals);
        if (rc == GOVIDX_OK)
            for (c = 0; c < k; c++) {
                w->colunit[have + c] = units[c];
                if (w->inlp)
                    w->inlp[units[c]] = 1;
            }
    }
out:
    govidx__free(start);
    govidx__free(rows);
    govidx__free(vals);
    govidx__free(lo);
    govidx__free(up);
    return rc;
}

/* Radial: rows inputs 0..m-1, outputs m..m+s-1, [convexity]; column 0 theta/phi.
 * SBM: row 0 normalisation, rows 1..m inputs, m+1..m+s outputs, [convexity];
 * columns t, S- (m), S+ (s). */
static int ws_build(workspace *w)
{
    job *jb = w->jb;
    const model_spec *sp = &jb->spec;
    size_t m = jb->tech->m, s = jb->tech->s, i;
    int conv = sp->rts != GOVIDX_DEA_CRS, nrows, rc, k;
    double *rlo, *rup, clo[DEA_MAXDIM + 2], cup[DEA_MAXDIM + 2], cobj[DEA_MAXDIM + 2];
    double cval[3 * DEA_MAXDIM + 8];
    int cst[DEA_MAXDIM + 3], crow[3 * DEA_MAXDIM + 8], e = 0;

    nrows = (int)(m + s) + conv + (sp->sbm ? 1 : 0);
    if (m + s > DEA_MAXDIM)
        return govidx__fail(GOVIDX_EDIM, "DEA: at most %d inputs + outputs are supported",
                            DEA_MAXDIM);
    rlo = govidx__mallocarray((size_t)nrows, sizeof *rlo);
    rup = govidx__mallocarray((size_t)nrows, sizeof *rup);
    if (!rlo || !rup) {
        govidx__free(rlo);
        govidx__free(rup);
        return govidx__oom();
    }
    for (k = 0; k < nrows; k++) {
        rlo[k] = -GOVIDX__LP_INF;
        rup[k] = GOVIDX__LP_INF;
    }
    if (sp->sbm) {
        rlo[0] = rup[0] = 1.0;
        for (k = 1; k <= (int)(m + s); k++)
            rlo[k] = rup[k] = 0.0;
        if (conv) {
            rlo[nrows - 1] = sp->rts == GOVIDX_DEA_NIRS ? -GOVIDX__LP_INF : 0.0;
            rup[nrows - 1] = sp->rts == GOVIDX_DEA_NDRS ? GOVIDX__LP_INF : 0.0;
        }
    } else if (conv) {
        rlo[nrows - 1] = sp->rts == GOVIDX_DEA_NIRS ? -GOVIDX__LP_INF : 1.0;
        rup[nrows - 1] = sp->rts == GOVIDX_DEA_NDRS ? GOVIDX__LP_INF : 1.0;
    }
    rc = govidx__lp_create(&w->lp, nrows, rlo, rup);
    govidx__free(rlo);
    govidx__free(rup);
    if (rc)
        return rc;
    if (sp->tol > 0)
        govidx__lp_set_tolerances(w->lp, sp->tol, sp->tol);
    w->nrows = nrows;
    /* The score column(s), with placeholder coefficients set per DMU. */
    cst[0] = 0;
    clo[0] = 0.0;
    cup[0] = GOVIDX__LP_INF;
    if (sp->sbm) {
        crow[e] = 0;
        cval[e++] = 1.0;
        for (i = 0; i < m + s; i++) {
            crow[e] = 1 + (int)i;
            cval[e++] = -1.0;
        }
        if (conv) {
            crow[e] = nrows - 1;
            cval[e++] = -1.0;
        }
        cobj[0] = 1.0;
        for (i = 0; i < m; i++) { /* S-_i */
            cst[1 + i] = e;
            crow[e] = 1 + (int)i;
            cval[e++] = 1.0;
            clo[1 + i] = 0.0;
            cup[1 + i] = GOVIDX__LP_INF;
            cobj[1 + i] = 0.0;
        }
        for (i = 0; i < s; i++) { /* S+_r */
            cst[1 + m + i] = e;
            crow[e] = 0;
            cval[e++] = 1.0;
            crow[e] = 1 + (int)(m + i);
            cval[e++] = -1.0;
            clo[1 + m + i] = 0.0;
            cup[1 + m + i] = GOVIDX__LP_INF;
            cobj[1 + m + i] = 0.0;
        }
        cst[1 + m + s] = e;
        w->first_lambda = (int)(1 + m + s);
    } else {
        if (sp->orient == GOVIDX_DEA_INPUT) {
            for (i = 0; i < m; i++) {
                crow[e] = (int)i;
                cval[e++] = -1.0;
            }
            cobj[0] = 1.0;
        } else {
            for (i = 0; i < s; i++) {
                crow[e] = (int)(m + i);
                cval[e++] = -1.0;
            }
            cobj[0] = -1.0;
        }
        cst[1] = e;
        w->first_lambda = 1;
    }
    rc = govidx__lp_add_columns(w->lp, w->first_lambda, clo, cup, cobj, cst, crow, cval);
    if (rc)
        return rc;
    rc = ws_add_lambda(w, jb->ref, jb->nref);
    w->nbase = govidx__lp_ncols(w->lp);
    return rc;
}

static void ws_free(workspace *w)
{
    govidx__lp_free(w->lp);
    govidx__free(w->colunit);
    govidx__free(w->inlp);
    govidx__free(w->pricebuf);
    govidx__free(w->priceidx);
    memset(w, 0, sizeof *w);
}

static int ws_init(workspace *w, job *jb)
{
    memset(w, 0, sizeof *w);
    w->jb = jb;
    if ((jb->spec.super || jb->price_all) && jb->universe) {
        w->inlp = govidx__calloc(jb->tech->n, 1);
        if (!w->inlp)
            return govidx__oom();
        w->pricebuf = govidx__mallocarray(jb->nuniverse, sizeof *w->pricebuf);
        w->priceidx = govidx__mallocarray(jb->nuniverse, sizeof *w->priceidx);
        if (!w->pricebuf || !w->priceidx)
            return govidx__oom();
    }
    return ws_build(w);
}

/* --- one DMU ---------------------------------------------------------------- */

static int lp_to_unit_status(int rc)
{
    switch (rc) {
    case GOVIDX_OK:
        return GOVIDX_DEA_OPTIMAL;
    case GOVIDX_EINFEASIBLE:
        return GOVIDX_DEA_INFEASIBLE;
    case GOVIDX_EUNBOUNDED:
        return GOVIDX_DEA_UNBOUNDED;
    default:
        return GOVIDX_DEA_FAILED;
    }
}

static int ws_solve(workspace *w)
{
    int rc = govidx__lp_solve(w->lp);
    w->lps++;
    w->iters += (size_t)govidx__lp_iterations(w->lp);
    return rc;
}

/* Column generation for super-efficiency: add universe columns with negative
 * reduced cost d_j = 0 - pi'a_j until none is below -DEA_PRICE_TOL. */
static int ws_price(workspace *w, size_t self, int *lprc)
{
    const job *jb = w->jb;
    const dea_data *d = jb->tech;
    size_t m = d->m, s = d->s, u, i, cnt, rounds;
    int conv = jb->spec.rts != GOVIDX_DEA_CRS, rc;

    for (rounds = 0; rounds < 10000 && *lprc == GOVIDX_OK; rounds++) {
        const double *pi = govidx__lp_row_duals(w->lp);
        cnt = 0;
        for (u = 0; u < jb->nuniverse; u++) {
            size_t j = jb->universe[u];
            double dj = 0.0;
            if (j == self || w->inlp[j])
                continue;
            for (i = 0; i < m; i++)
                dj -= pi[i] * d->x[j + i * d->n];
            for (i = 0; i < s; i++)
                dj -= pi[m + i] * d->y[j + i * d->n];
            if (conv)
                dj -= pi[m + s];
            if (dj < -DEA_PRICE_TOL) {
                w->pricebuf[cnt] = dj;
                w->priceidx[cnt++] = j;
            }
        }
        if (cnt == 0)
            return GOVIDX_OK;
        if (cnt > DEA_PRICE_ADD) {
            /* keep the DEA_PRICE_ADD most negative (ties: lower index) */
            size_t a, b;
            for (a = 0; a < DEA_PRICE_ADD; a++) {
                size_t best = a;
                for (b = a + 1; b < cnt; b++)
                    if (w->pricebuf[b] < w->pricebuf[best])
                        best = b;
                double tv = w->pricebuf[a];
                size_t ti = w->priceidx[a];
                w->pricebuf[a] = w->pricebuf[best];
                w->priceidx[a] = w->priceidx[best];
                w->pricebuf[best] = tv;
                w->priceidx[best] = ti;
            }
            cnt = DEA_PRICE_ADD;
        }
        rc = ws_add_lambda(w, w->priceidx, cnt);
        if (rc)
            return rc;
        *lprc = ws_solve(w);
    }
    return GOVIDX_OK;
}

static void ws_drop_temporary(workspace *w)
{
    int c, nc = govidx__lp_ncols(w->lp);
    for (c = w->nbase; c < nc; c++)
        if (w->inlp)
            w->inlp[w->colunit[c - w->first_lambda]] = 0;
    govidx__lp_truncate_columns(w->lp, w->nbase);
}

static double clean(double v, double scale)
{
    return v < 1e-9 * (1.0 + fabs(scale)) ? 0.0 : v;
}

/* Record peers and targets/slacks of target position t from the LP solution;
 * `scale_t` divides the lambda columns (SBM's t), theta multiplies x_o. */
static void ws_record(workspace *w, size_t t, const double *xo, const double *yo, double theta,
                      double phi, double scale_t)
{
    job *jb = w->jb;
    const dea_data *d = jb->tech;
    size_t m = d->m, s = d->s, i, np = 0;
    int c, nc = govidx__lp_ncols(w->lp);
    const double *x = govidx__lp_primal(w->lp);
    double tin[DEA_MAXDIM], tout[DEA_MAXDIM];

    for (i = 0; i < m; i++)
        tin[i] = 0.0;
    for (i = 0; i < s; i++)
        tout[i] = 0.0;
    for (c = w->first_lambda; c < nc; c++) {
        double l = x[c] / scale_t;
        size_t j = w->colunit[c - w->first_lambda];
        if (l <= 0.0)
            continue;
        for (i = 0; i < m; i++)
            tin[i] += l * d->x[j + i * d->n];
        for (i = 0; i < s; i++)
            tout[i] += l * d->y[j + i * d->n];
        if (l > jb->spec.eps && np < jb->maxpeer) {
            jb->peer_idx[t * jb->maxpeer + np] = j;
            jb->peer_w[t * jb->maxpeer + np] = l;
            np++;
        }
    }
    /* peers in increasing DMU order, for reproducible output */
    {
        size_t a, b;
        size_t *pi = jb->peer_idx + t * jb->maxpeer;
        double *pw = jb->peer_w + t * jb->maxpeer;
        for (a = 1; a < np; a++)
            for (b = a; b > 0 && pi[b - 1] > pi[b]; b--) {
                size_t ti = pi[b];
                double tw = pw[b];
                pi[b] = pi[b - 1];
                pw[b] = pw[b - 1];
                pi[b - 1] = ti;
                pw[b - 1] = tw;
            }
    }
    jb->npeer[t] = np;
    for (i = 0; i < m; i++) {
        int nd = jb->spec.nd && jb->spec.nd[i];
        double lim = (nd || jb->spec.sbm || jb->spec.orient == GOVIDX_DEA_OUTPUT) ? xo[i]
                                                                                 : theta * xo[i];
        jb->tgt_in[t * m + i] = tin[i];
        jb->slack_in[t * m + i] = clean(lim - tin[i], xo[i]);
    }
    for (i = 0; i < s; i++) {
        double lim = (!jb->spec.sbm && jb->spec.orient == GOVIDX_DEA_OUTPUT) ? phi * yo[i] : yo[i];
        jb->tgt_out[t * s + i] = tout[i];
        jb->slack_out[t * s + i] = clean(tout[i] - lim, yo[i]);
    }
}

static void job_fail(job *jb, int rc);

static void ws_radial(workspace *w, size_t t)
{
    job *jb = w->jb;
    const model_spec *sp = &jb->spec;
    const dea_data *p = jb->pts;
    size_t m = p->m, s = p->s, i, unit = jb->targets[t];
    double xo[DEA_MAXDIM], yo[DEA_MAXDIM], score = NAN;
    int rc, c, self = -1, nc;

    for (i = 0; i < m; i++)
        xo[i] = p->x[unit + i * p->n];
    for (i = 0; i < s; i++)
        yo[i] = p->y[unit + i * p->n];
    if (sp->orient == GOVIDX_DEA_INPUT) {
        for (i = 0; i < m; i++) {
            int nd = sp->nd && sp->nd[i];
            govidx__lp_set_coef(w->lp, (int)i, 0, nd ? 0.0 : -xo[i]);
            govidx__lp_set_row_bounds(w->lp, (int)i, -GOVIDX__LP_INF, nd ? xo[i] : 0.0);
        }
        for (i = 0; i < s; i++)
            govidx__lp_set_row_bounds(w->lp, (int)(m + i), yo[i], GOVIDX__LP_INF);
    } else {
        for (i = 0; i < m; i++)
            govidx__lp_set_row_bounds(w->lp, (int)i, -GOVIDX__LP_INF, xo[i]);
        for (i = 0; i < s; i++) {
            govidx__lp_set_coef(w->lp, (int)(m + i), 0, -yo[i]);
            govidx__lp_set_row_bounds(w->lp, (int)(m + i), 0.0, GOVIDX__LP_INF);
        }
    }
    if (sp->super && jb->self_in_tech && jb->refpos[unit] >= 0) {
        self = w->first_lambda + jb->refpos[unit];
        govidx__lp_set_col_bounds(w->lp, self, 0.0, 0.0);
    }
    rc = ws_solve(w);
    if (rc == GOVIDX_OK && (self >= 0 || jb->price_all) && jb->universe) {
        int prc = ws_price(w, self >= 0 ? unit : SIZE_MAX, &rc);
        if (prc) { /* out of memory: the whole run fails */
            jb->status[t] = GOVIDX_DEA_FAILED;
            job_fail(jb, prc);
            goto restore;
        }
    }
    jb->status[t] = lp_to_unit_status(rc);
    if (rc == GOVIDX_OK) {
        score = govidx__lp_primal(w->lp)[0];
        if (jb->duals) {
            /* output rows are >= rows of a minimisation: duals >= 0 up to
             * the tolerance; they are the multipliers u of u'y <= v x */
            const double *pi = govidx__lp_row_duals(w->lp);
            for (i = 0; i < s; i++)
                jb->duals[t * s + i] = pi[m + i] > 0.0 ? pi[m + i] : 0.0;
        }
        if (!sp->score_only && sp->second_stage) {
            /* Max-slack LP with the score fixed (DEAP 2.1 multi-stage, Coelli 1996). */
            nc = govidx__lp_ncols(w->lp);
            govidx__lp_set_obj(w->lp, 0, 0.0);
            for (c = w->first_lambda; c < nc; c++) {
                double cost = jb->tech->sumxy[w->colunit[c - w->first_lambda]];
                govidx__lp_set_obj(w->lp, c, cost); /* min sum(x) - sum(y) = max slack sum */
            }
            govidx__lp_set_col_bounds(w->lp, 0, score, score);
            rc = ws_solve(w);
            if (rc != GOVIDX_OK) {
                /* rounding made the fixed score infeasible: relax it a hair */
                double lo = sp->orient == GOVIDX_DEA_INPUT ? score : score * (1 - 1e-9);
                double hi = sp->orient == GOVIDX_DEA_INPUT ? score * (1 + 1e-9) : score;
                govidx__lp_set_col_bounds(w->lp, 0, lo, hi);
                rc = ws_solve(w);
            }
            govidx__lp_set_col_bounds(w->lp, 0, 0.0, GOVIDX__LP_INF);
            govidx__lp_set_obj(w->lp, 0, sp->orient == GOVIDX_DEA_INPUT ? 1.0 : -1.0);
            if (rc != GOVIDX_OK) {
                for (c = w->first_lambda; c < nc; c++)
                    govidx__lp_set_obj(w->lp, c, 0.0);
                jb->status[t] = GOVIDX_DEA_FAILED;
                score = NAN;
                goto restore;
            }
            ws_record(w, t, xo, yo, score, score, 1.0);
            for (c = w->first_lambda; c < nc; c++)
                govidx__lp_set_obj(w->lp, c, 0.0);
        } else if (!sp->score_only) {
            ws_record(w, t, xo, yo, score, score, 1.0);
        }
    }
restore:
    jb->score[t] = score;
    if (self >= 0)
        govidx__lp_set_col_bounds(w->lp, self, 0.0, GOVIDX__LP_INF);
    if (govidx__lp_ncols(w->lp) > w->nbase)
        ws_drop_temporary(w);
}

static void ws_sbm(workspace *w, size_t t)
{
    job *jb = w->jb;
    const model_spec *sp = &jb->spec;
    const dea_data *p = jb->pts;
    size_t m = p->m, s = p->s, i, unit = jb->targets[t];
    double xo[DEA_MAXDIM], yo[DEA_MAXDIM], rho = NAN;
    int rc;

    for (i = 0; i < m; i++)
        xo[i] = p->x[unit + i * p->n];
    for (i = 0; i < s; i++)
        yo[i] = p->y[unit + i * p->n];
    for (i = 0; i < m; i++) {
        int nd = sp->nd && sp->nd[i];
        govidx__lp_set_coef(w->lp, 1 + (int)i, 0, -xo[i]);
        govidx__lp_set_obj(w->lp, 1 + (int)i,
                           (sp->orient == GOVIDX_DEA_OUTPUT || nd)
                               ? 0.0
                               : -1.0 / ((double)sp->m_disc * xo[i]));
        /* a non-discretionary input may be under-used (sum lambda x <= x_o)
         * but its slack does not enter the measure, as in the radial model
         * (Banker & Morey 1986a) */
    }
    for (i = 0; i < s; i++) {
        govidx__lp_set_coef(w->lp, 1 + (int)(m + i), 0, -yo[i]);
        govidx__lp_set_coef(w->lp, 0, 1 + (int)(m + i),
                            sp->orient == GOVIDX_DEA_INPUT ? 0.0 : 1.0 / ((double)s * yo[i]));
    }
    rc = ws_solve(w);
    jb->status[t] = lp_to_unit_status(rc);
    if (rc == GOVIDX_OK) {
        const double *x = govidx__lp_primal(w->lp);
        double tt = x[0];
        if (!(tt > 0.0)) {
            jb->status[t] = GOVIDX_DEA_FAILED;
        } else {
            rho = govidx__lp_objective(w->lp);
            if (!sp->score_only)
                ws_record(w, t, xo, yo, 1.0, 1.0, tt);
        }
    }
    jb->score[t] = rho;
}

/* --- threads ---------------------------------------------------------------- */

static void job_fail(job *jb, int rc)
{
    pthread_mutex_lock(&jb->mu);
    if (!jb->err) {
        jb->err = rc;
        snprintf(jb->errmsg, sizeof jb->errmsg, "%s", govidx_last_error());
    }
    pthread_mutex_unlock(&jb->mu);
    atomic_store(&jb->stop, 1);
}

static void *job_worker(void *arg)
{
    job *jb = arg;
    size_t nchunks = (jb->ntargets + DEA_CHUNK - 1) / DEA_CHUNK;

    for (;;) {
        size_t c = atomic_fetch_add(&jb->next_chunk, 1), a, b, t;
        workspace w;
        int rc;
        if (c >= nchunks || atomic_load(&jb->stop))
            break;
        a = c * DEA_CHUNK;
        b = a + DEA_CHUNK < jb->ntargets ? a + DEA_CHUNK : jb->ntargets;
        /* A fresh model per chunk: the warm-start path depends only on the
         * chunk, never on which thread runs it. */
        rc = ws_init(&w, jb);
        if (rc) {
            ws_free(&w);
            job_fail(jb, rc);
            break;
        }
        for (t = a; t < b; t++) {
            if (jb->spec.sbm)
                ws_sbm(&w, t);
            else
                ws_radial(&w, t);
        }
        pthread_mutex_lock(&jb->mu);
        jb->stats.lps_solved += w.lps;
        jb->stats.iterations += w.iters;
        if ((size_t)govidx__lp_ncols(w.lp) > jb->stats.max_columns)
            jb->stats.max_columns = (size_t)govidx__lp_ncols(w.lp);
        jb->done += b - a;
        if (jb->progress &&
            jb->progress(jb->progress_ctx,
                         jb->progress_base + (jb->progress_counts ? jb->done : 0),
                         jb->progress_total))
            atomic_store(&jb->stop, 2);
        pthread_mutex_unlock(&jb->mu);
        ws_free(&w);
    }
    return NULL;
}

/* Run a job on `threads` threads; fills the job's output arrays. */
int job_run(job *jb, unsigned threads, govidx_dea_stats *stats)
{
    size_t nchunks = (jb->ntargets + DEA_CHUNK - 1) / DEA_CHUNK, k;
    pthread_t tid[64];
    unsigned started = 0;

    if (jb->spec.super && jb->self_in_tech) {
        jb->refpos = govidx__mallocarray(jb->tech->n, sizeof *jb->refpos);
        if (!jb->refpos)
            return govidx__oom();
        for (k = 0; k < jb->tech->n; k++)
            jb->refpos[k] = -1;
        for (k = 0; k < jb->nref; k++)
            jb->refpos[jb->ref[k]] = (int32_t)k;
    }
    atomic_init(&jb->next_chunk, 0);
    atomic_init(&jb->stop, 0);
    jb->err = 0;
    jb->done = 0;
    memset(&jb->stats, 0, sizeof jb->stats);
    if (pthread_mutex_init(&jb->mu, NULL) != 0) {
        govidx__free(jb->refpos);
        jb->refpos = NULL;
        return govidx__fail(GOVIDX_ENOMEM, "DEA: could not create a mutex");
    }
    if (threads > 64)
        threads = 64;
    if (threads > nchunks)
        threads = (unsigned)nchunks;
    for (k = 1; k < threads; k++) {
        if (pthread_create(&tid[started], NULL, job_worker, jb) != 0)
            break; /* fewer threads: same results */
        started++;
    }
    job_worker(jb);
    for (k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&jb->mu);
    govidx__free(jb->refpos);
    jb->refpos = NULL;
    if (stats) {
        stats->lps_solved += jb->stats.lps_solved;
        stats->iterations += jb->stats.iterations;
        if (jb->stats.max_columns > stats->max_columns)
            stats->max_columns = jb->stats.max_columns;
    }
    if (jb->err)
        return govidx__fail(jb->err, "%s", jb->errmsg);
    if (atomic_load(&jb->stop) == 2)
        return govidx__fail(GOVIDX_ECANCELED, "DEA: cancelled by the progress callback");
    return GOVIDX_OK;
}

/* Scores only (frame screening): radial input orientation. */
int score_set(const dea_data *d, govidx_dea_rts rts, const size_t *ref, size_t nref,
              const size_t *targets, size_t nt, double *score, int *status, unsigned threads,
              const progress_ref *pr, govidx_dea_stats *stats)
{
    job jb;
    memset(&jb, 0, sizeof jb);
    jb.tech = d;
    jb.pts = d;
    jb.ref = ref;
    jb.nref = nref;
    jb.targets = targets;
    jb.ntargets = nt;
    jb.spec.rts = rts;
    jb.spec.orient = GOVIDX_DEA_INPUT;
    jb.spec.score_only = 1;
    jb.spec.eps = 1e-9;
    jb.score = score;
    jb.status = status;
    jb.progress = pr->fn;
    jb.progress_ctx = pr->ctx;
    jb.progress_base = pr->base;
    jb.progress_total = pr->total;
    return job_run(&jb, threads, stats);
}

/*
 * lib/dea.c - DEA efficiency engine: radial (CCR/BCC/NIRS/NDRS) and SBM
 * models over a frame of efficient DMUs, super-efficiency, categorical
 * reference sets, scale efficiency and the Malmquist index.
 *
 * Method (docs/methods/dea.md):
 *  1. The frame.  Every extreme point (ray, for CRS) of the DEA technology
 *     T is a DMU with input-oriented radial score 1: a DMU with score
 *     theta < 1 is the sum of the point (theta x_j, y_j) of T and the
 *     disposal direction ((1 - theta) x_j, 0).  Scoring against any subset
 *     B of the DMUs gives an upper bound theta_B >= theta, so a DMU with
 *     theta_B < 1 is never in the frame.  find_frame() grows B from
 *     extreme DMUs and a sample, screens the other DMUs against B and adds
 *     the most exterior ones until no DMU outside B can be efficient
 *     (after Khezrimotlagh, Zhu, Cook & Toloo 2019 and Dula 2011).
 *  2. Every DMU is scored with an LP whose columns are the frame: T(frame)
 *     = T(all DMUs), so the optimum equals the full LP's.  Max-slack and SBM
 *     optima are equal too (a non-frame DMU used in a combination can be
 *     replaced by frame DMUs plus more slack).
 *  3. Super-efficiency of a frame DMU o needs T(all \ {o}), which the frame
 *     minus o may not span: those LPs price every DMU of the universe with
 *     the row duals and add columns until no reduced cost is < -1e-9.
 *
 * Work is split in fixed chunks of DMUs, each solved by one thread with its
 * own Clp model warm-started along the chunk, so results do not depend on
 * the thread count.
 *
 * SPDX-License-Identifier: MIT
 */
#include "dea_internal.h"
#include "lp.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEA_CHUNK 128          /* DMUs per work chunk (fixed: determinism) */
#define DEA_ELIM_TOL 1e-6      /* theta_B < 1 - tol proves a DMU is not in the frame */
#define DEA_PRICE_TOL 1e-9     /* column generation stops when no d_j < -tol */
#define DEA_PRICE_ADD 20       /* columns added per pricing round */
#define DEA_SMALL 200          /* universes up to this size skip the frame rounds */
#define DEA_MAXDIM 250         /* inputs + outputs (BoD: 1 + indicators) */

/* Internal data: m inputs (undesirable outputs appended as inputs), s outputs. */
typedef struct dea_data {
    size_t n, m, s;
    double *x;     /* n x m column-major */
    double *y;     /* n x s column-major */
    double *sumxy; /* per DMU: sum of inputs - sum of outputs (max-slack costs) */
} dea_data;

typedef struct model_spec {
    int sbm;
    govidx_dea_rts rts;
    govidx_dea_orientation orient;
    int second_stage;
    int super;
    const unsigned char *nd; /* m internal flags or NULL */
    size_t m_disc;           /* discretionary inputs */
    double eps;
    int score_only; /* frame screening: no peers, slacks, second stage */
    double tol;     /* Clp primal and dual tolerance, 0 = Clp's default */
} model_spec;

typedef struct job {
    const dea_data *tech;
    const size_t *ref;
    size_t nref;
    const dea_data *pts;
    const size_t *targets;
    size_t ntargets;
    int self_in_tech;       /* target indices are tech indices (super-efficiency) */
    const size_t *universe; /* pricing candidates for super-efficiency, or NULL */
    size_t nuniverse;
    model_spec spec;
    int32_t *refpos; /* tech index -> lambda position or -1 (built by job_run) */
    /* outputs, by target position t */
    double *score; /* theta, phi or rho */
    int *status;
    size_t maxpeer;
    size_t *peer_idx; /* t * maxpeer */
    double *peer_w;
    size_t *npeer;
    double *slack_in;  /* t * m */
    double *slack_out; /* t * s */
    double *tgt_in;
    double *tgt_out;
    double *duals; /* t * s: output-row duals (BoD weights), or NULL */
    int price_all; /* every DMU's LP prices the universe (BoD column generation) */
    /* control */
    atomic_size_t next_chunk;
    atomic_int stop;
    pthread_mutex_t mu;
    int err;
    char errmsg[256];
    size_t done;
    govidx_progress_fn progress;
    void *progress_ctx;
    size_t progress_base, progress_total;
    int progress_counts; /* 0: frame work, reported as no new DMU scored (cancel only) */
    govidx_dea_stats stats;
} job;

/* Where a pass reports progress: DMUs scored before it (base) of total. */
typedef struct progress_ref {
    govidx_progress_fn fn;
    void *ctx;
    size_t base, total;
} progress_ref;

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
static int job_run(job *jb, unsigned threads, govidx_dea_stats *stats)
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
static int score_set(const dea_data *d, govidx_dea_rts rts, const size_t *ref, size_t nref,
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

/* --- the frame ---------------------------------------------------------------- */

typedef struct scored {
    double v;
    size_t j;
} scored;

static int cmp_scored_desc(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->v > y->v)
        return -1;
    if (x->v < y->v)
        return 1;
    return x->j < y->j ? -1 : (x->j > y->j);
}

static int keep_in_frame(double score, int status)
{
    return status != GOVIDX_DEA_OPTIMAL || !(score < 1.0 - DEA_ELIM_TOL);
}

/* Frame of the technology generated by the DMUs univ[0..nu-1]: the DMUs
 * with radial input score >= 1 - DEA_ELIM_TOL (a superset of the extreme
 * efficient ones).  *frame is allocated (ascending order). */
static int find_frame(const dea_data *d, govidx_dea_rts rts, const size_t *univ, size_t nu,
                      unsigned threads, const progress_ref *pr, size_t **frame, size_t *nframe,
                      govidx_dea_stats *stats)
{
    size_t n = d->n, nb = 0, np = 0, i, k, r;
    size_t *B = NULL, *P = NULL;
    unsigned char *mark = NULL;
    double *score = NULL;
    int *status = NULL, rc = GOVIDX_OK;
    scored *sc = NULL;

    *frame = NULL;
    *nframe = 0;
    B = govidx__mallocarray(nu, sizeof *B);
    P = govidx__mallocarray(nu, sizeof *P);
    mark = govidx__calloc(n, 1);
    score = govidx__mallocarray(nu, sizeof *score);
    status = govidx__mallocarray(nu, sizeof *status);
    sc = govidx__mallocarray(nu, sizeof *sc);
    if (!B || !P || !mark || !score || !status || !sc) {
        rc = govidx__oom();
        goto out;
    }
    if (nu <= DEA_SMALL) {
        memcpy(B, univ, nu * sizeof *B);
        nb = nu;
    } else {
        /* Seeds: per-dimension extremes, best output/input ratios, and an
         * evenly spaced sample of about 2 sqrt(nu) DMUs. */
        size_t m = d->m, s = d->s, ns = (size_t)(2.0 * sqrt((double)nu));
        for (i = 0; i < m + s; i++) {
            size_t best = univ[0], bratio = univ[0];
            double bv = 0, br = -1;
            for (k = 0; k < nu; k++) {
                size_t j = univ[k], q;
                double v = i < m ? -d->x[j + i * n] : d->y[j + (i - m) * n];
                double in = 0, ou = 0;
                if (k == 0 || v > bv) {
                    bv = v;
                    best = j;
                }
                for (q = 0; q < m; q++)
                    in += d->x[j + q * n];
                for (q = 0; q < s; q++)
                    ou += d->y[j + q * n];
                if (i < s) {
                    double ratio = d->y[j + i * n] / (in > 0 ? in : 1e-300);
                    if (ratio > br) {
                        br = ratio;
                        bratio = j;
                    }
                } else if (i - s < m) {
                    double ratio = ou / (d->x[j + (i - s) * n] > 0 ? d->x[j + (i - s) * n] : 1e-300);
                    if (ratio > br) {
                        br = ratio;
                        bratio = j;
                    }
                }
            }
            mark[best] = 1;
            mark[bratio] = 1;
        }
        if (ns < 100)
            ns = 100;
        for (k = 0; k < ns && k < nu; k++)
            mark[univ[(k * nu) / ns]] = 1;
        for (k = 0; k < nu; k++) {
            if (mark[univ[k]])
                B[nb++] = univ[k];
            else
                P[np++] = univ[k];
        }
    }
    for (r = 1;; r++) {
        size_t nk = 0, add;
        /* B := its own efficient DMUs */
        rc = score_set(d, rts, B, nb, B, nb, score, status, threads, pr, stats);
        if (rc)
            goto out;
        for (k = 0; k < nb; k++)
            if (keep_in_frame(score[k], status[k]))
                B[nk++] = B[k];
        nb = nk;
        if (stats)
            stats->frame_rounds = r;
        if (np == 0)
            break;
        /* screen the pending DMUs against B */
        rc = score_set(d, rts, B, nb, P, np, score, status, threads, pr, stats);
        if (rc)
            goto out;
        nk = 0;
        for (k = 0; k < np; k++)
            if (keep_in_frame(score[k], status[k])) {
                sc[nk].v = status[k] != GOVIDX_DEA_OPTIMAL ? INFINITY : score[k];
                sc[nk++].j = P[k];
            }
        if (nk == 0)
            break;
        /* move the most exterior ones into B */
        qsort(sc, nk, sizeof *sc, cmp_scored_desc);
        add = nb > 100 ? nb : 100;
        if (add > nk)
            add = nk;
        for (k = 0; k < add; k++)
            B[nb++] = sc[k].j;
        np = 0;
        for (k = add; k < nk; k++)
            P[np++] = sc[k].j;
    }
    /* ascending order */
    memset(mark, 0, n);
    for (k = 0; k < nb; k++)
        mark[B[k]] = 1;
    nb = 0;
    for (k = 0; k < nu; k++)
        if (mark[univ[k]])
            B[nb++] = univ[k];
    *frame = B;
    *nframe = nb;
    B = NULL;
    if (stats && nb > stats->frame_size)
        stats->frame_size = nb;
out:
    govidx__free(B);
    govidx__free(P);
    govidx__free(mark);
    govidx__free(score);
    govidx__free(status);
    govidx__free(sc);
    return rc;
}

/* --- input checks and data ---------------------------------------------------- */

int govidx__dea_check_view(govidx_matrix_view v, const char *what)
{
    size_t i, j;
    int rc = govidx_matrix_check(v);
    if (rc)
        return govidx__fail_context(rc, "DEA %s", what);
    for (j = 0; j < v.cols; j++)
        for (i = 0; i < v.rows; i++) {
            double a = v.data[i + j * v.ld];
            if (!isfinite(a))
                return govidx__fail(GOVIDX_ENUMERIC, "DEA %s: DMU %zu, column %zu is %s", what,
                                    i + 1, j + 1, isnan(a) ? "NaN (missing)" : "infinite");
            if (a < 0.0)
                return govidx__fail(GOVIDX_EDOMAIN, "DEA %s: DMU %zu, column %zu is negative (%g)",
                                    what, i + 1, j + 1, a);
        }
    return GOVIDX_OK;
}

static void data_free(dea_data *d)
{
    govidx__free(d->x);
    govidx__free(d->y);
    govidx__free(d->sumxy);
    memset(d, 0, sizeof *d);
}

/* The column of Y holding the k-th undesirable (or desirable) output. */
static size_t undesirable_col(const unsigned char *undesirable, size_t cols, size_t k)
{
    size_t j;
    for (j = 0; j < cols; j++)
        if (undesirable && undesirable[j] && k-- == 0)
            return j;
    return cols;
}

static size_t desirable_col(const unsigned char *undesirable, size_t cols, size_t k)
{
    size_t j;
    for (j = 0; j < cols; j++)
        if (!(undesirable && undesirable[j]) && k-- == 0)
            return j;
    return cols;
}

/* Copy X, Y into internal form; undesirable outputs become extra inputs. */
static int data_make(dea_data *d, govidx_matrix_view X, govidx_matrix_view Y,
                     const unsigned char *undesirable, int sbm, const char *period)
{
    size_t n = X.rows, m = X.cols, s = 0, i, j, k, nu = 0;
    int rc;
    char what[64];

    memset(d, 0, sizeof *d);
    snprintf(what, sizeof what, "inputs%s", period);
    if ((rc = govidx__dea_check_view(X, what)))
        return rc;
    snprintf(what, sizeof what, "outputs%s", period);
    if ((rc = govidx__dea_check_view(Y, what)))
        return rc;
    if (Y.rows != n)
        return govidx__fail(GOVIDX_EDIM, "DEA: inputs have %zu DMUs but outputs have %zu", n,
                            Y.rows);
    for (j = 0; j < Y.cols; j++)
        nu += undesirable && undesirable[j];
    if (nu == Y.cols)
        return govidx__fail(GOVIDX_EINVAL, "DEA: every output is flagged undesirable");
    s = Y.cols - nu;
    d->n = n;
    d->m = m + nu;
    d->s = s;
    if (d->m + d->s > DEA_MAXDIM)
        return govidx__fail(GOVIDX_EDIM, "DEA: at most %d inputs + outputs are supported",
                            DEA_MAXDIM);
    d->x = govidx__mallocarray(n * d->m, sizeof *d->x);
    d->y = govidx__mallocarray(n * s, sizeof *d->y);
    d->sumxy = govidx__calloc(n, sizeof *d->sumxy);
    if (!d->x || !d->y || !d->sumxy) {
        data_free(d);
        return govidx__oom();
    }
    for (j = 0; j < m; j++)
        for (i = 0; i < n; i++)
            d->x[i + j * n] = X.data[i + j * X.ld];
    for (j = 0, k = 0; j < Y.cols; j++) {
        int bad = undesirable && undesirable[j];
        double *dst = bad ? d->x + (m + (k++)) * n : d->y + (j - k) * n;
        for (i = 0; i < n; i++)
            dst[i] = Y.data[i + j * Y.ld];
    }
    for (i = 0; i < n; i++) {
        double in = 0.0, out = 0.0;
        for (j = 0; j < d->m; j++)
            in += d->x[i + j * n];
        for (j = 0; j < s; j++)
            out += d->y[i + j * n];
        d->sumxy[i] = in - out;
        if (!(in > 0.0)) {
            data_free(d);
            return govidx__fail(GOVIDX_EDOMAIN, "DEA inputs%s: DMU %zu has no positive input",
                                period, i + 1);
        }
        if (!(out > 0.0)) {
            data_free(d);
            return govidx__fail(GOVIDX_EDOMAIN, "DEA outputs%s: DMU %zu has no positive output",
                                period, i + 1);
        }
        if (sbm)
            for (j = 0; j < d->m + s; j++) {
                double v = j < d->m ? d->x[i + j * n] : d->y[i + (j - d->m) * n];
                if (!(v > 0.0)) {
                    /* name the column from the caller's matrices before
                     * data_free clears d->m; undesirable outputs sit in
                     * the inputs after the real ones */
                    const char *kind = j < m ? "input" : j < d->m ? "undesirable output" : "output";
                    size_t col = j < m ? j : j < d->m ? undesirable_col(undesirable, Y.cols, j - m)
                                                      : desirable_col(undesirable, Y.cols, j - d->m);
                    data_free(d);
                    return govidx__fail(GOVIDX_EDOMAIN,
                                        "DEA SBM%s: DMU %zu has a zero %s (%s column %zu; SBM divides by "
                                        "every input and output)",
                                        period, i + 1, kind, j < m ? "input" : "output", col + 1);
                }
            }
    }
    return GOVIDX_OK;
}

GOVIDX__VERSIONS_1(dea_options_versions, govidx_dea_options, "DEA options", GOVIDX_DEA_OPTIONS_INIT, algorithm);

int govidx_dea_options_init(govidx_dea_options *opts, unsigned version)
{
    return govidx__versioned_init(&dea_options_versions, opts, version);
}

static int check_options(const govidx_dea_options *o)
{
    if ((unsigned)o->model > GOVIDX_DEA_SBM || (unsigned)o->rts > GOVIDX_DEA_NDRS ||
        (unsigned)o->orientation > GOVIDX_DEA_NONORIENTED ||
        (unsigned)o->algorithm > GOVIDX_DEA_ALGO_FULL)
        return govidx__fail(GOVIDX_EINVAL, "DEA options: unknown model, rts, orientation or "
                                           "algorithm");
    if (o->model == GOVIDX_DEA_RADIAL && o->orientation == GOVIDX_DEA_NONORIENTED)
        return govidx__fail(GOVIDX_EINVAL, "DEA options: the radial model needs an input or "
                                           "output orientation");
    if (o->model == GOVIDX_DEA_SBM && o->super_efficiency)
        return govidx__fail(GOVIDX_EINVAL, "DEA options: super-efficiency is implemented for the "
                                           "radial model only");
    if (o->model == GOVIDX_DEA_SBM && o->scale)
        return govidx__fail(GOVIDX_EINVAL, "DEA options: scale efficiency is computed for the "
                                           "radial model only");
    if (!(o->epsilon >= 0.0) || !isfinite(o->epsilon))
        return govidx__fail(GOVIDX_EINVAL, "DEA options: epsilon must be finite and >= 0");
    return GOVIDX_OK;
}

/* --- result ----------------------------------------------------------------- */

struct govidx_dea_result {
    size_t n, m, s;
    double *eff;
    int *status;
    size_t maxpeer;
    size_t *npeer, *peer_idx;
    double *peer_w;
    double *slack_in, *slack_out, *tgt_in, *tgt_out;
    double *scale_eff;
    int *rts_class;
    govidx_dea_stats stats;
};

void govidx_dea_result_free(govidx_dea_result *r)
{
    if (!r)
        return;
    govidx__free(r->eff);
    govidx__free(r->status);
    govidx__free(r->npeer);
    govidx__free(r->peer_idx);
    govidx__free(r->peer_w);
    govidx__free(r->slack_in);
    govidx__free(r->slack_out);
    govidx__free(r->tgt_in);
    govidx__free(r->tgt_out);
    govidx__free(r->scale_eff);
    govidx__free(r->rts_class);
    govidx__free(r);
}

size_t govidx_dea_result_dims(size_t *m, size_t *s, const govidx_dea_result *r)
{
    if (m)
        *m = r ? r->m : 0;
    if (s)
        *s = r ? r->s : 0;
    return r ? r->n : 0;
}

const double *govidx_dea_efficiency(const govidx_dea_result *r) { return r ? r->eff : NULL; }
const int *govidx_dea_status(const govidx_dea_result *r) { return r ? r->status : NULL; }
const double *govidx_dea_input_slacks(const govidx_dea_result *r) { return r ? r->slack_in : NULL; }
const double *govidx_dea_output_slacks(const govidx_dea_result *r)
{
    return r ? r->slack_out : NULL;
}
const double *govidx_dea_input_targets(const govidx_dea_result *r) { return r ? r->tgt_in : NULL; }
const double *govidx_dea_output_targets(const govidx_dea_result *r)
{
    return r ? r->tgt_out : NULL;
}
const double *govidx_dea_scale_efficiency(const govidx_dea_result *r)
{
    return r ? r->scale_eff : NULL;
}
const int *govidx_dea_returns_to_scale(const govidx_dea_result *r) { return r ? r->rts_class : NULL; }

size_t govidx_dea_peers(const size_t **idx, const double **weight, const govidx_dea_result *r,
                        size_t unit)
{
    if (idx)
        *idx = NULL;
    if (weight)
        *weight = NULL;
    if (!r || unit >= r->n)
        return 0;
    if (idx)
        *idx = r->peer_idx + unit * r->maxpeer;
    if (weight)
        *weight = r->peer_w + unit * r->maxpeer;
    return r->npeer[unit];
}

void govidx_dea_result_stats(govidx_dea_stats *out, const govidx_dea_result *r)
{
    if (!out)
        return;
    if (r)
        *out = r->stats;
    else
        memset(out, 0, sizeof *out);
}

/* --- driver --------------------------------------------------------------------- */

/* Distinct category levels in ascending order (or one level 0 when NULL). */
static int category_levels(const int *cat, size_t n, int **levels, size_t *nlev)
{
    size_t i, k = 0;
    int *lv = govidx__mallocarray(n ? n : 1, sizeof *lv);
    if (!lv)
        return govidx__oom();
    if (!cat) {
        lv[0] = 0;
        *levels = lv;
        *nlev = 1;
        return GOVIDX_OK;
    }
    for (i = 0; i < n; i++) {
        size_t a;
        int seen = 0;
        if (cat[i] < 1) {
            govidx__free(lv);
            return govidx__fail(GOVIDX_EINVAL, "DEA: DMU %zu has category %d (levels start at 1)",
                                i + 1, cat[i]);
        }
        for (a = 0; a < k && !seen; a++)
            seen = lv[a] == cat[i];
        if (!seen)
            lv[k++] = cat[i];
    }
    for (i = 1; i < k; i++) /* insertion sort: few levels */
        for (size_t b = i; b > 0 && lv[b - 1] > lv[b]; b--) {
            int t = lv[b];
            lv[b] = lv[b - 1];
            lv[b - 1] = t;
        }
    *levels = lv;
    *nlev = k;
    return GOVIDX_OK;
}

typedef struct run_out {
    double *score; /* n */
    int *status;   /* n */
    /* full detail (NULL for score-only runs), target-major */
    size_t maxpeer;
    size_t *peer_idx, *npeer;
    double *peer_w, *slack_in, *slack_out, *tgt_in, *tgt_out;
    size_t *order; /* detail row k belongs to DMU order[k] */
} run_out;

/* Score the points `pts` (all n) against the technology `tech`, honouring
 * categories (levels of tech and pts are the same DMUs).  An `o` with
 * detail arrays (o->npeer) also receives peers, slacks and targets. */
static int run_model(const dea_data *tech, const dea_data *pts, int same, model_spec spec,
                     const int *cat, govidx_dea_algorithm algo, unsigned threads,
                     govidx_progress_fn progress, void *pctx, run_out *o, govidx_dea_stats *st)
{
    size_t n = pts->n, nu, nt, i, lv, base = 0;
    size_t *univ = NULL, *targets = NULL, *frame = NULL, nframe = 0;
    int *levels = NULL, rc;
    size_t nlev = 0;
    job jb;
    /* per-run scratch, target-major */
    double *sc = NULL;
    int *stt = NULL;

    rc = category_levels(cat, n, &levels, &nlev);
    if (rc)
        return rc;
    univ = govidx__mallocarray(tech->n, sizeof *univ);
    targets = govidx__mallocarray(n, sizeof *targets);
    sc = govidx__mallocarray(n, sizeof *sc);
    stt = govidx__mallocarray(n, sizeof *stt);
    if (!univ || !targets || !sc || !stt) {
        rc = govidx__oom();
        goto out;
    }
    for (lv = 0; lv < nlev; lv++) {
        nu = nt = 0;
        for (i = 0; i < tech->n; i++)
            if (!cat || cat[i] <= levels[lv])
                univ[nu++] = i;
        for (i = 0; i < n; i++)
            if (!cat || cat[i] == levels[lv])
                targets[nt++] = i;
        govidx__free(frame);
        frame = NULL;
        if (algo == GOVIDX_DEA_ALGO_FULL) {
            frame = govidx__mallocarray(nu, sizeof *frame);
            if (!frame) {
                rc = govidx__oom();
                goto out;
            }
            memcpy(frame, univ, nu * sizeof *frame);
            nframe = nu;
        } else {
            /* the input-oriented radial frame spans T for every model here */
            progress_ref pr = {progress, pctx, base, n};
            rc = find_frame(tech, spec.rts, univ, nu, threads, &pr, &frame, &nframe, st);
            if (rc)
                goto out;
        }
        memset(&jb, 0, sizeof jb);
        jb.tech = tech;
        jb.pts = pts;
        jb.ref = frame;
        jb.nref = nframe;
        jb.targets = targets;
        jb.ntargets = nt;
        jb.self_in_tech = same;
        jb.universe = (spec.super && same && nframe < nu) ? univ : NULL;
        jb.nuniverse = nu;
        jb.spec = spec;
        jb.score = sc;
        jb.status = stt;
        jb.progress = progress;
        jb.progress_ctx = pctx;
        jb.progress_base = base;
        jb.progress_total = n;
        jb.progress_counts = 1;
        if (o->npeer) {
            jb.maxpeer = o->maxpeer;
            jb.peer_idx = o->peer_idx + base * o->maxpeer;
            jb.peer_w = o->peer_w + base * o->maxpeer;
            jb.npeer = o->npeer + base;
            jb.slack_in = o->slack_in + base * pts->m;
            jb.slack_out = o->slack_out + base * pts->s;
            jb.tgt_in = o->tgt_in + base * pts->m;
            jb.tgt_out = o->tgt_out + base * pts->s;
        } else {
            jb.spec.score_only = 1;
        }
        rc = job_run(&jb, threads, st);
        if (rc)
            goto out;
        for (i = 0; i < nt; i++) {
            o->score[targets[i]] = sc[i];
            o->status[targets[i]] = stt[i];
        }
        if (o->order) /* detail arrays are in category order */
            for (i = 0; i < nt; i++)
                o->order[base + i] = targets[i];
        base += nt;
    }
out:
    govidx__free(levels);
    govidx__free(univ);
    govidx__free(targets);
    govidx__free(frame);
    govidx__free(sc);
    govidx__free(stt);
    return rc;
}

static double farrell(double score, int status, const model_spec *sp)
{
    if (status != GOVIDX_DEA_OPTIMAL)
        return NAN;
    if (!sp->sbm && sp->orient == GOVIDX_DEA_OUTPUT)
        return score > 0.0 ? 1.0 / score : NAN;
    return score;
}

static int make_spec(model_spec *sp, const govidx_dea_options *o, const dea_data *d, size_t m_orig,
                     unsigned char **nd_out)
{
    size_t i;
    unsigned char *nd = NULL;

    memset(sp, 0, sizeof *sp);
    sp->sbm = o->model == GOVIDX_DEA_SBM;
    sp->rts = o->rts;
    sp->orient = o->orientation;
    sp->second_stage = o->second_stage;
    sp->super = o->super_efficiency;
    sp->eps = o->epsilon;
    sp->m_disc = d->m;
    *nd_out = NULL;
    if (o->nondiscretionary) {
        nd = govidx__calloc(d->m, 1);
        if (!nd)
            return govidx__oom();
        sp->m_disc = 0;
        for (i = 0; i < d->m; i++) {
            nd[i] = i < m_orig && o->nondiscretionary[i];
            sp->m_disc += !nd[i];
        }
        if (sp->m_disc == 0) {
            govidx__free(nd);
            return govidx__fail(GOVIDX_EINVAL, "DEA: every input is non-discretionary");
        }
        sp->nd = nd;
    }
    *nd_out = nd;
    return GOVIDX_OK;
}

static void run_out_free(run_out *o)
{
    govidx__free(o->score);
    govidx__free(o->status);
    govidx__free(o->peer_idx);
    govidx__free(o->npeer);
    govidx__free(o->peer_w);
    govidx__free(o->slack_in);
    govidx__free(o->slack_out);
    govidx__free(o->tgt_in);
    govidx__free(o->tgt_out);
    govidx__free(o->order);
    memset(o, 0, sizeof *o);
}

static int run_out_alloc(run_out *o, size_t n, size_t m, size_t s, size_t maxpeer, int detail)
{
    memset(o, 0, sizeof *o);
    o->score = govidx__mallocarray(n, sizeof *o->score);
    o->status = govidx__mallocarray(n, sizeof *o->status);
    if (!o->score || !o->status)
        goto oom;
    if (!detail)
        return GOVIDX_OK;
    o->maxpeer = maxpeer;
    o->peer_idx = govidx__mallocarray(n * maxpeer, sizeof *o->peer_idx);
    o->peer_w = govidx__mallocarray(n * maxpeer, sizeof *o->peer_w);
    o->npeer = govidx__calloc(n, sizeof *o->npeer);
    o->slack_in = govidx__calloc(n * m, sizeof *o->slack_in);
    o->slack_out = govidx__calloc(n * s, sizeof *o->slack_out);
    o->tgt_in = govidx__calloc(n * m, sizeof *o->tgt_in);
    o->tgt_out = govidx__calloc(n * s, sizeof *o->tgt_out);
    o->order = govidx__mallocarray(n, sizeof *o->order);
    if (!o->peer_idx || !o->peer_w || !o->npeer || !o->slack_in || !o->slack_out || !o->tgt_in ||
        !o->tgt_out || !o->order)
        goto oom;
    return GOVIDX_OK;
oom:
    run_out_free(o);
    return govidx__oom();
}

static int check_common(govidx_matrix_view X, govidx_matrix_view Y, const govidx_dea_options *o)
{
    int rc = check_options(o);
    if (rc)
        return rc;
    if (!X.data || !Y.data)
        return govidx__fail(GOVIDX_EINVAL, "DEA: NULL input or output data");
    if (X.rows > 0 && X.rows < X.cols + Y.cols)
        return govidx__fail(GOVIDX_EDIM,
                            "DEA: %zu DMUs are fewer than the %zu inputs + %zu outputs", X.rows,
                            X.cols, Y.cols);
    return GOVIDX_OK;
}

int govidx_dea_compute(govidx_dea_result **out, govidx_matrix_view X, govidx_matrix_view Y,
                       const govidx_dea_options *opts)
{
    govidx_dea_options copy;
    const govidx_dea_options *o = &copy;
    govidx_dea_result *r = NULL;
    dea_data d;
    model_spec sp;
    unsigned char *nd = NULL;
    run_out ro;
    size_t n, m, s, mi, si, maxpeer, k, i, q;
    int rc;

    memset(&ro, 0, sizeof ro);
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dea_compute: NULL result pointer");
    *out = NULL;
    if ((rc = govidx__versioned_read(&dea_options_versions, &copy, opts)) || (rc = check_common(X, Y, o)))
        return rc;
    if ((rc = data_make(&d, X, Y, o->undesirable, o->model == GOVIDX_DEA_SBM, "")))
        return rc;
    n = d.n;
    m = X.cols;
    s = Y.cols;
    mi = d.m;
    si = d.s;
    if ((rc = make_spec(&sp, o, &d, m, &nd)))
        goto fail;
    maxpeer = mi + si + 2;
    r = govidx__calloc(1, sizeof *r);
    if (!r) {
        rc = govidx__oom();
        goto fail;
    }
    r->n = n;
    r->m = m;
    r->s = s;
    r->maxpeer = maxpeer;
    r->eff = govidx__mallocarray(n, sizeof *r->eff);
    r->status = govidx__mallocarray(n, sizeof *r->status);
    r->npeer = govidx__calloc(n, sizeof *r->npeer);
    r->peer_idx = govidx__calloc(n * maxpeer, sizeof *r->peer_idx);
    r->peer_w = govidx__calloc(n * maxpeer, sizeof *r->peer_w);
    r->slack_in = govidx__calloc(n * m, sizeof *r->slack_in);
    r->slack_out = govidx__calloc(n * s, sizeof *r->slack_out);
    r->tgt_in = govidx__calloc(n * m, sizeof *r->tgt_in);
    r->tgt_out = govidx__calloc(n * s, sizeof *r->tgt_out);
    if (!r->eff || !r->status || !r->npeer || !r->peer_idx || !r->peer_w || !r->slack_in ||
        !r->slack_out || !r->tgt_in || !r->tgt_out) {
        rc = govidx__oom();
        goto fail;
    }
    if ((rc = run_out_alloc(&ro, n, mi, si, maxpeer, 1)))
        goto fail;
    rc = run_model(&d, &d, 1, sp, o->category, o->algorithm, o->threads ? o->threads : 1,
                   o->progress, o->progress_ctx, &ro, &r->stats);
    if (rc)
        goto fail;
    for (i = 0; i < n; i++) {
        r->status[i] = ro.status[i];
        r->eff[i] = farrell(ro.score[i], ro.status[i], &sp);
    }
    /* scatter the detail rows (category order) into column-major arrays */
    for (k = 0; k < n; k++) {
        size_t u = ro.order[k], ui = 0, uo = 0;
        if (r->status[u] != GOVIDX_DEA_OPTIMAL)
            continue;
        r->npeer[u] = ro.npeer[k];
        memcpy(r->peer_idx + u * maxpeer, ro.peer_idx + k * maxpeer, ro.npeer[k] * sizeof(size_t));
        memcpy(r->peer_w + u * maxpeer, ro.peer_w + k * maxpeer, ro.npeer[k] * sizeof(double));
        for (q = 0; q < m; q++) {
            r->slack_in[u + q * n] = ro.slack_in[k * mi + q];
            r->tgt_in[u + q * n] = ro.tgt_in[k * mi + q];
        }
        /* outputs: desirable ones from output rows, undesirable from the extra input rows */
        for (q = 0; q < s; q++) {
            if (o->undesirable && o->undesirable[q]) {
                r->slack_out[u + q * n] = ro.slack_in[k * mi + m + ui];
                r->tgt_out[u + q * n] = ro.tgt_in[k * mi + m + ui];
                ui++;
            } else {
                r->slack_out[u + q * n] = ro.slack_out[k * si + uo];
                r->tgt_out[u + q * n] = ro.tgt_out[k * si + uo];
                uo++;
            }
        }
    }
    if (o->scale) {
        /* Scale efficiency CRS/VRS and the RTS class from the NIRS score
         * (Faere, Grosskopf & Lovell 1985; Coelli, Rao & Battese, DEAP 2.1). */
        double *e[3];
        int *st[3];
        govidx_dea_rts which[3] = {GOVIDX_DEA_CRS, GOVIDX_DEA_VRS, GOVIDX_DEA_NIRS};
        run_out so[3];
        memset(so, 0, sizeof so);
        r->scale_eff = govidx__mallocarray(n, sizeof *r->scale_eff);
        r->rts_class = govidx__calloc(n, sizeof *r->rts_class);
        if (!r->scale_eff || !r->rts_class) {
            rc = govidx__oom();
            goto fail;
        }
        for (k = 0; k < 3; k++) {
            model_spec ss = sp;
            ss.rts = which[k];
            ss.super = 0;
            ss.second_stage = 0;
            rc = run_out_alloc(&so[k], n, mi, si, maxpeer, 0);
            if (!rc)
                rc = run_model(&d, &d, 1, ss, o->category, o->algorithm,
                               o->threads ? o->threads : 1, NULL, NULL, &so[k], &r->stats);
            if (rc) {
                for (i = 0; i <= k; i++)
                    run_out_free(&so[i]);
                goto fail;
            }
            e[k] = so[k].score;
            st[k] = so[k].status;
        }
        for (i = 0; i < n; i++) {
            double crs = farrell(e[0][i], st[0][i], &sp), vrs = farrell(e[1][i], st[1][i], &sp);
            double nirs = farrell(e[2][i], st[2][i], &sp);
            r->scale_eff[i] = isnan(crs) || isnan(vrs) || !(vrs > 0) ? NAN : crs / vrs;
            if (isnan(r->scale_eff[i]) || isnan(nirs))
                r->rts_class[i] = GOVIDX_DEA_RTS_UNKNOWN;
            else if (fabs(crs - vrs) <= 1e-6)
                r->rts_class[i] = GOVIDX_DEA_RTS_CONSTANT;
            else if (fabs(nirs - vrs) <= 1e-6)
                r->rts_class[i] = GOVIDX_DEA_RTS_DECREASING;
            else
                r->rts_class[i] = GOVIDX_DEA_RTS_INCREASING;
        }
        for (k = 0; k < 3; k++)
            run_out_free(&so[k]);
    }
    run_out_free(&ro);
    govidx__free(nd);
    data_free(&d);
    *out = r;
    return GOVIDX_OK;
fail:
    run_out_free(&ro);
    govidx__free(nd);
    data_free(&d);
    govidx_dea_result_free(r);
    return rc;
}

int govidx_dea_malmquist(double *effch, double *techch, double *tfpch, int *status,
                         govidx_matrix_view X1, govidx_matrix_view Y1, govidx_matrix_view X2,
                         govidx_matrix_view Y2, const govidx_dea_options *opts)
{
    govidx_dea_options copy;
    const govidx_dea_options *o = &copy;
    dea_data d[2];
    model_spec sp;
    unsigned char *nd = NULL;
    run_out ro[2][2];
    size_t n, i, a, b;
    int rc;

    memset(d, 0, sizeof d);
    memset(ro, 0, sizeof ro);
    if (!effch || !techch || !tfpch || !status)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dea_malmquist: NULL output array");
    if ((rc = govidx__versioned_read(&dea_options_versions, &copy, opts)) || (rc = check_common(X1, Y1, o)))
        return rc;
    if (o->model != GOVIDX_DEA_RADIAL || o->super_efficiency || o->category)
        return govidx__fail(GOVIDX_EINVAL, "Malmquist: only the plain radial model is supported");
    if (X2.rows != X1.rows || X2.cols != X1.cols || Y2.cols != Y1.cols)
        return govidx__fail(GOVIDX_EDIM, "Malmquist: period 2 is %zu x (%zu, %zu), period 1 is "
                                         "%zu x (%zu, %zu)",
                            X2.rows, X2.cols, Y2.cols, X1.rows, X1.cols, Y1.cols);
    if ((rc = data_make(&d[0], X1, Y1, o->undesirable, 0, " (period 1)")))
        return rc;
    if ((rc = data_make(&d[1], X2, Y2, o->undesirable, 0, " (period 2)")))
        goto out;
    n = d[0].n;
    if ((rc = make_spec(&sp, o, &d[0], X1.cols, &nd)))
        goto out;
    sp.second_stage = 0;
    /* ro[a][b]: period-b data against the period-a frontier */
    for (a = 0; a < 2; a++)
        for (b = 0; b < 2; b++) {
            if ((rc = run_out_alloc(&ro[a][b], n, d[0].m, d[0].s, 1, 0)))
                goto out;
            rc = run_model(&d[a], &d[b], a == b, sp, NULL, o->algorithm,
                           o->threads ? o->threads : 1, NULL, NULL, &ro[a][b], NULL);
            if (rc)
                goto out;
        }
    for (i = 0; i < n; i++) {
        double e11 = farrell(ro[0][0].score[i], ro[0][0].status[i], &sp);
        double e12 = farrell(ro[0][1].score[i], ro[0][1].status[i], &sp);
        double e21 = farrell(ro[1][0].score[i], ro[1][0].status[i], &sp);
        double e22 = farrell(ro[1][1].score[i], ro[1][1].status[i], &sp);
        int worst = GOVIDX_DEA_OPTIMAL;
        for (a = 0; a < 2; a++)
            for (b = 0; b < 2; b++)
                if (ro[a][b].status[i] > worst)
                    worst = ro[a][b].status[i];
        status[i] = worst;
        if (worst != GOVIDX_DEA_OPTIMAL || !(e11 > 0) || !(e21 > 0) || !(e22 > 0)) {
            effch[i] = techch[i] = tfpch[i] = NAN;
            if (worst == GOVIDX_DEA_OPTIMAL)
                status[i] = GOVIDX_DEA_FAILED;
            continue;
        }
        effch[i] = e22 / e11;
        techch[i] = sqrt((e12 / e22) * (e11 / e21));
        tfpch[i] = effch[i] * techch[i];
    }
out:
    for (a = 0; a < 2; a++)
        for (b = 0; b < 2; b++)
            run_out_free(&ro[a][b]);
    govidx__free(nd);
    data_free(&d[0]);
    data_free(&d[1]);
    return rc;
}

/* Names (the single table of each family for the name functions and the CLI). */
static const govidx__name dea_rts_table[] = {
    {"crs", GOVIDX_DEA_CRS}, {"vrs", GOVIDX_DEA_VRS}, {"nirs", GOVIDX_DEA_NIRS}, {"ndrs", GOVIDX_DEA_NDRS},
};
GOVIDX__NAMES(govidx__dea_rts_names, "DEA returns to scale", dea_rts_table);
static const govidx__name dea_model_table[] = {{"radial", GOVIDX_DEA_RADIAL}, {"sbm", GOVIDX_DEA_SBM}};
GOVIDX__NAMES(govidx__dea_model_names, "DEA model", dea_model_table);
static const govidx__name dea_orientation_table[] = {
    {"input", GOVIDX_DEA_INPUT}, {"output", GOVIDX_DEA_OUTPUT}, {"nonoriented", GOVIDX_DEA_NONORIENTED},
    {"in", GOVIDX_DEA_INPUT},    {"out", GOVIDX_DEA_OUTPUT},    {"none", GOVIDX_DEA_NONORIENTED},
};
GOVIDX__NAMES(govidx__dea_orientation_names, "DEA orientation", dea_orientation_table);

GOVIDX__NAME_FUNCTIONS(govidx_dea_rts, govidx_dea_rts, govidx__dea_rts_names)

GOVIDX__NAME_FUNCTIONS(govidx_dea_model, govidx_dea_model, govidx__dea_model_names)

GOVIDX__NAME_FUNCTIONS(govidx_dea_orientation, govidx_dea_orientation, govidx__dea_orientation_names)

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

static int weight_max(double *mx, double *own, const dea_data *d, const double *u,
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
            for (i = 0; i < n; i++)
                if (col[i] > m)
                    m = col[i];
            mx[b0 + t] = m;
            own[b0 + t] = col[idx[b0 + t]];
            if (st && m > 0.0)
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

/*
 * Radial BoD without weight restrictions is the input-oriented CRS model with
 * one unit input and the indicators as outputs (its multiplier form is
 * max u'z_o s.t. u'z_k <= v, v = 1), so it runs on the DEA engine.
 *  1. Certificates: CI_o <= 1 always (the constraint of o itself), so any
 *     w >= 0 with w'z_o = max_k w'z_k > 0 proves CI_o = 1 exactly.  The
 *     candidates w_j = (z_oj / c_j)^q / c_j (c_j the largest value of
 *     indicator j; q = 1, 2, 3, 4) settle most efficient units with a
 *     matrix product and no LP.  A unit within BOD_CERT of the maximum is
 *     settled too (its CI is in [1 - 1e-10, 1]).
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
        if ((rc = weight_max(mx, own, &d, u, left, nleft, &settle)))
            goto out;
        for (t = 0; t < nleft; t++)
            if (status[left[t]] < 0)
                left[k++] = left[t];
        nleft = k;
    }
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
        if ((rc = weight_max(mx, own, &d, u, left + done, nb, &settle)))
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

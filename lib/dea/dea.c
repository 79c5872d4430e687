/*
 * lib/dea/dea.c - DEA efficiency engine: radial (CCR/BCC/NIRS/NDRS) and SBM
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
                return govidx__fail(GOVIDX_ENUMERIC, "DEA %s: row %zu (0-based), column %zu (0-based) is %s",
                                    what, i, j, isnan(a) ? "NaN (missing)" : "infinite");
            if (a < 0.0)
                return govidx__fail(GOVIDX_EDOMAIN, "DEA %s: row %zu (0-based), column %zu (0-based) is negative (%g)",
                                    what, i, j, a);
        }
    return GOVIDX_OK;
}

void data_free(dea_data *d)
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
int data_make(dea_data *d, govidx_matrix_view X, govidx_matrix_view Y,
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
            return govidx__fail(GOVIDX_EDOMAIN, "DEA inputs%s: DMU in row %zu (0-based) has no positive input",
                                period, i);
        }
        if (!(out > 0.0)) {
            data_free(d);
            return govidx__fail(GOVIDX_EDOMAIN, "DEA outputs%s: DMU in row %zu (0-based) has no positive output",
                                period, i);
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
                                        "DEA SBM%s: DMU in row %zu (0-based) has a zero %s (%s column %zu, "
                                        "0-based; SBM divides by every input and output)",
                                        period, i, kind, j < m ? "input" : "output", col);
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
            return govidx__fail(GOVIDX_EINVAL, "DEA: DMU in row %zu (0-based) has category %d (levels start at 1)",
                                i, cat[i]);
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


/* Score the points `pts` (all n) against the technology `tech`, honouring
 * categories (levels of tech and pts are the same DMUs).  An `o` with
 * detail arrays (o->npeer) also receives peers, slacks and targets. */
int run_model(const dea_data *tech, const dea_data *pts, int same, model_spec spec,
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

double farrell(double score, int status, const model_spec *sp)
{
    if (status != GOVIDX_DEA_OPTIMAL)
        return NAN;
    if (!sp->sbm && sp->orient == GOVIDX_DEA_OUTPUT)
        return score > 0.0 ? 1.0 / score : NAN;
    return score;
}

int make_spec(model_spec *sp, const govidx_dea_options *o, const dea_data *d, size_t m_orig,
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

void run_out_free(run_out *o)
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

int run_out_alloc(run_out *o, size_t n, size_t m, size_t s, size_t maxpeer, int detail)
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

int check_common(govidx_matrix_view X, govidx_matrix_view Y, const govidx_dea_options *o)
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

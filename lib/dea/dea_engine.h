/*
 * lib/dea/dea_engine.h - the DEA engine's own types and the functions its
 * files share (docs/methods/dea.md has the method):
 *
 *   dea.c           checks, data, results, the driver (govidx_dea_compute,
 *                   govidx_dea_malmquist) and the name tables
 *   dea_engine.c    one LP per worker: building it, one DMU (radial, SBM),
 *                   threads over fixed chunks
 *   dea_frame.c     the frame of efficient DMUs (score sets, find_frame)
 *   dea_bod_frame.c radial benefit of the doubt on the frame
 *
 * The short names are the module's own; the macros give them prefixed
 * symbols so no link (static archive included) can clash.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DEA_ENGINE_H
#define GOVIDX_DEA_ENGINE_H

#include "dea_internal.h"
#include "lp.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#define job_run govidx__dea_job_run
#define score_set govidx__dea_score_set
#define find_frame govidx__dea_find_frame
#define data_free govidx__dea_data_free
#define data_make govidx__dea_data_make
#define run_model govidx__dea_run_model
#define farrell govidx__dea_farrell
#define make_spec govidx__dea_make_spec
#define run_out_free govidx__dea_run_out_free
#define run_out_alloc govidx__dea_run_out_alloc
#define check_common govidx__dea_check_common

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

typedef struct run_out {
    double *score; /* n */
    int *status;   /* n */
    /* full detail (NULL for score-only runs), target-major */
    size_t maxpeer;
    size_t *peer_idx, *npeer;
    double *peer_w, *slack_in, *slack_out, *tgt_in, *tgt_out;
    size_t *order; /* detail row k belongs to DMU order[k] */
} run_out;

int job_run(job *jb, unsigned threads, govidx_dea_stats *stats);
int score_set(const dea_data *d, govidx_dea_rts rts, const size_t *ref, size_t nref,
              const size_t *targets, size_t nt, double *score, int *status, unsigned threads,
              const progress_ref *pr, govidx_dea_stats *stats);
int find_frame(const dea_data *d, govidx_dea_rts rts, const size_t *univ, size_t nu,
               unsigned threads, const progress_ref *pr, size_t **frame, size_t *nframe,
               govidx_dea_stats *stats);
void data_free(dea_data *d);
int data_make(dea_data *d, govidx_matrix_view X, govidx_matrix_view Y,
              const unsigned char *undesirable, int sbm, const char *period);
int run_model(const dea_data *tech, const dea_data *pts, int same, model_spec spec,
              const int *cat, govidx_dea_algorithm algo, unsigned threads,
              govidx_progress_fn progress, void *pctx, run_out *o, govidx_dea_stats *st);
double farrell(double score, int status, const model_spec *sp);
int make_spec(model_spec *sp, const govidx_dea_options *o, const dea_data *d, size_t m_orig,
              unsigned char **nd_out);
void run_out_free(run_out *o);
int run_out_alloc(run_out *o, size_t n, size_t m, size_t s, size_t maxpeer, int detail);
int check_common(govidx_matrix_view X, govidx_matrix_view Y, const govidx_dea_options *o);

#endif /* GOVIDX_DEA_ENGINE_H */

/*
 * lib/uncertainty/uncertainty_model.h - the layout of govidx_uncertainty and
 * the context of a run, shared by the files of the uncertainty module: the
 * run (uncertainty.c), sampling (uncertainty_sample.c), the replication
 * loop (uncertainty_replicate.c), the statistics and accessors
 * (uncertainty_stats.c) and the CSV files (uncertainty_csv.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_UNCERTAINTY_MODEL_H
#define GOVIDX_UNCERTAINTY_MODEL_H

#include "composite/plan_internal.h"
#include "composite/result_internal.h"
#include "uncertainty_internal.h"
#include "govidx/uncertainty.h"

#include <pthread.h>

struct govidx_uncertainty {
    size_t n_units, n_years, n_nodes, N;
    char **unit_codes, **node_codes;
    int *years;
    double *nominal;         /* cells, GOVIDX__CELL layout */
    size_t n_track;          /* nodes with statistics: all, or the roots (roots_only) */
    size_t *track, *track_of; /* t -> node; node -> t or NONE */
    uint32_t *nominal_rank;
    /* per tracked cell TCELL: */
    size_t n_dtrack;         /* tracked nodes a drawn weight reaches (the others stay nominal) */
    size_t *dslot;           /* t -> its place among them, or NONE */
    double *draws;           /* dcell * N + replication; sorted per cell at the end (NaN last) */
    size_t *n_present;
    double *mean;            /* mean score */
    uint32_t *hist;          /* tcell * (n_units + 1) + rank (0 = missing) */
    size_t n_params;
    size_t *param_node, *param_parent;
    size_t *dropped;         /* leave_one_out: the indicator dropped in each replication */
    size_t *parent_of;       /* node -> parent or NONE */
    double *params;          /* replication * n_params + p */
    /* Sobol */
    int has_sobol;
    size_t n_inputs;
    char **input_codes;      /* "weights:CODE" */
    size_t n_roots;
    size_t *roots;           /* node indices */
    double *sobol;           /* ((y * n_roots + r) * (n_units + 1) + u) * n_inputs * 6; u = n_units: the scalar */
    double sobol_width;
};

#define CELL(u, unit, year, node) (((year) * (u)->n_nodes + (node)) * (u)->n_units + (unit))
#define TCELL(u, unit, year, t) (((year) * (u)->n_track + (t)) * (u)->n_units + (unit))
#define DCELL(u, unit, year, t) (((year) * (u)->n_dtrack + (u)->dslot[t]) * (u)->n_units + (unit))

/* The fixed part of a run, shared read-only by the workers. */
#define UX_CHUNK 64

typedef struct ux_ctx {
    const govidx_plan *p;
    govidx_uncertainty_options o;
    govidx_uncertainty *u;
    const double *nominal;   /* cells */
    unsigned char *perturbed; /* node: its weight within its parent is drawn */
    unsigned char *dirty;    /* agg index: recomputed per replication */
    size_t *inputs;          /* agg indices whose children are drawn (Sobol inputs) */
    size_t n_inputs;         /* n_winputs, + 1 with leave_one_out (the last input) */
    size_t n_winputs;
    size_t *dim0;            /* input -> its first coordinate (Sobol' sampling) */
    /* data noise: the dataset's panel and standard errors per year; the
     * data input is input data_input1 - 1 (0 = none, the last input) */
    const govidx_panel *dpanel;
    govidx_matrix_view *se;
    size_t data_input1;
    size_t n_dims;           /* coordinates of one matrix (A or B) */
    size_t *drop;            /* leave_one_out: the indicators that may be dropped */
    size_t n_drop;
    /* method switches (vary): one context per combination of values, the
     * combination of replication s drawn per key (the last inputs) */
    struct ux_ctx *vc;
    size_t n_comb;
    size_t *vary_n;          /* values per key */
    size_t max_children;
    size_t n_evals_per_sample; /* 1, or k + 2 with Sobol */
    double *fA, *fB, *fAB;   /* Sobol outputs: o * N + s; fAB (o * k + i) * N + s */
    /* the linear path */
    int linear;              /* every recomputed node is a plain weighted mean */
    unsigned char *linear_year; /* ... and year y has no missing indicator */
    size_t nd;               /* recomputed (dirty) nodes */
    size_t *dnode;
    size_t *dleaf_start, *dleaf; /* CSR: the leaves (leaf indices) under dnode[d] */
    double *Z;               /* per year: n_units x n_leaves, normalised indicators */
    size_t n_out;
    /* shared progress */
    pthread_mutex_t lock;
    size_t next, done;
    int cancel, rc;
    char msg[256];
} ux_ctx;

typedef struct ux_worker {
    ux_ctx *c;
    uint32_t *hist;     /* thread's own histogram */
    double *block;      /* n_nodes x n_units: one year's scores */
    double *work;       /* n_units x max_children */
    double *mult;       /* node -> weight multiplier */
    double *w;          /* max_children */
    uint32_t *ranks;
    void *scratch;
    double *rw;         /* linear path: UX_CHUNK x n_nodes renormalised weights */
    double *weff;       /* n_leaves x (nd * UX_CHUNK) */
    double *C;          /* n_units x (nd * UX_CHUNK) */
    double *mults;      /* UX_CHUNK x n_nodes multipliers */
    size_t variant;     /* the combination of method switches drawn */
    /* data noise: this replication's perturbed panel and its execution */
    double *pdata;
    govidx_matrix_view *pviews;
    govidx_panel ppanel;
    govidx_result *dres;
    const double *base; /* dres's scores: the unperturbed-weights cells of this replication */
} ux_worker;

/* uncertainty_sample.c: drawing a replication's inputs */
/* Node a's weights in year y (one weight set, or one per year). */
const double *set_weights(const govidx_plan *p, const plan_agg *a, size_t y);
/* Input i of (sample s, matrix m) into mult: a node's weights, or the
 * indicator left out (the last input, drawn after every weight). */
void draw_input(const ux_ctx *c, size_t i, uint64_t s, uint64_t m, double *mult, size_t *dropped,
                size_t *variant);
/* Replication s's multipliers into mult, and its parameters. */
void draw_sample(const ux_ctx *c, double *mult, size_t s, size_t *variant);

/* uncertainty_replicate.c: the replication loop */
int is_dirty(const ux_ctx *c, size_t node);
int eval_year(const ux_ctx *c, ux_worker *wk, size_t y);
void linear_eval(const ux_ctx *c, ux_worker *wk, size_t y, size_t count);
void *worker_main(void *arg);

/* uncertainty_stats.c: sort each cell's draws, means and counts */
int finish_stats(govidx_uncertainty *u);

#endif

/*
 * lib/composite/plan_internal.h - the layout of govidx_plan, shared by plan.c (building),
 * execute.c (executing) and the fused execution path of plan_fused.c.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_PLAN_INTERNAL_H
#define GOVIDX_PLAN_INTERNAL_H

#include "core/internal.h"
#include "prepare.h"
#include "result_internal.h"
#include "govidx/aggregate.h"
#include "govidx/plan.h"

#include <math.h>

#define NONE ((size_t)-1)

typedef struct plan_leaf {
    size_t node;          /* framework node */
    size_t column;        /* panel column */
    size_t den_column;    /* denominator column or NONE */
    int direction;
    govidx__leaf_prep prep; /* resolved treatment + normalisation */
    int plain_minmax;     /* min-max with no denominator, imputation or treatment: the one-read path */
} plan_leaf;

typedef struct plan_agg {
    size_t node;
    size_t n_children;
    size_t *children;     /* framework nodes */
    govidx_aggregate_options opts;
    int weight_method;    /* -1 nominal, else govidx_weight_method */
    int bod;              /* benefit-of-the-doubt node (DEA), not govidx_aggregate: 1 radial,
                             2 directional (g = 1), 3 robust order-m */
    double bod_m;         /* order m of the robust variant */
    double bod_share_min, bod_share_max;
    double *weights;      /* n_children x n_weight_sets */
    int contiguous;       /* children are nodes c0, c0+1, ...: aggregate the result in place */
    int fused;            /* its leaves are staged with it in one pass (plan_fused.c) */
    int streamed;         /* weighted arithmetic mean summed child by child as each child is done */
    size_t slot;          /* its sums' place in execute's scratch (its depth in the tree) */
    size_t chain_next;    /* fused: the next fused node in execution order (NONE: none) */
} plan_agg;

struct govidx_plan {
    govidx_framework *fw;
    govidx_method *method;
    char *method_json;
    size_t n_units, n_vars, n_years;
    size_t n_leaves, n_aggs, n_nodes;
    plan_leaf *leaves;
    plan_agg *aggs;
    size_t *leaf_of_node;  /* node -> leaf index or NONE */
    size_t *agg_of_node;   /* node -> agg index or NONE */
    size_t *root_of_node;  /* node -> its root */
    double *eff_weight;    /* node -> nominal effective weight (for contributions) */
    size_t *output_order;  /* framework order for outputs */
    size_t *exec_order;    /* depth-first post-order: children right before their parent */
    size_t *child_pos;     /* node -> its place among its parent's children (NONE for a root) */
    size_t n_slots;        /* sums of streamed nodes open at once (the deepest one's depth + 1) */
    int denominate;
    int impute;            /* govidx_impute_method (govidx__impute_kind) */
    int pooled;            /* data-driven weights pooled over years */
    size_t n_weight_sets;  /* 1 when pooled or nominal, else n_years */
    int rescale_aggregates; /* zscore-minmax: min-max every aggregate (EGDI) */
    int has_flags;         /* some step can flag a cell (imputation, treatment): results keep flags */
    double screen_min_share; /* screen.min_share: units with less data are left out (0: off) */
    int screen_all_years;  /* screen.by = all: the share over every year of the panel */
    int unit_filter;       /* units.exclude or units.only is set */
    double low, high;
};

/* Is [mn, mx] the range of a plain min-max column?  0 when this year's
 * data need the general path (empty, constant, or an infinite value),
 * which applies the policy or reports the error. */
static inline int govidx__plain_span(double mn, double mx)
{
    return mx > mn && !isinf(mn) && !isinf(mx);
}

/* The range of plain min-max column x, and govidx__plain_span of it. */
static inline int govidx__plain_range(const double *x, size_t n, double *mn, double *mx)
{
    govidx__kernel_range(x, n, mn, mx);
    return govidx__plain_span(*mn, *mx);
}

/* Weights w[0..m) that govidx_aggregate accepts for a mean: finite, not
 * negative, with a finite positive sum.  The fused and streamed paths take
 * only these; with others the general path reports the problem. */
static inline int govidx__mean_weights_ok(const double *w, size_t m)
{
    double total = 0.0;
    size_t j;
    for (j = 0; j < m; j++) {
        if (!isfinite(w[j]) || w[j] < 0.0)
            return 0;
        total += w[j];
    }
    return total > 0.0 && isfinite(total);
}

/* The running sums of aggregate a over n units, laid out in the 3 x n
 * doubles at base (the count only with a data-availability threshold). */
static inline govidx__node_sums govidx__node_sums_at(double *base, size_t n, const plan_agg *a)
{
    govidx__node_sums sums;
    sums.acc = base;
    sums.ws = base + n;
    sums.cnt = a->opts.min_share > 0.0 ? base + 2 * n : NULL;
    sums.need = a->opts.min_share * (double)a->n_children;
    return sums;
}

/* GOVIDX_ENUMERIC naming the first unit whose score of node in year y of
 * r is infinite; GOVIDX_OK when none is (plan_fused.c). */
int govidx__node_finite(const govidx_plan *p, size_t node, size_t y, const govidx_result *r);

/* Aggregate node a from its children's scores z (units x children) with
 * weights w, exactly as execute does (benefit of the doubt and the
 * zscore-minmax rescaling included), into out (z.rows values); r and y
 * name units and year in messages.  No context is added to errors.  Also
 * used by lib/decompose.c to recompute a node on mixed-year children. */
int govidx__plan_aggregate_z(const govidx_plan *p, const plan_agg *a, govidx_matrix_view z, const double *w,
                             double *out, const govidx_result *r, size_t y);

/* The range of a plain min-max column found ahead of its use: a fused
 * node's last pass finds the range of the next fused node's first column. */
typedef struct govidx__range_carry {
    const double *column; /* NULL: none */
    double mn, mx;
} govidx__range_carry;

/* The fused path (plan_fused.c): can node a run fused (decided at plan
 * time), and run it for year y.  Returns GOVIDX_OK with *done = 0 when this
 * year's data need the general path (an infinite value, a constant or empty
 * column); every cell of the node and its leaves is written when *done = 1.
 * work: 3 x n_units doubles of scratch; carry: the range found ahead, used
 * when it is this node's first column's, and replaced by the next fused
 * node's. */
int govidx__fused_eligible(const govidx_plan *p, const plan_agg *a);
int govidx__fused_node(const govidx_plan *p, const plan_agg *a, const double *w, const govidx_panel *panel,
                       size_t y, govidx_result *r, double *work, govidx__range_carry *carry, int *done);

/* Between building (plan.c) and executing (execute.c): the caller's panel
 * read into *copy and *panel pointed at it (every public entry does this
 * once), and its shape checked. */
int govidx__plan_read_panel(const govidx_panel **panel, govidx_panel *copy);
int govidx__plan_check_panel(const govidx_panel *panel, size_t *n_units, size_t *n_vars);
/* Stage every leaf of year y into r (x: n_units x max_children doubles of
 * work space); aggregate node a of year y with weights w; the weights of a
 * in year y; the most children of any aggregate (execute.c, also used by
 * training in plan.c). */
int govidx__plan_stage_leaves(const govidx_plan *p, const govidx_panel *panel, size_t y, govidx_result *r,
                              double *work);
int govidx__plan_aggregate_node(const govidx_plan *p, const plan_agg *a, size_t y, const double *w,
                                govidx_result *r, double *work);
const double *govidx__plan_agg_weights(const govidx_plan *p, const plan_agg *a, size_t y);
size_t govidx__plan_max_children(const govidx_plan *p);

/* The panel govidx_execute_dataset would run p on (plan_dataset.c), views
 * over ds's arrays; release with govidx__dataset_panel_free(owner). */
int govidx__dataset_panel_new(void **owner, const govidx_panel **panel, const govidx_plan *p,
                              const govidx_dataset *ds);
void govidx__dataset_panel_free(void *owner);

#endif

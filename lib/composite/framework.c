/*
 * lib/composite/framework.c - the index tree: leaves (indicators) and aggregates.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/framework.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

typedef struct fw_node {
    char *code;
    char *parent_code; /* NULL for a root */
    double weight;
    int is_leaf;
    int direction;     /* leaves only */
    size_t column;     /* leaves only */
    double goal_low, goal_high, target; /* leaves only; NaN = unset */
    size_t denominator; /* leaves only; NONE = unset */
    /* filled by seal */
    size_t parent;
    size_t child_start, n_children;
    int level;
} fw_node;

typedef struct code_index {
    const char *code;
    size_t node;
} code_index;

struct govidx_framework {
    fw_node *nodes;
    size_t n, cap, n_leaves;
    int sealed;
    size_t *children; /* CSR lists, indexed by child_start */
    size_t *order;    /* bottom-up evaluation order */
    code_index *index;/* sorted by code, for lookups */
};

int govidx_framework_new(govidx_framework **out)
{
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "framework: out is NULL");
    *out = govidx__calloc(1, sizeof **out);
    return *out ? GOVIDX_OK : govidx__oom();
}

void govidx_framework_free(govidx_framework *fw)
{
    size_t k;
    if (!fw)
        return;
    for (k = 0; k < fw->n; k++) {
        govidx__free(fw->nodes[k].code);
        govidx__free(fw->nodes[k].parent_code);
    }
    govidx__free(fw->nodes);
    govidx__free(fw->children);
    govidx__free(fw->order);
    govidx__free(fw->index);
    govidx__free(fw);
}

static int add_node(govidx_framework *fw, const char *code, const char *parent, double weight,
                    int is_leaf, int direction, size_t column)
{
    fw_node *nd;
    if (!fw || !code || !*code)
        return govidx__fail(GOVIDX_EINVAL, "framework: node code is NULL or empty");
    if (fw->sealed)
        return govidx__fail(GOVIDX_EINVAL, "framework: cannot add '%s' to a sealed framework", code);
    if (!isfinite(weight) || weight < 0)
        return govidx__fail(GOVIDX_EINVAL, "framework: node '%s' has weight %g (must be finite and >= 0)",
                            code, weight);
    if (is_leaf && direction != 1 && direction != -1)
        return govidx__fail(GOVIDX_EINVAL, "framework: indicator '%s' has direction %d (must be +1 or -1)",
                            code, direction);
    if (parent && !*parent)
        parent = NULL;
    if (fw->n == fw->cap) {
        size_t cap = fw->cap ? fw->cap * 2 : 16;
        fw_node *p = govidx__realloc(fw->nodes, cap * sizeof *p);
        if (!p || cap < fw->cap)
            return govidx__oom();
        fw->nodes = p;
        fw->cap = cap;
    }
    nd = &fw->nodes[fw->n];
    memset(nd, 0, sizeof *nd);
    nd->code = govidx__strdup(code);
    nd->parent_code = parent ? govidx__strdup(parent) : NULL;
    if (!nd->code || (parent && !nd->parent_code)) {
        govidx__free(nd->code);
        govidx__free(nd->parent_code);
        return govidx__oom();
    }
    nd->weight = weight;
    nd->is_leaf = is_leaf;
    nd->direction = is_leaf ? direction : 0;
    nd->column = is_leaf ? column : NONE;
    nd->goal_low = nd->goal_high = nd->target = NAN;
    nd->denominator = NONE;
    nd->parent = NONE;
    fw->n++;
    fw->n_leaves += is_leaf != 0;
    return GOVIDX_OK;
}

int govidx_framework_add_indicator(govidx_framework *fw, const char *code, const char *parent,
                                   double weight, int direction, size_t column)
{
    return add_node(fw, code, parent, weight, 1, direction, column);
}

int govidx_framework_add_aggregate(govidx_framework *fw, const char *code, const char *parent,
                                   double weight)
{
    return add_node(fw, code, parent, weight, 0, 0, 0);
}

int govidx_framework_set_indicator_meta(govidx_framework *fw, const char *code, double goal_low,
                                        double goal_high, double target, size_t denominator_column)
{
    size_t k;
    int rc;
    if (!fw || !code)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL argument");
    if ((rc = govidx_framework_find(&k, fw, code)))
        return rc;
    if (!fw->nodes[k].is_leaf)
        return govidx__fail(GOVIDX_EINVAL, "framework: '%s' is an aggregate, not an indicator", code);
    if (isinf(goal_low) || isinf(goal_high) || isinf(target))
        return govidx__fail(GOVIDX_EINVAL, "framework: indicator '%s' has an infinite goalpost or target", code);
    if (isnan(goal_low) != isnan(goal_high) || (!isnan(goal_low) && !(goal_low < goal_high)))
        return govidx__fail(GOVIDX_EINVAL,
                            "framework: indicator '%s' goalposts must be both set with low < high (got %g, %g)",
                            code, goal_low, goal_high);
    fw->nodes[k].goal_low = goal_low;
    fw->nodes[k].goal_high = goal_high;
    fw->nodes[k].target = target;
    fw->nodes[k].denominator = denominator_column;
    return GOVIDX_OK;
}

int govidx_framework_indicator_meta(double *goal_low, double *goal_high, double *target,
                                    size_t *denominator_column, const govidx_framework *fw,
                                    size_t k)
{
    if (!fw || k >= fw->n || !fw->nodes[k].is_leaf)
        return govidx__fail(GOVIDX_EINVAL, "framework: node %zu is not an indicator", k);
    if (goal_low)
        *goal_low = fw->nodes[k].goal_low;
    if (goal_high)
        *goal_high = fw->nodes[k].goal_high;
    if (target)
        *target = fw->nodes[k].target;
    if (denominator_column)
        *denominator_column = fw->nodes[k].denominator;
    return GOVIDX_OK;
}

int govidx_framework_copy(govidx_framework **out, const govidx_framework *fw)
{
    govidx_framework *c = NULL;
    size_t k;
    int rc;
    if (!out || !fw)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL argument");
    if ((rc = govidx_framework_new(&c)))
        return rc;
    for (k = 0; k < fw->n && rc == GOVIDX_OK; k++) {
        const fw_node *nd = &fw->nodes[k];
        rc = add_node(c, nd->code, nd->parent_code, nd->weight, nd->is_leaf, nd->is_leaf ? nd->direction : 0,
                      nd->column);
        if (rc == GOVIDX_OK && nd->is_leaf) {
            c->nodes[k].goal_low = nd->goal_low;
            c->nodes[k].goal_high = nd->goal_high;
            c->nodes[k].target = nd->target;
            c->nodes[k].denominator = nd->denominator;
        }
    }
    if (rc == GOVIDX_OK && fw->sealed)
        rc = govidx_framework_seal(c);
    if (rc) {
        govidx_framework_free(c);
        return rc;
    }
    *out = c;
    return GOVIDX_OK;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const code_index *)a)->code, ((const code_index *)b)->code);
}

static size_t lookup(const govidx_framework *fw, const char *code)
{
    code_index key = {code, 0}, *hit;
    if (!fw->index)
        return NONE;
    hit = bsearch(&key, fw->index, fw->n, sizeof key, cmp_code);
    return hit ? hit->node : NONE;
}

/* Name the nodes of the cycle that `start` leads into (for the message). */
static int report_cycle(const govidx_framework *fw, size_t start)
{
    char msg[512];
    size_t len = 0, k = start, steps;
    /* walk n steps to be sure to stand inside the cycle */
    for (steps = 0; steps < fw->n && fw->nodes[k].parent != NONE; steps++)
        k = fw->nodes[k].parent;
    start = k;
    msg[0] = '\0';
    do {
        int w = snprintf(msg + len, sizeof msg - len, "%s'%s'", len ? " -> " : "", fw->nodes[k].code);
        if (w < 0 || (size_t)w >= sizeof msg - len)
            break;
        len += (size_t)w;
        k = fw->nodes[k].parent;
    } while (k != start && k != NONE);
    return govidx__fail(GOVIDX_ECYCLE, "framework: cycle in the index tree: %s -> '%s'", msg,
                        fw->nodes[start].code);
}

static void unseal(govidx_framework *fw)
{
    govidx__free(fw->children);
    govidx__free(fw->order);
    fw->children = fw->order = NULL;
}

int govidx_framework_seal(govidx_framework *fw)
{
    size_t k, i, n, *pending = NULL, *fill = NULL, head = 0, tail = 0;
    int rc = GOVIDX_OK;
    if (!fw)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL");
    if (fw->sealed)
        return GOVIDX_OK;
    n = fw->n;
    if (n == 0)
        return govidx__fail(GOVIDX_EDIM, "framework: no nodes");
    if (fw->n_leaves == 0)
        return govidx__fail(GOVIDX_EFORMAT, "framework: no indicators");

    govidx__free(fw->index);
    fw->index = govidx__mallocarray(n, sizeof *fw->index);
    fw->children = govidx__mallocarray(n, sizeof *fw->children);
    fw->order = govidx__mallocarray(n, sizeof *fw->order);
    pending = govidx__calloc(n, sizeof *pending);
    fill = govidx__calloc(n, sizeof *fill);
    if (!fw->index || !fw->children || !fw->order || !pending || !fill) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < n; k++) {
        fw->index[k].code = fw->nodes[k].code;
        fw->index[k].node = k;
    }
    qsort(fw->index, n, sizeof *fw->index, cmp_code);
    for (k = 1; k < n; k++)
        if (!strcmp(fw->index[k].code, fw->index[k - 1].code)) {
            rc = govidx__fail(GOVIDX_EFORMAT, "framework: code '%s' is used by two nodes", fw->index[k].code);
            goto done;
        }

    /* resolve parents, count children */
    for (k = 0; k < n; k++) {
        fw_node *nd = &fw->nodes[k];
        nd->n_children = 0;
    }
    for (k = 0; k < n; k++) {
        fw_node *nd = &fw->nodes[k];
        nd->parent = NONE;
        if (!nd->parent_code)
            continue;
        nd->parent = lookup(fw, nd->parent_code);
        if (nd->parent == NONE) {
            rc = govidx__fail(GOVIDX_ENOTFOUND, "framework: node '%s' names parent '%s', which does not exist",
                              nd->code, nd->parent_code);
            goto done;
        }
        if (fw->nodes[nd->parent].is_leaf) {
            rc = govidx__fail(GOVIDX_EFORMAT, "framework: node '%s' names indicator '%s' as its parent",
                              nd->code, nd->parent_code);
            goto done;
        }
        fw->nodes[nd->parent].n_children++;
    }
    /* CSR children lists, in insertion order */
    for (k = 0, i = 0; k < n; k++) {
        fw->nodes[k].child_start = i;
        i += fw->nodes[k].n_children;
    }
    for (k = 0; k < n; k++) {
        size_t p = fw->nodes[k].parent;
        if (p != NONE)
            fw->children[fw->nodes[p].child_start + fill[p]++] = k;
    }
    for (k = 0; k < n; k++) {
        fw_node *nd = &fw->nodes[k];
        double wsum = 0;
        if (nd->is_leaf)
            continue;
        if (nd->n_children == 0) {
            rc = govidx__fail(GOVIDX_EFORMAT, "framework: aggregate '%s' has no children", nd->code);
            goto done;
        }
        for (i = 0; i < nd->n_children; i++)
            wsum += fw->nodes[fw->children[nd->child_start + i]].weight;
        if (!(wsum > 0)) {
            rc = govidx__fail(GOVIDX_EINVAL, "framework: all children of '%s' have weight 0", nd->code);
            goto done;
        }
    }
    /* Kahn's algorithm, leaves first; what never becomes ready lies on a cycle */
    for (k = 0; k < n; k++) {
        pending[k] = fw->nodes[k].n_children;
        if (pending[k] == 0)
            fw->order[tail++] = k;
    }
    while (head < tail) {
        size_t v = fw->order[head++], p = fw->nodes[v].parent;
        int lv = fw->nodes[v].is_leaf ? 1 : fw->nodes[v].level;
        fw->nodes[v].level = lv;
        if (p == NONE)
            continue;
        if (fw->nodes[p].level < lv + 1)
            fw->nodes[p].level = lv + 1;
        if (--pending[p] == 0)
            fw->order[tail++] = p;
    }
    if (tail < n) {
        for (k = 0; k < n; k++)
            if (pending[k] > 0)
                break;
        rc = report_cycle(fw, k);
        goto done;
    }
    fw->sealed = 1;
done:
    if (rc != GOVIDX_OK)
        unseal(fw);
    govidx__free(pending);
    govidx__free(fill);
    return rc;
}

size_t govidx_framework_n_nodes(const govidx_framework *fw) { return fw ? fw->n : 0; }
size_t govidx_framework_n_indicators(const govidx_framework *fw) { return fw ? fw->n_leaves : 0; }

const char *govidx_framework_node_code(const govidx_framework *fw, size_t k)
{
    return fw && k < fw->n ? fw->nodes[k].code : NULL;
}

int govidx_framework_find(size_t *k, const govidx_framework *fw, const char *code)
{
    size_t i;
    if (!fw || !code || !k)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL argument");
    if (fw->sealed)
        i = lookup(fw, code);
    else
        for (i = 0; i < fw->n && strcmp(fw->nodes[i].code, code); i++)
            ;
    if (i == NONE || i >= fw->n)
        return govidx__fail(GOVIDX_ENOTFOUND, "framework: no node '%s'", code);
    *k = i;
    return GOVIDX_OK;
}

size_t govidx_framework_parent(const govidx_framework *fw, size_t k)
{
    return fw && fw->sealed && k < fw->n ? fw->nodes[k].parent : NONE;
}

int govidx_framework_is_indicator(const govidx_framework *fw, size_t k)
{
    return fw && k < fw->n ? fw->nodes[k].is_leaf : 0;
}

size_t govidx_framework_column(const govidx_framework *fw, size_t k)
{
    return fw && k < fw->n ? fw->nodes[k].column : NONE;
}

int govidx_framework_direction(const govidx_framework *fw, size_t k)
{
    return fw && k < fw->n ? fw->nodes[k].direction : 0;
}

double govidx_framework_weight(const govidx_framework *fw, size_t k)
{
    return fw && k < fw->n ? fw->nodes[k].weight : NAN;
}

int govidx_framework_level(const govidx_framework *fw, size_t k)
{
    return fw && fw->sealed && k < fw->n ? fw->nodes[k].level : 0;
}

size_t govidx_framework_n_children(const govidx_framework *fw, size_t k)
{
    return fw && fw->sealed && k < fw->n ? fw->nodes[k].n_children : 0;
}

size_t govidx_framework_child(const govidx_framework *fw, size_t k, size_t i)
{
    if (!fw || !fw->sealed || k >= fw->n || i >= fw->nodes[k].n_children)
        return NONE;
    return fw->children[fw->nodes[k].child_start + i];
}

size_t govidx_framework_order(const govidx_framework *fw, size_t i)
{
    return fw && fw->sealed && i < fw->n ? fw->order[i] : NONE;
}

int govidx_framework_effective_weights(double *out, const govidx_framework *fw)
{
    size_t i;
    if (!fw || !out)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL argument");
    if (!fw->sealed)
        return govidx__fail(GOVIDX_EINVAL, "framework: not sealed");
    /* top-down: reverse of the bottom-up order */
    for (i = fw->n; i-- > 0;) {
        size_t k = fw->order[i], p = fw->nodes[k].parent, c;
        double sum = 0;
        if (p == NONE) {
            out[k] = 1.0;
            continue;
        }
        for (c = 0; c < fw->nodes[p].n_children; c++)
            sum += fw->nodes[fw->children[fw->nodes[p].child_start + c]].weight;
        out[k] = out[p] * fw->nodes[k].weight / sum;
    }
    return GOVIDX_OK;
}

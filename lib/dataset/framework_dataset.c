/*
 * lib/dataset/framework_dataset.c - the index tree stored in a city dataset.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/framework.h"

#define NONE ((size_t)-1)

int govidx_framework_from_dataset(govidx_framework **out, const govidx_dataset *ds)
{
    govidx_framework *fw = NULL;
    size_t j, k, n_ind, n_nodes;
    int rc;
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "framework: NULL argument");
    *out = NULL;
    rc = govidx_framework_new(&fw);
    if (rc)
        return rc;
    n_ind = govidx_dataset_n_indicators(ds);
    n_nodes = govidx_dataset_n_nodes(ds);
    for (j = 0; j < n_ind && rc == GOVIDX_OK; j++) {
        govidx_indicator ind = GOVIDX_INDICATOR_INIT;
        rc = govidx_dataset_indicator(&ind, ds, j);
        if (rc)
            break;
        if (ind.type != GOVIDX_VAR_INDICATOR)
            continue;
        if (n_nodes > 0 && (!ind.parent || !*ind.parent))
            continue; /* not part of the stored tree */
        rc = govidx_framework_add_indicator(fw, ind.code, ind.parent, ind.weight, ind.direction, j);
        if (rc == GOVIDX_OK) {
            size_t den = NONE;
            if (ind.denominator && *ind.denominator &&
                govidx_dataset_find_indicator(&den, ds, ind.denominator) != GOVIDX_OK) {
                rc = govidx__fail(GOVIDX_ENOTFOUND, "framework: indicator '%s' names denominator '%s', "
                                  "which is not a variable of the dataset", ind.code, ind.denominator);
                break;
            }
            rc = govidx_framework_set_indicator_meta(fw, ind.code, ind.goal_low, ind.goal_high, ind.target, den);
        }
    }
    for (k = 0; k < n_nodes && rc == GOVIDX_OK; k++) {
        govidx_node node = GOVIDX_NODE_INIT;
        rc = govidx_dataset_node(&node, ds, k);
        if (rc == GOVIDX_OK)
            rc = govidx_framework_add_aggregate(fw, node.code, node.parent, node.weight);
    }
    if (rc == GOVIDX_OK)
        rc = govidx_framework_seal(fw);
    if (rc != GOVIDX_OK) {
        govidx_framework_free(fw);
        return rc;
    }
    *out = fw;
    return GOVIDX_OK;
}


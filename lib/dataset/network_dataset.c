/*
 * lib/dataset/network_dataset.c - one unit's actor network of one year, read
 * from a city dataset's actors and edges (the measures themselves, in
 * lib/measures/network.c, know nothing of datasets).
 *
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"

#include <string.h>

int govidx_network_from_dataset(govidx_network **out, const govidx_dataset *ds, const char *unit, int year,
                                const char *layer)
{
    size_t na, k, n = 0, *slot = NULL;
    govidx_network *net = NULL;
    int rc;
    if (!out || !ds || !unit)
        return govidx__fail(GOVIDX_EINVAL, "govidx_network_from_dataset: NULL argument");
    *out = NULL;
    na = govidx_dataset_n_actors(ds);
    if (!(slot = govidx__mallocarray(na ? na : 1, sizeof *slot)))
        return govidx__oom();
    for (k = 0; k < na; k++) { /* actor k of the file -> actor slot[k] of the network */
        govidx_actor a = {.version = GOVIDX_ACTOR_VERSION};
        slot[k] = (size_t)-1;
        if (govidx_dataset_actor(&a, ds, k) == GOVIDX_OK && a.unit && !strcmp(a.unit, unit))
            slot[k] = n++;
    }
    if (n == 0) {
        govidx__free(slot);
        return govidx__fail(GOVIDX_ENOTFOUND, "govidx_network_from_dataset: unit '%s' has no actors", unit);
    }
    if ((rc = govidx_network_new(&net, n)))
        goto done;
    for (k = 0; k < na; k++) {
        govidx_actor a = {.version = GOVIDX_ACTOR_VERSION};
        if (slot[k] == (size_t)-1)
            continue;
        if ((rc = govidx_dataset_actor(&a, ds, k)) || (rc = govidx_network_set_sector(net, slot[k], a.sector)) ||
            (rc = govidx_network_set_name(net, slot[k], a.name)))
            goto done;
    }
    for (k = 0; k < govidx_dataset_n_edges(ds); k++) {
        govidx_edge e = {.version = GOVIDX_EDGE_VERSION};
        size_t f, t;
        if ((rc = govidx_dataset_edge(&e, ds, k)) || (rc = govidx_dataset_edge_ends(&f, &t, ds, k)))
            goto done;
        if (e.year != year || strcmp(e.unit, unit) || (layer && strcmp(e.layer, layer)))
            continue;
        if (slot[f] == (size_t)-1 || slot[t] == (size_t)-1) {
            rc = govidx__fail(GOVIDX_EFORMAT, "govidx_network_from_dataset: edge %zu of unit '%s' joins an "
                              "actor of another unit", k, unit);
            goto done;
        }
        if ((rc = govidx_network_add_tie(net, slot[f], slot[t], e.weight)))
            goto done;
    }
done:
    govidx__free(slot);
    if (rc)
        govidx_network_free(net);
    else
        *out = net;
    return rc;
}

/*
 * lib/core/names.c - lookups in the spec-name tables of enum families (the
 * tables themselves live next to each family's code).
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

int govidx__names_find(const govidx__names *t, const char *name, int *out)
{
    size_t i;
    if (!name || !out)
        return govidx__fail(GOVIDX_EINVAL, "%s: NULL argument", t->what);
    for (i = 0; i < t->n; i++)
        if (!strcmp(t->v[i].name, name)) {
            *out = t->v[i].value;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_EFORMAT, "unknown %s '%s'", t->what, name);
}

const char *govidx__names_name(const govidx__names *t, int value)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (t->v[i].value == value)
            return t->v[i].name;
    govidx__fail(GOVIDX_EINVAL, "%s %d is out of range", t->what, value);
    return NULL;
}

/* What a family's row lookup gives for a value it has no row for. */
const govidx__method_row govidx__no_method_row = {NULL, -1, "", 0};

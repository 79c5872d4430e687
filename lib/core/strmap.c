/*
 * lib/core/strmap.c - string -> index hash map for code lookups (units,
 * indicators, districts, actors, ...).  Open addressing with linear
 * probing; the map borrows its keys (the caller keeps them alive and
 * unchanged) and keeps the first index put for a key, as a linear search
 * from the start would find it.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

struct govidx__strmap_slot {
    const char *key; /* NULL = empty */
    uint64_t hash;
    size_t value;
};

/* FNV-1a with a final mix, so that the low bits used for the slot depend
 * on every byte. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h;
}

static void insert_slot(struct govidx__strmap_slot *slot, size_t mask, const char *key, uint64_t h,
                        size_t value)
{
    size_t i = (size_t)h & mask;
    while (slot[i].key)
        i = (i + 1) & mask;
    slot[i].key = key;
    slot[i].hash = h;
    slot[i].value = value;
}

int govidx__strmap_reserve(govidx__strmap *m, size_t n)
{
    size_t cap = 16, i;
    struct govidx__strmap_slot *slot;
    while (cap / 2 < n) { /* load factor at most 1/2 */
        if (cap > SIZE_MAX / 4)
            return govidx__fail(GOVIDX_EDIM, "too many codes");
        cap *= 2;
    }
    if (m->slot && cap <= m->mask + 1)
        return GOVIDX_OK;
    if (!(slot = govidx__calloc(cap, sizeof *slot)))
        return govidx__oom();
    for (i = 0; m->slot && i <= m->mask; i++)
        if (m->slot[i].key)
            insert_slot(slot, cap - 1, m->slot[i].key, m->slot[i].hash, m->slot[i].value);
    govidx__free(m->slot);
    m->slot = slot;
    m->mask = cap - 1;
    return GOVIDX_OK;
}

int govidx__strmap_put(govidx__strmap *m, const char *key, size_t value)
{
    uint64_t h;
    size_t i;
    if (!key || !m->slot || m->count + 1 > (m->mask + 1) / 2)
        return 0; /* the caller did not reserve: programming error, nothing stored */
    h = hash_str(key);
    for (i = (size_t)h & m->mask; m->slot[i].key; i = (i + 1) & m->mask)
        if (m->slot[i].hash == h && !strcmp(m->slot[i].key, key))
            return 0; /* the first index stays */
    m->slot[i].key = key;
    m->slot[i].hash = h;
    m->slot[i].value = value;
    m->count++;
    return 1;
}

size_t govidx__strmap_get(const govidx__strmap *m, const char *key)
{
    uint64_t h;
    size_t i;
    if (!key || !m->slot)
        return SIZE_MAX;
    h = hash_str(key);
    for (i = (size_t)h & m->mask; m->slot[i].key; i = (i + 1) & m->mask)
        if (m->slot[i].hash == h && !strcmp(m->slot[i].key, key))
            return m->slot[i].value;
    return SIZE_MAX;
}

int govidx__strmap_build(govidx__strmap *m, const char *const *keys, size_t n, size_t stride)
{
    size_t i;
    int rc = govidx__strmap_reserve(m, n);
    if (rc)
        return rc;
    for (i = 0; i < n; i++)
        govidx__strmap_put(m, *(const char *const *)((const char *)keys + i * stride), i);
    return GOVIDX_OK;
}

void govidx__strmap_free(govidx__strmap *m)
{
    govidx__free(m->slot);
    m->slot = NULL;
    m->mask = m->count = 0;
}

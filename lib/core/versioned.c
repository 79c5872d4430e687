/*
 * lib/core/versioned.c - versioned structs that can grow (libgit2's
 * GIT_ERROR_CHECK_VERSION and git_*_options_init, with sizes).
 *
 * A public options struct or output record starts with `unsigned version`.
 * Each struct has one govidx__versioned descriptor (see GOVIDX__VERSIONS_1
 * in internal.h): its name for messages, the current version, the size of
 * every version (the end of the last field that version has, so padding and
 * later fields are never read from or written to an older caller's struct),
 * and the current defaults (the _INIT value).  A caller of version v in
 * 1..current is served by reading or writing only sizes[v - 1] bytes.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

int govidx__versioned_check(const govidx__versioned *t, unsigned version)
{
    if (version < 1 || version > t->current)
        return govidx__fail(GOVIDX_EINVAL, "%s: version %u not supported (this library accepts 1..%u)", t->name,
                            version, t->current);
    return GOVIDX_OK;
}

size_t govidx__versioned_size(const govidx__versioned *t, unsigned version)
{
    return version >= 1 && version <= t->current ? t->sizes[version - 1] : 0;
}

int govidx__versioned_init(const govidx__versioned *t, void *opts, unsigned version)
{
    int rc;
    if (!opts)
        return govidx__fail(GOVIDX_EINVAL, "%s: NULL struct to initialise", t->name);
    if ((rc = govidx__versioned_check(t, version)) != GOVIDX_OK)
        return rc;
    memcpy(opts, t->defaults, t->sizes[version - 1]);
    memcpy(opts, &version, sizeof version);
    return GOVIDX_OK;
}

int govidx__versioned_read(const govidx__versioned *t, void *dst, const void *src)
{
    unsigned version;
    int rc;
    memcpy(dst, t->defaults, t->sizes[t->current - 1]);
    if (!src)
        return GOVIDX_OK;
    memcpy(&version, src, sizeof version);
    if ((rc = govidx__versioned_check(t, version)) != GOVIDX_OK)
        return rc;
    memcpy(dst, src, t->sizes[version - 1]);
    return GOVIDX_OK;
}

int govidx__versioned_write(const govidx__versioned *t, void *dst, const void *src)
{
    unsigned version;
    int rc;
    if (!dst)
        return govidx__fail(GOVIDX_EINVAL, "%s: NULL output", t->name);
    memcpy(&version, dst, sizeof version);
    if ((rc = govidx__versioned_check(t, version)) != GOVIDX_OK)
        return rc;
    /* the caller's version field stays as the caller set it */
    memcpy((char *)dst + sizeof version, (const char *)src + sizeof version,
           t->sizes[version - 1] - sizeof version);
    return GOVIDX_OK;
}

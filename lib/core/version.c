/*
 * lib/core/version.c - run-time version of the library.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

const char *govidx_version_string(void)
{
    return GOVIDX_VERSION_STRING;
}

int govidx_version(int *major, int *minor, int *patch)
{
    if (major)
        *major = GOVIDX_VERSION_MAJOR;
    if (minor)
        *minor = GOVIDX_VERSION_MINOR;
    if (patch)
        *patch = GOVIDX_VERSION_PATCH;
    return GOVIDX_VERSION_NUMBER;
}

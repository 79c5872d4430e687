/*
 * lib/core/error.c - status texts and the thread-local last-error message.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define GOVIDX__ERRLEN 1024

static _Thread_local char errbuf[GOVIDX__ERRLEN];

const char *govidx_strerror(int status)
{
    switch (status) {
    case GOVIDX_OK: return "success";
    case GOVIDX_EINVAL: return "invalid argument";
    case GOVIDX_ENOMEM: return "out of memory";
    case GOVIDX_EIO: return "input/output error";
    case GOVIDX_EFORMAT: return "invalid format";
    case GOVIDX_EDIM: return "invalid or mismatched dimensions";
    case GOVIDX_ENUMERIC: return "numeric error (non-finite value or zero variance)";
    case GOVIDX_ENOTFOUND: return "not found";
    case GOVIDX_ECYCLE: return "cycle in the index tree";
    case GOVIDX_EDOMAIN: return "value outside the method's domain";
    case GOVIDX_EINFEASIBLE: return "linear programme infeasible";
    case GOVIDX_EUNBOUNDED: return "linear programme unbounded";
    case GOVIDX_ESOLVER: return "LP solver failure";
    case GOVIDX_ECANCELED: return "canceled";
    case GOVIDX_EEXIST: return "already exists";
    case GOVIDX_EMISSING: return "too many missing values";
    default: return "unknown status code";
    }
}

const char *govidx_last_error(void)
{
    return errbuf;
}

void govidx_clear_error(void)
{
    errbuf[0] = '\0';
}

int govidx__vfail(int status, const char *fmt, va_list ap)
{
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    return status;
}

int govidx__fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    govidx__vfail(status, fmt, ap);
    va_end(ap);
    return status;
}

/* Prefixes the message with its context.  A comma-separated part of the
 * context that the message already says (e.g. "indicator 'LPI'" once the
 * kernel's column was named) is left out, so nothing is said twice. */
int govidx__fail_context(int status, const char *fmt, ...)
{
    char given[256], prefix[256] = "", old[GOVIDX__ERRLEN];
    const char *part = given;
    size_t at = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(given, sizeof given, fmt, ap);
    va_end(ap);
    memcpy(old, errbuf, sizeof old);
    if (!old[0])
        snprintf(old, sizeof old, "%s", govidx_strerror(status));
    while (*part) {
        const char *end = strstr(part, ", ");
        size_t len = end ? (size_t)(end - part) : strlen(part);
        char one[256];
        snprintf(one, sizeof one, "%.*s", (int)len, part);
        if (!strstr(old, one)) { /* the parts kept are never longer than `given` */
            if (at) {
                memcpy(prefix + at, ", ", 2);
                at += 2;
            }
            memcpy(prefix + at, part, len);
            prefix[at += len] = '\0';
        }
        part += len + (end ? 2 : 0);
    }
    if (prefix[0])
        snprintf(errbuf, sizeof errbuf, "%s: %.700s", prefix, old);
    else
        snprintf(errbuf, sizeof errbuf, "%s", old);
    return status;
}

int govidx__oom(void)
{
    return govidx__fail(GOVIDX_ENOMEM, "out of memory");
}

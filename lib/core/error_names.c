/*
 * lib/error_names.c - matrix-level messages name a cell by position ("row
 * 106 (0-based)", "column 0 (0-based)"); where the caller has codes (the
 * plan, the headline indices) the message is rewritten to name them
 * ("unit 'MCO'", "child 'osi'"), so a dataset path never shows a position.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int govidx__error_name_positions(int rc, const char *what, const char *noun, const char *const *codes, size_t n)
{
    char in[1024], out[1536], pat[32];
    size_t len = 0, plen;
    const char *s, *hit;
    if (rc == GOVIDX_OK || !codes)
        return rc;
    snprintf(in, sizeof in, "%s", govidx_last_error());
    snprintf(pat, sizeof pat, "%s ", what); /* "row " or "column " */
    plen = strlen(pat);
    for (s = in; (hit = strstr(s, pat)) != NULL && len < sizeof out - 1;) {
        char *end;
        unsigned long k;
        size_t take = (size_t)(hit - s);
        const char *num = hit + plen;
        if (take > sizeof out - 1 - len)
            take = sizeof out - 1 - len;
        memcpy(out + len, s, take);
        len += take;
        k = strtoul(num, &end, 10);
        if (end != num && !strncmp(end, " (0-based)", 10) && k < n && codes[k]) {
            len += (size_t)snprintf(out + len, sizeof out - len, "%s '%s'", noun, codes[k]);
            if (len >= sizeof out)
                len = sizeof out - 1;
            s = end + 10;
        } else {
            size_t keep = plen < sizeof out - 1 - len ? plen : sizeof out - 1 - len;
            memcpy(out + len, hit, keep);
            len += keep;
            s = hit + plen;
        }
    }
    if (len < sizeof out - 1)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s", s);
    out[sizeof out - 1] = 0;
    return govidx__fail(rc, "%s", out);
}

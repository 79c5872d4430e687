/*
 * lib/core/csvfield.c - the one CSV field quoter of the library's writers
 * (results, uncertainty): RFC 4180, a field holding a comma, a double quote,
 * CR or LF is quoted and its double quotes doubled; any other field is
 * written as it is.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

static int needs_quotes(const char *s) { return strpbrk(s, ",\"\r\n") != NULL; }

size_t govidx__csv_field(char *buf, const char *s)
{
    size_t k = 0;
    if (!needs_quotes(s)) {
        size_t n = strlen(s);
        memcpy(buf, s, n);
        return n;
    }
    buf[k++] = '"';
    for (; *s; s++) {
        if (*s == '"')
            buf[k++] = '"';
        buf[k++] = *s;
    }
    buf[k++] = '"';
    return k;
}

void govidx__csv_put_field(FILE *f, const char *s)
{
    if (!needs_quotes(s)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

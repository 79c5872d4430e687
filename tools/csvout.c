/*
 * tools/csvout.c - CSV output for the command-line tool: RFC 4180 quoting
 * and atomic files (a temporary file renamed over the target).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
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

FILE *csv_open(csv_out *o, const char *path)
{
    int fd;
    o->path = path;
    snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", path);
    fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        fprintf(stderr, "govidx: cannot create a file next to %s\n", path);
        return NULL;
    }
    return o->f;
}

int csv_close(csv_out *o, int ok)
{
    if (ok && (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f))))
        ok = 0;
    if (fclose(o->f))
        ok = 0;
    if (ok && rename(o->tmp, o->path))
        ok = 0;
    if (!ok) {
        unlink(o->tmp);
        fprintf(stderr, "govidx: writing %s failed\n", o->path);
    }
    return ok ? 0 : -1;
}

/*
 * tools/csvout.c - CSV output for the command-line tool: RFC 4180 quoting
 * and atomic files (a temporary file renamed over the target).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
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

void csv_double(FILE *f, double x)
{
    char text[GOVIDX_DOUBLE_TEXT_MAX];
    fwrite(text, 1, govidx_format_double(text, sizeof text, x), f);
}

/* The mode a new file gets from open(..., 0666): 0666 less the umask. */
static mode_t new_file_mode(void)
{
    mode_t m = umask(077);
    umask(m);
    return 0666 & ~m;
}

FILE *csv_open(csv_out *o, const char *path)
{
    struct stat st;
    int fd;
    o->path = path;
    o->tmp[0] = '\0';
    o->f = NULL;
    if (!cli_output_ok(path))
        return NULL;
    if (stat(path, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        /* /dev/null, /dev/stdout, a pipe: write in place, never rename over it */
        if (!(o->f = fopen(path, "w")))
            fprintf(stderr, "govidx: cannot open %s: %s\n", path, strerror(errno));
        return o->f;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "govidx: %s is not a regular file, a character device or a FIFO\n", path);
        return NULL;
    }
    if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", path) >= sizeof o->tmp) {
        fprintf(stderr, "govidx: output path too long: %s\n", path);
        o->tmp[0] = '\0';
        return NULL;
    }
    fd = mkstemp(o->tmp);
    if (fd >= 0)
        fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : new_file_mode());
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        fprintf(stderr, "govidx: cannot create a file next to %s\n", path);
        o->tmp[0] = '\0';
        return NULL;
    }
    return o->f;
}

int csv_close(csv_out *o, int ok)
{
    if (ok && (fflush(o->f) || ferror(o->f) || (o->tmp[0] && fsync(fileno(o->f)))))
        ok = 0;
    if (fclose(o->f))
        ok = 0;
    if (o->tmp[0]) {
        if (ok && rename(o->tmp, o->path))
            ok = 0;
        if (!ok)
            unlink(o->tmp);
    }
    if (!ok)
        fprintf(stderr, "govidx: writing %s failed\n", o->path);
    return ok ? 0 : -1;
}

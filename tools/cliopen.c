/*
 * tools/cliopen.c - the one place where the command-line tool opens the
 * files the user names: city datasets (checked in a separate process, then
 * opened in-process: the same file, not merely the same path) and output
 * paths (never one of the inputs, never renamed over a device).
 * cli.h poisons govidx_dataset_open and govidx_dataset_validate_file in
 * every other file of tools/, so a subcommand cannot skip the check.
 * SPDX-License-Identifier: MIT
 */
#define CLI_OPEN_IMPL 1
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int saved_argc;
static char **saved_argv;

void cli_set_args(int argc, char **argv)
{
    saved_argc = argc;
    saved_argv = argv;
}

/* ------------------------------------------------------------------ */
/* datasets                                                             */
/* ------------------------------------------------------------------ */

typedef struct problem {
    char *object, *message;
} problem;

typedef struct open_ctx {
    const char *user;  /* the path as the user gave it */
    const char *alias; /* the /proc path actually opened */
    problem *list;     /* held back until the attempt is known to count */
    size_t n, cap;
    int oom;
} open_ctx;

/* s with every occurrence of the /proc alias replaced by the user's path. */
static void unalias(char *buf, size_t size, const char *s, const open_ctx *c)
{
    size_t al = strlen(c->alias), n = 0;
    const char *p;
    buf[0] = '\0';
    while (al && (p = strstr(s, c->alias)) && n < size) {
        n += (size_t)snprintf(buf + n, size - n, "%.*s%s", (int)(p - s), s, c->user);
        s = p + al;
    }
    if (n < size)
        snprintf(buf + n, size - n, "%s", s);
}

static void keep(open_ctx *c, const char *object, const char *message)
{
    char o[4096], m[4096];
    problem *p;
    unalias(o, sizeof o, object, c);
    unalias(m, sizeof m, message, c);
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 8;
        if (!(p = realloc(c->list, cap * sizeof *p))) {
            c->oom = 1;
            return;
        }
        c->list = p;
        c->cap = cap;
    }
    p = &c->list[c->n];
    p->object = strdup(o);
    p->message = strdup(m);
    if (!p->object || !p->message) {
        free(p->object);
        free(p->message);
        c->oom = 1;
        return;
    }
    c->n++;
}

static void relay_problem(void *ctx, const char *object, const char *message)
{
    keep(ctx, object, message);
}

static void forget(open_ctx *c)
{
    size_t k;
    for (k = 0; k < c->n; k++) {
        free(c->list[k].object);
        free(c->list[k].message);
    }
    c->n = 0;
}

void cli_problem_line(FILE *out, const char *file, const char *object, const char *message)
{
    size_t n = strlen(file);
    if (!strncmp(message, file, n) && message[n] == ':' && message[n + 1] == ' ')
        message += n + 2;
    if (object && *object && strcmp(object, file))
        fprintf(out, "%s: %s: %s\n", file, object, message);
    else
        fprintf(out, "%s: %s\n", file, message);
}

static void flush(open_ctx *c, govidx_problem_fn report, void *ctx)
{
    size_t k;
    for (k = 0; k < c->n; k++) {
        const char *o = c->list[k].object, *m = c->list[k].message;
        if (report)
            report(ctx, o, m);
        else {
            fputs("govidx: ", stderr);
            cli_problem_line(stderr, c->user, o, m);
        }
    }
    if (c->oom)
        fprintf(stderr, "govidx: %s: out of memory while collecting the problems\n", c->user);
    forget(c);
    free(c->list);
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The file behind fd is no longer the one at path (renamed over or deleted):
 * HDF5 cannot reopen it through /proc (it resolves the link's text), and
 * the user meant what is at the path now, so the open is tried again. */
static int replaced(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) != 0 || stat(path, &b) != 0 || a.st_nlink == 0 || a.st_dev != b.st_dev ||
           a.st_ino != b.st_ino;
}

enum { ATTEMPT_OK, ATTEMPT_FAILED, ATTEMPT_AGAIN };

static int attempt(open_ctx *c, govidx_dataset **ds, int *rc)
{
    char alias[4096], child[4096], m[4096];
    int by_path = 0;
    struct stat before, after;
    int fd, r = ATTEMPT_FAILED;
    /* One descriptor for the whole attempt: the validator and the in-process
     * open both reach the file through it (/proc/PID/fd/N), so a file renamed
     * over the path in between is never the one opened. */
    c->alias = "";
    fd = open(c->user, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        snprintf(m, sizeof m, "cannot open: %s", strerror(errno));
        keep(c, c->user, m);
        *rc = GOVIDX_EIO;
        return ATTEMPT_FAILED;
    }
    if (fstat(fd, &before) != 0 || !S_ISREG(before.st_mode)) {
        close(fd);
        keep(c, c->user, "not a regular file");
        *rc = GOVIDX_EIO;
        return ATTEMPT_FAILED;
    }
    if (access("/proc/self/fd", X_OK) == 0) {
        snprintf(alias, sizeof alias, "/proc/self/fd/%d", fd);
        snprintf(child, sizeof child, "/proc/%ld/fd/%d", (long)getpid(), fd);
    } else {
        /* no /proc: by path, with the identity of the file compared before
         * the check and after the open (narrower, not closed, race window) */
        by_path = 1;
        snprintf(alias, sizeof alias, "%s", c->user);
        snprintf(child, sizeof child, "%s", c->user);
        if (strlen(c->user) >= sizeof alias) {
            close(fd);
            keep(c, c->user, "path too long to check without /proc");
            *rc = GOVIDX_EIO;
            return ATTEMPT_FAILED;
        }
    }
    c->alias = child;
    *rc = govidx_dataset_validate_file(child, GOVIDX_VALIDATE_ISOLATED, relay_problem, c);
    if (!*rc && (fstat(fd, &after) != 0 || !same_file(&before, &after))) {
        /* written to in place while it was checked */
        keep(c, c->user, "the file was modified while it was being checked; refused");
        *rc = GOVIDX_EIO;
    } else if (!*rc) {
        c->alias = alias;
        *rc = govidx_dataset_open(ds, alias, NULL);
        if (!*rc && (fstat(fd, &after) != 0 || !same_file(&before, &after))) {
            govidx_dataset_close(*ds);
            *ds = NULL;
            keep(c, c->user, "the file was modified while it was being read; refused");
            *rc = GOVIDX_EIO;
        } else if (*rc && !c->n) {
            unalias(m, sizeof m, govidx_last_error(), c);
            keep(c, c->user, *m ? m : govidx_strerror(*rc));
        }
    } else if (!c->n) {
        unalias(m, sizeof m, govidx_last_error(), c);
        keep(c, c->user, *m ? m : govidx_strerror(*rc));
    }
    if (!*rc && by_path && replaced(fd, c->user)) { /* only possible without /proc: what was read may be another file */
        govidx_dataset_close(*ds);
        *ds = NULL;
        *rc = GOVIDX_EIO;
        keep(c, c->user, "the file was replaced while it was being read");
    }
    if (!*rc)
        r = ATTEMPT_OK;
    else if (replaced(fd, c->user))
        r = ATTEMPT_AGAIN;
    close(fd);
    return r;
}

int cli_dataset_open(govidx_dataset **ds, const char *path, govidx_problem_fn report, void *ctx)
{
    open_ctx c;
    int rc = GOVIDX_OK, k, r = ATTEMPT_FAILED;
    *ds = NULL;
    memset(&c, 0, sizeof c);
    c.user = path;
    for (k = 0; k < 10; k++) {
        forget(&c);
        if ((r = attempt(&c, ds, &rc)) != ATTEMPT_AGAIN)
            break;
        usleep(10000u << (k < 5 ? k : 5)); /* a writer is replacing it: let it finish */
    }
    if (r == ATTEMPT_AGAIN) {
        forget(&c);
        keep(&c, path, "the file kept being replaced while it was being checked (10 attempts); refused");
    }
    if (rc && !report && r != ATTEMPT_AGAIN && c.n > 1)
        keep(&c, path, "not a valid city dataset");
    flush(&c, report, ctx);
    return rc;
}

/* ------------------------------------------------------------------ */
/* outputs                                                              */
/* ------------------------------------------------------------------ */

/* The inputs are whatever else the user named on the command line: every
 * argument (or the part after '=' of --opt=value) that is an existing file,
 * other than the output argument itself. */
static int names_output(const char *arg, const struct stat *out)
{
    struct stat st;
    const char *eq;
    if (stat(arg, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino)
        return 1;
    if (arg[0] == '-' && (eq = strchr(arg, '=')) && stat(eq + 1, &st) == 0 && st.st_dev == out->st_dev &&
        st.st_ino == out->st_ino)
        return 1;
    return 0;
}

int cli_output_ok(const char *out)
{
    struct stat st;
    int k;
    if (!out || !*out) {
        fprintf(stderr, "govidx: an output path is empty\n");
        return 0;
    }
    if (stat(out, &st) != 0)
        return 1; /* a new file: nothing to protect */
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "govidx: output %s is a directory\n", out);
        return 0;
    }
    if (!S_ISREG(st.st_mode))
        return 1; /* a device or FIFO: written directly, never replaced */
    for (k = 1; k < saved_argc; k++)
        if (saved_argv[k] != out && names_output(saved_argv[k], &st)) {
            fprintf(stderr, "govidx: output %s is the input %s; refusing to overwrite an input\n", out,
                    saved_argv[k]);
            return 0;
        }
    return 1;
}

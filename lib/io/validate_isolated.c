/*
 * lib/io/validate_isolated.c - govidx_dataset_validate_file(..., GOVIDX_VALIDATE_ISOLATED):
 * the file is read by a separate executable, govidx-validate-helper
 * (tools/govidx-validate-helper.c), so a file that crashes or hangs HDF5
 * cannot take the caller down.
 *
 * The helper is started with posix_spawn, never fork: forking a threaded
 * caller copies locks held by other threads (malloc's, HDF5's) into a child
 * that then runs library code; a fresh executable starts clean.  Its stdout
 * is a pipe; every other descriptor is closed (O_CLOEXEC on ours, closefrom
 * in the spawn for the caller's), stdin/stderr are /dev/null, its signal
 * mask and dispositions are reset, it runs in its own process group (so a
 * timeout kills anything it started) with a minimal environment.
 *
 * Protocol (one record per line, UTF-8, fields separated by TAB; TAB, CR
 * and LF inside a field are written as spaces):
 *   govidx-validate-helper 1        first line: name and protocol version
 *   P <object> <message>            one per problem, in report order
 *   R <status>                      last line: the govidx_status (0 = valid)
 * Problems are passed to the caller's callback as they arrive.
 *
 * The helper is $GOVIDX_LIBEXECDIR/govidx-validate-helper when that variable
 * is set (the build tree's tools/ for `make check`; ignored in set-uid
 * programs), else $(pkglibexecdir)/govidx-validate-helper as installed.
 * The wall-clock limit is GOVIDX_VALIDATE_TIMEOUT_MS (default 60000).
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include "dataset/dataset_model.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef GOVIDX_PKGLIBEXECDIR
#define GOVIDX_PKGLIBEXECDIR "/usr/local/libexec/govidx"
#endif
#define HELPER_NAME "govidx-validate-helper"
#define HELPER_HEADER "govidx-validate-helper 1"
#define DEFAULT_TIMEOUT_MS 60000L
#define MAX_LINE 65536 /* a longer line is a broken helper */

/* Variables passed on to the helper (when set): the dynamic linker's path
 * (a staged or uninstalled libgovidx), HDF5's file-locking switch (needed
 * on some network file systems) and the sanitizers' options (checked
 * builds).  Nothing else of the caller's environment reaches it. */
static const char *const pass_env[] = {
    "LD_LIBRARY_PATH", "HDF5_USE_FILE_LOCKING", "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS",
};
#define N_PASS (sizeof pass_env / sizeof pass_env[0])

static long timeout_ms(void)
{
    const char *s = getenv("GOVIDX_VALIDATE_TIMEOUT_MS");
    char *end;
    long v;
    if (!s || !*s)
        return DEFAULT_TIMEOUT_MS;
    errno = 0;
    v = strtol(s, &end, 10);
    return (errno || *end || v <= 0 || v > 86400000L) ? DEFAULT_TIMEOUT_MS : v;
}

static char *helper_path(void)
{
    const char *dir = secure_getenv("GOVIDX_LIBEXECDIR");
    govidx__buf b = {0};
    char *out = NULL;
    govidx__buf_printf(&b, "%s/" HELPER_NAME, dir && *dir ? dir : GOVIDX_PKGLIBEXECDIR);
    return govidx__buf_finish(&b, &out) ? NULL : out;
}

static long elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long)(t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* What the parent learned from the helper's lines. */
typedef struct reader {
    govidx_problem_fn report;
    void *ctx;
    int header;      /* the first line was the protocol header */
    int bad;         /* not the protocol: stop reading */
    int got_status;  /* the R line arrived */
    int status;
    char first[64];  /* the first line, for the error message */
} reader;

static void handle_line(reader *rd, char *line)
{
    if (!rd->header) {
        snprintf(rd->first, sizeof rd->first, "%s", line);
        if (strcmp(line, HELPER_HEADER))
            rd->bad = 1;
        rd->header = 1;
        return;
    }
    if (line[0] == 'P' && line[1] == '\t' && !rd->got_status) {
        char *obj = line + 2, *msg = strchr(obj, '\t');
        if (msg)
            *msg++ = '\0';
        if (rd->report)
            rd->report(rd->ctx, obj, msg ? msg : "");
    } else if (line[0] == 'R' && line[1] == '\t' && !rd->got_status) {
        char *end;
        long v = strtol(line + 2, &end, 10);
        rd->got_status = 1;
        rd->status = (end == line + 2 || *end || v > 0 || v < -1000) ? GOVIDX_EIO : (int)v;
    } else {
        rd->bad = 1;
    }
}

/* Hand every complete line in b to handle_line; keep the remainder. */
static void take_lines(reader *rd, govidx__buf *b)
{
    size_t start = 0, i;
    for (i = 0; i < b->len && !rd->bad && !rd->got_status; i++)
        if (b->data[i] == '\n') {
            b->data[i] = '\0';
            handle_line(rd, b->data + start);
            start = i + 1;
        }
    if (start) {
        memmove(b->data, b->data + start, b->len - start);
        b->len -= start;
    }
    if (b->len > MAX_LINE)
        rd->bad = 1;
}

static int start_helper(pid_t *pid, const char *helper, const char *path, long limit_ms, int out_fd)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    char limit[32], parent[32], *env[N_PASS + 3];
    char *argv[] = {(char *)helper, "--time-limit-ms", limit, "--parent", parent, "--", (char *)path, NULL};
    size_t k, ne = 0;
    int rc;
    snprintf(limit, sizeof limit, "%ld", limit_ms);
    snprintf(parent, sizeof parent, "%ld", (long)getpid());
    env[ne++] = "PATH=/usr/bin:/bin";
    env[ne++] = "OPENBLAS_NUM_THREADS=1"; /* the helper does no linear algebra: no thread pool */
    for (k = 0; k < N_PASS; k++) {
        const char *v = getenv(pass_env[k]);
        govidx__buf b = {0};
        if (!v)
            continue;
        govidx__buf_printf(&b, "%s=%s", pass_env[k], v);
        if (govidx__buf_finish(&b, &env[ne])) {
            rc = ENOMEM;
            goto free_env;
        }
        ne++;
    }
    env[ne] = NULL;
    sigemptyset(&none);
    sigfillset(&all);
    rc = posix_spawn_file_actions_init(&fa);
    if (rc)
        goto free_env;
    rc = posix_spawnattr_init(&attr);
    if (rc) {
        posix_spawn_file_actions_destroy(&fa);
        goto free_env;
    }
    /* stdin and stderr from /dev/null, stdout the pipe (dup2 clears its
     * close-on-exec), nothing else */
    if (!rc)
        rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (!rc)
        rc = posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
    if (!rc)
        rc = posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
    if (!rc)
        rc = posix_spawn_file_actions_addclosefrom_np(&fa, 3);
#endif
    if (!rc)
        rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    if (!rc)
        rc = posix_spawnattr_setsigmask(&attr, &none);
    if (!rc)
        rc = posix_spawnattr_setsigdefault(&attr, &all);
    if (!rc)
        rc = posix_spawnattr_setpgroup(&attr, 0);
    if (!rc)
        rc = posix_spawn(pid, helper, &fa, &attr, argv, env);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
free_env:
    for (k = 2; k < ne; k++)
        govidx__free(env[k]);
    return rc;
}

static void reap(pid_t pid, int *st)
{
    while (waitpid(pid, st, 0) < 0) {
        if (errno != EINTR) { /* ECHILD: the caller ignores SIGCHLD, the child is gone */
            *st = -1;
            return;
        }
    }
}

int govidx__validate_isolated(const char *path, govidx_problem_fn report, void *ctx)
{
    long limit = timeout_ms();
    char *helper = helper_path();
    reader rd;
    govidx__buf pending = {0};
    int p[2], rc, st = 0, timed_out = 0;
    pid_t pid;
    struct timespec t0;
    char msg[256];

    if (!helper)
        return govidx__oom();
    memset(&rd, 0, sizeof rd);
    rd.report = report;
    rd.ctx = ctx;
    if (pipe2(p, O_CLOEXEC) != 0) {
        govidx__free(helper);
        return govidx__fail(GOVIDX_EIO, "%s: cannot create a pipe for the validator: %s", path, strerror(errno));
    }
    /* A missing or non-executable helper is found here, not from the child's
     * exit status: posix_spawn reports exec failures only where it can (not
     * under valgrind, whose vfork is a fork), and the message must not
     * depend on that. */
    rc = access(helper, X_OK) != 0 ? errno : 0;
    if (rc == 0)
        rc = start_helper(&pid, helper, path, limit, p[1]);
    close(p[1]);
    if (rc) {
        close(p[0]);
        if (rc == ENOMEM) {
            govidx__free(helper);
            return govidx__oom();
        }
        rc = govidx__fail(GOVIDX_EIO,
                          "%s: cannot start the validator helper %s: %s (is govidx installed completely? "
                          "GOVIDX_LIBEXECDIR names the directory holding " HELPER_NAME ")",
                          path, helper, strerror(rc));
        govidx__free(helper);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        struct pollfd pf = {p[0], POLLIN, 0};
        long left = limit - elapsed_ms(&t0);
        char buf[4096];
        ssize_t n;
        int pr;
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        pr = poll(&pf, 1, left > 1000000 ? 1000000 : (int)left);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            break;
        if (pr == 0)
            continue;
        n = read(p[0], buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            break;
        govidx__buf_append(&pending, buf, (size_t)n);
        if (pending.failed)
            break;
        take_lines(&rd, &pending);
        if (rd.bad || rd.got_status) /* R is the last line: nothing more to wait for */
            break;
    }
    close(p[0]);
    /* Stop the helper's process group unless it ended on its own without a
     * result (then reap it first, so its exit status is its own). */
    if (timed_out || rd.got_status || rd.bad || pending.failed) {
        kill(-pid, SIGKILL);
        reap(pid, &st);
    } else {
        reap(pid, &st);
        kill(-pid, SIGKILL); /* anything it left behind; ESRCH when nothing */
    }
    rc = pending.failed ? govidx__oom() : GOVIDX_OK;
    govidx__buf_free(&pending);
    if (rc) {
        govidx__free(helper);
        return rc;
    }
    if (timed_out) {
        snprintf(msg, sizeof msg,
                 "reading the file took longer than the %ld ms limit; the validator was stopped", limit);
        if (report)
            report(ctx, path, msg);
        rc = govidx__fail(GOVIDX_EFORMAT, "%s: %s", path, msg);
    } else if (rd.bad) {
        rc = govidx__fail(GOVIDX_EIO, "%s: %s is not a govidx validator helper (protocol 1): it wrote '%s'",
                          path, helper, rd.header ? rd.first : "");
    } else if (rd.got_status) {
        rc = rd.status ? govidx__fail(rd.status, "%s: the file is not valid", path) : GOVIDX_OK;
    } else if (st != -1 && WIFSIGNALED(st)) {
        snprintf(msg, sizeof msg,
                 "the HDF5 library crashed (signal %d) while reading the file \xe2\x80\x94 the file is corrupted",
                 WTERMSIG(st));
        if (report)
            report(ctx, path, msg);
        rc = govidx__fail(GOVIDX_EFORMAT, "%s: %s", path, msg);
    } else {
        /* e.g. a sanitizer caught the crash and exited instead of dying by the signal */
        snprintf(msg, sizeof msg, "the validator ended without a result (exit status %d)",
                 st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        if (report)
            report(ctx, path, msg);
        rc = govidx__fail(GOVIDX_EIO, "%s: %s", path, msg);
    }
    govidx__free(helper);
    return rc;
}

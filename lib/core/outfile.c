/*
 * lib/core/outfile.c - what an output path is (regular file, device, directory),
 * the mode a replacing file gets, and the advisory lock that serialises
 * writers of one file (read - modify - rename must not interleave, or a
 * concurrent writer's run is lost).
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int govidx__output_kind(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return 0;
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
        return 1;
    govidx__fail(GOVIDX_EINVAL, "'%s' is %s: refusing to write over it", path,
                 S_ISDIR(st.st_mode) ? "a directory" : "not a regular file, a character device or a FIFO");
    return -1;
}

/* The umask without changing it (umask(2) would race with other threads):
 * Linux 4.7+ shows it in /proc/self/status; else assume the common 022. */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned m = 022;
    if (!f)
        return 022;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Umask: %o", &m) == 1)
            break;
    fclose(f);
    return (mode_t)(m & 0777);
}

mode_t govidx__output_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    return 0666 & ~current_umask();
}

int govidx__writer_lock(const char *path, int *fd)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 16;
    char *lk = govidx__malloc(n);
    int f, r;
    *fd = -1;
    if (!lk)
        return govidx__oom();
    snprintf(lk, n, "%.*s.%s.lock", (int)dl, path, slash ? slash + 1 : path);
    f = open(lk, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666 & ~current_umask());
    if (f < 0) {
        int e = errno;
        r = govidx__fail(GOVIDX_EIO, "%s: cannot create the writer lock %s: %s", path, lk, strerror(e));
        govidx__free(lk);
        return r;
    }
    while ((r = flock(f, LOCK_EX)) != 0 && errno == EINTR)
        ;
    if (r != 0) {
        int e = errno;
        close(f);
        r = govidx__fail(GOVIDX_EIO, "%s: cannot lock %s: %s", path, lk, strerror(e));
        govidx__free(lk);
        return r;
    }
    govidx__free(lk);
    *fd = f;
    return GOVIDX_OK;
}

void govidx__writer_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}

/*
 * fuzz/fuzz_h5.c - libFuzzer target for the HDF5 dataset reader.
 *
 * HDF5 reads from files, so the input bytes are written to a fresh
 * temporary file (mkstemp in $TMPDIR or /tmp) which govidx_dataset_open
 * then opens in-process.  A file that opens is validated and its panels
 * are read, so the reader's post-open checks run too.
 *
 * HDF5 itself is not instrumented and can crash on some corrupted files
 * (see fuzz/README.md); those crashes are not govidx bugs.  The
 * `govidx` commands contain them by checking files in a separate process
 * (govidx-validate-helper).
 *
 * SPDX-License-Identifier: MIT
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "govidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A per-input deadline that cannot deadlock.  libFuzzer's own -timeout
 * handler prints a stack trace from a SIGALRM handler, which allocates: if
 * the input made HDF5 hang while holding malloc's lock, the handler hangs
 * too and -max_total_time is never honoured.  This timer's handler only
 * write()s and _exit()s (both async-signal-safe); the Makefile runs the h5
 * target with -timeout=0.  GOVIDX_FUZZ_DEADLINE_S (default 10) sets it. */
static timer_t deadline;
static int deadline_ready = -1;

static void deadline_passed(int sig)
{
    static const char msg[] = "fuzz_h5: per-input deadline passed (HDF5 hang); exiting\n";
    (void)sig;
    if (write(2, msg, sizeof msg - 1) < 0) { /* nothing else can be done */ }
    _exit(70);
}

static void arm_deadline(int on)
{
    struct itimerspec it;
    if (deadline_ready < 0) {
        struct sigaction sa;
        struct sigevent ev;
        memset(&sa, 0, sizeof sa);
        memset(&ev, 0, sizeof ev);
        sa.sa_handler = deadline_passed;
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = SIGRTMIN + 3;
        deadline_ready = sigaction(SIGRTMIN + 3, &sa, NULL) == 0 &&
                         timer_create(CLOCK_MONOTONIC, &ev, &deadline) == 0;
    }
    if (!deadline_ready)
        return;
    memset(&it, 0, sizeof it);
    if (on) {
        const char *s = getenv("GOVIDX_FUZZ_DEADLINE_S");
        long v = s ? atol(s) : 0;
        it.it_value.tv_sec = v > 0 ? v : 10;
    }
    timer_settime(deadline, 0, &it, NULL);
}

static int write_temp(char *path, size_t cap, const uint8_t *data, size_t size)
{
    const char *dir = getenv("TMPDIR");
    size_t done = 0;
    int fd;

    if (!dir || !*dir)
        dir = "/tmp";
    if ((size_t)snprintf(path, cap, "%s/govidx-fuzz-XXXXXX", dir) >= cap)
        return -1;
    fd = mkstemp(path);
    if (fd < 0)
        return -1;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        done += (size_t)n;
    }
    close(fd);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[4096];
    govidx_open_options opts = GOVIDX_OPEN_OPTIONS_INIT;
    govidx_dataset *ds = NULL;

    if (write_temp(path, sizeof path, data, size) != 0)
        return 0;
    arm_deadline(1);
    opts.max_bytes = (size_t)64 << 20; /* keep huge declared sizes out of the fuzzer's memory limit */
    if (govidx_dataset_open(&ds, path, &opts) == GOVIDX_OK) {
        size_t y, n_years = govidx_dataset_n_years(ds);
        govidx_matrix_view v;
        (void)govidx_dataset_validate(ds, NULL, NULL);
        for (y = 0; y < n_years; y++)
            (void)govidx_dataset_panel(&v, ds, y);
        govidx_dataset_close(ds);
    }
    arm_deadline(0);
    unlink(path);
    return 0;
}

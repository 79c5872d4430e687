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
 * `govidx validate` command contains them by checking files in a forked
 * child.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "govidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    opts.max_bytes = (size_t)64 << 20; /* keep huge declared sizes out of the fuzzer's memory limit */
    if (govidx_dataset_open(&ds, path, &opts) == GOVIDX_OK) {
        size_t y, n_years = govidx_dataset_n_years(ds);
        govidx_matrix_view v;
        (void)govidx_dataset_validate(ds, NULL, NULL);
        for (y = 0; y < n_years; y++)
            (void)govidx_dataset_panel(&v, ds, y);
        govidx_dataset_close(ds);
    }
    unlink(path);
    return 0;
}

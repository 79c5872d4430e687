/*
 * fuzz/standalone.c - replay driver for the fuzz targets without libFuzzer.
 *
 * Built with the ordinary compiler (gcc) and linked with one fuzz target, it
 * feeds every regular file of each directory (or each file) named on the
 * command line (default: the corpus directory compiled in as
 * FUZZ_DEFAULT_CORPUS) to LLVMFuzzerTestOneInput, so the committed corpora run as
 * regression tests in `make check`.  Prints TAP: one line per input.
 * The idea follows libgit2's fuzzers/standalone_driver.c (not its code).
 *
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int n_run, n_lines;

#ifndef FUZZ_DEFAULT_CORPUS
#define FUZZ_DEFAULT_CORPUS NULL
#endif

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long len;

    if (!f) {
        printf("not ok %d - %s: cannot open\n", ++n_lines, path);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        printf("not ok %d - %s: cannot size\n", ++n_lines, path);
        return 1;
    }
    buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        printf("not ok %d - %s: cannot read\n", ++n_lines, path);
        return 1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    free(buf);
    n_run++;
    printf("ok %d - %s\n", ++n_lines, path);
    fflush(stdout);
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the files of one directory in name order, so runs are repeatable. */
static int replay_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    int bad = 0;

    if (!d) {
        printf("not ok %d - %s: cannot open directory\n", ++n_lines, dir);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        char *path;
        struct stat st;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (e->d_name[0] == '.')
            continue;
        path = malloc(len);
        if (!path) {
            bad = 1;
            break;
        }
        snprintf(path, len, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (n == cap) {
            char **grown = realloc(names, (cap ? cap * 2 : 16) * sizeof *names);
            if (!grown) {
                free(path);
                bad = 1;
                break;
            }
            names = grown;
            cap = cap ? cap * 2 : 16;
        }
        names[n++] = path;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (i = 0; i < n; i++) {
        bad |= replay_file(names[i]);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    int i, bad = 0;
    const char *fallback = FUZZ_DEFAULT_CORPUS;

    /* Without arguments (as `make check` runs it) replay the committed corpus. */
    if (argc < 2 && fallback)
        bad |= replay_dir(fallback);
    for (i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            bad |= replay_dir(argv[i]);
        else
            bad |= replay_file(argv[i]);
    }
    if (n_run == 0) {
        printf("not ok %d - no inputs replayed\n", ++n_lines);
        bad = 1;
    }
    printf("1..%d\n", n_lines);
    return bad;
}

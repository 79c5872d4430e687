/*
 * bench/bench_import.c - govidx_import_csv at 10^5 and 10^6 units
 * (make bench-import).  Issue 15 item 6: the import used a linear search
 * per row (quadratic: 10^5 rows 9.7 s, 10^6 about 20 CPU-minutes
 * projected); units, districts and indicators are now found through hash
 * maps (lib/strmap.c).  This program writes a wide COINr-style data file
 * (uCode,uName,year,I1,I2,I3; one row per unit) and its iMeta file to a
 * temporary directory, then times the import (CPU seconds, best of 2) at
 * 10^5 and 10^6 rows and prints the ratio 10^6 : 10^5 (10 = linear,
 * 100 = quadratic).  Usage: bench_import [small_rows [large_rows]]
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void write_files(const char *dir, long rows, char *data, char *meta, size_t cap)
{
    FILE *f;
    long i;
    snprintf(data, cap, "%s/data-%ld.csv", dir, rows);
    snprintf(meta, cap, "%s/meta.csv", dir);
    if (!(f = fopen(meta, "w"))) {
        perror(meta);
        exit(1);
    }
    fputs("iCode,Direction,Weight,Parent,Type\nI1,1,1,NA,Indicator\nI2,-1,1,NA,Indicator\n"
          "I3,1,2,NA,Indicator\n",
          f);
    fclose(f);
    if (!(f = fopen(data, "w"))) {
        perror(data);
        exit(1);
    }
    fputs("uCode,uName,year,I1,I2,I3\n", f);
    srand(15);
    for (i = 0; i < rows; i++)
        fprintf(f, "U%07ld,Unit %ld,2024,%d.%02d,%d,%d.5\n", i, i, rand() % 100, rand() % 100, rand() % 1000,
                rand() % 50);
    if (fclose(f)) {
        perror(data);
        exit(1);
    }
}

static double time_import(const char *data, const char *meta, long rows)
{
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    double best = 1e300;
    int rep;
    src.data = data;
    src.meta = meta;
    for (rep = 0; rep < 2; rep++) {
        govidx_dataset *ds = NULL;
        double t0 = cpu_now(), t;
        int rc = govidx_import_csv(&ds, &src, NULL, NULL);
        t = cpu_now() - t0;
        if (rc || govidx_dataset_n_units(ds) != (size_t)rows) {
            fprintf(stderr, "bench_import: import of %ld rows failed: %s\n", rows, govidx_last_error());
            exit(1);
        }
        govidx_dataset_close(ds);
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    long small = argc > 1 ? atol(argv[1]) : 100000, large = argc > 2 ? atol(argv[2]) : 1000000;
    char dir[] = "/tmp/govidx-bench-import-XXXXXX", data[512], meta[512], cmd[600];
    double ts, tl;
    if (small <= 0 || large <= small) {
        fprintf(stderr, "usage: bench_import [small_rows [large_rows]] (0 < small < large)\n");
        return 2;
    }
    bench_machine_header(stdout);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    write_files(dir, small, data, meta, sizeof data);
    ts = time_import(data, meta, small);
    printf("import %8ld rows: %8.3f s CPU (best of 2)\n", small, ts);
    write_files(dir, large, data, meta, sizeof data);
    tl = time_import(data, meta, large);
    printf("import %8ld rows: %8.3f s CPU (best of 2)\n", large, tl);
    printf("ratio %ld : %ld rows = %.1f (rows ratio %.1f; linear growth gives about the same)\n", large, small,
           tl / ts, (double)large / (double)small);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}

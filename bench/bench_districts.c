/*
 * bench/bench_districts.c - lookups by code at national scale (make bench-districts).
 *
 * A synthetic national panel built through the public API, the size of a
 * national evaluation: 2,800 county-level units, 40,000 communities in two
 * levels (10,000 districts with 30,000 sub-districts under them, listed
 * children first, so parents are found by code, not by position), 20
 * years, a coverage share and a population per community and year.  It is
 * written to a temporary file, then timed (CPU seconds, best of 3):
 *   validate   govidx_dataset_validate_file (read + every consistency rule)
 *   open       govidx_dataset_open (read + validate)
 *   coverage   the coverage of every unit in every year
 * at a quarter of the size (700 units, 10,000 communities) and at full size;
 * the ratio full:quarter shows how the cost grows (4 = linear).
 * Usage: bench_districts [scale]  (scale 1 = the sizes above)
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"

#include "bench_machine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define N_YEARS 20

/* CPU time of the process: on a shared machine the wall clock also
 * counts the time spent waiting for a CPU (the library is single-threaded
 * here: one file, one coverage call at a time). */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "bench_districts: %s: %s (%d)\n", what, govidx_last_error(), rc);
    exit(1);
}

#define CHECK(call)                    \
    do {                               \
        int rc_ = (call);              \
        if (rc_)                       \
            die(#call, rc_);           \
    } while (0)

static unsigned long long lcg = 88172645463325252ull;
static double unif(void)
{
    lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(lcg >> 11) / 9007199254740992.0;
}

/* n_units units, n_top districts and 3 x n_top sub-districts. */
static govidx_dataset *make_panel(size_t n_units, size_t n_top)
{
    govidx_dataset *ds = NULL;
    char **codes = malloc(n_units * sizeof *codes), code[32], unit[32], parent[32];
    int years[N_YEARS];
    size_t u, d, k, y, n_d;
    if (!codes)
        die("malloc", GOVIDX_ENOMEM);
    CHECK(govidx_dataset_new(&ds));
    CHECK(govidx_dataset_set_attr(ds, "title", "bench_districts synthetic national panel"));
    for (u = 0; u < n_units; u++) {
        snprintf(code, sizeof code, "C%05zu", u);
        codes[u] = strdup(code);
    }
    CHECK(govidx_dataset_set_units(ds, n_units, (const char *const *)codes, NULL));
    for (y = 0; y < N_YEARS; y++)
        years[y] = 2005 + (int)y;
    CHECK(govidx_dataset_set_years(ds, N_YEARS, years));
    /* district d of unit d % n_units; sub-districts before their parents */
    for (d = 0; d < n_top; d++) {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        snprintf(unit, sizeof unit, "C%05zu", d % n_units);
        snprintf(parent, sizeof parent, "T%06zu", d);
        for (k = 0; k < 3; k++) {
            snprintf(code, sizeof code, "B%06zu-%zu", d, k);
            di.code = code;
            di.unit = unit;
            di.parent = parent;
            di.level = 2;
            CHECK(govidx_dataset_add_district(ds, &di));
        }
        di.code = parent;
        di.parent = NULL;
        di.level = 1;
        CHECK(govidx_dataset_add_district(ds, &di));
    }
    CHECK(govidx_dataset_add_district_var(ds, "broadband", "share"));
    n_d = govidx_dataset_n_districts(ds);
    for (y = 0; y < N_YEARS; y++)
        for (d = 0; d < n_d; d++) {
            CHECK(govidx_dataset_set_district_population(ds, d, y, floor(200 + 3000 * unif())));
            CHECK(govidx_dataset_set_district_value(ds, d, y, 0, unif() < 0.03 ? 0 : unif()));
        }
    for (u = 0; u < n_units; u++)
        free(codes[u]);
    free(codes);
    return ds;
}

/* The coverage of every unit in every year: the one place that calls the
 * public coverage API. */
static void coverage_all(const govidx_dataset *ds)
{
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_result *res = NULL;
    o.variable = "broadband";
    CHECK(govidx_coverage_compute(&res, ds, &o));
    govidx_result_free(res);
}

typedef struct times {
    double validate, open, coverage;
} times;

static void run(size_t n_units, size_t n_top, const char *path, times *t)
{
    govidx_dataset *ds = make_panel(n_units, n_top);
    int rep;
    double t0;
    CHECK(govidx_dataset_write(ds, path, GOVIDX_WRITE_REPLACE));
    govidx_dataset_close(ds);
    t->validate = t->open = t->coverage = INFINITY;
    for (rep = 0; rep < 3; rep++) {
        t0 = now();
        CHECK(govidx_dataset_validate_file(path, 0, NULL, NULL));
        t->validate = fmin(t->validate, now() - t0);
        t0 = now();
        CHECK(govidx_dataset_open(&ds, path, NULL));
        t->open = fmin(t->open, now() - t0);
        t0 = now();
        coverage_all(ds);
        t->coverage = fmin(t->coverage, now() - t0);
        govidx_dataset_close(ds);
    }
    printf("%6zu units %6zu communities x %d years: validate %7.3f s  open %7.3f s  coverage %7.3f s\n", n_units,
           4 * n_top, N_YEARS, t->validate, t->open, t->coverage);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    size_t units = (size_t)(2800 * scale), top = (size_t)(10000 * scale);
    char path[64];
    times q, f;
    if (!(scale > 0) || units < 4 || top < 4) {
        fprintf(stderr, "usage: bench_districts [scale > 0]\n");
        return 2;
    }
    bench_machine_header(stdout);
    snprintf(path, sizeof path, "/tmp/bench_districts_%ld.h5", (long)getpid());
    run(units / 4, top / 4, path, &q);
    run(units, top, path, &f);
    printf("full:quarter              validate %7.2f    open %7.2f    coverage %7.2f   (4 = linear)\n",
           f.validate / q.validate, f.open / q.open, f.coverage / q.coverage);
    unlink(path);
    return 0;
}

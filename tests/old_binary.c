/*
 * tests/old_binary.c - a program as a user built it against API 1.0.
 *
 * Compiled ONLY against the frozen headers in abi/include-1.0 (never
 * include/), it calls a few stable functions with their option structs and
 * prints the numbers.  tests/old-binary.tap runs it against the library of
 * this build and against a library whose govidx_norm_options grew a field
 * (version 2): an old binary must get the same numbers and statuses.
 * It checks its own structs for bytes the library must not write: a
 * canary after the v1 struct that govidx_norm_options_init fills.
 *
 * Usage: old_binary DATASET.h5   (tests/data/dataset/small-v1.h5)
 * SPDX-License-Identifier: MIT
 */
#include <govidx.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static void print_col(const char *name, const double *x, size_t n)
{
    printf("%s:", name);
    for (size_t i = 0; i < n; i++)
        printf(" %.10g", x[i]);
    printf("\n");
}

/* normalisation: options by macro and by the _init function, v1 layout */
static void normalisation(void)
{
    const double in[8] = {1, 2, 3, 5, /* col 0 */ 10, 40, 20, 30 /* col 1, lower is better */};
    const int dirs[2] = {+1, -1};
    double out[8];
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    o.directions = dirs;
    int rc = govidx_normalize(govidx_matrix_array(out, 4, 2), govidx_matrix_view_array(in, 4, 2), &o);
    printf("normalize minmax status %d\n", rc);
    print_col("minmax", out, 8);

    /* the init function must write the v1 bytes and nothing after them */
    struct {
        govidx_norm_options o;
        unsigned char canary[64];
    } s;
    memset(&s, 0xA5, sizeof s);
    rc = govidx_norm_options_init(&s.o, GOVIDX_NORM_OPTIONS_VERSION);
    int intact = 1;
    for (size_t i = 0; i < sizeof s.canary; i++)
        intact &= s.canary[i] == 0xA5;
    printf("norm_options_init status %d version %u method %d lo %g hi %g canary %s\n", rc, s.o.version,
           (int)s.o.method, s.o.lo, s.o.hi, intact ? "intact" : "OVERWRITTEN");
    s.o.method = GOVIDX_NORM_ZSCORE;
    rc = govidx_normalize(govidx_matrix_array(out, 4, 2), govidx_matrix_view_array(in, 4, 2), &s.o);
    printf("normalize zscore status %d\n", rc);
    print_col("zscore", out, 8);

    /* a version the frozen headers never had is refused, not misread */
    govidx_norm_options bad = GOVIDX_NORM_OPTIONS_INIT;
    bad.version = 0;
    printf("normalize version 0 status %d\n",
           govidx_normalize(govidx_matrix_array(out, 4, 2), govidx_matrix_view_array(in, 4, 2), &bad));
}

/* DEA, CCR input-oriented: efficiency = (y/x) / max(y/x) for one input and one output */
static void dea(void)
{
    const double x[4] = {2, 4, 3, 5}, y[4] = {2, 3, 3, 3};
    govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
    govidx_dea_result *r = NULL;
    int rc = govidx_dea_compute(&r, govidx_matrix_view_array(x, 4, 1), govidx_matrix_view_array(y, 4, 1), &o);
    printf("dea_compute status %d\n", rc);
    if (rc == GOVIDX_OK)
        print_col("dea efficiency", govidx_dea_efficiency(r), 4);
    govidx_dea_result_free(r);
}

/* a composite index of a shipped dataset with the default method */
static void composite(const char *path)
{
    govidx_dataset *ds = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    int rc = govidx_dataset_open(&ds, path, NULL);
    if (rc == GOVIDX_OK)
        rc = govidx_method_new(&m);
    if (rc == GOVIDX_OK)
        rc = govidx_plan_from_dataset(&plan, ds, m);
    if (rc == GOVIDX_OK)
        rc = govidx_execute_dataset(&res, plan, ds);
    printf("composite status %d%s%s\n", rc, rc ? " " : "", rc ? govidx_last_error() : "");
    if (rc == GOVIDX_OK) {
        size_t nu = govidx_result_n_units(res), ny = govidx_result_n_years(res), nn = govidx_result_n_nodes(res);
        for (size_t y = 0; y < ny; y++)
            for (size_t k = 0; k < nn; k++) {
                printf("composite %d %s:", govidx_result_year(res, y), govidx_result_node_code(res, k));
                for (size_t u = 0; u < nu; u++)
                    printf(" %s=%.10g", govidx_result_unit_code(res, u), govidx_result_score(res, u, y, k));
                printf("\n");
            }
    }
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m);
    govidx_dataset_close(ds);
}

int main(int argc, char **argv)
{
    /* the version changes with releases: print only that it is consistent */
    int major = -1, minor = -1, patch = -1;
    int number = govidx_version(&major, &minor, &patch);
    printf("version %s\n", major >= 0 && number == major * 10000 + minor * 100 + patch ? "consistent" : "INCONSISTENT");
    normalisation();
    dea();
    if (argc > 1)
        composite(argv[1]);
    return 0;
}

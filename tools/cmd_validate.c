/*
 * tools/cmd_validate.c - `govidx validate FILE.h5`: check a city-dataset
 * file in a separate process (a corrupted file may crash HDF5) and print
 * one line per problem.  Exit 0 valid, 1 invalid, 2 usage.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <string.h>

typedef struct vstate {
    const char *file;
    size_t problems;
} vstate;

static void print_problem(void *ctx, const char *object, const char *message)
{
    vstate *s = ctx;
    s->problems++;
    printf("%s: %s: %s\n", s->file, object, message);
}

static void validate_usage(FILE *f)
{
    fprintf(f, "usage: govidx validate FILE.h5\n\n"
               "Check that FILE.h5 is a valid govidx city dataset (format v%d).\n"
               "Prints one line per problem; exit status 0 valid, 1 invalid, 2 usage error.\n",
            GOVIDX_FORMAT_VERSION);
}

int cmd_validate(int argc, char **argv)
{
    vstate s = {NULL, 0};
    govidx_dataset *ds = NULL;
    int rc;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        validate_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        validate_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    s.file = argv[1];
    rc = govidx_dataset_validate_file(s.file, GOVIDX_VALIDATE_ISOLATED, print_problem, &s);
    if (rc) {
        if (!s.problems)
            printf("%s: %s\n", s.file, *govidx_last_error() ? govidx_last_error() : govidx_strerror(rc));
        return CLI_EXIT_FAIL;
    }
    /* the child found it valid: counts for the one-line verdict */
    rc = govidx_dataset_open(&ds, s.file, NULL);
    if (rc) {
        printf("%s: %s\n", s.file, govidx_last_error());
        return CLI_EXIT_FAIL;
    }
    printf("%s: valid (%zu units, %zu years, %zu indicators, %zu nodes)\n", s.file,
           govidx_dataset_n_units(ds), govidx_dataset_n_years(ds), govidx_dataset_n_indicators(ds),
           govidx_dataset_n_nodes(ds));
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

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
    cli_problem_line(stdout, s->file, object, message);
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
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        validate_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        validate_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    s.file = argv[1];
    /* checked in the isolated validator, then opened for the counts */
    if (cli_dataset_open(&ds, s.file, print_problem, &s))
        return CLI_EXIT_FAIL;
    printf("%s: valid (%zu units, %zu years, %zu indicators, %zu nodes)\n", s.file,
           govidx_dataset_n_units(ds), govidx_dataset_n_years(ds), govidx_dataset_n_indicators(ds),
           govidx_dataset_n_nodes(ds));
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

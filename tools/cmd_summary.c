/*
 * tools/cmd_summary.c - `govidx summary FILE.h5`: validate the file in a
 * separate process, then open it and print govidx_dataset_summary().
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <stdio.h>
#include <string.h>

static void summary_problem(void *ctx, const char *object, const char *message)
{
    cli_problem_line(stdout, ctx, object, message);
}

int cmd_summary(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    char *text = NULL;
    int rc;
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        printf("usage: govidx summary FILE.h5\n\nPrint a short summary of a city dataset.\n");
        return CLI_EXIT_OK;
    }
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: govidx summary FILE.h5\n");
        return CLI_EXIT_USAGE;
    }
    if (cli_dataset_open(&ds, argv[1], summary_problem, argv[1]))
        return CLI_EXIT_FAIL;
    rc = govidx_dataset_summary(&text, ds);
    if (rc) {
        cli_report(argv[1], rc);
        govidx_dataset_close(ds);
        return CLI_EXIT_FAIL;
    }
    fputs(text, stdout);
    govidx_free(text);
    cli_print_inventory(ds);
    govidx_dataset_close(ds);
    return CLI_EXIT_OK;
}

/*
 * tools/govidx.c - entry point of the govidx command-line tool.
 * It uses the public API only; see tools/cmd_*.c for the subcommands.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_report(const char *what, int rc)
{
    const char *detail = govidx_last_error();
    size_t n = strlen(what);
    if (!detail || !*detail)
        detail = govidx_strerror(rc);
    /* the library's message may already start with "what: " (a file name,
     * "collaboration"): never print the prefix twice */
    if (!strncmp(detail, what, n) && detail[n] == ':' && detail[n + 1] == ' ')
        fprintf(stderr, "govidx: %s\n", detail);
    else
        fprintf(stderr, "govidx: %s: %s\n", what, detail);
}

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("govidx %s\n", govidx_version_string());
    return CLI_EXIT_OK;
}

/* The subcommands, in the order `govidx help` lists them. */
static const cli_command commands[] = {
    {"version", "print the library version", cmd_version},
    {"validate", "check a city-dataset file (exit 0 valid, 1 invalid)", cmd_validate},
    {"summary", "print a short summary of a city-dataset file", cmd_summary},
    {"import", "build a city-dataset file from CSV (COINr iData/iMeta accepted)", cmd_import},
    {"dea", "DEA efficiency (CCR/BCC/SBM/super) of a CSV table or a dataset year", cmd_dea},
    {"stats", "per-indicator statistics (missing share, moments, outlier flag) per year", cmd_stats},
    {"report", "evaluator's report (-o report.html, --json, --xlsx) or text coverage report", cmd_report},
    {"compute", "compute a dataset's index tree (long CSV: unit,year,node,score,rank)", cmd_compute},
    {"network", "structure of actor networks: density, E-I, silos, centralisation, hierarchy", cmd_network},
    {"compare", "two method variants of the index tree: score and rank differences per unit", cmd_compare},
    {"strengths", "each unit's best and worst indicators by rank, per year", cmd_strengths},
    {"uncertainty", "Monte Carlo rank intervals and Sobol indices under perturbed weights", cmd_uncertainty},
    {"catalogue", "openness of open-data portal catalogues (DCAT-US, CKAN, Socrata, CSV): measures, silo departments", cmd_catalogue},
    {"diff", "year-on-year change of score and rank, split into pillar and indicator contributions", cmd_diff},
    {"plot", "figures for papers: ranking, slope, profile, coverage charts as SVG, PDF or PNG", cmd_plot},
};

static void usage(FILE *f)
{
    size_t i;
    fprintf(f, "usage: govidx COMMAND [ARGS...]\n\ncommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'govidx COMMAND --help' for a command's options.\n");
}

/* Run from the build tree (tools/govidx, or libtool's tools/.libs/), the
 * tool uses the validator helper built beside it rather than an installed
 * one, so `build/tools/govidx validate F` works before `make install`.  An
 * installed govidx has no helper beside it and uses the library's own
 * libexec path; GOVIDX_LIBEXECDIR, when set, always wins. */
static void use_helper_beside_tool(void)
{
    char exe[PATH_MAX], dir[PATH_MAX + 32];
    ssize_t n;
    char *slash;
    const char *const suffixes[] = {"", "/.."};
    size_t k;
    if (getenv("GOVIDX_LIBEXECDIR") || (n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
        return;
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return;
    *slash = '\0';
    for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        snprintf(dir, sizeof dir, "%s%s/govidx-validate-helper", exe, suffixes[k]);
        if (access(dir, X_OK) == 0) {
            dir[strlen(dir) - strlen("/govidx-validate-helper")] = '\0';
            setenv("GOVIDX_LIBEXECDIR", dir, 1);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    size_t i;
    use_helper_beside_tool();
    cli_set_args(argc, argv);
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version"))
        return cmd_version(argc - 1, argv + 1);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            /* every output option is checked before the subcommand reads or
             * writes anything: an output that is an input, or a directory,
             * is refused (the writers check again when they open it) */
            static const char *const output_flags[] = {"--csv",       "--output",        "-o",
                                                       "--params",    "--sobol-csv",     "--contributions"};
            int k;
            size_t f;
            for (k = 2; k + 1 < argc; k++)
                for (f = 0; f < sizeof output_flags / sizeof output_flags[0]; f++)
                    if (!strcmp(argv[k], output_flags[f]) && !cli_output_ok(argv[k + 1]))
                        return CLI_EXIT_FAIL;
            return commands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "govidx: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return CLI_EXIT_USAGE;
}

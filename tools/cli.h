/*
 * tools/cli.h - the govidx command-line tool: one function per subcommand.
 *
 * Each subcommand lives in tools/cmd_<name>.c and is listed in the table of
 * tools/govidx.c.  Exit codes: 0 success, 1 the input is invalid or the
 * computation failed, 2 usage error.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_CLI_H
#define GOVIDX_CLI_H

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
} cli_command;

#include <govidx.h>
#include <stdio.h>

/* The one entry point that opens a city-dataset file named by the user
 * (tools/cliopen.c): the file is opened once, checked through that
 * descriptor in the isolated validator, then read in-process through the
 * same descriptor, and refused when it changed in between.  Problems go to
 * report(ctx, object, message) when given, else to stderr.  Returns a
 * govidx status; *ds is NULL on failure. */
int cli_dataset_open(govidx_dataset **ds, const char *path, govidx_problem_fn report, void *ctx);
/* One problem as "FILE: OBJECT: message" on `out`, each part once: the
 * object or the message may already be, or begin with, the file's name. */
void cli_problem_line(FILE *out, const char *file, const char *object, const char *message);
/* 1 when `out` may be written: not a directory and not the same file
 * (device and inode) as any other argument on the command line; else prints
 * why to stderr and returns 0.  Call before writing anything. */
int cli_output_ok(const char *out);
/* main() records the arguments for cli_output_ok. */
void cli_set_args(int argc, char **argv);

#ifndef CLI_OPEN_IMPL
/* Subcommands open datasets through cli_dataset_open only. */
#pragma GCC poison govidx_dataset_open govidx_dataset_validate_file
#endif

/* CSV output (tools/csvout.c): quoted fields and atomic files. */
typedef struct csv_out {
    const char *path;
    char tmp[4096]; /* empty when writing directly to a device or FIFO */
    FILE *f;
} csv_out;
void csv_field(FILE *f, const char *s);
/** x as the shortest text strtod() reads back as x (govidx_format_double,
 *  the result writer's formatter); the caller handles missing values. */
void csv_double(FILE *f, double x);
/* NULL (after a message) when the path is refused by cli_output_ok or
 * cannot be created.  A regular file is written atomically with the mode of
 * the file it replaces (new files: 0666 less the umask); a character device
 * or FIFO is written directly and never replaced. */
FILE *csv_open(csv_out *o, const char *path);
/* Flush, fsync and rename over the target when ok; else remove. 0 on success. */
int csv_close(csv_out *o, int ok);

/* Print "govidx: <what>: <govidx_last_error() or strerror(rc)>" to stderr. */
void cli_report(const char *what, int rc);

/* --exclude CODE,... / --only CODE,... (tools/cli_units.c). */
typedef struct cli_units {
    const char *exclude, *only; /* comma-separated codes, NULL = not given */
} cli_units;
/* 1: argv option a (with value v) was --exclude/--only and is stored, 0:
 * another option, -1: it has no value. */
int cli_units_arg(cli_units *u, const char *a, const char *v);
/* keep[i] = 1 for the units codes[0..n) taken; -1 after a message naming
 * an unknown code (or when none is left), else 0. */
int cli_units_mask(unsigned char *keep, const cli_units *u, const char *const *codes, size_t n, const char *cmd);
/* Why a unit is not taken ("excluded (--exclude)"), or NULL. */
const char *cli_units_reason(const cli_units *u, const char *code);
/* A comma-separated list as an array of its items (empty items dropped);
 * zero-init, split, free.  -1 when out of memory. */
typedef struct cli_list {
    char *buf;
    const char **items;
    size_t n;
} cli_list;
int cli_list_split(cli_list *l, const char *text);
void cli_list_free(cli_list *l);

/* Per city and year with inventory entries: the shares answered yes and the
 * gov-dept actors publishing nothing (tools/cli_inventory.c). */
struct govidx_dataset;
void cli_print_inventory(const struct govidx_dataset *ds);

int cmd_version(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_compute(int argc, char **argv);
int cmd_dea(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_network(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_strengths(int argc, char **argv);
int cmd_uncertainty(int argc, char **argv);
int cmd_catalogue(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_plot(int argc, char **argv);

#endif

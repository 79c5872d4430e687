/*
 * tools/govidx-validate-helper.c - the separate process behind
 * govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, ...).  Installed in
 * $(pkglibexecdir); started by the library with posix_spawn, never by users.
 *
 *   govidx-validate-helper [--time-limit-ms MS] [--parent PID] [--] FILE
 *
 * Validates FILE in this process (so a file that crashes HDF5 crashes only
 * this process) and writes the result to stdout, one record per line
 * (lib/validate_isolated.c has the parent's side):
 *   govidx-validate-helper 1        name and protocol version
 *   P<TAB>object<TAB>message         one per problem (TAB, CR, LF -> space;
 *                                    each field at most 4096 bytes)
 *   R<TAB>status                     the govidx_status, 0 when valid
 * It dies with the thread that started it (PR_SET_PDEATHSIG) and has a CPU
 * limit of the parent's time limit plus a second (RLIMIT_CPU), so it cannot
 * outlive or outspin its parent; it writes no core dumps.
 * Exit status: 0 after the R line, 2 usage, 3 the parent is already gone,
 * 4 stdout failed.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include <govidx.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static int out_failed;

/* Fields are cut at 4 KiB: the parent refuses lines over 64 KiB. */
static void put_field(const char *s)
{
    size_t n = 0;
    for (; *s && n < 4096; s++, n++)
        if (putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s) == EOF)
            out_failed = 1;
}

static void problem(void *ctx, const char *object, const char *message)
{
    (void)ctx;
    fputs("P\t", stdout);
    put_field(object ? object : "");
    putchar('\t');
    put_field(message ? message : "");
    putchar('\n');
    /* line by line: what was found survives a crash further on */
    if (fflush(stdout) == EOF)
        out_failed = 1;
}

static int usage(void)
{
    fprintf(stderr, "usage: govidx-validate-helper [--time-limit-ms MS] [--parent PID] [--] FILE\n"
                    "(started by libgovidx for isolated validation; see govidx validate)\n");
    return 2;
}

int main(int argc, char **argv)
{
    long limit_ms = 60000, parent = 0;
    const char *file = NULL;
    int k, rc;
    struct rlimit cpu, core = {0, 0};
    for (k = 1; k < argc; k++) {
        char *end;
        if (!strcmp(argv[k], "--time-limit-ms") && k + 1 < argc) {
            limit_ms = strtol(argv[++k], &end, 10);
            if (*end || limit_ms <= 0)
                return usage();
        } else if (!strcmp(argv[k], "--parent") && k + 1 < argc) {
            parent = strtol(argv[++k], &end, 10);
            if (*end || parent <= 0)
                return usage();
        } else if (!strcmp(argv[k], "--") && k + 2 == argc) {
            file = argv[++k];
        } else if (argv[k][0] != '-' && k + 1 == argc) {
            file = argv[k];
        } else {
            return usage();
        }
    }
    if (!file)
        return usage();
    /* Die with the parent; if it died before this line, it is gone already. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (parent && getppid() != (pid_t)parent)
        return 3;
    cpu.rlim_cur = (rlim_t)(limit_ms / 1000 + 1);
    cpu.rlim_max = cpu.rlim_cur + 1;
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_CORE, &core);
    /* A wall-clock limit of its own, a little past the parent's: it holds
     * when the parent is stopped (SIGSTOP, a debugger) and cannot enforce
     * its limit, and when the helper is blocked rather than spinning (the
     * CPU limit never fires then).  SIGALRM's default action ends it. */
    signal(SIGALRM, SIG_DFL);
    alarm((unsigned)(limit_ms / 1000 + 2));

    puts("govidx-validate-helper 1");
    fflush(stdout);
    rc = govidx_dataset_validate_file(file, 0, problem, NULL);
    printf("R\t%d\n", rc);
    if (fflush(stdout) == EOF || out_failed)
        return 4;
    return 0;
}

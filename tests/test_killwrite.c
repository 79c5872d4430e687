/*
 * Crash-safe writes: a child process adds a results run to a dataset file
 * (govidx_run_file_add) and is killed with SIGKILL at a random moment of
 * the write, many times.  After every kill the file must be either the old
 * file byte for byte or the complete new file: it opens, validates and holds
 * the run with exactly the arrays written.  Both outcomes must occur, so the
 * kills really land inside the write.  Left-over temporary files
 * (".<name>.tmpXXXXXX" next to the target) are left in place until the end,
 * so every later round writes next to them: that they never replace the
 * target and never stop a later write is tested, not assumed.
 *
 * GOVIDX_KILL_ROUNDS overrides the number of kills (default 200).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <govidx.h>
#include "gxtest.h"

#define N_NODES 400

static char dir[4096], target[4200], original[4200];
static unsigned char *old_bytes;
static size_t old_len;
static govidx_run *run;
static size_t n_units, n_years;
static double *scores;
static const char **node_codes;

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n)
        *len = (size_t)n;
    else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int spit(const char *path, const unsigned char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(buf, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    return ok;
}

/* Count (remove != 0: remove) the ".<name>.tmp*" files killed writers left. */
static int temporaries(int remove)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    char p[8400];
    if (!d)
        return 0;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp") && e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            n += remove ? unlink(p) == 0 : 1;
        }
    closedir(d);
    return n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int suite_init(void)
{
    const char *b = getenv("GOVIDX_BUILDDIR");
    char src[4096];
    govidx_dataset *ds = NULL;
    size_t k, i;
    int rc;
    snprintf(dir, sizeof dir, "%s/tests/killwrite.%ld", b ? b : ".", (long)getpid());
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return 1;
    snprintf(target, sizeof target, "%s/city.h5", dir);
    snprintf(original, sizeof original, "%s/original.h5", dir);
    gx_srcpath(src, sizeof src, "tests/data/dataset/small-v1.h5");
    if (!(old_bytes = slurp(src, &old_len)) || !spit(original, old_bytes, old_len))
        return 1;
    if (govidx_dataset_open(&ds, src, NULL) != GOVIDX_OK)
        return 1;
    n_units = govidx_dataset_n_units(ds);
    n_years = govidx_dataset_n_years(ds);
    node_codes = calloc(N_NODES, sizeof *node_codes);
    scores = malloc(n_units * n_years * N_NODES * sizeof *scores);
    if (!node_codes || !scores)
        return 1;
    for (k = 0; k < N_NODES; k++) {
        char *c = malloc(16);
        if (!c)
            return 1;
        snprintf(c, 16, "node%03zu", k);
        node_codes[k] = c;
    }
    for (i = 0; i < n_units * n_years * N_NODES; i++)
        scores[i] = i % 97 == 0 ? NAN : sin((double)i) * 100.0;
    {
        const char **units = calloc(n_units, sizeof *units);
        if (!units)
            return 1;
        for (k = 0; k < n_units; k++)
            units[k] = govidx_dataset_unit_code(ds, k);
        rc = govidx_run_new(&run, "killtest", n_units, n_years, N_NODES, units, govidx_dataset_years(ds),
                            node_codes);
        free(units);
    }
    govidx_dataset_close(ds);
    if (rc || govidx_run_set_array(run, "scores", scores) || govidx_run_set_attr(run, "method", "{\"kill\":1}"))
        return 1;
    return 0;
}

static int suite_clean(void)
{
    size_t k;
    temporaries(1);
    unlink(target);
    unlink(original);
    rmdir(dir);
    govidx_run_free(run);
    for (k = 0; node_codes && k < N_NODES; k++)
        free((void *)node_codes[k]);
    free(node_codes);
    free(scores);
    free(old_bytes);
    return 0;
}

/* Is `target` the complete new file? */
static int is_new_file(void)
{
    govidx_dataset *ds = NULL;
    govidx_run *back = NULL;
    const double *a = NULL;
    int ok = govidx_dataset_validate_file(target, GOVIDX_VALIDATE_ISOLATED, NULL,
                                          NULL) == GOVIDX_OK &&
             govidx_dataset_open(&ds, target, NULL) == GOVIDX_OK && govidx_dataset_validate(ds, NULL, NULL) == 0 &&
             govidx_run_open(&back, target, "killtest") == GOVIDX_OK &&
             govidx_run_array(&a, back, "scores") == GOVIDX_OK && a &&
             memcmp(a, scores, n_units * n_years * N_NODES * sizeof *a) == 0 &&
             govidx_run_attr(back, "method") && !strcmp(govidx_run_attr(back, "method"), "{\"kill\":1}");
    govidx_run_free(back);
    govidx_dataset_close(ds);
    return ok;
}

static void test_kill_during_write(void)
{
    const char *env = getenv("GOVIDX_KILL_ROUNDS");
    int rounds = env ? atoi(env) : 200, r, n_old = 0, n_new = 0, n_finished = 0, n_bad = 0, temps = 0;
    double t0, duration = 0;
    uint64_t x = 20231;
    /* How long does a forked writer take here, from fork to exit?  Mean of three. */
    for (r = 0; r < 3; r++) {
        pid_t pid;
        int status = 0;
        CU_ASSERT_FATAL(spit(target, old_bytes, old_len));
        t0 = now();
        pid = fork();
        CU_ASSERT_FATAL(pid >= 0);
        if (pid == 0)
            _exit(govidx_run_file_add(target, run, 0) == GOVIDX_OK ? 0 : 3);
        waitpid(pid, &status, 0);
        CU_ASSERT_FATAL(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        duration += (now() - t0) / 3;
    }
    CU_ASSERT_FATAL(is_new_file());
    for (r = 0; r < rounds; r++) {
        pid_t pid;
        int status = 0;
        double delay;
        struct timespec ts;
        size_t len = 0;
        unsigned char *bytes;
        CU_ASSERT_FATAL(spit(target, old_bytes, old_len));
        x = x * 6364136223846793005u + 1442695040888963407u; /* PCG-style LCG step */
        delay = (double)(x >> 11) / 9007199254740992.0 * 1.2 * duration;
        pid = fork();
        CU_ASSERT_FATAL(pid >= 0);
        if (pid == 0)
            _exit(govidx_run_file_add(target, run, 0) == GOVIDX_OK ? 0 : 3);
        ts.tv_sec = (time_t)delay;
        ts.tv_nsec = (long)((delay - (double)ts.tv_sec) * 1e9);
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        if (WIFEXITED(status)) {
            CU_ASSERT_EQUAL(WEXITSTATUS(status), 0); /* finished before the kill */
            n_finished++;
        }
        bytes = slurp(target, &len);
        CU_ASSERT_FATAL(bytes != NULL);
        if (len == old_len && memcmp(bytes, old_bytes, len) == 0)
            n_old++;
        else if (is_new_file())
            n_new++;
        else
            n_bad++;
        free(bytes);
    }
    temps = temporaries(1);
    printf("\n  %d SIGKILLs during writes of %.1f ms: %d left the old file, %d the new one (%d writers had "
           "finished), %d torn; %d temporary files left behind (kept through later rounds, then removed)\n",
           rounds, duration * 1e3, n_old, n_new, n_finished, n_bad, temps);
    CU_ASSERT_EQUAL(n_bad, 0);
    CU_ASSERT(n_old > 0);
    CU_ASSERT(n_new > 0);
    CU_ASSERT(n_old + n_new == rounds);
}

static CU_TestInfo tests[] = {{"SIGKILL during govidx_run_file_add", test_kill_during_write}, CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"crash-safe writes", suite_init, suite_clean, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

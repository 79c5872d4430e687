/*
 * Isolated validation (govidx_dataset_validate_file with GOVIDX_VALIDATE_ISOLATED):
 * the govidx-validate-helper executable gives the same problems as the
 * in-process validator, crashes and hangs of the reader are contained, a
 * missing or foreign helper is a clear GOVIDX_EIO, the helper sees neither
 * the caller's descriptors nor its environment, several threads may
 * validate at once, and no child process is left behind.
 *
 * Fake helpers are shell scripts in a temporary directory named by
 * GOVIDX_LIBEXECDIR; the real one is the build tree's (set by make check).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <hdf5.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <govidx.h>
#include "gxtest.h"

#define MAXP 64

typedef struct probs {
    size_t n;
    char obj[MAXP][256], msg[MAXP][512];
} probs;

static void collect(void *ctx, const char *object, const char *message)
{
    probs *p = ctx;
    if (p->n < MAXP) {
        snprintf(p->obj[p->n], sizeof p->obj[0], "%s", object);
        snprintf(p->msg[p->n], sizeof p->msg[0], "%s", message);
    }
    p->n++;
}

/* the message of the first problem whose object is `obj`, or NULL */
static const char *problem_of(const probs *p, const char *obj)
{
    size_t k;
    for (k = 0; k < p->n && k < MAXP; k++)
        if (!strcmp(p->obj[k], obj))
            return p->msg[k];
    return NULL;
}

static char real_libexec[1024], tmpdir[1024];

static void srcpath(char *buf, size_t n, const char *rel)
{
    const char *top = getenv("GOVIDX_SRCDIR");
    snprintf(buf, n, "%s/%s", top && *top ? top : "..", rel);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* This process has no child at all: none left running, none a zombie. */
static int no_children(void)
{
    int st;
    return waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD;
}

/* A fake helper: `body` as /bin/sh script in its own directory, which
 * GOVIDX_LIBEXECDIR then names. */
static void use_fake(const char *name, const char *body)
{
    char dir[1200], path[1300];
    FILE *f;
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
    mkdir(dir, 0700);
    if (body) {
        snprintf(path, sizeof path, "%s/govidx-validate-helper", dir);
        f = fopen(path, "w");
        CU_ASSERT_FATAL(f != NULL);
        fprintf(f, "#!/bin/sh\n%s", body);
        fclose(f);
        chmod(path, 0700);
    }
    setenv("GOVIDX_LIBEXECDIR", dir, 1);
}

static void use_real(void)
{
    setenv("GOVIDX_LIBEXECDIR", real_libexec, 1);
    unsetenv("GOVIDX_VALIDATE_TIMEOUT_MS");
}

/* Isolated and in-process validation agree: status and every problem. */
static void same_both_ways(const char *path, int want_rc, size_t min_problems)
{
    probs *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    size_t k;
    int ra = govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect, a);
    int rb = govidx_dataset_validate_file(path, 0, collect, b);
    CU_ASSERT_EQUAL(ra, want_rc);
    CU_ASSERT_EQUAL(rb, want_rc);
    CU_ASSERT_EQUAL(a->n, b->n);
    CU_ASSERT(a->n >= min_problems);
    for (k = 0; k < a->n && k < b->n && k < MAXP; k++) {
        CU_ASSERT_STRING_EQUAL(a->obj[k], b->obj[k]);
        CU_ASSERT_STRING_EQUAL(a->msg[k], b->msg[k]);
    }
    if (want_rc == GOVIDX_OK)
        CU_ASSERT_EQUAL(a->n, 0);
    free(a);
    free(b);
}

/* small-v1.h5 with a negative weight, a direction of 0 and a NaN goalpost:
 * it opens, and the consistency rules find several problems. */
static void make_inconsistent(char *out, size_t n)
{
    char good[1200], cmd[4000];
    hid_t f, d;
    double w[3] = {-1, 1, 1};
    int dir[3] = {0, 1, -1};
    srcpath(good, sizeof good, "tests/data/dataset/small-v1.h5");
    snprintf(out, n, "%s/inconsistent.h5", tmpdir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chmod u+w '%s'", good, out, out);
    CU_ASSERT_FATAL(system(cmd) == 0);
    f = H5Fopen(out, H5F_ACC_RDWR, H5P_DEFAULT);
    CU_ASSERT_FATAL(f >= 0);
    d = H5Dopen2(f, "/indicators/weight", H5P_DEFAULT);
    CU_ASSERT(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, w) >= 0);
    H5Dclose(d);
    d = H5Dopen2(f, "/indicators/direction", H5P_DEFAULT);
    CU_ASSERT(H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, dir) >= 0);
    H5Dclose(d);
    H5Fclose(f);
}

static void test_good_and_bad(void)
{
    char path[1200];
    use_real();
    srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    same_both_ways(path, GOVIDX_OK, 0);
    srcpath(path, sizeof path, "datasets/demo-cities.h5");
    same_both_ways(path, GOVIDX_OK, 0);
    /* files the reader rejects: the one structural problem, same text */
    srcpath(path, sizeof path, "tests/data/hostile/not-hdf5.h5");
    same_both_ways(path, GOVIDX_EIO, 1);
    srcpath(path, sizeof path, "tests/data/hostile/declares-2e40-by-2e40.h5");
    same_both_ways(path, GOVIDX_EFORMAT, 1);
    /* a readable file breaking several rules: every problem delivered, in order */
    make_inconsistent(path, sizeof path);
    {
        probs *p = calloc(1, sizeof *p);
        int rc = govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect, p);
        CU_ASSERT(rc < 0);
        CU_ASSERT(p->n >= 2);
        same_both_ways(path, rc, 2);
        free(p);
    }
    unlink(path);
    /* a missing file: the helper reports it */
    {
        probs p = {0};
        GX_ASSERT_RC(govidx_dataset_validate_file("/nonexistent/x.h5", GOVIDX_VALIDATE_ISOLATED,
                                                  collect, &p), GOVIDX_EIO);
        CU_ASSERT_EQUAL(p.n, 1);
    }
    CU_ASSERT(no_children());
}

/* A file that crashes HDF5 crashes only the helper: the hostile file is
 * rejected (by whichever check meets it first), and a helper killed by a
 * signal is reported as a crash, after the problems it sent. */
static void test_crash_contained(void)
{
    char path[1200];
    probs *p = calloc(1, sizeof *p);
    use_real();
    srcpath(path, sizeof path, "tests/data/hostile/segfaults-hdf5-on-lookup.h5");
    CU_ASSERT(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect, p) < 0);
    CU_ASSERT(p->n >= 1);
    memset(p, 0, sizeof *p);
    use_fake("crash", "echo 'govidx-validate-helper 1'\n"
                      "printf 'P\\t/panel\\tfirst problem\\n'\n"
                      "kill -SEGV $$\n");
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                              p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p->n, 2);
    CU_ASSERT_STRING_EQUAL(p->msg[0], "first problem");
    CU_ASSERT_STRING_EQUAL(p->obj[1], path);
    CU_ASSERT_PTR_NOT_NULL(strstr(p->msg[1], "the HDF5 library crashed (signal 11) while reading the file"));
    CU_ASSERT(no_children());
    free(p);
    use_real();
}

static void test_missing_helper(void)
{
    char path[1200];
    probs p = {0};
    use_fake("empty", NULL);
    srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                              &p), GOVIDX_EIO);
    CU_ASSERT_EQUAL(p.n, 0); /* nothing is said about the file */
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "cannot start the validator helper"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "/empty/govidx-validate-helper: No such file or directory"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "GOVIDX_LIBEXECDIR"));
    /* not executable */
    use_fake("noexec", "echo hi\n");
    {
        char helper[1300];
        snprintf(helper, sizeof helper, "%s/noexec/govidx-validate-helper", tmpdir);
        chmod(helper, 0600);
    }
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                              &p), GOVIDX_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "Permission denied"));
    /* something else in its place: not the protocol */
    use_fake("foreign", "echo hello; sleep 30\n");
    {
        double t0 = now();
        GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                                  &p), GOVIDX_EIO);
        CU_ASSERT(now() - t0 < 10); /* stopped at once, not waited for */
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "is not a govidx validator helper (protocol 1): it wrote 'hello'"));
    CU_ASSERT_EQUAL(p.n, 0);
    /* ends without the R line */
    use_fake("early", "echo 'govidx-validate-helper 1'; exit 5\n");
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                              &p), GOVIDX_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "ended without a result (exit status 5)"));
    CU_ASSERT(no_children());
    use_real();
}

/* The state of process `pid`: 0 gone (or a zombie waiting for init), 1 alive. */
static int alive(long pid)
{
    char path[64], buf[256], *p;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strrchr(buf, ')');
    return !(p && p[1] == ' ' && p[2] == 'Z');
}

/* A helper that hangs is stopped at the time limit, with what it had
 * started; the problems it sent before are delivered. */
static void test_time_limit(void)
{
    char path[1200];
    probs p = {0};
    double t0, t;
    long child = 0;
    int k;
    use_fake("hang", "echo 'govidx-validate-helper 1'\n"
                     "sleep 30 &\n"
                     "printf 'P\\tsleeper\\t%s\\n' $!\n"
                     "wait\n");
    setenv("GOVIDX_VALIDATE_TIMEOUT_MS", "400", 1);
    srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    t0 = now();
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect,
                                              &p), GOVIDX_EFORMAT);
    t = now() - t0;
    CU_ASSERT(t >= 0.35 && t < 10);
    CU_ASSERT_EQUAL(p.n, 2);
    CU_ASSERT_STRING_EQUAL(p.obj[0], "sleeper");
    CU_ASSERT_STRING_EQUAL(p.obj[1], path);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.msg[1], "took longer than the 400 ms limit"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "the validator was stopped"));
    CU_ASSERT(no_children());
    /* the helper's own child (in its process group) was killed too */
    child = atol(p.msg[0]);
    CU_ASSERT(child > 0);
    for (k = 0; k < 200 && child > 0 && alive(child); k++)
        usleep(10000);
    CU_ASSERT(child > 0 && !alive(child));
    /* a helper that lingers after its result line is not waited for */
    use_fake("linger", "echo 'govidx-validate-helper 1'\nprintf 'R\\t0\\n'\nsleep 30\n");
    unsetenv("GOVIDX_VALIDATE_TIMEOUT_MS");
    t0 = now();
    GX_ASSERT_OK(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect, &p));
    CU_ASSERT(now() - t0 < 10);
    CU_ASSERT(no_children());
    use_real();
}

/* The helper sees only the pipe and /dev/null, a minimal environment and
 * the file after "--". */
static void test_child_environment(void)
{
    char path[1200];
    probs *p = calloc(1, sizeof *p);
    size_t k;
    int fd = open("/dev/null", O_RDONLY); /* not close-on-exec */
    const char *v;
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(dup2(fd, 77) == 77);
    close(fd);
    setenv("GOVIDX_TEST_SECRET", "leaked", 1);
    use_fake("env", "echo 'govidx-validate-helper 1'\n"
                    "printf 'P\\tsecret\\t%s\\n' \"${GOVIDX_TEST_SECRET:-unset}\"\n"
                    "printf 'P\\tpath\\t%s\\n' \"$PATH\"\n"
                    "printf 'P\\tstdin\\t%s\\n' \"$(readlink /proc/$$/fd/0)\"\n"
                    "printf 'P\\tstderr\\t%s\\n' \"$(readlink /proc/$$/fd/2)\"\n"
                    "for f in /proc/$$/fd/*; do printf 'P\\tfd\\t%s\\n' \"${f##*/}\"; done\n"
                    "printf 'P\\targs\\t%s\\n' \"$*\"\n"
                    "printf 'R\\t0\\n'\n");
    srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    GX_ASSERT_OK(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, collect, p));
    CU_ASSERT_STRING_EQUAL(problem_of(p, "secret"), "unset");
    CU_ASSERT_STRING_EQUAL(problem_of(p, "path"), "/usr/bin:/bin");
    CU_ASSERT_STRING_EQUAL(problem_of(p, "stdin"), "/dev/null");
    CU_ASSERT_STRING_EQUAL(problem_of(p, "stderr"), "/dev/null");
    v = problem_of(p, "args");
    CU_ASSERT(v && strstr(v, "--parent ") && strstr(v, "--time-limit-ms 60000") && strstr(v, path));
    for (k = 0; k < p->n && k < MAXP; k++)
        if (!strcmp(p->obj[k], "fd"))
            CU_ASSERT(strcmp(p->msg[k], "77") != 0);
    CU_ASSERT_PTR_NOT_NULL(problem_of(p, "fd"));
    close(77);
    unsetenv("GOVIDX_TEST_SECRET");
    free(p);
    CU_ASSERT(no_children());
    use_real();
}

/* Several threads validating at once, good and bad files interleaved. */
#define THREADS 4
#define ROUNDS 3
typedef struct job {
    int ok;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    char good[1200], bad[1200];
    int r;
    srcpath(good, sizeof good, "tests/data/dataset/small-v1.h5");
    srcpath(bad, sizeof bad, "tests/data/hostile/not-hdf5.h5");
    j->ok = 1;
    for (r = 0; r < ROUNDS; r++) {
        probs pg = {0}, pb = {0};
        int rg = govidx_dataset_validate_file(good, GOVIDX_VALIDATE_ISOLATED, collect, &pg);
        int rb = govidx_dataset_validate_file(bad, GOVIDX_VALIDATE_ISOLATED, collect, &pb);
        if (rg != GOVIDX_OK || pg.n != 0 || rb != GOVIDX_EIO || pb.n != 1 ||
            !strstr(pb.msg[0], "cannot open as an HDF5 file"))
            j->ok = 0;
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[THREADS];
    job jobs[THREADS];
    int k;
    use_real();
    for (k = 0; k < THREADS; k++)
        CU_ASSERT_FATAL(pthread_create(&t[k], NULL, worker, &jobs[k]) == 0);
    for (k = 0; k < THREADS; k++) {
        pthread_join(t[k], NULL);
        CU_ASSERT(jobs[k].ok);
    }
    CU_ASSERT(no_children());
}

static int suite_init(void)
{
    const char *real = getenv("GOVIDX_LIBEXECDIR"), *build = getenv("GOVIDX_BUILDDIR");
    snprintf(real_libexec, sizeof real_libexec, "%s", real && *real ? real : "../tools");
    snprintf(tmpdir, sizeof tmpdir, "%s/tests/isolated-XXXXXX", build && *build ? build : ".");
    return mkdtemp(tmpdir) ? 0 : 1;
}

static int suite_clean(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : 1;
}

/* pids whose parent is `parent` (from /proc/PID/stat) */
static size_t children_of(pid_t parent, pid_t *out, size_t max)
{
    FILE *ls = popen("ls /proc", "r");
    char name[64], path[128], comm[256], state;
    size_t n = 0;
    long pid, ppid;
    while (ls && n < max && fscanf(ls, "%63s", name) == 1) {
        FILE *f;
        if ((pid = atol(name)) <= 0)
            continue;
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        if (!(f = fopen(path, "r")))
            continue;
        if (fscanf(f, "%*d (%255[^)]) %c %ld", comm, &state, &ppid) == 3 && ppid == (long)parent)
            out[n++] = (pid_t)pid;
        fclose(f);
    }
    if (ls)
        pclose(ls);
    return n;
}

/* 'Z' zombie, 'S' sleeping, ...; 0 when the process is gone */
static char state_of(pid_t pid)
{
    char path[64], comm[256], st = 0;
    FILE *f;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    if (!(f = fopen(path, "r")))
        return 0;
    if (fscanf(f, "%*d (%255[^)]) %c", comm, &st) != 2)
        st = 0;
    fclose(f);
    return st;
}

/* Issue 15 item 7: the real helper, blocked on a FIFO nobody writes, must
 * end (a) when its parent is killed (PR_SET_PDEATHSIG) and (b) on its own
 * when its parent is stopped and cannot enforce the time limit (the
 * helper's own alarm; the CPU limit alone never fires for a blocked
 * helper). */
static void test_parent_gone(void)
{
    char fifo[1200];
    pid_t c, h[4];
    int st, k, scenario;
    double t0;
    snprintf(fifo, sizeof fifo, "%s/blocks.h5", tmpdir);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    CU_ASSERT_EQUAL_FATAL(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    for (scenario = 0; scenario < 2; scenario++) {
        size_t nh = 0;
        fflush(NULL);
        if ((c = fork()) == 0) {
            setenv("GOVIDX_VALIDATE_TIMEOUT_MS", scenario ? "1000" : "60000", 1);
            _exit(govidx_dataset_validate_file(fifo, GOVIDX_VALIDATE_ISOLATED, NULL, NULL) == GOVIDX_OK);
        }
        CU_ASSERT_FATAL(c > 0);
        for (k = 0; k < 100 && !(nh = children_of(c, h, 4)); k++)
            usleep(10000);
        CU_ASSERT_EQUAL(nh, 1);
        usleep(400000); /* past the helper's start-up (prctl, rlimit, alarm) */
        if (nh != 1) {
            kill(c, SIGKILL);
            waitpid(c, &st, 0);
            continue;
        }
        t0 = now();
        if (scenario == 0) {
            kill(c, SIGKILL);
            CU_ASSERT_EQUAL(waitpid(c, &st, 0), c);
            /* the orphaned helper is ours now (subreaper): it must die at once */
            for (k = 0; k < 500 && waitpid(h[0], &st, WNOHANG) == 0; k++)
                usleep(10000);
            CU_ASSERT(k < 500);
            CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
        } else {
            kill(c, SIGSTOP);
            for (k = 0; k < 1000 && state_of(h[0]) != 'Z' && state_of(h[0]) != 0; k++)
                usleep(10000);
            CU_ASSERT(k < 1000);         /* ended by itself while the parent was stopped */
            CU_ASSERT(now() - t0 < 6.0); /* 1 s limit + 2 s margin, well under the 10 s waited */
            kill(c, SIGKILL);
            kill(c, SIGCONT);
            CU_ASSERT_EQUAL(waitpid(c, &st, 0), c);
            while (waitpid(-1, &st, WNOHANG) > 0)
                ;
        }
        fprintf(stderr, "# parent %s: helper gone after %.2f s\n", scenario ? "stopped" : "killed", now() - t0);
    }
    prctl(PR_SET_CHILD_SUBREAPER, 0);
    while (waitpid(-1, &st, WNOHANG) > 0)
        ;
    unlink(fifo);
    CU_ASSERT(no_children());
}

static CU_TestInfo tests[] = {
    {"good and bad files, same problems as in process", test_good_and_bad},
    {"a crash of HDF5 is contained", test_crash_contained},
    {"missing, unusable or foreign helper", test_missing_helper},
    {"time limit kills the helper and its children", test_time_limit},
    {"no inherited descriptors or environment", test_child_environment},
    {"several threads at once", test_threads},
    {"the helper dies with its parent, and times out while it is stopped", test_parent_gone},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"isolated", suite_init, suite_clean, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

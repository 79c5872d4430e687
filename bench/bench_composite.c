/*
 * bench/bench_composite.c - speed and memory of plan + execute.
 *
 * A synthetic panel (default 100,000 units x 200 indicators x 10 years, in
 * 20 pillars of 10 indicators under one index) is computed three ways in
 * the same run:
 *   1. a pure streaming pass that reads every value once (a sum), on as
 *      many threads as govidx_execute uses: the floor set by this
 *      machine's memory bandwidth;
 *   2. a straightforward baseline written the obvious way on one thread,
 *      one pass over the data per step (min and max, normalise, aggregate
 *      pillars unit by unit, aggregate the index), writing every score into
 *      an output laid out like a result: once into new memory, then again
 *      into the same memory;
 *   3. govidx: govidx_plan_new + govidx_execute (min-max 0-100 per year,
 *      weighted arithmetic means; ranks and contributions are computed
 *      when first asked for), then govidx_execute_into the same result
 *      again (a recomputation with no new memory).
 * Reference floors measured in the same run, on the same number of threads:
 * reading the input once (read floor), writing the result's scores into
 * mapped memory (write floor) and into fresh memory (first touch: new
 * pages the kernel must clear, which on virtual machines costs far more
 * than the write itself).  It prints times, throughput in GB/s of input
 * data and the ratios.
 *
 * usage: bench_composite [UNITS [INDICATORS [YEARS]]]
 */
#include <govidx.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024;
}

/* resident memory now, in MB (0 where /proc is not there) */
static double rss_now_mb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (double)sysconf(_SC_PAGESIZE) / 1e6;
}

/* One line of a text file (CPU model, kernel settings), for the header a
 * reader on another machine compares with; "?" when it is not there. */
static void read_line(char *out, size_t n, const char *path, const char *key)
{
    char line[512];
    FILE *f = fopen(path, "r");
    snprintf(out, n, "?");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *c = key ? strstr(line, key) : line;
        if (c && (!key || c == line)) {
            char *v = key ? strchr(line, ':') : line;
            v = v ? v + (key ? 1 : 0) : line;
            while (*v == ' ' || *v == '\t')
                v++;
            v[strcspn(v, "\n")] = '\0';
            if (strlen(v) >= n)
                v[n - 1] = '\0'; /* a long line is cut, not overflowed */
            memcpy(out, v, strlen(v) + 1);
            break;
        }
    }
    fclose(f);
}

/* First touch of `bytes` of fresh memory by `n_threads` writers, with or
 * without the huge-page advice govidx gives a result's scores. */
static double touch_fresh(size_t cells, size_t n_threads, int advise, double *sink);

/* splitmix64: a small seeded generator for the synthetic data */
static unsigned long long rng_state = 42;
static double uniform(void)
{
    unsigned long long z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (z >> 11) * (1.0 / 9007199254740992.0);
}

/* the streaming floor: each thread sums every value of its years */
typedef struct stream_job {
    double **data;
    size_t cells, first, step, T;
    double sum;
} stream_job;

static void *stream_worker(void *arg)
{
    stream_job *j = arg;
    size_t y, i;
    double s[4] = {0, 0, 0, 0};
    /* four independent sums: the loop is limited by memory, not by the
     * latency of one chain of additions */
    for (y = j->first; y < j->T; y += j->step) {
        const double *d = j->data[y];
        for (i = 0; i + 4 <= j->cells; i += 4) {
            s[0] += d[i] == d[i] ? d[i] : 0;
            s[1] += d[i + 1] == d[i + 1] ? d[i + 1] : 0;
            s[2] += d[i + 2] == d[i + 2] ? d[i + 2] : 0;
            s[3] += d[i + 3] == d[i + 3] ? d[i + 3] : 0;
        }
        for (; i < j->cells; i++)
            s[0] += d[i] == d[i] ? d[i] : 0;
    }
    j->sum = s[0] + s[1] + s[2] + s[3];
    return NULL;
}

/* the write floor: each thread fills its share of a buffer */
typedef struct write_job {
    double *d;
    size_t n;
} write_job;

static void *write_worker(void *arg)
{
    write_job *j = arg;
    size_t i;
    for (i = 0; i < j->n; i++)
        j->d[i] = (double)i;
    return NULL;
}

static void write_pass(double *d, size_t cells, size_t n_threads)
{
    pthread_t tid[8];
    write_job jobs[8] = {{d, cells}};
    size_t t, per;
    if (n_threads < 1 || n_threads > 8)
        n_threads = 1;
    per = cells / n_threads;
    for (t = 0; t < n_threads; t++) {
        jobs[t].d = d + t * per;
        jobs[t].n = t + 1 == n_threads ? cells - t * per : per;
    }
    for (t = 1; t < n_threads; t++)
        pthread_create(&tid[t], NULL, write_worker, &jobs[t]);
    write_worker(&jobs[0]);
    for (t = 1; t < n_threads; t++)
        pthread_join(tid[t], NULL);
}

/* The baseline: for each year, each indicator's min and max, then its
 * normalised column; each pillar as the mean of its present children, unit
 * by unit; the index as the mean of the pillars.  Scores go to out, year by
 * year: the m indicators, the pillars, the index, n units each. */
static double baseline(double *out, double *const *data, size_t n, size_t m, size_t T, size_t per)
{
    size_t n_pillars = (m + per - 1) / per, nodes = m + n_pillars + 1, y, j, i, p;
    for (y = 0; y < T; y++) {
        double *z = out + y * nodes * n, *pill = z + m * n, *idx = pill + n_pillars * n;
        for (j = 0; j < m; j++) { /* min and max, then normalise */
            double lo = INFINITY, hi = -INFINITY;
            for (i = 0; i < n; i++) {
                double x = data[y][i + j * n];
                if (x == x) {
                    lo = x < lo ? x : lo;
                    hi = x > hi ? x : hi;
                }
            }
            for (i = 0; i < n; i++)
                z[i + j * n] = 100 * (data[y][i + j * n] - lo) / (hi - lo);
        }
        for (p = 0; p < n_pillars; p++) /* pillars: mean of present children */
            for (i = 0; i < n; i++) {
                double s = 0, c = 0;
                for (j = p * per; j < (p + 1) * per && j < m; j++)
                    if (z[i + j * n] == z[i + j * n])
                        s += z[i + j * n], c++;
                pill[i + p * n] = c ? s / c : NAN;
            }
        for (i = 0; i < n; i++) { /* index */
            double s = 0;
            for (p = 0; p < n_pillars; p++)
                s += pill[i + p * n];
            idx[i] = s / n_pillars;
        }
    }
    return out[nodes * n - 1];
}

/* one line of the table: time, input GB/s, ratio to the read floor */
static void row(const char *label, double t, double bytes, double t_read)
{
    printf("%-46s %9.1f %9.2f %9.2f\n", label, t * 1e3, bytes / t / 1e9, t / t_read);
}

static double stream_pass(double **data, size_t cells, size_t T, size_t n_threads)
{
    pthread_t tid[8];
    stream_job jobs[8];
    size_t t;
    double sum = 0;
    for (t = 0; t < n_threads; t++) {
        stream_job j = {data, cells, t, n_threads, T, 0};
        jobs[t] = j;
    }
    for (t = 1; t < n_threads; t++)
        pthread_create(&tid[t], NULL, stream_worker, &jobs[t]);
    stream_worker(&jobs[0]);
    for (t = 1; t < n_threads; t++)
        pthread_join(tid[t], NULL);
    for (t = 0; t < n_threads; t++)
        sum += jobs[t].sum;
    return sum;
}

static double touch_fresh(size_t cells, size_t n_threads, int advise, double *sink)
{
    void *fresh = NULL;
    double t0;
    if (posix_memalign(&fresh, (size_t)2 << 20, cells * sizeof(double)) != 0)
        return INFINITY;
#ifdef MADV_HUGEPAGE
    if (advise)
        madvise(fresh, cells * sizeof(double), MADV_HUGEPAGE);
#else
    (void)advise;
#endif
    t0 = now();
    write_pass(fresh, cells, n_threads);
    t0 = now() - t0;
    *sink += ((double *)fresh)[cells / 3];
    free(fresh);
    return t0;
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    size_t m = argc > 2 ? strtoul(argv[2], NULL, 10) : 200;
    size_t T = argc > 3 ? strtoul(argv[3], NULL, 10) : 10;
    size_t per = 10, n_pillars = (m + per - 1) / per, y, j, i, p;
    double **data = malloc(T * sizeof *data), t0, t_stream, t_base, t_base_again, t_plan, t_exec, t_into, t_touch, t_write;
    double sink = 0, rss_before, rss_govidx, t_touch4k = INFINITY;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n_threads = cpus < 1 ? 1 : cpus > 8 ? 8 : (size_t)cpus;
    double bytes = (double)n * m * T * sizeof(double);
    govidx_matrix_view *views = malloc(T * sizeof *views);
    govidx_framework *fw = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    char code[64], parent[64];
    int rc;

    {
        char cpu[256], thp[128], defrag[128], load[128];
        read_line(cpu, sizeof cpu, "/proc/cpuinfo", "model name");
        read_line(thp, sizeof thp, "/sys/kernel/mm/transparent_hugepage/enabled", NULL);
        read_line(defrag, sizeof defrag, "/sys/kernel/mm/transparent_hugepage/defrag", NULL);
        read_line(load, sizeof load, "/proc/loadavg", NULL);
        printf("bench_composite: %zu units x %zu indicators x %zu years = %.2f GB of input\n", n, m, T, bytes / 1e9);
        /* the figures below are ratios to floors measured in this run, so
         * they compare across machines; the header says which machine */
        printf("machine: %s, %ld CPU(s); transparent huge pages: %s, defrag %s; load %s\n", cpu, cpus, thp, defrag,
               load);
    }
    for (y = 0; y < T; y++) {
        data[y] = malloc(n * m * sizeof(double));
        if (!data[y]) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        for (j = 0; j < m; j++)
            for (i = 0; i < n; i++)
                data[y][i + j * n] = (uniform() < 0.01) ? NAN : 10 * uniform() + j;
        views[y] = govidx_matrix_view_array(data[y], n, m);
    }

    /* the floors use as many threads as govidx_execute: one a year, at
     * most one a CPU (the read floor, 1., is measured below, in turns with
     * govidx) */
    if (n_threads > T)
        n_threads = T;

    /* 2. baseline: one pass per step, the obvious way, into an output
     * holding every score (like a result): once into new memory, as
     * govidx_execute, then again into the same memory, as execute_into */
    {
        size_t out_cells = n * T * (m + n_pillars + 1);
        double *out;
        t0 = now();
        out = malloc(out_cells * sizeof *out);
        if (!out) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        sink += baseline(out, data, n, m, T, per);
        t_base = now() - t0;
        t0 = now();
        sink += baseline(out, data, n, m, T, per);
        t_base_again = now() - t0;
        free(out);
    }

    /* 3. govidx plan + execute */
    govidx_framework_new(&fw);
    for (j = 0; j < m; j++) {
        snprintf(code, sizeof code, "i%zu", j);
        snprintf(parent, sizeof parent, "P%zu", j / per);
        govidx_framework_add_indicator(fw, code, parent, 1, 1, j);
    }
    for (p = 0; p < n_pillars; p++) {
        snprintf(code, sizeof code, "P%zu", p);
        govidx_framework_add_aggregate(fw, code, "Index", 1);
    }
    govidx_framework_add_aggregate(fw, "Index", NULL, 1);
    if ((rc = govidx_framework_seal(fw))) {
        fprintf(stderr, "seal: %s\n", govidx_last_error());
        return 1;
    }
    panel.n_years = T;
    panel.years = views;
    rss_before = rss_now_mb();
    t0 = now();
    rc = govidx_plan_new(&plan, fw, NULL, &panel);
    t_plan = now() - t0;
    if (rc) {
        fprintf(stderr, "plan: %s\n", govidx_last_error());
        return 1;
    }
    t0 = now();
    rc = govidx_execute(&res, plan, &panel);
    t_exec = now() - t0;
    rss_govidx = rss_now_mb() - rss_before;
    if (rc) {
        fprintf(stderr, "execute: %s\n", govidx_last_error());
        return 1;
    }
    sink += govidx_result_score(res, 0, 0, 0);
    {
        /* the result's scores (8 bytes a cell) as plain memory: first
         * touch of fresh pages (with the same huge-page advice the library
         * gives); then, in turns, the read floor, govidx_execute_into the
         * same result (the steady state of recomputing) and a streaming
         * write into the now mapped pages (the write floor), each the best
         * of 5 on the same number of threads: taking turns, all three see
         * the same machine, whose speed drifts */
        size_t cells = n * T * (m + n_pillars + 1);
        void *fresh = NULL;
        if (posix_memalign(&fresh, (size_t)2 << 20, cells * sizeof(double)) != 0) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
#ifdef MADV_HUGEPAGE
        madvise(fresh, cells * sizeof(double), MADV_HUGEPAGE);
#endif
        t0 = now();
        write_pass(fresh, cells, n_threads);
        t_touch = now() - t0;
        /* first touch with and without the advice, best of 3 in turns:
         * which is cheaper depends on the kernel's free huge pages now
         * (with defrag "madvise", advised faults compact memory first) */
        for (p = 0; p < 3; p++) {
            double th = touch_fresh(cells, n_threads, 1, &sink), t4 = touch_fresh(cells, n_threads, 0, &sink);
            t_touch = th < t_touch ? th : t_touch;
            t_touch4k = t4 < t_touch4k ? t4 : t_touch4k;
        }
        t_stream = t_into = t_write = INFINITY;
        for (p = 0; p < 5; p++) {
            t0 = now();
            sink += stream_pass(data, n * m, T, n_threads);
            t0 = now() - t0;
            t_stream = t0 < t_stream ? t0 : t_stream;
            t0 = now();
            rc = govidx_execute_into(res, plan, &panel);
            t0 = now() - t0;
            if (rc) {
                fprintf(stderr, "execute_into: %s\n", govidx_last_error());
                return 1;
            }
            t_into = t0 < t_into ? t0 : t_into;
            t0 = now();
            write_pass(fresh, cells, n_threads);
            t0 = now() - t0;
            t_write = t0 < t_write ? t0 : t_write;
        }
        sink += govidx_result_score(res, 0, 0, 0) + ((double *)fresh)[cells / 2];
        free(fresh);
    }
    printf("%-46s %9s %9s %9s\n", "", "ms", "GB/s", "ratio");
    row("read floor: streaming pass, best of 5", t_stream, bytes, t_stream);
    row("write floor: the scores' bytes, best of 5", t_write, bytes, t_stream);
    row("first touch of the scores' bytes, huge pages", t_touch, bytes, t_stream);
    row("first touch of the scores' bytes, 4 KiB pages", t_touch4k, bytes, t_stream);
    row("baseline, one pass per step, new output", t_base, bytes, t_stream);
    row("baseline, same output again", t_base_again, bytes, t_stream);
    row("govidx plan", t_plan, bytes, t_stream);
    row("govidx execute, new result", t_exec, bytes, t_stream);
    row("govidx execute_into, same result, best of 5", t_into, bytes, t_stream);
    printf("(GB/s: input bytes / time; floors and govidx on %zu thread(s))\n", n_threads);
    printf("execute_into vs read floor: %.2fx (aim <= 3x); plan + execute_into: %.2fx; execute_into vs read + "
           "write floors: %.2fx; vs baseline again: %.2fx\n",
           t_into / t_stream, (t_plan + t_into) / t_stream, t_into / (t_stream + t_write), t_into / t_base_again);
    printf("execute (new result) vs read + first touch: %.2fx; plan + execute vs baseline, new output: %.2fx\n",
           t_exec / (t_stream + t_touch), (t_plan + t_exec) / t_base);
    /* the verdicts a reader checks on any CPU: ratios measured in this run */
    printf("verdict: recomputing (plan + execute_into) is %.2fx the baseline's time into its own output: govidx %s\n",
           (t_plan + t_into) / t_base_again, t_plan + t_into <= t_base_again ? "faster" : "SLOWER");
    printf("verdict: a new result (plan + execute) is %.2fx the baseline's time into new memory: govidx %s",
           (t_plan + t_exec) / t_base, t_plan + t_exec <= t_base ? "faster" : "SLOWER");
    if (t_plan + t_exec > t_base)
        printf(" (first touch with huge-page advice costs %.2fx that of 4 KiB pages here now; the new pages, "
               "not the computation, decide: reuse a result with govidx_execute_into; docs/methods/pipeline.md)",
               t_touch / t_touch4k);
    printf("\n");
    printf("govidx memory: plan + result %.0f MB resident (the scores: %.0f MB; ranks add 4 bytes a cell when "
           "first read)\n",
           rss_govidx, (double)n * T * (m + n_pillars + 1) * sizeof(double) / 1e6);
    printf("peak RSS %ld MB (input %.0f MB)   [checksum %g]\n", peak_rss_mb(), bytes / 1e6, sink);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
    for (y = 0; y < T; y++)
        free(data[y]);
    free(data);
    free(views);
    return 0;
}

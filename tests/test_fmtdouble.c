/*
 * Shortest round-trip formatting of doubles (lib/fmtdouble.cc, through
 * double-conversion's ToShortest), checked independently of it:
 *  - round trip: glibc's strtod reads every text back as the identical
 *    double (bit for bit), on edge values and on millions of random bit
 *    patterns (subnormals, both signs, every exponent) and random scores;
 *  - shortest: with d significant digits written, glibc's printf with d-1
 *    significant digits (correctly rounded) does not round-trip, so no
 *    shorter decimal exists (among d-1 digits the correctly rounded one is
 *    the closest, so if it fails all fail);
 *  - the result CSV writer: every score of `govidx compute`'s long CSV of
 *    the shipped demo reads back as govidx_result_score's double.
 * GOVIDX_FMT_RANDOM sets the number of random bit patterns (default
 * 2,000,000; plus half as many uniform scores in [0, 100)).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <govidx.h>
#include "core/fmtdouble.h"
#include "gxtest.h"

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* significant digits of a decimal text (digits of the mantissa, leading
 * zeros dropped, trailing zeros of an integer part kept out) */
static int sig_digits(const char *s)
{
    int n = 0, started = 0, trailing = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (*s == '0' && !started)
            continue;
        started = 1;
        n++;
        trailing = *s == '0' ? trailing + 1 : 0;
    }
    return n - trailing; /* 1000 has 1 significant digit */
}

static int checked, not_shortest, bad_round_trip;

static void check_one(double x)
{
    char buf[GOVIDX__SHORTEST_MAX], alt[64];
    size_t n = govidx__fmt_shortest(buf, x);
    double back = strtod(buf, NULL);
    int d;
    checked++;
    if (n != strlen(buf) || !same_bits(back, x)) {
        if (bad_round_trip++ < 5)
            fprintf(stderr, "round trip: %.17g written as '%s'\n", x, buf);
        return;
    }
    d = sig_digits(buf);
    if (d > 1 && x != 0) {
        snprintf(alt, sizeof alt, "%.*e", d - 2, x); /* d - 1 significant digits */
        if (same_bits(strtod(alt, NULL), x) && not_shortest++ < 5)
            fprintf(stderr, "not shortest: '%s' but '%s' reads back too\n", buf, alt);
    }
}

static void expect_text(double x, const char *want)
{
    char buf[GOVIDX__SHORTEST_MAX];
    govidx__fmt_shortest(buf, x);
    if (strcmp(buf, want))
        fprintf(stderr, "%.17g: got '%s', want '%s'\n", x, buf, want);
    CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_edges(void)
{
    static const double edges[] = {0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 5e-324, 1e-323,
                                   2.2250738585072009e-308, DBL_MIN, DBL_MAX, -DBL_MAX, DBL_EPSILON, 1e16, 1e17,
                                   9007199254740992.0, 9007199254740991.0, 123456789012345678.0, 1e-4, 1e-5,
                                   100, 73.25, 0.1 + 0.2, 1e21, 1e22, 1e23, 5e-310, 4.9406564584124654e-324,
                                   1.7976931348623157e308, 2.5, 1e100, 1e-100, 123.456, 99.999999999999986};
    size_t i;
    /* the style: printf's %g layout, fewest digits */
    expect_text(0.1, "0.1");
    expect_text(0.1 + 0.2, "0.30000000000000004");
    expect_text(-0.0, "-0");
    expect_text(0.0, "0");
    expect_text(100, "100");
    expect_text(73.25, "73.25");
    expect_text(1e-4, "0.0001");
    expect_text(1e-5, "1e-5");
    expect_text(1e16, "10000000000000000");
    expect_text(1e17, "1e+17");
    expect_text(5e-324, "5e-324");
    expect_text(DBL_MAX, "1.7976931348623157e+308");
    expect_text(1.0 / 3, "0.3333333333333333");
    expect_text(INFINITY, "inf");
    expect_text(-INFINITY, "-inf");
    expect_text(NAN, "nan");
    checked = not_shortest = bad_round_trip = 0;
    for (i = 0; i < sizeof edges / sizeof *edges; i++) {
        check_one(edges[i]);
        check_one(-edges[i]);
        check_one(nextafter(edges[i], INFINITY));
        check_one(nextafter(edges[i], -INFINITY));
    }
    CU_ASSERT_EQUAL(bad_round_trip, 0);
    CU_ASSERT_EQUAL(not_shortest, 0);
    /* every power of ten and of two in range */
    for (i = 0; i < 2 * 1076; i++) {
        check_one(ldexp(1.0, (int)i - 1075));
        if (i < 2 * 324)
            check_one(pow(10.0, (double)i - 323));
    }
    CU_ASSERT_EQUAL(bad_round_trip, 0);
    CU_ASSERT_EQUAL(not_shortest, 0);
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;
static uint64_t next64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_random(void)
{
    const char *env = getenv("GOVIDX_FMT_RANDOM");
    long n = env ? atol(env) : 2000000, i, sub = 0;
    checked = not_shortest = bad_round_trip = 0;
    for (i = 0; i < n; i++) {
        uint64_t b = next64();
        double x;
        if (i % 8 == 0)
            b &= 0x800FFFFFFFFFFFFFULL; /* exponent field 0: a subnormal (or zero) */
        memcpy(&x, &b, sizeof x);
        if (!isfinite(x))
            continue;
        sub += fpclassify(x) == FP_SUBNORMAL;
        check_one(x);
    }
    for (i = 0; i < n / 2; i++) /* scores as the engine writes them */
        check_one(100.0 * (double)(next64() >> 11) / 9007199254740992.0);
    printf("\n  %d values checked (%ld subnormal): %d not read back, %d not shortest\n", checked, sub,
           bad_round_trip, not_shortest);
    CU_ASSERT(sub > n / 10);
    CU_ASSERT(checked > n);
    CU_ASSERT_EQUAL(bad_round_trip, 0);
    CU_ASSERT_EQUAL(not_shortest, 0);
}

/* Every score the CSV writer writes reads back as the result's double. */
static void test_result_csv(void)
{
    char path[4096], line[1024];
    const char *src = getenv("GOVIDX_SRCDIR") ? getenv("GOVIDX_SRCDIR") : ".";
    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_result *r = NULL;
    FILE *f;
    size_t rows = 0, bad = 0, scored = 0;
    snprintf(path, sizeof path, "%s/datasets/demo-cities.h5", src);
    GX_ASSERT_OK(govidx_dataset_open(&ds, path, NULL));
    GX_ASSERT_OK(govidx_plan_from_dataset(&plan, ds, NULL));
    GX_ASSERT_OK(govidx_execute_dataset(&r, plan, ds));
    snprintf(path, sizeof path, "test_fmtdouble.%ld.csv", (long)getpid());
    GX_ASSERT_OK(govidx_result_write_csv(r, path));
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char unit[256], node[256], score[64];
        int year;
        size_t u, y, k;
        rows++;
        /* unit,year,node,score,rank: the demo's codes need no quoting */
        if (sscanf(line, "%255[^,],%d,%255[^,],%63[^,],", unit, &year, node, score) != 4) {
            /* an empty score (missing) is "unit,year,node,,": no 4th field */
            continue;
        }
        scored++;
        if (govidx_result_find_unit(&u, r, unit) || govidx_result_find_year(&y, r, year) ||
            govidx_result_find_node(&k, r, node) || !same_bits(strtod(score, NULL), govidx_result_score(r, u, y, k)))
            bad++;
    }
    fclose(f);
    remove(path);
    printf("\n  %zu CSV rows, %zu scores read back: %zu differ\n", rows, scored, bad);
    CU_ASSERT(scored > 7000); /* the demo: 7,134 scores */
    CU_ASSERT_EQUAL(bad, 0);
    govidx_result_free(r);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
}

/*
 * A result of 300 units x 251 nodes (75,300 rows: the writer formats pieces
 * on one thread per CPU and writes them in order): every row is the right
 * unit, year, node, score (bit for bit) and rank, each node's rows are one
 * block, and the units come in their order within it.
 */
static void test_result_csv_pieces(void)
{
    const size_t n = 300, m = 250;
    double *data = malloc(n * m * sizeof *data);
    char code[32], path[256], line[256];
    int year = 2024;
    unsigned char *seen;
    govidx_matrix_view view;
    govidx_panel panel = GOVIDX_PANEL_INIT;
    govidx_framework *fw = NULL;
    govidx_plan *plan = NULL;
    govidx_result *r = NULL;
    size_t i, j, rows = 0, bad = 0, misplaced = 0, prev_k = (size_t)-1, next_u = 0;
    FILE *f;
    unsigned long long st = 12345;

    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    for (i = 0; i < n * m; i++) {
        st ^= st << 13;
        st ^= st >> 7;
        st ^= st << 17;
        data[i] = (double)(st >> 11) / 9007199254740992.0 * 7.0 + (double)(i / n);
    }
    view = govidx_matrix_view_array(data, n, m);
    GX_ASSERT_OK(govidx_framework_new(&fw));
    for (j = 0; j < m; j++) {
        snprintf(code, sizeof code, "i%zu", j);
        GX_ASSERT_OK(govidx_framework_add_indicator(fw, code, "Index", 1, 1, j));
    }
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "Index", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    panel.n_years = 1;
    panel.years = &view;
    panel.year_labels = &year;
    GX_ASSERT_OK(govidx_plan_new(&plan, fw, NULL, &panel));
    GX_ASSERT_OK(govidx_execute(&r, plan, &panel));
    seen = calloc(govidx_result_n_nodes(r), 1);
    snprintf(path, sizeof path, "test_fmtdouble_pieces.%ld.csv", (long)getpid());
    GX_ASSERT_OK(govidx_result_write_csv(r, path));
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_STRING_EQUAL(line, "unit,year,node,score,rank\n");
    while (fgets(line, sizeof line, f)) {
        char node[64], score[64];
        unsigned long rank = 0;
        int y;
        size_t u, k;
        rows++;
        /* the default unit codes are 1..n */
        if (sscanf(line, "%zu,%d,%63[^,],%63[^,],%lu", &u, &y, node, score, &rank) != 5 ||
            govidx_result_find_node(&k, r, node) || y != 2024 || u-- == 0 || u >= n) {
            bad++;
            continue;
        }
        if (k != prev_k) { /* a new block: a node not seen before, from the first unit */
            misplaced += seen[k] || next_u != 0;
            seen[k] = 1;
            prev_k = k;
        }
        misplaced += u != next_u;
        next_u = u + 1 == n ? 0 : u + 1;
        bad += !same_bits(strtod(score, NULL), govidx_result_score(r, u, 0, k)) ||
               rank != govidx_result_rank(r, u, 0, k);
    }
    fclose(f);
    remove(path);
    CU_ASSERT_EQUAL(rows, n * (m + 1));
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(misplaced, 0);
    free(seen);
    govidx_result_free(r);
    govidx_plan_free(plan);
    govidx_framework_free(fw);
    free(data);
}

/* The public govidx_format_double: the same text as the internal one, cut
 * and terminated like snprintf in a small buffer, the full length returned. */
static void test_public(void)
{
    char buf[GOVIDX_DOUBLE_TEXT_MAX], in[GOVIDX__SHORTEST_MAX];
    CU_ASSERT_EQUAL(govidx_format_double(buf, sizeof buf, 0.1), 3);
    CU_ASSERT_STRING_EQUAL(buf, "0.1");
    CU_ASSERT_EQUAL(govidx_format_double(buf, sizeof buf, 2.0 / 3.0), 18);
    CU_ASSERT_STRING_EQUAL(buf, "0.6666666666666666");
    govidx__fmt_shortest(in, -DBL_MIN);
    CU_ASSERT_EQUAL(govidx_format_double(buf, sizeof buf, -DBL_MIN), strlen(in));
    CU_ASSERT_STRING_EQUAL(buf, in);
    CU_ASSERT_EQUAL(govidx_format_double(buf, 3, 0.125), 5); /* "0.125" cut to "0." */
    CU_ASSERT_STRING_EQUAL(buf, "0.");
    CU_ASSERT_EQUAL(govidx_format_double(NULL, 0, 1e300), 6); /* "1e+300": length only */
    buf[0] = 'x';
    CU_ASSERT_EQUAL(govidx_format_double(buf, 0, 1.5), 3);
    CU_ASSERT_EQUAL(buf[0], 'x'); /* n = 0: nothing written */
}

static CU_TestInfo tests[] = {{"govidx_format_double (public)", test_public},
                              {"edge values and the %g style", test_edges},
                              {"random doubles: round trip and shortest", test_random},
                              {"the result CSV reads back bit for bit", test_result_csv},
                              {"a large result CSV, formatted in pieces, in order", test_result_csv_pieces},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"shortest round-trip doubles", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

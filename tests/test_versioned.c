/*
 * tests/test_versioned.c - versioned structs that can grow (lib/versioned.c).
 *
 * - every public _init(&s, version): version 1 gives the bytes of the _INIT
 *   macro and leaves the struct's trailing padding alone; 0, current + 1 and
 *   NULL are GOVIDX_EINVAL with a message naming the struct;
 * - a simulated growth: lib/versioned.c is compiled into this program (the
 *   library hides it) and run on a test-local struct with two versions; a
 *   version-1 caller's struct sits at the very end of a readable page,
 *   before a PROT_NONE guard page, so a read or write past it would crash;
 * - real functions (normalise, DEA, aggregate) reject version 0 and 99 by
 *   the struct's name and give the same numbers with version 1 as before.
 *
 * SPDX-License-Identifier: MIT
 */
#include "govidx.h"
#include "gxtest.h"
#include "core/internal.h"

#include <stdarg.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

/* lib/versioned.c reports through govidx__fail, which is hidden inside the
 * library; this program's own copy keeps the message here. */
static char local_msg[256];

int govidx__fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(local_msg, sizeof local_msg, fmt, ap);
    va_end(ap);
    return status;
}

static int error_names(const char *what)
{
    const char *msg = govidx_last_error();
    if (!msg || !strstr(msg, what)) {
        fprintf(stderr, "  message '%s' does not name '%s'\n", msg ? msg : "(null)", what);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* every public _init function                                          */
/* ------------------------------------------------------------------ */

/* version 1 = the macro's bytes up to the end of the last field; the
 * trailing padding (if any) untouched; 0, current + 1 and NULL refused. */
#define INIT_TEST(name, T, fn, INIT, CURRENT, last, label)                                     \
    static void test_init_##name(void)                                                        \
    {                                                                                         \
        static const T want = INIT; /* static: padding is zero, as in the library's copy */ \
        T got;                                                                                \
        size_t end = offsetof(T, last) + sizeof(((T *)0)->last), k;                         \
        memset(&got, 0xA5, sizeof got);                                                       \
        GX_ASSERT_OK(fn(&got, 1));                                                            \
        CU_ASSERT_EQUAL(got.version, 1u);                                                     \
        CU_ASSERT_EQUAL(memcmp(&got, &want, end), 0);                                         \
        for (k = end; k < sizeof got; k++)                                                    \
            CU_ASSERT_EQUAL(((unsigned char *)&got)[k], 0xA5);                                \
        GX_ASSERT_OK(fn(&got, CURRENT));                                                      \
        CU_ASSERT_EQUAL(memcmp(&got, &want, end), 0);                                         \
        GX_ASSERT_RC(fn(&got, 0), GOVIDX_EINVAL);                                             \
        CU_ASSERT(error_names(label));                                                        \
        CU_ASSERT(error_names("version 0"));                                                  \
        GX_ASSERT_RC(fn(&got, (CURRENT) + 1), GOVIDX_EINVAL);                                 \
        CU_ASSERT(error_names(label));                                                        \
        GX_ASSERT_RC(fn(NULL, 1), GOVIDX_EINVAL);                                             \
        CU_ASSERT(error_names(label));                                                        \
    }

INIT_TEST(norm, govidx_norm_options, govidx_norm_options_init, GOVIDX_NORM_OPTIONS_INIT, GOVIDX_NORM_OPTIONS_VERSION,
          names, "normalisation options")
INIT_TEST(aggregate, govidx_aggregate_options, govidx_aggregate_options_init, GOVIDX_AGGREGATE_OPTIONS_INIT,
          GOVIDX_AGGREGATE_OPTIONS_VERSION, ampi_max, "aggregation options")
INIT_TEST(aggregate_info, govidx_aggregate_info, govidx_aggregate_info_init, GOVIDX_AGGREGATE_INFO_INIT,
          GOVIDX_AGGREGATE_INFO_VERSION, n_missing, "aggregation info")
INIT_TEST(allocator, govidx_allocator, govidx_allocator_init, GOVIDX_ALLOCATOR_INIT, GOVIDX_ALLOCATOR_VERSION, ctx,
          "allocator")
INIT_TEST(coupling_out, govidx_coupling_out, govidx_coupling_out_init, GOVIDX_COUPLING_OUT_INIT,
          GOVIDX_COUPLING_OUT_VERSION, saturated, "coupling output")
INIT_TEST(open, govidx_open_options, govidx_open_options_init, GOVIDX_OPEN_OPTIONS_INIT, GOVIDX_OPEN_OPTIONS_VERSION,
          flags, "open options")
INIT_TEST(indicator, govidx_indicator, govidx_indicator_init, GOVIDX_INDICATOR_INIT, GOVIDX_INDICATOR_VERSION, target,
          "indicator")
INIT_TEST(node, govidx_node, govidx_node_init, GOVIDX_NODE_INIT, GOVIDX_NODE_VERSION, weight, "node")
INIT_TEST(district, govidx_district, govidx_district_init, GOVIDX_DISTRICT_INIT, GOVIDX_DISTRICT_VERSION, area,
          "district")
INIT_TEST(actor, govidx_actor, govidx_actor_init, GOVIDX_ACTOR_INIT, GOVIDX_ACTOR_VERSION, level, "actor")
INIT_TEST(edge, govidx_edge, govidx_edge_init, GOVIDX_EDGE_INIT, GOVIDX_EDGE_VERSION, weight, "edge")
INIT_TEST(dea, govidx_dea_options, govidx_dea_options_init, GOVIDX_DEA_OPTIONS_INIT, GOVIDX_DEA_OPTIONS_VERSION,
          algorithm, "DEA options")
/* BoD options are at version 2 (threads appended, issue 21): version 1 is
 * the v1 fields with version 1 and nothing written past `share_upper` */
static void test_init_bod(void)
{
    static const govidx_bod_options want = GOVIDX_BOD_OPTIONS_INIT;
    govidx_bod_options got;
    size_t v1_end = offsetof(govidx_bod_options, share_upper) + sizeof want.share_upper, k;
    size_t v2_end = offsetof(govidx_bod_options, threads) + sizeof want.threads;
    size_t after_version = offsetof(govidx_bod_options, w_lower);
    CU_ASSERT_EQUAL(GOVIDX_BOD_OPTIONS_VERSION, 2);
    memset(&got, 0xA5, sizeof got);
    GX_ASSERT_OK(govidx_bod_options_init(&got, 1));
    CU_ASSERT_EQUAL(got.version, 1u);
    CU_ASSERT_EQUAL(memcmp((char *)&got + after_version, (const char *)&want + after_version,
                           v1_end - after_version), 0);
    for (k = v1_end; k < sizeof got; k++)
        CU_ASSERT_EQUAL(((unsigned char *)&got)[k], 0xA5);
    GX_ASSERT_OK(govidx_bod_options_init(&got, 2));
    CU_ASSERT_EQUAL(memcmp(&got, &want, v2_end), 0);
    CU_ASSERT_EQUAL(got.threads, 0u);
    GX_ASSERT_RC(govidx_bod_options_init(&got, 0), GOVIDX_EINVAL);
    CU_ASSERT(error_names("BoD options"));
    GX_ASSERT_RC(govidx_bod_options_init(&got, 3), GOVIDX_EINVAL);
    CU_ASSERT(error_names("BoD options"));
    GX_ASSERT_RC(govidx_bod_options_init(NULL, 1), GOVIDX_EINVAL);
}
INIT_TEST(bod_robust, govidx_bod_robust_options, govidx_bod_robust_options_init, GOVIDX_BOD_ROBUST_OPTIONS_INIT,
          GOVIDX_BOD_ROBUST_OPTIONS_VERSION, seed, "robust BoD options")
/* import sources are at version 2 (number format, column names, one file
 * per year; issue 16): version 1 writes nothing past default_year */
static void test_init_import(void)
{
    static const govidx_import_sources want = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_import_sources got;
    size_t v1_end = offsetof(govidx_import_sources, default_year) + sizeof want.default_year, k;
    size_t v2_end = offsetof(govidx_import_sources, n_data_files) + sizeof want.n_data_files;
    size_t after_version = offsetof(govidx_import_sources, data);
    CU_ASSERT_EQUAL(GOVIDX_IMPORT_SOURCES_VERSION, 2);
    memset(&got, 0xA5, sizeof got);
    GX_ASSERT_OK(govidx_import_sources_init(&got, 1));
    CU_ASSERT_EQUAL(got.version, 1u);
    CU_ASSERT_EQUAL(memcmp((char *)&got + after_version, (const char *)&want + after_version,
                           v1_end - after_version), 0);
    for (k = v1_end; k < sizeof got; k++)
        CU_ASSERT_EQUAL(((unsigned char *)&got)[k], 0xA5);
    GX_ASSERT_OK(govidx_import_sources_init(&got, 2));
    CU_ASSERT_EQUAL(memcmp(&got, &want, v2_end), 0);
    CU_ASSERT_EQUAL(got.thousands, 0);
    CU_ASSERT_PTR_NULL(got.data_files);
    GX_ASSERT_RC(govidx_import_sources_init(&got, 3), GOVIDX_EINVAL);
    CU_ASSERT(error_names("import sources"));
    GX_ASSERT_RC(govidx_import_sources_init(NULL, 1), GOVIDX_EINVAL);
}
INIT_TEST(impute, govidx_impute_options, govidx_impute_options_init, GOVIDX_IMPUTE_OPTIONS_INIT,
          GOVIDX_IMPUTE_OPTIONS_VERSION, names, "imputation options")
INIT_TEST(ineq, govidx_ineq_options, govidx_ineq_options_init, GOVIDX_INEQ_OPTIONS_INIT, GOVIDX_INEQ_OPTIONS_VERSION,
          floor, "inequality options")
INIT_TEST(network, govidx_network_options, govidx_network_options_init, GOVIDX_NETWORK_OPTIONS_INIT,
          GOVIDX_NETWORK_OPTIONS_VERSION, seed, "network options")
INIT_TEST(panel, govidx_panel, govidx_panel_init, GOVIDX_PANEL_INIT, GOVIDX_PANEL_VERSION, unit_groups, "panel")
INIT_TEST(rank_shift, govidx_rank_shift, govidx_rank_shift_init, GOVIDX_RANK_SHIFT_INIT, GOVIDX_RANK_SHIFT_VERSION,
          mean_abs_score, "rank shift")
INIT_TEST(csv, govidx_csv_options, govidx_csv_options_init, GOVIDX_CSV_OPTIONS_INIT, GOVIDX_CSV_OPTIONS_VERSION,
          max_bytes, "CSV options")
/* treatment options are at version 2 (count appended, issue 16): version 1
 * is the v1 fields with version 1 and nothing written past `names` */
static void test_init_treat(void)
{
    static const govidx_treat_options want = GOVIDX_TREAT_OPTIONS_INIT;
    govidx_treat_options got;
    size_t v1_end = offsetof(govidx_treat_options, names) + sizeof want.names, k;
    size_t v2_end = offsetof(govidx_treat_options, count) + sizeof want.count;
    size_t after_version = offsetof(govidx_treat_options, method);
    CU_ASSERT_EQUAL(GOVIDX_TREAT_OPTIONS_VERSION, 2);
    memset(&got, 0xA5, sizeof got);
    GX_ASSERT_OK(govidx_treat_options_init(&got, 1));
    CU_ASSERT_EQUAL(got.version, 1u);
    CU_ASSERT_EQUAL(memcmp((char *)&got + after_version, (const char *)&want + after_version,
                           v1_end - after_version), 0);
    for (k = v1_end; k < sizeof got; k++)
        CU_ASSERT_EQUAL(((unsigned char *)&got)[k], 0xA5);
    GX_ASSERT_OK(govidx_treat_options_init(&got, 2));
    CU_ASSERT_EQUAL(memcmp(&got, &want, v2_end), 0);
    GX_ASSERT_RC(govidx_treat_options_init(&got, 0), GOVIDX_EINVAL);
    CU_ASSERT(error_names("treatment options"));
    GX_ASSERT_RC(govidx_treat_options_init(&got, 3), GOVIDX_EINVAL);
    CU_ASSERT(error_names("treatment options"));
    GX_ASSERT_RC(govidx_treat_options_init(NULL, 1), GOVIDX_EINVAL);
}
INIT_TEST(weights, govidx_weights_options, govidx_weights_options_init, GOVIDX_WEIGHTS_OPTIONS_INIT,
          GOVIDX_WEIGHTS_OPTIONS_VERSION, pca_rotate, "weights options")

/* ------------------------------------------------------------------ */
/* a simulated growth of a test-local struct                            */
/* ------------------------------------------------------------------ */

/* Version 1 as an old caller compiled it: 4 bytes of trailing padding after
 * `a` (sizeof 24, fields end at 20). */
typedef struct grow_v1 {
    unsigned version;
    double b;
    int a;
} grow_v1;

/* Version 2 appends `c` (in what was v1's trailing padding) and `d`. */
typedef struct grow_v2 {
    unsigned version;
    double b;
    int a;
    int c;
    double d;
} grow_v2;

static const grow_v2 grow_defaults = {2, 1.5, 7, 42, 2.5};
static const size_t grow_sizes[2] = {GOVIDX__END(grow_v2, a), GOVIDX__END(grow_v2, d)};
static const govidx__versioned grow = {"grow record", 2, grow_sizes, &grow_defaults};

/* A readable page followed by a PROT_NONE guard page. */
static unsigned char *guard_pages(size_t *page)
{
    unsigned char *mem;
    *page = (size_t)sysconf(_SC_PAGESIZE);
    mem = mmap(NULL, 2 * *page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED)
        return NULL;
    if (mprotect(mem + *page, *page, PROT_NONE) != 0) {
        munmap(mem, 2 * *page);
        return NULL;
    }
    return mem;
}

static void test_grow_layout(void)
{
    /* the premise of the test: v2's first fields are v1's, and v1's last
     * field ends before its sizeof, so padding must not be read */
    CU_ASSERT_EQUAL(offsetof(grow_v1, a), offsetof(grow_v2, a));
    CU_ASSERT_EQUAL(grow_sizes[0], GOVIDX__END(grow_v1, a));
    CU_ASSERT(grow_sizes[0] < sizeof(grow_v1));
    CU_ASSERT(sizeof(grow_v1) < sizeof(grow_v2));
    CU_ASSERT_EQUAL(govidx__versioned_size(&grow, 1), grow_sizes[0]);
    CU_ASSERT_EQUAL(govidx__versioned_size(&grow, 2), grow_sizes[1]);
    CU_ASSERT_EQUAL(govidx__versioned_size(&grow, 3), 0);
}

static void test_grow_read_v1(void)
{
    size_t page;
    unsigned char *mem = guard_pages(&page);
    grow_v1 *old;
    grow_v2 lib;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
    /* the v1 struct ends exactly at the guard page; its padding holds junk */
    old = (grow_v1 *)(mem + page - sizeof(grow_v1));
    memset(old, 0x5A, sizeof *old);
    old->version = 1;
    old->b = -3.25;
    old->a = 11;
    memset(&lib, 0, sizeof lib);
    CU_ASSERT_EQUAL(govidx__versioned_read(&grow, &lib, old), GOVIDX_OK);
    CU_ASSERT_EQUAL(lib.version, 1u);
    CU_ASSERT_EQUAL(lib.b, -3.25);
    CU_ASSERT_EQUAL(lib.a, 11);
    CU_ASSERT_EQUAL(lib.c, 42); /* the default, not v1's padding (0x5A5A5A5A) */
    CU_ASSERT_EQUAL(lib.d, 2.5);
    /* the old caller's struct is untouched */
    CU_ASSERT_EQUAL(old->a, 11);
    CU_ASSERT_EQUAL(((unsigned char *)old)[sizeof *old - 1], 0x5A);
    munmap(mem, 2 * page);
}

static void test_grow_read_current_and_bad(void)
{
    grow_v2 caller = {2, 4.0, 5, 6, 7.0}, lib;
    memset(&lib, 0, sizeof lib);
    CU_ASSERT_EQUAL(govidx__versioned_read(&grow, &lib, &caller), GOVIDX_OK);
    CU_ASSERT_EQUAL(lib.b, 4.0);
    CU_ASSERT_EQUAL(lib.a, 5);
    CU_ASSERT_EQUAL(lib.c, 6);
    CU_ASSERT_EQUAL(lib.d, 7.0);
    /* NULL = the defaults */
    CU_ASSERT_EQUAL(govidx__versioned_read(&grow, &lib, NULL), GOVIDX_OK);
    CU_ASSERT_EQUAL(lib.a, 7);
    CU_ASSERT_EQUAL(lib.c, 42);
    /* versions 0 and 3 are refused by the struct's name */
    caller.version = 3;
    local_msg[0] = 0;
    CU_ASSERT_EQUAL(govidx__versioned_read(&grow, &lib, &caller), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(local_msg, "grow record: version 3 not supported (this library accepts 1..2)"));
    caller.version = 0;
    CU_ASSERT_EQUAL(govidx__versioned_read(&grow, &lib, &caller), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(local_msg, "grow record: version 0"));
}

static void test_grow_init_v1(void)
{
    size_t page;
    unsigned char *mem = guard_pages(&page);
    grow_v1 *old;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
    old = (grow_v1 *)(mem + page - sizeof(grow_v1));
    memset(old, 0x5A, sizeof *old);
    CU_ASSERT_EQUAL(govidx__versioned_init(&grow, old, 1), GOVIDX_OK);
    CU_ASSERT_EQUAL(old->version, 1u);
    CU_ASSERT_EQUAL(old->b, 1.5);
    CU_ASSERT_EQUAL(old->a, 7);
    CU_ASSERT_EQUAL(((unsigned char *)old)[sizeof *old - 1], 0x5A); /* padding: v2's c not written */
    CU_ASSERT_EQUAL(govidx__versioned_init(&grow, old, 3), GOVIDX_EINVAL);
    munmap(mem, 2 * page);
}

static void test_grow_write_v1(void)
{
    size_t page, k;
    unsigned char *mem = guard_pages(&page), buf[sizeof(grow_v1) + 16];
    grow_v1 *old;
    const grow_v2 lib = {2, 9.5, 13, 14, 15.5};
    CU_ASSERT_PTR_NOT_NULL_FATAL(mem);
    /* at the end of the page: a write past the struct would crash */
    old = (grow_v1 *)(mem + page - sizeof(grow_v1));
    memset(old, 0x5A, sizeof *old);
    old->version = 1;
    CU_ASSERT_EQUAL(govidx__versioned_write(&grow, old, &lib), GOVIDX_OK);
    CU_ASSERT_EQUAL(old->version, 1u); /* the caller's version stays */
    CU_ASSERT_EQUAL(old->b, 9.5);
    CU_ASSERT_EQUAL(old->a, 13);
    for (k = grow_sizes[0]; k < sizeof *old; k++) /* its padding is not written */
        CU_ASSERT_EQUAL(((unsigned char *)old)[k], 0x5A);
    munmap(mem, 2 * page);

    /* followed by canary bytes */
    memset(buf, 0xC3, sizeof buf);
    old = (grow_v1 *)(void *)buf;
    old->version = 1;
    CU_ASSERT_EQUAL(govidx__versioned_write(&grow, old, &lib), GOVIDX_OK);
    CU_ASSERT_EQUAL(old->a, 13);
    for (k = grow_sizes[0]; k < sizeof buf; k++)
        CU_ASSERT_EQUAL(buf[k], 0xC3);

    /* an output record of an unknown version is refused untouched */
    old->version = 7;
    old->a = -1;
    CU_ASSERT_EQUAL(govidx__versioned_write(&grow, old, &lib), GOVIDX_EINVAL);
    CU_ASSERT_EQUAL(old->a, -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(local_msg, "grow record: version 7"));
}

/* ------------------------------------------------------------------ */
/* real functions                                                       */
/* ------------------------------------------------------------------ */

static void test_normalize_versions(void)
{
    const double x[4] = {1, 2, 3, 5};
    double z[4];
    govidx_norm_options o = GOVIDX_NORM_OPTIONS_INIT;
    unsigned bad[2] = {0, 99};
    size_t k;
    govidx_matrix out = govidx_matrix_array(z, 4, 1);
    govidx_matrix_view in = govidx_matrix_view_array(x, 4, 1);
    for (k = 0; k < 2; k++) {
        o.version = bad[k];
        GX_ASSERT_RC(govidx_normalize(out, in, &o), GOVIDX_EINVAL);
        CU_ASSERT(error_names("normalisation options"));
    }
    GX_ASSERT_OK(govidx_norm_options_init(&o, 1));
    o.lo = 0;
    o.hi = 1;
    GX_ASSERT_OK(govidx_normalize(out, in, &o));
    GX_ASSERT_CLOSE(z[0], 0.0, 0);
    GX_ASSERT_CLOSE(z[1], 0.25, 1e-15);
    GX_ASSERT_CLOSE(z[2], 0.5, 1e-15);
    GX_ASSERT_CLOSE(z[3], 1.0, 0);
}

static void test_dea_versions(void)
{
    /* one input, one output, CRS: efficiency = (y/x) / max(y/x) */
    const double X[4] = {2, 4, 5, 4}, Y[4] = {2, 2, 5, 1};
    const double want[4] = {1, 0.5, 1, 0.25};
    govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
    govidx_dea_result *r = NULL;
    unsigned bad[2] = {0, 99};
    size_t k;
    govidx_matrix_view vx = govidx_matrix_view_array(X, 4, 1), vy = govidx_matrix_view_array(Y, 4, 1);
    for (k = 0; k < 2; k++) {
        o.version = bad[k];
        GX_ASSERT_RC(govidx_dea_compute(&r, vx, vy, &o), GOVIDX_EINVAL);
        CU_ASSERT(error_names("DEA options"));
        CU_ASSERT_PTR_NULL(r);
    }
    GX_ASSERT_OK(govidx_dea_options_init(&o, 1));
    GX_ASSERT_OK(govidx_dea_compute(&r, vx, vy, &o));
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    for (k = 0; k < 4; k++)
        GX_ASSERT_CLOSE(govidx_dea_efficiency(r)[k], want[k], 1e-9);
    govidx_dea_result_free(r);
}

static void test_aggregate_versions(void)
{
    /* 2 units x 2 children, weights 1 and 3; unit 2 misses child 1 */
    const double z[4] = {10, 20, 30, NAN}, w[2] = {1, 3};
    double out[2];
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    govidx_aggregate_info info;
    size_t k;
    unsigned bad[2] = {0, 99};
    govidx_matrix_view v = govidx_matrix_view_array(z, 2, 2);
    for (k = 0; k < 2; k++) {
        o.version = bad[k];
        GX_ASSERT_RC(govidx_aggregate(out, NULL, v, w, &o), GOVIDX_EINVAL);
        CU_ASSERT(error_names("aggregation options"));
    }
    GX_ASSERT_OK(govidx_aggregate_options_init(&o, 1));
    GX_ASSERT_OK(govidx_aggregate_info_init(&info, 1));
    o.min_share = 0.75; /* unit 2 has half of its children: missing */
    GX_ASSERT_OK(govidx_aggregate(out, &info, v, w, &o));
    GX_ASSERT_CLOSE(out[0], (10 * 1 + 30 * 3) / 4.0, 1e-12);
    CU_ASSERT(isnan(out[1]));
    CU_ASSERT_EQUAL(info.version, 1u);
    CU_ASSERT_EQUAL(info.n_missing, 1);
    CU_ASSERT_EQUAL(info.n_floored, 0);
    /* an info record of an unknown version is refused before any work */
    info.version = 99;
    GX_ASSERT_RC(govidx_aggregate(out, &info, v, w, &o), GOVIDX_EINVAL);
    CU_ASSERT(error_names("aggregation info"));
}

static void test_dataset_row_versions(void)
{
    govidx_dataset *ds = NULL;
    govidx_indicator ind, got;
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_indicator_init(&ind, 1));
    ind.code = "open_portal";
    ind.weight = 2.0;
    ind.version = 0;
    GX_ASSERT_RC(govidx_dataset_add_indicator(ds, &ind), GOVIDX_EINVAL);
    CU_ASSERT(error_names("indicator: version 0"));
    ind.version = 1;
    GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &ind));
    memset(&got, 0, sizeof got);
    got.version = 99;
    GX_ASSERT_RC(govidx_dataset_indicator(&got, ds, 0), GOVIDX_EINVAL);
    CU_ASSERT(error_names("indicator: version 99"));
    CU_ASSERT_PTR_NULL(got.code); /* refused untouched */
    GX_ASSERT_OK(govidx_indicator_init(&got, 1));
    GX_ASSERT_OK(govidx_dataset_indicator(&got, ds, 0));
    CU_ASSERT_STRING_EQUAL(got.code, "open_portal");
    CU_ASSERT_EQUAL(got.weight, 2.0);
    CU_ASSERT_EQUAL(got.direction, 1);
    CU_ASSERT(isnan(got.target));
    govidx_dataset_close(ds);
}

static CU_TestInfo tests[] = {
    {"init norm options", test_init_norm},
    {"init aggregate options", test_init_aggregate},
    {"init aggregate info", test_init_aggregate_info},
    {"init allocator", test_init_allocator},
    {"init coupling out", test_init_coupling_out},
    {"init open options", test_init_open},
    {"init indicator", test_init_indicator},
    {"init node", test_init_node},
    {"init district", test_init_district},
    {"init actor", test_init_actor},
    {"init edge", test_init_edge},
    {"init DEA options", test_init_dea},
    {"init BoD options", test_init_bod},
    {"init robust BoD options", test_init_bod_robust},
    {"init import sources", test_init_import},
    {"init impute options", test_init_impute},
    {"init inequality options", test_init_ineq},
    {"init network options", test_init_network},
    {"init panel", test_init_panel},
    {"init rank shift", test_init_rank_shift},
    {"init CSV options", test_init_csv},
    {"init treat options", test_init_treat},
    {"init weights options", test_init_weights},
    {"grow: layout", test_grow_layout},
    {"grow: v1 caller read before a guard page", test_grow_read_v1},
    {"grow: current caller, NULL and bad versions", test_grow_read_current_and_bad},
    {"grow: init of v1 before a guard page", test_grow_init_v1},
    {"grow: v1 output record written before a guard page", test_grow_write_v1},
    {"normalize: version 0/99 refused, 1 same numbers", test_normalize_versions},
    {"dea_compute: version 0/99 refused, 1 same numbers", test_dea_versions},
    {"aggregate: version 0/99 refused, 1 same numbers", test_aggregate_versions},
    {"dataset rows: add and get by version", test_dataset_row_versions},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {{"versioned", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}

/*
 * tests/test_dataset.c - the city dataset: builders and accessors, the
 * consistency rules, the HDF5 round trip of every block, schema checks on
 * files broken with raw HDF5 calls, the hostile files, refusal to
 * overwrite and atomic writes under injected allocation failures.
 *
 * Expected values are the values put in by the test itself (an exact round
 * trip), so each comparison is exact.
 * SPDX-License-Identifier: MIT
 */
#include "gxtest.h"

#include <govidx.h>
#include <hdf5.h>

#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[1024];

static const char *tpath(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
    return buf;
}

/* problem counter for the validators */
typedef struct probs {
    int n;
    char last[1024];
} probs;

static void count_problem(void *ctx, const char *object, const char *message)
{
    probs *p = ctx;
    p->n++;
    snprintf(p->last, sizeof p->last, "%s: %s", object, message);
}

static const char *const unit_codes[] = {"BJ", "SH", "GZ"};
static const char *const unit_names[] = {"北京", "上海", "广州"};
static const int years[] = {2020, 2021};

static double cellval(size_t u, size_t y, size_t i) { return (double)u + 10.0 * (double)y + 100.0 * (double)i + 0.25; }

/* A dataset using every block. */
static govidx_dataset *build(void)
{
    govidx_dataset *ds = NULL;
    const char *const size_labels[] = {"large", "large", NULL};
    govidx_indicator in = GOVIDX_INDICATOR_INIT;
    govidx_node nd = GOVIDX_NODE_INIT;
    govidx_district d = GOVIDX_DISTRICT_INIT;
    govidx_inventory_entry e;
    signed char answers[GOVIDX_N_CRITERIA];
    govidx_actor a = {GOVIDX_ACTOR_VERSION, "A", "Bureau of Big Data", "BJ", "gov-dept", "municipal"};
    govidx_edge ed = {GOVIDX_EDGE_VERSION, "BJ", 2021, "data", "A", "B", 2.0};
    size_t u, y, i;

    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_attr(ds, "title", "Test cities"));
    GX_ASSERT_OK(govidx_dataset_set_attr(ds, "source", "govidx tests"));
    GX_ASSERT_OK(govidx_dataset_set_attr(ds, "licence", "CC0-1.0"));
    GX_ASSERT_RC(govidx_dataset_set_attr(ds, "_format", "x"), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, unit_names));
    GX_ASSERT_OK(govidx_dataset_add_group(ds, "size", size_labels));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));

    nd.code = "ROOT"; nd.name = "Index"; nd.level = 3;
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));
    nd.code = "OPEN"; nd.name = "Openness"; nd.parent = "ROOT"; nd.level = 2; nd.weight = 0.6;
    nd.aggregation = "geometric";
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));

    in.code = "LPI"; in.name = "Licence and portal index"; in.unit = "Percent"; in.parent = "OPEN";
    in.source = "portal audit"; in.weight = 0.5; in.goal_low = 0; in.goal_high = 100; in.target = 90;
    GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    in = (govidx_indicator)GOVIDX_INDICATOR_INIT;
    in.code = "POP"; in.name = "Population"; in.unit = "persons"; in.type = GOVIDX_VAR_DENOMINATOR;
    GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    in = (govidx_indicator)GOVIDX_INDICATOR_INIT;
    in.code = "CRIME"; in.name = "Crimes"; in.parent = "OPEN"; in.direction = -1; in.denominator = "POP";
    in.weight = 2.5;
    GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));

    for (u = 0; u < 3; u++)
        for (y = 0; y < 2; y++)
            for (i = 0; i < 3; i++)
                GX_ASSERT_OK(govidx_dataset_set_value(ds, u, y, i, cellval(u, y, i)));
    GX_ASSERT_OK(govidx_dataset_set_value(ds, 1, 0, 0, NAN));
    GX_ASSERT_OK(govidx_dataset_set_cell_meta(ds, 0, 1, 2, GOVIDX_FLAG_IMPUTED | GOVIDX_FLAG_ESTIMATED, 0.5));
    GX_ASSERT_RC(govidx_dataset_add_indicator(ds, &in), GOVIDX_EINVAL); /* after values */

    d.code = "D1"; d.name = "东城区"; d.unit = "BJ"; d.area = 41.84;
    GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    d.code = "D1a"; d.name = "东华门街道"; d.parent = "D1"; d.level = 2; d.area = NAN;
    GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    /* district variables are shares in [0, 1] (docs/format.md; until issue 15
     * item 9 this was 87.5 "Percent", which coverage and report refused) */
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "broadband_share", "share"));
    GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 0, 0, 1000.0));
    GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 1, 1, 250.5));
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 1, 1, 0, 0.875));

    GX_ASSERT_OK(govidx_inventory_entry_init(&e, GOVIDX_INVENTORY_ENTRY_VERSION));
    e.answers = answers;
    e.n_answers = GOVIDX_N_CRITERIA;
    e.unit = "BJ"; e.year = 2021; e.dataset = "budget"; e.category = "finance"; e.department = "Finance Bureau";
    e.format = "CSV"; e.licence = "CC-BY-4.0"; e.last_update = "2021-06-30"; e.update_frequency = "yearly";
    for (i = 0; i < GOVIDX_N_CRITERIA; i++)
        answers[i] = (signed char)((int)(i % 4) - 1); /* -1, 0, 1, 2, ... */
    GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
    e.unit = "SH"; e.last_update = NULL; e.update_frequency = NULL;
    GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));

    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    a.code = "B"; a.name = "Tencent"; a.sector = "enterprise"; a.level = NULL;
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    a.code = "C"; a.name = "Residents' committee"; a.sector = "social-org";
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    GX_ASSERT_OK(govidx_dataset_add_edge(ds, &ed));
    /* B and C are BJ's actors, so the edge is BJ's (it was "SH" until issue 15
     * item 9: an edge between another unit's actors, which network refused) */
    ed.from = "B"; ed.to = "C"; ed.layer = "project"; ed.weight = 1.5; ed.year = 2020; ed.unit = "BJ";
    GX_ASSERT_OK(govidx_dataset_add_edge(ds, &ed));

    GX_ASSERT_OK(govidx_dataset_add_dea_var(ds, "POP", 0, GOVIDX_DEA_NONDISCRETIONARY));
    GX_ASSERT_OK(govidx_dataset_add_dea_var(ds, "LPI", 1, 0));
    GX_ASSERT_OK(govidx_dataset_add_dea_var(ds, "CRIME", 1, GOVIDX_DEA_UNDESIRABLE));
    GX_ASSERT_RC(govidx_dataset_add_dea_var(ds, "NOPE", 1, 0), GOVIDX_ENOTFOUND);
    return ds;
}

static void check_content(const govidx_dataset *ds)
{
    govidx_indicator in = GOVIDX_INDICATOR_INIT;
    govidx_node nd = GOVIDX_NODE_INIT;
    govidx_district d = GOVIDX_DISTRICT_INIT;
    govidx_inventory_entry e;
    govidx_actor a = {GOVIDX_ACTOR_VERSION, NULL, NULL, NULL, NULL, NULL};
    govidx_edge ed = {GOVIDX_EDGE_VERSION, NULL, 0, NULL, NULL, NULL, 0};
    govidx_matrix_view v;
    size_t u, y, i, k, f, t;
    unsigned fl;
    const uint8_t *flags;

    memset(&e, 0, sizeof e);
    e.version = GOVIDX_INVENTORY_ENTRY_VERSION;
    CU_ASSERT_STRING_EQUAL(govidx_dataset_attr(ds, "title"), "Test cities");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_attr(ds, "licence"), "CC0-1.0");
    CU_ASSERT_EQUAL(govidx_dataset_n_attrs(ds), 3);
    CU_ASSERT_EQUAL(govidx_dataset_n_units(ds), 3);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_name(ds, 0), "北京");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_code(ds, 2), "GZ");
    GX_ASSERT_OK(govidx_dataset_find_unit(&u, ds, "SH"));
    CU_ASSERT_EQUAL(u, 1);
    CU_ASSERT_EQUAL(govidx_dataset_n_groups(ds), 1);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_group_name(ds, 0), "size");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_group_label(ds, 0, 1), "large");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_group_label(ds, 0, 2), "");
    CU_ASSERT_EQUAL(govidx_dataset_n_years(ds), 2);
    CU_ASSERT_EQUAL(govidx_dataset_years(ds)[1], 2021);
    GX_ASSERT_OK(govidx_dataset_find_year(&y, ds, 2021));
    CU_ASSERT_EQUAL(y, 1);
    GX_ASSERT_RC(govidx_dataset_find_year(&y, ds, 1999), GOVIDX_ENOTFOUND);

    CU_ASSERT_EQUAL(govidx_dataset_n_indicators(ds), 3);
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, 0));
    CU_ASSERT_STRING_EQUAL(in.code, "LPI");
    CU_ASSERT_STRING_EQUAL(in.unit, "Percent");
    CU_ASSERT_STRING_EQUAL(in.parent, "OPEN");
    CU_ASSERT_STRING_EQUAL(in.source, "portal audit");
    CU_ASSERT_PTR_NULL(in.denominator);
    CU_ASSERT_EQUAL(in.direction, 1);
    GX_ASSERT_CLOSE(in.weight, 0.5, 0);
    GX_ASSERT_CLOSE(in.goal_low, 0, 0);
    GX_ASSERT_CLOSE(in.goal_high, 100, 0);
    GX_ASSERT_CLOSE(in.target, 90, 0);
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, 2));
    CU_ASSERT_EQUAL(in.direction, -1);
    CU_ASSERT_STRING_EQUAL(in.denominator, "POP");
    GX_ASSERT_CLOSE(in.weight, 2.5, 0);
    CU_ASSERT(isnan(in.goal_low) && isnan(in.target));
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, 1));
    CU_ASSERT_EQUAL(in.type, GOVIDX_VAR_DENOMINATOR);
    CU_ASSERT_PTR_NULL(in.parent);

    CU_ASSERT_EQUAL(govidx_dataset_n_nodes(ds), 2);
    GX_ASSERT_OK(govidx_dataset_node(&nd, ds, 1));
    CU_ASSERT_STRING_EQUAL(nd.code, "OPEN");
    CU_ASSERT_STRING_EQUAL(nd.parent, "ROOT");
    CU_ASSERT_STRING_EQUAL(nd.aggregation, "geometric");
    CU_ASSERT_EQUAL(nd.level, 2);
    GX_ASSERT_CLOSE(nd.weight, 0.6, 0);
    GX_ASSERT_OK(govidx_dataset_node(&nd, ds, 0));
    CU_ASSERT_PTR_NULL(nd.parent);
    CU_ASSERT_PTR_NULL(nd.aggregation);

    for (y = 0; y < 2; y++) {
        GX_ASSERT_OK(govidx_dataset_panel(&v, ds, y));
        CU_ASSERT_EQUAL(v.rows, 3);
        CU_ASSERT_EQUAL(v.cols, 3);
        for (u = 0; u < 3; u++)
            for (i = 0; i < 3; i++)
                GX_ASSERT_CLOSE(v.data[u + v.ld * i], (u == 1 && y == 0 && i == 0) ? NAN : cellval(u, y, i), 0);
    }
    flags = govidx_dataset_panel_flags(ds, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(flags);
    CU_ASSERT_EQUAL(flags[0 + 3 * 2], GOVIDX_FLAG_IMPUTED | GOVIDX_FLAG_ESTIMATED);
    CU_ASSERT_EQUAL(flags[1 + 3 * 2], 0);
    GX_ASSERT_OK(govidx_dataset_panel_stderr(&v, ds, 1));
    GX_ASSERT_CLOSE(v.data[0 + 3 * 2], 0.5, 0);
    GX_ASSERT_CLOSE(v.data[1], NAN, 0);

    CU_ASSERT_EQUAL(govidx_dataset_n_districts(ds), 2);
    GX_ASSERT_OK(govidx_dataset_district(&d, ds, 1));
    CU_ASSERT_STRING_EQUAL(d.name, "东华门街道");
    CU_ASSERT_STRING_EQUAL(d.parent, "D1");
    CU_ASSERT_EQUAL(d.level, 2);
    CU_ASSERT(isnan(d.area));
    GX_ASSERT_OK(govidx_dataset_district(&d, ds, 0));
    GX_ASSERT_CLOSE(d.area, 41.84, 0);
    CU_ASSERT_EQUAL(govidx_dataset_district_unit(ds, 1), 0);
    CU_ASSERT_EQUAL(govidx_dataset_district_parent(ds, 1), 0);
    CU_ASSERT_EQUAL(govidx_dataset_district_parent(ds, 0), (size_t)-1);
    CU_ASSERT_EQUAL(govidx_dataset_n_district_vars(ds), 1);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_district_var_name(ds, 0), "broadband_share");
    CU_ASSERT_PTR_NOT_NULL_FATAL(govidx_dataset_district_population(ds, 0));
    GX_ASSERT_CLOSE(govidx_dataset_district_population(ds, 0)[0], 1000.0, 0);
    GX_ASSERT_CLOSE(govidx_dataset_district_population(ds, 0)[1], NAN, 0);
    GX_ASSERT_CLOSE(govidx_dataset_district_population(ds, 1)[1], 250.5, 0);
    GX_ASSERT_OK(govidx_dataset_district_values(&v, ds, 1));
    GX_ASSERT_CLOSE(v.data[1], 0.875, 0);
    GX_ASSERT_CLOSE(v.data[0], NAN, 0);

    CU_ASSERT_EQUAL(govidx_dataset_n_inventory(ds), 2);
    GX_ASSERT_OK(govidx_dataset_inventory(&e, ds, 0));
    CU_ASSERT_STRING_EQUAL(e.department, "Finance Bureau");
    CU_ASSERT_STRING_EQUAL(e.last_update, "2021-06-30");
    CU_ASSERT_EQUAL(e.year, 2021);
    CU_ASSERT_EQUAL(e.n_answers, GOVIDX_N_CRITERIA);
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        CU_ASSERT_EQUAL(e.answers[k], (int)(k % 4) - 1);
    GX_ASSERT_OK(govidx_dataset_inventory(&e, ds, 1));
    CU_ASSERT_STRING_EQUAL(e.unit, "SH");
    CU_ASSERT_PTR_NULL(e.last_update);

    CU_ASSERT_EQUAL(govidx_dataset_n_actors(ds), 3);
    GX_ASSERT_OK(govidx_dataset_actor(&a, ds, 0));
    CU_ASSERT_STRING_EQUAL(a.level, "municipal");
    GX_ASSERT_OK(govidx_dataset_actor(&a, ds, 2));
    CU_ASSERT_STRING_EQUAL(a.sector, "social-org");
    CU_ASSERT_PTR_NULL(a.level);
    CU_ASSERT_EQUAL(govidx_dataset_n_edges(ds), 2);
    GX_ASSERT_OK(govidx_dataset_edge(&ed, ds, 1));
    CU_ASSERT_STRING_EQUAL(ed.layer, "project");
    CU_ASSERT_STRING_EQUAL(ed.unit, "BJ");
    CU_ASSERT_EQUAL(ed.year, 2020);
    GX_ASSERT_CLOSE(ed.weight, 1.5, 0);
    GX_ASSERT_OK(govidx_dataset_edge_ends(&f, &t, ds, 1));
    CU_ASSERT_EQUAL(f, 1);
    CU_ASSERT_EQUAL(t, 2);

    CU_ASSERT_EQUAL(govidx_dataset_n_dea_inputs(ds), 1);
    CU_ASSERT_EQUAL(govidx_dataset_n_dea_outputs(ds), 2);
    GX_ASSERT_OK(govidx_dataset_dea_input(&i, &fl, ds, 0));
    CU_ASSERT_EQUAL(i, 1);
    CU_ASSERT_EQUAL(fl, GOVIDX_DEA_NONDISCRETIONARY);
    GX_ASSERT_OK(govidx_dataset_dea_output(&i, &fl, ds, 1));
    CU_ASSERT_EQUAL(i, 2);
    CU_ASSERT_EQUAL(fl, GOVIDX_DEA_UNDESIRABLE);
}

static void test_build_and_validate(void)
{
    govidx_dataset *ds = build();
    probs p = {0};
    check_content(ds);
    GX_ASSERT_OK(govidx_dataset_validate(ds, count_problem, &p));
    CU_ASSERT_EQUAL(p.n, 0);
    govidx_dataset_close(ds);
}

/* Read a whole file (for byte-identical checks); caller frees. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static int same_bytes(const char *path, const char *want, size_t wn)
{
    size_t n;
    char *got = slurp(path, &n);
    int same = got && n == wn && !memcmp(got, want, n);
    free(got);
    return same;
}

static int count_tempfiles(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)))
        n += strstr(e->d_name, ".tmp") != NULL;
    closedir(d);
    return n;
}

static void test_roundtrip(void)
{
    char path[1200];
    govidx_dataset *ds = build(), *back = NULL;
    char *sum = NULL;
    tpath(path, sizeof path, "full.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    GX_ASSERT_OK(govidx_dataset_open(&back, path, NULL));
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    check_content(back);
    /* opened datasets are read-only */
    GX_ASSERT_RC(govidx_dataset_set_attr(back, "title", "x"), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_dataset_summary(&sum, back));
    CU_ASSERT_PTR_NOT_NULL(strstr(sum, "units        3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sum, "5.6% missing")); /* 1 of 18 cells */
    CU_ASSERT_PTR_NOT_NULL(strstr(sum, "3 actors, 2 edges, 2 layers"));
    govidx_free(sum);
    /* a re-write of the opened copy gives the same content again */
    GX_ASSERT_OK(govidx_dataset_write(back, path, GOVIDX_WRITE_REPLACE));
    govidx_dataset_close(back);
    back = NULL;
    GX_ASSERT_OK(govidx_dataset_open(&back, path, NULL));
    check_content(back);
    govidx_dataset_close(back);
    govidx_dataset_close(ds);
    CU_ASSERT_EQUAL(count_tempfiles(), 0);
}

/* A file written by this version and kept in the tree (tests/data/dataset/
 * small-v1.h5, the dataset of build()): later readers must still read it. */
static void test_fixture(void)
{
    char path[1200];
    govidx_dataset *ds = NULL;
    probs p = {0};
    const char *regen = getenv("GOVIDX_REGEN_FIXTURE");
    if (regen) { /* how the file is made: GOVIDX_REGEN_FIXTURE=path tests/test_dataset */
        govidx_dataset *b = build();
        GX_ASSERT_OK(govidx_dataset_write(b, regen, GOVIDX_WRITE_REPLACE));
        govidx_dataset_close(b);
    }
    gx_srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    GX_ASSERT_OK(govidx_dataset_open(&ds, path, NULL));
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    check_content(ds);
    govidx_dataset_close(ds);
    GX_ASSERT_OK(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, count_problem, &p));
    CU_ASSERT_EQUAL(p.n, 0);
}

/* Several threads opening the same file at once (HDF5 calls are serialised
 * by govidx when the HDF5 build is not thread-safe). */
static void *open_worker(void *arg)
{
    govidx_dataset *ds = NULL;
    govidx_matrix_view v;
    long ok = 0;
    int k;
    for (k = 0; k < 5; k++) {
        if (govidx_dataset_open(&ds, arg, NULL) == 0 && govidx_dataset_n_units(ds) == 3 &&
            govidx_dataset_panel(&v, ds, 1) == 0 && v.data[2 + 3 * 1] == cellval(2, 1, 1))
            ok++;
        govidx_dataset_close(ds);
        ds = NULL;
    }
    return (void *)ok;
}

static void test_threads(void)
{
    char path[1200];
    pthread_t t[4];
    void *res;
    int k;
    gx_srcpath(path, sizeof path, "tests/data/dataset/small-v1.h5");
    for (k = 0; k < 4; k++)
        CU_ASSERT_EQUAL_FATAL(pthread_create(&t[k], NULL, open_worker, path), 0);
    for (k = 0; k < 4; k++) {
        pthread_join(t[k], &res);
        CU_ASSERT_EQUAL((long)res, 5);
    }
}

static void test_refuse_overwrite(void)
{
    char path[1200], *orig;
    size_t n;
    govidx_dataset *ds = build();
    tpath(path, sizeof path, "exists.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    orig = slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    GX_ASSERT_RC(govidx_dataset_write(ds, path, 0), GOVIDX_EEXIST);
    CU_ASSERT(same_bytes(path, orig, n));
    free(orig);
    govidx_dataset_close(ds);
}

/* Allocator failing the Nth allocation (counted from install). */
static long alloc_count, alloc_fail_at;
static void *fail_malloc(void *ctx, size_t n) { (void)ctx; return ++alloc_count == alloc_fail_at ? NULL : malloc(n); }
static void *fail_realloc(void *ctx, void *p, size_t n) { (void)ctx; return ++alloc_count == alloc_fail_at ? NULL : realloc(p, n); }
static void fail_free(void *ctx, void *p) { (void)ctx; free(p); }

static void test_atomic_write(void)
{
    char path[1200], *orig;
    size_t n;
    long k;
    int rc = -1, failures = 0;
    govidx_allocator al = {GOVIDX_ALLOCATOR_VERSION, fail_malloc, fail_realloc, fail_free, NULL};
    govidx_dataset *ds = build(), *small = NULL;
    /* the original: a different, smaller dataset */
    GX_ASSERT_OK(govidx_dataset_new(&small));
    GX_ASSERT_OK(govidx_dataset_set_units(small, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(small, 2, years));
    tpath(path, sizeof path, "atomic.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(small, path, 0));
    orig = slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    for (k = 1; k < 10000; k++) {
        alloc_count = 0;
        alloc_fail_at = k;
        govidx_set_allocator(&al);
        rc = govidx_dataset_write(ds, path, GOVIDX_WRITE_REPLACE);
        govidx_set_allocator(NULL);
        if (rc == GOVIDX_OK)
            break;
        failures++;
        CU_ASSERT_EQUAL(rc, GOVIDX_ENOMEM);
        CU_ASSERT(same_bytes(path, orig, n));
        CU_ASSERT_EQUAL(count_tempfiles(), 0);
    }
    GX_ASSERT_OK(rc);
    CU_ASSERT(failures >= 10); /* allocation happens all through validation and writing */
    free(orig);
    govidx_dataset_close(small);
    govidx_dataset_close(ds);
}

/* Each consistency rule, broken once. */
static void test_rules(void)
{
    static const char *const dup[] = {"BJ", "BJ", "GZ"};
    govidx_dataset *ds = NULL;
    govidx_indicator in = GOVIDX_INDICATOR_INIT;
    govidx_node nd = GOVIDX_NODE_INIT;
    govidx_district d = GOVIDX_DISTRICT_INIT;
    govidx_edge ed = {GOVIDX_EDGE_VERSION, "BJ", 2020, "data", "A", "Z", 1.0};
    govidx_actor a = {GOVIDX_ACTOR_VERSION, "A", "a", "BJ", "gov-dept", NULL};
    probs p = {0};
    const int bad_years[] = {2021, 2020};
    char path[1200];

    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, dup, NULL));
    GX_ASSERT_RC(govidx_dataset_set_years(ds, 2, bad_years), GOVIDX_EFORMAT);
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "unit 'BJ': duplicate code"));
    /* an invalid dataset is not written */
    tpath(path, sizeof path, "never.h5");
    unlink(path);
    GX_ASSERT_RC(govidx_dataset_write(ds, path, 0), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(access(path, F_OK), -1);
    govidx_dataset_close(ds);

    /* direction 0, unknown parent, negative weight, goalposts reversed */
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    in.code = "X"; in.direction = 0; in.parent = "NOWHERE"; in.weight = -1; in.goal_low = 5; in.goal_high = 1;
    GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 4);
    /* cycle A -> B -> A */
    nd.code = "A"; nd.parent = "B";
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));
    nd.code = "B"; nd.parent = "A";
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "cycle: A -> B -> A"));
    govidx_dataset_close(ds);

    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    nd.code = "A"; nd.parent = "B";
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));
    nd.code = "B"; nd.parent = "A";
    GX_ASSERT_OK(govidx_dataset_add_node(ds, &nd));
    GX_ASSERT_RC(govidx_dataset_validate(ds, NULL, NULL), GOVIDX_ECYCLE);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "A -> B -> A"));
    govidx_dataset_close(ds);

    /* negative population, missing edge endpoint */
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    d.code = "D"; d.unit = "BJ";
    GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 0, 1, -5.0));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_ENUMERIC);
    CU_ASSERT_EQUAL(p.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "population -5 in 2021"));
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    GX_ASSERT_OK(govidx_dataset_add_edge(ds, &ed));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_ENUMERIC);
    CU_ASSERT_EQUAL(p.n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "actor 'Z' (to) does not exist"));
    govidx_dataset_close(ds);
}

/* Issue 15 item 9: the validator refuses what network and coverage refuse,
 * so a valid file never makes a command fail. */
static void test_rules_network_coverage(void)
{
    govidx_dataset *ds = NULL;
    govidx_district d = GOVIDX_DISTRICT_INIT;
    govidx_edge ed = {GOVIDX_EDGE_VERSION, "SH", 2020, "data", "A", "B", 1.0};
    govidx_actor a = {GOVIDX_ACTOR_VERSION, "A", "a", "BJ", "gov-dept", NULL};
    probs p = {0};

    /* an edge of unit SH between two of BJ's actors; one from an actor without a unit */
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    a.code = "B";
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    a.code = "C"; a.unit = NULL;
    GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
    GX_ASSERT_OK(govidx_dataset_add_edge(ds, &ed));
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "edge 0: actor 'B' (to) belongs to unit 'BJ', not to the edge's unit 'SH'"));
    ed.unit = "BJ"; ed.from = "C";
    GX_ASSERT_OK(govidx_dataset_add_edge(ds, &ed));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, "edge 1: actor 'C' (from) belongs to unit '', not to the edge's unit 'BJ'"));
    govidx_dataset_close(ds);

    /* district variables whose unit is "share" or "share of ..." hold shares:
     * -0.1 and +Inf are refused, NaN is fine; 87.5 "Percent" (the old
     * small-v1.h5) is a valid variable, which coverage refuses by name */
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, unit_codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    d.code = "D1"; d.unit = "BJ";
    GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    d.code = "D2";
    GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "broadband_pct", "Percent"));
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "water", "share"));
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "sewer", "share of households"));
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 0, 0, 1, 1.0));
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 1, 0, 2, 0.0));
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 1, 1, 0, 87.5));
    GX_ASSERT_OK(govidx_dataset_validate(ds, NULL, NULL));
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 1, 1, 1, -0.1));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EDOMAIN);
    CU_ASSERT_EQUAL(p.n, 1);
    CU_ASSERT_STRING_EQUAL(p.last, "district 'D2': water -0.1 in 2021 is not a share in [0, 1]");
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 0, 1, 2, INFINITY));
    p.n = 0;
    GX_ASSERT_RC(govidx_dataset_validate(ds, count_problem, &p), GOVIDX_EDOMAIN);
    CU_ASSERT_EQUAL(p.n, 2);
    CU_ASSERT_STRING_EQUAL(p.last, "district 'D1': sewer inf in 2021 is not a share in [0, 1]");
    GX_ASSERT_RC(govidx_dataset_validate(ds, NULL, NULL), GOVIDX_EDOMAIN);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "not a share in [0, 1]"));
    govidx_dataset_close(ds);
}

/* Copy a good file, then damage it with raw HDF5 calls. */
typedef enum damage { PANEL_WIDTH, WRONG_CLASS, RANK3, HUGE_DIMS, OVER_CAP, BAD_VERSION, SWAPPED_AXES,
                      BAD_CRITERION } damage;

/* Replace the 1-D string attribute `name` of dataset `obj` (issue 20). */
static void rewrite_names(hid_t file, const char *obj, const char *name, const char **v, size_t n)
{
    hsize_t dn[1] = {n};
    hid_t d = H5Dopen2(file, obj, H5P_DEFAULT), t = H5Tcopy(H5T_C_S1), s, a;
    CU_ASSERT_FATAL(d >= 0);
    H5Tset_size(t, H5T_VARIABLE);
    s = H5Screate_simple(1, dn, NULL);
    if (H5Aexists(d, name) > 0)
        H5Adelete(d, name);
    a = H5Acreate2(d, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
    CU_ASSERT_FATAL(a >= 0);
    CU_ASSERT(H5Awrite(a, t, v) >= 0);
    H5Aclose(a);
    H5Sclose(s);
    H5Tclose(t);
    H5Dclose(d);
}

static void make_damaged(const char *good, const char *path, damage what)
{
    size_t n;
    char *bytes = slurp(good, &n);
    FILE *f = fopen(path, "wb");
    hid_t file, s, d, dcpl;
    hsize_t dims[3], chunk[3] = {1, 1, 1};
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(bytes, 1, n, f), n);
    fclose(f);
    free(bytes);
    file = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    CU_ASSERT_FATAL(file >= 0);
    switch (what) {
    case PANEL_WIDTH: /* 3 units x 2 years x 4 indicators, but 3 indicators declared */
        H5Ldelete(file, "/panel/values", H5P_DEFAULT);
        dims[0] = 3; dims[1] = 2; dims[2] = 4;
        s = H5Screate_simple(3, dims, NULL);
        d = H5Dcreate2(file, "/panel/values", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(d);
        H5Sclose(s);
        break;
    case WRONG_CLASS: /* unit codes as numbers */
        H5Ldelete(file, "/units/code", H5P_DEFAULT);
        dims[0] = 3;
        s = H5Screate_simple(1, dims, NULL);
        d = H5Dcreate2(file, "/units/code", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(d);
        H5Sclose(s);
        break;
    case RANK3: /* population[district, year] given rank 3 */
        H5Ldelete(file, "/districts/population", H5P_DEFAULT);
        dims[0] = 2; dims[1] = 2; dims[2] = 1;
        s = H5Screate_simple(3, dims, NULL);
        d = H5Dcreate2(file, "/districts/population", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dclose(d);
        H5Sclose(s);
        break;
    case HUGE_DIMS: /* 2^40 x 2 x 2^40 doubles declared (2^81 elements), nothing written */
    case OVER_CAP:  /* 2^20 x 2 x 2^10 doubles = 16 GiB > the 8 GiB default cap */
        H5Ldelete(file, "/panel/values", H5P_DEFAULT);
        dims[0] = (hsize_t)1 << (what == HUGE_DIMS ? 40 : 20); dims[1] = 2;
        dims[2] = (hsize_t)1 << (what == HUGE_DIMS ? 40 : 10);
        s = H5Screate_simple(3, dims, NULL);
        dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 3, chunk);
        d = H5Dcreate2(file, "/panel/values", H5T_IEEE_F64LE, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        H5Pclose(dcpl);
        H5Dclose(d);
        H5Sclose(s);
        break;
    case SWAPPED_AXES: { /* 3 units and 3 indicators: the sizes alone cannot tell */
        const char *lab[] = {"indicator", "year", "unit"};
        rewrite_names(file, "/panel/values", "DIMENSION_LABELS", lab, 3);
        break;
    }
    case BAD_CRITERION: {
        const char *crit[] = {"exists", "digital", "nonsense", "free", "online", "machinereadable", "bulk",
                              "openlicence", "uptodate", "registrationfree", "api", "metadatastandard"};
        rewrite_names(file, "/inventory/answers", "criteria", crit, 12);
        break;
    }
    case BAD_VERSION: {
        int v = 99;
        hid_t a = H5Aopen(file, "_format_version", H5P_DEFAULT);
        H5Awrite(a, H5T_NATIVE_INT, &v);
        H5Aclose(a);
        break;
    }
    }
    H5Fclose(file);
}

static void test_damaged_files(void)
{
    struct { damage what; int status; const char *object; const char *text; } cases[] = {
        {PANEL_WIDTH, GOVIDX_EDIM, "/panel/values", "shape [3, 2, 4], expected [3, 2, 3]"},
        {WRONG_CLASS, GOVIDX_EFORMAT, "/units/code", "wrong type: string expected, float64 found"},
        {SWAPPED_AXES, GOVIDX_EFORMAT, "/panel/values",
         "axes [indicator, year, unit], expected [unit, year, indicator]"},
        {BAD_CRITERION, GOVIDX_EFORMAT, "/inventory/answers", "unknown criterion 'nonsense' (column 2)"},
        {RANK3, GOVIDX_EFORMAT, "/districts/population", "rank 3 (expected 2)"},
        {HUGE_DIMS, GOVIDX_EDIM, "/panel/values", "declared size overflows"},
        {OVER_CAP, GOVIDX_EDIM, "/panel/values", "more than the 8589934592-byte limit"},
        {BAD_VERSION, GOVIDX_EFORMAT, "/", "_format_version is 99"},
    };
    char good[1200], path[1200];
    size_t k;
    govidx_dataset *ds = build();
    tpath(good, sizeof good, "good.h5");
    tpath(path, sizeof path, "damaged.h5");
    unlink(good);
    GX_ASSERT_OK(govidx_dataset_write(ds, good, 0));
    govidx_dataset_close(ds);
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        govidx_dataset *back = (govidx_dataset *)1;
        probs p = {0};
        make_damaged(good, path, cases[k].what);
        GX_ASSERT_RC(govidx_dataset_open(&back, path, NULL), cases[k].status);
        CU_ASSERT_PTR_NULL(back);
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), cases[k].object));
        if (!strstr(govidx_last_error(), cases[k].text))
            fprintf(stderr, "  case %zu: %s\n", k, govidx_last_error());
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), cases[k].text));
        GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, count_problem,
                                                  &p), cases[k].status);
        CU_ASSERT_EQUAL(p.n, 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(p.last, cases[k].text));
        unlink(path);
    }
    /* the good file passes both ways */
    {
        probs p = {0};
        GX_ASSERT_OK(govidx_dataset_validate_file(good, GOVIDX_VALIDATE_ISOLATED, count_problem,
                                                  &p));
        GX_ASSERT_OK(govidx_dataset_validate_file(good, 0, count_problem, &p));
        CU_ASSERT_EQUAL(p.n, 0);
    }
    /* max_bytes caps the total */
    {
        govidx_open_options o = GOVIDX_OPEN_OPTIONS_INIT;
        govidx_dataset *back = NULL;
        o.max_bytes = 64;
        GX_ASSERT_RC(govidx_dataset_open(&back, good, &o), GOVIDX_EDIM);
    }
}

static void test_hostile(void)
{
    static const struct { const char *file; int in_process; const char *text; } files[] = {
        {"tests/data/hostile/not-hdf5.h5", 1, "cannot open as an HDF5 file"},
        {"tests/data/hostile/declares-2e40-by-2e40.h5", 1, "_format is missing"},
        {"tests/data/hostile/corrupt-length-huge-alloc.h5", 0, ""},
        {"tests/data/hostile/segfaults-hdf5-on-lookup.h5", 0, ""},
    };
    char path[1200];
    size_t k;
    for (k = 0; k < sizeof files / sizeof files[0]; k++) {
        probs p = {0};
        int rc;
        gx_srcpath(path, sizeof path, files[k].file);
        rc = govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, count_problem, &p);
        CU_ASSERT(rc < 0);
        CU_ASSERT(p.n >= 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(p.last, files[k].text));
        if (files[k].in_process) {
            govidx_dataset *ds = NULL;
            CU_ASSERT(govidx_dataset_open(&ds, path, NULL) < 0);
            CU_ASSERT_PTR_NULL(ds);
        }
    }
    /* a missing file */
    {
        probs p = {0};
        GX_ASSERT_RC(govidx_dataset_validate_file("/nonexistent/x.h5", GOVIDX_VALIDATE_ISOLATED,
                                                  count_problem, &p),
                     GOVIDX_EIO);
        CU_ASSERT_EQUAL(p.n, 1);
    }
}


/* Results runs: round trip, duplicate refusal, replacement, checksum. */
static void test_runs(void)
{
    static const char *const nodes[] = {"OPEN", "ROOT"};
    char path[1200], cpath[1200], *orig, **names = NULL, *sum = NULL;
    size_t n, k, nnames = 0;
    double scores[12], ranks[12];
    const double *got;
    govidx_run *run = NULL, *back = NULL;
    govidx_dataset *ds = build();
    FILE *f;

    tpath(path, sizeof path, "runs.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    govidx_dataset_close(ds);
    for (k = 0; k < 12; k++) {
        scores[k] = 0.5 * (double)k;
        ranks[k] = (double)(k % 3 + 1);
    }
    scores[4] = NAN;
    GX_ASSERT_OK(govidx_run_new(&run, "baseline", 3, 2, 2, unit_codes, years, nodes));
    GX_ASSERT_RC(govidx_run_set_array(run, "bad/name", scores), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_run_set_attr(run, "_x", "y"), GOVIDX_EINVAL);
    /* a run without arrays is refused and leaves the file as it was */
    orig = slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    GX_ASSERT_RC(govidx_run_file_add(path, run, 0), GOVIDX_EINVAL);
    CU_ASSERT(same_bytes(path, orig, n));
    free(orig);
    GX_ASSERT_OK(govidx_run_set_array(run, "scores", scores));
    GX_ASSERT_OK(govidx_run_set_array(run, "ranks", ranks));
    GX_ASSERT_OK(govidx_run_set_attr(run, "method", "{\"normalise\": \"minmax\"}"));
    GX_ASSERT_OK(govidx_run_set_input_checksum(run, path));
    CU_ASSERT_EQUAL(strncmp(govidx_run_attr(run, "input_checksum"), "fnv1a64:", 8), 0);
    CU_ASSERT_EQUAL(strlen(govidx_run_attr(run, "input_checksum")), 8 + 16);
    GX_ASSERT_OK(govidx_run_file_add(path, run, 0));

    GX_ASSERT_OK(govidx_run_file_list(&names, &nnames, path));
    CU_ASSERT_EQUAL(nnames, 1);
    if (nnames == 1)
        CU_ASSERT_STRING_EQUAL(names[0], "baseline");
    govidx_free(names);

    GX_ASSERT_OK(govidx_run_open(&back, path, "baseline"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(govidx_run_n_units(back), 3);
    CU_ASSERT_EQUAL(govidx_run_n_years(back), 2);
    CU_ASSERT_EQUAL(govidx_run_n_nodes(back), 2);
    CU_ASSERT_STRING_EQUAL(govidx_run_unit_code(back, 2), "GZ");
    CU_ASSERT_EQUAL(govidx_run_year(back, 1), 2021);
    CU_ASSERT_STRING_EQUAL(govidx_run_node_code(back, 1), "ROOT");
    CU_ASSERT_EQUAL(govidx_run_n_arrays(back), 2);
    GX_ASSERT_OK(govidx_run_array(&got, back, "scores"));
    for (k = 0; k < 12; k++)
        GX_ASSERT_CLOSE(got[k], scores[k], 0);
    GX_ASSERT_OK(govidx_run_array(&got, back, "ranks"));
    for (k = 0; k < 12; k++)
        GX_ASSERT_CLOSE(got[k], ranks[k], 0);
    GX_ASSERT_RC(govidx_run_array(&got, back, "upper"), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_run_attr(back, "method"), "{\"normalise\": \"minmax\"}");
    CU_ASSERT_STRING_EQUAL(govidx_run_attr(back, "library_version"), govidx_version_string());
    CU_ASSERT_STRING_EQUAL(govidx_run_attr(back, "input_checksum"), govidx_run_attr(run, "input_checksum"));
    CU_ASSERT_EQUAL(strlen(govidx_run_attr(back, "created")), 20); /* 2026-11-28T16:30:00Z */
    GX_ASSERT_RC(govidx_run_set_attr(back, "x", "y"), GOVIDX_EINVAL);
    govidx_run_free(back);
    back = NULL;
    GX_ASSERT_RC(govidx_run_open(&back, path, "nope"), GOVIDX_ENOTFOUND);

    /* duplicate name: refused, file byte-identical */
    orig = slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
    GX_ASSERT_RC(govidx_run_file_add(path, run, 0), GOVIDX_EEXIST);
    CU_ASSERT(same_bytes(path, orig, n));
    free(orig);
    CU_ASSERT_EQUAL(count_tempfiles(), 0);
    /* replace: only that run changes */
    scores[0] = 42.0;
    GX_ASSERT_OK(govidx_run_set_array(run, "scores", scores));
    GX_ASSERT_OK(govidx_run_file_add(path, run, GOVIDX_WRITE_REPLACE));
    GX_ASSERT_OK(govidx_run_open(&back, path, "baseline"));
    GX_ASSERT_OK(govidx_run_array(&got, back, "scores"));
    GX_ASSERT_CLOSE(got[0], 42.0, 0);
    govidx_run_free(back);
    GX_ASSERT_OK(govidx_dataset_open(&ds, path, NULL));
    check_content(ds);
    GX_ASSERT_OK(govidx_dataset_summary(&sum, ds));
    CU_ASSERT_PTR_NOT_NULL(strstr(sum, "runs         1: baseline"));
    govidx_free(sum);
    govidx_dataset_close(ds);

    /* not a govidx file: refused */
    gx_srcpath(cpath, sizeof cpath, "tests/data/hostile/declares-2e40-by-2e40.h5");
    tpath(path, sizeof path, "foreign.h5");
    f = fopen(path, "wb");
    {
        size_t m;
        char *b = slurp(cpath, &m);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        fwrite(b, 1, m, f);
        fclose(f);
        GX_ASSERT_RC(govidx_run_file_add(path, run, 0), GOVIDX_EFORMAT);
        CU_ASSERT(same_bytes(path, b, m));
        free(b);
    }
    govidx_run_free(run);

    /* FNV-1a 64 test vectors (http://www.isthe.com/chongo/tech/comp/fnv/):
     * "" -> cbf29ce484222325, "a" -> af63dc4c8601ec8c */
    GX_ASSERT_OK(govidx_run_new(&run, "sum", 1, 1, 1, unit_codes, years, nodes));
    tpath(cpath, sizeof cpath, "a.txt");
    f = fopen(cpath, "wb");
    fclose(f);
    GX_ASSERT_OK(govidx_run_set_input_checksum(run, cpath));
    CU_ASSERT_STRING_EQUAL(govidx_run_attr(run, "input_checksum"), "fnv1a64:cbf29ce484222325");
    f = fopen(cpath, "wb");
    fputs("a", f);
    fclose(f);
    GX_ASSERT_OK(govidx_run_set_input_checksum(run, cpath));
    CU_ASSERT_STRING_EQUAL(govidx_run_attr(run, "input_checksum"), "fnv1a64:af63dc4c8601ec8c");
    govidx_run_free(run);
}

/* The lookup-crash file lacks the format attributes, so the reader stops
 * before the lookup that would crash HDF5; the isolated validator reports
 * either outcome as a problem and never crashes the caller. */
static void test_crash_message(void)
{
    char path[1200];
    probs p = {0};
    gx_srcpath(path, sizeof path, "tests/data/hostile/segfaults-hdf5-on-lookup.h5");
    GX_ASSERT_RC(govidx_dataset_validate_file(path, GOVIDX_VALIDATE_ISOLATED, count_problem,
                                              &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 1);
    CU_ASSERT(strstr(p.last, "the HDF5 library crashed (signal 11)") != NULL ||
              strstr(p.last, "attribute _format is missing") != NULL);
}

static int setup(void)
{
    char buf[900];
    snprintf(tmpdir, sizeof tmpdir, "%s", gx_buildpath(buf, sizeof buf, "tests/dataset-tmp"));
    mkdir(tmpdir, 0755);
    return 0;
}

static CU_TestInfo tests[] = {
    {"build, accessors, validate", test_build_and_validate},
    {"round trip of every block", test_roundtrip},
    {"format-v1 fixture file", test_fixture},
    {"edges within their unit, district variables are shares", test_rules_network_coverage},
    {"four threads open one file", test_threads},
    {"refuse overwrite (EEXIST)", test_refuse_overwrite},
    {"atomic write under allocation failures", test_atomic_write},
    {"consistency rules", test_rules},
    {"files damaged with raw HDF5", test_damaged_files},
    {"hostile files", test_hostile},
    {"HDF5 crash is reported", test_crash_message},
    {"results runs", test_runs},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"dataset", setup, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL); /* the test's own raw HDF5 calls stay quiet */
    return gx_run(suites);
}

/*
 * tests/test_catalogue_stored.c - format 1.1 (issue 17): the inventory keeps
 * each catalogue record whole.  A file written with records reads back the
 * same records and the same catalogue measures; a file without them stays
 * format 1.0 byte for byte in its root attributes; the validator refuses a
 * record that is not a JSON object, one without its format and an unknown
 * format; a newer minor version is refused with a message naming it.
 * SPDX-License-Identifier: MIT
 */
#include "gxtest.h"

#include <govidx.h>
#include <hdf5.h>
#include <unistd.h>

static govidx_catalogue *load(const char *file)
{
    char path[512];
    govidx_catalogue *c = NULL;
    snprintf(path, sizeof path, "%s/%s", CATALOGUE_DIR, file);
    if (govidx_catalogue_read_file(&c, path, GOVIDX_CATALOGUE_AUTO))
        fprintf(stderr, "%s\n", govidx_last_error());
    return c;
}

static void tmp_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/catalogue-stored-%ld-%s", TMP_DIR, (long)getpid(), name);
}

static govidx_dataset *two_cities(void)
{
    static const char *const units[] = {"tempe", "chicago"};
    static const int years[] = {2020};
    govidx_dataset *ds = NULL;
    if (govidx_dataset_new(&ds))
        return NULL;
    govidx_dataset_set_units(ds, 2, units, NULL);
    govidx_dataset_set_years(ds, 1, years);
    return ds;
}

static int has_root_attr(const char *path, const char *name, int *value)
{
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    int ex;
    if (f < 0)
        return -1;
    ex = H5Aexists(f, name) > 0;
    if (ex && value) {
        hid_t a = H5Aopen(f, name, H5P_DEFAULT);
        H5Aread(a, H5T_NATIVE_INT, value);
        H5Aclose(a);
    }
    H5Fclose(f);
    return ex;
}

static void set_minor(const char *path, int minor)
{
    hid_t f = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT), s, a;
    CU_ASSERT_FATAL(f >= 0);
    if (H5Aexists(f, "_format_minor") > 0)
        H5Adelete(f, "_format_minor");
    s = H5Screate(H5S_SCALAR);
    a = H5Acreate2(f, "_format_minor", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT, &minor);
    H5Aclose(a);
    H5Sclose(s);
    H5Fclose(f);
}

/* Every measure of the two results equal (NaN alike). */
static void same_measures(const govidx_result *a, const govidx_result *b)
{
    size_t n = govidx_result_n_nodes(a), k, u;
    CU_ASSERT_EQUAL_FATAL(n, govidx_result_n_nodes(b));
    CU_ASSERT_EQUAL_FATAL(govidx_result_n_units(a), govidx_result_n_units(b));
    for (k = 0; k < n; k++)
        for (u = 0; u < govidx_result_n_units(a); u++) {
            double x = govidx_result_score(a, u, 0, k), y = govidx_result_score(b, u, 0, k);
            CU_ASSERT(x == y || (x != x && y != y));
        }
}

static void test_roundtrip(void)
{
    govidx_catalogue *tempe = load("dcat-us.json"), *chicago = load("socrata-discovery.json");
    govidx_catalogue *back[2] = {NULL, NULL};
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_dataset *ds = two_cities(), *rd = NULL;
    govidx_result *r1 = NULL, *r2 = NULL;
    char path[600];
    size_t i, n_rec = 0;
    int minor = -1;
    CU_ASSERT_PTR_NOT_NULL_FATAL(tempe);
    CU_ASSERT_PTR_NOT_NULL_FATAL(chicago);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ds);
    o.reference_date = "2020-06-30";
    govidx_catalogue_set_unit(tempe, "tempe", 2020);
    govidx_catalogue_set_unit(chicago, "chicago", 2020);
    GX_ASSERT_OK(govidx_catalogue_to_inventory(ds, tempe, &o));
    GX_ASSERT_OK(govidx_catalogue_to_inventory(ds, chicago, &o));
    tmp_path(path, sizeof path, "rt.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    CU_ASSERT_EQUAL(has_root_attr(path, "_format_minor", &minor), 1);
    CU_ASSERT_EQUAL(minor, 1);
    GX_ASSERT_OK(govidx_dataset_open(&rd, path, NULL));
    CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
    GX_ASSERT_OK(govidx_dataset_validate(rd, NULL, NULL));
    /* each stored record is the source record, byte for byte as record_json gives it */
    for (i = 0; i < govidx_dataset_n_inventory(rd); i++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        char *want = NULL;
        const govidx_catalogue *c;
        size_t j;
        GX_ASSERT_OK(govidx_dataset_inventory(&e, rd, i));
        c = !strcmp(e.unit, "tempe") ? tempe : chicago;
        CU_ASSERT_PTR_NOT_NULL_FATAL(e.record);
        CU_ASSERT_STRING_EQUAL(e.record_format, c == tempe ? "dcat-us" : "socrata");
        for (j = 0; j < govidx_catalogue_n_datasets(c); j++)
            if (!strcmp(govidx_catalogue_field(c, j, "identifier"), e.dataset))
                break;
        CU_ASSERT_FATAL(j < govidx_catalogue_n_datasets(c));
        GX_ASSERT_OK(govidx_catalogue_record_json(&want, c, j));
        CU_ASSERT_STRING_EQUAL(e.record, want);
        govidx_free(want);
        n_rec++;
    }
    CU_ASSERT_EQUAL(n_rec, 5 + 3);
    /* the measures of the rebuilt catalogues are those of the originals */
    GX_ASSERT_OK(govidx_catalogue_from_dataset(&back[0], rd, "tempe", 2020));
    GX_ASSERT_OK(govidx_catalogue_from_dataset(&back[1], rd, "chicago", 2020));
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(back[0]), 5);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(back[1]), 3);
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(back[0]), GOVIDX_CATALOGUE_DCAT_US);
    {
        const govidx_catalogue *orig[2] = {tempe, chicago};
        GX_ASSERT_OK(govidx_catalogue_compute(&r1, orig, 2, &o));
        GX_ASSERT_OK(govidx_catalogue_compute(&r2, (const govidx_catalogue *const *)back, 2, &o));
        if (r1 && r2)
            same_measures(r1, r2);
    }
    govidx_catalogue_free(back[0]);
    GX_ASSERT_RC(govidx_catalogue_from_dataset(&back[0], rd, "tempe", 2019), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NULL(back[0]);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "no catalogue records"));
    /* a version-1 caller of the entry getter gets the fields it knows only */
    {
        struct {
            govidx_inventory_entry e;
            char guard[2 * sizeof(char *)];
        } v1;
        memset(&v1, 0x5a, sizeof v1);
        v1.e.version = 1;
        GX_ASSERT_OK(govidx_dataset_inventory(&v1.e, rd, 0));
        CU_ASSERT_EQUAL(v1.e.n_answers, GOVIDX_N_CRITERIA);
        CU_ASSERT_EQUAL((unsigned char)((char *)&v1.e.record)[0], 0x5a); /* not written */
    }
    govidx_result_free(r1);
    govidx_result_free(r2);
    govidx_catalogue_free(back[1]);
    govidx_dataset_close(rd);
    /* a newer minor version is refused, naming it */
    set_minor(path, 2);
    rd = NULL;
    GX_ASSERT_RC(govidx_dataset_open(&rd, path, NULL), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "_format_minor is 2; this govidx reads 1.0 to 1.1"));
    unlink(path);
    govidx_dataset_close(ds);
    govidx_catalogue_free(tempe);
    govidx_catalogue_free(chicago);
}

static void test_old_files_stay_1_0(void)
{
    govidx_dataset *ds = two_cities(), *rd = NULL;
    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
    signed char a[GOVIDX_N_CRITERIA];
    char path[600];
    memset(a, GOVIDX_ANSWER_YES, sizeof a);
    e.unit = "tempe";
    e.year = 2020;
    e.dataset = "budget";
    e.answers = a;
    e.n_answers = GOVIDX_N_CRITERIA;
    GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
    tmp_path(path, sizeof path, "old.h5");
    unlink(path);
    GX_ASSERT_OK(govidx_dataset_write(ds, path, 0));
    CU_ASSERT_EQUAL(has_root_attr(path, "_format_minor", NULL), 0); /* written as 1.0 */
    GX_ASSERT_OK(govidx_dataset_open(&rd, path, NULL));
    e = (govidx_inventory_entry)GOVIDX_INVENTORY_ENTRY_INIT;
    GX_ASSERT_OK(govidx_dataset_inventory(&e, rd, 0));
    CU_ASSERT_PTR_NULL(e.record);
    CU_ASSERT_PTR_NULL(e.record_format);
    govidx_dataset_close(rd);
    /* an explicit minor 0 is format 1.0 too */
    set_minor(path, 0);
    rd = NULL;
    GX_ASSERT_OK(govidx_dataset_open(&rd, path, NULL));
    govidx_dataset_close(rd);
    unlink(path);
    govidx_dataset_close(ds);
}

typedef struct {
    int n;
    char last[512];
} probs;

static void collect(void *ctx, const char *object, const char *message)
{
    probs *p = ctx;
    p->n++;
    snprintf(p->last, sizeof p->last, "%s: %s", object, message);
}

static void bad_record(const char *record, const char *format, const char *want)
{
    govidx_dataset *ds = two_cities();
    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
    probs p = {0, ""};
    e.unit = "tempe";
    e.year = 2020;
    e.dataset = "x";
    e.record = record;
    e.record_format = format;
    GX_ASSERT_OK(govidx_dataset_add_inventory(ds, &e));
    CU_ASSERT_EQUAL(govidx_dataset_validate(ds, collect, &p), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(p.n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(p.last, want));
    if (!strstr(p.last, want))
        fprintf(stderr, "got: %s\n", p.last);
    govidx_dataset_close(ds);
}

static void test_validator(void)
{
    bad_record("{\"title\": \"x\"", "dcat-us", "the catalogue record is not valid JSON");
    bad_record("[1, 2]", "ckan", "the catalogue record is not a JSON object");
    bad_record("{\"a\": 1, \"a\": 2}", "ckan", "not valid JSON");
    bad_record("{\"title\": \"x\"}", NULL, "a catalogue record without record_format");
    bad_record(NULL, "socrata", "a record_format without a catalogue record");
    bad_record("{\"title\": \"x\"}", "rdf", "record_format 'rdf' (expected dcat-us, dcat-us-1.0, ckan, socrata or csv)");
    bad_record("{\"title\": \"x\"}", "rdf", "inventory entry 0 ('tempe', 2020, 'x')");
}

static CU_TestInfo tests[] = {{"roundtrip", test_roundtrip},
                              {"old_files_stay_1_0", test_old_files_stay_1_0},
                              {"validator", test_validator},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"catalogue_stored", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}

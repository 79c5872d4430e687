/*
 * tests/test_catalogue.c - portal catalogues (DCAT-US, CKAN, Socrata, CSV)
 * and their openness measures.  The fixtures in tests/data/catalogue are
 * hand-written to the published schemas (see their README); every expected
 * number is counted from them by hand (the count is next to it), and the
 * day differences are recomputed with the C library's timegm, independent
 * of the library's own calendar code.
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE
#include "gxtest.h"

#include <govidx.h>
#include <time.h>

#define NODE(r, u, y, code) score_of(r, u, y, code)

static double score_of(const govidx_result *r, size_t u, size_t y, const char *code)
{
    size_t node;
    if (govidx_result_find_node(&node, r, code) != GOVIDX_OK)
        return -999;
    return govidx_result_score(r, u, y, node);
}

static double days_between(int y1, int m1, int d1, int y2, int m2, int d2)
{
    struct tm a = {0}, b = {0};
    a.tm_year = y1 - 1900, a.tm_mon = m1 - 1, a.tm_mday = d1;
    b.tm_year = y2 - 1900, b.tm_mon = m2 - 1, b.tm_mday = d2;
    return difftime(timegm(&b), timegm(&a)) / 86400.0;
}

static govidx_catalogue *load(const char *file, int format)
{
    char path[512];
    govidx_catalogue *c = NULL;
    snprintf(path, sizeof path, "%s/%s", CATALOGUE_DIR, file);
    int rc = govidx_catalogue_read_file(&c, path, format);
    if (rc)
        fprintf(stderr, "%s\n", govidx_last_error());
    CU_ASSERT_EQUAL(rc, GOVIDX_OK);
    return c;
}

static size_t unmapped_count(const govidx_catalogue *c, const char *key)
{
    size_t n;
    for (size_t i = 0; i < govidx_catalogue_n_unmapped(c); i++)
        if (!strcmp(govidx_catalogue_unmapped(c, i, &n), key))
            return n;
    return 0;
}

static const char *const tempe_depts[] = {"Police Department", "Community Development", "  finance ",
                                          "Human Resources", "Parks and Recreation", "Library"};

static void test_dcat_parse(void)
{
    govidx_catalogue *c = load("dcat-us.json", GOVIDX_CATALOGUE_AUTO);
    if (!c)
        return;
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(c), GOVIDX_CATALOGUE_DCAT_US);
    /* six records, tempe-1 twice */
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(c), 5);
    CU_ASSERT_EQUAL(govidx_catalogue_n_duplicates(c), 1);
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_duplicate(c, 0), "tempe-1");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "publisher"), "Police Department");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "contactPoint"), "Open Data Team");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "format"), "CSV; API");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 1, "format"), "GEOJSON; SHP; ZIP");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 1, "keyword"), "zoning; gis");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 2, "keyword"), "budget");
    CU_ASSERT_PTR_NULL(govidx_catalogue_field(c, 2, "description"));
    CU_ASSERT_PTR_NULL(govidx_catalogue_field(c, 0, "no-such-field"));
    CU_ASSERT_PTR_NULL(govidx_catalogue_field(c, 5, "title"));
    /* the hostile description is kept byte for byte */
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_catalogue_field(c, 4, "description"), "DROP TABLE"));
    /* every field kept: bureauCode is not mapped but is in the record */
    {
        char *js = NULL;
        CU_ASSERT_EQUAL(govidx_catalogue_record_json(&js, c, 4), GOVIDX_OK);
        CU_ASSERT_PTR_NOT_NULL(js && strstr(js, "\"bureauCode\":[\"000:00\"]") ? js : NULL);
        CU_ASSERT_PTR_NOT_NULL(js && strstr(js, "DROP TABLE") ? js : NULL);
        govidx_free(js);
        CU_ASSERT_EQUAL(govidx_catalogue_record_json(&js, c, 5), GOVIDX_EINVAL);
    }
    CU_ASSERT_EQUAL(unmapped_count(c, "bureauCode"), 1);
    CU_ASSERT_EQUAL(unmapped_count(c, "modified(not a date)"), 1);
    CU_ASSERT_EQUAL(unmapped_count(c, "accrualPeriodicity(unrecognised)"), 1);
    CU_ASSERT_EQUAL(unmapped_count(c, "distribution.title"), 1);
    govidx_catalogue_free(c);
}

static void test_dcat_measures(void)
{
    govidx_catalogue *c = load("dcat-us.json", GOVIDX_CATALOGUE_DCAT_US);
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_result *r = NULL;
    const govidx_catalogue *cs[1];
    double d1, d2, d3, d4;
    if (!c)
        return;
    CU_ASSERT_EQUAL(govidx_catalogue_set_unit(c, "tempe", 2020), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_catalogue_set_population(c, 195805), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_catalogue_set_departments(c, tempe_depts, 6), GOVIDX_OK);
    cs[0] = c;
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "datasets_published"), 5, 0);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "datasets_per_100k"), 5 / 195805.0 * 1e5, 1e-12);
    /* machine-readable: tempe-1 (CSV), tempe-2 (GeoJSON) = 2 of 5 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "machine_readable_share"), 40, 1e-12);
    /* non-proprietary: + tempe-3 (PDF) = 3 of 5 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "non_proprietary_share"), 60, 1e-12);
    /* bulk (a downloadURL): tempe-1..4 = 4 of 5 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "bulk_download_share"), 80, 1e-12);
    /* API: tempe-1 (format API), tempe-6 (Esri REST) */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "api_share"), 40, 1e-12);
    /* open licence: CC0 URL, ODbL URL, "Public Domain", cc-by; not CC BY-NC */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "open_licence_share"), 80, 1e-12);
    /* fields present of 16: 14 + 11 + 8 + 10 + 9 = 52 of 80 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "metadata_completeness"), 100.0 * 52 / 80, 1e-12);
    d1 = days_between(2020, 6, 29, 2020, 6, 30);
    d2 = days_between(2019, 1, 15, 2020, 6, 30);
    d3 = days_between(2018, 7, 1, 2020, 6, 30);
    d4 = days_between(2020, 3, 1, 2020, 6, 30);
    /* on time with grace 1.5: tempe-1 (1 <= 1.5 x 1 day), tempe-2 (532 <=
     * 1.5 x 365.2425); tempe-3 (none declared, > 12 months), tempe-4
     * (121 > 1.5 x 30.44), tempe-6 (no date) late: 2 of 5 */
    CU_ASSERT(d1 <= 1.5 && d2 <= 1.5 * 365.2425 && d4 > 1.5 * 365.2425 / 12 && d3 > 365);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "updated_on_time_share"), 40, 1e-12);
    /* median of the four dated: (121 + 532) / 2 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "median_days_since_update"), (d4 + d2) / 2, 1e-12);
    /* departments: Police, Community Development, Finance, HR publish (4 of 6) */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "departments_publishing"), 4, 0);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "departments_publishing_share"), 100.0 * 4 / 6, 1e-12);
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, GOVIDX_CATALOGUE_SILO), 2);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_CATALOGUE_SILO, 0), "Parks and Recreation");
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_CATALOGUE_SILO, 1), "Library");
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, GOVIDX_CATALOGUE_UNLISTED), 1);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_CATALOGUE_UNLISTED, 0), "Transportation");
    /* HVD: Geospatial (zoning, gis) and Mobility (bike) of 6 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "high_value_coverage"), 100.0 * 2 / 6, 1e-12);
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, GOVIDX_CATALOGUE_UNCOVERED), 4);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_CATALOGUE_UNCOVERED, 0),
                           "Earth observation and environment");

    /* the O1-O5 framework on these measures, recomputed here from the
     * framework's goalposts (docs/methods/openness-checklist.md): O2 and O3
     * arithmetic means of goalpost scores, O their geometric mean */
    {
        govidx_result *f = NULL;
        size_t n_o2, n_o3, n_o;
        double med = (d4 + d2) / 2;
        double o3 = (40 + 80 + 80 + 40 + 100 * (365 - med) / 365) / 5;
        double o2 = (100.0 * 2 / 6 + 5 / 195805.0 * 1e5 + 100.0 * 4 / 6) / 3;
        CU_ASSERT_EQUAL_FATAL(govidx_openness_catalogue_compute(&f, r, NULL), GOVIDX_OK);
        CU_ASSERT_EQUAL_FATAL(govidx_result_find_node(&n_o2, f, "O2"), GOVIDX_OK);
        CU_ASSERT_EQUAL_FATAL(govidx_result_find_node(&n_o3, f, "O3"), GOVIDX_OK);
        CU_ASSERT_EQUAL_FATAL(govidx_result_find_node(&n_o, f, "O"), GOVIDX_OK);
        GX_ASSERT_CLOSE(govidx_result_score(f, 0, 0, n_o3), o3, 1e-9);
        GX_ASSERT_CLOSE(govidx_result_score(f, 0, 0, n_o2), o2, 1e-9);
        GX_ASSERT_CLOSE(govidx_result_score(f, 0, 0, n_o), sqrt(o2 * o3), 1e-9);
        govidx_result_free(f);
    }
    govidx_result_free(r);

    /* the GODI key list: budget (Annual Budget), map? no; boundaries? no */
    o.key_list = GOVIDX_CATALOGUE_KEYS_GODI;
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    /* Government budget (budget) only: 1 of 15 */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "high_value_coverage"), 100.0 / 15, 1e-12);
    govidx_result_free(r);

    /* a user's list and licence list; grace 3 puts tempe-4 on time (121 <= 3 x 30.44? no: 91.3) */
    {
        const char *names[] = {"Salaries"}, *rules[] = {"salaries|payroll"};
        const char *lics[] = {"https://creativecommons.org/licenses/by-nc/"};
        o.categories = names;
        o.category_rules = rules;
        o.n_categories = 1;
        o.open_licences = lics;
        o.n_open_licences = 1;
        o.grace_factor = 4;
        CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "high_value_coverage"), 100, 0);
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "open_licence_share"), 20, 1e-12);
        /* 121 <= 4 x 30.44 = 121.75: tempe-4 on time now, 3 of 5 */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "updated_on_time_share"), 60, 1e-12);
        govidx_result_free(r);
    }
    govidx_catalogue_free(c);
}

static void test_ckan(void)
{
    govidx_catalogue *c = load("ckan-package-search.json", GOVIDX_CATALOGUE_AUTO);
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_result *r = NULL;
    const govidx_catalogue *cs[1];
    if (!c)
        return;
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(c), GOVIDX_CATALOGUE_CKAN);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(c), 3);
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "publisher"), "Finance Department");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "theme"), "Finance");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "accrualPeriodicity"), "annually");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "accessLevel"), "public");
    CU_ASSERT_EQUAL(unmapped_count(c, "num_resources"), 3);
    CU_ASSERT_EQUAL(unmapped_count(c, "state"), 3);
    govidx_catalogue_set_unit(c, "ckan-city", 2020);
    cs[0] = c;
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "machine_readable_share"), 200.0 / 3, 1e-12); /* CSV, JSON */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "bulk_download_share"), 100, 1e-12);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "api_share"), 200.0 / 3, 1e-12);           /* api resource, datastore */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "open_licence_share"), 200.0 / 3, 1e-12);  /* cc-by, odc-odbl */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "updated_on_time_share"), 100.0 / 3, 1e-12); /* only a1 */
    /* no departments list: nothing claimed */
    CU_ASSERT(isnan(NODE(r, 0, 0, "departments_publishing_share")));
    CU_ASSERT(isnan(NODE(r, 0, 0, "datasets_per_100k")));
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, GOVIDX_CATALOGUE_SILO), 0);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "high_value_coverage"), 100.0 * 2 / 6, 1e-12); /* air quality, traffic */
    govidx_result_free(r);
    govidx_catalogue_free(c);
}

static void test_socrata_csv_and_two_cities(void)
{
    govidx_catalogue *s = load("socrata-discovery.json", GOVIDX_CATALOGUE_AUTO);
    govidx_catalogue *f = load("flat.csv", GOVIDX_CATALOGUE_AUTO);
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_result *r = NULL;
    const govidx_catalogue *cs[2];
    size_t u;
    if (!s || !f)
        goto out;
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(s), GOVIDX_CATALOGUE_SOCRATA);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(s), 3); /* the chart is not a dataset */
    CU_ASSERT_EQUAL(unmapped_count(s, "type=chart"), 1);
    CU_ASSERT_EQUAL(unmapped_count(s, "metadata.domain"), 3);
    CU_ASSERT_EQUAL(unmapped_count(s, "resource.columns_name"), 1);
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(s, 0, "accrualPeriodicity"), "Daily");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(s, 0, "keyword"), "crime; police");
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(f), GOVIDX_CATALOGUE_CSV);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(f), 2);
    CU_ASSERT_EQUAL(govidx_catalogue_n_duplicates(f), 1);
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(f, 1, "title"), "Restaurant Inspections, \"all\"");
    CU_ASSERT_EQUAL(unmapped_count(f, "custom_field"), 1);
    govidx_catalogue_set_unit(s, "chicago", 2020);
    govidx_catalogue_set_unit(f, "flatville", 2019);
    cs[0] = s;
    cs[1] = f;
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 2, &o), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_result_n_units(r), 2);
    CU_ASSERT_EQUAL(govidx_result_n_years(r), 2);
    CU_ASSERT_EQUAL(govidx_result_year(r, 0), 2019);
    CU_ASSERT_EQUAL(govidx_result_find_unit(&u, r, "chicago"), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, u, 1, "machine_readable_share"), 200.0 / 3, 1e-12); /* dataset, map */
    GX_ASSERT_CLOSE(NODE(r, u, 1, "api_share"), 100.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(NODE(r, u, 1, "open_licence_share"), 100.0 / 3, 1e-12);  /* Public Domain */
    GX_ASSERT_CLOSE(NODE(r, u, 1, "updated_on_time_share"), 100, 1e-12);
    CU_ASSERT(isnan(NODE(r, u, 0, "datasets_published"))); /* no 2019 catalogue for Chicago */
    CU_ASSERT_EQUAL(govidx_result_find_unit(&u, r, "flatville"), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, u, 0, "machine_readable_share"), 50, 1e-12);
    GX_ASSERT_CLOSE(NODE(r, u, 0, "non_proprietary_share"), 100, 1e-12);
    GX_ASSERT_CLOSE(NODE(r, u, 0, "open_licence_share"), 50, 1e-12);
    GX_ASSERT_CLOSE(NODE(r, u, 0, "bulk_download_share"), 50, 1e-12);
    /* c1 29 days <= 45.66; c2 181 > 10.5 */
    GX_ASSERT_CLOSE(NODE(r, u, 0, "updated_on_time_share"), 50, 1e-12);
    {
        /* a city without a catalogue in a year stays missing there */
        govidx_result *fw = NULL;
        size_t on;
        CU_ASSERT_EQUAL_FATAL(govidx_openness_catalogue_compute(&fw, r, NULL), GOVIDX_OK);
        CU_ASSERT_EQUAL_FATAL(govidx_result_find_node(&on, fw, "O"), GOVIDX_OK);
        CU_ASSERT(isnan(govidx_result_score(fw, 0, 0, on)) && isfinite(govidx_result_score(fw, 0, 1, on)));
        CU_ASSERT(isfinite(govidx_result_score(fw, 1, 0, on)) && isnan(govidx_result_score(fw, 1, 1, on)));
        govidx_result_free(fw);
    }
    govidx_result_free(r);
out:
    govidx_catalogue_free(s);
    govidx_catalogue_free(f);
}

static void expect_parse_error(const char *text, int format, int want, const char *msg_part)
{
    govidx_catalogue *c = (govidx_catalogue *)1;
    int rc = govidx_catalogue_parse(&c, "t.json", text, strlen(text), format);
    CU_ASSERT_EQUAL(rc, want);
    CU_ASSERT_PTR_NULL(c);
    if (!strstr(govidx_last_error(), msg_part)) {
        fprintf(stderr, "message '%s' lacks '%s'\n", govidx_last_error(), msg_part);
        CU_FAIL("message");
    }
}

static void test_bad_input(void)
{
    govidx_catalogue *c = NULL;
    govidx_result *r = NULL;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    const govidx_catalogue *cs[2];
    const char *dup[] = {"Finance", " FINANCE"};
    expect_parse_error("{\"dataset\": [ {\"title\": \"x\" ", GOVIDX_CATALOGUE_AUTO, GOVIDX_EFORMAT, "line 1");
    expect_parse_error("{\"dataset\": [1]}", GOVIDX_CATALOGUE_AUTO, GOVIDX_EFORMAT, "record 1 is not");
    expect_parse_error("{\"foo\": []}", GOVIDX_CATALOGUE_AUTO, GOVIDX_EFORMAT, "not a catalogue");
    expect_parse_error("{\"dataset\": {}}", GOVIDX_CATALOGUE_DCAT_US, GOVIDX_EFORMAT, "no list of datasets");
    expect_parse_error("  \n", GOVIDX_CATALOGUE_AUTO, GOVIDX_EFORMAT, "empty");
    expect_parse_error("{\"dataset\": [{\"title\": \"a\\u0000b\"}]}", GOVIDX_CATALOGUE_AUTO, GOVIDX_EFORMAT,
                       "not valid JSON");
    expect_parse_error("{\"results\": [{\"resource\": 3}]}", GOVIDX_CATALOGUE_SOCRATA, GOVIDX_EFORMAT,
                       "no \"resource\"");
    expect_parse_error("a,b\n1\n", GOVIDX_CATALOGUE_CSV, GOVIDX_EFORMAT, "t.json");
    CU_ASSERT_EQUAL(govidx_catalogue_parse(&c, NULL, "{}", 2, 9), GOVIDX_EINVAL);
    CU_ASSERT_EQUAL(govidx_catalogue_read_file(&c, "/nonexistent/catalogue.json", 0), GOVIDX_EIO);
    /* missing fields are absent, not errors; a wrong type is reported */
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_parse(&c, NULL,
                                                 "{\"dataset\": [{}, {\"title\": 7, \"keyword\": {\"a\": 1}}]}",
                                                 52, 0), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(c), 2);
    CU_ASSERT_EQUAL(unmapped_count(c, "title(not a string)"), 1);
    CU_ASSERT_EQUAL(unmapped_count(c, "keyword(not a list)"), 1);
    CU_ASSERT_EQUAL(govidx_catalogue_set_departments(c, dup, 2), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "listed twice"));
    CU_ASSERT_EQUAL(govidx_catalogue_set_population(c, -1), GOVIDX_EINVAL);
    cs[0] = cs[1] = c;
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_EINVAL); /* no unit */
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "govidx_catalogue_set_unit"));
    govidx_catalogue_set_unit(c, "x", 2020);
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 2, &o), GOVIDX_EINVAL); /* twice */
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "two catalogues for unit 'x' in 2020"));
    o.reference_date = NULL;
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "reference_date is required"));
    o.reference_date = "2021-02-29";
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_EINVAL);
    o.reference_date = "2020-06-30";
    o.grace_factor = 0.5;
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_EINVAL);
    o.grace_factor = 1.5;
    o.key_list = 7;
    CU_ASSERT_EQUAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_EINVAL);
    o.key_list = 0;
    /* records without any field: shares 0, nothing invented */
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "machine_readable_share"), 0, 0);
    CU_ASSERT(isnan(NODE(r, 0, 0, "median_days_since_update")));
    govidx_result_free(r);
    govidx_catalogue_free(c);
    /* an empty catalogue: counts 0, shares undefined (NaN), never 0/0 */
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_parse(&c, NULL, "{\"dataset\": []}", 15, 0), GOVIDX_OK);
    govidx_catalogue_set_unit(c, "empty", 2020);
    cs[0] = c;
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "datasets_published"), 0, 0);
    CU_ASSERT(isnan(NODE(r, 0, 0, "open_licence_share")));
    govidx_result_free(r);
    govidx_catalogue_free(c);
}

static void test_periods(void)
{
    govidx_catalogue *c = NULL;
    const char *text = "identifier,modified,accrualPeriodicity\n"
                       "a,2020-01-01,R/P1W\nb,2020-01-01,P3M\nc,2020-01-01,R/PT6H\nd,2020-01-01,irregular\n"
                       "e,2020-01-01,quarterly\nf,2020-01-01,R/P1Y2M\n";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_parse(&c, "p.csv", text, strlen(text), 0), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(c), 6);
    CU_ASSERT_EQUAL(govidx_catalogue_n_unmapped(c), 0); /* every period recognised */
    govidx_catalogue_free(c);
    text = "identifier,accrualPeriodicity\na,R/P\nb,every so often\n";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_parse(&c, "p.csv", text, strlen(text), 0), GOVIDX_OK);
    CU_ASSERT_EQUAL(unmapped_count(c, "accrualPeriodicity(unrecognised)"), 2);
    govidx_catalogue_free(c);
}

/* 100,000 generated DCAT-US records: parsed and measured in well under a
 * second; the expected shares come from the generator's own rule. */
static void test_huge(void)
{
    const size_t n = 100000;
    size_t cap = n * 400, len = 0, i, mr = 0, lic = 0, ontime = 0;
    char *buf = malloc(cap);
    govidx_catalogue *c = NULL;
    govidx_result *r = NULL;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    const govidx_catalogue *cs[1];
    struct timespec t0, t1, c0, c1;
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    len += (size_t)snprintf(buf + len, cap - len, "{\"dataset\": [");
    for (i = 0; i < n; i++) {
        int day = 1 + (int)(i % 30);
        len += (size_t)snprintf(buf + len, cap - len,
                                "%s{\"identifier\":\"d%zu\",\"title\":\"Dataset %zu\",\"publisher\":{\"name\":"
                                "\"Dept %zu\"},\"modified\":\"2020-06-%02d\",\"accrualPeriodicity\":\"R/P1D\","
                                "\"license\":\"%s\",\"distribution\":[{\"downloadURL\":\"https://x/%zu\","
                                "\"mediaType\":\"%s\"}]}",
                                i ? "," : "", i, i, i % 7, day, i % 2 ? "CC0-1.0" : "All rights reserved", i,
                                i % 3 ? "application/pdf" : "text/csv");
        mr += i % 3 == 0;
        lic += i % 2 == 1;
        ontime += 30 - day <= 1; /* 29 or 30 June, as of 30 June, within 1.5 days */
    }
    len += (size_t)snprintf(buf + len, cap - len, "]}");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_parse(&c, "huge", buf, len, 0), GOVIDX_OK);
    govidx_catalogue_set_unit(c, "big", 2020);
    cs[0] = c;
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_compute(&r, cs, 1, &o), GOVIDX_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    double cpu = (double)(c1.tv_sec - c0.tv_sec) + (double)(c1.tv_nsec - c0.tv_nsec) * 1e-9;
    fprintf(stderr, "100000-dataset DCAT-US catalogue (%zu bytes): parsed and measured in %.3f s CPU, %.3f s wall\n",
            len, cpu, secs);
    /* The time is printed for the log, not asserted: speed claims belong in
     * bench/ programs, and under valgrind or sanitizers any bound is noise. */
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "datasets_published"), (double)n, 0);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "machine_readable_share"), 100.0 * (double)mr / (double)n, 1e-9);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "open_licence_share"), 100.0 * (double)lic / (double)n, 1e-9);
    GX_ASSERT_CLOSE(NODE(r, 0, 0, "updated_on_time_share"), 100.0 * (double)ontime / (double)n, 1e-9);
    govidx_result_free(r);
    govidx_catalogue_free(c);
    free(buf);
}

static void test_names(void)
{
    int f;
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_format_name(GOVIDX_CATALOGUE_SOCRATA), "socrata");
    CU_ASSERT_EQUAL(govidx_catalogue_format_from_name(&f, "dcat-us"), GOVIDX_OK);
    CU_ASSERT_EQUAL(f, GOVIDX_CATALOGUE_DCAT_US);
    CU_ASSERT_EQUAL(govidx_catalogue_format_from_name(&f, "rdf"), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NULL(govidx_catalogue_format_name(42));
    CU_ASSERT_EQUAL(govidx_catalogue_key_categories(NULL, NULL, GOVIDX_CATALOGUE_KEYS_HVD), 6);
    CU_ASSERT_EQUAL(govidx_catalogue_key_categories(NULL, NULL, GOVIDX_CATALOGUE_KEYS_GODI), 15);
    CU_ASSERT(govidx_catalogue_builtin_list(NULL, 0) > 10);
    {
        govidx_catalogue_options o;
        CU_ASSERT_EQUAL(govidx_catalogue_options_init(&o, 1), GOVIDX_OK);
        GX_ASSERT_CLOSE(o.grace_factor, 1.5, 0);
        CU_ASSERT_EQUAL(govidx_catalogue_options_init(&o, 2), GOVIDX_EINVAL);
    }
}

/* issue 17: places that each list their own datasets (like portal
 * catalogues) have no common key-dataset list; the checklist refuses to
 * divide by the union of their names unless the list is given. */
static void test_checklist_needs_common_list(void)
{
    static const char *const units[] = {"chi", "sfo", "nyc"};
    static const int years[] = {2020};
    static const char *const own[3][4] = {{"crimes", "permits", "budget", "potholes"},
                                          {"311", "parcels", "budget-sf", "bikes"},
                                          {"taxi", "restaurants", "payroll", "trees"}};
    static const char *const common[] = {"budget", "spending", "crime", "map"};
    signed char yes[GOVIDX_N_CRITERIA];
    govidx_dataset *ds = NULL, *ds2 = NULL;
    govidx_result *r = NULL;
    govidx_checklist_options co = GOVIDX_CHECKLIST_OPTIONS_INIT;
    size_t u, k;
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        yes[k] = GOVIDX_ANSWER_YES;
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_new(&ds), GOVIDX_OK);
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_new(&ds2), GOVIDX_OK);
    govidx_dataset_set_units(ds, 3, units, NULL);
    govidx_dataset_set_years(ds, 1, years);
    govidx_dataset_set_units(ds2, 3, units, NULL);
    govidx_dataset_set_years(ds2, 1, years);
    for (u = 0; u < 3; u++)
        for (k = 0; k < 4; k++) {
            govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
            e.unit = units[u];
            e.year = 2020;
            e.dataset = own[u][k];
            e.answers = yes;
            e.n_answers = GOVIDX_N_CRITERIA;
            CU_ASSERT_EQUAL(govidx_dataset_add_inventory(ds, &e), GOVIDX_OK);
            if (u == 2 && k == 3)
                continue; /* one gap in the common list: 11 of 12 */
            e.dataset = common[k];
            CU_ASSERT_EQUAL(govidx_dataset_add_inventory(ds2, &e), GOVIDX_OK);
        }
    /* none of the 12 codes is answered by more than half of the 3 places: refused */
    CU_ASSERT_EQUAL(govidx_openness_checklist_compute(&r, ds, NULL), GOVIDX_EMISSING);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "in 2020 only 0 of the 12 dataset codes in the inventory "
                                                       "are answered by more than half of the 3 places"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "index_datasets"));
    /* the framework then takes O3 from the inventory's answer shares (all
     * yes here: 100) and its method says why the checklist is not in it */
    CU_ASSERT_EQUAL_FATAL(govidx_openness_compute(&r, ds, NULL), GOVIDX_OK);
    {
        size_t o3, mr;
        CU_ASSERT_EQUAL(govidx_result_find_node(&o3, r, "O3"), GOVIDX_OK);
        CU_ASSERT_EQUAL(govidx_result_find_node(&mr, r, "machine_readable_share"), GOVIDX_OK);
        CU_ASSERT(govidx_result_find_node(&mr, r, "checklist_score") != GOVIDX_OK);
        GX_ASSERT_CLOSE(govidx_result_score(r, 1, 0, o3), 100, 1e-9);
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_result_method_json(r), "\"checklist_score\": \"refused: openness: in "
                                                                   "2020 only 0 of the 12 dataset codes"));
    }
    govidx_result_free(r);
    r = NULL;
    /* with the key list given, the score is the GODI score over it */
    co.index_datasets = (const char *const[]){"budget", "crimes"};
    co.n_index = 2;
    CU_ASSERT_EQUAL_FATAL(govidx_openness_checklist_compute(&r, ds, &co), GOVIDX_OK);
    GX_ASSERT_CLOSE(govidx_result_score(r, 0, 0, 1), 100, 1e-12); /* chi: both, all yes */
    GX_ASSERT_CLOSE(govidx_result_score(r, 1, 0, 1), 0, 0);       /* sfo: neither */
    govidx_result_free(r);
    /* a common list with one gap (map: 2 of 3 places) is still scored over the union */
    CU_ASSERT_EQUAL_FATAL(govidx_openness_checklist_compute(&r, ds2, NULL), GOVIDX_OK);
    GX_ASSERT_CLOSE(govidx_result_score(r, 2, 0, 1), 75, 1e-12);
    govidx_result_free(r);
    govidx_dataset_close(ds);
    govidx_dataset_close(ds2);
}

/* Every prefix of every fixture (a truncated download) parses or fails
 * with GOVIDX_EFORMAT, never anything else; nesting 100,000 deep is
 * refused (jansson's depth limit), not a stack overflow. */
static void test_truncated_and_deep(void)
{
    static const char *const files[] = {"dcat-us.json", "ckan-package-search.json", "socrata-discovery.json",
                                        "flat.csv"};
    size_t f, len, cut, bad = 0, ok = 0;
    for (f = 0; f < 4; f++) {
        char path[512], *text;
        FILE *in;
        snprintf(path, sizeof path, "%s/%s", CATALOGUE_DIR, files[f]);
        in = fopen(path, "rb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(in);
        text = malloc(1 << 16);
        len = fread(text, 1, 1 << 16, in);
        fclose(in);
        for (cut = 0; cut <= len; cut++) {
            govidx_catalogue *c = NULL;
            int rc = govidx_catalogue_parse(&c, files[f], text, cut, GOVIDX_CATALOGUE_AUTO);
            if (rc == GOVIDX_OK)
                ok++;
            else if (rc != GOVIDX_EFORMAT) {
                fprintf(stderr, "%s cut at %zu: rc %d %s\n", files[f], cut, rc, govidx_last_error());
                bad++;
            }
            govidx_catalogue_free(c);
        }
        free(text);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(ok > 0); /* CSV prefixes that end at a line */
    {
        size_t depth = 100000, k;
        char *deep = malloc(2 * depth + 32);
        govidx_catalogue *c = NULL;
        len = (size_t)sprintf(deep, "{\"dataset\": [{\"title\": ");
        for (k = 0; k < depth; k++)
            deep[len++] = '[';
        for (k = 0; k < depth; k++)
            deep[len++] = ']';
        len += (size_t)sprintf(deep + len, "}]}");
        CU_ASSERT_EQUAL(govidx_catalogue_parse(&c, "deep", deep, len, 0), GOVIDX_EFORMAT);
        CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "deep: not valid JSON"));
        free(deep);
    }
}

/* A catalogue into a dataset's inventory: one entry per dataset, the
 * answers the catalogue gives (tempe-1: CSV + API, CC0, modified the day
 * before the reference date, DCAT-US), the rest missing. */
static void test_to_inventory(void)
{
    static const char *const units[] = {"tempe"};
    static const int years[] = {2020};
    govidx_catalogue *c = load("dcat-us.json", 0);
    govidx_dataset *ds = NULL;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
    signed char want[GOVIDX_N_CRITERIA];
    size_t k;
    if (!c)
        return;
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_new(&ds), GOVIDX_OK);
    govidx_dataset_set_units(ds, 1, units, NULL);
    govidx_dataset_set_years(ds, 1, years);
    o.reference_date = "2020-06-30";
    CU_ASSERT_EQUAL(govidx_catalogue_to_inventory(ds, c, &o), GOVIDX_EINVAL); /* no unit yet */
    govidx_catalogue_set_unit(c, "mesa", 2020);
    CU_ASSERT_EQUAL(govidx_catalogue_to_inventory(ds, c, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "unit 'mesa' is not a unit of the dataset"));
    govidx_catalogue_set_unit(c, "tempe", 2020);
    CU_ASSERT_EQUAL_FATAL(govidx_catalogue_to_inventory(ds, c, &o), GOVIDX_OK);
    CU_ASSERT_EQUAL(govidx_dataset_n_inventory(ds), 5);
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_inventory(&e, ds, 0), GOVIDX_OK);
    CU_ASSERT_STRING_EQUAL(e.dataset, "tempe-1");
    CU_ASSERT_STRING_EQUAL(e.department, "Police Department");
    CU_ASSERT_STRING_EQUAL(e.format, "CSV; API");
    CU_ASSERT_STRING_EQUAL(e.category, "Public Safety");
    CU_ASSERT_STRING_EQUAL(e.update_frequency, "R/P1D");
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        want[k] = GOVIDX_ANSWER_YES;
    want[GOVIDX_CRIT_FREE] = want[GOVIDX_CRIT_REGISTRATION_FREE] = GOVIDX_ANSWER_MISSING;
    for (k = 0; k < GOVIDX_N_CRITERIA; k++)
        CU_ASSERT_EQUAL(e.answers[k], want[k]);
    /* tempe-4: XLS, CC BY-NC, late */
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_inventory(&e, ds, 3), GOVIDX_OK);
    CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_MACHINE_READABLE], GOVIDX_ANSWER_NO);
    CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_OPEN_LICENCE], GOVIDX_ANSWER_NO);
    CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_UP_TO_DATE], GOVIDX_ANSWER_NO);
    CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_BULK], GOVIDX_ANSWER_YES);
    govidx_dataset_close(ds);
    govidx_catalogue_free(c);
}

/* Project Open Data v1.0 (a JSON array, as the 2013 data.json files of
 * datasets/catalogues): the v1.0 names, Socrata's licence lines and
 * distribution "formats"; every expected value is read off the text. */
static void test_pod10(void)
{
    static const char text[] =
        "[{\"accessLevel\": \"Public\", \"identifier\": \"a-1\", \"title\": \"Crime <b>stats</b> '; DROP TABLE x; --\","
        "  \"keyword\": \"crime, police ,,violent\", \"keywords\": [\"crime\", \"safety\"],"
        "  \"modified\": \"2013-08-01\", \"releaseDate\": \"2010-01-02\", \"frequency\": \"weekly\","
        "  \"format\": \"application/zip; charset=binary\", \"webService\": \"https://x/resource/a-1\","
        "  \"license\": \"Creative Commons 1.0 Universal\\nPolice Department(http://x.gov/police)\\n"
        "http://creativecommons.org/publicdomain/zero/1.0/legalcode\","
        "  \"distribution\": [{\"accessURL\": \"https://x/a-1.csv\", \"formats\": [{\"label\": \"csv\","
        "    \"value\": \"text/csv\"}]}, {\"accessURL\": \"https://x/a-1.rdf\","
        "    \"formats\": [{\"label\": \"rdf\", \"value\": \"application/xml+rdf\"}]}],"
        "  \"created\": \"2010-01-02\"},"
        " {\"accessLevel\": \"Public\", \"identifier\": \"a-2\", \"title\": \"Budget\","
        "  \"modified\": \"2011-01-01\", \"format\": \"application/x-pdf\","
        "  \"accessURL\": \"https://x/a-2.pdf\", \"license\": \"Public Domain(http://x.gov/terms)\"},"
        " {\"accessLevel\": \"Public\", \"identifier\": \"a-1\", \"title\": \"again\"},"
        " {\"accessLevel\": \"Public\", \"identifier\": \"a-3\", \"license\": 7}]";
    govidx_catalogue *c = NULL;
    govidx_result *r = NULL;
    govidx_catalogue_options o = GOVIDX_CATALOGUE_OPTIONS_INIT;
    GX_ASSERT_OK(govidx_catalogue_parse(&c, "pod10", text, sizeof text - 1, GOVIDX_CATALOGUE_AUTO));
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(govidx_catalogue_format_of(c), GOVIDX_CATALOGUE_DCAT_US); /* not CKAN */
    CU_ASSERT_EQUAL(govidx_catalogue_n_datasets(c), 3);
    CU_ASSERT_EQUAL(govidx_catalogue_n_duplicates(c), 1);
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "keyword"), "crime; safety; police; violent");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "issued"), "2010-01-02");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "accrualPeriodicity"), "weekly");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "publisher"), "Police Department");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "license"),
                           "Creative Commons 1.0 Universal; http://creativecommons.org/publicdomain/zero/1.0/legalcode");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 0, "format"), "ZIP; CSV; RDF");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 1, "format"), "PDF");
    CU_ASSERT_STRING_EQUAL(govidx_catalogue_field(c, 1, "license"), "Public Domain(http://x.gov/terms)");
    CU_ASSERT_PTR_NULL(govidx_catalogue_field(c, 1, "publisher"));
    CU_ASSERT_EQUAL(unmapped_count(c, "created"), 1);
    CU_ASSERT_EQUAL(unmapped_count(c, "license(not a string)"), 1);
    o.reference_date = "2013-08-28";
    govidx_catalogue_set_unit(c, "x", 2013);
    GX_ASSERT_OK(govidx_catalogue_compute(&r, (const govidx_catalogue *const *)&c, 1, &o));
    if (r) {
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "machine_readable_share"), 100.0 / 3, 1e-12); /* a-1: CSV, RDF */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "non_proprietary_share"), 200.0 / 3, 1e-12); /* and a-2: PDF */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "bulk_download_share"), 200.0 / 3, 1e-12);   /* a-1, a-2 accessURL */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "api_share"), 100.0 / 3, 1e-12);             /* a-1 webService */
        /* a-1 CC0 by its name and URL; a-2 "Public Domain(http...)" is not the name "public domain" */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "open_licence_share"), 100.0 / 3, 1e-12);
        /* a-1 27 days old, weekly x 1.5 = 10.5: late; a-2 over 12 months: late; a-3 no date */
        GX_ASSERT_CLOSE(NODE(r, 0, 0, "updated_on_time_share"), 0, 0);
    }
    govidx_result_free(r);
    govidx_catalogue_free(c);
}

static CU_TestInfo tests[] = {{"pod10", test_pod10}, {"to_inventory", test_to_inventory},{"truncated_and_deep", test_truncated_and_deep},{"checklist_needs_common_list", test_checklist_needs_common_list},{"dcat_parse", test_dcat_parse},
                              {"dcat_measures", test_dcat_measures},
                              {"ckan", test_ckan},
                              {"socrata_csv_two_cities", test_socrata_csv_and_two_cities},
                              {"bad_input", test_bad_input},
                              {"periods", test_periods},
                              {"huge", test_huge},
                              {"names", test_names},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"catalogue", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}

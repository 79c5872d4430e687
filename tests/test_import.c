/*
 * tests/test_import.c - CSV tables and the CSV importer: quoting, BOM,
 * CRLF, missing values, ragged rows, duplicate codes, unknown parents,
 * non-numeric cells, wide vs long, COINr's ASEM files as they are, GODI's
 * entries as an inventory.
 */
#include "govidx.h"
#include "gxtest.h"
#include "gxoom.h"

#include <unistd.h>

static const char *write_tmp(char *path, size_t n, const char *name, const char *text)
{
    FILE *f;
    gx_buildpath(path, n, name);
    f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_table_quoting_lines_bom(void)
{
    /* BOM, CRLF, a quoted field with a comma, an escaped quote and a line
     * break, a blank line, NA and empty cells */
    const char *text = "\xEF\xBB\xBFunit,name,x\r\n"
                       "a,\"Hangzhou, Zhejiang\",1.5\r\n"
                       "b,\"say \"\"hi\"\"\nsecond line\",NA\r\n"
                       "\r\n"
                       "c,plain,\r\n";
    govidx_table *t = NULL;
    double x;
    size_t c;
    GX_ASSERT_OK(govidx_table_parse_csv(&t, "t.csv", text, strlen(text), NULL));
    CU_ASSERT_EQUAL(govidx_table_n_rows(t), 3);
    CU_ASSERT_EQUAL(govidx_table_n_cols(t), 3);
    CU_ASSERT_STRING_EQUAL(govidx_table_col_name(t, 0), "unit"); /* BOM stripped */
    CU_ASSERT_STRING_EQUAL(govidx_table_cell(t, 0, 1), "Hangzhou, Zhejiang");
    CU_ASSERT_STRING_EQUAL(govidx_table_cell(t, 1, 1), "say \"hi\"\nsecond line");
    CU_ASSERT_EQUAL(govidx_table_line(t, 0), 2);
    CU_ASSERT_EQUAL(govidx_table_line(t, 1), 3);
    CU_ASSERT_EQUAL(govidx_table_line(t, 2), 6); /* after the embedded break and the blank line */
    GX_ASSERT_OK(govidx_table_number(&x, t, 0, 2));
    GX_ASSERT_CLOSE(x, 1.5, 0);
    GX_ASSERT_OK(govidx_table_number(&x, t, 1, 2));
    CU_ASSERT(isnan(x));
    GX_ASSERT_OK(govidx_table_number(&x, t, 2, 2));
    CU_ASSERT(isnan(x));
    CU_ASSERT(govidx_table_is_missing(t, 2, 2));
    GX_ASSERT_OK(govidx_table_find_col_nocase(&c, t, "NAME"));
    CU_ASSERT_EQUAL(c, 1);
    GX_ASSERT_RC(govidx_table_find_col(&c, t, "NAME"), GOVIDX_ENOTFOUND);
    /* a text cell is not a number, and the message names file:line:column */
    GX_ASSERT_RC(govidx_table_number(&x, t, 2, 1), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "t.csv:6:2"));
    govidx_table_free(t);
}

static void test_table_errors(void)
{
    govidx_table *t = NULL;
    const char *ragged = "a,b\n1,2\n3\n";
    const char *semi = "a;b\n1;2\n";
    const char *badq = "a,b\n1,\"x\"y\n";
    GX_ASSERT_RC(govidx_table_parse_csv(&t, "r.csv", ragged, strlen(ragged), NULL), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "r.csv:3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "expected 2 fields"));
    CU_ASSERT_PTR_NULL(t);
    GX_ASSERT_RC(govidx_table_parse_csv(&t, "e.csv", "", 0, NULL), GOVIDX_EFORMAT);
    GX_ASSERT_RC(govidx_table_parse_csv(&t, "d.csv", "a,a\n1,2\n", 8, NULL), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "twice"));
    GX_ASSERT_RC(govidx_table_parse_csv(&t, "q.csv", badq, strlen(badq), NULL), GOVIDX_EFORMAT);
    /* the semicolon dialect (PFT 1981 copy) is detected from the header */
    GX_ASSERT_OK(govidx_table_parse_csv(&t, "s.csv", semi, strlen(semi), NULL));
    CU_ASSERT_EQUAL(govidx_table_n_cols(t), 2);
    govidx_table_free(t);
    t = NULL;
    GX_ASSERT_RC(govidx_table_read_csv(&t, "/nonexistent/x.csv", NULL), GOVIDX_EIO);
    govidx_table_free(NULL);
}

static const char *META =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type\n"
    "1,x1,First,1,1,pct,NA,NA,P,Indicator\n"
    "1,x2,Second,-1,2,days,NA,NA,P,Indicator\n"
    "2,P,Pillar,1,1,NA,NA,NA,NA,Aggregate\n"
    "NA,region,Region,NA,NA,NA,NA,NA,NA,Group\n";

static void test_wide_equals_long(void)
{
    char pm[512], pw[512], pl[512];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *wide = NULL, *lng = NULL;
    govidx_matrix_view a, b;
    size_t y, i;
    write_tmp(pm, sizeof pm, "tests/imp_meta.csv", META);
    write_tmp(pw, sizeof pw, "tests/imp_wide.csv",
              "uCode,uName,region,Time,x1,x2\nhz,杭州,east,2022,1,10\ncd,成都,west,2022,2,NA\n"
              "hz,杭州,east,2023,3,30\ncd,成都,west,2023,,40\n");
    write_tmp(pl, sizeof pl, "tests/imp_long.csv",
              "unit,name,region,year,indicator,value\nhz,杭州,east,2022,x1,1\nhz,杭州,east,2022,x2,10\n"
              "cd,成都,west,2022,x1,2\nhz,杭州,east,2023,x1,3\nhz,杭州,east,2023,x2,30\ncd,成都,west,2023,x2,40\n");
    src.meta = pm;
    src.data = pw;
    GX_ASSERT_OK(govidx_import_csv(&wide, &src, NULL, NULL));
    src.data = pl;
    GX_ASSERT_OK(govidx_import_csv(&lng, &src, NULL, NULL));
    CU_ASSERT_FATAL(wide && lng);
    CU_ASSERT_EQUAL(govidx_dataset_n_units(wide), 2);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_name(wide, 1), "成都");
    CU_ASSERT_EQUAL(govidx_dataset_n_years(wide), 2);
    CU_ASSERT_EQUAL(govidx_dataset_n_groups(wide), 1);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_group_label(wide, 0, 1), "west");
    for (y = 0; y < 2; y++) {
        GX_ASSERT_OK(govidx_dataset_panel(&a, wide, y));
        GX_ASSERT_OK(govidx_dataset_panel(&b, lng, y));
        for (i = 0; i < 4; i++)
            GX_ASSERT_CLOSE(a.data[i % 2 + (i / 2) * a.ld], b.data[i % 2 + (i / 2) * b.ld], 0);
    }
    GX_ASSERT_OK(govidx_dataset_panel(&a, wide, 1));
    CU_ASSERT(isnan(a.data[1])); /* cd x1 2023 was empty */
    GX_ASSERT_CLOSE(a.data[1 + a.ld], 40, 0);
    govidx_dataset_close(wide);
    govidx_dataset_close(lng);
    unlink(pm);
    unlink(pw);
    unlink(pl);
}

typedef struct collected {
    char text[4096];
    int n;
} collected;

static void collect(void *ctx, const char *object, const char *message)
{
    collected *c = ctx;
    size_t len = strlen(c->text);
    snprintf(c->text + len, sizeof c->text - len, "%s: %s\n", object, message);
    c->n++;
}

static void test_bad_files_named(void)
{
    char pm[512], pd[512];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    collected c;
    src.meta = write_tmp(pm, sizeof pm, "tests/imp_meta.csv", META);
    src.data = write_tmp(pd, sizeof pd, "tests/imp_bad.csv",
                         "uCode,region,Time,x1,x2\nhz,east,2022,1,abc\ncd,west,2022,2,3\ncd,west,2022,4,5\n");
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NULL(ds);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_bad.csv:2:5: 'abc' is not a number"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_bad.csv:4: a second row for unit 'cd' in year 2022"));
    CU_ASSERT_EQUAL(c.n, 2);
    /* unknown parent and duplicate code in the meta */
    write_tmp(pm, sizeof pm, "tests/imp_meta.csv",
              "iCode,Direction,Weight,Parent,Type\nx1,1,1,Nowhere,Indicator\nx1,1,1,NA,Indicator\n");
    write_tmp(pd, sizeof pd, "tests/imp_bad.csv", "unit,year,x1\na,2020,1\n");
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_meta.csv:3:1: code 'x1' is used twice (first at line 2)"));
    write_tmp(pm, sizeof pm, "tests/imp_meta.csv", "iCode,Direction,Weight,Parent,Type\nx1,2,1,Nowhere,Indicator\n");
    memset(&c, 0, sizeof c);
    CU_ASSERT(govidx_import_csv(&ds, &src, collect, &c) != GOVIDX_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "parent 'Nowhere' of 'x1' is not in the meta file"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "direction of 'x1' must be 1 or -1"));
    /* a data column the meta does not describe */
    write_tmp(pm, sizeof pm, "tests/imp_meta.csv", "iCode,Direction,Weight,Parent,Type\nx1,1,1,NA,Indicator\n");
    write_tmp(pd, sizeof pd, "tests/imp_bad.csv", "unit,year,x1,mystery\na,2020,1,2\n");
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_bad.csv:1:4: column 'mystery' is not described"));
    /* required arguments */
    src.data = NULL;
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, NULL, NULL), GOVIDX_EINVAL);
    unlink(pm);
    unlink(pd);
}

static void test_asem_as_is(void)
{
    char pd[1024], pm[1024];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_indicator in = GOVIDX_INDICATOR_INIT;
    govidx_matrix_view v;
    size_t u, j, n_den = 0;
    src.data = gx_srcpath(pd, sizeof pd, "datasets/asem/source/iData.csv");
    src.meta = gx_srcpath(pm, sizeof pm, "datasets/asem/source/iMeta.csv");
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    CU_ASSERT_EQUAL(govidx_dataset_n_units(ds), 51);
    CU_ASSERT_EQUAL(govidx_dataset_n_indicators(ds), 49 + 4);
    CU_ASSERT_EQUAL(govidx_dataset_n_groups(ds), 4);
    CU_ASSERT_EQUAL(govidx_dataset_n_nodes(ds), 11);
    CU_ASSERT_EQUAL(govidx_dataset_years(ds)[0], 2018);
    for (j = 0; j < govidx_dataset_n_indicators(ds); j++) {
        GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, j));
        n_den += in.type == GOVIDX_VAR_DENOMINATOR;
    }
    CU_ASSERT_EQUAL(n_den, 4);
    GX_ASSERT_OK(govidx_dataset_find_unit(&u, ds, "AUT"));
    GX_ASSERT_OK(govidx_dataset_find_indicator(&j, ds, "LPI"));
    GX_ASSERT_OK(govidx_dataset_panel(&v, ds, 0));
    GX_ASSERT_CLOSE(v.data[u + j * v.ld], 4.097985, 0); /* iData.csv, AUT, LPI */
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, j));
    CU_ASSERT_STRING_EQUAL(in.parent, "Physical");
    GX_ASSERT_OK(govidx_dataset_find_indicator(&j, ds, "CostImpEx"));
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, j));
    CU_ASSERT_EQUAL(in.direction, -1);
    GX_ASSERT_OK(govidx_dataset_find_indicator(&j, ds, "Flights"));
    GX_ASSERT_OK(govidx_dataset_indicator(&in, ds, j));
    CU_ASSERT_STRING_EQUAL(in.denominator, "Population");
    govidx_dataset_close(ds);
}

static void test_godi_inventory(void)
{
    char pd[1024], pm[1024], pi[1024];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_inventory_entry e;
    size_t k, found = 0;
    src.data = gx_srcpath(pd, sizeof pd, "datasets/godi/data.csv");
    src.meta = gx_srcpath(pm, sizeof pm, "datasets/godi/meta.csv");
    src.inventory = gx_srcpath(pi, sizeof pi, "datasets/godi/inventory.csv");
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    CU_ASSERT_EQUAL(govidx_dataset_n_inventory(ds), 3112);
    /* entries_2013_2015.csv: fr 2013 timetables = 1,1,1,(unsure),(unsure),1,1,1,1 */
    for (k = 0; k < govidx_dataset_n_inventory(ds); k++) {
        e.version = GOVIDX_INVENTORY_ENTRY_VERSION;
        GX_ASSERT_OK(govidx_dataset_inventory(&e, ds, k));
        if (!strcmp(e.unit, "fr") && e.year == 2013 && !strcmp(e.dataset, "timetables")) {
            found++;
            CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_EXISTS], GOVIDX_ANSWER_YES);
            CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_ONLINE], GOVIDX_ANSWER_UNSURE);
            CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_FREE], GOVIDX_ANSWER_UNSURE);
            CU_ASSERT_EQUAL(e.answers[GOVIDX_CRIT_OPEN_LICENCE], GOVIDX_ANSWER_YES);
        }
    }
    CU_ASSERT_EQUAL(found, 1);
    govidx_dataset_close(ds);
}

/* Every allocation of reading CSV and building the dataset can fail cleanly. */
static int import_small(void)
{
    char pd[512], pm[512];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    int rc;
    src.meta = gx_buildpath(pm, sizeof pm, "tests/imp_oom_meta.csv");
    src.data = gx_buildpath(pd, sizeof pd, "tests/imp_oom_data.csv");
    rc = govidx_import_csv(&ds, &src, NULL, NULL);
    govidx_dataset_close(ds);
    return rc;
}

static void test_import_allocation_failures(void)
{
    char pm[512], pd[512];
    write_tmp(pm, sizeof pm, "tests/imp_oom_meta.csv", META);
    write_tmp(pd, sizeof pd, "tests/imp_oom_data.csv",
              "uCode,uName,region,Time,x1,x2\nhz,杭州,east,2022,1,10\ncd,成都,west,2022,2,NA\n");
    check_oom(import_small);
    unlink(pm);
    unlink(pd);
}

/* A districts file that lists sub-districts before their parents: the
 * importer adds parents first (t1 and c1, then b1 and b2), and each row's
 * population and values go to the district of its code, not to the
 * district at the row's position. */
static void test_districts_children_first(void)
{
    char pm[512], pd[512], pk[512];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_matrix_view v;
    const double *pop;
    static const char *const order[] = {"t1", "c1", "b1", "b2"};
    static const double want_pop[] = {300, 50, 100, 200}, want_share[] = {NAN, 1, 0.5, 0.25};
    size_t d;
    src.meta = write_tmp(pm, sizeof pm, "tests/imp_meta.csv", META);
    src.data = write_tmp(pd, sizeof pd, "tests/imp_wide.csv", "uCode,region,Time,x1,x2\nhz,east,2022,1,10\ncd,west,2022,2,20\n");
    src.districts = write_tmp(pk, sizeof pk, "tests/imp_districts.csv",
                              "district,unit,parent,level,year,population,share\n"
                              "b1,hz,t1,2,2022,100,0.5\nb2,hz,t1,2,2022,200,0.25\n"
                              "t1,hz,,1,2022,300,\nc1,cd,,1,2022,50,1\n");
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    CU_ASSERT_EQUAL_FATAL(govidx_dataset_n_districts(ds), 4);
    pop = govidx_dataset_district_population(ds, 0);
    GX_ASSERT_OK(govidx_dataset_district_values(&v, ds, 0));
    CU_ASSERT_FATAL(pop != NULL);
    for (d = 0; d < 4; d++) {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        GX_ASSERT_OK(govidx_dataset_district(&di, ds, d));
        CU_ASSERT_STRING_EQUAL(di.code, order[d]);
        GX_ASSERT_CLOSE(pop[d], want_pop[d], 0);
        GX_ASSERT_CLOSE(v.data[d], want_share[d], 0);
    }
    CU_ASSERT_EQUAL(govidx_dataset_district_parent(ds, 2), 0);
    CU_ASSERT_EQUAL(govidx_dataset_district_unit(ds, 1), 1);
    govidx_dataset_close(ds);
    unlink(pm);
    unlink(pd);
    unlink(pk);
}

/* ACS 2017-2021 5-year table B28002, as the Census tables print it
 * ("21,856" households; datasets/acs-b28002/data.csv has the same counties
 * unformatted: 01001 21856 households, broadband 85.463946 %). */
static const char *ACS_META = "iCode,Direction,Weight,Parent,Type\n"
                              "households,1,1,NA,Other\nbroadband,1,1,NA,Indicator\n";

static void test_thousands_and_decimal_comma(void)
{
    char pm[512], pd[512];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_matrix_view v;
    collected c;
    src.meta = write_tmp(pm, sizeof pm, "tests/imp_acs_meta.csv", ACS_META);
    src.data = write_tmp(pd, sizeof pd, "tests/imp_acs.csv",
                         "unit,year,households,broadband\n01001,2021,\"21,856\",85.463946\n"
                         "01003,2021,\"87,190\",87.856406\n01073,2021,\"265,961\",NA\n");
    /* without the option: refused, each cell named with the option that reads it */
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NULL(ds);
    CU_ASSERT_EQUAL(c.n, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_acs.csv:2:3: '21,856' is not a number (column 'households'); "
                                          "it has a thousands separator or a decimal comma: give thousands = ','"
                                          " (govidx import --thousands ,)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "(and 2 more problems)"));
    src.thousands = ',';
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    GX_ASSERT_OK(govidx_dataset_panel(&v, ds, 0));
    GX_ASSERT_CLOSE(v.data[0], 21856, 0);
    GX_ASSERT_CLOSE(v.data[1], 87190, 0);
    GX_ASSERT_CLOSE(v.data[2], 265961, 0);
    GX_ASSERT_CLOSE(v.data[v.ld], 85.463946, 0);
    CU_ASSERT(isnan(v.data[2 + v.ld]));
    govidx_dataset_close(ds);
    ds = NULL;
    /* misplaced separators are not numbers even with the option */
    write_tmp(pd, sizeof pd, "tests/imp_acs.csv", "unit,year,households,broadband\n01001,2021,\"2,18,56\",85\n");
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, NULL, NULL), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'2,18,56' is not a number"));
    /* a European export: ';' between fields, '.' thousands, decimal comma */
    write_tmp(pd, sizeof pd, "tests/imp_acs.csv",
              "unit;year;households;broadband\n01001;2021;21.856;85,463946\n01003;2021;87.190;87,856406\n");
    src.thousands = 0;
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "'85,463946' is not a number (column 'broadband'); it has a decimal "
                                          "comma: give decimal = ',' (govidx import --decimal ,)"));
    src.decimal = ',';
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    /* 21.856 with decimal ',' is refused rather than read as 21.856 */
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "'21.856' is not a number (column 'households'); it has '.' thousands "
                                          "separators and a decimal comma: give thousands = '.' and decimal = ','"));
    src.thousands = '.';
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    GX_ASSERT_OK(govidx_dataset_panel(&v, ds, 0));
    GX_ASSERT_CLOSE(v.data[0], 21856, 0);
    GX_ASSERT_CLOSE(v.data[1], 87190, 0);
    GX_ASSERT_CLOSE(v.data[v.ld], 85.463946, 0);
    GX_ASSERT_CLOSE(v.data[1 + v.ld], 87.856406, 0);
    govidx_dataset_close(ds);
    ds = NULL;
    /* a separator equal to the decimal mark is refused before reading */
    src.thousands = ',';
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, NULL, NULL), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "thousands separator"));
    unlink(pm);
    unlink(pd);
}

/* every problem reaches the callback (the CLI shows 10); the error counts the rest */
static void test_every_problem_reported(void)
{
    char pm[512], pd[512], text[8192];
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    collected c;
    size_t len = 0;
    int k;
    len += (size_t)snprintf(text + len, sizeof text - len, "unit,year,households,broadband\n");
    for (k = 0; k < 250; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "u%d,2021,1,x\n", k);
    src.meta = write_tmp(pm, sizeof pm, "tests/imp_acs_meta.csv", ACS_META);
    src.data = write_tmp(pd, sizeof pd, "tests/imp_many.csv", text);
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&ds, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_EQUAL(c.n, 250);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "imp_many.csv:2:4: 'x' is not a number (column "
                                                       "'broadband') (and 249 more problems)"));
    unlink(pm);
    unlink(pd);
}

/* UN E-Government Survey tables: one file per edition, a unit column named
 * by the caller; stacked they equal the one long file with a year column
 * (OSI values of the 2018 and 2020 surveys). */
static void test_files_per_year(void)
{
    char pm[512], p1[512], p2[512], p3[512], pall[512];
    const char *files[2];
    int years[2] = {2018, 2020};
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *stacked = NULL, *one = NULL;
    govidx_matrix_view a, b;
    collected c;
    size_t y, i;
    src.meta = write_tmp(pm, sizeof pm, "tests/imp_egov_meta.csv",
                         "iCode,Direction,Weight,Parent,Type\nOSI,1,1,NA,Indicator\nTII,1,1,NA,Indicator\n");
    files[0] = write_tmp(p1, sizeof p1, "tests/imp_egov_2018.csv",
                         "Country Name,OSI,TII\nDenmark,1.0000,0.7978\nKorea,0.9792,0.8496\n");
    files[1] = write_tmp(p2, sizeof p2, "tests/imp_egov_2020.csv",
                         "Country Name,OSI,TII\nKorea,1.0000,0.9684\nDenmark,0.9706,0.9979\n");
    write_tmp(pall, sizeof pall, "tests/imp_egov_all.csv",
              "Country Name,Survey Year,OSI,TII\nDenmark,2018,1.0000,0.7978\nKorea,2018,0.9792,0.8496\n"
              "Korea,2020,1.0000,0.9684\nDenmark,2020,0.9706,0.9979\n");
    src.unit_column = "Country Name";
    src.data_files = files;
    src.data_years = years;
    src.n_data_files = 2;
    GX_ASSERT_OK(govidx_import_csv(&stacked, &src, NULL, NULL));
    src.data_files = NULL;
    src.n_data_files = 0;
    src.data = pall;
    /* the year column under another name: refused naming it, then given */
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&one, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "--year-column NAME"));
    src.year_column = "Survey Year";
    GX_ASSERT_OK(govidx_import_csv(&one, &src, NULL, NULL));
    CU_ASSERT_FATAL(stacked && one);
    CU_ASSERT_EQUAL(govidx_dataset_n_years(stacked), 2);
    CU_ASSERT_EQUAL(govidx_dataset_years(stacked)[1], 2020);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_code(stacked, 1), "Korea");
    for (y = 0; y < 2; y++) {
        GX_ASSERT_OK(govidx_dataset_panel(&a, stacked, y));
        GX_ASSERT_OK(govidx_dataset_panel(&b, one, y));
        for (i = 0; i < 4; i++)
            GX_ASSERT_CLOSE(a.data[i % 2 + (i / 2) * a.ld], b.data[i % 2 + (i / 2) * b.ld], 0);
    }
    GX_ASSERT_OK(govidx_dataset_panel(&a, stacked, 1));
    GX_ASSERT_CLOSE(a.data[0 + a.ld], 0.9979, 0); /* Denmark TII 2020 */
    govidx_dataset_close(stacked);
    govidx_dataset_close(one);
    stacked = NULL;
    /* the unit column given by name but absent */
    src.unit_column = "iso3";
    src.year_column = NULL;
    src.data = p1;
    src.default_year = 2018;
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&one, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_egov_2018.csv:1: the data file has no column 'iso3' (the unit "
                                          "column given)"));
    /* files that do not list the same units: each file names what it lacks */
    files[1] = write_tmp(p3, sizeof p3, "tests/imp_egov_2022.csv",
                         "Country Name,OSI,TII\nDenmark,0.9797,1.0000\nFinland,0.9833,0.9657\n");
    years[1] = 2022;
    src.data = NULL;
    src.unit_column = "Country Name";
    src.data_files = files;
    src.n_data_files = 2;
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&stacked, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NULL(stacked);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_egov_2018.csv:1: the data files do not agree: units missing from "
                                          "this file: Finland"));
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_egov_2022.csv:1: the data files do not agree: units missing from "
                                          "this file: Korea"));
    /* a file whose year column says another year than the one given */
    write_tmp(p3, sizeof p3, "tests/imp_egov_2022.csv",
              "Country Name,year,OSI,TII\nDenmark,2020,0.9797,1.0000\nKorea,2022,0.9827,1.0000\n");
    memset(&c, 0, sizeof c);
    GX_ASSERT_RC(govidx_import_csv(&stacked, &src, collect, &c), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(c.text, "imp_egov_2022.csv:2:2: year 2020 in the file given for year 2022"));
    /* both forms at once, or a NULL entry: refused before reading */
    src.data = p1;
    GX_ASSERT_RC(govidx_import_csv(&stacked, &src, NULL, NULL), GOVIDX_EINVAL);
    src.data = NULL;
    files[1] = NULL;
    GX_ASSERT_RC(govidx_import_csv(&stacked, &src, NULL, NULL), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "data file 1 (0-based) of the list is NULL"));
    unlink(pm);
    unlink(p1);
    unlink(p2);
    unlink(p3);
    unlink(pall);
}

static CU_TestInfo tests[] = {
    {"allocation failures while importing", test_import_allocation_failures},
    {"CSV: quotes, embedded newlines, BOM, CRLF, NA, line numbers", test_table_quoting_lines_bom},
    {"CSV: ragged rows, empty, duplicate header, bad quotes, ';' dialect", test_table_errors},
    {"import: wide and long give the same dataset", test_wide_equals_long},
    {"import: bad cells, duplicates, unknown parents are named", test_bad_files_named},
    {"import: COINr ASEM iData/iMeta as they are", test_asem_as_is},
    {"import: GODI entries as an open-data inventory", test_godi_inventory},
    {"import: districts listed children first", test_districts_children_first},
    {"import: thousands separators and decimal commas (issue 16)", test_thousands_and_decimal_comma},
    {"import: every problem reported, the error counts them (issue 16)", test_every_problem_reported},
    {"import: one file per year stacked; unit/year column by name (issue 16)", test_files_per_year},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"import", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

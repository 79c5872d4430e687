/*
 * tests/test_coverage.c - the coverage index from communities.
 *
 * E9 (METHODS.md, govidx's synthetic sanity case): shares 0.95, 0.80, 0.40,
 * 0.10 with populations 400, 300, 200, 100: level 0.71, Gini 0.20704,
 * Theil T 0.10393, Atkinson(1) 0.14657, Atkinson(2) 0.38658, adjusted
 * (eps 1) 0.60594.
 *
 * ACS 2017-2021 B28002 (datasets/acs-b28002; US Census, public domain): for
 * the five named places, the unweighted mean of block-group shares x 100
 * must equal the UVA SDAD county value recomputed here from the source file
 * (100 mean(broadband_any / households) over block groups with households),
 * and the population-weighted level x 100 must equal 100 sum broadband_any /
 * sum households.  The shipped shares carry 8 decimals, hence 1e-6.
 */
#include "govidx.h"
#include "gxtest.h"
#include "csvfix.h"

static govidx_dataset *e9_dataset(void)
{
    static const char *codes[] = {"city"};
    static const int year = 2024;
    static const char *dist[] = {"north", "south"};
    static const char *comm[] = {"c1", "c2", "c3", "c4"};
    static const char *parent[] = {"north", "north", "south", "south"};
    static const double share[] = {0.95, 0.80, 0.40, 0.10}, pop[] = {400, 300, 200, 100};
    govidx_dataset *ds = NULL;
    size_t i;
    CU_ASSERT_FATAL(govidx_dataset_new(&ds) == GOVIDX_OK);
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 1, codes, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 1, &year));
    for (i = 0; i < 2; i++) {
        govidx_district d = GOVIDX_DISTRICT_INIT;
        d.code = dist[i];
        d.unit = "city";
        GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    }
    for (i = 0; i < 4; i++) {
        govidx_district d = GOVIDX_DISTRICT_INIT;
        d.code = comm[i];
        d.name = comm[i];
        d.unit = "city";
        d.parent = parent[i];
        d.level = 2;
        GX_ASSERT_OK(govidx_dataset_add_district(ds, &d));
    }
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "broadband", "share"));
    for (i = 0; i < 4; i++) {
        GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 2 + i, 0, pop[i]));
        GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 2 + i, 0, 0, share[i]));
    }
    GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 0, 0, 700));
    GX_ASSERT_OK(govidx_dataset_set_district_population(ds, 1, 0, 300));
    return ds;
}

static void test_e9(void)
{
    govidx_dataset *ds = e9_dataset();
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_coverage_city c;
    c.version = GOVIDX_COVERAGE_CITY_VERSION;
    o.variable = "broadband";
    GX_ASSERT_OK(govidx_coverage_cities(&c, ds, 2024, &o));
    CU_ASSERT_EQUAL(c.n_communities, 4); /* the two districts have children: not communities */
    GX_ASSERT_CLOSE(c.level, 0.71, 1e-12);
    GX_ASSERT_CLOSE(c.level_unweighted, 0.5625, 1e-12);
    GX_ASSERT_CLOSE(c.gini, 0.20704, 1e-5);
    GX_ASSERT_CLOSE(c.theil_t, 0.10393, 1e-5);
    GX_ASSERT_CLOSE(c.theil_within + c.theil_between, c.theil_t, 1e-12);
    GX_ASSERT_CLOSE(c.atkinson, 0.14657, 1e-5);
    GX_ASSERT_CLOSE(c.adjusted, 0.60594, 1e-5);
    GX_ASSERT_CLOSE(c.continuity, 0.7, 1e-12); /* 0.95 and 0.80 are >= 0.5: 700 of 1000 */
    CU_ASSERT_EQUAL(c.white_zones, 0);
    CU_ASSERT_EQUAL(c.worst[0], 5); /* c4, the 0.10 community */
    CU_ASSERT_EQUAL(c.worst[1], 4);
    o.epsilon = 2;
    GX_ASSERT_OK(govidx_coverage_cities(&c, ds, 2024, &o));
    GX_ASSERT_CLOSE(c.atkinson, 0.38658, 1e-5);
    /* errors */
    GX_ASSERT_RC(govidx_coverage_cities(&c, ds, 1999, &o), GOVIDX_ENOTFOUND);
    o.variable = "nope";
    GX_ASSERT_RC(govidx_coverage_cities(&c, ds, 2024, &o), GOVIDX_ENOTFOUND);
    o.variable = "broadband";
    o.theta = 2;
    GX_ASSERT_RC(govidx_coverage_cities(&c, ds, 2024, &o), GOVIDX_EINVAL);
    o.theta = 0.5;
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 5, 0, 0, 1.5));
    GX_ASSERT_RC(govidx_coverage_cities(&c, ds, 2024, &o), GOVIDX_EDOMAIN);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'c4'"));
    govidx_dataset_close(ds);
}

static void test_acs_uva_method(void)
{
    char pd[1024], pm[1024], pdi[1024], ps[1024];
    static const char *places[] = {"11001", "24510", "51760", "13121", "51013"};
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_coverage_city *c;
    csvfix *bg;
    size_t k, r, u, n_units;
    src.data = gx_srcpath(pd, sizeof pd, "datasets/acs-b28002/data.csv");
    src.meta = gx_srcpath(pm, sizeof pm, "datasets/acs-b28002/meta.csv");
    src.districts = gx_srcpath(pdi, sizeof pdi, "datasets/acs-b28002/districts.csv");
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    n_units = govidx_dataset_n_units(ds);
    c = calloc(n_units, sizeof *c);
    for (u = 0; u < n_units; u++)
        c[u].version = GOVIDX_COVERAGE_CITY_VERSION;
    o.variable = "broadband_share";
    GX_ASSERT_OK(govidx_coverage_cities(c, ds, 2021, &o));
    bg = csvfix_load(gx_srcpath(ps, sizeof ps, "datasets/acs-b28002/source/blockgroups_2021.csv"), ',');
    CU_ASSERT_FATAL(bg != NULL);
    for (k = 0; k < 5; k++) {
        double sum_share = 0, sum_b = 0, sum_h = 0;
        size_t n = 0;
        size_t cf = csvfix_col(bg, "county_fips"), ch = csvfix_col(bg, "households"),
               cb = csvfix_col(bg, "broadband_any");
        for (r = 1; r < bg->n_rows; r++) {
            double h = csvfix_num(bg, r, ch), b = csvfix_num(bg, r, cb);
            if (strcmp(bg->rows[r][cf], places[k]) || !(h > 0))
                continue;
            sum_share += b / h;
            sum_b += b;
            sum_h += h;
            n++;
        }
        GX_ASSERT_OK(govidx_dataset_find_unit(ds, places[k], &u));
        CU_ASSERT_EQUAL(c[u].n_communities, n);
        GX_ASSERT_CLOSE(100 * c[u].level_unweighted, 100 * sum_share / (double)n, 1e-6);
        GX_ASSERT_CLOSE(100 * c[u].level, 100 * sum_b / sum_h, 1e-6);
        CU_ASSERT(c[u].gini > 0 && c[u].gini < 1);
        GX_ASSERT_CLOSE(c[u].theil_within + c[u].theil_between, c[u].theil_t, 1e-9);
    }
    csvfix_free(bg);
    free(c);
    govidx_dataset_close(ds);
}

/* The synthetic demo panel, every city and all five years: the level, the
 * unweighted level, continuity (theta = 0.5) and white zones recomputed
 * here from the district table (leaf districts = those no district names
 * as parent, with a value and a population > 0), and Theil's exact
 * within/between split. */
static void test_demo_all_years(void)
{
    char path[1024];
    govidx_dataset *ds = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_coverage_city *c;
    size_t nd, nu, y, d, u, e, var;
    unsigned char *leaf;
    GX_ASSERT_OK(govidx_dataset_open(&ds, gx_srcpath(path, sizeof path, "datasets/demo-cities.h5"), NULL));
    CU_ASSERT_FATAL(ds != NULL);
    nd = govidx_dataset_n_districts(ds);
    nu = govidx_dataset_n_units(ds);
    leaf = malloc(nd);
    c = calloc(nu, sizeof *c);
    CU_ASSERT_FATAL(leaf && c);
    for (d = 0; d < nd; d++)
        leaf[d] = 1;
    for (e = 0; e < nd; e++) { /* e's parent is not a leaf */
        govidx_district de = GOVIDX_DISTRICT_INIT;
        GX_ASSERT_OK(govidx_dataset_district(ds, e, &de));
        for (d = 0; de.parent && d < nd; d++) {
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (govidx_dataset_district(ds, d, &di) == GOVIDX_OK && !strcmp(de.parent, di.code))
                leaf[d] = 0;
        }
    }
    o.variable = govidx_dataset_district_var_name(ds, 0);
    GX_ASSERT_OK(govidx_dataset_find_district_var(ds, o.variable, &var));
    for (y = 0; y < govidx_dataset_n_years(ds); y++) {
        const double *pop = govidx_dataset_district_population(ds, y);
        govidx_matrix_view v;
        GX_ASSERT_OK(govidx_dataset_district_values(ds, y, &v));
        for (u = 0; u < nu; u++)
            c[u].version = GOVIDX_COVERAGE_CITY_VERSION;
        GX_ASSERT_OK(govidx_coverage_cities(c, ds, govidx_dataset_years(ds)[y], &o));
        for (u = 0; u < nu; u++) {
            double sp = 0, spc = 0, sc = 0, above = 0;
            size_t n = 0, white = 0;
            for (d = 0; d < nd; d++) {
                double p = pop[d], x = v.data[d + var * v.ld];
                if (!leaf[d] || govidx_dataset_district_unit(ds, d) != u || !(p > 0) || isnan(x))
                    continue;
                sp += p, spc += p * x, sc += x, n++;
                above += x >= 0.5 ? p : 0;
                white += x == 0;
            }
            CU_ASSERT_EQUAL(c[u].n_communities, n);
            if (!n)
                continue;
            GX_ASSERT_CLOSE(c[u].level, spc / sp, 1e-12);
            GX_ASSERT_CLOSE(c[u].level_unweighted, sc / (double)n, 1e-12);
            GX_ASSERT_CLOSE(c[u].continuity, above / sp, 1e-12);
            CU_ASSERT_EQUAL(c[u].white_zones, white);
            GX_ASSERT_CLOSE(c[u].theil_within + c[u].theil_between, c[u].theil_t, 1e-9);
            GX_ASSERT_CLOSE(c[u].adjusted, (1 - c[u].atkinson) * c[u].level, 1e-12);
        }
    }
    free(leaf);
    free(c);
    govidx_dataset_close(ds);
}

static CU_TestInfo tests[] = {
    {"demo panel, every city and year", test_demo_all_years},
    {"METHODS.md E9: level, Gini, Theil, Atkinson, adjusted level", test_e9},
    {"ACS B28002: unweighted (UVA SDAD) and household-weighted levels", test_acs_uva_method},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"coverage", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}

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

/* Score of a coverage node by code ("level" for coverage.level). */
static double cov(const govidx_result *r, size_t u, size_t y, const char *name)
{
    char code[64];
    snprintf(code, sizeof code, "coverage.%s", name);
    return govidx_result_score(r, u, y, gx_result_node(r, code));
}

static size_t cov_rank(const govidx_result *r, size_t u, size_t y, const char *name)
{
    char code[64];
    snprintf(code, sizeof code, "coverage.%s", name);
    return govidx_result_rank(r, u, y, gx_result_node(r, code));
}

static void test_e9(void)
{
    govidx_dataset *ds = e9_dataset();
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_result *r = NULL;
    o.variable = "broadband";
    GX_ASSERT_OK(govidx_coverage_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(govidx_result_n_nodes(r), 15);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "communities"), 4, 0); /* the two districts have children: not communities */
    GX_ASSERT_CLOSE(cov(r, 0, 0, "population"), 1000, 0);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "level"), 0.71, 1e-12);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "level_unweighted"), 0.5625, 1e-12);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "gini"), 0.20704, 1e-5);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "theil_t"), 0.10393, 1e-5);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "theil_within") + cov(r, 0, 0, "theil_between"), cov(r, 0, 0, "theil_t"), 1e-12);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "atkinson"), 0.14657, 1e-5);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "adjusted"), 0.60594, 1e-5);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "continuity"), 0.7, 1e-12); /* 0.95 and 0.80 are >= 0.5: 700 of 1000 */
    GX_ASSERT_CLOSE(cov(r, 0, 0, "white_zones"), 0, 0);
    /* the worst communities by code, lowest share first */
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, GOVIDX_COVERAGE_WORST), 3);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_COVERAGE_WORST, 0), "c4"); /* 0.10 */
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_COVERAGE_WORST, 1), "c3"); /* 0.40 */
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 0, 0, GOVIDX_COVERAGE_WORST, 2), "c2"); /* 0.80 */
    CU_ASSERT_PTR_NULL(govidx_result_label(r, 0, 0, GOVIDX_COVERAGE_WORST, 3));
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 0, "nope"), 0);
    CU_ASSERT_PTR_NULL(govidx_result_label(r, 0, 0, "nope", 0));
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 1, 0, GOVIDX_COVERAGE_WORST), 0); /* unit out of range */
    CU_ASSERT_EQUAL(govidx_result_n_labels(NULL, 0, 0, GOVIDX_COVERAGE_WORST), 0);
    govidx_result_free(r);
    r = NULL;
    o.epsilon = 2;
    o.variable = NULL; /* the first district variable: broadband */
    GX_ASSERT_OK(govidx_coverage_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "atkinson"), 0.38658, 1e-5);
    govidx_result_free(r);
    r = NULL;
    /* errors */
    o.variable = "nope";
    GX_ASSERT_RC(govidx_coverage_compute(&r, ds, &o), GOVIDX_ENOTFOUND);
    o.variable = "broadband";
    o.theta = 2;
    GX_ASSERT_RC(govidx_coverage_compute(&r, ds, &o), GOVIDX_EINVAL);
    o.theta = 0.5;
    o.version = 0;
    GX_ASSERT_RC(govidx_coverage_compute(&r, ds, &o), GOVIDX_EINVAL);
    o.version = GOVIDX_COVERAGE_OPTIONS_VERSION + 1;
    GX_ASSERT_RC(govidx_coverage_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "coverage options"));
    o.version = GOVIDX_COVERAGE_OPTIONS_VERSION;
    GX_ASSERT_OK(govidx_dataset_set_district_value(ds, 5, 0, 0, 1.5));
    GX_ASSERT_RC(govidx_coverage_compute(&r, ds, &o), GOVIDX_EDOMAIN);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'c4'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "variable 'broadband' is not a share"));
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "2024"));
    CU_ASSERT_PTR_NULL(r);
    GX_ASSERT_RC(govidx_coverage_compute(NULL, ds, &o), GOVIDX_EINVAL);
    /* _init */
    GX_ASSERT_RC(govidx_coverage_options_init(&o, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_coverage_options_init(&o, GOVIDX_COVERAGE_OPTIONS_VERSION + 1), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_coverage_options_init(&o, GOVIDX_COVERAGE_OPTIONS_VERSION));
    GX_ASSERT_CLOSE(o.epsilon, 1, 0);
    GX_ASSERT_CLOSE(o.theta, 0.5, 0);
    CU_ASSERT_PTR_NULL(o.variable);
    govidx_dataset_close(ds);
}

/* Three cities over two years, two communities of 100 people each:
 *   2020  eq 0.5, 0.5   un 0.9, 0.3   none: no communities
 *   2021  eq 0.2, 0.2   un 0.9, 0.0
 * Level ranks highest first (un before eq), the inequality measures and
 * white zones lowest first (eq, the equal city, first), counts unranked. */
static void test_all_years_ranks(void)
{
    static const char *units[] = {"eq", "un", "none"};
    static const int years[] = {2020, 2021};
    static const char *dcode[] = {"eq_a", "eq_b", "un_a", "un_b"}, *dunit[] = {"eq", "eq", "un", "un"};
    static const double share[2][4] = {{0.5, 0.5, 0.9, 0.3}, {0.2, 0.2, 0.9, 0.0}};
    govidx_dataset *ds = NULL;
    govidx_result *r = NULL;
    char path[] = "test_coverage_ranks.csv", line[256];
    const char *ineq[] = {"gini", "theil_t", "theil_l", "atkinson", "cv"};
    size_t d, y, k, found = 0;
    FILE *f;
    GX_ASSERT_OK(govidx_dataset_new(&ds));
    GX_ASSERT_OK(govidx_dataset_set_units(ds, 3, units, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, 2, years));
    for (d = 0; d < 4; d++) {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        di.code = dcode[d];
        di.unit = dunit[d];
        GX_ASSERT_OK(govidx_dataset_add_district(ds, &di));
    }
    GX_ASSERT_OK(govidx_dataset_add_district_var(ds, "water", "share"));
    for (y = 0; y < 2; y++)
        for (d = 0; d < 4; d++) {
            GX_ASSERT_OK(govidx_dataset_set_district_population(ds, d, y, 100));
            GX_ASSERT_OK(govidx_dataset_set_district_value(ds, d, y, 0, share[y][d]));
        }
    GX_ASSERT_OK(govidx_coverage_compute(&r, ds, NULL));
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(govidx_result_n_units(r), 3);
    CU_ASSERT_EQUAL(govidx_result_n_years(r), 2);
    CU_ASSERT_EQUAL(govidx_result_year(r, 1), 2021);
    /* directions */
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, gx_result_node(r, "coverage.level")), 1);
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, gx_result_node(r, "coverage.gini")), -1);
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, gx_result_node(r, "coverage.communities")), 0);
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, gx_result_node(r, "coverage.adjusted")), 1);
    CU_ASSERT_EQUAL(govidx_result_node_direction(r, 99), 0);
    /* 2020 */
    GX_ASSERT_CLOSE(cov(r, 0, 0, "level"), 0.5, 1e-15);
    GX_ASSERT_CLOSE(cov(r, 1, 0, "level"), 0.6, 1e-15);
    CU_ASSERT_EQUAL(cov_rank(r, 1, 0, "level"), 1);
    CU_ASSERT_EQUAL(cov_rank(r, 0, 0, "level"), 2);
    GX_ASSERT_CLOSE(cov(r, 0, 0, "gini"), 0, 1e-15);
    CU_ASSERT(cov(r, 1, 0, "gini") > 0);
    for (k = 0; k < sizeof ineq / sizeof *ineq; k++) {
        CU_ASSERT_EQUAL(cov_rank(r, 0, 0, ineq[k]), 1); /* the equal city ranks first */
        CU_ASSERT_EQUAL(cov_rank(r, 1, 0, ineq[k]), 2);
        CU_ASSERT_EQUAL(cov_rank(r, 2, 0, ineq[k]), 0);
    }
    CU_ASSERT_EQUAL(cov_rank(r, 0, 0, "adjusted"), 2); /* eq 0.5 x 1 < un 0.6 x (1 - A) = sqrt(0.27) */
    GX_ASSERT_CLOSE(cov(r, 1, 0, "adjusted"), sqrt(0.27), 1e-12);
    /* the city without communities: 0 communities, the rest missing and unranked */
    GX_ASSERT_CLOSE(cov(r, 2, 0, "communities"), 0, 0);
    CU_ASSERT(isnan(cov(r, 2, 0, "level")) && isnan(cov(r, 2, 0, "white_zones")));
    CU_ASSERT_EQUAL(cov_rank(r, 2, 0, "level"), 0);
    for (k = 0; k < 3; k++)
        CU_ASSERT_EQUAL(cov_rank(r, k, 0, "communities"), 0);
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 2, 0, GOVIDX_COVERAGE_WORST), 0);
    /* 2021: a white zone in un */
    GX_ASSERT_CLOSE(cov(r, 1, 1, "level"), 0.45, 1e-15);
    GX_ASSERT_CLOSE(cov(r, 1, 1, "white_zones"), 1, 0);
    GX_ASSERT_CLOSE(cov(r, 0, 1, "white_zones"), 0, 0);
    CU_ASSERT_EQUAL(cov_rank(r, 0, 1, "white_zones"), 1);
    CU_ASSERT_EQUAL(cov_rank(r, 1, 1, "white_zones"), 2);
    CU_ASSERT(cov(r, 1, 1, "floored") >= 1);
    CU_ASSERT_EQUAL(cov_rank(r, 1, 1, "level"), 1);
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 1, 1, GOVIDX_COVERAGE_WORST), 2);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 1, 1, GOVIDX_COVERAGE_WORST, 0), "un_b");
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 1, 1, GOVIDX_COVERAGE_WORST, 1), "un_a");
    /* the CSV carries the lowest-first ranks */
    GX_ASSERT_OK(govidx_result_write_csv(r, path));
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    while (fgets(line, sizeof line, f))
        found += !strcmp(line, "eq,2020,coverage.gini,0,1\n") || !strncmp(line, "un,2020,coverage.gini,", 22) ||
                 !strcmp(line, "none,2020,coverage.communities,0,\n");
    fclose(f);
    remove(path);
    CU_ASSERT_EQUAL(found, 3);
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

static void test_acs_uva_method(void)
{
    char pd[1024], pm[1024], pdi[1024], ps[1024];
    static const char *places[] = {"11001", "24510", "51760", "13121", "51013"};
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_result *c = NULL;
    csvfix *bg;
    size_t k, r, u, y;
    src.data = gx_srcpath(pd, sizeof pd, "datasets/acs-b28002/data.csv");
    src.meta = gx_srcpath(pm, sizeof pm, "datasets/acs-b28002/meta.csv");
    src.districts = gx_srcpath(pdi, sizeof pdi, "datasets/acs-b28002/districts.csv");
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    o.variable = "broadband_share";
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, &o));
    CU_ASSERT_FATAL(c != NULL);
    GX_ASSERT_OK(govidx_dataset_find_year(&y, ds, 2021));
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
        GX_ASSERT_OK(govidx_dataset_find_unit(&u, ds, places[k]));
        GX_ASSERT_CLOSE(cov(c, u, y, "communities"), (double)n, 0);
        GX_ASSERT_CLOSE(100 * cov(c, u, y, "level_unweighted"), 100 * sum_share / (double)n, 1e-6);
        GX_ASSERT_CLOSE(100 * cov(c, u, y, "level"), 100 * sum_b / sum_h, 1e-6);
        CU_ASSERT(cov(c, u, y, "gini") > 0 && cov(c, u, y, "gini") < 1);
        GX_ASSERT_CLOSE(cov(c, u, y, "theil_within") + cov(c, u, y, "theil_between"), cov(c, u, y, "theil_t"), 1e-9);
    }
    csvfix_free(bg);
    govidx_result_free(c);
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
    govidx_result *c = NULL;
    size_t nd, nu, y, d, u, e, var;
    unsigned char *leaf;
    GX_ASSERT_OK(govidx_dataset_open(&ds, gx_srcpath(path, sizeof path, "datasets/demo-cities.h5"), NULL));
    CU_ASSERT_FATAL(ds != NULL);
    nd = govidx_dataset_n_districts(ds);
    nu = govidx_dataset_n_units(ds);
    leaf = malloc(nd);
    CU_ASSERT_FATAL(leaf != NULL);
    for (d = 0; d < nd; d++)
        leaf[d] = 1;
    for (e = 0; e < nd; e++) { /* e's parent is not a leaf */
        govidx_district de = GOVIDX_DISTRICT_INIT;
        GX_ASSERT_OK(govidx_dataset_district(&de, ds, e));
        for (d = 0; de.parent && d < nd; d++) {
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (govidx_dataset_district(&di, ds, d) == GOVIDX_OK && !strcmp(de.parent, di.code))
                leaf[d] = 0;
        }
    }
    o.variable = govidx_dataset_district_var_name(ds, 0);
    GX_ASSERT_OK(govidx_dataset_find_district_var(&var, ds, o.variable));
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, &o)); /* every year at once */
    CU_ASSERT_FATAL(c != NULL);
    CU_ASSERT_EQUAL(govidx_result_n_years(c), govidx_dataset_n_years(ds));
    for (y = 0; y < govidx_dataset_n_years(ds); y++) {
        const double *pop = govidx_dataset_district_population(ds, y);
        govidx_matrix_view v;
        GX_ASSERT_OK(govidx_dataset_district_values(&v, ds, y));
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
            GX_ASSERT_CLOSE(cov(c, u, y, "communities"), (double)n, 0);
            if (!n)
                continue;
            GX_ASSERT_CLOSE(cov(c, u, y, "level"), spc / sp, 1e-12);
            GX_ASSERT_CLOSE(cov(c, u, y, "level_unweighted"), sc / (double)n, 1e-12);
            GX_ASSERT_CLOSE(cov(c, u, y, "continuity"), above / sp, 1e-12);
            GX_ASSERT_CLOSE(cov(c, u, y, "white_zones"), (double)white, 0);
            GX_ASSERT_CLOSE(cov(c, u, y, "theil_within") + cov(c, u, y, "theil_between"), cov(c, u, y, "theil_t"),
                            1e-9);
            GX_ASSERT_CLOSE(cov(c, u, y, "adjusted"), (1 - cov(c, u, y, "atkinson")) * cov(c, u, y, "level"),
                            1e-12);
        }
    }
    free(leaf);
    govidx_result_free(c);
    govidx_dataset_close(ds);
}

/* Issue 16: a district table with non-residential rows, weighted by
 * households.  Washington DC (11001) block groups of ACS 2017-2021 table
 * B28002 (datasets/acs-b28002/source/blockgroups_2021.csv): tract
 * 11001000201 (Georgetown University's campus, 0 households) is flagged
 * include = 0, one more block group is left out by its flag and tract
 * 11001000102 by code.  The districts carry no population, so coverage
 * needs the households weight; its level is then the published count
 * ratio sum(broadband_any) / sum(households) of the block groups kept. */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs(text, f);
    fclose(f);
}

static void test_households_weight_and_left_out(void)
{
    /* block group, tract, households, broadband_any (ACS B28002) */
    static const struct { const char *bg, *tract; double h, b; } acs[] = {
        {"110010001011", "11001000101", 762, 744}, {"110010001021", "11001000102", 865, 841},
        {"110010001022", "11001000102", 467, 452}, {"110010001023", "11001000102", 475, 459},
        {"110010002011", "11001000201", 0, 0},     {"110010002012", "11001000201", 0, 0},
        {"110010002021", "11001000202", 491, 491}, {"110010002022", "11001000202", 288, 288}};
    static const char *const tracts[] = {"11001000101", "11001000102", "11001000201", "11001000202"};
    char pd[1024], pm[1024], pdi[1024], text[8192];
    const char *ex[] = {"11001000102"};
    govidx_import_sources src = GOVIDX_IMPORT_SOURCES_INIT;
    govidx_dataset *ds = NULL;
    govidx_coverage_options o = GOVIDX_COVERAGE_OPTIONS_INIT;
    govidx_result *c = NULL;
    size_t k, len = 0, u = 0, y = 0;
    double b_all = 0, h_all = 0, b_flag = 0, h_flag = 0, b_code = 0, h_code = 0;
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "district,name,unit,parent,level,year,population,broadband_share,households,include\n");
    for (k = 0; k < 4; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s,Census tract %s,11001,,1,2021,NA,NA,NA,%d\n",
                                tracts[k], tracts[k], k == 2 ? 0 : 1);
    for (k = 0; k < 8; k++) {
        int include = strcmp(acs[k].bg, "110010002022") != 0; /* flagged out by the user */
        if (acs[k].h > 0)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s,Block group %s,11001,%s,2,2021,NA,%.17g,%g,%s\n",
                                    acs[k].bg, acs[k].bg, acs[k].tract, acs[k].b / acs[k].h, acs[k].h,
                                    include ? "" : "0");
        else
            len += (size_t)snprintf(text + len, sizeof text - len, "%s,Block group %s,11001,%s,2,2021,NA,NA,0,\n",
                                    acs[k].bg, acs[k].bg, acs[k].tract);
        if (acs[k].h > 0) {
            b_all += acs[k].b, h_all += acs[k].h;
            if (include) {
                b_flag += acs[k].b, h_flag += acs[k].h;
                if (strcmp(acs[k].tract, "11001000102"))
                    b_code += acs[k].b, h_code += acs[k].h;
            }
        }
    }
    write_file(gx_buildpath(pdi, sizeof pdi, "tests/cov_dc_districts.csv"), text);
    write_file(gx_buildpath(pd, sizeof pd, "tests/cov_dc_data.csv"), "unit,name,year,pop\n11001,Washington,2021,689545\n");
    write_file(gx_buildpath(pm, sizeof pm, "tests/cov_dc_meta.csv"),
               "iCode,Direction,Weight,Parent,Type\npop,1,1,NA,Other\n");
    src.data = pd;
    src.meta = pm;
    src.districts = pdi;
    GX_ASSERT_OK(govidx_import_csv(&ds, &src, NULL, NULL));
    CU_ASSERT_FATAL(ds != NULL);
    /* without a weight: no population, no community (not a made-up number) */
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, NULL));
    CU_ASSERT_FATAL(c != NULL);
    GX_ASSERT_CLOSE(cov(c, u, y, "communities"), 0, 0);
    CU_ASSERT(isnan(cov(c, u, y, "level")));
    govidx_result_free(c);
    c = NULL;
    /* households; the include variable is found by its name; the default
     * variable is the first that is neither (broadband_share) */
    o.weight = "households";
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, &o));
    CU_ASSERT_FATAL(c != NULL);
    GX_ASSERT_CLOSE(cov(c, u, y, "communities"), 5, 0);
    GX_ASSERT_CLOSE(cov(c, u, y, "population"), h_flag, 0);
    GX_ASSERT_CLOSE(cov(c, u, y, "level"), b_flag / h_flag, 1e-14);
    CU_ASSERT(b_flag / h_flag != b_all / h_all);
    CU_ASSERT_EQUAL(govidx_result_n_labels(c, u, y, GOVIDX_COVERAGE_LEFT_OUT), 2);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(c, u, y, GOVIDX_COVERAGE_LEFT_OUT, 0), "11001000201 (include = 0)");
    CU_ASSERT_STRING_EQUAL(govidx_result_label(c, u, y, GOVIDX_COVERAGE_LEFT_OUT, 1), "110010002022 (include = 0)");
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_result_method_json(c), "\"weight\":\"households\""));
    govidx_result_free(c);
    c = NULL;
    /* a tract by code: its three block groups go with it */
    o.exclude_districts = ex;
    o.n_exclude_districts = 1;
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, &o));
    CU_ASSERT_FATAL(c != NULL);
    GX_ASSERT_CLOSE(cov(c, u, y, "communities"), 2, 0);
    GX_ASSERT_CLOSE(cov(c, u, y, "level"), b_code / h_code, 1e-14);
    CU_ASSERT_EQUAL(govidx_result_n_labels(c, u, y, GOVIDX_COVERAGE_LEFT_OUT), 3);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(c, u, y, GOVIDX_COVERAGE_LEFT_OUT, 0),
                           "11001000102 (excluded by code)");
    govidx_result_free(c);
    c = NULL;
    /* the flag ignored by naming another (all-missing) variable: every residential block group counts */
    o.exclude_districts = NULL;
    o.n_exclude_districts = 0;
    o.include = "population_flag_absent";
    GX_ASSERT_RC(govidx_coverage_compute(&c, ds, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "'population_flag_absent' (the include flag given)"));
    o.include = NULL;
    ex[0] = "11001999999";
    o.exclude_districts = ex;
    o.n_exclude_districts = 1;
    GX_ASSERT_RC(govidx_coverage_compute(&c, ds, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "no district '11001999999' to exclude"));
    o.n_exclude_districts = 0;
    o.weight = "nope";
    GX_ASSERT_RC(govidx_coverage_compute(&c, ds, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "no district variable 'nope' to weight by"));
    /* a city left out of the finished result: missing and unranked */
    o.weight = "households";
    o.n_exclude_districts = 0;
    GX_ASSERT_OK(govidx_coverage_compute(&c, ds, &o));
    CU_ASSERT_FATAL(c != NULL);
    {
        unsigned char keep[1] = {0};
        GX_ASSERT_RC(govidx_result_leave_out_units(c, NULL), GOVIDX_EINVAL);
        GX_ASSERT_RC(govidx_result_leave_out_units(NULL, keep), GOVIDX_EINVAL);
        CU_ASSERT_EQUAL(govidx_result_rank(c, 0, 0, gx_result_node(c, "coverage.level")), 1);
        GX_ASSERT_OK(govidx_result_leave_out_units(c, keep));
        CU_ASSERT(isnan(cov(c, 0, 0, "level")));
        CU_ASSERT_EQUAL(govidx_result_rank(c, 0, 0, gx_result_node(c, "coverage.level")), 0);
    }
    govidx_result_free(c);
    (void)b_all;
    govidx_dataset_close(ds);
    remove(pd);
    remove(pm);
    remove(pdi);
}

static CU_TestInfo tests[] = {
    {"demo panel, every city and year", test_demo_all_years},
    {"METHODS.md E9: level, Gini, Theil, Atkinson, adjusted level", test_e9},
    {"ACS B28002: unweighted (UVA SDAD) and household-weighted levels", test_acs_uva_method},
    {"households weight, include flag and excluded districts listed (issue 16)",
     test_households_weight_and_left_out},
    {"every city and year at once: ranks (inequality lowest first), worst communities, CSV",
     test_all_years_ranks},
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

/*
 * tests/test_synth.c - the synthetic generator (tools/synth.c, compiled in
 * here without its main): random numbers, determinism, block sizes,
 * validity, and the statistical shape of the data.
 * SPDX-License-Identifier: MIT
 */
#define GOVIDX_SYNTH_NO_MAIN
#include "../tools/synth.c"

#include "gxtest.h"

/* splitmix64 reference outputs for state 0 (Vigna's splitmix64.c, the
 * first two numbers of the generator seeded with 0): our mix64(x) is one
 * step from state x, so mix64(0) and mix64(gamma) are those numbers. */
static void test_splitmix_reference(void)
{
    CU_ASSERT_EQUAL(mix64(0), UINT64_C(0xe220a8397b1dcdaf));
    CU_ASSERT_EQUAL(mix64(UINT64_C(0x9e3779b97f4a7c15)), UINT64_C(0x6e789e6aa1b965f4));
}

/* Box-Muller normals: mean 0, variance 1, P(|z| < 1.96) = 0.95 (standard
 * normal table).  200,000 draws: SE of the mean 0.0022, of the variance
 * 0.0032, of the proportion 0.0005; tolerances are about 4 SE. */
static void test_gauss_moments(void)
{
    const size_t n = 200000;
    double s = 0, s2 = 0, inside = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        double z = gauss(7, T_CELL, i, 3, 0);
        s += z;
        s2 += z * z;
        inside += fabs(z) < 1.96;
    }
    GX_ASSERT_CLOSE(s / n, 0.0, 0.01);
    GX_ASSERT_CLOSE(s2 / n - (s / n) * (s / n), 1.0, 0.015);
    GX_ASSERT_CLOSE(inside / n, 0.95, 0.002);
    /* Uniforms stay inside the open interval. */
    for (i = 0; i < 1000; i++) {
        double u = unif(7, T_MISS, i, 0, 0);
        CU_ASSERT(u > 0 && u < 1);
    }
}

static govidx_dataset *build(uint64_t seed, size_t n_cities, size_t years, size_t m)
{
    synth_params p = SYNTH_PARAMS_INIT;
    govidx_dataset *ds = NULL;
    p.seed = seed;
    p.cities = n_cities;
    p.years = years;
    p.indicators = m;
    p.districts_per_city = 2;
    p.actors_per_city = 10;
    p.inventory_datasets = 12;
    GX_ASSERT_OK(synth_build(&p, &ds));
    return ds;
}

/* Bitwise equality of two doubles, NaN included. */
static int same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void test_sizes_and_validity(void)
{
    govidx_dataset *ds = build(5, 12, 4, 20);
    size_t n_missing = 0, cells = 0, t, i, j;
    if (!ds)
        return;
    GX_ASSERT_OK(govidx_dataset_validate(ds, NULL, NULL));
    CU_ASSERT_EQUAL(govidx_dataset_n_units(ds), 12);
    CU_ASSERT_EQUAL(govidx_dataset_n_years(ds), 4);
    CU_ASSERT_EQUAL(govidx_dataset_years(ds)[0], 2020);
    CU_ASSERT_EQUAL(govidx_dataset_years(ds)[3], 2023);
    /* 20 index indicators + population + 7 DEA variables + the 16 process and
     * subsystem variables of the collaboration framework + the openness
     * framework's indicators but its checklist score (from the inventory). */
    CU_ASSERT_EQUAL(govidx_dataset_n_indicators(ds),
                    28 + govidx_collaboration_framework(NULL) + govidx_openness_framework(NULL) - 1);
    CU_ASSERT_EQUAL(govidx_collaboration_framework(NULL), 16);
    /* root + 3 sub-indices + 9 pillars. */
    CU_ASSERT_EQUAL(govidx_dataset_n_nodes(ds), 13);
    CU_ASSERT_EQUAL(govidx_dataset_n_groups(ds), 2);
    /* 2 districts x (1 + 2 sub-districts + 6 communities) per city. */
    CU_ASSERT_EQUAL(govidx_dataset_n_districts(ds), 12 * 18);
    CU_ASSERT_EQUAL(govidx_dataset_n_district_vars(ds), 4);
    CU_ASSERT_EQUAL(govidx_dataset_n_inventory(ds), 12 * 4 * 12);
    CU_ASSERT_EQUAL(govidx_dataset_n_actors(ds), 12 * 10);
    CU_ASSERT(govidx_dataset_n_edges(ds) > 0);
    CU_ASSERT_EQUAL(govidx_dataset_n_dea_inputs(ds), 3);
    CU_ASSERT_EQUAL(govidx_dataset_n_dea_outputs(ds), 4);
    CU_ASSERT_STRING_EQUAL(govidx_dataset_attr(ds, "synthetic"), "yes");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_attr(ds, "licence"), "CC0-1.0");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_attr(ds, "source"), "synthetic: govidx-synth seed 5");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_code(ds, 0), "beijing");
    CU_ASSERT_STRING_EQUAL(govidx_dataset_unit_name(ds, 0), "北京 Beijing");
    for (t = 0; t < 4; t++) {
        govidx_matrix_view v;
        GX_ASSERT_OK(govidx_dataset_panel(&v, ds, t));
        for (j = 0; j < 20; j++)
            for (i = 0; i < 12; i++, cells++)
                n_missing += isnan(v.data[i + j * v.ld]);
        /* population and DEA variables are complete and positive. */
        for (j = 20; j < 28; j++)
            for (i = 0; i < 12; i++)
                CU_ASSERT(v.data[i + j * v.ld] > 0);
    }
    CU_ASSERT(n_missing > 0 && n_missing < cells / 5);
    govidx_dataset_close(ds);
}

/* Same seed: identical panels; different seed: different panels; a
 * city's numbers do not depend on how many cities are generated. */
static void test_determinism(void)
{
    govidx_dataset *a = build(99, 8, 3, 12), *b = build(99, 8, 3, 12), *c = build(100, 8, 3, 12);
    govidx_dataset *big = build(99, 40, 3, 12);
    size_t t, i, j, k, diff_c = 0, diff_big = 0;
    if (!a || !b || !c || !big)
        goto done;
    for (t = 0; t < 3; t++) {
        govidx_matrix_view va, vb, vc, vg;
        GX_ASSERT_OK(govidx_dataset_panel(&va, a, t));
        GX_ASSERT_OK(govidx_dataset_panel(&vb, b, t));
        GX_ASSERT_OK(govidx_dataset_panel(&vc, c, t));
        GX_ASSERT_OK(govidx_dataset_panel(&vg, big, t));
        for (j = 0; j < va.cols; j++)
            for (i = 0; i < va.rows; i++) {
                CU_ASSERT(same(va.data[i + j * va.ld], vb.data[i + j * vb.ld]));
                diff_c += !same(va.data[i + j * va.ld], vc.data[i + j * vc.ld]);
                diff_big += !same(va.data[i + j * va.ld], vg.data[i + j * vg.ld]);
            }
    }
    CU_ASSERT(diff_c > 0);
    CU_ASSERT_EQUAL(diff_big, 0);
    CU_ASSERT_EQUAL(govidx_dataset_n_edges(a), govidx_dataset_n_edges(b));
    for (k = 0; k < govidx_dataset_n_edges(a); k++) {
        govidx_edge ea, eb;
        memset(&ea, 0, sizeof ea);
        memset(&eb, 0, sizeof eb);
        ea.version = eb.version = GOVIDX_EDGE_VERSION;
        GX_ASSERT_OK(govidx_dataset_edge(&ea, a, k));
        GX_ASSERT_OK(govidx_dataset_edge(&eb, b, k));
        CU_ASSERT_STRING_EQUAL(ea.from, eb.from);
        CU_ASSERT_STRING_EQUAL(ea.to, eb.to);
        CU_ASSERT(same(ea.weight, eb.weight));
    }
    for (k = 0; k < govidx_dataset_n_inventory(a); k++) {
        govidx_inventory_entry ia, ib;
        memset(&ia, 0, sizeof ia);
        memset(&ib, 0, sizeof ib);
        ia.version = ib.version = GOVIDX_INVENTORY_ENTRY_VERSION;
        GX_ASSERT_OK(govidx_dataset_inventory(&ia, a, k));
        GX_ASSERT_OK(govidx_dataset_inventory(&ib, b, k));
        CU_ASSERT_EQUAL(ia.n_answers, GOVIDX_N_CRITERIA);
        CU_ASSERT_EQUAL(ia.n_answers, ib.n_answers);
        CU_ASSERT_EQUAL(memcmp(ia.answers, ib.answers, ia.n_answers), 0);
    }
done:
    govidx_dataset_close(a);
    govidx_dataset_close(b);
    govidx_dataset_close(c);
    govidx_dataset_close(big);
}

/* The model's shape: openness and coverage pillars correlate positively
 * across cities (common factor loading 0.8 on both: latent correlation
 * 0.64), values improve over time, and some communities are white zones
 * (zero broadband) while their districts' shares are population-weighted
 * means of the communities. */
static void test_model_shape(void)
{
    govidx_dataset *ds = build(2024, 300, 5, 9);
    govidx_matrix_view v0, v4, dv;
    const double *pop;
    double mo = 0, mv = 0, so = 0, sv = 0, sov = 0, r, up = 0;
    size_t i, n = 0, white = 0, leaves = 0, d;
    if (!ds)
        return;
    GX_ASSERT_OK(govidx_dataset_panel(&v0, ds, 0));
    GX_ASSERT_OK(govidx_dataset_panel(&v4, ds, 4));
    /* Indicator 1 is O2.1 (machine-readable %), 3 is V1.1 (broadband %). */
    for (i = 0; i < 300; i++) {
        double o = v4.data[i + 1 * v4.ld], c = v4.data[i + 3 * v4.ld];
        if (isnan(o) || isnan(c))
            continue;
        mo += o;
        mv += c;
        so += o * o;
        sv += c * c;
        sov += o * c;
        n++;
        if (!isnan(v0.data[i + 1 * v0.ld]))
            up += o - v0.data[i + 1 * v0.ld];
    }
    r = (sov - mo * mv / n) / sqrt((so - mo * mo / n) * (sv - mv * mv / n));
    CU_ASSERT(r > 0.25);
    CU_ASSERT(up > 0);
    GX_ASSERT_OK(govidx_dataset_district_values(&dv, ds, 0));
    pop = govidx_dataset_district_population(ds, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pop);
    for (d = 0; d < govidx_dataset_n_districts(ds); d++) {
        govidx_district info = GOVIDX_DISTRICT_INIT;
        GX_ASSERT_OK(govidx_dataset_district(&info, ds, d));
        if (info.level == 3) {
            leaves++;
            white += dv.data[d] == 0.0;
        }
        if (info.level == 2) {
            /* The next three districts are its communities. */
            double acc = 0, ps = 0;
            size_t q;
            for (q = 1; q <= 3; q++) {
                acc += pop[d + q] * dv.data[d + q];
                ps += pop[d + q];
            }
            GX_ASSERT_CLOSE(pop[d], ps, 1e-9);
            GX_ASSERT_CLOSE(dv.data[d], acc / ps, 1e-12);
        }
    }
    /* About 8% of communities draw white-zone status, most in year 0. */
    CU_ASSERT(white > leaves / 50 && white < leaves / 6);
    govidx_dataset_close(ds);
}

static CU_TestInfo tests[] = {
    {"splitmix64 reference outputs", test_splitmix_reference},
    {"Box-Muller moments", test_gauss_moments},
    {"block sizes, attributes, validity", test_sizes_and_validity},
    {"determinism for a seed", test_determinism},
    {"correlation, trend, white zones", test_model_shape},
    CU_TEST_INFO_NULL,
};
static CU_SuiteInfo suites[] = {{"synth", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void)
{
    return gx_run(suites);
}

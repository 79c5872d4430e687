/*
 * Tests of the actor-network module (METHODS.md 2.2, layer C1).
 *
 * Reference values: the seven EMON search-and-rescue networks
 * (datasets/emon.h5, from the statnet network package's emon data) measured
 * with statnet sna 2.7-1 and igraph 1.3.5 by
 * tests/data/network/emon-reference.R (its output is pasted below, 17
 * significant digits).  Small graphs are checked against values worked out
 * by hand in the comments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <govidx.h>
#include "gxoom.h"

typedef struct emon_ref {
    const char *unit;
    int n, ties;
    double density, wdensity, recip_edge, recip_dyadic, cross, ei, cdeg, cin, cout;
    int weak;
    double lweak;
    int strong;
    double lstrong, geff, geff_u, conn, hier, eff, lub;
} emon_ref;

/* sna: gden(A), gden(W), grecip(A, "edgewise"), grecip(A, "dyadic"), the
 * cross-sector share and E-I (direct formulas in R), centralization(A,
 * sna::degree, cmode = "freeman"); igraph: centr_degree(mode in/out,
 * loops = FALSE), components(weak/strong), global_efficiency (directed, and
 * undirected on as.undirected); sna: connectedness, hierarchy
 * ("krackhardt"), efficiency, lubness. */
static const emon_ref emon[7] = {
{"Cheyenne", 14, 83, 0.45604395604395603, 1.4945054945054945, 0.57831325301204817, 0.61538461538461542, 0.83132530120481929, 0.66265060240963858, 0.41025641025641024, 0.42011834319526625, 0.50295857988165682, 1, 1, 2, 0.9285714285714286, 0.68772893772893762, 0.82417582417582413, 1, 0.1428571428571429, 0.58579881656804733, 1},
{"HurrFrederic", 21, 118, 0.28095238095238095, 0.91666666666666663, 0.64406779661016944, 0.80000000000000004, 0.69491525423728817, 0.38983050847457629, 0.54605263157894735, 0.33500000000000002, 0.70250000000000001, 1, 1, 5, 0.80952380952380953, 0.53888888888888919, 0.69047619047619047, 1, 0.33333333333333337, 0.755, 1},
{"LakePomona", 20, 148, 0.38947368421052631, 1.2421052631578948, 0.56756756756756754, 0.66315789473684206, 0.83783783783783783, 0.67567567567567566, 0.47368421052631576, 0.64265927977839332, 0.47645429362880887, 1, 1, 3, 0.90000000000000002, 0.63947368421052642, 0.77894736842105261, 1, 0.19047619047619047, 0.64265927977839343, 0.099415204678362623},
{"MtSi", 13, 33, 0.21153846153846154, 0.73076923076923073, 0.78787878787878785, 0.91025641025641024, 0.5757575757575758, 0.15151515151515152, 0.34090909090909088, 0.3125, 0.3125, 6, 0.61538461538461542, 6, 0.61538461538461542, 0.2820512820512821, 0.30555555555555558, 0.35897435897435898, 0, 0.46938775510204078, 1},
{"MtStHelens", 27, 123, 0.1752136752136752, 0.43162393162393164, 0.45528455284552843, 0.80911680911680917, 0.78861788617886175, 0.57723577235772361, 0.3923076923076923, 0.21745562130177515, 0.61686390532544377, 1, 1, 13, 0.55555555555555558, 0.34745963912630623, 0.62535612535612473, 1, 0.63157894736842102, 0.85650887573964496, 1},
{"Texas", 25, 186, 0.31, 0.94999999999999996, 0.61290322580645162, 0.76000000000000001, 0.63440860215053763, 0.26881720430107525, 0.41032608695652173, 0.37152777777777779, 0.41493055555555558, 1, 1, 2, 0.95999999999999996, 0.61374999999999846, 0.70777777777777717, 1, 0.07999999999999996, 0.71875, 1},
{"Wichita", 20, 149, 0.39210526315789473, 1.3131578947368421, 0.56375838926174493, 0.65789473684210531, 0.72483221476510062, 0.44966442953020136, 0.44152046783625731, 0.25207756232686979, 0.58448753462603875, 2, 0.94999999999999996, 4, 0.84999999999999998, 0.59649122807017552, 0.73157894736842111, 0.90000000000000002, 0.19999999999999996, 0.59567901234567899, 1},
};

typedef struct emon_silo {
    const char *unit;
    int silos, departments, isolates;
    double public_private;
} emon_silo;

/* Departments = every public sector (City, County, State, Federal,
 * County/City); silos = those with no outgoing tie (same R script). */
static const emon_silo emon_silos[7] = {
{"Cheyenne", 0, 10, 0, 0.3253012048192771},
{"HurrFrederic", 3, 18, 0, 0.21186440677966101},
{"LakePomona", 0, 15, 0, 0.3783783783783784},
{"MtSi", 3, 6, 5, 0.45454545454545453},
{"MtStHelens", 11, 23, 0, 0.27642276422764228},
{"Texas", 0, 22, 0, 0.17741935483870969},
{"Wichita", 2, 16, 1, 0.3087248322147651},
};

static govidx_dataset *open_emon(void)
{
    char path[4096];
    govidx_dataset *ds = NULL;
    GX_ASSERT_OK(govidx_dataset_open(&ds, gx_srcpath(path, sizeof path, "datasets/emon.h5"), NULL));
    return ds;
}

static void test_emon_against_sna_igraph(void)
{
    govidx_dataset *ds = open_emon();
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    int k;
    CU_ASSERT_EQUAL_FATAL(govidx_network_n_measures() >= GOVIDX_NET_N_MEASURES, 1);
    o.department_sectors = "City,County,State,Federal,County/City";
    o.gov_sectors = o.department_sectors;
    for (k = 0; ds && k < 7; k++) {
        const emon_ref *r = &emon[k];
        govidx_network *net = NULL;
        double v[GOVIDX_NET_N_MEASURES];
        GX_ASSERT_OK(govidx_network_from_dataset(&net, ds, r->unit, 1981, "interaction"));
        if (!net)
            continue;
        GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, &o));
        CU_ASSERT_EQUAL(v[GOVIDX_NET_ACTORS], r->n);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_TIES], r->ties);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_LOOPS], 0);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_DENSITY], r->density, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_WEIGHTED_DENSITY], r->wdensity, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY], r->recip_edge, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY_DYADIC], r->recip_dyadic, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_CROSS_SECTOR_SHARE], r->cross, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_EI_INDEX], r->ei, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_DEGREE_CENTRALIZATION], r->cdeg, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_INDEGREE_CENTRALIZATION], r->cin, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_OUTDEGREE_CENTRALIZATION], r->cout, 1e-12);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_WEAK_COMPONENTS], r->weak);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_LARGEST_WEAK_SHARE], r->lweak, 1e-12);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_STRONG_COMPONENTS], r->strong);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_LARGEST_STRONG_SHARE], r->lstrong, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY], r->geff, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED], r->geff_u, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_CONNECTEDNESS], r->conn, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_HIERARCHY], r->hier, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_EFFICIENCY], r->eff, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_LUB], r->lub, 1e-12);
        /* silos, isolates, public/private share */
        CU_ASSERT_EQUAL(v[GOVIDX_NET_SILOS], emon_silos[k].silos);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_SILO_SHARE], (double)emon_silos[k].silos / emon_silos[k].departments, 1e-12);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_ISOLATES], emon_silos[k].isolates);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_ISOLATE_SHARE], (double)emon_silos[k].isolates / r->n, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_GOV_NONGOV_SHARE], emon_silos[k].public_private, 1e-12);
        govidx_network_free(net);
    }
    govidx_dataset_close(ds);
}

/* Sparse random digraphs (n = 16, sna::rgraph with tprob 0.06, 0.1, 0.15 after
 * set.seed(20231); third table of the same R script): edge lists and weak and
 * strong components (igraph), directed global efficiency (igraph), then sna's
 * connectedness, hierarchy, efficiency and lubness. */
typedef struct random_ref {
    int m;
    int ties[100];
    int weak, strong;
    double geff, conn, hier, eff, lub;
} random_ref;

static const random_ref random_graphs[3] = {
{12, {0,1,0,7,1,6,3,4,4,9,7,1,8,7,9,0,10,5,10,6,11,1,13,15}, 5, 16, 0.077569444444444441, 0.46666666666666667, 1, 0.99009900990099009, 0.35555555555555551},
{24, {1,4,2,0,2,1,2,5,3,4,5,2,5,9,5,14,6,0,6,1,6,12,8,3,8,5,8,6,9,2,10,3,10,4,10,11,12,15,13,2,13,6,14,3,15,5,15,11}, 2, 14, 0.19506944444444455, 0.875, 0.96202531645569622, 0.94897959183673475, 0.1428571428571429},
{41, {0,1,0,5,0,11,1,13,2,0,2,6,2,12,3,10,3,15,4,14,5,12,5,14,6,11,6,15,7,13,8,0,8,3,8,9,9,3,9,10,10,1,10,4,10,5,10,8,10,11,10,13,11,3,11,7,12,4,12,9,12,13,13,1,13,4,13,5,13,7,13,9,14,0,14,7,14,8,14,9,15,4}, 1, 3, 0.45027777777777744, 1, 0.2416666666666667, 0.88444444444444448, 1},
};

static void test_random_against_sna_igraph(void)
{
    int g, k;
    for (g = 0; g < 3; g++) {
        const random_ref *r = &random_graphs[g];
        govidx_network *net = NULL;
        double v[GOVIDX_NET_N_MEASURES];
        GX_ASSERT_OK(govidx_network_new(&net, 16));
        for (k = 0; k < r->m; k++)
            GX_ASSERT_OK(govidx_network_add_tie(net, (size_t)r->ties[2 * k], (size_t)r->ties[2 * k + 1], 1));
        GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
        CU_ASSERT_EQUAL(v[GOVIDX_NET_TIES], r->m);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_WEAK_COMPONENTS], r->weak);
        CU_ASSERT_EQUAL(v[GOVIDX_NET_STRONG_COMPONENTS], r->strong);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY], r->geff, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_CONNECTEDNESS], r->conn, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_HIERARCHY], r->hier, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_EFFICIENCY], r->eff, 1e-12);
        GX_ASSERT_CLOSE(v[GOVIDX_NET_LUB], r->lub, 1e-12);
        govidx_network_free(net);
    }
}

/* The silos of Mt. Si are named: 3 public organisations that report no tie out. */
static void test_silos_named(void)
{
    govidx_dataset *ds = open_emon();
    govidx_network *net = NULL;
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    size_t s[8], n = 0, k;
    o.department_sectors = "City,County,State,Federal,County/City";
    GX_ASSERT_OK(govidx_network_from_dataset(&net, ds, "MtSi", 1981, NULL));
    GX_ASSERT_OK(govidx_network_silos(s, 8, &n, net, &o));
    CU_ASSERT_EQUAL(n, 3);
    for (k = 0; k < n && k < 8; k++) {
        CU_ASSERT_NOT_EQUAL(strcmp(govidx_network_sector(net, s[k]), "Private"), 0);
        CU_ASSERT_NOT_EQUAL(govidx_network_name(net, s[k])[0], '\0');
    }
    GX_ASSERT_OK(govidx_network_silos(NULL, 0, &n, net, &o)); /* count only */
    CU_ASSERT_EQUAL(n, 3);
    govidx_network_free(net);
    GX_ASSERT_RC(govidx_network_from_dataset(&net, ds, "Atlantis", 1981, NULL), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NULL(net);
    govidx_dataset_close(ds);
}

/* Out-star 0 -> 1..4 (n = 5), by hand:
 *  density 4/20; no reciprocity (0), dyadic (0 mutual + 6 null)/10 = 0.6;
 *  total degrees (4,1,1,1,1): Freeman sum 12 / ((n-1)(2n-4) = 24) = 0.5
 *  (sna's digraph maximum counts the star's in- and out-degree separately);
 *  out-degrees (4,0,0,0,0): 4 * 4 / ((n-1)^2 = 16) = 1;
 *  in-degrees (0,1,1,1,1): (1 - 0) / 16 = 0.0625;
 *  one weak component, 5 strong ones (largest 1/5);
 *  directed efficiency 4 pairs at distance 1 of 20 = 0.2; undirected: 4 at 1
 *  and 6 leaf pairs at 2, both ways: (8 + 12 * 0.5) / 20 = 0.7;
 *  Krackhardt: connectedness 1, hierarchy 1 (every reachable pair one-way),
 *  efficiency 1 - (4 - 4) / (20 - 4) = 1, lub 1 (the root bounds every pair). */
static void test_out_star(void)
{
    govidx_network *net = NULL;
    double v[GOVIDX_NET_N_MEASURES];
    int k;
    GX_ASSERT_OK(govidx_network_new(&net, 5));
    for (k = 1; k < 5; k++)
        GX_ASSERT_OK(govidx_network_add_tie(net, 0, (size_t)k, 2.0));
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    GX_ASSERT_CLOSE(v[GOVIDX_NET_DENSITY], 0.2, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_WEIGHTED_DENSITY], 0.4, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY], 0.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY_DYADIC], 0.6, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_DEGREE_CENTRALIZATION], 0.5, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_OUTDEGREE_CENTRALIZATION], 1.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_INDEGREE_CENTRALIZATION], 0.0625, 1e-15);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_WEAK_COMPONENTS], 1);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_STRONG_COMPONENTS], 5);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_LARGEST_STRONG_SHARE], 0.2, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY], 0.2, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED], 0.7, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_CONNECTEDNESS], 1.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_HIERARCHY], 1.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_EFFICIENCY], 1.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_LUB], 1.0, 1e-15);
    /* every sector "": E-I is -1 (all ties internal), no departments */
    GX_ASSERT_CLOSE(v[GOVIDX_NET_EI_INDEX], -1.0, 1e-15);
    CU_ASSERT(isnan(v[GOVIDX_NET_SILO_SHARE]));
    govidx_network_free(net);
}

/* Sectors and duplicates: actors 0,1 gov-dept, 2 enterprise, 3 social-org.
 * Ties 0->1 (w 1), 0->1 again (w 2: merged, weights add), 1->0, 2->0, 3->3
 * (a loop, ignored), 0->2.  Distinct arcs 4: 0->1, 1->0, 2->0, 0->2.
 *  cross-sector (gov-dept/enterprise) 2 of 4 = 0.5; E-I (2 - 2)/4 = 0;
 *  by sector: gov-dept E 2, I 2 -> 0; enterprise E 2, I 0 -> 1; social-org none -> NaN;
 *  reciprocity: all 4 arcs reciprocated -> 1; weighted density (1+2+1+1+1)/12 = 0.5;
 *  silos among gov-dept: none; actor 3 is an isolate (its loop does not count);
 *  department = gov-dept only: 2 departments.  gov/non-gov share: 0.5. */
static void test_sectors_duplicates_loops(void)
{
    govidx_network *net = NULL;
    double v[GOVIDX_NET_N_MEASURES], ei[4];
    GX_ASSERT_OK(govidx_network_new(&net, 4));
    GX_ASSERT_OK(govidx_network_set_sector(net, 0, "gov-dept"));
    GX_ASSERT_OK(govidx_network_set_sector(net, 1, "gov-dept"));
    GX_ASSERT_OK(govidx_network_set_sector(net, 2, "enterprise"));
    GX_ASSERT_OK(govidx_network_set_sector(net, 3, "social-org"));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 1, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 1, 2));
    GX_ASSERT_OK(govidx_network_add_tie(net, 1, 0, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 2, 0, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 3, 3, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 2, 1));
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    CU_ASSERT_EQUAL(v[GOVIDX_NET_TIES], 4);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_LOOPS], 1);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_WEIGHTED_DENSITY], 0.5, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY], 1.0, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_CROSS_SECTOR_SHARE], 0.5, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_GOV_NONGOV_SHARE], 0.5, 1e-15);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_EI_INDEX], 0.0, 1e-15);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_SILOS], 0);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_SILO_SHARE], 0.0, 1e-15);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_ISOLATES], 1);
    CU_ASSERT_EQUAL(govidx_network_n_sectors(net), 3);
    CU_ASSERT_STRING_EQUAL(govidx_network_sector_label(net, 1), "enterprise");
    GX_ASSERT_OK(govidx_network_ei_by_sector(ei, net));
    GX_ASSERT_CLOSE(ei[0], 0.0, 1e-15);
    GX_ASSERT_CLOSE(ei[1], 1.0, 1e-15);
    CU_ASSERT(isnan(ei[2]));
    govidx_network_free(net);
}

/* Null model: reproducible for a seed; z of preserved measures is NaN.  On a
 * 12-cycle with every tie reciprocated, rewired graphs lose mutual ties, so
 * the observed reciprocity (1) lies far above the null mean: z > 3. */
static void test_null_model(void)
{
    govidx_network *net = NULL;
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    double v[GOVIDX_NET_N_MEASURES], z1[GOVIDX_NET_N_MEASURES], z2[GOVIDX_NET_N_MEASURES];
    int k;
    GX_ASSERT_OK(govidx_network_new(&net, 12));
    for (k = 0; k < 12; k++) {
        GX_ASSERT_OK(govidx_network_add_tie(net, (size_t)k, (size_t)((k + 1) % 12), 1));
        GX_ASSERT_OK(govidx_network_add_tie(net, (size_t)((k + 1) % 12), (size_t)k, 1));
    }
    o.null_samples = 200;
    o.seed = 7;
    GX_ASSERT_OK(govidx_network_measures(v, z1, GOVIDX_NET_N_MEASURES, net, &o));
    GX_ASSERT_OK(govidx_network_measures(v, z2, GOVIDX_NET_N_MEASURES, net, &o));
    for (k = 0; k < GOVIDX_NET_N_MEASURES; k++)
        CU_ASSERT(memcmp(&z1[k], &z2[k], sizeof z1[k]) == 0);
    CU_ASSERT(isnan(z1[GOVIDX_NET_DENSITY]));
    CU_ASSERT(isnan(z1[GOVIDX_NET_ACTORS]));
    CU_ASSERT(isnan(z1[GOVIDX_NET_DEGREE_CENTRALIZATION]));
    CU_ASSERT(z1[GOVIDX_NET_RECIPROCITY] > 3);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_RECIPROCITY], 1.0, 1e-15);
    /* n_values shorter than the list: only the first entries are written */
    v[3] = -5;
    GX_ASSERT_OK(govidx_network_measures(v, NULL, 3, net, NULL));
    CU_ASSERT_EQUAL(v[3], -5);
    govidx_network_free(net);
}

static void test_bad_input(void)
{
    govidx_network *net = NULL;
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    double v[GOVIDX_NET_N_MEASURES];
    GX_ASSERT_RC(govidx_network_new(&net, 0), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_network_new(&net, (size_t)1 << 40), GOVIDX_EDIM);
    GX_ASSERT_RC(govidx_network_new(NULL, 3), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_network_new(&net, 3));
    GX_ASSERT_RC(govidx_network_add_tie(net, 0, 3, 1), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_network_add_tie(net, 0, 1, NAN), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_network_add_tie(net, 0, 1, 0), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_network_add_tie(net, 0, 1, -1), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_network_add_tie(net, 0, 1, INFINITY), GOVIDX_EDOMAIN);
    GX_ASSERT_RC(govidx_network_set_sector(net, 9, "x"), GOVIDX_EINVAL);
    o.version = 99;
    GX_ASSERT_RC(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, &o), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_network_measures(NULL, NULL, 1, net, NULL), GOVIDX_EINVAL);
    /* no ties at all: ratios over ties are NaN, never an error */
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    CU_ASSERT(isnan(v[GOVIDX_NET_RECIPROCITY]));
    CU_ASSERT(isnan(v[GOVIDX_NET_EI_INDEX]));
    CU_ASSERT(isnan(v[GOVIDX_NET_HIERARCHY]));
    CU_ASSERT_EQUAL(v[GOVIDX_NET_ISOLATES], 3);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_WEAK_COMPONENTS], 3);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_CONNECTEDNESS], 0.0, 1e-15);
    CU_ASSERT_PTR_NULL(govidx_network_measure_name(GOVIDX_NET_N_MEASURES + 100));
    CU_ASSERT_STRING_EQUAL(govidx_network_measure_name(GOVIDX_NET_LUB), "lub");
    govidx_network_free(net);
}

/* Allocation failures in construction, measures and the null model. */
static int oom_call(void)
{
    govidx_network *net = NULL;
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    double v[GOVIDX_NET_N_MEASURES], z[GOVIDX_NET_N_MEASURES];
    size_t s[4], n;
    int rc, k;
    if ((rc = govidx_network_new(&net, 6)))
        return rc;
    for (k = 0; k < 6 && !rc; k++)
        rc = govidx_network_set_sector(net, (size_t)k, k % 2 ? "gov-dept" : "enterprise");
    for (k = 0; k < 70 && !rc; k++) /* enough ties to grow the arrays twice */
        rc = govidx_network_add_tie(net, (size_t)(k % 6), (size_t)((k * 5 + 1) % 6), 1);
    o.null_samples = 3;
    if (!rc)
        rc = govidx_network_measures(v, z, GOVIDX_NET_N_MEASURES, net, &o);
    if (!rc)
        rc = govidx_network_silos(s, 4, &n, net, &o);
    if (!rc)
        rc = govidx_network_ei_by_sector(v, net);
    govidx_network_free(net);
    return rc;
}

static void test_oom(void) { check_oom(oom_call); }

static CU_TestInfo tests[] = {{"EMON against sna and igraph", test_emon_against_sna_igraph},
                              {"random digraphs against sna and igraph", test_random_against_sna_igraph},
                              {"silos named", test_silos_named},
                              {"out-star by hand", test_out_star},
                              {"sectors, duplicate ties, loops", test_sectors_duplicates_loops},
                              {"null model", test_null_model},
                              {"bad input", test_bad_input},
                              {"allocation failures", test_oom},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"network", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

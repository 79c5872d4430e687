/*
 * Tests of the collaboration-efficiency index (METHODS.md 2.2): a synthetic
 * multi-year panel with all four layers, every number derived here from the
 * definitions (docs/methods/collaboration.md), independently of the library:
 *  - C1 from network measures validated against sna/igraph in test_network.c;
 *  - C2 and C4 goalpost scores and the corrected coupling degree (Wang et
 *    al. 2021, METHODS.md 2.3) written out in this file;
 *  - C3 with one input and one output: the CCR input-oriented score is the
 *    city's output/input ratio over the best ratio of the year (Charnes,
 *    Cooper & Rhodes 1978), and the CRS Malmquist TFP change is the ratio of
 *    the city's productivity in the two years (Faere et al. 1994), exact.
 */
#include <math.h>
#include <string.h>
#include <govidx.h>
#define GXOOM_LIMIT 2000
#include "gxoom.h"

#define NU 5
#define NY 3
static const char *const units[NU] = {"A", "B", "C", "D", "E"};
static const int years[NY] = {2020, 2021, 2022};

/* Panel values [year][unit]. */
static const double fulfil[NY][NU] = {{50, 80, 90, 20, 60}, {55, 85, 95, 30, NAN}, {60, 90, 99, 40, 70}};
static const double latency[NY][NU] = {{30, 10, 6, 60, 45}, {24, 9, 3, 50, 40}, {18, 6, 3, 70, 30}};
static const double online[NY][NU] = {{40, 90, 70, 10, 55}, {50, 92, 75, 20, 60}, {60, 95, 80, 30, 65}};
static const double entproj[NY][NU] = {{20, 60, 80, 5, 30}, {25, 65, 85, 10, 35}, {30, 70, 90, 15, 40}};
static const double partic[NY][NU] = {{3, 15, 24, 1.5, 6}, {6, 18, 27, 3, 9}, {9, 21, 30, 4.5, 12}};
static const double budget[NY][NU] = {{10, 20, 15, 8, 12}, {11, 21, 15, 8, 12}, {12, 22, 16, NAN, 12}};
static const double services[NY][NU] = {{50, 120, 90, 20, 48}, {60, 126, 105, 24, 60}, {66, 132, 112, 30, 72}};

/* Ties per unit (4 actors: 0 gov-dept, 1 gov-dept, 2 enterprise, 3 social-org);
 * unit E has no actors, so no C1. */
static void add_network(govidx_dataset *ds, int u, int year)
{
    static const int ties[4][6][2] = {
        {{0, 1}, {1, 0}, {0, 2}, {2, 3}, {-1, -1}},            /* A */
        {{0, 1}, {1, 0}, {0, 2}, {2, 0}, {1, 3}, {3, 1}},      /* B: all reciprocated */
        {{0, 2}, {1, 2}, {2, 3}, {3, 0}, {-1, -1}},            /* C */
        {{2, 3}, {-1, -1}},                                    /* D: both depts are silos */
    };
    char from[16], to[16];
    int k;
    for (k = 0; k < 6 && ties[u][k][0] >= 0; k++) {
        govidx_edge e = {.version = GOVIDX_EDGE_VERSION};
        snprintf(from, sizeof from, "%s%d", units[u], ties[u][k][0]);
        snprintf(to, sizeof to, "%s%d", units[u], ties[u][k][1]);
        e.unit = units[u];
        e.year = year;
        e.layer = "data";
        e.from = from;
        e.to = to;
        e.weight = 1;
        GX_ASSERT_OK(govidx_dataset_add_edge(ds, &e));
    }
}

/* The panel over its first ny years (1..NY), without the units whose
 * codes are letters of `drop` (NULL: all five), as a file without them;
 * a_alone_last: in the last year only A's ties are surveyed (B-D keep
 * their actors, with no ties). */
static govidx_dataset *make_panel_sub(size_t ny, const char *drop, int a_alone_last)
{
    static const char *const codes[] = {"request_fulfilment", "request_latency_days", "services_online_rate",
                                        "enterprise_projects_share", "consultation_participation", "budget",
                                        "services"};
    const double(*vals[])[NU] = {fulfil, latency, online, entproj, partic, budget, services};
    static const char *const sectors[4] = {"gov-dept", "gov-dept", "enterprise", "social-org"};
    govidx_dataset *ds = NULL;
    const char *kept[NU];
    size_t j, u, y, nk = 0, row[NU];
    for (u = 0; u < NU; u++)
        if (!drop || !strchr(drop, units[u][0]))
            row[u] = nk, kept[nk++] = units[u];
        else
            row[u] = SIZE_MAX;
    CU_ASSERT_FATAL(govidx_dataset_new(&ds) == GOVIDX_OK);
    GX_ASSERT_OK(govidx_dataset_set_units(ds, nk, kept, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(ds, ny, years));
    for (j = 0; j < 7; j++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        in.code = codes[j];
        in.name = codes[j];
        in.type = GOVIDX_VAR_OTHER;
        GX_ASSERT_OK(govidx_dataset_add_indicator(ds, &in));
    }
    for (j = 0; j < 7; j++) {
        for (y = 0; y < ny; y++)
            for (u = 0; u < NU; u++)
                if (row[u] != SIZE_MAX)
                    GX_ASSERT_OK(govidx_dataset_set_value(ds, row[u], y, j, vals[j][y][u]));
    }
    GX_ASSERT_OK(govidx_dataset_add_dea_var(ds, "budget", 0, 0));
    GX_ASSERT_OK(govidx_dataset_add_dea_var(ds, "services", 1, 0));
    for (u = 0; u < 4; u++)
        for (j = 0; j < 4 && row[u] != SIZE_MAX; j++) {
            char code[16];
            govidx_actor a = {.version = GOVIDX_ACTOR_VERSION};
            snprintf(code, sizeof code, "%s%zu", units[u], j);
            a.code = code;
            a.name = code;
            a.unit = units[u];
            a.sector = sectors[j];
            GX_ASSERT_OK(govidx_dataset_add_actor(ds, &a));
        }
    for (y = 0; y < ny; y++)
        for (u = 0; u < 4; u++)
            if (row[u] != SIZE_MAX && (!a_alone_last || y + 1 < ny || u == 0))
                add_network(ds, (int)u, years[y]);
    return ds;
}

static govidx_dataset *make_panel_years(size_t ny) { return make_panel_sub(ny, NULL, 0); }

static govidx_dataset *make_panel(void) { return make_panel_years(NY); }


static double clip01(double z) { return z < 0 ? 0 : z > 1 ? 1 : z; }

/* Corrected coupling degree of three levels (Wang et al. 2021, METHODS.md 2.3). */
static double coupling_wang3(const double *u)
{
    double mx = fmax(u[0], fmax(u[1], u[2]));
    double spread = (fabs(u[0] - u[1]) + fabs(u[0] - u[2]) + fabs(u[1] - u[2])) / 3.0;
    return sqrt((1 - spread) * pow(u[0] / mx * u[1] / mx * u[2] / mx, 1.0 / 2.0));
}

static void test_all_layers(void)
{
    govidx_dataset *ds = make_panel();
    govidx_result *r = NULL;
    size_t u, y;
    size_t nce, nl, n1, n2, n3, n4, ntfp, nu1, n2f;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, NULL));
    CU_ASSERT_FATAL(r != NULL);
    nce = gx_result_node(r, "CE"), nl = gx_result_node(r, "CE.layers"), n1 = gx_result_node(r, "CE.C1"), n2 = gx_result_node(r, "CE.C2");
    n3 = gx_result_node(r, "CE.C3"), n4 = gx_result_node(r, "CE.C4"), ntfp = gx_result_node(r, "CE.C3.tfpch");
    nu1 = gx_result_node(r, "CE.C4.U1"), n2f = gx_result_node(r, "CE.C2.request_fulfilment");
    for (y = 0; y < NY; y++) {
        double best = 0;
        for (u = 0; u < NU; u++)
            if (!isnan(budget[y][u]))
                best = fmax(best, services[y][u] / budget[y][u]);
        for (u = 0; u < NU; u++) {
            double c1 = NAN, c2, c3, c4, uu[3], ce, acc = 0;
            int layers = 0;
            /* C1 from the validated network measures */
            if (u < 4) {
                govidx_network *net = NULL;
                double v[GOVIDX_NET_N_MEASURES];
                GX_ASSERT_OK(govidx_network_from_dataset(&net, ds, units[u], years[y], NULL));
                GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
                c1 = (v[GOVIDX_NET_DENSITY] + v[GOVIDX_NET_CROSS_SECTOR_SHARE] + (v[GOVIDX_NET_EI_INDEX] + 1) / 2 +
                      (1 - v[GOVIDX_NET_SILO_SHARE]) + v[GOVIDX_NET_RECIPROCITY] +
                      v[GOVIDX_NET_LARGEST_WEAK_SHARE]) / 6;
                govidx_network_free(net);
            }
            /* C2: fulfilment on [0, 100]; latency on [0, 60] with direction -1 */
            if (isnan(fulfil[y][u]))
                c2 = 1 - clip01(latency[y][u] / 60);
            else
                c2 = (fulfil[y][u] / 100 + 1 - clip01(latency[y][u] / 60)) / 2;
            /* C3: ratio over the best ratio; D's budget is missing in 2022 */
            c3 = isnan(budget[y][u]) ? NAN : services[y][u] / budget[y][u] / best;
            /* C4: goalposts [0,100], [0,100], [0,30]; floor 0.01 */
            uu[0] = 0.01 + 0.99 * online[y][u] / 100;
            uu[1] = 0.01 + 0.99 * entproj[y][u] / 100;
            uu[2] = 0.01 + 0.99 * clip01(partic[y][u] / 30);
            c4 = sqrt(coupling_wang3(uu) * (uu[0] + uu[1] + uu[2]) / 3);
            if (!isnan(c1))
                acc += log(c1), layers++;
            acc += log(c2) + log(c4), layers += 2;
            if (!isnan(c3))
                acc += log(c3), layers++;
            ce = exp(acc / layers);
            if (u == 4) {
                CU_ASSERT(isnan(govidx_result_score(r, u, y, n1)));
            } else {
                GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n1), c1, 1e-12);
            }
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n2), c2, 1e-12);
            if (isnan(c3)) {
                CU_ASSERT(isnan(govidx_result_score(r, u, y, n3)));
            } else {
                GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n3), c3, 1e-9);
            }
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n4), c4, 1e-12);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, nu1), online[y][u] / 100, 1e-12);
            if (!isnan(fulfil[y][u]))
                GX_ASSERT_CLOSE(govidx_result_score(r, u, y, n2f), fulfil[y][u] / 100, 1e-12);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, nl), layers, 0);
            /* a count of layers is not ranked: 0 (it was uninitialised memory; issue 20's
             * CLI-vs-Python comparison found it) */
            CU_ASSERT_EQUAL(govidx_result_rank(r, u, y, nl), 0);
            GX_ASSERT_CLOSE(govidx_result_score(r, u, y, nce), ce, 1e-9);
            /* Malmquist TFP change with one input and one output = productivity ratio */
            if (y == 0 || isnan(budget[y][u])) {
                CU_ASSERT(isnan(govidx_result_score(r, u, y, ntfp)));
            } else {
                GX_ASSERT_CLOSE(govidx_result_score(r, u, y, ntfp),
                                (services[y][u] / budget[y][u]) / (services[y - 1][u] / budget[y - 1][u]), 1e-9);
            }
        }
    }
    /* ranks: competition ranking of CE within each year, 1 = best */
    for (y = 0; y < NY; y++)
        for (u = 0; u < NU; u++) {
            size_t better = 0, v;
            for (v = 0; v < NU; v++)
                better += govidx_result_score(r, v, y, nce) > govidx_result_score(r, u, y, nce);
            CU_ASSERT_EQUAL(govidx_result_rank(r, u, y, nce), better + 1);
        }
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_result_method_json(r), "\"aggregation\":\"geometric\""));
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

/* Arithmetic aggregation with weights (2, 1, 1, 0): C4 drops out. */
static void test_arithmetic_weights(void)
{
    govidx_dataset *ds = make_panel();
    govidx_result *r = NULL;
    govidx_collaboration_options o = GOVIDX_COLLABORATION_OPTIONS_INIT;
    static const double w[4] = {2, 1, 1, 0};
    size_t u, nce, n1, n2, n3;
    o.aggregation = GOVIDX_CE_ARITHMETIC;
    o.layer_weights = w;
    o.n_layer_weights = 4;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, &o));
    CU_ASSERT_FATAL(r != NULL);
    nce = gx_result_node(r, "CE"), n1 = gx_result_node(r, "CE.C1"), n2 = gx_result_node(r, "CE.C2"), n3 = gx_result_node(r, "CE.C3");
    for (u = 0; u < 4; u++) {
        double c1 = govidx_result_score(r, u, 0, n1), c2 = govidx_result_score(r, u, 0, n2),
               c3 = govidx_result_score(r, u, 0, n3);
        GX_ASSERT_CLOSE(govidx_result_score(r, u, 0, nce), (2 * c1 + c2 + c3) / 4, 1e-12);
    }
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

static void test_errors(void)
{
    govidx_dataset *ds = make_panel(), *empty = NULL;
    govidx_result *r = NULL;
    govidx_collaboration_options o = GOVIDX_COLLABORATION_OPTIONS_INIT;
    static const double zero[4] = {0, 0, 0, 0}, neg[4] = {1, -1, 1, 1};
    GX_ASSERT_RC(govidx_collaboration_compute(NULL, ds, NULL), GOVIDX_EINVAL);
    o.layer_weights = zero;
    o.n_layer_weights = 4;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    o.layer_weights = neg;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "C2"));
    /* the weights' count must be the number of layers */
    o.layer_weights = zero;
    o.n_layer_weights = 3;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "n_layer_weights is 3"));
    o.n_layer_weights = 5;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    o.layer_weights = NULL;
    o.coupling_floor = 1;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    o.coupling_floor = NAN;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    o = (govidx_collaboration_options)GOVIDX_COLLABORATION_OPTIONS_INIT;
    o.version = 7;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    o.version = 0;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NULL(r);
    /* _init: the defaults of a known version, nothing else */
    GX_ASSERT_RC(govidx_collaboration_options_init(&o, 0), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_collaboration_options_init(&o, GOVIDX_COLLABORATION_OPTIONS_VERSION + 1), GOVIDX_EINVAL);
    GX_ASSERT_OK(govidx_collaboration_options_init(&o, GOVIDX_COLLABORATION_OPTIONS_VERSION));
    CU_ASSERT_EQUAL(o.version, GOVIDX_COLLABORATION_OPTIONS_VERSION);
    CU_ASSERT_PTR_NULL(o.layer_weights);
    CU_ASSERT_EQUAL(o.n_layer_weights, 0);
    GX_ASSERT_CLOSE(o.coupling_floor, 0.01, 0);
    /* a dataset with none of the layers' data */
    GX_ASSERT_OK(govidx_dataset_new(&empty));
    GX_ASSERT_OK(govidx_dataset_set_units(empty, 2, units, NULL));
    GX_ASSERT_OK(govidx_dataset_set_years(empty, 1, years));
    GX_ASSERT_RC(govidx_collaboration_compute(&r, empty, NULL), GOVIDX_EMISSING);
    CU_ASSERT_PTR_NULL(r);
    govidx_dataset_close(empty);
    govidx_dataset_close(ds);
}

/* The shipped framework: codes unique, goalposts ordered, layers 2 or 4. */
/* A city with no positive DEA output (D's services 0 in 2021) no longer
 * stops the run (issue 16): D is left out of that year's C3, listed with
 * the reason under GOVIDX_CE_DEA_LEFT_OUT, and the other cities are scored
 * on a frontier without it - the same C3 as a panel where D's 2021 DEA
 * data are missing.  Other years keep D. */
static void test_dea_zero_output_left_out(void)
{
    govidx_dataset *ds = make_panel(), *ds2 = make_panel();
    govidx_result *r = NULL, *r2 = NULL;
    size_t c3, u;
    GX_ASSERT_OK(govidx_dataset_set_value(ds, 3, 1, 6, 0.0));
    GX_ASSERT_OK(govidx_dataset_set_value(ds2, 3, 1, 6, NAN));
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, NULL));
    GX_ASSERT_OK(govidx_collaboration_compute(&r2, ds2, NULL));
    CU_ASSERT_FATAL(r && r2);
    GX_ASSERT_OK(govidx_result_find_node(&c3, r, "CE.C3"));
    CU_ASSERT(isnan(govidx_result_score(r, 3, 1, c3)));
    CU_ASSERT(!isnan(govidx_result_score(r, 3, 0, c3)));
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 3, 1, GOVIDX_CE_DEA_LEFT_OUT), 1);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r, 3, 1, GOVIDX_CE_DEA_LEFT_OUT, 0), "no positive DEA output");
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 3, 0, GOVIDX_CE_DEA_LEFT_OUT), 0);
    CU_ASSERT_EQUAL(govidx_result_n_labels(r, 0, 1, GOVIDX_CE_DEA_LEFT_OUT), 0);
    CU_ASSERT_STRING_EQUAL(govidx_result_label(r2, 3, 1, GOVIDX_CE_DEA_LEFT_OUT, 0), "a DEA variable is missing");
    for (u = 0; u < NU; u++)
        GX_ASSERT_CLOSE(govidx_result_score(r, u, 1, c3), govidx_result_score(r2, u, 1, c3), 1e-12);
    govidx_result_free(r);
    govidx_result_free(r2);
    govidx_dataset_close(ds);
    govidx_dataset_close(ds2);
}

static void test_framework_table(void)
{
    const govidx_ce_indicator *fw = NULL;
    size_t n = govidx_collaboration_framework(&fw), i, j, sub[4] = {0, 0, 0, 0};
    CU_ASSERT_FATAL(n >= 10 && fw != NULL);
    for (i = 0; i < n; i++) {
        CU_ASSERT(fw[i].goal_high > fw[i].goal_low);
        CU_ASSERT(fw[i].layer == 2 || fw[i].layer == 4);
        CU_ASSERT(fw[i].direction == 1 || fw[i].direction == -1);
        if (fw[i].layer == 4)
            sub[fw[i].subsystem]++;
        for (j = 0; j < i; j++)
            CU_ASSERT(strcmp(fw[i].code, fw[j].code) != 0);
    }
    CU_ASSERT(sub[1] > 0 && sub[2] > 0 && sub[3] > 0);
}

/* Every node, score and rank of result r (over all five units) for the
 * units kept equals those of r2, computed on a file holding only them, to
 * 1e-12; the units left out are missing everywhere and unranked. */
static void assert_same_as_subset(const govidx_result *r, const govidx_result *r2, const char *drop)
{
    size_t u, u2, y, k, k2, nn = govidx_result_n_nodes(r);
    CU_ASSERT_EQUAL_FATAL(govidx_result_n_nodes(r2), nn);
    for (k = 0; k < nn; k++) {
        GX_ASSERT_OK(govidx_result_find_node(&k2, r2, govidx_result_node_code(r, k)));
        CU_ASSERT_EQUAL(k2, k);
    }
    for (y = 0; y < NY; y++)
        for (u = 0, u2 = 0; u < NU; u++) {
            int out = strchr(drop, units[u][0]) != NULL;
            for (k = 0; k < nn; k++) {
                double a = govidx_result_score(r, u, y, k);
                if (out) {
                    CU_ASSERT(isnan(a));
                    CU_ASSERT_EQUAL(govidx_result_rank(r, u, y, k), 0);
                    continue;
                }
                {
                    double b = govidx_result_score(r2, u2, y, k);
                    CU_ASSERT(isnan(a) == isnan(b));
                    if (!isnan(a) && !isnan(b))
                        GX_ASSERT_CLOSE(a, b, 1e-12);
                    CU_ASSERT_EQUAL(govidx_result_rank(r, u, y, k), govidx_result_rank(r2, u2, y, k));
                }
            }
            CU_ASSERT_EQUAL(govidx_result_n_labels(r, u, y, GOVIDX_CE_DEA_LEFT_OUT),
                            out ? 0 : govidx_result_n_labels(r2, u2, y, GOVIDX_CE_DEA_LEFT_OUT));
            u2 += !out;
        }
}

/* exclude / only (options version 2, issue 16): the units are left out
 * before every layer, so C3's frontier (C has the best services/budget
 * ratio in 2021 and 2022) and the Malmquist pairs are formed without it,
 * and the result equals that of a file without those units, for every node
 * (C3, Malmquist, C1's surveyed years, ranks) to 1e-12. */
static void test_exclude_only(void)
{
    govidx_dataset *ds = make_panel(), *without_c = make_panel_sub(NY, "C", 0), *only_ad = make_panel_sub(NY, "BCE", 0);
    govidx_dataset *without_abcd = make_panel_sub(NY, "ABCD", 0);
    govidx_dataset *a_alone = make_panel_sub(NY, NULL, 1), *a_alone_without_a = make_panel_sub(NY, "A", 1);
    static const char *const ex_a[] = {"A"};
    size_t c1;
    govidx_result *r = NULL, *r2 = NULL, *full = NULL;
    govidx_collaboration_options o = GOVIDX_COLLABORATION_OPTIONS_INIT;
    static const char *const ex_c[] = {"C"}, *const only_ad_codes[] = {"D", "A"}, *const only_e[] = {"E"};
    static const char *const bad[] = {"A", "ZZ"};
    size_t c3;
    CU_ASSERT_EQUAL(GOVIDX_COLLABORATION_OPTIONS_VERSION, 2);
    GX_ASSERT_OK(govidx_collaboration_compute(&full, ds, NULL));
    GX_ASSERT_OK(govidx_result_find_node(&c3, full, "CE.C3"));
    o.exclude = ex_c;
    o.n_exclude = 1;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, &o));
    GX_ASSERT_OK(govidx_collaboration_compute(&r2, without_c, NULL));
    CU_ASSERT_FATAL(r && r2 && full);
    assert_same_as_subset(r, r2, "C");
    /* leaving C out moves the frontier: with one input and one output C3 is
     * the ratio services/budget over the year's best; A's 2022 ratio 5.5 is
     * 5.5/7 of C's with C, 5.5/6 of B's without it */
    GX_ASSERT_CLOSE(govidx_result_score(r, 0, 2, c3), (66.0 / 12) / (132.0 / 22), 1e-12);
    GX_ASSERT_CLOSE(govidx_result_score(full, 0, 2, c3), (66.0 / 12) / (112.0 / 16), 1e-12);
    govidx_result_free(r);
    govidx_result_free(r2);
    r = r2 = NULL;
    /* only, listed in any order */
    o = (govidx_collaboration_options)GOVIDX_COLLABORATION_OPTIONS_INIT;
    o.only = only_ad_codes;
    o.n_only = 2;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, &o));
    GX_ASSERT_OK(govidx_collaboration_compute(&r2, only_ad, NULL));
    CU_ASSERT_FATAL(r && r2);
    assert_same_as_subset(r, r2, "BCE");
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_result_method_json(r), "\"only\":[\"D\",\"A\"]"));
    CU_ASSERT_PTR_NULL(strstr(govidx_result_method_json(full), "\"only\""));
    govidx_result_free(r);
    govidx_result_free(r2);
    r = r2 = NULL;
    /* only E, the city without actors: no year is surveyed, as in a file of E alone */
    o.only = only_e;
    o.n_only = 1;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, &o));
    GX_ASSERT_OK(govidx_collaboration_compute(&r2, without_abcd, NULL));
    CU_ASSERT_FATAL(r && r2);
    assert_same_as_subset(r, r2, "ABCD");
    govidx_result_free(r);
    govidx_result_free(r2);
    r = NULL;
    /* C1's surveyed years come from the units kept: in 2022 only A has
     * ties, so without A no city has C1 that year (B-D have actors but the
     * year is not surveyed), as in a file without A */
    o = (govidx_collaboration_options)GOVIDX_COLLABORATION_OPTIONS_INIT;
    o.exclude = ex_a;
    o.n_exclude = 1;
    GX_ASSERT_OK(govidx_collaboration_compute(&r, a_alone, &o));
    GX_ASSERT_OK(govidx_collaboration_compute(&r2, a_alone_without_a, NULL));
    CU_ASSERT_FATAL(r && r2);
    assert_same_as_subset(r, r2, "A");
    GX_ASSERT_OK(govidx_result_find_node(&c1, r, "CE.C1"));
    CU_ASSERT(isnan(govidx_result_score(r, 1, 2, c1)));
    CU_ASSERT(!isnan(govidx_result_score(r, 1, 1, c1)));
    govidx_result_free(r);
    govidx_result_free(r2);
    r = NULL;
    o.exclude = NULL;
    o.n_exclude = 0;
    /* an unknown code is refused, named; a count without a list; none left */
    o.only = bad;
    o.n_only = 2;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(),
                           "collaboration: only names unit 'ZZ', which is not a unit of the dataset");
    CU_ASSERT_PTR_NULL(r);
    o.only = NULL;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "2 units to keep (only) but no list"));
    o.only = only_e;
    o.n_only = 1;
    o.exclude = only_e;
    o.n_exclude = 1;
    GX_ASSERT_RC(govidx_collaboration_compute(&r, ds, &o), GOVIDX_EINVAL);
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "collaboration: exclude/only leave no unit");
    CU_ASSERT_PTR_NULL(r);
    govidx_result_free(full);
    govidx_dataset_close(ds);
    govidx_dataset_close(without_c);
    govidx_dataset_close(only_ad);
    govidx_dataset_close(without_abcd);
    govidx_dataset_close(a_alone);
    govidx_dataset_close(a_alone_without_a);
}

/* The layout of version 1 (the 1.0 header), as a program built then
 * passes it: the library reads only its fields, so the exclude/only of
 * version 2 are never read past its end, and _init(1) writes no further. */
typedef struct ce_options_v1 {
    unsigned version;
    const char *network_layer;
    const govidx_network_options *network;
    govidx_dea_rts dea_rts;
    govidx_dea_orientation dea_orientation;
    govidx_ce_aggregation aggregation;
    const double *layer_weights;
    size_t n_layer_weights;
    int coupling_traditional;
    double coupling_floor;
} ce_options_v1;

static void test_options_v1(void)
{
    govidx_dataset *ds = make_panel();
    govidx_result *r1 = NULL, *r = NULL;
    static const double w[4] = {2, 1, 1, 0};
    struct {
        ce_options_v1 o;
        unsigned char tail[64];
    } v1;
    govidx_collaboration_options cur = GOVIDX_COLLABORATION_OPTIONS_INIT;
    size_t u, y, k;
    memset(&v1, 0xA5, sizeof v1); /* garbage where version 2's fields would be */
    GX_ASSERT_OK(govidx_collaboration_options_init((govidx_collaboration_options *)&v1.o, 1));
    CU_ASSERT_EQUAL(v1.o.version, 1);
    GX_ASSERT_CLOSE(v1.o.coupling_floor, 0.01, 0);
    for (k = 0; k < sizeof v1.tail; k++)
        CU_ASSERT_EQUAL(v1.tail[k], 0xA5);
    v1.o.aggregation = GOVIDX_CE_ARITHMETIC;
    v1.o.layer_weights = w;
    v1.o.n_layer_weights = 4;
    cur.aggregation = GOVIDX_CE_ARITHMETIC;
    cur.layer_weights = w;
    cur.n_layer_weights = 4;
    GX_ASSERT_OK(govidx_collaboration_compute(&r1, ds, (const govidx_collaboration_options *)&v1.o));
    GX_ASSERT_OK(govidx_collaboration_compute(&r, ds, &cur));
    CU_ASSERT_FATAL(r1 && r);
    for (y = 0; y < NY; y++)
        for (u = 0; u < NU; u++)
            for (k = 0; k < govidx_result_n_nodes(r); k++) {
                double a = govidx_result_score(r1, u, y, k), b = govidx_result_score(r, u, y, k);
                CU_ASSERT(isnan(a) == isnan(b));
                if (!isnan(a))
                    CU_ASSERT_EQUAL(a, b);
            }
    govidx_result_free(r1);
    govidx_result_free(r);
    govidx_dataset_close(ds);
}

static govidx_dataset *oom_ds;
static int oom_call(void)
{
    govidx_result *r = NULL;
    int rc = govidx_collaboration_compute(&r, oom_ds, NULL);
    govidx_result_free(r);
    return rc;
}

/* Two years keep every path (networks, DEA, Malmquist, coupling) and halve
 * the quadratic cost of failing each allocation in turn. */
static void test_oom(void)
{
    oom_ds = make_panel_years(2);
    check_oom(oom_call);
    govidx_dataset_close(oom_ds);
}

static CU_TestInfo tests[] = {{"all four layers on a 3-year panel", test_all_layers},
                              {"arithmetic aggregation, layer weights", test_arithmetic_weights},
                              {"errors", test_errors},
                              {"DEA: a zero-output city left out and listed", test_dea_zero_output_left_out},
                              {"exclude / only equal a file without the units", test_exclude_only},
                              {"a version-1 options struct", test_options_v1},
    {"framework table", test_framework_table},
                              {"allocation failures", test_oom},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"collaboration", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

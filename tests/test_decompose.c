/*
 * Tests of the year-on-year change decomposition (govidx/decompose.h).
 * The hand-worked examples have their arithmetic written out next to them;
 * the Shapley values are also checked against a brute-force enumeration of
 * all orders of the players, computed here through the public
 * govidx_aggregate (a different path from the library's subset sums).
 */
#include <govidx.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gxoom.h"

/* Three units A, B, C, two years (2023, 2024), three indicators; raw
 * values are used as they are (normalize.method none).  Column-major per
 * year: x1 of A, B, C, then x2, then x3. */
static const double Y23[9] = {1, 2, 3, /* x1 */ 2, 2, 1, /* x2 */ 3, 1, 2 /* x3 */};
static const double Y24[9] = {3, 2, 4, /* x1 */ 2, 5, 1, /* x2 */ 6, 1, 1 /* x3 */};
static const char *const codes[3] = {"A", "B", "C"};
static const int years[2] = {2023, 2024};

/* Tree: I <- {P (weight 2), x3 (weight 1)}, P <- {x1 (1), x2 (1)}. */
static govidx_framework *tree(void)
{
    govidx_framework *fw = NULL;
    GX_ASSERT_OK(govidx_framework_new(&fw));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x1", "P", 1, 1, 0));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x2", "P", 1, 1, 1));
    GX_ASSERT_OK(govidx_framework_add_indicator(fw, "x3", "I", 1, 1, 2));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "P", "I", 2));
    GX_ASSERT_OK(govidx_framework_add_aggregate(fw, "I", NULL, 1));
    GX_ASSERT_OK(govidx_framework_seal(fw));
    return fw;
}

/* Run the tree on the two years with the method spec `spec` (JSON) and
 * per-node aggregation overrides (node, method) pairs, NULL-terminated. */
static void run(govidx_plan **plan, govidx_result **res, const double *y23, const double *y24, const char *spec,
                const char *const *agg)
{
    govidx_framework *fw = tree();
    govidx_method *m = NULL;
    govidx_matrix_view v[2] = {govidx_matrix_view_array(y23, 3, 3), govidx_matrix_view_array(y24, 3, 3)};
    govidx_panel panel = GOVIDX_PANEL_INIT;
    panel.n_years = 2;
    panel.years = v;
    panel.year_labels = years;
    panel.unit_codes = codes;
    GX_ASSERT_OK(govidx_method_from_json(&m, spec));
    for (; agg && agg[0]; agg += 2)
        GX_ASSERT_OK(govidx_method_set_node(m, agg[0], "aggregate.method", agg[1]));
    GX_ASSERT_OK(govidx_plan_new(plan, fw, m, &panel));
    GX_ASSERT_OK(govidx_execute(res, *plan, &panel));
    govidx_method_free(m);
    govidx_framework_free(fw);
}

static const char *const NONE_SPEC = "{\"normalize\": {\"method\": \"none\"}}";

static govidx_decomposition *decompose(const govidx_plan *p, const govidx_result *r)
{
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    govidx_decomposition *d = NULL;
    o.from_year = 2023;
    o.to_year = 2024;
    GX_ASSERT_OK(govidx_decompose(&d, p, r, &o));
    return d;
}

static size_t node(const govidx_decomposition *d, const char *code)
{
    size_t k = (size_t)-1;
    GX_ASSERT_OK(govidx_decomposition_find_node(&k, d, code));
    return k;
}

/* The leaves' contributions sum to the root's change, for every unit. */
static void assert_leaves_sum(const govidx_decomposition *d, double tol)
{
    size_t root = node(d, "I"), u;
    for (u = 0; u < govidx_decomposition_n_units(d); u++) {
        double s = govidx_decomposition_contribution(d, u, node(d, "x1")) +
                   govidx_decomposition_contribution(d, u, node(d, "x2")) +
                   govidx_decomposition_contribution(d, u, node(d, "x3"));
        GX_ASSERT_CLOSE(s, govidx_decomposition_change(d, u, root), tol);
        /* and the pillar's children sum to the pillar's contribution */
        GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, u, node(d, "x1")) +
                            govidx_decomposition_contribution(d, u, node(d, "x2")),
                        govidx_decomposition_contribution(d, u, node(d, "P")), tol);
    }
}

/*
 * Arithmetic everywhere.  Unit A: P23 = (1 + 2)/2 = 1.5, P24 = (3 + 2)/2 =
 * 2.5; I23 = (2 x 1.5 + 1 x 3)/3 = 2, I24 = (2 x 2.5 + 6)/3 = 11/3; change
 * 5/3.  P contributes 2/3 x (2.5 - 1.5) = 2/3, x3 contributes 1/3 x (6 - 3)
 * = 1 (sum 5/3).  Within P, x1 moves P by 1/2 x (3 - 1) = 1 (local) and so
 * contributes 2/3 x 1 = 2/3 to I; x2 did not move: 0.
 */
static void test_linear(void)
{
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    run(&p, &r, Y23, Y24, NONE_SPEC, NULL);
    govidx_decomposition *d = decompose(p, r);
    size_t a = 9, I = node(d, "I"), P = node(d, "P");
    GX_ASSERT_OK(govidx_decomposition_find_unit(&a, d, "A"));
    GX_ASSERT_CLOSE(govidx_decomposition_score_from(d, a, I), 2.0, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_score_to(d, a, I), 11.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_change(d, a, I), 5.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, I), 5.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, P), 2.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_local(d, a, P), 2.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, node(d, "x3")), 1.0, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_local(d, a, node(d, "x1")), 1.0, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, node(d, "x1")), 2.0 / 3, 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, node(d, "x2")), 0.0, 1e-12);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, a, I), GOVIDX_DECOMP_LINEAR);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, a, P), GOVIDX_DECOMP_LINEAR);
    CU_ASSERT_EQUAL(govidx_decomposition_breaks(d, GOVIDX_DECOMP_ALL), 0u);
    GX_ASSERT_CLOSE(govidx_decomposition_weight_effect(d, a, I), 0.0, 0.0);
    /* Ranks of I: 2023 A 2, B 4/3 ... computed: B I23 = (2 x 2 + 1)/3 = 5/3,
     * C I23 = (2 x 2 + 2)/3 = 2 (ties A: both rank 1); 2024 A 11/3, B
     * (2 x 3.5 + 1)/3 = 8/3, C (2 x 2.5 + 1)/3 = 2: A 1, B 2, C 3. */
    CU_ASSERT_EQUAL(govidx_decomposition_rank_from(d, a, I), 1);
    CU_ASSERT_EQUAL(govidx_decomposition_rank_to(d, a, I), 1);
    size_t c = 9;
    GX_ASSERT_OK(govidx_decomposition_find_unit(&c, d, "C"));
    CU_ASSERT_EQUAL(govidx_decomposition_rank_from(d, c, I), 1);
    CU_ASSERT_EQUAL(govidx_decomposition_rank_to(d, c, I), 3);
    CU_ASSERT_EQUAL(govidx_decomposition_rank_change(d, c, I), 2);
    assert_leaves_sum(d, 1e-12);
    CU_ASSERT_EQUAL(govidx_decomposition_parent(d, node(d, "x1")), P);
    CU_ASSERT_EQUAL(govidx_decomposition_parent(d, P), I);
    CU_ASSERT_EQUAL(govidx_decomposition_parent(d, I), (size_t)-1);
    CU_ASSERT_EQUAL(govidx_decomposition_root(d, node(d, "x1")), I);
    CU_ASSERT_EQUAL(govidx_decomposition_is_indicator(d, node(d, "x3")), 1);
    CU_ASSERT_EQUAL(govidx_decomposition_is_indicator(d, P), 0);
    CU_ASSERT_EQUAL(govidx_decomposition_is_indicator(d, 99), 0);

    /* top contributors of A: x3 (1) then x1 (2/3); no negative one */
    size_t top[3], n = 9;
    GX_ASSERT_OK(govidx_decomposition_top(top, &n, 3, d, a, I, +1));
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(govidx_decomposition_node_code(d, top[0]), "x3");
    CU_ASSERT_STRING_EQUAL(govidx_decomposition_node_code(d, top[1]), "x1");
    GX_ASSERT_OK(govidx_decomposition_top(top, &n, 3, d, a, I, -1));
    CU_ASSERT_EQUAL(n, 0);
    /* C: x3 fell 2 -> 1 (contributes -1/3), x1 rose 3 -> 4 (2/3 x 1/2 = 1/3) */
    GX_ASSERT_OK(govidx_decomposition_top(top, &n, 1, d, c, I, -1));
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(govidx_decomposition_node_code(d, top[0]), "x3");
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, c, top[0]), -1.0 / 3, 1e-12);
    /* under the pillar P only: x1 (+1/3) for C; x3 is not under P */
    GX_ASSERT_OK(govidx_decomposition_top(top, &n, 3, d, c, P, +1));
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(govidx_decomposition_node_code(d, top[0]), "x1");
    GX_ASSERT_OK(govidx_decomposition_top(top, &n, 3, d, c, P, -1));
    CU_ASSERT_EQUAL(n, 0);

    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/*
 * Geometric root over (P, x3) with weights 2 and 1 (shares 2/3, 1/3), P
 * arithmetic.  Unit A: P 1.5 -> 2.5, x3 3 -> 6.  ln I changes by
 * 2/3 ln(2.5/1.5) + 1/3 ln 2, and each child's share of the change of I is
 * its share of the log change (LMDI-I):
 *   share(P) = 2/3 ln(5/3) / (2/3 ln(5/3) + 1/3 ln 2)
 *            = 0.3405504 / (0.3405504 + 0.2310491) = 0.5957850.
 */
static void test_log(void)
{
    static const char *const agg[] = {"I", "geometric", NULL};
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    run(&p, &r, Y23, Y24, NONE_SPEC, agg);
    govidx_decomposition *d = decompose(p, r);
    size_t a = 0, I = node(d, "I"), P = node(d, "P");
    double I23 = pow(1.5, 2.0 / 3) * pow(3.0, 1.0 / 3), I24 = pow(2.5, 2.0 / 3) * pow(6.0, 1.0 / 3);
    GX_ASSERT_CLOSE(govidx_decomposition_change(d, a, I), I24 - I23, 1e-12);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, a, I), GOVIDX_DECOMP_LOG);
    double lp = 2.0 / 3 * log(5.0 / 3), lx = 1.0 / 3 * log(2.0);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, P), (I24 - I23) * lp / (lp + lx), 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, P) / (I24 - I23), 0.5957850, 1e-7);
    GX_ASSERT_CLOSE(govidx_decomposition_contribution(d, a, node(d, "x3")), (I24 - I23) * lx / (lp + lx), 1e-12);
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* Value of the coalition `mask` of P's children for unit u: govidx_aggregate
 * on the mixed row (to-year values for the players in the mask). */
static double coalition(const double *y23, const double *y24, size_t u, unsigned mask,
                        const govidx_aggregate_options *o)
{
    double z[2], out, w[2] = {1, 1};
    for (int c = 0; c < 2; c++)
        z[c] = (mask >> c) & 1u ? y24[c * 3 + u] : y23[c * 3 + u];
    GX_ASSERT_OK(govidx_aggregate(&out, NULL, govidx_matrix_view_array(z, 1, 2), w, o));
    return out;
}

/*
 * P as a generalised mean with p = 2 (no closed form): Shapley values.
 * Unit B: x1 2 -> 2 does not move (a dummy player: Shapley gives it 0), x2
 * 2 -> 5.  Unit A by hand: v(none) = sqrt((1 + 4)/2), v(x1) = sqrt((9 + 4)/2),
 * v(x2) = v(none) (x2 stays 2), v(both) = sqrt((9 + 4)/2); so x1 gets
 * 1/2 [(v(x1) - v(none)) + (v(both) - v(x2))] = sqrt(6.5) - sqrt(2.5)
 * = 2.5495098 - 1.5811388 = 0.9683710, and x2 gets 0.
 * Every unit is also checked against the enumeration of both orders.
 */
static void test_shapley(void)
{
    static const char *const agg[] = {"P", "generalized", NULL};
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    govidx_method *m = NULL;
    run(&p, &r, Y23, Y24, "{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"p\": 2}}", agg);
    govidx_decomposition *d = decompose(p, r);
    size_t P = node(d, "P"), x1 = node(d, "x1"), x2 = node(d, "x2"), u;
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 0, P), GOVIDX_DECOMP_SHAPLEY);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 0, node(d, "I")), GOVIDX_DECOMP_LINEAR);
    GX_ASSERT_CLOSE(govidx_decomposition_local(d, 0, x1), sqrt(6.5) - sqrt(2.5), 1e-12);
    GX_ASSERT_CLOSE(govidx_decomposition_local(d, 0, x1), 0.9683710, 1e-7);
    GX_ASSERT_CLOSE(govidx_decomposition_local(d, 0, x2), 0.0, 1e-12);
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_GENERALIZED;
    o.p = 2;
    for (u = 0; u < 3; u++) {
        /* orders (x1, x2) and (x2, x1) */
        double v0 = coalition(Y23, Y24, u, 0, &o), v1 = coalition(Y23, Y24, u, 1, &o);
        double v2 = coalition(Y23, Y24, u, 2, &o), v12 = coalition(Y23, Y24, u, 3, &o);
        double phi1 = 0.5 * ((v1 - v0) + (v12 - v2)), phi2 = 0.5 * ((v12 - v1) + (v2 - v0));
        GX_ASSERT_CLOSE(govidx_decomposition_local(d, u, x1), phi1, 1e-12);
        GX_ASSERT_CLOSE(govidx_decomposition_local(d, u, x2), phi2, 1e-12);
        GX_ASSERT_CLOSE(phi1 + phi2, govidx_decomposition_change(d, u, P), 1e-12);
    }
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_method_free(m);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* Brute force over all orders of n players: each order's marginal
 * contributions, averaged.  v[mask] is the coalition's value. */
static void shapley_orders(double *phi, const double *v, int n)
{
    int perm[8], i, count = 0;
    for (i = 0; i < n; i++) {
        perm[i] = i;
        phi[i] = 0.0;
    }
    for (;;) {
        unsigned mask = 0;
        for (i = 0; i < n; i++) {
            unsigned next = mask | (1u << perm[i]);
            phi[perm[i]] += v[next] - v[mask];
            mask = next;
        }
        count++;
        /* next permutation (lexicographic) */
        int k = n - 2, l = n - 1, t;
        while (k >= 0 && perm[k] > perm[k + 1])
            k--;
        if (k < 0)
            break;
        while (perm[l] < perm[k])
            l--;
        t = perm[k], perm[k] = perm[l], perm[l] = t;
        for (i = k + 1, l = n - 1; i < l; i++, l--)
            t = perm[i], perm[i] = perm[l], perm[l] = t;
    }
    for (i = 0; i < n; i++)
        phi[i] /= count;
}

/*
 * Harmonic root over (P, x3) where unit C's x3 is missing in 2023: the
 * renormalised weights differ between the years, so even the arithmetic P
 * ... is unaffected, but the root has no closed form: Shapley, compared
 * with the enumeration of both orders, and the sum still exact.  A third
 * check: an arithmetic root with the same missing cell is Shapley too
 * (the weights renormalise), and its values sum to the change.
 */
static void test_missing_and_enumeration(void)
{
    static const char *const agg[] = {"I", "harmonic", NULL};
    double y23[9];
    memcpy(y23, Y23, sizeof y23);
    y23[8] = NAN; /* x3 of C in 2023 */
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    run(&p, &r, y23, Y24, NONE_SPEC, agg);
    govidx_decomposition *d = decompose(p, r);
    size_t I = node(d, "I"), P = node(d, "P"), x3 = node(d, "x3"), u;
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 2, I), GOVIDX_DECOMP_SHAPLEY);
    CU_ASSERT(govidx_decomposition_breaks(d, 2) & GOVIDX_BREAK_INDICATORS);
    CU_ASSERT_EQUAL(govidx_decomposition_breaks(d, 0), 0u);
    char names[64];
    CU_ASSERT_EQUAL(govidx_break_names(names, sizeof names, govidx_decomposition_breaks(d, 2)), strlen("indicators"));
    CU_ASSERT_STRING_EQUAL(names, "indicators");
    govidx_aggregate_options o = GOVIDX_AGGREGATE_OPTIONS_INIT;
    o.method = GOVIDX_AGG_HARMONIC;
    for (u = 0; u < 3; u++) {
        double v[4], phi[2], w[2] = {2, 1};
        for (unsigned mask = 0; mask < 4; mask++) {
            double z[2];
            z[0] = govidx_result_score(r, u, mask & 1u ? 1 : 0, P);
            z[1] = govidx_result_score(r, u, mask & 2u ? 1 : 0, x3);
            GX_ASSERT_OK(govidx_aggregate(&v[mask], NULL, govidx_matrix_view_array(z, 1, 2), w, &o));
        }
        shapley_orders(phi, v, 2);
        GX_ASSERT_CLOSE(govidx_decomposition_local(d, u, P), phi[0], 1e-12);
        GX_ASSERT_CLOSE(govidx_decomposition_local(d, u, x3), phi[1], 1e-12);
        GX_ASSERT_CLOSE(phi[0] + phi[1], govidx_decomposition_change(d, u, I), 1e-12);
    }
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);

    run(&p, &r, y23, Y24, NONE_SPEC, NULL);
    d = decompose(p, r);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 2, I), GOVIDX_DECOMP_SHAPLEY);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 0, I), GOVIDX_DECOMP_LINEAR);
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/*
 * Sampled Shapley values (shapley_max_players below the node's players):
 * each sampled order telescopes, so the sum is still the change to
 * rounding; with 20000 orders the estimate is near the exact value.  And
 * TOPSIS (closeness depends on every unit): exact Shapley sums.
 */
static void test_sampled_and_relative(void)
{
    static const char *const agg[] = {"P", "generalized", NULL};
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    run(&p, &r, Y23, Y24, "{\"normalize\": {\"method\": \"none\"}, \"aggregate\": {\"p\": 3}}", agg);
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    govidx_decomposition *exact = decompose(p, r), *d = NULL;
    o.from_year = 2023;
    o.to_year = 2024;
    o.shapley_max_players = 1;
    o.shapley_samples = 20000;
    GX_ASSERT_OK(govidx_decompose(&d, p, r, &o));
    size_t P = node(d, "P"), x1 = node(d, "x1"), u;
    for (u = 0; u < 3; u++) {
        CU_ASSERT_EQUAL(govidx_decomposition_method(d, u, P), GOVIDX_DECOMP_SHAPLEY_SAMPLED);
        CU_ASSERT_EQUAL(govidx_decomposition_method(d, u, node(d, "I")), GOVIDX_DECOMP_LINEAR);
        GX_ASSERT_CLOSE(govidx_decomposition_local(d, u, x1), govidx_decomposition_local(exact, u, x1), 0.05);
    }
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_decomposition_free(exact);
    govidx_result_free(r);
    govidx_plan_free(p);

    static const char *const topsis[] = {"I", "topsis", NULL};
    run(&p, &r, Y23, Y24, NONE_SPEC, topsis);
    d = decompose(p, r);
    CU_ASSERT_EQUAL(govidx_decomposition_method(d, 0, node(d, "I")), GOVIDX_DECOMP_SHAPLEY);
    assert_leaves_sum(d, 1e-12);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* Weights derived per year (entropy, weights.pooled = no): the weights
 * differ between the years, a series break for every unit, and the
 * weights player's share is reported; contributions still sum. */
static void test_weights_break(void)
{
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    run(&p, &r, Y23, Y24,
        "{\"normalize\": {\"method\": \"minmax\"}, \"weights\": {\"method\": \"entropy\", \"pooled\": \"no\"}}",
        NULL);
    govidx_decomposition *d = decompose(p, r);
    size_t I = node(d, "I"), P = node(d, "P"), u;
    CU_ASSERT(govidx_decomposition_breaks(d, GOVIDX_DECOMP_ALL) & GOVIDX_BREAK_WEIGHTS);
    for (u = 0; u < 3; u++) {
        CU_ASSERT(govidx_decomposition_breaks(d, u) & GOVIDX_BREAK_WEIGHTS);
        if (isnan(govidx_decomposition_change(d, u, I)))
            continue;
        CU_ASSERT_EQUAL(govidx_decomposition_method(d, u, I), GOVIDX_DECOMP_SHAPLEY);
        /* children + the weights effects of I and P = the change */
        double s = govidx_decomposition_contribution(d, u, node(d, "x1")) +
                   govidx_decomposition_contribution(d, u, node(d, "x2")) +
                   govidx_decomposition_contribution(d, u, node(d, "x3")) +
                   govidx_decomposition_weight_effect(d, u, I) + govidx_decomposition_weight_effect(d, u, P);
        GX_ASSERT_CLOSE(s, govidx_decomposition_change(d, u, I), 1e-12);
    }
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* Bad input: named errors, nothing returned. */
static void test_errors(void)
{
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    govidx_decomposition *d = (govidx_decomposition *)&d;
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    run(&p, &r, Y23, Y24, NONE_SPEC, NULL);
    o.from_year = 2023;
    o.to_year = 2023;
    GX_ASSERT_RC(govidx_decompose(&d, p, r, &o), GOVIDX_EINVAL);
    CU_ASSERT_PTR_NULL(d);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "2023"));
    o.to_year = 2031;
    GX_ASSERT_RC(govidx_decompose(&d, p, r, &o), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "2031"));
    o.to_year = 2024;
    GX_ASSERT_RC(govidx_decompose(&d, NULL, r, &o), GOVIDX_EINVAL);
    GX_ASSERT_RC(govidx_decompose(NULL, p, r, &o), GOVIDX_EINVAL);
    o.version = 99;
    GX_ASSERT_RC(govidx_decompose(&d, p, r, &o), GOVIDX_EINVAL);
    o.version = GOVIDX_DECOMPOSE_OPTIONS_VERSION;
    o.shapley_max_players = 21;
    GX_ASSERT_RC(govidx_decompose(&d, p, r, &o), GOVIDX_EINVAL);
    o.shapley_max_players = 12;
    o.from_method_json = "{\"normalize\": {\"method\": \"nonsense\"}}";
    GX_ASSERT_RC(govidx_decompose(&d, p, r, &o), GOVIDX_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "nonsense"));
    /* a different published method is a break; the same one (other spelling) is not */
    o.from_method_json = "{\"normalize\": {\"method\": \"minmax\"}}";
    GX_ASSERT_OK(govidx_decompose(&d, p, r, &o));
    CU_ASSERT_EQUAL(govidx_decomposition_breaks(d, 1), GOVIDX_BREAK_METHOD);
    govidx_decomposition_free(d);
    o.from_method_json = "{\"normalize\":{\"method\":\"none\"}}";
    GX_ASSERT_OK(govidx_decompose(&d, p, r, &o));
    CU_ASSERT_EQUAL(govidx_decomposition_breaks(d, GOVIDX_DECOMP_ALL), 0u);
    size_t k;
    GX_ASSERT_RC(govidx_decomposition_find_node(&k, d, "nope"), GOVIDX_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "nope"));
    CU_ASSERT(isnan(govidx_decomposition_change(d, 99, 0)));
    CU_ASSERT_PTR_NULL(govidx_decomposition_unit_code(d, 3));
    CU_ASSERT_STRING_EQUAL(govidx_decomp_method_name(GOVIDX_DECOMP_SHAPLEY_SAMPLED), "shapley-sampled");
    CU_ASSERT_PTR_NULL(govidx_decomp_method_name((govidx_decomp_method)9));
    govidx_decomposition_free(d);
    govidx_decomposition_free(NULL);
    govidx_decompose_options init;
    GX_ASSERT_OK(govidx_decompose_options_init(&init, 1));
    CU_ASSERT_EQUAL(init.shapley_max_players, 12);
    CU_ASSERT_EQUAL(init.shapley_samples, 4096);
    GX_ASSERT_RC(govidx_decompose_options_init(&init, 2), GOVIDX_EINVAL);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* The CSV: header and unit A's root row, read back. */
static void test_csv(void)
{
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    char path[] = "/tmp/gx_decompose_XXXXXX", line[512];
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    run(&p, &r, Y23, Y24, NONE_SPEC, NULL);
    govidx_decomposition *d = decompose(p, r);
    GX_ASSERT_OK(govidx_decomposition_write_csv(d, path));
    FILE *f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    CU_ASSERT_STRING_EQUAL(line, "unit,node,parent,from_year,to_year,score_from,score_to,change,rank_from,rank_to,"
                                 "rank_change,contribution,local,weight_effect,method,breaks\n");
    int found = 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "A,I,,", 5)) {
            found = 1;
            CU_ASSERT_STRING_EQUAL(line, "A,I,,2023,2024,2,3.6666666666666665,1.6666666666666665,1,1,0,"
                                         "1.6666666666666665,,0,linear,\n");
        }
    CU_ASSERT(found);
    fclose(f);
    unlink(path);
    GX_ASSERT_RC(govidx_decomposition_write_csv(d, "/nonexistent-dir/x.csv"), GOVIDX_EIO);
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

/* Significant digits of a decimal text ("0.0625" 3, "-1.5e-7" 2, "300" 1). */
static int sig_digits(const char *t)
{
    int n = 0, lead = 1, trail = 0;
    for (; *t && *t != 'e'; t++) {
        if (*t < '0' || *t > '9')
            continue;
        if (lead && *t == '0')
            continue;
        lead = 0;
        n++;
        trail = *t == '0' ? trail + 1 : 0;
    }
    return n - trail;
}

/*
 * Every number of the decomposition CSV, read back with strtod, is the very
 * double in memory (bit for bit), and is the shortest such text: with one
 * significant digit fewer, printf's %.*g no longer reads back as it (the
 * round-trip property of Steele & White 1990, "How to print floating-point
 * numbers accurately", checked here with the C library, not with
 * double-conversion).  2/3 is "0.6666666666666666", not %.17g's
 * "0.66666666666666663".
 */
static void test_csv_round_trip(void)
{
    static const int col[6] = {5, 6, 7, 11, 12, 13};
    govidx_plan *p = NULL;
    govidx_result *r = NULL;
    char path[] = "/tmp/gx_decompose_XXXXXX", line[1024];
    size_t checked = 0, short_ones = 0, bad_bits = 0, not_shortest = 0, rows = 0;
    int fd = mkstemp(path);
    FILE *f;
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    run(&p, &r, Y23, Y24, NONE_SPEC, NULL);
    govidx_decomposition *d = decompose(p, r);
    GX_ASSERT_OK(govidx_decomposition_write_csv(d, path));
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char *field[16], *c = line;
        size_t nf = 0, u, k, i;
        line[strcspn(line, "\n")] = '\0';
        field[nf++] = c;
        for (; *c && nf < 16; c++)
            if (*c == ',') {
                *c = '\0';
                field[nf++] = c + 1;
            }
        CU_ASSERT_EQUAL_FATAL(nf, 16);
        for (u = 0; u < 3 && strcmp(codes[u], field[0]); u++)
            ;
        CU_ASSERT_FATAL(u < 3);
        k = node(d, field[1]);
        rows++;
        for (i = 0; i < 6; i++) {
            double want = i == 0   ? govidx_decomposition_score_from(d, u, k)
                          : i == 1 ? govidx_decomposition_score_to(d, u, k)
                          : i == 2 ? govidx_decomposition_change(d, u, k)
                          : i == 3 ? govidx_decomposition_contribution(d, u, k)
                          : i == 4 ? govidx_decomposition_local(d, u, k)
                          : field[1][0] == 'x' ? NAN /* an indicator has no weight effect */
                                               : govidx_decomposition_weight_effect(d, u, k);
            const char *t = field[col[i]];
            double got;
            char *end, fewer[400];
            int sig;
            if (isnan(want)) {
                CU_ASSERT_STRING_EQUAL(t, "");
                continue;
            }
            got = strtod(t, &end);
            CU_ASSERT(*t != '\0' && *end == '\0');
            bad_bits += memcmp(&got, &want, sizeof got) != 0;
            sig = sig_digits(t);
            if (sig > 1) {
                snprintf(fewer, sizeof fewer, "%.*g", sig - 1, want);
                not_shortest += strtod(fewer, NULL) == want;
            }
            short_ones += sig < 17 && want != floor(want);
            checked++;
        }
    }
    fclose(f);
    unlink(path);
    CU_ASSERT_EQUAL(rows, 3 * 5);
    CU_ASSERT(checked >= 70);
    CU_ASSERT_EQUAL(bad_bits, 0);
    CU_ASSERT_EQUAL(not_shortest, 0);
    CU_ASSERT(short_ones > 0); /* e.g. 2/3 in 16 digits */
    govidx_decomposition_free(d);
    govidx_result_free(r);
    govidx_plan_free(p);
}

static govidx_plan *oom_plan;
static govidx_result *oom_result;
static int oom_call(void)
{
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    govidx_decomposition *d = NULL;
    o.from_year = 2023;
    o.to_year = 2024;
    int rc = govidx_decompose(&d, oom_plan, oom_result, &o);
    govidx_decomposition_free(d);
    return rc;
}

static void test_oom(void)
{
    static const char *const agg[] = {"P", "harmonic", NULL};
    run(&oom_plan, &oom_result, Y23, Y24, NONE_SPEC, agg);
    (void)govidx_result_rank(oom_result, 0, 0, 0); /* ranks computed outside the injected allocator */
    check_oom(oom_call);
    govidx_result_free(oom_result);
    govidx_plan_free(oom_plan);
}

static CU_TestInfo tests[] = {{"arithmetic: exact differences (hand-worked)", test_linear},
                              {"geometric: log decomposition (hand-worked)", test_log},
                              {"Shapley values (hand-worked, enumerated)", test_shapley},
                              {"missing child: Shapley vs enumeration", test_missing_and_enumeration},
                              {"sampled Shapley and TOPSIS", test_sampled_and_relative},
                              {"per-year weights: break and weight effect", test_weights_break},
                              {"errors", test_errors},
                              {"CSV", test_csv},
                              {"CSV numbers read back bit for bit, shortest", test_csv_round_trip},
                              {"allocation failures", test_oom},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"decompose", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

/*
 * The network measures that use reachability (strong components,
 * hierarchy, least-upper-boundedness, Krackhardt efficiency,
 * connectedness, weak components, global efficiency) against a
 * straightforward reference written here from the definitions in
 * docs/methods/network.md: reachability by Warshall's algorithm,
 * distances by Floyd-Warshall, LUB by testing, for every pair, every
 * upper bound against every other (O(n^4)).  The library's fast path
 * (Tarjan's strong components, source components of the condensation)
 * must give the same numbers, to the last bit for the counting measures,
 * on random graphs of several sizes and densities: with cycles, isolates,
 * several self-contained components, DAG-like hierarchies, trees,
 * repeated ties and self-ties.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <govidx.h>
#include "gxtest.h"

/* A small deterministic generator (splitmix64), so failures reproduce. */
static uint64_t rng_state;
static uint64_t next_u64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
static double unif(void) { return (double)(next_u64() >> 11) / 9007199254740992.0; }
static size_t below(size_t n) { return (size_t)(next_u64() % n); }

typedef struct ref {
    double weak, strong, lstrong, conn, hier, eff, lub, geff, geff_u;
} ref;

/* Reference measures of the simple graph adj (n x n, no diagonal). */
static void reference(const unsigned char *adj, size_t n, ref *out)
{
    unsigned char *r = calloc(n * n, 1);
    size_t *du = malloc(n * n * sizeof *du), *dd = malloc(n * n * sizeof *dd), *comp = malloc(n * sizeof *comp);
    size_t i, j, k, l, m = 0, ncomp = 0, nstrong = 0, lstrong = 0;
    double pairs = (double)n * (double)(n - 1), conn = 0, req = 0, maxv = 0, nolub = 0, maxnolub = 0;
    double hm = 0, ha = 0, geff = 0, geffu = 0;
    const size_t INF = (size_t)-1;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            r[i * n + j] = i == j || adj[i * n + j];
            m += adj[i * n + j];
            dd[i * n + j] = i == j ? 0 : adj[i * n + j] ? 1 : INF;
            du[i * n + j] = i == j ? 0 : adj[i * n + j] || adj[j * n + i] ? 1 : INF;
        }
    for (k = 0; k < n; k++) /* Warshall and Floyd-Warshall */
        for (i = 0; i < n; i++)
            for (j = 0; j < n; j++) {
                if (r[i * n + k] && r[k * n + j])
                    r[i * n + j] = 1;
                if (dd[i * n + k] != INF && dd[k * n + j] != INF && dd[i * n + k] + dd[k * n + j] < dd[i * n + j])
                    dd[i * n + j] = dd[i * n + k] + dd[k * n + j];
                if (du[i * n + k] != INF && du[k * n + j] != INF && du[i * n + k] + du[k * n + j] < du[i * n + j])
                    du[i * n + j] = du[i * n + k] + du[k * n + j];
            }
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (i != j) {
                geff += dd[i * n + j] != INF ? 1.0 / (double)dd[i * n + j] : 0;
                geffu += du[i * n + j] != INF ? 1.0 / (double)du[i * n + j] : 0;
            }
    /* weak components: connected in the symmetrised graph */
    for (i = 0; i < n; i++)
        comp[i] = INF;
    for (i = 0; i < n; i++) {
        if (comp[i] != INF)
            continue;
        for (j = i; j < n; j++)
            if (du[i * n + j] != INF)
                comp[j] = ncomp;
        ncomp++;
    }
    for (k = 0; k < ncomp; k++) {
        size_t s = 0;
        for (i = 0; i < n; i++)
            s += comp[i] == k;
        conn += (double)s * (double)(s - 1) / 2;
        req += (double)s - 1;
        maxv += (double)s * (double)(s - 1) - ((double)s - 1);
        if (s > 2)
            maxnolub += ((double)s - 1) * ((double)s - 2) / 2;
        /* least upper bounds, by the definition */
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n && s > 2 && comp[i] == k; j++) {
                int found = 0;
                if (comp[j] != k)
                    continue;
                for (l = 0; l < n && !found; l++) {
                    size_t u;
                    if (!(r[l * n + i] && r[l * n + j]))
                        continue;
                    found = 1; /* l is an upper bound: does it reach every other? */
                    for (u = 0; u < n; u++)
                        if (r[u * n + i] && r[u * n + j] && !r[l * n + u])
                            found = 0;
                }
                nolub += !found;
            }
    }
    /* strong components and hierarchy */
    for (i = 0; i < n; i++)
        comp[i] = INF;
    for (i = 0; i < n; i++) {
        size_t s = 0;
        for (j = i + 1; j < n; j++) {
            hm += r[i * n + j] && r[j * n + i];
            ha += r[i * n + j] != r[j * n + i];
        }
        if (comp[i] != INF)
            continue;
        for (j = i; j < n; j++)
            if (r[i * n + j] && r[j * n + i])
                comp[j] = nstrong, s++;
        nstrong++;
        lstrong = s > lstrong ? s : lstrong;
    }
    out->weak = (double)ncomp;
    out->strong = (double)nstrong;
    out->lstrong = (double)lstrong / (double)n;
    out->conn = n > 1 ? conn / (pairs / 2) : 1.0;
    out->hier = hm + ha > 0 ? 1.0 - hm / (hm + ha) : NAN;
    out->eff = maxv > 0 ? 1.0 - ((double)m - req) / maxv : NAN;
    out->lub = maxnolub > 0 ? 1.0 - nolub / maxnolub : NAN;
    out->geff = n > 1 ? geff / pairs : NAN;
    out->geff_u = n > 1 ? geffu / pairs : NAN;
    free(r);
    free(du);
    free(dd);
    free(comp);
}

/* Add tie i -> j to the network and (unless a loop) to adj; now and then
 * a second, repeated tie and a self-tie. */
static void tie(govidx_network *net, unsigned char *adj, size_t n, size_t i, size_t j)
{
    GX_ASSERT_OK(govidx_network_add_tie(net, i, j, 0.5 + unif()));
    if (i != j)
        adj[i * n + j] = 1;
    if (unif() < 0.1)
        GX_ASSERT_OK(govidx_network_add_tie(net, i, j, 2.0));
    if (unif() < 0.05)
        GX_ASSERT_OK(govidx_network_add_tie(net, i, i, 1.0));
}

enum shape { ER, BLOCKS, DAG, DAG_BACK, TREE };

static void build(govidx_network *net, unsigned char *adj, size_t n, enum shape sh, double p)
{
    size_t i, j, blocks = 1 + below(4);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            int in_block = i * blocks / n == j * blocks / n;
            switch (sh) {
            case ER: /* Erdos-Renyi: cycles, and isolates when sparse */
                if (i != j && unif() < p)
                    tie(net, adj, n, i, j);
                break;
            case BLOCKS: /* self-contained components (the last actor alone) */
                if (i != j && in_block && i + 1 < n && j + 1 < n && unif() < p)
                    tie(net, adj, n, i, j);
                break;
            case DAG: /* a hierarchy: many source components */
                if (i < j && unif() < p)
                    tie(net, adj, n, i, j);
                break;
            case DAG_BACK: /* a hierarchy with a few cycles */
                if (i != j && unif() < (i < j ? p : p / 8))
                    tie(net, adj, n, i, j);
                break;
            case TREE:
                break;
            }
        }
    if (sh == TREE) /* out-tree, or in-tree when p < 0.5 */
        for (j = 1; j < n; j++) {
            i = below(j);
            if (p >= 0.5)
                tie(net, adj, n, i, j);
            else
                tie(net, adj, n, j, i);
        }
}

static void check_graph(size_t n, enum shape sh, double p)
{
    govidx_network *net = NULL;
    unsigned char *adj = calloc(n * n, 1);
    double v[GOVIDX_NET_N_MEASURES];
    ref want;
    int same;
    GX_ASSERT_OK(govidx_network_new(&net, n));
    build(net, adj, n, sh, p);
    reference(adj, n, &want);
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    /* counting measures: the same expression of the same integers, so equal */
    same = v[GOVIDX_NET_WEAK_COMPONENTS] == want.weak && v[GOVIDX_NET_STRONG_COMPONENTS] == want.strong &&
           v[GOVIDX_NET_LARGEST_STRONG_SHARE] == want.lstrong && v[GOVIDX_NET_CONNECTEDNESS] == want.conn &&
           (v[GOVIDX_NET_HIERARCHY] == want.hier || (isnan(v[GOVIDX_NET_HIERARCHY]) && isnan(want.hier))) &&
           (v[GOVIDX_NET_EFFICIENCY] == want.eff || (isnan(v[GOVIDX_NET_EFFICIENCY]) && isnan(want.eff))) &&
           (v[GOVIDX_NET_LUB] == want.lub || (isnan(v[GOVIDX_NET_LUB]) && isnan(want.lub)));
    if (!same)
        fprintf(stderr, "  n %zu shape %d p %g: weak %g/%g strong %g/%g lstrong %g/%g conn %g/%g hier %.17g/%.17g "
                "eff %.17g/%.17g lub %.17g/%.17g\n", n, (int)sh, p, v[GOVIDX_NET_WEAK_COMPONENTS], want.weak,
                v[GOVIDX_NET_STRONG_COMPONENTS], want.strong, v[GOVIDX_NET_LARGEST_STRONG_SHARE], want.lstrong,
                v[GOVIDX_NET_CONNECTEDNESS], want.conn, v[GOVIDX_NET_HIERARCHY], want.hier,
                v[GOVIDX_NET_EFFICIENCY], want.eff, v[GOVIDX_NET_LUB], want.lub);
    CU_ASSERT(same);
    /* sums of 1/d in another order: equal up to rounding */
    GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY], want.geff, 1e-12);
    GX_ASSERT_CLOSE(v[GOVIDX_NET_GLOBAL_EFFICIENCY_UNDIRECTED], want.geff_u, 1e-12);
    govidx_network_free(net);
    free(adj);
}

static void test_against_reference(void)
{
    static const size_t sizes[] = {1, 2, 3, 4, 5, 8, 13, 24, 40, 70};
    static const double dens[] = {0.01, 0.04, 0.1, 0.25, 0.6};
    size_t a, b, rep;
    int sh;
    rng_state = 20240611;
    for (a = 0; a < sizeof sizes / sizeof *sizes; a++)
        for (b = 0; b < sizeof dens / sizeof *dens; b++)
            for (sh = ER; sh <= TREE; sh++)
                for (rep = 0; rep < 2; rep++)
                    check_graph(sizes[a], (enum shape)sh, dens[b]);
}

/* Hand-made corner cases: a directed cycle (one strong component: every
 * pair has a least upper bound), two sources above one sink (the pair of
 * sources has no upper bound), a "W" (two sources, three sinks). */
static void test_corner_cases(void)
{
    govidx_network *net = NULL;
    double v[GOVIDX_NET_N_MEASURES];
    size_t i;
    GX_ASSERT_OK(govidx_network_new(&net, 5));
    for (i = 0; i < 5; i++)
        GX_ASSERT_OK(govidx_network_add_tie(net, i, (i + 1) % 5, 1));
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    CU_ASSERT_EQUAL(v[GOVIDX_NET_STRONG_COMPONENTS], 1);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_LUB], 1);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_HIERARCHY], 0);
    govidx_network_free(net);

    /* 0 -> 2 <- 1: pairs {0,1} without upper bound; {0,2}: 0; {1,2}: 1.
     * 1 violation of the (3-1)(3-2)/2 = 1 allowed: lub 0. */
    GX_ASSERT_OK(govidx_network_new(&net, 3));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 2, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 1, 2, 1));
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    CU_ASSERT_EQUAL(v[GOVIDX_NET_STRONG_COMPONENTS], 3);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_LUB], 0);
    CU_ASSERT_EQUAL(v[GOVIDX_NET_HIERARCHY], 1);
    govidx_network_free(net);

    /* W: 0 -> 2, 0 -> 3, 1 -> 3, 1 -> 4.  Pairs without a least upper
     * bound: {0,1}, {0,4}, {1,2}, {2,4} (none above both) and {2,3}? no:
     * 0 is above both.  {3,4}: 1; {0,3}: 0; {1,4}: 1; {0,2}: 0; {1,3}: 1.
     * 4 of 10 pairs violate, of (5-1)(5-2)/2 = 6 allowed: lub 1 - 4/6. */
    GX_ASSERT_OK(govidx_network_new(&net, 5));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 2, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 0, 3, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 1, 3, 1));
    GX_ASSERT_OK(govidx_network_add_tie(net, 1, 4, 1));
    GX_ASSERT_OK(govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL));
    GX_ASSERT_CLOSE(v[GOVIDX_NET_LUB], 1.0 - 4.0 / 6.0, 0);
    govidx_network_free(net);
}

static CU_TestInfo tests[] = {{"random graphs against the reference", test_against_reference},
                              {"cycle, two sources, W", test_corner_cases},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"network fast path", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

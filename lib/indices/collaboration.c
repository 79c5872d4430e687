/*
 * lib/indices/collaboration.c - the collaboration-efficiency index (METHODS.md 2.2):
 * network structure, process, DEA efficiency and coupling coordination of
 * every city and year, aggregated to CE.  docs/methods/collaboration.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "composite/result_internal.h"

#include <math.h>
#include <string.h>

/* The shipped framework [P]: METHODS.md 2.2 (C2 process items after Ansell &
 * Gash 2008 and Emerson et al. 2012; one-stop and unified-entry rates from
 * GB/T 33356-2016 L1P1) and C4's three actor subsystems (option (a)). */
static const govidx_ce_indicator framework[] = {
    {"multi_actor_bodies", "Key projects with a formal multi-actor governance body", "Percent", 2, 0, 1, 0, 100},
    {"consultations_per_project", "Public consultations per key project", "consultations", 2, 0, 1, 0, 10},
    {"nongov_per_consultation", "Non-government participants per consultation", "participants", 2, 0, 1, 0, 50},
    {"trust_score", "Trust and shared understanding (survey, 5-point scale)", "Score 1-5", 2, 0, 1, 1, 5},
    {"one_stop_rate", "One-stop service rate", "Percent", 2, 0, 1, 0, 100},
    {"unified_entry_rate", "Unified online entry rate", "Percent", 2, 0, 1, 0, 100},
    {"request_fulfilment", "Shared-data requests fulfilled", "Percent", 2, 0, 1, 0, 100},
    {"request_latency_days", "Median days to fulfil a shared-data request", "Days", 2, 0, -1, 0, 60},
    {"services_online_rate", "Government services fully online", "Percent", 4, 1, 1, 0, 100},
    {"platform_connected_depts", "Departments connected to the shared data platform", "Percent", 4, 1, 1, 0, 100},
    {"shared_datasets_per_dept", "Datasets shared per department", "datasets", 4, 1, 1, 0, 100},
    {"enterprise_projects_share", "Smart-city projects with enterprise partners", "Percent", 4, 2, 1, 0, 100},
    {"enterprise_data_partnerships", "Public-private data partnerships", "partnerships", 4, 2, 1, 0, 50},
    {"consultation_participation", "Residents taking part in consultations", "Percent", 4, 3, 1, 0, 30},
    {"social_org_participants", "Social organisations per consultation", "organisations", 4, 3, 1, 0, 20},
    {"eservice_user_rate", "Residents using e-government services", "Percent", 4, 3, 1, 0, 100},
};
#define N_FRAMEWORK (sizeof framework / sizeof framework[0])

size_t govidx_collaboration_framework(const govidx_ce_indicator **out)
{
    if (out)
        *out = framework;
    return N_FRAMEWORK;
}

/* Fixed nodes; the C2 children (one per process indicator present) follow. */
enum {
    N_CE,
    N_LAYERS,
    N_C1,
    N_C1_DENSITY,
    N_C1_CROSS,
    N_C1_EI,
    N_C1_SILO_FREE,
    N_C1_RECIP,
    N_C1_WEAK,
    N_C2,
    N_C3,
    N_C3_EFFCH,
    N_C3_TECHCH,
    N_C3_TFPCH,
    N_C4,
    N_C4_U1,
    N_C4_U2,
    N_C4_U3,
    N_C4_C,
    N_C4_T,
    N_FIXED
};
static const char *const fixed_codes[N_FIXED] = {
    "CE", "CE.layers", "CE.C1", "CE.C1.density", "CE.C1.cross_sector_share", "CE.C1.ei", "CE.C1.silo_free",
    "CE.C1.reciprocity", "CE.C1.largest_weak_share", "CE.C2", "CE.C3", "CE.C3.effch", "CE.C3.techch",
    "CE.C3.tfpch", "CE.C4", "CE.C4.U1", "CE.C4.U2", "CE.C4.U3", "CE.C4.C", "CE.C4.T",
};

typedef struct ce_ctx {
    const govidx_dataset *ds;
    const govidx_collaboration_options *o;
    govidx_result *r;
    size_t n_units, n_years;
    size_t fw_col[N_FRAMEWORK]; /* panel column of each framework indicator, SIZE_MAX = absent */
    double lo[N_FRAMEWORK], hi[N_FRAMEWORK];
    size_t c2_node[N_FRAMEWORK]; /* result node of each present process indicator */
    unsigned char *keep;         /* units scored; 0 = left out by exclude / only */
    int filtered;                /* exclude or only given */
} ce_ctx;

#define SET(c, u, y, node, v) ((c)->r->scores[GOVIDX__CELL((c)->r, (u), (y), (node))] = (v))
#define GET(c, u, y, node) ((c)->r->scores[GOVIDX__CELL((c)->r, (u), (y), (node))])

static const govidx_collaboration_options ce_options_defaults = GOVIDX_COLLABORATION_OPTIONS_INIT;
static const size_t ce_options_sizes[2] = {GOVIDX__END(govidx_collaboration_options, coupling_floor),
                                           GOVIDX__END(govidx_collaboration_options, n_only)};
static const govidx__versioned ce_options_versions = {"collaboration options", 2, ce_options_sizes,
                                                      &ce_options_defaults};

int govidx_collaboration_options_init(govidx_collaboration_options *opts, unsigned version)
{
    return govidx__versioned_init(&ce_options_versions, opts, version);
}

/* The one table of layer-aggregation names (name functions and the CLI). */
static const govidx__name ce_aggregation_table[] = {{"geometric", GOVIDX_CE_GEOMETRIC},
                                                    {"arithmetic", GOVIDX_CE_ARITHMETIC}};
static GOVIDX__NAMES(ce_aggregation_names, "layer aggregation", ce_aggregation_table);

GOVIDX__NAME_FUNCTIONS(govidx_ce_aggregation, govidx_ce_aggregation, ce_aggregation_names)

static int check_options(const govidx_collaboration_options *o)
{
    size_t k;
    double sum = 0;
    if (o->layer_weights && o->n_layer_weights != GOVIDX_CE_N_LAYERS)
        return govidx__fail(GOVIDX_EINVAL, "collaboration: n_layer_weights is %zu, layer_weights needs one "
                            "weight per layer (%d: C1..C4)", o->n_layer_weights, GOVIDX_CE_N_LAYERS);
    if (o->aggregation != GOVIDX_CE_GEOMETRIC && o->aggregation != GOVIDX_CE_ARITHMETIC)
        return govidx__fail(GOVIDX_EINVAL, "collaboration: unknown aggregation %d", (int)o->aggregation);
    if (!(o->coupling_floor >= 0 && o->coupling_floor < 1))
        return govidx__fail(GOVIDX_EINVAL, "collaboration: coupling floor %g outside [0, 1)", o->coupling_floor);
    if (o->dea_rts != GOVIDX_DEA_CRS && o->dea_rts != GOVIDX_DEA_VRS && o->dea_rts != GOVIDX_DEA_NIRS &&
        o->dea_rts != GOVIDX_DEA_NDRS)
        return govidx__fail(GOVIDX_EINVAL, "collaboration: unknown DEA technology %d", (int)o->dea_rts);
    if (o->dea_orientation != GOVIDX_DEA_INPUT && o->dea_orientation != GOVIDX_DEA_OUTPUT)
        return govidx__fail(GOVIDX_EINVAL, "collaboration: DEA orientation must be input or output");
    for (k = 0; o->layer_weights && k < GOVIDX_CE_N_LAYERS; k++) {
        if (!isfinite(o->layer_weights[k]) || o->layer_weights[k] < 0)
            return govidx__fail(GOVIDX_EINVAL, "collaboration: weight of layer C%zu is %g", k + 1,
                                o->layer_weights[k]);
        sum += o->layer_weights[k];
    }
    if (o->layer_weights && !(sum > 0))
        return govidx__fail(GOVIDX_EINVAL, "collaboration: layer weights sum to zero");
    if ((o->n_exclude && !o->exclude) || (o->n_only && !o->only))
        return govidx__fail(GOVIDX_EINVAL, "collaboration: %zu units to %s but no list",
                            o->n_exclude && !o->exclude ? o->n_exclude : o->n_only,
                            o->n_exclude && !o->exclude ? "exclude" : "keep (only)");
    return GOVIDX_OK;
}

/* c->keep from exclude / only: every code must name a unit (by code in the
 * message), and some unit must stay. */
static int units_kept(ce_ctx *c)
{
    const char *const *lists[2] = {c->o->exclude, c->o->only};
    const size_t counts[2] = {c->o->n_exclude, c->o->n_only};
    size_t i, k, u, kept = 0;
    if (!(c->keep = govidx__malloc(c->n_units + 1)))
        return govidx__oom();
    memset(c->keep, counts[1] ? 0 : 1, c->n_units + 1);
    for (i = 0; i < 2; i++)
        for (k = 0; k < counts[i]; k++) {
            const char *code = lists[i][k];
            if (!code || govidx_dataset_find_unit(&u, c->ds, code) != GOVIDX_OK) {
                govidx_clear_error();
                return govidx__fail(GOVIDX_ENOTFOUND, "collaboration: %s names unit '%s', which is not a unit "
                                    "of the dataset", i ? "only" : "exclude", code ? code : "(NULL)");
            }
            if (i == 1)
                c->keep[u] = 1;
        }
    for (k = 0; k < counts[0]; k++)
        if (govidx_dataset_find_unit(&u, c->ds, lists[0][k]) == GOVIDX_OK)
            c->keep[u] = 0;
    for (u = 0; u < c->n_units; u++)
        kept += c->keep[u];
    if (c->n_units && !kept)
        return govidx__fail(GOVIDX_EINVAL, "collaboration: exclude/only leave no unit");
    return GOVIDX_OK;
}

/* Score of value x between goalposts, clipped to [0, 1], with direction. */
static double goalpost(double x, double lo, double hi, int direction)
{
    double z = (x - lo) / (hi - lo);
    z = z < 0 ? 0 : z > 1 ? 1 : z;
    return direction < 0 ? 1 - z : z;
}

/* ---- C1: network structure -------------------------------------------- */

static int layer_c1(ce_ctx *c)
{
    static const int parts[6] = {N_C1_DENSITY, N_C1_CROSS, N_C1_EI, N_C1_SILO_FREE, N_C1_RECIP, N_C1_WEAK};
    const int *years = govidx_dataset_years(c->ds);
    size_t u, y, k, e, ne = govidx_dataset_n_edges(c->ds);
    unsigned char *has_edges;
    int rc = GOVIDX_OK;
    if (!(has_edges = govidx__calloc(c->n_years ? c->n_years : 1, 1)))
        return govidx__oom();
    /* A year is surveyed when the dataset has any edge of the layer in it
     * (of a unit kept: the units left out are not in the data). */
    for (e = 0; e < ne; e++) {
        govidx_edge ed = {.version = GOVIDX_EDGE_VERSION};
        size_t yi, ui;
        if (govidx_dataset_edge(&ed, c->ds, e) == GOVIDX_OK &&
            (!c->o->network_layer || !strcmp(ed.layer, c->o->network_layer)) &&
            govidx_dataset_find_year(&yi, c->ds, ed.year) == GOVIDX_OK &&
            (!c->filtered || (govidx_dataset_find_unit(&ui, c->ds, ed.unit) == GOVIDX_OK && c->keep[ui])))
            has_edges[yi] = 1;
    }
    for (u = 0; u < c->n_units && !rc; u++) {
        for (y = 0; y < c->n_years && !rc; y++) {
            govidx_network *net = NULL;
            double v[GOVIDX_NET_N_MEASURES], part[6], sum = 0;
            size_t np = 0;
            if (!has_edges[y] || !c->keep[u])
                continue;
            rc = govidx_network_from_dataset(&net, c->ds, govidx_dataset_unit_code(c->ds, u), years[y],
                                             c->o->network_layer);
            if (rc == GOVIDX_ENOTFOUND) { /* a city without actors: no C1 */
                govidx_clear_error();
                rc = GOVIDX_OK;
                continue;
            }
            if (!rc)
                rc = govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, c->o->network);
            govidx_network_free(net);
            if (rc)
                break;
            part[0] = v[GOVIDX_NET_DENSITY];
            part[1] = v[GOVIDX_NET_CROSS_SECTOR_SHARE];
            part[2] = (v[GOVIDX_NET_EI_INDEX] + 1) / 2;
            part[3] = 1 - v[GOVIDX_NET_SILO_SHARE];
            part[4] = v[GOVIDX_NET_RECIPROCITY];
            part[5] = v[GOVIDX_NET_LARGEST_WEAK_SHARE];
            for (k = 0; k < 6; k++) {
                SET(c, u, y, parts[k], part[k]);
                if (!isnan(part[k]))
                    sum += part[k], np++;
            }
            if (np)
                SET(c, u, y, N_C1, sum / (double)np);
        }
    }
    govidx__free(has_edges);
    return rc;
}

/* ---- C2 and C4: panel indicators between goalposts ---------------------- */

static int panel_layers(ce_ctx *c)
{
    size_t u, y, k, present = 0;
    int rc;
    for (k = 0; k < N_FRAMEWORK; k++)
        present += c->fw_col[k] != SIZE_MAX;
    for (y = 0; present && y < c->n_years; y++) {
        govidx_matrix_view v;
        if ((rc = govidx_dataset_panel(&v, c->ds, y)))
            return rc;
        for (u = 0; u < c->n_units; u++) {
            double s2 = 0, s4[3] = {0, 0, 0}, uu[3];
            size_t n2 = 0, n4[3] = {0, 0, 0};
            if (!c->keep[u])
                continue;
            for (k = 0; k < N_FRAMEWORK; k++) {
                double x, z;
                if (c->fw_col[k] == SIZE_MAX)
                    continue;
                x = v.data[u + c->fw_col[k] * v.ld];
                if (isnan(x))
                    continue;
                z = goalpost(x, c->lo[k], c->hi[k], framework[k].direction);
                if (framework[k].layer == 2) {
                    SET(c, u, y, c->c2_node[k], z);
                    s2 += z, n2++;
                } else {
                    s4[framework[k].subsystem - 1] += z;
                    n4[framework[k].subsystem - 1]++;
                }
            }
            if (n2)
                SET(c, u, y, N_C2, s2 / (double)n2);
            for (k = 0; k < 3; k++) {
                uu[k] = n4[k] ? s4[k] / (double)n4[k] : NAN;
                SET(c, u, y, N_C4_U1 + k, uu[k]);
            }
            if (n4[0] && n4[1] && n4[2]) {
                double f = c->o->coupling_floor, cc, t, d;
                for (k = 0; k < 3; k++)
                    uu[k] = f + (1 - f) * uu[k];
                if (uu[0] <= 0 || uu[1] <= 0 || uu[2] <= 0)
                    continue; /* floor 0 and a subsystem at 0: coupling undefined */
                if ((rc = govidx_coupling_coordination(&cc, &t, &d, uu, NULL, 3,
                                                       !c->o->coupling_traditional)))
                    return rc;
                SET(c, u, y, N_C4_C, cc);
                SET(c, u, y, N_C4_T, t);
                SET(c, u, y, N_C4, d);
            }
        }
    }
    return GOVIDX_OK;
}

/* ---- C3: DEA efficiency and Malmquist change ----------------------------- */

typedef struct dea_data {
    size_t m, s, *col;
    unsigned char *nd, *undes;
} dea_data;

/* Why unit u cannot be a DMU in panel year v (NULL: it can).  DEA needs
 * every variable present and >= 0, some input > 0 and some output > 0. */
static const char *dea_invalid(const dea_data *d, govidx_matrix_view v, size_t u)
{
    size_t k;
    int in = 0, out = 0;
    for (k = 0; k < d->m + d->s; k++) {
        double x = v.data[u + d->col[k] * v.ld];
        if (isnan(x))
            return "a DEA variable is missing";
        if (!isfinite(x) || x < 0)
            return "a DEA variable is negative or infinite";
        if (k < d->m)
            in |= x > 0;
        else
            out |= x > 0;
    }
    return !in ? "no positive DEA input" : !out ? "no positive DEA output" : NULL;
}

/* Units that can be DMUs in year y: fills X, Y (rows = units kept, in
 * order) and keep[]; returns the count. */
static size_t dea_rows(const ce_ctx *c, const dea_data *d, govidx_matrix_view v, const unsigned char *also,
                       double *X, double *Y, size_t *keep, size_t n_keep_max)
{
    size_t u, k, n = 0;
    (void)n_keep_max;
    for (u = 0; u < c->n_units; u++)
        if (c->keep[u] && (!also || also[u]) && !dea_invalid(d, v, u))
            keep[n++] = u;
    for (k = 0; k < d->m + d->s; k++)
        for (u = 0; u < n; u++) {
            double x = v.data[keep[u] + d->col[k] * v.ld];
            if (k < d->m)
                X[u + k * n] = x;
            else
                Y[u + (k - d->m) * n] = x;
        }
    return n;
}

/* DEA refused the rows of a year (a DMU with no positive input or output):
 * the matrix-level message counts rows of the kept units; say which city
 * it is by its code.  GOVIDX_EDOMAIN either way. */
static int name_dea_unit(const ce_ctx *c, const dea_data *d, const double *X, const double *Y, const size_t *keep,
                         size_t cnt, int year)
{
    size_t r, k;
    for (r = 0; r < cnt; r++) {
        int in = 0, out = 0;
        for (k = 0; k < d->m; k++)
            in |= X[r + k * cnt] > 0;
        for (k = 0; k < d->s; k++)
            out |= Y[r + k * cnt] > 0;
        if (!in || !out)
            return govidx__fail(GOVIDX_EDOMAIN, "C3, year %d: DEA DMU %s has no positive %s",
                                year, govidx_dataset_unit_code(c->ds, keep[r]), in ? "output" : "input");
    }
    return govidx__fail_context(GOVIDX_EDOMAIN, "C3, year %d", year);
}

static int layer_c3(ce_ctx *c)
{
    dea_data d = {0, 0, NULL, NULL, NULL};
    size_t n = c->n_units, y, k, cnt;
    double *X = NULL, *Y = NULL, *X2 = NULL, *Y2 = NULL, *e1 = NULL;
    size_t *keep = NULL, *keep2 = NULL;
    unsigned char *ok_prev = NULL;
    int *status = NULL, rc = GOVIDX_OK;
    d.m = govidx_dataset_n_dea_inputs(c->ds);
    d.s = govidx_dataset_n_dea_outputs(c->ds);
    if (!d.m || !d.s)
        return GOVIDX_OK; /* no DEA block: no C3 */
    d.col = govidx__mallocarray(d.m + d.s, sizeof *d.col);
    d.nd = govidx__calloc(d.m, 1);
    d.undes = govidx__calloc(d.s, 1);
    X = govidx__mallocarray(n * d.m + 1, sizeof *X);
    Y = govidx__mallocarray(n * d.s + 1, sizeof *Y);
    X2 = govidx__mallocarray(n * d.m + 1, sizeof *X2);
    Y2 = govidx__mallocarray(n * d.s + 1, sizeof *Y2);
    e1 = govidx__mallocarray(4 * n + 1, sizeof *e1);
    keep = govidx__mallocarray(n + 1, sizeof *keep);
    keep2 = govidx__mallocarray(n + 1, sizeof *keep2);
    ok_prev = govidx__calloc(n + 1, 1);
    status = govidx__mallocarray(n + 1, sizeof *status);
    if (!d.col || !d.nd || !d.undes || !X || !Y || !X2 || !Y2 || !e1 || !keep || !keep2 || !ok_prev || !status) {
        rc = govidx__oom();
        goto done;
    }
    for (k = 0; k < d.m; k++) {
        unsigned flags = 0;
        if ((rc = govidx_dataset_dea_input(&d.col[k], &flags, c->ds, k)))
            goto done;
        d.nd[k] = (flags & 2u) != 0;
    }
    for (k = 0; k < d.s; k++) {
        unsigned flags = 0;
        if ((rc = govidx_dataset_dea_output(&d.col[d.m + k], &flags, c->ds, k)))
            goto done;
        d.undes[k] = (flags & 1u) != 0;
    }
    for (y = 0; y < c->n_years; y++) {
        govidx_matrix_view v, vp;
        govidx_dea_options o = GOVIDX_DEA_OPTIONS_INIT;
        govidx_dea_result *res = NULL;
        if ((rc = govidx_dataset_panel(&v, c->ds, y)))
            goto done;
        /* a city that cannot be a DMU is left out of C3 and listed with the
         * reason under GOVIDX_CE_DEA_LEFT_OUT, the rest are scored */
        for (k = 0; k < n && rc == GOVIDX_OK; k++) {
            const char *why = c->keep[k] ? dea_invalid(&d, v, k) : NULL;
            if (why)
                rc = govidx__result_set_labels(c->r, GOVIDX_CE_DEA_LEFT_OUT, k, y, &why, 1);
        }
        if (rc)
            goto done;
        cnt = dea_rows(c, &d, v, NULL, X, Y, keep, n);
        if (cnt < d.m + d.s || cnt == 0)
            continue; /* too few complete cities for a frontier this year */
        o.rts = c->o->dea_rts;
        o.orientation = c->o->dea_orientation;
        o.nondiscretionary = d.nd;
        o.undesirable = d.undes;
        rc = govidx_dea_compute(&res, govidx_matrix_view_array(X, cnt, d.m), govidx_matrix_view_array(Y, cnt, d.s),
                                &o);
        if (rc == GOVIDX_EDOMAIN) { /* e.g. a city without a positive input: name it by its code */
            rc = name_dea_unit(c, &d, X, Y, keep, cnt, govidx_dataset_years(c->ds)[y]);
            goto done;
        }
        if (rc)
            goto done;
        for (k = 0; k < cnt; k++)
            SET(c, keep[k], y, N_C3, govidx_dea_efficiency(res)[k]);
        govidx_dea_result_free(res);
        /* Malmquist from y-1 to y over cities complete in both years (CRS,
         * the orientation chosen, as DEAP 2.1 reports it). */
        if (y == 0)
            continue;
        if ((rc = govidx_dataset_panel(&vp, c->ds, y - 1)))
            goto done;
        memset(ok_prev, 0, n);
        cnt = dea_rows(c, &d, vp, NULL, X, Y, keep, n);
        for (k = 0; k < cnt; k++)
            ok_prev[keep[k]] = 1;
        cnt = dea_rows(c, &d, v, ok_prev, X2, Y2, keep2, n); /* complete in y and y-1 */
        memset(ok_prev, 0, n);
        for (k = 0; k < cnt; k++)
            ok_prev[keep2[k]] = 1;
        if (cnt < d.m + d.s || cnt == 0)
            continue;
        dea_rows(c, &d, vp, ok_prev, X, Y, keep, n);
        {
            govidx_dea_options mo = GOVIDX_DEA_OPTIONS_INIT;
            mo.orientation = c->o->dea_orientation;
            rc = govidx_dea_malmquist(e1, e1 + n, e1 + 2 * n, status, govidx_matrix_view_array(X, cnt, d.m),
                                      govidx_matrix_view_array(Y, cnt, d.s), govidx_matrix_view_array(X2, cnt, d.m),
                                      govidx_matrix_view_array(Y2, cnt, d.s), &mo);
            if (rc)
                goto done;
            for (k = 0; k < cnt; k++) {
                if (status[k] != GOVIDX_DEA_OPTIMAL)
                    continue;
                SET(c, keep2[k], y, N_C3_EFFCH, e1[k]);
                SET(c, keep2[k], y, N_C3_TECHCH, e1[n + k]);
                SET(c, keep2[k], y, N_C3_TFPCH, e1[2 * n + k]);
            }
        }
    }
done:
    govidx__free(d.col);
    govidx__free(d.nd);
    govidx__free(d.undes);
    govidx__free(X);
    govidx__free(Y);
    govidx__free(X2);
    govidx__free(Y2);
    govidx__free(e1);
    govidx__free(keep);
    govidx__free(keep2);
    govidx__free(ok_prev);
    govidx__free(status);
    return rc;
}

/* ---- CE ------------------------------------------------------------------ */

static void aggregate_ce(ce_ctx *c)
{
    static const int layer_node[4] = {N_C1, N_C2, N_C3, N_C4};
    size_t u, y, k;
    for (y = 0; y < c->n_years; y++)
        for (u = 0; u < c->n_units; u++) {
            double wsum = 0, acc = 0, w;
            size_t used = 0;
            if (!c->keep[u])
                continue; /* left out: every node stays missing, CE.layers too */
            for (k = 0; k < 4; k++) {
                double x = GET(c, u, y, layer_node[k]);
                w = c->o->layer_weights ? c->o->layer_weights[k] : 1.0;
                if (isnan(x) || w == 0)
                    continue;
                used++;
                wsum += w;
                if (c->o->aggregation == GOVIDX_CE_ARITHMETIC)
                    acc += w * x;
                else
                    acc += x > 0 ? w * log(x) : -INFINITY; /* a layer at 0 makes CE 0 */
            }
            SET(c, u, y, N_LAYERS, (double)used);
            if (!used)
                continue;
            SET(c, u, y, N_CE, c->o->aggregation == GOVIDX_CE_ARITHMETIC ? acc / wsum : exp(acc / wsum));
        }
}

static int name_nodes(ce_ctx *c, size_t n_nodes)
{
    size_t k, j = N_FIXED;
    for (k = 0; k < N_FIXED; k++)
        if (!(c->r->node_codes[k] = govidx__strdup(fixed_codes[k])))
            return govidx__oom();
    for (k = 0; k < N_FRAMEWORK; k++) {
        size_t len;
        if (framework[k].layer != 2 || c->fw_col[k] == SIZE_MAX)
            continue;
        len = strlen(framework[k].code) + 8;
        if (!(c->r->node_codes[j] = govidx__malloc(len)))
            return govidx__oom();
        snprintf(c->r->node_codes[j], len, "CE.C2.%s", framework[k].code);
        c->c2_node[k] = j++;
    }
    (void)n_nodes;
    for (k = 0; k < c->r->n_nodes; k++) /* leaves: the parts that are not aggregates */
        c->r->is_leaf[k] = !(k == N_CE || k == N_C1 || k == N_C2 || k == N_C3 || k == N_C4);
    return GOVIDX_OK;
}

/* "key":["CODE",...] of the units left out or kept, JSON-escaped */
static void json_codes(govidx__buf *b, const char *key, const char *const *codes, size_t n)
{
    size_t k;
    const char *p;
    govidx__buf_printf(b, ",\"%s\":[", key);
    for (k = 0; k < n; k++) {
        govidx__buf_printf(b, "%s\"", k ? "," : "");
        for (p = codes[k]; *p; p++)
            if (*p == '"' || *p == '\\')
                govidx__buf_printf(b, "\\%c", *p);
            else if ((unsigned char)*p < 0x20)
                govidx__buf_printf(b, "\\u%04x", (unsigned)(unsigned char)*p);
            else
                govidx__buf_append(b, p, 1);
        govidx__buf_printf(b, "\"");
    }
    govidx__buf_printf(b, "]");
}

static int method_json(ce_ctx *c)
{
    govidx__buf b = {NULL, 0, 0, 0};
    size_t k;
    govidx__buf_printf(&b, "{\"index\":\"collaboration\",\"network_layer\":");
    if (c->o->network_layer)
        govidx__buf_printf(&b, "\"%s\"", c->o->network_layer); /* layer names come from a validated file */
    else
        govidx__buf_printf(&b, "null");
    govidx__buf_printf(&b, ",\"dea_rts\":%d,\"dea_orientation\":%d,\"aggregation\":\"%s\",\"layer_weights\":[",
                       (int)c->o->dea_rts, (int)c->o->dea_orientation,
                       c->o->aggregation == GOVIDX_CE_ARITHMETIC ? "arithmetic" : "geometric");
    for (k = 0; k < 4; k++)
        govidx__buf_printf(&b, "%s%.17g", k ? "," : "", c->o->layer_weights ? c->o->layer_weights[k] : 1.0);
    govidx__buf_printf(&b, "],\"coupling\":\"%s\",\"coupling_floor\":%.17g",
                       c->o->coupling_traditional ? "traditional" : "wang2021", c->o->coupling_floor);
    if (c->o->n_exclude) /* only when given: the method of a run on every unit is unchanged */
        json_codes(&b, "exclude", c->o->exclude, c->o->n_exclude);
    if (c->o->n_only)
        json_codes(&b, "only", c->o->only, c->o->n_only);
    govidx__buf_printf(&b, "}");
    return govidx__buf_finish(&b, &c->r->method_json);
}

int govidx_collaboration_compute(govidx_result **out, const govidx_dataset *ds,
                                 const govidx_collaboration_options *opt)
{
    govidx_collaboration_options o; /* the caller's version's fields over the defaults */
    ce_ctx c;
    size_t k, y, n_nodes = N_FIXED;
    int rc;
    memset(&c, 0, sizeof c);
    if (!out || !ds)
        return govidx__fail(GOVIDX_EINVAL, "govidx_collaboration_compute: NULL argument");
    *out = NULL;
    if ((rc = govidx__versioned_read(&ce_options_versions, &o, opt)))
        return rc;
    c.o = &o;
    if ((rc = check_options(c.o)))
        return rc;
    if (c.o->network) { /* refuse a bad version before any work; the measures read them again */
        govidx_network_options net;
        if ((rc = govidx__network_options_read(&net, c.o->network)))
            return govidx__fail_context(rc, "collaboration");
    }
    c.ds = ds;
    c.n_units = govidx_dataset_n_units(ds);
    c.n_years = govidx_dataset_n_years(ds);
    c.filtered = o.n_exclude || o.n_only;
    if ((rc = units_kept(&c)))
        goto done;
    for (k = 0; k < N_FRAMEWORK; k++) {
        govidx_indicator ind = {.version = GOVIDX_INDICATOR_VERSION};
        c.fw_col[k] = SIZE_MAX;
        c.c2_node[k] = SIZE_MAX;
        c.lo[k] = framework[k].direction > 0 ? framework[k].goal_low : framework[k].goal_low;
        c.hi[k] = framework[k].goal_high;
        if (govidx_dataset_find_indicator(&c.fw_col[k], ds, framework[k].code) != GOVIDX_OK) {
            govidx_clear_error();
            c.fw_col[k] = SIZE_MAX;
            continue;
        }
        if (govidx_dataset_indicator(&ind, ds, c.fw_col[k]) == GOVIDX_OK && isfinite(ind.goal_low) &&
            isfinite(ind.goal_high) && ind.goal_high > ind.goal_low)
            c.lo[k] = ind.goal_low, c.hi[k] = ind.goal_high; /* the file's goalposts win */
        n_nodes += framework[k].layer == 2;
    }
    if ((rc = govidx__result_alloc(&c.r, c.n_units, c.n_years, n_nodes, 1, 0)))
        goto done;
    for (k = 0; k < c.n_units; k++)
        if (!(c.r->unit_codes[k] = govidx__strdup(govidx_dataset_unit_code(ds, k)))) {
            rc = govidx__oom();
            goto done;
        }
    for (y = 0; y < c.n_years; y++)
        c.r->years[y] = govidx_dataset_years(ds)[y];
    if ((rc = name_nodes(&c, n_nodes)) || (rc = layer_c1(&c)) || (rc = panel_layers(&c)) || (rc = layer_c3(&c)))
        goto done;
    aggregate_ce(&c);
    {
        size_t cells = c.n_units * c.n_years, used = 0, u;
        for (u = 0; u < c.n_units; u++)
            for (y = 0; y < c.n_years; y++)
                used += !isnan(GET(&c, u, y, N_CE));
        if (cells && !used) {
            rc = govidx__fail(GOVIDX_EMISSING, "collaboration: no city-year has any layer (no networks, process "
                              "or subsystem indicators of the framework, or DEA block)");
            goto done;
        }
    }
    /* ranked on first use like every result (and with its tie tolerance);
     * CE.layers is a count of layers, not a score: never ranked */
    if ((rc = govidx__result_set_direction(c.r, N_LAYERS, 0)))
        goto done;
    rc = method_json(&c);
done:
    govidx__free(c.keep);
    if (rc)
        govidx_result_free(c.r);
    else
        *out = c.r;
    return rc;
}

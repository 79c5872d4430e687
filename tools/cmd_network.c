/*
 * tools/cmd_network.c - `govidx network`: structural measures of actor
 * networks, one CSV row per network (unit, year, layer).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <govidx.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void network_usage(FILE *f)
{
    fprintf(f,
            "usage: govidx network --actors ACTORS.csv --edges EDGES.csv [options] --csv OUT.csv\n"
            "       govidx network FILE.h5 [options] --csv OUT.csv\n"
            "\n"
            "One row per network: unit (the city, or the network id of the CSV input), year,\n"
            "layer, then one column per measure (docs/methods/network.md): actors, ties, loops,\n"
            "density, weighted_density, reciprocity, reciprocity_dyadic, cross_sector_share,\n"
            "gov_nongov_share, ei_index, silos, silo_share, isolates, isolate_share,\n"
            "degree_centralization, indegree_centralization, outdegree_centralization,\n"
            "weak_components, largest_weak_share, strong_components, largest_strong_share,\n"
            "global_efficiency, global_efficiency_undirected, connectedness, hierarchy,\n"
            "efficiency, lub; then silo_names (';'-separated); with --null, z_<measure> columns.\n"
            "\n"
            "ACTORS.csv columns: actor (or code), name, unit (or network), sector.\n"
            "EDGES.csv columns: unit (or network), year, layer, from, to, weight; year, layer\n"
            "and weight are optional (weight 1).\n"
            "\n"
            "options:\n"
            "  --layer NAME          only this layer (default: every layer, one row each)\n"
            "  --year Y              only this year\n"
            "  --departments LIST    sectors whose actors can be data silos (default gov-dept)\n"
            "  --gov-sectors LIST    government sectors (default gov-dept,district-gov)\n"
            "  --null N              z-scores against N degree-preserving random graphs\n"
            "  --seed S              seed of the random graphs (default 20231)\n"
            "  --exclude CODE,...    leave out the networks of these units (unknown codes named)\n"
            "  --only CODE,...       measure the networks of these units only\n");
}

/* One network to measure: its key and the network itself. */
typedef struct net_row {
    char *unit, *layer;
    int year, has_year;
    govidx_network *net;
} net_row;

typedef struct net_list {
    net_row *rows;
    size_t n, cap;
} net_list;

static void list_free(net_list *l)
{
    size_t k;
    for (k = 0; k < l->n; k++) {
        free(l->rows[k].unit);
        free(l->rows[k].layer);
        govidx_network_free(l->rows[k].net);
    }
    free(l->rows);
}

static net_row *list_push(net_list *l)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        net_row *r = realloc(l->rows, cap * sizeof *r);
        if (!r)
            return NULL;
        l->rows = r;
        l->cap = cap;
    }
    memset(&l->rows[l->n], 0, sizeof l->rows[l->n]);
    return &l->rows[l->n++];
}

static int write_rows(const net_list *l, const govidx_network_options *o, const char *csv)
{
    size_t nm = govidx_network_n_measures(), k, r;
    double *v = calloc(2 * nm, sizeof *v), *z = v ? v + nm : NULL;
    size_t *silos = NULL;
    csv_out out;
    FILE *f;
    int rc = GOVIDX_OK;
    if (!v)
        return GOVIDX_ENOMEM;
    if (!(f = csv_open(&out, csv))) {
        free(v);
        return GOVIDX_EIO;
    }
    fputs("unit,year,layer", f);
    for (k = 0; k < nm; k++)
        fprintf(f, ",%s", govidx_network_measure_name(k));
    fputs(",silo_names", f);
    for (k = 0; o->null_samples && k < nm; k++)
        fprintf(f, ",z_%s", govidx_network_measure_name(k));
    fputc('\n', f);
    for (r = 0; r < l->n && rc == GOVIDX_OK; r++) {
        const net_row *row = &l->rows[r];
        size_t ns = 0, cap = govidx_network_n_actors(row->net);
        char *names = NULL;
        size_t len = 0;
        if ((rc = govidx_network_measures(v, z, nm, row->net, o)))
            break;
        free(silos);
        if (!(silos = malloc(cap * sizeof *silos))) {
            rc = GOVIDX_ENOMEM;
            break;
        }
        if ((rc = govidx_network_silos(silos, cap, &ns, row->net, o)))
            break;
        for (k = 0; k < ns; k++) { /* "name;name;..." (code when unnamed) */
            const char *nm_k = govidx_network_name(row->net, silos[k]);
            size_t add = strlen(nm_k) + 1;
            char *t = realloc(names, len + add + 1);
            if (!t) {
                rc = GOVIDX_ENOMEM;
                break;
            }
            names = t;
            if (len)
                names[len++] = ';';
            memcpy(names + len, nm_k, add);
            len += add - 1;
        }
        if (rc) {
            free(names);
            break;
        }
        csv_field(f, row->unit);
        fputc(',', f);
        if (row->has_year)
            fprintf(f, "%d", row->year);
        fputc(',', f);
        csv_field(f, row->layer ? row->layer : "");
        for (k = 0; k < nm; k++) {
            fputc(',', f);
            if (!isnan(v[k]))
                csv_double(f, v[k]);
        }
        fputc(',', f);
        csv_field(f, names ? names : "");
        free(names);
        for (k = 0; o->null_samples && k < nm; k++) {
            fputc(',', f);
            if (!isnan(z[k]))
                csv_double(f, z[k]);
        }
        fputc('\n', f);
    }
    free(silos);
    free(v);
    if (csv_close(&out, rc == GOVIDX_OK) && rc == GOVIDX_OK)
        rc = GOVIDX_EIO;
    return rc;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int reported; /* the error was already printed with its file:line */

/* Networks of a dataset file: every unit with actors x year x layer present
 * among that unit-year's edges. */
static int from_file(net_list *l, const char *path, const char *layer, int year, int has_year)
{
    govidx_dataset *ds = NULL;
    size_t u, y, k, j;
    const char **layers = NULL;
    int rc = cli_dataset_open(&ds, path, NULL, NULL);
    if (rc) {
        reported = 1; /* cli_dataset_open printed why */
        return rc;
    }
    if (!(layers = calloc(govidx_dataset_n_edges(ds) + 1, sizeof *layers))) {
        govidx_dataset_close(ds);
        return GOVIDX_ENOMEM;
    }
    for (u = 0; u < govidx_dataset_n_units(ds) && !rc; u++) {
        const char *unit = govidx_dataset_unit_code(ds, u);
        for (y = 0; y < govidx_dataset_n_years(ds) && !rc; y++) {
            int yr = govidx_dataset_years(ds)[y];
            size_t nl = 0;
            if (has_year && yr != year)
                continue;
            for (k = 0; k < govidx_dataset_n_edges(ds); k++) {
                govidx_edge e = {.version = GOVIDX_EDGE_VERSION};
                if (govidx_dataset_edge(&e, ds, k) || e.year != yr || strcmp(e.unit, unit) ||
                    (layer && strcmp(e.layer, layer)))
                    continue;
                for (j = 0; j < nl && strcmp(layers[j], e.layer); j++)
                    ;
                if (j == nl)
                    layers[nl++] = e.layer;
            }
            for (j = 0; j < nl && !rc; j++) {
                net_row *row = list_push(l);
                if (!row) {
                    rc = GOVIDX_ENOMEM;
                    break;
                }
                row->unit = dup_or_null(unit);
                row->layer = dup_or_null(layers[j]);
                row->year = yr;
                row->has_year = 1;
                if (!row->unit || !row->layer)
                    rc = GOVIDX_ENOMEM;
                else
                    rc = govidx_network_from_dataset(&row->net, ds, unit, yr, layers[j]);
            }
        }
    }
    free(layers);
    govidx_dataset_close(ds);
    return rc;
}

/* Column c of t by any of the names (NULL-terminated); SIZE_MAX if none. */
static size_t find_col(const govidx_table *t, const char *const *names)
{
    size_t c;
    for (; *names; names++)
        if (govidx_table_find_col_nocase(&c, t, *names) == GOVIDX_OK)
            return c;
    return (size_t)-1;
}

static const char *cell(const govidx_table *t, size_t r, size_t c)
{
    const char *s = c == (size_t)-1 ? NULL : govidx_table_cell(t, r, c);
    return s ? s : "";
}

static void bad_cell(const govidx_table *t, size_t r, const char *what)
{
    reported = 1;
    fprintf(stderr, "govidx network: %s:%zu: %s\n", govidx_table_name(t), govidx_table_line(t, r), what);
}

/* Actor rows sorted by (unit, code), for lookups by binary search. */
typedef struct actor_index {
    const govidx_table *t;
    size_t cu, ca, n, *row;
} actor_index;

static const actor_index *sort_ctx;

static int cmp_actor_rows(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(cell(sort_ctx->t, x, sort_ctx->cu), cell(sort_ctx->t, y, sort_ctx->cu));
    return c ? c : strcmp(cell(sort_ctx->t, x, sort_ctx->ca), cell(sort_ctx->t, y, sort_ctx->ca));
}

/* Build the index; a repeated (unit, actor) pair is an error. */
static int index_actors(actor_index *ix)
{
    size_t r;
    if (!(ix->row = malloc((ix->n ? ix->n : 1) * sizeof *ix->row)))
        return GOVIDX_ENOMEM;
    for (r = 0; r < ix->n; r++)
        ix->row[r] = r;
    sort_ctx = ix;
    qsort(ix->row, ix->n, sizeof *ix->row, cmp_actor_rows);
    for (r = 1; r < ix->n; r++)
        if (!cmp_actor_rows(&ix->row[r - 1], &ix->row[r])) {
            bad_cell(ix->t, ix->row[r], "this actor is listed twice for its unit");
            return GOVIDX_EFORMAT;
        }
    return GOVIDX_OK;
}

/* Row of actor `code` of `unit`, or SIZE_MAX. */
static size_t find_actor(const actor_index *ix, const char *unit, const char *code)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, r = ix->row[mid];
        int c = strcmp(cell(ix->t, r, ix->cu), unit);
        if (!c)
            c = strcmp(cell(ix->t, r, ix->ca), code);
        if (!c)
            return r;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

/* Networks of two CSV files (see the usage text). */
static int from_csv(net_list *l, const char *actors_csv, const char *edges_csv, const char *layer, int year,
                    int has_year)
{
    static const char *const c_actor[] = {"actor", "code", NULL}, *const c_unit[] = {"unit", "network", NULL},
                             *const c_sector[] = {"sector", NULL}, *const c_name[] = {"name", NULL},
                             *const c_year[] = {"year", NULL}, *const c_layer[] = {"layer", NULL},
                             *const c_from[] = {"from", NULL}, *const c_to[] = {"to", NULL},
                             *const c_weight[] = {"weight", NULL};
    govidx_table *ta = NULL, *te = NULL;
    size_t ca, cu, cs, cn, eu, ey, el, ef, et, ew, r, k, na, ne;
    size_t *local = NULL; /* actor row -> index within its unit */
    actor_index ix = {NULL, 0, 0, 0, NULL};
    int rc;
    if ((rc = govidx_table_read_csv(&ta, actors_csv, NULL)) || (rc = govidx_table_read_csv(&te, edges_csv, NULL)))
        goto done;
    ca = find_col(ta, c_actor), cu = find_col(ta, c_unit), cs = find_col(ta, c_sector), cn = find_col(ta, c_name);
    eu = find_col(te, c_unit), ey = find_col(te, c_year), el = find_col(te, c_layer);
    ef = find_col(te, c_from), et = find_col(te, c_to), ew = find_col(te, c_weight);
    govidx_clear_error(); /* optional columns that are absent are not errors */
    if (ca == (size_t)-1 || cu == (size_t)-1 || eu == (size_t)-1 || ef == (size_t)-1 || et == (size_t)-1) {
        fprintf(stderr, "govidx network: the actors need columns actor and unit, the edges unit, from and to\n");
        reported = 1;
        rc = GOVIDX_EFORMAT;
        goto done;
    }
    na = govidx_table_n_rows(ta);
    ne = govidx_table_n_rows(te);
    if (!(local = calloc(na ? na : 1, sizeof *local))) {
        rc = GOVIDX_ENOMEM;
        goto done;
    }
    ix.t = ta, ix.cu = cu, ix.ca = ca, ix.n = na;
    if ((rc = index_actors(&ix)))
        goto done;
    /* Keys (unit, year, layer) in order of first appearance among the edges. */
    for (r = 0; r < ne && !rc; r++) {
        const char *unit = cell(te, r, eu), *lay = cell(te, r, el);
        double yv = 0;
        int yr = 0, hy = ey != (size_t)-1 && !govidx_table_is_missing(te, r, ey);
        if (hy) {
            if (govidx_table_number(&yv, te, r, ey) || yv != floor(yv) || fabs(yv) > 1e6) {
                bad_cell(te, r, "year is not an integer");
                rc = GOVIDX_EFORMAT;
                break;
            }
            yr = (int)yv;
        }
        if ((layer && strcmp(lay, layer)) || (has_year && (!hy || yr != year)))
            continue;
        for (k = 0; k < l->n; k++)
            if (!strcmp(l->rows[k].unit, unit) && !strcmp(l->rows[k].layer, lay) && l->rows[k].has_year == hy &&
                l->rows[k].year == yr)
                break;
        if (k == l->n) {
            net_row *row = list_push(l);
            if (!row || !(row->unit = strdup(unit)) || !(row->layer = strdup(lay))) {
                rc = GOVIDX_ENOMEM;
                break;
            }
            row->year = yr;
            row->has_year = hy;
        }
    }
    /* Each network holds every actor of its unit. */
    for (k = 0; k < l->n && !rc; k++) {
        net_row *row = &l->rows[k];
        size_t n = 0;
        for (r = 0; r < na; r++)
            if (!strcmp(cell(ta, r, cu), row->unit))
                local[r] = n++;
        if (n == 0) {
            fprintf(stderr, "govidx network: unit '%s' has edges but no actors in %s\n", row->unit, actors_csv);
            reported = 1;
            rc = GOVIDX_ENOTFOUND;
            break;
        }
        if ((rc = govidx_network_new(&row->net, n)))
            break;
        for (r = 0; r < na && !rc; r++)
            if (!strcmp(cell(ta, r, cu), row->unit) &&
                (!(rc = govidx_network_set_sector(row->net, local[r], cell(ta, r, cs)))))
                rc = govidx_network_set_name(row->net, local[r], *cell(ta, r, cn) ? cell(ta, r, cn) : cell(ta, r, ca));
        for (r = 0; r < ne && !rc; r++) {
            const char *from = cell(te, r, ef), *to = cell(te, r, et);
            size_t fi, ti;
            double yv = 0, w = 1;
            int hy = ey != (size_t)-1 && !govidx_table_is_missing(te, r, ey);
            if (hy)
                govidx_table_number(&yv, te, r, ey);
            if (strcmp(cell(te, r, eu), row->unit) || strcmp(cell(te, r, el), row->layer) || hy != row->has_year ||
                (hy && (int)yv != row->year))
                continue;
            fi = find_actor(&ix, row->unit, from);
            ti = find_actor(&ix, row->unit, to);
            fi = fi == (size_t)-1 ? fi : local[fi];
            ti = ti == (size_t)-1 ? ti : local[ti];
            if (fi == (size_t)-1 || ti == (size_t)-1) {
                bad_cell(te, r, "an end of this tie is not an actor of its unit");
                rc = GOVIDX_ENOTFOUND;
                break;
            }
            if (ew != (size_t)-1 && !govidx_table_is_missing(te, r, ew) && govidx_table_number(&w, te, r, ew)) {
                bad_cell(te, r, "weight is not a number");
                rc = GOVIDX_EFORMAT;
                break;
            }
            if ((rc = govidx_network_add_tie(row->net, fi, ti, w)))
                bad_cell(te, r, govidx_last_error());
        }
    }
done:
    free(local);
    free(ix.row);
    govidx_table_free(ta);
    govidx_table_free(te);
    return rc;
}

/* --exclude / --only: drop the networks of the units not taken (each
 * network is measured on its own, so the others do not change).  -1 after
 * naming a code that has no network. */
static int filter_units(net_list *l, const cli_units *units)
{
    size_t k, w, n_codes = 0;
    const char **codes = calloc(l->n + 1, sizeof *codes);
    unsigned char *keep = calloc(l->n + 1, 1);
    int rc = 0;
    if (!codes || !keep) {
        free(codes);
        free(keep);
        return -1;
    }
    for (k = 0; k < l->n; k++) { /* the distinct units, for the check of the codes */
        size_t j;
        for (j = 0; j < n_codes && strcmp(codes[j], l->rows[k].unit); j++)
            ;
        if (j == n_codes)
            codes[n_codes++] = l->rows[k].unit;
    }
    if (cli_units_mask(keep, units, codes, n_codes, "network"))
        rc = -1;
    for (k = 0, w = 0; !rc && k < l->n; k++) {
        if (cli_units_reason(units, l->rows[k].unit)) {
            free(l->rows[k].unit);
            free(l->rows[k].layer);
            govidx_network_free(l->rows[k].net);
            continue;
        }
        l->rows[w++] = l->rows[k];
    }
    if (!rc)
        l->n = w;
    free(codes);
    free(keep);
    return rc;
}

int cmd_network(int argc, char **argv)
{
    const char *file = NULL, *actors = NULL, *edges = NULL, *csv = NULL, *layer = NULL;
    govidx_network_options o = GOVIDX_NETWORK_OPTIONS_INIT;
    net_list l = {NULL, 0, 0};
    cli_units units = {NULL, NULL};
    int i, year = 0, has_year = 0, rc;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            network_usage(stdout);
            return CLI_EXIT_OK;
        } else if (!strcmp(a, "--actors") && v)
            actors = v, i++;
        else if (!strcmp(a, "--edges") && v)
            edges = v, i++;
        else if (!strcmp(a, "--csv") && v)
            csv = v, i++;
        else if (!strcmp(a, "--layer") && v)
            layer = v, i++;
        else if (!strcmp(a, "--departments") && v)
            o.department_sectors = v, i++;
        else if (!strcmp(a, "--gov-sectors") && v)
            o.gov_sectors = v, i++;
        else if (!strcmp(a, "--year") && v) {
            long y = strtol(v, &end, 10);
            if (!*v || *end || y < -100000 || y > 100000) {
                fprintf(stderr, "govidx network: --year takes an integer\n");
                return CLI_EXIT_USAGE;
            }
            year = (int)y, has_year = 1, i++;
        } else if ((!strcmp(a, "--null") || !strcmp(a, "--seed")) && v) {
            unsigned long long x = strtoull(v, &end, 10);
            if (!*v || *end || *v == '-' || (!strcmp(a, "--null") && x > 100000)) {
                fprintf(stderr, "govidx network: %s takes a non-negative integer%s\n", a,
                        !strcmp(a, "--null") ? " up to 100000" : "");
                return CLI_EXIT_USAGE;
            }
            if (!strcmp(a, "--null"))
                o.null_samples = (size_t)x;
            else
                o.seed = x;
            i++;
        } else if (cli_units_arg(&units, a, v) == 1)
            i++;
        else if (a[0] != '-' && !file)
            file = a;
        else {
            fprintf(stderr, "govidx network: unknown or incomplete option '%s'\n", a);
            network_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (!csv || (file && (actors || edges)) || (!file && (!actors || !edges))) {
        fprintf(stderr, "govidx network: give FILE.h5 or --actors and --edges, and --csv OUT.csv\n");
        network_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    rc = file ? from_file(&l, file, layer, year, has_year) : from_csv(&l, actors, edges, layer, year, has_year);
    if (rc == GOVIDX_OK && l.n && (units.exclude || units.only) && filter_units(&l, &units)) {
        list_free(&l);
        return CLI_EXIT_FAIL;
    }
    if (rc == GOVIDX_OK && l.n == 0) {
        /* nothing to measure: say so rather than write a header-only CSV */
        fprintf(stderr, "govidx network: %s has no networks to measure (no actors with ties%s%s%s)\n",
                file ? file : edges, layer ? " in layer " : "", layer ? layer : "", has_year ? " in that year" : "");
        rc = GOVIDX_EMISSING;
        reported = 1;
    }
    if (rc == GOVIDX_OK)
        rc = write_rows(&l, &o, csv);
    list_free(&l);
    if (rc) {
        if (!reported)
            cli_report("network", rc);
        return CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

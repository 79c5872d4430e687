/*
 * lib/io/import_sections.c - the optional files of an import: districts
 * (added parents first), the open-data inventory, the actors and edges of
 * the collaboration network, and the DEA inputs and outputs.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* districts, inventory, networks, DEA                                        */

/* The pass of the former scan "add every district whose parent is added,
 * until none is left" in which each district is added: a district comes in
 * its parent's pass when the parent comes first in the file, else in the
 * next one; a root (or a district whose parent is missing) in pass 1; a
 * district on a cycle of parents or below one never (PASS_NEVER).
 * pk[k]: the parent's index or NONE; one walk per chain, O(n) in all. */
#define PASS_NEVER ((size_t)-1)
#define PASS_BUSY ((size_t)-2)
static void district_passes(const size_t *pk, size_t n, size_t *pass, size_t *stack)
{
    size_t k, top, x, y;
    for (k = 0; k < n; k++)
        pass[k] = 0;
    for (k = 0; k < n; k++) {
        for (top = 0, x = k; pass[x] == 0 && pk[x] != NONE; x = pk[x]) {
            pass[x] = PASS_BUSY;
            stack[top++] = x;
        }
        if (pass[x] == PASS_BUSY) { /* back on this walk: a cycle */
            while (top)
                pass[stack[--top]] = PASS_NEVER;
            continue;
        }
        if (pass[x] == 0)
            pass[x] = 1;
        while (top) {
            y = stack[--top];
            pass[y] = pass[pk[y]] == PASS_NEVER ? PASS_NEVER : pass[pk[y]] + (pk[y] > y);
        }
    }
}

void read_districts(importer *im, govidx_table *t)
{
    static const char *const cd_n[] = {"district", "code", NULL}, *const nm_n[] = {"name", NULL};
    static const char *const un_n[] = {"unit", "city", NULL}, *const pa_n[] = {"parent", NULL};
    static const char *const lv_n[] = {"level", NULL}, *const yr_n[] = {"year", NULL};
    static const char *const po_n[] = {"population", NULL}, *const ar_n[] = {"area", NULL};
    size_t cd = col_any(t, cd_n), cn = col_any(t, nm_n), cu = col_any(t, un_n), cp = col_any(t, pa_n);
    size_t cl = col_any(t, lv_n), cy = col_any(t, yr_n), cpop = col_any(t, po_n), ca = col_any(t, ar_n);
    size_t n = govidx_table_n_rows(t), r, c, k, i, n_d = 0, *first = NULL, *var_cols = NULL, n_vars = 0;
    size_t *pk = NULL, *pass = NULL, *order = NULL, *ds_index = NULL, p, max_pass = 0, n_never = 0;
    const char **dcodes = NULL;
    govidx__strmap dmap = {0}; /* district code -> index in dcodes[] (first appearance) */
    if (cd == NONE || cu == NONE || cy == NONE || cpop == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the districts file needs district, unit, year and "
                                                   "population columns");
        return;
    }
    dcodes = govidx__calloc(n + 1, sizeof *dcodes);
    first = govidx__calloc(n + 1, sizeof *first);
    var_cols = govidx__calloc(govidx_table_n_cols(t) + 1, sizeof *var_cols);
    pk = govidx__calloc(n + 1, sizeof *pk);
    pass = govidx__calloc(n + 1, sizeof *pass);
    order = govidx__calloc(n + 1, sizeof *order);
    ds_index = govidx__calloc(n + 1, sizeof *ds_index);
    if (!dcodes || !first || !var_cols || !pk || !pass || !order || !ds_index || govidx__strmap_reserve(&dmap, n)) {
        problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
        goto done;
    }
    for (r = 0; r < n; r++) {
        const char *d = cell(t, r, cd);
        if (!*d) {
            problem(im, GOVIDX_EFORMAT, t, r, cd, "empty district code");
            continue;
        }
        if (govidx__strmap_put(&dmap, d, n_d)) {
            dcodes[n_d] = d;
            first[n_d++] = r;
        }
    }
    /* parents before children: the districts in order of (pass, file order) */
    for (k = 0; k < n_d; k++) {
        const char *parent = text_or_null(t, first[k], cp);
        pk[k] = parent ? govidx__strmap_get(&dmap, parent) : NONE;
        ds_index[k] = NONE;
    }
    district_passes(pk, n_d, pass, order);
    for (k = 0; k < n_d; k++) {
        if (pass[k] == PASS_NEVER)
            n_never++;
        else if (pass[k] > max_pass)
            max_pass = pass[k];
    }
    {
        /* counting sort of the districts by pass (stable: file order within a pass) */
        size_t *start = govidx__calloc(max_pass + 2, sizeof *start);
        if (!start) {
            problem(im, govidx__oom(), t, NONE, NONE, "out of memory");
            goto done;
        }
        for (k = 0; k < n_d; k++)
            if (pass[k] != PASS_NEVER)
                start[pass[k]]++;
        for (p = 1, i = 0; p <= max_pass; p++) {
            size_t cnt = start[p];
            start[p] = i;
            i += cnt;
        }
        for (k = 0; k < n_d; k++)
            if (pass[k] != PASS_NEVER)
                order[start[pass[k]]++] = k;
        govidx__free(start);
    }
    for (i = 0, p = 0; i < n_d - n_never; i++) {
        const char *parent;
        govidx_district dd = GOVIDX_DISTRICT_INIT;
        double lvl = 1;
        k = order[i];
        if (pass[k] != p) { /* a pass starts: the former scan stopped before it after a problem */
            p = pass[k];
            if (im->status)
                break;
        }
        r = first[k];
        parent = text_or_null(t, r, cp);
        if (parent && pk[k] == NONE) {
            problem(im, GOVIDX_ENOTFOUND, t, r, cp, "parent district '%s' is not in the file", parent);
            continue;
        }
        dd.code = dcodes[k];
        dd.name = cn != NONE && *cell(t, r, cn) ? cell(t, r, cn) : dcodes[k];
        dd.unit = cell(t, r, cu);
        dd.parent = parent;
        if (number(im, t, r, cl, &lvl) == GOVIDX_OK && !isnan(lvl))
            dd.level = (int)lvl;
        number(im, t, r, ca, &dd.area);
        ds_index[k] = govidx_dataset_n_districts(im->ds);
        if (built(im, govidx_dataset_add_district(im->ds, &dd), t, r))
            ds_index[k] = NONE;
    }
    if (n_never && !im->status)
        problem(im, GOVIDX_ECYCLE, t, NONE, NONE, "the district parents form a cycle");
    for (c = 0; c < govidx_table_n_cols(t); c++)
        if (c != cd && c != cn && c != cu && c != cp && c != cl && c != cy && c != cpop && c != ca) {
            var_cols[n_vars++] = c;
            built(im, govidx_dataset_add_district_var(im->ds, govidx_table_col_name(t, c), NULL), t, NONE);
        }
    if (im->status)
        goto done;
    for (r = 0; r < n; r++) {
        size_t d, y;
        int year;
        double pop;
        if (parse_int(im, t, r, cy, &year))
            continue;
        if (govidx_dataset_find_year(&y, im->ds, year) != GOVIDX_OK) {
            problem(im, GOVIDX_ENOTFOUND, t, r, cy, "year %d is not a year of the data file", year);
            continue;
        }
        /* the district's index in the dataset (its place in the parents-first order) */
        d = govidx__strmap_get(&dmap, cell(t, r, cd));
        d = d == NONE ? NONE : ds_index[d];
        if (number(im, t, r, cpop, &pop) == GOVIDX_OK)
            built(im, govidx_dataset_set_district_population(im->ds, d, y, pop), t, r);
        for (k = 0; k < n_vars; k++) {
            double x;
            if (number(im, t, r, var_cols[k], &x) == GOVIDX_OK)
                built(im, govidx_dataset_set_district_value(im->ds, d, y, k, x), t, r);
        }
    }
done:
    govidx_clear_error();
    govidx__free(dcodes);
    govidx__free(first);
    govidx__free(var_cols);
    govidx__free(pk);
    govidx__free(pass);
    govidx__free(order);
    govidx__free(ds_index);
    govidx__strmap_free(&dmap);
}

static int answer_of(const char *s)
{
    if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "y") || !strcasecmp(s, "true"))
        return GOVIDX_ANSWER_YES;
    if (!strcmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "n") || !strcasecmp(s, "false"))
        return GOVIDX_ANSWER_NO;
    if (!*s || !strcasecmp(s, "unsure") || !strcmp(s, "?"))
        return GOVIDX_ANSWER_UNSURE;
    if (!strcmp(s, "NA"))
        return GOVIDX_ANSWER_MISSING;
    return -99;
}

void read_inventory(importer *im, govidx_table *t)
{
    static const char *const un[] = {"unit", "place", "city", NULL}, *const yr[] = {"year", NULL};
    static const char *const dsn[] = {"dataset", NULL}, *const ca[] = {"category", NULL};
    static const char *const de[] = {"department", NULL}, *const fo[] = {"format", NULL};
    static const char *const li[] = {"licence", "license", NULL}, *const lu[] = {"last_update", NULL};
    static const char *const uf[] = {"update_frequency", NULL};
    size_t cu = col_any(t, un), cy = col_any(t, yr), cds = col_any(t, dsn), cc = col_any(t, ca);
    size_t cde = col_any(t, de), cf = col_any(t, fo), cl = col_any(t, li), clu = col_any(t, lu);
    size_t cuf = col_any(t, uf), crit[GOVIDX_N_CRITERIA], r, k;
    if (cu == NONE || cy == NONE || cds == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the inventory file needs unit, year and dataset columns");
        return;
    }
    for (k = 0; k < GOVIDX_N_CRITERIA; k++) {
        /* govidx's own names first, then spellings seen in published audits */
        const char *names[4] = {govidx_dataset_criterion_name((int)k), NULL, NULL, NULL};
        switch (k) {
        case GOVIDX_CRIT_MACHINE_READABLE: names[1] = "machine_readable"; break;
        case GOVIDX_CRIT_OPEN_LICENCE: names[1] = "openlicense"; names[2] = "open_licence"; break;
        case GOVIDX_CRIT_UP_TO_DATE: names[1] = "up_to_date"; break;
        case GOVIDX_CRIT_REGISTRATION_FREE: names[1] = "registration_free"; break;
        case GOVIDX_CRIT_METADATA_STANDARD: names[1] = "metadata_standard"; break;
        default: break;
        }
        crit[k] = col_any(t, names);
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char answers[GOVIDX_N_CRITERIA];
        int ok = 1;
        if (parse_int(im, t, r, cy, &e.year))
            continue;
        e.unit = cell(t, r, cu);
        e.dataset = cell(t, r, cds);
        e.category = text_or_null(t, r, cc);
        e.department = text_or_null(t, r, cde);
        e.format = text_or_null(t, r, cf);
        e.licence = text_or_null(t, r, cl);
        e.last_update = text_or_null(t, r, clu);
        e.update_frequency = text_or_null(t, r, cuf);
        for (k = 0; k < GOVIDX_N_CRITERIA; k++) {
            int a = crit[k] == NONE ? GOVIDX_ANSWER_MISSING : answer_of(cell(t, r, crit[k]));
            if (a == -99) {
                problem(im, GOVIDX_EFORMAT, t, r, crit[k], "'%s' is not a yes/no/unsure answer",
                        cell(t, r, crit[k]));
                ok = 0;
            }
            answers[k] = (signed char)a;
        }
        e.answers = answers;
        e.n_answers = GOVIDX_N_CRITERIA;
        if (ok)
            built(im, govidx_dataset_add_inventory(im->ds, &e), t, r);
    }
    govidx_clear_error();
}

void read_actors(importer *im, govidx_table *t)
{
    static const char *const co[] = {"actor", "code", "id", NULL}, *const nm[] = {"name", NULL};
    static const char *const un[] = {"unit", "city", "network", NULL}, *const se[] = {"sector", NULL};
    static const char *const lv[] = {"level", NULL};
    size_t cc = col_any(t, co), cn = col_any(t, nm), cu = col_any(t, un), cs = col_any(t, se);
    size_t cl = col_any(t, lv), r;
    if (cc == NONE || cu == NONE || cs == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the actors file needs actor, unit and sector columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_actor a;
        memset(&a, 0, sizeof a);
        a.version = GOVIDX_ACTOR_VERSION;
        a.code = cell(t, r, cc);
        a.name = cn != NONE && *cell(t, r, cn) ? cell(t, r, cn) : a.code;
        a.unit = cell(t, r, cu);
        a.sector = cell(t, r, cs);
        a.level = text_or_null(t, r, cl);
        built(im, govidx_dataset_add_actor(im->ds, &a), t, r);
    }
    govidx_clear_error();
}

void read_edges(importer *im, govidx_table *t)
{
    static const char *const un[] = {"unit", "city", "network", NULL}, *const yr[] = {"year", NULL};
    static const char *const la[] = {"layer", NULL}, *const fr[] = {"from", NULL}, *const to[] = {"to", NULL};
    static const char *const we[] = {"weight", NULL};
    size_t cu = col_any(t, un), cy = col_any(t, yr), cl = col_any(t, la), cf = col_any(t, fr);
    size_t ct = col_any(t, to), cw = col_any(t, we), r;
    if (cu == NONE || cy == NONE || cf == NONE || ct == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the edges file needs unit, year, from and to columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        govidx_edge e;
        memset(&e, 0, sizeof e);
        e.version = GOVIDX_EDGE_VERSION;
        if (parse_int(im, t, r, cy, &e.year) || number(im, t, r, cw, &e.weight))
            continue;
        if (isnan(e.weight))
            e.weight = 1;
        e.unit = cell(t, r, cu);
        e.layer = cl != NONE && *cell(t, r, cl) ? cell(t, r, cl) : "default";
        e.from = cell(t, r, cf);
        e.to = cell(t, r, ct);
        built(im, govidx_dataset_add_edge(im->ds, &e), t, r);
    }
    govidx_clear_error();
}

void read_dea(importer *im, govidx_table *t)
{
    static const char *const va[] = {"variable", "indicator", "code", NULL}, *const ro[] = {"role", NULL};
    static const char *const fl[] = {"flags", NULL};
    size_t cv = col_any(t, va), cr = col_any(t, ro), cf = col_any(t, fl), r;
    if (cv == NONE || cr == NONE) {
        problem(im, GOVIDX_EFORMAT, t, NONE, NONE, "the DEA file needs variable and role columns");
        return;
    }
    for (r = 0; r < govidx_table_n_rows(t); r++) {
        const char *role = cell(t, r, cr), *flags = cell(t, r, cf);
        unsigned f = 0;
        int out;
        if (!strcasecmp(role, "input"))
            out = 0;
        else if (!strcasecmp(role, "output"))
            out = 1;
        else {
            problem(im, GOVIDX_EFORMAT, t, r, cr, "role must be input or output, not '%s'", role);
            continue;
        }
        if (strstr(flags, "undesirable"))
            f |= GOVIDX_DEA_UNDESIRABLE;
        if (strstr(flags, "nondiscretionary") || strstr(flags, "non-discretionary"))
            f |= GOVIDX_DEA_NONDISCRETIONARY;
        built(im, govidx_dataset_add_dea_var(im->ds, cell(t, r, cv), out, f), t, r);
    }
    govidx_clear_error();
}

/*
 * tools/figure.c - charts (tools/chart.h) from a dataset and its results.
 * SPDX-License-Identifier: MIT
 */
#include "figure.h"
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(figure *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->err, sizeof f->err, fmt, ap);
    va_end(ap);
    return -1;
}

void figure_free(figure *f)
{
    if (!f)
        return;
    for (size_t i = 0; f->labels && i < f->c.n; i++)
        free(f->labels[i]);
    free(f->labels);
    free(f->v1);
    free(f->v2);
    free(f->lo);
    free(f->hi);
    free(f->rank);
    memset(f, 0, sizeof *f);
}

/* Arrays for n entries; which: bit 1 v2, 2 lo/hi, 4 rank. */
static int alloc(figure *f, size_t n, unsigned which)
{
    chart init = CHART_INIT;
    memset(f, 0, sizeof *f);
    f->c = init;
    f->labels = calloc(n ? n : 1, sizeof *f->labels);
    f->v1 = calloc(n ? n : 1, sizeof *f->v1);
    f->v2 = which & 1 ? calloc(n ? n : 1, sizeof *f->v2) : NULL;
    f->lo = which & 2 ? calloc(n ? n : 1, sizeof *f->lo) : NULL;
    f->hi = which & 2 ? calloc(n ? n : 1, sizeof *f->hi) : NULL;
    f->rank = which & 4 ? calloc(n ? n : 1, sizeof *f->rank) : NULL;
    f->c.n = n;
    f->c.labels = (const char *const *)f->labels;
    f->c.value = f->v1;
    f->c.value2 = f->v2;
    f->c.lo = f->lo;
    f->c.hi = f->hi;
    f->c.rank = f->rank;
    f->c.title = f->title;
    if (!f->labels || !f->v1 || ((which & 1) && !f->v2) || ((which & 2) && (!f->lo || !f->hi)) ||
        ((which & 4) && !f->rank)) {
        figure_free(f);
        return fail(f, "out of memory");
    }
    return 0;
}

static int set_label(figure *f, size_t i, const char *s)
{
    if (!(f->labels[i] = strdup(s ? s : "")))
        return fail(f, "out of memory");
    return 0;
}

const char *figure_unit_name(const govidx_dataset *ds, const char *code)
{
    size_t u;
    const char *name;
    if (ds && govidx_dataset_find_unit(&u, ds, code) == GOVIDX_OK && (name = govidx_dataset_unit_name(ds, u)) &&
        *name)
        return name;
    return code;
}

/* A node's long name from the dataset's framework table, or NULL. */
static const char *node_name(const govidx_dataset *ds, const char *code)
{
    for (size_t k = 0; ds && k < govidx_dataset_n_nodes(ds); k++) {
        govidx_node node = GOVIDX_NODE_INIT;
        if (govidx_dataset_node(&node, ds, k) == GOVIDX_OK && !strcmp(node.code, code))
            return node.name && *node.name ? node.name : NULL;
    }
    return NULL;
}

static void node_title(char *buf, size_t n, const govidx_dataset *ds, const char *code, const char *what)
{
    const char *name = node_name(ds, code);
    if (name && strcmp(name, code))
        snprintf(buf, n, "%s: %s (%s)", what, name, code);
    else
        snprintf(buf, n, "%s: %s", what, code);
}

static const govidx_result *sort_r;
static size_t sort_year, sort_node;
static int by_rank(const void *a, const void *b)
{
    size_t ua = *(const size_t *)a, ub = *(const size_t *)b;
    size_t ra = govidx_result_rank(sort_r, ua, sort_year, sort_node), rb = govidx_result_rank(sort_r, ub, sort_year, sort_node);
    ra = ra ? ra : (size_t)-1;
    rb = rb ? rb : (size_t)-1;
    return ra < rb ? -1 : ra > rb ? 1 : ua < ub ? -1 : ua > ub;
}

int figure_ranking(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t node, size_t year,
                   const govidx_uncertainty *unc)
{
    size_t n = govidx_result_n_units(r), i, *order;
    if (node >= govidx_result_n_nodes(r) || year >= govidx_result_n_years(r) || n == 0)
        return fail(f, "ranking: node or year out of range");
    if (alloc(f, n, unc ? 2u | 4u : 4u))
        return -1;
    if (!(order = malloc(n * sizeof *order))) {
        figure_free(f);
        return fail(f, "out of memory");
    }
    for (i = 0; i < n; i++)
        order[i] = i;
    sort_r = r;
    sort_year = year;
    sort_node = node;
    qsort(order, n, sizeof *order, by_rank);
    /* units without a score are left out */
    size_t m = 0;
    for (i = 0; i < n; i++) {
        size_t u = order[i];
        double s = govidx_result_score(r, u, year, node);
        if (isnan(s))
            continue;
        const char *code = govidx_result_unit_code(r, u);
        if (set_label(f, m, figure_unit_name(ds, code))) {
            free(order);
            figure_free(f);
            return -1;
        }
        f->v1[m] = s;
        f->rank[m] = govidx_result_rank(r, u, year, node);
        if (unc) {
            size_t uu, kk, yy;
            const int yl = govidx_result_year(r, year);
            f->lo[m] = f->hi[m] = NAN;
            for (uu = 0; uu < govidx_uncertainty_n_units(unc) && strcmp(govidx_uncertainty_unit_code(unc, uu), code); uu++)
                ;
            for (kk = 0; kk < govidx_uncertainty_n_nodes(unc) &&
                             strcmp(govidx_uncertainty_node_code(unc, kk), govidx_result_node_code(r, node));
                 kk++)
                ;
            for (yy = 0; yy < govidx_uncertainty_n_years(unc) && govidx_uncertainty_year(unc, yy) != yl; yy++)
                ;
            if (uu < govidx_uncertainty_n_units(unc) && kk < govidx_uncertainty_n_nodes(unc) &&
                yy < govidx_uncertainty_n_years(unc)) {
                f->lo[m] = govidx_uncertainty_score_quantile(unc, uu, yy, kk, 0.05);
                f->hi[m] = govidx_uncertainty_score_quantile(unc, uu, yy, kk, 0.95);
            }
        }
        m++;
    }
    free(order);
    for (i = m; i < n; i++) /* labels past m stay NULL: free them as the count shrinks */
        f->labels[i] = NULL;
    f->c.n = m;
    if (m == 0) {
        figure_free(f);
        return fail(f, "ranking: no unit has a score for node '%s' in %d", govidx_result_node_code(r, node),
                    govidx_result_year(r, year));
    }
    f->c.kind = CHART_RANKING;
    node_title(f->title, sizeof f->title, ds, govidx_result_node_code(r, node), "Ranking");
    snprintf(f->subtitle, sizeof f->subtitle, "%d, %zu units%s", govidx_result_year(r, year), m,
             unc ? "; whiskers: 5-95% interval of the score under uncertainty" : "");
    f->c.subtitle = f->subtitle;
    f->c.x_label = "score";
    return 0;
}

int figure_slope(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t node, size_t y_from,
                 size_t y_to, int ranks)
{
    size_t n = govidx_result_n_units(r), u;
    if (node >= govidx_result_n_nodes(r) || y_from >= govidx_result_n_years(r) || y_to >= govidx_result_n_years(r))
        return fail(f, "slope: node or year out of range");
    if (alloc(f, n, 1u))
        return -1;
    for (u = 0; u < n; u++) {
        if (set_label(f, u, figure_unit_name(ds, govidx_result_unit_code(r, u)))) {
            figure_free(f);
            return -1;
        }
        if (ranks) {
            size_t a = govidx_result_rank(r, u, y_from, node), b = govidx_result_rank(r, u, y_to, node);
            f->v1[u] = a ? (double)a : NAN;
            f->v2[u] = b ? (double)b : NAN;
        } else {
            f->v1[u] = govidx_result_score(r, u, y_from, node);
            f->v2[u] = govidx_result_score(r, u, y_to, node);
        }
    }
    f->c.kind = CHART_SLOPE;
    f->c.ranks_axis = ranks;
    f->c.lower_better = govidx_result_node_direction(r, node) < 0;
    f->c.year_from = govidx_result_year(r, y_from);
    f->c.year_to = govidx_result_year(r, y_to);
    if (ranks) {
        f->c.vmin = 1;
        f->c.vmax = (double)n;
    }
    node_title(f->title, sizeof f->title, ds, govidx_result_node_code(r, node), ranks ? "Rank change" : "Score change");
    snprintf(f->subtitle, sizeof f->subtitle, "%d \xE2\x86\x92 %d; green: improved, red: worsened",
             f->c.year_from, f->c.year_to);
    f->c.subtitle = f->subtitle;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int figure_profile(figure *f, const govidx_dataset *ds, const govidx_result *r, size_t unit, size_t year,
                   size_t parent, int radar)
{
    govidx_framework *fw = NULL;
    size_t fk, nc, i, n = govidx_result_n_units(r);
    const char *pcode = govidx_result_node_code(r, parent);
    double *col = NULL;
    if (unit >= n || year >= govidx_result_n_years(r) || !pcode)
        return fail(f, "profile: unit, year or node out of range");
    if (govidx_framework_from_dataset(&fw, ds) || govidx_framework_find(&fk, fw, pcode)) {
        govidx_framework_free(fw);
        return fail(f, "profile: node '%s' is not in the dataset's framework", pcode);
    }
    nc = govidx_framework_n_children(fw, fk);
    if (nc == 0) {
        govidx_framework_free(fw);
        return fail(f, "profile: node '%s' has no children", pcode);
    }
    if (radar && nc < 3)
        radar = 0;
    if (alloc(f, nc, 1u) || !(col = malloc(n * sizeof *col))) {
        govidx_framework_free(fw);
        figure_free(f);
        return fail(f, "out of memory");
    }
    for (i = 0; i < nc; i++) {
        const char *code = govidx_framework_node_code(fw, govidx_framework_child(fw, fk, i));
        size_t k, m = 0;
        const char *name = node_name(ds, code);
        char label[300];
        if (name && strcmp(name, code))
            snprintf(label, sizeof label, "%s (%s)", name, code);
        else
            snprintf(label, sizeof label, "%s", code);
        if (set_label(f, i, label) || govidx_result_find_node(&k, r, code)) {
            free(col);
            govidx_framework_free(fw);
            figure_free(f);
            return fail(f, "profile: node '%s' is not in the result", code);
        }
        f->v1[i] = govidx_result_score(r, unit, year, k);
        for (size_t u = 0; u < n; u++) {
            double s = govidx_result_score(r, u, year, k);
            if (!isnan(s))
                col[m++] = s;
        }
        qsort(col, m, sizeof *col, cmp_double);
        f->v2[i] = m == 0 ? NAN : m % 2 ? col[m / 2] : 0.5 * (col[m / 2 - 1] + col[m / 2]);
    }
    free(col);
    govidx_framework_free(fw);
    const char *uname = figure_unit_name(ds, govidx_result_unit_code(r, unit));
    f->c.kind = CHART_PROFILE;
    f->c.radar = radar;
    snprintf(f->title, sizeof f->title, "Profile: %s", uname);
    snprintf(f->subtitle, sizeof f->subtitle, "children of %s, %d, against the median unit", pcode,
             govidx_result_year(r, year));
    f->c.subtitle = f->subtitle;
    f->c.series1 = uname;
    f->c.series2 = "median";
    f->c.x_label = "score";
    return 0;
}

/* Population-weighted mean of var over the leaf districts under top-level
 * district t (t itself when it has no children) in year y. */
static double district_mean(const govidx_dataset *ds, size_t t, size_t y, size_t var)
{
    govidx_matrix_view vals;
    const double *pop = govidx_dataset_district_population(ds, y);
    size_t nd = govidx_dataset_n_districts(ds), d;
    double sp = 0, spc = 0, sc = 0;
    size_t cnt = 0;
    if (govidx_dataset_district_values(&vals, ds, y))
        return NAN;
    unsigned char *has_child = calloc(nd ? nd : 1, 1);
    if (!has_child)
        return NAN;
    for (d = 0; d < nd; d++) {
        size_t p = govidx_dataset_district_parent(ds, d);
        if (p != (size_t)-1)
            has_child[p] = 1;
    }
    for (d = 0; d < nd; d++) {
        size_t a = d;
        if (has_child[d])
            continue;
        while (govidx_dataset_district_parent(ds, a) != (size_t)-1)
            a = govidx_dataset_district_parent(ds, a);
        if (a != t)
            continue;
        double c = vals.data[d + var * vals.ld], p = pop ? pop[d] : NAN;
        if (isnan(c))
            continue;
        sc += c;
        cnt++;
        if (!isnan(p)) {
            sp += p;
            spc += p * c;
        }
    }
    free(has_child);
    return sp > 0 ? spc / sp : cnt ? sc / (double)cnt : NAN;
}

int figure_coverage(figure *f, const govidx_dataset *ds, size_t unit, size_t year, const char *variable)
{
    size_t var = 0, nd = govidx_dataset_n_districts(ds), d, m = 0;
    if (unit >= govidx_dataset_n_units(ds) || year >= govidx_dataset_n_years(ds))
        return fail(f, "coverage: unit or year out of range");
    if (govidx_dataset_n_district_vars(ds) == 0)
        return fail(f, "coverage: the file has no district variables");
    if (variable && govidx_dataset_find_district_var(&var, ds, variable))
        return fail(f, "coverage: no district variable '%s'", variable);
    for (d = 0; d < nd; d++)
        m += govidx_dataset_district_unit(ds, d) == unit && govidx_dataset_district_parent(ds, d) == (size_t)-1;
    if (m == 0)
        return fail(f, "coverage: unit '%s' has no districts", govidx_dataset_unit_code(ds, unit));
    if (alloc(f, m, year > 0 ? 1u : 0u))
        return -1;
    m = 0;
    for (d = 0; d < nd; d++) {
        govidx_district row = GOVIDX_DISTRICT_INIT;
        if (govidx_dataset_district_unit(ds, d) != unit || govidx_dataset_district_parent(ds, d) != (size_t)-1)
            continue;
        govidx_dataset_district(&row, ds, d);
        if (set_label(f, m, row.name && *row.name ? row.name : row.code)) {
            figure_free(f);
            return -1;
        }
        f->v1[m] = district_mean(ds, d, year, var);
        if (f->v2)
            f->v2[m] = district_mean(ds, d, year - 1, var);
        m++;
    }
    /* best covered first */
    for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0 && (isnan(f->v1[j - 1]) || f->v1[j] > f->v1[j - 1]) && !isnan(f->v1[j]); j--) {
            double t = f->v1[j];
            f->v1[j] = f->v1[j - 1];
            f->v1[j - 1] = t;
            if (f->v2) {
                t = f->v2[j];
                f->v2[j] = f->v2[j - 1];
                f->v2[j - 1] = t;
            }
            char *l = f->labels[j];
            f->labels[j] = f->labels[j - 1];
            f->labels[j - 1] = l;
        }
    const char *vname = govidx_dataset_district_var_name(ds, var);
    const int *years = govidx_dataset_years(ds);
    f->c.kind = CHART_COVERAGE;
    snprintf(f->title, sizeof f->title, "Coverage by district: %s",
             figure_unit_name(ds, govidx_dataset_unit_code(ds, unit)));
    if (year > 0)
        snprintf(f->subtitle, sizeof f->subtitle, "%s, %d (ticks: %d), population-weighted over communities",
                 vname, years[year], years[year - 1]);
    else
        snprintf(f->subtitle, sizeof f->subtitle, "%s, %d, population-weighted over communities", vname, years[year]);
    f->c.subtitle = f->subtitle;
    f->c.x_label = vname;
    return 0;
}

int figure_compute(govidx_dataset **ds, govidx_plan **plan, govidx_result **r, const char *file, const char *spec)
{
    govidx_method *m = NULL;
    int rc = spec && strcmp(spec, "-") ? govidx_method_from_file(&m, spec) : govidx_method_new(&m);
    *ds = NULL;
    *plan = NULL;
    *r = NULL;
    if (rc) {
        cli_report(spec ? spec : "method", rc);
        return rc;
    }
    if ((rc = cli_dataset_open(ds, file, NULL, NULL)))
        ;
    else if ((rc = govidx_plan_from_dataset(plan, *ds, m)))
        cli_report("plan", rc);
    else if ((rc = govidx_execute_dataset(r, *plan, *ds)))
        cli_report("execute", rc);
    govidx_method_free(m);
    if (rc) {
        govidx_result_free(*r);
        govidx_plan_free(*plan);
        govidx_dataset_close(*ds);
        *r = NULL;
        *plan = NULL;
        *ds = NULL;
    }
    return rc;
}

size_t figure_root(const govidx_dataset *ds, const govidx_result *r)
{
    for (size_t k = 0; k < govidx_dataset_n_nodes(ds); k++) {
        govidx_node node = GOVIDX_NODE_INIT;
        size_t idx;
        if (govidx_dataset_node(&node, ds, k) == GOVIDX_OK && !node.parent &&
            govidx_result_find_node(&idx, r, node.code) == GOVIDX_OK)
            return idx;
    }
    return (size_t)-1;
}

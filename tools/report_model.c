/*
 * tools/report_model.c - gathers the numbers of the evaluator's report once
 * (report_model.h): the four headline indices of one year and the year
 * before, the composite's change decomposition, per-city profiles,
 * group summaries, the methodology annex and the data-quality tables.
 * Every number comes from a library call; this file only selects and
 * arranges them.
 * SPDX-License-Identifier: MIT
 */
#include "report_model.h"
#include "cli.h"

#include <govidx/decompose.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NA NAN
#define TOP_K 3 /* contributors, strengths, communities shown per city */

/* ---- tables ---------------------------------------------------------- */

static rep_table *table_new(report_model *m, const char *id, const char *title, const char *const *cols)
{
    rep_table *t;
    size_t n = 0;
    rep_table *grown = realloc(m->tables, (m->n_tables + 1) * sizeof *m->tables);
    if (!grown)
        return NULL;
    m->tables = grown;
    t = &m->tables[m->n_tables++];
    memset(t, 0, sizeof *t);
    while (cols[n])
        n++;
    t->id = id;
    t->title = title;
    t->cols = (const char **)cols;
    t->n_cols = n;
    return t;
}

/* A new row of NaNs; NULL on ENOMEM. */
static rep_cell *row_new(rep_table *t)
{
    size_t c;
    rep_cell *r;
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 32;
        rep_cell *g = realloc(t->cells, cap * t->n_cols * sizeof *g);
        if (!g)
            return NULL;
        t->cells = g;
        t->cap_rows = cap;
    }
    r = &t->cells[t->n_rows++ * t->n_cols];
    for (c = 0; c < t->n_cols; c++)
        r[c].v = NA, r[c].s = NULL;
    return r;
}

static void set_s(rep_cell *c, const char *s)
{
    free(c->s);
    c->s = strdup(s ? s : "");
}

const rep_table *report_table(const report_model *m, const char *id)
{
    size_t k;
    for (k = 0; k < m->n_tables; k++)
        if (!strcmp(m->tables[k].id, id))
            return &m->tables[k];
    return NULL;
}

size_t report_col(const rep_table *t, const char *name)
{
    size_t c;
    for (c = 0; t && c < t->n_cols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return (size_t)-1;
}

void report_model_free(report_model *m)
{
    size_t k, i;
    for (k = 0; k < m->n_tables; k++) {
        for (i = 0; i < m->tables[k].n_rows * m->tables[k].n_cols; i++)
            free(m->tables[k].cells[i].s);
        free(m->tables[k].cells);
    }
    free(m->tables);
    for (k = 0; k < REP_N_INDICES; k++)
        govidx_result_free(m->res[k]);
    govidx_decomposition_free(m->dec);
    govidx_plan_free(m->plan);
    free(m->keep);
    memset(m, 0, sizeof *m);
}

/* ---- helpers --------------------------------------------------------- */

static int sha256_file(char hex[65], const char *path)
{
    struct sha256_ctx ctx;
    uint8_t buf[65536], d[SHA256_DIGEST_SIZE];
    size_t n, i;
    FILE *f = fopen(path, "rb");
    if (!f)
        return GOVIDX_EIO;
    sha256_init(&ctx);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, n, buf);
    if (ferror(f)) {
        fclose(f);
        return GOVIDX_EIO;
    }
    fclose(f);
    sha256_digest(&ctx, sizeof d, d);
    for (i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return GOVIDX_OK;
}

static size_t node_of(const govidx_result *r, const char *code)
{
    size_t k;
    return r && code && govidx_result_find_node(&k, r, code) == GOVIDX_OK ? k : (size_t)-1;
}

/* Is unit u in the report (not left out by --exclude / --only)? */
static int kept(const report_model *m, size_t u)
{
    return !m->keep || m->keep[u];
}

/* Is unit `code` in the report? */
static int kept_code(const report_model *m, const char *code)
{
    size_t u;
    return !m->keep || (code && govidx_dataset_find_unit(&u, m->ds, code) == GOVIDX_OK && m->keep[u]);
}

static double score(const govidx_result *r, size_t u, size_t y, size_t k)
{
    return r && k != (size_t)-1 ? govidx_result_score(r, u, y, k) : NA;
}

static double rank(const govidx_result *r, size_t u, size_t y, size_t k)
{
    size_t rk = r && k != (size_t)-1 ? govidx_result_rank(r, u, y, k) : 0;
    return rk ? (double)rk : NA;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of the finite values of x[0..n) (x is reordered); NaN when none. */
static double median(double *x, size_t n)
{
    size_t k = 0, i;
    for (i = 0; i < n; i++)
        if (isfinite(x[i]))
            x[k++] = x[i];
    if (!k)
        return NA;
    qsort(x, k, sizeof *x, cmp_double);
    return k % 2 ? x[k / 2] : 0.5 * (x[k / 2 - 1] + x[k / 2]);
}

/* The node name of a composite node code (framework node or indicator). */
static const char *node_name(const govidx_dataset *ds, const char *code)
{
    size_t k;
    if (govidx_dataset_find_node(&k, ds, code) == GOVIDX_OK) {
        govidx_node n = GOVIDX_NODE_INIT;
        if (govidx_dataset_node(&n, ds, k) == GOVIDX_OK && n.name && *n.name)
            return n.name;
    }
    if (govidx_dataset_find_indicator(&k, ds, code) == GOVIDX_OK) {
        govidx_indicator ind = GOVIDX_INDICATOR_INIT;
        if (govidx_dataset_indicator(&ind, ds, k) == GOVIDX_OK && ind.name && *ind.name)
            return ind.name;
    }
    return code;
}

#define OOM(x)                                                                                          \
    do {                                                                                                \
        if (!(x)) {                                                                                     \
            fprintf(stderr, "govidx report: out of memory\n");                                          \
            return GOVIDX_ENOMEM;                                                                       \
        }                                                                                               \
    } while (0)

/* ---- computing the indices ------------------------------------------ */

static int compute_composite(report_model *m)
{
    govidx_method *meth = NULL;
    int rc;
    size_t k;
    if (m->opt.run) {
        govidx_run *run = NULL;
        const char *json;
        if ((rc = govidx_run_open(&run, m->opt.file, m->opt.run))) {
            fprintf(stderr, "govidx report: --run %s: %s\n", m->opt.run, govidx_last_error());
            return rc;
        }
        json = govidx_run_attr(run, "method");
        if (!json) {
            fprintf(stderr, "govidx report: --run %s: the run has no 'method' attribute (not written by "
                            "govidx compute --write)\n", m->opt.run);
            govidx_run_free(run);
            return GOVIDX_EFORMAT;
        }
        rc = govidx_method_from_json(&meth, json);
        govidx_run_free(run);
        if (rc) {
            fprintf(stderr, "govidx report: --run %s: its method: %s\n", m->opt.run, govidx_last_error());
            return rc;
        }
    } else if ((rc = govidx_method_new(&meth)))
        return rc;
    /* the cities left out take part in no step (govidx compute --exclude/--only) */
    if ((m->opt.exclude && (rc = govidx_method_set(meth, "units.exclude", m->opt.exclude))) ||
        (m->opt.only && (rc = govidx_method_set(meth, "units.only", m->opt.only)))) {
        fprintf(stderr, "govidx report: %s\n", govidx_last_error());
        govidx_method_free(meth);
        return rc;
    }
    rc = govidx_plan_from_dataset(&m->plan, m->ds, meth);
    if (!rc)
        rc = govidx_execute_dataset(&m->res[REP_COMPOSITE], m->plan, m->ds);
    govidx_method_free(meth);
    if (rc) {
        snprintf(m->index_note[REP_COMPOSITE], sizeof m->index_note[0], "%s", govidx_last_error());
        govidx_plan_free(m->plan);
        m->plan = NULL;
        return GOVIDX_OK; /* a file without a framework still has its headline indices */
    }
    /* the composite: the root of the highest level (a file may hold
     * several trees; the report follows the tallest) */
    {
        const govidx_framework *fw = govidx_plan_framework(m->plan);
        int best = -1;
        for (k = 0; k < govidx_framework_n_nodes(fw); k++)
            if (govidx_framework_parent(fw, k) == (size_t)-1 && !govidx_framework_is_indicator(fw, k) &&
                govidx_framework_level(fw, k) > best) {
                best = govidx_framework_level(fw, k);
                m->index_node[REP_COMPOSITE] = govidx_framework_node_code(fw, k);
            }
    }
    return GOVIDX_OK;
}

/* The headline indices as govidx compute --index X computes them, with
 * --exclude/--only: openness and coverage score each city on its own
 * (fixed goalposts, its own districts), so the cities left out are made
 * missing afterwards and the others re-rank; collaboration recomputes its
 * DEA frontier without them (govidx_collaboration_options v2). */
static int compute_indices(report_model *m)
{
    govidx_collaboration_options ce = GOVIDX_COLLABORATION_OPTIONS_INIT;
    cli_list ex = {NULL, NULL, 0}, only = {NULL, NULL, 0};
    int rc;
    if ((rc = govidx_openness_compute(&m->res[REP_OPENNESS], m->ds, NULL)))
        snprintf(m->index_note[REP_OPENNESS], sizeof m->index_note[0], "%s", govidx_last_error());
    else if (m->keep && (rc = govidx_result_leave_out_units(m->res[REP_OPENNESS], m->keep)))
        return rc;
    if (!govidx_dataset_n_district_vars(m->ds))
        snprintf(m->index_note[REP_COVERAGE], sizeof m->index_note[0], "the file has no district variable");
    else if ((rc = govidx_coverage_compute(&m->res[REP_COVERAGE], m->ds, m->opt.coverage))) {
        /* options the user chose that the data refuse are an error, not a note */
        if (m->opt.coverage) {
            fprintf(stderr, "govidx report: coverage: %s\n", govidx_last_error());
            return rc;
        }
        snprintf(m->index_note[REP_COVERAGE], sizeof m->index_note[0], "%s", govidx_last_error());
    } else if (m->keep && (rc = govidx_result_leave_out_units(m->res[REP_COVERAGE], m->keep)))
        return rc;
    if ((m->opt.exclude && cli_list_split(&ex, m->opt.exclude)) ||
        (m->opt.only && cli_list_split(&only, m->opt.only))) {
        cli_list_free(&ex);
        cli_list_free(&only);
        OOM(0);
    }
    ce.exclude = ex.items, ce.n_exclude = ex.n;
    ce.only = only.items, ce.n_only = only.n;
    if ((rc = govidx_collaboration_compute(&m->res[REP_COLLABORATION], m->ds, &ce)))
        snprintf(m->index_note[REP_COLLABORATION], sizeof m->index_note[0], "%s", govidx_last_error());
    cli_list_free(&ex);
    cli_list_free(&only);
    return GOVIDX_OK;
}

/* ---- tables ---------------------------------------------------------- */

static const char *const HEADLINE_COLS[] = {
    "unit", "name",
    "composite", "composite_prev", "composite_rank", "composite_rank_prev", "composite_rank_change",
    "openness", "openness_prev", "openness_rank", "openness_rank_prev", "openness_rank_change",
    "coverage", "coverage_prev", "coverage_rank", "coverage_rank_prev", "coverage_rank_change",
    "collaboration", "collaboration_prev", "collaboration_rank", "collaboration_rank_prev",
    "collaboration_rank_change",
    /* the composite's 5-95% rank and score intervals (govidx uncertainty); empty without one */
    "composite_rank_q05", "composite_rank_q95", "composite_q05", "composite_q95", NULL};

/* The headline row of unit `code`, or NULL (a city left out). */
static rep_cell *headline_row(rep_table *t, const char *code)
{
    size_t r;
    for (r = 0; r < t->n_rows; r++)
        if (!strcmp(t->cells[r * t->n_cols].s, code))
            return &t->cells[r * t->n_cols];
    return NULL;
}

/* The composite's intervals from the CSV of govidx uncertainty (its rows
 * of the report year and the composite's root), into the headline table's
 * last four columns.  The CSV's nominal scores must be the report's: an
 * interval of another method or file is refused, naming the city. */
static int read_uncertainty_csv(report_model *m, rep_table *t)
{
    govidx_table *csv = NULL;
    size_t r, c[7], u, seen = 0;
    static const char *const need[] = {"unit", "year", "node", "nominal_score", "q05_rank", "q95_rank",
                                       "q05_score"};
    size_t cq95s;
    const char *path = m->opt.uncertainty_csv;
    int rc;
    if ((rc = govidx_table_read_csv(&csv, path, NULL))) {
        fprintf(stderr, "govidx report: --uncertainty-csv %s: %s\n", path, govidx_last_error());
        return rc;
    }
    for (r = 0; r < 7; r++)
        if (govidx_table_find_col(&c[r], csv, need[r])) {
            fprintf(stderr, "govidx report: --uncertainty-csv %s: no column '%s' (expected the CSV of govidx "
                            "uncertainty)\n", path, need[r]);
            govidx_table_free(csv);
            return GOVIDX_EFORMAT;
        }
    if (govidx_table_find_col(&cq95s, csv, "q95_score")) {
        fprintf(stderr, "govidx report: --uncertainty-csv %s: no column 'q95_score'\n", path);
        govidx_table_free(csv);
        return GOVIDX_EFORMAT;
    }
    for (r = 0; r < govidx_table_n_rows(csv); r++) {
        double year, nominal, here, q[4];
        rep_cell *row;
        if (strcmp(govidx_table_cell(csv, r, c[2]), m->index_node[REP_COMPOSITE]) ||
            govidx_table_number(&year, csv, r, c[1]) || year != m->year)
            continue;
        if (govidx_dataset_find_unit(&u, m->ds, govidx_table_cell(csv, r, c[0]))) {
            fprintf(stderr, "govidx report: --uncertainty-csv %s line %zu: no unit '%s' in %s\n", path,
                    govidx_table_line(csv, r), govidx_table_cell(csv, r, c[0]), m->opt.file);
            govidx_table_free(csv);
            return GOVIDX_ENOTFOUND;
        }
        if (!(row = headline_row(t, govidx_dataset_unit_code(m->ds, u))))
            continue; /* left out by --exclude/--only */
        here = row[2].v;
        if (govidx_table_number(&nominal, csv, r, c[3]) ||
            !(fabs(nominal - here) <= 1e-9 * fmax(1.0, fabs(here)))) {
            fprintf(stderr, "govidx report: --uncertainty-csv %s line %zu: %s's nominal score %s is not the "
                            "report's composite score %.17g (another method or file?)\n", path,
                    govidx_table_line(csv, r), govidx_table_cell(csv, r, c[0]), govidx_table_cell(csv, r, c[3]),
                    here);
            govidx_table_free(csv);
            return GOVIDX_EINVAL;
        }
        q[0] = q[1] = q[2] = q[3] = NA;
        govidx_table_number(&q[0], csv, r, c[4]);
        govidx_table_number(&q[1], csv, r, c[5]);
        govidx_table_number(&q[2], csv, r, c[6]);
        govidx_table_number(&q[3], csv, r, cq95s);
        row[t->n_cols - 4].v = q[0], row[t->n_cols - 3].v = q[1];
        row[t->n_cols - 2].v = q[2], row[t->n_cols - 1].v = q[3];
        seen++;
    }
    govidx_table_free(csv);
    if (!seen) {
        fprintf(stderr, "govidx report: --uncertainty-csv %s: no row of node '%s' in %d\n", path,
                m->index_node[REP_COMPOSITE], m->year);
        return GOVIDX_ENOTFOUND;
    }
    m->n_intervals = seen;
    snprintf(m->uncertainty_note, sizeof m->uncertainty_note, "%s %s (%s)",
             report_tr(m, "5-95% intervals from"), path, m->index_node[REP_COMPOSITE]);
    return GOVIDX_OK;
}

/* The composite's intervals from a stored uncertainty run (/results/RUN,
 * written by govidx uncertainty --write RUN): arrays "scores" (nominal),
 * "q05_rank", "q95_rank", "q05_score", "q95_score" over units x years x
 * nodes, attribute "analysis" = "uncertainty".  Read through the generic
 * run API; the nominal scores must be the report's. */
static int read_uncertainty_run(report_model *m, rep_table *t)
{
    static const char *const arrays[] = {"scores", "q05_rank", "q95_rank", "q05_score", "q95_score"};
    const char *name = m->opt.uncertainty, *an;
    const double *a[5];
    govidx_run *run = NULL;
    size_t y, k, u, ru, i, seen = 0;
    int rc;
    if ((rc = govidx_run_open(&run, m->opt.file, name))) {
        fprintf(stderr, "govidx report: --uncertainty %s: %s\n", name, govidx_last_error());
        return rc;
    }
    an = govidx_run_attr(run, "analysis");
    if (!an || strcmp(an, "uncertainty")) {
        fprintf(stderr, "govidx report: --uncertainty %s: not an uncertainty run (its attribute 'analysis' is "
                        "%s%s%s; write one with govidx uncertainty --write %s)\n", name, an ? "'" : "",
                an ? an : "missing", an ? "'" : "", name);
        govidx_run_free(run);
        return GOVIDX_EFORMAT;
    }
    for (i = 0; i < 5; i++)
        if ((rc = govidx_run_array(&a[i], run, arrays[i]))) {
            fprintf(stderr, "govidx report: --uncertainty %s: no array '%s'\n", name, arrays[i]);
            govidx_run_free(run);
            return rc;
        }
    if (govidx_run_find_year(&y, run, m->year) ||
        govidx_run_find_node(&k, run, m->index_node[REP_COMPOSITE])) {
        fprintf(stderr, "govidx report: --uncertainty %s: no numbers of node '%s' in %d\n", name,
                m->index_node[REP_COMPOSITE], m->year);
        govidx_run_free(run);
        return GOVIDX_ENOTFOUND;
    }
    for (u = 0; u < govidx_dataset_n_units(m->ds); u++) {
        rep_cell *row = headline_row(t, govidx_dataset_unit_code(m->ds, u));
        size_t at;
        if (!row || govidx_run_find_unit(&ru, run, govidx_dataset_unit_code(m->ds, u)))
            continue;
        at = ru + govidx_run_n_units(run) * (k + govidx_run_n_nodes(run) * y);
        if (isfinite(row[2].v) != isfinite(a[0][at]) ||
            (isfinite(row[2].v) && !(fabs(a[0][at] - row[2].v) <= 1e-9 * fmax(1.0, fabs(row[2].v))))) {
            fprintf(stderr, "govidx report: --uncertainty %s: %s's nominal score %.17g is not the report's "
                            "composite score %.17g (another method? use --run with the run's method)\n", name,
                    govidx_dataset_unit_code(m->ds, u), a[0][at], row[2].v);
            govidx_run_free(run);
            return GOVIDX_EINVAL;
        }
        for (i = 0; i < 4; i++)
            row[t->n_cols - 4 + i].v = a[1 + i][at];
        seen++;
    }
    govidx_run_free(run);
    if (!seen) {
        fprintf(stderr, "govidx report: --uncertainty %s: none of the file's units is in the run\n", name);
        return GOVIDX_ENOTFOUND;
    }
    m->n_intervals = seen;
    snprintf(m->uncertainty_note, sizeof m->uncertainty_note, "%s /results/%s (%s)",
             report_tr(m, "5-95% intervals from"), name, m->index_node[REP_COMPOSITE]);
    return GOVIDX_OK;
}

static int table_headline(report_model *m)
{
    rep_table *t = table_new(m, "headline", "Headline indices", HEADLINE_COLS);
    size_t u, i;
    OOM(t);
    for (u = 0; u < govidx_dataset_n_units(m->ds); u++) {
        rep_cell *r;
        if (!kept(m, u))
            continue;
        OOM(r = row_new(t));
        set_s(&r[0], govidx_dataset_unit_code(m->ds, u));
        set_s(&r[1], govidx_dataset_unit_name(m->ds, u));
        for (i = 0; i < REP_N_INDICES; i++) {
            const govidx_result *res = m->res[i];
            size_t k = node_of(res, m->index_node[i]);
            rep_cell *c = &r[2 + 5 * i];
            c[0].v = score(res, u, m->y, k);
            c[2].v = rank(res, u, m->y, k);
            if (m->prev_year) {
                c[1].v = score(res, u, m->yp, k);
                c[3].v = rank(res, u, m->yp, k);
                /* positive = the city climbed */
                c[4].v = c[3].v - c[2].v;
            }
        }
    }
    if (m->opt.uncertainty && m->res[REP_COMPOSITE])
        return read_uncertainty_run(m, t);
    if (m->opt.uncertainty_csv && m->res[REP_COMPOSITE])
        return read_uncertainty_csv(m, t);
    return GOVIDX_OK;
}

static const char *const PILLAR_COLS[] = {"unit", "node", "name", "score", "rank", "median", "score_prev", NULL};

/* The composite root's children (pillars) per city, with the median city. */
static int table_pillars(report_model *m)
{
    const govidx_result *r = m->res[REP_COMPOSITE];
    const govidx_framework *fw = m->plan ? govidx_plan_framework(m->plan) : NULL;
    rep_table *t = table_new(m, "pillars", "Pillars against the median city", PILLAR_COLS);
    size_t root, i, u, n = govidx_dataset_n_units(m->ds);
    double *tmp;
    OOM(t);
    if (!r || !fw || govidx_framework_find(&root, fw, m->index_node[REP_COMPOSITE]))
        return GOVIDX_OK;
    OOM(tmp = malloc((n + 1) * sizeof *tmp));
    for (i = 0; i < govidx_framework_n_children(fw, root); i++) {
        const char *code = govidx_framework_node_code(fw, govidx_framework_child(fw, root, i));
        size_t k = node_of(r, code);
        double med;
        for (u = 0; u < n; u++)
            tmp[u] = score(r, u, m->y, k);
        med = median(tmp, n);
        for (u = 0; u < n; u++) {
            rep_cell *c;
            if (!kept(m, u))
                continue;
            c = row_new(t);
            if (!c) {
                free(tmp);
                OOM(0);
            }
            set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&c[1], code);
            set_s(&c[2], node_name(m->ds, code));
            c[3].v = score(r, u, m->y, k);
            c[4].v = rank(r, u, m->y, k);
            c[5].v = med;
            if (m->prev_year)
                c[6].v = score(r, u, m->yp, k);
        }
    }
    free(tmp);
    return GOVIDX_OK;
}

static const char *const CONTRIB_COLS[] = {"unit", "sign", "node", "name", "contribution", "change", "method",
                                           NULL};
static const char *const BREAK_COLS[] = {"unit", "breaks", NULL};

/* The composite's change since last year: top contributors per city. */
static int table_contributions(report_model *m)
{

    rep_table *t = table_new(m, "contributions", "Change since last year: top contributors", CONTRIB_COLS);
    rep_table *b;
    govidx_decompose_options o = GOVIDX_DECOMPOSE_OPTIONS_INIT;
    govidx_decomposition *d = NULL;
    size_t u, root, leaves[TOP_K], n, i;
    int s, rc;
    OOM(t);
    OOM(b = table_new(m, "breaks", "Series breaks", BREAK_COLS));
    t = &m->tables[m->n_tables - 2];
    if (!m->prev_year || !m->res[REP_COMPOSITE])
        return GOVIDX_OK;
    o.from_year = m->prev_year;
    o.to_year = m->year;
    if ((rc = govidx_decompose(&d, m->plan, m->res[REP_COMPOSITE], &o))) {
        fprintf(stderr, "govidx report: decomposing the change %d -> %d: %s\n", m->prev_year, m->year,
                govidx_last_error());
        return rc;
    }
    m->dec = d;
    if (govidx_decomposition_find_node(&root, d, m->index_node[REP_COMPOSITE]))
        return GOVIDX_OK;
    for (u = 0; u < govidx_decomposition_n_units(d); u++) {
        char names[256];
        unsigned br = govidx_decomposition_breaks(d, u);
        if (!kept_code(m, govidx_decomposition_unit_code(d, u)))
            continue;
        for (s = 1; s >= -1; s -= 2) {
            if (govidx_decomposition_top(leaves, &n, TOP_K, d, u, root, s))
                continue;
            for (i = 0; i < n; i++) {
                const char *code = govidx_decomposition_node_code(d, leaves[i]);
                size_t p = govidx_framework_parent(govidx_plan_framework(m->plan), leaves[i]);
                rep_cell *c = row_new(t);
                OOM(c);
                set_s(&c[0], govidx_decomposition_unit_code(d, u));
                set_s(&c[1], s > 0 ? "+" : "-");
                set_s(&c[2], code);
                set_s(&c[3], node_name(m->ds, code));
                c[4].v = govidx_decomposition_contribution(d, u, leaves[i]);
                c[5].v = govidx_decomposition_change(d, u, leaves[i]);
                set_s(&c[6], p == (size_t)-1 ? "" :
                             govidx_decomp_method_name(govidx_decomposition_method(d, u, p)));
            }
        }
        if (br) {
            rep_cell *c = row_new(b);
            OOM(c);
            govidx_break_names(names, sizeof names, br);
            set_s(&c[0], govidx_decomposition_unit_code(d, u));
            set_s(&c[1], names);
        }
    }
    return GOVIDX_OK;
}

static const char *const STRENGTH_COLS[] = {"unit", "kind", "node", "name", "score", "rank", NULL};

static int table_strengths(report_model *m)
{
    const govidx_result *r = m->res[REP_COMPOSITE];
    rep_table *t = table_new(m, "strengths", "Strengths and weaknesses", STRENGTH_COLS);
    size_t u, i, strong[TOP_K], weak[TOP_K], ns, nw;
    OOM(t);
    for (u = 0; r && u < govidx_dataset_n_units(m->ds); u++) {
        if (!kept(m, u) || govidx_result_strengths(strong, &ns, weak, &nw, TOP_K, r, u, m->y))
            continue;
        for (i = 0; i < ns + nw; i++) {
            size_t k = i < ns ? strong[i] : weak[i - ns];
            const char *code = govidx_result_node_code(r, k);
            rep_cell *c = row_new(t);
            OOM(c);
            set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&c[1], i < ns ? "strength" : "weakness");
            set_s(&c[2], code);
            set_s(&c[3], node_name(m->ds, code));
            c[4].v = score(r, u, m->y, k);
            c[5].v = rank(r, u, m->y, k);
        }
    }
    return GOVIDX_OK;
}

static const char *const COVERAGE_NODES[] = {"level", "level_unweighted", "adjusted", "gini", "theil_t",
                                             "theil_within", "theil_between", "atkinson", "continuity",
                                             "white_zones", "communities", "population", "floored", NULL};
static const char *const COVERAGE_COLS[] = {"unit", "level", "level_unweighted", "adjusted", "gini", "theil_t",
                                            "theil_within", "theil_between", "atkinson", "continuity",
                                            "white_zones", "communities", "population", "floored",
                                            "level_prev", "adjusted_prev", NULL};
static const char *const DISTRICT_COLS[] = {"unit", "district", "name", "value", "value_prev", NULL};
static const char *const COMMUNITY_COLS[] = {"unit", "kind", "district", "name", "value", "value_prev",
                                             "change", NULL};

static const char *const DISTRICT_OUT_COLS[] = {"unit", "district", "name", "reason", NULL};

/* Is district d left out of unit u's coverage in the report year (it, or
 * a district above it, is in the library's left-out list)? */
static int district_left_out(const report_model *m, const govidx_result *r, size_t u, size_t d)
{
    size_t nd = govidx_dataset_n_districts(m->ds), k, hops;
    size_t n_out = govidx_result_n_labels(r, u, m->y, GOVIDX_COVERAGE_LEFT_OUT);
    for (hops = 0; d < nd && hops <= nd; hops++, d = govidx_dataset_district_parent(m->ds, d)) {
        govidx_district di = GOVIDX_DISTRICT_INIT;
        if (govidx_dataset_district(&di, m->ds, d))
            return 0;
        for (k = 0; k < n_out; k++) { /* the label is "CODE (reason)" */
            const char *label = govidx_result_label(r, u, m->y, GOVIDX_COVERAGE_LEFT_OUT, k);
            size_t len = strlen(di.code);
            if (!strncmp(label, di.code, len) && (!label[len] || label[len] == ' '))
                return 1;
        }
    }
    return 0;
}

typedef struct comm { size_t d; double v, change; } comm;
static int cmp_change_up(const void *a, const void *b)
{
    double x = ((const comm *)a)->change, y = ((const comm *)b)->change;
    return x > y ? -1 : x < y;
}

static int table_coverage(report_model *m)
{
    const govidx_result *r = m->res[REP_COVERAGE];
    rep_table *t = table_new(m, "coverage", "Coverage by city", COVERAGE_COLS), *tc, *td, *to;
    size_t u, i, var = 0, nd = govidx_dataset_n_districts(m->ds), d;
    govidx_matrix_view v, vp;
    unsigned char *is_parent;
    comm *list;
    char key[64];
    OOM(t);
    OOM(tc = table_new(m, "communities", "Communities: worst covered, most improved, most worsened",
                       COMMUNITY_COLS));
    OOM(td = table_new(m, "district_coverage", "Coverage by community", DISTRICT_COLS));
    OOM(to = table_new(m, "districts_left_out", "Districts left out of coverage (with their sub-districts)",
                       DISTRICT_OUT_COLS));
    t = &m->tables[m->n_tables - 4];
    tc = &m->tables[m->n_tables - 3];
    td = &m->tables[m->n_tables - 2];
    if (!r)
        return GOVIDX_OK;
    /* the values shown are those of the variable coverage measures */
    if (govidx_dataset_find_district_var(&var, m->ds, m->opt.coverage_variable ? m->opt.coverage_variable
                                                         : govidx_dataset_district_var_name(m->ds, 0)))
        govidx_dataset_find_district_var(&var, m->ds, govidx_dataset_district_var_name(m->ds, 0));
    if (govidx_dataset_district_values(&v, m->ds, m->y))
        return GOVIDX_OK;
    if (m->prev_year && govidx_dataset_district_values(&vp, m->ds, m->yp))
        return GOVIDX_OK;
    OOM(is_parent = calloc(nd + 1, 1));
    list = malloc((nd + 1) * sizeof *list);
    if (!list) {
        free(is_parent);
        OOM(0);
    }
    for (d = 0; d < nd; d++) {
        size_t p = govidx_dataset_district_parent(m->ds, d);
        if (p < nd)
            is_parent[p] = 1;
    }
#define FAIL_OOM                                                                                        \
    do {                                                                                                \
        free(list), free(is_parent);                                                                    \
        OOM(0);                                                                                         \
    } while (0)
    for (u = 0; u < govidx_dataset_n_units(m->ds); u++) {
        rep_cell *c;
        size_t nl = 0, k;
        if (!kept(m, u) || !(score(r, u, m->y, node_of(r, "coverage.communities")) > 0))
            continue;
        if (!(c = row_new(t)))
            FAIL_OOM;
        set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
        for (i = 0; COVERAGE_NODES[i]; i++) {
            snprintf(key, sizeof key, "coverage.%s", COVERAGE_NODES[i]);
            c[1 + i].v = score(r, u, m->y, node_of(r, key));
        }
        if (m->prev_year) {
            c[1 + i].v = score(r, u, m->yp, node_of(r, "coverage.level"));
            c[2 + i].v = score(r, u, m->yp, node_of(r, "coverage.adjusted"));
        }
        /* the districts left out (include variable, --exclude-districts) */
        for (k = 0; k < govidx_result_n_labels(r, u, m->y, GOVIDX_COVERAGE_LEFT_OUT); k++) {
            /* the label is "CODE (reason)" */
            const char *label = govidx_result_label(r, u, m->y, GOVIDX_COVERAGE_LEFT_OUT, k);
            const char *paren = strstr(label, " (");
            size_t len = paren ? (size_t)(paren - label) : strlen(label);
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (!(c = row_new(to)))
                FAIL_OOM;
            set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&c[1], label);
            c[1].s[len] = 0;
            if (paren && label[strlen(label) - 1] == ')') {
                set_s(&c[3], paren + 2);
                c[3].s[strlen(c[3].s) - 1] = 0;
            }
            for (d = 0; d < nd; d++)
                if (!govidx_dataset_district(&di, m->ds, d) && !strcmp(di.code, c[1].s)) {
                    set_s(&c[2], di.name && *di.name ? di.name : di.code);
                    break;
                }
        }
        /* the worst covered, as the library lists them */
        for (k = 0; k < govidx_result_n_labels(r, u, m->y, GOVIDX_COVERAGE_WORST); k++) {
            const char *code = govidx_result_label(r, u, m->y, GOVIDX_COVERAGE_WORST, k);
            for (d = 0; d < nd; d++) {
                govidx_district di = GOVIDX_DISTRICT_INIT;
                if (govidx_dataset_district(&di, m->ds, d) || strcmp(di.code, code))
                    continue;
                if (!(c = row_new(tc)))
                    FAIL_OOM;
                set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
                set_s(&c[1], "worst");
                set_s(&c[2], di.code);
                set_s(&c[3], di.name && *di.name ? di.name : di.code);
                c[4].v = v.data[d + var * v.ld];
                if (m->prev_year) {
                    c[5].v = vp.data[d + var * vp.ld];
                    c[6].v = c[4].v - c[5].v;
                }
                break;
            }
        }
        /* every community (leaf district) of the city with a value: the chart's bars */
        for (d = 0; d < nd; d++) {
            double a = v.data[d + var * v.ld];
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (is_parent[d] || govidx_dataset_district_unit(m->ds, d) != u || !isfinite(a) ||
                govidx_dataset_district(&di, m->ds, d) || district_left_out(m, r, u, d))
                continue;
            if (!(c = row_new(td)))
                FAIL_OOM;
            set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&c[1], di.code);
            set_s(&c[2], di.name && *di.name ? di.name : di.code);
            c[3].v = a;
            if (m->prev_year)
                c[4].v = vp.data[d + var * vp.ld];
        }
        if (!m->prev_year)
            continue;
        /* communities (leaf districts) with a value in both years */
        for (d = 0; d < nd; d++) {
            double a = v.data[d + var * v.ld], b = vp.data[d + var * vp.ld];
            if (is_parent[d] || govidx_dataset_district_unit(m->ds, d) != u || !isfinite(a) || !isfinite(b) ||
                district_left_out(m, r, u, d))
                continue;
            list[nl].d = d, list[nl].v = a, list[nl].change = a - b;
            nl++;
        }
        qsort(list, nl, sizeof *list, cmp_change_up);
        /* the TOP_K largest rises, then the TOP_K largest falls */
        for (i = 0; i < 2 * TOP_K; i++) {
            int up = i < TOP_K;
            size_t off = up ? i : i - TOP_K, j;
            govidx_district di = GOVIDX_DISTRICT_INIT;
            if (off >= nl)
                continue;
            j = up ? off : nl - 1 - off;
            if ((up && !(list[j].change > 0)) || (!up && !(list[j].change < 0)))
                continue;
            if (govidx_dataset_district(&di, m->ds, list[j].d))
                continue;
            if (!(c = row_new(tc)))
                FAIL_OOM;
            set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&c[1], up ? "improved" : "worsened");
            set_s(&c[2], di.code);
            set_s(&c[3], di.name && *di.name ? di.name : di.code);
            c[4].v = list[j].v;
            c[5].v = list[j].v - list[j].change;
            c[6].v = list[j].change;
        }
    }
#undef FAIL_OOM
    free(list);
    free(is_parent);
    return GOVIDX_OK;
}

/* The network measures shown in profiles (names of govidx_network_measure_name). */
static const size_t NET_SHOWN[] = {GOVIDX_NET_ACTORS, GOVIDX_NET_TIES, GOVIDX_NET_DENSITY,
                                   GOVIDX_NET_RECIPROCITY, GOVIDX_NET_CROSS_SECTOR_SHARE, GOVIDX_NET_EI_INDEX,
                                   GOVIDX_NET_SILOS, GOVIDX_NET_SILO_SHARE,
                                   GOVIDX_NET_DEGREE_CENTRALIZATION, GOVIDX_NET_LARGEST_WEAK_SHARE,
                                   GOVIDX_NET_GLOBAL_EFFICIENCY};
static const char *const NETWORK_COLS[] = {"unit", "actors", "ties", "density", "reciprocity",
                                           "cross_sector_share", "ei_index", "silos", "silo_share",
                                           "degree_centralization", "largest_weak_share", "global_efficiency",
                                           "CE", "CE.C1", "CE.C2", "CE.C3", "CE.C4", NULL};
static const char *const SILO_COLS[] = {"unit", "layer", "actor", "name", NULL};

static int table_networks(report_model *m)
{
    rep_table *t = table_new(m, "networks", "Collaboration: network measures (all layers merged)",
                             NETWORK_COLS), *ts;
    const govidx_result *r = m->res[REP_COLLABORATION];
    size_t u, i, nm = govidx_network_n_measures(), n_shown = sizeof NET_SHOWN / sizeof *NET_SHOWN;
    int has_data_layer = 0;
    double *vals;
    OOM(t);
    OOM(ts = table_new(m, "silos", "Data silos: departments that share no data", SILO_COLS));
    t = &m->tables[m->n_tables - 2];
    if (!govidx_dataset_n_actors(m->ds))
        return GOVIDX_OK;
    for (i = 0; i < govidx_dataset_n_edges(m->ds) && !has_data_layer; i++) {
        govidx_edge e = GOVIDX_EDGE_INIT;
        has_data_layer = !govidx_dataset_edge(&e, m->ds, i) && e.layer && !strcmp(e.layer, "data");
    }
    OOM(vals = malloc(nm * sizeof *vals));
    for (u = 0; u < govidx_dataset_n_units(m->ds); u++) {
        govidx_network *net = NULL;
        size_t *silos, ns = 0, cap;
        rep_cell *c;
        if (!kept(m, u) ||
            govidx_network_from_dataset(&net, m->ds, govidx_dataset_unit_code(m->ds, u), m->year, NULL))
            continue; /* left out, or a city without actors */
        cap = govidx_network_n_actors(net);
        silos = malloc((cap + 1) * sizeof *silos);
        if (silos && has_data_layer) {
            /* data silos are about sharing data: the "data" layer's ties */
            govidx_network *dn = NULL;
            if (!govidx_network_from_dataset(&dn, m->ds, govidx_dataset_unit_code(m->ds, u), m->year, "data")) {
                if (govidx_network_silos(silos, cap, &ns, dn, NULL))
                    ns = 0;
                govidx_network_free(dn);
            }
        } else if (silos && govidx_network_silos(silos, cap, &ns, net, NULL))
            ns = 0;
        if (!silos || govidx_network_measures(vals, NULL, nm, net, NULL) || !(c = row_new(t))) {
            free(silos);
            govidx_network_free(net);
            free(vals);
            fprintf(stderr, "govidx report: network of %s in %d: %s\n", govidx_dataset_unit_code(m->ds, u),
                    m->year, govidx_last_error());
            return GOVIDX_ENOMEM;
        }
        set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
        for (i = 0; i < n_shown; i++)
            c[1 + i].v = vals[NET_SHOWN[i]];
        for (i = 0; i < 5; i++)
            c[1 + n_shown + i].v = score(r, u, m->y, node_of(r, NETWORK_COLS[1 + n_shown + i]));
        for (i = 0; i < ns; i++) {
            rep_cell *s = row_new(ts);
            if (!s)
                break;
            set_s(&s[0], govidx_dataset_unit_code(m->ds, u));
            set_s(&s[1], has_data_layer ? "data" : "all");
            {
                govidx_actor a = GOVIDX_ACTOR_INIT;
                const char *nm_i = govidx_network_name(net, silos[i]);
                /* the actor's code: the unit's actors are in file order */
                size_t k, seen = 0;
                for (k = 0; k < govidx_dataset_n_actors(m->ds); k++)
                    if (!govidx_dataset_actor(&a, m->ds, k) &&
                        !strcmp(a.unit, govidx_dataset_unit_code(m->ds, u)) && seen++ == silos[i])
                        break;
                set_s(&s[2], k < govidx_dataset_n_actors(m->ds) ? a.code : "");
                set_s(&s[3], nm_i && *nm_i ? nm_i : a.code);
            }
        }
        free(silos);
        govidx_network_free(net);
    }
    free(vals);
    return GOVIDX_OK;
}

static const char *const GROUP_COLS[] = {"grouping", "group", "index", "n", "mean", "median", "sd", "min",
                                         "max", "best", "worst", NULL};

static int table_groups(report_model *m)
{
    rep_table *t = table_new(m, "groups", "Group summaries", GROUP_COLS);
    size_t g, i, u, j, n = govidx_dataset_n_units(m->ds);
    double *x;
    OOM(t);
    OOM(x = malloc((n + 1) * sizeof *x));
    for (g = 0; g < govidx_dataset_n_groups(m->ds); g++) {
        /* each distinct label of grouping g, in order of first appearance */
        for (u = 0; u < n; u++) {
            const char *lab = govidx_dataset_group_label(m->ds, g, u);
            int first = 1;
            if (!lab || !*lab || !kept(m, u))
                continue;
            for (j = 0; j < u && first; j++) {
                const char *l2 = govidx_dataset_group_label(m->ds, g, j);
                first = !(l2 && !strcmp(l2, lab));
            }
            if (!first)
                continue;
            for (i = 0; i < REP_N_INDICES; i++) {
                const govidx_result *r = m->res[i];
                size_t k = node_of(r, m->index_node[i]), cnt = 0, best = n, worst = n;
                double sum = 0, ss = 0, mean;
                rep_cell *c;
                if (!r || k == (size_t)-1)
                    continue;
                for (j = 0; j < n; j++) {
                    const char *l2 = govidx_dataset_group_label(m->ds, g, j);
                    double s = score(r, j, m->y, k);
                    if (!l2 || strcmp(l2, lab) || !isfinite(s) || !kept(m, j))
                        continue;
                    x[cnt++] = s;
                    sum += s;
                    if (best == n || s > score(r, best, m->y, k))
                        best = j;
                    if (worst == n || s < score(r, worst, m->y, k))
                        worst = j;
                }
                if (!cnt)
                    continue;
                mean = sum / (double)cnt;
                for (j = 0; j < cnt; j++)
                    ss += (x[j] - mean) * (x[j] - mean);
                OOM(c = row_new(t));
                set_s(&c[0], govidx_dataset_group_name(m->ds, g));
                set_s(&c[1], lab);
                set_s(&c[2], m->index_key[i]);
                c[3].v = (double)cnt;
                c[4].v = mean;
                c[6].v = cnt > 1 ? sqrt(ss / (double)(cnt - 1)) : NA;
                qsort(x, cnt, sizeof *x, cmp_double);
                c[5].v = median(x, cnt);
                c[7].v = x[0];
                c[8].v = x[cnt - 1];
                set_s(&c[9], govidx_dataset_unit_code(m->ds, best));
                set_s(&c[10], govidx_dataset_unit_code(m->ds, worst));
            }
        }
    }
    free(x);
    return GOVIDX_OK;
}

static const char *const TREE_COLS[] = {"node", "name", "parent", "level", "weight", "aggregation", NULL};
static const char *const IND_COLS[] = {"code", "name", "unit", "parent", "direction", "weight", "goal_low",
                                       "goal_high", "source", NULL};

static int table_tree(report_model *m)
{
    rep_table *t = table_new(m, "tree", "Index tree", TREE_COLS), *ti;
    size_t k;
    OOM(t);
    for (k = 0; k < govidx_dataset_n_nodes(m->ds); k++) {
        govidx_node n = GOVIDX_NODE_INIT;
        rep_cell *c;
        if (govidx_dataset_node(&n, m->ds, k))
            continue;
        OOM(c = row_new(t));
        set_s(&c[0], n.code);
        set_s(&c[1], n.name);
        set_s(&c[2], n.parent);
        c[3].v = n.level;
        c[4].v = n.weight;
        set_s(&c[5], n.aggregation ? n.aggregation : "default");
    }
    OOM(ti = table_new(m, "indicators", "Indicators", IND_COLS));
    for (k = 0; k < govidx_dataset_n_indicators(m->ds); k++) {
        govidx_indicator d = GOVIDX_INDICATOR_INIT;
        rep_cell *c;
        if (govidx_dataset_indicator(&d, m->ds, k))
            continue;
        OOM(c = row_new(ti));
        set_s(&c[0], d.code);
        set_s(&c[1], d.name);
        set_s(&c[2], d.unit);
        set_s(&c[3], d.parent);
        c[4].v = d.direction;
        c[5].v = d.weight;
        c[6].v = d.goal_low;
        c[7].v = d.goal_high;
        set_s(&c[8], d.source);
    }
    return GOVIDX_OK;
}

static const char *const METHOD_COLS[] = {"setting", "value", NULL};

static int add_setting(rep_table *t, const char *k, const char *v)
{
    rep_cell *c = row_new(t);
    OOM(c);
    set_s(&c[0], k);
    set_s(&c[1], v);
    return GOVIDX_OK;
}

/* The coverage options used: every report names the weight (issue 16). */
static int add_coverage_settings(const report_model *m, rep_table *t)
{
    const govidx_coverage_options *o = m->opt.coverage;
    char buf[512];
    size_t k, len = 0;
    int rc = 0;
    if (!o)
        return add_setting(t, "coverage", "default options: first district variable, population weights, "
                                          "Atkinson epsilon 1, continuity threshold 0.5, zeros floored at 0.001");
    rc |= add_setting(t, "coverage: variable", m->opt.coverage_variable ? m->opt.coverage_variable : "");
    rc |= add_setting(t, "coverage: weight", o->weight ? o->weight : "district population");
    snprintf(buf, sizeof buf, "%g", o->epsilon);
    rc |= add_setting(t, "coverage: Atkinson epsilon", buf);
    snprintf(buf, sizeof buf, "%g", o->theta);
    rc |= add_setting(t, "coverage: continuity threshold", buf);
    rc |= add_setting(t, "coverage: include variable",
                      o->include ? o->include : "'include', else 'residential', when the file has one");
    buf[0] = 0;
    for (k = 0; k < o->n_exclude_districts && len < sizeof buf; k++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? "," : "", o->exclude_districts[k]);
    rc |= add_setting(t, "coverage: --exclude-districts", o->n_exclude_districts ? buf : "none");
    return rc;
}

static const char *const LEFT_OUT_COLS[] = {"unit", "name", "option", "reason", NULL};

/* The cities left out by --exclude / --only and why: the only place the
 * report names them. */
static int table_left_out(report_model *m)
{
    rep_table *t = table_new(m, "units_left_out", "Cities left out", LEFT_OUT_COLS);
    size_t u;
    OOM(t);
    for (u = 0; m->keep && u < govidx_dataset_n_units(m->ds); u++) {
        const char *code = govidx_dataset_unit_code(m->ds, u), *name = govidx_dataset_unit_name(m->ds, u);
        int by_exclude = m->opt.exclude && cli_units_reason(&(cli_units){m->opt.exclude, NULL}, code);
        rep_cell *c;
        if (kept(m, u))
            continue;
        OOM(c = row_new(t));
        set_s(&c[0], code);
        set_s(&c[1], name && *name ? name : code);
        set_s(&c[2], by_exclude ? "--exclude" : "--only");
        set_s(&c[3], report_tr(m, by_exclude ? "left out by --exclude" : "left out by --only (not listed)"));
    }
    return GOVIDX_OK;
}

static int table_methods(report_model *m)
{
    rep_table *t = table_new(m, "methods", "Method choices", METHOD_COLS);
    char buf[128];
    size_t i;
    int rc = 0;
    OOM(t);
    rc |= add_setting(t, "input file", m->opt.file);
    rc |= add_setting(t, "input sha256", m->sha256);
    rc |= add_setting(t, "library version", govidx_version_string());
    snprintf(buf, sizeof buf, "%d", m->year);
    rc |= add_setting(t, "year", buf);
    snprintf(buf, sizeof buf, "%d", m->prev_year);
    rc |= add_setting(t, "compared with year", m->prev_year ? buf : "none (first year of the file)");
    rc |= add_setting(t, "composite method (JSON)",
                      m->res[REP_COMPOSITE] ? govidx_result_method_json(m->res[REP_COMPOSITE]) : "");
    rc |= add_setting(t, "composite source", m->opt.run ? m->opt.run : "computed now with the default method");
    for (i = 0; i < REP_N_INDICES; i++) {
        snprintf(buf, sizeof buf, "%s: node reported", m->index_key[i]);
        rc |= add_setting(t, buf, m->index_node[i] ? m->index_node[i] : "");
        if (m->res[i] && i != REP_COMPOSITE) {
            snprintf(buf, sizeof buf, "%s: method (JSON)", m->index_key[i]);
            rc |= add_setting(t, buf, govidx_result_method_json(m->res[i]) ? govidx_result_method_json(m->res[i])
                                                                            : "library defaults");
        }
        if (*m->index_note[i]) {
            snprintf(buf, sizeof buf, "%s: not computed", m->index_key[i]);
            rc |= add_setting(t, buf, m->index_note[i]);
        }
    }
    rc |= add_coverage_settings(m, t);
    rc |= add_setting(t, "collaboration", "default options: every edge layer merged, DEA CRS input-oriented, "
                                          "corrected coupling C (Wang et al. 2021), geometric mean of layers");
    rc |= add_setting(t, "openness", "default method of docs/methods/openness-checklist.md");
    rc |= add_setting(t, "change decomposition",
                      "linear (arithmetic), log/LMDI-I (geometric), Shapley values otherwise (govidx_decompose)");
    rc |= add_setting(t, "ranks", "competition ranks, 1 = best; rank change = last year's rank - this year's "
                                  "(positive = climbed)");
    rc |= add_setting(t, "rank intervals", *m->uncertainty_note ? m->uncertainty_note : "from the stored run");
    return rc ? GOVIDX_ENOMEM : GOVIDX_OK;
}

static const char *const CORR_COLS[] = {"node", "parent", "pearson_r", NULL};
static const char *const ALPHA_COLS[] = {"node", "children", "cronbach_alpha", "note", NULL};

/* COINr-style statistical coherence: each node's correlation with its
 * parent across cities, and Cronbach's alpha of each aggregate's children. */
static int table_coherence(report_model *m)
{
    rep_table *t = table_new(m, "correlations", "Correlation of each node with its parent", CORR_COLS), *ta;
    const govidx_result *r = m->res[REP_COMPOSITE];
    const govidx_framework *fw = m->plan ? govidx_plan_framework(m->plan) : NULL;
    size_t n = govidx_dataset_n_units(m->ds), k, u, i;
    double *x, out[4];
    OOM(t);
    OOM(ta = table_new(m, "reliability", "Cronbach's alpha per pillar", ALPHA_COLS));
    t = &m->tables[m->n_tables - 2];
    if (!r || !fw)
        return GOVIDX_OK;
    for (k = 0; k < govidx_framework_n_nodes(fw); k++) {
        size_t p = govidx_framework_parent(fw, k), kr = node_of(r, govidx_framework_node_code(fw, k));
        size_t pr = p == (size_t)-1 ? p : node_of(r, govidx_framework_node_code(fw, p));
        rep_cell *c;
        if (p == (size_t)-1)
            continue;
        OOM(x = malloc(2 * n * sizeof *x));
        for (u = 0; u < n; u++)
            x[u] = score(r, u, m->y, kr), x[n + u] = score(r, u, m->y, pr);
        OOM(c = row_new(t));
        set_s(&c[0], govidx_framework_node_code(fw, k));
        set_s(&c[1], govidx_framework_node_code(fw, p));
        c[2].v = govidx_analysis_correlation(out, govidx_matrix_view_array(x, n, 2), GOVIDX_CORR_PEARSON)
                     ? NA : out[2];
        free(x);
    }
    for (k = 0; k < govidx_framework_n_nodes(fw); k++) {
        size_t nc = govidx_framework_n_children(fw, k);
        double alpha;
        rep_cell *c;
        if (govidx_framework_is_indicator(fw, k) || !nc)
            continue;
        OOM(x = malloc((n * nc + 1) * sizeof *x));
        for (i = 0; i < nc; i++) {
            size_t kc = node_of(r, govidx_framework_node_code(fw, govidx_framework_child(fw, k, i)));
            for (u = 0; u < n; u++)
                x[u + i * n] = score(r, u, m->y, kc);
        }
        OOM(c = row_new(ta));
        set_s(&c[0], govidx_framework_node_code(fw, k));
        c[1].v = (double)nc;
        if (govidx_analysis_cronbach_alpha(&alpha, govidx_matrix_view_array(x, n, nc)))
            set_s(&c[3], govidx_last_error());
        else
            c[2].v = alpha;
        free(x);
    }
    return GOVIDX_OK;
}

static const char *const AV_UNIT_COLS[] = {"unit", "indicators", "available", "available_share", "missing",
                                           "imputed", "treated", "floored", NULL};
static const char *const AV_IND_COLS[] = {"indicator", "units", "available", "available_share", "imputed",
                                          "treated", "floored", NULL};
static const char *const COUPLING_COLS[] = {"year", "cities", "saturated_share", "saturated", NULL};

/* Data quality of the report year: the file's panel (what was measured)
 * and the composite's flags (what the pipeline imputed, treated, floored). */
static int table_quality(report_model *m)
{
    rep_table *tu = table_new(m, "availability_city", "Data availability per city", AV_UNIT_COLS), *ti, *tcp;
    const govidx_result *r = m->res[REP_COMPOSITE];
    govidx_matrix_view p;
    size_t n = govidx_dataset_n_units(m->ds), J = govidx_dataset_n_indicators(m->ds), u, j, nk;
    const uint8_t *fl = govidx_dataset_panel_flags(m->ds, m->y);
    size_t *leaf;
    OOM(tu);
    OOM(ti = table_new(m, "availability_indicator", "Data availability per indicator", AV_IND_COLS));
    OOM(tcp = table_new(m, "coupling", "Coupling saturation (collaboration layer C4)", COUPLING_COLS));
    tu = &m->tables[m->n_tables - 3];
    ti = &m->tables[m->n_tables - 2];
    if (govidx_dataset_panel(&p, m->ds, m->y))
        return GOVIDX_OK;
    OOM(leaf = malloc((J + 1) * sizeof *leaf));
    for (j = 0; j < J; j++) {
        govidx_indicator d = GOVIDX_INDICATOR_INIT;
        leaf[j] = govidx_dataset_indicator(&d, m->ds, j) ? (size_t)-1 : node_of(r, d.code);
    }
#define FLAGS(u, j) ((fl ? fl[(u) + (j) * n] : 0u) | (r && leaf[j] != (size_t)-1 ? govidx_result_flags(r, u, m->y, leaf[j]) : 0u))
    for (u = 0; u < n; u++) {
        size_t av = 0, imp = 0, tr = 0, flo = 0;
        rep_cell *c;
        if (!kept(m, u))
            continue;
        if (!(c = row_new(tu))) {
            free(leaf);
            OOM(0);
        }
        for (j = 0; j < J; j++) {
            unsigned f = FLAGS(u, j);
            av += isfinite(p.data[u + j * p.ld]) != 0;
            imp += (f & GOVIDX_FLAG_IMPUTED) != 0;
            tr += (f & GOVIDX_FLAG_TREATED) != 0;
            flo += (f & GOVIDX_FLAG_FLOORED) != 0;
        }
        set_s(&c[0], govidx_dataset_unit_code(m->ds, u));
        c[1].v = (double)J, c[2].v = (double)av, c[3].v = J ? (double)av / (double)J : NA;
        c[4].v = (double)(J - av), c[5].v = (double)imp, c[6].v = (double)tr, c[7].v = (double)flo;
    }
    for (j = 0; j < J; j++) {
        size_t av = 0, imp = 0, tr = 0, flo = 0;
        govidx_indicator d = GOVIDX_INDICATOR_INIT;
        rep_cell *c = row_new(ti);
        if (!c) {
            free(leaf);
            OOM(0);
        }
        govidx_dataset_indicator(&d, m->ds, j);
        for (u = 0, nk = 0; u < n; u++) {
            unsigned f = FLAGS(u, j);
            if (!kept(m, u))
                continue;
            nk++;
            av += isfinite(p.data[u + j * p.ld]) != 0;
            imp += (f & GOVIDX_FLAG_IMPUTED) != 0;
            tr += (f & GOVIDX_FLAG_TREATED) != 0;
            flo += (f & GOVIDX_FLAG_FLOORED) != 0;
        }
        set_s(&c[0], d.code);
        c[1].v = (double)nk, c[2].v = (double)av, c[3].v = nk ? (double)av / (double)nk : NA;
        c[4].v = (double)imp, c[5].v = (double)tr, c[6].v = (double)flo;
    }
#undef FLAGS
    free(leaf);
    /* coupling saturation: the traditional C of the cities' three
     * subsystems U1..U3 (govidx_coupling_units), report year and the year before */
    if (m->res[REP_COLLABORATION]) {
        const govidx_result *rc = m->res[REP_COLLABORATION];
        size_t yy, s, nu = 0, ks[3] = {node_of(rc, "CE.C4.U1"), node_of(rc, "CE.C4.U2"), node_of(rc, "CE.C4.U3")};
        double *U = malloc(3 * (n + 1) * sizeof *U);
        OOM(U);
        for (yy = m->prev_year ? m->yp : m->y;; yy = m->y) {
            govidx_coupling_out o = GOVIDX_COUPLING_OUT_INIT;
            rep_cell *c;
            nu = 0;
            for (u = 0; u < n; u++) {
                double a = score(rc, u, yy, ks[0]), b = score(rc, u, yy, ks[1]), d = score(rc, u, yy, ks[2]);
                if (!kept(m, u) || !(a > 0 && a <= 1 && b > 0 && b <= 1 && d > 0 && d <= 1))
                    continue;
                U[nu] = a, U[nu + n] = b, U[nu + 2 * n] = d;
                nu++;
            }
            if (nu) {
                /* columns are n apart: compact them to nu apart */
                for (s = 1; s < 3; s++)
                    memmove(U + s * nu, U + s * n, nu * sizeof *U);
                if (!govidx_coupling_units(&o, govidx_matrix_view_array(U, nu, 3), NULL) && (c = row_new(tcp))) {
                    c[0].v = govidx_result_year(rc, yy);
                    c[1].v = (double)nu;
                    c[2].v = o.saturated_share;
                    c[3].v = o.saturated;
                }
            }
            if (yy == m->y)
                break;
        }
        free(U);
    }
    return GOVIDX_OK;
}

/* ---- the model ------------------------------------------------------- */

int report_model_build(report_model *m, govidx_dataset *ds, const report_options *opt)
{
    const int *years = govidx_dataset_years(ds);
    size_t ny = govidx_dataset_n_years(ds);
    int rc;
    memset(m, 0, sizeof *m);
    m->opt = *opt;
    m->ds = ds;
    m->index_key[REP_COMPOSITE] = "composite";
    m->index_key[REP_OPENNESS] = "openness";
    m->index_key[REP_COVERAGE] = "coverage";
    m->index_key[REP_COLLABORATION] = "collaboration";
    m->index_node[REP_OPENNESS] = "O"; /* "openness.O" in govidx compute --index openness */
    m->index_node[REP_COVERAGE] = "coverage.adjusted";
    m->index_node[REP_COLLABORATION] = "CE";
    m->title = govidx_dataset_attr(ds, "title");
    if (!m->title || !*m->title)
        m->title = opt->file;
    m->year = opt->year ? opt->year : years[ny - 1];
    if (govidx_dataset_find_year(&m->y, ds, m->year)) {
        fprintf(stderr, "govidx report: year %d is not in %s (its years: %d to %d)\n", m->year, opt->file,
                years[0], years[ny - 1]);
        return GOVIDX_ENOTFOUND;
    }
    if (m->y > 0) {
        m->yp = m->y - 1;
        m->prev_year = years[m->yp];
    }
    if (sha256_file(m->sha256, opt->file)) {
        fprintf(stderr, "govidx report: cannot read %s to checksum it\n", opt->file);
        return GOVIDX_EIO;
    }
    if (opt->uncertainty && opt->uncertainty_csv) {
        fprintf(stderr, "govidx report: give --uncertainty RUN or --uncertainty-csv U.csv, not both\n");
        return GOVIDX_EINVAL;
    }
    if (opt->uncertainty || opt->uncertainty_csv)
        snprintf(m->uncertainty_note, sizeof m->uncertainty_note, "from %s",
                 opt->uncertainty ? opt->uncertainty : opt->uncertainty_csv);
    else
        snprintf(m->uncertainty_note, sizeof m->uncertainty_note, "%s",
                 report_tr(m, "no uncertainty run given (--uncertainty-csv U.csv from govidx uncertainty); no "
                              "rank intervals shown"));
    if (opt->exclude || opt->only) {
        /* unknown codes are named (as every command names them), nothing computed */
        size_t u, n = govidx_dataset_n_units(ds);
        const char **codes = calloc(n + 1, sizeof *codes);
        cli_units units = {opt->exclude, opt->only};
        OOM(codes);
        if (!(m->keep = calloc(n + 1, 1))) {
            free(codes);
            OOM(0);
        }
        for (u = 0; u < n; u++)
            codes[u] = govidx_dataset_unit_code(ds, u);
        rc = cli_units_mask(m->keep, &units, codes, n, "report");
        free(codes);
        if (rc)
            return GOVIDX_ENOTFOUND;
    }
    if ((rc = compute_composite(m)) || (rc = compute_indices(m)))
        return rc;
    if ((rc = table_headline(m)) || (rc = table_left_out(m)) || (rc = table_pillars(m)) || (rc = table_contributions(m)) ||
        (rc = table_strengths(m)) || (rc = table_coverage(m)) || (rc = table_networks(m)) ||
        (rc = table_groups(m)) || (rc = table_tree(m)) || (rc = table_methods(m)) ||
        (rc = table_coherence(m)) || (rc = table_quality(m)))
        return rc;
    return GOVIDX_OK;
}

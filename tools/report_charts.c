/*
 * tools/report_charts.c - the report's charts: the model's numbers handed to
 * the chart module (tools/chart.h, cairo) and its SVG embedded inline.
 *
 * cairo names the glyphs, clips and surfaces of every SVG it writes alike
 * (glyph-0-1, clip-1, ...), and ids are global in an HTML document, so each
 * embedded chart's ids get a prefix of their own ("c<N>-"); otherwise the
 * second chart would draw the first chart's glyphs.
 * SPDX-License-Identifier: MIT
 */
#include "report_charts.h"
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned chart_seq; /* per process: one report per run */

/* Copy svg to f without its XML declaration, every id, href="#..." and
 * url(#...) prefixed with "c<seq>-". */
static void embed(FILE *f, const char *svg)
{
    char pre[32];
    const char *s = strstr(svg, "<svg");
    snprintf(pre, sizeof pre, "c%u-", ++chart_seq);
    if (!s)
        return;
    while (*s) {
        if (!strncmp(s, " id=\"", 5)) {
            fprintf(f, " id=\"%s", pre);
            s += 5;
        } else if (!strncmp(s, "href=\"#", 7)) {
            fprintf(f, "href=\"#%s", pre);
            s += 7;
        } else if (!strncmp(s, "url(#", 5)) {
            fprintf(f, "url(#%s", pre);
            s += 5;
        } else
            fputc(*s++, f);
    }
}

/* Draw c and embed it in a <figure>; a chart that cannot be drawn is named
 * with the reason instead. */
static void figure(FILE *f, const chart *c, const char *cls, const char *data_unit)
{
    char *svg = NULL;
    size_t len = 0;
    const char *err = NULL;
    fprintf(f, "<figure class=\"chart %s\"", cls);
    if (data_unit) {
        fputs(" data-unit=\"", f);
        for (; *data_unit; data_unit++)
            if (*data_unit == '"' || *data_unit == '<' || *data_unit == '&')
                fprintf(f, "&#%d;", *data_unit);
            else
                fputc(*data_unit, f);
        fputc('"', f);
    }
    fputs(">", f);
    if (chart_svg_string(&svg, &len, c, 0, 0, &err) == 0)
        embed(f, svg);
    else
        fprintf(f, "<p class=\"note\">chart not drawn: %s</p>", err ? err : "unknown reason");
    free(svg);
    fputs("</figure>\n", f);
}

typedef struct bar { double v, lo, hi; size_t rank; const char *label; } bar;
static int cmp_bar(const void *a, const void *b)
{
    const bar *x = a, *y = b;
    if (isfinite(x->v) != isfinite(y->v))
        return isfinite(x->v) ? -1 : 1;
    return x->v > y->v ? -1 : x->v < y->v;
}

/* The name of headline row r (rows are the cities kept, not every unit
 * of the file), else its code. */
static const char *row_label(const rep_table *h, size_t r)
{
    const char *n = report_cell(h, r, 1)->s;
    return n && *n ? n : report_cell(h, r, 0)->s;
}

void report_charts_html(FILE *f, const report_model *m)
{
    const rep_table *h = report_table(m, "headline");
    size_t n = h->n_rows, i, u;
    bar *bars = malloc((n + 1) * sizeof *bars);
    double *v = malloc((n + 1) * sizeof *v), *v2 = malloc((n + 1) * sizeof *v2);
    double *lo = malloc((n + 1) * sizeof *lo), *hi = malloc((n + 1) * sizeof *hi);
    size_t *rk = malloc((n + 1) * sizeof *rk);
    const char **lab = malloc((n + 1) * sizeof *lab);
    char title[256];
    if (!bars || !v || !v2 || !lo || !hi || !rk || !lab)
        goto done;
    for (i = 0; i < REP_N_INDICES; i++) {
        chart c = CHART_INIT;
        size_t k = 0;
        if (!m->res[i])
            continue;
        for (u = 0; u < n; u++) {
            const rep_cell *cl = report_cell(h, u, 2 + 5 * i), *q = report_cell(h, u, h->n_cols - 2);
            if (!isfinite(cl[0].v))
                continue;
            /* whiskers: the composite's 5-95% score interval */
            bars[k].lo = i == REP_COMPOSITE ? q[0].v : NAN;
            bars[k].hi = i == REP_COMPOSITE ? q[1].v : NAN;
            bars[k].v = cl[0].v;
            bars[k].rank = isfinite(cl[2].v) ? (size_t)cl[2].v : 0;
            bars[k].label = row_label(h, u);
            k++;
        }
        if (!k)
            continue;
        qsort(bars, k, sizeof *bars, cmp_bar);
        for (u = 0; u < k; u++)
            v[u] = bars[u].v, rk[u] = bars[u].rank, lab[u] = bars[u].label, lo[u] = bars[u].lo,
            hi[u] = bars[u].hi;
        snprintf(title, sizeof title, "%s %d", report_tr(m, m->index_key[i]), m->year);
        c.kind = CHART_RANKING;
        c.title = title;
        if (i == REP_COMPOSITE && m->n_intervals) {
            c.lo = lo, c.hi = hi;
            c.subtitle = report_tr(m, "whiskers: 5-95% score interval (uncertainty analysis)");
        }
        c.x_label = report_tr(m, "score");
        c.n = k;
        c.labels = lab;
        c.value = v;
        c.rank = rk;
        figure(f, &c, "ranking", NULL);
    }
    if (m->prev_year && m->res[REP_COMPOSITE]) {
        /* slope chart of the composite's ranks, last year -> this year */
        chart c = CHART_INIT;
        size_t k = 0;
        for (u = 0; u < n; u++) {
            const rep_cell *cl = report_cell(h, u, 2);
            if (!isfinite(cl[2].v) || !isfinite(cl[3].v))
                continue;
            v[k] = cl[3].v, v2[k] = cl[2].v, lab[k] = row_label(h, u);
            k++;
        }
        snprintf(title, sizeof title, "%s: %s", report_tr(m, "composite"),
                 report_tr(m, "Slope chart: last year to this year"));
        c.kind = CHART_SLOPE;
        c.title = title;
        c.n = k;
        c.labels = lab;
        c.value = v;
        c.value2 = v2;
        c.year_from = m->prev_year;
        c.year_to = m->year;
        c.ranks_axis = 1;
        if (k)
            figure(f, &c, "slope", NULL);
    }
done:
    free(bars), free(v), free(v2), free(lo), free(hi), free(rk), free(lab);
}

void report_chart_profile_html(FILE *f, const report_model *m, const char *unit)
{
    const rep_table *p = report_table(m, "pillars");
    size_t r, k = 0, cu = report_col(p, "unit");
    double v[64], med[64];
    const char *lab[64];
    chart c = CHART_INIT;
    for (r = 0; r < p->n_rows && k < 64; r++) {
        if (strcmp(report_cell(p, r, cu)->s, unit))
            continue;
        lab[k] = report_cell(p, r, report_col(p, "name"))->s;
        v[k] = report_cell(p, r, report_col(p, "score"))->v;
        med[k] = report_cell(p, r, report_col(p, "median"))->v;
        k++;
    }
    if (!k)
        return;
    c.kind = CHART_PROFILE;
    c.n = k;
    c.labels = lab;
    c.value = v;
    c.value2 = med;
    c.radar = k >= 3;
    {
        size_t u;
        const char *n;
        c.series1 = govidx_dataset_find_unit(&u, m->ds, unit) ? unit
                    : (n = govidx_dataset_unit_name(m->ds, u)) && *n ? n : unit;
    }
    c.series2 = report_tr(m, "median");
    figure(f, &c, "profile", unit);
}

void report_chart_coverage_html(FILE *f, const report_model *m, const char *unit)
{
    const rep_table *t = report_table(m, "district_coverage");
    size_t r, k = 0, cu = report_col(t, "unit"), n = t ? t->n_rows : 0;
    double *v = malloc((n + 1) * sizeof *v), *vp = malloc((n + 1) * sizeof *vp);
    const char **lab = malloc((n + 1) * sizeof *lab);
    char title[256];
    chart c = CHART_INIT;
    int any_prev = 0;
    if (!v || !vp || !lab)
        goto done;
    for (r = 0; r < n; r++) {
        if (strcmp(report_cell(t, r, cu)->s, unit))
            continue;
        lab[k] = report_cell(t, r, report_col(t, "name"))->s;
        v[k] = report_cell(t, r, report_col(t, "value"))->v;
        vp[k] = report_cell(t, r, report_col(t, "value_prev"))->v;
        any_prev |= isfinite(vp[k]);
        k++;
    }
    if (!k)
        goto done;
    snprintf(title, sizeof title, "%s %d", report_tr(m, "Coverage by community"), m->year);
    c.kind = CHART_COVERAGE;
    c.title = title;
    c.subtitle = any_prev ? report_tr(m, "ticks: last year") : NULL;
    c.n = k;
    c.labels = lab;
    c.value = v;
    c.value2 = any_prev ? vp : NULL;
    c.vmin = 0;
    c.vmax = 1;
    figure(f, &c, "coverage", unit);
done:
    free(v), free(vp), free(lab);
}

/*
 * tools/report_html.c - the evaluator's report as one self-contained HTML
 * file: inline CSS and one small inline script (column sorting), charts as
 * inline SVG, no external script, font or network request; printable to
 * PDF from a browser.  Every string from the file is HTML-escaped.
 *
 * Numbers: each cell shows a rounded value and carries the exact one in
 * data-v (17 significant digits), which the sorting script and the tests
 * read.  Element ids: section ids headline, charts, profiles, groups,
 * methodology, quality; table ids "t-<table id>"; profiles
 * "profile-<unit code>" (docs/report.md).
 * SPDX-License-Identifier: MIT
 */
#include "report_model.h"
#include "report_charts.h"
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Write s HTML-escaped (text and attribute values). */
static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* A column heading: translated, else the name with spaces for '_'. */
static void label(FILE *f, const report_model *m, const char *col)
{
    const char *t = report_tr(m, col);
    if (t != col) {
        esc(f, t);
        return;
    }
    for (; *col; col++) {
        char one[2] = {*col == '_' ? ' ' : *col, 0};
        esc(f, one);
    }
}

/* The decimals a column is shown with. */
static int decimals(const char *col)
{
    static const char *const ints[] = {"rank", "n", "actors", "ties", "silos", "communities", "population",
                                       "white_zones", "floored", "indicators", "available", "missing",
                                       "imputed", "treated", "units", "children", "direction",
                                       "cities", "saturated", "year", NULL};
    size_t i, n = strlen(col);
    for (i = 0; ints[i]; i++)
        if (!strcmp(col, ints[i]))
            return 0;
    if (strstr(col, "rank"))
        return 0;
    (void)n;
    if (strstr(col, "share") || !strcmp(col, "gini") || !strncmp(col, "theil", 5) || !strcmp(col, "atkinson") ||
        !strcmp(col, "pearson_r") || !strcmp(col, "cronbach_alpha") || !strcmp(col, "density") ||
        !strcmp(col, "reciprocity") || !strcmp(col, "ei_index") || strstr(col, "centralization") ||
        strstr(col, "efficiency") || !strncmp(col, "CE", 2) || !strcmp(col, "continuity") ||
        !strcmp(col, "weight") || !strcmp(col, "coverage") || !strcmp(col, "collaboration") ||
        !strcmp(col, "level") || !strncmp(col, "level_", 6) || !strncmp(col, "adjusted", 8) ||
        !strcmp(col, "saturated_share") || !strncmp(col, "value", 5) || !strcmp(col, "change") ||
        !strcmp(col, "contribution"))
        return 3;
    return 2;
}

static void td_cell(FILE *f, const rep_cell *c, const char *col, const report_model *m)
{
    if (c->s) {
        /* fixed words of the model are translated; strings from the file are not */
        const char *s = c->s;
        if (!strcmp(col, "kind") || !strcmp(col, "index"))
            s = report_tr(m, s);
        fputs("<td>", f);
        esc(f, s);
        fputs("</td>", f);
    } else if (isfinite(c->v)) {
        /* whole numbers (counts, levels, ranks) without decimals; no sign
         * on a value that rounds to zero */
        int d = c->v == floor(c->v) && fabs(c->v) < 1e15 ? 0 : decimals(col);
        double shown = fabs(c->v) < 0.5 * pow(10.0, -d) ? 0.0 : c->v;
        if (strstr(col, "rank_change") && c->v > 0)
            fprintf(f, "<td class=\"num up\" data-v=\"%.17g\">+%.*f</td>", c->v, d, c->v);
        else
            fprintf(f, "<td class=\"num%s\" data-v=\"%.17g\">%.*f</td>",
                    strstr(col, "rank_change") && c->v < 0 ? " down" : "", c->v, d, shown);
    } else
        fputs("<td class=\"na\" data-v=\"\">&#8211;</td>", f);
}

/* A table of the model; unit != NULL keeps that unit's rows and drops the
 * unit column.  dom_id NULL = "t-<id>". */
static void html_table(FILE *f, const report_model *m, const rep_table *t, const char *unit, const char *dom_id,
                       int heading)
{
    size_t r, c, cu = report_col(t, "unit"), shown = 0;
    if (heading == 1) {
        fputs("<h3>", f);
        esc(f, report_tr(m, t->title));
        fputs("</h3>\n", f);
    }
    fputs("<table class=\"data sortable\" id=\"", f);
    if (dom_id)
        esc(f, dom_id);
    else {
        fputs("t-", f);
        esc(f, t->id);
    }
    fprintf(f, "\" data-table=\"%s\">", t->id);
    if (heading == 2) {
        /* a table within a profile: its title as the caption */
        fputs("<caption>", f);
        esc(f, report_tr(m, t->title));
        fputs("</caption>", f);
    }
    fputs("<thead><tr>", f);
    for (c = 0; c < t->n_cols; c++) {
        if (unit && c == cu)
            continue;
        fprintf(f, "<th data-col=\"%s\">", t->cols[c]);
        label(f, m, t->cols[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (r = 0; r < t->n_rows; r++) {
        if (unit && (cu == (size_t)-1 || !report_cell(t, r, cu)->s || strcmp(report_cell(t, r, cu)->s, unit)))
            continue;
        shown++;
        fputs("<tr>", f);
        for (c = 0; c < t->n_cols; c++)
            if (!(unit && c == cu))
                td_cell(f, report_cell(t, r, c), t->cols[c], m);
        fputs("</tr>\n", f);
    }
    if (!shown) {
        fprintf(f, "<tr><td colspan=\"%zu\" class=\"na\">", t->n_cols);
        esc(f, report_tr(m, "none"));
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static const char CSS[] =
    "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2em auto;max-width:72em;color:#222;"
    "line-height:1.4}\n"
    "h1{font-size:1.7em;margin-bottom:0}h2{border-bottom:2px solid #2b6ca3;padding-bottom:.2em;margin-top:2em}"
    "h3{margin-top:1.4em}\n"
    "table.data{border-collapse:collapse;margin:.5em 0;font-size:.85em}\n"
    "table.data th,table.data td{border:1px solid #ccc;padding:.2em .5em}\n"
    "table.data th{background:#eef3f8;cursor:pointer;position:relative}\n"
    "table.data th.asc::after{content:' \\25B2'}table.data th.desc::after{content:' \\25BC'}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}td.na{color:#999;text-align:center}\n"
    "td.city{white-space:nowrap}th.group{cursor:default;background:#dbe7f3}\n"
    "td.up{color:#1a7f37}td.down{color:#b42318}\n"
    ".meta{color:#555;font-size:.9em}.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.4em .8em}\n"
    ".profile{border:1px solid #ddd;border-radius:6px;padding:0 1em 1em;margin:1.5em 0;page-break-inside:avoid}\n"
    ".cols{display:flex;flex-wrap:wrap;gap:1.5em}.cols>div{flex:1 1 28em}\n"
    ".chart svg{max-width:100%;height:auto}figure.chart{margin:.5em 0}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:1em}\n"
    "caption{text-align:left;font-weight:600;padding:.4em 0 .2em}\n"
    "nav ol{columns:2}\n"
    "@media print{nav{display:none}.profile{break-inside:avoid}h2{break-before:page}body{max-width:none}}\n";

/* Column sorting: click a heading; numbers by data-v, text by locale. */
static const char JS[] =
    "document.querySelectorAll('table.sortable').forEach(function(t){\n"
    " var hr=t.tHead.rows[t.tHead.rows.length-1];\n"
    " Array.prototype.forEach.call(hr.cells,function(th,i){th.addEventListener('click',function(){\n"
    "  var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=!th.classList.contains('asc');\n"
    "  Array.prototype.forEach.call(hr.cells,function(h){h.classList.remove('asc','desc');});\n"
    "  th.classList.add(asc?'asc':'desc');\n"
    "  function key(r){var c=r.cells[i];if(!c)return '';var v=c.getAttribute('data-v');\n"
    "   return v===null?c.textContent:(v===''?null:parseFloat(v));}\n"
    "  rows.sort(function(a,c){var x=key(a),y=key(c);if(x===null)return 1;if(y===null)return -1;\n"
    "   var d=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));\n"
    "   return asc?d:-d;});\n"
    "  rows.forEach(function(r){b.appendChild(r);});});});});\n";

/* The name of headline row r (the cities kept), else its code. */
static const char *row_name(const rep_table *h, size_t r)
{
    const char *n = report_cell(h, r, 1)->s;
    return n && *n ? n : report_cell(h, r, 0)->s;
}

/* The headline table: each city's name, then per index its score, rank
 * and rank change (the previous year's numbers are in the JSON and XLSX). */
static void headline_table(FILE *f, const report_model *m, const rep_table *h)
{
    size_t r, i;
    fputs("<table class=\"data sortable\" id=\"t-headline\" data-table=\"headline\"><thead><tr><th></th>", f);
    for (i = 0; i < REP_N_INDICES; i++) {
        fprintf(f, "<th colspan=\"3\" class=\"group\" data-index=\"%s\">", m->index_key[i]);
        esc(f, report_tr(m, m->index_key[i]));
        fputs("</th>", f);
    }
    if (m->n_intervals)
        fprintf(f, "<th colspan=\"2\" class=\"group\" data-index=\"interval\">%s 5&#8211;95%%</th>",
                report_tr(m, "composite"));
    fputs("</tr>\n<tr><th data-col=\"name\">", f);
    esc(f, report_tr(m, "unit"));
    fputs("</th>", f);
    for (i = 0; i < REP_N_INDICES; i++)
        fprintf(f, "<th data-col=\"%s\">%s</th><th data-col=\"%s_rank\">%s</th>"
                   "<th data-col=\"%s_rank_change\">%s</th>",
                m->index_key[i], report_tr(m, "score"), m->index_key[i], report_tr(m, "rank"), m->index_key[i],
                report_tr(m, "rank change"));
    if (m->n_intervals)
        fprintf(f, "<th data-col=\"composite_rank_interval\">%s</th><th data-col=\"composite_interval\">%s</th>",
                report_tr(m, "rank"), report_tr(m, "score"));
    fputs("</tr></thead><tbody>\n", f);
    for (r = 0; r < h->n_rows; r++) {
        fputs("<tr data-unit=\"", f);
        esc(f, report_cell(h, r, 0)->s);
        fputs("\"><td class=\"city\"><a href=\"#profile-", f);
        esc(f, report_cell(h, r, 0)->s);
        fputs("\">", f);
        esc(f, report_cell(h, r, 1)->s && *report_cell(h, r, 1)->s ? report_cell(h, r, 1)->s
                                                                  : report_cell(h, r, 0)->s);
        fputs("</a></td>", f);
        for (i = 0; i < REP_N_INDICES; i++) {
            const rep_cell *c = report_cell(h, r, 2 + 5 * i);
            td_cell(f, &c[0], m->index_key[i], m);
            td_cell(f, &c[2], "rank", m);
            td_cell(f, &c[4], "rank_change", m);
        }
        if (m->n_intervals) {
            /* sorted by the interval's lower end, shown as "lo-hi" */
            const rep_cell *q = report_cell(h, r, h->n_cols - 4);
            if (isfinite(q[0].v) && isfinite(q[1].v))
                fprintf(f, "<td class=\"num\" data-v=\"%.17g\" data-hi=\"%.17g\">%.0f&#8211;%.0f</td>", q[0].v,
                        q[1].v, q[0].v, q[1].v);
            else
                fputs("<td class=\"na\" data-v=\"\">&#8211;</td>", f);
            if (isfinite(q[2].v) && isfinite(q[3].v))
                fprintf(f, "<td class=\"num\" data-v=\"%.17g\" data-hi=\"%.17g\">%.2f&#8211;%.2f</td>", q[2].v,
                        q[3].v, q[2].v, q[3].v);
            else
                fputs("<td class=\"na\" data-v=\"\">&#8211;</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

/* A profile's score table: the four indices this year and last year. */
static void profile_scores(FILE *f, const report_model *m, size_t row)
{
    const rep_table *h = report_table(m, "headline");
    size_t i;
    fputs("<table class=\"data scores\"><thead><tr><th>", f);
    esc(f, report_tr(m, "index"));
    fprintf(f, "</th><th data-col=\"score\">%s %d</th><th data-col=\"rank\">%s %d</th>", report_tr(m, "score"),
            m->year, report_tr(m, "rank"), m->year);
    if (m->prev_year)
        fprintf(f, "<th data-col=\"score_prev\">%s %d</th><th data-col=\"rank_prev\">%s %d</th>"
                   "<th data-col=\"rank_change\">%s</th>",
                report_tr(m, "score"), m->prev_year, report_tr(m, "rank"), m->prev_year,
                report_tr(m, "rank change"));
    fputs("</tr></thead><tbody>\n", f);
    for (i = 0; i < REP_N_INDICES; i++) {
        const rep_cell *c = report_cell(h, row, 2 + 5 * i);
        fprintf(f, "<tr data-index=\"%s\"><td>", m->index_key[i]);
        esc(f, report_tr(m, m->index_key[i]));
        fputs("</td>", f);
        td_cell(f, &c[0], m->index_key[i], m);
        td_cell(f, &c[2], "rank", m);
        if (m->prev_year) {
            td_cell(f, &c[1], m->index_key[i], m);
            td_cell(f, &c[3], "rank", m);
            td_cell(f, &c[4], "rank_change", m);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

int report_write_html(const report_model *m, const char *path)
{
    csv_out o;
    FILE *f = csv_open(&o, path);
    const rep_table *h = report_table(m, "headline");
    size_t u, i, k;
    char id[300];
    static const char *const annex[] = {"tree", "indicators", "methods", "correlations", "reliability", NULL};
    static const char *const left_out[] = {"units_left_out", "districts_left_out", NULL};
    static const char *const quality[] = {"availability_city", "availability_indicator", "breaks", "coupling",
                                          NULL};
    if (!f)
        return GOVIDX_EIO;
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"generator\" content=\"govidx %s\">\n<title>",
            m->opt.lang && !strcmp(m->opt.lang, "zh") ? "zh-CN" : "en", govidx_version_string());
    esc(f, m->title);
    fprintf(f, " &#8212; %d</title>\n<style>\n%s</style>\n</head>\n<body>\n", m->year, CSS);

    /* title block */
    fputs("<header><h1>", f);
    esc(f, m->title);
    fputs("</h1>\n<p class=\"meta\">", f);
    esc(f, report_tr(m, "Evaluation report"));
    fprintf(f, " &#183; %s <span id=\"report-year\">%d</span>", report_tr(m, "Year"), m->year);
    if (m->prev_year)
        fprintf(f, " &#183; %s <span id=\"report-prev-year\">%d</span>", report_tr(m, "compared with"),
                m->prev_year);
    fprintf(f, " &#183; %s %s<br>%s: <code>", report_tr(m, "generated by govidx"), govidx_version_string(),
            report_tr(m, "Input file"));
    esc(f, m->opt.file);
    fprintf(f, "</code> sha256 <code id=\"input-sha256\">%s</code></p></header>\n", m->sha256);

    /* contents */
    fprintf(f, "<nav><h2>%s</h2><ol>", report_tr(m, "Contents"));
    fprintf(f, "<li><a href=\"#headline\">%s</a></li>", report_tr(m, "Headline indices"));
    fprintf(f, "<li><a href=\"#charts\">%s</a></li>", report_tr(m, "Rankings"));
    fprintf(f, "<li><a href=\"#profiles\">%s</a></li>", report_tr(m, "City profiles"));
    fprintf(f, "<li><a href=\"#groups\">%s</a></li>", report_tr(m, "Group summaries"));
    fprintf(f, "<li><a href=\"#methodology\">%s</a></li>", report_tr(m, "Methodology annex"));
    fprintf(f, "<li><a href=\"#quality\">%s</a></li></ol></nav>\n", report_tr(m, "Data quality"));

    /* headline */
    fprintf(f, "<section id=\"headline\"><h2>%s</h2>\n<p class=\"meta\">%s</p>\n", report_tr(m, "Headline indices"),
            report_tr(m, "Click a column heading to sort."));
    for (i = 0; i < REP_N_INDICES; i++)
        if (*m->index_note[i]) {
            fprintf(f, "<p class=\"note\" data-index=\"%s\">%s: %s &#8212; ", m->index_key[i],
                    report_tr(m, m->index_key[i]), report_tr(m, "Not computed"));
            esc(f, m->index_note[i]);
            fputs("</p>\n", f);
        }
    fprintf(f, "<p class=\"%s\" id=\"uncertainty-note\">%s: ", m->n_intervals ? "meta" : "note",
            report_tr(m, "Rank intervals"));
    esc(f, m->uncertainty_note);
    fputs("</p>\n", f);
    if (report_table(m, "units_left_out") && report_table(m, "units_left_out")->n_rows)
        fprintf(f, "<p class=\"note\" id=\"left-out-note\">%s: %zu (<a href=\"#t-units_left_out\">%s</a>)</p>\n",
                report_tr(m, "Cities left out"),
                report_table(m, "units_left_out")->n_rows, report_tr(m, "see the methodology annex"));
    headline_table(f, m, h);
    fputs("</section>\n", f);

    /* charts */
    fprintf(f, "<section id=\"charts\"><h2>%s</h2>\n", report_tr(m, "Rankings"));
    fputs("<div class=\"charts\">\n", f);
    report_charts_html(f, m);
    fputs("</div>\n", f);
    fputs("</section>\n", f);

    /* profiles */
    fprintf(f, "<section id=\"profiles\"><h2>%s</h2>\n", report_tr(m, "City profiles"));
    for (u = 0; u < h->n_rows; u++) {
        const char *code = report_cell(h, u, 0)->s;
        fputs("<article class=\"profile\" id=\"profile-", f);
        esc(f, code);
        fputs("\" data-unit=\"", f);
        esc(f, code);
        fputs("\"><h3>", f);
        esc(f, row_name(h, u));
        fputs(" <small>(", f);
        esc(f, code);
        fputs(")</small></h3>\n", f);
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Scores and ranks"));
        profile_scores(f, m, u);
        fputs("<div class=\"cols\"><div>\n", f);
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Change since last year: top contributors"));
        if (m->prev_year) {
            snprintf(id, sizeof id, "contrib-%s", code);
            html_table(f, m, report_table(m, "contributions"), code, id, 0);
        } else
            fprintf(f, "<p>%s</p>\n", report_tr(m, "No change decomposition: the report year is the file's first year."));
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Strengths and weaknesses"));
        snprintf(id, sizeof id, "strengths-%s", code);
        html_table(f, m, report_table(m, "strengths"), code, id, 0);
        fputs("</div><div>\n", f);
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Pillar profile against the median city"));
        report_chart_profile_html(f, m, code);
        snprintf(id, sizeof id, "pillars-%s", code);
        html_table(f, m, report_table(m, "pillars"), code, id, 0);
        fputs("</div></div>\n", f);
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Coverage"));
        snprintf(id, sizeof id, "coverage-%s", code);
        html_table(f, m, report_table(m, "coverage"), code, id, 0);
        fputs("<div class=\"cols\"><div>\n", f);
        snprintf(id, sizeof id, "communities-%s", code);
        html_table(f, m, report_table(m, "communities"), code, id, 2);
        fputs("</div><div>\n", f);
        report_chart_coverage_html(f, m, code);
        fputs("</div></div>\n", f);
        fprintf(f, "<h4>%s</h4>\n", report_tr(m, "Collaboration"));
        snprintf(id, sizeof id, "networks-%s", code);
        html_table(f, m, report_table(m, "networks"), code, id, 0);
        snprintf(id, sizeof id, "silos-%s", code);
        html_table(f, m, report_table(m, "silos"), code, id, 2);
        fputs("</article>\n", f);
    }
    fputs("</section>\n", f);

    fprintf(f, "<section id=\"groups\"><h2>%s</h2>\n", report_tr(m, "Group summaries"));
    html_table(f, m, report_table(m, "groups"), NULL, NULL, 0);
    fputs("</section>\n", f);

    fprintf(f, "<section id=\"methodology\"><h2>%s</h2>\n", report_tr(m, "Methodology annex"));
    /* first, what --exclude/--only and the coverage options left out (issue 16) */
    for (k = 0; left_out[k]; k++)
        if (report_table(m, left_out[k]) && report_table(m, left_out[k])->n_rows)
            html_table(f, m, report_table(m, left_out[k]), NULL, NULL, 1);
    for (k = 0; annex[k]; k++)
        html_table(f, m, report_table(m, annex[k]), NULL, NULL, 1);
    fputs("</section>\n", f);

    fprintf(f, "<section id=\"quality\"><h2>%s</h2>\n", report_tr(m, "Data quality"));
    for (k = 0; quality[k]; k++)
        html_table(f, m, report_table(m, quality[k]), NULL, NULL, 1);
    fputs("</section>\n", f);

    fprintf(f, "<script>\n%s</script>\n</body>\n</html>\n", JS);
    return csv_close(&o, 1) ? GOVIDX_EIO : GOVIDX_OK;
}

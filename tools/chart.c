/*
 * tools/chart.c - ranking bars with whiskers, slope charts, pillar profiles
 * and district coverage bars, drawn with cairo (tools/chart.h).
 * SPDX-License-Identifier: MIT
 */
#include "chart.h"
#include "cli.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* palette (colour-blind safe, Okabe & Ito 2008) */
#define C_BLUE 0.000, 0.447, 0.698
#define C_ORANGE 0.902, 0.624, 0.000
#define C_GREEN 0.000, 0.620, 0.451
#define C_VERMILION 0.835, 0.369, 0.000
#define C_GREY 0.45, 0.45, 0.45
#define C_GRID 0.88, 0.88, 0.88
#define C_TEXT 0.10, 0.10, 0.10

static void font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, CHART_FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_w(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s ? s : "", &e);
    return e.x_advance;
}

/* Text at (x, y) (baseline), aligned left (0), centre (0.5) or right (1). */
static void text_at(cairo_t *cr, double x, double y, const char *s, double align)
{
    if (!s)
        return;
    cairo_move_to(cr, x - align * text_w(cr, s), y);
    cairo_show_text(cr, s);
}

/* The text shortened with "…" to fit max_w. */
static void text_fit(cairo_t *cr, double x, double y, const char *s, double align, double max_w)
{
    char buf[256];
    size_t len;
    if (!s)
        return;
    if (text_w(cr, s) <= max_w) {
        text_at(cr, x, y, s, align);
        return;
    }
    len = strlen(s) < sizeof buf - 4 ? strlen(s) : sizeof buf - 4;
    memcpy(buf, s, len);
    buf[len] = '\0';
    while (len > 0) {
        do /* back up one UTF-8 character */
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
        memcpy(buf + len, "\xE2\x80\xA6", 4);
        if (text_w(cr, buf) <= max_w)
            break;
    }
    text_at(cr, x, y, buf, align);
}

static void fmt_num(char *buf, size_t n, double v, double step)
{
    int dec = step >= 1 || step <= 0 ? 0 : (int)ceil(-log10(step) - 1e-9);
    snprintf(buf, n, "%.*f", dec > 6 ? 6 : dec, v);
}

/* A "nice" axis: [lo, hi] widened to multiples of a step of 1, 2 or 5 x
 * 10^k giving about `want` intervals (Heckbert's labelling, Graphics
 * Gems 1990). */
static double nice_axis(double *lo, double *hi, int want)
{
    double range = *hi - *lo, raw, mag, step, f;
    if (!(range > 0)) {
        double pad = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1.0;
        *lo -= pad;
        *hi += pad;
        range = *hi - *lo;
    }
    raw = range / want;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    *lo = floor(*lo / step + 1e-9) * step;
    *hi = ceil(*hi / step - 1e-9) * step;
    return step;
}

static void data_range(const chart *c, double *lo, double *hi, int with_zero)
{
    const double *arrs[4] = {c->value, c->value2, c->lo, c->hi};
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int a = 0; a < 4; a++)
        for (size_t i = 0; arrs[a] && i < c->n; i++)
            if (isfinite(arrs[a][i])) {
                *lo = fmin(*lo, arrs[a][i]);
                *hi = fmax(*hi, arrs[a][i]);
            }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
    if (with_zero && *lo > 0)
        *lo = 0;
    if (!isnan(c->vmin))
        *lo = c->vmin;
    if (!isnan(c->vmax))
        *hi = c->vmax;
}

/* Title and subtitle; returns the y where the plot may start. */
static double header(cairo_t *cr, const chart *c, double width)
{
    double y = 8;
    cairo_set_source_rgb(cr, C_TEXT);
    if (c->title) {
        font(cr, 15, 1);
        y += 17;
        text_fit(cr, 12, y, c->title, 0, width - 24);
    }
    if (c->subtitle) {
        font(cr, 11, 0);
        cairo_set_source_rgb(cr, C_GREY);
        y += 16;
        text_fit(cr, 12, y, c->subtitle, 0, width - 24);
    }
    return y + 14;
}

static void legend(cairo_t *cr, double x, double y, const char *s1, const char *s2, int dashed2)
{
    font(cr, 11, 0);
    for (int i = 0; i < 2; i++) {
        const char *s = i ? s2 : s1;
        if (!s)
            continue;
        if (i)
            cairo_set_source_rgb(cr, C_ORANGE);
        else
            cairo_set_source_rgb(cr, C_BLUE);
        cairo_set_line_width(cr, 3);
        if (i && dashed2) {
            double d[2] = {5, 3};
            cairo_set_dash(cr, d, 2, 0);
        }
        cairo_move_to(cr, x, y - 4);
        cairo_line_to(cr, x + 18, y - 4);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_source_rgb(cr, C_TEXT);
        text_at(cr, x + 23, y, s, 0);
        x += 23 + text_w(cr, s) + 16;
    }
}

/* Value axis along the bottom of [x0, x1] with gridlines from top to y. */
static void value_axis(cairo_t *cr, double x0, double x1, double top, double y, double lo, double hi, double step,
                       const char *caption)
{
    char buf[32];
    font(cr, 10, 0);
    cairo_set_line_width(cr, 1);
    for (double v = lo; v <= hi + step * 1e-6; v += step) {
        double x = x0 + (v - lo) / (hi - lo) * (x1 - x0);
        cairo_set_source_rgb(cr, C_GRID);
        cairo_move_to(cr, floor(x) + 0.5, top);
        cairo_line_to(cr, floor(x) + 0.5, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, C_GREY);
        fmt_num(buf, sizeof buf, fabs(v) < step * 1e-9 ? 0.0 : v, step);
        text_at(cr, x, y + 13, buf, 0.5);
    }
    if (caption) {
        cairo_set_source_rgb(cr, C_TEXT);
        font(cr, 11, 0);
        text_at(cr, (x0 + x1) / 2, y + 30, caption, 0.5);
    }
}

/* Ranking and coverage: one horizontal bar per label. */
static void draw_bars(cairo_t *cr, double width, double height, const chart *c)
{
    double top = header(cr, c, width), bottom = height - (c->x_label ? 42 : 26);
    double lo, hi, step, label_w = 0, x0, x1, row;
    char buf[64];
    size_t i;
    int coverage = c->kind == CHART_COVERAGE;
    if (coverage && c->value2) {
        legend(cr, 12, top + 2, "this year", "last year", 0);
        top += 16;
    }
    data_range(c, &lo, &hi, 1);
    step = nice_axis(&lo, &hi, 5);
    font(cr, 11, 0);
    for (i = 0; i < c->n; i++) {
        double w = text_w(cr, c->labels[i]);
        if (c->rank && c->rank[i]) {
            snprintf(buf, sizeof buf, "%zu. ", c->rank[i]);
            w += text_w(cr, buf);
        }
        label_w = fmax(label_w, w);
    }
    label_w = fmin(label_w, width * 0.38);
    x0 = 12 + label_w + 8;
    x1 = width - 56;
    row = (bottom - top) / (double)c->n;
    value_axis(cr, x0, x1, top, bottom, lo, hi, step, c->x_label);
    for (i = 0; i < c->n; i++) {
        double yc = top + row * (i + 0.5), bh = fmin(row * 0.62, 22), v = c->value[i];
        double xv = x0 + (v - lo) / (hi - lo) * (x1 - x0), xz = x0 + (fmax(lo, 0) - lo) / (hi - lo) * (x1 - x0);
        font(cr, 11, 0);
        cairo_set_source_rgb(cr, C_TEXT);
        if (c->rank && c->rank[i]) {
            snprintf(buf, sizeof buf, "%zu. ", c->rank[i]);
            double rw = text_w(cr, buf);
            text_at(cr, 12, yc + 4, buf, 0);
            text_fit(cr, 12 + rw, yc + 4, c->labels[i], 0, label_w - rw);
        } else
            text_fit(cr, 12, yc + 4, c->labels[i], 0, label_w);
        if (isnan(v)) {
            cairo_set_source_rgb(cr, C_GREY);
            font(cr, 10, 0);
            text_at(cr, x0 + 4, yc + 4, "n/a", 0);
            continue;
        }
        if (coverage) /* sequential shade: darker = better covered */
            cairo_set_source_rgb(cr, 0.75 - 0.75 * (v - lo) / (hi - lo), 0.85 - 0.45 * (v - lo) / (hi - lo),
                                 0.95 - 0.25 * (v - lo) / (hi - lo));
        else
            cairo_set_source_rgb(cr, C_BLUE);
        cairo_rectangle(cr, fmin(xz, xv), yc - bh / 2, fabs(xv - xz), bh);
        cairo_fill(cr);
        double xend = xv;
        if (c->lo && c->hi && isfinite(c->lo[i]) && isfinite(c->hi[i])) {
            double xa = x0 + (c->lo[i] - lo) / (hi - lo) * (x1 - x0), xb = x0 + (c->hi[i] - lo) / (hi - lo) * (x1 - x0);
            cairo_set_source_rgb(cr, C_TEXT);
            cairo_set_line_width(cr, 1.3);
            cairo_move_to(cr, xa, yc);
            cairo_line_to(cr, xb, yc);
            cairo_move_to(cr, xa, yc - bh / 3);
            cairo_line_to(cr, xa, yc + bh / 3);
            cairo_move_to(cr, xb, yc - bh / 3);
            cairo_line_to(cr, xb, yc + bh / 3);
            cairo_stroke(cr);
            xend = fmax(xend, xb);
        }
        if (c->value2 && isfinite(c->value2[i])) {
            double xp = x0 + (c->value2[i] - lo) / (hi - lo) * (x1 - x0);
            cairo_set_source_rgb(cr, C_ORANGE);
            cairo_set_line_width(cr, 3);
            cairo_move_to(cr, xp, yc - bh / 2 - 2);
            cairo_line_to(cr, xp, yc + bh / 2 + 2);
            cairo_stroke(cr);
            xend = fmax(xend, xp);
        }
        cairo_set_source_rgb(cr, C_TEXT);
        font(cr, 10, 0);
        fmt_num(buf, sizeof buf, v, step / 100);
        text_at(cr, xend + 4, yc + 4, buf, 0);
    }
}

/* Spread label positions y[0..n) (sorted by idx) at least gap apart. */
static void spread(double *y, const size_t *idx, size_t n, double gap, double top, double bottom)
{
    size_t i;
    for (i = 1; i < n; i++)
        if (y[idx[i]] < y[idx[i - 1]] + gap)
            y[idx[i]] = y[idx[i - 1]] + gap;
    if (n && y[idx[n - 1]] > bottom) {
        y[idx[n - 1]] = bottom;
        for (i = n - 1; i > 0; i--)
            if (y[idx[i - 1]] > y[idx[i]] - gap)
                y[idx[i - 1]] = y[idx[i]] - gap;
    }
    (void)top;
}

static const double *sort_key;
static int by_key(const void *a, const void *b)
{
    double x = sort_key[*(const size_t *)a], y = sort_key[*(const size_t *)b];
    return x < y ? -1 : x > y ? 1 : 0;
}

static void draw_slope(cairo_t *cr, double width, double height, const chart *c)
{
    double top = header(cr, c, width) + 18, bottom = height - 16, lo, hi;
    double xa = width * 0.36, xb = width * 0.64;
    double *ya = malloc(c->n * sizeof *ya), *yb = malloc(c->n * sizeof *yb);
    size_t *ia = malloc(c->n * sizeof *ia), *ib = malloc(c->n * sizeof *ib), na = 0, nb = 0, i;
    char buf[300], num[32];
    if (!ya || !yb || !ia || !ib)
        goto done;
    data_range(c, &lo, &hi, 0);
    if (!(hi > lo))
        hi = lo + 1;
    font(cr, 12, 1);
    cairo_set_source_rgb(cr, C_TEXT);
    snprintf(buf, sizeof buf, "%d", c->year_from);
    text_at(cr, xa, top - 6, buf, 0.5);
    snprintf(buf, sizeof buf, "%d", c->year_to);
    text_at(cr, xb, top - 6, buf, 0.5);
    top += 8;
    cairo_set_source_rgb(cr, C_GRID);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, xa, top - 4);
    cairo_line_to(cr, xa, bottom);
    cairo_move_to(cr, xb, top - 4);
    cairo_line_to(cr, xb, bottom);
    cairo_stroke(cr);
    for (i = 0; i < c->n; i++) {
        double f = c->value[i], t = c->value2[i];
        /* ranks: 1 at the top; values: highest at the top */
        double fa = c->ranks_axis ? (f - lo) / (hi - lo) : (hi - f) / (hi - lo);
        double fb = c->ranks_axis ? (t - lo) / (hi - lo) : (hi - t) / (hi - lo);
        ya[i] = top + fa * (bottom - top);
        yb[i] = top + fb * (bottom - top);
        if (isfinite(f))
            ia[na++] = i;
        if (isfinite(t))
            ib[nb++] = i;
        if (!isfinite(f) || !isfinite(t))
            continue;
        int better = c->ranks_axis ? t < f : t > f, worse = c->ranks_axis ? t > f : t < f;
        if (better)
            cairo_set_source_rgb(cr, C_GREEN);
        else if (worse)
            cairo_set_source_rgb(cr, C_VERMILION);
        else
            cairo_set_source_rgb(cr, C_GREY);
        cairo_set_line_width(cr, 1.8);
        cairo_move_to(cr, xa, ya[i]);
        cairo_line_to(cr, xb, yb[i]);
        cairo_stroke(cr);
        cairo_arc(cr, xa, ya[i], 2.8, 0, 2 * M_PI);
        cairo_fill(cr);
        cairo_arc(cr, xb, yb[i], 2.8, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    /* labels: spread apart so they do not overlap */
    font(cr, 10.5, 0);
    double *la = malloc(c->n * sizeof *la), *lb = malloc(c->n * sizeof *lb);
    if (la && lb) {
        memcpy(la, ya, c->n * sizeof *la);
        memcpy(lb, yb, c->n * sizeof *lb);
        sort_key = ya;
        qsort(ia, na, sizeof *ia, by_key);
        sort_key = yb;
        qsort(ib, nb, sizeof *ib, by_key);
        spread(la, ia, na, 12.5, top, bottom);
        spread(lb, ib, nb, 12.5, top, bottom);
        cairo_set_source_rgb(cr, C_TEXT);
        for (i = 0; i < na; i++) {
            size_t k = ia[i];
            fmt_num(num, sizeof num, c->value[k], c->ranks_axis ? 1 : 0.01);
            snprintf(buf, sizeof buf, "%s  %s", c->labels[k], num);
            text_fit(cr, xa - 8, la[k] + 4, buf, 1, xa - 20);
        }
        for (i = 0; i < nb; i++) {
            size_t k = ib[i];
            fmt_num(num, sizeof num, c->value2[k], c->ranks_axis ? 1 : 0.01);
            snprintf(buf, sizeof buf, "%s  %s", num, c->labels[k]);
            text_fit(cr, xb + 8, lb[k] + 4, buf, 0, width - xb - 20);
        }
    }
    free(la);
    free(lb);
done:
    free(ya);
    free(yb);
    free(ia);
    free(ib);
}

static void draw_radar(cairo_t *cr, double width, double height, const chart *c)
{
    double top = header(cr, c, width), lo, hi, step;
    char buf[32];
    size_t i;
    legend(cr, 12, top + 2, c->series1, c->series2, 1);
    top += 14;
    data_range(c, &lo, &hi, 1);
    step = nice_axis(&lo, &hi, 4);
    double cx = width / 2, cy = (top + height) / 2, R = fmin(width * 0.30, (height - top) / 2 - 30);
    /* grid rings and spokes */
    cairo_set_line_width(cr, 1);
    for (double v = lo + step; v <= hi + step * 1e-6; v += step) {
        double rr = (v - lo) / (hi - lo) * R;
        cairo_set_source_rgb(cr, C_GRID);
        for (i = 0; i <= c->n; i++) {
            double a = -M_PI / 2 + 2 * M_PI * (double)(i % c->n) / (double)c->n;
            if (i == 0)
                cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
            else
                cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        }
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, C_GREY);
        font(cr, 9, 0);
        fmt_num(buf, sizeof buf, v, step);
        text_at(cr, cx + 3, cy - rr - 2, buf, 0);
    }
    font(cr, 11, 0);
    for (i = 0; i < c->n; i++) {
        double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)c->n, ca = cos(a), sa = sin(a);
        cairo_set_source_rgb(cr, C_GRID);
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, cx + R * ca, cy + R * sa);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, C_TEXT);
        double lx = cx + (R + 10) * ca, al = ca > 0.2 ? 0 : ca < -0.2 ? 1 : 0.5;
        /* room to the canvas edge on the side the label grows */
        double room = al == 0 ? width - lx - 6 : al == 1 ? lx - 6 : 2 * fmin(lx, width - lx) - 12;
        text_fit(cr, lx, cy + (R + 10) * sa + 4 + 6 * sa, c->labels[i], al, room);
    }
    for (int s = 1; s >= 0; s--) { /* median first, the unit on top */
        const double *v = s ? c->value2 : c->value;
        if (!v)
            continue;
        int started = 0;
        for (i = 0; i <= c->n; i++) {
            double x = v[i % c->n], a = -M_PI / 2 + 2 * M_PI * (double)(i % c->n) / (double)c->n;
            double rr = (isfinite(x) ? fmax(x - lo, 0) : 0) / (hi - lo) * R;
            if (!started++)
                cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
            else
                cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
        }
        cairo_close_path(cr);
        if (s) {
            double d[2] = {5, 3};
            cairo_set_source_rgb(cr, C_ORANGE);
            cairo_set_dash(cr, d, 2, 0);
            cairo_set_line_width(cr, 2);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        } else {
            cairo_set_source_rgba(cr, C_BLUE, 0.25);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, C_BLUE);
            cairo_set_line_width(cr, 2);
            cairo_stroke(cr);
        }
    }
}

/* Profile as paired bars: per axis the unit's bar and the median's. */
static void draw_profile_bars(cairo_t *cr, double width, double height, const chart *c)
{
    double top = header(cr, c, width), bottom = height - (c->x_label ? 42 : 26), lo, hi, step, label_w = 0;
    char buf[32];
    size_t i;
    legend(cr, 12, top + 2, c->series1, c->series2, 0);
    top += 16;
    data_range(c, &lo, &hi, 1);
    step = nice_axis(&lo, &hi, 5);
    font(cr, 11, 0);
    for (i = 0; i < c->n; i++)
        label_w = fmax(label_w, text_w(cr, c->labels[i]));
    label_w = fmin(label_w, width * 0.35);
    double x0 = 12 + label_w + 8, x1 = width - 50, row = (bottom - top) / (double)c->n;
    value_axis(cr, x0, x1, top, bottom, lo, hi, step, c->x_label);
    for (i = 0; i < c->n; i++) {
        double yc = top + row * (i + 0.5), bh = fmin(row * 0.34, 12);
        font(cr, 11, 0);
        cairo_set_source_rgb(cr, C_TEXT);
        text_fit(cr, 12, yc + 4, c->labels[i], 0, label_w);
        for (int s = 0; s < 2; s++) {
            const double *v = s ? c->value2 : c->value;
            if (!v || !isfinite(v[i]))
                continue;
            double xv = x0 + (v[i] - lo) / (hi - lo) * (x1 - x0), xz = x0 + (fmax(lo, 0) - lo) / (hi - lo) * (x1 - x0);
            double y = s ? yc + 1 : yc - bh - 1;
            if (s)
                cairo_set_source_rgb(cr, C_ORANGE);
            else
                cairo_set_source_rgb(cr, C_BLUE);
            cairo_rectangle(cr, fmin(xz, xv), y, fabs(xv - xz), bh);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, C_TEXT);
            font(cr, 9, 0);
            fmt_num(buf, sizeof buf, v[i], step / 100);
            text_at(cr, xv + 3, y + bh - 2, buf, 0);
        }
    }
}

static int check(const chart *c, const char **err)
{
    const char *e = NULL;
    if (!c)
        e = "no chart";
    else if (c->n == 0)
        e = "nothing to draw (no units or axes)";
    else if (!c->labels || !c->value)
        e = "chart without labels or values";
    else if ((c->kind == CHART_SLOPE || c->kind == CHART_PROFILE) && !c->value2)
        e = "slope and profile charts need two series";
    else if (c->kind == CHART_PROFILE && c->radar && c->n < 3)
        e = "a radar needs at least 3 axes (use bars)";
    else if (c->kind > CHART_COVERAGE)
        e = "unknown chart kind";
    if (e && err)
        *err = e;
    return e ? -1 : 0;
}

void chart_natural_size(const chart *c, double *width, double *height)
{
    double head = (c && c->title ? 25 : 0) + (c && c->subtitle ? 16 : 0) + 30;
    size_t n = c ? c->n : 0;
    *width = 640;
    switch (c ? c->kind : CHART_RANKING) {
    case CHART_SLOPE: *height = head + 40 + fmax(240, 14.0 * (double)n); break;
    case CHART_PROFILE: *height = c->radar ? 440 : head + 70 + 30.0 * (double)n; break;
    default: *height = head + 60 + fmax(120, 20.0 * (double)n); break;
    }
}

int chart_draw(cairo_t *cr, double width, double height, const chart *c, const char **err)
{
    if (check(c, err))
        return -1;
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    switch (c->kind) {
    case CHART_RANKING:
    case CHART_COVERAGE: draw_bars(cr, width, height, c); break;
    case CHART_SLOPE: draw_slope(cr, width, height, c); break;
    case CHART_PROFILE:
        if (c->radar)
            draw_radar(cr, width, height, c);
        else
            draw_profile_bars(cr, width, height, c);
        break;
    }
    cairo_restore(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        if (err)
            *err = cairo_status_to_string(cairo_status(cr));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- outputs */

typedef struct buf {
    char *data;
    size_t len, cap;
    int failed;
} buf;

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf *b = closure;
    if (b->len + length + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 65536);
        while (cap < b->len + length + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, length);
    b->len += length;
    b->data[b->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void xml_escaped(buf *b, const char *s)
{
    for (; s && *s; s++) {
        const char *rep = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" : *s == '"' ? "&quot;" : NULL;
        if (rep)
            to_buf(b, (const unsigned char *)rep, (unsigned)strlen(rep));
        else if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
            to_buf(b, (const unsigned char *)s, 1);
    }
}

static void put(buf *b, const char *s) { to_buf(b, (const unsigned char *)s, (unsigned)strlen(s)); }

/* cairo draws text as glyph outlines: the SVG gets a <title> and a <desc>
 * listing the chart's data as text, so it can be searched, read by a
 * screen reader and checked (the report's DOM tests). */
static int add_svg_text(buf *svg, const chart *c)
{
    char *open = strstr(svg->data, "<svg"), *end = open ? strchr(open, '>') : NULL, num[64];
    buf out = {NULL, 0, 0, 0};
    if (!end)
        return -1;
    to_buf(&out, (const unsigned char *)svg->data, (unsigned)(end + 1 - svg->data));
    put(&out, "\n<title>");
    xml_escaped(&out, c->title ? c->title : "chart");
    put(&out, "</title>\n<desc>");
    if (c->series1 || c->series2) { /* what the numbers are */
        xml_escaped(&out, c->series1 ? c->series1 : "value");
        put(&out, " vs ");
        xml_escaped(&out, c->series2 ? c->series2 : "value 2");
        put(&out, ". ");
    } else if (c->kind == CHART_SLOPE) {
        snprintf(num, sizeof num, "%d vs %d. ", c->year_from, c->year_to);
        put(&out, num);
    }
    for (size_t i = 0; i < c->n; i++) {
        xml_escaped(&out, c->labels[i]);
        const double *arr[4] = {c->value, c->value2, c->lo, c->hi};
        for (int a = 0; a < 4; a++)
            if (arr[a]) {
                snprintf(num, sizeof num, isnan(arr[a][i]) ? "%s" : "%s%.6g", a ? " " : ": ",
                         isnan(arr[a][i]) ? 0.0 : arr[a][i]);
                if (isnan(arr[a][i]))
                    snprintf(num, sizeof num, "%sn/a", a ? " " : ": ");
                put(&out, num);
            }
        put(&out, i + 1 < c->n ? "; " : "");
    }
    put(&out, "</desc>");
    put(&out, end + 1);
    if (out.failed) {
        free(out.data);
        return -1;
    }
    free(svg->data);
    *svg = out;
    return 0;
}

int chart_svg_string(char **svg, size_t *len, const chart *c, double width, double height, const char **err)
{
    buf b = {NULL, 0, 0, 0};
    int rc;
    if (check(c, err))
        return -1;
    if (width <= 0 || height <= 0) {
        double nw, nh;
        chart_natural_size(c, &nw, &nh);
        width = width > 0 ? width : nw;
        height = height > 0 ? height : nh;
    }
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_buf, &b, width, height);
    cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    cairo_t *cr = cairo_create(s);
    rc = chart_draw(cr, width, height, c, err);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (!rc && (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || b.failed || !b.data)) {
        if (err)
            *err = b.failed ? "out of memory" : cairo_status_to_string(cairo_surface_status(s));
        rc = -1;
    }
    cairo_surface_destroy(s);
    if (!rc && add_svg_text(&b, c)) {
        if (err)
            *err = "out of memory";
        rc = -1;
    }
    if (rc) {
        free(b.data);
        return -1;
    }
    *svg = b.data;
    if (len)
        *len = b.len;
    return 0;
}

static const char *ext_of(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot + 1 : "";
}

int chart_write_file(const char *path, const chart *c, double width, double height, double scale,
                     const char **err)
{
    const char *ext = ext_of(path);
    int svg = !strcasecmp(ext, "svg"), pdf = !strcasecmp(ext, "pdf"), png = !strcasecmp(ext, "png"), rc = 0;
    csv_out o;
    FILE *f;
    if (!svg && !pdf && !png) {
        if (err)
            *err = "the output's extension must be .svg, .pdf or .png";
        return -1;
    }
    if (check(c, err))
        return -1;
    if (width <= 0 || height <= 0) {
        double nw, nh;
        chart_natural_size(c, &nw, &nh);
        width = width > 0 ? width : nw;
        height = height > 0 ? height : nh;
    }
    if (svg) {
        char *text = NULL;
        size_t len = 0;
        if (chart_svg_string(&text, &len, c, width, height, err))
            return -1;
        if (!(f = csv_open(&o, path))) {
            free(text);
            if (err)
                *err = "cannot create the output";
            return -1;
        }
        rc = fwrite(text, 1, len, f) == len ? 0 : -1;
        free(text);
        if (csv_close(&o, !rc) || rc) {
            if (err)
                *err = "cannot write the output";
            return -1;
        }
        return 0;
    }
    if (!(f = csv_open(&o, path))) {
        if (err)
            *err = "cannot create the output";
        return -1;
    }
    cairo_surface_t *s;
    if (pdf)
        s = cairo_pdf_surface_create_for_stream(to_file, f, width, height);
    else {
        if (!(scale > 0))
            scale = 2;
        s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)ceil(width * scale), (int)ceil(height * scale));
    }
    cairo_t *cr = cairo_create(s);
    if (png)
        cairo_scale(cr, scale, scale);
    rc = chart_draw(cr, width, height, c, err);
    cairo_destroy(cr);
    if (png && !rc && cairo_surface_write_to_png_stream(s, to_file, f) != CAIRO_STATUS_SUCCESS)
        rc = -1;
    cairo_surface_finish(s);
    if (!rc && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        rc = -1;
    if (rc && err && !*err)
        *err = cairo_status_to_string(cairo_surface_status(s));
    cairo_surface_destroy(s);
    if (csv_close(&o, !rc) && !rc) {
        if (err)
            *err = "cannot write the output";
        rc = -1;
    }
    return rc;
}

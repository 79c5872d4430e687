/*
 * Tests of the cairo chart module (tools/chart.c): every kind draws, the
 * SVG string and the .svg/.pdf/.png files are what their headers say, the
 * SVG carries the labels and numbers as text (escaped), and Chinese names
 * render with real glyphs, not tofu: the font maps each character to a
 * glyph other than .notdef (index 0), and two different names leave
 * different ink in the PNG's label area (tofu boxes would be identical).
 */
#include "chart.h"
#include "cli.h"
#include "gxtest.h"

#include <cairo.h>
#include <unistd.h>

static const char *const names[4] = {"北京 Beijing", "上海 Shanghai", "广州", "A<&>\"B"};
static const double val[4] = {80.5, 72.25, 60, 41.5}, val2[4] = {78, 75, 58.5, NAN};
static const double lo[4] = {75, 70, 55, 35}, hi[4] = {85, 76, 66, 44};
static const size_t rank[4] = {1, 2, 3, 4};

static chart make(chart_kind kind)
{
    chart c = CHART_INIT;
    c.kind = kind;
    c.title = "Ranking 排名";
    c.n = 4;
    c.labels = names;
    c.value = val;
    if (kind == CHART_RANKING) {
        c.lo = lo;
        c.hi = hi;
        c.rank = rank;
    } else
        c.value2 = val2;
    c.year_from = 2022;
    c.year_to = 2023;
    c.radar = 1;
    c.series1 = "北京";
    c.series2 = "median";
    return c;
}

/* The font renders these characters with real glyphs; an emoji it lacks
 * maps to .notdef, which shows the check can fail. */
static void test_cjk_glyphs(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, CHART_FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
    const char *texts[2] = {"北京上海广州深圳杭州南京重庆天津西安长沙社区", "\xF0\x9F\x98\x80"};
    for (int t = 0; t < 2; t++) {
        cairo_glyph_t *glyphs = NULL;
        int n = 0, zero = 0;
        CU_ASSERT_EQUAL(cairo_scaled_font_text_to_glyphs(sf, 0, 0, texts[t], -1, &glyphs, &n, NULL, NULL, NULL),
                        CAIRO_STATUS_SUCCESS);
        for (int i = 0; i < n; i++)
            zero += glyphs[i].index == 0;
        if (t == 0) {
            CU_ASSERT_EQUAL(n, 22);
            CU_ASSERT_EQUAL(zero, 0);
        } else
            CU_ASSERT_EQUAL(zero, n); /* the emoji is .notdef: tofu would be detected */
        cairo_glyph_free(glyphs);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Dark pixels in the rectangle, and a hash of them. */
static size_t ink(cairo_surface_t *s, int x0, int y0, int x1, int y1, unsigned long *hash)
{
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    size_t dark = 0;
    *hash = 5381;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            uint32_t px = *(uint32_t *)(data + y * stride + 4 * x);
            int g = (int)((px >> 8) & 0xff);
            int isdark = g < 128;
            dark += (size_t)isdark;
            *hash = *hash * 33 + (unsigned long)isdark;
        }
    return dark;
}

static void test_png_labels(void)
{
    static const char *const two[2] = {"北京", "上海"};
    static const double v[2] = {2, 1};
    chart c = CHART_INIT;
    c.n = 2;
    c.labels = two;
    c.value = v;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 200);
    cairo_t *cr = cairo_create(s);
    const char *err = NULL;
    CU_ASSERT_EQUAL(chart_draw(cr, 400, 200, &c, &err), 0);
    cairo_surface_flush(s);
    /* no title: the plot starts at y = 22 and ends 26 points above the
     * bottom; two rows of (200 - 26 - 22) / 2 = 76 points; labels at x >= 12 */
    unsigned long h1, h2;
    size_t d1 = ink(s, 10, 22 + 20, 50, 22 + 56, &h1), d2 = ink(s, 10, 22 + 76 + 20, 50, 22 + 76 + 56, &h2);
    CU_ASSERT(d1 > 30);
    CU_ASSERT(d2 > 30);
    CU_ASSERT(h1 != h2);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static void test_svg_string(void)
{
    for (int k = 0; k <= CHART_COVERAGE; k++) {
        chart c = make((chart_kind)k);
        char *svg = NULL;
        size_t len = 0;
        const char *err = NULL;
        CU_ASSERT_EQUAL_FATAL(chart_svg_string(&svg, &len, &c, 0, 0, &err), 0);
        CU_ASSERT_EQUAL(strlen(svg), len);
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<svg"));
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "</svg>"));
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<title>Ranking 排名</title>"));
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "北京 Beijing: 80.5"));
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "上海 Shanghai: 72.25"));
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "A&lt;&amp;&gt;&quot;B"));
        CU_ASSERT_PTR_NULL(strstr(svg, "A<&>"));
        if (k == CHART_RANKING)
            CU_ASSERT_PTR_NOT_NULL(strstr(svg, "北京 Beijing: 80.5 75 85"));
        if (k == CHART_PROFILE)
            CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<desc>北京 vs median. 北京 Beijing: 80.5 78;"));
        /* cairo draws glyphs as outlines: at least one glyph symbol */
        CU_ASSERT_PTR_NOT_NULL(strstr(svg, "<symbol"));
        free(svg);
    }
}

static size_t file_bytes(const char *path, unsigned char *head, size_t n)
{
    FILE *f = fopen(path, "rb");
    size_t got, total;
    if (!f)
        return 0;
    got = fread(head, 1, n, f);
    fseek(f, 0, SEEK_END);
    total = (size_t)ftell(f);
    fclose(f);
    return got == n ? total : 0;
}

static void test_files(void)
{
    char dir[] = "/tmp/gx_chart_XXXXXX", path[256];
    unsigned char head[24];
    const char *err = NULL;
    chart c = make(CHART_SLOPE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f.svg", dir);
    CU_ASSERT_EQUAL(chart_write_file(path, &c, 500, 300, 1, &err), 0);
    CU_ASSERT(file_bytes(path, head, 5) > 1000);
    CU_ASSERT_EQUAL(memcmp(head, "<?xml", 5), 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/f.pdf", dir);
    CU_ASSERT_EQUAL(chart_write_file(path, &c, 500, 300, 1, &err), 0);
    CU_ASSERT(file_bytes(path, head, 5) > 1000);
    CU_ASSERT_EQUAL(memcmp(head, "%PDF-", 5), 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/f.png", dir);
    CU_ASSERT_EQUAL(chart_write_file(path, &c, 500, 300, 2, &err), 0);
    CU_ASSERT(file_bytes(path, head, 24) > 1000);
    CU_ASSERT_EQUAL(memcmp(head, "\x89PNG\r\n\x1a\n", 8), 0);
    /* IHDR: width and height, big-endian, at bytes 16 and 20: 500 x 2, 300 x 2 */
    CU_ASSERT_EQUAL((head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19], 1000);
    CU_ASSERT_EQUAL((head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23], 600);
    unlink(path);

    /* refused: extension, nothing to draw, radar with 2 axes; no file left */
    snprintf(path, sizeof path, "%s/f.gif", dir);
    err = NULL;
    CU_ASSERT_EQUAL(chart_write_file(path, &c, 0, 0, 1, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, ".svg, .pdf or .png") ? err : NULL);
    CU_ASSERT_EQUAL(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/f.svg", dir);
    c.n = 0;
    err = NULL;
    CU_ASSERT_EQUAL(chart_write_file(path, &c, 0, 0, 1, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err);
    CU_ASSERT_EQUAL(access(path, F_OK), -1);
    chart p = make(CHART_PROFILE);
    p.n = 2;
    err = NULL;
    CU_ASSERT_EQUAL(chart_write_file(path, &p, 0, 0, 1, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "radar") ? err : NULL);
    p.radar = 0; /* bars work with 2 axes */
    CU_ASSERT_EQUAL(chart_write_file(path, &p, 0, 0, 1, &err), 0);
    unlink(path);
    rmdir(dir);
}

static CU_TestInfo tests[] = {{"CJK glyphs are real glyphs (no tofu)", test_cjk_glyphs},
                              {"PNG: two Chinese labels leave different ink", test_png_labels},
                              {"SVG string of every kind: labels, numbers, escaping", test_svg_string},
                              {"SVG, PDF and PNG files; refusals", test_files},
                              CU_TEST_INFO_NULL};
static CU_SuiteInfo suites[] = {{"chart", NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};

int main(void) { return gx_run(suites); }

/*
 * lib/indices/catalogue_measures.c - openness measures of portal catalogues
 * (docs/methods/openness-catalogue.md): shares of machine-readable,
 * non-proprietary, bulk, API and openly licensed datasets, metadata
 * completeness, timeliness, publisher breadth with the silo departments,
 * and coverage of key data categories.
 * SPDX-License-Identifier: MIT
 */
#include "io/catalogue_internal.h"
#include "composite/result_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

GOVIDX__VERSIONS_1(catalogue_options_versions, govidx_catalogue_options, "catalogue options",
                   GOVIDX_CATALOGUE_OPTIONS_INIT, n_categories);

int govidx_catalogue_options_init(govidx_catalogue_options *opts, unsigned version)
{
    return govidx__versioned_init(&catalogue_options_versions, opts, version);
}

/* Licences conformant with the Open Definition (opendefinition.org/licenses):
 * CC0, CC-BY, CC-BY-SA, ODbL, ODC-BY, PDDL and public-domain marks, as CKAN
 * licence ids, SPDX ids, the names Socrata shows and the licence URLs
 * (an entry ending in '/' matches as a prefix). */
static const char *const open_licences[] = {
    "cc0", "cc0-1.0", "cc0 1.0", "cc-zero", "creativecommons.org/publicdomain/zero/",
    "creative commons 1.0 universal (public domain dedication)", "cc-by", "cc-by-3.0", "cc-by-4.0",
    "cc by 4.0", "creativecommons.org/licenses/by/", "creative commons attribution 3.0 unported",
    "creative commons attribution 4.0 international", "cc-by-sa", "cc-by-sa-3.0", "cc-by-sa-4.0",
    "creativecommons.org/licenses/by-sa/", "creative commons attribution-sharealike 4.0 international",
    "odc-odbl", "odbl", "odbl-1.0", "opendatacommons.org/licenses/odbl/", "open database license (odbl)",
    "odc open database license (odbl)", "odc-by", "odc-by-1.0", "opendatacommons.org/licenses/by/",
    "odc-pddl", "pddl", "pddl-1.0", "opendatacommons.org/licenses/pddl/",
    "open data commons public domain dedication and license (pddl)", "public domain", "other-pd", "us-pd",
    "usa.gov/publicdomain/label/1.0/", "creativecommons.org/publicdomain/mark/",
    /* the names Socrata showed in 2013 for CC0 1.0, CC BY-SA 3.0 and ODbL */
    "creative commons 1.0 universal", "creative commons attribution-share alike 3.0 unported",
    "open database license"};

/* 3 stars of the 5-star scheme (5stardata.info): structured data in a
 * non-proprietary format. */
static const char *const mr_formats[] = {"CSV", "TSV", "JSON", "GEOJSON", "JSON-LD", "XML", "RDF", "TTL", "N3",
                                         "NT", "KML", "KMZ", "GML", "GPX", "ODS", "GPKG", "NETCDF", "PARQUET"};
/* Non-proprietary formats of any star level: the 3-star list plus open
 * document formats (PDF, ISO 32000; HTML; plain text; ODF text). */
static const char *const np_formats[] = {"CSV", "TSV", "JSON", "GEOJSON", "JSON-LD", "XML", "RDF", "TTL", "N3",
                                         "NT", "KML", "KMZ", "GML", "GPX", "ODS", "GPKG", "NETCDF", "PARQUET",
                                         "PDF", "HTML", "TXT", "ODT"};

size_t govidx_catalogue_builtin_list(const char *const **out, int what)
{
    const char *const *l = NULL;
    size_t n = 0;
    if (what == 0)
        l = open_licences, n = sizeof open_licences / sizeof *open_licences;
    else if (what == 1)
        l = mr_formats, n = sizeof mr_formats / sizeof *mr_formats;
    else if (what == 2)
        l = np_formats, n = sizeof np_formats / sizeof *np_formats;
    if (out)
        *out = l;
    return n;
}

/* EU High-Value Datasets: the six thematic categories of Annex I of
 * Commission Implementing Regulation (EU) 2023/138, matched by words a
 * city portal uses for them (govidx's mapping, documented in
 * docs/methods/openness-catalogue.md). */
static const char *const hvd_names[] = {"Geospatial", "Earth observation and environment", "Meteorological",
                                        "Statistics", "Companies and company ownership", "Mobility"};
static const char *const hvd_rules[] = {
    "geospatial|gis|map|maps|boundaries|boundary|addresses|address points|parcels|parcel|zoning|cadastral|"
    "building footprints|buildings",
    "environment|environmental|air quality|emissions|pollution|water quality|noise|waste|recycling|trees|"
    "tree inventory|energy|sustainability",
    "weather|meteorological|climate|temperature|precipitation|rainfall|wind",
    "statistics|statistical|census|population|demographics|demographic|economy|economic|employment|"
    "unemployment|income|labor|labour|poverty",
    "business|businesses|business licenses|business license|company|companies|corporations|"
    "business registrations",
    "transportation|transport|traffic|transit|mobility|parking|bicycle|bike|bikes|crashes|collisions|"
    "streets|roads|rail|taxi|buses"};
/* Global Open Data Index 2016/17 key datasets (index.okfn.org/dataset),
 * matched by the words a city portal uses for them. */
static const char *const godi_names[] = {"Government budget", "Government spending", "Election results",
                                         "Company register", "National map", "Pollutant emissions",
                                         "Procurement", "Water quality", "Weather forecast", "Land ownership",
                                         "National statistics", "Draft legislation", "National laws",
                                         "Administrative boundaries", "Locations"};
static const char *const godi_rules[] = {
    "budget|budgets|appropriations", "spending|expenditure|expenditures|payments|checkbook|vendor payments",
    "election|elections|election results|voting|voter", "business licenses|business license|company register|"
    "corporations|business registrations",
    "basemap|topographic|map|maps", "emissions|air quality|pollution|pollutant|pollutants",
    "procurement|contracts|tenders|bids|purchasing", "water quality|drinking water",
    "weather|forecast|weather forecast", "land ownership|parcels|parcel|property ownership|cadastral|assessor",
    "statistics|census|population|demographics|unemployment", "proposed legislation|draft legislation|"
    "council agenda|council agendas|legislation",
    "municipal code|laws|ordinances|regulations", "boundaries|boundary|wards|council districts|neighborhoods",
    "addresses|address points|zip codes|postcodes|street centerlines"};

size_t govidx_catalogue_key_categories(const char *const **names, const char *const **rules, int key_list)
{
    if (key_list == GOVIDX_CATALOGUE_KEYS_HVD) {
        if (names)
            *names = hvd_names;
        if (rules)
            *rules = hvd_rules;
        return sizeof hvd_names / sizeof *hvd_names;
    }
    if (key_list == GOVIDX_CATALOGUE_KEYS_GODI) {
        if (names)
            *names = godi_names;
        if (rules)
            *rules = godi_rules;
        return sizeof godi_names / sizeof *godi_names;
    }
    if (names)
        *names = NULL;
    if (rules)
        *rules = NULL;
    return 0;
}

enum {
    N_PUBLISHED, N_PER100K, N_MR, N_NP, N_BULK, N_API, N_LICENCE, N_META, N_ONTIME, N_MEDIAN_DAYS,
    N_DEPTS, N_DEPTS_SHARE, N_COVERAGE, N_NODES
};
static const char *const node_codes[N_NODES] = {
    "datasets_published", "datasets_per_100k", "machine_readable_share", "non_proprietary_share",
    "bulk_download_share", "api_share", "open_licence_share", "metadata_completeness",
    "updated_on_time_share", "median_days_since_update", "departments_publishing",
    "departments_publishing_share", "high_value_coverage"};

/* Licence text normalised for comparison: lower case, no scheme, no "www.". */
static void licence_norm(char *out, size_t cap, const char *s)
{
    size_t n = 0;
    while (isspace((unsigned char)*s))
        s++;
    if (!strncasecmp(s, "https://", 8))
        s += 8;
    else if (!strncasecmp(s, "http://", 7))
        s += 7;
    if (!strncasecmp(s, "www.", 4))
        s += 4;
    for (; *s && n + 1 < cap; s++)
        out[n++] = (char)tolower((unsigned char)*s);
    while (n && isspace((unsigned char)out[n - 1]))
        n--;
    out[n] = 0;
}

static int licence_open(const char *lic, char *const *list, size_t n)
{
    char a[512];
    const char *b;
    size_t k, la, lb;
    if (!lic)
        return 0;
    /* CKAN records carry id; URL; title - open when any of them is */
    for (const char *p = lic; *p;) {
        size_t l = strcspn(p, ";");
        char one[512];
        snprintf(one, sizeof one, "%.*s", (int)(l < 511 ? l : 511), p);
        licence_norm(a, sizeof a, one);
        la = strlen(a);
        for (k = 0; k < n && la; k++) {
            b = list[k];
            lb = strlen(b);
            if (!lb)
                continue;
            if (b[lb - 1] == '/' ? !strncmp(a, b, lb) || (la == lb - 1 && !strncmp(a, b, la))
                                 : !strcmp(a, b) || (la == lb + 1 && a[la - 1] == '/' && !strncmp(a, b, lb)))
                return 1;
        }
        p += l;
        while (*p == ';' || *p == ' ')
            p++;
    }
    return 0;
}

static int format_in(const char *formats, const char *const *list, size_t n)
{
    if (!formats)
        return 0;
    for (const char *p = formats; *p;) {
        size_t l = strcspn(p, ";");
        for (size_t k = 0; k < n; k++)
            if (strlen(list[k]) == l && !strncasecmp(p, list[k], l))
                return 1;
        p += l;
        while (*p == ';' || *p == ' ')
            p++;
    }
    return 0;
}

/* Does `text` contain `word` (ASCII case-insensitive) bounded by
 * non-alphanumerics? */
static int has_word(const char *text, const char *word, size_t wl)
{
    size_t tl;
    if (!text || !wl)
        return 0;
    tl = strlen(text);
    int w0 = tolower((unsigned char)word[0]);
    for (size_t i = 0; i + wl <= tl; i++)
        if (tolower((unsigned char)text[i]) == w0 && !strncasecmp(text + i, word, wl) && (i == 0 || !isalnum((unsigned char)text[i - 1])) &&
            (i + wl == tl || !isalnum((unsigned char)text[i + wl])))
            return 1;
    return 0;
}

static int rule_matches(const govidx__catrec *r, const char *rule)
{
    for (const char *p = rule; *p;) {
        size_t l = strcspn(p, "|");
        while (l && *p == ' ')
            p++, l--;
        size_t wl = l;
        while (wl && p[wl - 1] == ' ')
            wl--;
        if (has_word(r->f[GX_F_THEME], p, wl) || has_word(r->f[GX_F_KEYWORD], p, wl) ||
            has_word(r->f[GX_F_TITLE], p, wl))
            return 1;
        p += l;
        if (*p == '|')
            p++;
    }
    return 0;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static int trimmed_eq(const char *a, const char *b)
{
    size_t la, lb;
    while (isspace((unsigned char)*a))
        a++;
    while (isspace((unsigned char)*b))
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la && isspace((unsigned char)a[la - 1]))
        la--;
    while (lb && isspace((unsigned char)b[lb - 1]))
        lb--;
    return la == lb && !strncasecmp(a, b, la);
}

typedef struct cfg {
    long ref_day, year_ago;
    double grace;
    char **lic; /* normalised (licence_norm) */
    const char *const *mr, *const *cat_names, *const *cat_rules;
    size_t n_lic, n_mr, n_cat;
} cfg;

static const char *np_or_mr(const char *f, const cfg *g, int np)
{
    return np ? (format_in(f, np_formats, sizeof np_formats / sizeof *np_formats) || format_in(f, g->mr, g->n_mr)
                     ? f
                     : NULL)
              : (format_in(f, g->mr, g->n_mr) ? f : NULL);
}

/* Modified within grace x the declared period before the reference date,
 * or within the 12 calendar months before it when none is declared; a date
 * after the reference date is 0 days old; no date is not on time. */
static int on_time(const govidx__catrec *r, const cfg *g)
{
    long age;
    if (r->modified_day == GX_NO_DATE)
        return 0;
    age = r->modified_day > g->ref_day ? 0 : g->ref_day - r->modified_day;
    if (!isnan(r->period_days))
        return (double)age <= g->grace * r->period_days;
    return r->modified_day >= g->year_ago;
}

/* One catalogue into cell (u, y). */
static int measure(govidx_result *res, size_t u, size_t y, const govidx_catalogue *c, const cfg *g)
{
    size_t n = c->n, i, k, mr = 0, np = 0, bulk = 0, api = 0, lic = 0, ontime = 0, nd = 0, covered = 0;
    double meta = 0;
    long *days = NULL;
    unsigned char *dept_hit = NULL, *cat_hit = NULL;
    const char **labels = NULL;
    size_t n_labels = 0;
    int rc = GOVIDX_OK;
#define CELL(node) res->scores[GOVIDX__CELL(res, u, y, node)]
    if (!(days = govidx__mallocarray(n + 1, sizeof *days)) ||
        !(dept_hit = govidx__calloc(c->n_depts + 1, 1)) || !(cat_hit = govidx__calloc(g->n_cat + 1, 1)) ||
        !(labels = govidx__mallocarray(c->n_depts + g->n_cat + n + 1, sizeof *labels))) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < n; i++) {
        const govidx__catrec *r = &c->rec[i];
        size_t present = 0;
        if (np_or_mr(r->f[GX_F_FORMAT], g, 0))
            mr++;
        if (np_or_mr(r->f[GX_F_FORMAT], g, 1))
            np++;
        bulk += r->bulk;
        api += r->api;
        lic += licence_open(r->f[GX_F_LICENSE], g->lic, g->n_lic);
        for (k = 0; k < GX_NF; k++)
            present += k == GX_F_FORMAT ? r->has_distribution : r->f[k] != NULL;
        meta += (double)present / GX_NF;
        if (r->modified_day != GX_NO_DATE)
            days[nd++] = r->modified_day > g->ref_day ? 0 : g->ref_day - r->modified_day;
        ontime += on_time(r, g);
        if (r->f[GX_F_PUBLISHER])
            for (k = 0; k < c->n_depts; k++)
                if (!dept_hit[k] && trimmed_eq(r->f[GX_F_PUBLISHER], c->depts[k]))
                    dept_hit[k] = 1;
        for (k = 0; k < g->n_cat; k++)
            if (!cat_hit[k] && rule_matches(r, g->cat_rules[k]))
                cat_hit[k] = 1;
    }
    CELL(N_PUBLISHED) = (double)n;
    CELL(N_PER100K) = isnan(c->population) ? NAN : (double)n / c->population * 1e5;
    if (n) {
        CELL(N_MR) = 100.0 * (double)mr / (double)n;
        CELL(N_NP) = 100.0 * (double)np / (double)n;
        CELL(N_BULK) = 100.0 * (double)bulk / (double)n;
        CELL(N_API) = 100.0 * (double)api / (double)n;
        CELL(N_LICENCE) = 100.0 * (double)lic / (double)n;
        CELL(N_META) = 100.0 * meta / (double)n;
        CELL(N_ONTIME) = 100.0 * (double)ontime / (double)n;
    }
    if (nd) {
        qsort(days, nd, sizeof *days, cmp_long);
        CELL(N_MEDIAN_DAYS) = nd % 2 ? (double)days[nd / 2] : 0.5 * ((double)days[nd / 2 - 1] + days[nd / 2]);
    }
    if (c->n_depts) {
        size_t hit = 0;
        for (k = 0; k < c->n_depts; k++)
            if (dept_hit[k])
                hit++;
            else
                labels[n_labels++] = c->depts[k];
        CELL(N_DEPTS) = (double)hit;
        CELL(N_DEPTS_SHARE) = 100.0 * (double)hit / (double)c->n_depts;
        if ((rc = govidx__result_set_labels(res, GOVIDX_CATALOGUE_SILO, u, y, labels, n_labels)))
            goto done;
        /* publishers missing from the departments list, once each */
        n_labels = 0;
        for (i = 0; i < n; i++) {
            const char *p = c->rec[i].f[GX_F_PUBLISHER];
            int listed = 0;
            if (!p)
                continue;
            for (k = 0; k < c->n_depts && !listed; k++)
                listed = trimmed_eq(p, c->depts[k]);
            for (k = 0; k < n_labels && !listed; k++)
                listed = trimmed_eq(p, labels[k]);
            if (!listed)
                labels[n_labels++] = p;
        }
        if ((rc = govidx__result_set_labels(res, GOVIDX_CATALOGUE_UNLISTED, u, y, labels, n_labels)))
            goto done;
    }
    n_labels = 0;
    for (k = 0; k < g->n_cat; k++)
        if (cat_hit[k])
            covered++;
        else
            labels[n_labels++] = g->cat_names[k];
    CELL(N_COVERAGE) = 100.0 * (double)covered / (double)g->n_cat;
    rc = govidx__result_set_labels(res, GOVIDX_CATALOGUE_UNCOVERED, u, y, labels, n_labels);
#undef CELL
done:
    govidx__free(days);
    govidx__free(dept_hit);
    govidx__free(cat_hit);
    govidx__free(labels);
    return rc;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void cfg_free(cfg *g)
{
    for (size_t i = 0; g->lic && i < g->n_lic; i++)
        govidx__free(g->lic[i]);
    govidx__free(g->lic);
    g->lic = NULL;
}

/* Read and check the options into *g (licences normalised once). */
static int cfg_build(cfg *g, const govidx_catalogue_options *opts, const char *fn)
{
    govidx_catalogue_options o;
    const char *const *lic_src;
    size_t i;
    int rc;
    if ((rc = govidx__versioned_read(&catalogue_options_versions, &o, opts)))
        return rc;
    if (!o.reference_date)
        return govidx__fail(GOVIDX_EINVAL, "%s: reference_date is required "
                            "(\"YYYY-MM-DD\"; timeliness is never measured against the clock)", fn);
    if (strlen(o.reference_date) != 10 || !govidx__parse_date(o.reference_date, &g->ref_day))
        return govidx__fail(GOVIDX_EINVAL, "%s: reference_date '%.40s' is not a date "
                            "YYYY-MM-DD", fn, o.reference_date);
    if (!(o.grace_factor >= 1) || !isfinite(o.grace_factor))
        return govidx__fail(GOVIDX_EINVAL, "%s: grace_factor must be finite and >= 1", fn);
    g->grace = o.grace_factor;
    {   /* the same day one year before (29 February -> 28 February) */
        int yy = atoi(o.reference_date), mm = atoi(o.reference_date + 5), dd = atoi(o.reference_date + 8);
        g->year_ago = govidx__days_from_civil(yy - 1, mm, mm == 2 && dd == 29 ? 28 : dd);
    }
    lic_src = o.open_licences ? o.open_licences : open_licences;
    g->n_lic = o.open_licences ? o.n_open_licences : sizeof open_licences / sizeof *open_licences;
    g->lic = NULL;
    g->mr = o.machine_readable_formats ? o.machine_readable_formats : mr_formats;
    g->n_mr = o.machine_readable_formats ? o.n_machine_readable_formats : sizeof mr_formats / sizeof *mr_formats;
    if ((o.open_licences && !o.n_open_licences) || (o.machine_readable_formats && !o.n_machine_readable_formats))
        return govidx__fail(GOVIDX_EINVAL, "%s: an empty licence or format list "
                            "(NULL gives the built-in one)", fn);
    for (i = 0; i < g->n_lic; i++)
        if (!lic_src[i] || !*lic_src[i])
            return govidx__fail(GOVIDX_EINVAL, "%s: open licence %zu is empty", fn, i + 1);
    for (i = 0; i < g->n_mr; i++)
        if (!g->mr[i] || !*g->mr[i])
            return govidx__fail(GOVIDX_EINVAL, "%s: machine-readable format %zu is empty",
                                fn, i + 1);
    if (o.categories) {
        if (!o.n_categories || !o.category_rules)
            return govidx__fail(GOVIDX_EINVAL, "%s: categories need n_categories > 0 "
                                "and category_rules", fn);
        for (i = 0; i < o.n_categories; i++)
            if (!o.categories[i] || !*o.categories[i] || !o.category_rules[i] || !*o.category_rules[i])
                return govidx__fail(GOVIDX_EINVAL, "%s: key category %zu has an empty "
                                    "name or rule", fn, i + 1);
        g->cat_names = o.categories;
        g->cat_rules = o.category_rules;
        g->n_cat = o.n_categories;
    } else if (!(g->n_cat = govidx_catalogue_key_categories(&g->cat_names, &g->cat_rules, o.key_list)))
        return govidx__fail(GOVIDX_EINVAL, "%s: unknown key_list %d", fn, o.key_list);
    if (!(g->lic = govidx__calloc(g->n_lic ? g->n_lic : 1, sizeof *g->lic)))
        return govidx__oom();
    for (i = 0; i < g->n_lic; i++) {
        char b[512];
        licence_norm(b, sizeof b, lic_src[i]);
        if (!(g->lic[i] = govidx__strdup(b))) {
            cfg_free(g);
            return govidx__oom();
        }
    }
    return GOVIDX_OK;
}

int govidx_catalogue_compute(govidx_result **out, const govidx_catalogue *const *cats, size_t n,
                             const govidx_catalogue_options *opts)
{
    govidx_result *r = NULL;
    cfg g;
    size_t i, j, n_units = 0, n_years = 0, *unit_of = NULL, *year_of = NULL;
    int *years = NULL, rc = GOVIDX_OK;
    const char **units = NULL;
    if (!out || !cats)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_compute: NULL argument");
    *out = NULL;
    if (!n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_compute: no catalogue");
    for (i = 0; i < n; i++) {
        if (!cats[i])
            return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_compute: NULL catalogue");
        if (!cats[i]->has_unit)
            return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_compute: catalogue '%s' has no unit and year "
                                "(govidx_catalogue_set_unit)", cats[i]->name);
        for (j = 0; j < i; j++)
            if (cats[j]->year == cats[i]->year && !strcmp(cats[j]->unit, cats[i]->unit))
                return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_compute: two catalogues for unit '%s' in "
                                    "%d ('%s' and '%s')", cats[i]->unit, cats[i]->year, cats[j]->name,
                                    cats[i]->name);
    }
    /* the options last: from here every exit frees them (done:) */
    if ((rc = cfg_build(&g, opts, "govidx_catalogue_compute")))
        return rc;
    units = govidx__mallocarray(n, sizeof *units);
    years = govidx__mallocarray(n, sizeof *years);
    unit_of = govidx__mallocarray(n, sizeof *unit_of);
    year_of = govidx__mallocarray(n, sizeof *year_of);
    if (!units || !years || !unit_of || !year_of) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < n; i++) {
        for (j = 0; j < n_units && strcmp(units[j], cats[i]->unit); j++)
            ;
        if (j == n_units)
            units[n_units++] = cats[i]->unit;
        unit_of[i] = j;
        for (j = 0; j < n_years && years[j] != cats[i]->year; j++)
            ;
        if (j == n_years)
            years[n_years++] = cats[i]->year;
    }
    qsort(years, n_years, sizeof *years, cmp_int);
    for (i = 0; i < n; i++)
        for (j = 0; j < n_years; j++)
            if (years[j] == cats[i]->year)
                year_of[i] = j;
    if ((rc = govidx__result_alloc(&r, n_units, n_years, N_NODES, 1, 0)))
        goto done;
    for (i = 0; i < n_units && rc == GOVIDX_OK; i++)
        if (!(r->unit_codes[i] = govidx__strdup(units[i])))
            rc = govidx__oom();
    for (i = 0; i < n_years; i++)
        r->years[i] = years[i];
    for (i = 0; i < N_NODES && rc == GOVIDX_OK; i++) {
        if (!(r->node_codes[i] = govidx__strdup(node_codes[i])))
            rc = govidx__oom();
        else
            rc = govidx__result_set_direction(r, i, i == N_MEDIAN_DAYS ? -1 : 1);
        r->is_leaf[i] = 1;
    }
    for (i = 0; i < n && rc == GOVIDX_OK; i++)
        rc = measure(r, unit_of[i], year_of[i], cats[i], &g);
done:
    cfg_free(&g);
    govidx__free(units);
    govidx__free(years);
    govidx__free(unit_of);
    govidx__free(year_of);
    if (rc)
        govidx_result_free(r);
    else
        *out = r;
    return rc;
}

int govidx_catalogue_to_inventory(govidx_dataset *ds, const govidx_catalogue *c,
                                  const govidx_catalogue_options *opts)
{
    cfg g;
    size_t i, u, y;
    int rc;
    if (!ds || !c)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_to_inventory: NULL argument");
    if (!c->has_unit)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_to_inventory: catalogue '%s' has no unit and year "
                            "(govidx_catalogue_set_unit)", c->name);
    if (govidx_dataset_find_unit(&u, ds, c->unit) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "%s: unit '%s' is not a unit of the dataset", c->name, c->unit);
    if (govidx_dataset_find_year(&y, ds, c->year) != GOVIDX_OK)
        return govidx__fail(GOVIDX_ENOTFOUND, "%s: year %d is not a year of the dataset", c->name, c->year);
    for (i = 0; i < c->n; i++) /* every entry needs a code, unique within the catalogue */
        if (!c->rec[i].f[GX_F_IDENTIFIER])
            return govidx__fail(GOVIDX_EFORMAT, "%s: dataset '%.80s' has no identifier (the inventory's dataset "
                                "code)", c->name, c->rec[i].f[GX_F_TITLE] ? c->rec[i].f[GX_F_TITLE] : "(untitled)");
    if ((rc = cfg_build(&g, opts, "govidx_catalogue_to_inventory")))
        return rc;
    for (i = 0; i < c->n && rc == GOVIDX_OK; i++) {
        const govidx__catrec *r = &c->rec[i];
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        signed char a[GOVIDX_N_CRITERIA];
        char *json = NULL;
        char theme[256];
        size_t k;
        const char *acc = r->f[GX_F_ACCESS];
        for (k = 0; k < GOVIDX_N_CRITERIA; k++)
            a[k] = GOVIDX_ANSWER_MISSING; /* free of charge, registration-free: a catalogue does not say */
        a[GOVIDX_CRIT_EXISTS] = a[GOVIDX_CRIT_DIGITAL] = a[GOVIDX_CRIT_ONLINE] = GOVIDX_ANSWER_YES; /* listed */
        if (acc)
            a[GOVIDX_CRIT_PUBLIC] = !strcasecmp(acc, "public") ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        a[GOVIDX_CRIT_MACHINE_READABLE] = np_or_mr(r->f[GX_F_FORMAT], &g, 0) ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        a[GOVIDX_CRIT_BULK] = r->bulk ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        a[GOVIDX_CRIT_OPEN_LICENCE] =
            licence_open(r->f[GX_F_LICENSE], g.lic, g.n_lic) ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        a[GOVIDX_CRIT_UP_TO_DATE] = on_time(r, &g) ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        a[GOVIDX_CRIT_API] = r->api ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
        if (c->format == GOVIDX_CATALOGUE_DCAT_US)
            a[GOVIDX_CRIT_METADATA_STANDARD] = GOVIDX_ANSWER_YES;
        theme[0] = 0;
        if (r->f[GX_F_THEME]) /* the first theme */
            snprintf(theme, sizeof theme, "%.*s", (int)strcspn(r->f[GX_F_THEME], ";"), r->f[GX_F_THEME]);
        e.unit = c->unit;
        e.year = c->year;
        e.dataset = r->f[GX_F_IDENTIFIER];
        e.category = theme[0] ? theme : NULL;
        e.department = r->f[GX_F_PUBLISHER];
        e.format = r->f[GX_F_FORMAT];
        e.licence = r->f[GX_F_LICENSE];
        e.last_update = r->f[GX_F_MODIFIED];
        e.update_frequency = r->f[GX_F_ACCRUAL];
        e.answers = a;
        e.n_answers = GOVIDX_N_CRITERIA;
        /* format 1.1: the whole source record, so no field is dropped */
        e.record_format = c->pod10 ? "dcat-us-1.0" : govidx_catalogue_format_name(c->format);
        if ((rc = govidx_catalogue_record_json(&json, c, i)))
            break;
        e.record = json;
        rc = govidx_dataset_add_inventory(ds, &e);
        govidx__free(json);
        json = NULL;
    }
    cfg_free(&g);
    return rc;
}

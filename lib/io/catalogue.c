/*
 * lib/io/catalogue.c - reading open-data portal catalogues (DCAT-US data.json,
 * CKAN API answers, Socrata discovery-API answers, flat CSV) into
 * govidx_catalogue.  The field mapping of each format is in
 * docs/methods/openness-catalogue.md; every source record is kept whole as
 * JSON, and source fields the measures do not read are counted by name.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"
#include "govidx/table.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_BYTES ((size_t)1 << 30)

const char *const govidx__catalogue_field_names[GX_NF] = {
    "identifier", "title", "description", "publisher", "contactPoint", "accessLevel", "keyword", "modified",
    "issued", "accrualPeriodicity", "license", "landingPage", "spatial", "temporal", "theme", "format"};

static GOVIDX__NAMES(format_names, "catalogue format",
                     ((const govidx__name[]){{"auto", GOVIDX_CATALOGUE_AUTO},
                                             {"dcat-us", GOVIDX_CATALOGUE_DCAT_US},
                                             {"ckan", GOVIDX_CATALOGUE_CKAN},
                                             {"socrata", GOVIDX_CATALOGUE_SOCRATA},
                                             {"csv", GOVIDX_CATALOGUE_CSV}}));

const char *govidx_catalogue_format_name(int format)
{
    return govidx__names_name(&format_names, format);
}

int govidx_catalogue_format_from_name(int *format, const char *name)
{
    if (!format)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_format_from_name: NULL argument");
    return govidx__names_find(&format_names, name, format);
}

/* ---- dates and periods ---------------------------------------------------- */

long govidx__days_from_civil(int y, int m, int d)
{
    /* Days before March 1 of year 0 style count: shift the year to start in
     * March so the leap day is last, then count whole 400-year eras. */
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int govidx__parse_date(const char *s, long *day)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, k;
    if (!s)
        return 0;
    for (k = 0; k < 10; k++)
        if (k == 4 || k == 7 ? s[k] != '-' : !isdigit((unsigned char)s[k]))
            return 0;
    if (s[10] && s[10] != 'T' && s[10] != ' ')
        return 0;
    y = atoi(s);
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && is_leap(y)))
        return 0;
    *day = govidx__days_from_civil(y, m, d);
    return 1;
}

/* Mean Gregorian year and month, so P1Y = 365.2425 days. */
#define YEAR_DAYS 365.2425
#define MONTH_DAYS (YEAR_DAYS / 12)

static double iso_duration(const char *s)
{
    double total = 0, v;
    int in_time = 0, any = 0;
    char *end;
    if (*s++ != 'P')
        return -1;
    while (*s) {
        if (*s == 'T') {
            in_time = 1;
            s++;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            return -1;
        errno = 0;
        v = strtod(s, &end);
        if (end == s || errno)
            return -1;
        s = end;
        switch (*s) {
        case 'Y': total += v * YEAR_DAYS; break;
        case 'M': total += in_time ? v / 1440 : v * MONTH_DAYS; break;
        case 'W': total += v * 7; break;
        case 'D': total += v; break;
        case 'H': total += v / 24; break;
        case 'S': total += v / 86400; break;
        default: return -1;
        }
        if ((*s == 'Y' || *s == 'W' || *s == 'D') && in_time)
            return -1;
        s++;
        any = 1;
    }
    return any && total > 0 ? total : -1;
}

double govidx__parse_period(const char *s)
{
    static const struct {
        const char *word;
        double days;
    } words[] = {{"hourly", 1.0 / 24}, {"continuous", 1}, {"continuously", 1}, {"real-time", 1},
                 {"realtime", 1}, {"daily", 1}, {"weekly", 7}, {"biweekly", 14}, {"fortnightly", 14},
                 {"monthly", MONTH_DAYS}, {"bimonthly", 2 * MONTH_DAYS}, {"quarterly", YEAR_DAYS / 4},
                 {"semiannual", YEAR_DAYS / 2}, {"semiannually", YEAR_DAYS / 2}, {"semi-annual", YEAR_DAYS / 2},
                 {"semi-annually", YEAR_DAYS / 2}, {"biannually", YEAR_DAYS / 2}, {"annual", YEAR_DAYS},
                 {"annually", YEAR_DAYS}, {"yearly", YEAR_DAYS}, {"biennial", 2 * YEAR_DAYS},
                 {"biennially", 2 * YEAR_DAYS}, {"triennial", 3 * YEAR_DAYS}, {"decennial", 10 * YEAR_DAYS}};
    static const char *const none[] = {"irregular", "irregularly", "as needed", "as-needed", "asneeded",
                                       "none", "never", "not planned", "notplanned", "unknown", "other",
                                       "historical", "static", "one time", "one-time", "n/a"};
    char buf[64];
    size_t k, n;
    if (!s)
        return NAN;
    while (isspace((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return NAN;
    if (n >= sizeof buf)
        return -1;
    for (k = 0; k < n; k++)
        buf[k] = (char)tolower((unsigned char)s[k]);
    buf[n] = 0;
    if (buf[0] == 'p' || !strncmp(buf, "r/p", 3)) { /* ISO 8601 duration, or repeating interval R/P1D */
        char *p = buf[0] == 'r' ? buf + 2 : buf;
        for (k = 0; p[k]; k++)
            p[k] = (char)toupper((unsigned char)p[k]);
        return iso_duration(p);
    }
    for (k = 0; k < sizeof words / sizeof words[0]; k++)
        if (!strcmp(buf, words[k].word))
            return words[k].days;
    for (k = 0; k < sizeof none / sizeof none[0]; k++)
        if (!strcmp(buf, none[k]))
            return NAN;
    return -1;
}

/* ---- building records ----------------------------------------------------- */

static void rec_free(govidx__catrec *r)
{
    for (int k = 0; k < GX_NF; k++)
        govidx__free(r->f[k]);
    json_decref(r->json);
}

/* Add a value to a field; list fields (keyword, theme, format) join with
 * "; " and skip a value already there.  Empty values are absent. */
static int rec_add(govidx__catrec *r, int field, const char *v, size_t len)
{
    char *old = r->f[field], *p;
    size_t ol;
    while (len && isspace((unsigned char)*v))
        v++, len--;
    while (len && isspace((unsigned char)v[len - 1]))
        len--;
    if (!len)
        return GOVIDX_OK;
    if (old && field != GX_F_KEYWORD && field != GX_F_THEME && field != GX_F_FORMAT)
        return GOVIDX_OK; /* scalar: the first value wins */
    if (old) {
        const char *q = old;
        for (;;) { /* whole-item duplicate check */
            const char *e = strstr(q, "; ");
            size_t il = e ? (size_t)(e - q) : strlen(q);
            if (il == len && !memcmp(q, v, len))
                return GOVIDX_OK;
            if (!e)
                break;
            q = e + 2;
        }
    }
    ol = old ? strlen(old) + 2 : 0;
    if (!(p = govidx__malloc(ol + len + 1)))
        return govidx__oom();
    if (old) {
        memcpy(p, old, ol - 2);
        memcpy(p + ol - 2, "; ", 2);
    }
    memcpy(p + ol, v, len);
    p[ol + len] = 0;
    govidx__free(old);
    r->f[field] = p;
    return GOVIDX_OK;
}

static int rec_adds(govidx__catrec *r, int field, const char *v)
{
    return v ? rec_add(r, field, v, strlen(v)) : GOVIDX_OK;
}

static int note(govidx_catalogue *c, const char *a, const char *b)
{
    char key[160];
    size_t i;
    int rc;
    snprintf(key, sizeof key, "%s%s", a, b ? b : "");
    if ((i = govidx__strmap_get(&c->unm_map, key)) != SIZE_MAX) {
        c->unm_count[i]++;
        return GOVIDX_OK;
    }
    if (c->n_unm == c->cap_unm) {
        size_t cap = c->cap_unm ? 2 * c->cap_unm : 16;
        char **u = govidx__realloc(c->unm, cap * sizeof *u);
        size_t *n;
        if (!u)
            return govidx__oom();
        c->unm = u;
        if (!(n = govidx__realloc(c->unm_count, cap * sizeof *n)))
            return govidx__oom();
        c->unm_count = n;
        c->cap_unm = cap;
    }
    if ((rc = govidx__strmap_reserve(&c->unm_map, c->n_unm + 1)))
        return rc;
    if (!(c->unm[c->n_unm] = govidx__strdup(key)))
        return govidx__oom();
    c->unm_count[c->n_unm] = 1;
    govidx__strmap_put(&c->unm_map, c->unm[c->n_unm], c->n_unm);
    c->n_unm++;
    return GOVIDX_OK;
}

/* Normalise a format or media type to a format token (upper case). */
static void format_token(char *out, size_t cap, const char *v)
{
    static const struct {
        const char *from, *to;
    } map[] = {{"TEXT/CSV", "CSV"}, {"APPLICATION/CSV", "CSV"}, {"TEXT/TAB-SEPARATED-VALUES", "TSV"},
               {"APPLICATION/JSON", "JSON"}, {"APPLICATION/GEO+JSON", "GEOJSON"},
               {"APPLICATION/VND.GEO+JSON", "GEOJSON"}, {"APPLICATION/LD+JSON", "JSON-LD"},
               {"APPLICATION/XML", "XML"}, {"TEXT/XML", "XML"}, {"APPLICATION/RDF+XML", "RDF"},
               {"TEXT/TURTLE", "TTL"}, {"APPLICATION/VND.GOOGLE-EARTH.KML+XML", "KML"},
               {"APPLICATION/VND.GOOGLE-EARTH.KMZ", "KMZ"}, {"APPLICATION/VND.MS-EXCEL", "XLS"},
               {"APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET", "XLSX"},
               {"APPLICATION/VND.OASIS.OPENDOCUMENT.SPREADSHEET", "ODS"},
               {"APPLICATION/VND.OASIS.OPENDOCUMENT.TEXT", "ODT"}, {"APPLICATION/PDF", "PDF"},
               {"TEXT/HTML", "HTML"}, {"TEXT/PLAIN", "TXT"}, {"APPLICATION/ZIP", "ZIP"},
               {"APPLICATION/X-ZIP-COMPRESSED", "ZIP"}, {"APPLICATION/GML+XML", "GML"},
               {"APPLICATION/GEOPACKAGE+SQLITE3", "GPKG"}, {"GEO JSON", "GEOJSON"}, {"GEO-JSON", "GEOJSON"},
               {"SHAPEFILE", "SHP"}, {"ESRI SHAPEFILE", "SHP"}, {"EXCEL", "XLS"}, {"MS EXCEL", "XLS"},
               {"JSONLD", "JSON-LD"}, {"GEOPACKAGE", "GPKG"}, {"TURTLE", "TTL"}, {"HTM", "HTML"},
               /* media types Socrata's 2013 data.json files wrote */
               {"APPLICATION/X-PDF", "PDF"}, {"APPLICATION/EXCEL", "XLS"}, {"APPLICATION/XML+RDF", "RDF"},
               {"APPLICATION/MSWORD", "DOC"}, {"IMAGE/PNG", "PNG"}, {"IMAGE/JPEG", "JPEG"}};
    size_t n = 0, k;
    while (isspace((unsigned char)*v) || *v == '.')
        v++;
    for (; *v && n + 1 < cap; v++)
        out[n++] = (char)toupper((unsigned char)*v);
    while (n && isspace((unsigned char)out[n - 1]))
        n--;
    out[n] = 0;
    for (k = 0; k < sizeof map / sizeof map[0]; k++)
        if (!strcmp(out, map[k].from)) {
            snprintf(out, cap, "%s", map[k].to);
            return;
        }
}

static int is_api_token(const char *t)
{
    static const char *const apis[] = {"API", "REST", "ESRI REST", "ARCGIS GEOSERVICES REST API", "WMS", "WFS",
                                       "WCS", "WMTS", "ODATA", "SPARQL", "SODA", "OGC API"};
    for (size_t k = 0; k < sizeof apis / sizeof apis[0]; k++)
        if (!strcmp(t, apis[k]))
            return 1;
    return 0;
}

static int rec_format(govidx__catrec *r, const char *v)
{
    char tok[128];
    if (!v)
        return GOVIDX_OK;
    format_token(tok, sizeof tok, v);
    if (strchr(tok, ';')) { /* media type parameters */
        tok[strcspn(tok, ";")] = 0;
        char t2[128];
        format_token(t2, sizeof t2, tok);
        memcpy(tok, t2, sizeof tok);
    }
    if (!*tok)
        return GOVIDX_OK;
    if (is_api_token(tok))
        r->api = 1;
    return rec_adds(r, GX_F_FORMAT, tok);
}

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A value of any type as text, for fields that may be objects (spatial). */
static int rec_any(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *where)
{
    if (!v || json_is_null(v))
        return GOVIDX_OK;
    if (json_is_string(v))
        return rec_adds(r, field, json_string_value(v));
    if (json_is_object(v) || json_is_array(v) || json_is_number(v)) {
        char *t = json_dumps(v, JSON_COMPACT);
        int rc;
        if (!t)
            return govidx__oom();
        rc = rec_adds(r, field, t);
        free(t);
        return rc;
    }
    return note(c, where, "(not a string)");
}

static int rec_str(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *where)
{
    if (!v || json_is_null(v))
        return GOVIDX_OK;
    if (json_is_string(v))
        return rec_adds(r, field, json_string_value(v));
    if (json_is_integer(v) && field == GX_F_IDENTIFIER) {
        char b[32];
        snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
        return rec_adds(r, field, b);
    }
    return note(c, where, "(not a string)");
}

/* A string or an array of strings; key = member name for objects in it. */
static int rec_list(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *key,
                    const char *key2, const char *where)
{
    size_t i;
    const json_t *e;
    int rc = GOVIDX_OK;
    if (!v || json_is_null(v))
        return GOVIDX_OK;
    if (json_is_string(v))
        return rec_adds(r, field, json_string_value(v));
    if (!json_is_array(v))
        return note(c, where, "(not a list)");
    json_array_foreach(v, i, e)
    {
        if (json_is_string(e))
            rc = rec_adds(r, field, json_string_value(e));
        else if (json_is_object(e) && key && (jstr(e, key) || (key2 && jstr(e, key2))))
            rc = rec_adds(r, field, jstr(e, key) ? jstr(e, key) : jstr(e, key2));
        else
            rc = note(c, where, "(item not a string)");
        if (rc)
            return rc;
    }
    return GOVIDX_OK;
}

static int known(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(key, *list))
            return 1;
    return 0;
}

static int note_unknown(govidx_catalogue *c, const json_t *o, const char *prefix, const char *const *list)
{
    const char *key;
    const json_t *v;
    int rc;
    json_object_foreach((json_t *)o, key, v)
    {
        (void)v;
        if (!known(key, list) && (rc = note(c, prefix, key)))
            return rc;
    }
    return GOVIDX_OK;
}

/* Append r to c (it takes r's strings), or count it as a duplicate. */
static int add_rec(govidx_catalogue *c, govidx__catrec *r, const json_t *src)
{
    int rc;
    const char *id = r->f[GX_F_IDENTIFIER];
    long day;
    if (id && govidx__strmap_get(&c->ids, id) != SIZE_MAX) {
        char *d;
        if (c->n_dup == c->cap_dup) {
            size_t cap = c->cap_dup ? 2 * c->cap_dup : 8;
            char **g = govidx__realloc(c->dup, cap * sizeof *g);
            if (!g) {
                rec_free(r);
                return govidx__oom();
            }
            c->dup = g;
            c->cap_dup = cap;
        }
        d = govidx__strdup(id);
        rec_free(r);
        if (!d)
            return govidx__oom();
        c->dup[c->n_dup++] = d;
        return GOVIDX_OK;
    }
    r->json = json_incref((json_t *)src); /* kept whole; serialised on request */
    r->modified_day = GX_NO_DATE;
    if (r->f[GX_F_MODIFIED]) {
        if (govidx__parse_date(r->f[GX_F_MODIFIED], &day))
            r->modified_day = day;
        else if ((rc = note(c, "modified", "(not a date)"))) {
            rec_free(r);
            return rc;
        }
    }
    r->period_days = govidx__parse_period(r->f[GX_F_ACCRUAL]);
    if (r->period_days < 0) {
        r->period_days = NAN; /* counted as none declared, and reported */
        if ((rc = note(c, "accrualPeriodicity", "(unrecognised)"))) {
            rec_free(r);
            return rc;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        govidx__catrec *g = govidx__realloc(c->rec, cap * sizeof *g);
        if (!g) {
            rec_free(r);
            return govidx__oom();
        }
        c->rec = g;
        c->cap = cap;
    }
    if (id && (rc = govidx__strmap_reserve(&c->ids, c->n + 1))) {
        rec_free(r);
        return rc;
    }
    c->rec[c->n] = *r;
    if (id)
        govidx__strmap_put(&c->ids, c->rec[c->n].f[GX_F_IDENTIFIER], c->n);
    c->n++;
    return GOVIDX_OK;
}

/* ---- DCAT-US v1.1 ---------------------------------------------------------- */

static const char *const dcat_keys[] = {"@type", "title", "description", "keyword", "modified", "publisher",
                                        "contactPoint", "identifier", "accessLevel", "license", "spatial",
                                        "temporal", "distribution", "accrualPeriodicity", "issued", "theme",
                                        "landingPage", NULL};
static const char *const dcat_dist_keys[] = {"@type", "mediaType", "format", "downloadURL", "accessURL", NULL};

/* Project Open Data v1.0 (2013, a JSON array of records): the v1.1 names
 * were frequency (accrualPeriodicity), releaseDate (issued), mbox, format
 * and accessURL of the dataset itself (a download), webService (an API);
 * Socrata's exports also had "keywords" (a list) next to a comma-separated
 * "keyword", distributions with "formats": [{"label", "value"}], and a
 * licence of lines "name / attribution(link) / licence URL". */
static const char *const pod10_keys[] = {"title", "description", "keyword", "keywords", "modified", "publisher",
                                         "contactPoint", "mbox", "identifier", "accessLevel", "license",
                                         "spatial", "temporal", "distribution", "frequency", "releaseDate",
                                         "theme", "landingPage", "format", "accessURL", "webService", NULL};
static const char *const pod10_dist_keys[] = {"accessURL", "downloadURL", "format", "formats", "mediaType", NULL};

/* "a,b, c" as list items */
static int rec_commas(govidx__catrec *r, int field, const char *v)
{
    int rc = GOVIDX_OK;
    while (v && *v && rc == GOVIDX_OK) {
        size_t l = strcspn(v, ",");
        rc = rec_add(r, field, v, l);
        v += l + (v[l] == ',');
    }
    return rc;
}

static int pod10_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r)
{
    const json_t *v, *e, *f;
    const char *lic, *s;
    size_t i, j;
    int rc;
    if ((rc = rec_str(c, r, GX_F_IDENTIFIER, json_object_get(d, "identifier"), "identifier")) ||
        (rc = rec_str(c, r, GX_F_TITLE, json_object_get(d, "title"), "title")) ||
        (rc = rec_str(c, r, GX_F_DESCRIPTION, json_object_get(d, "description"), "description")) ||
        (rc = rec_str(c, r, GX_F_ACCESS, json_object_get(d, "accessLevel"), "accessLevel")) ||
        (rc = rec_list(c, r, GX_F_KEYWORD, json_object_get(d, "keywords"), NULL, NULL, "keywords")) ||
        (rc = rec_list(c, r, GX_F_THEME, json_object_get(d, "theme"), NULL, NULL, "theme")) ||
        (rc = rec_str(c, r, GX_F_MODIFIED, json_object_get(d, "modified"), "modified")) ||
        (rc = rec_str(c, r, GX_F_ISSUED, json_object_get(d, "releaseDate"), "releaseDate")) ||
        (rc = rec_str(c, r, GX_F_ACCRUAL, json_object_get(d, "frequency"), "frequency")) ||
        (rc = rec_str(c, r, GX_F_LANDING, json_object_get(d, "landingPage"), "landingPage")) ||
        (rc = rec_str(c, r, GX_F_PUBLISHER, json_object_get(d, "publisher"), "publisher")) ||
        (rc = rec_str(c, r, GX_F_CONTACT, json_object_get(d, "contactPoint"), "contactPoint")) ||
        (rc = rec_str(c, r, GX_F_CONTACT, json_object_get(d, "mbox"), "mbox")) ||
        (rc = rec_any(c, r, GX_F_SPATIAL, json_object_get(d, "spatial"), "spatial")) ||
        (rc = rec_any(c, r, GX_F_TEMPORAL, json_object_get(d, "temporal"), "temporal")))
        return rc;
    v = json_object_get(d, "keyword");
    if (json_is_string(v))
        rc = rec_commas(r, GX_F_KEYWORD, json_string_value(v));
    else
        rc = rec_list(c, r, GX_F_KEYWORD, v, NULL, NULL, "keyword");
    if (rc)
        return rc;
    /* licence: the first line (its name) and every line that is a URL; the
     * other lines (Socrata's attribution) are reported */
    v = json_object_get(d, "license");
    if (v && !json_is_null(v) && !json_is_string(v) && (rc = note(c, "license", "(not a string)")))
        return rc;
    for (lic = json_is_string(v) ? json_string_value(v) : NULL, j = 0; lic && *lic; j++) {
        size_t l = strcspn(lic, "\n");
        while (l && isspace((unsigned char)*lic))
            lic++, l--;
        while (l && isspace((unsigned char)lic[l - 1]))
            l--;
        if ((j == 0 || !strncasecmp(lic, "http://", 7) || !strncasecmp(lic, "https://", 8)) && l) {
            /* licence items joined by "; " (licence_open tries each) */
            char *old = r->f[GX_F_LICENSE], *p;
            size_t ol = old ? strlen(old) + 2 : 0;
            if (!(p = govidx__malloc(ol + l + 1)))
                return govidx__oom();
            if (old)
                memcpy(p, old, ol - 2), memcpy(p + ol - 2, "; ", 2);
            memcpy(p + ol, lic, l);
            p[ol + l] = 0;
            govidx__free(old);
            r->f[GX_F_LICENSE] = p;
        } else if (l) { /* Socrata's attribution "Name(link)": the publisher when none is given */
            size_t k = 0;
            while (k + 5 <= l && strncmp(lic + k, "(http", 5))
                k++;
            rc = rec_add(r, GX_F_PUBLISHER, lic, k + 5 <= l ? k : l);
        }
        if (rc)
            return rc;
        lic += l + (lic[l] == '\n');
    }
    if ((s = jstr(d, "accessURL")) && *s)
        r->has_distribution = r->bulk = 1; /* v1.0: the dataset's own download */
    if ((rc = rec_format(r, jstr(d, "format"))))
        return rc;
    if ((s = jstr(d, "webService")) && *s)
        r->has_distribution = r->api = 1;
    v = json_object_get(d, "distribution");
    if (v && !json_is_array(v) && !json_is_null(v))
        return note(c, "distribution", "(not a list)");
    json_array_foreach(v, i, e)
    {
        if (!json_is_object(e)) {
            if ((rc = note(c, "distribution", "(item not an object)")))
                return rc;
            continue;
        }
        r->has_distribution = 1;
        if ((rc = rec_format(r, jstr(e, "format"))) || (rc = rec_format(r, jstr(e, "mediaType"))) ||
            (rc = note_unknown(c, e, "distribution.", pod10_dist_keys)))
            return rc;
        json_array_foreach(json_object_get(e, "formats"), j, f)
        {
            if ((rc = rec_format(r, jstr(f, "label"))) || (rc = rec_format(r, jstr(f, "value"))))
                return rc;
        }
        if (((s = jstr(e, "accessURL")) && *s) || ((s = jstr(e, "downloadURL")) && *s))
            r->bulk = 1;
    }
    return note_unknown(c, d, "", pod10_keys);
}

static int dcat_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r)
{
    const json_t *v, *e;
    size_t i;
    int rc;
    if (c->pod10)
        return pod10_record(c, d, r);
    if ((rc = rec_str(c, r, GX_F_IDENTIFIER, json_object_get(d, "identifier"), "identifier")) ||
        (rc = rec_str(c, r, GX_F_TITLE, json_object_get(d, "title"), "title")) ||
        (rc = rec_str(c, r, GX_F_DESCRIPTION, json_object_get(d, "description"), "description")) ||
        (rc = rec_str(c, r, GX_F_ACCESS, json_object_get(d, "accessLevel"), "accessLevel")) ||
        (rc = rec_list(c, r, GX_F_KEYWORD, json_object_get(d, "keyword"), NULL, NULL, "keyword")) ||
        (rc = rec_list(c, r, GX_F_THEME, json_object_get(d, "theme"), NULL, NULL, "theme")) ||
        (rc = rec_str(c, r, GX_F_MODIFIED, json_object_get(d, "modified"), "modified")) ||
        (rc = rec_str(c, r, GX_F_ISSUED, json_object_get(d, "issued"), "issued")) ||
        (rc = rec_str(c, r, GX_F_ACCRUAL, json_object_get(d, "accrualPeriodicity"), "accrualPeriodicity")) ||
        (rc = rec_str(c, r, GX_F_LICENSE, json_object_get(d, "license"), "license")) ||
        (rc = rec_str(c, r, GX_F_LANDING, json_object_get(d, "landingPage"), "landingPage")) ||
        (rc = rec_any(c, r, GX_F_SPATIAL, json_object_get(d, "spatial"), "spatial")) ||
        (rc = rec_any(c, r, GX_F_TEMPORAL, json_object_get(d, "temporal"), "temporal")))
        return rc;
    v = json_object_get(d, "publisher");
    if (json_is_object(v)) {
        if ((rc = rec_str(c, r, GX_F_PUBLISHER, json_object_get(v, "name"), "publisher.name")))
            return rc;
    } else if ((rc = rec_str(c, r, GX_F_PUBLISHER, v, "publisher")))
        return rc;
    v = json_object_get(d, "contactPoint");
    if (json_is_object(v)) {
        if ((rc = rec_adds(r, GX_F_CONTACT, jstr(v, "fn") ? jstr(v, "fn") : jstr(v, "hasEmail"))))
            return rc;
    } else if ((rc = rec_str(c, r, GX_F_CONTACT, v, "contactPoint")))
        return rc;
    v = json_object_get(d, "distribution");
    if (v && !json_is_array(v) && !json_is_null(v))
        return note(c, "distribution", "(not a list)");
    json_array_foreach(v, i, e)
    {
        if (!json_is_object(e)) {
            if ((rc = note(c, "distribution", "(item not an object)")))
                return rc;
            continue;
        }
        r->has_distribution = 1;
        if ((rc = rec_format(r, jstr(e, "format"))) || (rc = rec_format(r, jstr(e, "mediaType"))) ||
            (rc = note_unknown(c, e, "distribution.", dcat_dist_keys)))
            return rc;
        if (jstr(e, "downloadURL") && *jstr(e, "downloadURL"))
            r->bulk = 1;
    }
    return note_unknown(c, d, "", dcat_keys);
}

/* ---- CKAN ------------------------------------------------------------------ */

static const char *const ckan_keys[] = {"id", "name", "title", "notes", "tags", "groups", "organization",
                                        "maintainer", "maintainer_email", "author", "author_email",
                                        "license_id", "license_title", "license_url", "metadata_modified",
                                        "metadata_created", "resources", "extras", "private", "url", NULL};
static const char *const ckan_res_keys[] = {"format", "mimetype", "url", "resource_type", "datastore_active",
                                            NULL};

static int ckan_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r)
{
    const json_t *v, *e, *org;
    size_t i;
    int rc;
    v = json_object_get(d, "id");
    if (!json_is_string(v))
        v = json_object_get(d, "name");
    if ((rc = rec_str(c, r, GX_F_IDENTIFIER, v, "id")) ||
        (rc = rec_str(c, r, GX_F_TITLE, json_object_get(d, "title"), "title")) ||
        (rc = rec_str(c, r, GX_F_DESCRIPTION, json_object_get(d, "notes"), "notes")) ||
        (rc = rec_list(c, r, GX_F_KEYWORD, json_object_get(d, "tags"), "name", "display_name", "tags")) ||
        (rc = rec_list(c, r, GX_F_THEME, json_object_get(d, "groups"), "title", "name", "groups")) ||
        (rc = rec_str(c, r, GX_F_MODIFIED, json_object_get(d, "metadata_modified"), "metadata_modified")) ||
        (rc = rec_str(c, r, GX_F_ISSUED, json_object_get(d, "metadata_created"), "metadata_created")) ||
        (rc = rec_str(c, r, GX_F_LANDING, json_object_get(d, "url"), "url")))
        return rc;
    org = json_object_get(d, "organization");
    if (json_is_object(org) && (rc = rec_adds(r, GX_F_PUBLISHER, jstr(org, "title") && *jstr(org, "title")
                                                                     ? jstr(org, "title")
                                                                     : jstr(org, "name"))))
        return rc;
    if ((rc = rec_adds(r, GX_F_CONTACT, jstr(d, "maintainer_email"))) ||
        (rc = rec_adds(r, GX_F_CONTACT, jstr(d, "maintainer"))) ||
        (rc = rec_adds(r, GX_F_CONTACT, jstr(d, "author_email"))) ||
        (rc = rec_adds(r, GX_F_CONTACT, jstr(d, "author"))) ||
        (rc = rec_adds(r, GX_F_LICENSE, jstr(d, "license_id"))) ||
        (rc = rec_adds(r, GX_F_LICENSE, jstr(d, "license_url"))) ||
        (rc = rec_adds(r, GX_F_LICENSE, jstr(d, "license_title"))))
        return rc;
    v = json_object_get(d, "private");
    if (json_is_boolean(v) && (rc = rec_adds(r, GX_F_ACCESS, json_is_true(v) ? "non-public" : "public")))
        return rc;
    json_array_foreach(json_object_get(d, "extras"), i, e)
    {
        const char *k = jstr(e, "key"), *val = jstr(e, "value");
        int f = -1;
        if (!k)
            continue;
        if (!strcmp(k, "frequency") || !strcmp(k, "accrualPeriodicity") || !strcmp(k, "accrual_periodicity") ||
            !strcmp(k, "update_frequency"))
            f = GX_F_ACCRUAL;
        else if (!strcmp(k, "spatial"))
            f = GX_F_SPATIAL;
        else if (!strcmp(k, "temporal") || !strcmp(k, "temporal_coverage"))
            f = GX_F_TEMPORAL;
        else if (!strcmp(k, "modified"))
            f = -2; /* metadata_modified already read */
        if (f >= 0 ? (rc = rec_adds(r, f, val)) : (rc = note(c, "extras.", k)))
            return rc;
    }
    v = json_object_get(d, "resources");
    json_array_foreach(v, i, e)
    {
        const char *rt = jstr(e, "resource_type"), *url = jstr(e, "url");
        int api_before = r->api;
        if (!json_is_object(e))
            continue;
        r->has_distribution = 1;
        if ((rc = rec_format(r, jstr(e, "format"))) || (rc = rec_format(r, jstr(e, "mimetype"))) ||
            (rc = note_unknown(c, e, "resources.", ckan_res_keys)))
            return rc;
        if ((rt && !strcmp(rt, "api")) || json_is_true(json_object_get(e, "datastore_active")))
            r->api = 1;
        /* a file resource (not an API endpoint) with a URL downloads whole */
        if (url && *url && !(rt && !strcmp(rt, "api")) && r->api == api_before)
            r->bulk = 1;
        else if (url && *url && json_is_true(json_object_get(e, "datastore_active")) && !(rt && !strcmp(rt, "api")))
            r->bulk = 1; /* a datastore resource is also its uploaded file */
    }
    return note_unknown(c, d, "", ckan_keys);
}

/* ---- Socrata discovery API -------------------------------------------------- */

static const char *const soc_keys[] = {"resource", "classification", "metadata", "permalink", "link", NULL};
static const char *const soc_res_keys[] = {"id", "name", "description", "attribution", "type", "createdAt",
                                           "updatedAt", "data_updated_at", NULL};
static const char *const soc_cls_keys[] = {"categories", "tags", "domain_category", "domain_tags",
                                           "domain_metadata", NULL};

/* 0: counted (and r filled), 1: an asset type that is not a dataset. */
static int socrata_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r, int *skip)
{
    const json_t *res = json_object_get(d, "resource"), *cls = json_object_get(d, "classification"),
                 *meta = json_object_get(d, "metadata"), *e;
    const char *type = json_is_object(res) ? jstr(res, "type") : NULL;
    size_t i;
    int rc;
    *skip = 0;
    if (!json_is_object(res))
        return govidx__fail(GOVIDX_EFORMAT, "%s: a Socrata result has no \"resource\" object", c->name);
    if (!type || (strcmp(type, "dataset") && strcmp(type, "map") && strcmp(type, "file") && strcmp(type, "href"))) {
        *skip = 1;
        return note(c, "type=", type ? type : "(none)");
    }
    if ((rc = rec_str(c, r, GX_F_IDENTIFIER, json_object_get(res, "id"), "resource.id")) ||
        (rc = rec_str(c, r, GX_F_TITLE, json_object_get(res, "name"), "resource.name")) ||
        (rc = rec_str(c, r, GX_F_DESCRIPTION, json_object_get(res, "description"), "resource.description")) ||
        (rc = rec_str(c, r, GX_F_PUBLISHER, json_object_get(res, "attribution"), "resource.attribution")) ||
        (rc = rec_str(c, r, GX_F_ISSUED, json_object_get(res, "createdAt"), "resource.createdAt")) ||
        (rc = rec_adds(r, GX_F_MODIFIED, jstr(res, "data_updated_at"))) ||
        (rc = rec_adds(r, GX_F_MODIFIED, jstr(res, "updatedAt"))) ||
        (rc = rec_adds(r, GX_F_LANDING, jstr(d, "permalink"))) || (rc = rec_adds(r, GX_F_LANDING, jstr(d, "link"))) ||
        (rc = note_unknown(c, res, "resource.", soc_res_keys)) || (rc = note_unknown(c, d, "", soc_keys)))
        return rc;
    if (json_is_object(cls)) {
        if ((rc = rec_adds(r, GX_F_THEME, jstr(cls, "domain_category"))) ||
            (rc = rec_list(c, r, GX_F_THEME, json_object_get(cls, "categories"), NULL, NULL,
                           "classification.categories")) ||
            (rc = rec_list(c, r, GX_F_KEYWORD, json_object_get(cls, "domain_tags"), NULL, NULL,
                           "classification.domain_tags")) ||
            (rc = rec_list(c, r, GX_F_KEYWORD, json_object_get(cls, "tags"), NULL, NULL, "classification.tags")) ||
            (rc = note_unknown(c, cls, "classification.", soc_cls_keys)))
            return rc;
        json_array_foreach(json_object_get(cls, "domain_metadata"), i, e)
        {
            const char *k = jstr(e, "key");
            char low[96];
            size_t j;
            if (!k)
                continue;
            for (j = 0; k[j] && j + 1 < sizeof low; j++)
                low[j] = (char)tolower((unsigned char)k[j]);
            low[j] = 0;
            if (strstr(low, "frequency"))
                rc = rec_adds(r, GX_F_ACCRUAL, jstr(e, "value"));
            else
                rc = note(c, "domain_metadata.", k);
            if (rc)
                return rc;
        }
    }
    if (json_is_object(meta)) {
        const char *const meta_keys[] = {"license", NULL};
        if ((rc = rec_adds(r, GX_F_LICENSE, jstr(meta, "license"))) ||
            (rc = note_unknown(c, meta, "metadata.", meta_keys)))
            return rc;
    }
    /* What each asset type offers on every Socrata portal: a tabular
     * dataset exports CSV and JSON whole and has a SODA API endpoint; a map
     * exports GeoJSON, KML and shapefile; a file is a download of unknown
     * format; an href links elsewhere. */
    if (!strcmp(type, "dataset")) {
        r->has_distribution = r->bulk = r->api = 1;
        if ((rc = rec_adds(r, GX_F_FORMAT, "CSV")) || (rc = rec_adds(r, GX_F_FORMAT, "JSON")))
            return rc;
    } else if (!strcmp(type, "map")) {
        r->has_distribution = r->bulk = 1;
        if ((rc = rec_adds(r, GX_F_FORMAT, "GEOJSON")) || (rc = rec_adds(r, GX_F_FORMAT, "KML")) ||
            (rc = rec_adds(r, GX_F_FORMAT, "SHP")))
            return rc;
    } else if (!strcmp(type, "file"))
        r->has_distribution = r->bulk = 1;
    return GOVIDX_OK;
}

/* ---- JSON front end --------------------------------------------------------- */

static int parse_json(govidx_catalogue *c, const char *text, size_t len, int format)
{
    json_error_t err;
    json_t *root = json_loadb(text, len, 0, &err), *list = NULL, *d;
    size_t i;
    int rc = GOVIDX_OK;
    if (!root)
        return govidx__fail(GOVIDX_EFORMAT, "%s: not valid JSON at line %d column %d: %s", c->name, err.line,
                            err.column, err.text);
    if (format == GOVIDX_CATALOGUE_AUTO) {
        json_t *res = json_object_get(root, "results");
        if (json_is_array(json_object_get(root, "dataset")))
            format = GOVIDX_CATALOGUE_DCAT_US;
        else if (json_is_array(res) && (json_array_size(res) == 0 ||
                                        json_is_object(json_object_get(json_array_get(res, 0), "resource"))))
            format = GOVIDX_CATALOGUE_SOCRATA;
        else if (json_is_array(root) && json_is_object(json_array_get(root, 0)) &&
                 json_object_get(json_array_get(root, 0), "accessLevel") &&
                 !json_object_get(json_array_get(root, 0), "resources"))
            format = GOVIDX_CATALOGUE_DCAT_US; /* Project Open Data v1.0: a list of records */
        else if (json_is_array(root) || json_object_get(root, "result"))
            format = GOVIDX_CATALOGUE_CKAN;
        else {
            json_decref(root);
            return govidx__fail(GOVIDX_EFORMAT,
                                "%s: not a catalogue this library reads (no DCAT-US \"dataset\" list, no "
                                "Socrata \"results\", no CKAN \"result\")",
                                c->name);
        }
    }
    c->format = format;
    if (format == GOVIDX_CATALOGUE_DCAT_US && json_is_array(root))
        list = root, c->pod10 = 1;
    else if (format == GOVIDX_CATALOGUE_DCAT_US)
        list = json_object_get(root, "dataset");
    else if (format == GOVIDX_CATALOGUE_SOCRATA)
        list = json_object_get(root, "results");
    else if (format == GOVIDX_CATALOGUE_CKAN) {
        json_t *res = json_is_array(root) ? root : json_object_get(root, "result");
        if (json_is_object(res) && json_is_array(json_object_get(res, "results")))
            list = json_object_get(res, "results"); /* package_search */
        else if (json_is_array(res))
            list = res; /* package_list, current_package_list_with_resources */
        if (json_is_object(res) && !list) {
            govidx__catrec r = {0};
            rc = ckan_record(c, res, &r);
            rc = rc ? (rec_free(&r), rc) : add_rec(c, &r, res);
            json_decref(root);
            return rc;
        }
    }
    if (!json_is_array(list)) {
        json_decref(root);
        return govidx__fail(GOVIDX_EFORMAT, "%s: no list of datasets where the %s format has it", c->name,
                            govidx_catalogue_format_name(format));
    }
    json_array_foreach(list, i, d)
    {
        govidx__catrec r = {0};
        int skip = 0;
        if (format == GOVIDX_CATALOGUE_CKAN && json_is_string(d)) {
            /* package_list gives names only */
            rc = rec_adds(&r, GX_F_IDENTIFIER, json_string_value(d));
            if (!rc)
                rc = note(c, "(package_list: names only)", NULL);
        } else if (!json_is_object(d))
            rc = govidx__fail(GOVIDX_EFORMAT, "%s: dataset record %zu is not a JSON object", c->name, i + 1);
        else if (format == GOVIDX_CATALOGUE_DCAT_US)
            rc = dcat_record(c, d, &r);
        else if (format == GOVIDX_CATALOGUE_CKAN)
            rc = ckan_record(c, d, &r);
        else
            rc = socrata_record(c, d, &r, &skip);
        if (rc || skip) {
            rec_free(&r);
            if (rc)
                break;
            continue;
        }
        if ((rc = add_rec(c, &r, d)))
            break;
    }
    json_decref(root);
    return rc;
}

/* ---- CSV ------------------------------------------------------------------ */

/* One CSV row, as an object of its non-empty columns (the record kept), into r. */
static int csv_object_record(govidx_catalogue *c, const json_t *obj, govidx__catrec *r)
{
    static const char *const extra[] = {"mediatype", "downloadurl", "accessurl"};
    enum { C_MEDIA = GX_NF, C_DOWNLOAD, C_ACCESS, C_OTHER };
    const char *h;
    const json_t *jv;
    int rc = GOVIDX_OK;
    json_object_foreach((json_t *)obj, h, jv)
    {
        const char *v = json_string_value(jv);
        size_t m = C_OTHER;
        if (!v || !*v)
            continue;
        for (size_t f = 0; f < GX_NF; f++)
            if (!strcasecmp(h, govidx__catalogue_field_names[f]) ||
                (f == GX_F_FORMAT && !strcasecmp(h, "distribution")))
                m = f;
        for (size_t f = 0; f < 3; f++)
            if (!strcasecmp(h, extra[f]))
                m = C_MEDIA + f;
        if (m == GX_F_KEYWORD || m == GX_F_THEME || m == GX_F_FORMAT || m == C_MEDIA) {
            /* lists: values separated by ';' */
            const char *p = v;
            while (*p && rc == GOVIDX_OK) {
                size_t l = strcspn(p, ";");
                char item[256];
                snprintf(item, sizeof item, "%.*s", (int)(l < 255 ? l : 255), p);
                if (m == GX_F_FORMAT || m == C_MEDIA) {
                    r->has_distribution = 1;
                    rc = rec_format(r, item);
                } else
                    rc = rec_add(r, (int)m, p, l);
                p += l + (p[l] == ';');
            }
        } else if (m == C_DOWNLOAD)
            r->bulk = r->has_distribution = 1;
        else if (m == C_ACCESS)
            r->has_distribution = 1;
        else if (m == C_OTHER)
            rc = note(c, h, NULL);
        else
            rc = rec_adds(r, (int)m, v);
        if (rc)
            break;
    }
    return rc;
}

static int parse_csv(govidx_catalogue *c, const char *text, size_t len)
{
    govidx_table *t = NULL;
    size_t nc, nr, row, col;
    int rc;
    c->format = GOVIDX_CATALOGUE_CSV;
    if ((rc = govidx_table_parse_csv(&t, c->name, text, len, NULL)))
        return rc;
    nc = govidx_table_n_cols(t);
    nr = govidx_table_n_rows(t);
    for (row = 0; row < nr && rc == GOVIDX_OK; row++) {
        govidx__catrec r = {0};
        json_t *obj = json_object();
        if (!obj) {
            rc = govidx__oom();
            break;
        }
        for (col = 0; col < nc && rc == GOVIDX_OK; col++) {
            const char *v = govidx_table_cell(t, row, col);
            if (v && *v && json_object_set_new(obj, govidx_table_col_name(t, col), json_string(v)))
                rc = govidx__fail(GOVIDX_EFORMAT, "%s: line %zu: column '%s' is not valid UTF-8", c->name,
                                  govidx_table_line(t, row), govidx_table_col_name(t, col));
        }
        if (rc == GOVIDX_OK)
            rc = csv_object_record(c, obj, &r);
        if (rc == GOVIDX_OK)
            rc = add_rec(c, &r, obj);
        else
            rec_free(&r);
        json_decref(obj);
    }
    govidx_table_free(t);
    return rc;
}

/* ---- a record stored in a file's inventory (format 1.1) ------------------- */

int govidx__catalogue_add_stored(govidx_catalogue *c, const char *record, const char *format)
{
    json_error_t err;
    json_t *d = json_loads(record, JSON_REJECT_DUPLICATES, &err);
    govidx__catrec r = {0};
    int rc, skip = 0, fmt;
    if (!d || !json_is_object(d)) {
        json_decref(d);
        return govidx__fail(GOVIDX_EFORMAT, "%s: a stored catalogue record is not a JSON object", c->name);
    }
    c->pod10 = !strcmp(format, "dcat-us-1.0");
    if (c->pod10)
        fmt = GOVIDX_CATALOGUE_DCAT_US;
    else if ((rc = govidx_catalogue_format_from_name(&fmt, format)) || fmt == GOVIDX_CATALOGUE_AUTO) {
        json_decref(d);
        return govidx__fail(GOVIDX_EFORMAT, "%s: stored record format '%s' is not a catalogue format", c->name,
                            format);
    }
    if (!c->n && !c->format)
        c->format = fmt;
    if (fmt == GOVIDX_CATALOGUE_DCAT_US)
        rc = dcat_record(c, d, &r);
    else if (fmt == GOVIDX_CATALOGUE_CKAN)
        rc = ckan_record(c, d, &r);
    else if (fmt == GOVIDX_CATALOGUE_SOCRATA)
        rc = socrata_record(c, d, &r, &skip);
    else
        rc = csv_object_record(c, d, &r);
    if (rc || skip)
        rec_free(&r);
    else
        rc = add_rec(c, &r, d);
    json_decref(d);
    return rc;
}

/* ---- public --------------------------------------------------------------- */

int govidx_catalogue_parse(govidx_catalogue **out, const char *name, const char *text, size_t len, int format)
{
    govidx_catalogue *c;
    size_t k = 0;
    int rc;
    if (!out || (!text && len))
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_parse: NULL argument");
    *out = NULL;
    if (!govidx_catalogue_format_name(format))
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_parse: unknown format %d", format);
    if (len > MAX_BYTES)
        return govidx__fail(GOVIDX_EDIM, "%s: catalogue larger than 1 GiB", name ? name : "catalogue");
    if (!(c = govidx__calloc(1, sizeof *c)))
        return govidx__oom();
    c->population = NAN;
    if (!(c->name = govidx__strdup(name ? name : "catalogue"))) {
        govidx__free(c);
        return govidx__oom();
    }
    while (k < len && isspace((unsigned char)text[k]))
        k++;
    if (format == GOVIDX_CATALOGUE_AUTO && k == len)
        rc = govidx__fail(GOVIDX_EFORMAT, "%s: empty catalogue", c->name);
    else if (format == GOVIDX_CATALOGUE_CSV ||
             (format == GOVIDX_CATALOGUE_AUTO && text[k] != '{' && text[k] != '['))
        rc = parse_csv(c, text, len);
    else
        rc = parse_json(c, text, len, format);
    if (rc) {
        govidx_catalogue_free(c);
        return rc;
    }
    *out = c;
    return GOVIDX_OK;
}

int govidx_catalogue_read_file(govidx_catalogue **out, const char *path, int format)
{
    FILE *f;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    int rc;
    if (!out || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_read_file: NULL argument");
    *out = NULL;
    if (!(f = fopen(path, "rb")))
        return govidx__fail(GOVIDX_EIO, "%s: cannot open: %s", path, strerror(errno));
    for (;;) {
        if (n == cap) {
            char *g;
            if (cap >= MAX_BYTES + 1) {
                fclose(f);
                govidx__free(buf);
                return govidx__fail(GOVIDX_EDIM, "%s: catalogue larger than 1 GiB", path);
            }
            cap = cap ? 2 * cap : 1 << 16;
            if (!(g = govidx__realloc(buf, cap))) {
                fclose(f);
                govidx__free(buf);
                return govidx__oom();
            }
            buf = g;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fclose(f);
        govidx__free(buf);
        return govidx__fail(GOVIDX_EIO, "%s: read error", path);
    }
    fclose(f);
    rc = govidx_catalogue_parse(out, path, buf ? buf : "", n, format);
    govidx__free(buf);
    return rc;
}

void govidx_catalogue_free(govidx_catalogue *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++)
        rec_free(&c->rec[i]);
    for (i = 0; i < c->n_dup; i++)
        govidx__free(c->dup[i]);
    for (i = 0; i < c->n_unm; i++)
        govidx__free(c->unm[i]);
    for (i = 0; i < c->n_depts; i++)
        govidx__free(c->depts[i]);
    govidx__strmap_free(&c->ids);
    govidx__strmap_free(&c->unm_map);
    govidx__free(c->rec);
    govidx__free(c->dup);
    govidx__free(c->unm);
    govidx__free(c->unm_count);
    govidx__free(c->depts);
    govidx__free(c->unit);
    govidx__free(c->name);
    govidx__free(c);
}

int govidx_catalogue_format_of(const govidx_catalogue *c)
{
    return c ? c->format : GOVIDX_CATALOGUE_AUTO;
}

size_t govidx_catalogue_n_datasets(const govidx_catalogue *c)
{
    return c ? c->n : 0;
}

size_t govidx_catalogue_n_duplicates(const govidx_catalogue *c)
{
    return c ? c->n_dup : 0;
}

const char *govidx_catalogue_duplicate(const govidx_catalogue *c, size_t i)
{
    return c && i < c->n_dup ? c->dup[i] : NULL;
}

const char *govidx_catalogue_field(const govidx_catalogue *c, size_t i, const char *field)
{
    if (!c || i >= c->n || !field)
        return NULL;
    for (int f = 0; f < GX_NF; f++)
        if (!strcmp(field, govidx__catalogue_field_names[f]))
            return c->rec[i].f[f];
    return NULL;
}

int govidx_catalogue_record_json(char **out, const govidx_catalogue *c, size_t i)
{
    char *t, *g;
    if (!out || !c)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_record_json: NULL argument");
    *out = NULL;
    if (i >= c->n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_record_json: record %zu of %zu", i, c->n);
    if (!(t = json_dumps(c->rec[i].json, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER)))
        return govidx__oom();
    g = govidx__strdup(t); /* freed with govidx_free, through the govidx allocator */
    free(t);
    if (!g)
        return govidx__oom();
    *out = g;
    return GOVIDX_OK;
}

size_t govidx_catalogue_n_unmapped(const govidx_catalogue *c)
{
    return c ? c->n_unm : 0;
}

const char *govidx_catalogue_unmapped(const govidx_catalogue *c, size_t i, size_t *count)
{
    if (!c || i >= c->n_unm) {
        if (count)
            *count = 0;
        return NULL;
    }
    if (count)
        *count = c->unm_count[i];
    return c->unm[i];
}

int govidx_catalogue_set_unit(govidx_catalogue *c, const char *unit, int year)
{
    char *u;
    if (!c || !unit)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_unit: NULL argument");
    if (!*unit)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_unit: empty unit code");
    if (!(u = govidx__strdup(unit)))
        return govidx__oom();
    govidx__free(c->unit);
    c->unit = u;
    c->year = year;
    c->has_unit = 1;
    return GOVIDX_OK;
}

int govidx_catalogue_set_population(govidx_catalogue *c, double population)
{
    if (!c)
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_population: NULL argument");
    if (!isnan(population) && !(isfinite(population) && population > 0))
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_population: population of '%s' must be "
                            "finite and > 0 (NaN = unknown)", c->unit ? c->unit : c->name);
    c->population = population;
    return GOVIDX_OK;
}

static void trim_span(const char *s, const char **b, size_t *n)
{
    size_t l = strlen(s);
    while (l && isspace((unsigned char)*s))
        s++, l--;
    while (l && isspace((unsigned char)s[l - 1]))
        l--;
    *b = s;
    *n = l;
}

int govidx_catalogue_set_departments(govidx_catalogue *c, const char *const *names, size_t n)
{
    char **d;
    size_t i, j;
    if (!c || (!names && n))
        return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_departments: NULL argument");
    for (i = 0; i < n; i++) {
        const char *b, *b2;
        size_t l, l2;
        if (!names[i])
            return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_departments: NULL name");
        trim_span(names[i], &b, &l);
        if (!l)
            return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_departments: an empty department name");
        for (j = 0; j < i; j++) {
            trim_span(names[j], &b2, &l2);
            if (l == l2 && !strncasecmp(b, b2, l))
                return govidx__fail(GOVIDX_EINVAL, "govidx_catalogue_set_departments: department '%s' listed twice",
                                    names[i]);
        }
    }
    if (!(d = govidx__calloc(n ? n : 1, sizeof *d)))
        return govidx__oom();
    for (i = 0; i < n; i++) {
        const char *b;
        size_t l;
        trim_span(names[i], &b, &l);
        if (!(d[i] = govidx__malloc(l + 1))) {
            while (i--)
                govidx__free(d[i]);
            govidx__free(d);
            return govidx__oom();
        }
        memcpy(d[i], b, l);
        d[i][l] = 0;
    }
    for (i = 0; i < c->n_depts; i++)
        govidx__free(c->depts[i]);
    govidx__free(c->depts);
    c->depts = d;
    c->n_depts = n;
    return GOVIDX_OK;
}

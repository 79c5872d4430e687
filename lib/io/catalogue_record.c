/*
 * lib/io/catalogue_record.c - building one catalogue record, shared by the
 * readers of every format: adding a field's text (lists joined by "; "),
 * format tokens and API formats, typed JSON values, the count of source
 * fields the measures do not read (note, note_unknown), and appending the
 * record to the catalogue or counting it as a duplicate (add_rec).
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building records ----------------------------------------------------- */

void rec_free(govidx__catrec *r)
{
    for (int k = 0; k < GX_NF; k++)
        govidx__free(r->f[k]);
    json_decref(r->json);
}

/* Add a value to a field; list fields (keyword, theme, format) join with
 * "; " and skip a value already there.  Empty values are absent. */
int rec_add(govidx__catrec *r, int field, const char *v, size_t len)
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

int rec_adds(govidx__catrec *r, int field, const char *v)
{
    return v ? rec_add(r, field, v, strlen(v)) : GOVIDX_OK;
}

int note(govidx_catalogue *c, const char *a, const char *b)
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

int rec_format(govidx__catrec *r, const char *v)
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

const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A value of any type as text, for fields that may be objects (spatial). */
int rec_any(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *where)
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

int rec_str(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *where)
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
int rec_list(govidx_catalogue *c, govidx__catrec *r, int field, const json_t *v, const char *key,
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

int note_unknown(govidx_catalogue *c, const json_t *o, const char *prefix, const char *const *list)
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
int add_rec(govidx_catalogue *c, govidx__catrec *r, const json_t *src)
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

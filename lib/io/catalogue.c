/*
 * lib/io/catalogue.c - reading open-data portal catalogues (DCAT-US data.json,
 * CKAN API answers, Socrata discovery-API answers, flat CSV) into
 * govidx_catalogue.  The field mapping of each format is in
 * docs/methods/openness-catalogue.md; every source record is kept whole as
 * JSON, and source fields the measures do not read are counted by name.
 * This file is the front end (JSON and CSV text, a format's records, the
 * public functions); each JSON format's record reader is its own file
 * (catalogue_dcat.c, catalogue_ckan.c, catalogue_socrata.c), on the record
 * builders of catalogue_record.c and the dates of catalogue_date.c.
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

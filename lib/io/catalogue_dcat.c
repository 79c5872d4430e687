/*
 * lib/io/catalogue_dcat.c - one DCAT-US record: a data.json dataset of
 * DCAT-US v1.1 or of its predecessor Project Open Data v1.0.  The two
 * schemas name the same fields differently, so each is one table of
 * (catalogue field, source key, how the value is read) rows, in the order
 * the fields are read, and one reader (dcat_record) walks the table of the
 * catalogue's format.  The order matters: a scalar field keeps its first
 * value, and unmapped fields are listed in the order they were met.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

/* How a row's value is read. */
enum {
    DC_STR,      /* a string (rec_str) */
    DC_LIST,     /* a string or a list of strings (rec_list) */
    DC_ANY,      /* any value as text: objects as compact JSON (rec_any) */
    DC_COMMAS,   /* a string of comma-separated items, or a list */
    DC_NAMED,    /* a string, or an object whose "name" is read (v1.1 publisher) */
    DC_VCARD,    /* a string, or a vCard object: its "fn", else "hasEmail" (v1.1 contactPoint) */
    DC_LICENCE,  /* lines: the first (the name) and each URL; other lines name the publisher (v1.0) */
    DC_DOWNLOAD, /* a non-empty string: the dataset's own download (v1.0 accessURL) */
    DC_FORMAT,   /* a format or media type (v1.0 format) */
    DC_SERVICE,  /* a non-empty string: an API (v1.0 webService) */
    DC_DISTRIBUTION /* the list of distributions; the last row */
};

typedef struct dcat_row {
    int field;       /* GX_F_* */
    const char *key; /* the source member, also the name an unreadable value is reported under */
    int how;         /* DC_* */
} dcat_row;

typedef struct dcat_schema {
    const dcat_row *rows; /* ends with DC_DISTRIBUTION */
    const char *const *keys;      /* the dataset members it knows (the others are reported) */
    const char *const *dist_keys; /* the distribution members it knows */
    const char *const *bulk_keys; /* a distribution with one of these non-empty is a bulk download */
    const char *formats_key;      /* a distribution's list of {"label", "value"} formats, or NULL */
} dcat_schema;

/* ---- DCAT-US v1.1 ---------------------------------------------------------- */

static const char *const dcat_keys[] = {"@type", "title", "description", "keyword", "modified", "publisher",
                                        "contactPoint", "identifier", "accessLevel", "license", "spatial",
                                        "temporal", "distribution", "accrualPeriodicity", "issued", "theme",
                                        "landingPage", NULL};
static const char *const dcat_dist_keys[] = {"@type", "mediaType", "format", "downloadURL", "accessURL", NULL};
static const char *const dcat_bulk_keys[] = {"downloadURL", NULL};

static const dcat_row dcat_rows[] = {
    {GX_F_IDENTIFIER, "identifier", DC_STR},       {GX_F_TITLE, "title", DC_STR},
    {GX_F_DESCRIPTION, "description", DC_STR},     {GX_F_ACCESS, "accessLevel", DC_STR},
    {GX_F_KEYWORD, "keyword", DC_LIST},            {GX_F_THEME, "theme", DC_LIST},
    {GX_F_MODIFIED, "modified", DC_STR},           {GX_F_ISSUED, "issued", DC_STR},
    {GX_F_ACCRUAL, "accrualPeriodicity", DC_STR},  {GX_F_LICENSE, "license", DC_STR},
    {GX_F_LANDING, "landingPage", DC_STR},         {GX_F_SPATIAL, "spatial", DC_ANY},
    {GX_F_TEMPORAL, "temporal", DC_ANY},           {GX_F_PUBLISHER, "publisher", DC_NAMED},
    {GX_F_CONTACT, "contactPoint", DC_VCARD},      {GX_F_FORMAT, "distribution", DC_DISTRIBUTION}};

static const dcat_schema dcat11 = {dcat_rows, dcat_keys, dcat_dist_keys, dcat_bulk_keys, NULL};

/* ---- Project Open Data v1.0 ------------------------------------------------ */

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
static const char *const pod10_bulk_keys[] = {"accessURL", "downloadURL", NULL};

static const dcat_row pod10_rows[] = {
    {GX_F_IDENTIFIER, "identifier", DC_STR},   {GX_F_TITLE, "title", DC_STR},
    {GX_F_DESCRIPTION, "description", DC_STR}, {GX_F_ACCESS, "accessLevel", DC_STR},
    {GX_F_KEYWORD, "keywords", DC_LIST},       {GX_F_THEME, "theme", DC_LIST},
    {GX_F_MODIFIED, "modified", DC_STR},       {GX_F_ISSUED, "releaseDate", DC_STR},
    {GX_F_ACCRUAL, "frequency", DC_STR},       {GX_F_LANDING, "landingPage", DC_STR},
    {GX_F_PUBLISHER, "publisher", DC_STR},     {GX_F_CONTACT, "contactPoint", DC_STR},
    {GX_F_CONTACT, "mbox", DC_STR},            {GX_F_SPATIAL, "spatial", DC_ANY},
    {GX_F_TEMPORAL, "temporal", DC_ANY},       {GX_F_KEYWORD, "keyword", DC_COMMAS},
    {GX_F_LICENSE, "license", DC_LICENCE},     {GX_F_FORMAT, "accessURL", DC_DOWNLOAD},
    {GX_F_FORMAT, "format", DC_FORMAT},        {GX_F_FORMAT, "webService", DC_SERVICE},
    {GX_F_FORMAT, "distribution", DC_DISTRIBUTION}};

static const dcat_schema pod10 = {pod10_rows, pod10_keys, pod10_dist_keys, pod10_bulk_keys, "formats"};

/* ---- the reader -------------------------------------------------------------- */

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

/* licence: the first line (its name) and every line that is a URL; the
 * other lines (Socrata's attribution) are reported */
static int rec_licence_lines(govidx_catalogue *c, govidx__catrec *r, const json_t *v)
{
    const char *lic;
    size_t j;
    int rc = GOVIDX_OK;
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
    return GOVIDX_OK;
}

static int nonempty(const char *s) { return s && *s; }

/* The distributions: each object one; formats and media types read; a bulk
 * download when one of the schema's bulk keys is given. */
static int rec_distributions(govidx_catalogue *c, govidx__catrec *r, const json_t *v, const dcat_schema *sc)
{
    const json_t *e, *f;
    size_t i, j;
    int rc;
    json_array_foreach(v, i, e)
    {
        if (!json_is_object(e)) {
            if ((rc = note(c, "distribution", "(item not an object)")))
                return rc;
            continue;
        }
        r->has_distribution = 1;
        if ((rc = rec_format(r, jstr(e, "format"))) || (rc = rec_format(r, jstr(e, "mediaType"))) ||
            (rc = note_unknown(c, e, "distribution.", sc->dist_keys)))
            return rc;
        if (sc->formats_key)
            json_array_foreach(json_object_get(e, sc->formats_key), j, f)
            {
                if ((rc = rec_format(r, jstr(f, "label"))) || (rc = rec_format(r, jstr(f, "value"))))
                    return rc;
            }
        for (j = 0; sc->bulk_keys[j]; j++)
            if (nonempty(jstr(e, sc->bulk_keys[j])))
                r->bulk = 1;
    }
    return GOVIDX_OK;
}

int dcat_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r)
{
    const dcat_schema *sc = c->pod10 ? &pod10 : &dcat11;
    const dcat_row *row;
    int rc = GOVIDX_OK;
    for (row = sc->rows; rc == GOVIDX_OK; row++) {
        const json_t *v = json_object_get(d, row->key);
        switch (row->how) {
        case DC_STR:
            rc = rec_str(c, r, row->field, v, row->key);
            break;
        case DC_LIST:
            rc = rec_list(c, r, row->field, v, NULL, NULL, row->key);
            break;
        case DC_ANY:
            rc = rec_any(c, r, row->field, v, row->key);
            break;
        case DC_COMMAS:
            rc = json_is_string(v) ? rec_commas(r, row->field, json_string_value(v))
                                   : rec_list(c, r, row->field, v, NULL, NULL, row->key);
            break;
        case DC_NAMED:
            rc = json_is_object(v) ? rec_str(c, r, row->field, json_object_get(v, "name"), "publisher.name")
                                   : rec_str(c, r, row->field, v, row->key);
            break;
        case DC_VCARD:
            rc = json_is_object(v) ? rec_adds(r, row->field, jstr(v, "fn") ? jstr(v, "fn") : jstr(v, "hasEmail"))
                                   : rec_str(c, r, row->field, v, row->key);
            break;
        case DC_LICENCE:
            rc = rec_licence_lines(c, r, v);
            break;
        case DC_DOWNLOAD:
            if (nonempty(jstr(d, row->key)))
                r->has_distribution = r->bulk = 1;
            break;
        case DC_FORMAT:
            rc = rec_format(r, jstr(d, row->key));
            break;
        case DC_SERVICE:
            if (nonempty(jstr(d, row->key)))
                r->has_distribution = r->api = 1;
            break;
        default: /* DC_DISTRIBUTION, the last row: a value that is not a list ends the record */
            if (v && !json_is_array(v) && !json_is_null(v))
                return note(c, row->key, "(not a list)");
            if ((rc = rec_distributions(c, r, v, sc)))
                return rc;
            return note_unknown(c, d, "", sc->keys);
        }
    }
    return rc;
}

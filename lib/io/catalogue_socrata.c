/*
 * lib/io/catalogue_socrata.c - one record of a Socrata discovery-API answer
 * (docs/methods/openness-catalogue.md): resource, classification and domain
 * metadata mapped to the catalogue fields; assets that are not datasets
 * are skipped.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- Socrata discovery API -------------------------------------------------- */

static const char *const soc_keys[] = {"resource", "classification", "metadata", "permalink", "link", NULL};
static const char *const soc_res_keys[] = {"id", "name", "description", "attribution", "type", "createdAt",
                                           "updatedAt", "data_updated_at", NULL};
static const char *const soc_cls_keys[] = {"categories", "tags", "domain_category", "domain_tags",
                                           "domain_metadata", NULL};

/* 0: counted (and r filled), 1: an asset type that is not a dataset. */
int socrata_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r, int *skip)
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

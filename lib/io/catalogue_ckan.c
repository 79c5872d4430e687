/*
 * lib/io/catalogue_ckan.c - one CKAN package (package_show / package_search
 * answer, docs/methods/openness-catalogue.md): fields, tags, groups,
 * resources and extras mapped to the catalogue fields.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- CKAN ------------------------------------------------------------------ */

static const char *const ckan_keys[] = {"id", "name", "title", "notes", "tags", "groups", "organization",
                                        "maintainer", "maintainer_email", "author", "author_email",
                                        "license_id", "license_title", "license_url", "metadata_modified",
                                        "metadata_created", "resources", "extras", "private", "url", NULL};
static const char *const ckan_res_keys[] = {"format", "mimetype", "url", "resource_type", "datastore_active",
                                            NULL};

int ckan_record(govidx_catalogue *c, const json_t *d, govidx__catrec *r)
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

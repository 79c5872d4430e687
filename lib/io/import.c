/*
 * lib/io/import.c - city datasets from CSV files (COINr's iData/iMeta layouts
 * accepted as is).  Every problem names file:line:column; nothing is built
 * when there is any.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/import.h"
#include "govidx/table.h"
#include "import_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int load(importer *im, govidx_table **t, const char *path)
{
    int rc = govidx_table_read_csv(t, path, NULL);
    if (rc) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", govidx_last_error());
        if (!im->status) {
            im->status = rc;
            snprintf(im->first, sizeof im->first, "%s", msg);
        }
        if (im->report && im->n_problems < MAX_REPORTED)
            im->report(im->ctx, path, msg);
        im->n_problems++;
    }
    return rc;
}

/* ------------------------------------------------------------------------ */

static void forward(void *ctx, const char *object, const char *message)
{
    importer *im = ctx;
    if (!im->status)
        snprintf(im->first, sizeof im->first, "%.300s: %.380s", object, message);
    if (im->report && im->n_problems < MAX_REPORTED)
        im->report(im->ctx, object, message);
    im->n_problems++;
}

static const govidx_import_sources import_sources_defaults = GOVIDX_IMPORT_SOURCES_INIT;
static const size_t import_sources_sizes[2] = {GOVIDX__END(govidx_import_sources, default_year),
                                               GOVIDX__END(govidx_import_sources, n_data_files)};
static const govidx__versioned import_sources_versions = {"import sources", 2, import_sources_sizes,
                                                          &import_sources_defaults};

int govidx_import_sources_init(govidx_import_sources *src, unsigned version)
{
    return govidx__versioned_init(&import_sources_versions, src, version);
}

int govidx_import_csv(govidx_dataset **out, const govidx_import_sources *src, govidx_problem_fn report, void *ctx)
{
    importer im;
    meta m;
    govidx_table *t = NULL;
    govidx_import_sources copy;
    size_t k;
    int rc;
    if (!out || !src)
        return govidx__fail(GOVIDX_EINVAL, "import: the data and meta files are required");
    if ((rc = govidx__versioned_read(&import_sources_versions, &copy, src)))
        return rc;
    src = &copy;
    if ((!src->data && !src->n_data_files) || !src->meta)
        return govidx__fail(GOVIDX_EINVAL, "import: the data and meta files are required");
    if (src->data && src->n_data_files)
        return govidx__fail(GOVIDX_EINVAL, "import: give the data file or the data files per year, not both");
    if (src->n_data_files && !src->data_files)
        return govidx__fail(GOVIDX_EINVAL, "import: %zu data files but no list of them", src->n_data_files);
    for (k = 0; k < src->n_data_files; k++)
        if (!src->data_files[k])
            return govidx__fail(GOVIDX_EINVAL, "import: data file %zu (0-based) of the list is NULL", k);
    if ((src->thousands && (unsigned char)src->thousands >= 0x80) || src->decimal == '"' ||
        (src->decimal && src->decimal != '.' && src->decimal != ','))
        return govidx__fail(GOVIDX_EINVAL, "import: the decimal mark is '.' or ','");
    if (src->thousands && (src->thousands == src->decimal || (src->thousands == '.' && !src->decimal) ||
                           (src->thousands != ',' && src->thousands != '.' && src->thousands != ' ' &&
                            src->thousands != '\'' && src->thousands != '_')))
        return govidx__fail(GOVIDX_EINVAL, "import: the thousands separator is one of , . ' _ or a space, and "
                            "differs from the decimal mark ('.' unless decimal = ',')");
    if ((src->actors == NULL) != (src->edges == NULL))
        return govidx__fail(GOVIDX_EINVAL, "import: actors and edges go together");
    *out = NULL;
    memset(&im, 0, sizeof im);
    memset(&m, 0, sizeof m);
    im.report = report;
    im.ctx = ctx;
    im.thousands = src->thousands;
    im.decimal = src->decimal == '.' ? 0 : src->decimal;
    if ((rc = govidx_dataset_new(&im.ds)))
        return rc;
    if (load(&im, &m.t, src->meta) == GOVIDX_OK) {
        read_meta(&im, &m);
        if (!im.status)
            add_meta(&im, &m);
    }
    if (!im.status) {
        /* the data file, or one file per year stacked into one panel */
        size_t nt = src->data ? 1 : src->n_data_files, loaded = 0;
        govidx_table **ts = govidx__calloc(nt, sizeof *ts);
        if (!ts) {
            govidx_dataset_close(im.ds);
            govidx__free(m.rows);
            govidx__strmap_free(&m.map);
            govidx_table_free(m.t);
            return govidx__oom();
        }
        for (k = 0; k < nt; k++)
            if (load(&im, &ts[k], src->data ? src->data : src->data_files[k]) == GOVIDX_OK)
                loaded++;
        if (loaded == nt)
            read_data(&im, ts, src->data ? NULL : src->data_years, nt, &m, src);
        for (k = 0; k < nt; k++)
            govidx_table_free(ts[k]);
        govidx__free(ts);
    }
#define OPTIONAL(path, fn)                                        \
    if (!im.status && (path) && load(&im, &t, (path)) == GOVIDX_OK) { \
        fn(&im, t);                                               \
        govidx_table_free(t);                                     \
        t = NULL;                                                 \
    }
    OPTIONAL(src->districts, read_districts)
    OPTIONAL(src->inventory, read_inventory)
    OPTIONAL(src->actors, read_actors)
    OPTIONAL(src->edges, read_edges)
    OPTIONAL(src->dea, read_dea)
#undef OPTIONAL
    if (!im.status) {
        rc = govidx_dataset_validate(im.ds, forward, &im);
        if (rc)
            im.status = rc;
    }
    govidx__free(m.rows);
    govidx__strmap_free(&m.map);
    govidx_table_free(m.t);
    if (im.status) {
        govidx_dataset_close(im.ds);
        if (im.n_problems > 1)
            return govidx__fail(im.status, "%s (and %zu more problem%s)", im.first, im.n_problems - 1,
                                im.n_problems > 2 ? "s" : "");
        return govidx__fail(im.status, "%s", im.first);
    }
    *out = im.ds;
    return GOVIDX_OK;
}

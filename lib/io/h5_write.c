/*
 * lib/io/h5_write.c - writing a city dataset to a format-v1 file: the body, a
 * temporary file beside the target, fsync and rename
 * (shared state and helpers: h5_internal.h).
 * SPDX-License-Identifier: MIT
 */
#include "h5_internal.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* writing                                                              */
/* ------------------------------------------------------------------ */


int wfail(wr *w, const char *obj)
{
    rd r;
    memset(&r, 0, sizeof r);
    return h5fail(&r, GOVIDX_EIO, obj, "cannot write");
}

int put_str_attr(hid_t obj, hid_t str, const char *name, const char *value)
{
    hid_t s = H5Screate(H5S_SCALAR), a;
    herr_t e = -1;
    if (s < 0)
        return -1;
    a = H5Acreate2(obj, name, str, s, H5P_DEFAULT, H5P_DEFAULT);
    if (a >= 0) {
        e = H5Awrite(a, str, &value);
        H5Aclose(a);
    }
    H5Sclose(s);
    return e < 0 ? -1 : 0;
}

/* The documented dimension names of each multi-dimensional array
 * (docs/format.md), written as HDF5 dimension labels. */
static const char *const *dims_of(const char *gpath, const char *name)
{
    static const char *const panel[] = {"unit", "year", "indicator"}, *const dval[] = {"district", "year", "var"},
                             *const dpop[] = {"district", "year"}, *const ans[] = {"entry", "criterion"},
                             *const grp[] = {"group", "unit"}, *const run[] = {"unit", "year", "node"};
    if (!strcmp(gpath, "/panel"))
        return panel;
    if (!strcmp(gpath, "/districts"))
        return !strcmp(name, "values") ? dval : !strcmp(name, "population") ? dpop : NULL;
    if (!strcmp(gpath, "/inventory") && !strcmp(name, "answers"))
        return ans;
    if (!strcmp(gpath, "/units") && !strcmp(name, "group_labels"))
        return grp;
    if (!strncmp(gpath, "/results/", 9))
        return run;
    return NULL;
}

/* The DIMENSION_LABELS attribute as H5DSset_label writes it: a 1-D array
 * of variable-length ASCII strings, one per axis. */
static int put_dim_labels(hid_t d, int rank, const char *const *names)
{
    hsize_t n[1] = {(hsize_t)rank};
    hid_t t = H5Tcopy(H5T_C_S1), s = H5Screate_simple(1, n, NULL), a = -1;
    int bad = t < 0 || s < 0 || H5Tset_size(t, H5T_VARIABLE) < 0;
    if (!bad) {
        a = H5Acreate2(d, "DIMENSION_LABELS", t, s, H5P_DEFAULT, H5P_DEFAULT);
        bad = a < 0 || H5Awrite(a, t, names) < 0;
    }
    if (a >= 0) H5Aclose(a);
    if (s >= 0) H5Sclose(s);
    if (t >= 0) H5Tclose(t);
    return bad ? -1 : 0;
}

/* Write an n-D dataset; chunk != NULL enables chunking + deflate. */
int put(wr *w, hid_t g, const char *gpath, const char *name, hid_t ftype, hid_t mtype, int rank,
        const hsize_t *dims, const hsize_t *chunk, const void *data, const char *long_name,
        const char *units)
{
    hid_t s = -1, d = -1, dcpl = H5P_DEFAULT;
    char path[320];
    int ok = 0;
    snprintf(path, sizeof path, "%s/%s", gpath, name);
    s = H5Screate_simple(rank, dims, NULL);
    if (chunk) {
        double nan = NAN;
        dcpl = H5Pcreate(H5P_DATASET_CREATE);
        if (dcpl < 0 || H5Pset_chunk(dcpl, rank, chunk) < 0 || H5Pset_deflate(dcpl, 6) < 0)
            goto done;
        if (H5Tget_class(ftype) == H5T_FLOAT && H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan) < 0)
            goto done;
    }
    if (s < 0)
        goto done;
    d = H5Dcreate2(g, name, ftype, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    if (d < 0)
        goto done;
    if (data && H5Dwrite(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        goto done;
    if (long_name && put_str_attr(d, w->str, "long_name", long_name) < 0)
        goto done;
    if (units && put_str_attr(d, w->str, "units", units) < 0)
        goto done;
    if (rank >= 2 && dims_of(gpath, name) && put_dim_labels(d, rank, dims_of(gpath, name)) < 0)
        goto done;
    ok = 1;
done:
    if (d >= 0) H5Dclose(d);
    if (s >= 0) H5Sclose(s);
    if (dcpl != H5P_DEFAULT && dcpl >= 0) H5Pclose(dcpl);
    return ok ? GOVIDX_OK : wfail(w, path);
}

int put_strings(wr *w, hid_t g, const char *gpath, const char *name, size_t n, char *const *s,
                const char *long_name)
{
    hsize_t dims[1] = {n};
    return put(w, g, gpath, name, w->str, w->str, 1, dims, NULL, s, long_name, NULL);
}

/* Collect one string field of an array of rows into a pointer array. */
static char **gather(const void *rows, size_t n, size_t stride, size_t offset)
{
    char **p = govidx__mallocarray(n ? n : 1, sizeof *p);
    size_t i;
    if (!p)
        return NULL;
    for (i = 0; i < n; i++)
        p[i] = *(char *const *)((const char *)rows + i * stride + offset);
    return p;
}

static int put_field_str(wr *w, hid_t g, const char *gp, const char *name, const void *rows, size_t n,
                         size_t stride, size_t off, const char *long_name)
{
    char **p = gather(rows, n, stride, off);
    int rc;
    if (!p)
        return govidx__oom();
    rc = put_strings(w, g, gp, name, n, p, long_name);
    govidx__free(p);
    return rc;
}

static int put_field_num(wr *w, hid_t g, const char *gp, const char *name, const void *rows, size_t n,
                         size_t stride, size_t off, int is_int, const char *long_name)
{
    hsize_t dims[1] = {n};
    size_t i;
    int rc;
    void *p = govidx__mallocarray(n, is_int ? sizeof(int) : sizeof(double));
    if (!p)
        return govidx__oom();
    for (i = 0; i < n; i++) {
        const char *row = (const char *)rows + i * stride + off;
        if (is_int)
            memcpy((int *)p + i, row, sizeof(int));
        else
            memcpy((double *)p + i, row, sizeof(double));
    }
    rc = put(w, g, gp, name, is_int ? H5T_STD_I32LE : H5T_IEEE_F64LE, is_int ? H5T_NATIVE_INT : H5T_NATIVE_DOUBLE,
             1, dims, NULL, p, long_name, NULL);
    govidx__free(p);
    return rc;
}

hid_t mkgroup(wr *w, hid_t loc, const char *name)
{
    return H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
}

/* Write a per-year column-major cube src[a + A*(b + B*y)] as [A, Y, B], chunk [A, 1, B]. */
int put_cube(wr *w, hid_t g, const char *gp, const char *name, const void *src, size_t A, size_t Y,
             size_t B, int is_u8, const char *long_name, const char *units)
{
    hsize_t dims[3] = {A, Y, B}, chunk[3] = {A, 1, B}, start[3], cnt[3], md[1] = {A * B};
    size_t es = is_u8 ? 1 : sizeof(double), y, a, b;
    hid_t d = -1, fs = -1, ms = -1;
    unsigned char *tmp;
    char path[320];
    int rc;
    snprintf(path, sizeof path, "%s/%s", gp, name);
    rc = put(w, g, gp, name, is_u8 ? H5T_STD_U8LE : H5T_IEEE_F64LE, 0, 3, dims, chunk, NULL, long_name, units);
    if (rc)
        return rc;
    tmp = govidx__mallocarray(A * B, es);
    if (!tmp)
        return govidx__oom();
    d = H5Dopen2(g, name, H5P_DEFAULT);
    fs = d >= 0 ? H5Dget_space(d) : -1;
    ms = H5Screate_simple(1, md, NULL);
    rc = d < 0 || fs < 0 || ms < 0;
    for (y = 0; y < Y && !rc; y++) {
        for (a = 0; a < A; a++)
            for (b = 0; b < B; b++)
                memcpy(tmp + (a * B + b) * es, (const unsigned char *)src + (a + A * (b + B * y)) * es, es);
        start[0] = 0; start[1] = y; start[2] = 0;
        cnt[0] = A; cnt[1] = 1; cnt[2] = B;
        rc = H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, cnt, NULL) < 0 ||
             H5Dwrite(d, is_u8 ? H5T_NATIVE_UINT8 : H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, tmp) < 0;
    }
    if (rc)
        rc = wfail(w, path);
    if (ms >= 0) H5Sclose(ms);
    if (fs >= 0) H5Sclose(fs);
    if (d >= 0) H5Dclose(d);
    govidx__free(tmp);
    return rc;
}

#define OFF(T, f) offsetof(T, f)

static int write_body(wr *w, const govidx_dataset *ds)
{
    hid_t g = -1, g2 = -1;
    int rc = GOVIDX_OK, ver = GOVIDX_FORMAT_VERSION, has_records = 0;
    size_t i;
    hsize_t dims[2];
    hid_t s, a;

    /* root attributes */
    if (put_str_attr(w->file, w->str, "_format", GOVIDX_FORMAT_NAME) < 0)
        return wfail(w, "/");
    s = H5Screate(H5S_SCALAR);
    a = H5Acreate2(w->file, "_format_version", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT);
    rc = a < 0 || H5Awrite(a, H5T_NATIVE_INT, &ver) < 0;
    if (a >= 0) H5Aclose(a);
    H5Sclose(s);
    if (rc)
        return wfail(w, "/");
    for (i = 0; i < ds->n_inv && !has_records; i++)
        has_records = ds->inv[i].record && *ds->inv[i].record;
    if (has_records) { /* format 1.1 only when it is used, so other files stay 1.0 */
        int minor = GOVIDX_FORMAT_MINOR;
        s = H5Screate(H5S_SCALAR);
        a = H5Acreate2(w->file, "_format_minor", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT);
        rc = a < 0 || H5Awrite(a, H5T_NATIVE_INT, &minor) < 0;
        if (a >= 0) H5Aclose(a);
        H5Sclose(s);
        if (rc)
            return wfail(w, "/");
    }
    for (i = 0; i < ds->n_attrs; i++)
        if (put_str_attr(w->file, w->str, ds->attr_names[i], ds->attr_values[i]) < 0)
            return wfail(w, "/");

#define GROUP(name) do { if ((g = mkgroup(w, w->file, name)) < 0) return wfail(w, "/" name); } while (0)
#define CHECK(x) do { if ((rc = (x))) goto out; } while (0)
    GROUP("units");
    CHECK(put_strings(w, g, "/units", "code", ds->n_units, ds->unit_codes, "unit code"));
    CHECK(put_strings(w, g, "/units", "name", ds->n_units, ds->unit_names, "unit name"));
    if (ds->n_groups) {
        char **lab = govidx__mallocarray(ds->n_groups * ds->n_units, sizeof *lab);
        size_t k;
        if (!lab)
            CHECK(govidx__oom());
        for (k = 0; k < ds->n_groups; k++)
            memcpy(lab + k * ds->n_units, ds->group_labels[k], ds->n_units * sizeof *lab);
        CHECK(put_strings(w, g, "/units", "group_names", ds->n_groups, ds->group_names, "grouping name"));
        dims[0] = ds->n_groups;
        dims[1] = ds->n_units;
        rc = put(w, g, "/units", "group_labels", w->str, w->str, 2, dims, NULL, lab, "group label of each unit", NULL);
        govidx__free(lab);
        CHECK(rc);
    }
    H5Gclose(g);
    g = -1;
    dims[0] = ds->n_years;
    CHECK(put(w, w->file, "", "years", H5T_STD_I32LE, H5T_NATIVE_INT, 1, dims, NULL, ds->years, "year", NULL));

    if (ds->n_ind) {
        const size_t st = sizeof(govidx__ind_row);
        GROUP("indicators");
        CHECK(put_field_str(w, g, "/indicators", "code", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, code), "indicator code"));
        CHECK(put_field_str(w, g, "/indicators", "name", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, name), "indicator name"));
        CHECK(put_field_str(w, g, "/indicators", "unit", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, unit), "unit of measure"));
        CHECK(put_field_str(w, g, "/indicators", "parent", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, parent), "parent framework node"));
        CHECK(put_field_str(w, g, "/indicators", "source", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, source), "source type"));
        CHECK(put_field_str(w, g, "/indicators", "denominator", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, denominator), "denominator variable"));
        CHECK(put_field_num(w, g, "/indicators", "direction", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, direction), 1, "+1 higher is better, -1 lower is better"));
        CHECK(put_field_num(w, g, "/indicators", "type", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, type), 1, "0 indicator, 1 denominator, 2 other"));
        CHECK(put_field_num(w, g, "/indicators", "weight", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, weight), 0, "weight within the parent node"));
        CHECK(put_field_num(w, g, "/indicators", "goal_low", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, goal_low), 0, "goalpost scoring 0"));
        CHECK(put_field_num(w, g, "/indicators", "goal_high", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, goal_high), 0, "goalpost scoring 1"));
        CHECK(put_field_num(w, g, "/indicators", "target", ds->ind, ds->n_ind, st, OFF(govidx__ind_row, target), 0, "target"));
        H5Gclose(g);
        g = -1;
    }
    if (ds->n_nodes) {
        const size_t st = sizeof(govidx__node_row);
        GROUP("framework");
        CHECK(put_field_str(w, g, "/framework", "code", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, code), "node code"));
        CHECK(put_field_str(w, g, "/framework", "name", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, name), "node name"));
        CHECK(put_field_str(w, g, "/framework", "parent", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, parent), "parent node"));
        CHECK(put_field_str(w, g, "/framework", "aggregation", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, aggregation), "aggregation method"));
        CHECK(put_field_num(w, g, "/framework", "level", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, level), 1, "level"));
        CHECK(put_field_num(w, g, "/framework", "weight", ds->nodes, ds->n_nodes, st, OFF(govidx__node_row, weight), 0, "weight within the parent"));
        H5Gclose(g);
        g = -1;
    }
    if (ds->values) {
        GROUP("panel");
        CHECK(put_cube(w, g, "/panel", "values", ds->values, ds->n_units, ds->n_years, ds->n_ind, 0,
                       "panel values[unit, year, indicator]; NaN = missing", "see /indicators/unit"));
        if (ds->flags)
            CHECK(put_cube(w, g, "/panel", "flags", ds->flags, ds->n_units, ds->n_years, ds->n_ind, 1,
                           "cell flags: 1 imputed, 2 estimated, 4 floored, 8 treated, 16 provisional", NULL));
        if (ds->stderrs)
            CHECK(put_cube(w, g, "/panel", "stderr", ds->stderrs, ds->n_units, ds->n_years, ds->n_ind, 0,
                           "standard error of each cell; NaN = none", "see /indicators/unit"));
        H5Gclose(g);
        g = -1;
    }
    if (ds->n_districts) {
        const size_t st = sizeof(govidx__district_row), D = ds->n_districts;
        GROUP("districts");
        CHECK(put_field_str(w, g, "/districts", "code", ds->districts, D, st, OFF(govidx__district_row, code), "district code"));
        CHECK(put_field_str(w, g, "/districts", "name", ds->districts, D, st, OFF(govidx__district_row, name), "district name"));
        CHECK(put_field_str(w, g, "/districts", "unit", ds->districts, D, st, OFF(govidx__district_row, unit), "unit (city) code"));
        CHECK(put_field_str(w, g, "/districts", "parent", ds->districts, D, st, OFF(govidx__district_row, parent), "parent district"));
        CHECK(put_field_num(w, g, "/districts", "level", ds->districts, D, st, OFF(govidx__district_row, level), 1, "1 district, 2 sub-district, 3 community"));
        CHECK(put_field_num(w, g, "/districts", "area", ds->districts, D, st, OFF(govidx__district_row, area), 0, "area"));
        if (ds->n_dvars) {
            CHECK(put_strings(w, g, "/districts", "var_name", ds->n_dvars, ds->dvar_names, "district variable"));
            CHECK(put_strings(w, g, "/districts", "var_unit", ds->n_dvars, ds->dvar_units, "unit of measure"));
        }
        if (ds->population) {
            double *p = govidx__mallocarray(D * ds->n_years, sizeof *p);
            size_t d, y;
            if (!p)
                CHECK(govidx__oom());
            for (d = 0; d < D; d++)
                for (y = 0; y < ds->n_years; y++)
                    p[d * ds->n_years + y] = ds->population[d + D * y];
            dims[0] = D;
            dims[1] = ds->n_years;
            rc = put(w, g, "/districts", "population", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 2, dims, NULL, p,
                     "population[district, year]; NaN = missing", "persons");
            govidx__free(p);
            CHECK(rc);
        }
        if (ds->dvalues)
            CHECK(put_cube(w, g, "/districts", "values", ds->dvalues, D, ds->n_years, ds->n_dvars, 0,
                           "values[district, year, var]; NaN = missing", "see var_unit"));
        H5Gclose(g);
        g = -1;
    }
    if (ds->n_inv) {
        const size_t st = sizeof(govidx__inv_row), K = ds->n_inv;
        signed char *ans;
        const char *crit[GOVIDX_N_CRITERIA];
        GROUP("inventory");
        CHECK(put_field_str(w, g, "/inventory", "unit", ds->inv, K, st, OFF(govidx__inv_row, unit), "unit (city) code"));
        CHECK(put_field_num(w, g, "/inventory", "year", ds->inv, K, st, OFF(govidx__inv_row, year), 1, "audit year"));
        CHECK(put_field_str(w, g, "/inventory", "dataset", ds->inv, K, st, OFF(govidx__inv_row, dataset), "dataset code"));
        CHECK(put_field_str(w, g, "/inventory", "category", ds->inv, K, st, OFF(govidx__inv_row, category), "high-value category"));
        CHECK(put_field_str(w, g, "/inventory", "department", ds->inv, K, st, OFF(govidx__inv_row, department), "publishing department"));
        CHECK(put_field_str(w, g, "/inventory", "format", ds->inv, K, st, OFF(govidx__inv_row, format), "file format"));
        CHECK(put_field_str(w, g, "/inventory", "licence", ds->inv, K, st, OFF(govidx__inv_row, licence), "licence"));
        CHECK(put_field_str(w, g, "/inventory", "last_update", ds->inv, K, st, OFF(govidx__inv_row, last_update), "last update (ISO 8601)"));
        CHECK(put_field_str(w, g, "/inventory", "update_frequency", ds->inv, K, st, OFF(govidx__inv_row, update_frequency), "declared update frequency"));
        if (has_records) {
            CHECK(put_field_str(w, g, "/inventory", "record", ds->inv, K, st, OFF(govidx__inv_row, record), "portal-catalogue record (JSON)"));
            CHECK(put_field_str(w, g, "/inventory", "record_format", ds->inv, K, st, OFF(govidx__inv_row, record_format), "catalogue format of the record"));
        }
        ans = govidx__mallocarray(K, GOVIDX_N_CRITERIA);
        if (!ans)
            CHECK(govidx__oom());
        for (i = 0; i < K; i++)
            memcpy(ans + i * GOVIDX_N_CRITERIA, ds->inv[i].answers, GOVIDX_N_CRITERIA);
        dims[0] = K;
        dims[1] = GOVIDX_N_CRITERIA;
        rc = put(w, g, "/inventory", "answers", H5T_STD_I8LE, H5T_NATIVE_SCHAR, 2, dims, NULL, ans,
                 "answers[entry, criterion]: -1 missing, 0 no, 1 yes, 2 unsure", NULL);
        govidx__free(ans);
        CHECK(rc);
        for (i = 0; i < GOVIDX_N_CRITERIA; i++)
            crit[i] = govidx_dataset_criterion_name((int)i);
        {
            hid_t ad, aa, ss;
            hsize_t n12[1] = {GOVIDX_N_CRITERIA};
            ad = H5Dopen2(g, "answers", H5P_DEFAULT);
            ss = H5Screate_simple(1, n12, NULL);
            aa = ad >= 0 && ss >= 0 ? H5Acreate2(ad, "criteria", w->str, ss, H5P_DEFAULT, H5P_DEFAULT) : -1;
            rc = aa < 0 || H5Awrite(aa, w->str, crit) < 0;
            if (aa >= 0) H5Aclose(aa);
            if (ss >= 0) H5Sclose(ss);
            if (ad >= 0) H5Dclose(ad);
            if (rc)
                CHECK(wfail(w, "/inventory/answers"));
        }
        H5Gclose(g);
        g = -1;
    }
    if (ds->n_actors || ds->n_edges) {
        GROUP("networks");
        if (ds->n_actors) {
            const size_t st = sizeof(govidx__actor_row), n = ds->n_actors;
            if ((g2 = mkgroup(w, g, "actors")) < 0)
                CHECK(wfail(w, "/networks/actors"));
            CHECK(put_field_str(w, g2, "/networks/actors", "code", ds->actors, n, st, OFF(govidx__actor_row, code), "actor code"));
            CHECK(put_field_str(w, g2, "/networks/actors", "name", ds->actors, n, st, OFF(govidx__actor_row, name), "actor name"));
            CHECK(put_field_str(w, g2, "/networks/actors", "unit", ds->actors, n, st, OFF(govidx__actor_row, unit), "unit (city) code"));
            CHECK(put_field_str(w, g2, "/networks/actors", "sector", ds->actors, n, st, OFF(govidx__actor_row, sector), "sector"));
            CHECK(put_field_str(w, g2, "/networks/actors", "level", ds->actors, n, st, OFF(govidx__actor_row, level), "government level"));
            H5Gclose(g2);
            g2 = -1;
        }
        if (ds->n_edges) {
            const size_t st = sizeof(govidx__edge_row), n = ds->n_edges;
            if ((g2 = mkgroup(w, g, "edges")) < 0)
                CHECK(wfail(w, "/networks/edges"));
            CHECK(put_field_str(w, g2, "/networks/edges", "unit", ds->edges, n, st, OFF(govidx__edge_row, unit), "unit (city) code"));
            CHECK(put_field_num(w, g2, "/networks/edges", "year", ds->edges, n, st, OFF(govidx__edge_row, year), 1, "year"));
            CHECK(put_field_str(w, g2, "/networks/edges", "layer", ds->edges, n, st, OFF(govidx__edge_row, layer), "layer"));
            CHECK(put_field_str(w, g2, "/networks/edges", "from", ds->edges, n, st, OFF(govidx__edge_row, from), "source actor"));
            CHECK(put_field_str(w, g2, "/networks/edges", "to", ds->edges, n, st, OFF(govidx__edge_row, to), "target actor"));
            CHECK(put_field_num(w, g2, "/networks/edges", "weight", ds->edges, n, st, OFF(govidx__edge_row, weight), 0, "tie weight (> 0)"));
            H5Gclose(g2);
            g2 = -1;
        }
        H5Gclose(g);
        g = -1;
    }
    if (ds->n_dea_in || ds->n_dea_out) {
        size_t side;
        GROUP("dea");
        for (side = 0; side < 2; side++) {
            const govidx__dea_row *rows = side ? ds->dea_out : ds->dea_in;
            size_t n = side ? ds->n_dea_out : ds->n_dea_in;
            char **codes;
            int *fl;
            hsize_t d1[1] = {n};
            if (!n)
                continue;
            codes = govidx__mallocarray(n, sizeof *codes);
            fl = govidx__mallocarray(n, sizeof *fl);
            if (!codes || !fl) {
                govidx__free(codes);
                govidx__free(fl);
                CHECK(govidx__oom());
            }
            for (i = 0; i < n; i++) {
                codes[i] = ds->ind[rows[i].indicator].code;
                fl[i] = (int)rows[i].flags;
            }
            rc = put_strings(w, g, "/dea", side ? "outputs" : "inputs", n, codes,
                             side ? "DEA output indicator codes" : "DEA input indicator codes");
            if (!rc)
                rc = put(w, g, "/dea", side ? "output_flags" : "input_flags", H5T_STD_I32LE, H5T_NATIVE_INT, 1,
                         d1, NULL, fl, "1 undesirable, 2 non-discretionary", NULL);
            govidx__free(codes);
            govidx__free(fl);
            CHECK(rc);
        }
        H5Gclose(g);
        g = -1;
    }
out:
    if (g2 >= 0) H5Gclose(g2);
    if (g >= 0) H5Gclose(g);
    return rc;
#undef GROUP
#undef CHECK
}

static int write_file(const govidx_dataset *ds, const char *tmp)
{
    wr w;
    int rc;
    memset(&w, 0, sizeof w);
    w.file = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (w.file < 0)
        return wfail(&w, tmp);
    w.str = H5Tcopy(H5T_C_S1);
    if (w.str < 0 || H5Tset_size(w.str, H5T_VARIABLE) < 0 || H5Tset_cset(w.str, H5T_CSET_UTF8) < 0) {
        H5Fclose(w.file);
        return wfail(&w, tmp);
    }
    rc = write_body(&w, ds);
    H5Tclose(w.str);
    if (H5Fflush(w.file, H5F_SCOPE_GLOBAL) < 0 && !rc)
        rc = wfail(&w, tmp);
    if (H5Fclose(w.file) < 0 && !rc)
        rc = wfail(&w, tmp);
    return rc;
}

/* A unique temporary file next to `path` (created empty, with the mode of
 * the file it will replace, or 0666 less the umask). */
int govidx__tempfile(const char *path, char **out)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 32;
    char *t = govidx__malloc(n);
    int fd;
    if (!t)
        return govidx__oom();
    snprintf(t, n, "%.*s.%s.tmpXXXXXX", (int)dl, path, slash ? slash + 1 : path);
    fd = mkstemp(t);
    if (fd < 0) {
        int e = errno;
        govidx__free(t);
        return govidx__fail(GOVIDX_EIO, "%s: cannot create a temporary file next to it: %s", path, strerror(e));
    }
    fchmod(fd, govidx__output_mode(path));
    close(fd);
    *out = t;
    return GOVIDX_OK;
}

static void fsync_path(const char *p, int dir)
{
    int fd = open(p, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* fsync tmp, move it over path (replace) or link it (no replace), fsync the directory. */
int govidx__commit_tempfile(const char *tmp, const char *path, int replace)
{
    int e;
    char *dir;
    const char *slash;
    fsync_path(tmp, 0);
    if (replace) {
        if (rename(tmp, path) != 0) {
            e = errno;
            unlink(tmp);
            return govidx__fail(GOVIDX_EIO, "%s: cannot rename the temporary file: %s", path, strerror(e));
        }
    } else {
        if (link(tmp, path) != 0) {
            e = errno;
            unlink(tmp);
            if (e == EEXIST)
                return govidx__fail(GOVIDX_EEXIST, "%s already exists (use GOVIDX_WRITE_REPLACE)", path);
            return govidx__fail(GOVIDX_EIO, "%s: cannot create: %s", path, strerror(e));
        }
        unlink(tmp);
    }
    slash = strrchr(path, '/');
    dir = govidx__strdup(slash ? path : ".");
    if (dir) {
        if (slash)
            dir[slash - path == 0 ? 1 : slash - path] = '\0';
        fsync_path(dir, 1);
        govidx__free(dir);
    }
    return GOVIDX_OK;
}

int govidx_dataset_write(const govidx_dataset *ds, const char *path, unsigned flags)
{
    char *tmp = NULL;
    int rc, lock = -1;
    if (!ds || !path || !*path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_write: NULL dataset or path");
    if (flags & ~GOVIDX_WRITE_REPLACE)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_write: unknown flags 0x%x", flags);
    if ((rc = govidx_dataset_validate(ds, NULL, NULL)))
        return govidx__fail_context(rc, "%s: the dataset is not valid", path);
    if (govidx__output_kind(path) != 0) /* an HDF5 file is never renamed over a device or directory */
        return govidx__output_kind(path) < 0 ? GOVIDX_EINVAL
                                             : govidx__fail(GOVIDX_EINVAL, "'%s' is not a regular file: refusing to "
                                                                           "replace it with an HDF5 file", path);
    if ((rc = govidx__writer_lock(path, &lock)))
        return rc;
    if (!(flags & GOVIDX_WRITE_REPLACE) && access(path, F_OK) == 0) {
        govidx__writer_unlock(lock);
        return govidx__fail(GOVIDX_EEXIST, "%s already exists (use GOVIDX_WRITE_REPLACE)", path);
    }
    if ((rc = govidx__tempfile(path, &tmp))) {
        govidx__writer_unlock(lock);
        return rc;
    }
    govidx__h5_lock();
    H5E_BEGIN_TRY {
        rc = write_file(ds, tmp);
    } H5E_END_TRY;
    govidx__h5_unlock();
    if (rc)
        unlink(tmp);
    else
        rc = govidx__commit_tempfile(tmp, path, (flags & GOVIDX_WRITE_REPLACE) != 0);
    govidx__writer_unlock(lock);
    govidx__free(tmp);
    return rc;
}

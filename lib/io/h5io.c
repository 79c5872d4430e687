/*
 * lib/io/h5io.c - reading a format-v1 city-dataset file (docs/format.md) into
 * memory: every section, checked, within the byte budget
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

static int check_dim_labels(rd *r, hid_t g, const char *gpath, const char *name, int rank,
                            const char *const *want);

/* A table column: 1-D, length n (when n != 0) */
typedef struct col {
    const char *name;
    int kind; /* 0 string, 1 double, 2 int */
    int optional;
    void *data;
} col;

static int read_table(rd *r, hid_t g, const char *gpath, col *cols, size_t ncols, size_t *n)
{
    size_t k, cnt = 0;
    hsize_t dims[1];
    int rc;
    for (k = 0; k < ncols; k++) {
        col *c = &cols[k];
        if (c->kind == 0)
            rc = read_strings(r, g, gpath, c->name, 1, c->optional, dims, &cnt, (char ***)&c->data);
        else if (c->kind == 1)
            rc = read_numbers(r, g, gpath, c->name, 1, W_NUMBER, c->optional, H5T_NATIVE_DOUBLE,
                              sizeof(double), dims, &cnt, &c->data);
        else
            rc = read_numbers(r, g, gpath, c->name, 1, W_INTEGER, c->optional, H5T_NATIVE_INT, sizeof(int),
                              dims, &cnt, &c->data);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        if (*n && cnt != *n)
            return rfail(r, GOVIDX_EDIM, gpath, "column '%s' has %zu rows, expected %zu", c->name, cnt, *n);
        *n = cnt;
    }
    return GOVIDX_OK;
}

static void free_table(col *cols, size_t ncols, size_t n)
{
    size_t k;
    for (k = 0; k < ncols; k++) {
        if (cols[k].kind == 0)
            govidx__free_strings(cols[k].data, cols[k].data ? n : 0);
        else
            govidx__free(cols[k].data);
        cols[k].data = NULL;
    }
}

#define S(c, i) ((c).data ? ((char **)(c).data)[i] : NULL)
#define D(c, i, def) ((c).data ? ((double *)(c).data)[i] : (def))
#define I(c, i, def) ((c).data ? ((int *)(c).data)[i] : (def))

static int read_units_years(rd *r, govidx_dataset *ds)
{
    hid_t g;
    int rc;
    size_t n = 0, ny = 0, gn = 0, gl = 0;
    hsize_t dims[2];
    col cols[] = {{"code", 0, 0, NULL}, {"name", 0, 1, NULL}};
    int *years = NULL;
    char **gnames = NULL, **glabels = NULL;

    if ((rc = open_group(r, "units", 0, &g)))
        return rc;
    rc = read_table(r, g, "/units", cols, 2, &n);
    if (!rc)
        rc = govidx_dataset_set_units(ds, n, (const char *const *)cols[0].data,
                                      (const char *const *)cols[1].data);
    if (!rc) {
        rc = read_strings(r, g, "/units", "group_names", 1, 1, dims, &gn, &gnames);
        if (rc == 1)
            rc = gn = 0;
        else if (!rc) {
            hsize_t d2[2];
            rc = read_strings(r, g, "/units", "group_labels", 2, 0, d2, &gl, &glabels);
            if (!rc && (d2[0] != gn || d2[1] != n))
                rc = rfail(r, GOVIDX_EDIM, "/units/group_labels", "shape [%llu, %llu], expected [%zu, %zu]",
                           (unsigned long long)d2[0], (unsigned long long)d2[1], gn, n);
            if (!rc) {
                static const char *const dg[] = {"group", "unit"};
                rc = check_dim_labels(r, g, "/units", "group_labels", 2, dg);
            }
            for (size_t k = 0; !rc && k < gn; k++)
                rc = govidx_dataset_add_group(ds, gnames[k], (const char *const *)glabels + k * n);
        }
    }
    govidx__free_strings(gnames, gn);
    govidx__free_strings(glabels, gl);
    free_table(cols, 2, n);
    H5Gclose(g);
    if (rc)
        return rc;
    rc = read_numbers(r, r->file, "", "years", 1, W_INTEGER, 0, H5T_NATIVE_INT, sizeof(int), dims, &ny,
                      (void **)&years);
    if (rc)
        return rc;
    rc = govidx_dataset_set_years(ds, ny, years);
    if (rc == GOVIDX_EFORMAT)
        rc = rfail(r, rc, "/years", "%s", govidx_last_error());
    govidx__free(years);
    return rc;
}

static int read_indicators(rd *r, govidx_dataset *ds)
{
    hid_t g;
    size_t n = 0, i;
    int rc;
    col c[] = {{"code", 0, 0, NULL},        {"name", 0, 1, NULL},      {"unit", 0, 1, NULL},
               {"parent", 0, 1, NULL},      {"source", 0, 1, NULL},    {"denominator", 0, 1, NULL},
               {"direction", 2, 0, NULL},   {"type", 2, 1, NULL},      {"weight", 1, 1, NULL},
               {"goal_low", 1, 1, NULL},    {"goal_high", 1, 1, NULL}, {"target", 1, 1, NULL}};
    const size_t nc = sizeof c / sizeof c[0];
    if ((rc = open_group(r, "indicators", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    rc = read_table(r, g, "/indicators", c, nc, &n);
    for (i = 0; !rc && i < n; i++) {
        govidx_indicator in = GOVIDX_INDICATOR_INIT;
        in.code = S(c[0], i);
        in.name = S(c[1], i);
        in.unit = S(c[2], i);
        in.parent = S(c[3], i);
        in.source = S(c[4], i);
        in.denominator = S(c[5], i);
        in.direction = I(c[6], i, 1);
        in.type = I(c[7], i, 0);
        in.weight = D(c[8], i, 1.0);
        in.goal_low = D(c[9], i, NAN);
        in.goal_high = D(c[10], i, NAN);
        in.target = D(c[11], i, NAN);
        if (!*in.code)
            rc = rfail(r, GOVIDX_EFORMAT, "/indicators/code", "row %zu is empty", i);
        else
            rc = govidx_dataset_add_indicator(ds, &in);
    }
    free_table(c, nc, n);
    H5Gclose(g);
    return rc;
}

static int read_framework(rd *r, govidx_dataset *ds)
{
    hid_t g;
    size_t n = 0, i;
    int rc;
    col c[] = {{"code", 0, 0, NULL},        {"name", 0, 1, NULL},  {"parent", 0, 1, NULL},
               {"aggregation", 0, 1, NULL}, {"level", 2, 1, NULL}, {"weight", 1, 1, NULL}};
    const size_t nc = sizeof c / sizeof c[0];
    if ((rc = open_group(r, "framework", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    rc = read_table(r, g, "/framework", c, nc, &n);
    for (i = 0; !rc && i < n; i++) {
        govidx_node nd = GOVIDX_NODE_INIT;
        nd.code = S(c[0], i);
        nd.name = S(c[1], i);
        nd.parent = S(c[2], i);
        nd.aggregation = S(c[3], i);
        nd.level = I(c[4], i, 0);
        nd.weight = D(c[5], i, 1.0);
        if (!*nd.code)
            rc = rfail(r, GOVIDX_EFORMAT, "/framework/code", "row %zu is empty", i);
        else
            rc = govidx_dataset_add_node(ds, &nd);
    }
    free_table(c, nc, n);
    H5Gclose(g);
    return rc;
}

/* Read the 1-D string attribute `name` of `obj` into n owned strings
 * (NULL entries become "").  Returns 1 when absent. */
static int read_str_list_attr(rd *r, hid_t obj, const char *name, const char *opath, size_t *n,
                              char ***out)
{
    hid_t a, t = -1, s = -1, mt = -1;
    char o[400], **res = NULL;
    hssize_t np;
    size_t i, cnt = 0;
    int rc = GOVIDX_OK;
    htri_t ex = H5Aexists(obj, name);
    snprintf(o, sizeof o, "%s attribute '%s'", opath, name);
    *out = NULL;
    *n = 0;
    if (ex < 0)
        return h5fail(r, GOVIDX_EFORMAT, o, "cannot look the attribute up");
    if (!ex)
        return 1;
    a = H5Aopen(obj, name, H5P_DEFAULT);
    if (a < 0)
        return h5fail(r, GOVIDX_EFORMAT, o, "cannot open");
    t = H5Aget_type(a);
    s = H5Aget_space(a);
    np = s >= 0 ? H5Sget_simple_extent_npoints(s) : -1;
    if (t < 0 || s < 0 || H5Tget_class(t) != H5T_STRING || H5Sget_simple_extent_ndims(s) != 1 || np < 1 ||
        np > 64) {
        char found[48] = "unreadable";
        if (t >= 0)
            type_words(t, found, sizeof found);
        rc = rfail(r, GOVIDX_EFORMAT, o, "must be a 1-D string array of 1 to 64 names (%s found)", found);
        goto done;
    }
    cnt = (size_t)np;
    res = govidx__calloc(cnt, sizeof *res);
    mt = H5Tcopy(H5T_C_S1);
    if (!res || mt < 0) {
        rc = res ? h5fail(r, GOVIDX_EFORMAT, o, "cannot read") : govidx__oom();
        goto done;
    }
    H5Tset_cset(mt, H5Tget_cset(t));
    if (H5Tis_variable_str(t) > 0) {
        char *v[64] = {0};
        H5Tset_size(mt, H5T_VARIABLE);
        if (H5Aread(a, mt, v) < 0) {
            rc = h5fail(r, GOVIDX_EFORMAT, o, "cannot read");
            goto done;
        }
        for (i = 0; i < cnt && !rc; i++)
            if (!(res[i] = govidx__strdup0(v[i])))
                rc = govidx__oom();
        for (i = 0; i < cnt; i++)
            H5free_memory(v[i]);
    } else {
        size_t sz = H5Tget_size(t);
        char *v;
        if (sz == 0 || sz > 4096) {
            rc = rfail(r, GOVIDX_EFORMAT, o, "bad string size %zu", sz);
            goto done;
        }
        v = govidx__calloc(cnt, sz + 1);
        if (!v) {
            rc = govidx__oom();
            goto done;
        }
        H5Tset_size(mt, sz + 1);
        H5Tset_strpad(mt, H5T_STR_NULLTERM);
        if (H5Aread(a, mt, v) < 0) {
            govidx__free(v);
            rc = h5fail(r, GOVIDX_EFORMAT, o, "cannot read");
            goto done;
        }
        for (i = 0; i < cnt && !rc; i++) {
            v[i * (sz + 1) + sz] = '\0';
            if (!(res[i] = govidx__strdup(v + i * (sz + 1))))
                rc = govidx__oom();
        }
        govidx__free(v);
    }
done:
    if (mt >= 0) H5Tclose(mt);
    if (t >= 0) H5Tclose(t);
    if (s >= 0) H5Sclose(s);
    H5Aclose(a);
    if (rc) {
        govidx__free_strings(res, res ? cnt : 0);
        return rc;
    }
    *n = cnt;
    *out = res;
    return GOVIDX_OK;
}

/* Dimension names: an array may carry HDF5 dimension labels (the
 * DIMENSION_LABELS attribute of the dimension-scales convention, written
 * by govidx and by h5py's `dset.dims[k].label = ...`).  Every label that is
 * set must be the documented name of its axis, so an array stored with its
 * axes swapped is caught even when the sizes happen to match. */
static int check_dim_labels(rd *r, hid_t g, const char *gpath, const char *name, int rank,
                            const char *const *want)
{
    char path[320], **lab = NULL, got[400], exp[400];
    size_t n = 0, k, used = 0, used2 = 0;
    int rc, bad = 0;
    hid_t d;
    snprintf(path, sizeof path, "%s/%s", gpath, name);
    d = H5Dopen2(g, name, H5P_DEFAULT);
    if (d < 0)
        return h5fail(r, GOVIDX_EFORMAT, path, "not a readable dataset");
    rc = read_str_list_attr(r, d, "DIMENSION_LABELS", path, &n, &lab);
    H5Dclose(d);
    if (rc == 1)
        return GOVIDX_OK;
    if (rc)
        return rc;
    if (n != (size_t)rank)
        rc = rfail(r, GOVIDX_EFORMAT, path, "%zu dimension labels for a rank-%d array", n, rank);
    for (k = 0; !rc && k < n; k++)
        if (*lab[k] && strcmp(lab[k], want[k]))
            bad = 1;
    if (!rc && bad) {
        got[0] = exp[0] = '\0';
        for (k = 0; k < n; k++) {
            used += (size_t)snprintf(got + used, used < sizeof got ? sizeof got - used : 0, "%s%s",
                                     k ? ", " : "", *lab[k] ? lab[k] : "(unlabelled)");
            used2 += (size_t)snprintf(exp + used2, used2 < sizeof exp ? sizeof exp - used2 : 0, "%s%s",
                                      k ? ", " : "", want[k]);
            if (used >= sizeof got) used = sizeof got - 1;
            if (used2 >= sizeof exp) used2 = sizeof exp - 1;
        }
        rc = rfail(r, GOVIDX_EFORMAT, path, "axes [%s], expected [%s] (dimension labels)", got, exp);
    }
    govidx__free_strings(lab, n);
    return rc;
}

/* Read a [A, Y, B] array year by year into column-major per-year blocks
 * dst[a + A*(b + B*y)] (memtype double or uint8). */
int read_cube(rd *r, hid_t g, const char *gpath, const char *name, size_t A, size_t Y, size_t B,
              int is_u8, int optional, const char *const *dimnames, void **out)
{
    hid_t d = -1, fs = -1, ms = -1;
    hsize_t dims[3], start[3], cnt[3], mdims[3];
    size_t n, total, per, y, a, b, es = is_u8 ? 1 : sizeof(double);
    char path[320];
    unsigned char *dst = NULL, *tmp = NULL;
    int rc;
    *out = NULL;
    rc = open_checked(r, g, gpath, name, 3, is_u8 ? W_INTEGER : W_NUMBER, optional, dims, &n, &d);
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/%s", gpath, name);
    if (dims[0] != A || dims[1] != Y || dims[2] != B) {
        H5Dclose(d);
        return rfail(r, GOVIDX_EDIM, path, "shape [%llu, %llu, %llu], expected [%zu, %zu, %zu]",
                     (unsigned long long)dims[0], (unsigned long long)dims[1], (unsigned long long)dims[2], A,
                     Y, B);
    }
    if ((rc = check_dim_labels(r, g, gpath, name, 3, dimnames))) {
        H5Dclose(d);
        return rc;
    }
    per = A * B; /* n = A*Y*B did not overflow, so neither does this */
    total = n;
    dst = govidx__mallocarray(total, es);
    tmp = govidx__mallocarray(per, es);
    if (!dst || !tmp) {
        rc = govidx__oom();
        goto done;
    }
    fs = H5Dget_space(d);
    /* the memory block has the shape of the file's year slab, so HDF5
     * copies each chunk's rows whole instead of element by element */
    mdims[0] = A; mdims[1] = 1; mdims[2] = B;
    ms = H5Screate_simple(3, mdims, NULL);
    if (fs < 0 || ms < 0) {
        rc = h5fail(r, GOVIDX_EFORMAT, path, "cannot create dataspaces");
        goto done;
    }
    for (y = 0; y < Y; y++) {
        start[0] = 0; start[1] = y; start[2] = 0;
        cnt[0] = A; cnt[1] = 1; cnt[2] = B;
        if (H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, cnt, NULL) < 0 ||
            H5Dread(d, is_u8 ? H5T_NATIVE_UINT8 : H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, tmp) < 0) {
            rc = h5fail(r, GOVIDX_EFORMAT, path, "cannot read the values");
            goto done;
        }
        /* file block is row-major [A][B]; memory is column-major A x B */
        for (a = 0; a < A; a++)
            for (b = 0; b < B; b++)
                memcpy(dst + (a + A * (b + B * y)) * es, tmp + (a * B + b) * es, es);
    }
done:
    if (ms >= 0) H5Sclose(ms);
    if (fs >= 0) H5Sclose(fs);
    H5Dclose(d);
    govidx__free(tmp);
    if (rc) {
        govidx__free(dst);
        return rc;
    }
    *out = dst;
    return GOVIDX_OK;
}

static int read_panel(rd *r, govidx_dataset *ds)
{
    hid_t g;
    int rc;
    void *p;
    static const char *const dn[] = {"unit", "year", "indicator"};
    if ((rc = open_group(r, "panel", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    if (!ds->n_ind) {
        H5Gclose(g);
        return rfail(r, GOVIDX_EFORMAT, "/panel", "a panel needs the /indicators table");
    }
    rc = read_cube(r, g, "/panel", "values", ds->n_units, ds->n_years, ds->n_ind, 0, 0, dn, &p);
    if (!rc) {
        ds->values = p;
        rc = read_cube(r, g, "/panel", "flags", ds->n_units, ds->n_years, ds->n_ind, 1, 1, dn, &p);
        if (!rc)
            ds->flags = p;
    }
    if (rc == 1 || !rc) {
        rc = read_cube(r, g, "/panel", "stderr", ds->n_units, ds->n_years, ds->n_ind, 0, 1, dn, &p);
        if (!rc)
            ds->stderrs = p;
    }
    H5Gclose(g);
    return rc == 1 ? GOVIDX_OK : rc;
}

static int read_districts(rd *r, govidx_dataset *ds)
{
    hid_t g;
    size_t n = 0, i, nv = 0;
    int rc;
    col c[] = {{"code", 0, 0, NULL}, {"name", 0, 1, NULL},  {"unit", 0, 0, NULL},
               {"parent", 0, 1, NULL}, {"level", 2, 1, NULL}, {"area", 1, 1, NULL}};
    col v[] = {{"var_name", 0, 0, NULL}, {"var_unit", 0, 1, NULL}};
    const size_t nc = sizeof c / sizeof c[0];
    hsize_t dims[2];
    void *p;
    if ((rc = open_group(r, "districts", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    rc = read_table(r, g, "/districts", c, nc, &n);
    for (i = 0; !rc && i < n; i++) {
        govidx_district d = GOVIDX_DISTRICT_INIT;
        d.code = S(c[0], i);
        d.name = S(c[1], i);
        d.unit = S(c[2], i);
        d.parent = S(c[3], i);
        d.level = I(c[4], i, 1);
        d.area = D(c[5], i, NAN);
        if (!*d.code)
            rc = rfail(r, GOVIDX_EFORMAT, "/districts/code", "row %zu is empty", i);
        else
            rc = govidx_dataset_add_district(ds, &d);
    }
    free_table(c, nc, n);
    if (!rc && H5Lexists(g, "var_name", H5P_DEFAULT) > 0) {
        rc = read_table(r, g, "/districts", v, 2, &nv);
        for (i = 0; !rc && i < nv; i++)
            rc = govidx_dataset_add_district_var(ds, S(v[0], i), S(v[1], i));
        if (rc == GOVIDX_EEXIST)
            rc = rfail(r, GOVIDX_EFORMAT, "/districts/var_name", "%s", govidx_last_error());
        free_table(v, 2, nv);
    }
    if (!rc) {
        hid_t d;
        size_t cnt;
        rc = open_checked(r, g, "/districts", "population", 2, W_NUMBER, 1, dims, &cnt, &d);
        if (!rc) {
            H5Dclose(d);
            r->used -= cnt * sizeof(double);
            if (dims[0] != ds->n_districts || dims[1] != ds->n_years)
                rc = rfail(r, GOVIDX_EDIM, "/districts/population", "shape [%llu, %llu], expected [%zu, %zu]",
                           (unsigned long long)dims[0], (unsigned long long)dims[1], ds->n_districts,
                           ds->n_years);
            else {
                static const char *const dp[] = {"district", "year"};
                rc = check_dim_labels(r, g, "/districts", "population", 2, dp);
            }
            if (!rc)
                rc = read_numbers(r, g, "/districts", "population", 2, W_NUMBER, 0, H5T_NATIVE_DOUBLE,
                                  sizeof(double), dims, &cnt, &p);
            if (!rc) {
                /* file [D][Y] row-major is exactly memory d + D*y?  No: transpose */
                double *src = p, *dst = govidx__mallocarray(cnt, sizeof *dst);
                size_t a, y;
                if (!dst)
                    rc = govidx__oom();
                else {
                    for (a = 0; a < ds->n_districts; a++)
                        for (y = 0; y < ds->n_years; y++)
                            dst[a + ds->n_districts * y] = src[a * ds->n_years + y];
                    ds->population = dst;
                }
                govidx__free(p);
            }
        }
        if (rc == 1)
            rc = GOVIDX_OK;
    }
    if (!rc && ds->n_dvars) {
        {
            static const char *const dv[] = {"district", "year", "var"};
            rc = read_cube(r, g, "/districts", "values", ds->n_districts, ds->n_years, ds->n_dvars, 0, 1, dv,
                           &p);
        }
        if (!rc)
            ds->dvalues = p;
        if (rc == 1)
            rc = GOVIDX_OK;
    }
    H5Gclose(g);
    return rc;
}

/* The `criteria` attribute of /inventory/answers names the criterion of
 * each column.  It is honoured: columns are mapped to the library's
 * criteria by name (any order, a subset allowed; criteria not listed are
 * missing, -1).  An unknown or repeated name is an error naming it.
 * Without the attribute the columns must be the 12 criteria in the
 * documented order.  On success *ans holds n x GOVIDX_N_CRITERIA answers in
 * the library's order. */
static int inventory_order(rd *r, hid_t g, size_t n, const hsize_t *dims, signed char **ans)
{
    hid_t d;
    char **names = NULL;
    size_t nn = 0, k, j, i;
    int map[GOVIDX_N_CRITERIA], rc, identity = 1;
    signed char *out;
    if (dims[0] != n)
        return rfail(r, GOVIDX_EDIM, "/inventory/answers", "shape [%llu, %llu], expected [%zu, %d]",
                     (unsigned long long)dims[0], (unsigned long long)dims[1], n, GOVIDX_N_CRITERIA);
    d = H5Dopen2(g, "answers", H5P_DEFAULT);
    if (d < 0)
        return h5fail(r, GOVIDX_EFORMAT, "/inventory/answers", "not a readable dataset");
    rc = read_str_list_attr(r, d, "criteria", "/inventory/answers", &nn, &names);
    H5Dclose(d);
    if (rc == 1) {
        if (dims[1] != GOVIDX_N_CRITERIA)
            return rfail(r, GOVIDX_EDIM, "/inventory/answers",
                         "shape [%llu, %llu], expected [%zu, %d] (no 'criteria' attribute naming the columns)",
                         (unsigned long long)dims[0], (unsigned long long)dims[1], n, GOVIDX_N_CRITERIA);
        return GOVIDX_OK;
    }
    if (rc)
        return rc;
    if (nn != dims[1]) {
        rc = rfail(r, GOVIDX_EDIM, "/inventory/answers", "%zu columns but the 'criteria' attribute names %zu",
                   (size_t)dims[1], nn);
        goto done;
    }
    for (j = 0; j < GOVIDX_N_CRITERIA; j++)
        map[j] = -1;
    for (k = 0; k < nn && !rc; k++) {
        for (j = 0; j < GOVIDX_N_CRITERIA; j++)
            if (!strcmp(names[k], govidx_dataset_criterion_name((int)j)))
                break;
        if (j == GOVIDX_N_CRITERIA)
            rc = rfail(r, GOVIDX_EFORMAT, "/inventory/answers",
                       "attribute 'criteria' names an unknown criterion '%s' (column %zu)", names[k], k);
        else if (map[j] >= 0)
            rc = rfail(r, GOVIDX_EFORMAT, "/inventory/answers",
                       "attribute 'criteria' names '%s' twice (columns %d and %zu)", names[k], map[j], k);
        else
            map[j] = (int)k;
    }
    for (j = 0; j < GOVIDX_N_CRITERIA; j++)
        if (map[j] != (int)j)
            identity = 0;
    if (rc || identity)
        goto done;
    out = govidx__mallocarray(n, GOVIDX_N_CRITERIA);
    if (!out) {
        rc = govidx__oom();
        goto done;
    }
    for (i = 0; i < n; i++)
        for (j = 0; j < GOVIDX_N_CRITERIA; j++)
            out[i * GOVIDX_N_CRITERIA + j] = map[j] < 0 ? GOVIDX_ANSWER_MISSING : (*ans)[i * nn + (size_t)map[j]];
    govidx__free(*ans);
    *ans = out;
done:
    govidx__free_strings(names, nn);
    return rc;
}

static int read_inventory(rd *r, govidx_dataset *ds)
{
    hid_t g;
    size_t n = 0, i, na;
    int rc;
    hsize_t dims[2];
    signed char *ans = NULL;
    col c[] = {{"unit", 0, 0, NULL},        {"year", 2, 0, NULL},    {"dataset", 0, 0, NULL},
               {"category", 0, 1, NULL},    {"department", 0, 1, NULL}, {"format", 0, 1, NULL},
               {"licence", 0, 1, NULL},     {"last_update", 0, 1, NULL},
               {"update_frequency", 0, 1, NULL}, {"record", 0, 1, NULL}, {"record_format", 0, 1, NULL}};
    const size_t nc = sizeof c / sizeof c[0];
    if ((rc = open_group(r, "inventory", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    rc = read_table(r, g, "/inventory", c, nc, &n);
    if (!rc)
        rc = read_numbers(r, g, "/inventory", "answers", 2, W_INTEGER, 0, H5T_NATIVE_SCHAR, 1, dims, &na,
                          (void **)&ans);
    if (!rc) {
        static const char *const da[] = {"entry", "criterion"};
        rc = check_dim_labels(r, g, "/inventory", "answers", 2, da);
    }
    if (!rc)
        rc = inventory_order(r, g, n, dims, &ans);
    for (i = 0; !rc && i < n; i++) {
        govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
        e.unit = S(c[0], i);
        e.year = I(c[1], i, 0);
        e.dataset = S(c[2], i);
        e.category = S(c[3], i);
        e.department = S(c[4], i);
        e.format = S(c[5], i);
        e.licence = S(c[6], i);
        e.last_update = S(c[7], i);
        e.update_frequency = S(c[8], i);
        e.record = S(c[9], i); /* format 1.1 */
        e.record_format = S(c[10], i);
        e.answers = ans + i * GOVIDX_N_CRITERIA;
        e.n_answers = GOVIDX_N_CRITERIA;
        rc = govidx_dataset_add_inventory(ds, &e);
    }
    govidx__free(ans);
    free_table(c, nc, n);
    H5Gclose(g);
    return rc;
}

static int read_networks(rd *r, govidx_dataset *ds)
{
    hid_t g, ga, ge;
    size_t n = 0, i;
    int rc;
    htri_t ex;
    col a[] = {{"code", 0, 0, NULL}, {"name", 0, 1, NULL}, {"unit", 0, 1, NULL},
               {"sector", 0, 1, NULL}, {"level", 0, 1, NULL}};
    col e[] = {{"unit", 0, 0, NULL}, {"year", 2, 0, NULL}, {"layer", 0, 0, NULL},
               {"from", 0, 0, NULL}, {"to", 0, 0, NULL},   {"weight", 1, 0, NULL}};
    if ((rc = open_group(r, "networks", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    ex = H5Lexists(g, "actors", H5P_DEFAULT);
    if (ex > 0) {
        ga = (rc = link_ok(r, g, "actors", "/networks/actors")) ? -1 : H5Gopen2(g, "actors", NO_ELINK_G);
        if (rc)
            ;
        else if (ga < 0)
            rc = h5fail(r, GOVIDX_EFORMAT, "/networks/actors", "not a readable group");
        else {
            rc = read_table(r, ga, "/networks/actors", a, 5, &n);
            for (i = 0; !rc && i < n; i++) {
                govidx_actor x = {GOVIDX_ACTOR_VERSION, S(a[0], i), S(a[1], i), S(a[2], i), S(a[3], i),
                                  S(a[4], i)};
                rc = *x.code ? govidx_dataset_add_actor(ds, &x)
                             : rfail(r, GOVIDX_EFORMAT, "/networks/actors/code", "row %zu is empty", i);
            }
            free_table(a, 5, n);
            H5Gclose(ga);
        }
    }
    n = 0;
    if (!rc && H5Lexists(g, "edges", H5P_DEFAULT) > 0) {
        ge = (rc = link_ok(r, g, "edges", "/networks/edges")) ? -1 : H5Gopen2(g, "edges", NO_ELINK_G);
        if (rc)
            ;
        else if (ge < 0)
            rc = h5fail(r, GOVIDX_EFORMAT, "/networks/edges", "not a readable group");
        else {
            rc = read_table(r, ge, "/networks/edges", e, 6, &n);
            for (i = 0; !rc && i < n; i++) {
                govidx_edge x = {GOVIDX_EDGE_VERSION, S(e[0], i), I(e[1], i, 0), S(e[2], i),
                                 S(e[3], i), S(e[4], i), D(e[5], i, NAN)};
                rc = govidx_dataset_add_edge(ds, &x);
            }
            free_table(e, 6, n);
            H5Gclose(ge);
        }
    }
    H5Gclose(g);
    return rc;
}

static int read_dea(rd *r, govidx_dataset *ds)
{
    hid_t g;
    size_t n, i, side;
    int rc;
    if ((rc = open_group(r, "dea", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    for (side = 0; side < 2 && !rc; side++) {
        col c[] = {{side ? "outputs" : "inputs", 0, 0, NULL}, {side ? "output_flags" : "input_flags", 2, 1, NULL}};
        n = 0;
        rc = read_table(r, g, "/dea", c, 2, &n);
        for (i = 0; !rc && i < n; i++) {
            rc = govidx_dataset_add_dea_var(ds, S(c[0], i), (int)side, (unsigned)I(c[1], i, 0));
            if (rc == GOVIDX_ENOTFOUND)
                rc = rfail(r, rc, side ? "/dea/outputs" : "/dea/inputs", "'%s' is not a panel indicator",
                           S(c[0], i));
        }
        free_table(c, 2, n);
    }
    H5Gclose(g);
    return rc;
}

static int read_runs(rd *r, govidx_dataset *ds)
{
    hid_t g;
    H5G_info_t info;
    hsize_t k;
    int rc;
    if ((rc = open_group(r, "results", 1, &g)))
        return rc == 1 ? GOVIDX_OK : rc;
    if (H5Gget_info(g, &info) < 0) {
        H5Gclose(g);
        return h5fail(r, GOVIDX_EFORMAT, "/results", "cannot list the runs");
    }
    if (info.nlinks > 100000) {
        H5Gclose(g);
        return rfail(r, GOVIDX_EDIM, "/results", "too many runs");
    }
    ds->run_names = govidx__calloc(info.nlinks ? info.nlinks : 1, sizeof(char *));
    if (!ds->run_names) {
        H5Gclose(g);
        return govidx__oom();
    }
    for (k = 0; k < info.nlinks; k++) {
        char name[256];
        H5O_info_t oi;
        ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, name, sizeof name, H5P_DEFAULT);
        if (len < 0 || (size_t)len >= sizeof name) {
            H5Gclose(g);
            return h5fail(r, GOVIDX_EFORMAT, "/results", "bad run name");
        }
        if (name[0] == '.' || name[0] == '_') {
            H5Gclose(g);
            return rfail(r, GOVIDX_EFORMAT, "/results", "run name '%s' starts with '%c' (format: names may not)",
                         name, name[0]);
        }
        if ((rc = link_ok(r, g, name, "/results"))) {
            H5Gclose(g);
            return rc;
        }
        if (H5Oget_info_by_name2(g, name, &oi, H5O_INFO_BASIC, NO_ELINK_L) < 0 || oi.type != H5O_TYPE_GROUP) {
            H5Gclose(g);
            return rfail(r, GOVIDX_EFORMAT, "/results", "'%s' is not a run group", name);
        }
        if (!(ds->run_names[ds->n_runs] = govidx__strdup(name))) {
            H5Gclose(g);
            return govidx__oom();
        }
        ds->n_runs++;
    }
    H5Gclose(g);
    return GOVIDX_OK;
}

/* Read the whole file (inside TRY + lock).  Consistency rules are not checked here. */
static int read_file(rd *r, govidx_dataset *ds, const char *path)
{
    int rc;
    r->file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (r->file < 0)
        return h5fail(r, GOVIDX_EIO, path, "cannot open as an HDF5 file");
    if (!(rc = read_format_attrs(r, ds)) && !(rc = read_units_years(r, ds)) &&
        !(rc = read_indicators(r, ds)) && !(rc = read_framework(r, ds)) && !(rc = read_panel(r, ds)) &&
        !(rc = read_districts(r, ds)) && !(rc = read_inventory(r, ds)) && !(rc = read_networks(r, ds)) &&
        !(rc = read_dea(r, ds)))
        rc = read_runs(r, ds);
    H5Fclose(r->file);
    /* builders report with govidx__fail only: give them an object too */
    if (rc && !*r->obj) {
        snprintf(r->obj, sizeof r->obj, "%s", path);
        snprintf(r->msg, sizeof r->msg, "%s", govidx_last_error());
    }
    return rc;
}

GOVIDX__VERSIONS_1(open_options_versions, govidx_open_options, "open options", GOVIDX_OPEN_OPTIONS_INIT, flags);

int govidx_open_options_init(govidx_open_options *opts, unsigned version)
{
    return govidx__versioned_init(&open_options_versions, opts, version);
}

int load(const char *path, const govidx_open_options *opts, govidx_dataset **out, rd *r)
{
    govidx_dataset *ds = NULL;
    govidx_open_options o;
    int rc;
    FILE *f;
    memset(r, 0, sizeof *r);
    *out = NULL;
    if (!path)
        return govidx__fail(GOVIDX_EINVAL, "path is NULL");
    if ((rc = govidx__versioned_read(&open_options_versions, &o, opts)))
        return rc;
    r->max_bytes = o.max_bytes ? o.max_bytes : DEFAULT_MAX_BYTES;
    f = fopen(path, "rb");
    if (!f)
        return rfail(r, GOVIDX_EIO, path, "cannot open: %s", strerror(errno));
    fclose(f);
    if ((rc = govidx_dataset_new(&ds)))
        return rc;
    govidx__h5_lock();
    H5E_BEGIN_TRY {
        rc = read_file(r, ds, path);
    } H5E_END_TRY;
    govidx__h5_unlock();
    if (rc) {
        govidx_dataset_close(ds);
        return rc;
    }
    ds->readonly = 1;
    *out = ds;
    return GOVIDX_OK;
}

int govidx_dataset_open(govidx_dataset **out, const char *path, const govidx_open_options *opts)
{
    rd r;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_open: out is NULL");
    rc = load(path, opts, out, &r);
    if (rc)
        return rc;
    rc = govidx_dataset_validate(*out, NULL, NULL);
    if (rc) {
        govidx_dataset_close(*out);
        *out = NULL;
        return govidx__fail_context(rc, "%s", path);
    }
    return GOVIDX_OK;
}

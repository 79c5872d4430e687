/*
 * lib/io/h5_common.c - what every HDF5 file of the io module uses: the
 * process-wide lock, HDF5 errors translated into govidx statuses, and the
 * typed, checked reads of one dataset or attribute (docs/format.md).
 *
 * Every HDF5 call runs inside one H5E_BEGIN_TRY/H5E_END_TRY block opened by
 * the public entry points (the automatic error printing is per thread in a
 * thread-safe HDF5, so it must be switched off on the calling thread), and
 * under a process-wide mutex when the HDF5 build is not thread-safe.
 * Failures are translated into govidx statuses naming the object and the
 * innermost HDF5 message.
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
/* locking and error translation                                        */
/* ------------------------------------------------------------------ */

static pthread_mutex_t h5_mutex = PTHREAD_MUTEX_INITIALIZER;
static int h5_locked_here(void)
{
    hbool_t ts = 0;
    H5is_library_threadsafe(&ts);
    return !ts;
}

void govidx__h5_lock(void)
{
    if (h5_locked_here())
        pthread_mutex_lock(&h5_mutex);
}

void govidx__h5_unlock(void)
{
    if (h5_locked_here())
        pthread_mutex_unlock(&h5_mutex);
}

static herr_t walk_cb(unsigned n, const H5E_error2_t *e, void *data)
{
    /* upward walk: entry 0 is the innermost (most specific) error */
    if (n == 0 && e && e->desc)
        snprintf((char *)data, 256, "%s", e->desc);
    return 0;
}


int rfail(rd *r, int status, const char *obj, const char *fmt, ...) GOVIDX__PRINTF(4, 5);

int rfail(rd *r, int status, const char *obj, const char *fmt, ...)
{
    va_list ap;
    snprintf(r->obj, sizeof r->obj, "%s", obj);
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    return govidx__fail(status, "%s: %s", r->obj, r->msg);
}

/* A failed HDF5 call: add the innermost HDF5 message. */
int h5fail(rd *r, int status, const char *obj, const char *what)
{
    char m[256] = "";
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, walk_cb, m);
    if (*m)
        return rfail(r, status, obj, "%s (HDF5: %s)", what, m);
    return rfail(r, status, obj, "%s", what);
}

/* ------------------------------------------------------------------ */
/* reading                                                              */
/* ------------------------------------------------------------------ */


/* An HDF5 type in words ("float64", "int32", "uint8", "string",
 * "compound") for messages: a type error names what was found. */
void type_words(hid_t t, char *buf, size_t len)
{
    H5T_class_t cls = H5Tget_class(t);
    size_t sz = H5Tget_size(t);
    switch (cls) {
    case H5T_INTEGER:
        snprintf(buf, len, "%sint%zu", H5Tget_sign(t) == H5T_SGN_NONE ? "u" : "", sz * 8);
        break;
    case H5T_FLOAT:
        snprintf(buf, len, "float%zu", sz * 8);
        break;
    case H5T_STRING: snprintf(buf, len, "string"); break;
    case H5T_COMPOUND: snprintf(buf, len, "compound"); break;
    case H5T_ENUM: snprintf(buf, len, "enum"); break;
    case H5T_ARRAY: snprintf(buf, len, "array"); break;
    case H5T_VLEN: snprintf(buf, len, "variable-length sequence"); break;
    case H5T_OPAQUE: snprintf(buf, len, "opaque"); break;
    case H5T_BITFIELD: snprintf(buf, len, "bitfield"); break;
    case H5T_REFERENCE: snprintf(buf, len, "reference"); break;
    case H5T_TIME: snprintf(buf, len, "time"); break;
    default: snprintf(buf, len, "unknown type"); break;
    }
}

/* What a column of kind w must be, in the words of docs/format.md. */
static const char *want_words(enum want w)
{
    return w == W_STRING ? "string" : w == W_INTEGER ? "integer" : "float64 (or integer)";
}

/* The reader never leaves the file it was given.  Every link traversal
 * goes through access property lists whose external-link callback refuses
 * (so even a path the checks below miss cannot open another file), and each
 * object is checked before use: external and user-defined links, external
 * storage, virtual datasets and filters other than HDF5's built-in ones are
 * refused with a message naming the object.  Created once, under the HDF5
 * lock every reader holds. */
static herr_t deny_elink(const char *parent, const char *group, const char *target, const char *obj,
                         unsigned *flags, hid_t fapl, void *op)
{
    (void)parent, (void)group, (void)target, (void)obj, (void)flags, (void)fapl, (void)op;
    return -1;
}

hid_t no_elink(hid_t cls)
{
    static hid_t lapl = -1, dapl = -1, gapl = -1;
    hid_t *p = cls == H5P_DATASET_ACCESS ? &dapl : cls == H5P_GROUP_ACCESS ? &gapl : &lapl;
    if (*p < 0) {
        hid_t q = H5Pcreate(cls);
        if (q >= 0 && H5Pset_elink_cb(q, deny_elink, NULL) < 0) {
            H5Pclose(q);
            q = -1;
        }
        *p = q;
    }
    return *p; /* -1 makes the open fail: never a silent default */
}

/* `name` in g must be a hard or soft link (inside this file). */
int link_ok(rd *r, hid_t g, const char *name, const char *path)
{
    H5L_info_t li;
    if (H5Lget_info(g, name, &li, NO_ELINK_L) < 0)
        return h5fail(r, GOVIDX_EFORMAT, path, "cannot read the link");
    if (li.type == H5L_TYPE_EXTERNAL)
        return rfail(r, GOVIDX_EFORMAT, path, "is an external link (to another file): refused");
    if (li.type != H5L_TYPE_HARD && li.type != H5L_TYPE_SOFT)
        return rfail(r, GOVIDX_EFORMAT, path, "is a user-defined link (type %d): refused", (int)li.type);
    return GOVIDX_OK;
}

/* The data of dataset d must live in this file and need only HDF5's own filters. */
static int storage_ok(rd *r, hid_t d, const char *path)
{
    hid_t p = H5Dget_create_plist(d);
    int rc = GOVIDX_OK, nf, k;
    if (p < 0)
        return h5fail(r, GOVIDX_EFORMAT, path, "cannot read the storage properties");
    if (H5Pget_external_count(p) != 0)
        rc = rfail(r, GOVIDX_EFORMAT, path, "uses external storage (data in another file): refused");
    else if (H5Pget_layout(p) == H5D_VIRTUAL)
        rc = rfail(r, GOVIDX_EFORMAT, path, "is a virtual dataset (data in other files): refused");
    else if ((nf = H5Pget_nfilters(p)) < 0)
        rc = h5fail(r, GOVIDX_EFORMAT, path, "cannot read the filter pipeline");
    else
        for (k = 0; k < nf && !rc; k++) {
            unsigned fl = 0;
            size_t ne = 0;
            H5Z_filter_t id = H5Pget_filter2(p, (unsigned)k, &fl, &ne, NULL, 0, NULL, NULL);
            /* deflate, shuffle, fletcher32, szip, nbit, scaleoffset */
            if (id < H5Z_FILTER_DEFLATE || id > H5Z_FILTER_SCALEOFFSET)
                rc = rfail(r, GOVIDX_EFORMAT, path, "uses filter %d, not one of HDF5's built-in filters: refused",
                           (int)id);
        }
    H5Pclose(p);
    return rc;
}

/* Open dataset `name` in `g`, check rank, type class and sizes, count its
 * bytes against the cap.  *count = product of dims.  Returns 1 when absent
 * and optional. */
int open_checked(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
                 int optional, hsize_t *dims, size_t *count, hid_t *out)
{
    char path[320];
    hid_t d, t, s;
    H5T_class_t cls;
    char found[48];
    int nd, k, ok;
    size_t n = 1, elsize, bytes;
    htri_t ex;

    snprintf(path, sizeof path, "%s/%s", gpath, name);
    ex = H5Lexists(g, name, H5P_DEFAULT);
    if (ex < 0)
        return h5fail(r, GOVIDX_EFORMAT, path, "cannot look the object up");
    if (!ex) {
        if (optional)
            return 1;
        return rfail(r, GOVIDX_EFORMAT, path, "required dataset is missing");
    }
    if ((k = link_ok(r, g, name, path)))
        return k;
    d = H5Dopen2(g, name, NO_ELINK_D);
    if (d < 0)
        return h5fail(r, GOVIDX_EFORMAT, path, "not a readable dataset");
    if ((k = storage_ok(r, d, path))) {
        H5Dclose(d);
        return k;
    }
    t = H5Dget_type(d);
    s = H5Dget_space(d);
    if (t < 0 || s < 0) {
        if (t >= 0) H5Tclose(t);
        if (s >= 0) H5Sclose(s);
        H5Dclose(d);
        return h5fail(r, GOVIDX_EFORMAT, path, "cannot read the type or shape");
    }
    cls = H5Tget_class(t);
    elsize = H5Tget_size(t);
    ok = w == W_STRING ? cls == H5T_STRING
                       : w == W_INTEGER ? cls == H5T_INTEGER : (cls == H5T_FLOAT || cls == H5T_INTEGER);
    nd = H5Sget_simple_extent_ndims(s);
    if (nd == rank)
        H5Sget_simple_extent_dims(s, dims, NULL);
    type_words(t, found, sizeof found);
    H5Tclose(t);
    H5Sclose(s);
    if (!ok) {
        H5Dclose(d);
        return rfail(r, GOVIDX_EFORMAT, path, "wrong type: %s expected, %s found", want_words(w), found);
    }
    if (nd != rank) {
        H5Dclose(d);
        return rfail(r, GOVIDX_EFORMAT, path, "rank %d (expected %d)", nd, rank);
    }
    for (k = 0; k < rank; k++) {
        if (dims[k] == 0) {
            H5Dclose(d);
            return rfail(r, GOVIDX_EDIM, path, "dimension %d is 0", k);
        }
        if (dims[k] > (hsize_t)SIZE_MAX || !govidx__mul_ok(n, (size_t)dims[k], &n)) {
            H5Dclose(d);
            return rfail(r, GOVIDX_EDIM, path, "declared size overflows");
        }
    }
    if (w != W_STRING || elsize < sizeof(char *))
        elsize = w == W_STRING ? sizeof(char *) : sizeof(double);
    if (!govidx__mul_ok(n, elsize, &bytes) || bytes > r->max_bytes - r->used ||
        r->used > r->max_bytes) {
        H5Dclose(d);
        return rfail(r, GOVIDX_EDIM, path, "declares %zu elements, more than the %zu-byte limit", n,
                     r->max_bytes);
    }
    r->used += bytes;
    *count = n;
    *out = d;
    return GOVIDX_OK;
}

/* Read a string dataset of the given rank into n owned strings. */
int read_strings(rd *r, hid_t g, const char *gpath, const char *name, int rank, int optional,
                 hsize_t *dims, size_t *count, char ***out)
{
    hid_t d, ft, mt;
    char path[320], **res;
    size_t n, i;
    int rc;
    htri_t vl;
    H5T_cset_t cset;
    H5T_str_t pad;

    *out = NULL;
    rc = open_checked(r, g, gpath, name, rank, W_STRING, optional, dims, &n, &d);
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/%s", gpath, name);
    res = govidx__calloc(n, sizeof *res);
    if (!res) {
        H5Dclose(d);
        return govidx__oom();
    }
    ft = H5Dget_type(d);
    vl = H5Tis_variable_str(ft);
    cset = H5Tget_cset(ft);
    mt = H5Tcopy(H5T_C_S1);
    if (ft < 0 || vl < 0 || cset < 0 || mt < 0) {
        rc = h5fail(r, GOVIDX_EFORMAT, path, "bad string type");
        goto done;
    }
    H5Tset_cset(mt, cset);
    if (vl) {
        char **buf = govidx__calloc(n, sizeof *buf);
        hid_t sp;
        if (!buf) {
            rc = govidx__oom();
            goto done;
        }
        H5Tset_size(mt, H5T_VARIABLE);
        if (H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
            govidx__free(buf);
            rc = h5fail(r, GOVIDX_EFORMAT, path, "cannot read the strings");
            goto done;
        }
        for (i = 0; i < n && !rc; i++)
            if (!(res[i] = govidx__strdup0(buf[i])))
                rc = govidx__oom();
            else if (govidx__utf8_invalid_at(res[i], strlen(res[i])) != (size_t)-1)
                rc = rfail(r, GOVIDX_EFORMAT, path, "string %zu is not valid UTF-8 (byte %zu)", i,
                           govidx__utf8_invalid_at(res[i], strlen(res[i])));
        sp = H5Dget_space(d);
        H5Dvlen_reclaim(mt, sp, H5P_DEFAULT, buf);
        H5Sclose(sp);
        govidx__free(buf);
    } else {
        size_t sz = H5Tget_size(ft), total;
        char *buf;
        if (sz == 0 || sz > (1u << 20) || !govidx__mul_ok(n, sz + 1, &total)) {
            rc = rfail(r, GOVIDX_EFORMAT, path, "bad fixed string size %zu", sz);
            goto done;
        }
        buf = govidx__malloc(total);
        if (!buf) {
            rc = govidx__oom();
            goto done;
        }
        /* the file's own size and padding: the raw bytes, so that a NUL inside
         * a name is seen (a conversion to NULLTERM would cut there silently) */
        pad = H5Tget_strpad(ft);
        H5Tset_size(mt, sz);
        H5Tset_strpad(mt, pad == H5T_STR_SPACEPAD ? H5T_STR_SPACEPAD : H5T_STR_NULLPAD);
        if (H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
            govidx__free(buf);
            rc = h5fail(r, GOVIDX_EFORMAT, path, "cannot read the strings");
            goto done;
        }
        /* spread the n x sz bytes to n x (sz + 1), from the end, NUL-terminated */
        for (i = n; i-- > 0;) {
            memmove(buf + i * (sz + 1), buf + i * sz, sz);
            buf[i * (sz + 1) + sz] = '\0';
        }
        for (i = 0; i < n && !rc; i++) {
            char *e = buf + i * (sz + 1);
            size_t len, j;
            if (pad == H5T_STR_SPACEPAD)
                for (j = sz; j > 0 && e[j - 1] == ' '; j--)
                    e[j - 1] = '\0';
            len = strlen(e);
            for (j = len; j < sz && !e[j]; j++)
                ;
            if (j < sz) /* bytes after a NUL: the name would be cut short silently */
                rc = rfail(r, GOVIDX_EFORMAT, path, "string %zu contains a NUL byte (at byte %zu)", i, len);
            else if (govidx__utf8_invalid_at(e, len) != (size_t)-1)
                rc = rfail(r, GOVIDX_EFORMAT, path, "string %zu is not valid UTF-8 (byte %zu)", i,
                           govidx__utf8_invalid_at(e, len));
            else if (!(res[i] = govidx__strdup(e)))
                rc = govidx__oom();
        }
        govidx__free(buf);
    }
done:
    if (mt >= 0) H5Tclose(mt);
    if (ft >= 0) H5Tclose(ft);
    H5Dclose(d);
    if (rc) {
        govidx__free_strings(res, n);
        return rc;
    }
    *count = n;
    *out = res;
    return GOVIDX_OK;
}

/* Read a numeric dataset as `memtype` (NATIVE_DOUBLE, NATIVE_INT, NATIVE_SCHAR, NATIVE_UINT8). */
int read_numbers(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
                 int optional, hid_t memtype, size_t elsize, hsize_t *dims, size_t *count,
                 void **out)
{
    hid_t d;
    char path[320];
    size_t n;
    void *buf;
    int rc = open_checked(r, g, gpath, name, rank, w, optional, dims, &n, &d);
    *out = NULL;
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/%s", gpath, name);
    buf = govidx__mallocarray(n, elsize);
    if (!buf) {
        H5Dclose(d);
        return govidx__oom();
    }
    if (memtype == H5T_NATIVE_INT || memtype == H5T_NATIVE_SCHAR) {
        /* read wide and check: HDF5's conversion would clamp 2^40 to INT_MAX silently */
        long long *wide = govidx__mallocarray(n, sizeof *wide), lo, hi;
        size_t i;
        int small = memtype == H5T_NATIVE_SCHAR;
        lo = small ? SCHAR_MIN : INT_MIN;
        hi = small ? SCHAR_MAX : INT_MAX;
        if (!wide) {
            govidx__free(buf);
            H5Dclose(d);
            return govidx__oom();
        }
        if (H5Dread(d, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, wide) < 0) {
            govidx__free(wide);
            govidx__free(buf);
            H5Dclose(d);
            return h5fail(r, GOVIDX_EFORMAT, path, "cannot read the values");
        }
        for (i = 0; i < n; i++) {
            if (wide[i] < lo || wide[i] > hi) {
                long long v = wide[i];
                govidx__free(wide);
                govidx__free(buf);
                H5Dclose(d);
                return rfail(r, GOVIDX_EFORMAT, path, "value %zu is %lld, outside [%lld, %lld]", i, v, lo, hi);
            }
            if (small)
                ((signed char *)buf)[i] = (signed char)wide[i];
            else
                ((int *)buf)[i] = (int)wide[i];
        }
        govidx__free(wide);
    } else if (H5Dread(d, memtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) {
        govidx__free(buf);
        H5Dclose(d);
        return h5fail(r, GOVIDX_EFORMAT, path, "cannot read the values");
    }
    H5Dclose(d);
    *count = n;
    *out = buf;
    return GOVIDX_OK;
}

/* Read a root string attribute into buf (scalar, string class). */
int read_str_attr(rd *r, hid_t obj, const char *name, const char *where, char **out)
{
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT), t = -1, mt = -1, s = -1;
    char o[320];
    int rc = GOVIDX_OK;
    snprintf(o, sizeof o, "%s attribute '%s'", where, name);
    *out = NULL;
    if (a < 0)
        return h5fail(r, GOVIDX_EFORMAT, o, "cannot open");
    t = H5Aget_type(a);
    s = H5Aget_space(a);
    if (t < 0 || s < 0 || H5Tget_class(t) != H5T_STRING || H5Sget_simple_extent_npoints(s) != 1) {
        rc = rfail(r, GOVIDX_EFORMAT, o, "must be a scalar string");
        goto done;
    }
    mt = H5Tcopy(H5T_C_S1);
    H5Tset_cset(mt, H5Tget_cset(t));
    if (H5Tis_variable_str(t) > 0) {
        char *v = NULL;
        H5Tset_size(mt, H5T_VARIABLE);
        if (H5Aread(a, mt, &v) < 0) {
            rc = h5fail(r, GOVIDX_EFORMAT, o, "cannot read");
            goto done;
        }
        *out = govidx__strdup0(v);
        H5free_memory(v);
    } else {
        size_t sz = H5Tget_size(t);
        char *v;
        if (sz == 0 || sz > (1u << 20)) {
            rc = rfail(r, GOVIDX_EFORMAT, o, "bad string size");
            goto done;
        }
        v = govidx__calloc(sz + 1, 1);
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
        *out = v;
    }
    if (!*out && !rc)
        rc = govidx__oom();
done:
    if (mt >= 0) H5Tclose(mt);
    if (t >= 0) H5Tclose(t);
    if (s >= 0) H5Sclose(s);
    H5Aclose(a);
    return rc;
}

int read_format_attrs(rd *r, govidx_dataset *ds)
{
    char *fmt = NULL;
    int rc, version = 0;
    hid_t a, t, s;
    H5O_info_t info;
    hsize_t k;
    htri_t ex = H5Aexists(r->file, "_format");
    if (ex <= 0)
        return rfail(r, GOVIDX_EFORMAT, "/", "attribute _format is missing: not a govidx city dataset");
    if ((rc = read_str_attr(r, r->file, "_format", "root", &fmt)))
        return rc;
    if (strcmp(fmt, GOVIDX_FORMAT_NAME)) {
        rc = rfail(r, GOVIDX_EFORMAT, "/", "_format is '%s', expected '%s'", fmt, GOVIDX_FORMAT_NAME);
        govidx__free(fmt);
        return rc;
    }
    govidx__free(fmt);
    if (H5Aexists(r->file, "_format_version") <= 0)
        return rfail(r, GOVIDX_EFORMAT, "/", "attribute _format_version is missing");
    a = H5Aopen(r->file, "_format_version", H5P_DEFAULT);
    if (a < 0)
        return h5fail(r, GOVIDX_EFORMAT, "/", "cannot open _format_version");
    t = H5Aget_type(a);
    s = H5Aget_space(a);
    rc = t >= 0 && s >= 0 && H5Tget_class(t) == H5T_INTEGER && H5Sget_simple_extent_npoints(s) == 1 &&
         H5Aread(a, H5T_NATIVE_INT, &version) >= 0;
    if (t >= 0) H5Tclose(t);
    if (s >= 0) H5Sclose(s);
    H5Aclose(a);
    if (!rc)
        return rfail(r, GOVIDX_EFORMAT, "/", "_format_version must be a scalar integer");
    if (version != GOVIDX_FORMAT_VERSION)
        return rfail(r, GOVIDX_EFORMAT, "/", "_format_version is %d; this govidx reads version %d", version,
                     GOVIDX_FORMAT_VERSION);
    if (H5Aexists(r->file, "_format_minor") > 0) { /* 1.1: catalogue records in /inventory */
        int minor = -1;
        a = H5Aopen(r->file, "_format_minor", H5P_DEFAULT);
        if (a < 0)
            return h5fail(r, GOVIDX_EFORMAT, "/", "cannot open _format_minor");
        t = H5Aget_type(a);
        s = H5Aget_space(a);
        rc = t >= 0 && s >= 0 && H5Tget_class(t) == H5T_INTEGER && H5Sget_simple_extent_npoints(s) == 1 &&
             H5Aread(a, H5T_NATIVE_INT, &minor) >= 0;
        if (t >= 0) H5Tclose(t);
        if (s >= 0) H5Sclose(s);
        H5Aclose(a);
        if (!rc)
            return rfail(r, GOVIDX_EFORMAT, "/", "_format_minor must be a scalar integer");
        if (minor < 0 || minor > GOVIDX_FORMAT_MINOR)
            return rfail(r, GOVIDX_EFORMAT, "/", "_format_minor is %d; this govidx reads 1.0 to 1.%d", minor,
                         GOVIDX_FORMAT_MINOR);
    }
    /* free text attributes */
    if (H5Oget_info2(r->file, &info, H5O_INFO_NUM_ATTRS) < 0)
        return h5fail(r, GOVIDX_EFORMAT, "/", "cannot list the root attributes");
    if (info.num_attrs > MAX_ROOT_ATTRS)
        return rfail(r, GOVIDX_EDIM, "/", "%llu root attributes (limit %d)", (unsigned long long)info.num_attrs,
                     MAX_ROOT_ATTRS);
    for (k = 0; k < info.num_attrs; k++) {
        char name[256], *v = NULL;
        ssize_t len = H5Aget_name_by_idx(r->file, ".", H5_INDEX_NAME, H5_ITER_INC, k, name, sizeof name,
                                         H5P_DEFAULT);
        if (len < 0)
            return h5fail(r, GOVIDX_EFORMAT, "/", "cannot read an attribute name");
        if ((size_t)len >= sizeof name || name[0] == '_')
            continue;
        if ((rc = read_str_attr(r, r->file, name, "root", &v)))
            return rc;
        ds->readonly = 0;
        rc = govidx_dataset_set_attr(ds, name, v);
        govidx__free(v);
        if (rc)
            return rc;
    }
    return GOVIDX_OK;
}

/* Open group `name` of the root; 1 when absent and optional. */
int open_group(rd *r, const char *name, int optional, hid_t *g)
{
    htri_t ex = H5Lexists(r->file, name, H5P_DEFAULT);
    char o[128];
    snprintf(o, sizeof o, "/%s", name);
    if (ex < 0)
        return h5fail(r, GOVIDX_EFORMAT, o, "cannot look the group up");
    if (!ex)
        return optional ? 1 : rfail(r, GOVIDX_EFORMAT, o, "required group is missing");
    if ((ex = link_ok(r, r->file, name, o)))
        return (int)ex;
    *g = H5Gopen2(r->file, name, NO_ELINK_G);
    if (*g < 0)
        return h5fail(r, GOVIDX_EFORMAT, o, "not a readable group");
    return GOVIDX_OK;
}

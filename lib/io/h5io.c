/*
 * lib/h5io.c - reading, writing and validating format-v1 city-dataset
 * files (docs/format.md) with the HDF5 C library.
 *
 * Every HDF5 call runs inside one H5E_BEGIN_TRY/H5E_END_TRY block opened by
 * the public entry points (the automatic error printing is per thread in a
 * thread-safe HDF5, so it must be switched off on the calling thread), and
 * under a process-wide mutex when the HDF5 build is not thread-safe.
 * Failures are translated into govidx statuses naming the object and the
 * innermost HDF5 message.
 * SPDX-License-Identifier: MIT
 */
#include "dataset/h5io.h"

#include <hdf5.h>

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

#define DEFAULT_MAX_BYTES ((size_t)8 << 30)
#define MAX_ROOT_ATTRS 4096

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

/* The reader's state; obj/msg keep the first structural problem apart so
 * govidx_dataset_validate_file can report them as (object, message). */
typedef struct rd {
    hid_t file;
    size_t max_bytes, used;
    char obj[256];
    char msg[768];
} rd;

static int rfail(rd *r, int status, const char *obj, const char *fmt, ...) GOVIDX__PRINTF(4, 5);

static int rfail(rd *r, int status, const char *obj, const char *fmt, ...)
{
    va_list ap;
    snprintf(r->obj, sizeof r->obj, "%s", obj);
    va_start(ap, fmt);
    vsnprintf(r->msg, sizeof r->msg, fmt, ap);
    va_end(ap);
    return govidx__fail(status, "%s: %s", r->obj, r->msg);
}

/* A failed HDF5 call: add the innermost HDF5 message. */
static int h5fail(rd *r, int status, const char *obj, const char *what)
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

enum want { W_NUMBER, W_INTEGER, W_STRING };

/* An HDF5 type in words ("float64", "int32", "uint8", "string",
 * "compound") for messages: a type error names what was found. */
static void type_words(hid_t t, char *buf, size_t len)
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

static hid_t no_elink(hid_t cls)
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
#define NO_ELINK_L no_elink(H5P_LINK_ACCESS)
#define NO_ELINK_D no_elink(H5P_DATASET_ACCESS)
#define NO_ELINK_G no_elink(H5P_GROUP_ACCESS)

/* `name` in g must be a hard or soft link (inside this file). */
static int link_ok(rd *r, hid_t g, const char *name, const char *path)
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
static int open_checked(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
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
static int read_strings(rd *r, hid_t g, const char *gpath, const char *name, int rank, int optional,
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
static int read_numbers(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
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
static int read_str_attr(rd *r, hid_t obj, const char *name, const char *where, char **out)
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

static int read_format_attrs(rd *r, govidx_dataset *ds)
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
static int open_group(rd *r, const char *name, int optional, hid_t *g)
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
static int read_cube(rd *r, hid_t g, const char *gpath, const char *name, size_t A, size_t Y, size_t B,
                     int is_u8, int optional, const char *const *dimnames, void **out)
{
    hid_t d = -1, fs = -1, ms = -1;
    hsize_t dims[3], start[3], cnt[3], mdims[1];
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
    mdims[0] = per;
    ms = H5Screate_simple(1, mdims, NULL);
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
               {"update_frequency", 0, 1, NULL}};
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

static int load(const char *path, const govidx_open_options *opts, govidx_dataset **out, rd *r)
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

/* ------------------------------------------------------------------ */
/* writing                                                              */
/* ------------------------------------------------------------------ */

typedef struct wr {
    hid_t file, str;
    char obj[256];
} wr;

static int wfail(wr *w, const char *obj)
{
    rd r;
    memset(&r, 0, sizeof r);
    return h5fail(&r, GOVIDX_EIO, obj, "cannot write");
}

static int put_str_attr(hid_t obj, hid_t str, const char *name, const char *value)
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
static int put(wr *w, hid_t g, const char *gpath, const char *name, hid_t ftype, hid_t mtype, int rank,
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

static int put_strings(wr *w, hid_t g, const char *gpath, const char *name, size_t n, char *const *s,
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

static hid_t mkgroup(wr *w, hid_t loc, const char *name)
{
    return H5Gcreate2(loc, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
}

/* Write a per-year column-major cube src[a + A*(b + B*y)] as [A, Y, B], chunk [A, 1, B]. */
static int put_cube(wr *w, hid_t g, const char *gp, const char *name, const void *src, size_t A, size_t Y,
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
    int rc = GOVIDX_OK, ver = GOVIDX_FORMAT_VERSION;
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
int govidx__tempfile(const char *path, char **out);
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
int govidx__commit_tempfile(const char *tmp, const char *path, int replace);
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

/* ------------------------------------------------------------------ */
/* file validation (in this process; isolated: validate_isolated.c)     */
/* ------------------------------------------------------------------ */

static int validate_here(const char *path, govidx_problem_fn report, void *ctx)
{
    govidx_dataset *ds = NULL;
    rd r;
    int rc = load(path, NULL, &ds, &r);
    if (rc) {
        if (report)
            report(ctx, *r.obj ? r.obj : path, *r.msg ? r.msg : govidx_last_error());
        return rc;
    }
    rc = govidx_dataset_validate(ds, report, ctx);
    govidx_dataset_close(ds);
    return rc;
}

int govidx_dataset_validate_file(const char *path, unsigned flags, govidx_problem_fn report,
                                 void *ctx)
{
    if (!path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_validate_file: path is NULL");
    if (flags & ~GOVIDX_VALIDATE_ISOLATED)
        return govidx__fail(GOVIDX_EINVAL, "govidx_dataset_validate_file: unknown flags 0x%x", flags);
    if (flags & GOVIDX_VALIDATE_ISOLATED)
        return govidx__validate_isolated(path, report, ctx);
    return validate_here(path, report, ctx);
}

/* ------------------------------------------------------------------ */
/* results runs                                                         */
/* ------------------------------------------------------------------ */

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out;
    char buf[65536];
    size_t n;
    int bad = 0;
    if (!in)
        return govidx__fail(GOVIDX_EIO, "%s: cannot open: %s", from, strerror(errno));
    out = fopen(to, "wb");
    if (!out) {
        fclose(in);
        return govidx__fail(GOVIDX_EIO, "%s: cannot open: %s", to, strerror(errno));
    }
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0)
        bad = fwrite(buf, 1, n, out) != n;
    bad |= ferror(in);
    fclose(in);
    bad |= fclose(out) != 0;
    return bad ? govidx__fail(GOVIDX_EIO, "%s: cannot copy to a temporary file", from) : GOVIDX_OK;
}

/* The file must carry the format-v1 root attributes. */
static int check_format(rd *r)
{
    govidx_dataset *scratch = NULL;
    int rc = govidx_dataset_new(&scratch);
    if (!rc)
        rc = read_format_attrs(r, scratch);
    govidx_dataset_close(scratch);
    return rc;
}

static int add_run_to(const char *tmp, const char *path, const govidx_run *run, int replace)
{
    rd r;
    wr w;
    hid_t res = -1, g = -1;
    char gp[300];
    hsize_t dims[1];
    size_t k;
    int rc;
    htri_t ex;
    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    r.max_bytes = DEFAULT_MAX_BYTES;
    r.file = H5Fopen(tmp, H5F_ACC_RDWR, H5P_DEFAULT);
    if (r.file < 0)
        return h5fail(&r, GOVIDX_EIO, path, "cannot open as an HDF5 file");
    w.file = r.file;
    w.str = H5Tcopy(H5T_C_S1);
    H5Tset_size(w.str, H5T_VARIABLE);
    H5Tset_cset(w.str, H5T_CSET_UTF8);
    if ((rc = check_format(&r)))
        goto done;
    ex = H5Lexists(r.file, "results", H5P_DEFAULT);
    res = ex > 0 ? H5Gopen2(r.file, "results", H5P_DEFAULT) : ex == 0 ? mkgroup(&w, r.file, "results") : -1;
    if (res < 0) {
        rc = h5fail(&r, GOVIDX_EFORMAT, "/results", "cannot open or create the group");
        goto done;
    }
    snprintf(gp, sizeof gp, "/results/%s", run->name);
    ex = H5Lexists(res, run->name, H5P_DEFAULT);
    if (ex > 0 && !replace) {
        rc = govidx__fail(GOVIDX_EEXIST, "%s: run '%s' already exists (use GOVIDX_WRITE_REPLACE)", path, run->name);
        goto done;
    }
    if (ex < 0 || (ex > 0 && H5Ldelete(res, run->name, H5P_DEFAULT) < 0)) {
        rc = h5fail(&r, GOVIDX_EIO, gp, "cannot replace the run");
        goto done;
    }
    if ((g = mkgroup(&w, res, run->name)) < 0) {
        rc = wfail(&w, gp);
        goto done;
    }
    if ((rc = put_strings(&w, g, gp, "unit_code", run->n_units, run->unit_codes, "unit code")) ||
        (rc = put_strings(&w, g, gp, "node_code", run->n_nodes, run->node_codes, "framework node code")))
        goto done;
    dims[0] = run->n_years;
    if ((rc = put(&w, g, gp, "year", H5T_STD_I32LE, H5T_NATIVE_INT, 1, dims, NULL, run->years, "year", NULL)))
        goto done;
    for (k = 0; k < run->n_arrays; k++)
        if ((rc = put_cube(&w, g, gp, run->array_names[k], run->arrays[k], run->n_units, run->n_years,
                           run->n_nodes, 0, "results[unit, year, node]; NaN = missing", NULL)))
            goto done;
    for (k = 0; k < run->n_attrs; k++)
        if (put_str_attr(g, w.str, run->attr_names[k], run->attr_values[k]) < 0) {
            rc = wfail(&w, gp);
            goto done;
        }
done:
    if (g >= 0) H5Gclose(g);
    if (res >= 0) H5Gclose(res);
    H5Tclose(w.str);
    if (!rc && H5Fflush(r.file, H5F_SCOPE_GLOBAL) < 0)
        rc = wfail(&w, path);
    if (H5Fclose(r.file) < 0 && !rc)
        rc = wfail(&w, path);
    return rc;
}

int govidx_run_file_add(const char *path, const govidx_run *run, unsigned flags)
{
    char *tmp = NULL;
    int rc, lock = -1;
    if (!path || !run)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_file_add: NULL path or run");
    if (flags & ~GOVIDX_WRITE_REPLACE)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_file_add: unknown flags 0x%x", flags);
    if (!run->n_arrays)
        return govidx__fail(GOVIDX_EINVAL, "run '%s' has no arrays", run->name);
    if (govidx__output_kind(path) != 0)
        return govidx__output_kind(path) < 0 ? GOVIDX_EINVAL
                                             : govidx__fail(GOVIDX_EINVAL, "'%s' is not a regular file", path);
    /* Writers of one file take turns: the copy, the change and the rename
     * happen under the lock, so a concurrent writer's run is never lost. */
    if ((rc = govidx__writer_lock(path, &lock)))
        return rc;
    if ((rc = govidx__tempfile(path, &tmp))) {
        govidx__writer_unlock(lock);
        return rc;
    }
    rc = copy_file(path, tmp);
    if (!rc) {
        govidx__h5_lock();
        H5E_BEGIN_TRY {
            rc = add_run_to(tmp, path, run, (flags & GOVIDX_WRITE_REPLACE) != 0);
        } H5E_END_TRY;
        govidx__h5_unlock();
    }
    if (rc)
        unlink(tmp);
    else
        rc = govidx__commit_tempfile(tmp, path, 1);
    govidx__writer_unlock(lock);
    govidx__free(tmp);
    return rc;
}

static int list_runs(rd *r, const char *path, char ***names, size_t *count)
{
    hid_t g;
    H5G_info_t info;
    hsize_t k;
    size_t total = 0, n;
    char **block, *p;
    int rc;
    r->file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (r->file < 0)
        return h5fail(r, GOVIDX_EIO, path, "cannot open as an HDF5 file");
    if ((rc = check_format(r)) || (rc = open_group(r, "results", 1, &g))) {
        H5Fclose(r->file);
        return rc == 1 ? GOVIDX_OK : rc;
    }
    rc = H5Gget_info(g, &info) < 0 ? h5fail(r, GOVIDX_EFORMAT, "/results", "cannot list the runs") : GOVIDX_OK;
    if (!rc && info.nlinks > 100000)
        rc = rfail(r, GOVIDX_EDIM, "/results", "too many runs");
    for (k = 0; !rc && k < info.nlinks; k++) {
        ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, NULL, 0, H5P_DEFAULT);
        if (len < 0)
            rc = h5fail(r, GOVIDX_EFORMAT, "/results", "bad run name");
        else
            total += (size_t)len + 1;
    }
    n = rc ? 0 : (size_t)info.nlinks;
    if (!rc && n) {
        block = govidx__malloc(n * sizeof(char *) + total);
        if (!block)
            rc = govidx__oom();
        else {
            p = (char *)(block + n);
            for (k = 0; k < n; k++) {
                ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, p, total, H5P_DEFAULT);
                block[k] = p;
                p += len + 1;
                total -= (size_t)len + 1;
            }
            *names = block;
            *count = n;
        }
    }
    H5Gclose(g);
    H5Fclose(r->file);
    return rc;
}

int govidx_run_file_list(char ***names, size_t *n, const char *path)
{
    rd r;
    int rc;
    if (!path || !names || !n)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_file_list: NULL argument");
    *names = NULL;
    *n = 0;
    memset(&r, 0, sizeof r);
    r.max_bytes = DEFAULT_MAX_BYTES;
    govidx__h5_lock();
    H5E_BEGIN_TRY {
        rc = list_runs(&r, path, names, n);
    } H5E_END_TRY;
    govidx__h5_unlock();
    return rc;
}

static const char *const run_dims[] = {"unit", "year", "node"};

static int read_run(rd *r, const char *path, const char *name, govidx_run **out)
{
    hid_t res = -1, g = -1;
    char gp[300], **units = NULL, **nodes = NULL;
    int *years = NULL, rc;
    size_t nu = 0, ny = 0, nn = 0, k;
    hsize_t dims[1];
    H5G_info_t gi;
    H5O_info_t oi;
    govidx_run *run = NULL;

    snprintf(gp, sizeof gp, "/results/%s", name);
    r->file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (r->file < 0)
        return h5fail(r, GOVIDX_EIO, path, "cannot open as an HDF5 file");
    if ((rc = check_format(r)))
        goto done;
    if ((rc = open_group(r, "results", 1, &res))) {
        if (rc == 1)
            rc = govidx__fail(GOVIDX_ENOTFOUND, "%s has no run '%s'", path, name);
        res = -1;
        goto done;
    }
    if (H5Lexists(res, name, H5P_DEFAULT) <= 0) {
        rc = govidx__fail(GOVIDX_ENOTFOUND, "%s has no run '%s'", path, name);
        goto done;
    }
    if ((rc = link_ok(r, res, name, gp)))
        goto done;
    if ((g = H5Gopen2(res, name, NO_ELINK_G)) < 0) {
        rc = h5fail(r, GOVIDX_EFORMAT, gp, "not a readable group");
        goto done;
    }
    if ((rc = read_strings(r, g, gp, "unit_code", 1, 0, dims, &nu, &units)) ||
        (rc = read_strings(r, g, gp, "node_code", 1, 0, dims, &nn, &nodes)) ||
        (rc = read_numbers(r, g, gp, "year", 1, W_INTEGER, 0, H5T_NATIVE_INT, sizeof(int), dims, &ny,
                           (void **)&years)))
        goto done;
    if ((rc = govidx__run_alloc(&run, name, nu, ny, nn, (const char *const *)units, years,
                                (const char *const *)nodes)))
        goto done;
    if (H5Gget_info(g, &gi) < 0 || gi.nlinks > 10000) {
        rc = h5fail(r, GOVIDX_EFORMAT, gp, "cannot list the arrays");
        goto done;
    }
    for (k = 0; k < gi.nlinks; k++) {
        char an[256];
        void *data = NULL;
        ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, an, sizeof an, H5P_DEFAULT);
        if (len < 0 || (size_t)len >= sizeof an) {
            rc = h5fail(r, GOVIDX_EFORMAT, gp, "bad array name");
            goto done;
        }
        if (!strcmp(an, "unit_code") || !strcmp(an, "node_code") || !strcmp(an, "year"))
            continue;
        if ((rc = read_cube(r, g, gp, an, nu, ny, nn, 0, 0, run_dims, &data)))
            goto done;
        rc = govidx__run_put_array(run, an, data);
        govidx__free(data);
        if (rc)
            goto done;
    }
    if (H5Oget_info2(g, &oi, H5O_INFO_NUM_ATTRS) < 0 || oi.num_attrs > MAX_ROOT_ATTRS) {
        rc = h5fail(r, GOVIDX_EFORMAT, gp, "cannot list the attributes");
        goto done;
    }
    for (k = 0; k < oi.num_attrs; k++) {
        char an[256], *v = NULL;
        ssize_t len = H5Aget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, k, an, sizeof an, H5P_DEFAULT);
        if (len < 0 || (size_t)len >= sizeof an) {
            rc = h5fail(r, GOVIDX_EFORMAT, gp, "bad attribute name");
            goto done;
        }
        if ((rc = read_str_attr(r, g, an, gp, &v)))
            goto done;
        rc = govidx__run_put_attr(run, an, v);
        govidx__free(v);
        if (rc)
            goto done;
    }
    run->readonly = 1;
    *out = run;
    run = NULL;
done:
    govidx_run_free(run);
    govidx__free_strings(units, nu);
    govidx__free_strings(nodes, nn);
    govidx__free(years);
    if (g >= 0) H5Gclose(g);
    if (res >= 0) H5Gclose(res);
    H5Fclose(r->file);
    return rc;
}

int govidx_run_open(govidx_run **out, const char *path, const char *name)
{
    rd r;
    int rc;
    if (!out || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_open: NULL argument");
    *out = NULL;
    if ((rc = govidx__check_name("run", name)))
        return rc;
    memset(&r, 0, sizeof r);
    r.max_bytes = DEFAULT_MAX_BYTES;
    govidx__h5_lock();
    H5E_BEGIN_TRY {
        rc = read_run(&r, path, name, out);
    } H5E_END_TRY;
    govidx__h5_unlock();
    return rc;
}

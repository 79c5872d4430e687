/*
 * lib/io/h5_runs.c - validating a file in this process, and results runs:
 * added to a file (copy, add, rename), listed and read back
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

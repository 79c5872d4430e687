/*
 * lib/dataset/run.c - results runs in memory: builder, provenance attributes,
 * FNV-1a-64 input checksum, accessors.  Files: h5io.c.
 * SPDX-License-Identifier: MIT
 */
#include "dataset_model.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NPOS ((size_t)-1)

int govidx__check_name(const char *what, const char *name)
{
    size_t n;
    if (!name)
        return govidx__fail(GOVIDX_EINVAL, "%s name is NULL", what);
    n = strlen(name);
    if (n == 0 || n > 200 || strchr(name, '/') || name[0] == '.' || name[0] == '_')
        return govidx__fail(GOVIDX_EINVAL, "%s name '%s': must be 1-200 bytes, without '/', not starting with '.' or '_'",
                            what, name);
    return GOVIDX_OK;
}

static size_t run_cells(const govidx_run *r)
{
    return r->n_units * r->n_years * r->n_nodes; /* checked at creation */
}

int govidx__run_alloc(govidx_run **out, const char *name, size_t nu, size_t ny, size_t nn,
                      const char *const *units, const int *years, const char *const *nodes)
{
    govidx_run *r;
    size_t i, a, b;
    *out = NULL;
    if (!nu || !ny || !nn)
        return govidx__fail(GOVIDX_EINVAL, "run '%s': zero units, years or nodes", name);
    if (!govidx__mul_ok(nu, ny, &a) || !govidx__mul_ok(a, nn, &b) || !govidx__mul_ok(b, sizeof(double), &a))
        return govidx__fail(GOVIDX_EDIM, "run '%s': too large", name);
    r = govidx__calloc(1, sizeof *r);
    if (!r)
        return govidx__oom();
    r->name = govidx__strdup(name);
    r->unit_codes = govidx__calloc(nu, sizeof(char *));
    r->node_codes = govidx__calloc(nn, sizeof(char *));
    r->years = govidx__mallocarray(ny, sizeof(int));
    r->n_units = nu;
    r->n_years = ny;
    r->n_nodes = nn;
    if (!r->name || !r->unit_codes || !r->node_codes || !r->years)
        goto oom;
    for (i = 0; i < nu; i++)
        if (!(r->unit_codes[i] = govidx__strdup0(units[i])))
            goto oom;
    for (i = 0; i < nn; i++)
        if (!(r->node_codes[i] = govidx__strdup0(nodes[i])))
            goto oom;
    memcpy(r->years, years, ny * sizeof(int));
    *out = r;
    return GOVIDX_OK;
oom:
    govidx_run_free(r);
    return govidx__oom();
}

int govidx_run_new(govidx_run **out, const char *name, size_t nu, size_t ny, size_t nn,
                   const char *const *units, const int *years, const char *const *nodes)
{
    int rc;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_new: out is NULL");
    *out = NULL;
    if (!units || !years || !nodes)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_new: NULL codes or years");
    if ((rc = govidx__check_name("run", name)))
        return rc;
    if ((rc = govidx__run_alloc(out, name, nu, ny, nn, units, years, nodes)))
        return rc;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if ((rc = govidx__run_put_attr(*out, "library_version", govidx_version_string())) ||
        (rc = govidx__run_put_attr(*out, "created", when))) {
        govidx_run_free(*out);
        *out = NULL;
    }
    return rc;
}

void govidx_run_free(govidx_run *r)
{
    size_t i;
    if (!r)
        return;
    govidx__free(r->name);
    govidx__free_strings(r->unit_codes, r->unit_codes ? r->n_units : 0);
    govidx__free_strings(r->node_codes, r->node_codes ? r->n_nodes : 0);
    govidx__free(r->years);
    for (i = 0; i < r->n_arrays; i++)
        govidx__free(r->arrays[i]);
    govidx__free(r->arrays);
    govidx__free_strings(r->array_names, r->n_arrays);
    govidx__free_strings(r->attr_names, r->n_attrs);
    govidx__free_strings(r->attr_values, r->n_attrs);
    govidx__free(r);
}

int govidx__run_put_attr(govidx_run *r, const char *key, const char *text)
{
    size_t k = govidx__find_string(r->attr_names, r->n_attrs, key), cap;
    char *v = govidx__strdup0(text), *n;
    int rc;
    if (!v)
        return govidx__oom();
    if (k != NPOS) {
        govidx__free(r->attr_values[k]);
        r->attr_values[k] = v;
        return GOVIDX_OK;
    }
    cap = r->cap_attrs;
    if ((rc = govidx__grow((void **)&r->attr_names, &cap, r->n_attrs, sizeof(char *))) ||
        (rc = govidx__grow((void **)&r->attr_values, &r->cap_attrs, r->n_attrs, sizeof(char *)))) {
        govidx__free(v);
        return rc;
    }
    if (!(n = govidx__strdup(key))) {
        govidx__free(v);
        return govidx__oom();
    }
    r->attr_names[r->n_attrs] = n;
    r->attr_values[r->n_attrs++] = v;
    return GOVIDX_OK;
}

int govidx__run_put_array(govidx_run *r, const char *name, const double *data)
{
    size_t k = govidx__find_string(r->array_names, r->n_arrays, name), n = run_cells(r), cap;
    double *copy = govidx__mallocarray(n, sizeof *copy);
    char *nm;
    int rc;
    if (!copy)
        return govidx__oom();
    memcpy(copy, data, n * sizeof *copy);
    if (k != NPOS) {
        govidx__free(r->arrays[k]);
        r->arrays[k] = copy;
        return GOVIDX_OK;
    }
    cap = r->cap_arrays;
    if ((rc = govidx__grow((void **)&r->array_names, &cap, r->n_arrays, sizeof(char *))) ||
        (rc = govidx__grow((void **)&r->arrays, &r->cap_arrays, r->n_arrays, sizeof(double *)))) {
        govidx__free(copy);
        return rc;
    }
    if (!(nm = govidx__strdup(name))) {
        govidx__free(copy);
        return govidx__oom();
    }
    r->array_names[r->n_arrays] = nm;
    r->arrays[r->n_arrays++] = copy;
    return GOVIDX_OK;
}

static int run_writable(const govidx_run *r)
{
    if (!r)
        return govidx__fail(GOVIDX_EINVAL, "run is NULL");
    if (r->readonly)
        return govidx__fail(GOVIDX_EINVAL, "run '%s' was read from a file and is read-only", r->name);
    return GOVIDX_OK;
}

int govidx_run_set_array(govidx_run *r, const char *name, const double *data)
{
    int rc = run_writable(r);
    if (rc)
        return rc;
    if ((rc = govidx__check_name("array", name)))
        return rc;
    if (!data)
        return govidx__fail(GOVIDX_EINVAL, "run '%s': array '%s' data is NULL", r->name, name);
    return govidx__run_put_array(r, name, data);
}

int govidx_run_set_attr(govidx_run *r, const char *key, const char *text)
{
    int rc = run_writable(r);
    if (rc)
        return rc;
    if (!key || !*key || key[0] == '_' || !text)
        return govidx__fail(GOVIDX_EINVAL, "run attribute: key empty, reserved ('_') or text NULL");
    return govidx__run_put_attr(r, key, text);
}

int govidx_run_set_input_checksum(govidx_run *r, const char *path)
{
    /* FNV-1a 64-bit: h = (h XOR byte) * 0x100000001b3, from 0xcbf29ce484222325
     * (Fowler/Noll/Vo, http://www.isthe.com/chongo/tech/comp/fnv/). */
    uint64_t h = 0xcbf29ce484222325ull;
    unsigned char buf[65536];
    size_t n, i;
    char text[32];
    FILE *f;
    int rc = run_writable(r);
    if (rc)
        return rc;
    if (!path)
        return govidx__fail(GOVIDX_EINVAL, "input checksum: path is NULL");
    f = fopen(path, "rb");
    if (!f)
        return govidx__fail(GOVIDX_EIO, "%s: cannot open: %s", path, strerror(errno));
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (i = 0; i < n; i++) {
            h ^= buf[i];
            h *= 0x100000001b3ull;
        }
    rc = ferror(f);
    fclose(f);
    if (rc)
        return govidx__fail(GOVIDX_EIO, "%s: read error", path);
    snprintf(text, sizeof text, "fnv1a64:%016llx", (unsigned long long)h);
    return govidx__run_put_attr(r, "input_checksum", text);
}

const char *govidx_run_name(const govidx_run *r) { return r ? r->name : NULL; }
size_t govidx_run_n_units(const govidx_run *r) { return r ? r->n_units : 0; }
size_t govidx_run_n_years(const govidx_run *r) { return r ? r->n_years : 0; }
size_t govidx_run_n_nodes(const govidx_run *r) { return r ? r->n_nodes : 0; }
const char *govidx_run_unit_code(const govidx_run *r, size_t u) { return r && u < r->n_units ? r->unit_codes[u] : NULL; }
int govidx_run_year(const govidx_run *r, size_t y) { return r && y < r->n_years ? r->years[y] : 0; }
const char *govidx_run_node_code(const govidx_run *r, size_t k) { return r && k < r->n_nodes ? r->node_codes[k] : NULL; }
size_t govidx_run_n_arrays(const govidx_run *r) { return r ? r->n_arrays : 0; }
const char *govidx_run_array_name(const govidx_run *r, size_t k) { return r && k < r->n_arrays ? r->array_names[k] : NULL; }
size_t govidx_run_n_attrs(const govidx_run *r) { return r ? r->n_attrs : 0; }
const char *govidx_run_attr_name(const govidx_run *r, size_t k) { return r && k < r->n_attrs ? r->attr_names[k] : NULL; }

const char *govidx_run_attr(const govidx_run *r, const char *key)
{
    size_t k;
    if (!r || !key)
        return NULL;
    k = govidx__find_string(r->attr_names, r->n_attrs, key);
    return k == NPOS ? NULL : r->attr_values[k];
}

int govidx_run_array(const double **data, const govidx_run *r, const char *name)
{
    size_t k;
    if (!r || !name || !data)
        return govidx__fail(GOVIDX_EINVAL, "govidx_run_array: NULL argument");
    k = govidx__find_string(r->array_names, r->n_arrays, name);
    if (k == NPOS)
        return govidx__fail(GOVIDX_ENOTFOUND, "run '%s' has no array '%s'", r->name, name);
    *data = r->arrays[k];
    return GOVIDX_OK;
}

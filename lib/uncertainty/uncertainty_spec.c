/*
 * lib/uncertainty_spec.c - the declarative uncertainty specification read
 * from JSON (jansson): the same fields as govidx_uncertainty_options and
 * the CLI's options, owned by one handle so the varied keys' strings live
 * as long as the options that point at them.
 *
 * Everything is checked while reading (unknown keys, types, ranges, a
 * vary entry without a key or with fewer than two values); what needs the
 * plan (a varied key the pipeline does not use, a node that does not
 * exist, a noise level without weights) is checked by the run before
 * anything is computed, like options built by hand.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/uncertainty.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

struct govidx_uncertainty_spec {
    govidx_uncertainty_options o;
    govidx_uncertainty_vary *vary;
    const char ***values;  /* per vary entry */
    char **strings;        /* every string owned: keys, nodes, values */
    size_t n_strings, cap_strings;
    double quantiles[32];
    size_t n_quantiles;
};

void govidx_uncertainty_spec_free(govidx_uncertainty_spec *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->n_strings; i++)
        govidx__free(s->strings[i]);
    for (i = 0; s->values && i < s->o.n_vary; i++)
        govidx__free((void *)s->values[i]);
    govidx__free(s->strings);
    govidx__free(s->values);
    govidx__free(s->vary);
    govidx__free(s);
}

/* A copy of text owned by the spec. */
static const char *own(govidx_uncertainty_spec *s, const char *text)
{
    char *c;
    if (s->n_strings == s->cap_strings) {
        size_t cap = s->cap_strings ? 2 * s->cap_strings : 16;
        char **grown = govidx__realloc(s->strings, cap * sizeof *grown);
        if (!grown)
            return NULL;
        s->strings = grown;
        s->cap_strings = cap;
    }
    if (!(c = govidx__strdup(text)))
        return NULL;
    return s->strings[s->n_strings++] = c;
}

static int bad(const char *key, const char *what)
{
    return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: '%s' must be %s", key, what);
}

/* A non-negative integer that fits size_t. */
static int get_size(json_t *v, const char *key, size_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return bad(key, "a non-negative integer");
    *out = (size_t)json_integer_value(v);
    return GOVIDX_OK;
}

static int get_number(json_t *v, const char *key, double *out)
{
    if (!json_is_number(v) || !isfinite(json_number_value(v)))
        return bad(key, "a finite number");
    *out = json_number_value(v);
    return GOVIDX_OK;
}

static int get_bool(json_t *v, const char *key, int *out)
{
    if (!json_is_boolean(v))
        return bad(key, "true or false");
    *out = json_is_true(v);
    return GOVIDX_OK;
}

/* A value of a varied key: a string, or a number written as the CLI would. */
static const char *value_text(govidx_uncertainty_spec *s, json_t *v, char *buf, size_t len)
{
    if (json_is_string(v))
        return own(s, json_string_value(v));
    if (json_is_integer(v))
        snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, len, "%.17g", json_real_value(v));
    else
        return NULL;
    return own(s, buf);
}

static int read_vary(govidx_uncertainty_spec *s, json_t *arr)
{
    size_t i, n;
    if (!json_is_array(arr))
        return bad("vary", "an array of {\"node\": ..., \"key\": ..., \"values\": [...]} objects");
    n = json_array_size(arr);
    s->vary = govidx__calloc(n ? n : 1, sizeof *s->vary);
    s->values = govidx__calloc(n ? n : 1, sizeof *s->values);
    if (!s->vary || !s->values)
        return govidx__oom();
    for (i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i), *vals, *v;
        const char *name;
        size_t j;
        char buf[64];
        if (!json_is_object(e))
            return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu] must be an object", i);
        json_object_foreach(e, name, v) {
            if (strcmp(name, "key") && strcmp(name, "node") && strcmp(name, "values"))
                return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu]: unknown key '%s' (key, node, values)",
                                    i, name);
        }
        v = json_object_get(e, "key");
        if (!json_is_string(v) || !*json_string_value(v))
            return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu] needs a \"key\" string (a method key)", i);
        if (!(s->vary[i].key = own(s, json_string_value(v))))
            return govidx__oom();
        v = json_object_get(e, "node");
        if (v && !json_is_null(v)) {
            if (!json_is_string(v) || !*json_string_value(v))
                return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu]: \"node\" must be a node code", i);
            if (!(s->vary[i].node = own(s, json_string_value(v))))
                return govidx__oom();
        }
        vals = json_object_get(e, "values");
        if (!json_is_array(vals) || json_array_size(vals) < 2)
            return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu] (%s): \"values\" must be an array of at "
                                                "least two values",
                                i, s->vary[i].key);
        s->values[i] = govidx__calloc(json_array_size(vals), sizeof *s->values[i]);
        if (!s->values[i])
            return govidx__oom();
        s->o.n_vary = i + 1; /* so free releases values[i] */
        json_array_foreach(vals, j, v) {
            const char *t = value_text(s, v, buf, sizeof buf);
            if (!t)
                return json_is_string(v) || json_is_number(v)
                           ? govidx__oom()
                           : govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: vary[%zu] (%s): value %zu must be a "
                                                          "string or a number",
                                          i, s->vary[i].key, j);
            s->values[i][j] = t;
        }
        s->vary[i].values = s->values[i];
        s->vary[i].n_values = json_array_size(vals);
    }
    s->o.vary = s->vary;
    s->o.n_vary = n;
    return GOVIDX_OK;
}

static int read_levels(govidx_uncertainty_spec *s, json_t *arr)
{
    size_t i;
    json_t *v;
    if (!json_is_array(arr) || !json_array_size(arr))
        return bad("noise_levels", "a non-empty array of levels 1..31 (1 = indicators)");
    json_array_foreach(arr, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 31)
            return bad("noise_levels", "a non-empty array of levels 1..31 (1 = indicators)");
        s->o.noise_levels |= 1u << (unsigned)json_integer_value(v);
    }
    return GOVIDX_OK;
}

static int read_quantiles(govidx_uncertainty_spec *s, json_t *arr)
{
    size_t i;
    json_t *v;
    if (!json_is_array(arr) || json_array_size(arr) > 32)
        return bad("quantiles", "an array of at most 32 percentages in [0, 100]");
    json_array_foreach(arr, i, v) {
        if (!json_is_number(v) || !(json_number_value(v) >= 0.0 && json_number_value(v) <= 100.0))
            return bad("quantiles", "an array of at most 32 percentages in [0, 100]");
        s->quantiles[s->n_quantiles++] = json_number_value(v);
    }
    return GOVIDX_OK;
}

static int read_root(govidx_uncertainty_spec *s, json_t *root)
{
    const char *key;
    json_t *v;
    int rc = GOVIDX_OK;
    json_object_foreach(root, key, v) {
        if (!strcmp(key, "replications"))
            rc = get_size(v, key, &s->o.replications);
        else if (!strcmp(key, "seed")) {
            if (!json_is_integer(v) || json_integer_value(v) < 0)
                rc = bad(key, "a non-negative integer");
            else
                s->o.seed = (uint64_t)json_integer_value(v);
        } else if (!strcmp(key, "weights_noise"))
            rc = get_number(v, key, &s->o.weights_noise);
        else if (!strcmp(key, "noise_levels"))
            rc = read_levels(s, v);
        else if (!strcmp(key, "weights_dirichlet"))
            rc = get_number(v, key, &s->o.weights_dirichlet);
        else if (!strcmp(key, "data_noise"))
            rc = get_bool(v, key, &s->o.data_noise);
        else if (!strcmp(key, "leave_one_out"))
            rc = get_bool(v, key, &s->o.leave_one_out);
        else if (!strcmp(key, "vary"))
            rc = read_vary(s, v);
        else if (!strcmp(key, "quantiles"))
            rc = read_quantiles(s, v);
        else if (!strcmp(key, "sobol"))
            rc = get_bool(v, key, &s->o.sobol);
        else if (!strcmp(key, "bootstrap"))
            rc = get_size(v, key, &s->o.bootstrap);
        else if (!strcmp(key, "sobol_width"))
            rc = get_number(v, key, &s->o.sobol_width);
        else if (!strcmp(key, "roots_only"))
            rc = get_bool(v, key, &s->o.roots_only);
        else if (!strcmp(key, "ranks_only"))
            rc = get_bool(v, key, &s->o.ranks_only);
        else if (!strcmp(key, "threads"))
            rc = get_size(v, key, &s->o.n_threads);
        else if (!strcmp(key, "batch"))
            rc = get_size(v, key, &s->o.batch);
        else if (!strcmp(key, "sampling")) {
            const char *t = json_is_string(v) ? json_string_value(v) : "";
            if (!strcmp(t, "random"))
                s->o.sampling = GOVIDX_SAMPLING_RANDOM;
            else if (!strcmp(t, "sobol"))
                s->o.sampling = GOVIDX_SAMPLING_SOBOL;
            else
                rc = bad(key, "\"random\" or \"sobol\"");
        } else
            rc = govidx__fail(GOVIDX_EFORMAT,
                              "uncertainty spec: unknown key '%s' (replications, seed, weights_noise, noise_levels, "
                              "weights_dirichlet, leave_one_out, data_noise, vary, quantiles, sampling, sobol, bootstrap, "
                              "sobol_width, roots_only, ranks_only, threads, batch)",
                              key);
        if (rc)
            return rc;
    }
    if (s->o.replications == 0)
        return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: 'replications' (N >= 1) is required");
    return GOVIDX_OK;
}

/* The spec of a parsed JSON value (consumed). */
static int from_root(govidx_uncertainty_spec **out, json_t *root)
{
    govidx_uncertainty_spec *s;
    int rc;
    if (!json_is_object(root)) {
        json_decref(root);
        return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: the JSON text must be an object");
    }
    if (!(s = govidx__calloc(1, sizeof *s))) {
        json_decref(root);
        return govidx__oom();
    }
    govidx_uncertainty_options_init(&s->o, GOVIDX_UNCERTAINTY_OPTIONS_VERSION);
    rc = read_root(s, root);
    json_decref(root);
    if (rc) {
        govidx_uncertainty_spec_free(s);
        return rc;
    }
    *out = s;
    return GOVIDX_OK;
}

int govidx_uncertainty_spec_from_json(govidx_uncertainty_spec **out, const char *text)
{
    json_error_t err;
    json_t *root;
    if (!out || !text)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_spec_from_json: NULL argument");
    *out = NULL;
    root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: JSON error at line %d, column %d: %s", err.line,
                            err.column, err.text);
    return from_root(out, root);
}

int govidx_uncertainty_spec_from_file(govidx_uncertainty_spec **out, const char *path)
{
    json_error_t err;
    json_t *root;
    if (!out || !path)
        return govidx__fail(GOVIDX_EINVAL, "govidx_uncertainty_spec_from_file: NULL argument");
    *out = NULL;
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        if (err.line < 0) /* not a JSON error: the file itself */
            return govidx__fail(GOVIDX_EIO, "uncertainty spec: cannot read '%s': %s", path, err.text);
        return govidx__fail(GOVIDX_EFORMAT, "uncertainty spec: '%s': JSON error at line %d, column %d: %s", path,
                            err.line, err.column, err.text);
    }
    return from_root(out, root);
}

const govidx_uncertainty_options *govidx_uncertainty_spec_options(const govidx_uncertainty_spec *s)
{
    return s ? &s->o : NULL;
}

const double *govidx_uncertainty_spec_quantiles(const govidx_uncertainty_spec *s, size_t *n)
{
    if (n)
        *n = s ? s->n_quantiles : 0;
    return s ? s->quantiles : NULL;
}

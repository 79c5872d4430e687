/*
 * lib/composite/method.c - the method specification: known keys, defaults, per-node
 * overrides, JSON in and out (jansson).
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "govidx/method.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum key_kind { KIND_CHOICE, KIND_NUMBER, KIND_BOOL, KIND_TEXT };

/* Where a key may be set: the whole spec only, or also per indicator / per
 * aggregate.  The one table of this (method.h documents it, set_node and
 * govidx__method_check_framework enforce it). */
enum key_scope { SCOPE_SPEC, SCOPE_INDICATOR, SCOPE_AGGREGATE };

typedef struct key_def {
    const char *key;
    const char *def;
    enum key_kind kind;
    enum key_scope scope;
    const govidx__names *names; /* KIND_CHOICE: the family's name table */
} key_def;

static const key_def keys[] = {
    {"denominate", "no", KIND_BOOL, SCOPE_SPEC, NULL},
    {"impute.method", "none", KIND_CHOICE, SCOPE_SPEC, &govidx__impute_names},
    {"impute.group", "", KIND_TEXT, SCOPE_SPEC, NULL},
    {"treat.method", "none", KIND_CHOICE, SCOPE_INDICATOR, &govidx__treat_names},
    {"treat.winmax", "5", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"treat.skew", "2", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"treat.kurt", "3.5", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"treat.lambda", "0", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"treat.count", "cumulative", KIND_CHOICE, SCOPE_INDICATOR, &govidx__treat_count_names},
    {"screen.min_share", "0", KIND_NUMBER, SCOPE_SPEC, NULL},
    {"screen.by", "indicators", KIND_CHOICE, SCOPE_SPEC, &govidx__screen_by_names},
    {"units.exclude", "", KIND_TEXT, SCOPE_SPEC, NULL},
    {"units.only", "", KIND_TEXT, SCOPE_SPEC, NULL},
    {"normalize.method", "minmax", KIND_CHOICE, SCOPE_INDICATOR, &govidx__norm_names},
    {"normalize.low", "0", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"normalize.high", "100", KIND_NUMBER, SCOPE_INDICATOR, NULL},
    {"weights.method", "nominal", KIND_CHOICE, SCOPE_AGGREGATE, &govidx__weight_names},
    {"weights.pooled", "yes", KIND_BOOL, SCOPE_SPEC, NULL},
    {"aggregate.method", "arithmetic", KIND_CHOICE, SCOPE_AGGREGATE, &govidx__aggregate_names},
    {"aggregate.p", "1", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
    {"aggregate.floor", "0", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
    {"aggregate.min_share", "0", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
    {"aggregate.bod_share_min", "0", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
    {"aggregate.bod_share_max", "1", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
    {"aggregate.bod_m", "25", KIND_NUMBER, SCOPE_AGGREGATE, NULL},
};
#define N_KEYS (sizeof keys / sizeof keys[0])

typedef struct node_override {
    char *node;
    size_t key;
    char *value;
} node_override;

struct govidx_method {
    char *value[N_KEYS]; /* NULL = default */
    node_override *ov;
    size_t n_ov, cap_ov;
};

static int find_key(const char *key, size_t *k)
{
    size_t i;
    if (!key)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL key");
    for (i = 0; i < N_KEYS; i++)
        if (!strcmp(keys[i].key, key)) {
            *k = i;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_EFORMAT, "method: unknown key '%s'", key);
}

/* Check `value` against key k; write the canonical text into canon. */
static int check_value(size_t k, const char *value, char *canon, size_t n)
{
    const key_def *d = &keys[k];
    int v;
    if (!value)
        return govidx__fail(GOVIDX_EINVAL, "method: '%s' has no value", d->key);
    switch (d->kind) {
    case KIND_CHOICE:
        /* an alias ("winsorise") is stored as its canonical name */
        if (govidx__names_find(d->names, value, &v))
            return govidx__fail(GOVIDX_EFORMAT, "method: key '%s': unknown %s '%s'", d->key, d->names->what,
                                value);
        value = govidx__names_name(d->names, v);
        break;
    case KIND_BOOL:
        if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1"))
            value = "yes";
        else if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "0"))
            value = "no";
        else
            return govidx__fail(GOVIDX_EFORMAT, "method: key '%s' must be yes or no, not '%s'", d->key, value);
        break;
    case KIND_NUMBER: {
        char *end;
        double x = strtod(value, &end);
        if (end == value || *end || !isfinite(x))
            return govidx__fail(GOVIDX_EFORMAT, "method: key '%s' must be a finite number, not '%s'", d->key,
                                value);
        break;
    }
    case KIND_TEXT:
        break;
    }
    if (strlen(value) >= n)
        return govidx__fail(GOVIDX_EFORMAT, "method: value of key '%s' is too long", d->key);
    strcpy(canon, value);
    return GOVIDX_OK;
}

int govidx_method_new(govidx_method **out)
{
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "method: out is NULL");
    *out = govidx__calloc(1, sizeof **out);
    return *out ? GOVIDX_OK : govidx__oom();
}

void govidx_method_free(govidx_method *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < N_KEYS; i++)
        govidx__free(m->value[i]);
    for (i = 0; i < m->n_ov; i++) {
        govidx__free(m->ov[i].node);
        govidx__free(m->ov[i].value);
    }
    govidx__free(m->ov);
    govidx__free(m);
}

int govidx_method_set(govidx_method *m, const char *key, const char *value)
{
    char canon[256], *copy;
    size_t k;
    int rc;
    if (!m)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL spec");
    if ((rc = find_key(key, &k)) || (rc = check_value(k, value, canon, sizeof canon)))
        return rc;
    if (!(copy = govidx__strdup(canon)))
        return govidx__oom();
    govidx__free(m->value[k]);
    m->value[k] = copy;
    return GOVIDX_OK;
}

int govidx_method_set_node(govidx_method *m, const char *node, const char *key, const char *value)
{
    char canon[256], *copy;
    size_t k, i;
    int rc;
    if (!m || !node || !*node)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL spec or empty node code");
    if ((rc = find_key(key, &k)) || (rc = check_value(k, value, canon, sizeof canon)))
        return govidx__fail_context(rc, "node '%s'", node);
    if (keys[k].scope == SCOPE_SPEC)
        return govidx__fail(GOVIDX_EFORMAT, "method: key '%s' applies to the whole spec, not to node '%s'",
                            keys[k].key, node);
    if (!(copy = govidx__strdup(canon)))
        return govidx__oom();
    for (i = 0; i < m->n_ov; i++)
        if (m->ov[i].key == k && !strcmp(m->ov[i].node, node)) {
            govidx__free(m->ov[i].value);
            m->ov[i].value = copy;
            return GOVIDX_OK;
        }
    if (m->n_ov == m->cap_ov) {
        size_t cap = m->cap_ov ? 2 * m->cap_ov : 8;
        node_override *p = govidx__realloc(m->ov, cap * sizeof *p);
        if (!p) {
            govidx__free(copy);
            return govidx__oom();
        }
        m->ov = p;
        m->cap_ov = cap;
    }
    m->ov[m->n_ov].node = govidx__strdup(node);
    if (!m->ov[m->n_ov].node) {
        govidx__free(copy);
        return govidx__oom();
    }
    m->ov[m->n_ov].key = k;
    m->ov[m->n_ov].value = copy;
    m->n_ov++;
    return GOVIDX_OK;
}

const char *govidx_method_get(const govidx_method *m, const char *node, const char *key)
{
    size_t k, i;
    if (!m || find_key(key, &k) != GOVIDX_OK)
        return NULL;
    if (node)
        for (i = 0; i < m->n_ov; i++)
            if (m->ov[i].key == k && !strcmp(m->ov[i].node, node))
                return m->ov[i].value;
    return m->value[k] ? m->value[k] : keys[k].def;
}

int govidx_method_copy(govidx_method **out, const govidx_method *m)
{
    govidx_method *c = NULL;
    size_t i;
    int rc;
    if (!out || !m)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL argument");
    if ((rc = govidx_method_new(&c)))
        return rc;
    for (i = 0; i < N_KEYS && rc == GOVIDX_OK; i++)
        if (m->value[i])
            rc = govidx_method_set(c, keys[i].key, m->value[i]);
    for (i = 0; i < m->n_ov && rc == GOVIDX_OK; i++)
        rc = govidx_method_set_node(c, m->ov[i].node, keys[m->ov[i].key].key, m->ov[i].value);
    if (rc) {
        govidx_method_free(c);
        return rc;
    }
    *out = c;
    return GOVIDX_OK;
}

/* Every node override names a node of fw, and its key applies to that
 * node's type (indicator or aggregate).  Called by govidx_plan_new. */
int govidx__method_check_framework(const govidx_method *m, const govidx_framework *fw)
{
    size_t i, k;
    for (i = 0; i < m->n_ov; i++) {
        int leaf;
        if (govidx_framework_find(&k, fw, m->ov[i].node) != GOVIDX_OK)
            return govidx__fail(GOVIDX_EFORMAT, "method: node '%s' is not in the framework", m->ov[i].node);
        leaf = govidx_framework_is_indicator(fw, k);
        if (keys[m->ov[i].key].scope != (leaf ? SCOPE_INDICATOR : SCOPE_AGGREGATE))
            return govidx__fail(GOVIDX_EFORMAT, "method: key '%s' does not apply to %s '%s'",
                                keys[m->ov[i].key].key, leaf ? "indicator" : "aggregate", m->ov[i].node);
    }
    return GOVIDX_OK;
}

/* --- JSON ---------------------------------------------------------------- */

/* JSON value -> text for a key (numbers printed with %.17g, booleans yes/no). */
static int json_to_text(const json_t *v, const char *where, char *buf, size_t n)
{
    if (json_is_string(v))
        snprintf(buf, n, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, n, "%.17g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(buf, n, "%s", json_is_true(v) ? "yes" : "no");
    else
        return govidx__fail(GOVIDX_EFORMAT, "method: key '%s' must be a string, number or boolean", where);
    return GOVIDX_OK;
}

/* One section {"method": ..., "low": ...} under `prefix` ("normalize"). */
static int load_section(govidx_method *m, const char *node, const char *prefix, json_t *sec)
{
    const char *name;
    json_t *v;
    char key[128], text[256];
    int rc;
    if (json_is_string(sec)) { /* shorthand: "aggregate": "geometric" */
        snprintf(key, sizeof key, "%s.method", prefix);
        return node ? govidx_method_set_node(m, node, key, json_string_value(sec))
                    : govidx_method_set(m, key, json_string_value(sec));
    }
    if (!json_is_object(sec))
        return govidx__fail(GOVIDX_EFORMAT, "method: %s%s%s'%s' must be an object or a method name",
                            node ? "node '" : "", node ? node : "", node ? "': " : "", prefix);
    json_object_foreach(sec, name, v) {
        snprintf(key, sizeof key, "%s.%s", prefix, name);
        if ((rc = json_to_text(v, key, text, sizeof text)))
            return node ? govidx__fail_context(rc, "node '%s'", node) : rc;
        rc = node ? govidx_method_set_node(m, node, key, text) : govidx_method_set(m, key, text);
        if (rc)
            return rc;
    }
    return GOVIDX_OK;
}

static int is_section(const char *name)
{
    return !strcmp(name, "impute") || !strcmp(name, "screen") || !strcmp(name, "units") || !strcmp(name, "treat") || !strcmp(name, "normalize") ||
           !strcmp(name, "weights") || !strcmp(name, "aggregate");
}

static int load_object(govidx_method *m, const char *node, json_t *obj)
{
    const char *name;
    json_t *v;
    char text[256];
    int rc = GOVIDX_OK;
    json_object_foreach(obj, name, v) {
        if (!node && !strcmp(name, "govidx_method")) {
            if (!json_is_integer(v) || json_integer_value(v) != 1)
                return govidx__fail(GOVIDX_EFORMAT, "method: unsupported govidx_method version");
        } else if (!node && !strcmp(name, "nodes")) {
            const char *code;
            json_t *spec;
            if (!json_is_object(v))
                return govidx__fail(GOVIDX_EFORMAT, "method: 'nodes' must be an object");
            json_object_foreach(v, code, spec) {
                if (!json_is_object(spec))
                    return govidx__fail(GOVIDX_EFORMAT, "method: nodes.%s must be an object", code);
                if ((rc = load_object(m, code, spec))) /* messages name the node */
                    return rc;
            }
        } else if (is_section(name)) {
            if ((rc = load_section(m, node, name, v)))
                return rc;
        } else if (!strcmp(name, "denominate") || !strcmp(name, "comment") || !strcmp(name, "title")) {
            if (!strcmp(name, "denominate")) {
                if ((rc = json_to_text(v, name, text, sizeof text)))
                    return rc;
                rc = node ? govidx_method_set_node(m, node, name, text) : govidx_method_set(m, name, text);
                if (rc)
                    return rc;
            }
        } else if (node) {
            return govidx__fail(GOVIDX_EFORMAT, "method: node '%s': unknown key '%s'", node, name);
        } else {
            return govidx__fail(GOVIDX_EFORMAT, "method: unknown key '%s'", name);
        }
    }
    return GOVIDX_OK;
}

int govidx_method_from_json(govidx_method **out, const char *text)
{
    json_error_t err;
    json_t *root;
    govidx_method *m = NULL;
    int rc;
    if (!out || !text)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL argument");
    *out = NULL;
    root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return govidx__fail(GOVIDX_EFORMAT, "method: JSON error at line %d, column %d: %s", err.line,
                            err.column, err.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return govidx__fail(GOVIDX_EFORMAT, "method: the JSON text must be an object");
    }
    rc = govidx_method_new(&m);
    if (rc == GOVIDX_OK)
        rc = load_object(m, NULL, root);
    json_decref(root);
    if (rc) {
        govidx_method_free(m);
        return rc;
    }
    *out = m;
    return GOVIDX_OK;
}

int govidx_method_from_file(govidx_method **out, const char *path)
{
    FILE *f;
    char *text = NULL;
    long len;
    int rc;
    if (!out || !path)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL argument");
    f = fopen(path, "rb");
    if (!f)
        return govidx__fail(GOVIDX_EIO, "method: cannot open '%s'", path);
    if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > (1L << 24) || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return govidx__fail(GOVIDX_EIO, "method: cannot read '%s' (or larger than 16 MiB)", path);
    }
    text = govidx__malloc((size_t)len + 1);
    if (!text) {
        fclose(f);
        return govidx__oom();
    }
    if (fread(text, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        govidx__free(text);
        return govidx__fail(GOVIDX_EIO, "method: cannot read '%s'", path);
    }
    fclose(f);
    text[len] = '\0';
    rc = govidx_method_from_json(out, text);
    govidx__free(text);
    if (rc)
        return govidx__fail_context(rc, "%s", path);
    return GOVIDX_OK;
}

/* Add key k's value into obj as {"section": {"name": value}} with a typed JSON value. */
static int put_value(json_t *obj, size_t k, const char *value)
{
    const char *dot = strchr(keys[k].key, '.');
    json_t *v, *sec;
    if (keys[k].kind == KIND_NUMBER)
        v = json_real(strtod(value, NULL));
    else if (keys[k].kind == KIND_BOOL)
        v = json_boolean(!strcmp(value, "yes"));
    else
        v = json_string(value);
    if (!v)
        return govidx__oom();
    if (!dot)
        return json_object_set_new(obj, keys[k].key, v) ? govidx__oom() : GOVIDX_OK;
    {
        char section[64];
        size_t len = (size_t)(dot - keys[k].key);
        memcpy(section, keys[k].key, len);
        section[len] = '\0';
        sec = json_object_get(obj, section);
        if (!sec) {
            sec = json_object();
            if (!sec || json_object_set_new(obj, section, sec)) {
                json_decref(v);
                return govidx__oom();
            }
        }
        return json_object_set_new(sec, dot + 1, v) ? govidx__oom() : GOVIDX_OK;
    }
}

int govidx_method_to_json(char **out, const govidx_method *m)
{
    json_t *root, *nodes = NULL;
    char *text, *copy;
    size_t k, i;
    int rc = GOVIDX_OK;
    if (!m || !out)
        return govidx__fail(GOVIDX_EINVAL, "method: NULL argument");
    root = json_object();
    if (!root || json_object_set_new(root, "govidx_method", json_integer(1)))
        rc = govidx__oom();
    for (k = 0; k < N_KEYS && rc == GOVIDX_OK; k++)
        rc = put_value(root, k, govidx_method_get(m, NULL, keys[k].key));
    for (i = 0; i < m->n_ov && rc == GOVIDX_OK; i++) {
        json_t *spec;
        if (!nodes && (!(nodes = json_object()) || json_object_set_new(root, "nodes", nodes))) {
            rc = govidx__oom();
            break;
        }
        spec = json_object_get(nodes, m->ov[i].node);
        if (!spec && (!(spec = json_object()) || json_object_set_new(nodes, m->ov[i].node, spec))) {
            rc = govidx__oom();
            break;
        }
        rc = put_value(spec, m->ov[i].key, m->ov[i].value);
    }
    if (rc) {
        json_decref(root);
        return rc;
    }
    text = json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (!text)
        return govidx__oom();
    copy = govidx__strdup(text);
    free(text); /* jansson's own allocation */
    if (!copy)
        return govidx__oom();
    *out = copy;
    return GOVIDX_OK;
}

/*
 * lib/result.c - results of an executed plan: storage, accessors, CSV export.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"
#include "result_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void govidx_result_free(govidx_result *r)
{
    size_t i;
    if (!r)
        return;
    if (r->unit_codes)
        for (i = 0; i < r->n_units; i++)
            govidx__free(r->unit_codes[i]);
    if (r->node_codes)
        for (i = 0; i < r->n_nodes; i++)
            govidx__free(r->node_codes[i]);
    govidx__free(r->unit_codes);
    govidx__free(r->node_codes);
    govidx__free(r->years);
    govidx__free(r->is_leaf);
    govidx__free(r->output_order);
    govidx__free(r->scores);
    govidx__free(r->ranks);
    govidx__free(r->contrib);
    govidx__free(r->flags);
    govidx__free(r->method_json);
    govidx__free(r);
}

int govidx__result_alloc(govidx_result **out, size_t n_units, size_t n_years, size_t n_nodes)
{
    govidx_result *r;
    size_t cells, i;
    if (!govidx__mul_ok(n_units, n_years, &cells) || !govidx__mul_ok(cells, n_nodes, &cells) ||
        !govidx__mul_ok(cells, sizeof(double), &i))
        return govidx__fail(GOVIDX_EDIM, "result: %zu units x %zu years x %zu nodes overflows", n_units,
                            n_years, n_nodes);
    r = govidx__calloc(1, sizeof *r);
    if (!r)
        return govidx__oom();
    r->n_units = n_units;
    r->n_years = n_years;
    r->n_nodes = n_nodes;
    r->unit_codes = govidx__calloc(n_units, sizeof *r->unit_codes);
    r->node_codes = govidx__calloc(n_nodes, sizeof *r->node_codes);
    r->years = govidx__calloc(n_years, sizeof *r->years);
    r->is_leaf = govidx__calloc(n_nodes, sizeof *r->is_leaf);
    r->scores = govidx__mallocarray(cells, sizeof *r->scores);
    r->ranks = govidx__calloc(cells, sizeof *r->ranks);
    r->contrib = govidx__mallocarray(cells, sizeof *r->contrib);
    r->flags = govidx__calloc(cells, sizeof *r->flags);
    if (!r->unit_codes || !r->node_codes || !r->years || !r->is_leaf || !r->scores || !r->ranks ||
        !r->contrib || !r->flags) {
        govidx_result_free(r);
        return govidx__oom();
    }
    for (i = 0; i < cells; i++)
        r->scores[i] = r->contrib[i] = NAN;
    *out = r;
    return GOVIDX_OK;
}

size_t govidx_result_n_units(const govidx_result *r) { return r ? r->n_units : 0; }
size_t govidx_result_n_years(const govidx_result *r) { return r ? r->n_years : 0; }
size_t govidx_result_n_nodes(const govidx_result *r) { return r ? r->n_nodes : 0; }

const char *govidx_result_unit_code(const govidx_result *r, size_t unit)
{
    return r && unit < r->n_units ? r->unit_codes[unit] : NULL;
}

int govidx_result_year(const govidx_result *r, size_t year)
{
    return r && year < r->n_years ? r->years[year] : 0;
}

const char *govidx_result_node_code(const govidx_result *r, size_t node)
{
    return r && node < r->n_nodes ? r->node_codes[node] : NULL;
}

static int in_range(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return r && unit < r->n_units && year < r->n_years && node < r->n_nodes;
}

double govidx_result_score(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return in_range(r, unit, year, node) ? r->scores[GOVIDX__CELL(r, unit, year, node)] : NAN;
}

size_t govidx_result_rank(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return in_range(r, unit, year, node) ? r->ranks[GOVIDX__CELL(r, unit, year, node)] : 0;
}

const double *govidx_result_scores(const govidx_result *r, size_t year, size_t node)
{
    return in_range(r, 0, year, node) ? r->scores + GOVIDX__CELL(r, 0, year, node) : NULL;
}

double govidx_result_contribution(const govidx_result *r, size_t unit, size_t year, size_t leaf)
{
    return in_range(r, unit, year, leaf) ? r->contrib[GOVIDX__CELL(r, unit, year, leaf)] : NAN;
}

unsigned govidx_result_flags(const govidx_result *r, size_t unit, size_t year, size_t leaf)
{
    return in_range(r, unit, year, leaf) ? r->flags[GOVIDX__CELL(r, unit, year, leaf)] : 0u;
}

const char *govidx_result_method_json(const govidx_result *r)
{
    return r ? r->method_json : NULL;
}

/* Quote a CSV field when it holds a comma, quote or line break (RFC 4180). */
static void put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int govidx__write_atomic_begin(const char *path, char **tmp_path, FILE **f)
{
    size_t n = strlen(path) + 16;
    char *tmp = govidx__malloc(n);
    int fd;
    if (!tmp)
        return govidx__oom();
    snprintf(tmp, n, "%s.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        govidx__free(tmp);
        return govidx__fail(GOVIDX_EIO, "cannot create a temporary file next to '%s': %s", path, strerror(e));
    }
    *f = fdopen(fd, "w");
    if (!*f) {
        close(fd);
        unlink(tmp);
        govidx__free(tmp);
        return govidx__fail(GOVIDX_EIO, "cannot open a temporary file next to '%s'", path);
    }
    *tmp_path = tmp;
    return GOVIDX_OK;
}

int govidx__write_atomic_end(const char *path, char *tmp_path, FILE *f, int ok)
{
    int rc = GOVIDX_OK;
    if (ok && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
    if (fclose(f) != 0 && ok)
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
    if (ok && rename(tmp_path, path) != 0)
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "cannot rename the temporary file to '%s': %s", path,
                                  strerror(errno));
    if (!ok)
        unlink(tmp_path);
    govidx__free(tmp_path);
    return rc;
}

int govidx_result_write_csv(const govidx_result *r, const char *path)
{
    FILE *f = NULL;
    char *tmp = NULL;
    size_t y, o, u;
    int rc;
    if (!r || !path)
        return govidx__fail(GOVIDX_EINVAL, "result: NULL argument");
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        return rc;
    fputs("unit,year,node,score,rank\n", f);
    for (y = 0; y < r->n_years; y++)
        for (o = 0; o < r->n_nodes; o++) {
            size_t node = r->output_order ? r->output_order[o] : o;
            for (u = 0; u < r->n_units; u++) {
                size_t c = GOVIDX__CELL(r, u, y, node);
                put_field(f, r->unit_codes[u]);
                fprintf(f, ",%d,", r->years[y]);
                put_field(f, r->node_codes[node]);
                fputc(',', f);
                if (!isnan(r->scores[c]))
                    fprintf(f, "%.17g", r->scores[c]);
                fputc(',', f);
                if (r->ranks[c])
                    fprintf(f, "%zu", r->ranks[c]);
                fputc('\n', f);
            }
        }
    return govidx__write_atomic_end(path, tmp, f, 1);
}

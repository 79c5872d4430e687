/*
 * lib/io/import_meta.c - the meta file (COINr's iMeta layout): its columns
 * and row types, checked codes and parents, and its indicators,
 * denominators, other variables and aggregate nodes added to the dataset.
 * SPDX-License-Identifier: MIT
 */
#include "import_internal.h"

#include <math.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* meta: COINr iMeta                                                         */


static int meta_type_of(const char *s)
{
    if (!*s || !strcasecmp(s, "Indicator"))
        return M_INDICATOR;
    if (!strcasecmp(s, "Aggregate"))
        return M_AGGREGATE;
    if (!strcasecmp(s, "Group"))
        return M_GROUP;
    if (!strcasecmp(s, "Denominator"))
        return M_DENOMINATOR;
    if (!strcasecmp(s, "Other"))
        return M_OTHER;
    return -1;
}

void read_meta(importer *im, meta *m)
{
    static const char *const code[] = {"iCode", "code", "indicator", NULL};
    static const char *const name[] = {"iName", "name", NULL};
    static const char *const type[] = {"Type", NULL}, *const level[] = {"Level", NULL};
    static const char *const dir[] = {"Direction", NULL}, *const weight[] = {"Weight", NULL};
    static const char *const unit[] = {"Unit", NULL}, *const target[] = {"Target", NULL};
    static const char *const den[] = {"Denominator", NULL}, *const parent[] = {"Parent", NULL};
    static const char *const source[] = {"Source", NULL}, *const agg[] = {"Aggregation", NULL};
    static const char *const lo[] = {"GoalLow", "goal_low", NULL}, *const hi[] = {"GoalHigh", "goal_high", NULL};
    size_t r, k, n = govidx_table_n_rows(m->t);
    m->c_code = col_any(m->t, code);
    m->c_name = col_any(m->t, name);
    m->c_type = col_any(m->t, type);
    m->c_level = col_any(m->t, level);
    m->c_dir = col_any(m->t, dir);
    m->c_weight = col_any(m->t, weight);
    m->c_unit = col_any(m->t, unit);
    m->c_target = col_any(m->t, target);
    m->c_den = col_any(m->t, den);
    m->c_parent = col_any(m->t, parent);
    m->c_source = col_any(m->t, source);
    m->c_agg = col_any(m->t, agg);
    m->c_lo = col_any(m->t, lo);
    m->c_hi = col_any(m->t, hi);
    if (m->c_code == NONE) {
        problem(im, GOVIDX_EFORMAT, m->t, NONE, NONE, "the meta file needs an iCode column");
        return;
    }
    m->rows = govidx__calloc(n ? n : 1, sizeof *m->rows);
    if (!m->rows || govidx__strmap_reserve(&m->map, n)) {
        problem(im, govidx__oom(), m->t, NONE, NONE, "out of memory");
        return;
    }
    for (r = 0; r < n; r++) {
        const char *c = cell(m->t, r, m->c_code);
        int ty = meta_type_of(cell(m->t, r, m->c_type));
        if (!*c) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_code, "empty code");
            continue;
        }
        if (ty < 0) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_type,
                    "type '%s' is not Indicator, Aggregate, Group, Denominator or Other", cell(m->t, r, m->c_type));
            continue;
        }
        if ((k = govidx__strmap_get(&m->map, c)) != NONE) {
            problem(im, GOVIDX_EFORMAT, m->t, r, m->c_code, "code '%s' is used twice (first at line %zu)", c,
                    govidx_table_line(m->t, m->rows[k].row));
            continue;
        }
        m->rows[m->n].row = r;
        m->rows[m->n].code = c;
        m->rows[m->n].type = ty;
        govidx__strmap_put(&m->map, c, m->n);
        m->n++;
    }
}

const meta_row *meta_find(const meta *m, const char *code)
{
    size_t k = govidx__strmap_get(&m->map, code);
    return k == NONE ? NULL : &m->rows[k];
}

int is_variable(int type)
{
    return type == M_INDICATOR || type == M_DENOMINATOR || type == M_OTHER;
}

/* Indicators, denominators, other variables and nodes into the dataset. */
void add_meta(importer *im, const meta *m)
{
    size_t k;
    for (k = 0; k < m->n; k++) {
        const meta_row *mr = &m->rows[k];
        size_t r = mr->row;
        const char *parent = text_or_null(m->t, r, m->c_parent);
        double w = 1, dir = 1, lvl = 0;
        if (parent && mr->type != M_GROUP && !meta_find(m, parent))
            problem(im, GOVIDX_ENOTFOUND, m->t, r, m->c_parent, "parent '%s' of '%s' is not in the meta file",
                    parent, mr->code);
        if (mr->type == M_INDICATOR || mr->type == M_AGGREGATE) {
            if (number(im, m->t, r, m->c_weight, &w))
                continue;
            if (isnan(w)) {
                problem(im, GOVIDX_EFORMAT, m->t, r, m->c_weight, "'%s' needs a weight", mr->code);
                continue;
            }
        }
        if (number(im, m->t, r, m->c_level, &lvl))
            continue;
        if (mr->type == M_AGGREGATE) {
            govidx_node nd = GOVIDX_NODE_INIT;
            nd.code = mr->code;
            nd.name = text_or_null(m->t, r, m->c_name);
            nd.parent = parent;
            nd.aggregation = text_or_null(m->t, r, m->c_agg);
            nd.level = isnan(lvl) ? 0 : (int)lvl;
            nd.weight = w;
            built(im, govidx_dataset_add_node(im->ds, &nd), m->t, r);
        } else if (is_variable(mr->type)) {
            govidx_indicator in = GOVIDX_INDICATOR_INIT;
            const char *den = text_or_null(m->t, r, m->c_den);
            if (mr->type == M_INDICATOR) {
                if (number(im, m->t, r, m->c_dir, &dir))
                    continue;
                if (dir != 1 && dir != -1) {
                    problem(im, GOVIDX_EFORMAT, m->t, r, m->c_dir, "direction of '%s' must be 1 or -1",
                            mr->code);
                    continue;
                }
            }
            if (den) {
                const meta_row *d = meta_find(m, den);
                if (!d || d->type != M_DENOMINATOR)
                    problem(im, GOVIDX_ENOTFOUND, m->t, r, m->c_den,
                            "denominator '%s' is not a Denominator row of the meta file", den);
            }
            in.code = mr->code;
            in.name = text_or_null(m->t, r, m->c_name);
            in.unit = text_or_null(m->t, r, m->c_unit);
            in.parent = mr->type == M_INDICATOR ? parent : NULL;
            in.source = text_or_null(m->t, r, m->c_source);
            in.denominator = den;
            in.direction = (int)dir;
            in.type = mr->type == M_INDICATOR ? GOVIDX_VAR_INDICATOR
                      : mr->type == M_DENOMINATOR ? GOVIDX_VAR_DENOMINATOR : GOVIDX_VAR_OTHER;
            in.weight = mr->type == M_INDICATOR ? w : 1;
            if (number(im, m->t, r, m->c_lo, &in.goal_low) || number(im, m->t, r, m->c_hi, &in.goal_high) ||
                number(im, m->t, r, m->c_target, &in.target))
                continue;
            built(im, govidx_dataset_add_indicator(im->ds, &in), m->t, r);
        }
    }
}

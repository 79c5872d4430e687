/*
 * lib/io/catalogue_internal.h - the layout of govidx_catalogue, shared by the
 * parsers (catalogue*.c) and the measures (catalogue_measures.c), and the
 * record builders the reader of each format shares (catalogue_record.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_CATALOGUE_INTERNAL_H
#define GOVIDX_CATALOGUE_INTERNAL_H

#include "core/internal.h"
#include "govidx/catalogue.h"

#include <limits.h>

/* The 16 DCAT-US v1.1 fields metadata completeness counts (8 mandatory,
 * then 8 recommended / required-if-applicable); GX_F_FORMAT stands for
 * "distribution" (its formats). */
enum {
    GX_F_IDENTIFIER, GX_F_TITLE, GX_F_DESCRIPTION, GX_F_PUBLISHER, GX_F_CONTACT, GX_F_ACCESS,
    GX_F_KEYWORD, GX_F_MODIFIED, /* mandatory */
    GX_F_ISSUED, GX_F_ACCRUAL, GX_F_LICENSE, GX_F_LANDING, GX_F_SPATIAL, GX_F_TEMPORAL, GX_F_THEME,
    GX_F_FORMAT, /* recommended */
    GX_NF
};
extern const char *const govidx__catalogue_field_names[GX_NF];

#define GX_NO_DATE INT_MIN

typedef struct govidx__catrec {
    char *f[GX_NF];         /* text of each field; lists joined by "; " */
    struct json_t *json;    /* the whole source record (a jansson reference) */
    unsigned char has_distribution, bulk, api;
    long modified_day;      /* days since 1970-01-01, GX_NO_DATE when absent or not a date */
    double period_days;     /* declared update period; NaN = none declared */
} govidx__catrec;

struct govidx_catalogue {
    int format;
    int pod10; /* DCAT-US read from a Project Open Data v1.0 list (a JSON array) */
    char *name;
    size_t n, cap;
    govidx__catrec *rec;
    govidx__strmap ids; /* borrows rec[i].f[GX_F_IDENTIFIER] */
    size_t n_dup, cap_dup;
    char **dup;
    size_t n_unm, cap_unm;
    char **unm;
    size_t *unm_count;
    govidx__strmap unm_map; /* borrows unm[i] */
    char *unit;
    int year, has_unit;
    double population;
    char **depts;
    size_t n_depts;
};

/* Days since 1970-01-01 of a proleptic Gregorian date; the date must be valid. */
long govidx__days_from_civil(int y, int m, int d);
/* "YYYY-MM-DD" at the start of s (then end, 'T' or ' '): 1 and *day, else 0. */
int govidx__parse_date(const char *s, long *day);
/* Declared update period in days of an accrualPeriodicity value: > 0, NaN
 * for none declared (irregular, as needed, ...), -1 when unrecognised. */
double govidx__parse_period(const char *s);

/* Append one record stored in an inventory entry (JSON object text, its
 * record_format name) to c, as the parser of that format reads it. */
int govidx__catalogue_add_stored(govidx_catalogue *c, const char *record, const char *format);

/* Building one record (catalogue_record.c), for the reader of each format.
 * json_t is jansson's (struct json_t), so this header needs no jansson.h. */
void rec_free(govidx__catrec *r);
/* Add a value to a field; list fields (keyword, theme, format) join with
 * "; " and skip a value already there.  Empty values are absent. */
int rec_add(govidx__catrec *r, int field, const char *v, size_t len);
int rec_adds(govidx__catrec *r, int field, const char *v);
/* Count the source field a + b as one the measures do not read. */
int note(govidx_catalogue *c, const char *a, const char *b);
/* A format or media type as a format token; API formats set r->api. */
int rec_format(govidx__catrec *r, const char *v);
/* o's member key when it is a string, else NULL. */
const char *jstr(const struct json_t *o, const char *key);
/* A value of any type as text, for fields that may be objects (spatial). */
int rec_any(govidx_catalogue *c, govidx__catrec *r, int field, const struct json_t *v, const char *where);
/* A string (or an integer identifier); anything else is noted at where. */
int rec_str(govidx_catalogue *c, govidx__catrec *r, int field, const struct json_t *v, const char *where);
/* A string or an array of strings; key = member name for objects in it. */
int rec_list(govidx_catalogue *c, govidx__catrec *r, int field, const struct json_t *v, const char *key,
             const char *key2, const char *where);
/* Note every member of o not in the NULL-terminated list, after prefix. */
int note_unknown(govidx_catalogue *c, const struct json_t *o, const char *prefix, const char *const *list);
/* Append r to c (it takes r's strings), or count it as a duplicate. */
int add_rec(govidx_catalogue *c, govidx__catrec *r, const struct json_t *src);

/* The record readers of the JSON formats: fill r from the source record d. */
int dcat_record(govidx_catalogue *c, const struct json_t *d, govidx__catrec *r);  /* catalogue_dcat.c */
int ckan_record(govidx_catalogue *c, const struct json_t *d, govidx__catrec *r);  /* catalogue_ckan.c */
/* socrata_record also says in *skip when the asset is not a dataset. */
int socrata_record(govidx_catalogue *c, const struct json_t *d, govidx__catrec *r, int *skip); /* catalogue_socrata.c */

#endif

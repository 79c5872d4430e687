/*
 * lib/io/catalogue_internal.h - the layout of govidx_catalogue, shared by the
 * parsers (catalogue.c) and the measures (catalogue_measures.c).
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

#endif

/*
 * lib/inventory_record.c - the catalogue record an inventory entry may
 * carry (format 1.1, docs/format.md "/inventory"): the check the validator
 * applies to it.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "inventory_record.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *const record_formats[] = {"dcat-us", "dcat-us-1.0", "ckan", "socrata", "csv"};

int govidx__inventory_record_format_known(const char *f)
{
    for (size_t k = 0; f && k < sizeof record_formats / sizeof *record_formats; k++)
        if (!strcmp(f, record_formats[k]))
            return 1;
    return 0;
}

int govidx__inventory_record_check(const char *record, const char *format, char *why, size_t cap)
{
    json_error_t err;
    json_t *j;
    int has_r = record && *record, has_f = format && *format;
    if (!has_r && !has_f)
        return 1;
    if (has_r != has_f) {
        snprintf(why, cap, "%s", has_r ? "a catalogue record without record_format"
                                       : "a record_format without a catalogue record");
        return 0;
    }
    if (!govidx__inventory_record_format_known(format)) {
        snprintf(why, cap, "record_format '%.64s' (expected dcat-us, dcat-us-1.0, ckan, socrata or csv)", format);
        return 0;
    }
    if (!(j = json_loads(record, JSON_REJECT_DUPLICATES, &err))) {
        snprintf(why, cap, "the catalogue record is not valid JSON (column %d: %.80s)", err.column, err.text);
        return 0;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        snprintf(why, cap, "the catalogue record is not a JSON object");
        return 0;
    }
    json_decref(j);
    return 1;
}

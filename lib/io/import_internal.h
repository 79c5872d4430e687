/*
 * lib/import_internal.h - helpers of the CSV importer (import.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_IMPORT_INTERNAL_H
#define GOVIDX_IMPORT_INTERNAL_H

/** s as a number with the given thousands separator and decimal mark ('\0'
 *  = none / '.'); 1 and *out on success, 0 when s is not one. */
int govidx__import_number(double *out, const char *s, char thousands, char decimal);
/** Why s is not a number under these settings when another setting would
 *  read it ("it has a thousands separator: give thousands = ',' (govidx
 *  import --thousands ,)"), or NULL. */
const char *govidx__import_number_hint(const char *s, char thousands, char decimal);

#endif

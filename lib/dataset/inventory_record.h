/*
 * lib/inventory_record.h - checks of an inventory entry's catalogue record
 * (lib/inventory_record.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_INVENTORY_RECORD_H
#define GOVIDX_INVENTORY_RECORD_H

#include <stddef.h>

/* 1 for a catalogue format name an inventory record may carry. */
int govidx__inventory_record_format_known(const char *f);
/* 1 when record and format are both absent (NULL or ""), or record is a JSON
 * object and format a known name; else 0 and the reason in why. */
int govidx__inventory_record_check(const char *record, const char *format, char *why, size_t cap);

#endif

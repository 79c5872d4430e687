/*
 * lib/dataset/dataset_internal.h - helpers shared by the files of the
 * in-memory dataset (dataset.c and dataset_*.c), private to them.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DATASET_INTERNAL_H
#define GOVIDX_DATASET_INTERNAL_H

#include "dataset_model.h"

#define NPOS ((size_t)-1)

/* "" -> NULL for optional fields */
const char *opt(const char *s);
/* GOVIDX_OK, or GOVIDX_EINVAL (message set) for NULL or a dataset read from a file. */
int writable(const govidx_dataset *ds);
/* Duplicate a list of fields; on failure free what was copied. */
int dup_fields(char **dst[], const char *const src[], size_t n);
/* *p = a new array of n NaNs (dataset_panel.c). */
int alloc_nan(double **p, size_t n);

#endif

/*
 * lib/io/h5_internal.h - what the HDF5 files of the io module share: the
 * reader's and writer's state, the typed readers and writers, the lock.
 *
 *   h5_common.c  locking, error translation, typed reads of one object
 *   h5io.c       reading a whole city dataset (govidx_dataset_open)
 *   h5_write.c   writing one (govidx_dataset_write), temp file + rename
 *   h5_runs.c    in-process validation; results runs added to / read from
 *                a file
 *
 * The short names below are the io module's own; the macros give them a
 * prefixed symbol so no link (static archive included) can clash.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_IO_H5_INTERNAL_H
#define GOVIDX_IO_H5_INTERNAL_H

#include "dataset/dataset_model.h"

#include <hdf5.h>

#define rfail govidx__h5_rfail
#define h5fail govidx__h5_h5fail
#define type_words govidx__h5_type_words
#define link_ok govidx__h5_link_ok
#define open_checked govidx__h5_open_checked
#define read_strings govidx__h5_read_strings
#define read_numbers govidx__h5_read_numbers
#define read_str_attr govidx__h5_read_str_attr
#define read_format_attrs govidx__h5_read_format_attrs
#define open_group govidx__h5_open_group
#define no_elink govidx__h5_no_elink
#define read_cube govidx__h5_read_cube
#define load govidx__h5_load
#define wfail govidx__h5_wfail
#define put_str_attr govidx__h5_put_str_attr
#define put govidx__h5_put
#define put_strings govidx__h5_put_strings
#define mkgroup govidx__h5_mkgroup
#define put_cube govidx__h5_put_cube

#define DEFAULT_MAX_BYTES ((size_t)8 << 30)
#define MAX_ROOT_ATTRS 4096

/* The reader's state; obj/msg keep the first structural problem apart so
 * govidx_dataset_validate_file can report them as (object, message). */
typedef struct rd {
    hid_t file;
    size_t max_bytes, used;
    char obj[256];
    char msg[768];
} rd;

enum want { W_NUMBER, W_INTEGER, W_STRING };

#define NO_ELINK_L no_elink(H5P_LINK_ACCESS)
#define NO_ELINK_D no_elink(H5P_DATASET_ACCESS)
#define NO_ELINK_G no_elink(H5P_GROUP_ACCESS)

typedef struct wr {
    hid_t file, str;
    char obj[256];
} wr;

int rfail(rd *r, int status, const char *obj, const char *fmt, ...) GOVIDX__PRINTF(4, 5);
int h5fail(rd *r, int status, const char *obj, const char *what);
void type_words(hid_t t, char *buf, size_t len);
int link_ok(rd *r, hid_t g, const char *name, const char *path);
int open_checked(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
                 int optional, hsize_t *dims, size_t *count, hid_t *out);
int read_strings(rd *r, hid_t g, const char *gpath, const char *name, int rank, int optional,
                 hsize_t *dims, size_t *count, char ***out);
int read_numbers(rd *r, hid_t g, const char *gpath, const char *name, int rank, enum want w,
                 int optional, hid_t memtype, size_t elsize, hsize_t *dims, size_t *count,
                 void **out);
int read_str_attr(rd *r, hid_t obj, const char *name, const char *where, char **out);
int read_format_attrs(rd *r, govidx_dataset *ds);
int open_group(rd *r, const char *name, int optional, hid_t *g);
hid_t no_elink(hid_t cls);
int read_cube(rd *r, hid_t g, const char *gpath, const char *name, size_t A, size_t Y, size_t B,
              int is_u8, int optional, const char *const *dimnames, void **out);
int load(const char *path, const govidx_open_options *opts, govidx_dataset **out, rd *r);
int wfail(wr *w, const char *obj);
int put_str_attr(hid_t obj, hid_t str, const char *name, const char *value);
int put(wr *w, hid_t g, const char *gpath, const char *name, hid_t ftype, hid_t mtype, int rank,
        const hsize_t *dims, const hsize_t *chunk, const void *data, const char *long_name,
        const char *units);
int put_strings(wr *w, hid_t g, const char *gpath, const char *name, size_t n, char *const *s,
                const char *long_name);
hid_t mkgroup(wr *w, hid_t loc, const char *name);
int put_cube(wr *w, hid_t g, const char *gp, const char *name, const void *src, size_t A, size_t Y,
             size_t B, int is_u8, const char *long_name, const char *units);

/* A temporary file beside path (its name in *out), and its rename onto
 * path (refused when path exists and !replace), with fsync (h5_write.c). */
int govidx__tempfile(const char *path, char **out);
int govidx__commit_tempfile(const char *tmp, const char *path, int replace);

#endif

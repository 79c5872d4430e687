/*
 * tests/mkhostile.c - turns a copy of a valid govidx file into one that
 * points outside itself or breaks a format rule, for tests/hostile-cli.tap.
 *   mkhostile KIND FILE.h5 OTHER
 * KIND: external-storage (/panel/values stored in the raw file OTHER),
 *       external-link (/panel/values an external link to OTHER:/v),
 *       external-link-group (/networks an external link to OTHER:/),
 *       virtual (/panel/values a virtual dataset over OTHER:/v),
 *       user-filter (/panel/values through an unregistered optional filter),
 *       run-underscore, run-dot (an empty run group /results/_x, /results/.hidden),
 *       year-2e40 (/years int64 {2020, 2^40}), name-nul (/units/name fixed
 *       strings, one "Bei\0jing"), name-latin1 (one name "M\xfcnchen").
 * For external-link, external-link-group and virtual, OTHER is created as an
 * HDF5 file whose /v is a [3, 2, 3] float64 dataset of 42.0.
 * SPDX-License-Identifier: MIT
 */
#include <hdf5.h>
#include <stdio.h>
#include <string.h>

static int make_other(const char *other)
{
    hsize_t dims[3] = {3, 2, 3};
    double v[18];
    int k;
    hid_t f = H5Fcreate(other, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), s, d;
    for (k = 0; k < 18; k++)
        v[k] = 42.0;
    if (f < 0)
        return -1;
    s = H5Screate_simple(3, dims, NULL);
    d = H5Dcreate2(f, "v", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (d < 0 || H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0)
        return -1;
    H5Dclose(d);
    H5Sclose(s);
    return H5Fclose(f) < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    hsize_t dims[3] = {3, 2, 3}, chunk[3] = {3, 2, 3};
    const char *kind, *other;
    hid_t f, s, dcpl, d, g;
    int bad = 0;
    if (argc != 4) {
        fprintf(stderr, "usage: mkhostile KIND FILE.h5 OTHER\n");
        return 2;
    }
    kind = argv[1];
    other = argv[3];
    if ((!strcmp(kind, "external-link") || !strcmp(kind, "external-link-group") || !strcmp(kind, "virtual")) &&
        make_other(other))
        return 1;
    f = H5Fopen(argv[2], H5F_ACC_RDWR, H5P_DEFAULT);
    if (f < 0)
        return 1;
    s = H5Screate_simple(3, dims, NULL);
    dcpl = H5Pcreate(H5P_DATASET_CREATE);
    if (!strcmp(kind, "year-2e40")) {
        hsize_t n2 = 2;
        long long y[2] = {2020, 1LL << 40};
        hid_t s1 = H5Screate_simple(1, &n2, NULL);
        bad |= H5Ldelete(f, "years", H5P_DEFAULT) < 0;
        d = H5Dcreate2(f, "years", H5T_STD_I64LE, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        bad |= d < 0 || H5Dwrite(d, H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, y) < 0;
        if (d >= 0)
            H5Dclose(d);
        H5Sclose(s1);
    } else if (!strcmp(kind, "name-nul") || !strcmp(kind, "name-latin1")) {
        hsize_t n3 = 3;
        char names[3][9];
        hid_t s1 = H5Screate_simple(1, &n3, NULL), ft = H5Tcopy(H5T_C_S1);
        memset(names, 0, sizeof names);
        memcpy(names[0], "Bei\0jing", 8);
        memcpy(names[1], !strcmp(kind, "name-nul") ? "Shanghai" : "M\xfcnchen", 8);
        memcpy(names[2], "Guangzh", 7);
        if (!strcmp(kind, "name-latin1"))
            memcpy(names[0], "Beijing", 7);
        H5Tset_size(ft, 9);
        H5Tset_strpad(ft, H5T_STR_NULLPAD);
        bad |= H5Ldelete(f, "units/name", H5P_DEFAULT) < 0;
        d = H5Dcreate2(f, "units/name", ft, s1, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        bad |= d < 0 || H5Dwrite(d, ft, H5S_ALL, H5S_ALL, H5P_DEFAULT, names) < 0;
        if (d >= 0)
            H5Dclose(d);
        H5Tclose(ft);
        H5Sclose(s1);
    } else if (!strncmp(kind, "run-", 4)) {
        g = H5Lexists(f, "results", H5P_DEFAULT) > 0 ? H5Gopen2(f, "results", H5P_DEFAULT)
                                                      : H5Gcreate2(f, "results", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        bad |= g < 0 || H5Gclose(H5Gcreate2(g, !strcmp(kind, "run-dot") ? ".hidden" : "_x", H5P_DEFAULT,
                                             H5P_DEFAULT, H5P_DEFAULT)) < 0;
        H5Gclose(g);
    } else if (!strcmp(kind, "external-link-group")) {
        bad |= H5Ldelete(f, "networks", H5P_DEFAULT) < 0 ||
               H5Lcreate_external(other, "/", f, "networks", H5P_DEFAULT, H5P_DEFAULT) < 0;
    } else {
        bad |= H5Ldelete(f, "panel/values", H5P_DEFAULT) < 0;
        if (!strcmp(kind, "external-storage"))
            bad |= H5Pset_external(dcpl, other, 0, 18 * sizeof(double)) < 0;
        else if (!strcmp(kind, "virtual"))
            bad |= H5Pset_virtual(dcpl, s, other, "/v", s) < 0;
        else if (!strcmp(kind, "user-filter"))
            bad |= H5Pset_chunk(dcpl, 3, chunk) < 0 || H5Pset_filter(dcpl, 32001, H5Z_FLAG_OPTIONAL, 0, NULL) < 0;
        if (!strcmp(kind, "external-link"))
            bad |= H5Lcreate_external(other, "/v", f, "panel/values", H5P_DEFAULT, H5P_DEFAULT) < 0;
        else if (!bad) {
            d = H5Dcreate2(f, "panel/values", H5T_IEEE_F64LE, s, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            bad |= d < 0;
            if (!strcmp(kind, "user-filter") && d >= 0) {
                double v[18];
                int k;
                for (k = 0; k < 18; k++)
                    v[k] = 1.0;
                bad |= H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0;
            }
            if (d >= 0)
                H5Dclose(d);
        }
    }
    H5Pclose(dcpl);
    H5Sclose(s);
    bad |= H5Fclose(f) < 0;
    return bad ? 1 : 0;
}

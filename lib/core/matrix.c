/*
 * lib/core/matrix.c - non-owning column-major matrix views.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <math.h>

govidx_matrix_view govidx_matrix_view_array(const double *data, size_t rows, size_t cols)
{
    govidx_matrix_view v = {data, rows, cols, rows};
    return v;
}

govidx_matrix govidx_matrix_array(double *data, size_t rows, size_t cols)
{
    govidx_matrix m = {data, rows, cols, rows};
    return m;
}

govidx_matrix_view govidx_matrix_const(govidx_matrix m)
{
    govidx_matrix_view v = {m.data, m.rows, m.cols, m.ld};
    return v;
}

int govidx_matrix_check(govidx_matrix_view m)
{
    size_t last;
    if (!m.data)
        return govidx__fail(GOVIDX_EINVAL, "matrix: data is NULL");
    if (m.rows == 0 || m.cols == 0)
        return govidx__fail(GOVIDX_EDIM, "matrix: %zu x %zu has no cells", m.rows, m.cols);
    if (m.ld < m.rows)
        return govidx__fail(GOVIDX_EDIM, "matrix: leading dimension %zu < rows %zu", m.ld, m.rows);
    /* the last cell, (rows-1) + (cols-1)*ld, must be addressable */
    if (!govidx__mul_ok(m.cols - 1, m.ld, &last) || __builtin_add_overflow(last, m.rows, &last) ||
        !govidx__mul_ok(last, sizeof(double), &last))
        return govidx__fail(GOVIDX_EDIM, "matrix: %zu x %zu (ld %zu) overflows", m.rows, m.cols, m.ld);
    return GOVIDX_OK;
}

size_t govidx_matrix_count_missing(govidx_matrix_view m)
{
    size_t n = 0, i, j;
    if (govidx_matrix_check(m) != GOVIDX_OK)
        return 0;
    for (j = 0; j < m.cols; j++)
        for (i = 0; i < m.rows; i++)
            n += isnan(m.data[i + j * m.ld]) != 0;
    return n;
}

int govidx_matrix_check_finite(govidx_matrix_view m, int allow_missing)
{
    size_t i, j;
    int rc = govidx_matrix_check(m);
    if (rc)
        return rc;
    for (j = 0; j < m.cols; j++) {
        size_t n_nan, n_inf = govidx__kernel_count_nonfinite(m.data + j * m.ld, m.rows, &n_nan);
        if (n_inf == 0 && (allow_missing || n_nan == 0))
            continue; /* the common case: one vectorised read */
        for (i = 0; i < m.rows; i++) {
            double x = m.data[i + j * m.ld];
            if (isinf(x) || (!allow_missing && isnan(x)))
                return govidx__fail(GOVIDX_ENUMERIC, "matrix: cell (row %zu, column %zu) is %s", i, j,
                                    isnan(x) ? "NaN (missing)" : "infinite");
        }
    }
    return GOVIDX_OK;
}

/*
 * lib/dea/dea_internal.h - shared internals of the DEA engine (dea.c, dea_bod.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DEA_INTERNAL_H
#define GOVIDX_DEA_INTERNAL_H

#include "core/internal.h"
#include "govidx/dea.h"

/** Check a DEA data view: finite and >= 0.  `what` names it in messages. */
int govidx__dea_check_view(govidx_matrix_view v, const char *what);

/**
 * Radial benefit of the doubt without weight restrictions, on the DEA frame
 * (lib/dea.c): ci (n), weights (n x m column-major, may be NULL), status (n).
 * Z is checked by the caller.
 */
int govidx__dea_bod_radial(double *ci, double *weights, int *status, govidx_matrix_view Z,
                           unsigned threads);

#endif /* GOVIDX_DEA_INTERNAL_H */

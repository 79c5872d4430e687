/* Coupling-coordination degree (collaboration index), docs/methods/coupling.md. */
#ifndef GOVIDX_COUPLING_H
#define GOVIDX_COUPLING_H

#include <stddef.h>
#include "govidx/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Traditional coupling degree C = n (prod U_i)^(1/n) / sum U_i of n >= 2 subsystem
 *  levels U (each in (0,1], finite).  Errors: GOVIDX_EINVAL (NULL), GOVIDX_EDIM (n < 2),
 *  GOVIDX_EDOMAIN (U_i <= 0, > 1 or not finite; the message names i). */
GOVIDX_API int govidx_coupling_traditional(double *c, const double *u, size_t n);

/** Corrected coupling degree (Wang et al. 2021, docs/methods/coupling.md):
 *  C = sqrt{[1 - sum_{i<j}|U_i - U_j| / (n(n-1)/2)] * [prod (U_i / max U)]^(1/(n-1))}.
 *  Same arguments and errors as govidx_coupling_traditional(). */
GOVIDX_API int govidx_coupling_wang(double *c, const double *u, size_t n);

/** Coordination degree D = sqrt(C * T) with T = sum alpha_i U_i; alpha NULL means equal
 *  weights 1/n, otherwise alpha must be non-negative and sum to 1 (1e-9), else GOVIDX_EINVAL.
 *  corrected != 0 uses govidx_coupling_wang, else the traditional C.  Any of c, t, d may be NULL. */
GOVIDX_API int govidx_coupling_coordination(double *c, double *t, double *d, const double *u,
                                            const double *alpha, size_t n, int corrected);

/** Grade band of D in [0,1]: 0..9 for [0,0.1), ..., [0.9,1.0] (band k covers [k/10,(k+1)/10),
 *  D = 1 is band 9).  Returns the band or GOVIDX_EDOMAIN for D outside [0,1] or NaN. */
GOVIDX_API int govidx_coupling_band(double d);

/** Chinese / English name of a band 0..9 (极度失调 extreme imbalance ... 优质协调
 *  high-quality coordination); NULL for an invalid band. */
GOVIDX_API const char *govidx_coupling_band_name_zh(int band);
GOVIDX_API const char *govidx_coupling_band_name_en(int band);

/** Outputs of govidx_coupling_units: caller arrays of U.rows values each (any may be NULL). */
typedef struct govidx_coupling_out {
    unsigned version;   /**< GOVIDX_COUPLING_OUT_VERSION */
    double *c;          /**< traditional coupling degree C */
    double *c_wang;     /**< corrected C (Wang et al. 2021) */
    double *t;          /**< coordination index T = sum alpha_i U_i */
    double *d;          /**< D = sqrt(C T) with the traditional C */
    double *d_wang;     /**< D with the corrected C */
    double *balance;    /**< 1 - CV of the unit's U_i (population CV), a balance measure free of
                             the physics analogy */
    double saturated_share; /**< set: share of units with traditional C > 0.9 */
    int saturated;      /**< set: 1 when that share is above one half (most units): the
                             traditional C no longer discriminates; report both formulas */
} govidx_coupling_out;
#define GOVIDX_COUPLING_OUT_VERSION 1
#define GOVIDX_COUPLING_OUT_INIT { GOVIDX_COUPLING_OUT_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0.0, 0 }
/** Set *out to `version` (1..GOVIDX_COUPLING_OUT_VERSION) with every array
 *  NULL, as GOVIDX_COUPLING_OUT_INIT does, for callers that cannot use
 *  macros.  govidx_coupling_units reads the arrays and writes the results of
 *  that version only.  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_coupling_out_init(govidx_coupling_out *out, unsigned version);

/**
 * Coupling coordination of every unit: U is units x subsystems (column-major,
 * every U in (0, 1]); alpha as for govidx_coupling_coordination (NULL = equal).
 * Errors name the unit and subsystem (GOVIDX_EDOMAIN for U outside (0, 1] or
 * NaN), GOVIDX_EINVAL for bad alpha or version, GOVIDX_EDIM for fewer than 2
 * subsystems.
 */
GOVIDX_API int govidx_coupling_units(govidx_coupling_out *out, govidx_matrix_view U, const double *alpha);

#ifdef __cplusplus
}
#endif
#endif

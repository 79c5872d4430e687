/*
 * lib/fmtdouble.h - shortest round-trip text of a double (internal).
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_FMTDOUBLE_H
#define GOVIDX_FMTDOUBLE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Room govidx__fmt_shortest needs, terminating NUL included. */
#define GOVIDX__SHORTEST_MAX 32

/* Write the shortest decimal text that strtod() reads back as exactly x
 * (double-conversion's ToShortest: Grisu3 with an exact bignum fallback)
 * into buf (at least GOVIDX__SHORTEST_MAX bytes), NUL-terminated; returns
 * its length.  Style of printf's %g: plain decimal for exponents -4..16
 * ("0.1", "73.25", "1234567", "0.0001"), otherwise an exponent with its
 * sign ("1e-05" is "1e-5", "1e+17"); "-0" for negative zero, "inf",
 * "-inf" and "nan" for the non-finite values. */
size_t govidx__fmt_shortest(char *buf, double x);

#ifdef __cplusplus
}
#endif
#endif

/*
 * lib/fmtdouble.cc - shortest round-trip formatting of doubles through
 * Google's double-conversion library (Debian: libdouble-conversion-dev),
 * the one C++ file of the library: double-conversion has no C interface.
 * double-conversion throws no exceptions (the library is built with
 * -fno-exceptions, so none could cross into C).
 * SPDX-License-Identifier: MIT
 */
#include "fmtdouble.h"
#include "govidx/result.h"

#include <string.h>

#include <double-conversion/double-to-string.h>

namespace {
/* Decimal notation for decimal exponents in [-4, 17) like printf's %.17g,
 * "e+NN" with a sign as printf writes it; no padding. */
const double_conversion::DoubleToStringConverter converter(
    double_conversion::DoubleToStringConverter::EMIT_POSITIVE_EXPONENT_SIGN, "inf", "nan", 'e', -4, 17, 0, 0);
}

extern "C" size_t govidx__fmt_shortest(char *buf, double x)
{
    double_conversion::StringBuilder b(buf, GOVIDX__SHORTEST_MAX);
    converter.ToShortest(x, &b);
    size_t n = static_cast<size_t>(b.position());
    b.Finalize();
    return n;
}

/* The public face of the same formatter (tools/csvout.c uses it). */
extern "C" size_t govidx_format_double(char *buf, size_t n, double x)
{
    char text[GOVIDX__SHORTEST_MAX];
    size_t len = govidx__fmt_shortest(text, x);
    if (buf && n > 0) {
        size_t k = len < n - 1 ? len : n - 1;
        memcpy(buf, text, k);
        buf[k] = '\0';
    }
    return len;
}

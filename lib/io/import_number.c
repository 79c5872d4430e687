/*
 * lib/import_number.c - numbers as published tables write them: a thousands
 * separator ("24,140") and a decimal comma ("3,5") read only when the import
 * says so, and a hint naming the option when a cell would read with it.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"
#include "import_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Copy s into buf without the thousands separators and with the decimal
 * mark as '.'; 0 when the separators are not in place (groups of three
 * digits after the first group, only in the integer part). */
static int normalise(char *buf, size_t cap, const char *s, char thousands, char decimal)
{
    size_t n = 0, digits = 0, groups = 0;
    int in_fraction = 0, seen_sep = 0;
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '+' || *p == '-')
        buf[n++] = *p++;
    for (; *p; p++) {
        if (n + 2 >= cap)
            return 0;
        if (isdigit((unsigned char)*p)) {
            buf[n++] = *p;
            digits++;
            continue;
        }
        if (thousands && *p == thousands && !in_fraction) {
            /* the first group has 1-3 digits, every later one exactly 3 */
            if (digits == 0 || (seen_sep ? digits != 3 : digits > 3))
                return 0;
            seen_sep = 1;
            digits = 0;
            groups++;
            continue;
        }
        if (*p == (decimal ? decimal : '.') && !in_fraction) {
            if (seen_sep && digits != 3)
                return 0;
            buf[n++] = '.';
            in_fraction = 1;
            seen_sep = 0;
            digits = 0;
            continue;
        }
        if (decimal && decimal != '.' && *p == '.')
            return 0; /* a point where the decimal mark is a comma */
        buf[n++] = *p; /* exponent, trailing blanks: strtod decides */
        if (*p == 'e' || *p == 'E')
            in_fraction = 1;
    }
    if (seen_sep && digits != 3)
        return 0;
    (void)groups;
    buf[n] = 0;
    return 1;
}

static int plain(const char *s, double *out)
{
    char *end;
    double x;
    errno = 0;
    x = strtod(s, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end || !isfinite(x) || errno == ERANGE)
        return 0;
    *out = x;
    return 1;
}

int govidx__import_number(double *out, const char *s, char thousands, char decimal)
{
    char buf[128];
    if (decimal == '.')
        decimal = 0;
    if (!thousands && !decimal)
        return plain(s, out);
    if (thousands && thousands == decimal)
        return 0;
    return normalise(buf, sizeof buf, s, thousands, decimal) && plain(buf, out);
}

const char *govidx__import_number_hint(const char *s, char thousands, char decimal)
{
    double x;
    int as_thousands, as_decimal;
    if (decimal == '.')
        decimal = 0;
    /* a cell that reads with a setting the import does not have */
    as_thousands = !thousands && govidx__import_number(&x, s, ',', decimal);
    as_decimal = !decimal && govidx__import_number(&x, s, thousands == ',' ? 0 : thousands, ',');
    if (as_thousands && as_decimal) /* "24,140": both readings exist; the option decides */
        return "it has a thousands separator or a decimal comma: give thousands = ',' (govidx import "
               "--thousands ,) or decimal = ',' (govidx import --decimal ,)";
    if (as_thousands)
        return "it has a thousands separator: give thousands = ',' (govidx import --thousands ,)";
    if (as_decimal)
        return thousands == ','
                   ? "it has a decimal comma, but ',' was given as the thousands separator: give decimal = ',' "
                     "(govidx import --decimal ,) and no or another thousands separator"
                   : "it has a decimal comma: give decimal = ',' (govidx import --decimal ,)";
    if (!thousands && govidx__import_number(&x, s, '.', ','))
        return "it has '.' thousands separators and a decimal comma: give thousands = '.' and decimal = ',' "
               "(govidx import --thousands . --decimal ,)";
    if (!thousands && govidx__import_number(&x, s, ' ', decimal))
        return "it has a space as thousands separator: give thousands = ' ' (govidx import --thousands ' ')";
    if (decimal && govidx__import_number(&x, s, thousands == '.' ? 0 : thousands, 0))
        return "it has a decimal point, but decimal = ',' was given (govidx import --decimal ,)";
    return NULL;
}

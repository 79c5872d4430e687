/*
 * lib/io/catalogue_date.c - the dates and update periods of catalogue
 * records: civil dates to days, "YYYY-MM-DD" at the start of a value, and
 * accrualPeriodicity values (ISO 8601 durations, words) to days.
 * SPDX-License-Identifier: MIT
 */
#include "catalogue_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- dates and periods ---------------------------------------------------- */

long govidx__days_from_civil(int y, int m, int d)
{
    /* Days before March 1 of year 0 style count: shift the year to start in
     * March so the leap day is last, then count whole 400-year eras. */
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int govidx__parse_date(const char *s, long *day)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, k;
    if (!s)
        return 0;
    for (k = 0; k < 10; k++)
        if (k == 4 || k == 7 ? s[k] != '-' : !isdigit((unsigned char)s[k]))
            return 0;
    if (s[10] && s[10] != 'T' && s[10] != ' ')
        return 0;
    y = atoi(s);
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && is_leap(y)))
        return 0;
    *day = govidx__days_from_civil(y, m, d);
    return 1;
}

/* Mean Gregorian year and month, so P1Y = 365.2425 days. */
#define YEAR_DAYS 365.2425
#define MONTH_DAYS (YEAR_DAYS / 12)

static double iso_duration(const char *s)
{
    double total = 0, v;
    int in_time = 0, any = 0;
    char *end;
    if (*s++ != 'P')
        return -1;
    while (*s) {
        if (*s == 'T') {
            in_time = 1;
            s++;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            return -1;
        errno = 0;
        v = strtod(s, &end);
        if (end == s || errno)
            return -1;
        s = end;
        switch (*s) {
        case 'Y': total += v * YEAR_DAYS; break;
        case 'M': total += in_time ? v / 1440 : v * MONTH_DAYS; break;
        case 'W': total += v * 7; break;
        case 'D': total += v; break;
        case 'H': total += v / 24; break;
        case 'S': total += v / 86400; break;
        default: return -1;
        }
        if ((*s == 'Y' || *s == 'W' || *s == 'D') && in_time)
            return -1;
        s++;
        any = 1;
    }
    return any && total > 0 ? total : -1;
}

double govidx__parse_period(const char *s)
{
    static const struct {
        const char *word;
        double days;
    } words[] = {{"hourly", 1.0 / 24}, {"continuous", 1}, {"continuously", 1}, {"real-time", 1},
                 {"realtime", 1}, {"daily", 1}, {"weekly", 7}, {"biweekly", 14}, {"fortnightly", 14},
                 {"monthly", MONTH_DAYS}, {"bimonthly", 2 * MONTH_DAYS}, {"quarterly", YEAR_DAYS / 4},
                 {"semiannual", YEAR_DAYS / 2}, {"semiannually", YEAR_DAYS / 2}, {"semi-annual", YEAR_DAYS / 2},
                 {"semi-annually", YEAR_DAYS / 2}, {"biannually", YEAR_DAYS / 2}, {"annual", YEAR_DAYS},
                 {"annually", YEAR_DAYS}, {"yearly", YEAR_DAYS}, {"biennial", 2 * YEAR_DAYS},
                 {"biennially", 2 * YEAR_DAYS}, {"triennial", 3 * YEAR_DAYS}, {"decennial", 10 * YEAR_DAYS}};
    static const char *const none[] = {"irregular", "irregularly", "as needed", "as-needed", "asneeded",
                                       "none", "never", "not planned", "notplanned", "unknown", "other",
                                       "historical", "static", "one time", "one-time", "n/a"};
    char buf[64];
    size_t k, n;
    if (!s)
        return NAN;
    while (isspace((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return NAN;
    if (n >= sizeof buf)
        return -1;
    for (k = 0; k < n; k++)
        buf[k] = (char)tolower((unsigned char)s[k]);
    buf[n] = 0;
    if (buf[0] == 'p' || !strncmp(buf, "r/p", 3)) { /* ISO 8601 duration, or repeating interval R/P1D */
        char *p = buf[0] == 'r' ? buf + 2 : buf;
        for (k = 0; p[k]; k++)
            p[k] = (char)toupper((unsigned char)p[k]);
        return iso_duration(p);
    }
    for (k = 0; k < sizeof words / sizeof words[0]; k++)
        if (!strcmp(buf, words[k].word))
            return words[k].days;
    for (k = 0; k < sizeof none / sizeof none[0]; k++)
        if (!strcmp(buf, none[k]))
            return NAN;
    return -1;
}

/*
 * tools/cli_units.c - --exclude CODE,... / --only CODE,...: the units a
 * command works on, chosen by code; an unknown code is named, never
 * ignored (issue 16).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cli_units_arg(cli_units *u, const char *a, const char *v)
{
    if (strcmp(a, "--exclude") && strcmp(a, "--only"))
        return 0;
    if (!v)
        return -1;
    if (a[2] == 'e')
        u->exclude = v;
    else
        u->only = v;
    return 1;
}

/* 1 when code is one of the comma-separated items of list */
static int listed(const char *list, const char *code)
{
    size_t n = strlen(code);
    const char *p = list;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, code, n))
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

/* every item of list is one of codes[]; else name the first unknown one */
static int known(const char *cmd, const char *opt, const char *list, const char *const *codes, size_t n)
{
    const char *p = list;
    while (p && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p), i;
        for (i = 0; i < n && !(strlen(codes[i]) == len && !strncmp(codes[i], p, len)); i++)
            ;
        if (i == n && len) {
            fprintf(stderr, "govidx %s: %s names unit '%.*s', which is not a unit of the data\n", cmd, opt,
                    (int)len, p);
            return -1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

int cli_units_mask(unsigned char *keep, const cli_units *u, const char *const *codes, size_t n, const char *cmd)
{
    size_t i, kept = 0;
    if ((u->exclude && known(cmd, "--exclude", u->exclude, codes, n)) ||
        (u->only && known(cmd, "--only", u->only, codes, n)))
        return -1;
    for (i = 0; i < n; i++) {
        keep[i] = !(u->exclude && listed(u->exclude, codes[i])) && !(u->only && !listed(u->only, codes[i]));
        kept += keep[i];
    }
    if (!kept) {
        fprintf(stderr, "govidx %s: --exclude/--only leave no unit\n", cmd);
        return -1;
    }
    return 0;
}

const char *cli_units_reason(const cli_units *u, const char *code)
{
    if (u->exclude && listed(u->exclude, code))
        return "excluded (--exclude)";
    if (u->only && !listed(u->only, code))
        return "not listed in --only";
    return NULL;
}

int cli_list_split(cli_list *l, const char *text)
{
    size_t n = 1, k = 0;
    char *p, *save = NULL, *tok;
    cli_list_free(l);
    for (p = (char *)text; *p; p++)
        n += *p == ',';
    if (!(l->buf = strdup(text)) || !(l->items = calloc(n + 1, sizeof *l->items))) {
        cli_list_free(l);
        return -1;
    }
    for (tok = strtok_r(l->buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        l->items[k++] = tok;
    l->n = k;
    return 0;
}

void cli_list_free(cli_list *l)
{
    free(l->buf);
    free(l->items);
    l->buf = NULL;
    l->items = NULL;
    l->n = 0;
}

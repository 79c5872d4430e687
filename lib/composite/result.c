/*
 * lib/composite/result.c - results of an executed plan: storage, accessors, CSV export.
 * SPDX-License-Identifier: MIT
 */
#include "core/fmtdouble.h"
#include "core/internal.h"
#include "result_internal.h"
#include "govidx/analysis.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void govidx_result_free(govidx_result *r)
{
    size_t i;
    if (!r)
        return;
    if (r->unit_codes)
        for (i = 0; i < r->n_units; i++)
            govidx__free(r->unit_codes[i]);
    if (r->node_codes)
        for (i = 0; i < r->n_nodes; i++)
            govidx__free(r->node_codes[i]);
    govidx__free(r->unit_codes);
    govidx__free(r->node_codes);
    govidx__free(r->years);
    govidx__free(r->is_leaf);
    govidx__free(r->output_order);
    govidx__free(r->scores);
    govidx__free(r->ranks);
    govidx__free(r->rank_scratch);
    if (r->rank_lock_ok)
        pthread_mutex_destroy(&r->rank_lock);
    govidx__free(r->flags);
    govidx__free(r->contrib_weight);
    govidx__free(r->root_of_node);
    govidx__free(r->method_json);
    govidx__free(r->direction);
    for (i = 0; i < r->n_label_sets; i++) {
        govidx__label_set *ls = &r->label_sets[i];
        size_t c, j;
        for (c = 0; ls->text && c < r->n_units * r->n_years; c++) {
            for (j = 0; ls->text[c] && j < ls->count[c]; j++)
                govidx__free(ls->text[c][j]);
            govidx__free(ls->text[c]);
        }
        govidx__free(ls->key);
        govidx__free(ls->count);
        govidx__free(ls->text);
    }
    govidx__free(r->label_sets);
    govidx__free(r);
}

/* Ask for transparent huge pages on a large array: first-touch page faults
 * are most of the cost of writing fresh memory on virtual machines. */
static void advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1), hi = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (bytes >= 2 * huge && hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE); /* advice only: failure changes nothing */
#else
    (void)p;
    (void)bytes;
#endif
}

int govidx__result_alloc(govidx_result **out, size_t n_units, size_t n_years, size_t n_nodes, int fill,
                         int with_flags)
{
    govidx_result *r;
    size_t cells, i;
    if (!govidx__mul_ok(n_units, n_years, &cells) || !govidx__mul_ok(cells, n_nodes, &cells) ||
        !govidx__mul_ok(cells, sizeof(double), &i))
        return govidx__fail(GOVIDX_EDIM, "result: %zu units x %zu years x %zu nodes overflows", n_units,
                            n_years, n_nodes);
    if (n_units > UINT32_MAX)
        return govidx__fail(GOVIDX_EDIM, "result: %zu units, at most %lu can be ranked", n_units,
                            (unsigned long)UINT32_MAX);
    r = govidx__calloc(1, sizeof *r);
    if (!r)
        return govidx__oom();
    r->n_units = n_units;
    r->n_years = n_years;
    r->tie_tol = GOVIDX_TIE_TOLERANCE;
    r->n_nodes = n_nodes;
    r->unit_codes = govidx__calloc(n_units, sizeof *r->unit_codes);
    r->node_codes = govidx__calloc(n_nodes, sizeof *r->node_codes);
    r->years = govidx__calloc(n_years, sizeof *r->years);
    r->is_leaf = govidx__calloc(n_nodes, sizeof *r->is_leaf);
    r->scores = govidx__mallocarray(cells, sizeof *r->scores);
    r->ranks = govidx__mallocarray(cells, sizeof *r->ranks);
    r->flags = with_flags ? govidx__mallocarray(cells, sizeof *r->flags) : NULL;
    r->rank_scratch = govidx__malloc(govidx__rank_scratch_bytes(n_units));
    if (!r->unit_codes || !r->node_codes || !r->years || !r->is_leaf || !r->scores || !r->ranks ||
        (with_flags && !r->flags) ||
        !r->rank_scratch) {
        govidx_result_free(r);
        return govidx__oom();
    }
    if (pthread_mutex_init(&r->rank_lock, NULL) != 0) {
        govidx_result_free(r);
        return govidx__fail(GOVIDX_ENOMEM, "result: cannot create a mutex");
    }
    r->rank_lock_ok = 1;
    advise_huge(r->scores, cells * sizeof *r->scores);
    advise_huge(r->ranks, cells * sizeof *r->ranks);
    if (fill) {
        for (i = 0; i < cells; i++)
            r->scores[i] = NAN;
        if (r->flags)
            memset(r->flags, 0, cells * sizeof *r->flags);
    }
    *out = r;
    return GOVIDX_OK;
}

/* Lazy ranking: the years are shared among threads; a thread that cannot
 * get scratch memory stops and leaves its years to the caller's thread,
 * which uses the scratch allocated with the result. */
typedef struct rank_job {
    govidx_result *r;
    size_t *next;  /* next year to rank, shared, taken atomically */
    void *scratch; /* NULL: allocate its own */
} rank_job;

static void *rank_worker(void *arg)
{
    rank_job *j = arg;
    govidx_result *r = j->r;
    void *scratch = j->scratch ? j->scratch : govidx__malloc(govidx__rank_scratch_bytes(r->n_units));
    size_t y, k;
    if (!scratch)
        return NULL;
    while ((y = __atomic_fetch_add(j->next, 1, __ATOMIC_RELAXED)) < r->n_years)
        for (k = 0; k < r->n_nodes; k++) {
            size_t cell = GOVIDX__CELL(r, 0, y, k);
            int dir = r->direction ? r->direction[k] : 1;
            if (dir == 0)
                memset(r->ranks + cell, 0, r->n_units * sizeof *r->ranks);
            else
                govidx__rank_u32(r->ranks + cell, r->scores + cell, r->n_units, dir, r->tie_tol, scratch);
        }
    if (scratch != j->scratch)
        govidx__free(scratch);
    return NULL;
}

static void rank_all(govidx_result *r)
{
    pthread_t tid[GOVIDX__MAX_WORKERS];
    size_t n = govidx__worker_count(r->n_years), t, started, next = 0;
    rank_job helper = {r, &next, NULL}, caller = {r, &next, r->rank_scratch};
    for (started = 1; started < n; started++)
        if (pthread_create(&tid[started], NULL, rank_worker, &helper) != 0)
            break;
    rank_worker(&caller); /* returns when every year is taken */
    for (t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
}

const uint32_t *govidx__result_ranks(const govidx_result *cr)
{
    govidx_result *r = (govidx_result *)cr; /* the ranks are a cache of the scores */
    if (__atomic_load_n(&r->ranks_ready, __ATOMIC_ACQUIRE))
        return r->ranks;
    pthread_mutex_lock(&r->rank_lock);
    if (!__atomic_load_n(&r->ranks_ready, __ATOMIC_ACQUIRE)) {
        rank_all(r);
        __atomic_store_n(&r->ranks_ready, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&r->rank_lock);
    return r->ranks;
}

void govidx__result_ranks_stale(govidx_result *r)
{
    __atomic_store_n(&r->ranks_ready, 0, __ATOMIC_RELEASE);
}

void govidx__result_ranks_set(govidx_result *r)
{
    __atomic_store_n(&r->ranks_ready, 1, __ATOMIC_RELEASE);
}

int govidx_result_set_tie_tolerance(govidx_result *r, double rel_tol)
{
    if (!r)
        return govidx__fail(GOVIDX_EINVAL, "result: NULL result");
    if (!(rel_tol >= 0 && rel_tol < 1))
        return govidx__fail(GOVIDX_EINVAL, "result: tie tolerance must be >= 0 and < 1 (has %g)", rel_tol);
    pthread_mutex_lock(&r->rank_lock);
    r->tie_tol = rel_tol;
    govidx__result_ranks_stale(r);
    pthread_mutex_unlock(&r->rank_lock);
    return GOVIDX_OK;
}

double govidx_result_tie_tolerance(const govidx_result *r)
{
    return r ? r->tie_tol : NAN;
}

double govidx__result_contrib(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    size_t root;
    double z, s;
    if (!r->contrib_weight || !r->is_leaf[node] || (root = r->root_of_node[node]) == node)
        return NAN;
    z = r->scores[GOVIDX__CELL(r, unit, year, node)];
    s = r->scores[GOVIDX__CELL(r, unit, year, root)];
    return isnan(z) || isnan(s) || s == 0 ? NAN : r->contrib_weight[node] * z / s;
}

int govidx__result_set_direction(govidx_result *r, size_t node, int dir)
{
    if (!r->direction) {
        size_t k;
        if (!(r->direction = govidx__mallocarray(r->n_nodes ? r->n_nodes : 1, sizeof *r->direction)))
            return govidx__oom();
        for (k = 0; k < r->n_nodes; k++)
            r->direction[k] = 1;
    }
    r->direction[node] = (signed char)(dir > 0 ? 1 : dir < 0 ? -1 : 0);
    govidx__result_ranks_stale(r);
    return GOVIDX_OK;
}

int govidx_result_node_direction(const govidx_result *r, size_t node)
{
    if (!r || node >= r->n_nodes)
        return 0;
    return r->direction ? r->direction[node] : 1;
}

static govidx__label_set *find_labels(const govidx_result *r, const char *key)
{
    size_t i;
    for (i = 0; key && i < r->n_label_sets; i++)
        if (!strcmp(r->label_sets[i].key, key))
            return &r->label_sets[i];
    return NULL;
}

int govidx__result_set_labels(govidx_result *r, const char *key, size_t unit, size_t year,
                              const char *const *labels, size_t n)
{
    govidx__label_set *ls = find_labels(r, key);
    size_t cells = r->n_units * r->n_years, c = year * r->n_units + unit, j;
    char **text = NULL;
    if (!ls) {
        govidx__label_set *grown = govidx__realloc(r->label_sets, (r->n_label_sets + 1) * sizeof *grown);
        if (!grown)
            return govidx__oom();
        r->label_sets = grown;
        ls = &grown[r->n_label_sets];
        ls->key = govidx__strdup(key);
        ls->count = govidx__calloc(cells ? cells : 1, sizeof *ls->count);
        ls->text = govidx__calloc(cells ? cells : 1, sizeof *ls->text);
        r->n_label_sets++; /* counted now so that result_free releases a partial set */
        if (!ls->key || !ls->count || !ls->text)
            return govidx__oom();
    }
    if (n && !(text = govidx__calloc(n, sizeof *text)))
        return govidx__oom();
    for (j = 0; j < n; j++)
        if (!(text[j] = govidx__strdup(labels[j]))) {
            while (j--)
                govidx__free(text[j]);
            govidx__free(text);
            return govidx__oom();
        }
    for (j = 0; ls->text[c] && j < ls->count[c]; j++)
        govidx__free(ls->text[c][j]);
    govidx__free(ls->text[c]);
    ls->text[c] = text;
    ls->count[c] = n;
    return GOVIDX_OK;
}

size_t govidx_result_n_labels(const govidx_result *r, size_t unit, size_t year, const char *key)
{
    const govidx__label_set *ls;
    if (!r || unit >= r->n_units || year >= r->n_years || !(ls = find_labels(r, key)))
        return 0;
    return ls->count[year * r->n_units + unit];
}

const char *govidx_result_label(const govidx_result *r, size_t unit, size_t year, const char *key, size_t i)
{
    const govidx__label_set *ls;
    size_t c;
    if (!r || unit >= r->n_units || year >= r->n_years || !(ls = find_labels(r, key)))
        return NULL;
    c = year * r->n_units + unit;
    return i < ls->count[c] ? ls->text[c][i] : NULL;
}

size_t govidx_result_n_units(const govidx_result *r) { return r ? r->n_units : 0; }
size_t govidx_result_n_years(const govidx_result *r) { return r ? r->n_years : 0; }
size_t govidx_result_n_nodes(const govidx_result *r) { return r ? r->n_nodes : 0; }

const char *govidx_result_unit_code(const govidx_result *r, size_t unit)
{
    return r && unit < r->n_units ? r->unit_codes[unit] : NULL;
}

int govidx_result_year(const govidx_result *r, size_t year)
{
    return r && year < r->n_years ? r->years[year] : 0;
}

const char *govidx_result_node_code(const govidx_result *r, size_t node)
{
    return r && node < r->n_nodes ? r->node_codes[node] : NULL;
}

static int in_range(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return r && unit < r->n_units && year < r->n_years && node < r->n_nodes;
}

double govidx_result_score(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return in_range(r, unit, year, node) ? r->scores[GOVIDX__CELL(r, unit, year, node)] : NAN;
}

size_t govidx_result_rank(const govidx_result *r, size_t unit, size_t year, size_t node)
{
    return in_range(r, unit, year, node) ? govidx__result_ranks(r)[GOVIDX__CELL(r, unit, year, node)] : 0;
}

const double *govidx_result_scores(const govidx_result *r, size_t year, size_t node)
{
    return in_range(r, 0, year, node) ? r->scores + GOVIDX__CELL(r, 0, year, node) : NULL;
}

double govidx_result_contribution(const govidx_result *r, size_t unit, size_t year, size_t leaf)
{
    return in_range(r, unit, year, leaf) ? govidx__result_contrib(r, unit, year, leaf) : NAN;
}

unsigned govidx_result_flags(const govidx_result *r, size_t unit, size_t year, size_t leaf)
{
    return in_range(r, unit, year, leaf) && r->flags ? r->flags[GOVIDX__CELL(r, unit, year, leaf)] : 0u;
}

const char *govidx_result_method_json(const govidx_result *r)
{
    return r ? r->method_json : NULL;
}

/* The library's one output path: a regular target gets a temporary file
 * beside it (the umask's mode), renamed over it by _end; a device or FIFO is
 * written in place, never renamed over. */
int govidx__write_atomic_begin(const char *path, char **tmp_path, FILE **f)
{
    size_t n = strlen(path) + 16;
    char *tmp;
    int fd, kind = govidx__output_kind(path);
    *tmp_path = NULL;
    if (kind < 0)
        return GOVIDX_EINVAL;
    if (kind == 1) { /* a device or FIFO: written in place, never renamed over */
        if (!(*f = fopen(path, "w")))
            return govidx__fail(GOVIDX_EIO, "cannot open '%s': %s", path, strerror(errno));
        return GOVIDX_OK;
    }
    if (!(tmp = govidx__malloc(n)))
        return govidx__oom();
    snprintf(tmp, n, "%s.XXXXXX", path);
    fd = mkstemp(tmp);
    if (fd >= 0)
        fchmod(fd, govidx__output_mode(path));
    if (fd < 0) {
        int e = errno;
        govidx__free(tmp);
        return govidx__fail(GOVIDX_EIO, "cannot create a temporary file next to '%s': %s", path, strerror(e));
    }
    *f = fdopen(fd, "w");
    if (!*f) {
        close(fd);
        unlink(tmp);
        govidx__free(tmp);
        return govidx__fail(GOVIDX_EIO, "cannot open a temporary file next to '%s'", path);
    }
    *tmp_path = tmp;
    return GOVIDX_OK;
}

int govidx__write_atomic_end(const char *path, char *tmp_path, FILE *f, int ok)
{
    int rc = GOVIDX_OK;
    if (!tmp_path) { /* device or FIFO */
        if ((fflush(f) != 0 || ferror(f)) && ok)
            ok = 0, rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
        if (fclose(f) != 0 && ok)
            rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
        return rc;
    }
    if (ok && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0))
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
    if (fclose(f) != 0 && ok)
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
    if (ok && rename(tmp_path, path) != 0)
        ok = 0, rc = govidx__fail(GOVIDX_EIO, "cannot rename the temporary file to '%s': %s", path,
                                  strerror(errno));
    if (!ok)
        unlink(tmp_path);
    govidx__free(tmp_path);
    return rc;
}

/* Decimal digits of v (no sign) at p; returns the count. */
static size_t put_uint(char *p, unsigned long v)
{
    char tmp[24];
    size_t n = 0, k;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (k = 0; k < n; k++)
        p[k] = tmp[n - 1 - k];
    return n;
}

int govidx_result_write_csv(const govidx_result *r, const char *path)
{
    return govidx_result_write_csv_nodes(r, path, NULL);
}

/*
 * The CSV is cut into pieces (up to CSV_PIECE_ROWS units of one node in one
 * year); each round formats one piece per thread into that thread's own
 * buffer, then the caller writes the buffers in order, so the file is the
 * same bytes on any number of threads.  Formatting (mostly the shortest
 * text of each score, about 90 ns) is what costs; threads are used only
 * for results of at least CSV_PARALLEL_ROWS rows.
 */
#define CSV_PIECE_ROWS 16384
#define CSV_PARALLEL_ROWS 65536
#define CSV_ROW_EXTRA 48 /* score (< GOVIDX__SHORTEST_MAX), rank digits, ',' and '\n' */

typedef struct csv_piece {
    size_t y, node, u0, u1;
} csv_piece;

typedef struct csv_slot {
    const govidx_result *r;
    const uint32_t *ranks;
    char *const *ucode;
    const size_t *ulen;
    size_t maxu;
    csv_piece piece;
    char *buf;
    size_t cap, len;
    int rc;
} csv_slot;

/* Format the slot's piece into its buffer (grown as needed). */
static void *format_piece(void *arg)
{
    csv_slot *sl = arg;
    const govidx_result *r = sl->r;
    const csv_piece *p = &sl->piece;
    const char *code = r->node_codes[p->node];
    size_t u, nlen, used, need;
    char nfield[128], *nf;
    int ylen;

    sl->rc = GOVIDX_OK;
    sl->len = 0;
    need = 2 * strlen(code) + 40; /* ",YEAR,NODE," once per piece */
    nf = need <= sizeof nfield ? nfield : govidx__malloc(need);
    if (!nf) {
        sl->rc = GOVIDX_ENOMEM;
        return NULL;
    }
    ylen = snprintf(nf, need, ",%d,", r->years[p->y]);
    nlen = (size_t)ylen + govidx__csv_field(nf + ylen, code);
    nf[nlen++] = ',';
    need = (p->u1 - p->u0) * (sl->maxu + nlen + CSV_ROW_EXTRA);
    if (need > sl->cap) {
        char *nb = govidx__realloc(sl->buf, need);
        if (!nb) {
            sl->rc = GOVIDX_ENOMEM;
            if (nf != nfield)
                govidx__free(nf);
            return NULL;
        }
        sl->buf = nb;
        sl->cap = need;
    }
    for (u = p->u0, used = 0; u < p->u1; u++) {
        size_t c = GOVIDX__CELL(r, u, p->y, p->node);
        char *b = sl->buf;
        memcpy(b + used, sl->ucode[u], sl->ulen[u]);
        used += sl->ulen[u];
        memcpy(b + used, nf, nlen);
        used += nlen;
        if (!isnan(r->scores[c])) /* shortest text that reads back as the same double */
            used += govidx__fmt_shortest(b + used, r->scores[c]);
        b[used++] = ',';
        if (sl->ranks[c])
            used += put_uint(b + used, (unsigned long)sl->ranks[c]);
        b[used++] = '\n';
    }
    sl->len = used;
    if (nf != nfield)
        govidx__free(nf);
    return NULL;
}

int govidx_result_write_csv_nodes(const govidx_result *r, const char *path, const unsigned char *keep)
{
    FILE *f = NULL;
    char *tmp = NULL, **ucode = NULL, *ubuf = NULL;
    size_t o, u, *ulen = NULL, maxu = 0, ulen_total = 0, rows = 0, n_threads = 1, t, next_y = 0, next_o = 0,
                    next_u = 0;
    csv_slot slot[GOVIDX__MAX_WORKERS];
    const uint32_t *ranks;
    int rc = GOVIDX_OK, ok = 1;
    if (!r || !path)
        return govidx__fail(GOVIDX_EINVAL, "result: NULL argument");
    memset(slot, 0, sizeof slot);
    ranks = govidx__result_ranks(r);
    /* unit fields quoted once, not once per row */
    ulen = govidx__mallocarray(r->n_units ? r->n_units : 1, sizeof *ulen);
    ucode = govidx__mallocarray(r->n_units ? r->n_units : 1, sizeof *ucode);
    for (u = 0; ulen && ucode && u < r->n_units; u++)
        ulen_total += 2 * strlen(r->unit_codes[u]) + 3;
    ubuf = govidx__malloc(ulen_total ? ulen_total : 1);
    if (!ulen || !ucode || !ubuf) {
        rc = govidx__oom();
        goto out;
    }
    for (u = 0, o = 0; u < r->n_units; u++) {
        ucode[u] = ubuf + o;
        ulen[u] = govidx__csv_field(ubuf + o, r->unit_codes[u]);
        o += ulen[u];
        if (ulen[u] > maxu)
            maxu = ulen[u];
    }
    for (o = 0; o < r->n_nodes; o++)
        if (!keep || keep[o])
            rows += r->n_units * r->n_years;
    if (rows >= CSV_PARALLEL_ROWS)
        n_threads = govidx__worker_count(GOVIDX__MAX_WORKERS);
    for (t = 0; t < n_threads; t++) {
        slot[t].r = r;
        slot[t].ranks = ranks;
        slot[t].ucode = ucode;
        slot[t].ulen = ulen;
        slot[t].maxu = maxu;
    }
    if ((rc = govidx__write_atomic_begin(path, &tmp, &f)))
        goto out;
    fputs("unit,year,node,score,rank\n", f);
    while (ok && next_y < r->n_years && r->n_units > 0) {
        size_t n_pieces = 0;
        /* the next n_threads pieces, in file order: years, nodes, units */
        while (n_pieces < n_threads && next_y < r->n_years) {
            size_t node = r->output_order ? r->output_order[next_o] : next_o;
            if (!keep || keep[node]) {
                csv_piece *p = &slot[n_pieces++].piece;
                p->y = next_y;
                p->node = node;
                p->u0 = next_u;
                p->u1 = r->n_units - next_u > CSV_PIECE_ROWS ? next_u + CSV_PIECE_ROWS : r->n_units;
                next_u = p->u1;
            } else
                next_u = r->n_units;
            if (next_u == r->n_units) {
                next_u = 0;
                if (++next_o == r->n_nodes) {
                    next_o = 0;
                    next_y++;
                }
            }
        }
        govidx__run_slots(format_piece, slot, sizeof *slot, n_pieces);
        for (t = 0; t < n_pieces && ok; t++) {
            if (slot[t].rc) {
                rc = govidx__oom();
                ok = 0;
            } else if (fwrite(slot[t].buf, 1, slot[t].len, f) != slot[t].len) {
                rc = govidx__fail(GOVIDX_EIO, "writing '%s' failed: %s", path, strerror(errno));
                ok = 0;
            }
        }
    }
    if (rc == GOVIDX_OK)
        rc = govidx__write_atomic_end(path, tmp, f, ok);
    else
        govidx__write_atomic_end(path, tmp, f, 0);
out:
    for (t = 0; t < GOVIDX__MAX_WORKERS; t++)
        govidx__free(slot[t].buf);
    govidx__free(ulen);
    govidx__free(ucode);
    govidx__free(ubuf);
    return rc;
}

/*
 * gazlist.c — the lists behind the gaz[] atom.
 *
 * A list is a TSV file in the gazetteer format (data/README.md: surface,
 * type, …; '#' comments) or, when a type is given for the file, any file
 * whose first column is a surface (ranks.tsv, titles.tsv, surnames.tsv,
 * given.txt).  Each surface is cut by the run-time tokeniser and stored as
 * the hash chain of its tokens' match keys in one open-addressing table,
 * with every proper prefix marked, so a lookup grows token by token and
 * stops at the first miss.  Phrases are identified by 64-bit hashes: two
 * phrases that collide (odds about n^2 / 2^65) share their types.
 *
 * Rows are read by the shared data loader (docpipe/tsv.h), so a list is
 * accepted or refused here exactly as by the other plugins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "tagger.h"
#include "vi/vi_text.h"

typedef struct pair {
    uint64_t key;
    uint32_t val;
} pair;

typedef struct pairs {
    pair *v;
    size_t n, cap;
} pairs;

static int pairs_push(pairs *p, uint64_t key, uint32_t val)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 1024;
        pair *nv = realloc(p->v, nc * sizeof *nv);
        if (!nv) return -1;
        p->v = nv;
        p->cap = nc;
    }
    p->v[p->n++] = (pair){ key, val };
    return 0;
}

static int type_index(tg_gaz *g, const char *type, size_t len)
{
    for (uint32_t t = 0; t < g->n_types; t++)
        if (strlen(g->types[t]) == len && !memcmp(g->types[t], type, len)) return (int)t;
    if (g->n_types == TG_GAZ_MAX_TYPES) return -2;
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    memcpy(copy, type, len);
    copy[len] = '\0';
    g->types[g->n_types] = copy;
    return (int)g->n_types++;
}

/* Add one surface's phrase (and its prefixes) of type t; 0, -1 on exhausted memory. */
static int add_surface(tg_gaz *g, pairs *p, const char *surface, size_t len, int t)
{
    tg_tokens toks = { 0 };
    size_t klen;
    size_t *map = NULL;
    char *key = dp_text_match_key(surface, len, &vi_text_rules, &klen, &map);
    if (!key || tg_tokenize(surface, len, &toks) < 0) {
        free(key);
        free(map);
        tg_tokens_free(&toks);
        return -1;
    }
    int rc = 0;
    if (toks.n > 0 && toks.n <= TG_GAZ_MAX_PHRASE) {
        uint64_t lower[TG_GAZ_MAX_PHRASE];
        tg_token_keys(toks.v, toks.n, key, klen, map, lower);
        uint64_t h = 0;
        for (size_t i = 0; i < toks.n && rc == 0; i++) {
            h = tg_gaz_step(h, lower[i]);
            rc = pairs_push(p, h, i + 1 == toks.n ? 1u << t : TG_GAZ_PREFIX);
        }
        if (toks.n > g->max_len) g->max_len = (uint32_t)toks.n;
        g->n_phrases++;
    }
    free(key);
    free(map);
    tg_tokens_free(&toks);
    return rc;
}

/* One list through the shared data loader (docpipe/tsv.h): surface<TAB>type, or surfaces of the spec's type. */
static int load_list(tg_gaz *g, pairs *p, const tg_list_spec *spec, char *err, size_t errlen)
{
    dp_tsv *t = dp_tsv_open(spec->path);
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!spec->type) dp_tsv_expect(t, 2, 0, "surface, type[, …]; or give the list a type");
    int fixed = spec->type ? type_index(g, spec->type, strlen(spec->type)) : 0;
    int rc = fixed < 0 ? dp_tsv_fail(t, "more than %d list types", TG_GAZ_MAX_TYPES) : 0;
    dp_tsv_row row;
    while (rc == 0 && (rc = dp_tsv_next(t, &row)) > 0) {
        rc = 0;
        int ty = fixed;
        if (!spec->type) {
            if (row.len[1] == 0) { rc = dp_tsv_fail(t, "empty type column"); break; }
            ty = type_index(g, row.col[1], row.len[1]);
            if (ty == -2) { rc = dp_tsv_fail(t, "more than %d list types", TG_GAZ_MAX_TYPES); break; }
        }
        if (ty < 0 || (row.len[0] > 0 && add_surface(g, p, row.col[0], row.len[0], ty) < 0)) {
            dp_tsv_close(t);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    }
    if (rc < 0) snprintf(err, errlen, "%s", dp_tsv_error(t));
    dp_tsv_close(t);
    return rc < 0 ? -1 : 0;
}

void tg_gaz_free(tg_gaz *g)
{
    if (g->own_types)
        for (uint32_t t = 0; t < g->n_types; t++) free(g->types[t]);
    free(g->own_keys);
    free(g->own_vals);
    memset(g, 0, sizeof *g);
}

int tg_gaz_load(tg_gaz *g, const tg_list_spec *specs, size_t n, char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    g->own_types = 1;
    pairs p = { 0 };
    for (size_t i = 0; i < n; i++) {
        if (load_list(g, &p, &specs[i], err, errlen) < 0) {
            free(p.v);
            tg_gaz_free(g);
            return -1;
        }
    }
    if (p.n == 0) {
        free(p.v);
        return 0;
    }
    uint64_t size = 16;
    while (size < 2 * p.n) size *= 2;
    g->own_keys = calloc(size, sizeof *g->own_keys);
    g->own_vals = calloc(size, sizeof *g->own_vals);
    if (!g->own_keys || !g->own_vals) {
        free(p.v);
        tg_gaz_free(g);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < p.n; i++) {
        uint64_t k = p.v[i].key & (size - 1);
        while (g->own_keys[k] && g->own_keys[k] != p.v[i].key) k = (k + 1) & (size - 1);
        g->own_keys[k] = p.v[i].key;
        g->own_vals[k] |= p.v[i].val;
    }
    free(p.v);
    g->size = size;
    g->keys = g->own_keys;
    g->vals = g->own_vals;
    return 0;
}

uint32_t tg_gaz_lookup(const tg_gaz *g, uint64_t phrase)
{
    if (!g->size) return 0;
    uint64_t mask = g->size - 1, k = phrase & mask;
    for (uint64_t probes = 0; probes < g->size; probes++) {
        if (g->keys[k] == phrase) return g->vals[k];
        if (!g->keys[k]) return 0;
        k = (k + 1) & mask;
    }
    return 0;
}

uint64_t tg_gaz_fingerprint(const tg_gaz *g)
{
    uint64_t h = TG_FNV_OFFSET;
    for (uint32_t t = 0; t < g->n_types; t++) h = tg_fnv1a(h, g->types[t], strlen(g->types[t]) + 1);
    h = tg_fnv1a(h, &g->size, sizeof g->size);
    if (g->size) {
        h = tg_fnv1a(h, g->keys, g->size * sizeof *g->keys);
        h = tg_fnv1a(h, g->vals, g->size * sizeof *g->vals);
    }
    return h;
}

void tg_gaz_mark(const tg_gaz *g, tg_obs *obs, size_t n)
{
    if (!g->size) return;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = 0;
        for (size_t l = 1; l <= g->max_len && i + l <= n; l++) {
            h = tg_gaz_step(h, obs[i + l - 1].lower);
            uint32_t v = tg_gaz_lookup(g, h);
            if (!v) break;
            for (uint32_t t = 0; t < g->n_types; t++) {
                if (!(v & (1u << t))) continue;
                obs[i].gaz |= 1u << (2 * t);
                for (size_t k = i + 1; k < i + l; k++) obs[k].gaz |= 1u << (2 * t + 1);
            }
            if (!(v & TG_GAZ_PREFIX)) break;
        }
    }
}

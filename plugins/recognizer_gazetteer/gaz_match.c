/* gaz_match.c — character classes, the tokenizer and trie lookups. */
#include <string.h>

#include <utf8proc.h>

#include "gaz.h"

/* Latin letters with diacritics and Vietnamese letters take a fast path. */
int gaz_cp_is_word(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if ((cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x300 && cp <= 0x36F))
        return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

int gaz_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int gaz_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_space_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS || cp == 0x2028 || cp == 0x2029;
}

/* Decode one code point; invalid bytes decode as -1 and advance by one. */
static inline int32_t next_cp(const char *s, size_t len, size_t *pos)
{
    unsigned char c = (unsigned char)s[*pos];
    if (c < 0x80) {
        (*pos)++;
        return c;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *pos,
                                          (utf8proc_ssize_t)(len - *pos), &cp);
    if (n <= 0) {
        (*pos)++;
        return -1;
    }
    *pos += (size_t)n;
    return cp;
}

int gaz_next_token(const char *key, size_t len, size_t *pos, size_t *ts, size_t *te, int *word)
{
    size_t p = *pos;
    int32_t cp = 0;
    size_t start;
    for (;;) {
        if (p >= len) {
            *pos = p;
            return 0;
        }
        start = p;
        cp = next_cp(key, len, &p);
        if (!is_space_cp(cp))
            break;
    }
    *ts = start;
    if (!gaz_cp_is_word(cp)) {
        *word = 0;
        *te = *pos = p;
        return 1;
    }
    *word = 1;
    while (p < len) {
        unsigned char c = (unsigned char)key[p];
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                p++;
                continue;
            }
            break;
        }
        size_t q = p;
        int32_t d = next_cp(key, len, &q);
        if (!gaz_cp_is_word(d))
            break;
        p = q;
    }
    *te = *pos = p;
    return 1;
}

static inline uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h | 1u; /* never 0 */
}

uint32_t gaz_token_id(const gaz *g, const char *s, size_t n)
{
    if (!g->toks)
        return 0;
    uint32_t h = hash_bytes(s, n);
    for (uint32_t i = h & g->tok_mask;; i = (i + 1) & g->tok_mask) {
        const gaz_tokslot *t = &g->toks[i];
        if (t->id == 0)
            return 0;
        if (t->hash == h && t->len == n && memcmp(g->tokpool + t->off, s, n) == 0)
            return t->id;
    }
}

static inline uint32_t hash_edge(uint32_t node, uint32_t tok)
{
    uint64_t x = ((uint64_t)node << 32) | tok;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

uint32_t gaz_child(const gaz *g, uint32_t node, uint32_t tok)
{
    if (!g->edges)
        return 0;
    for (uint32_t i = hash_edge(node, tok) & g->edge_mask;; i = (i + 1) & g->edge_mask) {
        const gaz_edge *e = &g->edges[i];
        if (e->child == 0)
            return 0;
        if (e->node == node && e->tok == tok)
            return e->child;
    }
}

void gaz_shape_of(const char *t, size_t n, gaz_shape *sh)
{
    memset(sh, 0, sizeof *sh);
    size_t p = 0;
    int in_word = 0, first = 1;
    while (p < n) {
        int32_t cp = next_cp(t, n, &p);
        int up = gaz_cp_is_upper(cp), lo = !up && gaz_cp_is_lower(cp);
        if (first)
            sh->first_upper = up;
        first = 0;
        sh->n_upper += up;
        sh->n_lower += lo;
        if (gaz_cp_is_word(cp)) {
            if (!in_word) {
                if (up && sh->nwords < 32)
                    sh->capmask |= 1u << sh->nwords;
                sh->nwords++;
            }
            in_word = 1;
        } else {
            in_word = 0;
        }
    }
}

uint32_t gaz_hash_token(const char *s, size_t n) { return hash_bytes(s, n); }
uint32_t gaz_hash_edge(uint32_t node, uint32_t tok) { return hash_edge(node, tok); }

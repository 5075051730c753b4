/* gaz_match.c — the tokenizer and trie lookups. */
#include <string.h>

#include <docpipe/chars.h>
#include <docpipe/text.h>

#include "fnv.h"
#include "gaz.h"

/* Decode one code point; invalid bytes decode as -1 and advance by one. */
static inline int32_t next_cp(const char *s, size_t len, size_t *pos)
{
    unsigned char c = (unsigned char)s[*pos];
    if (c < 0x80) {
        (*pos)++;
        return c;
    }
    return dp_utf8_next(s, len, pos);
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
        if (!dp_char_is_space(cp))
            break;
    }
    *ts = start;
    if (!dp_char_is_word(cp)) {
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
        if (!dp_char_is_word(d))
            break;
        p = q;
    }
    *te = *pos = p;
    return 1;
}

static inline uint32_t hash_bytes(const char *s, size_t n)
{
    return fnv1a32(FNV1A32_INIT, s, n) | 1u; /* never 0 */
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
        int up = dp_char_is_upper(cp), lo = !up && dp_char_is_lower(cp);
        if (first)
            sh->first_upper = up;
        first = 0;
        sh->n_upper += up;
        sh->n_lower += lo;
        if (dp_char_is_word(cp)) {
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

/*
 * gaz.h — the gazetteer's compiled form (private to recognizer_gazetteer).
 *
 * Every surface of every list is turned into its match key
 * (dp_text_match_key, under the configured language rules), the key is cut into tokens (maximal runs of letters,
 * marks and digits, or single other non-space characters; spaces only
 * separate), and the token sequences are stored in a trie whose edges live in
 * one open-addressing hash table keyed by (node, token id).  All arrays are
 * flat with 32-bit indices, so the whole structure can be written to a cache
 * file and mapped back without any fix-up.
 *
 * Because tokens are whole words, a match can only start and end at a word
 * boundary ("Lào" never matches inside "Làocai", "Anh" never inside
 * "Thanh").
 */
#ifndef GAZ_H
#define GAZ_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <docpipe/text.h>

#define GAZ_NONE UINT32_MAX

/* gaz_entry.flags */
#define GAZ_F_UPPER_FIRST 0x01u /* the surface starts with an uppercase letter */
#define GAZ_F_ALLCAPS 0x02u     /* >= 2 letters, none lowercase (ASEAN, ADMM+, TP.HCM) */
#define GAZ_F_AMB_GIVEN 0x04u   /* ambiguous=given_name */
#define GAZ_F_AMB_COMMON 0x08u  /* ambiguous=common_word or any other value */
#define GAZ_F_AMB_PERSON 0x10u  /* ambiguous=person_name */
#define GAZ_F_AMBIGUOUS (GAZ_F_AMB_GIVEN | GAZ_F_AMB_COMMON | GAZ_F_AMB_PERSON)
#define GAZ_F_COMPOSABLE 0x20u  /* head= or default_country=: "Bộ Quốc phòng" + a country */
#define GAZ_F_COUNTRY 0x40u     /* kind=country */

typedef struct gaz_entry {
    uint32_t surface, type, id, english; /* offsets into pool */
    uint32_t attrs, n_attrs;             /* range of the attrs array */
    uint32_t next;                       /* next entry of the same key, or GAZ_NONE */
    uint32_t flags;
    uint32_t capmask; /* bit i: word i of the surface starts uppercase (i < 32) */
    uint32_t nwords;  /* words (letter/digit runs) in the surface */
} gaz_entry;

typedef struct gaz_attr {
    uint32_t k, v; /* offsets into pool */
} gaz_attr;

typedef struct gaz_tokslot {
    uint32_t hash, off, len; /* off/len: the token's bytes in tokpool */
    uint32_t id;             /* 0: empty slot */
} gaz_tokslot;

typedef struct gaz_edge {
    uint32_t node, tok;
    uint32_t child; /* 0: empty slot (the root is never a child) */
} gaz_edge;

typedef struct gaz {
    char *pool;
    size_t pool_len, pool_cap;
    gaz_entry *entries;
    uint32_t n_entries, cap_entries;
    gaz_attr *attrs;
    uint32_t n_attrs, cap_attrs;
    uint32_t *node_entry; /* first entry per trie node, GAZ_NONE: not a key */
    uint32_t n_nodes, cap_nodes;
    gaz_edge *edges;
    uint32_t edge_mask, n_edges; /* table size = edge_mask + 1 */
    gaz_tokslot *toks;
    uint32_t tok_mask, n_toks;
    char *tokpool;
    size_t tokpool_len, tokpool_cap;

    /* When loaded from a cache every array above points into this mapping. */
    void *map_base;
    size_t map_len;

    /* Build-time only. */
    void *build;
} gaz;

/* Row filter applied while loading. */
typedef struct gaz_filter {
    const char *const *types; /* NULL: every type */
    size_t n_types;
    long min_length; /* code points */
} gaz_filter;

/* ---- building (gaz_build.c) -------------------------------------------- */

/* printf into the err/errlen pair every function here reports through. */
static inline void gaz_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void gaz_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* rules: the language rules of the surfaces' match keys (NULL: none), the
 * same the text's key must be made with. */
int gaz_init(gaz *g, const dp_text_rules *rules);
/* Parse one TSV list (through docpipe/tsv.h); a malformed row fails with "name:line: reason". */
int gaz_load_buffer(gaz *g, const char *name, const char *data, size_t len,
                    const gaz_filter *f, char *err, size_t errlen);
int gaz_load_file(gaz *g, const char *path, const gaz_filter *f, char *err, size_t errlen);
/* End of loading: frees the build state.  The gazetteer is read-only afterwards. */
int gaz_finish(gaz *g, char *err, size_t errlen);
void gaz_free(gaz *g);

/* ---- lookup (gaz_match.c) ------------------------------------------------ */

/*
 * Next token of a match key from *pos (spaces skipped).  Returns 0 at the
 * end; else 1 with the token in key[*ts, *te) and *word non-zero when it is
 * a run of word characters (dp_char_is_word: letters, marks and digits).
 */
int gaz_next_token(const char *key, size_t len, size_t *pos, size_t *ts, size_t *te, int *word);

/* Token id of key bytes s[0..n), 0 when no list has that token. */
uint32_t gaz_token_id(const gaz *g, const char *s, size_t n);
/* Child of node by token, 0 when none. */
uint32_t gaz_child(const gaz *g, uint32_t node, uint32_t tok);
/* The hash functions of the two tables (shared with the builder). */
uint32_t gaz_hash_token(const char *s, size_t n);
uint32_t gaz_hash_edge(uint32_t node, uint32_t tok);

/* Case shape of original text t[0..n): words, capitalisation mask, letters. */
typedef struct gaz_shape {
    uint32_t nwords, capmask;
    int first_upper; /* the first character is an uppercase letter */
    int n_upper, n_lower;
} gaz_shape;
void gaz_shape_of(const char *t, size_t n, gaz_shape *sh);

/* ---- cache (gaz_cache.c) ------------------------------------------------- */

/* 1: loaded; 0: absent, stale or invalid (reason in err); -1: hard error. */
int gaz_cache_load(gaz *g, const char *path, uint64_t fingerprint, char *err, size_t errlen);
void gaz_cache_unmap(void *base, size_t len);
int gaz_cache_save(const gaz *g, const char *path, uint64_t fingerprint, char *err, size_t errlen);
/* Fingerprint of the inputs: list paths, sizes, mtimes, load filter and the
 * name of the language rules (NULL: none). */
int gaz_fingerprint(const char *const *paths, size_t n, const gaz_filter *f, const char *rules,
                    uint64_t *out, char *err, size_t errlen);

#endif

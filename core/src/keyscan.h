/*
 * The match key and its tokens in one pass (keyscan.c): what
 * dp_text_match_key, dp_text_tokens and the document's cached keys
 * (dp_doc_tokens, dp_doc_match_key) are made of.
 */
#ifndef DP_KEYSCAN_H
#define DP_KEYSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "docpipe/text.h"

typedef struct dp_keyscan {
    int want_tokens;  /* in: cut the key into tokens */
    int want_map;     /* in: the per-byte map of dp_text_match_key */
    char *key;        /* out: malloc'ed, NUL-terminated */
    size_t klen, kcap;
    size_t *map;      /* out when want_map: klen + 1 entries */
    dp_token *tok;    /* out when want_tokens */
    uint8_t *tflags;  /* DP_TOKEN_* of each token */
    size_t n, tcap;
} dp_keyscan;

/*
 * Scan s[0..len), which must be valid UTF-8 (the caller checks), into o
 * (want_* set by the caller).  0, or -1 when memory is exhausted or an offset
 * does not fit 32 bits (o is then empty).
 */
int dp_keyscan_run(dp_keyscan *o, const char *s, size_t len, const dp_text_rules *rules);

/*
 * The per-byte map of a scan made with tokens, rebuilt from its tokens and
 * the text it scanned (s, len) in one cheap pass: 0 with *map malloc'ed; -1
 * when a character took the general path (scan again with want_map); -2 when
 * memory is exhausted.
 */
int dp_keyscan_map(const dp_keyscan *o, const char *s, size_t len, size_t **map);

void dp_keyscan_free(dp_keyscan *o);

#endif

/*
 * docpipe/text.h — shared UTF-8 text helpers (on utf8proc and iconv).
 *
 * Every matcher and writer goes through these so that they agree on what
 * "the same text" and "offset 17" mean.  Functions that return a new string
 * return it malloc'ed (free() it) and NUL-terminated, with its byte length in
 * *outlen when outlen is not NULL; they return NULL when memory is exhausted
 * or the input is not valid UTF-8.
 */
#ifndef DOCPIPE_TEXT_H
#define DOCPIPE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * Non-zero when s[0..len) is valid UTF-8 (no overlongs, no surrogates).
 * On failure *bad (if not NULL) receives the byte offset of the first error.
 */
int dp_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * Decode the code point at s[*pos] (len bytes in all) and advance *pos.
 * Returns the code point, or -1 on an invalid sequence (*pos advances by 1).
 */
int32_t dp_utf8_next(const char *s, size_t len, size_t *pos);

/* Non-zero when byte offset pos of s is the start of a character (or len). */
int dp_utf8_boundary(const char *s, size_t len, size_t pos);

/* ---- offsets --------------------------------------------------------------- */

/* Code points / UTF-16 code units in text[0..byte_off).  O(byte_off). */
size_t dp_offset_to_codepoints(const char *text, size_t byte_off);
size_t dp_offset_to_utf16(const char *text, size_t byte_off);

/*
 * A cursor converts many byte offsets of one text in O(total) when they come
 * in non-decreasing order (it rewinds, more slowly, when they do not).
 */
typedef struct dp_offset_cursor {
    const char *text;
    size_t byte, cp, u16;
} dp_offset_cursor;

void dp_offset_cursor_init(dp_offset_cursor *c, const char *text);
size_t dp_offset_cursor_codepoints(dp_offset_cursor *c, size_t byte_off);
size_t dp_offset_cursor_utf16(dp_offset_cursor *c, size_t byte_off);

/* ---- normalization ------------------------------------------------------- */

char *dp_text_nfc(const char *s, size_t len, size_t *outlen);

/* Non-zero when s[0..len) is valid UTF-8 in NFC (0 also when memory runs out). */
int dp_text_is_nfc(const char *s, size_t len);

char *dp_text_casefold(const char *s, size_t len, size_t *outlen);

/* Drop diacritics and map đ/Đ to d/D, keeping case: "Hoàng Xuân Chiến" → "Hoang Xuan Chien". */
char *dp_text_fold_diacritics(const char *s, size_t len, size_t *outlen);

/* ---- language rules -------------------------------------------------------- */

/*
 * A language's own rules for comparing words, such as Vietnamese tone
 * placement ("hoà" and "hòa" are one word): the core knows no language, and
 * a matcher hands the rule set its configuration names to the functions
 * below, or NULL for language-neutral keys.  The rule sets docpipe ships live
 * with the plugins (plugins/lib/, e.g. vi_text_rules in plugins/lib/vi); a new
 * language adds its own without touching the core.
 *
 * A word is a maximal run of letters and combining marks (digits,
 * punctuation and white space end it).  word() gets its code points, in NFC
 * (and case-folded when the caller folds case), and may replace any of them
 * but not add or remove one: that keeps every key byte traceable to the text
 * byte it came from.  word() must be thread-safe and give the same result
 * for the same word every time.
 */
typedef struct dp_text_rules {
    /*
     * Names the rule set ("vi").  Keys are cached per name
     * (dp_doc_match_key), so two rule sets that share a name must agree.
     */
    const char *name;
    void (*word)(const struct dp_text_rules *rules, int32_t *cps, size_t n);
    const void *data; /* the rule set's own, for word() */
} dp_text_rules;

/*
 * NFC with the words rewritten by the rule set, case and white space kept:
 * with the Vietnamese rules "Hoà Bình" → "Hòa Bình".  rules NULL: plain NFC.
 */
char *dp_text_canonical(const char *s, size_t len, const dp_text_rules *rules, size_t *outlen);

/*
 * The matching key of a text: NFC, case-folded, words rewritten by the rule
 * set (NULL: none), and every run of white space (dp_char_is_space) collapsed
 * to one ' '.  Two surfaces that a reader would call the same ("BỘ QUỐC
 * PHÒNG" / "Bộ Quốc phòng"; with the Vietnamese rules also "hoà bình" / "hòa
 * bình") have the same key.  When map is not NULL, *map receives a malloc'ed
 * array of *outlen + 1 entries: map[i] is the byte offset in s of the
 * character that produced key byte i, and map[*outlen] == len, so a match
 * key[a..b) covers s[map[a] .. map[b]).  The map costs a size_t per key
 * byte: matchers that need text spans use the tokens below (dp_text_tokens,
 * dp_doc_tokens), which carry them per token.
 */
char *dp_text_match_key(const char *s, size_t len, const dp_text_rules *rules, size_t *outlen,
                        size_t **map);

/* ---- tokens of the match key ------------------------------------------------- */

/*
 * The match key cut into tokens: maximal runs of word characters
 * (dp_char_is_word: letters, marks, numbers) and single other characters;
 * the key's spaces only separate them.  Each token knows its bytes in the key
 * and in the text, as 32-bit offsets (a text is at most 4 GiB), so a matcher
 * that works on the key's tokens reports text spans without any per-byte map.
 * A token's text span covers the whole characters that produced its key bytes.
 */
typedef struct dp_token {
    uint32_t start, end;   /* the token's bytes in the text: [start, end) */
    uint32_t kstart, kend; /* its bytes in the key: [kstart, kend) */
} dp_token;

/* Flags of a token (dp_tokens.flags[i]), read from the text, not the key. */
enum {
    DP_TOKEN_WORD = 0x01,           /* a run of word characters (else one other character) */
    DP_TOKEN_UPPER = 0x02,          /* a word whose first character is uppercase (Lu, Lt) */
    DP_TOKEN_LOWER = 0x04,          /* a word whose first character is lowercase (Ll) */
    DP_TOKEN_ALLCAPS = 0x08,        /* a word of two or more cased letters, none lowercase */
    DP_TOKEN_DIGITS = 0x10,         /* a word with ASCII digits and no cased letter */
    DP_TOKEN_SPACE_BEFORE = 0x20,   /* white space separates it from the token before (or the start) */
    DP_TOKEN_NEWLINE_BEFORE = 0x40  /* that white space holds a line break */
};

typedef struct dp_tokens {
    const char *key;      /* the match key (as dp_text_match_key), NUL-terminated */
    size_t key_len;
    const dp_token *v;    /* the tokens, in text order */
    const uint8_t *flags; /* flags[i]: DP_TOKEN_* of v[i] */
    size_t n;
} dp_tokens;

/*
 * The match key of s[0..len) under rules and its tokens, malloc'ed (free with
 * dp_tokens_free).  NULL when s is not valid UTF-8, is 4 GiB or more, or
 * memory is exhausted.  For a document's text use dp_doc_tokens (doc.h),
 * which every matcher of a chain shares.
 */
dp_tokens *dp_text_tokens(const char *s, size_t len, const dp_text_rules *rules);
void dp_tokens_free(dp_tokens *t);

/* ---- decoding raw input ---------------------------------------------------- */

/*
 * Turn raw bytes into clean text: the form every source receives.
 *
 *  1. encoding: "auto" detects a UTF-8 BOM, a UTF-16LE/BE BOM (or UTF-16
 *     without BOM by its NUL pattern) and otherwise requires UTF-8; any other
 *     name ("utf-8", "utf-16le", "windows-1258", "tcvn3", "viscii", or any
 *     iconv name) converts from that encoding through iconv;
 *  2. the result must be valid UTF-8 (the error names the byte offset);
 *  3. CRLF and CR become LF; NBSP and other Unicode spaces become ' ';
 *     zero-width characters, soft hyphens and BOMs are removed; doubled
 *     identical combining marks are reduced to one; other C0 controls except
 *     TAB and LF are removed;
 *  4. NFC.
 *
 * Returns 0 and a malloc'ed *out, or -1 with the reason in err (error.h;
 * exhausted memory is marked with dp_fail_nomem).  An unknown encoding fails
 * even on empty input, so decoding "" checks an encoding name exactly as
 * decoding a document would.
 */
int dp_text_decode(const char *in, size_t len, const char *encoding,
                   char **out, size_t *outlen, dp_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_TEXT_H */

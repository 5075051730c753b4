/*
 * observe.c — what the feature templates read about each token, computed
 * once per token as hashes and small codes (the templates then only combine
 * integers).  Training builds a sentence's text from its tokens and goes
 * through the same function as tagging, so both see identical features.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <docpipe/docpipe.h>

#include "tagger.h"

enum { C_UPPER = 0, C_LOWER = 1, C_DIGIT = 2, C_OTHER = 3 };

static int char_class(int32_t cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return C_UPPER;
        if (cp >= 'a' && cp <= 'z') return C_LOWER;
        if (cp >= '0' && cp <= '9') return C_DIGIT;
        return C_OTHER;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UPPER;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LOWER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    default:
        return C_OTHER;
    }
}

/* Shape: X, x, d per character (runs collapsed), other characters as themselves, marks skipped. */
static uint64_t shape_of(const char *s, size_t len, int *first_class)
{
    uint64_t h = TG_FNV_OFFSET;
    int32_t last = -1;
    size_t pos = 0;
    *first_class = C_OTHER;
    int first = 1;
    while (pos < len) {
        int32_t cp = dp_utf8_next(s, len, &pos);
        if (cp < 0) continue;
        if (cp >= 0x300 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_MN &&
            utf8proc_category(cp) <= UTF8PROC_CATEGORY_ME)
            continue;
        int cl = char_class(cp);
        if (first) { *first_class = cl; first = 0; }
        int32_t sym = cl == C_UPPER ? 'X' : cl == C_LOWER ? 'x' : cl == C_DIGIT ? 'd' : cp;
        if (sym == last && cl != C_OTHER) continue;
        last = sym;
        h = tg_fnv1a(h, &sym, sizeof sym);
    }
    return h;
}

/*
 * Hashes of the first and last 1..TG_AFFIX_MAX code points of a key (those
 * needed), each extending the shorter one: prefixes hash the bytes forwards,
 * suffixes backwards from the end.  A key shorter than N code points has
 * its whole self as its N-affix.
 */
static void affixes(const char *k, size_t len, unsigned needs, tg_obs *o)
{
    unsigned pre = needs & (TG_NEED_PREFIX(1) | TG_NEED_PREFIX(2) | TG_NEED_PREFIX(3) | TG_NEED_PREFIX(4));
    unsigned suf = needs & (TG_NEED_SUFFIX(1) | TG_NEED_SUFFIX(2) | TG_NEED_SUFFIX(3) | TG_NEED_SUFFIX(4));
    if (pre) {
        uint64_t h = TG_FNV_OFFSET;
        size_t pos = 0;
        for (unsigned a = 0; a < TG_AFFIX_MAX; a++) {
            size_t from = pos;
            if (pos < len) {
                pos++;
                while (pos < len && ((unsigned char)k[pos] & 0xC0) == 0x80) pos++;
            }
            h = tg_fnv1a(h, k + from, pos - from);
            o->prefix[a] = tg_step(h, 0x100 + a);
        }
    }
    if (suf) {
        uint64_t h = TG_FNV_OFFSET;
        size_t pos = len;
        for (unsigned a = 0; a < TG_AFFIX_MAX; a++) {
            size_t to = pos;
            if (pos > 0) {
                pos--;
                while (pos > 0 && ((unsigned char)k[pos] & 0xC0) == 0x80) pos--;
            }
            for (size_t q = to; q > pos; q--) {
                h ^= (unsigned char)k[q - 1];
                h *= TG_FNV_PRIME;
            }
            o->suffix[a] = tg_step(h, 0x200 + a);
        }
    }
}

/* First key index whose text offset is >= off (map is non-decreasing). */
static size_t key_at(const size_t *map, size_t keylen, size_t off, size_t from)
{
    size_t lo = from, hi = keylen;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid] < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

void tg_token_keys(const tg_token *tok, size_t n, const char *key, size_t keylen, const size_t *map,
                   uint64_t *lower)
{
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        a = key_at(map, keylen, tok[i].start, a);
        size_t b = key_at(map, keylen, tok[i].end, a);
        lower[i] = tg_fnv1a(TG_FNV_OFFSET, key + a, b - a);
        a = b;
    }
}

/*
 * The caps code: the token's class (upper-initial, lower, digit, other),
 * and for an upper-initial token its place in the run of upper-initial
 * tokens (B I E S), the run's length (1..4, 4 = longer) and whether the run
 * starts the sentence.
 */
enum { RUN_B = 0, RUN_I = 1, RUN_E = 2, RUN_S = 3 };

static void caps_runs(const int *cls, size_t n, tg_obs *out)
{
    size_t i = 0;
    while (i < n) {
        if (cls[i] != C_UPPER) {
            out[i].caps = (uint32_t)cls[i] | (i == 0 ? 0x80u : 0u);
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && cls[j] == C_UPPER) j++;
        size_t len = j - i;
        uint32_t lcode = (uint32_t)(len < 4 ? len : 4);
        for (size_t k = i; k < j; k++) {
            uint32_t pos = len == 1 ? RUN_S : k == i ? RUN_B : k + 1 == j ? RUN_E : RUN_I;
            out[k].caps = C_UPPER | (pos << 2) | (lcode << 4) | (i == 0 ? 0x80u : 0u);
        }
        i = j;
    }
}

/* Values of the TG_OBS_PAD entries before (side 0) and after (side 1) the sentence. */
static void set_boundaries(tg_obs *out, size_t n)
{
    for (int side = 0; side < 2; side++) {
        uint64_t b = 0xB0B0000000000000ULL ^ (uint64_t)side;
        tg_obs o;
        memset(&o, 0, sizeof o);
        o.word = tg_fmix(b ^ 0x100);
        o.lower = tg_fmix(b ^ 0x200);
        o.shape = tg_fmix(b ^ 0x300);
        for (int a = 0; a < TG_AFFIX_MAX; a++) {
            o.prefix[a] = tg_fmix(b ^ (0x400u + (unsigned)a));
            o.suffix[a] = tg_fmix(b ^ (0x500u + (unsigned)a));
        }
        o.caps_hash = tg_fmix(b ^ 0x600);
        for (int k = 1; k <= TG_OBS_PAD; k++) {
            if (side == 0) out[-k] = o;
            else out[n - 1 + (size_t)k] = o;
        }
    }
}

int tg_observe(const char *text, const tg_token *tok, size_t n, const char *key, size_t keylen,
               const size_t *map, const tg_gaz *gaz, unsigned needs, tg_obs *out)
{
    enum { CHUNK = 256 };
    int cls_small[CHUNK];
    int *cls = cls_small;
    if (n > CHUNK) {
        /* sentences are capped by the caller; a long one is still handled */
        cls = malloc(n * sizeof *cls);
        if (!cls) return -1;
    }
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        tg_obs *o = &out[i];
        const char *s = text + tok[i].start;
        size_t len = tok[i].end - tok[i].start;
        if (needs & TG_NEED_WORD) o->word = tg_fnv1a(TG_FNV_OFFSET, s, len);
        if (needs & TG_NEED_SHAPE) {
            o->shape = shape_of(s, len, &cls[i]); /* and the first character's class */
        } else {
            size_t p = 0;
            int32_t cp = dp_utf8_next(s, len, &p);
            cls[i] = cp < 0 ? C_OTHER : char_class(cp);
        }
        a = key_at(map, keylen, tok[i].start, a);
        size_t b = key_at(map, keylen, tok[i].end, a);
        o->lower = tg_fnv1a(TG_FNV_OFFSET, key + a, b - a);
        if (b > a) affixes(key + a, b - a, needs, o);
        else affixes(s, len, needs, o);
        o->gaz = 0;
        a = b;
    }
    caps_runs(cls, n, out);
    for (size_t i = 0; i < n; i++) out[i].caps_hash = tg_fmix(0xCA95000000000000ULL | out[i].caps);
    if (cls != cls_small) free(cls);
    set_boundaries(out, n);
    if (gaz) tg_gaz_mark(gaz, out, n);
    return 0;
}

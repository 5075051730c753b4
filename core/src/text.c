/*
 * text.c — UTF-8 helpers, offsets and normalization (on utf8proc).
 *
 * All normalizing functions share one streaming engine (struct xf): the input
 * is cut into "units" (a character and the characters that may compose with
 * it), each unit is decomposed, reordered and recomposed by utf8proc, and the
 * resulting code points go through optional word (a language's dp_text_rules)
 * and white space stages.  Every output code point remembers the input offset of its
 * unit, which gives dp_text_match_key its byte map.
 */
#include "docpipe/text.h"
#include "docpipe/chars.h"
#include "latin_table.h"
#include "text_unit.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * Length of the well-formed sequence at s[i] (code point in *cp), or 0 when
 * it is invalid.
 */
static size_t seq_decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned char b = s[i], lo = 0x80, hi = 0xBF;
    size_t n, k;
    int32_t c;

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b < 0xC2)
        return 0;
    if (b < 0xE0) {
        n = 2;
        c = b & 0x1F;
    } else if (b < 0xF0) {
        n = 3;
        c = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b < 0xF5) {
        n = 4;
        c = b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    for (k = 1; k < n; k++) {
        unsigned char t = s[i + k];
        if (k == 1 ? (t < lo || t > hi) : (t & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (t & 0x3F);
    }
    *cp = c;
    return n;
}

#define HIGH_BITS 0x8080808080808080ULL

int dp_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        int32_t cp;
        size_t n;

        if (u[i] < 0x80) {
            uint64_t w;
            while (i + 8 <= len) {
                memcpy(&w, u + i, 8);
                if (w & HIGH_BITS)
                    break;
                i += 8;
            }
            while (i < len && u[i] < 0x80)
                i++;
            continue;
        }
        n = seq_decode(u, len, i, &cp);
        if (n == 0) {
            if (bad)
                *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

int32_t dp_utf8_next(const char *s, size_t len, size_t *pos)
{
    int32_t cp;
    size_t n;

    if (*pos >= len)
        return -1;
    n = seq_decode((const unsigned char *)s, len, *pos, &cp);
    if (n == 0) {
        (*pos)++;
        return -1;
    }
    *pos += n;
    return cp;
}

int dp_utf8_boundary(const char *s, size_t len, size_t pos)
{
    if (pos == len)
        return 1;
    if (pos > len)
        return 0;
    return ((unsigned char)s[pos] & 0xC0) != 0x80;
}

/* ---- offsets --------------------------------------------------------------- */

/* A lead byte starts a code point; a 4-byte lead is 2 UTF-16 units. */
#define IS_LEAD(b) (((b) & 0xC0) != 0x80)

/*
 * Lead bytes (code points) and 4-byte leads (the UTF-16 surrogate pairs) of
 * u[a..b), counted eight bytes at a time: a byte is a continuation byte when
 * its top bits are 10, a 4-byte lead when they are 1111.
 */
static void count_leads(const unsigned char *u, size_t a, size_t b, size_t *cp, size_t *astral)
{
    size_t n = 0, m = 0, i = a;
    for (; i + 8 <= b; i += 8) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        uint64_t cont = w & ~(w << 1) & HIGH_BITS;
        n += 8 - (size_t)__builtin_popcountll(cont);
        if (w & HIGH_BITS) m += (size_t)__builtin_popcountll(w & (w << 1) & (w << 2) & (w << 3) & HIGH_BITS);
    }
    for (; i < b; i++) {
        n += IS_LEAD(u[i]);
        m += u[i] >= 0xF0;
    }
    *cp = n;
    *astral = m;
}

size_t dp_offset_to_codepoints(const char *text, size_t byte_off)
{
    size_t cp, astral;
    count_leads((const unsigned char *)text, 0, byte_off, &cp, &astral);
    return cp;
}

size_t dp_offset_to_utf16(const char *text, size_t byte_off)
{
    size_t cp, astral;
    count_leads((const unsigned char *)text, 0, byte_off, &cp, &astral);
    return cp + astral;
}

void dp_offset_cursor_init(dp_offset_cursor *c, const char *text)
{
    c->text = text;
    c->byte = c->cp = c->u16 = 0;
}

static void cursor_move(dp_offset_cursor *c, size_t byte_off)
{
    const unsigned char *u = (const unsigned char *)c->text;
    size_t cp, astral;
    if (byte_off >= c->byte) {
        count_leads(u, c->byte, byte_off, &cp, &astral);
        c->cp += cp;
        c->u16 += cp + astral;
    } else {
        count_leads(u, byte_off, c->byte, &cp, &astral);
        c->cp -= cp;
        c->u16 -= cp + astral;
    }
    c->byte = byte_off;
}

size_t dp_offset_cursor_codepoints(dp_offset_cursor *c, size_t byte_off)
{
    cursor_move(c, byte_off);
    return c->cp;
}

size_t dp_offset_cursor_utf16(dp_offset_cursor *c, size_t byte_off)
{
    cursor_move(c, byte_off);
    return c->u16;
}

/* ---- normalization engine ------------------------------------------------ */

enum {
    XF_CASEFOLD = 1,
    XF_STRIPMARK = 2,
    XF_DSTROKE = 4,  /* đ/Đ → d/D */
    XF_WORDS = 8,    /* the language rules' word stage (x->rules) */
    XF_SPACES = 16,  /* collapse white space runs to one ' ' */
    XF_COLLECT = 32  /* dp_text_unit_next: keep the unit's code points instead of writing them */
};

/* What a character becomes on its own, cached per call. */
#define CI_FIRST_STARTER 1 /* first code point of its decomposition has ccc 0 */
#define CI_LAST_STARTER 2  /* last one has ccc 0 */
#define CI_EMPTY 4         /* decomposes to nothing (stripped mark) */
#define CI_RES 8           /* res[0..nres) holds its normalized form */
#define CI_MAXRES 4
#define DECOMP_MAX 32      /* canonical + casefold decompositions are far shorter */

struct cinfo {
    int32_t cp;
    int32_t first;
    uint8_t flags;
    uint8_t nres;
    int32_t res[CI_MAXRES];
};

#define CACHE_SIZE 256

typedef struct xf {
    unsigned mode;
    const dp_text_rules *rules; /* XF_WORDS: whose word() rewrites every word */
    utf8proc_option_t dopts;
    char *out;
    size_t olen, ocap;
    size_t *map;
    int want_map;
    int32_t *u; /* the current unit, decomposed */
    size_t ulen, ucap;
    int32_t *w; /* the current word (tone stage) */
    size_t *woff;
    size_t wlen, wcap;
    int prev_space;
    int oom;
    struct cinfo *cache;
    int32_t *got; /* XF_COLLECT: the unit's code points */
    size_t ngot, gotcap;
} xf;

static int ccc_of(int32_t cp)
{
    return cp < 0x300 ? 0 : utf8proc_get_property(cp)->combining_class;
}

/* Canonical ordering of a decomposed buffer (as utf8proc does it). */
static void reorder(int32_t *b, size_t n)
{
    size_t pos = 0;

    while (n > 1 && pos < n - 1) {
        int c1 = ccc_of(b[pos]), c2 = ccc_of(b[pos + 1]);
        if (c1 > c2 && c2 > 0) {
            int32_t t = b[pos];
            b[pos] = b[pos + 1];
            b[pos + 1] = t;
            if (pos > 0)
                pos--;
            else
                pos++;
        } else {
            pos++;
        }
    }
}

static size_t compose(int32_t *b, size_t n)
{
    utf8proc_ssize_t r;

    if (n < 2)
        return n;
    r = utf8proc_normalize_utf32(b, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE);
    return r < 0 ? n : (size_t)r;
}

static int composes(int32_t a, int32_t b)
{
    int32_t t[2];

    t[0] = a;
    t[1] = b;
    return compose(t, 2) == 1;
}

/* Decompose one code point with the engine's options; returns count (≤ cap). */
static size_t decompose_cp(const xf *x, int32_t c, int32_t *dst, size_t cap)
{
    utf8proc_ssize_t n;

    if (x->mode & XF_DSTROKE) {
        if (c == 0x111)
            c = 'd';
        else if (c == 0x110)
            c = 'D';
    }
    if (c < 0x80) {
        if ((x->mode & XF_CASEFOLD) && c >= 'A' && c <= 'Z')
            c += 32;
        dst[0] = c;
        return 1;
    }
    n = utf8proc_decompose_char(c, dst, (utf8proc_ssize_t)cap, x->dopts, NULL);
    if (n < 0 || (size_t)n > cap) {
        /* cannot happen for valid code points and these options */
        dst[0] = c;
        return 1;
    }
    return (size_t)n;
}

static void compute_info(const xf *x, int32_t c, struct cinfo *ci)
{
    int32_t tmp[DECOMP_MAX];
    size_t n = decompose_cp(x, c, tmp, DECOMP_MAX), m;

    ci->cp = c;
    ci->flags = 0;
    ci->nres = 0;
    ci->first = n ? tmp[0] : -1;
    if (n == 0) {
        ci->flags = CI_EMPTY | CI_RES;
        return;
    }
    if (ccc_of(tmp[0]) == 0)
        ci->flags |= CI_FIRST_STARTER;
    if (ccc_of(tmp[n - 1]) == 0)
        ci->flags |= CI_LAST_STARTER;
    reorder(tmp, n);
    m = compose(tmp, n);
    if (m <= CI_MAXRES) {
        ci->flags |= CI_RES;
        ci->nres = (uint8_t)m;
        memcpy(ci->res, tmp, m * sizeof *tmp);
    }
}

static void get_info(xf *x, int32_t c, struct cinfo *ci)
{
    struct cinfo *e;

    if (!x->cache) {
        compute_info(x, c, ci);
        return;
    }
    e = &x->cache[((uint32_t)c * 2654435761u) >> 24];
    if (e->cp != c)
        compute_info(x, c, e);
    *ci = *e;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t nc = *cap ? *cap : 16;
    void *np;

    while (nc < need)
        nc *= 2;
    np = realloc(*p, nc * elem);
    if (!np)
        return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static void out_cp(xf *x, int32_t cp, size_t off)
{
    size_t n, k;

    if (x->olen + 5 > x->ocap) {
        size_t nc = x->ocap * 2 + 16;
        char *no = realloc(x->out, nc);
        if (!no) {
            x->oom = 1;
            return;
        }
        x->out = no;
        if (x->want_map) {
            size_t *nm = realloc(x->map, nc * sizeof *nm);
            if (!nm) {
                x->oom = 1;
                return;
            }
            x->map = nm;
        }
        x->ocap = nc;
    }
    if (cp < 0x80) {
        x->out[x->olen] = (char)cp;
        n = 1;
    } else {
        n = (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)x->out + x->olen);
    }
    if (x->want_map)
        for (k = 0; k < n; k++)
            x->map[x->olen + k] = off;
    x->olen += n;
}

/* ---- engine stages ---------------------------------------------------------- */

/* A letter or a combining mark: what the words handed to dp_text_rules are made of. */
static int is_word_cp(int32_t c)
{
    utf8proc_category_t cat;

    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

static void word_flush(xf *x)
{
    size_t k;

    if (x->wlen == 0)
        return;
    x->rules->word(x->rules, x->w, x->wlen);
    for (k = 0; k < x->wlen; k++)
        out_cp(x, x->w[k], x->woff[k]);
    x->prev_space = 0;
    x->wlen = 0;
}

static void stage_cp(xf *x, int32_t cp, size_t off)
{
    if (x->mode & XF_COLLECT) {
        if (x->ngot == x->gotcap && grow((void **)&x->got, &x->gotcap, x->ngot + 1, sizeof *x->got)) {
            x->oom = 1;
            return;
        }
        x->got[x->ngot++] = cp;
        return;
    }
    if (x->mode & XF_WORDS) {
        if (is_word_cp(cp)) {
            if (x->wlen == x->wcap) {
                size_t c1 = x->wcap, c2 = x->wcap;
                if (grow((void **)&x->w, &c1, x->wlen + 1, sizeof *x->w) ||
                    grow((void **)&x->woff, &c2, x->wlen + 1, sizeof *x->woff)) {
                    x->oom = 1;
                    return;
                }
                x->wcap = c1 < c2 ? c1 : c2;
            }
            x->w[x->wlen] = cp;
            x->woff[x->wlen++] = off;
            return;
        }
        word_flush(x);
    }
    if (x->mode & XF_SPACES) {
        if (dp_char_is_space(cp)) {
            if (!x->prev_space)
                out_cp(x, ' ', off);
            x->prev_space = 1;
            return;
        }
        x->prev_space = 0;
    }
    out_cp(x, cp, off);
}

static int unit_append(xf *x, int32_t c)
{
    if (x->ulen + DECOMP_MAX > x->ucap &&
        grow((void **)&x->u, &x->ucap, x->ulen + DECOMP_MAX, sizeof *x->u)) {
        x->oom = 1;
        return -1;
    }
    x->ulen += decompose_cp(x, c, x->u + x->ulen, DECOMP_MAX);
    return 0;
}

/* Last code point of the unit so far once composed (the unit is decomposed). */
static int32_t unit_last_composed(xf *x)
{
    int32_t tmp[64];
    size_t n = x->ulen;

    if (n == 0)
        return -1;
    if (n > 64)
        return x->u[n - 1];
    memcpy(tmp, x->u, n * sizeof *tmp);
    reorder(tmp, n);
    n = compose(tmp, n);
    return tmp[n - 1];
}

/* One unit starting at s[*pi]: a character and what may compose with it. */
static void run_unit(xf *x, const unsigned char *s, size_t len, size_t *pi)
{
    size_t start = *pi, i = start, k;
    struct cinfo ci0, ci;
    int32_t c0, c;
    int simple = 1, last_starter;

    i += seq_decode(s, len, i, &c0);
    get_info(x, c0, &ci0);
    last_starter = (ci0.flags & CI_LAST_STARTER) != 0;
    x->ulen = 0;
    while (i < len && s[i] >= 0x80) {
        size_t n = seq_decode(s, len, i, &c);
        int join = 0;

        get_info(x, c, &ci);
        if (!(ci.flags & CI_FIRST_STARTER)) {
            join = 1;
        } else if (last_starter && ci.first >= 0x80) {
            int32_t last;
            if (simple) {
                if (unit_append(x, c0))
                    return;
                simple = 0;
            }
            last = unit_last_composed(x);
            join = last >= 0x80 && composes(last, ci.first);
        }
        if (!join)
            break;
        if (simple) {
            if (unit_append(x, c0))
                return;
            simple = 0;
        }
        if (unit_append(x, c))
            return;
        if (!(ci.flags & CI_EMPTY))
            last_starter = (ci.flags & CI_LAST_STARTER) != 0;
        i += n;
    }
    *pi = i;
    if (simple && (ci0.flags & CI_RES)) {
        for (k = 0; k < ci0.nres; k++)
            stage_cp(x, ci0.res[k], start);
        return;
    }
    if (simple && unit_append(x, c0))
        return;
    reorder(x->u, x->ulen);
    x->ulen = compose(x->u, x->ulen);
    for (k = 0; k < x->ulen; k++)
        stage_cp(x, x->u[k], start);
}

static char *transform(const char *s, size_t len, unsigned mode, const dp_text_rules *rules,
                       size_t *outlen, size_t **map)
{
    const unsigned char *u = (const unsigned char *)s;
    xf x;
    size_t i = 0, k;
    int plain;

    if (outlen)
        *outlen = 0;
    if (map)
        *map = NULL;
    if (!s && len)
        return NULL;
    if (!dp_utf8_valid(s, len, NULL))
        return NULL;
    memset(&x, 0, sizeof x);
    if (!rules || !rules->word)
        mode &= ~(unsigned)XF_WORDS;
    x.mode = mode;
    x.rules = rules;
    x.dopts = UTF8PROC_COMPOSE;
    if (mode & XF_CASEFOLD)
        x.dopts |= UTF8PROC_CASEFOLD;
    if (mode & XF_STRIPMARK)
        x.dopts |= UTF8PROC_STRIPMARK;
    x.want_map = map != NULL;
    x.ocap = len + len / 8 + 16;
    x.out = malloc(x.ocap);
    if (x.want_map)
        x.map = malloc(x.ocap * sizeof *x.map);
    if (!x.out || (x.want_map && !x.map))
        goto fail;
    if (len >= 256) {
        x.cache = malloc(CACHE_SIZE * sizeof *x.cache);
        if (!x.cache)
            goto fail;
        for (k = 0; k < CACHE_SIZE; k++)
            x.cache[k].cp = -1;
    }
    plain = !(mode & (XF_CASEFOLD | XF_WORDS | XF_SPACES)) && !x.want_map;

    while (i < len && !x.oom) {
        if (u[i] < 0x80) {
            if (plain) {
                /* copy an ASCII run; its last byte may start a unit */
                size_t j = i;
                while (j < len && u[j] < 0x80)
                    j++;
                if (j < len)
                    j--;
                if (j > i) {
                    if (x.olen + (j - i) + 5 > x.ocap) {
                        size_t nc = x.ocap;
                        if (grow((void **)&x.out, &nc, x.olen + (j - i) + 5, 1))
                            goto fail;
                        x.ocap = nc;
                    }
                    memcpy(x.out + x.olen, s + i, j - i);
                    x.olen += j - i;
                    i = j;
                    continue;
                }
            } else if (i + 1 == len || u[i + 1] < 0x80) {
                int32_t c = u[i];
                if ((mode & XF_CASEFOLD) && c >= 'A' && c <= 'Z')
                    c += 32;
                stage_cp(&x, c, i);
                i++;
                continue;
            }
        }
        run_unit(&x, u, len, &i);
    }
    if (x.mode & XF_WORDS)
        word_flush(&x);
    if (x.oom)
        goto fail;
    /* every writer leaves at least 5 bytes of slack: room for the NUL */
    x.out[x.olen] = '\0';
    if (x.want_map) {
        x.map[x.olen] = len;
        *map = x.map;
    }
    if (outlen)
        *outlen = x.olen;
    free(x.u);
    free(x.w);
    free(x.woff);
    free(x.cache);
    return x.out;

fail:
    free(x.out);
    free(x.map);
    free(x.u);
    free(x.w);
    free(x.woff);
    free(x.cache);
    return NULL;
}

/*
 * Most real text is already NFC: every character either ASCII or a starter
 * that no following character can combine with.  This check (a table lookup
 * per non-ASCII character) lets dp_text_nfc copy such text instead of
 * decomposing and recomposing it.  It answers "stable" only when sure:
 * combining marks, composition exclusions, Hangul jamo and the few starters
 * that compose with a preceding character send the text the slow way.
 * Invalid UTF-8 also goes the slow way, which reports it.
 */
static int nfc_stable(const char *s, size_t len)
{
    return dp_text_quick_nfc(s, len) == 1;
}

/* The slow half of dp_text_quick_nfc: one code point outside ASCII and the Latin table. */
static int cp_nfc_stable(int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0 || p->comp_exclusion) return 0;
    if (cp >= 0x1100 && cp <= 0x11FF) return 0; /* Hangul jamo */
    if (cp >= 0x3099 && cp <= 0x309A) return 0; /* kana voicing marks */
    /* Starters with NFC_Quick_Check = Maybe (they compose with what precedes). */
    switch (cp) {
    case 0x0B3E: case 0x0B56: case 0x0B57: case 0x0BBE: case 0x0BD7: case 0x0CC2:
    case 0x0CD5: case 0x0CD6: case 0x0D3E: case 0x0D57: case 0x0DCF: case 0x0DDF:
    case 0x102E: case 0x1B35:
        return 0;
    default:
        break;
    }
    /* A decomposable character outside the Latin table (U+212B ANGSTROM SIGN, Greek …)
     * takes the slow path. */
    return !(p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX);
}

int dp_text_quick_nfc(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int stable = 1;
    while (i < len) {
        if (u[i] < 0x80) {
            uint64_t w;
            while (i + 8 <= len) {
                memcpy(&w, u + i, 8);
                if (w & HIGH_BITS) break;
                i += 8;
            }
            while (i < len && u[i] < 0x80) i++;
            continue;
        }
        int32_t cp;
        size_t n = seq_decode(u, len, i, &cp);
        if (n == 0) return -1;
        i += n;
        if (!stable) continue; /* still validating */
        int x = dp_latin_index(cp);
        if (x >= 0 ? !(dp_latin_table[x].flags & LT_FAST) : !cp_nfc_stable(cp)) stable = 0;
    }
    return stable;
}

char *dp_text_nfc(const char *s, size_t len, size_t *outlen)
{
    if (s && nfc_stable(s, len)) {
        char *r = malloc(len + 1);
        if (!r) return NULL;
        memcpy(r, s, len);
        r[len] = '\0';
        if (outlen) *outlen = len;
        return r;
    }
    return transform(s, len, 0, NULL, outlen, NULL);
}

int dp_text_is_nfc(const char *s, size_t len)
{
    int q = s ? dp_text_quick_nfc(s, len) : -1;
    if (q < 0) return 0;
    if (q == 1) return 1;
    size_t n = 0;
    char *r = transform(s, len, 0, NULL, &n, NULL);
    int same = r && n == len && memcmp(r, s, len) == 0;
    free(r);
    return same;
}

char *dp_text_casefold(const char *s, size_t len, size_t *outlen)
{
    return transform(s, len, XF_CASEFOLD, NULL, outlen, NULL);
}

char *dp_text_fold_diacritics(const char *s, size_t len, size_t *outlen)
{
    return transform(s, len, XF_STRIPMARK | XF_DSTROKE, NULL, outlen, NULL);
}

char *dp_text_canonical(const char *s, size_t len, const dp_text_rules *rules, size_t *outlen)
{
    return transform(s, len, XF_WORDS, rules, outlen, NULL);
}


/* ---- one unit at a time (text_unit.h) --------------------------------------- */

struct dp_text_unit {
    xf x;
};

dp_text_unit *dp_text_unit_new(void)
{
    dp_text_unit *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->x.mode = XF_CASEFOLD | XF_COLLECT;
    u->x.dopts = UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    u->x.cache = malloc(CACHE_SIZE * sizeof *u->x.cache);
    if (!u->x.cache) {
        free(u);
        return NULL;
    }
    for (size_t k = 0; k < CACHE_SIZE; k++)
        u->x.cache[k].cp = -1;
    return u;
}

void dp_text_unit_free(dp_text_unit *u)
{
    if (!u)
        return;
    free(u->x.u);
    free(u->x.cache);
    free(u->x.got);
    free(u);
}

int dp_text_unit_next(dp_text_unit *u, const char *s, size_t len, size_t *pos, const int32_t **cps,
                      size_t *n)
{
    const unsigned char *b = (const unsigned char *)s;
    int32_t c;
    xf *x = &u->x;

    if (*pos >= len || seq_decode(b, len, *pos, &c) == 0)
        return -1;
    x->ngot = 0;
    if (b[*pos] < 0x80 && (*pos + 1 == len || b[*pos + 1] < 0x80)) {
        /* an ASCII character that nothing after it joins */
        stage_cp(x, (c >= 'A' && c <= 'Z') ? c + 32 : c, *pos);
        (*pos)++;
    } else {
        run_unit(x, b, len, pos);
    }
    if (x->oom)
        return -2;
    *cps = x->got;
    *n = x->ngot;
    return 0;
}

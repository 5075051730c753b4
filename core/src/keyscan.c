/*
 * keyscan.c — the match key and its tokens in one pass over the text.
 *
 * ASCII and the Latin ranges (latin_table.h) are looked up in tables; any
 * other character, and a character that a following combining mark joins,
 * goes through text.c's general normaliser one unit at a time.  The key's
 * code points then pass the language rules (one call per word of letters and
 * marks), white space collapses to one
 * ' ', and the key is cut into tokens with 32-bit offsets into the key and
 * the text.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "docpipe/chars.h"
#include "keyscan.h"
#include "latin_table.h"
#include "text_unit.h"

/* Classes of ASCII bytes. */
enum { A_WORD = 1, A_SPACE = 2, A_UPPER = 4, A_LOWER = 8, A_DIGIT = 16 };

static const uint8_t ascii_class[128] = {
    ['\t'] = A_SPACE, ['\n'] = A_SPACE, ['\v'] = A_SPACE, ['\f'] = A_SPACE, ['\r'] = A_SPACE, [' '] = A_SPACE,
    ['0'] = A_WORD | A_DIGIT, ['1'] = A_WORD | A_DIGIT, ['2'] = A_WORD | A_DIGIT, ['3'] = A_WORD | A_DIGIT,
    ['4'] = A_WORD | A_DIGIT, ['5'] = A_WORD | A_DIGIT, ['6'] = A_WORD | A_DIGIT, ['7'] = A_WORD | A_DIGIT,
    ['8'] = A_WORD | A_DIGIT, ['9'] = A_WORD | A_DIGIT,
#define U(c) [c] = A_WORD | A_UPPER
#define L(c) [c] = A_WORD | A_LOWER
    U('A'), U('B'), U('C'), U('D'), U('E'), U('F'), U('G'), U('H'), U('I'), U('J'), U('K'), U('L'), U('M'),
    U('N'), U('O'), U('P'), U('Q'), U('R'), U('S'), U('T'), U('U'), U('V'), U('W'), U('X'), U('Y'), U('Z'),
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef U
#undef L
};

/* Classes of a key code point (K_*) as the tokens and the rules see it. */
enum { K_OTHER = 0, K_WORD = 1, K_SPACE = 2 };

typedef struct scan {
    const char *s;
    size_t len;
    const dp_text_rules *rules;
    dp_text_unit *unit; /* the general path, made on first use */
    dp_keyscan *out;
    /* the rules' current word: letters and marks, and where each came from */
    int32_t *w;
    uint32_t *woff, *wend;
    size_t wn, wcap;
    int in_token;     /* a word token is open */
    int prev_space;   /* the last key byte is a collapsed ' ' */
    uint8_t gap;      /* DP_TOKEN_SPACE_BEFORE / _NEWLINE_BEFORE of the next token */
    int oom;
} scan;

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t nc = *cap ? *cap : 64;
    while (nc < need) {
        if (nc > ((size_t)-1 >> 2) / elem) return -1;
        nc *= 2;
    }
    void *np = realloc(*p, nc * elem);
    if (!np) return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static int key_room(scan *c, size_t extra)
{
    dp_keyscan *o = c->out;
    if (o->klen + extra + 1 <= o->kcap) return 0;
    size_t cap = o->kcap;
    if (grow((void **)&o->key, &cap, o->klen + extra + 1, 1) < 0) return -1;
    if (o->want_map) {
        size_t mcap = o->kcap;
        if (grow((void **)&o->map, &mcap, cap, sizeof *o->map) < 0) return -1;
    }
    o->kcap = cap;
    return 0;
}

static size_t encode(int32_t cp, char *d)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)d);
}

/* Class of a code point of the key. */
static int key_class(int32_t cp)
{
    if (cp < 0x80) {
        uint8_t a = ascii_class[cp];
        return (a & A_WORD) ? K_WORD : (a & A_SPACE) ? K_SPACE : K_OTHER;
    }
    int i = dp_latin_index(cp);
    if (i >= 0) {
        uint8_t f = dp_latin_table[i].flags;
        return (f & LT_WORD) ? K_WORD : (f & LT_SPACE) ? K_SPACE : K_OTHER;
    }
    return dp_char_is_word(cp) ? K_WORD : dp_char_is_space(cp) ? K_SPACE : K_OTHER;
}

/* ---- tokens ------------------------------------------------------------------ */

static int token_open(scan *c, size_t start, size_t end)
{
    dp_keyscan *o = c->out;
    if (!o->want_tokens) return 0;
    if (o->n == o->tcap) {
        size_t c1 = o->tcap, c2 = o->tcap;
        if (grow((void **)&o->tok, &c1, o->n + 1, sizeof *o->tok) < 0 ||
            grow((void **)&o->tflags, &c2, o->n + 1, 1) < 0)
            return -1;
        o->tcap = c1 < c2 ? c1 : c2;
    }
    if (start > UINT32_MAX || end > UINT32_MAX || o->klen > UINT32_MAX) return -1;
    dp_token *t = &o->tok[o->n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kstart = t->kend = (uint32_t)o->klen;
    o->tflags[o->n] = c->gap;
    o->n++;
    c->gap = 0;
    return 0;
}

/* Case and digit flags of a word token, from its text. */
static uint8_t word_shape(const char *s, size_t a, size_t b)
{
    const unsigned char *u = (const unsigned char *)s;
    int first = 1, up = 0, lo = 0, dig = 0;
    uint8_t f = DP_TOKEN_WORD;
    size_t p = a;
    while (p < b) {
        int isup, islo;
        if (u[p] < 0x80) {
            uint8_t k = ascii_class[u[p]];
            isup = (k & A_UPPER) != 0;
            islo = (k & A_LOWER) != 0;
            dig += (k & A_DIGIT) != 0;
            p++;
        } else {
            int32_t cp = dp_utf8_next(s, b, &p);
            int i = dp_latin_index(cp);
            if (i >= 0) {
                isup = (dp_latin_table[i].flags & LT_UPPER) != 0;
                islo = (dp_latin_table[i].flags & LT_LOWER) != 0;
            } else {
                isup = dp_char_is_upper(cp);
                islo = !isup && dp_char_is_lower(cp);
            }
        }
        if (first) {
            f |= isup ? DP_TOKEN_UPPER : islo ? DP_TOKEN_LOWER : 0;
            first = 0;
        }
        up += isup;
        lo += islo;
    }
    if (up + lo >= 2 && lo == 0) f |= DP_TOKEN_ALLCAPS;
    if (dig > 0 && up + lo == 0) f |= DP_TOKEN_DIGITS;
    return f;
}

static void token_close(scan *c)
{
    dp_keyscan *o = c->out;
    if (!c->in_token) return;
    c->in_token = 0;
    if (!o->want_tokens) return;
    dp_token *t = &o->tok[o->n - 1];
    t->kend = (uint32_t)o->klen;
    o->tflags[o->n - 1] |= word_shape(c->s, t->start, t->end);
}

/* ---- the key ----------------------------------------------------------------- */

/* One key code point that came from the text's unit [off, end). */
static void emit(scan *c, int32_t cp, size_t off, size_t end)
{
    dp_keyscan *o = c->out;
    int cls = key_class(cp);
    if (cls == K_SPACE) {
        token_close(c);
        c->gap |= DP_TOKEN_SPACE_BEFORE;
        if ((cp >= '\n' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
            c->gap |= DP_TOKEN_NEWLINE_BEFORE;
        if (!c->prev_space) {
            if (key_room(c, 1) < 0) { c->oom = 1; return; }
            if (o->want_map) o->map[o->klen] = off;
            o->key[o->klen++] = ' ';
        }
        c->prev_space = 1;
        return;
    }
    c->prev_space = 0;
    if (key_room(c, 4) < 0) { c->oom = 1; return; }
    if (cls == K_WORD) {
        if (!c->in_token) {
            if (token_open(c, off, end) < 0) { c->oom = 1; return; }
            c->in_token = 1;
        } else if (o->want_tokens) {
            o->tok[o->n - 1].end = (uint32_t)end;
        }
    } else {
        token_close(c);
        if (token_open(c, off, end) < 0) { c->oom = 1; return; }
    }
    size_t k = cp < 0x80 ? (o->key[o->klen] = (char)cp, 1) : encode(cp, o->key + o->klen);
    if (o->want_map)
        for (size_t j = 0; j < k; j++) o->map[o->klen + j] = off;
    o->klen += k;
    if (cls != K_WORD && o->want_tokens) o->tok[o->n - 1].kend = (uint32_t)o->klen;
}

static void word_flush(scan *c)
{
    if (c->wn == 0) return;
    if (c->rules) c->rules->word(c->rules, c->w, c->wn);
    for (size_t k = 0; k < c->wn; k++) emit(c, c->w[k], c->woff[k], c->wend[k]);
    c->wn = 0;
}

/* A key code point: letters and marks wait for the rest of their word when rules are set. */
static void stage(scan *c, int32_t cp, int is_letter_or_mark, size_t off, size_t end)
{
    if (c->rules && c->rules->word) {
        if (is_letter_or_mark) {
            if (c->wn == c->wcap) {
                size_t c1 = c->wcap, c2 = c->wcap, c3 = c->wcap;
                if (grow((void **)&c->w, &c1, c->wn + 1, sizeof *c->w) < 0 ||
                    grow((void **)&c->woff, &c2, c->wn + 1, sizeof *c->woff) < 0 ||
                    grow((void **)&c->wend, &c3, c->wn + 1, sizeof *c->wend) < 0) {
                    c->oom = 1;
                    return;
                }
                c->wcap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
            }
            c->w[c->wn] = cp;
            c->woff[c->wn] = (uint32_t)off;
            c->wend[c->wn] = (uint32_t)end;
            c->wn++;
            return;
        }
        word_flush(c);
    }
    emit(c, cp, off, end);
}

static int is_letter_or_mark(int32_t cp)
{
    if (cp < 0x80) return (ascii_class[cp] & (A_UPPER | A_LOWER)) != 0;
    int i = dp_latin_index(cp);
    if (i >= 0) return (dp_latin_table[i].flags & (LT_LETTER | LT_MARK)) != 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

/* Non-zero when the character at s[i] cannot join the one before it: ASCII or a Latin starter. */
static int starts_alone(const unsigned char *u, size_t len, size_t i)
{
    if (i >= len || u[i] < 0x80) return 1;
    if (u[i] < 0xC2 || u[i] > 0xE1) return 0; /* other scripts: let the general path decide */
    int32_t cp;
    if (u[i] < 0xE0) {
        if (i + 1 >= len) return 0;
        cp = ((u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
    } else {
        if (i + 2 >= len) return 0;
        cp = ((u[i] & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
    }
    int k = dp_latin_index(cp);
    return k >= 0 && (dp_latin_table[k].flags & LT_FAST);
}

/* The general path for the unit at s[*pos]. */
static void general(scan *c, size_t *pos)
{
    if (!c->unit && !(c->unit = dp_text_unit_new())) { c->oom = 1; return; }
    size_t start = *pos, n = 0;
    const int32_t *cps = NULL;
    int rc = dp_text_unit_next(c->unit, c->s, c->len, pos, &cps, &n);
    if (rc < 0) { c->oom = 1; return; }
    for (size_t k = 0; k < n && !c->oom; k++) stage(c, cps[k], is_letter_or_mark(cps[k]), start, *pos);
}

/* Give back what the first guesses reserved beyond the key and the tokens. */
static void shrink(dp_keyscan *o)
{
    if (o->kcap > o->klen + 4096 && !o->want_map) {
        char *k = realloc(o->key, o->klen + 1);
        if (k) { o->key = k; o->kcap = o->klen + 1; }
    }
    if (o->want_tokens && o->tcap > o->n + 256) {
        size_t n = o->n ? o->n : 1;
        dp_token *t = realloc(o->tok, n * sizeof *t);
        if (t) o->tok = t;
        uint8_t *f = realloc(o->tflags, n);
        if (f) o->tflags = f;
        if (t && f) o->tcap = n;
    }
}

int dp_keyscan_run(dp_keyscan *o, const char *s, size_t len, const dp_text_rules *rules)
{
    const unsigned char *u = (const unsigned char *)s;
    scan c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.len = len;
    c.rules = rules && rules->word ? rules : NULL;
    c.out = o;
    o->key = NULL;
    o->map = NULL;
    o->tok = NULL;
    o->tflags = NULL;
    o->klen = o->kcap = o->n = o->tcap = 0;
    if (key_room(&c, len + len / 8 + 16) < 0) goto fail;
    if (o->want_tokens) {
        size_t cap = len / 4 + 16;
        o->tok = malloc(cap * sizeof *o->tok);
        o->tflags = malloc(cap);
        if (!o->tok || !o->tflags) goto fail;
        o->tcap = cap;
    }
    size_t i = 0;
    while (i < len && !c.oom) {
        unsigned char b = u[i];
        if (b < 0x80) {
            if (!starts_alone(u, len, i + 1)) {
                general(&c, &i);
                continue;
            }
            uint8_t k = ascii_class[b];
            stage(&c, (k & A_UPPER) ? b + 32 : b, (k & (A_UPPER | A_LOWER)) != 0, i, i + 1);
            i++;
            continue;
        }
        if (b >= 0xC2 && b <= 0xE1 && starts_alone(u, len, i)) {
            size_t n = b < 0xE0 ? 2 : 3;
            int32_t cp = n == 2 ? ((b & 0x1F) << 6) | (u[i + 1] & 0x3F)
                                : ((b & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            const dp_latin_cp *e = &dp_latin_table[dp_latin_index(cp)];
            if (starts_alone(u, len, i + n)) {
                if (e->kcp >= 0) {
                    stage(&c, e->kcp, (e->flags & (LT_LETTER | LT_MARK)) != 0, i, i + n);
                } else {
                    /* a key form of several code points ("ß" → "ss") */
                    size_t p = 0;
                    while (p < e->klen && !c.oom) {
                        int32_t kc = dp_utf8_next(e->key, e->klen, &p);
                        stage(&c, kc, is_letter_or_mark(kc), i, i + n);
                    }
                }
                i += n;
                continue;
            }
        }
        general(&c, &i);
    }
    if (c.rules) word_flush(&c);
    token_close(&c);
    if (c.oom) goto fail;
    o->key[o->klen] = '\0';
    if (o->want_map) o->map[o->klen] = len;
    shrink(o);
    dp_text_unit_free(c.unit);
    free(c.w);
    free(c.woff);
    free(c.wend);
    return 0;
fail:
    dp_text_unit_free(c.unit);
    free(c.w);
    free(c.woff);
    free(c.wend);
    dp_keyscan_free(o);
    return -1;
}

void dp_keyscan_free(dp_keyscan *o)
{
    free(o->key);
    free(o->map);
    free(o->tok);
    free(o->tflags);
    o->key = NULL;
    o->map = NULL;
    o->tok = NULL;
    o->tflags = NULL;
    o->klen = o->kcap = o->n = o->tcap = 0;
}

/* ---- the public faces --------------------------------------------------------- */

char *dp_text_match_key(const char *s, size_t len, const dp_text_rules *rules, size_t *outlen,
                        size_t **map)
{
    dp_keyscan o = { 0 };
    if (outlen) *outlen = 0;
    if (map) *map = NULL;
    if ((!s && len) || !dp_utf8_valid(s ? s : "", len, NULL)) return NULL;
    o.want_map = map != NULL;
    if (dp_keyscan_run(&o, s ? s : "", len, rules) < 0) return NULL;
    if (outlen) *outlen = o.klen;
    if (map) *map = o.map;
    return o.key;
}

dp_tokens *dp_text_tokens(const char *s, size_t len, const dp_text_rules *rules)
{
    if ((!s && len) || len >= UINT32_MAX || !dp_utf8_valid(s ? s : "", len, NULL)) return NULL;
    dp_tokens *t = calloc(1, sizeof *t);
    dp_keyscan o = { 0 };
    o.want_tokens = 1;
    if (!t || dp_keyscan_run(&o, s ? s : "", len, rules) < 0) {
        free(t);
        return NULL;
    }
    t->key = o.key;
    t->key_len = o.klen;
    t->v = o.tok;
    t->flags = o.tflags;
    t->n = o.n;
    return t;
}

void dp_tokens_free(dp_tokens *t)
{
    if (!t) return;
    free((char *)t->key);
    free((dp_token *)t->v);
    free((uint8_t *)t->flags);
    free(t);
}

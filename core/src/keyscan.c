/*
 * keyscan.c — the match key and its tokens in one pass over the text.
 *
 * ASCII, the Latin ranges and General Punctuation (latin_table.h) are looked
 * up in tables; any
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

typedef struct wpos {
    uint32_t off, end; /* the text unit a code point of the word came from */
} wpos;

typedef struct scan {
    const char *s;
    size_t len;
    const dp_text_rules *rules; /* NULL, or rules with a word() */
    dp_text_unit *unit;         /* the general path, made on first use */
    dp_keyscan *out;
    /* the rules' current word: letters and marks, and where each came from */
    int32_t *w;
    wpos *wp;
    size_t wn, wcap;
    int in_token;   /* a word token is open */
    int prev_space; /* the last key byte is a collapsed ' ' */
    uint8_t gap;    /* DP_TOKEN_SPACE_BEFORE / _NEWLINE_BEFORE of the next token */
    /* the open word token's shape, from the text's characters */
    int sh_any;
    uint8_t sh_first;
    uint32_t sh_up, sh_lo, sh_dig;
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

static int key_grow(scan *c, size_t extra)
{
    dp_keyscan *o = c->out;
    size_t cap = o->kcap;
    if (grow((void **)&o->key, &cap, o->klen + extra + 1, 1) < 0) return -1;
    if (o->want_map) {
        size_t mcap = o->kcap;
        if (grow((void **)&o->map, &mcap, cap, sizeof *o->map) < 0) return -1;
    }
    o->kcap = cap;
    return 0;
}

/* Room for extra more key bytes and the NUL. */
static inline int key_room(scan *c, size_t extra)
{
    return c->out->klen + extra + 1 <= c->out->kcap ? 0 : key_grow(c, extra);
}

static inline size_t put_utf8(char *d, int32_t cp)
{
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xC0 | (cp >> 6));
        d[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12));
        d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18));
    d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Append cp to the key (room checked by the caller), mapped to text offset off. */
static inline void put_cp(dp_keyscan *o, int32_t cp, size_t off)
{
    size_t k = put_utf8(o->key + o->klen, cp);
    if (o->want_map)
        for (size_t j = 0; j < k; j++) o->map[o->klen + j] = off;
    o->klen += k;
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

static int is_letter_or_mark(int32_t cp)
{
    if (cp < 0x80) return (ascii_class[cp] & (A_UPPER | A_LOWER)) != 0;
    int i = dp_latin_index(cp);
    if (i >= 0) return (dp_latin_table[i].flags & (LT_LETTER | LT_MARK)) != 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
}

/* ---- tokens ------------------------------------------------------------------ */

/* A text character of the open word token: its case and digits make the token's flags. */
static inline void shape_add(scan *c, int up, int lo, int dig)
{
    if (!c->sh_any) {
        c->sh_any = 1;
        c->sh_first = up ? DP_TOKEN_UPPER : lo ? DP_TOKEN_LOWER : 0;
    }
    c->sh_up += (uint32_t)up;
    c->sh_lo += (uint32_t)lo;
    c->sh_dig += (uint32_t)dig;
}

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
    if (end > UINT32_MAX || o->klen > UINT32_MAX) return -1;
    dp_token *t = &o->tok[o->n];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kstart = t->kend = (uint32_t)o->klen;
    o->tflags[o->n] = c->gap;
    o->n++;
    c->gap = 0;
    return 0;
}

static void token_close(scan *c)
{
    dp_keyscan *o = c->out;
    if (!c->in_token) return;
    c->in_token = 0;
    if (o->want_tokens) {
        uint8_t f = DP_TOKEN_WORD | c->sh_first;
        if (c->sh_up + c->sh_lo >= 2 && c->sh_lo == 0) f |= DP_TOKEN_ALLCAPS;
        if (c->sh_dig > 0 && c->sh_up + c->sh_lo == 0) f |= DP_TOKEN_DIGITS;
        o->tok[o->n - 1].kend = (uint32_t)o->klen;
        o->tflags[o->n - 1] |= f;
    }
    c->sh_any = 0;
    c->sh_up = c->sh_lo = c->sh_dig = 0;
}

/* ---- the key ----------------------------------------------------------------- */

/* Word code points (already through the rules) from the text units wp[0..n). */
static void put_word(scan *c, const int32_t *cps, const wpos *wp, size_t n)
{
    dp_keyscan *o = c->out;
    if (key_room(c, n * 4) < 0) { c->oom = 1; return; }
    if (!c->in_token) {
        if (token_open(c, wp[0].off, wp[0].end) < 0) { c->oom = 1; return; }
        c->in_token = 1;
    }
    for (size_t k = 0; k < n; k++) put_cp(o, cps[k], wp[k].off);
    if (o->want_tokens) o->tok[o->n - 1].end = wp[n - 1].end;
    c->prev_space = 0;
}

static void word_flush(scan *c)
{
    if (c->wn == 0) return;
    c->rules->word(c->rules, c->w, c->wn);
    put_word(c, c->w, c->wp, c->wn);
    c->wn = 0;
}

/* A white space character of the text (cp as in the text): one ' ' per run. */
static void put_space(scan *c, int32_t cp, size_t off)
{
    if (c->wn) word_flush(c);
    token_close(c);
    c->gap |= DP_TOKEN_SPACE_BEFORE;
    if ((cp >= '\n' && cp <= '\r') || cp == 0x85 || cp == 0x2028 || cp == 0x2029) c->gap |= DP_TOKEN_NEWLINE_BEFORE;
    if (c->prev_space) return;
    if (key_room(c, 1) < 0) { c->oom = 1; return; }
    put_cp(c->out, ' ', off);
    c->prev_space = 1;
}

/* A key code point that is neither white space nor a letter waiting for its word's rules. */
static void put_other(scan *c, int32_t cp, size_t off, size_t end, int cls)
{
    if (c->wn) word_flush(c);
    if (cls == K_WORD) {
        wpos p = { (uint32_t)off, (uint32_t)end };
        put_word(c, &cp, &p, 1);
        return;
    }
    token_close(c);
    if (key_room(c, 4) < 0 || token_open(c, off, end) < 0) { c->oom = 1; return; }
    put_cp(c->out, cp, off);
    if (c->out->want_tokens) c->out->tok[c->out->n - 1].kend = (uint32_t)c->out->klen;
    c->prev_space = 0;
}

/* A letter or mark of the key: it waits for the rest of its word when rules are set. */
static inline void put_letter(scan *c, int32_t cp, size_t off, size_t end)
{
    if (!c->rules) {
        wpos p = { (uint32_t)off, (uint32_t)end };
        put_word(c, &cp, &p, 1);
        return;
    }
    if (c->wn == c->wcap) {
        size_t c1 = c->wcap, c2 = c->wcap;
        if (grow((void **)&c->w, &c1, c->wn + 1, sizeof *c->w) < 0 ||
            grow((void **)&c->wp, &c2, c->wn + 1, sizeof *c->wp) < 0) {
            c->oom = 1;
            return;
        }
        c->wcap = c1 < c2 ? c1 : c2;
    }
    c->w[c->wn] = cp;
    c->wp[c->wn].off = (uint32_t)off;
    c->wp[c->wn].end = (uint32_t)end;
    c->wn++;
}

/* A key code point from the unit [off, end), whatever its class. */
static void put_any(scan *c, int32_t cp, size_t off, size_t end, int orig_space)
{
    int cls = key_class(cp);
    if (cls == K_SPACE) put_space(c, orig_space, off);
    else if (cls == K_WORD && is_letter_or_mark(cp)) put_letter(c, cp, off, end);
    else put_other(c, cp, off, end, cls);
}

/* Non-zero when the character at s[i] cannot join the one before it: ASCII or a Latin starter. */
static inline int starts_alone(const unsigned char *u, size_t len, size_t i)
{
    if (i >= len || u[i] < 0x80) return 1;
    if (u[i] < 0xC2 || u[i] > 0xE2) return 0; /* other scripts: let the general path decide */
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
    if (rc < 0 || n == 0) { c->oom = 1; return; }
    /* the unit's own characters give the shape of a word token */
    if (key_class(cps[0]) == K_WORD) {
        size_t p = start;
        while (p < *pos) {
            int32_t o = dp_utf8_next(c->s, *pos, &p);
            int up = dp_char_is_upper(o);
            shape_add(c, up, !up && dp_char_is_lower(o), o >= '0' && o <= '9');
        }
    }
    int32_t first = 0;
    size_t p0 = start;
    first = dp_utf8_next(c->s, *pos, &p0);
    for (size_t k = 0; k < n && !c->oom; k++) put_any(c, cps[k], start, *pos, first);
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
    if (len >= UINT32_MAX && o->want_tokens) return -1;
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
            if (i + 1 < len && u[i + 1] >= 0x80 && !starts_alone(u, len, i + 1)) {
                general(&c, &i);
                continue;
            }
            uint8_t k = ascii_class[b];
            if (k & (A_UPPER | A_LOWER)) {
                shape_add(&c, (k & A_UPPER) != 0, (k & A_LOWER) != 0, 0);
                put_letter(&c, b | 0x20, i, i + 1);
            } else if (k & A_SPACE) {
                put_space(&c, b, i);
            } else {
                if (k & A_DIGIT) shape_add(&c, 0, 0, 1);
                put_other(&c, b, i, i + 1, (k & A_WORD) ? K_WORD : K_OTHER);
            }
            i++;
            continue;
        }
        if (b >= 0xC2 && b <= 0xE2) {
            size_t n = b < 0xE0 ? 2 : 3;
            int32_t cp = n == 2 ? ((b & 0x1F) << 6) | (u[i + 1] & 0x3F)
                                : ((b & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            int x = dp_latin_index(cp);
            if (x >= 0 && (dp_latin_table[x].flags & LT_FAST) && starts_alone(u, len, i + n)) {
                const dp_latin_cp *e = &dp_latin_table[x];
                if (e->flags & LT_WORD)
                    shape_add(&c, (e->flags & LT_UPPER) != 0, (e->flags & LT_LOWER) != 0, 0);
                if (e->flags & LT_SPACE) {
                    put_space(&c, cp, i);
                } else if (e->kcp >= 0) {
                    if (e->flags & (LT_LETTER | LT_MARK)) put_letter(&c, e->kcp, i, i + n);
                    else put_other(&c, e->kcp, i, i + n, (e->flags & LT_WORD) ? K_WORD : K_OTHER);
                } else {
                    /* a key form of several code points ("ß" → "ss") */
                    size_t p = 0;
                    while (p < e->klen && !c.oom) put_any(&c, dp_utf8_next(e->key, e->klen, &p), i, i + n, cp);
                }
                i += n;
                continue;
            }
        }
        general(&c, &i);
    }
    if (c.wn) word_flush(&c);
    token_close(&c);
    if (c.oom) goto fail;
    o->key[o->klen] = '\0';
    if (o->want_map) o->map[o->klen] = len;
    shrink(o);
    dp_text_unit_free(c.unit);
    free(c.w);
    free(c.wp);
    return 0;
fail:
    dp_text_unit_free(c.unit);
    free(c.w);
    free(c.wp);
    dp_keyscan_free(o);
    return -1;
}

/* Key code points that the text character at s[*p] gives on the fast path, or 0 when it took the general one. */
static size_t fast_cps(const unsigned char *u, size_t len, size_t *p)
{
    unsigned char b = u[*p];
    if (b < 0x80) {
        (*p)++;
        return starts_alone(u, len, *p) ? 1 : 0;
    }
    if (b < 0xC2 || b > 0xE2) return 0;
    size_t n = b < 0xE0 ? 2 : 3;
    int32_t cp = n == 2 ? ((b & 0x1F) << 6) | (u[*p + 1] & 0x3F)
                        : ((b & 0x0F) << 12) | ((u[*p + 1] & 0x3F) << 6) | (u[*p + 2] & 0x3F);
    int x = dp_latin_index(cp);
    if (x < 0 || !(dp_latin_table[x].flags & LT_FAST)) return 0;
    *p += n;
    if (!starts_alone(u, len, *p)) return 0;
    const dp_latin_cp *e = &dp_latin_table[x];
    if (e->kcp >= 0) return 1;
    size_t k = 0, q = 0;
    while (q < e->klen) {
        dp_utf8_next(e->key, e->klen, &q);
        k++;
    }
    return k;
}

int dp_keyscan_map(const dp_keyscan *o, const char *s, size_t len, size_t **out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t *map = malloc((o->klen + 1) * sizeof *map);
    if (!map) return -2;
    size_t kpos = 0, prev_end = 0;
    for (size_t i = 0; i < o->n; i++) {
        const dp_token *t = &o->tok[i];
        for (; kpos < t->kstart; kpos++) map[kpos] = prev_end; /* the ' ' of the white space before */
        size_t p = t->start;
        while (p < t->end) {
            size_t at = p, k = fast_cps(u, len, &p);
            if (k == 0 || p > t->end) goto general;
            while (k--) {
                if (kpos >= t->kend) goto general;
                size_t q = kpos;
                dp_utf8_next(o->key, o->klen, &q);
                for (; kpos < q; kpos++) map[kpos] = at;
            }
        }
        if (kpos != t->kend) goto general;
        prev_end = t->end;
    }
    for (; kpos < o->klen; kpos++) map[kpos] = prev_end;
    map[o->klen] = len;
    *out = map;
    return 0;
general:
    free(map);
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

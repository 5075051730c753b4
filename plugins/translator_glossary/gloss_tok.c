/* Tokens of names and the one lookup of phrases: words (with their case), dashes, quotes,
 * brackets and commas, each word keyed like the tables' rows. */
#include "gloss.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

static gl_tok_type classify(int32_t c)
{
    switch (c) {
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
        return GL_T_DASH;
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
        return GL_T_QUOTE;
    case '(': case '[':
        return GL_T_OPEN;
    case ')': case ']':
        return GL_T_CLOSE;
    case ',': case ';':
        return GL_T_COMMA;
    case ':': case '!': case '?': case 0x2026: case '/':
        return GL_T_OTHER;
    default:
        return GL_T_WORD;
    }
}

static int is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The case and script of a word: capitalised, all capitals, a number, plain ASCII letters. */
static void word_shape(const char *w, size_t n, gl_tok *k)
{
    size_t pos = 0;
    int first = 1, letters = 0, lowers = 0, uppers = 0, ascii = 1;
    while (pos < n) {
        int32_t c = dp_utf8_next(w, n, &pos);
        if (c < 0) continue;
        if (first) {
            k->cap = dp_char_is_upper(c);
            k->digit = c >= '0' && c <= '9';
            first = 0;
        }
        if (dp_char_is_letter(c)) {
            letters++;
            lowers += dp_char_is_lower(c);
            uppers += dp_char_is_upper(c);
            if (c > 0x7f) ascii = 0;
        }
    }
    k->upper = letters > 0 && lowers == 0;
    k->lower = letters > 0 && uppers == 0;
    k->latin = letters > 0 && ascii;
}

void gl_tokens_free(gl_tok *t, size_t n)
{
    if (!t) return;
    for (size_t i = 0; i < n; i++) free(t[i].key);
    free(t);
}

long gl_tokenize(const dp_text_rules *rules, const char *s, size_t len, gl_tok **out)
{
    size_t cap = 16, n = 0, pos = 0;
    gl_tok *t = malloc(cap * sizeof *t);
    if (!t) return -1;
    int space = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t c = dp_utf8_next(s, len, &pos);
        if (c < 0) continue;
        if (is_space(c)) {
            space = 1;
            continue;
        }
        gl_tok_type ty = classify(c);
        size_t end = pos;
        if (ty == GL_T_WORD && c == '.') {
            ty = GL_T_OTHER;
        } else if (ty == GL_T_WORD) {
            while (end < len) {
                size_t p2 = end;
                int32_t c2 = dp_utf8_next(s, len, &p2);
                if (c2 < 0 || is_space(c2) || classify(c2) != GL_T_WORD) break;
                if (c2 == '.') { /* a full stop inside a word (qdnd.vn, 2.0), not at its end */
                    size_t p3 = p2;
                    int32_t c3 = p3 < len ? dp_utf8_next(s, len, &p3) : -1;
                    if (c3 < 0 || is_space(c3) || classify(c3) != GL_T_WORD || c3 == '.') break;
                }
                end = p2;
            }
            /* a trailing full stop ends a sentence, not an abbreviation we know */
        }
        if (n == cap) {
            gl_tok *nt = realloc(t, cap * 2 * sizeof *t);
            if (!nt) goto oom;
            t = nt;
            cap *= 2;
        }
        gl_tok *k = &t[n];
        k->start = at;
        k->end = end;
        k->type = ty;
        k->space_before = space || n == 0;
        switch (ty) {
        case GL_T_WORD: k->key = dp_text_match_key(s + at, end - at, rules, NULL, NULL); break;
        case GL_T_DASH: k->key = strdup("-"); break;
        case GL_T_QUOTE: k->key = strdup("\""); break;
        case GL_T_OPEN: k->key = strdup("("); break;
        case GL_T_CLOSE: k->key = strdup(")"); break;
        case GL_T_COMMA: k->key = strdup(","); break;
        default: k->key = strndup(s + at, end - at); break;
        }
        if (!k->key) goto oom;
        k->cap = k->upper = k->lower = k->digit = k->latin = 0;
        if (ty == GL_T_WORD) word_shape(s + at, end - at, k);
        n++;
        pos = end;
        space = 0;
    }
    *out = t;
    return (long)n;
oom:
    gl_tokens_free(t, n);
    return -1;
}

int gl_tok_dropped(const gl_tok *t, size_t i, size_t n)
{
    (void)n;
    if (strcmp(t[i].key, "các") == 0) return 1;
    if (strcmp(t[i].key, "nước") == 0 && i > 0 && strcmp(t[i - 1].key, "các") == 0) return 1;
    return 0;
}

char *gl_tokens_key(const gl_tok *t, size_t a, size_t b)
{
    size_t len = 0;
    for (size_t i = a; i < b; i++) len += strlen(t[i].key) + 1;
    char *k = malloc(len + 1);
    if (!k) return NULL;
    size_t o = 0;
    for (size_t i = a; i < b; i++) {
        if (gl_tok_dropped(t, i, b)) continue;
        size_t l = strlen(t[i].key);
        if (o) k[o++] = ' ';
        memcpy(k + o, t[i].key, l);
        o += l;
    }
    k[o] = '\0';
    return k;
}


int gl_lookup(const gl_table *t, const gl_tok *tok, size_t a, size_t b, const gl_entry **rows)
{
    *rows = NULL;
    char *key = gl_tokens_key(tok, a, b);
    if (!key) return -1;
    *rows = gl_table_get(t, key);
    free(key);
    return *rows != NULL;
}

int gl_case_fits(const gl_entry *e, const gl_tok *tok, size_t a, size_t b, int first)
{
    if (e->lower && a < b && tok[a].cap && !first) return 0;
    /* a body's head is capitalised in a name: "vụ" in "phục vụ" is no Vụ (Department) */
    if (!e->lower && b - a == 1 && tok[a].lower && !first &&
        (e->kind == GL_HEAD || e->kind == GL_HEAD_OF || e->kind == GL_MEETING))
        return 0;
    if (e->origin != GL_FROM_ABBREVIATIONS || !e->caps) return 1;
    unsigned w = 0;
    for (size_t i = a; i < b && w < 32; i++) {
        if (tok[i].type != GL_T_WORD || gl_tok_dropped(tok, i, b)) continue;
        if ((e->caps & (1u << w)) && !tok[i].upper) return 0;
        w++;
    }
    return 1;
}

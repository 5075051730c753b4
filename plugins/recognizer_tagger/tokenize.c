/*
 * tokenize.c — the tokenisation rule of data/corpus/vi-ner/README.md, the
 * one training data follows, applied to running text at tagging time.
 *
 * White space separates tokens.  A letter, a decimal digit or a combining
 * mark continues a token.  Any other character is a token of its own, except
 * a connector that stays inside its token:
 *   '.' ','        between two decimal digits        1.500  3,5
 *   '-' '/'        between two letters or digits     COVID-19  25/9  Jae-min
 *   ' U+2019       between two letters               O'Neill
 * A combining mark counts as part of the letter it follows.
 */
#include <stdlib.h>

#include <utf8proc.h>

#include <docpipe/docpipe.h>

#include "tagger.h"

enum { CL_SPACE, CL_LETTER, CL_DIGIT, CL_MARK, CL_PUNCT };

static int classify(int32_t cp)
{
    if (cp < 0x80) {
        if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return CL_SPACE;
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return CL_LETTER;
        if (cp >= '0' && cp <= '9') return CL_DIGIT;
        return CL_PUNCT;
    }
    if (cp == 0x85) return CL_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return CL_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return CL_DIGIT;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return CL_MARK;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return CL_SPACE;
    default:
        return CL_PUNCT;
    }
}

static int push(tg_tokens *out, size_t start, size_t end)
{
    if (out->n == out->cap) {
        size_t nc = out->cap ? out->cap * 2 : 256;
        tg_token *nv = realloc(out->v, nc * sizeof *nv);
        if (!nv) return -1;
        out->v = nv;
        out->cap = nc;
    }
    out->v[out->n++] = (tg_token){ start, end };
    return 0;
}

/* May connector cp stay inside a token between classes before and after? */
static int joins(int32_t cp, int before, int after)
{
    switch (cp) {
    case '.':
    case ',':
        return before == CL_DIGIT && after == CL_DIGIT;
    case '-':
    case '/':
        return (before == CL_LETTER || before == CL_DIGIT) && (after == CL_LETTER || after == CL_DIGIT);
    case '\'':
    case 0x2019:
        return before == CL_LETTER && after == CL_LETTER;
    default:
        return 0;
    }
}

int tg_tokenize(const char *text, size_t len, tg_tokens *out)
{
    size_t pos = 0, start = 0;
    int in_token = 0;
    int prev = CL_SPACE; /* class of the previous character, a mark taking its base's */
    while (pos < len) {
        size_t here = pos;
        int32_t cp = dp_utf8_next(text, len, &pos);
        int cl = cp < 0 ? CL_PUNCT : classify(cp);
        if (cl == CL_MARK) cl = in_token ? prev : CL_LETTER;
        if (cl == CL_LETTER || cl == CL_DIGIT) {
            if (!in_token) { start = here; in_token = 1; }
            prev = cl;
            continue;
        }
        if (cl == CL_PUNCT && in_token) {
            size_t next_pos = pos;
            int next = CL_SPACE;
            if (next_pos < len) {
                int32_t ncp = dp_utf8_next(text, len, &next_pos);
                next = ncp < 0 ? CL_PUNCT : classify(ncp);
            }
            if (joins(cp, prev, next)) { prev = CL_PUNCT; continue; }
        }
        if (in_token && push(out, start, here) < 0) return -1;
        in_token = 0;
        prev = cl;
        if (cl == CL_PUNCT && push(out, here, pos) < 0) return -1;
    }
    if (in_token && push(out, start, len) < 0) return -1;
    return 0;
}

void tg_tokens_free(tg_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

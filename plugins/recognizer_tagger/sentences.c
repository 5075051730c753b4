/*
 * sentences.c — sentence boundaries in running text, so that the tagger sees
 * sentences as it saw them in training (sentence-initial capitals read
 * differently from a name's).  See tg_sentences() in tagger.h for the rule.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include <docpipe/docpipe.h>

#include "tagger.h"

static int32_t first_cp(const char *text, const tg_token *t)
{
    size_t pos = t->start;
    return dp_utf8_next(text, t->end, &pos);
}

static int is_terminal(const char *text, const tg_token *t)
{
    int32_t cp = first_cp(text, t);
    return t->end - t->start <= 3 && (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026);
}

static int is_closing(const char *text, const tg_token *t)
{
    int32_t cp = first_cp(text, t);
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

static int starts_sentence(const char *text, const tg_token *t)
{
    int32_t cp = first_cp(text, t);
    if (cp < 0) return 0;
    if ((cp >= '0' && cp <= '9') || cp == '"' || cp == 0x201C || cp == 0xAB || cp == '(' || cp == '-' ||
        cp == 0x2013 || cp == 0x2014)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* A token that a '.' after it abbreviates: all capitals ("TP", "TS") or at most two letters ("Mr", "St"). */
static int is_abbreviation(const char *text, const tg_token *t)
{
    size_t pos = t->start, letters = 0, lower = 0;
    while (pos < t->end) {
        int32_t cp = dp_utf8_next(text, t->end, &pos);
        if (cp < 0) return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c == UTF8PROC_CATEGORY_LL) lower++;
        else if (c != UTF8PROC_CATEGORY_LU && c != UTF8PROC_CATEGORY_LT) return 0;
        letters++;
    }
    return letters > 0 && (lower == 0 || letters <= 2);
}

static int line_break_between(const char *text, const tg_token *a, const tg_token *b)
{
    return memchr(text + a->end, '\n', b->start - a->end) != NULL;
}

size_t tg_sentences(const char *text, const tg_token *tok, size_t n, size_t max_len, size_t **ends)
{
    size_t cap = 16, count = 0, start = 0;
    size_t *v = malloc(cap * sizeof *v);
    if (!v) return (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        int end_here = i + 1 == n || i + 1 - start >= max_len;
        if (!end_here && line_break_between(text, &tok[i], &tok[i + 1])) end_here = 1;
        if (!end_here && is_terminal(text, &tok[i]) &&
            !(text[tok[i].start] == '.' && i > start && tok[i - 1].end == tok[i].start &&
              is_abbreviation(text, &tok[i - 1]))) {
            /* closing quotes and brackets stay with the sentence they close */
            size_t j = i + 1;
            while (j < n && j - start < max_len && is_closing(text, &tok[j]) &&
                   !line_break_between(text, &tok[j - 1], &tok[j]))
                j++;
            if (j < n && starts_sentence(text, &tok[j])) {
                i = j - 1;
                end_here = 1;
            }
        }
        if (!end_here) continue;
        if (count == cap) {
            size_t *nv = realloc(v, cap * 2 * sizeof *nv);
            if (!nv) { free(v); return (size_t)-1; }
            v = nv;
            cap *= 2;
        }
        v[count++] = i + 1;
        start = i + 1;
    }
    *ends = v;
    return count;
}

/* Abbreviations expanded before rendering: "UBND tỉnh Quảng Ninh" is rendered as "Ủy ban nhân
 * dân tỉnh Quảng Ninh", "Bộ GD-ĐT" as "Bộ giáo dục và đào tạo" (a whole name then).  The name is
 * cut by longest rows as the composer cuts it, so an abbreviation inside a longer row of the
 * vocabulary ("Trường THPT chuyên") stays as that row has it, unless inside_rows asks for every
 * abbreviation (to look the whole name up: "Công ty CP Sữa Việt Nam" is the known "Công ty cổ
 * phần Sữa Việt Nam"); document symbols (NĐ-CP) stay. */
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss.h"

/* The longest phrase at token i that some row may stand for: its length (0: none) and that row. */
static int longest(const gl_tables *T, const gl_tok *t, size_t n, size_t i, size_t *len, const gl_entry **row)
{
    size_t maxl = gl_table_max_tokens(T->terms), lim = n - i < maxl ? n - i : maxl;
    *len = 0;
    for (size_t l = lim; l >= 1; l--) {
        if (t[i + l - 1].type != GL_T_WORD) continue;
        const gl_entry *rows;
        int rc = gl_lookup(T->terms, t, i, i + l, &rows);
        if (rc < 0) return -1;
        for (const gl_entry *x = rc ? rows : NULL; x; x = x->next_same) {
            if (x->countries || x->context || x->kind == GL_NUMBER || !gl_case_fits(x, t, i, i + l, i == 0)) continue;
            *len = l;
            *row = x;
            return 0;
        }
    }
    return 0;
}

/* The longest abbreviation row at token i (rows of the abbreviations files only). */
static int longest_abbreviation(const gl_tables *T, const gl_tok *t, size_t n, size_t i, size_t *len,
                                const gl_entry **row)
{
    size_t maxl = gl_table_max_tokens(T->terms), lim = n - i < maxl ? n - i : maxl;
    *len = 0;
    for (size_t l = lim; l >= 1; l--) {
        if (t[i + l - 1].type != GL_T_WORD) continue;
        const gl_entry *rows;
        int rc = gl_lookup(T->terms, t, i, i + l, &rows);
        if (rc < 0) return -1;
        for (const gl_entry *x = rc ? rows : NULL; x; x = x->next_same) {
            if (x->origin != GL_FROM_ABBREVIATIONS || !x->expands || !gl_case_fits(x, t, i, i + l, i == 0)) continue;
            *len = l;
            *row = x;
            return 0;
        }
    }
    return 0;
}

int gl_expand(const gl_tables *T, const char *s, size_t len, int inside_rows, char **out, char **used)
{
    *out = *used = NULL;
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    size_t n = (size_t)nl, copied = 0, i = 0;
    dp_strbuf o = { 0 }, u = { 0 };
    int any = 0;
    while (i < n) {
        size_t l = 0;
        const gl_entry *e = NULL;
        if (t[i].type == GL_T_WORD && longest(T, t, n, i, &l, &e) < 0) goto oom;
        if (!l) {
            i++;
            continue;
        }
        if (inside_rows && e->origin != GL_FROM_ABBREVIATIONS) { /* look inside the row for abbreviations */
            const gl_entry *a = NULL;
            size_t al = 0;
            if (longest_abbreviation(T, t, n, i, &al, &a) < 0) goto oom;
            if (al) e = a, l = al;
            else l = 1;
        }
        if (e->origin == GL_FROM_ABBREVIATIONS && e->expands && e->as != GL_AS_SYMBOL) {
            dp_strbuf_add(&o, s + copied, t[i].start - copied);
            dp_strbuf_puts(&o, e->expands);
            copied = t[i + l - 1].end;
            if (u.len) dp_strbuf_puts(&u, " ");
            dp_strbuf_puts(&u, e->src);
            any = 1;
        }
        i += l;
    }
    gl_tokens_free(t, n);
    if (!any) {
        dp_strbuf_free(&o);
        dp_strbuf_free(&u);
        return 0;
    }
    dp_strbuf_add(&o, s + copied, len - copied);
    *out = dp_strbuf_take(&o);
    *used = dp_strbuf_take(&u);
    if (!*out || !*used) {
        free(*out);
        free(*used);
        *out = *used = NULL;
        return -1;
    }
    return 1;
oom:
    gl_tokens_free(t, n);
    dp_strbuf_free(&o);
    dp_strbuf_free(&u);
    return -1;
}

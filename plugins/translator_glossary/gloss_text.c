/* Running text and persons' offices: the term-by-term rendering of a document's title (known
 * phrases replaced in text order, the other words kept and listed), and a rank or title with the
 * body it belongs to ("Thứ trưởng Bộ Quốc phòng" → "Deputy Minister of National Defence"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

static int upper_initial(const gl_tok *t) { return t->cap || t->upper || t->digit; }

/* The row for tokens [i, i + l) of running text, or NULL: a one-word row only when capitalised
 * (a lower-case syllable is too often part of another word: cán bộ, nhiệm vụ), no ambiguous
 * gazetteer name, no marker that needs a name around it. */
static const gl_entry *text_row(const ctx *c, const gl_entry *rows, const gl_tok *t, size_t i, size_t l)
{
    const gl_entry *e = chunk_row(c, rows, t, i, i + l, 0);
    if (!e) return NULL;
    if (e->origin == GL_FROM_GAZETTEER && (e->ambiguous || (l == 1 && !upper_initial(&t[i])))) return NULL;
    if (l == 1 && e->kind != GL_PREP && e->kind != GL_CONJ && !upper_initial(&t[i])) return NULL;
    if (e->kind == GL_SUFFIX || e->kind == GL_LEVEL || e->kind == GL_NUMBER || e->kind == GL_YEAR ||
        e->kind == GL_NUMBERED)
        return NULL;
    return e;
}

int gl_term_by_term(const gl_tables *T, const char *s, size_t len, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .s = s };
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    size_t n = (size_t)nl, maxl = gl_table_max_tokens(T->terms);
    dp_strbuf o = { 0 };
    size_t i = 0;
    while (i < n) {
        size_t best = 0;
        const gl_entry *be = NULL;
        if (t[i].type == GL_T_WORD) {
            size_t lim = n - i < maxl ? n - i : maxl;
            for (size_t l = lim; l >= 1 && !best; l--) {
                const gl_entry *rows;
                int rc = gl_lookup(T->terms, t, i, i + l, &rows);
                if (rc < 0) goto oom;
                const gl_entry *e = rc ? text_row(&c, rows, t, i, l) : NULL;
                if (e) {
                    best = l;
                    be = e;
                }
            }
        }
        if (o.len && t[i].space_before) dp_strbuf_puts(&o, " ");
        if (best && be->kind == GL_ORDINAL && i + best < n &&
            gl_is_digits(s + t[i + best].start, t[i + best].end - t[i + best].start)) {
            long v = strtol(s + t[i + best].start, NULL, 10);
            dp_strbuf_printf(&o, "%ld%s", v, gl_ord_suffix(v));
            ctx_use(&c, be);
            i += best + 1;
            continue;
        }
        if (best) {
            if (be->kind != GL_DROP) dp_strbuf_puts(&o, be->en);
            ctx_use(&c, be);
            i += best;
            continue;
        }
        if (t[i].type == GL_T_WORD && !gl_tok_dropped(t, i, n) && !gl_acronym(s + t[i].start, t[i].end - t[i].start) &&
            !gl_is_digits(s + t[i].start, t[i].end - t[i].start))
            ctx_untranslated(&c, s + t[i].start, t[i].end - t[i].start);
        if (!(t[i].type == GL_T_WORD && gl_tok_dropped(t, i, n))) dp_strbuf_add(&o, s + t[i].start, t[i].end - t[i].start);
        i++;
    }
    gl_tokens_free(t, n);
    char *en = dp_strbuf_take(&o);
    if (!en) {
        ctx_free(&c);
        return -1;
    }
    return ctx_finish(&c, r, en, "terms");
oom:
    dp_strbuf_free(&o);
    gl_tokens_free(t, n);
    ctx_free(&c);
    return -1;
}

int gl_person_title(const gl_tables *T, const char *s, size_t len, int rank, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .s = s };
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    size_t n = (size_t)nl;
    dp_strbuf o = { 0 };
    size_t i = 0;
    const gl_table *tabs[2] = { rank ? T->ranks : T->titles, rank ? T->titles : T->ranks };
    /* longest rank or title at i; then what follows up to the next one is its organisation */
    while (i < n) {
        size_t best = 0;
        const gl_entry *be = NULL;
        for (int w = 0; w < 2 && !best; w++) {
            size_t maxl = gl_table_max_tokens(tabs[w]);
            size_t lim = n - i < maxl ? n - i : maxl;
            for (size_t l = lim; l >= 1 && !best; l--) {
                const gl_entry *e;
                int rc = gl_lookup(tabs[w], t, i, i + l, &e);
                if (rc < 0) goto oom;
                if (rc) {
                    best = l;
                    be = e;
                }
            }
        }
        if (!best && t[i].type == GL_T_COMMA) {
            i++;
            continue;
        }
        if (!best) { /* nothing known here: an organisation after a title, or a stray word */
            size_t j = i + 1;
            for (; j < n && t[j].type != GL_T_COMMA; j++) {
                const gl_entry *e1, *e2;
                int r1 = gl_lookup(T->titles, t, j, j + 1, &e1), r2 = gl_lookup(T->ranks, t, j, j + 1, &e2);
                if (r1 < 0 || r2 < 0) goto oom;
                if (r1 || r2) break;
            }
            gl_result org;
            gl_context cx = { .type = "ORG" };
            if (gl_compose(T, &cx, s + t[i].start, t[j - 1].end - t[i].start, &org) < 0) goto oom;
            const char *en = org.en;
            if (strncmp(en, "Ministry of ", 12) == 0) en += 12;
            dp_strbuf_puts(&o, o.len ? " of " : "");
            dp_strbuf_puts(&o, en);
            if (org.untranslated) ctx_untranslated(&c, org.untranslated, strlen(org.untranslated));
            ctx_use_trace(&c, org.rule);
            gl_result_clear(&org);
            ctx_tag(&c, "title+org");
            i = j;
            continue;
        }
        if (o.len) dp_strbuf_puts(&o, ", ");
        dp_strbuf_puts(&o, (rank && T->wikipedia && be->alt) ? be->alt : be->en);
        ctx_use(&c, be);
        i += best;
    }
    gl_tokens_free(t, n);
    char *en = dp_strbuf_take(&o);
    if (!en) {
        ctx_free(&c);
        return -1;
    }
    return ctx_finish(&c, r, en, rank ? "rank" : "title");
oom:
    dp_strbuf_free(&o);
    gl_tokens_free(t, n);
    ctx_free(&c);
    return -1;
}

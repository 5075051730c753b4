/* English renderings of Vietnamese names (data/vi-en/README.md is the specification):
 *
 *   1. the whole name in the tables (gazetteers, vocabulary, abbreviations, known names);
 *   2. abbreviations expanded (UBND → Ủy ban nhân dân), and the whole name again;
 *   3. brackets: a parenthesised known name replaces the long form it stands for, a
 *      parenthesised acronym is left out;
 *   4. a name in capitals throughout with no head of a body in front (Thế Giới Di Động,
 *      Savills Việt Nam) is a proper name: folded, a country or province at its end in English;
 *   5. a generic head before a known name (Giải + Ngoại hạng Anh) is the known name;
 *   6. composition: chunks (gloss_chunk.c), a split where a name holds two (an ordinal in the
 *      middle, a body inside a body), rewrites (gloss_rules.c), word order (gloss_render.c).
 *
 * Every rule and row used is recorded in the result's `rule`; words left untranslated in
 * `untranslated`, and then the result is not complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

/* Kinds whose English says nothing by itself (markers, numbers, prepositions). */
static int marker(gl_kind k)
{
    return k == GL_PREP || k == GL_CONJ || k == GL_DROP || k == GL_NUMBER || k == GL_ORDINAL || k == GL_NUMBERED ||
           k == GL_YEAR || k == GL_LEVEL || k == GL_SUFFIX;
}

/* The row that names tokens [a, b) whole, or NULL; -1 on OOM. */
static int whole_row(const ctx *c, const gl_tok *t, size_t a, size_t b, const gl_entry **out)
{
    *out = NULL;
    if (a >= b) return 0;
    const gl_entry *rows;
    int rc = gl_lookup(c->T->terms, t, a, b, &rows);
    if (rc <= 0) return rc;
    /* a name known whole wins over a head of the same words (Trường Đại học Thương mại) */
    for (const gl_entry *x = rows; x && !*out; x = x->next_same) {
        const gl_entry *e = chunk_row(c, x, t, a, b, 0);
        if (e == x && (x->kind == GL_NAME || x->kind == GL_COUNTRY || x->kind == GL_PLACE)) *out = x;
    }
    const gl_entry *e = chunk_row(c, rows, t, a, b, 0);
    if (!*out && e && !marker(e->kind)) *out = e;
    return 0;
}

/* The whole name: 1 with r filled, 0 when no row names it, -1 on OOM. */
static int whole(ctx *c, const gl_tok *t, size_t n, gl_result *r)
{
    const gl_entry *e;
    if (whole_row(c, t, 0, n, &e) < 0) return -1;
    if (!e) return 0;
    char *en = strdup(e->en);
    if (!en) return -1;
    ctx_use(c, e);
    return ctx_finish(c, r, en, e->origin == GL_FROM_GAZETTEER ? "gazetteer" : "glossary") < 0 ? -1 : 1;
}

static int join3(char **out, const char *a, const char *sep, const char *b)
{
    dp_strbuf s = { 0 };
    dp_strbuf_printf(&s, "%s%s%s", a, sep, b);
    *out = dp_strbuf_take(&s);
    return *out ? 0 : -1;
}

/* ---- splits: an ordinal in the middle, a body inside a body -------------------------------- */

/* A Vietnamese place: a level with its name (tỉnh Hà Tĩnh), or a province. */
static int vietnamese_place(const chunk *k)
{
    return (k->kind == CK_PLACE && k->e && k->e->as == GL_AS_ADMIN) || (k->kind == GL_PLACE && k->e && k->e->province);
}

/*
 * Where a name holds two: "Kỳ họp thứ 9 | Quốc hội khóa XV" (9th Session of the 15th National
 * Assembly), "Hội nghị lần thứ 30 | Các bên …" (30th Conference of the Parties …); "Phòng Cảnh
 * sát hình sự | Công an tỉnh Hà Tĩnh" (Criminal Police Division of Ha Tinh Provincial Police):
 * a body's head, capitalised, after another body's head, the second ending in a Vietnamese
 * province or administrative unit.  The
 * chunk index where the second part starts (0: no split) and the words that join the parts.
 */
static size_t split_point(const ctx *c, const chunk *k, size_t n, const char **joiner)
{
    for (size_t i = 1; i + 2 < n; i++) {
        if (!row_of(&k[i], GL_ORDINAL) || chunk_number(c, &k[i + 1]) <= 0) continue;
        size_t rest = i + 2;
        if (rest + 2 == n && row_of(&k[rest], GL_YEAR)) continue; /* "… lần thứ 3 năm 2024" */
        if (k[rest].kind == CK_OPEN || k[rest].kind == CK_PUNCT || k[rest].kind == CK_COMMA) continue;
        *joiner = k[rest].kind == GL_PREP ? " " : " of the ";
        return rest;
    }
    if (n < 3 || !(k[0].kind == GL_HEAD || k[0].kind == GL_HEAD_OF) || !vietnamese_place(&k[n - 1])) return 0;
    for (size_t j = 1; j + 1 < n; j++) {
        if (k[j].kind == GL_PREP) return 0;
        if ((k[j].kind == GL_HEAD || k[j].kind == GL_HEAD_OF) && k[j].cap && k[j].e && k[j].e->as == GL_AS_NONE &&
            !k[j].e->lower) {
            *joiner = " of ";
            return j;
        }
    }
    return 0;
}

/* ---- composition ------------------------------------------------------------------------- */

int compose_tokens(ctx *c, const gl_tok *t, size_t n, char **out)
{
    chunk *k = NULL;
    size_t nk = 0;
    gl_parts p = { 0 };
    dp_strbuf o = { 0 };
    int rc = -1;
    *out = NULL;
    if (chunkify(c, t, n, &k, &nk) < 0) goto done;
    const char *joiner = NULL;
    size_t at = c->depth < 4 ? split_point(c, k, nk, &joiner) : 0;
    if (at) {
        char *left = NULL, *right = NULL;
        size_t t0 = k[at].t0;
        c->depth++;
        int r1 = compose_tokens(c, t, t0, &left);
        int r2 = r1 < 0 ? -1 : compose_tokens(c, t + t0, n - t0, &right);
        c->depth--;
        ctx_tag(c, joiner[1] == 'o' ? "of" : "split");
        rc = r2 < 0 ? -1 : join3(out, left, joiner, right);
        free(left);
        free(right);
        goto done;
    }
    if (rewrite(c, t, k, &nk, &p) < 0) goto done;
    dp_strbuf body = { 0 };
    render(c, k, nk, &body);
    const char *parts[] = { p.pre, p.ordinal, p.year, body.data, p.tail, p.post, p.legal };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!parts[i] || !*parts[i]) continue;
        if (o.len) dp_strbuf_puts(&o, " ");
        dp_strbuf_puts(&o, parts[i]);
    }
    if (body.oom) o.oom = 1;
    dp_strbuf_free(&body);
    *out = dp_strbuf_take(&o);
    rc = *out ? 0 : -1;
done:
    dp_strbuf_free(&o);
    parts_free(&p);
    chunks_free(k, nk);
    return rc;
}

/* ---- brackets ------------------------------------------------------------------------------ */

/*
 * Tokens without the bracketed parts that add nothing (a parenthesised acronym: "(ADMM)"), and
 * with a long form replaced by the known name in brackets after it that has the same id:
 * "Đại hội Thể thao Đông Nam Á (SEA Games) lần thứ 31" → "SEA Games lần thứ 31".
 * The kept tokens in act (as many as t), their count in *m.  -1 on OOM.
 */
static int brackets(ctx *c, const gl_tok *t, size_t n, gl_tok *act, size_t *m)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].type == GL_T_OPEN) {
            size_t j = i + 1;
            int acr = 1;
            while (j < n && t[j].type != GL_T_CLOSE) {
                if (t[j].type == GL_T_WORD && !gl_acronym(c->s + t[j].start, t[j].end - t[j].start)) acr = 0;
                j++;
            }
            if (j < n && j > i + 1 && acr) { /* "(ADMM)": an acronym of what precedes it */
                ctx_tag(c, "drop-acronym");
                i = j;
                continue;
            }
            if (j < n && j > i + 1) {
                const gl_entry *inner;
                if (whole_row(c, t, i + 1, j, &inner) < 0) return -1;
                int replaced = 0;
                for (size_t p0 = 0; inner && inner->id && p0 < o && !replaced; p0++) {
                    const gl_entry *before;
                    if (whole_row(c, act, p0, o, &before) < 0) return -1;
                    if (before && before->id && strcmp(before->id, inner->id) == 0) {
                        memcpy(act + p0, t + i + 1, (j - i - 1) * sizeof *t);
                        o = p0 + (j - i - 1);
                        ctx_use(c, before);
                        ctx_use(c, inner);
                        ctx_tag(c, "bracket-name");
                        replaced = 1;
                    }
                }
                if (replaced) {
                    i = j;
                    continue;
                }
            }
        }
        act[o++] = t[i];
    }
    *m = o;
    return 0;
}

/* ---- proper names ---------------------------------------------------------------------------- */

/*
 * Every word capitalised (or a number), two words at least, no head of a body in front, and a
 * word no row covers (Thế Giới Di Động is composed: Mobile World) or a place word in front
 * (Cầu Đất, Sông Hậu Xanh: the name of a place or a firm, not a bridge or a river).
 */
static int proper_name(const ctx *c, const gl_tok *t, size_t n, int *oom)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].type == GL_T_DASH) continue;
        if (t[i].type != GL_T_WORD || !(t[i].cap || t[i].upper || t[i].digit)) return 0;
        words++;
    }
    if (words < 2) return 0;
    ctx scratch = { .T = c->T, .cx = c->cx, .s = c->s, .depth = 4 };
    chunk *k = NULL;
    size_t nk = 0;
    if (chunkify(&scratch, t, n, &k, &nk) < 0) {
        ctx_free(&scratch);
        *oom = 1;
        return 0;
    }
    ctx_free(&scratch);
    const gl_entry *e = nk ? k[0].e : NULL;
    int proper = 0;
    if (e && e->lower) {
        proper = 1;
    } else if (!(e && (e->kind == GL_HEAD || e->kind == GL_HEAD_OF || e->kind == GL_HEAD_KEEP ||
                       e->kind == GL_MEETING || e->kind == GL_ROLE || e->as != GL_AS_NONE)) &&
               !(e && e->kind == GL_NAME && k[0].t1 - k[0].t0 == 1 && gl_acronym(c->s + t[0].start, t[0].end - t[0].start))) {
        /* not a head, a legal form, an office, or an acronym that keeps its modifiers (ADMM Hẹp) */
        for (size_t i = 0; i < nk && !proper; i++) proper = k[i].kind == CK_UNKNOWN;
    }
    chunks_free(k, nk);
    return proper;
}

/* A country or a province that ends a proper name keeps its English: "Savills Vietnam". */
static int trailing_place(const gl_entry *e, size_t ntok)
{
    if (!e || (ntok == 1 && e->ambiguous)) return 0;
    return e->kind == GL_COUNTRY || e->province ||
           (e->id && strncmp(e->id, "loc:vn:prov:", 12) == 0);
}

static int render_proper(ctx *c, const gl_tok *t, size_t n, char **out)
{
    size_t p = n;
    const gl_entry *place = NULL;
    for (size_t q = 1; q < n && !place; q++) {
        const gl_entry *e;
        if (whole_row(c, t, q, n, &e) < 0) return -1;
        if (trailing_place(e, n - q)) place = e, p = q;
    }
    size_t b1 = t[p - 1].end;
    char *f = dp_text_fold_diacritics(c->s + t[0].start, b1 - t[0].start, NULL);
    if (!f) return -1;
    dp_strbuf o = { 0 };
    dp_strbuf_puts(&o, f);
    free(f);
    if (place) {
        const char *en = place->en, *br = strstr(en, " (");
        dp_strbuf_puts(&o, " ");
        dp_strbuf_add(&o, en, br ? (size_t)(br - en) : strlen(en)); /* "Hong Kong (China)" → Hong Kong */
        ctx_use(c, place);
    }
    ctx_tag(c, "proper-name");
    *out = dp_strbuf_take(&o);
    return *out ? 0 : -1;
}

/* "Giải Ngoại hạng Anh": a generic head before a known name adds nothing in English.  1 with
 * *out, 0 when the name is no such pair, -1 on OOM. */
static int generic_head(ctx *c, const gl_tok *t, size_t n, char **out)
{
    size_t maxl = gl_table_max_tokens(c->T->terms), lim = n - 1 < maxl ? n - 1 : maxl;
    for (size_t l = lim; l >= 1; l--) {
        const gl_entry *rows;
        int rc = gl_lookup(c->T->terms, t, 0, l, &rows);
        if (rc < 0) return -1;
        const gl_entry *h = rc ? chunk_row(c, rows, t, 0, l, 0) : NULL;
        if (!h) continue;
        if (h->kind != GL_HEAD) return 0;
        const gl_entry *name;
        if (whole_row(c, t, l, n, &name) < 0) return -1;
        /* an event known whole (a competition, a festival), and the entity is that event */
        if (!name || name->kind != GL_NAME || name->ambiguous || !name->type || strcmp(name->type, "EVENT") != 0 ||
            !c->cx || !c->cx->type || strcmp(c->cx->type, name->type) != 0)
            return 0;
        ctx_use(c, h);
        ctx_use(c, name);
        ctx_tag(c, "generic-head");
        *out = strdup(name->en);
        return *out ? 1 : -1;
    }
    return 0;
}

/* Steps 3 to 6 on tokens t[0..n) of c->s. */
static int compose_name(ctx *c, const gl_tok *t, size_t n, char **out)
{
    gl_tok *act = malloc((n ? n : 1) * sizeof *act);
    if (!act) return -1;
    size_t m = 0;
    int rc = brackets(c, t, n, act, &m), oom = 0;
    if (rc == 0 && proper_name(c, act, m, &oom))
        rc = render_proper(c, act, m, out);
    else if (rc == 0 && !oom && (rc = m > 1 ? generic_head(c, act, m, out) : 0) == 0)
        rc = compose_tokens(c, act, m, out);
    if (oom) rc = -1;
    free(act);
    return rc < 0 ? -1 : 0;
}

int gl_compose(const gl_tables *T, const gl_context *cx, const char *s, size_t len, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .cx = cx, .s = s };
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    size_t n = (size_t)nl;
    char *expanded = NULL, *used = NULL, *en = NULL;
    int rc = whole(&c, t, n, r);
    if (rc != 0) goto done;
    /* every abbreviation expanded, for the whole name only: "Công ty CP Sữa Việt Nam" */
    rc = gl_expand(T, s, len, 1, &expanded, &used);
    if (rc > 0) {
        gl_tok *tx;
        long nx = gl_tokenize(T->rules, expanded, strlen(expanded), &tx);
        if (nx < 0) {
            rc = -1;
            goto done;
        }
        const gl_entry *e;
        c.s = expanded;
        rc = whole_row(&c, tx, 0, (size_t)nx, &e) < 0 ? -1 : 0;
        gl_tokens_free(tx, (size_t)nx);
        c.s = s;
        if (rc == 0 && e) {
            char *w = strdup(e->en);
            ctx_tag(&c, "expand");
            ctx_use_trace(&c, used);
            ctx_use(&c, e);
            rc = !w ? -1 : ctx_finish(&c, r, w, "glossary") < 0 ? -1 : 1;
            goto done;
        }
    }
    if (rc < 0) goto done;
    free(expanded);
    free(used);
    expanded = used = NULL;
    rc = gl_expand(T, s, len, 0, &expanded, &used);
    if (rc > 0) {
        gl_tokens_free(t, n);
        nl = gl_tokenize(T->rules, expanded, strlen(expanded), &t);
        if (nl < 0) {
            t = NULL, n = 0, rc = -1;
            goto done;
        }
        n = (size_t)nl;
        c.s = expanded;
        ctx_tag(&c, "expand");
        ctx_use_trace(&c, used);
        rc = whole(&c, t, n, r);
        if (rc != 0) goto done;
    }
    if (rc < 0) goto done;
    rc = compose_name(&c, t, n, &en);
    if (rc == 0) {
        rc = ctx_finish(&c, r, en, "compose");
        en = NULL;
    }
done:
    if (rc < 0 || rc == 0) ctx_free(&c);
    gl_tokens_free(t, n);
    free(expanded);
    free(used);
    free(en);
    return rc < 0 ? -1 : 0;
}

int gl_known_person(const gl_tables *T, const char *s, size_t len, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .s = s };
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    const gl_entry *rows = NULL, *e = NULL;
    int rc = gl_lookup(T->terms, t, 0, (size_t)nl, &rows);
    gl_tokens_free(t, (size_t)nl);
    if (rc < 0) return -1;
    const gl_entry *maybe = NULL; /* a foreign person whose name a Vietnamese may also bear */
    for (const gl_entry *x = rows; x && !e; x = x->next_same) {
        if (x->kind != GL_NAME || x->context || !x->type || strcmp(x->type, "PER") != 0) continue;
        if (!x->ambiguous) e = x;
        else if (!maybe) maybe = x;
    }
    if (!e && !maybe) return 0;
    if (!e) e = maybe;
    char *en = strdup(e->en);
    if (!en) return -1;
    ctx_use(&c, e);
    if (ctx_finish(&c, r, en, e == maybe ? "per.known-as" : "per.known") < 0) return -1;
    return e == maybe ? 2 : 1;
}

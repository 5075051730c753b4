/* Chunks → English word order.  Vietnamese puts the head first and its modifiers after it
 * ("Đối thoại Chính sách Quốc phòng" = dialogue policy defence), English the other way round
 * ("Defence Policy Dialogue"); of-heads keep the rest after them ("Ministry of …"), and a place
 * at the end of a body's name goes in front ("Nghe An Provincial Department of Justice").
 * Prepositions cut a name into phrases, each ordered on its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

/* The English of a chunk that modifies another: a term row's, inside a company's name its en_company. */
static const char *modifier_en(ctx *c, const chunk *k)
{
    if (c->company)
        for (const gl_entry *x = k->chain; x; x = x->next_same)
            if (x->en_company && !x->countries) {
                ctx_use(c, x);
                ctx_tag(c, "company");
                return x->en_company;
            }
    if (k->kind < CK_UNKNOWN && k->kind != GL_TERM) {
        const gl_entry *term = row_of(k, GL_TERM); /* "Chiến lược": Strategy as a head, Strategic after one */
        if (term) {
            ctx_use(c, term);
            return term->en;
        }
    }
    ctx_use(c, k->e);
    return k->en;
}

/* The English of a chunk as a head: a meeting after a topic is its en_topic (Conference), a
 * word of a company's name its en_company. */
static const char *head_en(ctx *c, const chunk *h, int topic)
{
    ctx_use(c, h->e);
    if (topic && h->e && h->e->en_topic) {
        ctx_tag(c, "topic");
        return h->e->en_topic;
    }
    if (c->company)
        for (const gl_entry *x = h->chain; x; x = x->next_same)
            if (x->en_company && !x->countries) {
                ctx_use(c, x);
                ctx_tag(c, "company");
                return x->en_company;
            }
    return h->en;
}

static void plural(dp_strbuf *b, const char *en, int possessive)
{
    size_t l = strlen(en);
    dp_strbuf_puts(b, en);
    if (l && en[l - 1] != 's') dp_strbuf_puts(b, "s");
    if (possessive) dp_strbuf_puts(b, "'");
}

/* Modifiers k[a..b) in English order: coordinated parts in order, each part reversed. */
static void render_mods(ctx *c, chunk *k, size_t a, size_t b, int reverse, int meeting, dp_strbuf *o)
{
    size_t p = a;
    int first = 1;
    while (p < b) {
        size_t q = p;
        while (q < b && k[q].kind != GL_CONJ && k[q].kind != CK_COMMA) q++;
        for (size_t x = 0; x < q - p; x++) {
            chunk *ck = &k[reverse ? q - 1 - x : p + x];
            if (ck->kind == CK_DASH) continue;
            if (!first) dp_strbuf_puts(o, " ");
            first = 0;
            if (ck->kind == GL_ROLE && !row_of(ck, GL_TERM)) {
                plural(o, ck->en, meeting);
                ctx_use(c, ck->e);
                ctx_tag(c, meeting ? "role'" : "roles");
            } else {
                dp_strbuf_puts(o, modifier_en(c, ck));
            }
        }
        if (q < b) {
            ctx_use(c, k[q].e);
            dp_strbuf_puts(o, k[q].kind == CK_COMMA ? "," : (first ? "" : " "));
            dp_strbuf_puts(o, k[q].kind == CK_COMMA ? "" : k[q].en);
            first = 0;
            q++;
        }
        p = q;
    }
}

/* English names of seas, oceans, straits and gulfs take "the" after a preposition. */
static int the_place(const char *en)
{
    static const char *const ends[] = { " Sea", " Ocean", " Strait", " Gulf", " Bay", " Islands", " Archipelago" };
    if (strncmp(en, "the ", 4) == 0 || strncmp(en, "The ", 4) == 0) return 0;
    size_t l = strlen(en);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t m = strlen(ends[i]);
        if (l > m && strcmp(en + l - m, ends[i]) == 0) return 1;
    }
    return strncmp(en, "Gulf of ", 8) == 0;
}

static int ascii_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* A name in Latin script first (Starlink Services Việt Nam): the rest follows in text order. */
static int latin_first(const ctx *c, const chunk *h)
{
    if (!ascii_text(c->s + h->b0, h->b1 - h->b0) || !h->cap) return 0;
    return h->kind == CK_PROPER || (h->kind == GL_NAME && h->e && h->e->type && strcmp(h->e->type, "ORG") == 0);
}

static int place_like(const chunk *k)
{
    return k->kind == CK_PLACE || k->kind == GL_PLACE || (k->kind == GL_COUNTRY && k->e && k->e->adj);
}

static int has_role(const chunk *k, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (k[i].kind == GL_ROLE) return 1;
    return 0;
}

/* One phrase (no prepositions inside). */
static void render_seg(ctx *c, chunk *k, size_t a, size_t b, int after_prep, dp_strbuf *o)
{
    size_t e = b;
    while (e > a && k[e - 1].kind == CK_NUM) e--;
    if (e > a) {
        chunk *h = &k[a];
        size_t na = e - a;
        if (na == 2 && k[a + 1].kind == GL_COUNTRY && k[a + 1].e && k[a + 1].e->adj &&
            (h->kind == GL_NAME || h->kind == GL_HEAD_OF)) {
            const gl_entry *cr = NULL;
            for (const gl_entry *x = h->chain; x && k[a + 1].e->iso && !cr; x = x->next_same) {
                if (!x->countries) continue;
                size_t l = strlen(k[a + 1].e->iso);
                for (const char *p = x->countries; *p && !cr;) {
                    const char *comma = strchr(p, ',');
                    size_t m = comma ? (size_t)(comma - p) : strlen(p);
                    if (m == l && strncmp(p, k[a + 1].e->iso, l) == 0) cr = x;
                    p = comma ? comma + 1 : p + m;
                }
            }
            for (const gl_entry *x = h->chain; x && !cr; x = x->next_same)
                if (x->countries && strcmp(x->countries, "other") == 0) cr = x;
            dp_strbuf_printf(o, "%s %s", k[a + 1].e->adj, cr ? cr->en : h->en);
            ctx_use(c, h->e);
            ctx_use(c, cr);
            ctx_use(c, k[a + 1].e);
            ctx_tag(c, "name+country");
        } else if (h->kind == GL_MEETING && na == 2 && k[a + 1].kind == GL_NAME && k[a + 1].e && k[a + 1].e->type &&
                   strcmp(k[a + 1].e->type, "PER") != 0) {
            dp_strbuf_puts(o, k[a + 1].en); /* "Hội nghị <a body that meets>": the body's name */
            ctx_use(c, k[a + 1].e);
            ctx_use(c, h->e);
            ctx_tag(c, "meeting+body");
        } else if (h->kind == GL_NAME && na > 1 && gl_acronym(c->s + h->b0, h->b1 - h->b0)) {
            dp_strbuf_puts(o, h->en); /* "ADMM Hẹp": an acronym is a name, its modifiers follow it */
            ctx_use(c, h->e);
            dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, e, 0, 0, o);
            ctx_tag(c, "acronym+mods");
        } else if (after_prep && na == 1 && (h->kind == GL_PLACE || h->kind == GL_COUNTRY) && the_place(h->en)) {
            dp_strbuf_printf(o, "the %s", h->en);
            ctx_use(c, h->e);
            ctx_tag(c, "the");
        } else if (na > 1 && latin_first(c, h)) {
            dp_strbuf_puts(o, h->en);
            ctx_use(c, h->e);
            dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, e, 0, 0, o);
            ctx_tag(c, "text-order");
        } else if (h->kind == GL_HEAD_KEEP) {
            dp_strbuf_puts(o, h->en);
            ctx_use(c, h->e);
            if (na > 1) dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, e, 0, 0, o);
            ctx_tag(c, "head_keep");
        } else if (h->kind == GL_HEAD_OF) {
            /* places at the end go in front: "Nghe An Provincial Department of Justice" */
            size_t me = e;
            while (me > a + 1 && place_like(&k[me - 1])) me--;
            for (size_t i = me; i < e; i++) {
                int adj = k[i].kind == GL_COUNTRY;
                dp_strbuf_printf(o, "%s ", adj ? k[i].e->adj : k[i].en);
                ctx_use(c, k[i].e);
                ctx_tag(c, adj ? "country-adj" : "place-first");
            }
            dp_strbuf_puts(o, h->en);
            ctx_use(c, h->e);
            if (me > a + 1) dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, me, 1, 0, o);
            ctx_tag(c, "head_of");
        } else {
            /* a head coordinated with more heads keeps them in order: "Trading and Services" */
            size_t g = a + 1;
            while (g + 1 < e && (k[g].kind == GL_CONJ || k[g].kind == CK_COMMA) && !place_like(&k[g + 1])) g += 2;
            dp_strbuf m = { 0 };
            int meeting = h->kind == GL_MEETING;
            render_mods(c, k, g, e, 1, meeting, &m);
            if (m.len) {
                dp_strbuf_add(o, m.data, m.len);
                dp_strbuf_puts(o, " ");
                ctx_tag(c, "head");
            }
            if (m.oom) o->oom = 1;
            dp_strbuf_free(&m);
            for (size_t i = a; i < g; i++) {
                const chunk *x = &k[i];
                if (x->kind == GL_CONJ || x->kind == CK_COMMA) {
                    dp_strbuf_puts(o, x->kind == CK_COMMA ? ", " : " ");
                    if (x->kind == GL_CONJ) dp_strbuf_printf(o, "%s ", x->en);
                    continue;
                }
                dp_strbuf_puts(o, head_en(c, x, meeting && !has_role(k, g, e)));
            }
        }
    }
    for (size_t i = e; i < b; i++) {
        if (o->len) dp_strbuf_puts(o, " ");
        dp_strbuf_puts(o, k[i].en);
    }
}

void render(ctx *c, chunk *k, size_t n, dp_strbuf *o)
{
    if (n == 1 && k[0].kind == CK_PLACE && k[0].alone && c->cx && c->cx->type && strcmp(c->cx->type, "LOC") == 0) {
        dp_strbuf_puts(o, k[0].alone); /* "tỉnh Nghệ An" by itself: Nghe An Province */
        return;
    }
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && k[i].kind != GL_PREP) continue;
        render_seg(c, k, a, i, a > 0, o);
        if (i < n) {
            dp_strbuf_printf(o, " %s ", k[i].en);
            ctx_use(c, k[i].e);
            ctx_tag(c, "prep");
        }
        a = i + 1;
    }
}

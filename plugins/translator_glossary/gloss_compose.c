/* Composing English renderings of Vietnamese names from glossary rows.
 *
 * A name is cut into chunks by longest match against the tables; rules then
 * rebuild English order: Vietnamese puts the head first and its modifiers
 * after it ("Đối thoại Chính sách Quốc phòng" = dialogue policy defence), so
 * modifiers are reversed in front of the head ("Defence Policy Dialogue"),
 * except after "of"-heads ("Ministry of …") and name-keeping heads ("Sailing
 * Ship 286-Le Quy Don").  Ordinals, years, cycles, country adjectives and
 * "X – Y" pairs have rules of their own.  Every rule and row used is recorded
 * in the result's `rule` for traceability. */
#include "gloss.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

void gl_result_clear(gl_result *r)
{
    free(r->en);
    free(r->rule);
    free(r->untranslated);
    memset(r, 0, sizeof *r);
}

/* ---- spelling ---------------------------------------------------------------- */

static const char *const american[][2] = {
    { "Defence", "Defense" },       { "defence", "defense" },
    { "Centre", "Center" },         { "centre", "center" },
    { "Programme", "Program" },     { "programme", "program" },
    { "Organisation", "Organization" }, { "organisation", "organization" },
    { "Organisations", "Organizations" },
    { "Labour", "Labor" },          { "labour", "labor" },
    { "Armoured", "Armored" },      { "Honour", "Honor" },
    { "Mobilisation", "Mobilization" }, { "Counsellor", "Counselor" },
    { "Programmes", "Programs" },   { "Centres", "Centers" },
};

char *gl_spell(const char *s, int am)
{
    if (!am) return strdup(s);
    dp_strbuf b = { 0 };
    const char *p = s;
    while (*p) {
        int word_start = p == s || !((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'));
        int done = 0;
        if (word_start) {
            for (size_t i = 0; i < sizeof american / sizeof american[0]; i++) {
                size_t l = strlen(american[i][0]);
                if (strncmp(p, american[i][0], l) == 0 &&
                    !((p[l] >= 'a' && p[l] <= 'z') || (p[l] >= 'A' && p[l] <= 'Z'))) {
                    dp_strbuf_puts(&b, american[i][1]);
                    p += l;
                    done = 1;
                    break;
                }
            }
        }
        if (!done) dp_strbuf_add(&b, p++, 1);
    }
    return dp_strbuf_take(&b);
}

/* ---- chunks ----------------------------------------------------------------- */

enum { CK_UNKNOWN = 100, CK_NUM, CK_DASH, CK_COMMA, CK_PAIR, CK_QUOTED, CK_PUNCT };

typedef struct chunk {
    int kind;
    const gl_entry *e;
    const gl_entry *chain; /* every row of the matched key */
    char *en; /* owned */
    size_t b0, b1; /* bytes of the source covered */
    int space_before;
} chunk;

typedef struct ctx {
    const gl_tables *T;
    const char *s;
    dp_strbuf rules; /* rule tags */
    dp_strbuf srcs;  /* rows used */
    dp_strbuf untr;  /* untranslated words */
    int unknown;
    int depth;
} ctx;

static void tag(ctx *c, const char *t)
{
    /* each tag once */
    if (c->rules.data) {
        size_t l = strlen(t);
        const char *p = c->rules.data;
        while ((p = strstr(p, t)) != NULL) {
            if ((p == c->rules.data || p[-1] == '+') && (p[l] == '\0' || p[l] == '+')) return;
            p++;
        }
    }
    if (c->rules.len) dp_strbuf_puts(&c->rules, "+");
    dp_strbuf_puts(&c->rules, t);
}

static void use(ctx *c, const gl_entry *e)
{
    if (!e || !e->src) return;
    if (c->srcs.data && strstr(c->srcs.data, e->src)) {
        /* avoid listing the same row twice ("x.tsv:1" vs "x.tsv:12": check exact) */
        const char *p = c->srcs.data;
        size_t l = strlen(e->src);
        while ((p = strstr(p, e->src)) != NULL) {
            if ((p == c->srcs.data || p[-1] == ' ') && (p[l] == '\0' || p[l] == ' ')) return;
            p++;
        }
    }
    if (c->srcs.len) dp_strbuf_puts(&c->srcs, " ");
    dp_strbuf_puts(&c->srcs, e->src);
}

/* The preferred row of a key: the first one not restricted to countries. */
static const gl_entry *pick(const gl_entry *e)
{
    for (const gl_entry *x = e; x; x = x->next_same)
        if (!x->countries) return x;
    return NULL;
}

/* A row of the same key restricted to country iso (or "other"). */
static const gl_entry *pick_country(const gl_entry *e, const char *iso)
{
    const gl_entry *other = NULL;
    for (const gl_entry *x = e; x; x = x->next_same) {
        if (!x->countries) continue;
        if (strcmp(x->countries, "other") == 0) {
            other = x;
            continue;
        }
        size_t l = strlen(iso);
        for (const char *p = x->countries; *p;) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            if (n == l && strncmp(p, iso, l) == 0) return x;
            if (!comma) break;
            p = comma + 1;
        }
    }
    return other;
}

/* The row of this chunk's key with the given kind, or NULL. */
static const gl_entry *row_of(const chunk *k, gl_kind kind)
{
    for (const gl_entry *x = k->chain; x; x = x->next_same)
        if (!x->countries && x->kind == kind) return x;
    return NULL;
}

static int is_digits(const char *s, size_t n)
{
    int digit = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') digit = 1;
        else if (s[i] != '.') return 0;
    }
    return digit;
}

static long roman(const char *s, size_t n)
{
    long v = 0, prev = 0;
    if (n == 0 || n > 10) return -1;
    for (size_t i = n; i-- > 0;) {
        long d;
        switch (s[i]) {
        case 'I': d = 1; break;
        case 'V': d = 5; break;
        case 'X': d = 10; break;
        case 'L': d = 50; break;
        case 'C': d = 100; break;
        default: return -1;
        }
        v += d < prev ? -d : d;
        if (d > prev) prev = d;
    }
    return v > 0 ? v : -1;
}

static const char *ord_suffix(long n)
{
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

/* The value of a number chunk (digits, roman numeral, number word), or -1. */
static long chunk_number(const ctx *c, const chunk *k)
{
    if (k->kind == CK_NUM) return strtol(c->s + k->b0, NULL, 10);
    const gl_entry *nr = row_of(k, GL_NUMBER);
    if (nr) return strtol(nr->en, NULL, 10);
    if (k->kind == CK_UNKNOWN) return roman(c->s + k->b0, k->b1 - k->b0);
    return -1;
}

/* An acronym-like word: has an upper-case letter and no lower-case ASCII letter. */
static int acronym(const char *s, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z') return 0;
        if (s[i] >= 'A' && s[i] <= 'Z') upper = 1;
        if ((unsigned char)s[i] >= 0x80) return 0;
    }
    return upper;
}

static void chunks_free(chunk *k, size_t n)
{
    for (size_t i = 0; i < n; i++) free(k[i].en);
    free(k);
}

static void remove_chunk(chunk *k, size_t *n, size_t i)
{
    free(k[i].en);
    memmove(&k[i], &k[i + 1], (*n - i - 1) * sizeof *k);
    (*n)--;
}

static int compose_tokens(ctx *c, gl_tok *t, size_t n, char **out);

/* Cut tokens into chunks by longest match. */
static int chunkify(ctx *c, gl_tok *t, size_t n, chunk **out, size_t *nout)
{
    chunk *k = calloc(n ? n : 1, sizeof *k);
    if (!k) return -1;
    size_t nk = 0, maxl = gl_table_max_tokens(c->T->terms);
    size_t i = 0;
    while (i < n) {
        chunk *ck = &k[nk];
        memset(ck, 0, sizeof *ck);
        ck->b0 = t[i].start;
        ck->space_before = t[i].space_before;
        if (t[i].type == GL_T_QUOTE) {
            size_t j = i + 1;
            while (j < n && t[j].type != GL_T_QUOTE) j++;
            if (j < n && j > i + 1 && c->depth < 4) {
                char *inner = NULL;
                c->depth++;
                int rc = compose_tokens(c, t + i + 1, j - i - 1, &inner);
                c->depth--;
                if (rc < 0) goto oom;
                dp_strbuf q = { 0 };
                dp_strbuf_puts(&q, "'");
                dp_strbuf_puts(&q, inner);
                dp_strbuf_puts(&q, "'");
                free(inner);
                ck->en = dp_strbuf_take(&q);
                if (!ck->en) goto oom;
                ck->kind = CK_QUOTED;
                ck->b1 = t[j].end;
                nk++;
                i = j + 1;
                continue;
            }
        }
        size_t best = 0;
        const gl_entry *be = NULL;
        if (t[i].type == GL_T_WORD) {
            size_t lim = n - i < maxl ? n - i : maxl;
            for (size_t l = lim; l >= 1; l--) {
                if (t[i + l - 1].type != GL_T_WORD && t[i + l - 1].type != GL_T_QUOTE &&
                    t[i + l - 1].type != GL_T_CLOSE)
                    continue;
                char *key = gl_tokens_key(t, i, i + l);
                if (!key) goto oom;
                const gl_entry *e = gl_table_get(c->T->terms, key);
                free(key);
                if (e && pick(e)) {
                    best = l;
                    be = pick(e);
                    ck->chain = e;
                    break;
                }
            }
        }
        if (best) {
            ck->kind = (int)be->kind;
            ck->e = be;
            ck->en = strdup(be->en);
            if (!ck->en) goto oom;
            ck->b1 = t[i + best - 1].end;
            i += best;
            nk++;
            continue;
        }
        ck->b1 = t[i].end;
        switch (t[i].type) {
        case GL_T_WORD:
            if (gl_tok_dropped(t, i, n)) {
                i++;
                continue;
            }
            ck->kind = is_digits(c->s + t[i].start, t[i].end - t[i].start) ? CK_NUM : CK_UNKNOWN;
            break;
        case GL_T_DASH: ck->kind = CK_DASH; break;
        case GL_T_COMMA: ck->kind = CK_COMMA; break;
        default: ck->kind = CK_PUNCT; break;
        }
        ck->en = strndup(c->s + t[i].start, t[i].end - t[i].start);
        if (!ck->en) goto oom;
        nk++;
        i++;
    }
    *out = k;
    *nout = nk;
    return 0;
oom:
    chunks_free(k, nk);
    return -1;
}

static int nounish(int kind)
{
    return kind == GL_COUNTRY || kind == GL_PLACE || kind == GL_NAME || kind == CK_PAIR;
}

/* Rules that rewrite the chunk list before ordering. */
static int rewrite(ctx *c, chunk *k, size_t *pn, char **ordinal, char **year, char **tail)
{
    size_t n = *pn;
    /* drop rows and stray punctuation */
    for (size_t i = 0; i < n;) {
        if (k[i].kind == GL_DROP) {
            use(c, k[i].e);
            remove_chunk(k, &n, i);
        } else if (k[i].kind == CK_PUNCT) {
            remove_chunk(k, &n, i);
        } else {
            i++;
        }
    }
    /* suffixes: "ASEAN mở rộng" → "ASEAN-Plus" */
    for (size_t i = 1; i < n;) {
        if (row_of(&k[i], GL_SUFFIX)) {
            size_t l = strlen(k[i - 1].en) + strlen(k[i].en) + 1;
            char *m = malloc(l);
            if (!m) return -1;
            snprintf(m, l, "%s%s", k[i - 1].en, k[i].en);
            free(k[i - 1].en);
            k[i - 1].en = m;
            k[i - 1].b1 = k[i].b1;
            use(c, k[i].e);
            tag(c, "suffix");
            remove_chunk(k, &n, i);
        } else {
            i++;
        }
    }
    /* pairs: "Việt Nam – Hàn Quốc" → "Vietnam-South Korea" */
    for (size_t i = 0; i + 2 < n;) {
        if (nounish(k[i].kind) && k[i + 1].kind == CK_DASH && nounish(k[i + 2].kind)) {
            size_t l = strlen(k[i].en) + strlen(k[i + 2].en) + 2;
            char *m = malloc(l);
            if (!m) return -1;
            snprintf(m, l, "%s-%s", k[i].en, k[i + 2].en);
            use(c, k[i].e);
            use(c, k[i + 2].e);
            free(k[i].en);
            k[i].en = m;
            k[i].kind = CK_PAIR;
            k[i].e = NULL;
            k[i].b1 = k[i + 2].b1;
            remove_chunk(k, &n, i + 1);
            remove_chunk(k, &n, i + 1);
            tag(c, "pair");
        } else {
            i++;
        }
    }
    /* a designator glued by a dash: "ADMM-16" */
    for (size_t i = 0; i + 2 < n;) {
        if (k[i].kind != CK_DASH && k[i + 1].kind == CK_DASH && !k[i + 1].space_before &&
            k[i + 2].kind == CK_NUM && !k[i + 2].space_before && k[i].kind != CK_NUM) {
            size_t l = strlen(k[i].en) + strlen(k[i + 2].en) + 2;
            char *m = malloc(l);
            if (!m) return -1;
            snprintf(m, l, "%s-%s", k[i].en, k[i + 2].en);
            free(k[i].en);
            k[i].en = m;
            k[i].b1 = k[i + 2].b1;
            remove_chunk(k, &n, i + 1);
            remove_chunk(k, &n, i + 1);
            tag(c, "designator");
        } else {
            i++;
        }
    }
    /* ordinal "lần thứ 12" → "12th", numbered "chu kỳ 4" → "Cycle 4", year "năm 1982" */
    for (size_t i = 0; i + 1 < n;) {
        long v = chunk_number(c, &k[i + 1]);
        const chunk *h = &k[i];
        if (v > 0 && row_of(h, GL_ORDINAL) && !*ordinal) {
            char buf[64];
            snprintf(buf, sizeof buf, "%ld%s", v, ord_suffix(v));
            if (!(*ordinal = strdup(buf))) return -1;
            use(c, k[i].e);
            use(c, k[i + 1].e);
            tag(c, "ordinal");
        } else if (v >= 0 && row_of(h, GL_NUMBERED) && !*tail) {
            char buf[256];
            snprintf(buf, sizeof buf, "%s %s", row_of(h, GL_NUMBERED)->en, k[i + 1].en);
            if (!(*tail = strdup(buf))) return -1;
            use(c, k[i].e);
            tag(c, "numbered");
        } else if (v >= 1000 && v <= 2999 && row_of(h, GL_YEAR) && k[i + 1].kind == CK_NUM && !*year &&
                   i + 2 == n) {
            if (!(*year = strdup(k[i + 1].en))) return -1;
            use(c, k[i].e);
            tag(c, "year");
        } else if (row_of(h, GL_LEVEL) && k[i + 1].kind == GL_ROLE) {
            size_t l = strlen(k[i + 1].en) + 8;
            char *m = malloc(l);
            if (!m) return -1;
            snprintf(m, l, "%s-level", k[i + 1].en);
            use(c, k[i].e);
            use(c, k[i + 1].e);
            free(k[i].en);
            k[i].en = m;
            k[i].kind = GL_TERM;
            k[i].e = NULL;
            k[i].b1 = k[i + 1].b1;
            remove_chunk(k, &n, i + 1);
            tag(c, "level");
            i++;
            continue;
        } else {
            i++;
            continue;
        }
        remove_chunk(k, &n, i);
        remove_chunk(k, &n, i);
    }
    /* runs of unknown words (and dashes glued to them) are kept as one name */
    for (size_t i = 0; i < n; i++) {
        if (k[i].kind != CK_UNKNOWN && !(k[i].kind == CK_NUM && i + 1 < n && k[i + 1].kind == CK_DASH &&
                                         !k[i + 1].space_before))
            continue;
        size_t j = i + 1;
        while (j < n) {
            if (k[j].kind == CK_UNKNOWN) j++;
            else if ((k[j].kind == CK_DASH || k[j].kind == CK_NUM) && !k[j].space_before && j + 1 < n &&
                     (k[j + 1].kind == CK_UNKNOWN || k[j + 1].kind == CK_NUM) && !k[j + 1].space_before)
                j += 2;
            else break;
        }
        if (k[i].kind == CK_NUM && j == i + 1) continue;
        size_t b0 = k[i].b0, b1 = k[j - 1].b1;
        char *f = dp_text_fold_diacritics(c->s + b0, b1 - b0, NULL);
        if (!f) return -1;
        if (!acronym(c->s + b0, b1 - b0) && !is_digits(c->s + b0, b1 - b0)) {
            if (c->untr.len) dp_strbuf_puts(&c->untr, ", ");
            dp_strbuf_add(&c->untr, c->s + b0, b1 - b0);
            c->unknown = 1;
            tag(c, "kept");
        }
        while (j > i + 1) remove_chunk(k, &n, i + 1), j--;
        free(k[i].en);
        k[i].en = f;
        k[i].kind = CK_UNKNOWN;
        k[i].b1 = b1;
    }
    *pn = n;
    return 0;
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
            const gl_entry *term = ck->kind != GL_TERM ? row_of(ck, GL_TERM) : NULL;
            if (ck->kind == GL_ROLE && !term) {
                plural(o, ck->en, meeting);
                tag(c, meeting ? "role'" : "roles");
            } else if (term) {
                dp_strbuf_puts(o, term->en); /* "Chiến lược" is "Strategy" as a head, "Strategic" after one */
                use(c, term);
                continue;
            } else {
                dp_strbuf_puts(o, ck->en);
            }
            use(c, ck->e);
        }
        if (q < b) {
            use(c, k[q].e);
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
            const gl_entry *v = k[a + 1].e->iso ? pick_country(h->chain, k[a + 1].e->iso) : NULL;
            dp_strbuf_puts(o, k[a + 1].e->adj);
            dp_strbuf_puts(o, " ");
            dp_strbuf_puts(o, v ? v->en : h->en);
            use(c, h->e);
            use(c, v);
            use(c, k[a + 1].e);
            tag(c, "name+country");
        } else if (h->kind == GL_MEETING && na == 2 && k[a + 1].kind == GL_NAME && k[a + 1].e &&
                   k[a + 1].e->type && strcmp(k[a + 1].e->type, "PER") != 0) {
            dp_strbuf_puts(o, k[a + 1].en); /* "Hội nghị <a body that meets>": the body's name */
            use(c, k[a + 1].e);
            use(c, h->e);
            tag(c, "meeting+body");
        } else if (h->kind == GL_NAME && na > 1 && acronym(c->s + h->b0, h->b1 - h->b0)) {
            dp_strbuf_puts(o, h->en); /* "ADMM Hẹp": an acronym is a name, its modifiers follow it */
            use(c, h->e);
            dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, e, 0, 0, o);
            tag(c, "acronym+mods");
        } else if (after_prep && na == 1 && (h->kind == GL_PLACE || h->kind == GL_COUNTRY) && the_place(h->en)) {
            dp_strbuf_puts(o, "the ");
            dp_strbuf_puts(o, h->en);
            use(c, h->e);
            tag(c, "the");
        } else if (h->kind == GL_HEAD_KEEP) {
            dp_strbuf_puts(o, h->en);
            use(c, h->e);
            if (na > 1) dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, e, 0, 0, o);
            tag(c, "head_keep");
        } else if (h->kind == GL_HEAD_OF) {
            size_t me = e;
            if (na > 1 && k[e - 1].kind == GL_COUNTRY && k[e - 1].e && k[e - 1].e->adj) {
                dp_strbuf_puts(o, k[e - 1].e->adj);
                dp_strbuf_puts(o, " ");
                use(c, k[e - 1].e);
                tag(c, "country-adj");
                me--;
            }
            dp_strbuf_puts(o, h->en);
            use(c, h->e);
            if (me > a + 1) dp_strbuf_puts(o, " ");
            render_mods(c, k, a + 1, me, 1, 0, o);
            tag(c, "head_of");
        } else {
            dp_strbuf m = { 0 };
            render_mods(c, k, a + 1, e, 1, h->kind == GL_MEETING, &m);
            if (m.len) {
                dp_strbuf_add(o, m.data, m.len);
                dp_strbuf_puts(o, " ");
                tag(c, "head");
            }
            if (m.oom) o->oom = 1;
            dp_strbuf_free(&m);
            dp_strbuf_puts(o, h->en);
            use(c, h->e);
        }
    }
    for (size_t i = e; i < b; i++) {
        if (o->len) dp_strbuf_puts(o, " ");
        dp_strbuf_puts(o, k[i].en);
    }
}

static int compose_tokens(ctx *c, gl_tok *t, size_t n, char **out)
{
    chunk *k = NULL;
    size_t nk = 0;
    char *ordinal = NULL, *year = NULL, *tail = NULL;
    int rc = -1;
    dp_strbuf o = { 0 };
    if (chunkify(c, t, n, &k, &nk) < 0) goto done;
    if (rewrite(c, k, &nk, &ordinal, &year, &tail) < 0) goto done;
    if (ordinal) {
        dp_strbuf_puts(&o, ordinal);
        dp_strbuf_puts(&o, " ");
    }
    if (year) {
        dp_strbuf_puts(&o, year);
        dp_strbuf_puts(&o, " ");
    }
    size_t a = 0;
    for (size_t i = 0; i <= nk; i++) {
        if (i < nk && k[i].kind != GL_PREP) continue;
        render_seg(c, k, a, i, a > 0, &o);
        if (i < nk) {
            dp_strbuf_puts(&o, " ");
            dp_strbuf_puts(&o, k[i].en);
            dp_strbuf_puts(&o, " ");
            use(c, k[i].e);
            tag(c, "prep");
        }
        a = i + 1;
    }
    if (tail) {
        dp_strbuf_puts(&o, " ");
        dp_strbuf_puts(&o, tail);
    }
    *out = dp_strbuf_take(&o);
    rc = *out ? 0 : -1;
done:
    dp_strbuf_free(&o);
    free(ordinal);
    free(year);
    free(tail);
    if (k) chunks_free(k, nk);
    return rc;
}

/* Collapse doubled spaces and trim. */
static void tidy(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == ' ' && (w == s || w[-1] == ' ')) continue;
        *w++ = *r;
    }
    while (w > s && w[-1] == ' ') w--;
    *w = '\0';
}

static int finish(ctx *c, gl_result *r, char *en, const char *rule)
{
    tidy(en);
    r->en = gl_spell(en, c->T->american);
    free(en);
    dp_strbuf rr = { 0 };
    dp_strbuf_puts(&rr, rule);
    if (c->rules.len) {
        dp_strbuf_puts(&rr, ":");
        dp_strbuf_add(&rr, c->rules.data, c->rules.len);
    }
    if (c->srcs.len) {
        dp_strbuf_puts(&rr, " ");
        dp_strbuf_add(&rr, c->srcs.data, c->srcs.len);
    }
    r->rule = dp_strbuf_take(&rr);
    r->untranslated = c->untr.len ? strdup(c->untr.data) : NULL;
    r->complete = !c->unknown;
    dp_strbuf_free(&c->rules);
    dp_strbuf_free(&c->srcs);
    dp_strbuf_free(&c->untr);
    if (!r->en || !r->rule || (c->untr.len && !r->untranslated)) {
        gl_result_clear(r);
        return -1;
    }
    return 0;
}

static void ctx_free(ctx *c)
{
    dp_strbuf_free(&c->rules);
    dp_strbuf_free(&c->srcs);
    dp_strbuf_free(&c->untr);
}

/* Whole lookup on tokens [a,b): 1 found, 0 not, -1 OOM. */
static int whole(ctx *c, gl_tok *t, size_t a, size_t b, gl_result *r)
{
    char *key = gl_tokens_key(t, a, b);
    if (!key) return -1;
    const gl_entry *e = pick(gl_table_get(c->T->terms, key));
    free(key);
    if (!e) return 0;
    char *en = strdup(e->en);
    if (!en) return -1;
    use(c, e);
    return finish(c, r, en, e->type ? "gazetteer" : "glossary") < 0 ? -1 : 1;
}

int gl_lookup_whole(const gl_tables *T, const char *s, size_t len, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .s = s };
    gl_tok *t;
    long n = gl_tokenize(T->rules, s, len, &t);
    if (n < 0) return -1;
    int rc = whole(&c, t, 0, (size_t)n, r);
    gl_tokens_free(t, (size_t)n);
    if (rc <= 0) ctx_free(&c);
    return rc;
}

int gl_compose(const gl_tables *T, const char *s, size_t len, gl_result *r)
{
    memset(r, 0, sizeof *r);
    ctx c = { .T = T, .s = s };
    gl_tok *t;
    long nl = gl_tokenize(T->rules, s, len, &t);
    if (nl < 0) return -1;
    size_t n = (size_t)nl;
    int rc = whole(&c, t, 0, n, r);
    if (rc != 0) {
        gl_tokens_free(t, n);
        if (rc < 0) ctx_free(&c);
        return rc < 0 ? -1 : 0;
    }
    /* leave out parenthesised acronyms: "Hội nghị … ASEAN (ADMM) lần thứ 16" */
    gl_tok *act = malloc((n ? n : 1) * sizeof *act);
    if (!act) goto oom;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].type == GL_T_OPEN) {
            size_t j = i + 1;
            int acr = 1;
            while (j < n && t[j].type != GL_T_CLOSE) {
                if (t[j].type == GL_T_WORD && !acronym(s + t[j].start, t[j].end - t[j].start)) acr = 0;
                j++;
            }
            if (j < n && j > i + 1 && acr) {
                tag(&c, "drop-acronym");
                i = j;
                continue;
            }
        }
        act[m++] = t[i];
    }
    char *en = NULL;
    if (compose_tokens(&c, act, m, &en) < 0) {
        free(act);
        goto oom;
    }
    free(act);
    gl_tokens_free(t, n);
    return finish(&c, r, en, "compose");
oom:
    gl_tokens_free(t, n);
    ctx_free(&c);
    return -1;
}

static int upper_initial(const char *s, size_t n)
{
    size_t pos = 0;
    int32_t c = dp_utf8_next(s, n, &pos);
    if (c < 0) return 0;
    char buf[8];
    size_t l = pos;
    memcpy(buf, s, l);
    buf[l] = '\0';
    char *f = dp_text_casefold(buf, l, NULL);
    int up = f && strcmp(f, buf) != 0;
    free(f);
    return up || (c >= '0' && c <= '9');
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
                char *key = gl_tokens_key(t, i, i + l);
                if (!key) goto oom;
                const gl_entry *e = pick(gl_table_get(T->terms, key));
                free(key);
                /* in running text a one-word gazetteer name must be capitalised; none may be ambiguous */
                if (e && e->type && (e->ambiguous || (l == 1 && !upper_initial(s + t[i].start, t[i].end - t[i].start))))
                    e = NULL;
                /* one lower-case syllable is too often part of another word (cán bộ, nhiệm vụ) */
                if (e && l == 1 && e->kind != GL_PREP && e->kind != GL_CONJ &&
                    !upper_initial(s + t[i].start, t[i].end - t[i].start))
                    e = NULL;
                if (e && (e->kind == GL_SUFFIX || e->kind == GL_LEVEL || e->kind == GL_NUMBER ||
                          e->kind == GL_YEAR || e->kind == GL_NUMBERED))
                    e = NULL;
                if (e) {
                    best = l;
                    be = e;
                }
            }
        }
        if (o.len && t[i].space_before) dp_strbuf_puts(&o, " ");
        if (best && be->kind == GL_ORDINAL && i + best < n &&
            is_digits(s + t[i + best].start, t[i + best].end - t[i + best].start)) {
            long v = strtol(s + t[i + best].start, NULL, 10);
            dp_strbuf_printf(&o, "%ld%s", v, ord_suffix(v));
            use(&c, be);
            i += best + 1;
            continue;
        }
        if (best) {
            if (be->kind != GL_DROP) dp_strbuf_puts(&o, be->en);
            use(&c, be);
            i += best;
            continue;
        }
        if (t[i].type == GL_T_WORD && !gl_tok_dropped(t, i, n) && !acronym(s + t[i].start, t[i].end - t[i].start) &&
            !is_digits(s + t[i].start, t[i].end - t[i].start)) {
            if (c.untr.len) dp_strbuf_puts(&c.untr, ", ");
            dp_strbuf_add(&c.untr, s + t[i].start, t[i].end - t[i].start);
            c.unknown = 1;
        }
        if (!(t[i].type == GL_T_WORD && gl_tok_dropped(t, i, n))) dp_strbuf_add(&o, s + t[i].start, t[i].end - t[i].start);
        i++;
    }
    gl_tokens_free(t, n);
    {
        char *en = dp_strbuf_take(&o);
        if (!en) {
            ctx_free(&c);
            return -1;
        }
        return finish(&c, r, en, "terms");
    }
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
    /* longest rank or title at i; then what follows up to the next one is its organisation */
    while (i < n) {
        size_t best = 0;
        const gl_entry *be = NULL;
        const gl_table *tabs[2] = { rank ? T->ranks : T->titles, rank ? T->titles : T->ranks };
        for (int w = 0; w < 2 && !best; w++) {
            size_t maxl = gl_table_max_tokens(tabs[w]);
            size_t lim = n - i < maxl ? n - i : maxl;
            for (size_t l = lim; l >= 1 && !best; l--) {
                char *key = gl_tokens_key(t, i, i + l);
                if (!key) goto oom;
                const gl_entry *e = gl_table_get(tabs[w], key);
                free(key);
                if (e) {
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
                char *key = gl_tokens_key(t, j, j + 1);
                if (!key) goto oom;
                int hit = gl_table_get(T->titles, key) || gl_table_get(T->ranks, key);
                free(key);
                if (hit) break;
            }
            gl_result org;
            if (gl_compose(T, s + t[i].start, t[j - 1].end - t[i].start, &org) < 0) goto oom;
            const char *en = org.en;
            if (strncmp(en, "Ministry of ", 12) == 0) en += 12;
            dp_strbuf_puts(&o, o.len ? " of " : "");
            dp_strbuf_puts(&o, en);
            if (org.untranslated) {
                if (c.untr.len) dp_strbuf_puts(&c.untr, ", ");
                dp_strbuf_puts(&c.untr, org.untranslated);
                c.unknown = 1;
            }
            if (c.srcs.len) dp_strbuf_puts(&c.srcs, " ");
            dp_strbuf_puts(&c.srcs, org.rule);
            gl_result_clear(&org);
            tag(&c, "title+org");
            i = j;
            continue;
        }
        if (o.len) dp_strbuf_puts(&o, ", ");
        dp_strbuf_puts(&o, (rank && T->wikipedia && be->alt) ? be->alt : be->en);
        use(&c, be);
        i += best;
    }
    gl_tokens_free(t, n);
    {
        char *en = dp_strbuf_take(&o);
        if (!en) {
            ctx_free(&c);
            return -1;
        }
        return finish(&c, r, en, rank ? "rank" : "title");
    }
oom:
    dp_strbuf_free(&o);
    gl_tokens_free(t, n);
    ctx_free(&c);
    return -1;
}

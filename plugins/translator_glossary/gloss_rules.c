/* Chunks rewritten before word order: numbered documents, what goes around the name (Draft …,
 * … (Amended), … JSC), plural markers and punctuation, suffixes, pairs, designators, ordinals,
 * years, cycles and levels, and last the words no row covers: a proper name, or words left
 * untranslated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

/* Replace chunk k[i]'s English (taken) and extend it over the chunks up to j (exclusive). */
static void merge_into(chunk *k, size_t *n, size_t i, size_t j, char *en)
{
    free(k[i].en);
    k[i].en = en;
    k[i].b1 = k[j - 1].b1;
    k[i].t1 = k[j - 1].t1;
    while (j-- > i + 1) chunk_remove(k, n, i + 1);
}

static char *joined(const char *a, const char *sep, const char *b)
{
    dp_strbuf s = { 0 };
    dp_strbuf_printf(&s, "%s%s%s", a, sep, b);
    return dp_strbuf_take(&s);
}

/* "Nghị định [số] 100/2019/NĐ-CP" → "Decree No. 100/2019/ND-CP": the number as written, folded. */
static int documents(ctx *c, chunk *k, size_t *pn)
{
    size_t n = *pn;
    for (size_t i = 0; i < n; i++) {
        if (!k[i].e || k[i].e->as != GL_AS_DOCUMENT) continue;
        size_t j = i + 1;
        if (j < n && row_of(&k[j], GL_NUMBERED)) j++; /* số */
        if (j >= n || !(k[j].kind == CK_NUM || (k[j].b1 > k[j].b0 && c->s[k[j].b0] >= '0' && c->s[k[j].b0] <= '9')))
            continue;
        size_t m = j + 1;
        while (m < n && !k[m].space_before && k[m].kind != CK_COMMA && k[m].kind != CK_CLOSE) m++;
        char *num = dp_text_fold_diacritics(c->s + k[j].b0, k[m - 1].b1 - k[j].b0, NULL);
        if (!num) return -1;
        dp_strbuf b = { 0 };
        dp_strbuf_printf(&b, "%s No. %s", k[i].en, num);
        free(num);
        char *en = dp_strbuf_take(&b);
        if (!en) return -1;
        ctx_use(c, k[i].e);
        ctx_tag(c, "document");
        merge_into(k, &n, i, m, en);
        k[i].kind = GL_HEAD_KEEP;
    }
    *pn = n;
    return 0;
}

static int ends_with(const char *s, const char *w)
{
    size_t l = strlen(s), m = strlen(w);
    return l >= m && strcmp(s + l - m, w) == 0;
}

/* Add en to the part *p (space-separated); -1 on OOM. */
static int part_add(char **p, const char *en)
{
    char *m = *p ? joined(*p, " ", en) : strdup(en);
    if (!m) return -1;
    free(*p);
    *p = m;
    return 0;
}

/* What stands around the name: Dự thảo in front, (sửa đổi) after it, a legal form at the very end. */
static int edges(ctx *c, chunk *k, size_t *pn, gl_parts *p)
{
    size_t n = *pn;
    while (n > 1 && k[0].e && k[0].e->as == GL_AS_PRE) {
        if (part_add(&p->pre, k[0].en) < 0) return -1;
        ctx_use(c, k[0].e);
        ctx_tag(c, "pre");
        chunk_remove(k, &n, 0);
    }
    size_t post = n;
    if (n >= 4 && k[n - 1].kind == CK_CLOSE && k[n - 3].kind == CK_OPEN && k[n - 2].e && k[n - 2].e->as == GL_AS_POST)
        post = n - 3;
    else if (n >= 2 && k[n - 1].e && k[n - 1].e->as == GL_AS_POST)
        post = n - 1;
    if (post < n) {
        const chunk *x = &k[post == n - 3 ? n - 2 : n - 1];
        dp_strbuf b = { 0 };
        dp_strbuf_printf(&b, "(%s)", x->en);
        if (!(p->post = dp_strbuf_take(&b))) return -1;
        ctx_use(c, x->e);
        ctx_tag(c, "post");
        while (n > post) chunk_remove(k, &n, n - 1);
    }
    for (size_t i = 0; i < n && n > 1; i++) {
        if (!k[i].e || k[i].e->as != GL_AS_LEGAL_FORM) continue;
        if (!(p->legal = strdup(k[i].en))) return -1;
        ctx_use(c, k[i].e);
        ctx_tag(c, "legal-form");
        c->company = 1;
        chunk_remove(k, &n, i);
        break;
    }
    if (n && k[0].e && (ends_with(k[0].en, "Company") || ends_with(k[0].en, "Corporation") || ends_with(k[0].en, "Group")))
        c->company = 1;
    *pn = n;
    return 0;
}

/* Plural markers and stray punctuation have no English; brackets are gone by now too. */
static void drops(ctx *c, chunk *k, size_t *pn)
{
    size_t n = *pn;
    for (size_t i = 0; i < n;) {
        if (k[i].kind == GL_DROP) {
            ctx_use(c, k[i].e);
            chunk_remove(k, &n, i);
        } else if (k[i].kind == CK_PUNCT || k[i].kind == CK_OPEN || k[i].kind == CK_CLOSE) {
            chunk_remove(k, &n, i);
        } else {
            i++;
        }
    }
    *pn = n;
}

/* "2024/25": numbers joined by a slash are one number (before punctuation goes). */
static int slashes(ctx *c, chunk *k, size_t *pn)
{
    size_t n = *pn;
    for (size_t i = 0; i + 2 < n;) {
        if (!(k[i].kind == CK_NUM && k[i + 1].kind == CK_PUNCT && !k[i + 1].space_before && k[i + 1].b1 == k[i + 1].b0 + 1 &&
              c->s[k[i + 1].b0] == '/' && k[i + 2].kind == CK_NUM && !k[i + 2].space_before)) {
            i++;
            continue;
        }
        char *m = strndup(c->s + k[i].b0, k[i + 2].b1 - k[i].b0);
        if (!m) return -1;
        merge_into(k, &n, i, i + 3, m);
    }
    *pn = n;
    return 0;
}

static int nounish(int kind)
{
    return kind == GL_COUNTRY || kind == GL_PLACE || kind == GL_NAME || kind == CK_PAIR;
}

/* "ASEAN mở rộng" → "ASEAN-Plus"; "Việt Nam – Hàn Quốc" → "Vietnam-South Korea"; "ADMM-16". */
static int glue(ctx *c, chunk *k, size_t *pn)
{
    size_t n = *pn;
    for (size_t i = 1; i < n;) {
        if (!row_of(&k[i], GL_SUFFIX)) {
            i++;
            continue;
        }
        char *m = joined(k[i - 1].en, "", k[i].en);
        if (!m) return -1;
        ctx_use(c, k[i].e);
        ctx_tag(c, "suffix");
        merge_into(k, &n, i - 1, i + 1, m);
    }
    for (size_t i = 0; i + 2 < n;) {
        if (!(nounish(k[i].kind) && k[i + 1].kind == CK_DASH && nounish(k[i + 2].kind))) {
            i++;
            continue;
        }
        char *m = joined(k[i].en, "-", k[i + 2].en);
        if (!m) return -1;
        ctx_use(c, k[i].e);
        ctx_use(c, k[i + 2].e);
        ctx_tag(c, "pair");
        merge_into(k, &n, i, i + 3, m);
        k[i].kind = CK_PAIR;
        k[i].e = NULL;
    }
    for (size_t i = 0; i + 2 < n;) {
        if (!(k[i].kind != CK_DASH && k[i].kind != CK_NUM && k[i + 1].kind == CK_DASH && !k[i + 1].space_before &&
              k[i + 2].kind == CK_NUM && !k[i + 2].space_before)) {
            i++;
            continue;
        }
        char *m = joined(k[i].en, "-", k[i + 2].en);
        if (!m) return -1;
        ctx_tag(c, "designator");
        merge_into(k, &n, i, i + 3, m);
    }
    *pn = n;
    return 0;
}

/* A year written as a number: 4 digits. */
static long year_of(const ctx *c, const chunk *k)
{
    if (k->kind != CK_NUM || k->b1 - k->b0 != 4) return -1;
    long v = strtol(c->s + k->b0, NULL, 10);
    return v >= 1000 && v <= 2999 ? v : -1;
}

/* Whether the name is a Vietnamese one (its first chunk a head or term, or a law or document
 * known whole), whose final year English puts in front: "2023 Law on Telecommunications". */
static int vietnamese_head(const ctx *c, const chunk *k)
{
    int document = k->kind == GL_NAME && k->e && k->e->type && strcmp(k->e->type, "MISC") == 0;
    if (!k->e || !(k->kind == GL_HEAD || k->kind == GL_HEAD_OF || k->kind == GL_MEETING || k->kind == GL_TERM || document))
        return 0;
    for (size_t i = k->b0; i < k->b1; i++)
        if ((unsigned char)c->s[i] >= 0x80) return 1;
    return 0;
}

/* An event known whole (a competition, a festival): its edition's year or number goes in front, as
 * English media write it (World Cup 2026 → 2026 FIFA World Cup, SEA Games 33 → 33rd SEA Games). */
static int known_event(const chunk *k)
{
    return k->kind == GL_NAME && k->e && k->e->type && strcmp(k->e->type, "EVENT") == 0;
}

/* An edition number after an event's name: digits, 1 to 199 (not a year). */
static long edition_of(const ctx *c, const chunk *k)
{
    if (k->kind != CK_NUM || k->b1 - k->b0 > 3) return -1;
    long v = strtol(c->s + k->b0, NULL, 10);
    return v >= 1 && v <= 199 ? v : -1;
}

/* A body that is elected for terms (Quốc hội khóa XV): a listed organisation. */
static int body(const chunk *k) { return k->kind == GL_NAME && k->e && k->e->type && strcmp(k->e->type, "ORG") == 0; }

/* Ordinals (lần thứ 12 → 12th), terms of a body (Quốc hội khóa XV → 15th), numbered tails
 * (chu kỳ 4 → Cycle 4), years (năm 1982 → 1982 in front), levels (cấp Bộ trưởng). */
static int numbers(ctx *c, chunk *k, size_t *pn, gl_parts *p)
{
    size_t n = *pn;
    /* a final year: "năm 2020", or a bare year after a Vietnamese name */
    if (n >= 2 && year_of(c, &k[n - 1]) > 0 && row_of(&k[n - 2], GL_YEAR)) {
        if (!(p->year = strndup(c->s + k[n - 1].b0, k[n - 1].b1 - k[n - 1].b0))) return -1;
        ctx_use(c, k[n - 2].e);
        ctx_tag(c, "year");
        chunk_remove(k, &n, n - 1);
        chunk_remove(k, &n, n - 1);
    } else if (n >= 2 && year_of(c, &k[n - 1]) > 0 && (vietnamese_head(c, &k[0]) || (n == 2 && known_event(&k[0]))) &&
               !row_of(&k[n - 2], GL_ORDINAL) && !row_of(&k[n - 2], GL_NUMBERED)) {
        if (!(p->year = strndup(c->s + k[n - 1].b0, k[n - 1].b1 - k[n - 1].b0))) return -1;
        ctx_tag(c, "year");
        chunk_remove(k, &n, n - 1);
    } else if (n == 2 && known_event(&k[0]) && edition_of(c, &k[1]) > 0) {
        long v = edition_of(c, &k[1]);
        dp_strbuf b = { 0 };
        dp_strbuf_printf(&b, "%ld%s", v, gl_ord_suffix(v));
        if (!(p->ordinal = dp_strbuf_take(&b))) return -1;
        ctx_tag(c, "edition");
        chunk_remove(k, &n, n - 1);
    }
    for (size_t i = 0; i + 1 < n;) {
        long v = chunk_number(c, &k[i + 1]);
        const chunk *h = &k[i];
        int term = row_of(h, GL_NUMBERED) && i > 0 && body(&k[i - 1]);
        if (v > 0 && (row_of(h, GL_ORDINAL) || term) && !p->ordinal) {
            dp_strbuf b = { 0 };
            dp_strbuf_printf(&b, "%ld%s", v, gl_ord_suffix(v));
            if (!(p->ordinal = dp_strbuf_take(&b))) return -1;
            ctx_use(c, k[i].e);
            ctx_use(c, k[i + 1].e);
            ctx_tag(c, term ? "term" : "ordinal");
        } else if (v >= 0 && row_of(h, GL_NUMBERED) && !p->tail) {
            if (!(p->tail = joined(row_of(h, GL_NUMBERED)->en, " ", k[i + 1].en))) return -1;
            ctx_use(c, row_of(h, GL_NUMBERED));
            ctx_tag(c, "numbered");
        } else if (row_of(h, GL_LEVEL) && k[i + 1].kind == GL_ROLE) {
            char *m = joined(k[i + 1].en, "", "-level");
            if (!m) return -1;
            ctx_use(c, k[i].e);
            ctx_use(c, k[i + 1].e);
            ctx_tag(c, "level");
            merge_into(k, &n, i, i + 2, m);
            k[i].kind = GL_TERM;
            k[i].e = NULL;
            i++;
            continue;
        } else {
            i++;
            continue;
        }
        chunk_remove(k, &n, i);
        chunk_remove(k, &n, i);
    }
    *pn = n;
    return 0;
}

/*
 * Words no row covers, in runs (with dashes and numbers glued to them): folded, in text order.
 * A run of capitalised words is a proper name (Lê Hồng Phong, Hoàng Long) kept on purpose; a
 * lowercase word, and a capitalised one that opens a lowercase phrase (Vận tải, Độ tin cậy), is
 * Vietnamese left untranslated and said so.
 */
static int leftovers(ctx *c, const gl_tok *t, chunk *k, size_t *pn)
{
    size_t n = *pn;
    for (size_t i = 0; i < n; i++) {
        if (k[i].kind != CK_UNKNOWN &&
            !(k[i].kind == CK_NUM && i + 1 < n && k[i + 1].kind == CK_DASH && !k[i + 1].space_before))
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
        size_t b0 = k[i].b0, b1 = k[j - 1].b1, t0 = k[i].t0, t1 = k[j - 1].t1;
        char *f = dp_text_fold_diacritics(c->s + b0, b1 - b0, NULL);
        if (!f) return -1;
        /* which words are left: lowercase words, but not an English one between capitalised
         * ones ("Bank of America"); then a capital that opens a lowercase phrase ("Vận tải") */
        char *untr = calloc(t1 - t0, 1);
        if (!untr) {
            free(f);
            return -1;
        }
        for (size_t x = t0; x < t1; x++) {
            if (t[x].type != GL_T_WORD || !t[x].lower) continue;
            size_t px = x, nx = x + 1;
            while (px > t0 && t[px - 1].type != GL_T_WORD) px--;
            while (nx < t1 && t[nx].type != GL_T_WORD) nx++;
            int connector = t[x].latin && px > t0 && t[px - 1].cap && t[px - 1].latin && nx < t1 && t[nx].cap &&
                            t[nx].latin;
            untr[x - t0] = !connector;
        }
        for (size_t x = t1; x-- > t0;)
            if (t[x].type == GL_T_WORD && t[x].cap && !t[x].upper && x + 1 < t1 && untr[x + 1 - t0]) untr[x - t0] = 1;
        int left = 0;
        for (size_t x = t0; x < t1; x++) {
            if (!untr[x - t0]) continue;
            size_t y = x;
            while (y + 1 < t1 && untr[y + 1 - t0]) y++;
            ctx_untranslated(c, c->s + t[x].start, t[y].end - t[x].start);
            left = 1;
            x = y;
        }
        free(untr);
        ctx_tag(c, left ? "kept" : "proper");
        merge_into(k, &n, i, j, f);
        k[i].kind = left ? CK_UNKNOWN : CK_PROPER;
        k[i].e = k[i].chain = NULL;
    }
    *pn = n;
    return 0;
}

int rewrite(ctx *c, const gl_tok *t, chunk *k, size_t *n, gl_parts *p)
{
    if (documents(c, k, n) < 0 || edges(c, k, n, p) < 0 || slashes(c, k, n) < 0) return -1;
    drops(c, k, n);
    if (glue(c, k, n) < 0 || numbers(c, k, n, p) < 0 || leftovers(c, t, k, n) < 0) return -1;
    return 0;
}

/* Tokens → chunks: the longest row at each word that may stand there (its case, its context,
 * number words only after a marker), the proper name after a place word (tỉnh Nghệ An, sông
 * Hàn), and single words that belong to a proper name next to them (Mỹ Đình, Lê Đức Thọ). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "gloss_ctx.h"

void chunks_free(chunk *k, size_t n)
{
    if (!k) return;
    for (size_t i = 0; i < n; i++) {
        free(k[i].en);
        free(k[i].alone);
    }
    free(k);
}

void chunk_remove(chunk *k, size_t *n, size_t i)
{
    free(k[i].en);
    free(k[i].alone);
    memmove(&k[i], &k[i + 1], (*n - i - 1) * sizeof *k);
    (*n)--;
}

const gl_entry *row_of(const chunk *k, gl_kind kind)
{
    for (const gl_entry *x = k->chain; x; x = x->next_same)
        if (!x->countries && !x->context && x->kind == kind) return x;
    return NULL;
}

int gl_is_digits(const char *s, size_t n)
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

const char *gl_ord_suffix(long n)
{
    if (n % 100 >= 11 && n % 100 <= 13) return "th";
    switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

long chunk_number(const ctx *c, const chunk *k)
{
    if (k->kind == CK_NUM) return strtol(c->s + k->b0, NULL, 10);
    const gl_entry *nr = row_of(k, GL_NUMBER);
    if (nr) return strtol(nr->en, NULL, 10);
    if (k->kind == CK_UNKNOWN || k->kind == CK_PROPER) return roman(c->s + k->b0, k->b1 - k->b0);
    return -1;
}

int gl_acronym(const char *s, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'a' && s[i] <= 'z') return 0;
        if (s[i] >= 'A' && s[i] <= 'Z') upper = 1;
        if ((unsigned char)s[i] >= 0x80) return 0;
    }
    return upper;
}

const gl_entry *chunk_row(const ctx *c, const gl_entry *rows, const gl_tok *t, size_t a, size_t b, int after_marker)
{
    const gl_entry *general = NULL, *sport = NULL;
    for (const gl_entry *x = rows; x; x = x->next_same) {
        if (x->countries || !gl_case_fits(x, t, a, b, a == 0)) continue;
        if (x->kind == GL_NUMBER && !after_marker) continue; /* "tư" in a name is no 4 */
        if (x->context) {
            if (!sport && c->cx && c->cx->sport && strcmp(x->context, "sport") == 0) sport = x;
            continue;
        }
        if (!general) general = x;
    }
    return sport ? sport : general;
}

static int head_kind(int kind) { return kind == GL_HEAD || kind == GL_HEAD_OF || kind == GL_MEETING; }

/* A place word whose proper name follows it: a level (tỉnh, xã) or a place head written in lowercase (sông, đường). */
static int introduces_place(const gl_entry *e)
{
    return e && e->lower && (e->as == GL_AS_ADMIN || e->kind == GL_HEAD || e->kind == GL_HEAD_KEEP);
}

/* Whether token j is a conjunction or a comma (coordinated domains follow). */
static int coordinator(const ctx *c, const gl_tok *t, size_t j, int *oom)
{
    if (t[j].type == GL_T_COMMA) return 1;
    if (t[j].type != GL_T_WORD) return 0;
    const gl_entry *rows;
    int rc = gl_lookup(c->T->terms, t, j, j + 1, &rows);
    if (rc < 0) *oom = 1;
    for (const gl_entry *x = rc > 0 ? rows : NULL; x; x = x->next_same)
        if (x->kind == GL_CONJ) return 1;
    return 0;
}

/* The longest row at token i: *len tokens (0: none), its row and its chain.  -1 on OOM. */
static int longest(const ctx *c, const gl_tok *t, size_t n, size_t i, int after_marker, size_t *len,
                   const gl_entry **row, const gl_entry **chain)
{
    size_t maxl = gl_table_max_tokens(c->T->terms);
    size_t lim = n - i < maxl ? n - i : maxl;
    *len = 0;
    for (size_t l = lim; l >= 1; l--) {
        gl_tok_type last = t[i + l - 1].type;
        if (last != GL_T_WORD && last != GL_T_QUOTE && last != GL_T_CLOSE) continue;
        const gl_entry *rows;
        int rc = gl_lookup(c->T->terms, t, i, i + l, &rows);
        if (rc < 0) return -1;
        const gl_entry *e = rc ? chunk_row(c, rows, t, i, i + l, after_marker) : NULL;
        if (!e) continue;
        int oom = 0;
        /* coordination beats a longer head: "Trung tâm | Văn hóa và Điện ảnh" */
        if (l > 1 && head_kind(e->kind) && i + l < n && coordinator(c, t, i + l, &oom)) {
            for (size_t l2 = l - 1; l2 >= 1; l2--) {
                const gl_entry *r2;
                int rc2 = gl_lookup(c->T->terms, t, i, i + l2, &r2);
                if (rc2 < 0) return -1;
                const gl_entry *e2 = rc2 ? chunk_row(c, r2, t, i, i + l2, after_marker) : NULL;
                if (e2 && head_kind(e2->kind)) {
                    l = l2, e = e2, rows = r2;
                    break;
                }
            }
        }
        if (oom) return -1;
        *len = l;
        *row = e;
        *chain = rows;
        return 0;
    }
    return 0;
}

/*
 * The end of the proper name that starts at token j: capitalised words and numbers, and a dash
 * between them; none when the words there open a phrase written in sentence case that a row
 * knows ("trung tâm triển lãm | Hội chợ …": a fair, not a place named Hội).  -1 on OOM.
 */
static long name_run(const ctx *c, const gl_tok *t, size_t n, size_t j)
{
    size_t e = j;
    while (e < n) {
        if (t[e].type == GL_T_WORD && (t[e].cap || t[e].upper || t[e].digit)) {
            e++;
        } else if (t[e].type == GL_T_DASH && e > j && e + 1 < n && t[e + 1].type == GL_T_WORD &&
                   (t[e + 1].cap || t[e + 1].digit)) {
            e++;
        } else {
            break;
        }
    }
    if (e == j || e >= n || e != j + 1 || t[e].type != GL_T_WORD || !t[e].lower) return (long)e;
    size_t maxl = gl_table_max_tokens(c->T->terms), lim = n - j < maxl ? n - j : maxl;
    for (size_t l = lim; l >= 2; l--) {
        const gl_entry *rows;
        int rc = gl_lookup(c->T->terms, t, j, j + l, &rows);
        if (rc < 0) return -1;
        if (rc && chunk_row(c, rows, t, j, j + l, 0)) return (long)j;
    }
    return (long)e;
}

static int ends_with_word(const char *s, const char *w)
{
    size_t l = strlen(s), m = strlen(w);
    return l > m && s[l - m - 1] == ' ' && strcmp(s + l - m, w) == 0;
}

/*
 * The place word at k (row e) with the proper name in tokens [a, b): its English inside a name
 * ("Nghe An Provincial", "Han River", "District 7") and as a place by itself ("Nghe An Province").
 */
static int place_chunk(ctx *c, const gl_tok *t, size_t a, size_t b, chunk *k)
{
    const gl_entry *e = k->e, *rows = NULL, *known = NULL;
    int rc = gl_lookup(c->T->terms, t, a, b, &rows);
    if (rc < 0) return -1;
    for (const gl_entry *x = rows; x && !known; x = x->next_same)
        if (!x->countries && !x->context && !x->ambiguous &&
            (x->kind == GL_PLACE || x->kind == GL_COUNTRY || (x->type && strcmp(x->type, "LOC") == 0)))
            known = x; /* not Hàn (South Korea) in "sông Hàn" */
    size_t b0 = t[a].start, b1 = t[b - 1].end;
    char *folded = dp_text_fold_diacritics(c->s + b0, b1 - b0, NULL);
    if (!folded) return -1;
    /* a foreign place: no Vietnamese letters and not a Vietnamese list's place */
    int foreign = strlen(folded) == b1 - b0 && memcmp(c->s + b0, folded, b1 - b0) == 0 &&
                  !(known && known->id && strncmp(known->id, "loc:vn:", 7) == 0);
    const char *name = known ? known->en : folded;
    int number = gl_is_digits(c->s + b0, b1 - b0);
    const char *unit = e->en, *unit_alone = e->en_loc ? e->en_loc : e->en;
    const char *type = c->cx ? c->cx->type : NULL;
    dp_strbuf in = { 0 }, alone = { 0 };
    if (e->as == GL_AS_ADMIN) {
        if (number) {
            dp_strbuf_printf(&in, "%s %s", unit, name);
            dp_strbuf_printf(&alone, "%s %s", unit_alone, name);
        } else {
            int inside_body = !type || strcmp(type, "ORG") == 0 || strcmp(type, "LOC") == 0;
            if (inside_body && !ends_with_word(name, unit)) dp_strbuf_printf(&in, "%s %s", name, unit);
            else dp_strbuf_puts(&in, name); /* before an event or a document, the place alone */
            if (ends_with_word(name, unit_alone) || (foreign && strcmp(unit_alone, "City") == 0))
                dp_strbuf_puts(&alone, name); /* not "Houston City" */
            else dp_strbuf_printf(&alone, "%s %s", name, unit_alone);
        }
    } else if (e->kind == GL_HEAD_KEEP) {
        dp_strbuf_printf(&in, "%s %s", unit, name); /* National Highway 1A */
    } else {
        dp_strbuf_printf(&in, "%s %s", name, unit); /* Han River, Le Duc Tho Street */
    }
    free(folded);
    ctx_use(c, e);
    ctx_use(c, known);
    ctx_tag(c, "place");
    k->kind = CK_PLACE;
    k->chain = NULL;
    free(k->en);
    k->en = dp_strbuf_take(&in);
    k->alone = alone.len ? dp_strbuf_take(&alone) : NULL;
    k->t1 = b;
    k->b1 = b1;
    int oom = alone.oom;
    dp_strbuf_free(&alone);
    return !k->en || oom ? -1 : 0;
}

static int ascii_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

static int unknown_capital(const chunk *k) { return k->kind == CK_UNKNOWN && k->cap; }

/* The number of capitalised unknown words in a row from chunk i going by step (+1 or -1). */
static size_t unknown_run(const chunk *k, size_t n, size_t i, int step)
{
    size_t r = 0;
    for (size_t j = i; j < n && unknown_capital(&k[j]); j += (size_t)step) {
        r++;
        if (j == 0 && step < 0) break;
    }
    return r;
}

/*
 * Whether the one-word row at chunk i is rather a syllable of the proper name next to it.
 * Vietnamese proper names have two syllables or more, so a single capitalised word no row
 * covers takes its capitalised neighbour into its name: a place or a country that is also a
 * given name (Mỹ Đình, Lê Đức Thọ), a number word (Ba Đình), a term after a name (Mekong Xanh)
 * or before one syllable (Biển Ngọc; not Phim | Ánh Dương), a head after one (Bãi Trường).  An
 * English word next to an unknown English word is part of that name (VTV Cup).
 */
static int takes_into_name(const ctx *c, const chunk *k, size_t n, size_t i)
{
    const chunk *x = &k[i];
    if (x->t1 - x->t0 != 1 || !x->cap || !x->e) return 0;
    size_t left = i > 0 ? unknown_run(k, n, i - 1, -1) : 0;
    size_t right = i + 1 < n ? unknown_run(k, n, i + 1, 1) : 0;
    if (!left && !right) return 0;
    if (ascii_text(c->s + x->b0, x->b1 - x->b0) && ((left && ascii_text(c->s + k[i - 1].b0, k[i - 1].b1 - k[i - 1].b0)) ||
                                                    (right && ascii_text(c->s + k[i + 1].b0, k[i + 1].b1 - k[i + 1].b0))))
        return i > 0 || x->kind == GL_TERM || x->kind == GL_NAME;
    if (x->e->ambiguous || x->kind == GL_NUMBER) return 1;
    if (x->kind == GL_TERM) return left || right == 1;
    int head = x->kind == GL_HEAD || x->kind == GL_HEAD_KEEP || x->kind == GL_HEAD_OF;
    return head && i > 0 && left == 1;
}

/* Capitalised words no row covers take the one-word rows that belong to their name. */
static int absorb(ctx *c, chunk *k, size_t n)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            if (k[i].kind >= CK_UNKNOWN || !takes_into_name(c, k, n, i)) continue;
            char *w = strndup(c->s + k[i].b0, k[i].b1 - k[i].b0);
            if (!w) return -1;
            free(k[i].en);
            k[i].en = w;
            k[i].kind = CK_UNKNOWN;
            k[i].e = k[i].chain = NULL;
            changed = 1;
        }
    }
    return 0;
}

/*
 * A level and the name after it (tỉnh | Nghệ An) rather than a listed place that starts with the
 * level (tỉnh Nghệ An → Nghe An Province), so that a body says "Nghe An Provincial …": when a
 * level row stands at token i, the name after it ends where the longer match ends, and that name
 * is a place of its own (not "TP | HCM": HCM alone is no place, TP HCM is Ho Chi Minh City).
 */
static int prefer_level(const ctx *c, const gl_tok *t, size_t n, size_t i, size_t len, size_t *best,
                        const gl_entry **row, const gl_entry **chain)
{
    if ((*row)->kind != GL_PLACE && (*row)->kind != GL_COUNTRY && !((*row)->type && strcmp((*row)->type, "LOC") == 0))
        return 0;
    for (size_t l = len - 1; l >= 1; l--) {
        const gl_entry *rows;
        int rc = gl_lookup(c->T->terms, t, i, i + l, &rows);
        if (rc < 0) return -1;
        const gl_entry *e = rc ? chunk_row(c, rows, t, i, i + l, 0) : NULL;
        if (!e || e->as != GL_AS_ADMIN) continue;
        long end = name_run(c, t, n, i + l);
        if (end < 0) return -1;
        if ((size_t)end < i + len) return 0;
        const gl_entry *named;
        rc = gl_lookup(c->T->terms, t, i + l, i + len, &named);
        if (rc < 0) return -1;
        int place = 0;
        for (const gl_entry *x = rc ? named : NULL; x && !place; x = x->next_same)
            place = x->kind == GL_PLACE || x->kind == GL_COUNTRY || (x->type && strcmp(x->type, "LOC") == 0);
        if (!place) return 0;
        *best = l;
        *row = e;
        *chain = rows;
        return 0;
    }
    return 0;
}

int chunkify(ctx *c, const gl_tok *t, size_t n, chunk **out, size_t *nout)
{
    chunk *k = calloc(n ? n : 1, sizeof *k);
    if (!k) return -1;
    size_t nk = 0, i = 0;
    while (i < n) {
        chunk *ck = &k[nk];
        memset(ck, 0, sizeof *ck);
        ck->t0 = i;
        ck->b0 = t[i].start;
        ck->space_before = t[i].space_before;
        ck->cap = t[i].cap || t[i].upper || t[i].digit;
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
                dp_strbuf_printf(&q, "'%s'", inner);
                free(inner);
                if (!(ck->en = dp_strbuf_take(&q))) goto oom;
                ck->kind = CK_QUOTED;
                ck->t1 = j + 1;
                ck->b1 = t[j].end;
                nk++;
                i = j + 1;
                continue;
            }
        }
        size_t best = 0;
        const gl_entry *be = NULL, *chain = NULL;
        if (t[i].type == GL_T_WORD) {
            int after_marker = nk > 0 && (row_of(&k[nk - 1], GL_ORDINAL) || row_of(&k[nk - 1], GL_NUMBERED));
            if (longest(c, t, n, i, after_marker, &best, &be, &chain) < 0) goto oom;
        }
        if (best > 1 && prefer_level(c, t, n, i, best, &best, &be, &chain) < 0) goto oom;
        if (best) {
            ck->kind = (int)be->kind;
            ck->e = be;
            ck->chain = chain;
            if (!(ck->en = strdup(be->en))) goto oom;
            ck->t1 = i + best;
            ck->b1 = t[i + best - 1].end;
            if (introduces_place(be)) {
                long e = name_run(c, t, n, i + best);
                if (e < 0 || ((size_t)e > i + best && place_chunk(c, t, i + best, (size_t)e, ck) < 0)) {
                    nk++;
                    goto oom;
                }
            }
            i = ck->t1;
            nk++;
            continue;
        }
        ck->t1 = i + 1;
        ck->b1 = t[i].end;
        switch (t[i].type) {
        case GL_T_WORD:
            if (gl_tok_dropped(t, i, n)) {
                i++;
                continue;
            }
            ck->kind = gl_is_digits(c->s + t[i].start, t[i].end - t[i].start) ? CK_NUM : CK_UNKNOWN;
            break;
        case GL_T_DASH: ck->kind = CK_DASH; break;
        case GL_T_COMMA: ck->kind = CK_COMMA; break;
        case GL_T_OPEN: ck->kind = CK_OPEN; break;
        case GL_T_CLOSE: ck->kind = CK_CLOSE; break;
        default: ck->kind = CK_PUNCT; break;
        }
        if (!(ck->en = strndup(c->s + t[i].start, t[i].end - t[i].start))) goto oom;
        nk++;
        i++;
    }
    if (absorb(c, k, nk) < 0) goto oom;
    *out = k;
    *nout = nk;
    return 0;
oom:
    chunks_free(k, nk);
    return -1;
}

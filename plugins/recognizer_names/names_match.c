/*
 * Document-level name matching (as GATE's OrthoMatcher): once a person is
 * found with a full name, a later mention by part of it is the same person —
 * "Lionel Messi" then "Messi", "Nguyễn Thị Mai Anh" then "Mai Anh" or "Anh"
 * — tagged PER with the attribute same_as naming the first mention.
 *
 * Guards: the part is a given name (the last one or two syllables of a
 * Vietnamese name) or a foreign surname (the last word), never a Vietnamese
 * surname alone; the mention is a whole capitalised run; a word any list
 * knows as something else (a country, a place, a head, a title) never
 * matches; one syllable of a Vietnamese name matches only after a person cue
 * (anh, chị, ông) or before one (cho biết), or inside a sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "vi/vi_text.h"

#define MAX_FULL 4 /* words of a full name that gives short forms */

/* A full name: its first token and the tokens of its words. */
typedef struct full_name {
    size_t a, b;            /* token range of the first mention */
    size_t w[MAX_FULL];     /* its words */
    size_t nw;
    int vietnamese;         /* a listed surname first, every word a Vietnamese syllable */
} full_name;

static int cap_word(const nm_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    uint32_t f = c->t[i].flags;
    return (f & T_WORD) && (f & T_CAP) && !(f & T_ALLCAPS) && !(f & T_DIGIT);
}

static int same_key(const nm_ctx *c, size_t i, size_t j)
{
    size_t l = c->t[i].ke - c->t[i].ks;
    return l == c->t[j].ke - c->t[j].ks && memcmp(c->key + c->t[i].ks, c->key + c->t[j].ks, l) == 0;
}

/* The words of the person at [a, b); 0 when it is no name to take parts of. */
static int full_from(const nm_ctx *c, size_t a, size_t b, full_name *fn)
{
    memset(fn, 0, sizeof *fn);
    fn->a = a;
    fn->b = b;
    for (size_t k = a; k < b; k++) {
        if (!cap_word(c, k))
            continue; /* hyphens and their lowercase parts stay with their word */
        if (k > a && nm_glued(c, k - 1) && !(c->t[k - 1].flags & T_WORD))
            continue; /* Min-Jae: one word */
        if (fn->nw == MAX_FULL)
            return 0;
        fn->w[fn->nw++] = k;
    }
    if (fn->nw < 2)
        return 0;
    fn->vietnamese = (nm_word(c, a) & LX_SURNAME) != 0;
    for (size_t k = 0; k < fn->nw && fn->vietnamese; k++) {
        const nm_tok *t = &c->t[fn->w[k]];
        fn->vietnamese = vi_is_syllable(c->text + t->s, t->e - t->s);
    }
    return 1;
}

/* Tokens [i, i+m) spell words [from, nw) of fn, one token per word. */
static int spells(const nm_ctx *c, size_t i, const full_name *fn, size_t from)
{
    size_t m = fn->nw - from;
    if (i + m > c->n)
        return 0;
    for (size_t k = 0; k < m; k++) {
        size_t w = fn->w[from + k];
        /* a word with a hyphenated tail (Min-jae) is not matched part by part */
        if (w + 1 < fn->b && nm_glued(c, w) && !(c->t[w + 1].flags & T_WORD))
            return 0;
        if (!cap_word(c, i + k) || (k > 0 && (c->t[i + k].flags & T_NL)) || !same_key(c, i + k, w))
            return 0;
    }
    return 1;
}

/* A word some list knows as something else than a name: no short mention of a person. */
static int other_meaning(const nm_ctx *c, size_t i)
{
    const nm_flags other = LX_COUNTRY | LX_ORG | LX_EVENT | LX_MISC | LX_TITLE | LX_RANK | LX_HONOR |
                           LX_NOTNAME | LX_PLACE | LX_LOCHEAD | LX_DOMAIN | LX_STOP |
                           LX_CUE_ANY(CUE_ORG_HEAD) | LX_CUE_ANY(CUE_LOC_HEAD) | LX_CUE(CUE_END);
    return (nm_word(c, i) & other) != 0 || nm_phrase(c, i, LX_COUNTRY | LX_ORG | LX_EVENT | LX_MISC, NULL) > 0;
}

/* One syllable of a Vietnamese name at i is a person here: next to a person cue, or mid-sentence. */
static int lone_given_ok(const nm_ctx *c, size_t i)
{
    if (i > 0 && (nm_word(c, i - 1) & (LX_CUE_ANY(CUE_PER_BEFORE) | LX_HONOR)) && (c->t[i - 1].flags & T_LOWER))
        return 1;
    if (nm_phrase(c, i + 1, LX_CUE_ANY(CUE_PER_AFTER), NULL))
        return 1;
    if (i == 0 || (c->t[i].flags & T_NL))
        return 0;
    const nm_tok *p = &c->t[i - 1];
    return (p->flags & T_WORD) && (p->flags & T_LOWER);
}

/* The longest short form of a full name at token i: its length in tokens, or 0. */
static size_t short_at(const nm_ctx *c, size_t i, const full_name *fn)
{
    /* the whole name again, then the given names or the surname after a foreign given name */
    for (size_t from = 0; from < fn->nw; from++) {
        size_t m = fn->nw - from;
        if (from == 0) {
            if (spells(c, i, fn, 0))
                return m;
            continue;
        }
        if (!fn->vietnamese && m > 1)
            continue; /* a foreign name is shortened to its last word */
        if (!spells(c, i, fn, from))
            continue;
        if (m == 1 && other_meaning(c, i))
            return 0;
        if (m == 1 && fn->vietnamese && !lone_given_ok(c, i))
            return 0;
        if (m == 1 && (nm_word(c, i) & LX_SURNAME) && fn->vietnamese)
            return 0; /* a given name that is also a surname: "Lê", "Mai" alone */
        return m;
    }
    return 0;
}

static int collect(nm_ctx *c, full_name **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    for (size_t k = 0; k < c->nf + c->n; k++) {
        size_t a, b;
        if (k < c->nf) {
            if (c->f[k].type != 'P')
                continue;
            a = c->f[k].a;
            b = c->f[k].b;
        } else {
            size_t i = k - c->nf;
            if (!(c->t[i].flags & T_ENT) || c->t[i].ent_type != 'P')
                continue;
            a = i;
            b = c->t[i].ent_end;
        }
        full_name fn;
        if (!full_from(c, a, b, &fn))
            continue;
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            full_name *x = realloc(*out, nc * sizeof *x);
            if (!x)
                return -1;
            *out = x;
            cap = nc;
        }
        (*out)[(*n)++] = fn;
    }
    return 0;
}

void nm_match_mentions(nm_ctx *c)
{
    full_name *names;
    size_t nn;
    if (collect(c, &names, &nn) < 0) {
        c->oom = 1;
        free(names);
        return;
    }
    for (size_t i = 0; i < c->n && nn; i++) {
        if (c->taken[i] || !cap_word(c, i) || (c->t[i].flags & T_ENT))
            continue;
        /* inside a longer capitalised run: part of another name */
        if (i > 0 && !(c->t[i].flags & T_NL) && cap_word(c, i - 1))
            continue;
        size_t best = 0, which = 0;
        for (size_t k = 0; k < nn; k++) {
            if (names[k].a == i)
                continue;
            size_t m = short_at(c, i, &names[k]);
            if (m > best) {
                best = m;
                which = k;
            }
        }
        if (!best)
            continue;
        size_t end = i + best;
        if (end < c->n && !(c->t[end].flags & T_NL) && (cap_word(c, end) || c->taken[end] ||
                                                         (nm_glued(c, end - 1) && nm_punct(c, end, "-"))))
            continue;
        nm_found *f = nm_add(c, (uint32_t)i, (uint32_t)end, 'P', c->st->conf_name);
        if (!f)
            break;
        f->ref_a = (uint32_t)names[which].a;
        f->ref_b = (uint32_t)names[which].b;
        for (size_t x = i; x < end; x++)
            c->taken[x] |= TAKEN_PERSON;
        i = end - 1;
    }
    free(names);
}

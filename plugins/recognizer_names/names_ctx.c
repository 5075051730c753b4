/* What the rules share: lexicon lookups over the token array, token tests, the list of finds. */
#include <stdlib.h>
#include <string.h>

#include "names.h"

size_t nm_phrase(const nm_ctx *c, size_t i, nm_flags mask, const nm_slot **slot)
{
    if (i >= c->n)
        return 0;
    const nm_slot *s1 = c->t[i].slot;
    if (!s1)
        return 0; /* no phrase starts with this word */
    size_t maxw = s1->maxw;
    if (maxw > c->n - i)
        maxw = c->n - i;
    /* phrases never cross a line break */
    size_t lim = 1;
    while (lim < maxw && !(c->t[i + lim].flags & T_NL))
        lim++;
    /* Grow the phrase word by word; the lexicon holds every prefix of its
     * phrases, so the first missing prefix ends the search. */
    size_t best = (s1->flags & mask) ? 1 : 0;
    const nm_slot *best_slot = s1;
    for (size_t m = 2; m <= lim; m++) {
        const nm_tok *a = &c->t[i], *b = &c->t[i + m - 1];
        const nm_slot *s = nm_lex_get(&c->st->lx, c->key + a->ks, b->ke - a->ks);
        if (!s)
            break;
        if (s->flags & mask) {
            best = m;
            best_slot = s;
        }
    }
    if (best && slot)
        *slot = best_slot;
    return best;
}

nm_flags nm_word(const nm_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    return c->t[i].slot ? c->t[i].slot->flags : 0;
}

int nm_glued(const nm_ctx *c, size_t i)
{
    return i + 1 < c->n && !(c->t[i + 1].flags & T_SP);
}

int nm_is(const nm_ctx *c, size_t i, const char *s)
{
    if (i >= c->n)
        return 0;
    size_t l = strlen(s);
    return c->t[i].ke - c->t[i].ks == l && memcmp(c->key + c->t[i].ks, s, l) == 0;
}

nm_found *nm_add(nm_ctx *c, uint32_t a, uint32_t b, char type, double conf)
{
    if (b <= a)
        return NULL;
    if (c->nf == c->capf) {
        size_t nc = c->capf ? c->capf * 2 : 32;
        nm_found *nf = realloc(c->f, nc * sizeof *nf);
        if (!nf) {
            c->oom = 1;
            return NULL;
        }
        c->f = nf;
        c->capf = nc;
    }
    nm_found *f = &c->f[c->nf++];
    memset(f, 0, sizeof *f);
    f->a = a;
    f->b = b;
    f->type = type;
    f->conf = conf;
    return f;
}

int nm_punct(const nm_ctx *c, size_t i, const char *p)
{
    return i < c->n && !(c->t[i].flags & T_WORD) && nm_is(c, i, p);
}

/* Tokens: words (letters, marks, digits) and single punctuation characters of the match key. */
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* Case flags of text[s, e). */
static uint32_t shape(const char *text, size_t s, size_t e)
{
    size_t p = s;
    int first = 1, up = 0, lo = 0, dig = 0, letters = 0;
    uint32_t f = 0;
    while (p < e) {
        int32_t cp = dp_utf8_next(text, e, &p);
        if (cp < 0)
            continue;
        int u = dp_char_is_upper(cp), l = !u && dp_char_is_lower(cp);
        if (first) {
            if (u)
                f |= T_CAP;
            else if (l)
                f |= T_LOWER;
            first = 0;
        }
        up += u;
        lo += l;
        letters += u || l;
        if (cp >= '0' && cp <= '9')
            dig++;
    }
    if (letters >= 2 && lo == 0)
        f |= T_ALLCAPS;
    if (dig > 0 && letters == 0)
        f |= T_DIGIT;
    return f;
}

int nm_tokenize(const char *text, size_t len, const char *key, size_t klen, const size_t *map,
                nm_tok **out, size_t *n)
{
    size_t cap = klen / 3 + 16, nt = 0;
    nm_tok *t = malloc(cap * sizeof *t);
    if (!t)
        return -1;
    size_t p = 0, prev_end_text = 0;
    while (p < klen) {
        size_t start = p;
        int32_t cp = dp_utf8_next(key, klen, &p);
        if (cp == ' ')
            continue;
        if (dp_char_is_word(cp)) {
            size_t q = p;
            while (q < klen) {
                size_t r = q;
                int32_t c2 = dp_utf8_next(key, klen, &r);
                if (!dp_char_is_word(c2))
                    break;
                q = r;
            }
            p = q;
        }
        if (nt == cap) {
            cap *= 2;
            nm_tok *nt2 = realloc(t, cap * sizeof *t);
            if (!nt2) {
                free(t);
                return -1;
            }
            t = nt2;
        }
        nm_tok *k = &t[nt++];
        memset(k, 0, sizeof *k);
        k->ks = (uint32_t)start;
        k->ke = (uint32_t)p;
        k->s = (uint32_t)map[start];
        k->e = (uint32_t)map[p];
        if (k->e > len)
            k->e = (uint32_t)len;
        if (dp_char_is_word(cp))
            k->flags = T_WORD | shape(text, k->s, k->e);
        for (size_t x = prev_end_text; x < k->s; x++) {
            if (text[x] == '\n')
                k->flags |= T_NL;
            if (text[x] == ' ' || text[x] == '\t' || text[x] == '\n')
                k->flags |= T_SP;
        }
        if (nt == 1)
            k->flags |= T_NL;
        prev_end_text = k->e;
    }
    *out = t;
    *n = nt;
    return 0;
}

/* Tokens: words (letters, marks, digits) and single punctuation characters of the match key. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "names.h"

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
}

static int is_upper_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int32_t next_cp(const char *s, size_t len, size_t *pos)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *pos,
                                          (utf8proc_ssize_t)(len - *pos), &cp);
    if (n <= 0) {
        (*pos)++;
        return -1;
    }
    *pos += (size_t)n;
    return cp;
}

/* Case flags of text[s, e). */
static uint32_t shape(const char *text, size_t s, size_t e)
{
    size_t p = s;
    int first = 1, up = 0, lo = 0, dig = 0, letters = 0;
    uint32_t f = 0;
    while (p < e) {
        int32_t cp = next_cp(text, e, &p);
        if (cp < 0)
            continue;
        int u = is_upper_cp(cp), l = !u && is_lower_cp(cp);
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
        int32_t cp = next_cp(key, klen, &p);
        if (cp == ' ')
            continue;
        if (is_word_cp(cp)) {
            size_t q = p;
            while (q < klen) {
                size_t r = q;
                int32_t c2 = next_cp(key, klen, &r);
                if (!is_word_cp(c2))
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
        if (is_word_cp(cp))
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

/*
 * vi_text.c — the Vietnamese rules of the match key: canonical tone placement.
 *
 * Vietnamese writes the tone mark of a syllable on one of its vowels, and two
 * conventions disagree on which one in a few open syllables ("hoà"/"hòa",
 * "thuỷ"/"thủy", "khoẻ"/"khỏe").  For matching, both must give one key: every
 * word whose one tone mark stands elsewhere is rewritten with the mark on the
 * vowel the traditional rule (the one most news sites use) chooses.  Words
 * that are not one Vietnamese syllable are left alone.
 */
#include "vi_letters.h"
#include "vi_text.h"

/* A letter as vi_letters.h packs it; Đ/đ have a base of their own, no vowel and no q or g. */
#define VI_BASE(e) ((int32_t)((e) & 0x7F))
#define VI_LOWER(e) (VI_BASE(e) | 0x20)
#define VI_DIA(e) ((int)(((e) >> 7) & 3))
#define VI_TONE(e) ((int)(((e) >> 9) & 7))
#define VI_DSTROKE (VI_L_OK | 0x7F)

static int is_vowel(int32_t lb)
{
    return lb == 'a' || lb == 'e' || lb == 'i' || lb == 'o' || lb == 'u' || lb == 'y';
}

/* A letter of a Vietnamese syllable, packed; 0 for anything else. */
static unsigned vi_letter(int32_t c)
{
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? (unsigned)c | VI_L_OK : 0;
    if (c == 0x110 || c == 0x111) return VI_DSTROKE;
    if (c >= 0xC0 && c <= 0x24F) return vi_letters_00c0[c - 0xC0];
    if (c >= 0x1E00 && c <= 0x1EFF) return vi_letters_1e00[c - 0x1E00];
    return 0;
}

static int vowel_index(int32_t lb)
{
    switch (lb) {
    case 'a': return 0;
    case 'e': return 1;
    case 'i': return 2;
    case 'o': return 3;
    case 'u': return 4;
    case 'y': return 5;
    default: return -1;
    }
}

/* The precomposed letter for base + marks, or -1. */
static int32_t vi_compose(int32_t base, int dia, int tone)
{
    if (!dia && !tone)
        return base;
    int v = vowel_index(base | 0x20);
    if (v < 0)
        return -1;
    uint16_t c = vi_compose_table[v][dia][tone][base >= 'A' && base <= 'Z'];
    return c ? c : -1;
}

#define VI_MAXLEN 12

/* Move the tone mark of one word to the vowel the modern rule chooses. */
static void tone_fix(int32_t *w, size_t n)
{
    unsigned L[VI_MAXLEN];
    size_t k, p, vs, ve, nv, tone_at = 0, tones = 0;
    size_t target = (size_t)-1;
    int32_t a, b;

    if (n < 1 || n > VI_MAXLEN)
        return;
    for (k = 0; k < n; k++) {
        if (!(L[k] = vi_letter(w[k])))
            return;
        if (VI_TONE(L[k])) {
            if (tones++)
                return; /* two tone marks: not one syllable */
            tone_at = k;
        }
    }
    if (tones != 1)
        return;
    p = 0;
    while (p < n && !is_vowel(VI_LOWER(L[p])))
        p++;
    if (p == n)
        return;
    /* "qu" and "gi" (before another vowel) belong to the initial consonant */
    if (p == 1 && p + 1 < n && is_vowel(VI_LOWER(L[p + 1])) && !VI_DIA(L[p]) &&
        ((VI_LOWER(L[0]) == 'q' && VI_LOWER(L[p]) == 'u') || (VI_LOWER(L[0]) == 'g' && VI_LOWER(L[p]) == 'i')))
        p++;
    vs = p;
    while (p < n && is_vowel(VI_LOWER(L[p])))
        p++;
    ve = p;
    for (; p < n; p++)
        if (is_vowel(VI_LOWER(L[p])))
            return; /* vowel after a consonant: not one syllable */
    nv = ve - vs;
    if (nv > 3)
        return;
    for (k = vs; k < ve; k++)
        if (VI_DIA(L[k]))
            target = k;
    if (target == (size_t)-1) {
        if (nv == 1)
            target = vs;
        else if (ve < n)
            target = ve - 1; /* final consonant: last vowel */
        else if (nv == 3)
            target = vs + 1; /* "khuỷu", "hoài" */
        else
            target = vs; /* open syllable: "hòa", "thủy", "khỏe", "mùa", "tài" */
    }
    if (target == tone_at)
        return;
    a = vi_compose(VI_BASE(L[tone_at]), VI_DIA(L[tone_at]), 0);
    b = vi_compose(VI_BASE(L[target]), VI_DIA(L[target]), VI_TONE(L[tone_at]));
    if (a < 0 || b < 0)
        return;
    w[tone_at] = a;
    w[target] = b;
}

static int has_non_ascii(const int32_t *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (w[k] >= 0x80)
            return 1;
    return 0;
}

static void vi_word(const dp_text_rules *rules, int32_t *w, size_t n)
{
    (void)rules;
    if (has_non_ascii(w, n)) /* ASCII letters carry no tone mark */
        tone_fix(w, n);
}

const dp_text_rules vi_text_rules = { "vi", vi_word, NULL };

char *vi_tone_canonical(const char *s, size_t len, size_t *outlen)
{
    return dp_text_canonical(s, len, &vi_text_rules, outlen);
}

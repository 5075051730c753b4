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
#include <string.h>

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

/* ---- spelling of one syllable ------------------------------------------------ */

/*
 * Letters of a syllable in a one-byte alphabet: the ASCII base letter, with
 * the vowel's diacritic as an upper-case code ('A' ă, 'B' â, 'E' ê, 'O' ô,
 * 'P' ơ, 'U' ư) and 'D' for đ; tone marks are dropped.
 */
static char syllable_letter(unsigned e)
{
    if (e == VI_DSTROKE)
        return 'D';
    int32_t lb = VI_LOWER(e);
    switch (VI_DIA(e)) {
    case 1: /* circumflex */
        return lb == 'a' ? 'B' : lb == 'e' ? 'E' : lb == 'o' ? 'O' : 0;
    case 2: /* breve */
        return lb == 'a' ? 'A' : 0;
    case 3: /* horn */
        return lb == 'o' ? 'P' : lb == 'u' ? 'U' : 0;
    default:
        return (char)lb;
    }
}

static int in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

static int syllable_vowel(char c)
{
    return strchr("aeiouyABEOPU", c) != NULL;
}

/* The vowel groups Vietnamese writes (after qu and gi, which take their u and i). */
static const char *const vowel_groups[] = {
    "a", "A", "B", "e", "E", "i", "o", "O", "P", "u", "U", "y",
    "ai", "ao", "au", "Bu", "ay", "By", "eo", "Eu", "ia", "iE", "iu", "oa", "oA", "oe", "oi", "Oi",
    "Pi", "oo", "ua", "uB", "uE", "ui", "uO", "uP", "uy", "Ua", "Ui", "UP", "Uu", "yE",
    "iEu", "oai", "oao", "oay", "oeo", "uBy", "uOi", "uya", "uyE", "uyu", "UPi", "UPu", "yEu",
    NULL
};

static const char *const initials[] = {
    "", "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", NULL
};

static const char *const finals[] = { "", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL };

int vi_is_syllable(const char *s, size_t len)
{
    char w[VI_MAXLEN + 1];
    size_t n = 0, p = 0;
    while (p < len) {
        int32_t cp = dp_utf8_next(s, len, &p);
        unsigned e = cp < 0 ? 0 : vi_letter(cp);
        if (!e || n == VI_MAXLEN)
            return 0;
        char c = syllable_letter(e);
        if (!c)
            return 0;
        w[n++] = c;
    }
    if (n == 0)
        return 0;
    size_t vs = 0;
    while (vs < n && !syllable_vowel(w[vs]))
        vs++;
    if (vs == n)
        return 0;
    /* "qu" and "gi" before another vowel are initials */
    if (vs == 1 && vs + 1 < n && syllable_vowel(w[vs + 1]) &&
        ((w[0] == 'q' && w[1] == 'u') || (w[0] == 'g' && w[1] == 'i')))
        vs++;
    if (vs == 1 && w[0] == 'q')
        return 0;
    size_t ve = vs;
    while (ve < n && syllable_vowel(w[ve]))
        ve++;
    if (!in_list(w, vs, initials) || !in_list(w + vs, ve - vs, vowel_groups) ||
        !in_list(w + ve, n - ve, finals))
        return 0;
    /* c/k, g/gh and ng/ngh depend on the vowel after them */
    int front = w[vs] == 'i' || w[vs] == 'e' || w[vs] == 'E' || w[vs] == 'y';
    if (vs == 1 && (w[0] == 'k') != front && (w[0] == 'k' || w[0] == 'c'))
        return 0;
    if ((vs == 2 && w[0] == 'g' && w[1] == 'h') || (vs == 3 && w[0] == 'n' && w[2] == 'h'))
        return front;
    return 1;
}

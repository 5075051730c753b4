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

#include <utf8proc.h>

#include "vi_text.h"

static int ccc(int32_t cp) { return utf8proc_get_property(cp)->combining_class; }

struct vl {
    int32_t base; /* base letter, case kept */
    int32_t lb;   /* lower-case base */
    int32_t dia;  /* circumflex, breve or horn, or 0 */
    int32_t tone; /* one of the five tone marks, or 0 */
};

static int is_tone_mark(int32_t m)
{
    return m == 0x300 || m == 0x301 || m == 0x303 || m == 0x309 || m == 0x323;
}

static int is_vowel(int32_t lb)
{
    return lb == 'a' || lb == 'e' || lb == 'i' || lb == 'o' || lb == 'u' || lb == 'y';
}

static int vi_letter(int32_t c, struct vl *v)
{
    int32_t d[8];
    utf8proc_ssize_t n, k;

    v->dia = v->tone = 0;
    if (c < 0x80) {
        v->base = c;
        v->lb = c | 0x20;
        return v->lb >= 'a' && v->lb <= 'z';
    }
    n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, NULL);
    if (n < 1 || n > 8)
        return 0;
    v->base = d[0];
    v->lb = d[0] < 0x80 ? (d[0] | 0x20) : utf8proc_tolower(d[0]);
    if (!((v->lb >= 'a' && v->lb <= 'z') || v->lb == 0x111))
        return 0;
    for (k = 1; k < n; k++) {
        if (is_tone_mark(d[k])) {
            if (v->tone)
                return 0;
            v->tone = d[k];
        } else if (d[k] == 0x302 || d[k] == 0x306 || d[k] == 0x31B) {
            if (v->dia)
                return 0;
            v->dia = d[k];
        } else {
            return 0;
        }
    }
    if ((v->dia || v->tone) && !is_vowel(v->lb))
        return 0;
    return 1;
}

/* The precomposed letter for base + marks, or -1. */
static int32_t vi_compose(int32_t base, int32_t dia, int32_t tone)
{
    int32_t b[3];
    size_t n = 0;

    b[n++] = base;
    if (dia)
        b[n++] = dia;
    if (tone)
        b[n++] = tone;
    /* canonical order: the mark of the lower combining class first (horn 216,
     * dot below 220, the others 230) */
    if (n == 3 && ccc(b[1]) > ccc(b[2])) {
        int32_t t = b[1];
        b[1] = b[2];
        b[2] = t;
    }
    utf8proc_ssize_t r = utf8proc_normalize_utf32(b, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE);
    return r == 1 ? b[0] : -1;
}

#define VI_MAXLEN 12

/* Move the tone mark of one word to the vowel the modern rule chooses. */
static void tone_fix(int32_t *w, size_t n)
{
    struct vl L[VI_MAXLEN];
    size_t k, p, vs, ve, nv, tone_at = 0, tones = 0;
    size_t target = (size_t)-1;
    int32_t a, b;

    if (n < 1 || n > VI_MAXLEN)
        return;
    for (k = 0; k < n; k++) {
        if (!vi_letter(w[k], &L[k]))
            return;
        if (L[k].tone) {
            tones++;
            tone_at = k;
        }
    }
    if (tones != 1)
        return;
    p = 0;
    while (p < n && !is_vowel(L[p].lb))
        p++;
    if (p == n)
        return;
    /* "qu" and "gi" (before another vowel) belong to the initial consonant */
    if (p == 1 && p + 1 < n && is_vowel(L[p + 1].lb) && !L[p].dia &&
        ((L[0].lb == 'q' && L[p].lb == 'u') || (L[0].lb == 'g' && L[p].lb == 'i')))
        p++;
    vs = p;
    while (p < n && is_vowel(L[p].lb))
        p++;
    ve = p;
    for (; p < n; p++)
        if (is_vowel(L[p].lb))
            return; /* vowel after a consonant: not one syllable */
    nv = ve - vs;
    if (nv > 3)
        return;
    for (k = vs; k < ve; k++)
        if (L[k].dia)
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
    a = vi_compose(L[tone_at].base, L[tone_at].dia, 0);
    b = vi_compose(L[target].base, L[target].dia, L[tone_at].tone);
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
static char syllable_letter(const struct vl *v)
{
    if (v->lb == 0x111)
        return 'D';
    if (v->dia == 0x306)
        return v->lb == 'a' ? 'A' : 0;
    if (v->dia == 0x302)
        return v->lb == 'a' ? 'B' : v->lb == 'e' ? 'E' : v->lb == 'o' ? 'O' : 0;
    if (v->dia == 0x31B)
        return v->lb == 'o' ? 'P' : v->lb == 'u' ? 'U' : 0;
    return (char)v->lb;
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
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + p, (utf8proc_ssize_t)(len - p), &cp);
        struct vl v;
        if (k < 1 || n == VI_MAXLEN || !vi_letter(cp, &v))
            return 0;
        char c = syllable_letter(&v);
        if (!c)
            return 0;
        w[n++] = c;
        p += (size_t)k;
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

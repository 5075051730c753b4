/*
 * vi_scan.h — byte-level scanning of Vietnamese text (plugins/lib/vi).
 *
 * The date parser and the dates recognizer look at text byte by byte: every
 * shape they know starts with a digit or an ASCII keyword byte, so most
 * positions are rejected by one comparison.  A word byte is an ASCII letter
 * or digit, or any non-ASCII byte (Vietnamese letters are multi-byte).
 */
#ifndef VI_SCAN_H
#define VI_SCAN_H

#include <stddef.h>
#include <string.h>

static inline int vi_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static inline int vi_is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Position p of s[0..n) starts / ends a word. */
static inline int vi_boundary_before(const char *s, size_t p)
{
    return p == 0 || !vi_is_word_byte((unsigned char)s[p - 1]);
}

static inline int vi_boundary_after(const char *s, size_t n, size_t p)
{
    return p >= n || !vi_is_word_byte((unsigned char)s[p]);
}

/* The number of ' ' at p. */
static inline size_t vi_spaces(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && s[q] == ' ') q++;
    return q - p;
}

/*
 * One of the NULL-terminated words (exact bytes) at p, followed by a word
 * boundary: its length, or 0.  The first byte is compared first: most
 * words fail there.
 */
static inline size_t vi_word_at(const char *s, size_t n, size_t p, const char *const *words)
{
    if (p >= n) return 0;
    char first = s[p];
    for (const char *const *w = words; *w; w++) {
        if ((*w)[0] != first) continue;
        size_t l = strlen(*w);
        if (p + l <= n && memcmp(s + p, *w, l) == 0 && vi_boundary_after(s, n, p + l)) return l;
    }
    return 0;
}

/*
 * Up to maxd digits at p, their value in *v: the count, or 0 when there is
 * no digit or more than maxd follow one another.
 */
static inline size_t vi_number(const char *s, size_t n, size_t p, int maxd, int *v)
{
    size_t q = p;
    int x = 0;
    while (q < n && vi_is_digit((unsigned char)s[q]) && (int)(q - p) < maxd) x = x * 10 + (s[q++] - '0');
    if (q == p || (q < n && vi_is_digit((unsigned char)s[q]))) return 0;
    *v = x;
    return q - p;
}

#endif

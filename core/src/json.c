/*
 * The JSON string escaper every writer shares.  Runs of bytes that need no
 * escape are found eight bytes at a time and copied whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "docpipe/json.h"

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Non-zero when a byte of w is zero / below n (n <= 128). */
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)
#define HAS_LESS(w, n) (((w) - ONES * (n)) & ~(w) & HIGHS)

/* Non-zero when one of the 8 bytes at p may need an escape: ", \, a control, or 0xE2 (U+2028/9). */
static inline int word_needs_escape(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return (HAS_LESS(w, 0x20) | HAS_ZERO(w ^ (ONES * '"')) | HAS_ZERO(w ^ (ONES * '\\')) |
            HAS_ZERO(w ^ (ONES * 0xE2))) != 0;
}

/* The escape of s[*i], or NULL when it goes out as it is; *i moves past what the escape covers. */
static const char *escape_at(const unsigned char *s, size_t len, size_t *i, char buf[7])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char c = s[*i];
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    if (c < 0x20) {
        buf[0] = '\\'; buf[1] = 'u'; buf[2] = '0'; buf[3] = '0';
        buf[4] = hex[c >> 4]; buf[5] = hex[c & 15]; buf[6] = '\0';
        return buf;
    }
    /* U+2028/U+2029 are valid JSON but break JavaScript consumers. */
    if (c == 0xE2 && *i + 2 < len && s[*i + 1] == 0x80 && (s[*i + 2] == 0xA8 || s[*i + 2] == 0xA9)) {
        *i += 2;
        return s[*i] == 0xA8 ? "\\u2028" : "\\u2029";
    }
    return NULL;
}

/* Length of the run of s[i..len) that needs no escape. */
static size_t plain_run(const unsigned char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j + 8 <= len && !word_needs_escape(s + j)) j += 8;
    for (; j < len; j++) {
        unsigned char c = s[j];
        if (c < 0x20 || c == '"' || c == '\\') break;
        if (c == 0xE2 && j + 2 < len && s[j + 1] == 0x80 && (s[j + 2] == 0xA8 || s[j + 2] == 0xA9)) break;
    }
    return j - i;
}

int dp_json_append_string(dp_strbuf *b, const char *str, size_t len)
{
    if (!str) return dp_strbuf_add(b, "null", 4);
    const unsigned char *s = (const unsigned char *)str;
    /* room for the common case at once: no escapes */
    if (dp_strbuf_reserve(b, len + 2) < 0) return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < len) {
        size_t n = plain_run(s, len, i);
        if (n) {
            if (dp_strbuf_add(b, str + i, n) < 0) return -1;
            i += n;
            continue;
        }
        char buf[7];
        const char *esc = escape_at(s, len, &i, buf);
        if (dp_strbuf_puts(b, esc) < 0) return -1;
        i++;
    }
    return dp_strbuf_putc(b, '"');
}

void dp_json_write_string(FILE *out, const char *str, size_t len)
{
    if (!str) { fputs("null", out); return; }
    const unsigned char *s = (const unsigned char *)str;
    putc('"', out);
    size_t i = 0;
    while (i < len) {
        size_t n = plain_run(s, len, i);
        if (n) {
            fwrite(str + i, 1, n, out);
            i += n;
            continue;
        }
        char buf[7];
        fputs(escape_at(s, len, &i, buf), out);
        i++;
    }
    putc('"', out);
}

void dp_json_write_cstr(FILE *out, const char *s)
{
    dp_json_write_string(out, s, s ? strlen(s) : 0);
}

/*
 * decode.c — raw bytes to clean NFC UTF-8 (dp_text_decode).
 */
#include "docpipe/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "latin_table.h"
#include "text_unit.h"

__attribute__((format(printf, 2, 3)))
static int fail(dp_error *err, const char *fmt, ...)
{
    va_list ap;
    char msg[1024];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dp_fail(err, DP_FAILED, "%s", msg);
    return -1;
}

static int nomem(dp_error *err)
{
    dp_fail_nomem(err);
    return -1;
}

static size_t line_of(const char *s, size_t off)
{
    size_t n = 1;
    const char *p = s, *end = s + off;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* 1 UTF-16LE, 2 UTF-16BE, 0 neither: judged by where the NUL bytes fall. */
static int sniff_utf16(const unsigned char *p, size_t len)
{
    size_t n = (len < 8192 ? len : 8192) & ~(size_t)1, i, even = 0, odd = 0;
    size_t pairs = n / 2;

    if (pairs == 0 || (len & 1))
        return 0;
    for (i = 0; i < n; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    if (odd * 4 >= pairs && even * 20 <= odd)
        return 1;
    if (even * 4 >= pairs && odd * 20 <= even)
        return 2;
    return 0;
}

/* Map the documented aliases to glibc iconv names; NULL means UTF-8 as is. */
static const char *iconv_name(const char *enc)
{
    static const struct {
        const char *alias, *name;
    } tab[] = {
        {"utf-8", NULL},          {"utf8", NULL},
        {"utf-16le", "UTF-16LE"}, {"utf16le", "UTF-16LE"},
        {"utf-16be", "UTF-16BE"}, {"utf16be", "UTF-16BE"},
        {"utf-16", "UTF-16"},     {"utf16", "UTF-16"},
        {"windows-1258", "CP1258"}, {"cp1258", "CP1258"},
        {"win1258", "CP1258"},    {"tcvn3", "TCVN5712-1"},
        {"tcvn", "TCVN5712-1"},   {"tcvn5712-1", "TCVN5712-1"},
        {"tcvn-3", "TCVN5712-1"}, {"viscii", "VISCII"},
    };
    size_t i;

    for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcasecmp(enc, tab[i].alias) == 0)
            return tab[i].name;
    return enc;
}

/* Wide encodings legitimately contain NUL bytes. */
static int is_wide(const char *name)
{
    return strstr(name, "16") || strstr(name, "32") || strncasecmp(name, "UCS", 3) == 0;
}

static int convert(const char *name, const char *label, const char *in, size_t len,
                   size_t base, char **out, size_t *outlen, dp_error *err)
{
    iconv_t cd = iconv_open("UTF-8", name);
    size_t cap = len * 2 + 16, il = len, ol;
    char *buf, *ip = (char *)in, *op;
    int flushing = 0;

    if (cd == (iconv_t)-1) {
        if (errno == EINVAL)
            return fail(err, "unknown encoding '%s'", label);
        return fail(err, "cannot convert from '%s': %s", label, strerror(errno));
    }
    buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return nomem(err);
    }
    op = buf;
    ol = cap - 1;
    for (;;) {
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &ol) : iconv(cd, &ip, &il, &op, &ol);

        if (r != (size_t)-1) {
            if (flushing)
                break;
            flushing = 1;
            continue;
        }
        if (errno == E2BIG) {
            size_t used = (size_t)(op - buf);
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                iconv_close(cd);
                return nomem(err);
            }
            buf = nb;
            cap *= 2;
            op = buf + used;
            ol = cap - 1 - used;
            continue;
        }
        {
            int e = errno;
            size_t off = (size_t)(ip - in);
            char where[64];

            if (is_wide(name))
                where[0] = '\0';
            else
                snprintf(where, sizeof where, " (line %zu)", line_of(in, off));
            free(buf);
            iconv_close(cd);
            if (e == EILSEQ)
                return fail(err, "invalid %s at byte %zu%s", label, base + off, where);
            if (e == EINVAL)
                return fail(err, "truncated %s sequence at byte %zu%s", label,
                            base + off, where);
            return fail(err, "cannot convert from '%s': %s", label, strerror(e));
        }
    }
    iconv_close(cd);
    *op = '\0';
    *out = buf;
    *outlen = (size_t)(op - buf);
    return 0;
}

/* Marks already on the current base character (for doubled-mark removal). */
struct markset {
    int32_t starter;
    int ready;
    int n;
    int32_t m[16];
};

static int mark_seen(struct markset *ms, int32_t c)
{
    int k;

    if (!ms->ready) {
        ms->n = 0;
        if (ms->starter >= 0x80) {
            int32_t d[16];
            utf8proc_ssize_t n = utf8proc_decompose_char(ms->starter, d, 16,
                                                         UTF8PROC_DECOMPOSE, NULL);
            for (k = 1; k < n && k < 16; k++)
                ms->m[ms->n++] = d[k];
        }
        ms->ready = 1;
    }
    for (k = 0; k < ms->n; k++)
        if (ms->m[k] == c)
            return 1;
    if (ms->n < 16)
        ms->m[ms->n++] = c;
    return 0;
}

static int plain_ascii(unsigned char b)
{
    return (b >= 0x20 && b < 0x80) || b == '\t' || b == '\n';
}

/* Step 3 of dp_text_decode on valid UTF-8; the result is never longer. */
static char *clean(const char *s, size_t len, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    char *o = malloc(len + 1);
    size_t i = 0, j = 0;
    int32_t prev = -1;
    struct markset ms;

    if (!o)
        return NULL;
    ms.starter = -1;
    ms.ready = 0;
    ms.n = 0;
    while (i < len) {
        unsigned char b = u[i];
        int32_t c;
        size_t n;
        utf8proc_category_t cat;

        if (plain_ascii(b)) {
            size_t k = i + 1;
            while (k < len && plain_ascii(u[k]))
                k++;
            memcpy(o + j, s + i, k - i);
            j += k - i;
            prev = ms.starter = u[k - 1];
            ms.ready = 0;
            i = k;
            continue;
        }
        if (b < 0x80) {
            if (b == '\r') {
                o[j++] = '\n';
                if (i + 1 < len && u[i + 1] == '\n')
                    i++;
                prev = ms.starter = '\n';
                ms.ready = 0;
            }
            i++; /* other C0 controls are dropped */
            continue;
        }
        if (b >= 0xC3 && b <= 0xC9 && i + 1 < len) {
            /* Latin-1 letters to Latin Extended-B (no spaces, no soft hyphen): copied as they are */
            c = ((b & 0x1F) << 6) | (u[i + 1] & 0x3F);
            int x = dp_latin_index(c);
            if (x >= 0 && (dp_latin_table[x].flags & LT_LETTER)) {
                o[j++] = (char)b;
                o[j++] = (char)u[i + 1];
                prev = ms.starter = c;
                ms.ready = 0;
                i += 2;
                continue;
            }
        } else if (b == 0xE1 && i + 2 < len && u[i + 1] >= 0xB8 && u[i + 1] <= 0xBB) {
            /* Latin Extended Additional (the Vietnamese letters): all letters */
            c = ((b & 0x0F) << 12) | ((u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
            memcpy(o + j, s + i, 3);
            j += 3;
            prev = ms.starter = c;
            ms.ready = 0;
            i += 3;
            continue;
        }
        n = i;
        c = dp_utf8_next(s, len, &n);
        n -= i;
        if (c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF) {
            i += n;
            continue;
        }
        cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
            cat == UTF8PROC_CATEGORY_ZP) {
            o[j++] = cat == UTF8PROC_CATEGORY_ZS ? ' ' : '\n';
            prev = ms.starter = o[j - 1];
            ms.ready = 0;
            i += n;
            continue;
        }
        if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
            cat == UTF8PROC_CATEGORY_ME) {
            if (c == prev ||
                (utf8proc_get_property(c)->combining_class > 0 && mark_seen(&ms, c))) {
                i += n;
                continue;
            }
        } else {
            ms.starter = c;
            ms.ready = 0;
        }
        memcpy(o + j, s + i, n);
        j += n;
        prev = c;
        i += n;
    }
    o[j] = '\0';
    *outlen = j;
    return o;
}

int dp_text_decode(const char *in, size_t len, const char *encoding,
                   char **out, size_t *outlen, dp_error *err)
{
    const unsigned char *u = (const unsigned char *)in;
    const char *name = NULL, *label = encoding;
    char *conv = NULL, *cleaned, *res;
    const char *text = in;
    size_t tlen = len, base = 0, clen = 0, rlen = 0, bad = 0;
    int utf8 = 0;

    *out = NULL;
    if (outlen)
        *outlen = 0;
    dp_error_clear(err);
    if (!in) {
        if (len)
            return fail(err, "no input");
        in = "";
        u = (const unsigned char *)in;
    }

    if (!encoding || !*encoding || strcasecmp(encoding, "auto") == 0) {
        if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
            utf8 = 1;
            base = 3;
        } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
            name = label = "UTF-16LE";
            base = 2;
        } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
            name = label = "UTF-16BE";
            base = 2;
        } else {
            const char *nul = memchr(in, 0, len);
            if (nul) {
                int k = sniff_utf16(u, len);
                if (!k)
                    return fail(err, "looks binary: NUL byte at %zu",
                                (size_t)(nul - in));
                name = label = k == 1 ? "UTF-16LE" : "UTF-16BE";
            } else {
                utf8 = 1;
            }
        }
    } else {
        name = iconv_name(encoding);
        if (!name) {
            utf8 = 1;
            if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
                base = 3;
        }
        if (!name || !is_wide(name)) {
            const char *nul = memchr(in, 0, len);
            if (nul)
                return fail(err, "looks binary: NUL byte at %zu", (size_t)(nul - in));
        }
    }
    text = in + base;
    tlen = len - base;

    if (utf8) {
        if (!dp_utf8_valid(text, tlen, &bad)) {
            size_t off = base + bad;
            /* a lead byte whose continuation bytes run off the end */
            unsigned char lb = (unsigned char)text[bad];
            size_t n = lb >= 0xF0 ? 4 : lb >= 0xE0 ? 3 : lb >= 0xC2 ? 2 : 1;

            if (n > 1 && tlen - bad < n) {
                size_t k;
                for (k = bad + 1; k < tlen && (text[k] & 0xC0) == 0x80; k++)
                    ;
                if (k == tlen)
                    return fail(err,
                                "invalid UTF-8 at byte %zu (line %zu): truncated sequence "
                                "at end of input", off, line_of(in, off));
            }
            return fail(err, "invalid UTF-8 at byte %zu (line %zu)", off,
                        line_of(in, off));
        }
    } else {
        if (convert(name, label, text, tlen, base, &conv, &clen, err))
            return -1;
        text = conv;
        tlen = clen;
        if (!dp_utf8_valid(text, tlen, &bad)) {
            free(conv);
            return fail(err, "converter for '%s' produced invalid UTF-8", label);
        }
    }

    cleaned = clean(text, tlen, &clen);
    free(conv);
    if (!cleaned)
        return nomem(err);
    if (dp_text_quick_nfc(cleaned, clen) == 1) {
        res = cleaned; /* NFC already: no copy */
        rlen = clen;
    } else {
        res = dp_text_nfc(cleaned, clen, &rlen);
        free(cleaned);
        if (!res)
            return nomem(err);
    }
    *out = res;
    if (outlen)
        *outlen = rlen;
    return 0;
}

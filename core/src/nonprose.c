/* Text that is not prose: URLs, e-mail addresses, file names (docpipe/nonprose.h). */
#include <string.h>

#include "docpipe/chars.h"
#include "docpipe/nonprose.h"
#include "docpipe/text.h"

const char *dp_nonprose_kind_name(dp_nonprose_kind kind)
{
    switch (kind) {
    case DP_NONPROSE_URL: return "url";
    case DP_NONPROSE_EMAIL: return "email";
    case DP_NONPROSE_FILENAME: return "filename";
    case DP_NONPROSE_NONE: break;
    }
    return NULL;
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Bytes of a scheme-less token: host names, paths, e-mail addresses, file names. */
static int is_token_byte(unsigned char c)
{
    return is_alnum(c) || (c && strchr("._%+-@/:?#=&~", c) != NULL);
}

/* Bytes that may precede a token without being part of it. */
static int continues_token(unsigned char c) { return is_alnum(c) || (c && strchr("._%+-@/", c)); }

/* The code point before pos (-1 at the start or on invalid UTF-8). */
static int32_t cp_before(const char *s, size_t len, size_t pos)
{
    if (pos == 0) return -1;
    size_t p = pos - 1;
    while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
    return dp_utf8_next(s, len, &p);
}

static int32_t cp_at(const char *s, size_t len, size_t pos)
{
    if (pos >= len) return -1;
    return dp_utf8_next(s, len, &pos);
}

static int starts_ci(const char *s, size_t len, size_t p, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len - p < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[p + i] | 32) != (unsigned char)prefix[i]) return 0;
    return 1;
}

/* Drop trailing sentence punctuation (the set the dates recognizer trims). */
static size_t trim_punct(const char *s, size_t start, size_t end)
{
    while (end > start && strchr(".,;:!?)]'", s[end - 1])) end--;
    return end;
}

/* A URL with a scheme: up to white space (or a non-letter beyond ASCII), a quote or <>. */
static size_t scheme_url_end(const char *s, size_t len, size_t p)
{
    size_t q = p;
    while (q < len) {
        unsigned char c = (unsigned char)s[q];
        if (c <= ' ' || c == '"' || c == '<' || c == '>') break;
        if (c >= 0x80) {
            size_t at = q;
            int32_t cp = dp_utf8_next(s, len, &at);
            if (!dp_char_is_word(cp)) break;
            q = at;
            continue;
        }
        q++;
    }
    return trim_punct(s, p, q);
}

static const char *const GENERIC_TLDS[] = { "com", "net", "org", "gov", "edu", "int", "mil", "info",
                                            "biz", "name", "pro", "io", "app", "dev", "news",
                                            "asia", "mobi", "online", "site", "xyz", "top", NULL };

/* s[a..b) is a top-level domain we accept. */
static int known_tld(const char *s, size_t a, size_t b)
{
    if (b - a == 2) return is_lower((unsigned char)s[a]) && is_lower((unsigned char)s[a + 1]);
    for (const char *const *t = GENERIC_TLDS; *t; t++)
        if (strlen(*t) == b - a && memcmp(s + a, *t, b - a) == 0) return 1;
    return 0;
}

/* s[a..b) is a host name: labels of [A-Za-z0-9-] joined by dots, at least two, a known TLD. */
static int is_host(const char *s, size_t a, size_t b)
{
    size_t labels = 0, label_start = a;
    for (size_t i = a; i <= b; i++) {
        if (i == b || s[i] == '.') {
            if (i == label_start || s[label_start] == '-' || s[i - 1] == '-') return 0;
            labels++;
            label_start = i + 1;
        } else if (!is_alnum((unsigned char)s[i]) && s[i] != '-') {
            return 0;
        }
    }
    if (labels < 2) return 0;
    size_t tld = b;
    while (tld > a && s[tld - 1] != '.') tld--;
    for (size_t i = tld; i < b; i++)
        if (!((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) return 0;
    return known_tld(s, tld, b);
}

/* local@host.tld over all of s[a..b). */
static int is_email(const char *s, size_t a, size_t b)
{
    const char *at = memchr(s + a, '@', b - a);
    if (!at || at == s + a) return 0;
    size_t h = (size_t)(at - s) + 1;
    for (size_t i = a; i + 1 < h; i++)
        if (!is_alnum((unsigned char)s[i]) && !strchr("._%+-", s[i])) return 0;
    for (size_t i = h; i < b; i++)
        if (!is_alnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '-') return 0;
    const char *dot = NULL;
    for (size_t i = h; i < b; i++)
        if (s[i] == '.') dot = s + i;
    return dot && dot > s + h && (size_t)(s + b - dot) >= 3;
}

static const char *const FILE_EXTS[] = { "jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif",
                                         "tiff", "heic", "pdf", "doc", "docx", "xls", "xlsx",
                                         "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
                                         "zip", "rar", "7z", "gz", "mp3", "mp4", "m4a", "wav",
                                         "avi", "mov", "mkv", "webm", "html", "htm", NULL };

/* s[a..b) is a file name: [A-Za-z0-9._/-], a name, a dot and a known extension. */
static int is_filename(const char *s, size_t a, size_t b)
{
    size_t dot = b;
    for (size_t i = a; i < b; i++) {
        if (!is_alnum((unsigned char)s[i]) && !strchr("._/-", s[i])) return 0;
        if (s[i] == '.') dot = i;
    }
    if (dot == b || dot == a || s[dot - 1] == '/' || s[dot - 1] == '.') return 0;
    for (const char *const *e = FILE_EXTS; *e; e++) {
        size_t n = strlen(*e);
        if (n != b - dot - 1) continue;
        size_t i = 0;
        while (i < n && ((unsigned char)s[dot + 1 + i] | 32) == (unsigned char)(*e)[i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

/* The non-prose span starting at token start p, or NONE; *end set on success. */
static dp_nonprose_kind span_at(const char *s, size_t len, size_t p, size_t *end)
{
    size_t host = starts_ci(s, len, p, "http://")    ? p + 7
                  : starts_ci(s, len, p, "https://") ? p + 8
                  : starts_ci(s, len, p, "ftp://")   ? p + 6
                                                     : 0;
    if (host) {
        size_t e = scheme_url_end(s, len, p);
        if (e <= host) return DP_NONPROSE_NONE;
        *end = e;
        return DP_NONPROSE_URL;
    }
    size_t q = p;
    while (q < len && is_token_byte((unsigned char)s[q])) q++;
    q = trim_punct(s, p, q);
    if (q == p || dp_char_is_word(cp_at(s, len, q))) return DP_NONPROSE_NONE;
    if (!memchr(s + p, '.', q - p)) return DP_NONPROSE_NONE;
    if (memchr(s + p, '@', q - p)) {
        if (!is_email(s, p, q)) return DP_NONPROSE_NONE;
        *end = q;
        return DP_NONPROSE_EMAIL;
    }
    size_t host_end = p;
    while (host_end < q && !strchr("/:?#", s[host_end])) host_end++;
    int www = starts_ci(s, len, p, "www.");
    if (!www && host_end == q && is_filename(s, p, q)) {
        *end = q;
        return DP_NONPROSE_FILENAME;
    }
    if (is_host(s, p, host_end) || (www && host_end > p + 4 && is_host(s, p + 4, host_end))) {
        *end = q;
        return DP_NONPROSE_URL;
    }
    if (is_filename(s, p, q)) {
        *end = q;
        return DP_NONPROSE_FILENAME;
    }
    return DP_NONPROSE_NONE;
}

dp_nonprose_kind dp_text_nonprose_next(const char *s, size_t len, size_t from, size_t *start,
                                       size_t *end)
{
    size_t p = from;
    while (p < len) {
        unsigned char c = (unsigned char)s[p];
        if (!is_alnum(c)) {
            p++;
            continue;
        }
        int32_t before = cp_before(s, len, p);
        if (!(before >= 0 && before < 0x80 && continues_token((unsigned char)before)) &&
            !dp_char_is_word(before)) {
            size_t e = 0;
            dp_nonprose_kind k = span_at(s, len, p, &e);
            if (k != DP_NONPROSE_NONE) {
                *start = p;
                *end = e;
                return k;
            }
        }
        /* Not here: skip this word (a URL may follow its punctuation: "xem:https://…"). */
        while (p < len && is_alnum((unsigned char)s[p])) p++;
    }
    return DP_NONPROSE_NONE;
}

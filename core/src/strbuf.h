/* A growable byte buffer for the core's own string building (not public). */
#ifndef DP_STRBUF_H
#define DP_STRBUF_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dp_strbuf {
    char *data;
    size_t len, cap;
    int oom; /* set once an allocation failed; later appends are no-ops */
} dp_strbuf;

static inline int dp_strbuf_reserve(dp_strbuf *b, size_t extra)
{
    if (b->oom) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > (size_t)-1 / 2) { b->oom = 1; return -1; }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) { b->oom = 1; return -1; }
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0';
    return 0;
}

static inline int dp_strbuf_add(dp_strbuf *b, const char *s, size_t n)
{
    if (dp_strbuf_reserve(b, n) < 0) return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static inline int dp_strbuf_puts(dp_strbuf *b, const char *s) { return dp_strbuf_add(b, s, strlen(s)); }

static inline int dp_strbuf_vprintf(dp_strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || dp_strbuf_reserve(b, (size_t)n) < 0) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

static inline int dp_strbuf_printf(dp_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int dp_strbuf_printf(dp_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = dp_strbuf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

static inline void dp_strbuf_free(dp_strbuf *b) { free(b->data); b->data = NULL; b->len = b->cap = 0; }

#endif

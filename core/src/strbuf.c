/* The string builder (docpipe/strbuf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/strbuf.h"

int dp_strbuf_reserve(dp_strbuf *b, size_t extra)
{
    if (b->oom) return -1;
    if (extra > (size_t)-1 - b->len - 1) { b->oom = 1; return -1; }
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

int dp_strbuf_add(dp_strbuf *b, const char *s, size_t n)
{
    if (dp_strbuf_reserve(b, n) < 0) return -1;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int dp_strbuf_puts(dp_strbuf *b, const char *s) { return dp_strbuf_add(b, s, strlen(s)); }

int dp_strbuf_putc(dp_strbuf *b, char c) { return dp_strbuf_add(b, &c, 1); }

int dp_strbuf_vprintf(dp_strbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) { b->oom = 1; return -1; }
    if (dp_strbuf_reserve(b, (size_t)n) < 0) return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int dp_strbuf_printf(dp_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = dp_strbuf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

const char *dp_strbuf_str(const dp_strbuf *b) { return b->data ? b->data : ""; }

void dp_strbuf_clear(dp_strbuf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->data) b->data[0] = '\0';
}

char *dp_strbuf_take(dp_strbuf *b)
{
    char *s = b->oom ? NULL : b->data ? b->data : strdup("");
    if (b->oom) free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
    return s;
}

void dp_strbuf_free(dp_strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

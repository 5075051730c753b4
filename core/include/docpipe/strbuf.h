/*
 * docpipe/strbuf.h — a growable string builder.
 *
 * Plugins and the core build messages, keys and output lines with it instead
 * of each writing its own.  A dp_strbuf starts zeroed (DP_STRBUF_INIT or
 * `= { 0 }`); its `data` is NUL-terminated once anything was added and NULL
 * before.  When an allocation fails the buffer remembers it (`oom`): later
 * appends do nothing and return -1, so a caller may append many pieces and
 * check once at the end.
 *
 *     dp_strbuf b = DP_STRBUF_INIT;
 *     dp_strbuf_puts(&b, "Ministry of ");
 *     dp_strbuf_printf(&b, "%s", name);
 *     char *s = dp_strbuf_take(&b);          // NULL when memory ran out
 *
 * The members are public: read them directly.
 */
#ifndef DOCPIPE_STRBUF_H
#define DOCPIPE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_strbuf {
    char *data; /* malloc'ed, NUL-terminated; NULL while nothing was added */
    size_t len; /* bytes in data, without the NUL */
    size_t cap; /* bytes allocated */
    int oom;    /* set once an allocation failed; later appends are no-ops */
} dp_strbuf;

#define DP_STRBUF_INIT { NULL, 0, 0, 0 }

/*
 * Make room for `extra` more bytes (and the NUL).  Returns 0, or -1 when
 * memory is exhausted (then oom is set).
 */
int dp_strbuf_reserve(dp_strbuf *b, size_t extra);

/* Append s[0..n), a NUL-terminated string, one byte, or printf output.
 * Each returns 0, or -1 when memory is exhausted now or was before. */
int dp_strbuf_add(dp_strbuf *b, const char *s, size_t n);
int dp_strbuf_puts(dp_strbuf *b, const char *s);
int dp_strbuf_putc(dp_strbuf *b, char c);
int dp_strbuf_printf(dp_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dp_strbuf_vprintf(dp_strbuf *b, const char *fmt, va_list ap);

/* The text so far (partial after a failed append): never NULL, "" when empty. */
const char *dp_strbuf_str(const dp_strbuf *b);

/* Forget the text but keep the memory (and clear oom) for the next use. */
void dp_strbuf_clear(dp_strbuf *b);

/*
 * Hand the malloc'ed string over to the caller (free() it) and leave b
 * empty.  An empty buffer gives a malloc'ed "".  NULL when memory ran out at
 * any point (the partial text is freed).
 */
char *dp_strbuf_take(dp_strbuf *b);

/* Release the memory; b is empty and usable again. */
void dp_strbuf_free(dp_strbuf *b);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_STRBUF_H */

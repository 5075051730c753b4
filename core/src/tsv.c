/* The TSV data loader (docpipe/tsv.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docpipe/strbuf.h"
#include "docpipe/text.h"
#include "docpipe/tsv.h"

struct dp_tsv {
    char *name;
    FILE *fp;              /* a file, opened at the first dp_tsv_next */
    int opened;
    const char *data;      /* or a buffer */
    size_t data_len, data_pos;
    size_t lineno;
    size_t min_cols, max_cols;
    const char *columns;
    dp_strbuf line;        /* the current line, cut into columns in place */
    char *got;             /* getline's buffer */
    size_t got_cap;
    const char **col;
    size_t *len;
    size_t col_cap;
    char error[1024];
    int failed;
};

static dp_tsv *reader_new(const char *name)
{
    dp_tsv *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->name = strdup(name ? name : "(buffer)");
    if (!t->name) { free(t); return NULL; }
    t->min_cols = 1;
    return t;
}

dp_tsv *dp_tsv_open(const char *path) { return reader_new(path); }

dp_tsv *dp_tsv_open_buffer(const char *name, const char *data, size_t len)
{
    dp_tsv *t = reader_new(name);
    if (!t) return NULL;
    t->data = data ? data : "";
    t->data_len = data ? len : 0;
    t->opened = 1;
    return t;
}

void dp_tsv_expect(dp_tsv *t, size_t min_cols, size_t max_cols, const char *columns)
{
    t->min_cols = min_cols;
    t->max_cols = max_cols;
    t->columns = columns;
}

static int fail_at(dp_tsv *t, int with_line, const char *fmt, va_list ap)
{
    int n = with_line ? snprintf(t->error, sizeof t->error, "%s:%zu: ", t->name, t->lineno)
                      : snprintf(t->error, sizeof t->error, "%s: ", t->name);
    if (n >= 0 && (size_t)n < sizeof t->error) vsnprintf(t->error + n, sizeof t->error - (size_t)n, fmt, ap);
    t->failed = 1;
    return -1;
}

static int fail_file(dp_tsv *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail_file(dp_tsv *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_at(t, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int dp_tsv_fail(dp_tsv *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fail_at(t, 1, fmt, ap);
    va_end(ap);
    return -1;
}

static int open_file(dp_tsv *t)
{
    t->opened = 1;
    t->fp = fopen(t->name, "r");
    if (!t->fp) return fail_file(t, "%s", strerror(errno));
    struct stat st;
    if (fstat(fileno(t->fp), &st) == 0 && S_ISDIR(st.st_mode)) return fail_file(t, "is a directory");
    return 0;
}

/* The next raw line (without its LF) in s[0..n): 1, 0 at the end, -1 on a read error. */
static int raw_line(dp_tsv *t, const char **s, size_t *n)
{
    if (t->fp) {
        errno = 0;
        ssize_t got = getline(&t->got, &t->got_cap, t->fp);
        if (got < 0) {
            if (ferror(t->fp)) return fail_file(t, "read error: %s", strerror(errno ? errno : EIO));
            return 0;
        }
        if (got > 0 && t->got[got - 1] == '\n') got--;
        *s = t->got;
        *n = (size_t)got;
        return 1;
    }
    if (t->data_pos >= t->data_len) return 0;
    const char *line = t->data + t->data_pos;
    const char *nl = memchr(line, '\n', t->data_len - t->data_pos);
    *n = nl ? (size_t)(nl - line) : t->data_len - t->data_pos;
    t->data_pos += *n + (nl ? 1 : 0);
    *s = line;
    return 1;
}

static void describe_count(dp_strbuf *b, const dp_tsv *t)
{
    if (t->max_cols == 0) dp_strbuf_printf(b, "at least %zu", t->min_cols);
    else if (t->max_cols == t->min_cols) dp_strbuf_printf(b, "%zu", t->min_cols);
    else if (t->max_cols == t->min_cols + 1) dp_strbuf_printf(b, "%zu or %zu", t->min_cols, t->max_cols);
    else dp_strbuf_printf(b, "%zu to %zu", t->min_cols, t->max_cols);
}

/* Cut the current line into columns. */
static int split(dp_tsv *t, size_t *ncols)
{
    size_t n = 0;
    char *p = t->line.data;
    for (;;) {
        if (n == t->col_cap) {
            size_t cap = t->col_cap ? t->col_cap * 2 : 8;
            const char **c = realloc(t->col, cap * sizeof *c);
            if (!c) return -1;
            t->col = c;
            size_t *l = realloc(t->len, cap * sizeof *l);
            if (!l) return -1;
            t->len = l;
            t->col_cap = cap;
        }
        char *tab = strchr(p, '\t');
        t->col[n] = p;
        t->len[n] = tab ? (size_t)(tab - p) : strlen(p);
        n++;
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    *ncols = n;
    return 0;
}

int dp_tsv_next(dp_tsv *t, dp_tsv_row *row)
{
    if (t->failed) return -1;
    if (!t->opened && open_file(t) < 0) return -1;
    const char *s = NULL;
    size_t n = 0;
    int r;
    for (;;) {
        if ((r = raw_line(t, &s, &n)) <= 0) return r;
        t->lineno++;
        if (n && s[n - 1] == '\r') n--;
        if (n > 0 && s[0] != '#') break;
    }
    size_t bad;
    if (!dp_utf8_valid(s, n, &bad)) return dp_tsv_fail(t, "invalid UTF-8 at byte %zu of the line", bad + 1);
    if (memchr(s, '\0', n)) return dp_tsv_fail(t, "NUL byte in the line");
    dp_strbuf_clear(&t->line);
    if (dp_text_is_nfc(s, n)) {
        dp_strbuf_add(&t->line, s, n);
    } else {
        size_t nn;
        char *nfc = dp_text_nfc(s, n, &nn);
        if (!nfc) return dp_tsv_fail(t, "out of memory");
        dp_strbuf_add(&t->line, nfc, nn);
        free(nfc);
    }
    size_t ncols;
    if (t->line.oom || split(t, &ncols) < 0) return dp_tsv_fail(t, "out of memory");
    if (ncols < t->min_cols || (t->max_cols && ncols > t->max_cols)) {
        dp_strbuf m = DP_STRBUF_INIT;
        dp_strbuf_puts(&m, "expected ");
        describe_count(&m, t);
        dp_strbuf_printf(&m, " TAB-separated column%s", t->min_cols == 1 && t->max_cols == 1 ? "" : "s");
        if (t->columns) dp_strbuf_printf(&m, " (%s)", t->columns);
        dp_strbuf_printf(&m, ", found %zu", ncols);
        dp_tsv_fail(t, "%s", m.oom ? "unexpected number of columns" : m.data);
        dp_strbuf_free(&m);
        return -1;
    }
    row->line = t->lineno;
    row->n = ncols;
    row->col = t->col;
    row->len = t->len;
    return 1;
}

const char *dp_tsv_error(const dp_tsv *t) { return t->error; }
const char *dp_tsv_name(const dp_tsv *t) { return t->name; }

void dp_tsv_close(dp_tsv *t)
{
    if (!t) return;
    if (t->fp) fclose(t->fp);
    dp_strbuf_free(&t->line);
    free(t->got);
    free(t->col);
    free(t->len);
    free(t->name);
    free(t);
}

/* ---- attributes ---------------------------------------------------------- */

static int is_blank(char c) { return c == ' ' || c == '\t'; }

int dp_tsv_attr_next(const char *s, size_t len, size_t *pos, size_t *k, size_t *kl, size_t *v, size_t *vl)
{
    while (*pos < len) {
        size_t a = *pos;
        const char *semi = memchr(s + a, ';', len - a);
        size_t b = semi ? (size_t)(semi - s) : len;
        *pos = semi ? b + 1 : len;
        while (a < b && is_blank(s[a])) a++;
        while (b > a && is_blank(s[b - 1])) b--;
        if (a == b) continue;
        const char *eq = memchr(s + a, '=', b - a);
        *k = a;
        if (!eq || eq == s + a) {
            *kl = b - a;
            return -1;
        }
        *kl = (size_t)(eq - (s + a));
        *v = *k + *kl + 1;
        *vl = b - *v;
        return 1;
    }
    return 0;
}

const char *dp_tsv_attr(const char *s, size_t len, const char *key, size_t *vlen)
{
    size_t pos = 0, k, kl, v, vl, want = strlen(key);
    int r;
    while ((r = dp_tsv_attr_next(s, len, &pos, &k, &kl, &v, &vl)) != 0) {
        if (r > 0 && kl == want && memcmp(s + k, key, want) == 0) {
            if (vlen) *vlen = vl;
            return s + v;
        }
    }
    return NULL;
}

/* Glossary tables: TSV loading into a hash table keyed by the phrase key,
 * and the tokenizer that makes phrase keys. Read-only once loaded. */
#include "gloss.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "fnv.h"

typedef struct gl_slot {
    char *key;
    gl_entry *head, *tail;
} gl_slot;

struct gl_table {
    const dp_text_rules *rules;
    gl_slot *slots;
    size_t cap, used;
    size_t max_tokens;
};

gl_table *gl_table_new(const dp_text_rules *rules)
{
    gl_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->rules = rules;
    t->cap = 256;
    t->slots = calloc(t->cap, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void gl_table_free(gl_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->cap; i++) {
        gl_entry *e = t->slots[i].head;
        while (e) {
            gl_entry *n = e->next_same;
            free(e);
            e = n;
        }
        free(t->slots[i].key);
    }
    free(t->slots);
    free(t);
}

size_t gl_table_max_tokens(const gl_table *t) { return t->max_tokens; }

static gl_slot *find_slot(gl_slot *slots, size_t cap, const char *key)
{
    size_t i = (size_t)fnv1a64(FNV1A64_INIT, key, strlen(key)) & (cap - 1);
    while (slots[i].key && strcmp(slots[i].key, key) != 0) i = (i + 1) & (cap - 1);
    return &slots[i];
}

const gl_entry *gl_table_get(const gl_table *t, const char *key)
{
    if (!key || !*key) return NULL;
    gl_slot *s = find_slot(t->slots, t->cap, key);
    return s->key ? s->head : NULL;
}

static int grow(gl_table *t)
{
    size_t ncap = t->cap * 2;
    gl_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->slots[i].key) continue;
        *find_slot(ns, ncap, t->slots[i].key) = t->slots[i];
    }
    free(t->slots);
    t->slots = ns;
    t->cap = ncap;
    return 0;
}

/* Insert (takes ownership of key and e). */
static int insert(gl_table *t, char *key, gl_entry *e, size_t ntok)
{
    if ((t->used + 1) * 2 > t->cap && grow(t) < 0) return -1;
    gl_slot *s = find_slot(t->slots, t->cap, key);
    if (s->key) {
        free(key);
        s->tail->next_same = e;
        s->tail = e;
    } else {
        s->key = key;
        s->head = s->tail = e;
        t->used++;
    }
    if (ntok > t->max_tokens) t->max_tokens = ntok;
    return 0;
}

/* ---- tokens ---------------------------------------------------------------- */

static gl_tok_type classify(int32_t c)
{
    switch (c) {
    case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
        return GL_T_DASH;
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB:
        return GL_T_QUOTE;
    case '(': case '[':
        return GL_T_OPEN;
    case ')': case ']':
        return GL_T_CLOSE;
    case ',': case ';':
        return GL_T_COMMA;
    case ':': case '!': case '?': case 0x2026: case '/':
        return GL_T_OTHER;
    default:
        return GL_T_WORD;
    }
}

static int is_space(int32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void gl_tokens_free(gl_tok *t, size_t n)
{
    if (!t) return;
    for (size_t i = 0; i < n; i++) free(t[i].key);
    free(t);
}

long gl_tokenize(const dp_text_rules *rules, const char *s, size_t len, gl_tok **out)
{
    size_t cap = 16, n = 0, pos = 0;
    gl_tok *t = malloc(cap * sizeof *t);
    if (!t) return -1;
    int space = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t c = dp_utf8_next(s, len, &pos);
        if (c < 0) continue;
        if (is_space(c)) {
            space = 1;
            continue;
        }
        gl_tok_type ty = classify(c);
        size_t end = pos;
        if (ty == GL_T_WORD && c == '.') {
            ty = GL_T_OTHER;
        } else if (ty == GL_T_WORD) {
            while (end < len) {
                size_t p2 = end;
                int32_t c2 = dp_utf8_next(s, len, &p2);
                if (c2 < 0 || is_space(c2) || classify(c2) != GL_T_WORD) break;
                if (c2 == '.') { /* a full stop inside a word (qdnd.vn, 2.0), not at its end */
                    size_t p3 = p2;
                    int32_t c3 = p3 < len ? dp_utf8_next(s, len, &p3) : -1;
                    if (c3 < 0 || is_space(c3) || classify(c3) != GL_T_WORD || c3 == '.') break;
                }
                end = p2;
            }
            /* a trailing full stop ends a sentence, not an abbreviation we know */
        }
        if (n == cap) {
            gl_tok *nt = realloc(t, cap * 2 * sizeof *t);
            if (!nt) goto oom;
            t = nt;
            cap *= 2;
        }
        gl_tok *k = &t[n];
        k->start = at;
        k->end = end;
        k->type = ty;
        k->space_before = space || n == 0;
        switch (ty) {
        case GL_T_WORD: k->key = dp_text_match_key(s + at, end - at, rules, NULL, NULL); break;
        case GL_T_DASH: k->key = strdup("-"); break;
        case GL_T_QUOTE: k->key = strdup("\""); break;
        case GL_T_OPEN: k->key = strdup("("); break;
        case GL_T_CLOSE: k->key = strdup(")"); break;
        case GL_T_COMMA: k->key = strdup(","); break;
        default: k->key = strndup(s + at, end - at); break;
        }
        if (!k->key) goto oom;
        n++;
        pos = end;
        space = 0;
    }
    *out = t;
    return (long)n;
oom:
    gl_tokens_free(t, n);
    return -1;
}

int gl_tok_dropped(const gl_tok *t, size_t i, size_t n)
{
    (void)n;
    if (strcmp(t[i].key, "các") == 0) return 1;
    if (strcmp(t[i].key, "nước") == 0 && i > 0 && strcmp(t[i - 1].key, "các") == 0) return 1;
    return 0;
}

char *gl_tokens_key(const gl_tok *t, size_t a, size_t b)
{
    size_t len = 0;
    for (size_t i = a; i < b; i++) len += strlen(t[i].key) + 1;
    char *k = malloc(len + 1);
    if (!k) return NULL;
    size_t o = 0;
    for (size_t i = a; i < b; i++) {
        if (gl_tok_dropped(t, i, b)) continue;
        size_t l = strlen(t[i].key);
        if (o) k[o++] = ' ';
        memcpy(k + o, t[i].key, l);
        o += l;
    }
    k[o] = '\0';
    return k;
}

/* ---- loading --------------------------------------------------------------- */

static const struct { const char *name; gl_kind kind; } kinds[] = {
    { "term", GL_TERM },       { "head", GL_HEAD },       { "head_of", GL_HEAD_OF },
    { "head_keep", GL_HEAD_KEEP }, { "meeting", GL_MEETING }, { "role", GL_ROLE },
    { "name", GL_NAME },       { "prep", GL_PREP },       { "conj", GL_CONJ },
    { "drop", GL_DROP },       { "number", GL_NUMBER },   { "ordinal", GL_ORDINAL },
    { "numbered", GL_NUMBERED }, { "year", GL_YEAR },     { "level", GL_LEVEL },
    { "suffix", GL_SUFFIX },
};

/* Value of key in the attributes column "k=v;k=v" (copied into buf), or NULL. */
static const char *attr_get(const char *attrs, const char *key, char *buf, size_t size)
{
    size_t vl;
    const char *v = dp_tsv_attr(attrs, strlen(attrs), key, &vl);
    if (!v) return NULL;
    if (vl >= size) vl = size - 1;
    memcpy(buf, v, vl);
    buf[vl] = '\0';
    return buf;
}

/* One allocation holding the entry and copies of its strings. */
static gl_entry *entry_new(const char *const *strs, size_t nstr)
{
    size_t total = sizeof(gl_entry);
    for (size_t i = 0; i < nstr; i++) total += strs[i] ? strlen(strs[i]) + 1 : 0;
    gl_entry *e = calloc(1, total);
    if (!e) return NULL;
    char *p = (char *)(e + 1);
    const char **dst[] = { &e->vi, &e->en, &e->type, &e->id, &e->adj, &e->iso, &e->countries, &e->src, &e->alt };
    for (size_t i = 0; i < nstr && i < sizeof dst / sizeof dst[0]; i++) {
        if (!strs[i]) continue;
        size_t l = strlen(strs[i]);
        memcpy(p, strs[i], l + 1);
        *dst[i] = p;
        p += l + 1;
    }
    return e;
}

/* Key the row and insert it (takes ownership of e); -1 when memory is exhausted. */
static int add_row(gl_table *t, const char *vi, gl_entry *e)
{
    gl_tok *tok;
    long n = gl_tokenize(t->rules, vi, strlen(vi), &tok);
    if (n < 0) goto oom;
    char *key = gl_tokens_key(tok, 0, (size_t)n);
    gl_tokens_free(tok, (size_t)n);
    if (!key) goto oom;
    if (!*key) { /* nothing but plural markers: not a phrase */
        free(key);
        free(e);
        return 0;
    }
    if (insert(t, key, e, (size_t)n) < 0) goto oom;
    return 0;
oom:
    free(e);
    return -1;
}

static int load_file(gl_table *t, const char *path, gl_format format, int roles, char *err, size_t errlen);

int gl_table_load(gl_table *t, const char *path, gl_format format, char *err, size_t errlen)
{
    return load_file(t, path, format, 0, err, errlen);
}

int gl_table_load_roles(gl_table *t, const char *path, gl_format format, char *err, size_t errlen)
{
    return load_file(t, path, format, 1, err, errlen);
}

/* The columns of each format (data/README.md). */
static const struct { size_t min, max; const char *columns; } formats[] = {
    [GL_FMT_GLOSSARY] = { 3, 4, "vi, en, kind[, note]" },
    [GL_FMT_GAZETTEER] = { 4, 5, "surface, type, id, english[, attrs]" },
    [GL_FMT_RANKS] = { 4, 4, "vi, en_official, en_wikipedia, group" },
    [GL_FMT_TITLES] = { 3, 3, "vi, en, kind" },
};

/* The entry of one row, NULL when memory is exhausted; *skip for a row the table does not take. */
static gl_entry *row_entry(dp_tsv *t, const dp_tsv_row *row, gl_format format, int roles, const char *src,
                           int *skip)
{
    const char *const *col = row->col;
    const char *vi = col[0];
    gl_entry *e = NULL;
    *skip = 0;
    if (format == GL_FMT_GLOSSARY) {
        gl_kind kind = 0;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strcmp(col[2], kinds[i].name) == 0) kind = kinds[i].kind;
        if (!kind) {
            dp_tsv_fail(t, "unknown kind '%s'", col[2]);
            *skip = -1;
            return NULL;
        }
        const char *countries = NULL;
        if (row->n > 3 && strncmp(col[3], "countries=", 10) == 0) countries = col[3] + 10;
        const char *s[] = { vi, col[1], NULL, NULL, NULL, NULL, countries, src, NULL };
        e = entry_new(s, 9);
        if (e) e->kind = kind;
    } else if (format == GL_FMT_GAZETTEER) {
        char adj[128], iso[16], kindv[64];
        const char *attrs = row->n > 4 ? col[4] : "";
        const char *a = attr_get(attrs, "adj", adj, sizeof adj);
        const char *k = attr_get(attrs, "kind", kindv, sizeof kindv);
        const char *is = attr_get(attrs, "iso2", iso, sizeof iso);
        if (is)
            for (char *c = iso; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        const char *s[] = { vi, col[3], col[1], col[2], a, is, NULL, src, NULL };
        e = entry_new(s, 9);
        if (e) {
            char amb[64];
            e->ambiguous = attr_get(attrs, "ambiguous", amb, sizeof amb) != NULL;
            if (k && (strcmp(k, "country") == 0 || strcmp(k, "territory") == 0)) e->kind = GL_COUNTRY;
            else if (strcmp(col[1], "LOC") == 0) e->kind = GL_PLACE;
            else e->kind = GL_NAME;
        }
    } else if (format == GL_FMT_RANKS) {
        const char *s[] = { vi, col[1], NULL, NULL, NULL, NULL, NULL, src, col[2] };
        e = entry_new(s, 9);
        if (e) e->kind = GL_ROLE;
    } else {
        if (roles && strcmp(col[2], "title") != 0) { /* honorifics: ông, bà … */
            *skip = 1;
            return NULL;
        }
        const char *s[] = { vi, col[1], col[2], NULL, NULL, NULL, NULL, src, NULL };
        e = entry_new(s, 9);
        if (e) e->kind = GL_ROLE;
    }
    if (!e) dp_tsv_fail(t, "out of memory");
    return e;
}

static int load_file(gl_table *t, const char *path, gl_format format, int roles, char *err, size_t errlen)
{
    dp_tsv *in = dp_tsv_open(path);
    if (!in) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    dp_tsv_expect(in, formats[format].min, formats[format].max, formats[format].columns);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    dp_tsv_row row;
    int rc;
    while ((rc = dp_tsv_next(in, &row)) > 0) {
        char src[512];
        snprintf(src, sizeof src, "%s:%zu", base, row.line);
        int skip;
        gl_entry *e = row_entry(in, &row, format, roles, src, &skip);
        if (skip > 0) continue;
        if (!e || add_row(t, row.col[0], e) < 0) {
            if (e) dp_tsv_fail(in, "out of memory");
            rc = -1;
            break;
        }
    }
    if (rc < 0) snprintf(err, errlen, "%s", dp_tsv_error(in));
    dp_tsv_close(in);
    return rc < 0 ? -1 : 0;
}

/* Glossary tables: TSV loading into a hash table keyed by the phrase key,
 * and the tokenizer that makes phrase keys. Read-only once loaded. */
#include "gloss.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

typedef struct gl_slot {
    char *key;
    gl_entry *head, *tail;
} gl_slot;

struct gl_table {
    gl_slot *slots;
    size_t cap, used;
    size_t max_tokens;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

gl_table *gl_table_new(void)
{
    gl_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
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
    size_t i = (size_t)hash_str(key) & (cap - 1);
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

long gl_tokenize(const char *s, size_t len, gl_tok **out)
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
        case GL_T_WORD: k->key = dp_text_match_key(s + at, end - at, NULL, NULL); break;
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

/* Value of key in "k=v;k=v" (copied into buf), or NULL. */
static const char *attr_get(const char *attrs, const char *key, char *buf, size_t size)
{
    size_t kl = strlen(key);
    const char *p = attrs;
    while (p && *p) {
        const char *semi = strchr(p, ';');
        size_t l = semi ? (size_t)(semi - p) : strlen(p);
        if (l > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            size_t vl = l - kl - 1;
            if (vl >= size) vl = size - 1;
            memcpy(buf, p + kl + 1, vl);
            buf[vl] = '\0';
            return buf;
        }
        p = semi ? semi + 1 : NULL;
    }
    return NULL;
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

static int add_row(gl_table *t, const char *vi, gl_entry *e, char *err, size_t errlen)
{
    gl_tok *tok;
    long n = gl_tokenize(vi, strlen(vi), &tok);
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
    snprintf(err, errlen, "out of memory");
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

static int load_file(gl_table *t, const char *path, gl_format format, int roles, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int rc = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r')) line[--got] = '\0';
        if (got == 0 || line[0] == '#') continue;
        char *col[6] = { 0 };
        size_t nc = 0;
        char *p = line;
        while (nc < 6) {
            col[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        char src[512];
        snprintf(src, sizeof src, "%s:%ld", base, lineno);
        gl_entry *e = NULL;
        const char *vi = col[0];
        if (format == GL_FMT_GLOSSARY) {
            if (nc < 3) {
                snprintf(err, errlen, "%s:%ld: expected vi<TAB>en<TAB>kind[<TAB>note]", path, lineno);
                rc = -1;
                break;
            }
            gl_kind kind = 0;
            for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
                if (strcmp(col[2], kinds[i].name) == 0) kind = kinds[i].kind;
            if (!kind) {
                snprintf(err, errlen, "%s:%ld: unknown kind '%s'", path, lineno, col[2]);
                rc = -1;
                break;
            }
            const char *countries = NULL;
            if (nc > 3 && strncmp(col[3], "countries=", 10) == 0) countries = col[3] + 10;
            const char *s[] = { vi, col[1], NULL, NULL, NULL, NULL, countries, src, NULL };
            e = entry_new(s, 9);
            if (e) e->kind = kind;
        } else if (format == GL_FMT_GAZETTEER) {
            if (nc < 4) {
                snprintf(err, errlen, "%s:%ld: expected surface<TAB>type<TAB>id<TAB>english[<TAB>attrs]",
                         path, lineno);
                rc = -1;
                break;
            }
            char adj[128], iso[16], kindv[64];
            const char *attrs = nc > 4 ? col[4] : "";
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
            if (nc < 3) {
                snprintf(err, errlen, "%s:%ld: expected vi<TAB>en_official<TAB>en_wikipedia<TAB>group",
                         path, lineno);
                rc = -1;
                break;
            }
            const char *s[] = { vi, col[1], NULL, NULL, NULL, NULL, NULL, src, col[2] };
            e = entry_new(s, 9);
            if (e) e->kind = GL_ROLE;
        } else {
            if (nc < 2) {
                snprintf(err, errlen, "%s:%ld: expected vi<TAB>en<TAB>kind", path, lineno);
                rc = -1;
                break;
            }
            if (roles && nc > 2 && strcmp(col[2], "title") != 0) continue; /* honorifics: ông, bà … */
            const char *s[] = { vi, col[1], nc > 2 ? col[2] : "title", NULL, NULL, NULL, NULL, src, NULL };
            e = entry_new(s, 9);
            if (e) e->kind = GL_ROLE;
        }
        if (!e) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
        if (add_row(t, vi, e, err, errlen) < 0) {
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    return rc;
}

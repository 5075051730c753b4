/* Glossary tables: TSV loading into a hash table keyed by the phrase key (gloss_tok.c makes
 * the keys). Read-only once loaded, so every worker thread reads them at once. */
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

/* ---- loading --------------------------------------------------------------- */

static const struct { const char *name; gl_kind kind; } kinds[] = {
    { "term", GL_TERM },       { "head", GL_HEAD },       { "head_of", GL_HEAD_OF },
    { "head_keep", GL_HEAD_KEEP }, { "meeting", GL_MEETING }, { "role", GL_ROLE },
    { "name", GL_NAME },       { "prep", GL_PREP },       { "conj", GL_CONJ },
    { "drop", GL_DROP },       { "number", GL_NUMBER },   { "ordinal", GL_ORDINAL },
    { "numbered", GL_NUMBERED }, { "year", GL_YEAR },     { "level", GL_LEVEL },
    { "suffix", GL_SUFFIX },
};

static const struct { const char *name; gl_as as; } extended[] = {
    { "legal_form", GL_AS_LEGAL_FORM }, { "admin", GL_AS_ADMIN }, { "document", GL_AS_DOCUMENT },
    { "symbol", GL_AS_SYMBOL },         { "pre", GL_AS_PRE },     { "post", GL_AS_POST },
};

/* The strings of an entry, in the order entry_new copies them. */
enum { S_VI, S_EN, S_TYPE, S_ID, S_ADJ, S_ISO, S_COUNTRIES, S_SRC, S_ALT, S_EN_LOC, S_EN_TOPIC, S_EN_COMPANY,
       S_EXPANDS, S_CONTEXT, S_COUNT };

/* Value of key in the attributes column "k=v;k=v" (copied into buf), or NULL. */
static const char *attr_get(const char *attrs, size_t len, const char *key, char *buf, size_t size)
{
    size_t vl;
    const char *v = dp_tsv_attr(attrs, len, key, &vl);
    if (!v) return NULL;
    if (vl >= size) vl = size - 1;
    memcpy(buf, v, vl);
    buf[vl] = '\0';
    return buf;
}

/* One allocation holding the entry and copies of its strings (strs[S_COUNT], NULLs allowed). */
static gl_entry *entry_new(const char *const *strs)
{
    size_t total = sizeof(gl_entry);
    for (size_t i = 0; i < S_COUNT; i++) total += strs[i] ? strlen(strs[i]) + 1 : 0;
    gl_entry *e = calloc(1, total);
    if (!e) return NULL;
    char *p = (char *)(e + 1);
    const char **dst[S_COUNT] = { &e->vi, &e->en, &e->type, &e->id, &e->adj, &e->iso, &e->countries,
                                  &e->src, &e->alt, &e->en_loc, &e->en_topic, &e->en_company,
                                  &e->expands, &e->context };
    for (size_t i = 0; i < S_COUNT; i++) {
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
    /* which words the row writes in capitals, and whether it starts in lowercase */
    for (long i = 0, w = 0; i < n && w < 32; i++) {
        if (tok[i].type != GL_T_WORD || gl_tok_dropped(tok, (size_t)i, (size_t)n)) continue;
        if (tok[i].upper && tok[i].end - tok[i].start >= 2) e->caps |= 1u << w;
        w++;
    }
    e->lower = n > 0 && tok[0].type == GL_T_WORD && !tok[0].cap && !tok[0].upper && !tok[0].digit;
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

static int load_file(gl_table *t, const char *path, gl_format format, gl_origin origin, int roles, char *err,
                     size_t errlen);

int gl_table_load(gl_table *t, const char *path, gl_format format, gl_origin origin, char *err, size_t errlen)
{
    return load_file(t, path, format, origin, 0, err, errlen);
}

int gl_table_load_roles(gl_table *t, const char *path, gl_format format, char *err, size_t errlen)
{
    return load_file(t, path, format, GL_FROM_PERSONS, 1, err, errlen);
}

/* The columns of each format (data/README.md). */
static const struct { size_t min, max; const char *columns; } formats[] = {
    [GL_FMT_GLOSSARY] = { 3, 4, "vi, en, kind[, note]" },
    [GL_FMT_GAZETTEER] = { 4, 5, "surface, type, id, english[, attrs]" },
    [GL_FMT_RANKS] = { 4, 4, "vi, en_official, en_wikipedia, group" },
    [GL_FMT_TITLES] = { 3, 3, "vi, en, kind" },
};

/* A glossary row: kind, then the note's keys (the free text after "note=" is not parsed). */
static gl_entry *glossary_entry(dp_tsv *in, const dp_tsv_row *row, const char **s, int *skip)
{
    const char *const *col = row->col;
    gl_kind kind = 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(col[2], kinds[i].name) == 0) kind = kinds[i].kind;
    if (!kind) {
        dp_tsv_fail(in, "unknown kind '%s'", col[2]);
        *skip = -1;
        return NULL;
    }
    const char *note = row->n > 3 ? col[3] : "";
    size_t nl = strlen(note);
    const char *free_text = strstr(note, "note=");
    if (free_text && (free_text == note || free_text[-1] == ';' || free_text[-1] == ' ')) nl = (size_t)(free_text - note);
    char as[32], type[16], id[128], loc[128], topic[128], company[128], expands[256], context[32], countries[64], amb[64];
    s[S_TYPE] = attr_get(note, nl, "type", type, sizeof type);
    s[S_ID] = attr_get(note, nl, "id", id, sizeof id);
    s[S_COUNTRIES] = attr_get(note, nl, "countries", countries, sizeof countries);
    s[S_EN_LOC] = attr_get(note, nl, "en_loc", loc, sizeof loc);
    s[S_EN_TOPIC] = attr_get(note, nl, "en_topic", topic, sizeof topic);
    s[S_EN_COMPANY] = attr_get(note, nl, "en_company", company, sizeof company);
    s[S_EXPANDS] = attr_get(note, nl, "expands", expands, sizeof expands);
    s[S_CONTEXT] = attr_get(note, nl, "context", context, sizeof context);
    gl_entry *e = entry_new(s);
    if (!e) return NULL;
    e->kind = kind;
    e->ambiguous = attr_get(note, nl, "ambiguous", amb, sizeof amb) != NULL;
    if (attr_get(note, nl, "as", as, sizeof as))
        for (size_t i = 0; i < sizeof extended / sizeof extended[0]; i++)
            if (strcmp(as, extended[i].name) == 0) e->as = extended[i].as;
    return e;
}

/* The entry of one row, NULL when memory is exhausted; *skip for a row the table does not take. */
static gl_entry *row_entry(dp_tsv *t, const dp_tsv_row *row, gl_format format, int roles, const char *src,
                           int *skip)
{
    const char *const *col = row->col;
    const char *s[S_COUNT] = { 0 };
    s[S_VI] = col[0];
    s[S_EN] = col[1];
    s[S_SRC] = src;
    gl_entry *e = NULL;
    *skip = 0;
    if (format == GL_FMT_GLOSSARY) {
        e = glossary_entry(t, row, s, skip);
        if (*skip) return NULL;
    } else if (format == GL_FMT_GAZETTEER) {
        char adj[128], iso[16], kindv[64], amb[64];
        const char *attrs = row->n > 4 ? col[4] : "";
        size_t al = strlen(attrs);
        s[S_EN] = col[3];
        s[S_TYPE] = col[1];
        s[S_ID] = col[2];
        s[S_ADJ] = attr_get(attrs, al, "adj", adj, sizeof adj);
        const char *k = attr_get(attrs, al, "kind", kindv, sizeof kindv);
        if ((s[S_ISO] = attr_get(attrs, al, "iso2", iso, sizeof iso)))
            for (char *c = iso; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        e = entry_new(s);
        if (e) {
            e->ambiguous = attr_get(attrs, al, "ambiguous", amb, sizeof amb) != NULL;
            e->province = k && (strcmp(k, "province") == 0 || strcmp(k, "subdivision") == 0);
            if (k && (strcmp(k, "country") == 0 || strcmp(k, "territory") == 0)) e->kind = GL_COUNTRY;
            else if (strcmp(col[1], "LOC") == 0) e->kind = GL_PLACE;
            else e->kind = GL_NAME;
        }
    } else if (format == GL_FMT_RANKS) {
        s[S_ALT] = col[2];
        e = entry_new(s);
        if (e) e->kind = GL_ROLE;
    } else {
        if (roles && strcmp(col[2], "title") != 0) { /* honorifics: ông, bà … */
            *skip = 1;
            return NULL;
        }
        s[S_TYPE] = col[2];
        e = entry_new(s);
        if (e) e->kind = GL_ROLE;
    }
    if (!e) dp_tsv_fail(t, "out of memory");
    return e;
}

static int load_file(gl_table *t, const char *path, gl_format format, gl_origin origin, int roles, char *err,
                     size_t errlen)
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
        if (e) e->origin = origin;
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

/* The document: identity, text, fields, segments, entities, translations. */
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "keyscan.h"
#include "text_unit.h"

/* Arrays of the document grow by doubling in malloc'ed memory (not the arena,
 * which cannot shrink or free) and are released with the document. */
#define VEC(T) struct { T *v; size_t n, cap; }

/* A match key of the text and its tokens under one rule set (rules_name NULL: none). */
typedef struct match_key {
    char *rules_name;
    dp_keyscan scan;  /* the key and its tokens */
    dp_tokens view;   /* what dp_doc_tokens hands out */
    size_t *map;      /* dp_doc_match_key's per-byte map, made only when asked for */
} match_key;

struct dp_doc {
    dp_arena *arena;
    const char *id, *source, *lang;
    const char *raw;
    size_t raw_len;
    char *raw_owned;  /* raw, when adopted (dp_doc_adopt_raw) rather than copied into the arena */
    const char *text;
    size_t text_len;
    VEC(dp_field) fields;
    VEC(dp_segment) segments;
    VEC(dp_entity_rec *) entities;
    VEC(dp_translation) translations;
    int rank;              /* chain position of the running instance */
    const char *instance;  /* its name (in the arena), stamped on the entities it adds */
    int instance_oom;      /* the copy of the name failed: adding entities fails too */
    size_t entity_seq;
    VEC(match_key) keys; /* dp_doc_match_key's cache, one per rule set */
    /* the attribute and translation strings, each kept once (open addressing, cap a power of 2) */
    const char **interned;
    size_t n_interned, cap_interned;
    VEC(dp_nonprose_span) nonprose; /* dp_doc_nonprose's cache */
    int nonprose_done;
};

#define VEC_GROW(vec)                                                          \
    ((vec).n < (vec).cap ? 0 : vec_grow((void **)&(vec).v, &(vec).cap, sizeof *(vec).v))

static int vec_grow(void **v, size_t *cap, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 8;
    if (ncap > (size_t)-1 / elem) return -1;
    void *p = realloc(*v, ncap * elem);
    if (!p) return -1;
    *v = p;
    *cap = ncap;
    return 0;
}

static void drop_keys(dp_doc *d)
{
    for (size_t i = 0; i < d->keys.n; i++) {
        free(d->keys.v[i].rules_name);
        dp_keyscan_free(&d->keys.v[i].scan);
        free(d->keys.v[i].map);
    }
    d->keys.n = 0;
}

dp_doc *dp_doc_new(const char *id, const char *source)
{
    dp_doc *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->arena = dp_arena_new(0);
    if (!d->arena) { free(d); return NULL; }
    d->id = dp_arena_strdup(d->arena, id ? id : "");
    d->source = dp_arena_strdup(d->arena, source ? source : "");
    d->text = "";
    if (!d->id || !d->source) { dp_doc_free(d); return NULL; }
    return d;
}

void dp_doc_free(dp_doc *d)
{
    if (!d) return;
    free(d->fields.v);
    free(d->segments.v);
    for (size_t i = 0; i < d->entities.n; i++) {
        free(d->entities.v[i]->attrs);
        free(d->entities.v[i]->trans);
        free(d->entities.v[i]);
    }
    free(d->entities.v);
    free(d->translations.v);
    drop_keys(d);
    free(d->keys.v);
    free(d->interned);
    free(d->raw_owned);
    free(d->nonprose.v);
    dp_arena_free(d->arena);
    free(d);
}

dp_arena *dp_doc_arena(dp_doc *d) { return d->arena; }
const char *dp_doc_id(const dp_doc *d) { return d->id; }
const char *dp_doc_source(const dp_doc *d) { return d->source; }
const char *dp_doc_lang(const dp_doc *d) { return d->lang; }
void dp_doc_set_instance(dp_doc *d, int rank, const char *name)
{
    d->rank = rank;
    /* one copy per instance and document, shared by its entities */
    d->instance = name ? dp_arena_strdup(d->arena, name) : NULL;
    d->instance_oom = name && !d->instance;
}

int dp_doc_set_id(dp_doc *d, const char *id)
{
    if (!id) return -1;
    const char *p = dp_arena_strdup(d->arena, id);
    if (!p) return -1;
    d->id = p;
    return 0;
}

int dp_doc_set_lang(dp_doc *d, const char *lang)
{
    const char *p = lang ? dp_arena_strdup(d->arena, lang) : NULL;
    if (lang && !p) return -1;
    d->lang = p;
    return 0;
}

const char *dp_doc_raw(const dp_doc *d, size_t *len)
{
    if (len) *len = d->raw_len;
    return d->raw ? d->raw : "";
}

void dp_doc_adopt_raw(dp_doc *d, char *bytes, size_t len)
{
    dp_doc_release_raw(d);
    d->raw = d->raw_owned = bytes;
    d->raw_len = len;
}

void dp_doc_release_raw(dp_doc *d)
{
    free(d->raw_owned);
    d->raw_owned = NULL;
    d->raw = NULL;
    d->raw_len = 0;
}

int dp_doc_set_raw(dp_doc *d, const char *bytes, size_t len)
{
    const char *p = dp_arena_strndup(d->arena, bytes ? bytes : "", bytes ? len : 0);
    if (!p) return -1;
    free(d->raw_owned); /* after the copy: bytes may be the adopted raw itself */
    d->raw_owned = NULL;
    d->raw = p;
    d->raw_len = bytes ? len : 0;
    return 0;
}

const char *dp_doc_text(const dp_doc *d, size_t *len)
{
    if (len) *len = d->text_len;
    return d->text;
}

static void drop_entities(dp_doc *d)
{
    for (size_t i = 0; i < d->entities.n; i++) {
        free(d->entities.v[i]->attrs);
        free(d->entities.v[i]->trans);
        free(d->entities.v[i]);
    }
    d->entities.n = 0;
}

int dp_doc_set_text(dp_doc *d, const char *utf8, size_t len)
{
    /* one pass validates and tells whether the text is NFC already (the usual case) */
    int quick = utf8 ? dp_text_quick_nfc(utf8, len) : -1;
    if (quick < 0) return -1;
    size_t nlen = len;
    const char *p;
    if (quick == 1) {
        p = dp_arena_strndup(d->arena, utf8, len);
    } else {
        char *nfc = dp_text_nfc(utf8, len, &nlen);
        if (!nfc) return -1;
        p = dp_arena_strndup(d->arena, nfc, nlen);
        free(nfc);
    }
    if (!p) return -1;
    d->text = p;
    d->text_len = nlen;
    d->segments.n = 0;
    drop_entities(d);
    drop_keys(d);
    d->nonprose.n = 0;
    d->nonprose_done = 0;
    return 0;
}

static int same_rules(const char *cached, const dp_text_rules *rules)
{
    const char *name = rules ? (rules->name ? rules->name : "") : NULL;
    if (!cached || !name) return cached == name;
    return strcmp(cached, name) == 0;
}

/* The cached key and tokens of rules, computed on the first call. */
static match_key *key_of(dp_doc *d, const dp_text_rules *rules)
{
    for (size_t i = 0; i < d->keys.n; i++)
        if (same_rules(d->keys.v[i].rules_name, rules)) return &d->keys.v[i];
    if (d->text_len >= UINT32_MAX || VEC_GROW(d->keys) < 0) return NULL;
    match_key nk;
    memset(&nk, 0, sizeof nk);
    if (rules && !(nk.rules_name = strdup(rules->name ? rules->name : ""))) return NULL;
    nk.scan.want_tokens = 1;
    /* the text is valid UTF-8 (dp_doc_set_text checked it) */
    if (dp_keyscan_run(&nk.scan, d->text, d->text_len, rules) < 0) {
        free(nk.rules_name);
        return NULL;
    }
    nk.view.key = nk.scan.key;
    nk.view.key_len = nk.scan.klen;
    nk.view.v = nk.scan.tok;
    nk.view.flags = nk.scan.tflags;
    nk.view.n = nk.scan.n;
    match_key *k = &d->keys.v[d->keys.n++];
    *k = nk;
    return k;
}

const dp_tokens *dp_doc_tokens(dp_doc *d, const dp_text_rules *rules)
{
    match_key *k = key_of(d, rules);
    return k ? &k->view : NULL;
}

const char *dp_doc_match_key(dp_doc *d, const dp_text_rules *rules, size_t *len, const size_t **map)
{
    match_key *k = key_of(d, rules);
    if (!k) return NULL;
    if (map && !k->map) {
        int rc = dp_keyscan_map(&k->scan, d->text, d->text_len, &k->map);
        if (rc == -2) return NULL;
        if (rc == -1) {
            /* a character of another script or with combining marks: the full scan */
            dp_keyscan m;
            memset(&m, 0, sizeof m);
            m.want_map = 1;
            if (dp_keyscan_run(&m, d->text, d->text_len, rules) < 0) return NULL;
            k->map = m.map;
            m.map = NULL;
            dp_keyscan_free(&m);
        }
    }
    if (len) *len = k->view.key_len;
    if (map) *map = k->map;
    return k->view.key;
}

/* ---- text that is not prose ---- */

const dp_nonprose_span *dp_doc_nonprose(dp_doc *d, size_t *n)
{
    static const dp_nonprose_span none[1];
    if (!d->nonprose_done) {
        size_t from = 0, s, e;
        dp_nonprose_kind k;
        while ((k = dp_text_nonprose_next(d->text, d->text_len, from, &s, &e)) != DP_NONPROSE_NONE) {
            if (VEC_GROW(d->nonprose) < 0) {
                d->nonprose.n = 0;
                if (n) *n = 0;
                return NULL;
            }
            d->nonprose.v[d->nonprose.n++] = (dp_nonprose_span){ s, e, k };
            from = e;
        }
        d->nonprose_done = 1;
    }
    if (n) *n = d->nonprose.n;
    return d->nonprose.n ? d->nonprose.v : none;
}

dp_nonprose_kind dp_doc_in_nonprose(dp_doc *d, size_t start, size_t end)
{
    size_t n;
    const dp_nonprose_span *v = dp_doc_nonprose(d, &n);
    if (!v) return DP_NONPROSE_NONE;
    /* the first span that ends after start; spans are sorted and disjoint */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].end <= start) lo = mid + 1; else hi = mid;
    }
    for (size_t i = lo; i < n && v[i].start < end; i++)
        if (!(start <= v[i].start && v[i].end <= end)) return v[i].kind;
    return DP_NONPROSE_NONE;
}

/* ---- fields ---- */

int dp_doc_field_add(dp_doc *d, const char *key, const char *value)
{
    if (!key || !value || VEC_GROW(d->fields) < 0) return -1;
    dp_field f = { dp_arena_strdup(d->arena, key), dp_arena_strdup(d->arena, value) };
    if (!f.key || !f.value) return -1;
    d->fields.v[d->fields.n++] = f;
    return 0;
}

int dp_doc_field_set(dp_doc *d, const char *key, const char *value)
{
    if (!key || !value) return -1;
    for (size_t i = 0; i < d->fields.n; i++) {
        if (strcmp(d->fields.v[i].key, key) == 0) {
            const char *v = dp_arena_strdup(d->arena, value);
            if (!v) return -1;
            d->fields.v[i].value = v;
            return 0;
        }
    }
    return dp_doc_field_add(d, key, value);
}

const char *dp_doc_field(const dp_doc *d, const char *key)
{
    for (size_t i = 0; key && i < d->fields.n; i++)
        if (strcmp(d->fields.v[i].key, key) == 0) return d->fields.v[i].value;
    return NULL;
}

size_t dp_doc_field_count(const dp_doc *d) { return d->fields.n; }
const dp_field *dp_doc_field_at(const dp_doc *d, size_t i) { return i < d->fields.n ? &d->fields.v[i] : NULL; }

/* ---- segments ---- */

static int valid_span(const dp_doc *d, size_t start, size_t end)
{
    return start <= end && end <= d->text_len && dp_utf8_boundary(d->text, d->text_len, start) &&
           dp_utf8_boundary(d->text, d->text_len, end);
}

int dp_doc_segment_add(dp_doc *d, size_t start, size_t end, const char *kind)
{
    if (!kind || !valid_span(d, start, end) || VEC_GROW(d->segments) < 0) return -1;
    dp_segment s = { start, end, dp_arena_strdup(d->arena, kind) };
    if (!s.kind) return -1;
    d->segments.v[d->segments.n++] = s;
    return 0;
}

size_t dp_doc_segment_count(const dp_doc *d) { return d->segments.n; }
const dp_segment *dp_doc_segment_at(const dp_doc *d, size_t i) { return i < d->segments.n ? &d->segments.v[i] : NULL; }

const char *dp_doc_segment_kind_at(const dp_doc *d, size_t pos)
{
    for (size_t i = 0; i < d->segments.n; i++)
        if (d->segments.v[i].start <= pos && pos < d->segments.v[i].end) return d->segments.v[i].kind;
    return NULL;
}

/* ---- entities ---- */

dp_entity *dp_doc_entity_add(dp_doc *d, size_t start, size_t end, const char *type)
{
    if (!type || start >= end || !valid_span(d, start, end) || d->instance_oom || VEC_GROW(d->entities) < 0)
        return NULL;
    dp_entity_rec *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->pub.start = start;
    r->pub.end = end;
    r->pub.type = dp_arena_strdup(d->arena, type);
    r->pub.instance = d->instance;
    r->pub.confidence = 1.0;
    r->rank = d->rank;
    r->seq = d->entity_seq++;
    if (!r->pub.type) { free(r); return NULL; }
    d->entities.v[d->entities.n++] = r;
    return &r->pub;
}

int dp_entity_set_confidence(dp_entity *e, double confidence)
{
    if (!(confidence >= 0.0 && confidence <= 1.0)) return -1; /* also false for NaN */
    e->confidence = round(confidence * 1000.0) / 1000.0;
    return 0;
}

int dp_entity_set_value(dp_doc *d, dp_entity *e, const char *value)
{
    const char *v = value ? dp_arena_strdup(d->arena, value) : NULL;
    if (value && !v) return -1;
    e->value = v;
    return 0;
}

int dp_entity_set_instance(dp_doc *d, dp_entity *e, const char *instance)
{
    const char *v = instance ? dp_arena_strdup(d->arena, instance) : NULL;
    if (instance && !v) return -1;
    e->instance = v;
    return 0;
}

size_t dp_doc_entity_count(const dp_doc *d) { return d->entities.n; }
dp_entity *dp_doc_entity_at(const dp_doc *d, size_t i) { return i < d->entities.n ? &d->entities.v[i]->pub : NULL; }

const char *dp_entity_surface(const dp_doc *d, const dp_entity *e, size_t *len)
{
    if (len) *len = e->end - e->start;
    return d->text + e->start;
}

static size_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

/*
 * s in the arena, once per document: entities repeat the same attribute
 * names and, entity after entity, the same values and translations, which
 * would otherwise cost a copy each (most of a big document's memory).
 */
static const char *intern(dp_doc *d, const char *s)
{
    if (d->n_interned * 4 >= d->cap_interned * 3) {
        size_t ncap = d->cap_interned ? d->cap_interned * 2 : 64;
        const char **t = calloc(ncap, sizeof *t);
        if (!t) return NULL;
        for (size_t i = 0; i < d->cap_interned; i++) {
            const char *x = d->interned[i];
            if (!x) continue;
            size_t j = str_hash(x) & (ncap - 1);
            while (t[j]) j = (j + 1) & (ncap - 1);
            t[j] = x;
        }
        free(d->interned);
        d->interned = t;
        d->cap_interned = ncap;
    }
    size_t j = str_hash(s) & (d->cap_interned - 1);
    for (; d->interned[j]; j = (j + 1) & (d->cap_interned - 1))
        if (strcmp(d->interned[j], s) == 0) return d->interned[j];
    const char *copy = dp_arena_strdup(d->arena, s);
    if (!copy) return NULL;
    d->interned[j] = copy;
    d->n_interned++;
    return copy;
}

static int kv_set(dp_doc *d, dp_field **v, size_t *n, size_t *cap, const char *key, const char *value)
{
    if (!key || !value) return -1;
    const char *val = intern(d, value);
    if (!val) return -1;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].key, key) == 0) { (*v)[i].value = val; return 0; }
    /* an entity has a few attributes: start at 2 (not 8 as the document's arrays) */
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 2;
        dp_field *nv = realloc(*v, ncap * sizeof *nv);
        if (!nv) return -1;
        *v = nv;
        *cap = ncap;
    }
    const char *k = intern(d, key);
    if (!k) return -1;
    (*v)[*n].key = k;
    (*v)[*n].value = val;
    (*n)++;
    return 0;
}

static const char *kv_get(const dp_field *v, size_t n, const char *key)
{
    for (size_t i = 0; key && i < n; i++)
        if (strcmp(v[i].key, key) == 0) return v[i].value;
    return NULL;
}

#define REC(e) ((dp_entity_rec *)(void *)(e))

int dp_entity_attr_set(dp_doc *d, dp_entity *e, const char *key, const char *value)
{
    return kv_set(d, &REC(e)->attrs, &REC(e)->n_attrs, &REC(e)->cap_attrs, key, value);
}
const char *dp_entity_attr(const dp_entity *e, const char *key) { return kv_get(REC(e)->attrs, REC(e)->n_attrs, key); }
size_t dp_entity_attr_count(const dp_entity *e) { return REC(e)->n_attrs; }
const dp_field *dp_entity_attr_at(const dp_entity *e, size_t i) { return i < REC(e)->n_attrs ? &REC(e)->attrs[i] : NULL; }

int dp_entity_translation_set(dp_doc *d, dp_entity *e, const char *lang, const char *text)
{
    return kv_set(d, &REC(e)->trans, &REC(e)->n_trans, &REC(e)->cap_trans, lang, text);
}
const char *dp_entity_translation(const dp_entity *e, const char *lang) { return kv_get(REC(e)->trans, REC(e)->n_trans, lang); }
size_t dp_entity_translation_count(const dp_entity *e) { return REC(e)->n_trans; }
const dp_field *dp_entity_translation_at(const dp_entity *e, size_t i) { return i < REC(e)->n_trans ? &REC(e)->trans[i] : NULL; }

static int strcmp_null(const char *a, const char *b)
{
    if (!a || !b) return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int entity_cmp(const void *pa, const void *pb)
{
    const dp_entity_rec *a = *(dp_entity_rec *const *)pa, *b = *(dp_entity_rec *const *)pb;
    if (a->pub.start != b->pub.start) return a->pub.start < b->pub.start ? -1 : 1;
    if (a->pub.end != b->pub.end) return a->pub.end > b->pub.end ? -1 : 1;
    int c = strcmp(a->pub.type, b->pub.type);
    if (c) return c;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    c = strcmp_null(a->pub.instance, b->pub.instance);
    if (c) return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void dp_doc_entities_sort(dp_doc *d)
{
    if (d->entities.n > 1) qsort(d->entities.v, d->entities.n, sizeof *d->entities.v, entity_cmp);
}

size_t dp_doc_entities_filter(dp_doc *d, int (*keep)(const dp_entity *e, void *ctx), void *ctx)
{
    size_t w = 0, removed = 0;
    for (size_t i = 0; i < d->entities.n; i++) {
        dp_entity_rec *r = d->entities.v[i];
        if (keep(&r->pub, ctx)) {
            d->entities.v[w++] = r;
        } else {
            free(r->attrs);
            free(r->trans);
            free(r);
            removed++;
        }
    }
    d->entities.n = w;
    return removed;
}

/* ---- translations ---- */

int dp_doc_translation_add(dp_doc *d, const char *lang, dp_target target, const char *key,
                           const char *text, const char *instance, const char *note)
{
    if (!lang || !text || VEC_GROW(d->translations) < 0) return -1;
    dp_translation t = {
        dp_arena_strdup(d->arena, lang), target, key ? dp_arena_strdup(d->arena, key) : NULL,
        dp_arena_strdup(d->arena, text), instance ? dp_arena_strdup(d->arena, instance) : NULL,
        note ? dp_arena_strdup(d->arena, note) : NULL,
    };
    if (!t.lang || !t.text || (key && !t.key) || (instance && !t.instance) || (note && !t.note)) return -1;
    d->translations.v[d->translations.n++] = t;
    return 0;
}

size_t dp_doc_translation_count(const dp_doc *d) { return d->translations.n; }
const dp_translation *dp_doc_translation_at(const dp_doc *d, size_t i)
{
    return i < d->translations.n ? &d->translations.v[i] : NULL;
}

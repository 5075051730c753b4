/*
 * doc_json.c — a document as one JSON object (docpipe/doc_json.h), built in
 * a string builder: numbers by hand, strings by the run-copying escaper,
 * offsets by cursors that count eight bytes at a time.
 */
#include <stdio.h>
#include <string.h>

#include "docpipe/doc_json.h"
#include "docpipe/json.h"
#include "docpipe/text.h"

typedef struct out {
    dp_strbuf *b;
    const dp_doc_json_opts *o;
} out;

static void put(out *w, const char *s, size_t n) { dp_strbuf_add(w->b, s, n); }
#define PUTS(w, lit) put((w), (lit), sizeof(lit) - 1)
static void putch(out *w, char c) { dp_strbuf_putc(w->b, c); }
static void str(out *w, const char *s, size_t n) { dp_json_append_string(w->b, s, n); }
static void cstr(out *w, const char *s) { dp_json_append_string(w->b, s, s ? strlen(s) : 0); }

static void num(out *w, size_t v)
{
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(w, d + i, sizeof d - i);
}

static size_t conv(const out *w, dp_offset_cursor *c, size_t byte)
{
    switch (w->o->unit) {
    case DP_OFFSET_CODEPOINT: return dp_offset_cursor_codepoints(c, byte);
    case DP_OFFSET_UTF16: return dp_offset_cursor_utf16(c, byte);
    default: return byte;
    }
}

/* Separator and indentation: compact, or one member per line when pretty. */
static void sep(out *w, int first, int depth)
{
    if (!first) putch(w, ',');
    if (w->o->pretty) {
        putch(w, '\n');
        for (int i = 0; i < depth; i++) PUTS(w, "  ");
    }
}

static void key(out *w, int first, int depth, const char *k)
{
    sep(w, first, depth);
    cstr(w, k);
    if (w->o->pretty) PUTS(w, ": ");
    else putch(w, ':');
}

static void kv_object(out *w, const dp_field *(*at)(const dp_entity *, size_t), size_t n, const dp_entity *e)
{
    putch(w, '{');
    for (size_t i = 0; i < n; i++) {
        const dp_field *kv = at(e, i);
        if (i) putch(w, ',');
        cstr(w, kv->key);
        putch(w, ':');
        cstr(w, kv->value);
    }
    putch(w, '}');
}

/* Fields as an object; a key that repeats ("keyword") becomes an array. */
static void fields(out *w, const dp_doc *doc)
{
    size_t n = dp_doc_field_count(doc);
    putch(w, '{');
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        const dp_field *fi = dp_doc_field_at(doc, i);
        int seen = 0, count = 0;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(dp_doc_field_at(doc, j)->key, fi->key)) continue;
            if (j < i) seen = 1;
            count++;
        }
        if (seen) continue;
        if (!first) putch(w, ',');
        first = 0;
        cstr(w, fi->key);
        putch(w, ':');
        if (count == 1) {
            cstr(w, fi->value);
            continue;
        }
        putch(w, '[');
        int k = 0;
        for (size_t j = i; j < n; j++) {
            const dp_field *fj = dp_doc_field_at(doc, j);
            if (strcmp(fj->key, fi->key)) continue;
            if (k++) putch(w, ',');
            cstr(w, fj->value);
        }
        putch(w, ']');
    }
    putch(w, '}');
}

static void confidence(out *w, double c)
{
    if (c == 1.0) {
        putch(w, '1');
        return;
    }
    char d[32];
    int n = snprintf(d, sizeof d, "%.3g", c);
    if (n > 0) put(w, d, (size_t)n < sizeof d ? (size_t)n : sizeof d - 1);
}

static const char *target_name(dp_target t)
{
    return t == DP_TARGET_FIELD ? "field" : t == DP_TARGET_SEGMENT ? "segment" : "text";
}

int dp_doc_write_json(const dp_doc *doc, const dp_doc_json_opts *opts, dp_strbuf *b)
{
    static const dp_doc_json_opts defaults = DP_DOC_JSON_DEFAULTS;
    static const char *const unit_names[] = { "codepoint", "utf16", "byte" };
    out w = { b, opts ? opts : &defaults };
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    /* One cursor per layer: each walks the text once, forward. */
    dp_offset_cursor cur, ecur;
    dp_offset_cursor_init(&cur, text);
    dp_offset_cursor_init(&ecur, text);
    unsigned unit = (unsigned)w.o->unit <= DP_OFFSET_BYTE ? (unsigned)w.o->unit : DP_OFFSET_BYTE;

    /* the text and its escapes, and room for the rest */
    dp_strbuf_reserve(b, (w.o->text ? tlen + tlen / 16 : 0) + 256);
    putch(&w, '{');
    key(&w, 1, 1, "id");
    cstr(&w, dp_doc_id(doc));
    key(&w, 0, 1, "source");
    cstr(&w, dp_doc_source(doc));
    key(&w, 0, 1, "lang");
    cstr(&w, dp_doc_lang(doc));
    key(&w, 0, 1, "offset_unit");
    cstr(&w, unit_names[unit]);
    key(&w, 0, 1, "fields");
    fields(&w, doc);
    if (w.o->text) {
        key(&w, 0, 1, "text");
        str(&w, text, tlen);
    }
    if (w.o->segments) {
        key(&w, 0, 1, "segments");
        putch(&w, '[');
        for (size_t i = 0, n = dp_doc_segment_count(doc); i < n; i++) {
            const dp_segment *g = dp_doc_segment_at(doc, i);
            sep(&w, i == 0, 2);
            PUTS(&w, "{\"start\":");
            num(&w, conv(&w, &cur, g->start));
            PUTS(&w, ",\"end\":");
            num(&w, conv(&w, &cur, g->end));
            PUTS(&w, ",\"kind\":");
            cstr(&w, g->kind);
            putch(&w, '}');
        }
        putch(&w, ']');
    }
    key(&w, 0, 1, "entities");
    putch(&w, '[');
    for (size_t i = 0, n = dp_doc_entity_count(doc); i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        size_t slen;
        const char *surface = dp_entity_surface(doc, e, &slen);
        sep(&w, i == 0, 2);
        PUTS(&w, "{\"start\":");
        num(&w, conv(&w, &ecur, e->start));
        PUTS(&w, ",\"end\":");
        num(&w, conv(&w, &ecur, e->end));
        PUTS(&w, ",\"type\":");
        cstr(&w, e->type);
        PUTS(&w, ",\"surface\":");
        str(&w, surface, slen);
        PUTS(&w, ",\"value\":");
        cstr(&w, e->value);
        PUTS(&w, ",\"confidence\":");
        confidence(&w, e->confidence);
        PUTS(&w, ",\"instance\":");
        cstr(&w, e->instance);
        PUTS(&w, ",\"attrs\":");
        kv_object(&w, dp_entity_attr_at, dp_entity_attr_count(e), e);
        PUTS(&w, ",\"translations\":");
        kv_object(&w, dp_entity_translation_at, dp_entity_translation_count(e), e);
        putch(&w, '}');
    }
    putch(&w, ']');
    key(&w, 0, 1, "translations");
    putch(&w, '[');
    for (size_t i = 0, n = dp_doc_translation_count(doc); i < n; i++) {
        const dp_translation *t = dp_doc_translation_at(doc, i);
        sep(&w, i == 0, 2);
        PUTS(&w, "{\"lang\":");
        cstr(&w, t->lang);
        PUTS(&w, ",\"target\":\"");
        put(&w, target_name(t->target), strlen(target_name(t->target)));
        PUTS(&w, "\",\"key\":");
        cstr(&w, t->key);
        PUTS(&w, ",\"text\":");
        cstr(&w, t->text);
        PUTS(&w, ",\"instance\":");
        cstr(&w, t->instance);
        PUTS(&w, ",\"note\":");
        cstr(&w, t->note);
        putch(&w, '}');
    }
    putch(&w, ']');
    if (w.o->pretty) putch(&w, '\n');
    PUTS(&w, "}\n");
    return b->oom ? -1 : 0;
}

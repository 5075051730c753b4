/* A JSON record's segments, entities, translations and fields merged into a dp_doc (doc_json_read.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_json_read.h"

int dpj_offset_unit(const char *name, dp_offset_unit *unit)
{
    if (!name || strcmp(name, "codepoint") == 0) *unit = DP_OFFSET_CODEPOINT;
    else if (strcmp(name, "utf16") == 0) *unit = DP_OFFSET_UTF16;
    else if (strcmp(name, "byte") == 0) *unit = DP_OFFSET_BYTE;
    else return -1;
    return 0;
}

static const char *unit_name(dp_offset_unit u)
{
    return u == DP_OFFSET_UTF16 ? "utf16 units" : u == DP_OFFSET_BYTE ? "bytes" : "codepoints";
}

/* Offsets in a record's unit back to bytes: a cursor that walks forward and restarts when asked for an earlier one. */
typedef struct cursor {
    const char *t;
    size_t len, byte, units;
    dp_offset_unit unit;
} cursor;

static void cursor_init(cursor *c, const dp_doc *doc, dp_offset_unit unit)
{
    c->t = dp_doc_text(doc, &c->len);
    c->byte = c->units = 0;
    c->unit = unit;
}

static size_t text_units(const cursor *c)
{
    if (c->unit == DP_OFFSET_BYTE) return c->len;
    size_t n = 0;
    for (size_t p = 0; p < c->len;) n += dp_utf8_next(c->t, c->len, &p) >= 0x10000 && c->unit == DP_OFFSET_UTF16 ? 2 : 1;
    return n;
}

/* 0 and *out; -1 when off is beyond the text or not on a character boundary. */
static int to_byte(cursor *c, json_int_t off, size_t *out)
{
    if (off < 0) return -1;
    size_t want = (size_t)off;
    if (c->unit == DP_OFFSET_BYTE) {
        if (want > c->len || !dp_utf8_boundary(c->t, c->len, want)) return -1;
        *out = want;
        return 0;
    }
    if (want < c->units) c->byte = c->units = 0;
    while (c->units < want && c->byte < c->len) {
        size_t p = c->byte;
        int32_t cp = dp_utf8_next(c->t, c->len, &p);
        size_t w = (c->unit == DP_OFFSET_UTF16 && cp >= 0x10000) ? 2 : 1;
        if (c->units + w > want) return -1; /* inside a surrogate pair */
        c->units += w;
        c->byte = p;
    }
    if (c->units != want) return -1;
    *out = c->byte;
    return 0;
}

/* start and end of element i, checked and converted. */
static int span(cursor *c, const json_t *o, const char *what, size_t i, size_t *s, size_t *e, dp_error *err)
{
    const json_t *js = json_object_get(o, "start"), *je = json_object_get(o, "end");
    if (!json_is_integer(js) || !json_is_integer(je))
        return dp_fail(err, DP_FAILED, "%s %zu: \"start\" and \"end\" must be integers", what, i);
    json_int_t a = json_integer_value(js), b = json_integer_value(je);
    if (a < 0 || b < a)
        return dp_fail(err, DP_FAILED, "%s %zu: needs 0 <= start <= end, got %" JSON_INTEGER_FORMAT "..%" JSON_INTEGER_FORMAT,
                       what, i, a, b);
    if (to_byte(c, a, s) < 0 || to_byte(c, b, e) < 0)
        return dp_fail(err, DP_FAILED,
                       "%s %zu: [%" JSON_INTEGER_FORMAT ", %" JSON_INTEGER_FORMAT ") is beyond the text (%zu %s) or splits a character",
                       what, i, a, b, text_units(c), unit_name(c->unit));
    return DP_OK;
}

int dpj_merge_segments(dp_doc *doc, const json_t *segs, dp_offset_unit unit, dp_error *err)
{
    if (!json_is_array(segs)) return dp_fail(err, DP_FAILED, "\"segments\" must be an array");
    cursor c;
    cursor_init(&c, doc, unit);
    size_t i;
    const json_t *g;
    json_array_foreach(segs, i, g) {
        const char *kind = json_string_value(json_object_get(g, "kind"));
        if (!json_is_object(g) || !kind) return dp_fail(err, DP_FAILED, "segment %zu: needs start, end and a kind", i);
        size_t s, e;
        int rc = span(&c, g, "segment", i, &s, &e, err);
        if (rc != DP_OK) return rc;
        if (dp_doc_segment_add(doc, s, e, kind) < 0) return dp_fail_nomem(err);
    }
    return DP_OK;
}

/* An object of strings: each pair through set(); "what" names it in messages. */
static int string_pairs(dp_doc *doc, dp_entity *e, const json_t *obj, const char *what, size_t i,
                        int (*set)(dp_doc *, dp_entity *, const char *, const char *), dp_error *err)
{
    if (!obj || json_is_null(obj)) return DP_OK;
    if (!json_is_object(obj)) return dp_fail(err, DP_FAILED, "entity %zu: \"%s\" must be an object", i, what);
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)obj, k, v) {
        if (!json_is_string(v))
            return dp_fail(err, DP_FAILED, "entity %zu: %s \"%s\" must be a string", i, what, k);
        if (set(doc, e, k, json_string_value(v)) < 0) return dp_fail_nomem(err);
    }
    return DP_OK;
}

/* value, confidence, attrs and translations of element o onto e. */
static int entity_details(dp_doc *doc, dp_entity *e, const json_t *o, size_t i, dp_error *err)
{
    const json_t *v = json_object_get(o, "value");
    if (v && !json_is_null(v)) {
        if (!json_is_string(v)) return dp_fail(err, DP_FAILED, "entity %zu: \"value\" must be a string or null", i);
        if (dp_entity_set_value(doc, e, json_string_value(v)) < 0) return dp_fail_nomem(err);
    }
    const json_t *conf = json_object_get(o, "confidence");
    if (conf) {
        double d = json_number_value(conf);
        if (!json_is_number(conf) || !isfinite(d) || dp_entity_set_confidence(e, d) < 0)
            return dp_fail(err, DP_FAILED, "entity %zu: \"confidence\" must be a number from 0 to 1", i);
    }
    int rc = string_pairs(doc, e, json_object_get(o, "attrs"), "attrs", i, dp_entity_attr_set, err);
    if (rc != DP_OK) return rc;
    return string_pairs(doc, e, json_object_get(o, "translations"), "translations", i, dp_entity_translation_set, err);
}

static int entity_change(dp_doc *doc, const json_t *o, size_t i, dp_error *err)
{
    const json_t *ix = json_object_get(o, "index");
    if (!json_is_integer(ix) || json_integer_value(ix) < 0 ||
        (size_t)json_integer_value(ix) >= dp_doc_entity_count(doc))
        return dp_fail(err, DP_FAILED, "entity %zu: \"index\" must name one of the document's %zu entities", i,
                       dp_doc_entity_count(doc));
    return entity_details(doc, dp_doc_entity_at(doc, (size_t)json_integer_value(ix)), o, i, err);
}

int dpj_merge_entities(dp_doc *doc, const json_t *ents, dp_offset_unit unit, int keep_instance, dp_error *err)
{
    if (!json_is_array(ents)) return dp_fail(err, DP_FAILED, "\"entities\" must be an array");
    /* changes name entities by their index in the document as it was: new ones come after */
    cursor c;
    cursor_init(&c, doc, unit);
    size_t i;
    const json_t *o;
    json_array_foreach(ents, i, o) {
        if (!json_is_object(o)) return dp_fail(err, DP_FAILED, "entity %zu: not an object", i);
        if (json_object_get(o, "index")) {
            int rc = entity_change(doc, o, i, err);
            if (rc != DP_OK) return rc;
            continue;
        }
        const char *type = json_string_value(json_object_get(o, "type"));
        if (!type || !*type) return dp_fail(err, DP_FAILED, "entity %zu: needs a \"type\" string", i);
        size_t s, e;
        int rc = span(&c, o, "entity", i, &s, &e, err);
        if (rc != DP_OK) return rc;
        if (s == e) return dp_fail(err, DP_FAILED, "entity %zu: empty span", i);
        const json_t *surface = json_object_get(o, "surface");
        if (surface && !json_is_null(surface) &&
            (!json_is_string(surface) || json_string_length(surface) != e - s ||
             memcmp(json_string_value(surface), c.t + s, e - s) != 0))
            return dp_fail(err, DP_FAILED, "entity %zu: \"surface\" is not the text between its offsets", i);
        dp_entity *ent = dp_doc_entity_add(doc, s, e, type);
        if (!ent) return dp_fail_nomem(err);
        if (keep_instance) {
            const json_t *in = json_object_get(o, "instance");
            if (in && !json_is_null(in) && !json_is_string(in))
                return dp_fail(err, DP_FAILED, "entity %zu: \"instance\" must be a string or null", i);
            if (dp_entity_set_instance(doc, ent, json_string_value(in)) < 0) return dp_fail_nomem(err);
        }
        rc = entity_details(doc, ent, o, i, err);
        if (rc != DP_OK) return rc;
    }
    return DP_OK;
}

static int target_of(const char *name, dp_target *t)
{
    if (!name || strcmp(name, "text") == 0) *t = DP_TARGET_TEXT;
    else if (strcmp(name, "field") == 0) *t = DP_TARGET_FIELD;
    else if (strcmp(name, "segment") == 0) *t = DP_TARGET_SEGMENT;
    else return -1;
    return 0;
}

/* A member that must be a string or null (or absent): 0 and *out, -1 otherwise. */
static int opt_string(const json_t *o, const char *key, const char **out)
{
    const json_t *v = json_object_get(o, key);
    *out = json_string_value(v);
    return !v || json_is_null(v) || json_is_string(v) ? 0 : -1;
}

int dpj_merge_translations(dp_doc *doc, const json_t *trs, const char *instance, dp_error *err)
{
    if (!json_is_array(trs)) return dp_fail(err, DP_FAILED, "\"translations\" must be an array");
    size_t i;
    const json_t *o;
    json_array_foreach(trs, i, o) {
        const char *lang, *target, *key, *text, *inst, *note;
        dp_target t;
        if (!json_is_object(o) || opt_string(o, "lang", &lang) < 0 || opt_string(o, "target", &target) < 0 ||
            opt_string(o, "key", &key) < 0 || opt_string(o, "text", &text) < 0 ||
            opt_string(o, "instance", &inst) < 0 || opt_string(o, "note", &note) < 0 || !lang || !text)
            return dp_fail(err, DP_FAILED, "translation %zu: needs strings \"lang\" and \"text\" (\"target\", "
                                           "\"key\", \"instance\", \"note\": strings or null)", i);
        if (target_of(target, &t) < 0)
            return dp_fail(err, DP_FAILED, "translation %zu: \"target\" must be text, field or segment", i);
        if (t == DP_TARGET_SEGMENT) {
            char *end = NULL;
            unsigned long ix = key ? strtoul(key, &end, 10) : 0;
            if (!key || !*key || *end || ix >= dp_doc_segment_count(doc))
                return dp_fail(err, DP_FAILED, "translation %zu: \"key\" must be the index of a segment", i);
        }
        if (t == DP_TARGET_FIELD && (!key || !*key))
            return dp_fail(err, DP_FAILED, "translation %zu: a field's translation needs the field name as \"key\"", i);
        if (dp_doc_translation_add(doc, lang, t, key, text, instance ? instance : inst, note) < 0)
            return dp_fail_nomem(err);
    }
    return DP_OK;
}

int dpj_merge_fields(dp_doc *doc, const json_t *fields, dp_error *err)
{
    if (!json_is_object(fields)) return dp_fail(err, DP_FAILED, "\"fields\" must be an object");
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)fields, k, v) {
        if (json_is_string(v)) {
            if (dp_doc_field_add(doc, k, json_string_value(v)) < 0) return dp_fail_nomem(err);
            continue;
        }
        if (!json_is_array(v)) return dp_fail(err, DP_FAILED, "field \"%s\": must be a string or an array of strings", k);
        size_t i;
        const json_t *s;
        json_array_foreach(v, i, s) {
            if (!json_is_string(s))
                return dp_fail(err, DP_FAILED, "field \"%s\": must be a string or an array of strings", k);
            if (dp_doc_field_add(doc, k, json_string_value(s)) < 0) return dp_fail_nomem(err);
        }
    }
    return DP_OK;
}

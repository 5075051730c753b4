/*
 * source_jsonl.c — the `jsonl` source: one JSON object per input line.
 *
 * The core hands over one line per document (DP_SOURCE_LINES).  The text,
 * id, title, language and fields are read from configurable keys.  Records
 * written by the jsonl writer (id, source, lang, offset_unit, fields{…},
 * text, segments[…], entities[…], translations[…]) are read back whole —
 * fields, segments, entities with their value, confidence, instance,
 * attributes and translations, and the translations — in the record's offset
 * unit, so that a pipeline's output can be fed to another pipeline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <docpipe/docpipe.h>

#include "doc_json_read.h"

static const dp_option options[] = {
    { "id_key", DP_OPT_STRING, "id", 0, NULL, "key of the document id (string or integer)" },
    { "text_key", DP_OPT_STRING, "text", 0, NULL, "key of the document text (required in every record)" },
    { "title_key", DP_OPT_STRING, "title", 0, NULL, "key copied to the field \"title\"" },
    { "lang_key", DP_OPT_STRING, "lang", 0, NULL, "key of the language tag" },
    { "lang", DP_OPT_STRING, "vi", 0, NULL, "language tag when the record has none" },
    { "fields", DP_OPT_LIST, NULL, 0, NULL,
      "keys copied to fields (top level, else inside a \"fields\" object); "
      "default: every other string, number or boolean key and the \"fields\" object" },
    DP_OPTION_END
};

typedef struct jsonl_state {
    const char *id_key, *text_key, *title_key, *lang_key, *lang;
    const char **fields; /* NULL: default selection */
    size_t n_fields;
} jsonl_state;

static int jsonl_init(dp_instance *inst, void **state)
{
    jsonl_state *s = calloc(1, sizeof *s);
    if (!s) {
        dp_instance_nomem(inst);
        return -1;
    }
    s->id_key = dp_opt_str(inst, "id_key");
    s->text_key = dp_opt_str(inst, "text_key");
    s->title_key = dp_opt_str(inst, "title_key");
    s->lang_key = dp_opt_str(inst, "lang_key");
    s->lang = dp_opt_str(inst, "lang");
    if (!s->text_key || !*s->text_key) {
        free(s);
        dp_instance_error(inst, "text_key must not be empty");
        return -1;
    }
    if (dp_opt_isset(inst, "fields")) {
        s->n_fields = dp_opt_count(inst, "fields");
        s->fields = calloc(s->n_fields + 1, sizeof *s->fields);
        if (!s->fields) {
            free(s);
            dp_instance_nomem(inst);
            return -1;
        }
        for (size_t i = 0; i < s->n_fields; i++) s->fields[i] = dp_opt_item(inst, "fields", i);
    }
    json_object_seed(0); /* once, before any thread parses */
    *state = s;
    return 0;
}

static int is_key(const char *k, const char *opt)
{
    return opt && *opt && strcmp(k, opt) == 0;
}

/* A scalar as text (in buf when it is a number or boolean); NULL otherwise. */
static const char *scalar(const json_t *v, char *buf, size_t size)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    if (json_is_real(v)) {
        snprintf(buf, size, "%.15g", json_real_value(v));
        return buf;
    }
    if (json_is_boolean(v)) return json_is_true(v) ? "true" : "false";
    return NULL;
}

/* key=v, or one field per element of an array of scalars. */
static int add_value(dp_doc *doc, const char *key, const json_t *v)
{
    char buf[64];
    if (json_is_array(v)) {
        size_t i;
        const json_t *e;
        json_array_foreach(v, i, e) {
            const char *s = scalar(e, buf, sizeof buf);
            if (s && dp_doc_field_add(doc, key, s) < 0) return -1;
        }
        return 0;
    }
    const char *s = scalar(v, buf, sizeof buf);
    return s ? dp_doc_field_add(doc, key, s) : 0;
}

static int add_fields(const jsonl_state *st, dp_doc *doc, json_t *root)
{
    json_t *nested = json_object_get(root, "fields");
    if (!json_is_object(nested)) nested = NULL;
    json_t *title = st->title_key && *st->title_key ? json_object_get(root, st->title_key) : NULL;
    if (title && add_value(doc, "title", title) < 0) return -1;
    if (st->fields) {
        for (size_t i = 0; i < st->n_fields; i++) {
            const char *k = st->fields[i];
            json_t *v = json_object_get(root, k);
            if (!v && nested) v = json_object_get(nested, k);
            if (v && add_value(doc, k, v) < 0) return -1;
        }
        return 0;
    }
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) {
        if (is_key(k, st->id_key) || is_key(k, st->text_key) || is_key(k, st->lang_key) ||
            is_key(k, st->title_key) || strcmp(k, "offset_unit") == 0 ||
            strcmp(k, "fields") == 0 || json_is_array(v) || json_is_object(v))
            continue;
        /* in a record of the jsonl writer, "source" is the input path, not a field */
        if (nested && strcmp(k, "source") == 0) continue;
        if (add_value(doc, k, v) < 0) return -1;
    }
    if (nested) {
        json_object_foreach(nested, k, v) {
            if (add_value(doc, k, v) < 0) return -1;
        }
    }
    return 0;
}

/*
 * What the jsonl writer adds beyond the text: segments, entities (with their
 * instance), translations, in the record's offset unit.
 */
static int restore_layers(dp_doc *doc, json_t *root, dp_error *err)
{
    dp_offset_unit unit;
    const json_t *u = json_object_get(root, "offset_unit");
    if ((u && !json_is_string(u)) || dpj_offset_unit(json_string_value(u), &unit) < 0)
        return dp_fail(err, DP_FAILED, "\"offset_unit\" must be codepoint, utf16 or byte");
    int rc = DP_OK;
    json_t *segs = json_object_get(root, "segments");
    if (segs) rc = dpj_merge_segments(doc, segs, unit, err);
    json_t *ents = json_object_get(root, "entities");
    if (rc == DP_OK && ents) rc = dpj_merge_entities(doc, ents, unit, 1, err);
    json_t *trs = json_object_get(root, "translations");
    if (rc == DP_OK && trs) rc = dpj_merge_translations(doc, trs, NULL, err);
    return rc;
}

/* Plain records: the first line is the title when it repeats it, the other lines paragraphs. */
static int line_segments(dp_doc *doc)
{
    size_t len;
    const char *t = dp_doc_text(doc, &len);
    const char *title = dp_doc_field(doc, "title");
    int first = 1;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(t + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - t) : len;
        size_t s = pos, e = end;
        while (s < e && (t[s] == ' ' || t[s] == '\t')) s++;
        while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r')) e--;
        if (e > s) {
            const char *kind = "paragraph";
            if (first && title && strlen(title) == e - s && memcmp(title, t + s, e - s) == 0)
                kind = "title";
            first = 0;
            if (dp_doc_segment_add(doc, s, e, kind) < 0) return -1;
        }
        pos = end + 1;
    }
    return 0;
}

static int jsonl_process(void *state, dp_doc *doc, dp_error *err)
{
    const jsonl_state *st = state;
    size_t len = 0;
    const char *raw = dp_doc_raw(doc, &len);
    if (!raw) return dp_fail(err, DP_FAILED, "no input");
    json_error_t je;
    json_t *root = json_loadb(raw, len, 0, &je);
    if (!root)
        return dp_fail(err, DP_FAILED, "invalid JSON at column %d: %s", je.column, je.text);
    int rc = DP_OK;
    if (!json_is_object(root)) {
        rc = dp_fail(err, DP_FAILED, "the line is not a JSON object");
        goto out;
    }
    json_t *text = json_object_get(root, st->text_key);
    if (!json_is_string(text)) {
        rc = dp_fail(err, DP_FAILED, text ? "\"%s\" is not a string" : "no \"%s\" key",
                     st->text_key);
        goto out;
    }
    const char *tv = json_string_value(text);
    size_t tlen = json_string_length(text);
    if (dp_doc_set_text(doc, tv, tlen) < 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    json_t *id = st->id_key && *st->id_key ? json_object_get(root, st->id_key) : NULL;
    char buf[64];
    const char *idv = id ? scalar(id, buf, sizeof buf) : NULL;
    if (idv && *idv && dp_doc_set_id(doc, idv) < 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    const char *lang = NULL;
    if (st->lang_key && *st->lang_key) lang = json_string_value(json_object_get(root, st->lang_key));
    if (!lang || !*lang) lang = st->lang;
    if (lang && *lang && dp_doc_set_lang(doc, lang) < 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    if (add_fields(st, doc, root) < 0) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    /*
     * Offsets are kept only when the stored text is the record's text (a
     * record of the jsonl writer is NFC already); entities and translations
     * of another text would point at the wrong characters, so they go too.
     */
    size_t stored;
    const char *t = dp_doc_text(doc, &stored);
    int same_text = stored == tlen && memcmp(t, tv, tlen) == 0;
    if (json_object_get(root, "segments") || json_object_get(root, "entities")) {
        if (same_text) rc = restore_layers(doc, root, err);
    } else if (line_segments(doc) < 0) {
        rc = dp_fail_nomem(err);
    }
out:
    json_decref(root);
    return rc;
}

static void jsonl_fini(void *state)
{
    jsonl_state *s = state;
    if (!s) return;
    free(s->fields);
    free(s);
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_SOURCE),
    .name = "jsonl",
    .version = "1.0",
    .description = "JSON Lines: one document per line, configurable id/text/title/fields keys; "
                   "reads back the jsonl writer's records",
    .options = options,
    .consumes = "raw",
    .produces = "text fields segments entity entity.translation translation",
    .flags = DP_SOURCE_LINES,
    .init = jsonl_init,
    .process = jsonl_process,
    .fini = jsonl_fini,
};

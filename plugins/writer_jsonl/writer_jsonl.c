/*
 * jsonl: one JSON object per document and line.  The schema is documented
 * in this folder's README; offsets are converted from the core's UTF-8 bytes
 * to the configured unit (code points by default).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

static const dp_option jsonl_options[] = {
    { "path", DP_OPT_OUTPUT, "-", 0, NULL, "output file, or - for standard output (flushed after every document)" },
    { "offset_unit", DP_OPT_ENUM, "codepoint", 0, "codepoint|utf16|byte",
      "unit of start/end offsets: Unicode code points, UTF-16 code units (JavaScript, Java) or UTF-8 bytes" },
    { "pretty", DP_OPT_BOOL, "false", 0, NULL, "indent the JSON (one document then spans several lines)" },
    { "text", DP_OPT_BOOL, "true", 0, NULL, "include the document text" },
    { "segments", DP_OPT_BOOL, "true", 0, NULL, "include the segments" },
    DP_OPTION_END
};

enum unit { UNIT_CP, UNIT_U16, UNIT_BYTE };

typedef struct jsonl_state {
    dp_outfile *out;
    enum unit unit;
    int pretty, text, segments;
} jsonl_state;

static int jsonl_init(dp_instance *inst, void **state)
{
    jsonl_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    const char *u = dp_opt_str(inst, "offset_unit");
    s->unit = !strcmp(u, "utf16") ? UNIT_U16 : !strcmp(u, "byte") ? UNIT_BYTE : UNIT_CP;
    s->pretty = dp_opt_bool(inst, "pretty");
    s->text = dp_opt_bool(inst, "text");
    s->segments = dp_opt_bool(inst, "segments");
    s->out = dp_outfile_open(inst, dp_opt_str(inst, "path"));
    if (!s->out) { free(s); return -1; }
    *state = s;
    return 0;
}

static size_t conv(const jsonl_state *s, dp_offset_cursor *c, size_t byte)
{
    switch (s->unit) {
    case UNIT_CP: return dp_offset_cursor_codepoints(c, byte);
    case UNIT_U16: return dp_offset_cursor_utf16(c, byte);
    default: return byte;
    }
}

/* Separator and indentation: compact, or one member per line when pretty. */
static void sep(FILE *f, const jsonl_state *s, int first, int depth)
{
    if (!first) putc(',', f);
    if (s->pretty) {
        putc('\n', f);
        for (int i = 0; i < depth; i++) fputs("  ", f);
    }
}

static void key(FILE *f, const jsonl_state *s, int first, int depth, const char *k)
{
    sep(f, s, first, depth);
    dp_json_write_cstr(f, k);
    fputs(s->pretty ? ": " : ":", f);
}

static void write_kv_object(FILE *f, const dp_field *(*at)(const dp_entity *, size_t), size_t n, const dp_entity *e)
{
    putc('{', f);
    for (size_t i = 0; i < n; i++) {
        const dp_field *kv = at(e, i);
        if (i) putc(',', f);
        dp_json_write_cstr(f, kv->key);
        putc(':', f);
        dp_json_write_cstr(f, kv->value);
    }
    putc('}', f);
}

/* Fields as an object; a key that repeats ("keyword") becomes an array. */
static void write_fields(FILE *f, const dp_doc *doc)
{
    size_t n = dp_doc_field_count(doc);
    putc('{', f);
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
        if (!first) putc(',', f);
        first = 0;
        dp_json_write_cstr(f, fi->key);
        putc(':', f);
        if (count == 1) { dp_json_write_cstr(f, fi->value); continue; }
        putc('[', f);
        int k = 0;
        for (size_t j = i; j < n; j++) {
            const dp_field *fj = dp_doc_field_at(doc, j);
            if (strcmp(fj->key, fi->key)) continue;
            if (k++) putc(',', f);
            dp_json_write_cstr(f, fj->value);
        }
        putc(']', f);
    }
    putc('}', f);
}

static const char *target_name(dp_target t)
{
    return t == DP_TARGET_FIELD ? "field" : t == DP_TARGET_SEGMENT ? "segment" : "text";
}

static int jsonl_process(void *state, dp_doc *doc, dp_error *err)
{
    jsonl_state *s = state;
    FILE *f = dp_outfile_stream(s->out);
    static const char *const unit_names[] = { "codepoint", "utf16", "byte" };
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    /* One cursor per layer: each walks the text once, forward. */
    dp_offset_cursor cur, ecur;
    dp_offset_cursor_init(&cur, text);
    dp_offset_cursor_init(&ecur, text);

    putc('{', f);
    key(f, s, 1, 1, "id");
    dp_json_write_cstr(f, dp_doc_id(doc));
    key(f, s, 0, 1, "source");
    dp_json_write_cstr(f, dp_doc_source(doc));
    key(f, s, 0, 1, "lang");
    dp_json_write_cstr(f, dp_doc_lang(doc));
    key(f, s, 0, 1, "offset_unit");
    dp_json_write_cstr(f, unit_names[s->unit]);
    key(f, s, 0, 1, "fields");
    write_fields(f, doc);
    if (s->text) {
        key(f, s, 0, 1, "text");
        dp_json_write_string(f, text, tlen);
    }
    if (s->segments) {
        key(f, s, 0, 1, "segments");
        putc('[', f);
        for (size_t i = 0, n = dp_doc_segment_count(doc); i < n; i++) {
            const dp_segment *g = dp_doc_segment_at(doc, i);
            sep(f, s, i == 0, 2);
            fprintf(f, "{\"start\":%zu,\"end\":%zu,\"kind\":", conv(s, &cur, g->start), conv(s, &cur, g->end));
            dp_json_write_cstr(f, g->kind);
            putc('}', f);
        }
        putc(']', f);
    }
    key(f, s, 0, 1, "entities");
    putc('[', f);
    for (size_t i = 0, n = dp_doc_entity_count(doc); i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        size_t slen;
        const char *surface = dp_entity_surface(doc, e, &slen);
        sep(f, s, i == 0, 2);
        fprintf(f, "{\"start\":%zu,\"end\":%zu,\"type\":", conv(s, &ecur, e->start), conv(s, &ecur, e->end));
        dp_json_write_cstr(f, e->type);
        fputs(",\"surface\":", f);
        dp_json_write_string(f, surface, slen);
        fputs(",\"value\":", f);
        dp_json_write_cstr(f, e->value);
        fprintf(f, ",\"confidence\":%.3g,\"instance\":", e->confidence);
        dp_json_write_cstr(f, e->instance);
        fputs(",\"attrs\":", f);
        write_kv_object(f, dp_entity_attr_at, dp_entity_attr_count(e), e);
        fputs(",\"translations\":", f);
        write_kv_object(f, dp_entity_translation_at, dp_entity_translation_count(e), e);
        putc('}', f);
    }
    putc(']', f);
    key(f, s, 0, 1, "translations");
    putc('[', f);
    for (size_t i = 0, n = dp_doc_translation_count(doc); i < n; i++) {
        const dp_translation *t = dp_doc_translation_at(doc, i);
        sep(f, s, i == 0, 2);
        fputs("{\"lang\":", f);
        dp_json_write_cstr(f, t->lang);
        fprintf(f, ",\"target\":\"%s\",\"key\":", target_name(t->target));
        dp_json_write_cstr(f, t->key);
        fputs(",\"text\":", f);
        dp_json_write_cstr(f, t->text);
        fputs(",\"instance\":", f);
        dp_json_write_cstr(f, t->instance);
        fputs(",\"note\":", f);
        dp_json_write_cstr(f, t->note);
        putc('}', f);
    }
    putc(']', f);
    if (s->pretty) putc('\n', f);
    fputs("}\n", f);
    return dp_outfile_end_record(s->out, err);
}

static int jsonl_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    return dp_outfile_checkpoint(((jsonl_state *)state)->out, token, size, err);
}

static int jsonl_restore(void *state, const char *token, dp_error *err)
{
    return dp_outfile_restore(((jsonl_state *)state)->out, token, err);
}

static int jsonl_flush(void *state, dp_error *err) { return dp_outfile_commit(((jsonl_state *)state)->out, err); }

static void jsonl_fini(void *state)
{
    jsonl_state *s = state;
    if (!s) return;
    dp_outfile_close(s->out);
    free(s);
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "jsonl",
    .version = "1.0",
    .description = "JSON Lines: one object per document with fields, text, segments, entities, translations",
    .options = jsonl_options,
    .consumes = "text",
    .produces = "",
    .init = jsonl_init,
    .process = jsonl_process,
    .flush = jsonl_flush,
    .fini = jsonl_fini,
    .checkpoint = jsonl_checkpoint,
    .restore = jsonl_restore,
};

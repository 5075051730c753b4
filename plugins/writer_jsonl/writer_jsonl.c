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

typedef struct jsonl_state {
    dp_outfile *out;
    dp_doc_json_opts opts;
} jsonl_state;

static int jsonl_init(dp_instance *inst, void **state)
{
    jsonl_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    const char *u = dp_opt_str(inst, "offset_unit");
    s->opts.unit = !strcmp(u, "utf16") ? DP_OFFSET_UTF16 : !strcmp(u, "byte") ? DP_OFFSET_BYTE : DP_OFFSET_CODEPOINT;
    s->opts.pretty = dp_opt_bool(inst, "pretty");
    s->opts.text = dp_opt_bool(inst, "text");
    s->opts.segments = dp_opt_bool(inst, "segments");
    s->out = dp_outfile_open(inst, dp_opt_str(inst, "path"));
    if (!s->out) { free(s); return -1; }
    *state = s;
    return 0;
}

/* The record as bytes (the core's serialiser, docpipe/doc_json.h); on a worker thread in runs. */
static int jsonl_render(void *state, const dp_doc *doc, dp_strbuf *out, dp_error *err)
{
    const jsonl_state *s = state;
    if (dp_doc_write_json(doc, &s->opts, out) < 0) return dp_fail_nomem(err);
    return DP_OK;
}

/* One fwrite per record, in input order. */
static int jsonl_write(void *state, const char *bytes, size_t len, dp_error *err)
{
    jsonl_state *s = state;
    FILE *f = dp_outfile_stream(s->out);
    if (f && len) fwrite(bytes, 1, len, f); /* a short write sets the stream's error: end_record reports it */
    return dp_outfile_end_record(s->out, err);
}

static int jsonl_process(void *state, dp_doc *doc, dp_error *err)
{
    dp_strbuf b = DP_STRBUF_INIT;
    int rc = jsonl_render(state, doc, &b, err);
    if (rc == DP_OK) rc = jsonl_write(state, b.data, b.len, err);
    dp_strbuf_free(&b);
    return rc;
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
    .render = jsonl_render,
    .write = jsonl_write,
};

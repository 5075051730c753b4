/*
 * writer_tsv — one row per entity for spreadsheets:
 *   doc_id  type  start  end  surface  value  english  instance
 * after a header row.  Offsets in the unit of option offset_unit (code
 * points by default, UTF-16 code units for Excel/JavaScript, or bytes).
 * TAB, LF, CR and backslash inside a value are written \t \n \r \\.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "english_partial.h"
#include "tsv_field.h"

enum unit { U_CODEPOINT, U_UTF16, U_BYTE };

typedef struct tsv_state {
    dp_outfile *out;
    enum unit unit;
    english_partial partial; /* how an English rendering marked partial is written */
    int header_done;
} tsv_state;


static size_t convert(tsv_state *st, dp_offset_cursor *c, size_t off)
{
    switch (st->unit) {
    case U_UTF16: return dp_offset_cursor_utf16(c, off);
    case U_BYTE: return off;
    default: return dp_offset_cursor_codepoints(c, off);
    }
}

static int tsv_process(void *state, dp_doc *doc, dp_error *err)
{
    tsv_state *st = state;
    FILE *f = dp_outfile_stream(st->out);
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    if (!st->header_done) {
        fputs("doc_id\ttype\tstart\tend\tsurface\tvalue\tenglish\tinstance\n", f);
        st->header_done = 1;
    }
    dp_offset_cursor cur;
    dp_offset_cursor_init(&cur, text);
    dp_strbuf scratch = DP_STRBUF_INIT;
    size_t n = dp_doc_entity_count(doc);
    for (size_t i = 0; i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->end > tlen || e->start > e->end)
            continue;
        tsv_field_put(f, dp_doc_id(doc));
        fputc('\t', f);
        tsv_field_put(f, e->type);
        size_t s = convert(st, &cur, e->start);
        size_t en = convert(st, &cur, e->end);
        fprintf(f, "\t%zu\t%zu\t", s, en);
        tsv_field_put_n(f, text + e->start, e->end - e->start);
        fputc('\t', f);
        tsv_field_put(f, e->value);
        fputc('\t', f);
        tsv_field_put(f, english_for_output(e, "en", st->partial, &scratch));
        if (scratch.oom) {
            dp_strbuf_free(&scratch);
            return dp_fail_nomem(err);
        }
        fputc('\t', f);
        tsv_field_put(f, e->instance);
        fputc('\n', f);
    }
    dp_strbuf_free(&scratch);
    return dp_outfile_end_record(st->out, err);
}

static int tsv_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    tsv_state *st = state;
    return dp_outfile_checkpoint(st->out, token, size, err);
}

static int tsv_restore(void *state, const char *token, dp_error *err)
{
    tsv_state *st = state;
    int rc = dp_outfile_restore(st->out, token, err);
    /* The header is the first thing written: a non-empty file has it. */
    if (rc == DP_OK) {
        FILE *f = dp_outfile_stream(st->out);
        long pos = ftell(f);
        st->header_done = pos > 0;
    }
    return rc;
}

static int tsv_flush(void *state, dp_error *err)
{
    tsv_state *st = state;
    if (!st->header_done) { /* no document: still a valid table */
        fputs("doc_id\ttype\tstart\tend\tsurface\tvalue\tenglish\tinstance\n",
              dp_outfile_stream(st->out));
        st->header_done = 1;
    }
    int rc = dp_outfile_commit(st->out, err);
    return rc;
}

static void tsv_fini(void *state)
{
    tsv_state *st = state;
    if (!st)
        return;
    dp_outfile_close(st->out); /* after a commit it only frees */
    free(st);
}

static int tsv_init(dp_instance *inst, void **state)
{
    tsv_state *st = calloc(1, sizeof *st);
    if (!st) {
        dp_instance_nomem(inst);
        return -1;
    }
    const char *u = dp_opt_str(inst, "offset_unit");
    st->unit = u && strcmp(u, "utf16") == 0 ? U_UTF16
               : u && strcmp(u, "byte") == 0 ? U_BYTE
                                             : U_CODEPOINT;
    st->partial = english_partial_mode(dp_opt_str(inst, "english_partial"));
    st->out = dp_outfile_open(inst, dp_opt_str(inst, "path"));
    if (!st->out) {
        free(st);
        return -1;
    }
    *state = st;
    return 0;
}

static const dp_option tsv_options[] = {
    { "path", DP_OPT_OUTPUT, "-", 0, NULL, "output file (\"-\": standard output)" },
    { "offset_unit", DP_OPT_ENUM, "codepoint", 0, "codepoint|utf16|byte",
      "unit of the start and end columns" },
    ENGLISH_PARTIAL_OPTION,
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "tsv",
    .version = "1.0",
    .description = "one TSV row per entity: doc_id, type, start, end, surface, value, "
                   "english, instance",
    .options = tsv_options,
    .consumes = "text",
    .produces = "",
    .init = tsv_init,
    .process = tsv_process,
    .flush = tsv_flush,
    .fini = tsv_fini,
    .checkpoint = tsv_checkpoint,
    .restore = tsv_restore,
};

/*
 * text: the plainest source.  One input is one document; its text is the
 * input as decoded by the core; the first non-empty line becomes the title
 * field and every block of lines between blank lines a "paragraph" segment.
 */
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

static const dp_option text_options[] = {
    { "lang", DP_OPT_STRING, NULL, 0, NULL, "language tag to set on every document (e.g. vi); default: none" },
    { "title", DP_OPT_BOOL, "true", 0, NULL, "take the first non-empty line as the title field and segment" },
    DP_OPTION_END
};

typedef struct text_state {
    const char *lang;
    int title;
} text_state;

static int text_init(dp_instance *inst, void **state)
{
    text_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    s->lang = dp_opt_str(inst, "lang");
    s->title = dp_opt_bool(inst, "title");
    *state = s;
    return 0;
}

static int text_process(void *state, dp_doc *doc, dp_error *err)
{
    const text_state *s = state;
    size_t len;
    const char *raw = dp_doc_raw(doc, &len);
    if (dp_doc_set_text(doc, raw, len) < 0) return dp_fail(err, DP_FAILED, "cannot set the text (invalid UTF-8?)");
    if (s->lang && dp_doc_set_lang(doc, s->lang) < 0) return dp_fail_nomem(err);
    const char *text = dp_doc_text(doc, &len);
    int want_title = s->title;
    size_t i = 0;
    while (i < len) {
        /* Skip blank lines, then take lines up to the next blank one. */
        while (i < len && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t')) i++;
        if (i >= len) break;
        size_t start = i, end = i;
        while (i < len) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t line_end = nl ? (size_t)(nl - text) : len;
            size_t j = i;
            while (j < line_end && (text[j] == ' ' || text[j] == '\t')) j++;
            if (j == line_end) break; /* blank line */
            end = line_end;
            i = line_end + (nl != NULL);
            if (want_title) break;    /* the title is one line */
        }
        const char *kind = want_title ? "title" : "paragraph";
        if (want_title) {
            char *t = dp_arena_strndup(dp_doc_arena(doc), text + start, end - start);
            if (!t || dp_doc_field_set(doc, "title", t) < 0) return dp_fail_nomem(err);
            want_title = 0;
        }
        if (dp_doc_segment_add(doc, start, end, kind) < 0) return dp_fail_nomem(err);
    }
    return DP_OK;
}

static void text_fini(void *state) { free(state); }

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_SOURCE),
    .name = "text",
    .version = "1.0",
    .description = "plain text: one document per input, first line as title, paragraphs as segments",
    .options = text_options,
    .consumes = "raw",
    .produces = "text fields segments",
    .init = text_init,
    .process = text_process,
    .fini = text_fini,
};

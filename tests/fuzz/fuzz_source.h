/*
 * The body of every source fuzz target (fuzz_news.c, fuzz_html.c,
 * fuzz_jsonl.c): the input is given as the document's raw bytes exactly as
 * the core would (for jsonl: one line), the plugin linked into the target runs
 * through the harness, and the result is checked for consistency (valid
 * UTF-8 text, segments inside it on character boundaries, complete fields).
 */
#ifndef DP_FUZZ_SOURCE_H
#define DP_FUZZ_SOURCE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

extern const dp_plugin docpipe_plugin;

static dp_instance *inst;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    if (!inst) {
        inst = dp_harness_new(&docpipe_plugin, NULL, 0, NULL, err, sizeof err);
        if (!inst) abort();
    }
    dp_doc *doc = dp_doc_new("fuzz", "fuzz");
    if (!doc) return 0;
    if (dp_doc_set_raw(doc, (const char *)data, size) == 0) {
        int rc = dp_harness_process(inst, doc, err, sizeof err);
        if (rc != DP_OK && rc != DP_FAILED && rc != DP_SKIP) abort();
        size_t len;
        const char *text = dp_doc_text(doc, &len);
        if (!dp_utf8_valid(text, len, NULL)) abort();
        for (size_t i = 0; i < dp_doc_segment_count(doc); i++) {
            const dp_segment *s = dp_doc_segment_at(doc, i);
            if (s->start > s->end || s->end > len || !dp_utf8_boundary(text, len, s->start) ||
                !dp_utf8_boundary(text, len, s->end))
                abort();
        }
        for (size_t i = 0; i < dp_doc_field_count(doc); i++) {
            const dp_field *f = dp_doc_field_at(doc, i);
            if (!f->key || !f->value) abort();
        }
    }
    dp_doc_free(doc);
    return 0;
}

#endif

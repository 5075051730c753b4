/*
 * docpipe/doc_json.h — a document as one JSON object: the schema of the
 * `jsonl` writer (plugins/writer_jsonl/README.md).
 *
 * The jsonl writer writes it, and any other part of docpipe that hands a
 * document over as JSON (a co-process plugin, a library caller) uses the same
 * call, so every JSON record of docpipe has one schema.  Offsets are
 * converted from the core's UTF-8 bytes to the chosen unit.
 */
#ifndef DOCPIPE_DOC_JSON_H
#define DOCPIPE_DOC_JSON_H

#include "doc.h"
#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The unit of start/end offsets in the record (and its "offset_unit"). */
typedef enum dp_offset_unit {
    DP_OFFSET_CODEPOINT = 0, /* Unicode code points */
    DP_OFFSET_UTF16 = 1,     /* UTF-16 code units (JavaScript, Java) */
    DP_OFFSET_BYTE = 2       /* UTF-8 bytes, as inside the core */
} dp_offset_unit;

typedef struct dp_doc_json_opts {
    dp_offset_unit unit;
    int pretty;   /* indent: one member per line (the record then spans several lines) */
    int text;     /* include "text" */
    int segments; /* include "segments" */
} dp_doc_json_opts;

/* Code points, compact, with text and segments: the jsonl writer's defaults. */
#define DP_DOC_JSON_DEFAULTS { DP_OFFSET_CODEPOINT, 0, 1, 1 }

/*
 * Append doc to out as one JSON object followed by a newline (opts NULL:
 * DP_DOC_JSON_DEFAULTS).  0, or -1 when memory ran out (out->oom is set).
 */
int dp_doc_write_json(const dp_doc *doc, const dp_doc_json_opts *opts, dp_strbuf *out);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_DOC_JSON_H */

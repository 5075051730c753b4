/*
 * doc_json_read.h — parts of a JSON record in the jsonl writer's schema
 * (docpipe/doc_json.h) merged into a dp_doc, with the record's offset unit
 * converted to the core's UTF-8 bytes and every value checked.  Used by the
 * jsonl source (to read a record back losslessly) and by the exec plugin (to
 * merge a worker's answer).  Link libdpjson.la and jansson.
 *
 * Every function returns DP_OK, DP_FAILED with a message in err naming the
 * element ("entity 3: end 120 is beyond the text (98 codepoints)"), or the
 * code of dp_fail_nomem.  A failure may leave the parts merged before it.
 */
#ifndef DP_DOC_JSON_READ_H
#define DP_DOC_JSON_READ_H

#include <jansson.h>

#include <docpipe/docpipe.h>
#include <docpipe/doc_json.h>

/* The unit named by a record's "offset_unit" (NULL: codepoint); -1 for an unknown name. */
int dpj_offset_unit(const char *name, dp_offset_unit *unit);

/* segments: an array of { start, end, kind }. */
int dpj_merge_segments(dp_doc *doc, const json_t *segments, dp_offset_unit unit, dp_error *err);

/*
 * entities: an array of { start, end, type, value?, confidence?, instance?,
 * attrs?, translations?, surface? }, each added as a new entity; "surface",
 * when present, must be the text between the offsets.  An element with
 * "index": i instead changes entity i of the document (value, confidence,
 * attrs, translations; never its span or type).  keep_instance: the new
 * entities keep the record's "instance" (reading back a pipeline's output);
 * otherwise they belong to the running instance.
 */
int dpj_merge_entities(dp_doc *doc, const json_t *entities, dp_offset_unit unit, int keep_instance,
                       dp_error *err);

/*
 * translations: an array of { lang, target ("text", "field", "segment"), key,
 * text, instance?, note? }.  instance NULL: each keeps the record's
 * "instance"; otherwise it is the one named.
 */
int dpj_merge_translations(dp_doc *doc, const json_t *translations, const char *instance, dp_error *err);

/* fields: an object of strings or arrays of strings, each value appended (dp_doc_field_add). */
int dpj_merge_fields(dp_doc *doc, const json_t *fields, dp_error *err);

#endif

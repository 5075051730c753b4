/*
 * docpipe/doc.h — the document that flows through a pipeline.
 *
 * A dp_doc carries:
 *
 *   id, source      identity (stable across runs: sharding and resume use it)
 *   lang            BCP 47 tag of the text ("vi"), may be NULL
 *   fields          ordered key/value metadata; a key may repeat
 *                   (title, date, author, category, keywords, source, url …)
 *   text            the document body: valid UTF-8, NFC
 *   segments        standoff spans over text with a kind
 *                   (title, lede, paragraph, caption, credit, byline, related …)
 *   entities        standoff spans over text with a type, a normalized value,
 *                   a confidence, attributes and translations
 *   translations    per target language, of a field, a segment or the whole text
 *
 * OFFSETS.  Every offset in this API is a UTF-8 *byte* offset into `text`,
 * half-open: [start, end).  Writers convert to the unit their format defines
 * with dp_offset_to_codepoints() / dp_offset_to_utf16() (text.h).
 *
 * MEMORY.  All strings handed to the setters are copied into the document's
 * arena; all pointers returned by the getters stay valid until the document
 * is freed.  Setters return 0 on success and -1 when memory is exhausted or
 * an argument is invalid (offsets outside the text, NULL key …).
 *
 * ABI.  dp_doc is opaque.  dp_segment, dp_entity and dp_field are read
 * through pointers returned by the core; new members are only ever appended,
 * so never copy them by value or do pointer arithmetic on them: use the
 * *_at() accessors.
 */
#ifndef DOCPIPE_DOC_H
#define DOCPIPE_DOC_H

#include <stddef.h>

#include "arena.h"
#include "nonprose.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_doc dp_doc;

/* A metadata field, an attribute or a translation: one key/value pair. */
typedef struct dp_field {
    const char *key;
    const char *value;
} dp_field;

typedef struct dp_segment {
    size_t start; /* byte offset into text */
    size_t end;
    const char *kind; /* "title", "lede", "paragraph", "caption" … */
} dp_segment;

/*
 * An entity.  Read the members; change value and confidence through
 * dp_entity_set_value and dp_entity_set_confidence, which check and copy.
 */
typedef struct dp_entity {
    size_t start; /* byte offset into text */
    size_t end;
    const char *type;     /* "PER", "ORG", "LOC", "DATE", "EVENT", "MISC" … */
    const char *value;    /* normalized value (ISO date, canonical id) or NULL */
    double confidence;    /* 0..1 */
    const char *instance; /* name of the producing instance (set by the core), or NULL */
} dp_entity;

/* ---- life cycle (used by the core and by test harnesses) ---------------- */

/* New empty document with its own arena.  NULL on exhausted memory. */
dp_doc *dp_doc_new(const char *id, const char *source);
void dp_doc_free(dp_doc *doc);
dp_arena *dp_doc_arena(dp_doc *doc);

/* ---- identity ------------------------------------------------------------ */

const char *dp_doc_id(const dp_doc *doc);
const char *dp_doc_source(const dp_doc *doc);
const char *dp_doc_lang(const dp_doc *doc);
int dp_doc_set_id(dp_doc *doc, const char *id);
int dp_doc_set_lang(dp_doc *doc, const char *lang);

/*
 * The raw input of a source: the bytes the core read for this document,
 * already decoded to UTF-8, NFC and cleaned (see text.h, dp_text_clean).
 * A source plugin parses it into text, fields and segments.  In a run the
 * core frees it once the source has returned (later stages see ""), so that
 * a large input is not held twice.
 */
const char *dp_doc_raw(const dp_doc *doc, size_t *len);
int dp_doc_set_raw(dp_doc *doc, const char *bytes, size_t len);

/* ---- text ---------------------------------------------------------------- */

/* The text (NUL-terminated; `len` may be NULL).  "" before it is set. */
const char *dp_doc_text(const dp_doc *doc, size_t *len);

/*
 * Set the text.  It must be valid UTF-8 (else -1); it is stored NFC.  Setting
 * the text drops all segments and entities, whose offsets would be stale.
 */
int dp_doc_set_text(dp_doc *doc, const char *utf8, size_t len);

/*
 * The matching key of the text under a rule set (dp_text_match_key, text.h;
 * rules NULL: language-neutral) cut into tokens (dp_tokens, text.h), each
 * with its bytes in the key and in the text: computed on the first call and
 * kept with the document until the text changes, one per rule set name, so
 * that every matcher of a chain that uses the same rules shares one pass over
 * the text.  NULL when memory is exhausted (or the text is 4 GiB or more).
 */
const dp_tokens *dp_doc_tokens(dp_doc *doc, const dp_text_rules *rules);

/*
 * The same key as a string, and, when map is not NULL, its per-byte map back
 * to the text (dp_text_match_key's; made on the first call that asks for it,
 * at a size_t per key byte: prefer the tokens' offsets).  NULL when memory is
 * exhausted.
 */
const char *dp_doc_match_key(dp_doc *doc, const dp_text_rules *rules, size_t *len,
                             const size_t **map);

/*
 * The spans of the text that are not prose (URLs, e-mail addresses, file
 * names: nonprose.h), in text order and never overlapping, found on the
 * first call and kept until the text changes.  *n is their number.  NULL
 * only when memory is exhausted.
 */
const dp_nonprose_span *dp_doc_nonprose(dp_doc *doc, size_t *n);

/*
 * Whether [start, end) reaches into a non-prose span without covering it
 * whole (an entity "qdnd" inside "https://www.qdnd.vn/…"): the kind of that
 * span, else DP_NONPROSE_NONE.  A span covering the whole URL is not "in"
 * it.  The core drops such entities after the last recognizer (plugin.h);
 * a recognizer may ask to save itself the work.  DP_NONPROSE_NONE as well
 * when memory is exhausted.
 */
dp_nonprose_kind dp_doc_in_nonprose(dp_doc *doc, size_t start, size_t end);

/* ---- fields -------------------------------------------------------------- */

/* Append a field (keys may repeat: "keyword" for each keyword). */
int dp_doc_field_add(dp_doc *doc, const char *key, const char *value);
/* Replace the first field named key, or append it. */
int dp_doc_field_set(dp_doc *doc, const char *key, const char *value);
/* The first value of key, or NULL. */
const char *dp_doc_field(const dp_doc *doc, const char *key);
size_t dp_doc_field_count(const dp_doc *doc);
const dp_field *dp_doc_field_at(const dp_doc *doc, size_t i);

/* ---- segments ------------------------------------------------------------ */

int dp_doc_segment_add(dp_doc *doc, size_t start, size_t end, const char *kind);
size_t dp_doc_segment_count(const dp_doc *doc);
const dp_segment *dp_doc_segment_at(const dp_doc *doc, size_t i);
/* The kind of the segment containing byte offset `pos`, or NULL. */
const char *dp_doc_segment_kind_at(const dp_doc *doc, size_t pos);

/* ---- entities ------------------------------------------------------------ */

/*
 * Add an entity over [start, end) of the text and return it for the caller
 * to complete (value, confidence, attributes).  The span must lie inside the
 * text and on UTF-8 character boundaries.  confidence defaults to 1.0.  The
 * entity's `instance` is the instance whose process() is running, which the
 * core knows (NULL for a document built outside a pipeline; see harness.h).
 * Returns NULL on an invalid span or exhausted memory.
 */
dp_entity *dp_doc_entity_add(dp_doc *doc, size_t start, size_t end, const char *type);

/* Set (a copy of) the normalized value; NULL clears it.  0, or -1 when memory is exhausted. */
int dp_entity_set_value(dp_doc *doc, dp_entity *e, const char *value);

/*
 * Set the confidence: 0 for a value in [0, 1]; -1 for anything else (NaN,
 * negative, above 1), which leaves the entity unchanged.  Confidences are
 * kept to three decimals (0.9215 is stored as 0.922), the precision every
 * output writes, so that a record read back from JSON Lines carries exactly
 * the confidence it had and a split pipeline computes what one run does.
 */
int dp_entity_set_confidence(dp_entity *e, double confidence);

/*
 * Since ABI 2.2.  Name another producing instance than the running one: for a
 * source that reads back entities a pipeline wrote (the jsonl source), so that
 * they keep the instance of the record.  0, or -1 when memory is exhausted.
 */
int dp_entity_set_instance(dp_doc *doc, dp_entity *e, const char *instance);

size_t dp_doc_entity_count(const dp_doc *doc);
dp_entity *dp_doc_entity_at(const dp_doc *doc, size_t i);

/* The entity's surface: a pointer into the text and its byte length. */
const char *dp_entity_surface(const dp_doc *doc, const dp_entity *e, size_t *len);

/* Attributes: ordered key/value pairs ("rank", "iso", "english.source" …). */
int dp_entity_attr_set(dp_doc *doc, dp_entity *e, const char *key, const char *value);
const char *dp_entity_attr(const dp_entity *e, const char *key);
size_t dp_entity_attr_count(const dp_entity *e);
const dp_field *dp_entity_attr_at(const dp_entity *e, size_t i);

/* Per-language renderings of the entity (key: language tag, value: text). */
int dp_entity_translation_set(dp_doc *doc, dp_entity *e, const char *lang, const char *text);
const char *dp_entity_translation(const dp_entity *e, const char *lang);
size_t dp_entity_translation_count(const dp_entity *e);
const dp_field *dp_entity_translation_at(const dp_entity *e, size_t i);

/*
 * Sort entities by start ascending, then longer span first, then type, then
 * instance.  The order is total, so output is deterministic.
 */
void dp_doc_entities_sort(dp_doc *doc);

/*
 * Keep only the entities for which keep(e, ctx) returns non-zero; order is
 * preserved.  Returns the number removed.
 */
size_t dp_doc_entities_filter(dp_doc *doc, int (*keep)(const dp_entity *e, void *ctx),
                              void *ctx);

/* ---- translations of fields, segments and the whole text ----------------- */

typedef enum dp_target {
    DP_TARGET_TEXT = 1,    /* the whole text; key unused */
    DP_TARGET_FIELD = 2,   /* key: the field name */
    DP_TARGET_SEGMENT = 3  /* key: the segment index as decimal */
} dp_target;

typedef struct dp_translation {
    const char *lang;     /* target language tag ("en") */
    dp_target target;
    const char *key;
    const char *text;
    const char *instance; /* producing instance */
    const char *note;     /* e.g. untranslated terms, or NULL */
} dp_translation;

int dp_doc_translation_add(dp_doc *doc, const char *lang, dp_target target,
                           const char *key, const char *text, const char *instance,
                           const char *note);
size_t dp_doc_translation_count(const dp_doc *doc);
const dp_translation *dp_doc_translation_at(const dp_doc *doc, size_t i);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_DOC_H */

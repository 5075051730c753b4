/* Private structures shared by the core's files (not installed). */
#ifndef DP_INTERNAL_H
#define DP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "docpipe/docpipe.h"

/* An entity as the core stores it: the public part first. */
typedef struct dp_entity_rec {
    dp_entity pub;
    int rank;          /* chain position of the producing instance */
    size_t seq;        /* insertion order, for a stable total order */
    dp_field *attrs;
    size_t n_attrs, cap_attrs;
    dp_field *trans;
    size_t n_trans, cap_trans;
} dp_entity_rec;

/*
 * The instance whose process() runs on doc from now on: its chain position
 * and name are stamped on the entities it adds (dp_doc_entity_add).
 */
void dp_doc_set_instance(dp_doc *doc, int rank, const char *name);

/* The document's raw bytes become bytes (malloc'd, NUL-terminated, owned by the document from now on). */
void dp_doc_adopt_raw(dp_doc *doc, char *bytes, size_t len);

/* Free the raw bytes: once the source has parsed them, nothing needs them (dp_doc_raw then gives ""). */
void dp_doc_release_raw(dp_doc *doc);

/*
 * Resolve overlapping entities (resolve.c): the one place where conflicts
 * between recognizers are decided.  First every entity that reaches into
 * text that is not prose (dp_doc_in_nonprose) goes.  Then policy "longest"
 * keeps, among overlapping entities, the longest; ties go to higher
 * confidence, then to the earlier instance in the chain.  policy "all" only
 * removes exact duplicates (same span and type).  0, or -1 when memory is
 * exhausted (the entities are then left as they were, sorted).
 */
int dp_doc_entities_resolve(dp_doc *doc, int keep_overlaps);

#endif

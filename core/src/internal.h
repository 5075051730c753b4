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

/*
 * The raw input, taken over without a copy (bytes malloc'ed, NUL-terminated,
 * freed with the document), and dropped once the source has parsed it, so a
 * big document is not held twice while the recognizers run.
 */
void dp_doc_adopt_raw(dp_doc *doc, char *bytes, size_t len);
void dp_doc_drop_raw(dp_doc *doc);

/*
 * Resolve overlapping entities (resolve.c): the one place where conflicts
 * between recognizers are decided.  policy "longest" keeps, among
 * overlapping entities, the longest; ties go to higher confidence, then to
 * the earlier instance in the chain.  policy "all" only removes exact
 * duplicates (same span and type).
 */
void dp_doc_entities_resolve(dp_doc *doc, int keep_overlaps);

#endif

/*
 * html_mentions.h — the mention lines of the entity index: one line per
 * entity of every document, appended as the documents arrive to
 * mentions.tsv (a resumable dp_outfile, like index.tsv), read at flush by
 * html_entities.c.
 *
 * A line: group, type, surface, english, id, doc, stem, anchor, left, right
 * (TAB-separated, tsv_field.h escaping).  The group is what the index
 * counts as one entity: "id:" and the canonical id (attribute `id`) when
 * there is one, else "t:", the type, ":" and the surface's match key (case,
 * NFC, white space and the language's word rules aside).  doc is the
 * document's number in the run (its line in index.tsv), anchor the id of the
 * entity's element in the document page ("e5"), left and right up to
 * HTML_SNIPPET bytes of context on the entity's line.
 */
#ifndef WRITER_HTML_MENTIONS_H
#define WRITER_HTML_MENTIONS_H

#include <stddef.h>
#include <stdio.h>

#include <docpipe/docpipe.h>

#define HTML_SNIPPET 90 /* bytes of context on either side of a mention */

enum {
    M_GROUP, M_TYPE, M_SURFACE, M_ENGLISH, M_ID, M_DOC, M_STEM, M_ANCHOR, M_LEFT, M_RIGHT,
    M_FIELDS
};

/*
 * Append the lines of doc's entities (those inside the text; number i gets
 * anchor "e<i+1>").  rules: the language rules of the group keys (NULL:
 * none).  0, or -1 when memory is exhausted.
 */
int html_mentions_write(FILE *f, dp_doc *doc, size_t doc_no, const char *stem,
                        const dp_text_rules *rules);

#endif

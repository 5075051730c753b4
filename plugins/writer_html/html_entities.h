/*
 * html_entities.h — the corpus-wide entity index of the HTML report, built
 * at flush from the mention lines (html_mentions.h) into <dir>/entities/:
 *
 *   index.html, index-2.html …   every distinct entity (grouped as the
 *                                mention lines say), most documents first:
 *                                type, name, English, canonical id, number
 *                                of documents and of mentions; a filter box,
 *                                a type filter, sortable columns (inline
 *                                script over this page's rows)
 *   type-PER.html, type-PER-2.html …  the same, one type per listing
 *   mentions-1.html …            one section per entity: its forms, its
 *                                mentions with their context, each linked to
 *                                the highlighted entity in its document page
 *
 * Static and offline like the rest of the report.  Listing pages hold at
 * most per_page rows and mention pages about MENTION_PAGE_ROWS mentions, so
 * that a page opens fast whatever the corpus.  Memory: the mention lines are
 * spread over buckets on disk by their group and one bucket is read at a
 * time; what stays in memory is one title per document and one summary per
 * distinct entity.
 */
#ifndef WRITER_HTML_ENTITIES_H
#define WRITER_HTML_ENTITIES_H

#include <stddef.h>

#include <docpipe/docpipe.h>

typedef struct html_index_opts {
    size_t per_page;            /* rows of a listing page */
    size_t mentions_per_entity; /* mentions shown with their context; further documents as links */
} html_index_opts;

/*
 * Build <dir>/entities/ from the summary (index.tsv: the documents' titles)
 * and the mention lines; files of an earlier run there are removed first.
 * DP_OK, or DP_FATAL / out of memory with the reason in err.
 */
int html_entities_build(const char *dir, const char *summary_path, const char *mentions_path,
                        const html_index_opts *o, dp_error *err);

#endif

/*
 * html_meta.h — the metadata table of a document page: one row per field
 * name, in the order the names first appear, its distinct values one per
 * line, URLs and e-mail addresses as links.  A field "K_derived" or
 * "K_inferred" (the news source's title_derived, date_inferred) is no row of
 * its own: it marks K's row "(derived from …)", "(inferred from …)".
 */
#ifndef WRITER_HTML_META_H
#define WRITER_HTML_META_H

#include <stdio.h>

#include <docpipe/docpipe.h>

/* The rows <tr><th>key</th><td>values</td></tr> of the document's fields. */
void html_meta_fields(FILE *f, const dp_doc *doc);

/*
 * The marker of field key: "derived from the first sentence" for title when
 * title_derived is "first sentence"; NULL when the field is stated.  *how
 * receives "derived" or "inferred".
 */
const char *html_meta_marker(const dp_doc *doc, const char *key, const char **how);

#endif

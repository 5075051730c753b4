/*
 * html_links.h — text that is not prose, rendered as such: URLs and e-mail
 * addresses become links, file names are set apart (they name files that are
 * not part of the report, so a link would lead nowhere).  The spans are the
 * core's (docpipe/nonprose.h), so a URL is the same thing to the
 * recognizers, which leave it alone, and to the report.
 */
#ifndef WRITER_HTML_LINKS_H
#define WRITER_HTML_LINKS_H

#include <stddef.h>
#include <stdio.h>

#include <docpipe/docpipe.h>

/*
 * s[a..b) HTML-escaped, where the spans of np[0..n) (sorted, disjoint, as
 * dp_doc_nonprose gives them) that lie wholly inside [a, b) are rendered:
 * <a class="url" href="…" rel="nofollow noopener noreferrer">, <a
 * class="email" href="mailto:…">, <code class="file">.
 */
void html_text_linked(FILE *f, const char *s, size_t a, size_t b, const dp_nonprose_span *np,
                      size_t n);

/* A field value escaped, its URLs, e-mail addresses and file names rendered as above. */
void html_value_linked(FILE *f, const char *value);

#endif

/* news_parse.h — the plain-text news article parser of the `news` source. */
#ifndef SOURCE_NEWS_PARSE_H
#define SOURCE_NEWS_PARSE_H

#include <stddef.h>

#include <docpipe/docpipe.h>

#include "news_places.h"

typedef struct news_opts {
    size_t min_title_len; /* shortest title, in bytes */
    size_t max_title_len; /* a longer first line is a paragraph, not a title */
    int related;          /* detect trailing related-article headlines */
    int derive;           /* derive a missing title, infer a missing date (news_derive.h) */
    news_places provinces; /* "Nguồn X:" with X among them names "Báo X" (may be empty) */
} news_opts;

/*
 * Parse the document's text (already set) into segments and fields.  A
 * value is added to a field once: a repeat (the same up to case and
 * Vietnamese tone placement) is dropped.  Returns 0, or -1 when memory is
 * exhausted.
 */
int news_parse(dp_doc *doc, const news_opts *opts);

/*
 * The first date of a dateline s[0..len) ("25/09/2019", "2024-01",
 * "11-9-2023"; vi_date_first of plugins/lib/vi) as ISO 8601 in out
 * ("2019-09-25", "2024-01").  Returns the length of the ISO string, 0 when
 * there is no date.  out must hold 11 bytes.
 */
size_t news_parse_date(const char *s, size_t len, char out[11]);

#endif

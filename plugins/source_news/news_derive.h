/*
 * news_derive.h — the fields a news article does not state but its text
 * gives: a derived title and an inferred date (the `news` source, after
 * news_parse).
 */
#ifndef SOURCE_NEWS_DERIVE_H
#define SOURCE_NEWS_DERIVE_H

#include <stddef.h>

#include <docpipe/docpipe.h>

/*
 * On a parsed document (segments and fields set):
 *
 *   - no `title` field: the first sentence of the lede (else of the first
 *     paragraph), else the first caption, cut at a word before max_title
 *     bytes ("…" added), becomes `title`, and `title_derived` says from
 *     what ("first sentence" or "caption");
 *   - no `date` field: the date the opening clause of the lede (else of the
 *     first paragraph) gives — "Ngày 11-9, tại Seoul, …", "Sáng 18-7, …",
 *     "Tại họp báo chiều nay (12/3), …" — becomes `date` when the clause
 *     holds exactly one date and no range; its year only when the text
 *     writes it ("--09-11" otherwise, ISO 8601's date without a year);
 *     `date_inferred` names the segment ("lede" or "paragraph").
 *
 * Returns 0, or -1 when memory is exhausted.
 */
int news_derive(dp_doc *doc, size_t max_title);

#endif

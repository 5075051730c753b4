/*
 * html_util.h — what every page of the HTML report shares: escaping
 * (articles are untrusted input), the summary files' TSV escaping, CSS class
 * names of entity types, the style sheet.
 */
#ifndef WRITER_HTML_UTIL_H
#define WRITER_HTML_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include <docpipe/docpipe.h>

/* s[0..len) HTML-escaped: & < > " ' (NULL writes nothing). */
void html_esc_n(FILE *f, const char *s, size_t len);
void html_esc(FILE *f, const char *s);

/* A field of a summary file, escaped by tsv_field.h: undone in place. */
void html_tsv_unescape(char *s);

/*
 * Split a summary line (its '\n' dropped) in place into at most max fields
 * at TABs, unescaped: the number of fields found.
 */
size_t html_tsv_split(char *line, char **fields, size_t max);

/* A CSS class for a type: [A-Za-z0-9_-] only ("MISC" when NULL). */
void html_type_class(const char *type, char *out, size_t size);

/* The report's style sheet, shared by every page. */
extern const char HTML_STYLE[];

/*
 * A page written whole or not at all: html_file_open creates path + ".tmp"
 * (*tmp receives that name, malloc'ed); html_file_commit flushes, syncs,
 * closes and renames it (DP_OK, or DP_FATAL with the reason in err);
 * html_file_abort closes and removes it.  Both free *tmp.
 */
FILE *html_file_open(const char *path, char **tmp);
int html_file_commit(FILE *f, char *tmp, const char *path, dp_error *err);
void html_file_abort(FILE *f, char *tmp);

/*
 * The file name of page `page` (from 1) of a listing: of the documents index
 * or of every entity when type is NULL ("index.html", "index-2.html"), of one
 * type's entities otherwise ("type-PER.html", "type-PER-2.html").
 */
void html_listing_name(const char *type, size_t page, char *out, size_t size);

/* "page 3 of 9: 1 … 2 3 4 … 9 next →" between the pages of a listing; nothing when pages <= 1. */
void html_page_links(FILE *f, const char *type, size_t page, size_t pages);

#endif

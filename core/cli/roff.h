/*
 * Writing roff for the manual pages (roff.c): text escaped so that groff
 * renders it as written — backslashes, lines that would start a request,
 * and every non-ASCII character as \[uXXXX], so the pages are plain ASCII
 * and render the same with or without preconv.
 */
#ifndef DP_CLI_ROFF_H
#define DP_CLI_ROFF_H

#include <stdio.h>

/* The page header (.TH) with today's source date left out, so builds are reproducible. */
void roff_header(FILE *f, const char *name, const char *section, const char *version, const char *title);

/* s as running text; a line break in s starts a new paragraph (.PP); ends the line. */
void roff_paragraph(FILE *f, const char *s);

/* s escaped, without a line end (for use inside a request or a line being built). */
void roff_text(FILE *f, const char *s);

/* An option or a command line in bold, '-' written as \- so that it copies as a hyphen-minus. */
void roff_flags(FILE *f, const char *s);

/* A tagged paragraph: .TP, the tag in bold, then the text. */
void roff_item(FILE *f, const char *tag, const char *text);

/* A section heading (.SH) and a subsection heading (.SS). */
void roff_section(FILE *f, const char *title);
void roff_subsection(FILE *f, const char *title);

/* A literal block (.nf/.fi), each line escaped. */
void roff_example(FILE *f, const char *lines);

#endif

/*
 * html_index.h — the report's documents index: index.tsv, one summary line
 * per document written as documents arrive, and index.html, built from it at
 * flush.
 *
 * A summary line (tsv_field.h escaping): stem, title, date, entity total,
 * "TYPE=n,…", then how the title and the date were obtained ("" when the
 * document states them; else the value of its title_derived /
 * date_inferred field).  Lines of five fields (before issue #19) still read.
 */
#ifndef WRITER_HTML_INDEX_H
#define WRITER_HTML_INDEX_H

#include <stddef.h>
#include <stdio.h>

#include <docpipe/docpipe.h>

#define HTML_MAX_TYPES 64 /* index columns; further types are counted in the total only */

typedef struct html_summary {
    char *stem, *title, *date, *total, *counts, *title_how, *date_how;
} html_summary;

typedef struct html_type_count {
    const char *type;
    size_t n;
} html_type_count;

/* Append doc's summary line (counts[0..nt): its entities by type). */
void html_summary_put(FILE *f, const dp_doc *doc, const char *stem, const html_type_count *counts,
                      size_t nt);

/* Split a summary line in place; 0 when well formed. */
int html_summary_parse(char *line, html_summary *s);

/*
 * Write <dir>/index.html (and index-2.html … beyond per_page rows) from the
 * summary file: a row per document, a column per entity type, a filter box;
 * a link to the entity index when with_entities.  DP_OK or DP_FATAL with the
 * reason in err.
 */
int html_index_write(const char *dir, const char *summary_path, size_t per_page, int with_entities,
                     dp_error *err);

#endif

/*
 * The options every source takes, handled by the core (source_options.c):
 * where inputs come from (paths, include, exclude, recursive — read when
 * inputs are listed, inputs.c) and how records are read (max_size, encoding
 * — validated into dp_source_settings when the plan is built, so that `check`
 * refuses what a run would).
 */
#ifndef DP_SOURCE_OPTIONS_H
#define DP_SOURCE_OPTIONS_H

#include "options.h"
#include "strbuf.h"

/* The table, appended to every source plugin's own (options.c, `docpipe plugins`). */
extern const dp_option dp_source_options[];

/* How the core reads a source's records, validated. */
typedef struct dp_source_settings {
    int lines;            /* DP_SOURCE_LINES: one record per non-empty line */
    long long max_size;   /* largest record in bytes */
    const char *encoding; /* as configured; valid for dp_text_decode (points into the option values) */
} dp_source_settings;

/*
 * Check max_size (a size) and encoding (opened exactly as decoding will open
 * it) of a source's option values.  Errors name the option's file:line (or
 * `where`, the source's, for a default); returns the number of errors.
 */
int dp_source_settings_read(const dp_optset *opts, unsigned plugin_flags, const char *where,
                            const char *plugin_name, dp_source_settings *out, dp_strbuf *errs);

#endif

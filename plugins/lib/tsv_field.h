/*
 * tsv_field.h — one field of a TSV output line, escaped the way every writer
 * of TSV in docpipe escapes it: TAB, LF, CR and backslash as \t \n \r \\.
 * Header-only (like fnv.h): $(PLUGIN_LIB_CFLAGS) is all a plugin needs.
 */
#ifndef DOCPIPE_PLUGINS_TSV_FIELD_H
#define DOCPIPE_PLUGINS_TSV_FIELD_H

#include <stdio.h>
#include <string.h>

/* s[0..len) escaped to f; NULL s writes nothing (an empty field). */
static inline void tsv_field_put_n(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; s && i < len; i++) {
        switch (s[i]) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(s[i], f);
        }
    }
}

static inline void tsv_field_put(FILE *f, const char *s)
{
    if (s) tsv_field_put_n(f, s, strlen(s));
}

#endif

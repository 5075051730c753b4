/*
 * docpipe/json.h — writing JSON strings.
 *
 * Writers emit JSON (jsonl, brat notes, the HTML report's data); this is the
 * one escaper they share, so every output escapes alike.  Reading JSON is
 * jansson's job.
 */
#ifndef DOCPIPE_JSON_H
#define DOCPIPE_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Write s[0..len) as a quoted JSON string: ", \ and control characters
 * escaped, U+2028/U+2029 escaped, everything else as UTF-8.  NULL writes null.
 */
void dp_json_write_string(FILE *out, const char *s, size_t len);

/* The same for a NUL-terminated string (NULL writes null). */
void dp_json_write_cstr(FILE *out, const char *s);

/* The same escaping appended to a string builder; -1 when memory ran out (b->oom). */
int dp_json_append_string(dp_strbuf *b, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_JSON_H */

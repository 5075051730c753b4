/*
 * One-line pipelines (pipeline.c): `docpipe run -p 'news ! gazetteer !
 * jsonl path=-'` written as a config.
 *
 *   PIPELINE := ELEMENT { "!" ELEMENT }     the first element is the source
 *   ELEMENT  := PLUGIN { KEY=VALUE }        name=N names the instance
 *
 * Words are separated by blanks; '…' or "…" inside a word keeps blanks and
 * the other quote.  A VALUE is typed by the plugin's option table, as in
 * `docpipe try -o`: lists take ','-separated items.
 *
 * The config text has one line per word, so the config's "-p:N" in a
 * message is the N-th word of the pipeline: the same validation and the
 * same messages as a config file, pointing at the word.
 */
#ifndef DP_PIPELINE_H
#define DP_PIPELINE_H

#include <stddef.h>

#include "strbuf.h"

/* How a pipeline is named in messages: "-p:3: …" is its third word. */
#define DP_PIPELINE_NAME "-p"

typedef struct dp_pipeline_word {
    size_t start, len;     /* in the pipeline's text, quotes included */
} dp_pipeline_word;

/* An option word of an element: applied to the element's instance like `-o`. */
typedef struct dp_pipeline_option {
    size_t element;        /* 0: the source, i: the i-th chain element */
    size_t word;           /* 1-based */
    char *kv;              /* KEY=VALUE, quotes removed */
} dp_pipeline_option;

typedef struct dp_pipeline {
    char *config;                  /* the config text: source and chain, plugins and names */
    dp_pipeline_option *options;
    size_t n_options;
    dp_pipeline_word *words;
    size_t n_words;
} dp_pipeline;

/*
 * Parse text; 0, or the number of errors ("-p:N: …", one per line) appended
 * to errs (-1 when memory ran out).  *out is complete only on 0; free it
 * either way.
 */
int dp_pipeline_parse(const char *text, dp_pipeline *out, dp_strbuf *errs);
void dp_pipeline_free(dp_pipeline *p);

#endif

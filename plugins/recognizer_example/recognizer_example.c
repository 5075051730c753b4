/*
 * example: a recognizer to copy when writing your own plugin.
 *
 * It tags every occurrence of the words given in the `words` option with the
 * entity type of the `type` option, matching case-insensitively on the
 * document's shared match key (dp_doc_match_key, without language rules:
 * see docs/plugin-guide.md for Vietnamese tone placement), and only at word
 * boundaries.  Read it top to bottom: options, state, init, process, fini,
 * and the one exported descriptor.
 *
 * Build it out of tree against an installed docpipe:
 *     cc -std=c11 -shared -fPIC $(pkg-config --cflags docpipe) recognizer_example.c \
 *        $(pkg-config --libs docpipe) -o recognizer_example.so
 * and put the folder holding recognizer_example.so on `plugin_path` or
 * DOCPIPE_PLUGIN_PATH.  The file name must be <kind>_<name>.so.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strdup, memmem */
#endif
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

/* 1. The option table: the core validates configs against it and
 *    `docpipe plugins example` prints it.  End it with DP_OPTION_END. */
static const dp_option example_options[] = {
    { "words", DP_OPT_LIST, NULL, 1, NULL, "words or phrases to tag (required)" },
    { "type", DP_OPT_STRING, "MISC", 0, NULL, "entity type given to every match" },
    DP_OPTION_END
};

/* 2. Per-instance state.  It is built in init and only read in process(),
 *    which runs on many threads at once (see the threading contract in
 *    docpipe/plugin.h). */
typedef struct example_state {
    char **keys;             /* matching keys of the words */
    size_t *key_lens;
    size_t n;
    char *type;
} example_state;

static void example_fini(void *state)
{
    example_state *s = state;
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) free(s->keys[i]);
    free(s->keys);
    free(s->key_lens);
    free(s->type);
    free(s);
}

/* 3. init: read options, prepare read-only state; report failure with
 *    dp_instance_error() and a non-zero return. */
static int example_init(dp_instance *inst, void **state)
{
    example_state *s = calloc(1, sizeof *s);
    if (!s) { dp_instance_nomem(inst); return -1; }
    size_t n = dp_opt_count(inst, "words");
    s->keys = calloc(n ? n : 1, sizeof *s->keys);
    s->key_lens = calloc(n ? n : 1, sizeof *s->key_lens);
    s->type = strdup(dp_opt_str(inst, "type"));
    if (!s->keys || !s->key_lens || !s->type) goto oom;
    for (size_t i = 0; i < n; i++) {
        const char *w = dp_opt_item(inst, "words", i);
        if (!*w) { dp_instance_error(inst, "words: empty word at position %zu", i + 1); example_fini(s); return -1; }
        s->keys[i] = dp_text_match_key(w, strlen(w), NULL, &s->key_lens[i], NULL);
        if (!s->keys[i]) goto oom;
        s->n++;
    }
    *state = s;
    return 0;
oom:
    dp_instance_nomem(inst);
    example_fini(s);
    return -1;
}

/* A boundary: the edge of the text, or a byte that is ASCII and not alphanumeric.
 * (Non-ASCII bytes are letters in Vietnamese text.) */
static int boundary(const char *k, size_t len, size_t pos)
{
    if (pos == 0 || pos >= len) return 1;
    unsigned char a = (unsigned char)k[pos - 1], b = (unsigned char)k[pos];
    return (a < 0x80 && !isalnum(a)) || (b < 0x80 && !isalnum(b));
}

/* 4. process: read the document, add entities with byte offsets into its
 *    text.  Return DP_OK, or dp_fail(err, DP_FAILED, …) for a bad document. */
static int example_process(void *state, dp_doc *doc, dp_error *err)
{
    const example_state *s = state;
    size_t klen;
    const size_t *map = NULL;
    /* The document's key (NULL: no language rules), computed once and shared
     * by every matcher of the chain that asks for the same rules. */
    const char *key = dp_doc_match_key(doc, NULL, &klen, &map);
    if (!key) return dp_fail(err, DP_FAILED, "out of memory");
    int rc = DP_OK;
    for (size_t w = 0; w < s->n && rc == DP_OK; w++) {
        const char *p = key;
        while ((p = memmem(p, klen - (size_t)(p - key), s->keys[w], s->key_lens[w]))) {
            size_t a = (size_t)(p - key), b = a + s->key_lens[w];
            if (boundary(key, klen, a) && boundary(key, klen, b)) {
                /* map[] turns key offsets back into text offsets. */
                /* The core fills in the entity's instance: the one running. */
                dp_entity *e = dp_doc_entity_add(doc, map[a], map[b], s->type);
                if (!e) { rc = dp_fail_nomem(err); break; }
                /* A guess: lower than a list lookup's 1.0, so the core's
                 * conflict resolution prefers better evidence. */
                if (dp_entity_set_confidence(e, 0.5) < 0) { rc = dp_fail(err, DP_FATAL, "bad confidence"); break; }
            }
            p++;
        }
    }
    return rc;
}

/* 5. The descriptor: the only exported symbol.  DP_PLUGIN_HEADER fills in
 *    the ABI version and the descriptor size the loader checks. */
DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "example",
    .version = "1.0",
    .description = "tags the configured words (a template for plugin authors)",
    .options = example_options,
    .consumes = "text",
    .produces = "entity",
    .init = example_init,
    .process = example_process,
    .fini = example_fini,
};

/*
 * docpipe/pipeline.h — run a pipeline from an application.
 *
 * A program that holds its documents in memory (a web service, a crawler, a
 * notebook) opens a pipeline once and hands it documents; it gets each
 * document back with its entities, attributes, translations, fields and
 * segments, read through the dp_doc_* accessors (doc.h) or serialised in the
 * `jsonl` writer's schema with one call (dp_doc_to_json).
 *
 *     char *msg = NULL;
 *     dp_pipeline *p;
 *     if (dp_pipeline_open_file("config/default.cfg", 0, &p, &msg) != DP_EXIT_OK) {
 *         fprintf(stderr, "%s", msg);          // "default.cfg:7: unknown option …"
 *         dp_free(msg);
 *         return 1;
 *     }
 *     dp_doc *doc;
 *     if (dp_pipeline_process_text(p, "a1", text, strlen(text), &doc, &msg) == DP_OK) {
 *         for (size_t i = 0; i < dp_doc_entity_count(doc); i++) …
 *         dp_doc_free(doc);
 *     }
 *     dp_pipeline_close(p, NULL);
 *
 * OPENING.  A pipeline is the run plan `docpipe check` and `docpipe run`
 * build (docs/architecture.md) from a config file, a config string or a
 * one-line pipeline: the same config is accepted or refused with the same
 * messages, every one "file:line: …" on a line of its own.  The
 * open functions return an exit code of exitcode.h: DP_EXIT_OK, or
 * DP_EXIT_CONFIG (78, the config is invalid), DP_EXIT_IOERR (74, an output
 * folder is not writable), DP_EXIT_TEMPFAIL (75, a running `docpipe run`
 * holds an output) or DP_EXIT_SOFTWARE (70, out of memory).  On failure *out
 * is NULL and, when errmsg is not NULL, *errmsg receives every message
 * (release it with dp_free).
 *
 * Without DP_PIPELINE_WRITERS the writers of the config are validated as by
 * `docpipe check` and create nothing: the pipeline runs the source, the
 * recognizers and the translators, and the application takes the document.
 * With it they are started as by `docpipe run` (their outputs are created
 * and locked) and dp_pipeline_write() feeds them; dp_pipeline_close()
 * commits their outputs.  The run-only settings of a config (checkpoint,
 * dead letter, stats, max_failures, inputs) are not used by the API.
 *
 * PROCESSING.  dp_pipeline_process() runs one document through what a run's
 * worker does: decoding (the source's `encoding`, BOM, NFC), the source,
 * the recognizers, the resolution of overlapping entities, the translators.
 * It returns DP_OK, DP_SKIP (a plugin dropped the document on purpose),
 * DP_FAILED (this document failed: *errmsg says where, e.g.
 * "[recognizer:names] …"; the pipeline goes on) or DP_FATAL (a plugin's
 * fatal error, or memory ran out: the application should close the
 * pipeline).
 *
 * THREADS.  A pipeline holds no global state and may be used by several
 * threads at once: dp_pipeline_process(), _process_text() and
 * _process_many() may run concurrently on one pipeline; each plugin's
 * DP_PLUGIN_SERIAL flag is honoured (such a plugin runs one document at a
 * time).  dp_pipeline_write() calls are serialised by the pipeline.  A
 * document belongs to one thread at a time.  Closing must wait for every
 * other call to return.  Two pipelines are independent.
 *
 * ABI.  dp_pipeline is opaque; its functions exist since libdocpipe 2.1
 * (SONAME libdocpipe.so.2; docs/abi.md).
 */
#ifndef DOCPIPE_PIPELINE_H
#define DOCPIPE_PIPELINE_H

#include <stddef.h>

#include "doc.h"
#include "doc_json.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_pipeline dp_pipeline;

/* Flags of the open functions. */
#define DP_PIPELINE_WRITERS 0x1u /* start the config's writers for dp_pipeline_write() */

/*
 * Open the pipeline of a config file.  Relative paths in the config resolve
 * against the file's folder (output paths against the current directory),
 * as for `docpipe run -c path`.
 */
int dp_pipeline_open_file(const char *path, unsigned flags, dp_pipeline **out, char **errmsg);

/*
 * Open the pipeline of a config held in memory.  name stands for the file in
 * messages ("name:line: …"; NULL: "<string>"); relative paths resolve against
 * base_dir (NULL: the current directory).
 */
int dp_pipeline_open_string(const char *config, const char *name, const char *base_dir, unsigned flags,
                            dp_pipeline **out, char **errmsg);

/*
 * Open a one-line pipeline, as `docpipe run -p` reads it:
 *     "news ! gazetteer ! names ! dates ! glossary ! jsonl path=-"
 * (elements separated by '!', the first the source; KEY=VALUE words set an
 * option, name=N names the instance; the plugins' data files are found on
 * the data path, README "Install and operate").  Messages name the N-th word
 * as "-p:N: …".  Relative paths resolve against base_dir (NULL: the current
 * directory).
 */
int dp_pipeline_open_description(const char *description, const char *base_dir, unsigned flags,
                                 dp_pipeline **out, char **errmsg);

/* Worker threads the config asks for (`threads`, 0 there meaning one per core): dp_pipeline_process_many's. */
int dp_pipeline_threads(const dp_pipeline *p);

/*
 * Run doc through the pipeline.  doc comes from dp_doc_new() with its raw
 * bytes set (dp_doc_set_raw: text, or bytes in the source's encoding); the
 * application may also set fields and the language, which the source sees.
 * On return the raw bytes are the decoded text and the document holds what
 * the plugins added.  errmsg, when not NULL, receives the message of a
 * failure (dp_free); it is set to NULL on success.
 */
int dp_pipeline_process(dp_pipeline *p, dp_doc *doc, char **errmsg);

/*
 * The same for bytes held by the caller: a new document with this id (NULL:
 * "doc") is processed and, unless the result is DP_FATAL, returned in *out
 * (the caller frees it with dp_doc_free; on DP_FAILED it holds what the
 * stages before the failure added).
 */
int dp_pipeline_process_text(dp_pipeline *p, const char *id, const char *bytes, size_t len, dp_doc **out,
                             char **errmsg);

/*
 * Process n documents on dp_pipeline_threads(p) threads of the pipeline's
 * own (fewer when n is smaller).  results[i] receives docs[i]'s result and,
 * when errmsgs is not NULL, errmsgs[i] its message or NULL (dp_free each).
 * The calling thread is one of the workers.  Returns the number of documents
 * whose result is DP_FAILED or DP_FATAL.
 */
long dp_pipeline_process_many(dp_pipeline *p, dp_doc *const *docs, size_t n, int *results, char **errmsgs);

/*
 * Give a processed document to every writer, in chain order (only with
 * DP_PIPELINE_WRITERS; otherwise DP_FATAL).  Calls are serialised; documents
 * are written in the order of the calls.  DP_OK, DP_SKIP, DP_FAILED or
 * DP_FATAL with *errmsg as for dp_pipeline_process.
 */
int dp_pipeline_write(dp_pipeline *p, dp_doc *doc, char **errmsg);

/*
 * Close the pipeline: with DP_PIPELINE_WRITERS every writer commits its
 * outputs (as at the end of a run); every instance stops and the plugins are
 * unloaded.  Returns DP_EXIT_OK, or DP_EXIT_IOERR / DP_EXIT_SOFTWARE when a
 * commit failed (with *errmsg); the pipeline is freed either way.  A NULL p
 * is allowed.
 */
int dp_pipeline_close(dp_pipeline *p, char **errmsg);

/*
 * The document as one JSON object in the `jsonl` writer's schema, followed
 * by a newline (opts NULL: DP_DOC_JSON_DEFAULTS, offsets in code points).
 * Returns a string for dp_free, its length in *len when len is not NULL, or
 * NULL when memory ran out.
 */
char *dp_doc_to_json(const dp_doc *doc, const dp_doc_json_opts *opts, size_t *len);

/* Release a string the library returned (messages, JSON).  NULL is allowed. */
void dp_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_PIPELINE_H */

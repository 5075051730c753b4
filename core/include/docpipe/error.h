/*
 * docpipe/error.h — the one way a failure is reported.
 *
 * Every fallible call in docpipe reports into a dp_error: a plugin's process,
 * flush, checkpoint and restore receive one from the core; init reports into
 * its instance's own with dp_instance_error() / dp_instance_nomem()
 * (plugin.h); dp_text_decode() and dp_outfile take one too.  A message says
 * what went wrong and with what ("cannot open out/x.jsonl: Permission
 * denied"), never who: the core prefixes it with the instance, as
 * "[recognizer:names]" (plugin name, kind first) or, when the config gave the
 * instance a name of its own, "[recognizer:names#people]", so a plugin used
 * twice is told apart.  Messages at config time carry the instance's
 * file:line instead ("my.cfg:7: recognizer 'names' failed to start: …").
 *
 * OUT OF MEMORY has one policy: report it with dp_fail_nomem() (in init:
 * dp_instance_nomem()), never as an ordinary failure.  The run then stops as
 * after DP_FATAL, and docpipe exits with DP_EXIT_SOFTWARE (70): a document is
 * not bad because memory ran out, so it is not dead-lettered.
 */
#ifndef DOCPIPE_ERROR_H
#define DOCPIPE_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/* Results of process(), flush(), checkpoint() and restore(): the codes dp_fail takes. */
enum {
    DP_OK = 0,     /* done */
    DP_SKIP = 1,   /* drop this document on purpose (counted as skipped) */
    DP_FAILED = 2, /* this document is bad: dead-lettered, the batch goes on */
    DP_FATAL = 3   /* the pipeline cannot go on (disk full): the run stops, exit 74 */
};

/* A message buffer with an out-of-memory mark.  The core owns those it passes. */
typedef struct dp_error dp_error;

/*
 * Set the message (printf-style, truncated at 1 KB) and return `code`, so
 * that a plugin writes `return dp_fail(err, DP_FAILED, "…", …);`.  A NULL err
 * is allowed and only returns the code.
 */
int dp_fail(dp_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Report exhausted memory: the message becomes "out of memory", the error is
 * marked (dp_error_nomem) and DP_FATAL is returned:
 * `if (!p) return dp_fail_nomem(err);`.  The run stops with exit 70.
 */
int dp_fail_nomem(dp_error *err);

/* The message ("" when none was set). */
const char *dp_error_message(const dp_error *err);

/* Non-zero when the failure was exhausted memory (dp_fail_nomem). */
int dp_error_nomem(const dp_error *err);

/*
 * An error of one's own, for code that calls a function taking a dp_error
 * outside a plugin callback (tests, tools, dp_text_decode): NULL when memory
 * is exhausted.  dp_error_clear() empties it for reuse.
 */
dp_error *dp_error_new(void);
void dp_error_clear(dp_error *err);
void dp_error_free(dp_error *err);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_ERROR_H */

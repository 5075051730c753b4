/* The library API of applications that embed docpipe (docpipe/pipeline.h): a run plan fed documents one at a time. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/exitcode.h"
#include "docpipe/pipeline.h"
#include "error_impl.h"
#include "plan.h"
#include "worker.h"

struct dp_pipeline {
    dp_plan *plan;
    const dp_chain *chain;
    const dp_run_settings *settings;
    unsigned flags;
    pthread_mutex_t write_lock; /* writers see one document at a time, in call order */
};

void dp_free(void *ptr) { free(ptr); }

/* *errmsg (when wanted) gets a copy of msg, or NULL. */
static void set_message(char **errmsg, const char *msg)
{
    if (!errmsg) return;
    *errmsg = msg ? strdup(msg) : NULL;
}

/* "[recognizer:names] message", as a run logs a failed document. */
static void set_instance_message(char **errmsg, const char *label, const dp_error *err)
{
    if (!errmsg) return;
    dp_strbuf b = DP_STRBUF_INIT;
    const char *msg = dp_error_message(err);
    dp_strbuf_printf(&b, "[%s] %s", label, *msg ? msg : "failed without a message");
    *errmsg = dp_strbuf_take(&b);
}

static int open_request(const dp_request *req, unsigned flags, dp_pipeline **out, char **errmsg)
{
    *out = NULL;
    set_message(errmsg, NULL);
    dp_pipeline *p = calloc(1, sizeof *p);
    if (!p || pthread_mutex_init(&p->write_lock, NULL) != 0) {
        free(p);
        set_message(errmsg, "out of memory\n");
        return DP_EXIT_SOFTWARE;
    }
    dp_strbuf errs = DP_STRBUF_INIT;
    int rc = dp_plan_build(req, &p->plan, &errs);
    if (rc != DP_EXIT_OK) {
        if (errmsg) *errmsg = errs.oom ? strdup("out of memory\n") : dp_strbuf_take(&errs);
        dp_strbuf_free(&errs);
        pthread_mutex_destroy(&p->write_lock);
        free(p);
        return rc;
    }
    dp_strbuf_free(&errs);
    p->chain = dp_plan_chain(p->plan);
    p->settings = dp_plan_settings(p->plan);
    p->flags = flags;
    *out = p;
    return DP_EXIT_OK;
}

/* Writers are started only when the application will write: otherwise `check` rules, nothing is created. */
static void request_for(dp_request *req, unsigned flags)
{
    dp_request_init(req);
    req->check_only = !(flags & DP_PIPELINE_WRITERS);
}

int dp_pipeline_open_file(const char *path, unsigned flags, dp_pipeline **out, char **errmsg)
{
    dp_request req;
    request_for(&req, flags);
    req.config_path = path;
    return open_request(&req, flags, out, errmsg);
}

int dp_pipeline_open_string(const char *config, const char *name, const char *base_dir, unsigned flags,
                            dp_pipeline **out, char **errmsg)
{
    dp_request req;
    request_for(&req, flags);
    req.config_path = name ? name : "<string>";
    req.config_text = config ? config : "";
    req.base_dir = base_dir ? base_dir : ".";
    return open_request(&req, flags, out, errmsg);
}

int dp_pipeline_open_description(const char *description, const char *base_dir, unsigned flags, dp_pipeline **out,
                                 char **errmsg)
{
    dp_request req;
    request_for(&req, flags);
    req.pipeline = description ? description : "";
    req.base_dir = base_dir;
    return open_request(&req, flags, out, errmsg);
}

int dp_pipeline_threads(const dp_pipeline *p) { return p->settings->threads; }

/* The raw bytes to clean NFC text with the source's encoding, as a run's worker decodes a record. */
static int decode_raw(const dp_pipeline *p, dp_doc *doc, char **errmsg)
{
    size_t len = 0, tlen = 0;
    const char *raw = dp_doc_raw(doc, &len);
    char *text = NULL;
    dp_error err;
    dp_error_clear(&err);
    if (dp_text_decode(raw ? raw : "", raw ? len : 0, p->settings->source.encoding, &text, &tlen, &err) < 0) {
        if (dp_error_nomem(&err)) {
            set_message(errmsg, "out of memory");
            return DP_FATAL;
        }
        set_instance_message(errmsg, "input", &err);
        return DP_FAILED;
    }
    int rc = dp_doc_set_raw(doc, text, tlen);
    free(text);
    if (rc < 0) {
        set_message(errmsg, "out of memory");
        return DP_FATAL;
    }
    return DP_OK;
}

int dp_pipeline_process(dp_pipeline *p, dp_doc *doc, char **errmsg)
{
    set_message(errmsg, NULL);
    int rc = decode_raw(p, doc, errmsg);
    if (rc != DP_OK) return rc;
    dp_error err;
    dp_instance *failed = NULL;
    rc = dp_worker_stages(p->chain, p->settings->keep_overlaps, doc, &failed, &err);
    if (rc == DP_OK) return DP_OK;
    if (dp_error_nomem(&err)) rc = DP_FATAL;
    set_instance_message(errmsg, dp_instance_label(failed), &err);
    return rc == DP_SKIP || rc == DP_FATAL ? rc : DP_FAILED;
}

int dp_pipeline_process_text(dp_pipeline *p, const char *id, const char *bytes, size_t len, dp_doc **out,
                             char **errmsg)
{
    *out = NULL;
    set_message(errmsg, NULL);
    dp_doc *doc = dp_doc_new(id ? id : "doc", NULL);
    if (!doc || dp_doc_set_raw(doc, bytes ? bytes : "", bytes ? len : 0) < 0) {
        dp_doc_free(doc);
        set_message(errmsg, "out of memory");
        return DP_FATAL;
    }
    int rc = dp_pipeline_process(p, doc, errmsg);
    if (rc == DP_FATAL) dp_doc_free(doc);
    else *out = doc;
    return rc;
}

/* One batch shared by the threads of dp_pipeline_process_many: each takes the next document. */
typedef struct batch {
    dp_pipeline *p;
    dp_doc *const *docs;
    size_t n;
    int *results;
    char **errmsgs;
    atomic_size_t next;
    atomic_long failed;
} batch;

static void *batch_worker(void *arg)
{
    batch *b = arg;
    size_t i;
    while ((i = atomic_fetch_add(&b->next, 1)) < b->n) {
        int rc = dp_pipeline_process(b->p, b->docs[i], b->errmsgs ? &b->errmsgs[i] : NULL);
        b->results[i] = rc;
        if (rc == DP_FAILED || rc == DP_FATAL) atomic_fetch_add(&b->failed, 1);
    }
    return NULL;
}

long dp_pipeline_process_many(dp_pipeline *p, dp_doc *const *docs, size_t n, int *results, char **errmsgs)
{
    batch b = { .p = p, .docs = docs, .n = n, .results = results, .errmsgs = errmsgs };
    atomic_init(&b.next, 0);
    atomic_init(&b.failed, 0);
    size_t want = (size_t)p->settings->threads;
    if (want > n) want = n;
    pthread_t *threads = want > 1 ? calloc(want - 1, sizeof *threads) : NULL;
    size_t started = 0;
    /* The calling thread is one of the workers; fewer threads only make it slower. */
    while (threads && started < want - 1 && pthread_create(&threads[started], NULL, batch_worker, &b) == 0)
        started++;
    batch_worker(&b);
    for (size_t k = 0; k < started; k++) pthread_join(threads[k], NULL);
    free(threads);
    return atomic_load(&b.failed);
}

int dp_pipeline_write(dp_pipeline *p, dp_doc *doc, char **errmsg)
{
    set_message(errmsg, NULL);
    if (!(p->flags & DP_PIPELINE_WRITERS)) {
        set_message(errmsg, "the pipeline was opened without DP_PIPELINE_WRITERS: its writers are not started");
        return DP_FATAL;
    }
    int rc = DP_OK;
    dp_error err;
    pthread_mutex_lock(&p->write_lock);
    for (size_t i = p->chain->first_writer; i < p->chain->n_stages; i++) {
        dp_instance *w = p->chain->stages[i];
        dp_error_clear(&err);
        rc = dp_instance_process(w, doc, &err);
        if (rc == DP_OK || rc == DP_SKIP) continue;
        if (dp_error_nomem(&err)) rc = DP_FATAL;
        set_instance_message(errmsg, dp_instance_label(w), &err);
        break;
    }
    pthread_mutex_unlock(&p->write_lock);
    return rc == DP_SKIP ? DP_OK : rc;
}

int dp_pipeline_close(dp_pipeline *p, char **errmsg)
{
    set_message(errmsg, NULL);
    if (!p) return DP_EXIT_OK;
    int rc = DP_EXIT_OK;
    dp_strbuf msgs = DP_STRBUF_INIT;
    dp_error err;
    /* As at the end of a complete run: every instance flushes; writers rename their outputs into place. */
    for (size_t i = 0; i <= p->chain->n_stages; i++) {
        dp_instance *in = i == 0 ? p->chain->source : p->chain->stages[i - 1];
        if (!in->desc.flush) continue;
        if (in->desc.kind == DP_KIND_WRITER && !(p->flags & DP_PIPELINE_WRITERS)) continue;
        dp_error_clear(&err);
        if (in->desc.flush(in->state, &err) == DP_OK) continue;
        dp_strbuf_printf(&msgs, "[%s] %s\n", dp_instance_label(in), dp_error_message(&err));
        if (rc == DP_EXIT_OK) rc = dp_error_nomem(&err) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
    }
    if (errmsg && rc != DP_EXIT_OK) *errmsg = msgs.oom ? strdup("out of memory\n") : dp_strbuf_take(&msgs);
    dp_strbuf_free(&msgs);
    dp_plan_free(p->plan);
    pthread_mutex_destroy(&p->write_lock);
    free(p);
    return rc;
}

char *dp_doc_to_json(const dp_doc *doc, const dp_doc_json_opts *opts, size_t *len)
{
    dp_strbuf b = DP_STRBUF_INIT;
    if (dp_doc_write_json(doc, opts, &b) < 0) {
        dp_strbuf_free(&b);
        return NULL;
    }
    if (len) *len = b.len;
    return dp_strbuf_take(&b);
}

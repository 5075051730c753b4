/* Worker threads: decode, source, recognizers, resolve, translators. */
#include <stdlib.h>
#include <string.h>

#include "error_impl.h"
#include "internal.h"
#include "worker.h"

/* Texts up to this size are rendered on the workers (their output is a few times bigger). */
#define DP_RENDER_MAX (256u << 10)

/*
 * The writers that render (plugin.h) turn the document into their bytes here,
 * in parallel; the sink only writes them.  The document is kept until then:
 * the sink may still rename a duplicate id (idset.c), and then the writers
 * process the renamed document instead of writing these bytes.
 */
static void render(const dp_chain *c, dp_record *r)
{
    size_t tlen;
    dp_doc_text(r->doc, &tlen);
    /* a big document's output is not held whole: its writers stream it from the writer thread */
    if (tlen > DP_RENDER_MAX) return;
    size_t n = c->n_stages - c->first_writer, renders = 0;
    for (size_t k = 0; k < n; k++) renders += c->stages[c->first_writer + k]->desc.render != NULL;
    if (renders == 0) return;
    r->rendered = calloc(n, sizeof *r->rendered);
    if (!r->rendered) { dp_record_fail_nomem(r, "core"); return; }
    r->n_rendered = n;
    dp_error err;
    for (size_t k = 0; k < n; k++) {
        dp_instance *inst = c->stages[c->first_writer + k];
        if (!inst->desc.render) continue;
        dp_error_clear(&err);
        int rc = dp_instance_render(inst, r->doc, &r->rendered[k], &err);
        if (rc == DP_OK && r->rendered[k].oom) rc = dp_fail_nomem(&err);
        if (rc == DP_SKIP) dp_strbuf_free(&r->rendered[k]); /* nothing to write for this writer */
        if (rc == DP_OK || rc == DP_SKIP) continue;
        dp_record_fail_in(r, inst, rc, &err);
        return;
    }
}

int dp_worker_stages(const dp_chain *c, int keep_overlaps, dp_doc *doc, dp_instance **failed, dp_error *err)
{
    for (size_t i = 0; i <= c->first_writer; i++) {
        dp_instance *inst = i == 0 ? c->source : c->stages[i - 1];
        dp_error_clear(err);
        int rc = dp_instance_process(inst, doc, err);
        if (i == 0) dp_doc_release_raw(doc); /* parsed: the raw input is not needed any more */
        if (rc == DP_OK && i > 0 && (long)(i - 1) == c->last_recognizer &&
            dp_doc_entities_resolve(doc, keep_overlaps) < 0)
            rc = dp_fail_nomem(err); /* named after the last recognizer, whose entities it was resolving */
        if (rc == DP_OK) continue;
        *failed = inst;
        return rc;
    }
    return DP_OK;
}

void dp_worker_process(const dp_worker *w, dp_record *r)
{
    const dp_chain *c = w->chain;
    if (r->preset_error) { dp_record_fail(r, "input", r->preset_error); return; }
    dp_error err;
    dp_error_clear(&err);
    char *text = NULL;
    size_t tlen = 0;
    if (dp_text_decode(r->bytes, r->len, w->encoding, &text, &tlen, &err) < 0) {
        if (dp_error_nomem(&err)) dp_record_fail_nomem(r, "input");
        else dp_record_fail(r, "input", dp_error_message(&err));
        return;
    }
    free(r->bytes);
    r->bytes = NULL;
    r->doc = dp_doc_new(r->id, r->source);
    if (!r->doc) {
        free(text);
        dp_record_fail_nomem(r, "core");
        return;
    }
    /* The decoded text is the raw input of the source: handed over, not copied, and freed after it. */
    dp_doc_adopt_raw(r->doc, text, tlen);
    dp_instance *failed = NULL;
    int rc = dp_worker_stages(c, w->keep_overlaps, r->doc, &failed, &err);
    if (rc != DP_OK) {
        dp_record_fail_in(r, failed, rc, &err);
        return;
    }
    r->status = DP_OK;
    render(c, r);
}

void *dp_worker_main(void *arg)
{
    const dp_worker *w = arg;
    dp_queue_local local; /* this thread's batches */
    memset(&local, 0, sizeof local);
    dp_record *r;
    while ((r = dp_queue_take(w->q, &local))) {
        dp_worker_process(w, r);
        dp_queue_done(w->q, &local, r);
    }
    return NULL;
}

/* Writing records in order: writers, dead letters, limits, checkpoints, resume and commit. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "docpipe/exitcode.h"
#include "error_impl.h"
#include "log.h"
#include "sink.h"

static void log_failure(const dp_record *r)
{
    if (r->line)
        dp_core_log(DP_LOG_ERROR, "%s:%ld: [%s] %s", r->source, r->line, r->fail_label, r->message);
    else
        dp_core_log(DP_LOG_ERROR, "%s (document %s): [%s] %s", r->source, r->id, r->fail_label, r->message);
}

static int save_checkpoint(dp_sink *k)
{
    const char *path = k->s->checkpoint;
    if (!path) return 0;
    dp_checkpoint *c = &k->ckpt;
    snprintf(c->fingerprint, sizeof c->fingerprint, "%s", k->s->fingerprint ? k->s->fingerprint : "-");
    c->next = k->skip_before + dp_queue_written(k->q);
    c->ok = k->r->ok;
    c->failed = k->r->failed;
    c->skipped = k->r->skipped;
    c->n = 0;
    dp_error err;
    const dp_chain *ch = k->chain;
    for (size_t i = ch->first_writer; i < ch->n_stages && c->n < DP_CKPT_MAX_TOKENS; i++) {
        dp_instance *w = ch->stages[i];
        if (!w->desc.checkpoint) continue;
        dp_error_clear(&err);
        if (w->desc.checkpoint(w->state, c->tokens[c->n], sizeof c->tokens[c->n], &err) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[%s] checkpoint failed: %s", dp_instance_label(w), dp_error_message(&err));
            return -1;
        }
        snprintf(c->names[c->n], sizeof c->names[c->n], "%s", w->name);
        c->n++;
    }
    if (k->dead_letter && c->n < DP_CKPT_MAX_TOKENS) {
        dp_error_clear(&err);
        if (dp_deadletter_checkpoint(k->dead_letter, c->tokens[c->n], sizeof c->tokens[c->n], &err) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&err));
            return -1;
        }
        snprintf(c->names[c->n], sizeof c->names[c->n], "%s", DP_DEADLETTER_TOKEN);
        c->n++;
    }
    if (dp_checkpoint_save(path, c) < 0) {
        dp_core_log(DP_LOG_ERROR, "cannot write the checkpoint %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Resume: return every writer to the checkpoint; 1 resumed, 0 nothing to resume, else an exit code < 0. */
static int resume(dp_sink *k, int quiet)
{
    const char *path = k->s->checkpoint;
    dp_strbuf err = { 0 };
    int lrc = dp_checkpoint_load(path, &k->ckpt, &err);
    if (lrc < 0) {
        dp_core_log(DP_LOG_ERROR, "%s", err.data ? err.data : "bad checkpoint");
        dp_strbuf_free(&err);
        return -DP_EXIT_USAGE;
    }
    dp_strbuf_free(&err);
    if (lrc == 0) {
        if (!quiet) dp_core_log(DP_LOG_INFO, "no checkpoint at %s: starting from the beginning", path);
        return 0;
    }
    if (k->s->fingerprint && strcmp(k->ckpt.fingerprint, k->s->fingerprint) != 0) {
        dp_core_log(DP_LOG_ERROR, "%s was written by a different run (other config, inputs or shard); "
                    "delete it to start over", path);
        return -DP_EXIT_USAGE;
    }
    k->skip_before = k->ckpt.next;
    k->r->ok = k->ckpt.ok;
    k->r->failed = k->ckpt.failed;
    k->r->skipped = k->ckpt.skipped;
    const dp_chain *ch = k->chain;
    for (size_t i = ch->first_writer; i < ch->n_stages; i++) {
        dp_instance *w = ch->stages[i];
        const char *tok = dp_checkpoint_token(&k->ckpt, w->name);
        if (!w->desc.restore) continue;
        dp_error er;
        dp_error_clear(&er);
        if (w->desc.restore(w->state, tok ? tok : "0", &er) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[%s] cannot resume: %s", dp_instance_label(w), dp_error_message(&er));
            return -DP_EXIT_IOERR;
        }
    }
    if (!quiet) dp_core_log(DP_LOG_INFO, "resuming after %" PRIu64 " records from %s", k->skip_before, path);
    return 1;
}

int dp_sink_open(dp_sink *k, int quiet)
{
    if (k->s->resume && k->s->checkpoint) {
        int rc = resume(k, quiet);
        if (rc < 0) return -rc;
    }
    if (!k->s->dead_letter) return DP_EXIT_OK;
    int resuming = k->s->resume && k->skip_before > 0;
    dp_error err;
    dp_error_clear(&err);
    k->dead_letter = dp_deadletter_open(k->s->dead_letter, resuming, &err);
    if (!k->dead_letter) {
        dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&err));
        return dp_error_nomem(&err) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
    }
    const char *tok = dp_checkpoint_token(&k->ckpt, DP_DEADLETTER_TOKEN);
    if (resuming && tok && dp_deadletter_restore(k->dead_letter, tok, &err) != DP_OK) {
        dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&err));
        return DP_EXIT_IOERR;
    }
    return DP_EXIT_OK;
}

/* Give r to every writer, in chain order; a writer's failure fails the record. */
static void write_record(dp_sink *k, dp_record *r)
{
    const dp_chain *ch = k->chain;
    dp_error err;
    for (size_t i = ch->first_writer; i < ch->n_stages; i++) {
        dp_instance *w = ch->stages[i];
        dp_error_clear(&err);
        int rc;
        if (w->desc.write && r->rendered) {
            /* rendered on a worker (worker.c): only the bytes are left to write */
            const dp_strbuf *b = &r->rendered[i - ch->first_writer];
            rc = b->data ? dp_instance_write(w, b->data, b->len, &err) : DP_SKIP;
        } else {
            rc = dp_instance_process(w, r->doc, &err);
        }
        if (rc == DP_OK || rc == DP_SKIP) continue;
        dp_record_fail_in(r, ch->stages[i], rc, &err);
        return;
    }
}

/* A failed record: logged, dead-lettered, and the run stopped when over --max-failures. */
static void count_failure(dp_sink *k, const dp_record *r)
{
    dp_run_result *res = k->r;
    res->failed++;
    log_failure(r);
    if (k->dead_letter) dp_deadletter_write(k->dead_letter, r);
    uint64_t seen = res->ok + res->failed + res->skipped;
    if (res->over_limit) return;
    if (k->s->max_failures >= 0 && (long long)res->failed > k->s->max_failures) {
        dp_core_log(DP_LOG_ERROR, "more than %lld documents failed (--max-failures): stopping", k->s->max_failures);
        res->over_limit = 1;
        dp_queue_stop(k->q, DP_STOP_FAILED);
    } else if (k->s->max_failure_ratio > 0 && seen >= 100 &&
               (double)res->failed > k->s->max_failure_ratio * (double)seen) {
        dp_core_log(DP_LOG_ERROR, "%" PRIu64 " of %" PRIu64 " documents failed, more than %g%% "
                    "(--max-failures): stopping", res->failed, seen, k->s->max_failure_ratio * 100);
        res->over_limit = 1;
        dp_queue_stop(k->q, DP_STOP_FAILED);
    }
}

void dp_sink_run(dp_sink *k)
{
    dp_run_result *res = k->r;
    /* The first checkpoint comes 0.2 s in, then one a second. */
    double t0 = dp_report_now(), last_ckpt = t0 - 0.8, last_progress = t0;
    uint64_t since_ckpt = 0;
    dp_record *r;
    while ((r = dp_queue_next(k->q))) {
        if (r->status == DP_OK) write_record(k, r);
        if (r->status == DP_OK) {
            res->ok++;
        } else if (r->status == DP_SKIP) {
            res->skipped++;
        } else if (r->status == DP_FATAL) {
            dp_core_log(DP_LOG_ERROR, "%s (document %s): [%s] %s; stopping", r->source, r->id, r->fail_label,
                        r->message);
            res->fatal = r->nomem ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
            dp_queue_stop(k->q, DP_STOP_FAILED);
        } else {
            count_failure(k, r);
        }
        dp_record_free(r);

        int stopping = dp_queue_stopped(k->q) == DP_STOP_FAILED;
        dp_queue_advance(k->q, !(stopping && res->fatal)); /* a fatal record is not written */
        if (stopping) break;

        since_ckpt++;
        double t = dp_report_now();
        if (!res->fatal && (since_ckpt >= 10000 || t - last_ckpt >= 1.0)) {
            if (save_checkpoint(k) < 0) {
                res->fatal = DP_EXIT_IOERR;
                dp_queue_stop(k->q, DP_STOP_FAILED);
            }
            since_ckpt = 0;
            last_ckpt = t;
        }
        if (k->progress && t - last_progress >= 0.5) {
            dp_report_progress(res, atomic_load(k->bytes_read), k->total, t0, 0);
            last_progress = t;
        }
    }
    if (k->progress) dp_report_progress(res, atomic_load(k->bytes_read), k->total, t0, 1);
}

void dp_sink_finish(dp_sink *k)
{
    dp_run_result *res = k->r;
    int complete = !res->fatal && !res->interrupted && !res->over_limit;
    if (!complete) {
        if (!res->fatal) save_checkpoint(k); /* interrupted or over the limit: resumable */
        return;
    }
    /* Flush every instance (writers commit their files), then the dead letter. */
    const dp_chain *ch = k->chain;
    dp_error er;
    for (size_t i = 0; i <= ch->n_stages; i++) {
        dp_instance *in = i == 0 ? ch->source : ch->stages[i - 1];
        if (!in->desc.flush) continue;
        dp_error_clear(&er);
        if (in->desc.flush(in->state, &er) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[%s] %s", dp_instance_label(in), dp_error_message(&er));
            res->fatal = dp_error_nomem(&er) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
        }
    }
    if (k->dead_letter) {
        dp_error_clear(&er);
        if (dp_deadletter_commit(k->dead_letter, &er) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&er));
            res->fatal = DP_EXIT_IOERR;
        }
    }
    if (!res->fatal && k->s->checkpoint) unlink(k->s->checkpoint);
}

void dp_sink_close(dp_sink *k)
{
    dp_deadletter_close(k->dead_letter);
    k->dead_letter = NULL;
}

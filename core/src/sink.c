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

static int checkpoint_nomem(dp_sink *k)
{
    dp_core_log(DP_LOG_ERROR, "out of memory while checkpointing");
    k->r->fatal = DP_EXIT_SOFTWARE;
    return -1;
}

/* Give up on a checkpoint: the run stops without committing (the previous checkpoint stays). */
static int checkpoint_failed(dp_sink *k, const char *label, const dp_error *err)
{
    dp_core_log(DP_LOG_ERROR, "[%s] checkpoint failed: %s", label, dp_error_message(err));
    if (dp_error_nomem(err)) k->r->fatal = DP_EXIT_SOFTWARE;
    return -1;
}

/*
 * Every writer and the dead letter make their output durable and describe it
 * in a token; the tokens, the counts and the state go to the checkpoint file,
 * replaced atomically.  committing: the commit record (every record is written;
 * renaming may start).  0, or -1 (logged) when the run cannot go on.
 */
static int save_checkpoint(dp_sink *k, int committing)
{
    const char *path = k->s->checkpoint;
    if (!path) return 0;
    dp_checkpoint *c = &k->ckpt;
    if (dp_checkpoint_set_fingerprint(c, k->fingerprint) < 0) return checkpoint_nomem(k);
    c->committing = committing;
    c->next = k->skip_before + dp_queue_written(k->q);
    c->ok = k->r->ok;
    c->failed = k->r->failed;
    c->skipped = k->r->skipped;
    c->renamed = k->ids.renamed;
    dp_checkpoint_clear_tokens(c);
    dp_error err;
    char token[1024];
    const dp_chain *ch = k->chain;
    for (size_t i = ch->first_writer; i < ch->n_stages; i++) {
        dp_instance *w = ch->stages[i];
        if (!w->desc.checkpoint) continue;
        dp_error_clear(&err);
        token[0] = '\0';
        if (w->desc.checkpoint(w->state, token, sizeof token, &err) != DP_OK)
            return checkpoint_failed(k, dp_instance_label(w), &err);
        if (dp_checkpoint_add(c, w->name, token) < 0) return checkpoint_nomem(k);
    }
    if (k->dead_letter) {
        dp_error_clear(&err);
        if (dp_deadletter_checkpoint(k->dead_letter, token, sizeof token, &err) != DP_OK)
            return checkpoint_failed(k, "dead-letter", &err);
        if (dp_checkpoint_add(c, DP_DEADLETTER_TOKEN, token) < 0) return checkpoint_nomem(k);
    }
    dp_error_clear(&err);
    if (dp_idset_checkpoint(&k->ids, token, sizeof token, &err) != DP_OK) return checkpoint_failed(k, "core", &err);
    if (dp_checkpoint_add(c, DP_IDSET_TOKEN, token) < 0) return checkpoint_nomem(k);
    if (dp_checkpoint_write_temp(path, c) < 0) {
        dp_core_log(DP_LOG_ERROR, "cannot write the checkpoint %s.tmp: %s", path, strerror(errno));
        return -1;
    }
    dp_testhook_reach(&k->hook, "after-checkpoint-temp");
    if (dp_checkpoint_install(path) < 0) {
        dp_core_log(DP_LOG_ERROR, "cannot write the checkpoint %s: %s", path, strerror(errno));
        return -1;
    }
    dp_testhook_reach(&k->hook, committing ? "after-commit-record" : "after-checkpoint");
    return 0;
}

/* A resume that cannot go on: the outputs or the checkpoint disagree (64), or I/O failed (74, 70). */
static int refuse(const dp_sink *k, const char *label, int rc, const dp_error *err)
{
    if (rc == DP_FAILED) {
        dp_core_log(DP_LOG_ERROR, "[%s] cannot resume: %s; delete %s to start from the beginning", label,
                    dp_error_message(err), k->s->checkpoint);
        return -DP_EXIT_USAGE;
    }
    dp_core_log(DP_LOG_ERROR, "[%s] cannot resume: %s", label, dp_error_message(err));
    return dp_error_nomem(err) ? -DP_EXIT_SOFTWARE : -DP_EXIT_IOERR;
}

/* The value of "key:" in a fingerprint "plan:…;shard:…;inputs:…", up to the next ';' (length in *len). */
static const char *part(const char *fp, const char *key, size_t *len)
{
    size_t kl = strlen(key);
    for (const char *p = fp; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
        if (!strncmp(p, key, kl) && p[kl] == ':') {
            *len = strcspn(p + kl + 1, ";");
            return p + kl + 1;
        }
    *len = 0;
    return "";
}

/* What made two fingerprints differ, in words. */
static const char *what_differs(const char *old, const char *now)
{
    static const struct { const char *key, *words; } parts[] = {
        { "shard", "another shard" },
        { "plan", "the pipeline changed: the config, an included file, a ${VAR}, a plugin or a data file" },
        { "inputs", "the inputs changed: files added, removed or modified" },
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t la, lb;
        const char *a = part(old, parts[i].key, &la), *b = part(now, parts[i].key, &lb);
        if (la != lb || strncmp(a, b, la)) return parts[i].words;
    }
    return "another config, inputs or shard";
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
    if (k->fingerprint && strcmp(k->ckpt.fingerprint, k->fingerprint) != 0) {
        dp_core_log(DP_LOG_ERROR, "%s was written by a different run (%s); resuming would mix two runs' "
                    "outputs: delete it to start over", path, what_differs(k->ckpt.fingerprint, k->fingerprint));
        return -DP_EXIT_USAGE;
    }
    k->skip_before = k->ckpt.next;
    k->completing = k->ckpt.committing;
    k->r->ok = k->ckpt.ok;
    k->r->failed = k->ckpt.failed;
    k->r->skipped = k->ckpt.skipped;
    k->ids.renamed = k->ckpt.renamed;
    const dp_chain *ch = k->chain;
    for (size_t i = ch->first_writer; i < ch->n_stages; i++) {
        dp_instance *w = ch->stages[i];
        if (!w->desc.restore) continue;
        const char *tok = dp_checkpoint_token(&k->ckpt, w->name);
        dp_error er;
        dp_error_clear(&er);
        if (!tok) return refuse(k, dp_instance_label(w), dp_fail(&er, DP_FAILED, "the checkpoint has no token for "
                                                                 "this writer"), &er);
        w->completing_commit = k->completing;
        int rc = w->desc.restore(w->state, tok, &er);
        if (rc != DP_OK) return refuse(k, dp_instance_label(w), rc, &er);
    }
    if (!quiet) {
        if (k->completing)
            dp_core_log(DP_LOG_INFO, "every record was written before the run stopped: completing its commit "
                        "from %s", path);
        else
            dp_core_log(DP_LOG_INFO, "resuming after %" PRIu64 " records from %s", k->skip_before, path);
    }
    return 1;
}

/* Open the id set and the dead-letter file; resumed: restore them to the checkpoint. */
static int open_core_outputs(dp_sink *k, int resumed)
{
    dp_error err;
    dp_error_clear(&err);
    const char *ckpt = k->s->check_only ? NULL : k->s->checkpoint;
    if (dp_idset_open(&k->ids, ckpt, resumed, &err) != 0) {
        dp_core_log(DP_LOG_ERROR, "[core] %s", dp_error_message(&err));
        return dp_error_nomem(&err) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
    }
    if (resumed) {
        const char *tok = dp_checkpoint_token(&k->ckpt, DP_IDSET_TOKEN);
        int rc = tok ? dp_idset_restore(&k->ids, tok, k->completing, &err)
                     : dp_fail(&err, DP_FAILED, "the checkpoint has no token for the list of ids written");
        if (rc != DP_OK) return -refuse(k, "core", rc, &err);
        k->ids.renamed = k->ckpt.renamed;
    }
    if (!k->s->dead_letter) return DP_EXIT_OK;
    k->dead_letter = dp_deadletter_open(k->s->dead_letter, resumed, &err);
    if (!k->dead_letter) {
        dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&err));
        return dp_error_nomem(&err) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
    }
    if (!resumed) return DP_EXIT_OK;
    const char *tok = dp_checkpoint_token(&k->ckpt, DP_DEADLETTER_TOKEN);
    int rc = tok ? dp_deadletter_restore(k->dead_letter, tok, k->completing, &err)
                 : dp_fail(&err, DP_FAILED, "the checkpoint has no token for the dead-letter file");
    return rc == DP_OK ? DP_EXIT_OK : -refuse(k, "dead-letter", rc, &err);
}

int dp_sink_open(dp_sink *k, int quiet)
{
    dp_checkpoint_init(&k->ckpt);
    dp_testhook_init(&k->hook);
    int resumed = 0;
    if (k->s->resume && k->s->checkpoint) {
        resumed = resume(k, quiet);
        if (resumed < 0) return -resumed;
    } else if (k->s->checkpoint && !k->s->check_only) {
        /* A fresh run: a checkpoint left by an earlier one no longer describes the outputs. */
        dp_checkpoint_remove(k->s->checkpoint);
    }
    return open_core_outputs(k, resumed);
}

/* Give r to every writer, in chain order; a writer's failure fails the record. */
static void write_record(dp_sink *k, dp_record *r)
{
    const dp_chain *ch = k->chain;
    dp_error err;
    int renamed = dp_idset_claim(&k->ids, r->doc, r->source);
    if (renamed < 0) {
        dp_record_fail_nomem(r, "core");
        return;
    }
    for (size_t i = ch->first_writer; i < ch->n_stages; i++) {
        dp_instance *w = ch->stages[i];
        dp_error_clear(&err);
        int rc;
        if (w->desc.write && r->rendered && !renamed) {
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

/* Not a terminal (a log file, a batch system): a plain progress line this often. */
#define DP_PROGRESS_PLAIN_SECONDS 5.0

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
        dp_testhook_reach(&k->hook, "after-record");

        since_ckpt++;
        double t = dp_report_now();
        if (!res->fatal && (since_ckpt >= 10000 || t - last_ckpt >= 1.0)) {
            if (save_checkpoint(k, 0) < 0) {
                if (!res->fatal) res->fatal = DP_EXIT_IOERR;
                dp_queue_stop(k->q, DP_STOP_FAILED);
            }
            since_ckpt = 0;
            last_ckpt = t;
        }
        if (k->progress && t - last_progress >= (k->progress_tty ? 0.5 : DP_PROGRESS_PLAIN_SECONDS)) {
            dp_report_progress(res, &k->totals, atomic_load(k->bytes_read), t0, 0, k->progress_tty);
            last_progress = t;
        }
    }
    if (k->progress) dp_report_progress(res, &k->totals, atomic_load(k->bytes_read), t0, 1, k->progress_tty);
}

/*
 * The commit protocol (docs/commit-protocol.md): 1. every output is made
 * durable and the commit record says so; 2. every instance flushes (writers
 * rename their outputs); 3. the dead letter is renamed; 4. the checkpoint is
 * removed.  A death anywhere leaves the previous checkpoint (nothing renamed
 * yet) or the commit record (what is renamed is verified, the rest renamed
 * by --resume).
 */
void dp_sink_finish(dp_sink *k)
{
    dp_run_result *res = k->r;
    res->renamed_ids = k->ids.renamed;
    int complete = !res->fatal && !res->interrupted && !res->over_limit;
    if (!complete) {
        /* Interrupted or over the limit: resumable.  A fatal stop keeps the previous checkpoint. */
        if (!res->fatal && save_checkpoint(k, 0) < 0 && !res->fatal) res->fatal = DP_EXIT_IOERR;
        return;
    }
    if (!k->completing && save_checkpoint(k, 1) < 0) {
        if (!res->fatal) res->fatal = DP_EXIT_IOERR;
        return;
    }
    const dp_chain *ch = k->chain;
    dp_error er;
    for (size_t i = 0; i <= ch->n_stages; i++) {
        dp_instance *in = i == 0 ? ch->source : ch->stages[i - 1];
        if (!in->desc.flush) continue;
        dp_error_clear(&er);
        if (in->desc.flush(in->state, &er) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[%s] %s", dp_instance_label(in), dp_error_message(&er));
            res->fatal = dp_error_nomem(&er) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
        } else if (in->desc.kind == DP_KIND_WRITER) {
            dp_testhook_reach(&k->hook, "after-rename");
        }
    }
    if (k->dead_letter) {
        dp_error_clear(&er);
        if (dp_deadletter_commit(k->dead_letter, &er) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&er));
            res->fatal = DP_EXIT_IOERR;
        }
        dp_testhook_reach(&k->hook, "after-dead-letter");
    }
    if (res->fatal || !k->s->checkpoint) return;
    if (dp_checkpoint_remove(k->s->checkpoint) < 0) {
        dp_core_log(DP_LOG_ERROR, "cannot remove the checkpoint %s: %s", k->s->checkpoint, strerror(errno));
        res->fatal = DP_EXIT_IOERR;
        return;
    }
    dp_testhook_reach(&k->hook, "after-checkpoint-removed");
    /* Only now: the commit record may still need it until the checkpoint is gone. */
    dp_idset_close(&k->ids, 1);
}

void dp_sink_close(dp_sink *k)
{
    dp_deadletter_close(k->dead_letter);
    k->dead_letter = NULL;
    dp_idset_close(&k->ids, 0);
    dp_checkpoint_free(&k->ckpt);
}

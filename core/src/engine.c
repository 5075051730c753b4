/*
 * The batch engine: executes a run plan.
 *
 *   reader (1 thread) ──records──► [queue] ──► workers (N threads):
 *   decode → source → recognizers → resolve → translators ──► [reorder ring]
 *   ──► sink (calling thread): writers in input order, dead letters,
 *   checkpoints, progress.
 *
 * This file only wires the parts together and decides the exit code:
 * inputs.c lists the inputs, reader.c reads them, queue.c carries records
 * between threads, worker.c processes them, sink.c writes them and owns
 * resume and commit, signals.c turns SIGINT/SIGTERM into a clean stop,
 * report.c tells what happened.
 */
#include <stdlib.h>
#include <string.h>

#include "docpipe/exitcode.h"
#include "engine.h"
#include "inputs.h"
#include "log.h"
#include "reader.h"
#include "signals.h"
#include "sink.h"
#include "worker.h"

static int exit_code_of(const dp_run_result *r)
{
    if (r->fatal) return r->fatal;
    if (r->interrupted) return DP_EXIT_INTERRUPTED;
    if (r->over_limit) return DP_EXIT_DATAERR;
    if (r->missing_inputs) return DP_EXIT_NOINPUT;
    if (r->failed) return DP_EXIT_DATAERR;
    return DP_EXIT_OK;
}

/* Reader, workers and sink until the queue is drained or the run stops. */
static void run_threads(dp_queue *q, dp_reader *rd, const dp_worker *w, dp_sink *k, int threads,
                        dp_run_result *res)
{
    pthread_t *workers = calloc((size_t)threads, sizeof *workers);
    pthread_t reader;
    int nworkers = 0;
    int reader_ok = workers && pthread_create(&reader, NULL, dp_reader_main, rd) == 0;
    for (int i = 0; reader_ok && i < threads; i++)
        if (pthread_create(&workers[i], NULL, dp_worker_main, (void *)w) == 0) nworkers++;
    if (!reader_ok || nworkers == 0) {
        dp_core_log(DP_LOG_ERROR, "cannot start threads");
        dp_queue_stop(q, DP_STOP_FAILED);
        res->fatal = DP_EXIT_SOFTWARE;
    } else {
        dp_sink_run(k);
    }
    if (reader_ok) pthread_join(reader, NULL);
    for (int i = 0; i < nworkers; i++) pthread_join(workers[i], NULL);
    free(workers);
    if (rd->out_of_memory && !res->fatal) res->fatal = DP_EXIT_SOFTWARE;
}

/* Known when the inputs are files: a sharded or line-based run knows the bytes, not the documents. */
static dp_progress_totals progress_totals(const dp_inputs *in, const dp_run_settings *s)
{
    dp_progress_totals t = { .docs = !s->source.lines && !s->shard_n ? in->n : 0, .bytes = 0 };
    for (size_t i = 0; i < in->n; i++) {
        if (!strcmp(in->v[i].path, "-")) return (dp_progress_totals){ 0, 0 };
        if (!in->v[i].error && in->v[i].size > 0) t.bytes += (uint64_t)in->v[i].size;
    }
    return t;
}

int dp_engine_run(const dp_plan *plan, const dp_run_opts *o, dp_run_result *res)
{
    memset(res, 0, sizeof *res);
    const dp_chain *chain = dp_plan_chain(plan);
    const dp_run_settings *s = dp_plan_settings(plan);
    double t0 = dp_report_now();

    dp_inputs inputs;
    if (dp_inputs_collect(&inputs, s->inputs, s->n_inputs, chain->source) < 0) {
        dp_core_log(DP_LOG_ERROR, "out of memory");
        dp_inputs_free(&inputs);
        return DP_EXIT_SOFTWARE;
    }
    if (inputs.n == 0) {
        dp_core_log(DP_LOG_ERROR, "no input: name files or directories on the command line, or set paths in the source");
        dp_inputs_free(&inputs);
        return DP_EXIT_NOINPUT;
    }
    for (size_t i = 0; i < inputs.n; i++) res->missing_inputs += inputs.v[i].error != NULL;

    int threads = s->threads < 1 ? 1 : s->threads;
    dp_queue q;
    if (dp_queue_init(&q, (size_t)threads, (size_t)(s->queue < 1 ? 4 : s->queue)) < 0) {
        dp_inputs_free(&inputs);
        return DP_EXIT_SOFTWARE;
    }
    dp_reader rd = { .q = &q, .inputs = &inputs, .source = &s->source, .shard_k = s->shard_k, .shard_n = s->shard_n };
    atomic_init(&rd.bytes_read, 0);
    dp_worker w = { .q = &q, .chain = chain, .encoding = s->source.encoding, .keep_overlaps = s->keep_overlaps };
    dp_sink k;
    memset(&k, 0, sizeof k);
    k.chain = chain;
    k.s = s;
    k.q = &q;
    k.r = res;
    k.progress = o->progress;
    k.progress_tty = o->progress_tty;
    k.totals = progress_totals(&inputs, s);
    k.bytes_read = &rd.bytes_read;
    /* A run's identity: the plan's part, and the inputs as listed now. */
    char fingerprint[256];
    snprintf(fingerprint, sizeof fingerprint, "%s;inputs:%016llx", s->fingerprint ? s->fingerprint : "-",
             (unsigned long long)dp_inputs_fingerprint(&inputs));
    k.fingerprint = fingerprint;

    int rc = dp_sink_open(&k, o->quiet);
    if (rc == DP_EXIT_OK) {
        rd.skip_before = k.skip_before;
        dp_signals sig;
        if (o->handle_signals) dp_signals_start(&sig, &q);
        /* A run that died while committing had written everything: only the commit is left. */
        if (!k.completing) run_threads(&q, &rd, &w, &k, threads, res);
        if (o->handle_signals) dp_signals_stop(&sig);
        res->interrupted = dp_queue_stopped(&q) == DP_STOP_INTERRUPTED;
        res->bytes = atomic_load(&rd.bytes_read);
        dp_sink_finish(&k);
        res->seconds = dp_report_now() - t0;
        if (!o->quiet) dp_report_summary(res, chain, k.skip_before > 0);
        if (s->stats) dp_report_stats(s->stats, res, chain, s->threads);
        rc = exit_code_of(res);
    }
    dp_sink_close(&k);
    dp_queue_destroy(&q);
    dp_inputs_free(&inputs);
    return rc;
}

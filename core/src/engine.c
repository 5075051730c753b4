/*
 * The batch engine.
 *
 *   reader (1 thread) ──records──► [queue, bounded] ──► workers (N threads):
 *   decode → source → recognizers → resolve → translators ──► [reorder ring]
 *   ──► writer loop (calling thread): writers in input order, dead-letter,
 *   checkpoints, progress.
 *
 * One mutex guards the queue and the ring; both are bounded, so memory does
 * not grow with the corpus.  Records carry a sequence number given by the
 * reader; the writer loop emits them strictly in that order, which makes the
 * output independent of the number of threads.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "engine.h"
#include "inputs.h"
#include "internal.h"
#include "log.h"

enum { ST_EMPTY = 0, ST_DONE = 1 };

typedef struct record {
    uint64_t seq;
    char *id;
    char *source;      /* input path */
    long line;         /* line number for line-based sources, else 0 */
    char *bytes;
    size_t len;
    char *preset_error;/* the input failed before parsing */
    /* results */
    dp_doc *doc;
    int status;        /* DP_OK, DP_SKIP, DP_FAILED, DP_FATAL */
    int nomem;         /* the failure was exhausted memory: the run stops (exit 70) */
    const char *fail_instance; /* the instance's name (the dead-letter record's "instance") */
    const char *fail_label;    /* how logs name it: "[recognizer:names]", "[input]" */
    char message[1024];
} record;

typedef struct engine {
    const dp_chain *p;
    const dp_run_settings *s;
    const dp_run_opts *o;
    dp_inputs inputs;
    int lines_mode;
    long long max_size;
    const char *encoding;

    pthread_mutex_t mu;
    pthread_cond_t cv_reader, cv_workers, cv_writer;
    record **queue;        /* ring of pending records */
    size_t qcap, qhead, qlen;
    record **ring;         /* finished records by seq % wcap */
    size_t wcap;
    uint64_t next_write;   /* seq the writer waits for */
    uint64_t n_read;       /* records handed out by the reader (seq counter) */
    int reader_done;
    atomic_int stop;       /* 1: stop reading (fatal, limit), 2: interrupted */
    int workers_busy;

    uint64_t skip_before;  /* resume: records below this are already written */
    uint64_t total_known;  /* inputs when one input is one record, else 0 */
    atomic_ullong bytes_read;

    dp_instance *dl_inst;  /* the dead-letter file's owner, for dp_outfile */
    dp_outfile *dead_letter;
    dp_checkpoint ckpt;
    dp_run_result *r;
} engine;

unsigned dp_shard_of(const char *id, unsigned n)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *s = (const unsigned char *)id; *s; s++) {
        h ^= *s;
        h *= 1099511628211ULL;
    }
    return n ? (unsigned)(h % n) : 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void record_free(record *r)
{
    if (!r) return;
    free(r->id);
    free(r->source);
    free(r->bytes);
    free(r->preset_error);
    dp_doc_free(r->doc);
    free(r);
}

/* ---- reader ---- */

static int enqueue(engine *e, record *r)
{
    pthread_mutex_lock(&e->mu);
    while (e->qlen == e->qcap && !atomic_load(&e->stop)) pthread_cond_wait(&e->cv_reader, &e->mu);
    if (atomic_load(&e->stop)) {
        pthread_mutex_unlock(&e->mu);
        record_free(r);
        return -1;
    }
    r->seq = e->n_read++;
    e->queue[(e->qhead + e->qlen) % e->qcap] = r;
    e->qlen++;
    pthread_cond_signal(&e->cv_workers);
    pthread_mutex_unlock(&e->mu);
    return 0;
}

/* Hand a record on, unless it belongs to another shard or is already done. */
static int emit(engine *e, record *r, uint64_t *counter)
{
    if (e->s->shard_n && dp_shard_of(r->id, e->s->shard_n) != e->s->shard_k) {
        record_free(r);
        return 0;
    }
    if ((*counter)++ < e->skip_before) {
        record_free(r);
        return 0;
    }
    return enqueue(e, r);
}

static record *record_new(const char *id, const char *source, long line)
{
    record *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->id = strdup(id);
    r->source = strdup(source);
    r->line = line;
    if (!r->id || !r->source) { record_free(r); return NULL; }
    return r;
}

static record *record_error(const char *id, const char *source, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static record *record_error(const char *id, const char *source, long line, const char *fmt, ...)
{
    record *r = record_new(id, source, line);
    if (!r) return NULL;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->preset_error = strdup(msg);
    if (!r->preset_error) { record_free(r); return NULL; }
    return r;
}

static char *format_size(long long n, char *buf, size_t size)
{
    if (n >= 1LL << 30 && n % (1LL << 30) == 0) snprintf(buf, size, "%lldG", n >> 30);
    else if (n >= 1LL << 20 && n % (1LL << 20) == 0) snprintf(buf, size, "%lldM", n >> 20);
    else if (n >= 1LL << 10 && n % (1LL << 10) == 0) snprintf(buf, size, "%lldK", n >> 10);
    else snprintf(buf, size, "%lld bytes", n);
    return buf;
}

static record *read_whole(engine *e, const dp_input *in)
{
    int is_stdin = !strcmp(in->path, "-");
    FILE *f = is_stdin ? stdin : fopen(in->path, "rb");
    char lim[32];
    if (!f) return record_error(in->id, in->path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > e->max_size) {
        fclose(f);
        return record_error(in->id, in->path, 0, "too large: %lld bytes, over the limit max_size = %s",
                            (long long)st.st_size, format_size(e->max_size, lim, sizeof lim));
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    record *r = NULL;
    if (!buf) goto out;
    for (;;) {
        if (len == cap) {
            if ((long long)cap > e->max_size) break;
            char *nb = realloc(buf, cap * 2);
            if (!nb) goto out;
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    if (ferror(f)) {
        r = record_error(in->id, in->path, 0, "read error: %s", strerror(errno));
    } else if ((long long)len > e->max_size) {
        r = record_error(in->id, in->path, 0, "too large: over the limit max_size = %s",
                         format_size(e->max_size, lim, sizeof lim));
    } else if (len == 0) {
        r = record_error(in->id, in->path, 0, "empty input");
    } else if ((r = record_new(in->id, in->path, 0))) {
        r->bytes = buf;
        r->len = len;
        buf = NULL;
        atomic_fetch_add(&e->bytes_read, len);
    }
out:
    free(buf);
    if (!is_stdin) fclose(f);
    return r;
}

static int read_lines(engine *e, const dp_input *in, uint64_t *counter)
{
    int is_stdin = !strcmp(in->path, "-");
    FILE *f = is_stdin ? stdin : fopen(in->path, "rb");
    if (!f) {
        record *r = record_error(in->id, in->path, 0, "cannot open: %s", strerror(errno));
        return r ? emit(e, r, counter) : -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    char lim[32];
    while (rc == 0 && !atomic_load(&e->stop) && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        atomic_fetch_add(&e->bytes_read, (unsigned long long)n);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == (size_t)n) continue;
        char id[1024];
        snprintf(id, sizeof id, "%s:%ld", in->id, lineno);
        record *r;
        if (n > e->max_size) {
            r = record_error(id, in->path, lineno, "line too long: %zd bytes, over the limit max_size = %s", n,
                             format_size(e->max_size, lim, sizeof lim));
        } else if ((r = record_new(id, in->path, lineno))) {
            r->bytes = malloc((size_t)n + 1);
            if (!r->bytes) { record_free(r); r = NULL; }
            else { memcpy(r->bytes, line, (size_t)n + 1); r->len = (size_t)n; }
        }
        rc = r ? emit(e, r, counter) : -1;
    }
    if (rc == 0 && ferror(f)) {
        record *r = record_error(in->id, in->path, lineno, "read error: %s", strerror(errno));
        rc = r ? emit(e, r, counter) : -1;
    }
    free(line);
    if (!is_stdin) fclose(f);
    return rc;
}

static void *reader_main(void *arg)
{
    engine *e = arg;
    uint64_t counter = 0;
    for (size_t i = 0; i < e->inputs.n && !atomic_load(&e->stop); i++) {
        const dp_input *in = &e->inputs.v[i];
        int rc;
        if (in->error) {
            record *r = record_error(in->id, in->path, 0, "%s", in->error);
            rc = r ? emit(e, r, &counter) : -1;
        } else if (e->lines_mode) {
            rc = read_lines(e, in, &counter);
        } else {
            record *r = read_whole(e, in);
            rc = r ? emit(e, r, &counter) : -1;
        }
        if (rc < 0 && !atomic_load(&e->stop)) {
            dp_core_log(DP_LOG_ERROR, "out of memory while reading %s", in->path);
            atomic_store(&e->stop, 1);
            if (!e->r->fatal) e->r->fatal = DP_EXIT_SOFTWARE;
        }
    }
    pthread_mutex_lock(&e->mu);
    e->reader_done = 1;
    pthread_cond_broadcast(&e->cv_workers);
    pthread_cond_broadcast(&e->cv_writer);
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

/* ---- workers ---- */

/* A failure in the core's own stages ("input", "core"). */
static void fail(record *r, const char *stage, const char *msg)
{
    r->status = DP_FAILED;
    r->fail_instance = r->fail_label = stage;
    snprintf(r->message, sizeof r->message, "%s", msg);
}

static void fail_in(record *r, const dp_instance *inst, int rc, const dp_error *err)
{
    r->status = rc == DP_SKIP ? DP_SKIP : rc == DP_FATAL ? DP_FATAL : DP_FAILED;
    r->fail_instance = dp_instance_name(inst);
    r->fail_label = dp_instance_label(inst);
    const char *msg = dp_error_message(err);
    snprintf(r->message, sizeof r->message, "%s", *msg ? msg : "failed without a message");
    if (dp_error_nomem(err)) {
        r->status = DP_FATAL;
        r->nomem = 1;
    }
}

/* Out of memory is never the document's fault: the run stops (exit 70). */
static void fail_nomem(record *r, const char *stage)
{
    fail(r, stage, "out of memory");
    r->status = DP_FATAL;
    r->nomem = 1;
}

static void process_record(engine *e, record *r)
{
    const dp_chain *p = e->p;
    if (r->preset_error) { fail(r, "input", r->preset_error); return; }
    dp_error err;
    dp_error_clear(&err);
    char *text = NULL;
    size_t tlen = 0;
    if (dp_text_decode(r->bytes, r->len, e->encoding, &text, &tlen, &err) < 0) {
        if (dp_error_nomem(&err)) fail_nomem(r, "input");
        else fail(r, "input", dp_error_message(&err));
        return;
    }
    free(r->bytes);
    r->bytes = NULL;
    r->doc = dp_doc_new(r->id, r->source);
    if (!r->doc || dp_doc_set_raw(r->doc, text, tlen) < 0) {
        free(text);
        fail_nomem(r, "core");
        return;
    }
    free(text);
    size_t n_stages = p->first_writer + 1;
    for (size_t i = 0; i < n_stages; i++) {
        dp_instance *inst = i == 0 ? p->source : p->stages[i - 1];
        dp_error_clear(&err);
        int rc = dp_instance_process(inst, r->doc, &err);
        if (rc == DP_OK && i > 0 && (long)(i - 1) == p->last_recognizer)
            dp_doc_entities_resolve(r->doc, e->s->keep_overlaps);
        if (rc == DP_OK) continue;
        fail_in(r, inst, rc, &err);
        return;
    }
    r->status = DP_OK;
}

static void *worker_main(void *arg)
{
    engine *e = arg;
    pthread_mutex_lock(&e->mu);
    for (;;) {
        /* Take the next record only when its result fits in the reorder ring. */
        while (!(e->qlen && (e->queue[e->qhead]->seq < e->next_write + e->wcap || atomic_load(&e->stop) == 1)) &&
               !(e->reader_done && e->qlen == 0))
            pthread_cond_wait(&e->cv_workers, &e->mu);
        if (e->qlen == 0) break;
        record *r = e->queue[e->qhead];
        e->qhead = (e->qhead + 1) % e->qcap;
        e->qlen--;
        /* Wake the reader only when the queue is half empty: it then refills
         * it in one go instead of being woken for every record. */
        if (e->qlen == e->qcap / 2) pthread_cond_signal(&e->cv_reader);
        pthread_mutex_unlock(&e->mu);

        if (atomic_load(&e->stop) == 1) {
            /* A fatal error or the failure limit: the writer loop has stopped,
             * and this record stays unwritten (a resume will redo it). */
            record_free(r);
            pthread_mutex_lock(&e->mu);
            continue;
        }
        process_record(e, r);

        pthread_mutex_lock(&e->mu);
        e->ring[r->seq % e->wcap] = r;
        if (r->seq == e->next_write) pthread_cond_signal(&e->cv_writer);
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

/* ---- writer loop ---- */

static void dead_letter(engine *e, const record *r)
{
    if (r->line)
        dp_core_log(DP_LOG_ERROR, "%s:%ld: [%s] %s", r->source, r->line, r->fail_label, r->message);
    else
        dp_core_log(DP_LOG_ERROR, "%s (document %s): [%s] %s", r->source, r->id, r->fail_label, r->message);
    if (!e->dead_letter) return;
    FILE *f = dp_outfile_stream(e->dead_letter);
    if (!f) return;
    fputs("{\"id\":", f);
    dp_json_write_cstr(f, r->id);
    fputs(",\"source\":", f);
    dp_json_write_cstr(f, r->source);
    if (r->line) fprintf(f, ",\"line\":%ld", r->line);
    fputs(",\"instance\":", f);
    dp_json_write_cstr(f, r->fail_instance);
    fputs(",\"message\":", f);
    dp_json_write_cstr(f, r->message);
    fputs("}\n", f);
}

static int save_checkpoint(engine *e)
{
    if (!e->s->checkpoint) return 0;
    dp_checkpoint *c = &e->ckpt;
    snprintf(c->fingerprint, sizeof c->fingerprint, "%s", e->s->fingerprint ? e->s->fingerprint : "-");
    c->next = e->skip_before + e->next_write;
    c->ok = e->r->ok;
    c->failed = e->r->failed;
    c->skipped = e->r->skipped;
    c->n = 0;
    dp_error err;
    const dp_chain *p = e->p;
    for (size_t i = p->first_writer; i < p->n_stages && c->n < DP_CKPT_MAX_TOKENS; i++) {
        dp_instance *w = p->stages[i];
        if (!w->desc.checkpoint) continue;
        dp_error_clear(&err);
        if (w->desc.checkpoint(w->state, c->tokens[c->n], sizeof c->tokens[c->n], &err) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[%s] checkpoint failed: %s", dp_instance_label(w), err.msg);
            return -1;
        }
        snprintf(c->names[c->n], sizeof c->names[c->n], "%s", w->name);
        c->n++;
    }
    if (e->dead_letter && c->n < DP_CKPT_MAX_TOKENS) {
        dp_error_clear(&err);
        if (dp_outfile_checkpoint(e->dead_letter, c->tokens[c->n], sizeof c->tokens[c->n], &err) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", err.msg);
            return -1;
        }
        snprintf(c->names[c->n], sizeof c->names[c->n], "%s", ".dead-letter");
        c->n++;
    }
    if (dp_checkpoint_save(e->s->checkpoint, c) < 0) {
        dp_core_log(DP_LOG_ERROR, "cannot write the checkpoint %s: %s", e->s->checkpoint, strerror(errno));
        return -1;
    }
    return 0;
}

static void show_progress(engine *e, double t0, int final)
{
    double dt = now_s() - t0;
    uint64_t done = e->r->ok + e->r->failed + e->r->skipped;
    double mb = (double)atomic_load(&e->bytes_read) / 1e6;
    char eta[64] = "";
    if (e->total_known && done > 0 && !final) {
        double left = (double)(e->total_known - (done < e->total_known ? done : e->total_known)) * dt / (double)done;
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    fprintf(stderr, "\r%" PRIu64 " docs (%" PRIu64 " failed), %.1f MB, %.0f docs/s, %.1f MB/s%s   %s", done,
            e->r->failed, mb, dt > 0 ? (double)done / dt : 0.0, dt > 0 ? mb / dt : 0.0, eta, final ? "\n" : "");
}

static void writer_loop(engine *e)
{
    const dp_chain *p = e->p;
    /* The first checkpoint comes 0.2 s in, then one a second. */
    double t0 = now_s(), last_ckpt = t0 - 0.8, last_progress = t0;
    uint64_t since_ckpt = 0;
    dp_error err;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        record *r;
        while (!(r = e->ring[e->next_write % e->wcap]) &&
               !(e->reader_done && e->next_write == e->n_read))
            pthread_cond_wait(&e->cv_writer, &e->mu);
        if (!r) { pthread_mutex_unlock(&e->mu); break; }
        e->ring[e->next_write % e->wcap] = NULL;
        pthread_mutex_unlock(&e->mu);

        if (r->status == DP_OK) {
            for (size_t i = p->first_writer; i < p->n_stages; i++) {
                dp_error_clear(&err);
                int wrc = dp_instance_process(p->stages[i], r->doc, &err);
                if (wrc == DP_OK || wrc == DP_SKIP) continue;
                fail_in(r, p->stages[i], wrc, &err);
                break;
            }
        }
        if (r->status == DP_OK) {
            e->r->ok++;
        } else if (r->status == DP_SKIP) {
            e->r->skipped++;
        } else if (r->status == DP_FATAL) {
            dp_core_log(DP_LOG_ERROR, "%s (document %s): [%s] %s; stopping", r->source, r->id, r->fail_label,
                        r->message);
            e->r->fatal = r->nomem ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
            atomic_store(&e->stop, 1);
        } else {
            e->r->failed++;
            dead_letter(e, r);
            uint64_t seen = e->r->ok + e->r->failed + e->r->skipped;
            if (e->s->max_failures >= 0 && (long long)e->r->failed > e->s->max_failures && !e->r->over_limit) {
                dp_core_log(DP_LOG_ERROR, "more than %lld documents failed (--max-failures): stopping",
                            e->s->max_failures);
                e->r->over_limit = 1;
                atomic_store(&e->stop, 1);
            } else if (e->s->max_failure_ratio > 0 && seen >= 100 && !e->r->over_limit &&
                       (double)e->r->failed > e->s->max_failure_ratio * (double)seen) {
                dp_core_log(DP_LOG_ERROR, "%" PRIu64 " of %" PRIu64 " documents failed, more than %g%% "
                            "(--max-failures): stopping", e->r->failed, seen, e->s->max_failure_ratio * 100);
                e->r->over_limit = 1;
                atomic_store(&e->stop, 1);
            }
        }
        record_free(r);

        int stopping = atomic_load(&e->stop) == 1;
        pthread_mutex_lock(&e->mu);
        if (!(stopping && e->r->fatal)) e->next_write++; /* a fatal record is not written */
        pthread_cond_broadcast(&e->cv_workers);
        pthread_cond_broadcast(&e->cv_reader);
        pthread_mutex_unlock(&e->mu);
        if (stopping) break;

        since_ckpt++;
        double t = now_s();
        if (!e->r->fatal && (since_ckpt >= 10000 || t - last_ckpt >= 1.0)) {
            if (save_checkpoint(e) < 0) { e->r->fatal = DP_EXIT_IOERR; atomic_store(&e->stop, 1); }
            since_ckpt = 0;
            last_ckpt = t;
        }
        if (e->o->progress && t - last_progress >= 0.5) {
            show_progress(e, t0, 0);
            last_progress = t;
        }
    }
    if (e->o->progress) show_progress(e, t0, 1);
}

/* ---- signals ---- */

struct sigctx {
    sigset_t set;
    engine *e;
};

static void *signal_main(void *arg)
{
    struct sigctx *s = arg;
    int sig;
    if (sigwait(&s->set, &sig) == 0 && sig != SIGUSR2) {
        dp_core_log(DP_LOG_WARN, "%s: finishing the documents in flight, then stopping (resumable with --resume)",
                    sig == SIGINT ? "interrupted" : "terminated");
        atomic_store(&s->e->stop, 2);
        pthread_mutex_lock(&s->e->mu);
        pthread_cond_broadcast(&s->e->cv_reader);
        pthread_mutex_unlock(&s->e->mu);
    }
    return NULL;
}

/* ---- the run ---- */

static int setup_dead_letter(engine *e)
{
    if (!e->s->dead_letter) return 0;
    e->dl_inst = calloc(1, sizeof *e->dl_inst);
    if (!e->dl_inst) return -1;
    e->dl_inst->name = (char *)"dead-letter";
    e->dl_inst->resuming = e->s->resume && e->skip_before > 0;
    e->dead_letter = dp_outfile_open(e->dl_inst, e->s->dead_letter);
    if (!e->dead_letter) {
        dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", dp_error_message(&e->dl_inst->init_error));
        return -1;
    }
    const char *tok = dp_checkpoint_token(&e->ckpt, ".dead-letter");
    if (e->dl_inst->resuming && tok) {
        dp_error err;
        dp_error_clear(&err);
        if (dp_outfile_restore(e->dead_letter, tok, &err) != DP_OK) {
            dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", err.msg);
            return -1;
        }
    }
    return 0;
}

static void print_summary(engine *e)
{
    dp_run_result *r = e->r;
    fprintf(stderr, "docpipe: %" PRIu64 " documents in %.2f s: %" PRIu64 " ok, %" PRIu64 " failed, %" PRIu64
            " skipped; %.2f MB read (%.1f MB/s)%s\n",
            r->ok + r->failed + r->skipped, r->seconds, r->ok, r->failed, r->skipped, (double)r->bytes / 1e6,
            r->seconds > 0 ? (double)r->bytes / 1e6 / r->seconds : 0.0,
            e->skip_before ? " (counts include the resumed part)" : "");
    dp_instance *src = e->p->source;
    fprintf(stderr, "docpipe:   %-12s %8.1f ms\n", src->name, (double)atomic_load(&src->ns) / 1e6);
    for (size_t i = 0; i < e->p->n_stages; i++)
        fprintf(stderr, "docpipe:   %-12s %8.1f ms\n", e->p->stages[i]->name,
                (double)atomic_load(&e->p->stages[i]->ns) / 1e6);
}

static void write_stats(engine *e)
{
    FILE *f = fopen(e->s->stats, "w");
    if (!f) {
        dp_core_log(DP_LOG_ERROR, "cannot write stats %s: %s", e->s->stats, strerror(errno));
        return;
    }
    dp_run_result *r = e->r;
    fprintf(f, "{\"documents\":%" PRIu64 ",\"ok\":%" PRIu64 ",\"failed\":%" PRIu64 ",\"skipped\":%" PRIu64
            ",\"bytes\":%" PRIu64 ",\"seconds\":%.6f,\"threads\":%d,\"interrupted\":%s,\"instances\":[",
            r->ok + r->failed + r->skipped, r->ok, r->failed, r->skipped, r->bytes, r->seconds, e->s->threads,
            r->interrupted ? "true" : "false");
    for (size_t i = 0; i <= e->p->n_stages; i++) {
        dp_instance *in = i == 0 ? e->p->source : e->p->stages[i - 1];
        fprintf(f, "%s{\"name\":", i ? "," : "");
        dp_json_write_cstr(f, in->name);
        fprintf(f, ",\"plugin\":");
        dp_json_write_cstr(f, in->desc.name);
        fprintf(f, ",\"kind\":\"%s\",\"calls\":%llu,\"failed\":%llu,\"seconds\":%.6f}", dp_kind_name(in->desc.kind),
                (unsigned long long)atomic_load(&in->calls), (unsigned long long)atomic_load(&in->failed),
                (double)atomic_load(&in->ns) / 1e9);
    }
    fputs("]}\n", f);
    if (fclose(f) != 0) dp_core_log(DP_LOG_ERROR, "cannot write stats %s", e->s->stats);
}

int dp_engine_run(const dp_plan *plan, const dp_run_opts *o, dp_run_result *res)
{
    memset(res, 0, sizeof *res);
    engine e;
    memset(&e, 0, sizeof e);
    const dp_chain *p = dp_plan_chain(plan);
    const dp_run_settings *s = dp_plan_settings(plan);
    e.p = p;
    e.s = s;
    e.o = o;
    e.r = res;
    double t0 = now_s();
    int exit_code = DP_EXIT_OK;

    e.lines_mode = s->source.lines;
    e.encoding = s->source.encoding;
    e.max_size = s->source.max_size;
    if (dp_inputs_collect(&e.inputs, s->inputs, s->n_inputs, p->source) < 0) {
        dp_core_log(DP_LOG_ERROR, "out of memory");
        return DP_EXIT_SOFTWARE;
    }
    if (e.inputs.n == 0) {
        dp_core_log(DP_LOG_ERROR, "no input: name files or directories on the command line, or set paths in the source");
        dp_inputs_free(&e.inputs);
        return DP_EXIT_NOINPUT;
    }
    for (size_t i = 0; i < e.inputs.n; i++) res->missing_inputs += e.inputs.v[i].error != NULL;
    if (!e.lines_mode && !s->shard_n) e.total_known = e.inputs.n;

    /* Resume: restore writers to the checkpoint, skip what is written. */
    if (s->resume && s->checkpoint) {
        dp_strbuf err = { 0 };
        int lrc = dp_checkpoint_load(s->checkpoint, &e.ckpt, &err);
        if (lrc < 0) {
            dp_core_log(DP_LOG_ERROR, "%s", err.data ? err.data : "bad checkpoint");
            dp_strbuf_free(&err);
            dp_inputs_free(&e.inputs);
            return DP_EXIT_USAGE;
        }
        dp_strbuf_free(&err);
        if (lrc == 1 && s->fingerprint && strcmp(e.ckpt.fingerprint, s->fingerprint) != 0) {
            dp_core_log(DP_LOG_ERROR, "%s was written by a different run (other config, inputs or shard); "
                        "delete it to start over", s->checkpoint);
            dp_inputs_free(&e.inputs);
            return DP_EXIT_USAGE;
        }
        if (lrc == 1) {
            e.skip_before = e.ckpt.next;
            res->ok = e.ckpt.ok;
            res->failed = e.ckpt.failed;
            res->skipped = e.ckpt.skipped;
            for (size_t i = p->first_writer; i < p->n_stages; i++) {
                dp_instance *w = p->stages[i];
                const char *tok = dp_checkpoint_token(&e.ckpt, w->name);
                if (!w->desc.restore) continue;
                dp_error er;
                dp_error_clear(&er);
                if (w->desc.restore(w->state, tok ? tok : "0", &er) != DP_OK) {
                    dp_core_log(DP_LOG_ERROR, "[%s] cannot resume: %s", dp_instance_label(w), er.msg);
                    dp_inputs_free(&e.inputs);
                    return DP_EXIT_IOERR;
                }
            }
            if (!o->quiet)
                dp_core_log(DP_LOG_INFO, "resuming after %" PRIu64 " records from %s", e.skip_before, s->checkpoint);
        } else if (!o->quiet) {
            dp_core_log(DP_LOG_INFO, "no checkpoint at %s: starting from the beginning", s->checkpoint);
        }
    }
    if (setup_dead_letter(&e) < 0) {
        dp_inputs_free(&e.inputs);
        free(e.dl_inst);
        return DP_EXIT_IOERR;
    }

    int threads = s->threads < 1 ? 1 : s->threads;
    e.qcap = (size_t)threads * (size_t)(s->queue < 1 ? 4 : s->queue);
    e.wcap = e.qcap + (size_t)threads + 1;
    e.queue = calloc(e.qcap, sizeof *e.queue);
    e.ring = calloc(e.wcap, sizeof *e.ring);
    pthread_t *workers = calloc((size_t)threads, sizeof *workers);
    if (!e.queue || !e.ring || !workers) {
        free(e.queue); free(e.ring); free(workers);
        dp_inputs_free(&e.inputs);
        dp_outfile_close(e.dead_letter);
        free(e.dl_inst);
        return DP_EXIT_SOFTWARE;
    }
    pthread_mutex_init(&e.mu, NULL);
    pthread_cond_init(&e.cv_reader, NULL);
    pthread_cond_init(&e.cv_workers, NULL);
    pthread_cond_init(&e.cv_writer, NULL);

    struct sigctx sc;
    pthread_t sigthread;
    int have_sigthread = 0;
    sigset_t oldmask;
    if (o->handle_signals) {
        sigemptyset(&sc.set);
        sigaddset(&sc.set, SIGINT);
        sigaddset(&sc.set, SIGTERM);
        sigaddset(&sc.set, SIGUSR2);
        sc.e = &e;
        /* Block before creating threads so that only sigwait sees them. */
        pthread_sigmask(SIG_BLOCK, &sc.set, &oldmask);
        have_sigthread = pthread_create(&sigthread, NULL, signal_main, &sc) == 0;
    }

    pthread_t reader;
    int nworkers = 0;
    int reader_ok = pthread_create(&reader, NULL, reader_main, &e) == 0;
    for (int i = 0; reader_ok && i < threads; i++)
        if (pthread_create(&workers[i], NULL, worker_main, &e) == 0) nworkers++;
    if (!reader_ok || nworkers == 0) {
        dp_core_log(DP_LOG_ERROR, "cannot start threads");
        atomic_store(&e.stop, 1);
        res->fatal = DP_EXIT_SOFTWARE;
    } else {
        writer_loop(&e);
    }
    if (reader_ok) pthread_join(reader, NULL);
    for (int i = 0; i < nworkers; i++) pthread_join(workers[i], NULL);
    /* Records a stopped writer loop left behind. */
    for (size_t i = 0; i < e.wcap; i++) record_free(e.ring[i]);
    for (size_t i = 0; i < e.qlen; i++) record_free(e.queue[(e.qhead + i) % e.qcap]);

    if (have_sigthread) {
        pthread_kill(sigthread, SIGUSR2);
        pthread_join(sigthread, NULL);
        pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
    }
    res->interrupted = atomic_load(&e.stop) == 2;
    res->bytes = atomic_load(&e.bytes_read);

    int complete = !res->fatal && !res->interrupted && !res->over_limit;
    if (complete) {
        /* Flush every instance (writers commit their files), then the dead letter. */
        dp_error er;
        for (size_t i = 0; i <= p->n_stages; i++) {
            dp_instance *in = i == 0 ? p->source : p->stages[i - 1];
            if (!in->desc.flush) continue;
            dp_error_clear(&er);
            if (in->desc.flush(in->state, &er) != DP_OK) {
                dp_core_log(DP_LOG_ERROR, "[%s] %s", dp_instance_label(in), er.msg);
                res->fatal = dp_error_nomem(&er) ? DP_EXIT_SOFTWARE : DP_EXIT_IOERR;
            }
        }
        if (e.dead_letter) {
            dp_error_clear(&er);
            if (dp_outfile_commit(e.dead_letter, &er) != DP_OK) {
                dp_core_log(DP_LOG_ERROR, "[dead-letter] %s", er.msg);
                res->fatal = DP_EXIT_IOERR;
            }
        }
        if (!res->fatal && s->checkpoint) unlink(s->checkpoint);
    } else if (!res->fatal) {
        save_checkpoint(&e); /* interrupted or over the limit: resumable */
    }
    res->seconds = now_s() - t0;
    if (!o->quiet) print_summary(&e);
    if (s->stats) write_stats(&e);

    if (res->fatal) exit_code = res->fatal;
    else if (res->interrupted) exit_code = DP_EXIT_INTERRUPTED;
    else if (res->over_limit) exit_code = DP_EXIT_DATAERR;
    else if (res->missing_inputs) exit_code = DP_EXIT_NOINPUT;
    else if (res->failed) exit_code = DP_EXIT_DATAERR;

    pthread_mutex_destroy(&e.mu);
    pthread_cond_destroy(&e.cv_reader);
    pthread_cond_destroy(&e.cv_workers);
    pthread_cond_destroy(&e.cv_writer);
    free(e.queue);
    free(e.ring);
    free(workers);
    dp_inputs_free(&e.inputs);
    dp_outfile_close(e.dead_letter);
    free(e.dl_inst);
    return exit_code;
}

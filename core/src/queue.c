/* The bounded queue to the workers and the reorder ring to the sink, under one mutex, moved in batches. */
#include <stdlib.h>

#include "queue.h"

int dp_queue_init(dp_queue *q, size_t workers, size_t per_worker)
{
    q->cap = workers * per_worker;
    q->done_cap = q->cap + workers * DP_QUEUE_BATCH + 1;
    q->head = q->len = 0;
    q->next_write = q->n_read = 0;
    q->busy = 0;
    q->bytes = 0;
    q->workers = workers;
    q->reader_done = 0;
    q->workers_waiting = q->reader_waiting = q->sink_waiting = 0;
    atomic_init(&q->workers_idle, 0);
    q->staged = q->staged_bytes = 0;
    q->stage_max = q->cap / 2 < 1 ? 1 : q->cap / 2 > DP_QUEUE_BATCH ? DP_QUEUE_BATCH : q->cap / 2;
    q->ready_n = q->ready_next = 0;
    q->advanced = 0;
    q->advanced_bytes = 0;
    atomic_init(&q->stop, DP_STOP_NONE);
    q->in = calloc(q->cap, sizeof *q->in);
    q->done = calloc(q->done_cap, sizeof *q->done);
    if (!q->in || !q->done) {
        free(q->in);
        free(q->done);
        return -1;
    }
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv_reader, NULL);
    pthread_cond_init(&q->cv_workers, NULL);
    pthread_cond_init(&q->cv_sink, NULL);
    return 0;
}

void dp_queue_destroy(dp_queue *q)
{
    for (size_t i = 0; i < q->done_cap; i++) dp_record_free(q->done[i]);
    for (size_t i = 0; i < q->len; i++) dp_record_free(q->in[(q->head + i) % q->cap]);
    for (size_t i = 0; i < q->staged; i++) dp_record_free(q->stage[i]);
    for (size_t i = q->ready_next; i < q->ready_n; i++) dp_record_free(q->ready[i]);
    free(q->in);
    free(q->done);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv_reader);
    pthread_cond_destroy(&q->cv_workers);
    pthread_cond_destroy(&q->cv_sink);
}

/* ---- the reader's side ---------------------------------------------------------- */

static void drop_staged(dp_queue *q)
{
    for (size_t i = 0; i < q->staged; i++) dp_record_free(q->stage[i]);
    q->staged = q->staged_bytes = 0;
}

/* Hand the staged records over, waiting for room (in records and bytes); -1 (freed) once the run stops. */
static int publish(dp_queue *q)
{
    if (q->staged == 0) return 0;
    pthread_mutex_lock(&q->mu);
    while ((q->len + q->staged > q->cap || (q->bytes > 0 && q->bytes + q->staged_bytes > DP_QUEUE_BYTES)) &&
           !atomic_load(&q->stop)) {
        q->reader_waiting = 1;
        pthread_cond_wait(&q->cv_reader, &q->mu);
        q->reader_waiting = 0;
    }
    if (atomic_load(&q->stop)) {
        pthread_mutex_unlock(&q->mu);
        drop_staged(q);
        return -1;
    }
    for (size_t i = 0; i < q->staged; i++) {
        dp_record *r = q->stage[i];
        r->seq = q->n_read++;
        q->in[(q->head + q->len) % q->cap] = r;
        q->len++;
    }
    q->bytes += q->staged_bytes;
    if (q->workers_waiting) {
        if (q->staged > 1) pthread_cond_broadcast(&q->cv_workers);
        else pthread_cond_signal(&q->cv_workers);
    }
    pthread_mutex_unlock(&q->mu);
    q->staged = q->staged_bytes = 0;
    return 0;
}

int dp_queue_push(dp_queue *q, dp_record *r)
{
    if (atomic_load(&q->stop)) {
        dp_record_free(r);
        drop_staged(q);
        return -1;
    }
    q->stage[q->staged++] = r;
    q->staged_bytes += r->len;
    /* a full batch, a big record, or an idle worker: hand over now */
    if (q->staged >= q->stage_max || q->staged_bytes >= DP_QUEUE_BYTES / 8 || atomic_load(&q->workers_idle) > 0)
        return publish(q);
    return 0;
}

int dp_queue_flush(dp_queue *q) { return publish(q); }

void dp_queue_close(dp_queue *q)
{
    publish(q);
    pthread_mutex_lock(&q->mu);
    q->reader_done = 1;
    pthread_cond_broadcast(&q->cv_workers);
    pthread_cond_broadcast(&q->cv_sink);
    pthread_mutex_unlock(&q->mu);
}

/* ---- the workers' side ---------------------------------------------------------- */

/* n records left the workers' hands (the lock is held): interrupted, the sink may wait for the last of them. */
static void settle(dp_queue *q, size_t n, int next_is_done)
{
    q->busy -= n;
    if (q->sink_waiting && (next_is_done || q->busy == 0)) pthread_cond_signal(&q->cv_sink);
}

/* Put a worker's finished records into the ring (the lock is held). */
static void flush_done(dp_queue *q, dp_queue_local *l)
{
    int next_is_done = 0;
    for (size_t i = 0; i < l->done_n; i++) {
        dp_record *r = l->done[i];
        q->done[r->seq % q->done_cap] = r;
        next_is_done |= r->seq == q->next_write;
    }
    size_t n = l->done_n;
    l->done_n = 0;
    settle(q, n, next_is_done);
}

/* Free what a worker took but did not start (the run stopped); how many. */
static size_t drop_taken(dp_queue_local *l)
{
    size_t n = l->in_n - l->in_next;
    while (l->in_next < l->in_n) dp_record_free(l->in[l->in_next++]);
    l->in_n = l->in_next = 0;
    return n;
}

/* May the record at the head be taken: its result fits in the reorder ring (or nothing will be written). */
static int admissible(const dp_queue *q, int stop)
{
    return q->in[q->head]->seq < q->next_write + q->done_cap || stop == DP_STOP_FAILED;
}

dp_record *dp_queue_take(dp_queue *q, dp_queue_local *l)
{
    if (l->in_next < l->in_n && atomic_load(&q->stop) == DP_STOP_NONE) return l->in[l->in_next++];
    /* Stopped: what this worker took and did not start stays unwritten (a resume redoes it). */
    size_t dropped = drop_taken(l);
    pthread_mutex_lock(&q->mu);
    if (l->done_n) flush_done(q, l);
    if (dropped) settle(q, dropped, 0);
    for (;;) {
        int stop = atomic_load(&q->stop);
        /* Interrupted: what is queued is not started (a resume redoes it). */
        if (stop == DP_STOP_INTERRUPTED) break;
        if (!(q->len && admissible(q, stop)) && !(q->reader_done && q->len == 0)) {
            q->workers_waiting++;
            atomic_fetch_add(&q->workers_idle, 1);
            pthread_cond_wait(&q->cv_workers, &q->mu);
            atomic_fetch_sub(&q->workers_idle, 1);
            q->workers_waiting--;
            continue;
        }
        if (q->len == 0) break;
        /* a share of what waits, so that the other workers get theirs */
        size_t want = q->len / q->workers;
        if (want < 1) want = 1;
        if (want > DP_QUEUE_BATCH) want = DP_QUEUE_BATCH;
        while (l->in_n < want && q->len && admissible(q, stop)) {
            l->in[l->in_n++] = q->in[q->head];
            q->head = (q->head + 1) % q->cap;
            q->len--;
        }
        /* Wake the reader only when the queue is half empty: it then refills
         * it in one go instead of being woken for every record. */
        if (q->reader_waiting && q->len <= q->cap / 2) pthread_cond_signal(&q->cv_reader);
        if (stop != DP_STOP_FAILED) {
            q->busy += l->in_n;
            pthread_mutex_unlock(&q->mu);
            return l->in[l->in_next++];
        }
        /* The sink has stopped: these records stay unwritten. */
        pthread_mutex_unlock(&q->mu);
        drop_taken(l);
        pthread_mutex_lock(&q->mu);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

void dp_queue_done(dp_queue *q, dp_queue_local *l, dp_record *r)
{
    l->done[l->done_n++] = r;
    /* A batch's records go back together, at the worker's next take; a full
     * list (it cannot be fuller than the batch taken) goes at once. */
    if (l->done_n == DP_QUEUE_BATCH) {
        pthread_mutex_lock(&q->mu);
        flush_done(q, l);
        pthread_mutex_unlock(&q->mu);
    }
}

/* ---- the sink's side ------------------------------------------------------------ */

/* Tell the others what the sink has handled since the last time (the lock is held). */
static void hand_back(dp_queue *q)
{
    if (!q->advanced && !q->advanced_bytes) return;
    q->next_write += q->advanced;
    q->bytes -= q->advanced_bytes < q->bytes ? q->advanced_bytes : q->bytes;
    q->advanced = 0;
    q->advanced_bytes = 0;
    if (q->workers_waiting) pthread_cond_broadcast(&q->cv_workers);
    if (q->reader_waiting) pthread_cond_signal(&q->cv_reader);
}

dp_record *dp_queue_next(dp_queue *q)
{
    if (atomic_load(&q->stop) == DP_STOP_FAILED) return NULL;
    dp_record *r;
    if (q->ready_next == q->ready_n) {
        q->ready_n = q->ready_next = 0;
        pthread_mutex_lock(&q->mu);
        hand_back(q);
        for (;;) {
            int stop = atomic_load(&q->stop);
            if (q->done[q->next_write % q->done_cap] || stop == DP_STOP_FAILED ||
                (q->reader_done && q->next_write == q->n_read))
                break;
            /* Interrupted, and nothing is being processed: the next record will never come. */
            if (stop == DP_STOP_INTERRUPTED && q->busy == 0) break;
            q->sink_waiting = 1;
            pthread_cond_wait(&q->cv_sink, &q->mu);
            q->sink_waiting = 0;
        }
        /* Stopped by a failure elsewhere (the reader ran out of memory): write nothing more. */
        if (atomic_load(&q->stop) != DP_STOP_FAILED)
            for (uint64_t s = q->next_write; q->ready_n < DP_QUEUE_BATCH && (r = q->done[s % q->done_cap]); s++) {
                q->ready[q->ready_n++] = r;
                q->done[s % q->done_cap] = NULL;
            }
        pthread_mutex_unlock(&q->mu);
        if (q->ready_n == 0) return NULL;
    }
    r = q->ready[q->ready_next++];
    q->advanced_bytes += r->len;
    return r;
}

void dp_queue_advance(dp_queue *q, int counted)
{
    if (counted) q->advanced++;
    /* the last of a batch: tell the workers and the reader now rather than at the next call */
    if (q->ready_next == q->ready_n) {
        pthread_mutex_lock(&q->mu);
        hand_back(q);
        pthread_mutex_unlock(&q->mu);
    }
}

uint64_t dp_queue_written(dp_queue *q)
{
    pthread_mutex_lock(&q->mu);
    uint64_t n = q->next_write + q->advanced;
    pthread_mutex_unlock(&q->mu);
    return n;
}

void dp_queue_stop(dp_queue *q, int why)
{
    int none = DP_STOP_NONE;
    if (why == DP_STOP_FAILED) atomic_store(&q->stop, why);
    else atomic_compare_exchange_strong(&q->stop, &none, why);
    pthread_mutex_lock(&q->mu);
    pthread_cond_broadcast(&q->cv_reader);
    pthread_cond_broadcast(&q->cv_workers);
    pthread_cond_broadcast(&q->cv_sink);
    pthread_mutex_unlock(&q->mu);
}

int dp_queue_stopped(const dp_queue *q) { return atomic_load(&q->stop); }

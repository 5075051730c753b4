/* The bounded queue to the workers and the reorder ring to the sink, under one mutex. */
#include <stdlib.h>

#include "queue.h"

int dp_queue_init(dp_queue *q, size_t workers, size_t per_worker)
{
    q->cap = workers * per_worker;
    q->done_cap = q->cap + workers + 1;
    q->head = q->len = 0;
    q->next_write = q->n_read = 0;
    q->busy = 0;
    q->reader_done = 0;
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
    free(q->in);
    free(q->done);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv_reader);
    pthread_cond_destroy(&q->cv_workers);
    pthread_cond_destroy(&q->cv_sink);
}

int dp_queue_push(dp_queue *q, dp_record *r)
{
    pthread_mutex_lock(&q->mu);
    while (q->len == q->cap && !atomic_load(&q->stop)) pthread_cond_wait(&q->cv_reader, &q->mu);
    if (atomic_load(&q->stop)) {
        pthread_mutex_unlock(&q->mu);
        dp_record_free(r);
        return -1;
    }
    r->seq = q->n_read++;
    q->in[(q->head + q->len) % q->cap] = r;
    q->len++;
    pthread_cond_signal(&q->cv_workers);
    pthread_mutex_unlock(&q->mu);
    return 0;
}

void dp_queue_close(dp_queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->reader_done = 1;
    pthread_cond_broadcast(&q->cv_workers);
    pthread_cond_broadcast(&q->cv_sink);
    pthread_mutex_unlock(&q->mu);
}

dp_record *dp_queue_take(dp_queue *q)
{
    pthread_mutex_lock(&q->mu);
    for (;;) {
        int stop = atomic_load(&q->stop);
        /* Interrupted: what is queued is not started (a resume redoes it). */
        if (stop == DP_STOP_INTERRUPTED) break;
        /* Take the next record only when its result fits in the reorder ring. */
        if (!(q->len && (q->in[q->head]->seq < q->next_write + q->done_cap || stop == DP_STOP_FAILED)) &&
            !(q->reader_done && q->len == 0)) {
            pthread_cond_wait(&q->cv_workers, &q->mu);
            continue;
        }
        if (q->len == 0) break;
        dp_record *r = q->in[q->head];
        q->head = (q->head + 1) % q->cap;
        q->len--;
        /* Wake the reader only when the queue is half empty: it then refills
         * it in one go instead of being woken for every record. */
        if (q->len == q->cap / 2) pthread_cond_signal(&q->cv_reader);
        if (stop != DP_STOP_FAILED) {
            q->busy++;
            pthread_mutex_unlock(&q->mu);
            return r;
        }
        /* The sink has stopped: this record stays unwritten (a resume redoes it). */
        pthread_mutex_unlock(&q->mu);
        dp_record_free(r);
        pthread_mutex_lock(&q->mu);
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

void dp_queue_done(dp_queue *q, dp_record *r)
{
    pthread_mutex_lock(&q->mu);
    q->done[r->seq % q->done_cap] = r;
    q->busy--;
    /* The sink waits for this record, or (interrupted) for the last one in flight. */
    if (r->seq == q->next_write || q->busy == 0) pthread_cond_signal(&q->cv_sink);
    pthread_mutex_unlock(&q->mu);
}

dp_record *dp_queue_next(dp_queue *q)
{
    pthread_mutex_lock(&q->mu);
    dp_record *r;
    for (;;) {
        r = q->done[q->next_write % q->done_cap];
        int stop = atomic_load(&q->stop);
        if (r || stop == DP_STOP_FAILED || (q->reader_done && q->next_write == q->n_read)) break;
        /* Interrupted, and nothing is being processed: the next record will never come. */
        if (stop == DP_STOP_INTERRUPTED && q->busy == 0) break;
        pthread_cond_wait(&q->cv_sink, &q->mu);
    }
    /* Stopped by a failure elsewhere (the reader ran out of memory): write nothing more. */
    if (atomic_load(&q->stop) == DP_STOP_FAILED) r = NULL;
    if (r) q->done[q->next_write % q->done_cap] = NULL;
    pthread_mutex_unlock(&q->mu);
    return r;
}

void dp_queue_advance(dp_queue *q, int counted)
{
    pthread_mutex_lock(&q->mu);
    if (counted) q->next_write++;
    pthread_cond_broadcast(&q->cv_workers);
    pthread_cond_broadcast(&q->cv_reader);
    pthread_mutex_unlock(&q->mu);
}

uint64_t dp_queue_written(dp_queue *q)
{
    pthread_mutex_lock(&q->mu);
    uint64_t n = q->next_write;
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

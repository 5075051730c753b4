/*
 * Where records wait between the threads of a run (queue.c): a bounded queue
 * from the reader to the workers, and a reorder ring from the workers to the
 * sink, which takes records strictly in the order the reader numbered them.
 * One mutex guards both; both are bounded, so memory does not grow with the
 * corpus.  A worker takes a record only when its result fits in the ring.
 *
 * Stopping: DP_STOP_FAILED (a fatal error or the failure limit) stops the
 * reader and makes the workers drop what is queued; DP_STOP_INTERRUPTED
 * (SIGINT/SIGTERM) stops the reader and the workers from taking more: the
 * records being processed are finished, and the sink writes them up to the
 * first record that was not (what is left is redone by --resume).
 */
#ifndef DP_QUEUE_H
#define DP_QUEUE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

enum { DP_STOP_NONE = 0, DP_STOP_FAILED = 1, DP_STOP_INTERRUPTED = 2 };

typedef struct dp_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv_reader, cv_workers, cv_sink;
    dp_record **in;        /* ring of records read, not yet taken */
    size_t cap, head, len;
    dp_record **done;      /* finished records by seq % done_cap */
    size_t done_cap;
    uint64_t next_write;   /* the seq the sink waits for */
    uint64_t n_read;       /* records handed in by the reader */
    size_t busy;           /* records taken by workers, not yet done */
    int reader_done;
    atomic_int stop;       /* DP_STOP_* */
} dp_queue;

/* Room for workers * per_worker records in, as many again (and one per worker) in the ring; -1: no memory. */
int dp_queue_init(dp_queue *q, size_t workers, size_t per_worker);

/* Free the records left behind by a stopped run, and the queue. */
void dp_queue_destroy(dp_queue *q);

/* Reader: number r and queue it, waiting for room; -1 (r freed) once the run stops. */
int dp_queue_push(dp_queue *q, dp_record *r);

/* Reader: nothing more will come. */
void dp_queue_close(dp_queue *q);

/* Worker: the next record to process, or NULL when there is none left (after close). */
dp_record *dp_queue_take(dp_queue *q);

/* Worker: r is processed. */
void dp_queue_done(dp_queue *q, dp_record *r);

/* Sink: the next record in reader order, or NULL when every record read was handed out, the run was
 * stopped by a failure, or it was interrupted and the next record will not be processed. */
dp_record *dp_queue_next(dp_queue *q);

/* Sink: the record from dp_queue_next is handled; counted: it is written (checkpoints count it). */
void dp_queue_advance(dp_queue *q, int counted);

/* Records written so far (next_write). */
uint64_t dp_queue_written(dp_queue *q);

/* Stop the run (DP_STOP_FAILED or DP_STOP_INTERRUPTED; a failure overrides an interruption, not the
 * reverse) and wake every thread. */
void dp_queue_stop(dp_queue *q, int why);

int dp_queue_stopped(const dp_queue *q);

#endif

/*
 * Where records wait between the threads of a run (queue.c): a bounded queue
 * from the reader to the workers, and a reorder ring from the workers to the
 * sink, which takes records strictly in the order the reader numbered them.
 * One mutex guards both; both are bounded, in records and in bytes, so memory
 * does not grow with the corpus or with the size of its documents.  A worker
 * takes a record only when its result fits in the ring.
 *
 * Records move in batches to spare the threads most of the locking and
 * waking: the reader hands them over a few at a time (at once when a worker
 * waits), a worker takes a run of them and returns its finished ones
 * together, and the sink takes every record that is ready in one go.  The
 * order of the output does not depend on the batches.
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

/* Most records in one batch. */
#define DP_QUEUE_BATCH 16

/*
 * Input bytes the records between the reader and the sink may hold together
 * (one record more may always enter, so a document over the limit still runs
 * alone): big documents then wait in the reader instead of piling up.  Small,
 * because a processed document takes 20-25 times its input (its key, tokens
 * and entities): 1 MB keeps a few big ones in flight, and never limits news
 * articles of a few KB, which the queue's record count bounds first.
 */
#define DP_QUEUE_BYTES (1u << 20)

/* A worker's own batches (one per worker thread, zeroed before its first take). */
typedef struct dp_queue_local {
    dp_record *in[DP_QUEUE_BATCH]; /* taken, not yet handed to the worker */
    size_t in_n, in_next;
    dp_record *done[DP_QUEUE_BATCH]; /* processed, not yet in the ring */
    size_t done_n;
} dp_queue_local;

typedef struct dp_queue {
    pthread_mutex_t mu;
    pthread_cond_t cv_reader, cv_workers, cv_sink;
    dp_record **in;        /* ring of records read, not yet taken */
    size_t cap, head, len;
    dp_record **done;      /* finished records by seq % done_cap */
    size_t done_cap;
    uint64_t next_write;   /* the seq the sink waits for */
    uint64_t n_read;       /* records handed in by the reader */
    size_t busy;           /* records taken by workers, not yet back in the ring */
    size_t bytes;          /* input bytes of the records from the reader's hand-over to the sink */
    size_t workers;
    int reader_done;
    int reader_waiting, workers_waiting, sink_waiting; /* who sleeps on its condition */
    atomic_int workers_idle; /* workers_waiting, for the reader to read without the lock */
    atomic_int stop;       /* DP_STOP_* */
    /* the reader's batch, not yet handed over (the reader's own) */
    dp_record *stage[DP_QUEUE_BATCH];
    size_t staged, stage_max, staged_bytes;
    /* the sink's batch (the sink's own): ready records and those handled since the last hand-back */
    dp_record *ready[DP_QUEUE_BATCH];
    size_t ready_n, ready_next;
    uint64_t advanced;
    size_t advanced_bytes;
} dp_queue;

/* Room for workers * per_worker records in, as many again (and one per worker) in the ring; -1: no memory. */
int dp_queue_init(dp_queue *q, size_t workers, size_t per_worker);

/* Free the records left behind by a stopped run, and the queue. */
void dp_queue_destroy(dp_queue *q);

/* Reader: number r and queue it (staged, handed over in batches), waiting for room; -1 (r and what is
 * staged freed) once the run stops. */
int dp_queue_push(dp_queue *q, dp_record *r);

/* Reader: hand over what is staged now (before a read that may wait, so that nothing waits with it). */
int dp_queue_flush(dp_queue *q);

/* Reader: nothing more will come (what is staged is handed over). */
void dp_queue_close(dp_queue *q);

/* Worker: the next record to process, or NULL when there is none left (after close). */
dp_record *dp_queue_take(dp_queue *q, dp_queue_local *local);

/* Worker: r is processed. */
void dp_queue_done(dp_queue *q, dp_queue_local *local, dp_record *r);

/* Sink: the next record in reader order, or NULL when every record read was handed out, the run was
 * stopped by a failure, or it was interrupted and the next record will not be processed. */
dp_record *dp_queue_next(dp_queue *q);

/* Sink: the record from dp_queue_next is handled; counted: it is written (checkpoints count it). */
void dp_queue_advance(dp_queue *q, int counted);

/* Sink: records written so far. */
uint64_t dp_queue_written(dp_queue *q);

/* Stop the run (DP_STOP_FAILED or DP_STOP_INTERRUPTED; a failure overrides an interruption, not the
 * reverse) and wake every thread. */
void dp_queue_stop(dp_queue *q, int why);

int dp_queue_stopped(const dp_queue *q);

#endif

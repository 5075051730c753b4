/*
 * The reader thread of a run (reader.c): reads every listed input in order
 * — a whole file, or one record per non-empty line for line-based sources —
 * within max_size (input_file.c: bounded before memory is taken, and giving
 * up a waiting read when the run stops), keeps the records of this shard that a resumed run has
 * not written yet, and queues them.  An input that cannot be read becomes a
 * record with its error, so it is reported in order.  Decoding is the
 * workers' job.
 */
#ifndef DP_READER_H
#define DP_READER_H

#include <stdatomic.h>
#include <stdint.h>

#include "inputs.h"
#include "queue.h"
#include "source_options.h"

typedef struct dp_reader {
    dp_queue *q;
    const dp_inputs *inputs;
    const dp_source_settings *source;
    unsigned shard_k, shard_n;   /* keep only shard k of n (n == 0: all) */
    uint64_t skip_before;        /* resume: this shard's records below this are written */
    atomic_ullong bytes_read;
    int out_of_memory;           /* set by the reader thread; read after it is joined */
    int stopped;                 /* the run stopped while the reader waited for an input's data */
} dp_reader;

/* The thread's body: reads everything, then closes the queue.  arg: dp_reader. */
void *dp_reader_main(void *arg);

/* The shard (0-based) a document id falls in: a stable 64-bit FNV-1a hash. */
unsigned dp_shard_of(const char *id, unsigned n);

#endif

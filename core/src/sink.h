/*
 * The sink of a run (sink.c), on the calling thread: takes finished records
 * in reader order and writes them — documents to the writers, failures to
 * the log and the dead-letter file —, counts them, stops the run at a fatal
 * error or the failure limit, checkpoints every second, and draws progress.
 * It also owns the two ends of a run's outputs: resuming them from the
 * checkpoint before the first record, and committing them (or checkpointing
 * them, when the run stopped short) after the last.
 */
#ifndef DP_SINK_H
#define DP_SINK_H

#include <stdatomic.h>
#include <stdint.h>

#include "checkpoint.h"
#include "deadletter.h"
#include "idset.h"
#include "plan.h"
#include "queue.h"
#include "report.h"
#include "testhook.h"

typedef struct dp_sink {
    const dp_chain *chain;
    const dp_run_settings *s;
    dp_queue *q;
    dp_run_result *r;
    int progress;                    /* show progress */
    int progress_tty;                /* redraw one line (stderr is a terminal), else a plain line now and then */
    dp_progress_totals totals;       /* documents and bytes known in advance */
    const atomic_ullong *bytes_read; /* the reader's count */
    uint64_t skip_before;            /* resumed: records already written before this run */
    const char *fingerprint;         /* the run's identity: "plan:…;shard:K/N;inputs:…" */
    dp_deadletter *dead_letter;
    dp_idset ids;                    /* the ids written: duplicates are renamed */
    dp_checkpoint ckpt;
    int completing;                  /* resumed a run that died while committing: only the commit is left */
    dp_testhook hook;                /* the crash points of fault-injection tests */
} dp_sink;

/*
 * Before the first record: with --resume, load the checkpoint (refused, 64,
 * when another run wrote it), restore every writer — each verifies that its
 * output still holds what the checkpoint recorded, else the resume is refused
 * (64) — and set skip_before, the counts and `completing`; without, remove a
 * stale checkpoint.  Open the dead-letter file.  Returns DP_EXIT_OK or the
 * exit code.
 */
int dp_sink_open(dp_sink *k, int quiet);

/* Write every record until the queue has none left or the run stops. */
void dp_sink_run(dp_sink *k);

/*
 * After the last record: a complete run writes the commit record, flushes
 * every instance (writers commit their files), commits the dead letter and
 * removes the checkpoint (docs/commit-protocol.md); one that was interrupted
 * or went over the limit checkpoints, to be resumed.
 */
void dp_sink_finish(dp_sink *k);

void dp_sink_close(dp_sink *k);

#endif

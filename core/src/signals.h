/*
 * SIGINT and SIGTERM during a run (signals.c): a thread waits for them.  The
 * first stops the queue as interrupted — no new document is started, those in
 * flight are finished and checkpointed, the run exits 130 and can be resumed.
 * A second one ends the process at once (exit 130): the last checkpoint on
 * disk is consistent at any instant, so that is resumable too.
 */
#ifndef DP_SIGNALS_H
#define DP_SIGNALS_H

#include <pthread.h>
#include <signal.h>

#include "queue.h"

typedef struct dp_signals {
    sigset_t set, old;
    pthread_t thread;
    int running;
    dp_queue *q;
} dp_signals;

/*
 * Block SIGINT and SIGTERM in the calling thread (and the threads it starts
 * later), so that one arriving while the run starts up is kept pending, not
 * lost, until dp_signals_start takes it.  Ignore SIGPIPE: writing to a closed
 * standard output is then an I/O error that stops the run (exit 74).
 */
void dp_signals_hold(void);

/* Start the thread (after dp_signals_hold or not); 0, or -1 when it cannot start. */
int dp_signals_start(dp_signals *s, dp_queue *q);

/* Stop the thread and restore the signal mask. */
void dp_signals_stop(dp_signals *s);

#endif

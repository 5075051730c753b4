/*
 * The worker threads of a run (worker.c): each takes records from the queue
 * and runs them through decoding, the source, the recognizers (then the one
 * resolution of overlapping entities), and the translators; writers are the
 * sink's.  Many workers share one context.
 */
#ifndef DP_WORKER_H
#define DP_WORKER_H

#include "chain.h"
#include "queue.h"

typedef struct dp_worker {
    dp_queue *q;
    const dp_chain *chain;
    const char *encoding;  /* the source's, for dp_text_decode */
    int keep_overlaps;     /* overlaps = "all" */
} dp_worker;

/* The thread's body: until the queue is drained.  arg: dp_worker. */
void *dp_worker_main(void *arg);

/*
 * The stages of one decoded document: the source, the recognizers (then the
 * resolution of overlapping entities), the translators.  DP_OK, or the first
 * other result with the instance in *failed and its message in err.  Any
 * thread; also the library API's (embed.c).
 */
int dp_worker_stages(const dp_chain *c, int keep_overlaps, dp_doc *doc, dp_instance **failed, dp_error *err);

/* One record through decoding and every stage before the writers. */
void dp_worker_process(const dp_worker *w, dp_record *r);

#endif

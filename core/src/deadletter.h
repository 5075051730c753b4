/*
 * The dead-letter file: a writer built into the core (deadletter.c).  Every
 * record that failed is written there as one JSON line (id, source, line,
 * instance, message), through a dp_outfile like any writer's output, so it
 * is checkpointed, resumed and committed with the others.  It receives
 * records, not documents: a failed record may have no document at all.
 */
#ifndef DP_DEADLETTER_H
#define DP_DEADLETTER_H

#include "record.h"

typedef struct dp_deadletter dp_deadletter;

/* The name its checkpoint token is stored under (not a valid instance name). */
#define DP_DEADLETTER_TOKEN ".dead-letter"

/* Open path (resuming: keep the temporary file for restore).  NULL with the reason in err. */
dp_deadletter *dp_deadletter_open(const char *path, int resuming, dp_error *err);

/* One failed record. */
void dp_deadletter_write(dp_deadletter *d, const dp_record *r);

/* As a writer's checkpoint, restore (completing: the run died while committing) and flush (which commits). */
int dp_deadletter_checkpoint(dp_deadletter *d, char *token, size_t size, dp_error *err);
int dp_deadletter_restore(dp_deadletter *d, const char *token, int completing, dp_error *err);
int dp_deadletter_commit(dp_deadletter *d, dp_error *err);

/* Close without committing (the temporary file stays for --resume); frees d.  NULL is allowed. */
void dp_deadletter_close(dp_deadletter *d);

#endif

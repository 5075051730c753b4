/*
 * The run's hold on its outputs (runlock.c): one lock file per output,
 * NAME.lock beside it (for an output folder, beside the folder), taken with
 * flock before any instance opens anything, and holding the run's pid.  A
 * second run that wants one of them stops at once, naming the pid of the run
 * that holds it.  The kernel releases a flock when its process dies, so a
 * lock file left by a killed run does not block the next one.  Releasing
 * removes the files.
 */
#ifndef DP_RUNLOCK_H
#define DP_RUNLOCK_H

#include "outputs.h"
#include "strbuf.h"

typedef struct dp_runlock dp_runlock;

/*
 * Lock every output of the list (standard output needs none).  DP_EXIT_OK
 * with *out set; DP_EXIT_TEMPFAIL when another run holds one (the message,
 * with its pid, appended to errs); DP_EXIT_IOERR when a lock file cannot be
 * created; DP_EXIT_SOFTWARE when memory ran out.  Nothing stays locked on
 * failure.
 */
int dp_runlock_acquire(const dp_outputs *o, dp_runlock **out, dp_strbuf *errs);

/* Remove the lock files and release them.  NULL is allowed. */
void dp_runlock_release(dp_runlock *l);

#endif

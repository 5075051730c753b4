/* The batch engine: reader, workers, in-order writers (engine.c). */
#ifndef DP_ENGINE_H
#define DP_ENGINE_H

#include <stdint.h>

#include "docpipe/exitcode.h"
#include "plan.h"

/* How a run reports itself; what it does is the plan's. */
typedef struct dp_run_opts {
    int progress;             /* 1: show progress on stderr */
    int quiet;                /* no summary */
    int handle_signals;       /* SIGINT/SIGTERM: finish in-flight, exit 130 */
} dp_run_opts;

typedef struct dp_run_result {
    uint64_t ok, failed, skipped, bytes;
    double seconds;
    int missing_inputs;
    int interrupted;
    int fatal;                /* 0, or the exit code of a fatal error (DP_EXIT_SOFTWARE, DP_EXIT_IOERR) */
    int over_limit;           /* max_failures exceeded */
} dp_run_result;

/* Execute a plan (built without check_only).  Returns the process exit code. */
int dp_engine_run(const dp_plan *plan, const dp_run_opts *o, dp_run_result *r);

/* The shard (0-based) a document id falls in: a stable 64-bit FNV-1a hash. */
unsigned dp_shard_of(const char *id, unsigned n);

#endif

/* The batch engine (engine.c): executes a run plan with a reader, workers and an in-order sink. */
#ifndef DP_ENGINE_H
#define DP_ENGINE_H

#include <stdint.h>

#include "plan.h"
#include "report.h"

/* How a run reports itself; what it does is the plan's. */
typedef struct dp_run_opts {
    int progress;             /* 1: show progress on stderr */
    int progress_tty;         /* stderr is a terminal: redraw the progress line */
    int quiet;                /* no summary */
    int handle_signals;       /* SIGINT/SIGTERM: finish in-flight, exit 130 */
} dp_run_opts;

/* Execute a plan (built without check_only).  Returns the process exit code. */
int dp_engine_run(const dp_plan *plan, const dp_run_opts *o, dp_run_result *r);

#endif

/*
 * What a run counts and tells (report.c): the counters, the progress line,
 * the summary on stderr and the --stats JSON file.
 */
#ifndef DP_REPORT_H
#define DP_REPORT_H

#include <stdint.h>

#include "chain.h"

typedef struct dp_run_result {
    uint64_t ok, failed, skipped, bytes;
    uint64_t renamed_ids;     /* documents written under "ID~N": their id was taken (idset.h) */
    double seconds;
    int missing_inputs;
    int interrupted;
    int fatal;                /* 0, or the exit code of a fatal error (DP_EXIT_SOFTWARE, DP_EXIT_IOERR) */
    int over_limit;           /* max_failures exceeded */
} dp_run_result;

/* Seconds on a monotonic clock. */
double dp_report_now(void);

/* What a run will read, when known in advance (0: unknown). */
typedef struct dp_progress_totals {
    uint64_t docs;   /* whole-file inputs of an unsharded run: one document each */
    uint64_t bytes;  /* the sizes of the input files (no standard input among them) */
} dp_progress_totals;

/*
 * Progress on stderr: done/total documents and MB, the percentage (by
 * documents when their number is known, else by bytes), rates and an ETA.
 * tty: one line redrawn with "\r"; else a plain "docpipe: progress: …" line
 * each call.  final: the last call of the run.
 */
void dp_report_progress(const dp_run_result *r, const dp_progress_totals *tot, uint64_t bytes, double t0, int final,
                        int tty);

/* The summary on stderr: counts, MB, time per instance.  resumed: counts include a resumed part. */
void dp_report_summary(const dp_run_result *r, const dp_chain *c, int resumed);

/* The summary as JSON in path (--stats); a failure is logged. */
void dp_report_stats(const char *path, const dp_run_result *r, const dp_chain *c, int threads);

#endif

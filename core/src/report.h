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

/*
 * The progress line ("\r…" on stderr): documents, failures, MB, rates and,
 * when the number of documents is known (total), an ETA; final ends the line.
 */
void dp_report_progress(const dp_run_result *r, uint64_t bytes, uint64_t total, double t0, int final);

/* The summary on stderr: counts, MB, time per instance.  resumed: counts include a resumed part. */
void dp_report_summary(const dp_run_result *r, const dp_chain *c, int resumed);

/* The summary as JSON in path (--stats); a failure is logged. */
void dp_report_stats(const char *path, const dp_run_result *r, const dp_chain *c, int threads);

#endif

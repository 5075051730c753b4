/* The batch engine: reader, workers, in-order writers (engine.c). */
#ifndef DP_ENGINE_H
#define DP_ENGINE_H

#include <stdint.h>

#include "docpipe/exitcode.h"
#include "pipeline.h"

typedef struct dp_run_opts {
    int threads;              /* >= 1 */
    int queue;                /* records in flight per thread */
    char *const *inputs;      /* command-line inputs; none: the source's paths */
    size_t n_inputs;
    long long max_failures;   /* stop (exit 65) when more fail; -1: never */
    double max_failure_ratio; /* stop when more than this share fails (0: off), judged after 100 documents */
    const char *dead_letter;  /* JSONL of failed documents, or NULL */
    const char *checkpoint;   /* checkpoint file, or NULL for none */
    const char *stats;        /* JSON summary file, or NULL */
    int resume;               /* continue from the checkpoint */
    int progress;             /* 1: show progress on stderr */
    int quiet;                /* no summary */
    unsigned shard_k, shard_n;/* this shard (n == 0: no sharding) */
    int keep_overlaps;
    int handle_signals;       /* SIGINT/SIGTERM: finish in-flight, exit 130 */
    const char *fingerprint;  /* identifies the run for --resume */
} dp_run_opts;

typedef struct dp_run_result {
    uint64_t ok, failed, skipped, bytes;
    double seconds;
    int missing_inputs;
    int interrupted;
    int fatal;                /* 0, or the exit code of a fatal error (DP_EXIT_SOFTWARE, DP_EXIT_IOERR) */
    int over_limit;           /* max_failures exceeded */
} dp_run_result;

/* Run the pipeline (already initialised).  Returns the process exit code. */
int dp_engine_run(dp_pipeline *p, const dp_run_opts *o, dp_run_result *r);

/* The shard (0-based) a document id falls in: a stable 64-bit FNV-1a hash. */
unsigned dp_shard_of(const char *id, unsigned n);

#endif

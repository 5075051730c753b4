/*
 * The run plan (plan.c): a request — a config and what the command line
 * overrides — turned into a validated, immutable plan, or into every error
 * there is.  `docpipe check` builds one and prints it; `docpipe run` builds
 * the same one and hands it to the engine; nothing else reads a config,
 * loads a plugin or starts an instance.  The plan knows nothing of the
 * command line: a library can build one from a config string.
 *
 * Building runs every check there is, in this order, and reports every
 * error ("file:line: …") of a step before it stops after that step:
 *   1. the config: a file, a string or a one-line pipeline (pipeline.c):
 *      syntax, @include, ${VAR}, the global settings (cfgfile.c); every
 *      override names an instance of the config;
 *   2. each instance: plugin name, module, ABI, every option against the
 *      plugin's table, the command line's overrides (-o, a pipeline's
 *      KEY=VALUE words), data files on the data search path
 *      (plan_instance.c, loader.c, options.c, datapath.c); then, when
 *      every instance exists, the chain: unique names, writers last,
 *      consumes/produces (chain.c); and, when the source exists, how its
 *      records are read: max_size, encoding (source_options.c), and
 *      --stdin-jsonl against the source's kind;
 *   3. the overrides: threads, shard, checkpoint, dead letter, stats, limits;
 *      then every output of the run — writers' (DP_OPT_OUTPUT, _OUTPUT_DIR),
 *      dead letter, checkpoint, stats — distinct, not a system path, of the
 *      right kind and writable (outputs.c); a run (not check) then locks them
 *      (runlock.c), so a second run on the same outputs stops here;
 *   4. every instance's init(), source first (in check mode writers create
 *      nothing).
 */
#ifndef DP_PLAN_H
#define DP_PLAN_H

#include <stddef.h>

#include "chain.h"
#include "source_options.h"
#include "strbuf.h"

typedef struct dp_plan dp_plan;

/* What is asked for.  dp_request_init() gives "the config decides" everywhere. */
typedef struct dp_request {
    const char *config_path;   /* the config file; with config_text, its name in messages */
    const char *config_text;   /* the config itself, or NULL to read config_path */
    const char *pipeline;      /* a one-line pipeline (pipeline.h) instead of a config; named "-p" */
    const char *base_dir;      /* relative paths in the config resolve here; NULL: config_path's folder
                                  (a pipeline's: the current directory) */
    char *const *overrides;    /* "INSTANCE.KEY=VALUE": one option of one instance (the source also as "source") */
    size_t n_overrides;
    char *const *inputs;       /* files, folders, globs, "-"; none: the source's `paths` */
    size_t n_inputs;
    int threads;               /* -1: the config's `threads`; 0: one per core */
    unsigned shard_k, shard_n; /* this shard of n (n == 0: not sharded); sets ${DOCPIPE_SHARD(S)} */
    const char *checkpoint;    /* NULL: the config's, else CONFIGNAME[.K-of-N].checkpoint for a config file */
    const char *dead_letter;   /* NULL: the config's `dead_letter` */
    const char *stats;         /* NULL: the config's `stats` */
    long long max_failures;    /* -2: the config's `max_failures`; -1: no limit */
    double max_failure_ratio;  /* stop when more than this share fails (0: off) */
    int stdin_jsonl;           /* streaming: records from standard input; the source must be line-based */
    int resume;                /* continue from the checkpoint, when there is one */
    int check_only;            /* `docpipe check`: init validates, writers create nothing */
    int skip_init;             /* stop before step 6 (fuzzing the validation without running plugins) */
} dp_request;

void dp_request_init(dp_request *req);

/* The run a plan describes, with the request's overrides applied. */
typedef struct dp_run_settings {
    int threads;               /* >= 1 */
    int queue;                 /* records in flight per worker */
    long long max_failures;    /* -1: no limit */
    double max_failure_ratio;
    const char *dead_letter;   /* NULL: none */
    const char *checkpoint;    /* NULL: none (streaming, or a config string without one) */
    const char *stats;         /* NULL: none */
    int keep_overlaps;         /* overlaps = "all" */
    unsigned shard_k, shard_n;
    int resume;                /* resuming: asked for, and the checkpoint exists */
    int check_only;
    char *const *inputs;       /* as requested */
    size_t n_inputs;
    const char *fingerprint;   /* the plan's part of a run's identity for --resume (the engine adds the inputs) */
    dp_source_settings source; /* how records are read */
} dp_run_settings;

/*
 * Build the plan of a request.  Returns DP_EXIT_OK with *out set, or
 * DP_EXIT_CONFIG (the config, or its combination with the request, is
 * invalid), DP_EXIT_IOERR (an output's folder is not writable, or a lock file
 * cannot be made), DP_EXIT_TEMPFAIL (another run holds an output) or
 * DP_EXIT_SOFTWARE (out of memory) with *out NULL and every error appended to
 * errs, one "file:line: …" per line.
 */
int dp_plan_build(const dp_request *req, dp_plan **out, dp_strbuf *errs);

/* The config's path (or name), for messages. */
const char *dp_plan_config(const dp_plan *p);

/* The plugin search path and the data search path, ':'-joined, for `check -v`. */
const char *dp_plan_plugin_path(const dp_plan *p);
char *dp_plan_data_path(const dp_plan *p); /* malloc'ed; NULL when memory ran out */

const dp_chain *dp_plan_chain(const dp_plan *p);
const dp_run_settings *dp_plan_settings(const dp_plan *p);

/* fini() every instance (reverse order), unload the plugins, free. */
void dp_plan_free(dp_plan *p);

#endif

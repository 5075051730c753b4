/*
 * A configured plugin (instance.c): its descriptor, option values, state and
 * counters, and everything a plugin asks of it — options (dp_opt_*), its
 * name and context, logging (dp_log) and error reporting.  The bottom of the
 * core's graph: it depends on options, logging and errors, and nothing that
 * builds or runs pipelines.
 */
#ifndef DP_INSTANCE_H
#define DP_INSTANCE_H

#include <pthread.h>
#include <stdatomic.h>

#include "docpipe/plugin.h"
#include "error_impl.h"
#include "options.h"
#include "strbuf.h"

struct dp_instance {
    dp_plugin desc;      /* normalized copy of the descriptor */
    dp_arena *strings;   /* holds the strings below */
    char *module_file;
    char *name;          /* config `name`, else the plugin's name; unique in a pipeline */
    char *label;         /* "kind:plugin" or "kind:plugin#name": the prefix of its messages */
    char *where;         /* "file:line" of its group in the config */
    char *base_dir;      /* relative DP_OPT_PATH values resolve against it */
    dp_optset opts;
    void *state;
    int inited;
    int rank;            /* 0: source, 1..: chain position */
    int resuming;
    int completing_commit; /* resuming a run that died while committing: outputs may be renamed already */
    int threads;
    int check_only;      /* `docpipe check`: writers must not create outputs */
    dp_error init_error; /* what init reported (dp_instance_error, dp_instance_nomem) */
    pthread_mutex_t serial_lock;
    atomic_ullong ns;     /* time spent in process() */
    atomic_ullong calls;
    atomic_ullong failed;
};

/* A new instance with the table's defaults applied; NULL when memory is exhausted. */
dp_instance *dp_instance_create(const dp_plugin *desc, const char *module_file, const char *name,
                                const char *where, const char *base_dir);

/*
 * For a plugin with describe() (plugin.h): let it rewrite the instance's
 * descriptor, then take the new name (unless the config named the instance;
 * named non-zero), label and option table (defaults applied, nothing
 * assigned).  0, or -1 with "where: …" appended to errs.
 */
int dp_instance_describe(dp_instance *inst, int named, dp_strbuf *errs);

/* fini() when init succeeded, then free. */
void dp_instance_destroy(dp_instance *inst);

/*
 * init() with the run's context (threads, resuming, check_only set before).
 * 0 when started; -1 with "where: kind 'name' failed to start: …" appended
 * (inst->init_error tells whether memory ran out).
 */
int dp_instance_init(dp_instance *inst, dp_strbuf *errs);

/* Call process() honouring DP_PLUGIN_SERIAL and accounting time. */
int dp_instance_process(dp_instance *inst, dp_doc *doc, dp_error *err);

/* A writer's render() (any thread) and write() (the writer thread), accounting time; see plugin.h. */
int dp_instance_render(dp_instance *inst, const dp_doc *doc, dp_strbuf *out, dp_error *err);
int dp_instance_write(dp_instance *inst, const char *bytes, size_t len, dp_error *err);

/*
 * The instance as messages name it: "recognizer:names", or
 * "recognizer:names#people" when the config named it (so two instances of
 * one plugin are told apart).  Printed in brackets before its messages.
 */
const char *dp_instance_label(const dp_instance *inst);

/* Kind names: "source", "recognizer", "translator", "writer". */
const char *dp_kind_name(dp_kind k);

#endif

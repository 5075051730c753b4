/* A configured pipeline: instances, their options and the chain (pipeline.c). */
#ifndef DP_PIPELINE_H
#define DP_PIPELINE_H

#include <pthread.h>
#include <stdatomic.h>

#include "cfgfile.h"
#include "error_impl.h"
#include "loader.h"
#include "options.h"

struct dp_instance {
    dp_plugin desc;      /* normalized copy of the descriptor */
    char *module_file;
    char *name;
    char *label;         /* "kind:plugin" or "kind:plugin#name": the prefix of its messages */
    char *where;         /* "file:line" */
    char *base_dir;
    dp_optset opts;
    void *state;
    int inited;
    int rank;            /* 0: source, 1..: chain position */
    int resuming;
    int threads;
    int check_only;      /* `docpipe check`: writers must not create outputs */
    dp_error init_error; /* what init reported (dp_instance_error, dp_instance_nomem) */
    pthread_mutex_t serial_lock;
    atomic_ullong ns;     /* time spent in process() */
    atomic_ullong calls;
    atomic_ullong failed;
};

struct dp_expand_ctx {
    const char *base_dir;
    const char *const *vars; /* "NAME=value" set by the runtime (DOCPIPE_SHARD …) */
    size_t n_vars;
};

typedef struct dp_pipeline {
    dp_config *cfg;
    dp_loader *loader;
    dp_instance *source;
    dp_instance **chain;
    size_t n_chain;
    size_t first_writer;     /* index of the first writer in chain */
    long last_recognizer;    /* index of the last recognizer, -1: none */
} dp_pipeline;

/*
 * Load and validate: plugins found and ABI-checked, options checked against
 * their tables, kinds and chain order, consumes/produces.  On any problem
 * returns NULL with every error ("file:line: …") appended to errs.
 */
dp_pipeline *dp_pipeline_load(dp_config *cfg, dp_strbuf *errs);

/*
 * init() every instance in order.  Returns DP_EXIT_OK, or with errors appended
 * DP_EXIT_CONFIG (an instance refused to start) or DP_EXIT_SOFTWARE (one ran
 * out of memory).
 */
int dp_pipeline_init(dp_pipeline *p, int threads, int resuming, int check_only, dp_strbuf *errs);

/* fini() what was initialised, unload, free.  The config is freed too. */
void dp_pipeline_free(dp_pipeline *p);

/* Instance construction shared with the harness. */
dp_instance *dp_instance_create(const dp_plugin *desc, const char *module_file, const char *name,
                                const char *where, const char *base_dir);
void dp_instance_destroy(dp_instance *inst);
/* 0 when started; -1 with the error appended (inst->init_error says whether memory ran out). */
int dp_instance_init(dp_instance *inst, dp_strbuf *errs);

/* Call process() honouring DP_PLUGIN_SERIAL and accounting time. */
int dp_instance_process(dp_instance *inst, dp_doc *doc, dp_error *err);

/*
 * The instance as messages name it: "recognizer:names", or
 * "recognizer:names#people" when the config named it (so two instances of
 * one plugin are told apart).  Printed in brackets before its messages.
 */
const char *dp_instance_label(const dp_instance *inst);

/* Kind names: "source", "recognizer", "translator", "writer". */
const char *dp_kind_name(dp_kind k);

#endif

/* A configured pipeline: instances, their options and the chain (pipeline.c). */
#ifndef DP_PIPELINE_H
#define DP_PIPELINE_H

#include "cfgfile.h"
#include "instance.h"
#include "loader.h"

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

#endif

/*
 * The instances of a pipeline in order (chain.c): the source, then the chain
 * — recognizers, translators and writers — and the rules they must obey
 * together.  Owned by the plan; the engine walks it.
 */
#ifndef DP_CHAIN_H
#define DP_CHAIN_H

#include <stddef.h>

#include "instance.h"
#include "strbuf.h"

typedef struct dp_chain {
    dp_instance *source;
    dp_instance **stages;   /* the chain elements, in order */
    size_t n_stages;
    size_t first_writer;    /* index of the first writer in stages */
    long last_recognizer;   /* index of the last recognizer, -1: none; entities are resolved after it */
} dp_chain;

/*
 * Check the chain's rules and set first_writer and last_recognizer: instance
 * names are unique; writers come last and there is at least one; every word
 * an instance consumes is produced by the source or an earlier instance.
 * Errors ("file:line: …"; `config` names the file for the missing writer)
 * are appended; returns their number.
 */
int dp_chain_check(dp_chain *c, const char *config, dp_strbuf *errs);

/*
 * init() every instance in order, source first, with the run's context
 * (dp_instance_threads, _resuming, _checking); returns the number that
 * failed (errors appended).
 */
int dp_chain_init(dp_chain *c, int threads, int resuming, int check_only, dp_strbuf *errs);

/* Non-zero when an init failure was exhausted memory. */
int dp_chain_init_nomem(const dp_chain *c);

/* fini() in reverse order and free every instance. */
void dp_chain_free(dp_chain *c);

#endif

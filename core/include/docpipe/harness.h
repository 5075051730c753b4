/*
 * docpipe/harness.h — run one plugin on one document, without a config file.
 *
 * For plugin unit tests and for `docpipe try`.  The instance is created from
 * a descriptor (linked in, or loaded by name), its options given as
 * "key=value" strings (list items separated by ','), validated against the
 * plugin's option table exactly as a config file would be, and initialised.
 * Relative DP_OPT_PATH options resolve against `base_dir` (NULL: the current
 * directory); DP_OPT_DATA names are looked up in `base_dir`, then on
 * $DOCPIPE_DATA_PATH and in the installed data folder.
 */
#ifndef DOCPIPE_HARNESS_H
#define DOCPIPE_HARNESS_H

#include <stddef.h>

#include "doc.h"
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

/* NULL on failure, with the reason in err. */
dp_instance *dp_harness_new(const dp_plugin *plugin, const char *const *options,
                            size_t n_options, const char *base_dir,
                            char *err, size_t errlen);

/*
 * Run process() on doc; returns DP_OK, DP_SKIP, DP_FAILED or DP_FATAL with
 * the plugin's message in err.  For a source, set the raw bytes first
 * (dp_doc_set_raw).
 */
int dp_harness_process(dp_instance *inst, dp_doc *doc, char *err, size_t errlen);

/* flush(), for writers. */
int dp_harness_flush(dp_instance *inst, char *err, size_t errlen);

/* fini() and free. */
void dp_harness_free(dp_instance *inst);

/*
 * For documents built by hand (a writer's test needs entities of a
 * recognizer that is not running): entities added to doc from now on carry
 * `name` as their instance, as if that instance were running.  Around every
 * process() the core sets the running instance itself.
 */
void dp_harness_doc_instance(dp_doc *doc, const char *name);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_HARNESS_H */

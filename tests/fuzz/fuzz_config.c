/*
 * libFuzzer target: the config reader and the run plan's validation
 * (core/src/cfgfile.c, plan.c) on arbitrary text.
 *
 * The input is parsed with dp_config_read() from a string, then built into a
 * run plan with dp_plan_build() stopping before init (skip_init): plugins
 * looked up and loaded from the plugin path, options checked against their
 * tables, chain order and consumes/produces, the source's max_size and
 * encoding.  No plugin's init() runs and no writer creates a file.  Set FUZZ_PLUGIN_PATH to the build's plugins folder
 * (e.g. build/plugins); without it only the config reader is reached.
 *
 * Checks: a failure always explains itself (errors appended), and a pipeline
 * that loads has a source, a non-empty chain and only writers after the first
 * writer.  Build and run: tests/fuzz/run.sh (see README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <docpipe/docpipe.h>

#include "cfgfile.h"
#include "plan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Relative paths (and relative @include) resolve here: a folder that does not exist. */
#define FUZZ_DIR "/nonexistent/docpipe-fuzz"

static int verbose; /* FUZZ_VERBOSE=1: print the errors (to replay one input) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *p = getenv("FUZZ_PLUGIN_PATH");
    if (p && *p) {
        if (setenv("DOCPIPE_PLUGIN_PATH", p, 1) != 0) abort();
    } else {
        fprintf(stderr, "fuzz_config: FUZZ_PLUGIN_PATH is not set: plugins will not be found\n");
        unsetenv("DOCPIPE_PLUGIN_PATH");
    }
    verbose = getenv("FUZZ_VERBOSE") != NULL;
    return 0;
}

/* @include reads any file by absolute path (even /dev/stdin): not the reader's own code. */
static int has_include(const char *s)
{
    for (const char *p = s; (p = strchr(p, '@')); p++)
        if (strncasecmp(p + 1, "include", 7) == 0) return 1;
    return 0;
}

static int is_writer(const dp_instance *in) { return in->desc.kind == DP_KIND_WRITER; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (has_include(text)) {
        free(text);
        return 0;
    }
    char *const vars[] = { "DOCPIPE_SHARD=0", "DOCPIPE_SHARDS=1", "FUZZ_EMPTY=" };
    dp_strbuf errs = { 0 };
    dp_config *cfg = dp_config_read("fuzz.cfg", text, FUZZ_DIR, vars, 3, &errs);
    if (!cfg) {
        if (!errs.oom && errs.len == 0) abort(); /* failed without a message */
    } else {
        if (!cfg->source || !cfg->chain || cfg->threads < 0 || cfg->queue < 1) abort();
        for (size_t i = 0; i < cfg->n_plugin_path; i++)
            if (!cfg->plugin_path[i] || cfg->plugin_path[i][0] != '/') abort();
        dp_config_free(cfg);
        size_t before = errs.len;
        dp_request req;
        dp_request_init(&req);
        req.config_path = "fuzz.cfg";
        req.config_text = text;
        req.base_dir = FUZZ_DIR;
        req.shard_n = 1; /* ${DOCPIPE_SHARD} and ${DOCPIPE_SHARDS} are set */
        req.check_only = 1;
        req.skip_init = 1;
        dp_plan *p = NULL;
        int rc = dp_plan_build(&req, &p, &errs);
        if (!p) {
            if (rc == 0 || (!errs.oom && errs.len == before)) abort();
        } else {
            const dp_chain *c = dp_plan_chain(p);
            if (rc != 0 || !c->source || c->source->desc.kind != DP_KIND_SOURCE || c->n_stages == 0 ||
                c->first_writer >= c->n_stages)
                abort();
            for (size_t i = 0; i < c->n_stages; i++) {
                const dp_instance *in = c->stages[i];
                if (!in || !in->name || in->desc.kind == DP_KIND_SOURCE) abort();
                if ((i >= c->first_writer) != is_writer(in)) abort();
            }
            if (verbose) fprintf(stderr, "fuzz_config: plan built (%zu in the chain)\n", c->n_stages);
            dp_plan_free(p);
        }
    }
    if (verbose && errs.len) fprintf(stderr, "%s", errs.data);
    dp_strbuf_free(&errs);
    free(text);
    return 0;
}

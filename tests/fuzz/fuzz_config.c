/*
 * libFuzzer target: the config reader and validator (core/src/cfgfile.c,
 * pipeline.c) on arbitrary text.
 *
 * The input is parsed with dp_config_read() from a string, then validated with
 * dp_pipeline_load(): plugins looked up and loaded from the plugin path,
 * options checked against their tables, chain order and consumes/produces.
 * dp_pipeline_init() is never called, so no plugin's init() runs and no
 * writer creates a file.  Set FUZZ_PLUGIN_PATH to the build's plugins folder
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
#include "pipeline.h"

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
        size_t before = errs.len;
        dp_pipeline *p = dp_pipeline_load(cfg, &errs); /* owns cfg from here */
        if (!p) {
            if (!errs.oom && errs.len == before) abort();
        } else {
            if (!p->source || p->source->desc.kind != DP_KIND_SOURCE || p->n_chain == 0 ||
                p->first_writer >= p->n_chain)
                abort();
            for (size_t i = 0; i < p->n_chain; i++) {
                const dp_instance *in = p->chain[i];
                if (!in || !in->name || in->desc.kind == DP_KIND_SOURCE) abort();
                if ((i >= p->first_writer) != is_writer(in)) abort();
            }
            if (verbose) fprintf(stderr, "fuzz_config: pipeline loaded (%zu in the chain)\n", p->n_chain);
            dp_pipeline_free(p);
        }
    }
    if (verbose && errs.len) fprintf(stderr, "%s", errs.data);
    dp_strbuf_free(&errs);
    free(text);
    return 0;
}

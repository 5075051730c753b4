/*
 * Test plugin for the batch engine: fails documents whose text contains the
 * `fail_on` marker, stops the run on `fatal_on`, reports exhausted memory on
 * `nomem_on` (or in init with `nomem_init`), sleeps `sleep_ms` per document.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <docpipe/docpipe.h>

static const dp_option failing_options[] = {
    { "fail_on", DP_OPT_STRING, "FAILME", 0, NULL, "documents containing this text fail" },
    { "fatal_on", DP_OPT_STRING, "FATALME", 0, NULL, "documents containing this text stop the run (DP_FATAL)" },
    { "nomem_on", DP_OPT_STRING, "NOMEMME", 0, NULL, "documents containing this text report out of memory" },
    { "nomem_init", DP_OPT_BOOL, "false", 0, NULL, "init reports out of memory" },
    { "sleep_ms", DP_OPT_INT, "0", 0, NULL, "milliseconds to sleep per document (a slow plugin)" },
    DP_OPTION_END
};

typedef struct st {
    const char *fail_on, *fatal_on, *nomem_on;
    long long sleep_ms;
} st;

static int failing_init(dp_instance *inst, void **state)
{
    if (dp_opt_bool(inst, "nomem_init")) return dp_instance_nomem(inst);
    st *s = calloc(1, sizeof *s);
    if (!s) return dp_instance_nomem(inst);
    s->fail_on = dp_opt_str(inst, "fail_on");
    s->fatal_on = dp_opt_str(inst, "fatal_on");
    s->nomem_on = dp_opt_str(inst, "nomem_on");
    s->sleep_ms = dp_opt_int(inst, "sleep_ms");
    *state = s;
    return 0;
}

static int failing_process(void *state, dp_doc *doc, dp_error *err)
{
    const st *s = state;
    if (s->sleep_ms > 0) {
        struct timespec ts = { s->sleep_ms / 1000, (s->sleep_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    size_t len;
    const char *text = dp_doc_text(doc, &len);
    if (*s->fatal_on && strstr(text, s->fatal_on)) return dp_fail(err, DP_FATAL, "fatal marker found");
    if (*s->nomem_on && strstr(text, s->nomem_on)) return dp_fail_nomem(err);
    if (*s->fail_on && strstr(text, s->fail_on)) return dp_fail(err, DP_FAILED, "marker '%s' found", s->fail_on);
    return DP_OK;
}

static void failing_fini(void *state) { free(state); }

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "failing",
    .version = "1.0",
    .description = "test plugin: fails, stops or slows down on demand",
    .options = failing_options,
    .consumes = "text",
    .produces = "entity",
    .init = failing_init,
    .process = failing_process,
    .fini = failing_fini,
};

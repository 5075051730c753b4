/*
 * Test plugin for the library API: declares DP_PLUGIN_SERIAL and fails any
 * document whose process() overlaps another's, so a test that calls a
 * pipeline from several threads sees whether the core honoured the flag.
 * It sleeps a little per document to make an overlap likely when allowed.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include <docpipe/docpipe.h>

typedef struct st {
    atomic_int inside;
} st;

static int serialcheck_init(dp_instance *inst, void **state)
{
    st *s = calloc(1, sizeof *s);
    if (!s) return dp_instance_nomem(inst);
    atomic_init(&s->inside, 0);
    *state = s;
    return 0;
}

static int serialcheck_process(void *state, dp_doc *doc, dp_error *err)
{
    st *s = state;
    int before = atomic_fetch_add(&s->inside, 1);
    struct timespec ts = { 0, 200000L };
    nanosleep(&ts, NULL);
    atomic_fetch_sub(&s->inside, 1);
    if (before != 0) return dp_fail(err, DP_FATAL, "process() called concurrently despite DP_PLUGIN_SERIAL");
    return DP_OK;
}

static void serialcheck_fini(void *state) { free(state); }

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
    .name = "serialcheck",
    .version = "1.0",
    .description = "test plugin: fails when its process() runs concurrently (it is DP_PLUGIN_SERIAL)",
    .consumes = "text",
    .flags = DP_PLUGIN_SERIAL,
    .init = serialcheck_init,
    .process = serialcheck_process,
    .fini = serialcheck_fini,
};

/* A translator that consumes entities: placed before any recognizer, the chain check must refuse it. */
#include <docpipe/docpipe.h>

static int needs_process(void *state, dp_doc *doc, dp_error *err)
{
    (void)state; (void)doc; (void)err;
    return DP_OK;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_TRANSLATOR),
    .name = "needsentity",
    .version = "1.0",
    .description = "test plugin consuming entities",
    .consumes = "text entity",
    .produces = "entity.translation",
    .process = needs_process,
};

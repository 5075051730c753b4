/* A plugin that claims a future ABI major: the loader must refuse it. */
#include <docpipe/docpipe.h>

static int badabi_process(void *state, dp_doc *doc, dp_error *err)
{
    (void)state; (void)doc; (void)err;
    return DP_OK;
}

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    .abi_major = DOCPIPE_ABI_MAJOR + 1,
    .abi_minor = 0,
    .struct_size = sizeof(dp_plugin),
    .kind = DP_KIND_RECOGNIZER,
    .name = "badabi",
    .version = "0",
    .description = "test plugin built for another ABI",
    .consumes = "text",
    .produces = "entity",
    .process = badabi_process,
};

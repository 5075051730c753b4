/* Finding and loading plugin modules with libltdl (loader.c). */
#ifndef DP_LOADER_H
#define DP_LOADER_H

#include "docpipe/plugin.h"
#include "strbuf.h"

typedef struct dp_loader dp_loader;

/*
 * A loader searching, in order: the given directories (the config's
 * plugin_path, already resolved), DOCPIPE_PLUGIN_PATH (':'-separated), and
 * the install directory (installdirs.h: below the staging root of a staged
 * copy).  Never the current directory implicitly.
 */
dp_loader *dp_loader_new(char *const *dirs, size_t n_dirs);
void dp_loader_free(dp_loader *l);

/*
 * Load module "<kind>_<name>" (e.g. "writer_jsonl").  Returns the
 * descriptor (normalized: members beyond the plugin's struct_size read as
 * NULL), or NULL with the reason appended to err.  *file receives the path.
 */
const dp_plugin *dp_loader_load(dp_loader *l, const char *module, const char **file, dp_strbuf *err);

/*
 * The module a config's plugin name stands for: "source_NAME" for a source,
 * else whichever of recognizer_, translator_ and writer_NAME exists.  NULL,
 * with "where: …" appended to errs, for a name that is not plain (a-z, 0-9,
 * '_', '-'), unknown, or ambiguous; the result is malloc'ed.
 */
char *dp_loader_resolve(dp_loader *l, const char *name, int is_source, const char *where, dp_strbuf *errs);

/* Non-zero when a module of that name exists on the search path. */
int dp_loader_exists(dp_loader *l, const char *module);

/* Call fn for every module on the search path (first of each name), sorted. */
int dp_loader_each(dp_loader *l, void (*fn)(const char *module, const char *dir, void *ctx), void *ctx);

/* The search path as one ':'-joined string, for messages. */
const char *dp_loader_path(const dp_loader *l);

/*
 * Check a descriptor against this core's ABI; 0 when acceptable, else -1
 * with a message naming both versions and `file`.
 */
int dp_abi_check(const dp_plugin *p, const char *file, dp_strbuf *err);

#endif

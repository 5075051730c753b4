/* Reading a pipeline config file with libconfig (cfgfile.c). */
#ifndef DP_CONFIG_H
#define DP_CONFIG_H

#include <libconfig.h>

#include "strbuf.h"

typedef struct dp_config {
    config_t cfg;
    char *path;        /* as given */
    char *dir;         /* its directory: relative paths resolve against it */
    char **plugin_path;  /* folders, relative ones resolved against dir */
    size_t n_plugin_path;
    char **data_path;    /* folders searched for data files (datapath.h), resolved likewise */
    size_t n_data_path;
    int threads;       /* 0: one per core */
    int queue;         /* documents in flight per thread */
    long long max_failures; /* -1: no limit */
    char *dead_letter;
    char *checkpoint;
    char *stats;
    char *dead_letter_where, *checkpoint_where, *stats_where; /* "file:line" of those three, when set */
    int keep_overlaps; /* overlaps = "all" */
    const config_setting_t *source;
    const config_setting_t *chain;
    char **vars;       /* runtime variables for ${…} */
    size_t n_vars;
} dp_config;

/* A top-level setting, as the docs describe it (docpipe.cfg(5)). */
typedef struct dp_config_setting {
    const char *name, *type, *default_value, *help;
} dp_config_setting;

/* Every top-level setting, in the order the docs list them; ends with a NULL name. */
extern const dp_config_setting dp_config_settings[];

/*
 * Parse a config from a file (text == NULL) or from a string (path names it
 * in messages; dir is where relative paths resolve).  Global settings are
 * validated; `vars` ("NAME=value") are offered to ${NAME} expansion before
 * the environment.  NULL with "file:line: …" errors appended on failure.
 */
dp_config *dp_config_read(const char *path, const char *text, const char *dir, char *const *vars,
                          size_t n_vars, dp_strbuf *errs);
void dp_config_free(dp_config *c);

/* What ${VAR} expansion sees: variables set by the runtime, then the environment. */
struct dp_expand_ctx {
    const char *const *vars; /* "NAME=value" (DOCPIPE_SHARD …) */
    size_t n_vars;
};

/* Expand ${VAR} and ${VAR:-default}; NULL (error appended) for an unset
 * variable without default or a malformed reference.  ctx: struct dp_expand_ctx. */
char *dp_config_expand(const char *s, void *ctx, dp_strbuf *errs, const char *where);

#endif

/*
 * The data search path (datapath.c): where a data file that an option names
 * is found.  A name such as "vi/ranks.tsv" is looked up, in order, next to
 * the config (its folder; the current directory for the command line), in
 * every folder of the config's `data_path`, of $DOCPIPE_DATA_PATH (':'
 * separated) and in the installed data folder ($(pkgdatadir), installdirs.h);
 * the first regular file wins.  An absolute path, or one that starts with
 * "./" or "../" (relative to the config's folder), is a path, not a name: it
 * is taken as it is written.
 */
#ifndef DP_DATAPATH_H
#define DP_DATAPATH_H

#include <stddef.h>

#include "strbuf.h"

typedef struct dp_datapath {
    char **dirs;   /* the config's data_path (resolved), $DOCPIPE_DATA_PATH, the installed folder */
    size_t n;
} dp_datapath;

/* The search path after the config's folders (already resolved); -1 when memory ran out. */
int dp_datapath_init(dp_datapath *dp, char *const *config_dirs, size_t n);
void dp_datapath_free(dp_datapath *dp);

/* Non-zero for a name that is searched, 0 for a path ("/…", "./…", "../…"). */
int dp_datapath_is_name(const char *name);

/*
 * The file a name stands for (malloc'ed), looked up in base_dir (NULL: the
 * current directory), then on the path.  NULL when none exists or memory ran
 * out (*oom set); every place tried is appended to `tried` (", "-joined).
 */
char *dp_datapath_find(const dp_datapath *dp, const char *base_dir, const char *name, dp_strbuf *tried,
                       int *oom);

/*
 * The files a name with glob characters (* ? [) matches, in the first place
 * of the same order where it matches any regular file, sorted.  Returns the
 * number of files (their paths, malloc'ed, in *out), 0 with every place tried
 * in `tried` when nothing matches, -1 when memory ran out.
 */
int dp_datapath_glob(const dp_datapath *dp, const char *base_dir, const char *pattern, char ***out,
                     dp_strbuf *tried);

/* Non-zero when s has glob characters. */
int dp_datapath_has_glob(const char *s);

#endif

/* Option values of one instance, validated against its plugin's table (options.c). */
#ifndef DP_OPTIONS_H
#define DP_OPTIONS_H

#include <libconfig.h>

#include "datapath.h"
#include "docpipe/plugin.h"
#include "strbuf.h"

/* One option's value, as validated. */
typedef struct dp_optval {
    const dp_option *spec;
    int set;            /* given in the config */
    char *where;        /* "file:line" of the setting when given in a config, else NULL */
    char *base;         /* data options: the folder their names are looked up in first */
    char *str;          /* string, enum, path (resolved), data (as written, until resolved) */
    long long i;
    double f;
    int b;
    char **items;       /* lists */
    size_t n_items;
} dp_optval;

typedef struct dp_optset {
    dp_optval *v;
    size_t n;
} dp_optset;

/*
 * Build the option set of a plugin — the `common` table (the options every
 * source takes; may be NULL), then its own — with defaults applied.  Returns
 * -1 on exhausted memory.
 */
int dp_optset_init(dp_optset *set, const dp_plugin *plugin, const dp_option *common, const char *base_dir);
void dp_optset_free(dp_optset *set);

/*
 * Assign every member of a libconfig group except `plugin` and `name`.
 * Errors ("file:line: …") are appended to errs, one per line; returns the
 * number of errors.  expand(s, ctx, …) expands ${VAR} in strings (may be
 * NULL); relative paths resolve against base_dir.
 */
typedef char *(*dp_expand_fn)(const char *s, void *ctx, dp_strbuf *errs, const char *where);
int dp_optset_from_setting(dp_optset *set, const config_setting_t *group, const char *file,
                           const char *plugin_name, const char *base_dir, dp_expand_fn expand, void *ctx,
                           dp_strbuf *errs);

/*
 * Assign "key=value" (lists: comma-separated), typed from the table; errors
 * start with `where` (e.g. "-o names.ranks=x"), which also becomes the
 * value's where.  Same error reporting.
 */
int dp_optset_from_text(dp_optset *set, const char *kv, const char *plugin_name, const char *base_dir,
                        const char *where, dp_strbuf *errs);

/*
 * After every assignment: each data option's names (set, or defaulted) to
 * their files on the data search path (datapath.h), a name with glob
 * characters to every file it matches.  A name found nowhere is an error
 * naming every place searched, at the value's where or else `where`.
 * Returns the number of errors.
 */
int dp_optset_resolve_data(dp_optset *set, const dp_datapath *dp, const char *where, const char *plugin_name,
                           dp_strbuf *errs);

/* After assignment: required options present.  Returns the number of errors. */
int dp_optset_check_required(dp_optset *set, const char *where, const char *plugin_name, dp_strbuf *errs);

const dp_optval *dp_optset_find(const dp_optset *set, const char *name);

/* The table, for `docpipe plugins`: type names and a default rendered. */
const char *dp_opt_type_name(dp_opt_type t);

/* Non-zero for the list types (read with dp_opt_count and dp_opt_item). */
int dp_opt_type_is_list(dp_opt_type t);

/* The allowed-key list of a plugin, ", "-joined, into b. */
void dp_optset_allowed(const dp_optset *set, dp_strbuf *b);

/* Parse a size with an optional K/M/G suffix ("64M"); -1 when invalid. */
long long dp_parse_size(const char *s);

#endif

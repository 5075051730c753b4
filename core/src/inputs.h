/* Enumerating a run's inputs: files, directories, globs, stdin (inputs.c). */
#ifndef DP_INPUTS_H
#define DP_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "docpipe/plugin.h"

typedef struct dp_input {
    char *path;   /* "-" for standard input */
    char *id;     /* default document id: path relative to the named root, no extension */
    char *error;  /* set when the input cannot be used (missing, unreadable, no match) */
    long long size, mtime_s, mtime_ns; /* as listed (0 for stdin and errors): a changed input is another run */
} dp_input;

typedef struct dp_inputs {
    dp_input *v;
    size_t n;
} dp_inputs;

/*
 * Expand args (or, when n_args is 0, the source's `paths` option) in order:
 * a directory is walked (recursively unless recursive = false) in byte order
 * of names, keeping files whose name matches an `include` pattern (all when
 * none) and no `exclude` pattern, and skipping hidden entries; a glob is
 * expanded sorted; a file is taken as is.  A path that does not exist, a
 * directory or glob that yields nothing, becomes an input with an error, so
 * it is reported in order and counted.  Returns -1 on exhausted memory.
 */
int dp_inputs_collect(dp_inputs *out, char *const *args, size_t n_args, const dp_instance *source);
void dp_inputs_free(dp_inputs *in);

/* The inputs' part of a run's identity: every input's path, size and modification time, in order. */
uint64_t dp_inputs_fingerprint(const dp_inputs *in);

#endif

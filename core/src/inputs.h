/* Enumerating a run's inputs: files, directories, globs, stdin (inputs.c). */
#ifndef DP_INPUTS_H
#define DP_INPUTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "docpipe/plugin.h"

typedef struct dp_input {
    char *path;   /* "-" for standard input; the bytes to open */
    char *source; /* path as the document's source: valid UTF-8 (other bytes and control characters as %XX) */
    char *id;     /* default document id: path relative to the named root, no extension; UTF-8 as source */
    char *error;  /* set when the input cannot be used (missing, unreadable, no match) */
    long long size, mtime_s, mtime_ns; /* as listed (0 for stdin and errors): a changed input is another run */
    dev_t dev;    /* the file's identity, to list it once */
    ino_t ino;
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
 * it is reported in order and counted.  Each file is listed once (by device
 * and inode), each folder walked once — a link back to a folder above is a
 * loop, skipped with a warning —, and a walk or glob takes regular files
 * only (a FIFO, socket or device is skipped with a warning; named on the
 * command line, a FIFO or device is read as a stream).  Returns -1 on
 * exhausted memory.
 */
int dp_inputs_collect(dp_inputs *out, char *const *args, size_t n_args, const dp_instance *source);
void dp_inputs_free(dp_inputs *in);

/* The inputs' part of a run's identity: every input's path, size and modification time, in order. */
uint64_t dp_inputs_fingerprint(const dp_inputs *in);

#endif

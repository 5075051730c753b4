/*
 * The files and folders a run writes (outputs.c): every writer's output
 * options (DP_OPT_OUTPUT, DP_OPT_OUTPUT_DIR), the dead letter, the checkpoint
 * and the stats file.  The plan checks them before any instance starts, so
 * that `check` refuses what would fail or destroy something only at the end
 * of a run:
 *   - none is empty, a system path (/, /etc, /usr, /dev … or any entry
 *     directly below /) or of the wrong kind (a file output that is a folder,
 *     an output folder that is a file);
 *   - no two collide: an output, its temporary file (NAME.tmp), its lock
 *     (NAME.lock) or, for a folder, anything inside it, never names another
 *     output's — compared after resolving links, so "out/a" and "./out/../out/a"
 *     are the same file; at most one output is standard output ("-");
 *   - every place can be written: the nearest existing folder is writable.
 * The runlock (runlock.c) then locks the same list.
 */
#ifndef DP_OUTPUTS_H
#define DP_OUTPUTS_H

#include <stddef.h>

#include "chain.h"
#include "strbuf.h"

typedef struct dp_output {
    char *path;     /* as configured ("-": standard output) */
    char *canon;    /* absolute, with the links of its existing part resolved; NULL for "-" */
    int is_dir;     /* an output folder (brat, html) */
    int checkpoint; /* the checkpoint: it also claims NAME.ids.tmp (idset.h) */
    char *what;     /* how messages name it: "writer 'jsonl' option 'path'", "checkpoint" … */
    char *where;    /* "file:line" of its setting, or "command line" */
} dp_output;

typedef struct dp_outputs {
    dp_output *v;
    size_t n;
} dp_outputs;

/* Append one output (copies every string); 0, or -1 when memory ran out. */
int dp_outputs_add(dp_outputs *o, const char *path, int is_dir, const char *what, const char *where);

/* Append the output options of every writer of the chain; 0, or -1 when memory ran out. */
int dp_outputs_add_writers(dp_outputs *o, const dp_chain *c);

/*
 * Check the list.  Configuration errors (the rules above) are appended to
 * errs and counted in *config_errors; places that cannot be written (a
 * read-only folder) in *io_errors.  -1 when memory ran out, else 0.
 */
int dp_outputs_check(dp_outputs *o, dp_strbuf *errs, int *config_errors, int *io_errors);

void dp_outputs_free(dp_outputs *o);

#endif

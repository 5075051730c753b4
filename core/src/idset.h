/*
 * The ids a run has written (idset.c).  Two documents with one id would
 * overwrite each other in the brat, html and sqlite outputs and be told apart
 * nowhere else, so a document whose id was written already is given the next
 * free "ID~2", "ID~3" … — deterministically, since records are written in
 * input order — and the first such rename of a run is logged (the summary
 * and --stats count them all).  The ids are kept as 64-bit hashes (about 18
 * bytes a document).  With a checkpoint they are also appended, one hash a
 * line, to "<checkpoint>.ids" (written as "<checkpoint>.ids.tmp", a
 * dp_outfile checkpointed with the outputs and never renamed), so that a
 * resumed run knows the ids written before it and renames as the
 * uninterrupted run would; it is removed after the checkpoint.
 */
#ifndef DP_IDSET_H
#define DP_IDSET_H

#include <stdint.h>

#include "docpipe/docpipe.h"
#include "u64map.h"

/* The name its checkpoint token is stored under (not a valid instance name). */
#define DP_IDSET_TOKEN ".ids"

typedef struct dp_idset {
    dp_u64map seen;
    dp_outfile *log;   /* <checkpoint>.ids, or NULL without a checkpoint */
    char *log_tmp;     /* its temporary file's name */
    uint64_t renamed;  /* documents renamed by this run and the runs it resumes */
    int warned;
} dp_idset;

/* Start empty; with a checkpoint path, its id list (resuming: kept for restore).  0, or DP_FATAL in err. */
int dp_idset_open(dp_idset *s, const char *checkpoint, int resuming, dp_error *err);

/* Give doc an id no document of the run had; its source names it in the warning.
 * 0: its own id; 1: renamed ID~N; -1 out of memory. */
int dp_idset_claim(dp_idset *s, dp_doc *doc, const char *source);

/* As a writer's checkpoint and restore (restore reads the ids back). */
int dp_idset_checkpoint(dp_idset *s, char *token, size_t size, dp_error *err);
int dp_idset_restore(dp_idset *s, const char *token, int completing, dp_error *err);

/* Free; remove_list: the run is complete, its id list goes too. */
void dp_idset_close(dp_idset *s, int remove_list);

#endif

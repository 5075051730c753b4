/*
 * The checkpoint file that makes a run resumable (checkpoint.c): a few text
 * lines, replaced atomically (a temporary file, fsync, rename, fsync of the
 * folder), so that a reader finds the previous checkpoint or the new one,
 * never a mix:
 *
 *   docpipe-checkpoint 2
 *   fingerprint TEXT        the run's identity (plan.c, engine.c)
 *   state running|commit    commit: every record is written, the outputs are being renamed
 *   next N                  records [0, N) are written
 *   counts OK FAILED SKIPPED RENAMED    documents so far; RENAMED: duplicate ids renamed (idset.h)
 *   token NAME TOKEN        one per writer (and the dead letter): its own description of its output
 *
 * NAME and TOKEN are written with every byte outside '!'..'~', and '%',
 * as %XX, so any instance name (spaces, newlines) reads back as written.
 * The commit protocol that uses it is docs/commit-protocol.md.
 */
#ifndef DP_CHECKPOINT_H
#define DP_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

typedef struct dp_checkpoint {
    char *fingerprint;
    int committing;             /* state commit */
    uint64_t next;              /* records [0, next) are fully written */
    uint64_t ok, failed, skipped, renamed;
    size_t n, cap;              /* tokens: instance name -> writer token */
    char **names, **tokens;
} dp_checkpoint;

/* An empty checkpoint (no tokens, no fingerprint). */
void dp_checkpoint_init(dp_checkpoint *c);
void dp_checkpoint_free(dp_checkpoint *c);

/* Replace the fingerprint; 0, or -1 when memory ran out. */
int dp_checkpoint_set_fingerprint(dp_checkpoint *c, const char *fingerprint);

/* Forget every token. */
void dp_checkpoint_clear_tokens(dp_checkpoint *c);

/* Add a token; 0, or -1 when memory ran out. */
int dp_checkpoint_add(dp_checkpoint *c, const char *name, const char *token);

/* The token stored for an instance, or NULL. */
const char *dp_checkpoint_token(const dp_checkpoint *c, const char *name);

/*
 * Saving is two steps, so that a test can stop between them: write and sync
 * "<path>.tmp" (never through a link), then rename it over path and sync the
 * folder.  0, or -1 with errno.
 */
int dp_checkpoint_write_temp(const char *path, const dp_checkpoint *c);
int dp_checkpoint_install(const char *path);

/* Remove the checkpoint and its temporary file, durably.  0, or -1 with errno. */
int dp_checkpoint_remove(const char *path);

/* 1 loaded, 0 no file, -1 unreadable or malformed (the reason appended to err). */
int dp_checkpoint_load(const char *path, dp_checkpoint *c, dp_strbuf *err);

#endif

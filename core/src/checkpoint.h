/* The checkpoint file that makes a run resumable (checkpoint.c). */
#ifndef DP_CHECKPOINT_H
#define DP_CHECKPOINT_H

#include <stdint.h>

#include "strbuf.h"

#define DP_CKPT_MAX_TOKENS 64

typedef struct dp_checkpoint {
    char fingerprint[128];
    uint64_t next;              /* records [0, next) are fully written */
    uint64_t ok, failed, skipped;
    size_t n;                   /* tokens: instance name → writer token */
    char names[DP_CKPT_MAX_TOKENS][128];
    char tokens[DP_CKPT_MAX_TOKENS][256];
} dp_checkpoint;

/* Write atomically (temp file, fsync, rename).  0, or -1 with errno. */
int dp_checkpoint_save(const char *path, const dp_checkpoint *c);

/* 1 loaded, 0 no file, -1 malformed (message appended to err). */
int dp_checkpoint_load(const char *path, dp_checkpoint *c, dp_strbuf *err);

/* The token stored for an instance, or NULL. */
const char *dp_checkpoint_token(const dp_checkpoint *c, const char *name);

#endif

/*
 * A record in flight through a run (record.c): what the reader read, the
 * document the workers made of it, and how it ended.  Numbered by the reader
 * (seq); written by the sink in that order.
 */
#ifndef DP_RECORD_H
#define DP_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "docpipe/docpipe.h"
#include "instance.h"

typedef struct dp_record {
    uint64_t seq;
    char *id;
    char *source;              /* input path */
    long line;                 /* line number for line-based sources, else 0 */
    char *bytes;               /* the raw record, until decoded */
    size_t len;
    char *preset_error;        /* the input failed before parsing (unreadable, too large …) */
    dp_doc *doc;               /* kept until written: a renamed id is rendered again */
    dp_strbuf *rendered;       /* rendered[k]: the bytes of the k-th writer that renders (plugin.h) */
    size_t n_rendered;
    int status;                /* DP_OK, DP_SKIP, DP_FAILED, DP_FATAL */
    int nomem;                 /* the failure was exhausted memory: the run stops (exit 70) */
    const char *fail_instance; /* the failing instance's name (the dead-letter record's "instance") */
    const char *fail_label;    /* how logs name it: "recognizer:names", "input" */
    char message[1024];
} dp_record;

/* NULL when memory is exhausted. */
dp_record *dp_record_new(const char *id, const char *source, long line);

/* A record that failed before parsing, with its reason. */
dp_record *dp_record_error(const char *id, const char *source, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void dp_record_free(dp_record *r);

/* The record failed in one of the core's own stages ("input", "core"). */
void dp_record_fail(dp_record *r, const char *stage, const char *msg);

/* Memory ran out in a core stage: not the document's fault, the run stops. */
void dp_record_fail_nomem(dp_record *r, const char *stage);

/* An instance returned rc (not DP_OK) with err; out of memory becomes DP_FATAL. */
void dp_record_fail_in(dp_record *r, const dp_instance *inst, int rc, const dp_error *err);

#endif

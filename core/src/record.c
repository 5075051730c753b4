/* A record in flight: creation, failure, release. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

dp_record *dp_record_new(const char *id, const char *source, long line)
{
    dp_record *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->id = strdup(id);
    r->source = strdup(source);
    r->line = line;
    if (!r->id || !r->source) { dp_record_free(r); return NULL; }
    return r;
}

dp_record *dp_record_error(const char *id, const char *source, long line, const char *fmt, ...)
{
    dp_record *r = dp_record_new(id, source, line);
    if (!r) return NULL;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->preset_error = strdup(msg);
    if (!r->preset_error) { dp_record_free(r); return NULL; }
    return r;
}

void dp_record_free(dp_record *r)
{
    if (!r) return;
    free(r->id);
    free(r->source);
    free(r->bytes);
    free(r->preset_error);
    dp_doc_free(r->doc);
    for (size_t i = 0; i < r->n_rendered; i++) dp_strbuf_free(&r->rendered[i]);
    free(r->rendered);
    free(r);
}

void dp_record_fail(dp_record *r, const char *stage, const char *msg)
{
    r->status = DP_FAILED;
    r->fail_instance = r->fail_label = stage;
    snprintf(r->message, sizeof r->message, "%s", msg);
}

void dp_record_fail_nomem(dp_record *r, const char *stage)
{
    dp_record_fail(r, stage, "out of memory");
    r->status = DP_FATAL;
    r->nomem = 1;
}

void dp_record_fail_in(dp_record *r, const dp_instance *inst, int rc, const dp_error *err)
{
    r->status = rc == DP_SKIP ? DP_SKIP : rc == DP_FATAL ? DP_FATAL : DP_FAILED;
    r->fail_instance = dp_instance_name(inst);
    r->fail_label = dp_instance_label(inst);
    const char *msg = dp_error_message(err);
    snprintf(r->message, sizeof r->message, "%s", *msg ? msg : "failed without a message");
    if (dp_error_nomem(err)) {
        r->status = DP_FATAL;
        r->nomem = 1;
    }
}

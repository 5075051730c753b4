/* The one error channel: a message and an out-of-memory mark (docpipe/error.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error_impl.h"

int dp_fail(dp_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int dp_fail_nomem(dp_error *err)
{
    if (err) {
        snprintf(err->msg, sizeof err->msg, "out of memory");
        err->nomem = 1;
    }
    return DP_FATAL;
}

const char *dp_error_message(const dp_error *err) { return err ? err->msg : ""; }

int dp_error_nomem(const dp_error *err) { return err ? err->nomem : 0; }

dp_error *dp_error_new(void) { return calloc(1, sizeof(dp_error)); }

void dp_error_clear(dp_error *err)
{
    if (!err) return;
    err->msg[0] = '\0';
    err->nomem = 0;
}

void dp_error_free(dp_error *err) { free(err); }

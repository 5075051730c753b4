/* Logging to stderr, one line per call (log.c); dp_log, for plugins, is in instance.c. */
#ifndef DP_LOG_H
#define DP_LOG_H

#include <stdarg.h>

#include "docpipe/plugin.h"

/*
 * Print "docpipe: LEVEL: [who] message" (without "[who] " when who is NULL)
 * as one write, so that lines of concurrent threads never interleave.
 * DP_LOG_DEBUG is dropped.
 */
void dp_log_emit(const char *who, dp_log_level level, const char *fmt, va_list ap);

/* Logging without an instance ("docpipe: error: …"). */
void dp_core_log(dp_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

/* Logging to stderr, one line per call. */
#include <stdio.h>
#include <string.h>

#include "log.h"

static const char *const level_names[] = { "error", "warning", "info", "debug" };

/* Lines above this level are dropped. */
enum { LOG_THRESHOLD = DP_LOG_INFO };

void dp_log_emit(const char *who, dp_log_level level, const char *fmt, va_list ap)
{
    if ((int)level > LOG_THRESHOLD) return;
    char line[2048];
    int n = snprintf(line, sizeof line, "docpipe: %s: %s%s%s", level_names[level < 0 || level > DP_LOG_DEBUG ? 0 : level],
                     who ? "[" : "", who ? who : "", who ? "] " : "");
    if (n < 0) return;
    if ((size_t)n < sizeof line) vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    /* One fputs per line: stdio locks the stream, so lines never interleave. */
    size_t len = strlen(line);
    if (len + 1 < sizeof line) { line[len] = '\n'; line[len + 1] = '\0'; }
    fputs(line, stderr);
}

void dp_core_log(dp_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dp_log_emit(NULL, level, fmt, ap);
    va_end(ap);
}

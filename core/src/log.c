/* Logging to stderr, one line per call. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "pipeline.h"

static const char *const level_names[] = { "error", "warning", "info", "debug" };

/* The log threshold is process-wide by nature (stderr is too); it is set once
 * by the CLI before any thread starts and only read afterwards. */
static int log_threshold = DP_LOG_INFO;

void dp_log_set_level(int level) { log_threshold = level; }

static void vlog(const char *who, dp_log_level level, const char *fmt, va_list ap)
{
    if ((int)level > log_threshold) return;
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

void dp_log(const dp_instance *inst, dp_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(inst ? dp_instance_label(inst) : NULL, level, fmt, ap);
    va_end(ap);
}

void dp_core_log(dp_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(NULL, level, fmt, ap);
    va_end(ap);
}

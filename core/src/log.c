/* Logging to stderr, one line per call, with nothing in it that a terminal would obey. */
#include <stdio.h>
#include <string.h>

#include "docpipe/text.h"
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
    /* File names and document text reach messages: control characters (an escape sequence would
     * drive the terminal) and bytes that are not UTF-8 are shown as \xHH. */
    char safe[4 * sizeof line + 2];
    size_t len = strlen(line), o = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = dp_utf8_next(line, len, &i);
        if (cp < 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            for (size_t k = at; k < i; k++) o += (size_t)snprintf(safe + o, 5, "\\x%02x", (unsigned char)line[k]);
        } else {
            memcpy(safe + o, line + at, i - at);
            o += i - at;
        }
    }
    safe[o++] = '\n';
    safe[o] = '\0';
    /* One fputs per line: stdio locks the stream, so lines never interleave. */
    fputs(safe, stderr);
}

void dp_core_log(dp_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dp_log_emit(NULL, level, fmt, ap);
    va_end(ap);
}

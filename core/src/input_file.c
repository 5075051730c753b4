/* One input's bytes: whole or by lines, within max_size, giving up when the run stops. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input_file.h"

enum { CHUNK = 65536 };

int dp_input_file_open(dp_input_file *f, const char *path, const atomic_int *stop)
{
    memset(f, 0, sizeof *f);
    f->stop = stop;
    if (!strcmp(path, "-")) {
        f->fd = 0;
    } else {
        /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
        f->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (f->fd < 0) return -1;
        f->owned = 1;
    }
    struct stat st;
    if (fstat(f->fd, &st) < 0 || S_ISDIR(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
        dp_input_file_close(f);
        errno = e;
        return -1;
    }
    f->regular = S_ISREG(st.st_mode);
    f->size = (long long)st.st_size;
    return 0;
}

/*
 * read(), giving up when the run stops.  A stream we opened is non-blocking:
 * read it, and wait in poll() only when it has nothing yet (a FIFO that no
 * writer ever opened reads as empty).  Standard input is shared with other
 * processes, so it stays blocking: wait in poll() until it has something.
 */
static ssize_t read_some(dp_input_file *f, char *buf, size_t n, int *stopped)
{
    for (;;) {
        if (!f->regular && !f->owned) {
            if (f->stop && atomic_load(f->stop)) {
                *stopped = 1;
                return -1;
            }
            struct pollfd p = { f->fd, POLLIN, 0 };
            int pr = poll(&p, 1, 200);
            if (pr == 0 || (pr < 0 && errno == EINTR)) continue;
            if (pr < 0) return -1;
        }
        ssize_t r = read(f->fd, buf, n);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        if (errno != EAGAIN) return -1;
        if (f->stop && atomic_load(f->stop)) {
            *stopped = 1;
            return -1;
        }
        struct pollfd p = { f->fd, POLLIN, 0 };
        poll(&p, 1, 200);
    }
}

int dp_input_file_read_all(dp_input_file *f, long long max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (f->regular && f->size > max) {
        *len = (size_t)f->size;
        return DP_READ_TOO_LARGE;
    }
    /* A regular file: its size (plus one byte, to see it grow); a stream: grow, never past max + 1. */
    size_t limit = (unsigned long long)max >= (size_t)-2 ? (size_t)-2 : (size_t)max + 1;
    size_t cap = f->regular ? (size_t)f->size + 1 : CHUNK;
    if (cap < 4096) cap = 4096; /* /proc and the like say 0 and have something */
    if (cap > limit) cap = limit;
    char *buf = malloc(cap + 1);
    if (!buf) return DP_READ_NOMEM;
    size_t have = 0;
    int stopped = 0;
    for (;;) {
        if (have == cap) {
            if (cap >= limit) break; /* over max: stop reading */
            size_t ncap = cap > limit / 2 ? limit : cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) { free(buf); return DP_READ_NOMEM; }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read_some(f, buf + have, cap - have, &stopped);
        if (r < 0) {
            int e = errno;
            free(buf);
            errno = e;
            return stopped ? DP_READ_STOPPED : DP_READ_ERROR;
        }
        if (r == 0) break;
        have += (size_t)r;
    }
    if ((long long)have > max) {
        free(buf);
        *len = have;
        return DP_READ_TOO_LARGE;
    }
    buf[have] = '\0';
    *data = buf;
    *len = have;
    return DP_READ_OK;
}

/* Append n bytes to the line being read, keeping at most keep bytes. */
static int line_add(dp_input_file *f, size_t *len, const char *s, size_t n, size_t keep)
{
    if (*len >= keep) {
        *len += n;
        return 0;
    }
    size_t take = n < keep - *len ? n : keep - *len;
    if (*len + take + 1 > f->line_cap) {
        size_t cap = f->line_cap ? f->line_cap : 256;
        while (cap < *len + take + 1) cap *= 2;
        char *nl = realloc(f->line, cap);
        if (!nl) return -1;
        f->line = nl;
        f->line_cap = cap;
    }
    memcpy(f->line + *len, s, take);
    *len += n;
    return 0;
}

int dp_input_file_next_line(dp_input_file *f, long long max, char **line, size_t *len, size_t *raw)
{
    *line = NULL;
    *len = *raw = 0;
    if (!f->chunk && !(f->chunk = malloc(CHUNK))) return DP_READ_NOMEM;
    size_t keep = (unsigned long long)max >= (size_t)-2 ? (size_t)-2 : (size_t)max + 1;
    size_t n = 0;
    int ended = 0, stopped = 0;
    while (!ended) {
        if (f->chunk_pos == f->chunk_len) {
            if (f->eof) break;
            ssize_t r = read_some(f, f->chunk, CHUNK, &stopped);
            if (r < 0) return stopped ? DP_READ_STOPPED : DP_READ_ERROR;
            if (r == 0) { f->eof = 1; break; }
            f->chunk_pos = 0;
            f->chunk_len = (size_t)r;
        }
        const char *s = f->chunk + f->chunk_pos;
        size_t avail = f->chunk_len - f->chunk_pos;
        const char *nl = memchr(s, '\n', avail);
        size_t take = nl ? (size_t)(nl - s) + 1 : avail;
        if (line_add(f, &n, s, take, keep) < 0) return DP_READ_NOMEM;
        f->chunk_pos += take;
        *raw += take;
        ended = nl != NULL;
    }
    if (*raw == 0) return DP_READ_EOF;
    /* The line without its end ("\n", "\r\n"). */
    size_t stored = n < keep ? n : keep;
    if (n <= keep) {
        while (stored > 0 && (f->line[stored - 1] == '\n' || f->line[stored - 1] == '\r')) stored--;
        n = stored;
    } else if (ended) {
        n--;
    }
    if ((long long)n > max) {
        *len = n;
        return DP_READ_TOO_LARGE;
    }
    f->line[n] = '\0';
    *line = f->line;
    *len = n;
    return DP_READ_OK;
}

void dp_input_file_close(dp_input_file *f)
{
    if (f->owned && f->fd >= 0) close(f->fd);
    f->fd = -1;
    free(f->chunk);
    free(f->line);
    f->chunk = f->line = NULL;
}

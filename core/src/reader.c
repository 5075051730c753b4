/* Reading inputs into records: whole files or lines, size limits, sharding, resume. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "reader.h"

unsigned dp_shard_of(const char *id, unsigned n)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *s = (const unsigned char *)id; *s; s++) {
        h ^= *s;
        h *= 1099511628211ULL;
    }
    return n ? (unsigned)(h % n) : 0;
}

/* Hand a record on, unless it belongs to another shard or is already written; -1 once the run stops. */
static int emit(dp_reader *rd, dp_record *r, uint64_t *counter)
{
    if (rd->shard_n && dp_shard_of(r->id, rd->shard_n) != rd->shard_k) {
        dp_record_free(r);
        return 0;
    }
    if ((*counter)++ < rd->skip_before) {
        dp_record_free(r);
        return 0;
    }
    return dp_queue_push(rd->q, r);
}

static char *format_size(long long n, char *buf, size_t size)
{
    if (n >= 1LL << 30 && n % (1LL << 30) == 0) snprintf(buf, size, "%lldG", n >> 30);
    else if (n >= 1LL << 20 && n % (1LL << 20) == 0) snprintf(buf, size, "%lldM", n >> 20);
    else if (n >= 1LL << 10 && n % (1LL << 10) == 0) snprintf(buf, size, "%lldK", n >> 10);
    else snprintf(buf, size, "%lld bytes", n);
    return buf;
}

/* One input as one record; NULL when memory ran out. */
static dp_record *read_whole(dp_reader *rd, const dp_input *in)
{
    long long max_size = rd->source->max_size;
    int is_stdin = !strcmp(in->path, "-");
    FILE *f = is_stdin ? stdin : fopen(in->path, "rb");
    char lim[32];
    if (!f) return dp_record_error(in->id, in->path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > max_size) {
        fclose(f);
        return dp_record_error(in->id, in->path, 0, "too large: %lld bytes, over the limit max_size = %s",
                               (long long)st.st_size, format_size(max_size, lim, sizeof lim));
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    dp_record *r = NULL;
    if (!buf) goto out;
    for (;;) {
        if (len == cap) {
            if ((long long)cap > max_size) break;
            char *nb = realloc(buf, cap * 2);
            if (!nb) goto out;
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    if (ferror(f)) {
        r = dp_record_error(in->id, in->path, 0, "read error: %s", strerror(errno));
    } else if ((long long)len > max_size) {
        r = dp_record_error(in->id, in->path, 0, "too large: over the limit max_size = %s",
                            format_size(max_size, lim, sizeof lim));
    } else if (len == 0) {
        r = dp_record_error(in->id, in->path, 0, "empty input");
    } else if ((r = dp_record_new(in->id, in->path, 0))) {
        r->bytes = buf;
        r->len = len;
        buf = NULL;
        atomic_fetch_add(&rd->bytes_read, len);
    }
out:
    free(buf);
    if (!is_stdin) fclose(f);
    return r;
}

/* One record per non-empty line; -1 when memory ran out or the run stopped. */
static int read_lines(dp_reader *rd, const dp_input *in, uint64_t *counter)
{
    long long max_size = rd->source->max_size;
    int is_stdin = !strcmp(in->path, "-");
    FILE *f = is_stdin ? stdin : fopen(in->path, "rb");
    if (!f) {
        dp_record *r = dp_record_error(in->id, in->path, 0, "cannot open: %s", strerror(errno));
        return r ? emit(rd, r, counter) : -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    char lim[32];
    while (rc == 0 && !dp_queue_stopped(rd->q) && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        atomic_fetch_add(&rd->bytes_read, (unsigned long long)n);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        size_t i = 0;
        while (i < (size_t)n && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i == (size_t)n) continue;
        char id[1024];
        snprintf(id, sizeof id, "%s:%ld", in->id, lineno);
        dp_record *r;
        if (n > max_size) {
            r = dp_record_error(id, in->path, lineno, "line too long: %zd bytes, over the limit max_size = %s", n,
                                format_size(max_size, lim, sizeof lim));
        } else if ((r = dp_record_new(id, in->path, lineno))) {
            r->bytes = malloc((size_t)n + 1);
            if (!r->bytes) { dp_record_free(r); r = NULL; }
            else { memcpy(r->bytes, line, (size_t)n + 1); r->len = (size_t)n; }
        }
        rc = r ? emit(rd, r, counter) : -1;
    }
    if (rc == 0 && ferror(f)) {
        dp_record *r = dp_record_error(in->id, in->path, lineno, "read error: %s", strerror(errno));
        rc = r ? emit(rd, r, counter) : -1;
    }
    free(line);
    if (!is_stdin) fclose(f);
    return rc;
}

void *dp_reader_main(void *arg)
{
    dp_reader *rd = arg;
    uint64_t counter = 0; /* this shard's records so far */
    for (size_t i = 0; i < rd->inputs->n && !dp_queue_stopped(rd->q); i++) {
        const dp_input *in = &rd->inputs->v[i];
        int rc;
        if (in->error) {
            dp_record *r = dp_record_error(in->id, in->path, 0, "%s", in->error);
            rc = r ? emit(rd, r, &counter) : -1;
        } else if (rd->source->lines) {
            rc = read_lines(rd, in, &counter);
        } else {
            dp_record *r = read_whole(rd, in);
            rc = r ? emit(rd, r, &counter) : -1;
        }
        if (rc < 0 && !dp_queue_stopped(rd->q)) {
            dp_core_log(DP_LOG_ERROR, "out of memory while reading %s", in->path);
            rd->out_of_memory = 1;
            dp_queue_stop(rd->q, DP_STOP_FAILED);
        }
    }
    dp_queue_close(rd->q);
    return NULL;
}

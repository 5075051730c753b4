/* Reading inputs into records: whole files or lines, size limits, sharding, resume. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_file.h"
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

/* One input as one record; NULL when memory ran out or the run stopped (rd->stopped). */
static dp_record *read_whole(dp_reader *rd, const dp_input *in)
{
    long long max_size = rd->source->max_size;
    char lim[32];
    dp_input_file f;
    if (dp_input_file_open(&f, in->path, &rd->q->stop) < 0)
        return dp_record_error(in->id, in->source, 0, "cannot open: %s", strerror(errno));
    char *buf = NULL;
    size_t len = 0;
    int rc = dp_input_file_read_all(&f, max_size, &buf, &len);
    int e = errno;
    dp_input_file_close(&f);
    dp_record *r = NULL;
    switch (rc) {
    case DP_READ_TOO_LARGE:
        if (f.regular)
            return dp_record_error(in->id, in->source, 0, "too large: %zu bytes, over the limit max_size = %s", len,
                                   format_size(max_size, lim, sizeof lim));
        return dp_record_error(in->id, in->source, 0, "too large: over the limit max_size = %s",
                               format_size(max_size, lim, sizeof lim));
    case DP_READ_ERROR:
        return dp_record_error(in->id, in->source, 0, "read error: %s", strerror(e));
    case DP_READ_STOPPED:
        rd->stopped = 1;
        return NULL;
    case DP_READ_NOMEM:
        return NULL;
    }
    if (len == 0) {
        free(buf);
        return dp_record_error(in->id, in->source, 0, "empty input");
    }
    if ((r = dp_record_new(in->id, in->source, 0))) {
        r->bytes = buf;
        r->len = len;
        atomic_fetch_add(&rd->bytes_read, len);
    } else {
        free(buf);
    }
    return r;
}

/* The id of a line's record: "ID:LINE"; NULL when memory ran out. */
static char *line_id(const dp_input *in, long lineno)
{
    size_t n = strlen(in->id) + 24;
    char *id = malloc(n);
    if (id) snprintf(id, n, "%s:%ld", in->id, lineno);
    return id;
}

/* One record per non-empty line; -1 when memory ran out or the run stopped. */
static int read_lines(dp_reader *rd, const dp_input *in, uint64_t *counter)
{
    long long max_size = rd->source->max_size;
    dp_input_file f;
    if (dp_input_file_open(&f, in->path, &rd->q->stop) < 0) {
        dp_record *r = dp_record_error(in->id, in->source, 0, "cannot open: %s", strerror(errno));
        return r ? emit(rd, r, counter) : -1;
    }
    long lineno = 0;
    int rc = 0, got = DP_READ_EOF;
    char lim[32];
    char *line;
    size_t n, raw;
    while (rc == 0 && !dp_queue_stopped(rd->q) &&
           ((got = dp_input_file_next_line(&f, max_size, &line, &n, &raw)) == DP_READ_OK || got == DP_READ_TOO_LARGE)) {
        lineno++;
        atomic_fetch_add(&rd->bytes_read, (unsigned long long)raw);
        if (got == DP_READ_OK) {
            size_t i = 0;
            while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
            if (i == n) continue;
        }
        char *id = line_id(in, lineno);
        dp_record *r = NULL;
        if (!id) {
            rc = -1;
            break;
        }
        if (got == DP_READ_TOO_LARGE) {
            r = dp_record_error(id, in->source, lineno, "line too long: %zu bytes, over the limit max_size = %s", n,
                                format_size(max_size, lim, sizeof lim));
        } else if ((r = dp_record_new(id, in->source, lineno))) {
            r->bytes = malloc(n + 1);
            if (!r->bytes) { dp_record_free(r); r = NULL; }
            else { memcpy(r->bytes, line, n + 1); r->len = n; }
        }
        free(id);
        rc = r ? emit(rd, r, counter) : -1;
    }
    if (rc == 0 && got == DP_READ_ERROR) {
        dp_record *r = dp_record_error(in->id, in->source, lineno, "read error: %s", strerror(errno));
        rc = r ? emit(rd, r, counter) : -1;
    }
    if (rc == 0 && got == DP_READ_STOPPED) {
        rd->stopped = 1;
        rc = -1;
    }
    if (rc == 0 && got == DP_READ_NOMEM) rc = -1;
    dp_input_file_close(&f);
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
            dp_record *r = dp_record_error(in->id, in->source, 0, "%s", in->error);
            rc = r ? emit(rd, r, &counter) : -1;
        } else if (rd->source->lines) {
            rc = read_lines(rd, in, &counter);
        } else {
            dp_record *r = read_whole(rd, in);
            rc = r ? emit(rd, r, &counter) : -1;
        }
        if (rc < 0 && !dp_queue_stopped(rd->q) && !rd->stopped) {
            dp_core_log(DP_LOG_ERROR, "out of memory while reading %s", in->source);
            rd->out_of_memory = 1;
            dp_queue_stop(rd->q, DP_STOP_FAILED);
        }
    }
    dp_queue_close(rd->q);
    return NULL;
}

/* Progress, summary and stats of a run. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "docpipe/json.h"
#include "log.h"
#include "report.h"

double dp_report_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "m:ss" (or "h:mm:ss") of the time left, when a rate is known. */
static void format_eta(char *buf, size_t size, double left)
{
    int s = left > 0 && left < 360000 ? (int)(left + 0.5) : 0;
    if (s >= 3600) snprintf(buf, size, ", ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    else snprintf(buf, size, ", ETA %d:%02d", s / 60, s % 60);
}

void dp_report_progress(const dp_run_result *r, const dp_progress_totals *tot, uint64_t bytes, double t0, int final,
                        int tty)
{
    double dt = dp_report_now() - t0;
    uint64_t done = r->ok + r->failed + r->skipped;
    char docs[48], mb[64], pct[16] = "", eta[32] = "";
    if (tot->docs) snprintf(docs, sizeof docs, "%" PRIu64 "/%" PRIu64, done, tot->docs);
    else snprintf(docs, sizeof docs, "%" PRIu64, done);
    if (tot->bytes) snprintf(mb, sizeof mb, "%.1f/%.1f MB", (double)bytes / 1e6, (double)tot->bytes / 1e6);
    else snprintf(mb, sizeof mb, "%.1f MB", (double)bytes / 1e6);
    /* The share done: by documents when their number is known, else by bytes. */
    double frac = -1;
    if (tot->docs) frac = (double)(done < tot->docs ? done : tot->docs) / (double)tot->docs;
    else if (tot->bytes) frac = (double)(bytes < tot->bytes ? bytes : tot->bytes) / (double)tot->bytes;
    if (frac >= 0) snprintf(pct, sizeof pct, ", %.0f%%", frac * 100);
    if (frac > 0 && frac < 1 && !final) format_eta(eta, sizeof eta, dt * (1 - frac) / frac);
    fprintf(stderr, "%s%s docs (%" PRIu64 " failed), %s%s, %.0f docs/s, %.1f MB/s%s%s", tty ? "\r" : "docpipe: progress: ",
            docs, r->failed, mb, pct, dt > 0 ? (double)done / dt : 0.0, dt > 0 ? (double)bytes / 1e6 / dt : 0.0, eta,
            tty ? (final ? "   \n" : "   ") : "\n");
}

void dp_report_summary(const dp_run_result *r, const dp_chain *c, int resumed)
{
    char renamed[64] = "";
    if (r->renamed_ids) snprintf(renamed, sizeof renamed, "; %" PRIu64 " duplicate ids renamed", r->renamed_ids);
    fprintf(stderr, "docpipe: %" PRIu64 " documents in %.2f s: %" PRIu64 " ok, %" PRIu64 " failed, %" PRIu64
            " skipped%s; %.2f MB read (%.1f MB/s)%s\n",
            r->ok + r->failed + r->skipped, r->seconds, r->ok, r->failed, r->skipped, renamed, (double)r->bytes / 1e6,
            r->seconds > 0 ? (double)r->bytes / 1e6 / r->seconds : 0.0,
            resumed ? " (counts include the resumed part)" : "");
    for (size_t i = 0; i <= c->n_stages; i++) {
        const dp_instance *in = i == 0 ? c->source : c->stages[i - 1];
        fprintf(stderr, "docpipe:   %-12s %8.1f ms\n", in->name, (double)atomic_load(&in->ns) / 1e6);
    }
}

void dp_report_stats(const char *path, const dp_run_result *r, const dp_chain *c, int threads)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        dp_core_log(DP_LOG_ERROR, "cannot write stats %s: %s", path, strerror(errno));
        return;
    }
    fprintf(f, "{\"documents\":%" PRIu64 ",\"ok\":%" PRIu64 ",\"failed\":%" PRIu64 ",\"skipped\":%" PRIu64
            ",\"renamed_ids\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"seconds\":%.6f,\"threads\":%d,\"interrupted\":%s,"
            "\"instances\":[",
            r->ok + r->failed + r->skipped, r->ok, r->failed, r->skipped, r->renamed_ids, r->bytes, r->seconds,
            threads, r->interrupted ? "true" : "false");
    for (size_t i = 0; i <= c->n_stages; i++) {
        const dp_instance *in = i == 0 ? c->source : c->stages[i - 1];
        fprintf(f, "%s{\"name\":", i ? "," : "");
        dp_json_write_cstr(f, in->name);
        fprintf(f, ",\"plugin\":");
        dp_json_write_cstr(f, in->desc.name);
        fprintf(f, ",\"kind\":\"%s\",\"calls\":%llu,\"failed\":%llu,\"seconds\":%.6f}", dp_kind_name(in->desc.kind),
                (unsigned long long)atomic_load(&in->calls), (unsigned long long)atomic_load(&in->failed),
                (double)atomic_load(&in->ns) / 1e9);
    }
    fputs("]}\n", f);
    if (fclose(f) != 0) dp_core_log(DP_LOG_ERROR, "cannot write stats %s", path);
}

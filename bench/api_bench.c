/*
 * The library API on in-memory documents (bench/api.sh): open CONFIG, read
 * every FILE into memory, then time processing them all — with THREADS == 1
 * one dp_pipeline_process_text call after another, else dp_pipeline_process_many
 * in batches — and writing each document's jsonl record to OUT, as the CLI's
 * jsonl writer would.  Prints "open_s process_s docs" on stdout.
 *   api_bench CONFIG THREADS OUT FILE...
 */
#include <docpipe/docpipe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void emit(dp_doc *doc, FILE *out)
{
    size_t len;
    char *json = dp_doc_to_json(doc, NULL, &len);
    if (json) fwrite(json, 1, len, out);
    dp_free(json);
}

int main(int argc, char **argv)
{
    if (argc < 5) { fprintf(stderr, "usage: api_bench CONFIG THREADS OUT FILE...\n"); return 64; }
    int threads = atoi(argv[2]);
    size_t n = (size_t)argc - 4;
    char **text = calloc(n, sizeof *text);
    size_t *len = calloc(n, sizeof *len);
    FILE *out = fopen(argv[3], "w");
    if (!text || !len || !out) return 70;
    for (size_t i = 0; i < n; i++)
        if (!(text[i] = slurp(argv[i + 4], &len[i]))) { perror(argv[i + 4]); return 66; }
    double t0 = now();
    char *msg = NULL;
    dp_pipeline *p;
    if (dp_pipeline_open_file(argv[1], 0, &p, &msg) != DP_EXIT_OK) { fprintf(stderr, "%s", msg); return 78; }
    double t1 = now();
    if (threads <= 1) {
        for (size_t i = 0; i < n; i++) {
            dp_doc *doc = NULL;
            if (dp_pipeline_process_text(p, argv[i + 4], text[i], len[i], &doc, NULL) == DP_OK) emit(doc, out);
            dp_doc_free(doc);
        }
    } else {
        enum { BATCH = 64 };
        dp_doc *docs[BATCH];
        int results[BATCH];
        for (size_t start = 0; start < n; start += BATCH) {
            size_t m = n - start < BATCH ? n - start : BATCH;
            for (size_t k = 0; k < m; k++) {
                docs[k] = dp_doc_new(argv[start + k + 4], NULL);
                dp_doc_set_raw(docs[k], text[start + k], len[start + k]);
            }
            dp_pipeline_process_many(p, docs, m, results, NULL);
            for (size_t k = 0; k < m; k++) {
                if (results[k] == DP_OK) emit(docs[k], out);
                dp_doc_free(docs[k]);
            }
        }
    }
    double t2 = now();
    printf("%.3f %.3f %zu\n", t1 - t0, t2 - t1, n);
    dp_pipeline_close(p, NULL);
    fclose(out);
    for (size_t i = 0; i < n; i++) free(text[i]);
    free(text);
    free(len);
    return 0;
}

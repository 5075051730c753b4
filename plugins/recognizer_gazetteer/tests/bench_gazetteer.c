/*
 * bench_gazetteer — load time and matching speed of the gazetteer.
 *
 *   make bench_gazetteer
 *   ./bench_gazetteer LISTS TEXT [MB] [cache=PATH]
 *
 * LISTS: comma-separated TSV files; TEXT: a UTF-8 file repeated up to MB
 * megabytes (default 20) as one document.  Prints the init time, the time of
 * dp_text_match_key alone and the whole process() throughput.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <docpipe/docpipe.h>

#include "vi/vi_text.h"

extern const dp_plugin docpipe_plugin;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        fclose(f);
        return NULL;
    }
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s LISTS TEXT [MB] [cache=PATH]\n", argv[0]);
        return 64;
    }
    double mb = argc > 3 ? atof(argv[3]) : 20;
    char lopt[4096];
    snprintf(lopt, sizeof lopt, "lists=%s", argv[1]);
    const char *opts[2] = { lopt, argc > 4 ? argv[4] : NULL };
    char err[1024];

    double t0 = now();
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, argc > 4 ? 2 : 1, NULL, err, sizeof err);
    double t1 = now();
    if (!inst) {
        fprintf(stderr, "init: %s\n", err);
        return 1;
    }
    printf("init (load + build%s): %.1f ms\n", argc > 4 ? " or cache" : "", (t1 - t0) * 1e3);

    size_t slen;
    char *sample = slurp(argv[2], &slen);
    if (!sample || slen == 0) {
        fprintf(stderr, "%s: cannot read\n", argv[2]);
        return 1;
    }
    size_t want = (size_t)(mb * 1024 * 1024), len = 0;
    char *text = malloc(want + slen + 2);
    if (!text)
        return 1;
    while (len < want) {
        memcpy(text + len, sample, slen);
        len += slen;
        text[len++] = '\n';
    }
    dp_doc *d = dp_doc_new("bench", "bench");
    if (!d || dp_doc_set_text(d, text, len) < 0) {
        fprintf(stderr, "set_text failed\n");
        return 1;
    }
    size_t tl;
    const char *dt = dp_doc_text(d, &tl);

    size_t klen, *map;
    double k0 = now();
    char *key = dp_text_match_key(dt, tl, &vi_text_rules, &klen, &map); /* the default match_lang */
    double k1 = now();
    free(key);
    free(map);

    double p0 = now();
    int rc = dp_harness_process(inst, d, err, sizeof err);
    double p1 = now();
    if (rc != DP_OK) {
        fprintf(stderr, "process: %s\n", err);
        return 1;
    }
    double mbs = (double)tl / (1024.0 * 1024.0);
    printf("text: %.1f MB, %zu entities\n", mbs, dp_doc_entity_count(d));
    printf("dp_text_match_key alone: %.1f MB/s\n", mbs / (k1 - k0));
    printf("process (key + tokens + trie + entities): %.1f MB/s\n", mbs / (p1 - p0));
    printf("gazetteer share (process minus key): %.1f MB/s\n", mbs / ((p1 - p0) - (k1 - k0)));
    dp_doc_free(d);
    dp_harness_free(inst);
    free(text);
    free(sample);
    return 0;
}

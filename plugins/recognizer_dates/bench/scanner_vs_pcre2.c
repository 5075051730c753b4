/*
 * The benchmark behind the dates recognizer's choice of a hand-written
 * scanner: the plugin's process() against one PCRE2 (JIT) alternation of the
 * same shapes, over the same text, in one run.  Build and run:
 *   bench/run.sh BUILD_DIR [FILES…]
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <docpipe/docpipe.h>

extern const dp_plugin docpipe_plugin;

static const char *const PATTERN =
    "(?<![\\p{L}\\p{N}])"
    "(?:(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối|[Đđ]êm) (?=[Nn]gày |\\d))?"
    "(?:[Nn]gày \\d{1,2}(?:[-/.]\\d{1,2}(?:[-/.]\\d{4})?| tháng \\d{1,2}(?: năm \\d{4})?"
    "| đến (?:ngày )?\\d{1,2}[-/.]\\d{1,2}(?:[-/.]\\d{4})?)"
    "|\\d{1,2}[-/.]\\d{1,2}(?:[-/.]\\d{4})?"
    "|[Tt]háng \\d{1,2}(?:[-/]\\d{4}| năm \\d{4})"
    "|(?:(?:[Cc]uối|[Đđ]ầu|[Gg]iữa) )?[Nn]ăm \\d{4}"
    "|\\d{4}-\\d{2}(?:-\\d{2})?)(?![\\p{L}\\p{N}])";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: %s FILE…\n", argv[0]); return 64; }
    /* Concatenate the inputs, repeated to at least 50 MB. */
    size_t cap = 0, len = 0;
    char *text = NULL;
    while (len < 50u << 20) {
        for (int i = 1; i < argc; i++) {
            FILE *f = fopen(argv[i], "rb");
            if (!f) { perror(argv[i]); return 66; }
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
                if (len + n + 1 > cap) {
                    cap = (len + n + 1) * 2;
                    char *t = realloc(text, cap);
                    if (!t) return 70;
                    text = t;
                }
                memcpy(text + len, buf, n);
                len += n;
            }
            fclose(f);
        }
    }
    text[len] = '\0';
    double mb = (double)len / 1e6;

    char err[256];
    dp_instance *inst = dp_harness_new(&docpipe_plugin, NULL, 0, NULL, err, sizeof err);
    dp_doc *doc = dp_doc_new("bench", NULL);
    if (!inst || !doc || dp_doc_set_text(doc, text, len) < 0) { fprintf(stderr, "setup: %s\n", err); return 70; }
    double t0 = now();
    if (dp_harness_process(inst, doc, err, sizeof err) != DP_OK) { fprintf(stderr, "%s\n", err); return 70; }
    double ts = now() - t0;
    size_t n_scan = dp_doc_entity_count(doc);

    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)PATTERN, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
    if (!re) { fprintf(stderr, "pcre2_compile failed at %zu\n", (size_t)eo); return 70; }
    int jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    size_t n_re = 0, off = 0;
    t0 = now();
    while (off < len) {
        int rc = pcre2_match(re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc < 0) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        n_re++;
        off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    double tr = now() - t0;
    printf("text: %.1f MB\n", mb);
    printf("| matcher | MB/s | dates found |\n|---|---|---|\n");
    printf("| hand-written scanner (plugin) | %.0f | %zu |\n", mb / ts, n_scan);
    printf("| PCRE2 %s, same shapes | %.0f | %zu |\n", jit ? "JIT" : "interpreter", mb / tr, n_re);
    printf("scanner / PCRE2: %.1fx\n", tr / ts);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    dp_doc_free(doc);
    dp_harness_free(inst);
    free(text);
    return 0;
}

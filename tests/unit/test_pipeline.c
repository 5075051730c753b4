/*
 * Unit tests of the library API (docpipe/pipeline.h), through the public
 * headers only, as an application sees it: opening from a file and a string
 * with `docpipe check`'s messages, processing, threads, writers, leaks.
 * Needs DOCPIPE_PLUGIN_PATH (this build's plugins), TEST_PLUGINS and top_srcdir.
 * DOCPIPE_API_CALLS sets the number of calls of the repeated-call test.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

#define N_SAMPLES 6
#define N_THREADS 4

static char dir[64];
static char *samples[N_SAMPLES];
static size_t sample_len[N_SAMPLES];

static const char *srcdir(void)
{
    const char *s = getenv("top_srcdir");
    return s ? s : "..";
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        cap = cap * 2 + 4096;
        buf = realloc(buf, cap + 1);
        ck_assert_ptr_nonnull(buf);
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (n == cap);
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/dp-pipeline-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
    static const char *names[N_SAMPLES] = {
        "01_tham-van-viet-han.txt", "02_adsom-vieng-chan.txt", "03_an-ninh-hang-hai-tokyo.txt",
        "04_dien-tap-cuu-nan-khanh-hoa.txt", "05_hop-bao-bo-ngoai-giao.txt", "06_hoi-nghi-doi-ngoai-quoc-phong.txt",
    };
    for (int i = 0; i < N_SAMPLES; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/samples/%s", srcdir(), names[i]);
        samples[i] = read_file(path, &sample_len[i]);
    }
}

static void teardown(void)
{
    for (int i = 0; i < N_SAMPLES; i++) free(samples[i]);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(chdir("/"), 0);
    ck_assert_int_eq(system(cmd), 0);
}

/* config/default.cfg's chain (its data relative to config/), writing docs.jsonl in the test's folder. */
static const char *default_chain(int serialcheck)
{
    static char cfg[2048];
    const char *tp = getenv("TEST_PLUGINS");
    snprintf(cfg, sizeof cfg,
             "plugin_path = [ \"%s\" ];\n"
             "threads = 2;\n"
             "data_path = [ \"../data\" ];\n"
             "source = { plugin = \"news\"; };\n"
             "chain = (\n"
             "  { plugin = \"gazetteer\"; lists = [ \"vi/countries.tsv\", \"vi/provinces.tsv\",\n"
             "      \"vi/places.tsv\", \"vi/orgs.tsv\", \"vi/misc.tsv\" ]; },\n"
             "  { plugin = \"names\"; },\n"
             "  { plugin = \"dates\"; },\n"
             "%s"
             "  { plugin = \"glossary\"; },\n"
             "  { plugin = \"jsonl\"; path = \"docs.jsonl\"; }\n"
             ");\n",
             tp ? tp : ".", serialcheck ? "  { plugin = \"serialcheck\"; },\n" : "");
    return cfg;
}

static dp_pipeline *open_default(int serialcheck, unsigned flags)
{
    dp_pipeline *p = NULL;
    char *msg = NULL;
    char base[1024];
    snprintf(base, sizeof base, "%s/config", srcdir());
    int rc = dp_pipeline_open_string(default_chain(serialcheck), "api.cfg", base, flags, &p, &msg);
    ck_assert_msg(rc == DP_EXIT_OK, "open failed (%d): %s", rc, msg ? msg : "");
    ck_assert_ptr_null(msg);
    return p;
}

/* One sample through p, as its JSON record. */
static char *process_json(dp_pipeline *p, int i)
{
    char id[16];
    snprintf(id, sizeof id, "s%d", i);
    dp_doc *doc = NULL;
    char *msg = NULL;
    int rc = dp_pipeline_process_text(p, id, samples[i], sample_len[i], &doc, &msg);
    ck_assert_msg(rc == DP_OK, "process failed (%d): %s", rc, msg ? msg : "");
    char *json = dp_doc_to_json(doc, NULL, NULL);
    ck_assert_ptr_nonnull(json);
    dp_doc_free(doc);
    return json;
}

START_TEST(processes_a_document_like_a_run)
{
    dp_pipeline *p = open_default(0, 0);
    const char *text = "Hà Nội gặp Mỹ\n\nThượng tướng Nguyễn Văn An đã đến Hà Nội ngày 3/12/2026.\n";
    dp_doc *doc = NULL;
    char *msg = NULL;
    ck_assert_int_eq(dp_pipeline_process_text(p, "x1", text, strlen(text), &doc, &msg), DP_OK);
    ck_assert_str_eq(dp_doc_id(doc), "x1");
    int per = 0, loc = 0, date = 0;
    for (size_t i = 0; i < dp_doc_entity_count(doc); i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        size_t len;
        const char *s = dp_entity_surface(doc, e, &len);
        if (!strcmp(e->type, "PER") && len == strlen("Nguyễn Văn An") && !memcmp(s, "Nguyễn Văn An", len)) per++;
        if (!strcmp(e->type, "LOC") && len == strlen("Hà Nội") && !memcmp(s, "Hà Nội", len)) {
            loc++;
            ck_assert_ptr_nonnull(dp_entity_translation(e, "en"));
        }
        if (!strcmp(e->type, "DATE")) {
            date++;
            ck_assert_str_eq(e->value, "2026-12-03");
        }
    }
    ck_assert_int_eq(per, 1);
    ck_assert_int_ge(loc, 1);
    ck_assert_int_eq(date, 1);
    char *json = dp_doc_to_json(doc, NULL, NULL);
    ck_assert_ptr_nonnull(json);
    ck_assert_msg(strstr(json, "\"id\":\"x1\"") && strstr(json, "\"surface\":\"Nguyễn Văn An\""), "%s", json);
    dp_free(json);
    dp_doc_free(doc);
    /* Writers were not started: nothing was created, and writing is refused. */
    ck_assert_int_ne(access("docs.jsonl", F_OK), 0);
    dp_doc *d2 = dp_doc_new("x2", NULL);
    ck_assert_int_eq(dp_pipeline_write(p, d2, &msg), DP_FATAL);
    ck_assert_ptr_nonnull(strstr(msg, "DP_PIPELINE_WRITERS"));
    dp_free(msg);
    dp_doc_free(d2);
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
    ck_assert_int_ne(access("docs.jsonl", F_OK), 0);
}
END_TEST

START_TEST(config_error_in_a_string_names_its_line)
{
    const char *cfg = "source = { plugin = \"text\"; };\n"
                      "chain = (\n"
                      "  { plugin = \"jsonl\"; path = \"o.jsonl\"; offset_unti = \"byte\"; }\n"
                      ");\n";
    dp_pipeline *p = (dp_pipeline *)1;
    char *msg = NULL;
    ck_assert_int_eq(dp_pipeline_open_string(cfg, "app.cfg", NULL, 0, &p, &msg), DP_EXIT_CONFIG);
    ck_assert_ptr_null(p);
    ck_assert_ptr_nonnull(msg);
    ck_assert_msg(strstr(msg, "app.cfg:3: unknown option 'offset_unti' for plugin 'jsonl' (did you mean 'offset_unit'?)"),
                  "%s", msg);
    dp_free(msg);
    ck_assert_int_eq(dp_pipeline_open_string("chain = (", "bad.cfg", NULL, 0, &p, &msg), DP_EXIT_CONFIG);
    ck_assert_msg(strstr(msg, "bad.cfg:1"), "%s", msg);
    dp_free(msg);
}
END_TEST

START_TEST(config_error_in_a_file_names_file_and_line)
{
    FILE *f = fopen("broken.cfg", "w");
    ck_assert_ptr_nonnull(f);
    fputs("source = { plugin = \"text\"; };\nchain = (\n  { plugin = \"nosuchplugin\"; },\n"
          "  { plugin = \"jsonl\"; path = \"o.jsonl\"; }\n);\n", f);
    fclose(f);
    dp_pipeline *p = NULL;
    char *msg = NULL;
    ck_assert_int_eq(dp_pipeline_open_file("broken.cfg", 0, &p, &msg), DP_EXIT_CONFIG);
    ck_assert_ptr_null(p);
    ck_assert_msg(msg && strstr(msg, "broken.cfg:3:") && strstr(msg, "nosuchplugin"), "%s", msg ? msg : "(null)");
    dp_free(msg);
    ck_assert_int_eq(dp_pipeline_open_file("missing.cfg", 0, &p, &msg), DP_EXIT_CONFIG);
    ck_assert_msg(msg && strstr(msg, "missing.cfg"), "%s", msg ? msg : "(null)");
    dp_free(msg);
}
END_TEST

START_TEST(a_failing_document_is_a_result_not_an_end)
{
    char cfg[1024];
    snprintf(cfg, sizeof cfg,
             "plugin_path = [ \"%s\" ];\nsource = { plugin = \"text\"; };\n"
             "chain = ( { plugin = \"failing\"; name = \"f\"; }, { plugin = \"jsonl\"; path = \"o.jsonl\"; } );\n",
             getenv("TEST_PLUGINS"));
    dp_pipeline *p = NULL;
    char *msg = NULL;
    ck_assert_int_eq(dp_pipeline_open_string(cfg, NULL, NULL, 0, &p, &msg), DP_EXIT_OK);
    dp_doc *doc = NULL;
    ck_assert_int_eq(dp_pipeline_process_text(p, "bad", "t\n\nFAILME here", 13, &doc, &msg), DP_FAILED);
    ck_assert_str_eq(msg, "[recognizer:failing#f] marker 'FAILME' found");
    dp_free(msg);
    dp_doc_free(doc);
    ck_assert_int_eq(dp_pipeline_process_text(p, "bad", "t\n\n\xff\xfe", 5, &doc, &msg), DP_FAILED);
    ck_assert_msg(msg && !strncmp(msg, "[input] ", 8), "%s", msg ? msg : "(null)");
    dp_free(msg);
    dp_doc_free(doc);
    ck_assert_int_eq(dp_pipeline_process_text(p, "ok", "t\n\nfine", 7, &doc, &msg), DP_OK);
    ck_assert_ptr_null(msg);
    dp_doc_free(doc);
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
}
END_TEST

START_TEST(a_one_line_pipeline_opens_like_run_p)
{
    char data[1024];
    snprintf(data, sizeof data, "%s/data", srcdir());
    ck_assert_int_eq(setenv("DOCPIPE_DATA_PATH", data, 1), 0);
    dp_pipeline *p = NULL;
    char *msg = NULL;
    int rc = dp_pipeline_open_description("news ! gazetteer ! names ! dates ! glossary ! jsonl path=-", NULL, 0,
                                          &p, &msg);
    ck_assert_msg(rc == DP_EXIT_OK, "%s", msg ? msg : "");
    char *want = process_json(p, 0);
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
    /* the same chain from a config string gives the same record */
    p = open_default(0, 0);
    char *got = process_json(p, 0);
    ck_assert_str_eq(got, want);
    dp_free(got);
    dp_free(want);
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
    ck_assert_int_eq(dp_pipeline_open_description("news ! nosuch ! jsonl path=-", NULL, 0, &p, &msg), DP_EXIT_CONFIG);
    ck_assert_ptr_null(p);
    ck_assert_msg(msg && strstr(msg, "-p:3: unknown plugin 'nosuch'"), "%s", msg ? msg : "(null)");
    dp_free(msg);
    unsetenv("DOCPIPE_DATA_PATH");
}
END_TEST

typedef struct worker_arg {
    dp_pipeline *p;
    char **expected;
    int offset;
    int mismatches;
} worker_arg;

static void *app_thread(void *arg)
{
    worker_arg *w = arg;
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < N_SAMPLES; k++) {
            int i = (k + w->offset) % N_SAMPLES;
            char *json = process_json(w->p, i);
            if (strcmp(json, w->expected[i]) != 0) w->mismatches++;
            dp_free(json);
        }
    return NULL;
}

START_TEST(four_application_threads_give_the_sequential_results)
{
    /* serialcheck fails any document whose process() overlaps another's: the flag is honoured. */
    dp_pipeline *p = open_default(1, 0);
    char *expected[N_SAMPLES];
    for (int i = 0; i < N_SAMPLES; i++) expected[i] = process_json(p, i);
    pthread_t t[N_THREADS];
    worker_arg args[N_THREADS];
    for (int k = 0; k < N_THREADS; k++) {
        args[k] = (worker_arg){ p, expected, k, 0 };
        ck_assert_int_eq(pthread_create(&t[k], NULL, app_thread, &args[k]), 0);
    }
    for (int k = 0; k < N_THREADS; k++) {
        ck_assert_int_eq(pthread_join(t[k], NULL), 0);
        ck_assert_int_eq(args[k].mismatches, 0);
    }
    /* The pipeline's own threads give the same documents. */
    dp_doc *docs[N_SAMPLES];
    int results[N_SAMPLES];
    char *msgs[N_SAMPLES];
    for (int i = 0; i < N_SAMPLES; i++) {
        char id[16];
        snprintf(id, sizeof id, "s%d", i);
        docs[i] = dp_doc_new(id, NULL);
        ck_assert_int_eq(dp_doc_set_raw(docs[i], samples[i], sample_len[i]), 0);
    }
    ck_assert_int_eq(dp_pipeline_threads(p), 2);
    ck_assert_int_eq(dp_pipeline_process_many(p, docs, N_SAMPLES, results, msgs), 0);
    for (int i = 0; i < N_SAMPLES; i++) {
        ck_assert_int_eq(results[i], DP_OK);
        ck_assert_ptr_null(msgs[i]);
        char *json = dp_doc_to_json(docs[i], NULL, NULL);
        ck_assert_str_eq(json, expected[i]);
        dp_free(json);
        dp_doc_free(docs[i]);
        dp_free(expected[i]);
    }
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
}
END_TEST

START_TEST(writers_write_what_the_json_call_gives)
{
    dp_pipeline *p = open_default(0, DP_PIPELINE_WRITERS);
    dp_strbuf want = DP_STRBUF_INIT;
    for (int i = 0; i < 2; i++) {
        dp_doc *doc = NULL;
        char *msg = NULL;
        ck_assert_int_eq(dp_pipeline_process_text(p, i ? "b" : "a", samples[i], sample_len[i], &doc, &msg), DP_OK);
        ck_assert_int_eq(dp_pipeline_write(p, doc, &msg), DP_OK);
        char *json = dp_doc_to_json(doc, NULL, NULL);
        dp_strbuf_puts(&want, json);
        dp_free(json);
        dp_doc_free(doc);
    }
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
    size_t len;
    char *got = read_file("docs.jsonl", &len);
    ck_assert_str_eq(got, want.data);
    free(got);
    dp_strbuf_free(&want);
}
END_TEST

/* Memory must not grow with the number of calls (ASan/LSan builds also check every call frees all). */
static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

START_TEST(many_calls_keep_memory_flat)
{
    const char *env = getenv("DOCPIPE_API_CALLS");
    long calls = env ? atol(env) : 100000;
    dp_pipeline *p = open_default(0, 0);
    const char *text = "Hà Nội gặp Mỹ\n\nThượng tướng Nguyễn Văn An đến Việt Nam ngày 3/12/2026.\n";
    long warm = calls / 10, at_warm = 0;
    for (long k = 0; k < calls; k++) {
        if (k == warm) at_warm = rss_kb();
        dp_doc *doc = NULL;
        ck_assert_int_eq(dp_pipeline_process_text(p, "m", text, strlen(text), &doc, NULL), DP_OK);
        char *json = dp_doc_to_json(doc, NULL, NULL);
        ck_assert_ptr_nonnull(json);
        dp_free(json);
        dp_doc_free(doc);
    }
    long growth = rss_kb() - at_warm;
    ck_assert_int_eq(dp_pipeline_close(p, NULL), DP_EXIT_OK);
#ifndef __SANITIZE_ADDRESS__ /* ASan's quarantine holds freed memory; its leak check is the test there */
    /* A leak of even 100 bytes a call would show as megabytes; allocator noise stays well below. */
    ck_assert_msg(growth < 4096, "resident memory grew by %ld KB over %ld calls", growth, calls - warm);
#else
    (void)growth;
#endif
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pipeline");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 600);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, processes_a_document_like_a_run);
    tcase_add_test(tc, config_error_in_a_string_names_its_line);
    tcase_add_test(tc, config_error_in_a_file_names_file_and_line);
    tcase_add_test(tc, a_failing_document_is_a_result_not_an_end);
    tcase_add_test(tc, a_one_line_pipeline_opens_like_run_p);
    tcase_add_test(tc, four_application_threads_give_the_sequential_results);
    tcase_add_test(tc, writers_write_what_the_json_call_gives);
    tcase_add_test(tc, many_calls_keep_memory_flat);
    suite_add_tcase(s, tc);
    return check_run(s);
}

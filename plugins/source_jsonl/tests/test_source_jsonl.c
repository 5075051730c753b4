/* Unit tests of the jsonl source. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static dp_instance *make(const char *const *opts, size_t n)
{
    char err[512] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, n, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

static dp_doc *run(dp_instance *inst, const char *line, int *rc, char *err, size_t errlen)
{
    dp_doc *d = dp_doc_new("line-1", "test.jsonl");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_raw(d, line, strlen(line)), 0);
    err[0] = '\0';
    *rc = dp_harness_process(inst, d, err, errlen);
    return d;
}

START_TEST(plain_record)
{
    dp_instance *inst = make(NULL, 0);
    char err[512];
    int rc;
    dp_doc *d = run(inst,
                    "{\"id\": \"a1\", \"title\": \"Tiêu đề\", \"date\": \"2024-04-20\", \"n\": 42, "
                    "\"x\": 1.5, \"tags\": [\"a\"], \"text\": \"Tiêu đề\\nĐoạn một.\\n\\nĐoạn hai.\"}",
                    &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_OK);
    ck_assert_str_eq(dp_doc_id(d), "a1");
    ck_assert_str_eq(dp_doc_lang(d), "vi");
    ck_assert_str_eq(dp_doc_text(d, NULL), "Tiêu đề\nĐoạn một.\n\nĐoạn hai.");
    ck_assert_uint_eq(dp_doc_field_count(d), 4);
    ck_assert_str_eq(dp_doc_field_at(d, 0)->key, "title");
    ck_assert_str_eq(dp_doc_field(d, "date"), "2024-04-20");
    ck_assert_str_eq(dp_doc_field(d, "n"), "42");
    ck_assert_str_eq(dp_doc_field(d, "x"), "1.5");
    ck_assert_ptr_null(dp_doc_field(d, "tags")); /* arrays are not copied by default */
    ck_assert_uint_eq(dp_doc_segment_count(d), 3);
    ck_assert_str_eq(dp_doc_segment_at(d, 0)->kind, "title");
    ck_assert_str_eq(dp_doc_segment_at(d, 2)->kind, "paragraph");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(configured_keys)
{
    const char *opts[] = { "id_key=doc", "text_key=body", "title_key=headline", "lang_key=l",
                           "fields=tags,where" };
    dp_instance *inst = make(opts, 5);
    char err[512];
    int rc;
    dp_doc *d = run(inst,
                    "{\"doc\": 7, \"headline\": \"H\", \"body\": \"B\", \"l\": \"en\", "
                    "\"tags\": [\"x\", \"y\"], \"where\": \"Hà Nội\", \"other\": \"no\"}",
                    &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_OK);
    ck_assert_str_eq(dp_doc_id(d), "7");
    ck_assert_str_eq(dp_doc_lang(d), "en");
    ck_assert_str_eq(dp_doc_text(d, NULL), "B");
    ck_assert_uint_eq(dp_doc_field_count(d), 4);
    ck_assert_str_eq(dp_doc_field(d, "title"), "H");
    ck_assert_str_eq(dp_doc_field_at(d, 1)->value, "x");
    ck_assert_str_eq(dp_doc_field_at(d, 2)->value, "y");
    ck_assert_str_eq(dp_doc_field(d, "where"), "Hà Nội");
    ck_assert_ptr_null(dp_doc_field(d, "other"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(writer_record)
{
    /* a record of the jsonl writer: nested fields, codepoint segments */
    dp_instance *inst = make(NULL, 0);
    char err[512];
    int rc;
    dp_doc *d = run(inst,
                    "{\"id\":\"01\",\"source\":\"/x/01.txt\",\"lang\":\"vi\",\"offset_unit\":\"codepoint\","
                    "\"fields\":{\"title\":\"Đà Nẵng\",\"keyword\":[\"a\",\"b\"],\"keywords\":\"a, b\"},"
                    "\"text\":\"Đà Nẵng\\nHội An.\",\"segments\":[{\"start\":0,\"end\":7,\"kind\":\"title\"},"
                    "{\"start\":8,\"end\":15,\"kind\":\"lede\"}],\"entities\":[],\"translations\":[]}",
                    &rc, err, sizeof err);
    ck_assert_msg(rc == DP_OK, "%s", err);
    ck_assert_str_eq(dp_doc_id(d), "01");
    ck_assert_uint_eq(dp_doc_field_count(d), 4);
    ck_assert_str_eq(dp_doc_field_at(d, 0)->key, "title");
    ck_assert_str_eq(dp_doc_field_at(d, 1)->key, "keyword");
    ck_assert_str_eq(dp_doc_field_at(d, 2)->value, "b");
    ck_assert_ptr_null(dp_doc_field(d, "source"));
    ck_assert_uint_eq(dp_doc_segment_count(d), 2);
    const dp_segment *s = dp_doc_segment_at(d, 1);
    ck_assert_uint_eq(s->start, strlen("Đà Nẵng\n"));
    ck_assert_uint_eq(s->end, strlen("Đà Nẵng\nHội An."));
    ck_assert_str_eq(s->kind, "lede");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(bad_segments_fail)
{
    dp_instance *inst = make(NULL, 0);
    char err[512];
    int rc;
    dp_doc *d = run(inst, "{\"text\":\"abc\",\"segments\":[{\"start\":2,\"end\":9,\"kind\":\"x\"}]}",
                    &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    ck_assert_ptr_nonnull(strstr(err, "segment 0"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(malformed_lines)
{
    dp_instance *inst = make(NULL, 0);
    char err[512];
    int rc;
    dp_doc *d = run(inst, "{\"id\": \"a\", \"text\": \"x\"", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    ck_assert_msg(strstr(err, "column") != NULL, "message: %s", err);
    dp_doc_free(d);
    d = run(inst, "{\"id\": \"a\"}", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    ck_assert_msg(strstr(err, "no \"text\" key") != NULL, "message: %s", err);
    dp_doc_free(d);
    d = run(inst, "{\"text\": 3}", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    dp_doc_free(d);
    d = run(inst, "[1, 2]", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    dp_doc_free(d);
    d = run(inst, "", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    dp_doc_free(d);
    d = run(inst, "{\"text\": \"a\\u0000b\"}", &rc, err, sizeof err);
    ck_assert_int_eq(rc, DP_FAILED);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("source_jsonl");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, plain_record);
    tcase_add_test(tc, configured_keys);
    tcase_add_test(tc, writer_record);
    tcase_add_test(tc, bad_segments_fail);
    tcase_add_test(tc, malformed_lines);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(suite());
}

/* Unit tests of the ascii translator. */
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

static dp_doc *doc(const char *text)
{
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    return d;
}

START_TEST(entities_folded)
{
    dp_instance *inst = make(NULL, 0);
    const char *text = "Đại tướng Phan Văn Giang gặp Bộ trưởng ở Đà Nẵng.";
    dp_doc *d = doc(text);
    const char *p = strstr(text, "Phan Văn Giang");
    dp_entity *e = dp_doc_entity_add(d, (size_t)(p - text), (size_t)(p - text) + strlen("Phan Văn Giang"), "PER");
    p = strstr(text, "Đà Nẵng");
    dp_entity *l = dp_doc_entity_add(d, (size_t)(p - text), (size_t)(p - text) + strlen("Đà Nẵng"), "LOC");
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(l);
    char err[256];
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_str_eq(dp_entity_translation(dp_doc_entity_at(d, 0), "ascii"), "Phan Van Giang");
    ck_assert_str_eq(dp_entity_translation(dp_doc_entity_at(d, 1), "ascii"), "Da Nang");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(title_and_slug)
{
    const char *opts[] = { "slug=true", "lang=vi-Latn-x-ascii" };
    dp_instance *inst = make(opts, 2);
    dp_doc *d = doc("x");
    ck_assert_int_eq(dp_doc_field_set(d, "title", "Hợp tác quốc phòng Việt Nam – Hàn Quốc: “bước tiến mới”"), 0);
    char err[256];
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_str_eq(dp_doc_field(d, "slug"), "hop-tac-quoc-phong-viet-nam-han-quoc-buoc-tien-moi");
    ck_assert_uint_eq(dp_doc_translation_count(d), 1);
    const dp_translation *t = dp_doc_translation_at(d, 0);
    ck_assert_str_eq(t->lang, "vi-Latn-x-ascii");
    ck_assert_int_eq(t->target, DP_TARGET_FIELD);
    ck_assert_str_eq(t->key, "title");
    ck_assert_str_eq(t->text, "Hop tac quoc phong Viet Nam – Han Quoc: “buoc tien moi”");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(slug_max_cuts_at_hyphen)
{
    const char *opts[] = { "slug=true", "slug_max=20", "entities=false", "fields=" };
    dp_instance *inst = make(opts, 4);
    dp_doc *d = doc("x");
    ck_assert_int_eq(dp_doc_field_set(d, "title", "Hợp tác quốc phòng Việt Nam"), 0);
    char err[256];
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_str_eq(dp_doc_field(d, "slug"), "hop-tac-quoc-phong");
    ck_assert_uint_eq(dp_doc_translation_count(d), 0);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(slug_max_invalid)
{
    const char *opts[] = { "slug_max=0" };
    char err[512] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err);
    ck_assert_ptr_null(inst);
    ck_assert_msg(strstr(err, "slug_max"), "message: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("translator_ascii");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, entities_folded);
    tcase_add_test(tc, title_and_slug);
    tcase_add_test(tc, slug_max_cuts_at_hyphen);
    tcase_add_test(tc, slug_max_invalid);
    suite_add_tcase(s, tc);
    return check_run(s);
}

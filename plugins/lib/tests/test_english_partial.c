/* Unit tests of how writers print a partial English rendering (plugins/lib/english_partial.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "english_partial.h"
#include "check_run.h"

static const char TEXT[] = "Hiệp hội Vận tải và Sở Y tế";

/* A document with a partial rendering (entity 0) and a complete one (entity 1). */
static dp_doc *two_entities(void)
{
    dp_doc *doc = dp_doc_new("d", "test");
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(dp_doc_set_text(doc, TEXT, strlen(TEXT)), 0);
    dp_entity *a = dp_doc_entity_add(doc, 0, strlen("Hiệp hội Vận tải"), "ORG");
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(dp_entity_translation_set(doc, a, "en", "Van tai Association"), 0);
    ck_assert_int_eq(dp_entity_attr_set(doc, a, "english.partial", "true"), 0);
    ck_assert_int_eq(dp_entity_attr_set(doc, a, "english.untranslated", "Vận tải"), 0);
    size_t b0 = strlen("Hiệp hội Vận tải và ");
    dp_entity *b = dp_doc_entity_add(doc, b0, strlen(TEXT), "ORG");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(dp_entity_translation_set(doc, b, "en", "Department of Health"), 0);
    return doc;
}

START_TEST(modes_by_name)
{
    ck_assert_int_eq(english_partial_mode("keep"), ENGLISH_PARTIAL_KEEP);
    ck_assert_int_eq(english_partial_mode("mark"), ENGLISH_PARTIAL_MARK);
    ck_assert_int_eq(english_partial_mode("drop"), ENGLISH_PARTIAL_DROP);
    ck_assert_int_eq(english_partial_mode(NULL), ENGLISH_PARTIAL_MARK);
}
END_TEST

START_TEST(partial_rendering_by_mode)
{
    dp_doc *doc = two_entities();
    const dp_entity *a = dp_doc_entity_at(doc, 0);
    dp_strbuf b = DP_STRBUF_INIT;
    ck_assert(english_is_partial(a));
    ck_assert_str_eq(english_for_output(a, "en", ENGLISH_PARTIAL_KEEP, &b), "Van tai Association");
    ck_assert_str_eq(english_for_output(a, "en", ENGLISH_PARTIAL_MARK, &b),
                     "Van tai Association [untranslated: Vận tải]");
    ck_assert_ptr_null(english_for_output(a, "en", ENGLISH_PARTIAL_DROP, &b));
    ck_assert_ptr_null(english_for_output(a, "fr", ENGLISH_PARTIAL_MARK, &b));
    dp_strbuf_free(&b);
    dp_doc_free(doc);
}
END_TEST

START_TEST(complete_rendering_unchanged)
{
    dp_doc *doc = two_entities();
    const dp_entity *e = dp_doc_entity_at(doc, 1);
    dp_strbuf b = DP_STRBUF_INIT;
    ck_assert(!english_is_partial(e));
    ck_assert_str_eq(english_for_output(e, "en", ENGLISH_PARTIAL_MARK, &b), "Department of Health");
    ck_assert_str_eq(english_for_output(e, "en", ENGLISH_PARTIAL_DROP, &b), "Department of Health");
    ck_assert_uint_eq(b.len, 0);
    dp_strbuf_free(&b);
    dp_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("english_partial");
    TCase *t = tcase_create("modes");
    tcase_add_test(t, modes_by_name);
    tcase_add_test(t, partial_rendering_by_mode);
    tcase_add_test(t, complete_rendering_unchanged);
    suite_add_tcase(s, t);
    return check_run(s);
}

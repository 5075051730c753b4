/* Unit tests: the public string builder (docpipe/strbuf.h). */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/docpipe.h"
#include "check_run.h"

START_TEST(strbuf_appends_and_grows)
{
    dp_strbuf b = DP_STRBUF_INIT;
    ck_assert_str_eq(dp_strbuf_str(&b), "");
    ck_assert_int_eq(dp_strbuf_puts(&b, "Bộ "), 0);
    ck_assert_int_eq(dp_strbuf_add(&b, "Quốc phòngXYZ", strlen("Quốc phòng")), 0);
    ck_assert_int_eq(dp_strbuf_putc(&b, ' '), 0);
    ck_assert_int_eq(dp_strbuf_printf(&b, "%d-%s", 2024, "01"), 0);
    ck_assert_str_eq(b.data, "Bộ Quốc phòng 2024-01");
    ck_assert_uint_eq(b.len, strlen("Bộ Quốc phòng 2024-01"));
    /* Far past the first allocation: every byte kept, always terminated. */
    for (int i = 0; i < 10000; i++) ck_assert_int_eq(dp_strbuf_putc(&b, (char)('a' + i % 26)), 0);
    ck_assert_uint_eq(b.len, strlen("Bộ Quốc phòng 2024-01") + 10000);
    ck_assert_uint_eq(strlen(b.data), b.len);
    ck_assert_int_eq(b.data[b.len - 1], 'a' + 9999 % 26);
    ck_assert_uint_ge(b.cap, b.len + 1);
    dp_strbuf_free(&b);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
}
END_TEST

START_TEST(strbuf_long_printf_is_not_truncated)
{
    dp_strbuf b = DP_STRBUF_INIT;
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(dp_strbuf_printf(&b, "[%s]", big), 0);
    ck_assert_uint_eq(b.len, sizeof big + 1);
    ck_assert_int_eq(b.data[b.len - 1], ']');
    dp_strbuf_free(&b);
}
END_TEST

START_TEST(strbuf_take_and_clear)
{
    dp_strbuf b = DP_STRBUF_INIT;
    char *empty = dp_strbuf_take(&b);
    ck_assert_ptr_nonnull(empty);
    ck_assert_str_eq(empty, "");
    free(empty);
    dp_strbuf_puts(&b, "hòa bình");
    char *s = dp_strbuf_take(&b);
    ck_assert_str_eq(s, "hòa bình");
    ck_assert_ptr_null(b.data);
    free(s);
    dp_strbuf_puts(&b, "one");
    size_t cap = b.cap;
    dp_strbuf_clear(&b);
    ck_assert_str_eq(dp_strbuf_str(&b), "");
    ck_assert_uint_eq(b.cap, cap);
    dp_strbuf_puts(&b, "two");
    ck_assert_str_eq(b.data, "two");
    dp_strbuf_free(&b);
}
END_TEST

START_TEST(strbuf_failure_is_sticky)
{
    dp_strbuf b = DP_STRBUF_INIT;
    dp_strbuf_puts(&b, "partial");
    /* A request no allocator can meet fails and poisons the buffer. */
    ck_assert_int_eq(dp_strbuf_reserve(&b, SIZE_MAX - 4), -1);
    ck_assert_int_ne(b.oom, 0);
    ck_assert_int_eq(dp_strbuf_puts(&b, "more"), -1);
    ck_assert_str_eq(dp_strbuf_str(&b), "partial");
    ck_assert_ptr_null(dp_strbuf_take(&b)); /* frees the partial text */
    ck_assert_ptr_null(b.data);
    ck_assert_int_eq(b.oom, 0);
    ck_assert_int_eq(dp_strbuf_puts(&b, "again"), 0);
    ck_assert_str_eq(b.data, "again");
    dp_strbuf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("strbuf");
    TCase *tc = tcase_create("strbuf");
    tcase_add_test(tc, strbuf_appends_and_grows);
    tcase_add_test(tc, strbuf_long_printf_is_not_truncated);
    tcase_add_test(tc, strbuf_take_and_clear);
    tcase_add_test(tc, strbuf_failure_is_sticky);
    suite_add_tcase(s, tc);
    return check_run(s);
}

/* Unit tests: character classes (docpipe/chars.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/docpipe.h"
#include "check_run.h"

/* Every code point of a UTF-8 string must (want != 0) or must not be in the class. */
static void expect_all(int (*cls)(int32_t), const char *s, int want)
{
    size_t pos = 0, len = strlen(s);
    while (pos < len) {
        size_t at = pos;
        int32_t cp = dp_utf8_next(s, len, &pos);
        ck_assert_msg(cp >= 0, "bad UTF-8 in the test string");
        ck_assert_msg(!cls(cp) == !want, "U+%04X (byte %zu of \"%s\"): expected %s", (unsigned)cp, at, s,
                      want ? "in the class" : "not in it");
    }
}

START_TEST(upper_and_lower_vietnamese_and_beyond)
{
    expect_all(dp_char_is_upper, "ABCZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÊỆƠỚƯỨÝỲỸỴÔỘĨŨ", 1);
    expect_all(dp_char_is_lower, "abczđàáảãạăắằẳẵặâấầẩẫậêệơớưứýỳỹỵôộĩũ", 1);
    expect_all(dp_char_is_upper, "abczđơư0123 -.,“”", 0);
    expect_all(dp_char_is_lower, "ABĐƠƯ0 -", 0);
    /* Where the news source's hand-written table was wrong: Ĺ Ł Ÿ Ź are
     * uppercase, ẖ (U+1E96, an even code point) is lowercase. */
    expect_all(dp_char_is_upper, "ĹŁŸŹ", 1);
    expect_all(dp_char_is_upper, "ẖĺłÿź", 0);
    expect_all(dp_char_is_lower, "ẖĺłÿź", 1);
    /* Titlecase digraphs count as uppercase (a capitalised word), other scripts too. */
    ck_assert(dp_char_is_upper(0x01C5)); /* ǅ */
    ck_assert(dp_char_is_upper(0x0416)); /* Ж */
    ck_assert(dp_char_is_lower(0x0436)); /* ж */
    ck_assert(!dp_char_is_upper(0x4E2D) && !dp_char_is_lower(0x4E2D)); /* 中: a letter without case */
    ck_assert(dp_char_is_letter(0x4E2D));
}
END_TEST

START_TEST(word_characters)
{
    expect_all(dp_char_is_word, "Hòa2024ADMMđưỜngœßØ", 1);
    expect_all(dp_char_is_word, " -–—.,;:!?()[]\"'“”‘’…/+%×÷", 0);
    ck_assert(dp_char_is_word(0x0301));  /* combining acute: a mark inside a word */
    ck_assert(dp_char_is_word(0x0663));  /* ٣ Arabic-Indic digit */
    ck_assert(dp_char_is_word(0x00B2));  /* ² (No) */
    ck_assert(dp_char_is_word(0x4E2D));
    ck_assert(!dp_char_is_letter('7'));
    ck_assert(dp_char_is_letter(0x01C0)); /* ǀ, a click letter in Latin Extended-B */
}
END_TEST

START_TEST(white_space)
{
    expect_all(dp_char_is_space, " \t\n\r\v\f\xc2\xa0\xe2\x80\x83\xe2\x80\xa8\xe2\x80\xa9\xe3\x80\x80", 1);
    ck_assert(dp_char_is_space(0x85));
    ck_assert(!dp_char_is_space(0x200B)); /* zero width space is a format character */
    expect_all(dp_char_is_space, "a-_.", 0);
}
END_TEST

START_TEST(invalid_code_points_are_in_no_class)
{
    int32_t bad[] = { -1, -200, 0x110000, 0x7FFFFFFF };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert(!dp_char_is_upper(bad[i]));
        ck_assert(!dp_char_is_lower(bad[i]));
        ck_assert(!dp_char_is_letter(bad[i]));
        ck_assert(!dp_char_is_word(bad[i]));
        ck_assert(!dp_char_is_space(bad[i]));
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("chars");
    TCase *tc = tcase_create("chars");
    tcase_add_test(tc, upper_and_lower_vietnamese_and_beyond);
    tcase_add_test(tc, word_characters);
    tcase_add_test(tc, white_space);
    tcase_add_test(tc, invalid_code_points_are_in_no_class);
    suite_add_tcase(s, tc);
    return check_run(s);
}

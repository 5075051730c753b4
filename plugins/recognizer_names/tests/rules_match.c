/* Document-level matching: later short mentions of a person found, linked to the first mention. */
#include <string.h>

#include "names_test.h"
#include "rules.h"

static const char *attr(dp_doc *d, const char *type, const char *s, const char *key)
{
    const dp_entity *e = names_find(d, type, s);
    return e ? dp_entity_attr(e, key) : NULL;
}

START_TEST(short_mentions_follow_the_full_name)
{
    dp_doc *d = names_run("Tiền vệ Daniel Fischer ghi bàn ở phút 80. Sau trận, Fischer nói đội đã chơi tốt. "
                          "Chị Trần Thị Bích Ngọc mở quán năm 2019. Theo chị Ngọc, khách đông dần; "
                          "Bích Ngọc cho biết sẽ mở thêm.");
    HAS(d, "PER", "Fischer");
    ck_assert_str_eq(attr(d, "PER", "Fischer", "same_as"), "Daniel Fischer");
    HAS(d, "PER", "Ngọc");
    ck_assert_str_eq(attr(d, "PER", "Ngọc", "same_as"), "Trần Thị Bích Ngọc");
    HAS(d, "PER", "Bích Ngọc");
    ck_assert_ptr_null(attr(d, "PER", "Trần Thị Bích Ngọc", "same_as"));
    dp_doc_free(d);
}
END_TEST

START_TEST(surnames_and_common_words_stay_words)
{
    /* a surname alone, a given name that is a word or a place, a part inside a longer name */
    dp_doc *d = names_run("Anh Lê Văn Hải đến sớm. Lê là họ phổ biến. Anh Nguyễn Văn Đức sang Đức học. "
                          "Bà Phạm Thị Hà Giang về thăm tỉnh Hà Giang. Ngọc Hải Group mua lại công ty.");
    HAS(d, "PER", "Lê Văn Hải");
    HASNT(d, "PER", "Lê");
    HASNT(d, "PER", "Đức");
    HASNT(d, "PER", "Hải");
    HASNT(d, "PER", "Hà Giang");
    ck_assert_uint_eq(names_count(d, "PER"), 3);
    dp_doc_free(d);
}
END_TEST

START_TEST(titles_before_names_with_units_and_brands)
{
    dp_doc *d = names_run("Ông Đoàn Văn Hùng phát biểu. Anh Phạm Quốc Duy, tài xế, cho biết vậy. "
                          "Giám đốc VinaTech Lê Thu Thảo nói thêm.");
    HAS(d, "PER", "Đoàn Văn Hùng");
    HAS(d, "PER", "Phạm Quốc Duy");
    HAS(d, "PER", "Lê Thu Thảo");
    HASNT(d, "PER", "VinaTech Lê Thu Thảo");
    dp_doc_free(d);
}
END_TEST

TCase *rules_match_tcase(void)
{
    TCase *tc = tcase_create("mentions");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, short_mentions_follow_the_full_name);
    tcase_add_test(tc, surnames_and_common_words_stay_words);
    tcase_add_test(tc, titles_before_names_with_units_and_brands);
    return tc;
}

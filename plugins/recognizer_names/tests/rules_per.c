/* Persons: introduced by cue words (cầu thủ, HLV, ca sĩ), and foreign names by their shape. */
#include <stddef.h>

#include "names_test.h"
#include "rules.h"

START_TEST(cue_words_introduce_persons)
{
    dp_doc *d = names_run("Thủ môn Gregor Kowalczyk cản phá hai lần. HLV Park Min-jae hài lòng, còn "
                          "nữ ca sĩ Thùy Dương hát tặng khán giả.");
    HAS(d, "PER", "Gregor Kowalczyk");
    HAS(d, "PER", "Park Min-jae");
    HAS(d, "PER", "Thùy Dương");
    dp_doc_free(d);
    /* a cue written in capitals counts in capitals only; a place after a cue is no person */
    d = names_run("Ông nói hlv Trọng Nghĩa đi rồi. Cầu thủ Việt Nam tập luyện tại Hà Nội.");
    HASNT(d, "PER", "Trọng Nghĩa");
    ck_assert_uint_eq(names_count(d, "PER"), 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(foreign_names_by_their_shape)
{
    dp_doc *d = names_run("Theo kế hoạch, Daniel Fischer sẽ thay Thomas Brandtner từ tháng sau.");
    HAS(d, "PER", "Daniel Fischer");
    HAS(d, "PER", "Thomas Brandtner");
    dp_doc_free(d);
    /* places and clubs abroad, Vietnamese words after a given name: no person */
    d = names_run("Chuyến bay nối New York với Los Angeles. Cửa hàng Daniel Hà Nội mở cửa. "
                  "Ông Lê Minh Hòa và Bayern Munich.");
    HASNT(d, "PER", "New York");
    HASNT(d, "PER", "Los Angeles");
    HASNT(d, "PER", "Daniel Hà Nội");
    HASNT(d, "PER", "Bayern Munich");
    dp_doc_free(d);
}
END_TEST

TCase *rules_per_tcase(void)
{
    TCase *tc = tcase_create("persons");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, cue_words_introduce_persons);
    tcase_add_test(tc, foreign_names_by_their_shape);
    return tc;
}

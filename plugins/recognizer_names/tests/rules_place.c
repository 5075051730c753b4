/* Places named by their kind: a person's name after đường, cầu, phường … names the place. */
#include <stddef.h>

#include "names_test.h"
#include "rules.h"

START_TEST(streets_and_units_named_after_persons)
{
    dp_doc *d = names_run("Cửa hàng mới trên đường Lê Thánh Tông, phường Bến Thành vừa khai trương. "
                          "Xe buýt đi qua cầu Trần Phú rồi vào quận 5. Học sinh trường Nguyễn Du đạt giải.");
    HAS(d, "LOC", "đường Lê Thánh Tông");
    HAS(d, "LOC", "phường Bến Thành");
    HAS(d, "LOC", "cầu Trần Phú");
    HAS(d, "LOC", "quận 5");
    HASNT(d, "PER", "Lê Thánh Tông");
    HASNT(d, "PER", "Trần Phú");
    HASNT(d, "PER", "Nguyễn Du");
    dp_doc_free(d);
}
END_TEST

START_TEST(addresses_lists_and_venues)
{
    dp_doc *d = names_run("Nước ngập sâu tại hẻm 42 Nguyễn Văn Cừ. Trụ sở đặt tại số 18 Phan Chu Trinh. "
                          "Các phường Tân Định, Đa Kao và Bến Nghé được sáp nhập. Trận đấu diễn ra ở Sân "
                          "vận động Quốc gia Bukit Jalil và Nhà thi đấu tỉnh Quảng Ninh.");
    HAS(d, "LOC", "hẻm 42 Nguyễn Văn Cừ");
    HAS(d, "LOC", "Phan Chu Trinh");
    HASNT(d, "PER", "Phan Chu Trinh");
    HAS(d, "LOC", "phường Tân Định");
    HAS(d, "LOC", "Đa Kao");
    HAS(d, "LOC", "Bến Nghé");
    HAS(d, "LOC", "Sân vận động Quốc gia Bukit Jalil");
    HAS(d, "LOC", "Nhà thi đấu tỉnh Quảng Ninh");
    dp_doc_free(d);
    d = names_run("Khách đến Trung tâm Triển lãm Sài Gòn từ sáng.");
    HAS(d, "LOC", "Trung tâm Triển lãm Sài Gòn");
    HASNT(d, "ORG", "Trung tâm Triển lãm Sài Gòn");
    dp_doc_free(d);
}
END_TEST

START_TEST(heads_that_end_other_words)
{
    /* "nhu cầu", "ven biển", "huy động", "phiên bản": no place */
    const char *earlier[] = { "LOC:Mỹ", "LOC:Nam Trung Bộ", NULL };
    dp_doc *d = names_run_with("Nhu cầu Mỹ giảm mạnh ở các tỉnh ven biển Nam Trung Bộ. Công ty huy động 18 "
                               "tỷ đồng cho phiên bản 5 của ứng dụng.", earlier, NULL, NULL);
    HASNT(d, "LOC", "cầu Mỹ");
    HASNT(d, "LOC", "biển Nam Trung Bộ");
    HASNT(d, "LOC", "động 18");
    HASNT(d, "LOC", "bản 5");
    ck_assert_uint_eq(names_count(d, "LOC"), 2);
    dp_doc_free(d);
    d = names_run("Hai giám đốc ký Biên bản Hội đồng thành viên.");
    HASNT(d, "LOC", "bản Hội");
    ck_assert_uint_eq(names_count(d, "LOC"), 0);
    dp_doc_free(d);
}
END_TEST

TCase *rules_place_tcase(void)
{
    TCase *tc = tcase_create("places");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, streets_and_units_named_after_persons);
    tcase_add_test(tc, addresses_lists_and_venues);
    tcase_add_test(tc, heads_that_end_other_words);
    return tc;
}

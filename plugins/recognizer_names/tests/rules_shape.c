/* Unknown organisations from their Latin shape, cues and affixes. */
#include <stddef.h>

#include "names_test.h"
#include "rules.h"

START_TEST(latin_names_with_cues_affixes_or_alone)
{
    dp_doc *d = names_run("Hãng Zentrix công bố lợi nhuận quý. Lãi của Kovalent Group cũng tăng, "
                          "còn ngân hàng KBXV tăng vốn. Cổ phiếu Brightwell tăng 5%. Trên sân nhà, đội Realton thắng 2-0.");
    HAS(d, "ORG", "Zentrix");
    HAS(d, "ORG", "Kovalent Group");
    HAS(d, "ORG", "KBXV");
    HAS(d, "ORG", "Brightwell");
    HAS(d, "ORG", "Realton");
    dp_doc_free(d);
}
END_TEST

START_TEST(terms_products_units_and_places_are_no_organisations)
{
    dp_doc *d = names_run("Giá tính bằng USD, GDP tăng. Mẫu Zentrix Z9 bán chạy. Mạng đạt 300 Mbps. "
                          "Trận đấu diễn ra tại Brentwick. Phim Moonfall ra rạp. Nhà máy ở Hải Dương mở rộng.");
    ck_assert_uint_eq(names_count(d, "ORG"), 0);
    dp_doc_free(d);
}
END_TEST

TCase *rules_shape_tcase(void)
{
    TCase *tc = tcase_create("shape");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, latin_names_with_cues_affixes_or_alone);
    tcase_add_test(tc, terms_products_units_and_places_are_no_organisations);
    return tc;
}

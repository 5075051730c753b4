/* Organisation boundaries: names with "và", "–", "&", domains in lowercase; no verb, no person. */
#include "names_test.h"
#include "rules.h"

START_TEST(connectors_inside_names)
{
    dp_doc *d = names_run("Viện Nghiên cứu Biển và Hải đảo vừa công bố báo cáo. Hiệp hội Du lịch – "
                          "Lữ hành Đà Lạt đề xuất giảm phí. Liên đoàn Quần vợt & Cầu lông Hải Phòng "
                          "khai mạc giải. Cục Văn hóa, Thể thao và Du lịch Lào Cai nhận bằng khen.");
    HAS(d, "ORG", "Viện Nghiên cứu Biển và Hải đảo");
    HAS(d, "ORG", "Hiệp hội Du lịch – Lữ hành Đà Lạt");
    HAS(d, "ORG", "Liên đoàn Quần vợt & Cầu lông Hải Phòng");
    HAS(d, "ORG", "Cục Văn hóa, Thể thao và Du lịch Lào Cai");
    dp_doc_free(d);
}
END_TEST

START_TEST(connectors_between_names)
{
    /* another body, a comma list without "và", a foreign brand: two names */
    dp_doc *d = names_run("Sở Y tế và Sở Xây dựng cùng kiểm tra. Viện Hóa học, Viện Vật lý tham gia. "
                          "Tổng công ty Bưu điện và Viettel ký kết.");
    HASNT(d, "ORG", "Sở Y tế và Sở Xây dựng");
    HAS(d, "ORG", "Sở Xây dựng");
    HASNT(d, "ORG", "Viện Hóa học, Viện Vật lý");
    HASNT(d, "ORG", "Tổng công ty Bưu điện và Viettel");
    dp_doc_free(d);
}
END_TEST

START_TEST(lowercase_domains_and_numbers)
{
    dp_doc *d = names_run("Ban Quản lý đường sắt đô thị Cần Thơ họp sáng nay. Tổng công ty Xây dựng "
                          "công trình giao thông 8 trúng thầu. Sở Giao thông vận tải Bình Định cấm xe.");
    HAS(d, "ORG", "Ban Quản lý đường sắt đô thị Cần Thơ");
    HAS(d, "ORG", "Tổng công ty Xây dựng công trình giao thông 8");
    HAS(d, "ORG", "Sở Giao thông vận tải Bình Định");
    dp_doc_free(d);
}
END_TEST

START_TEST(verbs_and_persons_end_names)
{
    dp_doc *d = names_run("Hôm qua, Công ty CP Thực phẩm Hồng Lam công bố lợi nhuận. Giám đốc Sở Tài "
                          "chính Lê Văn Bình kiểm tra kho. Công an phường Tân Mai bố trí lực lượng.");
    HAS(d, "ORG", "Công ty CP Thực phẩm Hồng Lam");
    HASNT(d, "ORG", "Công ty CP Thực phẩm Hồng Lam công");
    HAS(d, "PER", "Lê Văn Bình");
    HASNT(d, "ORG", "Sở Tài chính Lê Văn Bình");
    HASNT(d, "ORG", "Công an phường Tân Mai bố");
    dp_doc_free(d);
}
END_TEST

TCase *rules_org_tcase(void)
{
    TCase *tc = tcase_create("organisations");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, connectors_inside_names);
    tcase_add_test(tc, connectors_between_names);
    tcase_add_test(tc, lowercase_domains_and_numbers);
    tcase_add_test(tc, verbs_and_persons_end_names);
    return tc;
}

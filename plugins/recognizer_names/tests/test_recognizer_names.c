/* Unit tests of the names recognizer, through the harness with the project's data lists. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"
#include "names_test.h"

extern const dp_plugin docpipe_plugin;

static dp_doc *run_doc(const char *text, const char *seg_kind, const char *seg_text)
{
    return names_run_with(text, NULL, seg_kind, seg_text);
}

START_TEST(rank_kept_as_attribute)
{
    dp_doc *d = names_run("Thượng tướng Nguyễn Chí Vịnh cho biết, Việt Nam sẵn sàng.");
    const dp_entity *e = names_find(d, "PER", "Nguyễn Chí Vịnh");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "rank"), "Thượng tướng");
    ck_assert_ptr_null(dp_entity_attr(e, "title"));
    /* byte offsets on multi-byte text */
    ck_assert_uint_eq(e->start, strlen("Thượng tướng "));
    ck_assert_uint_eq(e->end, strlen("Thượng tướng Nguyễn Chí Vịnh"));
    ck_assert_uint_eq(names_count(d, "PER"), 1);
    dp_doc_free(d);
}
END_TEST

START_TEST(case_and_tone_variants)
{
    /* upper-case rank, old tone placement in a title ("uỷ") and in a name ("Thuỷ") */
    dp_doc *d = names_run("THƯỢNG TƯỚNG Lê Văn Hùng gặp Chính uỷ Trần Thị Thuỷ tại đây.");
    const dp_entity *e = names_find(d, "PER", "Lê Văn Hùng");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "rank"), "THƯỢNG TƯỚNG");
    e = names_find(d, "PER", "Trần Thị Thuỷ");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "title"), "Chính uỷ");
    dp_doc_free(d);
    /* "Chính ủy" with the new placement is the same title */
    d = names_run("Chính ủy Trần Thị Thủy phát biểu.");
    HAS(d, "PER", "Trần Thị Thủy");
    dp_doc_free(d);
}
END_TEST

START_TEST(no_trigger_inside_longer_words)
{
    /* "bông" contains "ông", "Bàn" starts like "bà": no honorific, so no foreign name */
    dp_doc *d = names_run("Cây bông Park Jae Min nở. Bàn Kiyoshi Serizawa mới.");
    ck_assert_uint_eq(names_count(d, "PER"), 0);
    dp_doc_free(d);
    d = names_run("Hôm nay ông Park Jae Min nói. Tổng thống Putin và ông Trump. Phó Chủ tịch Thường trực nói.");
    HAS(d, "PER", "Park Jae Min");
    /* one foreign word after a trigger, but not a Vietnamese syllable */
    HAS(d, "PER", "Putin");
    HAS(d, "PER", "Trump");
    HASNT(d, "PER", "Thường");
    dp_doc_free(d);
}
END_TEST

START_TEST(foreign_names_after_title_and_country)
{
    dp_doc *d = names_run("Thứ trưởng Quốc phòng Hàn Quốc Park Jae-min nhấn mạnh, "
                    "Bộ trưởng Quốc phòng Malaysia Hishamuddin Hussein cho biết. "
                    "Hoàng Xuân Chiến làm việc với Quốc vụ khanh Bộ Quốc phòng Nhật Bản Oniki Makoto.");
    const dp_entity *e = names_find(d, "PER", "Park Jae-min");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "title"), "Thứ trưởng Quốc phòng Hàn Quốc");
    HAS(d, "PER", "Hishamuddin Hussein");
    HAS(d, "PER", "Oniki Makoto");
    HAS(d, "ORG", "Bộ Quốc phòng Nhật Bản");
    HASNT(d, "ORG", "Bộ Quốc phòng Nhật Bản Oniki Makoto");
    HASNT(d, "PER", "Hàn Quốc Park Jae-min");
    dp_doc_free(d);
}
END_TEST

START_TEST(malay_honorific_chains)
{
    dp_doc *d = names_run("do ngài Dato' Seri Utama Haji Mohamad Bin Haji Hasan, Bộ trưởng Bộ Quốc phòng làm "
                    "trưởng đoàn. Thiếu tướng Pehin Datu Lailaraja Dato Paduka Seri Haji Awang Halbi bin "
                    "Haji Md Yussof, Bộ trưởng Bộ Quốc phòng thứ 2 Brunei chủ trì.");
    HAS(d, "PER", "Dato' Seri Utama Haji Mohamad Bin Haji Hasan");
    const dp_entity *e =
        names_find(d, "PER", "Pehin Datu Lailaraja Dato Paduka Seri Haji Awang Halbi bin Haji Md Yussof");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "rank"), "Thiếu tướng");
    dp_doc_free(d);
}
END_TEST

START_TEST(title_chains_not_swallowed)
{
    dp_doc *d = names_run("Nhận lời mời của Đại tướng Phan Văn Giang, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy "
                    "Trung ương, Bộ trưởng Bộ Quốc phòng Việt Nam, đoàn đại biểu lên đường. "
                    "Người phát ngôn Bộ Ngoại giao bà Vũ Thị Nga trả lời.");
    ck_assert_uint_eq(names_count(d, "PER"), 2);
    HAS(d, "PER", "Phan Văn Giang");
    const dp_entity *e = names_find(d, "PER", "Vũ Thị Nga"); /* Nga is also Russia */
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "title"), "Người phát ngôn Bộ Ngoại giao");
    HASNT(d, "ORG", "Bộ Ngoại giao bà Vũ Thị Nga");
    dp_doc_free(d);
}
END_TEST

START_TEST(structure_without_trigger)
{
    dp_doc *d = names_run("Theo Nguyễn Phú Trọng, quan hệ Hàn Quốc và Phó Tư lệnh Vùng 4 tốt đẹp.");
    HAS(d, "PER", "Nguyễn Phú Trọng");
    HASNT(d, "PER", "Hàn Quốc");
    HASNT(d, "PER", "Phó Tư");
    ck_assert_uint_eq(names_count(d, "PER"), 1);
    dp_doc_free(d);
    /* a ship's name is not a person */
    d = names_run("nhân chuyến thăm của Tàu buồm 286-Lê Quý Đôn và đoàn công tác.");
    HAS(d, "MISC", "Tàu buồm 286-Lê Quý Đôn");
    ck_assert_uint_eq(names_count(d, "PER"), 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(bylines_credits_and_images)
{
    dp_doc *d = run_doc("Quân sự\n\nTrà Khánh\n\nNội dung bài.", "byline", "Trà Khánh");
    HAS(d, "PER", "Trà Khánh");
    dp_doc_free(d);
    d = names_run("Quang cảnh hội nghị. (Ảnh: Phạm Tuân/TTXVN)");
    HAS(d, "PER", "Phạm Tuân");
    dp_doc_free(d);
    /* the same words as an image file name segment: nothing */
    d = run_doc("Thượng tướng Hoàng Xuân Chiến\nẢnh\n", "image", "Thượng tướng Hoàng Xuân Chiến");
    ck_assert_uint_eq(dp_doc_entity_count(d), 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(organisations)
{
    dp_doc *d = names_run("Đoàn đã đến thăm Trường Sĩ quan Lục quân Hàn Quốc và Trung tâm Huấn luyện thực tế ảo "
                    "của Trường. Sáng 6-1, Bộ Quốc phòng tổ chức Hội nghị. Học viên tại Học viện Khoa học "
                    "Quân sự học tập.");
    HAS(d, "ORG", "Trường Sĩ quan Lục quân Hàn Quốc");
    HAS(d, "ORG", "Trung tâm Huấn luyện thực tế ảo");
    HAS(d, "ORG", "Học viện Khoa học Quân sự");
    HASNT(d, "ORG", "Bộ Quốc phòng tổ chức Hội nghị");
    HASNT(d, "ORG", "Bộ Quốc phòng tổ chức");
    /* a rank ends an organisation; a verb between two organisations keeps them two */
    dp_doc_free(d);
    d = names_run("Cục trưởng Cục Đối ngoại Bộ Quốc phòng Thiếu tướng Phạm Quảng Hiệu dẫn đầu đoàn. "
            "Sư đoàn 312 thuộc Quân đoàn 12 tổ chức huấn luyện. Lê Duẩn, Trường Chinh là những "
            "nhà lãnh đạo. Theo Bộ Tư lệnh Vùng Cảnh sát biển 2, tàu đã cứu ngư dân.");
    HASNT(d, "ORG", "Cục Đối ngoại Bộ Quốc phòng Thiếu tướng Phạm Quảng Hiệu");
    const dp_entity *p = names_find(d, "PER", "Phạm Quảng Hiệu");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(dp_entity_attr(p, "rank"), "Thiếu tướng");
    HAS(d, "ORG", "Sư đoàn 312");
    HAS(d, "ORG", "Quân đoàn 12");
    HASNT(d, "ORG", "Sư đoàn 312 thuộc Quân đoàn 12");
    HASNT(d, "ORG", "Trường Chinh");
    HAS(d, "ORG", "Bộ Tư lệnh Vùng Cảnh sát biển 2");
    /* a working group of a named meeting is one organisation */
    dp_doc_free(d);
    d = names_run("trong khuôn khổ Nhóm Chuyên gia của Hội nghị Bộ trưởng Quốc phòng Các nước ASEAN Mở rộng "
            "(ADMM+) về gìn giữ hòa bình chu kỳ 4 tại Việt Nam.");
    HAS(d, "ORG", "Nhóm Chuyên gia của Hội nghị Bộ trưởng Quốc phòng Các nước ASEAN Mở rộng (ADMM+) "
                  "về gìn giữ hòa bình chu kỳ 4");
    /* a title is not an organisation head: "Bộ trưởng" */
    dp_doc_free(d);
    d = names_run("Bộ trưởng Quốc phòng Nhật Bản tại Cuộc gặp.");
    ck_assert_uint_eq(names_count(d, "ORG"), 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(events_with_ordinals_and_connectors)
{
    dp_doc *d = names_run("đã diễn ra Đối thoại Chính sách Quốc phòng Việt Nam – Hàn Quốc lần thứ 12. "
                    "Tại Đại hội đại biểu Đảng bộ Quân đội lần thứ XI vừa qua, và Triển lãm Quốc phòng "
                    "Quốc tế Việt Nam lần thứ hai vào cuối năm. Cơ chế cuộc gặp Thứ trưởng Quốc phòng "
                    "ASEAN – Hàn Quốc không chỉ là kênh. Hội nghị Thứ trưởng Quốc phòng ASEAN-Nhật Bản "
                    "lần thứ 13 đã diễn ra.");
    HAS(d, "EVENT", "Đối thoại Chính sách Quốc phòng Việt Nam – Hàn Quốc lần thứ 12");
    HAS(d, "EVENT", "Đại hội đại biểu Đảng bộ Quân đội lần thứ XI");
    HAS(d, "EVENT", "Triển lãm Quốc phòng Quốc tế Việt Nam lần thứ hai");
    HAS(d, "EVENT", "cuộc gặp Thứ trưởng Quốc phòng ASEAN – Hàn Quốc");
    HAS(d, "EVENT", "Hội nghị Thứ trưởng Quốc phòng ASEAN-Nhật Bản lần thứ 13");
    dp_doc_free(d);
    /* lowercase "hội nghị" after a verb, then lowercase words: no event */
    d = names_run("Thượng tướng chủ trì hội nghị tổng kết công tác năm.");
    ck_assert_uint_eq(names_count(d, "EVENT"), 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(acronyms_linked_to_expansions)
{
    dp_doc *d = names_run("Hội nghị Bộ trưởng Quốc phòng các nước ASEAN (ADMM) lần thứ 16 diễn ra. "
                    "Trưởng đoàn trình bày Sáng kiến cấp Bộ trưởng Quốc phòng ASEAN-Nhật Bản về Tăng cường "
                    "Hợp tác Quốc phòng (viết tắt là JASMINE), và JASMINE được hoan nghênh.");
    HAS(d, "EVENT", "Hội nghị Bộ trưởng Quốc phòng các nước ASEAN (ADMM) lần thứ 16");
    const dp_entity *x = names_find(d, "MISC", "Sáng kiến cấp Bộ trưởng Quốc phòng ASEAN-Nhật Bản về Tăng cường "
                                         "Hợp tác Quốc phòng");
    ck_assert_ptr_nonnull(x);
    size_t n = 0;
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        size_t l;
        const char *p = dp_entity_surface(d, e, &l);
        if (l == 7 && memcmp(p, "JASMINE", 7) == 0) {
            ck_assert_str_eq(e->type, "MISC");
            n++;
        }
    }
    ck_assert_uint_eq(n, 2);
    const dp_entity *a = names_find(d, "MISC", "JASMINE");
    ck_assert_str_eq(dp_entity_attr(a, "expansion"),
                     "Sáng kiến cấp Bộ trưởng Quốc phòng ASEAN-Nhật Bản về Tăng cường Hợp tác Quốc phòng");
    dp_doc_free(d);
}
END_TEST

START_TEST(documents)
{
    dp_doc *d = names_run("kiên trì Chính sách Quốc phòng “Bốn không”; tuân thủ Tuyên bố về cách ứng xử trên "
                    "Biển Đông (DOC), ký Bộ quy tắc ứng xử của các Bên ở Biển Đông (COC) thực chất. "
                    "Hai bên thúc đẩy việc ký Bản ghi nhớ mới về hợp tác quốc phòng song phương, nhằm "
                    "tạo khuôn khổ. Tuyên bố chung của ADMM nhấn mạnh.");
    HAS(d, "MISC", "Chính sách Quốc phòng “Bốn không”");
    HAS(d, "MISC", "Tuyên bố về cách ứng xử trên Biển Đông");
    HAS(d, "MISC", "DOC");
    HAS(d, "MISC", "Bộ quy tắc ứng xử của các Bên ở Biển Đông");
    HAS(d, "MISC", "COC");
    HAS(d, "MISC", "Bản ghi nhớ mới về hợp tác quốc phòng song phương");
    ck_assert_uint_eq(names_count(d, "MISC"), 6); /* not the generic "Tuyên bố chung" */
    dp_doc_free(d);
}
END_TEST

START_TEST(language_rules_of_the_key)
{
    /* Without the Vietnamese rules the old placement "uỷ" is not the listed title "ủy". */
    char err[512] = "";
    dp_instance *plain = names_make("match_lang=none", err, sizeof err);
    ck_assert_msg(plain != NULL, "%s", err);
    dp_doc *d = dp_doc_new("t", "t");
    const char *txt = "Chính uỷ Trần Thị Thuỷ và Chính ủy Lê Văn Hùng phát biểu.";
    ck_assert_int_eq(dp_doc_set_text(d, txt, strlen(txt)), 0);
    ck_assert_int_eq(dp_harness_process(plain, d, err, sizeof err), DP_OK);
    const dp_entity *e = names_find(d, "PER", "Lê Văn Hùng");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "title"), "Chính ủy");
    e = names_find(d, "PER", "Trần Thị Thuỷ");
    ck_assert(e == NULL || dp_entity_attr(e, "title") == NULL);
    dp_doc_free(d);
    dp_harness_free(plain);
    /* the default (vi) joins them: the same text gives both titles */
    d = names_run(txt);
    e = names_find(d, "PER", "Trần Thị Thuỷ");
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(dp_entity_attr(e, "title"), "Chính uỷ");
    dp_doc_free(d);
}
END_TEST

START_TEST(options_checked)
{
    char err[512] = "";
    dp_instance *bad = names_make("min_surname_count=-1", err, sizeof err);
    ck_assert_ptr_null(bad);
    ck_assert_msg(strstr(err, "min_surname_count") != NULL, "%s", err);
    const char *opts[] = { "ranks=/nonexistent/ranks.tsv" };
    bad = dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err);
    ck_assert_ptr_null(bad);
    ck_assert_msg(strstr(err, "/nonexistent/ranks.tsv") != NULL, "%s", err);
    /* structure=false: no name without a trigger */
    dp_instance *i2 = names_make("structure=false", err, sizeof err);
    ck_assert_msg(i2 != NULL, "%s", err);
    dp_doc *d = dp_doc_new("t", "t");
    const char *txt = "Theo Nguyễn Phú Trọng, hôm nay.";
    ck_assert_int_eq(dp_doc_set_text(d, txt, strlen(txt)), 0);
    ck_assert_int_eq(dp_harness_process(i2, d, err, sizeof err), DP_OK);
    ck_assert_uint_eq(dp_doc_entity_count(d), 0);
    dp_doc_free(d);
    dp_harness_free(i2);
}
END_TEST

START_TEST(empty_and_odd_text)
{
    dp_doc *d = names_run("");
    ck_assert_uint_eq(dp_doc_entity_count(d), 0);
    dp_doc_free(d);
    d = names_run("ông");
    ck_assert_uint_eq(dp_doc_entity_count(d), 0);
    dp_doc_free(d);
    d = names_run("( ( Hội nghị ( ADMM - lần thứ ông Bộ");
    dp_doc_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("recognizer_names");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, names_setup, names_teardown);
    tcase_add_test(tc, rank_kept_as_attribute);
    tcase_add_test(tc, case_and_tone_variants);
    tcase_add_test(tc, no_trigger_inside_longer_words);
    tcase_add_test(tc, foreign_names_after_title_and_country);
    tcase_add_test(tc, malay_honorific_chains);
    tcase_add_test(tc, title_chains_not_swallowed);
    tcase_add_test(tc, structure_without_trigger);
    tcase_add_test(tc, bylines_credits_and_images);
    tcase_add_test(tc, organisations);
    tcase_add_test(tc, events_with_ordinals_and_connectors);
    tcase_add_test(tc, acronyms_linked_to_expansions);
    tcase_add_test(tc, documents);
    tcase_add_test(tc, options_checked);
    tcase_add_test(tc, language_rules_of_the_key);
    tcase_add_test(tc, empty_and_odd_text);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(suite());
}

/* Unit tests of the dates recognizer: every form with its ISO value, spans, rejections. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

/* Run the plugin on text; return "surface=value|…" of all entities (sorted by start). */
static char *run(const char *text, const char *date_field, const char *opt)
{
    static char out[4096];
    char err[512];
    const char *opts[] = { opt };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, opt ? 1 : 0, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "%s", err);
    dp_doc *d = dp_doc_new("t", NULL);
    ck_assert_int_eq(dp_doc_set_text(d, text, strlen(text)), 0);
    if (date_field) dp_doc_field_add(d, "date", date_field);
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    dp_doc_entities_sort(d);
    out[0] = '\0';
    for (size_t i = 0; i < dp_doc_entity_count(d); i++) {
        const dp_entity *e = dp_doc_entity_at(d, i);
        size_t l;
        const char *s = dp_entity_surface(d, e, &l);
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%.*s=%s%s%s", i ? "|" : "", (int)l, s,
                 e->value ? e->value : e->type, dp_entity_attr(e, "inferred") ? "~" : "",
                 dp_entity_attr(e, "inferred") ? dp_entity_attr(e, "inferred") : "");
    }
    dp_doc_free(d);
    dp_harness_free(inst);
    return out;
}

START_TEST(day_month_forms)
{
    ck_assert_str_eq(run("Ngày 11-9, tại Seoul", NULL, NULL), "Ngày 11-9=--09-11");
    ck_assert_str_eq(run("Cập nhật: 25/09/2019", NULL, NULL), "25/09/2019=2019-09-25");
    ck_assert_str_eq(run("đã diễn ra chiều 4/9 tại", NULL, NULL), "chiều 4/9=--09-04");
    ck_assert_str_eq(run("Sáng 30/1, Hội nghị", NULL, NULL), "Sáng 30/1=--01-30");
    ck_assert_str_eq(run("Sáng 10-11, đã diễn ra", NULL, NULL), "Sáng 10-11=--11-10");
    ck_assert_str_eq(run("ngày 8.3 hằng năm", NULL, NULL), "ngày 8.3=--03-08");
    ck_assert_str_eq(run("khai mạc (12/3) tại", NULL, NULL), "12/3=--03-12");
    ck_assert_str_eq(run("ngày 5 tháng 6 năm 2024", NULL, NULL), "ngày 5 tháng 6 năm 2024=2024-06-05");
    ck_assert_str_eq(run("ngày 5 tháng 6 tới", NULL, NULL), "ngày 5 tháng 6=--06-05");
    ck_assert_str_eq(run("vào 1-5-2020 và", NULL, NULL), "1-5-2020=2020-05-01");
}
END_TEST

START_TEST(months_years_ranges)
{
    ck_assert_str_eq(run("vào tháng 11/2023 vừa qua", NULL, NULL), "tháng 11/2023=2023-11");
    ck_assert_str_eq(run("đoàn công tác, tháng 10-2022.", NULL, NULL), "tháng 10-2022=2022-10");
    ck_assert_str_eq(run("tháng 9 năm 2023", NULL, NULL), "tháng 9 năm 2023=2023-09");
    ck_assert_str_eq(run("vào năm 2015. Trên", NULL, NULL), "năm 2015=2015");
    ck_assert_str_eq(run("vào cuối năm 2024.", NULL, NULL), "cuối năm 2024=2024");
    ck_assert_str_eq(run("Việt Nam từ ngày 3 đến 5-12.", NULL, NULL), "ngày 3 đến 5-12=--12-03/--12-05");
    ck_assert_str_eq(run(" date 2024-01 Thứ trưởng", NULL, NULL), "2024-01=2024-01");
}
END_TEST

START_TEST(year_from_the_document)
{
    ck_assert_str_eq(run("Sáng 30/1, họp", "2024-01", NULL), "Sáng 30/1=--01-30~2024-01-30");
    ck_assert_str_eq(run("Sáng 30/1, họp", "2024-01", "infer_year=true"), "Sáng 30/1=2024-01-30~2024-01-30");
    ck_assert_str_eq(run("25/09/2019", "2024-01", NULL), "25/09/2019=2019-09-25");
}
END_TEST

START_TEST(rejections)
{
    ck_assert_str_eq(run("ngày 32/13 và 31/2/2020", NULL, NULL), "");
    ck_assert_str_eq(run("UNCLOS 1982 và ADMM-16", NULL, NULL), "");
    ck_assert_str_eq(run("trong năm ASEAN 2020", NULL, NULL), "");
    ck_assert_str_eq(run("phiên bản 1.2.3 và 4/9", NULL, NULL), "");
    ck_assert_str_eq(run("Sáng kiến mới", NULL, NULL), "");
    ck_assert_str_eq(run("hàngày 11-9", NULL, NULL), ""); /* inside a longer word */
    ck_assert_str_eq(run("NGÀY 11-9", NULL, NULL), "NGÀY 11-9=--09-11");
}
END_TEST

START_TEST(optional_types)
{
    ck_assert_str_eq(run("tăng 15% và 2,5 phần trăm", NULL, "percent=true"), "15%=PERCENT|2,5 phần trăm=PERCENT");
    ck_assert_str_eq(run("trị giá 2,5 tỷ đồng và 100 triệu USD", NULL, "money=true"),
                     "2,5 tỷ đồng=MONEY|100 triệu USD=MONEY");
    ck_assert_str_eq(run("Xem https://example.vn/a-b.html.", NULL, "urls=true"), "https://example.vn/a-b.html=URL");
    ck_assert_str_eq(run("Liên hệ: toasoan@example.vn.", NULL, "emails=true"), "toasoan@example.vn=EMAIL");
    ck_assert_str_eq(run("có 1.200 học viên", NULL, "numbers=true"), "1.200=NUMBER");
    ck_assert_str_eq(run("có 1.200 học viên", NULL, NULL), "");
}
END_TEST

START_TEST(offsets_slice_multibyte)
{
    const char *t = "Đoàn đại biểu Bộ Quốc phòng thăm Hà Nội từ ngày 3 đến 5-12 năm 2023.";
    char err[256];
    dp_instance *inst = dp_harness_new(&docpipe_plugin, NULL, 0, NULL, err, sizeof err);
    dp_doc *d = dp_doc_new("t", NULL);
    dp_doc_set_text(d, t, strlen(t));
    ck_assert_int_eq(dp_harness_process(inst, d, err, sizeof err), DP_OK);
    ck_assert_uint_eq(dp_doc_entity_count(d), 2);
    const dp_entity *e = dp_doc_entity_at(d, 0);
    size_t l;
    const char *s = dp_entity_surface(d, e, &l);
    ck_assert_int_eq(strncmp(s, "ngày 3 đến 5-12", l), 0);
    ck_assert_uint_eq(l, strlen("ngày 3 đến 5-12"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dates");
    TCase *tc = tcase_create("forms");
    tcase_add_test(tc, day_month_forms);
    tcase_add_test(tc, months_years_ranges);
    tcase_add_test(tc, year_from_the_document);
    tcase_add_test(tc, rejections);
    tcase_add_test(tc, optional_types);
    tcase_add_test(tc, offsets_slice_multibyte);
    suite_add_tcase(s, tc);
    return check_run(s);
}

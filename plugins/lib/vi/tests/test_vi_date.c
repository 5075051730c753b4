/* Unit tests of the Vietnamese date parser (plugins/lib/vi/vi_date.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vi/vi_date.h"
#include "check_run.h"

/*
 * The date expression at the start of s as "surface=ISO[/ISO]", with
 * " +N" when it takes N bytes beyond its surface (the ')' of "(12/3)"); ""
 * when none.
 */
static const char *at(const char *s)
{
    static char out[256];
    vi_date_match m;
    size_t n = strlen(s), l = vi_date_at(s, n, 0, &m);
    if (!l) return "";
    char a[16], b[16];
    vi_date_iso(m.a, a, sizeof a);
    vi_date_iso(m.b, b, sizeof b);
    ck_assert(m.start <= m.end && m.end <= l);
    int n_extra = snprintf(out, sizeof out, "%.*s=%s%s%s", (int)(m.end - m.start), s + m.start, a,
                           m.range ? "/" : "", m.range ? b : "");
    if (l != m.end && n_extra > 0) snprintf(out + n_extra, sizeof out - (size_t)n_extra, " +%zu", l - m.end);
    return out;
}

/* The first date of a dateline as ISO, or "". */
static const char *first(const char *s)
{
    static char out[16];
    vi_date d;
    if (!vi_date_first(s, strlen(s), &d)) return "";
    vi_date_iso(d, out, sizeof out);
    return out;
}

START_TEST(running_text_forms)
{
    ck_assert_str_eq(at("Ngày 11-9, tại Seoul"), "Ngày 11-9=--09-11");
    ck_assert_str_eq(at("25/09/2019 lúc"), "25/09/2019=2019-09-25");
    ck_assert_str_eq(at("chiều 4/9 tại"), "chiều 4/9=--09-04");
    ck_assert_str_eq(at("Sáng 10-11,"), "Sáng 10-11=--11-10");
    ck_assert_str_eq(at("ngày 8.3 hằng năm"), "ngày 8.3=--03-08");
    ck_assert_str_eq(at("(12/3) tại"), "12/3=--03-12 +1");
    ck_assert_str_eq(at("ngày 5 tháng 6 năm 2024"), "ngày 5 tháng 6 năm 2024=2024-06-05");
    ck_assert_str_eq(at("ngày 5 tháng 6 tới"), "ngày 5 tháng 6=--06-05");
    ck_assert_str_eq(at("tháng 11/2023 vừa"), "tháng 11/2023=2023-11");
    ck_assert_str_eq(at("tháng 9 năm 2023"), "tháng 9 năm 2023=2023-09");
    ck_assert_str_eq(at("năm 2015."), "năm 2015=2015");
    ck_assert_str_eq(at("cuối năm 2024."), "cuối năm 2024=2024");
    ck_assert_str_eq(at("ngày 3 đến 5-12."), "ngày 3 đến 5-12=--12-03/--12-05");
    ck_assert_str_eq(at("2024-01 Thứ"), "2024-01=2024-01");
    ck_assert_str_eq(at("2024-01-05,"), "2024-01-05=2024-01-05");
}
END_TEST

START_TEST(running_text_rejections)
{
    ck_assert_str_eq(at("32/13"), "");
    ck_assert_str_eq(at("31/2/2020"), "");     /* no 31 February */
    ck_assert_str_eq(at("1.2.3"), "");         /* a version number */
    ck_assert_str_eq(at("4/9"), "");           /* a bare day/month needs a keyword */
    ck_assert_str_eq(at("năm ASEAN"), "");
    ck_assert_str_eq(at("ngày 3 đến 2-12"), ""); /* a range runs forwards */
    ck_assert_str_eq(at("Sáng kiến"), "");
    ck_assert_str_eq(at("2023-11-08T10:00"), ""); /* runs on into a word */
    ck_assert_str_eq(at("25/09/1850"), "");     /* years 1900-2100 */
    ck_assert_str_eq(at("2019/9/25"), "");      /* year first: YYYY-MM[-DD] only */
    ck_assert_str_eq(at("(12/3"), "");
}
END_TEST

START_TEST(datelines)
{
    ck_assert_str_eq(first("Cập nhật: 25/09/2019"), "2019-09-25");
    ck_assert_str_eq(first("date 2024-01"), "2024-01");
    ck_assert_str_eq(first("Thứ Tư, 5-3-2024 10:30"), "2024-03-05");
    ck_assert_str_eq(first("2023-11-08T10:00"), "2023-11-08");
    ck_assert_str_eq(first("Sáng 30/1"), "");
    ck_assert_str_eq(first("32/01/2024"), "");
    ck_assert_str_eq(first("10:30"), "");
    ck_assert_str_eq(first("10:30 25/09/2019 (GMT+7)"), "2019-09-25");
}
END_TEST

/* What datelines accept and running text does not (kept from the two parsers this one replaces). */
START_TEST(datelines_are_lenient)
{
    ck_assert_str_eq(first("31/02/2020"), "2020-02-31");
    ck_assert_str_eq(first("25/09/1850"), "1850-09-25");
    ck_assert_str_eq(first("2019/9/25"), "2019-09-25");
    ck_assert_str_eq(first("2024.1"), "2024-01");
    ck_assert_str_eq(first("Ngày đăng:25/09/2019/1"), "2019-09-25");
    ck_assert_str_eq(first("2024-01-45"), "2024-01"); /* a bad day leaves the month */
    ck_assert_str_eq(first("1.2.3 và 0999-01"), "");
}
END_TEST

START_TEST(iso_forms)
{
    char buf[16];
    ck_assert_uint_eq(vi_date_iso((vi_date){ 2019, 9, 25 }, buf, sizeof buf), 10);
    ck_assert_str_eq(buf, "2019-09-25");
    vi_date_iso((vi_date){ 2023, 11, 0 }, buf, sizeof buf);
    ck_assert_str_eq(buf, "2023-11");
    vi_date_iso((vi_date){ 2015, 0, 0 }, buf, sizeof buf);
    ck_assert_str_eq(buf, "2015");
    vi_date_iso((vi_date){ 0, 9, 11 }, buf, sizeof buf);
    ck_assert_str_eq(buf, "--09-11");
    vi_date_iso((vi_date){ 0, 9, 0 }, buf, sizeof buf);
    ck_assert_str_eq(buf, "--09");
    char small[5];
    ck_assert_uint_eq(vi_date_iso((vi_date){ 2019, 9, 25 }, small, sizeof small), 4);
    ck_assert_str_eq(small, "2019");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vi_date");
    TCase *t = tcase_create("dates");
    tcase_add_test(t, running_text_forms);
    tcase_add_test(t, running_text_rejections);
    tcase_add_test(t, datelines);
    tcase_add_test(t, datelines_are_lenient);
    tcase_add_test(t, iso_forms);
    suite_add_tcase(s, t);
    return check_run(s);
}

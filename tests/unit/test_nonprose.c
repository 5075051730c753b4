/* Unit tests: text that is not prose (URLs, e-mail addresses, file names) and the
 * resolver dropping entities that reach into it. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "docpipe/docpipe.h"
#include "internal.h"
#include "check_run.h"

/* Every span of s as "kind:text|kind:text". */
static const char *spans(const char *s, char *buf, size_t size)
{
    size_t len = strlen(s), from = 0, a, b, o = 0;
    dp_nonprose_kind k;
    buf[0] = '\0';
    while ((k = dp_text_nonprose_next(s, len, from, &a, &b)) != DP_NONPROSE_NONE) {
        o += (size_t)snprintf(buf + o, size - o, "%s%s:%.*s", o ? "|" : "", dp_nonprose_kind_name(k),
                              (int)(b - a), s + a);
        ck_assert(b > a && b <= len);
        from = b;
    }
    return buf;
}

START_TEST(urls_emails_and_file_names_are_found)
{
    char buf[512];
    ck_assert_str_eq(spans("Nguồn:https://www.qdnd.vn/quoc-te/hop-tac-754062", buf, sizeof buf),
                     "url:https://www.qdnd.vn/quoc-te/hop-tac-754062");
    /* trailing punctuation of the sentence is not part of it */
    ck_assert_str_eq(spans("Xem tại https://tintuc.example.vn/a-b.html.", buf, sizeof buf),
                     "url:https://tintuc.example.vn/a-b.html");
    ck_assert_str_eq(spans("(xem www.baolangson.vn), rồi", buf, sizeof buf), "url:www.baolangson.vn");
    ck_assert_str_eq(spans("Theo qdnd.vn", buf, sizeof buf), "url:qdnd.vn");
    ck_assert_str_eq(spans("Theo VnExpress.net/the-gioi hôm nay", buf, sizeof buf),
                     "url:VnExpress.net/the-gioi");
    ck_assert_str_eq(spans("liên hệ: toasoan@baomau.example.vn hoặc", buf, sizeof buf),
                     "email:toasoan@baomau.example.vn");
    ck_assert_str_eq(spans("quang-canh-doi-thoai.jpg\nHai đoàn", buf, sizeof buf),
                     "filename:quang-canh-doi-thoai.jpg");
    ck_assert_str_eq(spans("tải về bao-cao_2024.PDF và img-4797.jpg", buf, sizeof buf),
                     "filename:bao-cao_2024.PDF|filename:img-4797.jpg");
    /* a URL right after a word's punctuation, and one whose path has letters beyond ASCII */
    ck_assert_str_eq(spans("xem:https://vi.wikipedia.org/wiki/Hà_Nội”.", buf, sizeof buf),
                     "url:https://vi.wikipedia.org/wiki/Hà_Nội");
    ck_assert_str_eq(spans("a http://x.vn b ftp://files.example.org/a.zip", buf, sizeof buf),
                     "url:http://x.vn|url:ftp://files.example.org/a.zip");
}
END_TEST

START_TEST(prose_is_left_alone)
{
    char buf[512];
    const char *const prose[] = {
        "TP.HCM, ngày 5.3, v.v. và Th.S Nguyễn",          /* abbreviations, no TLD */
        "Tầm nhìn Vientiane 2.0 với 1.200.000 đồng",      /* numbers */
        "ADMM+ lần thứ 16. Tiếp theo",                     /* a sentence end */
        "Hội nghị.Sau đó",                                  /* a missing space, capital */
        "http:// và https://",                              /* a scheme without a host */
        "a@b, @qdnd, tên@miền",                             /* not e-mail addresses */
        "file.exe .jpg x..jpg",                             /* unknown extension, no name */
        "abc.xyz1 qdnd.vnđ",                                /* no TLD; a word goes on */
        "",
    };
    for (size_t i = 0; i < sizeof prose / sizeof *prose; i++)
        ck_assert_msg(strcmp(spans(prose[i], buf, sizeof buf), "") == 0, "%s: found %s", prose[i], buf);
}
END_TEST

START_TEST(spans_start_at_a_token_start)
{
    char buf[512];
    /* inside a word or an address, nothing starts */
    ck_assert_str_eq(spans("Báoqdnd.vn", buf, sizeof buf), "");
    ck_assert_str_eq(spans("x/qdnd.vn", buf, sizeof buf), "");
    size_t a, b;
    const char *s = "Theo qdnd.vn và www.vov.vn";
    ck_assert_int_eq(dp_text_nonprose_next(s, strlen(s), 6, &a, &b), DP_NONPROSE_URL);
    ck_assert_uint_eq(a, strlen("Theo qdnd.vn và "));
    ck_assert_str_eq(dp_nonprose_kind_name(DP_NONPROSE_FILENAME), "filename");
    ck_assert_ptr_null(dp_nonprose_kind_name(DP_NONPROSE_NONE));
}
END_TEST

START_TEST(doc_nonprose_is_cached_and_queried)
{
    const char *t = "Theo qdnd.vn. Nguồn: https://www.qdnd.vn/quoc-te/a-1.html và anh.jpg";
    dp_doc *d = dp_doc_new("a", NULL);
    ck_assert_int_eq(dp_doc_set_text(d, t, strlen(t)), 0);
    size_t n = 99;
    const dp_nonprose_span *v = dp_doc_nonprose(d, &n);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(v[0].kind, DP_NONPROSE_URL);
    ck_assert_int_eq(v[2].kind, DP_NONPROSE_FILENAME);
    size_t url = (size_t)(strstr(t, "https") - t), qdnd = (size_t)(strstr(t, "qdnd.vn/") - t);
    /* inside the URL: in; the whole URL or the whole bare host: not in; prose: not in */
    ck_assert_int_eq(dp_doc_in_nonprose(d, qdnd, qdnd + 4), DP_NONPROSE_URL);
    ck_assert_int_eq(dp_doc_in_nonprose(d, url - 7, url + 3), DP_NONPROSE_URL);
    ck_assert_int_eq(dp_doc_in_nonprose(d, url, v[1].end), DP_NONPROSE_NONE);
    ck_assert_int_eq(dp_doc_in_nonprose(d, 5, 12), DP_NONPROSE_NONE);
    ck_assert_int_eq(dp_doc_in_nonprose(d, 0, 4), DP_NONPROSE_NONE);
    ck_assert_int_eq(dp_doc_in_nonprose(d, v[2].start, v[2].start + 3), DP_NONPROSE_FILENAME);
    /* a new text drops the cache */
    ck_assert_int_eq(dp_doc_set_text(d, "không có gì", strlen("không có gì")), 0);
    ck_assert_ptr_nonnull(dp_doc_nonprose(d, &n));
    ck_assert_uint_eq(n, 0);
    dp_doc_free(d);
}
END_TEST

START_TEST(resolver_drops_entities_inside_urls_only)
{
    const char *t = "Báo qdnd đưa tin. Theo qdnd.vn. Nguồn: https://www.qdnd.vn/quoc-te/viet-nam-12-3.html";
    dp_doc *d = dp_doc_new("a", NULL);
    ck_assert_int_eq(dp_doc_set_text(d, t, strlen(t)), 0);
    size_t prose = 4, bare = (size_t)(strstr(t, "qdnd.vn.") - t), url = (size_t)(strstr(t, "https") - t);
    size_t in_url = (size_t)(strstr(t, "www.qdnd") - t) + 4, date = (size_t)(strstr(t, "12-3") - t);
    size_t url_end = strlen(t);
    dp_harness_doc_instance(d, "r");
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, prose, prose + 4, "ORG"));      /* prose: kept */
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, bare, bare + 7, "ORG"));        /* the whole host: kept */
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, in_url, in_url + 4, "ORG"));    /* inside: dropped */
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, date, date + 4, "DATE"));       /* inside: dropped */
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, url - 7, url + 5, "MISC"));     /* straddles: dropped */
    ck_assert_ptr_nonnull(dp_doc_entity_add(d, url, url_end, "URL"));          /* the URL itself: kept */
    ck_assert_int_eq(dp_doc_entities_resolve(d, 1), 0);
    ck_assert_uint_eq(dp_doc_entity_count(d), 3);
    ck_assert_uint_eq(dp_doc_entity_at(d, 0)->start, prose);
    ck_assert_uint_eq(dp_doc_entity_at(d, 1)->start, bare);
    ck_assert_str_eq(dp_doc_entity_at(d, 2)->type, "URL");
    dp_doc_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("nonprose");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, urls_emails_and_file_names_are_found);
    tcase_add_test(tc, prose_is_left_alone);
    tcase_add_test(tc, spans_start_at_a_token_start);
    tcase_add_test(tc, doc_nonprose_is_cached_and_queried);
    tcase_add_test(tc, resolver_drops_entities_inside_urls_only);
    suite_add_tcase(s, tc);
    return check_run(s);
}

/* Unit tests of the html source. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static dp_instance *make(void)
{
    char err[512] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, NULL, 0, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

static dp_doc *parse(dp_instance *inst, const char *bytes, size_t len, int *rc)
{
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_raw(d, bytes, len), 0);
    char err[512] = "";
    *rc = dp_harness_process(inst, d, err, sizeof err);
    return d;
}

static const char *values(dp_doc *d, const char *key, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < dp_doc_field_count(d); i++) {
        const dp_field *f = dp_doc_field_at(d, i);
        if (strcmp(f->key, key) != 0) continue;
        int w = snprintf(buf + used, size - used, "%s%s", used ? "|" : "", f->value);
        ck_assert(w >= 0 && (size_t)w < size - used);
        used += (size_t)w;
    }
    return buf;
}

static const char *seg_text(dp_doc *d, size_t i, char *buf, size_t size)
{
    const dp_segment *s = dp_doc_segment_at(d, i);
    const char *t = dp_doc_text(d, NULL);
    size_t n = s->end - s->start < size - 1 ? s->end - s->start : size - 1;
    memcpy(buf, t + s->start, n);
    buf[n] = '\0';
    return buf;
}

static void check_segments(dp_doc *d)
{
    size_t len, prev = 0;
    dp_doc_text(d, &len);
    for (size_t i = 0; i < dp_doc_segment_count(d); i++) {
        const dp_segment *s = dp_doc_segment_at(d, i);
        ck_assert_uint_ge(s->start, prev);
        ck_assert_uint_lt(s->start, s->end);
        ck_assert_uint_le(s->end, len);
        prev = s->end;
    }
}

START_TEST(sample_article)
{
    const char *top = getenv("top_srcdir");
    ck_assert_ptr_nonnull(top);
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/html/01_article.html", top);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char raw[1 << 16];
    size_t len = fread(raw, 1, sizeof raw, f);
    fclose(f);
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse(inst, raw, len, &rc);
    ck_assert_int_eq(rc, DP_OK);
    char buf[2048];
    ck_assert_str_eq(values(d, "title", buf, sizeof buf), "Tàu Hải quân Hoàng gia Úc thăm Đà Nẵng");
    ck_assert_str_eq(values(d, "date", buf, sizeof buf), "2024-03-12");
    ck_assert_str_eq(values(d, "datetime", buf, sizeof buf), "2024-03-12T08:30:00+07:00");
    ck_assert_str_eq(values(d, "author", buf, sizeof buf), "Hải Yến");
    ck_assert_str_eq(values(d, "keyword", buf, sizeof buf), "Hải quân|Úc|Đà Nẵng|hợp tác quốc phòng");
    ck_assert_str_eq(values(d, "url", buf, sizeof buf),
                     "https://baomau.example.vn/quoc-phong/tau-hai-quan-uc-tham-da-nang.html");
    ck_assert_str_eq(values(d, "credit", buf, sizeof buf), "Trần Lê Lâm/TTXVN");
    ck_assert_str_eq(dp_doc_lang(d), "vi");
    const char *text = dp_doc_text(d, NULL);
    /* scripts, styles, navigation and the footer are gone; references decoded */
    ck_assert_ptr_null(strstr(text, "analytics"));
    ck_assert_ptr_null(strstr(text, "font-family"));
    ck_assert_ptr_null(strstr(text, "Trang chủ"));
    ck_assert_ptr_null(strstr(text, "Báo Mẫu"));
    ck_assert_ptr_nonnull(strstr(text, "\"tiếp tục mở rộng hợp tác đào tạo & huấn luyện\""));
    ck_assert_ptr_nonnull(strstr(text, "bài viết"));
    ck_assert(strncmp(text, "Tàu Hải quân Hoàng gia Úc thăm Đà Nẵng\n\nHải Yến\n\n", strlen("Tàu Hải quân Hoàng gia Úc thăm Đà Nẵng\n\nHải Yến\n\n")) == 0);
    const char *kinds[] = { "title", "byline", "lede", "paragraph", "caption", "credit",
                            "paragraph", "paragraph", "paragraph", "paragraph" };
    ck_assert_uint_eq(dp_doc_segment_count(d), 10);
    for (size_t i = 0; i < 10; i++) ck_assert_str_eq(dp_doc_segment_at(d, i)->kind, kinds[i]);
    ck_assert_str_eq(seg_text(d, 4, buf, sizeof buf), "Tàu Hải quân Hoàng gia Úc cập cảng Tiên Sa, Đà Nẵng.");
    ck_assert_str_eq(seg_text(d, 5, buf, sizeof buf), "(Ảnh: Trần Lê Lâm/TTXVN)");
    check_segments(d);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(no_article_no_h1)
{
    const char *in = "<html><head><title>Tin mới | Báo X</title></head><body><header>Menu</header>"
                     "<div>Đoạn&nbsp;một\n  có   xuống dòng.</div><ul><li>Mục 1</li><li>Mục 2</li></ul>"
                     "<aside>Quảng cáo</aside></body></html>";
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse(inst, in, strlen(in), &rc);
    ck_assert_int_eq(rc, DP_OK);
    ck_assert_str_eq(dp_doc_field(d, "title"), "Tin mới");
    ck_assert_str_eq(dp_doc_text(d, NULL), "Tin mới\n\nĐoạn một có xuống dòng.\n\nMục 1\n\nMục 2");
    ck_assert_str_eq(dp_doc_segment_at(d, 0)->kind, "title");
    ck_assert_str_eq(dp_doc_segment_at(d, 1)->kind, "lede");
    check_segments(d);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

/* Malformed pages never crash, never print, and give a consistent document. */
static void robust(const char *in, size_t len)
{
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse(inst, in, len, &rc);
    ck_assert(rc == DP_OK || rc == DP_FAILED);
    check_segments(d);
    dp_doc_free(d);
    dp_harness_free(inst);
}

START_TEST(malformed)
{
    /* libxml2 must not write to stderr: redirect it to a file and check it stays empty */
    char tmpl[] = "/tmp/test_html_stderr.XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    robust("", 0);
    robust("   \n ", 5);
    robust("<", 1);
    robust("<html><body><p>unclosed <b>bold <i>x</p></div></span>&bogus; &#xFFFFFF; &#0;", 74);
    robust("<article><figcaption>(Ảnh:)</figcaption></article>", strlen("<article><figcaption>(Ảnh:)</figcaption></article>"));
    robust("<p>a\xC3</p>", 8);
    size_t n = 200000;
    char *deep = malloc(n * 5 + 1);
    ck_assert_ptr_nonnull(deep);
    for (size_t i = 0; i < n; i++) memcpy(deep + i * 5, "<div>", 5);
    robust(deep, n * 5);
    for (size_t i = 0; i < n * 5; i++) deep[i] = (i % 50 == 49) ? ' ' : 'x';
    robust(deep, n * 5);
    free(deep);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(tmpl);
    ck_assert_msg(size == 0, "%lld bytes written to stderr", (long long)size);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("source_html");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sample_article);
    tcase_add_test(tc, no_article_no_h1);
    tcase_add_test(tc, malformed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(suite());
}

/* Unit tests of the news source: the seeds, the project's samples, malformed input. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "../news_parse.h"
#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static dp_instance *make(void)
{
    char err[512] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, NULL, 0, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

/* Run the source on bytes; returns the document (process result in *rc). */
static dp_doc *parse_bytes(dp_instance *inst, const char *bytes, size_t len, int *rc)
{
    dp_doc *d = dp_doc_new("t", "test");
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(dp_doc_set_raw(d, bytes, len), 0);
    char err[512] = "";
    *rc = dp_harness_process(inst, d, err, sizeof err);
    return d;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap + 1);
            ck_assert_ptr_nonnull(buf);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* All values of key joined with "|" ("" when none). */
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

typedef struct expect {
    const char *file;
    const char *title, *date, *author, *category, *keywords, *source, *url, *credit;
    const char *kinds; /* segment kinds that must occur, space-separated */
} expect;

/* Segments must be ordered, non-overlapping, inside the text, non-empty. */
static void check_segments(dp_doc *d)
{
    size_t len;
    dp_doc_text(d, &len);
    size_t prev = 0;
    for (size_t i = 0; i < dp_doc_segment_count(d); i++) {
        const dp_segment *s = dp_doc_segment_at(d, i);
        ck_assert_uint_ge(s->start, prev);
        ck_assert_uint_lt(s->start, s->end);
        ck_assert_uint_le(s->end, len);
        prev = s->end;
    }
}

static int has_kind(dp_doc *d, const char *kind)
{
    for (size_t i = 0; i < dp_doc_segment_count(d); i++)
        if (strcmp(dp_doc_segment_at(d, i)->kind, kind) == 0) return 1;
    return 0;
}

static void check_file(const char *dir, const expect *x)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, x->file);
    size_t len = 0;
    char *raw = slurp(path, &len);
    ck_assert_msg(raw != NULL, "cannot read %s", path);
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse_bytes(inst, raw, len, &rc);
    ck_assert_int_eq(rc, DP_OK);
    char buf[4096];
    const struct { const char *key, *want; } f[] = {
        { "title", x->title }, { "date", x->date }, { "author", x->author },
        { "category", x->category }, { "keyword", x->keywords }, { "source", x->source },
        { "url", x->url }, { "credit", x->credit },
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        ck_assert_msg(strcmp(values(d, f[i].key, buf, sizeof buf), f[i].want) == 0,
                      "%s: %s = \"%s\", expected \"%s\"", x->file, f[i].key, buf, f[i].want);
    ck_assert_str_eq(dp_doc_lang(d), "vi");
    size_t tlen;
    const char *text = dp_doc_text(d, &tlen);
    ck_assert_uint_eq(tlen, len); /* the text is the input itself */
    ck_assert(memcmp(text, raw, len) == 0);
    check_segments(d);
    char kinds[256];
    snprintf(kinds, sizeof kinds, "%s", x->kinds);
    for (char *save = NULL, *k = strtok_r(kinds, " ", &save); k; k = strtok_r(NULL, " ", &save))
        ck_assert_msg(has_kind(d, k), "%s: no %s segment", x->file, k);
    dp_doc_free(d);
    dp_harness_free(inst);
    free(raw);
}

static const expect seeds[] = {
    { "000_554354b5d570196c.txt",
      "Hợp tác quốc phòng Việt Nam – Malaysia đóng góp cho hòa bình, an ninh khu vực", "", "",
      "", "", "qdnd.vn|qdnd.vn|Lạng Sơn",
      "https://www.qdnd.vn/quoc-te/doi-ngoai-quoc-phong/hop-tac-quoc-phong-viet-nam-malaysia-dong-gop-cho-hoa-binh-an-ninh-khu-vuc-754062|"
      "https://baolangson.vn/an-ninh-quoc-phong/628419-hop-tac-quoc-phong-viet-nam-malaysia-dong-gop-cho-hoa-binh-an-ninh-khu-vuc.html",
      "", "title lede paragraph source" },
    { "001_4cd2a26945489b83.txt",
      "Việt Nam cùng các nước ASEAN thúc đẩy quan hệ quốc phòng với Hàn Quốc", "2019-09-25", "",
      "Nội chính", "Thượng tướng Nguyễn Chí Vịnh|Bộ Quốc phòng|ASEAN|Hàn Quốc", "VOVVN", "", "",
      "title date lede paragraph caption related keywords category author source" },
    { "002_ada52825dbfd2fec.txt",
      "Đối thoại Chính sách Quốc phòng Việt Nam-Hàn Quốc lần thứ 12", "", "Trà Khánh",
      "Quân sự", "", "", "", "", "category title lede byline image caption paragraph" },
    { "003_b9b4b2c3d4d0220e.txt", "Thúc đẩy hợp tác quốc phòng giữa ASEAN và các đối tác", "",
      "", "", "", "", "", "", "title lede paragraph" },
    { "004_955f23b05816631c.txt", "", "2024-01", "", "", "", "", "",
      "Phạm Tuân/TTXVN|Phạm Tuân/Nhật Bản", "date caption credit lede paragraph" },
};

static const expect samples[] = {
    { "01_tham-van-viet-han.txt",
      "Việt Nam và Hàn Quốc mở rộng hợp tác đào tạo lực lượng gìn giữ hòa bình", "",
      "Minh Châu", "Quân sự", "", "qdnd.vn", "", "",
      "category title lede byline image caption paragraph source" },
    { "02_adsom-vieng-chan.txt", "Quan chức Quốc phòng cấp cao ASEAN ưu tiên hợp tác an ninh biển",
      "2024-03-14", "Hoàng Yến", "Thời sự", "ADSOM|ADMM+|Bộ Quốc phòng|ASEAN|Lào", "VOVVN", "",
      "", "title date lede caption related keywords category author source" },
    { "03_an-ninh-hang-hai-tokyo.txt", "", "2024-05", "", "", "", "", "",
      "Ngọc Thuỷ/TTXVN|Ngọc Thủy/TTXVN", "date caption credit lede paragraph" },
    { "04_dien-tap-cuu-nan-khanh-hoa.txt",
      "Khánh Hòa tổ chức diễn tập tìm kiếm cứu nạn trên biển có sự tham gia của các nước", "",
      "Thanh Tâm", "Thời sự", "", "", "", "", "category title lede byline image caption" },
    { "05_hop-bao-bo-ngoai-giao.txt",
      "Bộ Ngoại giao trả lời câu hỏi của phóng viên về tình hình Biển Đông và bán đảo Triều Tiên",
      "", "", "", "", "tintuc.example.vn",
      "https://tintuc.example.vn/the-gioi/hop-bao-thuong-ky-bo-ngoai-giao-12-3.html", "",
      "title lede paragraph source" },
    { "06_hoi-nghi-doi-ngoai-quoc-phong.txt",
      "Bộ Quốc phòng sơ kết công tác đối ngoại quốc phòng 6 tháng đầu năm", "", "Quân Anh", "",
      "", "Báo Quân đội nhân dân", "", "", "title byline lede paragraph author source" },
};

START_TEST(seed_files)
{
    const char *dir = getenv("SHARED_SEEDS");
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/%s", dir ? dir : "", seeds[_i].file);
    FILE *f = dir ? fopen(probe, "rb") : NULL;
    if (!f) {
        printf("skipped: seed %s (SHARED_SEEDS=%s not present)\n", seeds[_i].file,
               dir ? dir : "(unset)");
        return;
    }
    fclose(f);
    check_file(dir, &seeds[_i]);
}
END_TEST

START_TEST(sample_files)
{
    const char *top = getenv("top_srcdir");
    ck_assert_msg(top != NULL, "top_srcdir is not set");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/samples", top);
    check_file(dir, &samples[_i]);
}
END_TEST

/* Malformed input never crashes and yields a consistent document. */
static void robust(const char *bytes, size_t len)
{
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse_bytes(inst, bytes, len, &rc);
    ck_assert_int_eq(rc, DP_OK);
    check_segments(d);
    dp_doc_free(d);
    dp_harness_free(inst);
}

START_TEST(malformed_small)
{
    robust("", 0);
    robust("   \n\t\n  ", 8);
    robust("Một dòng duy nhất", strlen("Một dòng duy nhất"));
    robust("\n", 1);
    robust("a.jpg", 5);
    robust(" date 2024-01", 13);
    robust(" date 2024-01 ", 14);
    robust("Nguồn:", strlen("Nguồn:"));
    robust("Từ khóa: , ,;", strlen("Từ khóa: , ,;"));
    robust("(Ảnh)", strlen("(Ảnh)"));
    robust("x (Ảnh:)", strlen("x (Ảnh:)"));
    robust("Cập nhật: 99/99/9999", strlen("Cập nhật: 99/99/9999"));
    robust("|\n|\n|", 5);
}
END_TEST

START_TEST(malformed_blank_lines)
{
    size_t n = 10000;
    char *b = malloc(n + 40);
    ck_assert_ptr_nonnull(b);
    memset(b, '\n', n);
    memcpy(b + n, "Tiêu đề bài\n", strlen("Tiêu đề bài\n"));
    robust(b, n);
    robust(b, n + strlen("Tiêu đề bài\n"));
    free(b);
}
END_TEST

START_TEST(malformed_huge_line)
{
    size_t n = 8u << 20;
    char *b = malloc(n);
    ck_assert_ptr_nonnull(b);
    for (size_t i = 0; i < n; i++) b[i] = (i % 7 == 6) ? ' ' : 'a';
    robust(b, n);
    b[n - 1] = '|';
    robust(b, n);
    free(b);
}
END_TEST

START_TEST(invalid_utf8_fails)
{
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse_bytes(inst, "ab\xC3", 3, &rc);
    ck_assert_int_eq(rc, DP_FAILED);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(dates)
{
    char iso[11];
    ck_assert_uint_eq(news_parse_date("Cập nhật: 25/09/2019", strlen("Cập nhật: 25/09/2019"), iso), 10);
    ck_assert_str_eq(iso, "2019-09-25");
    ck_assert_uint_eq(news_parse_date("date 2024-01", 12, iso), 7);
    ck_assert_str_eq(iso, "2024-01");
    ck_assert_uint_eq(news_parse_date("Thứ Tư, 5-3-2024 10:30", strlen("Thứ Tư, 5-3-2024 10:30"), iso), 10);
    ck_assert_str_eq(iso, "2024-03-05");
    ck_assert_uint_eq(news_parse_date("2023-11-08T10:00", 16, iso), 10);
    ck_assert_str_eq(iso, "2023-11-08");
    ck_assert_uint_eq(news_parse_date("Sáng 30/1", strlen("Sáng 30/1"), iso), 0);
    ck_assert_uint_eq(news_parse_date("32/01/2024", 10, iso), 0);
    ck_assert_uint_eq(news_parse_date("10:30", 5, iso), 0);
}
END_TEST

START_TEST(layout_forms)
{
    /* a category line, a title, a byline before the lede, a caption with a credit,
       the end marker, related headlines and the metadata block */
    const char *in =
        "Thế giới\n\nHải quân hai nước tuần tra chung trên biển\n\nLan Anh\n\n"
        "Sáng 2/3, hai nước tuần tra chung.\n\n"
        "anh-1.JPG\nTàu tuần tra rời cảng. (Ảnh: Văn Điệp/TTXVN)\n\n"
        "Chuyến tuần tra kết thúc tốt đẹp./.\n"
        "Bão số 3 đổ bộ miền Trung\nGiá vàng hôm nay tăng mạnh\n"
        "Tags: hải quân; tuần tra\nChuyên mục: Quốc tế\nNguồn: https://www.example.vn/a.html\n";
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse_bytes(inst, in, strlen(in), &rc);
    ck_assert_int_eq(rc, DP_OK);
    char buf[1024];
    ck_assert_str_eq(values(d, "title", buf, sizeof buf), "Hải quân hai nước tuần tra chung trên biển");
    ck_assert_str_eq(values(d, "author", buf, sizeof buf), "Lan Anh");
    ck_assert_str_eq(values(d, "category", buf, sizeof buf), "Thế giới|Quốc tế");
    ck_assert_str_eq(values(d, "keyword", buf, sizeof buf), "hải quân|tuần tra");
    ck_assert_str_eq(values(d, "keywords", buf, sizeof buf), "hải quân, tuần tra");
    ck_assert_str_eq(values(d, "source", buf, sizeof buf), "example.vn");
    ck_assert_str_eq(values(d, "url", buf, sizeof buf), "https://www.example.vn/a.html");
    ck_assert_str_eq(values(d, "credit", buf, sizeof buf), "Văn Điệp/TTXVN");
    const char *want[] = { "category", "title", "byline", "lede", "image", "caption", "credit",
                           "paragraph", "related", "related", "keywords", "category", "source" };
    ck_assert_uint_eq(dp_doc_segment_count(d), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_str_eq(dp_doc_segment_at(d, i)->kind, want[i]);
    /* the caption segment leaves the credit out; the credit covers the parenthesis */
    const char *text = dp_doc_text(d, NULL);
    const dp_segment *cap = dp_doc_segment_at(d, 5), *cr = dp_doc_segment_at(d, 6);
    ck_assert(strncmp(text + cap->start, "Tàu tuần tra rời cảng.", cap->end - cap->start) == 0);
    ck_assert(strncmp(text + cr->start, "(Ảnh: Văn Điệp/TTXVN)", cr->end - cr->start) == 0);
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(unpunctuated_body_is_not_related)
{
    /* without a punctuated body line nothing is taken for a related headline */
    const char *in = "Tiêu đề bài viết ngắn\n\nDòng một không chấm câu\nDòng hai không chấm câu\n";
    dp_instance *inst = make();
    int rc;
    dp_doc *d = parse_bytes(inst, in, strlen(in), &rc);
    ck_assert_int_eq(rc, DP_OK);
    ck_assert(!has_kind(d, "related"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("source_news");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, seed_files, 0, (int)(sizeof seeds / sizeof seeds[0]));
    tcase_add_loop_test(tc, sample_files, 0, (int)(sizeof samples / sizeof samples[0]));
    tcase_add_test(tc, malformed_small);
    tcase_add_test(tc, malformed_blank_lines);
    tcase_add_test(tc, malformed_huge_line);
    tcase_add_test(tc, invalid_utf8_fails);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, layout_forms);
    tcase_add_test(tc, unpunctuated_body_is_not_related);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(suite());
}

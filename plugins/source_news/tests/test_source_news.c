/* Unit tests of the news source: the seeds, the project's samples, malformed input. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "../news_parse.h"
#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static dp_instance *make_with(const char *const *opts, size_t n)
{
    char err[512] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, n, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

static dp_instance *make(void) { return make_with(NULL, 0); }

/* A province list of the test's own: two names, and a full form that must not count
 * (written before the suite runs). */
static char provinces_path[256];

static void write_provinces(void)
{
    snprintf(provinces_path, sizeof provinces_path, "%s/news-provinces.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(provinces_path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        perror(provinces_path);
        exit(EXIT_FAILURE);
    }
    fputs("# test list\nLạng Sơn\tLOC\tloc:vn:prov:lang-son\tLang Son\tkind=province\n"
          "Tỉnh Quảng Ninh\tLOC\tloc:vn:prov:quang-ninh\tQuang Ninh Province\tform=province\n"
          "Khánh Hoà\n",
          f);
    if (fclose(f) != 0) {
        perror(provinces_path);
        exit(EXIT_FAILURE);
    }
}

static dp_instance *make_with_provinces(void)
{
    char opt[300];
    snprintf(opt, sizeof opt, "provinces=%s", provinces_path);
    const char *opts[] = { opt };
    return make_with(opts, 1);
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
    const char *derived; /* "title_derived|date_inferred" values ("" when stated) */
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
    dp_instance *inst = make_with_provinces();
    int rc;
    dp_doc *d = parse_bytes(inst, raw, len, &rc);
    ck_assert_int_eq(rc, DP_OK);
    char buf[4096], marks[256];
    snprintf(marks, sizeof marks, "%s|%s", dp_doc_field(d, "title_derived") ? dp_doc_field(d, "title_derived") : "",
             dp_doc_field(d, "date_inferred") ? dp_doc_field(d, "date_inferred") : "");
    ck_assert_msg(strcmp(marks, x->derived ? x->derived : "|") == 0, "%s: derived/inferred \"%s\", expected \"%s\"",
                  x->file, marks, x->derived ? x->derived : "|");
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
      "", "", "qdnd.vn|Báo Lạng Sơn",
      "https://www.qdnd.vn/quoc-te/doi-ngoai-quoc-phong/hop-tac-quoc-phong-viet-nam-malaysia-dong-gop-cho-hoa-binh-an-ninh-khu-vuc-754062|"
      "https://baolangson.vn/an-ninh-quoc-phong/628419-hop-tac-quoc-phong-viet-nam-malaysia-dong-gop-cho-hoa-binh-an-ninh-khu-vuc.html",
      "", "title lede paragraph source", NULL },
    { "001_4cd2a26945489b83.txt",
      "Việt Nam cùng các nước ASEAN thúc đẩy quan hệ quốc phòng với Hàn Quốc", "2019-09-25", "",
      "Nội chính", "Thượng tướng Nguyễn Chí Vịnh|Bộ Quốc phòng|ASEAN|Hàn Quốc", "VOVVN", "", "",
      "title date lede paragraph caption related keywords category author source", NULL },
    /* "Ngày 11-9, tại trụ sở …" opens the first paragraph: the date without a year */
    { "002_ada52825dbfd2fec.txt",
      "Đối thoại Chính sách Quốc phòng Việt Nam-Hàn Quốc lần thứ 12", "--09-11", "Trà Khánh",
      "Quân sự", "", "", "", "", "category title lede byline image caption paragraph", "|paragraph" },
    /* dates only inside the body: none inferred */
    { "003_b9b4b2c3d4d0220e.txt", "Thúc đẩy hợp tác quốc phòng giữa ASEAN và các đối tác", "",
      "", "", "", "", "", "", "title lede paragraph", NULL },
    /* no title line: the lede's first sentence */
    { "004_955f23b05816631c.txt",
      "Sáng 30/1, Hội nghị Thứ trưởng Quốc phòng ASEAN-Nhật Bản lần thứ 13 đã diễn ra tại Tokyo "
      "dưới sự chủ trì của ông Serizawa Kiyoshi, Thứ trưởng Phụ trách Đối ngoại của Bộ Quốc "
      "phòng Nhật Bản", "2024-01", "", "", "", "", "",
      "Phạm Tuân/TTXVN|Phạm Tuân/Nhật Bản", "date caption credit lede paragraph", "first sentence|" },
};

static const expect samples[] = {
    { "01_tham-van-viet-han.txt",
      "Việt Nam và Hàn Quốc mở rộng hợp tác đào tạo lực lượng gìn giữ hòa bình", "--10-14",
      "Minh Châu", "Quân sự", "", "qdnd.vn", "", "",
      "category title lede byline image caption paragraph source", "|paragraph" },
    { "02_adsom-vieng-chan.txt", "Quan chức Quốc phòng cấp cao ASEAN ưu tiên hợp tác an ninh biển",
      "2024-03-14", "Hoàng Yến", "Thời sự", "ADSOM|ADMM+|Bộ Quốc phòng|ASEAN|Lào", "VOVVN", "",
      "", "title date lede caption related keywords category author source", NULL },
    /* the credit twice, once with the other tone placement: once */
    { "03_an-ninh-hang-hai-tokyo.txt",
      "Chiều 22/5, tại Tokyo, Hội nghị Chuyên gia An ninh hàng hải ASEAN-Nhật Bản lần thứ 5 đã "
      "khai mạc dưới sự chủ trì của ông Sato Kenji, Cục trưởng Cục Hợp tác quốc tế, Bộ Quốc "
      "phòng Nhật Bản", "2024-05", "", "", "", "", "",
      "Ngọc Thuỷ/TTXVN", "date caption credit lede paragraph", "first sentence|" },
    { "04_dien-tap-cuu-nan-khanh-hoa.txt",
      "Khánh Hòa tổ chức diễn tập tìm kiếm cứu nạn trên biển có sự tham gia của các nước",
      "2024-06-05", "Thanh Tâm", "Thời sự", "", "", "", "",
      "category title lede byline image caption", "|paragraph" },
    { "05_hop-bao-bo-ngoai-giao.txt",
      "Bộ Ngoại giao trả lời câu hỏi của phóng viên về tình hình Biển Đông và bán đảo Triều Tiên",
      "--03-12", "", "", "", "tintuc.example.vn",
      "https://tintuc.example.vn/the-gioi/hop-bao-thuong-ky-bo-ngoai-giao-12-3.html", "",
      "title lede paragraph source", "|lede" },
    { "06_hoi-nghi-doi-ngoai-quoc-phong.txt",
      "Bộ Quốc phòng sơ kết công tác đối ngoại quốc phòng 6 tháng đầu năm", "--07-18", "Quân Anh",
      "", "", "Báo Quân đội nhân dân", "", "", "title byline lede paragraph author source", "|lede" },
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

/* The fields of one article parsed by inst. */
static dp_doc *parse_text(dp_instance *inst, const char *in)
{
    int rc;
    dp_doc *d = parse_bytes(inst, in, strlen(in), &rc);
    ck_assert_int_eq(rc, DP_OK);
    check_segments(d);
    return d;
}

START_TEST(repeated_values_once)
{
    /* the host of the URL and the "Theo" line name one source; a credit, a keyword and a
       category repeated (also with the other tone placement or another case) count once */
    const char *in =
        "Chuyên mục: Quốc tế\n\nHải quân hai nước tuần tra chung trên biển\n\n"
        "Sáng 2/3, hai nước tuần tra chung.\n\n"
        "Tàu rời cảng. (Ảnh: Ngọc Thuỷ/TTXVN)\n\nTàu về cảng. (Ảnh: Ngọc Thủy/TTXVN)\n\n"
        "Kết thúc tốt đẹp./.\n"
        "Từ khóa: hải quân, tuần tra, Hải quân\nThể loại: quốc tế\n"
        "Nguồn:https://www.qdnd.vn/quoc-te/a-1.html\nTheo qdnd.vn\nTheo QDND.VN\n";
    dp_instance *inst = make();
    dp_doc *d = parse_text(inst, in);
    char buf[1024];
    ck_assert_str_eq(values(d, "source", buf, sizeof buf), "qdnd.vn");
    ck_assert_str_eq(values(d, "url", buf, sizeof buf), "https://www.qdnd.vn/quoc-te/a-1.html");
    ck_assert_str_eq(values(d, "credit", buf, sizeof buf), "Ngọc Thuỷ/TTXVN");
    ck_assert_str_eq(values(d, "keyword", buf, sizeof buf), "hải quân|tuần tra");
    ck_assert_str_eq(values(d, "keywords", buf, sizeof buf), "hải quân, tuần tra");
    ck_assert_str_eq(values(d, "category", buf, sizeof buf), "Quốc tế");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(province_source_is_a_newspaper)
{
    const char *in = "Tin ngắn về hợp tác quốc phòng hai nước\n\nHai nước hợp tác.\n\n"
                     "Nguồn Lạng Sơn: https://baolangson.vn/a-1.html\n"
                     "Nguồn khánh hòa: https://baokhanhhoa.vn/b.html\n"
                     "Nguồn Tỉnh Quảng Ninh: https://baoquangninh.vn/c.html\n"
                     "Nguồn VnExpress: https://vnexpress.net/d.html\n";
    dp_instance *inst = make_with_provinces();
    dp_doc *d = parse_text(inst, in);
    char buf[1024];
    /* a province (case and tone placement aside) names its paper; a full form is not in
       the list (form=…); anything else names itself */
    ck_assert_str_eq(values(d, "source", buf, sizeof buf),
                     "Báo Lạng Sơn|Báo khánh hòa|Tỉnh Quảng Ninh|VnExpress");
    ck_assert_str_eq(values(d, "url", buf, sizeof buf),
                     "https://baolangson.vn/a-1.html|https://baokhanhhoa.vn/b.html|"
                     "https://baoquangninh.vn/c.html|https://vnexpress.net/d.html");
    dp_doc_free(d);
    dp_harness_free(inst);
    /* without the option the label is kept as written */
    inst = make();
    d = parse_text(inst, in);
    ck_assert_str_eq(values(d, "source", buf, sizeof buf), "Lạng Sơn|khánh hòa|Tỉnh Quảng Ninh|VnExpress");
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

START_TEST(province_list_errors)
{
    char err[512] = "", opt[300];
    snprintf(opt, sizeof opt, "provinces=%s.missing", provinces_path);
    const char *opts[] = { opt };
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "provinces") && strstr(err, ".missing"), "%s", err);
}
END_TEST

START_TEST(derived_title)
{
    char buf[1024];
    dp_instance *inst = make();
    /* no title line (the first line ends with a full stop): the first sentence */
    dp_doc *d = parse_text(inst, "Sáng 5/3, ông A. Nguyễn đến Hà Nội. Sau đó ông về.\n\nĐoạn hai.\n");
    ck_assert_str_eq(values(d, "title", buf, sizeof buf), "Sáng 5/3, ông A. Nguyễn đến Hà Nội");
    ck_assert_str_eq(values(d, "title_derived", buf, sizeof buf), "first sentence");
    dp_doc_free(d);
    /* a caption and nothing else */
    d = parse_text(inst, " date 2024-01 Hai đoàn chụp ảnh chung. (Ảnh: TTXVN)\n");
    ck_assert_str_eq(values(d, "title", buf, sizeof buf), "Hai đoàn chụp ảnh chung");
    ck_assert_str_eq(values(d, "title_derived", buf, sizeof buf), "caption");
    dp_doc_free(d);
    /* a title line: nothing derived */
    d = parse_text(inst, "Tiêu đề của bài báo\n\nĐoạn một, có dấu chấm.\n");
    ck_assert_str_eq(values(d, "title", buf, sizeof buf), "Tiêu đề của bài báo");
    ck_assert_ptr_null(dp_doc_field(d, "title_derived"));
    dp_doc_free(d);
    dp_harness_free(inst);
    /* a long first sentence is cut at a word, within max_title_len */
    const char *opts[] = { "max_title_len=40" };
    inst = make_with(opts, 1);
    d = parse_text(inst, "Hội nghị Bộ trưởng Quốc phòng các nước ASEAN mở rộng đã diễn ra hôm nay.\n");
    const char *t = dp_doc_field(d, "title");
    ck_assert_str_eq(t, "Hội nghị Bộ trưởng Quốc…");
    ck_assert_uint_le(strlen(t), 40);
    dp_doc_free(d);
    dp_harness_free(inst);
    /* derive = false: nothing */
    const char *off[] = { "derive=false" };
    inst = make_with(off, 1);
    d = parse_text(inst, "Ngày 11-9, tại Seoul, hai bên gặp nhau.\n");
    ck_assert_ptr_null(dp_doc_field(d, "title"));
    ck_assert_ptr_null(dp_doc_field(d, "date"));
    dp_doc_free(d);
    dp_harness_free(inst);
}
END_TEST

/* The date inferred from an article whose opening is `lede` (after a title line). */
static void expect_date(dp_instance *inst, const char *lede, const char *date, const char *from)
{
    char in[1024];
    snprintf(in, sizeof in, "Tiêu đề của bài báo\n\n%s\n\nĐoạn hai. Ngày 1-1-2020 có hội nghị.\n", lede);
    dp_doc *d = parse_text(inst, in);
    const char *got = dp_doc_field(d, "date"), *how = dp_doc_field(d, "date_inferred");
    ck_assert_msg(date ? got && strcmp(got, date) == 0 : got == NULL, "%s: date %s, expected %s", lede,
                  got ? got : "(none)", date ? date : "(none)");
    ck_assert_msg(from ? how && strcmp(how, from) == 0 : how == NULL, "%s: from %s", lede, how ? how : "(none)");
    dp_doc_free(d);
}

START_TEST(inferred_date)
{
    dp_instance *inst = make();
    expect_date(inst, "Ngày 11-9, tại Seoul, hai bên hội đàm.", "--09-11", "lede");
    expect_date(inst, "Sáng 5/3/2024, tại Hà Nội, hai bên hội đàm.", "2024-03-05", "lede");
    expect_date(inst, "Tại họp báo chiều nay (12/3), người phát ngôn trả lời.", "--03-12", "lede");
    expect_date(inst, "Trong ngày 5 tháng 6 năm 2024, tỉnh tổ chức diễn tập.", "2024-06-05", "lede");
    /* not unambiguous: no date rather than a guess */
    expect_date(inst, "Từ ngày 3 đến 5-12 đoàn thăm Việt Nam.", NULL, NULL);      /* a range */
    expect_date(inst, "Ngày 11-9 và ngày 12-9 hai bên gặp nhau.", NULL, NULL);     /* two dates */
    expect_date(inst, "Năm 2023, kim ngạch tăng mạnh.", NULL, NULL);               /* no day */
    expect_date(inst, "Hai bên gặp nhau, ngày 11-9 tại Seoul.", NULL, NULL);       /* not the opening */
    /* a stated date line is kept as it is */
    dp_doc *d = parse_text(inst, "Tiêu đề của bài báo\nCập nhật: 25/09/2019\n\nNgày 11-9, tại Seoul.\n");
    ck_assert_str_eq(dp_doc_field(d, "date"), "2019-09-25");
    ck_assert_ptr_null(dp_doc_field(d, "date_inferred"));
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
    tcase_add_test(tc, repeated_values_once);
    tcase_add_test(tc, province_source_is_a_newspaper);
    tcase_add_test(tc, province_list_errors);
    tcase_add_test(tc, derived_title);
    tcase_add_test(tc, inferred_date);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    write_provinces();
    int rc = check_run(suite());
    unlink(provinces_path);
    return rc;
}

/* Unit tests of the Vietnamese text rules (plugins/lib/vi/vi_text.c): tone placement. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "vi/vi_letters.h"
#include "vi/vi_text.h"
#include "check_run.h"

typedef char *(*norm_fn)(const char *, size_t, size_t *);

static void expect_norm(norm_fn f, const char *in, const char *want)
{
    size_t n = 0;
    char *got = f(in, strlen(in), &n);

    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(n, strlen(want));
    free(got);
}

static char *key(const char *s)
{
    size_t n;
    char *k = dp_text_match_key(s, strlen(s), &vi_text_rules, &n, NULL);

    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(n, strlen(k));
    return k;
}

static void expect_same_key(const char *a, const char *b)
{
    char *ka = key(a), *kb = key(b);

    ck_assert_str_eq(ka, kb);
    free(ka);
    free(kb);
}

static void expect_other_key(const char *a, const char *b)
{
    char *ka = key(a), *kb = key(b);

    ck_assert_str_ne(ka, kb);
    free(ka);
    free(kb);
}

START_TEST(tone_canonical)
{
    expect_norm(vi_tone_canonical, "hoà", "hòa");
    expect_norm(vi_tone_canonical, "hòa", "hòa");
    expect_norm(vi_tone_canonical, "thuỷ", "thủy");
    expect_norm(vi_tone_canonical, "hoá", "hóa");
    expect_norm(vi_tone_canonical, "Hoá", "Hóa");
    expect_norm(vi_tone_canonical, "khoẻ", "khỏe");
    expect_norm(vi_tone_canonical, "Hoà Bình", "Hòa Bình");
    expect_norm(vi_tone_canonical, "HOÀ", "HÒA");
    expect_norm(vi_tone_canonical, "THUỶ", "THỦY");
    /* already canonical / must not move */
    expect_norm(vi_tone_canonical, "quý", "quý");
    expect_norm(vi_tone_canonical, "giá", "giá");
    expect_norm(vi_tone_canonical, "gìn", "gìn");
    expect_norm(vi_tone_canonical, "thuở", "thuở");
    expect_norm(vi_tone_canonical, "người", "người");
    expect_norm(vi_tone_canonical, "hoàng", "hoàng");
    expect_norm(vi_tone_canonical, "thuyền", "thuyền");
    expect_norm(vi_tone_canonical, "mùa", "mùa");
    expect_norm(vi_tone_canonical, "tài", "tài");
    expect_norm(vi_tone_canonical, "Nguyễn", "Nguyễn");
    expect_norm(vi_tone_canonical, "khuỷu", "khuỷu");
    expect_norm(vi_tone_canonical, "café", "café");
    /* misplaced tones move */
    expect_norm(vi_tone_canonical, "hóang", "hoáng");
    expect_norm(vi_tone_canonical, "gía", "giá");
    expect_norm(vi_tone_canonical, "ngừơi", "người");
    expect_norm(vi_tone_canonical, "thuý", "thúy");
    expect_norm(vi_tone_canonical, "quỳnh", "quỳnh");
    expect_norm(vi_tone_canonical, "hoài", "hoài");
    /* decomposed input: NFC in, NFC out */
    expect_norm(vi_tone_canonical, "hoa\xcc\x80 bi\xcc\x80nh", "hòa bình");
    expect_norm(vi_tone_canonical, "Thuỷ quân, Hoà-Bình; 2024", "Thủy quân, Hòa-Bình; 2024");
    expect_same_key("hoà bình", "HÒA   BÌNH");
    expect_same_key("Thuỷ", "thủy");
}
END_TEST

START_TEST(match_key_map)
{
    const char *s = "  BỘ  Quốc\t\nphòng, Hoà\xc2\xa0" "Bình Straße e\xcc\x82\xcc\xa3";
    size_t len = strlen(s), n, *map = NULL, i;
    char *k = dp_text_match_key(s, len, &vi_text_rules, &n, &map);
    const char *want = " bộ quốc phòng, hòa bình strasse ệ";
    const char *words[] = {"bộ", "quốc", "phòng", "hòa", "bình", "strasse", "ệ"};
    const char *surf[] = {"BỘ", "Quốc", "phòng", "Hoà", "Bình", "Straße", "e\xcc\x82\xcc\xa3"};

    ck_assert_ptr_nonnull(k);
    ck_assert_ptr_nonnull(map);
    ck_assert_str_eq(k, want);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_uint_eq(map[n], len);
    ck_assert_uint_eq(map[0], 0);
    for (i = 0; i < n; i++)
        ck_assert_uint_le(map[i], map[i + 1]);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *p = strstr(k, words[i]);
        size_t a, b;

        ck_assert_ptr_nonnull(p);
        a = (size_t)(p - k);
        b = a + strlen(words[i]);
        ck_assert_uint_eq(map[b] - map[a], strlen(surf[i]));
        ck_assert_msg(memcmp(s + map[a], surf[i], strlen(surf[i])) == 0,
                      "slice for %s is '%.*s'", words[i], (int)(map[b] - map[a]), s + map[a]);
    }
    /* the whole key covers the whole input */
    ck_assert(dp_utf8_boundary(s, len, map[n - 1]));
    free(k);
    free(map);

    /* empty input: empty key, map = {0} */
    k = dp_text_match_key("", 0, &vi_text_rules, &n, &map);
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(map[0], 0);
    free(k);
    free(map);
}
END_TEST

START_TEST(rules_are_named_and_shared_per_document)
{
    ck_assert_str_eq(vi_text_rules.name, "vi");
    const char *t = "Khánh Hoà và Thuỷ quân";
    dp_doc *d = dp_doc_new("t", NULL);
    ck_assert_int_eq(dp_doc_set_text(d, t, strlen(t)), 0);
    size_t n1, n2;
    const char *vi = dp_doc_match_key(d, &vi_text_rules, &n1, NULL);
    const char *plain = dp_doc_match_key(d, NULL, &n2, NULL);
    ck_assert_str_eq(vi, "khánh hòa và thủy quân");
    ck_assert_str_eq(plain, "khánh hoà và thuỷ quân");
    /* a second copy of the rules (another plugin linking this library) shares the key by name */
    dp_text_rules copy = vi_text_rules;
    ck_assert_ptr_eq(dp_doc_match_key(d, &copy, NULL, NULL), vi);
    dp_doc_free(d);
}
END_TEST

START_TEST(words_that_are_not_one_syllable_stay)
{
    /* i/y spellings and different words are not tone placement: lists spell them out */
    expect_other_key("Thụy Sĩ", "Thụy Sỹ");
    expect_other_key("hòa", "hóa");
    /* letters of other languages, digits and ASCII pass untouched */
    expect_norm(vi_tone_canonical, "Straße 2024 ADMM-16 naïve", "Straße 2024 ADMM-16 naïve");
    expect_norm(vi_tone_canonical, "", "");
}
END_TEST

/* What vi_letters.h says of cp, worked out from utf8proc's canonical decomposition. */
static unsigned letter_by_utf8proc(int32_t cp)
{
    int32_t d[8];
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
    unsigned dia = 0, tone = 0;
    if (n < 2 || n > 8 || d[0] >= 0x80 || !strchr("aeiouyAEIOUY", (int)d[0])) return 0;
    for (utf8proc_ssize_t k = 1; k < n; k++) {
        unsigned t = d[k] == 0x300 ? 1 : d[k] == 0x301 ? 2 : d[k] == 0x303 ? 3 : d[k] == 0x309 ? 4 : d[k] == 0x323 ? 5 : 0;
        unsigned a = d[k] == 0x302 ? 1 : d[k] == 0x306 ? 2 : d[k] == 0x31B ? 3 : 0;
        if (t && !tone) tone = t;
        else if (a && !dia) dia = a;
        else return 0;
    }
    return (unsigned)d[0] | dia << 7 | tone << 9 | VI_L_OK;
}

START_TEST(letter_tables_agree_with_utf8proc)
{
    for (int32_t cp = 0xC0; cp <= 0x24F; cp++) ck_assert_uint_eq(vi_letters_00c0[cp - 0xC0], letter_by_utf8proc(cp));
    for (int32_t cp = 0x1E00; cp <= 0x1EFF; cp++) ck_assert_uint_eq(vi_letters_1e00[cp - 0x1E00], letter_by_utf8proc(cp));
    /* the composition table gives back every letter */
    for (int v = 0; v < 6; v++)
        for (int dia = 0; dia < 4; dia++)
            for (int tone = 0; tone < 6; tone++)
                for (int up = 0; up < 2; up++) {
                    unsigned c = vi_compose_table[v][dia][tone][up];
                    if (!c || (!dia && !tone)) continue;
                    unsigned e = c >= 0x1E00 ? vi_letters_1e00[c - 0x1E00] : vi_letters_00c0[c - 0xC0];
                    ck_assert_uint_eq(e, (unsigned)("aeiouy"[v] - (up ? 32 : 0)) | (unsigned)dia << 7 |
                                             (unsigned)tone << 9 | VI_L_OK);
                }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vi_text");
    TCase *t = tcase_create("tone");
    tcase_add_test(t, tone_canonical);
    tcase_add_test(t, match_key_map);
    tcase_add_test(t, rules_are_named_and_shared_per_document);
    tcase_add_test(t, words_that_are_not_one_syllable_stay);
    tcase_add_test(t, letter_tables_agree_with_utf8proc);
    suite_add_tcase(s, t);
    return check_run(s);
}

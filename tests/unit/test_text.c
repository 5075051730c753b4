/* Unit tests for docpipe/text.h (core/src/text.c, core/src/decode.c). */
#include <check.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docpipe/docpipe.h"
#include "check_run.h"

/* ---- helpers -------------------------------------------------------------- */

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

static void expect_norm_rules(const dp_text_rules *r, const char *in, const char *want)
{
    size_t n = 0;
    char *got = dp_text_canonical(in, strlen(in), r, &n);

    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(n, strlen(want));
    free(got);
}

static char *key(const char *s)
{
    size_t n;
    char *k = dp_text_match_key(s, strlen(s), NULL, &n, NULL);

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

/* Encode UTF-8 text into a legacy encoding with iconv (the test's own oracle). */
static char *to_legacy(const char *enc, const char *utf8, size_t *outlen)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    size_t il = strlen(utf8), cap = il * 4 + 16, ol = cap;
    char *buf = malloc(cap), *ip = (char *)utf8, *op = buf;

    ck_assert_msg(cd != (iconv_t)-1, "iconv_open %s", enc);
    ck_assert_ptr_nonnull(buf);
    ck_assert_msg(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1, "iconv to %s: %s", enc,
                  strerror(errno));
    ck_assert_msg(iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1, "flush");
    iconv_close(cd);
    *outlen = (size_t)(op - buf);
    return buf;
}

static char *decode_ok(const char *in, size_t len, const char *enc, size_t *outlen)
{
    char *out = NULL;
    size_t n = 0;
    dp_error *err = dp_error_new();
    ck_assert_ptr_nonnull(err);
    int rc = dp_text_decode(in, len, enc, &out, &n, err);

    ck_assert_msg(rc == 0, "decode (%s) failed: %s", enc ? enc : "NULL", dp_error_message(err));
    dp_error_free(err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(strlen(out), n);
    if (outlen)
        *outlen = n;
    return out;
}

static void expect_decode(const char *in, size_t len, const char *enc, const char *want)
{
    char *out = decode_ok(in, len, enc, NULL);

    ck_assert_str_eq(out, want);
    free(out);
}

/* auto-detected decode of a literal without NUL bytes */
#define EXPECT_DECODE(in, want) expect_decode(in, strlen(in), "auto", want)

static void expect_decode_err(const char *in, size_t len, const char *enc,
                              const char *errpart)
{
    char *out = (char *)0x1;
    size_t n = 99;
    dp_error *err = dp_error_new();
    ck_assert_ptr_nonnull(err);
    int rc = dp_text_decode(in, len, enc, &out, &n, err);

    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(dp_error_message(err), errpart) != NULL, "error '%s' lacks '%s'",
                  dp_error_message(err), errpart);
    ck_assert(!dp_error_nomem(err));
    dp_error_free(err);
}

/* "Tiếng Việt" test sentence, NFC. */
static const char VI[] = "Bộ Quốc phòng Việt Nam: Đại tướng Phan Văn Giang, "
                         "thuỷ quân lục chiến, Hoà Bình, người lính, khoẻ mạnh.";
static const char VI_NFD[] =
    "Bo\xcc\xa3\xcc\x82 Quo\xcc\x82\xcc\x81" "c pho\xcc\x80ng"; /* "Bộ Quốc phòng" */

/* ---- validation ----------------------------------------------------------- */

START_TEST(valid_basic)
{
    size_t bad = 99;

    ck_assert(dp_utf8_valid("", 0, NULL));
    ck_assert(dp_utf8_valid(VI, strlen(VI), &bad));
    ck_assert(dp_utf8_valid("\xf0\x9f\x98\x80 ok", 7, NULL));         /* U+1F600 */
    ck_assert(dp_utf8_valid("\xf4\x8f\xbf\xbf", 4, NULL));            /* U+10FFFF */
    ck_assert(!dp_utf8_valid("abc\xc0\xaf", 5, &bad));                /* overlong '/' */
    ck_assert_uint_eq(bad, 3);
    ck_assert(!dp_utf8_valid("\xe0\x80\xaf", 3, &bad));               /* overlong 3-byte */
    ck_assert_uint_eq(bad, 0);
    ck_assert(!dp_utf8_valid("\xf0\x80\x80\xaf", 4, &bad));           /* overlong 4-byte */
    ck_assert(!dp_utf8_valid("ab\xed\xa0\x80", 5, &bad));             /* surrogate D800 */
    ck_assert_uint_eq(bad, 2);
    ck_assert(!dp_utf8_valid("\xf4\x90\x80\x80", 4, &bad));           /* > U+10FFFF */
    ck_assert(!dp_utf8_valid("Vi\xe1\xbb", 4, &bad));                 /* truncated at end */
    ck_assert_uint_eq(bad, 2);
    ck_assert(!dp_utf8_valid("0123456789abcdef\x80", 17, &bad));      /* stray continuation */
    ck_assert_uint_eq(bad, 16);
    ck_assert(!dp_utf8_valid("\xff", 1, NULL));
}
END_TEST

START_TEST(next_and_boundary)
{
    const char *s = "a\xe1\xbb\x87\xf0\x9f\x98\x80\xc3";
    size_t len = strlen(s), pos = 0;

    ck_assert_int_eq(dp_utf8_next(s, len, &pos), 'a');
    ck_assert_uint_eq(pos, 1);
    ck_assert_int_eq(dp_utf8_next(s, len, &pos), 0x1EC7);
    ck_assert_uint_eq(pos, 4);
    ck_assert_int_eq(dp_utf8_next(s, len, &pos), 0x1F600);
    ck_assert_uint_eq(pos, 8);
    ck_assert_int_eq(dp_utf8_next(s, len, &pos), -1); /* truncated: advance by 1 */
    ck_assert_uint_eq(pos, 9);
    ck_assert_int_eq(dp_utf8_next(s, len, &pos), -1);
    ck_assert_uint_eq(pos, 9);

    ck_assert(dp_utf8_boundary(s, len, 0));
    ck_assert(dp_utf8_boundary(s, len, 1));
    ck_assert(!dp_utf8_boundary(s, len, 2));
    ck_assert(!dp_utf8_boundary(s, len, 3));
    ck_assert(dp_utf8_boundary(s, len, 4));
    ck_assert(!dp_utf8_boundary(s, len, 5));
    ck_assert(dp_utf8_boundary(s, len, len));
    ck_assert(!dp_utf8_boundary(s, len, len + 1));
}
END_TEST

/* ---- offsets ----------------------------------------------------------------- */

START_TEST(offsets_multibyte)
{
    const char *s = "Việt Nam \xf0\x9f\x98\x80 ok"; /* "Việt Nam 😀 ok" */
    size_t nam = strlen("Việt "), emoji = strlen("Việt Nam "), ok = emoji + 5;

    ck_assert_uint_eq(nam, 7);
    ck_assert_uint_eq(dp_offset_to_codepoints(s, nam), 5);
    ck_assert_uint_eq(dp_offset_to_utf16(s, nam), 5);
    ck_assert_uint_eq(dp_offset_to_codepoints(s, emoji), 9);
    ck_assert_uint_eq(dp_offset_to_utf16(s, emoji), 9);
    /* the astral character is 1 code point but 2 UTF-16 units */
    ck_assert_uint_eq(dp_offset_to_codepoints(s, ok), 11);
    ck_assert_uint_eq(dp_offset_to_utf16(s, ok), 12);
    ck_assert_uint_eq(dp_offset_to_codepoints(s, strlen(s)), 13);
    ck_assert_uint_eq(dp_offset_to_utf16(s, strlen(s)), 14);
    ck_assert_uint_eq(dp_offset_to_codepoints(s, 0), 0);
}
END_TEST

START_TEST(cursor_forward_backward)
{
    const char *s = "Việt Nam \xf0\x9f\x98\x80 ok đây";
    size_t len = strlen(s), off;
    dp_offset_cursor c;

    dp_offset_cursor_init(&c, s);
    /* forward over every boundary, both units agree with the O(n) functions */
    for (off = 0; off <= len; off++) {
        if (!dp_utf8_boundary(s, len, off))
            continue;
        ck_assert_uint_eq(dp_offset_cursor_codepoints(&c, off), dp_offset_to_codepoints(s, off));
        ck_assert_uint_eq(dp_offset_cursor_utf16(&c, off), dp_offset_to_utf16(s, off));
    }
    /* backward */
    for (off = len + 1; off-- > 0;) {
        if (!dp_utf8_boundary(s, len, off))
            continue;
        ck_assert_uint_eq(dp_offset_cursor_utf16(&c, off), dp_offset_to_utf16(s, off));
        ck_assert_uint_eq(dp_offset_cursor_codepoints(&c, off), dp_offset_to_codepoints(s, off));
    }
    /* jumps */
    ck_assert_uint_eq(dp_offset_cursor_utf16(&c, len), 18);
    ck_assert_uint_eq(dp_offset_cursor_codepoints(&c, 7), 5);
    ck_assert_uint_eq(dp_offset_cursor_utf16(&c, 17), 13);
}
END_TEST

/* ---- normalization ----------------------------------------------------------- */

START_TEST(nfc_of_nfd)
{
    size_t n;
    char *r;

    expect_norm(dp_text_nfc, VI_NFD, "Bộ Quốc phòng");
    expect_norm(dp_text_nfc, VI, VI);
    expect_norm(dp_text_nfc, "plain ascii", "plain ascii");
    expect_norm(dp_text_nfc, "", "");
    /* marks out of canonical order: dot below must come first */
    expect_norm(dp_text_nfc, "e\xcc\x82\xcc\xa3", "ệ");
    /* singleton (Angstrom sign) and Hangul jamo composition */
    expect_norm(dp_text_nfc, "\xe2\x84\xab", "\xc3\x85");
    expect_norm(dp_text_nfc, "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x81");
    /* a combining mark at the very start stays */
    expect_norm(dp_text_nfc, "\xcc\x81" "a", "\xcc\x81" "a");
    /* embedded NUL keeps its length */
    r = dp_text_nfc("a\0b", 3, &n);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(n, 3);
    ck_assert(memcmp(r, "a\0b", 4) == 0);
    free(r);
    /* invalid input → NULL */
    ck_assert_ptr_null(dp_text_nfc("a\xc3", 2, &n));
    ck_assert_ptr_null(dp_text_match_key("a\xc3", 2, NULL, &n, NULL));
}
END_TEST

START_TEST(nfc_long_text)
{
    /* long enough to use the per-call cache; NFD and NFC must agree */
    size_t reps = 200, i, n1, n2;
    size_t l1 = strlen(VI_NFD), l2 = strlen("Bộ Quốc phòng");
    char *a = malloc(reps * (l1 + 1) + 1), *b = malloc(reps * (l2 + 1) + 1), *r;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    a[0] = b[0] = '\0';
    for (i = 0; i < reps; i++) {
        strcat(a, VI_NFD);
        strcat(a, " ");
        strcat(b, "Bộ Quốc phòng");
        strcat(b, " ");
    }
    r = dp_text_nfc(a, strlen(a), &n1);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(r, b);
    free(r);
    r = dp_text_casefold(b, strlen(b), &n2);
    ck_assert_ptr_nonnull(r);
    ck_assert(strncmp(r, "bộ quốc phòng bộ", strlen("bộ quốc phòng bộ")) == 0);
    free(r);
    free(a);
    free(b);
}
END_TEST

START_TEST(casefold)
{
    char *k1, *k2;

    expect_norm(dp_text_casefold, "BỘ QUỐC PHÒNG", "bộ quốc phòng");
    expect_norm(dp_text_casefold, "Đà Nẵng", "đà nẵng");
    expect_norm(dp_text_casefold, "Straße", "strasse");
    k1 = key("BỘ QUỐC PHÒNG");
    k2 = key("Bộ Quốc phòng");
    ck_assert_str_eq(k1, k2);
    ck_assert_str_eq(k1, "bộ quốc phòng");
    free(k1);
    free(k2);
    expect_same_key("BỘ QUỐC PHÒNG", VI_NFD);
}
END_TEST

START_TEST(language_neutral_key)
{
    /* Without language rules the key folds case, NFC and spaces, nothing more:
     * the two Vietnamese tone placements stay two keys. */
    char *a = key("Hoà   BÌNH"), *b = key("hòa bình");
    ck_assert_str_eq(a, "hoà bình");
    ck_assert_str_ne(a, b);
    free(a);
    free(b);
    expect_norm_rules(NULL, "Hoà Bình", "Hoà Bình");
    expect_norm_rules(NULL, "Ho" "a\xcc\x80", "Hoà");
}
END_TEST

/* A toy rule set: a final 'y' of a word becomes 'i' (as in the Vietnamese
 * spellings "Sỹ"/"Sĩ"), and every call is counted in the rules' data. */
static void y_to_i(const dp_text_rules *r, int32_t *w, size_t n)
{
    (*(int *)(void *)(uintptr_t)r->data)++;
    if (w[n - 1] == 'y') w[n - 1] = 'i';
    else if (w[n - 1] == 'Y') w[n - 1] = 'I';
    else if (w[n - 1] == 0x1EF9) w[n - 1] = 0x129; /* ỹ → ĩ */
}

START_TEST(rules_rewrite_words)
{
    int calls = 0;
    dp_text_rules r = { "y-i", y_to_i, &calls };
    const char *s = "Thụy Sỹ,  ANY 2y2 Hy\xcc\x83";
    size_t len = strlen(s), n, *map = NULL;
    char *k = dp_text_match_key(s, len, &r, &n, &map);
    ck_assert_ptr_nonnull(k);
    /* words are runs of letters and marks: "2y2" holds the word "y" */
    ck_assert_str_eq(k, "thụi sĩ, ani 2i2 hĩ");
    ck_assert_int_eq(calls, 5); /* Thụy, Sỹ, ANY, y, Hỹ */
    /* the byte map still points every key byte at the text byte it came from */
    ck_assert_uint_eq(map[n], len);
    const char *p = strstr(k, "sĩ");
    size_t ka = (size_t)(p - k), kb = ka + strlen("sĩ");
    ck_assert_uint_eq(map[kb] - map[ka], strlen("Sỹ"));
    ck_assert(memcmp(s + map[ka], "Sỹ", strlen("Sỹ")) == 0);
    p = strstr(k, "hĩ");
    ck_assert_uint_eq(map[(size_t)(p - k)], len - strlen("Hy\xcc\x83"));
    free(k);
    free(map);
    /* canonical form: the rules, NFC, case and spaces kept */
    expect_norm_rules(&r, "Thụy Sỹ,  ANY", "Thụi Sĩ,  ANI");

    /* a document keeps one key per rule set name */
    dp_doc *d = dp_doc_new("t", NULL);
    ck_assert_int_eq(dp_doc_set_text(d, "Sỹ", strlen("Sỹ")), 0);
    const char *kr = dp_doc_match_key(d, &r, NULL, NULL);
    const char *kn = dp_doc_match_key(d, NULL, NULL, NULL);
    ck_assert_str_eq(kr, "sĩ");
    ck_assert_str_eq(kn, "sỹ");
    calls = 0;
    ck_assert_ptr_eq(dp_doc_match_key(d, &r, NULL, NULL), kr);
    ck_assert_int_eq(calls, 0); /* cached */
    dp_text_rules other = { "other", y_to_i, &calls };
    ck_assert_ptr_ne(dp_doc_match_key(d, &other, NULL, NULL), kr);
    ck_assert_int_eq(calls, 1);
    dp_doc_free(d);
}
END_TEST

START_TEST(match_key_map)
{
    const char *s = "  BỘ  Quốc\t\nphòng, Hoà\xc2\xa0" "Bình Straße e\xcc\x82\xcc\xa3";
    size_t len = strlen(s), n, *map = NULL, i;
    char *k = dp_text_match_key(s, len, NULL, &n, &map);
    const char *want = " bộ quốc phòng, hoà bình strasse ệ";
    const char *words[] = {"bộ", "quốc", "phòng", "hoà", "bình", "strasse", "ệ"};
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
    k = dp_text_match_key("", 0, NULL, &n, &map);
    ck_assert_ptr_nonnull(k);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(map[0], 0);
    free(k);
    free(map);
}
END_TEST

START_TEST(fold_diacritics)
{
    expect_norm(dp_text_fold_diacritics, "Hoàng Xuân Chiến", "Hoang Xuan Chien");
    expect_norm(dp_text_fold_diacritics, "Đà Nẵng", "Da Nang");
    expect_norm(dp_text_fold_diacritics, "đường ĐƯỜNG", "duong DUONG");
    expect_norm(dp_text_fold_diacritics, VI_NFD, "Bo Quoc phong");
    expect_norm(dp_text_fold_diacritics, "Thủy quân lục chiến", "Thuy quan luc chien");
}
END_TEST

/* ---- decode ------------------------------------------------------------------ */

START_TEST(decode_utf8_bom)
{
    expect_decode("\xef\xbb\xbfViệt Nam", strlen("\xef\xbb\xbfViệt Nam"), "auto", "Việt Nam");
    expect_decode("\xef\xbb\xbfViệt Nam", strlen("\xef\xbb\xbfViệt Nam"), NULL, "Việt Nam");
    expect_decode("\xef\xbb\xbfViệt", strlen("\xef\xbb\xbfViệt"), "utf-8", "Việt");
    expect_decode(VI_NFD, strlen(VI_NFD), "UTF-8", "Bộ Quốc phòng");
}
END_TEST

static char *to_utf16(const char *enc, const char *s, int bom, size_t *len)
{
    size_t n, off = bom ? 2 : 0;
    char *raw = to_legacy(enc, s, &n), *r = malloc(n + 2);

    ck_assert_ptr_nonnull(r);
    if (bom) {
        int le = strcmp(enc, "UTF-16LE") == 0;
        r[0] = le ? '\xff' : '\xfe';
        r[1] = le ? '\xfe' : '\xff';
    }
    memcpy(r + off, raw, n);
    free(raw);
    *len = n + off;
    return r;
}

START_TEST(decode_utf16)
{
    const char *text = "Bộ Quốc phòng\r\nViệt Nam \xf0\x9f\x98\x80";
    const char *want = "Bộ Quốc phòng\nViệt Nam \xf0\x9f\x98\x80";
    const char *encs[] = {"UTF-16LE", "UTF-16BE"};
    size_t e, len;
    int bom;

    for (e = 0; e < 2; e++)
        for (bom = 0; bom <= 1; bom++) {
            char *raw = to_utf16(encs[e], text, bom, &len);
            expect_decode(raw, len, "auto", want);
            if (!bom)
                expect_decode(raw, len, encs[e], want);
            free(raw);
        }
    /* a named UTF-16 encoding with a BOM loses the BOM too */
    {
        char *raw = to_utf16("UTF-16LE", "ok", 1, &len);
        expect_decode(raw, len, "utf-16le", "ok");
        free(raw);
    }
}
END_TEST

static void legacy_round_trip(const char *iconv_enc, const char *name, const char *text)
{
    size_t n;
    char *raw = to_legacy(iconv_enc, text, &n);

    /* the legacy bytes really differ from the UTF-8 text */
    ck_assert_msg(n != strlen(text) || memcmp(raw, text, n) != 0, "%s bytes equal UTF-8", name);
    expect_decode(raw, n, name, text);
    free(raw);
}

START_TEST(decode_legacy)
{
    legacy_round_trip("CP1258", "windows-1258", VI);
    legacy_round_trip("CP1258", "cp1258", VI);
    legacy_round_trip("TCVN5712-1", "tcvn3", VI);
    legacy_round_trip("TCVN5712-1", "TCVN", VI);
    legacy_round_trip("VISCII", "viscii", VI);
    legacy_round_trip("UTF-16BE", "utf-16be", VI);
    /* any iconv name */
    legacy_round_trip("ISO-8859-1", "latin1", "café déjà vu");
}
END_TEST

START_TEST(decode_errors)
{
    char big[64];

    expect_decode_err("abc", 3, "foo", "unknown encoding 'foo'");
    expect_decode_err("ab\ncd\xc0\xaf", 7, "auto", "invalid UTF-8 at byte 5 (line 2)");
    expect_decode_err("ab\ncd\xc0\xaf", 7, "utf-8", "invalid UTF-8 at byte 5 (line 2)");
    /* truncated multibyte sequence at the end */
    expect_decode_err("Vi\xe1\xbb", 4, "auto", "invalid UTF-8 at byte 2 (line 1)");
    expect_decode_err("Vi\xe1\xbb", 4, "auto", "truncated");
    /* BOM offsets count in the original input */
    expect_decode_err("\xef\xbb\xbfx\xff", 5, "auto", "invalid UTF-8 at byte 4");
    /* binary: NULs that do not look like UTF-16 */
    memset(big, 'x', sizeof big);
    big[12] = '\0';
    big[13] = '\x89';
    expect_decode_err(big, sizeof big, "auto", "looks binary: NUL byte at 12");
    expect_decode_err("PNG\0\0\0\0\x01\x02\x03", 10, "auto", "looks binary: NUL byte at 3");
    expect_decode_err(big, sizeof big, "windows-1258", "looks binary: NUL byte at 12");
    /* odd-length UTF-16LE (truncated code unit) */
    expect_decode_err("a\0b\0c", 5, "utf-16le", "truncated utf-16le sequence at byte 4");
}
END_TEST

START_TEST(decode_cleanup)
{
    /* NBSP and other spaces, ZWSP/ZWJ/WJ, soft hyphen, BOM inside, controls */
    EXPECT_DECODE("a\xc2\xa0" "b\xe2\x80\x83" "c\xe3\x80\x80" "d", "a b c d");
    expect_decode("Vi\xe2\x80\x8bệt\xe2\x80\x8d N\xe2\x81\xa0" "am",
                  strlen("Vi\xe2\x80\x8bệt\xe2\x80\x8d N\xe2\x81\xa0" "am"), "auto", "Việt Nam");
    expect_decode("quốc\xc2\xadphòng", strlen("quốc\xc2\xadphòng"), "auto", "quốcphòng");
    EXPECT_DECODE("a\xef\xbb\xbf" "b", "ab");
    EXPECT_DECODE("l1\r\nl2\rl3\nl4\r\n\r\n", "l1\nl2\nl3\nl4\n\n");
    EXPECT_DECODE("a\tb\x01\x1b[0m\x07" "c\x0c", "a\tb[0mc");
    EXPECT_DECODE("x\xe2\x80\xa8y", "x\ny");
    /* doubled combining marks */
    EXPECT_DECODE("a\xcc\x81\xcc\x81", "á");
    expect_decode("á\xcc\x81", strlen("á\xcc\x81"), "auto", "á");
    EXPECT_DECODE("e\xcc\xa3\xcc\x82\xcc\xa3", "ệ");
    EXPECT_DECODE("o\xcc\x9b\xcc\x80\xcc\x80" "i", "ời");
    /* different marks stay */
    EXPECT_DECODE("a\xcc\x81\xcc\x88", "á\xcc\x88");
    /* NFC */
    expect_decode(VI_NFD, strlen(VI_NFD), "auto", "Bộ Quốc phòng");
}
END_TEST

START_TEST(decode_empty)
{
    size_t n = 7;
    char *out = decode_ok("", 0, "auto", &n);

    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(out, "");
    free(out);
    out = decode_ok("\xef\xbb\xbf", 3, "auto", &n);
    ck_assert_uint_eq(n, 0);
    free(out);
    out = decode_ok("", 0, "windows-1258", &n);
    ck_assert_uint_eq(n, 0);
    free(out);
    out = decode_ok(NULL, 0, "auto", &n);
    ck_assert_uint_eq(n, 0);
    free(out);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *t = tcase_create("utf8");

    tcase_add_test(t, valid_basic);
    tcase_add_test(t, next_and_boundary);
    tcase_add_test(t, offsets_multibyte);
    tcase_add_test(t, cursor_forward_backward);
    suite_add_tcase(s, t);

    t = tcase_create("normalize");
    tcase_add_test(t, nfc_of_nfd);
    tcase_add_test(t, nfc_long_text);
    tcase_add_test(t, casefold);
    tcase_add_test(t, language_neutral_key);
    tcase_add_test(t, rules_rewrite_words);
    tcase_add_test(t, match_key_map);
    tcase_add_test(t, fold_diacritics);
    suite_add_tcase(s, t);

    t = tcase_create("decode");
    tcase_add_test(t, decode_utf8_bom);
    tcase_add_test(t, decode_utf16);
    tcase_add_test(t, decode_legacy);
    tcase_add_test(t, decode_errors);
    tcase_add_test(t, decode_cleanup);
    tcase_add_test(t, decode_empty);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    return check_run(text_suite());
}

/* Unit tests of the match key's tokens (keyscan.c) and the Latin table they read (latin_table.h). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "docpipe/docpipe.h"
#include "check_run.h"
#include "latin_table.h"

static void expect_token(const dp_tokens *t, const char *text, size_t i, const char *key, const char *surface,
                         unsigned flags)
{
    ck_assert_uint_lt(i, t->n);
    const dp_token *x = &t->v[i];
    ck_assert_msg(x->kend - x->kstart == strlen(key) && !memcmp(t->key + x->kstart, key, strlen(key)),
                  "token %zu: key '%.*s', want '%s'", i, (int)(x->kend - x->kstart), t->key + x->kstart, key);
    ck_assert_msg(x->end - x->start == strlen(surface) && !memcmp(text + x->start, surface, strlen(surface)),
                  "token %zu: text '%.*s', want '%s'", i, (int)(x->end - x->start), text + x->start, surface);
    ck_assert_msg(t->flags[i] == flags, "token %zu ('%s'): flags 0x%x, want 0x%x", i, surface, t->flags[i], flags);
}

START_TEST(tokens_carry_key_and_text_spans)
{
    const char *s = "  BỘ Quốc\tphòng,\nHoà  ADMM-16 2024ngày Straße";
    dp_tokens *t = dp_text_tokens(s, strlen(s), NULL);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->key, " bộ quốc phòng, hoà admm-16 2024ngày strasse");
    ck_assert_uint_eq(t->n, 10);
    enum { W = DP_TOKEN_WORD, SP = DP_TOKEN_SPACE_BEFORE, NL = DP_TOKEN_NEWLINE_BEFORE };
    expect_token(t, s, 0, "bộ", "BỘ", W | DP_TOKEN_UPPER | DP_TOKEN_ALLCAPS | SP);
    expect_token(t, s, 1, "quốc", "Quốc", W | DP_TOKEN_UPPER | SP);
    expect_token(t, s, 2, "phòng", "phòng", W | DP_TOKEN_LOWER | SP);
    expect_token(t, s, 3, ",", ",", 0);
    expect_token(t, s, 4, "hoà", "Hoà", W | DP_TOKEN_UPPER | SP | NL);
    expect_token(t, s, 5, "admm", "ADMM", W | DP_TOKEN_UPPER | DP_TOKEN_ALLCAPS | SP);
    expect_token(t, s, 6, "-", "-", 0);
    expect_token(t, s, 7, "16", "16", W | DP_TOKEN_DIGITS);
    expect_token(t, s, 8, "2024ngày", "2024ngày", W | SP);
    expect_token(t, s, 9, "strasse", "Straße", W | DP_TOKEN_UPPER | SP);
    dp_tokens_free(t);

    /* nothing but space: no token; bad UTF-8: NULL */
    t = dp_text_tokens(" \n ", 3, NULL);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->n, 0);
    ck_assert_str_eq(t->key, " ");
    dp_tokens_free(t);
    ck_assert_ptr_null(dp_text_tokens("a\xc3", 2, NULL));
}
END_TEST

/* Outside the tables (combining marks, other scripts) the general path gives the same tokens. */
START_TEST(tokens_of_the_general_path)
{
    const char *s = "Cafe\xcc\x81 \xed\x95\x9c\xea\xb5\xad \xe4\xb8\xad\xe6\x96\x87. \xef\xac\x81n";
    dp_tokens *t = dp_text_tokens(s, strlen(s), NULL);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->key, "café 한국 中文. fin");
    ck_assert_uint_eq(t->n, 5);
    expect_token(t, s, 0, "café", "Cafe\xcc\x81", DP_TOKEN_WORD | DP_TOKEN_UPPER);
    expect_token(t, s, 1, "한국", "\xed\x95\x9c\xea\xb5\xad", DP_TOKEN_WORD | DP_TOKEN_SPACE_BEFORE);
    expect_token(t, s, 3, ".", ".", 0);
    expect_token(t, s, 4, "fin", "\xef\xac\x81n", DP_TOKEN_WORD | DP_TOKEN_LOWER | DP_TOKEN_SPACE_BEFORE);
    dp_tokens_free(t);
}
END_TEST

/* The document's tokens are computed once per rule set and dropped with the text. */
START_TEST(document_tokens_are_shared)
{
    dp_doc *d = dp_doc_new("t", NULL);
    const char *s = "Bộ Quốc phòng";
    ck_assert_int_eq(dp_doc_set_text(d, s, strlen(s)), 0);
    const dp_tokens *a = dp_doc_tokens(d, NULL);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_eq(dp_doc_tokens(d, NULL), a);
    ck_assert_uint_eq(a->n, 3);
    size_t klen;
    ck_assert_ptr_eq(dp_doc_match_key(d, NULL, &klen, NULL), a->key);
    ck_assert_uint_eq(klen, a->key_len);
    const size_t *map = NULL;
    ck_assert_ptr_eq(dp_doc_match_key(d, NULL, NULL, &map), a->key);
    ck_assert_ptr_nonnull(map);
    ck_assert_uint_eq(map[a->v[2].kstart], a->v[2].start);
    ck_assert_int_eq(dp_doc_set_text(d, "Hà Nội", strlen("Hà Nội")), 0);
    const dp_tokens *b = dp_doc_tokens(d, NULL);
    ck_assert_str_eq(b->key, "hà nội");
    ck_assert_uint_eq(b->n, 2);
    dp_doc_free(d);
}
END_TEST

/* Every row of latin_table.h says what utf8proc says (regenerate it with core/tools/gen_latin_table.c). */
START_TEST(latin_table_agrees_with_utf8proc)
{
    int32_t ranges[4][2] = { { 0x80, 0x24F }, { 0x300, 0x36F }, { 0x1E00, 0x1EFF }, { 0x2000, 0x206F } };
    size_t rows = 0;
    for (int r = 0; r < 4; r++)
        for (int32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++, rows++) {
            int i = dp_latin_index(cp);
            ck_assert_int_eq(i, (int)rows);
            const dp_latin_cp *e = &dp_latin_table[i];
            ck_assert_int_eq(!!(e->flags & LT_WORD), dp_char_is_word(cp));
            ck_assert_int_eq(!!(e->flags & LT_SPACE), dp_char_is_space(cp));
            ck_assert_int_eq(!!(e->flags & LT_UPPER), dp_char_is_upper(cp));
            ck_assert_int_eq(!!(e->flags & LT_LOWER), dp_char_is_lower(cp));
            ck_assert_int_eq(!!(e->flags & LT_LETTER), dp_char_is_letter(cp));
            if (!(e->flags & LT_FAST)) continue;
            ck_assert_int_eq(utf8proc_get_property(cp)->combining_class, 0);
            char in[4];
            utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)in);
            size_t kl;
            char *k = dp_text_casefold(in, (size_t)n, &kl);
            ck_assert_ptr_nonnull(k);
            ck_assert_msg(kl == e->klen && !memcmp(k, e->key, kl), "U+%04X: key form differs", (unsigned)cp);
            free(k);
        }
    ck_assert_uint_eq(rows, sizeof dp_latin_table / sizeof dp_latin_table[0]);
    ck_assert_int_eq(dp_latin_index(0x7F), -1);
    ck_assert_int_eq(dp_latin_index(0x250), -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tokens");
    TCase *t = tcase_create("tokens");
    tcase_add_test(t, tokens_carry_key_and_text_spans);
    tcase_add_test(t, tokens_of_the_general_path);
    tcase_add_test(t, document_tokens_are_shared);
    tcase_add_test(t, latin_table_agrees_with_utf8proc);
    suite_add_tcase(s, t);
    return check_run(s);
}

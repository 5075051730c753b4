/* Unit tests: the TSV data loader (docpipe/tsv.h), its errors with file:line. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docpipe/docpipe.h"
#include "check_run.h"

static char dir[] = "/tmp/dp_tsv_XXXXXX";

static const char *write_file(const char *name, const char *content, size_t len)
{
    static char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(content, 1, len, f), len);
    fclose(f);
    return path;
}

START_TEST(rows_comments_blanks_crlf)
{
    const char *text = "# surface\ttype\n"
                       "Hàn Quốc\tLOC\tloc:kr\tSouth Korea\r\n"
                       "\n"
                       "Lào\tLOC\tla\tLaos\tkind=country\n"
                       "\tLOC\tx\t\n"       /* empty first and last columns are "" */
                       "Huế\tLOC\thue\tHue"; /* no final LF */
    const char *path = write_file("rows.tsv", text, strlen(text));
    dp_tsv *t = dp_tsv_open(path);
    ck_assert_ptr_nonnull(t);
    dp_tsv_expect(t, 4, 5, "surface, type, id, english[, attrs]");
    dp_tsv_row r;
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_uint_eq(r.line, 2);
    ck_assert_uint_eq(r.n, 4);
    ck_assert_str_eq(r.col[0], "Hàn Quốc");
    ck_assert_str_eq(r.col[3], "South Korea"); /* the CR is gone */
    ck_assert_uint_eq(r.len[0], strlen("Hàn Quốc"));
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_uint_eq(r.line, 4);
    ck_assert_uint_eq(r.n, 5);
    ck_assert_str_eq(r.col[4], "kind=country");
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_uint_eq(r.line, 5);
    ck_assert_str_eq(r.col[0], "");
    ck_assert_uint_eq(r.len[3], 0);
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_uint_eq(r.line, 6);
    ck_assert_str_eq(r.col[3], "Hue");
    ck_assert_int_eq(dp_tsv_next(t, &r), 0);
    ck_assert_int_eq(dp_tsv_next(t, &r), 0);
    ck_assert_str_eq(dp_tsv_error(t), "");
    dp_tsv_close(t);
}
END_TEST

START_TEST(lines_are_handed_over_in_nfc)
{
    const char *nfd = "Bo\xcc\x9b\xcc\x80 bie\xcc\x82\xcc\x89n\tx\n"; /* "Bờ biển" decomposed */
    dp_tsv *t = dp_tsv_open_buffer("nfd.tsv", nfd, strlen(nfd));
    dp_tsv_expect(t, 2, 2, NULL);
    dp_tsv_row r;
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_str_eq(r.col[0], "Bờ biển");
    ck_assert_uint_eq(r.len[0], strlen("Bờ biển"));
    dp_tsv_close(t);
}
END_TEST

/* Read name/content until an error; the message must be exactly want. */
static void expect_error(const char *content, size_t len, size_t min, size_t max, const char *columns,
                         const char *want)
{
    dp_tsv *t = dp_tsv_open_buffer("lists/x.tsv", content, len);
    ck_assert_ptr_nonnull(t);
    dp_tsv_expect(t, min, max, columns);
    dp_tsv_row r;
    int rc;
    while ((rc = dp_tsv_next(t, &r)) > 0) {
    }
    ck_assert_int_eq(rc, -1);
    ck_assert_str_eq(dp_tsv_error(t), want);
    ck_assert_int_eq(dp_tsv_next(t, &r), -1); /* stays failed */
    dp_tsv_close(t);
}

START_TEST(column_counts_name_file_line_and_expectation)
{
    const char *s = "a\tb\tc\td\n# c\nViệt Nam\tLOC\tloc:vn\n";
    expect_error(s, strlen(s), 4, 5, "surface, type, id, english[, attrs]",
                 "lists/x.tsv:3: expected 4 or 5 TAB-separated columns (surface, type, id, english[, attrs]), found 3");
    s = "a\tb\tc\td\te\tf\n";
    expect_error(s, strlen(s), 4, 5, NULL, "lists/x.tsv:1: expected 4 or 5 TAB-separated columns, found 6");
    s = "vi\ten\n";
    expect_error(s, strlen(s), 3, 0, "vi, en, kind[, note]",
                 "lists/x.tsv:1: expected at least 3 TAB-separated columns (vi, en, kind[, note]), found 2");
    s = "ok\nsyllable\tcount\n";
    expect_error(s, strlen(s), 1, 1, "syllable", "lists/x.tsv:2: expected 1 TAB-separated column (syllable), found 2");
    s = "a\tb\n";
    expect_error(s, strlen(s), 3, 3, NULL, "lists/x.tsv:1: expected 3 TAB-separated columns, found 2");
    s = "a\n";
    expect_error(s, strlen(s), 2, 6, NULL, "lists/x.tsv:1: expected 2 to 6 TAB-separated columns, found 1");
}
END_TEST

START_TEST(bad_bytes_name_file_line)
{
    const char *s = "A\tLOC\na\tL\xe0o\n";
    expect_error(s, strlen(s), 2, 2, NULL, "lists/x.tsv:2: invalid UTF-8 at byte 4 of the line");
    const char nul[] = "A\tB\nC\0D\tE\n";
    expect_error(nul, sizeof nul - 1, 2, 2, NULL, "lists/x.tsv:2: NUL byte in the line");
    /* invalid bytes in a comment are nobody's business */
    const char *c = "# L\xe0o\nA\tB\n";
    dp_tsv *t = dp_tsv_open_buffer("c.tsv", c, strlen(c));
    dp_tsv_row r;
    ck_assert_int_eq(dp_tsv_next(t, &r), 1);
    ck_assert_uint_eq(r.line, 2);
    dp_tsv_close(t);
}
END_TEST

START_TEST(callers_complaints_and_file_errors)
{
    const char *path = write_file("kinds.tsv", "Bộ\tMinistry\thead\nBộ\tMinistry of\theadword\n",
                                  strlen("Bộ\tMinistry\thead\nBộ\tMinistry of\theadword\n"));
    dp_tsv *t = dp_tsv_open(path);
    dp_tsv_expect(t, 3, 4, NULL);
    dp_tsv_row r;
    int rc;
    while ((rc = dp_tsv_next(t, &r)) > 0)
        if (strcmp(r.col[2], "head") != 0) {
            ck_assert_int_eq(dp_tsv_fail(t, "unknown kind '%s'", r.col[2]), -1);
            break;
        }
    char want[600];
    snprintf(want, sizeof want, "%s:2: unknown kind 'headword'", path);
    ck_assert_str_eq(dp_tsv_error(t), want);
    ck_assert_int_eq(dp_tsv_next(t, &r), -1);
    ck_assert_str_eq(dp_tsv_name(t), path);
    dp_tsv_close(t);

    char missing[400];
    snprintf(missing, sizeof missing, "%s/none.tsv", dir);
    t = dp_tsv_open(missing);
    ck_assert_int_eq(dp_tsv_next(t, &r), -1);
    snprintf(want, sizeof want, "%s: No such file or directory", missing);
    ck_assert_str_eq(dp_tsv_error(t), want);
    dp_tsv_close(t);

    t = dp_tsv_open(dir);
    ck_assert_int_eq(dp_tsv_next(t, &r), -1);
    snprintf(want, sizeof want, "%s: is a directory", dir);
    ck_assert_str_eq(dp_tsv_error(t), want);
    dp_tsv_close(t);
    dp_tsv_close(NULL);
}
END_TEST

START_TEST(attributes_column)
{
    const char *a = "kind=country; iso2=KR ;;adj=South Korean;note=a=b";
    size_t len = strlen(a), vl;
    const char *v = dp_tsv_attr(a, len, "iso2", &vl);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq((int)vl, 2);
    ck_assert(memcmp(v, "KR", 2) == 0);
    v = dp_tsv_attr(a, len, "adj", &vl);
    ck_assert_uint_eq(vl, strlen("South Korean"));
    v = dp_tsv_attr(a, len, "note", &vl);
    ck_assert(vl == 3 && memcmp(v, "a=b", 3) == 0);
    ck_assert_ptr_null(dp_tsv_attr(a, len, "kin", NULL));
    ck_assert_ptr_null(dp_tsv_attr("", 0, "kind", NULL));

    const char *bad = "kind=country;iso2";
    size_t pos = 0, k, kl, val, vlen;
    ck_assert_int_eq(dp_tsv_attr_next(bad, strlen(bad), &pos, &k, &kl, &val, &vlen), 1);
    ck_assert(kl == 4 && memcmp(bad + k, "kind", 4) == 0);
    ck_assert(vlen == 7 && memcmp(bad + val, "country", 7) == 0);
    ck_assert_int_eq(dp_tsv_attr_next(bad, strlen(bad), &pos, &k, &kl, &val, &vlen), -1);
    ck_assert(kl == 4 && memcmp(bad + k, "iso2", 4) == 0);
    ck_assert_int_eq(dp_tsv_attr_next(bad, strlen(bad), &pos, &k, &kl, &val, &vlen), 0);
    pos = 0;
    ck_assert_int_eq(dp_tsv_attr_next("=x", 2, &pos, &k, &kl, &val, &vlen), -1);
}
END_TEST

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    Suite *s = suite_create("tsv");
    TCase *tc = tcase_create("tsv");
    tcase_add_test(tc, rows_comments_blanks_crlf);
    tcase_add_test(tc, lines_are_handed_over_in_nfc);
    tcase_add_test(tc, column_counts_name_file_line_and_expectation);
    tcase_add_test(tc, bad_bytes_name_file_line);
    tcase_add_test(tc, callers_complaints_and_file_errors);
    tcase_add_test(tc, attributes_column);
    suite_add_tcase(s, tc);
    int rc = check_run(s);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}

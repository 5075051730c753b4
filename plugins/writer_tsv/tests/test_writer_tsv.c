/* Unit tests of the TSV writer: offsets in each unit checked against the text. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

/* U+1F1FB U+1F1F3 (a flag, 2 UTF-16 units each) makes UTF-16 differ from code points. */
static const char TEXT[] =
    "Đoàn 🇻🇳 gặp Bộ Quốc\nphòng Hàn Quốc tại Seoul\tvà \"Đà Nẵng\" \\ hôm nay.";

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/tsv-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, m);
    fclose(m);
    fclose(f);
    return buf;
}

/* Independent of the core: byte offset of `off` units (1: code points, 2: UTF-16). */
static size_t unit_to_byte(const char *s, size_t off, int unit)
{
    size_t b = 0, u = 0;
    while (s[b] && u < off) {
        unsigned char c = (unsigned char)s[b];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        u += (unit == 2 && n == 4) ? 2 : 1;
        b += n;
    }
    ck_assert_uint_eq(u, off);
    return b;
}

static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\') {
            s++;
            ck_assert(*s == 't' || *s == 'n' || *s == 'r' || *s == '\\');
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : '\\';
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static dp_entity *add(dp_doc *doc, const char *surface, const char *type)
{
    const char *text = dp_doc_text(doc, NULL);
    const char *p = strstr(text, surface);
    ck_assert_ptr_nonnull(p);
    dp_harness_doc_instance(doc, "gaz"); /* as if that recognizer were running */
    dp_entity *e = dp_doc_entity_add(doc, (size_t)(p - text), (size_t)(p - text) + strlen(surface),
                                     type);
    ck_assert_ptr_nonnull(e);
    return e;
}

static void check_unit(const char *unit_opt, int unit)
{
    char path[400], opt[420], err[512];
    snprintf(path, sizeof path, "%s/%s.tsv", tmpdir, unit_opt);
    snprintf(opt, sizeof opt, "path=%s", path);
    char uopt[64];
    snprintf(uopt, sizeof uopt, "offset_unit=%s", unit_opt);
    const char *opts[] = { opt, uopt };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 2, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);

    dp_doc *doc = dp_doc_new("tin/01 a", "mem");
    ck_assert_int_eq(dp_doc_set_text(doc, TEXT, strlen(TEXT)), 0);
    dp_entity *e = add(doc, "Bộ Quốc\nphòng Hàn Quốc", "ORG");
    ck_assert_int_eq(dp_entity_set_value(doc, e, "org:kr:mnd"), 0);
    ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", "South Korean\tMinistry"), 0);
    add(doc, "Seoul\tvà", "MISC");
    add(doc, "Đà Nẵng\" \\", "LOC");
    add(doc, "Đoàn", "MISC");
    ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    dp_doc_free(doc);

    char *out = slurp(path);
    ck_assert_ptr_nonnull(out);
    char *save = NULL;
    char *line = strtok_r(out, "\n", &save);
    ck_assert_str_eq(line, "doc_id\ttype\tstart\tend\tsurface\tvalue\tenglish\tinstance");
    int rows = 0;
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        char *col[8];
        char *p = line;
        for (int i = 0; i < 8; i++) {
            col[i] = p;
            char *tab = strchr(p, '\t');
            if (i < 7) {
                ck_assert_msg(tab != NULL, "row %d has %d columns", rows, i + 1);
                *tab = '\0';
                p = tab + 1;
            } else {
                ck_assert_ptr_null(tab);
            }
        }
        for (int i = 0; i < 8; i++)
            unescape(col[i]);
        ck_assert_str_eq(col[0], "tin/01 a");
        size_t s = strtoul(col[2], NULL, 10), en = strtoul(col[3], NULL, 10);
        size_t bs = unit ? unit_to_byte(TEXT, s, unit) : s;
        size_t be = unit ? unit_to_byte(TEXT, en, unit) : en;
        ck_assert_uint_eq(be - bs, strlen(col[4]));
        ck_assert_msg(memcmp(TEXT + bs, col[4], be - bs) == 0, "span %zu-%zu is not '%s'", s, en,
                      col[4]);
        ck_assert_str_eq(col[7], "gaz");
        if (strcmp(col[1], "ORG") == 0) {
            ck_assert_str_eq(col[5], "org:kr:mnd");
            ck_assert_str_eq(col[6], "South Korean\tMinistry");
        }
        rows++;
    }
    ck_assert_int_eq(rows, 4);
    free(out);
}

START_TEST(test_codepoints) { check_unit("codepoint", 1); }
END_TEST
START_TEST(test_utf16) { check_unit("utf16", 2); }
END_TEST
START_TEST(test_bytes) { check_unit("byte", 0); }
END_TEST

START_TEST(test_exact_utf16_value)
{
    /* "Đoàn " = 5 units; the flag = 2 code points, 4 UTF-16 units; " gặp " = 5: 14. */
    char path[400], opt[420], err[512];
    snprintf(path, sizeof path, "%s/exact.tsv", tmpdir);
    snprintf(opt, sizeof opt, "path=%s", path);
    const char *opts[] = { opt, "offset_unit=utf16" };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 2, NULL, err, sizeof err);
    ck_assert_ptr_nonnull(inst);
    dp_doc *doc = dp_doc_new("x", "mem");
    ck_assert_int_eq(dp_doc_set_text(doc, TEXT, strlen(TEXT)), 0);
    add(doc, "Bộ Quốc", "ORG");
    ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    dp_doc_free(doc);
    char *out = slurp(path);
    ck_assert_ptr_nonnull(strstr(out, "\nx\tORG\t14\t21\tBộ Quốc\t\t\tgaz\n"));
    free(out);
}
END_TEST

START_TEST(test_unwritable_path)
{
    char opt[420], err[512], plain[400];
    snprintf(plain, sizeof plain, "%s/plain", tmpdir);
    FILE *f = fopen(plain, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    snprintf(opt, sizeof opt, "path=%s/sub/x.tsv", plain);
    const char *opts[] = { opt };
    err[0] = '\0';
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "plain/sub") != NULL, "message lacks the path: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer_tsv");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_codepoints);
    tcase_add_test(tc, test_utf16);
    tcase_add_test(tc, test_bytes);
    tcase_add_test(tc, test_exact_utf16_value);
    tcase_add_test(tc, test_unwritable_path);
    suite_add_tcase(s, tc);
    return check_run(s);
}

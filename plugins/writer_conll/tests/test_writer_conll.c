/* Unit tests of the CoNLL writer: tokens, IOB2 tags, sentences, columns. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/conll-test.XXXXXX",
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

static void add(dp_doc *doc, const char *surface, int nth, const char *type)
{
    const char *text = dp_doc_text(doc, NULL);
    const char *p = strstr(text, surface);
    while (p && nth-- > 0)
        p = strstr(p + 1, surface);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(dp_doc_entity_add(doc, (size_t)(p - text),
                                            (size_t)(p - text) + strlen(surface), type));
}

static char *run_writer(const char *columns, dp_doc **docs, size_t n)
{
    char path[400], opt[420], err[512];
    snprintf(path, sizeof path, "%s/out/x.conll", tmpdir);
    snprintf(opt, sizeof opt, "path=%s", path);
    const char *opts[] = { opt, columns };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, columns ? 2 : 1, NULL, err,
                                       sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(dp_harness_process(inst, docs[i], err, sizeof err), DP_OK);
    /* Nothing under the final name before the run completes. */
    ck_assert_int_ne(access(path, F_OK), 0);
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    char *out = slurp(path);
    ck_assert_ptr_nonnull(out);
    return out;
}

static const char TEXT1[] =
    "Ngày 14-10, Thượng tướng Lê Quang Hưng thăm Hà Nội. Ông gặp Ngài Kim Seong-ho.\n"
    "Bộ Quốc phòng Hàn Quốc (MND) ở Seoul.";

static const char EXPECT1[] =
    "-DOCSTART- O\n\n"
    "Ngày O\n14-10 O\n, O\nThượng O\ntướng O\nLê B-PER\nQuang I-PER\nHưng I-PER\nthăm O\n"
    "Hà B-LOC\nNội I-LOC\n. O\n\n"
    "Ông O\ngặp O\nNgài O\nKim B-PER\nSeong-ho I-PER\n. O\n\n"
    "Bộ B-ORG\nQuốc I-ORG\nphòng I-ORG\nHàn I-ORG\nQuốc I-ORG\n( O\nMND B-ORG\n) O\nở O\n"
    "Seoul B-LOC\n. O\n\n";

static dp_doc *doc1(void)
{
    dp_doc *doc = dp_doc_new("d1", "mem");
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(dp_doc_set_text(doc, TEXT1, strlen(TEXT1)), 0);
    add(doc, "Lê Quang Hưng", 0, "PER");
    add(doc, "Hà Nội", 0, "LOC");
    add(doc, "Kim Seong-ho", 0, "PER");
    add(doc, "Hàn Quốc", 0, "LOC"); /* nested in the ORG below: dropped in IOB2 */
    add(doc, "Bộ Quốc phòng Hàn Quốc", 0, "ORG");
    add(doc, "MND", 0, "ORG");
    add(doc, "Seoul", 0, "LOC");
    return doc;
}

START_TEST(test_iob2_two_columns)
{
    dp_doc *d = doc1();
    char *out = run_writer(NULL, &d, 1);
    ck_assert_str_eq(out, EXPECT1);
    free(out);
    dp_doc_free(d);
}
END_TEST

START_TEST(test_four_columns_and_boundaries)
{
    static const char T2[] = "Ông đến TP. Hồ Chí Minh hôm nay. Ngài Kim Seong-ho về.";
    dp_doc *docs[2];
    docs[0] = doc1();
    docs[1] = dp_doc_new("d2", "mem");
    ck_assert_int_eq(dp_doc_set_text(docs[1], T2, strlen(T2)), 0);
    add(docs[1], "TP. Hồ Chí Minh", 0, "LOC");
    add(docs[1], "Seong", 0, "PER"); /* inside a token: the token is split */
    char *out = run_writer("columns=4", docs, 2);
    ck_assert_ptr_nonnull(strstr(out, "-DOCSTART- -X- -X- O\n\nNgày _ _ O\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nLê _ _ B-PER\nQuang _ _ I-PER\n"));
    /* second document: no sentence break inside the entity after "TP." */
    ck_assert_ptr_nonnull(strstr(out, "\n-DOCSTART- -X- -X- O\n\nÔng _ _ O\nđến _ _ O\n"
                                      "TP _ _ B-LOC\n. _ _ I-LOC\nHồ _ _ I-LOC\nChí _ _ I-LOC\n"
                                      "Minh _ _ I-LOC\nhôm _ _ O\nnay _ _ O\n. _ _ O\n\n"
                                      "Ngài _ _ O\nKim _ _ O\nSeong _ _ B-PER\n- _ _ O\n"
                                      "ho _ _ O\nvề _ _ O\n. _ _ O\n\n"));
    /* Every token line has 4 columns, every tag is O, B-X or I-X. */
    char *save = NULL;
    for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char a[128], b[8], c[8], tag[64], extra[8];
        ck_assert_int_eq(sscanf(l, "%127s %7s %7s %63s %7s", a, b, c, tag, extra), 4);
        ck_assert(strcmp(tag, "O") == 0 || strncmp(tag, "B-", 2) == 0 ||
                  strncmp(tag, "I-", 2) == 0);
    }
    free(out);
    dp_doc_free(docs[0]);
    dp_doc_free(docs[1]);
}
END_TEST

START_TEST(test_empty_doc)
{
    dp_doc *d = dp_doc_new("empty", "mem");
    char *out = run_writer(NULL, &d, 1);
    ck_assert_str_eq(out, "-DOCSTART- O\n\n");
    free(out);
    dp_doc_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer_conll");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_iob2_two_columns);
    tcase_add_test(tc, test_four_columns_and_boundaries);
    tcase_add_test(tc, test_empty_doc);
    suite_add_tcase(s, tc);
    return check_run(s);
}

/* Unit tests of the brat writer: code-point offsets checked by slicing the .txt. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static const char TEXT[] =
    "Ngày 14-10, tại Hà Nội, Thượng tướng Lê Quang Hưng gặp Ngài Kim Seong-ho.\n"
    "Đoàn Bộ Quốc\nphòng Hàn Quốc thăm Seoul và Đà Nẵng.";

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/brat-test.XXXXXX",
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

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Independent of the core: byte offset of code point cp in s. */
static size_t cp_to_byte(const char *s, size_t cp)
{
    size_t b = 0, c = 0;
    while (s[b] && c < cp) {
        b++;
        while ((s[b] & 0xC0) == 0x80)
            b++;
        c++;
    }
    ck_assert_uint_eq(c, cp);
    return b;
}

static dp_entity *add(dp_doc *doc, const char *surface, const char *type)
{
    const char *text = dp_doc_text(doc, NULL);
    const char *p = strstr(text, surface);
    ck_assert_ptr_nonnull(p);
    dp_harness_doc_instance(doc, "test"); /* as if that recognizer were running */
    dp_entity *e = dp_doc_entity_add(doc, (size_t)(p - text), (size_t)(p - text) + strlen(surface),
                                     type);
    ck_assert_ptr_nonnull(e);
    return e;
}

static dp_doc *make_doc(const char *id)
{
    dp_doc *doc = dp_doc_new(id, "mem");
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(dp_doc_set_text(doc, TEXT, strlen(TEXT)), 0);
    dp_entity *e = add(doc, "14-10", "DATE");
    ck_assert_int_eq(dp_entity_set_value(doc, e, "2024-10-14"), 0);
    e = add(doc, "Hà Nội", "LOC");
    ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", "Hanoi"), 0);
    e = add(doc, "Lê Quang Hưng", "PER");
    ck_assert_int_eq(dp_entity_attr_set(doc, e, "rank", "Thượng tướng"), 0);
    ck_assert_int_eq(dp_entity_attr_set(doc, e, "vietnamese", "true"), 0);
    add(doc, "Kim Seong-ho", "PER");
    e = add(doc, "Bộ Quốc\nphòng Hàn Quốc", "ORG");
    ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", "Ministry of\tNational Defence"), 0);
    add(doc, "Seoul", "LOC");
    add(doc, "Đà Nẵng", "LOC");
    return doc;
}

static dp_instance *make_inst(const char *dir)
{
    char opt[400], err[512];
    snprintf(opt, sizeof opt, "dir=%s", dir);
    const char *opts[] = { opt };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    return inst;
}

START_TEST(test_spans_match_text)
{
    char dir[300], path[400], err[512];
    snprintf(dir, sizeof dir, "%s/out", tmpdir);
    dp_instance *inst = make_inst(dir);
    dp_doc *doc = make_doc("bqp-01");
    ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    dp_doc_free(doc);

    size_t tlen;
    snprintf(path, sizeof path, "%s/bqp-01.txt", dir);
    char *txt = slurp(path, &tlen);
    ck_assert_ptr_nonnull(txt);
    ck_assert_uint_eq(tlen, strlen(TEXT));
    ck_assert_str_eq(txt, TEXT);

    snprintf(path, sizeof path, "%s/bqp-01.ann", dir);
    char *ann = slurp(path, NULL);
    ck_assert_ptr_nonnull(ann);
    int tcount = 0, fragmented = 0, notes = 0, attrs = 0;
    char *save = NULL;
    for (char *line = strtok_r(ann, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == 'A') {
            ck_assert_ptr_nonnull(strstr(line, "\tvietnamese T3"));
            attrs++;
            continue;
        }
        if (line[0] == '#') {
            ck_assert_ptr_nonnull(strstr(line, "\tAnnotatorNotes T"));
            if (strstr(line, "AnnotatorNotes T2\t"))
                ck_assert_ptr_nonnull(strstr(line, "en: Hanoi"));
            if (strstr(line, "AnnotatorNotes T1\t"))
                ck_assert_ptr_nonnull(strstr(line, "value: 2024-10-14"));
            if (strstr(line, "AnnotatorNotes T5\t"))
                ck_assert_ptr_nonnull(strstr(line, "en: Ministry of National Defence"));
            notes++;
            continue;
        }
        ck_assert_int_eq(line[0], 'T');
        tcount++;
        char *tab1 = strchr(line, '\t');
        ck_assert_ptr_nonnull(tab1);
        char *tab2 = strchr(tab1 + 1, '\t');
        ck_assert_ptr_nonnull(tab2);
        *tab2 = '\0';
        const char *surface = tab2 + 1;
        char *spans = strchr(tab1 + 1, ' ');
        ck_assert_ptr_nonnull(spans);
        /* Rebuild the surface from the fragments, joined by one space as brat does. */
        char rebuilt[512] = "";
        size_t rl = 0;
        char *p = spans + 1;
        int nfrag = 0;
        while (*p) {
            char *end;
            unsigned long s = strtoul(p, &end, 10);
            ck_assert_int_eq(*end, ' ');
            unsigned long e = strtoul(end + 1, &end, 10);
            ck_assert_uint_lt(s, e);
            size_t bs = cp_to_byte(txt, s), be = cp_to_byte(txt, e);
            ck_assert_ptr_null(memchr(txt + bs, '\n', be - bs));
            if (nfrag++)
                rebuilt[rl++] = ' ';
            memcpy(rebuilt + rl, txt + bs, be - bs);
            rl += be - bs;
            rebuilt[rl] = '\0';
            p = end;
            if (*p == ';')
                p++;
        }
        if (nfrag > 1)
            fragmented++;
        ck_assert_str_eq(rebuilt, surface);
    }
    ck_assert_int_eq(tcount, 7);
    ck_assert_int_eq(fragmented, 1);
    ck_assert_int_eq(attrs, 1);
    ck_assert_int_ge(notes, 3);
    free(ann);

    /* Known first line, exact code points: "Ngày " is 5 code points, 6 bytes. */
    snprintf(path, sizeof path, "%s/bqp-01.ann", dir);
    ann = slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(ann, "T1\tDATE 5 10\t14-10\n"));
    ck_assert_ptr_nonnull(strstr(ann, "T5\tORG 79 86;87 101\tBộ Quốc phòng Hàn Quốc\n"));
    free(ann);
    free(txt);

    snprintf(path, sizeof path, "%s/annotation.conf", dir);
    char *conf = slurp(path, NULL);
    ck_assert_ptr_nonnull(conf);
    ck_assert_ptr_nonnull(strstr(conf, "[entities]\nDATE\nLOC\nORG\nPER\n"));
    ck_assert_ptr_nonnull(strstr(conf, "vietnamese Arg:<ENTITY>"));
    free(conf);
    snprintf(path, sizeof path, "%s/visual.conf", dir);
    conf = slurp(path, NULL);
    ck_assert_ptr_nonnull(conf);
    ck_assert_ptr_nonnull(strstr(conf, "PER\tbgColor:"));
    free(conf);
}
END_TEST

START_TEST(test_odd_ids)
{
    char dir[300], path[400], err[512];
    snprintf(dir, sizeof dir, "%s/ids", tmpdir);
    dp_instance *inst = make_inst(dir);
    const char *ids[] = { "../escape", "a/b c", "a_b", "" };
    for (size_t i = 0; i < 4; i++) {
        dp_doc *doc = make_doc(ids[i]);
        ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);
        dp_doc_free(doc);
    }
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
    /* Nothing escaped the folder; the plain id kept its name; 4 distinct .txt files. */
    snprintf(path, sizeof path, "%s/escape.txt", tmpdir);
    ck_assert_int_ne(access(path, F_OK), 0);
    snprintf(path, sizeof path, "%s/a_b.txt", dir);
    ck_assert_int_eq(access(path, F_OK), 0);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test $(ls '%s' | grep -c '\\.txt$') -eq 4", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_write_failure_is_fatal)
{
    char dir[300], path[400], err[512];
    snprintf(dir, sizeof dir, "%s/fail", tmpdir);
    dp_instance *inst = make_inst(dir);
    /* A directory where the .ann file should go: the rename must fail. */
    snprintf(path, sizeof path, "%s/x.ann", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/x.ann/keep", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    dp_doc *doc = make_doc("x");
    err[0] = '\0';
    ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_FATAL);
    ck_assert_msg(strstr(err, "x.ann") != NULL, "message lacks the path: %s", err);
    dp_doc_free(doc);
    dp_harness_free(inst);

    /* An output folder below a regular file cannot be created: init fails. */
    snprintf(path, sizeof path, "%s/plain", tmpdir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    char opt[420];
    snprintf(opt, sizeof opt, "dir=%s/plain/sub", tmpdir);
    const char *opts[] = { opt };
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "plain/sub") != NULL, "message lacks the path: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer_brat");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_spans_match_text);
    tcase_add_test(tc, test_odd_ids);
    tcase_add_test(tc, test_write_failure_is_fatal);
    suite_add_tcase(s, tc);
    return check_run(s);
}

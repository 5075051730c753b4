/* Unit tests of the SQLite writer: content, code-point offsets, idempotent re-runs. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <docpipe/docpipe.h>

#include "check_run.h"

extern const dp_plugin docpipe_plugin;

static char tmpdir[256];
static char dbpath[400];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/sqlite-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(dbpath, sizeof dbpath, "%s/db/docs.sqlite", tmpdir);
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static const char *TEXTS[] = {
    "Ngày 14-10, Thượng tướng Lê Quang Hưng tiếp Ngài Kim Seong-ho tại Hà Nội.",
    "Phái đoàn của Đại tá Trần Văn Nam đến Seoul; ông Park Min-jun đón đoàn.",
    "Bà Vũ Thị Nga nói về Biển Đông.",
};
static const char *TITLES[] = { "Tham vấn Việt – Hàn", "Thăm Seoul", "Họp báo" };
static const char *DATES[] = { "2024-10-14", "2024-03-12", "2024-03-14" };

static void add(dp_doc *doc, const char *surface, const char *type, const char *en)
{
    const char *text = dp_doc_text(doc, NULL);
    const char *p = strstr(text, surface);
    ck_assert_ptr_nonnull(p);
    dp_harness_doc_instance(doc, "gaz"); /* as if that recognizer were running */
    dp_entity *e = dp_doc_entity_add(doc, (size_t)(p - text), (size_t)(p - text) + strlen(surface),
                                     type);
    ck_assert_ptr_nonnull(e);
    if (en)
        ck_assert_int_eq(dp_entity_translation_set(doc, e, "en", en), 0);
    ck_assert_int_eq(dp_entity_attr_set(doc, e, "kind", "test"), 0);
}

static dp_doc *make_doc(int i, int fewer)
{
    char id[32];
    snprintf(id, sizeof id, "doc/%d", i);
    dp_doc *doc = dp_doc_new(id, "mem");
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(dp_doc_set_lang(doc, "vi"), 0);
    ck_assert_int_eq(dp_doc_set_text(doc, TEXTS[i], strlen(TEXTS[i])), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "title", TITLES[i]), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "date", DATES[i]), 0);
    ck_assert_int_eq(dp_doc_field_add(doc, "keyword", "quốc phòng"), 0);
    ck_assert_int_eq(dp_doc_translation_add(doc, "en", DP_TARGET_FIELD, "title", "A title",
                                            "gloss", NULL), 0);
    if (i == 0) {
        add(doc, "Lê Quang Hưng", "PER", "Le Quang Hung");
        if (!fewer)
            add(doc, "Kim Seong-ho", "PER", "Kim Seong-ho");
        add(doc, "Hà Nội", "LOC", "Hanoi");
    } else if (i == 1) {
        add(doc, "Trần Văn Nam", "PER", "Tran Van Nam");
        add(doc, "Seoul", "LOC", "Seoul");
        add(doc, "Park Min-jun", "PER", NULL);
    } else {
        add(doc, "Vũ Thị Nga", "PER", "Vu Thi Nga");
        add(doc, "Biển Đông", "LOC", "East Sea");
    }
    return doc;
}

static void run_writer(int fewer)
{
    char opt[420], err[512];
    snprintf(opt, sizeof opt, "path=%s", dbpath);
    const char *opts[] = { opt, "batch=2" };
    dp_instance *inst = dp_harness_new(&docpipe_plugin, opts, 2, NULL, err, sizeof err);
    ck_assert_msg(inst != NULL, "harness: %s", err);
    for (int i = 0; i < 3; i++) {
        dp_doc *doc = make_doc(i, fewer);
        ck_assert_int_eq(dp_harness_process(inst, doc, err, sizeof err), DP_OK);
        dp_doc_free(doc);
    }
    ck_assert_int_eq(dp_harness_flush(inst, err, sizeof err), DP_OK);
    dp_harness_free(inst);
}

static long long scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
    long long v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static void check_counts(sqlite3 *db, long long entities)
{
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM documents"), 3);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM fields"), 9);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM entities"), entities);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM entity_attrs"), entities);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM translations"), 3);
}

START_TEST(test_rerun_replaces)
{
    run_writer(0);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    check_counts(db, 8);
    /* Offsets are code points: slice the stored text with substr (code points in SQLite). */
    sqlite3_stmt *q;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
        "SELECT e.surface, substr(d.text, e.start + 1, e.\"end\" - e.start), e.start "
        "FROM entities e JOIN documents d ON d.id = e.doc_id ORDER BY e.doc_id, e.ord",
        -1, &q, NULL), SQLITE_OK);
    int rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        ck_assert_str_eq((const char *)sqlite3_column_text(q, 0),
                         (const char *)sqlite3_column_text(q, 1));
        rows++;
    }
    sqlite3_finalize(q);
    ck_assert_int_eq(rows, 8);
    /* "Ngày 14-10, Thượng tướng " is 25 code points (33 bytes). */
    ck_assert_int_eq(scalar(db, "SELECT start FROM entities WHERE surface = 'Lê Quang Hưng'"), 25);
    /* The README's example: persons in documents that also mention Seoul, by date. */
    ck_assert_int_eq(sqlite3_prepare_v2(db,
        "SELECT d.date, p.surface FROM entities p JOIN documents d ON d.id = p.doc_id "
        "WHERE p.type = 'PER' AND p.doc_id IN "
        "(SELECT doc_id FROM entities WHERE type = 'LOC' AND surface = ?1) "
        "ORDER BY d.date, p.start", -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, "Seoul", -1, SQLITE_STATIC);
    ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(q, 1), "Trần Văn Nam");
    ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(q, 1), "Park Min-jun");
    ck_assert_int_eq(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM entities WHERE english IS NULL"), 1);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM fields WHERE key = 'title' AND "
                                "value = 'Thăm Seoul'"), 1);
    sqlite3_close(db);

    /* Same input again: same counts.  One entity fewer: replaced, not added. */
    run_writer(0);
    ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    check_counts(db, 8);
    sqlite3_close(db);
    run_writer(1);
    ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    check_counts(db, 7);
    ck_assert_int_eq(scalar(db, "SELECT count(*) FROM entities WHERE surface = 'Kim Seong-ho'"), 0);
    char *mode = NULL;
    sqlite3_stmt *jm;
    ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &jm, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(jm), SQLITE_ROW);
    mode = strdup((const char *)sqlite3_column_text(jm, 0));
    sqlite3_finalize(jm);
    ck_assert_str_eq(mode, "wal");
    free(mode);
    sqlite3_close(db);
}
END_TEST

START_TEST(test_bad_path)
{
    char plain[400], opt[420], err[512];
    snprintf(plain, sizeof plain, "%s/plain", tmpdir);
    FILE *f = fopen(plain, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    snprintf(opt, sizeof opt, "path=%s/sub/x.sqlite", plain);
    const char *opts[] = { opt };
    err[0] = '\0';
    ck_assert_ptr_null(dp_harness_new(&docpipe_plugin, opts, 1, NULL, err, sizeof err));
    ck_assert_msg(strstr(err, "plain/sub") != NULL, "message lacks the path: %s", err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("writer_sqlite");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_rerun_replaces);
    tcase_add_test(tc, test_bad_path);
    suite_add_tcase(s, tc);
    return check_run(s);
}

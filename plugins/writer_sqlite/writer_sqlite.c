/*
 * writer_sqlite — documents, fields, entities, translations and entity
 * attributes in an SQLite database (schema in README.md).
 *
 * One transaction per batch of documents, committed when the batch is full,
 * at each checkpoint and at flush.  A document already in the database is
 * replaced (its rows deleted and inserted again in the same transaction), so
 * running the same input twice, or resuming after a crash, leaves exactly one
 * copy.  SQLite's own journal (WAL) makes each commit atomic: a crash loses at
 * most the uncommitted batch, which --resume processes again.
 * Bound parameters only; entity offsets are code points.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include <docpipe/docpipe.h>

#ifndef SQLITE_OPEN_NOFOLLOW /* SQLite < 3.31 */
#define SQLITE_OPEN_NOFOLLOW 0
#endif

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id TEXT PRIMARY KEY, source TEXT, lang TEXT, title TEXT, date TEXT, text TEXT);\n"
    "CREATE TABLE IF NOT EXISTS fields(\n"
    "  doc_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT, ord INTEGER NOT NULL,\n"
    "  PRIMARY KEY(doc_id, ord));\n"
    "CREATE TABLE IF NOT EXISTS entities(\n"
    "  doc_id TEXT NOT NULL, ord INTEGER NOT NULL, start INTEGER NOT NULL,\n"
    "  \"end\" INTEGER NOT NULL, type TEXT, surface TEXT, value TEXT, english TEXT,\n"
    "  instance TEXT, confidence REAL, PRIMARY KEY(doc_id, ord));\n"
    "CREATE TABLE IF NOT EXISTS translations(\n"
    "  doc_id TEXT NOT NULL, lang TEXT, target TEXT, key TEXT, text TEXT, instance TEXT,\n"
    "  note TEXT);\n"
    "CREATE TABLE IF NOT EXISTS entity_attrs(\n"
    "  doc_id TEXT NOT NULL, entity_ord INTEGER NOT NULL, key TEXT NOT NULL, value TEXT);\n"
    "CREATE INDEX IF NOT EXISTS entities_type_surface ON entities(type, surface);\n"
    "CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS fields_key_value ON fields(key, value);\n"
    "CREATE INDEX IF NOT EXISTS translations_doc ON translations(doc_id);\n"
    "CREATE INDEX IF NOT EXISTS entity_attrs_doc ON entity_attrs(doc_id, entity_ord);\n";

enum {
    S_DEL_FIELDS, S_DEL_ENTITIES, S_DEL_TRANS, S_DEL_ATTRS,
    S_DOC, S_FIELD, S_ENTITY, S_TRANS, S_ATTR, S_COUNT
};

static const char *const SQL[S_COUNT] = {
    "DELETE FROM fields WHERE doc_id = ?1",
    "DELETE FROM entities WHERE doc_id = ?1",
    "DELETE FROM translations WHERE doc_id = ?1",
    "DELETE FROM entity_attrs WHERE doc_id = ?1",
    "INSERT OR REPLACE INTO documents(id, source, lang, title, date, text)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO fields(doc_id, key, value, ord) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO entities(doc_id, ord, start, \"end\", type, surface, value, english,"
    " instance, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "INSERT INTO translations(doc_id, lang, target, key, text, instance, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO entity_attrs(doc_id, entity_ord, key, value) VALUES (?1, ?2, ?3, ?4)",
};

typedef struct sqlite_state {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *st[S_COUNT];
    long long batch;
    long long in_batch; /* documents in the open transaction */
} sqlite_state;

static int db_fail(sqlite_state *s, dp_error *err, const char *what)
{
    return dp_fail(err, DP_FATAL, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int exec(sqlite_state *s, const char *sql, dp_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, sql);
    return DP_OK;
}

static int commit(sqlite_state *s, dp_error *err)
{
    if (s->in_batch == 0)
        return DP_OK;
    int rc = exec(s, "COMMIT", err);
    if (rc == DP_OK)
        s->in_batch = 0;
    return rc;
}

static int bind_text(sqlite3_stmt *q, int i, const char *v, size_t len)
{
    if (!v)
        return sqlite3_bind_null(q, i);
    return sqlite3_bind_text64(q, i, v, len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static int bind_str(sqlite3_stmt *q, int i, const char *v)
{
    return bind_text(q, i, v, v ? strlen(v) : 0);
}

/* Step a fully bound statement and reset it. */
static int run(sqlite_state *s, sqlite3_stmt *q, dp_error *err)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (rc != SQLITE_DONE)
        return dp_fail(err, DP_FATAL, "%s: %s: %s", s->path, sqlite3_sql(q),
                       sqlite3_errstr(rc));
    return DP_OK;
}

static const char *target_name(dp_target t)
{
    return t == DP_TARGET_TEXT ? "text" : t == DP_TARGET_FIELD ? "field" : "segment";
}

static int write_doc(sqlite_state *s, dp_doc *doc, dp_error *err)
{
    const char *id = dp_doc_id(doc) ? dp_doc_id(doc) : "";
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    int rc;
    for (int k = S_DEL_FIELDS; k <= S_DEL_ATTRS; k++) {
        bind_str(s->st[k], 1, id);
        if ((rc = run(s, s->st[k], err)) != DP_OK)
            return rc;
    }
    sqlite3_stmt *q = s->st[S_DOC];
    bind_str(q, 1, id);
    bind_str(q, 2, dp_doc_source(doc));
    bind_str(q, 3, dp_doc_lang(doc));
    bind_str(q, 4, dp_doc_field(doc, "title"));
    bind_str(q, 5, dp_doc_field(doc, "date"));
    bind_text(q, 6, text, tlen);
    if ((rc = run(s, q, err)) != DP_OK)
        return rc;

    q = s->st[S_FIELD];
    for (size_t i = 0; i < dp_doc_field_count(doc); i++) {
        const dp_field *f = dp_doc_field_at(doc, i);
        if (!f || !f->key)
            continue;
        bind_str(q, 1, id);
        bind_str(q, 2, f->key);
        bind_str(q, 3, f->value);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)i);
        if ((rc = run(s, q, err)) != DP_OK)
            return rc;
    }

    dp_offset_cursor cur;
    dp_offset_cursor_init(&cur, text);
    for (size_t i = 0; i < dp_doc_entity_count(doc); i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->start > e->end || e->end > tlen)
            continue;
        q = s->st[S_ENTITY];
        bind_str(q, 1, id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)dp_offset_cursor_codepoints(&cur, e->start));
        sqlite3_bind_int64(q, 4, (sqlite3_int64)dp_offset_cursor_codepoints(&cur, e->end));
        bind_str(q, 5, e->type);
        bind_text(q, 6, text + e->start, e->end - e->start);
        bind_str(q, 7, e->value);
        bind_str(q, 8, dp_entity_translation(e, "en"));
        bind_str(q, 9, e->instance);
        sqlite3_bind_double(q, 10, e->confidence);
        if ((rc = run(s, q, err)) != DP_OK)
            return rc;
        q = s->st[S_ATTR];
        for (size_t k = 0; k < dp_entity_attr_count(e); k++) {
            const dp_field *a = dp_entity_attr_at(e, k);
            if (!a || !a->key)
                continue;
            bind_str(q, 1, id);
            sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
            bind_str(q, 3, a->key);
            bind_str(q, 4, a->value);
            if ((rc = run(s, q, err)) != DP_OK)
                return rc;
        }
        /* Renderings in languages other than English: attributes "lang:xx". */
        for (size_t k = 0; k < dp_entity_translation_count(e); k++) {
            const dp_field *t = dp_entity_translation_at(e, k);
            if (!t || !t->key || strcmp(t->key, "en") == 0)
                continue;
            char key[64];
            snprintf(key, sizeof key, "lang:%s", t->key);
            bind_str(q, 1, id);
            sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
            bind_str(q, 3, key);
            bind_str(q, 4, t->value);
            if ((rc = run(s, q, err)) != DP_OK)
                return rc;
        }
    }

    q = s->st[S_TRANS];
    for (size_t i = 0; i < dp_doc_translation_count(doc); i++) {
        const dp_translation *t = dp_doc_translation_at(doc, i);
        if (!t)
            continue;
        bind_str(q, 1, id);
        bind_str(q, 2, t->lang);
        bind_str(q, 3, target_name(t->target));
        bind_str(q, 4, t->target == DP_TARGET_TEXT ? NULL : t->key);
        bind_str(q, 5, t->text);
        bind_str(q, 6, t->instance);
        bind_str(q, 7, t->note);
        if ((rc = run(s, q, err)) != DP_OK)
            return rc;
    }
    return DP_OK;
}

static int sqlite_process(void *state, dp_doc *doc, dp_error *err)
{
    sqlite_state *s = state;
    int rc;
    if (s->in_batch == 0 && (rc = exec(s, "BEGIN IMMEDIATE", err)) != DP_OK)
        return rc;
    s->in_batch++;
    if ((rc = write_doc(s, doc, err)) != DP_OK)
        return rc; /* fatal: the open batch is rolled back at fini */
    if (s->in_batch >= s->batch)
        return commit(s, err);
    return DP_OK;
}

/* The largest rowid of documents: it only grows while the database is the same one. */
static int max_rowid(sqlite_state *s, long long *out, dp_error *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(rowid), 0) FROM documents", -1, &q, NULL) != SQLITE_OK)
        return db_fail(s, err, "max(rowid)");
    int rc = sqlite3_step(q);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? DP_OK : db_fail(s, err, "max(rowid)");
}

/* Commit the open batch; the token is "rowid=N", the largest rowid of documents then. */
static int sqlite_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    sqlite_state *s = state;
    long long top = 0;
    int rc = commit(s, err);
    if (rc == DP_OK)
        rc = max_rowid(s, &top, err);
    if (size > 0)
        snprintf(token, size, "rowid=%lld", top);
    return rc;
}

/*
 * Committed rows are final and replaying documents replaces them; but the
 * database must still be the one the checkpoint saw (not deleted or replaced).
 */
static int sqlite_restore(void *state, const char *token, dp_error *err)
{
    sqlite_state *s = state;
    char *end;
    long long want, have = 0;
    if (strncmp(token, "rowid=", 6) != 0 || (want = strtoll(token + 6, &end, 10), *end))
        return dp_fail(err, DP_FAILED, "the checkpoint's token '%s' is not one of this writer", token);
    int rc = max_rowid(s, &have, err);
    if (rc != DP_OK)
        return rc;
    if (have < want)
        return dp_fail(err, DP_FAILED, "%s holds fewer documents than the checkpoint recorded: it was deleted "
                       "or replaced since the run stopped", s->path);
    return DP_OK;
}

static int sqlite_flush(void *state, dp_error *err)
{
    sqlite_state *s = state;
    int rc = commit(s, err);
    if (rc != DP_OK)
        return rc;
    /* Fold the WAL into the main file so the database is one self-contained file. */
    if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) !=
        SQLITE_OK)
        return db_fail(s, err, "wal checkpoint");
    return DP_OK;
}

static void sqlite_fini(void *state)
{
    sqlite_state *s = state;
    if (!s)
        return;
    for (int k = 0; k < S_COUNT; k++)
        sqlite3_finalize(s->st[k]);
    if (s->db) {
        if (s->in_batch > 0)
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(s->db);
    }
    free(s->path);
    free(s);
}

static int sqlite_init(dp_instance *inst, void **state)
{
    const char *path = dp_opt_str(inst, "path");
    long long batch = dp_opt_int(inst, "batch");
    if (!path || !*path) {
        dp_instance_error(inst, "option path is empty");
        return -1;
    }
    if (batch < 1) {
        dp_instance_error(inst, "batch must be at least 1 (got %lld)", batch);
        return -1;
    }
    sqlite_state *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        dp_instance_nomem(inst);
        return -1;
    }
    s->batch = batch;
    /* `docpipe check` prepares the schema in memory and creates nothing. */
    int checking = dp_instance_checking(inst);
    char *slash = checking ? NULL : strrchr(s->path, '/');
    if (slash && slash != s->path) {
        *slash = '\0';
        int bad = dp_mkdirs(s->path) != 0;
        int e = errno;
        *slash = '/';
        if (bad) {
            dp_instance_error(inst, "cannot create the directory of %s: %s", path,
                              strerror(e));
            sqlite_fini(s);
            return -1;
        }
    }
    if (sqlite3_open_v2(checking ? ":memory:" : path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) !=
        SQLITE_OK) {
        dp_instance_error(inst, "cannot open %s: %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sqlite_fini(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, 5000);
    const char *setup[] = { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", SCHEMA };
    for (size_t i = 0; i < sizeof setup / sizeof setup[0]; i++) {
        char *msg = NULL;
        if (sqlite3_exec(s->db, setup[i], NULL, NULL, &msg) != SQLITE_OK) {
            dp_instance_error(inst, "%s: %s", path, msg ? msg : sqlite3_errmsg(s->db));
            sqlite3_free(msg);
            sqlite_fini(s);
            return -1;
        }
    }
    for (int k = 0; k < S_COUNT; k++)
        if (sqlite3_prepare_v3(s->db, SQL[k], -1, SQLITE_PREPARE_PERSISTENT, &s->st[k], NULL) !=
            SQLITE_OK) {
            dp_instance_error(inst, "%s: %s: %s", path, SQL[k], sqlite3_errmsg(s->db));
            sqlite_fini(s);
            return -1;
        }
    *state = s;
    return 0;
}

static const dp_option sqlite_options[] = {
    { "path", DP_OPT_OUTPUT, "out/docs.sqlite", 0, NULL, "the database file (created if missing)" },
    { "batch", DP_OPT_INT, "500", 0, NULL, "documents per transaction" },
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "sqlite",
    .version = "1.0",
    .description = "SQLite database: documents, fields, entities (code points), translations, "
                   "entity attributes; re-runs replace documents",
    .options = sqlite_options,
    .consumes = "text",
    .produces = "",
    .init = sqlite_init,
    .process = sqlite_process,
    .flush = sqlite_flush,
    .fini = sqlite_fini,
    .checkpoint = sqlite_checkpoint,
    .restore = sqlite_restore,
};

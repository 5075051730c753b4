/*
 * writer_html — a static, offline HTML report: one page per document (its
 * metadata, its text with entities highlighted by type, English renderings on
 * hover and in a table) and an index.html with every document's title, date
 * and entity counts, and a filter box.  No external assets.
 *
 * Every string that comes from a document is HTML-escaped (& < > " '):
 * articles are untrusted input.
 *
 * Pages are written atomically as documents arrive.  The index is built at
 * flush from index.tsv, a one-line-per-document summary, and the entity index
 * (html_entities.h) from mentions.tsv, one line per entity; both are
 * resumable dp_outfiles (truncated to the last checkpoint on --resume), so
 * memory does not grow with the corpus and a resumed run ends with the same
 * report.  URLs, e-mail addresses and file names (the core's non-prose spans)
 * are rendered as links (html_links.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "english_partial.h"
#include "entity_colors.h"
#include "fnv.h"
#include "html_entities.h"
#include "html_index.h"
#include "html_links.h"
#include "html_meta.h"
#include "html_mentions.h"
#include "html_util.h"
#include "lang_rules.h"

#define MAX_TYPES HTML_MAX_TYPES

typedef struct html_state {
    dp_instance *inst;
    char *dir;
    dp_outfile *summary;  /* <dir>/index.tsv */
    dp_outfile *mentions; /* <dir>/mentions.tsv; NULL without the entity index */
    size_t n_docs;        /* lines of index.tsv: the next document's number */
    const dp_text_rules *rules;
    html_index_opts index;
    size_t docs_per_page;
    english_partial partial; /* how an English rendering marked partial is shown */
    dp_strbuf english;       /* a marked rendering */
} html_state;

/* ---- helpers -------------------------------------------------------------- */

/* "index" or "index-" and a page number: a name of the report's own pages. */
static int is_index_page(const char *stem)
{
    if (strncmp(stem, "index", 5) != 0)
        return 0;
    if (!stem[5])
        return 1;
    size_t digits = stem[5] == '-' ? strspn(stem + 6, "0123456789") : 0;
    return digits > 0 && digits < 8 && !stem[6 + digits];
}

/* Document pages are named like the brat writer's files (dp_file_stem);
 * index.html, index-2.html … are the report's own pages. */
static void safe_stem(const char *id, char *out, size_t size)
{
    dp_file_stem(id, out, size);
    if (is_index_page(out))
        snprintf(out, size, "index-%08x", (unsigned)fnv1a32(FNV1A32_INIT, id, strlen(id)));
}

/* ---- per-document page ---------------------------------------------------- */

typedef struct hspan {
    size_t start, end, idx;
} hspan;

static int hspan_cmp(const void *a, const void *b)
{
    const hspan *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void entity_tooltip(FILE *f, const dp_entity *e, const char *en)
{
    html_esc(f, e->type);
    if (en) {
        fputs(" · en: ", f);
        html_esc(f, en);
    }
    if (e->value) {
        fputs(" · value: ", f);
        html_esc(f, e->value);
    }
}

static const char *target_name(dp_target t)
{
    return t == DP_TARGET_TEXT ? "text" : t == DP_TARGET_FIELD ? "field" : "segment";
}

/* After a title the document does not state: "(derived from the first sentence)". */
static void title_marker(FILE *f, const dp_doc *doc)
{
    const char *how = NULL, *from = html_meta_marker(doc, "title", &how);
    if (!from)
        return;
    fprintf(f, " <small class=\"%s\">(%s from the ", how, how);
    html_esc(f, from);
    fputs(")</small>", f);
}

static int write_page(html_state *st, dp_doc *doc, const char *stem, html_type_count *counts,
                      size_t *ntypes, dp_error *err)
{
    size_t tlen;
    const char *text = dp_doc_text(doc, &tlen);
    const char *title = dp_doc_field(doc, "title");
    if (!title || !*title)
        title = dp_doc_id(doc);
    size_t n = dp_doc_entity_count(doc);
    hspan *spans = malloc((n ? n : 1) * sizeof *spans);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = spans ? open_memstream(&buf, &len) : NULL;
    if (!f) {
        free(spans);
        return dp_fail_nomem(err);
    }

    /* Entity counts by type (types in order of first appearance). */
    size_t nt = 0, ns = 0;
    for (size_t i = 0; i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->start >= e->end || e->end > tlen)
            continue;
        spans[ns++] = (hspan){ e->start, e->end, i };
        const char *t = e->type ? e->type : "MISC";
        size_t k = 0;
        while (k < nt && strcmp(counts[k].type, t) != 0)
            k++;
        if (k == nt && nt < MAX_TYPES)
            counts[nt++] = (html_type_count){ t, 0 };
        if (k < nt)
            counts[k].n++;
    }
    *ntypes = nt;

    fputs("<!DOCTYPE html>\n<html lang=\"", f);
    html_esc(f, dp_doc_lang(doc) ? dp_doc_lang(doc) : "vi");
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    html_esc(f, title);
    fprintf(f, "</title>\n<style>%s", HTML_STYLE);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        html_type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, ".t-%s{background:%s}", cls, entity_type_color(counts[k].type));
    }
    fputs("</style>\n</head>\n<body>\n<p><a href=\"index.html\">&larr; all documents</a></p>\n<h1>",
          f);
    html_esc(f, title);
    title_marker(f, doc);
    fputs("</h1>\n", f);
    /* The English title is shown only when a translator gave one for the whole title (the
     * glossary gives none when a word is left untranslated): never a half-Vietnamese mix. */
    const char *en_title = NULL;
    for (size_t i = 0; i < dp_doc_translation_count(doc) && !en_title; i++) {
        const dp_translation *t = dp_doc_translation_at(doc, i);
        if (t && t->target == DP_TARGET_FIELD && t->key && strcmp(t->key, "title") == 0 &&
            t->lang && strcmp(t->lang, "en") == 0 && t->text && *t->text)
            en_title = t->text;
    }
    if (en_title) {
        fputs("<p class=\"en-title\"><i>", f);
        html_esc(f, en_title);
        fputs("</i></p>\n", f);
    } else if (dp_doc_field(doc, "title")) {
        fputs("<p class=\"en-title untranslated\">English title: not translated</p>\n", f);
    }

    fputs("<h2>Metadata</h2>\n<table class=\"meta\">\n<tr><th>id</th><td>", f);
    html_esc(f, dp_doc_id(doc));
    fputs("</td></tr>\n<tr><th>input</th><td>", f);
    html_esc(f, dp_doc_source(doc));
    fputs("</td></tr>\n<tr><th>lang</th><td>", f);
    html_esc(f, dp_doc_lang(doc));
    fputs("</td></tr>\n", f);
    html_meta_fields(f, doc);
    fputs("</table>\n<h2>Text</h2>\n<p class=\"legend\">", f);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        html_type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, "<span class=\"ent t-%s\">", cls);
        html_esc(f, counts[k].type);
        fprintf(f, "</span> %zu ", counts[k].n);
    }
    fputs("</p>\n<div class=\"text\">", f);

    /* Highlights: the longest entity at each position; overlapping ones are
       listed in the table below but not nested in the text. */
    qsort(spans, ns, sizeof *spans, hspan_cmp);
    size_t nnp = 0, pos = 0;
    int oom = 0;
    const dp_nonprose_span *np = dp_doc_nonprose(doc, &nnp);
    if (!np)
        nnp = 0;
    for (size_t i = 0; i < ns; i++) {
        if (spans[i].start < pos)
            continue;
        const dp_entity *e = dp_doc_entity_at(doc, spans[i].idx);
        char cls[96];
        html_type_class(e->type, cls, sizeof cls);
        html_text_linked(f, text, pos, spans[i].start, np, nnp);
        fprintf(f, "<mark class=\"ent t-%s\" id=\"e%zu\" data-type=\"", cls, spans[i].idx + 1);
        html_esc(f, e->type);
        fputs("\" title=\"", f);
        entity_tooltip(f, e, english_for_output(e, "en", st->partial, &st->english));
        oom |= st->english.oom;
        fputs("\">", f);
        html_text_linked(f, text, spans[i].start, spans[i].end, np, nnp);
        fputs("</mark>", f);
        pos = spans[i].end;
    }
    html_text_linked(f, text, pos, tlen, np, nnp);
    fputs("</div>\n", f);

    fprintf(f, "<h2>Entities (%zu)</h2>\n<table class=\"entities\">\n<tr><th>#</th><th>type</th>"
               "<th>surface</th><th>English</th><th>value</th><th>start</th><th>end</th>"
               "<th>by</th></tr>\n", ns);
    dp_offset_cursor cur;
    dp_offset_cursor_init(&cur, text);
    for (size_t i = 0; i < n; i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        if (!e || e->start >= e->end || e->end > tlen)
            continue;
        char cls[96];
        html_type_class(e->type, cls, sizeof cls);
        size_t cs = dp_offset_cursor_codepoints(&cur, e->start);
        size_t ce = dp_offset_cursor_codepoints(&cur, e->end);
        fprintf(f, "<tr><td class=\"num\"><a href=\"#e%zu\">%zu</a></td><td><span class=\"ent t-%s\">",
                i + 1, i + 1, cls);
        html_esc(f, e->type);
        fputs("</span></td><td>", f);
        html_esc_n(f, text + e->start, e->end - e->start);
        fputs("</td><td>", f);
        html_esc(f, english_for_output(e, "en", st->partial, &st->english));
        oom |= st->english.oom;
        fputs("</td><td>", f);
        html_esc(f, e->value);
        fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>", cs, ce);
        html_esc(f, e->instance);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);

    if (dp_doc_translation_count(doc) > 0) {
        fputs("<h2>Translations</h2>\n<table class=\"translations\">\n<tr><th>lang</th>"
              "<th>of</th><th>text</th></tr>\n", f);
        for (size_t i = 0; i < dp_doc_translation_count(doc); i++) {
            const dp_translation *t = dp_doc_translation_at(doc, i);
            if (!t)
                continue;
            fputs("<tr><td>", f);
            html_esc(f, t->lang);
            fprintf(f, "</td><td>%s", target_name(t->target));
            if (t->key && t->target != DP_TARGET_TEXT) {
                fputc(' ', f);
                html_esc(f, t->key);
            }
            fputs("</td><td class=\"text\">", f);
            html_esc(f, t->text);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    fputs("<p><small>Offsets are code points. Generated by docpipe.</small></p>\n"
          "</body>\n</html>\n", f);
    free(spans);
    if (fclose(f) != 0 || oom) {
        free(buf);
        return dp_fail_nomem(err);
    }
    char *path = dp_path_join(st->dir, stem, ".html");
    int rc = DP_OK;
    if (!path)
        rc = dp_fail_nomem(err);
    else if (dp_write_file_atomic(path, buf, len, err) != 0)
        rc = DP_FATAL;
    free(path);
    free(buf);
    return rc;
}


static int html_process(void *state, dp_doc *doc, dp_error *err)
{
    html_state *st = state;
    char stem[160];
    html_type_count counts[MAX_TYPES];
    size_t nt = 0;
    safe_stem(dp_doc_id(doc), stem, sizeof stem);
    int rc = write_page(st, doc, stem, counts, &nt, err);
    if (rc != DP_OK)
        return rc;
    if (st->mentions) {
        if (html_mentions_write(dp_outfile_stream(st->mentions), doc, st->n_docs, stem, st->rules) < 0)
            return dp_fail_nomem(err);
        if ((rc = dp_outfile_end_record(st->mentions, err)) != DP_OK)
            return rc;
    }
    html_summary_put(dp_outfile_stream(st->summary), doc, stem, counts, nt);
    st->n_docs++;
    return dp_outfile_end_record(st->summary, err);
}

/* ---- life cycle ----------------------------------------------------------- */

/* The token: the summary's, then after a space the mention lines' (dp_outfile tokens have none). */
static int html_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    html_state *st = state;
    int rc = dp_outfile_checkpoint(st->summary, token, size, err);
    size_t used = strlen(token);
    if (rc == DP_OK && st->mentions) {
        if (used + 2 >= size)
            return dp_fail(err, DP_FATAL, "checkpoint token too long");
        token[used] = ' ';
        rc = dp_outfile_checkpoint(st->mentions, token + used + 1, size - used - 1, err);
    }
    return rc == DP_OK ? dp_outdir_sync(st->dir, err) : rc;
}

/*
 * Every page index.tsv (as restored) lists must exist; DP_FAILED names the
 * first missing one.  Counts the documents, so that numbering goes on.
 */
static int check_pages(html_state *st, dp_error *err)
{
    char *tmp = dp_path_join(st->dir, "index", ".tsv.tmp");
    char *fin = dp_path_join(st->dir, "index", ".tsv");
    FILE *f = tmp && fin ? fopen(tmp, "r") : NULL;
    if (!f && fin)
        f = fopen(fin, "r"); /* the run was committing and had renamed it */
    char *line = NULL, *page = NULL;
    size_t cap = 0;
    int rc = tmp && fin ? DP_OK : dp_fail_nomem(err);
    st->n_docs = 0;
    while (rc == DP_OK && f && getline(&line, &cap, f) > 0) {
        html_summary s;
        if (html_summary_parse(line, &s) != 0)
            continue;
        st->n_docs++;
        free(page);
        page = dp_path_join(st->dir, s.stem, ".html");
        if (!page)
            rc = dp_fail_nomem(err);
        else if (access(page, F_OK) != 0)
            rc = dp_fail(err, DP_FAILED, "%s is missing, though the checkpoint counted it: the folder was "
                         "changed since the run stopped", page);
    }
    if (f)
        fclose(f);
    free(line);
    free(page);
    free(tmp);
    free(fin);
    return rc;
}

static int html_restore(void *state, const char *token, dp_error *err)
{
    html_state *st = state;
    const char *sp = strchr(token, ' ');
    if (st->mentions && !sp)
        return dp_fail(err, DP_FAILED, "the checkpoint has no entity index: resume with the "
                       "configuration of the interrupted run");
    char summary_token[512];
    size_t n = sp ? (size_t)(sp - token) : strlen(token);
    if (n >= sizeof summary_token)
        return dp_fail(err, DP_FAILED, "checkpoint token too long");
    memcpy(summary_token, token, n);
    summary_token[n] = '\0';
    int rc = dp_outfile_restore(st->summary, summary_token, err);
    if (rc == DP_OK && st->mentions)
        rc = dp_outfile_restore(st->mentions, sp + 1, err);
    return rc == DP_OK ? check_pages(st, err) : rc;
}

static int html_flush(void *state, dp_error *err)
{
    html_state *st = state;
    static const char *const exts[] = { ".html", NULL };
    int rc = dp_outfile_commit(st->summary, err);
    if (rc == DP_OK && st->mentions)
        rc = dp_outfile_commit(st->mentions, err);
    if (rc != DP_OK)
        return rc;
    dp_remove_stale_temps(st->dir, exts);
    char *spath = dp_path_join(st->dir, "index", ".tsv");
    char *mpath = dp_path_join(st->dir, "mentions", ".tsv");
    if (!spath || !mpath)
        rc = dp_fail_nomem(err);
    if (rc == DP_OK)
        rc = html_index_write(st->dir, spath, st->docs_per_page, st->mentions != NULL, err);
    if (rc == DP_OK && st->mentions)
        rc = html_entities_build(st->dir, spath, mpath, &st->index, err);
    free(spath);
    free(mpath);
    return rc;
}

static void html_fini(void *state)
{
    html_state *st = state;
    if (!st)
        return;
    dp_outfile_close(st->summary); /* after a commit it only frees */
    dp_strbuf_free(&st->english);
    if (st->mentions)
        dp_outfile_close(st->mentions);
    free(st->dir);
    free(st);
}

/* Open <dir>/<name>.tsv as a resumable output; NULL with the reason given to the instance. */
static dp_outfile *open_tsv(dp_instance *inst, const char *dir, const char *name)
{
    char *path = dp_path_join(dir, name, ".tsv");
    if (!path) {
        dp_instance_nomem(inst);
        return NULL;
    }
    dp_outfile *f = dp_outfile_open(inst, path);
    free(path);
    return f;
}

static int html_init(dp_instance *inst, void **state)
{
    const char *dir = dp_opt_str(inst, "dir");
    if (!dir || !*dir) {
        dp_instance_error(inst, "option dir is empty");
        return -1;
    }
    long long per_page = dp_opt_int(inst, "entities_per_page");
    long long shown = dp_opt_int(inst, "mentions_shown");
    long long docs_per_page = dp_opt_int(inst, "docs_per_page");
    if (per_page < 10 || per_page > 100000 || shown < 1 || shown > 100000 || docs_per_page < 10 ||
        docs_per_page > 1000000) {
        dp_instance_error(inst, "entities_per_page must be 10..100000, mentions_shown 1..100000 and "
                          "docs_per_page 10..1000000");
        return -1;
    }
    if (!dp_instance_checking(inst) && dp_mkdirs(dir) != 0) {
        dp_instance_error(inst, "cannot create output folder %s: %s", dir,
                          strerror(errno));
        return -1;
    }
    html_state *st = calloc(1, sizeof *st);
    if (!st || !(st->dir = strdup(dir))) {
        free(st);
        dp_instance_nomem(inst);
        return -1;
    }
    st->inst = inst;
    st->partial = english_partial_mode(dp_opt_str(inst, "english_partial"));
    st->rules = lang_rules(dp_opt_str(inst, "match_lang"));
    st->index = (html_index_opts){ (size_t)per_page, (size_t)shown };
    st->docs_per_page = (size_t)docs_per_page;
    if (!(st->summary = open_tsv(inst, dir, "index")) ||
        (dp_opt_bool(inst, "entity_index") && !(st->mentions = open_tsv(inst, dir, "mentions")))) {
        html_fini(st);
        return -1;
    }
    *state = st;
    return 0;
}

static const dp_option html_options[] = {
    { "dir", DP_OPT_OUTPUT_DIR, "out/html", 0, NULL,
      "output folder: index.html, index.tsv, one <id>.html per document, and the entity index "
      "in entities/ (from mentions.tsv)" },
    { "docs_per_page", DP_OPT_INT, "500", 0, NULL,
      "rows of a page of the documents index (further rows go to index-2.html …)" },
    { "entity_index", DP_OPT_BOOL, "true", 0, NULL,
      "write the entity index across the documents (entities/): every distinct entity, its "
      "documents and mentions in context" },
    { "entities_per_page", DP_OPT_INT, "500", 0, NULL,
      "rows of a page of the entity index (further rows go to index-2.html …)" },
    { "mentions_shown", DP_OPT_INT, "50", 0, NULL,
      "mentions of one entity shown with their context; its further documents are listed as links" },
    LANG_RULES_OPTION,
    ENGLISH_PARTIAL_OPTION,
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "html",
    .version = "1.1",
    .description = "static offline HTML report: index with a filter box, one page per "
                   "document with highlighted entities and linked URLs, an entity index "
                   "across the documents",
    .options = html_options,
    .consumes = "text",
    .produces = "",
    .init = html_init,
    .process = html_process,
    .flush = html_flush,
    .fini = html_fini,
    .checkpoint = html_checkpoint,
    .restore = html_restore,
};

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
 * flush from index.tsv, a one-line-per-document summary that is a resumable
 * dp_outfile (truncated to the last checkpoint on --resume), so memory does
 * not grow with the corpus and a resumed run ends with the same index.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

#include "entity_colors.h"
#include "fnv.h"

#define MAX_TYPES 64 /* index columns; further types count in "other" */

typedef struct html_state {
    dp_instance *inst;
    char *dir;
    dp_outfile *summary; /* <dir>/index.tsv */
} html_state;

/* ---- helpers -------------------------------------------------------------- */

static void esc_n(FILE *f, const char *s, size_t len)
{
    for (size_t i = 0; s && i < len; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

static void esc(FILE *f, const char *s)
{
    if (s)
        esc_n(f, s, strlen(s));
}

/* TSV field of the summary file: \t \n \r \\ escaped. */
static void tsv_put(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\\': fputs("\\\\", f); break;
        default: fputc(*s, f);
        }
    }
}

/* Undo tsv_put in place. */
static void tsv_unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* Document pages are named like the brat writer's files (dp_file_stem);
 * index.html is the report's own page. */
static void safe_stem(const char *id, char *out, size_t size)
{
    dp_file_stem(id, out, size);
    if (strcmp(out, "index") == 0) snprintf(out, size, "index-%08x", (unsigned)fnv1a32(FNV1A32_INIT, id, strlen(id)));
}

/* A CSS class for a type: [A-Za-z0-9_-] only. */
static void type_class(const char *type, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = type ? type : "MISC"; *p && o + 1 < size; p++) {
        unsigned char c = (unsigned char)*p;
        out[o++] = (isalnum(c) || c == '_' || c == '-') ? (char)c : '_';
    }
    out[o] = '\0';
}

static const char STYLE[] =
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}.text{white-space:pre-wrap;line-height:1.7;border:1px solid #ddd;"
    "padding:1em}.ent{border-radius:3px;padding:0 2px}"
    ".legend .ent{margin-right:.5em}.num{text-align:right}";

/* ---- per-document page ---------------------------------------------------- */

typedef struct tcount {
    const char *type;
    size_t n;
} tcount;

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

static void entity_tooltip(FILE *f, const dp_entity *e)
{
    const char *en = dp_entity_translation(e, "en");
    esc(f, e->type);
    if (en) {
        fputs(" · en: ", f);
        esc(f, en);
    }
    if (e->value) {
        fputs(" · value: ", f);
        esc(f, e->value);
    }
}

static const char *target_name(dp_target t)
{
    return t == DP_TARGET_TEXT ? "text" : t == DP_TARGET_FIELD ? "field" : "segment";
}

static int write_page(html_state *st, dp_doc *doc, const char *stem, tcount *counts,
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
            counts[nt++] = (tcount){ t, 0 };
        if (k < nt)
            counts[k].n++;
    }
    *ntypes = nt;

    fputs("<!DOCTYPE html>\n<html lang=\"", f);
    esc(f, dp_doc_lang(doc) ? dp_doc_lang(doc) : "vi");
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    esc(f, title);
    fprintf(f, "</title>\n<style>%s", STYLE);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, ".t-%s{background:%s}", cls, entity_type_color(counts[k].type));
    }
    fputs("</style>\n</head>\n<body>\n<p><a href=\"index.html\">&larr; all documents</a></p>\n<h1>",
          f);
    esc(f, title);
    fputs("</h1>\n", f);
    for (size_t i = 0; i < dp_doc_translation_count(doc); i++) {
        const dp_translation *t = dp_doc_translation_at(doc, i);
        if (t && t->target == DP_TARGET_FIELD && t->key && strcmp(t->key, "title") == 0 &&
            t->lang && strcmp(t->lang, "en") == 0) {
            fputs("<p class=\"en-title\"><i>", f);
            esc(f, t->text);
            fputs("</i></p>\n", f);
            break;
        }
    }

    fputs("<h2>Metadata</h2>\n<table class=\"meta\">\n<tr><th>id</th><td>", f);
    esc(f, dp_doc_id(doc));
    fputs("</td></tr>\n<tr><th>source</th><td>", f);
    esc(f, dp_doc_source(doc));
    fputs("</td></tr>\n<tr><th>lang</th><td>", f);
    esc(f, dp_doc_lang(doc));
    fputs("</td></tr>\n", f);
    for (size_t i = 0; i < dp_doc_field_count(doc); i++) {
        const dp_field *fl = dp_doc_field_at(doc, i);
        if (!fl)
            continue;
        fputs("<tr><th>", f);
        esc(f, fl->key);
        fputs("</th><td>", f);
        esc(f, fl->value);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n<h2>Text</h2>\n<p class=\"legend\">", f);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, "<span class=\"ent t-%s\">", cls);
        esc(f, counts[k].type);
        fprintf(f, "</span> %zu ", counts[k].n);
    }
    fputs("</p>\n<div class=\"text\">", f);

    /* Highlights: the longest entity at each position; overlapping ones are
       listed in the table below but not nested in the text. */
    qsort(spans, ns, sizeof *spans, hspan_cmp);
    size_t pos = 0;
    for (size_t i = 0; i < ns; i++) {
        if (spans[i].start < pos)
            continue;
        const dp_entity *e = dp_doc_entity_at(doc, spans[i].idx);
        char cls[96];
        type_class(e->type, cls, sizeof cls);
        esc_n(f, text + pos, spans[i].start - pos);
        fprintf(f, "<mark class=\"ent t-%s\" id=\"e%zu\" data-type=\"", cls, spans[i].idx + 1);
        esc(f, e->type);
        fputs("\" title=\"", f);
        entity_tooltip(f, e);
        fputs("\">", f);
        esc_n(f, text + spans[i].start, spans[i].end - spans[i].start);
        fputs("</mark>", f);
        pos = spans[i].end;
    }
    esc_n(f, text + pos, tlen - pos);
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
        type_class(e->type, cls, sizeof cls);
        size_t cs = dp_offset_cursor_codepoints(&cur, e->start);
        size_t ce = dp_offset_cursor_codepoints(&cur, e->end);
        fprintf(f, "<tr><td class=\"num\"><a href=\"#e%zu\">%zu</a></td><td><span class=\"ent t-%s\">",
                i + 1, i + 1, cls);
        esc(f, e->type);
        fputs("</span></td><td>", f);
        esc_n(f, text + e->start, e->end - e->start);
        fputs("</td><td>", f);
        esc(f, dp_entity_translation(e, "en"));
        fputs("</td><td>", f);
        esc(f, e->value);
        fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td>", cs, ce);
        esc(f, e->instance);
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
            esc(f, t->lang);
            fprintf(f, "</td><td>%s", target_name(t->target));
            if (t->key && t->target != DP_TARGET_TEXT) {
                fputc(' ', f);
                esc(f, t->key);
            }
            fputs("</td><td class=\"text\">", f);
            esc(f, t->text);
            fputs("</td></tr>\n", f);
        }
        fputs("</table>\n", f);
    }
    fputs("<p><small>Offsets are code points. Generated by docpipe.</small></p>\n"
          "</body>\n</html>\n", f);
    free(spans);
    if (fclose(f) != 0) {
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
    tcount counts[MAX_TYPES];
    size_t nt = 0;
    safe_stem(dp_doc_id(doc), stem, sizeof stem);
    int rc = write_page(st, doc, stem, counts, &nt, err);
    if (rc != DP_OK)
        return rc;
    /* Summary line: stem, title, date, entity total, TYPE=n,... */
    FILE *f = dp_outfile_stream(st->summary);
    const char *title = dp_doc_field(doc, "title");
    size_t total = 0;
    tsv_put(f, stem);
    fputc('\t', f);
    tsv_put(f, title && *title ? title : dp_doc_id(doc));
    fputc('\t', f);
    tsv_put(f, dp_doc_field(doc, "date"));
    for (size_t k = 0; k < nt; k++)
        total += counts[k].n;
    fprintf(f, "\t%zu\t", total);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, "%s%s=%zu", k ? "," : "", cls, counts[k].n);
    }
    fputc('\n', f);
    return dp_outfile_end_record(st->summary, err);
}

/* ---- index ---------------------------------------------------------------- */

typedef struct summary {
    char *stem, *title, *date, *total, *counts;
} summary;

/* Split a summary line in place; 0 when well formed. */
static int parse_summary(char *line, summary *s)
{
    char *fields[5];
    line[strcspn(line, "\n")] = '\0';
    for (int i = 0; i < 5; i++) {
        fields[i] = line;
        char *tab = strchr(line, '\t');
        if (i < 4) {
            if (!tab)
                return -1;
            *tab = '\0';
            line = tab + 1;
        }
    }
    for (int i = 0; i < 3; i++)
        tsv_unescape(fields[i]);
    *s = (summary){ fields[0], fields[1], fields[2], fields[3], fields[4] };
    return 0;
}

/* Count of type in "A=1,B=2". */
static const char *count_of(const char *counts, const char *type, char *buf, size_t size)
{
    size_t tl = strlen(type);
    for (const char *p = counts; p && *p;) {
        const char *eq = strchr(p, '=');
        if (!eq)
            break;
        if ((size_t)(eq - p) == tl && strncmp(p, type, tl) == 0) {
            size_t vl = strcspn(eq + 1, ",");
            if (vl >= size)
                vl = size - 1;
            memcpy(buf, eq + 1, vl);
            buf[vl] = '\0';
            return buf;
        }
        p = strchr(eq, ',');
        if (p)
            p++;
    }
    return "";
}

static int add_type(char types[][96], size_t *nt, const char *t, size_t tl)
{
    if (tl >= 96)
        return 0;
    for (size_t i = 0; i < *nt; i++)
        if (strlen(types[i]) == tl && strncmp(types[i], t, tl) == 0)
            return 0;
    if (*nt >= MAX_TYPES)
        return 0;
    /* Keep sorted for a stable column order. */
    size_t i = *nt;
    while (i > 0 && (strncmp(types[i - 1], t, tl) > 0 ||
                     (strncmp(types[i - 1], t, tl) == 0 && strlen(types[i - 1]) > tl))) {
        memcpy(types[i], types[i - 1], 96);
        i--;
    }
    memcpy(types[i], t, tl);
    types[i][tl] = '\0';
    (*nt)++;
    return 1;
}

static int write_index(html_state *st, dp_error *err)
{
    char *spath = dp_path_join(st->dir, "index", ".tsv");
    char *ipath = dp_path_join(st->dir, "index", ".html");
    char *tpath = dp_path_join(st->dir, "index", ".html.tmp");
    char types[MAX_TYPES][96];
    size_t nt = 0;
    char *line = NULL;
    size_t cap = 0;
    FILE *in = NULL, *out = NULL;
    int rc = DP_OK;
    if (!spath || !ipath || !tpath) {
        rc = dp_fail_nomem(err);
        goto out;
    }
    in = fopen(spath, "r");
    if (!in) {
        rc = dp_fail(err, DP_FATAL, "cannot read %s: %s", spath, strerror(errno));
        goto out;
    }
    /* Pass 1: the types, for the columns. */
    while (getline(&line, &cap, in) > 0) {
        summary s;
        if (parse_summary(line, &s) != 0)
            continue;
        for (char *p = s.counts; *p;) {
            size_t tl = strcspn(p, "=");
            add_type(types, &nt, p, tl);
            p += strcspn(p, ",");
            if (*p)
                p++;
        }
    }
    rewind(in);
    /* Created anew: a link planted at index.html.tmp is removed, never followed. */
    unlink(tpath);
    int fd = open(tpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out && fd >= 0)
        close(fd);
    if (!out) {
        rc = dp_fail(err, DP_FATAL, "cannot write %s: %s", tpath, strerror(errno));
        goto out;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>docpipe report</title>\n<style>", out);
    fputs(STYLE, out);
    for (size_t k = 0; k < nt; k++)
        fprintf(out, ".t-%s{background:%s}", types[k], entity_type_color(types[k]));
    fputs("</style>\n</head>\n<body>\n<h1>docpipe report</h1>\n"
          "<p><input id=\"q\" type=\"search\" placeholder=\"filter by title, date or type\" "
          "size=\"40\"> <span id=\"shown\"></span></p>\n"
          "<table id=\"docs\">\n<thead><tr><th>title</th><th>date</th><th>entities</th>", out);
    for (size_t k = 0; k < nt; k++)
        fprintf(out, "<th><span class=\"ent t-%s\">%s</span></th>", types[k], types[k]);
    fputs("</tr></thead>\n<tbody>\n", out);
    size_t rows = 0;
    while (getline(&line, &cap, in) > 0) {
        summary s;
        if (parse_summary(line, &s) != 0)
            continue;
        rows++;
        fputs("<tr data-types=\"", out);
        esc(out, s.counts);
        fputs("\"><td><a href=\"", out);
        esc(out, s.stem);
        fputs(".html\">", out);
        esc(out, s.title);
        fputs("</a></td><td>", out);
        esc(out, s.date);
        fputs("</td><td class=\"num\">", out);
        esc(out, s.total);
        fputs("</td>", out);
        for (size_t k = 0; k < nt; k++) {
            char b[32];
            fprintf(out, "<td class=\"num\">%s</td>", count_of(s.counts, types[k], b, sizeof b));
        }
        fputs("</tr>\n", out);
    }
    fprintf(out, "</tbody>\n</table>\n<p><small>%zu documents. Generated by docpipe.</small></p>\n",
            rows);
    /* The filter: our own code; document text never reaches a script context. */
    fputs("<script>\n(function () {\n"
          "  var q = document.getElementById('q'), shown = document.getElementById('shown');\n"
          "  var rows = document.querySelectorAll('#docs tbody tr');\n"
          "  function apply() {\n"
          "    var v = q.value.toLowerCase(), n = 0;\n"
          "    for (var i = 0; i < rows.length; i++) {\n"
          "      var hay = (rows[i].textContent + ' ' + rows[i].getAttribute('data-types')).toLowerCase();\n"
          "      var ok = hay.indexOf(v) >= 0;\n"
          "      rows[i].style.display = ok ? '' : 'none';\n"
          "      if (ok) n++;\n"
          "    }\n"
          "    shown.textContent = n + ' / ' + rows.length;\n"
          "  }\n"
          "  q.addEventListener('input', apply);\n"
          "  apply();\n"
          "})();\n</script>\n</body>\n</html>\n", out);
    if (ferror(in)) {
        rc = dp_fail(err, DP_FATAL, "cannot read %s: %s", spath, strerror(errno));
        goto out;
    }
    if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
        rc = dp_fail(err, DP_FATAL, "cannot write %s: %s", tpath, strerror(errno));
        goto out;
    }
    FILE *o = out;
    out = NULL;
    if (fclose(o) != 0) {
        rc = dp_fail(err, DP_FATAL, "cannot write %s: %s", tpath, strerror(errno));
        goto out;
    }
    if (rename(tpath, ipath) != 0)
        rc = dp_fail(err, DP_FATAL, "cannot rename %s to %s: %s", tpath, ipath,
                     strerror(errno));
out:
    if (out) {
        fclose(out);
        unlink(tpath);
    }
    if (in)
        fclose(in);
    free(line);
    free(spath);
    free(ipath);
    free(tpath);
    return rc;
}

/* ---- life cycle ----------------------------------------------------------- */

static int html_checkpoint(void *state, char *token, size_t size, dp_error *err)
{
    html_state *st = state;
    int rc = dp_outfile_checkpoint(st->summary, token, size, err);
    return rc == DP_OK ? dp_outdir_sync(st->dir, err) : rc;
}

/* Every page index.tsv (as restored) lists must exist; DP_FAILED names the first missing one. */
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
    while (rc == DP_OK && f && getline(&line, &cap, f) > 0) {
        summary s;
        if (parse_summary(line, &s) != 0)
            continue;
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
    int rc = dp_outfile_restore(st->summary, token, err);
    return rc == DP_OK ? check_pages(st, err) : rc;
}

static int html_flush(void *state, dp_error *err)
{
    html_state *st = state;
    static const char *const exts[] = { ".html", NULL };
    int rc = dp_outfile_commit(st->summary, err);
    if (rc != DP_OK)
        return rc;
    dp_remove_stale_temps(st->dir, exts);
    return write_index(st, err);
}

static void html_fini(void *state)
{
    html_state *st = state;
    if (!st)
        return;
    dp_outfile_close(st->summary); /* after a commit it only frees */
    free(st->dir);
    free(st);
}

static int html_init(dp_instance *inst, void **state)
{
    const char *dir = dp_opt_str(inst, "dir");
    if (!dir || !*dir) {
        dp_instance_error(inst, "option dir is empty");
        return -1;
    }
    if (!dp_instance_checking(inst) && dp_mkdirs(dir) != 0) {
        dp_instance_error(inst, "cannot create output folder %s: %s", dir,
                          strerror(errno));
        return -1;
    }
    html_state *st = calloc(1, sizeof *st);
    char *spath = NULL;
    if (!st || !(st->dir = strdup(dir)) || !(spath = dp_path_join(dir, "index", ".tsv"))) {
        if (st)
            free(st->dir);
        free(st);
        dp_instance_nomem(inst);
        return -1;
    }
    st->inst = inst;
    st->summary = dp_outfile_open(inst, spath);
    free(spath);
    if (!st->summary) {
        free(st->dir);
        free(st);
        return -1;
    }
    *state = st;
    return 0;
}

static const dp_option html_options[] = {
    { "dir", DP_OPT_OUTPUT_DIR, "out/html", 0, NULL,
      "output folder: index.html, index.tsv and one <id>.html per document" },
    DP_OPTION_END
};

DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
    DP_PLUGIN_HEADER(DP_KIND_WRITER),
    .name = "html",
    .version = "1.0",
    .description = "static offline HTML report: index with a filter box, one page per "
                   "document with highlighted entities",
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

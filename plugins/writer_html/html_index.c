/* The documents index of the HTML report (html_index.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "entity_colors.h"
#include "html_index.h"
#include "html_util.h"
#include "tsv_field.h"

void html_summary_put(FILE *f, const dp_doc *doc, const char *stem, const html_type_count *counts,
                      size_t nt)
{
    const char *title = dp_doc_field(doc, "title");
    int stated = title && *title;
    size_t total = 0;
    tsv_field_put(f, stem);
    fputc('\t', f);
    tsv_field_put(f, stated ? title : dp_doc_id(doc));
    fputc('\t', f);
    tsv_field_put(f, dp_doc_field(doc, "date"));
    for (size_t k = 0; k < nt; k++)
        total += counts[k].n;
    fprintf(f, "\t%zu\t", total);
    for (size_t k = 0; k < nt; k++) {
        char cls[96];
        html_type_class(counts[k].type, cls, sizeof cls);
        fprintf(f, "%s%s=%zu", k ? "," : "", cls, counts[k].n);
    }
    fputc('\t', f);
    tsv_field_put(f, stated ? dp_doc_field(doc, "title_derived") : NULL);
    fputc('\t', f);
    tsv_field_put(f, dp_doc_field(doc, "date_inferred"));
    fputc('\n', f);
}

int html_summary_parse(char *line, html_summary *s)
{
    char *f[7];
    size_t n = html_tsv_split(line, f, 7);
    if (n < 5)
        return -1;
    *s = (html_summary){ f[0], f[1], f[2], f[3], f[4], n > 5 ? f[5] : "", n > 6 ? f[6] : "" };
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

static void add_type(char types[][96], size_t *nt, const char *t, size_t tl)
{
    if (tl >= 96)
        return;
    for (size_t i = 0; i < *nt; i++)
        if (strlen(types[i]) == tl && strncmp(types[i], t, tl) == 0)
            return;
    if (*nt >= HTML_MAX_TYPES)
        return;
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
}

/* A value the document does not state, set apart: <i class="derived" title="derived from …">. */
static void cell_value(FILE *f, const char *value, const char *how, const char *word)
{
    if (!*how) {
        html_esc(f, value);
        return;
    }
    fprintf(f, "<i class=\"%s\" title=\"%s from the ", word, word);
    html_esc(f, how);
    fputs("\">", f);
    html_esc(f, value);
    fputs("</i>", f);
}

static const char FILTER_SCRIPT[] =
    "<script>\n(function () {\n"
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
    "})();\n</script>\n";

/* The head of a page of the index, up to the table's first row. */
static void page_start(FILE *out, char types[][96], size_t nt, int with_entities, size_t page,
                       size_t pages, size_t rows)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>docpipe report</title>\n<style>", out);
    fputs(HTML_STYLE, out);
    for (size_t k = 0; k < nt; k++)
        fprintf(out, ".t-%s{background:%s}", types[k], entity_type_color(types[k]));
    fputs(".nav a{margin-right:.6em}</style>\n</head>\n<body>\n<h1>docpipe report</h1>\n", out);
    if (with_entities)
        fputs("<p class=\"nav\"><a href=\"entities/index.html\">Entities across the documents "
              "&rarr;</a></p>\n", out);
    fprintf(out, "<p>%zu documents.</p>\n", rows);
    html_page_links(out, NULL, page, pages);
    fprintf(out, "<p><input id=\"q\" type=\"search\" placeholder=\"filter %sby title, date or type\" "
                 "size=\"40\"> <span id=\"shown\"></span></p>\n"
                 "<table id=\"docs\">\n<thead><tr><th>title</th><th>date</th><th>entities</th>",
            pages > 1 ? "this page " : "");
    for (size_t k = 0; k < nt; k++)
        fprintf(out, "<th><span class=\"ent t-%s\">%s</span></th>", types[k], types[k]);
    fputs("</tr></thead>\n<tbody>\n", out);
}

static void page_row(FILE *out, const html_summary *s, char types[][96], size_t nt)
{
    fputs("<tr data-types=\"", out);
    html_esc(out, s->counts);
    fputs("\"><td><a href=\"", out);
    html_esc(out, s->stem);
    fputs(".html\">", out);
    cell_value(out, s->title, s->title_how, "derived");
    fputs("</a></td><td>", out);
    cell_value(out, s->date, s->date_how, "inferred");
    fputs("</td><td class=\"num\">", out);
    html_esc(out, s->total);
    fputs("</td>", out);
    for (size_t k = 0; k < nt; k++) {
        char b[32];
        fprintf(out, "<td class=\"num\">%s</td>", count_of(s->counts, types[k], b, sizeof b));
    }
    fputs("</tr>\n", out);
}

static void page_end(FILE *out, size_t page, size_t pages)
{
    fputs("</tbody>\n</table>\n", out);
    html_page_links(out, NULL, page, pages);
    fputs("<p><small>Titles and dates in italics are not stated by the document (hover for how "
          "they were obtained). Generated by docpipe.</small></p>\n", out);
    /* The filter: our own code; document text never reaches a script context. */
    fputs(FILTER_SCRIPT, out);
    fputs("</body>\n</html>\n", out);
}

int html_index_write(const char *dir, const char *summary_path, size_t per_page, int with_entities,
                     dp_error *err)
{
    char types[HTML_MAX_TYPES][96];
    size_t nt = 0, rows = 0, page = 0, pages = 1, on_page = 0;
    char *line = NULL, *path = NULL, *tmp = NULL;
    size_t cap = 0;
    FILE *in = NULL, *out = NULL;
    int rc = DP_OK;
    if (per_page == 0)
        per_page = 1000;
    if (!(in = fopen(summary_path, "r")))
        return dp_fail(err, DP_FATAL, "cannot read %s: %s", summary_path, strerror(errno));
    /* Pass 1: the types, for the columns, and the number of rows. */
    while (getline(&line, &cap, in) > 0) {
        html_summary s;
        if (html_summary_parse(line, &s) != 0)
            continue;
        rows++;
        for (char *p = s.counts; *p;) {
            add_type(types, &nt, p, strcspn(p, "="));
            p += strcspn(p, ",");
            if (*p)
                p++;
        }
    }
    rewind(in);
    pages = rows ? (rows + per_page - 1) / per_page : 1;
    for (int more = 1; rc == DP_OK && more;) {
        html_summary s;
        ssize_t got = getline(&line, &cap, in);
        more = got > 0;
        if (more && html_summary_parse(line, &s) != 0)
            continue;
        if (out && (!more || on_page == per_page)) { /* the page is full, or the last */
            page_end(out, page, pages);
            rc = html_file_commit(out, tmp, path, err);
            out = NULL;
            tmp = NULL;
            free(path);
            path = NULL;
        }
        if (rc == DP_OK && !out && (more || page == 0)) { /* a page starts (an empty index too) */
            char name[64];
            html_listing_name(NULL, ++page, name, sizeof name);
            if (!(path = dp_path_join(dir, name, NULL))) {
                rc = dp_fail_nomem(err);
                break;
            }
            if (!(out = html_file_open(path, &tmp))) {
                rc = errno == ENOMEM ? dp_fail_nomem(err)
                                     : dp_fail(err, DP_FATAL, "cannot write %s: %s", path, strerror(errno));
                break;
            }
            page_start(out, types, nt, with_entities, page, pages, rows);
            on_page = 0;
        }
        if (rc == DP_OK && more) {
            page_row(out, &s, types, nt);
            on_page++;
        }
    }
    if (rc == DP_OK && out) { /* an empty index */
        page_end(out, page, pages);
        rc = html_file_commit(out, tmp, path, err);
        out = NULL;
    }
    if (rc == DP_OK && ferror(in))
        rc = dp_fail(err, DP_FATAL, "cannot read %s: %s", summary_path, strerror(errno));
    if (out)
        html_file_abort(out, tmp);
    fclose(in);
    free(line);
    free(path);
    return rc;
}

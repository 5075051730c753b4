/* One-line pipelines to config text (see pipeline.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"

void dp_pipeline_free(dp_pipeline *p)
{
    free(p->config);
    for (size_t i = 0; i < p->n_options; i++) free(p->options[i].kv);
    free(p->options);
    free(p->words);
    memset(p, 0, sizeof *p);
}

/* The next word of s from *pos: its place in s and its text without quotes (malloc'ed); 0 at the end. */
static int next_word(const char *s, size_t *pos, dp_pipeline_word *w, char **text, dp_strbuf *errs, size_t number)
{
    size_t i = *pos;
    while (s[i] && isspace((unsigned char)s[i])) i++;
    if (!s[i]) { *pos = i; return 0; }
    dp_strbuf t = { 0 };
    w->start = i;
    char quote = 0;
    for (; s[i] && (quote || !isspace((unsigned char)s[i])); i++) {
        if (quote && s[i] == quote) quote = 0;
        else if (!quote && (s[i] == '\'' || s[i] == '"')) quote = s[i];
        else dp_strbuf_add(&t, s + i, 1);
    }
    w->len = i - w->start;
    *pos = i;
    if (quote) {
        dp_strbuf_printf(errs, "%s:%zu: the quote %c is not closed\n", DP_PIPELINE_NAME, number, quote);
        dp_strbuf_free(&t);
        return -2;
    }
    if (t.oom || (!t.data && dp_strbuf_puts(&t, "") < 0)) { dp_strbuf_free(&t); return -1; }
    *text = t.data;
    return 1;
}

/* s as a libconfig string literal. */
static void put_quoted(dp_strbuf *b, const char *s)
{
    dp_strbuf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') dp_strbuf_add(b, "\\", 1);
        dp_strbuf_add(b, s, 1);
    }
    dp_strbuf_puts(b, "\"");
}

int dp_pipeline_parse(const char *text, dp_pipeline *out, dp_strbuf *errs)
{
    memset(out, 0, sizeof *out);
    dp_strbuf cfg = { 0 };
    size_t pos = 0, element = 0;
    int nerr = 0, oom = 0, expect_plugin = 1;
    size_t number = 0;
    for (;;) {
        dp_pipeline_word w;
        char *word = NULL;
        int rc = next_word(text, &pos, &w, &word, errs, number + 1);
        if (rc == 0) break;
        number++;
        if (rc == -1) { oom = 1; break; }
        dp_pipeline_word *nw = realloc(out->words, number * sizeof *nw);
        if (!nw) { free(word); oom = 1; break; }
        out->words = nw;
        out->words[out->n_words++] = w;
        if (rc == -2) { nerr++; dp_strbuf_puts(&cfg, "\n"); continue; }
        const char *eq = strchr(word, '=');
        if (!strcmp(word, "!")) {
            if (expect_plugin) {
                dp_strbuf_printf(errs, "%s:%zu: '!' where a plugin name belongs (write PLUGIN [KEY=VALUE]… ! PLUGIN …)\n",
                                 DP_PIPELINE_NAME, number);
                nerr++;
            }
            dp_strbuf_puts(&cfg, element == 0 ? "}; chain = (\n" : "},\n");
            element++;
            expect_plugin = 1;
        } else if (expect_plugin) {
            if (eq) {
                dp_strbuf_printf(errs, "%s:%zu: '%s' where a plugin name belongs (an element starts with its plugin: "
                                 "PLUGIN KEY=VALUE …)\n", DP_PIPELINE_NAME, number, word);
                nerr++;
            }
            dp_strbuf_puts(&cfg, element == 0 ? "source = { plugin = " : "{ plugin = ");
            put_quoted(&cfg, word);
            dp_strbuf_puts(&cfg, ";\n");
            expect_plugin = 0;
        } else if (!eq || eq == word) {
            dp_strbuf_printf(errs, "%s:%zu: '%s' is not KEY=VALUE (elements are separated by ' ! ')\n",
                             DP_PIPELINE_NAME, number, word);
            nerr++;
            dp_strbuf_puts(&cfg, "\n");
        } else if (!strncmp(word, "name=", 5)) {
            dp_strbuf_puts(&cfg, "name = ");
            put_quoted(&cfg, eq + 1);
            dp_strbuf_puts(&cfg, ";\n");
        } else {
            dp_pipeline_option *no = realloc(out->options, (out->n_options + 1) * sizeof *no);
            if (!no) { free(word); oom = 1; break; }
            out->options = no;
            out->options[out->n_options++] = (dp_pipeline_option){ element, number, word };
            word = NULL;
            dp_strbuf_puts(&cfg, "\n");
        }
        free(word);
    }
    if (!oom && !nerr) {
        if (number == 0) {
            dp_strbuf_printf(errs, "%s: an empty pipeline (write SOURCE ! … ! WRITER, e.g. 'text ! jsonl path=-')\n",
                             DP_PIPELINE_NAME);
            nerr++;
        } else if (expect_plugin) {
            dp_strbuf_printf(errs, "%s:%zu: the pipeline ends with '!': a plugin belongs after it\n", DP_PIPELINE_NAME,
                             number);
            nerr++;
        } else {
            /* Close the last element on the last word's line, so that lines stay words. */
            if (cfg.len) cfg.len--;
            dp_strbuf_puts(&cfg, element == 0 ? " };\n" : " } );\n");
        }
    }
    if (oom || cfg.oom) {
        dp_strbuf_free(&cfg);
        dp_strbuf_puts(errs, "out of memory\n");
        return -1;
    }
    out->config = cfg.data;
    return nerr;
}

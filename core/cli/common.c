/* What the subcommands share: the config path, building a plan, printing its errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "pipeline.h"

void cli_print_errors(const dp_strbuf *errs)
{
    if (!errs->data) return;
    const char *p = errs->data;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "docpipe: error: %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
}

/* Under an error about the N-th word of a pipeline ("-p:N: …"): the pipeline, and a caret under the word. */
static void point_at_word(const char *line, size_t n, const char *text, const dp_pipeline *pl)
{
    size_t prefix = strlen(DP_PIPELINE_NAME);
    if (n <= prefix + 1 || strncmp(line, DP_PIPELINE_NAME ":", prefix + 1) != 0) return;
    char *end;
    unsigned long word = strtoul(line + prefix + 1, &end, 10);
    if (end == line + prefix + 1 || *end != ':' || word == 0 || word > pl->n_words) return;
    const dp_pipeline_word *w = &pl->words[word - 1];
    fprintf(stderr, "docpipe:   %s\ndocpipe:   %*s^", text, (int)w->start, "");
    for (size_t i = 1; i < w->len; i++) fputc('~', stderr);
    fputc('\n', stderr);
}

int cli_build_plan(const dp_request *req, dp_plan **plan)
{
    dp_strbuf errs = { 0 };
    int rc = dp_plan_build(req, plan, &errs);
    if (rc != DP_EXIT_OK && req->pipeline && errs.data && !strchr(req->pipeline, '\n')) {
        dp_pipeline pl;
        dp_strbuf ignored = { 0 };
        dp_pipeline_parse(req->pipeline, &pl, &ignored);
        for (const char *p = errs.data; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            fprintf(stderr, "docpipe: error: %.*s\n", (int)n, p);
            point_at_word(p, n, req->pipeline, &pl);
            p += n + (nl != NULL);
        }
        dp_pipeline_free(&pl);
        dp_strbuf_free(&ignored);
    } else if (rc != DP_EXIT_OK) {
        cli_print_errors(&errs);
    }
    dp_strbuf_free(&errs);
    return rc;
}

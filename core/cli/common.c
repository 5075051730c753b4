/* What the subcommands share: the config path, building a plan, printing its errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

const char *cli_config_path(const char *given)
{
    if (given) return given;
    const char *env = getenv("DOCPIPE_CONFIG");
    return env && *env ? env : "docpipe.cfg";
}

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

int cli_build_plan(const dp_request *req, dp_plan **plan)
{
    dp_strbuf errs = { 0 };
    int rc = dp_plan_build(req, plan, &errs);
    if (rc != DP_EXIT_OK) cli_print_errors(&errs);
    dp_strbuf_free(&errs);
    return rc;
}

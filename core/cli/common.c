/* What the subcommands share: config loading and error printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

dp_pipeline *cli_load_pipeline(const char *path, const char *text, const char *dir, char *const *vars,
                               size_t n_vars, int init, int threads, int resuming, int check_only, int *exit_code)
{
    dp_strbuf errs = { 0 };
    dp_config *cfg = dp_config_read(path, text, dir, vars, n_vars, &errs);
    dp_pipeline *p = cfg ? dp_pipeline_load(cfg, &errs) : NULL;
    *exit_code = p ? DP_EXIT_OK : DP_EXIT_CONFIG;
    if (p && init && (*exit_code = dp_pipeline_init(p, threads, resuming, check_only, &errs)) != DP_EXIT_OK) {
        dp_pipeline_free(p);
        p = NULL;
    }
    if (!p) cli_print_errors(&errs);
    dp_strbuf_free(&errs);
    return p;
}

int cli_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

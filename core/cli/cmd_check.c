/* docpipe check: build the run plan a run with the same arguments would, start nothing. */
#include <stdio.h>

#include "commands.h"

static const char check_usage_head[] =
    "usage: docpipe check [-c CONFIG] [OPTIONS] [INPUT…|-]\n"
    "  Builds the run plan `docpipe run` with the same arguments would: parses the config, loads\n"
    "  every plugin, validates every option against its plugin's table (and the options every\n"
    "  source takes: max_size, encoding), checks the chain (kinds, order, what each instance\n"
    "  consumes and produces) and the command-line overrides, and starts every instance (data files\n"
    "  are loaded; writers create no output).  Exit 0 when a run would start, 78 with every problem\n"
    "  listed as file:line otherwise.  It reads no input.  The options are run's:\n";

int cmd_check(int argc, char **argv)
{
    char usage[4096];
    snprintf(usage, sizeof usage, "%s%s", check_usage_head, cli_run_options_usage);
    cli_run_args a;
    int rc = cli_parse_run_args(argc, argv, usage, &a);
    if (rc >= 0) return rc;
    a.req.check_only = 1;
    dp_plan *plan = NULL;
    if ((rc = cli_build_plan(&a.req, &plan)) != DP_EXIT_OK) return rc;
    const dp_chain *c = dp_plan_chain(plan);
    printf("%s: OK: source %s", dp_plan_config(plan), c->source->name);
    for (size_t i = 0; i < c->n_stages; i++) printf("%s%s", i ? ", " : "; chain ", c->stages[i]->name);
    printf("\n");
    dp_plan_free(plan);
    return DP_EXIT_OK;
}

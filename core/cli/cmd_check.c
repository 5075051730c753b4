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
    cli_run_args a;
    dp_plan *plan;
    int rc = cli_plan_from_args(argc, argv, check_usage_head, 1, &a, &plan);
    if (!plan) return rc;
    const dp_chain *c = dp_plan_chain(plan);
    printf("%s: OK: source %s", dp_plan_config(plan), c->source->name);
    for (size_t i = 0; i < c->n_stages; i++) printf("%s%s", i ? ", " : "; chain ", c->stages[i]->name);
    printf("\n");
    dp_plan_free(plan);
    return DP_EXIT_OK;
}

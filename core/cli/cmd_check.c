/* docpipe check: build the run plan a run with the same arguments would, start nothing. */
#include <stdio.h>

#include "commands.h"

int cmd_check(int argc, char **argv)
{
    cli_run_args a;
    dp_plan *plan;
    int rc = cli_plan_from_args(argc, argv, cli_command_find("check"), 1, &a, &plan);
    if (!plan) return rc;
    const dp_chain *c = dp_plan_chain(plan);
    printf("%s: OK: source %s", dp_plan_config(plan), c->source->name);
    for (size_t i = 0; i < c->n_stages; i++) printf("%s%s", i ? ", " : "; chain ", c->stages[i]->name);
    printf("\n");
    dp_plan_free(plan);
    return DP_EXIT_OK;
}

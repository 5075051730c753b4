/* docpipe run: build the run plan, then execute it over files, directories, globs or stdin. */
#include <stdio.h>
#include <unistd.h>

#include "commands.h"
#include "engine.h"
#include "signals.h"

int cmd_run(int argc, char **argv)
{
    /* A SIGINT while the plan is built waits, and stops the run as soon as it starts (exit 130). */
    dp_signals_hold();
    cli_run_args a;
    dp_plan *plan;
    int rc = cli_plan_from_args(argc, argv, cli_command_find("run"), 0, &a, &plan);
    if (!plan) return rc;
    int tty = isatty(2);
    dp_run_opts o = { .progress = a.quiet ? 0 : a.progress ? 1 : tty, .progress_tty = tty, .quiet = a.quiet,
                      .handle_signals = 1 };
    dp_run_result r;
    rc = dp_engine_run(plan, &o, &r);
    dp_plan_free(plan);
    return rc;
}

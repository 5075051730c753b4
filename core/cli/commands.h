/* The docpipe subcommands (one file each) and what they share (common.c, run_args.c). */
#ifndef DP_CLI_COMMANDS_H
#define DP_CLI_COMMANDS_H

#include "docpipe/exitcode.h"
#include "help.h"
#include "plan.h"
#include "strbuf.h"

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_try(int argc, char **argv);
/* Runs docpipe-train (the tagger's training program); returns only when it cannot. */
int cmd_train(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Print errs (one "file:line: …" per line) prefixed with "docpipe: error: ". */
void cli_print_errors(const dp_strbuf *errs);

/* Build a plan, printing every error; the exit code (DP_EXIT_OK with *plan set). */
int cli_build_plan(const dp_request *req, dp_plan **plan);

/* What `run` and `check` take: a plan request, and how a run reports itself. */
typedef struct cli_run_args {
    dp_request req;        /* inputs and overrides point into argv */
    int progress;          /* --progress */
    int quiet;             /* -q */
    int verbose;           /* -v */
    char **overrides;      /* the -o values (the array is owned) */
    char config_path[4096];/* the config found (discover.h) */
    dp_strbuf config_how;  /* how it was found */
} cli_run_args;

void cli_run_args_free(cli_run_args *a);

/*
 * Parse run's options and inputs (shard also from Slurm or Kubernetes
 * variables) and find the config (discover.h) unless -p gives a pipeline.
 * Returns -1 to go on, else the exit code to return (--help: 0; a bad
 * option: 64, with usage printed; no config found: 78).  Free a with
 * cli_run_args_free.
 */
int cli_parse_run_args(int argc, char **argv, const cli_command *cmd, cli_run_args *a);

/*
 * What `run` and `check` start with: their arguments parsed (cmd: the
 * command, for --help) and the plan built (-v: its config, plugin
 * path and data path told on stderr).  DP_EXIT_OK with *plan set; otherwise
 * the exit code, with *plan NULL (also after --help: 0).  a is freed but
 * for req's inputs and the flags.
 */
int cli_plan_from_args(int argc, char **argv, const cli_command *cmd, int check_only, cli_run_args *a,
                       dp_plan **plan);

#endif

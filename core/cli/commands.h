/* The docpipe subcommands (one file each) and what they share (common.c, run_args.c). */
#ifndef DP_CLI_COMMANDS_H
#define DP_CLI_COMMANDS_H

#include "docpipe/exitcode.h"
#include "plan.h"
#include "strbuf.h"

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_try(int argc, char **argv);
/* Runs docpipe-train (the tagger's training program); returns only when it cannot. */
int cmd_train(int argc, char **argv);

/* The config path: -c, else $DOCPIPE_CONFIG, else "docpipe.cfg". */
const char *cli_config_path(const char *given);

/* Print errs (one "file:line: …" per line) prefixed with "docpipe: error: ". */
void cli_print_errors(const dp_strbuf *errs);

/* Build a plan, printing every error; the exit code (DP_EXIT_OK with *plan set). */
int cli_build_plan(const dp_request *req, dp_plan **plan);

/* What `run` and `check` take: a plan request, and how a run reports itself. */
typedef struct cli_run_args {
    dp_request req;  /* inputs point into argv */
    int progress;    /* --progress */
    int quiet;       /* -q */
} cli_run_args;

/* The option lines of `run --help` (and `check --help`). */
extern const char cli_run_options_usage[];

/*
 * Parse run's options and inputs (shard also from Slurm or Kubernetes
 * variables).  Returns -1 to go on, else the exit code to return (--help: 0;
 * a bad option: 64, with usage printed).
 */
int cli_parse_run_args(int argc, char **argv, const char *usage, cli_run_args *a);

/*
 * What `run` and `check` start with: their arguments parsed (usage_head,
 * then the options, for --help) and the plan built.  DP_EXIT_OK with *plan
 * set; otherwise the exit code, with *plan NULL (also after --help: 0).
 */
int cli_plan_from_args(int argc, char **argv, const char *usage_head, int check_only, cli_run_args *a,
                       dp_plan **plan);

/*
 * An instance of p (a plugin with describe(), plugin.h) described with the
 * options opts ("key=value"; those of p's static table are read, the others
 * ignored): its descriptor then holds the described kind, name and table.
 * NULL with the reason appended to errs.  dp_instance_destroy it.
 */
struct dp_instance;
struct dp_instance *cli_described_instance(const dp_plugin *p, char *const *opts, size_t n_opts,
                                           const char *base_dir, dp_strbuf *errs);

/*
 * Every executable file on the exec path — the directories of
 * DOCPIPE_EXEC_PATH (':'-separated), then the installed examples — started
 * through the exec plugin's describe(): fn gets the file and the described
 * descriptor, or NULL and why not.
 */
typedef void (*cli_worker_fn)(const char *file, const dp_plugin *desc, const char *error, void *ctx);
void cli_each_exec_worker(const dp_plugin *exec, cli_worker_fn fn, void *ctx);

#endif

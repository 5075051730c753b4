/* The docpipe subcommands (one file each) and what they share (common.c). */
#ifndef DP_CLI_COMMANDS_H
#define DP_CLI_COMMANDS_H

#include "cfgfile.h"
#include "docpipe/exitcode.h"
#include "pipeline.h"
#include "strbuf.h"


int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_try(int argc, char **argv);

/* The config path: -c, else $DOCPIPE_CONFIG, else "docpipe.cfg". */
const char *cli_config_path(const char *given);

/*
 * Read, load and validate a pipeline (and init it unless init == 0).
 * Prints every error to stderr and returns NULL on failure, with the exit
 * code in *exit_code.
 */
dp_pipeline *cli_load_pipeline(const char *path, const char *text, const char *dir, char *const *vars,
                               size_t n_vars, int init, int threads, int resuming, int check_only, int *exit_code);

/* Print errs (one "file:line: …" per line) prefixed with "docpipe: ". */
void cli_print_errors(const dp_strbuf *errs);

int cli_cores(void);

#endif

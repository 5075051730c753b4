/*
 * The command line's own documentation (help.c): every subcommand, its
 * synopsis, description and option table, and the global options.  The
 * `--help` texts and the docpipe(1) manual page (man.c) are both printed
 * from these tables, so they cannot drift apart.
 */
#ifndef DP_CLI_HELP_H
#define DP_CLI_HELP_H

#include <stdio.h>

typedef struct cli_option {
    const char *flags; /* "-c, --config FILE" */
    const char *help;
} cli_option;

typedef struct cli_command {
    const char *name;         /* "run" */
    const char *synopsis;     /* after "docpipe run " */
    const char *summary;      /* one line, for the command list */
    const char *description;  /* paragraphs separated by "\n\n" */
    const cli_option *options;/* ends with { NULL, NULL }; may be NULL */
} cli_command;

/* Every subcommand, in the order of the command list; ends with a NULL name. */
extern const cli_command cli_commands[];

/* Options of docpipe itself (before any command); ends with { NULL, NULL }. */
extern const cli_option cli_global_options[];

/* The environment variables docpipe reads, as { name, meaning }; ends with { NULL, NULL }. */
extern const cli_option cli_environment[];

/* The exit codes, as { code, meaning }; ends with { NULL, NULL }. */
extern const cli_option cli_exit_codes[];

/* The subcommand of that name, or NULL. */
const cli_command *cli_command_find(const char *name);

/* `docpipe COMMAND --help`: the synopsis, the description, the option table. */
void cli_print_command_help(FILE *f, const cli_command *c);

/* `docpipe --help`: every subcommand with its summary, the global options, the exit codes. */
void cli_print_main_help(FILE *f);

#endif

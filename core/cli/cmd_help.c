/* docpipe help: the command list, one command's help, or a manual page in roff. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "help.h"
#include "man.h"

int cmd_help(int argc, char **argv)
{
    if (argc == 1) { cli_print_main_help(stdout); return DP_EXIT_OK; }
    if (argc == 3 && !strcmp(argv[1], "--man")) {
        if (cli_man_page(stdout, argv[2]) == 0) return DP_EXIT_OK;
        fprintf(stderr, "docpipe: help: no manual page '%s' (docpipe.1, docpipe.cfg.5; docpipe-plugins.7 is "
                        "`docpipe plugins --man`)\n", argv[2]);
        return DP_EXIT_USAGE;
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) argv[1] = (char *)"help";
    const cli_command *c = argc == 2 ? cli_command_find(argv[1]) : NULL;
    if (!c) {
        cli_print_command_help(stderr, cli_command_find("help"));
        return DP_EXIT_USAGE;
    }
    cli_print_command_help(stdout, c);
    return DP_EXIT_OK;
}

/* docpipe: the command-line entry point; dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "help.h"
#include "docpipe/docpipe.h"

int main(int argc, char **argv)
{
    if (argc < 2) { cli_print_main_help(stderr); return DP_EXIT_USAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "run")) return cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "plugins")) return cmd_plugins(argc - 1, argv + 1);
    if (!strcmp(cmd, "try")) return cmd_try(argc - 1, argv + 1);
    if (!strcmp(cmd, "train")) return cmd_train(argc - 1, argv + 1);
    if (!strcmp(cmd, "help")) return cmd_help(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("docpipe %s (plugin ABI %d.%d)\n", dp_version(), DOCPIPE_ABI_MAJOR, DOCPIPE_ABI_MINOR);
        return DP_EXIT_OK;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) { cli_print_main_help(stdout); return DP_EXIT_OK; }
    fprintf(stderr, "docpipe: unknown command '%s'\n", cmd);
    cli_print_main_help(stderr);
    return DP_EXIT_USAGE;
}

/* docpipe: the command-line entry point; dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "docpipe/docpipe.h"

static void usage(FILE *f)
{
    fputs("usage: docpipe COMMAND [OPTIONS]\n"
          "\n"
          "commands:\n"
          "  run [-c CONFIG] [INPUT…|-]   run a pipeline over files, directories, globs or stdin\n"
          "  check -c CONFIG              validate a config exactly as a run would, then exit\n"
          "  plugins [--json] [NAME]      list the plugins on the plugin path, or document one\n"
          "  try PLUGIN [-o KEY=VALUE…] FILE\n"
          "                               run one plugin on one file and print the document as JSON\n"
          "  train [OPTIONS] TRAIN.conll…  train a tagger model (docpipe-train; `docpipe train --help`)\n"
          "  version                      print the version and the plugin ABI\n"
          "\n"
          "`docpipe COMMAND --help` describes a command.  Exit codes: 0 ok, 64 usage, 65 documents failed,\n"
          "66 missing input, 70 internal error, 74 I/O error, 78 config error, 130 interrupted.\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) { usage(stderr); return DP_EXIT_USAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "run")) return cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "plugins")) return cmd_plugins(argc - 1, argv + 1);
    if (!strcmp(cmd, "try")) return cmd_try(argc - 1, argv + 1);
    if (!strcmp(cmd, "train")) return cmd_train(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("docpipe %s (plugin ABI %d.%d)\n", dp_version(), DOCPIPE_ABI_MAJOR, DOCPIPE_ABI_MINOR);
        return DP_EXIT_OK;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) { usage(stdout); return DP_EXIT_OK; }
    fprintf(stderr, "docpipe: unknown command '%s'\n", cmd);
    usage(stderr);
    return DP_EXIT_USAGE;
}

/* docpipe check: the validation of a real start, without reading documents. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

static const char check_usage[] =
    "usage: docpipe check [-c CONFIG]\n"
    "  Parses the config, loads every plugin, validates every option against its plugin's table,\n"
    "  checks the chain (kinds, order, what each instance consumes and produces) and starts every\n"
    "  instance (data files are loaded; writers create no output).  Exit 0 when a run would start,\n"
    "  78 with every problem listed as file:line otherwise.\n";

int cmd_check(int argc, char **argv)
{
    const char *config = NULL;
    static const struct option longopts[] = { { "config", required_argument, NULL, 'c' },
                                              { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
        if (c == 'c') config = optarg;
        else if (c == 'h') { fputs(check_usage, stdout); return DP_EXIT_OK; }
        else { fputs(check_usage, stderr); return DP_EXIT_USAGE; }
    }
    if (optind < argc) { fputs(check_usage, stderr); return DP_EXIT_USAGE; }
    const char *path = cli_config_path(config);
    int rc;
    dp_pipeline *p = cli_load_pipeline(path, NULL, NULL, NULL, 0, 1, 1, 0, 1, &rc);
    if (!p) return rc;
    printf("%s: OK: source %s", path, p->source->name);
    for (size_t i = 0; i < p->n_chain; i++) printf("%s%s", i ? ", " : "; chain ", p->chain[i]->name);
    printf("\n");
    dp_pipeline_free(p);
    return DP_EXIT_OK;
}

/* The command line's documentation tables and their --help rendering (see help.h). */
#include <string.h>

#include "help.h"

static const cli_option run_options[] = {
    { "-c, --config FILE",
      "the pipeline (default: $DOCPIPE_CONFIG, else the first of ./docpipe.cfg, "
      "$XDG_CONFIG_HOME/docpipe/docpipe.cfg (~/.config when unset) and the system's "
      "$(sysconfdir)/docpipe/docpipe.cfg)" },
    { "-p, --pipeline PIPELINE",
      "a one-line pipeline instead of a config: PLUGIN [KEY=VALUE]... elements separated by ' ! ', the "
      "first the source, e.g. 'news ! names ! jsonl path=-'; name=N names an instance; '...' or \"...\" "
      "keep blanks in a value; errors point at the word" },
    { "-o INSTANCE.KEY=VALUE",
      "set one option of one instance of the config or pipeline, typed by the plugin's table (lists: "
      "items separated by ','); INSTANCE is the instance's name (its plugin's unless named), 'source' "
      "also names the source; repeatable" },
    { "-t, --threads N", "worker threads (default: the config's `threads`; 0: one per core)" },
    { "--shard K/N",
      "process only the documents whose id hashes to shard K of N (0 <= K < N); default from "
      "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or from JOB_COMPLETION_INDEX with --shard-count" },
    { "--shard-count N", "the number of shards for JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)" },
    { "--resume", "continue an interrupted run from its checkpoint" },
    { "--checkpoint FILE",
      "where the run records its progress (default: the config's `checkpoint`, else "
      "CONFIGNAME[.K-of-N].checkpoint in the current directory)" },
    { "--dead-letter FILE", "write failed documents there as JSON Lines (id, source, instance, message)" },
    { "--max-failures N|P%",
      "stop with exit 65 when more than N documents fail, or more than P percent of them (judged once "
      "100 documents are done)" },
    { "--stats FILE", "write the run's summary as JSON" },
    { "--stdin-jsonl",
      "streaming: read JSON Lines records from standard input (the source must be line-based, e.g. "
      "jsonl); use a writer with path \"-\" for standard output" },
    { "--progress", "show progress on stderr: done/total documents and MB, percent, ETA; one redrawn line on a terminal "
                    "(the default there), else a plain line every 5 s" },
    { "-v, --verbose", "say which config the run uses and why, and the plugin and data search paths" },
    { "-q, --quiet", "no progress, no summary" },
    { "-h, --help", "this help" },
    { NULL, NULL }
};

static const cli_option plugins_options[] = {
    { "-c, --config FILE", "search the config's plugin_path and data_path first" },
    { "--json", "the same as one JSON document (with where each data default is found)" },
    { "--markdown", "NAME's option table for its README (scripts/gen-plugin-docs.sh)" },
    { "--man", "the docpipe-plugins(7) manual page of every plugin, in roff" },
    { "--names", "plugin names only, one per line; with NAME, NAME's option names (for completion)" },
    { "-h, --help", "this help" },
    { NULL, NULL }
};

static const cli_option try_options[] = {
    { "-o KEY=VALUE", "set an option of PLUGIN, typed from its table; list items separated by ','" },
    { "--source NAME", "the source that reads FILE for a recognizer, translator or writer (default: text)" },
    { "-h, --help", "this help" },
    { NULL, NULL }
};

static const cli_option help_options[] = {
    { "--man PAGE", "print a manual page in roff: docpipe.1 or docpipe.cfg.5 (docpipe-plugins.7: "
                    "`docpipe plugins --man`)" },
    { "-h, --help", "this help" },
    { NULL, NULL }
};

const cli_command cli_commands[] = {
    { "run", "[-c CONFIG | -p PIPELINE] [-o INSTANCE.KEY=VALUE]... [OPTIONS] [INPUT...|-]",
      "run a pipeline over files, directories, globs or standard input",
      "Builds the run plan of the config (or of the one-line pipeline) with the command line's overrides "
      "and runs it over INPUT: files, directories (walked in byte order of names, recursively unless the "
      "source's recursive = false), glob patterns or '-' for standard input; with no INPUT, the source's "
      "`paths`. Logs go to stderr, data to files, or to stdout when a writer's path is '-'.",
      run_options },
    { "check", "[-c CONFIG | -p PIPELINE] [-o INSTANCE.KEY=VALUE]... [OPTIONS]",
      "build the run plan `run` would with the same arguments, start nothing",
      "Parses the config, loads every plugin, validates every option against its plugin's table (and the "
      "options every source takes), finds every data file, checks the chain (kinds, order, what each "
      "instance consumes and produces) and the command-line overrides, and starts every instance (data "
      "files are loaded; writers create nothing). Exit 0 when a run would start, 78 with every problem "
      "listed as file:line otherwise. It reads no input. It takes run's options.",
      run_options },
    { "plugins", "[-c CONFIG] [--json|--markdown|--man|--names] [NAME]",
      "list the plugins on the plugin path, or document one",
      "Without NAME: every plugin on the plugin path (the config's plugin_path with -c, "
      "$DOCPIPE_PLUGIN_PATH, the install directory). With NAME (jsonl, or writer_jsonl): its description, "
      "what it consumes and produces, and every option with type, default and help; a data option's default "
      "as written (vi/ranks.tsv) and where the data search path finds it.",
      plugins_options },
    { "try", "PLUGIN [-o KEY=VALUE]... [--source NAME] FILE",
      "run one plugin on one file and print the document as JSON",
      "Runs PLUGIN (gazetteer, or recognizer_gazetteer) on FILE and prints the resulting document as JSON "
      "(the jsonl writer) on stdout. A recognizer or translator reads FILE through the text source (or "
      "--source NAME); a source plugin reads FILE itself. Relative paths are relative to the current "
      "directory; data files are found on the data search path.",
      try_options },
    { "train", "[OPTIONS] -o MODEL TRAIN.conll...",
      "train, evaluate or inspect a tagger model (runs docpipe-train)",
      "Runs docpipe-train, installed with the tagger plugin next to docpipe, with the remaining "
      "arguments; `docpipe train --help` lists its options.",
      NULL },
    { "help", "[COMMAND] | --man PAGE",
      "describe docpipe or one command; print a manual page",
      "`docpipe help COMMAND` is `docpipe COMMAND --help`. The manual pages docpipe(1) and docpipe.cfg(5) "
      "are printed from the same tables as this help, and docpipe-plugins(7) from the plugins' option "
      "tables; `make` builds them and `make install` installs them.",
      help_options },
    { "version", "", "print the version and the plugin ABI", "Prints the version and the plugin ABI.", NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

const cli_option cli_global_options[] = {
    { "-h, --help", "list the commands (also `docpipe help`)" },
    { "-V, --version", "print the version and the plugin ABI (also `docpipe version`)" },
    { NULL, NULL }
};

const cli_option cli_environment[] = {
    { "DOCPIPE_CONFIG", "the config to read when -c is not given (before ./docpipe.cfg)" },
    { "XDG_CONFIG_HOME", "the user's config is $XDG_CONFIG_HOME/docpipe/docpipe.cfg (~/.config when unset)" },
    { "DOCPIPE_PLUGIN_PATH", "':'-separated folders searched for plugins after the config's plugin_path" },
    { "DOCPIPE_DATA_PATH", "':'-separated folders searched for data files after the config's data_path" },
    { "SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN", "the shard of a Slurm array job" },
    { "JOB_COMPLETION_INDEX", "the shard of a Kubernetes Indexed Job (with --shard-count)" },
    { NULL, NULL }
};

const cli_option cli_exit_codes[] = {
    { "0", "every document written" },
    { "64", "usage error (bad option, bad shard, a checkpoint from another run)" },
    { "65", "some documents failed (they are in the dead-letter file), or --max-failures was exceeded" },
    { "66", "an input is missing or unreadable, or a directory or glob matched nothing" },
    { "70", "internal error (out of memory, threads)" },
    { "74", "I/O error or a plugin's fatal error: the run stopped" },
    { "78", "configuration error (check and run alike; also -p, -o, a data file found nowhere, no config): "
            "nothing was started" },
    { "130", "interrupted (SIGINT/SIGTERM): in-flight documents finished, resumable with --resume" },
    { NULL, NULL }
};

const cli_command *cli_command_find(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, name)) return c;
    return NULL;
}

/* Print text from column `col`, wrapped before `width`, its first line already indented there. */
static void wrap(FILE *f, const char *text, int col, int width)
{
    int at = col;
    const char *p = text;
    while (*p) {
        if (*p == '\n') { fputc('\n', f); fprintf(f, "%*s", col, ""); at = col; p++; continue; }
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n') end++;
        int len = (int)(end - p);
        if (at > col && at + 1 + len > width) { fprintf(f, "\n%*s", col, ""); at = col; }
        else if (at > col) { fputc(' ', f); at++; }
        fwrite(p, 1, (size_t)len, f);
        at += len;
        p = end;
        while (*p == ' ') p++;
    }
    fputc('\n', f);
}

static void print_options(FILE *f, const cli_option *o)
{
    for (; o && o->flags; o++) {
        int n = fprintf(f, "  %s", o->flags);
        if (n > 24) { fputc('\n', f); n = 0; }
        fprintf(f, "%*s", 26 - n, "");
        wrap(f, o->help, 26, 100);
    }
}

void cli_print_command_help(FILE *f, const cli_command *c)
{
    fprintf(f, "usage: docpipe %s%s%s\n  ", c->name, *c->synopsis ? " " : "", c->synopsis);
    wrap(f, c->description, 2, 100);
    if (c->options) {
        fputs("options:\n", f);
        print_options(f, c->options);
    }
}

void cli_print_main_help(FILE *f)
{
    fputs("usage: docpipe [-h|--help] [-V|--version] COMMAND [OPTIONS]\n\ncommands:\n", f);
    for (const cli_command *c = cli_commands; c->name; c++) {
        int n = fprintf(f, "  %s", c->name);
        fprintf(f, "%*s", 12 - n, "");
        wrap(f, c->summary, 12, 100);
    }
    fputs("\nglobal options:\n", f);
    print_options(f, cli_global_options);
    fputs("\n`docpipe COMMAND --help` (or `docpipe help COMMAND`) describes a command; `man docpipe`, `man "
          "docpipe.cfg`\nand `man docpipe-plugins` are the manuals.\n\nexit codes:", f);
    for (const cli_option *e = cli_exit_codes; e->flags; e++) fprintf(f, " %s", e->flags);
    fputs(" (see `man docpipe`)\n", f);
}

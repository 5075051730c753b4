/*
 * The manual pages docpipe(1) and docpipe.cfg(5), printed from the tables
 * the program itself uses: the commands and their options (help.c), the
 * config's settings (cfgfile.c), the options every source takes
 * (source_options.c), the option types (options.c) and the installed
 * folders (installdirs.c).  docpipe-plugins(7) is `docpipe plugins --man`.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cfgfile.h"
#include "docpipe/docpipe.h"
#include "help.h"
#include "installdirs.h"
#include "man.h"
#include "options.h"
#include "roff.h"
#include "source_options.h"

static void files_section(FILE *f)
{
    char sys[PATH_MAX], data[PATH_MAX], plugins[PATH_MAX];
    roff_section(f, "FILES");
    roff_item(f, "./docpipe.cfg", "the config of the current directory, read when no -c, -p or $DOCPIPE_CONFIG is given");
    roff_item(f, "$XDG_CONFIG_HOME/docpipe/docpipe.cfg", "the user's config (~/.config/docpipe/docpipe.cfg when "
                                                          "XDG_CONFIG_HOME is unset), read next");
    if (dp_install_dir_configured(DP_DIR_SYSCONF, sys, sizeof sys)) {
        char p[PATH_MAX + 16];
        snprintf(p, sizeof p, "%s/docpipe.cfg", sys);
        roff_item(f, p, "the system's default pipeline (news articles to JSON Lines), read last");
    }
    if (dp_install_dir_configured(DP_DIR_DATA, data, sizeof data)) {
        roff_item(f, data, "the installed data files (vi/, vi-en/, names/, world/ with their LICENSE files), "
                           "the default tagger model (models/) and the ready configs (config/)");
    }
    if (dp_install_dir_configured(DP_DIR_PLUGINS, plugins, sizeof plugins))
        roff_item(f, plugins, "the installed plugin modules");
    roff_paragraph(f, "A docpipe run from a staged copy (make install DESTDIR=ROOT) looks each of these up below "
                      "ROOT: the folders are relative to the folder of the docpipe program.");
}

static void data_section(FILE *f)
{
    roff_section(f, "DATA FILES");
    roff_paragraph(f, "An option of type data or data list names a file the plugin reads, as vi/ranks.tsv. docpipe "
                      "looks the name up, in order, next to the config (the current directory for -p, -o and "
                      "try), in every folder of the config's data_path, in every folder of $DOCPIPE_DATA_PATH, "
                      "and in the installed data folder; the first regular file wins. An absolute path, or one "
                      "that starts with ./ or ../, is taken as written. A name with * ? or [ stands for every "
                      "file it matches in the first folder where it matches any. A name found nowhere stops "
                      "check and run with exit 78 and every place searched; `docpipe plugins NAME` shows each "
                      "default and where it is found.");
}

static void page_docpipe(FILE *f, const char *version)
{
    roff_header(f, "DOCPIPE", "1", version, "docpipe manual");
    roff_section(f, "NAME");
    fputs("docpipe \\- run plugin pipelines over documents (Vietnamese news to structured records)\n", f);
    roff_section(f, "SYNOPSIS");
    for (const cli_command *c = cli_commands; c->name; c++) {
        fputs(".PP\n", f);
        char line[512];
        snprintf(line, sizeof line, "docpipe %s", c->name);
        roff_flags(f, line);
        fputc(' ', f);
        roff_text(f, c->synopsis);
        fputc('\n', f);
    }
    roff_section(f, "DESCRIPTION");
    roff_paragraph(f, "docpipe reads a pipeline from a libconfig file (docpipe.cfg(5)) or from the command line "
                      "and passes every document through it: a source parses each input, recognizers find "
                      "entities, translators render them, writers write JSON Lines, brat, CoNLL, TSV, HTML or "
                      "SQLite. Each stage is a plugin (docpipe-plugins(7)). Runs use every core, write their "
                      "outputs crash-safely, resume after an interruption and split into shards.");
    roff_section(f, "COMMANDS");
    for (const cli_command *c = cli_commands; c->name; c++) {
        roff_subsection(f, c->name);
        roff_paragraph(f, c->description);
        /* A command that shares an earlier one's table (check: run's) says so instead of repeating it. */
        int shared = 0;
        for (const cli_command *e = cli_commands; e != c; e++) shared |= c->options && e->options == c->options;
        for (const cli_option *o = shared ? NULL : c->options; o && o->flags; o++)
            if (strcmp(o->flags, "-h, --help") != 0) roff_item(f, o->flags, o->help);
    }
    roff_section(f, "GLOBAL OPTIONS");
    for (const cli_option *o = cli_global_options; o->flags; o++) roff_item(f, o->flags, o->help);
    roff_section(f, "ONE-LINE PIPELINES");
    roff_paragraph(f, "-p takes a pipeline as gst-launch does: elements separated by ' ! ', each a plugin name "
                      "followed by KEY=VALUE words; the first element is the source, writers come last. name=N "
                      "names an instance (for -o and for two instances of one plugin). Values are typed by the "
                      "plugin's option table: numbers, true or false, lists as items separated by ','. Quotes "
                      "keep blanks in a word. The pipeline is checked exactly as a config is, and a message "
                      "names the word it is about as -p:N, the pipeline shown with a caret under the word.");
    roff_example(f, "docpipe run -p 'news ! gazetteer ! names ! dates ! glossary ! jsonl path=-' article.txt\n"
                    "docpipe check -p 'text ! gazetteer lists=vi/countries.tsv types=LOC ! tsv path=out.tsv'");
    roff_section(f, "CONFIG DISCOVERY");
    roff_paragraph(f, "Without -c or -p, run and check read $DOCPIPE_CONFIG, else the first of the files under "
                      "FILES that exists; none is an error (exit 78) that names every place. check -v and run "
                      "-v say which file they used and why.");
    data_section(f);
    files_section(f);
    roff_section(f, "ENVIRONMENT");
    for (const cli_option *o = cli_environment; o->flags; o++) roff_item(f, o->flags, o->help);
    roff_section(f, "EXIT STATUS");
    for (const cli_option *o = cli_exit_codes; o->flags; o++) roff_item(f, o->flags, o->help);
    roff_section(f, "EXAMPLES");
    roff_example(f, "docpipe run articles/                   # the default pipeline, outputs in out/\n"
                    "docpipe check -v                        # which config, plugins and data a run would use\n"
                    "docpipe run -c my.cfg -o out.path=x.jsonl --threads 4 corpus/\n"
                    "docpipe plugins names                   # a plugin's options and data files\n"
                    "docpipe try gazetteer -o types=LOC article.txt");
    roff_section(f, "SEE ALSO");
    fputs("\\fBdocpipe.cfg\\fR(5), \\fBdocpipe-plugins\\fR(7)\n", f);
}

static void page_config(FILE *f, const char *version)
{
    roff_header(f, "DOCPIPE.CFG", "5", version, "docpipe manual");
    roff_section(f, "NAME");
    fputs("docpipe.cfg \\- a docpipe pipeline: its source, its chain of plugins and the run's settings\n", f);
    roff_section(f, "SYNOPSIS");
    roff_paragraph(f, "./docpipe.cfg, $XDG_CONFIG_HOME/docpipe/docpipe.cfg, $(sysconfdir)/docpipe/docpipe.cfg, or "
                      "any file given with docpipe run -c FILE (see FILES).");
    roff_section(f, "DESCRIPTION");
    roff_paragraph(f, "A config is a libconfig file: settings NAME = VALUE; with strings in double quotes, lists "
                      "in [ ] or ( ), groups in { }, # comments and @include \"FILE\" (relative to the config's "
                      "folder). Strings expand ${VAR} and ${VAR:-default} from the environment; "
                      "${DOCPIPE_SHARD} and ${DOCPIPE_SHARDS} are set when a run is sharded. Relative input and "
                      "plugin paths are relative to the config's folder, output paths to the current "
                      "directory; data files are found on the data search path (DATA FILES).\n\n"
                      "docpipe check validates a config exactly as docpipe run does and reports every problem "
                      "as FILE:LINE; exit 78.");
    roff_section(f, "SETTINGS");
    for (const dp_config_setting *k = dp_config_settings; k->name; k++) {
        char text[1024];
        snprintf(text, sizeof text, "%s (%s; default: %s)", k->help, k->type, k->default_value);
        roff_item(f, k->name, text);
    }
    roff_section(f, "INSTANCES");
    roff_paragraph(f, "The source and each chain element is an instance: a group with plugin = \"NAME\" (see "
                      "docpipe-plugins(7) and docpipe plugins), an optional name = \"N\" that tells two "
                      "instances of one plugin apart (and that -o N.KEY=VALUE addresses), and the plugin's "
                      "options. Every option is checked against the plugin's table: unknown keys (with the "
                      "nearest allowed one), wrong types, bad enum values, missing required options. In the "
                      "chain, recognizers come before translators, writers last; every word an instance "
                      "consumes must be produced by the source or an earlier instance.");
    roff_section(f, "OPTION TYPES");
    static const dp_opt_type types[] = { DP_OPT_STRING, DP_OPT_INT, DP_OPT_FLOAT, DP_OPT_BOOL, DP_OPT_ENUM,
                                         DP_OPT_PATH, DP_OPT_LIST, DP_OPT_PATH_LIST, DP_OPT_DATA, DP_OPT_DATA_LIST };
    static const char *const meaning[] = {
        "a string", "an integer", "a number", "true or false", "one string of a fixed set",
        "a file or folder, relative to the config's folder", "a list of strings (one string is accepted)",
        "a list of paths", "a data file, found on the data search path (DATA FILES)", "a list of data files"
    };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) roff_item(f, dp_opt_type_name(types[i]), meaning[i]);
    roff_section(f, "OPTIONS EVERY SOURCE TAKES");
    for (const dp_option *o = dp_source_options; o->name; o++) {
        char text[1024];
        snprintf(text, sizeof text, "%s (%s; default: %s)", o->help ? o->help : "", dp_opt_type_name(o->type),
                 o->default_value ? o->default_value : "none");
        roff_item(f, o->name, text);
    }
    data_section(f);
    roff_section(f, "EXAMPLE");
    roff_example(f, "# news articles to JSON Lines: the system's default pipeline\n"
                    "threads = 0;\n"
                    "dead_letter = \"out/dead-letter.jsonl\";\n"
                    "source = { plugin = \"news\"; include = [ \"*.txt\" ]; };\n"
                    "chain = (\n"
                    "  { plugin = \"gazetteer\"; lists = [ \"vi/countries.tsv\", \"vi/provinces.tsv\" ]; },\n"
                    "  { plugin = \"names\"; },\n"
                    "  { plugin = \"dates\"; },\n"
                    "  { plugin = \"glossary\"; },\n"
                    "  { plugin = \"jsonl\"; name = \"out\"; path = \"out/docs.jsonl\"; }\n"
                    ");");
    files_section(f);
    roff_section(f, "SEE ALSO");
    fputs("\\fBdocpipe\\fR(1), \\fBdocpipe-plugins\\fR(7), \\fBlibconfig\\fR: "
          "https://hyperrealm.github.io/libconfig/\n", f);
}

int cli_man_page(FILE *f, const char *page)
{
    if (!strcmp(page, "docpipe.1")) page_docpipe(f, dp_version());
    else if (!strcmp(page, "docpipe.cfg.5")) page_config(f, dp_version());
    else return -1;
    return 0;
}

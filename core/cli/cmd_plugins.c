/* docpipe plugins: list the plugins on the path, document one from its table. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "commands.h"
#include "docpipe/docpipe.h"
#include "datapath.h"
#include "loader.h"
#include "roff.h"
#include "options.h"
#include "source_options.h"

struct list_ctx {
    dp_loader *loader;
    const dp_datapath *data; /* where the defaults of data options are looked up */
    const char *base_dir;    /* the config's folder, or the current directory */
    const char *want;  /* NULL: all */
    int json;
    int markdown;
    int man;
    int names;        /* --names: names only (of the plugins, or of NAME's options) */
    int found;
    int errors;
    dp_strbuf said;   /* --names: the names printed so far, one per line */
};

static void print_default(const dp_option *o)
{
    if (o->required) printf("(required)");
    else if (o->default_value) printf("%s", o->default_value);
    else printf("-");
}

/*
 * Where the default of a data option is found: each file (a list's items
 * are ','-separated, a name with * stands for what it matches), or NULL
 * with every place searched in *tried.  The result is malloc'ed.
 */
static char *find_default(const struct list_ctx *c, const dp_option *o, dp_strbuf *tried)
{
    dp_strbuf found = { 0 };
    char *names = strdup(o->default_value);
    int missing = !names;
    char *save = NULL;
    for (char *n = names ? strtok_r(names, ",", &save) : NULL; n; n = strtok_r(NULL, ",", &save)) {
        char **files = NULL;
        int count = 0, oom = 0;
        if (dp_datapath_has_glob(n)) {
            count = dp_datapath_glob(c->data, c->base_dir, n, &files, tried);
        } else {
            char *one = dp_datapath_find(c->data, c->base_dir, n, tried, &oom);
            if (one && (files = malloc(sizeof *files))) { files[0] = one; count = 1; }
            else free(one);
        }
        if (count <= 0) missing = 1;
        for (int i = 0; i < count; i++) {
            dp_strbuf_printf(&found, "%s%s", found.len ? ", " : "", files[i]);
            free(files[i]);
        }
        free(files);
    }
    free(names);
    if (missing || found.oom) { dp_strbuf_free(&found); return NULL; }
    return found.data;
}

static int is_data(const dp_option *o)
{
    return (o->type == DP_OPT_DATA || o->type == DP_OPT_DATA_LIST) && o->default_value;
}

static void print_options_text(const struct list_ctx *c, const dp_option *opts)
{
    for (const dp_option *o = opts; o && o->name; o++) {
        printf("  %-22s %-10s ", o->name, dp_opt_type_name(o->type));
        print_default(o);
        printf("\n      %s", o->help ? o->help : "");
        if (o->type == DP_OPT_ENUM && o->choices) printf(" (one of: %s)", o->choices);
        printf("\n");
        if (!is_data(o)) continue;
        dp_strbuf tried = { 0 };
        char *found = find_default(c, o, &tried);
        if (found) printf("      found: %s\n", found);
        else printf("      not found: searched %s\n", tried.data ? tried.data : "nowhere");
        free(found);
        dp_strbuf_free(&tried);
    }
}

static void print_options_json(const struct list_ctx *c, const dp_option *opts, int *first)
{
    for (const dp_option *o = opts; o && o->name; o++) {
        printf("%s{\"name\":", *first ? "" : ",");
        *first = 0;
        dp_json_write_cstr(stdout, o->name);
        printf(",\"type\":\"%s\",\"default\":", dp_opt_type_name(o->type));
        dp_json_write_cstr(stdout, o->default_value);
        printf(",\"required\":%s,\"choices\":", o->required ? "true" : "false");
        dp_json_write_cstr(stdout, o->choices);
        printf(",\"help\":");
        dp_json_write_cstr(stdout, o->help);
        if (is_data(o)) {
            char *found = find_default(c, o, NULL);
            printf(",\"found\":");
            dp_json_write_cstr(stdout, found);
            free(found);
        }
        printf("}");
    }
}

static void md_cell(const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|') fputs("\\|", stdout);
        else putchar(*s);
    }
}

static void print_options_markdown(const dp_option *opts)
{
    for (const dp_option *o = opts; o && o->name; o++) {
        printf("| `%s` | %s | ", o->name, dp_opt_type_name(o->type));
        if (o->required) printf("required");
        else if (o->default_value) { printf("`"); md_cell(o->default_value); printf("`"); }
        else printf("-");
        printf(" | ");
        md_cell(o->help);
        if (o->type == DP_OPT_ENUM && o->choices) { printf(" (one of: "); md_cell(o->choices); printf(")"); }
        printf(" |\n");
    }
}

static void print_options_man(const dp_option *opts)
{
    for (const dp_option *o = opts; o && o->name; o++) {
        /* A list's default with a blank after each ',' so that a long one can be broken between items. */
        char def[1024] = "";
        size_t k = 0;
        for (const char *d = o->default_value; d && *d && k + 2 < sizeof def; d++) {
            def[k++] = *d;
            if (*d == ',' && dp_opt_type_is_list(o->type)) def[k++] = ' ';
        }
        def[k] = '\0';
        char text[2048];
        snprintf(text, sizeof text, "%s (%s%s%s%s%s)", o->help ? o->help : "", dp_opt_type_name(o->type),
                 o->type == DP_OPT_ENUM && o->choices ? ": " : "", o->type == DP_OPT_ENUM && o->choices ? o->choices : "",
                 o->required ? "; required" : o->default_value ? "; default: " : "", o->required ? "" : def);
        roff_item(stdout, o->name, text);
    }
}

static void print_option_names(const dp_option *opts)
{
    for (const dp_option *o = opts; o && o->name; o++) printf("%s\n", o->name);
}

static void describe(struct list_ctx *c, const char *module, const dp_plugin *p, const char *file, int detailed)
{
    if (c->names) {
        if (detailed) {
            print_option_names(p->options);
            if (p->kind == DP_KIND_SOURCE) print_option_names(dp_source_options);
        } else {
            /* jsonl and html are a source's and a writer's name: say each name once. */
            size_t n = strlen(p->name);
            const char *seen = c->said.data;
            int dup = 0;
            for (const char *q = seen; q && (q = strstr(q, p->name)); q++)
                dup |= (q == seen || q[-1] == '\n') && q[n] == '\n';
            if (!dup) {
                printf("%s\n", p->name);
                dp_strbuf_printf(&c->said, "%s\n", p->name);
            }
        }
    } else if (c->man) {
        char title[256];
        snprintf(title, sizeof title, "%s %s", dp_kind_name(p->kind), p->name);
        roff_subsection(stdout, title);
        roff_paragraph(stdout, p->description ? p->description : "");
        char what[512];
        snprintf(what, sizeof what, "Module %s, version %s; consumes: %s; produces: %s; %s.", module,
                 p->version ? p->version : "-", p->consumes && *p->consumes ? p->consumes : "-",
                 p->produces && *p->produces ? p->produces : "-",
                 (p->flags & DP_PLUGIN_SERIAL) ? "serial" : "runs on all worker threads");
        fputs(".PP\n", stdout);
        roff_paragraph(stdout, what);
        print_options_man(p->options);
        if (p->kind == DP_KIND_SOURCE) {
            fputs(".PP\n", stdout);
            roff_paragraph(stdout, "And the options every source takes (docpipe.cfg(5)).");
        }
    } else if (c->markdown) {
        printf("<!-- generated by `docpipe plugins --markdown %s`; do not edit by hand -->\n", p->name);
        printf("%s `%s` %s: %s\n\n", dp_kind_name(p->kind), p->name, p->version ? p->version : "",
               p->description ? p->description : "");
        printf("consumes: `%s` · produces: `%s` · %s\n\n", p->consumes ? p->consumes : "-",
               p->produces && *p->produces ? p->produces : "-",
               (p->flags & DP_PLUGIN_SERIAL) ? "serial" : "runs on all worker threads");
        printf("| option | type | default | meaning |\n|---|---|---|---|\n");
        print_options_markdown(p->options);
        if (p->kind == DP_KIND_SOURCE) print_options_markdown(dp_source_options);
        printf("<!-- end of generated options -->\n");
    } else if (c->json) {
        printf("%s{\"module\":", c->found ? "," : "");
        dp_json_write_cstr(stdout, module);
        printf(",\"kind\":\"%s\",\"name\":", dp_kind_name(p->kind));
        dp_json_write_cstr(stdout, p->name);
        printf(",\"version\":");
        dp_json_write_cstr(stdout, p->version);
        printf(",\"abi\":\"%u.%u\",\"file\":", p->abi_major, p->abi_minor);
        dp_json_write_cstr(stdout, file);
        printf(",\"description\":");
        dp_json_write_cstr(stdout, p->description);
        printf(",\"consumes\":");
        dp_json_write_cstr(stdout, p->consumes);
        printf(",\"produces\":");
        dp_json_write_cstr(stdout, p->produces);
        printf(",\"serial\":%s,\"options\":[", (p->flags & DP_PLUGIN_SERIAL) ? "true" : "false");
        int first = 1;
        if (p->kind == DP_KIND_SOURCE) print_options_json(c, dp_source_options, &first);
        print_options_json(c, p->options, &first);
        printf("]}");
    } else if (!detailed) {
        printf("%-11s %-12s %-8s %s\n", dp_kind_name(p->kind), p->name, p->version ? p->version : "",
               p->description ? p->description : "");
    } else {
        printf("%s %s %s — %s\n", dp_kind_name(p->kind), p->name, p->version ? p->version : "",
               p->description ? p->description : "");
        printf("file:      %s\nABI:       %u.%u\nconsumes:  %s\nproduces:  %s\nthreads:   %s\n", file, p->abi_major,
               p->abi_minor, p->consumes ? p->consumes : "-", p->produces ? p->produces : "-",
               (p->flags & DP_PLUGIN_SERIAL) ? "serial (never called concurrently)" : "concurrent");
        printf("options (name, type, default, help):\n");
        print_options_text(c, p->options);
        if (p->kind == DP_KIND_SOURCE) {
            printf("options every source takes:\n");
            print_options_text(c, dp_source_options);
        }
        printf("\n");
    }
    c->found++;
}

/* docpipe-plugins(7) around the plugins' sections. */
static void man_head(void)
{
    roff_header(stdout, "DOCPIPE-PLUGINS", "7", dp_version(), "docpipe manual");
    roff_section(stdout, "NAME");
    fputs("docpipe-plugins \\- the plugins of docpipe and their options\n", stdout);
    roff_section(stdout, "DESCRIPTION");
    roff_paragraph(stdout, "Every plugin docpipe found on its plugin path when this page was made, with the options "
                           "of its table: the keys of its group in a config (docpipe.cfg(5)), of -o INSTANCE.KEY=VALUE "
                           "and of a -p pipeline's KEY=VALUE words (docpipe(1)). A config names a plugin by its name; "
                           "the source is looked up among the sources, a chain element among the recognizers, "
                           "translators and writers. `docpipe plugins NAME` prints the same for a plugin on this "
                           "machine, with where each default data file is found.");
    roff_section(stdout, "PLUGINS");
}

static void man_tail(void)
{
    roff_section(stdout, "SEE ALSO");
    fputs("\\fBdocpipe\\fR(1), \\fBdocpipe.cfg\\fR(5)\n", stdout);
}

static void each_module(const char *module, const char *dir, void *vctx)
{
    (void)dir;
    struct list_ctx *c = vctx;
    if (c->want) {
        const char *us = strchr(module, '_');
        if (strcmp(module, c->want) != 0 && (!us || strcmp(us + 1, c->want) != 0)) return;
    }
    dp_strbuf err = { 0 };
    const char *file = NULL;
    const dp_plugin *p = dp_loader_load(c->loader, module, &file, &err);
    if (!p) {
        fprintf(stderr, "docpipe: error: %s", err.data ? err.data : "cannot load\n");
        c->errors++;
    } else {
        describe(c, module, p, file, c->want != NULL);
    }
    dp_strbuf_free(&err);
}

int cmd_plugins(int argc, char **argv)
{
    const char *config = NULL;
    int json = 0, markdown = 0;
    int man = 0, names = 0;
    static const struct option longopts[] = { { "config", required_argument, NULL, 'c' },
                                              { "json", no_argument, NULL, 'j' },
                                              { "markdown", no_argument, NULL, 'm' },
                                              { "man", no_argument, NULL, 'M' },
                                              { "names", no_argument, NULL, 'n' },
                                              { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:jh", longopts, NULL)) != -1) {
        if (c == 'c') config = optarg;
        else if (c == 'j') json = 1;
        else if (c == 'm') markdown = 1;
        else if (c == 'M') man = 1;
        else if (c == 'n') names = 1;
        else if (c == 'h') { cli_print_command_help(stdout, cli_command_find("plugins")); return DP_EXIT_OK; }
        else { cli_print_command_help(stderr, cli_command_find("plugins")); return DP_EXIT_USAGE; }
    }
    if (argc - optind > 1 || json + markdown + man + names > 1 || (man && argc - optind > 0)) {
        cli_print_command_help(stderr, cli_command_find("plugins"));
        return DP_EXIT_USAGE;
    }
    dp_config *cfg = NULL;
    if (config) {
        dp_strbuf errs = { 0 };
        cfg = dp_config_read(config, NULL, NULL, NULL, 0, &errs);
        if (!cfg) { cli_print_errors(&errs); dp_strbuf_free(&errs); return DP_EXIT_CONFIG; }
        dp_strbuf_free(&errs);
    }
    dp_loader *l = dp_loader_new(cfg ? cfg->plugin_path : NULL, cfg ? cfg->n_plugin_path : 0);
    dp_datapath data;
    if (dp_datapath_init(&data, cfg ? cfg->data_path : NULL, cfg ? cfg->n_data_path : 0) < 0) {
        dp_loader_free(l);
        l = NULL;
    }
    if (!l) { dp_config_free(cfg); return DP_EXIT_SOFTWARE; }
    struct list_ctx ctx = { l, &data, cfg ? cfg->dir : ".", optind < argc ? argv[optind] : NULL, json, markdown,
                            man, names, 0, 0, { 0 } };
    if (json) printf("{\"abi\":\"%d.%d\",\"plugins\":[", DOCPIPE_ABI_MAJOR, DOCPIPE_ABI_MINOR);
    if (man) man_head();
    dp_loader_each(l, each_module, &ctx);
    if (json) printf("]}\n");
    if (man) man_tail();
    int rc = DP_EXIT_OK;
    if (ctx.want && !ctx.found) {
        fprintf(stderr, "docpipe: error: no plugin named '%s' on the plugin path %s\n", ctx.want, dp_loader_path(l));
        rc = DP_EXIT_USAGE;
    } else if (!ctx.want && !ctx.found && !json) {
        fprintf(stderr, "docpipe: no plugins on the plugin path %s\n", dp_loader_path(l));
    }
    if (ctx.errors && rc == DP_EXIT_OK) rc = DP_EXIT_SOFTWARE;
    dp_strbuf_free(&ctx.said);
    dp_loader_free(l);
    dp_datapath_free(&data);
    dp_config_free(cfg);
    return rc;
}

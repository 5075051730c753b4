/* docpipe try: one plugin on one file, no config file needed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "engine.h"
#include "loader.h"

static void emit_value(dp_strbuf *b, const dp_option *o, const char *v)
{
    switch (o->type) {
    case DP_OPT_INT:
    case DP_OPT_FLOAT:
    case DP_OPT_BOOL:
        dp_strbuf_puts(b, v);
        break;
    case DP_OPT_LIST:
    case DP_OPT_PATH_LIST:
    case DP_OPT_DATA_LIST: {
        dp_strbuf_puts(b, "[ ");
        const char *p = v;
        for (int first = 1; *p || first; first = 0) {
            const char *comma = strchr(p, ',');
            size_t n = comma ? (size_t)(comma - p) : strlen(p);
            dp_strbuf_printf(b, "%s\"%.*s\"", first ? "" : ", ", (int)n, p);
            if (!comma) break;
            p = comma + 1;
        }
        dp_strbuf_puts(b, " ]");
        break;
    }
    default:
        dp_strbuf_puts(b, "\"");
        for (const char *p = v; *p; p++) {
            if (*p == '"' || *p == '\\') dp_strbuf_add(b, "\\", 1);
            dp_strbuf_add(b, p, 1);
        }
        dp_strbuf_puts(b, "\"");
    }
}

static const dp_plugin *find_plugin(dp_loader *l, const char *name, char *module, size_t size)
{
    static const char *const kinds[] = { "source", "recognizer", "translator", "writer", NULL };
    dp_strbuf err = { 0 };
    const dp_plugin *p = NULL;
    if (strchr(name, '_') && dp_loader_exists(l, name)) {
        snprintf(module, size, "%s", name);
        p = dp_loader_load(l, module, NULL, &err);
    }
    for (const char *const *k = kinds; !p && *k; k++) {
        snprintf(module, size, "%s_%s", *k, name);
        if (dp_loader_exists(l, module)) p = dp_loader_load(l, module, NULL, &err);
    }
    if (err.data) fprintf(stderr, "docpipe: error: %s", err.data);
    dp_strbuf_free(&err);
    return p;
}

int cmd_try(int argc, char **argv)
{
    const char *source = "text";
    char **opts = NULL;
    size_t n_opts = 0;
    static const struct option longopts[] = { { "source", required_argument, NULL, 's' },
                                              { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
    int c;
    int rc = DP_EXIT_USAGE;
    optind = 1;
    /* GNU getopt permutes: options may come before or after PLUGIN and FILE. */
    while ((c = getopt_long(argc, argv, "o:s:h", longopts, NULL)) != -1) {
        if (c == 'o') {
            char **n = realloc(opts, (n_opts + 1) * sizeof *n);
            if (!n) { free(opts); return DP_EXIT_SOFTWARE; }
            opts = n;
            opts[n_opts++] = optarg;
        } else if (c == 's') {
            source = optarg;
        } else if (c == 'h') {
            cli_print_command_help(stdout, cli_command_find("try"));
            free(opts);
            return DP_EXIT_OK;
        } else {
            cli_print_command_help(stderr, cli_command_find("try"));
            free(opts);
            return DP_EXIT_USAGE;
        }
    }
    if (argc - optind != 2) { cli_print_command_help(stderr, cli_command_find("try")); free(opts); return DP_EXIT_USAGE; }
    const char *name = argv[optind];
    char *file = argv[optind + 1];

    dp_loader *l = dp_loader_new(NULL, 0);
    char module[256];
    const dp_plugin *p = l ? find_plugin(l, name, module, sizeof module) : NULL;
    dp_strbuf cfg = { 0 }, inst = { 0 };
    if (!p) {
        fprintf(stderr, "docpipe: error: no plugin '%s' on the plugin path %s\n", name, l ? dp_loader_path(l) : "");
        goto out;
    }
    dp_strbuf_printf(&inst, "{ plugin = \"%s\";", p->name);
    for (size_t i = 0; i < n_opts; i++) {
        const char *eq = strchr(opts[i], '=');
        const dp_option *o = NULL;
        for (const dp_option *q = p->options; eq && q && q->name; q++)
            if (strlen(q->name) == (size_t)(eq - opts[i]) && !strncmp(q->name, opts[i], (size_t)(eq - opts[i]))) o = q;
        if (!o) {
            fprintf(stderr, "docpipe: error: -o %s: plugin '%s' has no such option (see docpipe plugins %s)\n",
                    opts[i], p->name, p->name);
            goto out;
        }
        dp_strbuf_printf(&inst, " %s = ", o->name);
        emit_value(&inst, o, eq + 1);
        dp_strbuf_puts(&inst, ";");
    }
    dp_strbuf_puts(&inst, " }");
    if (p->kind == DP_KIND_SOURCE)
        dp_strbuf_printf(&cfg, "queue = 1;\nsource = %s;\nchain = ( { plugin = \"jsonl\"; path = \"-\"; } );\n", inst.data);
    else if (p->kind == DP_KIND_WRITER)
        dp_strbuf_printf(&cfg, "queue = 1;\nsource = { plugin = \"%s\"; };\nchain = ( %s );\n", source, inst.data);
    else
        dp_strbuf_printf(&cfg, "queue = 1;\nsource = { plugin = \"%s\"; };\nchain = ( %s, { plugin = \"jsonl\"; path = \"-\"; } );\n",
                         source, inst.data);
    if (cfg.oom || inst.oom) { rc = DP_EXIT_SOFTWARE; goto out; }
    dp_loader_free(l);
    l = NULL;
    dp_request req;
    dp_request_init(&req);
    req.config_path = "(docpipe try)";
    req.config_text = cfg.data;
    req.base_dir = ".";
    req.inputs = &file;
    req.n_inputs = 1;
    req.threads = 1;
    dp_plan *plan = NULL;
    if ((rc = cli_build_plan(&req, &plan)) != DP_EXIT_OK) goto out;
    dp_run_opts o = { .progress = 0, .quiet = 1, .handle_signals = 0 };
    dp_run_result r;
    rc = dp_engine_run(plan, &o, &r);
    dp_plan_free(plan);
out:
    dp_loader_free(l);
    dp_strbuf_free(&cfg);
    dp_strbuf_free(&inst);
    free(opts);
    return rc;
}

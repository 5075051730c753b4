/* A config group to an instance: plugin name -> module -> descriptor -> instance with validated options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_instance.h"

const char *dp_plan_instance_name(const config_setting_t *g)
{
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) return NULL;
    const config_setting_t *ns = config_setting_get_member(g, "name");
    const char *n = ns ? config_setting_get_string(ns) : NULL;
    if (n) return n;
    const config_setting_t *ps = config_setting_get_member(g, "plugin");
    return ps ? config_setting_get_string(ps) : NULL;
}

static int names(const dp_override *o, const dp_instance *inst, int is_source, int rank)
{
    if (o->element >= 0) return o->element == rank;
    return !strcmp(o->instance, inst->name) || (is_source && !strcmp(o->instance, "source"));
}

dp_instance *dp_plan_instance(dp_loader *l, const dp_datapath *dp, const dp_config *c, const config_setting_t *g,
                              int is_source, int rank, const dp_override *ov, size_t n_ov, dp_strbuf *errs)
{
    const char *file = config_setting_source_file(g) ? config_setting_source_file(g) : c->path;
    char where[512];
    snprintf(where, sizeof where, "%s:%d", file, config_setting_source_line(g));
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
        dp_strbuf_printf(errs, "%s: each chain element must be a group { plugin = \"…\"; … }\n", where);
        return NULL;
    }
    const char *pname = NULL, *iname = NULL;
    const config_setting_t *ps = config_setting_get_member(g, "plugin");
    if (!ps || !(pname = config_setting_get_string(ps))) {
        dp_strbuf_printf(errs, "%s: missing 'plugin = \"NAME\";' (see `docpipe plugins` for the names)\n", where);
        return NULL;
    }
    const config_setting_t *ns = config_setting_get_member(g, "name");
    if (ns && !(iname = config_setting_get_string(ns))) {
        dp_strbuf_printf(errs, "%s:%d: 'name' must be a string\n", file, config_setting_source_line(ns));
        return NULL;
    }
    char *module = dp_loader_resolve(l, pname, is_source, where, errs);
    if (!module) return NULL;
    const char *mfile = NULL;
    dp_strbuf lerr = { 0 };
    const dp_plugin *desc = dp_loader_load(l, module, &mfile, &lerr);
    free(module);
    if (!desc) {
        dp_strbuf_printf(errs, "%s: %s", where, lerr.data ? lerr.data : "cannot load plugin\n");
        dp_strbuf_free(&lerr);
        return NULL;
    }
    dp_strbuf_free(&lerr);
    dp_instance *inst = dp_instance_create(desc, mfile, iname, where, c->dir);
    if (!inst) { dp_strbuf_puts(errs, "out of memory\n"); return NULL; }
    inst->rank = rank;
    struct dp_expand_ctx ctx = { (const char *const *)c->vars, c->n_vars };
    int nerr = dp_optset_from_setting(&inst->opts, g, file, pname, c->dir, dp_config_expand, &ctx, errs);
    for (size_t i = 0; i < n_ov; i++)
        if (names(&ov[i], inst, is_source, rank))
            nerr += dp_optset_from_text(&inst->opts, ov[i].kv, pname, ".", ov[i].where, errs);
    nerr += dp_optset_check_required(&inst->opts, where, pname, errs);
    if (!nerr) nerr += dp_optset_resolve_data(&inst->opts, dp, where, pname, errs);
    if (nerr) { dp_instance_destroy(inst); return NULL; }
    return inst;
}

/* Building and validating a pipeline from its config; instance life cycle. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "pipeline.h"

const char *dp_kind_name(dp_kind k)
{
    switch (k) {
    case DP_KIND_SOURCE: return "source";
    case DP_KIND_RECOGNIZER: return "recognizer";
    case DP_KIND_TRANSLATOR: return "translator";
    case DP_KIND_WRITER: return "writer";
    }
    return "?";
}

dp_instance *dp_instance_create(const dp_plugin *desc, const char *module_file, const char *name, const char *where,
                                const char *base_dir)
{
    dp_instance *inst = calloc(1, sizeof *inst);
    if (!inst) return NULL;
    inst->desc = *desc;
    inst->module_file = strdup(module_file ? module_file : "(linked in)");
    inst->name = strdup(name ? name : desc->name);
    inst->where = strdup(where ? where : "(no config)");
    inst->base_dir = strdup(base_dir ? base_dir : ".");
    inst->threads = 1;
    pthread_mutex_init(&inst->serial_lock, NULL);
    if (!inst->module_file || !inst->name || !inst->where || !inst->base_dir ||
        dp_optset_init(&inst->opts, desc, inst->base_dir) < 0) {
        dp_instance_destroy(inst);
        return NULL;
    }
    return inst;
}

void dp_instance_destroy(dp_instance *inst)
{
    if (!inst) return;
    if (inst->inited && inst->desc.fini) inst->desc.fini(inst->state);
    dp_optset_free(&inst->opts);
    pthread_mutex_destroy(&inst->serial_lock);
    free(inst->module_file);
    free(inst->name);
    free(inst->where);
    free(inst->base_dir);
    free(inst);
}

int dp_instance_init(dp_instance *inst, dp_strbuf *errs)
{
    inst->init_error[0] = '\0';
    if (!inst->desc.init) { inst->inited = 1; return 0; }
    int rc = inst->desc.init(inst, &inst->state);
    if (rc != 0) {
        dp_strbuf_printf(errs, "%s: %s '%s' failed to start: %s\n", inst->where, dp_kind_name(inst->desc.kind),
                         inst->name, inst->init_error[0] ? inst->init_error : "init() failed without a message");
        return -1;
    }
    inst->inited = 1;
    return 0;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int dp_instance_process(dp_instance *inst, dp_doc *doc, dp_error *err)
{
    uint64_t t0 = now_ns();
    int serial = (inst->desc.flags & DP_PLUGIN_SERIAL) != 0;
    if (serial) pthread_mutex_lock(&inst->serial_lock);
    dp_doc_set_instance(doc, inst->rank, inst->name);
    int rc = inst->desc.process(inst->state, doc, err);
    if (serial) pthread_mutex_unlock(&inst->serial_lock);
    atomic_fetch_add(&inst->ns, now_ns() - t0);
    atomic_fetch_add(&inst->calls, 1);
    if (rc == DP_FAILED || rc == DP_FATAL) atomic_fetch_add(&inst->failed, 1);
    return rc;
}

/* ---- accessors plugins use ---- */

const char *dp_instance_name(const dp_instance *inst) { return inst->name; }
const char *dp_instance_where(const dp_instance *inst) { return inst->where; }
int dp_instance_resuming(const dp_instance *inst) { return inst->resuming; }
int dp_instance_threads(const dp_instance *inst) { return inst->threads; }
int dp_instance_checking(const dp_instance *inst) { return inst->check_only; }

void dp_instance_error(dp_instance *inst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(inst->init_error, sizeof inst->init_error, fmt, ap);
    va_end(ap);
}

/* ---- building the pipeline ---- */

static int has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; p && *p;) {
        while (*p == ' ') p++;
        const char *e = p;
        while (*e && *e != ' ') e++;
        if ((size_t)(e - p) == n && !strncmp(p, w, n)) return 1;
        p = e;
    }
    return 0;
}

/* Resolve a config plugin name in the chain: recognizer_, translator_ or writer_. */
static char *chain_module(dp_loader *l, const char *name, const char *where, dp_strbuf *errs)
{
    static const char *const kinds[] = { "recognizer", "translator", "writer", NULL };
    char *found = NULL;
    for (const char *const *k = kinds; *k; k++) {
        char m[256];
        snprintf(m, sizeof m, "%s_%s", *k, name);
        if (dp_loader_exists(l, m)) {
            if (found) {
                dp_strbuf_printf(errs, "%s: plugin name '%s' is ambiguous (%s and %s)\n", where, name, found, m);
                free(found);
                return NULL;
            }
            found = strdup(m);
        }
    }
    if (!found) {
        dp_strbuf_printf(errs, "%s: unknown plugin '%s': no recognizer_%s, translator_%s or writer_%s on the plugin path %s "
                         "(see `docpipe plugins`)\n", where, name, name, name, name, dp_loader_path(l));
    }
    return found;
}

static dp_instance *build_instance(dp_pipeline *p, const config_setting_t *g, int is_source, int rank, dp_strbuf *errs)
{
    dp_config *c = p->cfg;
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
    for (const char *q = pname; *q; q++) {
        if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_' || *q == '-')) {
            dp_strbuf_printf(errs, "%s: plugin name '%s' may contain only a-z, 0-9, '_' and '-' "
                             "(see `docpipe plugins`)\n", where, pname);
            return NULL;
        }
    }
    char *module = NULL;
    if (is_source) {
        char m[256];
        snprintf(m, sizeof m, "source_%s", pname);
        if (dp_loader_exists(p->loader, m)) module = strdup(m);
        else dp_strbuf_printf(errs, "%s: unknown source plugin '%s': no source_%s on the plugin path %s "
                              "(see `docpipe plugins`)\n", where, pname, pname, dp_loader_path(p->loader));
    } else {
        module = chain_module(p->loader, pname, where, errs);
    }
    if (!module) return NULL;
    const char *mfile = NULL;
    dp_strbuf lerr = { 0 };
    const dp_plugin *desc = dp_loader_load(p->loader, module, &mfile, &lerr);
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
    struct dp_expand_ctx ctx = { c->dir, (const char *const *)c->vars, c->n_vars };
    int nerr = dp_optset_from_setting(&inst->opts, g, file, pname, dp_config_expand, &ctx, errs);
    nerr += dp_optset_check_required(&inst->opts, where, pname, errs);
    if (nerr) { dp_instance_destroy(inst); return NULL; }
    return inst;
}

dp_pipeline *dp_pipeline_load(dp_config *cfg, dp_strbuf *errs)
{
    dp_pipeline *p = calloc(1, sizeof *p);
    if (!p) { dp_config_free(cfg); return NULL; }
    p->cfg = cfg;
    p->last_recognizer = -1;
    p->loader = dp_loader_new(cfg->plugin_path, cfg->n_plugin_path);
    if (!p->loader) {
        dp_strbuf_puts(errs, "cannot initialise libltdl\n");
        dp_pipeline_free(p);
        return NULL;
    }
    int nerr = 0;
    p->source = build_instance(p, cfg->source, 1, 0, errs);
    if (!p->source) nerr++;
    int n = config_setting_length(cfg->chain);
    p->chain = calloc((size_t)n + 1, sizeof *p->chain);
    if (!p->chain) { dp_pipeline_free(p); return NULL; }
    for (int i = 0; i < n; i++) {
        dp_instance *inst = build_instance(p, config_setting_get_elem(cfg->chain, (unsigned)i), 0, i + 1, errs);
        if (!inst) { nerr++; continue; }
        p->chain[p->n_chain++] = inst;
    }
    if (nerr) { dp_pipeline_free(p); return NULL; }

    /* Instance names are unique; writers come last; capabilities line up. */
    p->first_writer = p->n_chain;
    char produced[4096];
    snprintf(produced, sizeof produced, "raw %s", p->source->desc.produces ? p->source->desc.produces : "text fields segments");
    for (size_t i = 0; i < p->n_chain; i++) {
        dp_instance *in = p->chain[i];
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(p->chain[j]->name, in->name)) {
                dp_strbuf_printf(errs, "%s: instance name '%s' is already used at %s; give one of them name = \"…\"\n",
                                 in->where, in->name, p->chain[j]->where);
                nerr++;
            }
        }
        if (in->desc.kind == DP_KIND_WRITER) {
            if (p->first_writer == p->n_chain) p->first_writer = i;
        } else if (p->first_writer < p->n_chain) {
            dp_strbuf_printf(errs, "%s: %s '%s' comes after writer '%s' (%s); writers must be last in the chain\n",
                             in->where, dp_kind_name(in->desc.kind), in->name, p->chain[p->first_writer]->name,
                             p->chain[p->first_writer]->where);
            nerr++;
        }
        if (in->desc.kind == DP_KIND_RECOGNIZER) p->last_recognizer = (long)i;
        const char *cons = in->desc.consumes ? in->desc.consumes : "";
        for (const char *q = cons; *q;) {
            while (*q == ' ') q++;
            const char *e = q;
            while (*e && *e != ' ') e++;
            if (e > q) {
                char w[128];
                snprintf(w, sizeof w, "%.*s", (int)(e - q), q);
                if (!has_word(produced, w)) {
                    dp_strbuf_printf(errs, "%s: %s '%s' consumes '%s', which nothing before it produces "
                                     "(produced so far: %s); move it after an instance that produces '%s'\n",
                                     in->where, dp_kind_name(in->desc.kind), in->name, w, produced, w);
                    nerr++;
                }
            }
            q = e;
        }
        if (in->desc.produces) {
            size_t len = strlen(produced);
            snprintf(produced + len, sizeof produced - len, " %s", in->desc.produces);
        }
    }
    if (p->first_writer == p->n_chain) {
        dp_strbuf_printf(errs, "%s: the chain has no writer, so a run would produce nothing; end it with e.g. "
                         "{ plugin = \"jsonl\"; path = \"out/docs.jsonl\"; }\n", cfg->path);
        nerr++;
    }
    if (nerr) { dp_pipeline_free(p); return NULL; }
    return p;
}

int dp_pipeline_init(dp_pipeline *p, int threads, int resuming, int check_only, dp_strbuf *errs)
{
    dp_instance *all[1 + p->n_chain];
    all[0] = p->source;
    for (size_t i = 0; i < p->n_chain; i++) all[i + 1] = p->chain[i];
    int nerr = 0;
    for (size_t i = 0; i < 1 + p->n_chain; i++) {
        all[i]->threads = threads;
        all[i]->resuming = resuming;
        all[i]->check_only = check_only;
        if (dp_instance_init(all[i], errs) < 0) nerr++;
    }
    return nerr ? -1 : 0;
}

void dp_pipeline_free(dp_pipeline *p)
{
    if (!p) return;
    /* fini in reverse order of init. */
    for (size_t i = p->n_chain; i-- > 0;) dp_instance_destroy(p->chain[i]);
    free(p->chain);
    dp_instance_destroy(p->source);
    dp_loader_free(p->loader);
    dp_config_free(p->cfg);
    free(p);
}

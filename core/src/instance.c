/* A configured plugin: life cycle, timing, and the services plugin.h offers it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "instance.h"
#include "internal.h"
#include "log.h"
#include "source_options.h"

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
    inst->threads = 1;
    pthread_mutex_init(&inst->serial_lock, NULL);
    inst->strings = dp_arena_new(512);
    if (!inst->strings) goto fail;
    inst->module_file = dp_arena_strdup(inst->strings, module_file ? module_file : "(linked in)");
    inst->name = dp_arena_strdup(inst->strings, name ? name : desc->name);
    inst->where = dp_arena_strdup(inst->strings, where ? where : "(no config)");
    inst->base_dir = dp_arena_strdup(inst->strings, base_dir ? base_dir : ".");
    if (!inst->module_file || !inst->name || !inst->where || !inst->base_dir) goto fail;
    /* The plugin, and the instance's own name when the config gave it one. */
    int named = strcmp(inst->name, desc->name) != 0;
    inst->label = dp_arena_printf(inst->strings, "%s:%s%s%s", dp_kind_name(desc->kind), desc->name,
                                  named ? "#" : "", named ? inst->name : "");
    if (!inst->label) goto fail;
    const dp_option *common = desc->kind == DP_KIND_SOURCE ? dp_source_options : NULL;
    if (dp_optset_init(&inst->opts, desc, common, inst->base_dir) < 0) goto fail;
    return inst;
fail:
    dp_instance_destroy(inst);
    return NULL;
}

void dp_instance_destroy(dp_instance *inst)
{
    if (!inst) return;
    if (inst->inited && inst->desc.fini) inst->desc.fini(inst->state);
    dp_optset_free(&inst->opts);
    pthread_mutex_destroy(&inst->serial_lock);
    dp_arena_free(inst->strings);
    free(inst);
}

int dp_instance_init(dp_instance *inst, dp_strbuf *errs)
{
    dp_error_clear(&inst->init_error);
    if (!inst->desc.init) { inst->inited = 1; return 0; }
    int rc = inst->desc.init(inst, &inst->state);
    if (rc != 0) {
        const char *msg = dp_error_message(&inst->init_error);
        dp_strbuf_printf(errs, "%s: %s '%s' failed to start: %s\n", inst->where, dp_kind_name(inst->desc.kind),
                         inst->name, *msg ? msg : "init() failed without a message");
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

int dp_instance_render(dp_instance *inst, const dp_doc *doc, dp_strbuf *out, dp_error *err)
{
    uint64_t t0 = now_ns();
    int rc = inst->desc.render(inst->state, doc, out, err);
    atomic_fetch_add(&inst->ns, now_ns() - t0);
    if (rc == DP_FAILED || rc == DP_FATAL) atomic_fetch_add(&inst->failed, 1);
    return rc;
}

int dp_instance_write(dp_instance *inst, const char *bytes, size_t len, dp_error *err)
{
    uint64_t t0 = now_ns();
    int rc = inst->desc.write(inst->state, bytes, len, err);
    atomic_fetch_add(&inst->ns, now_ns() - t0);
    atomic_fetch_add(&inst->calls, 1);
    if (rc == DP_FAILED || rc == DP_FATAL) atomic_fetch_add(&inst->failed, 1);
    return rc;
}

/* ---- what plugin.h offers an instance ---- */

const char *dp_instance_name(const dp_instance *inst) { return inst->name; }
const char *dp_instance_label(const dp_instance *inst) { return inst->label; }
const char *dp_instance_where(const dp_instance *inst) { return inst->where; }
int dp_instance_resuming(const dp_instance *inst) { return inst->resuming; }
int dp_instance_threads(const dp_instance *inst) { return inst->threads; }
int dp_instance_checking(const dp_instance *inst) { return inst->check_only; }

int dp_instance_error(dp_instance *inst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(inst->init_error.msg, sizeof inst->init_error.msg, fmt, ap);
    va_end(ap);
    return -1;
}

int dp_instance_nomem(dp_instance *inst)
{
    dp_fail_nomem(&inst->init_error);
    return -1;
}

void dp_log(const dp_instance *inst, dp_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dp_log_emit(inst ? inst->label : NULL, level, fmt, ap);
    va_end(ap);
}

/* ---- options ---- */

static const dp_optval *lookup(const dp_instance *inst, const char *name, int want_list)
{
    const dp_optval *v = dp_optset_find(&inst->opts, name);
    if (!v) {
        dp_log(inst, DP_LOG_ERROR, "bug: plugin asked for option '%s', which its table does not declare", name);
        return NULL;
    }
    int is_list = dp_opt_type_is_list(v->spec->type);
    if (is_list != want_list) {
        dp_log(inst, DP_LOG_ERROR, "bug: option '%s' read with the wrong accessor", name);
        return NULL;
    }
    return v;
}

const char *dp_opt_str(const dp_instance *inst, const char *name)
{
    const dp_optval *v = lookup(inst, name, 0);
    return v ? v->str : NULL;
}

long long dp_opt_int(const dp_instance *inst, const char *name)
{
    const dp_optval *v = lookup(inst, name, 0);
    return v ? v->i : 0;
}

double dp_opt_float(const dp_instance *inst, const char *name)
{
    const dp_optval *v = lookup(inst, name, 0);
    return v ? v->f : 0.0;
}

int dp_opt_bool(const dp_instance *inst, const char *name)
{
    const dp_optval *v = lookup(inst, name, 0);
    return v ? v->b : 0;
}

size_t dp_opt_count(const dp_instance *inst, const char *name)
{
    const dp_optval *v = lookup(inst, name, 1);
    return v ? v->n_items : 0;
}

const char *dp_opt_item(const dp_instance *inst, const char *name, size_t i)
{
    const dp_optval *v = lookup(inst, name, 1);
    return v && i < v->n_items ? v->items[i] : NULL;
}

int dp_opt_isset(const dp_instance *inst, const char *name)
{
    const dp_optval *v = dp_optset_find(&inst->opts, name);
    return v ? v->set : 0;
}

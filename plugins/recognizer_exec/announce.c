/* The worker's announcement and the init message (announce.h). */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include <docpipe/json.h>

#include "announce.h"

static const struct { const char *name; dp_opt_type type; } types[] = {
    { "string", DP_OPT_STRING }, { "int", DP_OPT_INT }, { "float", DP_OPT_FLOAT }, { "bool", DP_OPT_BOOL },
    { "enum", DP_OPT_ENUM }, { "path", DP_OPT_PATH }, { "list", DP_OPT_LIST }, { "path_list", DP_OPT_PATH_LIST },
};

static int plain_name(const char *s)
{
    if (!s || !*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-')) return 0;
    return 1;
}

static const char *dup_or_null(dp_arena *a, const json_t *v) { return json_is_string(v) ? dp_arena_strdup(a, json_string_value(v)) : NULL; }

/* A default given as a string, number or boolean, or a list of strings, as the text the core parses. */
static const char *default_text(dp_arena *a, const json_t *v)
{
    char buf[64];
    if (json_is_string(v)) return dp_arena_strdup(a, json_string_value(v));
    if (json_is_integer(v)) snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v)) snprintf(buf, sizeof buf, "%.17g", json_real_value(v));
    else if (json_is_boolean(v)) snprintf(buf, sizeof buf, "%s", json_is_true(v) ? "true" : "false");
    else if (json_is_array(v)) {
        dp_strbuf b = { 0 };
        size_t i;
        const json_t *e;
        json_array_foreach(v, i, e) {
            if (i) dp_strbuf_putc(&b, ',');
            dp_strbuf_puts(&b, json_string_value(e) ? json_string_value(e) : "");
        }
        const char *r = b.oom ? NULL : dp_arena_strdup(a, b.data ? b.data : "");
        dp_strbuf_free(&b);
        return r;
    } else return NULL;
    return dp_arena_strdup(a, buf);
}

static int parse_option(const json_t *o, size_t i, const dp_option *own, dp_arena *a, dp_option *out, char *msg,
                        size_t size)
{
    const char *name = json_string_value(json_object_get(o, "name"));
    const char *type = json_string_value(json_object_get(o, "type"));
    if (!json_is_object(o) || !plain_name(name) || !type) {
        snprintf(msg, size, "announcement: option %zu needs a plain \"name\" (a-z, 0-9, _, -) and a \"type\"", i);
        return -1;
    }
    if (!strcmp(name, "plugin") || !strcmp(name, "name")) {
        snprintf(msg, size, "announcement: option '%s' is a name every instance has", name);
        return -1;
    }
    for (const dp_option *q = own; q->name; q++)
        if (!strcmp(q->name, name)) {
            snprintf(msg, size, "announcement: option '%s' is an option of the exec plugin itself", name);
            return -1;
        }
    out->type = 0;
    for (size_t k = 0; k < sizeof types / sizeof *types; k++)
        if (!strcmp(type, types[k].name)) out->type = types[k].type;
    if (!out->type) {
        snprintf(msg, size, "announcement: option '%s' has type '%s'; known: string, int, float, bool, enum, path, "
                            "list, path_list", name, type);
        return -1;
    }
    const json_t *def = json_object_get(o, "default");
    out->name = dp_arena_strdup(a, name);
    out->default_value = def && !json_is_null(def) ? default_text(a, def) : NULL;
    out->required = json_is_true(json_object_get(o, "required"));
    out->choices = dup_or_null(a, json_object_get(o, "choices"));
    out->help = dup_or_null(a, json_object_get(o, "help"));
    if (!out->help) out->help = "";
    if (out->type == DP_OPT_ENUM && !out->choices) {
        snprintf(msg, size, "announcement: enum option '%s' needs \"choices\" (\"a|b|c\")", name);
        return -1;
    }
    if (!out->name || (def && !json_is_null(def) && !out->default_value)) {
        snprintf(msg, size, "announcement: option '%s': a default must be a string, number, boolean or list", name);
        return -1;
    }
    return 0;
}

int exec_announce_parse(const char *line, size_t len, const dp_option *own, dp_arena *a, dp_plugin *desc,
                        char *msg, size_t size)
{
    json_error_t je;
    json_t *root = json_loadb(line, len, 0, &je);
    if (!root || !json_is_object(root) || strcmp(json_string_value(json_object_get(root, "type")) ?
                                                     json_string_value(json_object_get(root, "type")) : "", "announce")) {
        snprintf(msg, size, "the worker's first line is not an announcement {\"type\":\"announce\", …}: %.80s%s",
                 line, len > 80 ? "…" : "");
        json_decref(root);
        return -1;
    }
    int rc = -1;
    const json_t *proto = json_object_get(root, "protocol");
    if (!json_is_integer(proto) || json_integer_value(proto) != EXEC_PROTOCOL) {
        char got[32] = "none";
        if (json_is_integer(proto)) snprintf(got, sizeof got, "%" JSON_INTEGER_FORMAT, json_integer_value(proto));
        snprintf(msg, size, "the worker speaks protocol %s, this docpipe speaks protocol %d: update the worker "
                            "(or its helper) to protocol %d", got, EXEC_PROTOCOL, EXEC_PROTOCOL);
        goto out;
    }
    const char *name = json_string_value(json_object_get(root, "name"));
    const char *kind = json_string_value(json_object_get(root, "kind"));
    if (!plain_name(name)) {
        snprintf(msg, size, "announcement: \"name\" must be a plain name (a-z, 0-9, _, -)");
        goto out;
    }
    if (kind && !strcmp(kind, "recognizer")) desc->kind = DP_KIND_RECOGNIZER;
    else if (kind && !strcmp(kind, "translator")) desc->kind = DP_KIND_TRANSLATOR;
    else {
        snprintf(msg, size, "announcement: \"kind\" must be recognizer or translator");
        goto out;
    }
    desc->name = dp_arena_strdup(a, name);
    desc->version = dup_or_null(a, json_object_get(root, "version"));
    desc->description = dup_or_null(a, json_object_get(root, "description"));
    desc->consumes = dup_or_null(a, json_object_get(root, "consumes"));
    desc->produces = dup_or_null(a, json_object_get(root, "produces"));
    if (!desc->consumes) desc->consumes = "text";
    if (!desc->produces) desc->produces = desc->kind == DP_KIND_RECOGNIZER ? "entity" : "entity.translation";
    if (!desc->version) desc->version = "?";
    const json_t *opts = json_object_get(root, "options");
    if (opts && !json_is_array(opts)) {
        snprintf(msg, size, "announcement: \"options\" must be an array");
        goto out;
    }
    size_t n_own = 0, n = json_array_size(opts);
    while (own[n_own].name) n_own++;
    dp_option *table = dp_arena_calloc(a, n_own + n + 1, sizeof *table);
    if (!desc->name || !table) {
        snprintf(msg, size, "out of memory");
        goto out;
    }
    memcpy(table, own, n_own * sizeof *table);
    for (size_t i = 0; i < n; i++) {
        if (parse_option(json_array_get(opts, i), i, own, a, &table[n_own + i], msg, size) < 0) goto out;
        for (size_t k = n_own; k < n_own + i; k++)
            if (!strcmp(table[k].name, table[n_own + i].name)) {
                snprintf(msg, size, "announcement: option '%s' is declared twice", table[k].name);
                goto out;
            }
    }
    desc->options = table;
    rc = 0;
out:
    json_decref(root);
    return rc;
}

static void put_key(dp_strbuf *b, const char *k)
{
    dp_json_append_string(b, k, strlen(k));
    dp_strbuf_putc(b, ':');
}

int exec_init_message(const dp_instance *inst, const dp_option *table, size_t n_own, const char *unit, dp_strbuf *b)
{
    dp_strbuf_printf(b, "{\"type\":\"init\",\"protocol\":%d,\"instance\":", EXEC_PROTOCOL);
    dp_json_append_string(b, dp_instance_name(inst), strlen(dp_instance_name(inst)));
    dp_strbuf_printf(b, ",\"threads\":%d,\"checking\":%s,\"offset_unit\":\"%s\",\"options\":{",
                     dp_instance_threads(inst), dp_instance_checking(inst) ? "true" : "false", unit);
    int first = 1;
    for (const dp_option *o = table + n_own; o->name; o++, first = 0) {
        if (!first) dp_strbuf_putc(b, ',');
        put_key(b, o->name);
        switch (o->type) {
        case DP_OPT_INT: dp_strbuf_printf(b, "%lld", dp_opt_int(inst, o->name)); break;
        case DP_OPT_FLOAT: dp_strbuf_printf(b, "%.17g", dp_opt_float(inst, o->name)); break;
        case DP_OPT_BOOL: dp_strbuf_puts(b, dp_opt_bool(inst, o->name) ? "true" : "false"); break;
        case DP_OPT_LIST:
        case DP_OPT_PATH_LIST:
            dp_strbuf_putc(b, '[');
            for (size_t i = 0, n = dp_opt_count(inst, o->name); i < n; i++) {
                const char *s = dp_opt_item(inst, o->name, i);
                if (i) dp_strbuf_putc(b, ',');
                dp_json_append_string(b, s, strlen(s));
            }
            dp_strbuf_putc(b, ']');
            break;
        default: {
            const char *s = dp_opt_str(inst, o->name);
            if (s) dp_json_append_string(b, s, strlen(s));
            else dp_strbuf_puts(b, "null");
        }
        }
    }
    dp_strbuf_puts(b, "}}\n");
    return b->oom ? -1 : 0;
}

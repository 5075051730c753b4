/* Option values: validated against a plugin's declarative table, from a config group or "key=value". */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "log.h"
#include "options.h"

const char *dp_opt_type_name(dp_opt_type t)
{
    switch (t) {
    case DP_OPT_STRING: return "string";
    case DP_OPT_INT: return "int";
    case DP_OPT_FLOAT: return "float";
    case DP_OPT_BOOL: return "bool";
    case DP_OPT_ENUM: return "enum";
    case DP_OPT_PATH: return "path";
    case DP_OPT_LIST: return "list";
    case DP_OPT_PATH_LIST: return "path list";
    case DP_OPT_DATA: return "data";
    case DP_OPT_DATA_LIST: return "data list";
    case DP_OPT_OUTPUT: return "output";
    case DP_OPT_OUTPUT_DIR: return "output folder";
    }
    return "?";
}

int dp_opt_type_is_list(dp_opt_type t)
{
    return t == DP_OPT_LIST || t == DP_OPT_PATH_LIST || t == DP_OPT_DATA_LIST;
}

long long dp_parse_size(const char *s)
{
    if (!s || !*s) return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v < 0) return -1;
    long long mul = 1;
    switch (toupper((unsigned char)*end)) {
    case '\0': break;
    case 'K': mul = 1LL << 10; end++; break;
    case 'M': mul = 1LL << 20; end++; break;
    case 'G': mul = 1LL << 30; end++; break;
    default: return -1;
    }
    if (*end == 'B' || *end == 'b') end++;
    if (*end) return -1;
    if (v > LLONG_MAX / mul) return -1;
    return v * mul;
}

static char *resolve_path(const char *base_dir, const char *p)
{
    if (!p) return NULL;
    if (p[0] == '/' || !base_dir || !*base_dir || strcmp(p, "-") == 0) return strdup(p);
    size_t n = strlen(base_dir) + strlen(p) + 2;
    char *r = malloc(n);
    if (r) snprintf(r, n, "%s/%s", base_dir, p);
    return r;
}

static void val_clear(dp_optval *v)
{
    free(v->where);
    v->where = NULL;
    free(v->base);
    v->base = NULL;
    free(v->str);
    v->str = NULL;
    for (size_t i = 0; i < v->n_items; i++) free(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->n_items = 0;
}

static int parse_bool(const char *s, int *out)
{
    if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "1") || !strcmp(s, "on")) { *out = 1; return 0; }
    if (!strcmp(s, "false") || !strcmp(s, "no") || !strcmp(s, "0") || !strcmp(s, "off")) { *out = 0; return 0; }
    return -1;
}

static int enum_allows(const char *choices, const char *s)
{
    size_t n = strlen(s);
    const char *p = choices;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, s, n) == 0) return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Where the relative names of a data option resolve (see dp_optset_resolve_data). */
static int set_base(dp_optval *v, const char *base_dir)
{
    free(v->base);
    v->base = strdup(base_dir && *base_dir ? base_dir : ".");
    return v->base ? 0 : -1;
}

/* Assign a textual value; returns NULL or a static description of the problem. */
static const char *assign_text(dp_optval *v, const char *text, const char *base_dir)
{
    const dp_option *o = v->spec;
    char *end;
    switch (o->type) {
    case DP_OPT_STRING:
    case DP_OPT_ENUM:
    case DP_OPT_OUTPUT:
    case DP_OPT_OUTPUT_DIR:
        if (o->type == DP_OPT_ENUM && !enum_allows(o->choices, text)) return "not one of the allowed values";
        free(v->str);
        v->str = strdup(text);
        return v->str ? NULL : "out of memory";
    case DP_OPT_PATH:
        free(v->str);
        v->str = resolve_path(base_dir, text);
        return v->str ? NULL : "out of memory";
    case DP_OPT_DATA:
        free(v->str);
        v->str = strdup(text);
        return v->str && set_base(v, base_dir) == 0 ? NULL : "out of memory";
    case DP_OPT_INT:
        errno = 0;
        v->i = strtoll(text, &end, 10);
        return (errno || end == text || *end) ? "not an integer" : NULL;
    case DP_OPT_FLOAT:
        errno = 0;
        v->f = strtod(text, &end);
        return (errno || end == text || *end || !isfinite(v->f)) ? "not a finite number" : NULL;
    case DP_OPT_BOOL:
        return parse_bool(text, &v->b) ? "not a boolean (true or false)" : NULL;
    case DP_OPT_LIST:
    case DP_OPT_PATH_LIST:
    case DP_OPT_DATA_LIST: {
        val_clear(v);
        if (o->type == DP_OPT_DATA_LIST && set_base(v, base_dir) < 0) return "out of memory";
        const char *p = text;
        while (*p) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            char *item = strndup(p, len);
            if (!item) return "out of memory";
            char *resolved = o->type == DP_OPT_PATH_LIST ? resolve_path(base_dir, item) : strdup(item);
            free(item);
            char **ni = resolved ? realloc(v->items, (v->n_items + 1) * sizeof *ni) : NULL;
            if (!ni) { free(resolved); return "out of memory"; }
            v->items = ni;
            v->items[v->n_items++] = resolved;
            if (!comma) break;
            p = comma + 1;
        }
        return NULL;
    }
    }
    return "unknown option type";
}

int dp_optset_init(dp_optset *set, const dp_plugin *plugin, const dp_option *common, const char *base_dir)
{
    size_t n = 0;
    for (const dp_option *o = plugin->options; o && o->name; o++) n++;
    for (const dp_option *o = common; o && o->name; o++) n++;
    set->v = calloc(n + 1, sizeof *set->v);
    set->n = n;
    if (!set->v) return -1;
    size_t i = 0;
    for (const dp_option *o = common; o && o->name; o++) set->v[i++].spec = o;
    for (const dp_option *o = plugin->options; o && o->name; o++) set->v[i++].spec = o;
    for (i = 0; i < n; i++) {
        const dp_option *o = set->v[i].spec;
        if (o->default_value && assign_text(&set->v[i], o->default_value, base_dir)) {
            dp_core_log(DP_LOG_ERROR, "plugin %s: bad default '%s' for option %s", plugin->name,
                        o->default_value, o->name);
        }
    }
    return 0;
}

void dp_optset_free(dp_optset *set)
{
    for (size_t i = 0; i < set->n; i++) val_clear(&set->v[i]);
    free(set->v);
    set->v = NULL;
    set->n = 0;
}

const dp_optval *dp_optset_find(const dp_optset *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->v[i].spec->name, name) == 0) return &set->v[i];
    return NULL;
}

void dp_optset_allowed(const dp_optset *set, dp_strbuf *b)
{
    for (size_t i = 0; i < set->n; i++) {
        if (i) dp_strbuf_puts(b, ", ");
        dp_strbuf_puts(b, set->v[i].spec->name);
    }
    if (!set->n) dp_strbuf_puts(b, "(none)");
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

static const char *nearest(const dp_optset *set, const char *key)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < set->n; i++) {
        size_t d = edit_distance(key, set->v[i].spec->name);
        if (d < best_d) { best_d = d; best = set->v[i].spec->name; }
    }
    size_t limit = strlen(key) / 3 + 1;
    return best_d <= (limit < 3 ? limit : 3) ? best : NULL;
}

static void unknown_key(const dp_optset *set, const char *where, const char *plugin_name, const char *key,
                        dp_strbuf *errs)
{
    const char *near = nearest(set, key);
    dp_strbuf_printf(errs, "%s: unknown option '%s' for plugin '%s'", where, key, plugin_name);
    if (near) dp_strbuf_printf(errs, " (did you mean '%s'?)", near);
    dp_strbuf_puts(errs, "; allowed: plugin, name, ");
    dp_optset_allowed(set, errs);
    dp_strbuf_puts(errs, "\n");
}

static dp_optval *find_mut(dp_optset *set, const char *name)
{
    return (dp_optval *)dp_optset_find(set, name);
}

static const char *setting_type_name(int t)
{
    switch (t) {
    case CONFIG_TYPE_GROUP: return "a group";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a float";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "a boolean";
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST: return "a list";
    }
    return "unknown";
}

static const char *expected_name(dp_opt_type t)
{
    switch (t) {
    case DP_OPT_STRING: return "a string";
    case DP_OPT_ENUM: return "a string";
    case DP_OPT_PATH: return "a string (a path)";
    case DP_OPT_INT: return "an integer";
    case DP_OPT_FLOAT: return "a number";
    case DP_OPT_BOOL: return "a boolean (true or false)";
    case DP_OPT_LIST: return "a list of strings";
    case DP_OPT_PATH_LIST: return "a list of strings (paths)";
    case DP_OPT_DATA: return "a string (a data file)";
    case DP_OPT_DATA_LIST: return "a list of strings (data files)";
    case DP_OPT_OUTPUT: return "a string (an output file)";
    case DP_OPT_OUTPUT_DIR: return "a string (an output folder)";
    }
    return "?";
}

int dp_optset_from_setting(dp_optset *set, const config_setting_t *group, const char *file,
                           const char *plugin_name, const char *base_dir, dp_expand_fn expand, void *ctx,
                           dp_strbuf *errs)
{
    int nerr = 0;
    int n = config_setting_length(group);
    for (int k = 0; k < n; k++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)k);
        const char *key = config_setting_name(s);
        if (!key || !strcmp(key, "plugin") || !strcmp(key, "name")) continue;
        char where[512];
        snprintf(where, sizeof where, "%s:%d", file, config_setting_source_line(s));
        dp_optval *v = find_mut(set, key);
        if (!v) { unknown_key(set, where, plugin_name, key, errs); nerr++; continue; }
        const dp_option *o = v->spec;
        int t = config_setting_type(s);
        const char *problem = NULL;
        char *text = NULL;
        switch (o->type) {
        case DP_OPT_STRING:
        case DP_OPT_ENUM:
        case DP_OPT_PATH:
        case DP_OPT_DATA:
        case DP_OPT_OUTPUT:
        case DP_OPT_OUTPUT_DIR:
            if (t != CONFIG_TYPE_STRING) { problem = "type"; break; }
            text = expand ? expand(config_setting_get_string(s), ctx, errs, where)
                          : strdup(config_setting_get_string(s));
            if (!text) { nerr++; continue; }
            problem = assign_text(v, text, base_dir);
            break;
        case DP_OPT_INT:
            if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) { problem = "type"; break; }
            v->i = config_setting_get_int64(s);
            break;
        case DP_OPT_FLOAT:
            if (t == CONFIG_TYPE_FLOAT) v->f = config_setting_get_float(s);
            else if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) v->f = (double)config_setting_get_int64(s);
            else problem = "type";
            break;
        case DP_OPT_BOOL:
            if (t != CONFIG_TYPE_BOOL) { problem = "type"; break; }
            v->b = config_setting_get_bool(s);
            break;
        case DP_OPT_LIST:
        case DP_OPT_PATH_LIST:
        case DP_OPT_DATA_LIST: {
            val_clear(v);
            if (o->type == DP_OPT_DATA_LIST && set_base(v, base_dir) < 0) { problem = "out of memory"; break; }
            if (t == CONFIG_TYPE_STRING) {
                text = expand ? expand(config_setting_get_string(s), ctx, errs, where)
                              : strdup(config_setting_get_string(s));
                if (!text) { nerr++; continue; }
                char *item = o->type == DP_OPT_PATH_LIST ? resolve_path(base_dir, text) : strdup(text);
                v->items = item ? malloc(sizeof *v->items) : NULL;
                if (!v->items) { free(item); problem = "out of memory"; break; }
                v->items[0] = item;
                v->n_items = 1;
                break;
            }
            if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) { problem = "type"; break; }
            int m = config_setting_length(s);
            v->items = calloc((size_t)m + 1, sizeof *v->items);
            if (!v->items) { problem = "out of memory"; break; }
            for (int j = 0; j < m && !problem; j++) {
                const config_setting_t *e = config_setting_get_elem(s, (unsigned)j);
                if (config_setting_type(e) != CONFIG_TYPE_STRING) { problem = "type"; break; }
                char *x = expand ? expand(config_setting_get_string(e), ctx, errs, where)
                                 : strdup(config_setting_get_string(e));
                if (!x) { problem = "expansion"; break; }
                char *item = o->type == DP_OPT_PATH_LIST ? resolve_path(base_dir, x) : strdup(x);
                free(x);
                if (!item) { problem = "out of memory"; break; }
                v->items[v->n_items++] = item;
            }
            break;
        }
        }
        if (problem && !strcmp(problem, "expansion")) { free(text); nerr++; continue; }
        if (problem && !strcmp(problem, "type")) {
            dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s' must be %s, not %s\n", where, key, plugin_name,
                             expected_name(o->type), setting_type_name(t));
            nerr++;
        } else if (problem) {
            dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s': '%s' is %s", where, key, plugin_name,
                             text ? text : "", problem);
            if (o->type == DP_OPT_ENUM) dp_strbuf_printf(errs, " (allowed: %s)", o->choices);
            dp_strbuf_puts(errs, "\n");
            nerr++;
        } else {
            v->set = 1;
            free(v->where);
            if (!(v->where = strdup(where))) { dp_strbuf_puts(errs, "out of memory\n"); nerr++; }
        }
        free(text);
    }
    return nerr;
}

int dp_optset_from_text(dp_optset *set, const char *kv, const char *plugin_name, const char *base_dir,
                        const char *where, dp_strbuf *errs)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv) {
        dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s': expected key=value\n", where, kv, plugin_name);
        return 1;
    }
    char *key = strndup(kv, (size_t)(eq - kv));
    if (!key) { dp_strbuf_puts(errs, "out of memory\n"); return 1; }
    dp_optval *v = find_mut(set, key);
    int nerr = 0;
    if (!v) {
        unknown_key(set, where, plugin_name, key, errs);
        nerr = 1;
    } else {
        const char *problem = assign_text(v, eq + 1, base_dir);
        if (problem) {
            dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s': '%s' is %s", where, key, plugin_name, eq + 1,
                             problem);
            if (v->spec->type == DP_OPT_ENUM) dp_strbuf_printf(errs, " (allowed: %s)", v->spec->choices);
            dp_strbuf_puts(errs, "\n");
            nerr = 1;
        } else {
            v->set = 1;
            free(v->where);
            if (!(v->where = strdup(where))) { dp_strbuf_puts(errs, "out of memory\n"); nerr = 1; }
        }
    }
    free(key);
    return nerr;
}

/* One data name to its file(s), appended to *items; the number of errors (0 or 1). */
static int resolve_one(const dp_datapath *dp, const dp_optval *v, const char *name, const char *where,
                       const char *plugin_name, char ***items, size_t *n, dp_strbuf *errs)
{
    dp_strbuf tried = { 0 };
    int oom = 0, nerr = 0;
    char **found = NULL;
    int count = 0;
    if (dp_datapath_has_glob(name)) {
        count = dp_datapath_glob(dp, v->base, name, &found, &tried);
        if (count < 0) oom = 1;
    } else {
        char *one = dp_datapath_find(dp, v->base, name, &tried, &oom);
        if (one && !(found = malloc(sizeof *found))) { free(one); oom = 1; }
        else if (one) { found[0] = one; count = 1; }
    }
    char **grown = count > 0 ? realloc(*items, (*n + (size_t)count) * sizeof *grown) : NULL;
    if (oom || tried.oom || (count > 0 && !grown)) {
        dp_strbuf_puts(errs, "out of memory\n");
        nerr = 1;
    } else if (count == 0) {
        dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s'%s: no data file '%s'; searched %s (add the folder "
                         "that holds it to data_path in the config or to DOCPIPE_DATA_PATH)\n", where,
                         v->spec->name, plugin_name, v->set ? "" : " (its default)", name,
                         tried.data ? tried.data : "nowhere");
        nerr = 1;
    } else {
        *items = grown;
        for (int i = 0; i < count; i++) (*items)[(*n)++] = found[i];
        count = 0;
    }
    for (int i = 0; i < count; i++) free(found[i]);
    free(found);
    dp_strbuf_free(&tried);
    return nerr;
}

int dp_optset_resolve_data(dp_optset *set, const dp_datapath *dp, const char *where, const char *plugin_name,
                           dp_strbuf *errs)
{
    int nerr = 0;
    for (size_t i = 0; i < set->n; i++) {
        dp_optval *v = &set->v[i];
        dp_opt_type t = v->spec->type;
        if (t != DP_OPT_DATA && t != DP_OPT_DATA_LIST) continue;
        const char *at = v->where ? v->where : where;
        char **items = NULL;
        size_t n = 0;
        int bad = 0;
        if (t == DP_OPT_DATA) {
            if (!v->str) continue;
            bad = resolve_one(dp, v, v->str, at, plugin_name, &items, &n, errs);
            if (!bad && n != 1) {
                dp_strbuf_printf(errs, "%s: option '%s' of plugin '%s': '%s' matches %zu files; it names one\n", at,
                                 v->spec->name, plugin_name, v->str, n);
                bad = 1;
            }
            if (!bad) { free(v->str); v->str = items[0]; items[0] = NULL; }
        } else {
            for (size_t k = 0; k < v->n_items; k++)
                bad += resolve_one(dp, v, v->items[k], at, plugin_name, &items, &n, errs);
            if (!bad) {
                for (size_t k = 0; k < v->n_items; k++) free(v->items[k]);
                free(v->items);
                v->items = items;
                v->n_items = n;
                items = NULL;
                n = 0;
            }
        }
        for (size_t k = 0; k < n; k++) free(items[k]);
        free(items);
        nerr += bad;
    }
    return nerr;
}

int dp_optset_check_required(dp_optset *set, const char *where, const char *plugin_name, dp_strbuf *errs)
{
    int nerr = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (set->v[i].spec->required && !set->v[i].set) {
            dp_strbuf_printf(errs, "%s: plugin '%s' requires option '%s' (%s: %s)\n", where, plugin_name,
                             set->v[i].spec->name, dp_opt_type_name(set->v[i].spec->type),
                             set->v[i].spec->help ? set->v[i].spec->help : "");
            nerr++;
        }
    }
    return nerr;
}

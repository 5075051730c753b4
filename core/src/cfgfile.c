/* Reading the pipeline config: libconfig parsing, globals, ${VAR} expansion. */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfgfile.h"

const dp_config_setting dp_config_settings[] = {
    { "plugin_path", "string or list", "-",
      "folders searched for plugin modules, relative to the config's folder; then $DOCPIPE_PLUGIN_PATH, then "
      "the install directory" },
    { "data_path", "string or list", "-",
      "folders searched for data files (vi/ranks.tsv), relative to the config's folder, after the config's "
      "own folder; then $DOCPIPE_DATA_PATH, then the installed data folder" },
    { "threads", "int", "0", "worker threads; 0: one per core" },
    { "queue", "int", "4", "records in flight per worker (bounds memory)" },
    { "max_failures", "int", "-1", "stop with exit 65 after more failed documents; -1: never" },
    { "dead_letter", "string", "-", "failed documents as JSON Lines (id, source, instance, message)" },
    { "checkpoint", "string", "CONFIGNAME[.K-of-N].checkpoint",
      "where the run records its progress for --resume" },
    { "stats", "string", "-", "the run's summary as JSON" },
    { "overlaps", "string", "longest",
      "\"longest\": of overlapping entities the longer wins; \"all\": keep nested ones" },
    { "source", "group", "(required)", "the source: { plugin = \"NAME\"; options... }" },
    { "chain", "list of groups", "(required)",
      "recognizers, translators, then writers: ( { plugin = \"NAME\"; name = \"N\"; options... }, ... )" },
    { NULL, NULL, NULL, NULL }
};

static const char *lookup_var(const struct dp_expand_ctx *ctx, const char *name, size_t len)
{
    for (size_t i = 0; ctx && i < ctx->n_vars; i++) {
        const char *v = ctx->vars[i];
        if (strncmp(v, name, len) == 0 && v[len] == '=') return v + len + 1;
    }
    char *n = strndup(name, len);
    if (!n) return NULL;
    const char *e = getenv(n);
    free(n);
    return e;
}

char *dp_config_expand(const char *s, void *vctx, dp_strbuf *errs, const char *where)
{
    const struct dp_expand_ctx *ctx = vctx;
    dp_strbuf out = { 0 };
    dp_strbuf_reserve(&out, strlen(s));
    for (const char *p = s; *p;) {
        if (p[0] == '$' && p[1] == '$') { dp_strbuf_add(&out, "$", 1); p += 2; continue; }
        if (p[0] != '$' || p[1] != '{') { dp_strbuf_add(&out, p, 1); p++; continue; }
        const char *name = p + 2, *q = name;
        while (*q == '_' || isalnum((unsigned char)*q)) q++;
        size_t nlen = (size_t)(q - name);
        const char *def = NULL;
        size_t dlen = 0;
        if (q[0] == ':' && q[1] == '-') {
            def = q + 2;
            const char *close = strchr(def, '}');
            if (!close) q = def + strlen(def);
            else { dlen = (size_t)(close - def); q = close; }
        }
        if (nlen == 0 || *q != '}') {
            dp_strbuf_printf(errs, "%s: malformed variable reference in \"%s\" (use ${NAME} or ${NAME:-default})\n",
                             where, s);
            dp_strbuf_free(&out);
            return NULL;
        }
        const char *val = lookup_var(ctx, name, nlen);
        if (val && *val) dp_strbuf_puts(&out, val);
        else if (def) dp_strbuf_add(&out, def, dlen);
        else if (!val) {
            dp_strbuf_printf(errs, "%s: variable ${%.*s} is not set (give a default: ${%.*s:-value})\n", where,
                             (int)nlen, name, (int)nlen, name);
            dp_strbuf_free(&out);
            return NULL;
        }
        p = q + 1;
    }
    if (out.oom || !out.data) { dp_strbuf_free(&out); return strdup(""); }
    return out.data;
}

void dp_config_free(dp_config *c)
{
    if (!c) return;
    config_destroy(&c->cfg);
    free(c->path);
    free(c->dir);
    for (size_t i = 0; i < c->n_plugin_path; i++) free(c->plugin_path[i]);
    free(c->plugin_path);
    for (size_t i = 0; i < c->n_data_path; i++) free(c->data_path[i]);
    free(c->data_path);
    free(c->dead_letter);
    free(c->checkpoint);
    free(c->stats);
    free(c->dead_letter_where);
    free(c->checkpoint_where);
    free(c->stats_where);
    for (size_t i = 0; i < c->n_vars; i++) free(c->vars[i]);
    free(c->vars);
    free(c);
}

static int where_line(const config_setting_t *s) { return s ? config_setting_source_line(s) : 0; }

static const char *source_file(const dp_config *c, const config_setting_t *s)
{
    const char *f = s ? config_setting_source_file(s) : NULL;
    return f ? f : c->path;
}

static char *get_string(dp_config *c, const config_setting_t *s, const char *key, struct dp_expand_ctx *ctx,
                        dp_strbuf *errs, int *nerr)
{
    char where[512];
    snprintf(where, sizeof where, "%s:%d", source_file(c, s), where_line(s));
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        dp_strbuf_printf(errs, "%s: '%s' must be a string\n", where, key);
        (*nerr)++;
        return NULL;
    }
    char *v = dp_config_expand(config_setting_get_string(s), ctx, errs, where);
    if (!v) (*nerr)++;
    return v;
}

/* "file:line" of a setting, allocated; NULL when memory ran out. */
static char *where_of(const dp_config *c, const config_setting_t *s)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s:%d", source_file(c, s), where_line(s));
    return strdup(buf);
}

/* s when it has the type, else NULL with "file:line: problem" appended. */
static const config_setting_t *of_type(const dp_config *c, const config_setting_t *s, int type, const char *problem,
                                       dp_strbuf *errs, int *nerr)
{
    if (config_setting_type(s) == type) return s;
    dp_strbuf_printf(errs, "%s:%d: %s\n", source_file(c, s), where_line(s), problem);
    (*nerr)++;
    return NULL;
}

static int get_int(dp_config *c, const config_setting_t *s, const char *key, long long lo, long long hi,
                   long long *out, dp_strbuf *errs)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        dp_strbuf_printf(errs, "%s:%d: '%s' must be an integer\n", source_file(c, s), where_line(s), key);
        return 1;
    }
    long long v = config_setting_get_int64(s);
    if (v < lo || v > hi) {
        dp_strbuf_printf(errs, "%s:%d: '%s' must be from %lld to %lld, not %lld\n", source_file(c, s), where_line(s),
                         key, lo, hi, v);
        return 1;
    }
    *out = v;
    return 0;
}

/* A folder or a list of folders, relative ones made relative to the config's folder; -1 when memory ran out. */
static int read_dirs(dp_config *c, const config_setting_t *s, const char *key, struct dp_expand_ctx *ctx,
                     char ***out, size_t *n_out, dp_strbuf *errs, int *nerr)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_STRING && t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        dp_strbuf_printf(errs, "%s:%d: %s must be a string or a list of strings\n", source_file(c, s), where_line(s),
                         key);
        (*nerr)++;
        return 0;
    }
    int m = t == CONFIG_TYPE_STRING ? 1 : config_setting_length(s);
    *out = calloc((size_t)m + 1, sizeof **out);
    if (!*out) return -1;
    for (int j = 0; j < m; j++) {
        const config_setting_t *e = t == CONFIG_TYPE_STRING ? s : config_setting_get_elem(s, (unsigned)j);
        char *p = get_string(c, e, key, ctx, errs, nerr);
        if (!p) continue;
        if (p[0] != '/') {
            size_t len = strlen(c->dir) + strlen(p) + 2;
            char *abs = malloc(len);
            if (!abs) { free(p); return -1; }
            snprintf(abs, len, "%s/%s", c->dir, p);
            free(p);
            p = abs;
        }
        (*out)[(*n_out)++] = p;
    }
    return 0;
}

/* Non-zero when path is a file that can be read; else why not, appended to errs. */
static int readable(const char *path, dp_strbuf *errs)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        dp_strbuf_printf(errs, "%s: cannot read the config file: it is a directory\n", path);
        return 0;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        dp_strbuf_printf(errs, "%s: cannot read the config file: %s\n", path, strerror(errno));
        return 0;
    }
    fclose(f);
    return 1;
}

dp_config *dp_config_read(const char *path, const char *text, const char *dir, char *const *vars, size_t n_vars,
                          dp_strbuf *errs)
{
    dp_config *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    config_init(&c->cfg);
    c->path = strdup(path);
    if (dir) {
        c->dir = strdup(dir);
    } else {
        char *tmp = strdup(path);
        c->dir = tmp ? strdup(dirname(tmp)) : NULL;
        free(tmp);
    }
    c->threads = 0;
    c->queue = 4;
    c->max_failures = -1;
    if (!c->path || !c->dir) goto oom;
    if (n_vars) {
        c->vars = calloc(n_vars, sizeof *c->vars);
        if (!c->vars) goto oom;
        for (size_t i = 0; i < n_vars; i++) {
            if (!(c->vars[i] = strdup(vars[i]))) goto oom;
            c->n_vars++;
        }
    }
    config_set_include_dir(&c->cfg, c->dir);
    if (!text && !readable(path, errs)) {
        dp_config_free(c);
        return NULL;
    }
    int ok = text ? config_read_string(&c->cfg, text) : config_read_file(&c->cfg, path);
    if (ok != CONFIG_TRUE) {
        if (config_error_type(&c->cfg) == CONFIG_ERR_FILE_IO) {
            dp_strbuf_printf(errs, "%s: cannot read the config file\n", path);
        } else {
            const char *f = config_error_file(&c->cfg);
            dp_strbuf_printf(errs, "%s:%d: %s\n", f ? f : path, config_error_line(&c->cfg), config_error_text(&c->cfg));
        }
        dp_config_free(c);
        return NULL;
    }

    struct dp_expand_ctx ctx = { (const char *const *)c->vars, c->n_vars };
    int nerr = 0;
    config_setting_t *root = config_root_setting(&c->cfg);
    int n = config_setting_length(root);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *key = config_setting_name(s);
        int known = 0;
        for (const dp_config_setting *k = dp_config_settings; k->name; k++) known |= !strcmp(k->name, key);
        if (!known) {
            dp_strbuf_printf(errs, "%s:%d: unknown setting '%s'; allowed at the top level:", source_file(c, s),
                             where_line(s), key);
            for (const dp_config_setting *k = dp_config_settings; k->name; k++) dp_strbuf_printf(errs, " %s", k->name);
            dp_strbuf_puts(errs, "\n");
            nerr++;
            continue;
        }
        long long v;
        if (!strcmp(key, "threads")) {
            if (!(nerr += get_int(c, s, key, 0, 1024, &v, errs))) c->threads = (int)v;
        } else if (!strcmp(key, "queue")) {
            if (!(nerr += get_int(c, s, key, 1, 4096, &v, errs))) c->queue = (int)v;
        } else if (!strcmp(key, "max_failures")) {
            if (!(nerr += get_int(c, s, key, -1, LLONG_MAX, &v, errs))) c->max_failures = v;
        } else if (!strcmp(key, "dead_letter")) {
            c->dead_letter = get_string(c, s, key, &ctx, errs, &nerr);
            if (!(c->dead_letter_where = where_of(c, s))) goto oom;
        } else if (!strcmp(key, "checkpoint")) {
            c->checkpoint = get_string(c, s, key, &ctx, errs, &nerr);
            if (!(c->checkpoint_where = where_of(c, s))) goto oom;
        } else if (!strcmp(key, "stats")) {
            c->stats = get_string(c, s, key, &ctx, errs, &nerr);
            if (!(c->stats_where = where_of(c, s))) goto oom;
        } else if (!strcmp(key, "overlaps")) {
            char *o = get_string(c, s, key, &ctx, errs, &nerr);
            if (o && strcmp(o, "longest") && strcmp(o, "all")) {
                dp_strbuf_printf(errs, "%s:%d: overlaps must be \"longest\" or \"all\", not \"%s\"\n",
                                 source_file(c, s), where_line(s), o);
                nerr++;
            }
            c->keep_overlaps = o && !strcmp(o, "all");
            free(o);
        } else if (!strcmp(key, "plugin_path")) {
            if (read_dirs(c, s, key, &ctx, &c->plugin_path, &c->n_plugin_path, errs, &nerr) < 0) goto oom;
        } else if (!strcmp(key, "data_path")) {
            if (read_dirs(c, s, key, &ctx, &c->data_path, &c->n_data_path, errs, &nerr) < 0) goto oom;
        } else if (!strcmp(key, "source")) {
            c->source = of_type(c, s, CONFIG_TYPE_GROUP, "source must be a group: source = { plugin = \"news\"; … };",
                                errs, &nerr);
        } else if (!strcmp(key, "chain")) {
            c->chain = of_type(c, s, CONFIG_TYPE_LIST,
                               "chain must be a list of groups: chain = ( { plugin = \"…\"; }, … );", errs, &nerr);
        }
    }
    if (!c->source) {
        dp_strbuf_printf(errs, "%s: no source: add source = { plugin = \"text\"; paths = [ \"…\" ]; };\n", path);
        nerr++;
    }
    if (!c->chain || config_setting_length(c->chain) == 0) {
        dp_strbuf_printf(errs, "%s: empty chain: add chain = ( { plugin = \"jsonl\"; path = \"out.jsonl\"; } );\n", path);
        nerr++;
    }
    if (nerr) { dp_config_free(c); return NULL; }
    return c;
oom:
    dp_strbuf_puts(errs, "out of memory\n");
    dp_config_free(c);
    return NULL;
}

/* Plugin modules: search path, libltdl loading, ABI checks. */
#include <dirent.h>
#include <stdio.h>
#include <ltdl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "installdirs.h"
#include "loader.h"

struct module {
    char *name;
    char *file;
    lt_dlhandle handle;
    dp_plugin desc;
};

struct dp_loader {
    char **dirs;
    size_t n_dirs;
    char *joined;
    struct module *mods;
    size_t n_mods;
};

/* The smallest descriptor that still has every ABI 1.0 member. */
#define DP_PLUGIN_V1_SIZE (offsetof(dp_plugin, restore) + sizeof(((dp_plugin *)0)->restore))

static int add_dir(dp_loader *l, const char *d)
{
    if (!d || !*d) return 0;
    char **nd = realloc(l->dirs, (l->n_dirs + 1) * sizeof *nd);
    if (!nd) return -1;
    l->dirs = nd;
    if (!(l->dirs[l->n_dirs] = strdup(d))) return -1;
    l->n_dirs++;
    return 0;
}

dp_loader *dp_loader_new(char *const *dirs, size_t n_dirs)
{
    if (lt_dlinit() != 0) return NULL;
    dp_loader *l = calloc(1, sizeof *l);
    if (!l) { lt_dlexit(); return NULL; }
    int bad = 0;
    for (size_t i = 0; i < n_dirs; i++) bad |= add_dir(l, dirs[i]);
    const char *env = getenv("DOCPIPE_PLUGIN_PATH");
    if (env) {
        char *copy = strdup(env), *save = NULL;
        if (!copy) bad = 1;
        for (char *t = copy ? strtok_r(copy, ":", &save) : NULL; t; t = strtok_r(NULL, ":", &save)) bad |= add_dir(l, t);
        free(copy);
    }
    char installed[4096];
    if (dp_install_dir_get(DP_DIR_PLUGINS, installed, sizeof installed)) bad |= add_dir(l, installed);
    dp_strbuf j = { 0 };
    for (size_t i = 0; i < l->n_dirs; i++) {
        if (i) dp_strbuf_puts(&j, ":");
        dp_strbuf_puts(&j, l->dirs[i]);
    }
    l->joined = j.data;
    if (bad || j.oom) { dp_loader_free(l); return NULL; }
    return l;
}

void dp_loader_free(dp_loader *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n_mods; i++) {
        if (l->mods[i].handle) lt_dlclose(l->mods[i].handle);
        free(l->mods[i].name);
        free(l->mods[i].file);
    }
    free(l->mods);
    for (size_t i = 0; i < l->n_dirs; i++) free(l->dirs[i]);
    free(l->dirs);
    free(l->joined);
    free(l);
    lt_dlexit();
}

const char *dp_loader_path(const dp_loader *l) { return l->joined ? l->joined : ""; }

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The file of a module in dir: <dir>/<m>.la, <dir>/<m>.so, or — in a build
 * tree, where each plugin has its folder — <dir>/<m>/<m>.la.
 */
static char *module_file(const char *dir, const char *m)
{
    for (int form = 0; form < 3; form++) {
        size_t len = strlen(dir) + 2 * strlen(m) + 8;
        char *p = malloc(len);
        if (!p) return NULL;
        if (form == 0) snprintf(p, len, "%s/%s.la", dir, m);
        else if (form == 1) snprintf(p, len, "%s/%s.so", dir, m);
        else snprintf(p, len, "%s/%s/%s.la", dir, m, m);
        if (is_file(p)) return p;
        free(p);
    }
    return NULL;
}

int dp_abi_check(const dp_plugin *p, const char *file, dp_strbuf *err)
{
    if (p->abi_major != DOCPIPE_ABI_MAJOR || p->abi_minor > DOCPIPE_ABI_MINOR) {
        dp_strbuf_printf(err,
                         "%s: plugin built for docpipe ABI %u.%u, but this docpipe has ABI %d.%d (%s); "
                         "rebuild the plugin against this docpipe's headers\n",
                         file, p->abi_major, p->abi_minor, DOCPIPE_ABI_MAJOR, DOCPIPE_ABI_MINOR,
                         p->abi_major != DOCPIPE_ABI_MAJOR ? "major versions differ" : "the plugin's minor is newer");
        return -1;
    }
    if (p->struct_size < DP_PLUGIN_V1_SIZE) {
        dp_strbuf_printf(err, "%s: plugin descriptor is %u bytes, smaller than ABI %d.0 requires (%zu)\n", file,
                         p->struct_size, DOCPIPE_ABI_MAJOR, (size_t)DP_PLUGIN_V1_SIZE);
        return -1;
    }
    if (!p->name || p->kind < DP_KIND_SOURCE || p->kind > DP_KIND_WRITER || !p->process) {
        dp_strbuf_printf(err, "%s: plugin descriptor is incomplete (needs a name, a valid kind and process())\n", file);
        return -1;
    }
    if (p->struct_size >= offsetof(dp_plugin, write) + sizeof p->write &&
        (!p->render != !p->write || (p->render && p->kind != DP_KIND_WRITER))) {
        dp_strbuf_printf(err, "%s: render() and write() come together, and only in writers\n", file);
        return -1;
    }
    return 0;
}

int dp_loader_exists(dp_loader *l, const char *module)
{
    for (size_t i = 0; i < l->n_dirs; i++) {
        char *f = module_file(l->dirs[i], module);
        if (f) { free(f); return 1; }
    }
    return 0;
}

const dp_plugin *dp_loader_load(dp_loader *l, const char *module, const char **file, dp_strbuf *err)
{
    for (size_t i = 0; i < l->n_mods; i++) {
        if (!strcmp(l->mods[i].name, module)) {
            if (file) *file = l->mods[i].file;
            return &l->mods[i].desc;
        }
    }
    char *path = NULL;
    for (size_t i = 0; i < l->n_dirs && !path; i++) path = module_file(l->dirs[i], module);
    if (!path) {
        dp_strbuf_printf(err, "no module %s on the plugin path %s\n", module, dp_loader_path(l));
        return NULL;
    }
    lt_dlhandle h = lt_dlopen(path);
    if (!h) {
        const char *why = lt_dlerror();
        dp_strbuf_printf(err, "%s: cannot load: %s (a missing library? try: ldd on the .so in its .libs folder)\n",
                         path, why ? why : "unknown error");
        free(path);
        return NULL;
    }
    const dp_plugin *sym = lt_dlsym(h, "docpipe_plugin");
    if (!sym) {
        dp_strbuf_printf(err, "%s: not a docpipe plugin (no symbol docpipe_plugin)\n", path);
        lt_dlclose(h);
        free(path);
        return NULL;
    }
    if (dp_abi_check(sym, path, err) < 0) {
        lt_dlclose(h);
        free(path);
        return NULL;
    }
    struct module *nm = realloc(l->mods, (l->n_mods + 1) * sizeof *nm);
    if (!nm) { lt_dlclose(h); free(path); return NULL; }
    l->mods = nm;
    struct module *m = &l->mods[l->n_mods];
    memset(m, 0, sizeof *m);
    /* Copy only what the plugin knows; later members stay NULL. */
    size_t n = sym->struct_size < sizeof m->desc ? sym->struct_size : sizeof m->desc;
    memcpy(&m->desc, sym, n);
    m->desc.struct_size = (uint32_t)sizeof m->desc;
    m->name = strdup(module);
    m->file = path;
    m->handle = h;
    if (!m->name) { lt_dlclose(h); free(path); return NULL; }
    l->n_mods++;
    if (file) *file = m->file;
    /* The array may move on the next load; callers copy the descriptor. */
    return &m->desc;
}

static int is_module_name(const char *n)
{
    static const char *const prefixes[] = { "source_", "recognizer_", "translator_", "writer_", NULL };
    for (const char *const *p = prefixes; *p; p++)
        if (!strncmp(n, *p, strlen(*p)) && n[strlen(*p)]) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int dp_loader_each(dp_loader *l, void (*fn)(const char *module, const char *dir, void *ctx), void *ctx)
{
    char **names = NULL, **dirs = NULL;
    size_t n = 0;
    int rc = 0;
    for (size_t d = 0; d < l->n_dirs; d++) {
        DIR *dh = opendir(l->dirs[d]);
        if (!dh) continue;
        struct dirent *e;
        while ((e = readdir(dh))) {
            char name[256];
            snprintf(name, sizeof name, "%s", e->d_name);
            char *dot = strrchr(name, '.');
            if (dot && (!strcmp(dot, ".la") || !strcmp(dot, ".so"))) *dot = '\0';
            if (!is_module_name(name)) continue;
            char *f = module_file(l->dirs[d], name);
            if (!f) continue;
            free(f);
            int dup = 0;
            for (size_t i = 0; i < n && !dup; i++) dup = !strcmp(names[i], name);
            if (dup) continue;
            char **nn = realloc(names, (n + 1) * sizeof *nn), **nd;
            if (!nn) { rc = -1; break; }
            names = nn;
            nd = realloc(dirs, (n + 1) * sizeof *nd);
            if (!nd) { rc = -1; break; }
            dirs = nd;
            names[n] = strdup(name);
            dirs[n] = l->dirs[d];
            if (!names[n]) { rc = -1; break; }
            n++;
        }
        closedir(dh);
    }
    /* Sort names, keeping dirs paired: sort an index instead. */
    char **pairs = malloc((n ? n : 1) * sizeof *pairs);
    if (pairs) {
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(names[i]) + strlen(dirs[i]) + 2;
            pairs[i] = malloc(len);
            if (pairs[i]) snprintf(pairs[i], len, "%s%c%s", names[i], '\001', dirs[i]);
        }
        qsort(pairs, n, sizeof *pairs, cmp_str);
        for (size_t i = 0; i < n; i++) {
            if (!pairs[i]) continue;
            char *sep = strchr(pairs[i], '\001');
            *sep = '\0';
            fn(pairs[i], sep + 1, ctx);
            free(pairs[i]);
        }
        free(pairs);
    } else {
        rc = -1;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    free(dirs);
    return rc;
}

/* Plain names only: "a/b" or "../x" would reach into arbitrary folders. */
static int is_plain_name(const char *n)
{
    for (const char *q = n; *q; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '_' || *q == '-')) return 0;
    return 1;
}

char *dp_loader_resolve(dp_loader *l, const char *name, int is_source, const char *where, dp_strbuf *errs)
{
    if (!is_plain_name(name)) {
        dp_strbuf_printf(errs, "%s: plugin name '%s' may contain only a-z, 0-9, '_' and '-' "
                         "(see `docpipe plugins`)\n", where, name);
        return NULL;
    }
    char m[256];
    if (is_source) {
        snprintf(m, sizeof m, "source_%s", name);
        if (dp_loader_exists(l, m)) return strdup(m);
        dp_strbuf_printf(errs, "%s: unknown source plugin '%s': no source_%s on the plugin path %s "
                         "(see `docpipe plugins`)\n", where, name, name, dp_loader_path(l));
        return NULL;
    }
    static const char *const kinds[] = { "recognizer", "translator", "writer", NULL };
    char *found = NULL;
    for (const char *const *k = kinds; *k; k++) {
        snprintf(m, sizeof m, "%s_%s", *k, name);
        if (!dp_loader_exists(l, m)) continue;
        if (found) {
            dp_strbuf_printf(errs, "%s: plugin name '%s' is ambiguous (%s and %s)\n", where, name, found, m);
            free(found);
            return NULL;
        }
        if (!(found = strdup(m))) { dp_strbuf_puts(errs, "out of memory\n"); return NULL; }
    }
    if (!found)
        dp_strbuf_printf(errs, "%s: unknown plugin '%s': no recognizer_%s, translator_%s or writer_%s on the plugin "
                         "path %s (see `docpipe plugins`)\n", where, name, name, name, name, dp_loader_path(l));
    return found;
}

/* A run's outputs: collected from the plan, resolved, checked distinct, sane and writable. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outputs.h"

int dp_outputs_add(dp_outputs *o, const char *path, int is_dir, const char *what, const char *where)
{
    dp_output *nv = realloc(o->v, (o->n + 1) * sizeof *nv);
    if (!nv) return -1;
    o->v = nv;
    dp_output *e = &o->v[o->n];
    memset(e, 0, sizeof *e);
    e->is_dir = is_dir;
    e->path = strdup(path ? path : "");
    e->what = strdup(what);
    e->where = strdup(where);
    if (!e->path || !e->what || !e->where) {
        free(e->path);
        free(e->what);
        free(e->where);
        return -1;
    }
    o->n++;
    return 0;
}

int dp_outputs_add_writers(dp_outputs *o, const dp_chain *c)
{
    for (size_t i = c->first_writer; i < c->n_stages; i++) {
        const dp_instance *w = c->stages[i];
        for (size_t k = 0; k < w->opts.n; k++) {
            const dp_optval *v = &w->opts.v[k];
            dp_opt_type t = v->spec->type;
            if (t != DP_OPT_OUTPUT && t != DP_OPT_OUTPUT_DIR) continue;
            char what[256];
            snprintf(what, sizeof what, "writer '%s' option '%s'", w->name, v->spec->name);
            if (dp_outputs_add(o, v->str, t == DP_OPT_OUTPUT_DIR, what, v->where ? v->where : w->where) < 0)
                return -1;
        }
    }
    return 0;
}

void dp_outputs_free(dp_outputs *o)
{
    for (size_t i = 0; i < o->n; i++) {
        free(o->v[i].path);
        free(o->v[i].canon);
        free(o->v[i].what);
        free(o->v[i].where);
    }
    free(o->v);
    o->v = NULL;
    o->n = 0;
}

/* Append "/name" to the absolute path in b, handling "." and "..". */
static void push_component(dp_strbuf *b, const char *name, size_t len)
{
    if (len == 0 || (len == 1 && name[0] == '.')) return;
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        char *slash = strrchr(b->data, '/');
        b->len = slash && slash != b->data ? (size_t)(slash - b->data) : 1;
        b->data[b->len] = '\0';
        return;
    }
    if (b->len > 1) dp_strbuf_add(b, "/", 1);
    dp_strbuf_add(b, name, len);
}

/*
 * The absolute form of path: its longest existing prefix with links resolved
 * (realpath), the rest normalised by name.  NULL when memory ran out.
 */
static char *canonical(const char *path)
{
    dp_strbuf abs = { 0 };
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) return NULL;
        dp_strbuf_puts(&abs, cwd);
        free(cwd);
        dp_strbuf_puts(&abs, "/");
    }
    dp_strbuf_puts(&abs, path);
    if (abs.oom) { dp_strbuf_free(&abs); return NULL; }
    /* Cut components off the end until what is left exists. */
    size_t cut = abs.len;
    char *real = NULL;
    for (;;) {
        char save = abs.data[cut];
        abs.data[cut] = '\0';
        real = realpath(cut ? abs.data : "/", NULL);
        abs.data[cut] = save;
        if (real || cut == 0) break;
        while (cut > 0 && abs.data[cut - 1] == '/') cut--;
        while (cut > 0 && abs.data[cut - 1] != '/') cut--;
    }
    dp_strbuf out = { 0 };
    dp_strbuf_puts(&out, real ? real : "/");
    free(real);
    for (const char *p = abs.data + cut; *p;) {
        while (*p == '/') p++;
        size_t n = strcspn(p, "/");
        if (!out.oom) push_component(&out, p, n);
        p += n;
    }
    dp_strbuf_free(&abs);
    if (out.oom) { dp_strbuf_free(&out); return NULL; }
    return out.data;
}

/* Folders no run may write into (a prefix match on whole components), and "/" itself. */
static const char *system_folder(const char *canon)
{
    static const char *const sys[] = { "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
                                       "/proc", "/run", "/sbin", "/sys", "/usr", NULL };
    if (!strcmp(canon, "/")) return "/";
    for (const char *const *s = sys; *s; s++) {
        size_t n = strlen(*s);
        if (!strncmp(canon, *s, n) && (canon[n] == '/' || !canon[n])) return *s;
    }
    const char *slash = strrchr(canon, '/');
    return slash == canon ? "/" : NULL; /* directly below the root: "/etc.tmp" would be created */
}

/* A name an output claims: the name itself, or (subtree) everything inside it too. */
typedef struct claim {
    char name[PATH_MAX + 8];
    int subtree;
} claim;

static size_t claims_of(const dp_output *e, claim *c)
{
    size_t n = 0;
    snprintf(c[n].name, sizeof c[n].name, "%s", e->canon);
    c[n++].subtree = e->is_dir;
    if (!e->is_dir) {
        snprintf(c[n].name, sizeof c[n].name, "%s.tmp", e->canon);
        c[n++].subtree = 0;
    }
    if (e->checkpoint) {
        snprintf(c[n].name, sizeof c[n].name, "%s.ids.tmp", e->canon);
        c[n++].subtree = 0;
    }
    snprintf(c[n].name, sizeof c[n].name, "%s.lock", e->canon);
    c[n++].subtree = 0;
    return n;
}

static int inside(const char *name, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(name, dir, n) && (name[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* The name where two outputs' claims meet, or NULL. */
static const char *clash(const claim *a, size_t na, const claim *b, size_t nb)
{
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            if (!strcmp(a[i].name, b[j].name)) return a[i].name;
            if (a[i].subtree && inside(b[j].name, a[i].name)) return b[j].name;
            if (b[j].subtree && inside(a[i].name, b[j].name)) return a[i].name;
        }
    return NULL;
}

/* The kind and writability of the place; config errors and I/O errors counted apart. */
static void check_place(const dp_output *e, dp_strbuf *errs, int *nconf, int *nio)
{
    struct stat st;
    if (stat(e->canon, &st) == 0) {
        if (e->is_dir && !S_ISDIR(st.st_mode)) {
            dp_strbuf_printf(errs, "%s: %s '%s' is not a folder\n", e->where, e->what, e->path);
            (*nconf)++;
            return;
        }
        if (!e->is_dir && S_ISDIR(st.st_mode)) {
            dp_strbuf_printf(errs, "%s: %s '%s' is a folder; name a file in it\n", e->where, e->what, e->path);
            (*nconf)++;
            return;
        }
    }
    /* The folder the run creates things in: the output folder itself, else the file's folder. */
    char *dir = strdup(e->canon);
    if (!dir) return;
    if (!(e->is_dir && stat(dir, &st) == 0)) {
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = '\0';
    }
    while (stat(dir, &st) != 0 && errno == ENOENT) {
        char *slash = strrchr(dir, '/');
        slash[slash == dir ? 1 : 0] = '\0';
    }
    if (!S_ISDIR(st.st_mode)) {
        dp_strbuf_printf(errs, "%s: %s '%s' cannot be created: %s is not a folder\n", e->where, e->what, e->path,
                         dir);
        (*nconf)++;
    } else if (access(dir, W_OK | X_OK) != 0) {
        dp_strbuf_printf(errs, "%s: %s '%s' cannot be written: the folder %s is not writable (%s)\n", e->where,
                         e->what, e->path, dir, strerror(errno));
        (*nio)++;
    }
    free(dir);
}

int dp_outputs_check(dp_outputs *o, dp_strbuf *errs, int *config_errors, int *io_errors)
{
    int nconf = 0, nio = 0;
    const dp_output *on_stdout = NULL;
    for (size_t i = 0; i < o->n; i++) {
        dp_output *e = &o->v[i];
        if (!*e->path) {
            dp_strbuf_printf(errs, "%s: %s is empty\n", e->where, e->what);
            nconf++;
            continue;
        }
        if (!strcmp(e->path, "-") && !e->is_dir) {
            if (on_stdout) {
                dp_strbuf_printf(errs, "%s: %s and %s (%s) both write to standard output ('-')\n", e->where,
                                 e->what, on_stdout->what, on_stdout->where);
                nconf++;
            }
            on_stdout = e;
            continue;
        }
        if (!(e->canon = canonical(e->path))) return -1;
        const char *sys = system_folder(e->canon);
        if (sys) {
            dp_strbuf_printf(errs, "%s: %s '%s' is a system path (%s%s); write below a folder of your own\n",
                             e->where, e->what, e->path, sys, strcmp(sys, "/") ? "" : " or directly below it");
            nconf++;
            free(e->canon);
            e->canon = NULL;
            continue;
        }
        check_place(e, errs, &nconf, &nio);
    }
    claim *a = malloc(4 * sizeof *a), *b = malloc(4 * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    for (size_t j = 0; j < o->n; j++) {
        const dp_output *y = &o->v[j];
        if (!y->canon) continue;
        size_t nb = claims_of(y, b);
        for (size_t i = 0; i < j; i++) {
            const dp_output *x = &o->v[i];
            if (!x->canon) continue;
            size_t na = claims_of(x, a);
            const char *at = clash(a, na, b, nb);
            if (!at) continue;
            dp_strbuf_printf(errs, "%s: %s '%s' collides with %s '%s' (%s): both would write %s; give each "
                             "output a path of its own\n", y->where, y->what, y->path, x->what, x->path, x->where, at);
            nconf++;
            break;
        }
    }
    free(a);
    free(b);
    *config_errors += nconf;
    *io_errors += nio;
    return 0;
}

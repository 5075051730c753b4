/* Input enumeration: deterministic order, include/exclude, errors kept in place. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inputs.h"
#include "safefile.h"

struct walk {
    dp_inputs *out;
    const dp_instance *src;
    int recursive;
};

static char *strip_ext(const char *s)
{
    char *r = strdup(s);
    if (!r) return NULL;
    char *slash = strrchr(r, '/');
    char *dot = strrchr(r, '.');
    if (dot && (!slash || dot > slash + 1)) *dot = '\0';
    return r;
}

/* Append an input; st: what stat said of it (NULL for stdin and errors). */
static int push(dp_inputs *out, const char *path, const char *id_from, const char *error, const struct stat *st)
{
    dp_input *nv = realloc(out->v, (out->n + 1) * sizeof *nv);
    if (!nv) return -1;
    out->v = nv;
    dp_input *in = &out->v[out->n];
    in->path = strdup(path);
    in->id = strip_ext(id_from);
    in->error = error ? strdup(error) : NULL;
    in->size = st ? (long long)st->st_size : 0;
    in->mtime_s = st ? (long long)st->st_mtim.tv_sec : 0;
    in->mtime_ns = st ? (long long)st->st_mtim.tv_nsec : 0;
    if (!in->path || !in->id || (error && !in->error)) {
        free(in->path); free(in->id); free(in->error);
        return -1;
    }
    out->n++;
    return 0;
}

static int matches_any(const dp_instance *src, const char *opt, const char *name)
{
    size_t n = dp_opt_count(src, opt);
    for (size_t i = 0; i < n; i++)
        if (fnmatch(dp_opt_item(src, opt, i), name, 0) == 0) return 1;
    return 0;
}

static int wanted(const dp_instance *src, const char *name)
{
    if (dp_opt_count(src, "include") && !matches_any(src, "include", name)) return 0;
    return !matches_any(src, "exclude", name);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Walk dir; rel is the path below the named root ("" at the top). */
static int walk_dir(struct walk *w, const char *dir, const char *rel, size_t *found)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        return push(w->out, dir, dir, msg, NULL);
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue; /* hidden, . and .. */
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn || !(nn[n] = strdup(e->d_name))) { names = nn ? nn : names; rc = -1; break; }
        names = nn;
        n++;
    }
    closedir(d);
    if (n > 1) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t lp = strlen(dir) + strlen(names[i]) + 2, lr = strlen(rel) + strlen(names[i]) + 2;
        char *path = malloc(lp), *r = malloc(lr);
        if (!path || !r) { free(path); free(r); rc = -1; break; }
        snprintf(path, lp, "%s/%s", dir, names[i]);
        snprintf(r, lr, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        int known = stat(path, &st) == 0;
        if (known && S_ISDIR(st.st_mode)) {
            if (w->recursive) rc = walk_dir(w, path, r, found);
        } else if (wanted(w->src, names[i])) {
            rc = push(w->out, path, r, NULL, known ? &st : NULL);
            (*found)++;
        }
        free(path);
        free(r);
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

static int has_glob(const char *s) { return strpbrk(s, "*?[") != NULL; }

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int collect_one(struct walk *w, const char *arg)
{
    if (!strcmp(arg, "-")) return push(w->out, "-", "stdin", NULL, NULL);
    struct stat st;
    if (stat(arg, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            size_t found = 0;
            /* Strip trailing slashes so paths stay tidy. */
            char *dir = strdup(arg);
            if (!dir) return -1;
            for (size_t l = strlen(dir); l > 1 && dir[l - 1] == '/'; l--) dir[l - 1] = '\0';
            int rc = walk_dir(w, dir, "", &found);
            if (rc == 0 && found == 0) rc = push(w->out, dir, dir, "no matching files in this directory", NULL);
            free(dir);
            return rc;
        }
        return push(w->out, arg, base_name(arg), NULL, &st);
    }
    if (has_glob(arg)) {
        glob_t g;
        int grc = glob(arg, 0, NULL, &g);
        if (grc == GLOB_NOMATCH) return push(w->out, arg, arg, "no file matches this pattern", NULL);
        if (grc != 0) return push(w->out, arg, arg, "cannot expand this pattern", NULL);
        int rc = 0;
        for (size_t i = 0; i < g.gl_pathc && rc == 0; i++) {
            int known = stat(g.gl_pathv[i], &st) == 0;
            if (known && S_ISDIR(st.st_mode)) continue;
            rc = push(w->out, g.gl_pathv[i], base_name(g.gl_pathv[i]), NULL, known ? &st : NULL);
        }
        globfree(&g);
        return rc;
    }
    char msg[512];
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    return push(w->out, arg, base_name(arg), msg, NULL);
}

int dp_inputs_collect(dp_inputs *out, char *const *args, size_t n_args, const dp_instance *source)
{
    memset(out, 0, sizeof *out);
    struct walk w = { out, source, dp_opt_bool(source, "recursive") };
    if (n_args) {
        for (size_t i = 0; i < n_args; i++)
            if (collect_one(&w, args[i]) < 0) return -1;
        return 0;
    }
    size_t n = dp_opt_count(source, "paths");
    for (size_t i = 0; i < n; i++)
        if (collect_one(&w, dp_opt_item(source, "paths", i)) < 0) return -1;
    return 0;
}

void dp_inputs_free(dp_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].id);
        free(in->v[i].error);
    }
    free(in->v);
    in->v = NULL;
    in->n = 0;
}

uint64_t dp_inputs_fingerprint(const dp_inputs *in)
{
    uint64_t h = DP_HASH_INIT;
    for (size_t i = 0; i < in->n; i++) {
        const dp_input *x = &in->v[i];
        long long v[4] = { x->size, x->mtime_s, x->mtime_ns, x->error != NULL };
        h = dp_hash_bytes(h, x->path, strlen(x->path) + 1);
        h = dp_hash_bytes(h, v, sizeof v);
    }
    return h;
}

/* Input enumeration: deterministic order, include/exclude, each file once, errors kept in place. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "docpipe/text.h"
#include "inputs.h"
#include "log.h"
#include "safefile.h"
#include "u64map.h"

/* A folder being walked, and the folders above it (to see a link back to one of them). */
typedef struct walk_dir_id {
    dev_t dev;
    ino_t ino;
    char *path;
} walk_dir_id;

struct walk {
    dp_inputs *out;
    const dp_instance *src;
    int recursive;
    dp_u64map files;      /* device+inode of every file listed -> its input's index + 1 */
    dp_u64map dirs;       /* device+inode of every folder walked -> its index in walked + 1 */
    walk_dir_id *walked;  /* every folder walked, in order */
    size_t n_walked;
};

static uint64_t file_key(dev_t dev, ino_t ino) { return (uint64_t)ino * 0x9e3779b97f4a7c15ULL ^ (uint64_t)dev; }

/*
 * A name as a document id or source: file names are bytes, outputs are UTF-8.
 * Bytes that are not valid UTF-8, and control characters, become %XX.  NULL
 * when memory ran out.
 */
static char *utf8_name(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *r = malloc(3 * len + 1);
    if (!r) return NULL;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        int32_t cp = dp_utf8_next(s, len, &i);
        if (cp < 0 || cp < 0x20 || cp == 0x7f) {
            for (size_t k = at; k < i; k++) o += (size_t)sprintf(r + o, "%%%02X", (unsigned char)s[k]);
        } else {
            memcpy(r + o, s + at, i - at);
            o += i - at;
        }
    }
    r[o] = '\0';
    return r;
}

static char *strip_ext(const char *s)
{
    char *r = utf8_name(s);
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
    memset(in, 0, sizeof *in);
    in->path = strdup(path);
    in->source = utf8_name(path);
    in->id = strip_ext(id_from);
    in->error = error ? strdup(error) : NULL;
    if (st) {
        in->size = (long long)st->st_size;
        in->mtime_s = (long long)st->st_mtim.tv_sec;
        in->mtime_ns = (long long)st->st_mtim.tv_nsec;
        in->dev = st->st_dev;
        in->ino = st->st_ino;
    }
    if (!in->path || !in->source || !in->id || (error && !in->error)) {
        free(in->path); free(in->source); free(in->id); free(in->error);
        return -1;
    }
    out->n++;
    return 0;
}

/* A file found by a walk, a glob or named: listed once, however many ways lead to it. */
static int push_file(struct walk *w, const char *path, const char *id_from, const struct stat *st)
{
    if (st) {
        uint64_t first;
        if (dp_u64map_get(&w->files, file_key(st->st_dev, st->st_ino), &first)) {
            const dp_input *was = &w->out->v[first - 1];
            if (was->dev == st->st_dev && was->ino == st->st_ino) {
                dp_core_log(DP_LOG_WARN, "%s: the same file as %s, listed already: skipped", path, was->path);
                return 0;
            }
        }
        if (dp_u64map_add(&w->files, file_key(st->st_dev, st->st_ino), w->out->n + 1) < 0) return -1;
    }
    return push(w->out, path, id_from, NULL, st);
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

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m) ? "a block device" : "not a regular file";
}

/*
 * Enter the folder dir (stat st): 1 when it is new, 0 when it was walked
 * before — a link back to a folder above it (a loop) or to one walked
 * elsewhere —, which is then skipped with a warning; -1 out of memory.
 */
static int enter(struct walk *w, const char *dir, const struct stat *st)
{
    uint64_t seen;
    if (dp_u64map_get(&w->dirs, file_key(st->st_dev, st->st_ino), &seen)) {
        const walk_dir_id *was = &w->walked[seen - 1];
        if (was->dev == st->st_dev && was->ino == st->st_ino) {
            dp_core_log(DP_LOG_WARN, "%s: the same folder as %s, walked already (a link back to it?): skipped", dir,
                        was->path);
            return 0;
        }
    }
    walk_dir_id *nw = realloc(w->walked, (w->n_walked + 1) * sizeof *nw);
    if (!nw) return -1;
    w->walked = nw;
    nw[w->n_walked] = (walk_dir_id){ st->st_dev, st->st_ino, strdup(dir) };
    if (!nw[w->n_walked].path) return -1;
    w->n_walked++;
    return dp_u64map_add(&w->dirs, file_key(st->st_dev, st->st_ino), w->n_walked) < 0 ? -1 : 1;
}

/* Walk dir (stat st); rel is the path below the named root ("" at the top). */
static int walk_dir(struct walk *w, const char *dir, const char *rel, const struct stat *dst, size_t *found)
{
    int fresh = enter(w, dir, dst);
    if (fresh <= 0) return fresh;
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
            if (w->recursive) rc = walk_dir(w, path, r, &st, found);
        } else if (wanted(w->src, names[i])) {
            /* A FIFO would block the run, a device never end: a walk takes files only. */
            if (known && !S_ISREG(st.st_mode)) {
                dp_core_log(DP_LOG_WARN, "%s: %s, not a file: skipped", path, kind_of(st.st_mode));
            } else {
                rc = push_file(w, path, r, known ? &st : NULL);
                (*found)++;
            }
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
            int rc = walk_dir(w, dir, "", &st, &found);
            if (rc == 0 && found == 0) rc = push(w->out, dir, dir, "no matching files in this directory", NULL);
            free(dir);
            return rc;
        }
        /* Named on the command line, a pipe or a device is read as a stream (within max_size); not a socket. */
        if (S_ISSOCK(st.st_mode)) return push(w->out, arg, base_name(arg), "a socket, not a file", NULL);
        return push_file(w, arg, base_name(arg), &st);
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
            if (known && !S_ISREG(st.st_mode))
                dp_core_log(DP_LOG_WARN, "%s: %s, not a file: skipped", g.gl_pathv[i], kind_of(st.st_mode));
            else
                rc = push_file(w, g.gl_pathv[i], base_name(g.gl_pathv[i]), known ? &st : NULL);
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
    struct walk w = { .out = out, .src = source, .recursive = dp_opt_bool(source, "recursive") };
    dp_u64map_init(&w.files, 1);
    dp_u64map_init(&w.dirs, 1);
    int rc = 0;
    size_t n = n_args ? n_args : dp_opt_count(source, "paths");
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = collect_one(&w, n_args ? args[i] : dp_opt_item(source, "paths", i));
    dp_u64map_free(&w.files);
    dp_u64map_free(&w.dirs);
    for (size_t i = 0; i < w.n_walked; i++) free(w.walked[i].path);
    free(w.walked);
    return rc < 0 ? -1 : 0;
}

void dp_inputs_free(dp_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].source);
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

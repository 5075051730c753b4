/* The data search path: data file names to files (see datapath.h). */
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "datapath.h"
#include "installdirs.h"

static int add_dir(dp_datapath *dp, const char *d)
{
    if (!d || !*d) return 0;
    char **nd = realloc(dp->dirs, (dp->n + 1) * sizeof *nd);
    if (!nd) return -1;
    dp->dirs = nd;
    if (!(dp->dirs[dp->n] = strdup(d))) return -1;
    dp->n++;
    return 0;
}

int dp_datapath_init(dp_datapath *dp, char *const *config_dirs, size_t n)
{
    memset(dp, 0, sizeof *dp);
    int bad = 0;
    for (size_t i = 0; i < n; i++) bad |= add_dir(dp, config_dirs[i]);
    const char *env = getenv("DOCPIPE_DATA_PATH");
    if (env) {
        char *copy = strdup(env), *save = NULL;
        if (!copy) bad = 1;
        for (char *t = copy ? strtok_r(copy, ":", &save) : NULL; t; t = strtok_r(NULL, ":", &save))
            bad |= add_dir(dp, t);
        free(copy);
    }
    char installed[4096];
    if (dp_install_dir_get(DP_DIR_DATA, installed, sizeof installed)) bad |= add_dir(dp, installed);
    if (bad) { dp_datapath_free(dp); return -1; }
    return 0;
}

void dp_datapath_free(dp_datapath *dp)
{
    for (size_t i = 0; i < dp->n; i++) free(dp->dirs[i]);
    free(dp->dirs);
    dp->dirs = NULL;
    dp->n = 0;
}

int dp_datapath_is_name(const char *name)
{
    return !(name[0] == '/' || strncmp(name, "./", 2) == 0 || strncmp(name, "../", 3) == 0 ||
             strcmp(name, ".") == 0 || strcmp(name, "..") == 0);
}

int dp_datapath_has_glob(const char *s) { return strpbrk(s, "*?[") != NULL; }

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void note(dp_strbuf *tried, const char *p)
{
    if (!tried) return;
    if (tried->len) dp_strbuf_puts(tried, ", ");
    dp_strbuf_puts(tried, p);
}

/* The i-th place a name is looked up (0: base_dir), or NULL after the last; a path has one place. */
static const char *place(const dp_datapath *dp, const char *base_dir, const char *name, size_t i)
{
    if (i == 0) return base_dir && *base_dir ? base_dir : ".";
    if (!dp_datapath_is_name(name) || !dp || i - 1 >= dp->n) return NULL;
    return dp->dirs[i - 1];
}

char *dp_datapath_find(const dp_datapath *dp, const char *base_dir, const char *name, dp_strbuf *tried, int *oom)
{
    if (name[0] == '/') {
        if (is_file(name)) { char *r = strdup(name); if (!r) *oom = 1; return r; }
        note(tried, name);
        return NULL;
    }
    const char *dir;
    for (size_t i = 0; (dir = place(dp, base_dir, name, i)); i++) {
        char *p = join(dir, name);
        if (!p) { *oom = 1; return NULL; }
        if (is_file(p)) return p;
        note(tried, p);
        free(p);
    }
    return NULL;
}

int dp_datapath_glob(const dp_datapath *dp, const char *base_dir, const char *pattern, char ***out,
                     dp_strbuf *tried)
{
    *out = NULL;
    const char *dir;
    for (size_t i = 0; (dir = place(dp, base_dir, pattern, i)); i++) {
        char *p = pattern[0] == '/' ? strdup(pattern) : join(dir, pattern);
        if (!p) return -1;
        glob_t g;
        int rc = glob(p, 0, NULL, &g);
        size_t n = 0;
        char **files = rc == 0 ? calloc(g.gl_pathc + 1, sizeof *files) : NULL;
        if (rc == 0 && !files) { globfree(&g); free(p); return -1; }
        for (size_t k = 0; rc == 0 && k < g.gl_pathc; k++) {
            if (!is_file(g.gl_pathv[k])) continue;
            if (!(files[n] = strdup(g.gl_pathv[k]))) {
                for (size_t j = 0; j < n; j++) free(files[j]);
                free(files);
                globfree(&g);
                free(p);
                return -1;
            }
            n++;
        }
        if (rc == 0) globfree(&g);
        if (n) { free(p); *out = files; return (int)n; }
        free(files);
        note(tried, p);
        free(p);
        if (pattern[0] == '/') break;
    }
    return 0;
}

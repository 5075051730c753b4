/*
 * Plugins whose descriptor depends on the instance (plugin.h, describe):
 * an instance described from command-line options (docpipe try), and the
 * co-process workers found on the exec path (docpipe plugins).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "instance.h"

dp_instance *cli_described_instance(const dp_plugin *p, char *const *opts, size_t n_opts, const char *base_dir,
                                    dp_strbuf *errs)
{
    dp_instance *inst = dp_instance_create(p, NULL, NULL, "(command line)", base_dir);
    if (!inst) { dp_strbuf_puts(errs, "out of memory\n"); return NULL; }
    /* the static table's options first; the others belong to the described table */
    dp_strbuf ignored = { 0 };
    for (size_t i = 0; i < n_opts; i++) dp_optset_from_text(&inst->opts, opts[i], p->name, base_dir, "-o", &ignored);
    dp_strbuf_free(&ignored);
    if (dp_instance_describe(inst, 0, errs) < 0) { dp_instance_destroy(inst); return NULL; }
    return inst;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The executable files of one directory, sorted, each described. */
static void each_in_dir(const dp_plugin *exec, const char *dir, cli_worker_fn fn, void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) return;
    char **files = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        dp_strbuf path = { 0 };
        dp_strbuf_printf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        char **grown = path.oom ? NULL : realloc(files, (n + 1) * sizeof *files);
        if (!grown || stat(path.data, &st) < 0 || !S_ISREG(st.st_mode) || access(path.data, X_OK) < 0) {
            if (grown) files = grown;
            dp_strbuf_free(&path);
            continue;
        }
        files = grown;
        files[n++] = path.data;
    }
    closedir(d);
    if (n) qsort(files, n, sizeof *files, by_name);
    for (size_t i = 0; i < n; i++) {
        dp_strbuf opt = { 0 }, errs = { 0 };
        dp_strbuf_printf(&opt, "command=%s", files[i]);
        char *opts[1] = { opt.data };
        dp_instance *inst = opt.oom ? NULL : cli_described_instance(exec, opts, 1, dir, &errs);
        fn(files[i], inst ? &inst->desc : NULL, errs.data, ctx);
        dp_instance_destroy(inst);
        dp_strbuf_free(&opt);
        dp_strbuf_free(&errs);
        free(files[i]);
    }
    free(files);
}

void cli_each_exec_worker(const dp_plugin *exec, cli_worker_fn fn, void *ctx)
{
    const char *env = getenv("DOCPIPE_EXEC_PATH");
    char *dirs = strdup(env ? env : "");
    if (!dirs) return;
    for (char *save = NULL, *dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
        each_in_dir(exec, dir, fn, ctx);
    free(dirs);
    each_in_dir(exec, DOCPIPE_EXECDIR, fn, ctx);
}

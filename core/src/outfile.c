/* Crash-safe output files: write to <path>.tmp, checkpoint, rename at the end. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docpipe/outfile.h"
#include "instance.h"
#include "outfile_impl.h"

struct dp_outfile {
    char *path;
    char *tmp;
    FILE *fp;
    int is_stdout;
    int check_only;
};

dp_outfile *dp_outfile_open_path(const char *path, int resuming, int check_only, dp_error *err)
{
    if (!path || !*path) { dp_fail(err, DP_FATAL, "no output path"); return NULL; }
    dp_outfile *f = calloc(1, sizeof *f);
    if (!f) { dp_fail_nomem(err); return NULL; }
    f->path = strdup(path);
    if (!f->path) goto oom;
    if (!strcmp(path, "-")) {
        f->is_stdout = 1;
        f->fp = stdout;
        return f;
    }
    size_t n = strlen(path) + 5;
    f->tmp = malloc(n);
    if (!f->tmp) goto oom;
    snprintf(f->tmp, n, "%s.tmp", path);
    if (check_only) {
        /* `docpipe check` verifies the place is writable but creates nothing. */
        f->check_only = 1;
        char *d = strdup(path);
        if (!d) goto oom;
        char *slash = strrchr(d, '/');
        const char *dir = slash ? (slash == d ? "/" : (*slash = '\0', d)) : ".";
        struct stat st;
        /* A missing directory will be created by the run: check its parent chain exists somewhere. */
        if (stat(dir, &st) == 0 && (!S_ISDIR(st.st_mode) || access(dir, W_OK) != 0)) {
            dp_fail(err, DP_FATAL, "cannot write %s: %s is not a writable directory", path, dir);
            free(d);
            dp_outfile_close(f);
            return NULL;
        }
        free(d);
        return f;
    }
    if (dp_mkdirs_for(path) < 0) {
        dp_fail(err, DP_FATAL, "cannot create the directory of %s: %s", path, strerror(errno));
        dp_outfile_close(f);
        return NULL;
    }
    const char *mode = "w";
    if (resuming) {
        struct stat st;
        mode = stat(f->tmp, &st) == 0 ? "r+" : "w";
    }
    f->fp = fopen(f->tmp, mode);
    if (!f->fp) {
        dp_fail(err, DP_FATAL, "cannot open %s for writing: %s", f->tmp, strerror(errno));
        dp_outfile_close(f);
        return NULL;
    }
    if (!strcmp(mode, "r+")) fseeko(f->fp, 0, SEEK_END);
    return f;
oom:
    dp_fail_nomem(err);
    dp_outfile_close(f);
    return NULL;
}

dp_outfile *dp_outfile_open(dp_instance *inst, const char *path)
{
    return dp_outfile_open_path(path, inst->resuming, inst->check_only, &inst->init_error);
}

FILE *dp_outfile_stream(dp_outfile *f)
{
    /* In check mode nothing may be written; /dev/null-like sink. */
    if (f->check_only && !f->fp) f->fp = fopen("/dev/null", "w");
    return f->fp;
}

const char *dp_outfile_path(const dp_outfile *f) { return f->path; }

static int io_fail(dp_outfile *f, dp_error *err, const char *what)
{
    return dp_fail(err, DP_FATAL, "%s %s: %s", what, f->is_stdout ? "standard output" : (f->tmp ? f->tmp : f->path),
                   strerror(errno ? errno : EIO));
}

int dp_outfile_end_record(dp_outfile *f, dp_error *err)
{
    if (!f->fp) return DP_OK;
    if (f->is_stdout && fflush(f->fp) != 0) return io_fail(f, err, "cannot write to");
    if (ferror(f->fp)) return io_fail(f, err, "cannot write to");
    return DP_OK;
}

int dp_outfile_checkpoint(dp_outfile *f, char *token, size_t size, dp_error *err)
{
    if (f->is_stdout || f->check_only || !f->fp) { snprintf(token, size, "-"); return DP_OK; }
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp)) return io_fail(f, err, "cannot write to");
    if (fsync(fileno(f->fp)) != 0) return io_fail(f, err, "cannot sync");
    off_t pos = ftello(f->fp);
    if (pos < 0) return io_fail(f, err, "cannot tell the position in");
    snprintf(token, size, "%" PRIdMAX, (intmax_t)pos);
    return DP_OK;
}

int dp_outfile_restore(dp_outfile *f, const char *token, dp_error *err)
{
    if (f->is_stdout || f->check_only || !f->fp) return DP_OK;
    char *end;
    errno = 0;
    long long pos = strtoll(token, &end, 10);
    if (errno || end == token || *end || pos < 0)
        return dp_fail(err, DP_FATAL, "%s: bad checkpoint token '%s'", f->tmp, token);
    fflush(f->fp);
    if (ftruncate(fileno(f->fp), (off_t)pos) != 0) return io_fail(f, err, "cannot truncate");
    if (fseeko(f->fp, (off_t)pos, SEEK_SET) != 0) return io_fail(f, err, "cannot seek in");
    return DP_OK;
}

int dp_outfile_commit(dp_outfile *f, dp_error *err)
{
    if (f->check_only) return DP_OK;
    if (f->is_stdout) return fflush(stdout) == 0 ? DP_OK : io_fail(f, err, "cannot write to");
    if (!f->fp) return DP_OK;
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp)) return io_fail(f, err, "cannot write to");
    if (fsync(fileno(f->fp)) != 0) return io_fail(f, err, "cannot sync");
    FILE *fp = f->fp;
    f->fp = NULL;
    if (fclose(fp) != 0) return io_fail(f, err, "cannot close");
    if (rename(f->tmp, f->path) != 0)
        return dp_fail(err, DP_FATAL, "cannot rename %s to %s: %s", f->tmp, f->path, strerror(errno));
    return DP_OK;
}

void dp_outfile_close(dp_outfile *f)
{
    if (!f) return;
    if (f->fp && !f->is_stdout) fclose(f->fp);
    free(f->path);
    free(f->tmp);
    free(f);
}

int dp_write_file_atomic(const char *path, const void *data, size_t len, dp_error *err)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) return dp_fail_nomem(err);
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    if (dp_mkdirs_for(path) < 0) {
        int e = errno;
        free(tmp);
        return dp_fail(err, DP_FATAL, "cannot create the directory of %s: %s", path, strerror(e));
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return dp_fail(err, DP_FATAL, "cannot create %s: %s", path, strerror(e));
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            unlink(tmp);
            free(tmp);
            return dp_fail(err, DP_FATAL, "cannot write %s: %s", path, strerror(e));
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return dp_fail(err, DP_FATAL, "cannot write %s: %s", path, strerror(e));
    }
    free(tmp);
    return DP_OK;
}

static uint32_t fnv1a32(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

void dp_file_stem(const char *id, char *out, size_t size)
{
    size_t o = 0;
    int changed = 0;
    if (!id || !*id) {
        id = "";
        changed = 1;
    }
    size_t limit = size > 24 ? size - 12 : 1;
    for (const char *p = id; *p; p++) {
        if (o + 1 >= limit) {
            changed = 1;
            break;
        }
        unsigned char c = (unsigned char)*p;
        int ok = isalnum(c) || c == '-' || c == '_' || (c == '.' && o > 0);
        if (!ok) changed = 1;
        out[o++] = ok ? (char)c : '_';
    }
    out[o] = '\0';
    if (changed) snprintf(out + o, size - o, "%s%08x", o ? "-" : "doc-", (unsigned)fnv1a32(id));
}

/* Temporary files of killed runs: see outfile.h. */
void dp_remove_stale_temps(const char *dir, const char *const *exts)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *t = strstr(de->d_name, ".tmp");
        if (!t || t == de->d_name || !t[4] || strspn(t + 4, "0123456789") != strlen(t + 4))
            continue;
        int ours = 0;
        for (size_t i = 0; exts[i] && !ours; i++) {
            size_t el = strlen(exts[i]);
            ours = (size_t)(t - de->d_name) > el && strncmp(t - el, exts[i], el) == 0;
        }
        if (!ours)
            continue;
        size_t n = strlen(dir) + strlen(de->d_name) + 2;
        char *p = malloc(n);
        if (p) {
            snprintf(p, n, "%s/%s", dir, de->d_name);
            unlink(p);
        }
        free(p);
    }
    closedir(d);
}

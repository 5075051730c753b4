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
#include "safefile.h"

struct dp_outfile {
    char *path;
    char *tmp;
    FILE *fp;
    FILE *discard;            /* where writes go when nothing may be written (check, committed, failed) */
    const dp_instance *inst;  /* NULL for the core's own outputs */
    int is_stdout;
    int check_only;
    int awaiting_restore;     /* resuming: the temporary file is opened by restore */
    int committed;            /* resuming a commit: the final file already holds the output */
    int open_errno;           /* a deferred open failed: every later call reports it */
    off_t hashed;             /* the checksum covers bytes [0, hashed) of the output */
    uint64_t hash;
};

static ssize_t discard_write(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    (void)buf;
    return (ssize_t)n;
}

/* The temporary file, created anew (a planted link is removed, never followed). */
static int open_fresh(dp_outfile *f)
{
    int fd = dp_safe_create(f->tmp);
    if (fd < 0) return -1;
    f->fp = fdopen(fd, "w+");
    if (!f->fp) {
        int e = errno;
        close(fd);
        unlink(f->tmp);
        errno = e;
        return -1;
    }
    f->hashed = 0;
    f->hash = DP_HASH_INIT;
    return 0;
}

/* `docpipe check`: the place must be writable, but nothing is created. */
static int check_place(dp_outfile *f, dp_error *err)
{
    char *d = strdup(f->path);
    if (!d) return dp_fail_nomem(err);
    char *slash = strrchr(d, '/');
    const char *dir = slash ? (slash == d ? "/" : (*slash = '\0', d)) : ".";
    struct stat st;
    /* A missing directory will be created by the run. */
    int bad = stat(dir, &st) == 0 && (!S_ISDIR(st.st_mode) || access(dir, W_OK) != 0);
    if (bad) dp_fail(err, DP_FATAL, "cannot write %s: %s is not a writable directory", f->path, dir);
    free(d);
    return bad ? DP_FATAL : DP_OK;
}

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
    cookie_io_functions_t nowhere = { .write = discard_write };
    if (!(f->discard = fopencookie(NULL, "w", nowhere))) goto oom;
    size_t n = strlen(path) + 5;
    f->tmp = malloc(n);
    if (!f->tmp) goto oom;
    snprintf(f->tmp, n, "%s.tmp", path);
    f->check_only = check_only;
    if (check_only) {
        if (check_place(f, err) != DP_OK) goto fail;
        return f;
    }
    if (dp_mkdirs_for(path) < 0) {
        dp_fail(err, DP_FATAL, "cannot create the directory of %s: %s", path, strerror(errno));
        goto fail;
    }
    if (resuming) {
        f->awaiting_restore = 1;
        return f;
    }
    if (open_fresh(f) < 0) {
        dp_fail(err, DP_FATAL, "cannot create %s: %s", f->tmp,
                errno == EEXIST ? "something that is not a file has that name" : strerror(errno));
        goto fail;
    }
    return f;
oom:
    dp_fail_nomem(err);
fail:
    dp_outfile_close(f);
    return NULL;
}

dp_outfile *dp_outfile_open(dp_instance *inst, const char *path)
{
    dp_outfile *f = dp_outfile_open_path(path, inst->resuming, inst->check_only, &inst->init_error);
    if (f) f->inst = inst;
    return f;
}

FILE *dp_outfile_stream(dp_outfile *f)
{
    if (f->fp) return f->fp;
    if (f->awaiting_restore && !f->committed && !f->open_errno) {
        /* Resumed, but never restored: the output starts empty. */
        f->awaiting_restore = 0;
        if (open_fresh(f) == 0) return f->fp;
        f->open_errno = errno;
    }
    return f->discard;
}

const char *dp_outfile_path(const dp_outfile *f) { return f->path; }

static int io_fail(dp_outfile *f, dp_error *err, const char *what)
{
    return dp_fail(err, DP_FATAL, "%s %s: %s", what, f->is_stdout ? "standard output" : (f->tmp ? f->tmp : f->path),
                   strerror(errno ? errno : EIO));
}

/* A deferred open that failed, reported by every later call. */
static int open_failed(dp_outfile *f, dp_error *err)
{
    errno = f->open_errno;
    return io_fail(f, err, "cannot create");
}

int dp_outfile_end_record(dp_outfile *f, dp_error *err)
{
    if (f->open_errno) return open_failed(f, err);
    if (!f->fp) return DP_OK;
    errno = 0;
    if (f->is_stdout && fflush(f->fp) != 0) return io_fail(f, err, "cannot write to");
    if (ferror(f->fp)) return io_fail(f, err, "cannot write to");
    return DP_OK;
}

static void put_token(const dp_outfile *f, char *token, size_t size)
{
    snprintf(token, size, "%" PRIdMAX ":%016" PRIx64, (intmax_t)f->hashed, f->hash);
}

int dp_outfile_checkpoint(dp_outfile *f, char *token, size_t size, dp_error *err)
{
    if (f->is_stdout || f->check_only) { snprintf(token, size, "-"); return DP_OK; }
    if (!f->committed) dp_outfile_stream(f);
    if (f->open_errno) return open_failed(f, err);
    if (f->fp) {
        errno = 0;
        if (fflush(f->fp) != 0 || ferror(f->fp)) return io_fail(f, err, "cannot write to");
        if (fsync(fileno(f->fp)) != 0) return io_fail(f, err, "cannot sync");
        off_t pos = ftello(f->fp);
        if (pos < 0) return io_fail(f, err, "cannot tell the position in");
        /* The checksum grows by what was written since the last checkpoint (read back from the cache). */
        if (pos < f->hashed || dp_hash_file_range(fileno(f->fp), f->hashed, pos, &f->hash) < 0)
            return io_fail(f, err, "cannot read back");
        f->hashed = pos;
    }
    put_token(f, token, size);
    return DP_OK;
}

/* "SIZE:CHECKSUM" of dp_outfile_checkpoint; 0, or -1 when malformed. */
static int parse_token(const char *token, off_t *pos, uint64_t *hash)
{
    char *end;
    errno = 0;
    long long p = strtoll(token, &end, 10);
    if (errno || end == token || *end != ':' || p < 0) return -1;
    const char *h = end + 1;
    unsigned long long v = strtoull(h, &end, 16);
    if (errno || end - h != 16 || *end) return -1;
    *pos = (off_t)p;
    *hash = (uint64_t)v;
    return 0;
}

/* Does the regular file at path start with (exactly: be) pos bytes of checksum hash?  1 yes, 0 no, -1 error. */
static int file_matches(const char *path, off_t pos, uint64_t hash, int exactly, int *fd_out)
{
    int fd = dp_safe_open(path, fd_out != NULL);
    if (fd < 0) return errno == ENOENT || errno == ELOOP || errno == EINVAL ? 0 : -1;
    struct stat st;
    uint64_t h = DP_HASH_INIT;
    int rc = fstat(fd, &st) < 0 ? -1 : 1;
    if (rc == 1 && (st.st_size < pos || (exactly && st.st_size != pos))) rc = 0;
    if (rc == 1 && dp_hash_file_range(fd, 0, pos, &h) < 0) rc = -1;
    if (rc == 1 && h != hash) rc = 0;
    if (rc == 1 && fd_out) *fd_out = fd;
    else close(fd);
    return rc;
}

int dp_outfile_restore_to(dp_outfile *f, const char *token, int completing, dp_error *err)
{
    if (f->is_stdout || f->check_only) return DP_OK;
    off_t pos;
    uint64_t hash;
    if (parse_token(token, &pos, &hash) < 0)
        return dp_fail(err, DP_FAILED, "%s: the checkpoint's token '%s' is not one of this docpipe", f->path, token);
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    f->awaiting_restore = 0;
    f->committed = 0;
    int fd = -1;
    struct stat st;
    int m = file_matches(f->tmp, pos, hash, 0, &fd);
    if (m < 0) return io_fail(f, err, "cannot read");
    if (m == 1) {
        if (ftruncate(fd, pos) != 0 || !(f->fp = fdopen(fd, "r+"))) {
            close(fd);
            return io_fail(f, err, "cannot truncate");
        }
        if (fseeko(f->fp, pos, SEEK_SET) != 0) return io_fail(f, err, "cannot seek in");
    } else if (lstat(f->tmp, &st) == 0 || errno != ENOENT) {
        return dp_fail(err, DP_FAILED, "%s does not hold the first %jd bytes the checkpoint recorded: it was "
                       "changed or replaced since the run stopped", f->tmp, (intmax_t)pos);
    } else if (pos == 0) {
        if (open_fresh(f) < 0) return io_fail(f, err, "cannot create");
    } else if (!completing) {
        return dp_fail(err, DP_FAILED, "%s is missing: the %jd bytes the checkpoint recorded are gone",
                       f->tmp, (intmax_t)pos);
    } else {
        /* The run was committing: this output may already be renamed to its final name. */
        m = file_matches(f->path, pos, hash, 1, NULL);
        if (m < 0) return dp_fail(err, DP_FATAL, "cannot read %s: %s", f->path, strerror(errno));
        if (m == 0)
            return dp_fail(err, DP_FAILED, "%s is missing, and %s does not hold the %jd bytes the checkpoint "
                           "recorded: it was changed since the run stopped", f->tmp, f->path, (intmax_t)pos);
        f->committed = 1;
    }
    f->hashed = pos;
    f->hash = hash;
    return DP_OK;
}

int dp_outfile_restore(dp_outfile *f, const char *token, dp_error *err)
{
    return dp_outfile_restore_to(f, token, f->inst && f->inst->completing_commit, err);
}

int dp_outfile_commit(dp_outfile *f, dp_error *err)
{
    if (f->check_only) return DP_OK;
    if (f->is_stdout) return fflush(stdout) == 0 ? DP_OK : io_fail(f, err, "cannot write to");
    if (f->committed) {
        /* Renamed by the run that was interrupted; make sure the rename is on disk. */
        if (dp_sync_dir_of(f->path) < 0) return dp_fail(err, DP_FATAL, "cannot sync the folder of %s: %s",
                                                        f->path, strerror(errno));
        return DP_OK;
    }
    dp_outfile_stream(f);
    if (f->open_errno) return open_failed(f, err);
    if (!f->fp) return DP_OK;
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp)) return io_fail(f, err, "cannot write to");
    if (fsync(fileno(f->fp)) != 0) return io_fail(f, err, "cannot sync");
    FILE *fp = f->fp;
    f->fp = NULL;
    if (fclose(fp) != 0) return io_fail(f, err, "cannot close");
    if (dp_rename_durable(f->tmp, f->path) != 0)
        return dp_fail(err, DP_FATAL, "cannot rename %s to %s: %s", f->tmp, f->path, strerror(errno));
    f->committed = 1;
    return DP_OK;
}

void dp_outfile_close(dp_outfile *f)
{
    if (!f) return;
    if (f->fp && !f->is_stdout) fclose(f->fp);
    if (f->discard) fclose(f->discard);
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
    int fd = dp_safe_create(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return dp_fail(err, DP_FATAL, "cannot create %s: %s", path, strerror(e));
    }
    int bad = dp_write_all(fd, data, len) < 0 || fsync(fd) != 0;
    int e = errno;
    if (close(fd) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad && rename(tmp, path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        unlink(tmp);
        free(tmp);
        return dp_fail(err, DP_FATAL, "cannot write %s: %s", path, strerror(e));
    }
    free(tmp);
    return DP_OK;
}

int dp_outdir_sync(const char *dir, dp_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return dp_fail(err, DP_FATAL, "cannot open the folder %s: %s", dir, strerror(errno));
    int rc = fsync(fd) < 0 && errno != EINVAL ? dp_fail(err, DP_FATAL, "cannot sync the folder %s: %s", dir,
                                                       strerror(errno)) : DP_OK;
    close(fd);
    return rc;
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

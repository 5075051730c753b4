/* Lock files beside a run's outputs: flock, the holder's pid, removed on release. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docpipe/exitcode.h"
#include "docpipe/outfile.h"
#include "runlock.h"
#include "safefile.h"

struct dp_runlock {
    char **paths;
    int *fds;
    size_t n;
};

/* The pid a lock file names, or 0. */
static long holder_pid(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return 0;
    buf[n] = '\0';
    return strtol(buf, NULL, 10);
}

/*
 * Take the lock at path: 0 and *fd_out, 1 busy (message appended), -1 error
 * (errno).  The file may be unlinked by its holder between our open and our
 * flock: then the lock we got is on a dead file, so check that path still
 * names what we locked, and start over when it does not.
 */
static int take(const char *path, const char *output, int *fd_out, dp_strbuf *errs)
{
    /* The lock sits beside the output: its folder is created now, as the run would create it. */
    char *dir = strdup(path);
    if (!dir) return -1;
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) *slash = '\0';
    int made = !slash || slash == dir || dp_mkdirs(dir) == 0;
    free(dir);
    if (!made) return -1;
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) return -1;
        if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
            int e = errno;
            if (e == EWOULDBLOCK) {
                long pid = holder_pid(fd);
                if (pid > 0)
                    dp_strbuf_printf(errs, "%s is being written by another docpipe run (pid %ld; lock %s): wait "
                                     "for it to finish, or stop it\n", output, pid, path);
                else
                    dp_strbuf_printf(errs, "%s is being written by another docpipe run (lock %s): wait for it to "
                                     "finish, or stop it\n", output, path);
            }
            close(fd);
            errno = e;
            return e == EWOULDBLOCK ? 1 : -1;
        }
        struct stat a, b;
        if (fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
            char pid[32];
            int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
            if (ftruncate(fd, 0) == 0 && dp_write_all(fd, pid, (size_t)n) == 0) {
                *fd_out = fd;
                return 0;
            }
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        close(fd);
    }
    errno = EAGAIN;
    return -1;
}

int dp_runlock_acquire(const dp_outputs *o, dp_runlock **out, dp_strbuf *errs)
{
    *out = NULL;
    dp_runlock *l = calloc(1, sizeof *l);
    if (!l || !(l->paths = calloc(o->n + 1, sizeof *l->paths)) || !(l->fds = calloc(o->n + 1, sizeof *l->fds))) {
        dp_runlock_release(l);
        return DP_EXIT_SOFTWARE;
    }
    for (size_t i = 0; i < o->n; i++) {
        const dp_output *e = &o->v[i];
        if (!e->canon) continue; /* standard output */
        size_t len = strlen(e->canon) + 6;
        char *path = malloc(len);
        if (!path) {
            dp_runlock_release(l);
            return DP_EXIT_SOFTWARE;
        }
        snprintf(path, len, "%s.lock", e->canon);
        int fd = -1;
        int rc = take(path, e->path, &fd, errs);
        if (rc != 0) {
            if (rc < 0)
                dp_strbuf_printf(errs, "cannot lock %s (%s): %s\n", e->path, path, strerror(errno));
            free(path);
            dp_runlock_release(l);
            return rc > 0 ? DP_EXIT_TEMPFAIL : DP_EXIT_IOERR;
        }
        l->paths[l->n] = path;
        l->fds[l->n++] = fd;
    }
    *out = l;
    return DP_EXIT_OK;
}

void dp_runlock_release(dp_runlock *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) {
        /* Unlink while holding the lock: a run that opened the old file sees it is gone and starts over. */
        unlink(l->paths[i]);
        close(l->fds[i]);
        free(l->paths[i]);
    }
    free(l->paths);
    free(l->fds);
    free(l);
}

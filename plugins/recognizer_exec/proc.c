/* One worker process: pipes, line exchange under a deadline, stderr forwarding (proc.h). */
/* pipe2 needs _GNU_SOURCE, which the build defines */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"

double xproc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

int xproc_start(xproc *p, char *const argv[], char *const envp[], const char *dir, char *msg, size_t size)
{
    int in[2], out[2], err[2], report[2];
    p->pid = 0;
    p->in_fd = p->out_fd = p->err_fd = -1;
    p->out.len = p->err.len = 0;
    /*
     * Its stdin is a socket, not a pipe: send() with MSG_NOSIGNAL to a worker
     * that died is EPIPE, never a SIGPIPE that would kill docpipe (check and
     * try do not ignore SIGPIPE).
     */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) < 0) goto fail0;
    if (pipe2(out, O_CLOEXEC) < 0) goto fail1;
    if (pipe2(err, O_CLOEXEC) < 0) goto fail2;
    if (pipe2(report, O_CLOEXEC) < 0) goto fail3; /* the child writes errno here when exec fails */
    pid_t pid = fork();
    if (pid < 0) goto fail4;
    if (pid == 0) {
        /* only async-signal-safe calls from here to exec */
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_IGN;
        sigaction(SIGINT, &sa, NULL);
        sa.sa_handler = SIG_DFL;
        sigaction(SIGPIPE, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setpgid(0, 0);
        if (dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) _exit(127);
        if (dir && chdir(dir) < 0) {
            int e = errno;
            ssize_t w = write(report[1], &e, sizeof e);
            (void)w;
            _exit(127);
        }
        if (envp) execvpe(argv[0], argv, envp);
        else execvp(argv[0], argv);
        int e = errno;
        ssize_t w = write(report[1], &e, sizeof e);
        (void)w;
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    close(report[1]);
    int child_errno = 0;
    ssize_t got;
    do got = read(report[0], &child_errno, sizeof child_errno);
    while (got < 0 && errno == EINTR);
    close(report[0]);
    p->pid = pid;
    p->in_fd = in[1];
    p->out_fd = out[0];
    p->err_fd = err[0];
    fcntl(p->in_fd, F_SETFL, fcntl(p->in_fd, F_GETFL) | O_NONBLOCK);
    fcntl(p->out_fd, F_SETFL, fcntl(p->out_fd, F_GETFL) | O_NONBLOCK);
    fcntl(p->err_fd, F_SETFL, fcntl(p->err_fd, F_GETFL) | O_NONBLOCK);
    if (got == (ssize_t)sizeof child_errno) {
        snprintf(msg, size, "cannot run '%s'%s%s: %s", argv[0], dir ? " in " : "", dir ? dir : "",
                 strerror(child_errno));
        xproc_kill(p);
        return -1;
    }
    return 0;
fail4:
    close(report[0]);
    close(report[1]);
fail3:
    close(err[0]);
    close(err[1]);
fail2:
    close(out[0]);
    close(out[1]);
fail1:
    close(in[0]);
    close(in[1]);
fail0:
    snprintf(msg, size, "cannot start '%s': %s", argv[0], strerror(errno));
    return -1;
}

/* Log every complete line of stderr gathered so far (all of it when final). */
static void forward_err(xproc *p, int final)
{
    size_t start = 0;
    for (size_t i = 0; i < p->err.len; i++) {
        if (p->err.data[i] != '\n') continue;
        dp_log(p->inst, DP_LOG_WARN, "worker %d: %.*s", p->number, (int)(i - start), p->err.data + start);
        start = i + 1;
    }
    if (final && start < p->err.len) {
        dp_log(p->inst, DP_LOG_WARN, "worker %d: %.*s", p->number, (int)(p->err.len - start), p->err.data + start);
        start = p->err.len;
    }
    /* a stderr line longer than 16 KiB is logged in pieces rather than held */
    if (start == 0 && p->err.len > 16384) {
        dp_log(p->inst, DP_LOG_WARN, "worker %d: %.*s", p->number, (int)p->err.len, p->err.data);
        start = p->err.len;
    }
    if (start) {
        memmove(p->err.data, p->err.data + start, p->err.len - start);
        p->err.len -= start;
    }
}

/* Read what fd has into b: 1 read something, 0 nothing now, -1 end of file or error. */
static int drain(int fd, dp_strbuf *b)
{
    char chunk[65536];
    int any = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n > 0) {
            dp_strbuf_add(b, chunk, (size_t)n);
            any = 1;
            if ((size_t)n < sizeof chunk) return 1;
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return any;
        return any ? 1 : -1; /* end of file (or an error) */
    }
}

/* A complete line in p->out: moved into line. */
static int take_line(xproc *p, dp_strbuf *line)
{
    char *nl = p->out.len ? memchr(p->out.data, '\n', p->out.len) : NULL;
    if (!nl) return 0;
    size_t n = (size_t)(nl - p->out.data);
    dp_strbuf_add(line, p->out.data, n);
    memmove(p->out.data, nl + 1, p->out.len - n - 1);
    p->out.len -= n + 1;
    return 1;
}

int xproc_exchange(xproc *p, const char *req, size_t len, dp_strbuf *line, double deadline, size_t max_line)
{
    line->len = 0;
    if (line->data) line->data[0] = '\0';
    if (p->pid <= 0) return XP_EXITED;
    size_t sent = 0;
    for (;;) {
        if (sent == len && take_line(p, line)) return line->oom || p->out.oom ? XP_NOMEM : XP_OK;
        if (p->out.len > max_line) return XP_TOO_LONG;
        if (p->out.oom || p->err.oom) return XP_NOMEM;
        double left = deadline - xproc_now();
        if (left <= 0) return XP_TIMEOUT;
        struct pollfd fds[3] = { { p->out_fd, POLLIN, 0 }, { p->err_fd, POLLIN, 0 },
                                 { sent < len ? p->in_fd : -1, POLLOUT, 0 } };
        int timeout_ms = left > 3600 ? 3600000 : (int)(left * 1000) + 1;
        int r = poll(fds, 3, timeout_ms);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return XP_IO;
        if (fds[1].revents) {
            int d = drain(p->err_fd, &p->err);
            forward_err(p, 0);
            if (d < 0) close_fd(&p->err_fd);
        }
        if (fds[2].revents & (POLLERR | POLLHUP)) return XP_EXITED;
        if (fds[2].revents & POLLOUT) {
            ssize_t n = send(p->in_fd, req + sent, len - sent, MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EINTR) return XP_EXITED; /* EPIPE: it closed its input */
            if (n > 0) sent += (size_t)n;
        }
        if (fds[0].revents && drain(p->out_fd, &p->out) < 0) {
            if (take_line(p, line)) return XP_OK;
            return XP_EXITED;
        }
    }
}

static int reap(xproc *p, double deadline)
{
    for (;;) {
        int status = 0;
        pid_t r = waitpid(p->pid, &status, WNOHANG);
        if (r == p->pid || (r < 0 && errno != EINTR)) {
            p->pid = -(status & 0xffff) - 1; /* negative: exited, status kept for xproc_status */
            return 0;
        }
        if (xproc_now() >= deadline) return -1;
        /* forward what it still says on its way out */
        if (p->err_fd >= 0) {
            struct pollfd f = { p->err_fd, POLLIN, 0 };
            if (poll(&f, 1, 10) > 0 && drain(p->err_fd, &p->err) < 0) close_fd(&p->err_fd);
            forward_err(p, 0);
        } else {
            struct timespec ts = { 0, 10000000 };
            nanosleep(&ts, NULL);
        }
    }
}

static void finish(xproc *p)
{
    if (p->err_fd >= 0 && drain(p->err_fd, &p->err) >= 0) forward_err(p, 1);
    else forward_err(p, 1);
    close_fd(&p->in_fd);
    close_fd(&p->out_fd);
    close_fd(&p->err_fd);
    p->out.len = 0;
}

void xproc_stop(xproc *p, double grace)
{
    if (p->pid <= 0) return;
    close_fd(&p->in_fd);
    if (reap(p, xproc_now() + grace) < 0) {
        kill(-p->pid, SIGKILL);
        kill(p->pid, SIGKILL);
        reap(p, xproc_now() + 3600);
    }
    finish(p);
}

void xproc_kill(xproc *p)
{
    if (p->pid <= 0) return;
    kill(-p->pid, SIGKILL);
    kill(p->pid, SIGKILL);
    close_fd(&p->in_fd);
    reap(p, xproc_now() + 3600);
    finish(p);
}

const char *xproc_status(const xproc *p, char *buf, size_t size)
{
    if (p->pid >= 0) {
        snprintf(buf, size, "is running");
        return buf;
    }
    int status = -(p->pid + 1);
    if (WIFEXITED(status)) snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) snprintf(buf, size, "was killed by signal %d", WTERMSIG(status));
    else snprintf(buf, size, "ended");
    return buf;
}

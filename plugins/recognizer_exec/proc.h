/*
 * proc.h — one worker process of the exec plugin: started with its standard
 * streams on pipes, spoken to one line at a time under a deadline, its
 * standard error forwarded to docpipe's log line by line, stopped politely or
 * killed.
 */
#ifndef EXEC_PROC_H
#define EXEC_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include <docpipe/docpipe.h>

typedef struct xproc {
    pid_t pid;            /* 0: not running */
    int in_fd, out_fd, err_fd;
    dp_strbuf out;        /* bytes read from its stdout, not yet taken as lines */
    dp_strbuf err;        /* a partial line of its stderr */
    int number;           /* 1..: names it in messages */
    const dp_instance *inst;
} xproc;

/* What an exchange ended with. */
enum { XP_OK = 0, XP_TIMEOUT = 1, XP_EXITED = 2, XP_TOO_LONG = 3, XP_IO = 4, XP_NOMEM = 5 };

/*
 * Start argv[0] (looked up on PATH) in directory dir with argv and the
 * environment envp (NULL: docpipe's), its stdin,
 * stdout and stderr on pipes, in its own process group (a terminal's Ctrl-C
 * reaches docpipe, which finishes its documents and then closes the worker's
 * input) and with SIGINT ignored.  0, or -1 with the reason in msg.
 */
int xproc_start(xproc *p, char *const argv[], char *const envp[], const char *dir, char *msg, size_t size);

/*
 * Write len bytes of req (may be 0), then read one line of the worker's
 * stdout into line (without its newline; line is reset first), forwarding
 * its stderr meanwhile; give up at the monotonic deadline (seconds, see
 * xproc_now) or when a line exceeds max_line bytes.  XP_OK or why not.
 */
int xproc_exchange(xproc *p, const char *req, size_t len, dp_strbuf *line, double deadline, size_t max_line);

/* Close its stdin and wait up to grace seconds for it to exit (forwarding its stderr), then kill it. */
void xproc_stop(xproc *p, double grace);

/* Kill it at once (SIGKILL to its process group) and reap it. */
void xproc_kill(xproc *p);

/* How it ended, for messages ("exited with status 3", "killed by signal 9"), after xproc_stop/kill. */
const char *xproc_status(const xproc *p, char *buf, size_t size);

/* Seconds on the monotonic clock. */
double xproc_now(void);

#endif

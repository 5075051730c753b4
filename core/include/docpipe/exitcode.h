/*
 * docpipe/exitcode.h — the exit codes of a docpipe run, named once.
 *
 * The values are those of BSD's sysexits.h (and 130 = 128 + SIGINT, as shells
 * report an interrupted command), so that batch systems and shell scripts can
 * tell a bad config from a bad document from a full disk.  The command line
 * returns them; the engine and the run plan compute them; the README's table
 * explains them to users.
 */
#ifndef DOCPIPE_EXITCODE_H
#define DOCPIPE_EXITCODE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dp_exit {
    DP_EXIT_OK = 0,           /* every document written */
    DP_EXIT_USAGE = 64,       /* bad command line, bad shard, a checkpoint of another run */
    DP_EXIT_DATAERR = 65,     /* some documents failed (dead-lettered), or --max-failures exceeded */
    DP_EXIT_NOINPUT = 66,     /* an input is missing or unreadable, or matched nothing */
    DP_EXIT_SOFTWARE = 70,    /* internal error: out of memory, threads */
    DP_EXIT_IOERR = 74,       /* I/O error or a plugin's fatal error: the run stopped */
    DP_EXIT_TEMPFAIL = 75,    /* the outputs are being written by another run: try again later */
    DP_EXIT_CONFIG = 78,      /* the config (or its combination with the command line) is invalid */
    DP_EXIT_INTERRUPTED = 130 /* SIGINT/SIGTERM: stopped cleanly, resumable */
} dp_exit;

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_EXITCODE_H */

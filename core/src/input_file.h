/*
 * Reading one input (input_file.c), bounded and interruptible: no read takes
 * more memory than max_size allows before it is known to fit — a regular file
 * by its size, a stream (standard input, a pipe, a FIFO or device named on the
 * command line) and a line as they arrive, so a 300 MB line under a 64M limit
 * costs 64M, not 300M —, and a read that waits for data (a pipe, a terminal)
 * gives up as soon as the run stops.
 */
#ifndef DP_INPUT_FILE_H
#define DP_INPUT_FILE_H

#include <stdatomic.h>
#include <stddef.h>

typedef struct dp_input_file {
    int fd;
    int owned;              /* opened here: closed by dp_input_file_close (not standard input) */
    int regular;
    long long size;         /* of a regular file, when opened */
    const atomic_int *stop; /* non-zero: the run stops; a waiting read gives up */
    char *chunk;            /* line reading: bytes read, not yet returned */
    size_t chunk_pos, chunk_len;
    char *line;             /* the line returned last */
    size_t line_cap;
    int eof;
} dp_input_file;

enum {
    DP_READ_OK = 0,
    DP_READ_EOF,       /* no more lines */
    DP_READ_TOO_LARGE, /* over max_size: nothing of it is kept */
    DP_READ_ERROR,     /* errno says why */
    DP_READ_STOPPED,   /* the run stopped while waiting for data */
    DP_READ_NOMEM
};

/* Open path ("-": standard input, left open at close).  0, or -1 with errno. */
int dp_input_file_open(dp_input_file *f, const char *path, const atomic_int *stop);

/*
 * The whole input into *data (malloc'd, *len bytes, NUL-terminated).
 * DP_READ_TOO_LARGE with *len = its size when known (a regular file), else
 * max + 1.
 */
int dp_input_file_read_all(dp_input_file *f, long long max, char **data, size_t *len);

/*
 * The next line (without its line end) in *line, valid until the next call,
 * *len bytes; *raw is how many bytes of input it took (its end included).
 * DP_READ_TOO_LARGE when the line is longer than max: it is skipped whole,
 * *len is its length and *line NULL.  DP_READ_EOF after the last line.
 */
int dp_input_file_next_line(dp_input_file *f, long long max, char **line, size_t *len, size_t *raw);

void dp_input_file_close(dp_input_file *f);

#endif

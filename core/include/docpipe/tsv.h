/*
 * docpipe/tsv.h — reading the TAB-separated data files of plugins.
 *
 * Gazetteers, glossaries, name lists and rank tables (data/README.md) share
 * one format, and every plugin reads it through this loader, so that they
 * all accept and reject the same files with the same messages:
 *
 *   - one row per line; LF or CRLF line ends;
 *   - lines starting with '#' are comments, empty lines are skipped;
 *   - columns are separated by one TAB each (an empty column is "");
 *   - every other line must be valid UTF-8 without NUL bytes; it is handed
 *     over in NFC (a line in another normalization form is normalised);
 *   - a row whose column count is outside the expected range is an error.
 *
 * Every error reads "NAME:LINE: what was expected", NAME being the path the
 * file was opened with:
 *
 *     lists/orgs.tsv:12: expected 4 or 5 TAB-separated columns
 *       (surface, type, id, english[, attrs]), found 3
 *
 * Use:
 *
 *     dp_tsv *t = dp_tsv_open(path);
 *     if (!t) → out of memory
 *     dp_tsv_expect(t, 4, 5, "surface, type, id, english[, attrs]");
 *     dp_tsv_row row;
 *     int rc;
 *     while ((rc = dp_tsv_next(t, &row)) > 0) {
 *         if (!*row.col[2]) { rc = dp_tsv_fail(t, "empty id"); break; }
 *         … row.col[0] … row.len[0] …
 *     }
 *     if (rc < 0) report dp_tsv_error(t);
 *     dp_tsv_close(t);
 *
 * A reader is used by one thread at a time.
 */
#ifndef DOCPIPE_TSV_H
#define DOCPIPE_TSV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_tsv dp_tsv;

/* One row.  The strings stay valid until the next dp_tsv_next or close. */
typedef struct dp_tsv_row {
    size_t line;             /* 1-based line number */
    size_t n;                /* number of columns */
    const char *const *col;  /* col[0..n): the columns, NUL-terminated */
    const size_t *len;       /* len[0..n): their byte lengths */
} dp_tsv_row;

/*
 * A reader of the file at path.  NULL only when memory is exhausted: a file
 * that cannot be opened or read (missing, a directory, no permission) is
 * reported by the first dp_tsv_next, as "PATH: reason".
 */
dp_tsv *dp_tsv_open(const char *path);

/* A reader of data[0..len) (not copied: keep it alive), named `name` in messages. */
dp_tsv *dp_tsv_open_buffer(const char *name, const char *data, size_t len);

/*
 * The columns a row must have: at least min_cols and, when max_cols is not
 * 0, at most max_cols.  `columns` names them for messages, e.g. "vi, en,
 * kind[, note]" (may be NULL; the string must outlive the reader).  Without
 * a call every row with at least one column is accepted.
 */
void dp_tsv_expect(dp_tsv *t, size_t min_cols, size_t max_cols, const char *columns);

/*
 * The next row into *row: 1; 0 at the end of the file; -1 on an error
 * (message in dp_tsv_error).  After -1 the reader stays failed.
 */
int dp_tsv_next(dp_tsv *t, dp_tsv_row *row);

/*
 * Reject the current row for a reason of the caller's ("unknown kind
 * 'x'"): the message becomes "NAME:LINE: reason", the reader fails.
 * Returns -1, so that a loader writes `return dp_tsv_fail(t, "…", …);`.
 */
int dp_tsv_fail(dp_tsv *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The message of the last error ("" when none). */
const char *dp_tsv_error(const dp_tsv *t);

/* The name given at open (the path). */
const char *dp_tsv_name(const dp_tsv *t);

/* Close the file and free the reader.  NULL is a no-op. */
void dp_tsv_close(dp_tsv *t);

/* ---- the attributes column: "key=value;key=value" ------------------------- */

/*
 * The next item of an attributes column s[0..len) from *pos: 1 with the key
 * in s[*k, *k + *kl) and the value in s[*v, *v + *vl); 0 at the end; -1 for
 * an item that is not key=value (the item in s[*k, *k + *kl)).  Blanks
 * around items are ignored, empty items skipped.
 */
int dp_tsv_attr_next(const char *s, size_t len, size_t *pos, size_t *k, size_t *kl, size_t *v,
                     size_t *vl);

/* The value of key in an attributes column (not NUL-terminated: *vlen bytes), or NULL. */
const char *dp_tsv_attr(const char *s, size_t len, const char *key, size_t *vlen);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_TSV_H */

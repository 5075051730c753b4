/*
 * docpipe/outfile.h — crash-safe output files for writers.
 *
 * A dp_outfile writes to "<path>.tmp" and renames it to <path> only when the
 * run completes (dp_outfile_commit), so a reader never sees a half file under
 * the final name.  The temporary file is created anew, never through a
 * symbolic link planted under its name.  Checkpoints make the written part
 * durable and record its length and checksum; after a crash, `docpipe run
 * --resume` reopens the temporary file, verifies that it still starts with
 * what the checkpoint recorded, truncates it there and goes on, so the output
 * ends exactly as an uninterrupted run's would.  When the run died while
 * committing, after this output was renamed, restore finds the final file
 * and verifies it instead; commit then has nothing left to do.  The whole
 * protocol: docs/commit-protocol.md.  The path "-" means standard output,
 * flushed after every record (streaming mode); it cannot be resumed.
 *
 * Every failure (no directory, no permission, disk full) is reported in err
 * with the path and the system's reason.
 */
#ifndef DOCPIPE_OUTFILE_H
#define DOCPIPE_OUTFILE_H

#include <stdio.h>

#include "path.h" /* dp_mkdirs, which lived here */
#include "plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_outfile dp_outfile;

/*
 * Open the output of an instance.  When the instance is resuming, the
 * existing temporary file is kept for dp_outfile_restore(); otherwise it is
 * created empty (and missing parent directories are created).
 * Returns NULL with a message given to dp_instance_error().
 */
dp_outfile *dp_outfile_open(dp_instance *inst, const char *path);

/* The stream to write to. */
FILE *dp_outfile_stream(dp_outfile *f);

/* The final path ("-" for standard output). */
const char *dp_outfile_path(const dp_outfile *f);

/* Call after each document: flushes standard output, checks for write errors. */
int dp_outfile_end_record(dp_outfile *f, dp_error *err);

/* Flush and fsync; write the current length and checksum into token (40 bytes are enough). */
int dp_outfile_checkpoint(dp_outfile *f, char *token, size_t size, dp_error *err);

/*
 * Return to the checkpoint recorded in token: verify that the temporary file
 * (or, when the run was committing, the final one) starts with the recorded
 * bytes, and truncate it there.  DP_FAILED when it does not — the output
 * changed since the run stopped, and resuming would write a wrong file;
 * `docpipe run` then refuses (exit 64) —, DP_FATAL for an I/O error.
 */
int dp_outfile_restore(dp_outfile *f, const char *token, dp_error *err);

/* Flush, fsync, close and rename to the final path (and sync its folder). */
int dp_outfile_commit(dp_outfile *f, dp_error *err);

/* Close without committing (the temporary file stays for --resume); frees f. */
void dp_outfile_close(dp_outfile *f);

/*
 * Write a whole small file atomically (temp + fsync + rename; the temporary
 * file is created anew, never through a link), creating parent directories:
 * for writers that emit one file per document.
 */
int dp_write_file_atomic(const char *path, const void *data, size_t len, dp_error *err);

/*
 * fsync the folder dir, so that the files dp_write_file_atomic renamed into
 * it survive a power failure: such writers call it at every checkpoint.
 */
int dp_outdir_sync(const char *dir, dp_error *err);

/*
 * Remove, in dir, the temporary files dp_write_file_atomic leaves when a run
 * is killed mid-write ("NAME.tmp<pid>"), for names ending in one of the
 * NULL-terminated exts (".txt" …): a writer calls it at flush so that a
 * resumed run ends with exactly the files of an uninterrupted one.
 */
void dp_remove_stale_temps(const char *dir, const char *const *exts);

/*
 * A file-name stem for a document id, for writers that write one file per
 * document: [A-Za-z0-9._-] kept, anything else (and a leading '.') replaced
 * by '_'; when anything was replaced, or the id is long, a hash of the full id
 * is appended, so distinct ids give distinct names and no id escapes the
 * output folder ("../x", "a/b").  out has size bytes (at least 32).
 */
void dp_file_stem(const char *id, char *out, size_t size);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_OUTFILE_H */
